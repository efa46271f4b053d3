//! `subnet-cidr-size`: every subnet is /16 to /28.

use ipnet::Ipv4Net;

use super::{moved, planned_moves};
use crate::cidr::{self, LARGEST_PREFIX};
use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::Subnet;
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks that every subnet's prefix length is one AWS
/// accepts.
///
/// Why: AWS refuses to create a subnet larger than /16 or smaller than /28.
pub(crate) const RULE: Rule = Rule {
    code: "N605",
    name: "subnet-cidr-size",
    severity: Severity::Error,
    summary: "Every subnet is /16 to /28.",
    explanation: "AWS creates subnets from /16 (65,536 addresses) down to \
        /28 (16 addresses, 11 of them usable) and refuses any other size, \
        so a plan with such a subnet cannot be built. For example, a subnet \
        of 10.192.20.0/29 fails; AWS's templates for MWAA give each subnet \
        a /24, which leaves room for the environment to scale. The fix \
        gives the subnet the first free /24 of the VPC block it is in (or \
        of the primary block), clear of every other subnet.",
    known_problems: "",
    docs: "https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let plan = topology.plan;
    let mut moves: Option<Vec<Option<Ipv4Net>>> = None;
    for (index, subnet) in plan.subnets.iter().enumerate() {
        if cidr::is_valid_aws_prefix(subnet.cidr.prefix_len()) {
            continue;
        }
        let moves = moves.get_or_insert_with(|| planned_moves(plan));
        let resized = moves.get(index).copied().flatten();
        findings.push(wrong_size(subnet, resized));
    }
}

fn wrong_size(subnet: &Subnet, resized: Option<Ipv4Net>) -> Finding {
    let range = subnet.cidr;
    let size = if range.prefix_len() < LARGEST_PREFIX {
        "larger"
    } else {
        "smaller"
    };
    let message = format!(
        "'{}' {range} is {size} than AWS allows: subnets are /16 to /28",
        subnet.id
    );
    let Some(resized) = resized else {
        return RULE
            .finding(message, "Give the subnet a block of /16 to /28")
            .part(&subnet.id);
    };
    RULE.finding(message, format!("Resize '{}' to {resized}", subnet.id))
        .part(&subnet.id)
        .fix(Fix::put(moved(subnet, resized)))
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::presets::Preset::*;
    use crate::testing::{check_cases, fires, place, silent};

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "a /29 env subnet",
                    PublicInternet,
                    |p| place(p, "subnet-private-1", "10.192.20.0/29"),
                    &["subnet-private-1"],
                ),
                fires(
                    "a /15 subnet",
                    PrivateNewVpc,
                    |p| place(p, "subnet-private-2", "10.192.0.0/15"),
                    &["subnet-private-2"],
                ),
                fires(
                    "two /30 subnets",
                    PrivateExistingVpc,
                    |p| {
                        place(p, "subnet-app-1", "10.40.32.0/30");
                        place(p, "subnet-app-3", "10.40.34.4/30");
                    },
                    &["subnet-app-1", "subnet-app-3"],
                ),
                fires(
                    "a /29 outside the VPC",
                    PublicPrivateWebserver,
                    |p| place(p, "subnet-public-1", "192.168.0.0/29"),
                    &["subnet-public-1"],
                ),
                fires(
                    "a /29 in a full VPC, no fix",
                    PrivateNewVpc,
                    |p| {
                        p.vpc.cidr_blocks =
                            vec!["10.192.10.0/24".parse().unwrap()];
                        place(p, "subnet-private-1", "10.192.10.0/29");
                        place(p, "subnet-private-2", "10.192.10.128/25");
                    },
                    &["subnet-private-1"],
                ),
                silent("a /28 subnet", PublicInternet, |p| {
                    place(p, "subnet-private-1", "10.192.20.0/28")
                }),
                silent("a /16 subnet", PrivateExistingVpc, |p| {
                    p.subnets.truncate(1);
                    place(p, "subnet-app-1", "10.40.0.0/16");
                }),
            ],
        );
    }

    #[test]
    fn fixes_give_distinct_blocks() {
        let mut plan = crate::presets::build(PrivateExistingVpc);
        place(&mut plan, "subnet-app-1", "10.40.32.0/30");
        place(&mut plan, "subnet-app-3", "10.40.34.4/30");
        let findings = crate::testing::run(&RULE, &plan);
        let fixed: Vec<String> = findings
            .iter()
            .map(|f| match &f.fix.as_ref().unwrap().edits[0] {
                crate::Edit::Put(crate::Part::Subnet(s)) => s.cidr.to_string(),
                other => panic!("unexpected edit {other:?}"),
            })
            .collect();
        assert_eq!(fixed, ["10.40.0.0/24", "10.40.1.0/24"]);
    }
}
