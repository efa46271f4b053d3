//! `security-group-port-pair`: restricted self-referencing rules cover both
//! the metadata database and the web server.

use super::{env_to_env_rules, quoted_ids, with_ingress};
use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::{Peer, SecurityGroup, SecurityGroupRule, Traffic};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks that the inbound rules between the environment's
/// security groups admit TCP 5432 and TCP 443 when they do not admit all
/// traffic.
///
/// Why: the containers reach the metadata database on 5432 and the web
/// server on 443; a restricted rule that leaves one out cuts that path.
pub(crate) const RULE: Rule = Rule {
    code: "N402",
    name: "security-group-port-pair",
    severity: Severity::Error,
    summary: "Restricted rules between the environment's security groups \
        admit both TCP 5432 and TCP 443.",
    explanation: "AWS allows narrowing the self-referencing rule of the \
        environment's security group from all traffic to the two ports MWAA \
        uses inside the environment: TCP 5432 for the metadata database and \
        TCP 443 for the web server. Narrowing it to only one of them cuts \
        the other path: a group that admits TCP 443 from itself but not \
        5432 leaves the scheduler without its database, and the \
        environment fails to create. Admit both ports from the group \
        itself, or all traffic as AWS recommends. The rules may be spread \
        over several of the environment's groups, since every interface \
        carries them all.",
    known_problems: "",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/vpc-security.html",
    check,
};

/// The ports the environment's members must reach one another on.
const PORTS: [(u16, &str); 2] =
    [(5432, "the metadata database"), (443, "the web server")];

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let groups: Vec<&SecurityGroup> = topology.env_security_groups().collect();
    let Some(first) = groups.first() else {
        return;
    };
    let rules = env_to_env_rules(topology);
    if rules.is_empty() {
        return;
    }
    let missing: Vec<(u16, &str)> = PORTS
        .into_iter()
        .filter(|(port, _)| !admits(&rules, *port))
        .collect();
    if missing.is_empty() {
        return;
    }

    let message = format!(
        "the environment's security groups ({}) admit only {} from each \
         other, leaving out {}",
        quoted_ids(&groups),
        admitted(&rules),
        described(&missing)
    );
    let ports: Vec<String> =
        missing.iter().map(|(port, _)| port.to_string()).collect();
    let title = format!(
        "Admit TCP {} from '{}' to itself",
        ports.join(" and "),
        first.id
    );
    let added = missing.iter().map(|port| self_rule(&first.id, *port));
    findings.push(
        RULE.finding(message, title)
            .parts(groups.iter().map(|group| group.id.clone()))
            .fix(Fix::put(with_ingress(first, added))),
    );
}

/// Whether some rule admits TCP `port`.
fn admits(rules: &[&SecurityGroupRule], port: u16) -> bool {
    let wanted = Traffic::tcp(port, port);
    rules.iter().any(|rule| rule.traffic.covers(&wanted))
}

/// The traffic the rules admit: `TCP 443, UDP 53`.
fn admitted(rules: &[&SecurityGroupRule]) -> String {
    let mut traffic: Vec<String> = Vec::new();
    for rule in rules {
        let text = rule.traffic.to_string();
        if !traffic.contains(&text) {
            traffic.push(text);
        }
    }
    traffic.join(", ")
}

/// The missing ports and what they are for: `TCP 5432 (the metadata
/// database)`.
fn described(missing: &[(u16, &str)]) -> String {
    let parts: Vec<String> = missing
        .iter()
        .map(|(port, purpose)| format!("TCP {port} ({purpose})"))
        .collect();
    parts.join(" and ")
}

/// An inbound rule admitting TCP `port` from the group `id` itself.
fn self_rule(id: &str, (port, purpose): (u16, &str)) -> SecurityGroupRule {
    SecurityGroupRule {
        traffic: Traffic::tcp(port, port),
        peer: Peer::SecurityGroup(id.to_owned()),
        description: format!(
            "TCP {port} between members of the environment \
                              ({purpose})"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{add_env_group, block, group, sg_rule};
    use super::RULE;
    use crate::plan::{Protocol, Traffic};
    use crate::presets::Preset::*;
    use crate::testing::{check_cases, fires, run, silent};

    const ALL_TCP: Traffic = Traffic {
        protocol: Protocol::Tcp,
        ports: None,
    };

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "443 only",
                    PublicInternet,
                    |p| {
                        p.security_groups[0].ingress = vec![sg_rule(
                            Traffic::tcp(443, 443),
                            group("sg-mwaa"),
                        )];
                    },
                    &["sg-mwaa"],
                ),
                fires(
                    "5432 only",
                    PrivateNewVpc,
                    |p| {
                        p.security_groups[0].ingress = vec![sg_rule(
                            Traffic::tcp(5432, 5432),
                            group("sg-mwaa"),
                        )];
                    },
                    &["sg-mwaa"],
                ),
                fires(
                    "all UDP only",
                    PrivateExistingVpc,
                    |p| {
                        let udp = Traffic {
                            protocol: Protocol::Udp,
                            ports: None,
                        };
                        p.security_groups[0].ingress =
                            vec![sg_rule(udp, group("sg-mwaa"))];
                    },
                    &["sg-mwaa"],
                ),
                fires(
                    "5432 from the VPC, 443 from itself",
                    PublicPrivateWebserver,
                    |p| {
                        p.security_groups[0].ingress = vec![
                            sg_rule(
                                Traffic::tcp(5432, 5432),
                                block("10.192.0.0/16"),
                            ),
                            sg_rule(Traffic::tcp(443, 443), group("sg-mwaa")),
                        ];
                    },
                    &["sg-mwaa"],
                ),
                silent("the preset's all-traffic rule", PublicInternet, |_| {}),
                silent("all TCP from itself", PrivateNewVpc, |p| {
                    p.security_groups[0].ingress =
                        vec![sg_rule(ALL_TCP, group("sg-mwaa"))];
                }),
                silent("one range over both ports", PrivateExistingVpc, |p| {
                    p.security_groups[0].ingress = vec![sg_rule(
                        Traffic::tcp(443, 5432),
                        group("sg-mwaa"),
                    )];
                }),
                silent(
                    "the two ports in two env groups",
                    PublicInternet,
                    |p| {
                        add_env_group(p, "sg-extra");
                        p.security_groups[0].ingress = vec![sg_rule(
                            Traffic::tcp(443, 443),
                            group("sg-extra"),
                        )];
                        p.security_groups[1].ingress = vec![sg_rule(
                            Traffic::tcp(5432, 5432),
                            group("sg-mwaa"),
                        )];
                    },
                ),
                silent("no env-to-env rule at all", PrivateNewVpc, |p| {
                    p.security_groups[0].ingress.clear()
                }),
            ],
        );
    }

    #[test]
    fn the_message_names_the_missing_port() {
        let mut plan = crate::presets::build(PublicInternet);
        plan.security_groups[0].ingress =
            vec![sg_rule(Traffic::tcp(443, 443), group("sg-mwaa"))];

        let findings = run(&RULE, &plan);

        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.contains("TCP 5432"));
        assert!(!findings[0].message.contains("TCP 443 ("));
    }
}
