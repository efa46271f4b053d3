//! `nat-single`: the environment's subnets do not all depend on one NAT
//! gateway.

use super::through_zone_nat;
use crate::finding::{Finding, Severity};
use crate::plan::{NatGateway, Routing, Subnet};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks that, under public routing, the environment's
/// subnets do not all send their internet traffic through the same NAT
/// gateway.
///
/// Why: a NAT gateway lives in one Availability Zone; when that zone fails,
/// every subnet routed through it loses the internet, and MWAA cannot fall
/// back on the other zone.
pub(crate) const RULE: Rule = Rule {
    code: "N205",
    name: "nat-single",
    severity: Severity::Warning,
    summary: "Under public routing, the environment's subnets use a NAT \
              gateway each, one per public subnet.",
    explanation: "MWAA spreads the environment over two Availability Zones \
        so it can keep running when one fails. If both of the environment's \
        subnets reach the internet through a single NAT gateway, the zone \
        of that gateway becomes a single point of failure: when it goes \
        down, the containers of both zones lose CloudWatch, SQS and ECR. \
        One NAT gateway saves an hourly charge, which suits a test \
        environment. For example, both private route tables sending \
        0.0.0.0/0 to 'nat-1' in us-east-1a: add a NAT gateway in the public \
        subnet of us-east-1b and route that zone's subnet through it.",
    known_problems: "Default routes to targets the plan does not model, \
        such as NAT instances, are not counted; the rule then stays silent.",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/networking-about.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    if topology.plan.routing != Routing::Public {
        return;
    }
    let subnets: Vec<&Subnet> = topology.env_subnets().collect();
    let Some(nat) = single_nat(topology, &subnets) else {
        return;
    };

    let ids: Vec<String> = subnets.iter().map(|s| s.id.clone()).collect();
    let message = format!(
        "environment subnets '{}' all reach the internet through NAT \
         gateway '{}'; if its Availability Zone fails, the environment \
         loses the internet in both zones",
        ids.join("', '"),
        nat.id
    );
    let (title, fix) = match second_zone_subnet(topology, nat, &subnets) {
        Some(other) => through_zone_nat(topology, other),
        None => ("Add a NAT gateway for the second zone".to_owned(), None),
    };
    let finding = RULE.finding(message, title).part(&nat.id).parts(ids);
    findings.push(match fix {
        Some(fix) => finding.fix(fix),
        None => finding,
    });
}

/// The NAT gateway every environment subnet uses, when there are at least
/// two of them in different zones and they all use the same one.
fn single_nat<'p>(
    topology: &Topology<'p>,
    subnets: &[&Subnet],
) -> Option<&'p NatGateway> {
    let (first, rest) = subnets.split_first()?;
    let zone = &first.availability_zone;
    if rest.iter().all(|subnet| subnet.availability_zone == *zone) {
        return None;
    }
    let nat = topology.default_nat(first)?;
    let same = rest.iter().all(|subnet| {
        topology.default_nat(subnet).is_some_and(|n| n.id == nat.id)
    });
    same.then_some(nat)
}

/// The first environment subnet outside the NAT gateway's zone: the one
/// to give a NAT gateway of its own.
fn second_zone_subnet<'p>(
    topology: &Topology<'_>,
    nat: &NatGateway,
    subnets: &[&'p Subnet],
) -> Option<&'p Subnet> {
    let nat_zone = topology.nat_zone(nat);
    subnets
        .iter()
        .find(|subnet| Some(subnet.availability_zone.as_str()) != nat_zone)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::plan::RouteTarget;
    use crate::presets::Preset::*;
    use crate::recommended::default_route;
    use crate::rules::public_routing::lookup::{route_table, subnet};
    use crate::testing::{check_cases, fires, silent};

    fn through_nat_1(plan: &mut crate::plan::Plan) {
        route_table(plan, "rtb-private-2").routes =
            vec![default_route(RouteTarget::NatGateway("nat-1".into()))];
    }

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "both through nat-1",
                    PublicInternet,
                    through_nat_1,
                    &["nat-1", "subnet-private-1", "subnet-private-2"],
                ),
                fires(
                    "only one NAT gateway",
                    PublicPrivateWebserver,
                    |p| {
                        through_nat_1(p);
                        p.nat_gateways.retain(|n| n.id != "nat-2");
                    },
                    &["nat-1", "subnet-private-2"],
                ),
                fires(
                    "one shared route table",
                    PublicInternet,
                    |p| {
                        subnet(p, "subnet-private-2").route_table =
                            Some("rtb-private-1".into())
                    },
                    &["nat-1", "subnet-private-2"],
                ),
                fires(
                    "no public subnet in the second zone",
                    PublicInternet,
                    |p| {
                        through_nat_1(p);
                        p.nat_gateways.retain(|n| n.id != "nat-2");
                        p.subnets.retain(|s| s.id != "subnet-public-2");
                    },
                    &["nat-1"],
                ),
                silent("a NAT gateway per zone", PublicInternet, |_| {}),
                silent(
                    "second subnet through a NAT instance",
                    PublicInternet,
                    |p| {
                        route_table(p, "rtb-private-2").routes =
                            vec![default_route(RouteTarget::Other(
                                "NAT instance".into(),
                            ))]
                    },
                ),
                silent("both subnets in one zone", PublicInternet, |p| {
                    through_nat_1(p);
                    subnet(p, "subnet-private-2").availability_zone =
                        "us-east-1a".into();
                }),
                silent("private routing", PrivateNewVpc, |_| {}),
                silent("existing VPC", PrivateExistingVpc, |_| {}),
            ],
        );
    }
}
