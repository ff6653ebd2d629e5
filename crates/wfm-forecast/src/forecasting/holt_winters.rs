//! Holt–Winters (exponential smoothing with trend and season) in its innovations state-space
//! form, ETS(A,A,A), ETS(A,Ad,A), ETS(A,A,M) and ETS(A,Ad,M) in the notation of Hyndman et al.
//! (2008), *Forecasting with Exponential Smoothing*, the parameterisation of R's `forecast::ets`
//! and statsforecast's `AutoETS`.
//!
//! With one-step error `e_t = y_t − ŷ_t` and season `m`, additive season:
//!
//! ```text
//! ŷ_t = l + φb + s_{t−m}
//! l_t = l + φb + α e_t,   b_t = φb + β e_t,   s_t = s_{t−m} + γ e_t
//! ```
//!
//! multiplicative season: `ŷ_t = (l + φb) s_{t−m}`, `l_t = l + φb + α e_t / s_{t−m}`,
//! `b_t = φb + β e_t / s_{t−m}`, `s_t = s_{t−m} + γ e_t / (l + φb)`. Undamped is `φ = 1`.
//! The `h`-step forecast is `l_n + φ_h b_n + s` (additive) or `(l_n + φ_h b_n) s`, with
//! `φ_h = φ + … + φ^h` (Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*,
//! §8.2). statsforecast 2.1.1's damped forecast uses `φ + Σ_{i=1}^{h−1} φ^i` instead (φ counted
//! twice), so from step 2 on its damped forecasts exceed ours by `(φ − φ^h) b_n`; the tests
//! check exactly that difference.
//!
//! **Fitting** minimises the sum of squared one-step errors (the Gaussian likelihood of an
//! additive-error model) with argmin's Nelder–Mead, over `α ∈ [1e-4, 0.9999]`,
//! `β ∈ [1e-4, α]`, `γ ∈ [1e-4, 1 − α]`, `φ ∈ [0.8, 0.98]` (statsforecast's bounds) and, for
//! seasons up to 24, the initial states too (`m − 1` free seasonal states, the last one making
//! them sum to 0, or to `m` when multiplicative). Longer seasons start from a classical
//! decomposition of the first two seasons and fit the smoothing parameters only. Closed slots
//! are missing values: the state moves on without an update.
//!
//! **Intervals**: additive season, the exact class-1 variance
//! `σ² (1 + Σ_{j<h} c_j²)`, `c_j = α + β φ_j + γ [j mod m = 0]` (Hyndman et al. 2008,
//! Table 6.1), with `σ² = SSE / (n − k − 1)`, `k` counting the smoothing parameters, `l_0`,
//! `b_0` and the `m` seasonal states (statsforecast's count); multiplicative
//! season, the variance of 2,000 simulated sample paths (fixed seed, so results repeat),
//! with a normal interval around the point forecast.

use argmin::core::{CostFunction, Executor};
use argmin::solver::neldermead::NelderMead;

use crate::error::{Error, Result};
use crate::forecasting::forecast::{
    Calendar, Forecast, Level, VolumeModel, check_history, check_horizon, check_season,
};

/// How the season combines with level and trend.
///
/// ```
/// use wfm_forecast::{HoltWinters, Seasonality};
/// assert_eq!(HoltWinters::multiplicative(7)?.seasonality(), Seasonality::Multiplicative);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Seasonality {
    /// Season added to level + trend: the weekly swing stays the same size as volume grows.
    Additive,
    /// Season multiplies level + trend: the swing grows with the volume (needs positive data).
    Multiplicative,
}

/// A Holt–Winters model specification; [`HoltWinters::fit`] estimates it.
///
/// ```
/// use wfm_forecast::{Calendar, HoltWinters};
/// let history: Vec<f64> = (0..70)
///     .map(|t| 1000.0 + 2.0 * t as f64 + [100.0, 50.0, 40.0, 30.0, 20.0, -90.0, -150.0][t % 7])
///     .collect();
/// let fit = HoltWinters::additive(7)?.fit(&history, &Calendar::always_open())?;
/// let f = fit.forecast(7, None)?;
/// assert!((f.point[0] - (1000.0 + 140.0 + 100.0)).abs() < 1.0);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawHoltWinters"))]
pub struct HoltWinters {
    season: usize,
    seasonality: Seasonality,
    damped: bool,
}

/// Serialised form of [`HoltWinters`], passed through its constructor on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawHoltWinters {
    season: usize,
    seasonality: Seasonality,
    damped: bool,
}

#[cfg(feature = "serde")]
impl TryFrom<RawHoltWinters> for HoltWinters {
    type Error = Error;
    fn try_from(r: RawHoltWinters) -> Result<Self> {
        let model = Self::new(r.season, r.seasonality)?;
        Ok(if r.damped { model.damped() } else { model })
    }
}

/// Smoothing parameters and initial states of a Holt–Winters model: what a fit estimates, or
/// what a user gives to reproduce another tool's fit ([`HoltWinters::with_parameters`]).
///
/// ```
/// use wfm_forecast::HoltWintersParameters;
/// let p = HoltWintersParameters {
///     alpha: 0.3, beta: 0.01, gamma: 0.1, phi: 1.0,
///     level: 100.0, trend: 0.0, seasonal: vec![1.0, -1.0],
/// };
/// assert_eq!(p.seasonal.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct HoltWintersParameters {
    /// Level smoothing α.
    pub alpha: f64,
    /// Trend smoothing β (in the `b_t = φb + β e_t` form, so β ≤ α).
    pub beta: f64,
    /// Season smoothing γ.
    pub gamma: f64,
    /// Damping φ (1 = undamped).
    pub phi: f64,
    /// Level before the first slot, `l_0`.
    pub level: f64,
    /// Trend before the first slot, `b_0`.
    pub trend: f64,
    /// Seasonal states before the first slot, oldest first: `seasonal[i]` is the season of slot
    /// `i` of the history (`s_{1−m} … s_0`; statsforecast lists them newest first).
    pub seasonal: Vec<f64>,
}

/// A fitted Holt–Winters model: parameters, final states, fit statistics.
///
/// ```
/// use wfm_forecast::{Calendar, HoltWinters};
/// let history: Vec<f64> = (0..56).map(|t| [90.0, 100.0, 95.0, 97.0, 80.0, 40.0, 20.0][t % 7]).collect();
/// let fit = HoltWinters::additive(7)?.damped().fit(&history, &Calendar::always_open())?;
/// assert!(fit.parameters().phi <= 0.98);
/// assert!(fit.sse() < 1e-3);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct HoltWintersFit {
    spec: HoltWinters,
    calendar: Calendar,
    parameters: HoltWintersParameters,
    n: usize,
    used: usize,
    sse: f64,
    sigma2: f64,
    level: f64,
    trend: f64,
    /// Final seasonal states, indexed by slot modulo the season.
    seasonal: Vec<f64>,
}

/// Final states and sum of squares after running the recursion over the history.
struct Run {
    sse: f64,
    used: usize,
    level: f64,
    trend: f64,
    seasonal: Vec<f64>,
}

fn run(
    seasonality: Seasonality,
    p: &HoltWintersParameters,
    y: &[f64],
    open: &[bool],
) -> Option<Run> {
    let m = p.seasonal.len();
    let mut s = p.seasonal.clone();
    let (mut l, mut b) = (p.level, p.trend);
    let (mut sse, mut used) = (0.0, 0usize);
    for (t, (&yt, &o)) in y.iter().zip(open).enumerate() {
        let i = t % m;
        let base = l + p.phi * b;
        if !o {
            l = base;
            b *= p.phi;
            continue;
        }
        match seasonality {
            Seasonality::Additive => {
                let e = yt - (base + s[i]);
                l = base + p.alpha * e;
                b = p.phi * b + p.beta * e;
                s[i] += p.gamma * e;
                sse += e * e;
            }
            Seasonality::Multiplicative => {
                if !(base > 0.0 && s[i] > 0.0) {
                    return None;
                }
                let e = yt - base * s[i];
                l = base + p.alpha * e / s[i];
                b = p.phi * b + p.beta * e / s[i];
                s[i] += p.gamma * e / base;
                sse += e * e;
            }
        }
        used += 1;
    }
    sse.is_finite().then_some(Run {
        sse,
        used,
        level: l,
        trend: b,
        seasonal: s,
    })
}

const LO: f64 = 1e-4;

fn logistic(u: f64) -> f64 {
    1.0 / (1.0 + (-u).exp())
}

fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-9, 1.0 - 1e-9);
    (p / (1.0 - p)).ln()
}

/// Maps the unconstrained optimisation vector onto parameters.
#[derive(Clone)]
struct Problem<'a> {
    seasonality: Seasonality,
    damped: bool,
    fit_states: bool,
    start: HoltWintersParameters,
    scale: f64,
    /// Divides the SSE so that the optimiser's tolerance is relative.
    norm: f64,
    y: &'a [f64],
    open: &'a [bool],
}

impl Problem<'_> {
    fn decode(&self, u: &[f64]) -> HoltWintersParameters {
        let alpha = LO + (0.9999 - LO) * logistic(u[0]);
        let beta = LO + (alpha - LO).max(0.0) * logistic(u[1]);
        let gamma = LO + (1.0 - alpha - LO).max(0.0) * logistic(u[2]);
        let mut k = 3;
        let phi = if self.damped {
            k += 1;
            0.8 + 0.18 * logistic(u[3])
        } else {
            1.0
        };
        let mut p = HoltWintersParameters {
            alpha,
            beta,
            gamma,
            phi,
            ..self.start.clone()
        };
        if self.fit_states {
            p.level = self.start.level + u[k] * self.scale;
            p.trend = self.start.trend + u[k + 1] * self.scale / 10.0;
            let m = p.seasonal.len();
            let unit = match self.seasonality {
                Seasonality::Additive => self.scale,
                Seasonality::Multiplicative => 0.1,
            };
            let mut sum = 0.0;
            for i in 0..m - 1 {
                p.seasonal[i] = self.start.seasonal[i] + u[k + 2 + i] * unit;
                sum += p.seasonal[i];
            }
            p.seasonal[m - 1] = match self.seasonality {
                Seasonality::Additive => -sum,
                Seasonality::Multiplicative => m as f64 - sum,
            };
        }
        p
    }
}

impl CostFunction for Problem<'_> {
    type Param = Vec<f64>;
    type Output = f64;
    fn cost(&self, u: &Self::Param) -> core::result::Result<f64, argmin::core::Error> {
        let p = self.decode(u);
        Ok(run(self.seasonality, &p, self.y, self.open).map_or(f64::MAX, |r| r.sse / self.norm))
    }
}

/// Starting states from the first two seasons (classical decomposition, closed slots skipped).
fn initial_states(
    seasonality: Seasonality,
    y: &[f64],
    open: &[bool],
    m: usize,
) -> (f64, f64, Vec<f64>) {
    let mean_of = |range: core::ops::Range<usize>| {
        let (mut s, mut c) = (0.0, 0usize);
        for t in range {
            if t < y.len() && open[t] {
                s += y[t];
                c += 1;
            }
        }
        (c > 0).then(|| s / c as f64)
    };
    let first = mean_of(0..m).unwrap_or(0.0);
    let second = mean_of(m..2 * m);
    let trend = second.map_or(0.0, |s| (s - first) / m as f64);
    let mut seasonal = vec![0.0; m];
    for (i, s) in seasonal.iter_mut().enumerate() {
        let (mut sum, mut c) = (0.0, 0usize);
        for k in 0..2 {
            let t = i + k * m;
            if t < y.len() && open[t] {
                let detrended = first + trend * (t as f64 - (m as f64 - 1.0) / 2.0);
                sum += match seasonality {
                    Seasonality::Additive => y[t] - detrended,
                    Seasonality::Multiplicative => y[t] / detrended,
                };
                c += 1;
            }
        }
        *s = match (seasonality, c) {
            (Seasonality::Additive, 0) => 0.0,
            (Seasonality::Multiplicative, 0) => 1.0,
            _ => sum / c as f64,
        };
    }
    // Normalise: sum 0 (additive) or m (multiplicative).
    let mean = seasonal.iter().sum::<f64>() / m as f64;
    for s in &mut seasonal {
        match seasonality {
            Seasonality::Additive => *s -= mean,
            Seasonality::Multiplicative => *s /= mean,
        }
    }
    let level = first - trend * (m as f64 + 1.0) / 2.0;
    (level, trend, seasonal)
}

/// Seasons up to this length also fit their initial states.
const FIT_STATES_UP_TO: usize = 24;

impl HoltWinters {
    /// Additive season, undamped trend: ETS(A,A,A).
    ///
    /// ```
    /// use wfm_forecast::HoltWinters;
    /// assert_eq!(HoltWinters::additive(7)?.season(), 7);
    /// assert!(HoltWinters::additive(1).is_err());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn additive(season: usize) -> Result<Self> {
        Self::new(season, Seasonality::Additive)
    }

    /// Multiplicative season, undamped trend: ETS(A,A,M).
    ///
    /// ```
    /// use wfm_forecast::HoltWinters;
    /// assert!(!HoltWinters::multiplicative(7)?.is_damped());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn multiplicative(season: usize) -> Result<Self> {
        Self::new(season, Seasonality::Multiplicative)
    }

    fn new(season: usize, seasonality: Seasonality) -> Result<Self> {
        let season = check_season(season)?;
        if season < 2 {
            return Err(Error::CountOutOfRange {
                parameter: "Holt-Winters season length",
                value: season,
                range: "2..",
            });
        }
        Ok(Self {
            season,
            seasonality,
            damped: false,
        })
    }

    /// The same model with a damped trend (φ fitted in [0.8, 0.98]).
    ///
    /// ```
    /// use wfm_forecast::HoltWinters;
    /// assert!(HoltWinters::additive(7)?.damped().is_damped());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn damped(mut self) -> Self {
        self.damped = true;
        self
    }

    /// The season length.
    ///
    /// ```
    /// use wfm_forecast::HoltWinters;
    /// assert_eq!(HoltWinters::additive(48)?.season(), 48);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn season(&self) -> usize {
        self.season
    }

    /// Additive or multiplicative.
    ///
    /// ```
    /// use wfm_forecast::{HoltWinters, Seasonality};
    /// assert_eq!(HoltWinters::additive(7)?.seasonality(), Seasonality::Additive);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn seasonality(&self) -> Seasonality {
        self.seasonality
    }

    /// Whether the trend is damped.
    ///
    /// ```
    /// use wfm_forecast::HoltWinters;
    /// assert!(!HoltWinters::additive(7)?.is_damped());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn is_damped(&self) -> bool {
        self.damped
    }

    /// Fits the model on `history`. Errors: fewer than two full seasons of open values
    /// ([`Error::TooShort`]), an invalid value, or a multiplicative season on data with a zero
    /// in an open slot ([`Error::FitFailed`]).
    ///
    /// ```
    /// use wfm_forecast::{Calendar, Error, HoltWinters};
    /// let short = [1.0; 10];
    /// assert!(matches!(
    ///     HoltWinters::additive(7)?.fit(&short, &Calendar::always_open()),
    ///     Err(Error::TooShort { .. })
    /// ));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn fit(&self, history: &[f64], calendar: &Calendar) -> Result<HoltWintersFit> {
        let m = self.season;
        let open = calendar.open_flags(0, history.len());
        check_history(
            history,
            &open,
            2 * m,
            "Holt-Winters needs at least two seasons of open slots",
        )?;
        if self.seasonality == Seasonality::Multiplicative
            && history.iter().zip(&open).any(|(&v, &o)| o && v <= 0.0)
        {
            return Err(Error::FitFailed {
                model: "multiplicative Holt-Winters",
                reason: "an open slot has zero volume; use the additive season or close the slot",
            });
        }
        let (level, trend, seasonal) = initial_states(self.seasonality, history, &open, m);
        let start = HoltWintersParameters {
            alpha: 0.2,
            beta: 0.01,
            gamma: 0.05,
            phi: 0.98,
            level,
            trend,
            seasonal,
        };
        let fit_states = m <= FIT_STATES_UP_TO;
        let scale = level.abs().max(1e-3) / 10.0;
        let mut problem = Problem {
            seasonality: self.seasonality,
            damped: self.damped,
            fit_states,
            start,
            scale,
            norm: 1.0,
            y: history,
            open: &open,
        };
        let mut x0 = vec![logit(0.2 / 0.9999), logit(0.05), logit(0.05)];
        if self.damped {
            x0.push(logit(0.9));
        }
        if fit_states {
            x0.extend(std::iter::repeat_n(0.0, m + 1));
        }
        let dim = x0.len();
        if let Some(r) = run(self.seasonality, &problem.decode(&x0), history, &open)
            && r.sse > 0.0
        {
            problem.norm = r.sse;
        }
        let mut best = x0;
        let mut best_cost = f64::MAX;
        // Two restarts from the best point: Nelder–Mead can stall on a ridge.
        for round in 0..3 {
            let step = if round == 0 { 1.0 } else { 0.3 };
            let mut simplex = vec![best.clone()];
            for i in 0..dim {
                let mut v = best.clone();
                v[i] += step;
                simplex.push(v);
            }
            let solver = NelderMead::new(simplex)
                .with_sd_tolerance(1e-10)
                .map_err(|_| fit_failed("invalid Nelder-Mead tolerance"))?;
            let result = Executor::new(problem.clone(), solver)
                .configure(|s| s.max_iters(400 * dim as u64))
                .run()
                .map_err(|_| fit_failed("the optimiser failed"))?;
            let state = result.state();
            if let Some(p) = state.best_param.as_ref()
                && state.best_cost < best_cost
            {
                best_cost = state.best_cost;
                best = p.clone();
            }
            if best_cost == f64::MAX {
                // Nothing feasible in a whole run: a restart from the same start finds nothing
                // either (a 27-slot history with one 8.8e78 spike spent 0.4 s in three runs
                // before this error; found by fuzzing).
                break;
            }
        }
        if best_cost == f64::MAX {
            return Err(fit_failed(
                "no parameters keep the level and season positive",
            ));
        }
        let parameters = problem.decode(&best);
        self.finish(parameters, history, calendar, &open)
    }

    /// The model with given parameters and initial states, run over `history` without
    /// fitting (to reproduce another tool's fit, or to forecast with parameters fixed in
    /// advance). `seasonal` must hold one state per slot of the season
    /// ([`Error::SeriesLengthMismatch`] otherwise), and every parameter and state must be finite
    /// ([`Error::FitFailed`] otherwise).
    ///
    /// ```
    /// use wfm_forecast::{Calendar, HoltWinters, HoltWintersParameters};
    /// let p = HoltWintersParameters {
    ///     alpha: 0.5, beta: 0.0, gamma: 0.0, phi: 1.0,
    ///     level: 10.0, trend: 0.0, seasonal: vec![2.0, -2.0],
    /// };
    /// let fit = HoltWinters::additive(2)?.with_parameters(p, &[12.0, 8.0, 12.0, 8.0], &Calendar::always_open())?;
    /// assert_eq!(fit.forecast(2, None)?.point, vec![12.0, 8.0]);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn with_parameters(
        &self,
        parameters: HoltWintersParameters,
        history: &[f64],
        calendar: &Calendar,
    ) -> Result<HoltWintersFit> {
        if parameters.seasonal.len() != self.season {
            return Err(Error::SeriesLengthMismatch {
                left: "seasonal states",
                left_len: parameters.seasonal.len(),
                right: "season",
                right_len: self.season,
            });
        }
        let p = &parameters;
        let states = [p.alpha, p.beta, p.gamma, p.phi, p.level, p.trend];
        if !states.iter().chain(&p.seasonal).all(|v| v.is_finite()) {
            return Err(fit_failed(
                "every given parameter and initial state must be a finite number",
            ));
        }
        let open = calendar.open_flags(0, history.len());
        check_history(history, &open, 1, "a fit needs at least one open slot")?;
        self.finish(parameters, history, calendar, &open)
    }

    fn finish(
        &self,
        parameters: HoltWintersParameters,
        history: &[f64],
        calendar: &Calendar,
        open: &[bool],
    ) -> Result<HoltWintersFit> {
        let r = run(self.seasonality, &parameters, history, open)
            .ok_or_else(|| fit_failed("the level or season became non-positive"))?;
        if !([r.level, r.trend].iter().chain(&r.seasonal)).all(|v| v.is_finite()) {
            return Err(fit_failed("the final states are not finite numbers"));
        }
        // statsforecast's count: smoothing parameters, l0, b0 and all m seasonal states.
        let m = self.season;
        let k = 3 + usize::from(self.damped) + if m <= FIT_STATES_UP_TO { m + 2 } else { 0 };
        let dof = r.used.saturating_sub(k + 1).max(1);
        Ok(HoltWintersFit {
            spec: *self,
            calendar: calendar.clone(),
            sigma2: r.sse / dof as f64,
            parameters,
            n: history.len(),
            used: r.used,
            sse: r.sse,
            level: r.level,
            trend: r.trend,
            seasonal: r.seasonal,
        })
    }
}

fn fit_failed(reason: &'static str) -> Error {
    Error::FitFailed {
        model: "Holt-Winters",
        reason,
    }
}

impl HoltWintersFit {
    /// The fitted (or given) parameters and initial states.
    ///
    /// ```
    /// use wfm_forecast::{Calendar, HoltWinters};
    /// let y: Vec<f64> = (0..28).map(|t| 10.0 + (t % 7) as f64).collect();
    /// let fit = HoltWinters::additive(7)?.fit(&y, &Calendar::always_open())?;
    /// assert!(fit.parameters().alpha > 0.0 && fit.parameters().alpha < 1.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn parameters(&self) -> &HoltWintersParameters {
        &self.parameters
    }

    /// The level `l_n` after the last slot of the history.
    ///
    /// ```
    /// use wfm_forecast::{Calendar, HoltWinters};
    /// let y: Vec<f64> = (0..28).map(|t| 10.0 + (t % 7) as f64).collect();
    /// let fit = HoltWinters::additive(7)?.fit(&y, &Calendar::always_open())?;
    /// assert!((fit.final_level() - 13.0).abs() < 0.01);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn final_level(&self) -> f64 {
        self.level
    }

    /// The trend `b_n` after the last slot of the history.
    ///
    /// ```
    /// use wfm_forecast::{Calendar, HoltWinters};
    /// let y: Vec<f64> = (0..28).map(|t| 10.0 + (t % 7) as f64).collect();
    /// let fit = HoltWinters::additive(7)?.fit(&y, &Calendar::always_open())?;
    /// assert!(fit.final_trend().abs() < 0.01);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn final_trend(&self) -> f64 {
        self.trend
    }

    /// Sum of squared one-step errors over the open slots of the history.
    ///
    /// ```
    /// use wfm_forecast::{Calendar, HoltWinters};
    /// let y: Vec<f64> = (0..28).map(|t| 10.0 + (t % 7) as f64).collect();
    /// assert!(HoltWinters::additive(7)?.fit(&y, &Calendar::always_open())?.sse() < 1e-6);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn sse(&self) -> f64 {
        self.sse
    }

    /// The residual variance `σ² = SSE / (n − k − 1)`, `n` open slots, `k` the smoothing
    /// parameters, `l_0`, `b_0` and the `m` seasonal states (statsforecast's count; the same
    /// for [`HoltWinters::with_parameters`], so that a reproduced fit gives the same intervals).
    ///
    /// ```
    /// use wfm_forecast::{Calendar, HoltWinters};
    /// let y: Vec<f64> = (0..28).map(|t| 10.0 + (t % 7) as f64 + (t % 3) as f64).collect();
    /// let fit = HoltWinters::additive(7)?.fit(&y, &Calendar::always_open())?;
    /// assert!(fit.sigma2() > 0.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn sigma2(&self) -> f64 {
        self.sigma2
    }

    /// Forecasts the `horizon` slots after the history, closed or open by the calendar given
    /// to the fit (slot numbers continue from the history: close future holidays in that
    /// calendar). Closed slots get 0, all values are ≥ 0.
    ///
    /// ```
    /// use wfm_forecast::{Calendar, HoltWinters, Level};
    /// let y: Vec<f64> = (0..42).map(|t| 100.0 + [9.0, 3.0, -2.0, 0.0, 5.0, -7.0, -8.0][t % 7] + (t % 4) as f64).collect();
    /// let fit = HoltWinters::additive(7)?.fit(&y, &Calendar::always_open())?;
    /// let f = fit.forecast(14, Some(Level::new(0.95)?))?;
    /// let pi = f.interval.as_ref().ok_or(wfm_forecast::Error::EmptySeries { series: "interval" })?;
    /// assert!(pi.upper[13] - pi.lower[13] > pi.upper[0] - pi.lower[0]);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn forecast(&self, horizon: usize, level: Option<Level>) -> Result<Forecast> {
        // Before anything is allocated.
        let horizon = check_horizon(horizon)?;
        let p = &self.parameters;
        let m = self.spec.season;
        let mut point = Vec::with_capacity(horizon);
        let mut phi_h = 0.0;
        let mut phi_pow = 1.0;
        for h in 1..=horizon {
            phi_pow *= p.phi;
            phi_h += phi_pow;
            let s = self.seasonal[(self.n + h - 1) % m];
            let base = self.level + phi_h * self.trend;
            point.push(match self.spec.seasonality {
                Seasonality::Additive => base + s,
                Seasonality::Multiplicative => base * s,
            });
        }
        let sd = match (level, self.spec.seasonality) {
            (None, _) => None,
            (Some(_), Seasonality::Additive) => Some(self.additive_sd(horizon)),
            (Some(_), Seasonality::Multiplicative) => Some(self.simulated_sd(horizon)),
        };
        Ok(Forecast::finish(point, sd, level, &self.calendar, self.n))
    }

    /// The exact h-step standard deviations of the additive model. The error of step `h` is
    /// the shock of step `h` plus `c_k` times each earlier shock `k` steps back, with
    /// `c_k = α + β(φ + … + φ^k) + γ·[k ≡ 0 mod m]`; a closed slot has no observation and so no
    /// shock, and its terms are left out.
    ///
    /// One pass, O(horizon + season): with `D_k = α + β(φ + … + φ^k)`, which follows
    /// `D_{k+1} = φ·D_k + δ`, `δ = α(1 − φ) + βφ ≥ 0`, the sums over the earlier open slots
    /// of `1`, `D_k` and `D_k²` move one step by a linear map with non-negative coefficients
    /// (no cancellation), and the seasonal part `[k ≡ 0 mod m]·(2γD_k + γ²)` is kept per slot
    /// of the season and moved `m` steps at a time when its slot comes round.
    fn additive_sd(&self, horizon: usize) -> Vec<f64> {
        let p = &self.parameters;
        let m = self.spec.season;
        let (alpha, beta, gamma, phi) = (p.alpha, p.beta, p.gamma, p.phi);
        let delta = alpha * (1.0 - phi) + beta * phi;
        // The map `D ↦ φ^m·D + δ_m` of `m` steps.
        let (mut phi_m, mut delta_m) = (1.0, 0.0);
        for _ in 0..m {
            phi_m *= phi;
            delta_m = phi * delta_m + delta;
        }
        let open = self.calendar.open_flags(self.n, horizon);
        // Σ 1, Σ D_k, Σ D_k² over the open earlier slots, `k` steps back.
        let (mut s0, mut s1, mut s2) = (0.0f64, 0.0f64, 0.0f64);
        // Per slot of the season: Σ 1 and Σ D_k over the open earlier slots of that residue.
        let mut n_r = vec![0.0f64; m.min(horizon)];
        let mut a_r = vec![0.0f64; m.min(horizon)];
        let mut out = Vec::with_capacity(horizon);
        for (h, &o) in open.iter().enumerate() {
            let mut seasonal = 0.0;
            if let (Some(n), Some(a)) = (n_r.get_mut(h % m), a_r.get_mut(h % m)) {
                // Last updated `m` steps ago (or empty).
                *a = phi_m * *a + delta_m * *n;
                seasonal = 2.0 * gamma * *a + gamma * gamma * *n;
                if o {
                    // This slot's own shock, 0 steps back: `D_0 = α`.
                    *n += 1.0;
                    *a += alpha;
                }
            }
            out.push((self.sigma2 * (1.0 + s2 + seasonal)).sqrt());
            if o {
                s0 += 1.0;
                s1 += alpha;
                s2 += alpha * alpha;
            }
            // One step further back for every earlier shock.
            s2 = phi * phi * s2 + 2.0 * phi * delta * s1 + delta * delta * s0;
            s1 = phi * s1 + delta * s0;
        }
        out
    }

    /// The old quadratic evaluation of [`HoltWintersFit::additive_sd`], term by term: the
    /// reference the one-pass form is tested against.
    #[cfg(test)]
    fn additive_sd_by_terms(&self, horizon: usize) -> Vec<f64> {
        let p = &self.parameters;
        let m = self.spec.season;
        let mut c = Vec::with_capacity(horizon);
        let (mut phi_k, mut phi_pow) = (0.0, 1.0);
        for k in 1..horizon {
            phi_pow *= p.phi;
            phi_k += phi_pow;
            c.push(p.alpha + p.beta * phi_k + if k % m == 0 { p.gamma } else { 0.0 });
        }
        let open = self.calendar.open_flags(self.n, horizon);
        (0..horizon)
            .map(|h| {
                let earlier: f64 = (0..h)
                    .filter(|&j| open[j])
                    .map(|j| c[h - j - 1] * c[h - j - 1])
                    .sum();
                (self.sigma2 * (1.0 + earlier)).sqrt()
            })
            .collect()
    }

    fn simulated_sd(&self, horizon: usize) -> Vec<f64> {
        const PATHS: usize = 2000;
        let p = &self.parameters;
        let m = self.spec.season;
        let sigma = self.sigma2.sqrt();
        let open = self.calendar.open_flags(self.n, horizon);
        let mut rng = SplitMix(0x005e_ed0f_f07e_ca57);
        let (mut sum, mut sum_sq) = (vec![0.0; horizon], vec![0.0; horizon]);
        for _ in 0..PATHS {
            let (mut l, mut b) = (self.level, self.trend);
            let mut s = self.seasonal.clone();
            for (h, &o) in open.iter().enumerate() {
                let i = (self.n + h) % m;
                let base = l + p.phi * b;
                if !o {
                    // No observation, no shock: the state carries over, as in the fit.
                    l = base;
                    b *= p.phi;
                    continue;
                }
                let e = sigma * rng.normal();
                let y = base * s[i] + e;
                sum[h] += y;
                sum_sq[h] += y * y;
                if s[i] > 0.0 && base > 0.0 {
                    l = base + p.alpha * e / s[i];
                    b = p.phi * b + p.beta * e / s[i];
                    s[i] += p.gamma * e / base;
                } else {
                    l = base;
                    b *= p.phi;
                }
            }
        }
        let n = PATHS as f64;
        sum.iter()
            .zip(&sum_sq)
            .map(|(s, q)| ((q - s * s / n) / (n - 1.0)).max(0.0).sqrt())
            .collect()
    }
}

/// SplitMix64 with Box–Muller: a small, fixed-seed source of normal draws for simulated
/// intervals (not for cryptography).
struct SplitMix(u64);

impl SplitMix {
    fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        ((z >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    fn normal(&mut self) -> f64 {
        let (u, v) = (self.next_f64(), self.next_f64());
        (-2.0 * u.ln()).sqrt() * (core::f64::consts::TAU * v).cos()
    }
}

impl VolumeModel for HoltWinters {
    fn forecast(
        &self,
        history: &[f64],
        calendar: &Calendar,
        horizon: usize,
        level: Option<Level>,
    ) -> Result<Forecast> {
        self.fit(history, calendar)?.forecast(horizon, level)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pass standard deviations equal the old term-by-term sums, with closed slots
    /// (a pattern and holidays) in the horizon, damped and undamped, several seasons.
    #[test]
    fn one_pass_additive_sd_equals_the_quadratic_sum() {
        let history: Vec<f64> = (0..60)
            .map(|t| 50.0 + [9.0, 3.0, -2.0, 0.0, 5.0, -7.0, -8.0][t % 7] + (t % 5) as f64)
            .collect();
        for (m, phi) in [(7, 1.0), (7, 0.93), (2, 0.8), (3, 1.0), (12, 0.999)] {
            for calendar in [
                Calendar::always_open(),
                Calendar::pattern(vec![true, true, true, false, true, true, false])
                    .unwrap()
                    .close(63)
                    .close(64)
                    .close(90),
            ] {
                let p = HoltWintersParameters {
                    alpha: 0.3,
                    beta: 0.05,
                    gamma: 0.2,
                    phi,
                    level: 50.0,
                    trend: 0.1,
                    seasonal: vec![0.0; m],
                };
                let fit = HoltWinters::additive(m)
                    .unwrap()
                    .with_parameters(p, &history, &calendar)
                    .unwrap();
                let fast = fit.additive_sd(150);
                let slow = fit.additive_sd_by_terms(150);
                for (h, (f, s)) in fast.iter().zip(&slow).enumerate() {
                    assert!(
                        (f - s).abs() <= 1e-13 * s,
                        "m={m} phi={phi} h={h}: {f} vs {s}"
                    );
                }
            }
        }
    }
}
