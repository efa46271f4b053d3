//! The network plan of an Amazon MWAA environment: the model, CIDR planning,
//! the rules that check a plan against MWAA's networking requirements,
//! ready-made plans to start from, and the plan's export as a
//! CloudFormation template.
//!
//! This crate knows nothing of browsers or terminals: the web app and the
//! `mwaa-plan` command both build on it.
//!
//! # Example: check a plan
//!
//! ```
//! use mwaa_plan::presets::{self, Preset};
//! use mwaa_plan::{rules, Severity};
//!
//! let mut plan = presets::build(Preset::PrivateNewVpc);
//! plan.vpc.dns_hostnames = false;
//!
//! let report = rules::check(&plan);
//! let error = report.with_severity(Severity::Error).next().unwrap();
//! assert_eq!(error.rule, "endpoint-private-dns-off");
//! ```
//!
//! # Example: apply the fixes the rules offer
//!
//! ```
//! use mwaa_plan::presets::{self, Preset};
//! use mwaa_plan::rules;
//!
//! let mut plan = presets::build(Preset::PrivateNewVpc);
//! plan.endpoints.retain(|endpoint| endpoint.service != "logs");
//!
//! for finding in rules::check(&plan).findings {
//!     if let Some(fix) = &finding.fix {
//!         plan.apply(fix).unwrap();
//!     }
//! }
//! assert!(rules::check(&plan).is_ready());
//! ```

#![deny(missing_docs)]

pub mod cidr;
pub mod cloudformation;
pub mod diagram;
pub mod edit;
mod finding;
mod fix;
pub mod format;
pub mod network_acl;
mod plan;
pub mod presets;
pub mod recommended;
pub mod region;
pub mod rules;
pub mod service;
mod topology;

#[cfg(test)]
mod testing;

pub use crate::finding::{Finding, Severity};
pub use crate::fix::{Edit, EditError, Fix, Part};
pub use crate::plan::{
    Destination, Endpoint, EndpointKind, EndpointManagement, EndpointPolicy,
    Environment, InternetGateway, NatGateway, Ownership, Peer, Plan, PortRange,
    Protocol, Provenance, Route, RouteTable, RouteTarget, Routing,
    SecurityGroup, SecurityGroupRule, Subnet, Traffic, Vpc, WebserverAccess,
    ENVIRONMENT_CLASSES,
};
pub use crate::topology::Topology;
