//! From each preset, break one thing at a time: the right rule must fire,
//! name the right parts, and (where the remedy is mechanical) the offered
//! fixes must lead back to a plan without errors.

use mwaa_plan::network_acl::{Action, NetworkAclRule};
use mwaa_plan::presets::{self, Preset};
use mwaa_plan::{
    edit, rules, EndpointPolicy, Ownership, Peer, Plan, RouteTarget,
    SecurityGroup, SecurityGroupRule, Severity, Traffic, WebserverAccess,
};

use Preset::*;

/// Whether the fixes on offer are expected to clear every error.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Fixes {
    ClearErrors,
    LeaveAnError,
}

use Fixes::*;

struct Break {
    what: &'static str,
    preset: Preset,
    edit: fn(&mut Plan),
    rule: &'static str,
    parts: &'static [&'static str],
    fixes: Fixes,
}

const fn case(
    what: &'static str,
    preset: Preset,
    edit: fn(&mut Plan),
    rule: &'static str,
    parts: &'static [&'static str],
    fixes: Fixes,
) -> Break {
    Break {
        what,
        preset,
        edit,
        rule,
        parts,
        fixes,
    }
}

fn subnet<'p>(plan: &'p mut Plan, id: &str) -> &'p mut mwaa_plan::Subnet {
    plan.subnets.iter_mut().find(|s| s.id == id).unwrap()
}

fn table<'p>(plan: &'p mut Plan, id: &str) -> &'p mut mwaa_plan::RouteTable {
    plan.route_tables.iter_mut().find(|t| t.id == id).unwrap()
}

fn endpoint<'p>(plan: &'p mut Plan, id: &str) -> &'p mut mwaa_plan::Endpoint {
    plan.endpoints.iter_mut().find(|e| e.id == id).unwrap()
}

fn group<'p>(plan: &'p mut Plan, id: &str) -> &'p mut SecurityGroup {
    plan.security_groups
        .iter_mut()
        .find(|g| g.id == id)
        .unwrap()
}

fn acl_rule(number: u16, action: Action, traffic: Traffic) -> NetworkAclRule {
    NetworkAclRule {
        number,
        action,
        traffic,
        cidr: "0.0.0.0/0".parse().unwrap(),
    }
}

fn breaks() -> Vec<Break> {
    vec![
        case(
            "one env subnet",
            PublicInternet,
            |p| p.environment.subnets.truncate(1),
            "env-subnet-count",
            &["env"],
            ClearErrors,
        ),
        case(
            "env subnets in one zone",
            PublicInternet,
            |p| {
                subnet(p, "subnet-private-2").availability_zone =
                    "us-east-1a".into()
            },
            "env-subnets-same-az",
            &["subnet-private-2"],
            ClearErrors,
        ),
        case(
            "public env subnets",
            PublicInternet,
            |p| {
                p.environment.subnets =
                    vec!["subnet-public-1".into(), "subnet-public-2".into()]
            },
            "env-subnet-public",
            &["subnet-public-1", "subnet-public-2"],
            ClearErrors,
        ),
        case(
            "no security group",
            PrivateNewVpc,
            |p| p.environment.security_groups.clear(),
            "env-security-group-count",
            &["env"],
            ClearErrors,
        ),
        case(
            "zone of another region",
            PrivateNewVpc,
            |p| {
                subnet(p, "subnet-private-1").availability_zone =
                    "eu-west-1a".into()
            },
            "az-outside-region",
            &["subnet-private-1"],
            ClearErrors,
        ),
        case(
            "shared vpc, service endpoints",
            PrivateNewVpc,
            |p| p.vpc.ownership = Ownership::Shared,
            "shared-vpc-service-endpoints",
            &["vpc"],
            ClearErrors,
        ),
        case(
            "unknown region",
            PublicInternet,
            |p| p.region = "mars-north-1".into(),
            "region-unsupported",
            &[],
            LeaveAnError,
        ),
        case(
            "public web server, no internet",
            PrivateExistingVpc,
            |p| p.environment.webserver_access = WebserverAccess::Public,
            "public-webserver-without-internet",
            &["env"],
            ClearErrors,
        ),
        case(
            "max workers below min",
            PublicInternet,
            |p| p.environment.max_workers = 0,
            "environment-worker-counts",
            &["env"],
            ClearErrors,
        ),
        case(
            "public subnets in one zone",
            PublicInternet,
            |p| {
                subnet(p, "subnet-public-2").availability_zone =
                    "us-east-1a".into()
            },
            "public-subnet-count",
            &["subnet-public-2"],
            ClearErrors,
        ),
        case(
            "no internet gateway",
            PublicInternet,
            |p| p.internet_gateway = None,
            "igw-missing",
            &[],
            ClearErrors,
        ),
        case(
            "env subnet without default route",
            PublicInternet,
            |p| table(p, "rtb-private-1").routes.clear(),
            "nat-missing",
            &["subnet-private-1"],
            ClearErrors,
        ),
        case(
            "NAT without Elastic IP",
            PublicInternet,
            |p| p.nat_gateways[0].elastic_ip = false,
            "nat-not-in-public-subnet",
            &["nat-1"],
            ClearErrors,
        ),
        case(
            "one NAT for both zones",
            PublicInternet,
            |p| {
                table(p, "rtb-private-2").routes[0].target =
                    RouteTarget::NatGateway("nat-1".into())
            },
            "nat-cross-az",
            &["subnet-private-2", "nat-1"],
            ClearErrors,
        ),
        case(
            "internet route in private routing",
            PrivateNewVpc,
            |p| {
                p.internet_gateway = Some(mwaa_plan::InternetGateway {
                    id: "igw".into(),
                    name: "igw".into(),
                });
                table(p, "rtb-private").routes.push(
                    mwaa_plan::recommended::default_route(
                        RouteTarget::InternetGateway("igw".into()),
                    ),
                );
            },
            "internet-route-in-private-routing",
            &["subnet-private-1"],
            ClearErrors,
        ),
        case(
            "logs endpoint missing",
            PrivateNewVpc,
            |p| p.endpoints.retain(|e| e.id != "vpce-logs"),
            "endpoint-missing",
            &["subnet-private-1"],
            ClearErrors,
        ),
        case(
            "private DNS off",
            PrivateNewVpc,
            |p| endpoint(p, "vpce-kms").private_dns = false,
            "endpoint-private-dns-off",
            &["vpce-kms"],
            ClearErrors,
        ),
        case(
            "VPC DNS host names off",
            PrivateExistingVpc,
            |p| p.vpc.dns_hostnames = false,
            "endpoint-private-dns-off",
            &["vpc"],
            ClearErrors,
        ),
        case(
            "endpoint in one env subnet",
            PrivateNewVpc,
            |p| endpoint(p, "vpce-sqs").subnets.truncate(1),
            "endpoint-subnet-missing",
            &["vpce-sqs"],
            ClearErrors,
        ),
        case(
            "endpoint behind a closed group",
            PrivateNewVpc,
            |p| {
                p.security_groups.push(SecurityGroup {
                    id: "sg-closed".into(),
                    name: "closed".into(),
                    description: String::new(),
                    ingress: vec![],
                    egress: vec![],
                });
                endpoint(p, "vpce-ecr-api").security_groups =
                    vec!["sg-closed".into()];
            },
            "endpoint-security-group",
            &["vpce-ecr-api"],
            ClearErrors,
        ),
        case(
            "S3 endpoint off the env route table",
            PrivateNewVpc,
            |p| endpoint(p, "vpce-s3").route_tables.clear(),
            "s3-gateway-route-table",
            &["vpce-s3"],
            ClearErrors,
        ),
        case(
            "S3 policy without the image layers",
            PrivateNewVpc,
            |p| {
                endpoint(p, "vpce-s3").policy =
                    EndpointPolicy::Custom(serde_json::json!({
                        "Version": "2012-10-17",
                        "Statement": [{
                            "Effect": "Allow",
                            "Principal": "*",
                            "Action": "s3:GetObject",
                            "Resource": "arn:aws:s3:::my-dags/*"
                        }]
                    }))
            },
            "s3-gateway-policy",
            &["vpce-s3"],
            ClearErrors,
        ),
        case(
            "two logs endpoints with private DNS",
            PrivateNewVpc,
            |p| {
                let mut twin = endpoint(p, "vpce-logs").clone();
                twin.id = "vpce-logs-twin".into();
                p.endpoints.push(twin);
            },
            "endpoint-duplicate-private-dns",
            &["vpce-logs-twin"],
            ClearErrors,
        ),
        case(
            "no self-referencing rule",
            PublicInternet,
            |p| group(p, "sg-mwaa").ingress.clear(),
            "security-group-self-reference",
            &["sg-mwaa"],
            ClearErrors,
        ),
        case(
            "self rule for 443 only",
            PrivateNewVpc,
            |p| group(p, "sg-mwaa").ingress[0].traffic = Traffic::tcp(443, 443),
            "security-group-port-pair",
            &["sg-mwaa"],
            ClearErrors,
        ),
        case(
            "no outbound rule",
            PublicInternet,
            |p| group(p, "sg-mwaa").egress.clear(),
            "security-group-egress",
            &["sg-mwaa"],
            ClearErrors,
        ),
        case(
            "inbound from anywhere",
            PublicInternet,
            |p| {
                group(p, "sg-mwaa").ingress.push(SecurityGroupRule {
                    traffic: Traffic::tcp(22, 22),
                    peer: Peer::Cidr("0.0.0.0/0".parse().unwrap()),
                    description: String::new(),
                })
            },
            "security-group-open-ingress",
            &["sg-mwaa"],
            ClearErrors,
        ),
        case(
            "ACL denies the database port",
            PublicInternet,
            |p| {
                p.network_acls[0].ingress.push(acl_rule(
                    50,
                    Action::Deny,
                    Traffic::tcp(5432, 5432),
                ))
            },
            "nacl-blocks-service-ports",
            &["acl-mwaa"],
            ClearErrors,
        ),
        case(
            "ACL allows only the service ports out",
            PrivateNewVpc,
            |p| {
                p.network_acls[0].egress = vec![
                    acl_rule(100, Action::Allow, Traffic::tcp(443, 443)),
                    acl_rule(110, Action::Allow, Traffic::tcp(5432, 5432)),
                ]
            },
            "nacl-blocks-return-traffic",
            &["acl-mwaa"],
            ClearErrors,
        ),
        case(
            "deny-all before the allow",
            PrivateNewVpc,
            |p| {
                p.network_acls[0].egress.push(acl_rule(
                    50,
                    Action::Deny,
                    Traffic::ALL,
                ))
            },
            "nacl-deny-all-before-allow",
            &["acl-mwaa"],
            ClearErrors,
        ),
        case(
            "VPC block too large",
            PrivateNewVpc,
            |p| p.vpc.cidr_blocks[0] = "10.192.0.0/15".parse().unwrap(),
            "vpc-cidr-size",
            &["vpc"],
            ClearErrors,
        ),
        case(
            "secondary block in another private range",
            PrivateNewVpc,
            |p| p.vpc.cidr_blocks.push("192.168.0.0/16".parse().unwrap()),
            "secondary-cidr-restricted",
            &["vpc"],
            ClearErrors,
        ),
        case(
            "link-local secondary block",
            PublicInternet,
            |p| p.vpc.cidr_blocks.push("169.254.0.0/16".parse().unwrap()),
            "secondary-cidr-restricted",
            &["vpc"],
            ClearErrors,
        ),
        case(
            "subnet too small",
            PrivateNewVpc,
            |p| {
                subnet(p, "subnet-private-1").cidr =
                    "10.192.10.0/29".parse().unwrap()
            },
            "subnet-cidr-size",
            &["subnet-private-1"],
            ClearErrors,
        ),
        case(
            "subnet outside the VPC",
            PublicInternet,
            |p| {
                subnet(p, "subnet-public-1").cidr =
                    "10.193.10.0/24".parse().unwrap()
            },
            "subnet-outside-vpc",
            &["subnet-public-1"],
            ClearErrors,
        ),
        case(
            "overlapping subnets",
            PrivateExistingVpc,
            |p| {
                subnet(p, "subnet-app-3").cidr =
                    "10.40.32.0/23".parse().unwrap()
            },
            "subnet-overlap",
            &["subnet-app-1", "subnet-app-3"],
            ClearErrors,
        ),
        case(
            "route to a missing NAT",
            PublicInternet,
            |p| {
                table(p, "rtb-private-1").routes[0].target =
                    RouteTarget::NatGateway("nat-9".into())
            },
            "route-target-missing",
            &["rtb-private-1"],
            ClearErrors,
        ),
        case(
            "missing network ACL",
            PublicInternet,
            |p| {
                subnet(p, "subnet-private-1").network_acl =
                    Some("acl-gone".into())
            },
            "dangling-reference",
            &["subnet-private-1"],
            ClearErrors,
        ),
        case(
            "two parts with one id",
            PublicInternet,
            |p| p.nat_gateways[1].id = "nat-1".into(),
            "duplicate-id",
            &["nat-1"],
            LeaveAnError,
        ),
    ]
}

#[test]
fn every_preset_is_ready_without_warnings() {
    for preset in Preset::ALL {
        let report = rules::check(&presets::build(preset));
        let serious: Vec<&str> = report
            .findings
            .iter()
            .filter(|f| f.severity != Severity::Info)
            .map(|f| f.message.as_str())
            .collect();
        assert!(serious.is_empty(), "{preset:?}: {serious:#?}");
    }
}

#[test]
fn breaking_one_thing_fires_the_right_rule() {
    let mut failures = Vec::new();
    for case in breaks() {
        let mut plan = presets::build(case.preset);
        (case.edit)(&mut plan);
        let report = rules::check(&plan);
        let findings: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.rule == case.rule)
            .collect();
        if findings.is_empty() {
            failures.push(format!("{}: {} did not fire", case.what, case.rule));
            continue;
        }
        let named: Vec<&str> = findings
            .iter()
            .flat_map(|f| f.parts.iter().map(String::as_str))
            .collect();
        for part in case.parts {
            if !named.contains(part) {
                failures.push(format!(
                    "{}: {} named {named:?}, not '{part}'",
                    case.what, case.rule
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_offered_fixes_clear_every_error() {
    let mut failures = Vec::new();
    for case in breaks() {
        let mut plan = presets::build(case.preset);
        (case.edit)(&mut plan);
        edit::apply_all_fixes(&mut plan);
        let report = rules::check(&plan);
        let errors: Vec<_> = report.with_severity(Severity::Error).collect();

        let outcome = match errors.iter().any(|f| f.fix.is_none()) {
            _ if errors.is_empty() => ClearErrors,
            true => LeaveAnError,
            false => {
                failures.push(format!(
                    "{}: errors with fixes remain: {:?}",
                    case.what,
                    errors.iter().map(|f| &f.message).collect::<Vec<_>>()
                ));
                continue;
            }
        };
        if outcome != case.fixes {
            let left: Vec<_> = errors.iter().map(|f| &f.message).collect();
            failures.push(format!(
                "{}: expected {:?}, got {outcome:?} {left:?}",
                case.what, case.fixes
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn switching_routing_keeps_every_preset_ready() {
    for preset in Preset::ALL {
        let mut plan = presets::build(preset);
        let other = match plan.routing {
            mwaa_plan::Routing::Public => mwaa_plan::Routing::Private,
            mwaa_plan::Routing::Private => mwaa_plan::Routing::Public,
        };
        edit::set_routing(&mut plan, other).unwrap();
        let report = rules::check(&plan);
        let errors: Vec<_> = report
            .with_severity(Severity::Error)
            .map(|f| &f.message)
            .collect();
        assert!(errors.is_empty(), "{preset:?} to {other}: {errors:#?}");

        edit::set_routing(&mut plan, preset_routing(preset)).unwrap();
        assert!(rules::check(&plan).is_ready(), "{preset:?} and back");
    }
}

fn preset_routing(preset: Preset) -> mwaa_plan::Routing {
    presets::build(preset).routing
}
