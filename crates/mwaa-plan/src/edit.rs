//! Edits a user makes to a plan, beyond changing one field: switching the
//! routing, adding an Availability Zone or a subnet, carving the subnets'
//! blocks, renaming parts and applying the rules' fixes.
//!
//! The web app and the command line both edit plans through these
//! functions, so an edit behaves the same wherever it is made.

use ipnet::Ipv4Net;

use crate::cidr;
use crate::fix::EditError;
use crate::plan::{
    EndpointKind, InternetGateway, NatGateway, Plan, RouteTable, RouteTarget,
    Routing, Subnet,
};
use crate::recommended;
use crate::region;
use crate::rules;
use crate::service;

/// The prefix length of the subnets the planner carves: /24, as AWS's
/// templates use, 251 usable addresses.
pub const SUBNET_PREFIX: u8 = 24;

/// Why an edit could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanEditError {
    /// The VPC has no room left for a block of that size.
    NoRoom {
        /// The prefix length that was asked for.
        prefix_len: u8,
    },
    /// Every Availability Zone of the Region already has a subnet.
    NoFreeZone(String),
    /// The plan's Region is not one where MWAA runs.
    UnknownRegion(String),
    /// An edit named a part the plan does not have.
    Part(EditError),
}

/// Switches the plan between public and private routing, rewiring the
/// network to match.
///
/// To public routing: adds an internet gateway and a public route table,
/// a public subnet with a NAT gateway in each Availability Zone of the
/// environment's subnets, gives each environment subnet a route table whose
/// default route uses the NAT gateway of its zone, and removes the interface
/// endpoints that only private routing needs (gateway endpoints, which cost
/// nothing, stay).
///
/// To private routing: removes the NAT gateways, the internet gateway and
/// every route to them, turns on the VPC's DNS support and host names, and
/// adds the endpoints MWAA needs.
///
/// # Examples
///
/// ```
/// use mwaa_plan::presets::{self, Preset};
/// use mwaa_plan::{edit, rules, Routing};
///
/// let mut plan = presets::build(Preset::PublicPrivateWebserver);
/// edit::set_routing(&mut plan, Routing::Private).unwrap();
///
/// assert!(plan.nat_gateways.is_empty());
/// assert!(rules::check(&plan).is_ready());
/// ```
pub fn set_routing(
    plan: &mut Plan,
    routing: Routing,
) -> Result<(), PlanEditError> {
    let mut edited = plan.clone();
    edited.routing = routing;
    match routing {
        Routing::Public => wire_public_routing(&mut edited)?,
        Routing::Private => wire_private_routing(&mut edited)?,
    }
    *plan = edited;
    Ok(())
}

fn wire_private_routing(plan: &mut Plan) -> Result<(), PlanEditError> {
    plan.nat_gateways.clear();
    plan.internet_gateway = None;
    for table in &mut plan.route_tables {
        table.routes.retain(|route| {
            !matches!(
                route.target,
                RouteTarget::NatGateway(_) | RouteTarget::InternetGateway(_)
            )
        });
    }
    plan.vpc.dns_support = true;
    plan.vpc.dns_hostnames = true;

    let region = known_region(plan)?;
    for required in service::required(region) {
        let served = plan
            .endpoints
            .iter()
            .any(|e| service::serves(&e.service, required.service));
        if !served {
            let endpoint = recommended::required_endpoint(plan, required);
            plan.endpoints.push(endpoint);
        }
    }
    Ok(())
}

fn wire_public_routing(plan: &mut Plan) -> Result<(), PlanEditError> {
    let region = known_region(plan)?;
    plan.endpoints.retain(|endpoint| {
        endpoint.kind == EndpointKind::Gateway
            || !service::required(region)
                .any(|r| service::serves(&endpoint.service, r.service))
    });
    let gateway = internet_gateway(plan);
    let public_table = public_route_table(plan, &gateway);

    let env_subnets = plan.environment.subnets.clone();
    for subnet_id in env_subnets {
        let Some(zone) = zone_of(plan, &subnet_id) else {
            continue;
        };
        let public = public_subnet_in(plan, &zone, &public_table)?;
        let nat = nat_in(plan, &public);
        route_through(plan, &subnet_id, RouteTarget::NatGateway(nat));
    }
    Ok(())
}

fn known_region(plan: &Plan) -> Result<&'static region::Region, PlanEditError> {
    region::find(&plan.region)
        .ok_or_else(|| PlanEditError::UnknownRegion(plan.region.clone()))
}

/// The id of the plan's internet gateway, added when missing.
fn internet_gateway(plan: &mut Plan) -> String {
    if let Some(gateway) = &plan.internet_gateway {
        return gateway.id.clone();
    }
    let id = plan.unique_id("igw");
    plan.internet_gateway = Some(InternetGateway {
        id: id.clone(),
        name: format!("{}-igw", plan.name),
    });
    id
}

/// The id of a route table whose default route goes to the internet
/// gateway, added when missing.
fn public_route_table(plan: &mut Plan, gateway: &str) -> String {
    let existing = plan.route_tables.iter().find(|table| {
        table.routes.iter().any(|route| {
            route.destination.is_default_route()
                && route.target == RouteTarget::InternetGateway(gateway.into())
        })
    });
    if let Some(table) = existing {
        return table.id.clone();
    }
    let id = plan.unique_id("rtb-public");
    plan.route_tables.push(RouteTable {
        id: id.clone(),
        name: format!("{}-public", plan.name),
        routes: vec![recommended::default_route(RouteTarget::InternetGateway(
            gateway.to_owned(),
        ))],
    });
    id
}

fn zone_of(plan: &Plan, subnet_id: &str) -> Option<String> {
    plan.subnets
        .iter()
        .find(|subnet| subnet.id == subnet_id)
        .map(|subnet| subnet.availability_zone.clone())
}

/// The id of a subnet in `zone` on the public route table, added (with the
/// next free /24) when missing.
fn public_subnet_in(
    plan: &mut Plan,
    zone: &str,
    public_table: &str,
) -> Result<String, PlanEditError> {
    let existing = plan.subnets.iter().find(|subnet| {
        subnet.availability_zone == zone
            && subnet.route_table.as_deref() == Some(public_table)
    });
    if let Some(subnet) = existing {
        return Ok(subnet.id.clone());
    }
    let id = add_subnet(plan, zone, SUBNET_PREFIX)?;
    if let Some(subnet) = plan.subnets.iter_mut().find(|s| s.id == id) {
        subnet.route_table = Some(public_table.to_owned());
        subnet.name = format!("{}-public-{zone}", plan.name);
    }
    Ok(id)
}

/// The id of a NAT gateway in `subnet`, added (with an Elastic IP) when
/// missing.
fn nat_in(plan: &mut Plan, subnet: &str) -> String {
    let existing = plan.nat_gateways.iter().find(|nat| nat.subnet == subnet);
    if let Some(nat) = existing {
        return nat.id.clone();
    }
    let id = plan.unique_id("nat");
    plan.nat_gateways.push(NatGateway {
        id: id.clone(),
        name: format!("{}-{id}", plan.name),
        subnet: subnet.to_owned(),
        elastic_ip: true,
    });
    id
}

/// Points a subnet's default route at `target`, giving the subnet a route
/// table of its own first when it shares one (or has none).
pub fn route_through(plan: &mut Plan, subnet_id: &str, target: RouteTarget) {
    let table_id = own_route_table(plan, subnet_id);
    let Some(table) = plan.route_tables.iter_mut().find(|t| t.id == table_id)
    else {
        return;
    };
    table
        .routes
        .retain(|route| !route.destination.is_default_route());
    table.routes.push(recommended::default_route(target));
}

/// The id of a route table only `subnet_id` uses: its own when no other
/// subnet shares it, otherwise a copy of it (or an empty table) newly
/// associated with the subnet.
pub fn own_route_table(plan: &mut Plan, subnet_id: &str) -> String {
    let current = plan
        .subnets
        .iter()
        .find(|subnet| subnet.id == subnet_id)
        .and_then(|subnet| subnet.route_table.clone());
    if let Some(current) = &current {
        let users = plan
            .subnets
            .iter()
            .filter(|s| s.route_table.as_ref() == Some(current))
            .count();
        if users == 1 {
            return current.clone();
        }
    }

    let routes = current
        .as_ref()
        .and_then(|id| plan.route_tables.iter().find(|t| &t.id == id))
        .map(|table| table.routes.clone())
        .unwrap_or_default();
    let id = plan.unique_id(&format!("rtb-{subnet_id}"));
    plan.route_tables.push(RouteTable {
        id: id.clone(),
        name: format!("{}-{subnet_id}", plan.name),
        routes,
    });
    for endpoint in &mut plan.endpoints {
        let attached = current
            .as_ref()
            .is_some_and(|current| endpoint.route_tables.contains(current));
        if attached {
            endpoint.route_tables.push(id.clone());
        }
    }
    if let Some(subnet) = plan.subnets.iter_mut().find(|s| s.id == subnet_id) {
        subnet.route_table = Some(id.clone());
    }
    id
}

/// Adds a subnet in `zone` with the next free block of `prefix_len` in the
/// VPC, sharing the route table and network ACL of the environment's first
/// subnet; returns its id.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::presets::{self, Preset};
///
/// let mut plan = presets::build(Preset::PrivateNewVpc);
/// let id = edit::add_subnet(&mut plan, "us-east-1c", 24).unwrap();
/// let subnet = plan.subnets.iter().find(|s| s.id == id).unwrap();
///
/// assert_eq!(subnet.cidr.to_string(), "10.192.0.0/24");
/// ```
pub fn add_subnet(
    plan: &mut Plan,
    zone: &str,
    prefix_len: u8,
) -> Result<String, PlanEditError> {
    let cidr = free_block(plan, prefix_len)?;
    let template = plan
        .environment
        .subnets
        .first()
        .and_then(|id| plan.subnets.iter().find(|s| &s.id == id));
    let route_table = template.and_then(|s| s.route_table.clone());
    let network_acl = template.and_then(|s| s.network_acl.clone());

    let id = plan.unique_id(&format!("subnet-{zone}"));
    plan.subnets.push(Subnet {
        id: id.clone(),
        name: format!("{}-{zone}", plan.name),
        availability_zone: zone.to_owned(),
        cidr,
        route_table,
        network_acl,
    });
    Ok(id)
}

fn free_block(plan: &Plan, prefix_len: u8) -> Result<Ipv4Net, PlanEditError> {
    let taken: Vec<Ipv4Net> = plan.subnets.iter().map(|s| s.cidr).collect();
    plan.vpc
        .cidr_blocks
        .iter()
        .find_map(|block| cidr::next_free_block(*block, prefix_len, &taken))
        .ok_or(PlanEditError::NoRoom { prefix_len })
}

/// Adds a subnet in the first Availability Zone of the Region that has
/// none yet; returns its id.
pub fn add_availability_zone(plan: &mut Plan) -> Result<String, PlanEditError> {
    let region = known_region(plan)?;
    let zone = region
        .zones()
        .find(|zone| !plan.subnets.iter().any(|s| &s.availability_zone == zone))
        .ok_or_else(|| PlanEditError::NoFreeZone(plan.region.clone()))?;
    add_subnet(plan, &zone, SUBNET_PREFIX)
}

/// Gives every subnet a new block of `prefix_len`, in plan order, packed
/// from the start of the VPC's blocks.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::presets::{self, Preset};
///
/// let mut plan = presets::build(Preset::PublicInternet);
/// edit::carve_subnets(&mut plan, 20).unwrap();
/// let blocks: Vec<String> =
///     plan.subnets.iter().map(|s| s.cidr.to_string()).collect();
///
/// assert_eq!(
///     blocks,
///     ["10.192.0.0/20", "10.192.16.0/20", "10.192.32.0/20", "10.192.48.0/20"],
/// );
/// ```
pub fn carve_subnets(
    plan: &mut Plan,
    prefix_len: u8,
) -> Result<(), PlanEditError> {
    let mut taken: Vec<Ipv4Net> = Vec::with_capacity(plan.subnets.len());
    for _ in 0..plan.subnets.len() {
        let block = plan
            .vpc
            .cidr_blocks
            .iter()
            .find_map(|vpc| cidr::next_free_block(*vpc, prefix_len, &taken))
            .ok_or(PlanEditError::NoRoom { prefix_len })?;
        taken.push(block);
    }
    for (subnet, block) in plan.subnets.iter_mut().zip(taken) {
        subnet.cidr = block;
    }
    Ok(())
}

/// Renames the part with this id; its id, and so every reference to it,
/// stays the same.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::presets::{self, Preset};
///
/// let mut plan = presets::build(Preset::PublicInternet);
/// edit::rename(&mut plan, "nat-1", "egress-a").unwrap();
///
/// assert_eq!(plan.nat_gateways[0].name, "egress-a");
/// assert!(edit::rename(&mut plan, "nat-9", "x").is_err());
/// ```
pub fn rename(plan: &mut Plan, id: &str, name: &str) -> Result<(), EditError> {
    let renamed = rename_in(std::slice::from_mut(&mut plan.vpc), id, name)
        || rename_in(std::slice::from_mut(&mut plan.environment), id, name)
        || rename_in(plan.internet_gateway.as_mut_slice(), id, name)
        || rename_in(&mut plan.subnets, id, name)
        || rename_in(&mut plan.route_tables, id, name)
        || rename_in(&mut plan.nat_gateways, id, name)
        || rename_in(&mut plan.security_groups, id, name)
        || rename_in(&mut plan.network_acls, id, name)
        || rename_in(&mut plan.endpoints, id, name);
    if renamed {
        Ok(())
    } else {
        Err(EditError::UnknownPart(id.to_owned()))
    }
}

fn rename_in<T: Named>(parts: &mut [T], id: &str, name: &str) -> bool {
    match parts.iter_mut().find(|part| part.id() == id) {
        Some(part) => {
            *part.name_mut() = name.to_owned();
            true
        }
        None => false,
    }
}

/// A part with an id and a name.
trait Named {
    fn id(&self) -> &str;
    fn name_mut(&mut self) -> &mut String;
}

macro_rules! named {
    ($($part:ty),*) => {$(
        impl Named for $part {
            fn id(&self) -> &str {
                &self.id
            }

            fn name_mut(&mut self) -> &mut String {
                &mut self.name
            }
        }
    )*};
}

named!(
    crate::plan::Vpc,
    crate::plan::Environment,
    InternetGateway,
    Subnet,
    RouteTable,
    NatGateway,
    crate::plan::SecurityGroup,
    crate::network_acl::NetworkAcl,
    crate::plan::Endpoint
);

/// Applies the rules' fixes one at a time, checking the plan again after
/// each (a fix is computed against the plan as it was checked), until no
/// finding offers a fix that applies; returns how many were applied. The
/// rounds are bounded, so fixes that undo each other cannot loop forever.
///
/// # Examples
///
/// ```
/// use mwaa_plan::presets::{self, Preset};
/// use mwaa_plan::{edit, rules};
///
/// let mut plan = presets::build(Preset::PrivateNewVpc);
/// plan.endpoints.clear();
///
/// assert_eq!(edit::apply_all_fixes(&mut plan), 10);
/// assert!(rules::check(&plan).is_ready());
/// ```
pub fn apply_all_fixes(plan: &mut Plan) -> usize {
    const MOST_ROUNDS: usize = 500;
    let mut applied = 0;
    for _ in 0..MOST_ROUNDS {
        let report = rules::check(plan);
        let applied_one = report
            .findings
            .iter()
            .filter_map(|finding| finding.fix.as_ref())
            .any(|fix| plan.apply(fix).is_ok());
        if !applied_one {
            break;
        }
        applied += 1;
    }
    applied
}

impl std::fmt::Display for PlanEditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlanEditError::NoRoom { prefix_len } => write!(
                f,
                "the VPC has no free /{prefix_len} block left: add a CIDR \
                 block to the VPC or choose smaller subnets"
            ),
            PlanEditError::NoFreeZone(region) => write!(
                f,
                "every Availability Zone of {region} already has a subnet"
            ),
            PlanEditError::UnknownRegion(region) => {
                write!(f, "'{region}' is not a Region where MWAA runs")
            }
            PlanEditError::Part(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for PlanEditError {}

impl From<EditError> for PlanEditError {
    fn from(error: EditError) -> PlanEditError {
        PlanEditError::Part(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::{self, Preset};

    fn subnet<'p>(plan: &'p Plan, id: &str) -> &'p Subnet {
        plan.subnets.iter().find(|s| s.id == id).unwrap()
    }

    #[test]
    fn add_availability_zone_fills_the_free_zones_then_stops() {
        let mut plan = presets::build(Preset::PublicInternet);
        let expected = [
            ("us-east-1c", "10.192.0.0/24"),
            ("us-east-1d", "10.192.1.0/24"),
            ("us-east-1e", "10.192.2.0/24"),
            ("us-east-1f", "10.192.3.0/24"),
        ];
        for (zone, cidr) in expected {
            let id = add_availability_zone(&mut plan).unwrap();
            let added = subnet(&plan, &id);
            assert_eq!(added.availability_zone, zone);
            assert_eq!(added.cidr.to_string(), cidr);
            assert_eq!(added.route_table.as_deref(), Some("rtb-private-1"));
        }
        assert_eq!(
            add_availability_zone(&mut plan),
            Err(PlanEditError::NoFreeZone("us-east-1".into()))
        );
    }

    #[test]
    fn add_subnet_reports_a_full_vpc_and_changes_nothing() {
        let mut plan = presets::build(Preset::PrivateNewVpc);
        plan.vpc.cidr_blocks = vec!["10.192.10.0/23".parse().unwrap()];
        let before = plan.clone();

        let error = add_subnet(&mut plan, "us-east-1a", 24).unwrap_err();
        assert_eq!(error, PlanEditError::NoRoom { prefix_len: 24 });
        assert_eq!(
            error.to_string(),
            "the VPC has no free /24 block left: add a CIDR block to the VPC \
             or choose smaller subnets"
        );
        assert_eq!(plan, before);
        assert!(add_subnet(&mut plan, "us-east-1a", 28).is_err());
    }

    #[test]
    fn add_subnet_uses_secondary_blocks_when_the_primary_is_full() {
        let mut plan = presets::build(Preset::PrivateNewVpc);
        plan.vpc.cidr_blocks = vec![
            "10.192.10.0/23".parse().unwrap(),
            "10.193.0.0/16".parse().unwrap(),
        ];
        let id = add_subnet(&mut plan, "us-east-1c", 24).unwrap();
        assert_eq!(subnet(&plan, &id).cidr.to_string(), "10.193.0.0/24");
    }

    #[test]
    fn carve_subnets_refuses_what_does_not_fit_and_changes_nothing() {
        let mut plan = presets::build(Preset::PublicInternet);
        let before = plan.clone();
        assert_eq!(
            carve_subnets(&mut plan, 17),
            Err(PlanEditError::NoRoom { prefix_len: 17 })
        );
        assert_eq!(plan, before);

        carve_subnets(&mut plan, 18).unwrap();
        assert!(rules::check(&plan).is_ready());
    }

    #[test]
    fn rename_reaches_every_kind_of_part() {
        let mut plan = presets::build(Preset::PublicInternet);
        let ids: Vec<String> = plan.ids().map(str::to_owned).collect();
        for id in &ids {
            rename(&mut plan, id, &format!("renamed {id}")).unwrap();
        }
        assert_eq!(plan.vpc.name, "renamed vpc");
        assert_eq!(plan.environment.name, "renamed env");
        assert_eq!(plan.internet_gateway.unwrap().name, "renamed igw");
        assert_eq!(plan.security_groups[0].name, "renamed sg-mwaa");
        assert_eq!(plan.network_acls[0].name, "renamed acl-mwaa");
        assert!(plan
            .subnets
            .iter()
            .all(|s| s.name == format!("renamed {}", s.id)));
    }

    #[test]
    fn set_routing_needs_a_known_region_and_keeps_the_plan_on_failure() {
        let mut plan = presets::build(Preset::PublicInternet);
        plan.region = "xx-nowhere-1".into();
        let before = plan.clone();
        assert_eq!(
            set_routing(&mut plan, Routing::Private),
            Err(PlanEditError::UnknownRegion("xx-nowhere-1".into()))
        );
        assert_eq!(plan, before);
    }

    #[test]
    fn to_public_routing_gives_each_zone_its_own_nat() {
        let mut plan = presets::build(Preset::PrivateNewVpc);
        set_routing(&mut plan, Routing::Public).unwrap();
        let topology = crate::Topology::new(&plan);

        let nats: Vec<&str> = topology
            .env_subnets()
            .map(|s| topology.default_nat(s).unwrap().subnet.as_str())
            .collect();
        let zones: Vec<&str> = nats
            .iter()
            .map(|id| subnet(&plan, id).availability_zone.as_str())
            .collect();
        assert_eq!(zones, ["us-east-1a", "us-east-1b"]);
        assert!(plan.endpoints.iter().all(|e| e.service == "s3"));
        let s3 = &plan.endpoints[0];
        for env_subnet in topology.env_subnets() {
            let table = env_subnet.route_table.as_ref().unwrap();
            assert!(s3.route_tables.contains(table), "{table}");
        }
    }

    #[test]
    fn own_route_table_copies_a_shared_table_with_its_endpoints() {
        let mut plan = presets::build(Preset::PrivateExistingVpc);
        let table = own_route_table(&mut plan, "subnet-app-1");

        assert_ne!(table, "rtb-corp");
        let copy = plan.route_tables.iter().find(|t| t.id == table).unwrap();
        assert_eq!(copy.routes, plan.route_tables[0].routes);
        let s3 = plan.endpoints.iter().find(|e| e.service == "s3").unwrap();
        assert!(s3.route_tables.contains(&table));
        assert_eq!(own_route_table(&mut plan, "subnet-app-1"), table);
    }
}
