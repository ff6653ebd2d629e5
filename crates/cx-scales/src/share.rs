//! Shares: proportions that cannot leave 0..=1.

use std::cmp::Ordering;
use std::fmt;

use crate::ScaleError;

/// A proportion within `0..=1`, such as the share of answers in a top box.
///
/// It cannot hold NaN or a value outside `0..=1`, so a `Share` read from anywhere is safe to
/// print as a percentage. `Display` prints the percentage with the precision asked for (all
/// digits by default): rounding is the caller's choice, never silent.
///
/// ```
/// use cx_scales::Share;
///
/// let s = Share::from_counts(773, 1000)?;
/// assert_eq!(s.value(), 0.773);
/// assert_eq!(format!("{s:.1}"), "77.3%");
/// assert!(Share::new(1.2).is_err());
/// # Ok::<(), cx_scales::ScaleError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Share(f64);

impl Share {
    /// No share at all.
    ///
    /// ```
    /// use cx_scales::Share;
    /// assert_eq!(Share::ZERO, Share::from_counts(0, 12)?);
    /// assert_eq!(Share::ZERO.complement(), Share::ONE);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub const ZERO: Share = Share(0.0);
    /// Everything.
    ///
    /// ```
    /// use cx_scales::Share;
    /// assert_eq!(Share::ONE.percent(), 100.0);
    /// assert_eq!(Share::ONE, Share::from_counts(12, 12)?);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub const ONE: Share = Share(1.0);

    /// The share `value`.
    ///
    /// # Errors
    /// [`ScaleError::NonFinite`] for NaN and infinities, [`ScaleError::ShareOutOfRange`]
    /// outside `0..=1`.
    ///
    /// ```
    /// assert_eq!(cx_scales::Share::new(0.25)?.percent(), 25.0);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn new(value: f64) -> Result<Share, ScaleError> {
        if !value.is_finite() {
            return Err(ScaleError::NonFinite {
                what: "a share",
                value,
            });
        }
        if !(0.0..=1.0).contains(&value) {
            return Err(ScaleError::ShareOutOfRange { value });
        }
        // -0.0 is stored as 0.0 so that equal shares print alike.
        Ok(Share(value + 0.0))
    }

    /// The share `percent / 100`.
    ///
    /// # Errors
    /// As [`Share::new`].
    ///
    /// ```
    /// assert_eq!(cx_scales::Share::from_percent(85.0)?.value(), 0.85);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn from_percent(percent: f64) -> Result<Share, ScaleError> {
        Share::new(percent / 100.0)
    }

    /// The share `part / whole` of two counts (correctly rounded below 2^53 answers).
    ///
    /// # Errors
    /// [`ScaleError::ShareOutOfRange`] when `part > whole`; a share of nothing (`whole = 0`) is
    /// undefined and gives [`ScaleError::ZeroWhole`].
    ///
    /// ```
    /// use cx_scales::Share;
    /// assert_eq!(Share::from_counts(1, 3)?.value(), 1.0 / 3.0);
    /// assert!(Share::from_counts(0, 0).is_err());
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn from_counts(part: u64, whole: u64) -> Result<Share, ScaleError> {
        if whole == 0 {
            return Err(ScaleError::ZeroWhole { part });
        }
        if part > whole {
            return Err(ScaleError::ShareOutOfRange {
                value: part as f64 / whole as f64,
            });
        }
        Ok(Share(ratio_u64(part, whole)))
    }

    pub(crate) fn clamped(value: f64) -> Share {
        // Only for ratios of non-negative partial sums to their total, where rounding may land a
        // hair outside 0..=1; the value is otherwise already a share.
        Share(value.clamp(0.0, 1.0) + 0.0)
    }

    /// The share as a number within `0..=1`.
    ///
    /// ```
    /// assert_eq!(cx_scales::Share::ONE.value(), 1.0);
    /// ```
    pub fn value(self) -> f64 {
        self.0
    }

    /// The share as a percentage within `0..=100`.
    ///
    /// ```
    /// assert_eq!(cx_scales::Share::new(0.5)?.percent(), 50.0);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn percent(self) -> f64 {
        self.0 * 100.0
    }

    /// The rest: `1 − self`.
    ///
    /// ```
    /// assert_eq!(cx_scales::Share::new(0.25)?.complement().value(), 0.75);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn complement(self) -> Share {
        Share(1.0 - self.0)
    }
}

/// `part / whole` for any `u64` counts: correctly rounded when both (after reduction by their
/// common factor) are below 2^53, and within 1.5 ulp otherwise.
fn ratio_u64(part: u64, whole: u64) -> f64 {
    const EXACT: u64 = 1 << 53;
    if whole < EXACT {
        return part as f64 / whole as f64;
    }
    let g = gcd(part, whole);
    let (p, w) = (part / g, whole / g);
    p as f64 / w as f64
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

impl Eq for Share {}

impl PartialOrd for Share {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Share {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl fmt::Display for Share {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match f.precision() {
            Some(p) => write!(f, "{:.*}%", p, self.percent()),
            None => write!(f, "{}%", self.percent()),
        }
    }
}

impl TryFrom<f64> for Share {
    type Error = ScaleError;
    fn try_from(value: f64) -> Result<Share, ScaleError> {
        Share::new(value)
    }
}

impl From<Share> for f64 {
    fn from(s: Share) -> f64 {
        s.0
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::Share;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    impl Serialize for Share {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_f64(self.0)
        }
    }

    impl<'de> Deserialize<'de> for Share {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            Share::new(f64::deserialize(d)?).map_err(D::Error::custom)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_nan_infinities_and_out_of_range() {
        assert!(matches!(
            Share::new(f64::NAN),
            Err(ScaleError::NonFinite { .. })
        ));
        assert!(Share::new(f64::INFINITY).is_err());
        assert!(Share::new(-1e-300).is_err());
        assert!(Share::new(1.0 + f64::EPSILON).is_err());
        assert_eq!(Share::new(-0.0).unwrap().to_string(), "0%");
        assert!(Share::from_counts(2, 1).is_err());
    }

    #[test]
    fn huge_counts_divide_accurately() {
        let s = Share::from_counts(u64::MAX / 3, u64::MAX).unwrap();
        assert_eq!(s.value(), 1.0 / 3.0);
        assert_eq!(Share::from_counts(u64::MAX, u64::MAX).unwrap(), Share::ONE);
    }
}
