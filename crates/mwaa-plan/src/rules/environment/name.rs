//! `environment-name`: the environment's name is one MWAA accepts.

use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks the environment's name against MWAA's pattern.
///
/// Why: MWAA refuses a name that does not start with a letter, holds
/// anything but letters, digits, `-` and `_`, or runs past 80 characters.
pub(crate) const RULE: Rule = Rule {
    code: "N112",
    name: "environment-name",
    severity: Severity::Error,
    summary: "The environment's name starts with a letter and holds only \
        letters, digits, - and _, at most 80 characters.",
    explanation: "MWAA names the environment's resources after it (its log \
        groups are airflow-<name>-*, its ARN ends in environment/<name>), \
        so it takes only names made of ASCII letters, digits, hyphens and \
        underscores, starting with a letter and at most 80 characters \
        long. Any other name makes the environment fail to create, and the \
        execution role's policy, written for that name, would not match. \
        For example, 'ETL prod' fails; 'etl-prod' works. The exported \
        template uses the name made valid (each refused character becomes \
        a hyphen) so it still deploys, but fix the plan so the name is the \
        one you expect.",
    known_problems: "",
    docs: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-mwaa-environment.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let environment = &topology.plan.environment;
    let Some(problem) = environment.name_problem() else {
        return;
    };

    let valid = environment.valid_name();
    let message = format!(
        "the environment name '{}' is not one MWAA accepts: {problem}",
        environment.name.escape_debug()
    );
    let mut fixed = environment.clone();
    fixed.name = valid.clone();
    findings.push(
        RULE.finding(message, format!("Rename the environment '{valid}'"))
            .part(&environment.id)
            .fix(Fix::put(fixed)),
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
                    "a space",
                    PublicInternet,
                    |p| p.environment.name = "etl prod".into(),
                    &["env"],
                ),
                fires(
                    "a leading digit",
                    PrivateNewVpc,
                    |p| p.environment.name = "1etl".into(),
                    &["env"],
                ),
                fires(
                    "a newline and a brace",
                    PrivateExistingVpc,
                    |p| p.environment.name = "etl\n${x}".into(),
                    &["env"],
                ),
                fires(
                    "non-ASCII",
                    PublicPrivateWebserver,
                    |p| p.environment.name = "caf\u{e9}".into(),
                    &["env"],
                ),
                fires(
                    "81 characters",
                    PublicInternet,
                    |p| p.environment.name = "e".repeat(81),
                    &["env"],
                ),
                fires(
                    "empty",
                    PublicInternet,
                    |p| p.environment.name = String::new(),
                    &["env"],
                ),
                silent("letters, digits, - and _", PublicInternet, |p| {
                    p.environment.name = "Etl_prod-2".into()
                }),
                silent("80 characters", PrivateNewVpc, |p| {
                    p.environment.name = "e".repeat(80)
                }),
            ],
        );
    }

    #[test]
    fn the_message_names_what_is_refused() {
        let mut plan = crate::presets::build(PublicInternet);
        plan.environment.name = "a b:c d".into();
        let findings = crate::testing::run(&RULE, &plan);
        assert_eq!(
            findings[0].message,
            "the environment name 'a b:c d' is not one MWAA accepts: ' ' and \
             ':' are not allowed"
        );
        assert_eq!(findings[0].fix_title, "Rename the environment 'a-b-c-d'");
    }
}
