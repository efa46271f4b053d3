//! The rule catalogue as a Markdown document, generated from the registry.
//!
//! `RULES.md` at the root of the repository is this document; a test fails
//! when the two differ, so the catalogue is never edited by hand.

use std::fmt::Write;

use super::{all, Rule};

/// The catalogue of every rule: a table of codes, names, severities and
/// summaries, then each rule's explanation, known problems and AWS page.
pub fn markdown() -> String {
    let mut text = String::from(
        "# MWAA network rules\n\n\
         Generated from the rule registry of the `mwaa-plan` library \
         (`mwaa-plan rules --format markdown`); do not edit by hand.\n\n\
         | code | name | severity | what must hold |\n\
         |---|---|---|---|\n",
    );
    for rule in all() {
        let _ = writeln!(
            text,
            "| {} | [`{}`](#{}) | {} | {} |",
            rule.code,
            rule.name,
            anchor(rule),
            rule.severity,
            rule.summary
        );
    }
    for rule in all() {
        section(&mut text, rule);
    }
    text
}

fn section(text: &mut String, rule: &Rule) {
    let _ = write!(
        text,
        "\n## {} {}\n\n{} **{}.**\n\n{}\n",
        rule.code, rule.name, rule.summary, rule.severity, rule.explanation
    );
    if !rule.known_problems.is_empty() {
        let _ = write!(text, "\nKnown problems: {}\n", rule.known_problems);
    }
    let _ = write!(text, "\nAWS documentation: <{}>\n", rule.docs);
}

/// The anchor GitHub gives the rule's heading, `## N101 env-subnet-count`.
fn anchor(rule: &Rule) -> String {
    format!("{}-{}", rule.code, rule.name).to_lowercase()
}
