//! `env-subnets-same-az`: the environment's two subnets are in different
//! Availability Zones.

use super::zones_of_others;
use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::Subnet;
use crate::rules::public_routing::public_subnets;
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks that no two of the environment's subnets share an
/// Availability Zone.
///
/// Why: MWAA runs in two zones so that it can rebuild its containers in one
/// when the other fails; two subnets of one zone leave it nowhere to go.
pub(crate) const RULE: Rule = Rule {
    code: "N102",
    name: "env-subnets-same-az",
    severity: Severity::Error,
    summary: "The environment's two subnets are in different Availability \
              Zones.",
    explanation: "MWAA places the environment's containers and its own VPC \
        endpoints in both of its subnets, one per Availability Zone, and \
        moves the work to the other zone when one fails. The service \
        refuses two subnets of the same zone. For example, \
        'subnet-private-1' and 'subnet-private-2' both in us-east-1a: keep \
        one there and create the other in us-east-1b.",
    known_problems: "Moving a subnet to another zone means creating it \
        anew in AWS; for a subnet that already exists, the fix describes \
        the subnet to create rather than a change AWS can make in place.",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/networking-about.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let subnets: Vec<&Subnet> = topology.env_subnets().collect();
    for (index, subnet) in subnets.iter().enumerate() {
        let zone = &subnet.availability_zone;
        let mut earlier = subnets.iter().take(index);
        let Some(first) = earlier.find(|e| e.availability_zone == *zone) else {
            continue;
        };
        findings.push(finding(topology, first, subnet));
    }
}

fn finding(
    topology: &Topology<'_>,
    first: &Subnet,
    second: &Subnet,
) -> Finding {
    if first.id == second.id {
        let message = format!(
            "the environment names subnet '{}' twice; its two subnets must \
             be different subnets in different Availability Zones",
            first.id
        );
        return RULE
            .finding(message, "Give the environment two different subnets")
            .part(&topology.plan.environment.id)
            .part(&first.id);
    }

    let message = format!(
        "environment subnets '{}' and '{}' are both in {}; MWAA needs them \
         in two different Availability Zones",
        first.id, second.id, first.availability_zone
    );
    let finding = |title: String| {
        RULE.finding(message.clone(), title)
            .part(&second.id)
            .part(&first.id)
    };
    let Some(zone) = new_zone(topology, second) else {
        return finding(format!(
            "Move '{}' to another Availability Zone",
            second.id
        ));
    };
    let mut moved = second.clone();
    moved.availability_zone = zone.clone();
    finding(format!("Move '{}' to {zone}", second.id)).fix(Fix::put(moved))
}

/// A zone of the plan's Region that no other environment subnet uses:
/// the zone of the subnet's NAT gateway if it qualifies, then a zone with a
/// public subnet, then the first free one.
fn new_zone(topology: &Topology<'_>, subnet: &Subnet) -> Option<String> {
    let region = topology.region?;
    let taken = zones_of_others(topology, subnet);
    let free = |zone: &str| region.has_zone(zone) && !taken.contains(&zone);

    let nat_zone = topology
        .default_nat(subnet)
        .and_then(|nat| topology.nat_zone(nat));
    let public_zones =
        public_subnets(topology).map(|s| s.availability_zone.as_str());
    let preferred = nat_zone.into_iter().chain(public_zones).find(|z| free(z));
    preferred
        .map(str::to_owned)
        .or_else(|| region.zones().find(|zone| free(zone)))
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::presets::Preset::*;
    use crate::rules::public_routing::lookup::subnet;
    use crate::testing::{check_cases, fires, silent};

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "both in us-east-1a",
                    PublicInternet,
                    |p| {
                        subnet(p, "subnet-private-2").availability_zone =
                            "us-east-1a".into()
                    },
                    &["subnet-private-2", "subnet-private-1"],
                ),
                fires(
                    "both in us-east-1b",
                    PrivateNewVpc,
                    |p| {
                        subnet(p, "subnet-private-1").availability_zone =
                            "us-east-1b".into()
                    },
                    &["subnet-private-2", "subnet-private-1"],
                ),
                fires(
                    "second moved to the third's zone",
                    PrivateExistingVpc,
                    |p| {
                        subnet(p, "subnet-app-2").availability_zone =
                            "us-east-1a".into()
                    },
                    &["subnet-app-2", "subnet-app-1"],
                ),
                fires(
                    "three subnets in one zone",
                    PrivateNewVpc,
                    |p| {
                        let mut third = subnet(p, "subnet-private-1").clone();
                        third.id = "subnet-private-3".into();
                        third.cidr = "10.192.12.0/24".parse().unwrap();
                        p.subnets.push(third);
                        p.environment.subnets.push("subnet-private-3".into());
                        subnet(p, "subnet-private-2").availability_zone =
                            "us-east-1a".into();
                    },
                    &["subnet-private-2", "subnet-private-3"],
                ),
                fires(
                    "same subnet twice",
                    PrivateNewVpc,
                    |p| p.environment.subnets[1] = "subnet-private-1".into(),
                    &["env", "subnet-private-1"],
                ),
                fires(
                    "unknown region: no fix",
                    PublicInternet,
                    |p| {
                        p.region = "xx-nowhere-1".into();
                        subnet(p, "subnet-private-2").availability_zone =
                            "us-east-1a".into();
                    },
                    &["subnet-private-2"],
                ),
                silent("two zones", PublicInternet, |_| {}),
                silent("third zone", PrivateExistingVpc, |p| {
                    p.environment.subnets[1] = "subnet-app-3".into()
                }),
                silent(
                    "same zone name, one subnet missing",
                    PrivateNewVpc,
                    |p| p.environment.subnets[1] = "subnet-gone".into(),
                ),
                silent("a public subnet shares a zone", PublicInternet, |p| {
                    subnet(p, "subnet-public-2").availability_zone =
                        "us-east-1a".into()
                }),
            ],
        );
    }
}
