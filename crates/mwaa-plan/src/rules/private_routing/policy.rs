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
//! What the rules ask about is literal text, or literal text ending in
//! `*`, which stands for any rest: `arn:aws:s3:::dags/*` is every object of
//! the bucket, and a statement matches it only when it matches every one of
//! them. Both questions are answered exactly by running the pattern as an
//! automaton over the literal part and looking at where it can be.

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
                patterns.iter().any(|p| covers(&normal(p), wanted))
            }
            Patterns::AllBut(patterns) => {
                !patterns.iter().any(|p| overlaps(&normal(p), wanted))
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

/// Whether the glob `pattern` matches every string `wanted` stands for:
/// `wanted` itself, or, when it ends in `*`, its literal part followed by
/// anything.
fn covers(pattern: &str, wanted: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let (literal, any_rest) = split_wanted(wanted);
    let places = after_reading(&pattern, literal);
    if !any_rest {
        return places.last().copied().unwrap_or(false);
    }
    every_rest_matches(&pattern, &places)
}

/// Whether the glob `pattern` matches some string `wanted` stands for.
fn overlaps(pattern: &str, wanted: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let (literal, any_rest) = split_wanted(wanted);
    let places = after_reading(&pattern, literal);
    match any_rest {
        true => places.contains(&true),
        false => places.last().copied().unwrap_or(false),
    }
}

/// The literal part of `wanted`, and whether a final `*` follows it.
fn split_wanted(wanted: &str) -> (&str, bool) {
    match wanted.strip_suffix('*') {
        Some(literal) => (literal, true),
        None => (wanted, false),
    }
}

/// Where in `pattern` a match can be after reading `text`: place `i` means
/// `pattern[..i]` matched all of it. A star may match nothing, so the
/// place after a star is reached with the star's own.
fn after_reading(pattern: &[char], text: &str) -> Vec<bool> {
    let mut places = vec![false; pattern.len() + 1];
    if let Some(start) = places.first_mut() {
        *start = true;
    }
    skip_stars(pattern, &mut places);
    for c in text.chars() {
        places = step_over(pattern, &places, c);
        skip_stars(pattern, &mut places);
    }
    places
}

/// The places reached by reading `c` from `places`.
fn step_over(pattern: &[char], places: &[bool], c: char) -> Vec<bool> {
    let mut next = vec![false; places.len()];
    let reached = pattern.iter().zip(places).enumerate();
    for (i, (&token, &here)) in reached {
        if !here {
            continue;
        }
        let target = match token {
            '*' => i,
            '?' => i + 1,
            literal if literal == c => i + 1,
            _ => continue,
        };
        if let Some(place) = next.get_mut(target) {
            *place = true;
        }
    }
    next
}

/// Adds the places reached by letting stars match nothing.
fn skip_stars(pattern: &[char], places: &mut [bool]) {
    for (i, &token) in pattern.iter().enumerate() {
        let here = places.get(i).copied().unwrap_or(false);
        if here && token == '*' {
            if let Some(after) = places.get_mut(i + 1) {
                *after = true;
            }
        }
    }
}

/// Whether, from the places reached, the rest of the pattern matches
/// every possible rest of the text.
///
/// A rest made of characters the pattern never names can only be matched
/// by wildcards, so only places followed by nothing but `*` and `?` count.
/// Such a place with `m` question marks matches rests of exactly `m`
/// characters, or of `m` or more when a star is among them; every length
/// must be matched.
fn every_rest_matches(pattern: &[char], places: &[bool]) -> bool {
    let mut exact: Vec<usize> = Vec::new();
    let mut open_from: Option<usize> = None;
    let mut marks = 0;
    let mut star = false;
    for i in (0..=pattern.len()).rev() {
        if let Some(&token) = pattern.get(i) {
            match token {
                '?' => marks += 1,
                '*' => star = true,
                _ => break,
            }
        }
        if !places.get(i).copied().unwrap_or(false) {
            continue;
        }
        match star {
            true => open_from = Some(open_from.map_or(marks, |m| m.min(marks))),
            false => exact.push(marks),
        }
    }
    let Some(open_from) = open_from else {
        return false;
    };
    (0..open_from).all(|length| exact.contains(&length))
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
    fn covers_cases() {
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
            ("arn:aws:s3:::dags/?*", "arn:aws:s3:::dags/*", false),
            ("arn:aws:s3:::dags", "arn:aws:s3:::dags/*", false),
            ("arn:aws:s3:::prod-*-starport-layer-bucket/*", LAYERS, true),
            ("*?", "a*", true),
            ("*", "*", true),
            ("?*", "*", false),
            ("", "", true),
            ("", "a", false),
        ];
        for (pattern, wanted, expected) in cases {
            let got = covers(pattern, wanted);
            assert_eq!(got, expected, "'{pattern}' covers '{wanted}'");
        }
    }

    #[test]
    fn overlaps_cases() {
        let cases = [
            ("dags/secret/*", "dags/*", true),
            ("logs/*", "dags/*", false),
            ("dags/?", "dags/ab", false),
            ("dags/??", "dags/ab", true),
            ("a", "*", true),
            ("a", "", false),
        ];
        for (pattern, wanted, expected) in cases {
            let got = overlaps(pattern, wanted);
            assert_eq!(got, expected, "'{pattern}' meets '{wanted}'");
        }
    }

    /// Every string of up to `max` characters over `alphabet`.
    fn strings_over(alphabet: &str, max: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..max {
            last = last
                .iter()
                .flat_map(|s| alphabet.chars().map(move |c| format!("{s}{c}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    /// Plain glob matching of a text, for comparison.
    fn matches(glob: &[char], text: &[char]) -> bool {
        match (glob.split_first(), text.split_first()) {
            (None, _) => text.is_empty(),
            (Some(('*', rest)), _) => {
                matches(rest, text)
                    || (!text.is_empty() && matches(glob, &text[1..]))
            }
            (Some(_), None) => false,
            (Some((&g, rest)), Some((&t, more))) => {
                (g == '?' || g == t) && matches(rest, more)
            }
        }
    }

    /// Compares the answers with brute force over short texts, for every
    /// short pattern and wanted text: the letter `c`, which no pattern
    /// names, stands for every other character.
    #[test]
    fn covers_and_overlaps_agree_with_brute_force() {
        let patterns = strings_over("ab*?", 4);
        let rests = strings_over("abc", 5);
        for literal in strings_over("ab", 3) {
            let any_rest = format!("{literal}*");
            let texts = |wanted: &str| -> Vec<Vec<char>> {
                match wanted.ends_with('*') {
                    true => rests
                        .iter()
                        .map(|rest| format!("{literal}{rest}"))
                        .map(|text| text.chars().collect())
                        .collect(),
                    false => vec![literal.chars().collect()],
                }
            };
            for wanted in [literal.as_str(), any_rest.as_str()] {
                let texts = texts(wanted);
                for pattern in &patterns {
                    let glob: Vec<char> = pattern.chars().collect();
                    let hits: Vec<bool> =
                        texts.iter().map(|t| matches(&glob, t)).collect();
                    let all = hits.iter().all(|hit| *hit);
                    let any = hits.iter().any(|hit| *hit);
                    let case = format!("'{pattern}' and '{wanted}'");
                    assert_eq!(covers(pattern, wanted), all, "{case} cover");
                    assert_eq!(overlaps(pattern, wanted), any, "{case} meet");
                }
            }
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
