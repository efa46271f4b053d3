//! `duplicate-id`: no two parts of the plan share an id.

use std::collections::HashMap;

use super::{parts_by_kind, Kind};
use crate::finding::{Finding, Severity};
use crate::plan::Plan;
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks that every part's id is unique in the plan.
///
/// Why: parts refer to each other by id; a shared id makes every reference
/// to it ambiguous.
pub(crate) const RULE: Rule = Rule {
    code: "N703",
    name: "duplicate-id",
    severity: Severity::Error,
    summary: "Every part of the plan has an id of its own.",
    explanation: "Ids are how parts name each other: a subnet names its \
        route table, the environment its subnets, a route its NAT gateway. \
        When two parts share an id, every reference to it is ambiguous: the \
        checks follow the first part with the id and never look at the \
        other, and a template built from the plan gets two resources with \
        one logical id, which CloudFormation refuses. For example, a \
        subnet and a route table both called 'private-1' clash; call them \
        'subnet-private-1' and 'rtb-private-1'. There is no fix: renaming \
        one of the parts changes what the references to it mean, and only \
        you know which part each of them should name.",
    known_problems: "",
    docs: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-mwaa-environment.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let plan = topology.plan;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut repeated: Vec<&str> = Vec::new();
    for id in plan.ids() {
        let count = counts.entry(id).or_insert(0);
        *count += 1;
        if *count == 2 {
            repeated.push(id);
        }
    }
    if repeated.is_empty() {
        return;
    }

    let kinds = kinds_by_id(plan);
    for id in repeated {
        let holders = kinds.get(id).map_or(&[][..], Vec::as_slice);
        findings.push(duplicate(id, holders));
    }
}

/// The kinds of every part with each id, in plan order.
fn kinds_by_id(plan: &Plan) -> HashMap<&str, Vec<Kind>> {
    let mut kinds: HashMap<&str, Vec<Kind>> = HashMap::new();
    for (id, kind) in parts_by_kind(plan) {
        kinds.entry(id).or_default().push(kind);
    }
    kinds
}

fn duplicate(id: &str, holders: &[Kind]) -> Finding {
    let message = format!("'{id}' is the id of {}", counted(holders));
    let title = format!("Give each part named '{id}' an id of its own");
    RULE.finding(message, title).part(id)
}

/// The kinds counted in words: "2 subnets", "a subnet and a route table".
fn counted(kinds: &[Kind]) -> String {
    let mut distinct: Vec<Kind> = Vec::new();
    for kind in kinds {
        if !distinct.contains(kind) {
            distinct.push(*kind);
        }
    }
    let words: Vec<String> = distinct
        .into_iter()
        .map(|kind| match kinds.iter().filter(|k| **k == kind).count() {
            1 => kind.with_article(),
            n => format!("{n} {}s", kind.noun()),
        })
        .collect();
    match words.as_slice() {
        [rest @ .., last] if !rest.is_empty() => {
            format!("{} and {last}", rest.join(", "))
        }
        _ => words.concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::presets::{self, Preset::*};
    use crate::testing::{check_cases, fires, run, silent};

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "a subnet and a route table",
                    PublicInternet,
                    |p| p.route_tables[0].id = "subnet-public-1".into(),
                    &["subnet-public-1"],
                ),
                fires(
                    "two endpoints",
                    PrivateNewVpc,
                    |p| p.endpoints[1].id = p.endpoints[0].id.clone(),
                    &["vpce-s3"],
                ),
                fires(
                    "the VPC and a subnet",
                    PrivateExistingVpc,
                    |p| p.subnets[2].id = "vpc".into(),
                    &["vpc"],
                ),
                fires(
                    "the environment and the internet gateway",
                    PublicPrivateWebserver,
                    |p| p.internet_gateway.as_mut().unwrap().id = "env".into(),
                    &["env"],
                ),
                silent("ids differing in case", PublicInternet, |p| {
                    p.route_tables[0].id = "Subnet-Public-1".into()
                }),
                silent("every id unique", PrivateExistingVpc, |_| {}),
            ],
        );
    }

    #[test]
    fn kinds_are_counted_in_words() {
        use super::{counted, Kind::*};
        let cases: [(&[_], &str); 4] = [
            (&[Subnet, Subnet], "2 subnets"),
            (&[Subnet, RouteTable], "a subnet and a route table"),
            (&[Vpc, Endpoint, Endpoint], "the VPC and 2 endpoints"),
            (
                &[InternetGateway, NetworkAcl, NatGateway],
                "an internet gateway, a network ACL and a NAT gateway",
            ),
        ];
        for (kinds, expected) in cases {
            assert_eq!(counted(kinds), expected);
        }
    }

    #[test]
    fn one_finding_per_repeated_id() {
        let mut plan = presets::build(PrivateNewVpc);
        for endpoint in &mut plan.endpoints[..3] {
            endpoint.id = "vpce".into();
        }
        plan.subnets[1].id = "subnet-private-1".into();
        let messages: Vec<String> =
            run(&RULE, &plan).into_iter().map(|f| f.message).collect();
        assert_eq!(
            messages,
            [
                "'subnet-private-1' is the id of 2 subnets",
                "'vpce' is the id of 3 endpoints",
            ]
        );
    }
}
