//! `subnet-outside-vpc`: every subnet lies inside one of the VPC's blocks.

use ipnet::Ipv4Net;

use super::{block_holding, moved, planned_moves};
use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::{Plan, Subnet};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks that each subnet's range lies wholly inside one
/// VPC block.
///
/// Why: AWS carves subnets out of a single block of the VPC and refuses a
/// subnet that is not inside one.
pub(crate) const RULE: Rule = Rule {
    code: "N606",
    name: "subnet-outside-vpc",
    severity: Severity::Error,
    summary: "Every subnet lies inside one of the VPC's blocks.",
    explanation: "A subnet is a piece of one of the VPC's CIDR blocks: AWS \
        refuses to create a subnet whose range is partly or wholly outside \
        them, and a subnet cannot span two blocks even when the blocks are \
        adjacent. For example, in a VPC of 10.192.0.0/16 a subnet of \
        10.193.20.0/24 fails; use 10.192.20.0/24 instead. A subnet of \
        10.100.0.0/23 fails too when the VPC has 10.100.0.0/24 and \
        10.100.1.0/24 as two blocks, though together they cover it. The fix \
        moves the subnet to the first free block of the same size in the \
        primary block, clear of every other subnet (a subnet of a size \
        AWS refuses gets a /24, as subnet-cidr-size would give it).",
    known_problems: "A VPC without any block is reported by vpc-cidr-size, \
        not here.",
    docs: "https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let plan = topology.plan;
    if plan.vpc_blocks().is_empty() {
        return;
    }
    let mut moves: Option<Vec<Option<Ipv4Net>>> = None;
    for (index, subnet) in plan.subnets.iter().enumerate() {
        if block_holding(plan, subnet.cidr).is_some() {
            continue;
        }
        let moves = moves.get_or_insert_with(|| planned_moves(plan));
        let new_range = moves.get(index).copied().flatten();
        findings.push(outside(plan, subnet, new_range));
    }
}

fn outside(
    plan: &Plan,
    subnet: &Subnet,
    new_range: Option<Ipv4Net>,
) -> Finding {
    let blocks: Vec<String> =
        plan.vpc_blocks().iter().map(ToString::to_string).collect();
    let message = format!(
        "'{}' {} does not lie inside one block of the VPC ({})",
        subnet.id,
        subnet.cidr,
        blocks.join(", ")
    );
    let Some(new_range) = new_range else {
        return RULE
            .finding(message, "Move the subnet inside a VPC block")
            .parts([&subnet.id, &plan.vpc.id]);
    };
    let title = format!("Move '{}' to {new_range}", subnet.id);
    RULE.finding(message, title)
        .parts([&subnet.id, &plan.vpc.id])
        .fix(Fix::put(moved(subnet, new_range)))
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::presets::Preset::*;
    use crate::testing::{blocks, check_cases, fires, place, silent};

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "wholly outside",
                    PublicInternet,
                    |p| place(p, "subnet-private-1", "10.193.20.0/24"),
                    &["subnet-private-1", "vpc"],
                ),
                fires(
                    "partly outside",
                    PrivateNewVpc,
                    |p| place(p, "subnet-private-2", "10.192.0.0/15"),
                    &["subnet-private-2"],
                ),
                fires(
                    "straddling two adjacent blocks",
                    PrivateNewVpc,
                    |p| {
                        let split =
                            ["10.0.0.0/16", "10.192.10.0/24", "10.192.11.0/24"];
                        blocks(p, &split);
                        place(p, "subnet-private-1", "10.192.10.0/23");
                        place(p, "subnet-private-2", "10.0.0.0/24");
                    },
                    &["subnet-private-1"],
                ),
                fires(
                    "two outside",
                    PrivateExistingVpc,
                    |p| {
                        place(p, "subnet-app-1", "10.41.0.0/24");
                        place(p, "subnet-app-2", "10.42.0.0/24");
                    },
                    &["subnet-app-1", "subnet-app-2"],
                ),
                fires(
                    "no room in the primary block",
                    PublicPrivateWebserver,
                    |p| {
                        blocks(p, &["10.192.0.0/28"]);
                        p.subnets.truncate(2);
                        place(p, "subnet-public-1", "10.192.1.0/28");
                        place(p, "subnet-public-2", "10.192.0.0/28");
                    },
                    &["subnet-public-1"],
                ),
                silent("inside the primary block", PublicInternet, |_| {}),
                silent("inside a secondary block", PrivateNewVpc, |p| {
                    blocks(p, &["10.192.0.0/16", "10.193.0.0/16"]);
                    place(p, "subnet-private-1", "10.193.255.0/24");
                }),
                silent("filling the block exactly", PrivateExistingVpc, |p| {
                    p.subnets.truncate(1);
                    place(p, "subnet-app-1", "10.40.0.0/16");
                }),
                silent("no VPC block", PrivateExistingVpc, |p| blocks(p, &[])),
            ],
        );
    }
}
