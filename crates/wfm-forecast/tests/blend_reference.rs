//! Call blending against an independent implementation: `benches/blend_reference.py` builds the
//! chain on (inbound calls in the system, outbound calls in progress) by applying the policy
//! rules after each event, solves it with scipy's sparse solver (queue truncated at 220), and
//! takes the service level from scipy's `expm_multiply` on the chain of a tagged waiting
//! caller (numpy 2.4.6, scipy 1.17.1). Rerun it to regenerate the values below.

use wfm_forecast::{Blend, TimeSpan};

struct Case {
    n: u32,
    k: u32,
    erlangs: f64,
    aht: f64,
    out_aht: f64,
    patience: Option<f64>,
    t: f64,
    p_wait: f64,
    sl: f64,
    abandon_within: f64,
    p_abandon: f64,
    asa: f64,
    mean_queue: f64,
    outbound_per_hour: f64,
    inbound_occupancy: f64,
    outbound_occupancy: f64,
}

/// The cases `a` to `g` printed by `python3 benches/blend_reference.py`.
const CASES: [Case; 7] = [
    Case {
        n: 16,
        k: 0,
        erlangs: 13.0,
        aht: 240.0,
        out_aht: 360.0,
        patience: None,
        t: 20.0,
        p_wait: 1.0,
        sl: 0.157820252524676,
        abandon_within: 0.0,
        p_abandon: 0.0,
        asa: 101.410756366035,
        mean_queue: 5.49308263649343,
        outbound_per_hour: 30.0000000000003,
        inbound_occupancy: 0.8125,
        outbound_occupancy: 0.187500000000002,
    },
    Case {
        n: 16,
        k: 2,
        erlangs: 13.0,
        aht: 240.0,
        out_aht: 360.0,
        patience: None,
        t: 20.0,
        p_wait: 0.734340171886537,
        sl: 0.394920159168812,
        abandon_within: 0.0,
        p_abandon: 0.0,
        asa: 69.5313804777133,
        mean_queue: 3.76628310920977,
        outbound_per_hour: 25.9750395802636,
        inbound_occupancy: 0.812499999999996,
        outbound_occupancy: 0.162343997376648,
    },
    Case {
        n: 16,
        k: 5,
        erlangs: 13.0,
        aht: 240.0,
        out_aht: 360.0,
        patience: None,
        t: 20.0,
        p_wait: 0.475627523063949,
        sl: 0.620346450574874,
        abandon_within: 0.0,
        p_abandon: 0.0,
        asa: 40.8832033755636,
        mean_queue: 2.21450684951144,
        outbound_per_hour: 14.362561775281,
        inbound_occupancy: 0.812500000000011,
        outbound_occupancy: 0.0897660110955065,
    },
    Case {
        n: 14,
        k: 1,
        erlangs: 13.0,
        aht: 240.0,
        out_aht: 360.0,
        patience: Some(120.0),
        t: 20.0,
        p_wait: 0.787960468794153,
        sl: 0.420709350180208,
        abandon_within: 0.103902203257334,
        p_abandon: 0.223322349754245,
        asa: 26.0849716761498,
        mean_queue: 1.45159527340274,
        outbound_per_hour: 36.911510155993,
        inbound_occupancy: 0.721200675228203,
        outbound_occupancy: 0.263653643971378,
    },
    Case {
        n: 5,
        k: 1,
        erlangs: 3.0,
        aht: 180.0,
        out_aht: 600.0,
        patience: Some(300.0),
        t: 30.0,
        p_wait: 0.706887720753997,
        sl: 0.427445876760298,
        abandon_within: 0.0605718679890506,
        p_abandon: 0.191562283549511,
        asa: 53.802861371061,
        mean_queue: 0.957811417747491,
        outbound_per_hour: 13.6894474284152,
        inbound_occupancy: 0.485062629870293,
        outbound_occupancy: 0.456314914280507,
    },
    Case {
        n: 30,
        k: 3,
        erlangs: 25.0,
        aht: 300.0,
        out_aht: 120.0,
        patience: None,
        t: 30.0,
        p_wait: 0.423820570535932,
        sl: 0.78578208481554,
        abandon_within: 0.0,
        p_abandon: 0.0,
        asa: 20.902733110707,
        mean_queue: 1.74189442589082,
        outbound_per_hour: 111.572931500179,
        inbound_occupancy: 0.83333333333332,
        outbound_occupancy: 0.123969923889088,
    },
    Case {
        n: 8,
        k: 0,
        erlangs: 6.0,
        aht: 200.0,
        out_aht: 100.0,
        patience: Some(60.0),
        t: 15.0,
        p_wait: 1.0,
        sl: 0.39554321179497,
        abandon_within: 0.170110139952786,
        p_abandon: 0.293529806565335,
        asa: 17.8374377970347,
        mean_queue: 0.528353651817602,
        outbound_per_hour: 135.402438218112,
        inbound_occupancy: 0.529852645075999,
        outbound_occupancy: 0.470147354924,
    },
];

fn secs(s: f64) -> TimeSpan {
    TimeSpan::from_seconds(s).expect("valid span")
}

#[test]
fn matches_the_independent_chain() {
    for (i, c) in CASES.iter().enumerate() {
        let mut b = Blend::from_erlangs(c.erlangs, secs(c.aht), secs(c.out_aht)).expect("valid");
        if let Some(p) = c.patience {
            b = b.with_patience(secs(p)).expect("valid");
        }
        let m = b.metrics(c.n, c.k, secs(c.t)).expect("valid");
        // The reference prints 15 significant digits; its sparse solves are exact to about
        // 1e-13 relative.
        let check = |got: f64, want: f64, what: &str| {
            let tol = 1e-11 * want.abs().max(1e-3);
            assert!(
                (got - want).abs() <= tol,
                "case {i} {what}: got {got}, want {want}"
            );
        };
        check(m.p_wait, c.p_wait, "p_wait");
        check(
            m.service_levels.answered_within_over_offered,
            c.sl,
            "service level",
        );
        check(
            m.service_levels.p_abandon_within,
            c.abandon_within,
            "abandoned within",
        );
        check(m.p_abandon, c.p_abandon, "abandonment");
        check(m.asa_answered.seconds(), c.asa, "ASA");
        check(m.mean_queue_length, c.mean_queue, "mean queue");
        check(
            m.outbound_per_hour,
            c.outbound_per_hour,
            "outbound per hour",
        );
        check(
            m.outbound_per_interval,
            c.outbound_per_hour / 2.0,
            "outbound per half hour",
        );
        check(
            m.inbound_occupancy,
            c.inbound_occupancy,
            "inbound occupancy",
        );
        check(
            m.outbound_occupancy,
            c.outbound_occupancy,
            "outbound occupancy",
        );
    }
}
