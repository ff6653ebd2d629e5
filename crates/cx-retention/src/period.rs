//! Calendar periods on [`jiff::civil::Date`]: day, ISO week, month, quarter, year (custom
//! ranges and windows of periods are in [`DateRange`](crate::DateRange) and
//! [`PeriodWindow`](crate::PeriodWindow)).
//!
//! Every period is half-open: it **includes its start date and excludes its end date**, so
//! consecutive periods tile the calendar with no gap and no overlap (`p.end() == p.next()?.start()`).
//! ISO weeks start on Monday (ISO 8601); quarters start in January, April, July and October.
//! Fiscal years and quarters start in any month ([`FiscalStart`]): a fiscal year starting in
//! April runs from 1 April to 31 March and is numbered by the calendar year it starts in (the
//! UK and Indian convention for "2024-25"; the US federal government and many US companies
//! name a fiscal year by the year it ends in, one more than this index).
//!
//! A period is identified by its unit and an integer *index* (days since 1970-01-01, ISO weeks
//! since the week of 1970-01-01, `12·year + month − 1`, `4·year + quarter − 1`, the year, and
//! for fiscal units the same counts taken from the fiscal start: a fiscal year's index is the
//! calendar year it starts in, a fiscal quarter's `4·(that year) + quarter − 1`),
//! which makes "the period containing a date" a few integer operations and lets the
//! accumulators of this crate address periods as array slots.
//!
//! Supported periods lie wholly within jiff's dates: start ≥ -9999-01-01 and (exclusive)
//! end ≤ 9999-12-31. Stepping past them is a [`RetentionError::DateOutOfRange`], never a panic.

use core::fmt;

use jiff::civil::Date;

use crate::RetentionError;

/// The length of a calendar period.
///
/// ```
/// use cx_retention::PeriodUnit;
/// assert_eq!(PeriodUnit::Quarter.to_string(), "quarter");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum PeriodUnit {
    /// One calendar day.
    Day,
    /// One ISO 8601 week, Monday to Sunday.
    IsoWeek,
    /// One calendar month.
    Month,
    /// One calendar quarter (January–March, April–June, July–September, October–December).
    Quarter,
    /// One calendar year.
    Year,
    /// Three months from a fiscal year's start month (with an April start: April–June is the
    /// first fiscal quarter).
    FiscalQuarter(FiscalStart),
    /// Twelve months from the fiscal start month (April 2024 – March 2025 is fiscal year 2024
    /// with an April start).
    FiscalYear(FiscalStart),
}

/// The first month of a fiscal year, 1 (January) to 12 (December).
///
/// ```
/// use cx_retention::{FiscalStart, Period, PeriodUnit};
/// use jiff::civil::date;
/// let april = FiscalStart::new(4)?;
/// let fy = Period::containing(PeriodUnit::FiscalYear(april), date(2025, 2, 14))?;
/// assert_eq!((fy.start(), fy.end()), (date(2024, 4, 1), date(2025, 4, 1)));
/// assert!(FiscalStart::new(13).is_err());
/// # Ok::<(), cx_retention::RetentionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "u8", into = "u8"))]
pub struct FiscalStart(u8);

impl FiscalStart {
    /// The fiscal year starting in `month` (1–12).
    ///
    /// # Errors
    /// [`RetentionError::InvalidParameter`] outside 1..=12.
    ///
    /// ```
    /// assert_eq!(cx_retention::FiscalStart::new(7)?.month(), 7);
    /// assert!(cx_retention::FiscalStart::new(0).is_err());
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn new(month: u8) -> Result<FiscalStart, RetentionError> {
        if (1..=12).contains(&month) {
            Ok(FiscalStart(month))
        } else {
            Err(RetentionError::InvalidParameter {
                name: "fiscal start month",
                value: f64::from(month),
                rule: "a month from 1 (January) to 12 (December)",
            })
        }
    }

    /// The start month, 1–12.
    ///
    /// ```
    /// assert_eq!(cx_retention::FiscalStart::new(10)?.month(), 10);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn month(self) -> u8 {
        self.0
    }

    /// Months from the calendar year's start to the fiscal year's, 0–11.
    fn shift(self) -> i64 {
        i64::from(self.0) - 1
    }
}

impl TryFrom<u8> for FiscalStart {
    type Error = RetentionError;
    fn try_from(month: u8) -> Result<FiscalStart, RetentionError> {
        FiscalStart::new(month)
    }
}

impl From<FiscalStart> for u8 {
    fn from(s: FiscalStart) -> u8 {
        s.0
    }
}

/// Month names for [`PeriodUnit`]'s display.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl fmt::Display for PeriodUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let month = |s: &FiscalStart| MONTHS[usize::from(s.0 - 1)];
        match self {
            PeriodUnit::Day => f.write_str("day"),
            PeriodUnit::IsoWeek => f.write_str("ISO week"),
            PeriodUnit::Month => f.write_str("month"),
            PeriodUnit::Quarter => f.write_str("quarter"),
            PeriodUnit::Year => f.write_str("year"),
            PeriodUnit::FiscalQuarter(s) => write!(f, "fiscal quarter (year from {})", month(s)),
            PeriodUnit::FiscalYear(s) => write!(f, "fiscal year (from {})", month(s)),
        }
    }
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian; H. Hinnant's `days_from_civil`).
pub(crate) fn days_from_date(date: Date) -> i64 {
    let (y, m, d) = (
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date `days` after 1970-01-01 (inverse of [`days_from_date`]), if jiff supports it.
pub(crate) fn date_from_days(days: i64) -> Option<Date> {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Date::new(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    )
    .ok()
}

impl PeriodUnit {
    /// The index of the period of this unit that contains `date` (see the module docs).
    ///
    /// ```
    /// use cx_retention::PeriodUnit;
    /// use jiff::civil::date;
    /// assert_eq!(PeriodUnit::Day.index_of(date(1970, 1, 2)), 1);
    /// assert_eq!(PeriodUnit::Month.index_of(date(2024, 3, 31)), 2024 * 12 + 2);
    /// ```
    #[must_use]
    pub fn index_of(self, date: Date) -> i64 {
        match self {
            PeriodUnit::Day => days_from_date(date),
            PeriodUnit::IsoWeek => (days_from_date(date) + 3).div_euclid(7),
            PeriodUnit::Month => i64::from(date.year()) * 12 + i64::from(date.month()) - 1,
            PeriodUnit::Quarter => i64::from(date.year()) * 4 + (i64::from(date.month()) - 1) / 3,
            PeriodUnit::Year => i64::from(date.year()),
            PeriodUnit::FiscalQuarter(s) => (months_of(date) - s.shift()).div_euclid(3),
            PeriodUnit::FiscalYear(s) => (months_of(date) - s.shift()).div_euclid(12),
        }
    }

    /// First day of the period with this index, if it is a supported date.
    fn start_of_index(self, index: i64) -> Option<Date> {
        match self {
            PeriodUnit::Day => date_from_days(index),
            PeriodUnit::IsoWeek => date_from_days(index.checked_mul(7)?.checked_sub(3)?),
            PeriodUnit::Month => ymd(index.div_euclid(12), index.rem_euclid(12) + 1),
            PeriodUnit::Quarter => ymd(index.div_euclid(4), index.rem_euclid(4) * 3 + 1),
            PeriodUnit::Year => ymd(index, 1),
            PeriodUnit::FiscalQuarter(s) => {
                let m = index.checked_mul(3)?.checked_add(s.shift())?;
                ymd(m.div_euclid(12), m.rem_euclid(12) + 1)
            }
            PeriodUnit::FiscalYear(s) => ymd(index, i64::from(s.0)),
        }
    }

    /// Smallest supported index: the first period starting on or after -9999-01-01.
    fn min_index(self) -> i64 {
        let i = self.index_of(Date::MIN);
        if self.start_of_index(i) == Some(Date::MIN) {
            i
        } else {
            i + 1
        }
    }

    /// Largest supported index: the last period ending (exclusive) on or before 9999-12-31.
    fn max_index(self) -> i64 {
        self.index_of(Date::MAX) - 1
    }
}

/// Months since year 0: `12·year + month − 1`.
fn months_of(date: Date) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month()) - 1
}

fn ymd(year: i64, month: i64) -> Option<Date> {
    Date::new(i16::try_from(year).ok()?, i8::try_from(month).ok()?, 1).ok()
}

/// One calendar period: a unit and the half-open date interval `[start, end)` it covers.
///
/// ```
/// use cx_retention::{Period, PeriodUnit};
/// use jiff::civil::date;
///
/// let q = Period::containing(PeriodUnit::Quarter, date(2024, 5, 17))?;
/// assert_eq!(q.start(), date(2024, 4, 1));
/// assert_eq!(q.end(), date(2024, 7, 1)); // exclusive
/// assert!(q.contains(date(2024, 6, 30)) && !q.contains(date(2024, 7, 1)));
/// assert_eq!(q.next()?.start(), q.end());
/// assert_eq!(q.to_string(), "quarter 2024-04-01..2024-07-01");
/// # Ok::<(), cx_retention::RetentionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    pub(crate) unit: PeriodUnit,
    /// Within the supported range (checked by `from_index`; windows only build periods between
    /// two checked ones).
    pub(crate) index: i64,
}

impl Period {
    /// The period of `unit` that contains `date`.
    ///
    /// # Errors
    /// [`RetentionError::DateOutOfRange`] if that period starts before -9999-01-01 or ends after
    /// 9999-12-31.
    ///
    /// ```
    /// use cx_retention::{Period, PeriodUnit};
    /// use jiff::civil::date;
    /// // 2021-01-03 is a Sunday in ISO week 2020-W53, which starts on Monday 2020-12-28.
    /// let w = Period::containing(PeriodUnit::IsoWeek, date(2021, 1, 3))?;
    /// assert_eq!(w.start(), date(2020, 12, 28));
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn containing(unit: PeriodUnit, date: Date) -> Result<Period, RetentionError> {
        Period::from_index(unit, unit.index_of(date))
            .map_err(|_| RetentionError::DateOutOfRange { unit, date })
    }

    /// The period of `unit` with the given index (see the module docs for the numbering).
    ///
    /// # Errors
    /// [`RetentionError::DateOutOfRange`] if the index is outside the supported dates.
    ///
    /// ```
    /// use cx_retention::{Period, PeriodUnit};
    /// use jiff::civil::date;
    /// let m = Period::from_index(PeriodUnit::Month, 2024 * 12)?;
    /// assert_eq!(m.start(), date(2024, 1, 1));
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn from_index(unit: PeriodUnit, index: i64) -> Result<Period, RetentionError> {
        if index < unit.min_index() || index > unit.max_index() {
            let date = if index < unit.min_index() {
                Date::MIN
            } else {
                Date::MAX
            };
            return Err(RetentionError::DateOutOfRange { unit, date });
        }
        Ok(Period { unit, index })
    }

    /// The unit of this period.
    ///
    /// ```
    /// use cx_retention::{Period, PeriodUnit};
    /// let y = Period::containing(PeriodUnit::Year, jiff::civil::date(2024, 5, 1))?;
    /// assert_eq!(y.unit(), PeriodUnit::Year);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn unit(self) -> PeriodUnit {
        self.unit
    }

    /// The index of this period (see the module docs).
    ///
    /// ```
    /// use cx_retention::{Period, PeriodUnit};
    /// let y = Period::containing(PeriodUnit::Year, jiff::civil::date(2024, 5, 1))?;
    /// assert_eq!(y.index(), 2024);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn index(self) -> i64 {
        self.index
    }

    /// First day of the period (inclusive).
    ///
    /// ```
    /// use cx_retention::{Period, PeriodUnit};
    /// use jiff::civil::date;
    /// let m = Period::containing(PeriodUnit::Month, date(2024, 2, 29))?;
    /// assert_eq!(m.start(), date(2024, 2, 1));
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn start(self) -> Date {
        // In range by construction (`from_index` checks both ends).
        self.unit.start_of_index(self.index).unwrap_or(Date::MIN)
    }

    /// The day after the period's last day (exclusive end).
    ///
    /// ```
    /// use cx_retention::{Period, PeriodUnit};
    /// use jiff::civil::date;
    /// let m = Period::containing(PeriodUnit::Month, date(2024, 2, 29))?;
    /// assert_eq!(m.end(), date(2024, 3, 1));
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn end(self) -> Date {
        self.unit
            .start_of_index(self.index + 1)
            .unwrap_or(Date::MAX)
    }

    /// Whether `date` lies in `[start, end)`.
    ///
    /// ```
    /// use cx_retention::{Period, PeriodUnit};
    /// use jiff::civil::date;
    /// let d = Period::containing(PeriodUnit::Day, date(2024, 2, 29))?;
    /// assert!(d.contains(date(2024, 2, 29)) && !d.contains(date(2024, 3, 1)));
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn contains(self, date: Date) -> bool {
        self.unit.index_of(date) == self.index
    }

    /// The period `n` periods later (earlier if `n < 0`).
    ///
    /// # Errors
    /// [`RetentionError::DateOutOfRange`] past the supported dates.
    ///
    /// ```
    /// use cx_retention::{Period, PeriodUnit};
    /// use jiff::civil::date;
    /// let m = Period::containing(PeriodUnit::Month, date(2024, 11, 5))?;
    /// assert_eq!(m.offset(3)?.start(), date(2025, 2, 1));
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn offset(self, n: i64) -> Result<Period, RetentionError> {
        let out = RetentionError::DateOutOfRange {
            unit: self.unit,
            date: self.start(),
        };
        let index = self.index.checked_add(n).ok_or_else(|| out.clone())?;
        Period::from_index(self.unit, index).map_err(|_| out)
    }

    /// The following period.
    ///
    /// # Errors
    /// [`RetentionError::DateOutOfRange`] past 9999-12-31.
    ///
    /// ```
    /// use cx_retention::{Period, PeriodUnit};
    /// use jiff::civil::date;
    /// let y = Period::containing(PeriodUnit::Year, date(2024, 1, 1))?;
    /// assert_eq!(y.next()?.start(), date(2025, 1, 1));
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn next(self) -> Result<Period, RetentionError> {
        self.offset(1)
    }

    /// The preceding period.
    ///
    /// # Errors
    /// [`RetentionError::DateOutOfRange`] before -9999-01-01.
    ///
    /// ```
    /// use cx_retention::{Period, PeriodUnit};
    /// use jiff::civil::date;
    /// let w = Period::containing(PeriodUnit::IsoWeek, date(2024, 1, 3))?;
    /// assert_eq!(w.previous()?.start(), date(2023, 12, 25));
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn previous(self) -> Result<Period, RetentionError> {
        self.offset(-1)
    }

    /// How many periods `later` is after `self` (negative if before).
    ///
    /// # Errors
    /// [`RetentionError::UnitMismatch`] if the units differ.
    ///
    /// ```
    /// use cx_retention::{Period, PeriodUnit};
    /// use jiff::civil::date;
    /// let a = Period::containing(PeriodUnit::Month, date(2023, 11, 1))?;
    /// let b = Period::containing(PeriodUnit::Month, date(2024, 2, 1))?;
    /// assert_eq!(a.periods_until(b)?, 3);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn periods_until(self, later: Period) -> Result<i64, RetentionError> {
        if self.unit != later.unit {
            return Err(RetentionError::UnitMismatch {
                left: self.unit,
                right: later.unit,
            });
        }
        Ok(later.index - self.index)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}..{}", self.unit, self.start(), self.end())
    }
}

#[cfg(feature = "serde")]
mod period_serde {
    use super::{Period, PeriodUnit};
    use jiff::civil::Date;

    #[derive(serde::Serialize, serde::Deserialize)]
    struct Raw {
        unit: PeriodUnit,
        start: Date,
    }

    impl serde::Serialize for Period {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            Raw {
                unit: self.unit,
                start: self.start(),
            }
            .serialize(s)
        }
    }

    impl<'de> serde::Deserialize<'de> for Period {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let raw = Raw::deserialize(d)?;
            let p = Period::containing(raw.unit, raw.start).map_err(serde::de::Error::custom)?;
            if p.start() != raw.start {
                return Err(serde::de::Error::custom(format!(
                    "{} does not start a {} period (it starts on {})",
                    raw.start,
                    raw.unit,
                    p.start()
                )));
            }
            Ok(p)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn day_numbering_matches_jiff_over_all_supported_dates_sampled() {
        let mut d = Date::MIN;
        let mut n = days_from_date(d);
        while d < Date::MAX {
            assert_eq!(days_from_date(d), n);
            assert_eq!(date_from_days(n), Some(d));
            let Ok(next) = d.checked_add(jiff::Span::new().days(37)) else {
                break;
            };
            d = next;
            n += 37;
        }
        assert_eq!(days_from_date(date(1970, 1, 1)), 0);
    }

    #[test]
    fn iso_weeks_start_on_monday_and_match_jiff_iso_week_numbers() {
        let mut d = date(1999, 12, 20);
        while d < date(2031, 1, 10) {
            let w = Period::containing(PeriodUnit::IsoWeek, d).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(w.start().weekday(), jiff::civil::Weekday::Monday);
            let iso = d
                .iso_week_date()
                .first_of_week()
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(w.start(), iso.date());
            assert!(w.contains(d));
            d = d.tomorrow().unwrap_or(Date::MAX);
        }
    }

    /// Every unit, with fiscal years and quarters from each start month.
    fn all_units() -> Vec<PeriodUnit> {
        let mut units = vec![
            PeriodUnit::Day,
            PeriodUnit::IsoWeek,
            PeriodUnit::Month,
            PeriodUnit::Quarter,
            PeriodUnit::Year,
        ];
        for m in 1..=12 {
            let s = FiscalStart::new(m).unwrap_or_else(|e| panic!("{e}"));
            units.push(PeriodUnit::FiscalQuarter(s));
            units.push(PeriodUnit::FiscalYear(s));
        }
        units
    }

    #[test]
    fn fiscal_periods_start_in_their_month_and_january_gives_the_calendar() {
        let jan = FiscalStart::new(1).unwrap_or_else(|e| panic!("{e}"));
        let apr = FiscalStart::new(4).unwrap_or_else(|e| panic!("{e}"));
        let mut d = date(2019, 1, 1);
        while d < date(2027, 1, 1) {
            for (fiscal, calendar) in [
                (PeriodUnit::FiscalYear(jan), PeriodUnit::Year),
                (PeriodUnit::FiscalQuarter(jan), PeriodUnit::Quarter),
            ] {
                let (a, b) = (
                    Period::containing(fiscal, d).unwrap_or_else(|e| panic!("{e}")),
                    Period::containing(calendar, d).unwrap_or_else(|e| panic!("{e}")),
                );
                assert_eq!(
                    (a.start(), a.end(), a.index()),
                    (b.start(), b.end(), b.index())
                );
            }
            let fy = Period::containing(PeriodUnit::FiscalYear(apr), d)
                .unwrap_or_else(|e| panic!("{e}"));
            let fy_year = if d.month() >= 4 {
                d.year()
            } else {
                d.year() - 1
            };
            assert_eq!(fy.start(), date(fy_year, 4, 1));
            assert_eq!(fy.end(), date(fy_year + 1, 4, 1));
            assert_eq!(fy.index(), i64::from(fy_year));
            let fq = Period::containing(PeriodUnit::FiscalQuarter(apr), d)
                .unwrap_or_else(|e| panic!("{e}"));
            assert!(fq.contains(d) && fq.start().day() == 1);
            assert_eq!((fq.start().month() - 4).rem_euclid(3), 0);
            d = d.tomorrow().unwrap_or_else(|e| panic!("{e}"));
        }
        // 2025-02-14 is in the fourth quarter of fiscal year 2024 (from April).
        let q = Period::containing(PeriodUnit::FiscalQuarter(apr), date(2025, 2, 14))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((q.start(), q.index()), (date(2025, 1, 1), 4 * 2024 + 3));
        assert_eq!(
            PeriodUnit::FiscalYear(apr).to_string(),
            "fiscal year (from April)"
        );
    }

    #[test]
    fn periods_tile_the_calendar_for_every_unit() {
        for unit in all_units() {
            let mut p =
                Period::containing(unit, date(2019, 12, 30)).unwrap_or_else(|e| panic!("{e}"));
            for _ in 0..50 {
                let n = p.next().unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(p.end(), n.start());
                assert_eq!(n.previous(), Ok(p));
                assert!(!p.contains(p.end()) && p.contains(p.start()));
                p = n;
            }
        }
    }

    #[test]
    fn stepping_past_supported_dates_is_an_error_not_a_panic() {
        for unit in all_units() {
            let lo = Period::from_index(unit, unit.min_index()).unwrap_or_else(|e| panic!("{e}"));
            assert!(lo.start() >= Date::MIN);
            assert!(lo.previous().is_err());
            let hi = Period::from_index(unit, unit.max_index()).unwrap_or_else(|e| panic!("{e}"));
            assert!(hi.end() <= Date::MAX);
            assert!(hi.next().is_err());
            assert!(hi.offset(i64::MAX).is_err());
        }
        assert!(Period::containing(PeriodUnit::Year, date(9999, 6, 1)).is_err());
    }

    #[test]
    fn quarters_start_in_jan_apr_jul_oct() {
        for (m, s) in [
            (1, 1),
            (3, 1),
            (4, 4),
            (6, 4),
            (7, 7),
            (9, 7),
            (10, 10),
            (12, 10),
        ] {
            let q = Period::containing(PeriodUnit::Quarter, date(2023, m, 15))
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(q.start(), date(2023, s, 1));
        }
    }
}
