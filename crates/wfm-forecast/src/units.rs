//! Time spans, interval lengths and volumes: the units of a forecast.
//!
//! A [`TimeSpan`] is built from seconds or from minutes and read back in either, so a handle
//! time of "3" can never be taken for seconds when it meant minutes: there is no constructor
//! from a bare number. Internally every span is held in seconds as `f64`.

use crate::error::{Error, Result};

/// A non-negative, finite length of time (handle time, answer-time target, patience, ASA).
///
/// ```
/// use wfm_forecast::TimeSpan;
///
/// let aht = TimeSpan::from_minutes(3.0)?;
/// assert_eq!(aht, TimeSpan::from_seconds(180.0)?);
/// assert_eq!(aht.seconds(), 180.0);
/// assert_eq!(aht.minutes(), 3.0);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "f64", into = "f64")
)]
pub struct TimeSpan {
    seconds: f64,
}

impl TimeSpan {
    /// A span of `seconds` seconds; errors unless finite and `>= 0`.
    ///
    /// ```
    /// use wfm_forecast::TimeSpan;
    /// assert_eq!(TimeSpan::from_seconds(20.0)?.seconds(), 20.0);
    /// assert!(TimeSpan::from_seconds(f64::NAN).is_err());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn from_seconds(seconds: f64) -> Result<Self> {
        if seconds.is_finite() && seconds >= 0.0 {
            // `+ 0.0` turns a negative zero into a positive one.
            Ok(Self {
                seconds: seconds + 0.0,
            })
        } else {
            Err(Error::InvalidTimeSpan { seconds })
        }
    }

    /// A span of `minutes` minutes; errors unless finite and `>= 0`.
    ///
    /// ```
    /// use wfm_forecast::TimeSpan;
    /// assert_eq!(TimeSpan::from_minutes(0.5)?.seconds(), 30.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn from_minutes(minutes: f64) -> Result<Self> {
        let seconds = minutes * 60.0;
        if minutes.is_finite() && seconds.is_finite() && minutes >= 0.0 {
            Ok(Self {
                seconds: seconds + 0.0,
            })
        } else {
            Err(Error::InvalidTimeSpan { seconds })
        }
    }

    /// The span in seconds.
    ///
    /// ```
    /// use wfm_forecast::TimeSpan;
    /// assert_eq!(TimeSpan::from_minutes(2.0)?.seconds(), 120.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn seconds(self) -> f64 {
        self.seconds
    }

    /// The span in minutes.
    ///
    /// ```
    /// use wfm_forecast::TimeSpan;
    /// assert_eq!(TimeSpan::from_seconds(90.0)?.minutes(), 1.5);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn minutes(self) -> f64 {
        self.seconds / 60.0
    }

    /// A span from seconds already known to be finite and positive.
    pub(crate) fn from_positive_seconds(seconds: f64) -> Self {
        debug_assert!(seconds.is_finite() && seconds > 0.0);
        Self { seconds }
    }

    /// Checks that the span is strictly positive, naming `parameter` in the error.
    pub(crate) fn positive(self, parameter: &'static str) -> Result<f64> {
        if self.seconds > 0.0 {
            Ok(self.seconds)
        } else {
            Err(Error::NonPositiveTimeSpan {
                parameter,
                seconds: self.seconds,
            })
        }
    }
}

impl TryFrom<f64> for TimeSpan {
    type Error = Error;
    /// Seconds, as in [`TimeSpan::from_seconds`] (used by serde).
    fn try_from(seconds: f64) -> Result<Self> {
        Self::from_seconds(seconds)
    }
}

impl From<TimeSpan> for f64 {
    /// Seconds.
    fn from(span: TimeSpan) -> f64 {
        span.seconds
    }
}

impl TryFrom<core::time::Duration> for TimeSpan {
    type Error = Error;
    /// Any `std::time::Duration` is a valid span.
    ///
    /// ```
    /// use wfm_forecast::TimeSpan;
    /// let t = TimeSpan::try_from(std::time::Duration::from_secs(20))?;
    /// assert_eq!(t.seconds(), 20.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    fn try_from(d: core::time::Duration) -> Result<Self> {
        Self::from_seconds(d.as_secs_f64())
    }
}

/// Seconds in a day.
const DAY_SECONDS: u32 = 86_400;

/// The length of one forecast interval: a whole number of seconds that divides a day exactly
/// (15, 30 or 60 minutes, or 5 minutes, or 2 hours, …), so that intervals tile every day.
///
/// ```
/// use wfm_forecast::IntervalLength;
///
/// let half_hour = IntervalLength::from_minutes(30)?;
/// assert_eq!(half_hour, IntervalLength::MINUTES_30);
/// assert_eq!(half_hour.per_day(), 48);
/// assert!(IntervalLength::from_minutes(7).is_err()); // 7 does not divide 1440
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "u32", into = "u32")
)]
pub struct IntervalLength {
    seconds: u32,
}

impl IntervalLength {
    /// 15 minutes.
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// assert_eq!(IntervalLength::MINUTES_15.seconds(), 900);
    /// ```
    pub const MINUTES_15: Self = Self { seconds: 900 };
    /// 30 minutes.
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// assert_eq!(IntervalLength::MINUTES_30.per_day(), 48);
    /// ```
    pub const MINUTES_30: Self = Self { seconds: 1800 };
    /// 60 minutes.
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// assert_eq!(IntervalLength::HOUR.span().minutes(), 60.0);
    /// ```
    pub const HOUR: Self = Self { seconds: 3600 };

    /// An interval of `seconds` seconds; errors unless it is positive and divides 86,400.
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// assert_eq!(IntervalLength::from_seconds(900)?, IntervalLength::MINUTES_15);
    /// assert!(IntervalLength::from_seconds(0).is_err());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn from_seconds(seconds: u32) -> Result<Self> {
        if seconds > 0 && DAY_SECONDS.is_multiple_of(seconds) {
            Ok(Self { seconds })
        } else {
            Err(Error::InvalidInterval {
                seconds: u64::from(seconds),
            })
        }
    }

    /// An interval of `minutes` minutes; errors unless it is positive and divides 1,440.
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// assert_eq!(IntervalLength::from_minutes(60)?, IntervalLength::HOUR);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn from_minutes(minutes: u32) -> Result<Self> {
        match minutes.checked_mul(60) {
            Some(s) => Self::from_seconds(s),
            None => Err(Error::InvalidInterval {
                seconds: u64::from(minutes) * 60,
            }),
        }
    }

    /// The length in seconds.
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// assert_eq!(IntervalLength::MINUTES_15.seconds(), 900);
    /// ```
    pub fn seconds(self) -> u32 {
        self.seconds
    }

    /// The length as a [`TimeSpan`].
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// assert_eq!(IntervalLength::HOUR.span().minutes(), 60.0);
    /// ```
    pub fn span(self) -> TimeSpan {
        TimeSpan {
            seconds: f64::from(self.seconds),
        }
    }

    /// How many intervals make a day.
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// assert_eq!(IntervalLength::MINUTES_15.per_day(), 96);
    /// ```
    pub fn per_day(self) -> u32 {
        DAY_SECONDS / self.seconds
    }
}

impl TryFrom<u32> for IntervalLength {
    type Error = Error;
    /// Seconds, as in [`IntervalLength::from_seconds`] (used by serde).
    fn try_from(seconds: u32) -> Result<Self> {
        Self::from_seconds(seconds)
    }
}

impl From<IntervalLength> for u32 {
    /// Seconds.
    fn from(len: IntervalLength) -> u32 {
        len.seconds
    }
}

/// The number of contacts (calls, chats) offered in one interval; a forecast may be
/// fractional. Finite and not negative.
///
/// ```
/// use wfm_forecast::Volume;
///
/// assert_eq!(Volume::new(100.0)?.get(), 100.0);
/// assert!(Volume::new(-1.0).is_err());
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "f64", into = "f64")
)]
pub struct Volume {
    contacts: f64,
}

impl Volume {
    /// A volume of `contacts`; errors unless finite and `>= 0`.
    ///
    /// ```
    /// use wfm_forecast::Volume;
    /// assert!(Volume::new(f64::INFINITY).is_err());
    /// ```
    pub fn new(contacts: f64) -> Result<Self> {
        if contacts.is_finite() && contacts >= 0.0 {
            Ok(Self {
                contacts: contacts + 0.0,
            })
        } else {
            Err(Error::InvalidVolume { value: contacts })
        }
    }

    /// The number of contacts.
    ///
    /// ```
    /// use wfm_forecast::Volume;
    /// assert_eq!(Volume::new(12.5)?.get(), 12.5);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn get(self) -> f64 {
        self.contacts
    }
}

impl TryFrom<f64> for Volume {
    type Error = Error;
    /// As [`Volume::new`] (used by serde).
    fn try_from(contacts: f64) -> Result<Self> {
        Self::new(contacts)
    }
}

impl From<Volume> for f64 {
    /// The number of contacts.
    fn from(v: Volume) -> f64 {
        v.contacts
    }
}

/// Offered load in Erlangs: `volume × handle time ÷ interval length`, checked to be finite and
/// greater than zero.
pub(crate) fn offered_load(volume: Volume, aht: TimeSpan, interval: IntervalLength) -> Result<f64> {
    let aht_s = aht.positive("handle time")?;
    let a = volume.get() * aht_s / f64::from(interval.seconds());
    checked_load(a)
}

/// Checks an offered load given directly in Erlangs.
pub(crate) fn checked_load(erlangs: f64) -> Result<f64> {
    if erlangs.is_finite() && erlangs > 0.0 {
        Ok(erlangs)
    } else {
        Err(Error::NonPositiveLoad { erlangs })
    }
}
