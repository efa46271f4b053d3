//! `nacl-blocks-return-traffic`: the environment's subnets let replies on
//! ephemeral ports through their network ACLs.

use ipnet::Ipv4Net;

use super::{report_denied_flows, Flow};
use crate::finding::{Finding, Severity};
use crate::network_acl::Direction;
use crate::plan::{Routing, Traffic};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: evaluates each network ACL of the environment's subnets
/// for TCP 1024-65535, inbound and outbound, to and from each of the VPC's
/// blocks, and under public routing inbound from the internet.
///
/// Why: network ACLs are stateless, so the replies to every connection need
/// rules of their own.
pub(crate) const RULE: Rule = Rule {
    code: "N502",
    name: "nacl-blocks-return-traffic",
    severity: Severity::Error,
    summary: "The network ACLs of the environment's subnets allow return \
        traffic on TCP 1024-65535, both ways.",
    explanation: "A network ACL, unlike a security group, keeps no record \
        of connections: the reply to a request on TCP 443 or 5432 comes \
        back to the client's ephemeral port, somewhere in 1024-65535, and \
        needs a rule of its own. The environment's containers are clients \
        and servers within the VPC, so replies flow both ways there; under \
        public routing, replies from the internet also come back in through \
        NAT. If the first matching rule for that range denies it, the \
        connections open but never answer and the environment fails to \
        create. For example, allowing only 32768-65535 (the range of some \
        Linux kernels) leaves out clients that pick lower ports: allow \
        1024-65535. Each finding names the rule that decides; every finding \
        on one ACL offers the same fix, which lets all of its denied return \
        traffic through.",
    known_problems: "Only the ACLs of the environment's subnets are \
        checked. The fix removes a denying rule even if it also served \
        another purpose.",
    docs:
        "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html",
    check,
};

/// What the ephemeral ports carry.
const PURPOSE: &str = "return traffic on ephemeral ports";

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let flows = flows(topology);
    report_denied_flows(&RULE, topology, &flows, findings);
}

/// The return flows every ACL of the environment's subnets must allow.
fn flows(topology: &Topology<'_>) -> Vec<Flow> {
    let plan = topology.plan;
    let ephemeral = |direction, peer| Flow {
        direction,
        traffic: Traffic::tcp(1024, 65535),
        peer,
        purpose: PURPOSE,
    };
    let mut flows = Vec::new();
    for direction in [Direction::Inbound, Direction::Outbound] {
        for &block in plan.vpc_blocks() {
            flows.push(ephemeral(direction, block));
        }
    }
    if plan.routing == Routing::Public {
        flows.push(ephemeral(Direction::Inbound, Ipv4Net::default()));
    }
    flows
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::acl_rule;
    use super::RULE;
    use crate::network_acl::Action::{Allow, Deny};
    use crate::plan::{Plan, Traffic};
    use crate::presets::{self, Preset::*};
    use crate::testing::{check_cases, fires, run, silent};

    fn ephemeral() -> Traffic {
        Traffic::tcp(1024, 65535)
    }

    /// Inbound: only the given ephemeral range, from anywhere.
    fn inbound_only(plan: &mut Plan, traffic: Traffic) {
        let allow = acl_rule(100, Allow, traffic, "0.0.0.0/0");
        plan.network_acls[0].ingress = vec![allow];
    }

    fn vpc_only(plan: &mut Plan) {
        let allow = acl_rule(100, Allow, ephemeral(), "10.192.0.0/16");
        plan.network_acls[0].ingress = vec![allow];
    }

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "only 32768-65535",
                    PrivateNewVpc,
                    |p| inbound_only(p, Traffic::tcp(32768, 65535)),
                    &["acl-mwaa", "subnet-private-1"],
                ),
                fires(
                    "only 32768-65535, public",
                    PublicInternet,
                    |p| inbound_only(p, Traffic::tcp(32768, 65535)),
                    &["acl-mwaa"],
                ),
                fires(
                    "VPC only, public routing",
                    PublicPrivateWebserver,
                    vpc_only,
                    &["acl-mwaa"],
                ),
                fires(
                    "outbound deny at 10",
                    PrivateExistingVpc,
                    |p| {
                        let deny =
                            acl_rule(10, Deny, ephemeral(), "10.0.0.0/8");
                        p.network_acls[0].egress.push(deny);
                    },
                    &["acl-mwaa", "subnet-app-2"],
                ),
                fires(
                    "no outbound rule",
                    PublicInternet,
                    |p| p.network_acls[0].egress.clear(),
                    &["acl-mwaa"],
                ),
                silent(
                    "the preset's allow-all",
                    PublicPrivateWebserver,
                    |_| {},
                ),
                silent("the preset's allow-all", PrivateNewVpc, |_| {}),
                silent("exactly 1024-65535", PublicInternet, |p| {
                    inbound_only(p, ephemeral())
                }),
                silent("VPC only, private routing", PrivateNewVpc, vpc_only),
                silent("a deny of ports below 1024", PrivateExistingVpc, |p| {
                    let deny =
                        acl_rule(10, Deny, Traffic::tcp(0, 1023), "0.0.0.0/0");
                    p.network_acls[0].ingress.push(deny);
                }),
            ],
        );
    }

    #[test]
    fn one_finding_per_flow_with_one_fix_per_acl() {
        let mut plan = presets::build(PublicInternet);
        inbound_only(&mut plan, Traffic::tcp(32768, 65535));

        let findings = run(&RULE, &plan);

        // from 10.192.0.0/16 and from 0.0.0.0/0
        assert_eq!(findings.len(), 2);
        assert_eq!(findings[0].fix, findings[1].fix);
        let fix = findings[0].fix.as_ref().unwrap();
        plan.apply(fix).unwrap();
        let numbers: Vec<u16> = plan.network_acls[0]
            .ingress
            .iter()
            .map(|r| r.number)
            .collect();
        assert_eq!(numbers, [80, 90, 100]);
    }
}
