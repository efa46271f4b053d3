//! VPC endpoints, in a new VPC or an existing one.
//!
//! The service name is built from the Region the stack runs in
//! (`com.amazonaws.${AWS::Region}.logs`). An interface endpoint gets its
//! subnets, security groups and private DNS setting; a gateway endpoint
//! its route tables, where it adds its own prefix-list routes. A route
//! table whose routes send traffic to a gateway endpoint is added to that
//! endpoint's route tables, since that is how such a route comes to be.
//! The policy is written only when the plan has a policy of its own;
//! otherwise AWS's default full-access policy applies.

use super::build::{unique, Build, Group, Kind};
use super::template::{Map, Value};
use super::text::{name_tag, sub_literal};
use crate::plan::{Endpoint, EndpointKind, EndpointPolicy, Plan, RouteTarget};

/// Adds every VPC endpoint.
pub fn add(build: &mut Build<'_>) {
    let plan = build.plan;
    for endpoint in unique(&plan.endpoints, |e| &e.id) {
        add_endpoint(build, endpoint);
    }
}

/// The ids of the route tables a gateway endpoint adds its routes to: its
/// own list, then every table with a route to it, each once. An interface
/// endpoint has none.
pub fn route_tables(plan: &Plan, endpoint: &Endpoint) -> Vec<String> {
    if endpoint.kind != EndpointKind::Gateway {
        return Vec::new();
    }
    let target = RouteTarget::GatewayEndpoint(endpoint.id.clone());
    let routing = plan
        .route_tables
        .iter()
        .filter(|table| table.routes.iter().any(|r| r.target == target))
        .map(|table| &table.id);
    let mut tables: Vec<String> = Vec::new();
    for table in endpoint.route_tables.iter().chain(routing) {
        if !tables.contains(table) {
            tables.push(table.clone());
        }
    }
    tables
}

fn add_endpoint(build: &mut Build<'_>, endpoint: &Endpoint) {
    let Some(id) = build.logical(Kind::Endpoint, &endpoint.id) else {
        return;
    };
    let id = id.to_owned();
    let service = format!(
        "com.amazonaws.${{AWS::Region}}.{}",
        sub_literal(&endpoint.service)
    );
    let mut properties = Map::new()
        .with("VpcId", build.vpc())
        .with("ServiceName", Value::Sub(service));
    match endpoint.kind {
        EndpointKind::Interface => {
            add_interface(build, endpoint, &mut properties)
        }
        EndpointKind::Gateway => add_gateway(build, endpoint, &mut properties),
    }
    if let EndpointPolicy::Custom(policy) = &endpoint.policy {
        properties.insert("PolicyDocument", template_value(policy));
    }
    properties.insert("Tags", name_tag(&endpoint.name));
    let kind = "AWS::EC2::VPCEndpoint";
    build.add(Group::Endpoints, id, kind, properties);
}

fn add_interface(build: &Build<'_>, endpoint: &Endpoint, properties: &mut Map) {
    properties.insert("VpcEndpointType", "Interface");
    properties.insert("PrivateDnsEnabled", endpoint.private_dns);
    let subnets = build.references(Kind::Subnet, &endpoint.subnets);
    if !subnets.is_empty() {
        properties.insert("SubnetIds", subnets);
    }
    let groups = build.group_ids(&endpoint.security_groups);
    if !groups.is_empty() {
        properties.insert("SecurityGroupIds", groups);
    }
}

fn add_gateway(build: &Build<'_>, endpoint: &Endpoint, properties: &mut Map) {
    properties.insert("VpcEndpointType", "Gateway");
    let tables = route_tables(build.plan, endpoint);
    let tables = build.references(Kind::RouteTable, &tables);
    if !tables.is_empty() {
        properties.insert("RouteTableIds", tables);
    }
}

/// A JSON policy document as a template value. Numbers beyond 64-bit
/// integers become text: IAM's grammar has no numbers outside condition
/// values, and reads those as text either way.
fn template_value(json: &serde_json::Value) -> Value {
    match json {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(flag) => Value::Bool(*flag),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(integer) => Value::Integer(integer),
            None => Value::String(n.to_string()),
        },
        serde_json::Value::String(text) => Value::String(text.clone()),
        serde_json::Value::Array(items) => {
            Value::List(items.iter().map(template_value).collect())
        }
        serde_json::Value::Object(members) => {
            let mut map = Map::new();
            for (key, value) in members {
                map.insert(key, template_value(value));
            }
            Value::Map(map)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::template_of;
    use super::super::{Map, Value};
    use crate::plan::{EndpointPolicy, Route, RouteTarget};
    use crate::presets::{self, Preset};

    #[test]
    fn interface_endpoints_name_their_service_subnets_and_groups() {
        let template = template_of(&presets::build(Preset::PrivateNewVpc));
        let logs = template.resource("MwaaPrivateLogsEndpoint").unwrap();
        let get = |key: &str| logs.properties.get(key).cloned();

        assert_eq!(
            get("ServiceName"),
            Some(Value::Sub("com.amazonaws.${AWS::Region}.logs".into())),
        );
        assert_eq!(get("VpcEndpointType"), Some("Interface".into()));
        assert_eq!(get("PrivateDnsEnabled"), Some(true.into()));
        assert_eq!(
            get("SubnetIds"),
            Some(Value::List(vec![
                Value::reference("MwaaPrivate1Subnet"),
                Value::reference("MwaaPrivate2Subnet"),
            ])),
        );
        assert_eq!(
            get("SecurityGroupIds"),
            Some(Value::List(vec![Value::attribute(
                "MwaaPrivateEnvironmentSecurityGroup",
                "GroupId"
            )])),
        );
        assert_eq!(get("PolicyDocument"), None);
        assert_eq!(get("RouteTableIds"), None);
    }

    #[test]
    fn a_route_to_a_gateway_endpoint_adds_its_table_to_the_endpoint() {
        let mut plan = presets::build(Preset::PublicInternet);
        let mut s3 = crate::recommended::gateway_endpoint(
            "vpce-s3",
            "mwaa-s3",
            "s3",
            &["rtb-private-1".to_owned()],
        );
        s3.policy = EndpointPolicy::Custom(serde_json::json!({
            "Statement": [{"Effect": "Allow", "Resource": "*", "Sid": 7}]
        }));
        plan.endpoints.push(s3);
        plan.route_tables[2].routes.push(Route {
            destination: crate::plan::Destination::PrefixList("pl-1".into()),
            target: RouteTarget::GatewayEndpoint("vpce-s3".into()),
        });
        let template = template_of(&plan);
        let endpoint = template.resource("MwaaS3Endpoint").unwrap();

        assert_eq!(
            endpoint.properties.get("RouteTableIds"),
            Some(&Value::List(vec![
                Value::reference("MwaaPrivate1RouteTable"),
                Value::reference("MwaaPrivate2RouteTable"),
            ])),
        );
        let statement = Map::new()
            .with("Effect", "Allow")
            .with("Resource", "*")
            .with("Sid", 7i64);
        assert_eq!(
            endpoint.properties.get("PolicyDocument"),
            Some(&Map::new().with("Statement", vec![statement.into()]).into()),
        );
        assert_eq!(endpoint.properties.get("PrivateDnsEnabled"), None);
    }

    #[test]
    fn placeholders_in_service_names_are_escaped() {
        let mut plan = presets::build(Preset::PrivateNewVpc);
        plan.endpoints[1].service = "x${AWS::AccountId}".into();
        let template = template_of(&plan);
        let endpoint = template.resource("MwaaPrivateMonitoringEndpoint");

        assert_eq!(
            endpoint.unwrap().properties.get("ServiceName"),
            Some(&Value::Sub(
                "com.amazonaws.${AWS::Region}.x${!AWS::AccountId}".into()
            )),
        );
    }
}
