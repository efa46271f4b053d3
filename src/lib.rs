//! The MWAA VPC Planner web app: it wires the library's plan, rules,
//! edits and diagram to the page. No rule or CIDR logic lives here.
//!
//! `main.rs` only mounts [`App`].

use leptos::prelude::*;

mod browser;
mod diagram_panel;
mod endpoints_checklist;
mod environment_form;
mod export_panel;
mod findings_panel;
mod planner;
mod security_groups_panel;
mod storage;
mod subnets_table;
mod toolbar;
mod vpc_form;

use diagram_panel::DiagramPanel;
use endpoints_checklist::EndpointsChecklist;
use environment_form::EnvironmentForm;
use export_panel::ExportPanel;
use findings_panel::FindingsPanel;
use planner::{provide_planner, use_planner};
use security_groups_panel::SecurityGroupsPanel;
use subnets_table::SubnetsTable;
use toolbar::{import_file, Toolbar};
use vpc_form::VpcForm;

/// The whole planner.
#[component]
pub fn App() -> impl IntoView {
    let planner = provide_planner();
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        let file = ev
            .data_transfer()
            .and_then(|transfer| transfer.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            import_file(planner, file);
        }
    };

    view! {
        <div
            class="app"
            on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
            on:drop=on_drop
        >
            <Toolbar/>
            <NoticeBar/>
            <main class="workspace">
                <section class="editor" aria-label="Plan editor">
                    <EnvironmentForm/>
                    <VpcForm/>
                    <SubnetsTable/>
                    <SecurityGroupsPanel/>
                    <EndpointsChecklist/>
                    <ExportPanel/>
                </section>
                <section class="results" aria-label="Results">
                    <FindingsPanel/>
                    <DiagramPanel/>
                </section>
            </main>
        </div>
    }
}

/// The last message for the user, announced to screen readers.
#[component]
fn NoticeBar() -> impl IntoView {
    let planner = use_planner();
    view! {
        <div class="notice-bar" role="status" aria-live="polite">
            {move || {
                planner
                    .notice
                    .get()
                    .map(|notice| {
                        view! {
                            <p class="notice" class:problem=notice.problem>
                                {notice.text}
                                <button
                                    class="quiet"
                                    aria-label="Dismiss"
                                    on:click=move |_| planner.notice.set(None)
                                >
                                    "\u{d7}"
                                </button>
                            </p>
                        }
                    })
            }}
        </div>
    }
}
