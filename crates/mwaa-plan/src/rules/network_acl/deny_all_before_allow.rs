//! `nacl-deny-all-before-allow`: no explicit deny-all rule hides the allow
//! rules of an environment subnet's network ACL.

use super::env_network_acls;
use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::network_acl::{Action, Direction, NetworkAcl, NetworkAclRule};
use crate::plan::Protocol;
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: finds rules that deny all traffic from or to `0.0.0.0/0`
/// numbered before allow rules of the same direction, in the network ACLs
/// of the environment's subnets.
///
/// Why: such a rule decides every packet, so the allow rules after it never
/// apply; it usually comes from misreading AWS's advice.
pub(crate) const RULE: Rule = Rule {
    code: "N503",
    name: "nacl-deny-all-before-allow",
    severity: Severity::Error,
    summary: "No rule denying all traffic from or to 0.0.0.0/0 comes before \
        the allow rules of its direction.",
    explanation: "AWS's networking page says the ACL needs an outbound rule \
        that denies all traffic. That rule is the final * rule every network \
        ACL ends with, already there and impossible to remove; it is not a \
        rule to add. Adding it as a numbered rule before the allow rules \
        makes it match every packet first, so the allow rules never apply \
        and the environment cannot reach its database or AWS services. For \
        example, outbound rule 50 deny all traffic to 0.0.0.0/0 before rule \
        100 allow all traffic blocks everything: remove rule 50. Every \
        finding on one ACL offers the same fix, which removes all of its \
        deny-all rules that come before an allow rule.",
    known_problems: "Only the ACLs of the environment's subnets are \
        checked. A deny of all traffic from a narrower block, or of one \
        protocol only, is left to nacl-blocks-service-ports and \
        nacl-blocks-return-traffic, which evaluate its effect.",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/vpc-security.html",
    check,
};

const DIRECTIONS: [Direction; 2] = [Direction::Inbound, Direction::Outbound];

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    for acl in env_network_acls(topology) {
        let fix = Fix::put(without_hiding_rules(acl));
        for direction in DIRECTIONS {
            for (deny, hidden) in hiding_rules(acl, direction) {
                findings.push(
                    hiding(acl, direction, deny, &hidden)
                        .part(&acl.id)
                        .fix(fix.clone()),
                );
            }
        }
    }
}

/// The deny-all rules of one direction that come before allow rules, each
/// with the numbers of the allow rules it hides.
fn hiding_rules(
    acl: &NetworkAcl,
    direction: Direction,
) -> Vec<(&NetworkAclRule, Vec<u16>)> {
    let rules = acl.rules(direction);
    rules
        .iter()
        .filter(|rule| is_deny_all(rule))
        .map(|deny| (deny, allows_after(rules, deny.number)))
        .filter(|(_, hidden)| !hidden.is_empty())
        .collect()
}

/// Whether the rule denies every protocol from or to every address.
fn is_deny_all(rule: &NetworkAclRule) -> bool {
    rule.action == Action::Deny
        && rule.traffic.protocol == Protocol::All
        && rule.cidr.prefix_len() == 0
}

/// The numbers of the allow rules after `number`, lowest first.
fn allows_after(rules: &[NetworkAclRule], number: u16) -> Vec<u16> {
    let mut numbers: Vec<u16> = rules
        .iter()
        .filter(|rule| rule.action == Action::Allow && rule.number > number)
        .map(|rule| rule.number)
        .collect();
    numbers.sort_unstable();
    numbers
}

fn hiding(
    acl: &NetworkAcl,
    direction: Direction,
    deny: &NetworkAclRule,
    hidden: &[u16],
) -> Finding {
    let numbers: Vec<String> = hidden.iter().map(u16::to_string).collect();
    let (rules, verb) = match hidden {
        [_] => ("rule", "never applies"),
        _ => ("rules", "never apply"),
    };
    let message = format!(
        "{direction} rule {} of network ACL '{}' denies all traffic {} \
         {} before allow {rules} {}, which therefore {verb}; the final * \
         rule already denies what no rule allows",
        deny.number,
        acl.id,
        preposition(direction),
        deny.cidr,
        numbers.join(", ")
    );
    let title =
        format!("Remove {direction} rule {} from '{}'", deny.number, acl.id);
    RULE.finding(message, title)
}

fn preposition(direction: Direction) -> &'static str {
    match direction {
        Direction::Inbound => "from",
        Direction::Outbound => "to",
    }
}

/// `acl` without the deny-all rules that hide allow rules.
fn without_hiding_rules(acl: &NetworkAcl) -> NetworkAcl {
    let mut fixed = acl.clone();
    for direction in DIRECTIONS {
        let hiding: Vec<u16> = hiding_rules(acl, direction)
            .iter()
            .map(|(deny, _)| deny.number)
            .collect();
        fixed.rules_mut(direction).retain(|rule| {
            !(is_deny_all(rule) && hiding.contains(&rule.number))
        });
    }
    fixed
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::acl_rule;
    use super::RULE;
    use crate::network_acl::Action::{Allow, Deny};
    use crate::network_acl::NetworkAclRule;
    use crate::plan::{Plan, Protocol, Traffic};
    use crate::presets::{self, Preset::*};
    use crate::recommended;
    use crate::testing::{check_cases, fires, run, silent};

    fn deny_all(number: u16) -> NetworkAclRule {
        acl_rule(number, Deny, Traffic::ALL, "0.0.0.0/0")
    }

    fn inbound_deny_all_at_50(plan: &mut Plan) {
        plan.network_acls[0].ingress.push(deny_all(50));
    }

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "inbound deny-all at 50",
                    PrivateNewVpc,
                    inbound_deny_all_at_50,
                    &["acl-mwaa"],
                ),
                fires(
                    "outbound deny-all at 1",
                    PublicInternet,
                    |p| p.network_acls[0].egress.push(deny_all(1)),
                    &["acl-mwaa"],
                ),
                fires(
                    "both ways",
                    PrivateExistingVpc,
                    |p| {
                        p.network_acls[0].ingress.push(deny_all(99));
                        p.network_acls[0].egress.push(deny_all(99));
                    },
                    &["acl-mwaa"],
                ),
                fires(
                    "before one of two allows",
                    PublicPrivateWebserver,
                    |p| {
                        let late = acl_rule(
                            300,
                            Allow,
                            Traffic::tcp(443, 443),
                            "0.0.0.0/0",
                        );
                        p.network_acls[0].egress.push(late);
                        p.network_acls[0].egress.push(deny_all(200));
                    },
                    &["acl-mwaa"],
                ),
                silent("the preset's allow-all", PublicInternet, |_| {}),
                silent("deny-all after the allow", PrivateNewVpc, |p| {
                    p.network_acls[0].ingress.push(deny_all(200));
                    p.network_acls[0].egress.push(deny_all(200));
                }),
                silent("deny-all with no allow", PrivateExistingVpc, |p| {
                    p.network_acls[0].egress = vec![deny_all(50)];
                }),
                silent(
                    "deny all from the internet's half",
                    PublicInternet,
                    |p| {
                        let half =
                            acl_rule(50, Deny, Traffic::ALL, "0.0.0.0/1");
                        p.network_acls[0].ingress.push(half);
                    },
                ),
                silent("deny all TCP, not all traffic", PrivateNewVpc, |p| {
                    let tcp = Traffic {
                        protocol: Protocol::Tcp,
                        ports: None,
                    };
                    p.network_acls[0].ingress.push(acl_rule(
                        50,
                        Deny,
                        tcp,
                        "0.0.0.0/0",
                    ));
                }),
                silent(
                    "deny-all on an ACL no env subnet uses",
                    PublicInternet,
                    |p| {
                        let mut acl = recommended::allow_all_network_acl(
                            "acl-public",
                            "p",
                        );
                        acl.ingress.push(deny_all(50));
                        p.network_acls.push(acl);
                        for subnet in &mut p.subnets {
                            if subnet.id.starts_with("subnet-public") {
                                subnet.network_acl = Some("acl-public".into());
                            }
                        }
                    },
                ),
            ],
        );
    }

    #[test]
    fn the_message_names_the_hidden_rules() {
        let mut plan = presets::build(PrivateNewVpc);
        inbound_deny_all_at_50(&mut plan);

        let findings = run(&RULE, &plan);

        assert_eq!(findings.len(), 1);
        assert!(
            findings[0].message.starts_with(
                "inbound rule 50 of network ACL 'acl-mwaa' denies all \
                 traffic from 0.0.0.0/0 before allow rule 100,"
            ),
            "{}",
            findings[0].message
        );
    }
}
