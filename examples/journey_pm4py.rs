//! Reads an event log `case_id,ts,step,channel` (ts in whole seconds, no quoting) and prints its
//! directly-follows counts, variants and case durations, with timings, for the side-by-side
//! comparison with pm4py in `benches/cx_journey_pm4py.py`.
//!
//! Run: `cargo run --release --example journey_pm4py -- log.csv`

use std::time::Instant;

use cx_journey::JourneyLog;

/// CPU time of this thread in seconds (Linux), so that a busy machine does not inflate figures.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: journey_pm4py LOG.csv")?;
    let t0 = Instant::now();
    let text = std::fs::read_to_string(&path)?;
    let mut rows = Vec::new();
    for line in text.lines().skip(1) {
        let mut f = line.split(',');
        let (Some(case), Some(ts), Some(step), Some(channel)) =
            (f.next(), f.next(), f.next(), f.next())
        else {
            return Err(format!("bad line {line:?}").into());
        };
        let secs: i64 = ts.parse()?;
        rows.push((case, secs * 1000, step, channel));
    }
    let read = t0.elapsed();
    let t1 = Instant::now();
    let cpu0 = cpu_seconds();
    let mut log = JourneyLog::new();
    for &(case, ms, step, channel) in &rows {
        log.record(case, ms, step, channel, None)?;
    }
    let recorded = t1.elapsed();
    let journeys = log.finish()?;
    let finished = t1.elapsed();
    let follows = journeys.directly_follows();
    let after_dfg = t1.elapsed();
    let variants = journeys.variants();
    let after_variants = t1.elapsed();
    let durations = journeys.case_durations_ms();
    let total = t1.elapsed();
    let cpu = cpu_seconds() - cpu0;
    for f in &follows {
        println!("DF\t{}\t{}\t{}", f.from, f.to, f.count);
    }
    for v in &variants {
        println!("V\t{}\t{}", v.cases, v.path.join(","));
    }
    let mut d = durations;
    d.sort_unstable();
    for x in &d {
        println!("D\t{x}");
    }
    let s = |d: std::time::Duration| d.as_secs_f64();
    println!(
        "T\tread_parse={:.4}\trecord={:.4}\tfinish={:.4}\tdfg={:.4}\tvariants={:.4}\tdurations={:.4}\tcompute_total={:.4}\tcompute_cpu={:.4}",
        s(read),
        s(recorded),
        s(finished - recorded),
        s(after_dfg - finished),
        s(after_variants - after_dfg),
        s(total - after_variants),
        s(total),
        cpu
    );
    Ok(())
}
