//! `vpc-cidr-size`: every CIDR block of the VPC is /16 to /28.

use ipnet::Ipv4Net;

use super::{block_role, vpc_with_block};
use crate::cidr::{self, LARGEST_PREFIX, SMALLEST_PREFIX};
use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::Plan;
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks that the VPC has a primary block and that every
/// block's prefix length is one AWS accepts.
///
/// Why: AWS refuses to create a VPC, or to associate a secondary block, whose
/// prefix is shorter than /16 or longer than /28.
pub(crate) const RULE: Rule = Rule {
    code: "N601",
    name: "vpc-cidr-size",
    severity: Severity::Error,
    summary: "The VPC has a primary block, and every VPC block is /16 to \
        /28.",
    explanation: "AWS sizes VPC address blocks between /16 (65,536 \
        addresses) and /28 (16 addresses); a block outside that range is \
        refused when the VPC is created or the block is associated, so \
        nothing of the plan gets built. For example, a VPC of 10.0.0.0/8 \
        fails; use 10.0.0.0/16 and add secondary blocks if you need more \
        room. A block of /29 is too small; widen it to /28 or, better, to \
        a size that holds two subnets for MWAA. The fix narrows a block \
        that is too large to the /16 inside it that holds its subnets, \
        and widens a block that is too small to /28 when no other block \
        is in the way.",
    known_problems: "",
    docs:
        "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let plan = topology.plan;
    if plan.vpc_blocks().is_empty() {
        findings.push(no_block(plan));
        return;
    }
    for (index, block) in plan.vpc_blocks().iter().enumerate() {
        let prefix = block.prefix_len();
        if cidr::is_valid_aws_prefix(prefix) {
            continue;
        }
        let finding = if prefix < LARGEST_PREFIX {
            too_large(plan, index, *block)
        } else {
            too_small(plan, index, *block)
        };
        findings.push(finding);
    }
}

fn no_block(plan: &Plan) -> Finding {
    let message = format!(
        "the VPC '{}' has no CIDR block; it needs a primary block of /16 to \
         /28",
        plan.vpc.id
    );
    let whole = Ipv4Net::default();
    let Some(block) = narrowed(plan, whole).filter(|_| has_subnets(plan))
    else {
        return RULE
            .finding(message, "Give the VPC a primary block of /16 to /28")
            .part(&plan.vpc.id);
    };
    let mut vpc = plan.vpc.clone();
    vpc.cidr_blocks = vec![block];
    RULE.finding(message, format!("Give the VPC the primary block {block}"))
        .part(&plan.vpc.id)
        .fix(Fix::put(vpc))
}

fn too_large(plan: &Plan, index: usize, block: Ipv4Net) -> Finding {
    let message = format!(
        "the VPC's {} {block} is larger than AWS allows: VPC blocks are \
         /16 to /28",
        block_role(index)
    );
    let Some(narrow) = narrowed(plan, block) else {
        return RULE
            .finding(message, "Split the block into blocks of /16 at most")
            .part(&plan.vpc.id);
    };
    RULE.finding(message, format!("Narrow the block to {narrow}"))
        .part(&plan.vpc.id)
        .fix(Fix::put(vpc_with_block(plan, index, narrow)))
}

fn too_small(plan: &Plan, index: usize, block: Ipv4Net) -> Finding {
    let message = format!(
        "the VPC's {} {block} is smaller than AWS allows: VPC blocks are \
         /16 to /28",
        block_role(index)
    );
    let Some(wide) = widened(plan, index, block) else {
        return RULE
            .finding(message, "Use a block of /28 or larger")
            .part(&plan.vpc.id);
    };
    RULE.finding(message, format!("Widen the block to {wide}"))
        .part(&plan.vpc.id)
        .fix(Fix::put(vpc_with_block(plan, index, wide)))
}

fn has_subnets(plan: &Plan) -> bool {
    !plan.subnets.is_empty()
}

/// The /16 inside `block` that holds every subnet lying in `block`, if one
/// does: the /16 of the first such subnet, or the first /16 of the block
/// when no subnet lies in it.
fn narrowed(plan: &Plan, block: Ipv4Net) -> Option<Ipv4Net> {
    let inside: Vec<Ipv4Net> = plan
        .subnets
        .iter()
        .map(|subnet| subnet.cidr)
        .filter(|range| cidr::contains(block, *range))
        .collect();
    let anchor = inside.first().map_or(block.network(), |r| r.network());
    let narrow = Ipv4Net::new(anchor, LARGEST_PREFIX).ok()?.trunc();
    let holds_all = inside.iter().all(|r| cidr::contains(narrow, *r));
    holds_all.then_some(narrow)
}

/// The /28 around `block`, if no other VPC block overlaps it.
fn widened(plan: &Plan, index: usize, block: Ipv4Net) -> Option<Ipv4Net> {
    let wide = Ipv4Net::new(block.network(), SMALLEST_PREFIX).ok()?.trunc();
    let clashes = plan
        .vpc_blocks()
        .iter()
        .enumerate()
        .any(|(other, b)| other != index && cidr::overlaps(*b, wide));
    (!clashes).then_some(wide)
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::plan::Plan;
    use crate::presets::Preset::*;
    use crate::testing::{check_cases, fires, silent};

    fn blocks(plan: &mut Plan, blocks: &[&str]) {
        plan.vpc.cidr_blocks =
            blocks.iter().map(|b| b.parse().unwrap()).collect();
    }

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "primary /8",
                    PublicInternet,
                    |p| blocks(p, &["10.0.0.0/8"]),
                    &["vpc"],
                ),
                fires(
                    "primary /12 holding the subnets",
                    PrivateNewVpc,
                    |p| blocks(p, &["10.192.0.0/12"]),
                    &["vpc"],
                ),
                fires(
                    "secondary /15 without subnets",
                    PrivateExistingVpc,
                    |p| blocks(p, &["10.40.0.0/16", "100.64.0.0/15"]),
                    &["vpc"],
                ),
                fires(
                    "subnets in two /16s, no fix",
                    PublicInternet,
                    |p| {
                        blocks(p, &["10.192.0.0/15"]);
                        p.subnets[0].cidr = "10.193.10.0/24".parse().unwrap();
                    },
                    &["vpc"],
                ),
                fires(
                    "secondary /29",
                    PublicPrivateWebserver,
                    |p| blocks(p, &["10.192.0.0/16", "10.50.0.8/29"]),
                    &["vpc"],
                ),
                fires(
                    "secondary /30 beside another block",
                    PrivateNewVpc,
                    |p| {
                        blocks(
                            p,
                            &["10.192.0.0/16", "10.50.0.0/28", "10.50.0.4/30"],
                        )
                    },
                    &["vpc"],
                ),
                fires(
                    "no block at all",
                    PrivateExistingVpc,
                    |p| blocks(p, &[]),
                    &["vpc"],
                ),
                silent("primary /16", PublicInternet, |_| {}),
                silent("secondary /28", PrivateNewVpc, |p| {
                    blocks(p, &["10.192.0.0/16", "10.50.0.0/28"])
                }),
                silent("secondary /16", PrivateExistingVpc, |p| {
                    blocks(p, &["10.40.0.0/16", "100.64.0.0/16"])
                }),
            ],
        );
    }

    #[test]
    fn fixed_blocks() {
        let cases = [
            (&["10.192.0.0/12"][..], "10.192.0.0/16"),
            (&["10.0.0.0/8"][..], "10.192.0.0/16"),
            (&["10.192.0.0/16", "10.50.0.8/29"][..], "10.50.0.0/28"),
        ];
        for (given, expected) in cases {
            let mut plan = crate::presets::build(PrivateNewVpc);
            blocks(&mut plan, given);
            let findings = crate::testing::run(&RULE, &plan);
            let fix = findings[0].fix.clone().unwrap();
            plan.apply(&fix).unwrap();
            let fixed = plan.vpc.cidr_blocks.last().unwrap().to_string();
            assert_eq!(fixed, expected, "{given:?}");
        }
    }
}
