//! Exports: the CloudFormation template (YAML or JSON, with or without the
//! environment) and the plan file, downloaded or copied.

use leptos::prelude::*;
use mwaa_plan::cloudformation::{self, Options};
use mwaa_plan::{format, Plan};

use crate::browser;
use crate::planner::use_planner;

/// One thing the panel exports.
#[derive(Clone, Copy)]
enum Export {
    TemplateYaml,
    TemplateJson,
    Plan,
}

impl Export {
    fn render(self, plan: &Plan, with_environment: bool) -> String {
        let options = Options { with_environment };
        match self {
            Export::TemplateYaml => cloudformation::yaml(plan, &options),
            Export::TemplateJson => cloudformation::json(plan, &options),
            Export::Plan => format::write(plan),
        }
    }

    fn file_name(self, plan: &Plan) -> String {
        match self {
            Export::TemplateYaml => format!("{}.cfn.yaml", plan.name),
            Export::TemplateJson => format!("{}.cfn.json", plan.name),
            Export::Plan => format!("{}.mwaa-plan.json", plan.name),
        }
    }

    fn mime(self) -> &'static str {
        match self {
            Export::TemplateYaml => "application/yaml",
            Export::TemplateJson | Export::Plan => "application/json",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Export::TemplateYaml => "CloudFormation YAML",
            Export::TemplateJson => "CloudFormation JSON",
            Export::Plan => "Plan (JSON)",
        }
    }
}

/// The export actions.
#[component]
pub fn ExportPanel() -> impl IntoView {
    let planner = use_planner();
    let with_environment = RwSignal::new(false);

    let download = move |export: Export| {
        let plan = planner.plan.get_untracked();
        let text = export.render(&plan, with_environment.get_untracked());
        let file = export.file_name(&plan);
        match browser::download(&file, export.mime(), &text) {
            Ok(()) => planner.say(format!("Downloaded {file}.")),
            Err(problem) => planner.problem(problem),
        }
    };
    let copy = move |export: Export| {
        let plan = planner.plan.get_untracked();
        let text = export.render(&plan, with_environment.get_untracked());
        leptos::task::spawn_local(async move {
            match browser::copy(text).await {
                Ok(()) => {
                    planner.say(format!("Copied the {}.", export.label()))
                }
                Err(problem) => planner.problem(problem),
            }
        });
    };

    view! {
        <fieldset class="card">
            <legend>"Export"</legend>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || with_environment.get()
                    on:change=move |ev| with_environment.set(event_target_checked(&ev))
                />
                "Include the MWAA environment, its execution role and DAG bucket"
            </label>
            <div class="export-rows">
                {[Export::TemplateYaml, Export::TemplateJson, Export::Plan]
                    .into_iter()
                    .map(|export| {
                        view! {
                            <div class="export-row">
                                <span>{export.label()}</span>
                                <button on:click=move |_| download(export)>"Download"</button>
                                <button on:click=move |_| copy(export)>"Copy"</button>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}
