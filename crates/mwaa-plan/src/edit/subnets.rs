//! Adding subnets and Availability Zones, and carving the subnets' blocks.

use ipnet::Ipv4Net;

use super::routes::remove_nat_gateway;
use super::{known_region, PlanEditError, SUBNET_PREFIX};
use crate::cidr;
use crate::fix::EditError;
use crate::plan::{Plan, Subnet};

/// Adds a subnet in `zone` with the next free block of `prefix_len` in the
/// VPC, sharing the route table and network ACL of the environment's first
/// subnet; returns its id.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::presets::{self, Preset};
///
/// let mut plan = presets::build(Preset::PrivateNewVpc);
/// let id = edit::add_subnet(&mut plan, "us-east-1c", 24).unwrap();
/// let subnet = plan.subnets.iter().find(|s| s.id == id).unwrap();
///
/// assert_eq!(subnet.cidr.to_string(), "10.192.0.0/24");
/// ```
pub fn add_subnet(
    plan: &mut Plan,
    zone: &str,
    prefix_len: u8,
) -> Result<String, PlanEditError> {
    let cidr = free_block(plan, prefix_len)?;
    let template = plan
        .environment
        .subnets
        .first()
        .and_then(|id| plan.subnets.iter().find(|s| &s.id == id));
    let route_table = template.and_then(|s| s.route_table.clone());
    let network_acl = template.and_then(|s| s.network_acl.clone());

    let id = plan.unique_id(&format!("subnet-{zone}"));
    plan.subnets.push(Subnet {
        id: id.clone(),
        name: format!("{}-{zone}", plan.name),
        availability_zone: zone.to_owned(),
        cidr,
        route_table,
        network_acl,
    });
    Ok(id)
}

fn free_block(plan: &Plan, prefix_len: u8) -> Result<Ipv4Net, PlanEditError> {
    let taken: Vec<Ipv4Net> = plan.subnets.iter().map(|s| s.cidr).collect();
    plan.vpc
        .cidr_blocks
        .iter()
        .find_map(|block| cidr::next_free_block(*block, prefix_len, &taken))
        .ok_or(PlanEditError::NoRoom { prefix_len })
}

/// Adds a subnet in the first Availability Zone of the Region that has
/// none yet; returns its id.
pub fn add_availability_zone(plan: &mut Plan) -> Result<String, PlanEditError> {
    let region = known_region(plan)?;
    let zone = region
        .zones()
        .find(|zone| !plan.subnets.iter().any(|s| &s.availability_zone == zone))
        .ok_or_else(|| PlanEditError::NoFreeZone(plan.region.clone()))?;
    add_subnet(plan, &zone, SUBNET_PREFIX)
}

/// Gives every subnet a new block of `prefix_len`, in plan order, packed
/// from the start of the VPC's blocks.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::presets::{self, Preset};
///
/// let mut plan = presets::build(Preset::PublicInternet);
/// edit::carve_subnets(&mut plan, 20).unwrap();
/// let blocks: Vec<String> =
///     plan.subnets.iter().map(|s| s.cidr.to_string()).collect();
///
/// assert_eq!(
///     blocks,
///     ["10.192.0.0/20", "10.192.16.0/20", "10.192.32.0/20", "10.192.48.0/20"],
/// );
/// ```
pub fn carve_subnets(
    plan: &mut Plan,
    prefix_len: u8,
) -> Result<(), PlanEditError> {
    let mut taken: Vec<Ipv4Net> = Vec::with_capacity(plan.subnets.len());
    for _ in 0..plan.subnets.len() {
        let block = plan
            .vpc
            .cidr_blocks
            .iter()
            .find_map(|vpc| cidr::next_free_block(*vpc, prefix_len, &taken))
            .ok_or(PlanEditError::NoRoom { prefix_len })?;
        taken.push(block);
    }
    for (subnet, block) in plan.subnets.iter_mut().zip(taken) {
        subnet.cidr = block;
    }
    Ok(())
}

/// Removes a subnet and everything that only makes sense with it: its
/// place in the environment and in endpoints, the NAT gateways in it and
/// the routes through them.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::presets::{self, Preset};
///
/// let mut plan = presets::build(Preset::PublicInternet);
/// edit::remove_subnet(&mut plan, "subnet-public-1").unwrap();
///
/// assert_eq!(plan.subnets.len(), 3);
/// assert_eq!(plan.nat_gateways.len(), 1);
/// assert!(plan.route_tables.iter().all(|t| t.id != "rtb-private-1"
///     || t.routes.is_empty()));
/// ```
pub fn remove_subnet(plan: &mut Plan, id: &str) -> Result<(), PlanEditError> {
    if !plan.subnets.iter().any(|subnet| subnet.id == id) {
        return Err(EditError::UnknownPart(id.to_owned()).into());
    }
    plan.subnets.retain(|subnet| subnet.id != id);
    plan.environment.subnets.retain(|subnet| subnet != id);
    for endpoint in &mut plan.endpoints {
        endpoint.subnets.retain(|subnet| subnet != id);
    }

    let nats: Vec<String> = plan
        .nat_gateways
        .iter()
        .filter(|nat| nat.subnet == id)
        .map(|nat| nat.id.clone())
        .collect();
    for nat in nats {
        remove_nat_gateway(plan, &nat)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::{self, Preset};
    use crate::rules;

    fn subnet<'p>(plan: &'p Plan, id: &str) -> &'p Subnet {
        plan.subnets.iter().find(|s| s.id == id).unwrap()
    }

    #[test]
    fn add_availability_zone_fills_the_free_zones_then_stops() {
        let mut plan = presets::build(Preset::PublicInternet);
        let expected = [
            ("us-east-1c", "10.192.0.0/24"),
            ("us-east-1d", "10.192.1.0/24"),
            ("us-east-1e", "10.192.2.0/24"),
            ("us-east-1f", "10.192.3.0/24"),
        ];
        for (zone, cidr) in expected {
            let id = add_availability_zone(&mut plan).unwrap();
            let added = subnet(&plan, &id);
            assert_eq!(added.availability_zone, zone);
            assert_eq!(added.cidr.to_string(), cidr);
            assert_eq!(added.route_table.as_deref(), Some("rtb-private-1"));
        }
        assert_eq!(
            add_availability_zone(&mut plan),
            Err(PlanEditError::NoFreeZone("us-east-1".into()))
        );
    }

    #[test]
    fn add_subnet_reports_a_full_vpc_and_changes_nothing() {
        let mut plan = presets::build(Preset::PrivateNewVpc);
        plan.vpc.cidr_blocks = vec!["10.192.10.0/23".parse().unwrap()];
        let before = plan.clone();

        let error = add_subnet(&mut plan, "us-east-1a", 24).unwrap_err();
        assert_eq!(error, PlanEditError::NoRoom { prefix_len: 24 });
        assert_eq!(
            error.to_string(),
            "the VPC has no free /24 block left: add a CIDR block to the VPC \
             or choose smaller subnets"
        );
        assert_eq!(plan, before);
        assert!(add_subnet(&mut plan, "us-east-1a", 28).is_err());
    }

    #[test]
    fn add_subnet_uses_secondary_blocks_when_the_primary_is_full() {
        let mut plan = presets::build(Preset::PrivateNewVpc);
        plan.vpc.cidr_blocks = vec![
            "10.192.10.0/23".parse().unwrap(),
            "10.193.0.0/16".parse().unwrap(),
        ];
        let id = add_subnet(&mut plan, "us-east-1c", 24).unwrap();
        assert_eq!(subnet(&plan, &id).cidr.to_string(), "10.193.0.0/24");
    }

    #[test]
    fn carve_subnets_refuses_what_does_not_fit_and_changes_nothing() {
        let mut plan = presets::build(Preset::PublicInternet);
        let before = plan.clone();
        assert_eq!(
            carve_subnets(&mut plan, 17),
            Err(PlanEditError::NoRoom { prefix_len: 17 })
        );
        assert_eq!(plan, before);

        carve_subnets(&mut plan, 18).unwrap();
        assert!(rules::check(&plan).is_ready());
    }

    #[test]
    fn remove_subnet_takes_its_references_along() {
        let mut plan = presets::build(Preset::PrivateNewVpc);
        remove_subnet(&mut plan, "subnet-private-2").unwrap();

        assert_eq!(plan.environment.subnets, ["subnet-private-1"]);
        assert!(plan
            .endpoints
            .iter()
            .all(|e| !e.subnets.contains(&"subnet-private-2".to_owned())));
        let report = rules::check(&plan);
        assert!(report
            .findings
            .iter()
            .all(|f| f.rule != "dangling-reference"));
        assert!(remove_subnet(&mut plan, "subnet-private-2").is_err());
    }
}
