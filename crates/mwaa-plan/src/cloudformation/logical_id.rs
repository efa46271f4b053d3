//! Logical ids: derived from the plan's names, alphanumeric, unique.
//!
//! `mwaa-private-1` of a subnet becomes `MwaaPrivate1Subnet`: the name in
//! upper camel case, then the kind of resource, so a subnet and a route
//! table of the same name stay apart. A name with nothing alphanumeric in
//! it falls back to the kind alone; clashes get `2`, `3`, ... in plan
//! order, so the same plan always gives the same ids.

use std::collections::HashSet;

/// The longest logical id CloudFormation accepts.
const MAX_LEN: usize = 255;

/// Hands out unique logical ids.
#[derive(Debug, Default)]
pub struct LogicalIds {
    taken: HashSet<String>,
}

impl LogicalIds {
    /// No id taken yet.
    pub fn new() -> LogicalIds {
        LogicalIds::default()
    }

    /// Reserves an id that must stay as it is, such as `Vpc`.
    pub fn reserve(&mut self, id: &str) {
        self.taken.insert(id.to_owned());
    }

    /// A new id for a resource of `kind` (`Subnet`, `RouteTable`, ...)
    /// named `name`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mwaa_plan::cloudformation::LogicalIds;
    ///
    /// let mut ids = LogicalIds::new();
    /// assert_eq!(ids.assign("mwaa-private-1", "Subnet"), "MwaaPrivate1Subnet");
    /// assert_eq!(ids.assign("mwaa private 1", "Subnet"), "MwaaPrivate1Subnet2");
    /// assert_eq!(ids.assign("\u{4e2d}\u{6587}", "Subnet"), "Subnet");
    /// assert_eq!(ids.assign("1st", "RouteTable"), "R1stRouteTable");
    /// ```
    pub fn assign(&mut self, name: &str, kind: &str) -> String {
        let mut words = words(name);
        drop_kind_from_end(&mut words, kind);
        let mut base = words.concat();
        if base.starts_with(|c: char| c.is_ascii_digit()) {
            base.insert(0, 'R');
        }
        base.push_str(kind);
        if base.is_empty() {
            base.push_str("Resource");
        }
        base.truncate(MAX_LEN - 6);

        let mut id = base.clone();
        let mut n = 2;
        while self.taken.contains(&id) {
            id = format!("{base}{n}");
            n += 1;
        }
        self.taken.insert(id.clone());
        id
    }
}

/// `mwaa-private_1 b` to `MwaaPrivate1B`: ASCII letters and digits only,
/// each word capitalised.
#[cfg(test)]
fn camel_case(name: &str) -> String {
    words(name).concat()
}

/// The ASCII words of `name`, each capitalised.
fn words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            first.into_iter().chain(chars).collect::<String>()
        })
        .collect()
}

/// Drops the last words of a name when the kind ends with them, so a
/// network ACL named `main-acl` is `MainNetworkAcl`, not
/// `MainAclNetworkAcl`.
fn drop_kind_from_end(words: &mut Vec<String>, kind: &str) {
    let overlap = (1..=words.len())
        .rev()
        .find(|&n| kind.ends_with(&words[words.len() - n..].concat()));
    if let Some(n) = overlap {
        words.truncate(words.len() - n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_keeps_only_ascii_words() {
        let cases = [
            ("mwaa-private-1", "MwaaPrivate1"),
            ("  spaced   out  ", "SpacedOut"),
            ("it's \"quoted\": #1", "ItSQuoted1"),
            ("caf\u{e9} cr\u{e8}me", "CafCrMe"),
            ("<script>", "Script"),
            ("", ""),
        ];
        for (name, expected) in cases {
            assert_eq!(camel_case(name), expected, "{name:?}");
        }
    }

    #[test]
    fn a_name_ending_in_its_kind_does_not_repeat_it() {
        let cases = [
            ("mwaa-private-acl", "NetworkAcl", "MwaaPrivateNetworkAcl"),
            ("app-subnet", "Subnet", "AppSubnet"),
            ("subnet", "Subnet", "Subnet"),
            ("web security group", "SecurityGroup", "WebSecurityGroup"),
            ("mwaa-nat-1", "NatGateway", "MwaaNat1NatGateway"),
            ("gateway", "NatGateway", "NatGateway"),
            ("a-b", "", "AB"),
        ];
        for (name, kind, expected) in cases {
            assert_eq!(LogicalIds::new().assign(name, kind), expected);
        }
    }

    #[test]
    fn ids_are_unique_alphanumeric_and_bounded() {
        let mut ids = LogicalIds::new();
        ids.reserve("Vpc");
        let long = "x".repeat(400);
        let names = ["vpc", "", "", "a-b", "a b", &long, &long];
        let assigned: Vec<String> =
            names.iter().map(|name| ids.assign(name, "")).collect();

        let unique: HashSet<&String> = assigned.iter().collect();
        assert_eq!(unique.len(), assigned.len(), "{assigned:?}");
        for id in &assigned {
            assert!(id.len() <= MAX_LEN);
            assert!(id.chars().all(|c| c.is_ascii_alphanumeric()), "{id}");
            assert!(id.starts_with(|c: char| c.is_ascii_alphabetic()), "{id}");
        }
        assert_eq!(assigned[0], "Vpc2");
    }
}
