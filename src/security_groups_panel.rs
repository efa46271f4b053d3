//! Security groups and their rules, with one-click shapes for the
//! self-referencing rule MWAA needs.

use leptos::prelude::*;
use mwaa_plan::edit::{self, SelfRule};
use mwaa_plan::{Peer, SecurityGroupRule};

use crate::planner::use_planner;

/// Every security group of the plan.
#[component]
pub fn SecurityGroupsPanel() -> impl IntoView {
    let planner = use_planner();
    let ids = move || {
        planner.plan.with(|p| {
            p.security_groups
                .iter()
                .map(|g| g.id.clone())
                .collect::<Vec<_>>()
        })
    };

    view! {
        <fieldset class="card">
            <legend>"Security groups"</legend>
            <For each=ids key=|id| id.clone() let:id>
                <SecurityGroupView id=id/>
            </For>
        </fieldset>
    }
}

/// One security group.
#[component]
fn SecurityGroupView(
    /// The group's id.
    id: String,
) -> impl IntoView {
    let planner = use_planner();
    let group = {
        let id = id.clone();
        Memo::new(move |_| {
            planner.plan.with(|p| {
                p.security_groups.iter().find(|g| g.id == id).cloned()
            })
        })
    };
    let inbound = move || {
        group.with(|g| {
            g.iter()
                .flat_map(|g| g.ingress.iter().map(describe))
                .collect::<Vec<_>>()
        })
    };
    let outbound = move || {
        group.with(|g| {
            g.iter()
                .flat_map(|g| g.egress.iter().map(describe))
                .collect::<Vec<_>>()
        })
    };
    let part = id.clone();
    let shape = move |rule: SelfRule| {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            planner.edit(move |p| edit::set_self_rule(p, &id, rule));
        }
    };
    let title = move || {
        group.with(|g| {
            g.as_ref()
                .map(|g| format!("{} ({})", g.name, g.id))
                .unwrap_or_default()
        })
    };

    view! {
        <div class="group-block" data-part=part>
            <h3>{title}</h3>
            <div class="rule-columns">
                <div>
                    <h4>"Inbound"</h4>
                    <ul class="rules">
                        {move || inbound().into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
                    </ul>
                </div>
                <div>
                    <h4>"Outbound"</h4>
                    <ul class="rules">
                        {move || outbound().into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
                    </ul>
                </div>
            </div>
            <div class="actions">
                <button on:click=shape(SelfRule::AllTraffic)>
                    "Self-referencing, all traffic"
                </button>
                <button on:click=shape(SelfRule::ServicePorts)>
                    "Restrict to 443 and 5432"
                </button>
            </div>
        </div>
    }
}

fn describe(rule: &SecurityGroupRule) -> String {
    let peer = match &rule.peer {
        Peer::Cidr(block) => block.to_string(),
        Peer::SecurityGroup(id) => format!("group {id}"),
        Peer::PrefixList(id) => format!("prefix list {id}"),
    };
    format!("{} with {peer}", rule.traffic)
}
