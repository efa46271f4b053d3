//! Table-driven tests for rules: a case edits a preset and says whether a
//! rule fires and which parts it must name.

use crate::finding::Finding;
use crate::plan::Plan;
use crate::presets::{self, Preset};
use crate::rules::Rule;
use crate::topology::Topology;

/// One line of a rule's table of cases.
pub(crate) struct Case {
    name: &'static str,
    preset: Preset,
    edit: fn(&mut Plan),
    expected_parts: Option<&'static [&'static str]>,
}

/// A case where the rule fires, naming at least `parts`.
pub(crate) fn fires(
    name: &'static str,
    preset: Preset,
    edit: fn(&mut Plan),
    parts: &'static [&'static str],
) -> Case {
    Case {
        name,
        preset,
        edit,
        expected_parts: Some(parts),
    }
}

/// A near miss: the rule stays silent.
pub(crate) fn silent(
    name: &'static str,
    preset: Preset,
    edit: fn(&mut Plan),
) -> Case {
    Case {
        name,
        preset,
        edit,
        expected_parts: None,
    }
}

/// Runs one rule alone.
pub(crate) fn run(rule: &Rule, plan: &Plan) -> Vec<Finding> {
    let mut findings = Vec::new();
    (rule.check)(&Topology::new(plan), &mut findings);
    findings
}

/// Checks every case of a rule's table. Where the rule fires and offers
/// fixes, applying them must silence it.
pub(crate) fn check_cases(rule: &'static Rule, cases: &[Case]) {
    let mut failures = Vec::new();
    for case in cases {
        if let Err(failure) = check_case(rule, case) {
            failures.push(format!("{} {}: {failure}", rule.name, case.name));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn check_case(rule: &'static Rule, case: &Case) -> Result<(), String> {
    let mut plan = presets::build(case.preset);
    (case.edit)(&mut plan);
    let findings = run(rule, &plan);

    let Some(parts) = case.expected_parts else {
        return match findings.first() {
            None => Ok(()),
            Some(finding) => Err(format!("fired: {}", finding.message)),
        };
    };
    if findings.is_empty() {
        return Err("did not fire".to_owned());
    }
    for finding in &findings {
        check_wording(finding)?;
    }
    let named: Vec<&str> = findings
        .iter()
        .flat_map(|finding| finding.parts.iter().map(String::as_str))
        .collect();
    if let Some(missing) = parts.iter().find(|part| !named.contains(part)) {
        return Err(format!("did not name '{missing}' (named {named:?})"));
    }
    check_fixes(rule, plan, findings)
}

fn check_wording(finding: &Finding) -> Result<(), String> {
    if finding.message.is_empty() || finding.fix_title.is_empty() {
        return Err("a finding without a message or a fix title".to_owned());
    }
    Ok(())
}

/// Applies the offered fixes until the rule falls silent, a finding is left
/// without a fix, or a few rounds pass.
fn check_fixes(
    rule: &'static Rule,
    mut plan: Plan,
    mut findings: Vec<Finding>,
) -> Result<(), String> {
    for _ in 0..4 {
        let fixes: Vec<_> =
            findings.iter().filter_map(|f| f.fix.clone()).collect();
        if fixes.len() < findings.len() {
            return Ok(());
        }
        for fix in &fixes {
            plan.apply(fix).map_err(|e| format!("fix failed: {e}"))?;
        }
        findings = run(rule, &plan);
        if findings.is_empty() {
            return Ok(());
        }
    }
    Err(format!(
        "still fires after its fixes: {}",
        findings[0].message
    ))
}

/// Gives the subnet `id` the block `range`.
pub(crate) fn place(plan: &mut Plan, id: &str, range: &str) {
    let subnet = plan.subnets.iter_mut().find(|s| s.id == id).unwrap();
    subnet.cidr = range.parse().unwrap();
}

/// Replaces the VPC's blocks, primary first.
pub(crate) fn blocks(plan: &mut Plan, blocks: &[&str]) {
    plan.vpc.cidr_blocks = blocks.iter().map(|b| b.parse().unwrap()).collect();
}
