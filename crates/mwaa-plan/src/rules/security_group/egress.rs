//! `security-group-egress`: the environment's security groups allow all
//! outbound traffic.

use ipnet::IpNet;

use super::{describe_peer, quoted_ids};
use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::{Peer, Protocol, SecurityGroup, SecurityGroupRule};
use crate::recommended;
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks that the environment's security groups, together,
/// allow all outbound traffic to `0.0.0.0/0`.
///
/// Why: the environment reaches its database, AWS services and, under
/// public routing, the internet through these rules.
pub(crate) const RULE: Rule = Rule {
    code: "N403",
    name: "security-group-egress",
    severity: Severity::Error,
    summary: "The environment's security groups allow all outbound traffic \
        to 0.0.0.0/0.",
    explanation: "Every connection the environment opens leaves through its \
        security groups' outbound rules: TCP 5432 to its metadata database, \
        HTTPS to CloudWatch, SQS, ECR, KMS and the S3 bucket of its DAGs \
        (through VPC endpoints or NAT), and whatever the DAGs themselves \
        call. With no outbound rule at all nothing leaves and the \
        environment fails to create: an error. Outbound rules narrower than \
        all traffic to 0.0.0.0/0 (only the group itself, an S3 prefix list, \
        the VPC's block, or TCP 443 to anywhere) are a warning: they can \
        work, but each leaves something out, such as the database port, a \
        service reached later or a package index, and the failure shows up \
        only at run time. For example, a group whose only outbound rule is \
        TCP 443 to 0.0.0.0/0 blocks the database on 5432; add a rule for \
        all traffic to 0.0.0.0/0, as AWS's example group has.",
    known_problems: "A set of rules that adds up to all traffic (all TCP, \
        all UDP and ICMP, each to 0.0.0.0/0) is still reported as narrowed.",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/vpc-security.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let groups: Vec<&SecurityGroup> = topology.env_security_groups().collect();
    let Some(first) = groups.first() else {
        return;
    };
    let outbound: Vec<&SecurityGroupRule> =
        groups.iter().flat_map(|group| &group.egress).collect();
    if outbound.iter().any(|rule| is_all_to_anywhere(rule)) {
        return;
    }

    let mut group = (*first).clone();
    group.egress.push(recommended::egress_all_rule());
    let title = format!(
        "Allow all outbound traffic from '{}' to 0.0.0.0/0",
        first.id
    );
    let finding = if outbound.is_empty() {
        RULE.finding(no_outbound(&groups), title)
    } else {
        RULE.finding(narrowed(&groups, &outbound), title)
            .severity(Severity::Warning)
    };
    findings.push(
        finding
            .parts(groups.iter().map(|group| group.id.clone()))
            .fix(Fix::put(group)),
    );
}

/// Whether the rule allows all traffic to every IPv4 address.
fn is_all_to_anywhere(rule: &SecurityGroupRule) -> bool {
    let anywhere = matches!(
        rule.peer,
        Peer::Cidr(IpNet::V4(block)) if block.prefix_len() == 0
    );
    anywhere && rule.traffic.protocol == Protocol::All
}

fn no_outbound(groups: &[&SecurityGroup]) -> String {
    format!(
        "the environment's security groups ({}) have no outbound rule: \
         nothing leaves the environment, not even to its metadata database \
         or the AWS services it needs",
        quoted_ids(groups)
    )
}

fn narrowed(
    groups: &[&SecurityGroup],
    outbound: &[&SecurityGroupRule],
) -> String {
    let allowed: Vec<String> = outbound
        .iter()
        .map(|rule| {
            format!("{} to {}", rule.traffic, describe_peer(&rule.peer))
        })
        .collect();
    format!(
        "the environment's security groups ({}) allow outbound only {}, not \
         all traffic to 0.0.0.0/0: whatever these rules leave out, such as \
         the metadata database on TCP 5432, an AWS service or a package \
         index, is blocked",
        quoted_ids(groups),
        allowed.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{add_env_group, block, group, sg_rule};
    use super::RULE;
    use crate::finding::Severity;
    use crate::plan::{Peer, Plan, Traffic};
    use crate::presets::{self, Preset::*};
    use crate::recommended;
    use crate::testing::{check_cases, fires, run, silent};

    type PlanEdit = fn(&mut Plan);

    fn no_outbound(plan: &mut Plan) {
        plan.security_groups[0].egress.clear();
    }

    fn https_anywhere(plan: &mut Plan) {
        plan.security_groups[0].egress =
            vec![sg_rule(Traffic::tcp(443, 443), block("0.0.0.0/0"))];
    }

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "no outbound rule",
                    PublicInternet,
                    no_outbound,
                    &["sg-mwaa"],
                ),
                fires(
                    "TCP 443 to anywhere",
                    PrivateNewVpc,
                    https_anywhere,
                    &["sg-mwaa"],
                ),
                fires(
                    "only itself",
                    PrivateExistingVpc,
                    |p| {
                        p.security_groups[0].egress =
                            vec![sg_rule(Traffic::ALL, group("sg-mwaa"))];
                    },
                    &["sg-mwaa"],
                ),
                fires(
                    "only the S3 prefix list",
                    PrivateNewVpc,
                    |p| {
                        let s3 = Peer::PrefixList("pl-63a5400a".into());
                        p.security_groups[0].egress =
                            vec![sg_rule(Traffic::ALL, s3)];
                    },
                    &["sg-mwaa"],
                ),
                fires(
                    "only the VPC's block",
                    PublicPrivateWebserver,
                    |p| {
                        p.security_groups[0].egress =
                            vec![sg_rule(Traffic::ALL, block("10.192.0.0/16"))];
                    },
                    &["sg-mwaa"],
                ),
                fires(
                    "only IPv6 anywhere",
                    PublicInternet,
                    |p| {
                        p.security_groups[0].egress =
                            vec![sg_rule(Traffic::ALL, block("::/0"))];
                    },
                    &["sg-mwaa"],
                ),
                fires(
                    "two env groups, no outbound",
                    PrivateNewVpc,
                    |p| {
                        add_env_group(p, "sg-extra");
                        p.security_groups[0].egress.clear();
                    },
                    &["sg-mwaa", "sg-extra"],
                ),
                silent("the preset's egress-all rule", PublicInternet, |_| {}),
                silent(
                    "egress-all in the second env group",
                    PrivateExistingVpc,
                    |p| {
                        add_env_group(p, "sg-extra");
                        p.security_groups[0].egress.clear();
                        p.security_groups[1].egress =
                            vec![recommended::egress_all_rule()];
                    },
                ),
                silent(
                    "egress-all beside narrower rules",
                    PublicPrivateWebserver,
                    |p| {
                        https_anywhere(p);
                        p.security_groups[0]
                            .egress
                            .push(recommended::egress_all_rule());
                    },
                ),
                silent("no env group in the plan", PrivateNewVpc, |p| {
                    p.environment.security_groups = vec!["sg-gone".into()];
                }),
            ],
        );
    }

    #[test]
    fn severity_depends_on_whether_any_rule_is_left() {
        let cases: [(PlanEdit, Severity); 2] = [
            (no_outbound, Severity::Error),
            (https_anywhere, Severity::Warning),
        ];
        for (edit, expected) in cases {
            let mut plan = presets::build(PublicInternet);
            edit(&mut plan);
            assert_eq!(run(&RULE, &plan)[0].severity, expected);
        }
    }
}
