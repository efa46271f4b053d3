//! Keeping the plan in the browser's local storage between visits.
//!
//! The plan is stored in the public plan file format. A stored text that
//! cannot be read is moved aside under another key before anything is
//! written, so a bug or a newer planner never costs the user their plan.

use mwaa_plan::{format, Plan};

const PLAN_KEY: &str = "mwaa-vpc-planner.plan";
const UNREADABLE_KEY: &str = "mwaa-vpc-planner.unreadable-plan";

/// What the last visit left.
pub enum Loaded {
    /// A plan to carry on with.
    Plan(Box<Plan>),
    /// Nothing: a first visit, or storage the browser does not offer.
    Nothing,
    /// A text that is not a plan this planner reads, and why.
    Unreadable(String),
}

/// Reads the stored plan.
pub fn load() -> Loaded {
    let Some(storage) = local_storage() else {
        return Loaded::Nothing;
    };
    let Ok(Some(text)) = storage.get_item(PLAN_KEY) else {
        return Loaded::Nothing;
    };
    match format::read(&text) {
        Ok(plan) => Loaded::Plan(Box::new(plan)),
        Err(error) => {
            let _ = storage.set_item(UNREADABLE_KEY, &text);
            let _ = storage.remove_item(PLAN_KEY);
            Loaded::Unreadable(error.to_string())
        }
    }
}

/// Stores the plan; a browser that refuses (private mode, full storage)
/// only loses the convenience.
pub fn save(plan: &Plan) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(PLAN_KEY, &format::write(plan));
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
