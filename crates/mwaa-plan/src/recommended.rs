//! Parts built the way AWS recommends for MWAA.
//!
//! Presets, fixes and edits all build parts here, so a security group added
//! by a fix is the same as the one a preset starts with.

use crate::network_acl::{Action, NetworkAcl, NetworkAclRule};
use crate::plan::{
    Destination, Endpoint, EndpointKind, EndpointPolicy, Peer, Plan, Route,
    RouteTarget, SecurityGroup, SecurityGroupRule, Traffic,
};
use crate::service::RequiredService;

/// The number AWS's example network ACL gives its allow-all rules.
pub const ALLOW_ALL_RULE_NUMBER: u16 = 100;

/// A security group for the environment: inbound all traffic from itself,
/// outbound all traffic to anywhere.
pub fn environment_security_group(id: &str, name: &str) -> SecurityGroup {
    SecurityGroup {
        id: id.to_owned(),
        name: name.to_owned(),
        description: "MWAA environment: all traffic between its own \
                      members, all outbound"
            .to_owned(),
        ingress: vec![self_referencing_rule(id)],
        egress: vec![egress_all_rule()],
    }
}

/// An inbound rule admitting all traffic from the group `id` itself.
pub fn self_referencing_rule(id: &str) -> SecurityGroupRule {
    SecurityGroupRule {
        traffic: Traffic::ALL,
        peer: Peer::SecurityGroup(id.to_owned()),
        description: "All traffic between members of the environment"
            .to_owned(),
    }
}

/// An outbound rule allowing all traffic to anywhere.
pub fn egress_all_rule() -> SecurityGroupRule {
    SecurityGroupRule {
        traffic: Traffic::ALL,
        peer: Peer::Cidr("0.0.0.0/0".parse().expect("a valid block")),
        description: "All outbound traffic".to_owned(),
    }
}

/// A network ACL that allows all traffic both ways, as AWS's example ACL
/// for MWAA does (rule 100 allow, then the final `*` deny).
pub fn allow_all_network_acl(id: &str, name: &str) -> NetworkAcl {
    NetworkAcl {
        id: id.to_owned(),
        name: name.to_owned(),
        ingress: vec![allow_all_acl_rule(ALLOW_ALL_RULE_NUMBER)],
        egress: vec![allow_all_acl_rule(ALLOW_ALL_RULE_NUMBER)],
    }
}

/// A network ACL rule allowing all traffic from or to anywhere.
pub fn allow_all_acl_rule(number: u16) -> NetworkAclRule {
    NetworkAclRule {
        number,
        action: Action::Allow,
        traffic: Traffic::ALL,
        cidr: "0.0.0.0/0".parse().expect("a valid block"),
    }
}

/// A route for `0.0.0.0/0`.
pub fn default_route(target: RouteTarget) -> Route {
    Route {
        destination: Destination::default_route(),
        target,
    }
}

/// An interface endpoint with private DNS, in `subnets`, guarded by
/// `security_groups`, with the full-access policy.
pub fn interface_endpoint(
    id: &str,
    name: &str,
    service: &str,
    subnets: &[String],
    security_groups: &[String],
) -> Endpoint {
    Endpoint {
        id: id.to_owned(),
        name: name.to_owned(),
        service: service.to_owned(),
        kind: EndpointKind::Interface,
        private_dns: true,
        subnets: subnets.to_vec(),
        security_groups: security_groups.to_vec(),
        route_tables: Vec::new(),
        policy: EndpointPolicy::FullAccess,
    }
}

/// A gateway endpoint on `route_tables` with the full-access policy.
pub fn gateway_endpoint(
    id: &str,
    name: &str,
    service: &str,
    route_tables: &[String],
) -> Endpoint {
    Endpoint {
        id: id.to_owned(),
        name: name.to_owned(),
        service: service.to_owned(),
        kind: EndpointKind::Gateway,
        private_dns: false,
        subnets: Vec::new(),
        security_groups: Vec::new(),
        route_tables: route_tables.to_vec(),
        policy: EndpointPolicy::FullAccess,
    }
}

/// The endpoint for a required service as the plan's environment needs it:
/// an S3 gateway endpoint on the route tables of the environment's subnets,
/// or an interface endpoint with private DNS in the environment's subnets
/// guarded by its security groups. The id is new to the plan.
pub fn required_endpoint(plan: &Plan, required: &RequiredService) -> Endpoint {
    let id =
        plan.unique_id(&format!("vpce-{}", required.service.replace('.', "-")));
    let name = format!("{}-{}", plan.environment.name, required.service);
    let environment = &plan.environment;
    match required.kind {
        EndpointKind::Gateway => {
            let mut route_tables: Vec<String> = Vec::new();
            for subnet in &plan.subnets {
                let Some(table) = &subnet.route_table else {
                    continue;
                };
                let wanted = environment.subnets.contains(&subnet.id);
                if wanted && !route_tables.contains(table) {
                    route_tables.push(table.clone());
                }
            }
            gateway_endpoint(&id, &name, required.service, &route_tables)
        }
        EndpointKind::Interface => interface_endpoint(
            &id,
            &name,
            required.service,
            &environment.subnets,
            &environment.security_groups,
        ),
    }
}
