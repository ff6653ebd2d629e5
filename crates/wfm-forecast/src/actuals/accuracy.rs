//! Forecast accuracy: point-error measures from one mergeable accumulator.
//!
//! Sign convention, everywhere: the error is `e = F − A` (forecast minus actual), so a positive
//! error, bias or percent error means the forecast was **too high** (over-forecast). Every
//! measure is a fraction (0.05 is 5 %), never multiplied by 100.
//!
//! | measure | formula | undefined when |
//! |---|---|---|
//! | MAE | mean \|e\| | never (n ≥ 1) |
//! | MSE, RMSE | mean e², its square root | never |
//! | bias | mean e | never |
//! | MAPE | mean \|e\| / A | an actual is 0 ([`Error::ZeroDenominator`]) |
//! | sMAPE | mean \|e\| / (A + F), 0 where both are 0; range **[0, 1]** | never |
//! | WAPE | Σ\|e\| / ΣA | ΣA = 0 ([`Error::ZeroTotal`]) |
//! | MASE, RMSSE | MAE / scale, √(MSE / scale²) on the training series, see [`TrainingScale`] | the scale is 0 |
//!
//! Zero actuals and MAPE: utilsforecast drops the zero-actual points from the mean (which
//! understates the error), anofox-forecast returns `None`/NaN; our [`AccuracyReport::mape`]
//! returns a typed error naming the first zero and points to WAPE, which stays defined while
//! the total is positive. utilsforecast's policy is available under its own name,
//! [`AccuracyReport::mape_over_nonzero_actuals`].
//!
//! sMAPE: ours is utilsforecast's `smape`, range [0, 1] (no factor 2). anofox-forecast's `smape`
//! is 100 · mean 2\|e\|/(\|A\|+\|F\|), range [0, 200]: multiply ours by 200 to compare.
//! MASE and RMSSE: ours scale by the seasonal-naive error of the **training** series, as
//! utilsforecast's `mase`/`rmsse`; anofox-forecast's `calculate_metrics` scales MASE by the
//! evaluation window itself and its `rmsse` uses lag 1 (M5 style), so its numbers differ.
//!
//! The six measures of Oleg Zeldin's forecast-accuracy posts and the over/under split are in
//! [`crate::SeedMeasures`].

use crate::actuals::scale::TrainingScale;
use crate::error::{Error, Result};

/// The largest value an accuracy measure accepts (actuals, forecasts, interval bounds,
/// training values): 1e100, far beyond any contact volume, so that every sum of squares over
/// any number of points stays finite (MSE, RMSE and sMAPE never overflow to a wrong figure).
///
/// ```
/// use wfm_forecast::{AccuracyAccumulator, Error, MAX_VALUE};
/// let mut acc = AccuracyAccumulator::new();
/// assert!(matches!(acc.record(2.0 * MAX_VALUE, 1.0), Err(Error::ValueTooLarge { .. })));
/// ```
pub const MAX_VALUE: f64 = 1e100;

/// Checks one value of a series: finite, not negative, at most [`MAX_VALUE`].
#[inline]
pub(crate) fn check_value(series: &'static str, index: usize, value: f64) -> Result<()> {
    if !(value.is_finite() && value >= 0.0) {
        return Err(Error::InvalidValue {
            series,
            index,
            value,
        });
    }
    if value > MAX_VALUE {
        return Err(Error::ValueTooLarge {
            series,
            index,
            value,
            max: MAX_VALUE,
        });
    }
    Ok(())
}

/// Checks one pair of values; `index` only names the point in the error.
#[inline]
fn check(actual: f64, forecast: f64, index: usize) -> Result<()> {
    check_value("actual", index, actual)?;
    check_value("forecast", index, forecast)
}

/// Checks that two series pair up one to one and are not empty.
pub(crate) fn check_lengths(actual: &[f64], forecast: &[f64]) -> Result<()> {
    if actual.len() != forecast.len() {
        return Err(Error::SeriesLengthMismatch {
            left: "actual",
            left_len: actual.len(),
            right: "forecast",
            right_len: forecast.len(),
        });
    }
    if actual.is_empty() {
        return Err(Error::EmptySeries { series: "actual" });
    }
    Ok(())
}

/// Running sums of (actual, forecast) pairs from which every accuracy measure is read: record
/// pairs in any order, merge accumulators of parts (per thread, per day, per queue), then read
/// an [`AccuracyReport`].
///
/// Merging adds the sums, so a merged accumulator equals one pass over all points up to the
/// rounding of floating-point addition (about 1e-15 relative per addition).
///
/// ```
/// use wfm_forecast::AccuracyAccumulator;
///
/// let mut acc = AccuracyAccumulator::new();
/// acc.record(100.0, 110.0)?; // over-forecast by 10
/// acc.record(200.0, 190.0)?; // under-forecast by 10
/// let report = acc.report()?;
/// assert_eq!(report.mae(), 10.0);
/// assert_eq!(report.bias(), 0.0);
/// assert!((report.wape()? - 20.0 / 300.0).abs() < 1e-15);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawAccuracyAccumulator"))]
pub struct AccuracyAccumulator {
    pub(crate) n: u64,
    pub(crate) sum_actual: f64,
    pub(crate) sum_forecast: f64,
    /// Σ e over points with e > 0.
    pub(crate) over: f64,
    /// Σ e over points with e < 0 (≤ 0).
    pub(crate) under: f64,
    pub(crate) sum_sq: f64,
    pub(crate) sum_smape: f64,
    /// Relative to actual: Σ e/A, Σ |e|/A over all points (valid only if no actual is 0).
    pub(crate) sum_pe_a: f64,
    pub(crate) sum_ape_a: f64,
    /// Relative to forecast: Σ e/F, Σ |e|/F, Σ A·e/F over e > 0 and over e < 0.
    pub(crate) sum_pe_f: f64,
    pub(crate) sum_ape_f: f64,
    pub(crate) over_wpe_f: f64,
    pub(crate) under_wpe_f: f64,
    /// Index of the first zero actual / zero forecast recorded (as counted by this
    /// accumulator), if any.
    pub(crate) first_zero_actual: Option<u64>,
    /// Number of points with an actual of 0.
    pub(crate) zero_actuals: u64,
    pub(crate) first_zero_forecast: Option<u64>,
}

/// Serialised form of [`AccuracyAccumulator`], checked on the way in against everything that
/// recording valid pairs keeps true.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawAccuracyAccumulator {
    n: u64,
    sum_actual: f64,
    sum_forecast: f64,
    over: f64,
    under: f64,
    sum_sq: f64,
    sum_smape: f64,
    sum_pe_a: f64,
    sum_ape_a: f64,
    sum_pe_f: f64,
    sum_ape_f: f64,
    over_wpe_f: f64,
    under_wpe_f: f64,
    first_zero_actual: Option<u64>,
    zero_actuals: u64,
    first_zero_forecast: Option<u64>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawAccuracyAccumulator> for AccuracyAccumulator {
    type Error = Error;
    fn try_from(r: RawAccuracyAccumulator) -> Result<Self> {
        let inconsistent = |rule| Error::InconsistentState {
            what: "accuracy accumulator",
            rule,
        };
        let acc = Self {
            n: r.n,
            sum_actual: r.sum_actual,
            sum_forecast: r.sum_forecast,
            over: r.over,
            under: r.under,
            sum_sq: r.sum_sq,
            sum_smape: r.sum_smape,
            sum_pe_a: r.sum_pe_a,
            sum_ape_a: r.sum_ape_a,
            sum_pe_f: r.sum_pe_f,
            sum_ape_f: r.sum_ape_f,
            over_wpe_f: r.over_wpe_f,
            under_wpe_f: r.under_wpe_f,
            first_zero_actual: r.first_zero_actual,
            zero_actuals: r.zero_actuals,
            first_zero_forecast: r.first_zero_forecast,
        };
        let not_negative = [
            acc.sum_actual,
            acc.sum_forecast,
            acc.over,
            acc.sum_sq,
            acc.sum_smape,
            acc.sum_ape_a,
            acc.sum_ape_f,
            acc.over_wpe_f,
        ];
        let not_positive = [acc.under, acc.under_wpe_f];
        let any_sign = [acc.sum_pe_a, acc.sum_pe_f];
        if !(not_negative.iter().all(|v| v.is_finite() && *v >= 0.0)
            && not_positive.iter().all(|v| v.is_finite() && *v <= 0.0)
            && any_sign.iter().all(|v| v.is_finite()))
        {
            return Err(inconsistent(
                "its sums must be finite, those of absolute and over-forecast errors not negative, those of under-forecast errors not positive",
            ));
        }
        if acc.zero_actuals > acc.n {
            return Err(inconsistent(
                "it counts more zero actuals than points recorded",
            ));
        }
        if acc.first_zero_actual.is_some() != (acc.zero_actuals > 0) {
            return Err(inconsistent(
                "the index of the first zero actual must be given exactly when a zero actual was counted",
            ));
        }
        if [acc.first_zero_actual, acc.first_zero_forecast]
            .iter()
            .flatten()
            .any(|&i| i >= acc.n)
        {
            return Err(inconsistent(
                "the index of a first zero is not the index of a point recorded",
            ));
        }
        if acc.n == 0 && acc != Self::default() {
            return Err(inconsistent(
                "an accumulator of no points must hold zero sums",
            ));
        }
        Ok(acc)
    }
}

impl AccuracyAccumulator {
    /// An empty accumulator.
    ///
    /// ```
    /// use wfm_forecast::AccuracyAccumulator;
    /// assert_eq!(AccuracyAccumulator::new().count(), 0);
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// The accumulator of two series paired point by point; errors if their lengths differ,
    /// if they are empty, or on a NaN, infinite or negative value.
    ///
    /// ```
    /// use wfm_forecast::AccuracyAccumulator;
    /// let acc = AccuracyAccumulator::from_series(&[10.0, 20.0], &[12.0, 18.0])?;
    /// assert_eq!(acc.report()?.mae(), 2.0);
    /// assert!(AccuracyAccumulator::from_series(&[1.0], &[1.0, 2.0]).is_err());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn from_series(actual: &[f64], forecast: &[f64]) -> Result<Self> {
        check_lengths(actual, forecast)?;
        let mut acc = Self::new();
        // Blocks of 4096 points: check, then sum in a branch-free loop (selects instead of
        // branches), then add the block's sums.
        const BLOCK: usize = 4096;
        for (b, (a, f)) in actual.chunks(BLOCK).zip(forecast.chunks(BLOCK)).enumerate() {
            for (i, (&x, &y)) in a.iter().zip(f).enumerate() {
                check(x, y, b * BLOCK + i)?;
            }
            acc.merge(&Self::block(a, f));
        }
        Ok(acc)
    }

    /// The sums of one block of valid pairs, in four interleaved lanes (so that the loop body
    /// is independent across lanes and the compiler can use SIMD), then added.
    fn block(actual: &[f64], forecast: &[f64]) -> Self {
        const LANES: usize = 4;
        // Sums: a, f, over, under, e², sMAPE, e/A, |e|/A, e/F, |e|/F, over/F, under/F.
        let mut s = [[0.0f64; LANES]; 12];
        #[inline(always)]
        fn add(s: &mut [[f64; LANES]; 12], k: usize, a: f64, f: f64) {
            let e = f - a;
            let abs = e.abs();
            s[0][k] += a;
            s[1][k] += f;
            s[2][k] += e.max(0.0);
            s[3][k] += e.min(0.0);
            s[4][k] += e * e;
            let d = a + f;
            s[5][k] += if d > 0.0 { abs / d } else { 0.0 };
            let ia = if a > 0.0 { 1.0 / a } else { 0.0 };
            s[6][k] += e * ia;
            s[7][k] += abs * ia;
            let jf = if f > 0.0 { 1.0 / f } else { 0.0 };
            s[8][k] += e * jf;
            s[9][k] += abs * jf;
            let w = a * e * jf;
            s[10][k] += w.max(0.0);
            s[11][k] += w.min(0.0);
        }
        let ca = actual.chunks_exact(LANES);
        let cf = forecast.chunks_exact(LANES);
        let (ra, rf) = (ca.remainder(), cf.remainder());
        for (a4, f4) in ca.zip(cf) {
            for k in 0..LANES {
                add(&mut s, k, a4[k], f4[k]);
            }
        }
        for (&a, &f) in ra.iter().zip(rf) {
            add(&mut s, 0, a, f);
        }
        let t: [f64; 12] = core::array::from_fn(|i| (s[i][0] + s[i][1]) + (s[i][2] + s[i][3]));
        let [
            sa,
            sf,
            over,
            under,
            sq,
            smape,
            pe_a,
            ape_a,
            pe_f,
            ape_f,
            over_f,
            under_f,
        ] = t;
        let as_u64 = |i: usize| u64::try_from(i).unwrap_or(u64::MAX);
        Self {
            n: as_u64(actual.len()),
            sum_actual: sa,
            sum_forecast: sf,
            over,
            under,
            sum_sq: sq,
            sum_smape: smape,
            sum_pe_a: pe_a,
            sum_ape_a: ape_a,
            sum_pe_f: pe_f,
            sum_ape_f: ape_f,
            over_wpe_f: over_f,
            under_wpe_f: under_f,
            first_zero_actual: actual.iter().position(|&a| a == 0.0).map(as_u64),
            zero_actuals: as_u64(actual.iter().filter(|&&a| a == 0.0).count()),
            first_zero_forecast: forecast.iter().position(|&f| f == 0.0).map(as_u64),
        }
    }

    /// Records one pair; errors on a NaN, infinite or negative value (then nothing is
    /// recorded).
    ///
    /// ```
    /// use wfm_forecast::{AccuracyAccumulator, Error};
    /// let mut acc = AccuracyAccumulator::new();
    /// acc.record(5.0, 4.0)?;
    /// assert!(matches!(acc.record(-1.0, 4.0), Err(Error::InvalidValue { .. })));
    /// assert_eq!(acc.count(), 1);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn record(&mut self, actual: f64, forecast: f64) -> Result<()> {
        let index = usize::try_from(self.n).unwrap_or(usize::MAX);
        check(actual, forecast, index)?;
        self.add_unchecked(actual, forecast);
        Ok(())
    }

    #[inline]
    fn add_unchecked(&mut self, a: f64, f: f64) {
        let e = f - a;
        let abs = e.abs();
        self.sum_actual += a;
        self.sum_forecast += f;
        if e > 0.0 {
            self.over += e;
        } else {
            self.under += e;
        }
        self.sum_sq += e * e;
        let denom = a + f;
        if denom > 0.0 {
            self.sum_smape += abs / denom;
        }
        if a > 0.0 {
            let inv = 1.0 / a;
            self.sum_pe_a += e * inv;
            self.sum_ape_a += abs * inv;
        } else {
            self.zero_actuals += 1;
            if self.first_zero_actual.is_none() {
                self.first_zero_actual = Some(self.n);
            }
        }
        if f > 0.0 {
            let inv = 1.0 / f;
            self.sum_pe_f += e * inv;
            self.sum_ape_f += abs * inv;
            let w = a * e * inv;
            if e > 0.0 {
                self.over_wpe_f += w;
            } else {
                self.under_wpe_f += w;
            }
        } else if self.first_zero_forecast.is_none() {
            self.first_zero_forecast = Some(self.n);
        }
        self.n += 1;
    }

    /// Adds the sums of `other` (recorded after this one's points, for the index reported in
    /// a zero-denominator error).
    ///
    /// ```
    /// use wfm_forecast::AccuracyAccumulator;
    /// let mut left = AccuracyAccumulator::from_series(&[10.0], &[12.0])?;
    /// let right = AccuracyAccumulator::from_series(&[20.0], &[18.0])?;
    /// left.merge(&right);
    /// assert_eq!(left, AccuracyAccumulator::from_series(&[10.0, 20.0], &[12.0, 18.0])?);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn merge(&mut self, other: &Self) {
        let shift = |i: Option<u64>| i.map(|i| i + self.n);
        if self.first_zero_actual.is_none() {
            self.first_zero_actual = shift(other.first_zero_actual);
        }
        if self.first_zero_forecast.is_none() {
            self.first_zero_forecast = shift(other.first_zero_forecast);
        }
        self.n += other.n;
        self.zero_actuals += other.zero_actuals;
        self.sum_actual += other.sum_actual;
        self.sum_forecast += other.sum_forecast;
        self.over += other.over;
        self.under += other.under;
        self.sum_sq += other.sum_sq;
        self.sum_smape += other.sum_smape;
        self.sum_pe_a += other.sum_pe_a;
        self.sum_ape_a += other.sum_ape_a;
        self.sum_pe_f += other.sum_pe_f;
        self.sum_ape_f += other.sum_ape_f;
        self.over_wpe_f += other.over_wpe_f;
        self.under_wpe_f += other.under_wpe_f;
    }

    /// Number of pairs recorded.
    ///
    /// ```
    /// use wfm_forecast::AccuracyAccumulator;
    /// assert_eq!(AccuracyAccumulator::from_series(&[1.0, 2.0], &[1.0, 2.0])?.count(), 2);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn count(&self) -> u64 {
        self.n
    }

    /// The measures; errors with [`Error::EmptySeries`] if nothing was recorded.
    ///
    /// ```
    /// use wfm_forecast::AccuracyAccumulator;
    /// assert!(AccuracyAccumulator::new().report().is_err());
    /// ```
    pub fn report(&self) -> Result<AccuracyReport> {
        if self.n == 0 {
            return Err(Error::EmptySeries { series: "actual" });
        }
        Ok(AccuracyReport { acc: *self })
    }
}

/// The accuracy of a forecast against actuals: read from an [`AccuracyAccumulator`] (or
/// [`AccuracyReport::of`]), never empty.
///
/// ```
/// use wfm_forecast::AccuracyReport;
///
/// let r = AccuracyReport::of(&[100.0, 50.0, 0.0], &[90.0, 60.0, 5.0])?;
/// assert!((r.mae() - 25.0 / 3.0).abs() < 1e-12);
/// assert!((r.wape()? - 25.0 / 150.0).abs() < 1e-15);
/// assert!(r.mape().is_err()); // an actual is 0: MAPE is undefined, not inf
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AccuracyReport {
    pub(crate) acc: AccuracyAccumulator,
}

impl AccuracyReport {
    /// The report of two series paired point by point (see
    /// [`AccuracyAccumulator::from_series`] for the errors).
    ///
    /// ```
    /// use wfm_forecast::AccuracyReport;
    /// assert_eq!(AccuracyReport::of(&[3.0], &[5.0])?.bias(), 2.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn of(actual: &[f64], forecast: &[f64]) -> Result<Self> {
        AccuracyAccumulator::from_series(actual, forecast)?.report()
    }

    /// One report per consecutive block of `period` points (per day of intervals, per week of
    /// days); the last block may be shorter.
    ///
    /// ```
    /// use wfm_forecast::AccuracyReport;
    /// let days = AccuracyReport::per_period(&[1.0, 2.0, 3.0, 4.0], &[1.0, 2.0, 4.0, 4.0], 2)?;
    /// assert_eq!(days.len(), 2);
    /// assert_eq!(days[0].mae(), 0.0);
    /// assert_eq!(days[1].mae(), 0.5);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn per_period(actual: &[f64], forecast: &[f64], period: usize) -> Result<Vec<Self>> {
        check_lengths(actual, forecast)?;
        if period == 0 {
            return Err(Error::CountOutOfRange {
                parameter: "period length",
                value: 0,
                range: "1..",
            });
        }
        actual
            .chunks(period)
            .zip(forecast.chunks(period))
            .map(|(a, f)| Self::of(a, f))
            .collect()
    }

    /// The sums behind the report.
    ///
    /// ```
    /// use wfm_forecast::AccuracyReport;
    /// assert_eq!(AccuracyReport::of(&[3.0], &[5.0])?.accumulator().count(), 1);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn accumulator(&self) -> &AccuracyAccumulator {
        &self.acc
    }

    fn n(&self) -> f64 {
        self.acc.n as f64
    }

    /// Number of points.
    ///
    /// ```
    /// use wfm_forecast::AccuracyReport;
    /// assert_eq!(AccuracyReport::of(&[3.0, 4.0], &[5.0, 4.0])?.count(), 2);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn count(&self) -> u64 {
        self.acc.n
    }

    /// Sum of the actuals, ΣA.
    ///
    /// ```
    /// use wfm_forecast::AccuracyReport;
    /// assert_eq!(AccuracyReport::of(&[3.0, 4.0], &[5.0, 4.0])?.total_actual(), 7.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn total_actual(&self) -> f64 {
        self.acc.sum_actual
    }

    /// Sum of the forecasts, ΣF.
    ///
    /// ```
    /// use wfm_forecast::AccuracyReport;
    /// assert_eq!(AccuracyReport::of(&[3.0, 4.0], &[5.0, 4.0])?.total_forecast(), 9.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn total_forecast(&self) -> f64 {
        self.acc.sum_forecast
    }

    /// Mean absolute error, mean \|F − A\| (utilsforecast `mae`).
    ///
    /// ```
    /// use wfm_forecast::AccuracyReport;
    /// assert_eq!(AccuracyReport::of(&[3.0, 4.0], &[5.0, 4.0])?.mae(), 1.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn mae(&self) -> f64 {
        (self.acc.over - self.acc.under) / self.n()
    }

    /// Mean squared error, mean (F − A)² (utilsforecast `mse`).
    ///
    /// ```
    /// use wfm_forecast::AccuracyReport;
    /// assert_eq!(AccuracyReport::of(&[3.0, 4.0], &[5.0, 4.0])?.mse(), 2.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn mse(&self) -> f64 {
        self.acc.sum_sq / self.n()
    }

    /// Root mean squared error, √MSE (utilsforecast `rmse`).
    ///
    /// ```
    /// use wfm_forecast::AccuracyReport;
    /// assert_eq!(AccuracyReport::of(&[3.0, 4.0], &[5.0, 4.0])?.rmse(), 2f64.sqrt());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn rmse(&self) -> f64 {
        self.mse().sqrt()
    }

    /// Bias, mean (F − A): positive means over-forecast (utilsforecast `bias`; u-analytics
    /// uses A − F, the opposite sign).
    ///
    /// ```
    /// use wfm_forecast::AccuracyReport;
    /// assert_eq!(AccuracyReport::of(&[3.0, 4.0], &[5.0, 4.0])?.bias(), 1.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn bias(&self) -> f64 {
        (self.acc.over + self.acc.under) / self.n()
    }

    /// Mean absolute percent error relative to actual, mean \|F − A\| / A, as a fraction.
    /// Errors with [`Error::ZeroDenominator`] if any actual is 0 (utilsforecast silently drops
    /// those points; we refuse, see the module docs).
    ///
    /// ```
    /// use wfm_forecast::AccuracyReport;
    /// assert_eq!(AccuracyReport::of(&[4.0, 5.0], &[5.0, 5.0])?.mape()?, 0.125);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn mape(&self) -> Result<f64> {
        self.no_zero_actual("MAPE")?;
        Ok(self.acc.sum_ape_a / self.n())
    }

    /// MAPE over the points with a non-zero actual only: the policy of utilsforecast's `mape`
    /// (and oxidiviner's), named so that nobody takes it for MAPE over all points. It
    /// understates the error when zero-actual slots were forecast above zero. Errors with
    /// [`Error::ZeroTotal`] if every actual is 0.
    ///
    /// ```
    /// use wfm_forecast::AccuracyReport;
    /// let r = AccuracyReport::of(&[4.0, 0.0], &[5.0, 3.0])?;
    /// assert!(r.mape().is_err());
    /// assert_eq!(r.mape_over_nonzero_actuals()?, 0.25);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn mape_over_nonzero_actuals(&self) -> Result<f64> {
        let n = self.acc.n - self.acc.zero_actuals;
        if n == 0 {
            return Err(Error::ZeroTotal {
                measure: "MAPE over non-zero actuals",
                what: "the number of non-zero actuals",
            });
        }
        Ok(self.acc.sum_ape_a / n as f64)
    }

    /// Symmetric MAPE, mean \|F − A\| / (A + F), with 0 where both are 0: range **[0, 1]**
    /// (utilsforecast `smape`). anofox-forecast's sMAPE is 200 × this.
    ///
    /// ```
    /// use wfm_forecast::AccuracyReport;
    /// let r = AccuracyReport::of(&[0.0, 0.0, 10.0], &[0.0, 5.0, 10.0])?;
    /// assert_eq!(r.smape(), 1.0 / 3.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn smape(&self) -> f64 {
        self.acc.sum_smape / self.n()
    }

    /// Weighted absolute percent error, Σ\|F − A\| / ΣA (utilsforecast `wape` = `nd`); equal to
    /// the post's measure (6). Errors with [`Error::ZeroTotal`] if ΣA = 0.
    ///
    /// ```
    /// use wfm_forecast::AccuracyReport;
    /// assert_eq!(AccuracyReport::of(&[0.0, 4.0], &[1.0, 4.0])?.wape()?, 0.25);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn wape(&self) -> Result<f64> {
        let total = self.positive_total_actual("WAPE")?;
        Ok((self.acc.over - self.acc.under) / total)
    }

    /// Mean absolute scaled error: MAE ÷ the training series' seasonal-naive MAE
    /// (utilsforecast `mase`).
    ///
    /// ```
    /// use wfm_forecast::{AccuracyReport, TrainingScale};
    /// let scale = TrainingScale::seasonal_naive(&[10.0, 20.0, 12.0, 22.0], 2)?; // naive MAE 2
    /// let r = AccuracyReport::of(&[11.0, 21.0], &[12.0, 22.0])?;
    /// assert_eq!(r.mase(&scale), 0.5);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn mase(&self, scale: &TrainingScale) -> f64 {
        self.mae() / scale.mae()
    }

    /// Root mean squared scaled error: √(MSE ÷ the training series' seasonal-naive MSE)
    /// (utilsforecast `rmsse`).
    ///
    /// ```
    /// use wfm_forecast::{AccuracyReport, TrainingScale};
    /// let scale = TrainingScale::seasonal_naive(&[10.0, 20.0, 12.0, 22.0], 2)?; // naive MSE 4
    /// let r = AccuracyReport::of(&[11.0, 21.0], &[12.0, 22.0])?;
    /// assert_eq!(r.rmsse(&scale), 0.5);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn rmsse(&self, scale: &TrainingScale) -> f64 {
        (self.mse() / scale.mse()).sqrt()
    }

    pub(crate) fn no_zero_actual(&self, measure: &'static str) -> Result<()> {
        match self.acc.first_zero_actual {
            Some(i) => Err(Error::ZeroDenominator {
                measure,
                series: "actual",
                index: usize::try_from(i).unwrap_or(usize::MAX),
            }),
            None => Ok(()),
        }
    }

    pub(crate) fn no_zero_forecast(&self, measure: &'static str) -> Result<()> {
        match self.acc.first_zero_forecast {
            Some(i) => Err(Error::ZeroDenominator {
                measure,
                series: "forecast",
                index: usize::try_from(i).unwrap_or(usize::MAX),
            }),
            None => Ok(()),
        }
    }

    pub(crate) fn positive_total_actual(&self, measure: &'static str) -> Result<f64> {
        if self.acc.sum_actual > 0.0 {
            Ok(self.acc.sum_actual)
        } else {
            Err(Error::ZeroTotal {
                measure,
                what: "the sum of the actuals",
            })
        }
    }
}
