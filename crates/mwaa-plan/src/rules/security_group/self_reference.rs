//! `security-group-self-reference`: the environment's security groups admit
//! traffic from the environment itself.

use super::{env_to_env_rules, quoted_ids, with_ingress};
use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::SecurityGroup;
use crate::recommended;
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks that some security group of the environment has an
/// inbound rule whose source is one of the environment's security groups.
///
/// Why: the environment's containers and its metadata database reach each
/// other only through such a rule.
pub(crate) const RULE: Rule = Rule {
    code: "N401",
    name: "security-group-self-reference",
    severity: Severity::Error,
    summary: "An environment security group admits inbound traffic from \
        the environment's security groups.",
    explanation: "The schedulers, workers and web server of an environment, \
        and the endpoint of its metadata database, all carry the \
        environment's security groups, and a security group admits nothing \
        inbound that no rule allows. Unless one of those groups has an \
        inbound rule whose source is itself (or another of the \
        environment's groups, since every interface carries them all), the \
        containers cannot reach each other or the database and the \
        environment fails to create. For example, a group that admits only \
        TCP 443 from the VPC's CIDR block is not enough: add an inbound \
        rule for all traffic whose source is the group itself, as AWS's \
        example group has.",
    known_problems: "",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/vpc-security.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let groups: Vec<&SecurityGroup> = topology.env_security_groups().collect();
    let Some(first) = groups.first() else {
        return;
    };
    if !env_to_env_rules(topology).is_empty() {
        return;
    }

    let message = format!(
        "no inbound rule of the environment's security groups ({}) admits \
         traffic from them: its containers cannot reach each other or the \
         metadata database",
        quoted_ids(&groups)
    );
    let rule = recommended::self_referencing_rule(&first.id);
    let fix = Fix::put(with_ingress(first, [rule]));
    let title = format!("Admit all traffic from '{}' to itself", first.id);
    findings.push(
        RULE.finding(message, title)
            .parts(groups.iter().map(|group| group.id.clone()))
            .fix(fix),
    );
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{add_env_group, block, group, sg_rule};
    use super::RULE;
    use crate::plan::Traffic;
    use crate::presets::Preset::*;
    use crate::testing::{check_cases, fires, silent};

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "no inbound rule",
                    PublicInternet,
                    |p| p.security_groups[0].ingress.clear(),
                    &["sg-mwaa"],
                ),
                fires(
                    "only the VPC's block",
                    PrivateNewVpc,
                    |p| {
                        p.security_groups[0].ingress =
                            vec![sg_rule(Traffic::ALL, block("10.192.0.0/16"))];
                    },
                    &["sg-mwaa"],
                ),
                fires(
                    "a group not the env's",
                    PrivateExistingVpc,
                    |p| {
                        p.security_groups[0].ingress =
                            vec![sg_rule(Traffic::ALL, group("sg-bastion"))];
                    },
                    &["sg-mwaa"],
                ),
                fires(
                    "two env groups, neither admits",
                    PublicPrivateWebserver,
                    |p| {
                        add_env_group(p, "sg-extra");
                        p.security_groups[0].ingress.clear();
                    },
                    &["sg-mwaa", "sg-extra"],
                ),
                silent("the preset's self rule", PublicInternet, |_| {}),
                silent("one env group admits another", PrivateNewVpc, |p| {
                    add_env_group(p, "sg-extra");
                    p.security_groups[0].ingress.clear();
                    p.security_groups[1].ingress =
                        vec![sg_rule(Traffic::ALL, group("sg-mwaa"))];
                }),
                silent("a restricted self rule", PrivateExistingVpc, |p| {
                    p.security_groups[0].ingress =
                        vec![sg_rule(Traffic::tcp(443, 443), group("sg-mwaa"))];
                }),
                silent("no env group in the plan", PublicInternet, |p| {
                    p.environment.security_groups = vec!["sg-gone".into()];
                }),
            ],
        );
    }
}
