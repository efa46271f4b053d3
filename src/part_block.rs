//! The block every part gets in the editor panels: highlighted while
//! selected, selecting its part when focus enters it, headed by the part's
//! editable name, its id and a button that removes it.

use leptos::prelude::*;
use mwaa_plan::edit::{self, PlanEditError};
use mwaa_plan::Plan;

use crate::planner::use_planner;

/// A part's block.
#[component]
pub fn PartBlock(
    /// The part's id.
    id: String,
    /// The block's class besides `part-block`, such as `route-table`.
    class: &'static str,
    /// What the block shows.
    children: Children,
) -> impl IntoView {
    let planner = use_planner();
    let selected = {
        let id = id.clone();
        move || planner.selected.get().as_deref() == Some(id.as_str())
    };
    let select_id = id.clone();

    view! {
        <div
            class=format!("part-block {class}")
            class:is-selected=selected
            data-part=id
            on:focusin=move |_| planner.select(&select_id)
        >
            {children()}
        </div>
    }
}

/// A part's name (editable), its id and a button that removes it.
#[component]
pub fn PartHead(
    /// The part's id.
    id: String,
    /// What the part is, for labels: `Route table`.
    kind: &'static str,
    /// The part's name.
    name: Memo<String>,
    /// The library edit that removes the part.
    remove: fn(&mut Plan, &str) -> Result<(), PlanEditError>,
) -> impl IntoView {
    let planner = use_planner();
    let rename_id = id.clone();
    let remove_id = id.clone();

    view! {
        <div class="part-head">
            <label>
                {format!("{kind} name")}
                <input
                    type="text"
                    prop:value=name
                    on:change=move |ev| {
                        let name = event_target_value(&ev);
                        let id = rename_id.clone();
                        planner.edit(move |p| edit::rename(p, &id, &name));
                    }
                />
            </label>
            <code class="part-id">{id.clone()}</code>
            <button
                class="quiet"
                aria-label=format!("Remove {} {id}", in_a_sentence(kind))
                on:click=move |_| {
                    let id = remove_id.clone();
                    planner.edit(move |p| remove(p, &id));
                }
            >
                "Remove"
            </button>
        </div>
    }
}

/// `Network ACL` as it reads inside a sentence: `network ACL`.
fn in_a_sentence(kind: &str) -> String {
    let mut chars = kind.chars();
    chars
        .next()
        .map(|first| first.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}
