//! The shifted-beta-geometric (sBG) retention model of Fader & Hardie.
//!
//! Source: P. S. Fader and B. G. S. Hardie, "How to Project Customer Retention", *Journal of
//! Interactive Marketing* 21(1), 2007. Each customer renews at the end of every period with
//! their own probability `1 − θ`; churn probabilities `θ` vary across customers as
//! Beta(α, β). For a cohort this gives, for `t ≥ 1` periods (renewal opportunities):
//!
//! - P(T = t) = B(α + 1, β + t − 1) / B(α, β), the share churning at period `t`;
//! - S(t) = B(α, β + t) / B(α, β), the share surviving `t` periods (S(0) = 1);
//! - r(t) = S(t) / S(t − 1) = (β + t − 1) / (α + β + t − 1), the retention rate of period `t`,
//!   which **rises with tenure** (the least loyal leave first) even though no customer's own
//!   probability changes.
//!
//! They are computed by these recursions (r(t) and P(T = t) = S(t − 1)·α/(α + β + t − 1)),
//! which are exact and need no special functions.
//!
//! **Fitting.** [`SbgModel::fit`] maximises the likelihood of survivor counts `n₀ ≥ n₁ ≥ … ≥ n_T`
//! of one cohort: LL = Σₜ (nₜ₋₁ − nₜ)·ln P(T = t) + n_T·ln S(T);
//! [`SbgModel::fit_cohorts`] sums it over several cohorts. The optimiser is a hand-written
//! Nelder–Mead simplex on (ln α, ln β) (why: see the `sbg_fit` notes on [`SbgFit`]); the fit
//! reports standard errors from the observed information. It reproduces the paper's estimates
//! for both of its data sets (tests: `tests/sbg_fader_hardie.rs`).
//!
//! **DERL.** The discounted expected residual lifetime of Fader & Hardie, "Customer-Base
//! Valuation in a Contractual Setting: The Perils of Ignoring Heterogeneity", *Marketing
//! Science* 29(1), 2010, equation (6): for a customer who has made `n − 1` renewals, valued just
//! before the `n`-th renewal decision, with discount rate `d` per period,
//! DERL = Σ_{k≥1} S(n − 1 + k)/S(n − 1) · (1 + d)^{−(k−1)}
//! = (β + n − 1)/(α + β + n − 1) · ₂F₁(1, β + n; α + β + n; 1/(1 + d)).
//! Multiply by the margin per period for the residual value of the customer.

use crate::RetentionError;

pub use crate::sbg_fit::{SbgFit, SbgStandardErrors};

/// An sBG model with validated parameters α > 0 and β > 0.
///
/// ```
/// use cx_retention::SbgModel;
/// // Fader & Hardie (2007), "regular" data set estimates.
/// let m = SbgModel::new(0.704, 1.182)?;
/// assert!((m.retention_rate(1)? - 1.182 / 1.886).abs() < 1e-15);
/// assert!(m.retention_rate(8)? > m.retention_rate(2)?); // rises with tenure
/// assert!((m.survival(1)? - 1.182 / 1.886).abs() < 1e-15);
/// # Ok::<(), cx_retention::RetentionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawSbg"))]
pub struct SbgModel {
    alpha: f64,
    beta: f64,
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawSbg {
    alpha: f64,
    beta: f64,
}

#[cfg(feature = "serde")]
impl TryFrom<RawSbg> for SbgModel {
    type Error = RetentionError;
    fn try_from(r: RawSbg) -> Result<Self, RetentionError> {
        SbgModel::new(r.alpha, r.beta)
    }
}

fn check_period(t: u32) -> Result<(), RetentionError> {
    if t == 0 {
        return Err(RetentionError::InvalidParameter {
            name: "t",
            value: 0.0,
            rule: "periods are numbered from 1",
        });
    }
    Ok(())
}

impl SbgModel {
    /// A model with shape parameters `alpha` and `beta` of the Beta distribution of churn
    /// probabilities.
    ///
    /// # Errors
    /// [`RetentionError::InvalidParameter`] unless both are finite and > 0.
    ///
    /// ```
    /// use cx_retention::SbgModel;
    /// assert!(SbgModel::new(0.0, 1.0).is_err());
    /// assert!(SbgModel::new(1.0, f64::NAN).is_err());
    /// ```
    pub fn new(alpha: f64, beta: f64) -> Result<SbgModel, RetentionError> {
        for (name, value) in [("alpha", alpha), ("beta", beta)] {
            if !(value.is_finite() && value > 0.0) {
                return Err(RetentionError::InvalidParameter {
                    name,
                    value,
                    rule: "finite and > 0",
                });
            }
        }
        Ok(SbgModel { alpha, beta })
    }

    /// α, the first shape parameter.
    ///
    /// ```
    /// assert_eq!(cx_retention::SbgModel::new(0.7, 1.2)?.alpha(), 0.7);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn alpha(self) -> f64 {
        self.alpha
    }

    /// β, the second shape parameter.
    ///
    /// ```
    /// assert_eq!(cx_retention::SbgModel::new(0.7, 1.2)?.beta(), 1.2);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn beta(self) -> f64 {
        self.beta
    }

    /// Mean churn probability α / (α + β) (= 1 − r(1)).
    ///
    /// ```
    /// assert_eq!(cx_retention::SbgModel::new(1.0, 3.0)?.mean_churn_probability(), 0.25);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn mean_churn_probability(self) -> f64 {
        self.alpha / (self.alpha + self.beta)
    }

    /// Retention rate of period `t ≥ 1`: r(t) = (β + t − 1)/(α + β + t − 1).
    ///
    /// # Errors
    /// [`RetentionError::InvalidParameter`] if `t = 0`.
    ///
    /// ```
    /// assert_eq!(cx_retention::SbgModel::new(1.0, 3.0)?.retention_rate(2)?, 0.8);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn retention_rate(self, t: u32) -> Result<f64, RetentionError> {
        check_period(t)?;
        Ok(self.r(t))
    }

    fn r(self, t: u32) -> f64 {
        let k = f64::from(t) - 1.0;
        (self.beta + k) / (self.alpha + self.beta + k)
    }

    /// Share of a cohort surviving `t` periods, S(t) (S(0) = 1); non-increasing in `t`.
    ///
    /// # Errors
    /// Never for a valid model; the `Result` keeps the signature uniform with `retention_rate`.
    ///
    /// ```
    /// let m = cx_retention::SbgModel::new(1.0, 3.0)?;
    /// assert_eq!(m.survival(0)?, 1.0);
    /// assert_eq!(m.survival(2)?, 0.75 * 0.8);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn survival(self, t: u32) -> Result<f64, RetentionError> {
        Ok((1..=t).fold(1.0, |s, k| s * self.r(k)))
    }

    /// S(0), S(1), …, S(`horizon`).
    ///
    /// ```
    /// let s = cx_retention::SbgModel::new(0.668, 3.806)?.survival_curve(12);
    /// assert_eq!(s.len(), 13);
    /// assert!(s.windows(2).all(|w| w[1] <= w[0]));
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn survival_curve(self, horizon: u32) -> Vec<f64> {
        let mut s = Vec::with_capacity(horizon as usize + 1);
        let mut cur = 1.0;
        s.push(cur);
        for t in 1..=horizon {
            cur *= self.r(t);
            s.push(cur);
        }
        s
    }

    /// The expected number of a cohort of `cohort_size` customers still active at periods
    /// 0, 1, …, `horizon`: `cohort_size · S(t)` (not rounded; the first entry is the cohort
    /// size).
    ///
    /// ```
    /// let m = cx_retention::SbgModel::new(1.0, 3.0)?;
    /// let e = m.expected_survivors(1000, 2);
    /// assert_eq!(e[..2], [1000.0, 750.0]);
    /// assert!((e[2] - 600.0).abs() < 1e-9);
    /// // Fader & Hardie (2007), regular segment: about 631 of 1000 after one year.
    /// let regular = cx_retention::SbgModel::new(0.704, 1.182)?;
    /// assert!((regular.expected_survivors(1000, 1)[1] - 626.7).abs() < 0.1);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn expected_survivors(self, cohort_size: u64, horizon: u32) -> Vec<f64> {
        let n = cohort_size as f64;
        self.survival_curve(horizon)
            .into_iter()
            .map(|s| n * s)
            .collect()
    }

    /// P(T = t): the share of the cohort churning at period `t ≥ 1`.
    ///
    /// # Errors
    /// [`RetentionError::InvalidParameter`] if `t = 0`.
    ///
    /// ```
    /// let m = cx_retention::SbgModel::new(1.0, 3.0)?;
    /// assert_eq!(m.churn_probability(1)?, 0.25);
    /// assert!((m.churn_probability(2)? - 0.75 * 0.2).abs() < 1e-16);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn churn_probability(self, t: u32) -> Result<f64, RetentionError> {
        check_period(t)?;
        let s_prev = self.survival(t - 1)?;
        Ok(s_prev * self.alpha / (self.alpha + self.beta + f64::from(t) - 1.0))
    }

    /// Log-likelihood of survivor counts `n₀ ≥ n₁ ≥ … ≥ n_T` of one cohort under this model.
    ///
    /// # Errors
    /// [`RetentionError::InvalidSurvivors`] as for [`fit`](Self::fit).
    ///
    /// ```
    /// // At α = β = 1 on the high-end data (research note: −2115.55).
    /// let m = cx_retention::SbgModel::new(1.0, 1.0)?;
    /// let ll = m.log_likelihood(&[1000, 869, 743, 653, 593, 551, 517, 491])?;
    /// assert!((ll + 2115.55).abs() < 0.01);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn log_likelihood(self, survivors: &[u64]) -> Result<f64, RetentionError> {
        check_survivors(survivors)?;
        Ok(log_likelihood(self.alpha, self.beta, survivors))
    }

    /// Discounted expected residual lifetime (DERL) of a customer who has made `n − 1`
    /// renewals, valued just before the `n`-th renewal decision, at discount rate `d` per
    /// period (Fader & Hardie 2010, eq. 6; see the module docs). The next payment is counted
    /// undiscounted.
    ///
    /// # Errors
    /// [`RetentionError::InvalidParameter`] if `n = 0`, or `d` is not finite and > 0 (at
    /// `d = 0` the sum diverges whenever α ≤ 1); [`RetentionError::NoConvergence`] if the
    /// series needs more than 10⁸ terms (`d` extremely small).
    ///
    /// ```
    /// use cx_retention::SbgModel;
    /// // High-end data of Fader & Hardie (2007) at the maximum-likelihood fit, d = 10 %, n = 8:
    /// // 7.529628 in the project's research note (₂F₁ form, checked against the series).
    /// let m = SbgModel::fit(&[1000, 869, 743, 653, 593, 551, 517, 491])?.model;
    /// assert!((m.derl(0.10, 8)? - 7.529628).abs() < 5e-6);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn derl(self, d: f64, n: u32) -> Result<f64, RetentionError> {
        check_period(n).map_err(|_| RetentionError::InvalidParameter {
            name: "n",
            value: 0.0,
            rule: "the renewal about to be decided, numbered from 1",
        })?;
        if !(d.is_finite() && d > 0.0) {
            return Err(RetentionError::InvalidParameter {
                name: "d",
                value: d,
                rule: "finite and > 0",
            });
        }
        const MAX_TERMS: u64 = 100_000_000;
        let disc = 1.0 / (1.0 + d);
        let (a, b) = (self.alpha, self.beta + f64::from(n) - 1.0);
        // term_k = S(n−1+k)/S(n−1)·disc^(k−1); term_1 = r(n); term_{k+1} = term_k·r(n+k)·disc.
        let mut term = b / (a + b);
        let mut sum = 0.0;
        let mut k = 0u64;
        loop {
            sum += term;
            k += 1;
            let j = k as f64;
            term *= (b + j) / (a + b + j) * disc;
            // Remaining tail ≤ term / (1 − disc) since the ratio is below disc.
            if term <= f64::EPSILON * 0.25 * sum * (1.0 - disc) {
                return Ok(sum + term);
            }
            if k >= MAX_TERMS {
                return Err(RetentionError::NoConvergence {
                    model: "sBG DERL series",
                    iterations: k as usize,
                });
            }
        }
    }
}

pub(crate) fn check_survivors(survivors: &[u64]) -> Result<(), RetentionError> {
    if survivors.len() < 2 {
        return Err(RetentionError::InvalidSurvivors {
            index: survivors.len(),
            rule: "need the starting count and at least one later count",
        });
    }
    if survivors[0] == 0 {
        return Err(RetentionError::InvalidSurvivors {
            index: 0,
            rule: "the cohort starts with 0 customers",
        });
    }
    if let Some(i) = survivors.windows(2).position(|w| w[1] > w[0]) {
        return Err(RetentionError::InvalidSurvivors {
            index: i + 1,
            rule: "survivor counts must not increase",
        });
    }
    Ok(())
}

/// LL = Σₜ (nₜ₋₁ − nₜ)·ln P(T = t) + n_T·ln S(T), by the recursions of the module docs.
pub(crate) fn log_likelihood(alpha: f64, beta: f64, n: &[u64]) -> f64 {
    let mut ll = 0.0;
    let mut log_s = 0.0; // ln S(t − 1)
    for t in 1..n.len() {
        let denom = alpha + beta + (t - 1) as f64;
        let churned = (n[t - 1] - n[t]) as f64;
        if churned > 0.0 {
            ll += churned * (log_s + (alpha / denom).ln());
        }
        log_s += ((beta + (t - 1) as f64) / denom).ln();
    }
    let last = n[n.len() - 1] as f64;
    if last > 0.0 {
        ll += last * log_s;
    }
    ll
}
