//! The environment and its network intent: name, Region, internet access,
//! web server access, endpoint management, class and workers.

use leptos::prelude::*;
use mwaa_plan::region::REGIONS;
use mwaa_plan::{
    edit, EndpointManagement, Routing, WebserverAccess, ENVIRONMENT_CLASSES,
};

use crate::planner::use_planner;

/// The environment's settings.
#[component]
pub fn EnvironmentForm() -> impl IntoView {
    let planner = use_planner();
    let plan = planner.plan;
    let environment = move || plan.with(|p| p.environment.clone());

    // The switch states the intent only, so the findings show what the
    // network lacks for it; the button beside it rewires the network.
    let set_intent = move |internet: bool| {
        let routing = if internet {
            Routing::Public
        } else {
            Routing::Private
        };
        planner.update(|plan| plan.routing = routing);
    };
    let rewire = move |_| {
        let routing = plan.with(|p| p.routing);
        if planner.edit(|plan| edit::set_routing(plan, routing)) {
            planner.say(format!("Rewired the network for {routing}."));
        }
    };

    view! {
        <fieldset class="card">
            <legend>"Environment"</legend>
            <div class="fields">
                <label>
                    "Name"
                    <input
                        type="text"
                        prop:value=move || environment().name
                        on:change=move |ev| {
                            let name = event_target_value(&ev);
                            planner.update(|p| p.environment.name = name);
                        }
                    />
                </label>
                <label>
                    "Region"
                    <select on:change=move |ev| {
                        let region = event_target_value(&ev);
                        planner.update(|p| p.region = region);
                    }>
                        {REGIONS
                            .iter()
                            .map(|region| {
                                let code = region.code;
                                view! {
                                    <option
                                        value=code
                                        selected=move || plan.with(|p| p.region == code)
                                    >
                                        {format!("{} ({})", region.name, code)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <div class="routing">
                    <label class="check">
                        <input
                            type="checkbox"
                            prop:checked=move || plan.with(|p| p.routing == Routing::Public)
                            on:change=move |ev| set_intent(event_target_checked(&ev))
                        />
                        "Internet access allowed (public routing through NAT gateways)"
                    </label>
                    <button on:click=rewire>
                        {move || {
                            format!("Rewire the network for {}", plan.with(|p| p.routing))
                        }}
                    </button>
                </div>
                <label>
                    "Web server access"
                    <select on:change=move |ev| {
                        let access = match event_target_value(&ev).as_str() {
                            "public" => WebserverAccess::Public,
                            _ => WebserverAccess::Private,
                        };
                        planner.update(|p| p.environment.webserver_access = access);
                    }>
                        <option
                            value="private"
                            selected=move || {
                                environment().webserver_access == WebserverAccess::Private
                            }
                        >
                            "Private network (from inside the VPC)"
                        </option>
                        <option
                            value="public"
                            selected=move || {
                                environment().webserver_access == WebserverAccess::Public
                            }
                        >
                            "Public network (from the internet)"
                        </option>
                    </select>
                </label>
                <label>
                    "Endpoint management"
                    <select on:change=move |ev| {
                        let management = match event_target_value(&ev).as_str() {
                            "customer" => EndpointManagement::Customer,
                            _ => EndpointManagement::Service,
                        };
                        planner.update(|p| p.environment.endpoint_management = management);
                    }>
                        <option
                            value="service"
                            selected=move || {
                                environment().endpoint_management
                                    == EndpointManagement::Service
                            }
                        >
                            "Service (MWAA creates its endpoints)"
                        </option>
                        <option
                            value="customer"
                            selected=move || {
                                environment().endpoint_management
                                    == EndpointManagement::Customer
                            }
                        >
                            "Customer (you create them)"
                        </option>
                    </select>
                </label>
                <label>
                    "Environment class"
                    <select on:change=move |ev| {
                        let class = event_target_value(&ev);
                        planner.update(|p| p.environment.environment_class = class);
                    }>
                        {ENVIRONMENT_CLASSES
                            .iter()
                            .map(|class| {
                                let class = *class;
                                view! {
                                    <option
                                        value=class
                                        selected=move || environment().environment_class == class
                                    >
                                        {class}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    "Maximum workers"
                    <input
                        type="number"
                        min="1"
                        prop:value=move || environment().max_workers.to_string()
                        on:change=move |ev| {
                            match event_target_value(&ev).trim().parse::<u32>() {
                                Ok(count) => planner.update(|p| p.environment.max_workers = count),
                                Err(_) => {
                                    planner.problem(
                                        "Maximum workers must be a whole number".to_owned(),
                                    )
                                }
                            }
                        }
                    />
                </label>
            </div>
        </fieldset>
    }
}
