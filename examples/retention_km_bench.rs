//! Times `cx_retention::KaplanMeier` on the subjects written by
//! `benches/retention_lifelines.py --bench` (a CSV of `T,E` rows), for the side-by-side
//! comparison with lifelines that the script prints.
//!
//! Run through the script, or: `cargo run --release --example retention_km_bench -- FILE.csv`.

use std::time::Instant;

use cx_retention::{KaplanMeier, TenureObservation};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: retention_km_bench FILE.csv")?;
    let text = std::fs::read_to_string(&path)?;
    let mut obs = Vec::new();
    for line in text.lines().skip(1) {
        let (t, e) = line.split_once(',').ok_or("expected T,E")?;
        obs.push(TenureObservation {
            duration: t.parse()?,
            churned: e.trim() == "1",
        });
    }
    let mut times = Vec::new();
    let mut median = None;
    for _ in 0..5 {
        let t0 = Instant::now();
        let km = KaplanMeier::fit(&obs, 0.95)?;
        median = km.median().estimate;
        times.push(t0.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    println!(
        "cx-retention KaplanMeier::fit, {} subjects: median of 5 = {:.1} ms (min {:.1} ms); median tenure {:?}",
        obs.len(),
        times[2] * 1e3,
        times[0] * 1e3,
        median
    );
    Ok(())
}
