//! `RULES.md` is generated from the rule registry; it must not drift.
//!
//! Run with `UPDATE_GOLDEN=1` to write the file anew after changing a rule.

use std::path::Path;

use mwaa_plan::Severity;

#[test]
fn rules_md_matches_the_registry() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../RULES.md");
    let generated = mwaa_plan::rules::catalogue::markdown();

    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "RULES.md is out of date: run `UPDATE_GOLDEN=1 cargo test -p \
         mwaa-plan --test catalogue` and review the change"
    );
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let rules: Vec<_> = mwaa_plan::rules::all().collect();
    for (i, rule) in rules.iter().enumerate() {
        let code_ok = rule.code.len() == 4
            && rule.code.starts_with('N')
            && rule.code[1..].chars().all(|c| c.is_ascii_digit());
        assert!(code_ok, "{}: a code is N and three digits", rule.code);
        let name_ok = rule
            .name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        assert!(name_ok, "{}: a name is kebab case", rule.name);
        assert!(!rule.summary.is_empty() && !rule.explanation.is_empty());
        assert!(rule.docs.starts_with("https://docs.aws.amazon.com/"));
        for other in &rules[i + 1..] {
            assert_ne!(rule.code, other.code);
            assert_ne!(rule.name, other.name);
            assert!(rule.code < other.code, "the registry is in code order");
        }
    }
}

/// Every rule of the project's reference catalogue of MWAA's networking
/// requirements, by name, with its severity there.
const REFERENCE: &[(&str, Severity)] = &[
    ("env-subnet-count", Severity::Error),
    ("env-subnets-same-az", Severity::Error),
    ("env-subnet-public", Severity::Error),
    ("env-security-group-count", Severity::Error),
    ("az-outside-region", Severity::Error),
    ("shared-vpc-service-endpoints", Severity::Error),
    ("customer-endpoints-reminder", Severity::Info),
    ("network-immutable", Severity::Info),
    ("public-subnet-count", Severity::Error),
    ("igw-missing", Severity::Error),
    ("nat-missing", Severity::Error),
    ("nat-not-in-public-subnet", Severity::Error),
    ("nat-single", Severity::Warning),
    ("nat-cross-az", Severity::Warning),
    ("internet-route-in-private-routing", Severity::Error),
    ("endpoint-missing", Severity::Error),
    ("endpoint-private-dns-off", Severity::Error),
    ("endpoint-subnet-missing", Severity::Error),
    ("endpoint-security-group", Severity::Error),
    ("s3-gateway-route-table", Severity::Error),
    ("s3-gateway-policy", Severity::Error),
    ("endpoint-policy-restricted", Severity::Warning),
    ("endpoint-duplicate-private-dns", Severity::Error),
    ("private-webserver-no-access-path", Severity::Info),
    ("security-group-self-reference", Severity::Error),
    ("security-group-port-pair", Severity::Error),
    ("security-group-egress", Severity::Error),
    ("security-group-open-ingress", Severity::Warning),
    ("nacl-blocks-service-ports", Severity::Error),
    ("nacl-blocks-return-traffic", Severity::Error),
    ("nacl-deny-all-before-allow", Severity::Error),
    ("nacl-rule-limit", Severity::Warning),
    ("vpc-cidr-size", Severity::Error),
    ("vpc-cidr-not-private", Severity::Warning),
    ("vpc-cidr-docker-bridge", Severity::Warning),
    ("secondary-cidr-restricted", Severity::Error),
    ("subnet-cidr-size", Severity::Error),
    ("subnet-outside-vpc", Severity::Error),
    ("subnet-overlap", Severity::Error),
    ("subnet-capacity", Severity::Warning),
    ("route-target-missing", Severity::Error),
    ("dangling-reference", Severity::Error),
    ("public-webserver-without-internet", Severity::Warning),
];

#[test]
fn every_reference_rule_is_registered_with_its_severity() {
    for (name, severity) in REFERENCE {
        let rule = mwaa_plan::rules::find(name)
            .unwrap_or_else(|| panic!("no rule named {name}"));
        assert_eq!(rule.severity, *severity, "{name}");
    }
}
