//! Benches of the hot paths: recording events (sorted and interleaved input), finishing the
//! log, and the reports (steps, variants, directly-follows counts).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use cx_journey::JourneyLog;
use std::hint::black_box;

const STEPS: [&str; 12] = [
    "Search",
    "Browse",
    "Product page",
    "Basket",
    "Login",
    "Pay",
    "Confirm",
    "Help page",
    "Chat",
    "Call",
    "Track order",
    "Return",
];

/// `n` events of journeys of 1 to 11 steps, as (case, ms, step) sorted by case and time.
fn events(n: usize) -> Vec<(String, i64, &'static str)> {
    let mut x = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut out = Vec::with_capacity(n);
    let mut case = 0u64;
    while out.len() < n {
        let len = 1 + (next() % 11) as usize;
        let mut t = (next() % 1_000_000) as i64 * 1000;
        for _ in 0..len.min(n - out.len()) {
            out.push((format!("c{case}"), t, STEPS[(next() % 12) as usize]));
            t += 1000 + (next() % 3_600_000) as i64;
        }
        case += 1;
    }
    out
}

fn bench(c: &mut Criterion) {
    let n = 200_000;
    let sorted = events(n);
    let mut interleaved = sorted.clone();
    interleaved.sort_by_key(|e| e.1);
    let mut g = c.benchmark_group("journey");
    g.throughput(Throughput::Elements(n as u64));
    g.sample_size(10);
    for (name, input) in [
        ("record_sorted", &sorted),
        ("record_interleaved", &interleaved),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut log = JourneyLog::new();
                for (case, t, step) in input {
                    log.record(case, *t, step, "web", None).expect("valid");
                }
                black_box(log)
            })
        });
    }
    let fill = |input: &[(String, i64, &'static str)]| {
        let mut log = JourneyLog::new();
        for (case, t, step) in input {
            log.record(case, *t, step, "web", None).expect("valid");
        }
        log
    };
    let log_sorted = fill(&sorted);
    let log_interleaved = fill(&interleaved);
    g.bench_function("finish_sorted", |b| {
        b.iter(|| black_box(log_sorted.clone().finish().expect("finish")))
    });
    g.bench_function("finish_interleaved", |b| {
        b.iter(|| black_box(log_interleaved.clone().finish().expect("finish")))
    });
    let j = log_sorted.clone().finish().expect("finish");
    g.bench_function("variants", |b| b.iter(|| black_box(j.variants())));
    g.bench_function("directly_follows", |b| {
        b.iter(|| black_box(j.directly_follows()))
    });
    g.bench_function("steps", |b| b.iter(|| black_box(j.steps())));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
