//! `s3-gateway-policy`: the policy of the S3 endpoint the environment uses
//! lets it read the image layers and the DAG bucket.

use serde_json::Value;

use super::policy::{self, Access, Policy};
use super::quoted;
use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::plan::{Endpoint, EndpointKind, EndpointPolicy};
use crate::region::{Partition, Region};
use crate::rules::Rule;
use crate::topology::Topology;

/// The action MWAA needs on the objects it reads.
const GET_OBJECT: &str = "s3:GetObject";

/// What it does: evaluates the custom policy of the S3 endpoint the
/// environment uses, and checks that it allows `s3:GetObject` on the
/// bucket of ECR's image layers and on the DAG bucket.
///
/// Why: the environment's images are pulled from ECR, whose layers live in
/// an S3 bucket AWS owns, and its DAGs come from the DAG bucket; an S3
/// endpoint policy that does not allow both stops the environment.
pub(crate) const RULE: Rule = Rule {
    code: "N307",
    name: "s3-gateway-policy",
    severity: Severity::Error,
    summary: "A custom policy on the environment's S3 endpoint allows \
        s3:GetObject on the ECR layer bucket and the DAG bucket.",
    explanation: "Every request to S3 through an endpoint is checked \
        against the endpoint's policy. ECR keeps the layers of container \
        images in the AWS-owned bucket prod-<region>-starport-layer-bucket, \
        so pulling the Airflow image is an s3:GetObject on that bucket's \
        objects, and the environment reads its DAGs, plugins and \
        requirements from the DAG bucket the same way. A policy written to \
        allow only the organisation's own buckets blocks both: for \
        example, an S3 gateway endpoint whose policy allows s3:* on \
        arn:aws:s3:::corp-* only leaves the environment unable to start. \
        Add a statement allowing s3:GetObject on \
        arn:aws:s3:::prod-<region>-starport-layer-bucket/* and on the DAG \
        bucket's objects. The rule applies under both routings to an S3 \
        gateway endpoint on an env subnet's route table and to an S3 \
        interface endpoint; an explicit Deny covering those objects wins \
        over any Allow, and a policy that cannot be read is reported as \
        such.",
    known_problems: "Principals and conditions are not weighed: a \
        statement counts as if it applied to the environment's role. A \
        Deny on only part of the objects (a prefix of the DAG bucket) is \
        not reported. The DAG bucket is checked only when the plan names \
        it. A Region the planner does not know is skipped.",
    docs: "https://docs.aws.amazon.com/mwaa/latest/userguide/vpc-security.html",
    check,
};

fn check(topology: &Topology<'_>, findings: &mut Vec<Finding>) {
    let Some(region) = topology.region else {
        return;
    };
    let wanted = wanted_objects(topology, region);
    for endpoint in used_s3_endpoints(topology) {
        let EndpointPolicy::Custom(document) = &endpoint.policy else {
            continue;
        };
        if let Some(finding) = judge(endpoint, document, &wanted) {
            findings.push(finding);
        }
    }
}

/// The objects MWAA reads, as ARN patterns: the image layers and, when
/// the plan names it, the DAG bucket's objects.
fn wanted_objects(topology: &Topology<'_>, region: &Region) -> Vec<String> {
    let partition = match region.partition {
        Partition::Standard => "aws",
        Partition::China => "aws-cn",
    };
    let layers = format!(
        "arn:{partition}:s3:::prod-{}-starport-layer-bucket/*",
        region.code
    );
    let dags = topology.plan.environment.dag_bucket.as_ref();
    let dags = dags.map(|bucket| format!("arn:{partition}:s3:::{bucket}/*"));
    [Some(layers), dags].into_iter().flatten().collect()
}

/// The S3 endpoints the environment's traffic goes through: gateway
/// endpoints on an env subnet's route table, and interface endpoints.
fn used_s3_endpoints<'t, 'p>(
    topology: &'t Topology<'p>,
) -> impl Iterator<Item = &'p Endpoint> + 't {
    let env_tables: Vec<&str> = topology
        .env_subnets()
        .filter_map(|subnet| subnet.route_table.as_deref())
        .collect();
    topology.endpoints_for("s3").filter(move |endpoint| {
        endpoint.kind == EndpointKind::Interface
            || endpoint
                .route_tables
                .iter()
                .any(|table| env_tables.contains(&table.as_str()))
    })
}

fn judge(
    endpoint: &Endpoint,
    document: &Value,
    wanted: &[String],
) -> Option<Finding> {
    let policy = match Policy::read(document) {
        Ok(policy) => policy,
        Err(reason) => return Some(unreadable(endpoint, &reason, wanted)),
    };
    let access = |arn: &&String| policy.access(GET_OBJECT, arn);
    let denied: Vec<&String> = wanted
        .iter()
        .filter(|a| access(a) == Access::Denied)
        .collect();
    if !denied.is_empty() {
        return Some(denies(endpoint, &denied));
    }
    let missing: Vec<String> = wanted
        .iter()
        .filter(|a| access(a) == Access::NotAllowed)
        .cloned()
        .collect();
    if missing.is_empty() {
        return None;
    }
    Some(not_allowed(endpoint, document, &missing))
}

fn unreadable(endpoint: &Endpoint, reason: &str, wanted: &[String]) -> Finding {
    let message = format!(
        "the policy of S3 endpoint '{}' cannot be read: {reason}; MWAA \
         needs it to allow {GET_OBJECT} on {}",
        endpoint.id,
        quoted(wanted),
    );
    RULE.finding(message, "Rewrite the endpoint policy as a valid document")
        .part(&endpoint.id)
}

fn denies(endpoint: &Endpoint, denied: &[&String]) -> Finding {
    let message = format!(
        "the policy of S3 endpoint '{}' denies {GET_OBJECT} on {}; an \
         explicit deny wins over any allow, so the environment cannot read \
         those objects",
        endpoint.id,
        quoted(denied),
    );
    RULE.finding(message, "Remove the Deny on the objects MWAA reads")
        .part(&endpoint.id)
}

fn not_allowed(
    endpoint: &Endpoint,
    document: &Value,
    missing: &[String],
) -> Finding {
    let message = format!(
        "the policy of S3 endpoint '{}' does not allow {GET_OBJECT} on {}; \
         the environment cannot pull its image layers or read its DAGs \
         through it",
        endpoint.id,
        quoted(missing),
    );
    let mut finding = RULE
        .finding(message, "Allow s3:GetObject on the objects MWAA reads")
        .part(&endpoint.id);
    if let Some(extended) = policy::with_allow(document, GET_OBJECT, missing) {
        let mut fixed = endpoint.clone();
        fixed.policy = EndpointPolicy::Custom(extended);
        finding = finding.fix(Fix::put(fixed));
    }
    finding
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::RULE;
    use crate::plan::{EndpointPolicy, Plan};
    use crate::presets::Preset::*;
    use crate::recommended;
    use crate::testing::{check_cases, fires, silent};

    const LAYERS: &str = "arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*";
    const BEIJING_LAYERS: &str =
        "arn:aws-cn:s3:::prod-cn-north-1-starport-layer-bucket/*";
    const BEIJING_LAYERS_IN_AWS_PARTITION: &str =
        "arn:aws:s3:::prod-cn-north-1-starport-layer-bucket/*";

    fn s3_policy(plan: &mut Plan, document: Value) {
        let s3 = plan
            .endpoints
            .iter_mut()
            .find(|e| e.service == "s3")
            .unwrap();
        s3.policy = EndpointPolicy::Custom(document);
    }

    fn allow_get(resources: &[&str]) -> Value {
        json!({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": "*",
            "Action": ["s3:GetObject", "s3:ListBucket"],
            "Resource": resources}]})
    }

    fn corp_only(plan: &mut Plan) {
        let document = json!({"Statement": {"Effect": "Allow",
            "Principal": "*", "Action": "s3:*",
            "Resource": "arn:aws:s3:::corp-*"}});
        s3_policy(plan, document);
    }

    fn deny_layers(plan: &mut Plan) {
        let document = json!({"Statement": [
            {"Effect": "Allow", "Action": "*", "Resource": "*"},
            {"Effect": "Deny", "Action": "s3:Get*",
             "Resource": "arn:aws:s3:::prod-*"}]});
        s3_policy(plan, document);
    }

    /// Adds an S3 gateway endpoint on the env subnets' route tables to a
    /// public preset.
    fn public_s3(plan: &mut Plan) {
        let tables = ["rtb-private-1".to_owned(), "rtb-private-2".to_owned()];
        plan.endpoints.push(recommended::gateway_endpoint(
            "vpce-s3", "s3", "s3", &tables,
        ));
    }

    #[test]
    fn cases() {
        check_cases(
            &RULE,
            &[
                fires(
                    "corporate buckets only",
                    PrivateNewVpc,
                    corp_only,
                    &["vpce-s3"],
                ),
                fires(
                    "dag bucket not allowed",
                    PrivateExistingVpc,
                    |p| {
                        p.environment.dag_bucket = Some("corp-dags".into());
                        s3_policy(p, allow_get(&[LAYERS]));
                    },
                    &["vpce-s3"],
                ),
                fires(
                    "explicit deny",
                    PrivateNewVpc,
                    deny_layers,
                    &["vpce-s3"],
                ),
                fires(
                    "unreadable",
                    PrivateNewVpc,
                    |p| s3_policy(p, json!({"Version": "2012-10-17"})),
                    &["vpce-s3"],
                ),
                fires(
                    "public routing, on the env tables",
                    PublicInternet,
                    |p| {
                        public_s3(p);
                        corp_only(p);
                    },
                    &["vpce-s3"],
                ),
                fires(
                    "china partition",
                    PrivateNewVpc,
                    |p| {
                        p.region = "cn-north-1".into();
                        s3_policy(
                            p,
                            allow_get(&[BEIJING_LAYERS_IN_AWS_PARTITION]),
                        );
                    },
                    &["vpce-s3"],
                ),
                silent("china partition", PrivateNewVpc, |p| {
                    p.region = "cn-north-1".into();
                    s3_policy(p, allow_get(&[BEIJING_LAYERS]));
                }),
                silent("full access", PrivateNewVpc, |_| {}),
                silent("restricted, allowing the layers", PrivateNewVpc, |p| {
                    s3_policy(p, allow_get(&[LAYERS]));
                }),
                silent(
                    "restricted, allowing layers and dags",
                    PrivateExistingVpc,
                    |p| {
                        p.environment.dag_bucket = Some("corp-dags".into());
                        s3_policy(
                            p,
                            allow_get(&[
                                "arn:aws:s3:::prod-*-starport-layer-bucket/*",
                                "arn:aws:s3:::corp-dags",
                                "arn:aws:s3:::corp-dags/*",
                            ]),
                        );
                    },
                ),
                silent("not on an env subnet's table", PrivateNewVpc, |p| {
                    corp_only(p);
                    let s3 = p
                        .endpoints
                        .iter_mut()
                        .find(|e| e.service == "s3")
                        .unwrap();
                    s3.route_tables = vec!["rtb-elsewhere".into()];
                }),
                silent("unknown region", PrivateNewVpc, |p| {
                    corp_only(p);
                    p.region = "xx-nowhere-1".into();
                }),
            ],
        );
    }
}
