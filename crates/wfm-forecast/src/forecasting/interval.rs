//! Accuracy of prediction intervals: coverage, width, the interval (Winkler) score, MSIS and
//! coverage tests.

use crate::actuals::scale::TrainingScale;
use crate::error::{Error, Result};
use crate::forecasting::forecast::{Level, PredictionInterval};

/// Running counts and sums of (actual, lower, upper) triples at one level, from which every
/// interval measure is read: record points in any order, merge the accumulators of parts (per
/// fold, per queue, per thread), then read an [`IntervalReport`].
///
/// Merging adds the counts and sums, so a merged accumulator equals one pass over all points up
/// to the rounding of floating-point addition.
///
/// ```
/// use wfm_forecast::{IntervalAccumulator, Level};
///
/// let mut acc = IntervalAccumulator::new(Level::new(0.8)?);
/// acc.record(100.0, 90.0, 110.0)?; // inside: scores its width, 20
/// acc.record(130.0, 95.0, 115.0)?; // 15 above: 20 + (2 / 0.2) · 15 = 170
/// let report = acc.report()?;
/// assert_eq!(report.coverage(), 0.5);
/// assert!((report.interval_score() - 95.0).abs() < 1e-12);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawIntervalAccumulator", into = "RawIntervalAccumulator")
)]
pub struct IntervalAccumulator {
    level: Level,
    n: u64,
    below: u64,
    above: u64,
    sum_width: f64,
    /// Σ (l − y) over the points below their interval.
    short_below: f64,
    /// Σ (y − u) over the points above their interval.
    short_above: f64,
}

/// The serialised form of [`IntervalAccumulator`], validated on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct RawIntervalAccumulator {
    level: f64,
    n: u64,
    below: u64,
    above: u64,
    sum_width: f64,
    short_below: f64,
    short_above: f64,
}

#[cfg(feature = "serde")]
impl From<IntervalAccumulator> for RawIntervalAccumulator {
    fn from(a: IntervalAccumulator) -> Self {
        Self {
            level: a.level.get(),
            n: a.n,
            below: a.below,
            above: a.above,
            sum_width: a.sum_width,
            short_below: a.short_below,
            short_above: a.short_above,
        }
    }
}

#[cfg(feature = "serde")]
impl TryFrom<RawIntervalAccumulator> for IntervalAccumulator {
    type Error = Error;

    fn try_from(r: RawIntervalAccumulator) -> Result<Self> {
        let level = Level::new(r.level)?;
        let misses = r.below.checked_add(r.above);
        if misses.is_none_or(|m| m > r.n) {
            return Err(Error::CountOutOfRange {
                parameter: "points below plus points above their interval",
                value: misses.map_or(usize::MAX, |m| usize::try_from(m).unwrap_or(usize::MAX)),
                range: "0..=the points recorded",
            });
        }
        // Recorded points are at most MAX_VALUE in size, so a width or a shortfall is at most
        // 2·MAX_VALUE and each sum at most that times its count (with room for rounding).
        // Stored sums beyond it could make the interval score infinite (found by fuzzing: two
        // stored accumulators with 1.07e308 short above gave an infinite score); within it,
        // every measure and every merge stays finite.
        let per_point = 4.0 * crate::actuals::accuracy::MAX_VALUE;
        for (name, v, count) in [
            ("sum of widths", r.sum_width, r.n),
            ("sum of shortfalls below", r.short_below, r.below),
            ("sum of shortfalls above", r.short_above, r.above),
        ] {
            if !(v.is_finite() && v >= 0.0) {
                return Err(Error::InvalidValue {
                    series: name,
                    index: 0,
                    value: v,
                });
            }
            let max = per_point * count as f64;
            if v > max {
                return Err(Error::ValueTooLarge {
                    series: name,
                    index: 0,
                    value: v,
                    max,
                });
            }
        }
        Ok(Self {
            level,
            n: r.n,
            below: r.below,
            above: r.above,
            sum_width: r.sum_width,
            short_below: r.short_below,
            short_above: r.short_above,
        })
    }
}

impl IntervalAccumulator {
    /// An empty accumulator for intervals at `level`.
    ///
    /// ```
    /// use wfm_forecast::{IntervalAccumulator, Level};
    /// let acc = IntervalAccumulator::new(Level::new(0.95)?);
    /// assert_eq!(acc.count(), 0);
    /// assert_eq!(acc.level().get(), 0.95);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn new(level: Level) -> Self {
        Self {
            level,
            n: 0,
            below: 0,
            above: 0,
            sum_width: 0.0,
            short_below: 0.0,
            short_above: 0.0,
        }
    }

    /// An accumulator filled with `actual` against a forecast's interval, point by point.
    ///
    /// # Errors
    /// [`Error::SeriesLengthMismatch`] when the lengths differ, [`Error::EmptySeries`] for no
    /// points, and the errors of [`IntervalAccumulator::record`] (naming the index).
    ///
    /// ```
    /// use wfm_forecast::{Calendar, IntervalAccumulator, Level, SeasonalNaive, VolumeModel};
    /// let history = [10.0, 20.0, 12.0, 22.0, 11.0, 21.0];
    /// let f = SeasonalNaive::new(2)?.forecast(&history, &Calendar::always_open(), 2, Some(Level::new(0.8)?))?;
    /// let pi = f.interval.as_ref().ok_or(wfm_forecast::Error::EmptySeries { series: "interval" })?;
    /// let acc = IntervalAccumulator::from_interval(&[12.0, 40.0], pi)?;
    /// assert_eq!(acc.report()?.coverage(), 0.5); // 40 is far above its interval
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn from_interval(actual: &[f64], interval: &PredictionInterval) -> Result<Self> {
        Self::from_bounds(actual, &interval.lower, &interval.upper, interval.level)
    }

    /// An accumulator filled from three series of equal length: actuals and the lower and upper
    /// bounds of intervals at `level` (from this crate or any other tool).
    ///
    /// # Errors
    /// As [`IntervalAccumulator::from_interval`].
    ///
    /// ```
    /// use wfm_forecast::{IntervalAccumulator, Level};
    /// let acc = IntervalAccumulator::from_bounds(&[5.0, 7.0], &[4.0, 4.0], &[6.0, 6.0], Level::new(0.9)?)?;
    /// assert_eq!(acc.report()?.above_share(), 0.5);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn from_bounds(actual: &[f64], lower: &[f64], upper: &[f64], level: Level) -> Result<Self> {
        crate::actuals::accuracy::check_lengths(actual, lower)?;
        if upper.len() != actual.len() {
            return Err(Error::SeriesLengthMismatch {
                left: "actual",
                left_len: actual.len(),
                right: "upper",
                right_len: upper.len(),
            });
        }
        let mut acc = Self::new(level);
        for (index, ((&y, &l), &u)) in actual.iter().zip(lower).zip(upper).enumerate() {
            check(y, l, u, index)?;
            acc.add_unchecked(y, l, u);
        }
        Ok(acc)
    }

    /// Records one point: the actual `actual` against the interval `[lower, upper]`. The actual
    /// must be finite and not negative (a count), the bounds finite with `lower ≤ upper`; a
    /// negative lower bound from another tool is accepted as given. On error nothing is
    /// recorded.
    ///
    /// ```
    /// use wfm_forecast::{Error, IntervalAccumulator, Level};
    /// let mut acc = IntervalAccumulator::new(Level::new(0.8)?);
    /// acc.record(3.0, 1.0, 5.0)?;
    /// assert!(matches!(acc.record(3.0, 5.0, 1.0), Err(Error::CrossedInterval { .. })));
    /// assert!(matches!(acc.record(f64::NAN, 1.0, 5.0), Err(Error::InvalidValue { .. })));
    /// assert_eq!(acc.count(), 1);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn record(&mut self, actual: f64, lower: f64, upper: f64) -> Result<()> {
        let index = usize::try_from(self.n).unwrap_or(usize::MAX);
        check(actual, lower, upper, index)?;
        self.add_unchecked(actual, lower, upper);
        Ok(())
    }

    #[inline]
    fn add_unchecked(&mut self, y: f64, l: f64, u: f64) {
        self.sum_width += u - l;
        if y < l {
            self.below += 1;
            self.short_below += l - y;
        } else if y > u {
            self.above += 1;
            self.short_above += y - u;
        }
        self.n += 1;
    }

    /// Adds the counts and sums of `other`.
    ///
    /// # Errors
    /// [`Error::MergeMismatch`] when the two accumulators are for different levels (their
    /// scores are not comparable), [`Error::CountOverflow`] when a count would pass `u64::MAX`;
    /// `self` is then unchanged.
    ///
    /// ```
    /// use wfm_forecast::{IntervalAccumulator, Level};
    /// let level = Level::new(0.8)?;
    /// let mut left = IntervalAccumulator::from_bounds(&[5.0], &[4.0], &[6.0], level)?;
    /// let right = IntervalAccumulator::from_bounds(&[9.0], &[4.0], &[6.0], level)?;
    /// left.merge(&right)?;
    /// assert_eq!(left, IntervalAccumulator::from_bounds(&[5.0, 9.0], &[4.0, 4.0], &[6.0, 6.0], level)?);
    /// assert!(left.merge(&IntervalAccumulator::new(Level::new(0.95)?)).is_err());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn merge(&mut self, other: &Self) -> Result<()> {
        if self.level != other.level {
            return Err(Error::MergeMismatch {
                what: "prediction-interval levels",
            });
        }
        let overflow = |what| Error::CountOverflow { what };
        let n = self.n.checked_add(other.n).ok_or(overflow("points"))?;
        let below = self
            .below
            .checked_add(other.below)
            .ok_or(overflow("points below"))?;
        let above = self
            .above
            .checked_add(other.above)
            .ok_or(overflow("points above"))?;
        (self.n, self.below, self.above) = (n, below, above);
        self.sum_width += other.sum_width;
        self.short_below += other.short_below;
        self.short_above += other.short_above;
        Ok(())
    }

    /// The level of the intervals recorded.
    ///
    /// ```
    /// use wfm_forecast::{IntervalAccumulator, Level};
    /// assert_eq!(IntervalAccumulator::new(Level::new(0.8)?).level(), Level::new(0.8)?);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn level(&self) -> Level {
        self.level
    }

    /// Number of points recorded.
    ///
    /// ```
    /// use wfm_forecast::{IntervalAccumulator, Level};
    /// let acc = IntervalAccumulator::from_bounds(&[1.0, 2.0], &[0.0, 0.0], &[3.0, 3.0], Level::new(0.8)?)?;
    /// assert_eq!(acc.count(), 2);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn count(&self) -> u64 {
        self.n
    }

    /// The measures; errors with [`Error::EmptySeries`] if nothing was recorded.
    ///
    /// ```
    /// use wfm_forecast::{IntervalAccumulator, Level};
    /// assert!(IntervalAccumulator::new(Level::new(0.8)?).report().is_err());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn report(&self) -> Result<IntervalReport> {
        if self.n == 0 {
            return Err(Error::EmptySeries { series: "actual" });
        }
        Ok(IntervalReport { acc: *self })
    }
}

/// Checks one triple; `index` only names the point in the error.
#[inline]
fn check(actual: f64, lower: f64, upper: f64, index: usize) -> Result<()> {
    crate::actuals::accuracy::check_value("actual", index, actual)?;
    for (series, value) in [("lower", lower), ("upper", upper)] {
        if !value.is_finite() {
            return Err(Error::InvalidValue {
                series,
                index,
                value,
            });
        }
        if value.abs() > crate::actuals::accuracy::MAX_VALUE {
            return Err(Error::ValueTooLarge {
                series,
                index,
                value,
                max: crate::actuals::accuracy::MAX_VALUE,
            });
        }
    }
    if lower > upper {
        return Err(Error::CrossedInterval {
            index,
            lower,
            upper,
        });
    }
    Ok(())
}

/// The accuracy of prediction intervals against actuals: read from an
/// [`IntervalAccumulator`], never empty.
///
/// How often the actuals fell inside, how wide the intervals
/// were, the interval (Winkler) score that weighs the two, its scaled form (MSIS), and a test of
/// whether the coverage matches the stated level.
///
/// For a central interval `[l, u]` at level `1 − α` and an actual `y`, the interval score of
/// Gneiting & Raftery (2007, eq. 43), called the Winkler score after Winkler (1972), is
///
/// ```text
/// IS = (u − l) + (2/α)·(l − y)·[y < l] + (2/α)·(y − u)·[y > u]
/// ```
///
/// — the width, plus a penalty for each miss that grows with its distance. Smaller is better,
/// and it is a proper score: a forecaster minimises its expectation by reporting the true
/// `α/2` and `1 − α/2` quantiles. The mean scaled interval score of the M4 competition
/// (Makridakis, Spiliotis & Assimakopoulos 2020) divides the mean score by the in-sample MAE of
/// the seasonal-naive forecast ([`TrainingScale`]), as MASE does for point forecasts. These are
/// the definitions of R's fabletools `winkler_score` and of conformalForecast's `MSIS`.
///
/// Coverage is tested two ways, each under the null hypothesis that every point misses
/// independently with probability `α`: the exact two-sided binomial test (the "minimum
/// likelihood" p-value of R's `binom.test` and scipy's `binomtest`), and Kupiec's (1995)
/// proportion-of-failures likelihood-ratio test, whose χ²(1) p-value is asymptotic. Forecast
/// errors of neighbouring intervals are correlated, so either p-value is a screen, not proof.
///
/// ```
/// use wfm_forecast::{IntervalAccumulator, Level};
/// let actual = [100.0, 120.0, 80.0, 95.0];
/// let lower = [90.0, 90.0, 90.0, 90.0];
/// let upper = [110.0, 110.0, 110.0, 110.0];
/// let r = IntervalAccumulator::from_bounds(&actual, &lower, &upper, Level::new(0.5)?)?.report()?;
/// assert_eq!(r.coverage(), 0.5);
/// assert_eq!((r.below_share(), r.above_share()), (0.25, 0.25));
/// assert_eq!(r.mean_width(), 20.0);
/// // 20 + (2 / 0.5) · (10 + 10) / 4 = 40
/// assert!((r.interval_score() - 40.0).abs() < 1e-12);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct IntervalReport {
    acc: IntervalAccumulator,
}

/// Tests of the coverage of an [`IntervalReport`] against its level: is the number of misses
/// consistent with each point missing independently with probability `α = 1 − level`?
///
/// ```
/// use wfm_forecast::{IntervalAccumulator, Level};
/// // 3 misses in 10 points of 80 % intervals: 2 expected, nothing alarming.
/// let actual = [5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 9.0, 9.0, 1.0];
/// let acc = IntervalAccumulator::from_bounds(&actual, &[4.0; 10], &[6.0; 10], Level::new(0.8)?)?;
/// let t = acc.report()?.coverage_test();
/// assert_eq!((t.misses, t.points), (3, 10));
/// assert!(t.exact_p_value > 0.3);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CoverageTest {
    /// Points outside their interval.
    pub misses: u64,
    /// Points recorded.
    pub points: u64,
    /// The miss probability under the null hypothesis, `α = 1 − level`.
    pub nominal_miss_rate: f64,
    /// The two-sided exact binomial p-value: the probability, under the null, of a miss count
    /// no more likely than the one observed (R's `binom.test`, scipy's `binomtest`).
    pub exact_p_value: f64,
    /// Kupiec's proportion-of-failures statistic, `2·[x·ln(x/(nα)) + (n−x)·ln((n−x)/(n(1−α)))]`
    /// with `0·ln 0 = 0`.
    pub likelihood_ratio: f64,
    /// Its p-value from the χ² distribution with one degree of freedom (asymptotic).
    pub likelihood_ratio_p_value: f64,
}

impl IntervalReport {
    /// The accumulator behind the report (to merge it with others or serialise it).
    ///
    /// ```
    /// use wfm_forecast::{IntervalAccumulator, Level};
    /// let acc = IntervalAccumulator::from_bounds(&[1.0], &[0.0], &[2.0], Level::new(0.8)?)?;
    /// assert_eq!(acc.report()?.accumulator(), &acc);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn accumulator(&self) -> &IntervalAccumulator {
        &self.acc
    }

    /// The level of the intervals.
    ///
    /// ```
    /// use wfm_forecast::{IntervalAccumulator, Level};
    /// let acc = IntervalAccumulator::from_bounds(&[1.0], &[0.0], &[2.0], Level::new(0.8)?)?;
    /// assert_eq!(acc.report()?.level().get(), 0.8);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn level(&self) -> Level {
        self.acc.level
    }

    /// Number of points, at least 1.
    ///
    /// ```
    /// use wfm_forecast::{IntervalAccumulator, Level};
    /// let acc = IntervalAccumulator::from_bounds(&[1.0, 3.0], &[0.0, 0.0], &[2.0, 2.0], Level::new(0.8)?)?;
    /// assert_eq!(acc.report()?.count(), 2);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn count(&self) -> u64 {
        self.acc.n
    }

    #[allow(clippy::cast_precision_loss)] // counts below 2^53 are exact
    fn n(&self) -> f64 {
        self.acc.n as f64
    }

    /// The share of points inside their interval (bounds included), in [0, 1]; compare with
    /// the level.
    ///
    /// ```
    /// use wfm_forecast::{IntervalAccumulator, Level};
    /// let acc = IntervalAccumulator::from_bounds(&[2.0, 3.0], &[0.0, 0.0], &[2.0, 2.0], Level::new(0.8)?)?;
    /// assert_eq!(acc.report()?.coverage(), 0.5); // 2 is on the bound: inside
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[allow(clippy::cast_precision_loss)]
    pub fn coverage(&self) -> f64 {
        (self.acc.n - self.acc.below - self.acc.above) as f64 / self.n()
    }

    /// The share of points below their interval's lower bound (the forecast was too high);
    /// `α/2` for well-calibrated central intervals.
    ///
    /// ```
    /// use wfm_forecast::{IntervalAccumulator, Level};
    /// let acc = IntervalAccumulator::from_bounds(&[0.0, 3.0], &[1.0, 1.0], &[5.0, 5.0], Level::new(0.8)?)?;
    /// assert_eq!(acc.report()?.below_share(), 0.5);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[allow(clippy::cast_precision_loss)]
    pub fn below_share(&self) -> f64 {
        self.acc.below as f64 / self.n()
    }

    /// The share of points above their interval's upper bound (the forecast was too low).
    ///
    /// ```
    /// use wfm_forecast::{IntervalAccumulator, Level};
    /// let acc = IntervalAccumulator::from_bounds(&[9.0, 3.0], &[1.0, 1.0], &[5.0, 5.0], Level::new(0.8)?)?;
    /// assert_eq!(acc.report()?.above_share(), 0.5);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[allow(clippy::cast_precision_loss)]
    pub fn above_share(&self) -> f64 {
        self.acc.above as f64 / self.n()
    }

    /// The mean width `u − l` (the sharpness of the intervals), in the series' units.
    ///
    /// ```
    /// use wfm_forecast::{IntervalAccumulator, Level};
    /// let acc = IntervalAccumulator::from_bounds(&[1.0, 1.0], &[0.0, 0.0], &[2.0, 4.0], Level::new(0.8)?)?;
    /// assert_eq!(acc.report()?.mean_width(), 3.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn mean_width(&self) -> f64 {
        self.acc.sum_width / self.n()
    }

    /// The mean interval (Winkler) score, in the series' units: the mean width plus `2/α`
    /// times the mean distance of the misses beyond their bound. See [`IntervalReport`] for the
    /// formula.
    ///
    /// ```
    /// use wfm_forecast::{IntervalAccumulator, Level};
    /// // 95 % interval [10, 20], actual 25: 10 + (2 / 0.05) · 5 = 210.
    /// let acc = IntervalAccumulator::from_bounds(&[25.0], &[10.0], &[20.0], Level::new(0.95)?)?;
    /// assert!((acc.report()?.interval_score() - 210.0).abs() < 1e-9);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn interval_score(&self) -> f64 {
        let alpha = 1.0 - self.acc.level.get();
        (self.acc.sum_width + 2.0 / alpha * (self.acc.short_below + self.acc.short_above))
            / self.n()
    }

    /// The mean scaled interval score (MSIS of the M4 competition): the interval score divided
    /// by the training series' seasonal-naive MAE, so that series of different sizes can be
    /// compared and averaged.
    ///
    /// ```
    /// use wfm_forecast::{IntervalAccumulator, Level, TrainingScale};
    /// let scale = TrainingScale::seasonal_naive(&[10.0, 20.0, 13.0, 24.0], 2)?; // MAE 3.5
    /// let acc = IntervalAccumulator::from_bounds(&[14.0], &[10.0], &[17.0], Level::new(0.8)?)?;
    /// assert!((acc.report()?.scaled_interval_score(&scale) - 2.0).abs() < 1e-12);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn scaled_interval_score(&self, scale: &TrainingScale) -> f64 {
        self.interval_score() / scale.mae()
    }

    /// The coverage tests: exact binomial and Kupiec's likelihood ratio, under the null
    /// hypothesis that each point misses independently with probability `1 − level`.
    ///
    /// ```
    /// use wfm_forecast::{IntervalAccumulator, Level};
    /// // 95 % intervals that held 40 of 60 points: far too narrow.
    /// let mut acc = IntervalAccumulator::new(Level::new(0.95)?);
    /// for i in 0..60 {
    ///     acc.record(if i < 40 { 5.0 } else { 9.0 }, 4.0, 6.0)?;
    /// }
    /// let t = acc.report()?.coverage_test();
    /// assert!(t.exact_p_value < 1e-10 && t.likelihood_ratio_p_value < 1e-10);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn coverage_test(&self) -> CoverageTest {
        let n = self.acc.n;
        let x = self.acc.below + self.acc.above;
        let alpha = 1.0 - self.acc.level.get();
        let lr = kupiec_statistic(x, n, alpha);
        CoverageTest {
            misses: x,
            points: n,
            nominal_miss_rate: alpha,
            exact_p_value: binomial_two_sided_p(x, n, alpha),
            likelihood_ratio: lr,
            likelihood_ratio_p_value: chi_square_1_sf(lr),
        }
    }
}

/// `ln(1 + u) − u`, accurate also for small `u` (where the difference cancels): the series
/// `−u²/2 + u³/3 − …` below |u| = 0.25.
fn log1pmx(u: f64) -> f64 {
    if u.abs() >= 0.25 {
        return u.ln_1p() - u;
    }
    let (mut term, mut sum): (f64, f64) = (-u * u / 2.0, 0.0);
    let mut k = 2.0;
    while term.abs() > f64::EPSILON * 1e-3 * sum.abs().max(f64::MIN_POSITIVE) {
        sum += term;
        term *= -u * k / (k + 1.0);
        k += 1.0;
    }
    sum
}

/// Kupiec's proportion-of-failures likelihood-ratio statistic for `x` misses in `n` points at
/// miss probability `p`: `G = 2·[x·ln(x/m₁) + (n − x)·ln((n − x)/m₂)]` with expected counts
/// `m₁ = np`, `m₂ = n(1 − p)` and `0·ln 0 = 0`. Near `x = m₁` the two terms cancel to second
/// order, so with `δ = x − m₁` it is evaluated as
/// `2·[x·l(δ/m₁) + (n − x)·l(−δ/m₂) + δ²·(1/m₁ + 1/m₂)]`, `l(u) = ln(1 + u) − u`, whose terms
/// do not cancel; never negative.
#[allow(clippy::cast_precision_loss)]
fn kupiec_statistic(x: u64, n: u64, p: f64) -> f64 {
    let (xf, nf) = (x as f64, n as f64);
    let (m1, m2) = (nf * p, nf * (1.0 - p));
    let delta = xf - m1;
    let part = |count: f64, u: f64| {
        if count == 0.0 {
            0.0
        } else {
            count * log1pmx(u)
        }
    };
    let g = 2.0 * (part(xf, delta / m1) + part(nf - xf, -delta / m2))
        + 2.0 * delta * delta * (1.0 / m1 + 1.0 / m2);
    g.max(0.0)
}

/// The upper tail of the χ² distribution with one degree of freedom, `Q(1/2, s/2)` (the
/// regularised upper incomplete gamma function; statrs' `erfc(√(s/2))` is the same in exact
/// arithmetic but loses about 1e-11 relative near the 5 % point).
fn chi_square_1_sf(s: f64) -> f64 {
    if s <= 0.0 {
        return 1.0;
    }
    statrs::function::gamma::checked_gamma_ur(0.5, s / 2.0).unwrap_or(f64::NAN)
}

/// `ln P(X = k)` for `X ~ Binomial(n, p)`, `0 < p < 1`.
#[allow(clippy::cast_precision_loss)]
fn ln_pmf(k: u64, n: u64, p: f64) -> f64 {
    use statrs::function::gamma::ln_gamma;
    let (kf, nf) = (k as f64, n as f64);
    ln_gamma(nf + 1.0) - ln_gamma(kf + 1.0) - ln_gamma(nf - kf + 1.0)
        + kf * p.ln()
        + (nf - kf) * (-p).ln_1p()
}

/// `P(X ≤ k)` and `P(X ≥ k)` for `X ~ Binomial(n, p)`, through the regularised incomplete
/// beta function (no sum over terms).
fn cdf(k: u64, n: u64, p: f64) -> f64 {
    use statrs::distribution::{Binomial, DiscreteCDF};
    Binomial::new(p, n).map_or(f64::NAN, |b| b.cdf(k))
}

fn upper_tail(k: u64, n: u64, p: f64) -> f64 {
    use statrs::distribution::{Binomial, DiscreteCDF};
    if k == 0 {
        return 1.0;
    }
    Binomial::new(p, n).map_or(f64::NAN, |b| b.sf(k - 1))
}

/// The two-sided "minimum likelihood" binomial p-value: the probability of every count whose
/// probability is at most that of `x` (with the relative tolerance 1e-7 of R and scipy, so
/// that ties in exact arithmetic count as ties). The pmf is unimodal, so the counts on the far
/// side of the mean form one tail, found by bisection.
#[allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]
fn binomial_two_sided_p(x: u64, n: u64, p: f64) -> f64 {
    let mean = n as f64 * p;
    let xf = x as f64;
    if xf == mean {
        return 1.0;
    }
    let threshold = ln_pmf(x, n, p) + (1.0 + 1e-7f64).ln();
    let below = |k: u64| ln_pmf(k, n, p) <= threshold;
    let total = if xf < mean {
        // Far side: counts from ⌈mean⌉ to n, pmf decreasing; find the first at or below.
        let (mut lo, mut hi) = ((mean.ceil() as u64).min(n), n.saturating_add(1));
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if below(mid) { hi = mid } else { lo = mid + 1 }
        }
        let far = if lo > n { 0.0 } else { upper_tail(lo, n, p) };
        cdf(x, n, p) + far
    } else {
        // Far side: counts from 0 to ⌊mean⌋, pmf increasing; find the last at or below.
        let top = (mean.floor() as u64).min(n);
        let (mut lo, mut hi) = (0u64, top + 1);
        // Invariant: counts < lo are below the threshold; counts ≥ hi are not.
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if below(mid) { lo = mid + 1 } else { hi = mid }
        }
        let far = if lo == 0 { 0.0 } else { cdf(lo - 1, n, p) };
        upper_tail(x, n, p) + far
    };
    total.min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The minimum-likelihood p-value by brute force over every count.
    #[allow(clippy::cast_precision_loss)]
    fn brute(x: u64, n: u64, p: f64) -> f64 {
        let d = ln_pmf(x, n, p).exp() * (1.0 + 1e-7);
        (0..=n)
            .map(|k| ln_pmf(k, n, p).exp())
            .filter(|&q| q <= d)
            .sum::<f64>()
            .min(1.0)
    }

    #[test]
    fn two_sided_p_matches_brute_force() {
        for n in [1u64, 2, 5, 10, 37, 200] {
            for p in [0.01, 0.05, 0.2, 0.5, 0.9] {
                for x in 0..=n {
                    let (fast, slow) = (binomial_two_sided_p(x, n, p), brute(x, n, p));
                    assert!(
                        (fast - slow).abs() <= 1e-12 + 1e-9 * slow,
                        "x={x} n={n} p={p}: {fast} vs {slow}"
                    );
                }
            }
        }
    }

    #[test]
    fn kupiec_does_not_cancel_near_the_nominal_rate() {
        // n = 5.5e12 points, misses at the nominal 5 % up to rounding of n·α: the statistic is
        // δ²·(1/m₁ + 1/m₂) to leading order, far below 1e-6 (the naive form gave 4.9e-4).
        let n = 5_500_000_000_000u64;
        let x = 275_000_000_000u64;
        let g = kupiec_statistic(x, n, 0.05);
        let m1 = n as f64 * 0.05;
        let delta = x as f64 - m1;
        let leading = delta * delta * (1.0 / m1 + 1.0 / (n as f64 * 0.95));
        assert!(
            g < 1e-6 && (g - leading).abs() <= 1e-3 * leading.max(1e-300),
            "{g} {leading}"
        );
        // One more miss: δ = 1, G ≈ 1/m₁ + 1/m₂.
        let g1 = kupiec_statistic(x + 1, n, 0.05);
        let expect = 1.0 / m1 + 1.0 / (n as f64 * 0.95);
        assert!((g1 / expect - 1.0).abs() < 1e-6, "{g1} {expect}");
        // log1pmx against ln_1p − u where that is accurate.
        for u in [0.3, -0.3, 0.2, -0.2, 1e-3, -1e-3] {
            let direct = f64::ln_1p(u) - u;
            assert!((log1pmx(u) - direct).abs() <= 1e-12 * direct.abs(), "{u}");
        }
    }

    #[test]
    fn kupiec_is_zero_at_the_nominal_rate() {
        assert!(kupiec_statistic(20, 100, 0.2).abs() < 1e-12);
        assert!((chi_square_1_sf(0.0) - 1.0).abs() < 1e-15);
        // χ²(1) upper 5 % point is 3.841458820694124 (qchisq(0.95, 1) in R).
        let v = chi_square_1_sf(3.841_458_820_694_124);
        assert!((v - 0.05).abs() < 1e-12, "{v}");
    }
}
