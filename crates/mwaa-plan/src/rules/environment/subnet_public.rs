//! `env-subnet-public`: the environment's subnets have no route to an
//! internet gateway.

use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::{Route, RouteTable, RouteTarget, Routing, Subnet};
use crate::recommended;
use crate::rules::public_routing::{reroute, usable_nat};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks that no route table of an environment subnet has a
/// route to an internet gateway.
///
/// Why: MWAA's containers get private addresses only; in a subnet that
/// routes to an internet gateway their traffic has no way back, and AWS
/// refuses public subnets for the environment.
pub(crate) const RULE: Rule = Rule {
    code: "N103",
    name: "env-subnet-public",
    severity: Severity::Error,
    summary: "No route table of the environment's subnets routes to an \
              internet gateway.",
    explanation: "The environment's subnets must be private, under either \
        routing. Its containers have no public IP address, so traffic sent \
        straight to an internet gateway never returns; with public routing \
        they reach the internet through a NAT gateway, with private routing \
        through VPC endpoints. Giving MWAA the public subnets of a VPC is a \
        common mistake that ends in a failed creation. For example, \
        'subnet-private-1' associated with the public route table \
        'rtb-public': give it a route table of its own that sends \
        0.0.0.0/0 to the NAT gateway of its zone, and leave 'rtb-public' to \
        the public subnets.",
    known_problems: "",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/networking-about.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    for subnet in topology.env_subnets() {
        let Some(table) = topology.route_table_of(subnet) else {
            continue;
        };
        if table.routes.iter().any(is_to_gateway) {
            findings.push(finding(topology, subnet, table));
        }
    }
}

fn finding(
    topology: &Topology<'_>,
    subnet: &Subnet,
    table: &RouteTable,
) -> Finding {
    let to_gateway: Vec<&Route> = table
        .routes
        .iter()
        .filter(|route| is_to_gateway(route))
        .collect();
    let routes: Vec<String> = to_gateway
        .iter()
        .map(|route| format!("{} to {}", route.destination, route.target))
        .collect();
    let message = format!(
        "environment subnet '{}' uses route table '{}', which sends {}; the \
         environment's subnets must be private",
        subnet.id,
        table.id,
        routes.join(" and ")
    );
    let title = format!("Route '{}' without the internet gateway", subnet.id);
    let gateways = to_gateway.iter().filter_map(|r| r.target.part_id());

    let finding = RULE
        .finding(message, title)
        .part(&subnet.id)
        .part(&table.id)
        .parts(gateways);
    match reroute(topology, subnet, |s| private_routes(topology, s)) {
        Some(edits) => finding.fix(Fix { edits }),
        None => finding,
    }
}

fn is_to_gateway(route: &Route) -> bool {
    matches!(route.target, RouteTarget::InternetGateway(_))
}

/// The routes an environment subnet on an internet-bound table should
/// have: the same without the internet gateway, and under public routing a
/// default route to the NAT gateway of its zone when there is one.
fn private_routes(
    topology: &Topology<'_>,
    subnet: &Subnet,
) -> Option<Vec<Route>> {
    let concerned = topology.is_env_subnet(&subnet.id)
        && topology.routes_to_internet_gateway(subnet);
    if !concerned {
        return None;
    }
    let table = topology.route_table_of(subnet)?;
    let mut routes: Vec<Route> = table
        .routes
        .iter()
        .filter(|route| !is_to_gateway(route))
        .cloned()
        .collect();

    let has_default = routes.iter().any(|r| r.destination.is_default_route());
    if topology.plan.routing == Routing::Public && !has_default {
        let nat = usable_nat(topology, &subnet.availability_zone);
        routes.extend(nat.map(|nat| {
            recommended::default_route(RouteTarget::NatGateway(nat.id.clone()))
        }));
    }
    Some(routes)
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::plan::{Destination, InternetGateway, Route, RouteTarget};
    use crate::presets::Preset::*;
    use crate::recommended::default_route;
    use crate::rules::public_routing::lookup::{route_table, subnet};
    use crate::testing::{check_cases, fires, silent};

    fn igw() -> RouteTarget {
        RouteTarget::InternetGateway("igw".into())
    }

    fn add_gateway(plan: &mut crate::plan::Plan) {
        plan.internet_gateway = Some(InternetGateway {
            id: "igw".into(),
            name: "igw".into(),
        });
    }

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "on the public route table",
                    PublicInternet,
                    |p| {
                        subnet(p, "subnet-private-1").route_table =
                            Some("rtb-public".into())
                    },
                    &["subnet-private-1", "rtb-public", "igw"],
                ),
                fires(
                    "own table with a default route to the gateway",
                    PublicPrivateWebserver,
                    |p| {
                        route_table(p, "rtb-private-2").routes =
                            vec![default_route(igw())]
                    },
                    &["subnet-private-2", "rtb-private-2"],
                ),
                fires(
                    "a narrow route to the gateway",
                    PublicInternet,
                    |p| {
                        route_table(p, "rtb-private-1").routes.push(Route {
                            destination: Destination::Cidr(
                                "203.0.113.0/24".parse().unwrap(),
                            ),
                            target: igw(),
                        })
                    },
                    &["subnet-private-1", "rtb-private-1"],
                ),
                fires(
                    "shared private table",
                    PrivateNewVpc,
                    |p| {
                        add_gateway(p);
                        route_table(p, "rtb-private")
                            .routes
                            .push(default_route(igw()));
                    },
                    &["subnet-private-1", "subnet-private-2", "rtb-private"],
                ),
                fires(
                    "table shared with a third subnet",
                    PrivateExistingVpc,
                    |p| {
                        add_gateway(p);
                        route_table(p, "rtb-corp")
                            .routes
                            .push(default_route(igw()));
                    },
                    &["subnet-app-1", "subnet-app-2", "rtb-corp"],
                ),
                fires(
                    "gateway missing from the plan",
                    PrivateNewVpc,
                    |p| {
                        route_table(p, "rtb-private")
                            .routes
                            .push(default_route(igw()))
                    },
                    &["subnet-private-1", "igw"],
                ),
                silent("through a NAT gateway only", PublicInternet, |_| {}),
                silent("only the local route", PrivateNewVpc, |_| {}),
                silent("through a transit gateway", PrivateExistingVpc, |_| {}),
                silent(
                    "a public subnet that is not the environment's",
                    PublicPrivateWebserver,
                    |p| {
                        subnet(p, "subnet-public-1").route_table =
                            Some("rtb-public".into())
                    },
                ),
                silent("route to a gateway endpoint", PrivateNewVpc, |p| {
                    route_table(p, "rtb-private").routes.push(default_route(
                        RouteTarget::GatewayEndpoint("vpce-s3".into()),
                    ))
                }),
            ],
        );
    }
}
