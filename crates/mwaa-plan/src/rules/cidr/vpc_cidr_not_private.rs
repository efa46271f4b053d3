//! `vpc-cidr-not-private`: the VPC's blocks are in the private ranges of
//! RFC 1918.

use ipnet::Ipv4Net;

use super::block_role;
use crate::cidr;
use crate::finding::{Finding, Severity};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks that every VPC block lies in 10.0.0.0/8,
/// 172.16.0.0/12 or 192.168.0.0/16.
///
/// Why: a VPC numbered from public addresses hides the real owners of those
/// addresses from everything inside it.
pub(crate) const RULE: Rule = Rule {
    code: "N602",
    name: "vpc-cidr-not-private",
    severity: Severity::Warning,
    summary: "Every VPC block lies in 10.0.0.0/8, 172.16.0.0/12 or \
        192.168.0.0/16.",
    explanation: "AWS lets a VPC use addresses outside the private ranges \
        of RFC 1918, but they stay private to the VPC: traffic from the \
        environment to the real owners of those addresses on the internet \
        is routed inside the VPC instead and never arrives, and peering or \
        a VPN to a network that uses them can clash. For example, a VPC of \
        11.0.0.0/16 cannot reach a service hosted at 11.0.4.20 on the \
        internet; number it from 10.0.0.0/8 instead. The planner offers \
        no fix: which range to use depends on the networks the VPC must \
        reach, and an existing VPC cannot change its primary block, so \
        the choice is yours.",
    known_problems: "A secondary block in 100.64.0.0/10, the shared \
        address space AWS allows for secondary blocks, is reported too: it \
        is not routed on the internet, but it is not an RFC 1918 range \
        either and can clash with carrier-grade NAT on the networks the VPC \
        reaches. Ignore the warning if you chose it on purpose.",
    docs:
        "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let plan = topology.plan;
    for (index, block) in plan.vpc_blocks().iter().enumerate() {
        if cidr::private_range_of(*block).is_some() {
            continue;
        }
        findings.push(not_private(&plan.vpc.id, index, *block));
    }
}

fn not_private(vpc: &str, index: usize, block: Ipv4Net) -> Finding {
    let message = format!(
        "the VPC's {} {block} is outside the private ranges 10.0.0.0/8, \
         172.16.0.0/12 and 192.168.0.0/16",
        block_role(index)
    );
    RULE.finding(message, "Number the VPC from a private range")
        .part(vpc)
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
                    "public primary",
                    PublicInternet,
                    |p| blocks(p, &["11.0.0.0/16"]),
                    &["vpc"],
                ),
                fires(
                    "public secondary",
                    PrivateExistingVpc,
                    |p| blocks(p, &["10.40.0.0/16", "52.10.0.0/16"]),
                    &["vpc"],
                ),
                fires(
                    "shared address space",
                    PrivateNewVpc,
                    |p| blocks(p, &["10.192.0.0/16", "100.64.0.0/16"]),
                    &["vpc"],
                ),
                fires(
                    "just below 172.16.0.0/12",
                    PublicPrivateWebserver,
                    |p| blocks(p, &["172.15.0.0/16"]),
                    &["vpc"],
                ),
                fires(
                    "straddling 172.16.0.0/12",
                    PrivateNewVpc,
                    |p| blocks(p, &["172.0.0.0/11"]),
                    &["vpc"],
                ),
                silent("10.192.0.0/16", PublicInternet, |_| {}),
                silent("last /16 of 172.16.0.0/12", PrivateNewVpc, |p| {
                    blocks(p, &["172.31.0.0/16"])
                }),
                silent("192.168.0.0/16", PublicPrivateWebserver, |p| {
                    blocks(p, &["192.168.0.0/16"])
                }),
                silent("no block", PrivateExistingVpc, |p| blocks(p, &[])),
            ],
        );
    }
}
