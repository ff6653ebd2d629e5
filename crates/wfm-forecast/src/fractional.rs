//! Fractional agents: the continuous extension of Erlang B and C.
//!
//! Staffing in whole agents rounds up in every interval and every queue; summing those
//! roundings over queues or intervals over-staffs (pyworkforce issue #41 asks to "remove the
//! ceil"). Jagerman (1974) extended Erlang B to a real number of servers `x ≥ 0`:
//!
//! ```text
//! 1/B(x, A) = A·∫₀^∞ e^{−A·t}·(1 + t)^x dt = e^A·A^{−x}·Γ(x + 1, A)
//! ```
//!
//! with `Γ(s, A)` the upper incomplete gamma function. It equals Erlang B at whole `x`, is
//! decreasing and convex in `x`, and keeps the recurrence `1/B(x + 1) = 1 + (x + 1)/A · 1/B(x)`.
//! Erlang C follows from it as for whole agents: `C = x·B/(x − A + A·B)`,
//! `SL(T) = 1 − C·e^{−(x − A)T/h}`, `ASA = C·h/(x − A)`, occupancy `A/x`, all monotone in `x`.
//!
//! Evaluation: `1/B` at the fractional part `x₀ = x − ⌊x⌋` from the incomplete gamma function
//! (a continued fraction by the modified Lentz method when `A ≥ x₀ + 2`, the power series
//! otherwise), then the stable upward recurrence to `x`. At whole `x` the integer Erlang B of
//! this crate is used, bit for bit. Checked against mpmath at 40 digits to 1e-12 relative
//! (`tests/data/erlang_fractional_mpmath.csv`).

use crate::erlang_b::{ErlangB, SEARCH_LIMIT, inv_b};
use crate::erlang_c::{ErlangC, sl_from, wait_probs};
use crate::error::{Error, Result};
use crate::targets::Targets;
use crate::units::TimeSpan;

/// What a fractional number of agents achieves under Erlang C
/// ([`ErlangC::fractional_metrics`], [`ErlangC::fractional_required_agents`]).
///
/// ```
/// use wfm_forecast::{ErlangC, TimeSpan};
/// let q = ErlangC::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?)?;
/// let m = q.fractional_metrics(12.5, TimeSpan::from_seconds(20.0)?)?;
/// assert!((m.service_level.unwrap_or(0.0) - 0.727_493_409_527).abs() < 1e-11);
/// assert_eq!(m.occupancy, 0.8);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct FractionalStaffing {
    /// Agents, a real number above the load.
    pub agents: f64,
    /// Probability that a call waits at all.
    pub p_wait: f64,
    /// Service level at the answer time asked for (always given by
    /// [`ErlangC::fractional_metrics`]; by [`ErlangC::fractional_required_agents`] when a
    /// service-level target was given).
    pub service_level: Option<f64>,
    /// Average speed of answer over all calls.
    pub asa: TimeSpan,
    /// Occupancy `A/x`.
    pub occupancy: f64,
}

/// Checks a fractional count of servers: finite, not negative (positive when `open_at_zero`),
/// and at most [`SEARCH_LIMIT`] (the evaluation recurs over every whole agent below `x`).
fn checked_agents(x: f64, open_at_zero: bool) -> Result<f64> {
    let ok = x.is_finite()
        && (if open_at_zero { x > 0.0 } else { x >= 0.0 })
        && x <= f64::from(SEARCH_LIMIT);
    if ok {
        Ok(x)
    } else {
        Err(Error::InvalidAgents { value: x })
    }
}

/// `Γ(s, a)·e^a·a^{−s}` by the modified Lentz evaluation of the continued fraction
/// `1/(a + 1 − s − 1·(1 − s)/(a + 3 − s − 2·(2 − s)/(a + 5 − s − …)))`; converges quickly for
/// `a ≥ s + 1`.
fn upper_gamma_cf(s: f64, a: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let mut b = a + 1.0 - s;
    let mut c = 1.0 / TINY;
    let mut d = 1.0 / b;
    let mut h = d;
    for i in 1..=500u32 {
        let i = f64::from(i);
        let an = -i * (i - s);
        b += 2.0;
        d = an * d + b;
        if d.abs() < TINY {
            d = TINY;
        }
        c = b + an / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let delta = d * c;
        h *= delta;
        if (delta - 1.0).abs() <= f64::EPSILON {
            break;
        }
    }
    h
}

/// `1/B(x₀, a)` for `0 ≤ x₀ < 1`: `e^a·a^{−x₀}·Γ(x₀ + 1, a)`.
fn inv_b_base(x0: f64, a: f64) -> f64 {
    if x0 == 0.0 {
        return 1.0;
    }
    let s = x0 + 1.0;
    if a >= s + 1.0 {
        // Γ(s, a) = e^{−a}·a^s·CF, so 1/B = a·CF.
        a * upper_gamma_cf(s, a)
    } else {
        // Γ(s, a) = Γ(s) − γ(s, a), γ(s, a) = e^{−a}·a^s·Σ aⁿ/(s(s+1)…(s+n)); a < 3 here,
        // so e^a stays small and at most about one digit cancels.
        let mut term = 1.0 / s;
        let mut sum = term;
        let mut k = s;
        for _ in 0..200 {
            k += 1.0;
            term *= a / k;
            sum += term;
            if term <= sum * f64::EPSILON * 0.25 {
                break;
            }
        }
        let gamma_s = statrs::function::gamma::gamma(s);
        a.exp() * a.powf(-x0) * gamma_s - a * sum
    }
}

/// `1/B(x, a)` for real `x ≥ 0`; `+∞` when `B` is below `f64`'s range.
pub(crate) fn inv_b_fractional(x: f64, a: f64) -> f64 {
    let whole = x.floor();
    let x0 = x - whole;
    if x0 == 0.0 && whole <= f64::from(u32::MAX) {
        // Whole x: the integer evaluation, bit for bit. `whole` is a whole number in u32's
        // range, so the cast is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        return inv_b(whole as u32, a);
    }
    let mut r = inv_b_base(x0, a);
    let inv_a = 1.0 / a;
    let mut j = 1.0;
    // Once 1/B overflows it stays infinite (B is below f64's range): stop there.
    while j <= whole && r.is_finite() {
        r = 1.0 + (x0 + j) * inv_a * r;
        j += 1.0;
    }
    r
}

impl ErlangB {
    /// Blocking probability with a fractional number of lines `x ≥ 0` (Jagerman's continuous
    /// Erlang B; equal to [`ErlangB::blocking`] at whole `x`).
    ///
    /// # Errors
    /// [`Error::InvalidAgents`] for a negative, NaN or infinite `x`.
    ///
    /// ```
    /// use wfm_forecast::ErlangB;
    /// let b = ErlangB::new(10.0)?;
    /// assert_eq!(b.blocking_fractional(15.0)?, b.blocking(15));
    /// let between = b.blocking_fractional(15.5)?;
    /// assert!(b.blocking(16) < between && between < b.blocking(15));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn blocking_fractional(&self, lines: f64) -> Result<f64> {
        let x = checked_agents(lines, false)?;
        Ok(1.0 / inv_b_fractional(x, self.erlangs()))
    }
}

/// The Erlang C figures `(C, 1 − C, ASA)` at `x` agents from `1/B`, with the arithmetic of
/// whole agents; requires `x > A`.
fn erlang_c_at(x: f64, a: f64, h: f64, r: f64) -> (f64, f64, f64) {
    let (c, one_minus_c) = wait_probs(x, a, r);
    (c, one_minus_c, c * h / (x - a))
}

impl ErlangC {
    /// What `agents` (a real number above the load) achieve, with the service level at
    /// `within`: the continuous extension of [`ErlangC::metrics`], equal to it at whole
    /// numbers of agents.
    ///
    /// # Errors
    /// [`Error::InvalidAgents`] for a NaN, infinite or non-positive number,
    /// [`Error::UnstableQueue`] when `agents ≤ A`.
    ///
    /// ```
    /// use wfm_forecast::{ErlangC, TimeSpan};
    /// let q = ErlangC::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?)?;
    /// let t = TimeSpan::from_seconds(20.0)?;
    /// let whole = q.metrics(14, t)?;
    /// let same = q.fractional_metrics(14.0, t)?;
    /// assert_eq!(same.service_level, Some(whole.service_level));
    /// assert!(q.fractional_metrics(9.5, t).is_err()); // fewer agents than Erlangs
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn fractional_metrics(&self, agents: f64, within: TimeSpan) -> Result<FractionalStaffing> {
        let x = checked_agents(agents, true)?;
        self.fractional_at(x, Some(within.seconds()))
    }

    fn fractional_at(&self, x: f64, within_s: Option<f64>) -> Result<FractionalStaffing> {
        let (a, h) = (self.erlangs(), self.aht().seconds());
        if x <= a {
            // The error names whole agents; a fractional count is reported rounded down.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let agents = x.floor().min(f64::from(u32::MAX)) as u32;
            return Err(Error::UnstableQueue { agents, erlangs: a });
        }
        let (c, one_minus_c, asa_s) = erlang_c_at(x, a, h, inv_b_fractional(x, a));
        Ok(FractionalStaffing {
            agents: x,
            p_wait: c,
            service_level: within_s.map(|t| sl_from(c, one_minus_c, (x - a) * t / h)),
            asa: TimeSpan::from_seconds(asa_s)?,
            occupancy: a / x,
        })
    }

    /// The fewest fractional agents meeting every target together — the root of each
    /// target's continuous curve, the largest of them — and what they achieve. Each target is
    /// met at the returned number (it is the upper end of a bracket narrowed to 1e-13 relative
    /// (1e-12 agents at 10), by the Illinois variant of regula falsi between the whole numbers
    /// that [`ErlangC::required_agents`]
    /// finds for that target alone). The occupancy ceiling `ρ` needs exactly `A/ρ` agents. An
    /// abandonment ceiling is met by any staffing (nobody abandons in Erlang C).
    ///
    /// # Errors
    /// As [`ErlangC::required_agents`], and [`Error::NoFractionalMinimum`] when no target binds
    /// above the load (only an abandonment ceiling, or an occupancy ceiling of 1): every
    /// staffing above the load then qualifies and none is the fewest.
    ///
    /// ```
    /// use wfm_forecast::{ErlangC, ServiceTarget, Targets, TimeSpan};
    /// let q = ErlangC::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?)?;
    /// let sl = ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?;
    /// let s = q.fractional_required_agents(&Targets::service_level(sl))?;
    /// // 13 whole agents reach 79.56 %, 14 reach 88.8 %: 80 % needs 13.037 (mpmath).
    /// assert!((s.agents - 13.037_206_466_407_79).abs() < 1e-11);
    /// assert!(s.service_level.unwrap_or(0.0) >= 0.8);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn fractional_required_agents(&self, targets: &Targets) -> Result<FractionalStaffing> {
        let a = self.erlangs();
        let h = self.aht().seconds();
        // Every whole-number answer exists first (or the targets are unreachable).
        let whole = self.required_agents(targets)?;
        let mut x = f64::from(whole.agents);
        let mut lower = a;
        if let Some(rho) = targets.max_occupancy() {
            lower = lower.max(a / rho.get());
        }
        let mut need = lower;
        if let Some(s) = targets.service() {
            let t = s.within().seconds();
            let alone = self.required_agents(&Targets::service_level(s))?;
            need = need.max(self.root(alone.agents, |x| {
                let (c, one_minus_c, _) = erlang_c_at(x, a, h, inv_b_fractional(x, a));
                sl_from(c, one_minus_c, (x - a) * t / h) - s.share()
            }));
        }
        if let Some(asa) = targets.asa_target() {
            let max = asa.max().seconds();
            let alone = self.required_agents(&Targets::asa(asa))?;
            need = need.max(self.root(alone.agents, |x| {
                max - erlang_c_at(x, a, h, inv_b_fractional(x, a)).2
            }));
        }
        if need < x {
            x = need;
        }
        // With nothing binding above the load (no service-level or ASA target, no occupancy
        // ceiling below 1), the stable staffings form the open set x > A: no fewest exists.
        if x <= a {
            return Err(Error::NoFractionalMinimum { erlangs: a });
        }
        // `A/(A/ρ)` may round one ulp above `ρ`.
        if let Some(rho) = targets.max_occupancy() {
            while a / x > rho.get() {
                x = x.next_up();
            }
        }
        self.fractional_at(x, targets.service().map(|s| s.within().seconds()))
    }

    /// The smallest `x` in `(max(A, m − 1), m]` with `g(x) ≥ 0`, to 1e-13 relative, given that
    /// `g` is increasing, `g(m) ≥ 0` (`m` is the target's whole-number answer) and `g < 0` at
    /// `m − 1` when `m − 1 > A`. The bracket is narrowed by the Illinois variant of regula
    /// falsi (superlinear on these smooth curves), falling back to halving whenever the
    /// secant step is unavailable (an end at the load, where `g` may be infinite) or would not
    /// land strictly inside; the upper end always meets the target.
    fn root(&self, m: u32, g: impl Fn(f64) -> f64) -> f64 {
        let a = self.erlangs();
        let mut hi = f64::from(m);
        let mut g_hi = g(hi);
        let mut lo = (hi - 1.0).max(a);
        let mut g_lo = if lo > a { g(lo) } else { f64::NEG_INFINITY };
        // Which end moved last: +1 the upper, −1 the lower (Illinois halves the other's value
        // when the same end moves twice, so that both ends converge).
        let mut last = 0i8;
        for _ in 0..400 {
            let width = hi - lo;
            if width <= 1e-13 * hi.max(1.0) {
                break;
            }
            let secant = if g_lo.is_finite() && g_hi.is_finite() && g_hi > g_lo {
                hi - g_hi * width / (g_hi - g_lo)
            } else {
                f64::NAN
            };
            let x = if secant > lo && secant < hi {
                secant
            } else {
                lo + width / 2.0
            };
            if x <= lo || x >= hi {
                break;
            }
            let gx = g(x);
            if gx >= 0.0 {
                hi = x;
                g_hi = gx;
                if last == 1 {
                    g_lo /= 2.0;
                }
                last = 1;
            } else {
                lo = x;
                g_lo = gx;
                if last == -1 {
                    g_hi /= 2.0;
                }
                last = -1;
            }
        }
        hi
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::excessive_precision)] // the reference digits as mpmath printed them
    fn base_matches_mpmath() {
        // x₀ → 0: B = 1 (no server).
        for a in [0.01, 0.3, 2.9, 3.1, 250.0] {
            assert!((inv_b_base(1e-18, a) - 1.0).abs() < 1e-15);
        }
        // 1/B(1/2, A) = e^A·A^{−1/2}·Γ(3/2, A): mpmath 1.4.1 at 30 digits,
        // `e**a * a**-0.5 * gammainc(1.5, a)`, on both sides of the series/fraction switch.
        for (a, exact) in [
            (0.3, 1.957_898_573_432_290_794_687),
            (1.0, 1.378_936_078_070_656_053_022),
            (2.5, 1.173_078_517_303_020_459_179),
            (2.9, 1.151_575_778_606_034_894_772),
            (3.1, 1.142_737_787_252_680_990_800),
            (10.0, 1.047_804_330_646_513_836_348),
        ] {
            let ours = inv_b_base(0.5, a);
            assert!(
                (ours - exact).abs() <= 4e-15 * exact,
                "a={a}: {ours} vs {exact}"
            );
        }
    }

    #[test]
    fn whole_numbers_use_the_integer_recurrence() {
        for a in [0.5, 10.0, 1234.5] {
            for n in [1u32, 7, 100, 2000] {
                assert_eq!(inv_b_fractional(f64::from(n), a), inv_b(n, a));
                // And the fractional path agrees just above it.
                let above = inv_b_fractional(f64::from(n) + 1e-9, a);
                let whole = inv_b(n, a);
                if whole.is_finite() {
                    assert!((above - whole).abs() <= 1e-6 * whole, "a={a} n={n}");
                }
            }
        }
    }
}
