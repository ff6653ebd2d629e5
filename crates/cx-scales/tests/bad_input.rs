//! Bad input gets a typed error whose message names the value and the rule: never a panic, a NaN
//! or a silent clamp.
#![allow(clippy::unwrap_used)] // tests state their expectations with unwrap

use cx_scales::*;

fn msg<T: std::fmt::Debug>(r: Result<T, ScaleError>) -> String {
    r.unwrap_err().to_string()
}

#[test]
fn empty_input() {
    let d = Distribution::count(Scale::ZERO_TO_TEN, &[] as &[u8]).unwrap();
    assert!(d.is_empty());
    assert_eq!(
        msg(d.mean()),
        "the distribution on the scale 0..=10 holds no answers"
    );
    assert!(d.median().is_err() && d.pomp().is_err() && d.variance().is_err());
    let one = Distribution::count(Scale::ZERO_TO_TEN, &[7u8]).unwrap();
    assert_eq!(
        msg(one.variance()),
        "a sample variance needs at least 2 answers, the distribution holds 1"
    );
    assert!(
        d.share(&Band::top_box(Scale::ZERO_TO_TEN, 2).unwrap())
            .is_err()
    );
    assert!(d.shares(&Partition::nps()).is_err());
    let r = BandBenchmark::new(
        "b",
        Band::top_box(Scale::ZERO_TO_TEN, 2).unwrap(),
        Goal::AtLeast,
        Share::ONE,
    )
    .evaluate(&d, Method::Endpoints, ThresholdPolicy::ExactOnly);
    assert!(matches!(r, Err(ScaleError::Empty { .. })));
    assert_eq!(
        msg(Share::from_counts(0, 0)),
        "a share of 0 out of 0 answers is undefined"
    );
}

#[test]
fn answers_off_the_scale() {
    assert_eq!(
        msg(Distribution::count(Scale::ONE_TO_FIVE, &[1i32, 2, 3, 0])),
        "answer 0 at position 3 is not a point of the scale 1..=5"
    );
    assert_eq!(
        msg(Score::new(Scale::SMILEYS, 2)),
        "answer 2 is not a point of the scale 1..=5 step 2"
    );
    assert_eq!(
        msg(Score::parse(Scale::ZERO_TO_TEN, "ten")),
        "cannot read \"ten\" as an answer on the scale 0..=10"
    );
    assert_eq!(
        msg(LabeledScale::ces_agreement().score_of("yes")),
        "\"yes\" is not a label of the scale 1..=7"
    );
    assert!(Distribution::from_point_counts(Scale::ONE_TO_FIVE, [(6, 1u8)]).is_err());
}

#[test]
fn non_finite_floats() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert!(matches!(
            Score::from_f64(Scale::ONE_TO_FIVE, bad),
            Err(ScaleError::NonFinite { .. })
        ));
        assert!(matches!(Share::new(bad), Err(ScaleError::NonFinite { .. })));
        assert!(matches!(
            PercentTable::new(Scale::ONE_TO_FIVE, [(5, bad)], 0.1),
            Err(ScaleError::NonFinite { .. })
        ));
        assert!(matches!(
            Conversion::new(Scale::ONE_TO_FIVE, Scale::ONE_TO_TEN).map_f64(bad),
            Err(ScaleError::NonFinite { .. })
        ));
    }
    assert_eq!(
        msg(Score::from_f64(Scale::ONE_TO_FIVE, f64::NAN)),
        "an answer must be a finite number, got NaN"
    );
    assert!(
        Conversion::new(Scale::ONE_TO_FIVE, Scale::ONE_TO_TEN)
            .map_f64(5.5)
            .is_err()
    );
}

#[test]
fn negative_and_overflowing_counts() {
    assert_eq!(
        msg(Distribution::from_counts(Scale::SMILEYS, &[1i32, -4, 2])),
        "count -4 for point 3 at position 1 is negative"
    );
    assert_eq!(
        msg(Distribution::from_counts(Scale::SMILEYS, &[u64::MAX, 1, 0])),
        "counts overflow a 64-bit total"
    );
    assert_eq!(
        msg(Distribution::from_counts(Scale::SMILEYS, &[1u8, 2])),
        "the scale 1..=5 step 2 has 3 points but 2 counts were given"
    );
    let mut full = Distribution::from_counts(Scale::SMILEYS, &[u64::MAX, 0, 0]).unwrap();
    assert!(full.record_answers(&[1u8]).is_err());
    assert_eq!(full.n(), u64::MAX);
    let sum = &full + &Distribution::count(Scale::SMILEYS, &[5u8]).unwrap();
    assert_eq!(sum, Err(ScaleError::CountOverflow));
}

#[test]
fn percentages_that_do_not_add_up() {
    assert_eq!(
        msg(PercentTable::new(
            Scale::ONE_TO_FIVE,
            [(5, 50.0), (4, 30.0), (1, 10.0)],
            0.5
        )),
        "percentages add up to 90, not 100 within ±0.5 percentage points"
    );
    assert!(PercentTable::new(Scale::ONE_TO_FIVE, [(5, 101.0)], 1.0).is_err());
    assert!(PercentTable::new(Scale::ONE_TO_FIVE, [(5, 100.0)], -1.0).is_err());
}

#[test]
fn bands_outside_the_scale() {
    assert_eq!(
        msg(Band::new(Scale::ONE_TO_FIVE, 4, 6)),
        "band 4..=6 is not a range of points of the scale 1..=5"
    );
    assert!(Band::new(Scale::ONE_TO_FIVE, 5, 4).is_err());
    assert!(Band::at_least(Scale::ZERO_TO_TEN, 11).is_err());
    assert_eq!(
        msg(Band::top_box(Scale::ONE_TO_FIVE, 6)),
        "a box of 6 points does not fit the scale 1..=5"
    );
    let five = Band::top_box(Scale::ONE_TO_FIVE, 2).unwrap();
    let ten = Distribution::count(Scale::ONE_TO_TEN, &[10u8]).unwrap();
    assert_eq!(
        msg(ten.share(&five)),
        "cannot combine values on the scale 1..=10 with values on the scale 1..=5"
    );
}

#[test]
fn impossible_scales_and_mappings() {
    assert_eq!(
        msg(Scale::new(10, 0)),
        "a scale needs min < max, got min 10 and max 0"
    );
    assert!(Scale::with_step(0, 10, 3).is_err());
    assert!(Scale::new(0, 1_000_001).is_err());
    let c = Conversion::new(Scale::ZERO_TO_TEN, Scale::ONE_TO_FIVE);
    assert_eq!(
        msg(c.map_band(
            &Band::at_least(Scale::ZERO_TO_TEN, 9).unwrap(),
            ThresholdPolicy::ExactOnly
        )),
        "threshold 9 maps to 23/5 on the scale 1..=5, which is not a point"
    );
    // A single point of 0–10 between two points of 1–5 vanishes when rounded inwards.
    let r = c.map_band(
        &Band::new(Scale::ZERO_TO_TEN, 1, 1).unwrap(),
        ThresholdPolicy::Conservative,
    );
    assert!(matches!(r, Err(ScaleError::EmptyMappedBand { .. })));
    assert!(c.map_value(11).is_err() && c.map(Score::new(Scale::ONE_TO_FIVE, 1).unwrap()).is_err());
    // Extreme fractions never overflow the exact map: an image too fine for a `Fraction` is an
    // error, not a wrapped value or a panic.
    let huge = Fraction::new(i64::MAX - 1, i64::MAX).unwrap();
    let back = Conversion::new(
        Scale::new(0, 1).unwrap(),
        Scale::with_step(-1_000_000, 1_000_000, 2000).unwrap(),
    )
    .map_exact(huge);
    assert!(matches!(back, Err(ScaleError::TooFine { .. })));
    assert_eq!(
        msg(Conversion::new(Scale::ZERO_TO_TEN, Scale::ONE_TO_FIVE)
            .map_exact(Fraction::new(21, 2).unwrap())),
        "value 10.5 lies outside the range 0..=10 of the scale it is converted from"
    );
}

#[test]
fn table_errors_name_the_offending_entry() {
    use cx_scales::PercentTable;
    let s = Scale::ONE_TO_FIVE;
    // Duplicate points name both entries, counted from 0.
    assert_eq!(
        PercentTable::new(s, [(1, 10.0), (5, 40.0), (3, 10.0), (5, 40.0)], 0.5).unwrap_err(),
        ScaleError::DuplicatePoint {
            point: 5,
            first: 1,
            position: 3
        }
    );
    assert_eq!(
        msg(Distribution::from_point_counts(s, [(2, 1u8), (2, 3)])),
        "point 2 appears more than once (entries 0 and 1, counted from 0)"
    );
    // Off-scale points name their entry.
    assert_eq!(
        PercentTable::new(s, [(1, 50.0), (2, 0.0), (7, 50.0)], 0.5).unwrap_err(),
        ScaleError::OffScaleAt {
            value: 7,
            position: 2,
            scale: s
        }
    );
    assert_eq!(
        msg(Distribution::from_point_counts(s, [(0, 1u8)])),
        "answer 0 at position 0 is not a point of the scale 1..=5"
    );
    // Percentages outside 0..=100 and negative counts too.
    assert!(matches!(
        PercentTable::new(s, [(1, 50.0), (2, 150.0)], 0.5),
        Err(ScaleError::PercentOutOfRange {
            point: 2,
            position: 1,
            ..
        })
    ));
    assert_eq!(
        Distribution::from_point_counts(s, [(4, 3i64), (1, -2)]).unwrap_err(),
        ScaleError::NegativeCount {
            point: 1,
            count: -2,
            position: 1
        }
    );
}

/// Audit: share of points mapped every NPS band of 0–10 onto 1–5 as a span whose ends crossed
/// (lo + 1/2 > hi − 1/2) and refused the valid bands with `BandOutside`, under every policy.
#[test]
fn point_shares_maps_bands_narrower_than_a_target_point() {
    let c = Conversion::with_method(Scale::ZERO_TO_TEN, Scale::ONE_TO_FIVE, Method::PointShares);
    let p = Partition::nps();
    let band = |name| p.band(name).unwrap();
    let frac = |n, d| Fraction::new(n, d).unwrap();
    let text = |m: MappedBand| m.chosen().to_string();
    let map = |name, policy| c.map_band(band(name), policy);

    // Interpolated keeps the exact, fractional span: passives cover [81/22, 101/22].
    let passives = map("passives", ThresholdPolicy::Interpolated).unwrap();
    assert_eq!(
        (passives.exact().lo(), passives.exact().hi()),
        (frac(46, 11), frac(45, 11))
    );
    assert_eq!(passives.chosen(), passives.exact());
    assert_eq!(passives.band(), None);
    // Outwards: the points touched. Nearest: the point holding most of it.
    assert_eq!(
        text(map("passives", ThresholdPolicy::Liberal).unwrap()),
        "4..=5 of 1..=5"
    );
    assert_eq!(
        text(map("passives", ThresholdPolicy::Nearest).unwrap()),
        "4..=4 of 1..=5"
    );
    // Inwards: no whole point of 1–5 lies inside 2/11 of 0–10, a typed error.
    for policy in [ThresholdPolicy::Conservative, ThresholdPolicy::ExactOnly] {
        assert!(matches!(
            map("passives", policy),
            Err(ScaleError::EmptyMappedBand { .. } | ScaleError::NotExact { .. })
        ));
    }
    assert!(matches!(
        map("passives", ThresholdPolicy::Conservative),
        Err(ScaleError::EmptyMappedBand { lo: 7, hi: 8, .. })
    ));

    // Promoters: [101/22, 11/2], 10/11 of point 5 and nothing of point 4.
    let promoters = map("promoters", ThresholdPolicy::Interpolated).unwrap();
    assert_eq!(text(promoters), "56/11..=5 of 1..=5");
    for policy in [ThresholdPolicy::Liberal, ThresholdPolicy::Nearest] {
        assert_eq!(text(map("promoters", policy).unwrap()), "5..=5 of 1..=5");
    }
    assert!(matches!(
        map("promoters", ThresholdPolicy::Conservative),
        Err(ScaleError::EmptyMappedBand { .. })
    ));
    // A single point of 0–10 (5/11 of a point of 1–5) in the middle of point 3, [61/22, 71/22]:
    // both edges round to the nearest boundaries, 5/2 and 7/2, so the nearest is point 3 whole;
    // point 4 of 0–10, [51/22, 61/22], has both edges nearest 5/2: nothing is left.
    let single = |x| Band::new(Scale::ZERO_TO_TEN, x, x).unwrap();
    let near = |x| c.map_band(&single(x), ThresholdPolicy::Nearest);
    assert_eq!(text(near(5).unwrap()), "3..=3 of 1..=5");
    assert!(matches!(near(4), Err(ScaleError::EmptyMappedBand { .. })));
    // Detractors (7/11 of the scale) are wide enough: [1/2, 81/22].
    let detractors = map("detractors", ThresholdPolicy::Interpolated).unwrap();
    assert_eq!(text(detractors), "1..=35/11 of 1..=5");

    // Interpolated shares of the three bands add up to 1, and match the shares of points.
    let ours = Distribution::from_counts(Scale::ONE_TO_FIVE, &[3u64, 1, 4, 1, 5]).unwrap();
    let shares: Vec<f64> = p
        .bands()
        .iter()
        .map(|b| {
            let m = c.map_band(b, ThresholdPolicy::Interpolated).unwrap();
            ours.share_in_span(&m.chosen()).unwrap().value()
        })
        .collect();
    assert!(
        (shares.iter().sum::<f64>() - 1.0).abs() < 1e-15,
        "{shares:?}"
    );
    // Promoters: 10/11 of point 5's 5 answers out of 14.
    assert!((shares[2] - 50.0 / 11.0 / 14.0).abs() < 1e-15);
}

/// Audit: `BandBenchmark::evaluate` by share of points on the NPS partition 0–10 → 1–5.
#[test]
fn benchmarks_by_share_of_points_evaluate_narrow_bands() {
    let ours = Distribution::from_counts(Scale::ONE_TO_FIVE, &[3u64, 1, 4, 1, 5]).unwrap();
    for b in Partition::nps().bands() {
        let bench = BandBenchmark::new("nps band", b.clone(), Goal::AtLeast, Share::ZERO);
        for policy in [ThresholdPolicy::Interpolated, ThresholdPolicy::Liberal] {
            let r = bench.evaluate(&ours, Method::PointShares, policy).unwrap();
            assert!(r.meets && (0.0..=1.0).contains(&r.share.value()), "{r}");
        }
        match bench.evaluate(&ours, Method::PointShares, ThresholdPolicy::Conservative) {
            Ok(r) => assert!(r.mapped.band().is_some()),
            Err(e) => assert!(matches!(e, ScaleError::EmptyMappedBand { .. }), "{e}"),
        }
    }
    let promoters = BandBenchmark::new(
        "promoters",
        Band::at_least(Scale::ZERO_TO_TEN, 9).unwrap(),
        Goal::AtLeast,
        Share::from_percent(30.0).unwrap(),
    );
    let r = promoters
        .evaluate(&ours, Method::PointShares, ThresholdPolicy::Interpolated)
        .unwrap();
    assert!((r.share.value() - 50.0 / 154.0).abs() < 1e-15);
    assert!(r.meets);
}

/// Audit: a fine but valid fraction made `share_in_span` overflow inside num-rational (a panic in
/// debug builds, a wrong share in release builds).
#[test]
fn share_in_span_survives_fine_fractions() {
    let lo = Fraction::new(9_000_000_000_000_000_001, 2_000_000_000_000_000_003).unwrap();
    let span = Span::new(Scale::ONE_TO_FIVE, lo, 5.into()).unwrap();
    let d = Distribution::count(Scale::ONE_TO_FIVE, &[1u8, 4, 5]).unwrap();
    // lo is just below 4.5, so its edge just below 4: all of 5 and almost all of 4.
    let share = d.share_in_span(&span).unwrap().value();
    assert!((share - (1.0 + 0.5) / 3.0).abs() < 1e-15, "{share}");
    // Both ends fine, inside one point of a wide scale: too fine for 128 bits, a typed error.
    let wide = Scale::with_step(-1_000_000, 1_000_000, 2000).unwrap();
    let narrow = Span::new(
        wide,
        Fraction::new(1, i64::MAX).unwrap(),
        Fraction::new(-1, i64::MAX - 1).unwrap(),
    )
    .unwrap();
    let d = Distribution::count(wide, &[0i32]).unwrap();
    assert!(matches!(
        d.share_in_span(&narrow),
        Err(ScaleError::TooFine { .. })
    ));
    // Extreme ends anywhere on the scale never panic.
    for (n, den) in [
        (i64::MAX, i64::MAX - 1),
        (i64::MAX - 1, i64::MAX),
        (5 * (i64::MAX / 5), i64::MAX),
    ] {
        let f = Fraction::new(n, den).unwrap();
        for (lo, hi) in [(f, 5.into()), (1.into(), f), (f, f)] {
            if let Ok(span) = Span::new(Scale::ONE_TO_FIVE, lo, hi) {
                let d = Distribution::count(Scale::ONE_TO_FIVE, &[1u8, 2, 3, 4, 5]).unwrap();
                match d.share_in_span(&span) {
                    Ok(s) => assert!((0.0..=1.0).contains(&s.value())),
                    Err(e) => assert!(matches!(e, ScaleError::TooFine { .. }), "{e}"),
                }
            }
        }
    }
}

/// Audit: a NaN or infinite precision switched the consistency check of `to_distribution` off.
#[test]
fn invalid_precision_is_refused() {
    let t = PercentTable::new(Scale::SMILEYS, [(5, 66.7), (3, 0.0), (1, 33.3)], 0.0)
        .unwrap()
        .with_respondents(4)
        .unwrap();
    for precision in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.1, 100.5] {
        assert!(
            matches!(
                t.to_distribution(precision),
                Err(ScaleError::InvalidPrecision { .. })
            ),
            "{precision}"
        );
    }
    assert_eq!(
        msg(t.to_distribution(f64::NAN)),
        "precision NaN must be a finite number of percentage points within 0..=100"
    );
    // The check itself still runs for valid precisions.
    assert!(matches!(
        t.to_distribution(0.1),
        Err(ScaleError::InconsistentRespondents { .. })
    ));
    assert!(t.to_distribution(0.0).is_err());
}

/// Audit: `Scale::pomp(NaN)` returned NaN.
#[test]
fn pomp_of_a_non_finite_value_is_an_error() {
    for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert!(matches!(
            Scale::ONE_TO_FIVE.pomp(v),
            Err(ScaleError::NonFinite { .. })
        ));
    }
    assert_eq!(Scale::ONE_TO_FIVE.pomp(3.0).unwrap(), 50.0);
}

/// Audit: a numeric label equal to another point won over the number in `parse`.
#[test]
fn labels_that_read_as_another_point_are_refused() {
    let s = Scale::new(1, 3).unwrap();
    assert_eq!(
        LabeledScale::new(s, ["3", "2", "1"]).unwrap_err(),
        ScaleError::NumericLabel {
            label: "3".into(),
            point: 1,
            reads_as: 3
        }
    );
    let ok = LabeledScale::new(s, ["low", "2", "high"]).unwrap();
    assert_eq!(ok.parse("2").unwrap().value(), 2);
    assert_eq!(ok.parse("3").unwrap().value(), 3);
    assert_eq!(ok.parse("HIGH").unwrap().value(), 3);
}

#[test]
fn endless_or_oversized_labels_are_refused_before_allocating() {
    use cx_scales::LabeledScale;
    // An endless iterator of labels used to be collected whole (unbounded memory).
    let err = LabeledScale::new(Scale::ONE_TO_FIVE, std::iter::repeat("x")).unwrap_err();
    assert_eq!(
        err,
        ScaleError::LabelCount {
            scale: Scale::ONE_TO_FIVE,
            expected: 5,
            found: 6
        }
    );
    let long = "y".repeat(LabeledScale::MAX_LABEL_BYTES + 1);
    let err = LabeledScale::new(Scale::new(0, 1).unwrap(), ["No", long.as_str()]).unwrap_err();
    assert_eq!(
        err,
        ScaleError::LabelTooLong {
            bytes: LabeledScale::MAX_LABEL_BYTES + 1,
            max: LabeledScale::MAX_LABEL_BYTES
        }
    );
    // The largest scale with the longest labels is fast (the old duplicate check was
    // quadratic in the number of labels and re-normalised every label each time).
    let labels: Vec<String> = (0..Scale::MAX_POINTS)
        .map(|i| format!("{}{i:04}", "a".repeat(LabeledScale::MAX_LABEL_BYTES - 4)))
        .collect();
    let start = std::time::Instant::now();
    let big = Scale::new(0, (Scale::MAX_POINTS - 1) as i64).unwrap();
    assert!(LabeledScale::new(big, labels).is_ok());
    assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
}
