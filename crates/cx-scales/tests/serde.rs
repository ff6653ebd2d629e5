//! Serialisation round trips, and validation of what is read back.
#![cfg(feature = "serde")]
#![allow(clippy::unwrap_used)] // tests state their expectations with unwrap

use cx_scales::*;
use serde_json::{from_str, json, to_string};

fn round_trip<T>(value: &T) -> T
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    from_str(&to_string(value).unwrap()).unwrap()
}

#[test]
fn values_round_trip() {
    let d = Distribution::count(Scale::ZERO_TO_TEN, &[10u8, 9, 0, 7, 7]).unwrap();
    assert_eq!(round_trip(&d), d);
    assert_eq!(round_trip(&Scale::SMILEYS), Scale::SMILEYS);
    let s = Score::new(Scale::ONE_TO_SEVEN, 6).unwrap();
    assert_eq!(round_trip(&s), s);
    let b = Band::top_box(Scale::ONE_TO_FIVE, 2)
        .unwrap()
        .named("satisfied");
    assert_eq!(round_trip(&b), b);
    assert_eq!(round_trip(&Partition::nps()), Partition::nps());
    let ces = LabeledScale::ces_agreement();
    assert_eq!(round_trip(&ces), ces);
    let t = PercentTable::new(Scale::SMILEYS, [(5, 70.0), (3, 20.0), (1, 10.0)], 0.0)
        .unwrap()
        .with_respondents(40)
        .unwrap();
    assert_eq!(round_trip(&t), t);
    let c = Conversion::with_method(Scale::ONE_TO_FIVE, Scale::ONE_TO_TEN, Method::PointShares);
    assert_eq!(round_trip(&c), c);
    let f = Fraction::new(23, 5).unwrap();
    assert_eq!(round_trip(&f), f);
    let bench = BandBenchmark::new(
        "COPC CSAT",
        b,
        Goal::AtLeast,
        Share::from_percent(85.0).unwrap(),
    );
    assert_eq!(round_trip(&bench), bench);
}

#[test]
fn benchmark_results_serialise() {
    let ours =
        Distribution::from_counts(Scale::ONE_TO_TEN, &[0u64, 0, 0, 0, 0, 0, 1, 1, 1, 1]).unwrap();
    let b = BandBenchmark::new(
        "best practice",
        Band::at_least(Scale::ONE_TO_SEVEN, 5).unwrap(),
        Goal::AtLeast,
        Share::from_percent(75.0).unwrap(),
    );
    let r = b
        .evaluate(&ours, Method::Endpoints, ThresholdPolicy::ExactOnly)
        .unwrap();
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["share"], json!(1.0));
    assert_eq!(v["meets"], json!(true));
    assert_eq!(v["mapped"]["chosen"]["lo"], json!({"numer": 7, "denom": 1}));
    assert_eq!(v["mapped"]["policy"], json!("exact_only"));
}

#[test]
fn the_wire_format_is_plain() {
    let d = Distribution::count(Scale::SMILEYS, &[5u8, 5, 1]).unwrap();
    assert_eq!(
        serde_json::to_value(&d).unwrap(),
        json!({"scale": {"min": 1, "max": 5, "step": 2}, "counts": [1, 0, 2]})
    );
    // The step may be left out.
    let s: Scale = from_str(r#"{"min": 0, "max": 10}"#).unwrap();
    assert_eq!(s, Scale::ZERO_TO_TEN);
}

#[test]
fn invalid_input_is_rejected_when_read() {
    assert!(from_str::<Scale>(r#"{"min": 5, "max": 1}"#).is_err());
    assert!(from_str::<Score>(r#"{"scale": {"min": 1, "max": 5}, "value": 9}"#).is_err());
    assert!(
        from_str::<Distribution>(r#"{"scale": {"min": 1, "max": 5}, "counts": [1, 2]}"#).is_err()
    );
    assert!(from_str::<Band>(r#"{"scale": {"min": 1, "max": 5}, "lo": 4, "hi": 7}"#).is_err());
    assert!(from_str::<Share>("1.5").is_err());
    assert!(from_str::<Fraction>(r#"{"numer": 1, "denom": 0}"#).is_err());
    assert!(
        from_str::<LabeledScale>(r#"{"scale": {"min": 0, "max": 1}, "labels": ["a"]}"#).is_err()
    );
    let gap = r#"{"scale": {"min": 0, "max": 10}, "bands": [{"scale": {"min": 0, "max": 10}, "lo": 0, "hi": 5}]}"#;
    assert!(from_str::<Partition>(gap).is_err());
    let table = r#"{"scale": {"min": 1, "max": 5}, "percents": [50, 0, 0, 0, 20]}"#;
    assert!(from_str::<PercentTable>(table).is_err());
}
