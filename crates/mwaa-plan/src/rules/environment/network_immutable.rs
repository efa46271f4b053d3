//! `network-immutable`: the environment's VPC and subnets are fixed once it
//! exists.

use super::quoted;
use crate::finding::{Finding, Severity};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: reminds that the environment's VPC and subnets cannot be
/// changed after it is created.
///
/// Why: MWAA places its network interfaces and its own endpoints in the
/// subnets at creation; changing them means creating a new environment.
pub(crate) const RULE: Rule = Rule {
    code: "N108",
    name: "network-immutable",
    severity: Severity::Info,
    summary: "The environment's VPC and subnets cannot change after it is \
              created; its security groups can.",
    explanation: "The subnets given to an environment, and with them its \
        VPC, are set once: the API offers no way to change them, and in \
        CloudFormation a change to NetworkConfiguration.SubnetIds replaces \
        the environment, losing its metadata database. Its security groups \
        are the one part of the network that can change later. For \
        example, an environment started in a test VPC cannot be moved into \
        the production VPC; settle the subnets before creating it, or plan \
        to recreate it.",
    known_problems: "",
    docs: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-mwaa-environment.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let plan = topology.plan;
    let subnets = &plan.environment.subnets;
    if subnets.is_empty() {
        return;
    }
    let message = format!(
        "once the environment exists, its VPC '{}' and subnets {} cannot \
         change; only its security groups can",
        plan.vpc.id,
        quoted(subnets)
    );
    findings.push(
        RULE.finding(message, "Settle the VPC and subnets before creating it")
            .part(&plan.environment.id)
            .part(&plan.vpc.id)
            .parts(subnets.iter().cloned()),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::presets::Preset::*;
    use crate::testing::{check_cases, fires, silent};

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "public preset",
                    PublicInternet,
                    |_| {},
                    &["env", "vpc", "subnet-private-1", "subnet-private-2"],
                ),
                fires(
                    "existing VPC",
                    PrivateExistingVpc,
                    |_| {},
                    &["vpc", "subnet-app-1", "subnet-app-2"],
                ),
                fires(
                    "one subnet that does not exist",
                    PrivateNewVpc,
                    |p| p.environment.subnets = vec!["subnet-gone".into()],
                    &["subnet-gone"],
                ),
                silent("no subnet yet", PublicPrivateWebserver, |p| {
                    p.environment.subnets.clear()
                }),
            ],
        );
    }
}
