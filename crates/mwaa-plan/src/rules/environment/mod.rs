//! Rules: the environment's shape, for both routings.

use super::Rule;

mod subnet_count;

pub(super) const RULES: &[&Rule] = &[&subnet_count::RULE];
