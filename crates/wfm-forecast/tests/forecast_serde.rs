//! Accumulators and settings of the forecasting side round-trip through serde (feature
//! `serde`), so that partial results can be stored and merged later.

#![cfg(feature = "serde")]
#![allow(clippy::unwrap_used)]

use wfm_forecast::{
    AccuracyAccumulator, ActualsAccumulator, Calendar, ContactRecord, Deadlines, HoltWinters,
    IntervalLength, Outcome, TimeSpan,
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
