//! Rules: the CIDR plan.

use super::Rule;

pub(super) const RULES: &[&Rule] = &[];
