//! Revenue amounts as whole minor units (cents), so that sums are exact and merging
//! accumulators in any order gives the same result to the last unit.

use crate::RetentionError;

/// A non-negative amount of money in minor units (cents, pence, kopecks).
///
/// Floating-point sums depend on the order of addition, so a split-and-merged sum would differ
/// from a one-pass sum in the last bits; integer minor units do not. Convert from a decimal
/// amount with [`Money::try_from_major`], which rejects NaN, infinities and negative values.
///
/// ```
/// use cx_retention::Money;
/// let price = Money::try_from_major(19.99, 2)?;
/// assert_eq!(price.minor_units(), 1999);
/// assert!(Money::try_from_major(f64::NAN, 2).is_err());
/// # Ok::<(), cx_retention::RetentionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Money(u64);

impl Money {
    /// No money: an event that carries no revenue.
    ///
    /// ```
    /// assert_eq!(cx_retention::Money::ZERO.minor_units(), 0);
    /// ```
    pub const ZERO: Money = Money(0);

    /// An amount of `units` minor units.
    ///
    /// ```
    /// assert_eq!(cx_retention::Money::from_minor_units(250).minor_units(), 250);
    /// ```
    #[must_use]
    pub const fn from_minor_units(units: u64) -> Money {
        Money(units)
    }

    /// The amount `major` (e.g. 19.99) with `decimals` minor digits (2 for cents), rounded to
    /// the nearest minor unit (halves away from zero).
    ///
    /// # Errors
    /// [`RetentionError::InvalidRevenue`] if `major` is NaN, infinite, negative, or at least
    /// 2^63 minor units; [`RetentionError::InvalidParameter`] if `decimals > 9`.
    ///
    /// ```
    /// use cx_retention::Money;
    /// assert_eq!(Money::try_from_major(0.125, 2)?.minor_units(), 13);
    /// assert!(Money::try_from_major(-1.0, 2).is_err());
    /// assert!(Money::try_from_major(f64::INFINITY, 2).is_err());
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn try_from_major(major: f64, decimals: u8) -> Result<Money, RetentionError> {
        if decimals > 9 {
            return Err(RetentionError::InvalidParameter {
                name: "decimals",
                value: f64::from(decimals),
                rule: "0..=9 minor digits",
            });
        }
        if !major.is_finite() || major < 0.0 {
            return Err(RetentionError::InvalidRevenue { value: major });
        }
        let scaled = (major * 10f64.powi(i32::from(decimals))).round();
        if scaled >= 9_223_372_036_854_775_808.0
        /* 2^63 */
        {
            return Err(RetentionError::InvalidRevenue { value: major });
        }
        Ok(Money(scaled as u64))
    }

    /// The amount in minor units.
    ///
    /// ```
    /// assert_eq!(cx_retention::Money::from_minor_units(7).minor_units(), 7);
    /// ```
    #[must_use]
    pub const fn minor_units(self) -> u64 {
        self.0
    }
}
