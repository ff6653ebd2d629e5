//! Confidence levels: validated once, turned into critical values on demand.

use std::fmt;

use crate::SurveyError;
use crate::special::{t_two_sided, z_two_sided};

/// A two-sided confidence level, strictly between 0 and 1 (0.95 for 95 %).
///
/// Critical values come from the level itself, never from a rounded constant: at 95 % the normal
/// critical value is `1.959963984540054` (R `qnorm(0.975)`), not `1.96`.
///
/// ```
/// use cx_survey::Confidence;
///
/// let c = Confidence::new(0.95)?;
/// assert_eq!(c, Confidence::NINETY_FIVE);
/// assert!((c.z() - 1.959963984540054).abs() < 1e-15);
/// assert!(Confidence::new(1.0).is_err());
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, PartialOrd, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Confidence(f64);

impl Confidence {
    /// 90 %.
    ///
    /// ```
    /// use cx_survey::Confidence;
    /// assert_eq!(Confidence::NINETY, Confidence::new(0.9)?);
    /// assert!((Confidence::NINETY.z() - 1.6448536269514722).abs() < 1e-14); // R qnorm(0.95)
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub const NINETY: Confidence = Confidence(0.90);
    /// 95 %, the default of this crate.
    ///
    /// ```
    /// use cx_survey::Confidence;
    /// assert_eq!(Confidence::NINETY_FIVE, Confidence::default());
    /// assert_eq!(Confidence::NINETY_FIVE.to_string(), "95%");
    /// ```
    pub const NINETY_FIVE: Confidence = Confidence(0.95);
    /// 99 %.
    ///
    /// ```
    /// use cx_survey::Confidence;
    /// assert_eq!(Confidence::NINETY_NINE.level(), 0.99);
    /// assert!(Confidence::NINETY_NINE.z() > Confidence::NINETY_FIVE.z());
    /// ```
    pub const NINETY_NINE: Confidence = Confidence(0.99);

    /// The level `level`, which must be strictly between 0 and 1.
    ///
    /// # Errors
    /// [`SurveyError::ConfidenceOutOfRange`] for 0, 1, anything outside, or NaN.
    ///
    /// ```
    /// use cx_survey::Confidence;
    /// assert_eq!(Confidence::new(0.9)?.level(), 0.9);
    /// assert!(Confidence::new(0.0).is_err());
    /// assert!(Confidence::new(f64::NAN).is_err());
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn new(level: f64) -> Result<Confidence, SurveyError> {
        if level > 0.0 && level < 1.0 {
            Ok(Confidence(level))
        } else {
            Err(SurveyError::ConfidenceOutOfRange { level })
        }
    }

    /// The level as a number in `(0, 1)`.
    ///
    /// ```
    /// assert_eq!(cx_survey::Confidence::NINETY_NINE.level(), 0.99);
    /// ```
    pub fn level(self) -> f64 {
        self.0
    }

    /// `α = 1 − level`, the two-sided error rate.
    ///
    /// ```
    /// assert!((cx_survey::Confidence::NINETY.alpha() - 0.1).abs() < 1e-15);
    /// ```
    pub fn alpha(self) -> f64 {
        1.0 - self.0
    }

    /// The normal critical value `z = Φ⁻¹(1 − α/2)`.
    ///
    /// ```
    /// // R: qnorm(0.995) = 2.5758293035489
    /// assert!((cx_survey::Confidence::NINETY_NINE.z() - 2.5758293035489004).abs() < 1e-14);
    /// ```
    pub fn z(self) -> f64 {
        z_two_sided(self.alpha())
    }

    /// The Student-t critical value `t_{df, 1 − α/2}` with `df` degrees of freedom, for any real
    /// `df ≥ 1` ([`MIN_T_DEGREES_OF_FREEDOM`]); `df = +∞` gives the normal limit [`z`](Self::z).
    ///
    /// Accurate to a relative 1e-13 for every such `df` and every level up to `1 − 1e-15`:
    /// checked against mpmath at 50 digits for `df` from 1 to 1e9 (fractional ones included) and
    /// levels from 1e-6 to `1 − 1e-15`, the worst seen being 5e-14. `df = 1` (Cauchy) and
    /// `df = 2` are closed forms, `df ≥ 1e7` the Cornish–Fisher expansion (exact to rounding
    /// there), and the rest a Newton inversion of the exact tail. A few microseconds.
    ///
    /// # Errors
    /// [`SurveyError::OutOfRange`] for `df` below 1, NaN or `−∞`. Below one degree of freedom
    /// the quantiles grow without practical bound (beyond 1e300 at 0.05 degrees of freedom and
    /// 99 %), and no statistic of this crate has fewer.
    ///
    /// ```
    /// use cx_survey::Confidence;
    /// // R: qt(0.975, 9) = 2.262157162798205
    /// let t = Confidence::NINETY_FIVE.t(9.0)?;
    /// assert!((t - 2.262157162798205).abs() < 1e-12);
    /// // One degree of freedom is the Cauchy distribution, t = cot(π·α/2); R: qt(0.975, 1).
    /// assert!((Confidence::NINETY_FIVE.t(1.0)? / 12.706204736174707 - 1.0).abs() < 1e-14);
    /// assert_eq!(Confidence::NINETY_FIVE.t(f64::INFINITY)?, Confidence::NINETY_FIVE.z());
    /// assert!(Confidence::NINETY_FIVE.t(0.5).is_err());
    /// assert!(Confidence::NINETY_FIVE.t(f64::NAN).is_err());
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn t(self, df: f64) -> Result<f64, SurveyError> {
        if df >= MIN_T_DEGREES_OF_FREEDOM {
            Ok(t_two_sided(self.alpha(), df))
        } else {
            Err(SurveyError::OutOfRange {
                name: "degrees of freedom",
                value: df,
                range: "1 or more (+infinity for the normal limit)",
            })
        }
    }
}

/// The fewest degrees of freedom [`Confidence::t`] accepts: 1 (the Cauchy distribution).
///
/// ```
/// use cx_survey::{Confidence, MIN_T_DEGREES_OF_FREEDOM};
/// assert!(Confidence::NINETY_FIVE.t(MIN_T_DEGREES_OF_FREEDOM).is_ok());
/// ```
pub const MIN_T_DEGREES_OF_FREEDOM: f64 = 1.0;

impl Default for Confidence {
    /// 95 %.
    fn default() -> Confidence {
        Confidence::NINETY_FIVE
    }
}

impl TryFrom<f64> for Confidence {
    type Error = SurveyError;

    fn try_from(level: f64) -> Result<Confidence, SurveyError> {
        Confidence::new(level)
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.0 * 100.0)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Confidence {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Confidence, D::Error> {
        let level = <f64 as serde::Deserialize>::deserialize(d)?;
        Confidence::new(level).map_err(serde::de::Error::custom)
    }
}
