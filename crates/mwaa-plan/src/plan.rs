//! The plan: one document describing a whole MWAA network.
//!
//! Every part of the network has an `id`, unique within the plan, by which
//! other parts refer to it, and a `name`, which is what people read and what
//! becomes the `Name` tag of the deployed resource. Ids never change when a
//! part is renamed.
//!
//! The types here are plain data. Lookups and derived facts (which subnets are
//! public, where a subnet's default route goes) live in
//! [`Topology`](crate::Topology); edits live in [`crate::edit`].

use ipnet::{IpNet, Ipv4Net};
use serde::{Deserialize, Serialize};

use crate::network_acl::NetworkAcl;

/// A complete MWAA network plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// A short title for the plan.
    pub name: String,
    /// The AWS Region, such as `us-east-1`.
    pub region: String,
    /// Whether the environment may reach the internet.
    pub routing: Routing,
    /// The VPC the environment runs in.
    pub vpc: Vpc,
    /// The internet gateway attached to the VPC, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internet_gateway: Option<InternetGateway>,
    /// Every subnet of the VPC that the plan knows of.
    #[serde(default)]
    pub subnets: Vec<Subnet>,
    /// Route tables; a subnet without one uses the VPC's main route table,
    /// which holds only the local route.
    #[serde(default)]
    pub route_tables: Vec<RouteTable>,
    /// NAT gateways.
    #[serde(default)]
    pub nat_gateways: Vec<NatGateway>,
    /// Security groups.
    #[serde(default)]
    pub security_groups: Vec<SecurityGroup>,
    /// Network ACLs; a subnet without one uses the VPC's default network
    /// ACL, which allows all traffic.
    #[serde(default)]
    pub network_acls: Vec<NetworkAcl>,
    /// VPC endpoints.
    #[serde(default)]
    pub endpoints: Vec<Endpoint>,
    /// The MWAA environment.
    pub environment: Environment,
}

/// The intent: may the environment reach the internet?
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Routing {
    /// Internet access is allowed: the environment's subnets reach it through
    /// NAT gateways in public subnets.
    Public,
    /// Internet access is not allowed: AWS services are reached through VPC
    /// endpoints.
    Private,
}

/// The VPC.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vpc {
    /// The plan's id of the VPC.
    pub id: String,
    /// The VPC's name.
    pub name: String,
    /// The IPv4 CIDR blocks: the first is the primary block.
    pub cidr_blocks: Vec<Ipv4Net>,
    /// Whether the Amazon DNS server is enabled (`enableDnsSupport`).
    pub dns_support: bool,
    /// Whether instances get public DNS host names (`enableDnsHostnames`).
    pub dns_hostnames: bool,
    /// Whether the plan creates the VPC or uses one that exists.
    pub provenance: Provenance,
    /// Whether this account owns the VPC or another account shares it.
    pub ownership: Ownership,
}

/// Whether a part is created by the plan or exists already.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// The plan creates it.
    New,
    /// It exists already; the plan only describes it.
    Existing,
}

/// Who owns the VPC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ownership {
    /// The account that creates the environment.
    Owned,
    /// Another account, which shares its subnets (AWS RAM).
    Shared,
}

/// The internet gateway attached to the VPC.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InternetGateway {
    /// The plan's id of the gateway.
    pub id: String,
    /// The gateway's name.
    pub name: String,
}

/// A subnet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subnet {
    /// The plan's id of the subnet.
    pub id: String,
    /// The subnet's name.
    pub name: String,
    /// The Availability Zone, such as `us-east-1a`.
    pub availability_zone: String,
    /// The subnet's IPv4 block.
    pub cidr: Ipv4Net,
    /// The id of its route table; `None` means the VPC's main route table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route_table: Option<String>,
    /// The id of its network ACL; `None` means the VPC's default ACL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_acl: Option<String>,
}

/// A route table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteTable {
    /// The plan's id of the route table.
    pub id: String,
    /// The route table's name.
    pub name: String,
    /// Its routes, besides the local route every route table has.
    #[serde(default)]
    pub routes: Vec<Route>,
}

/// One route: where traffic for a destination goes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// The traffic the route applies to.
    pub destination: Destination,
    /// Where that traffic goes.
    pub target: RouteTarget,
}

/// The destination of a route.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Destination {
    /// An IPv4 block, such as `0.0.0.0/0`.
    Cidr(Ipv4Net),
    /// A managed prefix list, by its AWS id (`pl-...`).
    PrefixList(String),
}

/// Where a route sends traffic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RouteTarget {
    /// Within the VPC.
    Local,
    /// The internet gateway with this id.
    InternetGateway(String),
    /// The NAT gateway with this id.
    NatGateway(String),
    /// The gateway VPC endpoint with this id.
    GatewayEndpoint(String),
    /// Anything the plan does not model, such as a transit gateway, a VPN
    /// gateway, a peering connection or a NAT instance, described in words.
    Other(String),
}

/// A NAT gateway.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NatGateway {
    /// The plan's id of the NAT gateway.
    pub id: String,
    /// The NAT gateway's name.
    pub name: String,
    /// The id of the subnet it sits in.
    pub subnet: String,
    /// Whether it has an Elastic IP address (a public NAT gateway).
    pub elastic_ip: bool,
}

/// A security group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityGroup {
    /// The plan's id of the security group.
    pub id: String,
    /// The security group's name.
    pub name: String,
    /// What the group is for.
    #[serde(default)]
    pub description: String,
    /// Inbound rules.
    #[serde(default)]
    pub ingress: Vec<SecurityGroupRule>,
    /// Outbound rules.
    #[serde(default)]
    pub egress: Vec<SecurityGroupRule>,
}

/// One rule of a security group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityGroupRule {
    /// The traffic the rule allows.
    #[serde(flatten)]
    pub traffic: Traffic,
    /// The other side: the source of inbound traffic, the destination of
    /// outbound traffic.
    pub peer: Peer,
    /// What the rule is for.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// A protocol and, for TCP and UDP, a port range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Traffic {
    /// The IP protocol.
    pub protocol: Protocol,
    /// The ports, for TCP and UDP; `None` means every port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ports: Option<PortRange>,
}

/// An IP protocol as security groups and network ACLs know it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Protocol {
    /// Every protocol.
    All,
    /// TCP.
    Tcp,
    /// UDP.
    Udp,
    /// ICMP.
    Icmp,
}

/// An inclusive range of ports, written `443` or `1024-65535`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PortRange {
    /// The first port.
    pub from: u16,
    /// The last port.
    pub to: u16,
}

/// The other side of a security group rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Peer {
    /// An IPv4 or IPv6 block.
    Cidr(IpNet),
    /// The security group with this id (it may be the rule's own group).
    SecurityGroup(String),
    /// A managed prefix list, by its AWS id (`pl-...`).
    PrefixList(String),
}

/// A VPC endpoint.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    /// The plan's id of the endpoint.
    pub id: String,
    /// The endpoint's name.
    pub name: String,
    /// The service, without the `com.amazonaws.<region>.` prefix: `s3`,
    /// `logs`, `airflow.api`, ...
    pub service: String,
    /// Interface or gateway.
    pub kind: EndpointKind,
    /// Whether private DNS is enabled (interface endpoints only).
    #[serde(default)]
    pub private_dns: bool,
    /// The ids of the subnets it has network interfaces in (interface
    /// endpoints only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    /// The ids of its security groups (interface endpoints only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<String>,
    /// The ids of the route tables it adds routes to (gateway endpoints
    /// only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route_tables: Vec<String>,
    /// The endpoint policy.
    #[serde(default)]
    pub policy: EndpointPolicy,
}

/// How an endpoint is reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndpointKind {
    /// Network interfaces in subnets, reached through private DNS.
    Interface,
    /// A prefix-list route in route tables (S3 and DynamoDB).
    Gateway,
}

/// An endpoint policy.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndpointPolicy {
    /// AWS's default policy: every action on every resource.
    #[default]
    FullAccess,
    /// A policy document of the user's.
    Custom(serde_json::Value),
}

/// The MWAA environment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Environment {
    /// The plan's id of the environment.
    pub id: String,
    /// The environment's name.
    pub name: String,
    /// The ids of the subnets given to the environment (exactly two).
    pub subnets: Vec<String>,
    /// The ids of the environment's security groups (one to five).
    pub security_groups: Vec<String>,
    /// How the Airflow web server is reached.
    pub webserver_access: WebserverAccess,
    /// Who creates the environment's own VPC endpoints.
    pub endpoint_management: EndpointManagement,
    /// The environment class, such as `mw1.small`.
    pub environment_class: String,
    /// The fewest workers.
    pub min_workers: u32,
    /// The most workers.
    pub max_workers: u32,
    /// The most web servers.
    pub max_webservers: u32,
    /// The schedulers.
    pub schedulers: u32,
    /// The name of the DAG bucket, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dag_bucket: Option<String>,
}

/// The environment classes MWAA offers, smallest first.
pub const ENVIRONMENT_CLASSES: [&str; 6] = [
    "mw1.micro",
    "mw1.small",
    "mw1.medium",
    "mw1.large",
    "mw1.xlarge",
    "mw1.2xlarge",
];

/// How the Airflow web server is reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WebserverAccess {
    /// From the internet (`PUBLIC_ONLY`).
    Public,
    /// Only from within the VPC (`PRIVATE_ONLY`).
    Private,
}

/// Who creates the environment's own VPC endpoints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndpointManagement {
    /// MWAA creates them (`SERVICE`).
    Service,
    /// The customer creates them (`CUSTOMER`).
    Customer,
}

impl Plan {
    /// The VPC's CIDR blocks, primary first.
    pub fn vpc_blocks(&self) -> &[Ipv4Net] {
        &self.vpc.cidr_blocks
    }

    /// The id of every part of the plan, the VPC and environment included.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        let singles = [Some(&self.vpc.id), Some(&self.environment.id)]
            .into_iter()
            .chain([self.internet_gateway.as_ref().map(|g| &g.id)])
            .flatten();
        singles
            .chain(self.subnets.iter().map(|p| &p.id))
            .chain(self.route_tables.iter().map(|p| &p.id))
            .chain(self.nat_gateways.iter().map(|p| &p.id))
            .chain(self.security_groups.iter().map(|p| &p.id))
            .chain(self.network_acls.iter().map(|p| &p.id))
            .chain(self.endpoints.iter().map(|p| &p.id))
            .map(String::as_str)
    }

    /// An id no part of the plan has yet: `base` itself when it is free,
    /// otherwise `base-2`, `base-3`, ...
    pub fn unique_id(&self, base: &str) -> String {
        let taken: std::collections::HashSet<&str> = self.ids().collect();
        if !taken.contains(base) {
            return base.to_owned();
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !taken.contains(id.as_str()))
            .expect("an unbounded range always yields a free id")
    }
}

/// The longest name MWAA gives an environment.
pub const ENVIRONMENT_NAME_MAX: usize = 80;

impl Environment {
    /// What is wrong with the environment's name for MWAA, which takes a
    /// letter, then letters, digits, `-` and `_`, 80 characters at most.
    ///
    /// # Examples
    ///
    /// ```
    /// use mwaa_plan::presets::{self, Preset};
    ///
    /// let mut environment = presets::build(Preset::PublicInternet).environment;
    /// assert_eq!(environment.name_problem(), None);
    ///
    /// environment.name = "etl: prod".into();
    /// assert_eq!(
    ///     environment.name_problem().unwrap(),
    ///     "':' and ' ' are not allowed"
    /// );
    /// ```
    pub fn name_problem(&self) -> Option<String> {
        let name = &self.name;
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return Some("it must start with a letter".to_owned());
        }
        let mut refused: Vec<String> = Vec::new();
        for c in name.chars().filter(|c| !is_name_char(*c)) {
            let shown = format!("'{}'", c.escape_debug());
            if !refused.contains(&shown) {
                refused.push(shown);
            }
        }
        if !refused.is_empty() {
            let verb = if refused.len() == 1 { "is" } else { "are" };
            return Some(format!(
                "{} {verb} not allowed",
                refused.join(" and ")
            ));
        }
        if name.len() > ENVIRONMENT_NAME_MAX {
            return Some(format!(
                "it has {} characters, {ENVIRONMENT_NAME_MAX} at most",
                name.len()
            ));
        }
        None
    }

    /// The environment's name made valid for MWAA: each character it
    /// refuses becomes `-`, a name that does not start with a letter gets
    /// `mwaa-` in front, and the result is cut to 80 characters. A valid
    /// name comes back unchanged.
    ///
    /// # Examples
    ///
    /// ```
    /// use mwaa_plan::presets::{self, Preset};
    ///
    /// let mut environment = presets::build(Preset::PublicInternet).environment;
    /// environment.name = "2nd etl: caf\u{e9}".into();
    /// assert_eq!(environment.valid_name(), "mwaa-2nd-etl--caf-");
    /// ```
    pub fn valid_name(&self) -> String {
        let mut name: String = self
            .name
            .chars()
            .map(|c| if is_name_char(c) { c } else { '-' })
            .collect();
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            name.insert_str(0, "mwaa-");
        }
        name.truncate(ENVIRONMENT_NAME_MAX);
        name
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

impl Traffic {
    /// Every protocol and port.
    pub const ALL: Traffic = Traffic {
        protocol: Protocol::All,
        ports: None,
    };

    /// TCP on the given ports.
    pub fn tcp(from: u16, to: u16) -> Traffic {
        Traffic {
            protocol: Protocol::Tcp,
            ports: Some(PortRange { from, to }),
        }
    }

    /// Whether this traffic includes all of `other`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mwaa_plan::Traffic;
    ///
    /// assert!(Traffic::ALL.covers(&Traffic::tcp(443, 443)));
    /// assert!(Traffic::tcp(0, 65535).covers(&Traffic::tcp(5432, 5432)));
    /// assert!(!Traffic::tcp(443, 443).covers(&Traffic::tcp(5432, 5432)));
    /// ```
    pub fn covers(&self, other: &Traffic) -> bool {
        match (self.protocol, other.protocol) {
            (Protocol::All, _) => true,
            (_, Protocol::All) => false,
            (a, b) if a != b => false,
            (Protocol::Icmp, _) => true,
            _ => self.port_range().contains(&other.port_range()),
        }
    }

    /// Whether this traffic shares anything with `other`.
    pub fn overlaps(&self, other: &Traffic) -> bool {
        match (self.protocol, other.protocol) {
            (Protocol::All, _) | (_, Protocol::All) => true,
            (a, b) if a != b => false,
            (Protocol::Icmp, _) => true,
            _ => self.port_range().overlaps(&other.port_range()),
        }
    }

    /// The ports, every port when none are given.
    pub fn port_range(&self) -> PortRange {
        self.ports.unwrap_or(PortRange::ALL)
    }
}

impl Protocol {
    /// Every protocol, in the order a menu lists them.
    pub const EVERY: [Protocol; 4] =
        [Protocol::All, Protocol::Tcp, Protocol::Udp, Protocol::Icmp];

    /// Whether rules for this protocol name ports: TCP and UDP do.
    pub fn has_ports(self) -> bool {
        matches!(self, Protocol::Tcp | Protocol::Udp)
    }
}

impl std::fmt::Display for Protocol {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Protocol::All => "all",
            Protocol::Tcp => "TCP",
            Protocol::Udp => "UDP",
            Protocol::Icmp => "ICMP",
        })
    }
}

impl std::fmt::Display for Traffic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.protocol, self.ports) {
            (Protocol::All, _) => f.write_str("all traffic"),
            (Protocol::Icmp, _) => f.write_str("ICMP"),
            (Protocol::Tcp, Some(ports)) => write!(f, "TCP {ports}"),
            (Protocol::Udp, Some(ports)) => write!(f, "UDP {ports}"),
            (Protocol::Tcp, None) => f.write_str("all TCP"),
            (Protocol::Udp, None) => f.write_str("all UDP"),
        }
    }
}

impl PortRange {
    /// Every port.
    pub const ALL: PortRange = PortRange { from: 0, to: 65535 };

    /// One port.
    pub fn single(port: u16) -> PortRange {
        PortRange {
            from: port,
            to: port,
        }
    }

    /// Whether every port of `other` is in this range.
    pub fn contains(&self, other: &PortRange) -> bool {
        self.from <= other.from && other.to <= self.to
    }

    /// Whether the two ranges share a port.
    pub fn overlaps(&self, other: &PortRange) -> bool {
        self.from <= other.to && other.from <= self.to
    }
}

impl std::fmt::Display for PortRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.from == self.to {
            write!(f, "{}", self.from)
        } else {
            write!(f, "{}-{}", self.from, self.to)
        }
    }
}

impl std::str::FromStr for PortRange {
    type Err = String;

    fn from_str(text: &str) -> Result<PortRange, String> {
        let port = |part: &str| {
            part.trim().parse::<u16>().map_err(|_| {
                format!("'{text}' is not a port range: use 443 or 1024-65535")
            })
        };
        let (from, to) = match text.split_once('-') {
            Some((from, to)) => (port(from)?, port(to)?),
            None => (port(text)?, port(text)?),
        };
        if from > to {
            return Err(format!(
                "'{text}' is not a port range: the first port is above the last"
            ));
        }
        Ok(PortRange { from, to })
    }
}

impl Serialize for PortRange {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PortRange {
    fn deserialize<D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Number(u16),
            Text(String),
        }
        match Written::deserialize(d)? {
            Written::Number(port) => Ok(PortRange::single(port)),
            Written::Text(text) => {
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    }
}

impl std::str::FromStr for Peer {
    type Err = String;

    /// The other side of a rule as people type it: a prefix list id
    /// (`pl-...`), an IPv4 or IPv6 block, or else a security group id.
    ///
    /// # Examples
    ///
    /// ```
    /// use mwaa_plan::Peer;
    ///
    /// assert_eq!("pl-63a5400a".parse(), Ok(Peer::PrefixList("pl-63a5400a".into())));
    /// assert_eq!("sg-mwaa".parse(), Ok(Peer::SecurityGroup("sg-mwaa".into())));
    /// assert!(matches!("::/0".parse(), Ok(Peer::Cidr(_))));
    /// assert_eq!(
    ///     "10.0.0.1/8".parse::<Peer>().unwrap_err(),
    ///     "'10.0.0.1/8' is not a network address: did you mean 10.0.0.0/8?",
    /// );
    /// ```
    fn from_str(text: &str) -> Result<Peer, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("say where the traffic comes from or goes to".into());
        }
        if text.starts_with("pl-") {
            return Ok(Peer::PrefixList(text.to_owned()));
        }
        if !text.contains('/') {
            return Ok(Peer::SecurityGroup(text.to_owned()));
        }
        if !text.contains(':') {
            return crate::cidr::parse_block(text)
                .map(|b| Peer::Cidr(b.into()));
        }
        match text.parse::<ipnet::Ipv6Net>() {
            Ok(block) if block.addr() == block.network() => {
                Ok(Peer::Cidr(block.into()))
            }
            Ok(block) => Err(format!(
                "'{text}' is not a network address: did you mean {}?",
                block.trunc()
            )),
            Err(_) => Err(format!("'{text}' is not an IPv6 block")),
        }
    }
}

impl std::fmt::Display for Destination {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Destination::Cidr(cidr) => write!(f, "{cidr}"),
            Destination::PrefixList(id) => f.write_str(id),
        }
    }
}

impl Destination {
    /// The default route's destination, `0.0.0.0/0`.
    pub fn default_route() -> Destination {
        Destination::Cidr(Ipv4Net::default())
    }

    /// Whether this is `0.0.0.0/0`.
    pub fn is_default_route(&self) -> bool {
        matches!(self, Destination::Cidr(cidr) if cidr.prefix_len() == 0)
    }
}

impl RouteTarget {
    /// The id of the plan part this target names, if it names one.
    pub fn part_id(&self) -> Option<&str> {
        match self {
            RouteTarget::InternetGateway(id)
            | RouteTarget::NatGateway(id)
            | RouteTarget::GatewayEndpoint(id) => Some(id),
            RouteTarget::Local | RouteTarget::Other(_) => None,
        }
    }
}

impl std::fmt::Display for RouteTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RouteTarget::Local => f.write_str("local"),
            RouteTarget::InternetGateway(id) => {
                write!(f, "internet gateway '{id}'")
            }
            RouteTarget::NatGateway(id) => write!(f, "NAT gateway '{id}'"),
            RouteTarget::GatewayEndpoint(id) => {
                write!(f, "gateway endpoint '{id}'")
            }
            RouteTarget::Other(what) => write!(f, "'{what}'"),
        }
    }
}

impl std::fmt::Display for Routing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Routing::Public => "public routing",
            Routing::Private => "private routing",
        })
    }
}

impl std::fmt::Display for EndpointKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            EndpointKind::Interface => "interface",
            EndpointKind::Gateway => "gateway",
        })
    }
}
