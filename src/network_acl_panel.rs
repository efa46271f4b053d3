//! Network ACLs: for each, the subnets that use it and its numbered rules
//! in each direction, in the order AWS reads them, ending with the final
//! `*` rule that denies everything.

use std::str::FromStr;

use leptos::prelude::*;
use mwaa_plan::network_acl::{self, Action, Direction, NetworkAclRule};
use mwaa_plan::{cidr, edit, PortRange, Protocol, Traffic};

use crate::part_block::{PartBlock, PartHead};
use crate::planner::use_planner;
use crate::subnet_associations::{Association, SubnetAssociations};

/// Every network ACL of the plan.
#[component]
pub fn NetworkAclPanel() -> impl IntoView {
    let planner = use_planner();
    let ids = move || {
        planner.plan.with(|p| {
            p.network_acls
                .iter()
                .map(|a| a.id.clone())
                .collect::<Vec<_>>()
        })
    };

    view! {
        <fieldset class="card">
            <legend>"Network ACLs"</legend>
            <For each=ids key=|id| id.clone() let:id>
                <NetworkAclView id=id/>
            </For>
            <div class="actions">
                <button on:click=move |_| {
                    planner.update(|p| {
                        edit::add_network_acl(p);
                    })
                }>"Add a network ACL"</button>
            </div>
        </fieldset>
    }
}

/// One network ACL.
#[component]
fn NetworkAclView(
    /// The network ACL's id.
    id: String,
) -> impl IntoView {
    let planner = use_planner();
    let name = {
        let id = id.clone();
        Memo::new(move |_| {
            planner.plan.with(|p| {
                p.network_acls
                    .iter()
                    .find(|a| a.id == id)
                    .map(|a| a.name.clone())
                    .unwrap_or_default()
            })
        })
    };
    view! {
        <PartBlock id=id.clone() class="network-acl">
            <PartHead
                id=id.clone()
                kind="Network ACL"
                name=name
                remove=edit::remove_network_acl
            />
            <SubnetAssociations part=id.clone() association=Association::NetworkAcl/>
            {Direction::BOTH
                .into_iter()
                .map(|direction| view! { <AclRules acl=id.clone() direction=direction/> })
                .collect_view()}
        </PartBlock>
    }
}

/// The rules of one direction, the final `*` rule and a row to add one.
#[component]
fn AclRules(
    /// The network ACL's id.
    acl: String,
    /// Inbound or outbound.
    direction: Direction,
) -> impl IntoView {
    let planner = use_planner();
    let rules = {
        let acl = acl.clone();
        move || {
            planner.plan.with(|p| {
                p.network_acls
                    .iter()
                    .find(|a| a.id == acl)
                    .map(|a| {
                        a.rules_in_order(direction)
                            .into_iter()
                            .cloned()
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        }
    };
    let (caption, peer) = match direction {
        Direction::Inbound => ("Inbound rules", "Source"),
        Direction::Outbound => ("Outbound rules", "Destination"),
    };
    let row_acl = acl.clone();

    view! {
        <table class="acl-rules">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Rule"</th>
                    <th scope="col">"Action"</th>
                    <th scope="col">"Protocol"</th>
                    <th scope="col">"Ports"</th>
                    <th scope="col">{peer}</th>
                    <th scope="col">
                        <span class="visually-hidden">"Actions"</span>
                    </th>
                </tr>
            </thead>
            <tbody>
                <For
                    each=rules
                    key=|rule| format!("{rule:?}")
                    children=move |rule| {
                        view! { <AclRuleRow acl=row_acl.clone() direction=direction rule=rule/> }
                    }
                />
                <tr class="implicit">
                    <td class="number">"*"</td>
                    <td>{Action::Deny.to_string()}</td>
                    <td>{Protocol::All.to_string()}</td>
                    <td>"all"</td>
                    <td>"0.0.0.0/0"</td>
                    <td class="muted">"always last"</td>
                </tr>
            </tbody>
            <tfoot>
                <AddAclRule acl=acl direction=direction/>
            </tfoot>
        </table>
    }
}

/// One numbered rule.
#[component]
fn AclRuleRow(
    /// The network ACL's id.
    acl: String,
    /// Inbound or outbound.
    direction: Direction,
    /// The rule.
    rule: NetworkAclRule,
) -> impl IntoView {
    let planner = use_planner();
    let number = rule.number;
    let ports = match rule.traffic.ports {
        Some(ports) if rule.traffic.protocol.has_ports() => ports.to_string(),
        _ => "all".to_owned(),
    };

    view! {
        <tr>
            <td class="number">{number}</td>
            <td class=format!("action {}", rule.action)>{rule.action.to_string()}</td>
            <td>{rule.traffic.protocol.to_string()}</td>
            <td>{ports}</td>
            <td>
                <code>{rule.cidr.to_string()}</code>
            </td>
            <td>
                <button
                    class="quiet"
                    aria-label=format!("Remove {direction} rule {number}")
                    on:click=move |_| {
                        let acl = acl.clone();
                        planner
                            .edit(move |p| {
                                edit::remove_network_acl_rule(p, &acl, direction, number)
                            });
                    }
                >
                    "Remove"
                </button>
            </td>
        </tr>
    }
}

/// The row that adds a rule: number, action, protocol, ports and CIDR,
/// each checked as typed.
#[component]
fn AddAclRule(
    /// The network ACL's id.
    acl: String,
    /// Inbound or outbound.
    direction: Direction,
) -> impl IntoView {
    let planner = use_planner();
    let number = RwSignal::new(String::new());
    let number_problem = RwSignal::new(None::<String>);
    let action = RwSignal::new(Action::Allow);
    let protocol = RwSignal::new(Protocol::Tcp);
    let ports = RwSignal::new(String::new());
    let ports_problem = RwSignal::new(None::<String>);
    let block = RwSignal::new(String::new());
    let block_problem = RwSignal::new(None::<String>);

    let add = move |_| {
        let parsed_number =
            network_acl::parse_rule_number(&number.get_untracked());
        let parsed_ports = if protocol.get_untracked().has_ports() {
            PortRange::from_str(&ports.get_untracked()).map(Some)
        } else {
            Ok(None)
        };
        let parsed_block = cidr::parse_block(&block.get_untracked());
        number_problem.set(parsed_number.clone().err());
        ports_problem.set(parsed_ports.clone().err());
        block_problem.set(parsed_block.clone().err());
        let (Ok(number_value), Ok(port_range), Ok(cidr)) =
            (parsed_number, parsed_ports, parsed_block)
        else {
            return;
        };

        let rule = NetworkAclRule {
            number: number_value,
            action: action.get_untracked(),
            traffic: Traffic {
                protocol: protocol.get_untracked(),
                ports: port_range,
            },
            cidr,
        };
        let acl = acl.clone();
        let mut refusal = None;
        let added = planner.edit(|p| {
            edit::add_network_acl_rule(p, &acl, direction, rule)
                .inspect_err(|error| refusal = Some(error.to_string()))
        });
        if added {
            number.set(String::new());
        } else {
            number_problem.set(refusal);
        }
    };
    let no_ports = Signal::derive(move || !protocol.get().has_ports());

    view! {
        <tr class="add-rule">
            <td>
                <CheckedField
                    class="rule-number"
                    numeric=true
                    label=format!("New {direction} rule number")
                    placeholder="100"
                    value=number
                    problem=number_problem
                    check=|t| network_acl::parse_rule_number(t).err()
                />
            </td>
            <td>
                <select
                    aria-label=format!("New {direction} rule action")
                    on:change=move |ev| {
                        let text = event_target_value(&ev);
                        if let Some(chosen) = Action::BOTH.into_iter().find(|a| a.to_string() == text) {
                            action.set(chosen);
                        }
                    }
                >
                    {Action::BOTH
                        .into_iter()
                        .map(|choice| {
                            view! {
                                <option
                                    value=choice.to_string()
                                    prop:selected=move || action.get() == choice
                                >
                                    {choice.to_string()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </td>
            <td>
                <select
                    aria-label=format!("New {direction} rule protocol")
                    on:change=move |ev| {
                        let text = event_target_value(&ev);
                        if let Some(chosen) = Protocol::EVERY.into_iter().find(|p| p.to_string() == text) {
                            protocol.set(chosen);
                            if !chosen.has_ports() {
                                ports_problem.set(None);
                            }
                        }
                    }
                >
                    {Protocol::EVERY
                        .into_iter()
                        .map(|choice| {
                            view! {
                                <option
                                    value=choice.to_string()
                                    prop:selected=move || protocol.get() == choice
                                >
                                    {choice.to_string()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </td>
            <td>
                <CheckedField
                    class="ports"
                    label=format!("New {direction} rule ports")
                    placeholder="443 or 1024-65535"
                    value=ports
                    problem=ports_problem
                    check=|t| PortRange::from_str(t).err()
                    disabled=no_ports
                />
            </td>
            <td>
                <CheckedField
                    class="cidr"
                    label=format!("New {direction} rule CIDR block")
                    placeholder="0.0.0.0/0"
                    value=block
                    problem=block_problem
                    check=|t| cidr::parse_block(t).err()
                />
            </td>
            <td>
                <button on:click=add>"Add rule"</button>
            </td>
        </tr>
    }
}

/// A text field checked as it is typed, its problem shown beside it.
#[component]
fn CheckedField(
    /// The field's class.
    class: &'static str,
    /// The field's accessible label.
    label: String,
    /// An example of what to type.
    placeholder: &'static str,
    /// The text typed.
    value: RwSignal<String>,
    /// What is wrong with it, if anything.
    problem: RwSignal<Option<String>>,
    /// The check: the problem with a text, if any.
    check: fn(&str) -> Option<String>,
    /// Whether the field takes a number (a numeric keyboard on phones).
    #[prop(optional)]
    numeric: bool,
    /// Whether the field is disabled.
    #[prop(optional)]
    disabled: Option<Signal<bool>>,
) -> impl IntoView {
    view! {
        <input
            type="text"
            class=class
            inputmode=numeric.then_some("numeric")
            aria-label=label
            placeholder=placeholder
            prop:disabled=move || disabled.is_some_and(|d| d.get())
            aria-invalid=move || problem.get().is_some().to_string()
            prop:value=value
            on:input=move |ev| {
                let text = event_target_value(&ev);
                problem.set(if text.trim().is_empty() { None } else { check(&text) });
                value.set(text);
            }
        />
        <span class="field-problem" role="alert">
            {move || problem.get()}
        </span>
    }
}
