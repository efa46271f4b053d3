//! A template being built from a plan: the logical ids handed out so far,
//! and which resource or parameter stands for each part of the plan.
//!
//! Parts refer to each other by plan id; the template refers to them by
//! logical id. Every part the template creates or takes as a parameter is
//! bound to its logical id before any resource is added, so a resource can
//! refer to a part printed later (a NAT gateway to its subnet). A reference
//! to a part the plan lacks finds nothing and is left out: the
//! `dangling-reference` and `route-target-missing` rules report it.

use std::collections::HashMap;

use super::logical_id::LogicalIds;
use super::template::{Map, Resource, Template, Value};
use super::Options;
use crate::plan::{Plan, Provenance};

/// The logical id of the VPC, when the template creates it.
pub const VPC: &str = "Vpc";
/// The logical id of the VPC parameter, when the VPC exists.
pub const VPC_PARAMETER: &str = "VpcId";
/// The logical id of the internet gateway.
pub const INTERNET_GATEWAY: &str = "InternetGateway";
/// The logical id of the internet gateway's attachment to the VPC.
pub const ATTACHMENT: &str = "InternetGatewayAttachment";
/// The logical id of the MWAA environment.
pub const ENVIRONMENT: &str = "Environment";
/// The logical id of the environment's execution role.
pub const EXECUTION_ROLE: &str = "ExecutionRole";
/// The logical id of the DAG bucket the template creates.
pub const DAG_BUCKET: &str = "DagBucket";
/// The logical id of the parameter naming an existing DAG bucket.
pub const DAG_BUCKET_PARAMETER: &str = "DagBucketName";

/// The groups resources are printed under, in template order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// The VPC and its CIDR blocks.
    Vpc,
    /// The internet gateway, Elastic IPs and NAT gateways.
    InternetAccess,
    /// Subnets.
    Subnets,
    /// Route tables, routes and their associations.
    Routing,
    /// Network ACLs, their entries and associations.
    NetworkAcls,
    /// Security groups and their rules.
    SecurityGroups,
    /// VPC endpoints.
    Endpoints,
    /// The environment, its execution role and DAG bucket.
    Environment,
}

/// The kinds of plan part other parts refer to by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A subnet.
    Subnet,
    /// A route table.
    RouteTable,
    /// A NAT gateway.
    NatGateway,
    /// A security group.
    SecurityGroup,
    /// A network ACL.
    NetworkAcl,
    /// A VPC endpoint.
    Endpoint,
}

/// A template under construction.
pub struct Build<'p> {
    /// The plan.
    pub plan: &'p Plan,
    /// What to include beyond the network.
    pub options: &'p Options,
    /// The template so far.
    pub template: Template,
    ids: LogicalIds,
    parts: HashMap<(Kind, String), String>,
}

impl<'p> Build<'p> {
    /// An empty template for `plan`, with the fixed logical ids reserved.
    pub fn new(plan: &'p Plan, options: &'p Options) -> Build<'p> {
        let mut ids = LogicalIds::new();
        for id in [
            VPC,
            VPC_PARAMETER,
            INTERNET_GATEWAY,
            ATTACHMENT,
            ENVIRONMENT,
            EXECUTION_ROLE,
            DAG_BUCKET,
            DAG_BUCKET_PARAMETER,
        ] {
            ids.reserve(id);
        }
        Build {
            plan,
            options,
            template: Template::default(),
            ids,
            parts: HashMap::new(),
        }
    }

    /// Whether the template creates the VPC.
    pub fn creates_vpc(&self) -> bool {
        self.plan.vpc.provenance == Provenance::New
    }

    /// Binds every part a new VPC's template creates (subnets, route
    /// tables, NAT gateways in known subnets, network ACLs) to a logical
    /// id, in plan order.
    pub fn bind_network(&mut self) {
        let plan = self.plan;
        for subnet in unique(&plan.subnets, |s| &s.id) {
            self.bind(Kind::Subnet, &subnet.id, &subnet.name, "Subnet");
        }
        for table in unique(&plan.route_tables, |t| &t.id) {
            self.bind(Kind::RouteTable, &table.id, &table.name, "RouteTable");
        }
        for nat in unique(&plan.nat_gateways, |n| &n.id) {
            if self.logical(Kind::Subnet, &nat.subnet).is_some() {
                self.bind(Kind::NatGateway, &nat.id, &nat.name, "NatGateway");
            }
        }
        for acl in unique(&plan.network_acls, |a| &a.id) {
            self.bind(Kind::NetworkAcl, &acl.id, &acl.name, "NetworkAcl");
        }
    }

    /// Binds every security group and VPC endpoint to a logical id, in
    /// plan order: the template creates them in a new VPC and an existing
    /// one alike.
    pub fn bind_additions(&mut self) {
        let plan = self.plan;
        for group in unique(&plan.security_groups, |g| &g.id) {
            let id = &group.id;
            self.bind(Kind::SecurityGroup, id, &group.name, "SecurityGroup");
        }
        for endpoint in unique(&plan.endpoints, |e| &e.id) {
            self.bind(Kind::Endpoint, &endpoint.id, &endpoint.name, "Endpoint");
        }
    }

    /// A new logical id for something of `kind` named `name`.
    pub fn assign(&mut self, name: &str, kind: &str) -> String {
        self.ids.assign(name, kind)
    }

    /// Binds the part `id` named `name` to a new logical id ending in
    /// `suffix`, and returns the logical id.
    pub fn bind(
        &mut self,
        kind: Kind,
        id: &str,
        name: &str,
        suffix: &str,
    ) -> String {
        let logical = self.assign(name, suffix);
        self.parts.insert((kind, id.to_owned()), logical.clone());
        logical
    }

    /// The logical id bound to the part `id`.
    pub fn logical(&self, kind: Kind, id: &str) -> Option<&str> {
        self.parts.get(&(kind, id.to_owned())).map(String::as_str)
    }

    /// `!Ref` to the part `id`: its id, or for a parameter its value.
    pub fn reference(&self, kind: Kind, id: &str) -> Option<Value> {
        self.logical(kind, id).map(Value::reference)
    }

    /// `!GetAtt` of the group id of the security group `id`.
    pub fn group_id(&self, id: &str) -> Option<Value> {
        let logical = self.logical(Kind::SecurityGroup, id)?;
        Some(Value::attribute(logical, "GroupId"))
    }

    /// `!Ref` to each of `ids` that the template knows, in order, once
    /// each.
    pub fn references(&self, kind: Kind, ids: &[String]) -> Vec<Value> {
        let known = self.known(kind, ids);
        known.into_iter().map(Value::reference).collect()
    }

    /// The group id of each of the security groups `ids` that the template
    /// knows, in order, once each.
    pub fn group_ids(&self, ids: &[String]) -> Vec<Value> {
        let known = self.known(Kind::SecurityGroup, ids);
        let group_id = |logical| Value::attribute(logical, "GroupId");
        known.into_iter().map(group_id).collect()
    }

    /// The logical ids bound to `ids`, in order, once each.
    fn known(&self, kind: Kind, ids: &[String]) -> Vec<&str> {
        let mut known = Vec::new();
        for logical in ids.iter().filter_map(|id| self.logical(kind, id)) {
            if !known.contains(&logical) {
                known.push(logical);
            }
        }
        known
    }

    /// The VPC's id: the VPC resource or the VPC parameter.
    pub fn vpc(&self) -> Value {
        if self.creates_vpc() {
            Value::reference(VPC)
        } else {
            Value::reference(VPC_PARAMETER)
        }
    }

    /// The logical id of the internet gateway's attachment, when the
    /// template creates one.
    pub fn attachment(&self) -> Option<&'static str> {
        let created =
            self.creates_vpc() && self.plan.internet_gateway.is_some();
        created.then_some(ATTACHMENT)
    }

    /// Adds a resource after the others.
    pub fn add(
        &mut self,
        group: Group,
        id: String,
        kind: &str,
        properties: Map,
    ) {
        self.add_after(group, id, kind, Vec::new(), properties);
    }

    /// Adds a resource after the others, to be created after the resources
    /// `depends_on`.
    pub fn add_after(
        &mut self,
        group: Group,
        id: String,
        kind: &str,
        depends_on: Vec<String>,
        properties: Map,
    ) {
        self.template.resources.push(Resource {
            id,
            kind: kind.to_owned(),
            group: group.title().to_owned(),
            depends_on,
            properties,
        });
    }
}

impl Group {
    /// The comment the group is printed under.
    pub fn title(self) -> &'static str {
        match self {
            Group::Vpc => "VPC",
            Group::InternetAccess => "Internet access",
            Group::Subnets => "Subnets",
            Group::Routing => "Routing",
            Group::NetworkAcls => "Network ACLs",
            Group::SecurityGroups => "Security groups",
            Group::Endpoints => "VPC endpoints",
            Group::Environment => "Environment",
        }
    }
}

/// The parts whose id no earlier part has, in order. When two parts share
/// an id, only the first goes into the template, as only the first is
/// found by reference; the `duplicate-id` rule reports the clash.
pub fn unique<T>(parts: &[T], id: impl Fn(&T) -> &String) -> Vec<&T> {
    let mut seen = std::collections::HashSet::new();
    parts.iter().filter(|part| seen.insert(id(part))).collect()
}
