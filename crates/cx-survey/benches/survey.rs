//! Criterion benches of the hot paths: NPS and CSAT straight from a million raw answers (through
//! `cx_scales`' vectorised counter), and every interval.
//!
//! Run with `cargo bench -p cx-survey --bench survey`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use cx_scales::{Distribution, Scale};
use cx_survey::{
    Confidence, Nps, NpsMethod, NpsTally, NpsTest, Proportion, ShareMethod, compare_nps,
    csat_top_box,
};

const N: usize = 1_000_000;

/// Deterministic answers spread over `0..points` (xorshift, no RNG crate needed).
fn answers(points: u64, offset: u8, len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % points) as u8 + offset
        })
        .collect()
}

fn from_raw_answers(c: &mut Criterion) {
    let mut g = c.benchmark_group("raw answers");
    g.throughput(Throughput::Elements(N as u64));
    let nps_answers = answers(11, 0, N);
    g.bench_function("NPS of 1M answers", |b| {
        b.iter(|| Nps::from_answers(black_box(&nps_answers)))
    });
    g.bench_function("NpsTally::record_answers 1M", |b| {
        b.iter(|| {
            let mut t = NpsTally::new();
            t.record_answers(black_box(&nps_answers)).map(|_| t)
        })
    });
    let csat_answers = answers(5, 1, N);
    g.bench_function("CSAT top-2 of 1M answers on 1-5", |b| {
        b.iter(|| {
            Distribution::count(Scale::ONE_TO_FIVE, black_box(&csat_answers))
                .map_err(cx_survey::SurveyError::from)
                .and_then(|d| csat_top_box(&d, 2))
        })
    });
    g.finish();
}

fn intervals(c: &mut Criterion) {
    let mut g = c.benchmark_group("intervals");
    let c95 = Confidence::NINETY_FIVE;
    let share = Proportion::new(853, 1000).expect("valid counts");
    for m in [
        ShareMethod::Wilson,
        ShareMethod::AgrestiCoull,
        ShareMethod::ClopperPearson,
        ShareMethod::Jeffreys,
    ] {
        g.bench_function(format!("share {m} 853/1000"), |b| {
            b.iter(|| black_box(share).interval(m, c95))
        });
    }
    let nps = Nps::from_counts(300, 500, 200).expect("valid counts");
    for m in [
        NpsMethod::AdjustedWald,
        NpsMethod::Score,
        NpsMethod::JeffreysDirichlet,
    ] {
        g.bench_function(format!("NPS {m} 300/500/200"), |b| {
            b.iter(|| black_box(nps).interval(m, c95))
        });
    }
    let other = Nps::from_counts(70, 10, 20).expect("valid counts");
    g.bench_function("compare_nps adjusted Wald", |b| {
        b.iter(|| compare_nps(black_box(&nps), &other, NpsTest::AdjustedWald, c95))
    });
    g.bench_function("t quantile df=29", |b| {
        b.iter(|| c95.t(black_box(29.0)).ok())
    });
    // The extremes of issue 11: exact shares at a trillion answers, a Dirichlet interval at 1e8
    // answers and in a corner, a t quantile at 1 − 1e-15 with 1.5 degrees of freedom.
    let huge = Proportion::new(500_000_000_000, 1_000_000_000_000).expect("valid counts");
    let small_at_huge = Proportion::new(7, 123_456_789).expect("valid counts");
    for m in [ShareMethod::ClopperPearson, ShareMethod::Jeffreys] {
        g.bench_function(format!("share {m} 5e11/1e12"), |b| {
            b.iter(|| black_box(huge).interval(m, c95))
        });
        g.bench_function(format!("share {m} 7/123456789"), |b| {
            b.iter(|| black_box(small_at_huge).interval(m, c95))
        });
    }
    let big = Nps::from_counts(50_000_000, 20_000_000, 30_000_000).expect("valid counts");
    let corner = Nps::from_counts(0, 0, 10_000_000_000_000).expect("valid counts");
    g.bench_function("NPS Jeffreys-Dirichlet 5e7/2e7/3e7", |b| {
        b.iter(|| black_box(big).interval(NpsMethod::JeffreysDirichlet, c95))
    });
    g.bench_function("NPS Jeffreys-Dirichlet 0/0/1e13", |b| {
        b.iter(|| black_box(corner).interval(NpsMethod::JeffreysDirichlet, c95))
    });
    let extreme = Confidence::new(1.0 - 1e-15).expect("a valid level");
    g.bench_function("t quantile df=1.5 at 1 - 1e-15", |b| {
        b.iter(|| extreme.t(black_box(1.5)).ok())
    });
    g.finish();
}

criterion_group!(benches, from_raw_answers, intervals);
criterion_main!(benches);
