//! The exact Erlang X chain against a discrete-event simulation: `benches/erlang_x_sim.py`
//! (plain Python and numpy 2.4.6, 30 replications of 200 hours after 10 hours of warm-up,
//! seed 20261202 plus the case's index, 99 % Student-t intervals; about 15 minutes on one
//! core). The grid holds a low load (1 Erlang on 2 agents and 3 lines) and low service
//! levels (28 % and 45 % answered within T). Each line below is the script's output: mean ±
//! half-width over all attempts (blocked, abandoned, answered, answered within T), the
//! service level of first attempts, and redials per first attempt.

#![allow(clippy::unwrap_used)]

use wfm_forecast::{ErlangX, ErlangXMethod, Lines, Redials, TimeSpan};

fn secs(s: f64) -> TimeSpan {
    TimeSpan::from_seconds(s).unwrap()
}

/// (erlangs, patience, agents, lines, rb, ra, delay, T, [(mean, half-width); 6])
type Case = (f64, f64, u32, Lines, f64, f64, f64, f64, [(f64, f64); 6]);

const CASES: [Case; 4] = [
    // low_load: blocked=0.064998±0.004174, abandon=0.132972±0.003258, answered=0.802022±0.006461,
    // sl=0.750961±0.007423, sl_first=0.785080±0.006119, redials=0.101461±0.005470
    (
        1.0,
        60.0,
        2,
        Lines::Limited(3),
        0.8,
        0.3,
        120.0,
        20.0,
        [
            (0.064998, 0.004174),
            (0.132972, 0.003258),
            (0.802022, 0.006461),
            (0.750961, 0.007423),
            (0.785080, 0.006119),
            (0.101461, 0.005470),
        ],
    ),
    // cli_example: blocked=0.000000±0.000000, abandon=0.189489±0.002719, answered=0.810486±0.002719,
    // sl=0.526341±0.005989, sl_first=0.541006±0.005889, redials=0.104763±0.001869
    (
        10.0,
        120.0,
        10,
        Lines::Limited(30),
        0.5,
        0.5,
        300.0,
        20.0,
        [
            (0.0, 0.0),
            (0.189489, 0.002719),
            (0.810486, 0.002719),
            (0.526341, 0.005989),
            (0.541006, 0.005889),
            (0.104763, 0.001869),
        ],
    ),
    // overload_low_sl: blocked=0.282280±0.002541, abandon=0.214729±0.000693, answered=0.502963±0.002383,
    // sl=0.281068±0.002434, sl_first=0.286542±0.002547, redials=0.484037±0.003955
    (
        20.0,
        90.0,
        15,
        Lines::Limited(20),
        0.7,
        0.6,
        600.0,
        30.0,
        [
            (0.282280, 0.002541),
            (0.214729, 0.000693),
            (0.502963, 0.002383),
            (0.281068, 0.002434),
            (0.286542, 0.002547),
            (0.484037, 0.003955),
        ],
    ),
    // unlimited_low_sl: blocked=0.000000±0.000000, abandon=0.192044±0.003795, answered=0.807910±0.003795,
    // sl=0.449069±0.007762, sl_first=0.465056±0.007556, redials=0.106387±0.002682
    (
        8.0,
        180.0,
        8,
        Lines::Unlimited,
        0.0,
        0.5,
        300.0,
        20.0,
        [
            (0.0, 0.0),
            (0.192044, 0.003795),
            (0.807910, 0.003795),
            (0.449069, 0.007762),
            (0.465056, 0.007556),
            (0.106387, 0.002682),
        ],
    ),
];

#[test]
fn exact_chain_is_within_the_simulations_confidence_intervals() {
    for (a, patience, n, lines, rb, ra, delay, t, sim) in CASES {
        let q = ErlangX::from_erlangs(
            a,
            secs(180.0),
            Some(secs(patience)),
            Redials::new(rb, ra, secs(delay)).unwrap(),
        )
        .unwrap();
        let s = q.solve(n, lines, ErlangXMethod::Exact).unwrap();
        let m = *s.metrics();
        let sl = s.service_levels(secs(t)).unwrap();
        let exact = [
            m.every_attempt.p_blocked,
            m.every_attempt.p_abandon,
            m.every_attempt.p_answered,
            sl.every_attempt.answered_within_over_offered,
            sl.first_attempt.answered_within_over_offered,
            m.redials_per_first_attempt,
        ];
        for (i, (x, (mean, hw))) in exact.into_iter().zip(sim).enumerate() {
            // A blocking of 2e-7 shows as 0 in 200 hours: the shares are printed to 1e-6.
            assert!(
                (x - mean).abs() <= hw.max(1e-6),
                "A={a} n={n} measure {i}: exact {x}, simulated {mean} ± {hw}"
            );
        }
    }
}
