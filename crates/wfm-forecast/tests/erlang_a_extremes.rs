//! Erlang A at the extremes against mpmath at 80 digits (`erlang_a_extremes_mpmath.csv`,
//! written by `benches/wfm_erlang_a_extremes_reference.py`): deep overload, answer times of 0
//! and 1 s, patience up to 5 million times the handle time, 1e15 s, none at all, and the
//! shortest accepted.
//!
//! Before: in deep overload (1,000 Erlangs, patience = handle time = 180 s, T = 20 s) the
//! service level missed its true value (1.1e-14 at 677 agents) by up to 6×, and fell from 677
//! to 678 agents; the probability of abandoning within T was off by up to 4.8e-10 and gave
//! 5e-16 at T = 0, where it is exactly 0.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Worst, f, load, u};
use proptest::prelude::*;
use wfm_forecast::{
    ErlangA, ErlangC, Error, MaxOccupancy, MaxProbability, ServiceLevelDefinition, ServiceTarget,
    Targets, TimeSpan,
};

fn secs(s: f64) -> TimeSpan {
    TimeSpan::from_seconds(s).unwrap()
}

const COLUMNS: [&str; 6] = [
    "p_wait",
    "p_abandon",
    "sl_offered",
    "wait_ended_within",
    "p_abandon_within",
    "occupancy",
];

/// Relative precision asserted per column on this grid, however small the value (the service
/// level goes down to 1e-102): about 1e-16 times the size of the exponents involved (up to
/// a few thousand at 10,000 Erlangs), 7e-13 worst seen, for the waiting-time probabilities;
/// a few units of 1e-15 for the rest.
const TOLERANCES: [f64; 6] = [1e-14, 1e-14, 1e-12, 1e-13, 5e-14, 1e-15];

#[test]
fn erlang_a_at_the_extremes_matches_mpmath() {
    let t = load("erlang_a_extremes_mpmath.csv");
    let mut worst: Vec<Worst> = COLUMNS.iter().map(|_| Worst::default()).collect();
    for row in &t.rows {
        let a = f(row, "erlangs");
        let (aht, pat, n, within) = (
            secs(f(row, "aht_s")),
            secs(f(row, "patience_s")),
            u(row, "agents"),
            secs(f(row, "t_s")),
        );
        let q = ErlangA::from_erlangs(a, aht, pat).unwrap();
        let m = q.metrics(n).unwrap();
        let s = q.service_levels(n, within).unwrap();
        let ours = [
            m.p_wait,
            m.p_abandon,
            s.answered_within_over_offered,
            s.wait_ended_within_over_offered,
            s.p_abandon_within,
            m.occupancy,
        ];
        for (i, col) in COLUMNS.iter().enumerate() {
            let reference = f(row, col);
            if reference == 0.0 {
                assert_eq!(ours[i], 0.0, "{col} at A={a} n={n} T={}", within.seconds());
            }
            worst[i].see(ours[i], reference, || {
                format!(
                    "A={a} n={n} patience={} T={}",
                    pat.seconds(),
                    within.seconds()
                )
            });
        }
        assert!(m.occupancy <= 1.0 && m.occupancy >= 0.0);
    }
    for (i, col) in COLUMNS.iter().enumerate() {
        worst[i].check(&format!("Erlang A {col}"), TOLERANCES[i]);
    }
}

/// Before: the service level fell from 677 to 678 agents at 1,000 Erlangs.
#[test]
fn deep_overload_service_level_rises_with_each_agent() {
    let q = ErlangA::from_erlangs(1000.0, secs(180.0), secs(180.0)).unwrap();
    let sl = |n| {
        q.service_level(
            n,
            secs(20.0),
            ServiceLevelDefinition::AnsweredWithinOverOffered,
        )
        .unwrap()
    };
    let mut last = sl(600);
    for n in 601..=1000 {
        let now = sl(n);
        assert!(now > last, "{n}: {now} after {last}");
        last = now;
    }
    // mpmath at 250 digits: 1.097192099594161435450984e-14 and 1.456719089034620883450636e-14.
    assert!((sl(677) / 1.097_192_099_594_161_4e-14 - 1.0).abs() < 1e-13);
    assert!((sl(678) / 1.456_719_089_034_621e-14 - 1.0).abs() < 1e-13);
}

/// Before: 1.0000000000000002 at some staffings below the load.
#[test]
fn occupancy_never_exceeds_one() {
    let aht = secs(180.0);
    for a in [3.0, 10.0, 97.3, 1000.0, 12_345.6] {
        for ratio in [1e-9, 0.01, 1.0, 30.0, 1e6] {
            let q = ErlangA::from_erlangs(a, aht, secs(180.0 * ratio)).unwrap();
            let top = (a * 1.2) as u32;
            for n in (1..=top).step_by((top / 60).max(1) as usize) {
                let occ = q.metrics(n).unwrap().occupancy;
                assert!(
                    (0.0..=1.0).contains(&occ),
                    "A={a} ratio={ratio} n={n}: {occ}"
                );
            }
        }
    }
}

/// Before: 5e-324 s was accepted, then every call failed with "NaN seconds".
#[test]
fn patience_outside_its_range_is_a_typed_error() {
    let aht = secs(180.0);
    for p in [5e-324, 1e-300, 1e-8, 180.0 * 0.9e-9, 180.0 * 1.1e15, 1e300] {
        let err = ErlangA::from_erlangs(10.0, aht, secs(p)).unwrap_err();
        assert!(
            matches!(err, Error::PatienceOutOfRange { .. }),
            "{p}: {err}"
        );
    }
    let err = ErlangA::from_erlangs(10.0, aht, secs(5e-324)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "mean patience of 5e-324 seconds is invalid with a handle time of 180 seconds: it must \
         be at least 1e-9 times the handle time"
    );
    // The ends of the range work, and the shortest patience is Erlang B's loss system: whoever
    // would wait hangs up at once.
    let short =
        ErlangA::from_erlangs(10.0, aht, secs(180.0 * ErlangA::MIN_PATIENCE_RATIO)).unwrap();
    let m = short.metrics(12).unwrap();
    let b = wfm_forecast::ErlangB::new(10.0).unwrap().blocking(12);
    assert!(
        (m.p_abandon / b - 1.0).abs() < 1e-8,
        "{} vs {b}",
        m.p_abandon
    );
    assert!((m.p_wait / b - 1.0).abs() < 1e-8);
    let long = ErlangA::from_erlangs(10.0, aht, secs(180.0 * ErlangA::MAX_PATIENCE_RATIO)).unwrap();
    assert!(long.metrics(12).unwrap().p_abandon < 1e-14);
    assert!(long.metrics(5).unwrap().p_abandon > 0.49);
}

/// Infinite patience is Erlang C, bit for bit.
#[test]
fn without_abandonment_is_erlang_c_exactly() {
    let aht = secs(180.0);
    for a in [0.5, 10.0, 123.4, 5000.0] {
        let q = ErlangA::without_abandonment(a, aht).unwrap();
        let c = ErlangC::from_erlangs(a, aht).unwrap();
        let n0 = a.floor() as u32 + 1;
        for n in [n0, n0 + 1, n0 + 7, 2 * n0 + 3] {
            let m = q.metrics(n).unwrap();
            assert_eq!(m.p_wait, c.p_wait(n).unwrap());
            assert_eq!(m.asa_answered, c.asa(n).unwrap());
            assert_eq!(m.occupancy, c.occupancy(n).unwrap());
            assert_eq!(m.p_abandon, 0.0);
            for t in [0.0, 20.0, 600.0] {
                let s = q.service_levels(n, secs(t)).unwrap();
                let sl = c.service_level(n, secs(t)).unwrap();
                assert_eq!(s.answered_within_over_offered, sl);
                assert_eq!(s.answered_within_over_answered, sl);
                assert_eq!(s.wait_ended_within_over_offered, sl);
                assert_eq!(s.p_abandon_within, 0.0);
            }
        }
        assert!(matches!(q.metrics(n0 - 1), Err(Error::UnstableQueue { .. })) || n0 == 1);
        let targets = Targets::service_level(ServiceTarget::new(0.8, secs(20.0)).unwrap())
            .and_max_occupancy(MaxOccupancy::new(0.9).unwrap())
            .and_max_abandonment(MaxProbability::new(0.01).unwrap());
        let sa = q.required_agents(&targets).unwrap();
        let sc = c.required_agents(&targets).unwrap();
        assert_eq!(sa.metrics.agents, sc.agents);
        assert_eq!(sa.service_level, sc.service_level);
    }
}

/// Before: `SeriesDidNotConverge` at a patience of 1e15 s. Now the long series are taken as
/// integrals, and the answer tends to Erlang C's.
#[test]
fn a_very_long_patience_tends_to_erlang_c() {
    let aht = secs(180.0);
    for a in [10.0, 250.0, 4000.0] {
        let c = ErlangC::from_erlangs(a, aht).unwrap();
        for p in [1e12, 1e15, 1.8e17] {
            let q = ErlangA::from_erlangs(a, aht, secs(p)).unwrap();
            for target in [
                Targets::service_level(ServiceTarget::new(0.8, secs(20.0)).unwrap()),
                Targets::service_level(ServiceTarget::new(0.95, secs(60.0)).unwrap())
                    .and_max_occupancy(MaxOccupancy::new(0.97).unwrap()),
            ] {
                let sa = q.required_agents(&target).unwrap();
                let sc = c.required_agents(&target).unwrap();
                assert_eq!(sa.metrics.agents, sc.agents, "A={a} patience={p}");
            }
            let n = a as u32 + 3;
            let (ma, sl) = (
                q.metrics(n).unwrap(),
                q.service_level(
                    n,
                    secs(20.0),
                    ServiceLevelDefinition::AnsweredWithinOverOffered,
                )
                .unwrap(),
            );
            let scale = 180.0 / p * 1e3;
            assert!((ma.p_wait / c.p_wait(n).unwrap() - 1.0).abs() < scale.max(1e-12));
            assert!((sl / c.service_level(n, secs(20.0)).unwrap() - 1.0).abs() < scale.max(1e-12));
            // Below the load, everyone waits and the excess abandons.
            let below = q.metrics(a as u32 / 2).unwrap();
            assert!(below.p_wait > 0.99 && below.p_abandon > 0.45, "{below:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The service level (answered within T over offered) never falls with an added agent,
    /// through deep overload and out of it; the other measures improve too, up to their
    /// precision (1e-12 relative): where the true steps are far below it (the share of waits
    /// ended within T in deep overload moves by less than 1e-300 per agent) they may not.
    #[test]
    fn service_level_never_falls_with_more_agents(a in 1.0f64..3000.0, ratio in 0.05f64..20.0,
                                                  t in 0.0f64..120.0, from in 0.3f64..1.2) {
        let q = ErlangA::from_erlangs(a, secs(180.0), secs(180.0 * ratio)).unwrap();
        let n0 = ((a * from) as u32).max(1);
        let mut last = q.service_levels(n0, secs(t)).unwrap();
        let mut last_m = q.metrics(n0).unwrap();
        for n in n0 + 1..n0 + 25 {
            let s = q.service_levels(n, secs(t)).unwrap();
            let m = q.metrics(n).unwrap();
            prop_assert!(s.answered_within_over_offered >= last.answered_within_over_offered,
                         "n={}: {} < {}", n, s.answered_within_over_offered, last.answered_within_over_offered);
            let ulps = 1e-12;
            prop_assert!(s.answered_within_over_answered >= last.answered_within_over_answered * (1.0 - ulps));
            prop_assert!(s.wait_ended_within_over_offered >= last.wait_ended_within_over_offered * (1.0 - ulps));
            prop_assert!(m.p_abandon <= last_m.p_abandon * (1.0 + ulps));
            prop_assert!(m.p_wait <= last_m.p_wait * (1.0 + ulps));
            last = s;
            last_m = m;
        }
    }
}
