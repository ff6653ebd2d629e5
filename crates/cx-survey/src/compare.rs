//! Two-sample comparisons: is the change in NPS, in a share or in a mean between two periods or
//! segments real? Each returns a named struct with the **signed** difference `first − second`,
//! its interval, the test statistic and the two-sided p-value.
//!
//! - NPS: the z test of the R package `NPS` (`nps_test(x, y)`): `SE = √(V₁/n₁ + V₂/n₂)`, with
//!   adjusted counts (¾, 1½, ¾) for [`NpsTest::AdjustedWald`] (the default). R reports `|Δ|` and an
//!   interval around it; here the sign is kept, so an interval entirely below 0 says the first
//!   NPS is lower. The interval is clamped to −200..=200.
//! - Shares: the pooled two-proportion z test (statsmodels `proportions_ztest`, R
//!   `prop.test(correct = FALSE)`) and Newcombe's hybrid score interval for the difference
//!   (Newcombe 1998, method 10; statsmodels `confint_proportions_2indep(method="newcomb")`);
//!   for small counts, Fisher's exact test ([`fisher_exact_p`]).
//! - Means: Welch's t test with Welch–Satterthwaite degrees of freedom (scipy
//!   `ttest_ind(equal_var=False)`).

use crate::nps_interval::centre_and_variance;
use crate::special::{normal_two_sided_p, t_two_sided_p};
use crate::{Confidence, MeanScore, Nps, Proportion, ShareMethod, SurveyError};

/// Which variance the NPS comparison uses.
///
/// ```
/// assert_eq!(cx_survey::NpsTest::default(), cx_survey::NpsTest::AdjustedWald);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum NpsTest {
    /// Both samples with pseudo-counts ¾ / 1½ / ¾ (R `test = "adjusted.wald"`).
    #[default]
    AdjustedWald,
    /// Raw counts (R `test = "wald"`).
    Wald,
}

/// The difference between two NPS values, `first − second`, in NPS points.
///
/// ```
/// use cx_survey::{Confidence, Nps, NpsTest, compare_nps};
/// let q1 = Nps::from_counts(70, 10, 20)?;
/// let q2 = Nps::from_counts(300, 500, 200)?;
/// let d = compare_nps(&q2, &q1, NpsTest::Wald, Confidence::NINETY_FIVE);
/// assert_eq!(d.difference, -40.0);
/// assert!(d.upper < 0.0); // the second period is significantly lower, and the sign says so
/// assert!(d.p_value < 1e-5);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct NpsDifference {
    /// The observed difference of the two scores, `first − second`, in −200..=200.
    pub difference: f64,
    /// The centre of the interval: the observed difference for Wald, the difference of the
    /// adjusted scores for adjusted Wald.
    pub centre: f64,
    /// The lower end, in NPS points.
    pub lower: f64,
    /// The upper end, in NPS points.
    pub upper: f64,
    /// The standard error of the difference, in NPS points.
    pub standard_error: f64,
    /// The z statistic `centre / standard_error` (0 when both are 0).
    pub z: f64,
    /// The two-sided p-value of "no difference".
    pub p_value: f64,
    /// The test.
    pub test: NpsTest,
    /// The confidence level of the interval.
    pub confidence: Confidence,
}

/// Compares two NPS values; see [`NpsDifference`].
///
/// ```
/// use cx_survey::{Confidence, Nps, NpsTest, compare_nps};
/// // R package NPS: nps_test(70/10/20 vs 300/500/200, "adjusted.wald"): |Δ| = 0.385736,
/// // SE = 0.0826165, p = 3.02680e-06.
/// let d = compare_nps(&Nps::from_counts(70, 10, 20)?, &Nps::from_counts(300, 500, 200)?,
///     NpsTest::AdjustedWald, Confidence::NINETY_FIVE);
/// assert!((d.centre - 38.5736).abs() < 5e-5);
/// assert!((d.standard_error - 8.26165).abs() < 5e-5);
/// assert!((d.p_value - 3.02680e-06).abs() < 5e-11);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
pub fn compare_nps(
    first: &Nps,
    second: &Nps,
    test: NpsTest,
    confidence: Confidence,
) -> NpsDifference {
    let pseudo = match test {
        NpsTest::AdjustedWald => (0.75, 1.5, 0.75),
        NpsTest::Wald => (0.0, 0.0, 0.0),
    };
    let side = |n: &Nps| {
        let (p, a, d) = (
            n.promoters() as f64 + pseudo.0,
            n.passives() as f64 + pseudo.1,
            n.detractors() as f64 + pseudo.2,
        );
        let (c, v) = centre_and_variance(p, a, d);
        (c, v / (p + a + d))
    };
    let (c1, v1) = side(first);
    let (c2, v2) = side(second);
    let centre = c1 - c2;
    let se = (v1 + v2).sqrt();
    let z = if se > 0.0 {
        centre / se
    } else if centre == 0.0 {
        0.0
    } else {
        centre.signum() * f64::INFINITY
    };
    let h = confidence.z() * se;
    NpsDifference {
        difference: first.score().value() - second.score().value(),
        centre: 100.0 * centre,
        lower: (100.0 * (centre - h)).clamp(-200.0, 200.0),
        upper: (100.0 * (centre + h)).clamp(-200.0, 200.0),
        standard_error: 100.0 * se,
        z,
        p_value: normal_two_sided_p(z),
        test,
        confidence,
    }
}

/// The difference between two shares, `first − second`.
///
/// ```
/// use cx_survey::{Confidence, Proportion, compare_shares};
/// // statsmodels proportions_ztest([85, 70], [100, 100]): z = 2.5400025400038104,
/// // p = 0.011085166380602684; Newcombe interval [0.03410770350141125, 0.2614859820481132].
/// let d = compare_shares(Proportion::new(85, 100)?, Proportion::new(70, 100)?, Confidence::NINETY_FIVE);
/// assert!((d.z - 2.5400025400038104).abs() < 1e-12);
/// assert!((d.lower - 0.03410770350141125).abs() < 1e-12);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ShareDifference {
    /// `p̂₁ − p̂₂`, in −1..=1.
    pub difference: f64,
    /// The lower end of Newcombe's hybrid score interval.
    pub lower: f64,
    /// The upper end of Newcombe's hybrid score interval.
    pub upper: f64,
    /// The pooled z statistic.
    pub z: f64,
    /// The two-sided p-value of the pooled z test.
    pub p_value: f64,
    /// The confidence level of the interval.
    pub confidence: Confidence,
}

/// Compares two shares; see [`ShareDifference`].
///
/// ```
/// use cx_survey::{Confidence, Proportion, compare_shares};
/// let d = compare_shares(Proportion::new(5, 200)?, Proportion::new(12, 180)?, Confidence::NINETY_FIVE);
/// assert!(d.difference < 0.0 && d.lower < 0.0);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
pub fn compare_shares(
    first: Proportion,
    second: Proportion,
    confidence: Confidence,
) -> ShareDifference {
    let (x1, n1) = (first.successes() as f64, first.n() as f64);
    let (x2, n2) = (second.successes() as f64, second.n() as f64);
    let (p1, p2) = (x1 / n1, x2 / n2);
    let diff = p1 - p2;
    let pooled = (x1 + x2) / (n1 + n2);
    let se = (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
    let z = if se > 0.0 { diff / se } else { 0.0 };
    let w1 = first.interval(ShareMethod::Wilson, confidence);
    let w2 = second.interval(ShareMethod::Wilson, confidence);
    let (l1, u1) = (w1.lower.value(), w1.upper.value());
    let (l2, u2) = (w2.lower.value(), w2.upper.value());
    let lower = diff - ((p1 - l1).powi(2) + (u2 - p2).powi(2)).sqrt();
    let upper = diff + ((u1 - p1).powi(2) + (p2 - l2).powi(2)).sqrt();
    ShareDifference {
        difference: diff,
        lower: lower.clamp(-1.0, 1.0),
        upper: upper.clamp(-1.0, 1.0),
        z,
        p_value: normal_two_sided_p(z),
        confidence,
    }
}

/// The difference between two means, `first − second`, by Welch's t test.
///
/// ```
/// use cx_survey::{Confidence, MeanScore, compare_means};
/// // scipy ttest_ind_from_stats(4.2, 0.9, 50, 3.9, 1.1, 60, equal_var=False):
/// // t = 1.5731477257988429, p = 0.11861046793302928, df = 107.9704167662746.
/// let d = compare_means(&MeanScore::from_summary(50, 4.2, 0.9)?,
///     &MeanScore::from_summary(60, 3.9, 1.1)?, Confidence::NINETY_FIVE)?;
/// assert!((d.t - 1.5731477257988429).abs() < 1e-12);
/// assert!((d.p_value - 0.11861046793302928).abs() < 1e-12);
/// assert!(d.lower < 0.0 && d.upper > 0.0);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MeanDifference {
    /// `x̄₁ − x̄₂`.
    pub difference: f64,
    /// The lower end of the Welch interval.
    pub lower: f64,
    /// The upper end of the Welch interval.
    pub upper: f64,
    /// The Welch t statistic.
    pub t: f64,
    /// The Welch–Satterthwaite degrees of freedom.
    pub degrees_of_freedom: f64,
    /// The two-sided p-value.
    pub p_value: f64,
    /// The confidence level of the interval.
    pub confidence: Confidence,
}

/// Compares two means; see [`MeanDifference`].
///
/// # Errors
/// [`SurveyError::TooFewResponses`] when a side has fewer than 2 answers, and
/// [`SurveyError::OutOfRange`] when both standard deviations are 0 (no variance to test against).
///
/// ```
/// use cx_survey::{Confidence, MeanScore, compare_means};
/// let one = MeanScore::from_summary(1, 4.0, 0.0)?;
/// let many = MeanScore::from_summary(30, 4.0, 1.0)?;
/// assert!(compare_means(&one, &many, Confidence::NINETY_FIVE).is_err());
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
pub fn compare_means(
    first: &MeanScore,
    second: &MeanScore,
    confidence: Confidence,
) -> Result<MeanDifference, SurveyError> {
    for m in [first, second] {
        if m.n() < 2 {
            return Err(SurveyError::TooFewResponses {
                what: "Welch's t test",
                n: m.n(),
                needed: 2,
            });
        }
    }
    let (n1, n2) = (first.n() as f64, second.n() as f64);
    // Standard errors scaled by the larger one, so that no square underflows or overflows.
    let (s1, s2) = (first.std_dev() / n1.sqrt(), second.std_dev() / n2.sqrt());
    let scale = s1.max(s2);
    if scale == 0.0 {
        return Err(SurveyError::OutOfRange {
            name: "standard deviation",
            value: 0.0,
            range: "> 0 in at least one sample",
        });
    }
    let (q1, q2) = ((s1 / scale).powi(2), (s2 / scale).powi(2));
    let se = scale * (q1 + q2).sqrt();
    // Welch–Satterthwaite, written with the share r of the first variance; it lies between
    // min(n1, n2) − 1 ≥ 1 and n1 + n2 − 2.
    let r = q1 / (q1 + q2);
    let df = 1.0 / (r * r / (n1 - 1.0) + (1.0 - r) * (1.0 - r) / (n2 - 1.0));
    let diff = first.mean() - second.mean();
    let t = diff / se;
    let h = confidence.t(df)? * se;
    Ok(MeanDifference {
        difference: diff,
        lower: diff - h,
        upper: diff + h,
        t,
        degrees_of_freedom: df,
        p_value: t_two_sided_p(t, df),
        confidence,
    })
}

/// Fisher's exact test of "the two shares are equal", two-sided: the probability, given both
/// margins, of a 2×2 table no more likely than the one observed (R `fisher.test`, scipy
/// `fisher_exact`; tables within a relative 1e-7 of the observed probability count as equally
/// likely, as in R). Use it when counts are small; it stays exact and fast for any counts.
///
/// The two tails are summed outward from the first tables no more likely than the observed one,
/// by exact ratios of successive hypergeometric probabilities, and each sum stops once the terms
/// left (which shrink geometrically) are below a relative 1e-17 of it. Where the tails start is
/// found by bisection on Loader's (2000) log-probabilities, which also anchor each sum, so no
/// probability underflows or overflows on the way. The work is a few dozen log-probabilities
/// plus a walk of the order of the table's standard deviation (about `√n`), not of `n`.
///
/// # Errors
/// [`SurveyError::CountOverflow`] when the two samples together exceed `u64::MAX` answers.
///
/// ```
/// use cx_survey::{Proportion, SurveyError, fisher_exact_p};
/// // scipy.stats.fisher_exact([[3, 7], [9, 1]]) → p = 0.019766611097880443
/// let p = fisher_exact_p(Proportion::new(3, 10)?, Proportion::new(9, 10)?)?;
/// assert!((p - 0.019766611097880443).abs() < 1e-13);
/// // A trillion answers a side take milliseconds.
/// let big = fisher_exact_p(Proportion::new(500_000_000_000, 1_000_000_000_000)?,
///     Proportion::new(499_995_000_000, 1_000_000_000_000)?)?;
/// assert!(big > 0.0 && big < 1e-11);
/// let huge = Proportion::new(u64::MAX, u64::MAX)?;
/// assert_eq!(fisher_exact_p(huge, Proportion::new(1, 1)?), Err(SurveyError::CountOverflow));
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
pub fn fisher_exact_p(first: Proportion, second: Proportion) -> Result<f64, SurveyError> {
    let (x1, n1) = (first.successes(), first.n());
    let (x2, n2) = (second.successes(), second.n());
    // Successes cannot exceed trials, so a total that fits keeps every count below within u64.
    let total_n = n1.checked_add(n2).ok_or(SurveyError::CountOverflow)?;
    let k_total = x1 + x2;
    let lo = k_total.saturating_sub(n2);
    let hi = n1.min(k_total);
    if lo == hi {
        return Ok(1.0);
    }
    // The mode of the hypergeometric distribution, ⌊(K + 1)(n₁ + 1)/(N + 2)⌋, in exact integers:
    // n₁ < N (n₂ ≥ 1), so both factors are at most u64::MAX and the product fits in a u128.
    let mode = u128::from(k_total) + 1;
    let mode = mode * (u128::from(n1) + 1) / (u128::from(total_n) + 2);
    let mode = u64::try_from(mode).unwrap_or(hi).clamp(lo, hi);
    let ln_w = |k: u64| crate::special::ln_hypergeometric_pmf(k, n1, n2, k_total);
    let ln_cut = ln_w(x1) + 1e-7f64.ln_1p();
    if ln_w(mode) <= ln_cut {
        // The observed table is (within the tolerance) as likely as the most likely one.
        return Ok(1.0);
    }
    // P(k + 1) / P(k) for the number k of successes in the first sample (lo ≤ k < hi).
    let ratio = |k: u64| -> f64 {
        ((n1 - k) as f64 * (k_total - k) as f64)
            / ((k + 1) as f64 * ((n2 - (k_total - k)) as f64 + 1.0))
    };
    // Tables more likely than the cut form an interval [a, b] around the mode (the distribution
    // is log-concave); find its ends by bisection.
    let a = if ln_w(lo) > ln_cut {
        lo
    } else {
        // ln_w(left) ≤ cut < ln_w(right).
        let (mut left, mut right) = (lo, mode);
        while right - left > 1 {
            let mid = left + (right - left) / 2;
            if ln_w(mid) > ln_cut {
                right = mid;
            } else {
                left = mid;
            }
        }
        right
    };
    let b = if ln_w(hi) > ln_cut {
        hi
    } else {
        // ln_w(left) > cut ≥ ln_w(right).
        let (mut left, mut right) = (mode, hi);
        while right - left > 1 {
            let mid = left + (right - left) / 2;
            if ln_w(mid) > ln_cut {
                left = mid;
            } else {
                right = mid;
            }
        }
        left
    };
    // Σ P(k)/P(start) for k from `start` outward (up when `up`), by exact ratios, until the
    // terms left are below a relative 1e-17 of the sum. The terms fall away from the mode, each
    // ratio at most the previous one, so after a term w with ratio r < 1 the rest is below
    // w·r/(1 − r).
    let walk = |start: u64, up: bool| -> f64 {
        let (mut sum, mut w, mut k) = (1.0_f64, 1.0_f64, start);
        loop {
            let r = if up {
                if k >= hi {
                    break;
                }
                let r = ratio(k);
                k += 1;
                r
            } else {
                if k <= lo {
                    break;
                }
                k -= 1;
                1.0 / ratio(k)
            };
            w *= r;
            sum += w;
            if r < 1.0 && w * r <= 1e-17 * sum * (1.0 - r) {
                break;
            }
        }
        sum
    };
    // The log-probabilities are normalised, so the tails need no total over the support.
    let mut p = 0.0;
    if a > lo {
        p += (ln_w(a - 1) + walk(a - 1, false).ln()).exp();
    }
    if b < hi {
        p += (ln_w(b + 1) + walk(b + 1, true).ln()).exp();
    }
    // Rounding only: the tails are part of a total of 1.
    Ok(p.clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The implementation `fisher_exact_p` replaced: every table of the support, by ratios from
    /// the mode (time linear in the support).
    fn fisher_linear(x1: u64, n1: u64, x2: u64, n2: u64) -> f64 {
        let k_total = x1 + x2;
        let lo = k_total.saturating_sub(n2);
        let hi = n1.min(k_total);
        let ratio = |k: u64| -> f64 {
            ((n1 - k) as f64 * (k_total - k) as f64)
                / ((k + 1) as f64 * (n2 + k + 1 - k_total) as f64)
        };
        let n = (n1 + n2) as f64;
        let mode =
            (((k_total + 1) as f64 * (n1 + 1) as f64 / (n + 2.0)).floor() as u64).clamp(lo, hi);
        let mut observed = 1.0;
        if x1 >= mode {
            for k in mode..x1 {
                observed *= ratio(k);
            }
        } else {
            for k in (x1..mode).rev() {
                observed /= ratio(k);
            }
        }
        let cut = observed * (1.0 + 1e-7);
        let (mut total, mut tail) = (1.0, if 1.0 <= cut { 1.0 } else { 0.0 });
        let mut w = 1.0;
        for k in mode..hi {
            w *= ratio(k);
            total += w;
            if w <= cut {
                tail += w;
            }
        }
        w = 1.0;
        for k in (lo..mode).rev() {
            w /= ratio(k);
            total += w;
            if w <= cut {
                tail += w;
            }
        }
        (tail / total).clamp(0.0, 1.0)
    }

    fn fisher(x1: u64, n1: u64, x2: u64, n2: u64) -> f64 {
        let p = |x, n| Proportion::new(x, n).unwrap();
        fisher_exact_p(p(x1, n1), p(x2, n2)).unwrap()
    }

    #[test]
    fn fisher_agrees_with_the_linear_walk_on_every_small_table() {
        let mut worst = 0.0_f64;
        for n1 in 1..=14 {
            for n2 in 1..=14 {
                for x1 in 0..=n1 {
                    for x2 in 0..=n2 {
                        let (got, want) = (fisher(x1, n1, x2, n2), fisher_linear(x1, n1, x2, n2));
                        let rel = (got - want).abs() / want;
                        worst = worst.max(rel);
                        assert!(rel <= 1e-12, "{x1}/{n1} vs {x2}/{n2}: {got} vs {want}");
                    }
                }
            }
        }
        assert!(worst < 1e-12, "{worst}");
    }

    #[test]
    fn fisher_agrees_with_the_linear_walk_on_larger_tables() {
        // Far tails (p down to 1e-250), balanced and unbalanced samples, ties at the cut.
        for (x1, n1, x2, n2) in [
            (850, 1000, 700, 1000),
            (5, 2000, 12, 1800),
            (0, 3000, 3000, 3000),
            (1500, 3000, 1500, 3000),
            (1, 20_000, 40, 20_000),
            (20, 5000, 20, 50),
            (9000, 10_000, 1000, 10_000),
            (123, 4567, 890, 12_345),
        ] {
            let (got, want) = (fisher(x1, n1, x2, n2), fisher_linear(x1, n1, x2, n2));
            assert!(
                (got - want).abs() <= 1e-12 * want,
                "{x1}/{n1} vs {x2}/{n2}: {got} vs {want}"
            );
        }
    }

    #[test]
    fn fisher_is_symmetric_and_near_the_z_test_at_huge_counts() {
        // σ ≈ 3.5e5 tables: the walk replaced here would have taken 10¹² steps.
        let t = 1_000_000_000_000;
        for d in [1_000_000, 5_000_000, 10_000_000] {
            let a = fisher(t / 2 + d, t, t / 2, t);
            let b = fisher(t / 2, t, t / 2 + d, t);
            assert!(a > 0.0 && a < 1.0 && (a - b).abs() <= 1e-12 * a, "{a} {b}");
            let p = |x| Proportion::new(x, t).unwrap();
            let z = compare_shares(p(t / 2 + d), p(t / 2), Confidence::NINETY_FIVE).p_value;
            assert!(
                (a - z).abs() <= 1e-3 * z,
                "d = {d}: Fisher {a} vs z test {z}"
            );
        }
    }

    #[test]
    fn fisher_handles_the_whole_u64_range() {
        // Tails beyond f64's range are 0; the mode's neighbourhood is never walked.
        let h = u64::MAX / 2;
        assert_eq!(fisher(h, h, 0, h), 0.0);
        assert_eq!(fisher(h / 2, h, h / 2, h), 1.0);
        let p = |x, n| Proportion::new(x, n).unwrap();
        assert_eq!(
            fisher_exact_p(p(u64::MAX, u64::MAX), p(1, 1)),
            Err(SurveyError::CountOverflow)
        );
    }
}
