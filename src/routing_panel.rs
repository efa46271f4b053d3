//! Routing: the internet gateway, the NAT gateways, and the route tables
//! with the subnets that use them and their routes.

use leptos::prelude::*;
use mwaa_plan::{cidr, edit, Destination, NatGateway, Route, RouteTarget};

use crate::part_block::{PartBlock, PartHead};
use crate::planner::use_planner;
use crate::subnet_associations::{Association, SubnetAssociations};

/// The value of the target menu's "other" choice; every other choice is a
/// target's `Display`, which names its id.
const OTHER: &str = "other";

/// The internet gateway, NAT gateways and route tables.
#[component]
pub fn RoutingPanel() -> impl IntoView {
    view! {
        <fieldset class="card routing-panel">
            <legend>"Routing"</legend>
            <h3 class="part-kind">"Internet gateway"</h3>
            <InternetGatewayView/>
            <h3 class="part-kind">"NAT gateways"</h3>
            <NatGateways/>
            <h3 class="part-kind">"Route tables"</h3>
            <RouteTables/>
        </fieldset>
    }
}

/// The internet gateway, or a button to add one.
#[component]
fn InternetGatewayView() -> impl IntoView {
    let planner = use_planner();
    let gateway =
        Memo::new(move |_| planner.plan.with(|p| p.internet_gateway.clone()));

    move || match gateway.get() {
        Some(gateway) => {
            let id = gateway.id.clone();
            view! {
                <div
                    class="part-block"
                    data-part=gateway.id.clone()
                    on:focusin=move |_| planner.select(&id)
                >
                    <p class="part-line">
                        "Attached to the VPC: " <strong>{gateway.name}</strong>
                        <span class="muted">{format!(" ({})", gateway.id)}</span>
                    </p>
                    <button on:click=move |_| planner.update(edit::remove_internet_gateway)>
                        "Remove the internet gateway"
                    </button>
                </div>
            }
                .into_any()
        }
        None => view! {
            <div class="part-block">
                <p class="part-line muted">
                    "None: no subnet can route to the internet directly."
                </p>
                <button on:click=move |_| {
                    planner.update(|p| {
                        edit::add_internet_gateway(p);
                    })
                }>"Add an internet gateway"</button>
            </div>
        }
        .into_any(),
    }
}

/// Every subnet as a menu choice: its id and "name (zone)".
fn subnet_choices() -> Memo<Vec<(String, String)>> {
    let planner = use_planner();
    Memo::new(move |_| {
        planner.plan.with(|p| {
            p.subnets
                .iter()
                .map(|s| {
                    (
                        s.id.clone(),
                        format!("{} ({})", s.name, s.availability_zone),
                    )
                })
                .collect()
        })
    })
}

/// The NAT gateways, and a way to add one.
#[component]
fn NatGateways() -> impl IntoView {
    let planner = use_planner();
    let ids = move || {
        planner.plan.with(|p| {
            p.nat_gateways
                .iter()
                .map(|n| n.id.clone())
                .collect::<Vec<_>>()
        })
    };
    let subnets = subnet_choices();
    let chosen = RwSignal::new(None::<String>);
    let add = move |_| {
        let subnet = chosen.get_untracked().or_else(|| {
            subnets.with_untracked(|s| s.first().map(|s| s.0.clone()))
        });
        if let Some(subnet) = subnet {
            planner
                .edit(move |p| edit::add_nat_gateway(p, &subnet).map(|_| ()));
        }
    };

    view! {
        <For each=ids key=|id| id.clone() let:id>
            <NatGatewayView id=id/>
        </For>
        <div class="add-row">
            <label>
                "Subnet for a new NAT gateway"
                <select
                    aria-label="Subnet for a new NAT gateway"
                    on:change=move |ev| chosen.set(Some(event_target_value(&ev)))>
                    {move || {
                        subnets
                            .get()
                            .into_iter()
                            .map(|(id, label)| {
                                let picked = chosen.with(|c| c.as_ref() == Some(&id));
                                view! {
                                    <option value=id prop:selected=picked>
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <button on:click=add>"Add a NAT gateway"</button>
        </div>
    }
}

/// One NAT gateway: its name, subnet and Elastic IP.
#[component]
fn NatGatewayView(
    /// The NAT gateway's id.
    id: String,
) -> impl IntoView {
    let planner = use_planner();
    let nat = {
        let id = id.clone();
        Memo::new(move |_| {
            planner
                .plan
                .with(|p| p.nat_gateways.iter().find(|n| n.id == id).cloned())
        })
    };
    let subnets = subnet_choices();
    let field = move |read: fn(&NatGateway) -> String| {
        move || nat.with(|n| n.as_ref().map(read).unwrap_or_default())
    };
    let edit_nat = {
        let id = id.clone();
        move |change: Box<dyn FnOnce(&mut NatGateway)>| {
            let id = id.clone();
            planner.update(move |p| {
                if let Some(nat) =
                    p.nat_gateways.iter_mut().find(|n| n.id == id)
                {
                    change(nat);
                }
            });
        }
    };
    let move_nat = edit_nat.clone();
    let set_elastic_ip = edit_nat;
    let rename_id = id.clone();
    let remove_id = id.clone();
    let current_subnet = field(|n| n.subnet.clone());

    view! {
        <PartBlock id=id.clone() class="nat-gateway">
            <div class="add-row">
                <label>
                    "NAT gateway name"
                    <input
                        type="text"
                        prop:value=field(|n| n.name.clone())
                        on:change=move |ev| {
                            let name = event_target_value(&ev);
                            let id = rename_id.clone();
                            planner.edit(move |p| edit::rename(p, &id, &name));
                        }
                    />
                </label>
                <label>
                    "Subnet"
                    <select
                        aria-label="Subnet"
                        on:change=move |ev| {
                        let subnet = event_target_value(&ev);
                        move_nat(Box::new(move |n| n.subnet = subnet));
                    }>
                        {move || {
                            let current = current_subnet();
                            subnets
                                .get()
                                .into_iter()
                                .map(|(id, label)| {
                                    let picked = id == current;
                                    view! {
                                        <option value=id prop:selected=picked>
                                            {label}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || nat.with(|n| n.as_ref().is_some_and(|n| n.elastic_ip))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            set_elastic_ip(Box::new(move |n| n.elastic_ip = on));
                        }
                    />
                    "Elastic IP (public NAT gateway)"
                </label>
                <button
                    class="quiet"
                    aria-label=format!("Remove NAT gateway {id}")
                    on:click=move |_| {
                        let id = remove_id.clone();
                        planner.edit(move |p| edit::remove_nat_gateway(p, &id));
                    }
                >
                    "Remove"
                </button>
            </div>
        </PartBlock>
    }
}

/// The route tables, and a button to add one.
#[component]
fn RouteTables() -> impl IntoView {
    let planner = use_planner();
    let ids = move || {
        planner.plan.with(|p| {
            p.route_tables
                .iter()
                .map(|t| t.id.clone())
                .collect::<Vec<_>>()
        })
    };

    view! {
        <For each=ids key=|id| id.clone() let:id>
            <RouteTableView id=id/>
        </For>
        <div class="actions">
            <button on:click=move |_| {
                planner.update(|p| {
                    edit::add_route_table(p);
                })
            }>"Add a route table"</button>
        </div>
    }
}

/// One route table: its name, its subnets, its routes and a row to add
/// one.
#[component]
fn RouteTableView(
    /// The route table's id.
    id: String,
) -> impl IntoView {
    let planner = use_planner();
    let plan = planner.plan;
    let name = {
        let id = id.clone();
        Memo::new(move |_| {
            plan.with(|p| {
                p.route_tables
                    .iter()
                    .find(|t| t.id == id)
                    .map(|t| t.name.clone())
                    .unwrap_or_default()
            })
        })
    };
    let routes = {
        let id = id.clone();
        move || {
            plan.with(|p| {
                let table = p.route_tables.iter().find(|t| t.id == id);
                table
                    .iter()
                    .flat_map(|t| t.routes.iter())
                    .map(|route| {
                        let target = edit::route_target_label(p, &route.target);
                        (route.destination.clone(), target)
                    })
                    .collect::<Vec<_>>()
            })
        }
    };
    let local_blocks = move || {
        plan.with(|p| {
            p.vpc_blocks()
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        })
    };
    let route_table_id = id.clone();
    let add_route_id = id.clone();

    view! {
        <PartBlock id=id.clone() class="route-table">
            <PartHead
                id=id.clone()
                kind="Route table"
                name=name
                remove=edit::remove_route_table
            />
            <SubnetAssociations part=id.clone() association=Association::RouteTable/>
            <ul class="routes" aria-label=format!("Routes of {id}")>
                {move || {
                    local_blocks()
                        .into_iter()
                        .map(|block| {
                            view! {
                                <li class="route implicit">
                                    <code>{block}</code>
                                    <span aria-hidden="true">" \u{2192} "</span>
                                    <span class="visually-hidden">" to "</span>
                                    "local"
                                    <span class="muted">" (every route table has it)"</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
                <For
                    each=routes
                    key=|(destination, target)| (destination.to_string(), target.clone())
                    children=move |(destination, target)| {
                        let table = route_table_id.clone();
                        let shown = destination.to_string();
                        view! {
                            <li class="route">
                                <code>{shown.clone()}</code>
                                <span aria-hidden="true">" \u{2192} "</span>
                                <span class="visually-hidden">" to "</span>
                                {target}
                                <button
                                    class="quiet"
                                    aria-label=format!("Remove the route for {shown}")
                                    on:click=move |_| {
                                        let table = table.clone();
                                        let destination = destination.clone();
                                        planner
                                            .edit(move |p| edit::remove_route(p, &table, &destination));
                                    }
                                >
                                    "Remove"
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
            <AddRoute table=add_route_id/>
        </PartBlock>
    }
}

/// The row that adds a route to a table, or replaces the route for the
/// same destination.
#[component]
fn AddRoute(
    /// The route table's id.
    table: String,
) -> impl IntoView {
    let planner = use_planner();
    let destination = RwSignal::new(String::new());
    let destination_problem = RwSignal::new(None::<String>);
    let choice = RwSignal::new(RouteTarget::Local.to_string());
    let described = RwSignal::new(String::new());
    let targets = Memo::new(move |_| {
        planner.plan.with(|p| {
            edit::route_targets(p)
                .into_iter()
                .map(|target| {
                    let label = edit::route_target_label(p, &target);
                    (target, label)
                })
                .collect::<Vec<_>>()
        })
    });

    let add = move |_| {
        let block = match cidr::parse_block(&destination.get_untracked()) {
            Ok(block) => block,
            Err(problem) => {
                destination_problem.set(Some(problem));
                return;
            }
        };
        let chosen = choice.get_untracked();
        let target = if chosen == OTHER {
            RouteTarget::Other(described.get_untracked().trim().to_owned())
        } else {
            targets
                .with_untracked(|t| {
                    t.iter().find(|(t, _)| t.to_string() == chosen).cloned()
                })
                .map_or(RouteTarget::Local, |(target, _)| target)
        };
        let route = Route {
            destination: Destination::Cidr(block),
            target,
        };
        let table = table.clone();
        if planner.edit(move |p| edit::put_route(p, &table, route)) {
            destination.set(String::new());
        }
    };

    view! {
        <div class="add-row">
            <label>
                "Destination"
                <input
                    type="text"
                    class="cidr"
                    placeholder="0.0.0.0/0"
                    aria-invalid=move || destination_problem.get().is_some().to_string()
                    prop:value=destination
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        let problem = if text.trim().is_empty() {
                            None
                        } else {
                            cidr::parse_block(&text).err()
                        };
                        destination_problem.set(problem);
                        destination.set(text);
                    }
                />
                <span class="field-problem" role="alert">
                    {move || destination_problem.get()}
                </span>
            </label>
            <label>
                "Target"
                <select
                    aria-label="Target"
                    on:change=move |ev| choice.set(event_target_value(&ev))>
                    {move || {
                        targets
                            .get()
                            .into_iter()
                            .map(|(target, label)| {
                                let value = target.to_string();
                                let picked = choice.with(|c| *c == value);
                                view! {
                                    <option value=value prop:selected=picked>
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                    <option value=OTHER prop:selected=move || choice.with(|c| c == OTHER)>
                        "other (describe it)"
                    </option>
                </select>
            </label>
            <Show when=move || choice.with(|c| c == OTHER)>
                <label>
                    "Other target"
                    <input
                        type="text"
                        placeholder="transit gateway to the corporate network"
                        prop:value=described
                        on:input=move |ev| described.set(event_target_value(&ev))
                    />
                </label>
            </Show>
            <button on:click=add>"Add route"</button>
        </div>
    }
}
