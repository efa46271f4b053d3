//! Route tables, their routes and the subnets they serve, for a new VPC.
//!
//! Only routes the template can create become `AWS::EC2::Route`
//! resources: those to the internet gateway (after its attachment) and to
//! a NAT gateway. The local route is in every route table already. A route
//! to a gateway endpoint is the endpoint's to add: the endpoint lists the
//! route table in `RouteTableIds` (see the `endpoints` module). A route to
//! something the plan does not model (a transit gateway, a peering
//! connection, a NAT instance) cannot be created from the plan: the
//! template leaves it out and its description says so.

use super::build::{unique, Build, Group, Kind, INTERNET_GATEWAY};
use super::internet::after_attachment;
use super::template::{Map, Value};
use super::text::name_tag;
use crate::plan::{Destination, Route, RouteTable, RouteTarget, Subnet};

/// Adds every route table with its routes, then each subnet's association
/// with its route table.
pub fn add(build: &mut Build<'_>) {
    let plan = build.plan;
    for table in unique(&plan.route_tables, |t| &t.id) {
        add_route_table(build, table);
    }
    for subnet in unique(&plan.subnets, |s| &s.id) {
        add_association(build, subnet);
    }
}

/// Associates `subnet` with its route table, when the plan gives it one.
fn add_association(build: &mut Build<'_>, subnet: &Subnet) {
    let Some(table) = &subnet.route_table else {
        return;
    };
    let (Some(subnet_id), Some(table_id)) = (
        build.reference(Kind::Subnet, &subnet.id),
        build.reference(Kind::RouteTable, table),
    ) else {
        return;
    };
    let id = build.assign(&subnet.name, "RouteTableAssociation");
    let properties = Map::new()
        .with("SubnetId", subnet_id)
        .with("RouteTableId", table_id);
    let kind = "AWS::EC2::SubnetRouteTableAssociation";
    build.add(Group::Routing, id, kind, properties);
}

fn add_route_table(build: &mut Build<'_>, table: &RouteTable) {
    let Some(id) = build.logical(Kind::RouteTable, &table.id) else {
        return;
    };
    let id = id.to_owned();
    let properties = Map::new()
        .with("VpcId", build.vpc())
        .with("Tags", name_tag(&table.name));
    let kind = "AWS::EC2::RouteTable";
    build.add(Group::Routing, id.clone(), kind, properties);

    for route in &table.routes {
        add_route(build, table, &id, route);
    }
}

fn add_route(
    build: &mut Build<'_>,
    table: &RouteTable,
    table_id: &str,
    route: &Route,
) {
    let Some(target) = target(build, &route.target) else {
        return;
    };
    let mut properties =
        Map::new().with("RouteTableId", Value::reference(table_id));
    match &route.destination {
        Destination::Cidr(block) => {
            properties.insert("DestinationCidrBlock", block.to_string())
        }
        Destination::PrefixList(list) => {
            properties.insert("DestinationPrefixListId", list.as_str())
        }
    }
    properties.insert(target.property, target.value);

    let name = if route.destination.is_default_route() {
        format!("{} default", table.name)
    } else {
        table.name.clone()
    };
    let id = build.assign(&name, "Route");
    let (kind, after) = ("AWS::EC2::Route", target.after);
    build.add_after(Group::Routing, id, kind, after, properties);
}

/// Where a route the template creates sends traffic.
struct Target {
    /// The property naming the target, such as `NatGatewayId`.
    property: &'static str,
    /// The target's id.
    value: Value,
    /// What the route must wait for.
    after: Vec<String>,
}

/// The target of a route, or `None` for a route the template does not
/// create.
fn target(build: &Build<'_>, target: &RouteTarget) -> Option<Target> {
    match target {
        RouteTarget::InternetGateway(id) => {
            let gateway = build.plan.internet_gateway.as_ref()?;
            (gateway.id == *id).then(|| Target {
                property: "GatewayId",
                value: Value::reference(INTERNET_GATEWAY),
                after: after_attachment(build),
            })
        }
        RouteTarget::NatGateway(id) => Some(Target {
            property: "NatGatewayId",
            value: build.reference(Kind::NatGateway, id)?,
            after: Vec::new(),
        }),
        RouteTarget::Local
        | RouteTarget::GatewayEndpoint(_)
        | RouteTarget::Other(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::template_of;
    use super::super::Value;
    use crate::plan::{Destination, Route, RouteTarget};
    use crate::presets::{self, Preset};

    #[test]
    fn internet_routes_wait_for_the_attachment_and_nat_routes_do_not() {
        let template = template_of(&presets::build(Preset::PublicInternet));

        let public = template.resource("MwaaPublicDefaultRoute").unwrap();
        assert_eq!(public.depends_on, ["InternetGatewayAttachment"]);
        assert_eq!(
            public.properties.get("GatewayId"),
            Some(&Value::reference("InternetGateway")),
        );
        let private = template.resource("MwaaPrivate1DefaultRoute").unwrap();
        assert!(private.depends_on.is_empty());
        assert_eq!(
            private.properties.get("NatGatewayId"),
            Some(&Value::reference("MwaaNat1NatGateway")),
        );
        assert_eq!(
            private.properties.get("DestinationCidrBlock"),
            Some(&"0.0.0.0/0".into()),
        );
    }

    #[test]
    fn only_routes_the_template_can_create_become_resources() {
        let mut plan = presets::build(Preset::PublicInternet);
        let table = &mut plan.route_tables[1];
        let to = |destination: &str, target| Route {
            destination: Destination::Cidr(destination.parse().unwrap()),
            target,
        };
        table.routes = vec![
            to("10.192.0.0/16", RouteTarget::Local),
            to("10.0.0.0/8", RouteTarget::Other("transit gateway".into())),
            to("0.0.0.0/0", RouteTarget::NatGateway("nat-9".into())),
            Route {
                destination: Destination::PrefixList("pl-63a5400a".into()),
                target: RouteTarget::NatGateway("nat-1".into()),
            },
        ];
        let template = template_of(&plan);

        let routes: Vec<_> = template
            .resources
            .iter()
            .filter(|r| {
                r.id.starts_with("MwaaPrivate1") && r.kind.ends_with("Route")
            })
            .collect();
        assert_eq!(routes.len(), 1, "{routes:?}");
        assert_eq!(
            routes[0].properties.get("DestinationPrefixListId"),
            Some(&"pl-63a5400a".into()),
        );
    }

    #[test]
    fn each_subnet_is_associated_with_its_route_table() {
        let template = template_of(&presets::build(Preset::PrivateNewVpc));
        let association = template
            .resource("MwaaPrivate2RouteTableAssociation")
            .unwrap();

        assert_eq!(
            association.properties.get("SubnetId"),
            Some(&Value::reference("MwaaPrivate2Subnet")),
        );
        assert_eq!(
            association.properties.get("RouteTableId"),
            Some(&Value::reference("MwaaPrivateRouteTable")),
        );
    }
}
