//! Network ACLs and their evaluation.
//!
//! A network ACL is stateless: inbound and outbound traffic are judged
//! separately, each by its own numbered rules. AWS reads the rules from the
//! lowest number up and the first rule that matches decides; traffic no
//! numbered rule matches meets the final `*` rule (number 32767), which
//! denies it and cannot be removed. The plan stores only the numbered rules.

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};

use crate::cidr::overlaps;
use crate::plan::Traffic;

/// The number of the last, implicit rule that denies everything.
pub const DEFAULT_RULE_NUMBER: u16 = 32767;

/// The highest number a rule of the plan can have; the numbers from 1 to
/// this one are free for the plan's rules.
pub const LAST_RULE_NUMBER: u16 = DEFAULT_RULE_NUMBER - 1;

/// A network ACL.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkAcl {
    /// The plan's id of the network ACL.
    pub id: String,
    /// The network ACL's name.
    pub name: String,
    /// Inbound rules, in any order.
    #[serde(default)]
    pub ingress: Vec<NetworkAclRule>,
    /// Outbound rules, in any order.
    #[serde(default)]
    pub egress: Vec<NetworkAclRule>,
}

/// One numbered rule of a network ACL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkAclRule {
    /// The rule number, 1 to 32766: lower numbers are read first.
    pub number: u16,
    /// Whether matching traffic is allowed or denied.
    pub action: Action,
    /// The traffic the rule matches.
    #[serde(flatten)]
    pub traffic: Traffic,
    /// The other side: the source of inbound traffic, the destination of
    /// outbound traffic.
    pub cidr: Ipv4Net,
}

/// What a network ACL rule does with the traffic it matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Let it through.
    Allow,
    /// Drop it.
    Deny,
}

/// The direction of traffic through a network ACL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Into the subnet.
    Inbound,
    /// Out of the subnet.
    Outbound,
}

/// How a network ACL judges a flow of traffic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Every packet of the flow is allowed by the rule with this number
    /// (rules that allow only part of it fall through to later rules).
    Allowed(u16),
    /// Some or all of the flow is denied by the rule with this number;
    /// [`DEFAULT_RULE_NUMBER`] is the final `*` rule.
    Denied(u16),
}

impl NetworkAcl {
    /// The rules of one direction.
    pub fn rules(&self, direction: Direction) -> &[NetworkAclRule] {
        match direction {
            Direction::Inbound => &self.ingress,
            Direction::Outbound => &self.egress,
        }
    }

    /// The rules of one direction, mutably.
    pub fn rules_mut(
        &mut self,
        direction: Direction,
    ) -> &mut Vec<NetworkAclRule> {
        match direction {
            Direction::Inbound => &mut self.ingress,
            Direction::Outbound => &mut self.egress,
        }
    }

    /// The rules of one direction in the order AWS reads them: by number,
    /// lowest first.
    ///
    /// # Examples
    ///
    /// ```
    /// use mwaa_plan::network_acl::Direction;
    /// use mwaa_plan::recommended;
    ///
    /// let mut acl = recommended::allow_all_network_acl("acl", "acl");
    /// acl.ingress.push(recommended::allow_all_acl_rule(50));
    /// let numbers: Vec<u16> = acl
    ///     .rules_in_order(Direction::Inbound)
    ///     .iter()
    ///     .map(|rule| rule.number)
    ///     .collect();
    ///
    /// assert_eq!(numbers, [50, 100]);
    /// ```
    pub fn rules_in_order(&self, direction: Direction) -> Vec<&NetworkAclRule> {
        let mut rules: Vec<&NetworkAclRule> =
            self.rules(direction).iter().collect();
        rules.sort_by_key(|rule| rule.number);
        rules
    }

    /// How this ACL judges `traffic` to or from every address of `peer`.
    ///
    /// The flow is allowed only when every packet of it is: a rule that
    /// matches only part of the flow and denies it denies the flow; one that
    /// matches part of it and allows it lets the rest fall through to later
    /// rules.
    ///
    /// # Examples
    ///
    /// ```
    /// use mwaa_plan::network_acl::{
    ///     Action, Direction, NetworkAcl, NetworkAclRule, Verdict,
    /// };
    /// use mwaa_plan::Traffic;
    ///
    /// let acl = NetworkAcl {
    ///     id: "acl".into(),
    ///     name: "acl".into(),
    ///     ingress: vec![NetworkAclRule {
    ///         number: 100,
    ///         action: Action::Allow,
    ///         traffic: Traffic::ALL,
    ///         cidr: "0.0.0.0/0".parse().unwrap(),
    ///     }],
    ///     egress: vec![],
    /// };
    /// let vpc = "10.0.0.0/16".parse().unwrap();
    /// let https = Traffic::tcp(443, 443);
    ///
    /// assert_eq!(
    ///     acl.judge(Direction::Inbound, &https, vpc),
    ///     Verdict::Allowed(100),
    /// );
    /// assert_eq!(
    ///     acl.judge(Direction::Outbound, &https, vpc),
    ///     Verdict::Denied(32767),
    /// );
    /// ```
    pub fn judge(
        &self,
        direction: Direction,
        traffic: &Traffic,
        peer: Ipv4Net,
    ) -> Verdict {
        for rule in self.rules_in_order(direction) {
            if !rule.traffic.overlaps(traffic) || !overlaps(rule.cidr, peer) {
                continue;
            }
            let whole =
                rule.traffic.covers(traffic) && rule.cidr.contains(&peer);
            match (rule.action, whole) {
                (Action::Deny, _) => return Verdict::Denied(rule.number),
                (Action::Allow, true) => return Verdict::Allowed(rule.number),
                (Action::Allow, false) => continue,
            }
        }
        Verdict::Denied(DEFAULT_RULE_NUMBER)
    }
}

/// Reads a rule number, as a person types it.
///
/// # Examples
///
/// ```
/// use mwaa_plan::network_acl::parse_rule_number;
///
/// assert_eq!(parse_rule_number(" 100 "), Ok(100));
/// assert_eq!(
///     parse_rule_number("32767").unwrap_err(),
///     "'32767' is not a rule number: use a whole number from 1 to 32766",
/// );
/// ```
pub fn parse_rule_number(text: &str) -> Result<u16, String> {
    let text = text.trim();
    text.parse::<u16>()
        .ok()
        .filter(|number| is_rule_number(*number))
        .ok_or_else(|| not_a_rule_number(text))
}

/// Whether a plan's rule can have this number: 1 to [`LAST_RULE_NUMBER`].
pub fn is_rule_number(number: u16) -> bool {
    (1..=LAST_RULE_NUMBER).contains(&number)
}

pub(crate) fn not_a_rule_number(text: &str) -> String {
    format!(
        "'{text}' is not a rule number: use a whole number from 1 to \
         {LAST_RULE_NUMBER}"
    )
}

impl std::fmt::Display for Direction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Direction::Inbound => "inbound",
            Direction::Outbound => "outbound",
        })
    }
}

impl Direction {
    /// Both directions, inbound first.
    pub const BOTH: [Direction; 2] = [Direction::Inbound, Direction::Outbound];
}

impl Action {
    /// Both actions, allow first.
    pub const BOTH: [Action; 2] = [Action::Allow, Action::Deny];
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Action::Allow => "allow",
            Action::Deny => "deny",
        })
    }
}
