//! Rules: the CIDR plan.

use ipnet::Ipv4Net;

use super::Rule;
use crate::cidr;
use crate::plan::{Plan, Subnet, Vpc};

mod secondary_cidr_restricted;
mod subnet_capacity;
mod subnet_cidr_size;
mod subnet_outside_vpc;
mod subnet_overlap;
mod vpc_cidr_docker_bridge;
mod vpc_cidr_not_private;
mod vpc_cidr_size;

pub(super) const RULES: &[&Rule] = &[
    &vpc_cidr_size::RULE,
    &vpc_cidr_not_private::RULE,
    &vpc_cidr_docker_bridge::RULE,
    &secondary_cidr_restricted::RULE,
    &subnet_cidr_size::RULE,
    &subnet_outside_vpc::RULE,
    &subnet_overlap::RULE,
    &subnet_capacity::RULE,
];

/// How a message names the VPC block at `index`: the first is the primary
/// block, the others are secondary.
fn block_role(index: usize) -> &'static str {
    match index {
        0 => "primary block",
        _ => "secondary block",
    }
}

/// The plan's VPC with the block at `index` replaced by `block`.
fn vpc_with_block(plan: &Plan, index: usize, block: Ipv4Net) -> Vpc {
    let mut vpc = plan.vpc.clone();
    if let Some(slot) = vpc.cidr_blocks.get_mut(index) {
        *slot = block;
    }
    vpc
}

/// The plan's VPC without the block at `index`.
fn vpc_without_block(plan: &Plan, index: usize) -> Vpc {
    let mut vpc = plan.vpc.clone();
    if index < vpc.cidr_blocks.len() {
        vpc.cidr_blocks.remove(index);
    }
    vpc
}

/// The first VPC block that holds all of `range`, if one does.
fn block_holding(plan: &Plan, range: Ipv4Net) -> Option<Ipv4Net> {
    plan.vpc_blocks()
        .iter()
        .copied()
        .find(|block| cidr::contains(*block, range))
}

/// New ranges for subnets that must move, chosen so that a moved subnet
/// avoids every other subnet of the plan (where it is now) and every range
/// already given to another moved subnet.
///
/// Fixes are computed from the plan as checked; without this, two subnets
/// moved by two findings of one rule could be given the same free block.
struct Relocation {
    current: Vec<Ipv4Net>,
    placed: Vec<Ipv4Net>,
}

impl Relocation {
    fn new(plan: &Plan) -> Relocation {
        Relocation {
            current: plan.subnets.iter().map(|s| s.cidr).collect(),
            placed: Vec::new(),
        }
    }

    /// The first free block of `prefix_len` in `within` for the subnet at
    /// `index` of the plan's subnets, reserved so no later call gets it.
    fn place(
        &mut self,
        index: usize,
        within: Ipv4Net,
        prefix_len: u8,
    ) -> Option<Ipv4Net> {
        let taken: Vec<Ipv4Net> = self
            .current
            .iter()
            .enumerate()
            .filter(|(other, _)| *other != index)
            .map(|(_, range)| *range)
            .chain(self.placed.iter().copied())
            .collect();
        let block = cidr::next_free_block(within, prefix_len, &taken)?;
        self.placed.push(block);
        Some(block)
    }
}

/// The subnet with its range changed to `range`.
fn moved(subnet: &Subnet, range: Ipv4Net) -> Subnet {
    Subnet {
        cidr: range,
        ..subnet.clone()
    }
}
