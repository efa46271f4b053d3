//! Network ACLs, their numbered rules and the subnets they guard, for a new
//! VPC.
//!
//! Each numbered rule becomes an `AWS::EC2::NetworkAclEntry`, in the order
//! AWS reads them (inbound, then outbound, lowest number first); the final `*`
//! rule that denies everything is part of every network ACL and is not
//! written. A subnet the plan gives no network ACL keeps the VPC's default
//! one, which allows all traffic.

use super::build::{unique, Build, Group, Kind};
use super::template::{Map, Value};
use super::text::name_tag;
use crate::network_acl::{Action, Direction, NetworkAcl, NetworkAclRule};
use crate::plan::{PortRange, Protocol, Subnet};

/// Adds every network ACL with its rules, then each subnet's association
/// with its network ACL.
pub fn add(build: &mut Build<'_>) {
    let plan = build.plan;
    for acl in unique(&plan.network_acls, |a| &a.id) {
        add_network_acl(build, acl);
    }
    for subnet in unique(&plan.subnets, |s| &s.id) {
        add_association(build, subnet);
    }
}

/// Associates `subnet` with its network ACL, when the plan gives it one.
fn add_association(build: &mut Build<'_>, subnet: &Subnet) {
    let Some(acl) = &subnet.network_acl else {
        return;
    };
    let (Some(subnet_id), Some(acl_id)) = (
        build.reference(Kind::Subnet, &subnet.id),
        build.reference(Kind::NetworkAcl, acl),
    ) else {
        return;
    };
    let id = build.assign(&subnet.name, "NetworkAclAssociation");
    let properties = Map::new()
        .with("SubnetId", subnet_id)
        .with("NetworkAclId", acl_id);
    let kind = "AWS::EC2::SubnetNetworkAclAssociation";
    build.add(Group::NetworkAcls, id, kind, properties);
}

fn add_network_acl(build: &mut Build<'_>, acl: &NetworkAcl) {
    let Some(id) = build.logical(Kind::NetworkAcl, &acl.id) else {
        return;
    };
    let id = id.to_owned();
    let properties = Map::new()
        .with("VpcId", build.vpc())
        .with("Tags", name_tag(&acl.name));
    let kind = "AWS::EC2::NetworkAcl";
    build.add(Group::NetworkAcls, id.clone(), kind, properties);

    for direction in [Direction::Inbound, Direction::Outbound] {
        let mut rules: Vec<&NetworkAclRule> =
            acl.rules(direction).iter().collect();
        rules.sort_by_key(|rule| rule.number);
        for rule in rules {
            let name = format!("{} {direction} {}", acl.name, rule.number);
            let entry = build.assign(&name, "Rule");
            let properties = entry_properties(&id, direction, rule);
            let kind = "AWS::EC2::NetworkAclEntry";
            build.add(Group::NetworkAcls, entry, kind, properties);
        }
    }
}

/// The properties of the entry for one numbered rule of `acl`.
fn entry_properties(
    acl: &str,
    direction: Direction,
    rule: &NetworkAclRule,
) -> Map {
    let action = match rule.action {
        Action::Allow => "allow",
        Action::Deny => "deny",
    };
    let mut properties = Map::new()
        .with("NetworkAclId", Value::reference(acl))
        .with("RuleNumber", i64::from(rule.number))
        .with("Protocol", protocol_number(rule.traffic.protocol))
        .with("RuleAction", action)
        .with("Egress", direction == Direction::Outbound)
        .with("CidrBlock", rule.cidr.to_string());
    match rule.traffic.protocol {
        Protocol::Tcp | Protocol::Udp => properties
            .insert("PortRange", port_range(rule.traffic.port_range())),
        Protocol::Icmp => properties
            .insert("Icmp", Map::new().with("Code", -1i64).with("Type", -1i64)),
        Protocol::All => {}
    }
    properties
}

/// The IP protocol number a network ACL entry takes; -1 for all.
fn protocol_number(protocol: Protocol) -> i64 {
    match protocol {
        Protocol::All => -1,
        Protocol::Icmp => 1,
        Protocol::Tcp => 6,
        Protocol::Udp => 17,
    }
}

fn port_range(ports: PortRange) -> Map {
    Map::new()
        .with("From", i64::from(ports.from))
        .with("To", i64::from(ports.to))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Traffic;

    fn rule(traffic: Traffic) -> NetworkAclRule {
        NetworkAclRule {
            number: 120,
            action: Action::Deny,
            traffic,
            cidr: "10.0.0.0/8".parse().unwrap(),
        }
    }

    #[test]
    fn entries_spell_protocols_and_ports_as_cloudformation_does() {
        let udp = Traffic {
            protocol: Protocol::Udp,
            ports: None,
        };
        let icmp = Traffic {
            protocol: Protocol::Icmp,
            ports: None,
        };
        let ports = |from: i64, to: i64| {
            Some(Value::from(Map::new().with("From", from).with("To", to)))
        };
        let any_icmp = Map::new().with("Code", -1i64).with("Type", -1i64);
        let cases = [
            (Traffic::ALL, -1, None, None),
            (Traffic::tcp(443, 443), 6, ports(443, 443), None),
            (udp, 17, ports(0, 65535), None),
            (icmp, 1, None, Some(Value::from(any_icmp))),
        ];
        for (traffic, number, range, icmp) in cases {
            let entry =
                entry_properties("Acl", Direction::Outbound, &rule(traffic));
            assert_eq!(entry.get("Protocol"), Some(&number.into()));
            assert_eq!(entry.get("PortRange").cloned(), range, "{traffic}");
            assert_eq!(entry.get("Icmp").cloned(), icmp, "{traffic}");
            assert_eq!(entry.get("RuleAction"), Some(&"deny".into()));
            assert_eq!(entry.get("Egress"), Some(&true.into()));
            assert_eq!(entry.get("RuleNumber"), Some(&120i64.into()));
        }
    }

    #[test]
    fn each_rule_and_subnet_gets_a_resource() {
        let plan =
            crate::presets::build(crate::presets::Preset::PublicInternet);
        let template = super::super::tests::template_of(&plan);
        let count = |kind: &str| {
            template.resources.iter().filter(|r| r.kind == kind).count()
        };

        assert_eq!(count("AWS::EC2::NetworkAcl"), 1);
        assert_eq!(count("AWS::EC2::NetworkAclEntry"), 2);
        assert_eq!(count("AWS::EC2::SubnetNetworkAclAssociation"), 4);
        assert!(template.resource("MwaaPublicAclInbound100Rule").is_some());
        assert!(template.resource("MwaaPublicAclOutbound100Rule").is_some());
    }
}
