//! Floating-point building blocks of the sBG model that stay finite and accurate for every
//! pair of positive finite shape parameters, from subnormal numbers to `f64::MAX`.
//!
//! Every sBG quantity is built from the two shares of period `t` (with `k = t − 1`):
//! the retention rate r(t) = (β + k)/(α + β + k) and the churn share
//! c(t) = α/(α + β + k) = 1 − r(t). Written naively they fail at the extremes:
//! `α + β + k` overflows at `f64::MAX`, `1 − r(t)` cancels when α is tiny, and `α + β + t − 1`
//! evaluated left to right loses α + β entirely once it is below half an ulp of `t`. Here a
//! share is always `p/(p + q)` of two positive numbers (relative error ≤ 1.5 ulp, scaled
//! when the sum overflows), and its logarithm is `−ln(1 + q/p)`, evaluated by `ln_1p` when
//! `q/p ≤ 1` (so tiny churn shares keep all their digits) and from `ln(q/p)` otherwise.

/// `p / (p + q)` for positive `p`, `q`: relative error ≤ 1.5 ulp wherever the result is a
/// normal number; halves both terms first if `p + q` overflows.
pub(crate) fn share(p: f64, q: f64) -> f64 {
    let sum = p + q;
    if sum.is_finite() {
        p / sum
    } else {
        let (p, q) = (0.5 * p, 0.5 * q);
        p / (p + q)
    }
}

/// `ln(p / (p + q)) = −ln(1 + q/p)` for positive `p`, `q`; always finite, absolute error
/// ≤ 2 ulp of the result (plus 1 ulp of 1 when the result is below −ln 2).
pub(crate) fn ln_share(p: f64, q: f64) -> f64 {
    let x = q / p;
    if x <= 1.0 {
        -x.ln_1p()
    } else if x.is_finite() {
        -(x.ln() + x.recip().ln_1p())
    } else {
        // q/p above f64::MAX: ln(1 + q/p) = ln q − ln p to within 1e-308.
        p.ln() - q.ln()
    }
}

/// Neumaier's compensated sum: the error of a sum of n terms stays at a few ulp of the
/// sum's magnitude instead of growing with n.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct CompensatedSum {
    sum: f64,
    compensation: f64,
}

impl CompensatedSum {
    pub(crate) fn add(&mut self, x: f64) {
        let t = self.sum + x;
        if self.sum.abs() >= x.abs() {
            self.compensation += (self.sum - t) + x;
        } else {
            self.compensation += (x - t) + self.sum;
        }
        self.sum = t;
    }

    pub(crate) fn value(self) -> f64 {
        self.sum + self.compensation
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_at_the_extremes_are_finite_and_exact_where_exactly_representable() {
        assert_eq!(share(f64::MAX, f64::MAX), 0.5);
        assert_eq!(share(1e-300, 1e-300), 0.5);
        assert_eq!(ln_share(f64::MAX, f64::MAX), -std::f64::consts::LN_2);
        assert_eq!(ln_share(1.0, 0.0), 0.0);
        // ln(1/(1 + 1e-300)) = −1e-300 to full precision.
        assert_eq!(ln_share(1.0, 1e-300), -1e-300);
        // q/p overflows: ln(5e-324/(5e-324 + 1e308)) = ln 5e-324 − ln 1e308.
        let got = ln_share(5e-324, 1e308);
        let want = (5e-324f64).ln() - (1e308f64).ln();
        assert!(got.is_finite() && (got - want).abs() <= 1e-12 * want.abs());
    }

    #[test]
    fn compensated_sum_of_a_million_tenths_is_exact_to_one_ulp() {
        let mut s = CompensatedSum::default();
        for _ in 0..1_000_000 {
            s.add(0.1);
        }
        assert!((s.value() - 100_000.0).abs() <= 100_000.0 * f64::EPSILON);
    }
}
