//! Erlang X: Erlang A with a finite number of lines and callers who redial.
//!
//! First attempts arrive as a Poisson stream of rate `λ`; handle times are exponential
//! (rate `μ = 1/aht`); `n` agents answer first come first served; the trunk holds `N ≥ n`
//! calls (agents plus waiting places; [`Lines::Unlimited`] for no limit), and a call that
//! finds every line busy is blocked; a waiting caller hangs up after an exponential patience
//! (rate `θ`, none for callers who never hang up). A blocked caller redials with probability
//! `r_b`, one who hung up with probability `r_a`, after an exponential delay of mean `1/γ`;
//! a redial is an attempt like any other and may be blocked or abandon again.
//!
//! # The exact chain
//!
//! The state is `(k, m)`: calls on the lines, `k = 0..N`, and callers waiting to redial (the
//! *orbit*), `m = 0, 1, …`. From `(k, m)`: a first attempt `λ` moves to `(k + 1, m)`, or, on a
//! full trunk, to `(k, m + 1)` with probability `r_b`; a redial `mγ` moves to `(k + 1, m − 1)`,
//! or on a full trunk to `(k, m − 1)` with probability `1 − r_b`; a completion `min(k, n)μ` to
//! `(k − 1, m)`; an abandonment `(k − n)⁺θ` to `(k − 1, m + 1)` with probability `r_a`, else to
//! `(k − 1, m)`. The orbit is cut at a level `M` (and with unlimited lines the calls at a
//! `K`): both are chosen from the fast method's estimate and doubled until the last orbit
//! level holds at most 1e-14 of the probability and at most half of the level below it (so
//! that the mass beyond it, falling at least geometrically, is below 1e-14), and likewise
//! the last call level with unlimited lines. The documented bound on what the cut leaves out
//! is [`ErlangX::TRUNCATION`], 1e-12; a test doubles `M` and `K` and sees every measure move by
//! less. The stationary distribution is then computed by state reduction on the chain numbered
//! so that every transition moves at most `min(N, M) + 1` places (calls outer or orbit outer,
//! whichever is shorter): subtraction-free, exact to rounding, `states × (min(N, M) + 1)²`
//! operations.
//!
//! # Measures
//!
//! First attempts see the time-stationary state (Poisson arrivals see time averages); redials
//! see it weighted by the orbit size `m`. Every measure is given per first attempt and per
//! attempt (first attempts and redials together, which is what a switch counts): blocked,
//! waited, abandoned, answered, and the service levels of [`ServiceLevels`] (a blocked attempt
//! is offered and not answered, so it counts as missed in every definition). A caller who
//! joins behind `j` others has the offered wait of the Erlang A queue, `Σ_{i=0..j} Exp(nμ + iθ)`
//! (first come first served: who redials later does not overtake), which gives answered,
//! answered within `T`, abandoned within `T` and the waits in closed form with the incomplete
//! beta function. ASA is over answered attempts, the mean wait over attempts given a line;
//! occupancy is the time-average share of busy agents; the redial load is redials per first
//! attempt.
//!
//! # The fast method
//!
//! [`Method::Fast`] treats redials as extra Poisson arrivals: the attempt rate `Λ` solves
//! `Λ = λ + Λ·(r_b·P(blocked) + r_a·P(abandon))`, with both probabilities those of the
//! one-dimensional M/M/n/N+M queue offered `Λ`. Where every caller who is blocked or hangs up
//! is gone for good it is the exact chain; elsewhere it ignores that redials come in bursts
//! after congestion. Its gap to the exact chain over a grid of loads, lines, patience and
//! redial settings is tested against [`ErlangX::FAST_GAP`].
//!
//! With no redials and unlimited lines this is Erlang A; with infinite patience and `N = n`
//! Erlang B; with infinite patience and unlimited lines Erlang C (the crate's tests check all
//! three).

mod chain;
mod exact;
mod fast;
mod search;
mod waiting;

use crate::error::{Error, Result};
use crate::staffing::erlang_a::ServiceLevels;
use crate::units::{IntervalLength, TimeSpan, Volume, checked_load, offered_load};
use waiting::{positions, within as within_t};

/// How many lines (agents plus waiting places) a queue has.
///
/// ```
/// use wfm_forecast::Lines;
/// assert_eq!(Lines::Limited(30).get(), Some(30));
/// assert_eq!(Lines::Unlimited.get(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Lines {
    /// This many lines: a call finding all of them busy is blocked.
    Limited(u32),
    /// No limit: nobody is blocked.
    Unlimited,
}

impl Lines {
    /// The number of lines, `None` when unlimited.
    ///
    /// ```
    /// use wfm_forecast::Lines;
    /// assert_eq!(Lines::Limited(12).get(), Some(12));
    /// ```
    pub fn get(self) -> Option<u32> {
        match self {
            Self::Limited(n) => Some(n),
            Self::Unlimited => None,
        }
    }
}

/// Which calculation of Erlang X to use.
///
/// ```
/// use wfm_forecast::ErlangXMethod;
/// assert_ne!(ErlangXMethod::Exact, ErlangXMethod::Fast);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Method {
    /// The two-dimensional chain (calls on the lines × callers waiting to redial).
    #[default]
    Exact,
    /// Redials as extra Poisson arrivals, at the fixed point of their rate: microseconds,
    /// within [`ErlangX::FAST_GAP`] of the exact chain.
    Fast,
}

/// Who redials, and after how long.
///
/// ```
/// use wfm_forecast::{Redials, TimeSpan};
/// let r = Redials::new(0.5, 0.5, TimeSpan::from_minutes(5.0)?)?;
/// assert_eq!(r.after_blocked(), 0.5);
/// assert!(Redials::new(1.0, 0.5, TimeSpan::from_minutes(5.0)?).is_err());
/// assert_eq!(Redials::NONE.after_abandoned(), 0.0);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Redials {
    blocked: f64,
    abandoned: f64,
    delay_s: f64,
}

impl Redials {
    /// Nobody redials.
    pub const NONE: Self = Self {
        blocked: 0.0,
        abandoned: 0.0,
        delay_s: 1.0,
    };

    /// The largest redial probability accepted, 0.99: with every caller redialling until
    /// answered, an overloaded queue's orbit grows without bound.
    pub const MAX_PROBABILITY: f64 = 0.99;

    /// A blocked caller redials with probability `after_blocked`, one who hung up with
    /// `after_abandoned` (each in `[0, 0.99]`), after a mean delay `mean_delay` (greater than
    /// zero).
    ///
    /// ```
    /// use wfm_forecast::{Redials, TimeSpan};
    /// let r = Redials::new(0.8, 0.3, TimeSpan::from_seconds(300.0)?)?;
    /// assert_eq!(r.mean_delay().seconds(), 300.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn new(after_blocked: f64, after_abandoned: f64, mean_delay: TimeSpan) -> Result<Self> {
        for (parameter, value) in [
            ("redial probability after a block", after_blocked),
            ("redial probability after hanging up", after_abandoned),
        ] {
            if !(value.is_finite() && (0.0..=Self::MAX_PROBABILITY).contains(&value)) {
                return Err(Error::ShareOutOfRange {
                    parameter,
                    value,
                    range: "[0, 0.99]",
                });
            }
        }
        let delay_s = mean_delay.positive("redial delay")?;
        Ok(Self {
            blocked: after_blocked,
            abandoned: after_abandoned,
            delay_s,
        })
    }

    /// Probability that a blocked caller redials.
    ///
    /// ```
    /// use wfm_forecast::{Redials, TimeSpan};
    /// assert_eq!(Redials::new(0.4, 0.0, TimeSpan::from_minutes(1.0)?)?.after_blocked(), 0.4);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn after_blocked(&self) -> f64 {
        self.blocked
    }

    /// Probability that a caller who hung up redials.
    ///
    /// ```
    /// use wfm_forecast::{Redials, TimeSpan};
    /// assert_eq!(Redials::new(0.4, 0.2, TimeSpan::from_minutes(1.0)?)?.after_abandoned(), 0.2);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn after_abandoned(&self) -> f64 {
        self.abandoned
    }

    /// Mean delay before a redial.
    ///
    /// ```
    /// use wfm_forecast::{Redials, TimeSpan};
    /// assert_eq!(Redials::new(0.4, 0.2, TimeSpan::from_minutes(1.0)?)?.mean_delay().seconds(), 60.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn mean_delay(&self) -> TimeSpan {
        TimeSpan::from_positive_seconds(self.delay_s)
    }
}

/// What happens to attempts of one kind: shares of them blocked, waiting, abandoning and
/// answered (blocked + answered + abandoned = 1).
///
/// ```
/// use wfm_forecast::{ErlangX, Lines, Redials, TimeSpan};
/// let q = ErlangX::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, Some(TimeSpan::from_minutes(2.0)?),
///     Redials::new(0.5, 0.5, TimeSpan::from_minutes(5.0)?)?)?;
/// let o = q.metrics(11, Lines::Limited(14))?.every_attempt;
/// assert!((o.p_blocked + o.p_answered + o.p_abandon - 1.0).abs() < 1e-12);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Outcomes {
    /// Share finding every line busy.
    pub p_blocked: f64,
    /// Share getting a line but no free agent (they wait).
    pub p_wait: f64,
    /// Share hanging up before an answer.
    pub p_abandon: f64,
    /// Share answered.
    pub p_answered: f64,
}

/// What becomes of callers in the end, over all their attempts (shares of first attempts).
///
/// ```
/// use wfm_forecast::{ErlangX, Lines, Redials, TimeSpan};
/// let q = ErlangX::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, Some(TimeSpan::from_minutes(2.0)?),
///     Redials::new(0.5, 0.5, TimeSpan::from_minutes(5.0)?)?)?;
/// let m = q.metrics(11, Lines::Limited(14))?;
/// let c = m.callers;
/// assert!((c.answered + c.lost_blocked + c.lost_abandoned - 1.0).abs() < 1e-10);
/// assert!(c.answered > m.first_attempt.p_answered); // redials get some answered later
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CallerOutcomes {
    /// Answered at some attempt.
    pub answered: f64,
    /// Blocked at their last attempt and did not redial.
    pub lost_blocked: f64,
    /// Hung up at their last attempt and did not redial.
    pub lost_abandoned: f64,
}

/// What `n` agents and `N` lines achieve under Erlang X ([`ErlangX::metrics`]).
///
/// ```
/// use wfm_forecast::{ErlangX, Lines, Redials, TimeSpan};
/// let q = ErlangX::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, Some(TimeSpan::from_minutes(2.0)?),
///     Redials::new(0.5, 0.5, TimeSpan::from_minutes(5.0)?)?)?;
/// let m = q.metrics(11, Lines::Limited(14))?;
/// assert!(m.redials_per_first_attempt > 0.0 && m.occupancy < 1.0);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ErlangXMetrics {
    /// Agents.
    pub agents: u32,
    /// Lines.
    pub lines: Lines,
    /// Outcomes of first attempts.
    pub first_attempt: Outcomes,
    /// Outcomes of all attempts, first attempts and redials together.
    pub every_attempt: Outcomes,
    /// Final outcomes of callers.
    pub callers: CallerOutcomes,
    /// ASA of answered attempts, zero waits included.
    pub asa_answered: TimeSpan,
    /// Mean time in queue of the attempts given a line, abandoners counted until they hang
    /// up.
    pub mean_wait_all: TimeSpan,
    /// Time-average share of agents busy.
    pub occupancy: f64,
    /// Mean number of callers waiting in the queue.
    pub mean_queue_length: f64,
    /// Mean number of callers waiting to redial.
    pub mean_orbit: f64,
    /// Redials per first attempt (the redial load: attempts = first attempts × (1 + this)).
    pub redials_per_first_attempt: f64,
}

/// Service levels of first attempts and of all attempts ([`ErlangXSolution::service_levels`]).
///
/// ```
/// use wfm_forecast::{ErlangX, Lines, Redials, TimeSpan};
/// let q = ErlangX::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, Some(TimeSpan::from_minutes(2.0)?),
///     Redials::new(0.5, 0.5, TimeSpan::from_minutes(5.0)?)?)?;
/// let s = q.solve(12, Lines::Limited(20), Default::default())?.service_levels(TimeSpan::from_seconds(20.0)?)?;
/// assert!(s.every_attempt.answered_within_over_offered <= s.first_attempt.answered_within_over_offered);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ErlangXServiceLevels {
    /// Over first attempts.
    pub first_attempt: ServiceLevels,
    /// Over all attempts.
    pub every_attempt: ServiceLevels,
}

/// A solved Erlang X queue: its metrics, and service levels at any answer time.
///
/// ```
/// use wfm_forecast::{ErlangX, ErlangXMethod, Lines, Redials, TimeSpan};
/// let q = ErlangX::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, None, Redials::NONE)?;
/// let s = q.solve(12, Lines::Limited(12), ErlangXMethod::Exact)?;
/// // Erlang B: 12 lines offered 10 Erlangs block 11.97 % of calls (mpmath: 0.1197391884448).
/// assert!((s.metrics().every_attempt.p_blocked - 0.119_739_188_444_8).abs() < 1e-12);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ErlangXSolution {
    metrics: ErlangXMetrics,
    n_mu: f64,
    theta: f64,
    /// Arrival-state distributions over `k = 0..=K` for first attempts and for all attempts.
    first: Vec<f64>,
    every: Vec<f64>,
    /// Whether the last state `K` is a full trunk (blocked).
    blocked_at_top: bool,
    /// Orbit levels of the exact chain (0 for the fast method).
    orbit_levels: usize,
}

/// The fewest agents meeting a set of targets under Erlang X ([`ErlangX::required_agents`]).
///
/// ```
/// use wfm_forecast::{ErlangX, Lines, Redials, ServiceTarget, Targets, TimeSpan};
/// let q = ErlangX::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, Some(TimeSpan::from_minutes(2.0)?),
///     Redials::new(0.5, 0.5, TimeSpan::from_minutes(5.0)?)?)?;
/// let t = Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?);
/// let s = q.required_agents(Lines::Limited(30), &t, Default::default())?;
/// assert!(s.service_level.unwrap_or(0.0) >= 0.8);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ErlangXStaffing {
    /// What the staffing achieves (`metrics.agents` is the staffing).
    pub metrics: ErlangXMetrics,
    /// The service level of all attempts, under the target's definition, when a
    /// service-level target was given.
    pub service_level: Option<f64>,
}

/// An Erlang X queue: offered load, handle time, patience and redials; agents and lines are
/// given to [`ErlangX::metrics`] and found by [`ErlangX::required_agents`] and
/// [`ErlangX::required_lines`].
///
/// ```
/// use wfm_forecast::{ErlangX, IntervalLength, Lines, Redials, TimeSpan, Volume};
///
/// // 100 calls per half hour, 3-minute handle time, 2-minute patience, 30 lines, half of the
/// // blocked and abandoned callers redial after 5 minutes on average.
/// let q = ErlangX::new(
///     Volume::new(100.0)?,
///     TimeSpan::from_minutes(3.0)?,
///     IntervalLength::MINUTES_30,
///     Some(TimeSpan::from_minutes(2.0)?),
///     Redials::new(0.5, 0.5, TimeSpan::from_minutes(5.0)?)?,
/// )?;
/// let m = q.metrics(10, Lines::Limited(30))?;
/// assert!(m.every_attempt.p_abandon > m.first_attempt.p_abandon * 0.9);
/// assert!(m.redials_per_first_attempt > 0.05);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ErlangX {
    erlangs: f64,
    aht_s: f64,
    /// Infinite for callers who never hang up.
    patience_s: f64,
    redials: Redials,
}

/// The arrival-state distributions and truncation of one solve.
struct Distribution {
    /// Time-stationary probabilities of `k` calls on the lines, `k = 0..=K`.
    p: Vec<f64>,
    /// `Σ_m m·π(k, m)` (0 for the fast method).
    orbit_weighted: Vec<f64>,
    /// The attempt rate, first attempts and redials, per second.
    attempt_rate: f64,
    orbit_levels: usize,
}

impl ErlangX {
    /// The most lines (and so agents) accepted, and the most calls an unlimited trunk is
    /// followed to: 100,000.
    pub const MAX_LINES: u32 = 100_000;

    /// The largest chain the exact method builds, in stored rates (`states × (2·band + 1)`,
    /// eight bytes each): 25 million, 200 MB. Fast (under 50 ms) up to 200 agents with an
    /// orbit of a few dozen callers; the work grows as `states × band²`.
    pub const MAX_CHAIN_CELLS: usize = 25_000_000;

    /// The documented bound on the probability the exact chain leaves out by cutting the orbit
    /// (and, with unlimited lines, the calls) at a finite level: 1e-12.
    pub const TRUNCATION: f64 = 1e-12;

    /// The largest difference between [`Method::Fast`] and [`Method::Exact`] in a share of
    /// all attempts (blocked, abandoned, answered, answered within 20 s) over the tested grid:
    /// 2, 10 and 30 Erlangs; agents at 80 % and 125 % of the load; patience half and twice
    /// the handle time; 0 and 10 waiting places; redial probabilities 0.3 after a block and
    /// 0.3 after hanging up, or 0.8 and 0.5; a redial delay of 1⅔ handle times. The largest
    /// gap there is 0.038 (10 Erlangs, 8 agents, 10 waiting places, redials 0.8 and 0.5).
    /// Where redials are likelier still the gap grows: with every caller patient, 12 lines for
    /// 10 agents at 10 Erlangs and 95 % of blocked callers redialling, the fast method answers
    /// 59 % of attempts where the chain answers 44 %. Use the exact chain to decide there.
    pub const FAST_GAP: f64 = 0.04;

    /// Patience and redial delay are accepted from 1e-6 to 1e9 times the handle time.
    const MIN_RATIO: f64 = 1e-6;
    const MAX_RATIO: f64 = 1e9;

    /// The queue offered `volume` first attempts of mean handle time `aht` per `interval`,
    /// mean patience `patience` (`None`: callers never hang up) and `redials`. Patience and
    /// redial delay must be within 1e-6 to 1e9 times the handle time.
    ///
    /// ```
    /// use wfm_forecast::{ErlangX, IntervalLength, Redials, TimeSpan, Volume};
    /// let q = ErlangX::new(Volume::new(0.0)?, TimeSpan::from_minutes(3.0)?,
    ///     IntervalLength::MINUTES_30, None, Redials::NONE);
    /// assert!(q.is_err());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn new(
        volume: Volume,
        aht: TimeSpan,
        interval: IntervalLength,
        patience: Option<TimeSpan>,
        redials: Redials,
    ) -> Result<Self> {
        let erlangs = offered_load(volume, aht, interval)?;
        Self::from_erlangs(erlangs, aht, patience, redials)
    }

    /// The queue offered `erlangs` Erlangs of first attempts.
    ///
    /// ```
    /// use wfm_forecast::{ErlangX, Redials, TimeSpan};
    /// let q = ErlangX::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, None, Redials::NONE)?;
    /// assert_eq!(q.erlangs(), 10.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn from_erlangs(
        erlangs: f64,
        aht: TimeSpan,
        patience: Option<TimeSpan>,
        redials: Redials,
    ) -> Result<Self> {
        let erlangs = checked_load(erlangs)?;
        let aht_s = aht.positive("handle time")?;
        let patience_s = match patience {
            None => f64::INFINITY,
            Some(p) => {
                let p = p.positive("patience")?;
                Self::ratio_ok(p, aht_s, "patience")?;
                p
            }
        };
        if redials.blocked > 0.0 || redials.abandoned > 0.0 {
            Self::ratio_ok(redials.delay_s, aht_s, "redial delay")?;
        }
        Ok(Self {
            erlangs,
            aht_s,
            patience_s,
            redials,
        })
    }

    fn ratio_ok(seconds: f64, aht_s: f64, parameter: &'static str) -> Result<()> {
        let r = seconds / aht_s;
        if (Self::MIN_RATIO..=Self::MAX_RATIO).contains(&r) {
            Ok(())
        } else {
            Err(Error::TimeSpanOutOfRange {
                parameter,
                seconds,
                aht_seconds: aht_s,
                rule: "it must be from 1e-6 to 1e9 times the handle time",
            })
        }
    }

    /// The offered load of first attempts in Erlangs.
    ///
    /// ```
    /// use wfm_forecast::{ErlangX, Redials, TimeSpan};
    /// let q = ErlangX::from_erlangs(4.5, TimeSpan::from_minutes(3.0)?, None, Redials::NONE)?;
    /// assert_eq!(q.erlangs(), 4.5);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn erlangs(&self) -> f64 {
        self.erlangs
    }

    /// Whether a caller can ever enter the orbit.
    fn orbit_possible(&self, lines: Lines) -> bool {
        (self.redials.blocked > 0.0 && matches!(lines, Lines::Limited(_)))
            || (self.redials.abandoned > 0.0 && self.patience_s.is_finite())
    }

    fn check_sizes(&self, agents: u32, lines: Lines) -> Result<()> {
        if agents == 0 {
            return Err(Error::ZeroAgents {
                parameter: "agents",
            });
        }
        if agents > Self::MAX_LINES {
            return Err(Error::CountTooLarge {
                parameter: "agents",
                value: u64::from(agents),
                max: u64::from(Self::MAX_LINES),
                advice: "split the load across queues",
            });
        }
        match lines {
            Lines::Limited(l) if l < agents => Err(Error::CountOutOfRange {
                parameter: "lines",
                value: l as usize,
                range: "at least the number of agents (lines hold the calls being answered)",
            }),
            Lines::Limited(l) if l > Self::MAX_LINES => Err(Error::CountTooLarge {
                parameter: "lines",
                value: u64::from(l),
                max: u64::from(Self::MAX_LINES),
                advice: "use unlimited lines",
            }),
            Lines::Unlimited
                if self.patience_s.is_infinite() && self.erlangs >= f64::from(agents) =>
            {
                Err(Error::UnstableQueue {
                    agents,
                    erlangs: self.erlangs,
                })
            }
            _ => Ok(()),
        }
    }

    /// What `agents` agents and `lines` lines achieve, by the exact chain.
    ///
    /// ```
    /// use wfm_forecast::{ErlangX, Lines, Redials, TimeSpan};
    /// let q = ErlangX::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, Some(TimeSpan::from_minutes(2.0)?),
    ///     Redials::new(0.5, 0.5, TimeSpan::from_minutes(5.0)?)?)?;
    /// assert!(q.metrics(12, Lines::Limited(11)).is_err()); // fewer lines than agents
    /// assert!(q.metrics(12, Lines::Unlimited)?.every_attempt.p_blocked == 0.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn metrics(&self, agents: u32, lines: Lines) -> Result<ErlangXMetrics> {
        Ok(self.solve(agents, lines, Method::Exact)?.metrics)
    }

    /// Solves the queue with `agents` and `lines` by `method`; the solution gives the metrics
    /// and service levels at any answer time.
    ///
    /// ```
    /// use wfm_forecast::{ErlangX, ErlangXMethod, Lines, Redials, TimeSpan};
    /// let q = ErlangX::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, Some(TimeSpan::from_minutes(2.0)?),
    ///     Redials::new(0.5, 0.5, TimeSpan::from_minutes(5.0)?)?)?;
    /// let exact = q.solve(11, Lines::Limited(15), ErlangXMethod::Exact)?;
    /// let fast = q.solve(11, Lines::Limited(15), ErlangXMethod::Fast)?;
    /// let gap = (exact.metrics().every_attempt.p_answered - fast.metrics().every_attempt.p_answered).abs();
    /// assert!(gap < ErlangX::FAST_GAP);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn solve(&self, agents: u32, lines: Lines, method: Method) -> Result<ErlangXSolution> {
        self.check_sizes(agents, lines)?;
        let d = match method {
            Method::Fast => self.fast(agents, lines)?,
            Method::Exact => self.exact(agents, lines)?,
        };
        self.measure(agents, lines, d)
    }

    fn rates(&self, agents: u32) -> (f64, f64, f64, f64) {
        let mu = 1.0 / self.aht_s;
        let lambda = self.erlangs * mu;
        let theta = if self.patience_s.is_finite() {
            1.0 / self.patience_s
        } else {
            0.0
        };
        (lambda, mu, theta, f64::from(agents) * mu)
    }

    fn measure(&self, agents: u32, lines: Lines, d: Distribution) -> Result<ErlangXSolution> {
        let (lambda, _, theta, n_mu) = self.rates(agents);
        let gamma = 1.0 / self.redials.delay_s;
        let n = agents as usize;
        let limited = matches!(lines, Lines::Limited(_));
        let rate = d.attempt_rate;
        let first = d.p.clone();
        let every: Vec<f64> = if d.orbit_weighted.iter().all(|&q| q == 0.0) {
            d.p.clone()
        } else {
            let w: Vec<f64> =
                d.p.iter()
                    .zip(&d.orbit_weighted)
                    .map(|(p, q)| lambda * p + gamma * q)
                    .collect();
            let total: f64 = w.iter().sum();
            w.into_iter().map(|x| x / total).collect()
        };
        let top = d.p.len() - 1;
        let pos = positions(n_mu, theta, (top + 1).saturating_sub(n));
        let outcomes = |v: &[f64]| -> (Outcomes, f64, f64) {
            let blocked = if limited { v[top] } else { 0.0 };
            let end = if limited { top } else { top + 1 };
            let mut at_once = 0.0;
            for x in &v[..n.min(end)] {
                at_once += x;
            }
            let (mut wait, mut ans, mut ab, mut asa, mut mw) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for k in n..end {
                let ps = pos[k - n];
                wait += v[k];
                ans += v[k] * ps.answered;
                ab += v[k] * (1.0 - ps.answered);
                asa += v[k] * ps.wait_answered;
                mw += v[k] * ps.wait;
            }
            let o = Outcomes {
                p_blocked: blocked,
                p_wait: wait,
                p_abandon: ab,
                // A sum of positive parts of a distribution summing to 1: at most 1 but for
                // rounding, which is not let past it.
                p_answered: (at_once + ans).min(1.0),
            };
            (o, asa, mw)
        };
        let (first_o, _, _) = outcomes(&first);
        let (every_o, asa_num, mw_num) = outcomes(&every);
        let per_caller = rate / lambda;
        let callers = CallerOutcomes {
            answered: every_o.p_answered * per_caller,
            lost_blocked: every_o.p_blocked * (1.0 - self.redials.blocked) * per_caller,
            lost_abandoned: every_o.p_abandon * (1.0 - self.redials.abandoned) * per_caller,
        };
        let mut busy = 0.0;
        let mut queue = 0.0;
        for (k, p) in d.p.iter().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            {
                busy += p * k.min(n) as f64;
                queue += p * k.saturating_sub(n) as f64;
            }
        }
        let admitted = 1.0 - every_o.p_blocked;
        let asa = if every_o.p_answered > 0.0 {
            asa_num / every_o.p_answered
        } else {
            0.0
        };
        let mean_wait = if admitted > 0.0 {
            mw_num / admitted
        } else {
            0.0
        };
        let metrics = ErlangXMetrics {
            agents,
            lines,
            first_attempt: first_o,
            every_attempt: every_o,
            callers,
            asa_answered: TimeSpan::from_seconds(asa)?,
            mean_wait_all: TimeSpan::from_seconds(mean_wait)?,
            occupancy: (busy / f64::from(agents)).min(1.0),
            mean_queue_length: queue,
            mean_orbit: (rate - lambda).max(0.0) / gamma,
            redials_per_first_attempt: (rate - lambda).max(0.0) / lambda,
        };
        Ok(ErlangXSolution {
            metrics,
            n_mu,
            theta,
            first,
            every,
            blocked_at_top: limited,
            orbit_levels: d.orbit_levels,
        })
    }
}

impl ErlangXSolution {
    /// The metrics.
    ///
    /// ```
    /// use wfm_forecast::{ErlangX, Lines, Redials, TimeSpan};
    /// let q = ErlangX::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, None, Redials::NONE)?;
    /// assert_eq!(q.solve(12, Lines::Unlimited, Default::default())?.metrics().agents, 12);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn metrics(&self) -> &ErlangXMetrics {
        &self.metrics
    }

    /// Orbit levels of the exact chain after truncation (0 for the fast method, or when no
    /// caller can redial).
    ///
    /// ```
    /// use wfm_forecast::{ErlangX, Lines, Redials, TimeSpan};
    /// let q = ErlangX::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, None, Redials::NONE)?;
    /// assert_eq!(q.solve(12, Lines::Limited(15), Default::default())?.orbit_levels(), 1);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn orbit_levels(&self) -> usize {
        self.orbit_levels
    }

    /// Every service-level variant at answer time `within`, over first attempts and over all
    /// attempts.
    ///
    /// ```
    /// use wfm_forecast::{ErlangX, Lines, Redials, TimeSpan};
    /// let q = ErlangX::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, Some(TimeSpan::from_minutes(2.0)?), Redials::NONE)?;
    /// let s = q.solve(12, Lines::Unlimited, Default::default())?.service_levels(TimeSpan::from_seconds(20.0)?)?;
    /// assert_eq!(s.first_attempt, s.every_attempt); // nobody redials
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn service_levels(&self, within: TimeSpan) -> Result<ErlangXServiceLevels> {
        let n = self.metrics.agents as usize;
        let top = self.first.len() - 1;
        let end = if self.blocked_at_top { top } else { top + 1 };
        let w = within_t(
            self.n_mu,
            self.theta,
            end.saturating_sub(n),
            within.seconds(),
        )?;
        let levels = |v: &[f64], answered: f64| -> ServiceLevels {
            let mut aw: f64 = v[..n.min(end)].iter().sum();
            let mut bw = 0.0;
            for k in n..end {
                aw += v[k] * w[k - n].0;
                bw += v[k] * w[k - n].1;
            }
            // Sums of parts of a distribution summing to 1: at most 1 but for rounding
            // (found by fuzzing: 1 + 2⁻⁵² at 0.1 Erlangs on 10 agents), which is not let past.
            let aw = aw.min(1.0);
            ServiceLevels {
                answered_within_over_offered: aw,
                answered_within_over_answered: if answered > 0.0 {
                    (aw / answered).min(1.0)
                } else {
                    0.0
                },
                answered_within_over_offered_less_short_abandons: if bw < 1.0 {
                    (aw / (1.0 - bw)).min(1.0)
                } else {
                    0.0
                },
                wait_ended_within_over_offered: (aw + bw).min(1.0),
                p_abandon_within: bw,
            }
        };
        Ok(ErlangXServiceLevels {
            first_attempt: levels(&self.first, self.metrics.first_attempt.p_answered),
            every_attempt: levels(&self.every, self.metrics.every_attempt.p_answered),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(clippy::unwrap_used)]
    fn secs(s: f64) -> TimeSpan {
        TimeSpan::from_seconds(s).unwrap()
    }

    /// Doubling the cut of the orbit (and of an unlimited queue) moves no measure by more
    /// than the documented truncation bound.
    #[test]
    #[allow(clippy::unwrap_used)]
    fn doubling_the_cut_moves_nothing_beyond_the_truncation_bound() {
        let mut worst = 0.0f64;
        for (a, pat, n, lines, rb, ra, delay) in [
            (10.0, Some(120.0), 10, Lines::Limited(30), 0.5, 0.5, 300.0),
            (20.0, Some(90.0), 15, Lines::Limited(20), 0.7, 0.6, 600.0),
            (1.0, Some(60.0), 1, Lines::Limited(1), 0.99, 0.0, 3600.0),
            (8.0, Some(180.0), 8, Lines::Unlimited, 0.0, 0.8, 300.0),
            (20.0, Some(60.0), 18, Lines::Unlimited, 0.0, 0.7, 120.0),
            (10.0, None, 10, Lines::Limited(12), 0.95, 0.0, 100.0),
        ] {
            let q = ErlangX::from_erlangs(
                a,
                secs(180.0),
                pat.map(secs),
                Redials::new(rb, ra, secs(delay)).unwrap(),
            )
            .unwrap();
            let one = q
                .measure(n, lines, q.exact_stretched(n, lines, 1).unwrap())
                .unwrap();
            // The first cut may have been extended: stretch until the orbit's is doubled.
            let mut stretch = 2;
            let two = loop {
                let two = q
                    .measure(n, lines, q.exact_stretched(n, lines, stretch).unwrap())
                    .unwrap();
                let doubled = if one.orbit_levels > 1 {
                    two.orbit_levels >= 2 * one.orbit_levels - 1
                } else {
                    two.first.len() > one.first.len()
                };
                if doubled {
                    break two;
                }
                stretch *= 2;
            };
            let (s1, s2) = (
                one.service_levels(secs(20.0)).unwrap(),
                two.service_levels(secs(20.0)).unwrap(),
            );
            let (m1, m2) = (one.metrics, two.metrics);
            for (x, y) in [
                (m1.every_attempt.p_blocked, m2.every_attempt.p_blocked),
                (m1.every_attempt.p_abandon, m2.every_attempt.p_abandon),
                (m1.every_attempt.p_answered, m2.every_attempt.p_answered),
                (m1.first_attempt.p_answered, m2.first_attempt.p_answered),
                (m1.occupancy, m2.occupancy),
                (m1.callers.answered, m2.callers.answered),
                (
                    s1.every_attempt.answered_within_over_offered,
                    s2.every_attempt.answered_within_over_offered,
                ),
                (
                    s1.first_attempt.answered_within_over_offered,
                    s2.first_attempt.answered_within_over_offered,
                ),
            ] {
                worst = worst.max((x - y).abs());
            }
            let rel = (m1.redials_per_first_attempt - m2.redials_per_first_attempt).abs()
                / m2.redials_per_first_attempt.max(1.0);
            worst = worst.max(rel);
        }
        assert!(worst <= ErlangX::TRUNCATION, "{worst}");
    }
}
