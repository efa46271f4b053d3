//! CloudFormation templates from a plan.
//!
//! A plan becomes a [`Template`] (ordered data), printed as YAML with the
//! short-form intrinsic functions or as JSON. The same plan always gives
//! the same bytes. Resources are printed in groups, always in this order:
//! VPC, Internet access, Subnets, Routing, Network ACLs, Security groups,
//! VPC endpoints, Environment. Logical ids come from the plan's names
//! ([`LogicalIds`]), and every resource that takes tags carries a `Name`
//! tag with its plan name.
//!
//! For a new VPC the template creates every part of the plan. For an
//! existing VPC it takes the VPC, subnet and route table ids as typed
//! parameters and creates only what the plan adds: security groups and VPC
//! endpoints. With [`Options::with_environment`], it also creates the MWAA
//! environment, its execution role and, unless an existing bucket is named,
//! its DAG bucket.
//!
//! # Example: export a preset
//!
//! ```
//! use mwaa_plan::cloudformation::{self, Options};
//! use mwaa_plan::presets::{self, Preset};
//!
//! let plan = presets::build(Preset::PublicInternet);
//! let yaml = cloudformation::yaml(&plan, &Options::default());
//!
//! assert!(yaml.contains("Type: AWS::EC2::NatGateway"));
//! assert!(yaml.contains("DependsOn: InternetGatewayAttachment"));
//! assert!(!yaml.contains("AWS::MWAA::Environment"));
//! ```
//!
//! # Known problems
//!
//! - A route to a target the plan does not model (`RouteTarget::Other`: a
//!   transit gateway, a VPN gateway, a peering connection, a NAT instance)
//!   cannot be created from the plan. In a new VPC the template leaves it
//!   out and its description lists it; in an existing VPC it exists
//!   already.
//! - A reference to a part the plan lacks (a route to an unknown NAT
//!   gateway, an endpoint in an unknown subnet) is left out; the
//!   `dangling-reference` and `route-target-missing` rules report it.
//!   When two parts share an id, only the first is written.
//! - Service names are `com.amazonaws.<region>.<service>`, the form MWAA's
//!   endpoints take in the standard partition; check the names of the
//!   endpoint services in the China Regions before deploying there.
//! - Security group rules leave out the characters EC2 refuses in
//!   descriptions (anything beyond ASCII letters, digits, spaces and
//!   `._-:/()#,@[]+=&;{}!$*`).

mod build;
mod description;
mod endpoints;
mod environment;
mod execution_role;
mod existing;
mod internet;
mod logical_id;
mod network;
mod network_acls;
mod outputs;
mod print;
mod routing;
mod security;
mod template;
mod text;

pub use logical_id::LogicalIds;
pub use template::{Map, Output, Parameter, Resource, Template, Value};

use crate::plan::Plan;
use build::Build;

/// What to put in a template beyond the network.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Whether to create the MWAA environment, its execution role and its
    /// DAG bucket too.
    pub with_environment: bool,
}

/// The template of a plan, as YAML.
pub fn yaml(plan: &Plan, options: &Options) -> String {
    print::yaml(&template(plan, options))
}

/// The template of a plan, as JSON.
pub fn json(plan: &Plan, options: &Options) -> String {
    print::json(&template(plan, options))
}

/// The template of a plan, as data.
///
/// # Examples
///
/// ```
/// use mwaa_plan::cloudformation::{self, Options};
/// use mwaa_plan::presets::{self, Preset};
///
/// let plan = presets::build(Preset::PrivateExistingVpc);
/// let options = Options { with_environment: true };
/// let template = cloudformation::template(&plan, &options);
///
/// assert_eq!(template.parameters[0].kind, "AWS::EC2::VPC::Id");
/// assert!(template.resource("Vpc").is_none());
/// assert_eq!(
///     template.resource("Environment").unwrap().kind,
///     "AWS::MWAA::Environment",
/// );
/// ```
pub fn template(plan: &Plan, options: &Options) -> Template {
    let mut build = Build::new(plan, options);
    if build.creates_vpc() {
        build.bind_network();
    } else {
        existing::add_parameters(&mut build);
    }
    build.bind_additions();

    if build.creates_vpc() {
        network::add_vpc(&mut build);
        internet::add(&mut build);
        network::add_subnets(&mut build);
        routing::add(&mut build);
        network_acls::add(&mut build);
    }
    security::add(&mut build);
    endpoints::add(&mut build);
    let bucket = options
        .with_environment
        .then(|| environment::add(&mut build));
    outputs::add(&mut build, bucket.as_ref());

    build.template.description = description::describe(&build);
    build.template
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The network template of `plan`.
    pub(crate) fn template_of(plan: &Plan) -> Template {
        template(plan, &Options::default())
    }
}
