//! The rules engine: every check the planner makes, and the registry of
//! them.
//!
//! Each rule is one file with its metadata and its check, grouped by the
//! part of the network it concerns. Codes are stable: a retired code is
//! never given to another rule.
//!
//! | codes | group |
//! |---|---|
//! | N1xx | the environment's shape, both routings |
//! | N2xx | public routing |
//! | N3xx | private routing and VPC endpoints |
//! | N4xx | security groups |
//! | N5xx | network ACLs |
//! | N6xx | the CIDR plan |
//! | N7xx | references between parts |

use serde::Serialize;

use crate::finding::{Finding, Severity};
use crate::plan::Plan;
use crate::topology::Topology;

pub mod catalogue;
mod cidr;
mod environment;
mod network_acl;
mod private_routing;
mod public_routing;
mod references;
mod security_group;

/// A rule: what it checks, why, and the check itself.
#[derive(Serialize)]
pub struct Rule {
    /// The stable code, such as `N101`.
    pub code: &'static str,
    /// The name, in kebab case, naming the problem: `env-subnet-count`.
    pub name: &'static str,
    /// The severity of its findings (a few rules lower it for milder
    /// variants of the problem, as their explanation says).
    pub severity: Severity,
    /// One line: what must hold.
    pub summary: &'static str,
    /// Why it matters and what goes wrong when it does not hold, with an
    /// example.
    pub explanation: &'static str,
    /// What the check cannot see or gets wrong, if anything.
    pub known_problems: &'static str,
    /// The AWS documentation page the rule enforces.
    pub docs: &'static str,
    #[serde(skip)]
    pub(crate) check: fn(&Topology<'_>, &mut Vec<Finding>),
}

impl Rule {
    /// Starts a finding of this rule with its usual severity.
    pub fn finding(
        &'static self,
        message: impl Into<String>,
        fix_title: impl Into<String>,
    ) -> Finding {
        Finding {
            code: self.code,
            rule: self.name,
            severity: self.severity,
            parts: Vec::new(),
            message: message.into(),
            fix_title: fix_title.into(),
            fix: None,
        }
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Rule({} {})", self.code, self.name)
    }
}

/// Every rule, in code order.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    environment::RULES
        .iter()
        .chain(public_routing::RULES)
        .chain(private_routing::RULES)
        .chain(security_group::RULES)
        .chain(network_acl::RULES)
        .chain(cidr::RULES)
        .chain(references::RULES)
        .copied()
}

/// The rule with this code or name.
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    all().find(|rule| rule.code == code_or_name || rule.name == code_or_name)
}

/// What the rules found in a plan.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// Every finding, errors first, then warnings, then infos; in rule order
    /// within a severity.
    pub findings: Vec<Finding>,
}

/// Checks a plan against every rule.
///
/// # Examples
///
/// ```
/// use mwaa_plan::presets::{self, Preset};
/// use mwaa_plan::rules;
///
/// let plan = presets::build(Preset::PublicInternet);
/// assert!(rules::check(&plan).is_ready());
/// ```
pub fn check(plan: &Plan) -> Report {
    let topology = Topology::new(plan);
    let mut findings = Vec::new();
    for rule in all() {
        (rule.check)(&topology, &mut findings);
    }
    findings.sort_by_key(|finding| finding.severity);
    Report { findings }
}

impl Report {
    /// Whether nothing stands in the way of creating the environment: no
    /// errors (warnings and infos may remain).
    pub fn is_ready(&self) -> bool {
        self.count(Severity::Error) == 0
    }

    /// The number of findings of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.with_severity(severity).count()
    }

    /// The findings of a severity.
    pub fn with_severity(
        &self,
        severity: Severity,
    ) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(move |finding| finding.severity == severity)
    }
}
