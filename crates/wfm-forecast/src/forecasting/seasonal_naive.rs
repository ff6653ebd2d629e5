//! Seasonal naive: each slot repeats the same slot one season earlier.

use crate::error::{Error, Result};
use crate::forecasting::forecast::{
    Calendar, Forecast, Level, VolumeModel, check_history, check_horizon, check_season,
};

/// The seasonal naive forecast `F_{n+h} = A_{n+h−k·m}` with the smallest `k ≥ 1` that lands
/// on an open slot of the history (a holiday last week is skipped for the week before).
///
/// Prediction interval (as statsforecast's `SeasonalNaive`): `σ² = mean (A_t − A_{t−m})²` over
/// the history's pairs of open slots, and the slot `k` seasons ahead has standard deviation
/// `σ √k`.
///
/// Cost: one pass over the history and one over the horizon, whatever the calendar closes
/// (at most [`crate::MAX_HORIZON`] slots).
///
/// ```
/// use wfm_forecast::{Calendar, SeasonalNaive, VolumeModel};
/// let week = [100.0, 90.0, 95.0, 92.0, 85.0, 30.0, 10.0];
/// let history: Vec<f64> = week.iter().chain(&week).copied().collect();
/// let f = SeasonalNaive::new(7)?.forecast(&history, &Calendar::always_open(), 7, None)?;
/// assert_eq!(f.point, week.to_vec());
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawSeasonalNaive"))]
pub struct SeasonalNaive {
    season: usize,
}

/// Serialised form of [`SeasonalNaive`], passed through its constructor on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawSeasonalNaive {
    season: usize,
}

#[cfg(feature = "serde")]
impl TryFrom<RawSeasonalNaive> for SeasonalNaive {
    type Error = Error;
    fn try_from(r: RawSeasonalNaive) -> Result<Self> {
        Self::new(r.season)
    }
}

impl SeasonalNaive {
    /// A seasonal naive model with season length `season ≥ 1` (1 is the plain naive model).
    ///
    /// ```
    /// use wfm_forecast::SeasonalNaive;
    /// assert!(SeasonalNaive::new(0).is_err());
    /// assert_eq!(SeasonalNaive::new(7)?.season(), 7);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn new(season: usize) -> Result<Self> {
        Ok(Self {
            season: check_season(season)?,
        })
    }

    /// The season length.
    ///
    /// ```
    /// use wfm_forecast::SeasonalNaive;
    /// assert_eq!(SeasonalNaive::new(48)?.season(), 48);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn season(&self) -> usize {
        self.season
    }
}

impl VolumeModel for SeasonalNaive {
    fn forecast(
        &self,
        history: &[f64],
        calendar: &Calendar,
        horizon: usize,
        level: Option<Level>,
    ) -> Result<Forecast> {
        let m = self.season;
        let n = history.len();
        let open_hist = calendar.open_flags(0, n);
        check_history(
            history,
            &open_hist,
            1,
            "a forecast needs at least one open slot",
        )?;
        if n < m {
            return Err(Error::TooShort {
                series: "history",
                len: n,
                needed: m,
                rule: "seasonal naive needs one full season of history",
            });
        }
        // Before anything is allocated.
        let horizon = check_horizon(horizon)?;
        // `latest_open[s]`: the latest open slot at or before `s` in `s`'s residue class mod
        // `m`, so that each forecast slot finds its source in one step (a closed stretch of
        // the history used to be walked back one season at a time for every slot).
        let mut latest_open: Vec<Option<usize>> = Vec::with_capacity(n);
        for s in 0..n {
            let earlier = if s >= m { latest_open[s - m] } else { None };
            latest_open.push(if open_hist[s] { Some(s) } else { earlier });
        }
        let mut point = Vec::with_capacity(horizon);
        let mut seasons_back = Vec::with_capacity(horizon);
        for h in 0..horizon {
            // Slot `t = n + h`; the first candidate `t − (⌊h/m⌋ + 1)·m = n − m + h mod m` is the
            // last slot of the history in `t`'s residue class (`n ≥ m`).
            let first = n - m + h % m;
            let t = n + h;
            match latest_open[first] {
                Some(s) => {
                    point.push(history[s]);
                    seasons_back.push(((t - s) / m) as f64);
                }
                None => {
                    // No open slot of this residue class in the history.
                    point.push(0.0);
                    seasons_back.push((t / m + 1) as f64);
                }
            }
        }
        let sd = if level.is_some() {
            let (mut sum, mut count) = (0.0, 0usize);
            for t in m..n {
                if open_hist[t] && open_hist[t - m] {
                    let d = history[t] - history[t - m];
                    sum += d * d;
                    count += 1;
                }
            }
            if count == 0 {
                return Err(Error::TooShort {
                    series: "history",
                    len: n,
                    needed: m + 1,
                    rule: "a seasonal-naive interval needs two open slots one season apart",
                });
            }
            let sigma = (sum / count as f64).sqrt();
            Some(seasons_back.iter().map(|k| sigma * k.sqrt()).collect())
        } else {
            None
        };
        Ok(Forecast::finish(point, sd, level, calendar, n))
    }
}
