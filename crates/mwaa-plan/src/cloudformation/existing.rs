//! Parameters for an existing VPC: the ids of the VPC, subnets and route
//! tables the template's resources need.
//!
//! The plan knows these parts by its own ids, not by AWS's, so the template
//! asks for them when the stack is created: the VPC as an
//! `AWS::EC2::VPC::Id`, each subnet an endpoint or the environment uses as
//! an `AWS::EC2::Subnet::Id` (both checked by CloudFormation, and offered
//! as lists in the console), and each route table a gateway endpoint adds
//! routes to as a `String` that must look like a route table id, since
//! CloudFormation has no parameter type for route tables. Each
//! description quotes what the plan says of the part, so the person
//! deploying can find it.

use super::build::{unique, Build, Kind, VPC_PARAMETER};
use super::endpoints::route_tables;
use super::template::Parameter;
use super::text::{description, MAX_PARAMETER_DESCRIPTION};
use crate::plan::{EndpointKind, Plan};

/// The pattern of a route table id.
const ROUTE_TABLE_PATTERN: &str = "^rtb-[0-9a-f]+$";

/// Adds a parameter for the VPC and for each subnet and route table the
/// template needs, and binds the parts to them.
pub fn add_parameters(build: &mut Build<'_>) {
    let plan = build.plan;
    let blocks: Vec<String> = plan
        .vpc
        .cidr_blocks
        .iter()
        .map(ToString::to_string)
        .collect();
    let description =
        format!("The existing VPC {} ({})", plan.vpc.name, blocks.join(", "));
    let vpc = parameter(VPC_PARAMETER.into(), "AWS::EC2::VPC::Id", description);
    build.template.parameters.push(vpc);

    let subnets = needed_subnets(plan, build.options.with_environment);
    for subnet in unique(&plan.subnets, |s| &s.id) {
        if !subnets.contains(&subnet.id) {
            continue;
        }
        let id = build.bind(Kind::Subnet, &subnet.id, &subnet.name, "SubnetId");
        let description = format!(
            "The existing subnet {} ({} in {})",
            subnet.name, subnet.cidr, subnet.availability_zone
        );
        let subnet = parameter(id, "AWS::EC2::Subnet::Id", description);
        build.template.parameters.push(subnet);
    }

    let tables = needed_route_tables(plan);
    for table in unique(&plan.route_tables, |t| &t.id) {
        if !tables.contains(&table.id) {
            continue;
        }
        let id = build.bind(
            Kind::RouteTable,
            &table.id,
            &table.name,
            "RouteTableId",
        );
        let description = format!(
            "The id (rtb-...) of the existing route table {}",
            table.name
        );
        let mut table = parameter(id, "String", description);
        table.allowed_pattern = Some(ROUTE_TABLE_PATTERN.to_owned());
        build.template.parameters.push(table);
    }
}

/// The subnets the interface endpoints use, and the environment's when
/// the template creates it.
fn needed_subnets(plan: &Plan, with_environment: bool) -> Vec<String> {
    let mut subnets: Vec<String> = plan
        .endpoints
        .iter()
        .filter(|endpoint| endpoint.kind == EndpointKind::Interface)
        .flat_map(|endpoint| endpoint.subnets.iter().cloned())
        .collect();
    if with_environment {
        subnets.extend(plan.environment.subnets.iter().cloned());
    }
    subnets
}

/// The route tables the gateway endpoints add their routes to.
fn needed_route_tables(plan: &Plan) -> Vec<String> {
    plan.endpoints
        .iter()
        .flat_map(|endpoint| route_tables(plan, endpoint))
        .collect()
}

fn parameter(id: String, kind: &str, text: String) -> Parameter {
    Parameter {
        id,
        kind: kind.to_owned(),
        description: description(&text, MAX_PARAMETER_DESCRIPTION),
        default: None,
        allowed_pattern: None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::template_of;
    use super::super::{template, Options, Template, Value};
    use crate::presets::{self, Preset};

    fn parameters(template: &Template) -> Vec<(&str, &str)> {
        template
            .parameters
            .iter()
            .map(|p| (p.id.as_str(), p.kind.as_str()))
            .collect()
    }

    #[test]
    fn the_template_asks_for_what_it_needs_by_type() {
        let template = template_of(&presets::build(Preset::PrivateExistingVpc));

        assert_eq!(
            parameters(&template),
            [
                ("VpcId", "AWS::EC2::VPC::Id"),
                ("CorpAnalyticsApp1SubnetId", "AWS::EC2::Subnet::Id"),
                ("CorpAnalyticsApp2SubnetId", "AWS::EC2::Subnet::Id"),
                ("CorpAnalyticsPrivateRouteTableId", "String"),
            ],
        );
        let table = &template.parameters[3];
        assert_eq!(table.allowed_pattern.as_deref(), Some("^rtb-[0-9a-f]+$"));
    }

    #[test]
    fn the_template_creates_only_security_groups_and_endpoints() {
        let template = template_of(&presets::build(Preset::PrivateExistingVpc));
        let kinds: std::collections::BTreeSet<&str> =
            template.resources.iter().map(|r| r.kind.as_str()).collect();

        assert_eq!(
            kinds.into_iter().collect::<Vec<_>>(),
            [
                "AWS::EC2::SecurityGroup",
                "AWS::EC2::SecurityGroupIngress",
                "AWS::EC2::VPCEndpoint",
            ],
        );
        let group = template
            .resource("AnalyticsAirflowEnvironmentSecurityGroup")
            .unwrap();
        assert_eq!(
            group.properties.get("VpcId"),
            Some(&Value::reference("VpcId"))
        );
    }

    #[test]
    fn the_environment_asks_for_its_own_subnets_too() {
        let mut plan = presets::build(Preset::PrivateExistingVpc);
        for endpoint in &mut plan.endpoints {
            endpoint.subnets.retain(|s| s == "subnet-app-1");
        }
        let network = template_of(&plan);
        let options = Options {
            with_environment: true,
        };
        let whole = template(&plan, &options);

        let has =
            |t: &Template, id: &str| t.parameters.iter().any(|p| p.id == id);
        assert!(!has(&network, "CorpAnalyticsApp2SubnetId"));
        assert!(has(&whole, "CorpAnalyticsApp2SubnetId"));
        assert!(!has(&whole, "CorpAnalyticsApp3SubnetId"));
    }
}
