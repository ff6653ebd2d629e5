//! The six forecast-accuracy measures of Oleg Zeldin's posts "Поговорим о точности прогноза?"
//! ("Let's talk about forecast accuracy", parts 1 and 2, 2022, on the Apex Berg channel
//! "Клиентский сервис — искусство служить людям") and the over/under split, with the
//! percent-error convention explicit.
//!
//! With `e_t = F_t − A_t` (positive = over-forecast), a percent error `pe_t = e_t / B_t` where
//! the base `B` is the actual ([`PercentErrorBase::Actual`]) or the forecast
//! ([`PercentErrorBase::Forecast`]), and volume weights `w_t = A_t / ΣA` (each day's share of
//! the actual volume, as the post says):
//!
//! 1. error of the period's totals, `(ΣF − ΣA) / ΣB`;
//! 2. its absolute value;
//! 3. mean percent error, `mean pe_t`;
//! 4. MAPE, `mean |pe_t|`;
//! 5. volume-weighted percent error, `Σ w_t pe_t`;
//! 6. volume-weighted absolute percent error, `Σ w_t |pe_t|` (the post's recommended one),
//!    split into over = `Σ_{e>0} w_t pe_t ≥ 0` and under = `Σ_{e<0} w_t pe_t ≤ 0`.
//!
//! Identities, relative to actual (`w_t pe_t = e_t / ΣA`): **(5) = (1)**, **(6) = WAPE**
//! (= utilsforecast `wape`/`nd`), **over + |under| = (6)** and **over + under = (5)**. The
//! split identities hold under both bases. Relative to forecast, (5) ≠ (1) in general: the
//! post reports (1) = 5.21 % and (5) = 5.5 %, which cannot both hold relative to actual, so the
//! post must have mixed bases; we compute either base on request and never mix them.

use crate::actuals::accuracy::{AccuracyAccumulator, AccuracyReport};
use crate::error::Result;

/// What a percent error is relative to.
///
/// ```
/// use wfm_forecast::{PercentErrorBase, SeedMeasures};
/// // Forecast 110 for an actual of 100: +10 % of the actual, +9.09 % of the forecast.
/// let a = SeedMeasures::of(&[100.0], &[110.0], PercentErrorBase::Actual)?;
/// let f = SeedMeasures::of(&[100.0], &[110.0], PercentErrorBase::Forecast)?;
/// assert!((a.mean_percent_error - 0.1).abs() < 1e-15);
/// assert!((f.mean_percent_error - 10.0 / 110.0).abs() < 1e-15);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum PercentErrorBase {
    /// `(F − A) / A`: the usual convention, under which (5) = (1) and (6) = WAPE.
    #[default]
    Actual,
    /// `(F − A) / F`.
    Forecast,
}

/// The six measures of the post plus the over/under split of (6), all fractions (0.05 = 5 %),
/// positive = over-forecast. See the module docs for formulas and identities.
///
/// ```
/// use wfm_forecast::{AccuracyReport, PercentErrorBase, SeedMeasures};
///
/// let actual = [100.0, 200.0, 100.0];
/// let forecast = [120.0, 180.0, 100.0];
/// let m = SeedMeasures::of(&actual, &forecast, PercentErrorBase::Actual)?;
/// assert_eq!(m.error_of_totals, 0.0); // the month's sums agree…
/// assert!((m.weighted_absolute_percent_error - 0.1).abs() < 1e-15); // …the days do not
/// assert!((m.over - 0.05).abs() < 1e-15);
/// assert!((m.under + 0.05).abs() < 1e-15);
/// let wape = AccuracyReport::of(&actual, &forecast)?.wape()?;
/// assert!((m.weighted_absolute_percent_error - wape).abs() < 1e-15);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SeedMeasures {
    /// The base the percent errors are relative to.
    pub base: PercentErrorBase,
    /// (1) `(ΣF − ΣA) / ΣB`.
    pub error_of_totals: f64,
    /// (2) `|(1)|`.
    pub absolute_error_of_totals: f64,
    /// (3) mean of the percent errors.
    pub mean_percent_error: f64,
    /// (4) mean of the absolute percent errors (MAPE).
    pub mean_absolute_percent_error: f64,
    /// (5) percent errors weighted by the share of actual volume.
    pub weighted_percent_error: f64,
    /// (6) absolute percent errors weighted by the share of actual volume.
    pub weighted_absolute_percent_error: f64,
    /// The over-forecast part of (6), ≥ 0.
    pub over: f64,
    /// The under-forecast part of (6), ≤ 0; `over − under = (6)`.
    pub under: f64,
}

impl SeedMeasures {
    /// The measures of two series paired point by point (days of a month, usually).
    ///
    /// Errors: those of [`AccuracyReport::of`]; [`crate::Error::ZeroDenominator`] if a value of
    /// the base series is 0 (a percent error would be infinite); [`crate::Error::ZeroTotal`]
    /// if ΣA is 0.
    ///
    /// ```
    /// use wfm_forecast::{Error, PercentErrorBase, SeedMeasures};
    /// let err = SeedMeasures::of(&[0.0, 5.0], &[1.0, 5.0], PercentErrorBase::Actual);
    /// assert!(matches!(err, Err(Error::ZeroDenominator { index: 0, .. })));
    /// // Relative to forecast, a zero actual is fine.
    /// let m = SeedMeasures::of(&[0.0, 5.0], &[1.0, 5.0], PercentErrorBase::Forecast)?;
    /// assert_eq!(m.mean_absolute_percent_error, 0.5);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn of(actual: &[f64], forecast: &[f64], base: PercentErrorBase) -> Result<Self> {
        AccuracyReport::of(actual, forecast)?.seed_measures(base)
    }
}

impl AccuracyReport {
    /// The post's six measures and the over/under split under `base` (see [`SeedMeasures`]).
    ///
    /// ```
    /// use wfm_forecast::{AccuracyReport, PercentErrorBase};
    /// let r = AccuracyReport::of(&[100.0, 300.0], &[110.0, 270.0])?;
    /// let m = r.seed_measures(PercentErrorBase::Actual)?;
    /// assert!((m.error_of_totals - (-0.05)).abs() < 1e-15);
    /// assert!((m.weighted_percent_error - m.error_of_totals).abs() < 1e-15);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn seed_measures(&self, base: PercentErrorBase) -> Result<SeedMeasures> {
        let acc: &AccuracyAccumulator = &self.acc;
        let n = acc.n as f64;
        let total_a = self.positive_total_actual("volume-weighted percent error")?;
        let diff = acc.over + acc.under;
        match base {
            PercentErrorBase::Actual => {
                self.no_zero_actual("percent error relative to actual")?;
                let e1 = diff / total_a;
                Ok(SeedMeasures {
                    base,
                    error_of_totals: e1,
                    absolute_error_of_totals: e1.abs(),
                    mean_percent_error: acc.sum_pe_a / n,
                    mean_absolute_percent_error: acc.sum_ape_a / n,
                    weighted_percent_error: e1,
                    weighted_absolute_percent_error: (acc.over - acc.under) / total_a,
                    over: acc.over / total_a,
                    under: acc.under / total_a,
                })
            }
            PercentErrorBase::Forecast => {
                self.no_zero_forecast("percent error relative to forecast")?;
                let e1 = diff / acc.sum_forecast;
                let over = acc.over_wpe_f / total_a;
                let under = acc.under_wpe_f / total_a;
                Ok(SeedMeasures {
                    base,
                    error_of_totals: e1,
                    absolute_error_of_totals: e1.abs(),
                    mean_percent_error: acc.sum_pe_f / n,
                    mean_absolute_percent_error: acc.sum_ape_f / n,
                    weighted_percent_error: over + under,
                    weighted_absolute_percent_error: over - under,
                    over,
                    under,
                })
            }
        }
    }
}
