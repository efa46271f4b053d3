//! `region-unsupported`: MWAA runs in the plan's Region.

use crate::finding::{Finding, Severity};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks that the plan's Region is one where MWAA runs.
///
/// Why: the environment cannot be created elsewhere, and the endpoint
/// services and zones the other rules check depend on the Region.
pub(crate) const RULE: Rule = Rule {
    code: "N109",
    name: "region-unsupported",
    severity: Severity::Error,
    summary: "The plan's Region is one where MWAA runs.",
    explanation: "MWAA is offered in a subset of AWS Regions. A plan for \
        another Region, or with a misspelt Region code, cannot be created, \
        and the planner cannot tell which Availability Zones and endpoint \
        services it has, so the rules that depend on them stay silent. For \
        example, 'us-east-3' is not a Region; 'us-east-2' is, and MWAA \
        runs there.",
    known_problems: "The list of Regions is the planner's own; a Region \
        where AWS starts offering MWAA later is reported until the list \
        learns of it.",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/networking-about.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    if topology.region.is_some() {
        return;
    }
    let plan = topology.plan;
    let message = match plan.region.trim() {
        "" => "the plan names no Region".to_owned(),
        region => format!("MWAA does not run in '{region}'"),
    };
    findings.push(
        RULE.finding(message, "Pick a Region where MWAA runs")
            .part(&plan.environment.id),
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
                    "misspelt",
                    PublicInternet,
                    |p| p.region = "us-east-3".into(),
                    &["env"],
                ),
                fires("empty", PrivateNewVpc, |p| p.region.clear(), &["env"]),
                fires(
                    "zone instead of Region",
                    PrivateExistingVpc,
                    |p| p.region = "us-east-1a".into(),
                    &["env"],
                ),
                silent("us-east-1", PublicPrivateWebserver, |_| {}),
                silent("China", PrivateNewVpc, |p| {
                    p.region = "cn-north-1".into()
                }),
            ],
        );
    }
}
