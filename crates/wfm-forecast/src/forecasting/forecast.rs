//! What every volume model shares: the calendar of open and closed slots, the prediction
//! interval level, the [`Forecast`] it returns and the [`VolumeModel`] trait.
//!
//! Slots are consecutive periods (days, or intervals of a day) numbered from 0, the first slot
//! of the history. A slot that is **closed** (outside business hours, a holiday, a day the
//! centre is shut) has zero volume by definition: its history value is ignored when fitting
//! (the model's state carries over it as over a missing value), and its forecast is exactly 0,
//! with a zero-width interval. A slot with an **override** (a special day whose volume is set by
//! hand: a short day before a holiday, a campaign) is left out of fitting in the same way and is
//! forecast as the value set, also with a zero-width interval. Every forecast is clamped at 0:
//! contact counts are never negative, while additive models left alone forecast negative night
//! volumes.

use crate::error::{Error, Result};

/// The most slots any forecast or backtest fold may ask for (2,000,000), checked before
/// anything is allocated: [`Error::CountTooLarge`] beyond it.
///
/// The figure covers every real planning horizon with room to spare — 3.8 years of one-minute
/// slots, 57 years of 15-minute slots, 5,475 years of days — while a forecast at the bound
/// holds at most three vectors of 16 MB (point, lower, upper) and takes well under a second
/// for every model of this crate (release build; see each model for its cost per slot).
///
/// ```
/// use wfm_forecast::{Calendar, Error, SeasonalNaive, VolumeModel, MAX_HORIZON};
/// let history = [10.0, 20.0, 12.0, 22.0];
/// let too_far = SeasonalNaive::new(2)?.forecast(&history, &Calendar::always_open(), MAX_HORIZON + 1, None);
/// assert!(matches!(too_far, Err(Error::CountTooLarge { parameter: "horizon", .. })));
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
pub const MAX_HORIZON: usize = 2_000_000;

/// The longest season (in slots) a model accepts, 2,000,000: a week of one-second slots is
/// 604,800, a year of one-minute slots 525,600. Checked by the constructors
/// ([`Error::CountTooLarge`] beyond it), so that no fit allocates a season it cannot hold.
///
/// ```
/// use wfm_forecast::{Error, HoltWinters, SeasonalNaive, MAX_SEASON};
/// assert!(SeasonalNaive::new(MAX_SEASON).is_ok());
/// assert!(matches!(HoltWinters::additive(MAX_SEASON + 1), Err(Error::CountTooLarge { .. })));
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
pub const MAX_SEASON: usize = 2_000_000;

/// Checks a forecast horizon against [`MAX_HORIZON`].
pub(crate) fn check_horizon(horizon: usize) -> Result<usize> {
    if horizon > MAX_HORIZON {
        return Err(Error::CountTooLarge {
            parameter: "horizon",
            value: u64::try_from(horizon).unwrap_or(u64::MAX),
            max: MAX_HORIZON as u64,
            advice: "forecast a shorter horizon, or coarser slots (hours or days rather than minutes)",
        });
    }
    Ok(horizon)
}

/// Which slots are open: a repeating weekly (or daily) pattern plus single closed slots
/// (holidays).
///
/// ```
/// use wfm_forecast::Calendar;
///
/// // Days, Monday first, closed on Sundays, and a holiday on day 9 (a Wednesday).
/// let cal = Calendar::pattern(vec![true, true, true, true, true, true, false])?.close(9);
/// assert!(cal.is_open(0));
/// assert!(!cal.is_open(6));
/// assert!(!cal.is_open(13));
/// assert!(!cal.is_open(9));
/// assert!(cal.is_open(16));
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawCalendar"))]
pub struct Calendar {
    /// Open flags repeating from slot 0; empty means always open.
    pattern: Vec<bool>,
    /// Closed slots (holidays), sorted, without repeats.
    closed: Vec<usize>,
    /// Slots forecast as a value set by hand, sorted by slot; none of them closed.
    overrides: Vec<(usize, f64)>,
}

/// Serialised form of [`Calendar`], checked as its builder methods check on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawCalendar {
    pattern: Vec<bool>,
    closed: Vec<usize>,
    #[serde(default)]
    overrides: Vec<(usize, f64)>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawCalendar> for Calendar {
    type Error = Error;
    fn try_from(r: RawCalendar) -> Result<Self> {
        let mut cal = if r.pattern.is_empty() {
            Self::always_open()
        } else {
            Self::pattern(r.pattern)?
        };
        let mut closed = r.closed;
        closed.sort_unstable();
        let mut overrides = r.overrides;
        overrides.sort_unstable_by_key(|&(slot, _)| slot);
        for (slot, volume) in &mut overrides {
            *volume = check_volume_set(*slot, *volume)?;
        }
        let mut slots: Vec<usize> = closed
            .iter()
            .copied()
            .chain(overrides.iter().map(|&(slot, _)| slot))
            .collect();
        slots.sort_unstable();
        if slots.windows(2).any(|w| w[0] == w[1]) {
            return Err(Error::InconsistentState {
                what: "calendar",
                rule: "a slot is listed twice among the closed slots and the volumes set by hand",
            });
        }
        cal.closed = closed;
        cal.overrides = overrides;
        Ok(cal)
    }
}

/// A volume set by hand must be finite and not negative; returns it with `-0` made `+0`.
fn check_volume_set(slot: usize, volume: f64) -> Result<f64> {
    if !volume.is_finite() || volume < 0.0 {
        return Err(Error::InvalidValue {
            series: "calendar's volumes set by hand",
            index: slot,
            value: volume,
        });
    }
    Ok(volume + 0.0)
}

impl Calendar {
    /// Every slot open.
    ///
    /// ```
    /// use wfm_forecast::Calendar;
    /// assert!(Calendar::always_open().is_open(12_345));
    /// ```
    pub fn always_open() -> Self {
        Self::default()
    }

    /// A repeating pattern: slot `t` follows `pattern[t % pattern.len()]`, slot 0 being the
    /// first slot of the history. Errors if the pattern is empty or never open.
    ///
    /// ```
    /// use wfm_forecast::Calendar;
    /// // Hourly slots, open 08:00–20:00.
    /// let hours: Vec<bool> = (0..24).map(|h| (8..20).contains(&h)).collect();
    /// let cal = Calendar::pattern(hours)?;
    /// assert!(!cal.is_open(24 + 7));
    /// assert!(cal.is_open(24 + 8));
    /// assert!(Calendar::pattern(vec![false, false]).is_err());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn pattern(pattern: Vec<bool>) -> Result<Self> {
        if !pattern.iter().any(|&o| o) {
            return Err(Error::CountOutOfRange {
                parameter: "open slots in the calendar pattern",
                value: 0,
                range: "1..",
            });
        }
        Ok(Self {
            pattern,
            ..Self::default()
        })
    }

    /// The same calendar with slot `slot` closed too (a holiday).
    ///
    /// ```
    /// use wfm_forecast::Calendar;
    /// assert!(!Calendar::always_open().close(3).is_open(3));
    /// ```
    #[must_use]
    pub fn close(mut self, slot: usize) -> Self {
        if let Ok(at) = self.overrides.binary_search_by_key(&slot, |&(s, _)| s) {
            self.overrides.remove(at);
        }
        if let Err(at) = self.closed.binary_search(&slot) {
            self.closed.insert(at, slot);
        }
        self
    }

    /// The same calendar with slot `slot` forecast as `volume`, set by hand (a special day
    /// whose volume is known better than any model knows it). The slot's history value, if it
    /// is in the history, is ignored when fitting, as for a closed slot. Setting a slot again
    /// replaces its value; [`Calendar::close`] removes it.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] unless `volume` is finite and not negative.
    ///
    /// ```
    /// use wfm_forecast::{Calendar, SeasonalNaive, VolumeModel};
    /// // Daily slots; day 9 (forecast) is a short day expected to bring 40 contacts.
    /// let cal = Calendar::always_open().set_volume(9, 40.0)?;
    /// let history = [100.0, 80.0, 100.0, 80.0, 100.0, 80.0, 100.0, 80.0];
    /// let f = SeasonalNaive::new(2)?.forecast(&history, &cal, 2, None)?;
    /// assert_eq!(f.point, vec![100.0, 40.0]);
    /// assert_eq!(cal.volume_set(9), Some(40.0));
    /// assert!(!cal.is_open(9)); // not left to the model
    /// assert!(Calendar::always_open().set_volume(1, f64::NAN).is_err());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn set_volume(mut self, slot: usize, volume: f64) -> Result<Self> {
        let volume = check_volume_set(slot, volume)?;
        if let Ok(at) = self.closed.binary_search(&slot) {
            self.closed.remove(at);
        }
        match self.overrides.binary_search_by_key(&slot, |&(s, _)| s) {
            Ok(at) => self.overrides[at].1 = volume,
            Err(at) => self.overrides.insert(at, (slot, volume)),
        }
        Ok(self)
    }

    /// The volume set by hand for slot `slot`, if any.
    ///
    /// ```
    /// use wfm_forecast::Calendar;
    /// let cal = Calendar::always_open().set_volume(3, 12.0)?;
    /// assert_eq!((cal.volume_set(3), cal.volume_set(4)), (Some(12.0), None));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn volume_set(&self, slot: usize) -> Option<f64> {
        self.overrides
            .binary_search_by_key(&slot, |&(s, _)| s)
            .ok()
            .map(|at| self.overrides[at].1)
    }

    /// Whether slot `slot` is open and left to the model: not closed by the pattern or as a
    /// holiday, and without a volume set by hand.
    ///
    /// ```
    /// use wfm_forecast::Calendar;
    /// assert!(Calendar::always_open().is_open(0));
    /// ```
    pub fn is_open(&self, slot: usize) -> bool {
        let by_pattern = self.pattern.is_empty() || self.pattern[slot % self.pattern.len()];
        by_pattern && self.closed.binary_search(&slot).is_err() && self.volume_set(slot).is_none()
    }

    /// The open flags of slots `start..start + len`.
    pub(crate) fn open_flags(&self, start: usize, len: usize) -> Vec<bool> {
        (start..start + len).map(|t| self.is_open(t)).collect()
    }
}

/// The coverage of a prediction interval, strictly between 0 and 1 (0.8, 0.95).
///
/// ```
/// use wfm_forecast::Level;
/// assert_eq!(Level::new(0.95)?.get(), 0.95);
/// assert!(Level::new(95.0).is_err()); // a fraction, not a percentage
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Level(f64);

impl Level {
    /// A level in (0, 1).
    ///
    /// ```
    /// use wfm_forecast::Level;
    /// assert!(Level::new(0.0).is_err());
    /// ```
    pub fn new(level: f64) -> Result<Self> {
        if level > 0.0 && level < 1.0 {
            Ok(Self(level))
        } else {
            Err(Error::ShareOutOfRange {
                parameter: "prediction-interval level",
                value: level,
                range: "(0, 1)",
            })
        }
    }

    /// The level as a fraction.
    ///
    /// ```
    /// use wfm_forecast::Level;
    /// assert_eq!(Level::new(0.8)?.get(), 0.8);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn get(self) -> f64 {
        self.0
    }

    /// The two-sided standard-normal quantile `z` with `P(|Z| ≤ z) = level`.
    pub(crate) fn z(self) -> f64 {
        use statrs::distribution::{ContinuousCDF, Normal};
        Normal::standard().inverse_cdf(0.5 + self.0 / 2.0)
    }
}

/// A prediction interval: `lower[i] ≤ point[i] ≤ upper[i]`, clamped at 0.
///
/// ```
/// use wfm_forecast::{Calendar, Level, SeasonalNaive, VolumeModel};
/// let f = SeasonalNaive::new(2)?.forecast(&[10.0, 20.0, 12.0, 22.0], &Calendar::always_open(), 2, Some(Level::new(0.8)?))?;
/// let pi = f.interval.as_ref().ok_or(wfm_forecast::Error::EmptySeries { series: "interval" })?;
/// assert!(pi.lower[0] < 12.0 && pi.upper[0] > 12.0);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PredictionInterval {
    /// The coverage.
    pub level: Level,
    /// Lower bounds, one per slot.
    pub lower: Vec<f64>,
    /// Upper bounds, one per slot.
    pub upper: Vec<f64>,
}

/// A volume forecast for the slots right after the history: never negative, exactly 0 in
/// closed slots.
///
/// ```
/// use wfm_forecast::{Calendar, SeasonalNaive, VolumeModel};
/// let f = SeasonalNaive::new(2)?.forecast(&[10.0, 20.0, 12.0, 22.0], &Calendar::always_open(), 3, None)?;
/// assert_eq!(f.point, vec![12.0, 22.0, 12.0]);
/// assert!(f.interval.is_none());
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Forecast {
    /// Point forecasts, one per slot.
    pub point: Vec<f64>,
    /// The prediction interval, if a level was asked for.
    pub interval: Option<PredictionInterval>,
}

impl Forecast {
    /// The total of the point forecasts (the volume of the whole horizon), summed with
    /// Neumaier's compensation so that a long horizon of small slots loses no digits.
    ///
    /// ```
    /// use wfm_forecast::{Calendar, SeasonalNaive, VolumeModel};
    /// let f = SeasonalNaive::new(2)?.forecast(&[10.0, 20.0, 12.0, 22.0], &Calendar::always_open(), 3, None)?;
    /// assert_eq!(f.total(), 12.0 + 22.0 + 12.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn total(&self) -> f64 {
        let (mut sum, mut c) = (0.0f64, 0.0f64);
        for &x in &self.point {
            let t = sum + x;
            c += if sum.abs() >= x.abs() {
                (sum - t) + x
            } else {
                (x - t) + sum
            };
            sum = t;
        }
        sum + c
    }

    /// Builds a forecast of slots `start..` from raw model output: clamps at 0, zeroes the
    /// closed slots and puts the volumes set by hand in theirs. `sd[i]` is the forecast standard
    /// deviation of slot `start + i` (used when `level` is given).
    pub(crate) fn finish(
        mut point: Vec<f64>,
        sd: Option<Vec<f64>>,
        level: Option<Level>,
        calendar: &Calendar,
        start: usize,
    ) -> Self {
        let open = calendar.open_flags(start, point.len());
        for (i, (p, &o)) in point.iter_mut().zip(&open).enumerate() {
            *p = match (o, calendar.volume_set(start + i)) {
                (true, _) => p.max(0.0),
                (false, Some(v)) => v,
                (false, None) => 0.0,
            };
        }
        let interval = match (level, sd) {
            (Some(level), Some(sd)) => {
                let z = level.z();
                let mut lower = Vec::with_capacity(point.len());
                let mut upper = Vec::with_capacity(point.len());
                for ((&p, &s), &o) in point.iter().zip(&sd).zip(&open) {
                    let half = if o { z * s } else { 0.0 };
                    lower.push((p - half).max(0.0));
                    upper.push(p + half);
                }
                Some(PredictionInterval {
                    level,
                    lower,
                    upper,
                })
            }
            _ => None,
        };
        Self { point, interval }
    }
}

/// A volume model: fits on a history of open/closed slots and forecasts the next slots.
///
/// ```
/// use wfm_forecast::{Calendar, HoltWinters, SeasonalNaive, VolumeModel};
/// fn next_week(model: &dyn VolumeModel, history: &[f64]) -> wfm_forecast::Result<Vec<f64>> {
///     Ok(model.forecast(history, &Calendar::always_open(), 7, None)?.point)
/// }
/// let history: Vec<f64> = (0..56).map(|t| [90.0, 100.0, 95.0, 97.0, 80.0, 40.0, 20.0][t % 7]).collect();
/// assert_eq!(next_week(&SeasonalNaive::new(7)?, &history)?[0], 90.0);
/// assert!((next_week(&HoltWinters::additive(7)?, &history)?[5] - 40.0).abs() < 0.5);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
pub trait VolumeModel: core::fmt::Debug {
    /// Fits on `history` (slot 0 = the calendar's slot 0; values of closed slots are ignored)
    /// and forecasts slots `history.len() .. history.len() + horizon`, with an interval at
    /// `level` if given. The models of this crate refuse a horizon above [`MAX_HORIZON`] with
    /// [`Error::CountTooLarge`] before allocating anything.
    fn forecast(
        &self,
        history: &[f64],
        calendar: &Calendar,
        horizon: usize,
        level: Option<Level>,
    ) -> Result<Forecast>;
}

/// Checks a history: values of open slots finite, not negative and at most
/// [`MAX_VALUE`](crate::MAX_VALUE) (so that squares and sums of squares cannot overflow); at
/// least `needed` open values.
pub(crate) fn check_history(
    history: &[f64],
    open: &[bool],
    needed: usize,
    rule: &'static str,
) -> Result<()> {
    let mut n_open = 0;
    for (index, (&v, &o)) in history.iter().zip(open).enumerate() {
        if o {
            if !(v.is_finite() && v >= 0.0) {
                return Err(Error::InvalidValue {
                    series: "history",
                    index,
                    value: v,
                });
            }
            if v > crate::MAX_VALUE {
                return Err(Error::ValueTooLarge {
                    series: "history",
                    index,
                    value: v,
                    max: crate::MAX_VALUE,
                });
            }
            n_open += 1;
        }
    }
    if n_open < needed {
        return Err(Error::TooShort {
            series: "history",
            len: n_open,
            needed,
            rule,
        });
    }
    Ok(())
}

/// Checks a season length (`1..=MAX_SEASON`).
pub(crate) fn check_season(season: usize) -> Result<usize> {
    if season == 0 {
        Err(Error::CountOutOfRange {
            parameter: "season length",
            value: 0,
            range: "1..",
        })
    } else if season > MAX_SEASON {
        Err(Error::CountTooLarge {
            parameter: "season length",
            value: u64::try_from(season).unwrap_or(u64::MAX),
            max: MAX_SEASON as u64,
            advice: "a season is at most a week of one-second slots or a year of one-minute slots",
        })
    } else {
        Ok(season)
    }
}
