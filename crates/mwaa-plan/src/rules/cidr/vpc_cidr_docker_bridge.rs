//! `vpc-cidr-docker-bridge`: no VPC block overlaps 172.17.0.0/16, the
//! range container hosts give their default bridge network.

use ipnet::Ipv4Net;

use super::block_role;
use crate::cidr;
use crate::finding::{Finding, Severity};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks that no VPC block overlaps 172.17.0.0/16.
///
/// Why: Docker gives its default bridge network 172.17.0.0/16, and some AWS
/// services that run containers in the VPC use it too.
pub(crate) const RULE: Rule = Rule {
    code: "N603",
    name: "vpc-cidr-docker-bridge",
    severity: Severity::Warning,
    summary: "No VPC block overlaps 172.17.0.0/16.",
    explanation: "A host that runs Docker routes 172.17.0.0/16 to its own \
        bridge network, and AWS advises against the range because some of \
        its services use it for containers. Addresses of the VPC in that \
        range are then unreachable from such hosts: a build runner, a \
        bastion or a developer's laptop running the MWAA local runner over \
        a VPN sends the packets to its local containers instead. For \
        example, a VPC of 172.17.0.0/16 or 172.16.0.0/12 is affected; use \
        172.18.0.0/16 or a block of 10.0.0.0/8 instead. There is no fix: \
        renumbering a VPC means recreating it and its subnets.",
    known_problems: "Only the default bridge range is checked. User-defined \
        container networks take other ranges (often 172.18.0.0/16 onwards) \
        and hosts can be configured to use another bridge range; the check \
        cannot see either.",
    docs:
        "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html",
    check,
};

/// The range of Docker's default bridge network.
fn docker_bridge() -> Ipv4Net {
    Ipv4Net::new_assert([172, 17, 0, 0].into(), 16)
}

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let plan = topology.plan;
    let bridge = docker_bridge();
    for (index, block) in plan.vpc_blocks().iter().enumerate() {
        if !cidr::overlaps(*block, bridge) {
            continue;
        }
        let message = format!(
            "the VPC's {} {block} overlaps {bridge}, the default bridge \
             network of container hosts",
            block_role(index)
        );
        let title = format!("Use a VPC block outside {bridge}");
        findings.push(RULE.finding(message, title).part(&plan.vpc.id));
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::presets::Preset::*;
    use crate::testing::{blocks, check_cases, fires, silent};

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "primary is the bridge",
                    PublicInternet,
                    |p| blocks(p, &["172.17.0.0/16"]),
                    &["vpc"],
                ),
                fires(
                    "primary holds the bridge",
                    PrivateNewVpc,
                    |p| blocks(p, &["172.16.0.0/12"]),
                    &["vpc"],
                ),
                fires(
                    "secondary inside the bridge",
                    PrivateExistingVpc,
                    |p| blocks(p, &["10.40.0.0/16", "172.17.200.0/24"]),
                    &["vpc"],
                ),
                silent("just below the bridge", PublicPrivateWebserver, |p| {
                    blocks(p, &["172.16.0.0/16"])
                }),
                silent("just above the bridge", PrivateNewVpc, |p| {
                    blocks(p, &["10.192.0.0/16", "172.18.0.0/16"])
                }),
            ],
        );
    }
}
