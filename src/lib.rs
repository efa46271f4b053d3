//! The MWAA VPC Planner web app.
//!
//! The planner itself is being built in the `mwaa-plan` crate. Until it
//! lands, the app is one quiet page that names the product, says what is
//! coming and how many rules the plan library already checks. `main.rs`
//! only mounts [`App`].

use leptos::prelude::*;

/// The whole app: for now, a single page announcing the planner.
#[component]
pub fn App() -> impl IntoView {
    let rules = rule_count_sentence(mwaa_plan::rules::all().count());

    view! {
        <main class="placeholder">
            <header>
                <h1>"MWAA VPC Planner"</h1>
                <p class="tagline">
                    "Plan the network of an Amazon MWAA environment "
                    "before you build it."
                </p>
            </header>
            <section class="coming">
                <h2>"The planner is coming"</h2>
                <p>
                    "Soon you will lay out the VPC, its subnets, route "
                    "tables, NAT gateways, security groups and endpoints "
                    "here, check them against what MWAA needs, and export "
                    "the result as a CloudFormation template."
                </p>
                <p class="rule-count">{rules}</p>
            </section>
            <footer>
                "Everything runs in your browser: nothing you enter "
                "leaves it."
            </footer>
        </main>
    }
}

/// Says how many rules the plan library has, in a sentence for the page.
fn rule_count_sentence(count: usize) -> String {
    match count {
        0 => "The plan library's rules are still being written.".to_owned(),
        1 => "The plan library already holds 1 rule.".to_owned(),
        n => format!("The plan library already holds {n} rules."),
    }
}

#[cfg(test)]
mod tests {
    use super::rule_count_sentence;

    #[test]
    fn rule_count_sentence_agrees_with_the_count() {
        let cases = [
            (0, "The plan library's rules are still being written."),
            (1, "The plan library already holds 1 rule."),
            (42, "The plan library already holds 42 rules."),
        ];
        for (count, expected) in cases {
            assert_eq!(rule_count_sentence(count), expected, "count {count}");
        }
    }
}
