//! Practitioners' worked examples and published reference values, through the public API.
//!
//! Sources:
//! - "cross-scale example": a contact-centre practitioner's worked example of linear conversion
//!   between CSAT scales; "practitioner guide": a telecom CX handbook's worked examples.
//! - SURVEY = `shared/research/survey.md` §5, which reads MeasuringU, Dawes (2008, via its
//!   published 1–5 → 1–10 map), TRC "Scale Conversions" (Quirk's, 2006) and freescout issue #2064.
#![allow(clippy::unwrap_used)] // tests state their expectations with unwrap

use cx_scales::*;

fn frac(n: i64, d: i64) -> Fraction {
    Fraction::new(n, d).expect("non-zero denominator")
}

/// Cross-scale example: 1–10 → 1–7 has A = 2/3, B = 1/3 and maps 1→1, 2→1.67, 3→2.33, 4→3.00,
/// 5→3.67, 6→4.33, 7→5.00, 8→5.67, 9→6.33, 10→7 (two decimals in the source).
#[test]
fn one_to_ten_onto_one_to_seven_matches_the_published_table() {
    let c = Conversion::new(Scale::ONE_TO_TEN, Scale::ONE_TO_SEVEN);
    assert_eq!(c.slope(), frac(2, 3));
    assert_eq!(c.intercept(), frac(1, 3));
    let published = [
        "1.00", "1.67", "2.33", "3.00", "3.67", "4.33", "5.00", "5.67", "6.33", "7.00",
    ];
    let exact = [
        frac(1, 1),
        frac(5, 3),
        frac(7, 3),
        frac(3, 1),
        frac(11, 3),
        frac(13, 3),
        frac(5, 1),
        frac(17, 3),
        frac(19, 3),
        frac(7, 1),
    ];
    for (x, (want, exact)) in (1..=10).zip(published.iter().zip(exact)) {
        let y = c.map_value(x).unwrap();
        assert_eq!(y, exact, "{x}");
        assert_eq!(format!("{y:.2}"), *want, "{x}");
    }
    // "7 on 1–10 maps exactly to 5 on 1–7": no drift.
    assert!(c.map_value(7).unwrap().is_integer());
}

fn published_distribution() -> PercentTable {
    // Cross-scale example: the contact centre's 1–10 CSAT distribution, percent per point.
    PercentTable::new(
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
        0.05,
    )
    .unwrap()
}

/// Cross-scale example: CSAT as the share of 8–10 is 58 %; the comparable figure for a benchmark of
/// 5–7 on 1–7 (best practice ≥ 75 %) is the share of 7–10, 77.3 %, which beats it.
#[test]
fn cross_scale_example_gives_77_3_percent_against_75() {
    let ours = published_distribution();
    let own = ours
        .share(&Band::top_box(Scale::ONE_TO_TEN, 3).unwrap())
        .unwrap();
    assert!((own.percent() - 58.0).abs() < 1e-9, "{own}");

    let benchmark = BandBenchmark::new(
        "best practice",
        Band::at_least(Scale::ONE_TO_SEVEN, 5).unwrap(),
        Goal::AtLeast,
        Share::from_percent(75.0).unwrap(),
    );
    let r = benchmark
        .evaluate(&ours, Method::Endpoints, ThresholdPolicy::ExactOnly)
        .unwrap();
    assert!(r.mapped.is_exact());
    let band = r.mapped.band().unwrap();
    assert_eq!((band.lo(), band.hi()), (7, 10));
    assert!((r.share.percent() - 77.3).abs() < 1e-9, "{}", r.share);
    assert_eq!(format!("{:.1}", r.share), "77.3%");
    assert!(r.meets);
    // Every policy agrees when the mapping is exact.
    for policy in [
        ThresholdPolicy::Conservative,
        ThresholdPolicy::Liberal,
        ThresholdPolicy::Nearest,
        ThresholdPolicy::Interpolated,
    ] {
        let r2 = benchmark
            .evaluate(&ours, Method::Endpoints, policy)
            .unwrap();
        assert_eq!(r2.share, r.share, "{policy:?}");
    }
}

/// The same example with counts: with 1,000 respondents the table is exactly 106, 172, … answers.
#[test]
fn cross_scale_example_with_respondents_is_exact() {
    let d = published_distribution()
        .with_respondents(1000)
        .unwrap()
        .to_distribution(0.1)
        .unwrap();
    assert_eq!(d.counts(), [22, 9, 24, 40, 51, 81, 193, 302, 172, 106]);
    let seven_up = Band::at_least(Scale::ONE_TO_TEN, 7).unwrap();
    assert_eq!(d.count_in(&seven_up).unwrap(), 773);
    assert_eq!(d.share(&seven_up).unwrap().value(), 0.773);
}

/// Practitioner guide: 100 answers, 20 detractors, 10 passives, 70 promoters → NPS 50.
#[test]
fn nps_worked_example_shares() {
    let d = Distribution::from_point_counts(Scale::ZERO_TO_TEN, [(3, 20u32), (8, 10), (9, 70)])
        .unwrap();
    let s = d.shares(&Partition::nps()).unwrap();
    let nps = s[2].percent() - s[0].percent();
    assert_eq!(nps, 50.0);
}

/// SURVEY §5.2: thresholds under linear endpoint mapping.
#[test]
fn published_threshold_images() {
    let lo = |from, to, t| {
        Conversion::new(from, to)
            .map_span(&Band::at_least(from, t).unwrap())
            .unwrap()
            .lo()
    };
    let hi = |from, to, t| {
        Conversion::new(from, to)
            .map_span(&Band::at_most(from, t).unwrap())
            .unwrap()
            .hi()
    };
    assert_eq!(lo(Scale::ONE_TO_FIVE, Scale::ONE_TO_TEN, 4), frac(31, 4));
    assert_eq!(lo(Scale::ONE_TO_FIVE, Scale::ZERO_TO_TEN, 4), frac(15, 2));
    assert_eq!(lo(Scale::ONE_TO_FIVE, Scale::ONE_TO_SEVEN, 4), frac(11, 2));
    assert_eq!(lo(Scale::ONE_TO_SEVEN, Scale::ONE_TO_FIVE, 5), frac(11, 3));
    assert_eq!(lo(Scale::ZERO_TO_TEN, Scale::ONE_TO_FIVE, 9), frac(23, 5));
    assert_eq!(hi(Scale::ZERO_TO_TEN, Scale::ONE_TO_FIVE, 6), frac(17, 5));
    assert_eq!(lo(Scale::ONE_TO_TEN, Scale::ONE_TO_SEVEN, 7), frac(5, 1));
}

/// SURVEY §5.2: "with ceiling/floor, a 1–5 NPS is promoters = 5, passives = 4, detractors = 1–3".
#[test]
fn nps_groups_on_a_five_point_scale() {
    let c = Conversion::new(Scale::ZERO_TO_TEN, Scale::ONE_TO_FIVE);
    let nps = Partition::nps();
    let map = |name| {
        let m = c
            .map_band(nps.band(name).unwrap(), ThresholdPolicy::Conservative)
            .unwrap();
        let b = m.band().unwrap();
        (b.lo(), b.hi(), b.name().map(str::to_owned))
    };
    assert_eq!(map("promoters"), (5, 5, Some("promoters".into())));
    assert_eq!(map("detractors"), (1, 3, Some("detractors".into())));
    // Passives 7–8 map to 19/5..=21/5, so conservatively the single point 4.
    let passives = c.map_span(nps.band("passives").unwrap()).unwrap();
    assert_eq!((passives.lo(), passives.hi()), (frac(19, 5), frac(21, 5)));
    assert_eq!(map("passives"), (4, 4, Some("passives".into())));
}

/// SURVEY §5.2 (TRC, Quirk's 2006): the two rules disagree. CSAT 4–5 of 5 is 8–10 of 10 by
/// linear endpoint mapping with ceiling, 7–10 by share of points; 1–10 "≥ 7" is 26/5 on 1–7
/// under share of points.
#[test]
fn endpoint_and_share_of_points_rules_disagree_as_published() {
    let top2 = Band::top_box(Scale::ONE_TO_FIVE, 2).unwrap();
    let endpoints = Conversion::new(Scale::ONE_TO_FIVE, Scale::ONE_TO_TEN)
        .map_band(&top2, ThresholdPolicy::Conservative)
        .unwrap();
    assert_eq!(endpoints.band().map(|b| b.lo()), Some(8));
    let shares =
        Conversion::with_method(Scale::ONE_TO_FIVE, Scale::ONE_TO_TEN, Method::PointShares)
            .map_band(&top2, ThresholdPolicy::ExactOnly)
            .unwrap();
    assert_eq!(shares.band().map(|b| (b.lo(), b.hi())), Some((7, 10)));

    let seven_up = Band::at_least(Scale::ONE_TO_TEN, 7).unwrap();
    let span = Conversion::with_method(Scale::ONE_TO_TEN, Scale::ONE_TO_SEVEN, Method::PointShares)
        .map_span(&seven_up)
        .unwrap();
    assert_eq!(span.lo(), frac(26, 5));
}

/// SURVEY §5.1: Dawes (2008) as quoted, 1–5 → 1–10 gives 1, 3.25, 5.5, 7.75, 10, and 1–7 → 1–10
/// is 1.5·(N − 1) + 1.
#[test]
fn dawes_rescaling_tables() {
    let c = Conversion::new(Scale::ONE_TO_FIVE, Scale::ONE_TO_TEN);
    let got: Vec<f64> = (1..=5).map(|x| c.map_value(x).unwrap().to_f64()).collect();
    assert_eq!(got, [1.0, 3.25, 5.5, 7.75, 10.0]);
    let c = Conversion::new(Scale::ONE_TO_SEVEN, Scale::ONE_TO_TEN);
    for n in 1..=7 {
        assert_eq!(c.map_value(n).unwrap().to_f64(), 1.5 * (n - 1) as f64 + 1.0);
    }
}

/// SURVEY §5.2: percent of maximum is not POMP. A mean of 4.23 on 1–5 is 84.6 % of the maximum
/// but a POMP of 80.75 %; smileys 10/20/70 (freescout #2064) average 4.2, 84 % of the maximum,
/// POMP 80 %.
#[test]
fn pomp_is_not_percent_of_maximum() {
    assert!((Scale::ONE_TO_FIVE.pomp(4.23).unwrap() - 80.75).abs() < 1e-12);
    let faces = Distribution::from_counts(Scale::SMILEYS, &[10u64, 20, 70]).unwrap();
    assert!((faces.mean().unwrap() - 4.2).abs() < 1e-15);
    assert!((faces.pomp().unwrap() - 80.0).abs() < 1e-12);
    // The top box of three smileys is the happy face alone.
    assert_eq!(
        faces
            .share(&Band::top_box(Scale::SMILEYS, 1).unwrap())
            .unwrap()
            .value(),
        0.7
    );
}

/// Cross-scale example: CES is the share of 5, 6, 7 on the 7-point agreement scale.
#[test]
fn ces_share_from_labelled_answers() {
    let ces = LabeledScale::ces_agreement();
    let raw = [
        "Strongly agree",
        "agree",
        "Somewhat agree",
        "Neither agree nor disagree",
        "Disagree",
        "7",
        "Agree",
        "Strongly disagree",
    ];
    let scores: Vec<Score> = raw.iter().map(|r| ces.parse(r).unwrap()).collect();
    let d = Distribution::from_scores(ces.scale(), scores).unwrap();
    let easy = Band::at_least(ces.scale(), 5).unwrap();
    assert_eq!(d.count_in(&easy).unwrap(), 5);
    assert_eq!(d.share(&easy).unwrap().value(), 5.0 / 8.0);
}
