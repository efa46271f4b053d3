//! Rules: the environment's shape, for both routings.

use super::Rule;
use crate::plan::Subnet;
use crate::topology::Topology;

mod az_outside_region;
mod customer_endpoints_reminder;
mod name;
mod network_immutable;
mod public_webserver_without_internet;
mod region_unsupported;
mod security_group_count;
mod shared_vpc_service_endpoints;
mod subnet_count;
mod subnet_public;
mod subnets_same_az;
mod worker_counts;

pub(super) const RULES: &[&Rule] = &[
    &subnet_count::RULE,
    &subnets_same_az::RULE,
    &subnet_public::RULE,
    &security_group_count::RULE,
    &az_outside_region::RULE,
    &shared_vpc_service_endpoints::RULE,
    &customer_endpoints_reminder::RULE,
    &network_immutable::RULE,
    &region_unsupported::RULE,
    &public_webserver_without_internet::RULE,
    &worker_counts::RULE,
    &name::RULE,
];

/// The Availability Zones the environment's subnets other than `subnet`
/// use.
fn zones_of_others<'p>(
    topology: &Topology<'p>,
    subnet: &Subnet,
) -> Vec<&'p str> {
    topology
        .env_subnets()
        .filter(|other| other.id != subnet.id)
        .map(|other| other.availability_zone.as_str())
        .collect()
}

/// The environment's subnet ids, quoted and joined: `'a', 'b'`.
fn quoted(ids: &[String]) -> String {
    format!("'{}'", ids.join("', '"))
}
