//! Rating scales: the points an answer may take.

use std::fmt;

use crate::ScaleError;

/// A rating scale: the points `min, min + step, …, max`.
///
/// Almost every survey scale has `step = 1` (0–10, 1–5, 1–7, 1–10, −3..=3). A step above one
/// describes instruments whose answers are recorded on a wider scale than they have faces, such as
/// three smileys mapped to 1, 3 and 5 of a 1–5 scale: the scale then
/// has three points, its mean lives on 1–5, and 2 is not an answer.
///
/// A `Scale` is a small `Copy` value, built at run time from configuration with [`Scale::new`] or
/// [`Scale::with_step`], or taken from the presets. Points are `i32` within
/// ±[`Scale::MAX_ABS_POINT`], and a scale holds at most [`Scale::MAX_POINTS`] points; within those
/// bounds every conversion in this crate is exact.
///
/// ```
/// use cx_scales::Scale;
///
/// let nps = Scale::ZERO_TO_TEN;
/// assert_eq!(nps.point_count(), 11);
/// assert!(nps.contains(10) && !nps.contains(11));
///
/// let smileys = Scale::with_step(1, 5, 2)?;
/// assert_eq!(smileys.points().collect::<Vec<_>>(), [1, 3, 5]);
/// assert_eq!(smileys.to_string(), "1..=5 step 2");
///
/// assert!(Scale::new(5, 1).is_err());
/// # Ok::<(), cx_scales::ScaleError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Scale {
    min: i32,
    max: i32,
    step: i32,
}

impl Scale {
    /// The largest number of points a scale may have (a 0–1000 slider).
    ///
    /// ```
    /// use cx_scales::Scale;
    /// assert_eq!(Scale::new(0, 1000)?.point_count(), Scale::MAX_POINTS);
    /// assert!(Scale::new(0, 1001).is_err());
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub const MAX_POINTS: usize = 1001;
    /// The largest absolute value of a point.
    ///
    /// ```
    /// use cx_scales::Scale;
    /// let m = i64::from(Scale::MAX_ABS_POINT);
    /// assert!(Scale::with_step(-m, m, 2000).is_ok());
    /// assert!(Scale::new(m, m + 1).is_err());
    /// ```
    pub const MAX_ABS_POINT: i32 = 1_000_000;

    /// 0–10, the Net Promoter Score question ("how likely are you to recommend us").
    ///
    /// ```
    /// use cx_scales::Scale;
    /// assert_eq!((Scale::ZERO_TO_TEN.min(), Scale::ZERO_TO_TEN.max()), (0, 10));
    /// assert_eq!(Scale::ZERO_TO_TEN.point_count(), 11);
    /// ```
    pub const ZERO_TO_TEN: Scale = Scale::new_const(0, 10, 1);
    /// 1–5, the common CSAT scale.
    ///
    /// ```
    /// use cx_scales::Scale;
    /// assert_eq!(Scale::ONE_TO_FIVE.to_string(), "1..=5");
    /// ```
    pub const ONE_TO_FIVE: Scale = Scale::new_const(1, 5, 1);
    /// 1–7, the agreement scale of the CES 2.0 question and of many CSAT benchmarks.
    ///
    /// ```
    /// use cx_scales::Scale;
    /// assert_eq!(Scale::ONE_TO_SEVEN.point_count(), 7);
    /// ```
    pub const ONE_TO_SEVEN: Scale = Scale::new_const(1, 7, 1);
    /// 1–10, a CSAT scale found in contact centres (see the cross-scale example).
    ///
    /// ```
    /// use cx_scales::Scale;
    /// assert!(Scale::ONE_TO_TEN.contains(10) && !Scale::ONE_TO_TEN.contains(0));
    /// ```
    pub const ONE_TO_TEN: Scale = Scale::new_const(1, 10, 1);
    /// Three smileys recorded as 1 (negative), 3 (neutral) and 5 (positive).
    ///
    /// ```
    /// use cx_scales::Scale;
    /// assert_eq!(Scale::SMILEYS.points().collect::<Vec<_>>(), [1, 3, 5]);
    /// assert_eq!(Scale::SMILEYS.step(), 2);
    /// ```
    pub const SMILEYS: Scale = Scale::new_const(1, 5, 2);
    /// 0–100, percent-style sliders.
    ///
    /// ```
    /// use cx_scales::Scale;
    /// assert_eq!(Scale::ZERO_TO_HUNDRED.point_count(), 101);
    /// ```
    pub const ZERO_TO_HUNDRED: Scale = Scale::new_const(0, 100, 1);

    /// The scale of the integer points `min..=max`.
    ///
    /// # Errors
    /// [`ScaleError::EmptyRange`] unless `min < max`; [`ScaleError::BoundOutOfRange`] when a bound
    /// exceeds ±[`Scale::MAX_ABS_POINT`]; [`ScaleError::TooManyPoints`] beyond
    /// [`Scale::MAX_POINTS`] points.
    ///
    /// ```
    /// use cx_scales::Scale;
    /// let bipolar = Scale::new(-3, 3)?;
    /// assert_eq!(bipolar.point_count(), 7);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn new(min: i64, max: i64) -> Result<Scale, ScaleError> {
        Scale::with_step(min, max, 1)
    }

    /// The scale of the points `min, min + step, …, max`.
    ///
    /// # Errors
    /// As [`Scale::new`], and [`ScaleError::InvalidStep`] unless `step ≥ 1` divides `max − min`.
    ///
    /// ```
    /// use cx_scales::Scale;
    /// assert_eq!(Scale::with_step(1, 5, 2)?, Scale::SMILEYS);
    /// assert!(Scale::with_step(1, 5, 3).is_err());
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn with_step(min: i64, max: i64, step: i64) -> Result<Scale, ScaleError> {
        let limit = i64::from(Scale::MAX_ABS_POINT);
        for value in [min, max] {
            if value.unsigned_abs() > limit.unsigned_abs() {
                return Err(ScaleError::BoundOutOfRange { value, limit });
            }
        }
        if min >= max {
            return Err(ScaleError::EmptyRange { min, max });
        }
        if step < 1 || (max - min) % step != 0 {
            return Err(ScaleError::InvalidStep { min, max, step });
        }
        let points = (max - min) / step + 1;
        if points > Scale::MAX_POINTS as i64 {
            return Err(ScaleError::TooManyPoints {
                points,
                limit: Scale::MAX_POINTS,
            });
        }
        // The checks above bound every value to ±1e6, so the casts are lossless.
        Ok(Scale {
            min: min as i32,
            max: max as i32,
            step: step as i32,
        })
    }

    /// A scale for `const` items: the same rules as [`Scale::with_step`], checked at compile
    /// time when used in a `const` (an invalid scale there is a compile error).
    ///
    /// ```
    /// use cx_scales::Scale;
    /// const FOUR_POINT: Scale = Scale::new_const(1, 4, 1);
    /// assert_eq!(FOUR_POINT.point_count(), 4);
    /// ```
    ///
    /// # Panics
    /// When the scale is invalid; in a `const` item this happens at compile time. Use
    /// [`Scale::with_step`] for values that come from users.
    pub const fn new_const(min: i32, max: i32, step: i32) -> Scale {
        assert!(
            min >= -Scale::MAX_ABS_POINT && max <= Scale::MAX_ABS_POINT,
            "scale bound out of range"
        );
        assert!(min < max, "a scale needs min < max");
        assert!(
            step >= 1 && (max - min) % step == 0,
            "step must divide the range"
        );
        assert!(
            ((max - min) / step + 1) as usize <= Scale::MAX_POINTS,
            "too many points"
        );
        Scale { min, max, step }
    }

    /// The lowest point.
    ///
    /// ```
    /// assert_eq!(cx_scales::Scale::ONE_TO_FIVE.min(), 1);
    /// ```
    pub const fn min(&self) -> i32 {
        self.min
    }

    /// The highest point.
    ///
    /// ```
    /// assert_eq!(cx_scales::Scale::ONE_TO_FIVE.max(), 5);
    /// ```
    pub const fn max(&self) -> i32 {
        self.max
    }

    /// The distance between neighbouring points (1 for ordinary scales).
    ///
    /// ```
    /// assert_eq!(cx_scales::Scale::SMILEYS.step(), 2);
    /// ```
    pub const fn step(&self) -> i32 {
        self.step
    }

    /// `max − min`.
    ///
    /// ```
    /// assert_eq!(cx_scales::Scale::ONE_TO_TEN.span(), 9);
    /// ```
    pub const fn span(&self) -> i64 {
        self.max as i64 - self.min as i64
    }

    /// The number of points.
    ///
    /// ```
    /// assert_eq!(cx_scales::Scale::ONE_TO_SEVEN.point_count(), 7);
    /// ```
    pub const fn point_count(&self) -> usize {
        (self.span() / self.step as i64) as usize + 1
    }

    /// The points, lowest first.
    ///
    /// ```
    /// let pts: Vec<i32> = cx_scales::Scale::ONE_TO_FIVE.points().rev().collect();
    /// assert_eq!(pts, [5, 4, 3, 2, 1]);
    /// ```
    pub fn points(&self) -> impl DoubleEndedIterator<Item = i32> + ExactSizeIterator + use<> {
        let (min, step) = (self.min, self.step);
        (0..self.point_count() as i32).map(move |i| min + i * step)
    }

    /// Whether `value` is a point of the scale.
    ///
    /// ```
    /// assert!(!cx_scales::Scale::SMILEYS.contains(2));
    /// ```
    pub const fn contains(&self, value: i64) -> bool {
        self.index_of(value).is_some()
    }

    /// The zero-based position of `value` among the points, or `None` when it is not a point.
    ///
    /// ```
    /// use cx_scales::Scale;
    /// assert_eq!(Scale::ONE_TO_FIVE.index_of(1), Some(0));
    /// assert_eq!(Scale::SMILEYS.index_of(5), Some(2));
    /// assert_eq!(Scale::ONE_TO_FIVE.index_of(0), None);
    /// ```
    pub const fn index_of(&self, value: i64) -> Option<usize> {
        let offset = value.wrapping_sub(self.min as i64);
        if value < self.min as i64 || value > self.max as i64 || offset % self.step as i64 != 0 {
            None
        } else {
            Some((offset / self.step as i64) as usize)
        }
    }

    /// The point at zero-based position `index`, or `None` past the last point.
    ///
    /// ```
    /// assert_eq!(cx_scales::Scale::ZERO_TO_TEN.point_at(9), Some(9));
    /// ```
    pub const fn point_at(&self, index: usize) -> Option<i32> {
        if index < self.point_count() {
            Some(self.min + index as i32 * self.step)
        } else {
            None
        }
    }

    /// The position of `value` on the scale as a percent of the range,
    /// `100 · (value − min) / (max − min)`: the *percent of maximum possible* (POMP) of a value.
    /// 0 at the bottom point, 100 at the top, whatever the scale.
    ///
    /// # Errors
    /// [`ScaleError::NonFinite`] for NaN and infinities.
    ///
    /// ```
    /// use cx_scales::Scale;
    /// assert_eq!(Scale::ONE_TO_FIVE.pomp(4.0)?, 75.0);
    /// assert_eq!(Scale::ZERO_TO_TEN.pomp(5.0)?, 50.0);
    /// assert!(Scale::ZERO_TO_TEN.pomp(f64::NAN).is_err());
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn pomp(&self, value: f64) -> Result<f64, ScaleError> {
        if !value.is_finite() {
            return Err(ScaleError::NonFinite {
                what: "a value for POMP",
                value,
            });
        }
        Ok(self.pomp_finite(value))
    }

    /// [`Scale::pomp`] of a value known to be finite (a point, or a mean of points).
    pub(crate) fn pomp_finite(&self, value: f64) -> f64 {
        100.0 * (value - f64::from(self.min)) / self.span() as f64
    }

    /// The index of `point` in a table keyed by point, marking in `seen` that the entry at
    /// `position` (zero-based, in input order) holds it: an error naming the position when the
    /// point is off the scale, and both positions when it was seen before.
    pub(crate) fn claim(
        &self,
        seen: &mut [Option<usize>],
        point: i64,
        position: usize,
    ) -> Result<usize, ScaleError> {
        let i = self.index_of(point).ok_or(ScaleError::OffScaleAt {
            value: point,
            position,
            scale: *self,
        })?;
        if let Some(first) = seen[i].replace(position) {
            return Err(ScaleError::DuplicatePoint {
                point,
                first,
                position,
            });
        }
        Ok(i)
    }

    pub(crate) fn check_same(&self, other: &Scale) -> Result<(), ScaleError> {
        if self == other {
            Ok(())
        } else {
            Err(ScaleError::ScaleMismatch {
                left: *self,
                right: *other,
            })
        }
    }
}

impl fmt::Display for Scale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.step == 1 {
            write!(f, "{}..={}", self.min, self.max)
        } else {
            write!(f, "{}..={} step {}", self.min, self.max, self.step)
        }
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::Scale;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    #[derive(Serialize, Deserialize)]
    struct Repr {
        min: i64,
        max: i64,
        #[serde(default = "one")]
        step: i64,
    }

    fn one() -> i64 {
        1
    }

    impl Serialize for Scale {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            Repr {
                min: self.min().into(),
                max: self.max().into(),
                step: self.step().into(),
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for Scale {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let r = Repr::deserialize(d)?;
            Scale::with_step(r.min, r.max, r.step).map_err(D::Error::custom)
        }
    }
}

/// A scale known at compile time, so that a score of one scale cannot be passed where another is
/// expected (see [`TypedScore`](crate::TypedScore)).
///
/// The crate ships markers for the preset scales; implement the trait on a unit struct of your own
/// for any other.
///
/// ```
/// use cx_scales::{FixedScale, Scale, TypedScore};
///
/// #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
/// struct FourPoint;
/// impl FixedScale for FourPoint {
///     const SCALE: Scale = Scale::new_const(1, 4, 1);
/// }
///
/// let s = TypedScore::<FourPoint>::new(4)?;
/// assert_eq!(s.value(), 4);
/// assert!(TypedScore::<FourPoint>::new(5).is_err());
/// # Ok::<(), cx_scales::ScaleError>(())
/// ```
pub trait FixedScale:
    Copy + fmt::Debug + PartialEq + Eq + std::hash::Hash + PartialOrd + Ord + Send + Sync + 'static
{
    /// The scale.
    const SCALE: Scale;
}

macro_rules! fixed_scale {
    ($(#[$doc:meta] $name:ident = $scale:expr;)*) => {$(
        #[$doc]
        ///
        /// ```
        /// use cx_scales::{FixedScale, Scale};
        #[doc = concat!("assert_eq!(cx_scales::", stringify!($name), "::SCALE, ", stringify!($scale), ");")]
        /// ```
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name;
        impl FixedScale for $name {
            const SCALE: Scale = $scale;
        }
    )*};
}

fixed_scale! {
    /// Marker for [`Scale::ZERO_TO_TEN`], the NPS scale.
    ZeroToTen = Scale::ZERO_TO_TEN;
    /// Marker for [`Scale::ONE_TO_FIVE`].
    OneToFive = Scale::ONE_TO_FIVE;
    /// Marker for [`Scale::ONE_TO_SEVEN`].
    OneToSeven = Scale::ONE_TO_SEVEN;
    /// Marker for [`Scale::ONE_TO_TEN`].
    OneToTen = Scale::ONE_TO_TEN;
    /// Marker for [`Scale::SMILEYS`].
    Smileys = Scale::SMILEYS;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_have_the_documented_points() {
        assert_eq!(Scale::ZERO_TO_TEN.point_count(), 11);
        assert_eq!(Scale::ONE_TO_FIVE.point_count(), 5);
        assert_eq!(Scale::ONE_TO_SEVEN.point_count(), 7);
        assert_eq!(Scale::ONE_TO_TEN.point_count(), 10);
        assert_eq!(Scale::SMILEYS.points().collect::<Vec<_>>(), [1, 3, 5]);
        assert_eq!(Scale::ZERO_TO_HUNDRED.point_count(), 101);
    }

    #[test]
    fn invalid_scales_are_typed_errors() {
        assert_eq!(
            Scale::new(3, 3),
            Err(ScaleError::EmptyRange { min: 3, max: 3 })
        );
        assert!(matches!(
            Scale::with_step(0, 10, 0),
            Err(ScaleError::InvalidStep { .. })
        ));
        assert!(matches!(
            Scale::with_step(0, 10, -2),
            Err(ScaleError::InvalidStep { .. })
        ));
        assert!(matches!(
            Scale::new(0, 5000),
            Err(ScaleError::TooManyPoints { points: 5001, .. })
        ));
        assert!(matches!(
            Scale::new(i64::MIN, 0),
            Err(ScaleError::BoundOutOfRange { .. })
        ));
        assert!(Scale::with_step(-1_000_000, 1_000_000, 2000).is_ok());
    }

    #[test]
    fn index_and_point_are_inverse() {
        for scale in [
            Scale::ZERO_TO_TEN,
            Scale::SMILEYS,
            Scale::new(-3, 3).unwrap(),
        ] {
            for (i, p) in scale.points().enumerate() {
                assert_eq!(scale.index_of(p.into()), Some(i));
                assert_eq!(scale.point_at(i), Some(p));
            }
            assert_eq!(scale.point_at(scale.point_count()), None);
            assert_eq!(scale.index_of(i64::MIN), None);
            assert_eq!(scale.index_of(i64::MAX), None);
        }
    }
}
