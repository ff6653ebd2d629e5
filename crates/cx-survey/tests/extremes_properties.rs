//! Invariants of every interval at the extremes: counts up to 1e12 (and 0 and n), levels from
//! 1e-9 to 1 − 1e-15. Each interval is ordered, stays in its metric's range, nests as the level
//! rises, and holds its estimate where the method guarantees it (Wilson, Clopper–Pearson, Wald,
//! the NPS score and Wald intervals, the mean's t interval).
#![allow(clippy::unwrap_used)]

use cx_scales::{Distribution, Scale};
use cx_survey::*;
use proptest::prelude::*;

const SHARE_METHODS: [ShareMethod; 5] = [
    ShareMethod::Wilson,
    ShareMethod::AgrestiCoull,
    ShareMethod::ClopperPearson,
    ShareMethod::Jeffreys,
    ShareMethod::Wald,
];

/// A count up to 1e12, with the ends 0 and n well represented.
fn share_counts() -> impl Strategy<Value = (u64, u64)> {
    (0u32..=12, 0.0f64..=1.0, 0u8..4).prop_map(|(exp, frac, end)| {
        let n = 10f64.powi(exp as i32).max(1.0) as u64 + u64::from(exp % 3);
        let k = match end {
            0 => 0,
            1 => n,
            _ => ((n as f64 * frac) as u64).min(n),
        };
        (k, n)
    })
}

/// Levels spread over (0, 1) on a logit-like grid, down to 1e-9 and up to 1 − 1e-15.
fn levels() -> impl Strategy<Value = (f64, f64)> {
    (-9.0f64..15.0, 0.01f64..3.0).prop_map(|(e, gap)| {
        let level = if e < 0.0 {
            10f64.powf(e)
        } else {
            1.0 - 10f64.powf(-e.max(0.3))
        };
        let higher = if level < 0.5 {
            (level * (1.0 + gap)).min(0.999)
        } else {
            1.0 - (1.0 - level) / (1.0 + gap)
        };
        (level, higher.max(level))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn share_intervals_are_ordered_in_range_and_nested((k, n) in share_counts(), (lo_level, hi_level) in levels()) {
        let p = Proportion::new(k, n).unwrap();
        let (c1, c2) = (Confidence::new(lo_level).unwrap(), Confidence::new(hi_level).unwrap());
        for method in SHARE_METHODS {
            let a = p.interval(method, c1);
            let b = p.interval(method, c2);
            for ci in [a, b] {
                prop_assert!(ci.lower <= ci.upper, "{method:?} {k}/{n} {ci}");
                prop_assert!(ci.lower.value() >= 0.0 && ci.upper.value() <= 1.0);
            }
            // A higher level never gives a narrower interval (beyond rounding).
            let slack = 1e-12 * a.upper.value().max(1e-300);
            prop_assert!(b.lower.value() <= a.lower.value() + slack, "{method:?} {k}/{n} {lo_level} {hi_level}: {a} vs {b}");
            prop_assert!(b.upper.value() >= a.upper.value() - slack, "{method:?} {k}/{n} {lo_level} {hi_level}: {a} vs {b}");
            if matches!(method, ShareMethod::Wilson | ShareMethod::ClopperPearson | ShareMethod::Wald) {
                prop_assert!(a.lower <= a.estimate && a.estimate <= a.upper, "{method:?} {k}/{n} {a}");
            }
        }
    }

    #[test]
    fn t_critical_values_grow_with_the_level_and_shrink_with_df(df in 1.0f64..1e9, (lo_level, hi_level) in levels()) {
        let (c1, c2) = (Confidence::new(lo_level).unwrap(), Confidence::new(hi_level).unwrap());
        let (t1, t2) = (c1.t(df).unwrap(), c2.t(df).unwrap());
        prop_assert!(t1 > 0.0 && t1.is_finite());
        prop_assert!(t2 >= t1 * (1.0 - 1e-13), "{df} {lo_level} {hi_level}: {t1} {t2}");
        let more = c2.t(df * 2.0).unwrap();
        prop_assert!(more <= t2 * (1.0 + 1e-13) && more >= c2.z() * (1.0 - 1e-13));
    }

    #[test]
    fn mean_intervals_stay_on_the_scale_and_hold_the_mean(counts in prop::collection::vec(0u64..1_000_000_000_000, 5), level in 1e-9f64..(1.0 - 1e-15)) {
        prop_assume!(counts.iter().sum::<u64>() >= 2);
        let d = Distribution::from_counts(Scale::ONE_TO_FIVE, &counts).unwrap();
        let m = MeanScore::from_distribution(&d).unwrap();
        let ci = m.interval(Confidence::new(level).unwrap()).unwrap();
        prop_assert!(1.0 <= ci.lower && ci.lower <= m.mean() && m.mean() <= ci.upper && ci.upper <= 5.0, "{ci}");
    }
}

proptest! {
    // Quadrature-backed Dirichlet intervals take tens of milliseconds in debug builds.
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn nps_intervals_are_ordered_in_range_and_nested(
        (p, a, d) in (0u32..=12, 0.0f64..=1.0, 0.0f64..=1.0).prop_map(|(e, f1, f2)| {
            let n = 10f64.powi(e as i32) as u64;
            let p = (n as f64 * f1) as u64;
            let d = ((n - p) as f64 * f2) as u64;
            (p, n - p - d, d)
        }),
        (lo_level, hi_level) in levels(),
    ) {
        prop_assume!(p + a + d > 0);
        let nps = Nps::from_counts(p, a, d).unwrap();
        let (c1, c2) = (Confidence::new(lo_level).unwrap(), Confidence::new(hi_level).unwrap());
        for method in [NpsMethod::AdjustedWald, NpsMethod::Score, NpsMethod::JeffreysDirichlet, NpsMethod::UniformDirichlet, NpsMethod::Wald] {
            let x = nps.interval(method, c1);
            let y = nps.interval(method, c2);
            for ci in [x, y] {
                prop_assert!(ci.lower <= ci.upper, "{method:?} {p}/{a}/{d}: {ci}");
            }
            let slack = 1e-9;
            prop_assert!(y.lower.value() <= x.lower.value() + slack, "{method:?} {p}/{a}/{d} {lo_level} {hi_level}: {x} vs {y}");
            prop_assert!(y.upper.value() >= x.upper.value() - slack, "{method:?} {p}/{a}/{d} {lo_level} {hi_level}: {x} vs {y}");
            if matches!(method, NpsMethod::Score | NpsMethod::Wald) {
                prop_assert!(x.lower <= x.estimate && x.estimate <= x.upper, "{method:?} {x}");
            }
        }
    }
}

/// Issue 11: `cx survey csi --counts 1,0,0,0,1 --scale 1..=5 --level 0.99999999` printed an
/// inverted interval off the scale (the t quantile at one degree of freedom came out negative).
#[test]
fn csi_interval_of_two_answers_at_99_999999_percent_is_the_whole_scale() {
    let d = Distribution::from_counts(Scale::ONE_TO_FIVE, &[1u64, 0, 0, 0, 1]).unwrap();
    let ci = MeanScore::from_distribution(&d)
        .unwrap()
        .interval(Confidence::new(0.99999999).unwrap())
        .unwrap();
    assert_eq!((ci.lower, ci.upper), (1.0, 5.0));
    // t = cot(π·α/2) ≈ 6.4e7 with one degree of freedom.
    let t = Confidence::new(0.99999999).unwrap().t(1.0).unwrap();
    assert!((t / 63_661_976.9 - 1.0).abs() < 1e-8, "{t}");
}

/// Issue 11: `Confidence::t` gave NaN for df ≤ 0 and 1.96 for df = NaN.
#[test]
fn t_critical_value_refuses_degrees_of_freedom_below_one_and_nan() {
    let c = Confidence::NINETY_FIVE;
    for df in [0.0, -1.0, 0.5, f64::NAN, f64::NEG_INFINITY] {
        let err = c.t(df).unwrap_err();
        assert!(matches!(err, SurveyError::OutOfRange { .. }), "{df}: {err}");
        assert!(err.to_string().contains("degrees of freedom"), "{err}");
    }
    assert_eq!(c.t(f64::INFINITY).unwrap(), c.z());
}

/// Issue 11: the Jeffreys-Dirichlet interval of all detractors had an upper end near 0 from
/// about 1e13 answers, and one interval at 1e8 answers took 12–17 s.
#[test]
fn dirichlet_intervals_of_all_detractors_stay_at_minus_100_and_are_fast() {
    let start = std::time::Instant::now();
    for n in [
        10_000u64,
        100_000_000,
        10_000_000_000_000,
        1_000_000_000_000_000,
    ] {
        let ci = Nps::from_counts(0, 0, n)
            .unwrap()
            .interval(NpsMethod::JeffreysDirichlet, Confidence::NINETY_FIVE);
        assert!(
            ci.upper.value() < -99.9 && ci.lower <= ci.upper,
            "{n}: {ci}"
        );
        let ci = Nps::from_counts(n, 0, 0)
            .unwrap()
            .interval(NpsMethod::UniformDirichlet, Confidence::NINETY_FIVE);
        assert!(ci.lower.value() > 99.9 && ci.lower <= ci.upper, "{n}: {ci}");
    }
    let ci = Nps::from_counts(50_000_000, 20_000_000, 30_000_000)
        .unwrap()
        .interval(NpsMethod::JeffreysDirichlet, Confidence::NINETY_FIVE);
    assert!(ci.lower.value() < 20.0 && 20.0 < ci.upper.value());
    // Debug builds on a shared machine: well under a second each in release.
    assert!(
        start.elapsed().as_secs_f64() < 20.0,
        "{:?}",
        start.elapsed()
    );
}
