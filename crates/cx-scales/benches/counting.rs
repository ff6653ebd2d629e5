//! Criterion benches of the hot paths: counting raw answers, merging, mapping bands.
//!
//! Run with `cargo bench -p cx-scales --bench counting`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use cx_scales::{Band, Conversion, Distribution, Scale, ThresholdPolicy};

const N: usize = 1 << 22;

/// Deterministic answers spread over the points of `scale` (xorshift, no RNG crate needed).
fn answers(scale: Scale, len: usize) -> Vec<i32> {
    let points: Vec<i32> = scale.points().collect();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            points[(x % points.len() as u64) as usize]
        })
        .collect()
}

fn counting(c: &mut Criterion) {
    let mut g = c.benchmark_group("count");
    g.throughput(Throughput::Elements(N as u64));
    for (name, scale) in [
        ("0-10", Scale::ZERO_TO_TEN),
        ("1-5", Scale::ONE_TO_FIVE),
        ("0-100", Scale::ZERO_TO_HUNDRED),
    ] {
        let wide = answers(scale, N);
        let bytes: Vec<u8> = wide.iter().map(|&v| v as u8).collect();
        let signed: Vec<i8> = wide.iter().map(|&v| v as i8).collect();
        g.bench_function(format!("u8/{name}"), |b| {
            b.iter(|| Distribution::count(scale, black_box(&bytes)))
        });
        g.bench_function(format!("i8/{name}"), |b| {
            b.iter(|| Distribution::count(scale, black_box(&signed)))
        });
        g.bench_function(format!("i32/{name}"), |b| {
            b.iter(|| Distribution::count(scale, black_box(&wide)))
        });
    }
    g.finish();
}

fn merging(c: &mut Criterion) {
    let scale = Scale::ZERO_TO_TEN;
    let parts: Vec<Distribution> = answers(scale, 11_000)
        .chunks(11)
        .map(|ch| Distribution::count(scale, ch).expect("on the scale"))
        .collect();
    let mut g = c.benchmark_group("merge");
    g.throughput(Throughput::Elements(parts.len() as u64));
    g.bench_function("1000 partial 0-10 distributions", |b| {
        b.iter(|| {
            let mut total = Distribution::new(scale);
            for p in black_box(&parts) {
                total.merge(p).expect("same scale");
            }
            total
        })
    });
    g.finish();
}

fn mapping(c: &mut Criterion) {
    let band = Band::top_box(Scale::ONE_TO_FIVE, 2).expect("valid");
    let conv = Conversion::new(Scale::ONE_TO_FIVE, Scale::ONE_TO_TEN);
    c.bench_function("map_band/1-5 top-2 to 1-10 conservative", |b| {
        b.iter(|| conv.map_band(black_box(&band), ThresholdPolicy::Conservative))
    });
}

criterion_group!(benches, counting, merging, mapping);
criterion_main!(benches);
