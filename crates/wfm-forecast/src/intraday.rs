//! An intraday model with daily and weekly seasonality: day totals × intraday profiles.
//!
//! Contact centres plan in two steps, and so does [`DayProfile`]: forecast each day's total
//! with a daily model (Holt–Winters with a weekly season, by default), then spread it over the
//! day's intervals with the **profile** of that weekday: the share of the day's contacts each
//! interval received, averaged over the last few weeks of the same weekday (volume-weighted,
//! so quiet days do not distort it). The weekly season lives in the day model, the daily shape
//! in the profiles, and each weekday keeps its own shape (Mondays peak earlier).
//!
//! Closed slots (outside business hours) and closed days (a calendar slot pattern, holidays)
//! are 0 by definition; a day whose slots are all closed is a closed day for the day model.

use crate::error::{Error, Result};
use crate::forecast::{Calendar, Forecast, Level, VolumeModel, check_history};
use crate::holt_winters::HoltWinters;

/// Day totals × weekday profiles; see the module docs.
///
/// ```
/// use wfm_forecast::{Calendar, DayProfile, HoltWinters, VolumeModel};
///
/// // Four slots a day, five days a week, four weeks of history.
/// let shape = [0.1, 0.4, 0.3, 0.2];
/// let week = [400.0, 360.0, 340.0, 330.0, 300.0];
/// let history: Vec<f64> = (0..20 * 4).map(|t| week[(t / 4) % 5] * shape[t % 4]).collect();
/// let model = DayProfile::new(4, HoltWinters::additive(5)?.damped(), 3)?;
/// let f = model.forecast(&history, &Calendar::always_open(), 8, None)?;
/// assert!((f.point[1] - 400.0 * 0.4).abs() < 1.0);
/// assert!((f.point[4 + 2] - 360.0 * 0.3).abs() < 1.0);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawDayProfile<M>"))]
pub struct DayProfile<M> {
    slots_per_day: usize,
    days_per_week: usize,
    day_model: M,
    profile_weeks: usize,
}

/// Serialised form of [`DayProfile`], checked as its constructors check on the way in (the
/// day model checks itself).
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawDayProfile<M> {
    slots_per_day: usize,
    days_per_week: usize,
    day_model: M,
    profile_weeks: usize,
}

#[cfg(feature = "serde")]
impl<M> TryFrom<RawDayProfile<M>> for DayProfile<M> {
    type Error = Error;
    fn try_from(r: RawDayProfile<M>) -> Result<Self> {
        Self::checked(
            r.slots_per_day,
            r.days_per_week,
            r.day_model,
            r.profile_weeks,
        )
    }
}

impl<M> DayProfile<M> {
    /// Every count at least 1.
    fn checked(
        slots_per_day: usize,
        days_per_week: usize,
        day_model: M,
        profile_weeks: usize,
    ) -> Result<Self> {
        for (parameter, value) in [
            ("slots per day", slots_per_day),
            ("days per week", days_per_week),
            ("profile weeks", profile_weeks),
        ] {
            if value == 0 {
                return Err(Error::CountOutOfRange {
                    parameter,
                    value,
                    range: "1..",
                });
            }
        }
        Ok(Self {
            slots_per_day,
            days_per_week,
            day_model,
            profile_weeks,
        })
    }
}

impl DayProfile<HoltWinters> {
    /// `slots_per_day ≥ 1` intervals a day (48 half hours; 169 five-minute slots of a
    /// 07:00–21:05 day), day totals forecast by `day_model` (whose season is the days of a
    /// week), profiles averaged over the last `profile_weeks ≥ 1` weeks.
    ///
    /// ```
    /// use wfm_forecast::{DayProfile, HoltWinters};
    /// assert!(DayProfile::new(48, HoltWinters::additive(7)?, 0).is_err());
    /// assert_eq!(DayProfile::new(48, HoltWinters::additive(7)?, 6)?.slots_per_day(), 48);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn new(slots_per_day: usize, day_model: HoltWinters, profile_weeks: usize) -> Result<Self> {
        let days_per_week = day_model.season();
        Self::with_day_model(slots_per_day, days_per_week, day_model, profile_weeks)
    }
}

impl<M: VolumeModel> DayProfile<M> {
    /// As [`DayProfile::new`] with any day model and an explicit number of days in a week
    /// (the profile cycle).
    ///
    /// ```
    /// use wfm_forecast::{DayProfile, SeasonalNaive};
    /// let m = DayProfile::with_day_model(96, 7, SeasonalNaive::new(7)?, 4)?;
    /// assert_eq!(m.days_per_week(), 7);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn with_day_model(
        slots_per_day: usize,
        days_per_week: usize,
        day_model: M,
        profile_weeks: usize,
    ) -> Result<Self> {
        Self::checked(slots_per_day, days_per_week, day_model, profile_weeks)
    }

    /// Intervals per day.
    ///
    /// ```
    /// use wfm_forecast::{DayProfile, HoltWinters};
    /// assert_eq!(DayProfile::new(169, HoltWinters::additive(5)?, 6)?.slots_per_day(), 169);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn slots_per_day(&self) -> usize {
        self.slots_per_day
    }

    /// Days in the profile cycle (a week).
    ///
    /// ```
    /// use wfm_forecast::{DayProfile, HoltWinters};
    /// assert_eq!(DayProfile::new(169, HoltWinters::additive(5)?, 6)?.days_per_week(), 5);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn days_per_week(&self) -> usize {
        self.days_per_week
    }
}

impl<M: VolumeModel> VolumeModel for DayProfile<M> {
    /// The history must hold whole days (slot 0 = the first slot of a week's first day).
    fn forecast(
        &self,
        history: &[f64],
        calendar: &Calendar,
        horizon: usize,
        level: Option<Level>,
    ) -> Result<Forecast> {
        let spd = self.slots_per_day;
        let dpw = self.days_per_week;
        if !history.len().is_multiple_of(spd) {
            return Err(Error::TooShort {
                series: "history",
                len: history.len(),
                needed: history.len().div_ceil(spd) * spd,
                rule: "an intraday history must hold whole days",
            });
        }
        let n = history.len();
        let open = calendar.open_flags(0, n);
        check_history(
            history,
            &open,
            spd,
            "an intraday model needs at least one open day",
        )?;
        let days = n / spd;
        // Day totals and the day calendar.
        let mut totals = Vec::with_capacity(days);
        let mut day_cal = Calendar::always_open();
        for d in 0..days {
            let range = d * spd..(d + 1) * spd;
            let mut sum = 0.0;
            let mut any_open = false;
            for t in range {
                if open[t] {
                    sum += history[t];
                    any_open = true;
                }
            }
            if !any_open {
                day_cal = day_cal.close(d);
            }
            totals.push(sum);
        }
        let future_days = horizon.div_ceil(spd);
        for d in days..days + future_days {
            if (d * spd..(d + 1) * spd).all(|t| !calendar.is_open(t)) {
                day_cal = day_cal.close(d);
            }
        }
        let day_fc = self
            .day_model
            .forecast(&totals, &day_cal, future_days, level)?;
        // Profiles: per weekday, volume-weighted shares over the last `profile_weeks` open
        // days of that weekday.
        let mut profiles = vec![vec![0.0; spd]; dpw];
        for (w, profile) in profiles.iter_mut().enumerate() {
            let mut used = 0;
            let mut total = 0.0;
            let mut d = days;
            while used < self.profile_weeks && d > 0 {
                d -= 1;
                if d % dpw != w || !day_cal.is_open(d) || totals[d] <= 0.0 {
                    continue;
                }
                for (j, p) in profile.iter_mut().enumerate() {
                    let t = d * spd + j;
                    if open[t] {
                        *p += history[t];
                    }
                }
                total += totals[d];
                used += 1;
            }
            if total > 0.0 {
                for p in profile.iter_mut() {
                    *p /= total;
                }
            } else {
                // No history of this weekday: spread evenly.
                profile.fill(1.0 / spd as f64);
            }
        }
        let mut point = Vec::with_capacity(horizon);
        let mut sd = Vec::with_capacity(horizon);
        for h in 0..horizon {
            let d = days + h / spd;
            let j = h % spd;
            let share = profiles[d % dpw][j];
            point.push(day_fc.point[h / spd] * share);
            if let Some(pi) = &day_fc.interval {
                // The day total's spread, shared out: the intraday noise is not added.
                let z = pi.level.z();
                sd.push((pi.upper[h / spd] - day_fc.point[h / spd]) / z * share);
            }
        }
        let sd = day_fc.interval.is_some().then_some(sd);
        Ok(Forecast::finish(point, sd, level, calendar, n))
    }
}
