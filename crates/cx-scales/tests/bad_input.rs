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
