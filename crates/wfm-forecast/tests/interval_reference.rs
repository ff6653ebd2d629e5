//! Interval accuracy against reference values written by `benches/forecast_reference.py`
//! (tests/data/interval_scores.csv): statsforecast's seasonal-naive 80/95 % intervals scored
//! against the month's first 14 actuals — coverage from utilsforecast, the Winkler score from
//! numpy (cross-checked in the script with utilsforecast's quantile loss), MSIS(7) — and the
//! coverage tests against scipy's `binomtest` and `chi2.sf`, on those intervals and on a grid
//! of miss counts up to n = 1,000,000.

#![allow(clippy::unwrap_used)]

mod common;

use common::{f, load, rel, series};
use wfm_forecast::{
    Calendar, Error, IntervalAccumulator, Level, RollingOrigin, SeasonalNaive, TrainingScale,
    VolumeModel,
};

#[test]
fn seasonal_naive_intervals_score_as_utilsforecast_numpy_and_scipy() {
    let train = series("forecast_month.csv", "train");
    let actual: Vec<f64> = series("forecast_month.csv", "actual")[..14].to_vec();
    let scale = TrainingScale::seasonal_naive(&train, 7).unwrap();
    let table = load("interval_scores.csv");
    let mut checked = 0;
    for (level, case) in [(0.8, "level80"), (0.95, "level95")] {
        // Our own seasonal-naive intervals (equal to statsforecast's to 1e-9, see
        // forecast_reference.rs) scored by our accumulator.
        let fc = SeasonalNaive::new(7)
            .unwrap()
            .forecast(
                &train,
                &Calendar::always_open(),
                14,
                Some(Level::new(level).unwrap()),
            )
            .unwrap();
        let r = IntervalAccumulator::from_interval(&actual, fc.interval.as_ref().unwrap())
            .unwrap()
            .report()
            .unwrap();
        let t = r.coverage_test();
        for row in table.rows.iter().filter(|row| row["case"] == case) {
            let reference = f(row, "value");
            let (ours, tol) = match row["measure"].as_str() {
                "coverage" => (r.coverage(), 1e-15),
                "below" => (r.below_share(), 1e-15),
                "above" => (r.above_share(), 1e-15),
                "mean_width" => (r.mean_width(), 1e-9),
                "winkler" => (r.interval_score(), 1e-9),
                "msis7" => (r.scaled_interval_score(&scale), 1e-9),
                "binomtest" => (t.exact_p_value, 1e-9),
                "kupiec" => (t.likelihood_ratio, 1e-12),
                "kupiec_p" => (t.likelihood_ratio_p_value, 1e-9),
                other => panic!("unknown measure {other}"),
            };
            assert_eq!(t.misses, f(row, "x") as u64);
            assert!(
                rel(ours, reference) <= tol,
                "{case} {}: ours {ours} vs {reference}",
                row["measure"]
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 18);
}

#[test]
fn coverage_tests_match_scipy_on_a_grid() {
    let table = load("interval_scores.csv");
    let mut checked = 0;
    for row in table.rows.iter().filter(|row| row["case"] == "grid") {
        let (x, n, alpha) = (f(row, "x") as u64, f(row, "n") as u64, f(row, "alpha"));
        let level = Level::new(1.0 - alpha).unwrap();
        // x misses (all above) and n − x hits of a unit interval.
        let mut acc = IntervalAccumulator::new(level);
        let mut part = IntervalAccumulator::new(level);
        for i in 0..n {
            let target = if i % 2 == 0 { &mut acc } else { &mut part };
            target
                .record(if i < x { 3.0 } else { 1.5 }, 1.0, 2.0)
                .unwrap();
        }
        acc.merge(&part).unwrap();
        let t = acc.report().unwrap().coverage_test();
        assert_eq!((t.misses, t.points), (x, n));
        let reference = f(row, "value");
        let (ours, tol) = match row["measure"].as_str() {
            "binomtest" => (t.exact_p_value, 1e-9),
            "kupiec" => (t.likelihood_ratio, 1e-10),
            "kupiec_p" => (t.likelihood_ratio_p_value, 1e-9),
            other => panic!("unknown measure {other}"),
        };
        // p-values far in the tail are compared relatively; exact zeros absolutely.
        let ok = if reference == 0.0 {
            ours.abs() < 1e-300
        } else {
            rel(ours, reference) <= tol || (ours - reference).abs() < 1e-15
        };
        assert!(
            ok,
            "x={x} n={n} alpha={alpha} {}: ours {ours} vs scipy {reference}",
            row["measure"]
        );
        checked += 1;
    }
    assert_eq!(checked, 18 * 3);
}

#[test]
fn backtest_scores_intervals_per_fold_and_overall() {
    let train = series("forecast_month.csv", "train");
    let level = Level::new(0.8).unwrap();
    let bt = RollingOrigin::new(28, 7, 7)
        .unwrap()
        .run_with_intervals(
            &SeasonalNaive::new(7).unwrap(),
            &train,
            &Calendar::always_open(),
            level,
        )
        .unwrap();
    assert_eq!(bt.folds.len(), 4);
    let mut merged = IntervalAccumulator::new(level);
    for fold in &bt.folds {
        let fc = SeasonalNaive::new(7)
            .unwrap()
            .forecast(
                &train[..fold.origin],
                &Calendar::always_open(),
                7,
                Some(level),
            )
            .unwrap();
        let own = IntervalAccumulator::from_interval(
            &train[fold.origin..fold.origin + 7],
            fc.interval.as_ref().unwrap(),
        )
        .unwrap();
        assert_eq!(fold.interval.unwrap().accumulator(), &own);
        merged.merge(&own).unwrap();
    }
    assert_eq!(bt.interval.unwrap().accumulator(), &merged);
    // Without a level, no interval is scored.
    let plain = RollingOrigin::new(28, 7, 7)
        .unwrap()
        .run(
            &SeasonalNaive::new(7).unwrap(),
            &train,
            &Calendar::always_open(),
        )
        .unwrap();
    assert!(plain.interval.is_none() && plain.folds.iter().all(|f| f.interval.is_none()));
    assert_eq!(plain.overall, bt.overall);
}

#[test]
fn bad_input_is_refused_with_typed_errors() {
    let level = Level::new(0.9).unwrap();
    assert!(matches!(
        IntervalAccumulator::from_bounds(&[1.0, 2.0], &[0.0], &[3.0, 3.0], level),
        Err(Error::SeriesLengthMismatch { .. })
    ));
    assert!(matches!(
        IntervalAccumulator::from_bounds(&[1.0], &[0.0], &[3.0, 3.0], level),
        Err(Error::SeriesLengthMismatch { .. })
    ));
    assert!(matches!(
        IntervalAccumulator::from_bounds(&[], &[], &[], level),
        Err(Error::EmptySeries { .. })
    ));
    assert!(matches!(
        IntervalAccumulator::from_bounds(&[1.0, 2.0], &[0.0, 4.0], &[3.0, 3.0], level),
        Err(Error::CrossedInterval { index: 1, .. })
    ));
    for bad in [f64::NAN, f64::INFINITY, -1.0] {
        assert!(matches!(
            IntervalAccumulator::from_bounds(&[bad], &[0.0], &[3.0], level),
            Err(Error::InvalidValue {
                series: "actual",
                ..
            })
        ));
    }
    assert!(matches!(
        IntervalAccumulator::from_bounds(&[1.0], &[f64::NEG_INFINITY], &[3.0], level),
        Err(Error::InvalidValue {
            series: "lower",
            ..
        })
    ));
    // A negative lower bound from another tool is scored as given.
    let r = IntervalAccumulator::from_bounds(&[0.0], &[-2.0], &[3.0], level)
        .unwrap()
        .report()
        .unwrap();
    assert_eq!(r.mean_width(), 5.0);
    assert_eq!(r.coverage(), 1.0);
}

#[test]
fn a_million_points_stream_and_merge() {
    let level = Level::new(0.95).unwrap();
    let mut parts = vec![IntervalAccumulator::new(level); 4];
    let mut whole = IntervalAccumulator::new(level);
    for i in 0..1_000_000u64 {
        let y = (i % 100) as f64;
        let (l, u) = (5.0, 97.0);
        whole.record(y, l, u).unwrap();
        parts[(i % 4) as usize].record(y, l, u).unwrap();
    }
    let mut merged = IntervalAccumulator::new(level);
    for p in &parts {
        merged.merge(p).unwrap();
    }
    let (a, b) = (whole.report().unwrap(), merged.report().unwrap());
    assert_eq!(a.coverage(), b.coverage());
    assert_eq!(a.coverage(), 0.93); // 0..=4 below (5 %), 98, 99 above (2 %)
    assert!(rel(a.interval_score(), b.interval_score()) < 1e-12);
    // Width 92 + (2 / 0.05) · (Σ_{k=1..5} k + 1 + 2) / 100 = 92 + 40 · 0.18
    assert!(rel(a.interval_score(), 92.0 + 40.0 * 0.18) < 1e-12);
    let t = a.coverage_test();
    assert!(t.exact_p_value < 1e-100 && t.likelihood_ratio_p_value < 1e-100);
}

#[cfg(feature = "serde")]
#[test]
fn the_accumulator_round_trips_through_json_and_invalid_documents_are_refused() {
    let acc = IntervalAccumulator::from_bounds(
        &[5.0, 9.0, 0.5],
        &[4.0, 4.0, 1.0],
        &[6.0, 6.0, 2.0],
        Level::new(0.8).unwrap(),
    )
    .unwrap();
    let json = serde_json::to_string(&acc).unwrap();
    let back: IntervalAccumulator = serde_json::from_str(&json).unwrap();
    assert_eq!(back, acc);
    let doc = |level: &str, n: u64, below: u64, width: &str| {
        format!(
            r#"{{"level":{level},"n":{n},"below":{below},"above":1,"sum_width":{width},"short_below":0.5,"short_above":3.0}}"#
        )
    };
    assert!(serde_json::from_str::<IntervalAccumulator>(&doc("0.8", 3, 1, "6.0")).is_ok());
    for bad in [
        doc("1.5", 3, 1, "6.0"),  // level outside (0, 1)
        doc("0.8", 1, 1, "6.0"),  // more misses than points
        doc("0.8", 3, 1, "-6.0"), // negative sum of widths
    ] {
        let err = serde_json::from_str::<IntervalAccumulator>(&bad).unwrap_err();
        assert!(!err.to_string().is_empty(), "{bad}");
    }
}
