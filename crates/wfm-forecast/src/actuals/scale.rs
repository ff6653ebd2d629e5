//! The scale of MASE and RMSSE, from the training series.

use crate::error::{Error, Result};

/// The scale of MASE and RMSSE: the in-sample errors of the seasonal-naive forecast
/// (`A_t − A_{t−m}`) on the **training** series, as in Hyndman & Koehler (2006) and
/// utilsforecast. Season 1 gives the naive (random-walk) scale.
///
/// ```
/// use wfm_forecast::TrainingScale;
/// let s = TrainingScale::seasonal_naive(&[10.0, 20.0, 13.0, 24.0], 2)?;
/// assert_eq!(s.mae(), 3.5);
/// assert_eq!(s.mse(), 12.5);
/// assert!(TrainingScale::seasonal_naive(&[5.0, 5.0, 5.0], 1).is_err()); // no change: scale 0
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TrainingScale {
    mae: f64,
    mse: f64,
}

impl TrainingScale {
    /// The scale from a training series and a season length `season ≥ 1`; errors if the
    /// series has no more than `season` values, holds an invalid value, or never changes
    /// (scale 0).
    ///
    /// ```
    /// use wfm_forecast::TrainingScale;
    /// assert!(TrainingScale::seasonal_naive(&[1.0, 2.0], 2).is_err()); // too short
    /// assert_eq!(TrainingScale::seasonal_naive(&[1.0, 2.0], 1)?.mae(), 1.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn seasonal_naive(training: &[f64], season: usize) -> Result<Self> {
        if season == 0 {
            return Err(Error::CountOutOfRange {
                parameter: "season length",
                value: 0,
                range: "1..",
            });
        }
        if training.len() <= season {
            // `season + 1` overflows for `usize::MAX`: then name the season itself.
            let Some(needed) = season.checked_add(1) else {
                return Err(Error::CountOutOfRange {
                    parameter: "season length",
                    value: season,
                    range: "1 to one less than the length of the training series",
                });
            };
            return Err(Error::TooShort {
                series: "training",
                len: training.len(),
                needed,
                rule: "the seasonal-naive scale needs more than one season",
            });
        }
        for (index, &v) in training.iter().enumerate() {
            crate::actuals::accuracy::check_value("training", index, v)?;
        }
        let (mut abs, mut sq) = (0.0, 0.0);
        for (now, then) in training[season..].iter().zip(training) {
            let d = now - then;
            abs += d.abs();
            sq += d * d;
        }
        let n = (training.len() - season) as f64;
        if abs == 0.0 {
            return Err(Error::ZeroTotal {
                measure: "MASE/RMSSE scale",
                what: "the training series' seasonal-naive MAE",
            });
        }
        Ok(Self {
            mae: abs / n,
            mse: sq / n,
        })
    }

    /// The seasonal-naive MAE of the training series (the MASE denominator).
    ///
    /// ```
    /// use wfm_forecast::TrainingScale;
    /// assert_eq!(TrainingScale::seasonal_naive(&[1.0, 3.0], 1)?.mae(), 2.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn mae(&self) -> f64 {
        self.mae
    }

    /// The seasonal-naive MSE of the training series (the RMSSE denominator, squared).
    ///
    /// ```
    /// use wfm_forecast::TrainingScale;
    /// assert_eq!(TrainingScale::seasonal_naive(&[1.0, 3.0], 1)?.mse(), 4.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn mse(&self) -> f64 {
        self.mse
    }
}
