//! Accumulators and settings of the forecasting side round-trip through serde (feature
//! `serde`), so that partial results can be stored and merged later.

#![cfg(feature = "serde")]
#![allow(clippy::unwrap_used)]

use wfm_forecast::{
    AccuracyAccumulator, ActualsAccumulator, Calendar, ContactRecord, DayProfile, Deadlines, Error,
    HoltWinters, HoltWintersParameters, IntervalLength, Outcome, RollingOrigin, SeasonalNaive,
    TimeSpan,
};

#[test]
fn accuracy_accumulator_round_trips_and_merges_after() {
    let acc = AccuracyAccumulator::from_series(&[10.0, 0.0, 7.0], &[12.0, 1.0, 7.0]).unwrap();
    let json = serde_json::to_string(&acc).unwrap();
    let back: AccuracyAccumulator = serde_json::from_str(&json).unwrap();
    assert_eq!(back, acc);
}

#[test]
fn actuals_accumulator_round_trips() {
    let s = |x: f64| TimeSpan::from_seconds(x).unwrap();
    let d = Deadlines::new().first_reaction("b2c", s(60.0));
    let mut acc = ActualsAccumulator::with_deadlines(IntervalLength::MINUTES_15, s(20.0), d);
    acc.record(
        &ContactRecord::new(
            4000,
            Outcome::Answered {
                wait: s(3.0),
                handle: s(200.0),
            },
        )
        .with_request_type("b2c")
        .with_first_reaction(s(30.0)),
    );
    let json = serde_json::to_string(&acc).unwrap();
    let back: ActualsAccumulator = serde_json::from_str(&json).unwrap();
    assert_eq!(back, acc);
    let cal = Calendar::pattern(vec![true, false]).unwrap().close(7);
    let back: Calendar = serde_json::from_str(&serde_json::to_string(&cal).unwrap()).unwrap();
    assert_eq!(back, cal);
    let hw = HoltWinters::multiplicative(7).unwrap().damped();
    let back: HoltWinters = serde_json::from_str(&serde_json::to_string(&hw).unwrap()).unwrap();
    assert_eq!(back, hw);
}

/// The message of the error `json` is rejected with, as a `T`.
fn rejection<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
    serde_json::from_str::<T>(json).unwrap_err().to_string()
}

fn round_trip<T>(value: &T) -> T
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    serde_json::from_str(&serde_json::to_string(value).unwrap()).unwrap()
}

#[test]
fn calendar_is_checked_as_its_builder_checks() {
    let cal = Calendar::pattern(vec![true, true, false])
        .unwrap()
        .close(9)
        .close(4)
        .set_volume(7, 40.0)
        .unwrap();
    assert_eq!(round_trip(&cal), cal);
    // Stored before volumes could be set by hand: still read; unsorted holidays are sorted.
    let old: Calendar = serde_json::from_str(r#"{"pattern":[],"closed":[9,4]}"#).unwrap();
    assert_eq!(old, Calendar::always_open().close(4).close(9));
    let never_open = rejection::<Calendar>(r#"{"pattern":[false,false],"closed":[]}"#);
    assert!(
        never_open.contains("open slots in the calendar pattern"),
        "{never_open}"
    );
    let negative = rejection::<Calendar>(r#"{"pattern":[],"closed":[],"overrides":[[3,-1.0]]}"#);
    assert!(
        negative.contains("calendar's volumes set by hand"),
        "{negative}"
    );
    let twice = rejection::<Calendar>(r#"{"pattern":[],"closed":[3],"overrides":[[3,5.0]]}"#);
    assert!(twice.contains("listed twice"), "{twice}");
    let twice = rejection::<Calendar>(r#"{"pattern":[],"closed":[2,2]}"#);
    assert!(twice.contains("listed twice"), "{twice}");
}

#[test]
fn models_and_settings_are_checked_by_their_constructors() {
    let hw = HoltWinters::additive(7).unwrap();
    assert_eq!(round_trip(&hw), hw);
    let season =
        rejection::<HoltWinters>(r#"{"season":1,"seasonality":"Additive","damped":false}"#);
    assert!(season.contains("Holt-Winters season length"), "{season}");

    let naive = SeasonalNaive::new(7).unwrap();
    assert_eq!(round_trip(&naive), naive);
    let zero = rejection::<SeasonalNaive>(r#"{"season":0}"#);
    assert!(zero.contains("season length of 0"), "{zero}");

    let profile = DayProfile::new(48, HoltWinters::additive(7).unwrap(), 4).unwrap();
    assert_eq!(round_trip(&profile), profile);
    let mut json = serde_json::to_value(&profile).unwrap();
    json["profile_weeks"] = 0.into();
    let weeks = serde_json::from_value::<DayProfile<HoltWinters>>(json)
        .unwrap_err()
        .to_string();
    assert!(weeks.contains("profile weeks of 0"), "{weeks}");
    let mut json = serde_json::to_value(&profile).unwrap();
    json["day_model"]["season"] = 0.into();
    assert!(serde_json::from_value::<DayProfile<HoltWinters>>(json).is_err());

    let bt = RollingOrigin::new(28, 7, 7).unwrap();
    assert_eq!(round_trip(&bt), bt);
    // A step of 0 would never move the origin.
    let step = rejection::<RollingOrigin>(r#"{"initial":28,"horizon":7,"step":0}"#);
    assert!(step.contains("step of 0"), "{step}");
}

#[test]
fn given_holt_winters_parameters_must_be_finite() {
    let p = HoltWintersParameters {
        alpha: f64::NAN,
        beta: 0.0,
        gamma: 0.0,
        phi: 1.0,
        level: 10.0,
        trend: 0.0,
        seasonal: vec![2.0, -2.0],
    };
    // Only the last slot open: α is used only after the last error, so the run alone would
    // not notice it and the final level would be NaN.
    let cal = Calendar::always_open().close(0).close(1).close(2);
    let err = HoltWinters::additive(2)
        .unwrap()
        .with_parameters(p, &[0.0, 0.0, 0.0, 8.0], &cal)
        .unwrap_err();
    assert!(matches!(err, Error::FitFailed { .. }), "{err}");
    assert!(err.to_string().contains("finite"), "{err}");
}

#[test]
fn deadlines_are_checked_as_their_builder_builds_them() {
    let s = |x: f64| TimeSpan::from_seconds(x).unwrap();
    let d = Deadlines::new()
        .first_reaction("b2c", s(60.0))
        .resolution("b2c", s(3600.0))
        .resolution("b2b", s(7200.0));
    assert_eq!(round_trip(&d), d);
    let twice = rejection::<Deadlines>(r#"{"limits":[["b2c",60.0,null],["b2c",null,60.0]]}"#);
    assert!(twice.contains("more than once"), "{twice}");
    let none = rejection::<Deadlines>(r#"{"limits":[["b2c",null,null]]}"#);
    assert!(none.contains("neither"), "{none}");
    let negative = rejection::<Deadlines>(r#"{"limits":[["b2c",-60.0,null]]}"#);
    assert!(negative.contains("-60"), "{negative}");
}

fn actuals() -> ActualsAccumulator {
    let s = |x: f64| TimeSpan::from_seconds(x).unwrap();
    let d = Deadlines::new().first_reaction("b2c", s(60.0));
    let mut acc = ActualsAccumulator::with_deadlines(IntervalLength::MINUTES_15, s(20.0), d);
    acc.record(
        &ContactRecord::new(
            4000,
            Outcome::Answered {
                wait: s(3.0),
                handle: s(200.0),
            },
        )
        .with_request_type("b2c")
        .with_first_reaction(s(30.0)),
    );
    acc
}

/// The rejection of `actuals()` stored, then edited by `edit`.
fn edited_actuals(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut json = serde_json::to_value(actuals()).unwrap();
    edit(&mut json);
    serde_json::from_value::<ActualsAccumulator>(json)
        .unwrap_err()
        .to_string()
}

#[test]
fn actuals_accumulator_is_checked_so_that_later_calls_cannot_panic() {
    let acc = actuals();
    assert_eq!(round_trip(&acc), acc);
    // Recording indexes the compliance by deadline entry: a missing one would panic.
    let missing = edited_actuals(|j| j["compliance"] = serde_json::json!([]));
    assert!(
        missing.contains("one compliance pair per request type"),
        "{missing}"
    );
    let mut back = round_trip(&acc);
    back.merge(&acc).unwrap();
    assert_eq!(back.total().offered, 2);
    let met = edited_actuals(|j| j["compliance"][0][0]["met"] = 5.into());
    assert!(met.contains("more records that met it"), "{met}");
    let unset = edited_actuals(|j| j["compliance"][0][1]["total"] = 1.into());
    assert!(unset.contains("not set"), "{unset}");
    // `offered − abandoned within` must not underflow.
    let within = edited_actuals(|j| j["intervals"]["4"]["abandoned_within"] = 3.into());
    assert!(within.contains("within the target"), "{within}");
    let offered = edited_actuals(|j| j["intervals"]["4"]["offered"] = 2.into());
    assert!(offered.contains("answered plus abandoned"), "{offered}");
    let handle = edited_actuals(|j| j["intervals"]["4"]["handle_seconds"] = (-1.0).into());
    assert!(handle.contains("time sums"), "{handle}");
    let key = edited_actuals(|j| {
        let counts = j["intervals"]["4"].clone();
        j["intervals"] = serde_json::json!({ i64::MAX.to_string(): counts });
    });
    assert!(key.contains("interval number is too large"), "{key}");
    let time = edited_actuals(|j| j["typed"]["b2c"]["first_reaction"][0] = (-30.0).into());
    assert!(time.contains("first-reaction times"), "{time}");
}

fn edited_accuracy(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let acc = AccuracyAccumulator::from_series(&[10.0, 0.0, 7.0], &[12.0, 1.0, 7.0]).unwrap();
    let mut json = serde_json::to_value(acc).unwrap();
    edit(&mut json);
    serde_json::from_value::<AccuracyAccumulator>(json)
        .unwrap_err()
        .to_string()
}

#[test]
fn accuracy_accumulator_is_checked_so_that_measures_stay_defined() {
    assert_eq!(
        round_trip(&AccuracyAccumulator::new()),
        AccuracyAccumulator::new()
    );
    let negative = edited_accuracy(|j| j["sum_sq"] = (-1.0).into());
    assert!(negative.contains("sums must be finite"), "{negative}");
    let under = edited_accuracy(|j| j["under"] = 2.0.into());
    assert!(under.contains("not positive"), "{under}");
    // `n − zero_actuals` must not underflow in `mape_over_nonzero_actuals`.
    let zeros = edited_accuracy(|j| j["zero_actuals"] = 4.into());
    assert!(zeros.contains("more zero actuals"), "{zeros}");
    let first = edited_accuracy(|j| j["first_zero_actual"] = serde_json::Value::Null);
    assert!(first.contains("first zero actual"), "{first}");
    let index = edited_accuracy(|j| j["first_zero_forecast"] = 3.into());
    assert!(index.contains("index of a first zero"), "{index}");
    let empty = edited_accuracy(|j| {
        j["n"] = 0.into();
        j["zero_actuals"] = 0.into();
        j["first_zero_actual"] = serde_json::Value::Null;
    });
    assert!(empty.contains("no points"), "{empty}");
}

/// Found by fuzzing: stored interval accumulators whose sums no recorded points could reach
/// (1.07e308 of shortfall above from one miss) read back and merged into an infinite interval
/// score. Sums beyond 4 · MAX_VALUE per counted point are now refused on reading; what reads
/// back and merges keeps every measure finite.
#[test]
fn stored_interval_sums_beyond_what_points_can_reach_are_refused() {
    use wfm_forecast::IntervalAccumulator;
    let ok = r#"{"level":0.8,"n":3,"below":0,"above":1,"sum_width":12.0,"short_below":0.0,"short_above":1.0}"#;
    let huge = r#"{"level":0.8,"n":3,"below":0,"above":1,"sum_width":1.02,"short_below":0.0,"short_above":1.07e308}"#;
    let err = serde_json::from_str::<IntervalAccumulator>(huge)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("sum of shortfalls above") && err.contains("1.07e308"),
        "{err}"
    );
    // A shortfall with no point above its interval is refused too.
    let orphan = r#"{"level":0.8,"n":3,"below":0,"above":0,"sum_width":1.0,"short_below":0.0,"short_above":1.0}"#;
    assert!(serde_json::from_str::<IntervalAccumulator>(orphan).is_err());
    // At the bound, merged with itself, the score stays finite.
    let edge = r#"{"level":0.999999,"n":1,"below":0,"above":1,"sum_width":4e100,"short_below":0.0,"short_above":4e100}"#;
    assert!(serde_json::from_str::<IntervalAccumulator>(ok).is_ok());
    let mut a: IntervalAccumulator = serde_json::from_str(edge).unwrap();
    let copy = a;
    a.merge(&copy).unwrap();
    let r = a.report().unwrap();
    assert!(
        r.interval_score().is_finite() && r.mean_width().is_finite(),
        "{}",
        r.interval_score()
    );
}

/// Found by fuzzing: a 27-slot weekly history with one 8.8e78 spike, Sundays closed and one
/// override, admits no multiplicative fit that keeps the level and season positive. The fit
/// now gives up after one optimiser run instead of restarting twice from the same start (0.4 s
/// before, 0.16 s after, in release, for a forecast with and without an interval); the answer
/// stays the same typed error. (The speed is not asserted: too noisy on shared machines.)
#[test]
fn a_history_without_a_feasible_multiplicative_fit_is_a_typed_error() {
    let input = r#"[{"season":7,"seasonality":"Multiplicative","damped":false},[90.0,100.0,95.0,97.0,80.0,40.0,20.0,90.0,100.0,95.0,97.0,80.0,40.0,20.0,90.0,100.0,95.0,97.0,87777777777777777777777777777777777777777777777777777777777777777777777777777770.0,40.0,0,100.0,95.0,97.0,80.0,40.0,20.0],{"pattern":[true,true,true,true,true,true,false],"closed":[84],"overrides":[[31,50.0]]}]"#;
    let (model, history, calendar): (HoltWinters, Vec<f64>, Calendar) =
        serde_json::from_str(input).unwrap();
    let err = model.fit(&history, &calendar).unwrap_err();
    assert!(
        err.to_string()
            .contains("no parameters keep the level and season positive"),
        "{err}"
    );
}
