//! The way out to the internet, for a new VPC: the internet gateway and its
//! attachment, and the NAT gateways with their Elastic IPs.
//!
//! An Elastic IP and a public NAT gateway need the internet gateway to be
//! attached to the VPC first, and nothing in their properties says so:
//! both name the attachment in `DependsOn`, as AWS's own templates do. A
//! NAT gateway without an Elastic IP in the plan is a private NAT gateway.

use super::build::{unique, Build, Group, Kind, ATTACHMENT, INTERNET_GATEWAY};
use super::template::{Map, Value};
use super::text::name_tag;
use crate::plan::NatGateway;

/// Adds the internet gateway, its attachment, and every NAT gateway whose
/// subnet is in the plan, each with its Elastic IP.
pub fn add(build: &mut Build<'_>) {
    add_internet_gateway(build);
    let plan = build.plan;
    for nat in unique(&plan.nat_gateways, |n| &n.id) {
        add_nat_gateway(build, nat);
    }
}

fn add_internet_gateway(build: &mut Build<'_>) {
    let Some(gateway) = &build.plan.internet_gateway else {
        return;
    };
    let properties = Map::new().with("Tags", name_tag(&gateway.name));
    let kind = "AWS::EC2::InternetGateway";
    build.add(
        Group::InternetAccess,
        INTERNET_GATEWAY.into(),
        kind,
        properties,
    );

    let properties = Map::new()
        .with("VpcId", build.vpc())
        .with("InternetGatewayId", Value::reference(INTERNET_GATEWAY));
    let kind = "AWS::EC2::VPCGatewayAttachment";
    build.add(Group::InternetAccess, ATTACHMENT.into(), kind, properties);
}

fn add_nat_gateway(build: &mut Build<'_>, nat: &NatGateway) {
    let Some(id) = build.logical(Kind::NatGateway, &nat.id) else {
        return;
    };
    let id = id.to_owned();
    let Some(subnet) = build.reference(Kind::Subnet, &nat.subnet) else {
        return;
    };

    let mut properties = Map::new();
    let mut after = Vec::new();
    if nat.elastic_ip {
        let eip = add_elastic_ip(build, nat);
        properties
            .insert("AllocationId", Value::attribute(&eip, "AllocationId"));
        after = after_attachment(build);
    } else {
        properties.insert("ConnectivityType", "private");
    }
    properties.insert("SubnetId", subnet);
    properties.insert("Tags", name_tag(&nat.name));
    let kind = "AWS::EC2::NatGateway";
    build.add_after(Group::InternetAccess, id, kind, after, properties);
}

/// Adds the Elastic IP of a public NAT gateway and returns its logical id.
fn add_elastic_ip(build: &mut Build<'_>, nat: &NatGateway) -> String {
    let id = build.assign(&nat.name, "Eip");
    let properties = Map::new()
        .with("Domain", "vpc")
        .with("Tags", name_tag(&nat.name));
    let after = after_attachment(build);
    let kind = "AWS::EC2::EIP";
    build.add_after(Group::InternetAccess, id.clone(), kind, after, properties);
    id
}

/// `DependsOn` naming the internet gateway's attachment, if there is one.
pub fn after_attachment(build: &Build<'_>) -> Vec<String> {
    build.attachment().into_iter().map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::template_of;
    use super::super::Value;
    use crate::presets::{self, Preset};

    #[test]
    fn elastic_ips_and_nat_gateways_wait_for_the_attachment() {
        let template = template_of(&presets::build(Preset::PublicInternet));

        for id in ["MwaaNat1Eip", "MwaaNat1NatGateway", "MwaaNat2NatGateway"] {
            let resource = template.resource(id).unwrap();
            assert_eq!(resource.depends_on, ["InternetGatewayAttachment"]);
        }
        let nat = template.resource("MwaaNat1NatGateway").unwrap();
        assert_eq!(
            nat.properties.get("AllocationId"),
            Some(&Value::attribute("MwaaNat1Eip", "AllocationId")),
        );
        assert_eq!(
            nat.properties.get("SubnetId"),
            Some(&Value::reference("MwaaPublic1Subnet")),
        );
    }

    #[test]
    fn a_nat_gateway_without_an_elastic_ip_is_private() {
        let mut plan = presets::build(Preset::PublicInternet);
        plan.nat_gateways[0].elastic_ip = false;
        let template = template_of(&plan);

        assert!(template.resource("MwaaNat1Eip").is_none());
        let nat = template.resource("MwaaNat1NatGateway").unwrap();
        assert_eq!(
            nat.properties.get("ConnectivityType"),
            Some(&"private".into())
        );
        assert!(nat.depends_on.is_empty());
    }

    #[test]
    fn a_nat_gateway_in_an_unknown_subnet_is_left_out() {
        let mut plan = presets::build(Preset::PublicInternet);
        plan.nat_gateways[0].subnet = "nowhere".into();
        let template = template_of(&plan);

        assert!(template.resource("MwaaNat1NatGateway").is_none());
        assert!(template.resource("MwaaNat1Eip").is_none());
    }
}
