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

/// The size `subnet-cidr-size` gives a subnet, as AWS's templates for MWAA
/// do.
const RESIZED_PREFIX: u8 = 24;

/// The new range of every subnet that `subnet-cidr-size`,
/// `subnet-outside-vpc` or `subnet-overlap` moves, by the subnet's index
/// (`None` for a subnet that stays or finds no room).
///
/// The three rules plan their moves together, in the plan's order, so that
/// their fixes agree: a subnet that two of them report gets one new range,
/// and no two moved subnets get the same free block. A subnet of the wrong
/// size gets a /24 in the VPC block it overlaps or else the primary block;
/// one outside the VPC, a block of its size in the primary block; the later
/// subnet of an overlapping pair, a block of its size in the VPC block
/// holding it. Each new range avoids every other subnet where it is now and
/// the new ranges given before it.
fn planned_moves(plan: &Plan) -> Vec<Option<Ipv4Net>> {
    let overlapped = overlaps_an_earlier_subnet(plan);
    let mut relocation = Relocation::new(plan);
    plan.subnets
        .iter()
        .enumerate()
        .map(|(index, subnet)| {
            let later = overlapped.get(index).copied().unwrap_or(false);
            let (blocks, prefix) = destination(plan, subnet, later)?;
            blocks
                .into_iter()
                .find_map(|block| relocation.place(index, block, prefix))
        })
        .collect()
}

/// For each subnet, whether it overlaps a subnet listed before it.
fn overlaps_an_earlier_subnet(plan: &Plan) -> Vec<bool> {
    let ranges: Vec<Ipv4Net> = plan.subnets.iter().map(|s| s.cidr).collect();
    let mut later = vec![false; ranges.len()];
    for (_, index) in cidr::overlapping_pairs(&ranges) {
        if let Some(flag) = later.get_mut(index) {
            *flag = true;
        }
    }
    later
}

/// Where a subnet that must move may go, in order of preference, and the
/// prefix length it gets there; `None` if it stays.
fn destination(
    plan: &Plan,
    subnet: &Subnet,
    overlaps_earlier: bool,
) -> Option<(Vec<Ipv4Net>, u8)> {
    let blocks = plan.vpc_blocks();
    let primary = blocks.first().copied();
    let range = subnet.cidr;
    if !cidr::is_valid_aws_prefix(range.prefix_len()) {
        let own = blocks.iter().copied().find(|b| cidr::overlaps(*b, range));
        let within = own.into_iter().chain(primary).collect();
        return Some((within, RESIZED_PREFIX));
    }
    let holder = block_holding(plan, range);
    if holder.is_none() {
        return Some((primary.into_iter().collect(), range.prefix_len()));
    }
    overlaps_earlier.then(|| (holder.into_iter().collect(), range.prefix_len()))
}

/// Free blocks for subnets that move: each avoids every other subnet where
/// it is now and every block already handed out.
///
/// The ranges stay sorted by first address, each with the index of the
/// subnet it belongs to (`None` for a block handed out), so a search is one
/// pass over them rather than a sort.
struct Relocation {
    taken: Vec<(Ipv4Net, Option<usize>)>,
}

impl Relocation {
    fn new(plan: &Plan) -> Relocation {
        let mut taken: Vec<(Ipv4Net, Option<usize>)> = plan
            .subnets
            .iter()
            .enumerate()
            .map(|(index, subnet)| (subnet.cidr, Some(index)))
            .collect();
        taken.sort_by_key(|(range, _)| range.network());
        Relocation { taken }
    }

    /// The first free block of `prefix_len` in `within` for the subnet at
    /// `index` of the plan's subnets, reserved so no later call gets it.
    fn place(
        &mut self,
        index: usize,
        within: Ipv4Net,
        prefix_len: u8,
    ) -> Option<Ipv4Net> {
        let others = self
            .taken
            .iter()
            .filter(|(_, owner)| *owner != Some(index))
            .map(|(range, _)| *range);
        let block = cidr::first_free_block(within, prefix_len, others)?;
        let at = self
            .taken
            .partition_point(|(range, _)| range.network() < block.network());
        self.taken.insert(at, (block, None));
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

#[cfg(test)]
mod tests {
    use super::{planned_moves, RULES};
    use crate::plan::Plan;
    use crate::presets::{self, Preset};
    use crate::testing::{place, run};

    fn group_findings(plan: &Plan) -> Vec<crate::Finding> {
        RULES.iter().flat_map(|rule| run(rule, plan)).collect()
    }

    #[test]
    fn presets_pass_the_group() {
        for preset in Preset::ALL {
            let findings = group_findings(&presets::build(preset));
            assert_eq!(findings, [], "{}", preset.name());
        }
    }

    #[test]
    fn planned_moves_cases() {
        // (ranges of subnet-app-1, -2, -3 in 10.40.0.0/16; new ranges)
        let cases: [([&str; 3], [Option<&str>; 3]); 5] = [
            (
                ["10.40.32.0/24", "10.40.33.0/24", "10.40.34.0/24"],
                [None; 3],
            ),
            (
                ["10.40.32.0/29", "10.40.33.0/24", "10.40.34.0/24"],
                [Some("10.40.0.0/24"), None, None],
            ),
            (
                ["10.40.32.0/24", "10.41.0.0/24", "10.40.34.0/24"],
                [None, Some("10.40.0.0/24"), None],
            ),
            (
                ["10.40.32.0/24", "10.40.32.0/25", "10.40.32.0/26"],
                [None, Some("10.40.0.0/25"), Some("10.40.0.128/26")],
            ),
            (
                ["10.40.32.0/29", "10.41.0.0/24", "10.40.32.0/24"],
                [
                    Some("10.40.0.0/24"),
                    Some("10.40.1.0/24"),
                    Some("10.40.2.0/24"),
                ],
            ),
        ];
        for (ranges, expected) in cases {
            let mut plan = presets::build(Preset::PrivateExistingVpc);
            for (n, range) in ranges.iter().enumerate() {
                place(&mut plan, &format!("subnet-app-{}", n + 1), range);
            }
            let moves: Vec<Option<String>> = planned_moves(&plan)
                .into_iter()
                .map(|m| m.map(|r| r.to_string()))
                .collect();
            let expected: Vec<Option<String>> =
                expected.iter().map(|e| e.map(str::to_owned)).collect();
            assert_eq!(moves, expected, "{ranges:?}");
        }
    }

    #[test]
    fn fixes_mend_a_broken_plan_together() {
        let mut plan = presets::build(Preset::PrivateExistingVpc);
        place(&mut plan, "subnet-app-1", "10.40.32.0/29");
        place(&mut plan, "subnet-app-2", "10.41.0.0/24");
        place(&mut plan, "subnet-app-3", "10.40.32.0/24");
        let fixes: Vec<_> = group_findings(&plan)
            .into_iter()
            .filter_map(|finding| finding.fix)
            .collect();
        assert_eq!(fixes.len(), 3, "{fixes:#?}");
        for fix in &fixes {
            plan.apply(fix).unwrap();
        }
        assert_eq!(group_findings(&plan), []);
    }
}
