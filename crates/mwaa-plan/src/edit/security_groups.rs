//! Shaping the self-referencing rule of the environment's security groups.

use super::PlanEditError;
use crate::fix::EditError;
use crate::plan::{Peer, Plan, SecurityGroupRule, Traffic};
use crate::recommended;

/// What a security group lets its own members send each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelfRule {
    /// All traffic, as AWS recommends.
    AllTraffic,
    /// Only TCP 443 (web server, endpoints) and TCP 5432 (metadata
    /// database), the narrowest set MWAA works with.
    ServicePorts,
}

/// Replaces the inbound rules by which a security group admits its own
/// members with the one `rule` describes; other rules stay.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit::{self, SelfRule};
/// use mwaa_plan::presets::{self, Preset};
/// use mwaa_plan::rules;
///
/// let mut plan = presets::build(Preset::PublicInternet);
/// edit::set_self_rule(&mut plan, "sg-mwaa", SelfRule::ServicePorts).unwrap();
///
/// assert_eq!(plan.security_groups[0].ingress.len(), 2);
/// assert!(rules::check(&plan).is_ready());
/// ```
pub fn set_self_rule(
    plan: &mut Plan,
    group_id: &str,
    rule: SelfRule,
) -> Result<(), PlanEditError> {
    let group = plan
        .security_groups
        .iter_mut()
        .find(|group| group.id == group_id)
        .ok_or_else(|| EditError::UnknownPart(group_id.to_owned()))?;

    let own = Peer::SecurityGroup(group_id.to_owned());
    group.ingress.retain(|existing| existing.peer != own);
    let added = match rule {
        SelfRule::AllTraffic => {
            vec![recommended::self_referencing_rule(group_id)]
        }
        SelfRule::ServicePorts => vec![
            self_rule(group_id, 443, "HTTPS: web server and endpoints"),
            self_rule(group_id, 5432, "PostgreSQL: metadata database"),
        ],
    };
    group.ingress.splice(0..0, added);
    Ok(())
}

fn self_rule(group_id: &str, port: u16, purpose: &str) -> SecurityGroupRule {
    SecurityGroupRule {
        traffic: Traffic::tcp(port, port),
        peer: Peer::SecurityGroup(group_id.to_owned()),
        description: purpose.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::{self, Preset};
    use crate::rules;

    #[test]
    fn switching_back_and_forth_keeps_other_rules() {
        let mut plan = presets::build(Preset::PrivateNewVpc);
        let bastion = SecurityGroupRule {
            traffic: Traffic::tcp(22, 22),
            peer: Peer::Cidr("10.0.0.0/8".parse().unwrap()),
            description: String::new(),
        };
        plan.security_groups[0].ingress.push(bastion.clone());

        set_self_rule(&mut plan, "sg-mwaa", SelfRule::ServicePorts).unwrap();
        let ports: Vec<String> = plan.security_groups[0]
            .ingress
            .iter()
            .map(|rule| rule.traffic.to_string())
            .collect();
        assert_eq!(ports, ["TCP 443", "TCP 5432", "TCP 22"]);
        assert!(rules::check(&plan).is_ready());

        set_self_rule(&mut plan, "sg-mwaa", SelfRule::AllTraffic).unwrap();
        let group = &plan.security_groups[0];
        assert_eq!(group.ingress[0].traffic, Traffic::ALL);
        assert_eq!(group.ingress[1], bastion);
        assert_eq!(group.ingress.len(), 2);
    }

    #[test]
    fn an_unknown_group_is_an_error() {
        let mut plan = presets::build(Preset::PublicInternet);
        let error = set_self_rule(&mut plan, "sg-x", SelfRule::AllTraffic);
        assert_eq!(
            error,
            Err(PlanEditError::Part(EditError::UnknownPart("sg-x".into())))
        );
    }
}
