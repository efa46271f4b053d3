//! The MWAA environment itself, with its DAG bucket; its execution role is
//! in `execution_role`.
//!
//! The DAG bucket is created versioned (MWAA requires it) with every
//! public access block on, unless the plan names a bucket: then the
//! template takes the bucket's name as a parameter, defaulting to the
//! plan's.
//!
//! The environment waits for the rest of the network (routes and their
//! associations, network ACL entries and associations, security group
//! rules, VPC endpoints): its properties name only its subnets and
//! security groups, yet its containers need the whole network from the
//! moment they start.

use super::build::{
    Build, Group, Kind, DAG_BUCKET, DAG_BUCKET_PARAMETER, ENVIRONMENT,
    EXECUTION_ROLE,
};
use super::execution_role;
use super::template::{Map, Parameter, Value};
use super::text::literal;
use crate::plan::{EndpointManagement, Environment, WebserverAccess};

/// The environment class that runs a single web server, and takes no
/// `MaxWebservers`.
const SINGLE_WEBSERVER_CLASS: &str = "mw1.micro";

/// The folder of the DAGs in the bucket.
const DAG_FOLDER: &str = "dags";

/// The kinds of resource the environment waits for.
const NETWORK_KINDS: [&str; 7] = [
    "AWS::EC2::Route",
    "AWS::EC2::SubnetRouteTableAssociation",
    "AWS::EC2::NetworkAclEntry",
    "AWS::EC2::SubnetNetworkAclAssociation",
    "AWS::EC2::SecurityGroupIngress",
    "AWS::EC2::SecurityGroupEgress",
    "AWS::EC2::VPCEndpoint",
];

/// The DAG bucket, as the template refers to it.
pub struct DagBucket {
    /// Its name.
    pub name: Value,
    /// Its ARN.
    pub arn: Value,
    /// The ARN of every object in it.
    pub objects: Value,
}

/// Adds the DAG bucket (or its parameter), the execution role and the
/// environment.
pub fn add(build: &mut Build<'_>) -> DagBucket {
    let bucket = add_dag_bucket(build);
    execution_role::add(build, &bucket);
    add_environment(build, &bucket);
    bucket
}

fn add_dag_bucket(build: &mut Build<'_>) -> DagBucket {
    match &build.plan.environment.dag_bucket {
        Some(name) => add_bucket_parameter(build, name),
        None => add_new_bucket(build),
    }
}

fn add_bucket_parameter(build: &mut Build<'_>, name: &str) -> DagBucket {
    build.template.parameters.push(Parameter {
        id: DAG_BUCKET_PARAMETER.to_owned(),
        kind: "String".to_owned(),
        description: "The name of the existing, versioned bucket that holds \
                      the DAGs"
            .to_owned(),
        default: Some(name.to_owned()),
        allowed_pattern: None,
    });
    let arn =
        format!("arn:${{AWS::Partition}}:s3:::${{{DAG_BUCKET_PARAMETER}}}");
    DagBucket {
        name: Value::reference(DAG_BUCKET_PARAMETER),
        objects: Value::Sub(format!("{arn}/*")),
        arn: Value::Sub(arn),
    }
}

fn add_new_bucket(build: &mut Build<'_>) -> DagBucket {
    let block = Map::new()
        .with("BlockPublicAcls", true)
        .with("BlockPublicPolicy", true)
        .with("IgnorePublicAcls", true)
        .with("RestrictPublicBuckets", true);
    let versioning = Map::new().with("Status", "Enabled");
    let properties = Map::new()
        .with("VersioningConfiguration", versioning)
        .with("PublicAccessBlockConfiguration", block);
    let kind = "AWS::S3::Bucket";
    build.add(Group::Environment, DAG_BUCKET.into(), kind, properties);
    DagBucket {
        name: Value::reference(DAG_BUCKET),
        arn: Value::attribute(DAG_BUCKET, "Arn"),
        objects: Value::Sub(format!("${{{DAG_BUCKET}.Arn}}/*")),
    }
}

fn add_environment(build: &mut Build<'_>, bucket: &DagBucket) {
    let environment = &build.plan.environment;
    let mut properties = capacity(environment);
    let access = match environment.webserver_access {
        WebserverAccess::Public => "PUBLIC_ONLY",
        WebserverAccess::Private => "PRIVATE_ONLY",
    };
    let management = match environment.endpoint_management {
        EndpointManagement::Service => "SERVICE",
        EndpointManagement::Customer => "CUSTOMER",
    };
    let role = Value::attribute(EXECUTION_ROLE, "Arn");
    properties.insert("WebserverAccessMode", access);
    properties.insert("EndpointManagement", management);
    properties.insert("SourceBucketArn", bucket.arn.clone());
    properties.insert("DagS3Path", DAG_FOLDER);
    properties.insert("ExecutionRoleArn", role);
    properties.insert("NetworkConfiguration", network_configuration(build));

    let after = network_resources(build);
    let (id, kind) = (ENVIRONMENT.to_owned(), "AWS::MWAA::Environment");
    build.add_after(Group::Environment, id, kind, after, properties);
}

/// The name, the class and the counts of workers, web servers and
/// schedulers.
fn capacity(environment: &Environment) -> Map {
    let count = |n: u32| Value::Integer(i64::from(n));
    let class = environment.environment_class.as_str();
    let mut properties = Map::new()
        .with("Name", literal(&environment.valid_name()))
        .with("EnvironmentClass", class)
        .with("MinWorkers", count(environment.min_workers))
        .with("MaxWorkers", count(environment.max_workers));
    if class != SINGLE_WEBSERVER_CLASS {
        properties.insert("MaxWebservers", count(environment.max_webservers));
    }
    properties.insert("Schedulers", count(environment.schedulers));
    properties
}

/// The environment's two subnets and its security groups.
fn network_configuration(build: &Build<'_>) -> Map {
    let environment = &build.plan.environment;
    let subnets = build.references(Kind::Subnet, &environment.subnets);
    let groups = build.group_ids(&environment.security_groups);
    Map::new()
        .with("SubnetIds", subnets)
        .with("SecurityGroupIds", groups)
}

/// The logical ids of the resources the environment waits for.
fn network_resources(build: &Build<'_>) -> Vec<String> {
    build
        .template
        .resources
        .iter()
        .filter(|resource| NETWORK_KINDS.contains(&resource.kind.as_str()))
        .map(|resource| resource.id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::{template, Options, Template, Value};
    use crate::presets::{self, Preset};
    use crate::Plan;

    fn with_environment(plan: &Plan) -> Template {
        template(
            plan,
            &Options {
                with_environment: true,
            },
        )
    }

    #[test]
    fn the_environment_follows_the_plan() {
        let template =
            with_environment(&presets::build(Preset::PublicInternet));
        let environment = template.resource("Environment").unwrap();
        let get = |key: &str| environment.properties.get(key).cloned();

        assert_eq!(environment.kind, "AWS::MWAA::Environment");
        assert_eq!(get("Name"), Some("mwaa-public".into()));
        assert_eq!(get("WebserverAccessMode"), Some("PUBLIC_ONLY".into()));
        assert_eq!(get("EndpointManagement"), Some("SERVICE".into()));
        assert_eq!(get("MaxWebservers"), Some(2i64.into()));
        assert_eq!(get("DagS3Path"), Some("dags".into()));
        assert_eq!(
            get("SourceBucketArn"),
            Some(Value::attribute("DagBucket", "Arn"))
        );
        assert!(environment
            .depends_on
            .contains(&"MwaaPrivate1DefaultRoute".to_owned()));
        assert!(environment
            .depends_on
            .contains(&"MwaaPublicEnvironmentIngress".to_owned()));
    }

    #[test]
    fn a_micro_environment_takes_no_max_webservers() {
        let mut plan = presets::build(Preset::PrivateNewVpc);
        plan.environment.environment_class = "mw1.micro".into();
        let template = with_environment(&plan);
        let environment = template.resource("Environment").unwrap();

        assert_eq!(environment.properties.get("MaxWebservers"), None);
        assert_eq!(
            environment.properties.get("WebserverAccessMode"),
            Some(&"PRIVATE_ONLY".into()),
        );
    }

    #[test]
    fn a_new_bucket_is_versioned_and_private() {
        let template = with_environment(&presets::build(Preset::PrivateNewVpc));
        let bucket = template.resource("DagBucket").unwrap();
        let Some(Value::Map(block)) =
            bucket.properties.get("PublicAccessBlockConfiguration")
        else {
            panic!("no public access block");
        };

        assert_eq!(block.iter().count(), 4);
        assert!(block.iter().all(|(_, on)| *on == Value::Bool(true)));
        assert!(template.parameters.iter().all(|p| p.id != "DagBucketName"));
    }

    #[test]
    fn an_existing_bucket_is_a_parameter_defaulting_to_its_name() {
        let mut plan = presets::build(Preset::PrivateNewVpc);
        plan.environment.dag_bucket = Some("my-dags".into());
        let template = with_environment(&plan);
        let parameter = template.parameters.last().unwrap();

        assert!(template.resource("DagBucket").is_none());
        assert_eq!(parameter.id, "DagBucketName");
        assert_eq!(parameter.default.as_deref(), Some("my-dags"));
        let environment = template.resource("Environment").unwrap();
        assert_eq!(
            environment.properties.get("SourceBucketArn"),
            Some(&Value::Sub(
                "arn:${AWS::Partition}:s3:::${DagBucketName}".into()
            )),
        );
    }
}
