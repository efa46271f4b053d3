//! Switching a plan between public and private routing, and the route
//! table edits it rests on.

use super::routes::{add_internet_gateway, add_nat_gateway};
use super::{known_region, subnets::add_subnet, PlanEditError, SUBNET_PREFIX};
use crate::plan::{EndpointKind, Plan, RouteTable, RouteTarget, Routing};
use crate::recommended;
use crate::service;

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
    let gateway = add_internet_gateway(plan);
    let public_table = public_route_table(plan, &gateway);

    let env_subnets = plan.environment.subnets.clone();
    for subnet_id in env_subnets {
        let Some(zone) = zone_of(plan, &subnet_id) else {
            continue;
        };
        let public = public_subnet_in(plan, &zone, &public_table)?;
        let nat = nat_in(plan, &public)?;
        route_through(plan, &subnet_id, RouteTarget::NatGateway(nat));
    }
    Ok(())
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
fn nat_in(plan: &mut Plan, subnet: &str) -> Result<String, PlanEditError> {
    let existing = plan.nat_gateways.iter().find(|nat| nat.subnet == subnet);
    match existing {
        Some(nat) => Ok(nat.id.clone()),
        None => add_nat_gateway(plan, subnet),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Subnet;
    use crate::presets::{self, Preset};

    fn subnet<'p>(plan: &'p Plan, id: &str) -> &'p Subnet {
        plan.subnets.iter().find(|s| s.id == id).unwrap()
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
