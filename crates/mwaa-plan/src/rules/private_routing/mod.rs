//! Rules: private routing, through VPC endpoints.

use super::Rule;

pub(super) const RULES: &[&Rule] = &[];
