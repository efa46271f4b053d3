//! `public-webserver-without-internet`: a network without internet access
//! uses the private web server access mode.

use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::{Routing, WebserverAccess};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: warns when private routing is paired with a web server on
/// the public network.
///
/// Why: AWS's guide pairs a network without internet access with the
/// private network access mode; a public web server in such a network goes
/// against the reason it has no internet access.
pub(crate) const RULE: Rule = Rule {
    code: "N110",
    name: "public-webserver-without-internet",
    severity: Severity::Warning,
    summary: "Under private routing, the web server uses the private \
              network access mode.",
    explanation: "Private routing is chosen when the organisation does not \
        allow internet access from the VPC. AWS's networking guide \
        recommends the private network access mode for the Airflow web \
        server in that case, reached through a VPN, a bastion host or a \
        load balancer. The public mode would put the Airflow UI on the \
        internet although nothing else in the network is. For example, a \
        VPC reaching AWS only through endpoints with webserver access \
        PUBLIC_ONLY: set it to PRIVATE_ONLY.",
    known_problems: "Some organisations allow a public Airflow UI while \
        keeping the workers off the internet; for them this warning is a \
        deliberate choice.",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/networking-about.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let plan = topology.plan;
    let environment = &plan.environment;
    let public = environment.webserver_access == WebserverAccess::Public;
    if plan.routing != Routing::Private || !public {
        return;
    }
    let message = "the web server is on the public network although the \
                   network has no internet access (private routing)";
    let mut mended = environment.clone();
    mended.webserver_access = WebserverAccess::Private;
    findings.push(
        RULE.finding(message, "Set web server access to private")
            .part(&environment.id)
            .fix(Fix::put(mended)),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::plan::{Routing, WebserverAccess};
    use crate::presets::Preset::*;
    use crate::testing::{check_cases, fires, silent};

    fn public_web_server(plan: &mut crate::plan::Plan) {
        plan.environment.webserver_access = WebserverAccess::Public;
    }

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires("new VPC", PrivateNewVpc, public_web_server, &["env"]),
                fires(
                    "existing VPC",
                    PrivateExistingVpc,
                    public_web_server,
                    &["env"],
                ),
                silent("public routing", PublicInternet, |_| {}),
                silent("private web server", PrivateNewVpc, |_| {}),
                silent(
                    "public routing, private web server",
                    PublicPrivateWebserver,
                    |_| {},
                ),
                silent("switched to public routing", PrivateNewVpc, |p| {
                    public_web_server(p);
                    p.routing = Routing::Public;
                }),
            ],
        );
    }
}
