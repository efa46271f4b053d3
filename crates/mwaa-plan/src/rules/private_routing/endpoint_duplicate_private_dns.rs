//! `endpoint-duplicate-private-dns`: at most one interface endpoint with
//! private DNS per service in the VPC.

use std::collections::HashMap;

use crate::finding::{Finding, Severity};
use crate::fix::{Edit, Fix};
use crate::plan::Endpoint;
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: looks for two interface endpoints of the same service,
/// both with private DNS on, in the VPC.
///
/// Why: private DNS makes the VPC answer the service's name with the
/// endpoint's addresses, and one name can have only one such answer: AWS
/// refuses the second endpoint.
pub(crate) const RULE: Rule = Rule {
    code: "N309",
    name: "endpoint-duplicate-private-dns",
    severity: Severity::Error,
    summary: "At most one interface endpoint with private DNS per service \
        in the VPC.",
    explanation: "Turning on private DNS for an interface endpoint creates \
        a private hosted zone for the service's name in the VPC. A VPC \
        can hold only one, so creating a second endpoint with private DNS \
        for the same service fails with a conflicting DNS domain. This is \
        a common surprise in existing VPCs: a team already created a logs \
        endpoint, and the plan adds another. Keep the first endpoint (and \
        make sure it is in the env subnets and admits the environment) \
        and drop the duplicate. The rule holds under both routings.",
    known_problems: "Endpoints that exist in the VPC but are not in the \
        plan are not seen; list them in the plan to have them checked.",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/vpc-vpe-create-access.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let mut first_by_service: HashMap<&str, &Endpoint> = HashMap::new();
    for endpoint in topology.interface_endpoints() {
        if !endpoint.private_dns {
            continue;
        }
        match first_by_service.get(endpoint.service.as_str()) {
            Some(first) => findings.push(finding(first, endpoint)),
            None => {
                first_by_service.insert(&endpoint.service, endpoint);
            }
        }
    }
}

fn finding(first: &Endpoint, duplicate: &Endpoint) -> Finding {
    let message = format!(
        "interface endpoints '{}' and '{}' both serve '{}' with private \
         DNS; a VPC holds one private DNS name per service, so creating \
         '{}' fails with a DNS conflict",
        first.id, duplicate.id, duplicate.service, duplicate.id,
    );
    let title = format!("Remove the duplicate endpoint '{}'", duplicate.id);
    RULE.finding(message, title)
        .part(&duplicate.id)
        .part(&first.id)
        .fix(Fix::new(Edit::Remove(duplicate.id.clone())))
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::plan::Plan;
    use crate::presets::Preset::*;
    use crate::recommended;
    use crate::testing::{check_cases, fires, run, silent};

    fn another(plan: &mut Plan, id: &str, service: &str, private_dns: bool) {
        let mut endpoint = recommended::interface_endpoint(
            id,
            id,
            service,
            &plan.environment.subnets,
            &plan.environment.security_groups,
        );
        endpoint.private_dns = private_dns;
        plan.endpoints.push(endpoint);
    }

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "a second logs endpoint",
                    PrivateNewVpc,
                    |p| another(p, "vpce-logs-team", "logs", true),
                    &["vpce-logs-team", "vpce-logs"],
                ),
                fires(
                    "public routing",
                    PublicInternet,
                    |p| {
                        another(p, "vpce-sts-1", "sts", true);
                        another(p, "vpce-sts-2", "sts", true);
                    },
                    &["vpce-sts-2", "vpce-sts-1"],
                ),
                silent(
                    "a second endpoint without private dns",
                    PrivateExistingVpc,
                    |p| another(p, "vpce-logs-team", "logs", false),
                ),
                silent(
                    "fips and standard airflow endpoints",
                    PrivateNewVpc,
                    |p| another(p, "vpce-fips", "airflow-fips.api", true),
                ),
                silent("one endpoint per service", PrivateNewVpc, |_| {}),
            ],
        );
    }

    #[test]
    fn one_finding_per_extra_endpoint() {
        let mut plan = crate::presets::build(PrivateNewVpc);
        another(&mut plan, "vpce-logs-2", "logs", true);
        another(&mut plan, "vpce-logs-3", "logs", true);
        let findings = run(&RULE, &plan);
        let named: Vec<&str> =
            findings.iter().map(|f| f.parts[0].as_str()).collect();
        assert_eq!(named, ["vpce-logs-2", "vpce-logs-3"]);
    }
}
