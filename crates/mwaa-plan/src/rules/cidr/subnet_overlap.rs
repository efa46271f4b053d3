//! `subnet-overlap`: no two subnets share an address.

use ipnet::Ipv4Net;

use super::{moved, planned_moves};
use crate::cidr;
use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::Subnet;
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks that the subnets' ranges are disjoint.
///
/// Why: AWS refuses to create a subnet whose range overlaps another subnet
/// of the VPC.
pub(crate) const RULE: Rule = Rule {
    code: "N607",
    name: "subnet-overlap",
    severity: Severity::Error,
    summary: "No two subnets overlap.",
    explanation: "Every address of a VPC belongs to at most one subnet, so \
        AWS refuses to create a subnet whose range shares an address with \
        another; whichever is created second fails, and the stack with \
        it. For example, 'subnet-a' 10.0.0.0/22 and 'subnet-b' \
        10.0.2.0/24 overlap; give 'subnet-b' 10.0.4.0/24 instead. The fix \
        moves the later subnet of each pair, in the plan's order, to the \
        first free block of its own size in the VPC block that holds it; \
        a subnet that is also outside the VPC or of a size AWS refuses \
        moves as subnet-outside-vpc or subnet-cidr-size would move it, so \
        the fixes of the three rules agree.",
    known_problems: "The check compares the plan's subnets only: a subnet \
        of an existing VPC that the plan does not list can still clash.",
    docs: "https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let plan = topology.plan;
    let ranges: Vec<Ipv4Net> = plan.subnets.iter().map(|s| s.cidr).collect();
    let pairs = cidr::overlapping_pairs(&ranges);
    if pairs.is_empty() {
        return;
    }

    let moves = planned_moves(plan);
    for (first, later) in pairs {
        let (Some(a), Some(b)) =
            (plan.subnets.get(first), plan.subnets.get(later))
        else {
            continue;
        };
        let new_range = moves.get(later).copied().flatten();
        findings.push(overlap(a, b, new_range));
    }
}

fn overlap(
    first: &Subnet,
    later: &Subnet,
    new_range: Option<Ipv4Net>,
) -> Finding {
    let message = format!(
        "'{}' {} overlaps '{}' {}",
        first.id, first.cidr, later.id, later.cidr
    );
    let finding = |title: String| {
        RULE.finding(message.clone(), title)
            .parts([&first.id, &later.id])
    };
    let Some(new_range) = new_range else {
        return finding(format!("Give '{}' a range of its own", later.id));
    };
    finding(format!("Move '{}' to {new_range}", later.id))
        .fix(Fix::put(moved(later, new_range)))
}

#[cfg(test)]
mod tests {
    use ipnet::Ipv4Net;

    use super::RULE;
    use crate::plan::Plan;
    use crate::presets::{self, Preset::*};
    use crate::testing::{check_cases, fires, place, run, silent};

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "same range",
                    PublicInternet,
                    |p| place(p, "subnet-private-2", "10.192.20.0/24"),
                    &["subnet-private-1", "subnet-private-2"],
                ),
                fires(
                    "one inside the other",
                    PrivateNewVpc,
                    |p| {
                        place(p, "subnet-private-1", "10.192.8.0/22");
                        place(p, "subnet-private-2", "10.192.10.0/24");
                    },
                    &["subnet-private-1", "subnet-private-2"],
                ),
                fires(
                    "a wide subnet over two",
                    PrivateExistingVpc,
                    |p| place(p, "subnet-app-3", "10.40.32.0/22"),
                    &["subnet-app-1", "subnet-app-2", "subnet-app-3"],
                ),
                fires(
                    "public over private",
                    PublicPrivateWebserver,
                    |p| place(p, "subnet-public-2", "10.192.16.0/20"),
                    &["subnet-public-2", "subnet-private-1"],
                ),
                fires(
                    "both outside the VPC",
                    PrivateNewVpc,
                    |p| {
                        place(p, "subnet-private-1", "172.20.0.0/24");
                        place(p, "subnet-private-2", "172.20.0.128/25");
                    },
                    &["subnet-private-1", "subnet-private-2"],
                ),
                silent("adjacent ranges", PublicInternet, |p| {
                    place(p, "subnet-private-1", "10.192.20.0/25");
                    place(p, "subnet-private-2", "10.192.20.128/25");
                }),
                silent("the next /22", PrivateNewVpc, |p| {
                    place(p, "subnet-private-1", "10.192.8.0/22");
                    place(p, "subnet-private-2", "10.192.12.0/22");
                }),
            ],
        );
    }

    #[test]
    fn messages_quote_both_ranges() {
        let mut plan = presets::build(PrivateNewVpc);
        place(&mut plan, "subnet-private-1", "10.192.10.0/24");
        place(&mut plan, "subnet-private-2", "10.192.8.0/22");
        let findings = run(&RULE, &plan);
        assert_eq!(
            findings[0].message,
            "'subnet-private-1' 10.192.10.0/24 overlaps 'subnet-private-2' \
             10.192.8.0/22"
        );
        assert_eq!(
            findings[0].fix_title,
            "Move 'subnet-private-2' to 10.192.0.0/22"
        );
    }

    /// A small random generator, so the test needs no crate and repeats.
    struct Xorshift(u64);

    impl Xorshift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, bound: u64) -> u64 {
            self.next() % bound
        }
    }

    /// `count` random subnets of `widest` to /28 inside 10.192.0.0/16.
    fn random_plan(seed: u64, count: usize, widest: u8) -> Plan {
        let mut random = Xorshift(seed);
        let mut plan = presets::build(PrivateNewVpc);
        let template = plan.subnets[0].clone();
        plan.subnets = (0..count)
            .map(|n| {
                let spread = u64::from(29 - widest);
                let prefix = widest + random.below(spread) as u8;
                let address = 0x0AC0_0000 | random.below(1 << 16) as u32;
                let mut subnet = template.clone();
                subnet.id = format!("subnet-{n}");
                subnet.cidr =
                    Ipv4Net::new(address.into(), prefix).unwrap().trunc();
                subnet
            })
            .collect();
        plan
    }

    fn brute_force_pairs(plan: &Plan) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        for (i, a) in plan.subnets.iter().enumerate() {
            for b in &plan.subnets[i + 1..] {
                if crate::cidr::overlaps(a.cidr, b.cidr) {
                    pairs.push((a.id.clone(), b.id.clone()));
                }
            }
        }
        pairs.sort();
        pairs
    }

    #[test]
    fn finds_the_pairs_a_brute_force_search_finds() {
        for seed in [1, 7, 42, 2024, 0x5eed] {
            let plan = random_plan(seed, 300, 20);
            let mut found: Vec<(String, String)> = run(&RULE, &plan)
                .into_iter()
                .map(|f| (f.parts[0].clone(), f.parts[1].clone()))
                .collect();
            found.sort();
            let expected = brute_force_pairs(&plan);
            assert!(!expected.is_empty(), "seed {seed}: no overlap to find");
            assert_eq!(found, expected, "seed {seed}");
        }
    }

    #[test]
    fn fixes_of_random_overlaps_leave_no_overlap() {
        let mut plan = random_plan(99, 200, 26);
        for finding in run(&RULE, &plan) {
            plan.apply(finding.fix.as_ref().unwrap()).unwrap();
        }
        assert_eq!(run(&RULE, &plan), []);
    }

    #[test]
    fn thousands_of_disjoint_subnets() {
        let mut plan = presets::build(PrivateNewVpc);
        let template = plan.subnets[0].clone();
        plan.subnets = (0..4096u32)
            .map(|n| {
                let mut subnet = template.clone();
                subnet.id = format!("subnet-{n}");
                let address = 0x0AC0_0000 | (n << 4);
                subnet.cidr = Ipv4Net::new(address.into(), 28).unwrap();
                subnet
            })
            .collect();
        plan.subnets.reverse();
        assert_eq!(run(&RULE, &plan), []);
    }
}
