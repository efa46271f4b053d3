//! The validation panel: a summary of whether the plan is ready for MWAA,
//! then every finding grouped by severity, with its explanation, the AWS
//! page it enforces, the parts it concerns and, where the library has one,
//! a Fix button.

use leptos::prelude::*;
use mwaa_plan::{edit, rules, Finding, Severity};

use crate::planner::use_planner;

const GROUPS: [(Severity, &str); 3] = [
    (Severity::Error, "Errors"),
    (Severity::Warning, "Warnings"),
    (Severity::Info, "Reminders"),
];

/// The findings of the current plan.
#[component]
pub fn FindingsPanel() -> impl IntoView {
    let planner = use_planner();
    let report = planner.report;
    let summary = move || {
        report.with(|report| {
            let errors = report.count(Severity::Error);
            let warnings = report.count(Severity::Warning);
            if errors == 0 {
                format!(
                    "Ready for MWAA: no errors, {warnings} warning{}.",
                    plural(warnings)
                )
            } else {
                format!(
                    "Not ready for MWAA: {errors} error{}, {warnings} \
                     warning{}.",
                    plural(errors),
                    plural(warnings)
                )
            }
        })
    };

    let fixable = move || {
        report.with(|r| r.findings.iter().any(|finding| finding.fix.is_some()))
    };
    let fix_all = move |_| {
        let mut applied = 0;
        planner.update(|plan| applied = edit::apply_all_fixes(plan));
        planner.say(format!("Applied {applied} fixes."));
    };

    view! {
        <section class="card findings" aria-labelledby="findings-title">
            <div class="card-head">
                <h2 id="findings-title">"Findings"</h2>
                <Show when=fixable>
                    <button class="fix" on:click=fix_all>"Fix all"</button>
                </Show>
            </div>
            <p
                class="summary"
                class:ready=move || report.with(|r| r.is_ready())
                role="status"
                aria-live="polite"
            >
                {summary}
            </p>
            {GROUPS
                .into_iter()
                .map(|(severity, heading)| {
                    let findings = move || {
                        report.with(|r| r.with_severity(severity).cloned().collect::<Vec<_>>())
                    };
                    view! {
                        <Show when=move || !findings().is_empty()>
                            <h3 class=format!("group {severity}")>{heading}</h3>
                            <ul class="finding-list">
                                {move || {
                                    findings()
                                        .into_iter()
                                        .map(|finding| view! { <FindingItem finding=finding/> })
                                        .collect_view()
                                }}
                            </ul>
                        </Show>
                    }
                })
                .collect_view()}
        </section>
    }
}

/// One finding.
#[component]
fn FindingItem(
    /// The finding to show.
    finding: Finding,
) -> impl IntoView {
    let planner = use_planner();
    let rule = rules::find(finding.code);
    let explanation = rule.map(|rule| rule.explanation).unwrap_or_default();
    let docs = rule.map(|rule| rule.docs).unwrap_or_default();
    let severity = finding.severity;
    let fix = finding.fix.clone();

    view! {
        <li class=format!("finding {severity}")>
            <p class="finding-head">
                <span class="badge">{severity.to_string()}</span>
                <code>{finding.code}</code>
                " "
                <span class="rule-name">{finding.rule}</span>
            </p>
            <p class="message">{finding.message.clone()}</p>
            <p class="fix-title">{finding.fix_title.clone()}</p>
            <div class="parts">
                {finding
                    .parts
                    .iter()
                    .map(|part| {
                        let id = part.clone();
                        view! {
                            <button class="part-link" on:click=move |_| planner.select(&id)>
                                {part.clone()}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            {fix
                .map(|fix| {
                    view! {
                        <button class="fix" on:click=move |_| planner.apply(&fix)>
                            "Fix"
                        </button>
                    }
                })}
            <details>
                <summary>"Why this matters"</summary>
                <p>{explanation}</p>
                <p>
                    <a href=docs target="_blank" rel="noopener noreferrer">
                        "AWS documentation"
                    </a>
                </p>
            </details>
        </li>
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}
