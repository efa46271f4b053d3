//! `env-security-group-count`: the environment has one to five security
//! groups.

use super::quoted;
use crate::finding::{Finding, Severity};
use crate::fix::{Edit, Fix};
use crate::plan::Routing;
use crate::recommended;
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks that the environment names between one and five
/// security groups.
///
/// Why: MWAA's API and the CloudFormation schema accept one to five
/// security group ids; the groups are what lets the environment's
/// containers talk to each other and to its database.
pub(crate) const RULE: Rule = Rule {
    code: "N104",
    name: "env-security-group-count",
    severity: Severity::Error,
    summary: "The environment has one to five security groups.",
    explanation: "MWAA attaches the environment's security groups to every \
        network interface it creates: schedulers, workers, web servers and \
        its own VPC endpoints. At least one group is needed, with an \
        inbound rule admitting the group itself, or the containers cannot \
        reach each other or the metadata database; more than five are \
        refused, as for any network interface. For example, an environment \
        created with no security group: give it one that admits all \
        traffic from itself and allows all outbound traffic.",
    known_problems: "",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/vpc-security.html",
    check,
};

/// The most security groups the environment accepts.
const MOST: usize = 5;

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let groups = &topology.plan.environment.security_groups;
    match groups.len() {
        0 => findings.push(none(topology)),
        count if count > MOST => findings.push(too_many(topology)),
        _ => {}
    }
}

/// No security group: adds one as AWS recommends and uses it, on the
/// interface endpoints too under private routing, where they must admit
/// the environment.
fn none(topology: &Topology<'_>) -> Finding {
    let plan = topology.plan;
    let environment = &plan.environment;
    let id = plan.unique_id("sg-mwaa");
    let name = format!("{}-environment", environment.name);
    let group = recommended::environment_security_group(&id, &name);

    let mut mended = environment.clone();
    mended.security_groups = vec![id.clone()];
    let mut fix = Fix::put(group).then_put(mended);
    if plan.routing == Routing::Private {
        fix.edits.extend(endpoints_admitting(topology, &id));
    }

    let message = "the environment has no security group; MWAA needs 1 to \
                   5, one of them admitting the environment itself";
    let title = format!("Add the security group '{id}' and use it");
    RULE.finding(message, title).part(&environment.id).fix(fix)
}

/// The interface endpoints, with the security group `id` added where they
/// have room for it.
fn endpoints_admitting(topology: &Topology<'_>, id: &str) -> Vec<Edit> {
    topology
        .interface_endpoints()
        .filter(|endpoint| endpoint.security_groups.len() < MOST)
        .map(|endpoint| {
            let mut endpoint = endpoint.clone();
            endpoint.security_groups.push(id.to_owned());
            Edit::Put(endpoint.into())
        })
        .collect()
}

/// More than five: keeps the first five.
fn too_many(topology: &Topology<'_>) -> Finding {
    let environment = &topology.plan.environment;
    let groups = &environment.security_groups;
    let (kept, dropped) = groups.split_at(MOST.min(groups.len()));
    let message = format!(
        "the environment has {} security groups; MWAA accepts at most \
         {MOST}, so {} cannot be attached",
        groups.len(),
        quoted(dropped)
    );
    let title =
        format!("Keep the first five security groups, {}", quoted(kept));
    let mut mended = environment.clone();
    mended.security_groups = kept.to_vec();
    RULE.finding(message, title)
        .part(&environment.id)
        .parts(dropped.iter().cloned())
        .fix(Fix::put(mended))
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::presets::Preset::*;
    use crate::testing::{check_cases, fires, silent};

    fn groups(count: usize) -> Vec<String> {
        (1..=count).map(|n| format!("sg-{n}")).collect()
    }

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "no security group",
                    PublicInternet,
                    |p| p.environment.security_groups.clear(),
                    &["env"],
                ),
                fires(
                    "no security group, private",
                    PrivateNewVpc,
                    |p| p.environment.security_groups.clear(),
                    &["env"],
                ),
                fires(
                    "no security group, existing VPC",
                    PrivateExistingVpc,
                    |p| p.environment.security_groups.clear(),
                    &["env"],
                ),
                fires(
                    "six security groups",
                    PublicPrivateWebserver,
                    |p| p.environment.security_groups = groups(6),
                    &["env", "sg-6"],
                ),
                silent("one security group", PublicInternet, |_| {}),
                silent("five security groups", PrivateNewVpc, |p| {
                    p.environment.security_groups = groups(5)
                }),
                silent("one missing security group", PrivateExistingVpc, |p| {
                    p.environment.security_groups = groups(1)
                }),
            ],
        );
    }
}
