//! `endpoint-private-dns-off`: under private routing, interface endpoints
//! have private DNS on, and the VPC resolves it.

use std::collections::HashSet;

use super::is_private;
use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::{Endpoint, Vpc};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: under private routing, checks that every interface
/// endpoint has private DNS on, and that the VPC has DNS support and DNS
/// host names on.
///
/// Why: the environment calls AWS services by their usual host names;
/// only private DNS makes those names resolve to the endpoints.
pub(crate) const RULE: Rule = Rule {
    code: "N303",
    name: "endpoint-private-dns-off",
    severity: Severity::Error,
    summary: "Under private routing, interface endpoints have private DNS \
        on, and the VPC has DNS support and DNS host names on.",
    explanation: "MWAA's containers call services such as \
        logs.us-east-1.amazonaws.com by their public names. With private \
        DNS on, the VPC's resolver answers those names with the addresses \
        of the interface endpoints; with it off, they resolve to public \
        addresses the env subnets cannot reach, and the calls time out. \
        Private DNS in turn works only when the VPC has both DNS support \
        (enableDnsSupport) and DNS host names (enableDnsHostnames) on. For \
        example, an existing VPC with DNS host names off makes every \
        endpoint's private DNS ineffective: turn the attribute on. An \
        endpoint without private DNS is fine when another endpoint of the \
        same service in the VPC has it on. Gateway endpoints work by \
        routes and have no private DNS.",
    known_problems: "Interface endpoints of services the environment does \
        not use are checked too. A VPC that resolves the names through \
        its own DNS servers or Route 53 private zones is not modelled.",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/vpc-vpe-create-access.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    if !is_private(topology) {
        return;
    }
    let vpc = &topology.plan.vpc;
    if !vpc.dns_support || !vpc.dns_hostnames {
        findings.push(vpc_finding(vpc));
    }
    let resolved = services_with_private_dns(topology);
    for endpoint in topology.interface_endpoints() {
        let off = !endpoint.private_dns;
        if off && !resolved.contains(endpoint.service.as_str()) {
            findings.push(endpoint_finding(endpoint));
        }
    }
}

/// The services some interface endpoint serves with private DNS on.
fn services_with_private_dns<'p>(topology: &Topology<'p>) -> HashSet<&'p str> {
    topology
        .interface_endpoints()
        .filter(|endpoint| endpoint.private_dns)
        .map(|endpoint| endpoint.service.as_str())
        .collect()
}

fn vpc_finding(vpc: &Vpc) -> Finding {
    let off: Vec<&str> = [
        (!vpc.dns_support).then_some("DNS support"),
        (!vpc.dns_hostnames).then_some("DNS host names"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let message = format!(
        "VPC '{}' has {} off; the endpoints' private DNS names do not \
         resolve without both",
        vpc.id,
        off.join(" and "),
    );
    let mut fixed = vpc.clone();
    fixed.dns_support = true;
    fixed.dns_hostnames = true;
    RULE.finding(message, "Turn on DNS support and DNS host names in the VPC")
        .part(&vpc.id)
        .fix(Fix::put(fixed))
}

fn endpoint_finding(endpoint: &Endpoint) -> Finding {
    let message = format!(
        "interface endpoint '{}' ({}) has private DNS off; the environment \
         calls '{}' by its usual name, which then resolves to a public \
         address it cannot reach",
        endpoint.id, endpoint.name, endpoint.service,
    );
    let mut fixed = endpoint.clone();
    fixed.private_dns = true;
    RULE.finding(message, "Turn on private DNS for the endpoint")
        .part(&endpoint.id)
        .fix(Fix::put(fixed))
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::plan::Plan;
    use crate::presets::Preset::*;
    use crate::recommended;
    use crate::testing::{check_cases, fires, silent};

    fn dns_off(plan: &mut Plan, service: &str) {
        for endpoint in &mut plan.endpoints {
            if endpoint.service == service {
                endpoint.private_dns = false;
            }
        }
    }

    fn second_logs_endpoint(plan: &mut Plan, private_dns: bool) {
        let mut endpoint = recommended::interface_endpoint(
            "vpce-logs-2",
            "logs-2",
            "logs",
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
                    "logs without private dns",
                    PrivateNewVpc,
                    |p| dns_off(p, "logs"),
                    &["vpce-logs"],
                ),
                fires(
                    "airflow.env without private dns",
                    PrivateExistingVpc,
                    |p| dns_off(p, "airflow.env"),
                    &["vpce-airflow-env"],
                ),
                fires(
                    "dns host names off",
                    PrivateNewVpc,
                    |p| p.vpc.dns_hostnames = false,
                    &["vpc"],
                ),
                fires(
                    "dns support and host names off",
                    PrivateExistingVpc,
                    |p| {
                        p.vpc.dns_support = false;
                        p.vpc.dns_hostnames = false;
                    },
                    &["vpc"],
                ),
                fires(
                    "an endpoint of a service nobody needs",
                    PrivateNewVpc,
                    |p| {
                        let mut sts = recommended::interface_endpoint(
                            "vpce-sts",
                            "sts",
                            "sts",
                            &p.environment.subnets,
                            &p.environment.security_groups,
                        );
                        sts.private_dns = false;
                        p.endpoints.push(sts);
                    },
                    &["vpce-sts"],
                ),
                silent("all on", PrivateNewVpc, |_| {}),
                silent(
                    "a gateway endpoint has no private dns",
                    PrivateNewVpc,
                    |p| dns_off(p, "s3"),
                ),
                silent(
                    "public routing without private dns",
                    PublicInternet,
                    |p| {
                        second_logs_endpoint(p, false);
                        p.vpc.dns_hostnames = false;
                    },
                ),
                silent(
                    "a second logs endpoint without private dns",
                    PrivateNewVpc,
                    |p| second_logs_endpoint(p, false),
                ),
            ],
        );
    }
}
