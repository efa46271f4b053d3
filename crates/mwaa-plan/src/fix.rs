//! Fixes: edits the library can apply to a plan.
//!
//! An edit either puts a part (adding it, or replacing the part with the same
//! id) or removes a part by id. A fix is the list of edits that mends one
//! finding; it is computed from the plan as it was checked and names every
//! part it touches by id, so it can be shown, stored and applied later.

use serde::{Deserialize, Serialize};

use crate::network_acl::NetworkAcl;
use crate::plan::{
    Endpoint, Environment, InternetGateway, NatGateway, Plan, RouteTable,
    SecurityGroup, Subnet, Vpc,
};

/// The edits that mend one finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fix {
    /// The edits, applied in order.
    pub edits: Vec<Edit>,
}

/// One change to a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Edit {
    /// Adds the part, or replaces the part with the same id.
    Put(Part),
    /// Removes the part with this id.
    Remove(String),
}

/// Any part of a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The VPC.
    Vpc(Vpc),
    /// The internet gateway.
    InternetGateway(InternetGateway),
    /// A subnet.
    Subnet(Subnet),
    /// A route table.
    RouteTable(RouteTable),
    /// A NAT gateway.
    NatGateway(NatGateway),
    /// A security group.
    SecurityGroup(SecurityGroup),
    /// A network ACL.
    NetworkAcl(NetworkAcl),
    /// A VPC endpoint.
    Endpoint(Endpoint),
    /// The environment.
    Environment(Environment),
}

/// Why an edit could not be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    /// No part has this id.
    UnknownPart(String),
    /// The VPC and the environment can be replaced but not removed.
    CannotRemove(String),
}

impl Fix {
    /// A fix of a single edit.
    pub fn new(edit: Edit) -> Fix {
        Fix { edits: vec![edit] }
    }

    /// A fix that puts one part.
    pub fn put(part: impl Into<Part>) -> Fix {
        Fix::new(Edit::Put(part.into()))
    }

    /// Adds an edit after the others.
    pub fn then(mut self, edit: Edit) -> Fix {
        self.edits.push(edit);
        self
    }

    /// Adds an edit that puts a part.
    pub fn then_put(self, part: impl Into<Part>) -> Fix {
        self.then(Edit::Put(part.into()))
    }
}

impl Plan {
    /// Applies a fix, edit by edit. If an edit fails, the plan is left as it
    /// was before the fix.
    pub fn apply(&mut self, fix: &Fix) -> Result<(), EditError> {
        let mut edited = self.clone();
        for edit in &fix.edits {
            edited.apply_edit(edit)?;
        }
        *self = edited;
        Ok(())
    }

    /// Applies one edit.
    pub fn apply_edit(&mut self, edit: &Edit) -> Result<(), EditError> {
        match edit {
            Edit::Put(part) => {
                self.put(part.clone());
                Ok(())
            }
            Edit::Remove(id) => self.remove(id),
        }
    }

    fn put(&mut self, part: Part) {
        match part {
            Part::Vpc(vpc) => self.vpc = vpc,
            Part::Environment(environment) => self.environment = environment,
            Part::InternetGateway(gateway) => {
                self.internet_gateway = Some(gateway)
            }
            Part::Subnet(subnet) => {
                upsert(&mut self.subnets, subnet, |s| &s.id)
            }
            Part::RouteTable(table) => {
                upsert(&mut self.route_tables, table, |t| &t.id)
            }
            Part::NatGateway(nat) => {
                upsert(&mut self.nat_gateways, nat, |n| &n.id)
            }
            Part::SecurityGroup(group) => {
                upsert(&mut self.security_groups, group, |g| &g.id)
            }
            Part::NetworkAcl(acl) => {
                upsert(&mut self.network_acls, acl, |a| &a.id)
            }
            Part::Endpoint(endpoint) => {
                upsert(&mut self.endpoints, endpoint, |e| &e.id)
            }
        }
    }

    fn remove(&mut self, id: &str) -> Result<(), EditError> {
        if self.vpc.id == id || self.environment.id == id {
            return Err(EditError::CannotRemove(id.to_owned()));
        }
        if self.internet_gateway.as_ref().is_some_and(|g| g.id == id) {
            self.internet_gateway = None;
            return Ok(());
        }
        let removed = remove_by_id(&mut self.subnets, id, |s| &s.id)
            || remove_by_id(&mut self.route_tables, id, |t| &t.id)
            || remove_by_id(&mut self.nat_gateways, id, |n| &n.id)
            || remove_by_id(&mut self.security_groups, id, |g| &g.id)
            || remove_by_id(&mut self.network_acls, id, |a| &a.id)
            || remove_by_id(&mut self.endpoints, id, |e| &e.id);
        if removed {
            Ok(())
        } else {
            Err(EditError::UnknownPart(id.to_owned()))
        }
    }
}

fn upsert<T>(parts: &mut Vec<T>, part: T, id: impl Fn(&T) -> &String) {
    match parts.iter().position(|old| id(old) == id(&part)) {
        Some(index) => parts[index] = part,
        None => parts.push(part),
    }
}

fn remove_by_id<T>(
    parts: &mut Vec<T>,
    target: &str,
    id: impl Fn(&T) -> &String,
) -> bool {
    let before = parts.len();
    parts.retain(|part| id(part) != target);
    parts.len() != before
}

macro_rules! part_from {
    ($($variant:ident),*) => {$(
        impl From<$variant> for Part {
            fn from(part: $variant) -> Part {
                Part::$variant(part)
            }
        }
    )*};
}

part_from!(
    Vpc,
    InternetGateway,
    Subnet,
    RouteTable,
    NatGateway,
    SecurityGroup,
    NetworkAcl,
    Endpoint,
    Environment
);

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::UnknownPart(id) => {
                write!(f, "no part of the plan has the id '{id}'")
            }
            EditError::CannotRemove(id) => write!(
                f,
                "'{id}' cannot be removed: a plan always has a VPC and an \
                 environment"
            ),
        }
    }
}

impl std::error::Error for EditError {}
