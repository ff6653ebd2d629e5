//! Throughput of NPS and top-2 CSAT straight from raw one-byte answers, for the side-by-side
//! comparison with numpy in `benches/survey_vs_numpy.py` (which runs this with
//! `cargo run --release --example survey_throughput -- <answers> <runs>` and reads its JSON lines).
//!
//! Each line reports one metric: the median wall time of `runs` computations over `answers`
//! answers (a fixed xorshift sequence; 0–10 for NPS, 1–5 for CSAT) and the answers per second.

use std::hint::black_box;
use std::time::Instant;

use cx_scales::{Distribution, Scale};
use cx_survey::{Nps, csat_top_box};

fn answers(len: usize, points: u64, offset: u8) -> Vec<u8> {
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % points) as u8 + offset
        })
        .collect()
}

fn median_seconds<F: FnMut()>(runs: usize, mut f: F) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let nums: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let n = nums.first().copied().unwrap_or(100_000_000);
    let runs = nums.get(1).copied().unwrap_or(11).max(1);

    let nps_answers = answers(n, 11, 0);
    let nps = Nps::from_answers(&nps_answers)?;
    let t = median_seconds(runs, || {
        black_box(Nps::from_answers(black_box(&nps_answers)).ok());
    });
    println!(
        r#"{{"metric":"nps","answers":{n},"median_s":{t},"answers_per_s":{},"value":{}}}"#,
        n as f64 / t,
        nps.score().value()
    );

    let csat_answers = answers(n, 5, 1);
    let d = Distribution::count(Scale::ONE_TO_FIVE, &csat_answers)?;
    let csat = csat_top_box(&d, 2)?.share().value();
    let t = median_seconds(runs, || {
        let d = Distribution::count(Scale::ONE_TO_FIVE, black_box(&csat_answers));
        black_box(d.ok().and_then(|d| csat_top_box(&d, 2).ok()));
    });
    println!(
        r#"{{"metric":"csat_top2","answers":{n},"median_s":{t},"answers_per_s":{},"value":{csat}}}"#,
        n as f64 / t
    );
    Ok(())
}
