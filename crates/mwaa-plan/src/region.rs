//! The AWS Regions where MWAA runs, with their Availability Zones.
//!
//! Availability Zone names (`us-east-1a`) are mapped to physical zones per
//! account, but the set of names a Region offers is the same for every
//! account, which is what the planner needs to offer choices and to check
//! that a subnet's zone belongs to the plan's Region.
//!
//! The list follows AWS's table of Regional services for MWAA at the time of
//! writing; a Region AWS adds later is reported as unknown until it is added
//! here.

/// An AWS partition: a group of Regions with its own service names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Partition {
    /// The standard partition, `aws`.
    Standard,
    /// The China Regions, `aws-cn`.
    China,
}

/// A Region where MWAA runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    /// The Region's code, such as `eu-west-1`.
    pub code: &'static str,
    /// Its name, such as `Europe (Ireland)`.
    pub name: &'static str,
    /// The partition it belongs to.
    pub partition: Partition,
    /// Whether AWS offers FIPS endpoints for Airflow there.
    pub fips: bool,
    /// Its Availability Zone suffixes: `b"abc"` means `<code>a`, `<code>b`,
    /// `<code>c`.
    zone_letters: &'static [u8],
}

const fn region(
    code: &'static str,
    name: &'static str,
    zone_letters: &'static [u8],
) -> Region {
    Region {
        code,
        name,
        partition: Partition::Standard,
        fips: false,
        zone_letters,
    }
}

const fn fips(region: Region) -> Region {
    Region {
        fips: true,
        ..region
    }
}

const fn china(region: Region) -> Region {
    Region {
        partition: Partition::China,
        ..region
    }
}

/// Every Region where MWAA runs.
pub const REGIONS: &[Region] = &[
    fips(region("us-east-1", "US East (N. Virginia)", b"abcdef")),
    fips(region("us-east-2", "US East (Ohio)", b"abc")),
    fips(region("us-west-1", "US West (N. California)", b"abc")),
    fips(region("us-west-2", "US West (Oregon)", b"abcd")),
    fips(region("ca-central-1", "Canada (Central)", b"abd")),
    region("sa-east-1", "South America (Sao Paulo)", b"abc"),
    region("eu-west-1", "Europe (Ireland)", b"abc"),
    region("eu-west-2", "Europe (London)", b"abc"),
    region("eu-west-3", "Europe (Paris)", b"abc"),
    region("eu-central-1", "Europe (Frankfurt)", b"abc"),
    region("eu-central-2", "Europe (Zurich)", b"abc"),
    region("eu-north-1", "Europe (Stockholm)", b"abc"),
    region("eu-south-1", "Europe (Milan)", b"abc"),
    region("eu-south-2", "Europe (Spain)", b"abc"),
    region("ap-east-1", "Asia Pacific (Hong Kong)", b"abc"),
    region("ap-south-1", "Asia Pacific (Mumbai)", b"abc"),
    region("ap-south-2", "Asia Pacific (Hyderabad)", b"abc"),
    region("ap-northeast-1", "Asia Pacific (Tokyo)", b"acd"),
    region("ap-northeast-2", "Asia Pacific (Seoul)", b"abcd"),
    region("ap-northeast-3", "Asia Pacific (Osaka)", b"abc"),
    region("ap-southeast-1", "Asia Pacific (Singapore)", b"abc"),
    region("ap-southeast-2", "Asia Pacific (Sydney)", b"abc"),
    region("ap-southeast-3", "Asia Pacific (Jakarta)", b"abc"),
    region("ap-southeast-4", "Asia Pacific (Melbourne)", b"abc"),
    region("me-south-1", "Middle East (Bahrain)", b"abc"),
    region("me-central-1", "Middle East (UAE)", b"abc"),
    region("il-central-1", "Israel (Tel Aviv)", b"abc"),
    region("af-south-1", "Africa (Cape Town)", b"abc"),
    china(region("cn-north-1", "China (Beijing)", b"ab")),
    china(region("cn-northwest-1", "China (Ningxia)", b"abc")),
];

/// The Region with this code, if MWAA runs there.
///
/// # Examples
///
/// ```
/// use mwaa_plan::region;
///
/// assert_eq!(region::find("eu-west-1").unwrap().name, "Europe (Ireland)");
/// assert!(region::find("eu-west-9").is_none());
/// ```
pub fn find(code: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|region| region.code == code)
}

impl Region {
    /// The Region's Availability Zone names, such as `us-east-1a`.
    pub fn zones(&self) -> impl Iterator<Item = String> + '_ {
        self.zone_letters
            .iter()
            .map(|letter| format!("{}{}", self.code, char::from(*letter)))
    }

    /// Whether `zone` names one of the Region's Availability Zones.
    pub fn has_zone(&self, zone: &str) -> bool {
        zone.strip_prefix(self.code)
            .and_then(|rest| match rest.as_bytes() {
                [letter] => Some(letter),
                _ => None,
            })
            .is_some_and(|letter| self.zone_letters.contains(letter))
    }

    /// The full name of an endpoint service in this Region:
    /// `com.amazonaws.<region>.<service>`.
    pub fn service_name(&self, service: &str) -> String {
        format!("com.amazonaws.{}.{service}", self.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_belong_to_their_region() {
        for region in REGIONS {
            let zones: Vec<String> = region.zones().collect();
            assert!(zones.len() >= 2, "{} has too few zones", region.code);
            assert!(zones.iter().all(|zone| region.has_zone(zone)));
        }
    }

    #[test]
    fn has_zone_refuses_near_misses() {
        let region = find("us-east-1").unwrap();
        let cases = [
            ("us-east-1a", true),
            ("us-east-1f", true),
            ("us-east-1g", false),
            ("us-east-2a", false),
            ("us-east-1", false),
            ("us-east-1aa", false),
        ];
        for (zone, expected) in cases {
            assert_eq!(region.has_zone(zone), expected, "{zone}");
        }
    }

    #[test]
    fn region_codes_are_unique() {
        for (i, a) in REGIONS.iter().enumerate() {
            assert!(REGIONS[i + 1..].iter().all(|b| b.code != a.code));
        }
    }
}
