//! `endpoint-security-group`: under private routing, each interface
//! endpoint of a required service admits HTTPS from the environment.

use ipnet::IpNet;

use super::{is_private, plural, quoted, required_interface_endpoints};
use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::{Endpoint, Peer, SecurityGroup, SecurityGroupRule, Traffic};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: under private routing, checks that every interface
/// endpoint of a service MWAA needs lets the environment in on TCP 443.
///
/// Why: an interface endpoint is guarded by its security groups; if none
/// admits HTTPS from the environment, its calls to the service are
/// dropped.
pub(crate) const RULE: Rule = Rule {
    code: "N305",
    name: "endpoint-security-group",
    severity: Severity::Error,
    summary: "Under private routing, each interface endpoint of a required \
        service admits TCP 443 from the environment.",
    explanation: "Traffic into an interface endpoint passes its security \
        groups like traffic into any network interface. The environment \
        calls every service over HTTPS, so an endpoint must either use an \
        env security group (whose self-referencing rule then admits the \
        environment) or have a group with an inbound rule for TCP 443 or \
        all traffic whose source is an env security group or a CIDR \
        block holding both env subnets. For example, an endpoint left on \
        the VPC's default security group admits only members of that \
        group, and the environment's calls time out: add the env security \
        group to the endpoint.",
    known_problems: "A source given as a prefix list is not expanded, and \
        an endpoint naming a security group the plan does not hold is \
        skipped (dangling-reference reports it). The check assumes the \
        env security group admits itself, which security-group-self-\
        reference checks.",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/vpc-vpe-create-access.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    if !is_private(topology) {
        return;
    }
    for endpoint in required_interface_endpoints(topology) {
        let groups: Option<Vec<&SecurityGroup>> = endpoint
            .security_groups
            .iter()
            .map(|id| topology.security_group(id))
            .collect();
        let Some(groups) = groups else {
            continue;
        };
        if !admits_environment(topology, endpoint, &groups) {
            findings.push(finding(topology, endpoint));
        }
    }
}

fn admits_environment(
    topology: &Topology<'_>,
    endpoint: &Endpoint,
    groups: &[&SecurityGroup],
) -> bool {
    let uses_env_group = endpoint
        .security_groups
        .iter()
        .any(|id| topology.is_env_security_group(id));
    uses_env_group
        || groups
            .iter()
            .flat_map(|group| &group.ingress)
            .any(|rule| admits_https_from_environment(topology, rule))
}

fn admits_https_from_environment(
    topology: &Topology<'_>,
    rule: &SecurityGroupRule,
) -> bool {
    if !rule.traffic.covers(&Traffic::tcp(443, 443)) {
        return false;
    }
    match &rule.peer {
        Peer::SecurityGroup(id) => topology.is_env_security_group(id),
        Peer::Cidr(IpNet::V4(block)) => holds_env_subnets(topology, block),
        Peer::Cidr(IpNet::V6(_)) | Peer::PrefixList(_) => false,
    }
}

fn holds_env_subnets(topology: &Topology<'_>, block: &ipnet::Ipv4Net) -> bool {
    let mut subnets = topology.env_subnets().peekable();
    subnets.peek().is_some()
        && subnets.all(|subnet| block.contains(&subnet.cidr))
}

fn finding(topology: &Topology<'_>, endpoint: &Endpoint) -> Finding {
    let title = "Add the env security group to the endpoint";
    let mut finding = RULE
        .finding(message(topology, endpoint), title)
        .part(&endpoint.id)
        .parts(endpoint.security_groups.iter().cloned());
    // Only a group the plan holds: naming a missing one would trade this
    // finding for a dangling reference.
    if let Some(group) = topology.env_security_groups().next() {
        let mut fixed = endpoint.clone();
        fixed.security_groups.push(group.id.clone());
        finding = finding.fix(Fix::put(fixed));
    }
    finding
}

fn message(topology: &Topology<'_>, endpoint: &Endpoint) -> String {
    let env_groups = &topology.plan.environment.security_groups;
    let guarded = match endpoint.security_groups.as_slice() {
        [] => "has no security group of its own and gets the VPC's default \
               group, which admits only its own members, not"
            .to_owned(),
        [group] => {
            format!("has security group '{group}', which does not admit")
        }
        groups => {
            format!(
                "has security groups {}, none of which admits",
                quoted(groups)
            )
        }
    };
    format!(
        "interface endpoint '{}' ({}) {guarded} TCP 443 from env security \
         {} {} or from a block holding both env subnets; the environment's \
         calls to '{}' are dropped",
        endpoint.id,
        endpoint.name,
        plural(env_groups.len(), "group", "groups"),
        quoted(env_groups),
        endpoint.service,
    )
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::plan::{Peer, Plan, SecurityGroup, SecurityGroupRule, Traffic};
    use crate::presets::Preset::*;
    use crate::testing::{check_cases, fires, silent};

    /// Guards the logs endpoint with a group of its own admitting
    /// `traffic` from `peer`.
    fn own_group(plan: &mut Plan, traffic: Traffic, peer: Peer) {
        plan.security_groups.push(SecurityGroup {
            id: "sg-endpoints".into(),
            name: "endpoints".into(),
            description: String::new(),
            ingress: vec![SecurityGroupRule {
                traffic,
                peer,
                description: String::new(),
            }],
            egress: Vec::new(),
        });
        let logs = plan
            .endpoints
            .iter_mut()
            .find(|e| e.service == "logs")
            .unwrap();
        logs.security_groups = vec!["sg-endpoints".into()];
    }

    fn cidr(block: &str) -> Peer {
        Peer::Cidr(block.parse().unwrap())
    }

    fn env_group() -> Peer {
        Peer::SecurityGroup("sg-mwaa".into())
    }

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "no security group",
                    PrivateNewVpc,
                    |p| {
                        p.endpoints
                            .iter_mut()
                            .for_each(|e| e.security_groups.clear())
                    },
                    &["vpce-logs", "vpce-sqs"],
                ),
                fires(
                    "443 from one env subnet only",
                    PrivateNewVpc,
                    |p| {
                        own_group(
                            p,
                            Traffic::tcp(443, 443),
                            cidr("10.192.10.0/24"),
                        )
                    },
                    &["vpce-logs", "sg-endpoints"],
                ),
                fires(
                    "5432 from the env group",
                    PrivateExistingVpc,
                    |p| own_group(p, Traffic::tcp(5432, 5432), env_group()),
                    &["vpce-logs", "sg-endpoints"],
                ),
                fires(
                    "443 from another group",
                    PrivateNewVpc,
                    |p| {
                        own_group(
                            p,
                            Traffic::tcp(443, 443),
                            Peer::SecurityGroup("sg-other".into()),
                        )
                    },
                    &["vpce-logs"],
                ),
                silent("the env group", PrivateNewVpc, |_| {}),
                silent("443 from the env group", PrivateNewVpc, |p| {
                    own_group(p, Traffic::tcp(443, 443), env_group())
                }),
                silent("all traffic from the env group", PrivateNewVpc, |p| {
                    own_group(p, Traffic::ALL, env_group())
                }),
                silent("all tcp from the vpc block", PrivateNewVpc, |p| {
                    own_group(p, Traffic::tcp(0, 65535), cidr("10.192.0.0/16"))
                }),
                silent(
                    "443 from the corporate range",
                    PrivateExistingVpc,
                    |p| {
                        own_group(p, Traffic::tcp(443, 443), cidr("10.0.0.0/8"))
                    },
                ),
                silent("a group the plan does not hold", PrivateNewVpc, |p| {
                    p.endpoints.iter_mut().for_each(|e| {
                        e.security_groups = vec!["sg-elsewhere".into()]
                    })
                }),
                silent("public routing", PublicInternet, |p| {
                    p.endpoints =
                        crate::presets::build(PrivateNewVpc).endpoints;
                    p.endpoints
                        .iter_mut()
                        .for_each(|e| e.security_groups.clear());
                }),
            ],
        );
    }
}
