//! `RULES.md` is generated from the rule registry; it must not drift.
//!
//! Run with `UPDATE_GOLDEN=1` to write the file anew after changing a rule.

use std::path::Path;

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
