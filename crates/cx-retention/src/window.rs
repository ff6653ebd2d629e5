//! Custom date ranges and windows of consecutive periods.
//!
//! A [`DateRange`] is any half-open `[start, end)` interval of days (a campaign, a fiscal
//! half-year); a [`PeriodWindow`] is a run of consecutive calendar periods of one unit — the
//! columns of per-period counts and cohort tables, which the accumulators address as slots.

use jiff::civil::Date;

use crate::period::{date_from_days, days_from_date};
use crate::{Period, PeriodUnit, RetentionError};

/// A custom half-open date range `[start, end)`, for periods that are not calendar units
/// (a campaign, a fiscal half-year).
///
/// ```
/// use cx_retention::{DateRange, PeriodUnit};
/// use jiff::civil::date;
///
/// let r = DateRange::new(date(2024, 1, 15), date(2024, 4, 15))?;
/// assert_eq!(r.days(), 91);
/// // The calendar months that overlap the range.
/// let months: Vec<_> = r.periods(PeriodUnit::Month)?.iter().map(|p| p.start()).collect();
/// assert_eq!(months, [date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1), date(2024, 4, 1)]);
/// # Ok::<(), cx_retention::RetentionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawRange"))]
pub struct DateRange {
    start: Date,
    end: Date,
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawRange {
    start: Date,
    end: Date,
}

#[cfg(feature = "serde")]
impl TryFrom<RawRange> for DateRange {
    type Error = RetentionError;
    fn try_from(r: RawRange) -> Result<Self, RetentionError> {
        DateRange::new(r.start, r.end)
    }
}

impl DateRange {
    /// The range from `start` (inclusive) to `end` (exclusive).
    ///
    /// # Errors
    /// [`RetentionError::EndNotAfterStart`] unless `start < end`.
    ///
    /// ```
    /// use cx_retention::DateRange;
    /// use jiff::civil::date;
    /// assert!(DateRange::new(date(2024, 2, 1), date(2024, 2, 1)).is_err());
    /// ```
    pub fn new(start: Date, end: Date) -> Result<DateRange, RetentionError> {
        if start < end {
            Ok(DateRange { start, end })
        } else {
            Err(RetentionError::EndNotAfterStart { start, end })
        }
    }

    /// The first day (inclusive).
    ///
    /// ```
    /// use cx_retention::DateRange;
    /// use jiff::civil::date;
    /// assert_eq!(DateRange::new(date(2024, 2, 1), date(2024, 3, 1))?.start(), date(2024, 2, 1));
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn start(self) -> Date {
        self.start
    }

    /// The day after the last day (exclusive).
    ///
    /// ```
    /// use cx_retention::DateRange;
    /// use jiff::civil::date;
    /// assert_eq!(DateRange::new(date(2024, 2, 1), date(2024, 3, 1))?.end(), date(2024, 3, 1));
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn end(self) -> Date {
        self.end
    }

    /// Number of days in the range.
    ///
    /// ```
    /// use cx_retention::DateRange;
    /// use jiff::civil::date;
    /// assert_eq!(DateRange::new(date(2024, 2, 1), date(2024, 3, 1))?.days(), 29);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn days(self) -> i64 {
        days_from_date(self.end) - days_from_date(self.start)
    }

    /// Whether `date` lies in `[start, end)`.
    ///
    /// ```
    /// use cx_retention::DateRange;
    /// use jiff::civil::date;
    /// let r = DateRange::new(date(2024, 2, 1), date(2024, 3, 1))?;
    /// assert!(r.contains(date(2024, 2, 29)) && !r.contains(date(2024, 3, 1)));
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn contains(self, date: Date) -> bool {
        self.start <= date && date < self.end
    }

    /// The window of `unit` periods that overlap this range.
    ///
    /// # Errors
    /// [`RetentionError::DateOutOfRange`] if a covering period is outside the supported dates.
    ///
    /// ```
    /// use cx_retention::{DateRange, PeriodUnit};
    /// use jiff::civil::date;
    /// let r = DateRange::new(date(2024, 1, 1), date(2025, 1, 1))?;
    /// assert_eq!(r.periods(PeriodUnit::Quarter)?.len(), 4);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn periods(self, unit: PeriodUnit) -> Result<PeriodWindow, RetentionError> {
        let first = Period::containing(unit, self.start)?;
        let last_day = date_from_days(days_from_date(self.end) - 1).unwrap_or(self.start);
        let last = Period::containing(unit, last_day)?;
        PeriodWindow::new(first, last.next()?)
    }
}

/// Consecutive periods of one unit, from `first` (inclusive) to `end` (exclusive): the columns
/// of per-period counts and cohort tables.
///
/// ```
/// use cx_retention::{Period, PeriodUnit, PeriodWindow};
/// use jiff::civil::date;
///
/// let jan = Period::containing(PeriodUnit::Month, date(2024, 1, 1))?;
/// let w = PeriodWindow::new(jan, jan.offset(12)?)?;
/// assert_eq!(w.len(), 12);
/// assert_eq!(w.position(date(2024, 12, 31)), Some(11));
/// assert_eq!(w.position(date(2025, 1, 1)), None);
/// assert_eq!(w.iter().last().map(|p| p.start()), Some(date(2024, 12, 1)));
/// # Ok::<(), cx_retention::RetentionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawWindow", into = "RawWindow"))]
pub struct PeriodWindow {
    first: Period,
    len: usize,
}

/// Serialised form of a window: unit, first period start and length, re-validated on input.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct RawWindow {
    unit: PeriodUnit,
    first_start: Date,
    len: usize,
}

#[cfg(feature = "serde")]
impl From<PeriodWindow> for RawWindow {
    fn from(w: PeriodWindow) -> RawWindow {
        RawWindow {
            unit: w.first.unit,
            first_start: w.first.start(),
            len: w.len,
        }
    }
}

#[cfg(feature = "serde")]
impl TryFrom<RawWindow> for PeriodWindow {
    type Error = RetentionError;
    fn try_from(r: RawWindow) -> Result<Self, RetentionError> {
        let first = Period::containing(r.unit, r.first_start)?;
        if first.start() != r.first_start {
            return Err(RetentionError::DateOutOfRange {
                unit: r.unit,
                date: r.first_start,
            });
        }
        let len = i64::try_from(r.len).unwrap_or(i64::MAX);
        PeriodWindow::new(first, first.offset(len)?)
    }
}

/// Largest number of periods in a window: about 4 years of days, 28 years of weeks, 125 years
/// of months. Cohort tables are triangular (`n(n + 1)/2` cells of about 64 bytes), so this bounds
/// an accumulator at about 72 MB; use a coarser unit for longer spans.
///
/// ```
/// assert_eq!(cx_retention::MAX_WINDOW_PERIODS, 1500);
/// ```
pub const MAX_WINDOW_PERIODS: usize = 1_500;

impl PeriodWindow {
    /// The periods from `first` (inclusive) to `end` (exclusive).
    ///
    /// # Errors
    /// [`RetentionError::UnitMismatch`] if the units differ; [`RetentionError::WindowLength`]
    /// unless `1 ≤ len ≤` [`MAX_WINDOW_PERIODS`].
    ///
    /// ```
    /// use cx_retention::{Period, PeriodUnit, PeriodWindow};
    /// let jan = Period::containing(PeriodUnit::Month, jiff::civil::date(2024, 1, 1))?;
    /// assert!(PeriodWindow::new(jan, jan).is_err()); // empty
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn new(first: Period, end: Period) -> Result<PeriodWindow, RetentionError> {
        let len = first.periods_until(end)?;
        let max = MAX_WINDOW_PERIODS as i64;
        if !(1..=max).contains(&len) {
            return Err(RetentionError::WindowLength { len, max });
        }
        Ok(PeriodWindow {
            first,
            len: len as usize,
        })
    }

    /// The unit of the window's periods.
    ///
    /// ```
    /// use cx_retention::{DateRange, PeriodUnit};
    /// use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2024, 2, 1))?.periods(PeriodUnit::Day)?;
    /// assert_eq!((w.unit(), w.len()), (PeriodUnit::Day, 31));
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn unit(self) -> PeriodUnit {
        self.first.unit
    }

    /// The first period.
    ///
    /// ```
    /// use cx_retention::{DateRange, PeriodUnit};
    /// use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 10), date(2024, 3, 1))?.periods(PeriodUnit::Month)?;
    /// assert_eq!(w.first().start(), date(2024, 1, 1));
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn first(self) -> Period {
        self.first
    }

    /// Number of periods (at least 1).
    ///
    /// ```
    /// use cx_retention::{DateRange, PeriodUnit};
    /// use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 10), date(2024, 3, 1))?.periods(PeriodUnit::Month)?;
    /// assert_eq!(w.len(), 2);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    #[allow(clippy::len_without_is_empty)] // never empty by construction
    pub fn len(self) -> usize {
        self.len
    }

    /// The `i`-th period, if `i < len`.
    ///
    /// ```
    /// use cx_retention::{DateRange, PeriodUnit};
    /// use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2024, 3, 1))?.periods(PeriodUnit::Month)?;
    /// assert_eq!(w.get(1).map(|p| p.start()), Some(date(2024, 2, 1)));
    /// assert_eq!(w.get(2), None);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn get(self, i: usize) -> Option<Period> {
        (i < self.len).then(|| Period {
            unit: self.first.unit,
            index: self.first.index + i as i64,
        })
    }

    /// Slot of the period containing `date`, if it is in the window.
    ///
    /// ```
    /// use cx_retention::{DateRange, PeriodUnit};
    /// use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2024, 3, 1))?.periods(PeriodUnit::Month)?;
    /// assert_eq!(w.position(date(2024, 2, 14)), Some(1));
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn position(self, date: Date) -> Option<usize> {
        let rel = self.relative_index(self.first.unit.index_of(date));
        (0..self.len as i64).contains(&rel).then_some(rel as usize)
    }

    /// Period index relative to the first period (may be negative or ≥ len).
    pub(crate) fn relative_index(self, index: i64) -> i64 {
        index - self.first.index
    }

    /// The periods in order.
    ///
    /// ```
    /// use cx_retention::{DateRange, PeriodUnit};
    /// use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2024, 1, 15))?.periods(PeriodUnit::IsoWeek)?;
    /// let starts: Vec<_> = w.iter().map(|p| p.start()).collect();
    /// assert_eq!(starts, [date(2024, 1, 1), date(2024, 1, 8)]);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn iter(self) -> impl ExactSizeIterator<Item = Period> + DoubleEndedIterator {
        (0..self.len).map(move |i| Period {
            unit: self.first.unit,
            index: self.first.index + i as i64,
        })
    }
}
