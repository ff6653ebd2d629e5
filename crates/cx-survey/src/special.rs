//! Numerical building blocks: quantiles of the normal, Student-t and beta distributions, a
//! tanh–sinh quadrature and a bracketing root finder.
//!
//! `erfc`, `erfc_inv` and `ln Γ` come from `statrs`. Its incomplete beta function and its
//! Student-t inverse are not used: both lose accuracy at large shapes and extreme levels. The
//! incomplete beta and its inverse live in `incomplete_beta`; the Student-t quantile here is
//! built on them, with closed forms at 1 and 2 degrees of freedom and the Cornish–Fisher
//! expansion (Hill 1970) at very large degrees of freedom. All are checked against mpmath in the
//! tests.

use statrs::function::beta::ln_beta;
use statrs::function::erf::{erf_inv, erfc, erfc_inv};
use statrs::function::gamma::ln_gamma;

use crate::incomplete_beta::ln_beta_tails;

/// The upper `alpha / 2` point of the standard normal: `Φ⁻¹(1 − α/2)` for `0 < α < 1`.
pub(crate) fn z_two_sided(alpha: f64) -> f64 {
    if alpha > 0.5 {
        // 1 − α is exact here, and erf⁻¹ keeps the relative precision of small quantiles.
        std::f64::consts::SQRT_2 * erf_inv(1.0 - alpha)
    } else {
        std::f64::consts::SQRT_2 * erfc_inv(alpha)
    }
}

/// Two-sided p-value of a standard-normal statistic: `2·(1 − Φ(|z|))`, computed as `erfc`, so
/// small p-values keep their relative precision.
pub(crate) fn normal_two_sided_p(z: f64) -> f64 {
    erfc(z.abs() / std::f64::consts::SQRT_2).min(1.0)
}

/// Degrees of freedom from which the Student-t quantile is the Cornish–Fisher expansion (Hill
/// 1970) as is: its first omitted term, of order `z¹¹/ν⁵`, is below 1e-28 there for every level
/// up to `1 − 1e-16` (z ≤ 8.3).
const T_EXPANSION_DF: f64 = 1e7;

/// `P(T > t)` for Student's t with `df` degrees of freedom and `t ≥ 0`:
/// `½·I_{ν/(ν+t²)}(ν/2, ½)`.
pub(crate) fn t_upper_tail(t: f64, df: f64) -> f64 {
    0.5 * ln_t_tails(t, df).1.exp()
}

/// `(ln P(|T| < t), ln P(|T| ≥ t))` for `t ≥ 0`: `I_{t²/(ν+t²)}(½, ν/2)` and its complement,
/// each to full relative precision, with `t²/(ν+t²)` and `ν/(ν+t²)` formed without cancellation.
fn ln_t_tails(t: f64, df: f64) -> (f64, f64) {
    let (x, y) = if t * t > df || !(t * t).is_finite() {
        let r = df / t / t;
        (r / (1.0 + r), 1.0 / (1.0 + r))
    } else {
        let r = t * t / df;
        (1.0 / (1.0 + r), r / (1.0 + r))
    };
    ln_beta_tails(0.5, df / 2.0, y, x)
}

/// The upper `alpha / 2` point of Student's t with `df ≥ 1` degrees of freedom (`+∞` for the
/// normal limit), `0 < alpha < 1`, to a relative accuracy near 1e-14.
///
/// `df = 1` (Cauchy) and `df = 2` have closed forms; from [`T_EXPANSION_DF`] on, the
/// Cornish–Fisher expansion is exact to rounding; in between, Newton steps on `ln P(T > t)`
/// against `ln t` inside the bracket `[z, cot(πα/2)]` (the normal and Cauchy quantiles, between
/// which every t quantile with `df ≥ 1` lies).
pub(crate) fn t_two_sided(alpha: f64, df: f64) -> f64 {
    let z = z_two_sided(alpha);
    if df.is_infinite() {
        return z;
    }
    // cot(π·α/2) = tan(π·(1 − α)/2): each written where its argument is exact (1 − α is exact
    // for α ≥ ½), so that the Cauchy quantile is accurate at every level.
    let cauchy = if alpha <= 0.5 {
        1.0 / (std::f64::consts::FRAC_PI_2 * alpha).tan()
    } else {
        (std::f64::consts::FRAC_PI_2 * (1.0 - alpha)).tan()
    };
    if df == 1.0 {
        return cauchy;
    }
    if df == 2.0 {
        // P(T > t) = ½·(1 − t/√(2 + t²)) = α/2.
        return (1.0 - alpha) * (2.0 / (alpha * (2.0 - alpha))).sqrt();
    }
    // Hill (1970), Comm. ACM 13(10); Abramowitz & Stegun 26.7.5.
    let z2 = z * z;
    let g1 = (z2 + 1.0) * z / 4.0;
    let g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
    let g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
    let g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0;
    let expansion = z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
    if df >= T_EXPANSION_DF || z == 0.0 {
        return expansion;
    }
    // Below a level of ½ the central probability P(|T| < t) = 1 − α is the target (1 − α is
    // exact there, and it is the small side); above, the two tails P(|T| ≥ t) = α.
    let central = alpha > 0.5;
    let target = if central { 1.0 - alpha } else { alpha }.ln();
    // The normal and Cauchy quantiles bracket the root (widened by a relative 1e-6 against their
    // own rounding).
    let (mut lo, mut hi) = (z.ln() - 1e-6, cauchy.ln() + 1e-6);
    let mut v = if expansion.ln() > lo && expansion.ln() < hi {
        expansion.ln()
    } else {
        0.5 * (lo + hi)
    };
    // ln of the density normaliser √ν·B(ν/2, ½).
    let ln_norm = 0.5 * df.ln() + ln_beta(df / 2.0, 0.5);
    for _ in 0..200 {
        let t = v.exp();
        let (ln_central, ln_tails) = ln_t_tails(t, df);
        let ln_p = if central { ln_central } else { ln_tails };
        let g = ln_p - target;
        if g == 0.0 {
            return t;
        }
        // The central probability rises with t, the tails fall.
        if (g < 0.0) == central {
            lo = v;
        } else {
            hi = v;
        }
        let ln_pdf = -(df + 1.0) / 2.0 * (t * t / df).ln_1p() - ln_norm;
        // d ln P / d ln t = ±2·t·pdf / P.
        let slope = 2.0 * (ln_pdf + v - ln_p).exp();
        let slope = if central { slope } else { -slope };
        let mut next = v - g / slope;
        if !(next > lo && next < hi) {
            next = 0.5 * (lo + hi);
        }
        let step = (next - v).abs();
        v = next;
        if step <= 1e-15 || hi - lo <= 1e-15 {
            break;
        }
    }
    v.exp()
}

/// Two-sided p-value of a Student-t statistic: `I_{ν/(ν+t²)}(ν/2, 1/2)`.
pub(crate) fn t_two_sided_p(t: f64, df: f64) -> f64 {
    if !df.is_finite() {
        return normal_two_sided_p(t);
    }
    (2.0 * t_upper_tail(t.abs(), df)).min(1.0)
}

/// `∫_a^b f(x) dx` by tanh–sinh quadrature, which tolerates integrable singularities at the ends.
/// `f` receives `(x, x − a, b − x)` so that it can evaluate near either end without cancellation.
/// The range of the transformed variable is cut at `t_max` (4.5 reaches 1e-60 from the ends,
/// needed for endpoint singularities; 3.5 leaves weights below 1e-21, enough for a bounded
/// integrand), and levels are halved until two successive estimates agree to `rel_tol`.
pub(crate) fn tanh_sinh_with<F: Fn(f64, f64, f64) -> f64>(
    f: F,
    a: f64,
    b: f64,
    t_max: f64,
    rel_tol: f64,
) -> f64 {
    let half = 0.5 * (b - a);
    if half <= 0.0 {
        return 0.0;
    }
    let pi2 = std::f64::consts::FRAC_PI_2;
    // The weight and abscissae at t, with 1 ± ξ computed without cancellation.
    let node = |t: f64| -> (f64, f64, f64) {
        let u = pi2 * t.sinh();
        let w = pi2 * t.cosh() / (u.cosh() * u.cosh());
        let one_minus = 2.0 / (1.0 + (2.0 * u).exp()); // 1 − tanh u
        let one_plus = 2.0 / (1.0 + (-2.0 * u).exp()); // 1 + tanh u
        (w, one_plus, one_minus)
    };
    let eval = |t: f64| -> f64 {
        let (w, op, om) = node(t);
        let (da, db) = (half * op, half * om);
        if w == 0.0 || da <= 0.0 || db <= 0.0 {
            return 0.0;
        }
        let v = f(a + da, da, db);
        if v.is_finite() { w * v } else { 0.0 }
    };
    let mut h = 0.5_f64;
    let mut sum = eval(0.0);
    let mut k = 1;
    while f64::from(k) * h <= t_max {
        let t = f64::from(k) * h;
        sum += eval(t) + eval(-t);
        k += 1;
    }
    let mut estimate = sum * h * half;
    for _ in 0..9 {
        h /= 2.0;
        // Only the new (odd) nodes.
        let mut k = 1;
        while f64::from(k) * h <= t_max {
            let t = f64::from(k) * h;
            sum += eval(t) + eval(-t);
            k += 2;
        }
        let next = sum * h * half;
        let done = (next - estimate).abs() <= rel_tol * next.abs().max(1e-300);
        estimate = next;
        if done {
            break;
        }
    }
    estimate
}

/// The root of a non-decreasing `g` on `[lo, hi]` (with `g(lo) ≤ 0 ≤ g(hi)`), by the Illinois
/// variant of regula falsi with bisection safeguards, to an absolute tolerance of `tol`.
pub(crate) fn increasing_root<G: Fn(f64) -> f64>(g: G, mut lo: f64, mut hi: f64, tol: f64) -> f64 {
    let (mut glo, mut ghi) = (g(lo), g(hi));
    if glo >= 0.0 {
        return lo;
    }
    if ghi <= 0.0 {
        return hi;
    }
    let mut side = 0i8;
    for i in 0..300 {
        if hi - lo <= tol {
            break;
        }
        let mut x = if i % 4 == 3 {
            0.5 * (lo + hi)
        } else {
            (lo * ghi - hi * glo) / (ghi - glo)
        };
        if !(x > lo && x < hi) {
            x = 0.5 * (lo + hi);
        }
        let gx = g(x);
        if gx == 0.0 {
            return x;
        }
        if gx < 0.0 {
            lo = x;
            glo = gx;
            if side == -1 {
                ghi /= 2.0;
            }
            side = -1;
        } else {
            hi = x;
            ghi = gx;
            if side == 1 {
                glo /= 2.0;
            }
            side = 1;
        }
    }
    0.5 * (lo + hi)
}

/// `ln 2π`.
pub(crate) fn ln_two_pi() -> f64 {
    (2.0 * std::f64::consts::PI).ln()
}

/// `ln Γ(n + 1) − ln(√(2πn)·(n/e)ⁿ)`, the error of Stirling's formula (Loader 2000), for real
/// `n ≥ 0`. Exact factorials for whole `n` below 16, `ln Γ` for other `n` below 15, the
/// asymptotic series above (its first omitted term is below 3e-16 from 15 on).
pub(crate) fn stirling_error(n: f64) -> f64 {
    const S0: f64 = 1.0 / 12.0;
    const S1: f64 = 1.0 / 360.0;
    const S2: f64 = 1.0 / 1260.0;
    const S3: f64 = 1.0 / 1680.0;
    const S4: f64 = 1.0 / 1188.0;
    if n <= 15.0 {
        if n <= 0.0 {
            // By convention (as R's `stirlerr(0)`): every use multiplies it away.
            return 0.0;
        }
        if n.fract() != 0.0 {
            return ln_gamma(n + 1.0) - (n + 0.5) * n.ln() + n - 0.5 * ln_two_pi();
        }
        // n! is exact in f64 up to 15!; the cancellation leaves an absolute error near 1e-14.
        let mut fact = 1.0_f64;
        let mut k = 2.0;
        while k <= n {
            fact *= k;
            k += 1.0;
        }
        return fact.ln() - (n + 0.5) * n.ln() + n - 0.5 * (2.0 * std::f64::consts::PI).ln();
    }
    let nn = n * n;
    if n > 500.0 {
        (S0 - S1 / nn) / n
    } else if n > 80.0 {
        (S0 - (S1 - S2 / nn) / nn) / n
    } else if n > 35.0 {
        (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n
    } else {
        (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n
    }
}

/// The deviance term `x·ln(x/m) + m − x` for `x, m > 0`, without cancellation when `x ≈ m`
/// (Loader 2000).
fn deviance_term(x: f64, m: f64) -> f64 {
    if (x - m).abs() < 0.1 * (x + m) {
        let mut v = (x - m) / (x + m);
        let mut s = (x - m) * v;
        if s.abs() < f64::MIN_POSITIVE {
            return s;
        }
        let mut ej = 2.0 * x * v;
        v *= v;
        for j in 1..1000 {
            ej *= v;
            let next = s + ej / f64::from(2 * j + 1);
            if next == s {
                return next;
            }
            s = next;
        }
        s
    } else {
        x * (x / m).ln() + m - x
    }
}

/// `ln P(X = x)` for `X ~ Binomial(n, p)`, `q = 1 − p`, by Loader's (2000) saddle-point form,
/// which keeps a small absolute error in the logarithm for any `n` (R's `dbinom_raw`).
fn ln_binomial_pmf(x: f64, n: f64, p: f64, q: f64) -> f64 {
    if p == 0.0 {
        return if x == 0.0 { 0.0 } else { f64::NEG_INFINITY };
    }
    if q == 0.0 {
        return if x == n { 0.0 } else { f64::NEG_INFINITY };
    }
    if x == 0.0 {
        if n == 0.0 {
            return 0.0;
        }
        return if p < 0.1 {
            -deviance_term(n, n * q) - n * p
        } else {
            n * q.ln()
        };
    }
    if x == n {
        return if q < 0.1 {
            -deviance_term(n, n * p) - n * q
        } else {
            n * p.ln()
        };
    }
    if x < 0.0 || x > n {
        return f64::NEG_INFINITY;
    }
    let lc = stirling_error(n)
        - stirling_error(x)
        - stirling_error(n - x)
        - deviance_term(x, n * p)
        - deviance_term(n - x, n * q);
    let lf = (2.0 * std::f64::consts::PI).ln() + x.ln() + (-x / n).ln_1p();
    lc - 0.5 * lf
}

/// `ln P(X = k)` for the hypergeometric `X`: the number of white balls among `drawn` balls drawn
/// without replacement from `white` white and `black` black ones (R's `dhyper(log = TRUE)`,
/// Loader 2000). Whole numbers given as floats; accurate in absolute terms for any size, so
/// differences of two values give accurate probability ratios far apart in the support.
pub(crate) fn ln_hypergeometric_pmf(k: u64, white: u64, black: u64, drawn: u64) -> f64 {
    if k > white || k > drawn || drawn - k > black {
        return f64::NEG_INFINITY;
    }
    if drawn == 0 {
        return 0.0;
    }
    // white + black ≥ drawn ≥ 1; as floats, the total cannot overflow.
    let total = white as f64 + black as f64;
    let p = drawn as f64 / total;
    let q = (white as f64 + black as f64 - drawn as f64) / total;
    ln_binomial_pmf(k as f64, white as f64, p, q)
        + ln_binomial_pmf((drawn - k) as f64, black as f64, p, q)
        - ln_binomial_pmf(drawn as f64, total, p, q)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Reference: R `qnorm(0.975)` = 1.959963984540054 (also statsmodels, survey.md §1.3).
    #[test]
    fn z_of_95_percent_matches_r_qnorm() {
        assert!((z_two_sided(0.05) - 1.959_963_984_540_054).abs() < 2e-15);
    }

    #[test]
    fn tanh_sinh_integrates_an_endpoint_singularity() {
        // ∫_0^1 x^(-1/2) dx = 2.
        let v = tanh_sinh_with(|_, da, _| da.powf(-0.5), 0.0, 1.0, 4.5, 1e-14);
        assert!((v - 2.0).abs() < 1e-12, "{v}");
    }

    /// ln C(n, k) by summing logs, for small n.
    fn ln_choose(n: u64, k: u64) -> f64 {
        (1..=k)
            .map(|i| (((n - k + i) as f64) / i as f64).ln())
            .sum()
    }

    #[test]
    fn hypergeometric_log_pmf_matches_direct_sums() {
        for (white, black, drawn) in [
            (10, 10, 12),
            (5, 5, 5),
            (100, 100, 155),
            (200, 180, 17),
            (1, 1, 2),
        ] {
            let total = ln_choose(white + black, drawn);
            for k in drawn.saturating_sub(black)..=drawn.min(white) {
                let want = ln_choose(white, k) + ln_choose(black, drawn - k) - total;
                let got = ln_hypergeometric_pmf(k, white, black, drawn);
                assert!(
                    (got - want).abs() < 1e-12 * want.abs().max(1.0),
                    "{k} {white} {black} {drawn}: {got} vs {want}"
                );
            }
        }
        assert_eq!(ln_hypergeometric_pmf(3, 2, 5, 4), f64::NEG_INFINITY);
    }

    #[test]
    fn hypergeometric_log_pmf_is_finite_at_the_largest_sizes() {
        let half = u64::MAX / 2;
        let v = ln_hypergeometric_pmf(half / 2, half, half, half);
        // At the centre, ≈ −ln(σ√(2π)) with σ² ≈ N/16 (the normal approximation, relative 1/N).
        let want = -0.5 * (2.0 * std::f64::consts::PI * (2.0 * half as f64) / 16.0).ln();
        assert!((v - want).abs() < 1e-9, "{v} vs {want}");
    }

    #[test]
    fn root_finder_solves_a_cubic() {
        let r = increasing_root(|x| x * x * x - 2.0, 0.0, 2.0, 1e-15);
        assert!((r - 2f64.cbrt()).abs() < 1e-14);
    }
}
