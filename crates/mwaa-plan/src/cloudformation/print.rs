//! Printing a template as YAML, in the short form people write by hand
//! (`!Ref`, `!GetAtt`, `!Sub`), or as JSON.
//!
//! Both printers are written here rather than borrowed from a serializer:
//! the YAML short forms are tags most YAML libraries cannot write, and both
//! must keep the template's order so the same plan always gives the same
//! bytes.

use std::fmt::Write;

use super::template::{Map, Template, Value};

const FORMAT_VERSION: &str = "2010-09-09";

/// The template as YAML, resources under a comment naming their group.
pub fn yaml(template: &Template) -> String {
    let mut lines = Vec::new();
    lines.push(format!(
        "AWSTemplateFormatVersion: {}",
        quoted(FORMAT_VERSION)
    ));
    lines.push(format!(
        "Description: {}",
        yaml_scalar(&template.description)
    ));

    let document = document(template);
    for section in ["Parameters", "Resources", "Outputs"] {
        let Some(Value::Map(entries)) = document.get(section) else {
            continue;
        };
        lines.push(String::new());
        lines.push(format!("{section}:"));
        let mut group = None;
        for (id, value) in entries.iter() {
            if section == "Resources" {
                let this = template.resource(id).map(|r| r.group.as_str());
                if this != group {
                    if group.is_some() {
                        lines.push(String::new());
                    }
                    lines.push(format!("  # {}", this.unwrap_or_default()));
                    group = this;
                }
            }
            yaml_entry(&mut lines, 2, id, value);
        }
    }

    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// The template as JSON, indented by two spaces.
pub fn json(template: &Template) -> String {
    let mut document = Map::new()
        .with("AWSTemplateFormatVersion", FORMAT_VERSION)
        .with("Description", template.description.as_str());
    for (key, value) in self::document(template).iter() {
        document.insert(key, value.clone());
    }
    let mut text = String::new();
    json_value(&mut text, 0, &Value::Map(document));
    text.push('\n');
    text
}

/// The parameters, resources and outputs as one map, in template order.
fn document(template: &Template) -> Map {
    let mut document = Map::new();
    if !template.parameters.is_empty() {
        let mut parameters = Map::new();
        for parameter in &template.parameters {
            let mut entry = Map::new()
                .with("Type", parameter.kind.as_str())
                .with("Description", parameter.description.as_str());
            if let Some(default) = &parameter.default {
                entry.insert("Default", default.as_str());
            }
            if let Some(pattern) = &parameter.allowed_pattern {
                entry.insert("AllowedPattern", pattern.as_str());
            }
            parameters.insert(&parameter.id, entry);
        }
        document.insert("Parameters", parameters);
    }

    let mut resources = Map::new();
    for resource in &template.resources {
        let mut entry = Map::new().with("Type", resource.kind.as_str());
        match resource.depends_on.as_slice() {
            [] => {}
            [one] => entry.insert("DependsOn", one.as_str()),
            many => entry.insert(
                "DependsOn",
                many.iter()
                    .map(|id| Value::from(id.as_str()))
                    .collect::<Vec<_>>(),
            ),
        }
        if !resource.properties.is_empty() {
            entry.insert("Properties", resource.properties.clone());
        }
        resources.insert(&resource.id, entry);
    }
    document.insert("Resources", resources);

    if !template.outputs.is_empty() {
        let mut outputs = Map::new();
        for output in &template.outputs {
            let entry = Map::new()
                .with("Description", output.description.as_str())
                .with("Value", output.value.clone());
            outputs.insert(&output.id, entry);
        }
        document.insert("Outputs", outputs);
    }
    document
}

fn yaml_entry(
    lines: &mut Vec<String>,
    indent: usize,
    key: &str,
    value: &Value,
) {
    let pad = " ".repeat(indent);
    let key = yaml_scalar(key);
    match yaml_inline(value) {
        Some(inline) => lines.push(format!("{pad}{key}: {inline}")),
        None => {
            lines.push(format!("{pad}{key}:"));
            yaml_block(lines, indent + 2, value);
        }
    }
}

/// A non-empty map or list, on lines of its own at `indent`.
fn yaml_block(lines: &mut Vec<String>, indent: usize, value: &Value) {
    match value {
        Value::Map(map) => {
            for (key, value) in map.iter() {
                yaml_entry(lines, indent, key, value);
            }
        }
        Value::List(items) => {
            for item in items {
                yaml_item(lines, indent, item);
            }
        }
        _ => {}
    }
}

/// A list item: `- value`, or a block whose first line takes the dash.
fn yaml_item(lines: &mut Vec<String>, indent: usize, item: &Value) {
    let pad = " ".repeat(indent);
    if let Some(inline) = yaml_inline(item) {
        lines.push(format!("{pad}- {inline}"));
        return;
    }
    let first = lines.len();
    yaml_block(lines, indent + 2, item);
    if let Some(line) = lines.get_mut(first) {
        line.replace_range(..indent + 2, &format!("{pad}- "));
    }
}

/// The value on the same line as its key, or `None` for a block.
fn yaml_inline(value: &Value) -> Option<String> {
    Some(match value {
        Value::String(text) => yaml_scalar(text),
        Value::Integer(number) => number.to_string(),
        Value::Bool(flag) => flag.to_string(),
        Value::Ref(id) => format!("!Ref {id}"),
        Value::GetAtt(resource, attribute) => {
            format!("!GetAtt {resource}.{attribute}")
        }
        Value::Sub(text) => format!("!Sub {}", quoted(text)),
        Value::Join(parts) => {
            let parts: Vec<String> = parts.iter().map(|p| quoted(p)).collect();
            format!("!Join [\"\", [{}]]", parts.join(", "))
        }
        Value::Null => "null".to_owned(),
        Value::List(items) if items.is_empty() => "[]".to_owned(),
        Value::Map(map) if map.is_empty() => "{}".to_owned(),
        Value::List(_) | Value::Map(_) => return None,
    })
}

/// A string as YAML: plain when nothing in it can be misread, otherwise
/// double-quoted.
fn yaml_scalar(text: &str) -> String {
    if is_plain(text) {
        text.to_owned()
    } else {
        quoted(text)
    }
}

/// Whether a string can stand unquoted and read back as the same string
/// under YAML 1.1 and 1.2 alike: it starts with a letter, holds only
/// letters, digits and `._/-:()` and inner spaces, has no `: `, and is not
/// a word YAML reads as a boolean or null.
fn is_plain(text: &str) -> bool {
    const WORDS: [&str; 9] =
        ["y", "n", "yes", "no", "true", "false", "on", "off", "null"];
    let mut chars = text.chars();
    let starts_well = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let allowed = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || " ._/-:()".contains(c));
    starts_well
        && allowed
        && !text.ends_with([' ', ':'])
        && !text.contains(": ")
        && !WORDS.contains(&text.to_ascii_lowercase().as_str())
}

/// A double-quoted string, valid YAML and JSON alike, with every character
/// YAML does not allow unescaped (controls, U+2028, U+2029, ...) escaped.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn needs_escape(c: char) -> bool {
    matches!(
        u32::from(c),
        0..=0x1f | 0x7f..=0x9f | 0x2028 | 0x2029 | 0xfeff | 0xfffe | 0xffff
    )
}

fn json_value(out: &mut String, indent: usize, value: &Value) {
    match value {
        Value::String(text) => out.push_str(&quoted(text)),
        Value::Integer(number) => {
            let _ = write!(out, "{number}");
        }
        Value::Bool(flag) => {
            let _ = write!(out, "{flag}");
        }
        Value::Join(parts) => {
            let parts: Vec<Value> =
                parts.iter().map(|p| Value::from(p.as_str())).collect();
            let arguments = vec![Value::from(""), Value::List(parts)];
            let join = Map::new().with("Fn::Join", arguments);
            json_value(out, indent, &join.into())
        }
        Value::Null => out.push_str("null"),
        Value::Ref(id) => {
            json_value(out, indent, &Map::new().with("Ref", id.as_str()).into())
        }
        Value::GetAtt(resource, attribute) => {
            let pair = vec![
                Value::from(resource.as_str()),
                Value::from(attribute.as_str()),
            ];
            json_value(out, indent, &Map::new().with("Fn::GetAtt", pair).into())
        }
        Value::Sub(text) => json_value(
            out,
            indent,
            &Map::new().with("Fn::Sub", text.as_str()).into(),
        ),
        Value::List(items) => json_list(out, indent, items),
        Value::Map(map) => json_map(out, indent, map),
    }
}

fn json_list(out: &mut String, indent: usize, items: &[Value]) {
    if items.is_empty() {
        out.push_str("[]");
        return;
    }
    out.push('[');
    for (index, item) in items.iter().enumerate() {
        out.push_str(if index == 0 { "\n" } else { ",\n" });
        out.push_str(&" ".repeat(indent + 2));
        json_value(out, indent + 2, item);
    }
    let _ = write!(out, "\n{}]", " ".repeat(indent));
}

fn json_map(out: &mut String, indent: usize, map: &Map) {
    if map.is_empty() {
        out.push_str("{}");
        return;
    }
    out.push('{');
    for (index, (key, value)) in map.iter().enumerate() {
        out.push_str(if index == 0 { "\n" } else { ",\n" });
        let _ = write!(out, "{}{}: ", " ".repeat(indent + 2), quoted(key));
        json_value(out, indent + 2, value);
    }
    let _ = write!(out, "\n{}}}", " ".repeat(indent));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_quoted_strings() {
        let cases = [
            ("mwaa-private-1", "mwaa-private-1"),
            ("AWS::EC2::VPC", "AWS::EC2::VPC"),
            ("10.192.0.0/16", "\"10.192.0.0/16\""),
            ("2010-09-09", "\"2010-09-09\""),
            ("yes", "\"yes\""),
            ("Off", "\"Off\""),
            ("a: b", "\"a: b\""),
            ("ends:", "\"ends:\""),
            ("say \"hi\" #1", "\"say \\\"hi\\\" #1\""),
            ("caf\u{e9}", "\"caf\u{e9}\""),
            ("line\u{2028}break", "\"line\\u2028break\""),
            ("<b>&amp;</b>", "\"<b>&amp;</b>\""),
            ("", "\"\""),
        ];
        for (text, expected) in cases {
            assert_eq!(yaml_scalar(text), expected, "{text}");
        }
    }

    fn sample() -> Template {
        let properties = Map::new()
            .with("VpcId", Value::reference("Vpc"))
            .with("Port", 443i64)
            .with("Flag", true)
            .with("Tags", Value::name_tag("it's: \"odd\""))
            .with("Empty", Vec::<Value>::new())
            .with(
                "Ids",
                vec![
                    Value::attribute("Eip", "AllocationId"),
                    Value::Sub("arn:aws:s3:::${Bucket}/*".into()),
                    Value::Join(vec!["a$".into(), "{b}".into()]),
                    Value::Null,
                ],
            );
        Template {
            description: "A sample".into(),
            parameters: vec![],
            resources: vec![super::super::template::Resource {
                id: "Thing".into(),
                kind: "AWS::EC2::Thing".into(),
                group: "Things".into(),
                depends_on: vec!["Other".into()],
                properties,
            }],
            outputs: vec![],
        }
    }

    #[test]
    fn yaml_uses_short_forms_and_block_lists() {
        let expected = "\
AWSTemplateFormatVersion: \"2010-09-09\"
Description: A sample

Resources:
  # Things
  Thing:
    Type: AWS::EC2::Thing
    DependsOn: Other
    Properties:
      VpcId: !Ref Vpc
      Port: 443
      Flag: true
      Tags:
        - Key: Name
          Value: \"it's: \\\"odd\\\"\"
      Empty: []
      Ids:
        - !GetAtt Eip.AllocationId
        - !Sub \"arn:aws:s3:::${Bucket}/*\"
        - !Join [\"\", [\"a$\", \"{b}\"]]
        - null
";
        assert_eq!(yaml(&sample()), expected);
    }

    #[test]
    fn json_spells_out_intrinsic_functions() {
        let text = json(&sample());
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        let properties = &parsed["Resources"]["Thing"]["Properties"];

        assert_eq!(properties["VpcId"], serde_json::json!({"Ref": "Vpc"}));
        assert_eq!(
            properties["Ids"][0],
            serde_json::json!({"Fn::GetAtt": ["Eip", "AllocationId"]})
        );
        assert_eq!(properties["Tags"][0]["Value"], "it's: \"odd\"");
        assert_eq!(
            properties["Ids"][2],
            serde_json::json!({"Fn::Join": ["", ["a$", "{b}"]]})
        );
        assert_eq!(properties["Ids"][3], serde_json::Value::Null);
        assert!(text.starts_with("{\n  \"AWSTemplateFormatVersion\""));
    }
}
