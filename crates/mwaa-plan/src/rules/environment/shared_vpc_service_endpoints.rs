//! `shared-vpc-service-endpoints`: an environment in a shared VPC manages
//! its own VPC endpoints.

use super::quoted;
use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::{EndpointManagement, Ownership, WebserverAccess};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: checks that an environment in a VPC shared from another
/// account uses customer-managed endpoints, and reminds what the owner
/// account then creates.
///
/// Why: MWAA cannot create its endpoints in a VPC that another account
/// owns; only that account can.
pub(crate) const RULE: Rule = Rule {
    code: "N106",
    name: "shared-vpc-service-endpoints",
    severity: Severity::Error,
    summary: "An environment in a shared VPC uses customer-managed \
              endpoints (EndpointManagement CUSTOMER).",
    explanation: "When another account owns the VPC and shares its subnets \
        (AWS RAM), the account creating the environment may not create VPC \
        endpoints in it. MWAA's own endpoints, for the metadata database \
        and, with a private web server, for the web server, are then the \
        owner's to create: the environment must be created with \
        EndpointManagement CUSTOMER. With SERVICE the creation fails, an \
        error. With CUSTOMER the rule reports, as an info, what the owner \
        account must create. For example, an environment in a VPC shared \
        by a networking account: set endpoint management to CUSTOMER and \
        ask that account for the endpoints once the environment waits for \
        them.",
    known_problems: "Whether the VPC is shared is what the plan says; the \
        planner cannot see the accounts.",
    docs:
        "https://docs.aws.amazon.com/mwaa/latest/userguide/vpc-vpe-access.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let plan = topology.plan;
    if plan.vpc.ownership != Ownership::Shared {
        return;
    }
    let finding = match plan.environment.endpoint_management {
        EndpointManagement::Service => service_managed(topology),
        EndpointManagement::Customer => owner_reminder(topology),
    };
    findings.push(finding.part(&plan.vpc.id).part(&plan.environment.id));
}

fn service_managed(topology: &Topology<'_>) -> Finding {
    let plan = topology.plan;
    let message = format!(
        "VPC '{}' is shared from another account, where MWAA cannot create \
         its endpoints; endpoint management is SERVICE",
        plan.vpc.id
    );
    let mut mended = plan.environment.clone();
    mended.endpoint_management = EndpointManagement::Customer;
    RULE.finding(message, "Set endpoint management to CUSTOMER")
        .fix(Fix::put(mended))
}

fn owner_reminder(topology: &Topology<'_>) -> Finding {
    let environment = &topology.plan.environment;
    let services = match environment.webserver_access {
        WebserverAccess::Private => {
            "the environment's database and web server endpoint services"
        }
        WebserverAccess::Public => {
            "the environment's database endpoint service"
        }
    };
    let message = format!(
        "VPC '{}' is shared from another account: once the environment is \
         pending, the owner account must create interface endpoints to {} \
         in subnets {}",
        topology.plan.vpc.id,
        services,
        quoted(&environment.subnets)
    );
    RULE.finding(
        message,
        "Ask the VPC's owner account to create the endpoints",
    )
    .severity(Severity::Info)
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::plan::{EndpointManagement, Ownership};
    use crate::presets::Preset::*;
    use crate::testing::{check_cases, fires, silent};

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "shared, service-managed",
                    PrivateExistingVpc,
                    |p| p.vpc.ownership = Ownership::Shared,
                    &["vpc", "env"],
                ),
                fires(
                    "shared, customer-managed",
                    PublicInternet,
                    |p| {
                        p.vpc.ownership = Ownership::Shared;
                        p.environment.endpoint_management =
                            EndpointManagement::Customer;
                    },
                    &["vpc", "env"],
                ),
                silent("owned, service-managed", PrivateExistingVpc, |_| {}),
                silent("owned, customer-managed", PrivateNewVpc, |p| {
                    p.environment.endpoint_management =
                        EndpointManagement::Customer
                }),
            ],
        );
    }

    #[test]
    fn severity_follows_endpoint_management() {
        use crate::finding::Severity;
        use crate::presets::{self, Preset};
        use crate::testing::run;

        let cases = [
            (EndpointManagement::Service, Severity::Error),
            (EndpointManagement::Customer, Severity::Info),
        ];
        for (management, expected) in cases {
            let mut plan = presets::build(Preset::PublicPrivateWebserver);
            plan.vpc.ownership = Ownership::Shared;
            plan.environment.endpoint_management = management;
            let findings = run(&RULE, &plan);
            let severities: Vec<Severity> =
                findings.iter().map(|f| f.severity).collect();
            assert_eq!(severities, [expected], "{management:?}");
        }
    }
}
