//! The environment's execution role: the IAM role MWAA and the
//! environment's containers assume.
//!
//! Its trust policy admits the two MWAA service principals,
//! `airflow.amazonaws.com` and `airflow-env.amazonaws.com`. Its one inline
//! policy grants what AWS's documented execution role grants for an
//! environment encrypted with an AWS owned key, and no more:
//!
//! - `airflow:PublishMetrics` on this environment only;
//! - reading the DAG bucket (`s3:GetObject*`, `s3:GetBucket*`,
//!   `s3:List*`), and `s3:GetAccountPublicAccessBlock`, which MWAA checks
//!   before using the bucket;
//! - writing and reading the environment's own log groups
//!   (`airflow-<name>-*`), and listing log groups;
//! - `cloudwatch:PutMetricData`;
//! - the Celery queues MWAA creates for the environment
//!   (`airflow-celery-*`, in an account of AWS's, hence `*` for the
//!   account);
//! - the AWS KMS key of those queues, which lives in AWS's account: keys
//!   outside this account, used through SQS in this Region only.
//!
//! It also denies `s3:ListAllMyBuckets`, as AWS's role does. That action
//! takes no resource, so the denial names `*`: a denial naming the bucket
//! would never match.
//!
//! Every ARN is built with `${AWS::Partition}`, `${AWS::Region}` and
//! `${AWS::AccountId}`, and the SQS service name with `${AWS::URLSuffix}`,
//! so the template deploys in the China Regions too.
//!
//! Known problems: an environment encrypted with a customer managed key
//! needs that key in the policy as well; the plan does not model one.

use super::build::{Build, Group, EXECUTION_ROLE};
use super::environment::DagBucket;
use super::template::{Map, Value};
use super::text::sub_literal;

/// The version of IAM's policy language.
const POLICY_VERSION: &str = "2012-10-17";

/// The service principals that assume an execution role.
const PRINCIPALS: [&str; 2] =
    ["airflow.amazonaws.com", "airflow-env.amazonaws.com"];

/// What reading the DAG bucket takes.
const READ_BUCKET: [&str; 3] = ["s3:GetObject*", "s3:GetBucket*", "s3:List*"];

/// What writing and reading the environment's logs takes.
const USE_LOGS: [&str; 7] = [
    "logs:CreateLogStream",
    "logs:CreateLogGroup",
    "logs:PutLogEvents",
    "logs:GetLogEvents",
    "logs:GetLogRecord",
    "logs:GetLogGroupFields",
    "logs:GetQueryResults",
];

/// What using the Celery queues takes.
const USE_QUEUES: [&str; 6] = [
    "sqs:ChangeMessageVisibility",
    "sqs:DeleteMessage",
    "sqs:GetQueueAttributes",
    "sqs:GetQueueUrl",
    "sqs:ReceiveMessage",
    "sqs:SendMessage",
];

/// What using the queues' key takes.
const USE_KEYS: [&str; 4] = [
    "kms:Decrypt",
    "kms:DescribeKey",
    "kms:GenerateDataKey*",
    "kms:Encrypt",
];

/// Adds the execution role of the plan's environment.
pub fn add(build: &mut Build<'_>, bucket: &DagBucket) {
    let name = sub_literal(&build.plan.environment.valid_name());
    let policy = Map::new()
        .with("PolicyName", "MwaaExecution")
        .with("PolicyDocument", policy(&name, bucket));
    let properties = Map::new()
        .with("AssumeRolePolicyDocument", trust_policy())
        .with("Policies", vec![policy.into()]);
    let kind = "AWS::IAM::Role";
    build.add(Group::Environment, EXECUTION_ROLE.into(), kind, properties);
}

fn trust_policy() -> Map {
    let principals: Vec<Value> = PRINCIPALS.iter().map(|&p| p.into()).collect();
    let statement = Map::new()
        .with("Effect", "Allow")
        .with("Principal", Map::new().with("Service", principals))
        .with("Action", "sts:AssumeRole");
    document(vec![statement])
}

/// The permissions of the environment named `name` (escaped for `!Sub`).
fn policy(name: &str, bucket: &DagBucket) -> Map {
    let environment = arn(&format!(
        "airflow:${{AWS::Region}}:${{AWS::AccountId}}:environment/{name}"
    ));
    let log_groups = arn(&format!(
        "logs:${{AWS::Region}}:${{AWS::AccountId}}:log-group:airflow-{name}-*"
    ));
    let queues = arn("sqs:${AWS::Region}:*:airflow-celery-*");
    let bucket_arns = vec![bucket.arn.clone(), bucket.objects.clone()];
    let everything = || Value::from("*");
    document(vec![
        allow("PublishMetrics", &["airflow:PublishMetrics"], environment),
        deny("DenyListingBuckets", &["s3:ListAllMyBuckets"], everything()),
        allow("ReadDagBucket", &READ_BUCKET, bucket_arns.into()),
        allow("WriteLogs", &USE_LOGS, log_groups),
        allow("ListLogGroups", &["logs:DescribeLogGroups"], everything()),
        allow(
            "CheckPublicAccessBlock",
            &["s3:GetAccountPublicAccessBlock"],
            everything(),
        ),
        allow("PutMetrics", &["cloudwatch:PutMetricData"], everything()),
        allow("UseCeleryQueues", &USE_QUEUES, queues),
        queue_keys(),
    ])
}

/// The key of the Celery queues: any key outside this account, only
/// through SQS in this Region.
fn queue_keys() -> Map {
    let own_keys = arn("kms:*:${AWS::AccountId}:key/*");
    let through_sqs =
        Value::Sub("sqs.${AWS::Region}.${AWS::URLSuffix}".to_owned());
    let condition = Map::new().with(
        "StringLike",
        Map::new().with("kms:ViaService", vec![through_sqs]),
    );
    Map::new()
        .with("Sid", "UseQueueKeys")
        .with("Effect", "Allow")
        .with("Action", list(&USE_KEYS))
        .with("NotResource", own_keys)
        .with("Condition", condition)
}

/// `!Sub` of an ARN in the stack's partition: `rest` follows `arn:aws:`.
fn arn(rest: &str) -> Value {
    Value::Sub(format!("arn:${{AWS::Partition}}:{rest}"))
}

fn allow(sid: &str, actions: &[&str], resource: Value) -> Map {
    statement("Allow", sid, actions, resource)
}

fn deny(sid: &str, actions: &[&str], resource: Value) -> Map {
    statement("Deny", sid, actions, resource)
}

fn statement(
    effect: &str,
    sid: &str,
    actions: &[&str],
    resource: Value,
) -> Map {
    Map::new()
        .with("Sid", sid)
        .with("Effect", effect)
        .with("Action", list(actions))
        .with("Resource", resource)
}

fn list(items: &[&str]) -> Value {
    Value::List(items.iter().map(|&item| item.into()).collect())
}

fn document(statements: Vec<Map>) -> Map {
    let statements: Vec<Value> =
        statements.into_iter().map(Value::from).collect();
    Map::new()
        .with("Version", POLICY_VERSION)
        .with("Statement", statements)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::{self, Preset};

    fn role_of(plan: &crate::Plan) -> super::super::Resource {
        let options = super::super::Options {
            with_environment: true,
        };
        let template = super::super::template(plan, &options);
        template.resource(EXECUTION_ROLE).unwrap().clone()
    }

    fn statements(role: &super::super::Resource) -> Vec<Map> {
        let Some(Value::List(policies)) = role.properties.get("Policies")
        else {
            panic!("no policies");
        };
        let Value::Map(policy) = &policies[0] else {
            panic!()
        };
        let Some(Value::Map(document)) = policy.get("PolicyDocument") else {
            panic!()
        };
        let Some(Value::List(statements)) = document.get("Statement") else {
            panic!()
        };
        statements
            .iter()
            .map(|s| match s {
                Value::Map(map) => map.clone(),
                _ => panic!(),
            })
            .collect()
    }

    fn find<'a>(statements: &'a [Map], sid: &str) -> &'a Map {
        let sid = Value::from(sid);
        statements
            .iter()
            .find(|s| s.get("Sid") == Some(&sid))
            .unwrap()
    }

    #[test]
    fn both_mwaa_principals_may_assume_the_role() {
        let role = role_of(&presets::build(Preset::PublicInternet));
        let Some(Value::Map(trust)) =
            role.properties.get("AssumeRolePolicyDocument")
        else {
            panic!()
        };
        let expected = document(vec![Map::new()
            .with("Effect", "Allow")
            .with(
                "Principal",
                Map::new().with(
                    "Service",
                    list(&[
                        "airflow.amazonaws.com",
                        "airflow-env.amazonaws.com",
                    ]),
                ),
            )
            .with("Action", "sts:AssumeRole")]);
        assert_eq!(trust, &expected);
    }

    #[test]
    fn resources_are_scoped_to_the_environment_and_partition() {
        // The name MWAA will take: `etl${x}` made valid.
        let mut plan = presets::build(Preset::PublicInternet);
        plan.environment.name = "etl${x}".into();
        let statements = statements(&role_of(&plan));

        let cases = [
            (
                "PublishMetrics",
                "arn:${AWS::Partition}:airflow:${AWS::Region}:\
                 ${AWS::AccountId}:environment/etl--x-",
            ),
            (
                "WriteLogs",
                "arn:${AWS::Partition}:logs:${AWS::Region}:\
                 ${AWS::AccountId}:log-group:airflow-etl--x--*",
            ),
            (
                "UseCeleryQueues",
                "arn:${AWS::Partition}:sqs:${AWS::Region}:*:airflow-celery-*",
            ),
        ];
        for (sid, arn) in cases {
            let resource = find(&statements, sid).get("Resource");
            assert_eq!(resource, Some(&Value::Sub(arn.into())), "{sid}");
        }
        let keys = find(&statements, "UseQueueKeys");
        assert_eq!(
            keys.get("NotResource"),
            Some(&Value::Sub(
                "arn:${AWS::Partition}:kms:*:${AWS::AccountId}:key/*".into()
            )),
        );
        let deny = find(&statements, "DenyListingBuckets");
        assert_eq!(deny.get("Effect"), Some(&"Deny".into()));
    }

    #[test]
    fn the_dag_bucket_is_read_by_arn() {
        let statements =
            statements(&role_of(&presets::build(Preset::PrivateNewVpc)));
        let read = find(&statements, "ReadDagBucket");

        assert_eq!(
            read.get("Resource"),
            Some(&Value::List(vec![
                Value::attribute("DagBucket", "Arn"),
                Value::Sub("${DagBucket.Arn}/*".into()),
            ])),
        );
    }
}
