//! Bad input gives typed errors that name the offending value, never NaN or a panic.
#![allow(clippy::unwrap_used)]

use cx_scales::{Distribution, Scale, Share};
use cx_survey::*;

#[test]
fn empty_data_is_a_no_responses_error() {
    assert!(matches!(
        Nps::from_counts(0, 0, 0),
        Err(SurveyError::NoResponses { .. })
    ));
    assert!(matches!(
        NpsTally::new().nps(),
        Err(SurveyError::NoResponses { .. })
    ));
    assert!(matches!(
        Nps::from_answers::<u8>(&[]),
        Err(SurveyError::NoResponses { .. })
    ));
    let empty = Distribution::new(Scale::ONE_TO_FIVE);
    assert!(matches!(
        csat_top_box(&empty, 2),
        Err(SurveyError::NoResponses { .. })
    ));
    assert!(matches!(
        csat_mean(&empty),
        Err(SurveyError::NoResponses { .. })
    ));
    assert!(matches!(
        Proportion::new(0, 0),
        Err(SurveyError::NoResponses { .. })
    ));
    assert!(matches!(
        QualityTally::new().mean_score(),
        Err(SurveyError::NoResponses { .. })
    ));
    assert!(matches!(
        agreement::<u8>(&[], &[]),
        Err(SurveyError::NoResponses { .. })
    ));
    assert_eq!(
        Nps::from_counts(0, 0, 0).unwrap_err().to_string(),
        "NPS is undefined: there are no responses"
    );
}

#[test]
fn out_of_range_answers_name_value_and_position() {
    let err = Nps::from_answers(&[10u8, 9, 11]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "answer 11 at position 2 is not a point of the scale 0..=10"
    );
    let mut t = NpsTally::new();
    assert!(t.record(-1).is_err());
    assert_eq!(t.n(), 0);
    let five = Distribution::count(Scale::ONE_TO_FIVE, &[5u8]).unwrap();
    assert_eq!(
        Nps::from_distribution(&five).unwrap_err().to_string(),
        "NPS is defined on the scale 0..=10, but the answers are on 1..=5"
    );
    assert!(matches!(
        ces_share(&five),
        Err(SurveyError::WrongScale { .. })
    ));
    assert!(NpsScore::new(-100.000001).is_err());
    assert!(Proportion::new(11, 10).is_err());
}

#[test]
fn zero_weights_and_bad_scorecards_are_rejected() {
    let err = Criterion::new("greeting", 0.0).unwrap_err();
    assert_eq!(
        err.to_string(),
        "criterion \"greeting\" has weight 0; weights must be finite and > 0"
    );
    assert!(Criterion::new("x", f64::NAN).is_err());
    assert!(Criterion::new("x", -1.0).is_err());
    assert!(Criterion::new("x", f64::INFINITY).is_err());
    assert!(matches!(
        Scorecard::new(vec![]),
        Err(SurveyError::EmptyScorecard)
    ));
}

#[test]
fn critical_criterion_marked_not_applicable_is_an_error() {
    let card = Scorecard::new(vec![
        Criterion::new("greeting", 1.0).unwrap(),
        Criterion::critical("identity verified", 1.0).unwrap(),
    ])
    .unwrap();
    let err = card
        .evaluate(&[Verdict::Yes, Verdict::NotApplicable])
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "critical criterion \"identity verified\" was marked not applicable; critical criteria must be answered"
    );
    let all_na = Scorecard::new(vec![Criterion::new("a", 1.0).unwrap()]).unwrap();
    assert!(matches!(
        all_na.evaluate(&[Verdict::NotApplicable]),
        Err(SurveyError::NothingApplicable)
    ));
    assert!(matches!(
        card.evaluate(&[Verdict::Yes]),
        Err(SurveyError::AnswerCount {
            expected: 2,
            found: 1
        })
    ));
}

#[test]
fn confidence_levels_outside_zero_one_are_rejected() {
    for bad in [0.0, 1.0, -0.5, 1.5, 95.0, f64::NAN, f64::INFINITY] {
        assert!(
            matches!(
                Confidence::new(bad),
                Err(SurveyError::ConfidenceOutOfRange { .. })
            ),
            "{bad}"
        );
    }
    // Extreme but valid levels work and stay in range.
    for level in [1e-9, 0.999_999_999] {
        let c = Confidence::new(level).unwrap();
        let ci = Nps::from_counts(3, 0, 0)
            .unwrap()
            .interval(NpsMethod::AdjustedWald, c);
        assert!(ci.lower.value() >= -100.0 && ci.upper.value() <= 100.0);
        let s = Proportion::new(0, 3)
            .unwrap()
            .interval(ShareMethod::ClopperPearson, c);
        assert!(s.upper.value() <= 1.0 && s.upper.value() > 0.0);
    }
}

#[test]
fn clopper_pearson_at_zero_successes_and_tiny_alpha() {
    // statsmodels issue #9141: at x = 0 the upper limit is 1 − (α/2)^(1/n), also at tiny α.
    let c = Confidence::new(1.0 - 1e-12).unwrap();
    let ci = Proportion::new(0, 50)
        .unwrap()
        .interval(ShareMethod::ClopperPearson, c);
    let want = 1.0 - (c.alpha() / 2.0).powf(1.0 / 50.0);
    assert!(
        (ci.upper.value() - want).abs() < 1e-12,
        "{} vs {want}",
        ci.upper.value()
    );
}

#[test]
fn sample_size_inputs_are_checked() {
    let half = Share::new(0.5).unwrap();
    assert!(share_sample_size(0.0, Confidence::NINETY_FIVE, half, None).is_err());
    assert!(share_sample_size(1.0, Confidence::NINETY_FIVE, half, None).is_err());
    assert!(share_sample_size(0.05, Confidence::NINETY_FIVE, half, Some(0)).is_err());
    assert!(nps_sample_size(250.0, Confidence::NINETY_FIVE, None, None).is_err());
    let flat = Nps::from_counts(10, 0, 0).unwrap();
    assert!(nps_sample_size(5.0, Confidence::NINETY_FIVE, Some(&flat), None).is_err());
    assert!(matches!(
        share_margin(20, Some(10), half, Confidence::NINETY_FIVE),
        Err(SurveyError::SampleExceedsPopulation {
            sample: 20,
            population: 10
        })
    ));
    assert_eq!(
        share_margin(10, Some(10), half, Confidence::NINETY_FIVE).unwrap(),
        0.0
    );
}

#[test]
fn kappa_undefined_and_unpaired_ratings() {
    assert!(matches!(
        agreement(&[1, 1], &[1, 1]),
        Err(SurveyError::KappaUndefined { .. })
    ));
    assert!(matches!(
        agreement(&[1, 2], &[1]),
        Err(SurveyError::UnpairedRatings {
            first: 2,
            second: 1
        })
    ));
}

#[test]
fn t_interval_needs_two_answers_and_welch_needs_variance() {
    let one = Distribution::count(Scale::ONE_TO_FIVE, &[4u8]).unwrap();
    let m = MeanScore::from_distribution(&one).unwrap();
    assert!(matches!(
        m.interval(Confidence::NINETY_FIVE),
        Err(SurveyError::TooFewResponses {
            n: 1,
            needed: 2,
            ..
        })
    ));
    let flat = MeanScore::from_summary(10, 4.0, 0.0).unwrap();
    assert!(compare_means(&flat, &flat, Confidence::NINETY_FIVE).is_err());
}

#[test]
fn benchmarks_reject_unordered_cuts_and_bad_bands() {
    use std::ops::Bound;
    let band = cx_scales::Band::top_box(Scale::ONE_TO_FIVE, 2).unwrap();
    let s = |p| Share::from_percent(p).unwrap();
    assert!(ShareQuartiles::new("x", band, [s(50.0), s(50.0), s(40.0)], "test").is_err());
    assert!(RangeBand::new("x", Bound::Included(f64::NAN), Bound::Unbounded).is_err());
}

#[test]
fn fisher_exact_test_reports_overflowing_counts_and_stays_fast_at_large_ones() {
    let all = Proportion::new(u64::MAX, u64::MAX).unwrap();
    let one = Proportion::new(1, 1).unwrap();
    assert_eq!(fisher_exact_p(all, one), Err(SurveyError::CountOverflow));
    assert_eq!(fisher_exact_p(one, all), Err(SurveyError::CountOverflow));
    // 10¹² answers a side: the old walk over the support took 10¹² steps; this takes ~10⁶.
    let t = 1_000_000_000_000;
    let (a, b) = (
        Proportion::new(t / 2 + 2_000_000, t).unwrap(),
        Proportion::new(t / 2, t).unwrap(),
    );
    let p = fisher_exact_p(a, b).unwrap();
    // This far into the normal regime, within a relative 1e-3 of the pooled z test (p ≈ 0.0047).
    let z = compare_shares(a, b, Confidence::NINETY_FIVE).p_value;
    assert!((p - z).abs() < 1e-3 * z, "{p} vs {z}");
}

#[test]
fn explicit_z_must_be_a_positive_finite_critical_value() {
    let p = Proportion::new(8, 20).unwrap();
    for m in [
        ShareMethod::Wilson,
        ShareMethod::AgrestiCoull,
        ShareMethod::ClopperPearson,
        ShareMethod::Jeffreys,
        ShareMethod::Wald,
    ] {
        for z in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.0, -1.96, 40.0] {
            assert!(
                matches!(
                    p.bounds_with_z(m, z),
                    Err(SurveyError::OutOfRange { name: "z", .. })
                ),
                "{m} z = {z}"
            );
        }
        let (lo, hi) = p.bounds_with_z(m, 1.96).unwrap();
        assert!(
            0.0 < lo && lo < 0.4 && 0.4 < hi && hi < 1.0,
            "{m}: {lo} {hi}"
        );
        // The largest accepted z gives a wide but ordered, finite interval.
        let (lo, hi) = p.bounds_with_z(m, 37.0).unwrap();
        assert!(0.0 <= lo && lo <= hi && hi <= 1.0, "{m}: {lo} {hi}");
    }
}

#[test]
fn any_finite_positive_scorecard_weights_score_correctly() {
    use Verdict::*;
    let big = Scorecard::new(vec![
        Criterion::new("a", f64::MAX).unwrap(),
        Criterion::new("b", f64::MAX).unwrap(),
    ])
    .unwrap();
    assert_eq!(big.evaluate(&[Yes, No]).unwrap().score().value(), 0.5);
    assert_eq!(big.evaluate(&[Yes, Yes]).unwrap().score().value(), 1.0);
    assert_eq!(big.evaluate(&[Partial, Yes]).unwrap().score().value(), 0.75);
    // Tiny (subnormal) weights, and weights 600 orders of magnitude apart.
    let tiny = Scorecard::new(vec![
        Criterion::new("a", 5e-324).unwrap(),
        Criterion::new("b", 1.5e-323).unwrap(),
    ])
    .unwrap();
    assert_eq!(
        tiny.evaluate(&[Partial, No]).unwrap().score().value(),
        0.125
    );
    let apart = Scorecard::new(vec![
        Criterion::new("a", 1e300).unwrap(),
        Criterion::new("b", 1e-300).unwrap(),
    ])
    .unwrap();
    assert_eq!(apart.evaluate(&[Yes, No]).unwrap().score().value(), 1.0);
    assert_eq!(
        apart
            .evaluate(&[NotApplicable, Yes])
            .unwrap()
            .score()
            .value(),
        1.0
    );
    assert_eq!(
        apart
            .evaluate(&[NotApplicable, Partial])
            .unwrap()
            .score()
            .value(),
        0.5
    );
    // Ordinary weights keep their exact results.
    let card = Scorecard::new(vec![
        Criterion::new("a", 1.0).unwrap(),
        Criterion::new("b", 3.0).unwrap(),
        Criterion::new("c", 2.0).unwrap(),
    ])
    .unwrap();
    assert_eq!(
        card.evaluate(&[Yes, Partial, NotApplicable])
            .unwrap()
            .score()
            .value(),
        (1.0 + 1.5) / 4.0
    );
}

#[test]
fn nps_tally_totals_never_exceed_u64() {
    use cx_scales::{TypedScore, ZeroToTen};
    let counts = [u64::MAX - 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    let d = Distribution::from_counts(Scale::ZERO_TO_TEN, &counts).unwrap();
    let mut t = NpsTally::from_distribution(&d).unwrap();
    let before = t;
    let typed = |v| TypedScore::<ZeroToTen>::new(v).unwrap();
    // Two more answers, each in a group far from full: the total would pass u64::MAX.
    assert_eq!(
        t.try_extend([typed(10), typed(8)]),
        Err(SurveyError::CountOverflow)
    );
    assert_eq!(t, before);
    t.try_extend([typed(9)]).unwrap();
    assert_eq!((t.n(), t.promoters()), (u64::MAX, 1));
    // One by one, too.
    assert_eq!(t.record(7), Err(SurveyError::CountOverflow));
    assert_eq!(t.n(), u64::MAX);
    let mut fresh = NpsTally::new();
    fresh.try_extend([10, 9, 8, 0].map(typed)).unwrap();
    assert_eq!(
        (fresh.promoters(), fresh.passives(), fresh.detractors()),
        (2, 1, 1)
    );
}

#[test]
fn sample_sizes_are_never_nan() {
    use cx_scales::Share;
    for anticipated in [Share::ZERO, Share::new(1.0).unwrap()] {
        for population in [None, Some(1), Some(2), Some(1000)] {
            assert!(
                matches!(
                    share_sample_size(0.05, Confidence::NINETY_FIVE, anticipated, population),
                    Err(SurveyError::OutOfRange {
                        name: "anticipated share",
                        ..
                    })
                ),
                "{anticipated:?} {population:?}"
            );
        }
        assert!(share_margin(10, Some(100), anticipated, Confidence::NINETY_FIVE).is_err());
        assert!(audit_rule_of_thumb(100, anticipated, Confidence::NINETY_FIVE).is_err());
    }
    // The smallest positive share, a vanishing level, a population of one: finite, at least 1.
    let low = Confidence::new(1e-6).unwrap();
    let rare = Share::new(f64::from_bits(1)).unwrap();
    for population in [None, Some(1), Some(2)] {
        let s = share_sample_size(0.5, low, rare, population).unwrap();
        assert!(s.corrected.is_finite() && s.infinite_population.is_finite());
        assert_eq!(s.required, 1);
    }
    // A margin so small that the size is not finite, or not a u64.
    let half = Share::new(0.5).unwrap();
    assert!(share_sample_size(1e-200, Confidence::NINETY_FIVE, half, Some(10)).is_err());
    assert_eq!(
        share_sample_size(1e-12, Confidence::NINETY_FIVE, half, None),
        Err(SurveyError::CountOverflow)
    );
    let census = share_sample_size(1e-12, Confidence::NINETY_FIVE, half, Some(5000)).unwrap();
    assert_eq!(census.required, 5000);
}
