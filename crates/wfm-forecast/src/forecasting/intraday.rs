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
//!
//! Prediction intervals carry both sources of error: the day total's (from the day model,
//! shared out by the slot's share `p`) and the split of the day over its slots, a multinomial
//! spread `φ·p(1 − p)·day` whose dispersion `φ` is estimated from the profile weeks (1 for
//! Poisson arrivals, more for clustered ones). The variance is `p²·Var(day) + φ·p(1 − p)·day`;
//! the uncertainty of the profile itself is left out. On the hold-out weeks of the
//! five-minute bank call-centre series of the repository's benchmarks, the 80 % and 95 %
//! intervals cover 79 % and 94 % of the slots.

use crate::error::{Error, Result};
use crate::forecasting::forecast::{
    Calendar, Forecast, Level, MAX_SEASON, VolumeModel, check_history, check_horizon,
};
use crate::forecasting::holt_winters::HoltWinters;

/// The most slots a day may hold in a [`DayProfile`], 86,400: one-second slots. Checked by
/// the constructors ([`Error::CountTooLarge`] beyond it), as is the week of slots per day ×
/// days per week against [`crate::MAX_SEASON`], so that the profiles are never larger than a
/// season.
///
/// ```
/// use wfm_forecast::{DayProfile, Error, HoltWinters, MAX_SLOTS_PER_DAY};
/// assert!(DayProfile::new(MAX_SLOTS_PER_DAY, HoltWinters::additive(7)?, 4).is_ok());
/// assert!(matches!(
///     DayProfile::new(MAX_SLOTS_PER_DAY + 1, HoltWinters::additive(7)?, 4),
///     Err(Error::CountTooLarge { .. })
/// ));
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
pub const MAX_SLOTS_PER_DAY: usize = 86_400;

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
    /// Every count at least 1, slots per day at most [`MAX_SLOTS_PER_DAY`], slots per week
    /// at most [`crate::MAX_SEASON`].
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
        if slots_per_day > MAX_SLOTS_PER_DAY {
            return Err(Error::CountTooLarge {
                parameter: "slots per day",
                value: u64::try_from(slots_per_day).unwrap_or(u64::MAX),
                max: MAX_SLOTS_PER_DAY as u64,
                advice: "a day holds at most 86400 one-second slots",
            });
        }
        // The profiles hold one share per slot of the week.
        let week = slots_per_day.saturating_mul(days_per_week);
        if week > MAX_SEASON {
            return Err(Error::CountTooLarge {
                parameter: "slots per week (slots per day × days per week)",
                value: u64::try_from(week).unwrap_or(u64::MAX),
                max: MAX_SEASON as u64,
                advice: "use fewer days in the profile cycle or coarser slots",
            });
        }
        Ok(Self {
            slots_per_day,
            days_per_week,
            day_model,
            profile_weeks,
        })
    }
}

impl<M> DayProfile<M> {
    /// The model of the day totals.
    ///
    /// ```
    /// use wfm_forecast::{DayProfile, HoltWinters};
    /// let m = DayProfile::new(48, HoltWinters::additive(7)?.damped(), 6)?;
    /// assert_eq!(m.day_model(), &HoltWinters::additive(7)?.damped());
    /// assert_eq!(m.day_model().season(), 7);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn day_model(&self) -> &M {
        &self.day_model
    }

    /// Weeks of history averaged into each weekday's profile.
    ///
    /// ```
    /// use wfm_forecast::{DayProfile, HoltWinters};
    /// assert_eq!(DayProfile::new(48, HoltWinters::additive(7)?, 6)?.profile_weeks(), 6);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn profile_weeks(&self) -> usize {
        self.profile_weeks
    }

    /// Intervals in the profile cycle: slots per day × days per week (the season of the
    /// intraday series).
    ///
    /// ```
    /// use wfm_forecast::{DayProfile, HoltWinters};
    /// assert_eq!(DayProfile::new(48, HoltWinters::additive(7)?, 6)?.slots_per_week(), 336);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn slots_per_week(&self) -> usize {
        self.slots_per_day * self.days_per_week
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
        // Before anything is allocated.
        let horizon = check_horizon(horizon)?;
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
        let mut used_days: Vec<Vec<usize>> = vec![Vec::new(); dpw];
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
                used_days[w].push(d);
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
        let dispersion = if day_fc.interval.is_some() {
            intraday_dispersion(history, &open, &totals, spd, &profiles, &used_days)
        } else {
            1.0
        };
        let mut point = Vec::with_capacity(horizon);
        let mut sd = Vec::with_capacity(horizon);
        for h in 0..horizon {
            let d = days + h / spd;
            let j = h % spd;
            let share = profiles[d % dpw][j];
            let day_point = day_fc.point[h / spd];
            point.push(day_point * share);
            if let Some(pi) = &day_fc.interval {
                // The day total's spread shared out, plus the split of the day over its slots:
                // Var = p²·Var(day) + φ·p(1 − p)·day.
                let z = pi.level.z();
                let day_sd = (pi.upper[h / spd] - day_point) / z;
                let split = dispersion * share * (1.0 - share) * day_point;
                sd.push((share * share * day_sd * day_sd + split.max(0.0)).sqrt());
            }
        }
        let sd = day_fc.interval.is_some().then_some(sd);
        Ok(Forecast::finish(point, sd, level, calendar, n))
    }
}

/// The dispersion `φ` of the split of a day's total over its slots, estimated over the days the
/// profiles were built from: under a multinomial split with dispersion `φ` (1 for calls that
/// arrive as a Poisson process, above 1 for the clustered arrivals of real queues), a slot
/// with share `p` of a day of `T` contacts varies by `φ·p(1 − p)·T` around `p·T`. With the
/// profile `p̂` estimated from the same `k` days of its weekday (totals `T_d`, sum `S`), the
/// residuals `r = y − p̂·T_d` have expectation `E[Σ r²] = φ·p(1 − p)·Σ_d T_d·(1 − T_d/S)`, so
///
/// `φ̂ = Σ r² / Σ p̂(1 − p̂)·T_d·(1 − T_d/S)`
///
/// corrects the numerator for the fitted profile whatever the number of weeks. The denominator
/// uses `p̂` for the unknown `p`, and `E[p̂(1 − p̂)] = p(1 − p)·(1 − φ/S)`, so `φ̂` is high by a
/// relative `φ/S`: below 1e-3 once a weekday's profile weeks hold a thousand contacts, far
/// inside the sampling error of `φ̂` itself. Weekdays seen on one day only carry no
/// information; when no weekday is seen twice, `φ = 1` (Poisson arrivals) is assumed.
fn intraday_dispersion(
    history: &[f64],
    open: &[bool],
    totals: &[f64],
    spd: usize,
    profiles: &[Vec<f64>],
    used_days: &[Vec<usize>],
) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    for (profile, days) in profiles.iter().zip(used_days) {
        if days.len() < 2 {
            continue;
        }
        let sum: f64 = days.iter().map(|&d| totals[d]).sum();
        for &d in days {
            let t_d = totals[d];
            let weight = t_d * (1.0 - t_d / sum);
            for (j, &p) in profile.iter().enumerate() {
                let t = d * spd + j;
                if open[t] {
                    let r = history[t] - p * t_d;
                    num += r * r;
                    den += p * (1.0 - p) * weight;
                }
            }
        }
    }
    if den > 0.0 && num.is_finite() {
        num / den
    } else {
        1.0
    }
}
