//! The sBG model at extreme parameters and horizons: every output finite and accurate against
//! mpmath, every size bounded before anything is allocated.
//!
//! Reference values: `tests/data/sbg_mpmath.csv`, written by `benches/retention_sbg_mpmath.py`
//! (mpmath 1.3.0 at 450 digits from the closed forms of Fader & Hardie, "How to Project
//! Customer Retention", Journal of Interactive Marketing 21(1), 2007, and DERL of Fader &
//! Hardie, "Customer-Base Valuation in a Contractual Setting: The Perils of Ignoring
//! Heterogeneity", Marketing Science 29(1), 2010, eq. 6), for α, β from 1e-300 to `f64::MAX`.

use cx_retention::{RetentionError, SbgModel};
use proptest::prelude::*;

/// The documented precision: relative error ≤ 4e-16·(1 + |ln v|) for a result v above the
/// smallest normal number; below it, absolute error ≤ 1e-308.
fn within_documented_precision(got: f64, want: f64) -> bool {
    if want < f64::MIN_POSITIVE {
        return got.is_finite() && (got - want).abs() <= 1e-308;
    }
    (got - want).abs() <= 4e-16 * (1.0 + want.ln().abs()) * want
}

#[test]
fn every_quantity_matches_mpmath_from_1e_minus_300_to_f64_max() -> Result<(), RetentionError> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sbg_mpmath.csv");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let (mut rows, mut worst) = (0, 0.0f64);
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let num = |i: usize| -> f64 { f[i].parse().unwrap_or_else(|e| panic!("{line}: {e}")) };
        let (alpha, beta, want) = (num(1), num(2), num(5));
        let t: u32 = f[3].parse().unwrap_or_else(|e| panic!("{line}: {e}"));
        let m = SbgModel::new(alpha, beta)?;
        let got = match f[0] {
            "retention_rate" => m.retention_rate(t)?,
            "survival" => m.survival(t)?,
            "churn_probability" => m.churn_probability(t)?,
            "derl" => m.derl(num(4), t)?,
            other => panic!("unknown quantity {other}"),
        };
        assert!(
            within_documented_precision(got, want),
            "{line}: got {got:e}, relative error {:e}",
            (got - want).abs() / want
        );
        if want >= f64::MIN_POSITIVE {
            worst = worst.max((got - want).abs() / want / (1.0 + want.ln().abs()));
        }
        rows += 1;
    }
    assert!(rows >= 1500, "only {rows} reference rows");
    eprintln!("worst relative error / (1 + |ln v|): {worst:e} over {rows} rows");
    Ok(())
}

#[test]
fn tiny_alpha_plus_beta_no_longer_cancels() -> Result<(), RetentionError> {
    // α + β + t − 1 evaluated left to right lost α + β once t > 1: P(T = 1) was 1e-17/0 = inf.
    let m = SbgModel::new(1e-17, 1e-17)?;
    assert_eq!(m.churn_probability(1)?, 0.5);
    assert_eq!(m.retention_rate(1)?, 0.5);
    // Half leave at once; the rest churn with probability ≈ 1e-17/(t − 1): DERL ≈ ½·(1 + d)/d.
    let derl = SbgModel::new(1e-16, 1e-16)?.derl(0.1, 1)?;
    assert!((derl - 5.5).abs() <= 1e-14, "{derl}");
    Ok(())
}

#[test]
fn f64_max_parameters_do_not_overflow() -> Result<(), RetentionError> {
    let m = SbgModel::new(f64::MAX, f64::MAX)?;
    assert_eq!(m.mean_churn_probability(), 0.5);
    assert_eq!(m.retention_rate(1)?, 0.5);
    assert_eq!(m.churn_probability(1)?, 0.5);
    assert!((m.survival(3)? - 0.125).abs() <= 1e-16);
    assert!((m.derl(0.1, 1)? - 0.5 / (1.0 - 0.5 / 1.1)).abs() <= 1e-15);
    Ok(())
}

#[test]
fn horizons_above_the_limit_are_refused_before_allocating() -> Result<(), RetentionError> {
    // survival_curve(u32::MAX) used to ask for 34 GB and abort.
    let m = SbgModel::new(0.704, 1.182)?;
    let too_large = |r: Result<_, RetentionError>| {
        matches!(r, Err(RetentionError::TooLarge { value, max, .. })
            if value == u64::from(u32::MAX) && max == u64::from(SbgModel::MAX_HORIZON))
    };
    assert!(too_large(m.survival_curve(u32::MAX).map(|_| ())));
    assert!(too_large(m.expected_survivors(1000, u32::MAX).map(|_| ())));
    assert!(too_large(m.projection(u32::MAX).map(|_| ())));
    assert!(too_large(m.survival(u32::MAX).map(|_| ())));
    assert!(too_large(m.churn_probability(u32::MAX).map(|_| ())));
    let err = m.survival_curve(u32::MAX).unwrap_err().to_string();
    assert!(
        err.contains("4294967295") && err.contains("1000000"),
        "{err}"
    );
    // O(1) per period whatever the period: retention rates and DERL at any n.
    assert!(m.retention_rate(u32::MAX)? < 1.0);
    assert!(m.derl(0.1, u32::MAX)?.is_finite());
    Ok(())
}

#[test]
fn the_projection_is_one_pass_that_matches_the_point_queries() -> Result<(), RetentionError> {
    let m = SbgModel::new(0.704, 1.182)?;
    let start = std::time::Instant::now();
    let rows: Vec<_> = m.projection(SbgModel::MAX_HORIZON)?.collect();
    let elapsed = start.elapsed();
    assert_eq!(rows.len(), SbgModel::MAX_HORIZON as usize + 1);
    // O(horizon): the old per-row churn_probability(t) took O(horizon²), hours at 10⁶.
    assert!(elapsed.as_secs() < 20, "{elapsed:?}");
    for t in [1u32, 2, 7, 1000, 123_456, SbgModel::MAX_HORIZON] {
        let row = rows[t as usize];
        assert_eq!(row.period, t);
        assert_eq!(row.retention_rate, Some(m.retention_rate(t)?));
        let (s, p) = (m.survival(t)?, m.churn_probability(t)?);
        assert!((row.survival - s).abs() <= 1e-15 * s, "{t}");
        let got = row.churn_probability.unwrap_or(f64::NAN);
        assert!((got - p).abs() <= 1e-15 * p, "{t}");
    }
    assert!(rows.windows(2).all(|w| w[1].survival <= w[0].survival));
    Ok(())
}

#[test]
fn derl_below_the_smallest_discount_rate_is_refused() -> Result<(), RetentionError> {
    let m = SbgModel::new(1e-300, 1.0)?;
    // The slowest case: churn ≈ 0, the series needs ≈ 5·10⁶ terms at the limit.
    let at_limit = m.derl(SbgModel::MIN_DERL_DISCOUNT, 1)?;
    let want = (1.0 + SbgModel::MIN_DERL_DISCOUNT) / SbgModel::MIN_DERL_DISCOUNT;
    assert!((at_limit - want).abs() <= 1e-9 * want, "{at_limit}");
    assert!(matches!(
        m.derl(1e-6, 1),
        Err(RetentionError::InvalidParameter { name: "d", .. })
    ));
    Ok(())
}

fn log_uniform() -> impl Strategy<Value = f64> {
    (-300.0f64..308.25).prop_map(|e| 10f64.powf(e).min(f64::MAX))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn every_output_is_finite_and_a_share_over_the_whole_domain(a in log_uniform(), b in log_uniform()) {
        let m = SbgModel::new(a, b).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let c = m.mean_churn_probability();
        prop_assert!((0.0..=1.0).contains(&c));
        let mut total = 0.0;
        let mut last = 1.0;
        for row in m.projection(200).map_err(|e| TestCaseError::fail(e.to_string()))? {
            prop_assert!((0.0..=1.0).contains(&row.survival) && row.survival <= last);
            last = row.survival;
            if let (Some(r), Some(p)) = (row.retention_rate, row.churn_probability) {
                prop_assert!((0.0..=1.0).contains(&r) && (0.0..=1.0).contains(&p));
                total += p;
            }
        }
        prop_assert!((total + last - 1.0).abs() <= 1e-12, "{total} + {last}");
        let derl = m.derl(0.1, 3).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(derl.is_finite() && (0.0..=11.0).contains(&derl));
        let ll = m.log_likelihood(&[1000, 631, 468, 382]).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(ll.is_finite() && ll <= 0.0);
    }
}
