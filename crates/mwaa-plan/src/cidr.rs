//! CIDR arithmetic for planning a VPC's address space.
//!
//! Blocks are [`Ipv4Net`]s from the `ipnet` crate. AWS reserves five
//! addresses in every subnet: the network address, the next three (VPC
//! router, DNS, future use) and the broadcast address.

use ipnet::Ipv4Net;

/// Addresses AWS reserves in every subnet.
pub const RESERVED_PER_SUBNET: u64 = 5;

/// The smallest prefix length (largest block) AWS accepts for a VPC block or
/// a subnet.
pub const LARGEST_PREFIX: u8 = 16;

/// The largest prefix length (smallest block) AWS accepts.
pub const SMALLEST_PREFIX: u8 = 28;

/// The number of addresses in a block.
///
/// # Examples
///
/// ```
/// use mwaa_plan::cidr::size;
///
/// assert_eq!(size("10.0.0.0/24".parse().unwrap()), 256);
/// assert_eq!(size("0.0.0.0/0".parse().unwrap()), 1 << 32);
/// ```
pub fn size(block: Ipv4Net) -> u64 {
    1u64 << (32 - u32::from(block.prefix_len()))
}

/// The addresses of a subnet that instances can use: the size less the five
/// AWS reserves, or zero for blocks too small to be subnets.
///
/// # Examples
///
/// ```
/// use mwaa_plan::cidr::usable_addresses;
///
/// assert_eq!(usable_addresses("10.0.0.0/24".parse().unwrap()), 251);
/// assert_eq!(usable_addresses("10.0.0.0/28".parse().unwrap()), 11);
/// assert_eq!(usable_addresses("10.0.0.0/30".parse().unwrap()), 0);
/// ```
pub fn usable_addresses(block: Ipv4Net) -> u64 {
    size(block).saturating_sub(RESERVED_PER_SUBNET)
}

/// Whether two blocks share at least one address.
///
/// # Examples
///
/// ```
/// use mwaa_plan::cidr::overlaps;
///
/// let a = "10.0.0.0/22".parse().unwrap();
/// assert!(overlaps(a, "10.0.2.0/24".parse().unwrap()));
/// assert!(!overlaps(a, "10.0.4.0/24".parse().unwrap()));
/// ```
pub fn overlaps(a: Ipv4Net, b: Ipv4Net) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

/// Whether `block` lies wholly inside `outer`.
pub fn contains(outer: Ipv4Net, block: Ipv4Net) -> bool {
    outer.contains(&block)
}

/// Whether a prefix length is one AWS accepts for VPC blocks and subnets,
/// /16 to /28.
pub fn is_valid_aws_prefix(prefix_len: u8) -> bool {
    (LARGEST_PREFIX..=SMALLEST_PREFIX).contains(&prefix_len)
}

/// The private ranges of RFC 1918.
pub fn private_ranges() -> [Ipv4Net; 3] {
    [
        Ipv4Net::new_assert([10, 0, 0, 0].into(), 8),
        Ipv4Net::new_assert([172, 16, 0, 0].into(), 12),
        Ipv4Net::new_assert([192, 168, 0, 0].into(), 16),
    ]
}

/// The RFC 1918 range that holds `block`, if one does.
pub fn private_range_of(block: Ipv4Net) -> Option<Ipv4Net> {
    private_ranges()
        .into_iter()
        .find(|range| range.contains(&block))
}

/// Pairs of overlapping blocks among `blocks`, as index pairs.
///
/// Sorting first makes this `O(n log n + k)` for `k` overlaps rather than a
/// comparison of every pair: after sorting by first address, a block can
/// only overlap blocks that start before the widest earlier block ends.
///
/// # Examples
///
/// ```
/// use mwaa_plan::cidr::overlapping_pairs;
///
/// let blocks = ["10.0.0.0/24", "10.0.1.0/24", "10.0.0.128/25"]
///     .map(|b| b.parse().unwrap());
/// assert_eq!(overlapping_pairs(&blocks), vec![(0, 2)]);
/// ```
pub fn overlapping_pairs(blocks: &[Ipv4Net]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..blocks.len()).collect();
    order.sort_by_key(|&i| (blocks[i].network(), blocks[i].prefix_len()));

    let mut pairs = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for &i in &order {
        let start = u32::from(blocks[i].network());
        open.retain(|&j| u32::from(blocks[j].broadcast()) >= start);
        for &j in &open {
            pairs.push((j.min(i), j.max(i)));
        }
        open.push(i);
    }
    pairs.sort_unstable();
    pairs
}

/// The first block with prefix length `prefix_len` inside `within` that
/// overlaps none of `taken`, if there is one.
///
/// # Examples
///
/// ```
/// use mwaa_plan::cidr::next_free_block;
///
/// let vpc = "10.0.0.0/16".parse().unwrap();
/// let taken = ["10.0.0.0/24", "10.0.2.0/23"].map(|b| b.parse().unwrap());
///
/// assert_eq!(
///     next_free_block(vpc, 24, &taken),
///     Some("10.0.1.0/24".parse().unwrap()),
/// );
/// assert_eq!(
///     next_free_block(vpc, 23, &taken),
///     Some("10.0.4.0/23".parse().unwrap()),
/// );
/// assert_eq!(next_free_block(vpc, 15, &taken), None);
/// ```
pub fn next_free_block(
    within: Ipv4Net,
    prefix_len: u8,
    taken: &[Ipv4Net],
) -> Option<Ipv4Net> {
    let mut taken = taken.to_vec();
    taken.sort_by_key(|block| block.network());
    first_free_block(within, prefix_len, taken)
}

/// [`next_free_block`] for blocks already sorted by first address: one
/// pass over them, so callers that search many times can sort once.
pub fn first_free_block(
    within: Ipv4Net,
    prefix_len: u8,
    sorted_taken: impl IntoIterator<Item = Ipv4Net>,
) -> Option<Ipv4Net> {
    if prefix_len < within.prefix_len() || prefix_len > 32 {
        return None;
    }
    let step = 1u64 << (32 - u32::from(prefix_len));
    let end = last_address(within);
    let mut candidate = first_address(within);

    for block in sorted_taken {
        if candidate + step - 1 > end {
            return None;
        }
        if last_address(block) < candidate {
            continue;
        }
        if first_address(block) > candidate + step - 1 {
            break;
        }
        candidate = (last_address(block) + 1).div_ceil(step) * step;
    }
    if candidate + step - 1 > end {
        return None;
    }
    let address = u32::try_from(candidate).ok()?;
    Ipv4Net::new(address.into(), prefix_len).ok()
}

fn first_address(block: Ipv4Net) -> u64 {
    u64::from(u32::from(block.network()))
}

fn last_address(block: Ipv4Net) -> u64 {
    u64::from(u32::from(block.broadcast()))
}

/// Carves `count` free blocks of prefix length `prefix_len` from `within`,
/// avoiding `taken` and each other, lowest first.
///
/// Returns `None` when the range does not have room for all of them.
///
/// # Examples
///
/// ```
/// use mwaa_plan::cidr::carve;
///
/// let vpc = "10.192.0.0/16".parse().unwrap();
/// let taken = ["10.192.0.0/24".parse().unwrap()];
/// let blocks = carve(vpc, 24, 2, &taken).unwrap();
///
/// assert_eq!(blocks[0].to_string(), "10.192.1.0/24");
/// assert_eq!(blocks[1].to_string(), "10.192.2.0/24");
/// assert_eq!(carve("10.0.0.0/28".parse().unwrap(), 28, 2, &[]), None);
/// ```
pub fn carve(
    within: Ipv4Net,
    prefix_len: u8,
    count: usize,
    taken: &[Ipv4Net],
) -> Option<Vec<Ipv4Net>> {
    let mut taken = taken.to_vec();
    let mut blocks = Vec::with_capacity(count);
    for _ in 0..count {
        let block = next_free_block(within, prefix_len, &taken)?;
        taken.push(block);
        blocks.push(block);
    }
    Some(blocks)
}

/// Parses a CIDR block the way users type it, with a message that names the
/// problem.
///
/// A block whose address has host bits set (`10.0.0.1/16`) is refused rather
/// than silently truncated, since AWS refuses it too.
///
/// # Examples
///
/// ```
/// use mwaa_plan::cidr::parse_block;
///
/// assert!(parse_block("10.0.0.0/16").is_ok());
/// assert_eq!(
///     parse_block("10.0.0.0/33").unwrap_err(),
///     "'10.0.0.0/33' is not a CIDR block: the prefix must be 0-32",
/// );
/// assert_eq!(
///     parse_block("10.0.0.1/16").unwrap_err(),
///     "'10.0.0.1/16' is not a network address: did you mean 10.0.0.0/16?",
/// );
/// ```
pub fn parse_block(text: &str) -> Result<Ipv4Net, String> {
    let text = text.trim();
    let Some((address, prefix)) = text.split_once('/') else {
        return Err(format!(
            "'{text}' is not a CIDR block: write an address and a prefix, \
             such as 10.0.0.0/16"
        ));
    };
    let address: std::net::Ipv4Addr = address.parse().map_err(|_| {
        format!(
            "'{text}' is not a CIDR block: '{address}' is not an IPv4 address"
        )
    })?;
    let prefix: u8 = prefix
        .parse()
        .ok()
        .filter(|prefix| *prefix <= 32)
        .ok_or_else(|| {
            format!("'{text}' is not a CIDR block: the prefix must be 0-32")
        })?;
    let block = Ipv4Net::new_assert(address, prefix);
    if block.network() != address {
        return Err(format!(
            "'{text}' is not a network address: did you mean {}?",
            block.trunc()
        ));
    }
    Ok(block)
}

/// Parses a comma-separated list of CIDR blocks, such as a VPC's primary
/// and secondary blocks, refusing an empty list.
///
/// # Examples
///
/// ```
/// use mwaa_plan::cidr::parse_blocks;
///
/// let blocks = parse_blocks("10.0.0.0/16, 100.64.0.0/16").unwrap();
/// assert_eq!(blocks.len(), 2);
/// assert_eq!(parse_blocks(" , ").unwrap_err(), "give at least one CIDR block");
/// assert!(parse_blocks("10.0.0.0/16, 10.1.0.0").is_err());
/// ```
pub fn parse_blocks(text: &str) -> Result<Vec<Ipv4Net>, String> {
    let blocks = text
        .split(',')
        .map(str::trim)
        .filter(|block| !block.is_empty())
        .map(parse_block)
        .collect::<Result<Vec<_>, String>>()?;
    if blocks.is_empty() {
        return Err("give at least one CIDR block".to_owned());
    }
    Ok(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> Ipv4Net {
        text.parse().unwrap()
    }

    #[test]
    fn overlapping_pairs_matches_comparing_every_pair() {
        let blocks: Vec<Ipv4Net> = [
            "10.0.0.0/16",
            "10.0.1.0/24",
            "10.0.1.128/25",
            "10.1.0.0/24",
            "10.0.255.0/24",
            "9.255.255.0/24",
        ]
        .map(block)
        .to_vec();

        let mut expected = Vec::new();
        for i in 0..blocks.len() {
            for j in i + 1..blocks.len() {
                if overlaps(blocks[i], blocks[j]) {
                    expected.push((i, j));
                }
            }
        }

        assert_eq!(overlapping_pairs(&blocks), expected);
    }

    #[test]
    fn next_free_block_skips_a_wide_taken_block() {
        let taken = [block("10.0.0.0/24"), block("10.0.0.0/22")];
        assert_eq!(
            next_free_block(block("10.0.0.0/16"), 24, &taken),
            Some(block("10.0.4.0/24"))
        );
    }

    #[test]
    fn next_free_block_ignores_blocks_outside_the_range() {
        let taken = [block("192.168.0.0/24")];
        assert_eq!(
            next_free_block(block("10.0.0.0/16"), 24, &taken),
            Some(block("10.0.0.0/24"))
        );
    }

    #[test]
    fn next_free_block_reaches_the_end_of_the_address_space() {
        let within = block("255.255.255.0/24");
        let taken = [block("255.255.255.0/25")];
        assert_eq!(
            next_free_block(within, 25, &taken),
            Some(block("255.255.255.128/25"))
        );
        let full = [block("255.255.255.0/24")];
        assert_eq!(next_free_block(within, 28, &full), None);
    }

    #[test]
    fn parse_block_messages_name_the_problem() {
        let cases = [
            ("10.0.0.0", "write an address and a prefix"),
            ("10.0.0/16", "'10.0.0' is not an IPv4 address"),
            ("10.0.0.0/x", "the prefix must be 0-32"),
            ("10.0.0.0/-1", "the prefix must be 0-32"),
        ];
        for (text, expected) in cases {
            let message = parse_block(text).unwrap_err();
            assert!(message.contains(expected), "{text}: {message}");
        }
    }
}
