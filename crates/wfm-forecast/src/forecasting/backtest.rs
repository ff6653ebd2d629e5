//! Rolling-origin evaluation ("time-series cross-validation"): fit on the first `initial`
//! slots, forecast `horizon` slots, score them, move the origin by `step`, repeat while a full
//! horizon of actuals remains. Closed slots are left out of the scores (they are zero by
//! definition on both sides).

use crate::actuals::accuracy::{AccuracyAccumulator, AccuracyReport};
use crate::error::{Error, Result};
use crate::forecasting::forecast::{Calendar, Level, VolumeModel};
use crate::forecasting::interval::{IntervalAccumulator, IntervalReport};

/// The settings of a rolling-origin backtest.
///
/// ```
/// use wfm_forecast::{Calendar, RollingOrigin, SeasonalNaive};
/// let y: Vec<f64> = (0..70).map(|t| [90.0, 100.0, 95.0, 97.0, 80.0, 40.0, 20.0][t % 7]).collect();
/// let bt = RollingOrigin::new(28, 7, 7)?.run(&SeasonalNaive::new(7)?, &y, &Calendar::always_open())?;
/// assert_eq!(bt.folds.len(), 6); // origins 28, 35, …, 63
/// assert_eq!(bt.overall.mae(), 0.0);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawRollingOrigin"))]
pub struct RollingOrigin {
    initial: usize,
    horizon: usize,
    step: usize,
}

/// Serialised form of [`RollingOrigin`], passed through its constructor on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawRollingOrigin {
    initial: usize,
    horizon: usize,
    step: usize,
}

#[cfg(feature = "serde")]
impl TryFrom<RawRollingOrigin> for RollingOrigin {
    type Error = Error;
    fn try_from(r: RawRollingOrigin) -> Result<Self> {
        Self::new(r.initial, r.horizon, r.step)
    }
}

/// One origin of a backtest.
///
/// ```
/// use wfm_forecast::{Calendar, RollingOrigin, SeasonalNaive};
/// let y: Vec<f64> = (0..21).map(|t| (t % 7) as f64 + 1.0).collect();
/// let bt = RollingOrigin::new(14, 7, 7)?.run(&SeasonalNaive::new(7)?, &y, &Calendar::always_open())?;
/// assert_eq!(bt.folds[0].origin, 14);
/// assert_eq!(bt.folds[0].forecast.len(), 7);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Fold {
    /// The first forecast slot (= the length of the history the model saw).
    pub origin: usize,
    /// The forecast of slots `origin .. origin + horizon`.
    pub forecast: Vec<f64>,
    /// Its accuracy over the open slots.
    pub report: AccuracyReport,
    /// The accuracy of its prediction intervals over the open slots, when the backtest was run
    /// at a level ([`RollingOrigin::run_with_intervals`]).
    pub interval: Option<IntervalReport>,
}

/// The result of a backtest: each fold, and all folds' points scored together.
///
/// ```
/// use wfm_forecast::{Calendar, HoltWinters, RollingOrigin};
/// let y: Vec<f64> = (0..84).map(|t| 100.0 + [9.0, 3.0, -2.0, 0.0, 5.0, -7.0, -8.0][t % 7] + (t % 5) as f64).collect();
/// let bt = RollingOrigin::new(56, 7, 7)?.run(&HoltWinters::additive(7)?, &y, &Calendar::always_open())?;
/// assert!(bt.overall.wape()? < 0.05);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Backtest {
    /// One entry per origin (origins whose horizon holds no open slot are skipped).
    pub folds: Vec<Fold>,
    /// All folds' open points together.
    pub overall: AccuracyReport,
    /// All folds' prediction intervals together, when the backtest was run at a level
    /// ([`RollingOrigin::run_with_intervals`]).
    pub interval: Option<IntervalReport>,
}

impl RollingOrigin {
    /// Fits first on `initial` slots, forecasts `horizon ≥ 1` slots (at most
    /// [`crate::MAX_HORIZON`]: [`Error::CountTooLarge`] beyond it), moves by `step ≥ 1`.
    ///
    /// ```
    /// use wfm_forecast::RollingOrigin;
    /// assert!(RollingOrigin::new(28, 0, 7).is_err());
    /// assert!(RollingOrigin::new(28, 7, 0).is_err());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn new(initial: usize, horizon: usize, step: usize) -> Result<Self> {
        for (parameter, value) in [("horizon", horizon), ("step", step)] {
            if value == 0 {
                return Err(Error::CountOutOfRange {
                    parameter,
                    value,
                    range: "1..",
                });
            }
        }
        crate::forecasting::forecast::check_horizon(horizon)?;
        Ok(Self {
            initial,
            horizon,
            step,
        })
    }

    /// Runs `model` over `series`. Errors if no origin leaves a full horizon of actuals, or
    /// with the model's own errors (naming the fold's history).
    ///
    /// ```
    /// use wfm_forecast::{Calendar, Error, RollingOrigin, SeasonalNaive};
    /// let r = RollingOrigin::new(28, 7, 7)?.run(&SeasonalNaive::new(7)?, &[1.0; 30], &Calendar::always_open());
    /// assert!(matches!(r, Err(Error::TooShort { .. })));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn run(
        &self,
        model: &dyn VolumeModel,
        series: &[f64],
        calendar: &Calendar,
    ) -> Result<Backtest> {
        self.evaluate(model, series, calendar, None)
    }

    /// Runs `model` over `series` as [`RollingOrigin::run`] does, asking each fold for
    /// prediction intervals at `level` and scoring them too (coverage, interval score, coverage
    /// tests: see [`IntervalReport`]).
    ///
    /// # Errors
    /// As [`RollingOrigin::run`], and [`Error::FitFailed`] if the model gives no interval.
    ///
    /// ```
    /// use wfm_forecast::{Calendar, HoltWinters, Level, RollingOrigin};
    /// let y: Vec<f64> = (0..84).map(|t| 100.0 + [9.0, 3.0, -2.0, 0.0, 5.0, -7.0, -8.0][t % 7] + (t * 7 % 5) as f64).collect();
    /// let bt = RollingOrigin::new(56, 7, 7)?.run_with_intervals(&HoltWinters::additive(7)?, &y, &Calendar::always_open(), Level::new(0.8)?)?;
    /// let intervals = bt.interval.ok_or(wfm_forecast::Error::EmptySeries { series: "interval" })?;
    /// assert_eq!(intervals.count(), 28);
    /// assert!(intervals.coverage() > 0.5);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn run_with_intervals(
        &self,
        model: &dyn VolumeModel,
        series: &[f64],
        calendar: &Calendar,
        level: Level,
    ) -> Result<Backtest> {
        self.evaluate(model, series, calendar, Some(level))
    }

    fn evaluate(
        &self,
        model: &dyn VolumeModel,
        series: &[f64],
        calendar: &Calendar,
        level: Option<Level>,
    ) -> Result<Backtest> {
        // `initial + horizon` may overflow; then no series is long enough.
        let needed = self.initial.saturating_add(self.horizon);
        if series.len() < needed {
            return Err(Error::TooShort {
                series: "backtest",
                len: series.len(),
                needed,
                rule: "a backtest needs the initial history plus one full horizon",
            });
        }
        let name_point = |origin: usize, h: usize| {
            move |e: Error| match e {
                Error::InvalidValue { value, .. } => Error::InvalidValue {
                    series: "backtest",
                    index: origin + h,
                    value,
                },
                Error::ValueTooLarge { value, max, .. } => Error::ValueTooLarge {
                    series: "backtest",
                    index: origin + h,
                    value,
                    max,
                },
                Error::CrossedInterval { lower, upper, .. } => Error::CrossedInterval {
                    index: origin + h,
                    lower,
                    upper,
                },
                other => other,
            }
        };
        let mut folds = Vec::new();
        let mut overall = AccuracyAccumulator::new();
        let mut overall_interval = level.map(IntervalAccumulator::new);
        let mut origin = self.initial;
        // `origin + horizon ≤ len` holds on entry, so neither sum overflows while it does.
        while origin + self.horizon <= series.len() {
            let f = model.forecast(&series[..origin], calendar, self.horizon, level)?;
            let bounds = match (level, &f.interval) {
                (None, _) => None,
                (Some(_), Some(pi)) => Some(pi),
                (Some(_), None) => {
                    return Err(Error::FitFailed {
                        model: "the backtested model",
                        reason: "it gave no prediction interval at the level asked for",
                    });
                }
            };
            // A model from outside this crate may return the wrong length: refuse it rather
            // than score part of the horizon or index past the end.
            let lengths = [
                Some(f.point.len()),
                bounds.map(|pi| pi.lower.len()),
                bounds.map(|pi| pi.upper.len()),
            ];
            if let Some(len) = lengths.into_iter().flatten().find(|&l| l != self.horizon) {
                return Err(Error::SeriesLengthMismatch {
                    left: "forecast",
                    left_len: len,
                    right: "horizon",
                    right_len: self.horizon,
                });
            }
            let mut acc = AccuracyAccumulator::new();
            let mut interval_acc = level.map(IntervalAccumulator::new);
            for (h, (&a, &p)) in series[origin..origin + self.horizon]
                .iter()
                .zip(&f.point)
                .enumerate()
            {
                if calendar.is_open(origin + h) {
                    acc.record(a, p).map_err(name_point(origin, h))?;
                    if let (Some(ia), Some(pi)) = (interval_acc.as_mut(), bounds) {
                        ia.record(a, pi.lower[h], pi.upper[h])
                            .map_err(name_point(origin, h))?;
                    }
                }
            }
            if acc.count() > 0 {
                overall.merge(&acc);
                let interval = match (interval_acc, overall_interval.as_mut()) {
                    (Some(ia), Some(total)) => {
                        total.merge(&ia)?;
                        Some(ia.report()?)
                    }
                    _ => None,
                };
                folds.push(Fold {
                    origin,
                    forecast: f.point,
                    report: acc.report()?,
                    interval,
                });
            }
            origin = origin.saturating_add(self.step);
            if origin > series.len() {
                break;
            }
        }
        Ok(Backtest {
            folds,
            overall: overall.report()?,
            interval: overall_interval.map(|ia| ia.report()).transpose()?,
        })
    }
}
