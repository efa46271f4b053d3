//! Rules: network ACLs.
//!
//! The rules evaluate ACLs as AWS does, with [`NetworkAcl::judge`], rather
//! than looking for particular rules: the same traffic may be allowed by one
//! broad rule or by several narrow ones. An environment subnet without a
//! network ACL of its own uses the VPC's default ACL, which allows all
//! traffic, and is not checked.

use ipnet::Ipv4Net;

use super::Rule;
use crate::cidr::overlaps;
use crate::finding::Finding;
use crate::fix::Fix;
use crate::network_acl::{
    Action, Direction, NetworkAcl, NetworkAclRule, Verdict, DEFAULT_RULE_NUMBER,
};
use crate::plan::Traffic;
use crate::recommended::ALLOW_ALL_RULE_NUMBER;
use crate::topology::Topology;

mod deny_all_before_allow;
mod return_traffic;
mod rule_limit;
mod rule_number;
mod service_ports;

pub(super) const RULES: &[&Rule] = &[
    &service_ports::RULE,
    &return_traffic::RULE,
    &deny_all_before_allow::RULE,
    &rule_limit::RULE,
    &rule_number::RULE,
];

/// The highest number a numbered rule may have.
const LAST_RULE_NUMBER: u16 = DEFAULT_RULE_NUMBER - 1;

/// Traffic that must pass an ACL one way, to or from one block.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Flow {
    direction: Direction,
    traffic: Traffic,
    peer: Ipv4Net,
    /// What the environment needs the traffic for.
    purpose: &'static str,
}

impl std::fmt::Display for Flow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Flow {
            direction,
            traffic,
            peer,
            ..
        } = self;
        match direction {
            Direction::Inbound => write!(f, "{traffic} inbound from {peer}"),
            Direction::Outbound => write!(f, "{traffic} outbound to {peer}"),
        }
    }
}

/// The network ACLs the environment's subnets use, each once, in the order
/// of the subnets.
fn env_network_acls<'p>(topology: &Topology<'p>) -> Vec<&'p NetworkAcl> {
    let mut acls: Vec<&NetworkAcl> = Vec::new();
    for subnet in topology.env_subnets() {
        let Some(acl) = topology.network_acl_of(subnet) else {
            continue;
        };
        if !acls.iter().any(|seen| seen.id == acl.id) {
            acls.push(acl);
        }
    }
    acls
}

/// The ids of the environment's subnets that use the network ACL `id`.
fn env_subnets_using(topology: &Topology<'_>, id: &str) -> Vec<String> {
    topology
        .env_subnets()
        .filter(|subnet| subnet.network_acl.as_deref() == Some(id))
        .map(|subnet| subnet.id.clone())
        .collect()
}

/// Reports every flow that an ACL of the environment's subnets denies: one
/// finding per ACL and flow.
///
/// Every finding on one ACL offers the same fix, which lets all of the
/// ACL's denied flows through; applying the fixes of several findings in
/// turn therefore never undoes one another.
fn report_denied_flows(
    rule: &'static Rule,
    topology: &Topology<'_>,
    flows: &[Flow],
    findings: &mut Vec<Finding>,
) {
    for acl in env_network_acls(topology) {
        let denied: Vec<(Flow, u16)> = flows
            .iter()
            .filter_map(|flow| denied_by(acl, flow).map(|n| (*flow, n)))
            .collect();
        if denied.is_empty() {
            continue;
        }
        let subnets = env_subnets_using(topology, &acl.id);
        let fix = let_through(acl, flows).map(Fix::put);
        for (flow, number) in denied {
            let mut finding = denied_flow(rule, acl, &flow, number)
                .part(&acl.id)
                .parts(subnets.iter().cloned());
            if let Some(fix) = &fix {
                finding = finding.fix(fix.clone());
            }
            findings.push(finding);
        }
    }
}

/// The number of the rule that denies `flow`, if one does.
fn denied_by(acl: &NetworkAcl, flow: &Flow) -> Option<u16> {
    match acl.judge(flow.direction, &flow.traffic, flow.peer) {
        Verdict::Allowed(_) => None,
        Verdict::Denied(number) => Some(number),
    }
}

fn denied_flow(
    rule: &'static Rule,
    acl: &NetworkAcl,
    flow: &Flow,
    number: u16,
) -> Finding {
    if number == DEFAULT_RULE_NUMBER {
        let message = format!(
            "network ACL '{}' denies {flow} ({}): no rule allows it, so the \
             final * rule ({DEFAULT_RULE_NUMBER}) decides",
            acl.id, flow.purpose
        );
        let title = format!("Allow {flow} in '{}'", acl.id);
        return rule.finding(message, title);
    }
    let message = format!(
        "network ACL '{}' denies {flow} ({}) at rule {number}",
        acl.id, flow.purpose
    );
    let title =
        format!("Remove {} rule {number} from '{}'", flow.direction, acl.id);
    rule.finding(message, title)
}

/// `acl` changed so that every flow passes, or `None` when no rule number
/// is free for a rule a flow needs.
///
/// A flow denied by a numbered rule loses that rule; one that meets the
/// final `*` rule gains an allow rule numbered before every rule that
/// matches it, so nothing earlier can decide it.
fn let_through(acl: &NetworkAcl, flows: &[Flow]) -> Option<NetworkAcl> {
    let mut acl = acl.clone();
    for flow in flows {
        let steps = acl.rules(flow.direction).len() + 1;
        for _ in 0..steps {
            let Some(number) = denied_by(&acl, flow) else {
                break;
            };
            if number == DEFAULT_RULE_NUMBER {
                add_allow_rule(&mut acl, flow)?;
            } else {
                acl.rules_mut(flow.direction).retain(|r| r.number != number);
            }
        }
    }
    Some(acl)
}

/// Adds a rule allowing `flow`, numbered before every rule that matches it
/// and placed before the first rule with a higher number.
fn add_allow_rule(acl: &mut NetworkAcl, flow: &Flow) -> Option<()> {
    let rules = acl.rules_mut(flow.direction);
    let taken: Vec<u16> = rules.iter().map(|rule| rule.number).collect();
    let first_match = rules
        .iter()
        .filter(|rule| matches(rule, flow))
        .map(|rule| rule.number)
        .min();
    let number = free_rule_number(&taken, first_match)?;

    let place = rules
        .iter()
        .position(|rule| rule.number > number)
        .unwrap_or(rules.len());
    let allow = NetworkAclRule {
        number,
        action: Action::Allow,
        traffic: flow.traffic,
        cidr: flow.peer,
    };
    rules.insert(place, allow);
    Some(())
}

/// Whether the rule matches some of the flow's packets.
fn matches(rule: &NetworkAclRule, flow: &Flow) -> bool {
    rule.traffic.overlaps(&flow.traffic) && overlaps(rule.cidr, flow.peer)
}

/// A rule number not in `taken` for a new rule.
///
/// With `before`, the number must be lower: the highest free multiple of 10
/// below it, or failing that the highest free number below it. Without, it
/// is 100 (the number of AWS's example rule) or the next free multiple of 10
/// after it. `None` when no number fits.
fn free_rule_number(taken: &[u16], before: Option<u16>) -> Option<u16> {
    let free = |number: &u16| !taken.contains(number);
    let Some(before) = before else {
        return (ALLOW_ALL_RULE_NUMBER..=LAST_RULE_NUMBER)
            .step_by(10)
            .find(free);
    };
    let below = (1..before.min(DEFAULT_RULE_NUMBER)).rev();
    below
        .clone()
        .filter(|number| number % 10 == 0)
        .find(free)
        .or_else(|| below.clone().find(free))
}

#[cfg(test)]
mod fixtures {
    use crate::network_acl::{Action, NetworkAclRule};
    use crate::plan::Traffic;

    /// A numbered rule.
    pub(super) fn acl_rule(
        number: u16,
        action: Action,
        traffic: Traffic,
        cidr: &str,
    ) -> NetworkAclRule {
        NetworkAclRule {
            number,
            action,
            traffic,
            cidr: cidr.parse().expect("tests use valid blocks"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::free_rule_number;

    #[test]
    fn free_rule_numbers() {
        let cases: &[(&[u16], Option<u16>, Option<u16>)] = &[
            (&[], None, Some(100)),
            (&[100], None, Some(110)),
            (&[100, 110, 130], None, Some(120)),
            (&[50], None, Some(100)),
            (&[], Some(100), Some(90)),
            (&[90], Some(100), Some(80)),
            (&[100], Some(100), Some(90)),
            (&[], Some(95), Some(90)),
            (&[], Some(5), Some(4)),
            (&[4, 3], Some(5), Some(2)),
            (&[10], Some(15), Some(14)),
            (&[], Some(1), None),
            (&[1, 2], Some(3), None),
            (&[], Some(32767), Some(32760)),
        ];
        for (taken, before, expected) in cases {
            assert_eq!(
                free_rule_number(taken, *before),
                *expected,
                "taken {taken:?}, before {before:?}"
            );
        }
    }
}
