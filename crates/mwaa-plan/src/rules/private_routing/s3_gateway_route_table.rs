//! `s3-gateway-route-table`: under private routing, the S3 gateway
//! endpoint is on the route tables of both env subnets.

use super::{attach_s3_gateway, is_private, s3_gateways};
use crate::finding::{Finding, Severity};
use crate::plan::{Endpoint, EndpointKind, Subnet};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: under private routing, when S3 is reached through a
/// gateway endpoint, checks that the endpoint is attached to the route
/// table of each env subnet.
///
/// Why: a gateway endpoint works by adding a route for S3's prefix list to
/// the route tables it is attached to; a subnet whose table lacks that
/// route has no way to S3.
pub(crate) const RULE: Rule = Rule {
    code: "N306",
    name: "s3-gateway-route-table",
    severity: Severity::Error,
    summary: "Under private routing, the S3 gateway endpoint is attached \
        to the route tables of both env subnets.",
    explanation: "A gateway endpoint is not a network interface: it is a \
        route, added to each route table the endpoint is attached to, \
        that sends S3's addresses to the endpoint. An env subnet whose \
        route table does not carry it cannot reach S3, so the environment \
        cannot read its DAGs or pull the layers of its images. For \
        example, an S3 endpoint attached to 'rtb-a' only, while the \
        second env subnet uses 'rtb-b', fails half of the environment: \
        attach it to 'rtb-b' as well. An env subnet left on the VPC's \
        main route table cannot be fixed in the plan, which does not \
        model that table: give the subnet a route table of its own and \
        attach the endpoint to it. When S3 is reached through an \
        interface endpoint instead, this rule does not apply.",
    known_problems: "The VPC's main route table is not modelled, so an \
        endpoint attached to it outside the plan is not seen.",
    docs: "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    if !is_private(topology) || has_s3_interface(topology) {
        return;
    }
    let Some(endpoint) = s3_gateways(topology).next() else {
        return;
    };
    let unattached: Vec<&Subnet> = topology
        .env_subnets()
        .filter(|subnet| !is_attached(topology, subnet))
        .collect();
    if !unattached.is_empty() {
        findings.push(finding(topology, endpoint, &unattached));
    }
}

fn has_s3_interface(topology: &Topology<'_>) -> bool {
    topology
        .endpoints_for("s3")
        .any(|endpoint| endpoint.kind == EndpointKind::Interface)
}

/// Whether an S3 gateway endpoint is on the subnet's route table. A
/// subnet naming a route table the plan does not hold counts as attached:
/// dangling-reference reports it.
fn is_attached(topology: &Topology<'_>, subnet: &Subnet) -> bool {
    let Some(table) = &subnet.route_table else {
        return false;
    };
    if topology.route_table(table).is_none() {
        return true;
    }
    s3_gateways(topology).any(|endpoint| endpoint.route_tables.contains(table))
}

fn finding(
    topology: &Topology<'_>,
    endpoint: &Endpoint,
    unattached: &[&Subnet],
) -> Finding {
    let reasons: Vec<String> =
        unattached.iter().map(|subnet| reason(subnet)).collect();
    let message = format!(
        "S3 gateway endpoint '{}' is not on the route table of {}; an env \
         subnet without the endpoint's route cannot reach S3",
        endpoint.id,
        reasons.join(", nor of "),
    );
    let main_table = unattached.iter().any(|s| s.route_table.is_none());
    let title = if main_table {
        "Give the env subnets route tables of their own and attach the S3 \
         endpoint to them"
    } else {
        "Attach the S3 endpoint to the env subnets' route tables"
    };
    let tables = unattached.iter().filter_map(|s| s.route_table.clone());
    RULE.finding(message, title)
        .part(&endpoint.id)
        .parts(tables)
        .parts(unattached.iter().map(|s| s.id.clone()))
        .fix(attach_s3_gateway(topology, endpoint.clone()))
}

fn reason(subnet: &Subnet) -> String {
    match &subnet.route_table {
        Some(table) => format!("env subnet '{}' ('{table}')", subnet.id),
        None => format!(
            "env subnet '{}', which uses the VPC's main route table (the \
             plan cannot attach the endpoint there: give the subnet a \
             route table)",
            subnet.id
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::plan::{Plan, RouteTable};
    use crate::presets::Preset::*;
    use crate::recommended;
    use crate::testing::{check_cases, fires, silent};

    fn s3_tables(plan: &mut Plan, tables: &[&str]) {
        let s3 = plan
            .endpoints
            .iter_mut()
            .find(|e| e.service == "s3")
            .unwrap();
        s3.route_tables = tables.iter().map(|t| t.to_string()).collect();
    }

    /// Gives `subnet-private-2` a route table of its own.
    fn second_table(plan: &mut Plan) {
        plan.route_tables.push(RouteTable {
            id: "rtb-private-2".into(),
            name: "private-2".into(),
            routes: Vec::new(),
        });
        plan.subnets[1].route_table = Some("rtb-private-2".into());
    }

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "on no route table",
                    PrivateNewVpc,
                    |p| s3_tables(p, &[]),
                    &["vpce-s3", "rtb-private"],
                ),
                fires(
                    "on one of two tables",
                    PrivateNewVpc,
                    second_table,
                    &["vpce-s3", "rtb-private-2", "subnet-private-2"],
                ),
                fires(
                    "env subnet on the main table",
                    PrivateExistingVpc,
                    |p| p.subnets[1].route_table = None,
                    &["vpce-s3", "subnet-app-2"],
                ),
                silent("on the shared table", PrivateNewVpc, |_| {}),
                silent("on both tables and another", PrivateNewVpc, |p| {
                    second_table(p);
                    s3_tables(p, &["rtb-private", "rtb-private-2", "rtb-x"]);
                }),
                silent("s3 as an interface endpoint", PrivateNewVpc, |p| {
                    p.endpoints.retain(|e| e.service != "s3");
                    p.endpoints.push(recommended::interface_endpoint(
                        "vpce-s3-interface",
                        "s3",
                        "s3",
                        &p.environment.subnets,
                        &p.environment.security_groups,
                    ));
                }),
                silent("no s3 endpoint at all", PrivateNewVpc, |p| {
                    p.endpoints.retain(|e| e.service != "s3")
                }),
                silent("public routing", PublicInternet, |p| {
                    p.endpoints.push(recommended::gateway_endpoint(
                        "vpce-s3",
                        "s3",
                        "s3",
                        &[],
                    ));
                }),
            ],
        );
    }
}
