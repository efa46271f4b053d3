//! The `mwaa-plan` command end to end: presets, checks, fixes, exports,
//! the catalogue, and what it says about bad input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use mwaa_plan::cloudformation::{self, Options};
use mwaa_plan::presets::{self, Preset};

fn mwaa_plan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mwaa-plan"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn with_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mwaa-plan"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().unwrap();
    // A command refused before it reads its input closes the pipe early.
    let _ = stdin.write_all(input.as_bytes());
    drop(stdin);
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn preset_text(preset: Preset) -> String {
    let output = mwaa_plan(&["new", "--preset", preset.name()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    stdout(&output)
}

fn temp_file(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("mwaa-plan-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("plan.json");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn every_preset_checks_clean() {
    for preset in Preset::ALL {
        let path = temp_file(preset.name(), &preset_text(preset));
        let output = mwaa_plan(&["check", path.to_str().unwrap()]);
        let text = stdout(&output);

        assert_eq!(output.status.code(), Some(0), "{preset:?}: {text}");
        assert!(text.contains("0 errors, 0 warnings"), "{text}");
        assert!(text.contains("ready for MWAA"), "{text}");
    }
}

#[test]
fn new_writes_to_a_file_with_output() {
    let path = temp_file("new-output", "");
    let output = mwaa_plan(&[
        "new",
        "--preset",
        "private-new-vpc",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0));
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written, preset_text(Preset::PrivateNewVpc));
}

#[test]
fn errors_exit_1_grouped_by_severity_with_their_fixes() {
    let text = preset_text(Preset::PrivateNewVpc)
        .replace("\"dns_hostnames\": true", "\"dns_hostnames\": false");
    let output = with_stdin(&["check", "-"], &text);
    let report = stdout(&output);

    assert_eq!(output.status.code(), Some(1), "{report}");
    assert!(report.contains("not ready for MWAA"), "{report}");
    let errors = report.find("\nErrors\n").expect("an Errors section");
    let infos = report.find("\nInfos\n").expect("an Infos section");
    assert!(errors < infos);
    assert!(report.contains("endpoint-private-dns-off"), "{report}");
    assert!(report.contains("mwaa-plan fix applies it"), "{report}");
}

#[test]
fn json_format_is_machine_readable() {
    let text = preset_text(Preset::PublicInternet)
        .replace("\"max_workers\": 10", "\"max_workers\": 0");
    let output = with_stdin(&["check", "-", "--format", "json"], &text);
    let report: serde_json::Value =
        serde_json::from_str(&stdout(&output)).expect("JSON on stdout");

    assert_eq!(output.status.code(), Some(1));
    assert_eq!(report["ready"], false);
    assert!(report["errors"].as_u64().unwrap() >= 1);
    let findings = report["findings"].as_array().unwrap();
    let worker = findings
        .iter()
        .find(|f| f["rule"] == "environment-worker-counts")
        .expect("the worker count finding");
    assert_eq!(worker["severity"], "error");
    assert_eq!(worker["fixable"], true);
}

#[test]
fn fix_repairs_a_broken_plan() {
    let text = preset_text(Preset::PrivateNewVpc)
        .replace("\"private_dns\": true", "\"private_dns\": false");
    let broken = temp_file("fix", &text);
    let path = broken.to_str().unwrap();
    assert_eq!(mwaa_plan(&["check", path]).status.code(), Some(1));

    let output = mwaa_plan(&["fix", path, "-o", path]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("applied"));

    let output = mwaa_plan(&["check", path]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn bad_input_exits_2_with_a_message_and_no_backtrace() {
    let plan = preset_text(Preset::PublicInternet);
    let cases = [
        (
            "{\n  \"format_version\": 1,\n  \"plan\": {,\n",
            "line 3, column",
        ),
        ("", "line 1, column 0"),
        ("{\"format_version\": 7, \"plan\": {}}", "format version 7"),
        ("[]", "not a plan file"),
        (
            &*plan.replace("\"10.192.20.0/24\"", "\"10.192.20.0/40\""),
            "invalid IP address syntax",
        ),
        (&*plan.replace("\"region\"", "\"regoin\""), "unknown field"),
    ];
    for (input, expected) in cases {
        let output = with_stdin(&["check", "-"], input);
        let message = stderr(&output);

        assert_eq!(output.status.code(), Some(2), "{expected}: {message}");
        assert!(message.contains(expected), "{expected}: {message}");
        assert!(message.starts_with("mwaa-plan: "), "{message}");
        assert!(!message.contains("panicked"), "{message}");
        assert!(stdout(&output).is_empty());
    }
}

#[test]
fn a_missing_file_exits_2_naming_it() {
    let output = mwaa_plan(&["check", "/nonexistent/plan.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot read /nonexistent/plan.json"));
}

#[test]
fn rules_lists_every_rule_in_each_format() {
    let count = mwaa_plan::rules::all().count();

    let text = stdout(&mwaa_plan(&["rules"]));
    assert_eq!(text.lines().count(), count);
    assert!(text.lines().next().unwrap().starts_with("N101"));

    let json: serde_json::Value = serde_json::from_str(&stdout(&mwaa_plan(&[
        "rules", "--format", "json",
    ])))
    .unwrap();
    assert_eq!(json.as_array().unwrap().len(), count);

    let markdown = stdout(&mwaa_plan(&["rules", "--format", "markdown"]));
    assert_eq!(markdown, mwaa_plan::rules::catalogue::markdown());
}

#[test]
fn every_command_has_help() {
    for command in [
        &["--help"][..],
        &["new", "--help"],
        &["check", "--help"],
        &["fix", "--help"],
        &["export", "--help"],
        &["rules", "--help"],
    ] {
        let output = mwaa_plan(command);
        assert_eq!(output.status.code(), Some(0), "{command:?}");
        assert!(stdout(&output).contains("Usage: mwaa-plan"), "{command:?}");
    }
    let output = mwaa_plan(&["new", "--preset", "nonsense"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("public-internet"));
}

#[test]
fn export_writes_the_library_template_byte_for_byte() {
    for preset in Preset::ALL {
        let plan = presets::build(preset);
        let path = temp_file(
            &format!("export-{}", preset.name()),
            &preset_text(preset),
        );
        let path = path.to_str().unwrap();
        for with_environment in [false, true] {
            let options = Options { with_environment };
            let cases = [
                ("cfn-yaml", cloudformation::yaml(&plan, &options)),
                ("cfn-json", cloudformation::json(&plan, &options)),
            ];
            for (format, expected) in cases {
                let mut args = vec!["export", path, "--format", format];
                if with_environment {
                    args.push("--with-environment");
                }
                let output = mwaa_plan(&args);
                assert_eq!(
                    output.status.code(),
                    Some(0),
                    "{}",
                    stderr(&output)
                );
                assert!(stdout(&output) == expected, "{preset:?} {args:?}");
            }
        }
    }
}

#[test]
fn with_environment_adds_the_environment() {
    let text = preset_text(Preset::PrivateNewVpc);
    let network =
        stdout(&with_stdin(&["export", "-", "--format", "cfn-yaml"], &text));
    let whole = stdout(&with_stdin(
        &["export", "-", "--format", "cfn-yaml", "--with-environment"],
        &text,
    ));

    assert!(!network.contains("AWS::MWAA::Environment"));
    assert!(whole.contains("Type: AWS::MWAA::Environment"), "{whole}");
    assert!(whole.contains("Type: AWS::IAM::Role"));
    assert!(whole.contains("Type: AWS::S3::Bucket"));
}

#[test]
fn plan_export_round_trips_and_writes_to_a_file() {
    let text = preset_text(Preset::PrivateExistingVpc);
    let input = temp_file("export-plan", &text);
    let out = input.with_file_name("exported.json");
    let output = mwaa_plan(&[
        "export",
        input.to_str().unwrap(),
        "--format",
        "plan",
        "-o",
        out.to_str().unwrap(),
    ]);

    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).is_empty());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), text);
}

#[test]
fn export_refuses_bad_input_with_exit_2() {
    let plan = preset_text(Preset::PublicInternet);
    let cases: [(&[&str], &str, &str); 4] = [
        (
            &["export", "-", "--format", "cfn-yaml"],
            "[]",
            "not a plan file",
        ),
        (
            &["export", "-", "--format", "plan", "--with-environment"],
            &plan,
            "--with-environment applies to templates only",
        ),
        (&["export", "-", "--format", "cfn-xml"], &plan, "cfn-yaml"),
        (&["export", "-"], &plan, "--format"),
    ];
    for (args, input, expected) in cases {
        let output = with_stdin(args, input);
        let message = stderr(&output);

        assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
        assert!(message.contains(expected), "{args:?}: {message}");
        assert!(!message.contains("panicked"), "{message}");
        assert!(stdout(&output).is_empty());
    }
}
