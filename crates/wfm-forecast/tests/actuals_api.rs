//! The actuals accumulator's listings and zero-filled ranges, the deadlines' getters and the
//! day-profile model's parts: what a caller needs to report actuals without re-deriving them.
#![allow(clippy::unwrap_used)]

use wfm_forecast::{
    ActualCounts, ActualsAccumulator, ContactRecord, DayProfile, Deadlines, HoltWinters,
    IntervalLength, Outcome, SeasonalNaive, TimeSpan,
};

fn s(x: f64) -> TimeSpan {
    TimeSpan::from_seconds(x).unwrap()
}

#[test]
fn per_interval_range_fills_every_interval_and_agrees_with_per_interval() {
    let mut acc = ActualsAccumulator::new(IntervalLength::MINUTES_30, s(20.0));
    let answered = Outcome::Answered {
        wait: s(5.0),
        handle: s(100.0),
    };
    for at in [60, 1900, 1950, 86_400 + 7200, -10] {
        acc.record(&ContactRecord::new(at, answered));
    }
    let (start, end) = (-86_400, 2 * 86_400);
    let range = acc.per_interval_range(start, end).unwrap();
    assert_eq!(range.len(), 3 * 48);
    assert!(range.windows(2).all(|w| w[1].0 - w[0].0 == 1800));
    assert_eq!(range[0].0, start);
    // The intervals with contacts are exactly those of per_interval; the rest are zero.
    let sparse = acc.per_interval();
    for (t, c) in &range {
        match sparse.iter().find(|(u, _)| u == t) {
            Some((_, d)) => assert_eq!(c, d),
            None => assert_eq!(*c, ActualCounts::default()),
        }
    }
    let total: u64 = range.iter().map(|(_, c)| c.offered).sum();
    assert_eq!(total, 5);
    // The same offered counts as offered_series.
    let offered: Vec<f64> = range.iter().map(|(_, c)| c.offered as f64).collect();
    assert_eq!(offered, acc.offered_series(start, end).unwrap());
    // Empty and bad ranges.
    assert!(acc.per_interval_range(0, 0).unwrap().is_empty());
    assert!(acc.per_interval_range(0, 100).is_err());
    assert!(acc.per_interval_range(1800, 0).is_err());
}

#[test]
fn request_types_are_listed_whether_or_not_they_carry_times() {
    let mut acc = ActualsAccumulator::new(IntervalLength::HOUR, s(20.0));
    assert!(acc.request_types().is_empty());
    let out = Outcome::Abandoned { wait: s(1.0) };
    acc.record(&ContactRecord::new(0, out).with_request_type("vip"));
    acc.record(
        &ContactRecord::new(0, out)
            .with_request_type("b2c")
            .with_resolution(s(9.0)),
    );
    acc.record(&ContactRecord::new(0, out).with_first_reaction(s(9.0)));
    acc.record(&ContactRecord::new(0, out).with_request_type("b2c"));
    assert_eq!(acc.request_types(), ["b2c", "vip"]);
    assert_eq!(
        acc.first_reaction_percentiles_of("vip", &[0.5]).unwrap(),
        None
    );
    // Merging unites the types.
    let mut other = ActualsAccumulator::new(IntervalLength::HOUR, s(20.0));
    other.record(&ContactRecord::new(0, out).with_request_type("a"));
    acc.merge(&other).unwrap();
    assert_eq!(acc.request_types(), ["a", "b2c", "vip"]);
}

#[test]
fn deadlines_give_back_what_was_set() {
    let d = Deadlines::new()
        .first_reaction("b2c", s(60.0))
        .resolution("b2b", s(14_400.0))
        .first_reaction("b2c", s(90.0));
    assert_eq!(d.request_types().collect::<Vec<_>>(), ["b2c", "b2b"]);
    assert_eq!(d.first_reaction_limit("b2c"), Some(s(90.0)));
    assert_eq!(d.resolution_limit("b2c"), None);
    assert_eq!(d.resolution_limit("b2b"), Some(s(14_400.0)));
    assert_eq!(d.first_reaction_limit("none"), None);
    assert_eq!(d.iter().len(), d.len());
    let acc = ActualsAccumulator::with_deadlines(IntervalLength::HOUR, s(20.0), d.clone());
    assert_eq!(acc.deadlines(), &d);
    let listed: Vec<String> = acc
        .deadline_compliance()
        .into_iter()
        .map(|c| c.request_type)
        .collect();
    assert_eq!(listed, d.request_types().collect::<Vec<_>>());
}

#[test]
fn a_day_profile_shows_its_parts() {
    let hw = HoltWinters::multiplicative(7).unwrap().damped();
    let m = DayProfile::new(96, hw, 4).unwrap();
    assert_eq!(m.day_model(), &hw);
    assert_eq!(m.profile_weeks(), 4);
    assert_eq!(m.slots_per_week(), 96 * 7);
    let n = DayProfile::with_day_model(24, 5, SeasonalNaive::new(5).unwrap(), 2).unwrap();
    assert_eq!(n.day_model().season(), 5);
    assert_eq!(n.slots_per_week(), 120);
}
