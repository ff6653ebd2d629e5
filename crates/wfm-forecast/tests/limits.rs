//! Inputs at the edge of what the crate accepts: values so large that sums of squares would
//! overflow are refused by name, and loads beyond the staffing search say so.

#![allow(clippy::unwrap_used)]

use wfm_forecast::{
    AccuracyAccumulator, AccuracyReport, Calendar, ErlangA, ErlangC, Error, IntervalAccumulator,
    Level, MAX_VALUE, MaxProbability, RollingOrigin, SEARCH_LIMIT, SeasonalNaive, ServiceTarget,
    Targets, TimeSpan, TrainingScale,
};

#[test]
fn values_beyond_max_value_are_refused_naming_series_and_index() {
    // Before: actual 1e308 and forecast 1.7e308 overflowed A + F, so sMAPE counted 0 for the
    // point, and MSE was inf.
    let err = AccuracyReport::of(&[5.0, 1e308], &[5.0, 1.7e308]).unwrap_err();
    assert!(matches!(
        err,
        Error::ValueTooLarge {
            series: "actual",
            index: 1,
            ..
        }
    ));
    let mut acc = AccuracyAccumulator::new();
    assert!(matches!(
        acc.record(1.0, 1e101),
        Err(Error::ValueTooLarge {
            series: "forecast",
            ..
        })
    ));
    assert_eq!(acc.count(), 0);
    assert!(matches!(
        TrainingScale::seasonal_naive(&[1.0, 2e100, 3.0], 1),
        Err(Error::ValueTooLarge {
            series: "training",
            index: 1,
            ..
        })
    ));
    let level = Level::new(0.8).unwrap();
    assert!(matches!(
        IntervalAccumulator::from_bounds(&[1.0], &[-2e100], &[3.0], level),
        Err(Error::ValueTooLarge {
            series: "lower",
            ..
        })
    ));
}

#[test]
fn the_largest_accepted_values_give_finite_exact_measures() {
    let (a, f) = (MAX_VALUE, 0.3 * MAX_VALUE);
    let r = AccuracyReport::of(&[a, a], &[f, f]).unwrap();
    let e = f - a;
    assert!(r.mse().is_finite() && (r.mse() / (e * e) - 1.0).abs() < 1e-15);
    assert!((r.smape() - 0.7 / 1.3).abs() < 1e-15);
    assert!((r.wape().unwrap() - 0.7).abs() < 1e-15);
}

#[test]
fn loads_beyond_the_search_limit_are_named_as_such() {
    let sl = Targets::service_level(
        ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0).unwrap()).unwrap(),
    );
    let aht = TimeSpan::from_minutes(3.0).unwrap();
    for erlangs in [f64::from(SEARCH_LIMIT), 1e9, 1e300] {
        let q = ErlangC::from_erlangs(erlangs, aht).unwrap();
        assert!(matches!(
            q.required_agents(&sl),
            Err(Error::LoadBeyondSearchLimit {
                limit: SEARCH_LIMIT,
                ..
            })
        ));
        assert!(matches!(
            q.fractional_required_agents(&sl),
            Err(Error::LoadBeyondSearchLimit { .. })
        ));
    }
    // A load just below the limit still fits: SEARCH_LIMIT agents are tried.
    let q = ErlangC::from_erlangs(f64::from(SEARCH_LIMIT) - 0.5, aht).unwrap();
    let any = Targets::max_abandonment_only(MaxProbability::new(0.5).unwrap());
    assert_eq!(q.required_agents(&any).unwrap().agents, SEARCH_LIMIT);
    // Just inside the limit the search still answers.
    let q = ErlangC::from_erlangs(f64::from(SEARCH_LIMIT) - 5000.0, aht).unwrap();
    assert!(q.required_agents(&sl).unwrap().agents < SEARCH_LIMIT);
    // Erlang A with a floor beyond the limit keeps its target-naming error.
    let qa = ErlangA::from_erlangs(1e9, aht, aht).unwrap();
    assert!(qa.required_agents(&sl).is_err());
}

#[test]
fn a_backtest_names_a_too_large_value_by_its_position_in_the_series() {
    let mut y: Vec<f64> = (0..21).map(|t| f64::from(t % 7) + 1.0).collect();
    y[17] = 2e100;
    let err = RollingOrigin::new(14, 7, 7)
        .unwrap()
        .run(
            &SeasonalNaive::new(7).unwrap(),
            &y,
            &Calendar::always_open(),
        )
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::ValueTooLarge {
                series: "backtest",
                index: 17,
                ..
            }
        ),
        "{err}"
    );
}

#[cfg(feature = "serde")]
#[test]
fn merging_interval_accumulators_never_overflows_silently() {
    let big = r#"{"level":0.8,"n":18446744073709551615,"below":0,"above":0,"sum_width":1.0,"short_below":0.0,"short_above":0.0}"#;
    let mut a: IntervalAccumulator = serde_json::from_str(big).unwrap();
    let b = a;
    assert!(matches!(a.merge(&b), Err(Error::CountOverflow { .. })));
    assert_eq!(a, b); // unchanged
}
