//! Sizes and dates at their limits: typed errors, never a panic, an overflow or an unbounded
//! allocation.

use cx_retention::jiff::civil::{Date, date};
use cx_retention::{
    DateRange, FiscalStart, MAX_WINDOW_PERIODS, Period, PeriodUnit, PeriodWindow, RetentionError,
    TenureObservation,
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
