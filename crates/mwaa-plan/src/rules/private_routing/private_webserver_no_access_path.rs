//! `private-webserver-no-access-path`: a web server on the private network
//! needs a way in from the users' network.

use crate::finding::{Finding, Severity};
use crate::plan::WebserverAccess;
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: reminds the user, when the web server is private, that
/// people need a network path into the VPC to open the Airflow UI.
///
/// Why: a private web server is reached only through an endpoint in the
/// VPC; from a laptop on the internet its address leads nowhere.
pub(crate) const RULE: Rule = Rule {
    code: "N310",
    name: "private-webserver-no-access-path",
    severity: Severity::Info,
    summary: "A private web server needs a way in from the users' \
        network.",
    explanation: "With the private network access mode (PRIVATE_ONLY), \
        MWAA puts the Airflow web server behind a VPC endpoint in the env \
        subnets, and its URL resolves to private addresses. Users outside \
        the VPC cannot open it until something carries them in: an AWS \
        Client VPN endpoint, a bastion host they tunnel through, a load \
        balancer in the VPC, or the corporate network over Direct Connect \
        or a site-to-site VPN. For example, a team that picks private \
        access in a new VPC and creates nothing else gets an environment \
        that runs but whose UI no one can reach. The plan does not model \
        these paths, so this stays as a reminder under both routings.",
    known_problems: "The plan does not model VPNs, bastion hosts, load \
        balancers or Direct Connect, so the reminder shows even when one \
        exists.",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/configuring-networking.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let environment = &topology.plan.environment;
    if environment.webserver_access != WebserverAccess::Private {
        return;
    }
    let message = format!(
        "the web server of '{}' is private: users reach it only from inside \
         VPC '{}', through a Client VPN, a bastion host, a load balancer or \
         a Direct Connect or VPN path, none of which the plan models",
        environment.name, topology.plan.vpc.id,
    );
    findings.push(
        RULE.finding(
            message,
            "Provide a way in to the VPC for the web server's users",
        )
        .part(&environment.id),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::plan::WebserverAccess;
    use crate::presets::Preset::*;
    use crate::testing::{check_cases, fires, silent};

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "private web server, private routing",
                    PrivateNewVpc,
                    |_| {},
                    &["env"],
                ),
                fires(
                    "private web server, public routing",
                    PublicPrivateWebserver,
                    |_| {},
                    &["env"],
                ),
                fires("existing vpc", PrivateExistingVpc, |_| {}, &["env"]),
                silent("public web server", PublicInternet, |_| {}),
                silent(
                    "public web server, private routing",
                    PrivateNewVpc,
                    |p| {
                        p.environment.webserver_access = WebserverAccess::Public
                    },
                ),
            ],
        );
    }
}
