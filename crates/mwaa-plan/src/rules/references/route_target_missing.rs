//! `route-target-missing`: every route goes to a gateway, NAT gateway or
//! gateway endpoint the plan has.

use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::{EndpointKind, Route, RouteTable, RouteTarget};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks that every route naming a part of the plan (an
/// internet gateway, a NAT gateway or a gateway endpoint) names one that
/// exists and is of that kind.
///
/// Why: a route to a target that does not exist is a blackhole: AWS drops
/// the traffic it matches.
pub(crate) const RULE: Rule = Rule {
    code: "N701",
    name: "route-target-missing",
    severity: Severity::Error,
    summary: "Every route goes to an internet gateway, NAT gateway or \
        gateway endpoint that the plan has.",
    explanation: "A route whose target is gone stays in the route table as \
        a blackhole: the traffic it matches is dropped, so an environment \
        whose default route goes to a deleted NAT gateway cannot reach the \
        internet, and CloudFormation cannot create a route to a target it \
        does not know. Routes to gateway endpoints need a gateway endpoint: \
        an interface endpoint takes no routes. For example, a private \
        route table sending 0.0.0.0/0 to 'nat-9' when the plan's NAT \
        gateways are 'nat-1' and 'nat-2' breaks; point it at the NAT \
        gateway of the subnet's zone. The fix removes the route, or points \
        a route to a missing internet gateway at the plan's internet \
        gateway; it mends every such route of the table at once.",
    known_problems: "Targets the plan does not model (transit gateways, \
        peering connections, NAT instances) are taken on trust.",
    docs:
        "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html",
    check,
};

/// Why a route's target is not there.
enum Absence {
    /// No part of that kind has the id.
    Missing,
    /// The id names an interface endpoint, which takes no routes.
    InterfaceEndpoint,
}

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    for table in &topology.plan.route_tables {
        let broken: Vec<(&Route, Absence)> = table
            .routes
            .iter()
            .filter_map(|route| Some((route, absence(topology, route)?)))
            .collect();
        if broken.is_empty() {
            continue;
        }
        let mended = mended(topology, table);
        for (route, absence) in &broken {
            let title = title(topology, table, route, &broken, &mended);
            let finding = blackhole(table, route, absence, title)
                .fix(Fix::put(mended.clone()));
            findings.push(finding);
        }
    }
}

/// Why the route's target is not in the plan, if it is not.
fn absence(topology: &Topology<'_>, route: &Route) -> Option<Absence> {
    let present = match &route.target {
        RouteTarget::InternetGateway(id) => topology.has_internet_gateway(id),
        RouteTarget::NatGateway(id) => topology.nat_gateway(id).is_some(),
        RouteTarget::GatewayEndpoint(id) => {
            return endpoint_absence(topology, id);
        }
        RouteTarget::Local | RouteTarget::Other(_) => true,
    };
    (!present).then_some(Absence::Missing)
}

fn endpoint_absence(topology: &Topology<'_>, id: &str) -> Option<Absence> {
    let Some(endpoint) = topology.endpoint(id) else {
        return Some(Absence::Missing);
    };
    match endpoint.kind {
        EndpointKind::Gateway => None,
        EndpointKind::Interface => Some(Absence::InterfaceEndpoint),
    }
}

fn blackhole(
    table: &RouteTable,
    route: &Route,
    absence: &Absence,
    title: String,
) -> Finding {
    let (why, endpoint) = match absence {
        Absence::Missing => ("which the plan does not have", None),
        Absence::InterfaceEndpoint => (
            "which is an interface endpoint: only gateway endpoints take \
             routes",
            route.target.part_id(),
        ),
    };
    let message = format!(
        "the route for {} in '{}' goes to {}, {why}",
        route.destination, table.id, route.target
    );
    RULE.finding(message, title).part(&table.id).parts(endpoint)
}

/// The table with every route to a missing target removed, or pointed at
/// the plan's internet gateway when it went to another one and no other
/// route has its destination.
fn mended(topology: &Topology<'_>, table: &RouteTable) -> RouteTable {
    let mut routes: Vec<Route> = Vec::new();
    for route in &table.routes {
        if absence(topology, route).is_none() {
            routes.push(route.clone());
            continue;
        }
        let Some(repointed) = repointed(topology, route) else {
            continue;
        };
        let clash = table.routes.iter().chain(&routes).any(|other| {
            other.destination == route.destination
                && absence(topology, other).is_none()
        });
        if !clash {
            routes.push(repointed);
        }
    }
    RouteTable {
        routes,
        ..table.clone()
    }
}

/// The route pointed at the plan's internet gateway, if it went to another
/// internet gateway.
fn repointed(topology: &Topology<'_>, route: &Route) -> Option<Route> {
    let RouteTarget::InternetGateway(_) = route.target else {
        return None;
    };
    let gateway = topology.plan.internet_gateway.as_ref()?;
    Some(Route {
        target: RouteTarget::InternetGateway(gateway.id.clone()),
        ..route.clone()
    })
}

fn title(
    topology: &Topology<'_>,
    table: &RouteTable,
    route: &Route,
    broken: &[(&Route, Absence)],
    mended: &RouteTable,
) -> String {
    if broken.len() > 1 {
        return format!(
            "Remove or repoint the {} routes of '{}' whose targets are \
             missing",
            broken.len(),
            table.id
        );
    }
    let kept = mended.routes.len() == table.routes.len();
    match repointed(topology, route).filter(|_| kept) {
        Some(repointed) => format!("Point the route at {}", repointed.target),
        None => format!(
            "Remove the route for {} from '{}'",
            route.destination, table.id
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::plan::{Destination, Plan, Route, RouteTarget};
    use crate::presets::{self, Preset::*};
    use crate::recommended::default_route;
    use crate::testing::{check_cases, fires, run, silent};

    fn table<'p>(plan: &'p mut Plan, id: &str) -> &'p mut Vec<Route> {
        &mut plan
            .route_tables
            .iter_mut()
            .find(|t| t.id == id)
            .unwrap()
            .routes
    }

    fn to_endpoint(id: &str) -> Route {
        Route {
            destination: Destination::PrefixList("pl-63a5400a".into()),
            target: RouteTarget::GatewayEndpoint(id.into()),
        }
    }

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "NAT gateway removed",
                    PublicInternet,
                    |p| p.nat_gateways.retain(|n| n.id != "nat-1"),
                    &["rtb-private-1"],
                ),
                fires(
                    "route to an unknown NAT gateway",
                    PublicPrivateWebserver,
                    |p| {
                        table(p, "rtb-private-2")[0] = default_route(
                            RouteTarget::NatGateway("nat-9".into()),
                        )
                    },
                    &["rtb-private-2"],
                ),
                fires(
                    "internet gateway removed",
                    PublicInternet,
                    |p| p.internet_gateway = None,
                    &["rtb-public"],
                ),
                fires(
                    "another internet gateway's id",
                    PublicInternet,
                    |p| {
                        table(p, "rtb-public")[0] = default_route(
                            RouteTarget::InternetGateway("igw-old".into()),
                        )
                    },
                    &["rtb-public"],
                ),
                fires(
                    "route to an interface endpoint",
                    PrivateNewVpc,
                    |p| table(p, "rtb-private").push(to_endpoint("vpce-logs")),
                    &["rtb-private", "vpce-logs"],
                ),
                fires(
                    "route to a missing endpoint",
                    PrivateExistingVpc,
                    |p| table(p, "rtb-corp").push(to_endpoint("vpce-gone")),
                    &["rtb-corp"],
                ),
                fires(
                    "three blackholes in one table",
                    PrivateExistingVpc,
                    |p| {
                        let routes = table(p, "rtb-corp");
                        routes.push(to_endpoint("vpce-gone"));
                        routes.push(default_route(RouteTarget::NatGateway(
                            "nat-1".into(),
                        )));
                        routes.push(to_endpoint("vpce-sqs"));
                    },
                    &["rtb-corp", "vpce-sqs"],
                ),
                silent(
                    "route to the S3 gateway endpoint",
                    PrivateNewVpc,
                    |p| table(p, "rtb-private").push(to_endpoint("vpce-s3")),
                ),
                silent(
                    "route to a transit gateway",
                    PrivateExistingVpc,
                    |_| {},
                ),
                silent("every target present", PublicInternet, |_| {}),
            ],
        );
    }

    #[test]
    fn repoints_a_route_to_another_internet_gateway() {
        let mut plan = presets::build(PublicInternet);
        table(&mut plan, "rtb-public")[0] =
            default_route(RouteTarget::InternetGateway("igw-old".into()));
        let findings = run(&RULE, &plan);
        assert_eq!(
            findings[0].fix_title,
            "Point the route at internet gateway 'igw'"
        );
        plan.apply(findings[0].fix.as_ref().unwrap()).unwrap();
        assert_eq!(plan, presets::build(PublicInternet));
    }

    #[test]
    fn removes_a_duplicate_rather_than_repointing_it() {
        let mut plan = presets::build(PublicInternet);
        table(&mut plan, "rtb-public").push(default_route(
            RouteTarget::InternetGateway("igw-old".into()),
        ));
        let findings = run(&RULE, &plan);
        assert_eq!(
            findings[0].fix_title,
            "Remove the route for 0.0.0.0/0 from 'rtb-public'"
        );
        plan.apply(findings[0].fix.as_ref().unwrap()).unwrap();
        assert_eq!(plan, presets::build(PublicInternet));
    }
}
