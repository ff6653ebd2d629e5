//! Simulated calls per second on a single-skill day (one core).
#![allow(missing_docs)]
fn main() -> Result<(), wfm_sim::Error> {
    let model = wfm_sim::single_queue(100.0, 180.0, Some(300.0), 108, 48, 1800)?;
    let router = wfm_sim::SkillRouter::new(&model);
    let start = std::time::Instant::now();
    let mut calls = 0;
    let reps = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(20u64);
    for r in 0..reps {
        calls += wfm_sim::replicate(&model, &router, 1, r)?
            .call_type_total(0)
            .offered;
    }
    let s = start.elapsed().as_secs_f64();
    println!(
        "{calls} calls in {s:.3} s: {:.2} M calls/s",
        calls as f64 / s / 1e6
    );
    Ok(())
}
