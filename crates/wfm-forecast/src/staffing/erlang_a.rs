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
//! rest falls below 10⁻¹⁷ of the sum (tested every eighth term). Where a series would need more than 50,000 terms (a
//! patience so long, or a queue so overloaded, that the terms climb for that long) the same
//! sums are taken in their integral form, `J = x·∫₀^∞ e^{y(1−e^{−w}) − x·w} dw` and its
//! siblings, by the quadrature of log-concave integrands described below.
//!
//! Probabilities over the first `T` seconds of the offered wait are integrals of its density
//! `f(v) = πₙ·nμ·e^{y(1−e^{−θv}) − nμv}` (Mandelbaum & Zeltyn, "The M/M/n+G queue: summary
//! of performance measures", 2009), computed as such, with positive integrands only:
//!
//! - answered after a wait of at most `T`: `∫₀^T f(v)·e^{−θv} dv`;
//! - abandoned within `T`: `∫₀^T f(v)·(1 − e^{−θv}) dv + (1 − e^{−θT})·P(V > T)`;
//!
//! so a service level of 1e-14 in deep overload, or an abandonment of 0 at `T = 0`, keeps
//! its relative precision (they used to be differences of numbers near P(answered), exact to
//! only about 1e-16 of it). The integrands are log-concave; their integral is taken by
//! adaptive Gauss–Kronrod quadrature around their maximum, in log scale. Where the difference
//! of series gives a part as precisely (it loses at most one bit, or, for the calls answered
//! within `T`, the calls answered at once outweigh its rounding), the integral is skipped,
//! as it costs several times the series.
//!
//! Patience: a mean patience from [`ErlangA::MIN_PATIENCE_RATIO`] to
//! [`ErlangA::MAX_PATIENCE_RATIO`] times the handle time, or none at all
//! ([`ErlangA::without_abandonment`]), which is Erlang C exactly.
//!
//! Service level and ASA come in named variants; see [`ServiceLevels`] and
//! [`ErlangAMetrics`].
//!
//! Checked three ways (the crate's integration tests): against mpmath at 50 digits evaluating the
//! independent incomplete-gamma forms and a quadrature for the ASA; against pyworkforce
//! 0.5.4's truncated birth–death chain; against a ciw discrete-event simulation. As the
//! patience grows the results tend to Erlang C's (a property test).

use crate::error::{Error, Result};
use crate::staffing::erlang_b::{InvBWalk, SEARCH_LIMIT, idle_over_top, inv_b};
use crate::staffing::erlang_c::ErlangC;
use crate::staffing::log_concave::{Scaled, integrate};
use crate::staffing::targets::{MaxOccupancy, MaxProbability, ServiceLevelDefinition, Targets};
use crate::units::{IntervalLength, TimeSpan, Volume, checked_load, offered_load};

/// Most terms any Erlang A series may take before [`Error::SeriesDidNotConverge`] (never
/// reached: longer series are taken as integrals, see [`SERIES_TERMS`]).
const MAX_TERMS: u64 = 50_000_000;
/// Series expected to need more terms than this are taken in their integral form.
const SERIES_TERMS: f64 = 50_000.0;
/// Relative size of the neglected tail of a series.
const TAIL: f64 = 1e-17;
const BIG: f64 = 1e250;
const SMALL: f64 = 1e-250;
/// How far [`ErlangA::required_agents`] loosens every target while it brackets and bisects:
/// absolute for probabilities, relative for the ASA. Far above the rounding of the measures,
/// so that the loosened targets are met by every staffing from some `n` on even where a
/// measure is flat at its target (occupancy rounds to 1 ± 1 ulp at random when `n < A`);
/// far below what one agent changes elsewhere.
const LOOSE: f64 = 1e-12;

/// One staffing against the targets of a search.
#[derive(Debug, Clone, Copy)]
struct Verdict {
    /// Meets every target loosened by [`LOOSE`].
    loose: bool,
    /// The staffing, when it meets every target exactly.
    exact: Option<ErlangAStaffing>,
}

/// The sums of one series, all multiplied by `e^{−(h0 + ln_scale)}`.
#[derive(Debug, Clone, Copy)]
struct Series {
    /// The `h(w₀)` of the [`Density`] when the sums were integrated (kept apart from
    /// `ln_scale`, as it may be too large to add anything to), 0 for a series.
    h0: f64,
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
        h0: 0.0,
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
        // t·ratioᵐ once ratio < 1. The bound holds after any term; it is tested after every
        // eighth only, which spares its three divisions on the others (the division of the
        // term itself sets the pace of the loop) at the price of at most seven terms more,
        // each below the tolerance already.
        if j.is_multiple_of(8) && ratio < 1.0 {
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

/// About how many terms [`series`] needs: past the peak at `j ≈ y − x`, then a geometric or
/// Gaussian fall of width `√y`.
fn series_terms(x: f64, y: f64) -> f64 {
    if y > x {
        (y - x) + 10.0 * y.sqrt() + 50.0
    } else {
        let r = y / (x + 1.0);
        // `r` rounds to 1 when `x ≥ 2⁵³`: then only the Gaussian fall bounds the length.
        let geometric = if r < 1.0 {
            40.0 / -r.ln()
        } else {
            f64::INFINITY
        };
        geometric.min(10.0 * x.sqrt() + 50.0) + 50.0
    }
}

/// `e^{−u} − 1 + u ≥ 0`, without cancellation near 0.
fn exp_m1_plus(u: f64) -> f64 {
    if u.abs() < 0.7 {
        // u²/2 − u³/6 + …, until a term is below 1e-17 of the sum (at most twenty terms).
        let (mut term, mut sum) = (u * u / 2.0, 0.0);
        for k in 3..23 {
            sum += term;
            term *= -u / f64::from(k);
            if term.abs() <= 1e-17 * sum {
                break;
            }
        }
        sum + term
    } else {
        (-u).exp_m1() + u
    }
}

/// The log of the offered-wait density in `w = θv`, `h(w) = y(1 − e^{−w}) − x·w` (up to
/// constants), relative to its value at a reference point `w₀`: every integral of a queue
/// is taken relative to the same `h(w₀)`, so that their ratios are exact even when `h(w₀)`
/// itself is as large as 1e15 (a patience of 1e15 handle times) and carries a rounding error
/// of its own. `w₀` is the maximum of `h` on `[0, ∞)`, `ln(y/x)` or 0.
#[derive(Debug, Clone, Copy)]
struct Density {
    x: f64,
    w0: f64,
    /// `y·e^{−w₀}`, equal to `x` (up to rounding) when `w₀ > 0`.
    c0: f64,
    /// `h(w₀)`.
    h0: f64,
}

impl Density {
    fn new(x: f64, y: f64) -> Self {
        let w0 = if y > x { (y / x).ln() } else { 0.0 };
        let c0 = y * (-w0).exp();
        let h0 = -y * (-w0).exp_m1() - x * w0;
        Self { x, w0, c0, h0 }
    }

    /// `h(w) − h(w₀) = −c₀·(e^{−u} − 1 + u) + (c₀ − x)·u` at `w = w₀ + u`: the first term
    /// is the curvature, exact near `w₀`; the second the slope at `w₀` (0 up to rounding
    /// unless `w₀ = 0`).
    fn dh(&self, u: f64) -> f64 {
        -self.c0 * exp_m1_plus(u) + (self.c0 - self.x) * u
    }

    /// `e^{c − h(w₀)}·∫_lo^hi e^{h(w)}·e^{−s·w}·(1 − e^{−(w − o)})^{a}·w^{b} dw` for
    /// `s ∈ {0, 1}`, `a ∈ {0, 1}` (`Some(o)` for 1) and `b ∈ {0, 1}`: the shapes the measures
    /// need, each log-concave. Integrated in
    /// `u = w − w₀`, so that the nodes near the peak keep every digit of their offset (with
    /// `w` itself they would carry the rounding of `w₀`, 1e-10 of a peak as narrow as 1e-7).
    fn integral(&self, s: bool, powers: (Option<f64>, bool), c: f64, lo: f64, hi: f64) -> Scaled {
        let (a, b) = powers;
        let shift = if s { 1.0 } else { 0.0 };
        let w0 = self.w0;
        let r = integrate(
            |u| {
                let mut v = self.dh(u) - shift * u;
                let w = w0 + u;
                if let Some(o) = a {
                    v += (-(-((w0 - o) + u)).exp_m1()).ln();
                }
                if b {
                    v += w.ln();
                }
                v
            },
            |u| {
                let mut d = self.c0 * (-u).exp() - self.x - shift;
                let w = w0 + u;
                if let Some(o) = a {
                    d += 1.0 / ((w0 - o) + u).exp_m1();
                }
                if b {
                    d += 1.0 / w;
                }
                d
            },
            lo - w0,
            hi - w0,
            // Without the extra factors the peak is where `c₀·e^{−u} = x + s`.
            (a.is_none() && !b).then(|| (self.c0 / (self.x + shift)).ln()),
        );
        Scaled {
            ln_scale: r.ln_scale + c - shift * w0,
            value: r.value,
        }
    }
}

/// The sums of [`Series`] for `(x, y)`: by the series when it is short, else by their
/// integral forms (`J = x·∫e^{h_x}`, `J − 1 = y·∫e^{h_{x+1}}`, `Σ j·tⱼ = xy·∫e^{h_x}(1 − e^{−w})`,
/// `Σ tⱼ·Σ 1/(x+i) = y·∫w·e^{h_{x+1}}`, all over `(0, ∞)`).
fn sums(x: f64, y: f64) -> Result<Series> {
    if series_terms(x, y) <= SERIES_TERMS {
        return series(x, y);
    }
    let (lx, ly) = (x.ln(), y.ln());
    let inf = f64::INFINITY;
    let d = Density::new(x, y);
    let all = d.integral(false, (None, false), lx, 0.0, inf);
    let tail = d.integral(true, (None, false), ly, 0.0, inf);
    let jt = d.integral(false, (Some(0.0), false), lx + ly, 0.0, inf);
    let tw = d.integral(true, (None, true), ly, 0.0, inf);
    let ln_scale = [all, tail, jt, tw]
        .iter()
        .map(|s| s.ln())
        .filter(|v| v.is_finite())
        .fold(f64::NEG_INFINITY, f64::max);
    if !ln_scale.is_finite() {
        return Err(Error::SeriesDidNotConverge {
            x,
            y,
            terms: MAX_TERMS,
        });
    }
    Ok(Series {
        h0: d.h0,
        ln_scale,
        all: all.at_scale(ln_scale),
        tail: tail.at_scale(ln_scale),
        jt: jt.at_scale(ln_scale),
        tw: tw.at_scale(ln_scale),
    })
}

/// Whether `P₀ + (delayed − AA)` is precise enough taken with the difference: `AA` is at
/// most half of `delayed` (the difference loses at most one bit of its own), or the rounding
/// of `delayed + AA` is at most three times that of `P₀ + AW` (`P₀`, the calls answered at
/// once, outweighs it).
fn precise_difference(delayed: f64, aa: f64, p0: f64) -> bool {
    let aw = delayed - aa;
    aa <= 0.5 * delayed || delayed + aa <= 3.0 * (p0 + aw)
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
    /// Share of agent time spent handling answered calls, `A·(1 − P(abandon))/n`; within
    /// `[0, 1]` by construction (with `n ≤ A` computed as 1 minus the idle share).
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
    /// The series of `J(x, y)`, scaled by `e^{−L}`.
    series: Series,
    /// `(1/B)·e^{−L} + Σ_{j≥1} tⱼ·e^{−L}`, so that `πₙ = e^{−L}/den`.
    den: f64,
    p_wait_zero: f64,
    p_answered: f64,
}

impl ErlangA {
    /// The queue offered `volume` calls of mean handle time `aht` per `interval`, with mean
    /// patience `patience`. Errors on zero volume or handle time, and on a patience outside
    /// [`ErlangA::MIN_PATIENCE_RATIO`]..=[`ErlangA::MAX_PATIENCE_RATIO`] times the handle time
    /// ([`Error::PatienceOutOfRange`]).
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
        Self::checked(erlangs, aht.seconds(), patience.seconds())
    }

    /// The shortest mean patience accepted, as a multiple of the handle time: 1e-9 (0.18 µs
    /// at a 3-minute handle time). Shorter patience is Erlang B in all but name (whoever
    /// waits hangs up at once); below it the model's terms underflow.
    ///
    /// ```
    /// use wfm_forecast::{ErlangA, TimeSpan};
    /// let aht = TimeSpan::from_seconds(180.0)?;
    /// assert!(ErlangA::from_erlangs(10.0, aht, TimeSpan::from_seconds(180e-9)?).is_ok());
    /// assert!(ErlangA::from_erlangs(10.0, aht, TimeSpan::from_seconds(5e-324)?).is_err());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub const MIN_PATIENCE_RATIO: f64 = 1e-9;

    /// The longest finite mean patience accepted, as a multiple of the handle time: 1e15
    /// (5.7 billion years at a 3-minute handle time), where Erlang A differs from Erlang C by
    /// about 1e-15 relative. Callers who never hang up: [`ErlangA::without_abandonment`].
    ///
    /// ```
    /// use wfm_forecast::{ErlangA, TimeSpan};
    /// let aht = TimeSpan::from_seconds(180.0)?;
    /// assert!(ErlangA::from_erlangs(10.0, aht, TimeSpan::from_seconds(1e15)?).is_ok());
    /// assert!(ErlangA::from_erlangs(10.0, aht, TimeSpan::from_seconds(1e300)?).is_err());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub const MAX_PATIENCE_RATIO: f64 = 1e15;

    fn checked(erlangs: f64, aht_s: f64, patience_s: f64) -> Result<Self> {
        let erlangs = checked_load(erlangs)?;
        let aht_s = TimeSpan::from_seconds(aht_s)?.positive("handle time")?;
        if patience_s.is_infinite() {
            return Ok(Self {
                erlangs,
                aht_s,
                patience_s,
            });
        }
        let patience_s = TimeSpan::from_seconds(patience_s)?.positive("patience")?;
        let ratio = patience_s / aht_s;
        let rule = if ratio < Self::MIN_PATIENCE_RATIO {
            Some("it must be at least 1e-9 times the handle time")
        } else if ratio > Self::MAX_PATIENCE_RATIO {
            Some(
                "it must be at most 1e15 times the handle time (for callers who never hang up, \
                 use Erlang A without abandonment, which is Erlang C)",
            )
        } else if erlangs * ratio < 1e-290 {
            Some(
                "with this load it is so short that the model underflows: load × patience ÷ handle time must be at least 1e-290",
            )
        } else {
            None
        };
        if let Some(rule) = rule {
            return Err(Error::PatienceOutOfRange {
                seconds: patience_s,
                aht_seconds: aht_s,
                rule,
            });
        }
        Ok(Self {
            erlangs,
            aht_s,
            patience_s,
        })
    }

    /// The queue offered `erlangs` Erlangs with mean handle time `aht` whose callers never
    /// hang up (infinite patience): Erlang C exactly. Every measure is Erlang C's, bit for
    /// bit, with no abandonment, every service-level definition equal, and
    /// [`Error::UnstableQueue`] unless the agents exceed the load.
    ///
    /// ```
    /// use wfm_forecast::{ErlangA, ErlangC, TimeSpan};
    /// let aht = TimeSpan::from_minutes(3.0)?;
    /// let a = ErlangA::without_abandonment(10.0, aht)?;
    /// let c = ErlangC::from_erlangs(10.0, aht)?;
    /// assert_eq!(a.metrics(14)?.p_wait, c.p_wait(14)?);
    /// assert_eq!(a.metrics(14)?.p_abandon, 0.0);
    /// assert_eq!(a.patience(), None);
    /// assert!(a.metrics(10).is_err()); // unstable, as in Erlang C
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn without_abandonment(erlangs: f64, aht: TimeSpan) -> Result<Self> {
        Self::checked(erlangs, aht.seconds(), f64::INFINITY)
    }

    /// The mean patience; `None` for callers who never hang up
    /// ([`ErlangA::without_abandonment`]).
    ///
    /// ```
    /// use wfm_forecast::{ErlangA, TimeSpan};
    /// let q = ErlangA::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, TimeSpan::from_minutes(5.0)?)?;
    /// assert_eq!(q.patience(), Some(TimeSpan::from_minutes(5.0)?));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn patience(&self) -> Option<TimeSpan> {
        if self.patience_s.is_finite() {
            TimeSpan::from_seconds(self.patience_s).ok()
        } else {
            None
        }
    }

    /// The Erlang C queue this one is when patience is infinite.
    fn erlang_c(&self) -> Option<ErlangC> {
        if self.patience_s.is_finite() {
            return None;
        }
        TimeSpan::from_seconds(self.aht_s)
            .and_then(|aht| ErlangC::from_erlangs(self.erlangs, aht))
            .ok()
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
        Self::checked(erlangs, aht.seconds(), patience.seconds())
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
        let s = sums(x, y)?;
        let (p_wait, p_ans_delayed, p_abandon, e_v_ans, p_wait_zero, den) = if r.is_finite() {
            let den = r * (-s.h0 - s.ln_scale).exp() + s.tail;
            (
                s.all / den,
                s.tail / (rho * den),
                s.jt / (y * den),
                s.tw * self.patience_s / (rho * den),
                (-s.h0 - s.ln_scale).exp() * (r - 1.0) / den,
                den,
            )
        } else {
            // Erlang B below f64's range: nobody waits.
            (0.0, 0.0, 0.0, 0.0, 1.0, f64::INFINITY)
        };
        // `J/den` and `1 − P(no wait)` are the same number; near 1 the second keeps it at
        // most 1 (P(no wait) is a positive quantity of its own), elsewhere the first keeps
        // its relative precision.
        let p_wait = if p_wait_zero < 0.5 {
            1.0 - p_wait_zero
        } else {
            p_wait
        };
        let p_answered = p_wait_zero + p_ans_delayed;
        let mean_wait_all = p_abandon * self.patience_s;
        // Occupancy `A·P(answered)/n`, below 1 in exact arithmetic. With `n > A` it is at most
        // `(A/n)·(1 + 4ε)`, and `A/n ≤ 1 − 2⁻³²` (agents are whole, at most 2³²), so rounding
        // cannot lift it to 1. With `n ≤ A` it is 1 minus the idle share
        // `Σ_{k<n}(n − k)·π_k/n = πₙ·Q/n`, a sum of positive terms (`Q` of `idle_over_top`),
        // so it is at most 1 by construction.
        let occupancy = if n <= a && den.is_finite() {
            let pi_n = (-s.h0 - s.ln_scale).exp() / den;
            1.0 - pi_n * idle_over_top(agents, a) / n
        } else {
            a * p_answered / n
        };
        Ok(State {
            metrics: ErlangAMetrics {
                agents,
                p_wait,
                p_abandon,
                asa_answered: TimeSpan::from_seconds(e_v_ans / p_answered)?,
                mean_wait_all: TimeSpan::from_seconds(mean_wait_all)?,
                occupancy,
                mean_queue_length: y * p_abandon,
            },
            x,
            y,
            series: s,
            den,
            p_wait_zero,
            p_answered,
        })
    }

    /// The service levels from positive parts of the probability space, each an integral of
    /// the offered-wait density: `P₀` no wait; `AW` answered after a wait within `T`; `BW`
    /// abandoned within `T`; `L` still waiting at `T` (`e^{−θT}·P(V > T)`), of which `AA`
    /// are answered. `P₀ + AW + BW + L = 1`, and every measure is a ratio of sums of them:
    /// no cancellation, and never above 1 by construction.
    fn levels(&self, st: &State, within_s: f64) -> Result<ServiceLevels> {
        self.levels_by(st, within_s, false)
    }

    /// [`ErlangA::levels`], with every part that may be a difference of series (`AW`, the
    /// early abandonments, `AA` and `P(V > T)`) taken as an integral when `force_integrals`
    /// (for the tests that compare the two).
    fn levels_by(&self, st: &State, within_s: f64, force_integrals: bool) -> Result<ServiceLevels> {
        let theta_t = within_s / self.patience_s;
        let (x, y) = (st.x, st.y);
        // The integrals are taken relative to `h(w₀)`; the sums of the state are absolute
        // for a series, or relative to the same `h(w₀)` when they were integrated.
        let density = Density::new(x, y);
        let l_rel = if st.series.h0 == density.h0 {
            st.series.ln_scale
        } else {
            (st.series.h0 + st.series.ln_scale) - density.h0
        };
        let (p0, aw, aa, bw, later) = if st.den.is_infinite() {
            // Erlang B below f64's range: nobody waits.
            (1.0, 0.0, 0.0, 0.0, 0.0)
        } else {
            let inf = f64::INFINITY;
            let lx = x.ln();
            // `πₙ·x·∫…`, with `πₙ = e^{−L}/den`.
            let part = |sc: Scaled| sc.at_scale(l_rel) / st.den;
            let z = y * (-theta_t).exp();
            // Answered after T and P(V > T): by the series of `J(x, y·e^{−θT})` when it is
            // short (both are positive sums there), else by their integrals. Not by the series
            // when the sums of the state were integrated: the series would have to be
            // rescaled by `e^{−h(w₀)}`, whose exponent (up to about 1e5 in deep overload at
            // 10,000 Erlangs and long patience) carries a rounding error of 1e-11 relative.
            let (aa, v_gt_t) = if !force_integrals
                && theta_t > 0.0
                && st.series.h0 == 0.0
                && series_terms(x, z) <= SERIES_TERMS
            {
                let s2 = series(x, z)?;
                let n = f64::from(st.metrics.agents);
                let l_abs = st.series.h0 + st.series.ln_scale;
                let g = (y * -(-theta_t).exp_m1() - n * within_s / self.aht_s + s2.ln_scale
                    - l_abs)
                    .exp();
                (g * s2.tail * x / (y * st.den), g * s2.all / st.den)
            } else {
                (
                    part(density.integral(true, (None, false), lx, theta_t, inf)),
                    part(density.integral(false, (None, false), lx, theta_t, inf)),
                )
            };
            // Answered after a wait of at most T: all answered after a wait less those
            // answered after T, when that difference keeps its precision where it is used,
            // else its own integral. It enters the measures only as `P₀ + AW`; the
            // difference carries an error of a few units of rounding of `delayed + AA`, so
            // it is taken when that is at most three times `P₀ + AW` (then `P₀ + AW` is as
            // precise as with an `AW` exact to within three roundings of itself), which holds
            // when at most half of the delayed calls wait past T (the difference loses at
            // most one bit) or when most calls are answered at once (the switch is compared
            // with the integral over a grid by a test).
            let delayed = st.series.tail * x / (y * st.den);
            let aw = if !force_integrals
                && aa < delayed
                && precise_difference(delayed, aa, st.p_wait_zero)
            {
                delayed - aa
            } else {
                part(density.integral(true, (None, false), lx, 0.0, theta_t))
            };
            // Abandoned with an offered wait below T: all abandonments less those with an
            // offered wait above T (`P(V > T) − AA`), under the same rule.
            let p_abandon = st.metrics.p_abandon;
            let early = if !force_integrals && v_gt_t <= 0.5 * (p_abandon + aa) {
                (p_abandon + aa) - v_gt_t
            } else {
                part(density.integral(false, (Some(0.0), false), lx, 0.0, theta_t))
            };
            let bw = early + -(-theta_t).exp_m1() * v_gt_t;
            // Still waiting at T, to be answered (`AA` of them) or to abandon later:
            // `e^{−θT}·P(V > T)`.
            let later = (-theta_t).exp() * v_gt_t;
            (st.p_wait_zero, aw, aa, bw, later)
        };
        let answered_within = p0 + aw;
        let ended_within = answered_within + bw;
        let total = ended_within + later;
        // `part/whole` with `part ≤ whole`, or `1 − rest/whole` once above ½: the smaller of
        // the two shares is the one computed as a ratio, so that a share near 1 moves with
        // the small remainder and keeps it to the last bit (a ratio of two numbers near 1
        // would be rounded to about 1e-16 on its own).
        let share = |part: f64, rest: f64, whole: f64| {
            if part >= rest {
                1.0 - rest / whole
            } else {
                part / whole
            }
        };
        Ok(ServiceLevels {
            answered_within_over_offered: share(answered_within, bw + later, total),
            answered_within_over_answered: share(answered_within, aa, answered_within + aa),
            answered_within_over_offered_less_short_abandons: share(
                answered_within,
                later,
                answered_within + later,
            ),
            wait_ended_within_over_offered: share(ended_within, later, total),
            p_abandon_within: bw / total,
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
        if let Some(c) = self.erlang_c() {
            return self.erlang_c_metrics(&c, agents);
        }
        Ok(self.state(agents, inv_b(agents, self.erlangs))?.metrics)
    }

    /// Erlang C's measures in Erlang A's shape: nobody abandons, every arrival is answered.
    fn erlang_c_metrics(&self, c: &ErlangC, agents: u32) -> Result<ErlangAMetrics> {
        let asa = c.asa(agents)?;
        Ok(ErlangAMetrics {
            agents,
            p_wait: c.p_wait(agents)?,
            p_abandon: 0.0,
            asa_answered: asa,
            mean_wait_all: asa,
            occupancy: c.occupancy(agents)?,
            // Little's law: arrival rate × mean wait.
            mean_queue_length: self.erlangs / self.aht_s * asa.seconds(),
        })
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
        if let Some(c) = self.erlang_c() {
            // Nobody abandons: every definition is Erlang C's service level.
            let sl = c.service_level(agents, within)?;
            return Ok(ServiceLevels {
                answered_within_over_offered: sl,
                answered_within_over_answered: sl,
                answered_within_over_offered_less_short_abandons: sl,
                wait_ended_within_over_offered: sl,
                p_abandon_within: 0.0,
            });
        }
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
    /// Every one of these measures improves with each added agent, so the search brackets the
    /// answer and bisects: it starts from a fluid-model guess, steps away from it in doubling
    /// strides (the first a quarter of `√A`) until one staffing misses the targets and a
    /// larger one meets them, then halves that gap until the two are neighbours. While it
    /// brackets, every target is loosened by 10⁻¹² (relative for the ASA), far above rounding
    /// and far below what one agent changes, so that a measure flat at its target cannot
    /// mislead it (occupancy, when `n < A`, rounds to 1 or just above it at random); from the
    /// bracket's top it then walks up to the first staffing that meets the exact targets,
    /// usually that one. Each candidate is evaluated with the same arithmetic as
    /// [`ErlangA::metrics`] and [`ErlangA::service_levels`], the Erlang B recursion carried up
    /// from the largest staffing known to fall short (bit for bit a fresh one), so the answer
    /// is the one a walk up one agent at a time from the lower bound finds (a test compares
    /// the two), and one agent fewer misses a target or is below the bound.
    ///
    /// The lower bound: answered calls cannot exceed the agents' capacity,
    /// `1 − P(abandon) ≤ n/A`, so a target of `s` answered within T over offered needs
    /// `n ≥ s·A`, and an abandonment ceiling `p` needs `n ≥ (1 − p)·A`; otherwise the search
    /// may go down to one agent. The guess is the fluid (many-server) limit, in which a
    /// caller who finds `n < A` agents busy waits `patience × ln(A/n)`: for each target the
    /// `n` at which that limit just meets it, the largest of them; it is within a few `√A` of
    /// the answer. About a dozen candidates are evaluated at 100,000 Erlangs instead of
    /// 10,000 one by one. A candidate costs the Erlang B recursion from the last one below it,
    /// series about `√A` terms long (longer when `n < A`, integrals past 50,000 terms) and,
    /// for a service-level target, up to four integrals over the offered wait (usually one,
    /// for the calls abandoning within T, most of the cost at 100 Erlangs): about 0.04 ms at
    /// 100 Erlangs, 0.3 ms at 10,000 and 1.2–1.4 ms at 100,000 (80/20, patience equal to the
    /// handle time, release build, `cargo bench -p wfm-forecast --bench staffing -- erlang_a`,
    /// measured on a loaded 2-core machine). One [`ErlangA::metrics`] call at 100 Erlangs
    /// takes about 0.9 µs, one [`ErlangA::service_levels`] call 6–8 µs.
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
        if let Some(c) = self.erlang_c() {
            // Erlang C's search; an abandonment ceiling is met by any staffing.
            let found = c.required_agents(targets)?;
            return Ok(ErlangAStaffing {
                metrics: self.erlang_c_metrics(&c, found.agents)?,
                service_level: found.service_level,
            });
        }
        let start = self.search_start(targets)?;
        let limit = SEARCH_LIMIT;
        let unreachable = || Error::TargetUnreachable {
            target: targets.describe(),
            limit,
        };
        // `lo` is the largest staffing known to miss the loosened targets, or `start − 1`,
        // below the search; `lo_walk` holds the Erlang B recursion at `lo`.
        let mut lo = start - 1;
        let mut lo_walk = InvBWalk::new(self.erlangs);
        lo_walk.at(lo);
        let guess = self.fluid_guess(targets);
        // Clamped into `start..=limit`, so the cast is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let guess = guess.round().clamp(f64::from(start), f64::from(limit)) as u32;
        // First strides of a quarter of the diffusion scale `√A`: the guess is usually a few
        // `√A` off.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let stride = (0.25 * self.erlangs.sqrt()).clamp(1.0, 1024.0) as u32;
        // The smallest staffing known to meet the loosened targets, its walk and verdict.
        let mut walk = lo_walk;
        let verdict = self.check(targets, guess, walk.at(guess))?;
        let mut hi = if verdict.loose {
            // Down from the guess until a staffing falls short or the bound is reached.
            let mut hi = (guess, walk, verdict);
            let mut step = stride;
            while hi.0 - lo > 1 {
                let m = hi.0.saturating_sub(step).max(lo + 1);
                let mut walk = lo_walk;
                let verdict = self.check(targets, m, walk.at(m))?;
                if verdict.loose {
                    hi = (m, walk, verdict);
                } else {
                    lo = m;
                    lo_walk = walk;
                    break;
                }
                step = step.saturating_mul(2);
            }
            hi
        } else {
            // Up from the guess until a staffing meets the targets.
            lo = guess;
            lo_walk = walk;
            let mut step = stride;
            loop {
                if lo >= limit {
                    return Err(unreachable());
                }
                let m = lo.saturating_add(step).min(limit);
                let mut walk = lo_walk;
                let verdict = self.check(targets, m, walk.at(m))?;
                if verdict.loose {
                    break (m, walk, verdict);
                }
                lo = m;
                lo_walk = walk;
                step = step.saturating_mul(2);
            }
        };
        while hi.0 - lo > 1 {
            let m = lo + (hi.0 - lo) / 2;
            let mut walk = lo_walk;
            let verdict = self.check(targets, m, walk.at(m))?;
            if verdict.loose {
                hi = (m, walk, verdict);
            } else {
                lo = m;
                lo_walk = walk;
            }
        }
        // Every staffing below `hi` misses even the loosened targets; walk up to the first
        // that meets the exact ones (at once, unless a measure sits within rounding of its
        // target over a stretch of staffings, as occupancy does at 1 when `n < A`).
        let (mut n, mut walk, mut verdict) = hi;
        loop {
            if let Some(s) = verdict.exact {
                return Ok(s);
            }
            if n >= limit {
                return Err(unreachable());
            }
            n += 1;
            verdict = self.check(targets, n, walk.at(n))?;
        }
    }

    /// The first staffing the search may return: one agent below the capacity bound of
    /// [`ErlangA::required_agents`] (the margin absorbs rounding), at least 1.
    fn search_start(&self, targets: &Targets) -> Result<u32> {
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
        let start = (bound.floor() - 1.0).max(1.0);
        if start >= f64::from(SEARCH_LIMIT) {
            return Err(Error::TargetUnreachable {
                target: targets.describe(),
                limit: SEARCH_LIMIT,
            });
        }
        // `1 <= start < SEARCH_LIMIT`, so the cast is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(start as u32)
    }

    /// Where the fluid limit of the queue just meets every target (a guess for the search).
    ///
    /// With `n < A` agents the queue settles where abandonments take the excess load, and a
    /// caller arriving then would wait `w = patience·ln(A/n)` and be answered with probability
    /// `n/A`; with `n ≥ A` nobody waits. So a wait bound `T` (service level, ASA) needs
    /// `n ≥ A·e^{−T/patience}`, answered over offered also `n ≥ share·A`, an abandonment
    /// ceiling `p` needs `n ≥ (1 − p)·A`, and an occupancy ceiling `o` (occupancy is 1 while
    /// `n < A`) needs `n ≥ A/o`. The diffusion terms the limit leaves out are of order `√A`.
    fn fluid_guess(&self, targets: &Targets) -> f64 {
        let a = self.erlangs;
        let within = |t: f64| a * (-t / self.patience_s).exp();
        let mut n: f64 = 1.0;
        if let Some(s) = targets.service() {
            let t = s.within().seconds();
            n = n.max(match s.definition() {
                ServiceLevelDefinition::AnsweredWithinOverOffered => within(t).max(s.share() * a),
                // Callers who hang up within T, a share 1 − e^{−T/patience} of all, count as
                // met whatever the staffing.
                ServiceLevelDefinition::WaitEndedWithinOverOffered
                    if s.share() <= -(-t / self.patience_s).exp_m1() =>
                {
                    1.0
                }
                _ => within(t),
            });
        }
        if let Some(t) = targets.asa_target() {
            n = n.max(within(t.max().seconds()));
        }
        if let Some(o) = targets.max_occupancy() {
            n = n.max(a / o.get());
        }
        if let Some(p) = targets.max_abandonment() {
            n = n.max((1.0 - p.get()) * a);
        }
        n
    }

    /// `n` agents, with `r = 1/B(n, A)`, against every target, exactly and loosened by
    /// [`LOOSE`].
    fn check(&self, targets: &Targets, n: u32, r: f64) -> Result<Verdict> {
        let st = self.state(n, r)?;
        let m = st.metrics;
        let (asa, occ, ab) = (
            targets.asa_target().map(|t| t.max().seconds()),
            targets.max_occupancy().map(MaxOccupancy::get),
            targets.max_abandonment().map(MaxProbability::get),
        );
        let others = |slack: f64| {
            asa.is_none_or(|t| m.asa_answered.seconds() <= t * (1.0 + slack))
                && occ.is_none_or(|o| m.occupancy <= o + slack)
                && ab.is_none_or(|p| m.p_abandon <= p + slack)
        };
        let (loose, exact) = (others(LOOSE), others(0.0));
        let Some(s) = targets.service() else {
            return Ok(Verdict {
                loose,
                exact: exact.then_some(ErlangAStaffing {
                    metrics: m,
                    service_level: None,
                }),
            });
        };
        // Answered within T over offered never exceeds P(answered): skip the second series
        // while P(answered) is short of the target by more than rounding.
        let short = |share: f64| {
            s.definition() == ServiceLevelDefinition::AnsweredWithinOverOffered
                && st.p_answered < share * (1.0 - 1e-12)
        };
        let loose_share = s.share() - LOOSE;
        if !loose || short(loose_share) {
            return Ok(Verdict {
                loose: false,
                exact: None,
            });
        }
        let sl = self.levels(&st, s.within().seconds())?.get(s.definition());
        Ok(Verdict {
            loose: sl >= loose_share,
            exact: (exact && !short(s.share()) && sl >= s.share()).then_some(ErlangAStaffing {
                metrics: m,
                service_level: Some(sl),
            }),
        })
    }

    /// The search of [`ErlangA::required_agents`] before it bisected: one agent at a time up
    /// from the lower bound. The reference the bracketing search is tested against.
    #[cfg(test)]
    fn required_agents_by_walk(&self, targets: &Targets) -> Result<ErlangAStaffing> {
        let mut n = self.search_start(targets)?;
        let mut walk = InvBWalk::new(self.erlangs);
        loop {
            if let Some(s) = self.check(targets, n, walk.at(n))?.exact {
                return Ok(s);
            }
            if n >= SEARCH_LIMIT {
                return Err(Error::TargetUnreachable {
                    target: targets.describe(),
                    limit: SEARCH_LIMIT,
                });
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staffing::targets::{AsaTarget, ServiceTarget};
    use proptest::prelude::*;

    const DEFINITIONS: [ServiceLevelDefinition; 4] = [
        ServiceLevelDefinition::AnsweredWithinOverOffered,
        ServiceLevelDefinition::AnsweredWithinOverAnswered,
        ServiceLevelDefinition::AnsweredWithinOverOfferedLessShortAbandons,
        ServiceLevelDefinition::WaitEndedWithinOverOffered,
    ];

    fn secs(s: f64) -> TimeSpan {
        TimeSpan::from_seconds(s).unwrap()
    }

    fn sl(share: f64, t: f64, def: ServiceLevelDefinition) -> Targets {
        Targets::service_level(
            ServiceTarget::new(share, secs(t))
                .unwrap()
                .with_definition(def),
        )
    }

    /// Service levels under every definition, ASA, occupancy and abandonment ceilings, alone
    /// and together.
    fn target_grid() -> Vec<Targets> {
        let mut out = Vec::new();
        for def in DEFINITIONS {
            for (share, t) in [
                (0.8, 20.0),
                (0.5, 0.0),
                (0.95, 60.0),
                (0.2, 10.0),
                (0.9, 300.0),
            ] {
                out.push(sl(share, t, def));
            }
        }
        for asa in [2.0, 30.0, 400.0] {
            out.push(Targets::asa(AsaTarget::new(secs(asa)).unwrap()));
        }
        for occ in [0.6, 0.93, 1.0] {
            out.push(Targets::max_occupancy_only(MaxOccupancy::new(occ).unwrap()));
        }
        for ab in [0.005, 0.1, 0.6] {
            out.push(Targets::max_abandonment_only(
                MaxProbability::new(ab).unwrap(),
            ));
        }
        let occ = MaxOccupancy::new(0.85).unwrap();
        let ab = MaxProbability::new(0.05).unwrap();
        let asa = AsaTarget::new(secs(15.0)).unwrap();
        for def in DEFINITIONS {
            out.push(
                sl(0.8, 20.0, def)
                    .and_max_occupancy(occ)
                    .and_max_abandonment(ab),
            );
            out.push(sl(0.9, 30.0, def).and_asa(asa));
        }
        out.push(
            Targets::asa(asa)
                .and_max_abandonment(ab)
                .and_max_occupancy(occ),
        );
        out
    }

    fn same(q: &ErlangA, t: &Targets) {
        let walked = q.required_agents_by_walk(t).unwrap();
        let searched = q.required_agents(t).unwrap();
        assert_eq!(searched, walked, "{q:?} {}", t.describe());
    }

    #[test]
    fn search_finds_the_walks_staffing() {
        let grid = target_grid();
        for a in [0.01, 0.2, 1.0, 3.7, 12.0, 45.0, 130.0, 600.0] {
            for ratio in [0.05, 0.5, 1.0, 3.0, 20.0] {
                let q = ErlangA::from_erlangs(a, secs(180.0), secs(180.0 * ratio)).unwrap();
                for t in &grid {
                    same(&q, t);
                }
            }
        }
    }

    /// Large loads, where the walk is slow: targets with a capacity bound close to the answer.
    #[test]
    fn search_finds_the_walks_staffing_at_large_loads() {
        let ab = MaxProbability::new(0.02).unwrap();
        for a in [2_000.0, 20_000.0] {
            for ratio in [0.05, 0.5, 1.0] {
                let q = ErlangA::from_erlangs(a, secs(180.0), secs(180.0 * ratio)).unwrap();
                for t in [
                    sl(0.8, 20.0, ServiceLevelDefinition::AnsweredWithinOverOffered),
                    sl(
                        0.95,
                        60.0,
                        ServiceLevelDefinition::AnsweredWithinOverOffered,
                    ),
                    Targets::max_abandonment_only(ab),
                    sl(
                        0.8,
                        20.0,
                        ServiceLevelDefinition::AnsweredWithinOverAnswered,
                    )
                    .and_max_abandonment(ab),
                ] {
                    same(&q, &t);
                }
            }
        }
    }

    /// The whole target grid at 2,000 and 20,000 Erlangs: under a minute in a release build
    /// (`cargo test -p wfm-forecast --release --lib -- --ignored`), many in a debug one.
    #[test]
    #[ignore = "slow: the one-agent walk at 20,000 Erlangs"]
    fn search_finds_the_walks_staffing_at_large_loads_every_target() {
        let grid = target_grid();
        for (a, ratios) in [
            (2_000.0, &[0.05, 0.5, 1.0, 3.0, 20.0][..]),
            (20_000.0, &[0.05, 0.5, 1.0][..]),
        ] {
            for &ratio in ratios {
                let q = ErlangA::from_erlangs(a, secs(180.0), secs(180.0 * ratio)).unwrap();
                for t in &grid {
                    same(&q, t);
                }
            }
        }
    }

    /// The parts taken as differences of series (answered within T, early abandonments,
    /// answered after T and `P(V > T)` by the series of `J(x, y·e^{−θT})`) against the same
    /// parts as integrals, over staffings from deep overload to light load, on both sides of
    /// every switch between them: the same to within the documented precision.
    #[test]
    fn differences_of_series_match_the_integrals() {
        let mut worst = [0.0f64; 5];
        // Staffings decided by each clause of `precise_difference`: at most half of the
        // delayed calls wait past T; most calls are answered at once; neither.
        let mut seen = [0usize; 3];
        for a in [0.3, 4.0, 37.0, 250.0, 2_000.0, 15_000.0] {
            for ratio in [0.02, 0.3, 1.0, 4.0, 30.0] {
                let q = ErlangA::from_erlangs(a, secs(180.0), secs(180.0 * ratio)).unwrap();
                let top = (1.6 * a).ceil().max(6.0);
                let step = (top / 40.0).ceil().max(1.0);
                let mut n = 1.0;
                while n <= top {
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let agents = n as u32;
                    let st = q.state(agents, inv_b(agents, a)).unwrap();
                    // The precision documented for waiting-time shares, 1e-12, or, in deep
                    // overload, 4e-16 per term of the series of `J` (running products, whose
                    // length grows with the exponents involved) where it is longer than 2,500;
                    // longer than `SERIES_TERMS` it is integrated instead. (When the parts
                    // after T were still taken by series there, rescaled to the integrals,
                    // they were off by 2.2e-11 at 15,000 Erlangs, 8,401 agents, patience 30
                    // times the handle time, T = 3,000 s.)
                    let tol = (4e-16 * series_terms(st.x, st.y).min(SERIES_TERMS)).max(1e-12);
                    for t in [0.0, 0.5, 5.0, 20.0, 60.0, 300.0, 3_000.0] {
                        let fast = q.levels_by(&st, t, false).unwrap();
                        let slow = q.levels_by(&st, t, true).unwrap();
                        let pairs = [
                            (
                                fast.answered_within_over_offered,
                                slow.answered_within_over_offered,
                            ),
                            (
                                fast.answered_within_over_answered,
                                slow.answered_within_over_answered,
                            ),
                            (
                                fast.answered_within_over_offered_less_short_abandons,
                                slow.answered_within_over_offered_less_short_abandons,
                            ),
                            (
                                fast.wait_ended_within_over_offered,
                                slow.wait_ended_within_over_offered,
                            ),
                            (fast.p_abandon_within, slow.p_abandon_within),
                        ];
                        for (i, (f, s)) in pairs.into_iter().enumerate() {
                            let rel = if s == 0.0 {
                                f.abs()
                            } else {
                                (f / s - 1.0).abs()
                            };
                            // Near the bottom of f64's range the series' parts underflow
                            // where the integrals, in log scale, do not: not compared.
                            if s < 1e-290 {
                                continue;
                            }
                            worst[i] = worst[i].max(rel);
                            assert!(
                                rel <= tol,
                                "A={a} ratio={ratio} n={agents} T={t} part {i}: {f} vs {s}"
                            );
                        }
                        if t > 0.0 && !st.den.is_infinite() {
                            let (x, y) = (st.x, st.y);
                            let z = y * (-t / q.patience_s).exp();
                            if series_terms(x, z) <= SERIES_TERMS {
                                let s2 = series(x, z).unwrap();
                                let l_abs = st.series.h0 + st.series.ln_scale;
                                let g = (y * -(-t / q.patience_s).exp_m1()
                                    - f64::from(agents) * t / q.aht_s
                                    + s2.ln_scale
                                    - l_abs)
                                    .exp();
                                let aa = g * s2.tail * x / (y * st.den);
                                let delayed = st.series.tail * x / (y * st.den);
                                let i = if aa <= 0.5 * delayed {
                                    0
                                } else if aa < delayed
                                    && precise_difference(delayed, aa, st.p_wait_zero)
                                {
                                    1
                                } else {
                                    2
                                };
                                seen[i] += 1;
                            }
                        }
                    }
                    n += step;
                }
            }
        }
        assert!(seen.iter().all(|&k| k >= 50), "{seen:?} {worst:?}");
    }

    #[test]
    fn targets_beyond_the_search_limit_are_unreachable() {
        let limit = f64::from(SEARCH_LIMIT);
        let unreachable = |a: f64, t: &Targets| {
            let q = ErlangA::from_erlangs(a, secs(180.0), secs(180.0)).unwrap();
            matches!(
                q.required_agents(t),
                Err(Error::TargetUnreachable { limit, .. }) if limit == SEARCH_LIMIT
            )
        };
        // The lower bound is past the limit: no candidate is evaluated.
        let sl = sl(0.8, 20.0, ServiceLevelDefinition::AnsweredWithinOverOffered);
        assert!(unreachable(2.0 * limit, &sl));
        // Occupancy 0.5 needs about 2A agents: the guess is clamped to the limit, which fails.
        let half = Targets::max_occupancy_only(MaxOccupancy::new(0.5).unwrap());
        assert!(unreachable(0.6 * limit, &half));
        // Just within reach.
        let q = ErlangA::from_erlangs(0.45 * limit, secs(180.0), secs(180.0)).unwrap();
        let n = q.required_agents(&half).unwrap().metrics.agents;
        assert!(n <= SEARCH_LIMIT && q.metrics(n - 1).unwrap().occupancy > 0.5);
    }

    fn definition() -> impl Strategy<Value = ServiceLevelDefinition> {
        prop::sample::select(DEFINITIONS.to_vec())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn search_agrees_with_the_walk(a in 0.01f64..400.0, ratio in 0.02f64..30.0,
                                       share in 0.05f64..0.99, t in 0.0f64..300.0,
                                       def in definition(),
                                       asa in proptest::option::of(1.0f64..600.0),
                                       ab in proptest::option::of(0.001f64..0.9),
                                       occ in proptest::option::of(0.3f64..1.0)) {
            let q = ErlangA::from_erlangs(a, secs(180.0), secs(180.0 * ratio)).unwrap();
            let mut targets = sl(share, t, def);
            if let Some(w) = asa { targets = targets.and_asa(AsaTarget::new(secs(w)).unwrap()); }
            if let Some(p) = ab { targets = targets.and_max_abandonment(MaxProbability::new(p).unwrap()); }
            if let Some(o) = occ { targets = targets.and_max_occupancy(MaxOccupancy::new(o).unwrap()); }
            prop_assert_eq!(q.required_agents(&targets).unwrap(),
                            q.required_agents_by_walk(&targets).unwrap(), "{}", targets.describe());
        }
    }
}
