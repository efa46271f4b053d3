//! The templates of the presets are golden files: any change to them shows
//! in review.
//!
//! Run with `UPDATE_GOLDEN=1` to write the files anew after changing the
//! export, then read the diff as a reviewer would.

use std::path::{Path, PathBuf};

use mwaa_plan::cloudformation::{self, Options};
use mwaa_plan::presets::{self, Preset};

fn golden_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// Compares `generated` with the golden file `name`, or writes it when
/// `UPDATE_GOLDEN` is set; returns a complaint when they differ.
fn compare(name: &str, generated: &str) -> Option<String> {
    let path = golden_path(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent()?).ok()?;
        std::fs::write(&path, generated).ok()?;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    (on_disk != generated).then(|| format!("tests/golden/{name}"))
}

fn options(with_environment: bool) -> Options {
    Options { with_environment }
}

#[test]
fn preset_templates_match_their_golden_files() {
    let mut stale = Vec::new();
    for preset in Preset::ALL {
        let plan = presets::build(preset);
        for (suffix, with_environment) in [("", false), ("-environment", true)]
        {
            let name = format!("{}{suffix}.yaml", preset.name());
            let yaml = cloudformation::yaml(&plan, &options(with_environment));
            stale.extend(compare(&name, &yaml));
        }
    }
    let plan = presets::build(Preset::PublicInternet);
    let json = cloudformation::json(&plan, &options(true));
    stale.extend(compare("public-internet-environment.json", &json));

    assert!(
        stale.is_empty(),
        "out of date: {stale:?}; run `UPDATE_GOLDEN=1 cargo test -p \
         mwaa-plan --test golden` and review the change"
    );
}

#[test]
fn a_plan_read_back_from_its_file_gives_the_same_bytes() {
    for preset in Preset::ALL {
        let plan = presets::build(preset);
        let read = mwaa_plan::format::read(&mwaa_plan::format::write(&plan));
        let read = read.expect("a preset reads back");
        for with_environment in [false, true] {
            let options = options(with_environment);
            let first = cloudformation::json(&plan, &options);
            let again = cloudformation::json(&read, &options);
            assert!(first == again, "{preset:?} {options:?}");
        }
    }
}
