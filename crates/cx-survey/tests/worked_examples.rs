//! The worked examples of Ilya Osipov's guide ("Win or die: staying afloat in the world of
//! customer attention") and Oleg Zeldin's posts (Telegram channel "Customer service — the art of
//! serving people"), end to end.
#![allow(clippy::unwrap_used)]

use cx_scales::{Distribution, Method, PercentTable, Scale, Share, ThresholdPolicy};
use cx_survey::*;

#[test]
fn nps_of_osipov_example_is_50_from_a_percent_table() {
    // The same example published as percentages: 70 % promoters, 10 % passives, 20 % detractors.
    let t = PercentTable::new(Scale::ZERO_TO_TEN, [(10, 70.0), (8, 10.0), (3, 20.0)], 0.0).unwrap();
    assert_eq!(NpsScore::from_percent_table(&t).unwrap().value(), 50.0);
    // Without the respondents there are no counts, hence no interval.
    assert!(matches!(
        Nps::from_percent_table(&t, 0.1),
        Err(SurveyError::UnknownRespondents { .. })
    ));
    // With them, the counts come back and so does everything else.
    let nps = Nps::from_percent_table(&t.clone().with_respondents(100).unwrap(), 0.1).unwrap();
    assert_eq!(nps, Nps::from_counts(70, 10, 20).unwrap());
    assert_eq!(nps.score().value(), 50.0);
    // Percentages rounded to whole points that add up to 101: shares relative to the sum.
    let t = PercentTable::new(Scale::ZERO_TO_TEN, [(9, 51.0), (7, 30.0), (6, 20.0)], 1.0).unwrap();
    let s = NpsScore::from_percent_table(&t).unwrap().value();
    assert!((s - 100.0 * 31.0 / 101.0).abs() < 1e-12, "{s}");
    // Only on 0–10.
    let five = PercentTable::new(Scale::ONE_TO_FIVE, [(5, 100.0)], 0.0).unwrap();
    assert!(matches!(
        NpsScore::from_percent_table(&five),
        Err(SurveyError::WrongScale { .. })
    ));
    assert!(matches!(
        Nps::from_percent_table(&five.with_respondents(3).unwrap(), 0.1),
        Err(SurveyError::WrongScale { .. })
    ));
}

#[test]
fn method_names_come_from_the_library() {
    for m in NpsMethod::ALL {
        assert_eq!(m.to_string().parse::<NpsMethod>().unwrap(), *m);
    }
    for m in ShareMethod::ALL {
        assert_eq!(m.to_string().parse::<ShareMethod>().unwrap(), *m);
    }
    for t in NpsTest::ALL {
        assert_eq!(t.to_string().parse::<NpsTest>().unwrap(), *t);
    }
    for p in CriticalPolicy::ALL {
        assert_eq!(p.to_string().parse::<CriticalPolicy>().unwrap(), *p);
    }
    // Interval displays keep the labels for people.
    let ci = Nps::from_counts(70, 10, 20)
        .unwrap()
        .interval(NpsMethod::JeffreysDirichlet, Confidence::NINETY_FIVE);
    assert!(
        format!("{ci:.1}").ends_with("(95% Jeffreys-Dirichlet)"),
        "{ci}"
    );
    let e = "exact".parse::<ShareMethod>().unwrap_err();
    assert!(matches!(e, SurveyError::UnknownName { found, .. } if found == "exact"));
}

#[test]
fn nps_of_osipov_example_is_50_from_answers_counts_and_distribution() {
    // Osipov: 100 answers, 20 detractors, 10 passives, 70 promoters → NPS 50.
    let mut answers = vec![10u8; 70];
    answers.extend([8u8; 10]);
    answers.extend([3u8; 20]);
    let from_answers = Nps::from_answers(&answers).unwrap();
    let from_counts = Nps::from_counts(70, 10, 20).unwrap();
    let d = Distribution::count(Scale::ZERO_TO_TEN, &answers).unwrap();
    assert_eq!(from_answers, from_counts);
    assert_eq!(Nps::from_distribution(&d).unwrap(), from_counts);
    assert_eq!(from_counts.score().value(), 50.0);
    assert_eq!(
        format!("{from_counts}"),
        "NPS 50.0 (n = 100: 70 promoters, 10 passives, 20 detractors)"
    );
}

#[test]
fn cross_scale_example_of_zeldin_gives_77_3_percent_and_passes() {
    // Zeldin: 58 % in 8–10 of 1–10, benchmark ≥ 75 % in 5–7 of 1–7; 5 on 1–7 is exactly 7 on
    // 1–10, so the comparable share is 7–10: 10.6 + 17.2 + 30.2 + 19.3 = 77.3 % — above.
    let ours = PercentTable::new(
        Scale::ONE_TO_TEN,
        [
            (10, 10.6),
            (9, 17.2),
            (8, 30.2),
            (7, 19.3),
            (6, 8.1),
            (5, 5.1),
            (4, 4.0),
            (3, 2.4),
            (2, 0.9),
            (1, 2.2),
        ],
        0.1,
    )
    .unwrap();
    let b = best_practice_csat();
    let r = b
        .evaluate(&ours, Method::Endpoints, ThresholdPolicy::ExactOnly)
        .unwrap();
    assert!((r.share.percent() - 77.3).abs() < 1e-9);
    assert!(r.meets);
    assert_eq!(r.mapped.band().map(|b| b.lo()), Some(7));
    // The naive reading (share of 8–10 on 1–10) would have failed the same benchmark.
    use cx_scales::Frequencies;
    let naive = ours
        .share(&cx_scales::Band::at_least(Scale::ONE_TO_TEN, 8).unwrap())
        .unwrap();
    assert!(!b.benchmark.passes(naive));
}

#[test]
fn copc_reading_csat_and_cdsat_on_1_to_5() {
    // COPC (Zeldin): CSAT = share of 4–5 ≥ 85 %, CDSAT = share of 1 ≤ 5 %, on 1–5.
    let d = Distribution::from_counts(Scale::ONE_TO_FIVE, &[6u64, 2, 4, 38, 50]).unwrap();
    let csat = csat_top_box(&d, 2).unwrap();
    let cdsat = cdsat_bottom_box(&d, 1).unwrap();
    assert_eq!(csat.share().percent(), 88.0);
    assert_eq!(cdsat.share().percent(), 6.0);
    let exact = (Method::Endpoints, ThresholdPolicy::ExactOnly);
    assert!(copc_csat().evaluate(&d, exact.0, exact.1).unwrap().meets);
    // CSAT passes, CDSAT fails: the two metrics tell different stories, hence COPC's rule.
    assert!(!copc_cdsat().evaluate(&d, exact.0, exact.1).unwrap().meets);
    // On a 0–10 scale ("any odd scale"), COPC's top 2 of 1–5 carried by endpoints is not whole
    // (4 on 1–5 lands on 7.5 of 0–10): the policy must be chosen.
    let eleven =
        Distribution::from_counts(Scale::ZERO_TO_TEN, &[1u64, 1, 1, 1, 2, 2, 4, 8, 20, 30, 30])
            .unwrap();
    assert!(copc_csat().evaluate(&eleven, exact.0, exact.1).is_err());
    let r = copc_csat()
        .evaluate(&eleven, Method::Endpoints, ThresholdPolicy::Conservative)
        .unwrap();
    assert_eq!(r.share.percent(), 80.0); // 8–10
}

#[test]
fn csi_rises_while_cdsat_grows_eightfold() {
    // Zeldin ("why CSAT and CDSAT must be measured separately", part 2): on 0–10, satisfied
    // 9–10, dissatisfied 0–2; the mean rises, the satisfied share is unchanged and the
    // dissatisfied share grows more than sevenfold. The post's figures are an image; these
    // counts are ours and show the same effect.
    let before =
        Distribution::from_counts(Scale::ZERO_TO_TEN, &[0u64, 0, 1, 0, 0, 59, 0, 0, 0, 20, 20])
            .unwrap();
    let after =
        Distribution::from_counts(Scale::ZERO_TO_TEN, &[8u64, 0, 0, 0, 0, 0, 0, 0, 52, 20, 20])
            .unwrap();
    let (csi0, csi1) = (Csi::new(&before).unwrap(), Csi::new(&after).unwrap());
    assert!((csi0.mean().mean() - 6.77).abs() < 1e-12);
    assert!((csi1.mean().mean() - 7.96).abs() < 1e-12);
    assert!(csi1.percent_of_max() > csi0.percent_of_max());
    assert_eq!(
        csat_top_box(&before, 2).unwrap().share(),
        csat_top_box(&after, 2).unwrap().share()
    );
    let (b0, b1) = (
        cdsat_bottom_box(&before, 3).unwrap(),
        cdsat_bottom_box(&after, 3).unwrap(),
    );
    assert_eq!(b1.proportion().successes(), 8 * b0.proportion().successes());
    // And the growth is significant even at n = 100 (Fisher-free pooled z: p < 0.05).
    let d = compare_shares(b1.proportion(), b0.proportion(), Confidence::NINETY_FIVE);
    assert!(d.p_value < 0.05 && d.lower > 0.0);
}

#[test]
fn ceb_ces_quartiles_place_shares() {
    // CEB (Zeldin): top quartile > 80.5 %, median > 68.6 %, bottom quartile < 54.2 %.
    let q = ShareQuartiles::ceb_ces();
    let place = |p: f64| q.place(Share::from_percent(p).unwrap());
    assert_eq!(place(81.0), Quartile::Top);
    assert_eq!(place(70.0), Quartile::Second);
    assert_eq!(place(60.0), Quartile::Third);
    assert_eq!(place(54.1), Quartile::Bottom);
    // A CES measured as a share of 5–7 on 1–7.
    let ces =
        Distribution::from_counts(Scale::ONE_TO_SEVEN, &[3u64, 5, 7, 10, 25, 25, 25]).unwrap();
    assert_eq!(ces_share(&ces).unwrap().share().percent(), 75.0);
    let r = q
        .evaluate(&ces, Method::Endpoints, ThresholdPolicy::ExactOnly)
        .unwrap();
    assert_eq!(r.quartile, Quartile::Second);
}

#[test]
fn nps_and_csat_bands_of_osipov() {
    let bands = NpsBands::osipov();
    let label = |s: f64| bands.classify(NpsScore::new(s).unwrap());
    assert_eq!(label(51.0), Some("good"));
    assert_eq!(label(45.0), None); // 40–50 is unnamed in the source
    assert_eq!(label(35.0), Some("not bad"));
    assert_eq!(label(10.0), Some("be alert"));
    assert_eq!(label(-1.0), Some("bad"));
    let csat = MeanBands::csat_osipov();
    assert_eq!(csat.classify_value(4.9), Some("excellent"));
    assert_eq!(csat.classify_value(4.2), Some("fine"));
    assert_eq!(csat.classify_value(3.0), Some("problems"));
    // Smileys (1/3/5) are on 1–5 already: a mean of 4.6 is "fine".
    let smileys = Distribution::count(Scale::SMILEYS, &[5u8, 5, 5, 5, 3]).unwrap();
    assert_eq!(
        csat.classify(&csat_mean(&smileys).unwrap()).unwrap(),
        Some("fine")
    );
}

#[test]
fn audit_rule_of_thumb_against_the_formula_for_1200_calls() {
    // "How many of this month's 1,200 calls must QA listen to?" The rule says 60–120; the
    // formula says 292 for ±5 points at 95 % (p = 0.5), and the rule's samples give ±12.3 / ±8.5.
    let half = Share::new(0.5).unwrap();
    let rule = audit_rule_of_thumb(1200, half, Confidence::NINETY_FIVE).unwrap();
    assert_eq!((rule.low, rule.high), (60, 120));
    assert_eq!(
        format!(
            "{:.1} {:.1}",
            100.0 * rule.margin_at_low,
            100.0 * rule.margin_at_high
        ),
        "12.3 8.5"
    );
    let need = share_sample_size(0.05, Confidence::NINETY_FIVE, half, Some(1200)).unwrap();
    assert_eq!(need.required, 292);
}

#[test]
fn scorecard_renormalises_and_fails_on_critical() {
    use Verdict::*;
    let card = Scorecard::new(vec![
        Criterion::new("greeting", 1.0).unwrap(),
        Criterion::new("needs identified", 3.0).unwrap(),
        Criterion::new("solution offered", 4.0).unwrap(),
        Criterion::new("upsell", 2.0).unwrap(),
        Criterion::critical("identity verified", 2.0).unwrap(),
    ])
    .unwrap();
    // 1 + 1.5 + 4 + (upsell n/a) + 2 = 8.5 of 10 applicable.
    let e = card
        .evaluate(&[Yes, Partial, Yes, NotApplicable, Yes])
        .unwrap();
    assert_eq!(e.score().value(), 0.85);
    let e = card.evaluate(&[Yes, Yes, Yes, Yes, Partial]).unwrap();
    assert_eq!(
        (e.passed(), e.score().value(), e.weighted_score().value()),
        (false, 0.0, 11.0 / 12.0)
    );
}
