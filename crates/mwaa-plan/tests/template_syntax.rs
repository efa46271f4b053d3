//! The YAML and JSON templates are valid and say the same thing, for the
//! presets and for plans whose names hold what breaks careless writers:
//! quotes, colons, `#`, markup, line breaks, non-ASCII text and `${`.
//!
//! The YAML is read by a YAML parser, its short forms turned into the
//! long forms JSON spells out (`!Ref X` is `{"Ref": "X"}`, `!GetAtt A.B`
//! is `{"Fn::GetAtt": ["A", "B"]}`, `!Sub s` is `{"Fn::Sub": s}`, `!Join`
//! is `{"Fn::Join": ...}`), and compared with the JSON read by serde_json.

use mwaa_plan::cloudformation::{self, Options};
use mwaa_plan::network_acl::{Action, NetworkAclRule};
use mwaa_plan::presets::{self, Preset};
use mwaa_plan::{
    Destination, EndpointPolicy, Peer, Plan, Provenance, Route, RouteTarget,
    SecurityGroupRule, Traffic,
};
use proptest::collection::vec;
use proptest::prelude::*;
use serde_json::{json, Value as Json};
use yaml_rust2::parser::{Event, EventReceiver, Parser, Tag};
use yaml_rust2::scanner::TScalarStyle;

/// A YAML document being turned into JSON, one parser event at a time.
#[derive(Default)]
struct Reader {
    stack: Vec<Node>,
    document: Option<Json>,
    problem: Option<String>,
}

/// A collection whose end the parser has not reached yet.
enum Node {
    List(Vec<Json>, Option<Tag>),
    Map(serde_json::Map<String, Json>, Option<String>),
}

impl EventReceiver for Reader {
    fn on_event(&mut self, event: Event) {
        match event {
            Event::Scalar(text, style, _, tag) => {
                let value = scalar(text, style, tag.as_ref());
                self.add(value);
            }
            Event::SequenceStart(_, tag) => {
                self.stack.push(Node::List(Vec::new(), tag))
            }
            Event::MappingStart(_, tag) => {
                if tag.is_some() {
                    self.fail(format!("a tagged map: {tag:?}"));
                }
                self.stack.push(Node::Map(serde_json::Map::new(), None))
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(),
            Event::Alias(_) => self.fail("an alias".to_owned()),
            _ => {}
        }
    }
}

impl Reader {
    fn close(&mut self) {
        let value = match self.stack.pop() {
            Some(Node::List(items, tag)) => tagged_list(items, tag.as_ref()),
            Some(Node::Map(map, _)) => Ok(Json::Object(map)),
            None => Err("an end without a start".to_owned()),
        };
        match value {
            Ok(value) => self.add(value),
            Err(problem) => self.fail(problem),
        }
    }

    fn add(&mut self, value: Json) {
        match self.stack.last_mut() {
            None => self.document = Some(value),
            Some(Node::List(items, _)) => items.push(value),
            Some(Node::Map(_, key @ None)) => match value {
                Json::String(text) => *key = Some(text),
                other => self.problem = Some(format!("a key {other}")),
            },
            Some(Node::Map(map, key)) => {
                let key = key.take().unwrap_or_default();
                if map.insert(key.clone(), value).is_some() {
                    self.problem = Some(format!("a duplicate key {key:?}"));
                }
            }
        }
    }

    fn fail(&mut self, problem: String) {
        self.problem.get_or_insert(problem);
    }
}

/// A scalar as JSON: tagged short forms in their long form; plain
/// scalars resolved as YAML 1.2's core schema does; quoted ones strings.
fn scalar(text: String, style: TScalarStyle, tag: Option<&Tag>) -> Json {
    if let Some(tag) = tag {
        return match tag.suffix.as_str() {
            "Ref" => json!({ "Ref": text }),
            "Sub" => json!({ "Fn::Sub": text }),
            "GetAtt" => {
                let (resource, attribute) =
                    text.split_once('.').unwrap_or((&text, ""));
                json!({ "Fn::GetAtt": [resource, attribute] })
            }
            other => json!({ "unknown tag": other }),
        };
    }
    if style != TScalarStyle::Plain {
        return Json::String(text);
    }
    match text.as_str() {
        "true" => Json::Bool(true),
        "false" => Json::Bool(false),
        "null" | "~" | "" => Json::Null,
        _ => match text.parse::<i64>() {
            Ok(number) => json!(number),
            Err(_) => Json::String(text),
        },
    }
}

fn tagged_list(items: Vec<Json>, tag: Option<&Tag>) -> Result<Json, String> {
    match tag.map(|tag| tag.suffix.as_str()) {
        None => Ok(Json::Array(items)),
        Some("Join") => Ok(json!({ "Fn::Join": items })),
        Some(other) => Err(format!("a list tagged {other}")),
    }
}

/// The YAML document as JSON, or what is wrong with it.
fn read_yaml(text: &str) -> Result<Json, String> {
    let mut reader = Reader::default();
    Parser::new_from_str(text)
        .load(&mut reader, false)
        .map_err(|error| error.to_string())?;
    if let Some(problem) = reader.problem {
        return Err(problem);
    }
    reader.document.ok_or_else(|| "no document".to_owned())
}

/// Both printings of the template of `plan`, read back: they must parse
/// and agree, and the logical ids must be unique and alphanumeric.
fn check_agreement(plan: &Plan, options: &Options) -> Result<(), String> {
    let yaml = read_yaml(&cloudformation::yaml(plan, options))?;
    let json: Json = serde_json::from_str(&cloudformation::json(plan, options))
        .map_err(|error| format!("JSON: {error}"))?;
    if yaml != json {
        return Err(format!("YAML and JSON differ:\n{yaml:#}\n{json:#}"));
    }

    let template = cloudformation::template(plan, options);
    let ids = json["Resources"].as_object().map_or(0, |r| r.len());
    if ids != template.resources.len() {
        let resources = template.resources.len();
        return Err(format!("{ids} resource ids for {resources} resources"));
    }
    let bad = template.resources.iter().map(|r| &r.id).find(|id| {
        id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric())
    });
    match bad {
        Some(id) => Err(format!("logical id {id:?}")),
        None => Ok(()),
    }
}

fn every_option() -> [Options; 2] {
    [false, true].map(|with_environment| Options { with_environment })
}

#[test]
fn preset_templates_parse_and_agree() {
    for preset in Preset::ALL {
        for options in every_option() {
            let plan = presets::build(preset);
            let result = check_agreement(&plan, &options);
            assert_eq!(result, Ok(()), "{preset:?} {options:?}");
        }
    }
}

#[test]
fn the_reader_turns_short_forms_into_long_ones() {
    let text = "A: !Ref B\nC: !GetAtt D.E\nF: !Sub \"x${G}\"\n\
                H: !Join [\"\", [\"a$\", \"{b}\"]]\nI: \"1\"\nJ: 1\n";
    let expected = json!({
        "A": {"Ref": "B"},
        "C": {"Fn::GetAtt": ["D", "E"]},
        "F": {"Fn::Sub": "x${G}"},
        "H": {"Fn::Join": ["", ["a$", "{b}"]]},
        "I": "1",
        "J": 1,
    });
    assert_eq!(read_yaml(text), Ok(expected));
    assert!(read_yaml("a: 1\na: 2\n").is_err());
}

/// Names with the characters that break careless writers.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z0-9-]{0,12}",
        "[ -~]{0,16}",
        "[\"':#<>&\\\\${}\u{e9}\u{4e2d}\u{1f680}\u{2028}\t\n]{0,6}",
        "[a-z]{1,4}[ :#\"'{}$\\[\\]|>-]{1,3}[a-z0-9]{0,4}",
        "(yes|No|on|null|true|0x1F|1e3|~)",
    ]
}

/// Changes to a preset that bring in every kind of resource and value:
/// hostile names everywhere, outbound rules to groups or none, routes to
/// targets the template cannot create, policies, an existing bucket.
#[derive(Debug, Clone)]
struct Twist {
    names: Vec<String>,
    existing_vpc: bool,
    egress: u8,
    other_route: Option<String>,
    policy: Option<String>,
    dag_bucket: Option<String>,
    micro: bool,
}

fn twist() -> impl Strategy<Value = Twist> {
    (
        vec(name(), 8),
        any::<bool>(),
        0u8..3,
        proptest::option::of(name()),
        proptest::option::of(name()),
        proptest::option::of(name()),
        any::<bool>(),
    )
        .prop_map(
            |(
                names,
                existing_vpc,
                egress,
                other_route,
                policy,
                dag_bucket,
                micro,
            )| {
                Twist {
                    names,
                    existing_vpc,
                    egress,
                    other_route,
                    policy,
                    dag_bucket,
                    micro,
                }
            },
        )
}

fn preset() -> impl Strategy<Value = Preset> {
    proptest::sample::select(Preset::ALL.to_vec())
}

/// The preset's plan with the twist applied.
fn twisted(preset: Preset, twist: &Twist) -> Plan {
    let mut plan = presets::build(preset);
    rename(&mut plan, &twist.names);
    if twist.existing_vpc {
        plan.vpc.provenance = Provenance::Existing;
    }
    if let Some(group) = plan.security_groups.first_mut() {
        group.egress = match twist.egress {
            0 => Vec::new(),
            1 => vec![SecurityGroupRule {
                traffic: Traffic::tcp(443, 443),
                peer: Peer::SecurityGroup(group.id.clone()),
                description: twist.names[0].clone(),
            }],
            _ => group.egress.clone(),
        };
    }
    if let (Some(what), Some(table)) =
        (&twist.other_route, plan.route_tables.first_mut())
    {
        table.routes.push(Route {
            destination: Destination::Cidr("10.0.0.0/8".parse().unwrap()),
            target: RouteTarget::Other(what.clone()),
        });
    }
    if let (Some(text), Some(endpoint)) =
        (&twist.policy, plan.endpoints.first_mut())
    {
        endpoint.policy = EndpointPolicy::Custom(json!({
            "Statement": [{"Effect": "Allow", "Action": text, "Sid": 1}]
        }));
    }
    if let Some(acl) = plan.network_acls.first_mut() {
        acl.egress.push(NetworkAclRule {
            number: 90,
            action: Action::Deny,
            traffic: Traffic::tcp(22, 22),
            cidr: "0.0.0.0/0".parse().unwrap(),
        });
    }
    plan.environment.dag_bucket = twist.dag_bucket.clone();
    if twist.micro {
        plan.environment.environment_class = "mw1.micro".to_owned();
    }
    plan
}

/// Gives every part of `plan` one of `names`, in turn.
fn rename(plan: &mut Plan, names: &[String]) {
    let mut next = names.iter().cycle().cloned();
    let mut take = || next.next().unwrap_or_default();
    plan.name = take();
    plan.vpc.name = take();
    plan.environment.name = take();
    if let Some(gateway) = &mut plan.internet_gateway {
        gateway.name = take();
    }
    for subnet in &mut plan.subnets {
        subnet.name = take();
    }
    for table in &mut plan.route_tables {
        table.name = take();
    }
    for nat in &mut plan.nat_gateways {
        nat.name = take();
    }
    for group in &mut plan.security_groups {
        group.name = take();
        group.description = take();
        for rule in &mut group.ingress {
            rule.description = take();
        }
    }
    for acl in &mut plan.network_acls {
        acl.name = take();
    }
    for endpoint in &mut plan.endpoints {
        endpoint.name = take();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn hostile_plans_give_templates_that_parse_and_agree(
        preset in preset(),
        twist in twist(),
    ) {
        let plan = twisted(preset, &twist);
        for options in every_option() {
            prop_assert_eq!(check_agreement(&plan, &options), Ok(()));
        }
    }
}
