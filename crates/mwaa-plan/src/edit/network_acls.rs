//! Editing network ACLs: adding and removing them, and their numbered
//! rules.

use super::PlanEditError;
use crate::fix::EditError;
use crate::network_acl::{self, Direction, NetworkAcl, NetworkAclRule};
use crate::plan::Plan;
use crate::recommended;

/// Adds a network ACL that allows all traffic both ways, as AWS's example
/// ACL for MWAA does, used by no subnet yet; returns its id, new to the
/// plan.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::presets::{self, Preset};
///
/// let mut plan = presets::build(Preset::PublicInternet);
/// let id = edit::add_network_acl(&mut plan);
///
/// assert_eq!(id, "acl");
/// assert_eq!(plan.network_acls[1].ingress[0].number, 100);
/// ```
pub fn add_network_acl(plan: &mut Plan) -> String {
    let id = plan.unique_id("acl");
    let name = format!("{}-{id}", plan.name);
    plan.network_acls
        .push(recommended::allow_all_network_acl(&id, &name));
    id
}

/// Removes a network ACL; the subnets that used it fall back to the VPC's
/// default network ACL, which allows all traffic.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::presets::{self, Preset};
///
/// let mut plan = presets::build(Preset::PublicInternet);
/// edit::remove_network_acl(&mut plan, "acl-mwaa").unwrap();
///
/// assert!(plan.subnets.iter().all(|s| s.network_acl.is_none()));
/// assert!(edit::remove_network_acl(&mut plan, "acl-mwaa").is_err());
/// ```
pub fn remove_network_acl(
    plan: &mut Plan,
    id: &str,
) -> Result<(), PlanEditError> {
    network_acl_mut(plan, id)?;
    plan.network_acls.retain(|acl| acl.id != id);
    for subnet in &mut plan.subnets {
        if subnet.network_acl.as_deref() == Some(id) {
            subnet.network_acl = None;
        }
    }
    Ok(())
}

/// Adds a numbered rule to one direction of a network ACL.
///
/// The number must be free in that direction and between 1 and
/// [`network_acl::LAST_RULE_NUMBER`]. Ports are kept only for the
/// protocols that have them (TCP and UDP).
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::network_acl::{Action, Direction, NetworkAclRule};
/// use mwaa_plan::presets::{self, Preset};
/// use mwaa_plan::Traffic;
///
/// let mut plan = presets::build(Preset::PublicInternet);
/// let mut rule = NetworkAclRule {
///     number: 50,
///     action: Action::Deny,
///     traffic: Traffic::tcp(5432, 5432),
///     cidr: "0.0.0.0/0".parse().unwrap(),
/// };
/// edit::add_network_acl_rule(&mut plan, "acl-mwaa", Direction::Inbound, rule.clone())
///     .unwrap();
/// assert_eq!(plan.network_acls[0].ingress.len(), 2);
///
/// rule.number = 100;
/// let error = edit::add_network_acl_rule(
///     &mut plan,
///     "acl-mwaa",
///     Direction::Inbound,
///     rule,
/// );
/// assert_eq!(
///     error.unwrap_err().to_string(),
///     "'acl-mwaa' already has an inbound rule 100: choose another number \
///      or remove that rule first",
/// );
/// ```
pub fn add_network_acl_rule(
    plan: &mut Plan,
    acl_id: &str,
    direction: Direction,
    mut rule: NetworkAclRule,
) -> Result<(), PlanEditError> {
    if !network_acl::is_rule_number(rule.number) {
        return Err(PlanEditError::RuleNumberOutOfRange(rule.number));
    }
    let acl = network_acl_mut(plan, acl_id)?;
    let rules = acl.rules_mut(direction);
    if rules.iter().any(|old| old.number == rule.number) {
        return Err(PlanEditError::RuleNumberTaken {
            acl: acl_id.to_owned(),
            direction,
            number: rule.number,
        });
    }
    if !rule.traffic.protocol.has_ports() {
        rule.traffic.ports = None;
    }
    rules.push(rule);
    Ok(())
}

/// Removes the rule with this number from one direction of a network ACL,
/// if it has one.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::network_acl::Direction;
/// use mwaa_plan::presets::{self, Preset};
///
/// let mut plan = presets::build(Preset::PublicInternet);
/// edit::remove_network_acl_rule(&mut plan, "acl-mwaa", Direction::Outbound, 100)
///     .unwrap();
///
/// assert!(plan.network_acls[0].egress.is_empty());
/// assert_eq!(plan.network_acls[0].ingress.len(), 1);
/// ```
pub fn remove_network_acl_rule(
    plan: &mut Plan,
    acl_id: &str,
    direction: Direction,
    number: u16,
) -> Result<(), PlanEditError> {
    let acl = network_acl_mut(plan, acl_id)?;
    acl.rules_mut(direction)
        .retain(|rule| rule.number != number);
    Ok(())
}

fn network_acl_mut<'p>(
    plan: &'p mut Plan,
    id: &str,
) -> Result<&'p mut NetworkAcl, PlanEditError> {
    plan.network_acls
        .iter_mut()
        .find(|acl| acl.id == id)
        .ok_or_else(|| EditError::UnknownPart(id.to_owned()).into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network_acl::Action;
    use crate::plan::{PortRange, Protocol, Traffic};
    use crate::presets::{self, Preset};
    use crate::rules;

    fn rule(number: u16, action: Action, traffic: Traffic) -> NetworkAclRule {
        NetworkAclRule {
            number,
            action,
            traffic,
            cidr: "0.0.0.0/0".parse().unwrap(),
        }
    }

    fn deny_5432(number: u16) -> NetworkAclRule {
        rule(number, Action::Deny, Traffic::tcp(5432, 5432))
    }

    #[test]
    fn add_network_acl_rule_refuses_taken_and_impossible_numbers() {
        use Direction::{Inbound, Outbound};
        let taken = |direction, number| PlanEditError::RuleNumberTaken {
            acl: "acl-mwaa".into(),
            direction,
            number,
        };
        let unknown = PlanEditError::Part(EditError::UnknownPart("acl".into()));
        let cases = [
            ("acl-mwaa", Inbound, deny_5432(50), Ok(())),
            ("acl-mwaa", Outbound, deny_5432(32766), Ok(())),
            (
                "acl-mwaa",
                Inbound,
                deny_5432(100),
                Err(taken(Inbound, 100)),
            ),
            (
                "acl-mwaa",
                Outbound,
                deny_5432(100),
                Err(taken(Outbound, 100)),
            ),
            (
                "acl-mwaa",
                Inbound,
                deny_5432(0),
                Err(PlanEditError::RuleNumberOutOfRange(0)),
            ),
            (
                "acl-mwaa",
                Inbound,
                deny_5432(32767),
                Err(PlanEditError::RuleNumberOutOfRange(32767)),
            ),
            ("acl", Inbound, deny_5432(50), Err(unknown)),
        ];
        for (acl, direction, added, expected) in cases {
            let mut plan = presets::build(Preset::PublicInternet);
            let before = plan.clone();
            let number = added.number;
            let result = add_network_acl_rule(&mut plan, acl, direction, added);
            assert_eq!(result, expected, "{acl} {direction} {number}");
            if result.is_err() {
                assert_eq!(plan, before, "{acl} {direction} {number}");
            }
        }
    }

    #[test]
    fn error_messages_say_what_to_do() {
        let cases = [
            (
                PlanEditError::RuleNumberTaken {
                    acl: "acl-mwaa".into(),
                    direction: Direction::Outbound,
                    number: 100,
                },
                "'acl-mwaa' already has an outbound rule 100: choose another \
                 number or remove that rule first",
            ),
            (
                PlanEditError::RuleNumberOutOfRange(0),
                "'0' is not a rule number: use a whole number from 1 to 32766",
            ),
        ];
        for (error, message) in cases {
            assert_eq!(error.to_string(), message);
        }
    }

    #[test]
    fn ports_stay_only_with_tcp_and_udp() {
        let cases = [
            (Protocol::Tcp, Some(PortRange::single(22))),
            (Protocol::Udp, Some(PortRange::single(22))),
            (Protocol::Icmp, None),
            (Protocol::All, None),
        ];
        for (protocol, kept) in cases {
            let mut plan = presets::build(Preset::PublicInternet);
            let traffic = Traffic {
                protocol,
                ports: Some(PortRange::single(22)),
            };
            let added = rule(200, Action::Allow, traffic);
            add_network_acl_rule(
                &mut plan,
                "acl-mwaa",
                Direction::Inbound,
                added,
            )
            .unwrap();
            let stored = &plan.network_acls[0].ingress[1];
            assert_eq!(stored.traffic.ports, kept, "{protocol}");
        }
    }

    #[test]
    fn a_denying_rule_fires_n501_until_it_is_removed() {
        let mut plan = presets::build(Preset::PublicInternet);
        add_network_acl_rule(
            &mut plan,
            "acl-mwaa",
            Direction::Inbound,
            deny_5432(50),
        )
        .unwrap();
        let report = rules::check(&plan);
        assert!(report.findings.iter().any(|f| f.code == "N501"));

        remove_network_acl_rule(&mut plan, "acl-mwaa", Direction::Inbound, 50)
            .unwrap();
        assert_eq!(plan, presets::build(Preset::PublicInternet));
        assert!(remove_network_acl_rule(
            &mut plan,
            "acl-9",
            Direction::Inbound,
            50
        )
        .is_err());
    }

    #[test]
    fn added_and_removed_acls_leave_no_reference_behind() {
        let mut plan = presets::build(Preset::PublicInternet);
        assert_eq!(add_network_acl(&mut plan), "acl");
        assert_eq!(add_network_acl(&mut plan), "acl-2");
        assert_eq!(plan.network_acls[2].name, "mwaa-public-acl-2");

        remove_network_acl(&mut plan, "acl-mwaa").unwrap();
        assert!(plan.subnets.iter().all(|s| s.network_acl.is_none()));
        let report = rules::check(&plan);
        assert!(report
            .findings
            .iter()
            .all(|f| f.rule != "dangling-reference"));
        assert!(report.is_ready());
    }
}
