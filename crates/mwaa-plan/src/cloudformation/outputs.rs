//! The template's outputs: the ids a stack hands on to other stacks and
//! people.
//!
//! Every template outputs the VPC's id, each subnet's id and each security
//! group's id, whether it creates them or takes them as parameters, so
//! whatever reads the outputs reads the same names either way. With the
//! environment come its ARN, its web server's URL, the execution role's
//! ARN and the DAG bucket's name.

use super::build::{unique, Build, Kind, ENVIRONMENT, EXECUTION_ROLE};
use super::environment::DagBucket;
use super::logical_id::LogicalIds;
use super::template::{Output, Value};
use super::text::{self, MAX_DESCRIPTION};

/// The id of the VPC's output.
const VPC_OUTPUT: &str = "VpcId";

/// The ids of the environment's outputs.
const ENVIRONMENT_OUTPUTS: [&str; 4] = [
    "EnvironmentArn",
    "WebserverUrl",
    "ExecutionRoleArn",
    "DagBucketName",
];

/// Adds the outputs, the environment's when there is a `bucket`.
pub fn add(build: &mut Build<'_>, bucket: Option<&DagBucket>) {
    let mut ids = LogicalIds::new();
    for id in ENVIRONMENT_OUTPUTS.into_iter().chain([VPC_OUTPUT]) {
        ids.reserve(id);
    }
    let description = format!("The id of the VPC {}", build.plan.vpc.name);
    let vpc = build.vpc();
    push(build, VPC_OUTPUT.into(), description, vpc);
    add_subnet_outputs(build, &mut ids);
    add_security_group_outputs(build, &mut ids);
    if let Some(bucket) = bucket {
        add_environment_outputs(build, bucket);
    }
}

fn add_subnet_outputs(build: &mut Build<'_>, ids: &mut LogicalIds) {
    let plan = build.plan;
    for subnet in unique(&plan.subnets, |s| &s.id) {
        let Some(value) = build.reference(Kind::Subnet, &subnet.id) else {
            continue;
        };
        let description = format!(
            "The id of the subnet {} ({} in {})",
            subnet.name, subnet.cidr, subnet.availability_zone
        );
        let id = ids.assign(&subnet.name, "SubnetId");
        push(build, id, description, value);
    }
}

fn add_security_group_outputs(build: &mut Build<'_>, ids: &mut LogicalIds) {
    let plan = build.plan;
    for group in unique(&plan.security_groups, |g| &g.id) {
        let Some(value) = build.group_id(&group.id) else {
            continue;
        };
        let description =
            format!("The id of the security group {}", group.name);
        let id = ids.assign(&group.name, "SecurityGroupId");
        push(build, id, description, value);
    }
}

fn add_environment_outputs(build: &mut Build<'_>, bucket: &DagBucket) {
    let name = &build.plan.environment.name;
    let [arn, url, role, bucket_name] = ENVIRONMENT_OUTPUTS;
    let outputs = [
        (
            arn,
            format!("The ARN of the MWAA environment {name}"),
            Value::attribute(ENVIRONMENT, "Arn"),
        ),
        (
            url,
            format!("The URL of the Airflow web server of {name}"),
            Value::attribute(ENVIRONMENT, "WebserverUrl"),
        ),
        (
            role,
            format!("The ARN of the execution role of {name}"),
            Value::attribute(EXECUTION_ROLE, "Arn"),
        ),
        (
            bucket_name,
            format!("The name of the bucket that holds the DAGs of {name}"),
            bucket.name.clone(),
        ),
    ];
    for (id, description, value) in outputs {
        push(build, id.to_owned(), description, value);
    }
}

fn push(build: &mut Build<'_>, id: String, description: String, value: Value) {
    build.template.outputs.push(Output {
        id,
        description: text::description(&description, MAX_DESCRIPTION),
        value,
    });
}
