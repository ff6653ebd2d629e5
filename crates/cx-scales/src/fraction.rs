//! Exact rational numbers for conversions and mapped thresholds.

use std::cmp::Ordering;
use std::fmt;

use num_rational::Ratio;

/// An exact rational number, always in lowest terms with a positive denominator.
///
/// Conversions between scales produce fractions such as 2/3 and 23/5; keeping them exact is what
/// lets the crate say that 7 on 1–10 maps to exactly 5 on 1–7, and that the NPS promoter cut 9 on
/// 0–10 lands between two points of 1–5 (at 23/5) instead of silently rounding it.
///
/// `Display` prints the fraction (`5/3`, or `5` when it is whole); with a precision it prints a
/// decimal (`{:.2}` gives `1.67`).
///
/// ```
/// use cx_scales::Fraction;
///
/// let f = Fraction::new(10, 6).unwrap();
/// assert_eq!((f.numer(), f.denom()), (5, 3));
/// assert_eq!(f.to_string(), "5/3");
/// assert_eq!(format!("{f:.2}"), "1.67");
/// assert_eq!((f.floor(), f.ceil()), (1, 2));
/// assert!(Fraction::new(1, 0).is_none());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Fraction(Ratio<i64>);

impl Fraction {
    /// The fraction `numer / denom` in lowest terms, or `None` when `denom` is zero.
    ///
    /// ```
    /// use cx_scales::Fraction;
    /// assert_eq!(Fraction::new(4, -6), Fraction::new(-2, 3));
    /// ```
    pub fn new(numer: i64, denom: i64) -> Option<Fraction> {
        if denom == 0 || numer == i64::MIN || denom == i64::MIN {
            return None;
        }
        Some(Fraction(Ratio::new(numer, denom)))
    }

    /// The whole number `value`.
    ///
    /// ```
    /// use cx_scales::Fraction;
    /// assert!(Fraction::from_integer(7).is_integer());
    /// ```
    pub fn from_integer(value: i64) -> Fraction {
        Fraction(Ratio::from_integer(value))
    }

    pub(crate) fn from_ratio(r: Ratio<i64>) -> Fraction {
        Fraction(r)
    }

    pub(crate) fn ratio(self) -> Ratio<i64> {
        self.0
    }

    /// The fraction in 128-bit integers, where sums and products of two 64-bit fractions cannot
    /// overflow (use the checked operations for longer chains).
    pub(crate) fn wide(self) -> Ratio<i128> {
        Ratio::new_raw(i128::from(self.numer()), i128::from(self.denom()))
    }

    /// The fraction equal to `r`, or `None` when it does not fit 64-bit integers (the numerator
    /// and denominator `i64::MIN` are refused, as by [`Fraction::new`], so that negation never
    /// overflows).
    pub(crate) fn from_wide(r: Ratio<i128>) -> Option<Fraction> {
        let numer = i64::try_from(*r.numer()).ok()?;
        let denom = i64::try_from(*r.denom()).ok()?;
        Fraction::new(numer, denom)
    }

    /// The numerator, in lowest terms.
    ///
    /// ```
    /// use cx_scales::Fraction;
    /// assert_eq!(Fraction::new(6, 4).unwrap().numer(), 3);
    /// ```
    pub fn numer(&self) -> i64 {
        *self.0.numer()
    }

    /// The denominator, in lowest terms; always positive.
    ///
    /// ```
    /// use cx_scales::Fraction;
    /// assert_eq!(Fraction::new(6, -4).unwrap().denom(), 2);
    /// ```
    pub fn denom(&self) -> i64 {
        *self.0.denom()
    }

    /// Whether the fraction is a whole number.
    ///
    /// ```
    /// use cx_scales::Fraction;
    /// assert!(Fraction::new(10, 2).unwrap().is_integer());
    /// ```
    pub fn is_integer(&self) -> bool {
        self.0.is_integer()
    }

    /// The largest whole number not above the fraction.
    ///
    /// ```
    /// use cx_scales::Fraction;
    /// assert_eq!(Fraction::new(-1, 2).unwrap().floor(), -1);
    /// ```
    pub fn floor(&self) -> i64 {
        self.numer().div_euclid(self.denom())
    }

    /// The smallest whole number not below the fraction.
    ///
    /// ```
    /// use cx_scales::Fraction;
    /// assert_eq!(Fraction::new(-1, 2).unwrap().ceil(), 0);
    /// ```
    pub fn ceil(&self) -> i64 {
        -(-self.numer()).div_euclid(self.denom())
    }

    /// The nearest `f64`. Exact whenever numerator and denominator are below 2^53, which holds for
    /// every fraction this crate produces from valid scales.
    ///
    /// ```
    /// use cx_scales::Fraction;
    /// assert_eq!(Fraction::new(1, 4).unwrap().to_f64(), 0.25);
    /// ```
    pub fn to_f64(&self) -> f64 {
        self.numer() as f64 / self.denom() as f64
    }
}

impl From<i64> for Fraction {
    fn from(value: i64) -> Fraction {
        Fraction::from_integer(value)
    }
}

impl PartialOrd for Fraction {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Fraction {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.cmp(&other.0)
    }
}

impl fmt::Display for Fraction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match f.precision() {
            Some(p) => write!(f, "{:.*}", p, self.to_f64()),
            None if self.is_integer() => write!(f, "{}", self.numer()),
            None => write!(f, "{}/{}", self.numer(), self.denom()),
        }
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::Fraction;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    #[derive(Serialize, Deserialize)]
    struct Repr {
        numer: i64,
        denom: i64,
    }

    impl Serialize for Fraction {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            Repr {
                numer: self.numer(),
                denom: self.denom(),
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for Fraction {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let r = Repr::deserialize(d)?;
            Fraction::new(r.numer, r.denom)
                .ok_or_else(|| D::Error::custom("a fraction needs a non-zero denominator"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_and_ceil_agree_with_exact_values() {
        for n in -20..=20 {
            for d in 1..=7 {
                let f = Fraction::new(n, d).unwrap();
                assert_eq!(f.floor(), (n as f64 / d as f64).floor() as i64, "{n}/{d}");
                assert_eq!(f.ceil(), (n as f64 / d as f64).ceil() as i64, "{n}/{d}");
            }
        }
    }

    #[test]
    fn ordering_is_numeric() {
        let a = Fraction::new(2, 3).unwrap();
        let b = Fraction::new(3, 4).unwrap();
        assert!(a < b);
        assert_eq!(Fraction::new(2, 4), Fraction::new(1, 2));
    }

    #[test]
    fn display_with_and_without_precision() {
        let f = Fraction::new(23, 5).unwrap();
        assert_eq!(f.to_string(), "23/5");
        assert_eq!(format!("{f:.1}"), "4.6");
        assert_eq!(Fraction::from(-3).to_string(), "-3");
    }
}
