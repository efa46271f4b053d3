//! The network diagram: where each part of a plan is drawn, and the SVG
//! that draws it.
//!
//! The VPC is a box with one column per Availability Zone. In each column
//! the public subnets come first, then the private ones; a subnet shows its
//! name, block, usable addresses, kind (public or private, in words as well
//! as colour), whether the environment uses it, its default route and the
//! NAT gateways it holds. The internet gateway sits on the VPC's top edge,
//! the VPC endpoints along its bottom. Parts with findings carry a mark.
//!
//! [`layout`] computes the picture as data, so it is tested without a
//! browser; [`svg`] prints it as a self-contained SVG document, the one the
//! web app shows and offers for download. Every part is an element with a
//! `data-part` attribute holding its id, so a click can be traced to it.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use crate::cidr;
use crate::finding::Severity;
use crate::plan::{EndpointKind, Plan, RouteTarget, Subnet};
use crate::rules::Report;
use crate::topology::Topology;

const MARGIN: u32 = 16;
const COLUMN_WIDTH: u32 = 248;
const COLUMN_GAP: u32 = 16;
const HEADER_HEIGHT: u32 = 64;
const ZONE_LABEL_HEIGHT: u32 = 28;
const SUBNET_HEIGHT: u32 = 104;
const NAT_HEIGHT: u32 = 24;
const SUBNET_GAP: u32 = 12;
const ENDPOINT_HEIGHT: u32 = 40;
const ENDPOINT_WIDTH: u32 = 160;
/// The width of an average character of the diagram's text, generously.
const CHAR_WIDTH: u32 = 7;

/// The diagram of a plan, as positioned boxes.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagram {
    /// The whole picture's width.
    pub width: u32,
    /// The whole picture's height.
    pub height: u32,
    /// The VPC box.
    pub vpc: PartBox,
    /// The internet gateway, if the plan has one.
    pub internet_gateway: Option<PartBox>,
    /// One column per Availability Zone, in zone order.
    pub columns: Vec<Column>,
    /// The VPC endpoints, in plan order.
    pub endpoints: Vec<PartBox>,
}

/// One Availability Zone's column.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// The zone's name.
    pub zone: String,
    /// Where the column is drawn.
    pub x: u32,
    /// Its subnets, public first.
    pub subnets: Vec<SubnetBox>,
}

/// A subnet and what is drawn inside it.
#[derive(Clone, Debug, PartialEq)]
pub struct SubnetBox {
    /// The subnet's box.
    pub part: PartBox,
    /// Whether the subnet is public (its default route goes to an internet
    /// gateway).
    pub public: bool,
    /// Whether the environment uses it.
    pub environment: bool,
    /// Its default route, in words: `0.0.0.0/0 to NAT gateway 'nat-1'`.
    pub default_route: String,
    /// Usable addresses.
    pub usable: u64,
    /// The NAT gateways in the subnet.
    pub nat_gateways: Vec<PartBox>,
}

/// A part of the plan drawn as a box.
#[derive(Clone, Debug, PartialEq)]
pub struct PartBox {
    /// The part's id.
    pub id: String,
    /// What the box says first: the part's name.
    pub title: String,
    /// A second line, such as a CIDR block.
    pub detail: String,
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
    /// The most serious finding about the part, if any.
    pub mark: Option<Severity>,
}

/// Lays out the diagram of a plan, marking the parts `report` names.
///
/// # Examples
///
/// ```
/// use mwaa_plan::presets::{self, Preset};
/// use mwaa_plan::{diagram, rules};
///
/// let plan = presets::build(Preset::PublicInternet);
/// let picture = diagram::layout(&plan, &rules::check(&plan));
///
/// let zones: Vec<&str> =
///     picture.columns.iter().map(|c| c.zone.as_str()).collect();
/// assert_eq!(zones, ["us-east-1a", "us-east-1b"]);
/// assert!(picture.columns[0].subnets[0].public);
/// ```
pub fn layout(plan: &Plan, report: &Report) -> Diagram {
    let topology = Topology::new(plan);
    let marks = marks(report);
    let mark = |id: &str| marks.get(id).copied();

    let mut zones: BTreeMap<&str, Vec<&Subnet>> = BTreeMap::new();
    for subnet in &plan.subnets {
        zones
            .entry(&subnet.availability_zone)
            .or_default()
            .push(subnet);
    }

    let top = MARGIN + HEADER_HEIGHT;
    let mut columns = Vec::with_capacity(zones.len());
    let mut deepest = top + ZONE_LABEL_HEIGHT;
    for (index, (zone, mut subnets)) in zones.into_iter().enumerate() {
        let x = MARGIN * 2 + to_u32(index) * (COLUMN_WIDTH + COLUMN_GAP);
        subnets.sort_by_key(|subnet| !topology.is_public(subnet));
        let mut y = top + ZONE_LABEL_HEIGHT;
        let mut boxes = Vec::with_capacity(subnets.len());
        for subnet in subnets {
            let drawn = subnet_box(&topology, subnet, x, y, &mark);
            y += drawn.part.height + SUBNET_GAP;
            boxes.push(drawn);
        }
        deepest = deepest.max(y);
        columns.push(Column {
            zone: zone.to_owned(),
            x,
            subnets: boxes,
        });
    }

    let columns_width =
        to_u32(columns.len().max(1)) * (COLUMN_WIDTH + COLUMN_GAP) - COLUMN_GAP;
    let inner_width = columns_width + MARGIN * 2;
    let per_row = ((columns_width + 8) / (ENDPOINT_WIDTH + 8)).max(1);
    let endpoints_top = deepest + 8;
    let endpoints: Vec<PartBox> = plan
        .endpoints
        .iter()
        .enumerate()
        .map(|(index, endpoint)| {
            let index = to_u32(index);
            let kind = match endpoint.kind {
                EndpointKind::Interface if endpoint.private_dns => "interface",
                EndpointKind::Interface => "interface, no DNS",
                EndpointKind::Gateway => "gateway",
            };
            PartBox {
                id: endpoint.id.clone(),
                title: endpoint.service.clone(),
                detail: kind.to_owned(),
                x: MARGIN * 2 + (index % per_row) * (ENDPOINT_WIDTH + 8),
                y: endpoints_top + (index / per_row) * (ENDPOINT_HEIGHT + 8),
                width: ENDPOINT_WIDTH,
                height: ENDPOINT_HEIGHT,
                mark: mark(&endpoint.id),
            }
        })
        .collect();
    let rows = to_u32(plan.endpoints.len()).div_ceil(per_row);
    let vpc_bottom = endpoints_top + rows * (ENDPOINT_HEIGHT + 8) + MARGIN;

    let vpc = PartBox {
        id: plan.vpc.id.clone(),
        title: plan.vpc.name.clone(),
        detail: blocks(plan),
        x: MARGIN,
        y: MARGIN + 24,
        width: inner_width,
        height: vpc_bottom - (MARGIN + 24),
        mark: mark(&plan.vpc.id),
    };
    let internet_gateway =
        plan.internet_gateway.as_ref().map(|gateway| PartBox {
            id: gateway.id.clone(),
            title: gateway.name.clone(),
            detail: "internet gateway".to_owned(),
            x: MARGIN + inner_width - 176,
            y: MARGIN,
            width: 160,
            height: 44,
            mark: mark(&gateway.id),
        });

    Diagram {
        width: inner_width + MARGIN * 2,
        height: vpc_bottom + MARGIN,
        vpc,
        internet_gateway,
        columns,
        endpoints,
    }
}

fn subnet_box(
    topology: &Topology<'_>,
    subnet: &Subnet,
    x: u32,
    y: u32,
    mark: &impl Fn(&str) -> Option<Severity>,
) -> SubnetBox {
    let nats: Vec<_> = topology
        .plan
        .nat_gateways
        .iter()
        .filter(|nat| nat.subnet == subnet.id)
        .collect();
    let height = SUBNET_HEIGHT + to_u32(nats.len()) * (NAT_HEIGHT + 4);
    let nat_gateways = nats
        .iter()
        .enumerate()
        .map(|(index, nat)| PartBox {
            id: nat.id.clone(),
            title: nat.name.clone(),
            detail: if nat.elastic_ip {
                "NAT, Elastic IP".to_owned()
            } else {
                "NAT, no Elastic IP".to_owned()
            },
            x: x + 8,
            y: y + SUBNET_HEIGHT - 4 + to_u32(index) * (NAT_HEIGHT + 4),
            width: COLUMN_WIDTH - 16,
            height: NAT_HEIGHT,
            mark: mark(&nat.id),
        })
        .collect();

    SubnetBox {
        part: PartBox {
            id: subnet.id.clone(),
            title: subnet.name.clone(),
            detail: subnet.cidr.to_string(),
            x,
            y,
            width: COLUMN_WIDTH,
            height,
            mark: mark(&subnet.id),
        },
        public: topology.is_public(subnet),
        environment: topology.is_env_subnet(&subnet.id),
        default_route: default_route(topology, subnet),
        usable: cidr::usable_addresses(subnet.cidr),
        nat_gateways,
    }
}

fn default_route(topology: &Topology<'_>, subnet: &Subnet) -> String {
    let target = match topology.default_route(subnet) {
        None => return "no default route (local only)".to_owned(),
        Some(RouteTarget::InternetGateway(_)) => "internet gateway".to_owned(),
        Some(RouteTarget::NatGateway(id)) => {
            let name = topology.nat_gateway(id).map_or(id, |nat| &nat.name);
            format!("NAT {name}")
        }
        Some(RouteTarget::GatewayEndpoint(id)) => format!("endpoint {id}"),
        Some(RouteTarget::Local) => "local".to_owned(),
        Some(RouteTarget::Other(what)) => what.clone(),
    };
    format!("0.0.0.0/0 to {target}")
}

/// The most serious severity of the findings naming each part.
fn marks(report: &Report) -> HashMap<&str, Severity> {
    let mut marks: HashMap<&str, Severity> = HashMap::new();
    for finding in &report.findings {
        for part in &finding.parts {
            let mark = marks.entry(part.as_str()).or_insert(finding.severity);
            *mark = (*mark).min(finding.severity);
        }
    }
    marks
}

fn blocks(plan: &Plan) -> String {
    let blocks: Vec<String> = plan
        .vpc
        .cidr_blocks
        .iter()
        .map(ToString::to_string)
        .collect();
    blocks.join(", ")
}

fn to_u32(count: usize) -> u32 {
    u32::try_from(count).unwrap_or(u32::MAX / 4)
}

/// The diagram of a plan as a standalone SVG document.
///
/// # Examples
///
/// ```
/// use mwaa_plan::presets::{self, Preset};
/// use mwaa_plan::{diagram, rules};
///
/// let plan = presets::build(Preset::PrivateNewVpc);
/// let svg = diagram::svg(&plan, &rules::check(&plan));
///
/// assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
/// assert!(svg.contains("data-part=\"vpce-logs\""));
/// ```
pub fn svg(plan: &Plan, report: &Report) -> String {
    let diagram = layout(plan, report);
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"diagram\" \
         width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" \
         aria-label=\"{label}\">\n<style>{STYLE}</style>\n",
        w = diagram.width,
        h = diagram.height,
        label = escape(&format!("Network diagram of {}", plan.name)),
    );

    let vpc = &diagram.vpc;
    part_open(&mut out, "vpc", vpc);
    rect(&mut out, vpc, "vpc-box");
    let title_room = vpc.width.saturating_sub(200);
    let at = (vpc.x + 12, vpc.y + 22);
    fitted(&mut out, at, title_room, "title", &vpc_title(vpc));
    part_close(&mut out, vpc);

    if let Some(gateway) = &diagram.internet_gateway {
        part_open(&mut out, "internet-gateway", gateway);
        rect(&mut out, gateway, "gateway-box");
        centred(&mut out, gateway, 18, "title", &gateway.title);
        centred(&mut out, gateway, 34, "detail", &gateway.detail);
        part_close(&mut out, gateway);
    }

    for column in &diagram.columns {
        let y = MARGIN + HEADER_HEIGHT + 18;
        text(&mut out, column.x, y, "zone", &column.zone);
        for subnet in &column.subnets {
            subnet_svg(&mut out, subnet);
        }
    }

    for endpoint in &diagram.endpoints {
        part_open(&mut out, "endpoint", endpoint);
        rect(&mut out, endpoint, "endpoint-box");
        let (x, width) = (endpoint.x + 8, endpoint.width);
        fitted(
            &mut out,
            (x, endpoint.y + 16),
            width,
            "title",
            &endpoint.title,
        );
        fitted(
            &mut out,
            (x, endpoint.y + 32),
            width,
            "small",
            &endpoint.detail,
        );
        part_close(&mut out, endpoint);
    }

    out.push_str("</svg>\n");
    out
}

fn subnet_svg(out: &mut String, subnet: &SubnetBox) {
    let part = &subnet.part;
    let kind = if subnet.public { "public" } else { "private" };
    part_open(out, &format!("subnet {kind}"), part);
    rect(out, part, "subnet-box");

    let x = part.x + 10;
    let width = part.width - 10;
    fitted(out, (x, part.y + 20), width, "title", &part.title);
    let detail = format!("{}, {} usable", part.detail, subnet.usable);
    text(out, x, part.y + 40, "detail", &detail);
    let role = match (subnet.public, subnet.environment) {
        (true, true) => "public subnet, environment",
        (true, false) => "public subnet",
        (false, true) => "private subnet, environment",
        (false, false) => "private subnet",
    };
    text(out, x, part.y + 60, "kind", role);
    fitted(out, (x, part.y + 80), width, "small", &subnet.default_route);

    for nat in &subnet.nat_gateways {
        part_open(out, "nat-gateway", nat);
        rect(out, nat, "nat-box");
        let label = format!("{} ({})", nat.title, nat.detail);
        fitted(out, (nat.x + 8, nat.y + 16), nat.width, "small", &label);
        part_close(out, nat);
    }
    part_close(out, part);
}

fn vpc_title(vpc: &PartBox) -> String {
    format!("VPC {} ({})", vpc.title, vpc.detail)
}

fn part_open(out: &mut String, class: &str, part: &PartBox) {
    let mark = match part.mark {
        Some(Severity::Error) => " has-error",
        Some(Severity::Warning) => " has-warning",
        Some(Severity::Info) => " has-info",
        None => "",
    };
    let _ = writeln!(
        out,
        "<g class=\"part {class}{mark}\" data-part=\"{}\">",
        escape(&part.id)
    );
}

/// Closes a part's group, with its mark drawn last so it sits on top: a
/// symbol as well as a colour, since colour alone is no signal.
fn part_close(out: &mut String, part: &PartBox) {
    let symbol = match part.mark {
        Some(Severity::Error) => Some(("mark error", "\u{2716}", "error")),
        Some(Severity::Warning) => {
            Some(("mark warning", "\u{26a0}", "warning"))
        }
        _ => None,
    };
    if let Some((class, symbol, word)) = symbol {
        let x = part.x + part.width - 18;
        let _ = writeln!(
            out,
            "<text class=\"{class}\" x=\"{x}\" y=\"{}\"><title>{word}</title>\
             {symbol}</text>",
            part.y + 18
        );
    }
    out.push_str("</g>\n");
}

fn rect(out: &mut String, part: &PartBox, class: &str) {
    let _ = writeln!(
        out,
        "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" \
         height=\"{}\" rx=\"6\"/>",
        part.x, part.y, part.width, part.height
    );
}

fn text(out: &mut String, x: u32, y: u32, class: &str, content: &str) {
    let _ = writeln!(
        out,
        "<text class=\"{class}\" x=\"{x}\" y=\"{y}\">{}</text>",
        escape(content)
    );
}

/// Text cut to fit `width` pixels, leaving room for a mark; the whole text
/// stays readable as the element's tooltip.
fn fitted(
    out: &mut String,
    (x, y): (u32, u32),
    width: u32,
    class: &str,
    content: &str,
) {
    let room = usize::try_from((width.saturating_sub(28)) / CHAR_WIDTH)
        .unwrap_or(usize::MAX);
    if content.chars().count() <= room {
        text(out, x, y, class, content);
        return;
    }
    let cut: String = content.chars().take(room.saturating_sub(1)).collect();
    let _ = writeln!(
        out,
        "<text class=\"{class}\" x=\"{x}\" y=\"{y}\"><title>{}</title>\
         {}\u{2026}</text>",
        escape(content),
        escape(&cut)
    );
}

fn centred(out: &mut String, part: &PartBox, dy: u32, class: &str, s: &str) {
    let _ = writeln!(
        out,
        "<text class=\"{class}\" x=\"{}\" y=\"{}\" \
         text-anchor=\"middle\">{}</text>",
        part.x + part.width / 2,
        part.y + dy,
        escape(s)
    );
}

/// Text for XML: the five characters markup gives meaning to, escaped,
/// and control characters XML 1.0 forbids, dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The diagram's look, embedded so a downloaded SVG looks as it does in
/// the app; it follows the system's light or dark setting.
const STYLE: &str = "\
.diagram{font-family:system-ui,sans-serif;font-size:12px}\
.diagram rect{stroke-width:1.5}\
.vpc-box{fill:#f7f9fc;stroke:#5b6b82}\
.gateway-box{fill:#e8f0fe;stroke:#3b6fd8}\
.subnet.public .subnet-box{fill:#e9f7ee;stroke:#2e8b57}\
.subnet.private .subnet-box{fill:#eef1fb;stroke:#4a5fc1}\
.nat-box{fill:#fff7e0;stroke:#b7791f}\
.endpoint-box{fill:#f4ecfb;stroke:#7b4bb7}\
.has-error>rect{stroke:#c62828;stroke-width:3}\
.has-warning>rect{stroke:#b26a00;stroke-width:3}\
.title{font-weight:600;fill:#1d2433}\
.detail,.kind,.small,.zone{fill:#3d4756}\
.small{font-size:11px}\
.zone{font-weight:600}\
.mark{font-size:14px}\
.mark.error{fill:#c62828}\
.mark.warning{fill:#b26a00}\
[data-part]{cursor:pointer}\
@media (prefers-color-scheme:dark){\
.vpc-box{fill:#1b2230;stroke:#8a9ab3}\
.gateway-box{fill:#1e2c48;stroke:#7ea2ef}\
.subnet.public .subnet-box{fill:#17301f;stroke:#5cc08a}\
.subnet.private .subnet-box{fill:#1c2442;stroke:#8797e6}\
.nat-box{fill:#3a2e12;stroke:#e0a84a}\
.endpoint-box{fill:#2d2140;stroke:#b08ae0}\
.title{fill:#e8ecf3}\
.detail,.kind,.small,.zone{fill:#c3cad6}\
.has-error>rect{stroke:#ff6b6b}\
.has-warning>rect{stroke:#f0a030}\
.mark.error{fill:#ff6b6b}\
.mark.warning{fill:#f0a030}}";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::{self, Preset};
    use crate::rules;

    fn picture(plan: &Plan) -> Diagram {
        layout(plan, &rules::check(plan))
    }

    fn column_of<'d>(diagram: &'d Diagram, subnet: &str) -> &'d str {
        diagram
            .columns
            .iter()
            .find(|c| c.subnets.iter().any(|s| s.part.id == subnet))
            .map(|c| c.zone.as_str())
            .unwrap()
    }

    #[test]
    fn each_zone_is_a_column_with_public_subnets_first() {
        let diagram = picture(&presets::build(Preset::PublicInternet));
        for column in &diagram.columns {
            let kinds: Vec<bool> =
                column.subnets.iter().map(|s| s.public).collect();
            assert_eq!(kinds, [true, false], "{}", column.zone);
        }
        let private = &diagram.columns[1].subnets[1];
        assert!(private.environment);
        assert_eq!(private.default_route, "0.0.0.0/0 to NAT mwaa-nat-2");
        assert_eq!(diagram.columns[1].subnets[0].nat_gateways.len(), 1);
    }

    #[test]
    fn subnets_moved_into_one_zone_share_its_column() {
        let mut plan = presets::build(Preset::PrivateNewVpc);
        plan.subnets[1].availability_zone = "us-east-1a".into();
        let diagram = picture(&plan);

        assert_eq!(diagram.columns.len(), 1);
        assert_eq!(column_of(&diagram, "subnet-private-1"), "us-east-1a");
        assert_eq!(column_of(&diagram, "subnet-private-2"), "us-east-1a");
        let marks: Vec<_> = diagram.columns[0]
            .subnets
            .iter()
            .map(|s| s.part.mark)
            .collect();
        assert_eq!(marks, [Some(Severity::Error), Some(Severity::Error)]);
    }

    #[test]
    fn boxes_do_not_overlap_and_fit_the_picture() {
        let plan = presets::scaled(40);
        let diagram = picture(&plan);
        let mut boxes: Vec<&PartBox> = diagram.endpoints.iter().collect();
        for column in &diagram.columns {
            boxes.extend(column.subnets.iter().map(|s| &s.part));
        }
        for (i, a) in boxes.iter().enumerate() {
            assert!(a.x + a.width <= diagram.width, "{}", a.id);
            assert!(a.y + a.height <= diagram.height, "{}", a.id);
            for b in &boxes[i + 1..] {
                let apart = a.x + a.width <= b.x
                    || b.x + b.width <= a.x
                    || a.y + a.height <= b.y
                    || b.y + b.height <= a.y;
                assert!(apart, "{} overlaps {}", a.id, b.id);
            }
        }
    }

    #[test]
    fn marks_take_the_most_serious_finding() {
        let mut plan = presets::build(Preset::PublicInternet);
        plan.nat_gateways[0].elastic_ip = false;
        let diagram = picture(&plan);
        let nat = &diagram.columns[0].subnets[0].nat_gateways[0];
        assert_eq!(nat.mark, Some(Severity::Error));
        assert_eq!(diagram.internet_gateway.as_ref().unwrap().mark, None);
    }

    #[test]
    fn svg_escapes_hostile_names_and_marks_parts_in_words() {
        let mut plan = presets::build(Preset::PublicInternet);
        plan.subnets[0].name = "<script>alert('x')</script> & \"co\"".into();
        plan.nat_gateways[0].elastic_ip = false;
        let svg = svg(&plan, &rules::check(&plan));

        assert!(!svg.contains("<script>"));
        assert!(svg.contains(
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;"
        ));
        assert!(svg.contains("<title>error</title>"));
        assert!(svg.contains("class=\"part nat-gateway has-error\""));
        for id in plan.ids().filter(|id| *id != "env") {
            let present = svg.contains(&format!("data-part=\"{id}\""));
            let drawn = !plan.route_tables.iter().any(|t| t.id == id)
                && !plan.security_groups.iter().any(|g| g.id == id)
                && !plan.network_acls.iter().any(|a| a.id == id);
            assert_eq!(present, drawn, "{id}");
        }
    }

    #[test]
    fn escape_drops_what_xml_forbids() {
        let cases = [
            ("plain", "plain"),
            ("a<b>&c", "a&lt;b&gt;&amp;c"),
            ("tab\there", "tab here"),
            ("bell\u{7}", "bell"),
            ("caf\u{e9}", "caf\u{e9}"),
        ];
        for (text, expected) in cases {
            assert_eq!(escape(text), expected, "{text:?}");
        }
    }
}
