//! Rules: references between parts.

use super::Rule;

pub(super) const RULES: &[&Rule] = &[];
