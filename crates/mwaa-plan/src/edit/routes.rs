//! Editing the routing parts one by one: the internet gateway, NAT
//! gateways, route tables and their routes.
//!
//! Removing a gateway takes the routes through it along, so no route is
//! left pointing at nothing.

use super::PlanEditError;
use crate::fix::EditError;
use crate::plan::{
    Destination, EndpointKind, InternetGateway, NatGateway, Plan, Route,
    RouteTable, RouteTarget,
};

/// The id of the plan's internet gateway, added when the plan has none.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::presets::{self, Preset};
///
/// let mut plan = presets::build(Preset::PrivateNewVpc);
/// assert_eq!(edit::add_internet_gateway(&mut plan), "igw");
/// assert_eq!(plan.internet_gateway.unwrap().name, "mwaa-private-igw");
/// ```
pub fn add_internet_gateway(plan: &mut Plan) -> String {
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

/// Removes the internet gateway, if there is one, and every route to it.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::presets::{self, Preset};
///
/// let mut plan = presets::build(Preset::PublicInternet);
/// edit::remove_internet_gateway(&mut plan);
///
/// assert!(plan.internet_gateway.is_none());
/// let public = plan.route_tables.iter().find(|t| t.id == "rtb-public");
/// assert!(public.unwrap().routes.is_empty());
/// ```
pub fn remove_internet_gateway(plan: &mut Plan) {
    let Some(gateway) = plan.internet_gateway.take() else {
        return;
    };
    remove_routes_to(plan, &RouteTarget::InternetGateway(gateway.id));
}

/// Adds a NAT gateway with an Elastic IP in the subnet `subnet_id`;
/// returns its id, new to the plan.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::presets::{self, Preset};
///
/// let mut plan = presets::build(Preset::PublicInternet);
/// let id = edit::add_nat_gateway(&mut plan, "subnet-public-1").unwrap();
///
/// assert_eq!(id, "nat");
/// assert!(plan.nat_gateways[2].elastic_ip);
/// assert!(edit::add_nat_gateway(&mut plan, "subnet-x").is_err());
/// ```
pub fn add_nat_gateway(
    plan: &mut Plan,
    subnet_id: &str,
) -> Result<String, PlanEditError> {
    if !plan.subnets.iter().any(|subnet| subnet.id == subnet_id) {
        return Err(EditError::UnknownPart(subnet_id.to_owned()).into());
    }
    let id = plan.unique_id("nat");
    plan.nat_gateways.push(NatGateway {
        id: id.clone(),
        name: format!("{}-{id}", plan.name),
        subnet: subnet_id.to_owned(),
        elastic_ip: true,
    });
    Ok(id)
}

/// Removes a NAT gateway and every route through it.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::presets::{self, Preset};
///
/// let mut plan = presets::build(Preset::PublicInternet);
/// edit::remove_nat_gateway(&mut plan, "nat-1").unwrap();
///
/// assert_eq!(plan.nat_gateways.len(), 1);
/// let private = plan.route_tables.iter().find(|t| t.id == "rtb-private-1");
/// assert!(private.unwrap().routes.is_empty());
/// assert!(edit::remove_nat_gateway(&mut plan, "nat-1").is_err());
/// ```
pub fn remove_nat_gateway(
    plan: &mut Plan,
    id: &str,
) -> Result<(), PlanEditError> {
    if !plan.nat_gateways.iter().any(|nat| nat.id == id) {
        return Err(EditError::UnknownPart(id.to_owned()).into());
    }
    plan.nat_gateways.retain(|nat| nat.id != id);
    remove_routes_to(plan, &RouteTarget::NatGateway(id.to_owned()));
    Ok(())
}

/// Removes every route to `target`, from every route table.
pub(super) fn remove_routes_to(plan: &mut Plan, target: &RouteTarget) {
    for table in &mut plan.route_tables {
        table.routes.retain(|route| &route.target != target);
    }
}

/// Adds a route table with no routes besides the local one, used by no
/// subnet yet; returns its id, new to the plan.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::presets::{self, Preset};
///
/// let mut plan = presets::build(Preset::PrivateNewVpc);
/// assert_eq!(edit::add_route_table(&mut plan), "rtb");
/// assert_eq!(edit::add_route_table(&mut plan), "rtb-2");
/// assert_eq!(plan.route_tables[2].name, "mwaa-private-rtb-2");
/// ```
pub fn add_route_table(plan: &mut Plan) -> String {
    let id = plan.unique_id("rtb");
    plan.route_tables.push(RouteTable {
        id: id.clone(),
        name: format!("{}-{id}", plan.name),
        routes: Vec::new(),
    });
    id
}

/// Removes a route table: the subnets that used it fall back to the VPC's
/// main route table, and gateway endpoints stop adding routes to it.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::presets::{self, Preset};
///
/// let mut plan = presets::build(Preset::PrivateNewVpc);
/// edit::remove_route_table(&mut plan, "rtb-private").unwrap();
///
/// assert!(plan.subnets.iter().all(|s| s.route_table.is_none()));
/// assert!(plan.endpoints.iter().all(|e| e.route_tables.is_empty()));
/// ```
pub fn remove_route_table(
    plan: &mut Plan,
    id: &str,
) -> Result<(), PlanEditError> {
    if !plan.route_tables.iter().any(|table| table.id == id) {
        return Err(EditError::UnknownPart(id.to_owned()).into());
    }
    plan.route_tables.retain(|table| table.id != id);
    for subnet in &mut plan.subnets {
        if subnet.route_table.as_deref() == Some(id) {
            subnet.route_table = None;
        }
    }
    for endpoint in &mut plan.endpoints {
        endpoint.route_tables.retain(|table| table != id);
    }
    Ok(())
}

/// Adds a route to a route table; a route the table has for the same
/// destination is replaced, in its place.
///
/// The target must be something that takes routes: the local network, a
/// gateway or NAT gateway the plan has, a gateway endpoint (an interface
/// endpoint takes no routes), or a described target the plan does not
/// model.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::presets::{self, Preset};
/// use mwaa_plan::{Destination, Route, RouteTarget};
///
/// let mut plan = presets::build(Preset::PublicInternet);
/// let to_nat_2 = Route {
///     destination: Destination::default_route(),
///     target: RouteTarget::NatGateway("nat-2".into()),
/// };
/// edit::put_route(&mut plan, "rtb-private-1", to_nat_2.clone()).unwrap();
/// let table = plan.route_tables.iter().find(|t| t.id == "rtb-private-1");
/// assert_eq!(table.unwrap().routes, [to_nat_2]);
///
/// let to_nowhere = Route {
///     destination: Destination::default_route(),
///     target: RouteTarget::NatGateway("nat-9".into()),
/// };
/// let error = edit::put_route(&mut plan, "rtb-private-1", to_nowhere);
/// assert_eq!(
///     error.unwrap_err().to_string(),
///     "no part of the plan has the id 'nat-9'",
/// );
/// ```
pub fn put_route(
    plan: &mut Plan,
    table_id: &str,
    route: Route,
) -> Result<(), PlanEditError> {
    check_target(plan, &route.target)?;
    let table = route_table_mut(plan, table_id)?;
    let same = table
        .routes
        .iter_mut()
        .find(|old| old.destination == route.destination);
    match same {
        Some(old) => *old = route,
        None => table.routes.push(route),
    }
    Ok(())
}

fn check_target(
    plan: &Plan,
    target: &RouteTarget,
) -> Result<(), PlanEditError> {
    let unknown = |id: &str| EditError::UnknownPart(id.to_owned()).into();
    match target {
        RouteTarget::Local => Ok(()),
        RouteTarget::Other(what) if what.trim().is_empty() => {
            Err(PlanEditError::UndescribedTarget)
        }
        RouteTarget::Other(_) => Ok(()),
        RouteTarget::InternetGateway(id) => {
            let present =
                plan.internet_gateway.as_ref().is_some_and(|g| &g.id == id);
            present.then_some(()).ok_or_else(|| unknown(id))
        }
        RouteTarget::NatGateway(id) => {
            let present = plan.nat_gateways.iter().any(|nat| &nat.id == id);
            present.then_some(()).ok_or_else(|| unknown(id))
        }
        RouteTarget::GatewayEndpoint(id) => {
            match plan.endpoints.iter().find(|e| &e.id == id) {
                None => Err(unknown(id)),
                Some(e) if e.kind == EndpointKind::Interface => {
                    Err(PlanEditError::InterfaceEndpointTarget(id.clone()))
                }
                Some(_) => Ok(()),
            }
        }
    }
}

/// Removes the route for `destination` from a route table, if it has one.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::presets::{self, Preset};
/// use mwaa_plan::Destination;
///
/// let mut plan = presets::build(Preset::PublicInternet);
/// let default = Destination::default_route();
/// edit::remove_route(&mut plan, "rtb-private-1", &default).unwrap();
///
/// let table = plan.route_tables.iter().find(|t| t.id == "rtb-private-1");
/// assert!(table.unwrap().routes.is_empty());
/// ```
pub fn remove_route(
    plan: &mut Plan,
    table_id: &str,
    destination: &Destination,
) -> Result<(), PlanEditError> {
    let table = route_table_mut(plan, table_id)?;
    table
        .routes
        .retain(|route| &route.destination != destination);
    Ok(())
}

fn route_table_mut<'p>(
    plan: &'p mut Plan,
    id: &str,
) -> Result<&'p mut RouteTable, PlanEditError> {
    plan.route_tables
        .iter_mut()
        .find(|table| table.id == id)
        .ok_or_else(|| EditError::UnknownPart(id.to_owned()).into())
}

/// The targets a route can go to in this plan: the local network, the
/// internet gateway, each NAT gateway and each gateway endpoint, in that
/// order. A target the plan does not model,
/// [`RouteTarget::Other`], can be described too.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::presets::{self, Preset};
/// use mwaa_plan::RouteTarget;
///
/// let plan = presets::build(Preset::PublicInternet);
/// assert_eq!(
///     edit::route_targets(&plan),
///     [
///         RouteTarget::Local,
///         RouteTarget::InternetGateway("igw".into()),
///         RouteTarget::NatGateway("nat-1".into()),
///         RouteTarget::NatGateway("nat-2".into()),
///     ],
/// );
/// ```
pub fn route_targets(plan: &Plan) -> Vec<RouteTarget> {
    let gateway = plan
        .internet_gateway
        .iter()
        .map(|g| RouteTarget::InternetGateway(g.id.clone()));
    let nats = plan
        .nat_gateways
        .iter()
        .map(|nat| RouteTarget::NatGateway(nat.id.clone()));
    let endpoints = plan
        .endpoints
        .iter()
        .filter(|e| e.kind == EndpointKind::Gateway)
        .map(|e| RouteTarget::GatewayEndpoint(e.id.clone()));
    std::iter::once(RouteTarget::Local)
        .chain(gateway)
        .chain(nats)
        .chain(endpoints)
        .collect()
}

/// A route target as people read it: the kind of target and its part's
/// name, or its id when the plan does not have that part.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::presets::{self, Preset};
/// use mwaa_plan::RouteTarget;
///
/// let plan = presets::build(Preset::PublicInternet);
/// let label = |target| edit::route_target_label(&plan, &target);
///
/// assert_eq!(
///     label(RouteTarget::NatGateway("nat-1".into())),
///     "NAT gateway mwaa-nat-1",
/// );
/// assert_eq!(
///     label(RouteTarget::NatGateway("nat-9".into())),
///     "NAT gateway 'nat-9' (not in the plan)",
/// );
/// ```
pub fn route_target_label(plan: &Plan, target: &RouteTarget) -> String {
    let (kind, id) = match target {
        RouteTarget::Local => return "local".to_owned(),
        RouteTarget::Other(what) => return what.clone(),
        RouteTarget::InternetGateway(id) => ("internet gateway", id),
        RouteTarget::NatGateway(id) => ("NAT gateway", id),
        RouteTarget::GatewayEndpoint(id) => ("gateway endpoint", id),
    };
    let name = match target {
        RouteTarget::InternetGateway(_) => plan
            .internet_gateway
            .iter()
            .find(|g| &g.id == id)
            .map(|g| &g.name),
        RouteTarget::NatGateway(_) => plan
            .nat_gateways
            .iter()
            .find(|nat| &nat.id == id)
            .map(|nat| &nat.name),
        _ => plan.endpoints.iter().find(|e| &e.id == id).map(|e| &e.name),
    };
    match name {
        Some(name) => format!("{kind} {name}"),
        None => format!("{kind} '{id}' (not in the plan)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::{self, Preset};
    use crate::rules;

    fn table<'p>(plan: &'p Plan, id: &str) -> &'p RouteTable {
        plan.route_tables.iter().find(|t| t.id == id).unwrap()
    }

    fn route(destination: &str, target: RouteTarget) -> Route {
        Route {
            destination: Destination::Cidr(destination.parse().unwrap()),
            target,
        }
    }

    fn unknown(id: &str) -> PlanEditError {
        PlanEditError::Part(EditError::UnknownPart(id.into()))
    }

    #[test]
    fn put_route_refuses_what_cannot_take_routes() {
        let nat = |id: &str| RouteTarget::NatGateway(id.into());
        let other = |what: &str| RouteTarget::Other(what.into());
        let cases = [
            ("rtb-private-1", nat("nat-2"), Ok(())),
            ("rtb-private-1", RouteTarget::Local, Ok(())),
            ("rtb-private-1", other("transit gateway"), Ok(())),
            (
                "rtb-private-1",
                other("  "),
                Err(PlanEditError::UndescribedTarget),
            ),
            ("rtb-private-1", nat("nat-9"), Err(unknown("nat-9"))),
            (
                "rtb-private-1",
                RouteTarget::InternetGateway("igw-9".into()),
                Err(unknown("igw-9")),
            ),
            (
                "rtb-private-1",
                RouteTarget::GatewayEndpoint("vpce-9".into()),
                Err(unknown("vpce-9")),
            ),
            ("rtb-9", nat("nat-1"), Err(unknown("rtb-9"))),
        ];
        for (table_id, target, expected) in cases {
            let mut plan = presets::build(Preset::PublicInternet);
            let before = plan.clone();
            let added = route("10.0.0.0/8", target.clone());
            let result = put_route(&mut plan, table_id, added);
            assert_eq!(result, expected, "{table_id} -> {target}");
            if result.is_err() {
                assert_eq!(plan, before, "{table_id} -> {target}");
            }
        }
    }

    #[test]
    fn put_route_takes_gateway_endpoints_only() {
        let mut plan = presets::build(Preset::PrivateNewVpc);
        let s3 = RouteTarget::GatewayEndpoint("vpce-s3".into());
        let logs = RouteTarget::GatewayEndpoint("vpce-logs".into());

        assert_eq!(
            put_route(&mut plan, "rtb-private", route("10.1.0.0/16", s3)),
            Ok(())
        );
        assert_eq!(
            put_route(&mut plan, "rtb-private", route("10.2.0.0/16", logs)),
            Err(PlanEditError::InterfaceEndpointTarget("vpce-logs".into()))
        );
        assert_eq!(table(&plan, "rtb-private").routes.len(), 1);
    }

    #[test]
    fn a_route_for_a_known_destination_replaces_it_in_place() {
        let mut plan = presets::build(Preset::PrivateExistingVpc);
        let corp = route("10.0.0.0/8", RouteTarget::Other("VPN".into()));
        let default = route("0.0.0.0/0", RouteTarget::Other("firewall".into()));
        put_route(&mut plan, "rtb-corp", default.clone()).unwrap();
        put_route(&mut plan, "rtb-corp", corp.clone()).unwrap();

        assert_eq!(table(&plan, "rtb-corp").routes, [corp, default]);
    }

    #[test]
    fn removing_the_default_route_then_putting_it_back_is_ready_again() {
        let mut plan = presets::build(Preset::PublicInternet);
        let default = Destination::default_route();
        remove_route(&mut plan, "rtb-private-1", &default).unwrap();
        let report = rules::check(&plan);
        assert!(report.findings.iter().any(|f| f.code == "N203"));

        let to_nat =
            route("0.0.0.0/0", RouteTarget::NatGateway("nat-1".into()));
        put_route(&mut plan, "rtb-private-1", to_nat).unwrap();
        assert_eq!(plan, presets::build(Preset::PublicInternet));
        assert_eq!(
            remove_route(&mut plan, "rtb-9", &default),
            Err(unknown("rtb-9"))
        );
    }

    #[test]
    fn removing_a_gateway_takes_its_routes_along() {
        let mut plan = presets::build(Preset::PublicInternet);
        remove_nat_gateway(&mut plan, "nat-2").unwrap();
        remove_internet_gateway(&mut plan);
        remove_internet_gateway(&mut plan);

        let routes: Vec<usize> =
            plan.route_tables.iter().map(|t| t.routes.len()).collect();
        assert_eq!(routes, [0, 1, 0]);
        let report = rules::check(&plan);
        assert!(report.findings.iter().all(|f| f.code != "N701"));
        assert_eq!(
            remove_nat_gateway(&mut plan, "nat-2"),
            Err(unknown("nat-2"))
        );
    }

    #[test]
    fn added_parts_get_ids_new_to_the_plan() {
        let mut plan = presets::build(Preset::PublicInternet);
        let ids = [
            add_nat_gateway(&mut plan, "subnet-public-2").unwrap(),
            add_nat_gateway(&mut plan, "subnet-public-2").unwrap(),
            add_route_table(&mut plan),
            add_route_table(&mut plan),
            add_internet_gateway(&mut plan),
        ];
        assert_eq!(ids, ["nat", "nat-3", "rtb", "rtb-2", "igw"]);
        assert_eq!(
            add_nat_gateway(&mut plan, "subnet-9"),
            Err(unknown("subnet-9"))
        );
        let report = rules::check(&plan);
        assert!(report.findings.iter().all(|f| f.rule != "duplicate-id"));
    }

    #[test]
    fn remove_route_table_leaves_no_reference_behind() {
        let mut plan = presets::build(Preset::PrivateExistingVpc);
        remove_route_table(&mut plan, "rtb-corp").unwrap();

        assert!(plan.route_tables.is_empty());
        assert!(plan.subnets.iter().all(|s| s.route_table.is_none()));
        assert!(plan.endpoints.iter().all(|e| e.route_tables.is_empty()));
        assert_eq!(
            remove_route_table(&mut plan, "rtb-corp"),
            Err(unknown("rtb-corp"))
        );
    }

    #[test]
    fn route_target_labels_name_the_parts() {
        let plan = presets::build(Preset::PrivateNewVpc);
        let cases = [
            (RouteTarget::Local, "local"),
            (RouteTarget::Other("VPN".into()), "VPN"),
            (
                RouteTarget::GatewayEndpoint("vpce-s3".into()),
                "gateway endpoint mwaa-private-s3",
            ),
            (
                RouteTarget::InternetGateway("igw".into()),
                "internet gateway 'igw' (not in the plan)",
            ),
        ];
        for (target, label) in cases {
            assert_eq!(route_target_label(&plan, &target), label);
        }
        assert_eq!(
            route_targets(&plan),
            [
                RouteTarget::Local,
                RouteTarget::GatewayEndpoint("vpce-s3".into())
            ]
        );
    }
}
