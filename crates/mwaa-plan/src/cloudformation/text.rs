//! Text from the plan made to fit where a template puts it.
//!
//! Names and descriptions come from people and may hold anything. Most
//! places take them as they are, since the printers quote and escape; a few
//! places have rules of their own: EC2 descriptions take only a small set
//! of ASCII characters, CloudFormation caps the length of descriptions and
//! tags, and `${` starts a placeholder in `!Sub`. Linters also read `${...}`
//! in a plain string as a forgotten `!Sub` (and a `!Sub` with nothing to
//! substitute as a needless one), so a property value holding `${` is
//! written as a `!Join` of parts that each hold no `${`, and a description
//! (which must be a plain string) gets `$ {` instead.

use super::template::{Map, Value};

/// The longest template or output description, in bytes.
pub const MAX_DESCRIPTION: usize = 1024;

/// The longest parameter description, in bytes.
pub const MAX_PARAMETER_DESCRIPTION: usize = 4000;

/// The longest tag value, in characters.
const MAX_TAG_VALUE: usize = 256;

/// The longest security group or rule description, in characters.
const MAX_EC2_DESCRIPTION: usize = 255;

/// The punctuation EC2 accepts in security group and rule descriptions,
/// beside ASCII letters, digits and spaces.
const EC2_PUNCTUATION: &str = "._-:/()#,@[]+=&;{}!$*";

/// The `Tags` list with one `Name` tag, cut to the longest tag value AWS
/// takes.
pub fn name_tag(name: &str) -> Value {
    let tag = Map::new()
        .with("Key", "Name")
        .with("Value", literal(&truncated(name, MAX_TAG_VALUE)));
    Value::List(vec![tag.into()])
}

/// `text` as a property value that reads back as `text`: `a${b}` is
/// `!Join ["", ["a$", "{b}"]]`.
pub fn literal(text: &str) -> Value {
    if !text.contains("${") {
        return Value::String(text.to_owned());
    }
    let pieces: Vec<&str> = text.split("${").collect();
    let last = pieces.len() - 1;
    let parts = pieces
        .iter()
        .enumerate()
        .map(|(index, piece)| {
            let open = if index == 0 { "" } else { "{" };
            let close = if index == last { "" } else { "$" };
            format!("{open}{piece}{close}")
        })
        .collect();
    Value::Join(parts)
}

/// `text` as a description: at most `max` bytes, with no `${`.
pub fn description(text: &str, max: usize) -> String {
    bounded(&text.replace("${", "$ {"), max)
}

/// `text` cut to at most `max` bytes on a character boundary, with `...`
/// at the end when something was cut.
fn bounded(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let mut end = max.saturating_sub(3);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &text[..end])
}

/// `text` cut to at most `max` characters.
fn truncated(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// `text` as EC2 takes a security group or rule description: characters it
/// refuses are dropped, runs of white space become one space, and the
/// result is at most 255 characters. It may come out empty.
pub fn ec2_description(text: &str) -> String {
    let kept: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| {
            c.is_ascii_alphanumeric()
                || *c == ' '
                || EC2_PUNCTUATION.contains(*c)
        })
        .collect();
    let words: Vec<&str> = kept.split(' ').filter(|w| !w.is_empty()).collect();
    truncated(&words.join(" "), MAX_EC2_DESCRIPTION)
}

/// `text` as a literal part of a `!Sub` string: `${` is written `${!`, so
/// CloudFormation prints it as it is instead of reading a placeholder.
pub fn sub_literal(text: &str) -> String {
    text.replace("${", "${!")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_cuts_on_character_boundaries() {
        let cases = [
            ("short", 10, "short"),
            ("abcdef", 5, "ab..."),
            ("\u{e9}\u{e9}\u{e9}\u{e9}", 6, "\u{e9}..."),
            ("\u{1f680}\u{1f680}", 7, "\u{1f680}..."),
        ];
        for (text, max, expected) in cases {
            assert_eq!(bounded(text, max), expected, "{text}");
            assert!(bounded(text, max).len() <= max);
        }
    }

    #[test]
    fn ec2_descriptions_keep_only_what_ec2_accepts() {
        let cases = [
            ("All traffic: 443, 5432", "All traffic: 443, 5432"),
            ("it's \"quoted\"", "its quoted"),
            ("caf\u{e9} <b>menu</b>", "caf bmenu/b"),
            ("two\nlines\there", "two lines here"),
            ("\u{4e2d}\u{6587}", ""),
        ];
        for (text, expected) in cases {
            assert_eq!(ec2_description(text), expected, "{text:?}");
        }
        assert_eq!(ec2_description(&"x".repeat(300)).len(), 255);
    }

    #[test]
    fn text_with_placeholders_reads_back_as_written() {
        assert_eq!(literal("plain"), Value::String("plain".into()));
        let parts = |parts: &[&str]| {
            Value::Join(parts.iter().map(|&p| p.to_owned()).collect())
        };
        assert_eq!(literal("a${b}"), parts(&["a$", "{b}"]));
        assert_eq!(literal("$${x}${"), parts(&["$$", "{x}$", "{"]));
        assert_eq!(description("a${b}", 100), "a$ {b}");
    }

    #[test]
    fn sub_literals_escape_placeholders() {
        assert_eq!(sub_literal("a${b}c"), "a${!b}c");
        assert_eq!(sub_literal("no placeholders $ {}"), "no placeholders $ {}");
    }
}
