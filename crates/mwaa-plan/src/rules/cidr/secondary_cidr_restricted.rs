//! `secondary-cidr-restricted`: the VPC's blocks are in ranges AWS allows
//! beside each other.

use ipnet::Ipv4Net;

use super::{block_role, vpc_without_block};
use crate::cidr;
use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::Plan;
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks the VPC's blocks against AWS's restrictions on
/// secondary blocks: no link-local or 198.19.0.0/16 block, no second RFC
/// 1918 range beside an RFC 1918 primary, no more than five blocks, no
/// overlap.
///
/// Why: AWS refuses to associate such a block with the VPC.
pub(crate) const RULE: Rule = Rule {
    code: "N604",
    name: "secondary-cidr-restricted",
    severity: Severity::Error,
    summary: "The VPC's secondary blocks are in ranges AWS allows beside \
        the primary block, at most five blocks in all, none overlapping.",
    explanation: "A VPC can grow with secondary blocks, but AWS refuses some \
        of them: 169.254.0.0/16 (link-local, used for instance metadata and \
        the Amazon DNS server) and 198.19.0.0/16 are never allowed, a \
        primary block in one RFC 1918 range cannot be joined by a block of \
        another RFC 1918 range, blocks cannot overlap, and a VPC holds five \
        IPv4 blocks unless the quota is raised. The primary block cannot \
        be link-local either. For example, a VPC of 10.0.0.0/16 cannot add \
        192.168.0.0/16; add 10.1.0.0/16, or 100.64.0.0/16 from the shared \
        address space, instead. The fix removes an offending secondary \
        block when none of the plan's subnets depends on it.",
    known_problems: "The check follows the main lines of AWS's table of \
        restricted ranges; narrower exceptions it lists for particular \
        primary ranges are not modelled. The limit of five blocks is the \
        default quota: if yours was raised, the extra blocks are \
        reported anyway.",
    docs:
        "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html",
    check,
};

/// The IPv4 blocks a VPC holds under the default quota.
const DEFAULT_BLOCK_QUOTA: usize = 5;

fn link_local() -> Ipv4Net {
    Ipv4Net::new_assert([169, 254, 0, 0].into(), 16)
}

fn benchmark_range() -> Ipv4Net {
    Ipv4Net::new_assert([198, 19, 0, 0].into(), 16)
}

/// A block AWS would refuse, with every reason why.
struct Offence {
    index: usize,
    block: Ipv4Net,
    reasons: Vec<String>,
}

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let plan = topology.plan;
    let offences = offences(plan.vpc_blocks());
    for offence in &offences {
        findings.push(restricted(plan, offence, &offences));
    }
}

fn offences(blocks: &[Ipv4Net]) -> Vec<Offence> {
    let earlier = earlier_overlaps(blocks);
    let mut offences = Vec::new();
    for (index, block) in blocks.iter().copied().enumerate() {
        let mut reasons = restrictions(blocks, index, block);
        let overlapped = earlier.get(index).copied().flatten();
        reasons.extend(overlapped.map(|(other, range)| {
            format!("it overlaps the {} {range}", block_role(other))
        }));
        if !reasons.is_empty() {
            offences.push(Offence {
                index,
                block,
                reasons,
            });
        }
    }
    offences
}

/// For each block, the first earlier block it overlaps, if any.
fn earlier_overlaps(blocks: &[Ipv4Net]) -> Vec<Option<(usize, Ipv4Net)>> {
    let mut earlier = vec![None; blocks.len()];
    for (first, later) in cidr::overlapping_pairs(blocks) {
        let first_block = blocks.get(first).map(|block| (first, *block));
        if let Some(slot @ None) = earlier.get_mut(later) {
            *slot = first_block;
        }
    }
    earlier
}

/// Why the block at `index` is not allowed where it is, overlaps aside.
fn restrictions(
    blocks: &[Ipv4Net],
    index: usize,
    block: Ipv4Net,
) -> Vec<String> {
    let mut reasons = Vec::new();
    if cidr::overlaps(block, link_local()) {
        reasons
            .push(format!("it lies in the link-local range {}", link_local()));
    }
    if index == 0 {
        return reasons;
    }
    if cidr::overlaps(block, benchmark_range()) {
        reasons.push(format!(
            "it lies in {}, which AWS restricts",
            benchmark_range()
        ));
    }
    reasons.extend(second_private_range(blocks, block));
    if index >= DEFAULT_BLOCK_QUOTA {
        reasons.push(format!(
            "it is block {} of {} and the default quota is \
             {DEFAULT_BLOCK_QUOTA} IPv4 blocks",
            index + 1,
            blocks.len()
        ));
    }
    reasons
}

/// Why a secondary block clashes with an RFC 1918 primary block, if it lies
/// in another RFC 1918 range.
fn second_private_range(blocks: &[Ipv4Net], block: Ipv4Net) -> Option<String> {
    let primary = blocks.first().copied()?;
    let primary_range = cidr::private_range_of(primary)?;
    let other = cidr::private_ranges().into_iter().find(|range| {
        *range != primary_range && cidr::overlaps(*range, block)
    })?;
    Some(format!(
        "the primary block is in {primary_range} and it lies in another \
         private range, {other}"
    ))
}

fn restricted(plan: &Plan, offence: &Offence, offences: &[Offence]) -> Finding {
    let Offence {
        index,
        block,
        reasons,
    } = offence;
    let message = format!(
        "the VPC's {} {block} is not allowed: {}",
        block_role(*index),
        reasons.join("; ")
    );
    let finding = RULE
        .finding(message, title(*index, *block))
        .part(&plan.vpc.id);
    if *index == 0 || !removable(plan, offence, offences) {
        return finding;
    }
    finding.fix(Fix::put(vpc_without_block(plan, *index)))
}

fn title(index: usize, block: Ipv4Net) -> String {
    if index == 0 {
        return format!("Choose a primary block outside {}", link_local());
    }
    format!("Remove the block {block} from the VPC")
}

/// Whether removing the offending block leaves every subnet that lies in it
/// inside a block that does not offend.
fn removable(plan: &Plan, offence: &Offence, offences: &[Offence]) -> bool {
    let kept = |index: usize| offences.iter().all(|o| o.index != index);
    let in_kept_block = |range: Ipv4Net| {
        plan.vpc_blocks()
            .iter()
            .enumerate()
            .any(|(index, b)| kept(index) && cidr::contains(*b, range))
    };
    plan.subnets
        .iter()
        .map(|subnet| subnet.cidr)
        .filter(|range| cidr::contains(offence.block, *range))
        .all(in_kept_block)
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::plan::Plan;
    use crate::presets::Preset::*;
    use crate::testing::{blocks, check_cases, fires, silent};

    fn subnet_in(plan: &mut Plan, range: &str) {
        plan.subnets[0].cidr = range.parse().unwrap();
    }

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "link-local secondary",
                    PublicInternet,
                    |p| blocks(p, &["10.192.0.0/16", "169.254.0.0/16"]),
                    &["vpc"],
                ),
                fires(
                    "link-local primary",
                    PrivateNewVpc,
                    |p| blocks(p, &["169.254.0.0/16"]),
                    &["vpc"],
                ),
                fires(
                    "198.19.0.0/16 secondary",
                    PrivateExistingVpc,
                    |p| blocks(p, &["10.40.0.0/16", "198.19.0.0/24"]),
                    &["vpc"],
                ),
                fires(
                    "second private range",
                    PublicPrivateWebserver,
                    |p| blocks(p, &["10.192.0.0/16", "192.168.0.0/16"]),
                    &["vpc"],
                ),
                fires(
                    "second private range in use, no fix",
                    PrivateNewVpc,
                    |p| {
                        blocks(p, &["10.192.0.0/16", "172.20.0.0/16"]);
                        subnet_in(p, "172.20.1.0/24");
                    },
                    &["vpc"],
                ),
                fires(
                    "six blocks",
                    PrivateExistingVpc,
                    |p| {
                        blocks(
                            p,
                            &[
                                "10.40.0.0/16",
                                "10.41.0.0/16",
                                "10.42.0.0/16",
                                "10.43.0.0/16",
                                "10.44.0.0/16",
                                "10.45.0.0/16",
                            ],
                        )
                    },
                    &["vpc"],
                ),
                fires(
                    "overlapping secondary",
                    PublicInternet,
                    |p| blocks(p, &["10.192.0.0/16", "10.192.20.0/24"]),
                    &["vpc"],
                ),
                silent(
                    "shared address space beside RFC 1918",
                    PublicInternet,
                    |p| blocks(p, &["10.192.0.0/16", "100.64.0.0/16"]),
                ),
                silent(
                    "public secondary beside RFC 1918",
                    PrivateNewVpc,
                    |p| blocks(p, &["10.192.0.0/16", "52.10.0.0/16"]),
                ),
                silent(
                    "another block of the same range",
                    PrivateExistingVpc,
                    |p| blocks(p, &["10.40.0.0/16", "10.41.0.0/16"]),
                ),
                silent(
                    "second private range beside a public primary",
                    PrivateNewVpc,
                    |p| blocks(p, &["52.10.0.0/16", "192.168.0.0/16"]),
                ),
                silent("five blocks", PrivateExistingVpc, |p| {
                    blocks(
                        p,
                        &[
                            "10.40.0.0/16",
                            "10.41.0.0/16",
                            "10.42.0.0/16",
                            "10.43.0.0/16",
                            "10.44.0.0/16",
                        ],
                    )
                }),
                silent("adjacent blocks", PublicInternet, |p| {
                    blocks(p, &["10.192.0.0/16", "10.193.0.0/16"])
                }),
                silent("198.18.0.0/16 secondary", PrivateNewVpc, |p| {
                    blocks(p, &["10.192.0.0/16", "198.18.0.0/16"])
                }),
            ],
        );
    }

    #[test]
    fn one_finding_per_block_with_every_reason() {
        let mut plan = crate::presets::build(PrivateNewVpc);
        blocks(
            &mut plan,
            &["10.192.0.0/16", "192.168.0.0/16", "192.168.0.0/24"],
        );
        let findings = crate::testing::run(&RULE, &plan);
        let messages: Vec<&str> =
            findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[1].contains("another private range"));
        assert!(messages[1].contains("overlaps the secondary block"));
    }
}
