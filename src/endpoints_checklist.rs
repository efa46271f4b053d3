//! VPC endpoints as a checklist: every service MWAA uses, the required ones
//! marked with the reason, and each present endpoint's private DNS.

use leptos::prelude::*;
use mwaa_plan::edit::{self, ChecklistEntry};
use mwaa_plan::EndpointKind;

use crate::planner::use_planner;

/// The endpoint checklist.
#[component]
pub fn EndpointsChecklist() -> impl IntoView {
    let planner = use_planner();
    let entries = move || planner.plan.with(edit::endpoint_checklist);

    view! {
        <fieldset class="card">
            <legend>"VPC endpoints"</legend>
            <ul class="checklist">
                {move || {
                    entries()
                        .into_iter()
                        .map(|entry| view! { <EndpointEntry entry=entry/> })
                        .collect_view()
                }}
            </ul>
        </fieldset>
    }
}

/// One service of the checklist.
#[component]
fn EndpointEntry(
    /// The service's line.
    entry: ChecklistEntry,
) -> impl IntoView {
    let planner = use_planner();
    let service = entry.service.clone();
    let present = !entry.endpoints.is_empty();
    let kind = match entry.kind {
        EndpointKind::Interface => "interface",
        EndpointKind::Gateway => "gateway",
    };
    let why = match (entry.required, entry.purpose) {
        (true, purpose) => format!("required: {purpose}"),
        (false, "") => "not used by MWAA".to_owned(),
        (false, purpose) => format!("optional with internet access: {purpose}"),
    };
    let endpoint_id = entry.endpoints.first().cloned();
    let private_dns = {
        let id = endpoint_id.clone();
        move || {
            planner.plan.with(|plan| {
                id.as_ref().is_some_and(|id| {
                    plan.endpoints.iter().any(|e| &e.id == id && e.private_dns)
                })
            })
        }
    };

    view! {
        <li class:required=entry.required data-part=endpoint_id.clone()>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=present
                    on:change=move |ev| {
                        let wanted = event_target_checked(&ev);
                        let service = service.clone();
                        planner.edit(move |p| edit::set_endpoint(p, &service, wanted));
                    }
                />
                <code>{entry.service.clone()}</code>
                <span class="muted">{format!(" ({kind}) {why}")}</span>
            </label>
            {(present && entry.kind == EndpointKind::Interface)
                .then(|| {
                    let id = endpoint_id.clone().unwrap_or_default();
                    view! {
                        <label class="check nested">
                            <input
                                type="checkbox"
                                prop:checked=private_dns
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let id = id.clone();
                                    planner.update(move |p| {
                                        for endpoint in p.endpoints.iter_mut().filter(|e| e.id == id) {
                                            endpoint.private_dns = on;
                                        }
                                    });
                                }
                            />
                            "Private DNS"
                        </label>
                    }
                })}
        </li>
    }
}
