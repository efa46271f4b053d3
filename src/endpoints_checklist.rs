//! VPC endpoints as a checklist: every service MWAA uses, the required ones
//! marked with the reason, and each present endpoint's private DNS.

use leptos::prelude::*;
use mwaa_plan::edit::{self, ChecklistEntry};
use mwaa_plan::{EndpointKind, EndpointPolicy};

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
    let details_id = endpoint_id.clone();
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
            {details_id.map(|id| view! { <EndpointDetails id=id/> })}
        </li>
    }
}

/// An endpoint's subnets (interface endpoints) and policy.
#[component]
fn EndpointDetails(
    /// The endpoint's id.
    id: String,
) -> impl IntoView {
    let planner = use_planner();
    let endpoint = {
        let id = id.clone();
        Memo::new(move |_| {
            planner
                .plan
                .with(|p| p.endpoints.iter().find(|e| e.id == id).cloned())
        })
    };
    let interface = move || {
        endpoint.with(|e| {
            e.as_ref()
                .is_some_and(|e| e.kind == EndpointKind::Interface)
        })
    };
    let subnets = Memo::new(move |_| {
        planner.plan.with(|p| {
            p.subnets
                .iter()
                .map(|s| {
                    let label = format!("{} ({})", s.name, s.availability_zone);
                    (s.id.clone(), label)
                })
                .collect::<Vec<_>>()
        })
    });
    let policy_text = move || {
        endpoint.with(|e| match e.as_ref().map(|e| &e.policy) {
            Some(EndpointPolicy::Custom(document)) => {
                serde_json::to_string_pretty(document).unwrap_or_default()
            }
            _ => String::new(),
        })
    };
    let draft = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let set_policy = {
        let id = id.clone();
        move |text: Option<String>| {
            let id = id.clone();
            let mut refusal = None;
            planner.edit(|p| {
                edit::set_endpoint_policy(p, &id, text.as_deref())
                    .inspect_err(|error| refusal = Some(error.to_string()))
            });
            problem.set(refusal);
        }
    };
    let apply = set_policy.clone();
    let id_for_subnets = id.clone();

    view! {
        <details class="endpoint-details">
            <summary>"Subnets and policy"</summary>
            <Show when=interface>
                <div class="associations" role="group" aria-label=format!("Subnets of {id}")>
                    {
                        let id = id_for_subnets.clone();
                        move || {
                            let id = id.clone();
                            subnets
                                .get()
                                .into_iter()
                                .map(|(subnet, label)| {
                                    let checked = {
                                        let subnet = subnet.clone();
                                        move || endpoint.with(|e| e.as_ref().is_some_and(|e| e.subnets.contains(&subnet)))
                                    };
                                    let id = id.clone();
                                    view! {
                                        <label class="check">
                                            <input
                                                type="checkbox"
                                                prop:checked=checked
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    let (id, subnet) = (id.clone(), subnet.clone());
                                                    planner.edit(move |p| edit::set_endpoint_subnet(p, &id, &subnet, on));
                                                }
                                            />
                                            {label}
                                        </label>
                                    }
                                })
                                .collect_view()
                        }
                    }
                </div>
            </Show>
            <label>
                "Policy (empty for full access)"
                <textarea
                    rows="6"
                    aria-invalid=move || problem.get().is_some().to_string()
                    prop:value=move || draft.get().unwrap_or_else(policy_text)
                    on:input=move |ev| draft.set(Some(event_target_value(&ev)))
                ></textarea>
            </label>
            <div class="actions">
                <button on:click=move |_| {
                    let text = draft.get_untracked().unwrap_or_else(policy_text);
                    let text = text.trim();
                    apply((!text.is_empty()).then(|| text.to_owned()));
                    if problem.get_untracked().is_none() {
                        draft.set(None);
                    }
                }>"Apply policy"</button>
                <button on:click=move |_| {
                    draft.set(None);
                    set_policy(None);
                }>"Full access"</button>
            </div>
            <span class="field-problem" role="alert">{move || problem.get()}</span>
        </details>
    }
}
