//! `endpoint-subnet-missing`: under private routing, each interface
//! endpoint of a required service is in both env subnets.

use super::{is_private, plural, quoted, required_interface_endpoints};
use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::{Endpoint, Subnet};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: under private routing, checks that every interface
/// endpoint of a service MWAA needs has a network interface in each env
/// subnet.
///
/// Why: MWAA checks that its endpoints reach both of its subnets and
/// places containers in both Availability Zones; an endpoint missing from
/// one leaves that zone without the service.
pub(crate) const RULE: Rule = Rule {
    code: "N304",
    name: "endpoint-subnet-missing",
    severity: Severity::Error,
    summary: "Under private routing, each interface endpoint of a required \
        service is in both env subnets.",
    explanation: "An interface endpoint answers from network interfaces in \
        the subnets it is given, one per Availability Zone. MWAA runs its \
        containers in both env subnets and expects each required endpoint \
        to be associated with both; an endpoint in one subnet only fails \
        the environment's creation, and would leave the other zone \
        without the service if that zone took over. Subnets beyond the \
        env subnets are fine. For example, an sqs endpoint in \
        'subnet-app-1' and 'subnet-app-3' misses 'subnet-app-2': add it. \
        An endpoint takes one subnet per zone, so the fix drops another \
        subnet of the endpoint that shares a zone with an added env \
        subnet.",
    known_problems: "",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/vpc-vpe-create-access.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    if !is_private(topology) {
        return;
    }
    let env_subnets: Vec<&Subnet> = topology.env_subnets().collect();
    for endpoint in required_interface_endpoints(topology) {
        let missing: Vec<&Subnet> = env_subnets
            .iter()
            .copied()
            .filter(|subnet| !endpoint.subnets.contains(&subnet.id))
            .collect();
        if !missing.is_empty() {
            findings.push(finding(topology, endpoint, &missing));
        }
    }
}

fn finding(
    topology: &Topology<'_>,
    endpoint: &Endpoint,
    missing: &[&Subnet],
) -> Finding {
    let missing_ids: Vec<&str> =
        missing.iter().map(|s| s.id.as_str()).collect();
    let placed = match endpoint.subnets.is_empty() {
        true => "no subnet".to_owned(),
        false => quoted(&endpoint.subnets),
    };
    let message = format!(
        "interface endpoint '{}' ({}) is in {placed}, not in env {} {}; \
         containers there cannot reach '{}'",
        endpoint.id,
        endpoint.name,
        plural(missing.len(), "subnet", "subnets"),
        quoted(&missing_ids),
        endpoint.service,
    );
    RULE.finding(message, "Add the env subnets to the endpoint")
        .part(&endpoint.id)
        .parts(missing_ids)
        .fix(Fix::put(with_subnets(topology, endpoint, missing)))
}

/// The endpoint with the `missing` env subnets added and any other subnet
/// in the zone of an added one dropped: an endpoint takes one subnet per
/// Availability Zone.
fn with_subnets(
    topology: &Topology<'_>,
    endpoint: &Endpoint,
    missing: &[&Subnet],
) -> Endpoint {
    let taken_zone = |id: &String| {
        let zone = topology.subnet(id).map(|s| &s.availability_zone);
        missing.iter().any(|m| Some(&m.availability_zone) == zone)
    };
    let mut fixed = endpoint.clone();
    fixed
        .subnets
        .retain(|id| topology.is_env_subnet(id) || !taken_zone(id));
    fixed.subnets.extend(missing.iter().map(|s| s.id.clone()));
    fixed
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::plan::{Plan, Subnet};
    use crate::presets::{self, Preset::*};
    use crate::testing::{check_cases, fires, run, silent};

    fn place(plan: &mut Plan, service: &str, subnets: &[&str]) {
        for endpoint in &mut plan.endpoints {
            if endpoint.service == service {
                endpoint.subnets =
                    subnets.iter().map(|s| s.to_string()).collect();
            }
        }
    }

    /// A fourth subnet of the existing VPC, in the zone of `subnet-app-2`.
    fn app_4_beside_app_2(plan: &mut Plan) {
        plan.subnets.push(Subnet {
            id: "subnet-app-4".into(),
            name: "corp-analytics-app-4".into(),
            availability_zone: "us-east-1b".into(),
            cidr: "10.40.35.0/24".parse().unwrap(),
            route_table: Some("rtb-corp".into()),
            network_acl: None,
        });
        place(plan, "sqs", &["subnet-app-1", "subnet-app-4"]);
    }

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "logs in one env subnet",
                    PrivateNewVpc,
                    |p| place(p, "logs", &["subnet-private-1"]),
                    &["vpce-logs", "subnet-private-2"],
                ),
                fires(
                    "kms in no subnet",
                    PrivateNewVpc,
                    |p| place(p, "kms", &[]),
                    &["vpce-kms", "subnet-private-1", "subnet-private-2"],
                ),
                fires(
                    "sqs in another subnet of the zone",
                    PrivateExistingVpc,
                    app_4_beside_app_2,
                    &["vpce-sqs", "subnet-app-2"],
                ),
                fires(
                    "fips endpoint in one subnet",
                    PrivateNewVpc,
                    |p| {
                        place(p, "airflow.api", &["subnet-private-2"]);
                        let api = p
                            .endpoints
                            .iter_mut()
                            .find(|e| e.service == "airflow.api")
                            .unwrap();
                        api.service = "airflow-fips.api".into();
                    },
                    &["vpce-airflow-api", "subnet-private-1"],
                ),
                silent("both env subnets", PrivateNewVpc, |_| {}),
                silent("an extra third subnet", PrivateExistingVpc, |p| {
                    let subnets =
                        ["subnet-app-1", "subnet-app-2", "subnet-app-3"];
                    place(p, "logs", &subnets);
                }),
                silent(
                    "an endpoint of a service nobody needs",
                    PrivateNewVpc,
                    |p| {
                        let mut sts = p.endpoints[1].clone();
                        sts.id = "vpce-sts".into();
                        sts.service = "sts".into();
                        sts.subnets.truncate(1);
                        p.endpoints.push(sts);
                    },
                ),
                silent("public routing", PublicInternet, |p| {
                    p.endpoints = presets::build(PrivateNewVpc).endpoints;
                }),
            ],
        );
    }

    #[test]
    fn the_fix_drops_the_subnet_sharing_a_zone() {
        let mut plan = presets::build(PrivateExistingVpc);
        app_4_beside_app_2(&mut plan);
        let findings = run(&RULE, &plan);
        plan.apply(findings[0].fix.as_ref().unwrap()).unwrap();
        let sqs = plan.endpoints.iter().find(|e| e.service == "sqs").unwrap();
        assert_eq!(sqs.subnets, ["subnet-app-1", "subnet-app-2"]);
    }
}
