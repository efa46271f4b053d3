//! Security groups and their rules, with one-click shapes for the
//! self-referencing rule MWAA needs.

use leptos::prelude::*;
use std::str::FromStr;

use mwaa_plan::edit::{self, SelfRule};
use mwaa_plan::network_acl::Direction;
use mwaa_plan::{Peer, PortRange, Protocol, SecurityGroupRule, Traffic};

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
    let rules_of = move |direction: Direction| {
        move || {
            group.with(|g| {
                g.iter()
                    .flat_map(|g| match direction {
                        Direction::Inbound => g.ingress.iter(),
                        Direction::Outbound => g.egress.iter(),
                    })
                    .map(describe)
                    .enumerate()
                    .collect::<Vec<_>>()
            })
        }
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
                {Direction::BOTH
                    .into_iter()
                    .map(|direction| {
                        let rules = rules_of(direction);
                        let group_id = part.clone();
                        view! {
                            <div>
                                <h4>{if direction == Direction::Inbound { "Inbound" } else { "Outbound" }}</h4>
                                <ul class="rules">
                                    {move || {
                                        rules()
                                            .into_iter()
                                            .map(|(index, text)| {
                                                let group_id = group_id.clone();
                                                view! {
                                                    <li>
                                                        {text}
                                                        <button
                                                            class="quiet"
                                                            aria-label=format!("Remove {direction} rule {}", index + 1)
                                                            on:click=move |_| {
                                                                let group_id = group_id.clone();
                                                                planner.edit(move |p| {
                                                                    edit::remove_security_group_rule(p, &group_id, direction, index)
                                                                });
                                                            }
                                                        >
                                                            "Remove"
                                                        </button>
                                                    </li>
                                                }
                                            })
                                            .collect_view()
                                    }}
                                </ul>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
            <AddSecurityGroupRule group=part.clone()/>
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

/// The form that adds a rule to a security group: direction, protocol,
/// ports and the other side (a CIDR block, a security group or a prefix
/// list), each checked before the rule is added.
#[component]
fn AddSecurityGroupRule(
    /// The security group's id.
    group: String,
) -> impl IntoView {
    let planner = use_planner();
    let direction = RwSignal::new(Direction::Inbound);
    let protocol = RwSignal::new(Protocol::Tcp);
    let ports = RwSignal::new(String::new());
    let peer = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);

    let add = move |_| {
        let chosen = protocol.get_untracked();
        let port_range = if chosen.has_ports() {
            match PortRange::from_str(&ports.get_untracked()) {
                Ok(range) => Some(range),
                Err(message) => return problem.set(Some(message)),
            }
        } else {
            None
        };
        let other_side = match Peer::from_str(&peer.get_untracked()) {
            Ok(other_side) => other_side,
            Err(message) => return problem.set(Some(message)),
        };
        let rule = SecurityGroupRule {
            traffic: Traffic {
                protocol: chosen,
                ports: port_range,
            },
            peer: other_side,
            description: String::new(),
        };
        let group = group.clone();
        let mut refusal = None;
        let added = planner.edit(|p| {
            edit::add_security_group_rule(
                p,
                &group,
                direction.get_untracked(),
                rule,
            )
            .inspect_err(|error| refusal = Some(error.to_string()))
        });
        problem.set(refusal);
        if added {
            ports.set(String::new());
            peer.set(String::new());
        }
    };

    view! {
        <div class="add-sg-rule">
            <select
                aria-label="New rule direction"
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    if let Some(chosen) = Direction::BOTH.into_iter().find(|d| d.to_string() == text) {
                        direction.set(chosen);
                    }
                }
            >
                {Direction::BOTH
                    .into_iter()
                    .map(|choice| view! { <option value=choice.to_string()>{choice.to_string()}</option> })
                    .collect_view()}
            </select>
            <select
                aria-label="New rule protocol"
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    if let Some(chosen) = Protocol::EVERY.into_iter().find(|p| p.to_string() == text) {
                        protocol.set(chosen);
                    }
                }
            >
                {Protocol::EVERY
                    .into_iter()
                    .map(|choice| {
                        view! {
                            <option value=choice.to_string() prop:selected=move || protocol.get() == choice>
                                {choice.to_string()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <input
                type="text"
                aria-label="New rule ports"
                placeholder="443"
                prop:disabled=move || !protocol.get().has_ports()
                prop:value=ports
                on:input=move |ev| ports.set(event_target_value(&ev))
            />
            <input
                type="text"
                aria-label="New rule peer"
                placeholder="10.0.0.0/8, sg-..., pl-..."
                prop:value=peer
                on:input=move |ev| peer.set(event_target_value(&ev))
            />
            <button on:click=add>"Add rule"</button>
            <span class="field-problem" role="alert">{move || problem.get()}</span>
        </div>
    }
}
