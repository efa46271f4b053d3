//! The VPC: its CIDR blocks, DNS settings, and whether it is new or
//! existing, owned or shared.

use leptos::prelude::*;
use mwaa_plan::cidr;
use mwaa_plan::{Ownership, Provenance, Vpc};

use crate::planner::use_planner;

/// The VPC's settings.
#[component]
pub fn VpcForm() -> impl IntoView {
    let planner = use_planner();
    let plan = planner.plan;
    let blocks_text = move || {
        plan.with(|p| {
            let blocks: Vec<String> =
                p.vpc.cidr_blocks.iter().map(ToString::to_string).collect();
            blocks.join(", ")
        })
    };
    let block_problem = RwSignal::new(None::<String>);

    let set_blocks = move |text: String| match cidr::parse_blocks(&text) {
        Ok(blocks) => {
            block_problem.set(None);
            planner.update(|p| p.vpc.cidr_blocks = blocks);
        }
        Err(problem) => block_problem.set(Some(problem)),
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
                <VpcCheck
                    label="DNS support"
                    read=|vpc| vpc.dns_support
                    write=|vpc, on| vpc.dns_support = on
                />
                <VpcCheck
                    label="DNS host names"
                    read=|vpc| vpc.dns_hostnames
                    write=|vpc, on| vpc.dns_hostnames = on
                />
                <VpcCheck
                    label="The VPC exists already"
                    read=|vpc| vpc.provenance == Provenance::Existing
                    write=|vpc, on| {
                        vpc.provenance = if on { Provenance::Existing } else { Provenance::New };
                    }
                />
                <VpcCheck
                    label="Shared from another account"
                    read=|vpc| vpc.ownership == Ownership::Shared
                    write=|vpc, on| {
                        vpc.ownership = if on { Ownership::Shared } else { Ownership::Owned };
                    }
                />
            </div>
        </fieldset>
    }
}

/// One yes-or-no setting of the VPC.
#[component]
fn VpcCheck(
    /// What the box says.
    label: &'static str,
    /// Whether the setting is on.
    read: fn(&Vpc) -> bool,
    /// Turns the setting on or off.
    write: fn(&mut Vpc, bool),
) -> impl IntoView {
    let planner = use_planner();
    view! {
        <label class="check">
            <input
                type="checkbox"
                prop:checked=move || planner.plan.with(|p| read(&p.vpc))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    planner.update(|p| write(&mut p.vpc, on));
                }
            />
            {label}
        </label>
    }
}
