//! Rules: network ACLs.

use super::Rule;

pub(super) const RULES: &[&Rule] = &[];
