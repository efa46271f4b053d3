//! `nat-not-in-public-subnet`: every NAT gateway sits in a public subnet
//! and has an Elastic IP.

use super::public_subnet_in;
use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::{NatGateway, Routing, Subnet};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks that, under public routing, every NAT gateway sits
/// in a public subnet and has an Elastic IP address.
///
/// Why: a NAT gateway forwards traffic to the internet gateway from its own
/// subnet, with its Elastic IP as the source address; in a private subnet
/// or without the address, it forwards nothing to the internet.
pub(crate) const RULE: Rule = Rule {
    code: "N204",
    name: "nat-not-in-public-subnet",
    severity: Severity::Error,
    summary: "Under public routing, every NAT gateway sits in a public \
              subnet and has an Elastic IP.",
    explanation: "A public NAT gateway translates the private addresses of \
        the environment's containers to its Elastic IP address and hands \
        the traffic to the route table of the subnet it sits in. That \
        subnet must send 0.0.0.0/0 to the internet gateway, and the NAT \
        gateway must have an Elastic IP; otherwise the environment's \
        subnets route to a NAT gateway that cannot reach the internet. For \
        example, a NAT gateway created in one of the environment's private \
        subnets: create it in the public subnet of the same Availability \
        Zone instead.",
    known_problems: "A private NAT gateway (one without an Elastic IP) is a \
        valid design for reaching other networks, but not the internet; \
        under public routing the rule asks for the address on every NAT \
        gateway of the plan.",
    docs:
        "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    if topology.plan.routing != Routing::Public {
        return;
    }
    for nat in &topology.plan.nat_gateways {
        let Some(subnet) = topology.subnet(&nat.subnet) else {
            continue;
        };
        let misplaced = misplacement(topology, subnet);
        if misplaced.is_none() && nat.elastic_ip {
            continue;
        }
        findings.push(finding(topology, nat, subnet, misplaced));
    }
}

/// Why the subnet cannot hold a NAT gateway, if it cannot.
fn misplacement(topology: &Topology<'_>, subnet: &Subnet) -> Option<String> {
    if topology.is_env_subnet(&subnet.id) {
        return Some(format!(
            "sits in '{}', one of the environment's subnets",
            subnet.id
        ));
    }
    if !topology.is_public(subnet) {
        return Some(format!(
            "sits in '{}', which does not route 0.0.0.0/0 to an internet \
             gateway",
            subnet.id
        ));
    }
    None
}

fn finding(
    topology: &Topology<'_>,
    nat: &NatGateway,
    subnet: &Subnet,
    misplaced: Option<String>,
) -> Finding {
    let problems: Vec<String> = misplaced
        .iter()
        .cloned()
        .chain((!nat.elastic_ip).then(|| "has no Elastic IP".to_owned()))
        .collect();
    let message = format!(
        "NAT gateway '{}' {}; it cannot forward traffic to the internet",
        nat.id,
        problems.join(", and ")
    );

    let zone = &subnet.availability_zone;
    let public = misplaced
        .is_some()
        .then(|| public_subnet_in(topology, zone))
        .flatten();
    let mut mended = nat.clone();
    mended.elastic_ip = true;
    if let Some(public) = public {
        mended.subnet = public.id.clone();
    }

    let title = title(nat, misplaced.is_some(), public, zone);
    let finding = RULE.finding(message, title).part(&nat.id).part(&subnet.id);
    if mended == *nat {
        return finding;
    }
    finding.fix(Fix::put(mended))
}

fn title(
    nat: &NatGateway,
    misplaced: bool,
    public: Option<&Subnet>,
    zone: &str,
) -> String {
    let address = if nat.elastic_ip {
        ""
    } else {
        " and give it an Elastic IP"
    };
    match (misplaced, public) {
        (false, _) => format!("Give NAT gateway '{}' an Elastic IP", nat.id),
        (true, Some(public)) => format!(
            "Move NAT gateway '{}' to public subnet '{}'{address}",
            nat.id, public.id
        ),
        (true, None) => format!(
            "Move NAT gateway '{}' to a public subnet of {zone}{address}",
            nat.id
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::plan::{NatGateway, Routing};
    use crate::presets::Preset::*;
    use crate::rules::public_routing::lookup::{nat, route_table};
    use crate::testing::{check_cases, fires, silent};

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "no Elastic IP",
                    PublicInternet,
                    |p| nat(p, "nat-1").elastic_ip = false,
                    &["nat-1", "subnet-public-1"],
                ),
                fires(
                    "in an environment subnet",
                    PublicPrivateWebserver,
                    |p| nat(p, "nat-2").subnet = "subnet-private-2".into(),
                    &["nat-2", "subnet-private-2"],
                ),
                fires(
                    "in another zone's environment subnet",
                    PublicInternet,
                    |p| nat(p, "nat-2").subnet = "subnet-private-1".into(),
                    &["nat-2", "subnet-private-1"],
                ),
                fires(
                    "public subnet lost its internet route",
                    PublicInternet,
                    |p| route_table(p, "rtb-public").routes.clear(),
                    &["nat-1", "nat-2"],
                ),
                fires(
                    "misplaced and without address",
                    PublicInternet,
                    |p| {
                        let nat = nat(p, "nat-1");
                        nat.subnet = "subnet-private-1".into();
                        nat.elastic_ip = false;
                    },
                    &["nat-1", "subnet-private-1"],
                ),
                silent(
                    "in public subnets with addresses",
                    PublicInternet,
                    |_| {},
                ),
                silent("in a missing subnet", PublicInternet, |p| {
                    nat(p, "nat-1").subnet = "subnet-gone".into()
                }),
                silent("private routing", PrivateNewVpc, |p| {
                    p.nat_gateways.push(NatGateway {
                        id: "nat-private".into(),
                        name: "to-the-datacentre".into(),
                        subnet: "subnet-private-1".into(),
                        elastic_ip: false,
                    })
                }),
                silent("public routing switched on", PrivateExistingVpc, |p| {
                    p.routing = Routing::Public
                }),
            ],
        );
    }
}
