//! Rules: private routing, through VPC endpoints.
//!
//! Most of these rules run only when the plan's routing is private; the
//! endpoint-policy and duplicate private DNS rules, and the reminder about
//! reaching a private web server, hold for both routings.

use std::collections::HashSet;

use super::Rule;
use crate::fix::{Edit, Fix};
use crate::plan::{Endpoint, EndpointKind, Plan, RouteTable, Routing, Subnet};
use crate::service::{self, RequiredService};
use crate::topology::Topology;

mod endpoint_duplicate_private_dns;
mod endpoint_missing;
mod endpoint_policy_restricted;
mod endpoint_private_dns_off;
mod endpoint_security_group;
mod endpoint_subnet_missing;
mod internet_route_in_private_routing;
mod policy;
mod private_webserver_no_access_path;
mod s3_gateway_policy;
mod s3_gateway_route_table;

pub(super) const RULES: &[&Rule] = &[
    &internet_route_in_private_routing::RULE,
    &endpoint_missing::RULE,
    &endpoint_private_dns_off::RULE,
    &endpoint_subnet_missing::RULE,
    &endpoint_security_group::RULE,
    &s3_gateway_route_table::RULE,
    &s3_gateway_policy::RULE,
    &endpoint_policy_restricted::RULE,
    &endpoint_duplicate_private_dns::RULE,
    &private_webserver_no_access_path::RULE,
];

/// Whether the plan's routing is private.
fn is_private(topology: &Topology<'_>) -> bool {
    topology.plan.routing == Routing::Private
}

/// The required service an endpoint serves, if it serves one: S3 by an
/// endpoint of either kind, the others by interface endpoints only. `None`
/// as well when the Region is unknown.
fn required_service_of(
    topology: &Topology<'_>,
    endpoint: &Endpoint,
) -> Option<&'static RequiredService> {
    let region = topology.region?;
    service::required(region).find(|required| serves(endpoint, required))
}

/// Whether `endpoint` serves `required`.
fn serves(endpoint: &Endpoint, required: &RequiredService) -> bool {
    let kind_fits = required.kind == EndpointKind::Gateway
        || endpoint.kind == EndpointKind::Interface;
    kind_fits && service::serves(&endpoint.service, required.service)
}

/// The interface endpoints of required services.
fn required_interface_endpoints<'t, 'p>(
    topology: &'t Topology<'p>,
) -> impl Iterator<Item = &'p Endpoint> + 't {
    topology
        .interface_endpoints()
        .filter(|endpoint| required_service_of(topology, endpoint).is_some())
}

/// The plan's S3 gateway endpoints.
fn s3_gateways<'t, 'p>(
    topology: &'t Topology<'p>,
) -> impl Iterator<Item = &'p Endpoint> + 't {
    topology
        .endpoints_for("s3")
        .filter(|endpoint| endpoint.kind == EndpointKind::Gateway)
}

/// Ids quoted and joined: `'a', 'b' and 'c'`.
fn quoted<S: AsRef<str>>(ids: &[S]) -> String {
    let quoted: Vec<String> =
        ids.iter().map(|id| format!("'{}'", id.as_ref())).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// `one` or `many`, to go with `count` things.
fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 { one } else { many }.to_owned()
}

/// Ids new to the plan and to each other, one per base: the base itself
/// when free, otherwise `base-2`, `base-3`, ...
fn new_ids(
    plan: &Plan,
    bases: impl IntoIterator<Item = String>,
) -> Vec<String> {
    let mut taken: HashSet<String> = plan.ids().map(str::to_owned).collect();
    let mut ids = Vec::new();
    for base in bases {
        let mut id = base.clone();
        let mut n = 2;
        while taken.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        taken.insert(id.clone());
        ids.push(id);
    }
    ids
}

/// A short form of a subnet id for building other ids: `subnet-app-1`
/// gives `app-1`.
fn short_id(subnet: &Subnet) -> &str {
    subnet.id.strip_prefix("subnet-").unwrap_or(&subnet.id)
}

/// The edits that attach an S3 gateway endpoint to the route table of
/// every env subnet no S3 gateway serves yet, and then put it. An env
/// subnet on the VPC's main route table, which the plan cannot attach to,
/// first gets a route table of its own with no routes.
fn attach_s3_gateway(topology: &Topology<'_>, mut endpoint: Endpoint) -> Fix {
    let mut edits = Vec::new();
    let mut tableless = Vec::new();
    for subnet in topology.env_subnets() {
        match &subnet.route_table {
            None => tableless.push(subnet),
            Some(table) if topology.route_table(table).is_none() => {}
            Some(table) => {
                let attached = endpoint.route_tables.contains(table)
                    || s3_gateways(topology)
                        .any(|other| other.route_tables.contains(table));
                if !attached {
                    endpoint.route_tables.push(table.clone());
                }
            }
        }
    }

    let bases = tableless.iter().map(|s| format!("rtb-{}", short_id(s)));
    let ids = new_ids(topology.plan, bases);
    for (subnet, id) in tableless.into_iter().zip(ids) {
        edits.push(Edit::Put(
            RouteTable {
                id: id.clone(),
                name: subnet.name.clone(),
                routes: Vec::new(),
            }
            .into(),
        ));
        let mut subnet = subnet.clone();
        subnet.route_table = Some(id.clone());
        edits.push(Edit::Put(subnet.into()));
        endpoint.route_tables.push(id);
    }
    edits.push(Edit::Put(endpoint.into()));
    Fix { edits }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Finding, Severity};
    use crate::plan::{EndpointPolicy, RouteTarget};
    use crate::presets::{self, Preset};
    use crate::recommended::default_route;
    use crate::testing::run;

    /// The group's errors and warnings about a plan.
    fn problems(plan: &Plan) -> Vec<Finding> {
        RULES
            .iter()
            .flat_map(|rule| run(rule, plan))
            .filter(|finding| finding.severity != Severity::Info)
            .collect()
    }

    #[test]
    fn presets_pass_the_group() {
        for preset in Preset::ALL {
            let found = problems(&presets::build(preset));
            assert!(found.is_empty(), "{preset:?}: {found:#?}");
        }
    }

    /// Breaks a private plan in many ways at once, then applies the
    /// group's fixes one at a time, checking again after each: no fix may
    /// undo another's work.
    #[test]
    fn fixes_mend_a_broken_plan_together() {
        let mut plan = presets::build(Preset::PrivateExistingVpc);
        plan.vpc.dns_hostnames = false;
        plan.environment.dag_bucket = Some("corp-dags".to_owned());
        let nat = default_route(RouteTarget::NatGateway("nat-1".to_owned()));
        plan.route_tables[0].routes.push(nat);
        plan.subnets[1].route_table = None;
        plan.endpoints.retain(|endpoint| endpoint.service != "logs");
        for endpoint in &mut plan.endpoints {
            endpoint.private_dns = false;
            endpoint.subnets.truncate(1);
            endpoint.security_groups.clear();
            endpoint.policy = EndpointPolicy::Custom(serde_json::json!({
                "Statement": {"Effect": "Allow", "Action": "s3:PutObject",
                              "Resource": "*"}}));
        }

        for _ in 0..40 {
            let found = problems(&plan);
            let Some(fix) = found.iter().find_map(|f| f.fix.clone()) else {
                assert!(found.is_empty(), "left: {found:#?}");
                return;
            };
            plan.apply(&fix).expect("the fix applies");
        }
        panic!("the fixes did not converge: {:#?}", problems(&plan));
    }

    #[test]
    fn quoted_cases() {
        let cases: [(&[&str], &str); 4] = [
            (&[], ""),
            (&["a"], "'a'"),
            (&["a", "b"], "'a' and 'b'"),
            (&["a", "b", "c"], "'a', 'b' and 'c'"),
        ];
        for (ids, expected) in cases {
            assert_eq!(quoted(ids), expected);
        }
    }

    #[test]
    fn new_ids_avoid_the_plan_and_each_other() {
        let plan = crate::presets::build(crate::presets::Preset::PrivateNewVpc);
        let bases = ["rtb-private", "rtb-x", "rtb-x"].map(str::to_owned);
        assert_eq!(
            new_ids(&plan, bases),
            ["rtb-private-2", "rtb-x", "rtb-x-2"]
        );
    }
}
