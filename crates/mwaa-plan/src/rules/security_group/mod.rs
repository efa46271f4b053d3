//! Rules: security groups.
//!
//! The environment's network interfaces carry all of its security groups at
//! once. An inbound rule of one environment group whose peer is another
//! environment group therefore admits the environment's own traffic just as
//! a rule naming the group itself does: both count as self-referencing.

use super::Rule;
use crate::plan::{Peer, SecurityGroup, SecurityGroupRule};
use crate::topology::Topology;

mod egress;
mod open_ingress;
mod port_pair;
mod self_reference;

pub(super) const RULES: &[&Rule] = &[
    &self_reference::RULE,
    &port_pair::RULE,
    &egress::RULE,
    &open_ingress::RULE,
];

/// The inbound rules of the environment's security groups whose peer is one
/// of those groups: what the environment admits from itself.
fn env_to_env_rules<'p>(topology: &Topology<'p>) -> Vec<&'p SecurityGroupRule> {
    topology
        .env_security_groups()
        .flat_map(|group| &group.ingress)
        .filter(|rule| is_env_group(topology, &rule.peer))
        .collect()
}

/// Whether `peer` is one of the environment's security groups.
fn is_env_group(topology: &Topology<'_>, peer: &Peer) -> bool {
    match peer {
        Peer::SecurityGroup(id) => topology.is_env_security_group(id),
        Peer::Cidr(_) | Peer::PrefixList(_) => false,
    }
}

/// The ids of the environment's security groups that exist, quoted and
/// joined for a message: `'sg-a', 'sg-b'`.
fn quoted_ids(groups: &[&SecurityGroup]) -> String {
    let ids: Vec<String> = groups
        .iter()
        .map(|group| format!("'{}'", group.id))
        .collect();
    ids.join(", ")
}

/// A peer as a message names it.
fn describe_peer(peer: &Peer) -> String {
    match peer {
        Peer::Cidr(block) => block.to_string(),
        Peer::SecurityGroup(id) => format!("security group '{id}'"),
        Peer::PrefixList(id) => format!("prefix list '{id}'"),
    }
}

/// A copy of `group` with `rules` added to its inbound rules.
fn with_ingress(
    group: &SecurityGroup,
    rules: impl IntoIterator<Item = SecurityGroupRule>,
) -> SecurityGroup {
    let mut group = group.clone();
    group.ingress.extend(rules);
    group
}

/// Parts the rules' tests build.
#[cfg(test)]
mod fixtures {
    use crate::plan::{Peer, Plan, SecurityGroup, SecurityGroupRule, Traffic};

    /// A rule of `traffic` with `peer`.
    pub(super) fn sg_rule(traffic: Traffic, peer: Peer) -> SecurityGroupRule {
        SecurityGroupRule {
            traffic,
            peer,
            description: String::new(),
        }
    }

    /// The security group `id` as a peer.
    pub(super) fn group(id: &str) -> Peer {
        Peer::SecurityGroup(id.to_owned())
    }

    /// An IPv4 or IPv6 block as a peer.
    pub(super) fn block(text: &str) -> Peer {
        Peer::Cidr(text.parse().expect("tests use valid blocks"))
    }

    /// Adds `id` to the plan and to the environment's groups, without
    /// rules.
    pub(super) fn add_env_group(plan: &mut Plan, id: &str) {
        plan.security_groups.push(SecurityGroup {
            id: id.to_owned(),
            name: id.to_owned(),
            description: String::new(),
            ingress: Vec::new(),
            egress: Vec::new(),
        });
        plan.environment.security_groups.push(id.to_owned());
    }
}
