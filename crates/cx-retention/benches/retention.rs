//! Benches of `cx-retention`: one-pass counts and cohort tables from 10 M activity events,
//! subscription records of 1 M customers, the sBG fit, and Kaplan–Meier on 1 M subjects.
//!
//! Run: `CARGO_TARGET_DIR=target-ret cargo bench -p cx-retention --bench retention`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use cx_retention::{
    ActivityAccumulator, ActivityEvent, DateRange, KaplanMeier, LapseRule, Money, PeriodUnit,
    PeriodWindow, SbgModel, Subscription, SubscriptionAccumulator, TenureObservation,
};
use jiff::civil::{Date, date};

/// SplitMix64: a small deterministic generator, so that runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const START: Date = date(2023, 1, 1);
const DAYS: u64 = 730;

fn window() -> PeriodWindow {
    match DateRange::new(START, date(2025, 1, 1)).and_then(|r| r.periods(PeriodUnit::Month)) {
        Ok(w) => w,
        Err(e) => panic!("{e}"),
    }
}

fn day(offset: u64) -> Date {
    match START.checked_add(jiff::Span::new().days(offset as i64)) {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    }
}

/// 10 M events of 1 M customers over two years, grouped by customer, dates in random order
/// within a customer (the accumulator then sorts each customer's events).
fn events(n_events: usize, n_customers: u64) -> Vec<ActivityEvent> {
    let mut rng = Rng(42);
    let days: Vec<Date> = (0..DAYS).map(day).collect();
    let per = n_events as u64 / n_customers;
    let mut out = Vec::with_capacity(n_events);
    for c in 0..n_customers {
        let first = rng.below(DAYS);
        let span = 1 + rng.below(DAYS - first);
        for _ in 0..per {
            let d = days[(first + rng.below(span)) as usize];
            out.push(ActivityEvent {
                customer: c,
                date: d,
                revenue: Money::from_minor_units(rng.below(10_000)),
            });
        }
    }
    out
}

fn subscriptions(n_customers: u64) -> Vec<Subscription> {
    let mut rng = Rng(7);
    let mut out = Vec::with_capacity(n_customers as usize * 2);
    for c in 0..n_customers {
        let start = rng.below(DAYS);
        let len = 1 + rng.below(400);
        let end = (start + len < DAYS + 30).then(|| day(start + len));
        out.push(Subscription {
            customer: c,
            start: day(start),
            end,
        });
        if let Some(_e) = end
            && rng.below(4) == 0
        {
            let back = start + len + 1 + rng.below(60);
            out.push(Subscription {
                customer: c,
                start: day(back),
                end: None,
            });
        }
    }
    out
}

fn bench_counts(c: &mut Criterion) {
    let w = window();
    let ev = events(10_000_000, 1_000_000);
    let rule = match LapseRule::after(1) {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    };
    let mut g = c.benchmark_group("activity");
    g.sample_size(10);
    g.throughput(Throughput::Elements(ev.len() as u64));
    g.bench_function("counts_cohorts_revenue_10M_events_1_thread", |b| {
        b.iter(|| {
            let mut acc = ActivityAccumulator::new(w, rule);
            let r = acc.record_events(ev.iter().copied());
            black_box((r, acc.period_counts().map(|c| c.len())))
        })
    });
    let mut sorted = ev.clone();
    sorted.sort_by_key(|e| (e.customer, e.date));
    g.bench_function("counts_cohorts_revenue_10M_events_dates_sorted", |b| {
        b.iter(|| {
            let mut acc = ActivityAccumulator::new(w, rule);
            let r = acc.record_events(sorted.iter().copied());
            black_box((r, acc.period_counts().map(|c| c.len())))
        })
    });
    drop(sorted);
    g.bench_function("counts_cohorts_revenue_10M_events_2_threads_merge", |b| {
        b.iter(|| {
            let mid = ev.partition_point(|e| e.customer < 500_000);
            let (l, r) = ev.split_at(mid);
            let (mut a, bacc) = std::thread::scope(|s| {
                let h = s.spawn(|| {
                    let mut acc = ActivityAccumulator::new(w, rule);
                    acc.record_events(r.iter().copied()).map(|_| acc)
                });
                let mut acc = ActivityAccumulator::new(w, rule);
                let left = acc.record_events(l.iter().copied()).map(|_| acc);
                (left, h.join())
            });
            if let (Ok(a), Ok(Ok(b))) = (&mut a, bacc) {
                black_box(a.merge(&b).is_ok());
            }
            black_box(a.is_ok())
        })
    });
    g.finish();

    let subs = subscriptions(1_000_000);
    let mut g = c.benchmark_group("subscriptions");
    g.sample_size(10);
    g.throughput(Throughput::Elements(subs.len() as u64));
    g.bench_function("counts_cohorts_1M_customers", |b| {
        b.iter(|| {
            let mut acc = SubscriptionAccumulator::new(w);
            let r = acc.record_subscriptions(subs.iter().copied());
            black_box((r, acc.period_counts().map(|c| c.len())))
        })
    });
    g.finish();
}

fn bench_models(c: &mut Criterion) {
    let high_end = [1000, 869, 743, 653, 593, 551, 517, 491];
    c.bench_function("sbg_fit_fader_hardie_high_end", |b| {
        b.iter(|| SbgModel::fit(black_box(&high_end)))
    });
    // One pass over the longest projection the model accepts (survival, retention and churn
    // of every period), and DERL at the smallest accepted discount rate with almost no churn
    // (the most terms the series can need).
    let regular = SbgModel::new(0.704, 1.182).unwrap_or_else(|e| panic!("{e}"));
    let mut g = c.benchmark_group("sbg_projection");
    g.sample_size(10);
    g.throughput(Throughput::Elements(u64::from(SbgModel::MAX_HORIZON)));
    g.bench_function("max_horizon", |b| {
        b.iter(|| {
            regular
                .projection(black_box(SbgModel::MAX_HORIZON))
                .map(|p| {
                    p.map(|row| row.churn_probability.unwrap_or(0.0))
                        .sum::<f64>()
                })
        })
    });
    g.finish();
    let slow = SbgModel::new(1e-300, 1.0).unwrap_or_else(|e| panic!("{e}"));
    let mut g = c.benchmark_group("sbg_derl");
    g.sample_size(10);
    g.bench_function("min_discount_no_churn", |b| {
        b.iter(|| slow.derl(black_box(SbgModel::MIN_DERL_DISCOUNT), 1))
    });
    g.finish();

    let mut rng = Rng(99);
    let obs: Vec<TenureObservation> = (0..1_000_000)
        .map(|_| {
            let t = 1 + rng.below(1500);
            let cens = 1 + rng.below(2500);
            TenureObservation {
                duration: t.min(cens) as f64,
                churned: t <= cens,
            }
        })
        .collect();
    let mut g = c.benchmark_group("kaplan_meier");
    g.sample_size(10);
    g.throughput(Throughput::Elements(obs.len() as u64));
    g.bench_function("fit_1M_subjects", |b| {
        b.iter(|| KaplanMeier::fit(black_box(&obs), 0.95).map(|k| k.median()))
    });
    g.finish();
}

criterion_group!(benches, bench_counts, bench_models);
criterion_main!(benches);
