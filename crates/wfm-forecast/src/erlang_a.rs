//! Erlang A (M/M/n+M, Palm's model): Poisson arrivals, exponential handle times, `n` agents,
//! and callers who abandon after an exponential patience of mean `p`.
//!
//! Erlang C assumes nobody hangs up; at low load and low service levels that assumption makes
//! it badly wrong, and with `n ≤ A` it has no answer at all. Erlang A is stable for every
//! `n ≥ 1`. The formulas follow Garnett, Mandelbaum & Reiman (2002, "Designing a call center
//! with impatient customers", M&SOM 4(3)) and Mandelbaum & Zeltyn's notes on the M/M/n+M
//! queue, written with positive series only. With `λ` the arrival rate, `μ = 1/h`, `θ = 1/p`,
//! `A = λ/μ`, `ρ = A/n`, `x = nμ/θ`, `y = λ/θ` and `E = B(n, A)` the Erlang B blocking:
//!
//! - `tⱼ = yʲ / Π_{k=1..j}(x + k)` is, up to a constant, the probability of `j` callers
//!   waiting while all agents are busy; `J = Σ_{j≥0} tⱼ`, which equals the incomplete-gamma
//!   form `x·e^y·y^{−x}·γ(x, y)` of the published formulas;
//! - `πₙ = E / (1 + (J − 1)E)`, and `P(wait) = πₙ·J`;
//! - `P(abandon) = πₙ·Σ j·tⱼ / y` (abandonment rate `θ·E[queue]` over `λ`);
//! - answered after a wait: `πₙ·(J − 1)/ρ`; answered at once: `1 − πₙ·J`;
//! - a caller finding `j` ahead would wait `Σ_{i=0..j} Exp(nμ + iθ)` (its *offered* wait `V`),
//!   hence `E[V; answered] = (πₙ/ρ)·Σ_{m≥1} tₘ·Σ_{i=1..m} 1/(nμ + iθ)`;
//! - `P(V > T) = πₙ·e^{y(1−e^{−θT}) − nμT}·J(x, y·e^{−θT})`, and the same with `J − 1` and
//!   `1/ρ` for calls answered after `T`.
//!
//! Every sum has positive terms; it is accumulated with a running scale (the terms are
//! rescaled by 10⁻²⁵⁰ when they grow past 10²⁵⁰) and stopped when a geometric bound on the
//! rest falls below 10⁻¹⁷ of the sum.
//!
//! Service level and ASA come in named variants; see [`ServiceLevels`] and
//! [`ErlangAMetrics`].
//!
//! Checked three ways (tests in `tests/`): against mpmath at 50 digits evaluating the
//! independent incomplete-gamma forms and a quadrature for the ASA; against pyworkforce
//! 0.5.4's truncated birth–death chain; against a ciw discrete-event simulation. As the
//! patience grows the results tend to Erlang C's (a property test).

use crate::erlang_b::{InvBWalk, SEARCH_LIMIT, inv_b};
use crate::error::{Error, Result};
use crate::targets::{ServiceLevelDefinition, Targets};
use crate::units::{IntervalLength, TimeSpan, Volume, checked_load, offered_load};

/// Most terms any Erlang A series may take before [`Error::SeriesDidNotConverge`].
const MAX_TERMS: u64 = 50_000_000;
/// Relative size of the neglected tail of a series.
const TAIL: f64 = 1e-17;
const BIG: f64 = 1e250;
const SMALL: f64 = 1e-250;

/// The sums of one series, all multiplied by `e^{-ln_scale}`.
#[derive(Debug, Clone, Copy)]
struct Series {
    ln_scale: f64,
    /// Σ_{j≥0} tⱼ
    all: f64,
    /// Σ_{j≥1} tⱼ
    tail: f64,
    /// Σ_{j≥1} j·tⱼ
    jt: f64,
    /// Σ_{j≥1} tⱼ·Σ_{i=1..j} 1/(x+i)
    tw: f64,
}

fn series(x: f64, y: f64) -> Result<Series> {
    let mut s = Series {
        ln_scale: 0.0,
        all: 1.0,
        tail: 0.0,
        jt: 0.0,
        tw: 0.0,
    };
    let mut t = 1.0;
    let mut w = 0.0;
    let mut j: u64 = 0;
    loop {
        j += 1;
        // `j` stays far below 2^53, so the conversion is exact.
        #[allow(clippy::cast_precision_loss)]
        let jf = j as f64;
        let xj = x + jf;
        let inv = 1.0 / xj;
        let ratio = y * inv;
        t *= ratio;
        w += inv;
        s.all += t;
        s.tail += t;
        s.jt += jf * t;
        s.tw += t * w;
        if t > BIG {
            t *= SMALL;
            s.all *= SMALL;
            s.tail *= SMALL;
            s.jt *= SMALL;
            s.tw *= SMALL;
            s.ln_scale += 250.0 * core::f64::consts::LN_10;
        }
        // Later ratios y/(x+j+m) are below `ratio`, so terms after this one are bounded by
        // t·ratioᵐ once ratio < 1.
        if ratio < 1.0 {
            let g = ratio / (1.0 - ratio);
            let rest_all = t * g;
            let rest_jt = t * (jf * g + g / (1.0 - ratio));
            let rest_tw = t * (w * g + g * inv / (1.0 - ratio));
            if rest_all <= TAIL * s.tail && rest_jt <= TAIL * s.jt && rest_tw <= TAIL * s.tw {
                return Ok(s);
            }
        }
        if j >= MAX_TERMS {
            return Err(Error::SeriesDidNotConverge {
                x,
                y,
                terms: MAX_TERMS,
            });
        }
    }
}

/// An Erlang A queue: Erlang C plus exponential caller patience.
///
/// ```
/// use wfm_forecast::{ErlangA, IntervalLength, TimeSpan, Volume};
///
/// // 100 calls per half hour, 3-minute handle time, 5-minute mean patience, 14 agents.
/// let q = ErlangA::new(
///     Volume::new(100.0)?,
///     TimeSpan::from_minutes(3.0)?,
///     IntervalLength::MINUTES_30,
///     TimeSpan::from_minutes(5.0)?,
/// )?;
/// let m = q.metrics(14)?;
/// assert!((m.p_wait - 0.145_260_114_3).abs() < 1e-10);
/// assert!((m.p_abandon - 0.013_983_744_12).abs() < 1e-11);
/// assert!((m.asa_answered.seconds() - 3.878_480_045).abs() < 1e-8);
/// assert!((m.mean_wait_all.seconds() - 4.195_123_237).abs() < 1e-8);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ErlangA {
    erlangs: f64,
    aht_s: f64,
    patience_s: f64,
}

/// What `n` agents achieve under Erlang A ([`ErlangA::metrics`]).
///
/// ```
/// use wfm_forecast::{ErlangA, TimeSpan};
/// let q = ErlangA::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, TimeSpan::from_minutes(5.0)?)?;
/// let m = q.metrics(14)?;
/// // ASA of answered calls is below the mean wait of all arrivals here.
/// assert!(m.asa_answered < m.mean_wait_all);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ErlangAMetrics {
    /// Agents.
    pub agents: u32,
    /// Probability that an arriving call finds every agent busy and has to wait.
    pub p_wait: f64,
    /// Probability that a call abandons before being answered.
    pub p_abandon: f64,
    /// ASA of answered calls: mean wait of the calls that get answered, zero waits included.
    pub asa_answered: TimeSpan,
    /// Mean time in queue over all arrivals, abandoners counted until they hang up
    /// (`P(abandon) × patience`). pyworkforce 0.5.4 calls this "average speed of answer".
    pub mean_wait_all: TimeSpan,
    /// Share of agent time spent handling answered calls, `A·(1 − P(abandon))/n`.
    pub occupancy: f64,
    /// Mean number of callers waiting.
    pub mean_queue_length: f64,
}

/// Every service-level variant at one answer time ([`ErlangA::service_levels`]); see
/// [`ServiceLevelDefinition`] for the definitions.
///
/// ```
/// use wfm_forecast::{ErlangA, TimeSpan};
/// let q = ErlangA::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, TimeSpan::from_minutes(5.0)?)?;
/// let s = q.service_levels(12, TimeSpan::from_seconds(20.0)?)?;
/// assert!(s.answered_within_over_offered <= s.answered_within_over_answered);
/// assert!(s.answered_within_over_offered <= s.wait_ended_within_over_offered);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ServiceLevels {
    /// Answered within T ÷ offered.
    pub answered_within_over_offered: f64,
    /// Answered within T ÷ answered.
    pub answered_within_over_answered: f64,
    /// Answered within T ÷ (offered − abandoned within T).
    pub answered_within_over_offered_less_short_abandons: f64,
    /// Wait ended (answered or abandoned) within T ÷ offered.
    pub wait_ended_within_over_offered: f64,
    /// Probability of abandoning within T.
    pub p_abandon_within: f64,
}

impl ServiceLevels {
    /// The variant named by `definition`.
    ///
    /// ```
    /// use wfm_forecast::{ErlangA, ServiceLevelDefinition, TimeSpan};
    /// let q = ErlangA::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, TimeSpan::from_minutes(5.0)?)?;
    /// let sls = q.service_levels(14, TimeSpan::from_seconds(20.0)?)?;
    /// let offered = sls.get(ServiceLevelDefinition::AnsweredWithinOverOffered);
    /// assert!((offered - 0.916_792_091_9).abs() < 1e-10);
    /// assert!(sls.get(ServiceLevelDefinition::AnsweredWithinOverAnswered) > offered);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn get(&self, definition: ServiceLevelDefinition) -> f64 {
        match definition {
            ServiceLevelDefinition::AnsweredWithinOverOffered => self.answered_within_over_offered,
            ServiceLevelDefinition::AnsweredWithinOverAnswered => {
                self.answered_within_over_answered
            }
            ServiceLevelDefinition::AnsweredWithinOverOfferedLessShortAbandons => {
                self.answered_within_over_offered_less_short_abandons
            }
            ServiceLevelDefinition::WaitEndedWithinOverOffered => {
                self.wait_ended_within_over_offered
            }
        }
    }
}

/// The fewest agents meeting a set of targets under Erlang A ([`ErlangA::required_agents`]).
///
/// ```
/// use wfm_forecast::{ErlangA, ServiceTarget, Targets, TimeSpan};
/// let q = ErlangA::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, TimeSpan::from_minutes(5.0)?)?;
/// let s = q.required_agents(&Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?))?;
/// assert!(s.service_level.unwrap_or(0.0) >= 0.8);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ErlangAStaffing {
    /// What the staffing achieves (`metrics.agents` is the staffing).
    pub metrics: ErlangAMetrics,
    /// The service level, under the target's definition, when a service-level target was given.
    pub service_level: Option<f64>,
}

/// Intermediate results shared by the metrics and the service levels.
#[derive(Debug, Clone, Copy)]
struct State {
    metrics: ErlangAMetrics,
    x: f64,
    y: f64,
    rho: f64,
    /// The series of `J(x, y)`, scaled by `e^{−L}`.
    series: Series,
    /// `(1/B)·e^{−L} + Σ_{j≥1} tⱼ·e^{−L}`, so that `πₙ = e^{−L}/den`.
    den: f64,
    p_wait_zero: f64,
    p_answered: f64,
}

impl ErlangA {
    /// The queue offered `volume` calls of mean handle time `aht` per `interval`, with mean
    /// patience `patience`. Errors on zero volume, handle time or patience.
    ///
    /// ```
    /// use wfm_forecast::{ErlangA, IntervalLength, TimeSpan, Volume};
    /// let q = ErlangA::new(
    ///     Volume::new(100.0)?, TimeSpan::from_minutes(3.0)?, IntervalLength::MINUTES_30,
    ///     TimeSpan::from_seconds(0.0)?,
    /// );
    /// assert!(q.is_err());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn new(
        volume: Volume,
        aht: TimeSpan,
        interval: IntervalLength,
        patience: TimeSpan,
    ) -> Result<Self> {
        let erlangs = offered_load(volume, aht, interval)?;
        Ok(Self {
            erlangs,
            aht_s: aht.seconds(),
            patience_s: patience.positive("patience")?,
        })
    }

    /// The queue offered `erlangs` Erlangs with mean handle time `aht` and mean patience
    /// `patience`.
    ///
    /// ```
    /// use wfm_forecast::{ErlangA, TimeSpan};
    /// // Overloaded: 95 agents for 100 Erlangs is fine in Erlang A.
    /// let q = ErlangA::from_erlangs(100.0, TimeSpan::from_minutes(3.0)?, TimeSpan::from_minutes(5.0)?)?;
    /// assert!(q.metrics(95)?.p_abandon > 0.05);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn from_erlangs(erlangs: f64, aht: TimeSpan, patience: TimeSpan) -> Result<Self> {
        Ok(Self {
            erlangs: checked_load(erlangs)?,
            aht_s: aht.positive("handle time")?,
            patience_s: patience.positive("patience")?,
        })
    }

    /// The offered load in Erlangs.
    ///
    /// ```
    /// use wfm_forecast::{ErlangA, TimeSpan};
    /// let q = ErlangA::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, TimeSpan::from_minutes(5.0)?)?;
    /// assert_eq!(q.erlangs(), 10.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn erlangs(&self) -> f64 {
        self.erlangs
    }

    fn state(&self, agents: u32, r: f64) -> Result<State> {
        if agents == 0 {
            return Err(Error::ZeroAgents {
                parameter: "agents",
            });
        }
        let a = self.erlangs;
        let n = f64::from(agents);
        let x = n * self.patience_s / self.aht_s;
        let y = a * self.patience_s / self.aht_s;
        let rho = a / n;
        let s = series(x, y)?;
        let (p_wait, p_ans_delayed, p_abandon, e_v_ans, p_wait_zero, den) = if r.is_finite() {
            let den = r * (-s.ln_scale).exp() + s.tail;
            (
                s.all / den,
                s.tail / (rho * den),
                s.jt / (y * den),
                s.tw * self.patience_s / (rho * den),
                (-s.ln_scale).exp() * (r - 1.0) / den,
                den,
            )
        } else {
            // Erlang B below f64's range: nobody waits.
            (0.0, 0.0, 0.0, 0.0, 1.0, f64::INFINITY)
        };
        let p_answered = p_wait_zero + p_ans_delayed;
        let mean_wait_all = p_abandon * self.patience_s;
        Ok(State {
            metrics: ErlangAMetrics {
                agents,
                p_wait,
                p_abandon,
                asa_answered: TimeSpan::from_seconds(e_v_ans / p_answered)?,
                mean_wait_all: TimeSpan::from_seconds(mean_wait_all)?,
                occupancy: a * p_answered / n,
                mean_queue_length: y * p_abandon,
            },
            x,
            y,
            rho,
            series: s,
            den,
            p_wait_zero,
            p_answered,
        })
    }

    fn levels(&self, st: &State, within_s: f64) -> Result<ServiceLevels> {
        let theta_t = within_s / self.patience_s;
        let n = f64::from(st.metrics.agents);
        let (p_v_gt_t, p_ans_after_t) = if st.den.is_infinite() {
            (0.0, 0.0)
        } else {
            let s2 = if theta_t == 0.0 {
                st.series
            } else {
                series(st.x, st.y * (-theta_t).exp())?
            };
            let expo = st.y * -(-theta_t).exp_m1() - n * within_s / self.aht_s + s2.ln_scale
                - st.series.ln_scale;
            let g = expo.exp();
            // Answered after a wait of at most T: a difference of two sums. It cancels when
            // almost every answered call waits longer than T (deep overload), leaving a
            // rounding residue of order 1e-16 × P(answered) that may have either sign; the
            // true value is non-negative and, there, smaller than the residue, so a negative
            // residue is reported as 0.
            let delayed_within = (st.series.tail - g * s2.tail) / (st.rho * st.den);
            (g * s2.all / st.den, delayed_within.max(0.0))
        };
        let offered = st.p_wait_zero + p_ans_after_t;
        let wait_ended = 1.0 - p_v_gt_t * (-theta_t).exp();
        // Never below 0 mathematically; the same rounding residue as above.
        let ab_within = (wait_ended - offered).max(0.0);
        Ok(ServiceLevels {
            answered_within_over_offered: offered,
            answered_within_over_answered: offered / st.p_answered,
            answered_within_over_offered_less_short_abandons: offered / (1.0 - ab_within),
            wait_ended_within_over_offered: wait_ended,
            p_abandon_within: ab_within,
        })
    }

    /// What `agents` achieve: probability of waiting and of abandoning, ASA of answered calls,
    /// mean wait of all arrivals, occupancy, mean queue length.
    ///
    /// ```
    /// use wfm_forecast::{ErlangA, TimeSpan};
    /// let q = ErlangA::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, TimeSpan::from_minutes(5.0)?)?;
    /// let m = q.metrics(14)?;
    /// assert!((m.occupancy - 0.704_297_325_6).abs() < 1e-10);
    /// assert!(q.metrics(0).is_err());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn metrics(&self, agents: u32) -> Result<ErlangAMetrics> {
        Ok(self.state(agents, inv_b(agents, self.erlangs))?.metrics)
    }

    /// Every service-level variant at answer time `within`.
    ///
    /// ```
    /// use wfm_forecast::{ErlangA, TimeSpan};
    /// let q = ErlangA::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, TimeSpan::from_minutes(5.0)?)?;
    /// let sls = q.service_levels(14, TimeSpan::from_seconds(20.0)?)?;
    /// assert!((sls.answered_within_over_answered - 0.929_794_094_6).abs() < 1e-10);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn service_levels(&self, agents: u32, within: TimeSpan) -> Result<ServiceLevels> {
        let st = self.state(agents, inv_b(agents, self.erlangs))?;
        self.levels(&st, within.seconds())
    }

    /// One service-level variant at answer time `within`.
    ///
    /// ```
    /// use wfm_forecast::{ErlangA, ServiceLevelDefinition, TimeSpan};
    /// let q = ErlangA::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, TimeSpan::from_minutes(5.0)?)?;
    /// let sl = q.service_level(14, TimeSpan::from_seconds(20.0)?, ServiceLevelDefinition::AnsweredWithinOverOffered)?;
    /// assert!((sl - 0.916_792_091_9).abs() < 1e-10);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn service_level(
        &self,
        agents: u32,
        within: TimeSpan,
        definition: ServiceLevelDefinition,
    ) -> Result<f64> {
        Ok(self.service_levels(agents, within)?.get(definition))
    }

    /// The fewest agents meeting every target together: service level (under the target's
    /// definition), ASA of answered calls, occupancy ceiling, abandonment ceiling.
    ///
    /// The search walks up one agent at a time from a proven lower bound, carrying the Erlang
    /// B recursion, and evaluates each candidate with the same arithmetic as
    /// [`ErlangA::metrics`] and [`ErlangA::service_levels`], so the answer is minimal by
    /// construction. The lower bound: answered calls cannot exceed the agents' capacity,
    /// `1 − P(abandon) ≤ n/A`, so a target of `s` answered within T over offered needs
    /// `n ≥ s·A`, and an abandonment ceiling `p` needs `n ≥ (1 − p)·A`; otherwise the search
    /// starts at one agent. The cost grows with the distance from that bound to the answer
    /// and with the length of the series: about 15 µs at 100 Erlangs, 15 ms at 10,000 and
    /// 0.8 s at 100,000 (80/20, patience equal to the handle time, release build).
    ///
    /// ```
    /// use wfm_forecast::{ErlangA, MaxOccupancy, MaxProbability, ServiceTarget, Targets, TimeSpan};
    /// let q = ErlangA::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, TimeSpan::from_minutes(5.0)?)?;
    /// let targets = Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?)
    ///     .and_max_occupancy(MaxOccupancy::new(0.85)?)
    ///     .and_max_abandonment(MaxProbability::new(0.05)?);
    /// // pyworkforce's documented Erlang A example also gives 13.
    /// assert_eq!(q.required_agents(&targets)?.metrics.agents, 13);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn required_agents(&self, targets: &Targets) -> Result<ErlangAStaffing> {
        let a = self.erlangs;
        let mut bound: f64 = 0.0;
        if let Some(s) = targets.service()
            && s.definition() == ServiceLevelDefinition::AnsweredWithinOverOffered
        {
            bound = bound.max(s.share() * a);
        }
        if let Some(p) = targets.max_abandonment() {
            bound = bound.max((1.0 - p.get()) * a);
        }
        let unreachable = || Error::TargetUnreachable {
            target: targets.describe(),
            limit: SEARCH_LIMIT,
        };
        // One agent of margin below the bound absorbs rounding.
        let start = (bound.floor() - 1.0).max(1.0);
        if start >= f64::from(SEARCH_LIMIT) {
            return Err(unreachable());
        }
        // `1 <= start < SEARCH_LIMIT`, so the cast is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let mut n = start as u32;
        let mut walk = InvBWalk::new(a);
        loop {
            let st = self.state(n, walk.at(n))?;
            let m = st.metrics;
            let ok = targets
                .asa_target()
                .is_none_or(|t| m.asa_answered <= t.max())
                && targets
                    .max_occupancy()
                    .is_none_or(|o| m.occupancy <= o.get())
                && targets
                    .max_abandonment()
                    .is_none_or(|p| m.p_abandon <= p.get());
            if ok {
                match targets.service() {
                    None => {
                        return Ok(ErlangAStaffing {
                            metrics: m,
                            service_level: None,
                        });
                    }
                    // Answered within T over offered never exceeds P(answered): skip the second
                    // series while P(answered) is short of the target by more than rounding.
                    Some(s)
                        if s.definition() == ServiceLevelDefinition::AnsweredWithinOverOffered
                            && st.p_answered < s.share() * (1.0 - 1e-12) => {}
                    Some(s) => {
                        let sl = self.levels(&st, s.within().seconds())?.get(s.definition());
                        if sl >= s.share() {
                            return Ok(ErlangAStaffing {
                                metrics: m,
                                service_level: Some(sl),
                            });
                        }
                    }
                }
            }
            if n >= SEARCH_LIMIT {
                return Err(unreachable());
            }
            n += 1;
        }
    }
}
