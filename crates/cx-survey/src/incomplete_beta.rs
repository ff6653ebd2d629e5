//! The regularised incomplete beta function `I_x(a, b)` and its inverse, accurate at any shape
//! this crate meets (up to `a + b` of 1e13 and beyond), with both tails to full relative
//! precision.
//!
//! Why not `statrs`: its `beta_reg` stops its continued fraction after a fixed number of terms,
//! which at shapes near 1e8 and more leaves errors large enough to invert Clopper–Pearson
//! intervals (statrs issue #434).
//!
//! # Method
//! - The prefactor `xᵃ yᵇ / B(a, b)` (with `y = 1 − x` given separately) is taken in Loader's
//!   (2000) saddle-point form, `√(ab / (2π(a+b))) · exp(δ(a+b) − δ(a) − δ(b) − a·ψ(−d/a) −
//!   b·ψ(d/b))`, where `δ` is the error of Stirling's formula, `ψ(e) = e − ln(1 + e)` and
//!   `d = (a + b)·y − b`. No quantity of the size of `a` is ever subtracted from another, so the
//!   prefactor keeps a relative error near 1e-15 however large the shapes are (Catherine Loader,
//!   "Fast and Accurate Computation of Binomial Probabilities", 2000).
//! - The tail on the side of the mean where `x` lies is a continued fraction, in the form that
//!   DiDonato & Morris give it ("Algorithm 708: Significant digit computation of the incomplete
//!   beta function ratios", ACM TOMS 18(3), 1992), summed until a term changes it by less than
//!   one part in 1e16; the other tail is its
//!   complement, which is then at least about 0.05, so both keep their relative precision. The
//!   fraction needs a few hundred terms in the tails and about 35 000 at the exact mean of a
//!   Beta(5e11, 5e11) (no hard stop before [`MAX_TERMS`]).
//! - The inverse is a Newton iteration on `ln I` against `ln x` (where tails are nearly linear),
//!   started from Wilson's score bound and kept inside a bracket that every evaluation shrinks.

use crate::special::{ln_two_pi, stirling_error, z_two_sided};

/// The most terms of the continued fraction evaluated for one value; about 1e6 would be needed
/// only at the mean of a beta with shapes near 1e18.
const MAX_TERMS: u32 = 4_000_000;

/// `k·ψ(diff/k)` with `ψ(e) = e − ln(1 + e)`, i.e. Loader's deviance `k·ln(k/m) + m − k` for
/// `m = k + diff > 0`, without cancellation when `m` is close to `k` and without forming
/// `1 + e` when `m` is far from `k`.
fn deviance(k: f64, m: f64, diff: f64) -> f64 {
    if diff.abs() < 0.5 * k {
        k * psi(diff / k)
    } else {
        diff - k * (m / k).ln()
    }
}

/// `ψ(e) = e − ln(1 + e)` for `|e| < ½` by the series of `atanh`, otherwise directly.
fn psi(e: f64) -> f64 {
    if e.abs() < 0.5 {
        // ln(1+e) = 2·atanh(v), v = e/(2+e); e − 2v = e·v.
        let v = e / (2.0 + e);
        let v2 = v * v;
        let mut term = v * v2;
        let mut sum = 0.0;
        let mut j = 3.0;
        loop {
            let next = sum + term / j;
            if next == sum {
                break;
            }
            sum = next;
            term *= v2;
            j += 2.0;
        }
        e * v - 2.0 * sum
    } else {
        e - e.ln_1p()
    }
}

/// A beta distribution's shapes with the part of its prefactor that does not depend on `x`,
/// computed once: integrands that evaluate one beta at many points use it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct BetaShape {
    a: f64,
    b: f64,
    /// `½·ln(ab / (2π(a+b))) + δ(a+b) − δ(a) − δ(b)`, symmetric in `a` and `b`.
    ln_const: f64,
}

impl BetaShape {
    /// Beta(`a`, `b`), `a, b > 0`.
    pub(crate) fn new(a: f64, b: f64) -> BetaShape {
        let s = a + b;
        BetaShape {
            a,
            b,
            ln_const: 0.5 * (a.ln() + b.ln() - s.ln() - ln_two_pi()) + stirling_error(s)
                - stirling_error(a)
                - stirling_error(b),
        }
    }

    /// The same distribution with its shapes swapped (the law of `1 − X`).
    fn mirrored(&self) -> BetaShape {
        BetaShape {
            a: self.b,
            b: self.a,
            ln_const: self.ln_const,
        }
    }

    /// `ln(xᵃ yᵇ / B(a, b))` with `y = 1 − x` given separately, `x, y ≥ 0`.
    pub(crate) fn ln_prefactor(&self, x: f64, y: f64) -> f64 {
        if x <= 0.0 || y <= 0.0 {
            return f64::NEG_INFINITY;
        }
        let (a, b) = (self.a, self.b);
        let s = a + b;
        // d = s·y − b = a − s·x, taken from the smaller of x and y.
        let d = if y <= x { s * y - b } else { a - s * x };
        self.ln_const - deviance(a, s * x, -d) - deviance(b, s * y, d)
    }

    /// Both tails at `x`, as logarithms: `(ln I_x(a, b), ln(1 − I_x(a, b)))`, with `y = 1 − x`
    /// given separately (`x + y = 1`). Each has a relative error near 1e-14 or better.
    pub(crate) fn ln_tails(&self, x: f64, y: f64) -> (f64, f64) {
        if x <= 0.0 {
            return (f64::NEG_INFINITY, 0.0);
        }
        if y <= 0.0 {
            return (0.0, f64::NEG_INFINITY);
        }
        let (a, b) = (self.a, self.b);
        let s = a + b;
        // λ = a − s·x = s·y − b, from the smaller of x and y; λ ≥ 0 puts x at or below the mean.
        let lambda = if x <= y { a - s * x } else { s * y - b };
        if lambda >= 0.0 {
            let ln_lower = self.ln_prefactor(x, y) + continued_fraction(a, b, x, y, lambda).ln();
            (ln_lower, (-ln_lower.exp()).ln_1p())
        } else {
            let ln_upper =
                self.mirrored().ln_prefactor(y, x) + continued_fraction(b, a, y, x, -lambda).ln();
            ((-ln_upper.exp()).ln_1p(), ln_upper)
        }
    }

    /// `I_x(a, b)` (`y = 1 − x` given separately).
    pub(crate) fn lower(&self, x: f64, y: f64) -> f64 {
        self.ln_tails(x, y).0.exp()
    }

    /// `1 − I_x(a, b)` (`y = 1 − x` given separately).
    pub(crate) fn upper(&self, x: f64, y: f64) -> f64 {
        self.ln_tails(x, y).1.exp()
    }
}

/// The continued fraction `r` with `I_x(a, b) = xᵃyᵇ / B(a, b) · r`, for `x` at or below the
/// mean (`λ = (a + b)·y − b ≥ 0`), in the form of DiDonato & Morris ("Algorithm 708: Significant
/// digit computation of the incomplete beta function ratios", ACM TOMS 18(3), 1992, routine
/// BFRAC): written with `λ` and `y` rather than `1 − x`, so that no step cancels even when `x`
/// is within 1e-7 of 1. Terms are added until one changes `r` by less than one part in 1e16.
fn continued_fraction(a: f64, b: f64, x: f64, y: f64, lambda: f64) -> f64 {
    let c = 1.0 + lambda;
    let c0 = b / a;
    let c1 = 1.0 + 1.0 / a;
    let yp1 = y + 1.0;
    let (mut n, mut p, mut s) = (0.0_f64, 1.0_f64, a + 1.0);
    let (mut an, mut bn, mut anp1, mut bnp1) = (0.0_f64, 1.0_f64, 1.0_f64, c / c1);
    let mut r = c1 / c;
    for _ in 0..MAX_TERMS {
        n += 1.0;
        let t = n / a;
        let w = n * (b - n) * x;
        let e = a / s;
        let alpha = (p * (p + c0) * e * e) * (w * x);
        let e = (1.0 + t) / (c1 + t + t);
        let beta = n + w / s + e * (c + n * yp1);
        p = 1.0 + t;
        s += 2.0;
        let next_a = alpha * an + beta * anp1;
        an = anp1;
        anp1 = next_a;
        let next_b = alpha * bn + beta * bnp1;
        bn = bnp1;
        bnp1 = next_b;
        let previous = r;
        r = anp1 / bnp1;
        if (r - previous).abs() <= 1e-16 * r || !r.is_finite() {
            break;
        }
        // Rescale, so that nothing overflows.
        an /= bnp1;
        bn /= bnp1;
        anp1 = r;
        bnp1 = 1.0;
    }
    r
}

/// Both tails of Beta(`a`, `b`) at `x`, as logarithms: `(ln I_x(a, b), ln(1 − I_x(a, b)))`, with
/// `y = 1 − x` given separately (`a, b > 0`, `x, y ≥ 0`, `x + y = 1`). Each has a relative
/// error near 1e-14 or better.
pub(crate) fn ln_beta_tails(a: f64, b: f64, x: f64, y: f64) -> (f64, f64) {
    BetaShape::new(a, b).ln_tails(x, y)
}

/// The `x` with `I_x(a, b) = p` for `0 < p ≤ ½`, as the pair `(x, 1 − x)`. The unknown is
/// `ln x` when the answer lies below ½ and `ln(1 − x)` above, so that both ends of the unit
/// interval are resolved to full relative precision.
fn lower_quantile(p: f64, a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    if a >= HUGE_SHAPE && b >= HUGE_SHAPE {
        return huge_shape_quantile(p, a, b);
    }
    // Wilson's lower score bound for a successes out of a + b, as a starting point.
    let z = z_two_sided(2.0 * p);
    let share = a / s;
    let z2 = z * z;
    let guess = (share + z2 / (2.0 * s) - z * (share * (b / s) / s + z2 / (4.0 * s * s)).sqrt())
        / (1.0 + z2 / s);
    let guess = if guess > 0.0 && guess < 1.0 {
        guess
    } else {
        share
    };
    // Which side of ½ the answer lies on. With both shapes large, Wilson's bound is within a
    // tiny fraction of the answer, and testing I_½ directly would cost the continued fraction's
    // slowest case (the centre of a large, symmetric beta): the guess decides, with room to ⅗.
    let (below_half, u_max) = if a > 1e4 && b > 1e4 {
        (guess <= 0.5, 0.6_f64.ln())
    } else {
        (
            ln_beta_tails(a, b, 0.5, 0.5).0 >= p.ln(),
            -std::f64::consts::LN_2,
        )
    };
    if below_half {
        let u = solve_in_log(p, a, b, Tail::Lower, guess.min(0.5).ln(), u_max);
        (u.exp(), -u.exp_m1())
    } else {
        // I_x(a, b) = p  ⇔  1 − I_y(b, a) = p, with y = 1 − x < ½.
        let start = (1.0 - guess).clamp(f64::MIN_POSITIVE, 0.5).ln();
        let u = solve_in_log(p, b, a, Tail::Upper, start, u_max);
        (-u.exp_m1(), u.exp())
    }
}

/// Both shapes from which beta quantiles come from the Cornish–Fisher expansion (see
/// [`huge_shape_quantile`]) rather than the continued fraction, whose cost near the centre grows
/// as about the fourth root of the shapes (a second per evaluation near 1e18).
const HUGE_SHAPE: f64 = 1e9;

/// The `p`-quantile (`p ≤ ½`) of Beta(`a`, `b`) with both shapes at least [`HUGE_SHAPE`], as
/// `(x, 1 − x)`, from the second-order Cornish–Fisher expansion in the exact skewness
/// `γ₁ = 2(b − a)√(s + 1) / ((s + 2)√(ab))` and excess kurtosis
/// `γ₂ = 6((a − b)²(s + 1) − ab(s + 2)) / (ab(s + 2)(s + 3))`, `s = a + b`. The first omitted
/// terms are of order `γ₁³z⁴ σ`, below 1e-12 σ at `|z| ≤ 8.3`, and `σ ≤ x/√a`: a relative error
/// below 1e-16 in `x` (and in `1 − x`).
fn huge_shape_quantile(p: f64, a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let (ma, mb) = (a / s, b / s);
    let sd = (ma * mb / (s + 1.0)).sqrt();
    let g1 = 2.0 * (b - a) * (s + 1.0).sqrt() / ((s + 2.0) * a.sqrt() * b.sqrt());
    let g2 =
        6.0 * ((a - b) * (a - b) * (s + 1.0) - a * b * (s + 2.0)) / (a * b * (s + 2.0) * (s + 3.0));
    let z = -z_two_sided(2.0 * p);
    let z2 = z * z;
    let w = z + g1 * (z2 - 1.0) / 6.0 + g2 * z * (z2 - 3.0) / 24.0
        - g1 * g1 * z * (2.0 * z2 - 5.0) / 36.0;
    (ma + sd * w, mb - sd * w)
}

#[derive(Clone, Copy, PartialEq)]
enum Tail {
    Lower,
    Upper,
}

/// The `u ≤ u_max` at which the `tail` of Beta(`a`, `b`) at `x = eᵘ` equals `p`: Newton steps
/// on the log of the tail (nearly linear in `u` in both tails), inside a bracket that every
/// evaluation shrinks, with bisection when a step leaves it.
fn solve_in_log(p: f64, a: f64, b: f64, tail: Tail, start: f64, u_max: f64) -> f64 {
    let ln_p = p.ln();
    let shape = BetaShape::new(a, b);
    let (mut lo, mut hi) = (f64::MIN_POSITIVE.ln(), u_max);
    let mut u = start.clamp(lo, hi);
    for _ in 0..200 {
        let x = u.exp();
        let y = -u.exp_m1();
        let (ln_lower, ln_upper) = shape.ln_tails(x, y);
        let ln_t = if tail == Tail::Lower {
            ln_lower
        } else {
            ln_upper
        };
        let g = ln_t - ln_p;
        if g == 0.0 {
            return u;
        }
        let rising = tail == Tail::Lower;
        if (g < 0.0) == rising {
            lo = u;
        } else {
            hi = u;
        }
        // d ln(tail) / d ln x = ± x·pdf / tail = ± prefactor / (y·tail).
        let slope = (shape.ln_prefactor(x, y) - y.ln() - ln_t).exp();
        let slope = if rising { slope } else { -slope };
        let mut next = u - g / slope;
        if !(next > lo && next < hi) {
            next = 0.5 * (lo + hi);
        }
        let step = (next - u).abs();
        u = next;
        if step <= 1e-15 || hi - lo <= 1e-15 {
            break;
        }
    }
    u
}

/// The `x` with `I_x(a, b) = p` (`0 < p < 1`, `a, b > 0`), as the pair `(x, 1 − x)`, each to
/// a relative accuracy near 1e-14. For `p > ½` it solves the mirrored problem, so that `1 − x`
/// keeps its precision when `x` is close to 1.
pub(crate) fn beta_quantile(p: f64, a: f64, b: f64) -> (f64, f64) {
    if p <= 0.5 {
        lower_quantile(p, a, b)
    } else {
        beta_upper_quantile(1.0 - p, a, b)
    }
}

/// The `x` with `1 − I_x(a, b) = q` (`0 < q < 1`), as `(x, 1 − x)`: the upper-tail quantile,
/// accurate for `q` far below the rounding of `1 − q`.
pub(crate) fn beta_upper_quantile(q: f64, a: f64, b: f64) -> (f64, f64) {
    if q <= 0.5 {
        let (y, x) = lower_quantile(q, b, a);
        (x, y)
    } else {
        lower_quantile(1.0 - q, a, b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn beta_lower(a: f64, b: f64, x: f64, y: f64) -> f64 {
        BetaShape::new(a, b).lower(x, y)
    }

    fn beta_upper(a: f64, b: f64, x: f64, y: f64) -> f64 {
        BetaShape::new(a, b).upper(x, y)
    }

    #[test]
    fn psi_matches_its_definition_away_from_zero() {
        for e in [-0.4, -0.1, 0.3, 0.49, 0.7] {
            let direct: f64 = e - f64::ln_1p(e);
            assert!((psi(e) - direct).abs() <= 1e-12 * direct.abs(), "{e}");
        }
        assert!((psi(1e-8) - 5e-17).abs() < 1e-24);
    }

    #[test]
    fn beta_tails_of_uniform_and_closed_forms() {
        // Beta(1, 1): I_x = x. Beta(1, b): 1 − (1 − x)^b. Beta(a, 1): x^a.
        assert!((beta_lower(1.0, 1.0, 0.3, 0.7) - 0.3).abs() < 1e-15);
        let v = beta_upper(1.0, 1e9, 1e-9, 1.0 - 1e-9);
        let want = (1e9 * f64::ln_1p(-1e-9)).exp();
        assert!((v - want).abs() < 1e-14 * want, "{v} {want}");
        let v = beta_lower(3.5, 1.0, 0.2, 0.8);
        assert!((v - 0.2f64.powf(3.5)).abs() < 1e-14 * v);
    }

    /// The tails at the quantile moved by a relative 1e-14 (of `x` below ½, of `1 − x` above)
    /// bracket the target: the quantile is right to that precision.
    fn assert_brackets(a: f64, b: f64, (x, y): (f64, f64), p: f64, upper: bool) {
        let nudge = |f: f64| {
            if x <= 0.5 {
                let x2 = x * f;
                (x2, 1.0 - x2)
            } else {
                let y2 = y / f;
                (1.0 - y2, y2)
            }
        };
        let tail = |(x, y): (f64, f64)| {
            let (l, u) = ln_beta_tails(a, b, x, y);
            if upper { -u.exp() } else { l.exp() }
        };
        let target = if upper { -p } else { p };
        let (below, above) = (tail(nudge(1.0 - 1e-14)), tail(nudge(1.0 + 1e-14)));
        assert!(
            below <= target && target <= above,
            "{a} {b} {p} {upper}: {x} gives {below} .. {above}"
        );
    }

    #[test]
    fn beta_quantile_inverts_the_tails() {
        for (a, b) in [(0.5, 0.5), (7.0, 123456783.0), (5e8, 5e8 + 1.0), (2.0, 3.0)] {
            for p in [1e-15, 0.025, 0.3, 0.5, 0.9, 0.999] {
                assert_brackets(a, b, beta_quantile(p, a, b), p, false);
                assert_brackets(a, b, beta_upper_quantile(p, a, b), p, true);
            }
        }
    }
}
