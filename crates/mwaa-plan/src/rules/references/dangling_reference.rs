//! `dangling-reference`: every id a part names is the id of a part of the
//! right kind.

use std::collections::HashMap;

use super::{kind_by_id, Kind};
use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::{
    Endpoint, Environment, NatGateway, Peer, SecurityGroup, SecurityGroupRule,
    Subnet,
};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks the ids that parts name (a subnet's route table and
/// network ACL, a NAT gateway's subnet, an endpoint's subnets, security
/// groups and route tables, the environment's subnets and security groups,
/// the security groups security group rules name) against the plan's parts.
///
/// Why: a reference to nothing cannot be built, and the other rules cannot
/// judge what they cannot find.
pub(crate) const RULE: Rule = Rule {
    code: "N702",
    name: "dangling-reference",
    severity: Severity::Error,
    summary: "Every route table, network ACL, subnet and security group a \
        part names is in the plan.",
    explanation: "Parts refer to each other by id. When the id names no \
        part, or a part of another kind, the reference is dangling: the \
        template or command that builds it fails, and the other checks \
        silently skip what they cannot find, so the plan looks better than \
        it is. This happens when a part is deleted or renamed while others \
        still name it. For example, a subnet whose route table is \
        'rtb-private-9' when the plan's tables are 'rtb-private-1' and \
        'rtb-private-2' is dangling; name one of those. The fix removes the \
        reference: a subnet then uses the VPC's main route table or \
        default network ACL, a list loses the entry, and a security group \
        rule naming a missing group is dropped; it mends every dangling \
        reference of the part at once. A NAT gateway in a missing subnet \
        has no fix: choose its subnet.",
    known_problems: "Removing a reference can make another rule fire: an \
        environment left with one subnet or no security group is reported \
        by the rules on the environment's shape, which offer their own \
        fixes.",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/networking-about.html",
    check,
};

/// An id a part names that finds no part of the kind it wants.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Dangling<'p> {
    id: &'p str,
    wanted: Kind,
}

/// What a check needs to judge references: the plan's parts by id.
struct References<'t, 'p> {
    topology: &'t Topology<'p>,
    kinds: HashMap<&'p str, Kind>,
}

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let references = References {
        topology,
        kinds: kind_by_id(topology.plan),
    };
    let plan = topology.plan;
    for subnet in &plan.subnets {
        references.check_subnet(subnet, findings);
    }
    for nat in &plan.nat_gateways {
        references.check_nat(nat, findings);
    }
    for endpoint in &plan.endpoints {
        references.check_endpoint(endpoint, findings);
    }
    for group in &plan.security_groups {
        references.check_security_group(group, findings);
    }
    references.check_environment(&plan.environment, findings);
}

impl<'p> References<'_, 'p> {
    fn check_subnet(&self, subnet: &'p Subnet, findings: &mut Vec<Finding>) {
        let table = subnet.route_table.as_deref();
        let acl = subnet.network_acl.as_deref();
        let dangling =
            self.dangling([(table, Kind::RouteTable), (acl, Kind::NetworkAcl)]);
        if dangling.is_empty() {
            return;
        }
        let is_dangling = |id: &Option<String>| {
            dangling.iter().any(|d| Some(d.id) == id.as_deref())
        };
        let mut fixed = subnet.clone();
        if is_dangling(&subnet.route_table) {
            fixed.route_table = None;
        }
        if is_dangling(&subnet.network_acl) {
            fixed.network_acl = None;
        }
        let fix = Some(Fix::put(fixed));
        self.report(Kind::Subnet, &subnet.id, &dangling, fix, findings);
    }

    fn check_nat(&self, nat: &'p NatGateway, findings: &mut Vec<Finding>) {
        let dangling = self.dangling([(Some(&*nat.subnet), Kind::Subnet)]);
        self.report(Kind::NatGateway, &nat.id, &dangling, None, findings);
    }

    fn check_endpoint(
        &self,
        endpoint: &'p Endpoint,
        findings: &mut Vec<Finding>,
    ) {
        let dangling = self.dangling(
            named(&endpoint.subnets, Kind::Subnet)
                .chain(named(&endpoint.security_groups, Kind::SecurityGroup))
                .chain(named(&endpoint.route_tables, Kind::RouteTable)),
        );
        if dangling.is_empty() {
            return;
        }
        let mut fixed = endpoint.clone();
        retain_ids(&mut fixed.subnets, &dangling);
        retain_ids(&mut fixed.security_groups, &dangling);
        retain_ids(&mut fixed.route_tables, &dangling);
        let fix = Some(Fix::put(fixed));
        self.report(Kind::Endpoint, &endpoint.id, &dangling, fix, findings);
    }

    fn check_security_group(
        &self,
        group: &'p SecurityGroup,
        findings: &mut Vec<Finding>,
    ) {
        let peers = group
            .ingress
            .iter()
            .chain(&group.egress)
            .filter_map(peer_group)
            .map(|id| (Some(id), Kind::SecurityGroup));
        let dangling = self.dangling(peers);
        if dangling.is_empty() {
            return;
        }
        let keep = |rule: &SecurityGroupRule| {
            peer_group(rule)
                .is_none_or(|id| dangling.iter().all(|d| d.id != id))
        };
        let mut fixed = group.clone();
        fixed.ingress.retain(keep);
        fixed.egress.retain(keep);
        let fix = Some(Fix::put(fixed));
        self.report(Kind::SecurityGroup, &group.id, &dangling, fix, findings);
    }

    fn check_environment(
        &self,
        environment: &'p Environment,
        findings: &mut Vec<Finding>,
    ) {
        let dangling =
            self.dangling(named(&environment.subnets, Kind::Subnet).chain(
                named(&environment.security_groups, Kind::SecurityGroup),
            ));
        if dangling.is_empty() {
            return;
        }
        let mut fixed = environment.clone();
        retain_ids(&mut fixed.subnets, &dangling);
        retain_ids(&mut fixed.security_groups, &dangling);
        let fix = Some(Fix::put(fixed));
        let id = &environment.id;
        self.report(Kind::Environment, id, &dangling, fix, findings);
    }

    /// The references among `named` that find nothing of the kind they
    /// want, each once.
    fn dangling(
        &self,
        named: impl IntoIterator<Item = (Option<&'p str>, Kind)>,
    ) -> Vec<Dangling<'p>> {
        let mut dangling: Vec<Dangling<'p>> = Vec::new();
        for (id, wanted) in named {
            let Some(id) = id else { continue };
            let reference = Dangling { id, wanted };
            if !self.exists(id, wanted) && !dangling.contains(&reference) {
                dangling.push(reference);
            }
        }
        dangling
    }

    fn exists(&self, id: &str, kind: Kind) -> bool {
        let topology = self.topology;
        match kind {
            Kind::Subnet => topology.subnet(id).is_some(),
            Kind::RouteTable => topology.route_table(id).is_some(),
            Kind::SecurityGroup => topology.security_group(id).is_some(),
            Kind::NetworkAcl => topology.network_acl(id).is_some(),
            _ => self.kinds.get(id) == Some(&kind),
        }
    }

    /// One finding per dangling reference of a part, each offering the fix
    /// that mends them all.
    fn report(
        &self,
        kind: Kind,
        id: &str,
        dangling: &[Dangling<'_>],
        fix: Option<Fix>,
        findings: &mut Vec<Finding>,
    ) {
        for reference in dangling {
            let found = self.kinds.get(reference.id);
            let why = match found {
                None => "which the plan does not have".to_owned(),
                Some(other) => format!("which is {}", other.with_article()),
            };
            let message = format!(
                "{} '{id}' names {} '{}', {why}",
                kind.noun(),
                reference.wanted.noun(),
                reference.id
            );
            let title = title(id, dangling, fix.is_some());
            let mut finding = RULE
                .finding(message, title)
                .part(id)
                .parts(found.map(|_| reference.id));
            if let Some(fix) = &fix {
                finding = finding.fix(fix.clone());
            }
            findings.push(finding);
        }
    }
}

fn title(id: &str, dangling: &[Dangling<'_>], fixed: bool) -> String {
    match (fixed, dangling) {
        (false, _) => {
            format!("Choose a {} of the plan for '{id}'", kind_wanted(dangling))
        }
        (true, [only]) => {
            format!("Remove the reference to '{}' from '{id}'", only.id)
        }
        (true, _) => format!(
            "Remove the {} dangling references from '{id}'",
            dangling.len()
        ),
    }
}

/// What the references want, in words, for a title.
fn kind_wanted(dangling: &[Dangling<'_>]) -> &'static str {
    dangling.first().map_or("part", |d| d.wanted.noun())
}

/// The ids of a list, each with the kind it must name.
fn named(
    ids: &[String],
    kind: Kind,
) -> impl Iterator<Item = (Option<&str>, Kind)> {
    ids.iter().map(move |id| (Some(id.as_str()), kind))
}

/// The security group a rule names as its peer, if it names one.
fn peer_group(rule: &SecurityGroupRule) -> Option<&str> {
    match &rule.peer {
        Peer::SecurityGroup(id) => Some(id),
        Peer::Cidr(_) | Peer::PrefixList(_) => None,
    }
}

/// Removes the dangling ids from a list of ids.
fn retain_ids(ids: &mut Vec<String>, dangling: &[Dangling<'_>]) {
    ids.retain(|id| dangling.iter().all(|d| d.id != id));
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::plan::{Peer, Plan, SecurityGroupRule, Traffic};
    use crate::presets::{self, Preset::*};
    use crate::testing::{check_cases, fires, run, silent};

    fn subnet<'p>(plan: &'p mut Plan, id: &str) -> &'p mut crate::Subnet {
        plan.subnets.iter_mut().find(|s| s.id == id).unwrap()
    }

    fn endpoint<'p>(plan: &'p mut Plan, id: &str) -> &'p mut crate::Endpoint {
        plan.endpoints.iter_mut().find(|e| e.id == id).unwrap()
    }

    fn from_group(id: &str) -> SecurityGroupRule {
        SecurityGroupRule {
            traffic: Traffic::tcp(443, 443),
            peer: Peer::SecurityGroup(id.into()),
            description: String::new(),
        }
    }

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "subnet's route table missing",
                    PublicInternet,
                    |p| {
                        subnet(p, "subnet-private-1").route_table =
                            Some("rtb-9".into())
                    },
                    &["subnet-private-1"],
                ),
                fires(
                    "network ACL removed",
                    PrivateNewVpc,
                    |p| p.network_acls.clear(),
                    &["subnet-private-1", "subnet-private-2"],
                ),
                fires(
                    "route table names a security group",
                    PublicPrivateWebserver,
                    |p| {
                        subnet(p, "subnet-public-1").route_table =
                            Some("sg-mwaa".into())
                    },
                    &["subnet-public-1", "sg-mwaa"],
                ),
                fires(
                    "NAT gateway in a missing subnet, no fix",
                    PublicInternet,
                    |p| p.nat_gateways[0].subnet = "subnet-gone".into(),
                    &["nat-1"],
                ),
                fires(
                    "endpoint in a missing subnet",
                    PrivateNewVpc,
                    |p| {
                        endpoint(p, "vpce-logs").subnets.push("subnet-9".into())
                    },
                    &["vpce-logs"],
                ),
                fires(
                    "endpoint with a missing security group",
                    PrivateExistingVpc,
                    |p| {
                        endpoint(p, "vpce-sqs").security_groups =
                            vec!["sg-9".into()]
                    },
                    &["vpce-sqs"],
                ),
                fires(
                    "gateway endpoint on a missing route table",
                    PrivateNewVpc,
                    |p| {
                        endpoint(p, "vpce-s3").route_tables.push("rtb-9".into())
                    },
                    &["vpce-s3"],
                ),
                fires(
                    "environment names a missing subnet",
                    PrivateExistingVpc,
                    |p| p.environment.subnets[1] = "subnet-app-9".into(),
                    &["env"],
                ),
                fires(
                    "environment names two missing parts",
                    PublicInternet,
                    |p| {
                        p.environment.subnets.push("subnet-9".into());
                        p.environment.security_groups.push("sg-9".into());
                    },
                    &["env"],
                ),
                fires(
                    "environment subnet is a route table",
                    PrivateNewVpc,
                    |p| p.environment.subnets[0] = "rtb-private".into(),
                    &["env", "rtb-private"],
                ),
                fires(
                    "rule names a missing group",
                    PublicInternet,
                    |p| {
                        p.security_groups[0].ingress.push(from_group("sg-9"));
                        p.security_groups[0].egress.push(from_group("sg-9"));
                    },
                    &["sg-mwaa"],
                ),
                silent("every reference found", PublicInternet, |_| {}),
                silent(
                    "main route table and default ACL",
                    PrivateNewVpc,
                    |p| {
                        let subnet = subnet(p, "subnet-private-1");
                        subnet.route_table = None;
                        subnet.network_acl = None;
                    },
                ),
                silent("rule names its own group", PrivateExistingVpc, |p| {
                    p.security_groups[0].ingress.push(from_group("sg-mwaa"))
                }),
            ],
        );
    }

    #[test]
    fn one_finding_per_dangling_id() {
        let mut plan = presets::build(PublicInternet);
        plan.security_groups[0].ingress.push(from_group("sg-9"));
        plan.security_groups[0].egress.push(from_group("sg-9"));
        plan.environment.security_groups.push("sg-9".into());
        let messages: Vec<String> =
            run(&RULE, &plan).into_iter().map(|f| f.message).collect();
        assert_eq!(
            messages,
            [
                "security group 'sg-mwaa' names security group 'sg-9', \
                 which the plan does not have",
                "environment 'env' names security group 'sg-9', which the \
                 plan does not have",
            ]
        );
    }

    #[test]
    fn fix_drops_only_rules_naming_the_missing_group() {
        let mut plan = presets::build(PublicInternet);
        plan.security_groups[0].ingress.push(from_group("sg-9"));
        let findings = run(&RULE, &plan);
        plan.apply(findings[0].fix.as_ref().unwrap()).unwrap();
        assert_eq!(plan, presets::build(PublicInternet));
    }
}
