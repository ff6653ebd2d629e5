//! Erlang B (M/M/n/n, blocked calls cleared): blocking probability and lines needed.
//!
//! With offered load `A` Erlangs on `n` lines, the blocking probability is
//! `B(n, A) = (Aⁿ/n!) / Σ_{k=0..n} Aᵏ/k!` (Erlang 1917). It is evaluated without factorials or
//! powers by the recursion on its reciprocal, `1/B(0) = 1`, `1/B(k) = 1 + (k/A)·(1/B(k−1))`,
//! in which every step adds a positive number to a positive number: nothing cancels, nothing
//! overflows before `B` itself drops below the smallest normal `f64` (about 2.2e-308), where it
//! is reported as 0. The same recursion feeds Erlang C and Erlang A, so all three agree.

use crate::error::{Error, Result};
use crate::staffing::targets::MaxProbability;
use crate::units::{IntervalLength, TimeSpan, Volume, checked_load, offered_load};

/// The largest number of agents or lines any search in this crate tries before reporting
/// [`Error::TargetUnreachable`] (or [`Error::LoadBeyondSearchLimit`] when the load alone needs
/// more).
///
/// ```
/// use wfm_forecast::{ErlangC, Error, ServiceTarget, Targets, TimeSpan, SEARCH_LIMIT};
/// let q = ErlangC::from_erlangs(f64::from(SEARCH_LIMIT) * 2.0, TimeSpan::from_minutes(3.0)?)?;
/// let t = Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?);
/// assert!(matches!(q.required_agents(&t), Err(Error::LoadBeyondSearchLimit { .. })));
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
pub const SEARCH_LIMIT: u32 = 10_000_000;

/// `q_k = k/A`, by division: a rounded `1/A` multiplied by `k` would repeat the same error at
/// every step, and over thousands of steps that bias reaches 2e-13 (measured against mpmath
/// at A = 50,000, n = 52,501), where the correctly rounded quotient keeps it below 1e-15. The
/// eight divisions of a block are independent of each other and of the recursion, so they run
/// in parallel with it.
#[derive(Debug, Clone, Copy)]
struct Reciprocal {
    a: f64,
}

impl Reciprocal {
    fn new(a: f64) -> Self {
        Self { a }
    }

    /// `k/A`.
    #[inline(always)]
    fn times(self, k: u32) -> f64 {
        f64::from(k) / self.a
    }
}

/// One step of the reciprocal Erlang B recursion: from `1/B(k−1)` to `1/B(k)`.
#[inline(always)]
fn step(r: f64, k: u32, inv_a: Reciprocal) -> f64 {
    1.0 + r * inv_a.times(k)
}

/// Eight steps at once, from `1/B(k0)` to `1/B(k0 + 8)`: `c + p·r`, with `c` and `p` built
/// from `q_k = k/A` off the dependency chain, so that the recursion advances eight steps per
/// multiply–add of latency and the eight divisions overlap.
#[inline(always)]
fn block(r: f64, k0: u32, inv_a: Reciprocal) -> f64 {
    let q: [f64; 8] = core::array::from_fn(|i| {
        // i < 8
        #[allow(clippy::cast_possible_truncation)]
        let i = i as u32;
        inv_a.times(k0 + 1 + i)
    });
    let c1 = 1.0 + q[3] * (1.0 + q[2] * (1.0 + q[1]));
    let p1 = (q[3] * q[2]) * (q[1] * q[0]);
    let c2 = 1.0 + q[7] * (1.0 + q[6] * (1.0 + q[5]));
    let p2 = (q[7] * q[6]) * (q[5] * q[4]);
    (c2 + p2 * c1) + (p2 * p1) * r
}

/// `1/B(n, A)`; `+∞` when `B` is below `f64`'s range.
///
/// Up to [`SEARCH_LIMIT`] the canonical evaluation: blocks of eight steps from `k = 0` up to
/// `8⌊n/8⌋`, then single steps, stopped as soon as `1/B` overflows to `+∞` (it stays there).
/// [`InvBWalk`] reproduces it bit for bit while walking `n` upwards, so that a search and a
/// single evaluation always see the same number. Above the limit, where no search goes, the
/// sum of [`inv_b_beyond_search_limit`], whose cost grows with `√n` rather than `n`.
#[inline]
pub(crate) fn inv_b(n: u32, erlangs: f64) -> f64 {
    if n > SEARCH_LIMIT {
        return inv_b_beyond_search_limit(n, erlangs);
    }
    let mut walk = InvBWalk::new(erlangs);
    walk.at(n)
}

/// `1/B(n, A) = Σ_{j=0..n} uⱼ` with `u₀ = 1`, `uⱼ = uⱼ₋₁·(n − j + 1)/A` (the terms
/// `n!/((n − j)!·Aʲ)` of the Erlang B denominator over its last term), summed from the top:
/// positive terms only, carried with a running scale. The terms grow while `n − j + 1 > A`
/// and fall after; the sum stops when it passes `f64::MAX` (`B` below `f64`'s range: `+∞`)
/// or when the rest, bounded by a geometric series, is below 1e-17 of it. So it takes about
/// `min(n, 40·√A)` terms plus `n − A` while that stays below `38·√A`: at most about 3 million
/// at `n = u32::MAX` (milliseconds), against `n` steps for the recursion from 0. Each term is
/// a running product, so its relative error grows with the number of terms, to at most about
/// 1e-10 at 3 million terms (1e-9 is documented).
fn inv_b_beyond_search_limit(n: u32, erlangs: f64) -> f64 {
    /// `ln(f64::MAX)`.
    const LN_MAX: f64 = 709.782_712_893_384;
    let (mut sum, mut u, mut ln_scale) = (1.0f64, 1.0f64, 0.0f64);
    for j in 1..=n {
        let ratio = f64::from(n - j + 1) / erlangs;
        u *= ratio;
        sum += u;
        if sum > 1e250 {
            sum *= 1e-250;
            u *= 1e-250;
            ln_scale += 250.0 * core::f64::consts::LN_10;
            if ln_scale + sum.ln() > LN_MAX {
                return f64::INFINITY;
            }
        }
        // Later ratios are smaller: the rest is below `u·r/(1 − r)` once `r < 1`.
        if ratio < 1.0 && u * ratio / (1.0 - ratio) <= 1e-17 * sum {
            break;
        }
    }
    if ln_scale == 0.0 {
        sum
    } else {
        let ln = ln_scale + sum.ln();
        if ln > LN_MAX {
            f64::INFINITY
        } else {
            sum * ln_scale.exp()
        }
    }
}

/// `1/B(n, A)` for a non-decreasing sequence of `n`, equal bit for bit to [`inv_b`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct InvBWalk {
    inv_a: Reciprocal,
    /// `k` of the last block boundary reached (a multiple of 8).
    k: u32,
    /// `1/B(k)`.
    r: f64,
    /// The last value returned, `1/B(last_n)`, with `k <= last_n < k + 8`.
    last_n: u32,
    last_r: f64,
}

impl InvBWalk {
    pub(crate) fn new(erlangs: f64) -> Self {
        Self {
            inv_a: Reciprocal::new(erlangs),
            k: 0,
            r: 1.0,
            last_n: 0,
            last_r: 1.0,
        }
    }

    /// `1/B(n)`; `n` must not be below the `n` of an earlier call.
    #[inline(always)]
    pub(crate) fn at(&mut self, n: u32) -> f64 {
        debug_assert!(n >= self.last_n);
        if self.r == f64::INFINITY {
            // `1/B` overflowed at a block boundary below `n`: every later step keeps `+∞`
            // (`1 + ∞·q = ∞` for `q > 0`), so the walk stops here.
            self.last_n = n;
            self.last_r = f64::INFINITY;
            return f64::INFINITY;
        }
        if n - self.k >= 8 {
            while n - self.k >= 8 {
                self.r = block(self.r, self.k, self.inv_a);
                self.k += 8;
                if self.r == f64::INFINITY {
                    self.last_n = n;
                    self.last_r = f64::INFINITY;
                    return f64::INFINITY;
                }
            }
            self.last_n = self.k;
            self.last_r = self.r;
        }
        // Single steps from the boundary, resumed where the last call stopped.
        let mut r = self.last_r;
        for k in self.last_n + 1..=n {
            r = step(r, k, self.inv_a);
        }
        self.last_n = n;
        self.last_r = r;
        r
    }
}

/// `Q = Σ_{k<n} (n − k)·π_k/πₙ` for `n ≤ A`, with `π_k ∝ Aᵏ/k!`: the expected number of idle
/// agents (lines) over the probability that all are busy. It equals `(n − A)/B + A`, which
/// cancels to nothing when `n < A` (there `1/B ≈ A/(A − n)`); summed instead from the top,
/// `Q = Σ_{m=1..n} m·uₘ` with `uₘ = Π_{i<m} (n − i)/A`, terms that only fall (each ratio is
/// at most `n/A ≤ 1`), stopped when a geometric bound on the rest is below 1e-17 of the sum:
/// about `min(n, 40/ln(A/n), 9·√n)` terms.
pub(crate) fn idle_over_top(n: u32, erlangs: f64) -> f64 {
    let (mut q, mut u) = (0.0f64, 1.0f64);
    for m in 1..=n {
        let ratio = f64::from(n - m + 1) / erlangs;
        u *= ratio;
        let mf = f64::from(m);
        q += mf * u;
        // Later ratios are at most `r = (n − m)/A < 1`: the rest is below
        // `u·Σ_{i≥1} (m + i)·rⁱ = u·(m·r/(1 − r) + r/(1 − r)²)`.
        let r = f64::from(n - m) / erlangs;
        if r < 1.0 {
            let g = r / (1.0 - r);
            if u * (mf * g + g / (1.0 - r)) <= 1e-17 * q {
                break;
            }
        }
    }
    q
}

/// An Erlang B loss system: calls that find every line busy are lost (blocked).
///
/// ```
/// use wfm_forecast::ErlangB;
///
/// let trunks = ErlangB::new(10.0)?;
/// assert!((trunks.blocking(15) - 0.036_496_945_472_370_8).abs() < 1e-15);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ErlangB {
    erlangs: f64,
}

impl ErlangB {
    /// A loss system offered `erlangs` Erlangs; errors unless finite and `> 0`.
    ///
    /// ```
    /// use wfm_forecast::ErlangB;
    /// assert!(ErlangB::new(0.0).is_err());
    /// ```
    pub fn new(erlangs: f64) -> Result<Self> {
        checked_load(erlangs).map(|erlangs| Self { erlangs })
    }

    /// The loss system offered `volume` calls of mean holding time `aht` per `interval`.
    ///
    /// ```
    /// use wfm_forecast::{ErlangB, IntervalLength, TimeSpan, Volume};
    /// let b = ErlangB::from_volume(Volume::new(100.0)?, TimeSpan::from_minutes(3.0)?, IntervalLength::MINUTES_30)?;
    /// assert_eq!(b.erlangs(), 10.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn from_volume(volume: Volume, aht: TimeSpan, interval: IntervalLength) -> Result<Self> {
        offered_load(volume, aht, interval).map(|erlangs| Self { erlangs })
    }

    /// The offered load in Erlangs.
    ///
    /// ```
    /// use wfm_forecast::ErlangB;
    /// assert_eq!(ErlangB::new(12.5)?.erlangs(), 12.5);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn erlangs(&self) -> f64 {
        self.erlangs
    }

    /// The probability that a call finds all `lines` busy and is lost; 1 for zero lines.
    ///
    /// Cost, for every `lines` up to `u32::MAX`: the recursion stops as soon as `B` drops
    /// below `f64`'s range (returned as 0), which happens after about `A + 38·√A + 700`
    /// steps, so at most `min(lines, A + 38·√A + 700)` steps and never more than
    /// [`SEARCH_LIMIT`] (10 million steps, about 30 ms in a release build); above
    /// [`SEARCH_LIMIT`] lines a sum of at most a few million terms is used instead (relative
    /// error below 1e-9 there, below 1e-12 up to the limit).
    ///
    /// ```
    /// use wfm_forecast::ErlangB;
    /// let b = ErlangB::new(1.0)?;
    /// assert_eq!(b.blocking(1), 0.5);
    /// assert_eq!(b.blocking(2), 0.2);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn blocking(&self, lines: u32) -> f64 {
        1.0 / inv_b(lines, self.erlangs)
    }

    /// Carried load per line: `A·(1 − B)/n`, the share of time a line is busy, within `[0, 1]`
    /// by construction. Errors on 0 lines.
    ///
    /// ```
    /// use wfm_forecast::ErlangB;
    /// assert_eq!(ErlangB::new(1.0)?.occupancy(2)?, 0.4);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn occupancy(&self, lines: u32) -> Result<f64> {
        if lines == 0 {
            return Err(Error::ZeroAgents { parameter: "lines" });
        }
        let b = 1.0 / inv_b(lines, self.erlangs);
        let n = f64::from(lines);
        if n <= self.erlangs {
            // 1 minus the idle share `B·Q/n`, a sum of positive terms: at most 1 by
            // construction, and exact where `A·(1 − B)/n` loses digits to `1 − B` (B near 1).
            Ok(1.0 - b * idle_over_top(lines, self.erlangs) / n)
        } else {
            // At most `A/n < 1` (`1 − B ≤ 1`), with `A/n ≤ 1 − 2⁻³²` for whole `n ≤ 2³²`.
            Ok(self.erlangs * (1.0 - b) / n)
        }
    }

    /// The fewest lines (trunks, IVR ports) whose blocking is at most `max_blocking`.
    /// Minimal by construction: every smaller count was evaluated with [`ErlangB::blocking`]
    /// and found above the target.
    ///
    /// ```
    /// use wfm_forecast::{ErlangB, MaxProbability};
    /// let one_percent = MaxProbability::new(0.01)?;
    /// assert_eq!(ErlangB::new(10.0)?.lines_needed(one_percent)?, 18);
    /// assert_eq!(ErlangB::new(1000.0)?.lines_needed(one_percent)?, 1029);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn lines_needed(&self, max_blocking: MaxProbability) -> Result<u32> {
        let target = max_blocking.get();
        let mut walk = InvBWalk::new(self.erlangs);
        let mut n = 0;
        // Same arithmetic as `blocking`: `1.0 / r` of the same `r`.
        while 1.0 / walk.at(n) > target {
            if n == SEARCH_LIMIT {
                return Err(Error::TargetUnreachable {
                    target: format!("blocking <= {}", crate::error::Num(target)),
                    limit: SEARCH_LIMIT,
                });
            }
            n += 1;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sum used above the search limit agrees with the recursion where both run.
    #[test]
    fn the_sum_beyond_the_limit_agrees_with_the_recursion() {
        for (n, a) in [
            (1u32, 1.0),
            (15, 10.0),
            (1_000, 1_000.0),
            (1_050, 1_000.0),
            (3_000_000, 3_000_000.0),
            (3_000_000, 2_990_000.0),
            (3_000_000, 3_010_000.0),
            (2_000_000, 1e12),
            (5_000, 1e20),
            (1_100, 1_000.0),
            (400, 10.0),
        ] {
            let walked = InvBWalk::new(a).at(n);
            let summed = inv_b_beyond_search_limit(n, a);
            if walked.is_infinite() {
                assert!(summed.is_infinite(), "n={n} A={a}: {summed}");
            } else {
                let rel = (summed - walked).abs() / walked;
                assert!(rel < 1e-11, "n={n} A={a}: {summed} vs {walked} ({rel:e})");
            }
        }
    }

    /// Before: `blocking(u32::MAX)` ran the recursion 4.3 billion steps (5–20 s).
    #[test]
    fn blocking_at_u32_max_is_fast_for_every_load() {
        let start = std::time::Instant::now();
        for a in [
            1e-300, 1.0, 1e3, 1e6, 1e7, 1e8, 1e9, 4e9, 4.29e9, 4.3e9, 1e10, 1e12, 1e300,
        ] {
            let b = ErlangB::new(a).unwrap();
            let top = b.blocking(u32::MAX);
            assert!((0.0..=1.0).contains(&top), "A={a}: {top}");
        }
        for a in [9e6, 1e7, 4e9] {
            let b = ErlangB::new(a).unwrap();
            let (at_limit, above) = (b.blocking(SEARCH_LIMIT), b.blocking(SEARCH_LIMIT + 1));
            assert!(above <= at_limit, "A={a}: {above} > {at_limit}");
        }
        assert_eq!(ErlangB::new(1e300).unwrap().blocking(u32::MAX), 1.0);
        assert_eq!(ErlangB::new(1e3).unwrap().blocking(u32::MAX), 0.0);
        // Seconds for thirteen loads in a debug build, milliseconds in a release one.
        assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
    }
}
