//! The VPC: its CIDR blocks, DNS settings, and whether it is new or
//! existing, owned or shared.

use leptos::prelude::*;
use mwaa_plan::cidr;
use mwaa_plan::{Ownership, Provenance};

use crate::planner::use_planner;

/// The VPC's settings.
#[component]
pub fn VpcForm() -> impl IntoView {
    let planner = use_planner();
    let plan = planner.plan;
    let vpc = move || plan.with(|p| p.vpc.clone());
    let blocks_text = move || {
        vpc()
            .cidr_blocks
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let block_problem = RwSignal::new(None::<String>);

    let set_blocks = move |text: String| {
        let parsed: Result<Vec<_>, String> = text
            .split(',')
            .map(str::trim)
            .filter(|block| !block.is_empty())
            .map(cidr::parse_block)
            .collect();
        match parsed {
            Ok(blocks) if blocks.is_empty() => block_problem
                .set(Some("the VPC needs at least one CIDR block".to_owned())),
            Ok(blocks) => {
                block_problem.set(None);
                planner.update(|p| p.vpc.cidr_blocks = blocks);
            }
            Err(problem) => block_problem.set(Some(problem)),
        }
    };

    view! {
        <fieldset class="card">
            <legend>"VPC"</legend>
            <div class="fields">
                <label>
                    "CIDR blocks (primary first, comma separated)"
                    <input
                        type="text"
                        aria-invalid=move || block_problem.get().is_some().to_string()
                        prop:value=blocks_text
                        on:change=move |ev| set_blocks(event_target_value(&ev))
                    />
                    <span class="field-problem" role="alert">
                        {move || block_problem.get()}
                    </span>
                </label>
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || vpc().dns_support
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            planner.update(|p| p.vpc.dns_support = on);
                        }
                    />
                    "DNS support"
                </label>
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || vpc().dns_hostnames
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            planner.update(|p| p.vpc.dns_hostnames = on);
                        }
                    />
                    "DNS host names"
                </label>
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || vpc().provenance == Provenance::Existing
                        on:change=move |ev| {
                            let provenance = if event_target_checked(&ev) {
                                Provenance::Existing
                            } else {
                                Provenance::New
                            };
                            planner.update(|p| p.vpc.provenance = provenance);
                        }
                    />
                    "The VPC exists already"
                </label>
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || vpc().ownership == Ownership::Shared
                        on:change=move |ev| {
                            let ownership = if event_target_checked(&ev) {
                                Ownership::Shared
                            } else {
                                Ownership::Owned
                            };
                            planner.update(|p| p.vpc.ownership = ownership);
                        }
                    />
                    "Shared from another account"
                </label>
            </div>
        </fieldset>
    }
}
