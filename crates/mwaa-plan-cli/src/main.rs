//! `mwaa-plan`: create, check, fix and export MWAA network plans from the
//! command line, for people and for pipelines.
//!
//! Exit codes: 0 when the command succeeded (for `check`, when the plan has
//! no errors), 1 when `check` found errors, 2 when the input could not be
//! read or the command line was wrong.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use mwaa_plan::presets::{self, Preset};
use mwaa_plan::{cloudformation, edit, format, rules, Plan};

mod report;

/// Plan the network of an Amazon MWAA environment: create a plan from a
/// preset, check it against MWAA's networking rules, apply the fixes.
#[derive(Parser)]
#[command(name = "mwaa-plan", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write a new plan from a preset.
    New {
        /// The situation to start from.
        #[arg(long, value_enum)]
        preset: PresetName,
        /// Where to write the plan (standard output when omitted).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Check a plan file against every rule.
    ///
    /// Exits 1 when the plan has errors, 0 otherwise (warnings and infos
    /// do not fail the check), 2 when the file cannot be read.
    Check {
        /// The plan file, or `-` for standard input.
        file: PathBuf,
        /// How to print the findings.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Apply every fix the rules offer and write the fixed plan.
    Fix {
        /// The plan file, or `-` for standard input.
        file: PathBuf,
        /// Where to write the fixed plan (standard output when omitted; may
        /// be the input file).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Export a plan as a CloudFormation template or as a plan file.
    ///
    /// A plan in a new VPC gives a template that creates the whole
    /// network; a plan in an existing VPC gives one that takes the VPC,
    /// subnet and route table ids as parameters and creates the security
    /// groups and VPC endpoints.
    Export {
        /// The plan file, or `-` for standard input.
        file: PathBuf,
        /// What to write.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Where to write it (standard output when omitted).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Create the MWAA environment too, with its execution role and
        /// DAG bucket (templates only).
        #[arg(long)]
        with_environment: bool,
    },
    /// List the rules: code, name, severity and what must hold.
    Rules {
        /// How to print the catalogue.
        #[arg(long, value_enum, default_value_t = CatalogueFormat::Text)]
        format: CatalogueFormat,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum PresetName {
    /// Internet access allowed, web server on the public network.
    PublicInternet,
    /// Internet access allowed, web server on the private network.
    PublicPrivateWebserver,
    /// No internet access, new VPC with every endpoint MWAA needs.
    PrivateNewVpc,
    /// No internet access, existing VPC; the plan adds the endpoints.
    PrivateExistingVpc,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    /// Findings grouped by severity, for people.
    Text,
    /// One JSON document, for machines.
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    /// A CloudFormation template in YAML.
    CfnYaml,
    /// A CloudFormation template in JSON.
    CfnJson,
    /// The plan file, pretty-printed.
    Plan,
}

#[derive(Clone, Copy, ValueEnum)]
enum CatalogueFormat {
    /// An aligned table.
    Text,
    /// A JSON array.
    Json,
    /// The Markdown catalogue (RULES.md).
    Markdown,
}

/// A failure to report on standard error, with exit code 2.
struct Failure(String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("mwaa-plan: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<ExitCode, Failure> {
    match command {
        Command::New { preset, output } => {
            let plan = presets::build(preset.preset());
            write_output(output.as_deref(), &format::write(&plan))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { file, format } => {
            let plan = read_plan(&file)?;
            let report = rules::check(&plan);
            let text = match format {
                ReportFormat::Text => report::text(&file, &report),
                ReportFormat::Json => report::json(&file, &report),
            };
            write_output(None, &text)?;
            Ok(if report.is_ready() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Fix { file, output } => {
            let mut plan = read_plan(&file)?;
            let applied = edit::apply_all_fixes(&mut plan);
            write_output(output.as_deref(), &format::write(&plan))?;
            eprintln!("mwaa-plan: applied {applied} fixes");
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            file,
            format,
            output,
            with_environment,
        } => {
            if with_environment && format == ExportFormat::Plan {
                return Err(Failure(
                    "--with-environment applies to templates only: drop it, \
                     or use --format cfn-yaml or cfn-json"
                        .to_owned(),
                ));
            }
            let plan = read_plan(&file)?;
            let text = export(&plan, format, with_environment);
            write_output(output.as_deref(), &text)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { format } => {
            let text = match format {
                CatalogueFormat::Text => report::catalogue_text(),
                CatalogueFormat::Json => report::catalogue_json(),
                CatalogueFormat::Markdown => rules::catalogue::markdown(),
            };
            write_output(None, &text)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn export(plan: &Plan, format: ExportFormat, with_environment: bool) -> String {
    let options = cloudformation::Options { with_environment };
    match format {
        ExportFormat::CfnYaml => cloudformation::yaml(plan, &options),
        ExportFormat::CfnJson => cloudformation::json(plan, &options),
        ExportFormat::Plan => format::write(plan),
    }
}

impl PresetName {
    fn preset(self) -> Preset {
        match self {
            PresetName::PublicInternet => Preset::PublicInternet,
            PresetName::PublicPrivateWebserver => {
                Preset::PublicPrivateWebserver
            }
            PresetName::PrivateNewVpc => Preset::PrivateNewVpc,
            PresetName::PrivateExistingVpc => Preset::PrivateExistingVpc,
        }
    }
}

fn read_plan(path: &Path) -> Result<Plan, Failure> {
    let text = if path == Path::new("-") {
        std::io::read_to_string(std::io::stdin())
            .map_err(|e| Failure(format!("cannot read standard input: {e}")))?
    } else {
        std::fs::read_to_string(path).map_err(|e| {
            Failure(format!("cannot read {}: {e}", path.display()))
        })?
    };
    format::read(&text).map_err(|e| Failure(format!("{}: {e}", path.display())))
}

fn write_output(path: Option<&Path>, text: &str) -> Result<(), Failure> {
    match path {
        Some(path) => std::fs::write(path, text).map_err(|e| {
            Failure(format!("cannot write {}: {e}", path.display()))
        }),
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`mwaa-plan rules | head`) is not a failure.
            let _ = stdout.write_all(text.as_bytes());
            Ok(())
        }
    }
}
