//! Rules: public routing, through NAT gateways to the internet.
//!
//! Besides the rules, this module holds what their fixes share with the
//! environment rules: finding the NAT gateway of an Availability Zone and
//! giving a subnet new routes without disturbing the subnets that share its
//! route table.

use super::Rule;
use crate::fix::{Edit, Fix};
use crate::plan::{
    EndpointKind, InternetGateway, NatGateway, Route, RouteTable, RouteTarget,
    Subnet,
};
use crate::recommended;
use crate::topology::Topology;

mod igw_missing;
mod nat_cross_az;
mod nat_missing;
mod nat_not_in_public_subnet;
mod nat_single;
mod public_subnet_count;

pub(super) const RULES: &[&Rule] = &[
    &public_subnet_count::RULE,
    &igw_missing::RULE,
    &nat_missing::RULE,
    &nat_not_in_public_subnet::RULE,
    &nat_single::RULE,
    &nat_cross_az::RULE,
];

/// The public subnets that can hold NAT gateways: those whose default
/// route goes to an internet gateway, the environment's own excepted.
pub(in crate::rules) fn public_subnets<'t, 'p>(
    topology: &'t Topology<'p>,
) -> impl Iterator<Item = &'p Subnet> + 't {
    topology.plan.subnets.iter().filter(|subnet| {
        topology.is_public(subnet) && !topology.is_env_subnet(&subnet.id)
    })
}

/// The first public subnet of an Availability Zone.
pub(in crate::rules) fn public_subnet_in<'p>(
    topology: &Topology<'p>,
    zone: &str,
) -> Option<&'p Subnet> {
    public_subnets(topology).find(|subnet| subnet.availability_zone == zone)
}

/// A NAT gateway in a public subnet of `zone`, one with an Elastic IP
/// first.
pub(in crate::rules) fn usable_nat<'p>(
    topology: &Topology<'p>,
    zone: &str,
) -> Option<&'p NatGateway> {
    let in_zone: Vec<&NatGateway> = topology
        .plan
        .nat_gateways
        .iter()
        .filter(|nat| {
            topology.subnet(&nat.subnet).is_some_and(|subnet| {
                subnet.availability_zone == zone
                    && topology.is_public(subnet)
                    && !topology.is_env_subnet(&subnet.id)
            })
        })
        .collect();
    let with_address = in_zone.iter().find(|nat| nat.elastic_ip);
    with_address.or(in_zone.first()).copied()
}

/// The NAT gateway a subnet of an Availability Zone should route through:
/// a usable one of the plan, or one to add in a public subnet of the zone.
struct ZoneNat {
    /// The NAT gateway's id.
    id: String,
    /// The NAT gateway to add, when the plan has none to use.
    added: Option<NatGateway>,
}

impl ZoneNat {
    /// The NAT gateway of `zone`, existing or to add; `None` when the zone
    /// has neither a usable NAT gateway nor a public subnet to hold one.
    fn of(topology: &Topology<'_>, zone: &str) -> Option<ZoneNat> {
        if let Some(nat) = usable_nat(topology, zone) {
            return Some(ZoneNat {
                id: nat.id.clone(),
                added: None,
            });
        }
        let public = public_subnet_in(topology, zone)?;
        let nat = new_nat(topology, public);
        Some(ZoneNat {
            id: nat.id.clone(),
            added: Some(nat),
        })
    }

    /// The edit adding the NAT gateway, if it is new.
    fn edit(&self) -> Option<Edit> {
        self.added.clone().map(|nat| Edit::Put(nat.into()))
    }

    /// The route for `0.0.0.0/0` through this NAT gateway.
    fn default_route(&self) -> Route {
        recommended::default_route(RouteTarget::NatGateway(self.id.clone()))
    }
}

/// What routing `subnet` through the NAT gateway of its own zone takes: a
/// fix title and, when the zone has a NAT gateway or a public subnet to
/// add one in, the fix. Environment subnets of the zone that share the
/// subnet's route table go along with it; other subnets keep their table.
pub(in crate::rules) fn through_zone_nat(
    topology: &Topology<'_>,
    subnet: &Subnet,
) -> (String, Option<Fix>) {
    let zone = &subnet.availability_zone;
    let Some(nat) = ZoneNat::of(topology, zone) else {
        let title = format!(
            "Add a public subnet with a NAT gateway in {zone} and route \
             '{}' through it",
            subnet.id
        );
        return (title, None);
    };
    let title = match &nat.added {
        Some(added) => format!(
            "Add a NAT gateway in '{}' and route '{}' through it",
            added.subnet, subnet.id
        ),
        None => {
            format!("Route '{}' through NAT gateway '{}'", subnet.id, nat.id)
        }
    };

    let desired = |other: &Subnet| -> Option<Vec<Route>> {
        let alike = topology.is_env_subnet(&other.id)
            && other.availability_zone == *zone;
        alike.then(|| {
            let routes = routes_of(topology, other);
            with_default_route(&routes, nat.default_route())
        })
    };
    let fix = reroute(topology, subnet, desired).map(|routing| Fix {
        edits: nat.edit().into_iter().chain(routing).collect(),
    });
    (title, fix)
}

/// A NAT gateway with an Elastic IP in `public`, with an id new to the
/// plan.
fn new_nat(topology: &Topology<'_>, public: &Subnet) -> NatGateway {
    let base = format!("nat-{}", short_id(&public.id));
    NatGateway {
        id: topology.plan.unique_id(&base),
        name: format!("{}-nat", public.name),
        subnet: public.id.clone(),
        elastic_ip: true,
    }
}

/// An id without its `subnet-` prefix: `private-1` for `subnet-private-1`.
fn short_id(id: &str) -> &str {
    id.strip_prefix("subnet-").unwrap_or(id)
}

/// The internet gateway of the plan, or the one to add: it takes the id
/// that routes already name when they name a missing gateway, so those
/// routes reach it.
pub(in crate::rules) fn internet_gateway(
    topology: &Topology<'_>,
) -> InternetGateway {
    let plan = topology.plan;
    if let Some(gateway) = &plan.internet_gateway {
        return gateway.clone();
    }
    let id = dangling_gateway_ids(topology)
        .next()
        .map(str::to_owned)
        .unwrap_or_else(|| plan.unique_id("igw"));
    InternetGateway {
        id,
        name: format!("{}-igw", plan.name),
    }
}

/// The internet gateway ids that routes name but the plan lacks.
fn dangling_gateway_ids<'t, 'p>(
    topology: &'t Topology<'p>,
) -> impl Iterator<Item = &'p str> + 't {
    topology
        .plan
        .route_tables
        .iter()
        .flat_map(|table| &table.routes)
        .filter_map(|route| match &route.target {
            RouteTarget::InternetGateway(id) => Some(id.as_str()),
            _ => None,
        })
        .filter(|id| !topology.has_internet_gateway(id))
}

/// `routes` with the route for `0.0.0.0/0` replaced by `default`, or
/// `default` added when there was none.
fn with_default_route(routes: &[Route], default: Route) -> Vec<Route> {
    let mut routes: Vec<Route> = routes
        .iter()
        .filter(|route| !route.destination.is_default_route())
        .cloned()
        .collect();
    routes.push(default);
    routes
}

/// The routes of a subnet's route table; none for the VPC's main table.
fn routes_of(topology: &Topology<'_>, subnet: &Subnet) -> Vec<Route> {
    topology
        .route_table_of(subnet)
        .map(|table| table.routes.clone())
        .unwrap_or_default()
}

/// The edits giving `subnet` the routes `desired` asks for it.
///
/// `desired` says which routes a subnet should have, or `None` when it
/// should keep its own. The subnet's route table is edited in place when
/// every subnet using it wants the very same routes. Otherwise the subnet,
/// with the subnets of its table that want the same routes, moves to a new
/// table, so the others keep theirs; the gateway endpoints of the old table
/// are attached to the new one too. Every subnet of such a group gets the
/// same edits, so applying the fixes of several of them is harmless.
pub(in crate::rules) fn reroute(
    topology: &Topology<'_>,
    subnet: &Subnet,
    desired: impl Fn(&Subnet) -> Option<Vec<Route>>,
) -> Option<Vec<Edit>> {
    let routes = desired(subnet)?;
    let (alike, others): (Vec<&Subnet>, Vec<&Subnet>) = users(topology, subnet)
        .partition(|user| desired(user).as_ref() == Some(&routes));
    match topology.route_table_of(subnet) {
        Some(table) if others.is_empty() => {
            let mut table = table.clone();
            table.routes = routes;
            Some(vec![Edit::Put(table.into())])
        }
        _ => Some(new_route_table(topology, subnet, &alike, routes)),
    }
}

/// The subnets using the same route table as `subnet`, itself included
/// (for the VPC's main table, those that name no table).
fn users<'p>(
    topology: &Topology<'p>,
    subnet: &Subnet,
) -> impl Iterator<Item = &'p Subnet> {
    let table = subnet.route_table.clone();
    topology
        .plan
        .subnets
        .iter()
        .filter(move |user| user.route_table == table)
}

/// A new route table holding `routes` for `group`, the subnets of
/// `subnet`'s table that want them.
fn new_route_table(
    topology: &Topology<'_>,
    subnet: &Subnet,
    group: &[&Subnet],
    routes: Vec<Route>,
) -> Vec<Edit> {
    let table = fresh_table(topology, subnet, group.len() > 1, routes);
    let members: &[&Subnet] = if group.is_empty() { &[subnet] } else { group };
    let mut edits = vec![Edit::Put(table.clone().into())];
    for member in members {
        let mut moved = (*member).clone();
        moved.route_table = Some(table.id.clone());
        edits.push(Edit::Put(moved.into()));
    }
    if let Some(old) = &subnet.route_table {
        edits.extend(gateway_endpoints_on(topology, old, &table.id));
    }
    edits
}

/// A route table with an id new to the plan: named after the subnet when
/// it serves the subnet alone, after its old table when it is `shared`.
fn fresh_table(
    topology: &Topology<'_>,
    subnet: &Subnet,
    shared: bool,
    routes: Vec<Route>,
) -> RouteTable {
    let plan = topology.plan;
    let (base, name) = if shared {
        let old = subnet.route_table.as_deref().unwrap_or("rtb-main");
        let old_name = topology
            .route_table_of(subnet)
            .map_or(plan.name.as_str(), |table| table.name.as_str());
        (format!("{old}-private"), format!("{old_name}-private"))
    } else {
        (format!("rtb-{}", short_id(&subnet.id)), subnet.name.clone())
    };
    RouteTable {
        id: plan.unique_id(&base),
        name,
        routes,
    }
}

/// The gateway endpoints attached to route table `old`, attached to `new`
/// as well.
fn gateway_endpoints_on(
    topology: &Topology<'_>,
    old: &str,
    new: &str,
) -> Vec<Edit> {
    topology
        .plan
        .endpoints
        .iter()
        .filter(|endpoint| endpoint.kind == EndpointKind::Gateway)
        .filter(|endpoint| endpoint.route_tables.iter().any(|t| t == old))
        .map(|endpoint| {
            let mut endpoint = endpoint.clone();
            endpoint.route_tables.push(new.to_owned());
            Edit::Put(endpoint.into())
        })
        .collect()
}

/// Finding parts of a preset by id, for the rules' test tables.
#[cfg(test)]
pub(in crate::rules) mod lookup {
    use crate::plan::{NatGateway, Plan, RouteTable, Subnet};

    /// The subnet `id`; panics when the preset has none.
    pub(in crate::rules) fn subnet<'p>(
        plan: &'p mut Plan,
        id: &str,
    ) -> &'p mut Subnet {
        let found = plan.subnets.iter_mut().find(|s| s.id == id);
        found.unwrap_or_else(|| panic!("no subnet '{id}'"))
    }

    /// The route table `id`; panics when the preset has none.
    pub(in crate::rules) fn route_table<'p>(
        plan: &'p mut Plan,
        id: &str,
    ) -> &'p mut RouteTable {
        let found = plan.route_tables.iter_mut().find(|t| t.id == id);
        found.unwrap_or_else(|| panic!("no route table '{id}'"))
    }

    /// The NAT gateway `id`; panics when the preset has none.
    pub(in crate::rules) fn nat<'p>(
        plan: &'p mut Plan,
        id: &str,
    ) -> &'p mut NatGateway {
        let found = plan.nat_gateways.iter_mut().find(|n| n.id == id);
        found.unwrap_or_else(|| panic!("no NAT gateway '{id}'"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Destination;
    use crate::presets::{self, Preset};

    fn route(cidr: &str, target: RouteTarget) -> Route {
        Route {
            destination: Destination::Cidr(cidr.parse().unwrap()),
            target,
        }
    }

    #[test]
    fn with_default_route_replaces_or_adds() {
        let nat = || RouteTarget::NatGateway("nat".into());
        let igw = || RouteTarget::InternetGateway("igw".into());
        let peer = || RouteTarget::Other("peering".into());
        let cases = [
            (vec![], vec![route("0.0.0.0/0", nat())]),
            (
                vec![route("0.0.0.0/0", igw())],
                vec![route("0.0.0.0/0", nat())],
            ),
            (
                vec![route("10.0.0.0/8", peer())],
                vec![route("10.0.0.0/8", peer()), route("0.0.0.0/0", nat())],
            ),
        ];
        for (routes, expected) in cases {
            let default = route("0.0.0.0/0", nat());
            assert_eq!(with_default_route(&routes, default), expected);
        }
    }

    #[test]
    fn zone_nat_uses_or_adds() {
        let plan = presets::build(Preset::PublicInternet);
        let mut without_nat = plan.clone();
        without_nat.nat_gateways.retain(|nat| nat.id != "nat-2");
        let cases = [
            (&plan, "us-east-1a", Some(("nat-1", false))),
            (&plan, "us-east-1c", None),
            (&without_nat, "us-east-1b", Some(("nat-public-2", true))),
        ];
        for (plan, zone, expected) in cases {
            let topology = Topology::new(plan);
            let nat = ZoneNat::of(&topology, zone);
            let got = nat.as_ref().map(|n| (n.id.as_str(), n.added.is_some()));
            assert_eq!(got, expected, "{zone}");
        }
    }

    /// The ids of the parts a list of edits puts.
    fn put_ids(edits: &[Edit]) -> Vec<String> {
        use crate::fix::Part;
        edits
            .iter()
            .filter_map(|edit| match edit {
                Edit::Put(Part::RouteTable(table)) => Some(table.id.clone()),
                Edit::Put(Part::Subnet(subnet)) => Some(subnet.id.clone()),
                Edit::Put(Part::Endpoint(endpoint)) => {
                    Some(endpoint.id.clone())
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn reroute_edits_in_place_only_when_all_users_agree() {
        type Desired = fn(&Subnet) -> Option<Vec<Route>>;
        let everyone: Desired = |_| Some(Vec::new());
        let public_1: Desired = |s| (s.id == "subnet-public-1").then(Vec::new);
        let apps_1_2: Desired = |s| (s.id != "subnet-app-3").then(Vec::new);
        let cases: [(Preset, &str, Desired, &[&str]); 3] = [
            (
                Preset::PublicInternet,
                "subnet-public-1",
                everyone,
                &["rtb-public"],
            ),
            (
                Preset::PublicInternet,
                "subnet-public-1",
                public_1,
                &["rtb-public-1", "subnet-public-1"],
            ),
            (
                Preset::PrivateExistingVpc,
                "subnet-app-2",
                apps_1_2,
                &[
                    "rtb-corp-private",
                    "subnet-app-1",
                    "subnet-app-2",
                    "vpce-s3",
                ],
            ),
        ];
        for (preset, id, desired, expected) in cases {
            let plan = presets::build(preset);
            let topology = Topology::new(&plan);
            let subnet = topology.subnet(id).unwrap();
            let edits = reroute(&topology, subnet, desired).unwrap();
            assert_eq!(put_ids(&edits), expected, "{id}");
        }
    }
}
