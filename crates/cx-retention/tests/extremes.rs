//! Sizes and dates at their limits: typed errors, never a panic, an overflow or an unbounded
//! allocation.

use cx_retention::jiff::civil::{Date, date};
use cx_retention::{
    DateRange, FiscalStart, KaplanMeier, MAX_WINDOW_PERIODS, Period, PeriodUnit, PeriodWindow,
    RetentionError, TenureObservation,
};

fn units() -> Vec<PeriodUnit> {
    let april = FiscalStart::new(4).unwrap_or_else(|e| panic!("{e}"));
    vec![
        PeriodUnit::Day,
        PeriodUnit::IsoWeek,
        PeriodUnit::Month,
        PeriodUnit::Quarter,
        PeriodUnit::Year,
        PeriodUnit::FiscalQuarter(april),
        PeriodUnit::FiscalYear(april),
    ]
}

#[test]
fn period_arithmetic_past_the_supported_dates_is_an_error_not_a_panic() {
    for unit in units() {
        for index in [
            i64::MIN,
            i64::MIN + 1,
            -1 << 40,
            1 << 40,
            i64::MAX - 1,
            i64::MAX,
        ] {
            assert!(
                matches!(
                    Period::from_index(unit, index),
                    Err(RetentionError::DateOutOfRange { .. })
                ),
                "{unit:?} {index}"
            );
        }
        let today = Period::containing(unit, date(2024, 6, 15)).unwrap_or_else(|e| panic!("{e}"));
        for n in [i64::MIN, i64::MIN + 1, -1 << 40, 1 << 40, i64::MAX] {
            assert!(today.offset(n).is_err(), "{unit:?} offset {n}");
        }
        // Periods near both ends of the supported dates count the gap between them.
        if let (Ok(first), Ok(last)) = (
            Period::containing(unit, date(-9999, 6, 1)),
            Period::containing(unit, date(9999, 6, 1)),
        ) {
            assert!(first.periods_until(last).is_ok_and(|n| n > 0));
        }
        // The widest date range is far more periods than a window holds: a typed error.
        let all = DateRange::new(Date::MIN, Date::MAX).unwrap_or_else(|e| panic!("{e}"));
        match all.periods(unit) {
            Err(RetentionError::WindowLength { max, .. }) => {
                assert_eq!(max, MAX_WINDOW_PERIODS as i64)
            }
            Err(RetentionError::DateOutOfRange { .. }) => {}
            other => panic!("{unit:?}: {other:?}"),
        }
    }
}

#[test]
fn a_window_of_the_largest_size_is_accepted_and_one_more_is_refused() {
    let first =
        Period::containing(PeriodUnit::Day, date(2020, 1, 1)).unwrap_or_else(|e| panic!("{e}"));
    let end = |n: i64| first.offset(n).unwrap_or_else(|e| panic!("{e}"));
    let max = MAX_WINDOW_PERIODS as i64;
    assert!(PeriodWindow::new(first, end(max)).is_ok());
    assert!(matches!(
        PeriodWindow::new(first, end(max + 1)),
        Err(RetentionError::WindowLength { len, .. }) if len == max + 1
    ));
}

#[test]
fn tenure_over_the_whole_date_range_is_finite() {
    let t =
        TenureObservation::from_dates(Date::MIN, None, Date::MAX).unwrap_or_else(|e| panic!("{e}"));
    assert!(t.duration.is_finite() && t.duration > 7.3e6 && !t.churned);
}

/// A confidence within one ulp of 1 still gives a finite band inside [0, 1], wider than at
/// 0.95 and not the whole range (the two-sided normal quantile at 1 − 1.1e-16 is about 8.3).
#[test]
fn kaplan_meier_band_at_a_confidence_next_to_one_is_finite_and_proper() -> Result<(), RetentionError>
{
    let obs: Vec<TenureObservation> = (1..=100_000u32)
        .map(|i| TenureObservation {
            duration: f64::from(i % 50),
            churned: i % 3 != 0,
        })
        .collect();
    let near_one = 1.0 - f64::EPSILON / 2.0;
    let tight = KaplanMeier::fit(&obs, 0.95)?;
    let wide = KaplanMeier::fit(&obs, near_one)?;
    let (t, w) = (&tight.rows()[10], &wide.rows()[10]);
    assert!(
        w.lower > 0.0 && w.upper < 1.0,
        "band [{}, {}]",
        w.lower,
        w.upper
    );
    assert!(w.lower < t.lower && w.upper > t.upper);
    assert!(w.lower <= w.survival && w.survival <= w.upper);
    Ok(())
}
