//! Erlang C (M/M/n, infinitely patient callers): probability of waiting, service level, ASA,
//! occupancy, and the fewest agents meeting a set of targets.
//!
//! With `A` Erlangs offered to `n > A` agents, mean handle time `h` and `B = B(n, A)` the
//! Erlang B blocking (see [`crate::ErlangB`]):
//!
//! - probability of waiting `C = n·B / (n − A + A·B)`;
//! - service level `SL(T) = P(wait ≤ T) = 1 − C·e^{−(n−A)T/h}`; below one half it is computed
//!   as the sum of two non-negative terms `(1 − C) + C·(1 − e^{−(n−A)T/h})` with
//!   `1 − C = (n − A)(1 − B) / (n − A + A·B)`, so that no digits cancel;
//! - ASA `= C·h/(n − A)`: the mean wait of all calls, zero waits included. Nobody abandons
//!   in Erlang C, so this is also the ASA of answered calls and the mean wait of all arrivals,
//!   and every [`ServiceLevelDefinition`](crate::ServiceLevelDefinition) gives the same SL;
//! - occupancy `A/n`.
//!
//! With `n ≤ A` the queue grows without bound: every function returns
//! [`Error::UnstableQueue`] rather than a "probability" above 1.

use crate::error::{Error, Result};
use crate::staffing::erlang_b::{InvBWalk, SEARCH_LIMIT, inv_b};
use crate::staffing::targets::Targets;
use crate::units::{IntervalLength, TimeSpan, Volume, checked_load, offered_load};

/// An Erlang C queue: Poisson arrivals, exponential handle times, `n` agents, no abandonment.
///
/// ```
/// use wfm_forecast::{ErlangC, IntervalLength, TimeSpan, Volume};
///
/// // 100 calls per half hour, 3-minute handle time: 10 Erlangs.
/// let q = ErlangC::new(Volume::new(100.0)?, TimeSpan::from_minutes(3.0)?, IntervalLength::MINUTES_30)?;
/// let m = q.metrics(14, TimeSpan::from_seconds(20.0)?)?;
/// assert!((m.p_wait - 0.174_131_933_595).abs() < 1e-12);
/// assert!((m.service_level - 0.888_350_019_179).abs() < 1e-12);
/// assert!((m.asa.seconds() - 7.835_937_012).abs() < 1e-9);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ErlangC {
    erlangs: f64,
    aht_s: f64,
}

/// What `n` agents achieve under Erlang C ([`ErlangC::metrics`]).
///
/// ```
/// use wfm_forecast::{ErlangC, TimeSpan};
/// let q = ErlangC::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?)?;
/// let m = q.metrics(12, TimeSpan::from_seconds(20.0)?)?;
/// assert!(m.p_wait > 1.0 - m.service_level); // some waiting calls are still answered within 20 s
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ErlangCMetrics {
    /// Agents.
    pub agents: u32,
    /// Probability that a call waits at all (all agents busy on arrival).
    pub p_wait: f64,
    /// Probability that a call waits at most the given time (answered within T ÷ offered).
    pub service_level: f64,
    /// Average speed of answer over all calls, zero waits included.
    pub asa: TimeSpan,
    /// Share of agent time spent handling calls, `A/n`.
    pub occupancy: f64,
}

/// The fewest agents meeting a set of targets, and what they achieve
/// ([`ErlangC::required_agents`]).
///
/// ```
/// use wfm_forecast::{AsaTarget, ErlangC, Targets, TimeSpan};
/// let q = ErlangC::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?)?;
/// let s = q.required_agents(&Targets::asa(AsaTarget::new(TimeSpan::from_seconds(10.0)?)?))?;
/// assert!(s.asa.seconds() <= 10.0 && s.service_level.is_none());
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ErlangCStaffing {
    /// The fewest agents meeting every target; one fewer misses at least one.
    pub agents: u32,
    /// Probability of waiting at that staffing.
    pub p_wait: f64,
    /// Service level at the target's answer time, when a service-level target was given.
    pub service_level: Option<f64>,
    /// ASA at that staffing.
    pub asa: TimeSpan,
    /// Occupancy at that staffing.
    pub occupancy: f64,
}

/// `(C, 1 − C)` from `n`, `A` and `r = 1/B(n, A)`; requires `n > A`. `r = +∞` (blocking
/// below `f64`'s range) gives `(0, 1)`.
#[inline(always)]
pub(crate) fn wait_probs(n: f64, a: f64, r: f64) -> (f64, f64) {
    let d = n - a;
    let b = 1.0 / r;
    let den = d + a * b;
    (n * b / den, d * (1.0 - b) / den)
}

/// Service level from `C`, `1 − C` and the exponent `(n − A)·T/h`: `1 − miss` when the miss
/// `C·e^{−x}` is below one half (exact near 1, and monotone in the miss), else the sum of the
/// two non-negative parts (no cancellation when the service level is low).
#[inline(always)]
pub(crate) fn sl_from(c: f64, one_minus_c: f64, exponent: f64) -> f64 {
    let miss = c * (-exponent).exp();
    if miss < 0.5 {
        1.0 - miss
    } else {
        one_minus_c + c * -(-exponent).exp_m1()
    }
}

impl ErlangC {
    /// The queue offered `volume` calls of mean handle time `aht` per `interval`.
    /// Errors on zero volume or zero handle time.
    ///
    /// ```
    /// use wfm_forecast::{ErlangC, IntervalLength, TimeSpan, Volume};
    /// let q = ErlangC::new(Volume::new(0.0)?, TimeSpan::from_minutes(3.0)?, IntervalLength::MINUTES_30);
    /// assert!(q.is_err());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn new(volume: Volume, aht: TimeSpan, interval: IntervalLength) -> Result<Self> {
        let erlangs = offered_load(volume, aht, interval)?;
        Ok(Self {
            erlangs,
            aht_s: aht.seconds(),
        })
    }

    /// The queue offered `erlangs` Erlangs with mean handle time `aht`.
    ///
    /// ```
    /// use wfm_forecast::{ErlangC, TimeSpan};
    /// let q = ErlangC::from_erlangs(1000.0, TimeSpan::from_seconds(180.0)?)?;
    /// assert!((q.p_wait(1050)? - 0.074_401_774_037_4).abs() < 1e-12);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn from_erlangs(erlangs: f64, aht: TimeSpan) -> Result<Self> {
        let erlangs = checked_load(erlangs)?;
        let aht_s = aht.positive("handle time")?;
        Ok(Self { erlangs, aht_s })
    }

    /// The offered load in Erlangs.
    ///
    /// ```
    /// use wfm_forecast::{ErlangC, TimeSpan};
    /// let q = ErlangC::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?)?;
    /// assert_eq!(q.erlangs(), 10.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn erlangs(&self) -> f64 {
        self.erlangs
    }

    /// The mean handle time.
    ///
    /// ```
    /// use wfm_forecast::{ErlangC, TimeSpan};
    /// let q = ErlangC::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?)?;
    /// assert_eq!(q.aht().seconds(), 180.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn aht(&self) -> TimeSpan {
        TimeSpan::from_positive_seconds(self.aht_s)
    }

    fn stable(&self, agents: u32) -> Result<f64> {
        let n = f64::from(agents);
        if n > self.erlangs {
            Ok(n)
        } else {
            Err(Error::UnstableQueue {
                agents,
                erlangs: self.erlangs,
            })
        }
    }

    /// Probability that a call has to wait (Erlang's C formula).
    ///
    /// ```
    /// use wfm_forecast::{Error, ErlangC, TimeSpan};
    /// let q = ErlangC::from_erlangs(10.0, TimeSpan::from_seconds(180.0)?)?;
    /// assert!(matches!(q.p_wait(10), Err(Error::UnstableQueue { .. })));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn p_wait(&self, agents: u32) -> Result<f64> {
        let n = self.stable(agents)?;
        Ok(wait_probs(n, self.erlangs, inv_b(agents, self.erlangs)).0)
    }

    /// Service level: probability that a call waits at most `within` (answered within T ÷
    /// offered, which in Erlang C is also ÷ answered).
    ///
    /// ```
    /// use wfm_forecast::{ErlangC, TimeSpan};
    /// let q = ErlangC::from_erlangs(10.0, TimeSpan::from_seconds(180.0)?)?;
    /// let sl = q.service_level(13, TimeSpan::from_seconds(20.0)?)?;
    /// assert!((sl - 0.795_594_788_418).abs() < 1e-12);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn service_level(&self, agents: u32, within: TimeSpan) -> Result<f64> {
        Ok(self.metrics(agents, within)?.service_level)
    }

    /// Average speed of answer: mean wait of all calls, zero waits included.
    ///
    /// ```
    /// use wfm_forecast::{ErlangC, TimeSpan};
    /// let q = ErlangC::from_erlangs(1000.0, TimeSpan::from_seconds(180.0)?)?;
    /// assert!((q.asa(1050)?.seconds() - 0.267_846_386_5).abs() < 1e-9);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn asa(&self, agents: u32) -> Result<TimeSpan> {
        let n = self.stable(agents)?;
        let (c, _) = wait_probs(n, self.erlangs, inv_b(agents, self.erlangs));
        self.asa_from(n, c)
    }

    /// Occupancy `A/n`, for a stable queue.
    ///
    /// ```
    /// use wfm_forecast::{ErlangC, TimeSpan};
    /// let q = ErlangC::from_erlangs(10.0, TimeSpan::from_seconds(180.0)?)?;
    /// assert_eq!(q.occupancy(20)?, 0.5);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn occupancy(&self, agents: u32) -> Result<f64> {
        let n = self.stable(agents)?;
        Ok(self.erlangs / n)
    }

    fn asa_from(&self, n: f64, c: f64) -> Result<TimeSpan> {
        TimeSpan::from_seconds(c * self.aht_s / (n - self.erlangs))
    }

    /// Everything `agents` achieve, with the service level at `within`.
    ///
    /// ```
    /// use wfm_forecast::{ErlangC, TimeSpan};
    /// let q = ErlangC::from_erlangs(10.0, TimeSpan::from_seconds(180.0)?)?;
    /// let m = q.metrics(14, TimeSpan::from_seconds(20.0)?)?;
    /// assert_eq!(m.agents, 14);
    /// assert!(m.service_level > 0.88);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn metrics(&self, agents: u32, within: TimeSpan) -> Result<ErlangCMetrics> {
        let n = self.stable(agents)?;
        let a = self.erlangs;
        let (c, one_minus_c) = wait_probs(n, a, inv_b(agents, a));
        let exponent = (n - a) * within.seconds() / self.aht_s;
        Ok(ErlangCMetrics {
            agents,
            p_wait: c,
            service_level: sl_from(c, one_minus_c, exponent),
            asa: self.asa_from(n, c)?,
            occupancy: a / n,
        })
    }

    /// The fewest agents meeting every target together (an abandonment ceiling is met by any
    /// staffing, since nobody abandons in Erlang C).
    ///
    /// The search starts at `⌊A⌋ + 1`, the fewest agents of a stable queue (or at the fewest
    /// agents meeting the occupancy ceiling, if more), and walks up one agent at a time
    /// carrying the Erlang B recursion, so the answer is minimal by construction: every
    /// smaller count either is unstable, breaks the occupancy ceiling, or was evaluated with
    /// the same arithmetic as [`ErlangC::metrics`] and missed a target. A screen without
    /// divisions or exponentials (the decay factor `e^{−(n−A)T/h}` updated by one
    /// multiplication per agent) skips candidates that miss by more than 1e-9 relative, far
    /// beyond its rounding error; the candidates it lets through get the exact evaluation.
    ///
    /// ```
    /// use wfm_forecast::{ErlangC, MaxOccupancy, ServiceTarget, Targets, TimeSpan};
    ///
    /// let q = ErlangC::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?)?;
    /// let sl = ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?;
    /// assert_eq!(q.required_agents(&Targets::service_level(sl))?.agents, 14);
    /// // 13 agents reach only 79.56 %:
    /// assert!(q.service_level(13, sl.within())? < 0.8);
    /// let with_occ = Targets::service_level(sl).and_max_occupancy(MaxOccupancy::new(0.7)?);
    /// assert_eq!(q.required_agents(&with_occ)?.agents, 15);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn required_agents(&self, targets: &Targets) -> Result<ErlangCStaffing> {
        let a = self.erlangs;
        let h = self.aht_s;
        let unreachable = || Error::TargetUnreachable {
            target: targets.describe(),
            limit: SEARCH_LIMIT,
        };
        // The search tries ⌊A⌋ + 1 up to SEARCH_LIMIT agents inclusive.
        if a.floor() + 1.0 > f64::from(SEARCH_LIMIT) {
            return Err(Error::LoadBeyondSearchLimit {
                erlangs: a,
                limit: SEARCH_LIMIT,
            });
        }
        let as_count = |x: f64| -> Result<u32> {
            if x < f64::from(SEARCH_LIMIT) {
                // 0 <= x < SEARCH_LIMIT and whole, so the cast is exact.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                Ok(x as u32)
            } else {
                Err(unreachable())
            }
        };
        // Fewest agents of a stable queue.
        let mut n = as_count(a.floor())? + 1;
        // Occupancy `A/n` is non-increasing in `n` (division is correctly rounded), so the
        // first `n` meeting the ceiling is a lower bound; found from `⌈A/max⌉` and checked
        // with the very expression `occupancy` uses.
        if let Some(max) = targets.max_occupancy().map(|o| o.get()) {
            let mut k = as_count((a / max).ceil())?.max(n);
            while k > n && a / f64::from(k - 1) <= max {
                k -= 1;
            }
            while a / f64::from(k) > max {
                k += 1;
            }
            n = k;
        }
        let mut walk = InvBWalk::new(a);
        let sl = targets.service();
        let (share, t_s) = sl.map_or((0.0, 0.0), |s| (s.share(), s.within().seconds()));
        let asa_max = targets.asa_target().map(|t| t.max().seconds());
        // The screens reject a candidate only when it misses by more than 1e-9 relative (plus
        // 1e-15 absolute for the service level), far beyond their rounding error (the decay
        // factor is re-anchored every 1,024 agents, so its error stays below 1e-13).
        let screen_miss = (1.0 - share) * (1.0 + 1e-9) + 1e-15;
        let screen_asa = asa_max.map(|m| m * (1.0 + 1e-9));
        let step_decay = (-t_s / h).exp();
        let mut decay = 0.0;
        let mut since_anchor = 1024;
        loop {
            let nf = f64::from(n);
            let d = nf - a;
            if since_anchor == 1024 {
                decay = (-d * t_s / h).exp();
                since_anchor = 0;
            }
            let r = walk.at(n);
            // C = n / den_r; no division in the screens.
            let den_r = d * r + a;
            let sl_maybe = sl.is_none() || nf * decay <= screen_miss * den_r;
            let asa_maybe = screen_asa.is_none_or(|m| nf * h <= m * d * den_r);
            if sl_maybe && asa_maybe {
                // Exactly the arithmetic of `metrics`.
                let (c, one_minus_c) = wait_probs(nf, a, r);
                let asa_s = c * h / d;
                let sl_value = sl.map(|_| sl_from(c, one_minus_c, d * t_s / h));
                if asa_max.is_none_or(|m| asa_s <= m) && sl_value.is_none_or(|v| v >= share) {
                    return Ok(ErlangCStaffing {
                        agents: n,
                        p_wait: c,
                        service_level: sl_value,
                        asa: TimeSpan::from_seconds(asa_s)?,
                        occupancy: a / nf,
                    });
                }
            }
            if n >= SEARCH_LIMIT {
                return Err(unreachable());
            }
            n += 1;
            decay *= step_decay;
            since_anchor += 1;
        }
    }
}
