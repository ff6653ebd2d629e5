//! Call blending ([`wfm_forecast::Blend`]) stays fast where the inbound queue's tail is long:
//! very short inbound calls against long outbound ones with no reserve, where states with
//! every agent on an outbound call let the queue grow for minutes. Each evaluation does
//! bounded work (see `Blend::MAX_STATE_STEPS`), and loads beyond the bound are refused at once
//! with a typed error.

use std::time::{Duration, Instant};
use wfm_forecast::{Blend, Error, ServiceTarget, Targets, TimeSpan};

fn secs(s: f64) -> TimeSpan {
    TimeSpan::from_seconds(s).expect("valid span")
}

fn blend(erlangs: f64, aht: f64, out_aht: f64, patience: Option<f64>) -> Blend {
    let b = Blend::from_erlangs(erlangs, secs(aht), secs(out_aht)).expect("valid blend");
    match patience {
        Some(p) => b.with_patience(secs(p)).expect("valid patience"),
        None => b,
    }
}

fn close(got: f64, want: f64, rel: f64, what: &str) {
    assert!(
        (got - want).abs() <= rel * want.abs(),
        "{what}: got {got:e}, want {want:e}"
    );
}

/// Generous for a debug build on a busy machine; before the bound, the first case alone took
/// 2.6 s in a release build (about 50 s under the fuzzer).
const BUDGET: Duration = Duration::from_secs(20);

/// 13 Erlangs of 2-second calls, 6-minute outbound calls, 36 agents, 80 % within 20 s.
#[test]
fn short_inbound_long_outbound_search_is_fast() {
    let b = blend(13.0, 2.004, 360.0, None);
    let t = secs(20.0);
    let target = Targets::service_level(ServiceTarget::new(0.8, t).expect("valid"));
    let start = Instant::now();
    let m = b
        .best_reserve(36, &target)
        .expect("evaluates")
        .expect("36 agents can meet 80/20");
    let took = start.elapsed();
    assert!(took < BUDGET, "best_reserve took {took:?}");
    assert_eq!(m.reserve, 1);
    // Service levels computed by this crate's uniformisation over every queue position (before
    // positions that cannot be answered within the answer time were left out), release build.
    close(
        m.service_levels.answered_within_over_offered,
        0.809_151_064_414_707_4,
        1e-12,
        "k = 1",
    );
    let none = b.metrics(36, 0, t).expect("evaluates");
    close(
        none.service_levels.answered_within_over_offered,
        0.782_460_865_004_312_4,
        1e-12,
        "k = 0",
    );
}

/// Siblings of that case: the longest outbound calls allowed, callers who hang up, and more
/// agents; all with no reserve.
#[test]
fn siblings_are_fast_and_unchanged() {
    // (Erlangs, inbound s, outbound s, patience s, agents, answer time s,
    //  service level, abandoned within the answer time), the values as above.
    let cases = [
        (
            13.0,
            2.0,
            2000.0,
            None,
            20,
            20.0,
            0.093_067_626_966_091_2,
            0.0,
        ),
        (
            13.0,
            2.0,
            360.0,
            Some(30.0),
            36,
            20.0,
            0.843_716_938_672_894_1,
            0.153_105_251_192_313_7,
        ),
    ];
    for (erlangs, aht, out, patience, n, within, sl, aband) in cases {
        let b = blend(erlangs, aht, out, patience);
        let start = Instant::now();
        let m = b.metrics(n, 0, secs(within)).expect("evaluates");
        let took = start.elapsed();
        assert!(took < BUDGET, "{n} agents took {took:?}");
        close(
            m.service_levels.answered_within_over_offered,
            sl,
            1e-12,
            "service level",
        );
        close(
            m.service_levels.p_abandon_within,
            aband,
            1e-12,
            "abandoned within",
        );
    }
    // More agents and a shorter answer time: every reserve, answered in bounded time.
    let b = blend(60.0, 2.0, 360.0, None);
    let start = Instant::now();
    let mut last = 0.0;
    for k in [0, 5, 80] {
        let m = b.metrics(80, k, secs(5.0)).expect("evaluates");
        let sl = m.service_levels.answered_within_over_offered;
        assert!(
            sl >= last - 1e-12,
            "service level falls from {last} to {sl} at k = {k}"
        );
        last = sl;
    }
    let took = start.elapsed();
    assert!(took < BUDGET, "80 agents took {took:?}");
}

/// An answer time so long that the service-level computation would exceed its bound is
/// refused at once, naming the count.
#[test]
fn beyond_the_bound_is_refused_quickly() {
    let b = blend(13.0, 2.0, 360.0, None);
    let start = Instant::now();
    let r = b.metrics(36, 0, secs(86_400.0));
    let took = start.elapsed();
    assert!(took < Duration::from_secs(5), "refusal took {took:?}");
    match r {
        Err(Error::CountTooLarge { value, max, .. }) => {
            assert_eq!(max, Blend::MAX_STATE_STEPS);
            assert!(value > max);
        }
        other => panic!("expected CountTooLarge, got {other:?}"),
    }
}

/// Without patience, a load within a hair of the agents needs a queue longer than
/// `Blend::MAX_QUEUE`: refused with a typed error after a bounded solve.
#[test]
fn near_critical_load_is_refused_quickly() {
    let b = blend(17.992_779_103_803_674, 180.0, 36.0, None);
    let start = Instant::now();
    let r = b.metrics(18, 0, secs(0.0));
    let took = start.elapsed();
    assert!(took < BUDGET, "refusal took {took:?}");
    match r {
        Err(Error::CountTooLarge { max, .. }) => assert_eq!(max, u64::from(Blend::MAX_QUEUE)),
        other => panic!("expected CountTooLarge, got {other:?}"),
    }
}
