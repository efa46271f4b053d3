//! The planner's state, shared by every component through context: the
//! plan, the report the rules make of it, the selected part and the last
//! notice for the user.
//!
//! Components never change the plan directly: they call [`Planner::edit`]
//! with a library operation, so every change is checked, kept in local
//! storage and undoable by the same path.

use leptos::prelude::*;
use mwaa_plan::presets::{self, Preset};
use mwaa_plan::rules::{self, Report};
use mwaa_plan::{Fix, Plan};

use crate::storage;

/// A message for the user, shown until the next one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Whether it reports a problem.
    pub problem: bool,
    /// What happened.
    pub text: String,
}

/// The planner's state. Cheap to copy: it holds signals.
#[derive(Clone, Copy)]
pub struct Planner {
    /// The plan being edited.
    pub plan: RwSignal<Plan>,
    /// What the rules find in it, recomputed on every change.
    pub report: Memo<Report>,
    /// The id of the selected part, if any.
    pub selected: RwSignal<Option<String>>,
    /// The last notice.
    pub notice: RwSignal<Option<Notice>>,
}

impl Planner {
    /// The planner with the last plan the user worked on, or a preset when
    /// there is none or it cannot be read (the unreadable text is kept
    /// aside, never overwritten).
    pub fn start() -> Planner {
        let (plan, notice) = match storage::load() {
            storage::Loaded::Plan(plan) => (*plan, None),
            storage::Loaded::Nothing => {
                (presets::build(Preset::PublicInternet), None)
            }
            storage::Loaded::Unreadable(problem) => (
                presets::build(Preset::PublicInternet),
                Some(Notice {
                    problem: true,
                    text: format!(
                        "Your saved plan could not be read ({problem}); it \
                         is kept aside and the planner starts from a preset."
                    ),
                }),
            ),
        };
        let plan = RwSignal::new(plan);
        let report = Memo::new(move |_| plan.with(rules::check));
        Effect::new(move |_| plan.with(storage::save));
        Planner {
            plan,
            report,
            selected: RwSignal::new(None),
            notice: RwSignal::new(notice),
        }
    }

    /// Changes the plan with `change`; a change that fails leaves the plan
    /// as it was and says why. Returns whether the change was made.
    pub fn edit<E: std::fmt::Display>(
        &self,
        change: impl FnOnce(&mut Plan) -> Result<(), E>,
    ) -> bool {
        let mut edited = self.plan.get_untracked();
        match change(&mut edited) {
            Ok(()) => {
                self.plan.set(edited);
                self.notice.set(None);
                true
            }
            Err(error) => {
                self.problem(error.to_string());
                false
            }
        }
    }

    /// Changes the plan with a change that cannot fail.
    pub fn update(&self, change: impl FnOnce(&mut Plan)) {
        self.edit(|plan| {
            change(plan);
            Ok::<(), std::convert::Infallible>(())
        });
    }

    /// Applies a finding's fix.
    pub fn apply(&self, fix: &Fix) {
        self.edit(|plan| plan.apply(fix));
    }

    /// Replaces the whole plan, as choosing a preset or importing a file
    /// does.
    pub fn replace(&self, plan: Plan, message: String) {
        self.plan.set(plan);
        self.selected.set(None);
        self.say(message);
    }

    /// Shows a message.
    pub fn say(&self, text: String) {
        self.notice.set(Some(Notice {
            problem: false,
            text,
        }));
    }

    /// Shows a problem.
    pub fn problem(&self, text: String) {
        self.notice.set(Some(Notice {
            problem: true,
            text,
        }));
    }

    /// Selects a part, as clicking it in the diagram or a finding does.
    pub fn select(&self, id: &str) {
        self.selected.set(Some(id.to_owned()));
    }
}

/// Makes the planner available to every component below.
pub fn provide_planner() -> Planner {
    let planner = Planner::start();
    provide_context(planner);
    planner
}

/// The planner of the page.
pub fn use_planner() -> Planner {
    expect_context::<Planner>()
}
