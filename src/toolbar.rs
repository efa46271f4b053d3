//! The bar across the top: start from a preset or a blank plan, or import
//! a plan file.

use leptos::prelude::*;
use mwaa_plan::presets::{self, Preset};
use mwaa_plan::{format, Severity};
use wasm_bindgen::JsCast;

use crate::browser;
use crate::planner::{use_planner, Planner};

/// The title and the plan-wide actions.
#[component]
pub fn Toolbar() -> impl IntoView {
    let planner = use_planner();
    let choice = RwSignal::new(Preset::PublicInternet.name().to_owned());

    let start = move |_| {
        let name = choice.get_untracked();
        let (plan, label) = match Preset::from_name(&name) {
            Some(preset) => (presets::build(preset), preset.description()),
            None => (presets::blank(), "A blank plan: add subnets to begin."),
        };
        planner.replace(plan, format!("Started a new plan. {label}"));
    };
    let import = move |ev: leptos::ev::Event| {
        let file = ev
            .target()
            .and_then(|target| {
                target.dyn_into::<web_sys::HtmlInputElement>().ok()
            })
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            import_file(planner, file);
        }
    };

    view! {
        <header class="toolbar">
            <h1>"MWAA VPC Planner"</h1>
            <a
                class="status"
                class:ready=move || planner.report.with(|r| r.is_ready())
                href="#findings-title"
            >
                {move || {
                    planner.report.with(|r| match r.count(Severity::Error) {
                        0 => "Ready for MWAA".to_owned(),
                        1 => "1 error".to_owned(),
                        n => format!("{n} errors"),
                    })
                }}
            </a>
            <div class="toolbar-group">
                <label>
                    "Start from "
                    <select on:change=move |ev| choice.set(event_target_value(&ev))>
                        {Preset::ALL
                            .into_iter()
                            .map(|preset| {
                                view! { <option value=preset.name()>{preset.name()}</option> }
                            })
                            .collect_view()}
                        <option value="blank">"blank plan"</option>
                    </select>
                </label>
                <button on:click=start>"Start"</button>
            </div>
            <div class="toolbar-group">
                <label class="file-button">
                    "Import plan"
                    <input type="file" accept=".json,application/json" on:change=import/>
                </label>
            </div>
        </header>
    }
}

/// Reads a plan file the user picked or dropped; a file that is not a plan
/// leaves the current plan as it is and says why.
pub fn import_file(planner: Planner, file: web_sys::File) {
    let name = file.name();
    leptos::task::spawn_local(async move {
        let plan = browser::read_text(file)
            .await
            .and_then(|text| format::read(&text).map_err(|e| e.to_string()));
        match plan {
            Ok(plan) => planner.replace(plan, format!("Imported {name}.")),
            Err(problem) => planner.problem(format!(
                "{name} was not imported: {problem}. Your plan is unchanged."
            )),
        }
    });
}
