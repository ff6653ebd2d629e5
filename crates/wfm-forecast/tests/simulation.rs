//! Erlang A against a discrete-event simulation: ciw 3.2.7, 10 replications per case, 99 %
//! Student-t intervals (tests/data/erlang_a_ciw.csv, written by
//! `benches/wfm_simulate_erlang_a.py`). The exact values must fall inside every interval.

#![allow(clippy::unwrap_used)]

mod common;

use common::{f, load, u};
use wfm_forecast::{ErlangA, TimeSpan};

#[test]
fn erlang_a_lies_within_the_ciw_simulation_confidence_intervals() {
    let t = load("erlang_a_ciw.csv");
    let mut checked = 0;
    for row in &t.rows {
        let secs = |k: &str| TimeSpan::from_seconds(f(row, k)).unwrap();
        let q =
            ErlangA::from_erlangs(f(row, "erlangs"), secs("aht_s"), secs("patience_s")).unwrap();
        let n = u(row, "agents");
        let m = q.metrics(n).unwrap();
        let sl = q.service_levels(n, secs("t_s")).unwrap();
        let exact = match row["metric"].as_str() {
            "p_wait" => m.p_wait,
            "p_abandon" => m.p_abandon,
            "sl_offered" => sl.answered_within_over_offered,
            "asa_answered_s" => m.asa_answered.seconds(),
            "mean_wait_all_s" => m.mean_wait_all.seconds(),
            other => panic!("unknown metric {other}"),
        };
        let (mean, half) = (f(row, "mean"), f(row, "ci99_halfwidth"));
        println!(
            "{} {}: exact {exact:.6} simulated {mean:.6} ± {half:.2e}",
            row["case"], row["metric"]
        );
        assert!(
            (exact - mean).abs() <= half,
            "{} {}: exact {exact} outside {mean} ± {half}",
            row["case"],
            row["metric"]
        );
        checked += 1;
    }
    assert_eq!(checked, 15);
}
