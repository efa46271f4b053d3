//! `nacl-rule-number`: the rules of a network ACL have numbers AWS
//! accepts, each used once per direction.

use super::{free_rule_number, LAST_RULE_NUMBER};
use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::network_acl::{Direction, NetworkAcl};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks every numbered rule of every network ACL in the
/// plan for a number from 1 to 32766 that no other rule of the same
/// direction has.
///
/// Why: AWS keys a network ACL's rules by number; a second rule with a
/// number already used, or a number out of range, fails to create.
pub(crate) const RULE: Rule = Rule {
    code: "N505",
    name: "nacl-rule-number",
    severity: Severity::Error,
    summary: "Each rule of a network ACL has a number from 1 to 32766, used \
        once per direction.",
    explanation: "A network ACL's rules are known by their numbers: AWS \
        evaluates them in number order and refuses to create a rule whose \
        number its direction already has, or a number outside 1 to 32766 \
        (32767 is the final * rule). A plan with two inbound rules 100 \
        deploys its first rule and fails on the second, leaving the stack \
        to roll back. For example, a copied allow-all rule 100 beside an \
        existing deny rule 100: give one of them a free number, choosing \
        which should be read first.",
    known_problems: "The fix gives the later rule the next free number after \
        the one it shares, which keeps it after its twin; when the order \
        matters the other way, renumber by hand.",
    docs:
        "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    for acl in &topology.plan.network_acls {
        for direction in Direction::BOTH {
            check_direction(acl, direction, findings);
        }
    }
}

fn check_direction(
    acl: &NetworkAcl,
    direction: Direction,
    findings: &mut Vec<Finding>,
) {
    let rules = acl.rules(direction);
    let mut seen: Vec<u16> = Vec::with_capacity(rules.len());
    for (index, rule) in rules.iter().enumerate() {
        let number = rule.number;
        let problem = if !(1..=LAST_RULE_NUMBER).contains(&number) {
            Some(format!("its number {number} is outside 1-32766"))
        } else if seen.contains(&number) {
            Some(format!("another {direction} rule has the number {number}"))
        } else {
            None
        };
        seen.push(number);
        if let Some(problem) = problem {
            findings.push(finding(acl, direction, index, &problem));
        }
    }
}

fn finding(
    acl: &NetworkAcl,
    direction: Direction,
    index: usize,
    problem: &str,
) -> Finding {
    let number = acl.rules(direction).get(index).map_or(0, |r| r.number);
    let message = format!(
        "{direction} rule {number} of network ACL '{}' cannot be created: \
         {problem}",
        acl.id
    );
    let taken: Vec<u16> = acl
        .rules(direction)
        .iter()
        .map(|rule| rule.number)
        .collect();
    let renumbered = next_free_after(&taken, number);
    let Some(renumbered) = renumbered else {
        let title = format!("Give {direction} rule {number} a free number");
        return RULE.finding(message, title).part(&acl.id);
    };

    let mut fixed = acl.clone();
    if let Some(rule) = fixed.rules_mut(direction).get_mut(index) {
        rule.number = renumbered;
    }
    let title =
        format!("Renumber the {direction} rule {number} to {renumbered}");
    RULE.finding(message, title)
        .part(&acl.id)
        .fix(Fix::put(fixed))
}

/// The first free number after `number` (for an out-of-range number, the
/// first free one from 100), else the highest free one before it.
fn next_free_after(taken: &[u16], number: u16) -> Option<u16> {
    let in_range = (1..=LAST_RULE_NUMBER).contains(&number);
    if !in_range {
        return free_rule_number(taken, None);
    }
    (number + 1..=LAST_RULE_NUMBER)
        .find(|candidate| !taken.contains(candidate))
        .or_else(|| free_rule_number(taken, Some(number)))
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::acl_rule;
    use super::{next_free_after, RULE};
    use crate::network_acl::Action::{Allow, Deny};
    use crate::plan::Traffic;
    use crate::presets::Preset::*;
    use crate::testing::{check_cases, fires, silent};

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "two inbound rules 100",
                    PublicInternet,
                    |p| {
                        let deny = acl_rule(
                            100,
                            Deny,
                            Traffic::tcp(22, 22),
                            "0.0.0.0/0",
                        );
                        p.network_acls[0].ingress.push(deny);
                    },
                    &["acl-mwaa"],
                ),
                fires(
                    "rule number 0",
                    PrivateNewVpc,
                    |p| {
                        let allow =
                            acl_rule(0, Allow, Traffic::ALL, "10.0.0.0/8");
                        p.network_acls[0].egress.push(allow);
                    },
                    &["acl-mwaa"],
                ),
                fires(
                    "rule number 32767",
                    PrivateExistingVpc,
                    |p| {
                        let allow =
                            acl_rule(32767, Allow, Traffic::ALL, "10.0.0.0/8");
                        p.network_acls[0].ingress.push(allow);
                    },
                    &["acl-mwaa"],
                ),
                silent("100 inbound and 100 outbound", PublicInternet, |_| {}),
                silent("rules 1 and 32766", PrivateNewVpc, |p| {
                    let acl = &mut p.network_acls[0];
                    acl.ingress.push(acl_rule(
                        1,
                        Allow,
                        Traffic::ALL,
                        "10.0.0.0/8",
                    ));
                    acl.ingress.push(acl_rule(
                        32766,
                        Deny,
                        Traffic::ALL,
                        "0.0.0.0/0",
                    ));
                }),
            ],
        );
    }

    #[test]
    fn next_free_numbers() {
        let cases: &[(&[u16], u16, Option<u16>)] = &[
            (&[100, 100], 100, Some(101)),
            (&[100, 101, 100], 100, Some(102)),
            (&[0, 100], 0, Some(110)),
            (&[32766, 32766], 32766, Some(32760)),
        ];
        for (taken, number, expected) in cases {
            assert_eq!(next_free_after(taken, *number), *expected, "{taken:?}");
        }
    }
}
