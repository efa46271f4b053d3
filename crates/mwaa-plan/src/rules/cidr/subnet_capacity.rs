//! `subnet-capacity`: each environment subnet has addresses for everything
//! MWAA may put in it.

use crate::cidr;
use crate::finding::{Finding, Severity};
use crate::plan::{EndpointManagement, Environment, Subnet, WebserverAccess};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: estimates the addresses MWAA may take in each environment
/// subnet and checks the subnet has twice as many usable ones.
///
/// Why: every container and endpoint interface takes an address; a subnet
/// that runs out stops the environment from scaling or updating.
pub(crate) const RULE: Rule = Rule {
    code: "N608",
    name: "subnet-capacity",
    severity: Severity::Warning,
    summary: "Each environment subnet has usable addresses for twice what \
        the environment may need in it.",
    explanation: "Each scheduler, worker and web server of MWAA runs as a \
        container with its own network interface, and so does each \
        interface endpoint in the subnet and, when MWAA manages them, its \
        own database and private web server endpoints. If one Availability \
        Zone fails, all of them may land in the other subnet, and during \
        an update MWAA starts new containers before it stops the old ones, \
        so the estimate is doubled. AWS keeps 5 addresses of every subnet. \
        For example, a /28 has 11 usable addresses, while an environment \
        of 10 workers, 2 schedulers and 2 web servers with 9 endpoints and \
        2 MWAA endpoints may need 2 x 25 = 50; AWS's templates use a /24 \
        (251 usable addresses), which is plenty. There is no fix: a subnet \
        cannot be resized in place, and a larger range is a choice of the \
        address plan.",
    known_problems: "This is a heuristic: AWS does not publish how many \
        addresses an environment takes. It counts one address per \
        container at full scale and one per endpoint interface, and cannot \
        see other resources sharing the subnet (instances, load balancers, \
        Lambda functions) or addresses already in use in an existing \
        subnet.",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/networking-about.html",
    check,
};

/// How many times the estimate a subnet should hold: MWAA runs new
/// containers beside the old ones while it updates an environment.
const HEADROOM: u64 = 2;

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let mut seen: Vec<&str> = Vec::new();
    for subnet in topology.env_subnets() {
        if seen.contains(&subnet.id.as_str()) {
            continue;
        }
        seen.push(&subnet.id);

        let demand = Demand::of(topology, subnet);
        let usable = cidr::usable_addresses(subnet.cidr);
        if usable >= demand.with_headroom() {
            continue;
        }
        findings.push(too_small(subnet, usable, &demand));
    }
}

fn too_small(subnet: &Subnet, usable: u64, demand: &Demand) -> Finding {
    let message = format!(
        "'{}' {} has {usable} usable addresses; the environment may need \
         {HEADROOM} x ({}) = {}",
        subnet.id,
        subnet.cidr,
        demand.terms(),
        demand.with_headroom()
    );
    RULE.finding(message, "Give the environment larger subnets, such as /24")
        .part(&subnet.id)
}

/// The addresses MWAA may take in one subnet when the other zone fails.
struct Demand {
    workers: u64,
    schedulers: u64,
    webservers: u64,
    endpoint_interfaces: u64,
    mwaa_endpoints: u64,
}

impl Demand {
    fn of(topology: &Topology<'_>, subnet: &Subnet) -> Demand {
        let environment = &topology.plan.environment;
        let endpoint_interfaces = topology
            .interface_endpoints()
            .filter(|endpoint| endpoint.subnets.contains(&subnet.id))
            .count();
        Demand {
            workers: environment.max_workers.into(),
            schedulers: environment.schedulers.into(),
            webservers: environment.max_webservers.into(),
            endpoint_interfaces: endpoint_interfaces as u64,
            mwaa_endpoints: mwaa_endpoints(environment),
        }
    }

    fn total(&self) -> u64 {
        self.workers
            .saturating_add(self.schedulers)
            .saturating_add(self.webservers)
            .saturating_add(self.endpoint_interfaces)
            .saturating_add(self.mwaa_endpoints)
    }

    fn with_headroom(&self) -> u64 {
        self.total().saturating_mul(HEADROOM)
    }

    /// The sum, written out: "10 workers + 2 schedulers + ...". Endpoint
    /// terms of zero are left out.
    fn terms(&self) -> String {
        let mut terms = vec![
            counted(self.workers, "worker", "workers"),
            counted(self.schedulers, "scheduler", "schedulers"),
            counted(self.webservers, "web server", "web servers"),
        ];
        if self.endpoint_interfaces > 0 {
            terms.push(counted(
                self.endpoint_interfaces,
                "endpoint interface",
                "endpoint interfaces",
            ));
        }
        if self.mwaa_endpoints > 0 {
            terms.push(counted(
                self.mwaa_endpoints,
                "MWAA endpoint",
                "MWAA endpoints",
            ));
        }
        terms.join(" + ")
    }
}

/// The endpoints MWAA creates in each environment subnet: the database's
/// always and the web server's when it is private, if MWAA manages them.
fn mwaa_endpoints(environment: &Environment) -> u64 {
    if environment.endpoint_management == EndpointManagement::Customer {
        return 0;
    }
    match environment.webserver_access {
        WebserverAccess::Private => 2,
        WebserverAccess::Public => 1,
    }
}

fn counted(count: u64, one: &str, many: &str) -> String {
    match count {
        1 => format!("1 {one}"),
        _ => format!("{count} {many}"),
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::plan::EndpointManagement;
    use crate::presets::{self, Preset::*};
    use crate::testing::{check_cases, fires, place, run, silent};

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "a /28 with nine endpoints",
                    PrivateNewVpc,
                    |p| place(p, "subnet-private-1", "10.192.10.0/28"),
                    &["subnet-private-1"],
                ),
                fires(
                    "a /26 for 25 workers",
                    PrivateExistingVpc,
                    |p| {
                        p.environment.max_workers = 25;
                        place(p, "subnet-app-2", "10.40.33.0/26");
                    },
                    &["subnet-app-2"],
                ),
                fires(
                    "a /27 one address short",
                    PublicInternet,
                    |p| {
                        p.environment.max_workers = 9;
                        place(p, "subnet-private-2", "10.192.21.0/27");
                    },
                    &["subnet-private-2"],
                ),
                fires(
                    "both subnets /27, private web server",
                    PublicPrivateWebserver,
                    |p| {
                        place(p, "subnet-private-1", "10.192.20.0/27");
                        place(p, "subnet-private-2", "10.192.21.0/27");
                    },
                    &["subnet-private-1", "subnet-private-2"],
                ),
                silent("a /27 with just enough", PublicInternet, |p| {
                    p.environment.max_workers = 8;
                    place(p, "subnet-private-2", "10.192.21.0/27");
                }),
                silent("a /26 with nine endpoints", PrivateNewVpc, |p| {
                    place(p, "subnet-private-1", "10.192.10.0/26")
                }),
                silent(
                    "a small subnet the environment does not use",
                    PublicInternet,
                    |p| place(p, "subnet-public-1", "10.192.10.0/28"),
                ),
                silent(
                    "customer-managed endpoints free two addresses",
                    PrivateNewVpc,
                    |p| {
                        p.environment.endpoint_management =
                            EndpointManagement::Customer;
                        p.environment.max_workers = 15;
                        place(p, "subnet-private-1", "10.192.10.0/26");
                    },
                ),
            ],
        );
    }

    #[test]
    fn message_shows_the_arithmetic() {
        let mut plan = presets::build(PrivateNewVpc);
        place(&mut plan, "subnet-private-1", "10.192.20.0/28");
        let findings = run(&RULE, &plan);
        assert_eq!(
            findings[0].message,
            "'subnet-private-1' 10.192.20.0/28 has 11 usable addresses; the \
             environment may need 2 x (10 workers + 2 schedulers + 2 web \
             servers + 9 endpoint interfaces + 2 MWAA endpoints) = 50"
        );
    }

    #[test]
    fn terms_are_counted_in_words() {
        let mut plan = presets::build(PublicInternet);
        plan.environment.max_workers = 1;
        plan.environment.schedulers = 1;
        plan.environment.max_webservers = 1;
        place(&mut plan, "subnet-private-1", "10.192.20.0/30");
        let findings = run(&RULE, &plan);
        assert!(
            findings[0].message.ends_with(
                "2 x (1 worker + 1 scheduler + 1 web server + 1 MWAA \
                 endpoint) = 8"
            ),
            "{}",
            findings[0].message
        );
    }
}
