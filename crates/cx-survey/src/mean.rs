//! Mean scores and their Student-t intervals (CSAT as a mean, CES as a mean, CSI).
//!
//! From a distribution of answers, the sums `Σx` and `Σx²` are exact 128-bit integers, so the
//! mean is within one ulp and the sample variance `(nΣx² − (Σx)²) / (n(n − 1))` has a single
//! rounding; the t interval is `x̄ ± t_{n−1, 1−α/2} · s/√n`. A mean of answers on a scale cannot
//! leave the scale, so the interval is clipped to it (the clip is visible: [`MeanInterval`] keeps
//! the scale's ends as its bounds).

use std::fmt;

use cx_scales::{Distribution, Scale};

use crate::nps::ratio;
use crate::{Confidence, SurveyError};

/// A mean score with what its uncertainty needs: `n`, the mean, the sample standard deviation,
/// and, for answers on a scale, the scale.
///
/// ```
/// use cx_scales::{Distribution, Scale};
/// use cx_survey::{Confidence, MeanScore};
///
/// let d = Distribution::count(Scale::ONE_TO_FIVE, &[5u8, 4, 4, 3, 5, 5, 2, 4])?;
/// let m = MeanScore::from_distribution(&d)?;
/// assert_eq!(m.mean(), 4.0);
/// // scipy.stats.t.interval(0.95, 7, loc=4, scale=sem) = (3.1062560408818953, 4.893743959118105)
/// let ci = m.interval(Confidence::NINETY_FIVE)?;
/// assert!((ci.lower - 3.1062560408818953).abs() < 1e-12);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MeanScore {
    n: u64,
    mean: f64,
    std_dev: f64,
    scale: Option<Scale>,
}

impl MeanScore {
    /// The mean of the answers in `dist`.
    ///
    /// # Errors
    /// [`SurveyError::NoResponses`] when `dist` is empty.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// use cx_survey::MeanScore;
    /// let m = MeanScore::from_distribution(&Distribution::count(Scale::ONE_TO_FIVE, &[1u8, 3, 5])?)?;
    /// assert_eq!((m.n(), m.mean(), m.std_dev()), (3, 3.0, 2.0));
    /// assert!(MeanScore::from_distribution(&Distribution::new(Scale::ONE_TO_FIVE)).is_err());
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn from_distribution(dist: &Distribution) -> Result<MeanScore, SurveyError> {
        let n = dist.n();
        if n == 0 {
            return Err(SurveyError::NoResponses {
                what: "a mean score",
            });
        }
        let mut sum: i128 = 0;
        let mut sum_sq: i128 = 0;
        for (x, c) in dist.iter() {
            let (x, c) = (i128::from(x), i128::from(c));
            sum += x * c;
            sum_sq += x * x * c;
        }
        let mean = ratio(sum, n);
        let std_dev = if n < 2 {
            0.0
        } else {
            let n_i = i128::from(n);
            let var = match n_i
                .checked_mul(sum_sq)
                .and_then(|a| sum.checked_mul(sum).and_then(|b| a.checked_sub(b)))
            {
                // Exact numerator, one division (two roundings of f64 conversion at most).
                Some(num) => num as f64 / (n as f64 * (n - 1) as f64),
                // Astronomically large inputs: centred two-pass sum in f64.
                None => {
                    let ss: f64 = dist
                        .iter()
                        .map(|(x, c)| c as f64 * (f64::from(x) - mean).powi(2))
                        .sum();
                    ss / (n - 1) as f64
                }
            };
            var.max(0.0).sqrt()
        };
        Ok(MeanScore {
            n,
            mean,
            std_dev,
            scale: Some(dist.scale()),
        })
    }

    /// A mean from summary statistics (`n` values with mean `mean` and sample standard deviation
    /// `std_dev`), for data that is not a distribution on a scale.
    ///
    /// # Errors
    /// [`SurveyError::NoResponses`] when `n = 0`, [`SurveyError::OutOfRange`] for a non-finite
    /// mean or a negative or non-finite standard deviation.
    ///
    /// ```
    /// use cx_survey::MeanScore;
    /// let m = MeanScore::from_summary(50, 4.2, 0.9)?;
    /// assert_eq!(m.scale(), None);
    /// assert!(MeanScore::from_summary(10, 4.2, -1.0).is_err());
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn from_summary(n: u64, mean: f64, std_dev: f64) -> Result<MeanScore, SurveyError> {
        if n == 0 {
            return Err(SurveyError::NoResponses {
                what: "a mean score",
            });
        }
        if !mean.is_finite() {
            return Err(SurveyError::OutOfRange {
                name: "mean",
                value: mean,
                range: "finite numbers",
            });
        }
        if !(std_dev >= 0.0 && std_dev.is_finite()) {
            return Err(SurveyError::OutOfRange {
                name: "std_dev",
                value: std_dev,
                range: "0..infinity",
            });
        }
        Ok(MeanScore {
            n,
            mean,
            std_dev,
            scale: None,
        })
    }

    /// The number of answers.
    ///
    /// ```
    /// assert_eq!(cx_survey::MeanScore::from_summary(50, 4.2, 0.9)?.n(), 50);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn n(&self) -> u64 {
        self.n
    }

    /// The mean.
    ///
    /// ```
    /// assert_eq!(cx_survey::MeanScore::from_summary(50, 4.2, 0.9)?.mean(), 4.2);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// The sample standard deviation (divisor `n − 1`; 0 for a single answer).
    ///
    /// ```
    /// assert_eq!(cx_survey::MeanScore::from_summary(50, 4.2, 0.9)?.std_dev(), 0.9);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn std_dev(&self) -> f64 {
        self.std_dev
    }

    /// The scale of the answers, when the mean comes from a distribution.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// let d = Distribution::count(Scale::ONE_TO_FIVE, &[4u8])?;
    /// assert_eq!(cx_survey::MeanScore::from_distribution(&d)?.scale(), Some(Scale::ONE_TO_FIVE));
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn scale(&self) -> Option<Scale> {
        self.scale
    }

    /// The standard error `s / √n`.
    ///
    /// ```
    /// assert_eq!(cx_survey::MeanScore::from_summary(100, 4.0, 1.0)?.standard_error(), 0.1);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn standard_error(&self) -> f64 {
        self.std_dev / (self.n as f64).sqrt()
    }

    /// The Student-t interval `x̄ ± t · s/√n` with `n − 1` degrees of freedom, clipped to the scale
    /// when there is one.
    ///
    /// # Errors
    /// [`SurveyError::TooFewResponses`] for fewer than 2 answers (no variance to estimate).
    ///
    /// ```
    /// use cx_survey::{Confidence, MeanScore};
    /// let ci = MeanScore::from_summary(100, 4.0, 1.0)?.interval(Confidence::NINETY_FIVE)?;
    /// // R: qt(0.975, 99) = 1.984216952
    /// assert!((ci.upper - 4.1984216952).abs() < 1e-9);
    /// assert!(MeanScore::from_summary(1, 4.0, 0.0)?.interval(Confidence::NINETY_FIVE).is_err());
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn interval(&self, confidence: Confidence) -> Result<MeanInterval, SurveyError> {
        if self.n < 2 {
            return Err(SurveyError::TooFewResponses {
                what: "a t interval",
                n: self.n,
                needed: 2,
            });
        }
        // n ≥ 2, so df ≥ 1 and the critical value is finite and positive: the interval holds
        // the mean, and clipping to the scale (which holds the mean) keeps lower ≤ upper.
        let t = confidence.t((self.n - 1) as f64)?;
        let h = t * self.standard_error();
        let (mut lower, mut upper) = (self.mean - h, self.mean + h);
        if let Some(s) = self.scale {
            lower = lower.clamp(f64::from(s.min()), self.mean);
            upper = upper.clamp(self.mean, f64::from(s.max()));
        }
        Ok(MeanInterval {
            estimate: self.mean,
            lower,
            upper,
            confidence,
        })
    }

    /// The percent of maximum possible, `100 · (mean − min)/(max − min)`: 0 to 100 on every scale.
    ///
    /// # Errors
    /// [`SurveyError::OutOfRange`] when the mean does not come from a scale.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// let d = Distribution::count(Scale::ONE_TO_FIVE, &[5u8, 4])?;
    /// assert_eq!(cx_survey::MeanScore::from_distribution(&d)?.pomp()?, 87.5);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn pomp(&self) -> Result<f64, SurveyError> {
        Ok(self.scale_or_err()?.pomp(self.mean)?)
    }

    fn scale_or_err(&self) -> Result<Scale, SurveyError> {
        self.scale.ok_or(SurveyError::OutOfRange {
            name: "scale",
            value: f64::NAN,
            range: "a mean computed from a distribution on a scale",
        })
    }
}

impl fmt::Display for MeanScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(2);
        write!(
            f,
            "mean {:.p$} (sd {:.p$}, n = {})",
            self.mean, self.std_dev, self.n
        )?;
        if let Some(s) = self.scale {
            write!(f, " on {s}")?;
        }
        Ok(())
    }
}

/// A confidence interval for a mean.
///
/// ```
/// use cx_survey::{Confidence, MeanScore};
/// let ci = MeanScore::from_summary(100, 4.0, 1.0)?.interval(Confidence::NINETY_FIVE)?;
/// assert_eq!(format!("{ci}"), "4.00 [3.80, 4.20] (95%)");
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MeanInterval {
    /// The mean.
    pub estimate: f64,
    /// The lower end.
    pub lower: f64,
    /// The upper end.
    pub upper: f64,
    /// The confidence level.
    pub confidence: Confidence,
}

impl fmt::Display for MeanInterval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(2);
        write!(
            f,
            "{:.p$} [{:.p$}, {:.p$}] ({})",
            self.estimate, self.lower, self.upper, self.confidence
        )
    }
}
