//! How long a full check of a plan takes, from the standard two-zone plan
//! to 1,000 subnets. Run with `cargo bench -p mwaa-plan --bench check`;
//! the figures are published in `docs/benchmarks.md`.

use divan::{black_box, Bencher};
use mwaa_plan::presets::{self, Preset};
use mwaa_plan::rules;

fn main() {
    divan::main();
}

#[divan::bench]
fn standard_two_zone_plan(bencher: Bencher) {
    let plan = presets::build(Preset::PublicInternet);
    bencher.bench(|| rules::check(black_box(&plan)));
}

#[divan::bench]
fn private_plan_with_endpoints(bencher: Bencher) {
    let plan = presets::build(Preset::PrivateNewVpc);
    bencher.bench(|| rules::check(black_box(&plan)));
}

#[divan::bench(args = [10, 100, 1000])]
fn subnets(bencher: Bencher, count: usize) {
    let plan = presets::scaled(count);
    assert_eq!(plan.subnets.len(), count);
    bencher.bench(|| rules::check(black_box(&plan)));
}

#[divan::bench(args = [100, 1000])]
fn subnets_with_overlaps(bencher: Bencher, count: usize) {
    let mut plan = presets::scaled(count);
    // One subnet in ten takes its neighbour's block: count / 10 overlaps.
    for index in (5..plan.subnets.len()).step_by(10) {
        plan.subnets[index].cidr = plan.subnets[index - 1].cidr;
    }
    bencher.bench(|| rules::check(black_box(&plan)));
}
