//! Throughput of `cx_scales::Distribution::count` on large buffers, for the side-by-side
//! comparison with numpy's `bincount` in `benches/count_vs_numpy.py` (which runs this with
//! `cargo bench --bench count_throughput -- <answers> <runs>` and reads its JSON lines).
//!
//! Each line reports one input type: the median wall time of `runs` counts of `answers` answers
//! drawn uniformly from 0–10 (a fixed xorshift sequence), and the answers per second it implies.

use std::hint::black_box;
use std::time::Instant;

use cx_scales::{Answer, Distribution, Scale};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // `cargo bench` passes `--bench`; numbers are the only arguments we read.
    let nums: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let answers = nums.first().copied().unwrap_or(1 << 26);
    let runs = nums.get(1).copied().unwrap_or(11).max(1);

    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let bytes: Vec<u8> = (0..answers)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % 11) as u8
        })
        .collect();
    let signed: Vec<i8> = bytes.iter().map(|&b| b as i8).collect();
    let wide: Vec<i32> = bytes.iter().map(|&b| i32::from(b)).collect();
    let expected = Distribution::count(Scale::ZERO_TO_TEN, &bytes)?;

    report("u8", &bytes, runs, &expected)?;
    report("i8", &signed, runs, &expected)?;
    report("i32", &wide, runs, &expected)?;
    Ok(())
}

fn report<T: Answer>(
    name: &str,
    data: &[T],
    runs: usize,
    expected: &Distribution,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let d = Distribution::count(Scale::ZERO_TO_TEN, black_box(data))?;
        times.push(start.elapsed().as_secs_f64());
        if &d != expected {
            return Err(format!("{name}: counts differ from the u8 count").into());
        }
    }
    times.sort_by(f64::total_cmp);
    let median = times[runs / 2];
    println!(
        "{{\"dtype\": \"{name}\", \"answers\": {}, \"runs\": {runs}, \"median_s\": {median:.6}, \"answers_per_s\": {:.0}}}",
        data.len(),
        data.len() as f64 / median
    );
    Ok(())
}
