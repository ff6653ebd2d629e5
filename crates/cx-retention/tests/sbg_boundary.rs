//! The sBG fit at the constant-churn boundary: data without heterogeneity (a geometric model,
//! α, β → ∞ with α/(α + β) fixed) get the documented `ConstantChurn` error with the churn rate
//! to use, exactly and near-exactly geometric data are told apart from data with some
//! heterogeneity, and the verdict agrees with the likelihood itself.

use cx_retention::{RetentionError, SbgModel};

/// The sBG log-likelihood on a grid of α, β from 1e-3 to 1e12: its largest value.
fn grid_max(survivors: &[u64]) -> Result<f64, RetentionError> {
    let mut best = f64::NEG_INFINITY;
    for i in -12..=48 {
        for j in -12..=48 {
            let (a, b) = (
                10f64.powf(f64::from(i) / 4.0),
                10f64.powf(f64::from(j) / 4.0),
            );
            best = best.max(SbgModel::new(a, b)?.log_likelihood(survivors)?);
        }
    }
    Ok(best)
}

fn constant_churn(survivors: &[u64]) -> Option<(f64, f64)> {
    match SbgModel::fit(survivors) {
        Err(RetentionError::ConstantChurn {
            churn_rate,
            log_likelihood,
        }) => Some((churn_rate, log_likelihood)),
        _ => None,
    }
}

#[test]
fn exact_geometric_data_get_the_constant_churn_error_with_their_rate() -> Result<(), RetentionError>
{
    // Halving every period used to fit α ≈ β ≈ 4.9e7 instead of the documented boundary error.
    let halving = [1024, 512, 256, 128, 64, 32];
    let (rate, ll) =
        constant_churn(&halving).unwrap_or_else(|| panic!("{:?}", SbgModel::fit(&halving)));
    assert_eq!(rate, 0.5);
    // Geometric log-likelihood: 992·ln 0.5 + 992·ln 0.5.
    assert!((ll - 1984.0 * 0.5f64.ln()).abs() <= 1e-9, "{ll}");
    assert!(grid_max(&halving)? <= ll + 1e-9);
    // 20 % churn, exactly: 3125·0.8ᵗ.
    let (rate, _) = constant_churn(&[3125, 2500, 2000, 1600, 1280, 1024])
        .unwrap_or_else(|| panic!("not at the boundary"));
    assert_eq!(rate, 0.2);
    // Several cohorts of one geometric process.
    let err = SbgModel::fit_cohorts(&[&[1024, 512, 256, 128], &[64, 32, 16], &[8]]).unwrap_err();
    assert!(
        matches!(err, RetentionError::ConstantChurn { churn_rate, .. } if churn_rate == 0.5),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("constant churn rate of 0.5") && msg.contains("geometric"),
        "{msg}"
    );
    Ok(())
}

#[test]
fn near_geometric_data_split_by_whether_retention_rises() -> Result<(), RetentionError> {
    // Retention falling slightly with tenure: no heterogeneity can explain it, the boundary wins.
    for data in [[1000, 500, 249, 123, 60, 29], [1000, 500, 250, 125, 62, 31]] {
        let (rate, ll) = constant_churn(&data).unwrap_or_else(|| panic!("{data:?}"));
        let lost = (data[0] - data[5]) as f64;
        let exposure: f64 = data[1..].iter().map(|&n| n as f64).sum::<f64>() + lost;
        assert_eq!(rate, lost / exposure);
        assert!(grid_max(&data)? <= ll + 1e-9, "{data:?}");
    }
    // Retention rising slightly: an interior maximum with large, finite α and β, above the
    // constant-churn likelihood.
    for data in [[1000, 500, 251, 127, 65, 34], [1000, 500, 250, 125, 63, 32]] {
        let fit = SbgModel::fit(&data)?;
        let (a, b) = (fit.model.alpha(), fit.model.beta());
        assert!(a > 10.0 && b > 10.0 && a < 1e4 && b < 1e4, "{a} {b}");
        let lost = (data[0] - data[5]) as f64;
        let exposure: f64 = data[1..].iter().map(|&n| n as f64).sum::<f64>() + lost;
        let p = lost / exposure;
        let geometric = lost * p.ln() + (exposure - lost) * (1.0 - p).ln();
        assert!(fit.log_likelihood > geometric, "{data:?}");
        assert!(fit.log_likelihood >= grid_max(&data)? - 1e-9);
    }
    Ok(())
}

#[test]
fn fader_hardie_data_are_far_from_the_boundary() -> Result<(), RetentionError> {
    // Fader & Hardie (2007), "regular" segment, years 0–7: clear heterogeneity.
    let fit = SbgModel::fit(&[1000, 631, 468, 382, 326, 289, 262, 241])?;
    assert!((fit.model.alpha() - 0.704).abs() < 5e-4);
    Ok(())
}
