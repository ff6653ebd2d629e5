//! With the `serde` feature: inputs validate on the way in, results serialise.

#![cfg(feature = "serde")]
#![allow(clippy::unwrap_used)]

use wfm_forecast::{ErlangC, IntervalLength, TimeSpan, Volume};

#[test]
fn inputs_are_validated_when_deserialised() {
    let t: TimeSpan = serde_json::from_str("20.0").unwrap();
    assert_eq!(t.seconds(), 20.0);
    assert!(serde_json::from_str::<TimeSpan>("-1.0").is_err());
    assert!(serde_json::from_str::<Volume>("-3").is_err());
    assert_eq!(
        serde_json::from_str::<IntervalLength>("900").unwrap(),
        IntervalLength::MINUTES_15
    );
    assert!(serde_json::from_str::<IntervalLength>("700").is_err());
    assert_eq!(
        serde_json::to_string(&IntervalLength::HOUR).unwrap(),
        "3600"
    );
}

#[test]
fn metrics_serialise_with_named_fields() {
    let q = ErlangC::from_erlangs(10.0, TimeSpan::from_seconds(180.0).unwrap()).unwrap();
    let m = q
        .metrics(14, TimeSpan::from_seconds(20.0).unwrap())
        .unwrap();
    let json = serde_json::to_value(m).unwrap();
    assert_eq!(json["agents"], 14);
    assert!((json["asa"].as_f64().unwrap() - 7.835_937_012).abs() < 1e-9);
}
