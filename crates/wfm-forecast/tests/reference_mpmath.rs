//! Erlang B, C and A against mpmath at 50 digits (tables in `tests/data/`, written by
//! `benches/wfm_reference.py`). The tolerances are the precision the crate documents.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Worst, f, load, opt, u};
use wfm_forecast::{
    AsaTarget, ErlangA, ErlangB, ErlangC, MaxOccupancy, MaxProbability, ServiceLevelDefinition,
    ServiceTarget, Targets, TimeSpan,
};

/// Documented relative precision of Erlang B and C values (blocking, P(wait), SL, ASA).
const ERLANG_BC: f64 = 1e-12;
/// Documented relative precision of Erlang A values.
const ERLANG_A: f64 = 1e-10;

fn secs(s: f64) -> TimeSpan {
    TimeSpan::from_seconds(s).unwrap()
}

#[test]
fn erlang_b_matches_mpmath_from_0_01_to_100000_erlangs() {
    let t = load("erlang_b_mpmath.csv");
    let mut worst = Worst::default();
    for row in &t.rows {
        let (a, n) = (f(row, "erlangs"), u(row, "lines"));
        let ours = ErlangB::new(a).unwrap().blocking(n);
        worst.see(ours, f(row, "blocking"), || format!("A={a} n={n}"));
    }
    assert!(t.rows.len() > 100);
    worst.check("Erlang B blocking", ERLANG_BC);
}

#[test]
fn erlang_b_lines_needed_match_mpmath() {
    for row in &load("erlang_b_lines_mpmath.csv").rows {
        let b = ErlangB::new(f(row, "erlangs")).unwrap();
        let target = MaxProbability::new(f(row, "max_blocking")).unwrap();
        assert_eq!(b.lines_needed(target).unwrap(), u(row, "lines"), "{row:?}");
    }
}

#[test]
fn erlang_c_matches_mpmath_from_0_01_to_100000_erlangs() {
    let t = load("erlang_c_mpmath.csv");
    let (mut pw, mut sl, mut asa, mut occ) = Default::default();
    for row in &t.rows {
        let (a, n) = (f(row, "erlangs"), u(row, "agents"));
        let q = ErlangC::from_erlangs(a, secs(f(row, "aht_s"))).unwrap();
        let m = q.metrics(n, secs(f(row, "t_s"))).unwrap();
        let at = || format!("A={a} n={n} t={}", f(row, "t_s"));
        Worst::see(&mut pw, m.p_wait, f(row, "p_wait"), at);
        Worst::see(&mut sl, m.service_level, f(row, "service_level"), at);
        Worst::see(&mut asa, m.asa.seconds(), f(row, "asa_s"), at);
        Worst::see(&mut occ, m.occupancy, f(row, "occupancy"), at);
    }
    assert!(t.rows.len() > 200);
    pw.check("Erlang C P(wait)", ERLANG_BC);
    sl.check("Erlang C service level", ERLANG_BC);
    asa.check("Erlang C ASA", ERLANG_BC);
    occ.check("Erlang C occupancy", 1e-15);
}

#[test]
fn erlang_c_required_agents_match_mpmath_scan() {
    for row in &load("erlang_c_required_mpmath.csv").rows {
        let q = ErlangC::from_erlangs(f(row, "erlangs"), secs(f(row, "aht_s"))).unwrap();
        let sl = ServiceTarget::new(f(row, "sl_target"), secs(f(row, "t_s"))).unwrap();
        let mut targets = Targets::service_level(sl);
        if let Some(asa) = opt(row, "asa_max_s") {
            targets = targets.and_asa(AsaTarget::new(secs(asa)).unwrap());
        }
        if let Some(occ) = opt(row, "occupancy_max") {
            targets = targets.and_max_occupancy(MaxOccupancy::new(occ).unwrap());
        }
        let s = q.required_agents(&targets).unwrap();
        assert_eq!(s.agents, u(row, "agents"), "{row:?}");
        let reference_sl = f(row, "service_level_at_agents");
        assert!(common::rel(s.service_level.unwrap(), reference_sl) < ERLANG_BC);
    }
}

const EA_COLUMNS: [&str; 9] = [
    "p_wait",
    "p_abandon",
    "sl_offered",
    "sl_answered",
    "sl_less_short_abandons",
    "wait_ended_within",
    "asa_answered_s",
    "mean_wait_all_s",
    "occupancy",
];

#[test]
fn erlang_a_matches_mpmath_closed_forms() {
    let t = load("erlang_a_mpmath.csv");
    let mut worst: Vec<Worst> = EA_COLUMNS.iter().map(|_| Worst::default()).collect();
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
            s.answered_within_over_answered,
            s.answered_within_over_offered_less_short_abandons,
            s.wait_ended_within_over_offered,
            m.asa_answered.seconds(),
            m.mean_wait_all.seconds(),
            m.occupancy,
        ];
        for (i, col) in EA_COLUMNS.iter().enumerate() {
            worst[i].see(ours[i], f(row, col), || {
                format!(
                    "A={a} n={n} patience={} t={}",
                    pat.seconds(),
                    within.seconds()
                )
            });
        }
        // The named definitions pick the right fields.
        assert_eq!(
            q.service_level(
                n,
                within,
                ServiceLevelDefinition::AnsweredWithinOverAnswered
            )
            .unwrap(),
            s.answered_within_over_answered
        );
    }
    for (i, col) in EA_COLUMNS.iter().enumerate() {
        worst[i].check(&format!("Erlang A {col}"), ERLANG_A);
    }
}

#[test]
fn erlang_a_required_agents_match_mpmath_scan() {
    for row in &load("erlang_a_required_mpmath.csv").rows {
        let q = ErlangA::from_erlangs(
            f(row, "erlangs"),
            secs(f(row, "aht_s")),
            secs(f(row, "patience_s")),
        )
        .unwrap();
        let sl = ServiceTarget::new(f(row, "sl_offered_target"), secs(f(row, "t_s"))).unwrap();
        let mut targets = Targets::service_level(sl);
        if let Some(occ) = opt(row, "occupancy_max") {
            targets = targets.and_max_occupancy(MaxOccupancy::new(occ).unwrap());
        }
        if let Some(ab) = opt(row, "abandon_max") {
            targets = targets.and_max_abandonment(MaxProbability::new(ab).unwrap());
        }
        let s = q.required_agents(&targets).unwrap();
        assert_eq!(s.metrics.agents, u(row, "agents"), "{row:?}");
    }
}
