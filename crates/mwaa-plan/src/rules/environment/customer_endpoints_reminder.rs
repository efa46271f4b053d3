//! `customer-endpoints-reminder`: with customer-managed endpoints, someone
//! must create the environment's own endpoints after it is created.

use super::quoted;
use crate::finding::{Finding, Severity};
use crate::plan::{EndpointManagement, WebserverAccess};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: reminds that an environment with customer-managed
/// endpoints waits for its own endpoints to be created by hand.
///
/// Why: MWAA creates the endpoint services only once the environment
/// exists, so the plan cannot hold those endpoints; until someone creates
/// them, the environment stays pending.
pub(crate) const RULE: Rule = Rule {
    code: "N107",
    name: "customer-endpoints-reminder",
    severity: Severity::Info,
    summary: "With customer-managed endpoints, the environment's own \
              endpoints are created by hand after the environment.",
    explanation: "With EndpointManagement CUSTOMER, MWAA does not create \
        the interface endpoints that connect the environment's subnets to \
        its metadata database and, when the web server is private, to its \
        web server. It publishes their endpoint services \
        (DatabaseVpcEndpointService, WebserverVpcEndpointService) once the \
        environment is being created, and waits, for up to 72 hours, until \
        endpoints to them exist in the environment's subnets. Nothing in \
        the plan can create them ahead of time. For example, a private web \
        server with customer-managed endpoints: after creating the \
        environment, create two interface endpoints, one per service, in \
        both environment subnets with the environment's security group.",
    known_problems: "",
    docs:
        "https://docs.aws.amazon.com/mwaa/latest/userguide/vpc-vpe-access.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let environment = &topology.plan.environment;
    if environment.endpoint_management != EndpointManagement::Customer {
        return;
    }
    let services = match environment.webserver_access {
        WebserverAccess::Private => {
            "its database endpoint service and its web server endpoint \
             service"
        }
        WebserverAccess::Public => "its database endpoint service",
    };
    let message = format!(
        "endpoints are customer-managed: after the environment is created, \
         interface endpoints to {services} must be created in subnets {}; \
         the environment waits up to 72 hours for them",
        quoted(&environment.subnets)
    );
    findings.push(
        RULE.finding(
            message,
            "Create the endpoints once the environment is created",
        )
        .part(&environment.id)
        .parts(environment.subnets.iter().cloned()),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::plan::{EndpointManagement, Ownership};
    use crate::presets::Preset::*;
    use crate::testing::{check_cases, fires, run, silent};

    fn customer(plan: &mut crate::plan::Plan) {
        plan.environment.endpoint_management = EndpointManagement::Customer;
    }

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "public web server",
                    PublicInternet,
                    customer,
                    &["env", "subnet-private-1", "subnet-private-2"],
                ),
                fires("private web server", PrivateNewVpc, customer, &["env"]),
                fires(
                    "shared VPC",
                    PrivateExistingVpc,
                    |p| {
                        customer(p);
                        p.vpc.ownership = Ownership::Shared;
                    },
                    &["env", "subnet-app-1"],
                ),
                silent("service-managed", PublicPrivateWebserver, |_| {}),
                silent(
                    "service-managed in a shared VPC",
                    PrivateExistingVpc,
                    |p| p.vpc.ownership = Ownership::Shared,
                ),
            ],
        );
    }

    #[test]
    fn web_server_endpoint_only_when_private() {
        use crate::presets::{self, Preset};

        let cases = [
            (Preset::PublicInternet, false),
            (Preset::PublicPrivateWebserver, true),
        ];
        for (preset, mentions_web_server) in cases {
            let mut plan = presets::build(preset);
            customer(&mut plan);
            let findings = run(&RULE, &plan);
            let message = &findings[0].message;
            assert_eq!(
                message.contains("web server"),
                mentions_web_server,
                "{message}"
            );
        }
    }
}
