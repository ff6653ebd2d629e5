//! Scores: answers validated against their scale.

use std::cmp::Ordering;
use std::fmt;
use std::marker::PhantomData;

use crate::{FixedScale, Scale, ScaleError};

/// One answer, validated against its scale.
///
/// Every constructor returns `Result`, and the error names the value and the scale: an integer
/// off the scale, a float that is not a point (6.5 is not an answer on 0–10, a mistake that pulls
/// NPS towards zero when it is counted in the total but in no band), NaN, or a CSV cell that is
/// not a number.
///
/// Scores of different scales do not compare: `partial_cmp` returns `None` for them.
///
/// ```
/// use cx_scales::{Scale, Score};
///
/// let s = Score::parse(Scale::ZERO_TO_TEN, " 9 ")?;
/// assert_eq!(s.value(), 9);
/// assert_eq!(Score::from_f64(Scale::ZERO_TO_TEN, 9.0)?, s);
///
/// let err = Score::from_f64(Scale::ZERO_TO_TEN, 6.5).unwrap_err();
/// assert_eq!(err.to_string(), "answer 6.5 is not a point of the scale 0..=10");
/// # Ok::<(), cx_scales::ScaleError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Score {
    scale: Scale,
    value: i32,
}

impl Score {
    /// The answer `value` on `scale`.
    ///
    /// # Errors
    /// [`ScaleError::OffScale`] when `value` is not a point of `scale`.
    ///
    /// ```
    /// use cx_scales::{Scale, Score};
    /// assert!(Score::new(Scale::ONE_TO_SEVEN, 7).is_ok());
    /// assert!(Score::new(Scale::ONE_TO_SEVEN, 0).is_err());
    /// ```
    pub fn new(scale: Scale, value: i64) -> Result<Score, ScaleError> {
        match scale.index_of(value) {
            // On the scale, so within ±1e6 and the cast is lossless.
            Some(_) => Ok(Score {
                scale,
                value: value as i32,
            }),
            None => Err(ScaleError::OffScale { value, scale }),
        }
    }

    /// The answer `value` on `scale`, from a float that must be a whole point.
    ///
    /// # Errors
    /// [`ScaleError::NonFinite`] for NaN and infinities, [`ScaleError::NotAPoint`] for any other
    /// value that is not a point (fractions, values off the scale).
    ///
    /// ```
    /// use cx_scales::{Scale, Score};
    /// assert_eq!(Score::from_f64(Scale::ONE_TO_FIVE, 4.0)?.value(), 4);
    /// assert!(Score::from_f64(Scale::ONE_TO_FIVE, f64::NAN).is_err());
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn from_f64(scale: Scale, value: f64) -> Result<Score, ScaleError> {
        if !value.is_finite() {
            return Err(ScaleError::NonFinite {
                what: "an answer",
                value,
            });
        }
        let whole = value.trunc();
        if whole != value || whole.abs() > f64::from(Scale::MAX_ABS_POINT) {
            return Err(ScaleError::NotAPoint { value, scale });
        }
        Score::new(scale, whole as i64).map_err(|_| ScaleError::NotAPoint { value, scale })
    }

    /// The answer written in `text`, as found in a CSV cell: surrounding whitespace is ignored,
    /// and integers (`7`, `+7`) and whole decimals (`7.0`, or `7,0` with a decimal comma) are
    /// accepted. Labels are read by [`LabeledScale::parse`](crate::LabeledScale::parse).
    ///
    /// # Errors
    /// [`ScaleError::Unparsable`] when the text is not a number; otherwise as
    /// [`Score::new`] and [`Score::from_f64`].
    ///
    /// ```
    /// use cx_scales::{Scale, Score};
    /// assert_eq!(Score::parse(Scale::ONE_TO_TEN, "7,0")?.value(), 7);
    /// assert!(Score::parse(Scale::ONE_TO_TEN, "").is_err());
    /// assert!(Score::parse(Scale::ONE_TO_TEN, "seven").is_err());
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn parse(scale: Scale, text: &str) -> Result<Score, ScaleError> {
        let t = text.trim();
        if let Ok(v) = t.parse::<i64>() {
            return Score::new(scale, v);
        }
        let unparsable = || ScaleError::Unparsable {
            text: text.to_owned(),
            scale,
        };
        // Only plain decimal numbers: no "inf", "NaN" or exponents sneaking in through f64's parser.
        let plain = !t.is_empty()
            && t.bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'+' | b'-'));
        if !plain || t.matches([',', '.']).count() > 1 {
            return Err(unparsable());
        }
        let v: f64 = t.replace(',', ".").parse().map_err(|_| unparsable())?;
        Score::from_f64(scale, v)
    }

    /// The point.
    ///
    /// ```
    /// use cx_scales::{Scale, Score};
    /// assert_eq!(Score::new(Scale::ZERO_TO_TEN, 3)?.value(), 3);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn value(&self) -> i32 {
        self.value
    }

    /// The scale.
    ///
    /// ```
    /// use cx_scales::{Scale, Score};
    /// assert_eq!(Score::new(Scale::ZERO_TO_TEN, 3)?.scale(), Scale::ZERO_TO_TEN);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// The zero-based position of the point on its scale.
    ///
    /// ```
    /// use cx_scales::{Scale, Score};
    /// assert_eq!(Score::new(Scale::SMILEYS, 3)?.index(), 1);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn index(&self) -> usize {
        ((i64::from(self.value) - i64::from(self.scale.min())) / i64::from(self.scale.step()))
            as usize
    }

    /// The percent of maximum possible of this answer: 0 at the bottom of the scale, 100 at the
    /// top.
    ///
    /// ```
    /// use cx_scales::{Scale, Score};
    /// assert_eq!(Score::new(Scale::ONE_TO_FIVE, 5)?.pomp(), 100.0);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn pomp(&self) -> f64 {
        self.scale.pomp_finite(f64::from(self.value))
    }
}

impl PartialOrd for Score {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        (self.scale == other.scale).then(|| self.value.cmp(&other.value))
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} on {}", self.value, self.scale)
    }
}

/// A score whose scale is part of its type: a `TypedScore<ZeroToTen>` cannot be passed where a
/// `TypedScore<OneToFive>` is expected.
///
/// ```
/// use cx_scales::{OneToFive, Score, TypedScore, ZeroToTen};
///
/// fn recommend(likelihood: TypedScore<ZeroToTen>) -> bool { likelihood.value() >= 9 }
///
/// let s = TypedScore::<ZeroToTen>::new(10)?;
/// assert!(recommend(s));
/// // recommend(TypedScore::<OneToFive>::new(5)?); // does not compile (see below)
///
/// // A runtime score converts when its scale matches.
/// let runtime: Score = s.into();
/// assert!(TypedScore::<OneToFive>::try_from(runtime).is_err());
/// # Ok::<(), cx_scales::ScaleError>(())
/// ```
///
/// A score of one fixed scale is a different type from a score of another, so passing it where
/// the other is expected is a compile error (mismatched types):
///
/// ```compile_fail,E0308
/// use cx_scales::{OneToFive, TypedScore, ZeroToTen};
///
/// fn recommend(likelihood: TypedScore<ZeroToTen>) -> bool { likelihood.value() >= 9 }
///
/// let five = TypedScore::<OneToFive>::new(5)?;
/// recommend(five);
/// # Ok::<(), cx_scales::ScaleError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct TypedScore<S: FixedScale> {
    value: i32,
    scale: PhantomData<S>,
}

impl<S: FixedScale> TypedScore<S> {
    /// The answer `value` on the scale `S`.
    ///
    /// # Errors
    /// [`ScaleError::OffScale`] when `value` is not a point of `S`.
    ///
    /// ```
    /// use cx_scales::{OneToSeven, TypedScore};
    /// assert!(TypedScore::<OneToSeven>::new(8).is_err());
    /// ```
    pub fn new(value: i64) -> Result<Self, ScaleError> {
        Score::new(S::SCALE, value).map(|s| TypedScore {
            value: s.value,
            scale: PhantomData,
        })
    }

    /// The point.
    ///
    /// ```
    /// use cx_scales::{OneToSeven, TypedScore};
    /// assert_eq!(TypedScore::<OneToSeven>::new(5)?.value(), 5);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn value(&self) -> i32 {
        self.value
    }
}

impl<S: FixedScale> From<TypedScore<S>> for Score {
    fn from(s: TypedScore<S>) -> Score {
        Score {
            scale: S::SCALE,
            value: s.value,
        }
    }
}

impl<S: FixedScale> TryFrom<Score> for TypedScore<S> {
    type Error = ScaleError;
    fn try_from(s: Score) -> Result<Self, ScaleError> {
        S::SCALE.check_same(&s.scale)?;
        Ok(TypedScore {
            value: s.value,
            scale: PhantomData,
        })
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::Score;
    use crate::Scale;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    #[derive(Serialize, Deserialize)]
    struct Repr {
        scale: Scale,
        value: i64,
    }

    impl Serialize for Score {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            Repr {
                scale: self.scale,
                value: self.value.into(),
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for Score {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let r = Repr::deserialize(d)?;
            Score::new(r.scale, r.value).map_err(D::Error::custom)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OneToFive;

    #[test]
    fn parse_accepts_csv_cells_and_rejects_the_rest() {
        let s = Scale::ONE_TO_FIVE;
        for ok in ["4", " 4", "4\t", "+4", "4.0", "4,0", "4.", "04"] {
            assert_eq!(Score::parse(s, ok).map(|x| x.value()), Ok(4), "{ok:?}");
        }
        for bad in [
            "", " ", "four", "4.5.0", "4,5", "inf", "NaN", "1e0", "--4", "4 5",
        ] {
            assert!(Score::parse(s, bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            Score::parse(s, "9"),
            Err(ScaleError::OffScale { value: 9, scale: s })
        );
        assert_eq!(
            Score::parse(s, "4,5"),
            Err(ScaleError::NotAPoint {
                value: 4.5,
                scale: s
            })
        );
    }

    #[test]
    fn floats_must_be_whole_points() {
        let s = Scale::ZERO_TO_TEN;
        assert!(Score::from_f64(s, -0.0).is_ok());
        assert!(Score::from_f64(s, 10.000000001).is_err());
        assert!(Score::from_f64(s, 1e300).is_err());
        assert!(matches!(
            Score::from_f64(s, f64::INFINITY),
            Err(ScaleError::NonFinite { .. })
        ));
        assert!(Score::from_f64(Scale::SMILEYS, 2.0).is_err());
    }

    #[test]
    fn scores_of_different_scales_do_not_compare() {
        let a = Score::new(Scale::ONE_TO_FIVE, 3).unwrap();
        let b = Score::new(Scale::ONE_TO_SEVEN, 3).unwrap();
        assert_ne!(a, b);
        assert_eq!(a.partial_cmp(&b), None);
        assert!(a < Score::new(Scale::ONE_TO_FIVE, 4).unwrap());
        let t = TypedScore::<OneToFive>::try_from(a).unwrap();
        assert_eq!(Score::from(t), a);
    }
}
