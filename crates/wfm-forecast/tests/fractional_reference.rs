//! Fractional agents (continuous Erlang B and C) against mpmath at 40 digits
//! (tests/data/erlang_fractional_mpmath.csv, written by `benches/wfm_fractional_reference.py`),
//! the research note's value for pyworkforce issue #41, and the invariants of the extension.

#![allow(clippy::unwrap_used)]

mod common;

use common::{f, load, rel};
use proptest::prelude::*;
use wfm_forecast::{
    AsaTarget, ErlangB, ErlangC, Error, MaxOccupancy, ServiceTarget, Targets, TimeSpan,
};

fn s(x: f64) -> TimeSpan {
    TimeSpan::from_seconds(x).unwrap()
}

#[test]
fn metrics_match_mpmath_to_1e_12() {
    let table = load("erlang_fractional_mpmath.csv");
    let mut checked = 0;
    for row in &table.rows {
        let (a, x) = (f(row, "erlangs"), f(row, "agents"));
        match row["kind"].as_str() {
            "blocking" => {
                let ours = ErlangB::new(a).unwrap().blocking_fractional(x).unwrap();
                let reference = f(row, "blocking");
                assert!(
                    rel(ours, reference) < 1e-12,
                    "B({x}, {a}): {ours} vs {reference}"
                );
                checked += 1;
            }
            "metrics" => {
                let (h, t) = (f(row, "h"), f(row, "t"));
                let b = ErlangB::new(a).unwrap().blocking_fractional(x).unwrap();
                let q = ErlangC::from_erlangs(a, s(h)).unwrap();
                let m = q.fractional_metrics(x, s(t)).unwrap();
                for (name, ours, reference, tol) in [
                    ("blocking", b, f(row, "blocking"), 1e-12),
                    ("p_wait", m.p_wait, f(row, "p_wait"), 1e-12),
                    (
                        "service_level",
                        m.service_level.unwrap(),
                        f(row, "service_level"),
                        1e-12,
                    ),
                    ("asa", m.asa.seconds(), f(row, "asa"), 1e-12),
                ] {
                    assert!(
                        rel(ours, reference) < tol,
                        "{name} at A={a}, x={x}: {ours} vs {reference}"
                    );
                }
                assert_eq!(m.occupancy, a / x);
                checked += 1;
            }
            _ => {}
        }
    }
    assert_eq!(checked, 9 * 7 + 18);
}

#[test]
fn required_fractional_agents_match_mpmath_roots_to_1e_11() {
    let table = load("erlang_fractional_mpmath.csv");
    let mut checked = 0;
    for row in &table.rows {
        let kind = row["kind"].as_str();
        if !kind.starts_with("required") {
            continue;
        }
        let (a, h, t, target) = (
            f(row, "erlangs"),
            f(row, "h"),
            f(row, "t"),
            f(row, "target"),
        );
        let q = ErlangC::from_erlangs(a, s(h)).unwrap();
        let targets = if kind == "required_sl" {
            Targets::service_level(ServiceTarget::new(target, s(t)).unwrap())
        } else {
            Targets::asa(AsaTarget::new(s(target)).unwrap())
        };
        let ours = q.fractional_required_agents(&targets).unwrap();
        let reference = f(row, "agents");
        assert!(
            (ours.agents - reference).abs() < 1e-11 * reference.max(1.0),
            "{kind} {target} at A={a}: {} vs {reference}",
            ours.agents
        );
        // The answer meets its target, and sits between the whole-number answer and one less.
        let whole = q.required_agents(&targets).unwrap().agents;
        assert!(ours.agents <= f64::from(whole) && ours.agents > f64::from(whole) - 1.0);
        if kind == "required_sl" {
            assert!(ours.service_level.unwrap() >= target);
        } else {
            assert!(ours.asa.seconds() <= target);
        }
        checked += 1;
    }
    assert_eq!(checked, 25);
}

#[test]
fn pyworkforce_issue_41_case() {
    // 100 calls per half hour, AHT 3 min (A = 10), 80 % within 20 s: 14 whole agents, 13.0372
    // fractional (research note wfm.md, continuous Erlang B with mpmath: 13.0372064664); with
    // max occupancy 85 % the occupancy ceiling (10/0.85 = 11.76) does not bind.
    let q = ErlangC::from_erlangs(10.0, s(180.0)).unwrap();
    let sl = ServiceTarget::new(0.8, s(20.0)).unwrap();
    let t = Targets::service_level(sl).and_max_occupancy(MaxOccupancy::new(0.85).unwrap());
    let x = q.fractional_required_agents(&t).unwrap();
    assert!((x.agents - 13.037_206_466_407_79).abs() < 1e-11);
    // With a tight occupancy ceiling, A/ρ binds exactly.
    let t = Targets::service_level(sl).and_max_occupancy(MaxOccupancy::new(0.7).unwrap());
    let x = q.fractional_required_agents(&t).unwrap();
    assert!((x.agents - 10.0 / 0.7).abs() < 1e-12);
    assert!(x.occupancy <= 0.7);
    // SL(12.5) = 0.727493409527 (the same note).
    let m = q.fractional_metrics(12.5, s(20.0)).unwrap();
    assert!((m.service_level.unwrap() - 0.727_493_409_527).abs() < 1e-12);
}

#[test]
fn bad_agent_counts_are_typed_errors() {
    let b = ErlangB::new(10.0).unwrap();
    for bad in [f64::NAN, f64::INFINITY, -0.5, 1e15, 10_000_000.5] {
        assert!(matches!(
            b.blocking_fractional(bad),
            Err(Error::InvalidAgents { .. })
        ));
    }
    // Far more lines than Erlangs: B underflows to 0 and the recurrence stops early.
    assert_eq!(b.blocking_fractional(9_999_999.5).unwrap(), 0.0);
    // Nothing binds above the load: every staffing above 10 Erlangs qualifies, none is fewest.
    let q = ErlangC::from_erlangs(10.0, s(180.0)).unwrap();
    let abandon_only =
        Targets::max_abandonment_only(wfm_forecast::MaxProbability::new(0.1).unwrap());
    assert!(matches!(
        q.fractional_required_agents(&abandon_only),
        Err(Error::NoFractionalMinimum { .. })
    ));
    // An occupancy ceiling below 1 binds: A/ρ.
    let occ = abandon_only.and_max_occupancy(MaxOccupancy::new(0.8).unwrap());
    assert!((q.fractional_required_agents(&occ).unwrap().agents - 12.5).abs() < 1e-12);
    assert_eq!(b.blocking_fractional(0.0).unwrap(), 1.0);
    let q = ErlangC::from_erlangs(10.0, s(180.0)).unwrap();
    assert!(matches!(
        q.fractional_metrics(0.0, s(20.0)),
        Err(Error::InvalidAgents { .. })
    ));
    assert!(matches!(
        q.fractional_metrics(10.0, s(20.0)),
        Err(Error::UnstableQueue { agents: 10, .. })
    ));
    assert!(matches!(
        q.fractional_metrics(9.99, s(20.0)),
        Err(Error::UnstableQueue { agents: 9, .. })
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn fractional_erlang_b_interpolates_monotonically(a in 0.05f64..3000.0, n in 0u32..3000, f1 in 0.0f64..1.0, f2 in 0.0f64..1.0) {
        let b = ErlangB::new(a).unwrap();
        let (lo, hi) = (f1.min(f2), f1.max(f2));
        let (x1, x2) = (f64::from(n) + lo, f64::from(n) + hi);
        let (b1, b2) = (b.blocking_fractional(x1).unwrap(), b.blocking_fractional(x2).unwrap());
        prop_assert!(b2 <= b1 * (1.0 + 1e-12), "B({}) = {} < B({}) = {}", x1, b1, x2, b2);
        prop_assert!(b1 <= b.blocking(n) * (1.0 + 1e-12));
        prop_assert!(b2 >= b.blocking(n + 1) * (1.0 - 1e-12));
    }

    #[test]
    fn fractional_service_level_rises_and_required_agents_are_tight(
        a in 0.1f64..2000.0, share in 0.3f64..0.97, t in 5.0f64..60.0, extra in 0.01f64..0.99,
    ) {
        let q = ErlangC::from_erlangs(a, s(180.0)).unwrap();
        let target = ServiceTarget::new(share, s(t)).unwrap();
        let x = q.fractional_required_agents(&Targets::service_level(target)).unwrap();
        prop_assert!(x.service_level.unwrap() >= share);
        // A hair fewer agents miss the target (the root is found to 1e-13 relative).
        let below = x.agents - 1e-8 * x.agents.max(1.0);
        if below > a {
            let m = q.fractional_metrics(below, s(t)).unwrap();
            prop_assert!(m.service_level.unwrap() < share);
        }
        // Adding agents raises the service level and lowers the ASA.
        let more = q.fractional_metrics(x.agents + extra, s(t)).unwrap();
        prop_assert!(more.service_level.unwrap() >= x.service_level.unwrap());
        prop_assert!(more.asa.seconds() <= x.asa.seconds());
    }
}
