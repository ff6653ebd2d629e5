//! Hot paths of the forecasting side: accuracy and interval accuracy over a million points,
//! actuals from a million
//! contact records, a Holt–Winters fit, and the intraday model on a half-hourly series.
//!
//! Run: `cargo bench -p wfm-forecast --bench forecasting`.

#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use wfm_forecast::{
    AccuracyAccumulator, ActualsAccumulator, Calendar, ContactRecord, DayProfile, HoltWinters,
    IntervalAccumulator, IntervalLength, Level, Outcome, TimeSpan, VolumeModel,
};

/// A 64-bit LCG (Knuth's MMIX constants), seed 42: uniform in [0, 1).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

const WEEK: [f64; 7] = [1450.0, 1380.0, 1320.0, 1300.0, 1250.0, 600.0, 370.0];

fn bench(c: &mut Criterion) {
    let mut rng = Lcg(42);
    let n = 1_000_000;
    let actual: Vec<f64> = (0..n).map(|_| 1.0 + (rng.next() * 500.0).floor()).collect();
    let forecast: Vec<f64> = actual
        .iter()
        .map(|a| a * (0.8 + 0.4 * rng.next()))
        .collect();
    c.bench_function("accuracy_all_measures_1m_points", |b| {
        b.iter(|| {
            let r = AccuracyAccumulator::from_series(black_box(&actual), black_box(&forecast))
                .unwrap()
                .report()
                .unwrap();
            black_box((
                r.mae(),
                r.rmse(),
                r.mape().unwrap(),
                r.smape(),
                r.wape().unwrap(),
            ))
        });
    });

    // 80 % intervals of ±15 % around the forecast, scored with the coverage tests.
    let lower: Vec<f64> = forecast.iter().map(|f| f * 0.85).collect();
    let upper: Vec<f64> = forecast.iter().map(|f| f * 1.15).collect();
    let level = Level::new(0.8).unwrap();
    c.bench_function("interval_accuracy_1m_points", |b| {
        b.iter(|| {
            let r = IntervalAccumulator::from_bounds(
                black_box(&actual),
                black_box(&lower),
                black_box(&upper),
                level,
            )
            .unwrap()
            .report()
            .unwrap();
            black_box((r.coverage(), r.interval_score(), r.coverage_test()))
        });
    });

    // A million calls over 30 days, 5 % abandoned, in random order.
    let s = |x: f64| TimeSpan::from_seconds(x).unwrap();
    let records: Vec<ContactRecord<'static>> = (0..n)
        .map(|_| {
            let at = (rng.next() * 30.0 * 86_400.0) as i64;
            let wait = s((rng.next() * 60.0).floor());
            let outcome = if rng.next() < 0.05 {
                Outcome::Abandoned { wait }
            } else {
                Outcome::Answered {
                    wait,
                    handle: s(60.0 + (rng.next() * 400.0).floor()),
                }
            };
            ContactRecord::new(at, outcome)
        })
        .collect();
    c.bench_function("actuals_1m_records_30min_intervals", |b| {
        b.iter(|| {
            let mut acc = ActualsAccumulator::new(IntervalLength::MINUTES_30, s(20.0));
            for r in &records {
                acc.record(black_box(r));
            }
            black_box(acc.per_interval().len())
        });
    });

    // Three years of daily volumes with a weekly season.
    let daily: Vec<f64> = (0..1095)
        .map(|t| (WEEK[t % 7] * (1.0 + 0.0002 * t as f64) * (0.93 + 0.14 * rng.next())).round())
        .collect();
    let cal = Calendar::always_open();
    c.bench_function("holt_winters_additive_damped_fit_1095_days_season_7", |b| {
        b.iter(|| {
            black_box(
                HoltWinters::additive(7)
                    .unwrap()
                    .damped()
                    .fit(black_box(&daily), &cal)
                    .unwrap(),
            )
        });
    });
    c.bench_function("holt_winters_multiplicative_fit_1095_days_season_7", |b| {
        b.iter(|| {
            black_box(
                HoltWinters::multiplicative(7)
                    .unwrap()
                    .fit(black_box(&daily), &cal)
                    .unwrap(),
            )
        });
    });

    // Eight weeks of half-hours (2,688 slots), forecast a week.
    let shape: Vec<f64> = (0..48)
        .map(|j| {
            let h = j as f64 / 2.0;
            if (7.0..21.0).contains(&h) {
                (std::f64::consts::PI * (h - 7.0) / 14.0).sin()
            } else {
                0.0
            }
        })
        .collect();
    let half_hourly: Vec<f64> = (0..56 * 48)
        .map(|t| (WEEK[(t / 48) % 7] / 20.0 * shape[t % 48] * (0.9 + 0.2 * rng.next())).round())
        .collect();
    let model = DayProfile::new(48, HoltWinters::additive(7).unwrap().damped(), 4).unwrap();
    c.bench_function("day_profile_fit_forecast_2688_half_hours_h336", |b| {
        b.iter(|| {
            black_box(
                model
                    .forecast(black_box(&half_hourly), &cal, 336, None)
                    .unwrap(),
            )
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
