//! Rules: references between parts.

use std::collections::HashMap;

use super::Rule;
use crate::plan::Plan;

mod dangling_reference;
mod duplicate_id;
mod route_target_missing;

pub(super) const RULES: &[&Rule] = &[
    &route_target_missing::RULE,
    &dangling_reference::RULE,
    &duplicate_id::RULE,
];

/// The kinds of part a plan holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Vpc,
    Environment,
    InternetGateway,
    Subnet,
    RouteTable,
    NatGateway,
    SecurityGroup,
    NetworkAcl,
    Endpoint,
}

impl Kind {
    /// The kind in words, as in "route table 'rtb-1'".
    fn noun(self) -> &'static str {
        match self {
            Kind::Vpc => "VPC",
            Kind::Environment => "environment",
            Kind::InternetGateway => "internet gateway",
            Kind::Subnet => "subnet",
            Kind::RouteTable => "route table",
            Kind::NatGateway => "NAT gateway",
            Kind::SecurityGroup => "security group",
            Kind::NetworkAcl => "network ACL",
            Kind::Endpoint => "endpoint",
        }
    }

    /// The kind with its article, as in "it is an internet gateway".
    fn with_article(self) -> String {
        match self {
            Kind::Vpc | Kind::Environment => format!("the {}", self.noun()),
            Kind::InternetGateway | Kind::Endpoint => {
                format!("an {}", self.noun())
            }
            _ => format!("a {}", self.noun()),
        }
    }
}

/// Every part's id with its kind, in the order [`Plan::ids`] lists them.
fn parts_by_kind(plan: &Plan) -> Vec<(&str, Kind)> {
    let mut parts = vec![
        (plan.vpc.id.as_str(), Kind::Vpc),
        (plan.environment.id.as_str(), Kind::Environment),
    ];
    if let Some(gateway) = &plan.internet_gateway {
        parts.push((&gateway.id, Kind::InternetGateway));
    }
    extend(&mut parts, plan.subnets.iter().map(|p| &p.id), Kind::Subnet);
    extend(
        &mut parts,
        plan.route_tables.iter().map(|p| &p.id),
        Kind::RouteTable,
    );
    extend(
        &mut parts,
        plan.nat_gateways.iter().map(|p| &p.id),
        Kind::NatGateway,
    );
    extend(
        &mut parts,
        plan.security_groups.iter().map(|p| &p.id),
        Kind::SecurityGroup,
    );
    extend(
        &mut parts,
        plan.network_acls.iter().map(|p| &p.id),
        Kind::NetworkAcl,
    );
    extend(
        &mut parts,
        plan.endpoints.iter().map(|p| &p.id),
        Kind::Endpoint,
    );
    parts
}

fn extend<'p>(
    parts: &mut Vec<(&'p str, Kind)>,
    ids: impl Iterator<Item = &'p String>,
    kind: Kind,
) {
    parts.extend(ids.map(|id| (id.as_str(), kind)));
}

/// The kind of the first part with each id.
fn kind_by_id(plan: &Plan) -> HashMap<&str, Kind> {
    let mut kinds = HashMap::new();
    for (id, kind) in parts_by_kind(plan) {
        kinds.entry(id).or_insert(kind);
    }
    kinds
}

#[cfg(test)]
mod tests {
    use super::RULES;
    use crate::plan::{Plan, RouteTarget};
    use crate::presets::{self, Preset};
    use crate::recommended::default_route;
    use crate::testing::run;

    fn group_findings(plan: &Plan) -> Vec<crate::Finding> {
        RULES.iter().flat_map(|rule| run(rule, plan)).collect()
    }

    #[test]
    fn presets_pass_the_group() {
        for preset in Preset::ALL {
            let findings = group_findings(&presets::build(preset));
            assert_eq!(findings, [], "{}", preset.name());
        }
    }

    #[test]
    fn fixes_mend_a_broken_plan_together() {
        let mut plan = presets::build(Preset::PublicInternet);
        plan.nat_gateways.retain(|nat| nat.id != "nat-1");
        plan.route_tables[0].routes.push(default_route(
            RouteTarget::InternetGateway("igw-old".into()),
        ));
        plan.subnets[3].route_table = Some("rtb-9".into());
        plan.environment.security_groups.push("sg-9".into());
        plan.environment.subnets.push("subnet-9".into());

        let fixes: Vec<_> = group_findings(&plan)
            .into_iter()
            .map(|finding| finding.fix.unwrap())
            .collect();
        assert_eq!(fixes.len(), 5);
        for fix in &fixes {
            plan.apply(fix).unwrap();
        }
        assert_eq!(group_findings(&plan), []);
    }
}
