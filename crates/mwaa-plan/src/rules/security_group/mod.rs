//! Rules: security groups.

use super::Rule;

pub(super) const RULES: &[&Rule] = &[];
