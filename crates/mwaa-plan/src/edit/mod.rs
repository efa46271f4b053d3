//! Edits a user makes to a plan, beyond changing one field: switching the
//! routing, adding an Availability Zone or a subnet, carving the subnets'
//! blocks, adding and removing gateways, route tables, routes, network ACLs
//! and their rules, shaping security groups, choosing endpoints, renaming
//! parts and applying the rules' fixes.
//!
//! The web app and the command line both edit plans through these
//! functions, so an edit behaves the same wherever it is made. An edit that
//! fails leaves the plan as it was.

use crate::fix::EditError;
use crate::network_acl::{self, Direction};
use crate::plan::{
    Endpoint, Environment, InternetGateway, NatGateway, Plan, RouteTable,
    SecurityGroup, Subnet, Vpc,
};
use crate::region;
use crate::rules;

mod endpoints;
mod network_acls;
mod routes;
mod routing;
mod security_group_rules;
mod security_groups;
mod subnets;

pub use endpoints::{
    endpoint_checklist, set_endpoint, set_endpoint_policy, set_endpoint_subnet,
    ChecklistEntry,
};
pub use network_acls::{
    add_network_acl, add_network_acl_rule, remove_network_acl,
    remove_network_acl_rule,
};
pub use routes::{
    add_internet_gateway, add_nat_gateway, add_route_table, put_route,
    remove_internet_gateway, remove_nat_gateway, remove_route,
    remove_route_table, route_target_label, route_targets,
};
pub use routing::{own_route_table, route_through, set_routing};
pub use security_group_rules::{
    add_security_group_rule, remove_security_group_rule,
};
pub use security_groups::{set_self_rule, SelfRule};
pub use subnets::{
    add_availability_zone, add_subnet, carve_subnets, remove_subnet,
};

/// The prefix length of the subnets the planner carves: /24, as AWS's
/// templates use, 251 usable addresses.
pub const SUBNET_PREFIX: u8 = 24;

/// Why an edit could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanEditError {
    /// The VPC has no room left for a block of that size.
    NoRoom {
        /// The prefix length that was asked for.
        prefix_len: u8,
    },
    /// Every Availability Zone of the Region already has a subnet.
    NoFreeZone(String),
    /// The plan's Region is not one where MWAA runs.
    UnknownRegion(String),
    /// A route was given an interface endpoint, with this id, as its
    /// target: only gateway endpoints take routes.
    InterfaceEndpointTarget(String),
    /// A route to something the plan does not model was not described.
    UndescribedTarget,
    /// A network ACL already has a rule with this number in this
    /// direction.
    RuleNumberTaken {
        /// The id of the network ACL.
        acl: String,
        /// The direction of the rules.
        direction: Direction,
        /// The number asked for.
        number: u16,
    },
    /// A network ACL rule cannot have this number.
    RuleNumberOutOfRange(u16),
    /// A security group already has this rule (same traffic, same peer)
    /// in this direction.
    DuplicateRule {
        /// The id of the security group.
        group: String,
        /// The direction of the rule.
        direction: Direction,
    },
    /// An endpoint policy was not a JSON object: what is wrong, and where.
    InvalidPolicy(String),
    /// An edit named a part the plan does not have.
    Part(EditError),
}

pub(super) fn known_region(
    plan: &Plan,
) -> Result<&'static region::Region, PlanEditError> {
    region::find(&plan.region)
        .ok_or_else(|| PlanEditError::UnknownRegion(plan.region.clone()))
}

/// Renames the part with this id; its id, and so every reference to it,
/// stays the same.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::presets::{self, Preset};
///
/// let mut plan = presets::build(Preset::PublicInternet);
/// edit::rename(&mut plan, "nat-1", "egress-a").unwrap();
///
/// assert_eq!(plan.nat_gateways[0].name, "egress-a");
/// assert!(edit::rename(&mut plan, "nat-9", "x").is_err());
/// ```
pub fn rename(plan: &mut Plan, id: &str, name: &str) -> Result<(), EditError> {
    let renamed = rename_in(std::slice::from_mut(&mut plan.vpc), id, name)
        || rename_in(std::slice::from_mut(&mut plan.environment), id, name)
        || rename_in(plan.internet_gateway.as_mut_slice(), id, name)
        || rename_in(&mut plan.subnets, id, name)
        || rename_in(&mut plan.route_tables, id, name)
        || rename_in(&mut plan.nat_gateways, id, name)
        || rename_in(&mut plan.security_groups, id, name)
        || rename_in(&mut plan.network_acls, id, name)
        || rename_in(&mut plan.endpoints, id, name);
    if renamed {
        Ok(())
    } else {
        Err(EditError::UnknownPart(id.to_owned()))
    }
}

fn rename_in<T: Named>(parts: &mut [T], id: &str, name: &str) -> bool {
    match parts.iter_mut().find(|part| part.id() == id) {
        Some(part) => {
            *part.name_mut() = name.to_owned();
            true
        }
        None => false,
    }
}

/// A part with an id and a name.
trait Named {
    fn id(&self) -> &str;
    fn name_mut(&mut self) -> &mut String;
}

macro_rules! named {
    ($($part:ty),*) => {$(
        impl Named for $part {
            fn id(&self) -> &str {
                &self.id
            }

            fn name_mut(&mut self) -> &mut String {
                &mut self.name
            }
        }
    )*};
}

named!(
    Vpc,
    Environment,
    InternetGateway,
    Subnet,
    RouteTable,
    NatGateway,
    SecurityGroup,
    crate::network_acl::NetworkAcl,
    Endpoint
);

/// Applies the rules' fixes one at a time, checking the plan again after
/// each (a fix is computed against the plan as it was checked), until no
/// finding offers a fix that applies; returns how many were applied. The
/// rounds are bounded, so fixes that undo each other cannot loop forever.
///
/// # Examples
///
/// ```
/// use mwaa_plan::presets::{self, Preset};
/// use mwaa_plan::{edit, rules};
///
/// let mut plan = presets::build(Preset::PrivateNewVpc);
/// plan.endpoints.clear();
///
/// assert_eq!(edit::apply_all_fixes(&mut plan), 10);
/// assert!(rules::check(&plan).is_ready());
/// ```
pub fn apply_all_fixes(plan: &mut Plan) -> usize {
    const MOST_ROUNDS: usize = 500;
    let mut applied = 0;
    for _ in 0..MOST_ROUNDS {
        let report = rules::check(plan);
        let applied_one = report
            .findings
            .iter()
            .filter_map(|finding| finding.fix.as_ref())
            .any(|fix| plan.apply(fix).is_ok());
        if !applied_one {
            break;
        }
        applied += 1;
    }
    applied
}
impl std::fmt::Display for PlanEditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlanEditError::NoRoom { prefix_len } => write!(
                f,
                "the VPC has no free /{prefix_len} block left: add a CIDR \
                 block to the VPC or choose smaller subnets"
            ),
            PlanEditError::NoFreeZone(region) => write!(
                f,
                "every Availability Zone of {region} already has a subnet"
            ),
            PlanEditError::UnknownRegion(region) => {
                write!(f, "'{region}' is not a Region where MWAA runs")
            }
            PlanEditError::InterfaceEndpointTarget(id) => write!(
                f,
                "'{id}' is an interface endpoint, which takes no routes: \
                 choose a gateway endpoint, a NAT gateway or the internet \
                 gateway"
            ),
            PlanEditError::UndescribedTarget => f.write_str(
                "say where the route goes, such as 'transit gateway to the \
                 corporate network'",
            ),
            PlanEditError::RuleNumberTaken {
                acl,
                direction,
                number,
            } => write!(
                f,
                "'{acl}' already has an {direction} rule {number}: choose \
                 another number or remove that rule first"
            ),
            PlanEditError::RuleNumberOutOfRange(number) => f.write_str(
                &network_acl::not_a_rule_number(&number.to_string()),
            ),
            PlanEditError::DuplicateRule { group, direction } => write!(
                f,
                "'{group}' already has that {direction} rule: EC2 refuses a \
                 rule twice"
            ),
            PlanEditError::InvalidPolicy(problem) => {
                write!(f, "the policy is not valid JSON: {problem}")
            }
            PlanEditError::Part(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for PlanEditError {}

impl From<EditError> for PlanEditError {
    fn from(error: EditError) -> PlanEditError {
        PlanEditError::Part(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::{self, Preset};

    #[test]
    fn rename_reaches_every_kind_of_part() {
        let mut plan = presets::build(Preset::PublicInternet);
        let ids: Vec<String> = plan.ids().map(str::to_owned).collect();
        for id in &ids {
            rename(&mut plan, id, &format!("renamed {id}")).unwrap();
        }
        assert_eq!(plan.vpc.name, "renamed vpc");
        assert_eq!(plan.environment.name, "renamed env");
        assert_eq!(plan.internet_gateway.unwrap().name, "renamed igw");
        assert_eq!(plan.security_groups[0].name, "renamed sg-mwaa");
        assert_eq!(plan.network_acls[0].name, "renamed acl-mwaa");
        assert!(plan
            .subnets
            .iter()
            .all(|s| s.name == format!("renamed {}", s.id)));
    }
}
