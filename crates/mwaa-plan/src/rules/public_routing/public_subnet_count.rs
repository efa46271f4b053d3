//! `public-subnet-count`: public routing has public subnets in two
//! Availability Zones.

use ipnet::Ipv4Net;

use super::{internet_gateway, public_subnets};
use crate::cidr;
use crate::finding::{Finding, Severity};
use crate::fix::{Edit, Fix};
use crate::plan::{RouteTable, RouteTarget, Routing, Subnet};
use crate::recommended;
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks that, under public routing, the VPC has public
/// subnets in at least two Availability Zones.
///
/// Why: the NAT gateways that carry the environment's internet traffic sit
/// in public subnets, one per zone, so that losing a zone does not cut the
/// other zone off the internet.
pub(crate) const RULE: Rule = Rule {
    code: "N201",
    name: "public-subnet-count",
    severity: Severity::Error,
    summary: "Under public routing, the VPC has public subnets in two \
              different Availability Zones.",
    explanation: "With public routing the environment's own subnets are \
        private: their internet traffic leaves through NAT gateways, and a \
        NAT gateway must sit in a public subnet, one whose route table \
        sends 0.0.0.0/0 to the internet gateway. AWS's network for MWAA has \
        two such subnets, one in each of the environment's Availability \
        Zones, each holding a NAT gateway. For example, two public subnets \
        both in us-east-1a leave no place for the NAT gateway of us-east-1b; \
        put the second public subnet in us-east-1b instead.",
    known_problems: "A subnet counts as public when its default route goes \
        to an internet gateway; whether that gateway exists is the concern \
        of igw-missing. The rule asks for two zones, not for the \
        environment's two zones, although its fix picks those.",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/networking-about.html",
    check,
};

/// How many zones need a public subnet.
const ZONES_NEEDED: usize = 2;

/// The size of a public subnet the fix adds, as AWS's templates make them.
const PUBLIC_PREFIX: u8 = 24;

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    if topology.plan.routing != Routing::Public {
        return;
    }
    let public: Vec<&Subnet> = public_subnets(topology).collect();
    let zones = distinct_zones(&public);
    if zones.len() >= ZONES_NEEDED {
        return;
    }

    let new_zones = zones_to_fill(topology, &zones);
    let mut finding = RULE
        .finding(message(&public), title(&new_zones))
        .parts(public.iter().map(|subnet| subnet.id.clone()));
    if public.is_empty() {
        finding = finding.part(&topology.plan.vpc.id);
    }
    if let Some(fix) = fix(topology, &new_zones) {
        finding = finding.fix(fix);
    }
    findings.push(finding);
}

fn distinct_zones<'p>(subnets: &[&'p Subnet]) -> Vec<&'p str> {
    let mut zones: Vec<&str> = Vec::new();
    for subnet in subnets {
        if !zones.contains(&subnet.availability_zone.as_str()) {
            zones.push(&subnet.availability_zone);
        }
    }
    zones
}

fn message(public: &[&Subnet]) -> String {
    let needs = "public routing needs public subnets for its NAT gateways \
                 in two Availability Zones";
    match public {
        [] => format!("{needs}, and the VPC has none"),
        [only] => format!(
            "{needs}; the VPC has only '{}' in {}",
            only.id, only.availability_zone
        ),
        [first, ..] => {
            let ids: Vec<&str> = public.iter().map(|s| s.id.as_str()).collect();
            format!(
                "{needs}; '{}' are all in {}",
                ids.join("', '"),
                first.availability_zone
            )
        }
    }
}

fn title(new_zones: &[String]) -> String {
    match new_zones {
        [zone] => format!("Add a public subnet in {zone}"),
        [first, second] => {
            format!("Add public subnets in {first} and {second}")
        }
        _ => "Add a public subnet in a second Availability Zone".to_owned(),
    }
}

/// Public subnets in `zones`, on a public route table, with the
/// environment subnets' network ACL.
fn fix(topology: &Topology<'_>, zones: &[String]) -> Option<Fix> {
    let plan = topology.plan;
    let primary = *plan.vpc.cidr_blocks.first()?;
    let taken: Vec<Ipv4Net> = plan.subnets.iter().map(|s| s.cidr).collect();
    let blocks = cidr::carve(primary, PUBLIC_PREFIX, zones.len(), &taken)?;

    let (table, mut edits) = public_route_table(topology);
    let network_acl =
        topology.env_subnets().find_map(|s| s.network_acl.clone());
    for (zone, block) in zones.iter().zip(blocks) {
        let subnet = Subnet {
            id: plan.unique_id(&format!("subnet-public-{zone}")),
            name: format!("{}-public-{zone}", plan.name),
            availability_zone: zone.clone(),
            cidr: block,
            route_table: Some(table.clone()),
            network_acl: network_acl.clone(),
        };
        edits.push(Edit::Put(subnet.into()));
    }
    Some(Fix { edits })
}

/// The id of a route table sending `0.0.0.0/0` to the internet gateway,
/// with the edits adding the table, and the gateway, that the plan lacks.
fn public_route_table(topology: &Topology<'_>) -> (String, Vec<Edit>) {
    let plan = topology.plan;
    let gateway = internet_gateway(topology);
    let mut edits = Vec::new();
    if plan.internet_gateway.is_none() {
        edits.push(Edit::Put(gateway.clone().into()));
    }
    let route = recommended::default_route(RouteTarget::InternetGateway(
        gateway.id.clone(),
    ));
    if let Some(table) =
        plan.route_tables.iter().find(|t| t.routes.contains(&route))
    {
        return (table.id.clone(), edits);
    }
    let table = RouteTable {
        id: plan.unique_id("rtb-public"),
        name: format!("{}-public", plan.name),
        routes: vec![route],
    };
    let id = table.id.clone();
    edits.push(Edit::Put(table.into()));
    (id, edits)
}

/// The zones to give a public subnet: the environment subnets' zones
/// first, then the Region's, skipping those that have one and those
/// outside the Region.
fn zones_to_fill(
    topology: &Topology<'_>,
    zones_with_public: &[&str],
) -> Vec<String> {
    let env_zones = topology
        .env_subnets()
        .map(|subnet| subnet.availability_zone.clone());
    let region_zones = topology.region.into_iter().flat_map(|r| r.zones());

    let in_region =
        |zone: &str| topology.region.is_none_or(|r| r.has_zone(zone));

    let mut zones: Vec<String> = Vec::new();
    let wanted = ZONES_NEEDED.saturating_sub(zones_with_public.len());
    for zone in env_zones.chain(region_zones) {
        let covered = zones_with_public.contains(&zone.as_str());
        if !covered && in_region(&zone) && !zones.contains(&zone) {
            zones.push(zone);
        }
        if zones.len() == wanted {
            break;
        }
    }
    zones
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::plan::Routing;
    use crate::presets::Preset::*;
    use crate::rules::public_routing::lookup::subnet;
    use crate::testing::{check_cases, fires, silent};

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "two public subnets in one zone",
                    PublicInternet,
                    |p| {
                        subnet(p, "subnet-public-2").availability_zone =
                            "us-east-1a".into()
                    },
                    &["subnet-public-1", "subnet-public-2"],
                ),
                fires(
                    "one public subnet",
                    PublicPrivateWebserver,
                    |p| {
                        subnet(p, "subnet-public-2").route_table =
                            Some("rtb-private-2".into())
                    },
                    &["subnet-public-1"],
                ),
                fires(
                    "no public subnet",
                    PrivateNewVpc,
                    |p| p.routing = Routing::Public,
                    &["vpc"],
                ),
                fires(
                    "no public subnet, no gateway",
                    PublicInternet,
                    |p| {
                        p.internet_gateway = None;
                        p.route_tables.retain(|t| t.id != "rtb-public");
                    },
                    &["vpc"],
                ),
                silent("two public subnets", PublicInternet, |_| {}),
                silent(
                    "second zone outside the environment's",
                    PublicInternet,
                    |p| {
                        subnet(p, "subnet-public-2").availability_zone =
                            "us-east-1c".into()
                    },
                ),
                silent(
                    "third public subnet in a taken zone",
                    PublicInternet,
                    |p| {
                        let mut extra = subnet(p, "subnet-public-1").clone();
                        extra.id = "subnet-public-3".into();
                        extra.cidr = "10.192.12.0/24".parse().unwrap();
                        p.subnets.push(extra);
                    },
                ),
                silent("private routing", PrivateNewVpc, |_| {}),
                silent(
                    "private routing, existing VPC",
                    PrivateExistingVpc,
                    |_| {},
                ),
            ],
        );
    }
}
