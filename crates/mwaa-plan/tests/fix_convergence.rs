//! Presets broken in several random ways at once: checking never panics,
//! and applying the offered fixes settles on a plan where no error that
//! has a fix remains.

use mwaa_plan::network_acl::{Action, NetworkAclRule};
use mwaa_plan::presets::{self, Preset};
use mwaa_plan::{
    edit, rules, EndpointManagement, Plan, Routing, Severity, Traffic,
    WebserverAccess,
};
use proptest::collection::vec;
use proptest::prelude::*;

/// One way to break a plan; the numbers pick parts and values.
#[derive(Clone, Debug)]
enum Damage {
    MoveSubnetZone(usize, usize),
    ResizeSubnet(usize, u16, u8),
    RemovePart(usize),
    TogglePrivateDns(usize),
    ClearRoutes(usize),
    SwitchRouting,
    SwitchWebserverAccess,
    SwitchEndpointManagement,
    DnsHostnamesOff,
    AddVpcBlock(u8, u8),
    ClearIngress(usize),
    ClearEgress(usize),
    DenyAclPort(u16, u16),
    PickEnvSubnets(Vec<usize>),
    SetWorkers(u32, u32),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), any::<usize>())
            .prop_map(|(s, z)| Damage::MoveSubnetZone(s, z)),
        (any::<usize>(), any::<u16>(), 16u8..=30)
            .prop_map(|(s, at, len)| Damage::ResizeSubnet(s, at, len)),
        any::<usize>().prop_map(Damage::RemovePart),
        any::<usize>().prop_map(Damage::TogglePrivateDns),
        any::<usize>().prop_map(Damage::ClearRoutes),
        Just(Damage::SwitchRouting),
        Just(Damage::SwitchWebserverAccess),
        Just(Damage::SwitchEndpointManagement),
        Just(Damage::DnsHostnamesOff),
        (any::<u8>(), 12u8..=30)
            .prop_map(|(a, len)| Damage::AddVpcBlock(a, len)),
        any::<usize>().prop_map(Damage::ClearIngress),
        any::<usize>().prop_map(Damage::ClearEgress),
        (1u16..200, any::<u16>()).prop_map(|(n, p)| Damage::DenyAclPort(n, p)),
        vec(any::<usize>(), 0..4).prop_map(Damage::PickEnvSubnets),
        (0u32..40, 0u32..40).prop_map(|(a, b)| Damage::SetWorkers(a, b)),
    ]
}

fn pick(len: usize, n: usize) -> Option<usize> {
    (len > 0).then(|| n % len)
}

fn inflict(plan: &mut Plan, damage: &Damage) {
    let zones = ["us-east-1a", "us-east-1b", "us-east-1c", "eu-west-1a"];
    match damage {
        Damage::MoveSubnetZone(s, z) => {
            if let Some(i) = pick(plan.subnets.len(), *s) {
                plan.subnets[i].availability_zone = zones[z % 4].into();
            }
        }
        Damage::ResizeSubnet(s, at, len) => {
            if let Some(i) = pick(plan.subnets.len(), *s) {
                let base = u32::from(plan.subnets[i].cidr.network());
                let address = (base & 0xFFFF_0000) | u32::from(*at);
                plan.subnets[i].cidr =
                    ipnet::Ipv4Net::new(address.into(), *len).unwrap().trunc();
            }
        }
        Damage::RemovePart(n) => {
            let ids: Vec<String> = plan.ids().map(str::to_owned).collect();
            if let Some(i) = pick(ids.len(), *n) {
                let _ =
                    plan.apply_edit(&mwaa_plan::Edit::Remove(ids[i].clone()));
            }
        }
        Damage::TogglePrivateDns(n) => {
            if let Some(i) = pick(plan.endpoints.len(), *n) {
                plan.endpoints[i].private_dns = !plan.endpoints[i].private_dns;
            }
        }
        Damage::ClearRoutes(n) => {
            if let Some(i) = pick(plan.route_tables.len(), *n) {
                plan.route_tables[i].routes.clear();
            }
        }
        Damage::SwitchRouting => {
            plan.routing = match plan.routing {
                Routing::Public => Routing::Private,
                Routing::Private => Routing::Public,
            }
        }
        Damage::SwitchWebserverAccess => {
            plan.environment.webserver_access =
                match plan.environment.webserver_access {
                    WebserverAccess::Public => WebserverAccess::Private,
                    WebserverAccess::Private => WebserverAccess::Public,
                }
        }
        Damage::SwitchEndpointManagement => {
            plan.environment.endpoint_management =
                match plan.environment.endpoint_management {
                    EndpointManagement::Service => EndpointManagement::Customer,
                    EndpointManagement::Customer => EndpointManagement::Service,
                }
        }
        Damage::DnsHostnamesOff => plan.vpc.dns_hostnames = false,
        Damage::AddVpcBlock(a, len) => {
            let address = std::net::Ipv4Addr::new(10, *a, 0, 0);
            let block = ipnet::Ipv4Net::new(address, *len).unwrap().trunc();
            plan.vpc.cidr_blocks.push(block);
        }
        Damage::ClearIngress(n) => {
            if let Some(i) = pick(plan.security_groups.len(), *n) {
                plan.security_groups[i].ingress.clear();
            }
        }
        Damage::ClearEgress(n) => {
            if let Some(i) = pick(plan.security_groups.len(), *n) {
                plan.security_groups[i].egress.clear();
            }
        }
        Damage::DenyAclPort(number, port) => {
            if let Some(acl) = plan.network_acls.first_mut() {
                acl.ingress.push(NetworkAclRule {
                    number: *number,
                    action: Action::Deny,
                    traffic: Traffic::tcp(*port, *port),
                    cidr: "0.0.0.0/0".parse().unwrap(),
                });
            }
        }
        Damage::PickEnvSubnets(picks) => {
            let ids: Vec<String> =
                plan.subnets.iter().map(|s| s.id.clone()).collect();
            plan.environment.subnets = picks
                .iter()
                .filter_map(|n| pick(ids.len(), *n).map(|i| ids[i].clone()))
                .collect();
        }
        Damage::SetWorkers(min, max) => {
            plan.environment.min_workers = *min;
            plan.environment.max_workers = *max;
        }
    }
}

fn preset() -> impl Strategy<Value = Preset> {
    prop_oneof![
        Just(Preset::PublicInternet),
        Just(Preset::PublicPrivateWebserver),
        Just(Preset::PrivateNewVpc),
        Just(Preset::PrivateExistingVpc),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn fixes_settle_with_no_fixable_error_left(
        preset in preset(),
        damages in vec(damage(), 1..5),
    ) {
        let mut plan = presets::build(preset);
        for damage in &damages {
            inflict(&mut plan, damage);
        }

        edit::apply_all_fixes(&mut plan);
        let report = rules::check(&plan);
        let fixable: Vec<&str> = report
            .with_severity(Severity::Error)
            .filter(|finding| finding.fix.is_some())
            .map(|finding| finding.message.as_str())
            .collect();
        prop_assert!(fixable.is_empty(), "{:#?}", fixable);
    }
}
