//! Call blending ([`wfm_forecast::Blend`]): special cases derived by hand, reference values from
//! an independent implementation, conservation laws, the search, errors and properties.

use proptest::prelude::*;
use wfm_forecast::{
    Blend, ErlangA, ErlangC, Error, MaxProbability, ServiceLevelDefinition, ServiceTarget, Targets,
    TimeSpan, Volume,
};

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
    let tol = rel * want.abs().max(1e-300);
    assert!(
        (got - want).abs() <= tol,
        "{what}: got {got:e}, want {want:e}, |diff| {:e} > {tol:e}",
        (got - want).abs()
    );
}

/// Keeping every agent in reserve leaves no outbound work: Erlang C exactly.
#[test]
fn all_in_reserve_is_erlang_c() {
    let b = blend(13.0, 240.0, 360.0, None);
    let c = ErlangC::from_erlangs(13.0, secs(240.0)).expect("valid");
    for n in [14_u32, 15, 16, 20, 30] {
        for t in [0.0, 20.0, 300.0] {
            let m = b.metrics(n, n, secs(t)).expect("stable");
            let e = c.metrics(n, secs(t)).expect("stable");
            close(m.p_wait, e.p_wait, 1e-12, "p_wait");
            close(
                m.service_levels.answered_within_over_offered,
                e.service_level,
                1e-12,
                "SL",
            );
            close(m.asa_answered.seconds(), e.asa.seconds(), 1e-11, "ASA");
            close(m.inbound_occupancy, e.occupancy, 1e-13, "occupancy");
            assert_eq!((m.outbound_occupancy, m.outbound_per_hour), (0.0, 0.0));
        }
    }
}

/// With patience, keeping every agent in reserve is Erlang A exactly, under every
/// service-level definition.
#[test]
fn all_in_reserve_with_patience_is_erlang_a() {
    let b = blend(13.0, 240.0, 360.0, Some(120.0));
    let a = ErlangA::from_erlangs(13.0, secs(240.0), secs(120.0)).expect("valid");
    for n in [8_u32, 13, 14, 18] {
        let t = secs(20.0);
        let m = b.metrics(n, n, t).expect("valid");
        let e = a.metrics(n).expect("valid");
        let s = a.service_levels(n, t).expect("valid");
        close(m.p_wait, e.p_wait, 1e-12, "p_wait");
        close(m.p_abandon, e.p_abandon, 1e-11, "p_abandon");
        close(
            m.asa_answered.seconds(),
            e.asa_answered.seconds(),
            1e-11,
            "ASA",
        );
        close(
            m.mean_wait_all.seconds(),
            e.mean_wait_all.seconds(),
            1e-11,
            "mean wait",
        );
        for d in [
            ServiceLevelDefinition::AnsweredWithinOverOffered,
            ServiceLevelDefinition::AnsweredWithinOverAnswered,
            ServiceLevelDefinition::AnsweredWithinOverOfferedLessShortAbandons,
            ServiceLevelDefinition::WaitEndedWithinOverOffered,
        ] {
            close(m.service_level(d), s.get(d), 1e-11, "service level");
        }
        close(
            m.service_levels.p_abandon_within,
            s.p_abandon_within,
            1e-10,
            "abandon within",
        );
    }
}

/// With equal inbound and outbound handle times every busy agent frees at rate μ whatever
/// the call, so the number busy-or-waiting `y` is a birth–death chain: Erlang C with the
/// states below `n − k` removed. Hence, with `a_y = A^y/y!` for `y ≤ n`,
/// `P(wait) = (a_n/(1 − ρ)) / (Σ_{y=n−k}^{n−1} a_y + a_n/(1 − ρ))`, a waiting caller waits
/// `Exp(nμ − λ)` as in Erlang C, and outbound calls complete at `μ·(E[min(y, n)] − A)`.
#[test]
fn equal_handle_times_match_the_hand_formula() {
    let (a, h) = (13.0_f64, 240.0);
    let b = blend(a, h, h, None);
    for n in [14_u32, 16, 22] {
        let nf = f64::from(n);
        let rho = a / nf;
        for k in 0..=n.min(6) {
            // Weights a_y relative to a_{n−k}.
            let lo = n - k;
            let mut w = 1.0;
            let mut below = 0.0;
            let mut busy = 0.0;
            for y in lo..n {
                below += w;
                busy += w * f64::from(y);
                w *= a / f64::from(y + 1);
            }
            let at_n = w / (1.0 - rho);
            let total = below + at_n;
            let p_wait = at_n / total;
            let mean_busy = (busy + nf * at_n) / total;
            let t = 20.0;
            let sl = 1.0 - p_wait * (-(nf - a) * t / h).exp();
            let m = b.metrics(n, k, secs(t)).expect("stable");
            close(m.p_wait, p_wait, 1e-12, "p_wait");
            close(
                m.service_levels.answered_within_over_offered,
                sl,
                1e-11,
                "SL",
            );
            let out = (mean_busy - a) / h * 3600.0;
            close(m.outbound_per_hour, out, 1e-10, "outbound per hour");
            // ASA = P(wait)·h/(n − A), as in Erlang C.
            close(
                m.asa_answered.seconds(),
                p_wait * h / (nf - a),
                1e-10,
                "ASA",
            );
        }
    }
}

/// With no reserve nobody is ever idle, so without abandonment the outbound calls take
/// exactly the agents inbound calls leave: `μ_out·(n − A)`.
#[test]
fn no_reserve_keeps_everyone_busy() {
    let b = blend(13.0, 240.0, 360.0, None);
    for n in [14_u32, 16, 25] {
        let m = b.metrics(n, 0, secs(20.0)).expect("stable");
        close(
            m.outbound_per_hour,
            (f64::from(n) - 13.0) / 360.0 * 3600.0,
            1e-11,
            "outbound",
        );
        assert!(m.idle.abs() < 1e-15);
        assert_eq!(m.p_wait, 1.0);
    }
}

/// Outbound calls a thousand times shorter than inbound ones free their agent almost at
/// once: the inbound side tends to Erlang C with all `n` agents, and the outbound
/// throughput over `μ_out` to `E[(n − k − S)⁺]`, `S` the busy agents of that Erlang C queue.
#[test]
fn very_short_outbound_calls_tend_to_erlang_c_with_every_agent() {
    let (a, h, n, k) = (13.0_f64, 240.0, 16_u32, 3_u32);
    let b = blend(a, h, h / 1000.0, None);
    let t = secs(20.0);
    let m = b.metrics(n, k, t).expect("stable");
    let c = ErlangC::from_erlangs(a, secs(h)).expect("valid");
    close(
        m.service_levels.answered_within_over_offered,
        c.service_level(n, t).expect("stable"),
        5e-3,
        "SL",
    );
    // Erlang C busy-agent distribution: P(S = s) ∝ A^s/s! for s < n, the rest at n.
    let nf = f64::from(n);
    let mut w = 1.0;
    let (mut total, mut free) = (0.0, 0.0);
    for s in 0..n {
        total += w;
        free += w * f64::from((n - k).saturating_sub(s));
        w *= a / f64::from(s + 1);
    }
    total += w / (1.0 - a / nf);
    let expected = free / total / (h / 1000.0) * 3600.0;
    close(m.outbound_per_hour, expected, 5e-3, "outbound throughput");
}

/// Outbound calls a thousand times longer hold `n − k` agents nearly all the time: the
/// inbound side tends to Erlang C with the `k` reserve agents.
#[test]
fn very_long_outbound_calls_leave_the_reserve_to_inbound() {
    let (a, h, n, k) = (2.0_f64, 240.0, 12_u32, 6_u32);
    let b = blend(a, h, h * 1000.0, None);
    let t = secs(20.0);
    let m = b.metrics(n, k, t).expect("stable");
    let c = ErlangC::from_erlangs(a, secs(h)).expect("valid");
    close(
        m.service_levels.answered_within_over_offered,
        c.service_level(k, t).expect("stable"),
        2e-3,
        "SL",
    );
    close(
        m.outbound_occupancy,
        f64::from(n - k) / f64::from(n),
        2e-2,
        "outbound share",
    );
}

/// Flow balance: answered calls keep `λ·P(answered)/μ_in` agents busy; abandonments happen at
/// `θ·E[queue]`; the mean wait of all arrivals is `E[queue]/λ` (Little).
#[test]
fn flows_balance() {
    for (a, n, k, pat) in [
        (13.0, 14_u32, 1_u32, Some(120.0)),
        (13.0, 16, 2, None),
        (6.0, 8, 0, Some(60.0)),
    ] {
        let h = 240.0;
        let b = blend(a, h, 360.0, pat);
        let m = b.metrics(n, k, secs(20.0)).expect("valid");
        let answered = 1.0 - m.p_abandon;
        close(
            m.inbound_occupancy * f64::from(n),
            a * answered,
            1e-11,
            "inbound busy",
        );
        if let Some(p) = pat {
            close(
                m.p_abandon,
                m.mean_queue_length / p / (a / h),
                1e-10,
                "abandonment",
            );
        }
        close(
            m.mean_wait_all.seconds(),
            m.mean_queue_length / (a / h),
            1e-12,
            "Little",
        );
        close(
            m.inbound_occupancy + m.outbound_occupancy + m.idle,
            1.0,
            1e-13,
            "shares",
        );
    }
}

/// The fewest agents: one fewer fails with every reserve (checked by brute force), and the
/// reserve is the smallest meeting the target.
#[test]
fn the_search_is_minimal() {
    let b = blend(13.0, 240.0, 360.0, None);
    let sl = ServiceTarget::new(0.8, secs(20.0)).expect("valid");
    let targets = Targets::service_level(sl);
    for want in [0.0, 10.0, 40.0] {
        let s = b
            .required_staffing(&targets, Volume::new(want).expect("valid"))
            .expect("reachable");
        assert!(s.metrics.service_levels.answered_within_over_offered >= 0.8);
        assert!(s.metrics.outbound_per_interval >= want * (1.0 - 1e-12));
        let fewer = s.agents - 1;
        if fewer > 13 {
            for k in 0..=fewer {
                let m = b.metrics(fewer, k, secs(20.0)).expect("stable");
                assert!(
                    m.service_levels.answered_within_over_offered < 0.8
                        || m.outbound_per_interval < want,
                    "{fewer} agents with reserve {k} would do for {want}"
                );
            }
        }
        if s.reserve > 0 {
            let less = b
                .metrics(s.agents, s.reserve - 1, secs(20.0))
                .expect("stable");
            assert!(less.service_levels.answered_within_over_offered < 0.8);
        }
    }
}

#[test]
fn the_search_names_what_it_cannot_reach() {
    let b = blend(13.0, 240.0, 360.0, Some(120.0));
    let targets = Targets::service_level(ServiceTarget::new(0.8, secs(20.0)).expect("valid"))
        .and_max_abandonment(MaxProbability::new(0.05).expect("valid"));
    let err = b
        .required_staffing(&targets, Volume::new(1e6).expect("valid"))
        .expect_err("a million outbound calls per half hour is beyond 1,000 agents");
    assert!(matches!(err, Error::TargetUnreachable { limit: 1000, .. }));
    let text = err.to_string();
    assert!(text.contains("service level >= 0.8 within 20 s"), "{text}");
    assert!(text.contains("abandonment <= 0.05"), "{text}");
    assert!(
        text.contains("at least 1000000 outbound calls per 1800 s interval"),
        "{text}"
    );
}

#[test]
fn bad_input_gets_typed_errors() {
    let b = blend(13.0, 240.0, 360.0, None);
    let t = secs(20.0);
    assert!(matches!(b.metrics(0, 0, t), Err(Error::ZeroAgents { .. })));
    assert!(matches!(
        b.metrics(16, 17, t),
        Err(Error::CountOutOfRange { .. })
    ));
    assert!(matches!(
        b.metrics(1001, 0, t),
        Err(Error::CountTooLarge { .. })
    ));
    assert!(matches!(
        b.metrics(13, 0, t),
        Err(Error::UnstableQueue { .. })
    ));
    let e = Blend::from_erlangs(13.0, secs(240.0), secs(240.0 * 1001.0)).expect_err("ratio");
    assert_eq!(
        e.to_string(),
        "ratio of outbound to inbound handle time of 1001 is outside its allowed range [0.001, 1000]"
    );
    assert!(matches!(
        b.with_patience(secs(1e-5)),
        Err(Error::PatienceOutOfRange { .. })
    ));
    assert!(matches!(
        Blend::from_erlangs(0.0, secs(240.0), secs(240.0)),
        Err(Error::NonPositiveLoad { .. })
    ));
    // With patience any staffing is stable, even one agent far below the load.
    let p = b.with_patience(secs(60.0)).expect("valid");
    let m = p.metrics(1, 0, t).expect("stable with abandonment");
    assert!(m.p_abandon > 0.9 && m.p_abandon < 1.0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// More reserve serves inbound callers better and completes fewer outbound calls; shares
    /// stay within 0..=1.
    #[test]
    fn reserve_trades_inbound_against_outbound(
        a in 1.0_f64..20.0,
        extra in 1_u32..8,
        out_ratio in 0.2_f64..5.0,
        patience in prop::option::of(30.0_f64..600.0),
        t in 0.0_f64..120.0,
    ) {
        let h = 180.0;
        // `a` < 20, so the conversion is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let n = a.floor() as u32 + extra;
        // Without patience a load within 1 % of the agents needs a queue longer than
        // `Blend::MAX_QUEUE` (refused with a typed error, see tests/blend_bounds.rs): not this property.
        prop_assume!(patience.is_some() || a <= 0.99 * f64::from(n));
        let b = blend(a, h, h * out_ratio, patience);
        let mut prev: Option<wfm_forecast::BlendMetrics> = None;
        for k in 0..=n {
            let m = b.metrics(n, k, secs(t)).expect("valid");
            for share in [
                m.p_wait, m.p_abandon, m.inbound_occupancy, m.outbound_occupancy, m.idle,
                m.service_levels.answered_within_over_offered,
                m.service_levels.answered_within_over_answered,
                m.service_levels.answered_within_over_offered_less_short_abandons,
                m.service_levels.wait_ended_within_over_offered,
            ] {
                prop_assert!((0.0..=1.0).contains(&share), "share {share} at k = {k}");
            }
            if let Some(p) = prev {
                let tol = 1e-12;
                prop_assert!(
                    m.service_levels.answered_within_over_offered
                        >= p.service_levels.answered_within_over_offered - tol,
                    "SL fell from k = {} to {k}", k - 1
                );
                prop_assert!(m.outbound_per_hour <= p.outbound_per_hour * (1.0 + tol) + tol);
                prop_assert!(m.p_abandon <= p.p_abandon + tol);
                prop_assert!(m.asa_answered.seconds() <= p.asa_answered.seconds() * (1.0 + 1e-11) + tol);
            }
            prev = Some(m);
        }
    }
}
