//! Adding and removing the rules of a security group.

use super::PlanEditError;
use crate::fix::EditError;
use crate::network_acl::Direction;
use crate::plan::{Plan, SecurityGroup, SecurityGroupRule};

/// Adds a rule to a security group, after its other rules of that
/// direction. EC2 refuses a rule the group already has, and so does this.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::network_acl::Direction;
/// use mwaa_plan::presets::{self, Preset};
/// use mwaa_plan::{Peer, SecurityGroupRule, Traffic};
///
/// let mut plan = presets::build(Preset::PublicInternet);
/// let ssh = SecurityGroupRule {
///     traffic: Traffic::tcp(22, 22),
///     peer: Peer::Cidr("10.0.0.0/8".parse().unwrap()),
///     description: "SSH from the office".into(),
/// };
/// edit::add_security_group_rule(&mut plan, "sg-mwaa", Direction::Inbound, ssh.clone())
///     .unwrap();
///
/// assert_eq!(plan.security_groups[0].ingress[1], ssh);
/// assert!(edit::add_security_group_rule(&mut plan, "sg-mwaa", Direction::Inbound, ssh)
///     .is_err());
/// ```
pub fn add_security_group_rule(
    plan: &mut Plan,
    group_id: &str,
    direction: Direction,
    rule: SecurityGroupRule,
) -> Result<(), PlanEditError> {
    let group = group_mut(plan, group_id)?;
    let rules = rules_mut(group, direction);
    let duplicate = rules
        .iter()
        .any(|old| old.traffic == rule.traffic && old.peer == rule.peer);
    if duplicate {
        return Err(PlanEditError::DuplicateRule {
            group: group_id.to_owned(),
            direction,
        });
    }
    rules.push(rule);
    Ok(())
}

/// Removes the rule at `index` among a security group's rules of one
/// direction.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::network_acl::Direction;
/// use mwaa_plan::presets::{self, Preset};
///
/// let mut plan = presets::build(Preset::PublicInternet);
/// edit::remove_security_group_rule(&mut plan, "sg-mwaa", Direction::Outbound, 0)
///     .unwrap();
///
/// assert!(plan.security_groups[0].egress.is_empty());
/// ```
pub fn remove_security_group_rule(
    plan: &mut Plan,
    group_id: &str,
    direction: Direction,
    index: usize,
) -> Result<(), PlanEditError> {
    let group = group_mut(plan, group_id)?;
    let rules = rules_mut(group, direction);
    if index >= rules.len() {
        return Err(EditError::UnknownPart(format!(
            "{direction} rule {} of {group_id}",
            index + 1
        ))
        .into());
    }
    rules.remove(index);
    Ok(())
}

fn group_mut<'p>(
    plan: &'p mut Plan,
    group_id: &str,
) -> Result<&'p mut SecurityGroup, PlanEditError> {
    plan.security_groups
        .iter_mut()
        .find(|group| group.id == group_id)
        .ok_or_else(|| EditError::UnknownPart(group_id.to_owned()).into())
}

fn rules_mut(
    group: &mut SecurityGroup,
    direction: Direction,
) -> &mut Vec<SecurityGroupRule> {
    match direction {
        Direction::Inbound => &mut group.ingress,
        Direction::Outbound => &mut group.egress,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Peer, Traffic};
    use crate::presets::{self, Preset};

    fn https_from(block: &str) -> SecurityGroupRule {
        SecurityGroupRule {
            traffic: Traffic::tcp(443, 443),
            peer: Peer::Cidr(block.parse().unwrap()),
            description: String::new(),
        }
    }

    #[test]
    fn adding_and_removing_rules() {
        let mut plan = presets::build(Preset::PrivateNewVpc);
        let cases: [(&str, Direction, &str, Result<usize, PlanEditError>); 4] = [
            ("sg-mwaa", Direction::Inbound, "10.0.0.0/8", Ok(2)),
            (
                "sg-mwaa",
                Direction::Inbound,
                "10.0.0.0/8",
                Err(PlanEditError::DuplicateRule {
                    group: "sg-mwaa".into(),
                    direction: Direction::Inbound,
                }),
            ),
            ("sg-mwaa", Direction::Outbound, "10.0.0.0/8", Ok(2)),
            (
                "sg-none",
                Direction::Inbound,
                "10.0.0.0/8",
                Err(EditError::UnknownPart("sg-none".into()).into()),
            ),
        ];
        for (group, direction, block, expected) in cases {
            let result = add_security_group_rule(
                &mut plan,
                group,
                direction,
                https_from(block),
            )
            .map(|()| {
                let group = &plan.security_groups[0];
                match direction {
                    Direction::Inbound => group.ingress.len(),
                    Direction::Outbound => group.egress.len(),
                }
            });
            assert_eq!(result, expected, "{group} {direction} {block}");
        }

        let before = plan.clone();
        assert!(remove_security_group_rule(
            &mut plan,
            "sg-mwaa",
            Direction::Inbound,
            5
        )
        .is_err());
        assert_eq!(plan, before);
    }
}
