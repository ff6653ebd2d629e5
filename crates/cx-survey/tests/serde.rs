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
    let bands = NpsBands::osipov();
    let back: NpsBands = serde_json::from_str(&serde_json::to_string(&bands).unwrap()).unwrap();
    assert_eq!(back, bands);
}

/// The message of the error `json` is rejected with, as a `T`.
fn rejection<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
    serde_json::from_str::<T>(json).unwrap_err().to_string()
}

#[test]
fn bands_and_quartiles_are_checked_by_their_constructors() {
    let band = RangeBand::new(
        "good",
        std::ops::Bound::Excluded(50.0),
        std::ops::Bound::Unbounded,
    )
    .unwrap();
    let back: RangeBand = serde_json::from_str(&serde_json::to_string(&band).unwrap()).unwrap();
    assert_eq!(back, band);
    let upside_down = rejection::<RangeBand>(
        r#"{"label":"x","lower":{"Included":10.0},"upper":{"Excluded":0.0}}"#,
    );
    assert!(upside_down.contains("band lower bound"), "{upside_down}");
    // A band inside the public list of NPS bands is checked too.
    let bands = rejection::<NpsBands>(
        r#"{"bands":[{"label":"x","lower":{"Included":10.0},"upper":{"Included":0.0}}],"origin":"typo"}"#,
    );
    assert!(bands.contains("at most the upper bound"), "{bands}");

    let q = ShareQuartiles::ceb_ces();
    let back: ShareQuartiles = serde_json::from_str(&serde_json::to_string(&q).unwrap()).unwrap();
    assert_eq!(back, q);
    let mut json = serde_json::to_value(&q).unwrap();
    json["cuts"] = serde_json::json!([0.542, 0.686, 0.805]);
    let unordered = serde_json::from_value::<ShareQuartiles>(json)
        .unwrap_err()
        .to_string();
    assert!(unordered.contains("strictly decreasing"), "{unordered}");
}

#[test]
fn tallies_are_checked_against_what_recording_keeps_true() {
    let full = rejection::<NpsTally>(&format!(
        r#"{{"promoters":{m},"passives":{m},"detractors":0}}"#,
        m = u64::MAX
    ));
    assert!(full.contains("overflow"), "{full}");

    let failed =
        rejection::<QualityTally>(r#"{"evaluations":2,"failed":3,"score_sum":0,"score_sq_sum":0}"#);
    assert!(failed.contains("3 successes out of 2 trials"), "{failed}");
    // A mean score above 1 (here 2) is no mean of scores in 0..=1.
    let sum = rejection::<QualityTally>(&format!(
        r#"{{"evaluations":1,"failed":0,"score_sum":{},"score_sq_sum":0}}"#,
        2i128 << 60
    ));
    assert!(sum.contains("score_sum"), "{sum}");
    let sq = rejection::<QualityTally>(
        r#"{"evaluations":1,"failed":0,"score_sum":1,"score_sq_sum":-1}"#,
    );
    assert!(sq.contains("score_sq_sum"), "{sq}");
}

#[test]
fn groupings_are_rebuilt_as_their_methods_build_them() {
    // The template is emptied, as `Grouped::new` empties it.
    let template_with_answers =
        r#"{"empty":{"scale":{"min":1,"max":5,"step":1},"counts":[0,0,0,0,7]},"groups":{}}"#;
    let g: Grouped<String, Distribution> = serde_json::from_str(template_with_answers).unwrap();
    assert_eq!(g, Grouped::new(Distribution::new(Scale::ONE_TO_FIVE)));
    // A group on another scale than the template's could never have been recorded.
    let other_scale = rejection::<Grouped<String, Distribution>>(
        r#"{"empty":{"scale":{"min":1,"max":5,"step":1},"counts":[0,0,0,0,0]},"groups":{"chat":{"scale":{"min":1,"max":3,"step":1},"counts":[0,0,1]}}}"#,
    );
    assert!(other_scale.contains("cannot combine"), "{other_scale}");
}

#[test]
fn scorecards_round_trip_and_are_checked_by_their_constructors() {
    let card = Scorecard::new(vec![
        Criterion::new("greeting", 1.0).unwrap(),
        Criterion::critical("identity verified", 2.5).unwrap(),
    ])
    .unwrap()
    .with_partial_credit(0.25)
    .unwrap()
    .with_critical_policy(CriticalPolicy::FlagOnly);
    let json = serde_json::to_string(&card).unwrap();
    assert_eq!(
        json,
        r#"{"criteria":[{"name":"greeting","weight":1.0,"critical":false},{"name":"identity verified","weight":2.5,"critical":true}],"partial_credit":0.25,"critical_policy":"flag_only"}"#
    );
    let back: Scorecard = serde_json::from_str(&json).unwrap();
    assert_eq!(back, card);
    let c: Criterion =
        serde_json::from_str(r#"{"name":"a","weight":2.0,"critical":true}"#).unwrap();
    assert_eq!(c, Criterion::critical("a", 2.0).unwrap());

    let weight = rejection::<Criterion>(r#"{"name":"a","weight":0.0,"critical":false}"#);
    assert!(
        weight.contains("weights must be finite and > 0"),
        "{weight}"
    );
    let negative = rejection::<Criterion>(r#"{"name":"a","weight":-1.0,"critical":true}"#);
    assert!(negative.contains("weight -1"), "{negative}");
    let empty = rejection::<Scorecard>(
        r#"{"criteria":[],"partial_credit":0.5,"critical_policy":"zero_score"}"#,
    );
    assert!(empty.contains("at least one criterion"), "{empty}");
    let twice = rejection::<Scorecard>(
        r#"{"criteria":[{"name":"a","weight":1.0,"critical":false},{"name":"a","weight":2.0,"critical":false}],"partial_credit":0.5,"critical_policy":"zero_score"}"#,
    );
    assert!(twice.contains("more than once"), "{twice}");
    let credit = rejection::<Scorecard>(
        r#"{"criteria":[{"name":"a","weight":1.0,"critical":false}],"partial_credit":1.5,"critical_policy":"zero_score"}"#,
    );
    assert!(credit.contains("partial credit"), "{credit}");
    let bad_inner = rejection::<Scorecard>(
        r#"{"criteria":[{"name":"a","weight":1e999,"critical":false}],"partial_credit":0.5,"critical_policy":"zero_score"}"#,
    );
    assert!(!bad_inner.is_empty());
}

#[test]
fn quartile_placements_serialise() {
    use cx_scales::{Method, ThresholdPolicy};
    let d =
        Distribution::from_counts(Scale::ONE_TO_SEVEN, &[10u64, 10, 10, 10, 20, 20, 20]).unwrap();
    let r = ShareQuartiles::ceb_ces()
        .evaluate(&d, Method::Endpoints, ThresholdPolicy::ExactOnly)
        .unwrap();
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["quartile"], "third");
    assert_eq!(v["share"], serde_json::to_value(r.share).unwrap());
    assert!(v["mapped"].is_object(), "{v}");
}
