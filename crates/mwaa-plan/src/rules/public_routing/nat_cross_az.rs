//! `nat-cross-az`: each environment subnet uses the NAT gateway of its own
//! Availability Zone.

use super::through_zone_nat;
use crate::finding::{Finding, Severity};
use crate::plan::{NatGateway, Routing, Subnet};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks that, under public routing, no environment subnet
/// sends its internet traffic to a NAT gateway in another Availability
/// Zone.
///
/// Why: traffic between zones is charged, and a subnet that leans on
/// another zone's NAT gateway loses the internet when either zone fails.
pub(crate) const RULE: Rule = Rule {
    code: "N206",
    name: "nat-cross-az",
    severity: Severity::Warning,
    summary: "Under public routing, each environment subnet routes through \
              a NAT gateway in its own Availability Zone.",
    explanation: "A NAT gateway serves one Availability Zone. A private \
        subnet in us-east-1b whose default route goes to a NAT gateway in \
        us-east-1a pays for every byte that crosses between the zones, and \
        it depends on both zones at once, which defeats MWAA's spreading of \
        the environment over two. It works, but route each environment \
        subnet through the NAT gateway of its own zone, as AWS's network \
        for MWAA does.",
    known_problems: "",
    docs:
        "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    if topology.plan.routing != Routing::Public {
        return;
    }
    for subnet in topology.env_subnets() {
        let Some(nat) = topology.default_nat(subnet) else {
            continue;
        };
        let Some(nat_zone) = topology.nat_zone(nat) else {
            continue;
        };
        if nat_zone != subnet.availability_zone {
            findings.push(finding(topology, subnet, nat, nat_zone));
        }
    }
}

fn finding(
    topology: &Topology<'_>,
    subnet: &Subnet,
    nat: &NatGateway,
    nat_zone: &str,
) -> Finding {
    let message = format!(
        "environment subnet '{}' in {} reaches the internet through NAT \
         gateway '{}' in {nat_zone}, crossing zones",
        subnet.id, subnet.availability_zone, nat.id
    );
    let (title, fix) = through_zone_nat(topology, subnet);
    let finding = RULE.finding(message, title).part(&subnet.id).part(&nat.id);
    match fix {
        Some(fix) => finding.fix(fix),
        None => finding,
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::plan::RouteTarget;
    use crate::presets::Preset::*;
    use crate::recommended::default_route;
    use crate::rules::public_routing::lookup::{nat, route_table, subnet};
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
                    "through the other zone's NAT",
                    PublicInternet,
                    through_nat_1,
                    &["subnet-private-2", "nat-1"],
                ),
                fires(
                    "own zone has no NAT yet",
                    PublicPrivateWebserver,
                    |p| {
                        through_nat_1(p);
                        p.nat_gateways.retain(|n| n.id != "nat-2");
                    },
                    &["subnet-private-2", "nat-1"],
                ),
                fires(
                    "shared table, NAT moved away",
                    PublicInternet,
                    |p| {
                        subnet(p, "subnet-private-2").route_table =
                            Some("rtb-private-1".into());
                        nat(p, "nat-1").subnet = "subnet-public-2".into();
                    },
                    &["subnet-private-1", "nat-1"],
                ),
                fires(
                    "no public subnet in the zone",
                    PublicInternet,
                    |p| {
                        through_nat_1(p);
                        p.nat_gateways.retain(|n| n.id != "nat-2");
                        p.subnets.retain(|s| s.id != "subnet-public-2");
                    },
                    &["subnet-private-2"],
                ),
                silent("NAT gateway per zone", PublicInternet, |_| {}),
                silent(
                    "NAT gateway in a missing subnet",
                    PublicInternet,
                    |p| {
                        through_nat_1(p);
                        nat(p, "nat-1").subnet = "subnet-gone".into();
                    },
                ),
                silent("through a transit gateway", PublicInternet, |p| {
                    route_table(p, "rtb-private-2").routes =
                        vec![default_route(RouteTarget::Other(
                            "transit gateway".into(),
                        ))]
                }),
                silent("private routing", PrivateNewVpc, |_| {}),
                silent("existing VPC", PrivateExistingVpc, |_| {}),
            ],
        );
    }
}
