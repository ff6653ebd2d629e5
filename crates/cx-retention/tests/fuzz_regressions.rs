//! Inputs found by the fuzz targets in `fuzz/` (see `fuzz/README.md`), kept as regressions.
#![cfg(feature = "serde")]

use cx_retention::{CohortTable, DateRange, PeriodUnit, RetentionError, SubscriptionAccumulator};
use jiff::civil::date;

/// `retention_types`: a stored cohort table with two active customers in a cohort of one was
/// accepted.
#[test]
fn a_stored_cohort_table_cannot_have_more_active_customers_than_members() {
    let json = r#"{"window":{"unit":"month","first_start":"2024-01-01","len":6},"has_revenue":true,
        "size":[1,1,0,0,0,0],
        "departures":[0,0,1,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0],
        "active_enter":[2,0,0,0,0,0,1,0,0,1,0,0,0,0,0,0,0,0,0,0,0],
        "active_leave":[0,0,1,0,0,0,0,1,0,0,1,0,0,0,0,0,0,0,0,0,0],
        "revenue":[100,150,0,0,0,0,0,0,0,70,0,0,0,0,0,0,0,0,0,0,0],
        "capped_revenue":[100,100,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}"#;
    let err = serde_json::from_str::<CohortTable>(json).unwrap_err();
    assert!(
        err.to_string()
            .contains("active customers within the cohort size"),
        "{err}"
    );
}

/// A stored table whose departures add up past `u64::MAX` is refused, not a panic (debug) or a
/// wrapped count (release).
#[test]
fn departures_adding_past_u64_are_an_error() {
    let json = r#"{"window":{"unit":"month","first_start":"2024-01-01","len":2},"has_revenue":false,
        "size":[5,0],"departures":[1,18446744073709551615,0],"active_enter":[0,0,0],
        "active_leave":[0,0,0],"revenue":[],"capped_revenue":[]}"#;
    assert!(serde_json::from_str::<CohortTable>(json).is_err());
}

/// Merging two stored accumulators whose counts add up past `u64::MAX` is an error that leaves
/// the target unchanged (it used to panic in debug builds and wrap in release builds).
#[test]
fn merging_past_u64_is_an_error_and_changes_nothing() {
    let w = DateRange::new(date(2024, 1, 1), date(2024, 3, 1))
        .unwrap()
        .periods(PeriodUnit::Month)
        .unwrap();
    let mut v = serde_json::to_value(SubscriptionAccumulator::new(w)).unwrap();
    v["cohorts"]["size"][0] = serde_json::json!(u64::MAX);
    v["tally"]["new"][0] = serde_json::json!(u64::MAX);
    v["tally"]["enter"][1] = serde_json::json!(u64::MAX);
    v["cohorts"]["active_enter"][0] = serde_json::json!(u64::MAX);
    let mut a: SubscriptionAccumulator = serde_json::from_value(v.clone()).unwrap();
    v["customers"] = serde_json::json!([10, 20]);
    let b: SubscriptionAccumulator = serde_json::from_value(v).unwrap();
    let before = a.clone();
    assert!(matches!(
        a.merge(&b),
        Err(RetentionError::CountOverflow { .. })
    ));
    assert_eq!(a, before);
}

/// Found by fuzzing (`[1, 1, 7e-324]` read as a `FormulaLtv`): a retention of 1 with a discount
/// rate of 5e-324 has a value of about 2e323, past f64, and gave infinity; now refused. A
/// discount of 1e-20 has a finite value, 1 + 1e20, which `1 + d − r` lost to rounding (1/0).
#[test]
fn formula_ltv_refuses_an_infinite_value_and_keeps_a_tiny_discount_rate() {
    assert!(cx_retention::FormulaLtv::new(1.0, 1.0, 5e-324).is_err());
    assert!(cx_retention::FormulaLtv::new(f64::MAX, 0.5, 0.0).is_err());
    let ltv = cx_retention::FormulaLtv::new(1.0, 1.0, 1e-20).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ltv.paid_at_period_start(), 1e20);
    assert_eq!(ltv.paid_at_period_end(), 1e20);
}
