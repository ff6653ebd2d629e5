//! Serialisation round trips, with validation on the way in.
#![cfg(feature = "serde")]
#![allow(clippy::unwrap_used)]

use cx_scales::{Distribution, Scale};
use cx_survey::*;

#[test]
fn accumulators_round_trip_and_merge_after_reading() {
    let mut t = NpsTally::new();
    t.record_answers(&[10u8, 9, 7, 2]).unwrap();
    let json = serde_json::to_string(&t).unwrap();
    assert_eq!(json, r#"{"promoters":2,"passives":1,"detractors":1}"#);
    let mut back: NpsTally = serde_json::from_str(&json).unwrap();
    back.merge(&t).unwrap();
    assert_eq!(back.n(), 8);

    let mut g = Grouped::new(Distribution::new(Scale::ONE_TO_FIVE));
    g.record("chat".to_string(), 5).unwrap();
    g.record("phone".to_string(), 1).unwrap();
    let json = serde_json::to_string(&g).unwrap();
    let back: Grouped<String, Distribution> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, g);

    let card = Scorecard::new(vec![Criterion::new("a", 1.0).unwrap()]).unwrap();
    let mut q = QualityTally::new();
    q.record(&card.evaluate(&[Verdict::Partial]).unwrap())
        .unwrap();
    let back: QualityTally = serde_json::from_str(&serde_json::to_string(&q).unwrap()).unwrap();
    assert_eq!(back, q);
}

#[test]
fn validated_values_are_checked_when_read() {
    assert!(serde_json::from_str::<NpsScore>("101").is_err());
    assert!(serde_json::from_str::<Confidence>("95").is_err());
    assert_eq!(
        serde_json::from_str::<Confidence>("0.9").unwrap(),
        Confidence::NINETY
    );
    assert!(serde_json::from_str::<Nps>(r#"{"promoters":0,"passives":0,"detractors":0}"#).is_err());
    let nps: Nps =
        serde_json::from_str(r#"{"promoters":70,"passives":10,"detractors":20}"#).unwrap();
    assert_eq!(nps.score().value(), 50.0);
}

#[test]
fn results_and_benchmarks_serialise() {
    let ci = Nps::from_counts(70, 10, 20)
        .unwrap()
        .interval(NpsMethod::Score, Confidence::NINETY_FIVE);
    let v: serde_json::Value = serde_json::to_value(ci).unwrap();
    assert_eq!(v["method"], "score");
    assert_eq!(v["estimate"], 50.0);
    let b = copc_cdsat();
    let back: SourcedBenchmark = serde_json::from_str(&serde_json::to_string(&b).unwrap()).unwrap();
    assert_eq!(back, b);
    let bands = NpsBands::seed_001();
    let back: NpsBands = serde_json::from_str(&serde_json::to_string(&bands).unwrap()).unwrap();
    assert_eq!(back, bands);
}
