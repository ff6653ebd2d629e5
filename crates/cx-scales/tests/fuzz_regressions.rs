//! Inputs found by the fuzz targets in `fuzz/` (see `fuzz/README.md`), kept as regressions.

use cx_scales::{Distribution, PercentTable, Scale, ScaleError};

/// `scales_types`: a table of 2^64 − 401 respondents (from a distribution) gave back counts
/// adding up to 2^64 − 1, because the counts were floored in floats.
#[test]
fn counts_of_a_table_add_up_to_its_respondents_or_are_refused() {
    let s = Scale::ONE_TO_FIVE;
    let d = Distribution::from_counts(s, &[0, 0, 0, 0, u64::MAX - 400]).unwrap();
    let t = PercentTable::from(&d);
    assert_eq!(
        t.to_distribution(0.1),
        Err(ScaleError::TooManyRespondents {
            respondents: u64::MAX - 400,
            limit: 1 << 53,
        })
    );
    // Two halves of 2^64 − 2 used to overflow the sum of the floors.
    let d = Distribution::from_counts(s, &[u64::MAX / 2, 0, 0, 0, u64::MAX / 2]).unwrap();
    assert!(PercentTable::from(&d).to_distribution(0.1).is_err());
}

/// At the limit and just below it, whatever the split, the counts add up to the respondents.
#[test]
fn counts_at_the_limit_add_up() {
    let s = Scale::ONE_TO_SEVEN;
    let limit = PercentTable::MAX_RESPONDENTS_FOR_COUNTS;
    for n in [limit, limit - 1, limit - 7, 3 * (1 << 50) + 5] {
        let third = n / 3;
        let counts = [third, 1, 0, 2, 0, third + 3, n - 2 * third - 6];
        let d = Distribution::from_counts(s, &counts).unwrap();
        let back = PercentTable::from(&d).to_distribution(0.1).unwrap();
        assert_eq!(back.n(), n, "{counts:?}");
    }
}
