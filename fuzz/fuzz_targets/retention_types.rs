//! cx-retention: every `Deserialize` of a validated type (the crate has no text parser of its
//! own; dates are read by jiff).
//!
//! The first byte picks the type (see `match` below); the rest is a JSON document. Serialised
//! values check re-read equality, their invariants and their main methods; accumulators are read
//! as arrays and merged, and fed records after reading.

#![no_main]

mod lib_check;

use cx_retention::jiff::civil::Date;
use cx_retention::{
    ActivityAccumulator, ActivityEvent, CohortTable, DateRange, FiscalStart, FormulaLtv, LapseRule,
    MAX_WINDOW_PERIODS, Money, Period, PeriodCounts, PeriodUnit, PeriodWindow, RevenueMovements,
    SbgModel, Subscription, SubscriptionAccumulator,
};
use lib_check::{finite, json, merge_all, ok, reread, split, within};
use libfuzzer_sys::fuzz_target;

fn check_period(p: &Period) {
    // `end` is the first day after the period (Date::MAX for the last period supported).
    assert!(p.start() < p.end());
    assert!(p.contains(p.start()));
    assert_eq!(Period::containing(p.unit(), p.start()).ok(), Some(*p));
    assert_eq!(Period::from_index(p.unit(), p.index()).ok(), Some(*p));
    if let Some(next) = ok(p.next()) {
        assert_eq!(p.periods_until(next).ok(), Some(1));
        assert_eq!(next.previous().ok(), Some(*p));
        assert_eq!(next.start(), p.end());
        assert!(!p.contains(p.end()));
    }
    if let Some(prev) = ok(p.previous()) {
        assert_eq!(prev.next().ok(), Some(*p));
    }
    for n in [i64::MIN, -1_000_000, 1_000_000, i64::MAX] {
        ok(p.offset(n));
    }
    assert!(!p.to_string().is_empty());
}

fn check_range(r: &DateRange) {
    assert!(r.start() < r.end());
    assert!(r.days() >= 1);
    assert!(r.contains(r.start()) && !r.contains(r.end()));
    for unit in [
        PeriodUnit::Day,
        PeriodUnit::IsoWeek,
        PeriodUnit::Month,
        PeriodUnit::Quarter,
        PeriodUnit::Year,
        PeriodUnit::FiscalQuarter(FiscalStart::new(4).expect("April")),
        PeriodUnit::FiscalYear(FiscalStart::new(7).expect("July")),
    ] {
        if let Some(w) = ok(r.periods(unit)) {
            check_window(&w);
            assert!(w.position(r.start()).is_some());
        }
    }
}

fn check_window(w: &PeriodWindow) {
    let n = w.len();
    assert!(n >= 1 && n <= MAX_WINDOW_PERIODS, "window of {n}");
    assert_eq!(w.get(0), Some(w.first()));
    assert_eq!(w.get(n), None);
    let last = w.get(n - 1).expect("in the window");
    check_period(&w.first());
    check_period(&last);
    assert_eq!(w.first().periods_until(last).ok(), Some(n as i64 - 1));
    assert_eq!(w.position(w.first().start()), Some(0));
    assert_eq!(w.position(last.start()), Some(n - 1));
    assert_eq!(w.iter().len(), n);
    assert_eq!(w.iter().next_back(), Some(last));
}

fn check_counts(c: &PeriodCounts) {
    assert!(c.lost() <= c.at_start().saturating_add(c.new_customers()));
    assert_eq!(
        u128::from(c.at_end()),
        u128::from(c.at_start()) + u128::from(c.new_customers()) - u128::from(c.lost())
    );
    if let Some((a, b)) = c.lost_split() {
        assert_eq!(u128::from(a) + u128::from(b), u128::from(c.lost()));
    }
    // Retention is negative (down to −N/S) and churn above 1 when new customers also left.
    let (s, n) = (c.at_start() as f64, c.new_customers() as f64);
    let slack = 1e-12;
    within("retention_rate", c.retention_rate(), -n / s - slack, 1.0);
    within("churn_rate", c.churn_rate(), 0.0, (s + n) / s + slack);
    within("net_growth_rate", c.net_growth_rate(), -1.0, f64::MAX);
    finite("negated_churn_rate", c.negated_churn_rate());
    within(
        "start_base_retention_rate",
        c.start_base_retention_rate(),
        0.0,
        1.0,
    );
    within("start_base_churn_rate", c.start_base_churn_rate(), 0.0, 1.0);
}

fn check_movements(m: &RevenueMovements) {
    assert!(m.churned() + m.contraction() <= m.start());
    assert_eq!(
        m.end(),
        m.start() + m.expansion() + m.new_revenue() - m.contraction() - m.churned()
    );
    if let Some(x) = finite("net_revenue_retention", m.net_revenue_retention()) {
        assert!(x >= 0.0);
    }
    within(
        "gross_revenue_retention",
        m.gross_revenue_retention(),
        0.0,
        1.0,
    );
}

fn check_cohorts(t: &CohortTable) {
    let w = t.window();
    check_window(&w);
    let n = w.len();
    // Every cell of a few cohorts (all of them when the table is small).
    let cohorts: Vec<usize> = if n <= 40 {
        (0..n).collect()
    } else {
        vec![0, n / 2, n - 1]
    };
    for c in cohorts {
        assert_eq!(t.cohort(c).ok(), w.get(c));
        let size = t.cohort_size(c).expect("a cohort of the window");
        let ages: Vec<usize> = if n - c <= 40 {
            (0..n - c).collect()
        } else {
            vec![0, 1, n - c - 1]
        };
        let mut previous = size;
        for age in ages {
            let s = t.survivors(c, age).expect("a cell of the triangle");
            assert!(s <= size, "survivors {s} of {size}");
            if age <= 1 || n - c <= 40 {
                assert!(s <= previous, "survivors grew from {previous} to {s}");
            }
            previous = s;
            within("survival_rate", t.survival_rate(c, age), 0.0, 1.0);
            let active = t.active(c, age).expect("a cell of the triangle");
            assert!(active <= size);
            ok(t.revenue(c, age));
            finite("net_revenue_retention", t.net_revenue_retention(c, age));
            finite("gross_revenue_retention", t.gross_revenue_retention(c, age));
        }
        assert!(t.survivors(c, n - c).is_err());
        finite("historical_ltv", t.historical_ltv(c));
    }
    assert!(t.cohort(n).is_err());
}

fn check_subscriptions(a: &SubscriptionAccumulator) {
    check_window(&a.window());
    let counts = a
        .period_counts()
        .expect("a validated accumulator has valid counts");
    assert_eq!(counts.len(), a.window().len());
    counts.iter().for_each(check_counts);
    check_cohorts(&a.cohort_table());
}

fn check_activity(a: &ActivityAccumulator) {
    check_window(&a.window());
    let counts = a
        .period_counts()
        .expect("a validated accumulator has valid counts");
    assert_eq!(counts.len(), a.window().len());
    counts.iter().for_each(check_counts);
    assert_eq!(a.revenue_movements().len(), a.window().len());
    a.revenue_movements().iter().for_each(check_movements);
    check_cohorts(&a.cohort_table());
}

fn check_sbg(m: SbgModel) {
    assert!(m.alpha() > 0.0 && m.alpha().is_finite());
    assert!(m.beta() > 0.0 && m.beta().is_finite());
    let mean = m.mean_churn_probability();
    assert!((0.0..=1.0).contains(&mean), "mean churn {mean}");
    // Point queries cost O(t): a few periods, then the bound itself must be a typed error.
    for t in [1, 2, 3, 10, 1000] {
        within("retention_rate", m.retention_rate(t), 0.0, 1.0);
        within("survival", m.survival(t), 0.0, 1.0);
        within("churn_probability", m.churn_probability(t), 0.0, 1.0);
    }
    assert!(m.survival(SbgModel::MAX_HORIZON + 1).is_err());
    assert!(m.survival_curve(u32::MAX).is_err());
    let curve = m.survival_curve(12).expect("a short curve is within the bound");
    assert!(curve.iter().all(|s| (0.0..=1.0).contains(s)), "{curve:?}");
    assert!(curve.windows(2).all(|w| w[1] <= w[0]), "{curve:?}");
    let projected: Vec<f64> = m
        .projection(12)
        .expect("a short projection is within the bound")
        .map(|row| row.survival)
        .collect();
    assert_eq!(projected, curve, "the projection and the curve agree");
    for s in m
        .expected_survivors(1000, 12)
        .expect("a short curve is within the bound")
    {
        assert!((0.0..=1000.0).contains(&s));
    }
    finite(
        "log_likelihood",
        m.log_likelihood(&[1000, 631, 468, 382, 326]),
    );
    for (d, n) in [(0.1, 1), (0.1, 5), (1e-9, 3), (10.0, 1)] {
        if let Some(x) = finite("derl", m.derl(d, n)) {
            assert!(x >= 0.0, "derl {x}");
        }
    }
}

fn check_ltv(l: &FormulaLtv) {
    let start = l.paid_at_period_start();
    let end = l.paid_at_period_end();
    assert!(start.is_finite() && end.is_finite(), "{start} {end}");
    if let Some(x) = finite("expected_lifetime_periods", l.expected_lifetime_periods()) {
        assert!(x >= 1.0 || x >= 0.0, "{x}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((selector, text)) = split(data) else {
        return;
    };
    match selector % 14 {
        0 => {
            if let Some(v) = json::<Period>(text) {
                reread(&v);
                check_period(&v);
            }
        }
        1 => {
            if let Some(v) = json::<DateRange>(text) {
                reread(&v);
                check_range(&v);
            }
        }
        2 => {
            if let Some(v) = json::<PeriodWindow>(text) {
                reread(&v);
                check_window(&v);
            }
        }
        3 => {
            if let Some(v) = json::<PeriodCounts>(text) {
                reread(&v);
                check_counts(&v);
            }
        }
        4 => {
            if let Some(v) = json::<RevenueMovements>(text) {
                reread(&v);
                check_movements(&v);
            }
        }
        5 => {
            if let Some(v) = json::<CohortTable>(text) {
                reread(&v);
                check_cohorts(&v);
            }
        }
        6 => merge_all::<SubscriptionAccumulator, _>(text, check_subscriptions, |a, b| a.merge(b)),
        7 => merge_all::<ActivityAccumulator, _>(text, check_activity, |a, b| a.merge(b)),
        8 => {
            if let Some(v) = json::<SbgModel>(text) {
                reread(&v);
                check_sbg(v);
            }
        }
        9 => {
            if let Some(v) = json::<FormulaLtv>(text) {
                reread(&v);
                check_ltv(&v);
            }
        }
        10 => {
            // Small validated values: fiscal start, lapse rule, money, unit.
            if let Some((f, l, m, u)) = json::<(FiscalStart, LapseRule, Money, PeriodUnit)>(text) {
                reread(&(f, l, m, u));
                assert!((1..=12).contains(&f.month()));
                assert!(l.periods() >= 1);
                assert!(!u.to_string().is_empty());
                let _ = m.minor_units();
            }
        }
        11 => {
            // A read accumulator keeps accepting records: subscriptions after reading.
            if let Some((mut a, subs)) = json::<(SubscriptionAccumulator, Vec<Subscription>)>(text)
            {
                let before = a.clone();
                match a.record_subscriptions(subs) {
                    Ok(()) => check_subscriptions(&a),
                    Err(e) => {
                        lib_check::message(&e);
                        let _ = before;
                    }
                }
                reread(&a);
            }
        }
        12 => {
            if let Some((mut a, events)) = json::<(ActivityAccumulator, Vec<ActivityEvent>)>(text) {
                if let Some(()) = ok(a.record_events(events)) {
                    check_activity(&a);
                }
                reread(&a);
            }
        }
        _ => {
            // A window from its parts, as `PeriodWindow::new` would be called.
            if let Some((first, end)) = json::<(Period, Period)>(text) {
                if let Some(w) = ok(PeriodWindow::new(first, end)) {
                    reread(&w);
                    check_window(&w);
                    let (start, stop): (Date, Date) = (
                        w.first().start(),
                        w.get(w.len() - 1).map_or(end.start(), |p| p.end()),
                    );
                    assert!(start <= stop);
                }
            }
        }
    }
});
