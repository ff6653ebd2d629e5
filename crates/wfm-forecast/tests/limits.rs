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

/// Before: `Vec::with_capacity(horizon)` panicked with "capacity overflow" (seasonal naive,
/// Holt–Winters) or aborted on allocation; now every model refuses a horizon above
/// `MAX_HORIZON` by name before allocating.
#[test]
fn horizons_above_max_horizon_are_refused_before_allocating() {
    use wfm_forecast::{DayProfile, HoltWinters, MAX_HORIZON, VolumeModel};
    let history: Vec<f64> = (0..28).map(|t| 10.0 + (t % 7) as f64).collect();
    let cal = Calendar::always_open();
    let too_far = |r: Result<wfm_forecast::Forecast, Error>| {
        matches!(r, Err(Error::CountTooLarge { parameter: "horizon", value, max, .. })
            if max == MAX_HORIZON as u64 && value > max)
    };
    for horizon in [MAX_HORIZON + 1, 9_223_372_036_854_775_807, usize::MAX] {
        assert!(too_far(
            SeasonalNaive::new(2)
                .unwrap()
                .forecast(&history, &cal, horizon, None)
        ));
        let hw = HoltWinters::additive(7).unwrap();
        assert!(too_far(hw.forecast(&history, &cal, horizon, None)));
        let fit = hw.fit(&history, &cal).unwrap();
        assert!(too_far(fit.forecast(horizon, None)));
        let profile = DayProfile::with_day_model(4, 7, SeasonalNaive::new(1).unwrap(), 1).unwrap();
        assert!(too_far(profile.forecast(&history, &cal, horizon, None)));
        assert!(matches!(
            RollingOrigin::new(7, horizon, 1),
            Err(Error::CountTooLarge {
                parameter: "horizon",
                ..
            })
        ));
    }
    let err = SeasonalNaive::new(2)
        .unwrap()
        .forecast(&history, &cal, 100_000_000_000, None)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "horizon of 100000000000 is above the largest this crate accepts, 2000000: forecast a \
         shorter horizon, or coarser slots (hours or days rather than minutes)"
    );
    // The bound itself is served.
    let f = SeasonalNaive::new(7)
        .unwrap()
        .forecast(&history, &cal, MAX_HORIZON, None)
        .unwrap();
    assert_eq!(f.point.len(), MAX_HORIZON);
}

/// Seasons and slots per day have bounds too, checked by the constructors.
#[test]
fn seasons_and_slots_per_day_above_their_bounds_are_refused() {
    use wfm_forecast::{DayProfile, HoltWinters, MAX_SEASON, MAX_SLOTS_PER_DAY};
    for season in [MAX_SEASON + 1, usize::MAX] {
        assert!(matches!(
            SeasonalNaive::new(season),
            Err(Error::CountTooLarge { .. })
        ));
        assert!(matches!(
            HoltWinters::additive(season),
            Err(Error::CountTooLarge { .. })
        ));
        assert!(matches!(
            HoltWinters::multiplicative(season),
            Err(Error::CountTooLarge { .. })
        ));
    }
    assert!(matches!(
        DayProfile::with_day_model(MAX_SLOTS_PER_DAY + 1, 7, SeasonalNaive::new(7).unwrap(), 1),
        Err(Error::CountTooLarge {
            parameter: "slots per day",
            ..
        })
    ));
    assert!(matches!(
        DayProfile::with_day_model(86_400, 24, SeasonalNaive::new(7).unwrap(), 1),
        Err(Error::CountTooLarge { .. })
    ));
    assert!(matches!(
        DayProfile::with_day_model(2, usize::MAX, SeasonalNaive::new(7).unwrap(), 1),
        Err(Error::CountTooLarge { .. })
    ));
}

/// Before: `season + 1` overflowed (a panic in debug builds; in release it wrapped and the
/// message said "0 are needed").
#[test]
fn a_season_of_usize_max_is_named_not_overflowed() {
    let err = TrainingScale::seasonal_naive(&[1.0, 2.0, 3.0], usize::MAX).unwrap_err();
    assert!(matches!(
        err,
        Error::CountOutOfRange {
            parameter: "season length",
            value: usize::MAX,
            ..
        }
    ));
    assert!(
        err.to_string()
            .contains("season length of 18446744073709551615")
    );
    // One less still says how many values are needed.
    let err = TrainingScale::seasonal_naive(&[1.0, 2.0, 3.0], usize::MAX - 1).unwrap_err();
    assert!(matches!(
        err,
        Error::TooShort {
            needed: usize::MAX,
            ..
        }
    ));
}

/// Before: each forecast slot walked back one season at a time over closed history slots
/// (quadratic in the horizon when a residue class is closed throughout), and the additive
/// Holt–Winters interval summed every earlier slot for every slot (quadratic: 200,000 slots
/// took minutes). Both are one pass now.
#[test]
fn long_horizons_with_intervals_and_closed_slots_are_linear() {
    use std::time::Instant;
    use wfm_forecast::{HoltWinters, VolumeModel};
    let week = [90.0, 100.0, 95.0, 97.0, 80.0, 40.0, 20.0];
    let history: Vec<f64> = (0..7 * 300).map(|t| week[t % 7] + (t % 3) as f64).collect();
    // Sundays closed, and the first 280 weeks' Saturdays closed as holidays.
    let mut cal = Calendar::pattern(vec![true, true, true, true, true, true, false]).unwrap();
    for w in 0..280 {
        cal = cal.close(7 * w + 5);
    }
    let level = Some(Level::new(0.9).unwrap());
    let start = Instant::now();
    let f = SeasonalNaive::new(7)
        .unwrap()
        .forecast(&history, &cal, 500_000, level)
        .unwrap();
    assert_eq!(f.point[5], 40.0 + (2095 % 3) as f64);
    assert_eq!(f.point[6], 0.0);
    let f = HoltWinters::additive(7)
        .unwrap()
        .forecast(&history, &cal, 200_000, level)
        .unwrap();
    assert_eq!(f.point.len(), 200_000);
    let pi = f.interval.unwrap();
    assert!(pi.upper[199_999] - pi.lower[199_999] > pi.upper[0] - pi.lower[0]);
    // Minutes before; well under a second in a release build, a few in a debug one.
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

/// Before: every Erlang B, C and A evaluation at `u32::MAX` agents ran the Erlang B recursion
/// 4.3 billion steps (5–20 s each).
#[test]
fn evaluations_at_u32_max_agents_are_fast() {
    let start = std::time::Instant::now();
    let aht = TimeSpan::from_seconds(180.0).unwrap();
    for a in [10.0, 1e6, 4e9] {
        let c = ErlangC::from_erlangs(a, aht).unwrap();
        let p = c.p_wait(u32::MAX).unwrap();
        assert!((0.0..1.0).contains(&p));
        let q = ErlangA::from_erlangs(a, aht, aht).unwrap();
        let m = q.metrics(u32::MAX).unwrap();
        assert!(m.p_abandon >= 0.0 && m.p_abandon < 1e-6, "{m:?}");
        let b = wfm_forecast::ErlangB::new(a).unwrap();
        assert!(b.occupancy(u32::MAX).unwrap() <= 1.0);
    }
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

/// `cx staffing erlang-c --erlangs 10 --aht 180s --max-occupancy 100%` failed: the library
/// answers 11 whole agents (an occupancy ceiling of 100 % is valid, and any stable queue meets
/// it), and says by a typed error that no fewest *fractional* staffing exists (every x > 10
/// meets it, x = 10 does not). The command asked for both and failed on the second.
#[test]
fn an_occupancy_ceiling_of_100_percent_is_met_by_the_fewest_stable_staffing() {
    use wfm_forecast::{MaxOccupancy, Targets};
    let q = ErlangC::from_erlangs(10.0, TimeSpan::from_seconds(180.0).unwrap()).unwrap();
    let full = Targets::max_occupancy_only(MaxOccupancy::new(1.0).unwrap());
    assert_eq!(q.required_agents(&full).unwrap().agents, 11);
    assert!(matches!(
        q.fractional_required_agents(&full),
        Err(Error::NoFractionalMinimum { erlangs }) if erlangs == 10.0
    ));
    let a = ErlangA::from_erlangs(
        10.0,
        TimeSpan::from_seconds(180.0).unwrap(),
        TimeSpan::from_seconds(180.0).unwrap(),
    )
    .unwrap();
    assert_eq!(a.required_agents(&full).unwrap().metrics.agents, 1);
}

/// Found by fuzzing: a seasonal-naive history with values near 1e180 squared its differences
/// past f64 and gave an interval of [0, ∞]. History values above `MAX_VALUE` are now refused by
/// name, for every model; at `MAX_VALUE` itself the interval is finite.
#[test]
fn histories_beyond_max_value_are_refused_and_at_max_value_intervals_stay_finite() {
    use wfm_forecast::VolumeModel;
    let cal = Calendar::always_open();
    let level = Some(Level::new(0.95).unwrap());
    let huge = [90.0, 100.0, 80.0, 9.4e180, 0.0, 97.0];
    let err = SeasonalNaive::new(3)
        .unwrap()
        .forecast(&huge, &cal, 3, level)
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::ValueTooLarge {
                series: "history",
                index: 3,
                ..
            }
        ),
        "{err}"
    );
    let edge = [90.0, 100.0, 80.0, MAX_VALUE, 0.0, 97.0];
    let f = SeasonalNaive::new(3)
        .unwrap()
        .forecast(&edge, &cal, 3, level)
        .unwrap();
    let i = f.interval.unwrap();
    assert!(i.upper.iter().chain(&i.lower).all(|x| x.is_finite()));
}
