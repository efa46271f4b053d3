//! The live diagram: the library draws the SVG, the panel shows it,
//! selects the part a click lands on and offers the SVG for download.

use leptos::prelude::*;
use mwaa_plan::diagram;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::planner::use_planner;

/// The diagram of the current plan.
#[component]
pub fn DiagramPanel() -> impl IntoView {
    let planner = use_planner();
    let svg = Memo::new(move |_| {
        planner.plan.with(|plan| {
            planner.report.with(|report| diagram::svg(plan, report))
        })
    });

    let on_click = move |event: leptos::ev::MouseEvent| {
        let part = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("[data-part]").ok().flatten())
            .and_then(|element| element.get_attribute("data-part"));
        if let Some(id) = part {
            planner.select(&id);
        }
    };
    let download = move |_| {
        let file =
            format!("{}-network.svg", planner.plan.with(|p| p.name.clone()));
        if let Err(problem) =
            browser::download(&file, "image/svg+xml", &svg.get())
        {
            planner.problem(problem);
        }
    };

    view! {
        <section class="card diagram-panel" aria-labelledby="diagram-title">
            <div class="card-head">
                <h2 id="diagram-title">"Network"</h2>
                <button on:click=download>"Download SVG"</button>
            </div>
            <div class="diagram-frame" on:click=on_click inner_html=move || svg.get()></div>
            <p class="selected" aria-live="polite">
                {move || {
                    planner.selected.get().map(|id| format!("Selected: {id}"))
                }}
            </p>
        </section>
    }
}
