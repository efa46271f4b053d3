//! The AWS services an environment reaches, and the VPC endpoints private
//! routing needs for them.

use crate::plan::EndpointKind;
use crate::region::{Partition, Region};

/// A service an environment without internet access must reach through a
/// VPC endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequiredService {
    /// The service, without the `com.amazonaws.<region>.` prefix.
    pub service: &'static str,
    /// The kind of endpoint to create for it.
    pub kind: EndpointKind,
    /// What the environment uses it for.
    pub purpose: &'static str,
}

const fn interface(
    service: &'static str,
    purpose: &'static str,
) -> RequiredService {
    RequiredService {
        service,
        kind: EndpointKind::Interface,
        purpose,
    }
}

const REQUIRED: &[RequiredService] = &[
    RequiredService {
        service: "s3",
        kind: EndpointKind::Gateway,
        purpose: "the DAG bucket and the layers of the container images",
    },
    interface("monitoring", "CloudWatch metrics"),
    interface("logs", "CloudWatch Logs"),
    interface("sqs", "the Celery task queue"),
    interface("ecr.api", "pulling the Airflow container images"),
    interface("ecr.dkr", "pulling the Airflow container images"),
    interface("kms", "encryption keys"),
    interface("airflow.api", "the Airflow API"),
    interface("airflow.env", "the environment's control plane"),
    interface("airflow.ops", "operations of the environment"),
];

/// The services an environment in `region` must reach through endpoints
/// under private routing. `airflow.ops` exists only in the standard
/// partition.
///
/// # Examples
///
/// ```
/// use mwaa_plan::{region, service};
///
/// let ireland = region::find("eu-west-1").unwrap();
/// let beijing = region::find("cn-north-1").unwrap();
///
/// assert_eq!(service::required(ireland).count(), 10);
/// assert!(service::required(beijing).all(|s| s.service != "airflow.ops"));
/// ```
pub fn required(
    region: &Region,
) -> impl Iterator<Item = &'static RequiredService> + '_ {
    REQUIRED.iter().filter(|required| {
        required.service != "airflow.ops"
            || region.partition == Partition::Standard
    })
}

/// Whether an endpoint for `service` serves the `required` one: the FIPS
/// variants `airflow-fips.api` and `airflow-fips.env` serve `airflow.api`
/// and `airflow.env`.
///
/// # Examples
///
/// ```
/// use mwaa_plan::service::serves;
///
/// assert!(serves("logs", "logs"));
/// assert!(serves("airflow-fips.api", "airflow.api"));
/// assert!(!serves("airflow.api", "airflow.env"));
/// ```
pub fn serves(service: &str, required: &str) -> bool {
    if service == required {
        return true;
    }
    match service.strip_prefix("airflow-fips.") {
        Some(rest) => required.strip_prefix("airflow.") == Some(rest),
        None => false,
    }
}
