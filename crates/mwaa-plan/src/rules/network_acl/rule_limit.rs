//! `nacl-rule-limit`: every network ACL stays within the default quota of
//! rules per direction.

use crate::finding::{Finding, Severity};
use crate::network_acl::{Direction, NetworkAcl};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: counts the numbered rules of each network ACL in the
/// plan, per direction.
///
/// Why: AWS refuses rules beyond the quota, 20 per direction unless raised.
pub(crate) const RULE: Rule = Rule {
    code: "N504",
    name: "nacl-rule-limit",
    severity: Severity::Warning,
    summary: "Every network ACL has at most 20 inbound and 20 outbound \
        rules.",
    explanation: "AWS limits a network ACL to 20 numbered rules per \
        direction by default (the final * rule does not count). A quota \
        increase raises it to 40, at some cost in network performance, so \
        a plan with more rules deploys only in an account that has asked \
        for it; otherwise creating the 21st rule fails partway through the \
        deployment. For example, one inbound rule per corporate office \
        soon passes 20: merge neighbouring blocks into wider ones, or \
        request the higher quota before deploying.",
    known_problems: "The check cannot see whether the account's quota has \
        been raised, so it warns above 20 even where 40 are allowed.",
    docs: "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html",
    check,
};

/// Rules per direction a network ACL may have under the default quota.
const DEFAULT_QUOTA: usize = 20;

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    for acl in &topology.plan.network_acls {
        for direction in [Direction::Inbound, Direction::Outbound] {
            let count = acl.rules(direction).len();
            if count > DEFAULT_QUOTA {
                findings.push(over_quota(acl, direction, count));
            }
        }
    }
}

fn over_quota(acl: &NetworkAcl, direction: Direction, count: usize) -> Finding {
    let message = format!(
        "network ACL '{}' has {count} {direction} rules; the default quota \
         is {DEFAULT_QUOTA} per direction (40 on request)",
        acl.id
    );
    let title = "Merge rules, or request a quota of 40 rules per direction";
    RULE.finding(message, title).part(&acl.id)
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::acl_rule;
    use super::RULE;
    use crate::network_acl::Action::Allow;
    use crate::network_acl::NetworkAclRule;
    use crate::plan::{Plan, Traffic};
    use crate::presets::Preset::*;
    use crate::recommended;
    use crate::testing::{check_cases, fires, silent};

    /// `count` allow rules, numbered 1 up, for blocks within 10.0.0.0/8.
    fn rules(count: u8) -> Vec<NetworkAclRule> {
        (1..=count)
            .map(|n| {
                let block = format!("10.{n}.0.0/16");
                acl_rule(u16::from(n), Allow, Traffic::ALL, &block)
            })
            .collect()
    }

    fn spare_acl(plan: &mut Plan, egress: u8) {
        let mut acl = recommended::allow_all_network_acl("acl-spare", "s");
        acl.egress = rules(egress);
        plan.network_acls.push(acl);
    }

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "21 inbound rules",
                    PublicInternet,
                    |p| p.network_acls[0].ingress = rules(21),
                    &["acl-mwaa"],
                ),
                fires(
                    "21 outbound rules, unused ACL",
                    PrivateNewVpc,
                    |p| spare_acl(p, 21),
                    &["acl-spare"],
                ),
                silent("20 inbound rules", PrivateExistingVpc, |p| {
                    p.network_acls[0].ingress = rules(20)
                }),
                silent(
                    "20 outbound rules, unused ACL",
                    PublicPrivateWebserver,
                    |p| spare_acl(p, 20),
                ),
            ],
        );
    }
}
