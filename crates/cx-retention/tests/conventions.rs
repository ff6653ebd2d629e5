//! Counting conventions of the one-pass accumulators, the source's worked example from raw
//! records, and bad input as typed errors.

use cx_retention::{
    ActivityAccumulator, ActivityEvent, DateRange, FiscalStart, LapseRule, Money, PeriodCounts,
    PeriodUnit, PeriodWindow, RetentionError, RevenueMovements, Subscription,
    SubscriptionAccumulator,
};
use jiff::Span;
use jiff::civil::{Date, date};

fn months(first: Date, end: Date) -> PeriodWindow {
    DateRange::new(first, end)
        .and_then(|r| r.periods(PeriodUnit::Month))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn day(base: Date, offset: i64) -> Date {
    base.checked_add(Span::new().days(offset))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn ev(customer: u64, d: Date, cents: u64) -> ActivityEvent {
    ActivityEvent {
        customer,
        date: d,
        revenue: Money::from_minor_units(cents),
    }
}

// ---------- the source's worked example, from raw records ----------

#[test]
fn practitioner_example_from_subscription_records_gives_crr_30_churn_70()
-> Result<(), RetentionError> {
    // 200 customers at the start of 2024, 150 join during it, 140 of the starting 200 leave.
    let years = DateRange::new(date(2024, 1, 1), date(2025, 1, 1))?.periods(PeriodUnit::Year)?;
    let mut subs = Vec::new();
    for c in 0..200u64 {
        let end = (c < 140).then(|| day(date(2024, 1, 2), c as i64));
        subs.push(Subscription {
            customer: c,
            start: date(2023, 6, 1),
            end,
        });
    }
    for c in 200..350u64 {
        subs.push(Subscription {
            customer: c,
            start: day(date(2024, 1, 1), (c - 200) as i64),
            end: None,
        });
    }
    let mut acc = SubscriptionAccumulator::new(years);
    acc.record_subscriptions(subs)?;
    let year = acc.period_counts()?[0];
    assert_eq!(year, PeriodCounts::with_split(200, 150, 140, 0)?);
    assert_eq!(year.at_end(), 210);
    assert_eq!(year.retention_rate()?, 0.3);
    assert_eq!(year.churn_rate()?, 0.7);
    assert_eq!(year.negated_churn_rate()?, -0.7);
    Ok(())
}

#[test]
fn fiscal_years_from_april_count_the_same_records_on_their_own_boundaries()
-> Result<(), RetentionError> {
    // Fiscal years from April: FY2023 = 2023-04-01..2024-04-01, FY2024 = 2024-04-01..2025-04-01.
    let april = PeriodUnit::FiscalYear(FiscalStart::new(4)?);
    let years = DateRange::new(date(2023, 4, 1), date(2025, 4, 1))?.periods(april)?;
    assert_eq!(years.len(), 2);
    let subs = [
        // Active before FY2023, leaves in March 2024: lost in FY2023 (a calendar year would
        // put the loss in 2024).
        (1, date(2022, 5, 1), Some(date(2024, 3, 15))),
        // Joins in February 2024 (FY2023), still active.
        (2, date(2024, 2, 1), None),
        // Joins in May 2024 (FY2024), leaves in January 2025 (FY2024).
        (3, date(2024, 5, 1), Some(date(2025, 1, 10))),
        // Active throughout.
        (4, date(2020, 1, 1), None),
    ];
    let mut acc = SubscriptionAccumulator::new(years);
    acc.record_subscriptions(subs.iter().map(|&(customer, start, end)| Subscription {
        customer,
        start,
        end,
    }))?;
    let c = acc.period_counts()?;
    assert_eq!(c[0], PeriodCounts::with_split(2, 1, 1, 0)?); // FY2023
    assert_eq!(c[1], PeriodCounts::with_split(2, 1, 0, 1)?); // FY2024
    Ok(())
}

// ---------- conventions ----------

#[test]
fn joining_and_leaving_in_one_period_counts_as_new_and_lost_among_new() -> Result<(), RetentionError>
{
    let w = months(date(2024, 1, 1), date(2024, 3, 1));
    let mut acc = SubscriptionAccumulator::new(w);
    acc.record_subscriptions([Subscription {
        customer: 1,
        start: date(2024, 1, 10),
        end: Some(date(2024, 1, 11)),
    }])?;
    let c = acc.period_counts()?;
    assert_eq!(c[0], PeriodCounts::with_split(0, 1, 0, 1)?);
    assert_eq!(c[1], PeriodCounts::with_split(0, 0, 0, 0)?);
    assert_eq!(acc.cohort_table().survivors(0, 0)?, 0);
    Ok(())
}

#[test]
fn subscription_ending_on_first_of_month_is_lost_in_the_previous_month()
-> Result<(), RetentionError> {
    // `end` is exclusive: the last subscribed day is 31 January.
    let w = months(date(2024, 1, 1), date(2024, 3, 1));
    let mut acc = SubscriptionAccumulator::new(w);
    acc.record_subscriptions([Subscription {
        customer: 1,
        start: date(2023, 5, 1),
        end: Some(date(2024, 2, 1)),
    }])?;
    let c = acc.period_counts()?;
    assert_eq!((c[0].at_start(), c[0].lost(), c[0].at_end()), (1, 1, 0));
    assert_eq!(c[1].at_start(), 0);
    Ok(())
}

#[test]
fn touching_subscriptions_continue_and_a_gap_is_a_return() -> Result<(), RetentionError> {
    let w = months(date(2024, 1, 1), date(2024, 5, 1));
    let mut touching = SubscriptionAccumulator::new(w);
    touching.record_subscriptions([
        Subscription {
            customer: 1,
            start: date(2024, 1, 5),
            end: Some(date(2024, 2, 5)),
        },
        Subscription {
            customer: 1,
            start: date(2024, 2, 5),
            end: None,
        },
    ])?;
    let c = touching.period_counts()?;
    assert_eq!(c.iter().map(|c| c.lost()).sum::<u64>(), 0);
    assert_eq!(c.iter().map(|c| c.new_customers()).sum::<u64>(), 1);

    let mut gap = SubscriptionAccumulator::new(w);
    gap.record_subscriptions([
        Subscription {
            customer: 1,
            start: date(2024, 1, 5),
            end: Some(date(2024, 2, 5)),
        },
        Subscription {
            customer: 1,
            start: date(2024, 4, 2),
            end: None,
        },
    ])?;
    let c = gap.period_counts()?;
    assert_eq!(
        c.iter().map(|c| c.new_customers()).collect::<Vec<_>>(),
        [1, 0, 0, 1]
    );
    assert_eq!(c.iter().map(|c| c.lost()).collect::<Vec<_>>(), [0, 1, 0, 0]);
    let t = gap.cohort_table();
    assert_eq!(
        (t.survivors(0, 3)?, t.active(0, 3)?, t.cohort_size(3)?),
        (0, 1, 0)
    );
    Ok(())
}

#[test]
fn events_out_of_date_order_give_the_same_result_as_sorted_events() -> Result<(), RetentionError> {
    let w = months(date(2024, 1, 1), date(2024, 7, 1));
    let sorted = [
        ev(1, date(2024, 1, 3), 10),
        ev(1, date(2024, 2, 3), 20),
        ev(1, date(2024, 5, 3), 30),
        ev(2, date(2024, 3, 1), 5),
    ];
    let shuffled = [sorted[2], sorted[0], sorted[1], sorted[3]];
    let mut a = ActivityAccumulator::new(w, LapseRule::after(2)?);
    let mut b = a.clone();
    a.record_events(sorted)?;
    b.record_events(shuffled)?;
    assert_eq!(a, b);
    Ok(())
}

#[test]
fn duplicate_events_do_not_change_activity_but_their_revenue_is_summed()
-> Result<(), RetentionError> {
    let w = months(date(2024, 1, 1), date(2024, 3, 1));
    let mut once = ActivityAccumulator::new(w, LapseRule::after(1)?);
    let mut twice = once.clone();
    once.record_events([ev(1, date(2024, 1, 3), 100)])?;
    twice.record_events([ev(1, date(2024, 1, 3), 100), ev(1, date(2024, 1, 3), 100)])?;
    assert_eq!(once.period_counts()?, twice.period_counts()?);
    assert_eq!(once.cohort_table().revenue(0, 0)?, 100);
    assert_eq!(twice.cohort_table().revenue(0, 0)?, 200);
    Ok(())
}

#[test]
fn lapse_rule_k_loses_a_customer_in_the_kth_inactive_period() -> Result<(), RetentionError> {
    let w = months(date(2024, 1, 1), date(2024, 7, 1));
    let events = [ev(1, date(2024, 1, 3), 0), ev(1, date(2024, 4, 3), 0)];
    for (k, lost_in, returns) in [
        (1u32, vec![1usize, 4], true),
        (2, vec![2, 5], true),
        (3, vec![], false),
    ] {
        let mut acc = ActivityAccumulator::new(w, LapseRule::after(k)?);
        acc.record_events(events)?;
        let c = acc.period_counts()?;
        let lost: Vec<usize> = (0..6).filter(|&i| c[i].lost() > 0).collect();
        assert_eq!(lost, lost_in, "k = {k}");
        assert_eq!(c[3].new_customers() == 1, returns, "k = {k}");
        assert!(c.iter().all(|c| c.lost_split().map(|s| s.1) == Some(0)));
    }
    Ok(())
}

#[test]
fn activity_just_before_the_window_puts_a_customer_in_the_starting_base()
-> Result<(), RetentionError> {
    let w = months(date(2024, 1, 1), date(2024, 3, 1));
    let mut acc = ActivityAccumulator::new(w, LapseRule::after(1)?);
    acc.record_events([
        ev(1, date(2023, 12, 20), 700),
        ev(1, date(2024, 1, 20), 500),
    ])?;
    let jan = acc.period_counts()?[0];
    assert_eq!(
        (jan.at_start(), jan.new_customers(), jan.at_end()),
        (1, 0, 1)
    );
    let m = acc.revenue_movements()[0];
    assert_eq!(m, RevenueMovements::new(700, 0, 200, 0, 0)?);
    assert!(acc.cohort_table().cohort_size(0)? == 0); // acquired before the window
    Ok(())
}

// ---------- bad input ----------

#[test]
fn bad_records_are_typed_errors_naming_the_values() -> Result<(), RetentionError> {
    let w = months(date(2024, 1, 1), date(2024, 3, 1));
    let s = |customer, start, end| Subscription {
        customer,
        start,
        end,
    };
    let err = |subs: Vec<Subscription>| SubscriptionAccumulator::new(w).record_subscriptions(subs);
    assert_eq!(
        err(vec![
            s(2, date(2024, 1, 1), None),
            s(1, date(2024, 1, 1), None)
        ]),
        Err(RetentionError::UnorderedCustomers {
            customer: 1,
            previous: 2
        })
    );
    assert_eq!(
        err(vec![
            s(1, date(2024, 2, 1), Some(date(2024, 2, 3))),
            s(1, date(2024, 1, 1), None)
        ]),
        Err(RetentionError::UnorderedSubscriptions {
            customer: 1,
            record: 1,
            start: date(2024, 1, 1),
            previous_start: date(2024, 2, 1)
        })
    );
    assert!(matches!(
        err(vec![
            s(1, date(2024, 1, 1), Some(date(2024, 2, 3))),
            s(1, date(2024, 2, 1), None)
        ]),
        Err(RetentionError::OverlappingSubscriptions {
            customer: 1,
            record: 1,
            ..
        })
    ));
    assert!(matches!(
        err(vec![
            s(1, date(2024, 1, 1), Some(date(2024, 1, 9))),
            s(1, date(2024, 1, 1), Some(date(2024, 1, 9)))
        ]),
        Err(RetentionError::OverlappingSubscriptions { .. })
    ));
    assert_eq!(
        err(vec![s(1, date(2024, 1, 9), Some(date(2024, 1, 9)))]),
        Err(RetentionError::SubscriptionEndNotAfterStart {
            customer: 1,
            record: 0,
            start: date(2024, 1, 9),
            end: date(2024, 1, 9)
        })
    );
    // Positions count from the start of the batch, across customers.
    let batch = vec![
        s(1, date(2024, 1, 1), Some(date(2024, 1, 5))),
        s(1, date(2024, 2, 1), None),
        s(2, date(2024, 1, 1), Some(date(2024, 1, 20))),
        s(2, date(2024, 3, 1), Some(date(2024, 3, 9))),
        s(2, date(2024, 3, 5), None),
    ];
    assert!(matches!(
        err(batch.clone()),
        Err(RetentionError::OverlappingSubscriptions {
            customer: 2,
            record: 4,
            ..
        })
    ));
    let mut unordered = batch.clone();
    unordered.swap(2, 3);
    assert!(matches!(
        err(unordered),
        Err(RetentionError::UnorderedSubscriptions {
            customer: 2,
            record: 3,
            ..
        })
    ));
    let mut backwards = batch;
    backwards[3].end = Some(date(2024, 2, 1));
    let e = err(backwards).unwrap_err();
    assert!(matches!(
        e,
        RetentionError::SubscriptionEndNotAfterStart { record: 3, .. }
    ));
    assert!(
        e.to_string()
            .starts_with("record 3, customer 2: end 2024-02-01 is not after start 2024-03-01"),
        "{e}"
    );
    // A customer split across two batches is caught too.
    let mut acc = SubscriptionAccumulator::new(w);
    acc.record_subscriptions([s(1, date(2024, 1, 1), Some(date(2024, 1, 5)))])?;
    assert!(
        acc.record_subscriptions([s(1, date(2024, 1, 9), None)])
            .is_err()
    );
    let mut acts = ActivityAccumulator::new(w, LapseRule::after(1)?);
    assert!(
        acts.record_events([
            ev(1, date(2024, 1, 1), 0),
            ev(2, date(2024, 1, 1), 0),
            ev(1, date(2024, 1, 2), 0)
        ])
        .is_err()
    );
    // Revenue that is not a finite non-negative amount.
    for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.01, 1e30] {
        assert!(
            matches!(
                Money::try_from_major(v, 2),
                Err(RetentionError::InvalidRevenue { .. })
            ),
            "{v}"
        );
    }
    // Empty windows and periods with no customers.
    let jan = cx_retention::Period::containing(PeriodUnit::Month, date(2024, 1, 1))?;
    assert!(matches!(
        PeriodWindow::new(jan, jan),
        Err(RetentionError::WindowLength { len: 0, .. })
    ));
    let too_long = jan.offset(cx_retention::MAX_WINDOW_PERIODS as i64 + 1)?;
    assert!(matches!(
        PeriodWindow::new(jan, too_long),
        Err(RetentionError::WindowLength {
            len: 1501,
            max: 1500
        })
    ));
    assert!(matches!(
        PeriodWindow::new(too_long, jan),
        Err(RetentionError::WindowLength { .. })
    ));
    assert!(matches!(
        SubscriptionAccumulator::new(w).period_counts()?[0].retention_rate(),
        Err(RetentionError::ZeroStartingCustomers { .. })
    ));
    assert!(matches!(
        LapseRule::after(0),
        Err(RetentionError::InvalidLapse { periods: 0 })
    ));
    Ok(())
}

#[test]
fn merging_unlike_accumulators_is_refused() -> Result<(), RetentionError> {
    let w1 = months(date(2024, 1, 1), date(2024, 3, 1));
    let w2 = months(date(2024, 1, 1), date(2024, 4, 1));
    assert!(
        SubscriptionAccumulator::new(w1)
            .merge(&SubscriptionAccumulator::new(w2))
            .is_err()
    );
    let mut a = ActivityAccumulator::new(w1, LapseRule::after(1)?);
    assert!(
        a.merge(&ActivityAccumulator::new(w1, LapseRule::after(2)?))
            .is_err()
    );
    let mut b = ActivityAccumulator::new(w1, LapseRule::after(1)?);
    a.record_events([ev(5, date(2024, 1, 1), 0)])?;
    b.record_events([ev(5, date(2024, 2, 1), 0)])?;
    assert!(matches!(
        a.merge(&b),
        Err(RetentionError::IncompatibleMerge { .. })
    ));
    Ok(())
}
