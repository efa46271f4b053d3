//! How `check` and `rules` print: grouped text for people, JSON for
//! machines.

use std::fmt::Write;
use std::path::Path;

use mwaa_plan::rules::{self, Report};
use mwaa_plan::{Finding, Severity};
use serde::Serialize;

const SEVERITIES: [(Severity, &str); 3] = [
    (Severity::Error, "Errors"),
    (Severity::Warning, "Warnings"),
    (Severity::Info, "Infos"),
];

/// The findings grouped by severity, with a summary line first.
pub fn text(file: &Path, report: &Report) -> String {
    let mut text = format!("{}: {}\n", source_name(file), summary(report));
    for (severity, heading) in SEVERITIES {
        let mut findings = report.with_severity(severity).peekable();
        if findings.peek().is_none() {
            continue;
        }
        let _ = writeln!(text, "\n{heading}");
        for finding in findings {
            finding_text(&mut text, finding);
        }
    }
    text
}

/// The file's name as the report shows it; `-` is standard input.
fn source_name(file: &Path) -> String {
    if file == Path::new("-") {
        "standard input".to_owned()
    } else {
        file.display().to_string()
    }
}

fn finding_text(text: &mut String, finding: &Finding) {
    let _ = writeln!(
        text,
        "  {} {}: {}",
        finding.code, finding.rule, finding.message
    );
    if !finding.parts.is_empty() {
        let _ = writeln!(text, "      parts: {}", finding.parts.join(", "));
    }
    let automatic = if finding.fix.is_some() {
        " (mwaa-plan fix applies it)"
    } else {
        ""
    };
    let _ = writeln!(text, "      fix: {}{automatic}", finding.fix_title);
}

fn summary(report: &Report) -> String {
    let counts = SEVERITIES.map(|(severity, _)| {
        let n = report.count(severity);
        let noun = match (severity, n) {
            (Severity::Error, 1) => "error",
            (Severity::Error, _) => "errors",
            (Severity::Warning, 1) => "warning",
            (Severity::Warning, _) => "warnings",
            (Severity::Info, 1) => "info",
            (Severity::Info, _) => "infos",
        };
        format!("{n} {noun}")
    });
    let verdict = if report.is_ready() {
        "ready for MWAA"
    } else {
        "not ready for MWAA"
    };
    format!("{}; {verdict}", counts.join(", "))
}

#[derive(Serialize)]
struct JsonReport<'r> {
    file: String,
    ready: bool,
    errors: usize,
    warnings: usize,
    infos: usize,
    findings: Vec<JsonFinding<'r>>,
}

#[derive(Serialize)]
struct JsonFinding<'r> {
    code: &'r str,
    rule: &'r str,
    severity: Severity,
    message: &'r str,
    parts: &'r [String],
    fix_title: &'r str,
    fixable: bool,
}

/// The report as one JSON document.
pub fn json(file: &Path, report: &Report) -> String {
    let document = JsonReport {
        file: source_name(file),
        ready: report.is_ready(),
        errors: report.count(Severity::Error),
        warnings: report.count(Severity::Warning),
        infos: report.count(Severity::Info),
        findings: report
            .findings
            .iter()
            .map(|finding| JsonFinding {
                code: finding.code,
                rule: finding.rule,
                severity: finding.severity,
                message: &finding.message,
                parts: &finding.parts,
                fix_title: &finding.fix_title,
                fixable: finding.fix.is_some(),
            })
            .collect(),
    };
    pretty(&document)
}

/// The catalogue as an aligned table.
pub fn catalogue_text() -> String {
    let width = rules::all().map(|rule| rule.name.len()).max().unwrap_or(0);
    let mut text = String::new();
    for rule in rules::all() {
        let _ = writeln!(
            text,
            "{}  {:<width$}  {:<7}  {}",
            rule.code,
            rule.name,
            rule.severity.to_string(),
            rule.summary
        );
    }
    text
}

#[derive(Serialize)]
struct JsonRule {
    code: &'static str,
    name: &'static str,
    severity: Severity,
    summary: &'static str,
    docs: &'static str,
}

/// The catalogue as a JSON array.
pub fn catalogue_json() -> String {
    let rules: Vec<JsonRule> = rules::all()
        .map(|rule| JsonRule {
            code: rule.code,
            name: rule.name,
            severity: rule.severity,
            summary: rule.summary,
            docs: rule.docs,
        })
        .collect();
    pretty(&rules)
}

fn pretty(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value)
        .expect("reports hold only strings, numbers and booleans");
    text.push('\n');
    text
}
