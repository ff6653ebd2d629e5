//! Behaviour of the volume models, the backtest and the actuals on constructed data: closed
//! slots, holidays, multiplicative seasons, intervals, typed errors on bad input.

#![allow(clippy::unwrap_used)]

use wfm_forecast::{
    AccuracyReport, ActualsAccumulator, Calendar, ContactRecord, DayProfile, Deadlines, Error,
    HoltWinters, IntervalLength, Level, Outcome, RollingOrigin, SeasonalNaive,
    ServiceLevelDefinition, TimeSpan, VolumeModel,
};

const WEEK: [f64; 7] = [1450.0, 1380.0, 1320.0, 1300.0, 1250.0, 600.0, 370.0];

#[test]
fn holt_winters_recovers_a_multiplicative_season() {
    // Level grows 1 % a week; the weekly swing grows with it.
    let y: Vec<f64> = (0..16 * 7)
        .map(|t| (1000.0 + 1.5 * t as f64) * WEEK[t % 7] / 1_095.714_285_714_285_7)
        .collect();
    let cal = Calendar::always_open();
    let truth: Vec<f64> = (112..126)
        .map(|t| (1000.0 + 1.5 * t as f64) * WEEK[t % 7] / 1_095.714_285_714_285_7)
        .collect();
    let m = HoltWinters::multiplicative(7)
        .unwrap()
        .fit(&y, &cal)
        .unwrap();
    let fm = m.forecast(14, Some(Level::new(0.95).unwrap())).unwrap();
    let wape_m = AccuracyReport::of(&truth, &fm.point)
        .unwrap()
        .wape()
        .unwrap();
    assert!(wape_m < 0.005, "multiplicative WAPE {wape_m}");
    let pi = fm.interval.unwrap();
    assert!(pi.lower.iter().zip(&pi.upper).all(|(l, u)| l <= u));
}

#[test]
fn closed_days_are_zero_and_do_not_disturb_the_fit() {
    // Sundays closed; a holiday on day 30 (a Wednesday) whose history value is garbage.
    let mut y: Vec<f64> = (0..56).map(|t| WEEK[t % 7]).collect();
    y[30] = f64::NAN; // ignored: the slot is closed
    for t in (6..56).step_by(7) {
        y[t] = -1.0; // ignored too
    }
    let cal = Calendar::pattern(vec![true, true, true, true, true, true, false])
        .unwrap()
        .close(30)
        .close(58);
    for model in [
        Box::new(SeasonalNaive::new(7).unwrap()) as Box<dyn VolumeModel>,
        Box::new(HoltWinters::additive(7).unwrap()),
    ] {
        let f = model
            .forecast(&y, &cal, 14, Some(Level::new(0.8).unwrap()))
            .unwrap();
        assert_eq!(f.point[2], 0.0, "{model:?}: holiday"); // slot 58
        assert_eq!(f.point[6], 0.0, "{model:?}: Sunday"); // slot 62
        assert_eq!(f.point[13], 0.0, "{model:?}: Sunday"); // slot 69
        let pi = f.interval.unwrap();
        assert_eq!((pi.lower[6], pi.upper[6]), (0.0, 0.0));
        assert!(
            (f.point[0] - WEEK[0]).abs() < 1.0,
            "{model:?}: {}",
            f.point[0]
        );
        // The day after the holiday is forecast from its weekday, not from the closed slot.
        assert!(
            (f.point[9] - WEEK[2]).abs() < 1.0,
            "{model:?}: {}",
            f.point[9]
        );
    }
    // With the slot open, the NaN is refused with its index.
    let err = SeasonalNaive::new(7)
        .unwrap()
        .forecast(&y, &Calendar::pattern(vec![true; 7]).unwrap(), 7, None)
        .unwrap_err();
    assert!(matches!(err, Error::InvalidValue { index: 6, .. }), "{err}");
}

#[test]
fn volumes_set_by_hand_replace_the_model_and_leave_the_fit_alone() {
    // A special day in the history (day 23, a Wednesday, with a spike) and one in the forecast
    // (day 58, a Tuesday, set to 500): the first is ignored when fitting, the second is
    // forecast as set, with a zero-width interval.
    let mut y: Vec<f64> = (0..56).map(|t| WEEK[t % 7]).collect();
    y[23] = 9_999.0;
    let cal = Calendar::always_open()
        .set_volume(23, 9_999.0)
        .unwrap()
        .set_volume(58, 500.0)
        .unwrap();
    let plain = Calendar::always_open().close(23);
    let level = Some(Level::new(0.9).unwrap());
    for model in [
        Box::new(SeasonalNaive::new(7).unwrap()) as Box<dyn VolumeModel>,
        Box::new(HoltWinters::additive(7).unwrap()),
    ] {
        let f = model.forecast(&y, &cal, 7, level).unwrap();
        let g = model.forecast(&y, &plain, 7, level).unwrap();
        assert_eq!(f.point[2], 500.0, "{model:?}");
        let pi = f.interval.as_ref().unwrap();
        assert_eq!((pi.lower[2], pi.upper[2]), (500.0, 500.0), "{model:?}");
        // Every other slot is the forecast with the history's special day closed.
        for h in [0, 1, 3, 4, 5, 6] {
            assert!((f.point[h] - g.point[h]).abs() < 1e-9, "{model:?} {h}");
        }
    }
    // The intraday model: four slots a day, eight weeks; slot 1 of the first forecast day set.
    let day_shape = [0.1, 0.4, 0.3, 0.2];
    let y: Vec<f64> = (0..56 * 4)
        .map(|t| WEEK[(t / 4) % 7] * day_shape[t % 4])
        .collect();
    let model = DayProfile::with_day_model(4, 7, SeasonalNaive::new(7).unwrap(), 4).unwrap();
    let cal = Calendar::always_open()
        .set_volume(56 * 4 + 1, 42.0)
        .unwrap();
    let f = model.forecast(&y, &cal, 8, None).unwrap();
    let g = model
        .forecast(&y, &Calendar::always_open(), 8, None)
        .unwrap();
    assert_eq!(f.point[1], 42.0);
    for h in [0, 2, 3, 4, 5, 6, 7] {
        assert!((f.point[h] - g.point[h]).abs() < 1e-9, "intraday {h}");
    }
    // Closing a slot removes its volume, and setting a closed slot reopens it to the value.
    let cal = Calendar::always_open().set_volume(3, 7.0).unwrap().close(3);
    assert_eq!(cal.volume_set(3), None);
    let cal = Calendar::always_open().close(3).set_volume(3, 7.0).unwrap();
    assert_eq!(cal.volume_set(3), Some(7.0));
    assert!(matches!(
        Calendar::always_open().set_volume(3, -1.0),
        Err(Error::InvalidValue { index: 3, .. })
    ));
}

#[test]
fn closed_slots_add_no_forecast_uncertainty() {
    // With the first forecast slot closed, the second slot is only one shock away from the
    // fitted state: its interval is as wide as a one-step interval. Noise makes σ positive.
    let y: Vec<f64> = (0..70)
        .map(|t| WEEK[t % 7] + [3.0, -5.0, 8.0, -2.0, 6.0, -7.0, 1.0, 4.0, -6.0, 2.0, -3.0][t % 11])
        .collect();
    let level = Some(Level::new(0.9).unwrap());
    let fit = HoltWinters::additive(7)
        .unwrap()
        .fit(&y, &Calendar::always_open())
        .unwrap();
    let open = fit.forecast(3, level).unwrap();
    let half = |f: &wfm_forecast::Forecast, h: usize| {
        let pi = f.interval.as_ref().unwrap();
        pi.upper[h] - f.point[h]
    };
    let fit_closed = HoltWinters::additive(7)
        .unwrap()
        .fit(&y, &Calendar::always_open().close(70))
        .unwrap();
    let closed = fit_closed.forecast(3, level).unwrap();
    assert_eq!(half(&closed, 0), 0.0);
    assert!((half(&closed, 1) - half(&open, 0)).abs() < 1e-9);
    // The third slot has one open slot before it, one step back: as the two-step interval.
    assert!((half(&closed, 2) - half(&open, 1)).abs() < 1e-9);
}

#[test]
fn additive_night_forecasts_are_clamped_at_zero() {
    // Half-hourly-like: a deep night trough and a falling level push the additive forecast
    // below zero; the forecast is clamped.
    let y: Vec<f64> = (0..6 * 8)
        .map(|t| {
            let shape = [0.0, 0.0, 40.0, 80.0, 60.0, 10.0][t % 6];
            (shape - 0.8 * t as f64).max(0.0)
        })
        .collect();
    let f = HoltWinters::additive(6)
        .unwrap()
        .forecast(&y, &Calendar::always_open(), 12, None)
        .unwrap();
    assert!(f.point.iter().all(|p| *p >= 0.0));
    assert!(f.point.contains(&0.0));
}

#[test]
fn bad_input_gets_typed_errors() {
    let cal = Calendar::always_open();
    assert!(matches!(
        HoltWinters::additive(7).unwrap().fit(&[1.0; 13], &cal),
        Err(Error::TooShort { needed: 14, .. })
    ));
    assert!(matches!(
        HoltWinters::multiplicative(2)
            .unwrap()
            .fit(&[1.0, 0.0, 1.0, 2.0], &cal),
        Err(Error::FitFailed { .. })
    ));
    assert!(matches!(
        SeasonalNaive::new(7)
            .unwrap()
            .forecast(&[1.0; 5], &cal, 3, None),
        Err(Error::TooShort { .. })
    ));
    assert!(matches!(
        SeasonalNaive::new(1)
            .unwrap()
            .forecast(&[1.0, -2.0], &cal, 3, None),
        Err(Error::InvalidValue { index: 1, .. })
    ));
    assert!(matches!(
        SeasonalNaive::new(0),
        Err(Error::CountOutOfRange { .. })
    ));
    // An empty month.
    assert!(matches!(
        AccuracyReport::of(&[], &[]),
        Err(Error::EmptySeries { .. })
    ));
    assert!(matches!(
        DayProfile::new(4, HoltWinters::additive(7).unwrap(), 2)
            .unwrap()
            .forecast(&[1.0; 30], &cal, 4, None),
        Err(Error::TooShort { .. })
    ));
    assert!(Level::new(1.0).is_err());
}

#[test]
fn backtest_scores_only_open_slots_and_merges_folds() {
    let y: Vec<f64> = (0..70).map(|t| WEEK[t % 7] + (t % 3) as f64).collect();
    let cal = Calendar::pattern(vec![true, true, true, true, true, true, false]).unwrap();
    let bt = RollingOrigin::new(28, 7, 7)
        .unwrap()
        .run(&SeasonalNaive::new(7).unwrap(), &y, &cal)
        .unwrap();
    assert_eq!(bt.folds.len(), 6);
    assert!(bt.folds.iter().all(|f| f.report.count() == 6));
    assert_eq!(bt.overall.count(), 36);
    let mae: f64 = bt.folds.iter().map(|f| f.report.mae()).sum::<f64>() / 6.0;
    assert!((mae - bt.overall.mae()).abs() < 1e-12);
}

#[test]
fn day_profile_keeps_each_weekdays_shape_and_closed_hours() {
    // 6 slots a day (two closed night slots), 7-day weeks, Monday peaks early, others late.
    let open_slots = [false, true, true, true, true, false];
    let early = [0.0, 0.4, 0.3, 0.2, 0.1, 0.0];
    let late = [0.0, 0.1, 0.2, 0.3, 0.4, 0.0];
    let y: Vec<f64> = (0..5 * 7 * 6)
        .map(|t| {
            let (d, j) = (t / 6, t % 6);
            let shape = if d % 7 == 0 { early } else { late };
            WEEK[d % 7] * shape[j]
        })
        .collect();
    let pattern: Vec<bool> = (0..6).map(|j| open_slots[j]).collect();
    let cal = Calendar::pattern(pattern).unwrap();
    let model = DayProfile::new(6, HoltWinters::additive(7).unwrap(), 3).unwrap();
    let f = model.forecast(&y, &cal, 12, None).unwrap();
    assert_eq!(f.point[0], 0.0);
    assert_eq!(f.point[5], 0.0);
    assert!((f.point[1] - WEEK[0] * 0.4).abs() < 2.0, "{}", f.point[1]);
    assert!(
        (f.point[6 + 4] - WEEK[1] * 0.4).abs() < 2.0,
        "{}",
        f.point[10]
    );
}

#[test]
fn actuals_worked_example_with_deadlines_and_percentiles() {
    let s = |x: f64| TimeSpan::from_seconds(x).unwrap();
    let deadlines = Deadlines::new()
        .first_reaction("b2c", s(60.0))
        .resolution("b2b", s(4.0 * 3600.0));
    let mut acc =
        ActualsAccumulator::with_deadlines(IntervalLength::MINUTES_30, s(20.0), deadlines);
    let answered = |wait: f64, handle: f64| Outcome::Answered {
        wait: s(wait),
        handle: s(handle),
    };
    // 09:00–09:30 of day 0: four answered (two within 20 s), one short and one long abandon.
    let day0 = 9 * 3600;
    for (i, (w, h)) in [(5.0, 200.0), (15.0, 300.0), (45.0, 250.0), (90.0, 250.0)]
        .into_iter()
        .enumerate()
    {
        acc.record(
            &ContactRecord::new(day0 + 60 * i as i64, answered(w, h))
                .with_request_type("b2c")
                .with_first_reaction(s(30.0 + 20.0 * i as f64)),
        );
    }
    acc.record(&ContactRecord::new(
        day0 + 600,
        Outcome::Abandoned { wait: s(10.0) },
    ));
    acc.record(&ContactRecord::new(
        day0 + 700,
        Outcome::Abandoned { wait: s(120.0) },
    ));
    // Day 1: one e-mail resolved in 5 h (misses its 4 h deadline) and one in 2 h.
    for (i, res) in [5.0 * 3600.0, 2.0 * 3600.0].into_iter().enumerate() {
        acc.record(
            &ContactRecord::new(86_400 + 10 * 3600 + i as i64, answered(0.0, 600.0))
                .with_request_type("b2b")
                .with_resolution(s(res)),
        );
    }
    let per_interval = acc.per_interval();
    assert_eq!(per_interval.len(), 2);
    let (start, c) = per_interval[0];
    assert_eq!(start, 9 * 3600);
    assert_eq!((c.offered, c.answered, c.abandoned), (6, 4, 2));
    assert_eq!(c.aht().unwrap().seconds(), 250.0);
    assert_eq!(c.asa().unwrap().seconds(), 38.75);
    assert_eq!(c.abandonment_rate(), Some(2.0 / 6.0));
    use ServiceLevelDefinition as D;
    assert_eq!(
        c.service_level(D::AnsweredWithinOverOffered),
        Some(2.0 / 6.0)
    );
    assert_eq!(
        c.service_level(D::AnsweredWithinOverAnswered),
        Some(2.0 / 4.0)
    );
    assert_eq!(
        c.service_level(D::AnsweredWithinOverOfferedLessShortAbandons),
        Some(2.0 / 5.0)
    );
    assert_eq!(
        c.service_level(D::WaitEndedWithinOverOffered),
        Some(3.0 / 6.0)
    );
    let days = acc.per_day();
    assert_eq!(days.iter().map(|(d, _)| *d).collect::<Vec<_>>(), vec![0, 1]);
    assert_eq!(days[1].1.offered, 2);
    let compliance = acc.deadline_compliance();
    // b2c first reactions 30, 50, 70, 90 s against 60 s: 2 of 4.
    assert_eq!(compliance[0].first_reaction.unwrap().share(), Some(0.5));
    assert_eq!(compliance[1].resolution.unwrap().share(), Some(0.5));
    // FRT percentiles of 30, 50, 70, 90: median 60, p90 84.
    let p = acc
        .first_reaction_percentiles(&[0.5, 0.9])
        .unwrap()
        .unwrap();
    assert_eq!((p[0].seconds(), p[1].seconds()), (60.0, 84.0));
    assert!(acc.first_reaction_percentiles(&[1.5]).is_err());
    let b2c = acc
        .first_reaction_percentiles_of("b2c", &[0.5])
        .unwrap()
        .unwrap();
    assert_eq!(b2c[0].seconds(), 60.0);
    let b2b = acc
        .resolution_percentiles_of("b2b", &[0.0, 1.0])
        .unwrap()
        .unwrap();
    assert_eq!((b2b[0].minutes(), b2b[1].minutes()), (120.0, 300.0));
    assert_eq!(acc.resolution_percentiles_of("b2c", &[0.5]).unwrap(), None);
    // Merging two halves gives the same percentiles and compliance.
    let mut half = acc.clone();
    let empty = ActualsAccumulator::with_deadlines(
        IntervalLength::MINUTES_30,
        s(20.0),
        Deadlines::new()
            .first_reaction("b2c", s(60.0))
            .resolution("b2b", s(4.0 * 3600.0)),
    );
    half.merge(&empty).unwrap();
    assert_eq!(half.deadline_compliance(), acc.deadline_compliance());
    assert_eq!(
        half.first_reaction_percentiles(&[0.9]).unwrap(),
        acc.first_reaction_percentiles(&[0.9]).unwrap()
    );
    let series = acc.offered_series(0, 2 * 86_400).unwrap();
    assert_eq!(series.len(), 96);
    assert_eq!(series[18], 6.0);
    assert_eq!(series[48 + 20], 2.0);
}

/// A 64-bit LCG (Knuth's MMIX constants): uniform in [0, 1).
struct Lcg(u64);

impl Lcg {
    fn uniform(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Poisson(λ) by inversion (sequential search): exact, fine for λ below a few hundred.
    fn poisson(&mut self, lambda: f64) -> f64 {
        let u = self.uniform();
        let (mut k, mut p) = (0u32, (-lambda).exp());
        let mut cdf = p;
        while u > cdf && k < 10_000 {
            k += 1;
            p *= lambda / f64::from(k);
            cdf += p;
        }
        f64::from(k)
    }
}

/// Intraday counts with a stable weekly pattern: slot `j` of weekday `w` gets
/// `clump · Poisson(λ_wj / clump)`, so given the day's total the split over slots has
/// dispersion `φ = clump` (1: Poisson arrivals; 3: arrivals in clumps of three).
fn intraday_series(days: usize, spd: usize, clump: f64, seed: u64) -> Vec<f64> {
    let mut rng = Lcg(seed);
    let day_mean = [900.0, 800.0, 760.0, 740.0, 650.0];
    let shape: Vec<f64> = (0..spd)
        .map(|j| 1.0 + (std::f64::consts::PI * (j as f64 + 0.5) / spd as f64).sin())
        .collect();
    let norm: f64 = shape.iter().sum();
    (0..days * spd)
        .map(|t| {
            let (d, j) = (t / spd, t % spd);
            clump * rng.poisson(day_mean[d % 5] * shape[j] / norm / clump)
        })
        .collect()
}

#[test]
fn day_profile_intervals_cover_as_stated_with_poisson_and_clumped_arrivals() {
    // 16 slots a day, 5 days a week, 60 weeks; backtest one week ahead from week 20 on.
    // Before the split of the day over its slots entered the variance, the 80 % intervals held
    // about half of these points; now coverage must be near the level for both dispersions.
    let spd = 16;
    for (clump, seed) in [(1.0, 7u64), (3.0, 11)] {
        let y = intraday_series(60 * 5, spd, clump, seed);
        let model = DayProfile::new(spd, HoltWinters::additive(5).unwrap(), 8).unwrap();
        for level in [0.8, 0.95] {
            let bt = RollingOrigin::new(20 * 5 * spd, 5 * spd, 5 * spd)
                .unwrap()
                .run_with_intervals(
                    &model,
                    &y,
                    &Calendar::always_open(),
                    Level::new(level).unwrap(),
                )
                .unwrap();
            let r = bt.interval.unwrap();
            assert_eq!(r.count(), 40 * 5 * spd as u64);
            let coverage = r.coverage();
            assert!(
                (coverage - level).abs() < 0.04,
                "clump {clump}, level {level}: coverage {coverage}"
            );
            // Misses split about evenly between the two sides.
            assert!((r.below_share() - r.above_share()).abs() < 0.04);
        }
    }
}
