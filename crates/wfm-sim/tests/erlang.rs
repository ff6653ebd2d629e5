//! One call type, one group, constant load: the simulation agrees with Erlang C and Erlang A
//! (as computed by the wfm-forecast crate) within its 99 % confidence intervals, over a grid
//! of loads and several seeds, and a simulator with a handle time 5 % too long is caught.
//!
//! Steady state: a day of 10 half-hours whose first 2 are warm-up, so each replication
//! measures 4 hours of a constant load after an hour of warm-up (the queue relaxes within a few
//! handle times).

use wfm_forecast::{ErlangA, ErlangC, TimeSpan};
use wfm_sim::{Config, Estimate, HandleTime, Model, Patience, RunSettings, simulate};

const AHT: f64 = 60.0;
const WITHIN: f64 = 20.0;

fn model(erlangs: f64, agents: u32, sim_aht: f64, patience: Option<f64>) -> Model {
    let m = wfm_sim::single_queue(erlangs, AHT, patience, agents, 10, 1800).expect("valid");
    let mut c: Config = m.config().clone();
    c.warmup_intervals = 2;
    c.call_types[0].handle_time = HandleTime::Exponential {
        mean_seconds: sim_aht,
    };
    c.call_types[0].answer_within_seconds = WITHIN;
    if let Some(p) = patience {
        c.call_types[0].patience = Patience::Exponential { mean_seconds: p };
    }
    Model::new(&c).expect("valid")
}

/// `(measure, simulated estimate, analytic value)` for every compared measure.
fn compare(
    erlangs: f64,
    agents: u32,
    sim_aht: f64,
    patience: Option<f64>,
    seed: u64,
) -> Vec<(&'static str, Estimate, f64)> {
    let report = simulate(
        &model(erlangs, agents, sim_aht, patience),
        &RunSettings::new(16, seed),
    )
    .expect("runs");
    let day = &report.call_types[0].day;
    let occ = report.groups[0].day.expect("agents present");
    let aht = TimeSpan::from_seconds(AHT).expect("valid");
    let t = TimeSpan::from_seconds(WITHIN).expect("valid");
    let get = |e: Option<Estimate>| e.expect("calls offered");
    match patience {
        None => {
            let c = ErlangC::from_erlangs(erlangs, aht).expect("valid");
            vec![
                (
                    "service level",
                    get(day.answered_within_over_offered),
                    c.service_level(agents, t).expect("n > A"),
                ),
                (
                    "ASA",
                    get(day.asa_seconds),
                    c.asa(agents).expect("n > A").seconds(),
                ),
                ("occupancy", occ, c.occupancy(agents).expect("n > A")),
            ]
        }
        Some(p) => {
            let a = ErlangA::from_erlangs(erlangs, aht, TimeSpan::from_seconds(p).expect("valid"))
                .expect("valid");
            let s = a.service_levels(agents, t).expect("valid");
            let m = a.metrics(agents).expect("valid");
            vec![
                (
                    "SL over offered",
                    get(day.answered_within_over_offered),
                    s.answered_within_over_offered,
                ),
                (
                    "SL over answered",
                    get(day.answered_within_over_answered),
                    s.answered_within_over_answered,
                ),
                (
                    "SL over offered less short abandons",
                    get(day.answered_within_over_offered_less_short_abandons),
                    s.answered_within_over_offered_less_short_abandons,
                ),
                (
                    "wait ended within T",
                    get(day.wait_ended_within_over_offered),
                    s.wait_ended_within_over_offered,
                ),
                (
                    "ASA of answered",
                    get(day.asa_seconds),
                    m.asa_answered.seconds(),
                ),
                (
                    "mean wait of all",
                    get(day.mean_wait_all_seconds),
                    m.mean_wait_all.seconds(),
                ),
                ("abandoned share", get(day.abandoned_share), m.p_abandon),
                ("occupancy", occ, m.occupancy),
            ]
        }
    }
}

/// `(erlangs, agents, patience)`: Erlang C at 67–92 % occupancy, Erlang A including an
/// overloaded case.
const GRID: [(f64, u32, Option<f64>); 6] = [
    (2.0, 3, None),
    (8.0, 10, None),
    (22.0, 24, None),
    (3.0, 3, Some(120.0)),
    (10.0, 11, Some(60.0)),
    (20.0, 19, Some(240.0)),
];

fn misses(sim_aht: f64, seeds: &[u64]) -> (usize, usize, Vec<String>) {
    let mut total = 0;
    let mut out = Vec::new();
    for &(a, n, p) in &GRID {
        for &seed in seeds {
            for (name, est, exact) in compare(a, n, sim_aht, p, seed) {
                total += 1;
                if !est.contains(exact) {
                    out.push(format!(
                        "A = {a}, n = {n}, patience {p:?}, seed {seed}: {name} {:.5} ± {:.5} vs {exact:.5}",
                        est.mean,
                        est.half_width.unwrap_or(f64::NAN)
                    ));
                }
            }
        }
    }
    (out.len(), total, out)
}

#[test]
fn erlang_c_and_a_lie_within_the_99_percent_intervals() {
    let (missed, total, list) = misses(AHT, &[1, 2]);
    // 66 intervals at 99 %: about 0.7 misses expected; 4 or more has probability below 0.5 %
    // for a correct simulator (binomial, n = 66, p = 0.01), and the measures are correlated,
    // which only widens that tail a little.
    assert!(
        missed <= 3,
        "{missed} of {total} outside:\n{}",
        list.join("\n")
    );
}

// Seen when written: 0 of 66 outside for the simulator, 31 of 33 outside with the biased
// handle time.
#[test]
fn a_handle_time_five_percent_too_long_is_caught() {
    let (missed, total, list) = misses(AHT * 1.05, &[1]);
    assert!(
        missed * 2 >= total,
        "only {missed} of {total} outside:\n{}",
        list.join("\n")
    );
}
