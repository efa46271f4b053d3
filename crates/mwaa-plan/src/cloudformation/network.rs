//! The VPC, its CIDR blocks and its subnets, for a new VPC.
//!
//! The first block is the VPC's own `CidrBlock`; each further block is an
//! `AWS::EC2::VPCCidrBlock`, and a subnet inside one waits for it with
//! `DependsOn`, since nothing in the subnet's properties refers to it.
//!
//! Each Availability Zone the subnets use is a parameter of type
//! `AWS::EC2::AvailabilityZone::Name` whose default is the plan's zone: the
//! stack deploys as planned with no input, and the zones can be changed
//! when it is deployed elsewhere (the same zone name is not always the same
//! place in another account).

use ipnet::Ipv4Net;

use super::build::{unique, Build, Group, Kind, VPC};
use super::template::{Map, Parameter, Value};
use super::text::{description, name_tag, MAX_PARAMETER_DESCRIPTION};

/// Adds the VPC and its secondary CIDR blocks.
pub fn add_vpc(build: &mut Build<'_>) {
    let vpc = &build.plan.vpc;
    let mut properties = Map::new();
    if let Some(primary) = vpc.cidr_blocks.first() {
        properties.insert("CidrBlock", primary.to_string());
    }
    properties.insert("EnableDnsSupport", vpc.dns_support);
    properties.insert("EnableDnsHostnames", vpc.dns_hostnames);
    properties.insert("Tags", name_tag(&vpc.name));
    build.add(Group::Vpc, VPC.to_owned(), "AWS::EC2::VPC", properties);

    for (index, block) in vpc.cidr_blocks.iter().enumerate().skip(1) {
        let properties = Map::new()
            .with("VpcId", Value::reference(VPC))
            .with("CidrBlock", block.to_string());
        let id = secondary_block_id(index);
        build.add(Group::Vpc, id, "AWS::EC2::VPCCidrBlock", properties);
    }
}

/// Adds every subnet, in plan order, with a parameter for each zone.
pub fn add_subnets(build: &mut Build<'_>) {
    let plan = build.plan;
    let mut zones: Vec<(&str, String)> = Vec::new();
    for subnet in unique(&plan.subnets, |s| &s.id) {
        let Some(id) = build.logical(Kind::Subnet, &subnet.id) else {
            continue;
        };
        let id = id.to_owned();
        let zone = zone_parameter(build, &mut zones, &subnet.availability_zone);
        let properties = Map::new()
            .with("VpcId", build.vpc())
            .with("AvailabilityZone", Value::reference(&zone))
            .with("CidrBlock", subnet.cidr.to_string())
            .with("Tags", name_tag(&subnet.name));
        let depends_on = secondary_block_of(&plan.vpc.cidr_blocks, subnet.cidr)
            .map(secondary_block_id)
            .into_iter()
            .collect();
        build.add_after(
            Group::Subnets,
            id,
            "AWS::EC2::Subnet",
            depends_on,
            properties,
        );
    }
}

/// The logical id of the parameter for `zone`, added the first time the
/// zone is met.
fn zone_parameter<'z>(
    build: &mut Build<'_>,
    zones: &mut Vec<(&'z str, String)>,
    zone: &'z str,
) -> String {
    if let Some((_, id)) = zones.iter().find(|(known, _)| *known == zone) {
        return id.clone();
    }
    let id = build.assign(zone, "Zone");
    build.template.parameters.push(Parameter {
        id: id.clone(),
        kind: "AWS::EC2::AvailabilityZone::Name".to_owned(),
        description: description(
            &format!("The Availability Zone the plan calls {zone}"),
            MAX_PARAMETER_DESCRIPTION,
        ),
        default: Some(zone.to_owned()),
        allowed_pattern: None,
    });
    zones.push((zone, id.clone()));
    id
}

/// The logical id of the VPC's block at `index` (1 for the second block).
fn secondary_block_id(index: usize) -> String {
    format!("{VPC}CidrBlock{}", index + 1)
}

/// The index of the secondary block that holds `cidr`, if a secondary
/// block and not the primary one holds it.
fn secondary_block_of(blocks: &[Ipv4Net], cidr: Ipv4Net) -> Option<usize> {
    let index = blocks.iter().position(|block| block.contains(&cidr))?;
    (index > 0).then_some(index)
}

#[cfg(test)]
mod tests {
    use super::super::tests::template_of;
    use crate::presets::{self, Preset};

    #[test]
    fn a_subnet_in_a_secondary_block_waits_for_it() {
        let mut plan = presets::build(Preset::PrivateNewVpc);
        plan.vpc.cidr_blocks.push("10.193.0.0/16".parse().unwrap());
        plan.subnets[1].cidr = "10.193.1.0/24".parse().unwrap();
        let template = template_of(&plan);

        let block = template.resource("VpcCidrBlock2").unwrap();
        assert_eq!(block.kind, "AWS::EC2::VPCCidrBlock");
        let first = template.resource("MwaaPrivate1Subnet").unwrap();
        let second = template.resource("MwaaPrivate2Subnet").unwrap();
        assert!(first.depends_on.is_empty());
        assert_eq!(second.depends_on, ["VpcCidrBlock2"]);
    }

    #[test]
    fn each_zone_is_a_parameter_defaulting_to_the_plan() {
        let template = template_of(&presets::build(Preset::PublicInternet));
        let zones: Vec<_> = template
            .parameters
            .iter()
            .map(|p| (p.id.as_str(), p.kind.as_str(), p.default.as_deref()))
            .collect();
        let kind = "AWS::EC2::AvailabilityZone::Name";

        assert_eq!(
            zones,
            [
                ("UsEast1aZone", kind, Some("us-east-1a")),
                ("UsEast1bZone", kind, Some("us-east-1b")),
            ],
        );
        let subnet = template.resource("MwaaPrivate2Subnet").unwrap();
        assert_eq!(
            subnet.properties.get("AvailabilityZone"),
            Some(&super::Value::reference("UsEast1bZone")),
        );
    }

    #[test]
    fn the_vpc_carries_its_dns_settings_and_name() {
        let mut plan = presets::build(Preset::PrivateNewVpc);
        plan.vpc.dns_hostnames = false;
        let template = template_of(&plan);
        let vpc = template.resource("Vpc").unwrap();

        let get = |key: &str| vpc.properties.get(key).cloned();
        assert_eq!(get("CidrBlock"), Some("10.192.0.0/16".into()));
        assert_eq!(get("EnableDnsSupport"), Some(true.into()));
        assert_eq!(get("EnableDnsHostnames"), Some(false.into()));
        assert_eq!(get("Tags"), Some(super::name_tag("mwaa-private-vpc")),);
    }
}
