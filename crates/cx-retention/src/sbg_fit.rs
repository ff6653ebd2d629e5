//! Maximum-likelihood fitting of the sBG model (see [`crate::sbg`] for the model and sources).
//!
//! The optimiser is a Nelder–Mead simplex on (ln α, ln β), written here: with two parameters
//! the log transform makes the problem unconstrained, the log-likelihood is smooth, and a
//! 60-line simplex reaches the optimum to the precision the likelihood allows (its flatness
//! limits the estimates to about 1e-7) in under 200 evaluations of an O(T) function; a general
//! optimisation framework would add a dependency and nothing else. Standard errors come from
//! the observed information (numeric Hessian).

use crate::sbg::{check_survivors, log_likelihood};
use crate::{RetentionError, SbgModel};

/// The result of [`SbgModel::fit`] and [`SbgModel::fit_cohorts`].
///
/// The optimiser is a Nelder–Mead simplex on (ln α, ln β), written in this crate: with two
/// parameters the log transform makes the problem unconstrained, the log-likelihood is smooth,
/// and the simplex reaches the optimum to the precision the likelihood allows (its flatness
/// limits the estimates to about 1e-7 relative) in under 200 evaluations of an O(T) function;
/// a general optimisation framework would add a dependency and nothing else.
///
/// ```
/// use cx_retention::SbgModel;
/// let fit = SbgModel::fit(&[1000, 631, 468, 382, 326, 289, 262, 241])?;
/// assert!(fit.log_likelihood < 0.0 && fit.evaluations > 0);
/// # Ok::<(), cx_retention::RetentionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SbgFit {
    /// The maximum-likelihood model.
    pub model: SbgModel,
    /// The log-likelihood at the optimum (counts, not per customer).
    pub log_likelihood: f64,
    /// Number of log-likelihood evaluations used.
    pub evaluations: usize,
    /// Asymptotic standard errors of α and β from the observed information (the inverse of
    /// the negative Hessian of the log-likelihood, by central differences); `None` if the
    /// Hessian is not negative definite there.
    pub standard_errors: Option<SbgStandardErrors>,
}

/// Asymptotic standard errors of the sBG estimates (see [`SbgFit::standard_errors`]).
///
/// ```
/// use cx_retention::{RetentionError, SbgModel};
/// let fit = SbgModel::fit(&[1000, 631, 468, 382, 326, 289, 262, 241])?;
/// let se = fit.standard_errors.ok_or(RetentionError::NoConvergence { model: "sBG", iterations: 0 })?;
/// // Regular segment of Fader & Hardie (2007): 0.0656 and 0.1525 by scipy's optimiser and a
/// // numeric Hessian at the maximum.
/// assert!((se.alpha - 0.0656).abs() < 1e-4 && (se.beta - 0.1525).abs() < 1e-4);
/// # Ok::<(), cx_retention::RetentionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SbgStandardErrors {
    /// Standard error of α.
    pub alpha: f64,
    /// Standard error of β.
    pub beta: f64,
    /// Correlation of the two estimates.
    pub correlation: f64,
}

impl SbgModel {
    /// Maximum-likelihood fit to survivor counts of one cohort: `survivors[0]` customers at
    /// the start, `survivors[t]` still customers after `t` periods.
    ///
    /// # Errors
    /// [`RetentionError::InvalidSurvivors`] if there are fewer than three counts (one period
    /// identifies only α/(α + β)), the first is 0, the counts increase, or nobody churns or
    /// everybody churns at once (no finite maximum). Its `index` is the position in
    /// `survivors` of the offending count (`0` for a first count of 0, the first count that
    /// increases, `1` when everybody churns at once), or `survivors.len()` when the counts as a
    /// whole are at fault (too few of them, nobody churns);
    /// [`RetentionError::ConstantChurn`] if the data show no heterogeneity — the likelihood is
    /// highest in the limit α, β → ∞ of a constant churn rate (geometric data such as
    /// 1024, 512, 256, …) — with the maximum-likelihood churn rate of the geometric model to
    /// use instead; [`RetentionError::BoundaryEstimate`] if the maximum lies beyond the range
    /// the fit searches (2e-9 < α, β < 5e8); [`RetentionError::NoConvergence`] if the simplex
    /// does not converge.
    ///
    /// ```
    /// use cx_retention::SbgModel;
    /// // Fader & Hardie (2007), high-end data set, years 0–7: published α = 0.668, β = 3.806.
    /// let fit = SbgModel::fit(&[1000, 869, 743, 653, 593, 551, 517, 491])?;
    /// assert!((fit.model.alpha() - 0.668).abs() < 5e-4);
    /// assert!((fit.model.beta() - 3.806).abs() < 5e-4);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn fit(survivors: &[u64]) -> Result<SbgFit, RetentionError> {
        check_survivors(survivors)?;
        // `fit_cohorts` numbers cohorts, not counts: state the whole-series rules here, with
        // indices into `survivors`.
        let whole = |rule| RetentionError::InvalidSurvivors {
            index: survivors.len(),
            rule,
        };
        if survivors.len() < 3 {
            return Err(whole(
                "need the starting count and at least two later counts: one period identifies only α/(α + β)",
            ));
        }
        if survivors.first() == survivors.last() {
            return Err(whole(
                "nobody churned: the likelihood has no finite maximum",
            ));
        }
        if survivors[1] == 0 {
            return Err(RetentionError::InvalidSurvivors {
                index: 1,
                rule: "everybody churned in the first period: the likelihood has no finite maximum",
            });
        }
        SbgModel::fit_cohorts(&[survivors])
    }

    /// Maximum-likelihood fit to several cohorts at once (pooled likelihood, one (α, β)):
    /// each slice holds one cohort's survivor counts from acquisition, `[n₀, n₁, …]`, and may be
    /// as short as `[n₀]` for a cohort just acquired (it then carries no information). This is
    /// the multi-cohort setting of Fader & Hardie (2010).
    ///
    /// # Errors
    /// [`RetentionError::InvalidSurvivors`] (index = cohort) if a cohort is empty, starts at 0
    /// or increases, if no cohort has three counts (one period identifies only α/(α + β)), if
    /// nobody churned, or if everybody churned in the first period;
    /// [`RetentionError::ConstantChurn`] if the cohorts show no heterogeneity (see
    /// [`fit`](Self::fit)); [`RetentionError::BoundaryEstimate`] if the maximum lies beyond the
    /// range the fit searches; [`RetentionError::NoConvergence`].
    ///
    /// ```
    /// use cx_retention::SbgModel;
    /// // Four cohorts observed for 4, 3, 2 and 1 years (case 1 of the 2010 paper's set-up).
    /// let fit = SbgModel::fit_cohorts(&[
    ///     &[10_000, 8_000, 6_480, 5_307, 4_391],
    ///     &[10_000, 8_000, 6_480, 5_307],
    ///     &[10_000, 8_000, 6_480],
    ///     &[10_000, 8_000],
    ///     &[10_000],
    /// ])?;
    /// // The maximum, α = 3.7981258 (mpmath 1.3.0: root of the gradient at 40 digits), lies on
    /// // a ridge so flat that f64 evaluations pin it down to about 1e-5.
    /// assert!((fit.model.alpha() - 3.7981258).abs() < 1e-5);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn fit_cohorts(cohorts: &[&[u64]]) -> Result<SbgFit, RetentionError> {
        let (mut churned, mut first_renewals, mut observed) = (0u64, 0u64, false);
        for (index, c) in cohorts.iter().enumerate() {
            let bad = |rule| RetentionError::InvalidSurvivors { index, rule };
            let (&n0, &last) = c.first().zip(c.last()).ok_or(bad("empty cohort"))?;
            if n0 == 0 {
                return Err(bad("a cohort starts with 0 customers"));
            }
            if c.windows(2).any(|w| w[1] > w[0]) {
                return Err(bad("survivor counts must not increase"));
            }
            if c.len() > 1 {
                observed |= c.len() > 2;
                churned += n0 - last;
                first_renewals += c[1];
            }
        }
        let none = |rule| RetentionError::InvalidSurvivors {
            index: cohorts.len(),
            rule,
        };
        if !observed {
            return Err(none(
                "no cohort was observed for two periods: one period identifies only α/(α + β), so at least one cohort needs three counts",
            ));
        }
        if churned == 0 {
            return Err(none("nobody churned: the likelihood has no finite maximum"));
        }
        if first_renewals == 0 {
            return Err(none(
                "everybody churned in the first period: the likelihood has no finite maximum",
            ));
        }
        let ll = |a: f64, b: f64| cohorts.iter().map(|c| log_likelihood(a, b, c)).sum::<f64>();
        let f = |x: [f64; 2]| -ll(x[0].exp(), x[1].exp());
        let geometric = Geometric::of(cohorts);
        const MAX_EVALS: usize = 5000;
        let found = nelder_mead(f, [0.0, 0.0], 0.5, 1e-12, MAX_EVALS);
        // No heterogeneity: the likelihood's supremum is the constant-churn limit unless the
        // simplex found a point clearly above it.
        if geometric.no_heterogeneity() {
            let beaten = found.is_some_and(|(x, fx, _)| {
                x.iter().all(|v| v.abs() <= 20.0)
                    && -fx > geometric.log_likelihood + 1e-9 * geometric.log_likelihood.abs()
            });
            if !beaten {
                return Err(RetentionError::ConstantChurn {
                    churn_rate: geometric.churn_rate(),
                    log_likelihood: geometric.log_likelihood,
                });
            }
        }
        let (x, fx, evaluations) = found.ok_or(RetentionError::NoConvergence {
            model: "sBG",
            iterations: MAX_EVALS,
        })?;
        // ln 2e-9 ≈ −20, ln 5e8 ≈ 20: beyond, the optimiser is following a ridge to the edge.
        if x.iter().any(|v| v.abs() > 20.0) {
            return Err(RetentionError::BoundaryEstimate {
                model: "sBG",
                alpha: x[0].exp(),
                beta: x[1].exp(),
            });
        }
        let model = SbgModel::new(x[0].exp(), x[1].exp())?;
        let standard_errors = standard_errors(model, ll);
        Ok(SbgFit {
            model,
            log_likelihood: -fx,
            evaluations,
            standard_errors,
        })
    }
}

/// The constant-churn (geometric) limit of the sBG model, α, β → ∞ with α/(α + β) = p, and
/// the score test that says whether the sBG likelihood can rise above it.
///
/// With κ = 1/(α + β) and p = α/(α + β), r(j) = (1 − p + κ(j − 1))/(1 + κ(j − 1)) is smooth
/// in κ at κ = 0, where the model is geometric. The geometric MLE is p̂ = D/E (D customers
/// lost, E customer-periods at risk), and the derivative of the log-likelihood in κ at
/// (p̂, 0) is D·Q/(E − D) − A, with A = Σ dₜ(t − 1) and
/// Q = Σ dₜ(t − 1)(t − 2)/2 + n_T·T(T − 1)/2 over each cohort's losses dₜ at period t and
/// its n_T survivors at its last period T. When it is ≤ 0, heterogeneity does not raise
/// the likelihood near the limit (for exact geometric data it is exactly 0). All four sums
/// are integers, so the sign is decided exactly.
struct Geometric {
    lost: u128,
    exposure: u128,
    /// A·(E − D) and D·Q, or `None` if they overflow u128 (then compared in f64).
    sides: Option<(u128, u128)>,
    sides_f64: (f64, f64),
    log_likelihood: f64,
}

impl Geometric {
    fn of(cohorts: &[&[u64]]) -> Geometric {
        let (mut lost, mut exposure, mut a, mut q) = (0u128, 0u128, 0u128, 0u128);
        let (mut a_f, mut q_f) = (0.0f64, 0.0f64);
        let mut exact = true;
        for c in cohorts {
            for (t, w) in (1u128..).zip(c.windows(2)) {
                let d = u128::from(w[0] - w[1]);
                lost += d;
                exposure += d * t;
                let (at, qt) = (t - 1, (t - 1) * t.saturating_sub(2) / 2);
                match (d.checked_mul(at), d.checked_mul(qt)) {
                    (Some(x), Some(y)) => {
                        a = a.saturating_add(x);
                        q = q.saturating_add(y);
                    }
                    _ => exact = false,
                }
                a_f += d as f64 * at as f64;
                q_f += d as f64 * qt as f64;
            }
            if let (Some(&last), Ok(big_t)) = (c.last(), u128::try_from(c.len() - 1)) {
                let n = u128::from(last);
                exposure += n * big_t;
                let qt = big_t * big_t.saturating_sub(1) / 2;
                match n.checked_mul(qt) {
                    Some(y) => q = q.saturating_add(y),
                    None => exact = false,
                }
                q_f += n as f64 * qt as f64;
            }
        }
        let kept = exposure - lost;
        let sides = exact
            .then(|| a.checked_mul(kept).zip(lost.checked_mul(q)))
            .flatten();
        let (lost_f, kept_f) = (lost as f64, kept as f64);
        let p = lost_f / exposure as f64;
        let log_likelihood = lost_f * p.ln() + if kept > 0 { kept_f * (-p).ln_1p() } else { 0.0 };
        Geometric {
            lost,
            exposure,
            sides,
            sides_f64: (a_f * kept_f, lost_f * q_f),
            log_likelihood,
        }
    }

    /// The derivative in κ at the constant-churn limit is ≤ 0.
    fn no_heterogeneity(&self) -> bool {
        match self.sides {
            Some((a_kept, lost_q)) => lost_q <= a_kept,
            None => self.sides_f64.1 <= self.sides_f64.0,
        }
    }

    fn churn_rate(&self) -> f64 {
        self.lost as f64 / self.exposure as f64
    }
}

/// Standard errors from the inverse of the negative Hessian of the log-likelihood in (α, β),
/// by central differences with steps of 10⁻⁴ of each parameter.
fn standard_errors(m: SbgModel, ll: impl Fn(f64, f64) -> f64) -> Option<SbgStandardErrors> {
    let (a, b) = (m.alpha(), m.beta());
    let (ha, hb) = (1e-4 * a, 1e-4 * b);
    let f = ll;
    let f0 = f(a, b);
    let haa = (f(a + ha, b) - 2.0 * f0 + f(a - ha, b)) / (ha * ha);
    let hbb = (f(a, b + hb) - 2.0 * f0 + f(a, b - hb)) / (hb * hb);
    let hab = (f(a + ha, b + hb) - f(a + ha, b - hb) - f(a - ha, b + hb) + f(a - ha, b - hb))
        / (4.0 * ha * hb);
    // Observed information I = −H; covariance = I⁻¹.
    let (iaa, ibb, iab) = (-haa, -hbb, -hab);
    let det = iaa * ibb - iab * iab;
    if !(iaa > 0.0 && det > 0.0 && det.is_finite()) {
        return None;
    }
    let (var_a, var_b, cov) = (ibb / det, iaa / det, -iab / det);
    Some(SbgStandardErrors {
        alpha: var_a.sqrt(),
        beta: var_b.sqrt(),
        correlation: cov / (var_a * var_b).sqrt(),
    })
}

/// Nelder–Mead simplex minimisation in two dimensions (standard coefficients 1, 2, ½, ½).
/// Stops when the simplex's function values agree to `ftol` (relative) and its vertices to
/// 1e-10; returns the best vertex, its value and the number of evaluations.
fn nelder_mead<F: Fn([f64; 2]) -> f64>(
    f: F,
    x0: [f64; 2],
    step: f64,
    ftol: f64,
    max_evals: usize,
) -> Option<([f64; 2], f64, usize)> {
    let mut s = [x0, [x0[0] + step, x0[1]], [x0[0], x0[1] + step]];
    let mut v = s.map(&f);
    let mut evals = 3;
    let lerp =
        |a: [f64; 2], b: [f64; 2], t: f64| [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
    while evals < max_evals {
        // Order: s[0] best, s[2] worst.
        let mut idx = [0, 1, 2];
        idx.sort_by(|&i, &j| v[i].total_cmp(&v[j]));
        s = idx.map(|i| s[i]);
        v = idx.map(|i| v[i]);
        let spread = (v[2] - v[0]).abs();
        let size = (0..2)
            .map(|d| (s[1][d] - s[0][d]).abs().max((s[2][d] - s[0][d]).abs()))
            .fold(0.0, f64::max);
        if spread <= ftol * v[0].abs().max(1e-300) && size <= 1e-10 {
            return v[0].is_finite().then_some((s[0], v[0], evals));
        }
        let centroid = lerp(s[0], s[1], 0.5);
        let reflected = lerp(centroid, s[2], -1.0);
        let fr = f(reflected);
        evals += 1;
        if fr < v[0] {
            let expanded = lerp(centroid, s[2], -2.0);
            let fe = f(expanded);
            evals += 1;
            (s[2], v[2]) = if fe < fr {
                (expanded, fe)
            } else {
                (reflected, fr)
            };
        } else if fr < v[1] {
            (s[2], v[2]) = (reflected, fr);
        } else {
            let (contracted, fc) = if fr < v[2] {
                let c = lerp(centroid, reflected, 0.5);
                (c, f(c))
            } else {
                let c = lerp(centroid, s[2], 0.5);
                (c, f(c))
            };
            evals += 1;
            if fc < v[2].min(fr) {
                (s[2], v[2]) = (contracted, fc);
            } else {
                for i in 1..3 {
                    s[i] = lerp(s[0], s[i], 0.5);
                    v[i] = f(s[i]);
                }
                evals += 2;
            }
        }
    }
    None
}
