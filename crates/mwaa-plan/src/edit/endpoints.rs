//! Choosing VPC endpoints from a checklist of the services MWAA uses.

use super::{known_region, PlanEditError};
use crate::fix::EditError;
use crate::plan::{EndpointKind, EndpointPolicy, Plan, Routing};
use crate::recommended;
use crate::service::{self, RequiredService};

/// One line of the endpoint checklist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChecklistEntry {
    /// The service, such as `logs`.
    pub service: String,
    /// The kind of endpoint the planner creates for it.
    pub kind: EndpointKind,
    /// What the environment uses it for; empty for a service MWAA does not
    /// need.
    pub purpose: &'static str,
    /// Whether the plan needs it: under private routing, every service
    /// MWAA uses in the Region.
    pub required: bool,
    /// The ids of the plan's endpoints that serve it.
    pub endpoints: Vec<String>,
}

/// The checklist: every service MWAA uses in the plan's Region, then any
/// other service the plan has an endpoint for.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::presets::{self, Preset};
///
/// let plan = presets::build(Preset::PublicInternet);
/// let checklist = edit::endpoint_checklist(&plan);
///
/// assert_eq!(checklist[0].service, "s3");
/// assert!(checklist.iter().all(|e| !e.required && e.endpoints.is_empty()));
/// ```
pub fn endpoint_checklist(plan: &Plan) -> Vec<ChecklistEntry> {
    let required = plan.routing == Routing::Private;
    let known: Vec<&RequiredService> = match crate::region::find(&plan.region) {
        Some(region) => service::required(region).collect(),
        None => Vec::new(),
    };

    let mut checklist: Vec<ChecklistEntry> = known
        .iter()
        .map(|known| ChecklistEntry {
            service: known.service.to_owned(),
            kind: known.kind,
            purpose: known.purpose,
            required,
            endpoints: serving(plan, known.service),
        })
        .collect();
    for endpoint in &plan.endpoints {
        let listed = checklist
            .iter()
            .any(|entry| service::serves(&endpoint.service, &entry.service));
        if !listed {
            checklist.push(ChecklistEntry {
                service: endpoint.service.clone(),
                kind: endpoint.kind,
                purpose: "",
                required: false,
                endpoints: serving(plan, &endpoint.service),
            });
        }
    }
    checklist
}

fn serving(plan: &Plan, wanted: &str) -> Vec<String> {
    plan.endpoints
        .iter()
        .filter(|endpoint| service::serves(&endpoint.service, wanted))
        .map(|endpoint| endpoint.id.clone())
        .collect()
}

/// Ticks or unticks a service: adds an endpoint for it as the environment
/// needs it (see [`recommended::required_endpoint`]) when none serves it,
/// or removes every endpoint that serves it.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::presets::{self, Preset};
///
/// let mut plan = presets::build(Preset::PublicInternet);
/// edit::set_endpoint(&mut plan, "s3", true).unwrap();
/// assert_eq!(plan.endpoints[0].route_tables, ["rtb-private-1", "rtb-private-2"]);
///
/// edit::set_endpoint(&mut plan, "s3", false).unwrap();
/// assert!(plan.endpoints.is_empty());
/// ```
pub fn set_endpoint(
    plan: &mut Plan,
    service_name: &str,
    present: bool,
) -> Result<(), PlanEditError> {
    if !present {
        plan.endpoints.retain(|endpoint| {
            !service::serves(&endpoint.service, service_name)
        });
        return Ok(());
    }
    if !serving(plan, service_name).is_empty() {
        return Ok(());
    }
    let region = known_region(plan)?;
    let endpoint = match service::required(region)
        .find(|required| required.service == service_name)
    {
        Some(required) => recommended::required_endpoint(plan, required),
        None => recommended::interface_endpoint(
            &plan
                .unique_id(&format!("vpce-{}", service_name.replace('.', "-"))),
            &format!("{}-{service_name}", plan.environment.name),
            service_name,
            &plan.environment.subnets,
            &plan.environment.security_groups,
        ),
    };
    plan.endpoints.push(endpoint);
    Ok(())
}

/// Puts an interface endpoint in a subnet, or takes it out. An endpoint
/// has at most one subnet per Availability Zone, so adding a subnet
/// replaces the endpoint's subnet in the same zone.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::presets::{self, Preset};
///
/// let mut plan = presets::build(Preset::PrivateExistingVpc);
/// edit::set_endpoint_subnet(&mut plan, "vpce-logs", "subnet-app-3", true).unwrap();
/// edit::set_endpoint_subnet(&mut plan, "vpce-logs", "subnet-app-1", false).unwrap();
///
/// let logs = plan.endpoints.iter().find(|e| e.id == "vpce-logs").unwrap();
/// assert_eq!(logs.subnets, ["subnet-app-2", "subnet-app-3"]);
/// ```
pub fn set_endpoint_subnet(
    plan: &mut Plan,
    endpoint_id: &str,
    subnet_id: &str,
    present: bool,
) -> Result<(), PlanEditError> {
    let zone_of = |id: &str| {
        plan.subnets
            .iter()
            .find(|subnet| subnet.id == id)
            .map(|subnet| subnet.availability_zone.clone())
    };
    let zone = zone_of(subnet_id)
        .ok_or_else(|| EditError::UnknownPart(subnet_id.to_owned()))?;
    let same_zone: Vec<String> = plan
        .subnets
        .iter()
        .filter(|subnet| subnet.availability_zone == zone)
        .map(|subnet| subnet.id.clone())
        .collect();
    let endpoint = plan
        .endpoints
        .iter_mut()
        .find(|endpoint| endpoint.id == endpoint_id)
        .ok_or_else(|| EditError::UnknownPart(endpoint_id.to_owned()))?;

    if present {
        endpoint.subnets.retain(|id| !same_zone.contains(id));
        endpoint.subnets.push(subnet_id.to_owned());
        endpoint.subnets.sort();
    } else {
        endpoint.subnets.retain(|id| id != subnet_id);
    }
    Ok(())
}

/// Gives an endpoint AWS's full-access policy (`None`) or a policy
/// document typed as JSON text, refused with its line and column when it is
/// not a JSON object.
///
/// # Examples
///
/// ```
/// use mwaa_plan::edit;
/// use mwaa_plan::presets::{self, Preset};
///
/// let mut plan = presets::build(Preset::PrivateNewVpc);
/// let error = edit::set_endpoint_policy(&mut plan, "vpce-s3", Some("{\"Statement\": ["));
/// assert_eq!(
///     error.unwrap_err().to_string(),
///     "the policy is not valid JSON: line 1, column 15: EOF while parsing a list"
/// );
/// ```
pub fn set_endpoint_policy(
    plan: &mut Plan,
    endpoint_id: &str,
    document: Option<&str>,
) -> Result<(), PlanEditError> {
    let policy = match document {
        None => EndpointPolicy::FullAccess,
        Some(text) => EndpointPolicy::Custom(parse_policy(text)?),
    };
    let endpoint = plan
        .endpoints
        .iter_mut()
        .find(|endpoint| endpoint.id == endpoint_id)
        .ok_or_else(|| EditError::UnknownPart(endpoint_id.to_owned()))?;
    endpoint.policy = policy;
    Ok(())
}

fn parse_policy(text: &str) -> Result<serde_json::Value, PlanEditError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|error| {
            let message = error.to_string();
            let message = match message.rfind(" at line ") {
                Some(end) => &message[..end],
                None => message.as_str(),
            };
            PlanEditError::InvalidPolicy(format!(
                "line {}, column {}: {message}",
                error.line(),
                error.column()
            ))
        })?;
    if !value.is_object() {
        return Err(PlanEditError::InvalidPolicy(
            "a policy document is a JSON object".to_owned(),
        ));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::{self, Preset};
    use crate::rules;

    #[test]
    fn the_checklist_marks_what_private_routing_needs() {
        let mut plan = presets::build(Preset::PrivateNewVpc);
        plan.endpoints.retain(|e| e.service != "kms");
        let api = plan
            .endpoints
            .iter_mut()
            .find(|e| e.id == "vpce-airflow-api");
        api.unwrap().service = "airflow-fips.api".into();
        let checklist = endpoint_checklist(&plan);

        let kms = checklist.iter().find(|e| e.service == "kms").unwrap();
        assert!(kms.required && kms.endpoints.is_empty());
        let api = checklist.iter().find(|e| e.service == "airflow.api");
        assert_eq!(api.unwrap().endpoints, ["vpce-airflow-api"]);
        assert_eq!(checklist.len(), 10);
        assert!(checklist.iter().all(|e| e.required));
    }

    #[test]
    fn other_services_join_the_end_of_the_checklist() {
        let mut plan = presets::build(Preset::PrivateNewVpc);
        set_endpoint(&mut plan, "secretsmanager", true).unwrap();
        let checklist = endpoint_checklist(&plan);

        let last = checklist.last().unwrap();
        assert_eq!(last.service, "secretsmanager");
        assert!(!last.required);
        assert_eq!(last.endpoints, ["vpce-secretsmanager"]);
        assert!(rules::check(&plan).is_ready());
    }

    #[test]
    fn ticking_a_missing_required_service_clears_its_finding() {
        let mut plan = presets::build(Preset::PrivateExistingVpc);
        plan.endpoints.retain(|e| e.service != "logs");
        assert!(!rules::check(&plan).is_ready());

        set_endpoint(&mut plan, "logs", true).unwrap();
        set_endpoint(&mut plan, "logs", true).unwrap();
        assert_eq!(serving(&plan, "logs").len(), 1);
        assert!(rules::check(&plan).is_ready());
    }

    #[test]
    fn policies_are_checked_before_they_are_set() {
        let mut plan = presets::build(Preset::PrivateNewVpc);
        let cases = [
            (Some("{\"Statement\": []}"), Ok(())),
            (
                Some("[1]"),
                Err("the policy is not valid JSON: a policy document is a \
                     JSON object"),
            ),
            (
                Some("{"),
                Err("the policy is not valid JSON: line 1, column 1: EOF \
                     while parsing an object"),
            ),
            (None, Ok(())),
        ];
        for (text, expected) in cases {
            let result = set_endpoint_policy(&mut plan, "vpce-s3", text)
                .map_err(|e| e.to_string());
            assert_eq!(result, expected.map_err(str::to_owned), "{text:?}");
        }
        assert!(set_endpoint_policy(&mut plan, "vpce-x", None).is_err());
    }
}
