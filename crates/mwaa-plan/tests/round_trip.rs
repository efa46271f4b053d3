//! Generated plans survive the plan file unchanged (written, read back and
//! written again, they are equal and give the same bytes), and the rules
//! and their fixes never panic on them.

use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use mwaa_plan::network_acl::{Action, NetworkAcl, NetworkAclRule};
use mwaa_plan::{
    format, Destination, Endpoint, EndpointKind, EndpointManagement,
    EndpointPolicy, Environment, InternetGateway, NatGateway, Ownership, Peer,
    Plan, PortRange, Protocol, Provenance, Route, RouteTable, RouteTarget,
    Routing, SecurityGroup, SecurityGroupRule, Subnet, Traffic, Vpc,
    WebserverAccess,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

/// Names with the characters that break careless writers: quotes,
/// backslashes, colons, `#`, markup, control characters and non-ASCII.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z0-9-]{0,12}",
        "[ -~]{0,16}",
        "[\"':#<>&\\\\\u{e9}\u{4e2d}\u{1f680}\t\n]{0,6}",
    ]
}

fn id() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9-]{0,10}"
}

fn ids() -> impl Strategy<Value = Vec<String>> {
    vec(id(), 0..4)
}

fn block() -> impl Strategy<Value = Ipv4Net> {
    (any::<u32>(), 0u8..=32)
        .prop_map(|(bits, len)| Ipv4Net::new(bits.into(), len).unwrap().trunc())
}

fn any_block() -> impl Strategy<Value = IpNet> {
    prop_oneof![
        block().prop_map(IpNet::V4),
        (any::<u128>(), 0u8..=128).prop_map(|(bits, len)| {
            IpNet::V6(Ipv6Net::new(bits.into(), len).unwrap().trunc())
        }),
    ]
}

fn traffic() -> impl Strategy<Value = Traffic> {
    let protocol = prop_oneof![
        Just(Protocol::All),
        Just(Protocol::Tcp),
        Just(Protocol::Udp),
        Just(Protocol::Icmp),
    ];
    let ports =
        option::of((any::<u16>(), any::<u16>()).prop_map(|(a, b)| PortRange {
            from: a.min(b),
            to: a.max(b),
        }));
    (protocol, ports).prop_map(|(protocol, ports)| Traffic { protocol, ports })
}

fn route() -> impl Strategy<Value = Route> {
    let destination = prop_oneof![
        block().prop_map(Destination::Cidr),
        id().prop_map(Destination::PrefixList),
    ];
    let target = prop_oneof![
        Just(RouteTarget::Local),
        id().prop_map(RouteTarget::InternetGateway),
        id().prop_map(RouteTarget::NatGateway),
        id().prop_map(RouteTarget::GatewayEndpoint),
        name().prop_map(RouteTarget::Other),
    ];
    (destination, target).prop_map(|(destination, target)| Route {
        destination,
        target,
    })
}

fn security_group_rule() -> impl Strategy<Value = SecurityGroupRule> {
    let peer = prop_oneof![
        any_block().prop_map(Peer::Cidr),
        id().prop_map(Peer::SecurityGroup),
        id().prop_map(Peer::PrefixList),
    ];
    (traffic(), peer, name()).prop_map(|(traffic, peer, description)| {
        SecurityGroupRule {
            traffic,
            peer,
            description,
        }
    })
}

fn security_group() -> impl Strategy<Value = SecurityGroup> {
    let rules = || vec(security_group_rule(), 0..4);
    (id(), name(), name(), rules(), rules()).prop_map(
        |(id, name, description, ingress, egress)| SecurityGroup {
            id,
            name,
            description,
            ingress,
            egress,
        },
    )
}

fn network_acl_rule() -> impl Strategy<Value = NetworkAclRule> {
    let action = prop_oneof![Just(Action::Allow), Just(Action::Deny)];
    (1u16..32767, action, traffic(), block()).prop_map(
        |(number, action, traffic, cidr)| NetworkAclRule {
            number,
            action,
            traffic,
            cidr,
        },
    )
}

fn network_acl() -> impl Strategy<Value = NetworkAcl> {
    let rules = || vec(network_acl_rule(), 0..4);
    (id(), name(), rules(), rules()).prop_map(|(id, name, ingress, egress)| {
        NetworkAcl {
            id,
            name,
            ingress,
            egress,
        }
    })
}

fn policy() -> impl Strategy<Value = EndpointPolicy> {
    let document = (name(), any::<i64>(), vec(name(), 0..3)).prop_map(
        |(action, number, resources)| {
            serde_json::json!({
                "Statement": [{
                    "Effect": "Allow",
                    "Action": action,
                    "Resource": resources,
                    "Sid": number,
                }]
            })
        },
    );
    prop_oneof![
        Just(EndpointPolicy::FullAccess),
        document.prop_map(EndpointPolicy::Custom),
    ]
}

fn endpoint() -> impl Strategy<Value = Endpoint> {
    let kind =
        prop_oneof![Just(EndpointKind::Interface), Just(EndpointKind::Gateway)];
    (
        (id(), name(), "[a-z0-9.-]{1,16}", kind, any::<bool>()),
        (ids(), ids(), ids(), policy()),
    )
        .prop_map(
            |(
                (id, name, service, kind, private_dns),
                (subnets, security_groups, route_tables, policy),
            )| Endpoint {
                id,
                name,
                service,
                kind,
                private_dns,
                subnets,
                security_groups,
                route_tables,
                policy,
            },
        )
}

fn subnet() -> impl Strategy<Value = Subnet> {
    (
        id(),
        name(),
        name(),
        block(),
        option::of(id()),
        option::of(id()),
    )
        .prop_map(|(id, name, zone, cidr, route_table, network_acl)| {
            Subnet {
                id,
                name,
                availability_zone: zone,
                cidr,
                route_table,
                network_acl,
            }
        })
}

fn environment() -> impl Strategy<Value = Environment> {
    let access = prop_oneof![
        Just(WebserverAccess::Public),
        Just(WebserverAccess::Private)
    ];
    let management = prop_oneof![
        Just(EndpointManagement::Service),
        Just(EndpointManagement::Customer)
    ];
    (
        (id(), name(), ids(), ids(), access, management),
        (
            name(),
            any::<u32>(),
            any::<u32>(),
            any::<u32>(),
            any::<u32>(),
        ),
        option::of(name()),
    )
        .prop_map(
            |(
                (id, name, subnets, security_groups, access, management),
                (class, min, max, webservers, schedulers),
                dag_bucket,
            )| Environment {
                id,
                name,
                subnets,
                security_groups,
                webserver_access: access,
                endpoint_management: management,
                environment_class: class,
                min_workers: min,
                max_workers: max,
                max_webservers: webservers,
                schedulers,
                dag_bucket,
            },
        )
}

fn vpc() -> impl Strategy<Value = Vpc> {
    let provenance =
        prop_oneof![Just(Provenance::New), Just(Provenance::Existing)];
    let ownership =
        prop_oneof![Just(Ownership::Owned), Just(Ownership::Shared)];
    (
        id(),
        name(),
        vec(block(), 0..4),
        any::<bool>(),
        any::<bool>(),
        provenance,
        ownership,
    )
        .prop_map(|(id, name, blocks, support, hostnames, prov, own)| {
            Vpc {
                id,
                name,
                cidr_blocks: blocks,
                dns_support: support,
                dns_hostnames: hostnames,
                provenance: prov,
                ownership: own,
            }
        })
}

fn plan() -> impl Strategy<Value = Plan> {
    let routing = prop_oneof![Just(Routing::Public), Just(Routing::Private)];
    let gateway = option::of(
        (id(), name()).prop_map(|(id, name)| InternetGateway { id, name }),
    );
    let table = (id(), name(), vec(route(), 0..4))
        .prop_map(|(id, name, routes)| RouteTable { id, name, routes });
    let nat = (id(), name(), id(), any::<bool>()).prop_map(
        |(id, name, subnet, elastic_ip)| NatGateway {
            id,
            name,
            subnet,
            elastic_ip,
        },
    );
    (
        (name(), name(), routing, vpc(), gateway),
        (vec(subnet(), 0..6), vec(table, 0..4), vec(nat, 0..3)),
        (
            vec(security_group(), 0..3),
            vec(network_acl(), 0..3),
            vec(endpoint(), 0..4),
            environment(),
        ),
    )
        .prop_map(
            |(
                (name, region, routing, vpc, internet_gateway),
                (subnets, route_tables, nat_gateways),
                (security_groups, network_acls, endpoints, environment),
            )| Plan {
                name,
                region,
                routing,
                vpc,
                internet_gateway,
                subnets,
                route_tables,
                nat_gateways,
                security_groups,
                network_acls,
                endpoints,
                environment,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_plan_reads_back_equal_and_writes_the_same_bytes(plan in plan()) {
        let text = format::write(&plan);
        let read = format::read(&text);
        prop_assert_eq!(read.as_ref(), Ok(&plan));
        prop_assert_eq!(format::write(&read.unwrap()), text);
    }

    #[test]
    fn checking_any_plan_never_panics(plan in plan()) {
        let report = mwaa_plan::rules::check(&plan);
        prop_assert!(report.findings.iter().all(|f| !f.message.is_empty()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn fixing_any_plan_never_panics_and_keeps_it_writable(plan in plan()) {
        let mut fixed = plan;
        mwaa_plan::edit::apply_all_fixes(&mut fixed);
        let text = format::write(&fixed);
        prop_assert_eq!(format::read(&text), Ok(fixed));
    }
}
