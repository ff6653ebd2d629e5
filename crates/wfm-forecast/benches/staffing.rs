//! Hot paths: required agents over a 10,000-interval workload, a year of 15-minute
//! intervals through a staffing plan, Erlang A searches at 100, 10,000 and 100,000 Erlangs, and
//! single evaluations (Erlang C at 1,000 Erlangs, Erlang A at 100).
//!
//! Run: `cargo bench -p wfm-forecast --bench staffing`.

#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use wfm_forecast::{
    ErlangA, ErlangC, IntervalLength, Model, PlanSettings, ServiceTarget, Shrinkage, Targets,
    TimeSpan, Volume,
};

/// The workload: `count` volumes of 10–2,000 contacts per interval from a 64-bit LCG
/// (Knuth's MMIX constants), seed 42. `benches/wfm_compare_pyworkforce.py` uses the same.
fn volumes(count: usize, lo: u64, hi: u64) -> Vec<Volume> {
    let mut x: u64 = 42;
    (0..count)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            #[allow(clippy::cast_precision_loss)]
            let v = (lo + (x >> 33) % (hi - lo + 1)) as f64;
            Volume::new(v).unwrap()
        })
        .collect()
}

fn targets() -> Targets {
    Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0).unwrap()).unwrap())
}

fn bench(c: &mut Criterion) {
    let aht = TimeSpan::from_seconds(180.0).unwrap();
    let t = targets();

    let work = volumes(10_000, 10, 2000);
    c.bench_function("erlang_c_required_agents_10k_intervals_30min", |b| {
        b.iter(|| {
            let mut total = 0u64;
            for &v in &work {
                let q = ErlangC::new(v, aht, IntervalLength::MINUTES_30).unwrap();
                total += u64::from(q.required_agents(black_box(&t)).unwrap().agents);
            }
            total
        });
    });

    let year = volumes(365 * 96, 5, 1000);
    let settings = PlanSettings {
        interval: IntervalLength::MINUTES_15,
        model: Model::ErlangC,
        targets: t,
        shrinkage: Shrinkage::from_fraction(0.3).unwrap(),
    };
    let mut group = c.benchmark_group("plan");
    group.sample_size(20);
    group.bench_function("erlang_c_plan_year_of_15min_intervals", |b| {
        b.iter(|| settings.staff(black_box(&year), &[aht]).unwrap());
    });
    group.finish();

    let qa = ErlangA::from_erlangs(100.0, aht, TimeSpan::from_seconds(180.0).unwrap()).unwrap();
    c.bench_function("erlang_a_required_agents_100_erlangs", |b| {
        b.iter(|| black_box(&qa).required_agents(&t).unwrap());
    });

    // The upper range: 10,000 and 100,000 Erlangs, same targets and patience.
    let mut group = c.benchmark_group("erlang_a_large");
    group.sample_size(10);
    for (name, erlangs) in [
        ("erlang_a_required_agents_10000_erlangs", 10_000.0),
        ("erlang_a_required_agents_100000_erlangs", 100_000.0),
    ] {
        let q =
            ErlangA::from_erlangs(erlangs, aht, TimeSpan::from_seconds(180.0).unwrap()).unwrap();
        group.bench_function(name, |b| {
            b.iter(|| black_box(&q).required_agents(&t).unwrap());
        });
    }
    group.finish();

    // One Erlang A evaluation at 100 Erlangs and 103 agents (near the 80/20 staffing):
    // the measures alone, and every service-level variant at 20 s.
    let within = TimeSpan::from_seconds(20.0).unwrap();
    c.bench_function("erlang_a_metrics_100_erlangs", |b| {
        b.iter(|| black_box(&qa).metrics(black_box(103)).unwrap());
    });
    c.bench_function("erlang_a_service_levels_100_erlangs", |b| {
        b.iter(|| {
            black_box(&qa)
                .service_levels(black_box(103), within)
                .unwrap()
        });
    });

    // Fractional agents: the root of the continuous service-level curve, at 10 and 1,000
    // Erlangs.
    for erlangs in [10.0, 1000.0] {
        let q = ErlangC::from_erlangs(erlangs, aht).unwrap();
        c.bench_function(
            &format!("erlang_c_fractional_required_agents_{erlangs}_erlangs"),
            |b| b.iter(|| black_box(&q).fractional_required_agents(&t).unwrap()),
        );
    }

    let qc = ErlangC::from_erlangs(1000.0, aht).unwrap();
    c.bench_function("erlang_c_metrics_1000_erlangs", |b| {
        b.iter(|| black_box(&qc).metrics(black_box(1050), within).unwrap());
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
