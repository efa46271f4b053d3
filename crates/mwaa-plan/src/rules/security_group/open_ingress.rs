//! `security-group-open-ingress`: the groups guarding the environment and its
//! endpoints do not admit traffic from anywhere.

use ipnet::{IpNet, Ipv4Net};

use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::{Peer, SecurityGroup, SecurityGroupRule};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: finds inbound rules from `0.0.0.0/0` or `::/0` in the
/// environment's security groups and in those of VPC endpoints.
///
/// Why: such a rule admits anyone with a route into the VPC, not only the
/// environment's own network.
pub(crate) const RULE: Rule = Rule {
    code: "N404",
    name: "security-group-open-ingress",
    severity: Severity::Warning,
    summary: "The security groups of the environment and of its endpoints \
        admit no inbound traffic from 0.0.0.0/0 or ::/0.",
    explanation: "MWAA runs in private subnets, so an inbound rule from \
        0.0.0.0/0 does not open the environment to the whole internet \
        directly; it does admit anything that can route into the VPC: \
        peered VPCs, a VPN or transit gateway, a load balancer, a \
        compromised instance in a public subnet. The environment needs \
        inbound traffic only from itself, and an endpoint only from the \
        environment. For example, a rule admitting TCP 443 from 0.0.0.0/0 \
        on the environment's group to reach a private web server is wider \
        than needed: admit the VPC's CIDR block, or the block of the \
        network the users come from, instead.",
    known_problems: "Only the environment's groups and the groups of VPC \
        endpoints are checked. The fix narrows the rule to the VPC's \
        primary block, which may be too narrow for users who reach a \
        private web server from another network.",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/vpc-security.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    for group in &topology.plan.security_groups {
        let Some(guarded) = guarded_by(topology, group) else {
            continue;
        };
        let fix = narrowed(topology, group).map(Fix::put);
        for rule in &group.ingress {
            let Some(open) = open_block(rule) else {
                continue;
            };
            let mut finding = open_rule(topology, group, rule, open, &guarded);
            if let Some(fix) = &fix {
                finding = finding.fix(fix.clone());
            }
            findings.push(finding);
        }
    }
}

/// What `group` guards, as a message names it, if it guards the
/// environment or an endpoint.
fn guarded_by(
    topology: &Topology<'_>,
    group: &SecurityGroup,
) -> Option<String> {
    if topology.is_env_security_group(&group.id) {
        return Some("the environment".to_owned());
    }
    let endpoint = topology
        .plan
        .endpoints
        .iter()
        .find(|endpoint| endpoint.security_groups.contains(&group.id))?;
    Some(format!("endpoint '{}'", endpoint.id))
}

/// The block of every IPv4 or IPv6 address, if the rule's peer is one.
fn open_block(rule: &SecurityGroupRule) -> Option<IpNet> {
    match rule.peer {
        Peer::Cidr(block) if block.prefix_len() == 0 => Some(block),
        _ => None,
    }
}

fn open_rule(
    topology: &Topology<'_>,
    group: &SecurityGroup,
    rule: &SecurityGroupRule,
    open: IpNet,
    guarded: &str,
) -> Finding {
    let message = format!(
        "'{}' admits {} from {open}, any address, into {guarded}",
        group.id, rule.traffic
    );
    let title = match primary_block(topology) {
        Some(vpc) => format!("Admit {} from {vpc} instead", rule.traffic),
        None => format!("Admit {} only from the VPC", rule.traffic),
    };
    RULE.finding(message, title).part(&group.id)
}

/// The VPC's primary CIDR block.
fn primary_block(topology: &Topology<'_>) -> Option<Ipv4Net> {
    topology.plan.vpc_blocks().first().copied()
}

/// `group` with every open inbound rule admitting the VPC's primary block
/// instead; a rule that would then repeat another is dropped. Every finding
/// on the group offers this same fix, so applying several in turn never
/// undoes one another.
fn narrowed(
    topology: &Topology<'_>,
    group: &SecurityGroup,
) -> Option<SecurityGroup> {
    let vpc = Peer::Cidr(IpNet::V4(primary_block(topology)?));
    let mut narrowed = group.clone();
    narrowed.ingress.clear();
    for rule in &group.ingress {
        let mut rule = rule.clone();
        if open_block(&rule).is_some() {
            rule.peer = vpc.clone();
        }
        let repeated = narrowed
            .ingress
            .iter()
            .any(|kept| kept.traffic == rule.traffic && kept.peer == rule.peer);
        if !repeated {
            narrowed.ingress.push(rule);
        }
    }
    Some(narrowed)
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{block, sg_rule};
    use super::RULE;
    use crate::plan::{Plan, SecurityGroup, Traffic};
    use crate::presets::{self, Preset::*};
    use crate::testing::{check_cases, fires, run, silent};

    fn https(peer: &str) -> crate::plan::SecurityGroupRule {
        sg_rule(Traffic::tcp(443, 443), block(peer))
    }

    /// Adds `sg-endpoints`, admitting `rule`, to the endpoint `vpce-logs`.
    fn guard_logs_endpoint(plan: &mut Plan, peer: &str) {
        plan.security_groups.push(SecurityGroup {
            id: "sg-endpoints".into(),
            name: "endpoints".into(),
            description: String::new(),
            ingress: vec![https(peer)],
            egress: Vec::new(),
        });
        let logs = plan.endpoints.iter_mut().find(|e| e.service == "logs");
        logs.unwrap().security_groups = vec!["sg-endpoints".into()];
    }

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "env group open on 443",
                    PublicPrivateWebserver,
                    |p| p.security_groups[0].ingress.push(https("0.0.0.0/0")),
                    &["sg-mwaa"],
                ),
                fires(
                    "env group open to IPv6",
                    PublicInternet,
                    |p| p.security_groups[0].ingress.push(https("::/0")),
                    &["sg-mwaa"],
                ),
                fires(
                    "both, fixed without a repeat",
                    PrivateNewVpc,
                    |p| {
                        p.security_groups[0].ingress.push(https("0.0.0.0/0"));
                        p.security_groups[0].ingress.push(https("::/0"));
                    },
                    &["sg-mwaa"],
                ),
                fires(
                    "an endpoint's group open",
                    PrivateExistingVpc,
                    |p| guard_logs_endpoint(p, "0.0.0.0/0"),
                    &["sg-endpoints"],
                ),
                silent("the presets' self rule", PrivateNewVpc, |_| {}),
                silent(
                    "443 from the VPC's block",
                    PublicPrivateWebserver,
                    |p| {
                        p.security_groups[0]
                            .ingress
                            .push(https("10.192.0.0/16"))
                    },
                ),
                silent(
                    "an endpoint's group admits the VPC",
                    PrivateExistingVpc,
                    |p| guard_logs_endpoint(p, "10.40.0.0/16"),
                ),
                silent(
                    "half the internet is not anywhere",
                    PublicInternet,
                    |p| p.security_groups[0].ingress.push(https("0.0.0.0/1")),
                ),
                silent("a bastion's group open", PublicInternet, |p| {
                    p.security_groups.push(SecurityGroup {
                        id: "sg-bastion".into(),
                        name: "bastion".into(),
                        description: String::new(),
                        ingress: vec![sg_rule(
                            Traffic::tcp(22, 22),
                            block("0.0.0.0/0"),
                        )],
                        egress: Vec::new(),
                    })
                }),
            ],
        );
    }

    #[test]
    fn one_finding_per_open_rule_with_one_fix_per_group() {
        let mut plan = presets::build(PrivateNewVpc);
        let ingress = &mut plan.security_groups[0].ingress;
        ingress.push(https("0.0.0.0/0"));
        ingress.push(https("::/0"));
        ingress.push(https("10.192.0.0/16"));

        let findings = run(&RULE, &plan);

        assert_eq!(findings.len(), 2);
        assert_eq!(findings[0].fix, findings[1].fix);
        let fix = findings[0].fix.as_ref().unwrap();
        plan.apply(fix).unwrap();
        assert_eq!(plan.security_groups[0].ingress.len(), 2);
    }
}
