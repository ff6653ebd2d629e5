//! Integrals of log-concave functions, `∫ e^{φ(w)} dw` with `φ` concave, in log scale.
//!
//! Erlang A's waiting-time probabilities are integrals of this kind over the offered wait
//! (Mandelbaum & Zeltyn, "The M/M/n+G queue: summary of performance measures"): positive
//! integrands, so that a probability computed this way keeps its relative precision however
//! small it is, where a difference of two larger quantities would lose it all.
//!
//! Method: the maximum `w*` of `φ` is bracketed and bisected on `φ'` (decreasing); the range
//! is cut where `φ` falls 50 below its maximum (concavity bounds what is left out by
//! `e^{−50}` of the integral); the rest is integrated by adaptive Gauss–Kronrod (7/15
//! points) on `e^{φ − φ(w*)}`, splitting the panel with the largest error estimate until the
//! estimates sum to at most 1e-15 of the integral (or 200 panels). The integrand is smooth
//! and unimodal, so a few panels suffice: the result is accurate to a few units of 1e-15.

/// `∫ e^{φ}` as `value · e^{ln_scale}`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scaled {
    pub(crate) ln_scale: f64,
    pub(crate) value: f64,
}

impl Scaled {
    /// The integral times `e^{−ln_ref}`.
    pub(crate) fn at_scale(self, ln_ref: f64) -> f64 {
        if self.value == 0.0 {
            0.0
        } else {
            self.value * (self.ln_scale - ln_ref).exp()
        }
    }

    /// `ln` of the integral (`−∞` for 0).
    pub(crate) fn ln(self) -> f64 {
        self.ln_scale + self.value.ln()
    }
}

/// Kronrod nodes on [0, 1] (the Gauss nodes are the odd entries, and 0).
const XGK: [f64; 8] = [
    0.991_455_371_120_812_6,
    0.949_107_912_342_758_5,
    0.864_864_423_359_769_1,
    0.741_531_185_599_394_4,
    0.586_087_235_467_691_1,
    0.405_845_151_377_397_2,
    0.207_784_955_007_898_5,
    0.0,
];
/// Kronrod weights.
const WGK: [f64; 8] = [
    0.022_935_322_010_529_22,
    0.063_092_092_629_978_55,
    0.104_790_010_322_250_18,
    0.140_653_259_715_525_92,
    0.169_004_726_639_267_9,
    0.190_350_578_064_785_4,
    0.204_432_940_075_298_9,
    0.209_482_141_084_727_83,
];
/// Gauss weights of the nodes `XGK[1], XGK[3], XGK[5]` and 0.
const WG: [f64; 4] = [
    0.129_484_966_168_869_7,
    0.279_705_391_489_276_7,
    0.381_830_050_505_118_9,
    0.417_959_183_673_469_4,
];

/// How far below its maximum `φ` is cut.
const CUT: f64 = 50.0;
const MAX_PANELS: usize = 200;

/// Kronrod estimate and |Kronrod − Gauss| on `[a, b]`.
fn gk15(f: &impl Fn(f64) -> f64, a: f64, b: f64) -> (f64, f64) {
    let c = 0.5 * (a + b);
    let h = 0.5 * (b - a);
    let fc = f(c);
    let mut k = WGK[7] * fc;
    let mut g = WG[3] * fc;
    for i in 0..7 {
        let dx = h * XGK[i];
        let s = f(c - dx) + f(c + dx);
        k += WGK[i] * s;
        if i % 2 == 1 {
            g += WG[i / 2] * s;
        }
    }
    // The error estimate of QUADPACK's rules: |K − G| shrunk by `(200·|K − G|/|K|)^1.5`,
    // since the Kronrod result is far better than the Gauss one it is compared with.
    let raw = ((k - g) * h).abs();
    let scale = (k * h).abs();
    let est = if scale > 0.0 {
        raw * (200.0 * raw / scale).powf(1.5).min(1.0)
    } else {
        raw
    };
    (k * h, est)
}

/// `∫_lo^hi e^{φ(w)} dw` for concave `φ` with derivative `dphi`, `lo` finite, `hi` finite or
/// `+∞` (then `φ` must tend to `−∞`). `φ` may be `−∞` at `lo`. `peak`, when given, is where
/// `φ` is largest on the whole line (clamped into the range here); otherwise it is found by
/// bisection on `φ'`.
pub(crate) fn integrate(
    phi: impl Fn(f64) -> f64,
    dphi: impl Fn(f64) -> f64,
    lo: f64,
    hi: f64,
    peak: Option<f64>,
) -> Scaled {
    let zero = Scaled {
        ln_scale: 0.0,
        value: 0.0,
    };
    if hi <= lo {
        return zero;
    }
    // The maximum: `φ'` is decreasing.
    let peak = if let Some(p) = peak.filter(|p| p.is_finite()) {
        p.clamp(lo, hi)
    } else if dphi(lo) <= 0.0 {
        lo
    } else if hi.is_finite() && dphi(hi) >= 0.0 {
        hi
    } else {
        // Bracket a sign change of `φ'` in (lo, right], then halve it (the peak only splits
        // the panels, it need not be exact).
        let mut step = if lo == 0.0 { 1.0 } else { lo.abs() };
        let mut right = lo + step;
        while right < hi && dphi(right) > 0.0 {
            step *= 2.0;
            right = lo + step;
        }
        let (mut l, mut r) = (lo, right.min(hi));
        // To 1e-9 of its distance from `lo` (the peak may be as close to it as 1e-25), at
        // most 120 halvings.
        for _ in 0..120 {
            let m = 0.5 * (l + r);
            if m <= l || m >= r || r - l <= 1e-9 * (r - lo) {
                break;
            }
            if dphi(m) > 0.0 {
                l = m;
            } else {
                r = m;
            }
        }
        0.5 * (l + r)
    };
    let top = phi(peak);
    if !top.is_finite() {
        return zero;
    }
    let floor = top - CUT;
    // The ends: points where `φ` is between `floor − 10` and `floor` (or the range's ends).
    let a = if phi(lo) >= floor {
        lo
    } else {
        cut(lo, peak, &phi, floor, true)
    };
    let b = if hi.is_finite() && phi(hi) >= floor {
        hi
    } else {
        let mut step = if peak == 0.0 { 1.0 } else { peak.abs() };
        let mut right = peak + step;
        while (!hi.is_finite() || right < hi) && phi(right) >= floor {
            step *= 2.0;
            right = peak + step;
        }
        let right = if hi.is_finite() { right.min(hi) } else { right };
        cut(peak, right, &phi, floor, false)
    };
    let f = |w: f64| (phi(w) - top).exp();
    // Panels: split at the peak and graded geometrically towards it, each a quarter of the
    // next, down to 1 (the integrands of this crate vary on scales of 1 and of their
    // curvature; a feature of width 1 next to the peak of a flat integrand 20,000 wide would
    // slip between the nodes of one panel, and neither rule would see it), then adaptively.
    let mut panels: Vec<(f64, f64, f64, f64)> = Vec::with_capacity(64);
    for (far, sign) in [(a, -1.0), (b, 1.0)] {
        let width = (far - peak).abs();
        if width <= 0.0 {
            continue;
        }
        let mut near = peak;
        let mut d = width;
        let mut cuts = Vec::new();
        while d > 4.0 && cuts.len() < 40 {
            d /= 4.0;
            cuts.push(d);
        }
        // From the peak outwards: [peak, peak ± d_K], …, [peak ± d_1, far].
        for &c in cuts.iter().rev() {
            let next = peak + sign * c;
            let (l, r) = if sign > 0.0 {
                (near, next)
            } else {
                (next, near)
            };
            if r > l {
                let (v, e) = gk15(&f, l, r);
                panels.push((l, r, v, e));
            }
            near = next;
        }
        let (l, r) = if sign > 0.0 { (near, far) } else { (far, near) };
        if r > l {
            let (v, e) = gk15(&f, l, r);
            panels.push((l, r, v, e));
        }
    }
    loop {
        let (total, err) = panels
            .iter()
            .fold((0.0, 0.0), |(t, e), p| (t + p.2, e + p.3));
        if err <= 1e-15 * total || panels.len() >= MAX_PANELS {
            return Scaled {
                ln_scale: top,
                value: total,
            };
        }
        let worst = panels
            .iter()
            .enumerate()
            .max_by(|x, y| x.1.3.total_cmp(&y.1.3))
            .map_or(0, |(i, _)| i);
        let (l, r, _, _) = panels.swap_remove(worst);
        let m = 0.5 * (l + r);
        if m <= l || m >= r {
            // The panel cannot be split further in f64: keep its estimate.
            let (v, _) = gk15(&f, l, r);
            panels.push((l, r, v, 0.0));
            continue;
        }
        for (pl, pr) in [(l, m), (m, r)] {
            let (v, e) = gk15(&f, pl, pr);
            panels.push((pl, pr, v, e));
        }
    }
}

/// A point of `[l, r]` where `φ` is between `floor − 10` and `floor`, `φ` rising from `l` to
/// `r` (`rising`) or falling; the end beyond the floor if bisection runs out.
fn cut(mut l: f64, mut r: f64, phi: &impl Fn(f64) -> f64, floor: f64, rising: bool) -> f64 {
    let start = l;
    for _ in 0..200 {
        // Towards a left end that has not moved yet, jumps of 2⁻⁸ of the distance first: a
        // factor vanishing like `w − lo` falls by 5.5 per jump, less than the band, so the
        // band is met in about ten jumps rather than seventy halvings.
        let m = if rising && l == start {
            l + (r - l) / 256.0
        } else {
            0.5 * (l + r)
        };
        if m <= l || m >= r {
            break;
        }
        let v = phi(m);
        if v <= floor && v >= floor - 10.0 {
            return m;
        }
        // Move the end that is on the same side of the band as `m`.
        if (v > floor) == rising {
            r = m;
        } else {
            l = m;
        }
    }
    if rising { l } else { r }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_integrates_polynomials_exactly() {
        // Kronrod 15 is exact to degree 22, Gauss 7 to degree 13.
        for d in [0, 1, 2, 5, 12, 13, 20, 22] {
            let (k, e) = gk15(&|x: f64| x.powi(d), 0.0, 1.0);
            let exact = 1.0 / f64::from(d + 1);
            assert!((k - exact).abs() < 1e-15, "degree {d}: {k}");
            if d <= 13 {
                assert!(e < 1e-14, "degree {d}: Gauss {e}");
            }
        }
    }

    #[test]
    fn gaussian_and_gamma_integrals() {
        // ∫_0^∞ e^{−w²/2} = √(π/2).
        let s = integrate(|w| -0.5 * w * w, |w| -w, 0.0, f64::INFINITY, None);
        let want = (core::f64::consts::PI / 2.0).sqrt();
        assert!((s.at_scale(0.0) / want - 1.0).abs() < 1e-15);
        // ∫_0^∞ w^k e^{−w} = k!, k = 30: log-concave with the peak inside.
        let k = 30.0;
        let s = integrate(
            |w| k * w.ln() - w,
            |w| k / w - 1.0,
            0.0,
            f64::INFINITY,
            None,
        );
        // 30! = 265252859812191058636308480000000; the scale `e^{30 ln 30 − 30}` alone carries
        // the rounding of an exponent near 72 (1.4e-14).
        let want = 2.652_528_598_121_910_6e32;
        assert!((s.at_scale(0.0) / want - 1.0).abs() < 3e-14);
        // A narrow range away from the peak: ∫_1^2 e^{−100w} = (e^{−100} − e^{−200})/100.
        let s = integrate(|w| -100.0 * w, |_| -100.0, 1.0, 2.0, Some(0.0));
        let want = (-100.0f64).exp() * (-(-100.0f64).exp_m1()) / 100.0;
        assert!((s.at_scale(0.0) / want - 1.0).abs() < 1e-14);
    }
}
