//! Complete plans for the four situations of AWS's networking guide.
//!
//! Each preset passes every rule without an error or a warning. The networks
//! follow AWS's reference templates for MWAA (VPC `10.192.0.0/16`, public
//! subnets `10.192.10.0/24` and `10.192.11.0/24`, private subnets
//! `10.192.20.0/24` and `10.192.21.0/24`) where they apply.

use crate::plan::{
    EndpointManagement, Environment, InternetGateway, NatGateway, Ownership,
    Plan, Provenance, Route, RouteTable, RouteTarget, Routing, Subnet, Vpc,
    WebserverAccess,
};
use crate::recommended;
use crate::service;

/// A starting point for a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Preset {
    /// Internet access allowed, web server reachable from the internet.
    PublicInternet,
    /// Internet access allowed, web server reachable only from the VPC.
    PublicPrivateWebserver,
    /// No internet access, in a new VPC with every endpoint MWAA needs.
    PrivateNewVpc,
    /// No internet access, in an existing VPC that reaches the corporate
    /// network through a transit gateway; the plan adds the endpoints and
    /// the security group.
    PrivateExistingVpc,
}

impl Preset {
    /// Every preset.
    pub const ALL: [Preset; 4] = [
        Preset::PublicInternet,
        Preset::PublicPrivateWebserver,
        Preset::PrivateNewVpc,
        Preset::PrivateExistingVpc,
    ];

    /// The name used on the command line, such as `public-internet`.
    pub fn name(self) -> &'static str {
        match self {
            Preset::PublicInternet => "public-internet",
            Preset::PublicPrivateWebserver => "public-private-webserver",
            Preset::PrivateNewVpc => "private-new-vpc",
            Preset::PrivateExistingVpc => "private-existing-vpc",
        }
    }

    /// The preset with this name.
    pub fn from_name(name: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|preset| preset.name() == name)
    }

    /// What the preset is for, and which findings it keeps on purpose.
    pub fn description(self) -> &'static str {
        match self {
            Preset::PublicInternet => {
                "Internet access allowed, web server on the public network. \
                 Two public subnets hold a NAT gateway each; the environment \
                 runs in two private subnets whose default routes use the NAT \
                 gateway of their own Availability Zone. Only reminders \
                 remain."
            }
            Preset::PublicPrivateWebserver => {
                "Internet access allowed, web server on the private network: \
                 the same network as public-internet, with the web server \
                 reached only from inside the VPC. The reminder that users \
                 need a way in (Client VPN, bastion host or load balancer) \
                 stays, since the plan cannot provide one."
            }
            Preset::PrivateNewVpc => {
                "No internet access, new VPC. Two private subnets share a \
                 route table with only the local route; an S3 gateway \
                 endpoint and the interface endpoints MWAA needs, with \
                 private DNS, serve the environment. The web server is on \
                 the private network, so the reminder about a way in stays."
            }
            Preset::PrivateExistingVpc => {
                "No internet access, existing VPC. The VPC and its subnets \
                 exist and reach the corporate network through a transit \
                 gateway; the plan adds the environment's security group and \
                 the VPC endpoints. The reminder about a way in to the \
                 private web server stays."
            }
        }
    }
}

/// The plan of a preset.
///
/// # Examples
///
/// ```
/// use mwaa_plan::presets::{self, Preset};
///
/// let plan = presets::build(Preset::PrivateNewVpc);
/// assert_eq!(plan.environment.subnets, ["subnet-private-1", "subnet-private-2"]);
/// ```
pub fn build(preset: Preset) -> Plan {
    match preset {
        Preset::PublicInternet => public_network(WebserverAccess::Public),
        Preset::PublicPrivateWebserver => {
            public_network(WebserverAccess::Private)
        }
        Preset::PrivateNewVpc => private_new_vpc(),
        Preset::PrivateExistingVpc => private_existing_vpc(),
    }
}

/// The public-internet preset grown to `subnets` subnets in all, for
/// measuring how checks scale: the extra subnets are /26 blocks spread over
/// four of the Region's zones, on the private route tables of the
/// environment's zones or the public route table.
/// A /16 holds at most 1,008 such subnets beside the preset's four.
///
/// # Examples
///
/// ```
/// use mwaa_plan::presets;
/// use mwaa_plan::rules;
///
/// let plan = presets::scaled(100);
/// assert_eq!(plan.subnets.len(), 100);
/// assert!(rules::check(&plan).is_ready());
/// ```
pub fn scaled(subnets: usize) -> Plan {
    let mut plan = build(Preset::PublicInternet);
    let zones = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"];
    let taken: Vec<ipnet::Ipv4Net> =
        plan.subnets.iter().map(|s| s.cidr).collect();
    let extra = subnets.saturating_sub(plan.subnets.len());
    let blocks = crate::cidr::carve(plan.vpc.cidr_blocks[0], 26, extra, &taken)
        .unwrap_or_default();

    for (index, cidr) in blocks.into_iter().enumerate() {
        let zone = zones[index % zones.len()];
        let table = match index % zones.len() {
            0 => "rtb-private-1",
            1 => "rtb-private-2",
            _ => "rtb-public",
        };
        let n = index + 1;
        plan.subnets.push(Subnet {
            id: format!("subnet-extra-{n}"),
            name: format!("extra-{n}"),
            availability_zone: zone.to_owned(),
            cidr,
            route_table: Some(table.to_owned()),
            network_acl: Some(NETWORK_ACL.to_owned()),
        });
    }
    plan
}

/// A plan to build from nothing: a VPC with the environment's security
/// group and network ACL, private routing, and no subnets yet. It is not
/// ready for MWAA until subnets and endpoints are added; the findings say
/// what to add.
///
/// # Examples
///
/// ```
/// use mwaa_plan::{presets, rules};
///
/// let plan = presets::blank();
/// assert!(plan.subnets.is_empty());
/// assert!(!rules::check(&plan).is_ready());
/// ```
pub fn blank() -> Plan {
    skeleton("mwaa", Routing::Private, WebserverAccess::Private)
}

const REGION: &str = "us-east-1";
const ZONES: [&str; 2] = ["us-east-1a", "us-east-1b"];
const SECURITY_GROUP: &str = "sg-mwaa";
const NETWORK_ACL: &str = "acl-mwaa";

fn public_network(webserver_access: WebserverAccess) -> Plan {
    let mut plan = skeleton("mwaa-public", Routing::Public, webserver_access);
    plan.internet_gateway = Some(InternetGateway {
        id: "igw".to_owned(),
        name: "mwaa-igw".to_owned(),
    });
    plan.route_tables.push(RouteTable {
        id: "rtb-public".to_owned(),
        name: "mwaa-public".to_owned(),
        routes: vec![recommended::default_route(RouteTarget::InternetGateway(
            "igw".to_owned(),
        ))],
    });

    for (index, zone) in ZONES.into_iter().enumerate() {
        let n = index + 1;
        let public = subnet(
            &format!("subnet-public-{n}"),
            &format!("mwaa-public-{n}"),
            zone,
            &format!("10.192.1{index}.0/24"),
            "rtb-public",
        );
        let nat = NatGateway {
            id: format!("nat-{n}"),
            name: format!("mwaa-nat-{n}"),
            subnet: public.id.clone(),
            elastic_ip: true,
        };
        let table = RouteTable {
            id: format!("rtb-private-{n}"),
            name: format!("mwaa-private-{n}"),
            routes: vec![recommended::default_route(RouteTarget::NatGateway(
                nat.id.clone(),
            ))],
        };
        let private = subnet(
            &format!("subnet-private-{n}"),
            &format!("mwaa-private-{n}"),
            zone,
            &format!("10.192.2{index}.0/24"),
            &table.id,
        );
        plan.environment.subnets.push(private.id.clone());
        plan.subnets.push(public);
        plan.route_tables.push(table);
        plan.nat_gateways.push(nat);
        plan.subnets.push(private);
    }
    sort_subnets(&mut plan);
    plan
}

fn private_new_vpc() -> Plan {
    let mut plan =
        skeleton("mwaa-private", Routing::Private, WebserverAccess::Private);
    plan.route_tables.push(RouteTable {
        id: "rtb-private".to_owned(),
        name: "mwaa-private".to_owned(),
        routes: Vec::new(),
    });
    for (index, zone) in ZONES.into_iter().enumerate() {
        let n = index + 1;
        let private = subnet(
            &format!("subnet-private-{n}"),
            &format!("mwaa-private-{n}"),
            zone,
            &format!("10.192.1{index}.0/24"),
            "rtb-private",
        );
        plan.environment.subnets.push(private.id.clone());
        plan.subnets.push(private);
    }
    add_required_endpoints(&mut plan);
    plan
}

fn private_existing_vpc() -> Plan {
    let mut plan = skeleton(
        "analytics-airflow",
        Routing::Private,
        WebserverAccess::Private,
    );
    plan.vpc.name = "corp-analytics".to_owned();
    plan.vpc.cidr_blocks = vec!["10.40.0.0/16".parse().expect("a block")];
    plan.vpc.provenance = Provenance::Existing;
    plan.route_tables.push(RouteTable {
        id: "rtb-corp".to_owned(),
        name: "corp-analytics-private".to_owned(),
        routes: vec![Route {
            destination: crate::plan::Destination::Cidr(
                "10.0.0.0/8".parse().expect("a block"),
            ),
            target: RouteTarget::Other(
                "transit gateway to the corporate network".to_owned(),
            ),
        }],
    });
    let zones = ["us-east-1a", "us-east-1b", "us-east-1c"];
    for (index, zone) in zones.into_iter().enumerate() {
        let n = index + 1;
        plan.subnets.push(subnet(
            &format!("subnet-app-{n}"),
            &format!("corp-analytics-app-{n}"),
            zone,
            &format!("10.40.{}.0/24", 32 + index),
            "rtb-corp",
        ));
    }
    plan.environment.subnets =
        vec!["subnet-app-1".to_owned(), "subnet-app-2".to_owned()];
    add_required_endpoints(&mut plan);
    plan
}

/// A plan with a VPC, the environment's security group and network ACL, and
/// an environment with no subnets yet.
fn skeleton(
    name: &str,
    routing: Routing,
    webserver_access: WebserverAccess,
) -> Plan {
    Plan {
        name: name.to_owned(),
        region: REGION.to_owned(),
        routing,
        vpc: Vpc {
            id: "vpc".to_owned(),
            name: format!("{name}-vpc"),
            cidr_blocks: vec!["10.192.0.0/16".parse().expect("a block")],
            dns_support: true,
            dns_hostnames: true,
            provenance: Provenance::New,
            ownership: Ownership::Owned,
        },
        internet_gateway: None,
        subnets: Vec::new(),
        route_tables: Vec::new(),
        nat_gateways: Vec::new(),
        security_groups: vec![recommended::environment_security_group(
            SECURITY_GROUP,
            &format!("{name}-environment"),
        )],
        network_acls: vec![recommended::allow_all_network_acl(
            NETWORK_ACL,
            &format!("{name}-acl"),
        )],
        endpoints: Vec::new(),
        environment: Environment {
            id: "env".to_owned(),
            name: name.to_owned(),
            subnets: Vec::new(),
            security_groups: vec![SECURITY_GROUP.to_owned()],
            webserver_access,
            endpoint_management: EndpointManagement::Service,
            environment_class: "mw1.small".to_owned(),
            min_workers: 1,
            max_workers: 10,
            max_webservers: 2,
            schedulers: 2,
            dag_bucket: None,
        },
    }
}

fn subnet(
    id: &str,
    name: &str,
    zone: &str,
    cidr: &str,
    route_table: &str,
) -> Subnet {
    Subnet {
        id: id.to_owned(),
        name: name.to_owned(),
        availability_zone: zone.to_owned(),
        cidr: cidr.parse().expect("presets hold valid blocks"),
        route_table: Some(route_table.to_owned()),
        network_acl: Some(NETWORK_ACL.to_owned()),
    }
}

/// Puts public subnets before private ones, as AWS's templates list them.
fn sort_subnets(plan: &mut Plan) {
    plan.subnets.sort_by_key(|subnet| subnet.cidr);
}

/// Adds every endpoint MWAA needs under private routing.
fn add_required_endpoints(plan: &mut Plan) {
    let region = crate::region::find(&plan.region).expect("a known region");
    for required in service::required(region) {
        let endpoint = recommended::required_endpoint(plan, required);
        plan.endpoints.push(endpoint);
    }
}
