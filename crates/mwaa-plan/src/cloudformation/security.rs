//! Security groups and their rules, in a new VPC or an existing one.
//!
//! Inbound rules are separate `AWS::EC2::SecurityGroupIngress` resources,
//! so a rule can name its own group or a group defined later (MWAA's
//! self-referencing rule does).
//!
//! Outbound rules need more care. EC2 gives every new group an allow-all
//! outbound rule, and removes it only when the group is created with
//! outbound rules of its own (`SecurityGroupEgress`); separate
//! `AWS::EC2::SecurityGroupEgress` resources are added beside it. So that
//! the deployed group allows exactly what the plan says:
//!
//! - outbound rules to addresses and prefix lists are written in the
//!   group's own `SecurityGroupEgress`;
//! - outbound rules to a security group are separate resources, since a
//!   group cannot name itself (or a group naming it) in its own
//!   properties;
//! - when that leaves the group's own list empty (the plan has no outbound
//!   rule, or only rules to groups), the list holds one rule for all
//!   traffic to `127.0.0.1/32`, which matches nothing that leaves an
//!   instance: the default rule goes and nothing else is allowed.
//!
//! Two rules for the same traffic and peer are written once: EC2 refuses
//! a duplicate. Descriptions keep only the characters EC2 accepts, and a
//! group without a description gets one from its name.

use super::build::{unique, Build, Group, Kind};
use super::template::{Map, Value};
use super::text::name_tag;
use super::text::{ec2_description, literal};
use crate::network_acl::Direction;
use crate::plan::{Peer, Protocol, SecurityGroup, SecurityGroupRule, Traffic};

/// Adds every security group, then its separate rules.
pub fn add(build: &mut Build<'_>) {
    let plan = build.plan;
    for group in unique(&plan.security_groups, |g| &g.id) {
        add_group(build, group);
    }
}

fn add_group(build: &mut Build<'_>, group: &SecurityGroup) {
    let Some(id) = build.logical(Kind::SecurityGroup, &group.id) else {
        return;
    };
    let id = id.to_owned();
    let (to_groups, to_addresses): (Vec<_>, Vec<_>) = distinct(&group.egress)
        .into_iter()
        .partition(|rule| matches!(rule.peer, Peer::SecurityGroup(_)));

    let properties = Map::new()
        .with("GroupDescription", literal(&group_description(group)))
        .with("VpcId", build.vpc())
        .with("SecurityGroupEgress", own_egress(build, &to_addresses))
        .with("Tags", name_tag(&group.name));
    let kind = "AWS::EC2::SecurityGroup";
    build.add(Group::SecurityGroups, id.clone(), kind, properties);

    for rule in distinct(&group.ingress) {
        add_rule(build, group, &id, Direction::Inbound, rule);
    }
    for rule in to_groups {
        add_rule(build, group, &id, Direction::Outbound, rule);
    }
}

/// The group's own outbound rules: `rules`, or the rule that stands in
/// for none.
fn own_egress(build: &Build<'_>, rules: &[&SecurityGroupRule]) -> Vec<Value> {
    let mut egress: Vec<Value> = rules
        .iter()
        .filter_map(|rule| permission(build, Direction::Outbound, rule))
        .map(Value::from)
        .collect();
    if egress.is_empty() {
        egress.push(no_egress().into());
    }
    egress
}

/// Adds one rule of `group` (logical id `id`) as a resource of its own.
fn add_rule(
    build: &mut Build<'_>,
    group: &SecurityGroup,
    id: &str,
    direction: Direction,
    rule: &SecurityGroupRule,
) {
    let Some(permission) = permission(build, direction, rule) else {
        return;
    };
    let (suffix, kind) = match direction {
        Direction::Inbound => ("Ingress", "AWS::EC2::SecurityGroupIngress"),
        Direction::Outbound => ("Egress", "AWS::EC2::SecurityGroupEgress"),
    };
    let mut properties =
        Map::new().with("GroupId", Value::attribute(id, "GroupId"));
    for (key, value) in permission.iter() {
        properties.insert(key, value.clone());
    }
    let rule_id = build.assign(&group.name, suffix);
    build.add(Group::SecurityGroups, rule_id, kind, properties);
}

/// The rules with no earlier rule for the same traffic and peer.
fn distinct(rules: &[SecurityGroupRule]) -> Vec<&SecurityGroupRule> {
    let mut seen = Vec::new();
    let mut kept = Vec::new();
    for rule in rules {
        let key = (protocol_and_ports(&rule.traffic), &rule.peer);
        if !seen.contains(&key) {
            seen.push(key);
            kept.push(rule);
        }
    }
    kept
}

/// What a rule allows, as EC2 spells it: protocol, ports, the peer and
/// the description. `None` when the peer is a group the plan lacks.
fn permission(
    build: &Build<'_>,
    direction: Direction,
    rule: &SecurityGroupRule,
) -> Option<Map> {
    let (protocol, ports) = protocol_and_ports(&rule.traffic);
    let mut map = Map::new().with("IpProtocol", protocol);
    if let Some((from, to)) = ports {
        map.insert("FromPort", from);
        map.insert("ToPort", to);
    }
    let (key, value) = peer(build, direction, &rule.peer)?;
    map.insert(key, value);
    let description = ec2_description(&rule.description);
    if !description.is_empty() {
        map.insert("Description", literal(&description));
    }
    Some(map)
}

/// The protocol and port range as EC2 spells them: `-1` with no ports for
/// all traffic, `-1` to `-1` for every ICMP type and code.
fn protocol_and_ports(traffic: &Traffic) -> (&'static str, Option<(i64, i64)>) {
    let range = traffic.port_range();
    let ports = Some((i64::from(range.from), i64::from(range.to)));
    match traffic.protocol {
        Protocol::All => ("-1", None),
        Protocol::Tcp => ("tcp", ports),
        Protocol::Udp => ("udp", ports),
        Protocol::Icmp => ("icmp", Some((-1, -1))),
    }
}

/// The property naming the other side of a rule, and its value.
fn peer(
    build: &Build<'_>,
    direction: Direction,
    peer: &Peer,
) -> Option<(&'static str, Value)> {
    let inbound = direction == Direction::Inbound;
    Some(match peer {
        Peer::Cidr(ipnet::IpNet::V4(block)) => {
            ("CidrIp", block.to_string().into())
        }
        Peer::Cidr(ipnet::IpNet::V6(block)) => {
            ("CidrIpv6", block.to_string().into())
        }
        Peer::PrefixList(list) if inbound => {
            ("SourcePrefixListId", list.as_str().into())
        }
        Peer::PrefixList(list) => {
            ("DestinationPrefixListId", list.as_str().into())
        }
        Peer::SecurityGroup(id) => {
            let value = build.group_id(id)?;
            if inbound {
                ("SourceSecurityGroupId", value)
            } else {
                ("DestinationSecurityGroupId", value)
            }
        }
    })
}

/// The outbound rule that stands in for none: all traffic to the loopback
/// address, which never leaves an instance.
fn no_egress() -> Map {
    Map::new()
        .with("IpProtocol", "-1")
        .with("CidrIp", "127.0.0.1/32")
        .with(
            "Description",
            "No outbound traffic: replaces the allow-all rule EC2 adds",
        )
}

/// The group's description as EC2 takes it, never empty.
fn group_description(group: &SecurityGroup) -> String {
    let description = ec2_description(&group.description);
    if !description.is_empty() {
        return description;
    }
    ec2_description(&format!("Security group {}", group.name))
}

#[cfg(test)]
mod tests {
    use super::super::tests::template_of;
    use super::super::{Template, Value};
    use crate::plan::{Peer, SecurityGroupRule, Traffic};
    use crate::presets::{self, Preset};
    use crate::recommended;

    const GROUP: &str = "MwaaPrivateEnvironmentSecurityGroup";

    fn egress_of(template: &Template) -> Vec<Value> {
        let group = template.resource(GROUP).unwrap();
        match group.properties.get("SecurityGroupEgress") {
            Some(Value::List(rules)) => rules.clone(),
            other => panic!("no egress list: {other:?}"),
        }
    }

    fn cidr(rule: &Value) -> Option<&Value> {
        match rule {
            Value::Map(map) => map.get("CidrIp"),
            _ => None,
        }
    }

    fn with_egress(rules: Vec<SecurityGroupRule>) -> Template {
        let mut plan = presets::build(Preset::PrivateNewVpc);
        plan.security_groups[0].egress = rules;
        template_of(&plan)
    }

    fn count(template: &Template, kind: &str) -> usize {
        template.resources.iter().filter(|r| r.kind == kind).count()
    }

    #[test]
    fn outbound_rules_to_addresses_replace_the_default_rule() {
        let template = with_egress(vec![recommended::egress_all_rule()]);
        let egress = egress_of(&template);

        assert_eq!(egress.len(), 1);
        assert_eq!(cidr(&egress[0]), Some(&"0.0.0.0/0".into()));
        assert_eq!(count(&template, "AWS::EC2::SecurityGroupEgress"), 0);
    }

    #[test]
    fn no_outbound_rule_means_no_outbound_traffic() {
        let template = with_egress(Vec::new());
        let egress = egress_of(&template);

        assert_eq!(egress.len(), 1);
        assert_eq!(cidr(&egress[0]), Some(&"127.0.0.1/32".into()));
    }

    #[test]
    fn outbound_rules_to_groups_are_resources_of_their_own() {
        let to_self = SecurityGroupRule {
            traffic: Traffic::tcp(5432, 5432),
            peer: Peer::SecurityGroup("sg-mwaa".into()),
            description: "Database".into(),
        };
        let template = with_egress(vec![to_self.clone(), to_self]);

        let egress = egress_of(&template);
        assert_eq!(cidr(&egress[0]), Some(&"127.0.0.1/32".into()));
        assert_eq!(count(&template, "AWS::EC2::SecurityGroupEgress"), 1);
        let rule = template.resource("MwaaPrivateEnvironmentEgress").unwrap();
        let target = Value::attribute(GROUP, "GroupId");
        assert_eq!(
            rule.properties.get("DestinationSecurityGroupId"),
            Some(&target)
        );
        assert_eq!(rule.properties.get("GroupId"), Some(&target));
        assert_eq!(rule.properties.get("FromPort"), Some(&5432i64.into()));
    }

    #[test]
    fn the_self_referencing_inbound_rule_names_the_group() {
        let template = with_egress(Vec::new());
        let rule = template.resource("MwaaPrivateEnvironmentIngress").unwrap();

        assert_eq!(rule.kind, "AWS::EC2::SecurityGroupIngress");
        assert_eq!(
            rule.properties.get("SourceSecurityGroupId"),
            Some(&Value::attribute(GROUP, "GroupId")),
        );
        assert_eq!(rule.properties.get("IpProtocol"), Some(&"-1".into()));
        assert_eq!(rule.properties.get("FromPort"), None);
    }

    #[test]
    fn peers_and_protocols_use_ec2_property_names() {
        let rule = |traffic, peer: &str| SecurityGroupRule {
            traffic,
            peer: serde_json::from_str(peer).unwrap(),
            description: "it's \"odd\"\n".into(),
        };
        let icmp = Traffic {
            protocol: crate::plan::Protocol::Icmp,
            ports: None,
        };
        let mut plan = presets::build(Preset::PrivateNewVpc);
        plan.security_groups[0].ingress = vec![
            rule(Traffic::tcp(443, 443), r#"{"cidr": "2001:db8::/32"}"#),
            rule(icmp, r#"{"prefix_list": "pl-1234"}"#),
            rule(Traffic::ALL, r#"{"security_group": "sg-unknown"}"#),
        ];
        let template = template_of(&plan);
        let first = template.resource("MwaaPrivateEnvironmentIngress").unwrap();
        let second =
            template.resource("MwaaPrivateEnvironmentIngress2").unwrap();
        let get = |r: &super::super::Resource, key: &str| {
            r.properties.get(key).cloned()
        };

        assert_eq!(get(first, "CidrIpv6"), Some("2001:db8::/32".into()));
        assert_eq!(get(first, "Description"), Some("its odd".into()));
        assert_eq!(get(second, "SourcePrefixListId"), Some("pl-1234".into()));
        assert_eq!(get(second, "IpProtocol"), Some("icmp".into()));
        assert_eq!(get(second, "FromPort"), Some((-1i64).into()));
        assert_eq!(count(&template, "AWS::EC2::SecurityGroupIngress"), 2);
    }

    #[test]
    fn a_group_without_a_description_is_described_by_its_name() {
        let mut plan = presets::build(Preset::PrivateNewVpc);
        plan.security_groups[0].description = "\u{4e2d}".into();
        let template = template_of(&plan);
        let group = template.resource(GROUP).unwrap();

        assert_eq!(
            group.properties.get("GroupDescription"),
            Some(&"Security group mwaa-private-environment".into()),
        );
        assert_eq!(group.properties.get("GroupName"), None);
    }
}
