//! Which subnets use a route table or a network ACL: a checkbox per
//! subnet, shared by the routing and network ACL panels.

use std::collections::HashMap;

use leptos::prelude::*;
use mwaa_plan::Subnet;

use crate::planner::use_planner;

/// The part a subnet is associated with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Association {
    /// Its route table; unticked, the VPC's main route table.
    RouteTable,
    /// Its network ACL; unticked, the VPC's default network ACL.
    NetworkAcl,
}

impl Association {
    fn of(self, subnet: &Subnet) -> Option<&str> {
        match self {
            Association::RouteTable => subnet.route_table.as_deref(),
            Association::NetworkAcl => subnet.network_acl.as_deref(),
        }
    }

    fn slot(self, subnet: &mut Subnet) -> &mut Option<String> {
        match self {
            Association::RouteTable => &mut subnet.route_table,
            Association::NetworkAcl => &mut subnet.network_acl,
        }
    }
}

/// A checkbox per subnet, ticked when the subnet uses `part`.
#[component]
pub fn SubnetAssociations(
    /// The id of the route table or network ACL.
    part: String,
    /// Which of the two it is.
    association: Association,
) -> impl IntoView {
    let planner = use_planner();
    let ids = move || {
        planner.plan.with(|p| {
            p.subnets.iter().map(|s| s.id.clone()).collect::<Vec<_>>()
        })
    };
    // One pass over the subnets per edit for the whole list, rather than
    // one per checkbox.
    let rows = {
        let part = part.clone();
        Memo::new(move |_| {
            planner.plan.with(|p| {
                p.subnets
                    .iter()
                    .map(|s| {
                        let label =
                            format!("{} ({})", s.name, s.availability_zone);
                        let used = association.of(s) == Some(part.as_str());
                        (s.id.clone(), (label, used))
                    })
                    .collect::<HashMap<_, _>>()
            })
        })
    };
    let label = format!("Subnets using {part}");

    view! {
        <div class="associations" role="group" aria-label=label>
            <span class="associations-title">"Subnets"</span>
            <For
                each=ids
                key=|id| id.clone()
                children=move |subnet| {
                    view! {
                        <SubnetCheck
                            subnet=subnet
                            part=part.clone()
                            association=association
                            rows=rows
                        />
                    }
                }
            />
        </div>
    }
}

/// One subnet's checkbox.
#[component]
fn SubnetCheck(
    /// The subnet's id.
    subnet: String,
    /// The id of the route table or network ACL.
    part: String,
    /// Which of the two it is.
    association: Association,
    /// Every subnet's label and whether it uses the part, by subnet id.
    rows: Memo<HashMap<String, (String, bool)>>,
) -> impl IntoView {
    let planner = use_planner();
    let row = {
        let subnet = subnet.clone();
        Memo::new(move |_| rows.with(|rows| rows.get(&subnet).cloned()))
    };
    let set = move |ev| {
        let used = event_target_checked(&ev);
        let subnet = subnet.clone();
        let part = part.clone();
        planner.update(move |p| {
            let Some(found) = p.subnets.iter_mut().find(|s| s.id == subnet)
            else {
                return;
            };
            let slot = association.slot(found);
            if used {
                *slot = Some(part);
            } else if slot.as_deref() == Some(part.as_str()) {
                *slot = None;
            }
        });
    };

    view! {
        <label class="check">
            <input
                type="checkbox"
                prop:checked=move || row.with(|r| r.as_ref().is_some_and(|r| r.1))
                on:change=set
            />
            {move || row.with(|r| r.as_ref().map(|r| r.0.clone()))}
        </label>
    }
}
