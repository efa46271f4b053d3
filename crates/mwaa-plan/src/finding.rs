//! Findings: what the rules say about a plan.
//!
//! A finding is data, never an error: the rule that raised it, how serious
//! it is, the ids of the parts involved, a message that quotes the values at
//! fault, what to do about it and, when the remedy is mechanical, a [`Fix`]
//! the library can apply.

use serde::Serialize;

use crate::fix::Fix;

/// How serious a finding is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The environment will fail to create or will not work.
    Error,
    /// It works, but is fragile, costly or insecure.
    Warning,
    /// A reminder of something to do outside the plan.
    Info,
}

/// One thing a rule found in a plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// The code of the rule that raised it, such as `N101`.
    pub code: &'static str,
    /// The rule's name, such as `env-subnet-count`.
    pub rule: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// The ids of the parts involved, most relevant first.
    pub parts: Vec<String>,
    /// What is wrong, quoting the values at fault.
    pub message: String,
    /// What to do about it, as an imperative.
    pub fix_title: String,
    /// The edits that fix it, when the remedy is mechanical.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

impl Finding {
    /// Adds the id of a part involved.
    pub fn part(mut self, id: impl Into<String>) -> Finding {
        self.parts.push(id.into());
        self
    }

    /// Adds the ids of parts involved.
    pub fn parts<I, S>(mut self, ids: I) -> Finding
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.parts.extend(ids.into_iter().map(Into::into));
        self
    }

    /// Attaches the fix that the fix title describes.
    pub fn fix(mut self, fix: Fix) -> Finding {
        self.fix = Some(fix);
        self
    }

    /// Lowers or raises the rule's usual severity for this finding.
    pub fn severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        })
    }
}
