//! `internet-route-in-private-routing`: under private routing, the env
//! subnets' route tables hold no route to a NAT gateway or an internet
//! gateway.

use super::{is_private, new_ids, plural, quoted, short_id};
use crate::finding::{Finding, Severity};
use crate::fix::{Edit, Fix};
use crate::plan::{Route, RouteTable, RouteTarget, Subnet};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: under private routing, looks for routes to a NAT gateway
/// or an internet gateway in the route tables of the env subnets.
///
/// Why: private routing means the environment has no way to the internet;
/// such a route gives it one, which is the public-routing design.
pub(crate) const RULE: Rule = Rule {
    code: "N301",
    name: "internet-route-in-private-routing",
    severity: Severity::Error,
    summary: "Under private routing, the env subnets' route tables have no \
        route to a NAT gateway or an internet gateway.",
    explanation: "A plan with private routing promises that the \
        environment never reaches the internet and gets to AWS services \
        through VPC endpoints alone. A route from an env subnet to a NAT \
        gateway breaks that promise: the design is then public routing, \
        and the plan should say so. A route to an internet gateway makes \
        the subnet public, which MWAA refuses under either routing. For \
        example, a private plan whose env subnets share a route table \
        sending 0.0.0.0/0 to 'nat-1' is really a public one: switch the \
        plan's routing to public, or remove the route. When the route \
        table also serves subnets outside the environment, the fix gives \
        each env subnet its own copy of the table without the route, so \
        the other subnets keep their internet path.",
    known_problems: "A NAT instance or a proxy reached through a route of \
        another kind (a network interface, a transit gateway) is not \
        recognised as a way to the internet.",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/networking-about.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    if !is_private(topology) {
        return;
    }
    for (table, subnets) in env_route_tables(topology) {
        let internet: Vec<&Route> =
            table.routes.iter().filter(|r| is_internet(r)).collect();
        if !internet.is_empty() {
            findings.push(finding(topology, table, &subnets, &internet));
        }
    }
}

/// The route tables of the env subnets, each with the env subnets that
/// use it, in the order the environment names them.
fn env_route_tables<'p>(
    topology: &Topology<'p>,
) -> Vec<(&'p RouteTable, Vec<&'p Subnet>)> {
    let mut tables: Vec<(&RouteTable, Vec<&Subnet>)> = Vec::new();
    for subnet in topology.env_subnets() {
        let Some(table) = topology.route_table_of(subnet) else {
            continue;
        };
        match tables.iter_mut().find(|(t, _)| t.id == table.id) {
            Some((_, subnets)) => subnets.push(subnet),
            None => tables.push((table, vec![subnet])),
        }
    }
    tables
}

fn is_internet(route: &Route) -> bool {
    matches!(
        route.target,
        RouteTarget::NatGateway(_) | RouteTarget::InternetGateway(_)
    )
}

fn finding(
    topology: &Topology<'_>,
    table: &RouteTable,
    subnets: &[&Subnet],
    internet: &[&Route],
) -> Finding {
    let subnet_ids: Vec<&str> = subnets.iter().map(|s| s.id.as_str()).collect();
    let targets = internet.iter().filter_map(|r| r.target.part_id());
    let (title, fix) = remedy(topology, table, subnets);
    RULE.finding(message(table, &subnet_ids, internet), title)
        .part(&table.id)
        .parts(subnet_ids)
        .parts(targets)
        .fix(fix)
}

fn message(
    table: &RouteTable,
    subnets: &[&str],
    internet: &[&Route],
) -> String {
    let routes: Vec<String> = internet
        .iter()
        .map(|route| format!("'{}' to {}", route.destination, route.target))
        .collect();
    let to_gateway = internet
        .iter()
        .any(|r| matches!(r.target, RouteTarget::InternetGateway(_)));
    let consequence = if to_gateway {
        "with it the design is public routing, and an env subnet with a \
         route to an internet gateway is public, which MWAA refuses under \
         either routing: remove the route"
    } else {
        "with it the design is public routing: switch the plan's routing \
         to public, or remove the route"
    };
    format!(
        "route table '{}' of env {} {} routes {}; {consequence}",
        table.id,
        plural(subnets.len(), "subnet", "subnets"),
        quoted(subnets),
        routes.join(" and "),
    )
}

/// The fix: the table without its internet routes, or, when subnets
/// outside the environment use it too, a copy of it for each env subnet.
fn remedy(
    topology: &Topology<'_>,
    table: &RouteTable,
    subnets: &[&Subnet],
) -> (&'static str, Fix) {
    if is_shared(topology, table) {
        let title = "Give each env subnet its own route table without the \
                     routes to the internet";
        return (title, own_tables(topology, table, subnets));
    }
    let title =
        "Remove the routes to the internet from the env subnets' route table";
    (title, Fix::put(without_internet(table)))
}

/// Whether a subnet outside the environment uses the table too.
fn is_shared(topology: &Topology<'_>, table: &RouteTable) -> bool {
    topology.plan.subnets.iter().any(|subnet| {
        subnet.route_table.as_deref() == Some(table.id.as_str())
            && !topology.is_env_subnet(&subnet.id)
    })
}

fn without_internet(table: &RouteTable) -> RouteTable {
    let mut table = table.clone();
    table.routes.retain(|route| !is_internet(route));
    table
}

/// Gives each env subnet a copy of `table` without the internet routes,
/// and attaches the copies to the gateway endpoints the table had.
fn own_tables(
    topology: &Topology<'_>,
    table: &RouteTable,
    subnets: &[&Subnet],
) -> Fix {
    let bases = subnets
        .iter()
        .map(|subnet| format!("{}-{}", table.id, short_id(subnet)));
    let ids = new_ids(topology.plan, bases);
    let mut edits = Vec::new();
    for (subnet, id) in subnets.iter().zip(&ids) {
        let mut copy = without_internet(table);
        copy.id = id.clone();
        copy.name = format!("{}-{}", table.name, subnet.name);
        edits.push(Edit::Put(copy.into()));
        let mut subnet = (*subnet).clone();
        subnet.route_table = Some(id.clone());
        edits.push(Edit::Put(subnet.into()));
    }
    for endpoint in &topology.plan.endpoints {
        if endpoint.route_tables.contains(&table.id) {
            let mut endpoint = endpoint.clone();
            endpoint.route_tables.extend(ids.iter().cloned());
            edits.push(Edit::Put(endpoint.into()));
        }
    }
    Fix { edits }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::plan::{Plan, RouteTable, RouteTarget, Routing};
    use crate::presets::Preset::*;
    use crate::recommended::default_route;
    use crate::testing::{check_cases, fires, run, silent};

    fn nat_route(plan: &mut Plan, table: usize) {
        let route = default_route(RouteTarget::NatGateway("nat-1".into()));
        plan.route_tables[table].routes.push(route);
    }

    fn igw_route(plan: &mut Plan, table: usize) {
        let route = default_route(RouteTarget::InternetGateway("igw".into()));
        plan.route_tables[table].routes.push(route);
    }

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "nat route on the env subnets' table",
                    PrivateNewVpc,
                    |p| nat_route(p, 0),
                    &[
                        "rtb-private",
                        "subnet-private-1",
                        "subnet-private-2",
                        "nat-1",
                    ],
                ),
                fires(
                    "igw route on a table shared beyond the environment",
                    PrivateExistingVpc,
                    |p| igw_route(p, 0),
                    &["rtb-corp", "subnet-app-1", "subnet-app-2", "igw"],
                ),
                fires(
                    "a public preset declared private",
                    PublicInternet,
                    |p| p.routing = Routing::Private,
                    &["rtb-private-1", "rtb-private-2", "nat-1", "nat-2"],
                ),
                silent(
                    "public routing with nat routes",
                    PublicInternet,
                    |_| {},
                ),
                silent("transit gateway route", PrivateExistingVpc, |_| {}),
                silent(
                    "nat route on a table outside the environment",
                    PrivateExistingVpc,
                    |p| {
                        p.route_tables.push(RouteTable {
                            id: "rtb-app-3".into(),
                            name: "app-3".into(),
                            routes: Vec::new(),
                        });
                        nat_route(p, 1);
                        p.subnets[2].route_table = Some("rtb-app-3".into());
                    },
                ),
                silent(
                    "env subnets on the main route table",
                    PrivateNewVpc,
                    |p| {
                        nat_route(p, 0);
                        p.subnets.iter_mut().for_each(|s| s.route_table = None);
                    },
                ),
            ],
        );
    }

    #[test]
    fn the_copies_keep_other_routes_and_the_s3_endpoint() {
        let mut plan = crate::presets::build(PrivateExistingVpc);
        igw_route(&mut plan, 0);
        let findings = run(&RULE, &plan);
        let fix = findings[0].fix.as_ref().expect("a fix");
        plan.apply(fix).expect("the fix applies");

        let corp = &plan.route_tables[0];
        assert_eq!(corp.routes.len(), 2, "the shared table is untouched");
        let copy = &plan.route_tables[1];
        assert_eq!(copy.id, "rtb-corp-app-1");
        assert_eq!(copy.routes.len(), 1, "the transit gateway route stays");
        let s3 = plan.endpoints.iter().find(|e| e.service == "s3").unwrap();
        assert_eq!(
            s3.route_tables,
            ["rtb-corp", "rtb-corp-app-1", "rtb-corp-app-2"]
        );
    }
}
