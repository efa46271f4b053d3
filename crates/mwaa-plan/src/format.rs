//! The plan file: a plan as a versioned JSON document.
//!
//! ```json
//! { "format_version": 1, "plan": { "name": "...", ... } }
//! ```
//!
//! The format is public and documented in `docs/plan-format.md`. Reading
//! checks the version before anything else, so a file from a newer planner
//! gets a message saying so rather than a list of unknown fields. Writing is
//! deterministic: the same plan always gives the same bytes, and a written
//! plan reads back equal.

use ipnet::{IpNet, Ipv4Net};
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

use crate::plan::{Destination, Peer, Plan};

/// The version of the plan file this library writes and reads.
pub const FORMAT_VERSION: u64 = 1;

#[derive(Serialize)]
struct Written<'p> {
    format_version: u64,
    plan: &'p Plan,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Read {
    #[allow(dead_code, reason = "checked by `Header` before this is read")]
    format_version: u64,
    plan: Plan,
}

/// The top level of a file: an object whose members are not read yet.
type Header = std::collections::BTreeMap<String, IgnoredAny>;

/// The version alone, once the top level is known to be an object.
#[derive(Deserialize)]
struct Version {
    format_version: Option<serde_json::Value>,
}

/// Why a plan file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// The text is not JSON, or not JSON of a plan's shape: what is wrong
    /// and where (1-based line and column).
    Syntax {
        /// The line of the problem.
        line: usize,
        /// The column of the problem.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The JSON is not a plan file.
    NotAPlan(String),
    /// The file is of a version this library does not read.
    UnsupportedVersion(String),
    /// The file is well formed but holds a value AWS would refuse, such as
    /// a CIDR block with host bits set.
    Invalid(String),
}

/// Writes a plan as pretty-printed JSON, ending with a newline.
///
/// # Examples
///
/// ```
/// use mwaa_plan::format;
/// use mwaa_plan::presets::{self, Preset};
///
/// let plan = presets::build(Preset::PublicInternet);
/// let text = format::write(&plan);
///
/// assert!(text.starts_with("{\n  \"format_version\": 1,"));
/// assert_eq!(format::read(&text).unwrap(), plan);
/// ```
pub fn write(plan: &Plan) -> String {
    let document = Written {
        format_version: FORMAT_VERSION,
        plan,
    };
    let mut text = serde_json::to_string_pretty(&document)
        .expect("a plan always serializes: its maps have string keys");
    text.push('\n');
    text
}

/// Reads a plan file.
///
/// # Examples
///
/// ```
/// use mwaa_plan::format::{self, ReadError};
///
/// let error = format::read(r#"{"format_version": 9, "plan": {}}"#);
/// assert!(matches!(error, Err(ReadError::UnsupportedVersion(_))));
///
/// let missing_comma = "{\n  \"format_version\": 1\n  \"plan\": {}\n}";
/// let error = format::read(missing_comma).unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "line 3, column 3: expected `,` or `}`",
/// );
/// ```
pub fn read(text: &str) -> Result<Plan, ReadError> {
    check_header(text)?;
    let read: Read = serde_json::from_str(text).map_err(syntax_error)?;
    check_blocks(&read.plan)?;
    Ok(read.plan)
}

fn check_header(text: &str) -> Result<(), ReadError> {
    let _: Header = serde_json::from_str(text).map_err(|error| {
        if error.is_data() {
            ReadError::NotAPlan(
                "this is JSON but not a plan file: a plan file is an object \
                 with \"format_version\" and \"plan\""
                    .to_owned(),
            )
        } else {
            syntax_error(error)
        }
    })?;
    let version: Version = serde_json::from_str(text).map_err(syntax_error)?;
    match version.format_version {
        None => Err(ReadError::NotAPlan(
            "this is JSON but not a plan file: it has no \"format_version\""
                .to_owned(),
        )),
        Some(serde_json::Value::Number(n))
            if n.as_u64() == Some(FORMAT_VERSION) =>
        {
            Ok(())
        }
        Some(serde_json::Value::Number(n)) if n.as_u64().is_some() => {
            Err(ReadError::UnsupportedVersion(format!(
                "this plan file has format version {n}, and this planner \
                 reads version {FORMAT_VERSION}: open it with the planner \
                 that wrote it, or a newer one"
            )))
        }
        Some(other) => Err(ReadError::UnsupportedVersion(format!(
            "\"format_version\" is {other}, not a version number"
        ))),
    }
}

fn syntax_error(error: serde_json::Error) -> ReadError {
    let message = error.to_string();
    let message = match message.rfind(" at line ") {
        Some(end) => message[..end].to_owned(),
        None => message,
    };
    ReadError::Syntax {
        line: error.line(),
        column: error.column(),
        message,
    }
}

/// Refuses CIDR blocks with host bits set, which serde accepts but AWS
/// does not.
fn check_blocks(plan: &Plan) -> Result<(), ReadError> {
    let vpc = plan.vpc.cidr_blocks.iter().map(|b| (*b, "the VPC"));
    let subnets = plan.subnets.iter().map(|s| (s.cidr, s.id.as_str()));
    let routes = plan.route_tables.iter().flat_map(|table| {
        table
            .routes
            .iter()
            .filter_map(move |route| match route.destination {
                Destination::Cidr(block) => Some((block, table.id.as_str())),
                Destination::PrefixList(_) => None,
            })
    });
    let acls = plan.network_acls.iter().flat_map(|acl| {
        acl.ingress
            .iter()
            .chain(&acl.egress)
            .map(move |rule| (rule.cidr, acl.id.as_str()))
    });
    for (block, owner) in vpc.chain(subnets).chain(routes).chain(acls) {
        check_block(block, owner)?;
    }
    for group in &plan.security_groups {
        for rule in group.ingress.iter().chain(&group.egress) {
            if let Peer::Cidr(block) = rule.peer {
                check_any_block(block, &group.id)?;
            }
        }
    }
    Ok(())
}

fn check_block(block: Ipv4Net, owner: &str) -> Result<(), ReadError> {
    if block.addr() == block.network() {
        return Ok(());
    }
    Err(host_bits(
        block.to_string(),
        block.trunc().to_string(),
        owner,
    ))
}

fn check_any_block(block: IpNet, owner: &str) -> Result<(), ReadError> {
    if block.addr() == block.network() {
        return Ok(());
    }
    Err(host_bits(
        block.to_string(),
        block.trunc().to_string(),
        owner,
    ))
}

fn host_bits(block: String, network: String, owner: &str) -> ReadError {
    let owner = match owner {
        "the VPC" => owner.to_owned(),
        id => format!("'{id}'"),
    };
    ReadError::Invalid(format!(
        "{owner} has '{block}', which is not a network address: did you \
         mean {network}?"
    ))
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Syntax {
                line,
                column,
                message,
            } => write!(f, "line {line}, column {column}: {message}"),
            ReadError::NotAPlan(message)
            | ReadError::UnsupportedVersion(message)
            | ReadError::Invalid(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for ReadError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::{self, Preset};

    fn preset_text() -> String {
        write(&presets::build(Preset::PrivateNewVpc))
    }

    #[test]
    fn every_preset_reads_back_equal_and_writes_the_same_bytes() {
        for preset in Preset::ALL {
            let plan = presets::build(preset);
            let text = write(&plan);
            let again = read(&text).unwrap();
            assert_eq!(again, plan, "{preset:?}");
            assert_eq!(write(&again), text, "{preset:?}");
        }
    }

    #[test]
    fn bad_files_get_messages_that_name_the_problem() {
        let text = preset_text();
        let cases: Vec<(String, &str)> = vec![
            ("".into(), "line 1, column 0: EOF while parsing"),
            ("[1, 2]".into(), "not a plan file"),
            ("{\"plan\": {}}".into(), "it has no \"format_version\""),
            (
                "{\"format_version\": 2, \"plan\": {}}".into(),
                "format version 2, and this planner reads version 1",
            ),
            (
                "{\"format_version\": \"1\", \"plan\": {}}".into(),
                "not a version number",
            ),
            (
                text.replace("\"10.192.10.0/24\"", "\"10.192.10.0/33\""),
                "invalid IP address syntax",
            ),
            (
                text.replace("\"10.192.10.0/24\"", "\"10.192.10.1/24\""),
                "'subnet-private-1' has '10.192.10.1/24', which is not a \
                 network address: did you mean 10.192.10.0/24?",
            ),
            (
                text.replace("\"dns_support\"", "\"dns_suport\""),
                "unknown field `dns_suport`",
            ),
            (
                text.replace("\"kind\": \"gateway\"", "\"kind\": \"magic\""),
                "unknown variant `magic`",
            ),
            (
                text.replace("\"routing\": \"private\",", ""),
                "missing field",
            ),
        ];
        for (text, expected) in cases {
            let message = read(&text).unwrap_err().to_string();
            assert!(message.contains(expected), "{expected}: {message}");
        }
    }

    #[test]
    fn syntax_errors_say_where() {
        let text = preset_text().replacen("\"vpc\": {", "\"vpc\": {,", 1);
        let line = text
            .lines()
            .position(|line| line.contains("\"vpc\": {,"))
            .unwrap()
            + 1;

        match read(&text) {
            Err(ReadError::Syntax {
                line: found,
                column,
                ..
            }) => {
                assert_eq!(found, line);
                assert!(column > 0);
            }
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }
}
