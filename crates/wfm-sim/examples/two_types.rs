//! Two call types, agent groups in the "N" or "W" design: per-type service level, ASA and
//! abandoned share with their spread over replications, and the simulation speed, as one JSON
//! object. Used by the side-by-side comparison with ciw (benches/wfm_sim_ciw.py).
//!
//! `cargo run --release -p wfm-sim --example two_types -- w 200`
#![allow(missing_docs)]

use wfm_sim::{
    CallType, Config, Group, HandleTime, Model, Patience, Skill, SkillRouter, replicate,
};

/// 30-minute intervals: 2 of warm-up, 8 measured, 2 of cool-down (calls arriving then are
/// simulated but not measured, so the measured calls have finished).
const WARMUP: usize = 2;
const MEASURED: usize = 8;
const COOLDOWN: usize = 2;

pub fn model(design: &str) -> Result<Model, wfm_sim::Error> {
    let n = WARMUP + MEASURED + COOLDOWN;
    let ht = HandleTime::Exponential {
        mean_seconds: 240.0,
    };
    let call = |name: &str, erlangs: f64, patience: f64| CallType {
        name: name.into(),
        volumes: vec![erlangs / 240.0 * 1800.0; n],
        handle_time: ht.clone(),
        patience: Patience::Exponential {
            mean_seconds: patience,
        },
        answer_within_seconds: 20.0,
    };
    let group = |name: &str, agents: u32, skills: Vec<Skill>| Group {
        name: name.into(),
        headcount: vec![agents; n],
        skills,
        reserve: None,
    };
    let groups = match design {
        // N: specialists for type 1; a second group answers type 2 first and type 1 second.
        "n" => vec![
            group("one", 9, vec![Skill::new("one")]),
            group(
                "two",
                10,
                vec![Skill::new("two"), Skill::new("one").with_priority(2)],
            ),
        ],
        // W: a specialist group per type and generalists answering both, oldest call first.
        _ => vec![
            group("one", 7, vec![Skill::new("one")]),
            group(
                "both",
                6,
                vec![
                    Skill::new("one").with_priority(2),
                    Skill::new("two").with_priority(2),
                ],
            ),
            group("two", 5, vec![Skill::new("two")]),
        ],
    };
    Model::new(&Config {
        interval_seconds: 1800,
        warmup_intervals: 0,
        call_types: vec![call("one", 10.0, 180.0), call("two", 8.0, 300.0)],
        groups,
    })
}

fn main() -> Result<(), wfm_sim::Error> {
    let args: Vec<String> = std::env::args().collect();
    let design = args.get(1).map_or("w", |s| s.as_str()).to_string();
    let reps: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(100);
    let m = model(&design)?;
    let router = SkillRouter::new(&m);
    let start = std::time::Instant::now();
    let mut calls = 0u64;
    // Per type: sums and sums of squares of the per-replication SL, ASA, abandoned share.
    let mut acc = [[0.0f64; 6]; 2];
    for r in 0..reps {
        let t = replicate(&m, &router, 2026, r)?;
        for (k, a) in acc.iter_mut().enumerate() {
            let mut c = wfm_sim::CellTally::default();
            for i in 0..WARMUP + MEASURED + COOLDOWN {
                let cell = t.cell(k, i);
                calls += cell.offered;
                if (WARMUP..WARMUP + MEASURED).contains(&i) {
                    c.merge(&cell);
                }
            }
            let off = c.offered.max(1) as f64;
            let ys = [
                c.answered_within as f64 / off,
                c.wait_answered_ns as f64 * 1e-9 / c.answered.max(1) as f64,
                c.abandoned as f64 / off,
            ];
            for (j, y) in ys.iter().enumerate() {
                a[2 * j] += y;
                a[2 * j + 1] += y * y;
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let n = reps as f64;
    let stat = |s: f64, s2: f64| {
        let mean = s / n;
        let var = ((s2 - n * mean * mean) / (n - 1.0)).max(0.0);
        format!("{{\"mean\": {mean:.6}, \"se\": {:.6}}}", (var / n).sqrt())
    };
    let types: Vec<String> = acc
        .iter()
        .map(|a| {
            format!(
                "{{\"sl\": {}, \"asa\": {}, \"abandoned\": {}}}",
                stat(a[0], a[1]),
                stat(a[2], a[3]),
                stat(a[4], a[5])
            )
        })
        .collect();
    println!(
        "{{\"design\": \"{design}\", \"replications\": {reps}, \"calls\": {calls}, \"seconds\": {secs:.4}, \"types\": [{}]}}",
        types.join(", ")
    );
    Ok(())
}
