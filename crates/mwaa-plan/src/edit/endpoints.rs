//! Choosing VPC endpoints from a checklist of the services MWAA uses.

use super::{known_region, PlanEditError};
use crate::plan::{EndpointKind, Plan, Routing};
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
}
