//! `env-subnet-count`: the environment has exactly two subnets.

use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks that the environment is given exactly two subnets.
///
/// Why: MWAA's API and the CloudFormation schema accept two subnets, no more
/// and no fewer; it spreads its containers over the two Availability Zones so
/// it can rebuild them in one when the other fails.
pub(crate) const RULE: Rule = Rule {
    code: "N101",
    name: "env-subnet-count",
    severity: Severity::Error,
    summary: "The environment has exactly two subnets.",
    explanation: "MWAA places its schedulers, workers and web servers in \
        two subnets, one per Availability Zone, so it can rebuild a failed \
        container in the other zone. The API and the CloudFormation schema \
        (NetworkConfiguration.SubnetIds) accept exactly two subnet ids: one \
        or three make the environment fail to create. For example, passing \
        the two public and the two private subnets of a VPC gives four ids \
        and fails; pass only the two private ones.",
    known_problems: "",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/networking-about.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let environment = &topology.plan.environment;
    let count = environment.subnets.len();
    if count == 2 {
        return;
    }

    let listed = environment.subnets.join("', '");
    let message = match count {
        0 => "the environment has no subnets; MWAA needs exactly 2".to_owned(),
        _ => format!(
            "the environment has {count} subnets ('{listed}'); MWAA needs \
             exactly 2"
        ),
    };
    let mut finding = RULE
        .finding(message, "Give the environment exactly two subnets")
        .part(&environment.id)
        .parts(environment.subnets.iter().cloned());
    if let Some(subnets) = two_subnets(topology) {
        let mut environment = environment.clone();
        environment.subnets = subnets;
        finding = finding.fix(Fix::put(environment));
    }
    findings.push(finding);
}

/// Two subnets for the environment: those it names first, completed with
/// private subnets of the plan, in two different Availability Zones.
fn two_subnets(topology: &Topology<'_>) -> Option<Vec<String>> {
    let named = topology.env_subnets();
    let private = topology
        .plan
        .subnets
        .iter()
        .filter(|subnet| !topology.routes_to_internet_gateway(subnet));

    let mut chosen: Vec<&crate::plan::Subnet> = Vec::new();
    for subnet in named.chain(private) {
        let zone_taken = chosen
            .iter()
            .any(|c| c.availability_zone == subnet.availability_zone);
        if !zone_taken {
            chosen.push(subnet);
        }
        if chosen.len() == 2 {
            return Some(chosen.iter().map(|s| s.id.clone()).collect());
        }
    }
    None
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
                    "one subnet",
                    PublicInternet,
                    |p| p.environment.subnets.truncate(1),
                    &["env", "subnet-private-1"],
                ),
                fires(
                    "no subnet",
                    PrivateNewVpc,
                    |p| p.environment.subnets.clear(),
                    &["env"],
                ),
                fires(
                    "three subnets",
                    PrivateExistingVpc,
                    |p| p.environment.subnets.push("subnet-app-3".into()),
                    &["env", "subnet-app-3"],
                ),
                silent("two subnets", PublicInternet, |_| {}),
                silent("two subnets that do not exist", PublicInternet, |p| {
                    p.environment.subnets = vec!["a".into(), "b".into()]
                }),
            ],
        );
    }
}
