//! The subnets: name, Availability Zone, CIDR block (checked as typed),
//! usable addresses and whether the environment uses them.

use leptos::prelude::*;
use mwaa_plan::{cidr, edit, region, Subnet};

use crate::planner::use_planner;

/// The table of subnets with its add, carve and remove actions.
#[component]
pub fn SubnetsTable() -> impl IntoView {
    let planner = use_planner();
    let ids = move || {
        planner.plan.with(|p| {
            p.subnets.iter().map(|s| s.id.clone()).collect::<Vec<_>>()
        })
    };

    view! {
        <fieldset class="card">
            <legend>"Subnets"</legend>
            <table class="subnets">
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Zone"</th>
                        <th scope="col">"CIDR block"</th>
                        <th scope="col">"Usable"</th>
                        <th scope="col">"Environment"</th>
                        <th scope="col">
                            <span class="visually-hidden">"Actions"</span>
                        </th>
                    </tr>
                </thead>
                <tbody>
                    <For each=ids key=|id| id.clone() let:id>
                        <SubnetRow id=id/>
                    </For>
                </tbody>
            </table>
            <div class="actions">
                <button on:click=move |_| {
                    planner.edit(|p| edit::add_availability_zone(p).map(|_| ()));
                }>"Add a subnet in a new zone"</button>
                <button on:click=move |_| {
                    planner.edit(|p| edit::carve_subnets(p, edit::SUBNET_PREFIX));
                }>"Carve every subnet as a /24"</button>
            </div>
        </fieldset>
    }
}

/// One subnet's row.
#[component]
fn SubnetRow(
    /// The subnet's id.
    id: String,
) -> impl IntoView {
    let planner = use_planner();
    let plan = planner.plan;
    // Memos, so an edit elsewhere in the plan re-renders no cell here.
    let subnet = {
        let id = id.clone();
        Memo::new(move |_| {
            plan.with(|p| p.subnets.iter().find(|s| s.id == id).cloned())
        })
    };
    let field = move |read: fn(&Subnet) -> String| {
        move || subnet.with(|s| s.as_ref().map(read).unwrap_or_default())
    };
    let cidr_problem = RwSignal::new(None::<String>);
    let zones = Memo::new(move |_| {
        plan.with(|p| {
            region::find(&p.region)
                .map(|region| region.zones().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let in_environment = {
        let id = id.clone();
        Memo::new(move |_| plan.with(|p| p.environment.subnets.contains(&id)))
    };

    let edit_subnet = {
        let id = id.clone();
        move |change: Box<dyn FnOnce(&mut Subnet)>| {
            let id = id.clone();
            planner.update(move |p| {
                if let Some(subnet) = p.subnets.iter_mut().find(|s| s.id == id)
                {
                    change(subnet);
                }
            });
        }
    };
    let rename = edit_subnet.clone();
    let move_zone = edit_subnet.clone();
    let set_cidr = edit_subnet;
    let toggle_id = id.clone();
    let remove_id = id.clone();
    let select_id = id.clone();
    let selected = {
        let id = id.clone();
        move || planner.selected.get().as_deref() == Some(id.as_str())
    };
    let current_zone = field(|s| s.availability_zone.clone());

    view! {
        <tr data-part=id.clone() class:selected=selected on:focusin=move |_| planner.select(&select_id)>
            <td>
                <input
                    type="text"
                    aria-label="Subnet name"
                    prop:value=field(|s| s.name.clone())
                    on:change=move |ev| {
                        let name = event_target_value(&ev);
                        rename(Box::new(move |s| s.name = name));
                    }
                />
            </td>
            <td>
                <select
                    aria-label="Availability Zone"
                    on:change=move |ev| {
                        let zone = event_target_value(&ev);
                        move_zone(Box::new(move |s| s.availability_zone = zone));
                    }
                >
                    {move || {
                        let current = current_zone();
                        let mut zones = zones.get();
                        if !zones.contains(&current) {
                            zones.push(current.clone());
                        }
                        zones
                            .into_iter()
                            .map(|zone| {
                                let chosen = zone == current;
                                view! {
                                    <option value=zone.clone() selected=chosen>
                                        {zone.clone()}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </td>
            <td>
                <input
                    type="text"
                    class="cidr"
                    aria-label="CIDR block"
                    aria-invalid=move || cidr_problem.get().is_some().to_string()
                    prop:value=field(|s| s.cidr.to_string())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        cidr_problem.set(cidr::parse_block(&text).err());
                    }
                    on:change=move |ev| {
                        if let Ok(block) = cidr::parse_block(&event_target_value(&ev)) {
                            set_cidr(Box::new(move |s| s.cidr = block));
                        }
                    }
                />
                <span class="field-problem" role="alert">
                    {move || cidr_problem.get()}
                </span>
            </td>
            <td class="number">
                {field(|s| cidr::usable_addresses(s.cidr).to_string())}
            </td>
            <td>
                <input
                    type="checkbox"
                    aria-label="Used by the environment"
                    prop:checked=in_environment
                    on:change=move |ev| {
                        let used = event_target_checked(&ev);
                        let id = toggle_id.clone();
                        planner.update(move |p| {
                            p.environment.subnets.retain(|s| *s != id);
                            if used {
                                p.environment.subnets.push(id);
                            }
                        });
                    }
                />
            </td>
            <td>
                <button
                    class="quiet"
                    aria-label="Remove subnet"
                    on:click=move |_| {
                        let id = remove_id.clone();
                        planner.edit(move |p| edit::remove_subnet(p, &id));
                    }
                >
                    "Remove"
                </button>
            </td>
        </tr>
    }
}
