//! `az-outside-region`: every subnet's Availability Zone belongs to the
//! plan's Region.

use std::collections::HashMap;

use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::Subnet;
use crate::region::Region;
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks that every subnet of the plan is in an Availability
/// Zone of the plan's Region.
///
/// Why: a VPC and its subnets live in one Region; a subnet in a zone of
/// another Region cannot be created in the VPC.
pub(crate) const RULE: Rule = Rule {
    code: "N105",
    name: "az-outside-region",
    severity: Severity::Error,
    summary: "Every subnet is in an Availability Zone of the plan's Region.",
    explanation: "A VPC belongs to one Region and each of its subnets to one \
        Availability Zone of that Region. A subnet whose zone names another \
        Region, or a zone the Region does not have, cannot be created. \
        This happens when a plan is copied to another Region and the zones \
        are left behind. For example, 'subnet-private-1' in eu-west-1a in a \
        plan for us-east-1: move it to us-east-1a.",
    known_problems: "The Region's zone names are those of the planner's \
        table; a zone AWS opens later is reported until the table learns \
        of it. Plans for a Region MWAA does not run in are not checked \
        (region-unsupported reports them).",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/networking-about.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let Some(region) = topology.region else {
        return;
    };
    let outside =
        |subnet: &&Subnet| !region.has_zone(&subnet.availability_zone);
    if !topology.plan.subnets.iter().any(|s| outside(&s)) {
        return;
    }

    let moves = new_zones(topology, region);
    for subnet in topology.plan.subnets.iter().filter(outside) {
        findings.push(finding(region, subnet, moves.get(subnet.id.as_str())));
    }
}

fn finding(region: &Region, subnet: &Subnet, zone: Option<&String>) -> Finding {
    let message = format!(
        "subnet '{}' is in '{}', which is not an Availability Zone of {}",
        subnet.id, subnet.availability_zone, region.code
    );
    let Some(zone) = zone else {
        let title =
            format!("Move '{}' to a zone of {}", subnet.id, region.code);
        return RULE.finding(message, title).part(&subnet.id);
    };
    let mut moved = subnet.clone();
    moved.availability_zone = zone.clone();
    RULE.finding(message, format!("Move '{}' to {zone}", subnet.id))
        .part(&subnet.id)
        .fix(Fix::put(moved))
}

/// Where each subnet outside the Region moves: to the zone of the same
/// letter when the Region has one, so subnets that shared a zone still do;
/// the environment's subnets each to a zone no other of them uses.
fn new_zones<'p>(
    topology: &Topology<'p>,
    region: &Region,
) -> HashMap<&'p str, String> {
    let mut taken: Vec<String> = topology
        .env_subnets()
        .map(|subnet| subnet.availability_zone.clone())
        .filter(|zone| region.has_zone(zone))
        .collect();
    let mut moves = HashMap::new();
    for subnet in topology.env_subnets() {
        if region.has_zone(&subnet.availability_zone) {
            continue;
        }
        let free = |zone: &String| !taken.contains(zone);
        let same_letter = same_letter(region, subnet).filter(free);
        if let Some(zone) = same_letter.or_else(|| region.zones().find(free)) {
            taken.push(zone.clone());
            moves.insert(subnet.id.as_str(), zone);
        }
    }
    for subnet in &topology.plan.subnets {
        let outside = !region.has_zone(&subnet.availability_zone);
        if outside && !moves.contains_key(subnet.id.as_str()) {
            let zone =
                same_letter(region, subnet).or_else(|| region.zones().next());
            moves.extend(zone.map(|zone| (subnet.id.as_str(), zone)));
        }
    }
    moves
}

/// The Region's zone with the letter that ends the subnet's zone, if the
/// Region has it: `us-east-1b` for a subnet in `eu-west-1b`.
fn same_letter(region: &Region, subnet: &Subnet) -> Option<String> {
    let letter = subnet.availability_zone.chars().last()?;
    let zone = format!("{}{letter}", region.code);
    region.has_zone(&zone).then_some(zone)
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
                    "plan moved to another Region",
                    PublicInternet,
                    |p| p.region = "eu-west-1".into(),
                    &["subnet-public-1", "subnet-private-2"],
                ),
                fires(
                    "one zone of another Region",
                    PrivateNewVpc,
                    |p| {
                        subnet(p, "subnet-private-1").availability_zone =
                            "us-west-2a".into()
                    },
                    &["subnet-private-1"],
                ),
                fires(
                    "a letter the Region lacks",
                    PrivateExistingVpc,
                    |p| {
                        p.region = "ap-northeast-1".into();
                    },
                    &["subnet-app-1", "subnet-app-2", "subnet-app-3"],
                ),
                fires(
                    "both in zones the Region lacks",
                    PrivateNewVpc,
                    |p| {
                        subnet(p, "subnet-private-1").availability_zone =
                            "us-east-1x".into();
                        subnet(p, "subnet-private-2").availability_zone =
                            "us-east-1y".into();
                    },
                    &["subnet-private-1", "subnet-private-2"],
                ),
                silent("zones of the Region", PublicInternet, |_| {}),
                silent("last zone of the Region", PrivateNewVpc, |p| {
                    subnet(p, "subnet-private-2").availability_zone =
                        "us-east-1f".into()
                }),
                silent("unknown Region", PrivateExistingVpc, |p| {
                    p.region = "xx-nowhere-1".into()
                }),
            ],
        );
    }

    #[test]
    fn new_zones_keep_environment_subnets_apart() {
        use super::new_zones;
        use crate::presets::{self, Preset};
        use crate::topology::Topology;

        let cases: [(&str, [&str; 2], [&str; 2]); 4] = [
            (
                "eu-west-1",
                ["us-east-1a", "us-east-1b"],
                ["eu-west-1a", "eu-west-1b"],
            ),
            (
                "us-east-1",
                ["us-east-1x", "us-east-1y"],
                ["us-east-1a", "us-east-1b"],
            ),
            (
                "us-east-1",
                ["eu-west-1a", "us-east-1a"],
                ["us-east-1b", "us-east-1a"],
            ),
            (
                "ap-northeast-1",
                ["us-east-1a", "us-east-1b"],
                ["ap-northeast-1a", "ap-northeast-1c"],
            ),
        ];
        for (region, zones, expected) in cases {
            let mut plan = presets::build(Preset::PrivateNewVpc);
            plan.region = region.into();
            for (subnet, zone) in plan.subnets.iter_mut().zip(zones) {
                subnet.availability_zone = zone.into();
            }
            let topology = Topology::new(&plan);
            let moves = new_zones(&topology, topology.region.unwrap());
            let ids = ["subnet-private-1", "subnet-private-2"];
            let got: Vec<&str> = ids
                .iter()
                .zip(zones)
                .map(|(id, zone)| moves.get(id).map_or(zone, String::as_str))
                .collect();
            assert_eq!(got, expected, "{region} {zones:?}");
        }
    }
}
