//! scratch timing (not committed)
#![allow(clippy::unwrap_used)]
use cx_survey::*;
use std::time::Instant;
#[test]
fn scratch() {
    let mut worst = (0.0f64, String::new());
    for (p, a, d) in [(5u64, 3u64, 2u64), (5000, 2000, 3000), (500000, 200000, 300000), (5_000_000, 2_000_000, 3_000_000), (50_000_000, 20_000_000, 30_000_000), (500_000_000_000, 200_000_000_000, 300_000_000_000), (0, 0, 10), (0, 0, 10_000), (100_000_000, 0, 0), (0, 0, 10_000_000_000_000), (1_000_000_000_000, 0, 0), (0, 1_000_000, 0), (0, 1_000_000_000_000, 0), (1, 0, 99_999_999), (1000, 0, 99_999_000), (3, 10_000_000_000, 5)] {
        for level in [1e-6, 0.5, 0.95, 0.99999999, 1.0 - 1e-15] {
            for m in [NpsMethod::JeffreysDirichlet, NpsMethod::UniformDirichlet] {
                let t = Instant::now();
                let ci = Nps::from_counts(p, a, d).unwrap().interval(m, Confidence::new(level).unwrap());
                let e = t.elapsed().as_secs_f64();
                if e > worst.0 { worst = (e, format!("{p} {a} {d} {level} {m:?}: {ci}")); }
            }
        }
    }
    println!("worst Dirichlet: {worst:?}");
    let mut worst = (0.0f64, String::new());
    for n in [10u64, 1000, 123_456_789, 1_000_000_000_000, 1_000_000_000_000_000_000] {
        for k in [0, 1, 7, n / 3, n / 2, n - 1, n] {
            for level in [1e-6, 0.01, 0.5, 0.95, 0.99999999, 1.0 - 1e-15] {
                for m in [ShareMethod::ClopperPearson, ShareMethod::Jeffreys] {
                    let t = Instant::now();
                    let ci = Proportion::new(k, n).unwrap().interval(m, Confidence::new(level).unwrap());
                    let e = t.elapsed().as_secs_f64();
                    if e > worst.0 { worst = (e, format!("{k}/{n} {level} {m:?}: {ci:.12}")); }
                }
            }
        }
    }
    println!("worst share: {worst:?}");
    let t = Instant::now();
    let mut s = 0.0;
    for i in 0..1000 { s += Confidence::new(0.95).unwrap().t(1.5 + f64::from(i)).unwrap(); }
    println!("t quantile mean {:?} {s}", t.elapsed() / 1000);
}
