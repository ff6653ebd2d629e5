//! Erlang X: required agents by the fast method at 100 calls per half hour (the everyday
//! case), one fast solve, and the exact chain at 10, 100 and 200 agents.
//!
//! Run: `cargo bench -p wfm-forecast --bench erlang_x`.

#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use wfm_forecast::{
    ErlangX, ErlangXMethod, IntervalLength, Lines, Redials, ServiceTarget, Targets, TimeSpan,
    Volume,
};

fn secs(s: f64) -> TimeSpan {
    TimeSpan::from_seconds(s).unwrap()
}

fn bench(c: &mut Criterion) {
    let redials = Redials::new(0.5, 0.5, secs(300.0)).unwrap();
    let q = ErlangX::new(
        Volume::new(100.0).unwrap(),
        secs(180.0),
        IntervalLength::MINUTES_30,
        Some(secs(120.0)),
        redials,
    )
    .unwrap();
    let t = Targets::service_level(ServiceTarget::new(0.8, secs(20.0)).unwrap());
    c.bench_function("erlang_x/required_agents_fast_100_calls_30m", |b| {
        b.iter(|| {
            q.required_agents(black_box(Lines::Limited(30)), &t, ErlangXMethod::Fast)
                .unwrap()
        });
    });
    c.bench_function("erlang_x/solve_fast_10_agents", |b| {
        b.iter(|| {
            q.solve(black_box(10), Lines::Limited(30), ErlangXMethod::Fast)
                .unwrap()
        });
    });
    c.bench_function("erlang_x/solve_exact_10_agents_30_lines", |b| {
        b.iter(|| {
            q.solve(black_box(10), Lines::Limited(30), ErlangXMethod::Exact)
                .unwrap()
        });
    });
    let mut g = c.benchmark_group("erlang_x_exact_large");
    g.sample_size(10);
    for (a, n, lines) in [(95.0, 100u32, 115u32), (190.0, 200, 230)] {
        let q = ErlangX::from_erlangs(a, secs(180.0), Some(secs(120.0)), redials).unwrap();
        g.bench_function(format!("solve_exact_{n}_agents_{lines}_lines"), |b| {
            b.iter(|| {
                q.solve(black_box(n), Lines::Limited(lines), ErlangXMethod::Exact)
                    .unwrap()
            });
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
