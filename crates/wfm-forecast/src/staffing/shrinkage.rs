//! Shrinkage: the share of paid time in which agents are not available to take contacts
//! (breaks, training, meetings, absence), and the conversion between agents needed on the
//! phones (*productive*) and agents to schedule.
//!
//! `scheduled = ⌈productive / (1 − s)⌉` and back `productive = ⌊scheduled·(1 − s)⌋`. In
//! floating point the round trip can lose an agent: with `s = 0.3`, `63 / 0.7` rounds up to 90
//! but `0.7 × 90` evaluates to `62.99999999999999`, whose floor is 62 (pyworkforce 0.5.1 and
//! 0.5.4 both do this). Here a shrinkage is held exactly, as a whole number of parts per
//! million, and both directions are integer arithmetic, so `productive(scheduled(n)) ≥ n`
//! always holds and `scheduled(n)` is the fewest agents for which it does.

use crate::error::{Error, Result};

const PPM: u64 = 1_000_000;

/// A shrinkage share in `[0, 1)`, held exactly in parts per million.
///
/// ```
/// use wfm_forecast::Shrinkage;
///
/// let s = Shrinkage::from_fraction(0.3)?;
/// assert_eq!(s.scheduled(63), 90);
/// assert_eq!(s.productive(90), 63); // no agent lost on the way back
/// assert_eq!(Shrinkage::from_percent(30.0)?, s);
/// assert!(Shrinkage::from_fraction(1.0).is_err());
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Shrinkage {
    ppm: u32,
}

impl Shrinkage {
    /// No shrinkage.
    ///
    /// ```
    /// use wfm_forecast::Shrinkage;
    /// assert_eq!(Shrinkage::NONE.scheduled(7), 7);
    /// ```
    pub const NONE: Self = Self { ppm: 0 };

    /// A shrinkage given as a fraction in `[0, 1)` with at most six decimals (0.3, 0.125,
    /// 0.333333); other values (1/3 as a float, NaN) are errors, never silently rounded.
    ///
    /// ```
    /// use wfm_forecast::Shrinkage;
    /// assert_eq!(Shrinkage::from_fraction(0.125)?.parts_per_million(), 125_000);
    /// assert!(Shrinkage::from_fraction(1.0 / 3.0).is_err());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn from_fraction(fraction: f64) -> Result<Self> {
        Self::from_scaled(fraction, fraction * 1e6)
    }

    /// A shrinkage given in percent, in `[0, 100)`, with at most four decimals.
    ///
    /// ```
    /// use wfm_forecast::Shrinkage;
    /// assert_eq!(Shrinkage::from_percent(35.5)?.fraction(), 0.355);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn from_percent(percent: f64) -> Result<Self> {
        Self::from_scaled(percent / 100.0, percent * 1e4)
    }

    fn from_scaled(fraction: f64, scaled: f64) -> Result<Self> {
        if !(fraction.is_finite() && (0.0..1.0).contains(&fraction)) {
            return Err(Error::ShareOutOfRange {
                parameter: "shrinkage",
                value: fraction,
                range: "[0, 1)",
            });
        }
        let rounded = scaled.round();
        // A decimal with at most six places lands within a few ulps of a whole number.
        if (scaled - rounded).abs() > 1e-6 || rounded >= 1e6 {
            return Err(Error::ShrinkageNotRepresentable { value: fraction });
        }
        // 0 <= rounded < 1e6, checked above.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(Self {
            ppm: rounded as u32,
        })
    }

    /// The shrinkage in parts per million.
    ///
    /// ```
    /// use wfm_forecast::Shrinkage;
    /// assert_eq!(Shrinkage::from_percent(12.5)?.parts_per_million(), 125_000);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn parts_per_million(self) -> u32 {
        self.ppm
    }

    /// The shrinkage as a fraction.
    ///
    /// ```
    /// use wfm_forecast::Shrinkage;
    /// assert_eq!(Shrinkage::from_fraction(0.3)?.fraction(), 0.3);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn fraction(self) -> f64 {
        f64::from(self.ppm) / 1e6
    }

    /// The fewest agents to schedule so that at least `productive` remain after shrinkage:
    /// `⌈productive / (1 − s)⌉`, in exact integer arithmetic.
    ///
    /// ```
    /// use wfm_forecast::Shrinkage;
    /// assert_eq!(Shrinkage::from_fraction(0.3)?.scheduled(14), 20);
    /// assert_eq!(Shrinkage::NONE.scheduled(14), 14);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn scheduled(self, productive: u32) -> u64 {
        let keep = PPM - u64::from(self.ppm);
        (u64::from(productive) * PPM).div_ceil(keep)
    }

    /// Agents left after shrinkage: `⌊scheduled·(1 − s)⌋`, in exact integer arithmetic.
    ///
    /// ```
    /// use wfm_forecast::Shrinkage;
    /// assert_eq!(Shrinkage::from_fraction(0.3)?.productive(20), 14);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn productive(self, scheduled: u64) -> u64 {
        let keep = u128::from(PPM - u64::from(self.ppm));
        // The quotient is at most `scheduled`, so it fits in u64.
        #[allow(clippy::cast_possible_truncation)]
        let p = (u128::from(scheduled) * keep / u128::from(PPM)) as u64;
        p
    }
}
