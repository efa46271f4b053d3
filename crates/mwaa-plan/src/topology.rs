//! Lookups and derived facts about a plan, computed once per check.
//!
//! Rules ask questions such as "which route table does this subnet use?" or
//! "where does its default route go?" many times. [`Topology`] indexes the
//! plan's parts by id so every such question is a hash lookup, keeping a
//! check of a large plan close to linear in its size.

use std::collections::HashMap;

use crate::network_acl::NetworkAcl;
use crate::plan::{
    Endpoint, EndpointKind, NatGateway, Plan, RouteTable, RouteTarget,
    SecurityGroup, Subnet,
};
use crate::region::{self, Region};

/// A plan with its parts indexed by id.
#[derive(Debug)]
pub struct Topology<'p> {
    /// The plan.
    pub plan: &'p Plan,
    /// The plan's Region, if MWAA runs there.
    pub region: Option<&'static Region>,
    subnets: HashMap<&'p str, &'p Subnet>,
    route_tables: HashMap<&'p str, &'p RouteTable>,
    nat_gateways: HashMap<&'p str, &'p NatGateway>,
    security_groups: HashMap<&'p str, &'p SecurityGroup>,
    network_acls: HashMap<&'p str, &'p NetworkAcl>,
    endpoints: HashMap<&'p str, &'p Endpoint>,
}

impl<'p> Topology<'p> {
    /// Indexes `plan`. When two parts share an id, the first one wins; the
    /// `duplicate-id` rule reports the clash.
    pub fn new(plan: &'p Plan) -> Topology<'p> {
        Topology {
            plan,
            region: region::find(&plan.region),
            subnets: index(&plan.subnets, |s| &s.id),
            route_tables: index(&plan.route_tables, |t| &t.id),
            nat_gateways: index(&plan.nat_gateways, |n| &n.id),
            security_groups: index(&plan.security_groups, |g| &g.id),
            network_acls: index(&plan.network_acls, |a| &a.id),
            endpoints: index(&plan.endpoints, |e| &e.id),
        }
    }

    /// The subnet with this id.
    pub fn subnet(&self, id: &str) -> Option<&'p Subnet> {
        self.subnets.get(id).copied()
    }

    /// The route table with this id.
    pub fn route_table(&self, id: &str) -> Option<&'p RouteTable> {
        self.route_tables.get(id).copied()
    }

    /// The NAT gateway with this id.
    pub fn nat_gateway(&self, id: &str) -> Option<&'p NatGateway> {
        self.nat_gateways.get(id).copied()
    }

    /// The security group with this id.
    pub fn security_group(&self, id: &str) -> Option<&'p SecurityGroup> {
        self.security_groups.get(id).copied()
    }

    /// The network ACL with this id.
    pub fn network_acl(&self, id: &str) -> Option<&'p NetworkAcl> {
        self.network_acls.get(id).copied()
    }

    /// The endpoint with this id.
    pub fn endpoint(&self, id: &str) -> Option<&'p Endpoint> {
        self.endpoints.get(id).copied()
    }

    /// Whether the plan has an internet gateway with this id.
    pub fn has_internet_gateway(&self, id: &str) -> bool {
        self.plan
            .internet_gateway
            .as_ref()
            .is_some_and(|gateway| gateway.id == id)
    }

    /// The environment's subnets that exist in the plan, in the order the
    /// environment names them.
    pub fn env_subnets(&self) -> impl Iterator<Item = &'p Subnet> + '_ {
        self.plan
            .environment
            .subnets
            .iter()
            .filter_map(|id| self.subnet(id))
    }

    /// The environment's security groups that exist in the plan.
    pub fn env_security_groups(
        &self,
    ) -> impl Iterator<Item = &'p SecurityGroup> + '_ {
        self.plan
            .environment
            .security_groups
            .iter()
            .filter_map(|id| self.security_group(id))
    }

    /// Whether `id` names one of the environment's security groups.
    pub fn is_env_security_group(&self, id: &str) -> bool {
        self.plan
            .environment
            .security_groups
            .iter()
            .any(|g| g == id)
    }

    /// Whether `id` names one of the environment's subnets.
    pub fn is_env_subnet(&self, id: &str) -> bool {
        self.plan.environment.subnets.iter().any(|s| s == id)
    }

    /// The route table a subnet uses, or `None` for the VPC's main route
    /// table (which holds only the local route) or a missing one.
    pub fn route_table_of(&self, subnet: &Subnet) -> Option<&'p RouteTable> {
        subnet
            .route_table
            .as_deref()
            .and_then(|id| self.route_table(id))
    }

    /// The network ACL a subnet uses, or `None` for the VPC's default ACL
    /// (which allows all traffic) or a missing one.
    pub fn network_acl_of(&self, subnet: &Subnet) -> Option<&'p NetworkAcl> {
        subnet
            .network_acl
            .as_deref()
            .and_then(|id| self.network_acl(id))
    }

    /// Where a subnet's traffic for `0.0.0.0/0` goes, if anywhere.
    pub fn default_route(&self, subnet: &Subnet) -> Option<&'p RouteTarget> {
        self.route_table_of(subnet)?
            .routes
            .iter()
            .find(|route| route.destination.is_default_route())
            .map(|route| &route.target)
    }

    /// Whether a subnet is public: its default route goes to an internet
    /// gateway.
    pub fn is_public(&self, subnet: &Subnet) -> bool {
        matches!(
            self.default_route(subnet),
            Some(RouteTarget::InternetGateway(_))
        )
    }

    /// Whether any route of the subnet's route table goes to an internet
    /// gateway.
    pub fn routes_to_internet_gateway(&self, subnet: &Subnet) -> bool {
        self.route_table_of(subnet).is_some_and(|table| {
            table.routes.iter().any(|route| {
                matches!(route.target, RouteTarget::InternetGateway(_))
            })
        })
    }

    /// The NAT gateway a subnet's default route uses, if it uses one.
    pub fn default_nat(&self, subnet: &Subnet) -> Option<&'p NatGateway> {
        match self.default_route(subnet)? {
            RouteTarget::NatGateway(id) => self.nat_gateway(id),
            _ => None,
        }
    }

    /// The Availability Zone of a NAT gateway, through its subnet.
    pub fn nat_zone(&self, nat: &NatGateway) -> Option<&'p str> {
        self.subnet(&nat.subnet)
            .map(|subnet| subnet.availability_zone.as_str())
    }

    /// The plan's endpoints for a service, such as `logs`.
    pub fn endpoints_for<'s>(
        &'s self,
        service: &'s str,
    ) -> impl Iterator<Item = &'p Endpoint> + 's {
        self.plan
            .endpoints
            .iter()
            .filter(move |endpoint| endpoint.service == service)
    }

    /// The plan's interface endpoints.
    pub fn interface_endpoints(&self) -> impl Iterator<Item = &'p Endpoint> {
        self.plan
            .endpoints
            .iter()
            .filter(|endpoint| endpoint.kind == EndpointKind::Interface)
    }
}

fn index<'p, T>(
    parts: &'p [T],
    id: impl Fn(&'p T) -> &'p String,
) -> HashMap<&'p str, &'p T> {
    let mut map = HashMap::with_capacity(parts.len());
    for part in parts {
        map.entry(id(part).as_str()).or_insert(part);
    }
    map
}
