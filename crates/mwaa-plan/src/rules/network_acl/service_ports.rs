//! `nacl-blocks-service-ports`: the environment's subnets let HTTPS and the
//! metadata database through their network ACLs.

use ipnet::Ipv4Net;

use super::{report_denied_flows, Flow};
use crate::finding::{Finding, Severity};
use crate::network_acl::Direction;
use crate::plan::{Routing, Traffic};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: evaluates each network ACL of the environment's subnets
/// for TCP 443 and TCP 5432, inbound and outbound, to and from each of the
/// VPC's blocks, and under public routing for TCP 443 out to the internet.
///
/// Why: network ACLs are stateless and apply to each direction, so a port
/// must be allowed both ways or the connection fails.
pub(crate) const RULE: Rule = Rule {
    code: "N501",
    name: "nacl-blocks-service-ports",
    severity: Severity::Error,
    summary: "The network ACLs of the environment's subnets allow TCP 443 \
        and TCP 5432 within the VPC, both ways.",
    explanation: "The environment's containers reach the metadata database \
        on TCP 5432 and the web server and the interface endpoints on TCP \
        443, all inside the VPC; under public routing they also reach AWS \
        services on TCP 443 through NAT. A network ACL judges every packet \
        in each direction on its own, by the first rule whose number \
        matches, and denies what no rule allows with its final * rule. If \
        the first matching rule for one of these ports denies it, in either \
        direction, the connection fails and the environment fails to create \
        or loses its database. For example, an inbound rule 50 that denies \
        TCP 5432 from 0.0.0.0/0 comes before AWS's allow-all rule 100 and \
        blocks the database: remove it, or number an allow rule for the \
        VPC's block before it. Each finding names the rule that decides; \
        every finding on one ACL offers the same fix, which lets all of its \
        denied ports through.",
    known_problems: "Only the ACLs of the environment's subnets are \
        checked; the ACLs of subnets holding endpoints or NAT gateways \
        outside them are not. The fix removes a denying rule even if it \
        also served another purpose.",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/vpc-security.html",
    check,
};

/// The ports the environment uses within the VPC, and what for.
const PORTS: [(u16, &str); 2] = [
    (443, "HTTPS to the web server and the VPC endpoints"),
    (5432, "the metadata database"),
];

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let flows = flows(topology);
    report_denied_flows(&RULE, topology, &flows, findings);
}

/// The service flows every ACL of the environment's subnets must allow.
fn flows(topology: &Topology<'_>) -> Vec<Flow> {
    let plan = topology.plan;
    let directions = [Direction::Inbound, Direction::Outbound];
    let mut flows = Vec::new();
    for direction in directions {
        for (port, purpose) in PORTS {
            for &peer in plan.vpc_blocks() {
                flows.push(Flow {
                    direction,
                    traffic: Traffic::tcp(port, port),
                    peer,
                    purpose,
                });
            }
        }
    }
    if plan.routing == Routing::Public {
        flows.push(Flow {
            direction: Direction::Outbound,
            traffic: Traffic::tcp(443, 443),
            peer: Ipv4Net::default(),
            purpose: "HTTPS to AWS services through NAT",
        });
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
    use crate::recommended;
    use crate::testing::{check_cases, fires, run, silent};

    type PlanEdit = fn(&mut Plan);

    fn db() -> Traffic {
        Traffic::tcp(5432, 5432)
    }

    fn deny_db_from_anywhere_at_50(plan: &mut Plan) {
        let deny = acl_rule(50, Deny, db(), "0.0.0.0/0");
        plan.network_acls[0].ingress.push(deny);
    }

    fn vpc_only(plan: &mut Plan) {
        let allow = acl_rule(100, Allow, Traffic::ALL, "10.192.0.0/16");
        plan.network_acls[0].ingress = vec![allow.clone()];
        plan.network_acls[0].egress = vec![allow];
    }

    /// Adds `acl-other`, denying all traffic both ways, to a subnet the
    /// environment does not use.
    fn deny_all_elsewhere(plan: &mut Plan, subnet: &str) {
        let deny = acl_rule(10, Deny, Traffic::ALL, "0.0.0.0/0");
        let mut acl = recommended::allow_all_network_acl("acl-other", "o");
        acl.ingress.push(deny.clone());
        acl.egress.push(deny);
        plan.network_acls.push(acl);
        let other = plan.subnets.iter_mut().find(|s| s.id == subnet);
        other.unwrap().network_acl = Some("acl-other".into());
    }

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "deny 5432 from anywhere at 50",
                    PrivateNewVpc,
                    deny_db_from_anywhere_at_50,
                    &["acl-mwaa", "subnet-private-1", "subnet-private-2"],
                ),
                fires(
                    "no inbound rule",
                    PublicInternet,
                    |p| p.network_acls[0].ingress.clear(),
                    &["acl-mwaa"],
                ),
                fires(
                    "VPC only, public routing",
                    PublicPrivateWebserver,
                    vpc_only,
                    &["acl-mwaa"],
                ),
                fires(
                    "443 allowed from part of the VPC",
                    PrivateExistingVpc,
                    |p| {
                        p.network_acls[0].ingress = vec![
                            acl_rule(
                                100,
                                Allow,
                                Traffic::tcp(443, 443),
                                "10.40.32.0/24",
                            ),
                            acl_rule(110, Allow, db(), "10.40.0.0/16"),
                        ];
                    },
                    &["acl-mwaa", "subnet-app-1"],
                ),
                fires(
                    "a second VPC block not allowed",
                    PrivateNewVpc,
                    |p| {
                        p.vpc
                            .cidr_blocks
                            .push("10.193.0.0/16".parse().unwrap());
                        vpc_only(p);
                    },
                    &["acl-mwaa"],
                ),
                fires(
                    "deny-all before the allow",
                    PublicInternet,
                    |p| {
                        let deny =
                            acl_rule(90, Deny, Traffic::ALL, "0.0.0.0/0");
                        p.network_acls[0].egress.push(deny);
                    },
                    &["acl-mwaa"],
                ),
                silent("the preset's allow-all", PublicInternet, |_| {}),
                silent("the preset's allow-all", PrivateExistingVpc, |_| {}),
                silent(
                    "deny-all after the allow",
                    PublicPrivateWebserver,
                    |p| {
                        let deny =
                            acl_rule(200, Deny, Traffic::ALL, "0.0.0.0/0");
                        p.network_acls[0].ingress.push(deny.clone());
                        p.network_acls[0].egress.push(deny);
                    },
                ),
                silent("VPC only, private routing", PrivateNewVpc, vpc_only),
                silent(
                    "deny 5432 from outside the VPC",
                    PrivateExistingVpc,
                    |p| {
                        let deny = acl_rule(50, Deny, db(), "192.168.0.0/16");
                        p.network_acls[0].ingress.push(deny);
                    },
                ),
                silent(
                    "deny-all on an ACL no env subnet uses",
                    PublicInternet,
                    |p| deny_all_elsewhere(p, "subnet-public-1"),
                ),
                silent(
                    "deny-all on a spare subnet's ACL",
                    PrivateExistingVpc,
                    |p| deny_all_elsewhere(p, "subnet-app-3"),
                ),
                silent("the VPC's default ACL", PrivateNewVpc, |p| {
                    p.network_acls[0].ingress.clear();
                    for subnet in &mut p.subnets {
                        subnet.network_acl = None;
                    }
                }),
            ],
        );
    }

    #[test]
    fn findings_quote_the_deciding_rule() {
        let cases: &[(PlanEdit, &str)] = &[
            (
                deny_db_from_anywhere_at_50,
                "TCP 5432 inbound from 10.192.0.0/16 (the metadata \
                 database) at rule 50",
            ),
            (
                vpc_only,
                "TCP 443 outbound to 0.0.0.0/0 (HTTPS to AWS services \
                 through NAT): no rule allows it, so the final * rule \
                 (32767) decides",
            ),
        ];
        for (edit, expected) in cases {
            let mut plan = presets::build(PublicInternet);
            edit(&mut plan);

            let findings = run(&RULE, &plan);

            assert_eq!(findings.len(), 1, "{expected}");
            assert!(
                findings[0].message.contains(expected),
                "{}",
                findings[0].message
            );
        }
    }
}
