//! `nat-missing`: under public routing, each environment subnet sends its
//! internet traffic to a NAT gateway.

use super::through_zone_nat;
use crate::finding::{Finding, Severity};
use crate::plan::{RouteTarget, Routing, Subnet};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks that, under public routing, the default route of
/// each environment subnet goes to a NAT gateway.
///
/// Why: the environment's subnets are private; a NAT gateway is their only
/// way to the internet, where MWAA's containers reach the services they
/// need.
pub(crate) const RULE: Rule = Rule {
    code: "N203",
    name: "nat-missing",
    severity: Severity::Error,
    summary: "Under public routing, each environment subnet routes \
              0.0.0.0/0 to a NAT gateway.",
    explanation: "Under public routing, MWAA's schedulers and workers reach \
        CloudWatch, SQS, ECR and the Airflow services over the internet, \
        from private subnets. Their only way out is a default route \
        (0.0.0.0/0) to a NAT gateway in a public subnet. Without one, the \
        containers cannot start and the environment fails to create after \
        a long wait. For example, private subnets left on a route table \
        with only the local route: add a default route to the NAT gateway \
        of the subnet's own Availability Zone.",
    known_problems: "A default route to something the plan does not model \
        (a transit gateway, a NAT instance, a firewall) may well lead to \
        the internet; the rule cannot see past it and stays silent. A \
        default route to the internet gateway is reported by \
        env-subnet-public instead.",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/networking-about.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    if topology.plan.routing != Routing::Public {
        return;
    }
    for subnet in topology.env_subnets() {
        let Some(problem) = problem(topology, subnet) else {
            continue;
        };
        findings.push(finding(topology, subnet, &problem));
    }
}

/// What is wrong with the subnet's default route, if anything.
fn problem(topology: &Topology<'_>, subnet: &Subnet) -> Option<String> {
    match topology.default_route(subnet) {
        None => Some("has no default route".to_owned()),
        Some(RouteTarget::NatGateway(_))
        | Some(RouteTarget::InternetGateway(_))
        | Some(RouteTarget::Other(_)) => None,
        Some(target) => Some(format!("sends 0.0.0.0/0 to {target}")),
    }
}

fn finding(topology: &Topology<'_>, subnet: &Subnet, problem: &str) -> Finding {
    let message = format!(
        "environment subnet '{}' {problem}; under public routing it reaches \
         the internet only through a NAT gateway",
        subnet.id
    );
    let (title, fix) = through_zone_nat(topology, subnet);
    let involved = [Some(subnet.id.clone()), subnet.route_table.clone()];
    let finding = RULE
        .finding(message, title)
        .parts(involved.into_iter().flatten());
    match fix {
        Some(fix) => finding.fix(fix),
        None => finding,
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::plan::{RouteTarget, Routing};
    use crate::presets::Preset::*;
    use crate::recommended::default_route;
    use crate::rules::public_routing::lookup::{route_table, subnet};
    use crate::testing::{check_cases, fires, silent};

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "no default route",
                    PublicInternet,
                    |p| route_table(p, "rtb-private-1").routes.clear(),
                    &["subnet-private-1", "rtb-private-1"],
                ),
                fires(
                    "on the main route table",
                    PublicPrivateWebserver,
                    |p| subnet(p, "subnet-private-2").route_table = None,
                    &["subnet-private-2"],
                ),
                fires(
                    "default route to a gateway endpoint",
                    PublicInternet,
                    |p| {
                        route_table(p, "rtb-private-1").routes =
                            vec![default_route(RouteTarget::GatewayEndpoint(
                                "vpce-s3".into(),
                            ))]
                    },
                    &["subnet-private-1"],
                ),
                fires(
                    "no NAT gateway in the zone",
                    PublicInternet,
                    |p| {
                        p.nat_gateways.retain(|n| n.id != "nat-1");
                        route_table(p, "rtb-private-1").routes.clear();
                    },
                    &["subnet-private-1"],
                ),
                fires(
                    "table shared by both subnets",
                    PublicInternet,
                    |p| {
                        subnet(p, "subnet-private-2").route_table =
                            Some("rtb-private-1".into());
                        route_table(p, "rtb-private-1").routes.clear();
                    },
                    &["subnet-private-1", "subnet-private-2"],
                ),
                fires(
                    "table shared with a non-environment subnet",
                    PublicInternet,
                    |p| {
                        subnet(p, "subnet-public-1").route_table =
                            Some("rtb-private-1".into());
                        route_table(p, "rtb-private-1").routes.clear();
                    },
                    &["subnet-private-1"],
                ),
                fires(
                    "no public subnet in the zone",
                    PublicInternet,
                    |p| {
                        p.subnets.retain(|s| s.id != "subnet-public-1");
                        p.nat_gateways.retain(|n| n.id != "nat-1");
                        route_table(p, "rtb-private-1").routes.clear();
                    },
                    &["subnet-private-1"],
                ),
                silent(
                    "default route to a NAT gateway",
                    PublicInternet,
                    |_| {},
                ),
                silent(
                    "default route to a transit gateway",
                    PublicInternet,
                    |p| {
                        route_table(p, "rtb-private-1").routes =
                            vec![default_route(RouteTarget::Other(
                                "transit gateway".into(),
                            ))]
                    },
                ),
                silent(
                    "default route to a missing NAT gateway",
                    PublicInternet,
                    |p| p.nat_gateways.retain(|n| n.id != "nat-1"),
                ),
                silent("private routing without NAT", PrivateNewVpc, |_| {}),
                silent(
                    "private routing, existing VPC",
                    PrivateExistingVpc,
                    |_| {},
                ),
                silent(
                    "public routing over a transit gateway",
                    PrivateExistingVpc,
                    |p| {
                        p.routing = Routing::Public;
                        route_table(p, "rtb-corp").routes.push(default_route(
                            RouteTarget::Other("transit gateway".into()),
                        ));
                    },
                ),
            ],
        );
    }
}
