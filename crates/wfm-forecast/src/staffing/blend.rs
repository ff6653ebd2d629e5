//! Call blending: `n` agents shared between an inbound queue and an endless outbound backlog,
//! under the threshold policy of Bhulai & Koole ("A queueing model for call blending in call
//! centers", IEEE Transactions on Automatic Control 48(8), 2003): an agent starts an outbound
//! call only when more than `k` agents are idle, so `k` agents are kept in reserve for inbound
//! calls; outbound calls are never interrupted, and a freed agent takes a waiting inbound
//! call first.
//!
//! Inbound calls arrive as a Poisson stream of rate `λ`, with exponential handle times of mean
//! `1/μ_in`, wait in one first-come-first-served queue and, optionally, hang up after an
//! exponential patience of mean `1/θ`. Outbound calls have exponential handle times of mean
//! `1/μ_out`.
//!
//! # The chain and how it is solved
//!
//! With `j` agents on outbound calls and `y` the number of agents busy (on either kind of call)
//! plus inbound callers waiting, the state `(y, j)` is a continuous-time Markov chain on
//! `y ≥ n − k`, `0 ≤ j ≤ n − k`: `y` alone fixes the idle agents `(n − y)⁺` and the queue
//! `(y − n)⁺`. Arrivals raise `y` by one; an inbound completion or an abandonment lowers it by
//! one; an outbound completion lowers both `y` and `j` by one (the agent goes idle or takes the
//! head of the queue), except when the agent would be the `(k+1)`-th idle one, when it starts
//! the next outbound call at once. The only move that raises `j` is at `y = n − k`: an inbound
//! completion there frees an agent beyond the reserve, who starts an outbound call.
//!
//! So `j` rises only on the bottom level. The stationary distribution is found phase by phase,
//! from `j = n − k` down to `j = 0`: each phase is a birth–death chain in `y` with known inflow
//! from the phase above, solved by a two-term recursion from the top level down whose every
//! step adds and divides positive numbers (no cancellation), and the one unknown per phase —
//! the inflow at the bottom level from the phase below — follows from the balance of flow
//! across the cut between phases `< j` and `≥ j`, again a ratio of positive sums. The work is
//! proportional to the number of states, `(n − k + 1)·(k + Q + 1)`, for a queue truncated at
//! `Q` waiting callers. Each phase is rescaled as it is computed, so that phases whose
//! probability is far below `f64`'s range do not overflow the others.
//!
//! # Truncation
//!
//! Arrivals that would make the queue longer than `Q` are dropped. `Q` starts from the decay
//! rate of the queue's tail (with patience, from a birth–death chain with death rates
//! `n·min(μ_in, μ_out) + θ·q` that bounds the queue from above) and is doubled until the
//! waiting positions in the top quarter of the truncated queue together hold less than
//! `1e-15` of the probability, up to [`Blend::MAX_QUEUE`] positions. Tests check that
//! doubling `Q` moves no output by more than 1e-12.
//!
//! # Waiting times
//!
//! An arriving caller who finds `q` callers ahead and `j` agents on outbound calls moves up
//! one place at rate `μ_in·(n − j) + μ_out·j + θ·q` (an outbound completion also lowers `j`)
//! and abandons at rate `θ`. The probabilities of being answered and of abandoning, and the
//! mean wait of answered calls, follow from a recursion over positions; the probability of
//! being answered (or of abandoning) within `T` from the uniformised chain, with Poisson
//! weights summed until their remainder, or the probability still waiting, falls below 1e-17.
//! A caller with `m − 1` ahead needs `m` moves, each at a rate of at most the uniformisation
//! rate, so positions from which the chance of being answered within `T` is below 1e-18 (a
//! Chernoff bound on a Poisson count) are left out, and so, step by step, are positions the
//! steps still to be summed cannot bring to the front; callers there only abandon, at a rate
//! that does not depend on their position.
//!
//! # Bounded work
//!
//! One evaluation ([`Blend::metrics`]) visits at most about twice [`Blend::MAX_STATES`]
//! states to solve the chain and at most [`Blend::MAX_STATE_STEPS`] state-steps for the
//! service levels; each count is checked before its work starts, and an input that needs
//! more is refused with [`Error::CountTooLarge`] naming the count. [`Blend::best_reserve`]
//! makes at most `⌈log₂(n + 1)⌉ + 1` evaluations.
//!
//! # Special cases
//!
//! With `k = n` nobody ever makes an outbound call and the model is Erlang C (or Erlang A with
//! patience). With equal handle times the level `y` alone is a birth–death chain: Erlang C or A
//! with its states below `n − k` busy agents removed.

use crate::error::{Error, Num, Result};
use crate::staffing::erlang_a::ServiceLevels;
use crate::staffing::targets::{ServiceLevelDefinition, Targets};
use crate::units::{IntervalLength, TimeSpan, Volume, checked_load, offered_load};

/// Below this, the Poisson weights not yet summed (or the probability still waiting) are
/// neglected.
const TAIL: f64 = 1e-17;
/// The top quarter of the truncated queue must hold less than this probability.
const TRUNCATION_MASS: f64 = 1e-15;

/// Inbound and outbound calls handled by one team under the threshold policy: an agent starts
/// an outbound call only when more than `reserve` agents are idle.
///
/// ```
/// use wfm_forecast::{Blend, IntervalLength, TimeSpan, Volume};
///
/// // 100 inbound calls per half hour of 4 minutes; outbound calls take 6 minutes.
/// let b = Blend::new(
///     Volume::new(100.0)?,
///     TimeSpan::from_minutes(4.0)?,
///     IntervalLength::MINUTES_30,
///     TimeSpan::from_minutes(6.0)?,
/// )?;
/// // 18 agents keeping 2 in reserve: 52.3 % answered within 20 s, 20.6 outbound calls.
/// let m = b.metrics(18, 2, TimeSpan::from_seconds(20.0)?)?;
/// assert!((m.service_levels.answered_within_over_offered - 0.522_766_528_6).abs() < 1e-9);
/// assert!((m.outbound_per_interval - 20.572_897_389).abs() < 1e-8);
/// assert!((m.inbound_occupancy * 18.0 - b.erlangs()).abs() < 1e-9); // nobody abandons
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Blend {
    erlangs: f64,
    aht_s: f64,
    outbound_aht_s: f64,
    /// `f64::INFINITY` without abandonment.
    patience_s: f64,
    interval_s: u32,
}

/// What `agents` with `reserve` kept for inbound calls achieve ([`Blend::metrics`]).
///
/// ```
/// use wfm_forecast::{Blend, IntervalLength, TimeSpan, Volume};
/// let b = Blend::new(Volume::new(100.0)?, TimeSpan::from_minutes(4.0)?,
///     IntervalLength::MINUTES_30, TimeSpan::from_minutes(6.0)?)?;
/// let m = b.metrics(18, 2, TimeSpan::from_seconds(20.0)?)?;
/// let total = m.inbound_occupancy + m.outbound_occupancy + m.idle;
/// assert!((total - 1.0).abs() < 1e-12);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BlendMetrics {
    /// Agents.
    pub agents: u32,
    /// Idle agents kept in reserve: outbound calls start only when more are idle.
    pub reserve: u32,
    /// The answer time of the service levels.
    pub within: TimeSpan,
    /// Inbound service levels at `within`, under each definition.
    pub service_levels: ServiceLevels,
    /// Probability that an inbound call has to wait.
    pub p_wait: f64,
    /// Probability that an inbound caller hangs up before being answered (0 without patience).
    pub p_abandon: f64,
    /// Average speed of answer of answered inbound calls, zero waits included.
    pub asa_answered: TimeSpan,
    /// Mean wait of all inbound arrivals, abandoned ones included.
    pub mean_wait_all: TimeSpan,
    /// Mean number of inbound callers waiting.
    pub mean_queue_length: f64,
    /// Share of agent time on inbound calls.
    pub inbound_occupancy: f64,
    /// Share of agent time on outbound calls.
    pub outbound_occupancy: f64,
    /// Share of agent time idle.
    pub idle: f64,
    /// Outbound calls completed per hour.
    pub outbound_per_hour: f64,
    /// Outbound calls completed per interval (of the length the blend was built with).
    pub outbound_per_interval: f64,
    /// Longest inbound queue the truncated chain holds (see the module docs).
    pub queue_truncation: u32,
}

impl BlendMetrics {
    /// The inbound service level under `definition`.
    ///
    /// ```
    /// use wfm_forecast::{Blend, IntervalLength, ServiceLevelDefinition, TimeSpan, Volume};
    /// let b = Blend::new(Volume::new(100.0)?, TimeSpan::from_minutes(4.0)?,
    ///     IntervalLength::MINUTES_30, TimeSpan::from_minutes(6.0)?)?;
    /// let m = b.metrics(18, 2, TimeSpan::from_seconds(20.0)?)?;
    /// assert_eq!(m.service_level(ServiceLevelDefinition::default()),
    ///            m.service_levels.answered_within_over_offered);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn service_level(&self, definition: ServiceLevelDefinition) -> f64 {
        self.service_levels.get(definition)
    }

    /// Total occupancy: the share of agent time on either kind of call.
    ///
    /// ```
    /// use wfm_forecast::{Blend, IntervalLength, TimeSpan, Volume};
    /// let b = Blend::new(Volume::new(100.0)?, TimeSpan::from_minutes(4.0)?,
    ///     IntervalLength::MINUTES_30, TimeSpan::from_minutes(6.0)?)?;
    /// let m = b.metrics(18, 0, TimeSpan::from_seconds(20.0)?)?;
    /// assert!(m.occupancy() > 0.999); // nobody is ever idle with no reserve
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn occupancy(&self) -> f64 {
        self.inbound_occupancy + self.outbound_occupancy
    }
}

/// The fewest agents, and the best reserve for them, meeting inbound targets while completing
/// an outbound volume ([`Blend::required_staffing`]).
///
/// ```
/// use wfm_forecast::{Blend, IntervalLength, ServiceTarget, Targets, TimeSpan, Volume};
/// let b = Blend::new(Volume::new(100.0)?, TimeSpan::from_minutes(4.0)?,
///     IntervalLength::MINUTES_30, TimeSpan::from_minutes(6.0)?)?;
/// let sl = ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?;
/// let s = b.required_staffing(&Targets::service_level(sl), Volume::new(40.0)?)?;
/// assert!(s.metrics.outbound_per_interval >= 40.0);
/// assert_eq!(s.agents, s.metrics.agents);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BlendStaffing {
    /// The fewest agents meeting the targets and the outbound volume; one fewer cannot, with
    /// any reserve.
    pub agents: u32,
    /// The smallest reserve meeting the inbound targets with those agents: it completes the
    /// most outbound calls.
    pub reserve: u32,
    /// What that staffing achieves (service levels at the target's answer time, or at zero
    /// without a service-level target).
    pub metrics: BlendMetrics,
}

/// Rates in calls per second.
#[derive(Debug, Clone, Copy)]
struct Rates {
    lambda: f64,
    mu_in: f64,
    mu_out: f64,
    theta: f64,
}

/// The solved chain for one `(n, k)`.
#[derive(Debug)]
struct Chain {
    n: u32,
    k: u32,
    q: u32,
    /// Probability an arrival is answered at once.
    p_now: f64,
    /// Probability an arrival waits (summed apart from `p_now`, so that neither loses
    /// digits when near 1).
    p_wait: f64,
    /// `arrival[(m − 1)·p + j]`: probability that an arrival finds `m − 1` callers waiting
    /// (waits at position `m`) and `j` agents on outbound calls.
    arrival: Vec<f64>,
    mean_queue: f64,
    mean_inbound_busy: f64,
    mean_outbound_busy: f64,
    mean_idle: f64,
}

impl Blend {
    /// The most agents [`Blend::metrics`] and [`Blend::required_staffing`] consider.
    /// One evaluation grows with the states of the chain: on a busy two-core machine it took
    /// about 2 ms at 16 agents, 9 ms at 50 and 65 ms at 200 (without patience, a reserve of
    /// 10 %, 20-second service level; see the crate's `blend` bench).
    ///
    /// ```
    /// use wfm_forecast::{Blend, Error, TimeSpan};
    /// let b = Blend::from_erlangs(10.0, TimeSpan::from_minutes(4.0)?, TimeSpan::from_minutes(6.0)?)?;
    /// let too_many = b.metrics(Blend::MAX_AGENTS + 1, 0, TimeSpan::from_seconds(20.0)?);
    /// assert!(matches!(too_many, Err(Error::CountTooLarge { .. })));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub const MAX_AGENTS: u32 = 1_000;

    /// The longest inbound queue the truncated chain may hold; a load that needs more (an
    /// overloaded queue of nearly endless patience) is refused with [`Error::CountTooLarge`].
    ///
    /// ```
    /// assert_eq!(wfm_forecast::Blend::MAX_QUEUE, 100_000);
    /// ```
    pub const MAX_QUEUE: u32 = 100_000;

    /// The most states (`(n − k + 1)·(k + Q + 1)`) the chain may have: 4 million, about 64 MB
    /// of working memory.
    ///
    /// ```
    /// assert_eq!(wfm_forecast::Blend::MAX_STATES, 4_000_000);
    /// ```
    pub const MAX_STATES: u64 = 4_000_000;

    /// The most state-steps one service-level computation may take: the uniformised chain of
    /// a waiting caller's position has (positions kept) × (phases) states and runs a few
    /// standard deviations past `Λ·T` steps, `Λ` its uniformisation rate and `T` the answer
    /// time. Positions from which being answered within `T` has a probability below 1e-18 are
    /// left out first, which keeps the count far below this bound for usual answer times; an
    /// evaluation that would need more is refused at once with [`Error::CountTooLarge`]
    /// naming the count. With [`Blend::MAX_STATES`] this bounds every evaluation: at most 8
    /// million state visits to solve the chain (truncations double up to it) plus this many
    /// state-steps, about a second in a release build.
    ///
    /// ```
    /// use wfm_forecast::{Blend, Error, TimeSpan};
    /// assert_eq!(Blend::MAX_STATE_STEPS, 200_000_000);
    /// // Short calls, many agents and a day-long answer time: refused quickly, not run.
    /// let b = Blend::from_erlangs(13.0, TimeSpan::from_seconds(2.0)?, TimeSpan::from_minutes(6.0)?)?;
    /// let r = b.metrics(36, 0, TimeSpan::from_minutes(1440.0)?);
    /// assert!(matches!(r, Err(Error::CountTooLarge { .. })));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub const MAX_STATE_STEPS: u64 = 200_000_000;

    /// Outbound and inbound handle times may differ by at most this factor either way.
    ///
    /// ```
    /// assert_eq!(wfm_forecast::Blend::MAX_HANDLE_TIME_RATIO, 1000.0);
    /// ```
    pub const MAX_HANDLE_TIME_RATIO: f64 = 1000.0;

    /// Mean patience must lie within this factor of the inbound handle time either way.
    ///
    /// ```
    /// assert_eq!(wfm_forecast::Blend::MAX_PATIENCE_RATIO, 1e6);
    /// ```
    pub const MAX_PATIENCE_RATIO: f64 = 1e6;

    /// A blend offered `volume` inbound calls of mean handle time `aht` per `interval`, with
    /// outbound calls of mean handle time `outbound_aht`; callers never hang up (see
    /// [`Blend::with_patience`]).
    ///
    /// ```
    /// use wfm_forecast::{Blend, IntervalLength, TimeSpan, Volume};
    /// let b = Blend::new(Volume::new(100.0)?, TimeSpan::from_minutes(4.0)?,
    ///     IntervalLength::MINUTES_30, TimeSpan::from_minutes(6.0)?)?;
    /// assert!((b.erlangs() - 100.0 * 240.0 / 1800.0).abs() < 1e-12);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn new(
        volume: Volume,
        aht: TimeSpan,
        interval: IntervalLength,
        outbound_aht: TimeSpan,
    ) -> Result<Self> {
        let erlangs = offered_load(volume, aht, interval)?;
        Self::checked(erlangs, aht, outbound_aht, interval.seconds())
    }

    /// A blend offered `erlangs` inbound Erlangs, reporting outbound calls per half hour.
    ///
    /// ```
    /// use wfm_forecast::{Blend, TimeSpan};
    /// let b = Blend::from_erlangs(13.0, TimeSpan::from_minutes(4.0)?, TimeSpan::from_minutes(6.0)?)?;
    /// assert_eq!(b.interval().seconds(), 1800);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn from_erlangs(erlangs: f64, aht: TimeSpan, outbound_aht: TimeSpan) -> Result<Self> {
        let erlangs = checked_load(erlangs)?;
        Self::checked(
            erlangs,
            aht,
            outbound_aht,
            IntervalLength::MINUTES_30.seconds(),
        )
    }

    fn checked(
        erlangs: f64,
        aht: TimeSpan,
        outbound_aht: TimeSpan,
        interval_s: u32,
    ) -> Result<Self> {
        let aht_s = aht.positive("handle time")?;
        let outbound_aht_s = outbound_aht.positive("outbound handle time")?;
        let ratio = outbound_aht_s / aht_s;
        let max = Self::MAX_HANDLE_TIME_RATIO;
        if !(ratio >= 1.0 / max && ratio <= max) {
            return Err(Error::ShareOutOfRange {
                parameter: "ratio of outbound to inbound handle time",
                value: ratio,
                range: "[0.001, 1000]",
            });
        }
        Ok(Self {
            erlangs,
            aht_s,
            outbound_aht_s,
            patience_s: f64::INFINITY,
            interval_s,
        })
    }

    /// The same blend with inbound callers who hang up after an exponential patience of mean
    /// `patience`, within [`Blend::MAX_PATIENCE_RATIO`] of the inbound handle time.
    ///
    /// ```
    /// use wfm_forecast::{Blend, TimeSpan};
    /// let b = Blend::from_erlangs(13.0, TimeSpan::from_minutes(4.0)?, TimeSpan::from_minutes(6.0)?)?
    ///     .with_patience(TimeSpan::from_minutes(2.0)?)?;
    /// let m = b.metrics(14, 1, TimeSpan::from_seconds(20.0)?)?;
    /// // 22.3 % hang up (an independent solution of the same chain gives 0.223322349754245).
    /// assert!((m.p_abandon - 0.223_322_349_754).abs() < 1e-11);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn with_patience(self, patience: TimeSpan) -> Result<Self> {
        let p = patience.positive("patience")?;
        let ratio = p / self.aht_s;
        let max = Self::MAX_PATIENCE_RATIO;
        if !(ratio >= 1.0 / max && ratio <= max) {
            return Err(Error::PatienceOutOfRange {
                seconds: p,
                aht_seconds: self.aht_s,
                rule: "it must be between 1e-6 and 1e6 times the handle time (for callers who never hang up, leave the patience out)",
            });
        }
        Ok(Self {
            patience_s: p,
            ..self
        })
    }

    /// The inbound offered load in Erlangs.
    ///
    /// ```
    /// use wfm_forecast::{Blend, TimeSpan};
    /// let b = Blend::from_erlangs(13.0, TimeSpan::from_minutes(4.0)?, TimeSpan::from_minutes(6.0)?)?;
    /// assert_eq!(b.erlangs(), 13.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn erlangs(&self) -> f64 {
        self.erlangs
    }

    /// The inbound mean handle time.
    ///
    /// ```
    /// use wfm_forecast::{Blend, TimeSpan};
    /// let b = Blend::from_erlangs(13.0, TimeSpan::from_minutes(4.0)?, TimeSpan::from_minutes(6.0)?)?;
    /// assert_eq!(b.aht().seconds(), 240.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn aht(&self) -> TimeSpan {
        TimeSpan::from_positive_seconds(self.aht_s)
    }

    /// The outbound mean handle time.
    ///
    /// ```
    /// use wfm_forecast::{Blend, TimeSpan};
    /// let b = Blend::from_erlangs(13.0, TimeSpan::from_minutes(4.0)?, TimeSpan::from_minutes(6.0)?)?;
    /// assert_eq!(b.outbound_aht().seconds(), 360.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn outbound_aht(&self) -> TimeSpan {
        TimeSpan::from_positive_seconds(self.outbound_aht_s)
    }

    /// The mean patience, if callers hang up.
    ///
    /// ```
    /// use wfm_forecast::{Blend, TimeSpan};
    /// let b = Blend::from_erlangs(13.0, TimeSpan::from_minutes(4.0)?, TimeSpan::from_minutes(6.0)?)?;
    /// assert!(b.patience().is_none());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn patience(&self) -> Option<TimeSpan> {
        self.patience_s
            .is_finite()
            .then(|| TimeSpan::from_positive_seconds(self.patience_s))
    }

    /// The interval outbound volumes are counted over.
    ///
    /// ```
    /// use wfm_forecast::{Blend, IntervalLength, TimeSpan, Volume};
    /// let b = Blend::new(Volume::new(50.0)?, TimeSpan::from_minutes(4.0)?,
    ///     IntervalLength::MINUTES_15, TimeSpan::from_minutes(6.0)?)?;
    /// assert_eq!(b.interval(), IntervalLength::MINUTES_15);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn interval(&self) -> IntervalLength {
        IntervalLength::from_seconds(self.interval_s).unwrap_or(IntervalLength::MINUTES_30)
    }

    fn rates(&self) -> Rates {
        let mu_in = 1.0 / self.aht_s;
        Rates {
            lambda: self.erlangs * mu_in,
            mu_in,
            mu_out: 1.0 / self.outbound_aht_s,
            theta: if self.patience_s.is_finite() {
                1.0 / self.patience_s
            } else {
                0.0
            },
        }
    }

    fn check_counts(&self, agents: u32, reserve: u32) -> Result<()> {
        if agents == 0 {
            return Err(Error::ZeroAgents {
                parameter: "agents",
            });
        }
        if agents > Self::MAX_AGENTS {
            return Err(Error::CountTooLarge {
                parameter: "agents of a blend",
                value: u64::from(agents),
                max: u64::from(Self::MAX_AGENTS),
                advice: "split the team into smaller blended groups",
            });
        }
        if reserve > agents {
            return Err(Error::CountOutOfRange {
                parameter: "reserve",
                value: usize::try_from(reserve).unwrap_or(usize::MAX),
                range: "0 to the number of agents",
            });
        }
        let r = self.rates();
        if r.theta == 0.0 && r.lambda >= f64::from(agents) * r.mu_in {
            return Err(Error::UnstableQueue {
                agents,
                erlangs: self.erlangs,
            });
        }
        Ok(())
    }

    /// Everything `agents` achieve when `reserve` of them are kept idle for inbound calls,
    /// with the inbound service levels at `within`.
    ///
    /// Errors: zero agents, more than [`Blend::MAX_AGENTS`], a reserve above the agents, a
    /// load that needs a queue longer than [`Blend::MAX_QUEUE`] or a chain larger than
    /// [`Blend::MAX_STATES`], a service level needing more than [`Blend::MAX_STATE_STEPS`]
    /// (a very long answer time), or (without patience) no more agents than inbound Erlangs.
    ///
    /// ```
    /// use wfm_forecast::{Blend, ErlangC, TimeSpan};
    /// let aht = TimeSpan::from_minutes(4.0)?;
    /// let b = Blend::from_erlangs(13.0, aht, TimeSpan::from_minutes(6.0)?)?;
    /// let t = TimeSpan::from_seconds(20.0)?;
    /// // Keeping every agent in reserve is Erlang C.
    /// let all = b.metrics(16, 16, t)?;
    /// let c = ErlangC::from_erlangs(13.0, aht)?.service_level(16, t)?;
    /// assert!((all.service_levels.answered_within_over_offered - c).abs() < 1e-12);
    /// assert_eq!(all.outbound_per_hour, 0.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn metrics(&self, agents: u32, reserve: u32, within: TimeSpan) -> Result<BlendMetrics> {
        self.check_counts(agents, reserve)?;
        let chain = self.solve(agents, reserve)?;
        self.measures(&chain, within)
    }

    /// The smallest reserve with which `agents` meet `targets` — it completes the most
    /// outbound calls — or `None` when even keeping every agent in reserve misses them.
    ///
    /// The inbound measures improve as the reserve grows and the outbound throughput falls
    /// (a property the tests check), so the reserve is found by bisection. A service-level
    /// target is met under its own definition; an occupancy ceiling applies to the total
    /// occupancy (inbound and outbound).
    ///
    /// ```
    /// use wfm_forecast::{Blend, ServiceTarget, Targets, TimeSpan};
    /// let b = Blend::from_erlangs(13.0, TimeSpan::from_minutes(4.0)?, TimeSpan::from_minutes(6.0)?)?;
    /// let t = Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?);
    /// let m = b.best_reserve(18, &t)?.expect("18 agents can meet 80/20");
    /// assert!(m.service_levels.answered_within_over_offered >= 0.8);
    /// if m.reserve > 0 {
    ///     let less = b.metrics(18, m.reserve - 1, TimeSpan::from_seconds(20.0)?)?;
    ///     assert!(less.service_levels.answered_within_over_offered < 0.8);
    /// }
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn best_reserve(&self, agents: u32, targets: &Targets) -> Result<Option<BlendMetrics>> {
        self.check_counts(agents, 0)?;
        let within = targets
            .service()
            .map_or(TimeSpan::from_seconds(0.0)?, |s| s.within());
        let top = self.metrics(agents, agents, within)?;
        if !meets(&top, targets) {
            return Ok(None);
        }
        // Invariant: `hi` meets the targets; every reserve below `lo` misses them.
        let (mut lo, mut hi, mut best) = (0_u32, agents, top);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let m = self.metrics(agents, mid, within)?;
            if meets(&m, targets) {
                hi = mid;
                best = m;
            } else {
                lo = mid + 1;
            }
        }
        Ok(Some(best))
    }

    /// The fewest agents meeting the inbound `targets` while completing at least `outbound`
    /// calls per interval, with the best reserve for them ([`Blend::best_reserve`]).
    ///
    /// The search walks the agents up from a lower bound (the fewest meeting the inbound
    /// targets with every agent in reserve, and, without patience, the inbound plus outbound
    /// Erlangs) to [`Blend::MAX_AGENTS`], so the answer is the fewest by construction. Errors
    /// with [`Error::TargetUnreachable`], naming the targets and the outbound volume, when no
    /// staffing up to that bound meets them.
    ///
    /// ```
    /// use wfm_forecast::{Blend, Error, ServiceTarget, Targets, TimeSpan, Volume};
    /// let b = Blend::from_erlangs(13.0, TimeSpan::from_minutes(4.0)?, TimeSpan::from_minutes(6.0)?)?;
    /// let t = Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?);
    /// let s = b.required_staffing(&t, Volume::new(40.0)?)?;
    /// // One agent fewer cannot do it, whatever the reserve.
    /// let fewer = b.best_reserve(s.agents - 1, &t)?;
    /// assert!(fewer.is_none_or(|m| m.outbound_per_interval < 40.0));
    /// let impossible = b.required_staffing(&t, Volume::new(1e9)?);
    /// assert!(matches!(impossible, Err(Error::TargetUnreachable { .. })));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn required_staffing(&self, targets: &Targets, outbound: Volume) -> Result<BlendStaffing> {
        let r = self.rates();
        let interval = f64::from(self.interval_s);
        let unreachable = || Error::TargetUnreachable {
            target: format!(
                "{} with at least {} outbound calls per {} s interval",
                targets.describe(),
                Num(outbound.get()),
                self.interval_s
            ),
            limit: Self::MAX_AGENTS,
        };
        // Outbound Erlangs needed: every agent-second on outbound completes μ_out calls.
        let outbound_erlangs = outbound.get() / interval / r.mu_out;
        let mut floor = outbound_erlangs;
        if r.theta == 0.0 {
            // Nobody abandons, so inbound calls keep exactly A agents busy on average.
            floor += self.erlangs;
        }
        if floor.is_nan() || floor >= f64::from(Self::MAX_AGENTS) {
            return Err(unreachable());
        }
        // 0 <= floor < MAX_AGENTS, so the cast is exact after `floor`.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let mut n = (floor.floor() as u32).max(1);
        if r.theta == 0.0 {
            // A stable queue needs more agents than inbound Erlangs.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let stable = (self.erlangs.floor() as u32).saturating_add(1);
            n = n.max(stable);
        }
        let within = targets
            .service()
            .map_or(TimeSpan::from_seconds(0.0)?, |s| s.within());
        // The fewest agents meeting the inbound targets with all of them in reserve.
        loop {
            if n > Self::MAX_AGENTS {
                return Err(unreachable());
            }
            if meets(&self.metrics(n, n, within)?, targets) {
                break;
            }
            n += 1;
        }
        let need = outbound.get() * (1.0 - 1e-12);
        loop {
            if n > Self::MAX_AGENTS {
                return Err(unreachable());
            }
            // More reserve completes fewer outbound calls: try the most first.
            let most = self.metrics(n, 0, within)?;
            if most.outbound_per_interval >= need
                && let Some(m) = self.best_reserve(n, targets)?
                && m.outbound_per_interval >= need
            {
                return Ok(BlendStaffing {
                    agents: n,
                    reserve: m.reserve,
                    metrics: m,
                });
            }
            n += 1;
        }
    }

    /// Chooses the truncation and solves the chain.
    fn solve(&self, n: u32, k: u32) -> Result<Chain> {
        let r = self.rates();
        let mut q = initial_queue(r, n, k);
        loop {
            let states = u64::from(n - k + 1) * (u64::from(k) + u64::from(q) + 1);
            if states > Self::MAX_STATES {
                return Err(Error::CountTooLarge {
                    parameter: "states of the blending chain",
                    value: states,
                    max: Self::MAX_STATES,
                    advice: "use fewer agents, or callers who hang up sooner",
                });
            }
            let (chain, top_mass) = stationary(r, n, k, q);
            if top_mass < TRUNCATION_MASS {
                return Ok(chain);
            }
            if q >= Self::MAX_QUEUE {
                return Err(Error::CountTooLarge {
                    parameter: "inbound queue of the blending chain",
                    value: u64::from(q).saturating_mul(2),
                    max: u64::from(Self::MAX_QUEUE),
                    advice: "the queue is overloaded: add agents, or give callers a shorter patience",
                });
            }
            q = q.saturating_mul(2).min(Self::MAX_QUEUE);
        }
    }

    fn measures(&self, c: &Chain, within: TimeSpan) -> Result<BlendMetrics> {
        let r = self.rates();
        let p = (c.n - c.k + 1) as usize;
        let w = wait_outcomes(r, c, p);
        let t = within.seconds();
        let (served_t, aband_t) = within_time(r, c, p, t)?;
        // Probabilities are sums of positive terms, each exact to a few ulps; they are kept
        // within [0, 1] against that rounding.
        let unit = |x: f64| x.clamp(0.0, 1.0);
        let p_answered = unit(c.p_now + w.answered);
        let answered_within = unit((c.p_now + served_t).min(p_answered));
        let p_abandon = unit(w.abandoned);
        let service_levels = ServiceLevels {
            answered_within_over_offered: answered_within,
            answered_within_over_answered: if p_answered > 0.0 {
                (answered_within / p_answered).min(1.0)
            } else {
                0.0
            },
            answered_within_over_offered_less_short_abandons: {
                let den = c.p_now + w.answered + (w.abandoned - aband_t).max(0.0);
                if den > 0.0 {
                    (answered_within / den).min(1.0)
                } else {
                    0.0
                }
            },
            wait_ended_within_over_offered: unit(answered_within + aband_t),
            p_abandon_within: unit(aband_t.min(p_abandon)),
        };
        let asa = if p_answered > 0.0 {
            w.wait_answered / p_answered
        } else {
            0.0
        };
        let total = c.mean_inbound_busy + c.mean_outbound_busy + c.mean_idle;
        let per_second = r.mu_out * c.mean_outbound_busy;
        Ok(BlendMetrics {
            agents: c.n,
            reserve: c.k,
            within,
            service_levels,
            p_wait: unit(c.p_wait),
            p_abandon,
            asa_answered: TimeSpan::from_seconds(asa)?,
            mean_wait_all: TimeSpan::from_seconds(c.mean_queue / r.lambda)?,
            mean_queue_length: c.mean_queue,
            inbound_occupancy: unit(c.mean_inbound_busy / total),
            outbound_occupancy: unit(c.mean_outbound_busy / total),
            idle: unit(c.mean_idle / total),
            outbound_per_hour: per_second * 3600.0,
            outbound_per_interval: per_second * f64::from(self.interval_s),
            queue_truncation: c.q,
        })
    }
}

/// Whether `m` meets every target.
fn meets(m: &BlendMetrics, targets: &Targets) -> bool {
    targets
        .service()
        .is_none_or(|s| m.service_level(s.definition()) >= s.share())
        && targets
            .asa_target()
            .is_none_or(|a| m.asa_answered.seconds() <= a.max().seconds())
        && targets
            .max_occupancy()
            .is_none_or(|o| m.occupancy() <= o.get())
        && targets
            .max_abandonment()
            .is_none_or(|p| m.p_abandon <= p.get())
}

/// A first truncation: the queue length where the tail falls below 1e-17 by the decay rate of
/// the tail (without patience), or by the dominating birth–death chain (with patience).
fn initial_queue(r: Rates, n: u32, k: u32) -> u32 {
    let nf = f64::from(n);
    let p = n - k;
    let mut guess = f64::from(Blend::MAX_QUEUE);
    if r.lambda < nf * r.mu_in {
        // Decay per level of each phase alone above n agents busy; the slowest dominates.
        let mut sigma: f64 = 0.0;
        for j in 0..=p {
            let jf = f64::from(j);
            let d = r.mu_in * (nf - jf);
            let kappa = r.mu_out * jf + r.theta;
            let b = d - r.lambda - kappa;
            let disc = (b * b + 4.0 * kappa * d).sqrt();
            let e = if b > 0.0 {
                2.0 * kappa * d / (b + disc)
            } else {
                (disc - b) / 2.0
            };
            sigma = sigma.max(r.lambda / (e + d));
        }
        if sigma < 1.0 {
            // The tail beyond the queue length q holds about σ^q/(1 − σ); the truncation is
            // accepted when its top quarter holds less than TRUNCATION_MASS, so aim there at
            // once rather than doubling into it (each doubling re-solves the chain).
            let tail = (TAIL.ln() / sigma.ln())
                .max(4.0 / 3.0 * (TRUNCATION_MASS * (1.0 - sigma)).ln() / sigma.ln());
            guess = guess.min(tail.ceil() + 2.0 * f64::from(p.min(64)) + 16.0);
        }
    }
    if r.theta > 0.0 {
        // Σ_{q>Q} Π_{i≤q} λ/(n·min(μ) + θ·i) below 1e-17.
        let base = nf * r.mu_in.min(r.mu_out);
        let mut ln_prod = 0.0;
        let mut i = 1.0;
        while i < guess {
            let ratio = r.lambda / (base + r.theta * i);
            ln_prod += ratio.ln();
            let next = r.lambda / (base + r.theta * (i + 1.0));
            if next < 1.0 && ln_prod - (1.0 - next).ln() < TAIL.ln() {
                break;
            }
            i += 1.0;
        }
        guess = guess.min(i + 16.0);
    }
    // 16 <= guess <= MAX_QUEUE, a whole number.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let q = guess.clamp(16.0, f64::from(Blend::MAX_QUEUE)) as u32;
    q
}

/// The stationary distribution with the queue truncated at `q`; returns the chain and the
/// probability held by the top quarter of the waiting positions.
fn stationary(r: Rates, n: u32, k: u32, q: u32) -> (Chain, f64) {
    let nf = f64::from(n);
    let big_p = n - k; // highest phase, and the lowest level L
    let p = big_p as usize + 1;
    let bottom = f64::from(big_p);
    let levels = (k + q + 1) as usize; // levels y = L ..= n + q
    let last = levels - 1;
    // In-phase down rate at level index i (y = L + i), phase j: inbound completions and
    // abandonments; none on the bottom level, where a completion starts an outbound call.
    let down = |i: usize, jf: f64| -> f64 {
        if i == 0 {
            0.0
        } else {
            let y = bottom + i as f64;
            r.mu_in * (y - jf).min(nf - jf) + r.theta * (y - nf).max(0.0)
        }
    };
    let mut store = vec![0.0_f64; p * levels]; // phase-major: store[j * levels + i]
    let mut scale = vec![f64::NEG_INFINITY; p]; // ln of each phase's scale
    let mut d = vec![0.0_f64; levels];
    let mut rr = vec![0.0_f64; levels];
    let mut t = vec![0.0_f64; levels];
    for j in (0..=big_p).rev() {
        let ju = j as usize;
        let jf = f64::from(j);
        // Rates out of phase j: to j + 1 on the bottom level, to j − 1 above it.
        let kill = |i: usize| -> f64 {
            if i == 0 {
                r.mu_in * (bottom - jf)
            } else {
                r.mu_out * jf
            }
        };
        let (lower, upper) = store.split_at_mut((ju + 1) * levels);
        let here = &mut lower[ju * levels..];
        // D_y = E_y + down(y), E_y = λ·E_{y+1}/D_{y+1} + kill(y), E_Y = kill(Y): sums and
        // ratios of positive numbers only.
        let mut e = kill(last);
        for i in (0..levels).rev() {
            if i < last {
                e = r.lambda * e / d[i + 1] + kill(i);
            }
            d[i] = e + down(i, jf);
            rr[i] = r.lambda / d[i];
        }
        if big_p == 0 {
            // Every agent in reserve: one birth–death chain (Erlang C or A).
            here[0] = 1.0;
            for i in 1..levels {
                here[i] = rr[i] * here[i - 1];
            }
        } else if j == big_p {
            // The top phase is fed only by the inflow from below, set to 1.
            here[0] = 1.0 / d[0];
            for i in 1..levels {
                here[i] = rr[i] * here[i - 1];
            }
        } else {
            // Inflow from phase j + 1 (outbound completions above the bottom level),
            // in that phase's scale.
            let next = &upper[..levels];
            let from_above = r.mu_out * (jf + 1.0);
            let src = |i: usize| -> f64 {
                if i < last {
                    from_above * next[i + 1]
                } else {
                    0.0
                }
            };
            t[last] = src(last) / d[last];
            for i in (0..last).rev() {
                t[i] = (src(i) + down(i + 1, jf) * t[i + 1]) / d[i];
            }
            here[0] = t[0];
            for i in 1..levels {
                here[i] = rr[i] * here[i - 1] + t[i];
            }
            // The inflow c from phase j − 1 on the bottom level adds c·e with e(0) = 1/D_L,
            // e(i) = r_i·e(i−1). Flow across the cut below phase j balances:
            // c = μ_out·j·Σ_{i≥1} π(i) with π = here + c·e, and
            // 1 − μ_out·j·Σ_{i≥1} e(i) = kill(0)·e(0), so c = μ_out·j·Σ_{i≥1} here(i) / (kill(0)·e(0)).
            if j > 0 {
                let above_bottom: f64 = here[1..].iter().sum();
                let e0 = 1.0 / d[0];
                let c = r.mu_out * jf * above_bottom / (kill(0) * e0);
                let mut ei = e0;
                here[0] += c * ei;
                for i in 1..levels {
                    ei *= rr[i];
                    here[i] += c * ei;
                }
            }
        }
        let base = if j == big_p { 0.0 } else { scale[ju + 1] };
        let max = here.iter().copied().fold(0.0_f64, f64::max);
        if max > 0.0 && max.is_finite() && base.is_finite() {
            here.iter_mut().for_each(|v| *v /= max);
            scale[ju] = base + max.ln();
        } else {
            here.iter_mut().for_each(|v| *v = 0.0);
        }
    }
    let smax = scale.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let weight: Vec<f64> = scale.iter().map(|s| (s - smax).exp()).collect();
    let kk = k as usize;
    let mut p_now = 0.0;
    let mut p_wait = 0.0;
    let mut mean_queue = 0.0;
    let mut inbound = 0.0;
    let mut outbound = 0.0;
    let mut idle = 0.0;
    let top_from = kk + (3 * q as usize).div_ceil(4);
    let mut top_mass = 0.0;
    for j in 0..p {
        let w = weight[j];
        if w == 0.0 {
            continue;
        }
        let jf = j as f64;
        let row = &store[j * levels..(j + 1) * levels];
        let mut sum = 0.0;
        for (i, &v) in row.iter().enumerate() {
            let m = w * v;
            let y = bottom + i as f64;
            sum += m;
            if i < kk {
                p_now += m;
                idle += m * (nf - y);
            } else {
                p_wait += m;
                mean_queue += m * (y - nf);
            }
            if i >= top_from {
                top_mass += m;
            }
            inbound += m * (y - jf).min(nf - jf);
        }
        outbound += sum * jf;
    }
    // Every state is either answered at once or waits: the total is their sum, so that a
    // chain where nobody is answered at once has a probability of waiting of exactly 1.
    let z = p_now + p_wait;
    let mut arrival = vec![0.0_f64; q as usize * p];
    for j in 0..p {
        let w = weight[j] / z;
        if w == 0.0 {
            continue;
        }
        let row = &store[j * levels..(j + 1) * levels];
        for m in 0..q as usize {
            arrival[m * p + j] = w * row[kk + m];
        }
    }
    (
        Chain {
            n,
            k,
            q,
            p_now: p_now / z,
            p_wait: p_wait / z,
            arrival,
            mean_queue: mean_queue / z,
            mean_inbound_busy: inbound / z,
            mean_outbound_busy: outbound / z,
            mean_idle: idle / z,
        },
        top_mass / z,
    )
}

/// Probabilities of being answered and of abandoning, and the summed wait of answered calls,
/// over all waiting arrivals.
#[derive(Debug, Clone, Copy)]
struct WaitOutcomes {
    answered: f64,
    abandoned: f64,
    wait_answered: f64,
}

fn wait_outcomes(r: Rates, c: &Chain, p: usize) -> WaitOutcomes {
    let nf = f64::from(c.n);
    // Row m − 1 of (P(answered), P(abandons), E[wait; answered]) from position m − 1.
    let mut ps = vec![1.0_f64; p];
    let mut pa = vec![0.0_f64; p];
    let mut tw = vec![0.0_f64; p];
    let mut out = WaitOutcomes {
        answered: 0.0,
        abandoned: 0.0,
        wait_answered: 0.0,
    };
    for mi in 0..c.q as usize {
        let ahead = mi as f64;
        // Update in place from the highest phase down: phase j reads phase j − 1 of the
        // previous row, which is not yet overwritten.
        for j in (0..p).rev() {
            let jf = j as f64;
            let a = r.mu_in * (nf - jf) + r.theta * ahead;
            let b = r.mu_out * jf;
            let rate = a + b + r.theta;
            let (s_lo, a_lo, t_lo) = if j > 0 {
                (ps[j - 1], pa[j - 1], tw[j - 1])
            } else {
                (0.0, 0.0, 0.0)
            };
            let s = (a * ps[j] + b * s_lo) / rate;
            let ab = (r.theta + a * pa[j] + b * a_lo) / rate;
            let w = (s + a * tw[j] + b * t_lo) / rate;
            ps[j] = s;
            pa[j] = ab;
            tw[j] = w;
            let m = c.arrival[mi * p + j];
            out.answered += m * s;
            out.abandoned += m * ab;
            out.wait_answered += m * w;
        }
    }
    out
}

/// Probabilities that a waiting arrival is answered, and that it abandons, within `t`, by
/// uniformisation of the chain of its position in the queue.
///
/// Work is bounded: positions from which being answered within `t` is less likely than
/// 1e-18 are left out (their callers abandon within `t` with the probability that patience
/// alone gives), and an evaluation needing more than [`Blend::MAX_STATE_STEPS`] is refused
/// before it starts.
fn within_time(r: Rates, c: &Chain, p: usize, t: f64) -> Result<(f64, f64)> {
    if t <= 0.0 {
        return Ok((0.0, 0.0));
    }
    let nf = f64::from(c.n);
    // Positions beyond `len` hold less than 1e-18 of the arrivals: left out (counted as
    // still waiting at `t`).
    let q = c.q as usize;
    let mut len = q;
    let mut dropped = 0.0;
    while len > 1 {
        let row: f64 = c.arrival[(len - 1) * p..len * p].iter().sum();
        if dropped + row >= 1e-18 {
            break;
        }
        dropped += row;
        len -= 1;
    }
    let mut top_rate: f64 = 0.0;
    for j in 0..p {
        let jf = j as f64;
        top_rate = top_rate.max(r.mu_in * (nf - jf) + r.mu_out * jf);
    }
    // A caller at position m (m − 1 ahead) is answered after m moves, each at a rate of at
    // most `top_rate + θ·(m − 1)` (the number ahead only falls), so the chance of being
    // answered within `t` is at most P(Poisson((top_rate + θ·(m − 1))·t) ≥ m), below
    // e^{−a}·(e·a/m)^m for m > a (Chernoff). Positions from the first where that bound is
    // below 1e-18 on are left out of the uniformisation; their callers are never answered
    // within `t` and abandon within it with probability 1 − e^{−θt}.
    let mut beyond = 0.0;
    let ln_eps = (1e-18_f64).ln();
    for m in 1..len {
        // `m` is at most MAX_QUEUE, exact in f64.
        #[allow(clippy::cast_precision_loss)]
        let mf = m as f64;
        let a = (top_rate + r.theta * (mf - 1.0)) * t;
        if mf > a && -a + mf * (1.0 + a.ln() - mf.ln()) < ln_eps {
            beyond = c.arrival[(m - 1) * p..len * p].iter().sum();
            len = m - 1;
            break;
        }
    }
    let abandon_beyond = beyond * -(-r.theta * t).exp_m1();
    if len == 0 {
        return Ok((0.0, abandon_beyond));
    }
    // len <= MAX_QUEUE, exact in f64.
    #[allow(clippy::cast_precision_loss)]
    let lambda_u = top_rate + r.theta * len as f64;
    let lt = lambda_u * t;
    let ln_lt = lt.ln();
    // Steps until the Poisson weights left are below TAIL (the loop below may stop sooner);
    // at least `lt`, checked first so that counting them stays within the budget too.
    let cells = u64::try_from(len)
        .unwrap_or(u64::MAX)
        .saturating_mul(u64::try_from(p).unwrap_or(u64::MAX));
    #[allow(clippy::cast_precision_loss)]
    let too_many = lt * cells as f64 > Blend::MAX_STATE_STEPS as f64;
    let steps = if too_many {
        u64::MAX
    } else {
        poisson_steps(lt)
    };
    // Step s updates min(len, steps − s) positions (see the loop below).
    let rows = u64::try_from(len).unwrap_or(u64::MAX);
    let triangle = |h: u64| h.saturating_mul(h.saturating_add(1)) / 2;
    let visits = if rows >= steps {
        triangle(steps)
    } else {
        rows.saturating_mul(steps - rows)
            .saturating_add(triangle(rows))
    };
    let work = visits.saturating_mul(u64::try_from(p).unwrap_or(u64::MAX));
    if work > Blend::MAX_STATE_STEPS {
        return Err(Error::CountTooLarge {
            parameter: "state-steps of the blend's service-level computation",
            value: work,
            max: Blend::MAX_STATE_STEPS,
            advice: "use a shorter answer time, fewer agents, or a lighter inbound load",
        });
    }
    let mut v = c.arrival[..len * p].to_vec();
    // Per-step probabilities of the uniformised chain: moving up by an inbound completion
    // (phase j), by an outbound one, and abandoning.
    let inv = 1.0 / lambda_u;
    let ain: Vec<f64> = (0..p).map(|j| r.mu_in * (nf - j as f64) * inv).collect();
    let bout: Vec<f64> = (0..p).map(|j| r.mu_out * j as f64 * inv).collect();
    let th = r.theta * inv;
    let mut ln_w = -lt;
    let (mut served, mut abandoned) = (0.0_f64, 0.0_f64);
    let (mut s_t, mut a_t, mut w_sum) = (0.0_f64, 0.0_f64, 0.0_f64);
    let mut transient: f64 = v.iter().sum();
    let mut active = len;
    let mut out_of_reach = 0.0;
    let mut s: u64 = 0;
    loop {
        let w = ln_w.exp();
        s_t += w * served;
        a_t += w * abandoned;
        w_sum += w;
        // `s` stays far below 2^53.
        #[allow(clippy::cast_precision_loss)]
        let sf = s as f64;
        let poisson_done = sf > lt && w * (sf + 1.0) / (sf + 1.0 - lt) < TAIL;
        if poisson_done || transient < TAIL {
            let rest = (1.0 - w_sum).max(0.0);
            s_t += rest * served;
            a_t += rest * abandoned;
            break;
        }
        // One uniformised step, in place by ascending position (a position reads the one
        // behind it before that is overwritten).
        // With `steps − s` steps left, a caller at position mi needs mi + 1 of them to be
        // answered: positions from `steps − s` on can no longer be answered within the steps
        // summed, and mass moves up at most one position per step, so it never returns. Such
        // callers only abandon, at the same rate wherever they wait: they are kept as one sum.
        let now = usize::try_from(steps.saturating_sub(s))
            .unwrap_or(usize::MAX)
            .min(active);
        if now < active {
            out_of_reach += v[now * p..active * p].iter().sum::<f64>();
            active = now;
        }
        let mut moved_served = 0.0;
        let moved_abandoned = th * transient;
        let mut left = 0.0;
        for mi in 0..active {
            // `mi` < MAX_QUEUE, exact in f64.
            #[allow(clippy::cast_precision_loss)]
            let ahead = th * mi as f64;
            let (cur, rest) = v[mi * p..].split_at_mut(p);
            let behind = (mi + 1 < active).then(|| &rest[..p]);
            for j in 0..p {
                let a = ain[j] + ahead;
                let x = cur[j];
                let go = a + bout[j];
                if mi == 0 {
                    moved_served += x * go;
                }
                let mut nv = (x * (1.0 - go - th)).max(0.0);
                if let Some(nx) = behind {
                    nv += nx[j] * (a + th);
                    if j + 1 < p {
                        nv += nx[j + 1] * bout[j + 1];
                    }
                }
                cur[j] = nv;
                left += nv;
            }
        }
        out_of_reach *= 1.0 - th;
        served += moved_served;
        abandoned += moved_abandoned;
        transient = left + out_of_reach;
        s += 1;
        #[allow(clippy::cast_precision_loss)]
        let next = s as f64;
        ln_w += ln_lt - next.ln();
    }
    Ok((s_t, a_t + abandon_beyond))
}

/// The number of uniformised steps after which the Poisson(`lt`) weights not yet summed fall
/// below [`TAIL`] (the stopping rule of [`within_time`]).
fn poisson_steps(lt: f64) -> u64 {
    let ln_lt = lt.ln();
    let mut ln_w = -lt;
    let mut s: u64 = 0;
    loop {
        // `s` stays far below 2^53: the weights fall below TAIL a few standard deviations
        // past `lt`.
        #[allow(clippy::cast_precision_loss)]
        let sf = s as f64;
        if sf > lt && ln_w.exp() * (sf + 1.0) / (sf + 1.0 - lt) < TAIL {
            return s;
        }
        s += 1;
        #[allow(clippy::cast_precision_loss)]
        let next = s as f64;
        ln_w += ln_lt - next.ln();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Doubling the truncation the search settled on moves no output by more than 1e-12.
    #[test]
    fn doubling_the_truncation_changes_nothing() {
        let t = TimeSpan::from_seconds(20.0).expect("valid");
        for (patience, n, k) in [(None, 14_u32, 0_u32), (None, 16, 3), (Some(120.0), 10, 2)] {
            let mut b = Blend::from_erlangs(
                13.0,
                TimeSpan::from_seconds(240.0).expect("valid"),
                TimeSpan::from_seconds(360.0).expect("valid"),
            )
            .expect("valid");
            if let Some(p) = patience {
                b = b
                    .with_patience(TimeSpan::from_seconds(p).expect("valid"))
                    .expect("valid");
            }
            let chosen = b.solve(n, k).expect("solves");
            let (doubled, _) = stationary(b.rates(), n, k, chosen.q * 2);
            let (m1, m2) = (
                b.measures(&chosen, t).expect("valid"),
                b.measures(&doubled, t).expect("valid"),
            );
            for (x, y) in [
                (m1.p_wait, m2.p_wait),
                (
                    m1.service_levels.answered_within_over_offered,
                    m2.service_levels.answered_within_over_offered,
                ),
                (m1.p_abandon, m2.p_abandon),
                (m1.mean_queue_length, m2.mean_queue_length),
                (m1.asa_answered.seconds(), m2.asa_answered.seconds()),
                (m1.outbound_per_hour, m2.outbound_per_hour),
            ] {
                assert!((x - y).abs() <= 1e-12 * y.abs().max(1.0), "{x} vs {y}");
            }
        }
    }
}
