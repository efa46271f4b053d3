//! Rules: public routing, through NAT gateways to the internet.

use super::Rule;

pub(super) const RULES: &[&Rule] = &[];
