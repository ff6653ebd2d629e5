//! scratch
#![allow(clippy::unwrap_used)]
use cx_survey::*;
use std::time::Instant;
#[test]
fn scratch() {
    for (p, a, d) in [(5u64, 3u64, 2u64), (5000, 2000, 3000), (500000, 200000, 300000), (50_000_000, 20_000_000, 30_000_000), (500_000_000_000, 200_000_000_000, 300_000_000_000), (0, 0, 10), (0, 0, 10_000), (100_000_000, 0, 0), (0, 0, 10_000_000_000_000), (1_000_000_000_000, 0, 0), (0, 1_000_000, 0), (1, 0, 99_999_999)] {
        for level in [0.95, 0.99999999] {
            let t = Instant::now();
            let ci = Nps::from_counts(p, a, d).unwrap().interval(NpsMethod::JeffreysDirichlet, Confidence::new(level).unwrap());
            println!("{p} {a} {d} {level}: {:.15} {:.15} {:?}", ci.lower.value(), ci.upper.value(), t.elapsed());
        }
    }
}
