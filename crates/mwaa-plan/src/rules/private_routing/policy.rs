//! Endpoint policies, read from their JSON and evaluated as IAM does for
//! the two questions the rules ask: does the policy let a request for an
//! action on a set of resources through, and is it the same as allowing
//! everything?
//!
//! A policy allows a request when an `Allow` statement matches it and no
//! `Deny` statement does: an explicit deny always wins. `Action`,
//! `NotAction`, `Resource` and `NotResource` take a string or an array of
//! strings, with `*` (any run of characters) and `?` (one character) as
//! wildcards. Actions compare without regard to case, resources with it.
//!
//! The wanted resources may themselves hold wildcards:
//! `arn:aws:s3:::dags/*` stands for every object of the bucket, and a
//! statement matches it only when it matches every one of them.

use serde_json::Value;

/// An endpoint policy, read.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Policy {
    statements: Vec<Statement>,
}

/// One statement of a policy.
#[derive(Clone, Debug, PartialEq)]
struct Statement {
    effect: Effect,
    actions: Patterns,
    resources: Patterns,
    /// Whether `Principal` is absent or `*` (or `{"AWS": "*"}`).
    any_principal: bool,
    /// Whether a `Condition` narrows the statement.
    conditional: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Effect {
    Allow,
    Deny,
}

/// What a statement's actions or resources match.
#[derive(Clone, Debug, PartialEq)]
enum Patterns {
    /// `Action` or `Resource`: whatever one of the patterns matches.
    Listed(Vec<String>),
    /// `NotAction` or `NotResource`: whatever none of the patterns match.
    AllBut(Vec<String>),
}

/// How a policy treats a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Access {
    /// An `Allow` statement matches it and no `Deny` statement does.
    Allowed,
    /// No statement allows it.
    NotAllowed,
    /// A `Deny` statement matches it.
    Denied,
}

impl Policy {
    /// Reads a policy document: a JSON object, or a string holding one.
    ///
    /// The error says, in lowercase prose, what could not be read.
    pub(crate) fn read(document: &Value) -> Result<Policy, String> {
        let parsed;
        let document = match document {
            Value::String(text) => {
                parsed = serde_json::from_str::<Value>(text)
                    .map_err(|e| format!("it is not JSON ({e})"))?;
                &parsed
            }
            other => other,
        };
        let statements = match document.get("Statement") {
            Some(Value::Array(list)) => list.iter().collect(),
            Some(single @ Value::Object(_)) => vec![single],
            Some(_) => {
                return Err(
                    "'Statement' is neither an object nor an array".to_owned()
                )
            }
            None => return Err("it has no 'Statement'".to_owned()),
        };
        let statements = statements
            .into_iter()
            .map(Statement::read)
            .collect::<Result<_, _>>()?;
        Ok(Policy { statements })
    }

    /// How the policy treats `action` on every resource `resource` stands
    /// for. Principals and conditions are not weighed.
    pub(crate) fn access(&self, action: &str, resource: &str) -> Access {
        let matching = |effect| {
            self.statements.iter().any(|statement| {
                statement.effect == effect && statement.covers(action, resource)
            })
        };
        if matching(Effect::Deny) {
            return Access::Denied;
        }
        if matching(Effect::Allow) {
            return Access::Allowed;
        }
        Access::NotAllowed
    }

    /// Whether the policy allows everything, as AWS's default policy does:
    /// an unconditional `Allow` of `*` on `*` for any principal, and no
    /// `Deny` at all.
    pub(crate) fn is_full_access(&self) -> bool {
        let denies = self.statements.iter().any(|s| s.effect == Effect::Deny);
        if denies {
            return false;
        }
        self.statements.iter().any(|statement| {
            statement.any_principal
                && !statement.conditional
                && statement.covers("*", "*")
        })
    }
}

impl Statement {
    fn read(statement: &Value) -> Result<Statement, String> {
        let effect = match statement.get("Effect") {
            Some(Value::String(effect)) if effect == "Allow" => Effect::Allow,
            Some(Value::String(effect)) if effect == "Deny" => Effect::Deny,
            Some(other) => {
                return Err(format!(
                    "a statement's 'Effect' is {other}, not \"Allow\" or \
                     \"Deny\""
                ))
            }
            None => return Err("a statement has no 'Effect'".to_owned()),
        };
        Ok(Statement {
            effect,
            actions: Patterns::read(statement, "Action", "NotAction")?,
            resources: Patterns::read(statement, "Resource", "NotResource")?,
            any_principal: any_principal(statement.get("Principal")),
            conditional: statement.get("Condition").is_some(),
        })
    }

    /// Whether the statement matches `action` on every resource
    /// `resource` stands for.
    fn covers(&self, action: &str, resource: &str) -> bool {
        let action = action.to_ascii_lowercase();
        self.actions.covers(&action, |p| p.to_ascii_lowercase())
            && self.resources.covers(resource, str::to_owned)
    }
}

impl Patterns {
    fn read(
        statement: &Value,
        listed: &str,
        all_but: &str,
    ) -> Result<Patterns, String> {
        match (statement.get(listed), statement.get(all_but)) {
            (Some(value), None) => {
                Ok(Patterns::Listed(strings(value, listed)?))
            }
            (None, Some(value)) => {
                Ok(Patterns::AllBut(strings(value, all_but)?))
            }
            (Some(_), Some(_)) => {
                Err(format!("a statement has both '{listed}' and '{all_but}'"))
            }
            (None, None) => Err(format!(
                "a statement has neither '{listed}' nor '{all_but}'"
            )),
        }
    }

    /// Whether every string `wanted` stands for is matched; `normal`
    /// brings a pattern to the form `wanted` is in.
    fn covers(&self, wanted: &str, normal: impl Fn(&str) -> String) -> bool {
        match self {
            Patterns::Listed(patterns) => {
                patterns.iter().any(|p| glob_covers(&normal(p), wanted))
            }
            Patterns::AllBut(patterns) => {
                !patterns.iter().any(|p| glob_overlaps(&normal(p), wanted))
            }
        }
    }
}

fn strings(value: &Value, key: &str) -> Result<Vec<String>, String> {
    let not_text = || format!("'{key}' holds something other than text");
    match value {
        Value::String(text) => Ok(vec![text.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|item| item.as_str().map(str::to_owned).ok_or_else(not_text))
            .collect(),
        _ => Err(not_text()),
    }
}

fn any_principal(principal: Option<&Value>) -> bool {
    match principal {
        None => true,
        Some(Value::String(text)) => text == "*",
        Some(Value::Object(map)) => {
            map.len() == 1
                && map.get("AWS").is_some_and(|aws| aws.as_str() == Some("*"))
        }
        Some(_) => false,
    }
}

/// Adds to `document` a statement allowing `action` on `resources`, for
/// any principal. `None` when the document cannot be read.
pub(crate) fn with_allow(
    document: &Value,
    action: &str,
    resources: &[String],
) -> Option<Value> {
    Policy::read(document).ok()?;
    let mut document = match document {
        Value::String(text) => serde_json::from_str(text).ok()?,
        other => other.clone(),
    };
    let statement = serde_json::json!({
        "Effect": "Allow",
        "Principal": "*",
        "Action": action,
        "Resource": resources,
    });
    let list = match document.get_mut("Statement")? {
        Value::Array(list) => list,
        single => {
            *single = Value::Array(vec![single.take()]);
            single.as_array_mut()?
        }
    };
    list.push(statement);
    Some(document)
}

/// Whether the glob `pattern` matches every string the glob `wanted`
/// matches. A `*` of `pattern` may take in any run of `wanted`, wildcards
/// included; a `?` takes one character or a `?`.
fn glob_covers(pattern: &str, wanted: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let w: Vec<char> = wanted.chars().collect();
    // covers[i][j]: p[i..] covers w[j..]; filled from the ends back.
    let mut covers = vec![vec![false; w.len() + 1]; p.len() + 1];
    covers[p.len()][w.len()] = true;
    for i in (0..p.len()).rev() {
        for j in (0..=w.len()).rev() {
            covers[i][j] = match (p[i], w.get(j)) {
                ('*', _) => {
                    covers[i + 1][j] || (j < w.len() && covers[i][j + 1])
                }
                (_, None | Some('*')) => false,
                ('?', Some(_)) => covers[i + 1][j + 1],
                (c, Some(&d)) => c == d && covers[i + 1][j + 1],
            };
        }
    }
    covers[0][0]
}

/// Whether some string matches both globs.
fn glob_overlaps(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // meet[i][j]: a[i..] and b[j..] match a common string.
    let mut meet = vec![vec![false; b.len() + 1]; a.len() + 1];
    for i in (0..=a.len()).rev() {
        for j in (0..=b.len()).rev() {
            meet[i][j] = match (a.get(i), b.get(j)) {
                (None, None) => true,
                (Some('*'), _) => {
                    meet[i + 1][j] || (j < b.len() && meet[i][j + 1])
                }
                (_, Some('*')) => {
                    meet[i][j + 1] || (i < a.len() && meet[i + 1][j])
                }
                (None, Some(_)) | (Some(_), None) => false,
                (Some(&c), Some(&d)) => {
                    (c == '?' || d == '?' || c == d) && meet[i + 1][j + 1]
                }
            };
        }
    }
    meet[0][0]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const LAYERS: &str = "arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*";
    const LAYER_BUCKET: &str =
        "arn:aws:s3:::prod-us-east-1-starport-layer-bucket";
    const LAYER_PREFIX: &str =
        "arn:aws:s3:::prod-us-east-1-starport-layer-bucket/x/*";
    const ANY_VIRGINIA: &str =
        "arn:aws:s3:::prod-us-east-?-starport-layer-bucket/*";

    #[test]
    fn glob_covers_cases() {
        let cases = [
            ("*", "anything/*", true),
            ("s3:*", "s3:getobject", true),
            ("s3:get*", "s3:getobject", true),
            ("s3:put*", "s3:getobject", false),
            ("s3:getobjec?", "s3:getobject", true),
            ("arn:aws:s3:::dags/*", "arn:aws:s3:::dags/*", true),
            ("arn:aws:s3:::dags*", "arn:aws:s3:::dags/*", true),
            ("arn:aws:s3:::dags/dags/*", "arn:aws:s3:::dags/*", false),
            ("arn:aws:s3:::dags/?", "arn:aws:s3:::dags/*", false),
            ("arn:aws:s3:::dags", "arn:aws:s3:::dags/*", false),
            ("arn:aws:s3:::prod-*-starport-layer-bucket/*", LAYERS, true),
            ("", "", true),
            ("", "a", false),
        ];
        for (pattern, wanted, expected) in cases {
            let got = glob_covers(pattern, wanted);
            assert_eq!(got, expected, "'{pattern}' covers '{wanted}'");
        }
    }

    #[test]
    fn glob_overlaps_cases() {
        let cases = [
            ("a*", "*b", true),
            ("dags/secret/*", "dags/*", true),
            ("logs/*", "dags/*", false),
            ("dags/?", "dags/ab", false),
            ("dags/??", "dags/ab", true),
            ("*", "", true),
            ("a", "", false),
        ];
        for (a, b, expected) in cases {
            assert_eq!(glob_overlaps(a, b), expected, "'{a}' meets '{b}'");
        }
    }

    fn allow(action: Value, resource: Value) -> Value {
        json!({"Effect": "Allow", "Principal": "*",
               "Action": action, "Resource": resource})
    }

    #[test]
    fn access_cases() {
        use Access::*;
        let deny_all_get = json!({"Effect": "Deny", "Principal": "*",
            "Action": "s3:GetObject", "Resource": "*"});
        let deny_a_prefix = json!({"Effect": "Deny", "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": LAYER_PREFIX});
        let not_put = json!({"Effect": "Allow", "Principal": "*",
            "NotAction": "s3:Put*", "Resource": "*"});
        let not_layers = json!({"Effect": "Allow", "Principal": "*",
            "Action": "*", "NotResource": "arn:aws:s3:::prod-*"});
        let cases = [
            (
                "all on all",
                json!({"Statement": allow(json!("*"), json!("*"))}),
                Allowed,
            ),
            (
                "s3:* in an array",
                json!({"Statement": [
                allow(json!(["s3:*"]), json!([LAYERS]))]}),
                Allowed,
            ),
            (
                "get prefix, any case",
                json!({"Statement": [
                allow(json!("S3:Get*"), json!(LAYERS))]}),
                Allowed,
            ),
            (
                "another bucket only",
                json!({"Statement": [
                allow(json!("s3:GetObject"), json!("arn:aws:s3:::dags/*"))]}),
                NotAllowed,
            ),
            (
                "put only",
                json!({"Statement": [
                allow(json!("s3:PutObject"), json!("*"))]}),
                NotAllowed,
            ),
            (
                "bucket without objects",
                json!({"Statement": [
                allow(json!("s3:GetObject"),
                      json!(LAYER_BUCKET))
                ]}),
                NotAllowed,
            ),
            (
                "question-mark region",
                json!({"Statement": [
                allow(json!("s3:GetObject"),
                      json!(ANY_VIRGINIA))
                ]}),
                Allowed,
            ),
            (
                "deny wins",
                json!({"Statement": [
                allow(json!("*"), json!("*")), deny_all_get]}),
                Denied,
            ),
            (
                "deny on a prefix only",
                json!({"Statement": [
                allow(json!("*"), json!("*")), deny_a_prefix]}),
                Allowed,
            ),
            ("not action", json!({"Statement": [not_put]}), Allowed),
            (
                "not resource",
                json!({"Statement": [not_layers]}),
                NotAllowed,
            ),
            (
                "as a string",
                json!(json!({"Statement":
                allow(json!("*"), json!("*"))})
                .to_string()),
                Allowed,
            ),
        ];
        for (name, document, expected) in cases {
            let policy = Policy::read(&document).expect(name);
            let got = policy.access("s3:GetObject", LAYERS);
            assert_eq!(got, expected, "{name}");
        }
    }

    #[test]
    fn unreadable_cases() {
        let cases = [
            ("not json", json!("{")),
            ("no statement", json!({"Version": "2012-10-17"})),
            ("statement is text", json!({"Statement": "Allow"})),
            (
                "no effect",
                json!({"Statement": {"Action": "*", "Resource": "*"}}),
            ),
            (
                "bad effect",
                json!({"Statement": {"Effect": "Permit",
                "Action": "*", "Resource": "*"}}),
            ),
            (
                "no action",
                json!({"Statement": {"Effect": "Allow",
                "Resource": "*"}}),
            ),
            (
                "action and not action",
                json!({"Statement": {"Effect": "Allow",
                "Action": "*", "NotAction": "s3:*", "Resource": "*"}}),
            ),
            (
                "numeric resource",
                json!({"Statement": {"Effect": "Allow",
                "Action": "*", "Resource": [1]}}),
            ),
        ];
        for (name, document) in cases {
            assert!(Policy::read(&document).is_err(), "{name}");
        }
    }

    #[test]
    fn full_access_cases() {
        let deny = json!({"Effect": "Deny", "Principal": "*",
            "Action": "s3:DeleteObject", "Resource": "*"});
        let conditional = json!({"Effect": "Allow", "Principal": "*",
            "Action": "*", "Resource": "*",
            "Condition": {"StringEquals": {"aws:PrincipalAccount": "1"}}});
        let one_account = json!({"Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
            "Action": "*", "Resource": "*"});
        let cases = [
            (
                "allow all",
                json!({"Statement": allow(json!("*"), json!("*"))}),
                true,
            ),
            (
                "allow all, arrays",
                json!({"Statement": [
                allow(json!(["*"]), json!(["*"]))]}),
                true,
            ),
            (
                "aws principal star",
                json!({"Statement": {"Effect": "Allow",
                "Principal": {"AWS": "*"}, "Action": "*", "Resource": "*"}}),
                true,
            ),
            (
                "s3 only",
                json!({"Statement": allow(json!("s3:*"), json!("*"))}),
                false,
            ),
            (
                "with a deny",
                json!({"Statement": [
                allow(json!("*"), json!("*")), deny]}),
                false,
            ),
            ("conditional", json!({"Statement": [conditional]}), false),
            ("one account", json!({"Statement": [one_account]}), false),
        ];
        for (name, document, expected) in cases {
            let policy = Policy::read(&document).expect(name);
            assert_eq!(policy.is_full_access(), expected, "{name}");
        }
    }

    #[test]
    fn with_allow_adds_a_statement_that_allows() {
        let layers = [LAYERS.to_owned()];
        let documents = [
            json!({"Statement": allow(json!("s3:PutObject"), json!("*"))}),
            json!({"Statement": [allow(json!("s3:PutObject"), json!("*"))]}),
            json!(json!({"Statement": []}).to_string()),
        ];
        for document in documents {
            let extended = with_allow(&document, "s3:GetObject", &layers)
                .expect("a readable document");
            let policy = Policy::read(&extended).expect("still readable");
            assert_eq!(policy.access("s3:GetObject", LAYERS), Access::Allowed);
        }
        assert_eq!(with_allow(&json!("{"), "s3:GetObject", &layers), None);
    }
}
