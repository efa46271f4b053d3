//! The MWAA VPC Planner web app: it wires the library's plan, rules,
//! edits and diagram to the page. No rule or CIDR logic lives here.
//!
//! `main.rs` only mounts [`App`].

use leptos::prelude::*;
use wasm_bindgen::JsCast;

mod browser;
mod diagram_panel;
mod endpoints_checklist;
mod environment_form;
mod export_panel;
mod findings_panel;
mod network_acl_panel;
mod part_block;
mod planner;
mod routing_panel;
mod security_groups_panel;
mod storage;
mod subnet_associations;
mod subnets_table;
mod toolbar;
mod vpc_form;

use diagram_panel::DiagramPanel;
use endpoints_checklist::EndpointsChecklist;
use environment_form::EnvironmentForm;
use export_panel::ExportPanel;
use findings_panel::FindingsPanel;
use network_acl_panel::NetworkAclPanel;
use planner::{provide_planner, use_planner};
use routing_panel::RoutingPanel;
use security_groups_panel::SecurityGroupsPanel;
use subnets_table::SubnetsTable;
use toolbar::{import_file, Toolbar};
use vpc_form::VpcForm;

/// The whole planner.
#[component]
pub fn App() -> impl IntoView {
    let planner = provide_planner();
    // The panels below the subnets come a frame after the rest, so the
    // first frame shows the plan's findings and diagram sooner.
    let below_the_fold = RwSignal::new(false);
    request_animation_frame(move || below_the_fold.set(true));
    Effect::new(move |_| {
        if let Some(id) = planner.selected.get() {
            reveal_in_editor(&id);
        }
    });
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
                    <Show when=move || below_the_fold.get()>
                        <SecurityGroupsPanel/>
                        <RoutingPanel/>
                        <NetworkAclPanel/>
                        <EndpointsChecklist/>
                        <ExportPanel/>
                    </Show>
                </section>
                <section class="results" aria-label="Results">
                    <FindingsPanel/>
                    <DiagramPanel/>
                </section>
            </main>
        </div>
    }
}

/// Scrolls the editor to the part with this id, if it shows the part and
/// the user is not already working in it: a part is also selected when an
/// input inside it takes focus, and scrolling then would move the button
/// being clicked from under the pointer.
fn reveal_in_editor(id: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(editors) = document.query_selector_all(".editor [data-part]") else {
        return;
    };
    let found = (0..editors.length())
        .filter_map(|index| editors.item(index))
        .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
        .find(|element| {
            element.get_attribute("data-part").as_deref() == Some(id)
        });
    let focused = document.active_element();
    if let Some(element) = found {
        if element.contains(focused.as_ref().map(|e| e.as_ref())) {
            return;
        }
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        element.scroll_into_view_with_scroll_into_view_options(&options);
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
