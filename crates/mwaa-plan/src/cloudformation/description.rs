//! The template's description: one sentence naming the plan and what the
//! template creates, and what it leaves out.
//!
//! The counts come from the finished template, so the description says
//! what the template does rather than what the plan intends. Routes to
//! targets the plan does not model (transit gateways, peering connections,
//! NAT instances) cannot be created in a new VPC; the description lists
//! them so the person deploying adds them once the stack exists.

use super::build::Build;
use super::text::{description, MAX_DESCRIPTION};
use crate::plan::{Destination, Plan, RouteTarget};

/// What the template creates, by resource type, in the words of the
/// description: singular, plural.
const PARTS: [(&str, &str, &str); 7] = [
    ("AWS::EC2::Subnet", "subnet", "subnets"),
    (
        "AWS::EC2::InternetGateway",
        "internet gateway",
        "internet gateways",
    ),
    ("AWS::EC2::NatGateway", "NAT gateway", "NAT gateways"),
    ("AWS::EC2::RouteTable", "route table", "route tables"),
    ("AWS::EC2::NetworkAcl", "network ACL", "network ACLs"),
    (
        "AWS::EC2::SecurityGroup",
        "security group",
        "security groups",
    ),
    ("AWS::EC2::VPCEndpoint", "VPC endpoint", "VPC endpoints"),
];

/// The description of the template built so far.
pub fn describe(build: &Build<'_>) -> String {
    let plan = build.plan;
    let parts = list(&counts(build));
    let blocks: Vec<String> = plan
        .vpc
        .cidr_blocks
        .iter()
        .map(ToString::to_string)
        .collect();
    let (vpc, blocks) = (&plan.vpc.name, blocks.join(", "));
    let mut text = if build.creates_vpc() {
        format!(
            "Network of the MWAA plan {}: a new VPC {vpc} ({blocks}) with \
             {parts}.",
            plan.name
        )
    } else {
        format!(
            "Network of the MWAA plan {} in the existing VPC {vpc} \
             ({blocks}), which the template takes with its subnets and \
             route tables as parameters, adding {parts}.",
            plan.name
        )
    };
    if build.options.with_environment {
        text.push_str(&environment(plan));
    }
    if build.creates_vpc() {
        text.push_str(&left_out(plan));
    }
    description(&text, MAX_DESCRIPTION)
}

/// "3 subnets", "an internet gateway", ... for each kind the template
/// creates.
fn counts(build: &Build<'_>) -> Vec<String> {
    let resources = &build.template.resources;
    PARTS
        .iter()
        .filter_map(|(kind, one, many)| {
            let n = resources.iter().filter(|r| r.kind == *kind).count();
            match n {
                0 => None,
                1 if kind.ends_with("InternetGateway") => {
                    Some(format!("an {one}"))
                }
                1 => Some(format!("1 {one}")),
                n => Some(format!("{n} {many}")),
            }
        })
        .collect()
}

fn environment(plan: &Plan) -> String {
    let name = &plan.environment.name;
    match plan.environment.dag_bucket {
        Some(_) => format!(
            " It also creates the MWAA environment {name} and its execution \
             role, with the DAGs in an existing bucket given as a parameter."
        ),
        None => format!(
            " It also creates the MWAA environment {name}, its execution \
             role and a versioned, private DAG bucket."
        ),
    }
}

/// The sentence naming the routes the template leaves out, or nothing.
fn left_out(plan: &Plan) -> String {
    let routes: Vec<String> = plan
        .route_tables
        .iter()
        .flat_map(|table| table.routes.iter().map(move |route| (table, route)))
        .filter_map(|(table, route)| match &route.target {
            RouteTarget::Other(what) => {
                Some(route_text(&route.destination, &table.name, what))
            }
            _ => None,
        })
        .collect();
    match routes.len() {
        0 => String::new(),
        1 => format!(
            " It leaves out a route to a target outside the plan ({}): add \
             it once the stack exists.",
            routes.join("")
        ),
        n => format!(
            " It leaves out {n} routes to targets outside the plan ({}): add \
             them once the stack exists.",
            routes.join("; ")
        ),
    }
}

fn route_text(destination: &Destination, table: &str, target: &str) -> String {
    format!("{destination} in {table} to {target}")
}

/// `a, b and c`.
fn list(items: &[String]) -> String {
    match items {
        [] => "nothing".to_owned(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::template_of;
    use super::super::{template, Options};
    use crate::plan::{Destination, Route, RouteTarget};
    use crate::presets::{self, Preset};

    #[test]
    fn a_new_vpc_is_described_by_what_it_holds() {
        let template = template_of(&presets::build(Preset::PublicInternet));
        assert_eq!(
            template.description,
            "Network of the MWAA plan mwaa-public: a new VPC mwaa-public-vpc \
             (10.192.0.0/16) with 4 subnets, an internet gateway, 2 NAT \
             gateways, 3 route tables, 1 network ACL and 1 security group."
        );
    }

    #[test]
    fn an_existing_vpc_is_described_by_what_the_template_adds() {
        let plan = presets::build(Preset::PrivateExistingVpc);
        let options = Options {
            with_environment: true,
        };
        let text = template(&plan, &options).description;

        assert!(
            text.contains("in the existing VPC corp-analytics"),
            "{text}"
        );
        assert!(text.contains("adding 1 security group and 10 VPC endpoints."));
        assert!(text.contains("MWAA environment analytics-airflow"));
        assert!(!text.contains("leaves out"), "{text}");
    }

    #[test]
    fn routes_the_template_cannot_create_are_named() {
        let mut plan = presets::build(Preset::PrivateNewVpc);
        plan.route_tables[0].routes.push(Route {
            destination: Destination::Cidr("10.0.0.0/8".parse().unwrap()),
            target: RouteTarget::Other("transit gateway".into()),
        });
        let text = template_of(&plan).description;

        assert!(
            text.ends_with(
                " It leaves out a route to a target outside the plan \
                 (10.0.0.0/8 in mwaa-private to transit gateway): add it \
                 once the stack exists."
            ),
            "{text}"
        );
    }

    #[test]
    fn long_descriptions_are_cut_to_what_cloudformation_takes() {
        let mut plan = presets::build(Preset::PrivateNewVpc);
        plan.name = "\u{e9}".repeat(2000);
        let text = template_of(&plan).description;

        assert!(text.len() <= 1024);
        assert!(text.ends_with("..."));
    }
}
