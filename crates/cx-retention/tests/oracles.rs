//! One-pass accumulators against brute-force oracles written from the definitions, property
//! tests (conservation, ranges, cohort monotonicity) and split-and-merge at every customer
//! boundary.

use cx_retention::{
    ActivityAccumulator, ActivityEvent, DateRange, LapseRule, Money, PeriodUnit, PeriodWindow,
    RetentionError, RevenueMovements, Subscription, SubscriptionAccumulator,
};
use jiff::Span;
use jiff::civil::{Date, date};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

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

// ---------- oracles ----------

const BASE: Date = date(2023, 10, 1);

/// Per customer: sorted, non-overlapping subscriptions built from (gap, length, open) triples.
fn build_subscriptions(customers: &[Vec<(i64, i64)>], open_last: &[bool]) -> Vec<Subscription> {
    let mut out = Vec::new();
    for (c, (recs, &open)) in customers.iter().zip(open_last).enumerate() {
        let mut at = 0;
        for (i, &(gap, len)) in recs.iter().enumerate() {
            let start = at + gap;
            let end = start + len;
            let last = i + 1 == recs.len();
            out.push(Subscription {
                customer: c as u64 * 3 + 1,
                start: day(BASE, start),
                end: (!(last && open)).then(|| day(BASE, end)),
            });
            at = end;
        }
    }
    out
}

fn subscribed(subs: &[&Subscription], x: Date) -> bool {
    subs.iter()
        .any(|s| s.start <= x && s.end.is_none_or(|e| x < e))
}

fn check_subscriptions_against_oracle(
    subs: &[Subscription],
    w: PeriodWindow,
) -> Result<(), RetentionError> {
    let mut acc = SubscriptionAccumulator::new(w);
    acc.record_subscriptions(subs.iter().copied())?;
    let counts = acc.period_counts()?;
    let table = acc.cohort_table();
    let mut by_customer: BTreeMap<u64, Vec<&Subscription>> = BTreeMap::new();
    for s in subs {
        by_customer.entry(s.customer).or_default().push(s);
    }
    let mut want = vec![[0u64; 5]; w.len()];
    let mut cohort_size = vec![0u64; w.len()];
    let mut survivors = vec![vec![0u64; w.len()]; w.len()];
    let mut active = vec![vec![0u64; w.len()]; w.len()];
    for recs in by_customer.values() {
        let sub = |x: Date| subscribed(recs, x);
        let yesterday = |x: Date| x.yesterday().unwrap_or(Date::MIN);
        let tomorrow = |x: Date| x.tomorrow().unwrap_or(Date::MAX);
        // First run: from the first start to the first day not subscribed.
        let first_start = recs[0].start;
        let mut first_end = first_start;
        while sub(first_end) && first_end < day(BASE, 800) {
            first_end = tomorrow(first_end);
        }
        let cohort = w.position(first_start);
        if let Some(c) = cohort {
            cohort_size[c] += 1;
        }
        for (i, p) in w.iter().enumerate() {
            let (a, b) = (p.start(), p.end());
            let mut x = a;
            let (mut new, mut lost, mut lost_new) = (0, 0, 0);
            while x < b {
                if sub(x) && !sub(yesterday(x)) {
                    new += 1;
                    // The run starting at x: lost within the period too?
                    let mut y = x;
                    while sub(tomorrow(y)) && tomorrow(y) < b {
                        y = tomorrow(y);
                    }
                    if !sub(tomorrow(y)) {
                        lost_new += 1;
                    }
                }
                if sub(x) && !sub(tomorrow(x)) {
                    lost += 1;
                }
                x = tomorrow(x);
            }
            let at_start = u64::from(sub(yesterday(a)) && sub(a));
            let at_end = u64::from(sub(yesterday(b)) && sub(b));
            let row = &mut want[i];
            row[0] += at_start;
            row[1] += new;
            row[2] += lost - lost_new;
            row[3] += lost_new;
            row[4] += at_end;
            if let Some(c) = cohort
                && i >= c
            {
                active[c][i - c] += at_end;
                survivors[c][i - c] += u64::from(at_end == 1 && first_end > b);
            }
        }
    }
    for (i, c) in counts.iter().enumerate() {
        let got = [
            c.at_start(),
            c.new_customers(),
            c.lost_split().map_or(0, |s| s.0),
            c.lost_split().map_or(0, |s| s.1),
            c.at_end(),
        ];
        assert_eq!(got, want[i], "period {i}");
    }
    for c in 0..w.len() {
        assert_eq!(table.cohort_size(c)?, cohort_size[c]);
        for age in 0..w.len() - c {
            assert_eq!(
                table.survivors(c, age)?,
                survivors[c][age],
                "cohort {c} age {age}"
            );
            assert_eq!(
                table.active(c, age)?,
                active[c][age],
                "cohort {c} age {age}"
            );
        }
    }
    Ok(())
}

/// Activity oracle from the definition: alive in P iff active in one of P−k+1..=P.
fn check_activity_against_oracle(
    events: &[ActivityEvent],
    w: PeriodWindow,
    k: u32,
) -> Result<(), RetentionError> {
    let mut acc = ActivityAccumulator::new(w, LapseRule::after(k)?);
    acc.record_events(events.iter().copied())?;
    let counts = acc.period_counts()?;
    let moves = acc.revenue_movements();
    let table = acc.cohort_table();
    let unit = w.unit();
    let first = w.first().index();
    let mut rev: BTreeMap<u64, BTreeMap<i64, u128>> = BTreeMap::new();
    for e in events {
        *rev.entry(e.customer)
            .or_default()
            .entry(unit.index_of(e.date))
            .or_default() += u128::from(e.revenue.minor_units());
    }
    let n = w.len() as i64;
    let mut want = vec![[0u64; 4]; w.len()];
    let mut want_moves = vec![RevenueMovements::default(); w.len()];
    for per in rev.values() {
        let active: BTreeSet<i64> = per.keys().copied().collect();
        let alive = |p: i64| (p - i64::from(k) + 1..=p).any(|q| active.contains(&q));
        // (cohort cells are checked below, summed over customers)
        let r = |p: i64| per.get(&p).copied().unwrap_or(0);
        for i in 0..n {
            let p = first + i;
            let (before, now) = (alive(p - 1), alive(p));
            let row = &mut want[i as usize];
            row[0] += u64::from(before);
            row[1] += u64::from(now && !before);
            row[2] += u64::from(before && !now);
            row[3] += u64::from(now);
            let (prev, cur) = (r(p - 1), r(p));
            let m = &mut want_moves[i as usize];
            let parts = [
                m.start(),
                m.expansion(),
                m.contraction(),
                m.churned(),
                m.new_revenue(),
            ];
            let add = if prev == 0 {
                [0, 0, 0, 0, cur]
            } else if cur >= prev {
                [prev, cur - prev, 0, 0, 0]
            } else if cur > 0 {
                [prev, 0, prev - cur, 0, 0]
            } else {
                [prev, 0, 0, prev, 0]
            };
            *m = RevenueMovements::new(
                parts[0] + add[0],
                parts[1] + add[1],
                parts[2] + add[2],
                parts[3] + add[3],
                parts[4] + add[4],
            )?;
        }
    }
    for (i, c) in counts.iter().enumerate() {
        assert_eq!(
            [c.at_start(), c.new_customers(), c.lost(), c.at_end()],
            want[i],
            "period {i}"
        );
    }
    assert_eq!(moves, &want_moves[..]);
    // Cohort table by definition, summed over customers.
    for c in 0..w.len() {
        let c0 = first + c as i64;
        let members: Vec<&BTreeMap<i64, u128>> = rev
            .values()
            .filter(|per| per.keys().next() == Some(&c0))
            .collect();
        assert_eq!(table.cohort_size(c)?, members.len() as u64);
        for age in 0..(w.len() - c) {
            let p = c0 + age as i64;
            let alive = |per: &BTreeMap<i64, u128>, p: i64| {
                (p - i64::from(k) + 1..=p).any(|q| per.contains_key(&q))
            };
            let surv = members
                .iter()
                .filter(|per| (c0..=p).all(|q| alive(per, q)))
                .count() as u64;
            let act = members.iter().filter(|per| alive(per, p)).count() as u64;
            let revenue: u128 = members
                .iter()
                .map(|per| per.get(&p).copied().unwrap_or(0))
                .sum();
            let capped: u128 = members
                .iter()
                .map(|per| {
                    per.get(&p)
                        .copied()
                        .unwrap_or(0)
                        .min(per.get(&c0).copied().unwrap_or(0))
                })
                .sum();
            assert_eq!(table.survivors(c, age)?, surv, "cohort {c} age {age}");
            assert_eq!(table.active(c, age)?, act, "cohort {c} age {age}");
            assert_eq!(table.revenue(c, age)?, revenue, "cohort {c} age {age}");
            let r0 = table.revenue(c, 0)?;
            if r0 > 0 {
                let grr = table.gross_revenue_retention(c, age)?;
                assert_eq!(grr, capped as f64 / r0 as f64);
                assert!((0.0..=1.0).contains(&grr));
            }
        }
    }
    Ok(())
}

fn events_from(spec: &[Vec<(i64, u64)>]) -> Vec<ActivityEvent> {
    spec.iter()
        .enumerate()
        .flat_map(|(c, evs)| {
            evs.iter()
                .map(move |&(d, cents)| ev(c as u64 * 2 + 5, day(BASE, d), cents))
        })
        .collect()
}

fn unit() -> impl Strategy<Value = PeriodUnit> {
    prop::sample::select(vec![
        PeriodUnit::Day,
        PeriodUnit::IsoWeek,
        PeriodUnit::Month,
        PeriodUnit::Quarter,
        PeriodUnit::Year,
    ])
}

/// A window of each unit over the generated data (which spans 2023-10-01 to about 2024-11).
fn window_for(u: PeriodUnit) -> PeriodWindow {
    let (first, end) = match u {
        PeriodUnit::Day => (date(2023, 12, 20), date(2024, 2, 1)),
        PeriodUnit::IsoWeek => (date(2023, 12, 4), date(2024, 3, 1)),
        PeriodUnit::Quarter => (date(2023, 10, 1), date(2024, 10, 1)),
        PeriodUnit::Year => (date(2023, 1, 1), date(2025, 1, 1)),
        _ => (date(2024, 1, 1), date(2024, 7, 1)),
    };
    DateRange::new(first, end)
        .and_then(|r| r.periods(u))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn subscription_strategy() -> impl Strategy<Value = (Vec<Vec<(i64, i64)>>, Vec<bool>)> {
    let recs = prop::collection::vec((0i64..120, 1i64..90), 1..4);
    (1usize..12).prop_flat_map(move |n| {
        (
            prop::collection::vec(recs.clone(), n),
            prop::collection::vec(any::<bool>(), n),
        )
    })
}

fn activity_strategy() -> impl Strategy<Value = Vec<Vec<(i64, u64)>>> {
    prop::collection::vec(
        prop::collection::vec(
            (0i64..330, prop::sample::select(vec![0u64, 100, 250, 990])),
            1..8,
        ),
        1..12,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn subscription_counts_equal_the_day_by_day_oracle((recs, open) in subscription_strategy(), u in unit()) {
        let subs = build_subscriptions(&recs, &open);
        let w = window_for(u);
        prop_assert!(check_subscriptions_against_oracle(&subs, w).is_ok());
    }

    #[test]
    fn activity_counts_revenue_and_cohorts_equal_the_definition(spec in activity_strategy(), k in 1u32..4, u in unit()) {
        let events = events_from(&spec);
        let w = window_for(u);
        prop_assert!(check_activity_against_oracle(&events, w, k).is_ok());
    }

    #[test]
    fn counts_conserve_customers_and_rates_stay_in_range(spec in activity_strategy(), k in 1u32..4) {
        let events = events_from(&spec);
        let w = months(date(2024, 1, 1), date(2024, 7, 1));
        let mut acc = ActivityAccumulator::new(w, LapseRule::after(k).map_err(|e| TestCaseError::fail(e.to_string()))?);
        acc.record_events(events).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let counts = acc.period_counts().map_err(|e| TestCaseError::fail(e.to_string()))?;
        for pair in counts.windows(2) {
            prop_assert_eq!(pair[0].at_end(), pair[1].at_start());
        }
        for c in &counts {
            prop_assert_eq!(c.at_end() + c.lost(), c.at_start() + c.new_customers());
            if let (Ok(r), Ok(ch)) = (c.retention_rate(), c.churn_rate()) {
                prop_assert!(r <= 1.0 && ch >= 0.0);
                prop_assert!((r + ch - 1.0).abs() <= 1e-12);
                let sb = c.start_base_retention_rate().map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert!((0.0..=1.0).contains(&sb));
            } else {
                prop_assert_eq!(c.at_start(), 0);
            }
        }
        let t = acc.cohort_table();
        for c in 0..w.len() {
            for age in 1..w.len() - c {
                let (a, b) = (t.survivors(c, age - 1), t.survivors(c, age));
                prop_assert!(matches!((a, b), (Ok(a), Ok(b)) if b <= a), "cohort retention increased");
            }
        }
        for m in acc.revenue_movements() {
            if let Ok(g) = m.gross_revenue_retention() {
                prop_assert!((0.0..=1.0).contains(&g));
                prop_assert!(m.net_revenue_retention().is_ok_and(|n| n >= 0.0));
            }
        }
    }

    #[test]
    fn split_at_a_random_customer_and_merge_equals_one_pass(spec in activity_strategy(), cut in 0usize..12) {
        let events = events_from(&spec);
        let w = months(date(2024, 1, 1), date(2024, 7, 1));
        let rule = LapseRule::after(2).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let cut_customer = (cut.min(spec.len()) as u64) * 2 + 5;
        let (left, right): (Vec<_>, Vec<_>) = events.iter().partition(|e| e.customer < cut_customer);
        let mut whole = ActivityAccumulator::new(w, rule);
        let mut a = whole.clone();
        let mut b = whole.clone();
        whole.record_events(events.iter().copied()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        a.record_events(left).map_err(|e| TestCaseError::fail(e.to_string()))?;
        b.record_events(right).map_err(|e| TestCaseError::fail(e.to_string()))?;
        a.merge(&b).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(a, whole);
    }
}

#[test]
fn merge_at_every_customer_boundary_equals_one_pass() -> Result<(), RetentionError> {
    let spec: Vec<Vec<(i64, u64)>> = (0..25)
        .map(|c: i64| {
            (0..(c % 5 + 1))
                .map(|j| ((c * 37 + j * 53) % 330, ((c + j) % 4) as u64 * 125))
                .collect()
        })
        .collect();
    let events = events_from(&spec);
    let recs: Vec<Vec<(i64, i64)>> = (0..25)
        .map(|c: i64| vec![(c * 7 % 100, 20 + c % 60), (c % 3 * 10, 15 + c)])
        .collect();
    let open: Vec<bool> = (0..25).map(|c| c % 2 == 0).collect();
    let subs = build_subscriptions(&recs, &open);
    let w = months(date(2024, 1, 1), date(2024, 7, 1));
    let rule = LapseRule::after(1)?;
    let mut whole_a = ActivityAccumulator::new(w, rule);
    whole_a.record_events(events.iter().copied())?;
    let mut whole_s = SubscriptionAccumulator::new(w);
    whole_s.record_subscriptions(subs.iter().copied())?;
    for cut in 0..=25u64 {
        // Activity: left part, right part, merged both ways round (the right part first too).
        let (l, r): (Vec<_>, Vec<_>) = events.iter().partition(|e| e.customer < cut * 2 + 5);
        let (mut a, mut b) = (
            ActivityAccumulator::new(w, rule),
            ActivityAccumulator::new(w, rule),
        );
        a.record_events(l)?;
        b.record_events(r)?;
        let mut ab = a.clone();
        ab.merge(&b)?;
        assert_eq!(ab, whole_a, "activity cut {cut}");
        b.merge(&a)?;
        assert_eq!(b, whole_a, "activity cut {cut}, reversed");
        let (l, r): (Vec<_>, Vec<_>) = subs.iter().partition(|s| s.customer < cut * 3 + 1);
        let (mut a, mut b) = (
            SubscriptionAccumulator::new(w),
            SubscriptionAccumulator::new(w),
        );
        a.record_subscriptions(l)?;
        b.record_subscriptions(r)?;
        a.merge(&b)?;
        assert_eq!(a, whole_s, "subscriptions cut {cut}");
    }
    // Merging with an empty accumulator on either side changes nothing.
    let mut e = ActivityAccumulator::new(w, rule);
    e.merge(&whole_a)?;
    assert_eq!(e, whole_a);
    check_activity_against_oracle(&events, w, 1)?;
    check_subscriptions_against_oracle(&subs, w)?;
    Ok(())
}
