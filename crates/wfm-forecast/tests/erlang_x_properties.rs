//! Erlang X invariants: more agents never lower the service level, more lines never raise
//! the blocking, every share lies in [0, 1] and the outcomes add up.

#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use wfm_forecast::{
    ErlangX, ErlangXMethod, Error, Lines, Redials, ServiceLevelDefinition, TimeSpan,
};

fn secs(s: f64) -> TimeSpan {
    TimeSpan::from_seconds(s).unwrap()
}

fn queue(a: f64, patience: Option<f64>, rb: f64, ra: f64, delay: f64) -> ErlangX {
    ErlangX::from_erlangs(
        a,
        secs(180.0),
        patience.map(secs),
        Redials::new(rb, ra, secs(delay)).unwrap(),
    )
    .unwrap()
}

fn method() -> impl Strategy<Value = ErlangXMethod> {
    prop::sample::select(vec![ErlangXMethod::Exact, ErlangXMethod::Fast])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10))]

    #[test]
    fn service_level_rises_with_agents(a in 0.2f64..12.0, pat in proptest::option::of(30.0f64..900.0),
                                       rb in 0.0f64..0.9, ra in 0.0f64..0.9, delay in 30.0f64..1200.0,
                                       n in 1u32..14, places in 0u32..8, t in 0.0f64..120.0,
                                       method in method()) {
        let q = queue(a, pat, rb, ra, delay);
        let lines = |n: u32| Lines::Limited(n + places);
        let sl = |n: u32| {
            q.solve(n, lines(n), method).unwrap().service_levels(secs(t)).unwrap()
                .every_attempt.get(ServiceLevelDefinition::AnsweredWithinOverOffered)
        };
        prop_assert!(sl(n + 1) >= sl(n) - 1e-12);
    }

    #[test]
    fn blocking_falls_with_lines(a in 0.2f64..12.0, pat in proptest::option::of(30.0f64..900.0),
                                 rb in 0.0f64..0.9, ra in 0.0f64..0.9, delay in 30.0f64..1200.0,
                                 n in 1u32..12, places in 0u32..8, method in method()) {
        let q = queue(a, pat, rb, ra, delay);
        let b = |l: u32| q.solve(n, Lines::Limited(l), method).unwrap().metrics().every_attempt.p_blocked;
        prop_assert!(b(n + places + 1) <= b(n + places) + 1e-12);
    }

    #[test]
    fn shares_are_probabilities_and_add_up(a in 0.05f64..10.0, pat in proptest::option::of(10.0f64..2000.0),
                                          rb in 0.0f64..0.9, ra in 0.0f64..0.9, delay in 10.0f64..900.0,
                                          n in 1u32..12, places in proptest::option::of(0u32..10),
                                          t in 0.0f64..300.0, method in method()) {
        let q = queue(a, pat, rb, ra, delay);
        let lines = places.map_or(Lines::Unlimited, |p| Lines::Limited(n + p));
        let s = match q.solve(n, lines, method) {
            Ok(s) => s,
            // An unstable Erlang C queue, or (exact chain) a queue and orbit too long for the
            // documented bound on the chain's size: refused with a typed error.
            Err(Error::UnstableQueue { .. }) => {
                prop_assert!(pat.is_none() && places.is_none() && a >= f64::from(n));
                return Ok(());
            }
            Err(Error::CountTooLarge { .. }) => {
                prop_assert_eq!(method, ErlangXMethod::Exact);
                return Ok(());
            }
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        };
        let m = *s.metrics();
        let sl = s.service_levels(secs(t)).unwrap();
        for o in [m.first_attempt, m.every_attempt] {
            for x in [o.p_blocked, o.p_wait, o.p_abandon, o.p_answered] {
                prop_assert!((0.0..=1.0).contains(&x), "{x}");
            }
            prop_assert!((o.p_blocked + o.p_abandon + o.p_answered - 1.0).abs() < 1e-9);
        }
        for l in [sl.first_attempt, sl.every_attempt] {
            for d in [ServiceLevelDefinition::AnsweredWithinOverOffered,
                      ServiceLevelDefinition::AnsweredWithinOverAnswered,
                      ServiceLevelDefinition::AnsweredWithinOverOfferedLessShortAbandons,
                      ServiceLevelDefinition::WaitEndedWithinOverOffered] {
                let x = l.get(d);
                prop_assert!((0.0..=1.0).contains(&x), "{d:?} {x}");
            }
        }
        prop_assert!((0.0..=1.0).contains(&m.occupancy));
        prop_assert!(m.redials_per_first_attempt >= 0.0 && m.mean_orbit >= 0.0);
        let c = m.callers;
        prop_assert!((c.answered + c.lost_blocked + c.lost_abandoned - 1.0).abs() < 1e-8,
                     "{c:?}");
    }
}

/// Found by fuzzing: 0.1 Erlangs on 10 agents without abandonment gave a service level of
/// 1 + 2⁻⁵² (the sum of a distribution's parts, rounded up).
#[test]
fn service_level_of_a_nearly_idle_queue_is_at_most_one() {
    let q = ErlangX::from_erlangs(0.1, secs(182.0), None, Redials::NONE).unwrap();
    for method in [ErlangXMethod::Exact, ErlangXMethod::Fast] {
        let s = q.solve(10, Lines::Unlimited, method).unwrap();
        let l = s.service_levels(secs(20.0)).unwrap();
        for v in [l.first_attempt, l.every_attempt] {
            assert!(v.answered_within_over_offered <= 1.0);
            assert!(v.answered_within_over_answered <= 1.0);
        }
    }
}
