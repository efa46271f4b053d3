//! `environment-worker-counts`: the environment class is known and the
//! worker, scheduler and web server counts fit it.

use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::Environment;
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks the environment class and the counts of workers,
/// schedulers and web servers against the limits MWAA sets for the class.
///
/// Why: MWAA refuses an environment whose counts fall outside them, and the
/// counts decide how many addresses the environment takes in its subnets.
pub(crate) const RULE: Rule = Rule {
    code: "N111",
    name: "environment-worker-counts",
    severity: Severity::Error,
    summary: "The environment class is one MWAA offers, and the worker, \
              scheduler and web server counts are within its limits.",
    explanation: "The CloudFormation schema asks for at least one worker, \
        one scheduler and one web server, and max workers no lower than min \
        workers. Each environment class narrows that: mw1.micro runs a \
        single container that is both worker and scheduler, so one worker, \
        one scheduler and one web server; the larger classes (mw1.small to \
        mw1.2xlarge) take 2 to 5 schedulers, 2 to 5 web servers and up to \
        25 workers. A class MWAA does not offer is refused outright. For \
        example, mw1.micro with 2 schedulers fails to create: set them to \
        1, or choose mw1.small.",
    known_problems: "25 workers is the default quota; an account whose \
        quota AWS has raised may run more, and is reported all the same. \
        When the class is unknown, only the schema's minimums are checked, \
        and the fix picks mw1.small, AWS's default class, unless the class \
        differs from a known one only in case or spaces.",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/environment-class.html",
    check,
};

/// What an environment class allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Limits {
    /// Who sets the limits, for messages: `mw1.small`, `MWAA`.
    whose: &'static str,
    /// The most workers.
    workers: u32,
    /// The fewest and the most schedulers.
    schedulers: (u32, u32),
    /// The fewest and the most web servers.
    webservers: (u32, u32),
}

/// Most workers of the classes larger than mw1.micro (the default quota).
const MOST_WORKERS: u32 = 25;

/// The classes MWAA offers, smallest first.
const CLASSES: [&str; 6] = crate::plan::ENVIRONMENT_CLASSES;

/// AWS's default class, which the fix picks for an unknown one.
const DEFAULT_CLASS: &str = "mw1.small";

/// The limits of the CloudFormation schema, for an unknown class.
const SCHEMA: Limits = Limits {
    whose: "MWAA",
    workers: u32::MAX,
    schedulers: (1, u32::MAX),
    webservers: (1, u32::MAX),
};

/// The limits of a class MWAA offers.
fn limits(class: &str) -> Option<Limits> {
    let whose = *CLASSES.iter().find(|known| **known == class)?;
    if whose == "mw1.micro" {
        return Some(Limits {
            whose,
            workers: 1,
            schedulers: (1, 1),
            webservers: (1, 1),
        });
    }
    Some(Limits {
        whose,
        workers: MOST_WORKERS,
        schedulers: (2, 5),
        webservers: (2, 5),
    })
}

/// One count outside its limits.
struct Problem {
    message: String,
    title: String,
}

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let environment = &topology.plan.environment;
    let class = &environment.environment_class;
    let known = limits(class);
    let mended = mend(environment);
    let finding = |message: String, title: String| {
        RULE.finding(message, title)
            .part(&environment.id)
            .fix(Fix::put(mended.clone()))
    };

    if known.is_none() {
        let message = format!(
            "'{class}' is not an environment class MWAA offers ({})",
            CLASSES.join(", ")
        );
        let title =
            format!("Use the environment class '{}'", mended.environment_class);
        findings.push(finding(message, title));
    }
    let limits = known.unwrap_or(SCHEMA);
    for problem in problems(environment, &limits, &mended) {
        findings.push(finding(problem.message, problem.title));
    }
}

/// The counts outside `limits`; titles quote the values of `mended`.
fn problems(
    environment: &Environment,
    limits: &Limits,
    mended: &Environment,
) -> Vec<Problem> {
    let whose = limits.whose;
    let (min, max) = (environment.min_workers, environment.max_workers);
    let workers = if max < min {
        Some(Problem {
            message: format!(
                "the max worker count ({max}) is below the min worker count \
                 ({min})"
            ),
            title: format!(
                "Set the max worker count to {}",
                mended.max_workers
            ),
        })
    } else {
        let range = (1, limits.workers);
        outside("max worker count", max, range, whose, mended.max_workers)
    };
    [
        outside(
            "min worker count",
            min,
            (1, limits.workers),
            whose,
            mended.min_workers,
        ),
        workers,
        outside(
            "scheduler count",
            environment.schedulers,
            limits.schedulers,
            whose,
            mended.schedulers,
        ),
        outside(
            "max web server count",
            environment.max_webservers,
            limits.webservers,
            whose,
            mended.max_webservers,
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// A problem when `value` lies outside `(least, most)`.
fn outside(
    what: &str,
    value: u32,
    (least, most): (u32, u32),
    whose: &str,
    fixed: u32,
) -> Option<Problem> {
    let message = if value < least {
        format!("the {what} is {value}; {whose} needs at least {least}")
    } else if value > most {
        format!("the {what} is {value}; {whose} allows at most {most}")
    } else {
        return None;
    };
    Some(Problem {
        message,
        title: format!("Set the {what} to {fixed}"),
    })
}

/// The environment with a known class and every count clamped into the
/// class's limits. Every finding of the rule carries this same fix, so
/// applying several of them never undoes another.
fn mend(environment: &Environment) -> Environment {
    let class = known_class(&environment.environment_class);
    let limits = limits(class).unwrap_or(SCHEMA);
    let mut mended = environment.clone();
    mended.environment_class = class.to_owned();
    mended.min_workers = environment.min_workers.clamp(1, limits.workers);
    mended.max_workers = environment
        .max_workers
        .clamp(mended.min_workers, limits.workers);
    mended.schedulers = clamp(environment.schedulers, limits.schedulers);
    mended.max_webservers =
        clamp(environment.max_webservers, limits.webservers);
    mended
}

fn clamp(value: u32, (least, most): (u32, u32)) -> u32 {
    value.clamp(least, most)
}

/// The class MWAA offers that `class` names, ignoring case and spaces, or
/// the default class.
fn known_class(class: &str) -> &'static str {
    let wanted = class.trim().to_ascii_lowercase();
    CLASSES
        .into_iter()
        .find(|known| *known == wanted)
        .unwrap_or(DEFAULT_CLASS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::Preset::*;
    use crate::testing::{check_cases, fires, silent};

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "no worker",
                    PublicInternet,
                    |p| p.environment.min_workers = 0,
                    &["env"],
                ),
                fires(
                    "max below min",
                    PrivateNewVpc,
                    |p| {
                        p.environment.min_workers = 5;
                        p.environment.max_workers = 3;
                    },
                    &["env"],
                ),
                fires(
                    "too many workers",
                    PrivateExistingVpc,
                    |p| p.environment.max_workers = 40,
                    &["env"],
                ),
                fires(
                    "one scheduler on mw1.small",
                    PublicPrivateWebserver,
                    |p| p.environment.schedulers = 1,
                    &["env"],
                ),
                fires(
                    "six web servers",
                    PublicInternet,
                    |p| p.environment.max_webservers = 6,
                    &["env"],
                ),
                fires(
                    "micro with the small class's counts",
                    PrivateNewVpc,
                    |p| p.environment.environment_class = "mw1.micro".into(),
                    &["env"],
                ),
                fires(
                    "unknown class",
                    PublicInternet,
                    |p| p.environment.environment_class = "mw2.small".into(),
                    &["env"],
                ),
                fires(
                    "class in capitals, no scheduler",
                    PrivateNewVpc,
                    |p| {
                        p.environment.environment_class = "MW1.Large".into();
                        p.environment.schedulers = 0;
                    },
                    &["env"],
                ),
                silent("preset counts", PublicInternet, |_| {}),
                silent("at the limits of mw1.2xlarge", PrivateNewVpc, |p| {
                    let environment = &mut p.environment;
                    environment.environment_class = "mw1.2xlarge".into();
                    environment.min_workers = 25;
                    environment.max_workers = 25;
                    environment.schedulers = 5;
                    environment.max_webservers = 5;
                }),
                silent("micro with ones", PrivateExistingVpc, |p| {
                    let environment = &mut p.environment;
                    environment.environment_class = "mw1.micro".into();
                    environment.max_workers = 1;
                    environment.schedulers = 1;
                    environment.max_webservers = 1;
                }),
                silent("min equals max", PublicPrivateWebserver, |p| {
                    p.environment.min_workers = 10
                }),
            ],
        );
    }

    #[test]
    fn mend_clamps_into_the_class() {
        // (class, min, max, schedulers, web servers) before and after.
        type Counts = (&'static str, u32, u32, u32, u32);
        let cases: [(Counts, Counts); 5] = [
            (("mw1.small", 0, 0, 0, 0), ("mw1.small", 1, 1, 2, 2)),
            (("mw1.micro", 2, 10, 2, 2), ("mw1.micro", 1, 1, 1, 1)),
            (("mw1.large", 30, 40, 9, 9), ("mw1.large", 25, 25, 5, 5)),
            ((" MW1.XLarge", 3, 2, 2, 2), ("mw1.xlarge", 3, 3, 2, 2)),
            (("m5.large", 1, 10, 2, 2), ("mw1.small", 1, 10, 2, 2)),
        ];
        let mut environment = crate::presets::build(PublicInternet).environment;
        for (before, after) in cases {
            let (class, min, max, schedulers, webservers) = before;
            environment.environment_class = class.into();
            environment.min_workers = min;
            environment.max_workers = max;
            environment.schedulers = schedulers;
            environment.max_webservers = webservers;
            let mended = mend(&environment);
            let got = (
                mended.environment_class.as_str(),
                mended.min_workers,
                mended.max_workers,
                mended.schedulers,
                mended.max_webservers,
            );
            assert_eq!(got, after, "{before:?}");
        }
    }
}
