//! `endpoint-policy-restricted`: an endpoint policy narrower than full
//! access may block calls the environment makes.

use super::policy::Policy;
use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::{Endpoint, EndpointPolicy};
use crate::rules::Rule;
use crate::topology::Topology;

/// What it does: warns about every endpoint whose custom policy allows
/// less than everything.
///
/// Why: MWAA calls many actions on many resources through its endpoints,
/// not all of them documented; a narrowed policy may block one of them and
/// the failure shows only at run time.
pub(crate) const RULE: Rule = Rule {
    code: "N308",
    name: "endpoint-policy-restricted",
    severity: Severity::Warning,
    summary: "Endpoint policies allow full access, or are narrowed knowing \
        what the environment calls.",
    explanation: "An endpoint policy filters every request that passes \
        through the endpoint. AWS recommends leaving the policies of the \
        environment's endpoints at full access; a policy narrowed to the \
        calls someone expected (only the organisation's queues, only some \
        log groups) tends to miss one MWAA makes, and the environment \
        then fails in ways that are hard to trace back to the endpoint. \
        For example, an sqs endpoint whose policy allows only queues \
        named corp-* blocks the Celery queue MWAA creates for the \
        environment. A custom policy that is just an Allow of \"*\" on \
        \"*\" for any principal, with no Deny, counts as full access. \
        Unless the narrowing is deliberate and tested, set the policy back \
        to full access. This holds under both routings.",
    known_problems: "A narrowed policy that does allow everything MWAA \
        needs is still reported: the rule cannot know every call the \
        environment and its DAGs make.",
    docs: "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    for endpoint in &topology.plan.endpoints {
        let EndpointPolicy::Custom(document) = &endpoint.policy else {
            continue;
        };
        let narrowing = match Policy::read(document) {
            Ok(policy) if policy.is_full_access() => continue,
            Ok(_) => "is narrower than full access".to_owned(),
            Err(reason) => format!("cannot be read ({reason})"),
        };
        findings.push(finding(endpoint, &narrowing));
    }
}

fn finding(endpoint: &Endpoint, narrowing: &str) -> Finding {
    let message = format!(
        "the policy of endpoint '{}' ({}) {narrowing}; it may block calls \
         the environment makes to '{}'",
        endpoint.id, endpoint.name, endpoint.service,
    );
    let mut fixed = endpoint.clone();
    fixed.policy = EndpointPolicy::FullAccess;
    RULE.finding(message, "Set the endpoint policy to full access")
        .part(&endpoint.id)
        .fix(Fix::put(fixed))
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::RULE;
    use crate::plan::{EndpointPolicy, Plan};
    use crate::presets::Preset::*;
    use crate::recommended;
    use crate::testing::{check_cases, fires, silent};

    fn policy(plan: &mut Plan, service: &str, document: Value) {
        let endpoint = plan
            .endpoints
            .iter_mut()
            .find(|e| e.service == service)
            .unwrap();
        endpoint.policy = EndpointPolicy::Custom(document);
    }

    fn allow_all() -> Value {
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Principal": "*", "Action": "*", "Resource": "*"}]})
    }

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "sqs limited to corporate queues",
                    PrivateNewVpc,
                    |p| {
                        policy(
                            p,
                            "sqs",
                            json!({"Statement": {"Effect": "Allow",
                        "Principal": "*", "Action": "sqs:*",
                        "Resource": "arn:aws:sqs:*:*:corp-*"}}),
                        );
                    },
                    &["vpce-sqs"],
                ),
                fires(
                    "allow all with a deny",
                    PrivateExistingVpc,
                    |p| {
                        let mut document = allow_all();
                        document["Statement"]
                            .as_array_mut()
                            .unwrap()
                            .push(json!({"Effect": "Deny", "Principal": "*",
                               "Action": "kms:Decrypt", "Resource": "*"}));
                        policy(p, "kms", document);
                    },
                    &["vpce-kms"],
                ),
                fires(
                    "unreadable",
                    PrivateNewVpc,
                    |p| policy(p, "logs", json!("not a policy")),
                    &["vpce-logs"],
                ),
                fires(
                    "public routing",
                    PublicInternet,
                    |p| {
                        p.endpoints.push(recommended::gateway_endpoint(
                            "vpce-s3",
                            "s3",
                            "s3",
                            &[],
                        ));
                        policy(
                            p,
                            "s3",
                            json!({"Statement": {"Effect": "Allow",
                        "Action": "s3:GetObject", "Resource": "*"}}),
                        );
                    },
                    &["vpce-s3"],
                ),
                silent("full access", PrivateNewVpc, |_| {}),
                silent("custom allow all", PrivateNewVpc, |p| {
                    policy(p, "logs", allow_all())
                }),
                silent("custom allow all, as arrays", PrivateNewVpc, |p| {
                    policy(
                        p,
                        "logs",
                        json!({"Statement": [{"Effect": "Allow",
                        "Principal": {"AWS": "*"}, "Action": ["*"],
                        "Resource": ["*"]}]}),
                    );
                }),
            ],
        );
    }
}
