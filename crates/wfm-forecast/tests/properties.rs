//! Property tests: monotonicity in agents, minimality of every search, Erlang A → Erlang C as
//! patience grows, exact shrinkage round trips. Case counts keep the suite to seconds.

#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use wfm_forecast::{
    AsaTarget, ErlangA, ErlangB, ErlangC, MaxOccupancy, MaxProbability, ServiceLevelDefinition,
    ServiceTarget, Shrinkage, Targets, TimeSpan,
};

fn secs(s: f64) -> TimeSpan {
    TimeSpan::from_seconds(s).unwrap()
}

fn stable_floor(a: f64) -> u32 {
    // Test loads stay far below u32::MAX.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let n = a.floor() as u32;
    n + 1
}

fn definition() -> impl Strategy<Value = ServiceLevelDefinition> {
    prop_oneof![
        Just(ServiceLevelDefinition::AnsweredWithinOverOffered),
        Just(ServiceLevelDefinition::AnsweredWithinOverAnswered),
        Just(ServiceLevelDefinition::AnsweredWithinOverOfferedLessShortAbandons),
        Just(ServiceLevelDefinition::WaitEndedWithinOverOffered),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn erlang_c_improves_with_every_agent(a in 0.01f64..3000.0, extra in 0u32..60,
                                          aht in 10.0f64..1200.0, t in 0.0f64..300.0) {
        let q = ErlangC::from_erlangs(a, secs(aht)).unwrap();
        let n = stable_floor(a) + extra;
        let m0 = q.metrics(n, secs(t)).unwrap();
        let m1 = q.metrics(n + 1, secs(t)).unwrap();
        prop_assert!(m1.service_level >= m0.service_level);
        prop_assert!(m1.asa <= m0.asa);
        prop_assert!(m1.p_wait <= m0.p_wait);
        prop_assert!(m1.occupancy < m0.occupancy);
        for v in [m0.p_wait, m0.service_level, m0.occupancy] {
            prop_assert!((0.0..=1.0).contains(&v));
        }
    }

    #[test]
    fn erlang_c_required_agents_are_minimal(a in 0.01f64..5000.0, share in 0.01f64..0.99,
                                            t in 0.0f64..120.0, aht in 20.0f64..900.0,
                                            asa in proptest::option::of(1.0f64..120.0),
                                            occ in proptest::option::of(0.5f64..1.0)) {
        let q = ErlangC::from_erlangs(a, secs(aht)).unwrap();
        let within = secs(t);
        let mut targets = Targets::service_level(ServiceTarget::new(share, within).unwrap());
        if let Some(asa) = asa { targets = targets.and_asa(AsaTarget::new(secs(asa)).unwrap()); }
        if let Some(occ) = occ { targets = targets.and_max_occupancy(MaxOccupancy::new(occ).unwrap()); }
        let s = q.required_agents(&targets).unwrap();
        let meets = |n: u32| -> bool {
            match q.metrics(n, within) {
                Err(_) => false,
                Ok(m) => m.service_level >= share
                    && asa.is_none_or(|x| m.asa.seconds() <= x)
                    && occ.is_none_or(|x| m.occupancy <= x),
            }
        };
        prop_assert!(meets(s.agents));
        prop_assert!(!meets(s.agents - 1), "one fewer ({}) also meets", s.agents - 1);
        let m = q.metrics(s.agents, within).unwrap();
        prop_assert_eq!(s.service_level, Some(m.service_level));
        prop_assert_eq!(s.asa, m.asa);
    }

    #[test]
    fn erlang_b_blocking_falls_and_lines_are_minimal(a in 0.01f64..5000.0, p in 0.0001f64..0.5) {
        let b = ErlangB::new(a).unwrap();
        let n = b.lines_needed(MaxProbability::new(p).unwrap()).unwrap();
        prop_assert!(b.blocking(n) <= p);
        prop_assert!(n == 0 || b.blocking(n - 1) > p);
        prop_assert!(b.blocking(n + 1) <= b.blocking(n));
    }

    #[test]
    fn shrinkage_round_trip_never_loses_an_agent(ppm in 0u32..1_000_000, n in 0u32..1_000_000) {
        let s = Shrinkage::from_fraction(f64::from(ppm) / 1e6).unwrap();
        prop_assert_eq!(s.parts_per_million(), ppm);
        let scheduled = s.scheduled(n);
        prop_assert!(s.productive(scheduled) >= u64::from(n));
        prop_assert!(scheduled == 0 || s.productive(scheduled - 1) < u64::from(n));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    #[test]
    fn erlang_a_improves_with_every_agent(a in 0.05f64..500.0, n in 1u32..600,
                                          aht in 30.0f64..600.0, patience in 5.0f64..1200.0,
                                          t in 0.0f64..120.0) {
        let q = ErlangA::from_erlangs(a, secs(aht), secs(patience)).unwrap();
        let (m0, m1) = (q.metrics(n).unwrap(), q.metrics(n + 1).unwrap());
        let (s0, s1) = (q.service_levels(n, secs(t)).unwrap(), q.service_levels(n + 1, secs(t)).unwrap());
        let tol = 1e-12;
        prop_assert!(m1.p_wait <= m0.p_wait + tol);
        prop_assert!(m1.p_abandon <= m0.p_abandon + tol);
        prop_assert!(m1.asa_answered.seconds() <= m0.asa_answered.seconds() * (1.0 + tol));
        prop_assert!(m1.occupancy <= m0.occupancy + tol);
        prop_assert!(s1.answered_within_over_offered >= s0.answered_within_over_offered - tol);
        prop_assert!(s1.answered_within_over_answered >= s0.answered_within_over_answered - tol);
        for v in [m0.p_wait, m0.p_abandon, m0.occupancy, s0.answered_within_over_offered,
                  s0.answered_within_over_answered, s0.wait_ended_within_over_offered,
                  s0.answered_within_over_offered_less_short_abandons] {
            prop_assert!((-1e-15..=1.0 + 1e-15).contains(&v), "{v}");
        }
    }

    #[test]
    fn erlang_a_required_agents_are_minimal(a in 0.05f64..800.0, share in 0.05f64..0.95,
                                            t in 0.0f64..60.0, patience in 10.0f64..900.0,
                                            def in definition(),
                                            ab in proptest::option::of(0.01f64..0.3),
                                            occ in proptest::option::of(0.6f64..1.0)) {
        let aht = secs(180.0);
        let q = ErlangA::from_erlangs(a, aht, secs(patience)).unwrap();
        let within = secs(t);
        let target = ServiceTarget::new(share, within).unwrap().with_definition(def);
        let mut targets = Targets::service_level(target);
        if let Some(p) = ab { targets = targets.and_max_abandonment(MaxProbability::new(p).unwrap()); }
        if let Some(o) = occ { targets = targets.and_max_occupancy(MaxOccupancy::new(o).unwrap()); }
        let s = q.required_agents(&targets).unwrap();
        let meets = |n: u32| -> bool {
            if n == 0 { return false; }
            let m = q.metrics(n).unwrap();
            q.service_level(n, within, def).unwrap() >= share
                && ab.is_none_or(|p| m.p_abandon <= p)
                && occ.is_none_or(|o| m.occupancy <= o)
        };
        let n = s.metrics.agents;
        prop_assert!(meets(n));
        prop_assert!(!meets(n - 1), "one fewer ({}) also meets", n - 1);
        prop_assert_eq!(s.metrics, q.metrics(n).unwrap());
    }

    #[test]
    fn erlang_a_tends_to_erlang_c_as_patience_grows(a in 0.05f64..300.0, extra in 1u32..20,
                                                    t in 0.0f64..60.0) {
        // At least one agent above the load (at n = A + 0.17 the Erlang C ASA is ~1,000 s and
        // the gap closes only like ASA²/patience).
        let aht = secs(180.0);
        let n = stable_floor(a) + extra;
        let c = ErlangC::from_erlangs(a, aht).unwrap().metrics(n, secs(t)).unwrap();
        let mut previous = f64::INFINITY;
        for patience in [1e4, 1e6, 1e8, 1e10] {
            let q = ErlangA::from_erlangs(a, aht, secs(patience)).unwrap();
            let m = q.metrics(n).unwrap();
            let sl = q.service_levels(n, secs(t)).unwrap().answered_within_over_offered;
            let gap = (m.p_wait - c.p_wait).abs()
                .max((sl - c.service_level).abs())
                .max((m.asa_answered.seconds() - c.asa.seconds()).abs() / aht.seconds());
            prop_assert!(gap <= previous * 1.0001 + 1e-12, "gap {gap} grew from {previous}");
            previous = gap;
        }
        // The gap shrinks like 1/patience.
        prop_assert!(previous < 1e-4, "gap at patience 1e10 s: {previous}");
    }
}
