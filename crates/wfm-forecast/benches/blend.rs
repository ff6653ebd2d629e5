//! Call blending: one exact evaluation (stationary chain, waiting-time recursion and the
//! service level at 20 s) at 16, 50 and 200 agents, and the search for the fewest agents and
//! the best reserve.
//!
//! Run: `cargo bench -p wfm-forecast --bench blend`.

#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use wfm_forecast::{Blend, IntervalLength, ServiceTarget, Targets, TimeSpan, Volume};

fn blend(volume: f64, patience: Option<f64>) -> Blend {
    let b = Blend::new(
        Volume::new(volume).unwrap(),
        TimeSpan::from_minutes(4.0).unwrap(),
        IntervalLength::MINUTES_30,
        TimeSpan::from_minutes(6.0).unwrap(),
    )
    .unwrap();
    match patience {
        Some(p) => b.with_patience(TimeSpan::from_seconds(p).unwrap()).unwrap(),
        None => b,
    }
}

fn benches(c: &mut Criterion) {
    let t = TimeSpan::from_seconds(20.0).unwrap();
    // Loads of about 81 % inbound occupancy at 16, 50 and 200 agents, a reserve of 10 %.
    for (volume, n, k) in [(97.5, 16_u32, 2_u32), (305.0, 50, 5), (1220.0, 200, 20)] {
        let b = blend(volume, None);
        c.bench_function(&format!("blend metrics {n} agents reserve {k}"), |bench| {
            bench.iter(|| black_box(b.metrics(black_box(n), black_box(k), t).unwrap()));
        });
        let p = blend(volume, Some(120.0));
        c.bench_function(
            &format!("blend metrics {n} agents reserve {k}, patience 2 min"),
            |bench| bench.iter(|| black_box(p.metrics(black_box(n), black_box(k), t).unwrap())),
        );
    }
    let sl = Targets::service_level(ServiceTarget::new(0.8, t).unwrap());
    for (volume, outbound) in [(100.0, 40.0), (300.0, 100.0)] {
        let b = blend(volume, None);
        let want = Volume::new(outbound).unwrap();
        c.bench_function(
            &format!("blend required staffing {volume} in + {outbound} out per 30 min"),
            |bench| bench.iter(|| black_box(b.required_staffing(&sl, want).unwrap())),
        );
    }
}

criterion_group! {
    name = blend_benches;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(blend_benches);
