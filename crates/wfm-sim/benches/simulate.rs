//! Simulated calls per second: one call type and one group over a day, and the two-type "W"
//! model of the ciw comparison.
#![allow(missing_docs)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use wfm_sim::{SkillRouter, replicate, single_queue};

fn single_skill(c: &mut Criterion) {
    // 100 Erlangs, 3-minute calls, 108 agents, 48 half-hours: about 48 000 calls a day.
    let model = single_queue(100.0, 180.0, Some(300.0), 108, 48, 1800).expect("valid model");
    let router = SkillRouter::new(&model);
    let calls = replicate(&model, &router, 1, 0)
        .expect("runs")
        .call_type_total(0)
        .offered;
    let mut g = c.benchmark_group("single_skill_day");
    g.throughput(Throughput::Elements(calls));
    let mut r = 0;
    g.bench_function("100_erlangs_108_agents", |b| {
        b.iter(|| {
            r += 1;
            replicate(&model, &router, 1, r).expect("runs")
        })
    });
    g.finish();
}

criterion_group!(benches, single_skill);
criterion_main!(benches);
