//! `igw-missing`: public routing has an internet gateway.

use super::internet_gateway;
use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::{RouteTable, RouteTarget, Routing};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks that, under public routing, an internet gateway is
/// attached to the VPC.
///
/// Why: the NAT gateways send the environment's traffic on to the internet
/// through the internet gateway; without it, public subnets are public in
/// name only.
pub(crate) const RULE: Rule = Rule {
    code: "N202",
    name: "igw-missing",
    severity: Severity::Error,
    summary: "Under public routing, an internet gateway is attached to the \
              VPC.",
    explanation: "Public routing takes the environment's traffic from its \
        private subnets to NAT gateways, and from there through the VPC's \
        internet gateway to the internet, where MWAA reaches its own \
        services. A VPC without an internet gateway gives the NAT gateways \
        nowhere to send that traffic, and the environment fails to create. \
        For example, a plan whose public route table sends 0.0.0.0/0 to \
        'igw' but has no internet gateway: add the gateway 'igw' to the \
        VPC.",
    known_problems: "",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/networking-about.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let plan = topology.plan;
    if plan.routing != Routing::Public || plan.internet_gateway.is_some() {
        return;
    }

    let gateway = internet_gateway(topology);
    let naming: Vec<&RouteTable> = plan
        .route_tables
        .iter()
        .filter(|table| names(table, &gateway.id))
        .collect();
    let message = match naming.as_slice() {
        [] => format!(
            "public routing needs an internet gateway attached to VPC '{}', \
             and the plan has none",
            plan.vpc.id
        ),
        [table, ..] => format!(
            "public routing needs an internet gateway attached to VPC '{}'; \
             route table '{}' sends traffic to '{}', which the plan lacks",
            plan.vpc.id, table.id, gateway.id
        ),
    };
    let title = format!("Add the internet gateway '{}'", gateway.id);
    findings.push(
        RULE.finding(message, title)
            .part(&plan.vpc.id)
            .parts(naming.iter().map(|table| table.id.clone()))
            .fix(Fix::put(gateway)),
    );
}

/// Whether a route of `table` goes to the internet gateway `id`.
fn names(table: &RouteTable, id: &str) -> bool {
    let gateway = RouteTarget::InternetGateway(id.to_owned());
    table.routes.iter().any(|route| route.target == gateway)
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::plan::{RouteTarget, Routing};
    use crate::presets::Preset::*;
    use crate::rules::public_routing::lookup::route_table;
    use crate::testing::{check_cases, fires, silent};

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "gateway removed, routes still name it",
                    PublicInternet,
                    |p| p.internet_gateway = None,
                    &["vpc", "rtb-public"],
                ),
                fires(
                    "routes name another id",
                    PublicPrivateWebserver,
                    |p| {
                        p.internet_gateway = None;
                        route_table(p, "rtb-public").routes[0].target =
                            RouteTarget::InternetGateway("igw-main".into());
                    },
                    &["vpc", "rtb-public"],
                ),
                fires(
                    "no gateway, no route",
                    PrivateNewVpc,
                    |p| p.routing = Routing::Public,
                    &["vpc"],
                ),
                silent("gateway present", PublicInternet, |_| {}),
                silent(
                    "gateway present, unnamed by routes",
                    PublicInternet,
                    |p| route_table(p, "rtb-public").routes.clear(),
                ),
                silent(
                    "private routing without gateway",
                    PrivateNewVpc,
                    |_| {},
                ),
                silent(
                    "existing VPC without gateway",
                    PrivateExistingVpc,
                    |_| {},
                ),
            ],
        );
    }
}
