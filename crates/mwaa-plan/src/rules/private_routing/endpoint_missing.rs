//! `endpoint-missing`: under private routing, every service the
//! environment needs has a VPC endpoint.

use super::{attach_s3_gateway, is_private, plural, quoted, serves};
use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::EndpointKind;
use crate::recommended;
use crate::region::Region;
use crate::rules::Rule;
use crate::service::{self, RequiredService};
use crate::topology::Topology;

/// What it does: under private routing, checks that each service MWAA
/// needs in the plan's Region has an endpoint in the VPC.
///
/// Why: without internet access, an env subnet reaches an AWS service only
/// through a VPC endpoint; a missing one leaves the environment unable to
/// pull its images, write its logs or talk to its control plane.
pub(crate) const RULE: Rule = Rule {
    code: "N302",
    name: "endpoint-missing",
    severity: Severity::Error,
    summary: "Under private routing, every service the environment needs \
        has a VPC endpoint.",
    explanation: "With no route to the internet, the environment's \
        containers reach AWS services only through VPC endpoints in its \
        VPC: S3 (a gateway endpoint, or an interface one), CloudWatch \
        metrics and logs, SQS, ECR (api and dkr), KMS, and Airflow's api, \
        env and, in the standard partition, ops services. The FIPS \
        variants airflow-fips.api and airflow-fips.env stand in for \
        airflow.api and airflow.env. When one is missing the environment \
        sits in creation and ends in CREATE_FAILED, or its tasks fail \
        later: a plan without an ecr.dkr endpoint, for example, cannot \
        pull the Airflow image. Add an endpoint for each missing service, \
        in the env subnets and with the env security group (S3 as a \
        gateway on the env subnets' route tables).",
    known_problems: "Endpoints the environment's DAGs need (Secrets \
        Manager, STS, a database's service) depend on the DAGs and are not \
        required. A Region the planner does not know is skipped; \
        region-unsupported reports it.",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/vpc-vpe-create-access.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    if !is_private(topology) {
        return;
    }
    let Some(region) = topology.region else {
        return;
    };
    for required in service::required(region) {
        let served =
            topology.plan.endpoints.iter().any(|e| serves(e, required));
        if !served {
            findings.push(finding(topology, required, region));
        }
    }
}

fn finding(
    topology: &Topology<'_>,
    required: &RequiredService,
    region: &Region,
) -> Finding {
    let plan = topology.plan;
    let subnets = &plan.environment.subnets;
    let message = format!(
        "no VPC endpoint serves '{}' ({}); without internet access, env {} \
         {} cannot reach it",
        region.service_name(required.service),
        required.purpose,
        plural(subnets.len(), "subnet", "subnets"),
        quoted(subnets),
    );
    let endpoint = recommended::required_endpoint(plan, required);
    let fix = match required.kind {
        EndpointKind::Gateway => attach_s3_gateway(topology, endpoint),
        EndpointKind::Interface => Fix::put(endpoint),
    };
    RULE.finding(message, title(required))
        .parts(subnets.iter().cloned())
        .part(&plan.environment.id)
        .fix(fix)
}

fn title(required: &RequiredService) -> String {
    match required.kind {
        EndpointKind::Gateway => "Add the S3 gateway endpoint".to_owned(),
        EndpointKind::Interface => {
            format!("Add an interface endpoint for {}", required.service)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::plan::{EndpointKind, Plan};
    use crate::presets::Preset::*;
    use crate::recommended;
    use crate::testing::{check_cases, fires, run, silent};

    fn remove(plan: &mut Plan, service: &str) {
        plan.endpoints
            .retain(|endpoint| endpoint.service != service);
    }

    fn rename(plan: &mut Plan, from: &str, to: &str) {
        for endpoint in &mut plan.endpoints {
            if endpoint.service == from {
                endpoint.service = to.to_owned();
            }
        }
    }

    fn to_beijing(plan: &mut Plan) {
        plan.region = "cn-north-1".into();
        for (subnet, zone) in plan.subnets.iter_mut().zip(["a", "b"]) {
            subnet.availability_zone = format!("cn-north-1{zone}");
        }
    }

    fn s3_as_interface(plan: &mut Plan) {
        remove(plan, "s3");
        plan.endpoints.push(recommended::interface_endpoint(
            "vpce-s3-interface",
            "s3-interface",
            "s3",
            &plan.environment.subnets,
            &plan.environment.security_groups,
        ));
    }

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "no logs endpoint",
                    PrivateNewVpc,
                    |p| remove(p, "logs"),
                    &["subnet-private-1", "subnet-private-2", "env"],
                ),
                fires(
                    "no s3 endpoint",
                    PrivateExistingVpc,
                    |p| remove(p, "s3"),
                    &["subnet-app-1", "subnet-app-2"],
                ),
                fires(
                    "no s3 endpoint, env subnets on the main table",
                    PrivateNewVpc,
                    |p| {
                        remove(p, "s3");
                        p.subnets.iter_mut().for_each(|s| s.route_table = None);
                    },
                    &["subnet-private-1"],
                ),
                fires(
                    "no endpoints at all",
                    PrivateNewVpc,
                    |p| p.endpoints.clear(),
                    &["env"],
                ),
                fires(
                    "logs as a gateway endpoint",
                    PrivateNewVpc,
                    |p| {
                        let logs = p
                            .endpoints
                            .iter_mut()
                            .find(|e| e.service == "logs")
                            .unwrap();
                        logs.kind = EndpointKind::Gateway;
                    },
                    &["env"],
                ),
                fires(
                    "airflow.ops missing in us-east-1",
                    PrivateNewVpc,
                    |p| remove(p, "airflow.ops"),
                    &["env"],
                ),
                silent("all endpoints", PrivateNewVpc, |_| {}),
                silent(
                    "s3 as an interface endpoint",
                    PrivateNewVpc,
                    s3_as_interface,
                ),
                silent("fips airflow endpoints", PrivateNewVpc, |p| {
                    rename(p, "airflow.api", "airflow-fips.api");
                    rename(p, "airflow.env", "airflow-fips.env");
                }),
                silent("china without airflow.ops", PrivateNewVpc, |p| {
                    to_beijing(p);
                    remove(p, "airflow.ops");
                }),
                silent(
                    "public routing without endpoints",
                    PublicInternet,
                    |_| {},
                ),
                silent("unknown region", PrivateNewVpc, |p| {
                    p.region = "xx-nowhere-1".into();
                    p.endpoints.clear();
                }),
            ],
        );
    }

    #[test]
    fn one_finding_per_missing_service() {
        let mut plan = crate::presets::build(PrivateNewVpc);
        plan.endpoints.clear();
        assert_eq!(run(&RULE, &plan).len(), 10);
        to_beijing(&mut plan);
        assert_eq!(run(&RULE, &plan).len(), 9);
    }
}
