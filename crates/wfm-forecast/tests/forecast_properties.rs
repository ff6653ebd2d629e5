//! Property tests of the forecasting side: accuracy measures, their identities, merging, and
//! forecasts that are never negative and of the requested length.

#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use wfm_forecast::{
    AccuracyAccumulator, AccuracyReport, ActualsAccumulator, Calendar, ContactRecord, DayProfile,
    HoltWinters, IntervalLength, Outcome, PercentErrorBase, SeasonalNaive, SeedMeasures,
    ServiceLevelDefinition, TimeSpan, TrainingScale, VolumeModel,
};

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + a.abs().max(b.abs()))
}

/// Pairs of positive actuals and non-negative forecasts.
fn pairs() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    (1usize..60).prop_flat_map(|n| {
        (
            prop::collection::vec(1.0f64..5000.0, n),
            prop::collection::vec(0.0f64..6000.0, n),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_perfect_forecast_scores_zero(a in prop::collection::vec(1.0f64..5000.0, 1..60)) {
        let r = AccuracyReport::of(&a, &a).unwrap();
        prop_assert_eq!(r.mae(), 0.0);
        prop_assert_eq!(r.rmse(), 0.0);
        prop_assert_eq!(r.bias(), 0.0);
        prop_assert_eq!(r.mape().unwrap(), 0.0);
        prop_assert_eq!(r.smape(), 0.0);
        prop_assert_eq!(r.wape().unwrap(), 0.0);
        for base in [PercentErrorBase::Actual, PercentErrorBase::Forecast] {
            let m = r.seed_measures(base).unwrap();
            prop_assert_eq!(m.weighted_absolute_percent_error, 0.0);
            prop_assert_eq!(m.mean_absolute_percent_error, 0.0);
            prop_assert_eq!(m.error_of_totals, 0.0);
        }
    }

    #[test]
    fn scale_free_measures_ignore_the_unit((a, f) in pairs(), k in 0.01f64..100.0) {
        let r = AccuracyReport::of(&a, &f).unwrap();
        let ak: Vec<f64> = a.iter().map(|x| x * k).collect();
        let fk: Vec<f64> = f.iter().map(|x| x * k).collect();
        let rk = AccuracyReport::of(&ak, &fk).unwrap();
        prop_assert!(close(r.mape().unwrap(), rk.mape().unwrap(), 1e-12));
        prop_assert!(close(r.smape(), rk.smape(), 1e-12));
        prop_assert!(close(r.wape().unwrap(), rk.wape().unwrap(), 1e-12));
        prop_assert!(close(r.mae() * k, rk.mae(), 1e-12));
        let m = r.seed_measures(PercentErrorBase::Actual).unwrap();
        let mk = rk.seed_measures(PercentErrorBase::Actual).unwrap();
        prop_assert!(close(m.mean_percent_error, mk.mean_percent_error, 1e-12));
        prop_assert!(close(m.over, mk.over, 1e-12));
        if a.len() > 1 {
            let s = TrainingScale::seasonal_naive(&a, 1);
            let sk = TrainingScale::seasonal_naive(&ak, 1);
            if let (Ok(s), Ok(sk)) = (s, sk) {
                prop_assert!(close(r.mase(&s), rk.mase(&sk), 1e-12));
                prop_assert!(close(r.rmsse(&s), rk.rmsse(&sk), 1e-12));
            }
        }
    }

    #[test]
    fn the_identities_of_the_six_measures_hold((a, f) in pairs()) {
        // Direct formulas, point by point, as the post defines them.
        let total_a: f64 = a.iter().sum();
        let (mut five, mut six, mut over, mut under) = (0.0, 0.0, 0.0, 0.0);
        for (x, y) in a.iter().zip(&f) {
            let w = x / total_a;
            let pe = (y - x) / x;
            five += w * pe;
            six += w * pe.abs();
            if pe > 0.0 { over += w * pe } else { under += w * pe }
        }
        let m = SeedMeasures::of(&a, &f, PercentErrorBase::Actual).unwrap();
        let wape = AccuracyReport::of(&a, &f).unwrap().wape().unwrap();
        prop_assert!(close(m.weighted_percent_error, five, 1e-12));
        prop_assert!(close(m.weighted_absolute_percent_error, six, 1e-12));
        prop_assert!(close(m.over, over, 1e-12));
        prop_assert!(close(m.under, under, 1e-12));
        // (5) = (1), (6) = WAPE, over + |under| = (6), over + under = (5).
        prop_assert!(close(five, m.error_of_totals, 1e-12));
        prop_assert!(close(six, wape, 1e-12));
        prop_assert!(close(m.over + m.under.abs(), wape, 1e-12));
        prop_assert!(close(m.over + m.under, m.weighted_percent_error, 1e-12));
        prop_assert!(m.over >= 0.0 && m.under <= 0.0);
        let fm = SeedMeasures::of(&a, &f, PercentErrorBase::Forecast);
        if let Ok(fm) = fm {
            prop_assert!(close(fm.over + fm.under.abs(), fm.weighted_absolute_percent_error, 1e-12));
        }
        let r = AccuracyReport::of(&a, &f).unwrap();
        prop_assert!(r.smape() >= 0.0 && r.smape() <= 1.0);
        prop_assert!(r.rmse() >= r.mae() * (1.0 - 1e-12));
    }

    #[test]
    fn merging_at_every_split_equals_one_pass((a, f) in pairs()) {
        let whole = AccuracyAccumulator::from_series(&a, &f).unwrap().report().unwrap();
        for mid in 0..=a.len() {
            let mut left = AccuracyAccumulator::new();
            for (x, y) in a[..mid].iter().zip(&f[..mid]) { left.record(*x, *y).unwrap(); }
            let mut right = AccuracyAccumulator::new();
            for (x, y) in a[mid..].iter().zip(&f[mid..]) { right.record(*x, *y).unwrap(); }
            left.merge(&right);
            let merged = left.report().unwrap();
            prop_assert_eq!(merged.count(), whole.count());
            prop_assert!(close(merged.mae(), whole.mae(), 1e-12));
            prop_assert!(close(merged.rmse(), whole.rmse(), 1e-12));
            prop_assert!(close(merged.mape().unwrap(), whole.mape().unwrap(), 1e-12));
            prop_assert!(close(merged.smape(), whole.smape(), 1e-12));
            prop_assert!(close(merged.wape().unwrap(), whole.wape().unwrap(), 1e-12));
        }
    }

    #[test]
    fn actuals_merge_in_any_order(
        recs in prop::collection::vec((0i64..3 * 86_400, any::<bool>(), 0.0f64..120.0, 1.0f64..900.0), 0..80),
        mid_frac in 0.0f64..1.0,
    ) {
        let len = IntervalLength::MINUTES_30;
        let t = TimeSpan::from_seconds(20.0).unwrap();
        let to_record = |(at, ans, wait, handle): (i64, bool, f64, f64)| {
            let wait = TimeSpan::from_seconds(wait).unwrap();
            let outcome = if ans {
                Outcome::Answered { wait, handle: TimeSpan::from_seconds(handle).unwrap() }
            } else {
                Outcome::Abandoned { wait }
            };
            ContactRecord::new(at, outcome)
        };
        let mut one = ActualsAccumulator::new(len, t);
        for r in &recs { one.record(&to_record(*r)); }
        let mid = ((recs.len() as f64) * mid_frac) as usize;
        let mut a = ActualsAccumulator::new(len, t);
        let mut b = ActualsAccumulator::new(len, t);
        for r in recs[..mid].iter().rev() { b.record(&to_record(*r)); }
        for r in recs[mid..].iter().rev() { a.record(&to_record(*r)); }
        a.merge(&b).unwrap();
        let (x, y) = (one.per_interval(), a.per_interval());
        prop_assert_eq!(x.len(), y.len());
        for ((k1, c1), (k2, c2)) in x.iter().zip(&y) {
            prop_assert_eq!(k1, k2);
            prop_assert_eq!(c1.offered, c2.offered);
            prop_assert_eq!(c1.answered_within, c2.answered_within);
            prop_assert_eq!(c1.abandoned_within, c2.abandoned_within);
            prop_assert!(close(c1.handle_seconds, c2.handle_seconds, 1e-12));
        }
        let total = one.total();
        prop_assert_eq!(total.offered, recs.len() as u64);
        prop_assert_eq!(total.offered, total.answered + total.abandoned);
        let series = one.offered_series(0, 3 * 86_400).unwrap();
        prop_assert_eq!(series.iter().sum::<f64>(), recs.len() as f64);
        if total.offered > 0 {
            let strict = total.service_level(ServiceLevelDefinition::AnsweredWithinOverOffered).unwrap();
            let ended = total.service_level(ServiceLevelDefinition::WaitEndedWithinOverOffered).unwrap();
            prop_assert!(strict <= ended);
        }
    }
}

proptest! {
    // Model fits are the slow part of the suite: few cases.
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn forecasts_are_never_negative_and_of_the_requested_length(
        y in prop::collection::vec(0.0f64..50.0, 42..70),
        horizon in 1usize..30,
        closed_day in 0usize..7,
    ) {
        let cal = Calendar::pattern((0..7).map(|d| d != closed_day).collect()).unwrap();
        let models: Vec<Box<dyn VolumeModel>> = vec![
            Box::new(SeasonalNaive::new(7).unwrap()),
            Box::new(HoltWinters::additive(7).unwrap()),
            Box::new(HoltWinters::additive(7).unwrap().damped()),
        ];
        let level = Some(wfm_forecast::Level::new(0.9).unwrap());
        for m in &models {
            let f = m.forecast(&y, &cal, horizon, level).unwrap();
            prop_assert_eq!(f.point.len(), horizon);
            let pi = f.interval.unwrap();
            for (h, p) in f.point.iter().enumerate() {
                prop_assert!(*p >= 0.0 && p.is_finite());
                prop_assert!(pi.lower[h] >= 0.0 && pi.lower[h] <= *p && *p <= pi.upper[h]);
                if !cal.is_open(y.len() + h) {
                    prop_assert_eq!(*p, 0.0);
                }
            }
        }
        // Intraday: 4 slots a day, whole days only.
        let days = y.len() / 4;
        let intraday = &y[..days * 4];
        let dp = DayProfile::with_day_model(4, 7, SeasonalNaive::new(7).unwrap(), 2).unwrap();
        let f = dp.forecast(intraday, &Calendar::always_open(), horizon, level).unwrap();
        prop_assert_eq!(f.point.len(), horizon);
        prop_assert!(f.point.iter().all(|p| *p >= 0.0));
        let pi = f.interval.unwrap();
        for (h, p) in f.point.iter().enumerate() {
            prop_assert!(pi.lower[h] >= 0.0 && pi.lower[h] <= *p && *p <= pi.upper[h]);
        }
    }
}

/// Triples of actuals and ordered bounds, with a level.
fn interval_points() -> impl Strategy<Value = (Vec<(f64, f64, f64)>, f64)> {
    (
        prop::collection::vec((0.0f64..5000.0, 0.0f64..5000.0, 0.0f64..2000.0), 1..80),
        0.5f64..0.99,
    )
        .prop_map(|(v, level)| {
            (
                v.into_iter()
                    .map(|(y, l, w)| (y, l, l + w))
                    .collect::<Vec<_>>(),
                level,
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn interval_measures_stay_in_range_and_merge_is_one_pass(
        (points, level) in interval_points(),
        split in 0usize..80,
    ) {
        use wfm_forecast::{IntervalAccumulator, Level};
        let level = Level::new(level).unwrap();
        let mut whole = IntervalAccumulator::new(level);
        let (mut left, mut right) = (IntervalAccumulator::new(level), IntervalAccumulator::new(level));
        for (i, &(y, l, u)) in points.iter().enumerate() {
            whole.record(y, l, u).unwrap();
            if i < split { left.record(y, l, u).unwrap() } else { right.record(y, l, u).unwrap() }
        }
        left.merge(&right).unwrap();
        let (a, b) = (whole.report().unwrap(), left.report().unwrap());
        prop_assert_eq!(a.coverage(), b.coverage());
        prop_assert!(close(a.interval_score(), b.interval_score(), 1e-12));
        prop_assert!((0.0..=1.0).contains(&a.coverage()));
        prop_assert!(close(a.coverage() + a.below_share() + a.above_share(), 1.0, 1e-15));
        // The score is at least the width, and equals it when every point is covered.
        prop_assert!(a.interval_score() >= a.mean_width() * (1.0 - 1e-12));
        if a.coverage() == 1.0 {
            prop_assert!(close(a.interval_score(), a.mean_width(), 1e-12));
        }
        let t = a.coverage_test();
        for p in [t.exact_p_value, t.likelihood_ratio_p_value] {
            prop_assert!((0.0..=1.0).contains(&p), "p-value {}", p);
        }
        prop_assert!(t.likelihood_ratio >= 0.0);
    }

    #[test]
    fn interval_score_scales_with_the_data_and_coverage_does_not(
        (points, level) in interval_points(),
        c in 0.01f64..100.0,
    ) {
        use wfm_forecast::{IntervalAccumulator, Level};
        let level = Level::new(level).unwrap();
        let y: Vec<f64> = points.iter().map(|p| p.0).collect();
        let l: Vec<f64> = points.iter().map(|p| p.1).collect();
        let u: Vec<f64> = points.iter().map(|p| p.2).collect();
        let scaled = |v: &[f64]| v.iter().map(|x| x * c).collect::<Vec<_>>();
        let a = IntervalAccumulator::from_bounds(&y, &l, &u, level).unwrap().report().unwrap();
        let b = IntervalAccumulator::from_bounds(&scaled(&y), &scaled(&l), &scaled(&u), level)
            .unwrap().report().unwrap();
        // Scaling may move a point sitting exactly on a bound by rounding; compare counts only
        // when no point is within rounding of its bounds.
        let on_edge = points.iter().any(|&(y, l, u)| (y - l).abs() < 1e-9 * (1.0 + y) || (y - u).abs() < 1e-9 * (1.0 + y));
        if !on_edge {
            prop_assert_eq!(a.coverage(), b.coverage());
            prop_assert!(close(b.interval_score(), c * a.interval_score(), 1e-9));
        }
    }

    #[test]
    fn widening_an_interval_that_already_covers_the_actual_costs_its_width(
        y in 0.0f64..1000.0, below in 0.0f64..100.0, above in 0.0f64..100.0, extra in 0.0f64..50.0,
    ) {
        use wfm_forecast::{IntervalAccumulator, Level};
        let level = Level::new(0.9).unwrap();
        let score = |l: f64, u: f64| IntervalAccumulator::from_bounds(&[y], &[l], &[u], level)
            .unwrap().report().unwrap().interval_score();
        let (l, u) = (y - below, y + above);
        prop_assert!(close(score(l, u + extra) - score(l, u), extra, 1e-9));
    }
}
