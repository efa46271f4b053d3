//! The smallest Leptos page: one counter. The web benchmark measures the
//! time from navigation to its first render beside the planner's, built
//! the same way, in the same browser run.

use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| {
        let count = RwSignal::new(0);
        view! {
            <p id="ready">"Ready"</p>
            <button on:click=move |_| count.update(|n| *n += 1)>
                {move || count.get()}
            </button>
        }
    });
}
