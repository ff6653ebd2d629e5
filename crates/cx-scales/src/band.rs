//! Bands (top box, bottom box, NPS groups), partitions of a scale, and fractional spans.

use std::borrow::Cow;
use std::fmt;

use num_rational::Ratio;
use num_traits::{CheckedAdd, CheckedDiv, CheckedMul, CheckedSub};

use crate::{Fraction, Scale, ScaleError};

/// A named, contiguous range of points `lo..=hi` of one scale: a top-k box (CSAT), a bottom-k box
/// (CDSAT), the promoters of NPS.
///
/// ```
/// use cx_scales::{Band, Scale};
///
/// let top2 = Band::top_box(Scale::ONE_TO_FIVE, 2)?;
/// assert_eq!((top2.lo(), top2.hi()), (4, 5));
/// assert_eq!(top2, Band::at_least(Scale::ONE_TO_FIVE, 4)?);
///
/// let cdsat = Band::bottom_box(Scale::ZERO_TO_TEN, 3)?.named("dissatisfied");
/// assert_eq!(cdsat.to_string(), "dissatisfied 0..=2 of 0..=10");
///
/// assert!(Band::new(Scale::ONE_TO_FIVE, 4, 6).is_err()); // 6 is off the scale
/// # Ok::<(), cx_scales::ScaleError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Band {
    scale: Scale,
    lo: i32,
    hi: i32,
    name: Option<Cow<'static, str>>,
}

impl Band {
    /// The points `lo..=hi` of `scale`.
    ///
    /// # Errors
    /// [`ScaleError::BandOutside`] unless `lo` and `hi` are points of `scale` with `lo ≤ hi`.
    ///
    /// ```
    /// use cx_scales::{Band, Scale};
    /// let passives = Band::new(Scale::ZERO_TO_TEN, 7, 8)?;
    /// assert_eq!(passives.point_count(), 2);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn new(scale: Scale, lo: i64, hi: i64) -> Result<Band, ScaleError> {
        if lo > hi || !scale.contains(lo) || !scale.contains(hi) {
            return Err(ScaleError::BandOutside { lo, hi, scale });
        }
        Ok(Band {
            scale,
            lo: lo as i32,
            hi: hi as i32,
            name: None,
        })
    }

    /// The points from `threshold` to the top of `scale`.
    ///
    /// # Errors
    /// [`ScaleError::BandOutside`] unless `threshold` is a point of `scale`.
    ///
    /// ```
    /// use cx_scales::{Band, Scale};
    /// assert_eq!(Band::at_least(Scale::ONE_TO_SEVEN, 5)?.point_count(), 3);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn at_least(scale: Scale, threshold: i64) -> Result<Band, ScaleError> {
        Band::new(scale, threshold, scale.max().into())
    }

    /// The points from the bottom of `scale` to `threshold`.
    ///
    /// # Errors
    /// [`ScaleError::BandOutside`] unless `threshold` is a point of `scale`.
    ///
    /// ```
    /// use cx_scales::{Band, Scale};
    /// assert_eq!(Band::at_most(Scale::ZERO_TO_TEN, 6)?.point_count(), 7);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn at_most(scale: Scale, threshold: i64) -> Result<Band, ScaleError> {
        Band::new(scale, scale.min().into(), threshold)
    }

    /// The top `k` points of `scale` (top-2 box of 1–5 is 4–5).
    ///
    /// # Errors
    /// [`ScaleError::BoxSize`] unless `1 ≤ k ≤` the number of points.
    ///
    /// ```
    /// use cx_scales::{Band, Scale};
    /// assert_eq!(Band::top_box(Scale::ONE_TO_TEN, 3)?.lo(), 8);
    /// assert!(Band::top_box(Scale::ONE_TO_TEN, 0).is_err());
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn top_box(scale: Scale, k: usize) -> Result<Band, ScaleError> {
        let n = scale.point_count();
        match (k, scale.point_at(n.wrapping_sub(k))) {
            (1.., Some(lo)) => Band::at_least(scale, lo.into()),
            _ => Err(ScaleError::BoxSize { k, scale }),
        }
    }

    /// The bottom `k` points of `scale` (bottom box of 1–5 is 1).
    ///
    /// # Errors
    /// [`ScaleError::BoxSize`] unless `1 ≤ k ≤` the number of points.
    ///
    /// ```
    /// use cx_scales::{Band, Scale};
    /// assert_eq!(Band::bottom_box(Scale::ONE_TO_FIVE, 1)?.hi(), 1);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn bottom_box(scale: Scale, k: usize) -> Result<Band, ScaleError> {
        match (k, scale.point_at(k.wrapping_sub(1))) {
            (1.., Some(hi)) => Band::at_most(scale, hi.into()),
            _ => Err(ScaleError::BoxSize { k, scale }),
        }
    }

    /// The same band with a name, used in displays and to look bands up in a [`Partition`].
    ///
    /// ```
    /// use cx_scales::{Band, Scale};
    /// let b = Band::top_box(Scale::ONE_TO_FIVE, 2)?.named("satisfied");
    /// assert_eq!(b.name(), Some("satisfied"));
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn named(mut self, name: impl Into<Cow<'static, str>>) -> Band {
        self.name = Some(name.into());
        self
    }

    /// The name, if any.
    ///
    /// ```
    /// use cx_scales::{Band, Scale};
    /// assert_eq!(Band::top_box(Scale::ONE_TO_FIVE, 2)?.name(), None);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The scale.
    ///
    /// ```
    /// use cx_scales::{Band, Scale};
    /// assert_eq!(Band::top_box(Scale::ONE_TO_FIVE, 2)?.scale(), Scale::ONE_TO_FIVE);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// The lowest point of the band.
    ///
    /// ```
    /// use cx_scales::{Band, Scale};
    /// assert_eq!(Band::new(Scale::ZERO_TO_TEN, 7, 8)?.lo(), 7);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn lo(&self) -> i32 {
        self.lo
    }

    /// The highest point of the band.
    ///
    /// ```
    /// use cx_scales::{Band, Scale};
    /// assert_eq!(Band::new(Scale::ZERO_TO_TEN, 7, 8)?.hi(), 8);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn hi(&self) -> i32 {
        self.hi
    }

    /// The number of points in the band.
    ///
    /// ```
    /// use cx_scales::{Band, Scale};
    /// assert_eq!(Band::new(Scale::SMILEYS, 3, 5)?.point_count(), 2);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn point_count(&self) -> usize {
        self.indices().len()
    }

    /// Whether `value` is a point of the band.
    ///
    /// ```
    /// use cx_scales::{Band, Scale};
    /// let promoters = Band::at_least(Scale::ZERO_TO_TEN, 9)?;
    /// assert!(promoters.contains(10) && !promoters.contains(8));
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn contains(&self, value: i64) -> bool {
        self.scale.contains(value) && (i64::from(self.lo)..=i64::from(self.hi)).contains(&value)
    }

    /// The zero-based positions on the scale of the band's points.
    ///
    /// ```
    /// use cx_scales::{Band, Scale};
    /// assert_eq!(Band::at_least(Scale::ONE_TO_FIVE, 4)?.indices(), 3..5);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn indices(&self) -> std::ops::Range<usize> {
        let lo = self.scale.index_of(self.lo.into()).unwrap_or(0);
        let hi = self.scale.index_of(self.hi.into()).unwrap_or(0);
        lo..hi + 1
    }

    /// The band as a [`Span`] (whole points at both ends).
    ///
    /// ```
    /// use cx_scales::{Band, Scale};
    /// let span = Band::at_least(Scale::ONE_TO_SEVEN, 5)?.span();
    /// assert_eq!(span.to_band(), Some(Band::at_least(Scale::ONE_TO_SEVEN, 5)?));
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn span(&self) -> Span {
        Span {
            scale: self.scale,
            lo: i64::from(self.lo).into(),
            hi: i64::from(self.hi).into(),
        }
    }
}

impl fmt::Display for Band {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(name) = &self.name {
            write!(f, "{name} ")?;
        }
        write!(f, "{}..={} of {}", self.lo, self.hi, self.scale)
    }
}

/// A range of a scale whose ends may fall between points: the exact image of a band mapped from
/// another scale, such as "at least 23/5 on 1–5".
///
/// The ends `lo` and `hi` are *positions of points*, possibly fractional, and each stands for the
/// half step around it, as a point does. A point `x` of a scale with step `s` stands for the
/// interval `[x − s/2, x + s/2]`, and the span `lo..=hi` covers `[lo − s/2, hi + s/2]`: its lower
/// edge lies half a step *below* `lo`, its upper edge half a step above `hi`. This is what makes a
/// span whose ends are points exactly the band `lo..=hi`, and it matches a mapped threshold: the
/// image of a point is where the point lands, and the point's interval reaches half a step below
/// it. A point cut by an edge counts for the part of its interval inside the span, assuming
/// answers spread evenly within a point (see
/// [`Frequencies::share_in_span`](crate::Frequencies::share_in_span)).
///
/// A span may be narrower than one point: the image under
/// [`Method::PointShares`](crate::Method::PointShares) of a band that takes up less of its scale
/// than one point of the target does. Then `hi < lo`, by less than one step, and the span still
/// covers `[lo − s/2, hi + s/2]`.
///
/// ```
/// use cx_scales::{Fraction, Scale, Span};
///
/// // 26/5..=7 of 1–7 covers [4.7, 7.5]: 4/5 of point 5 (whose interval is [4.5, 5.5]), 6 and 7.
/// let span = Span::new(Scale::ONE_TO_SEVEN, Fraction::new(26, 5).unwrap(), 7.into())?;
/// assert_eq!(span.to_band(), None); // 26/5 is not a point
///
/// // NPS passives (7–8 of 0–10) by share of points on 1–5: 2/11 of the scale, 10/11 of a point,
/// // covering [81/22, 101/22] (9/11 of point 4 and 1/11 of point 5).
/// let (lo, hi) = (Fraction::new(46, 11).unwrap(), Fraction::new(45, 11).unwrap());
/// let narrow = Span::new(Scale::ONE_TO_FIVE, lo, hi)?;
/// assert!(narrow.hi() < narrow.lo());
/// // A span covering nothing, or less than nothing, is refused.
/// assert!(Span::new(Scale::ONE_TO_FIVE, 5.into(), 4.into()).is_err());
/// # Ok::<(), cx_scales::ScaleError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Span {
    scale: Scale,
    lo: Fraction,
    hi: Fraction,
}

impl Span {
    /// The span `lo..=hi` of `scale`, covering `[lo − s/2, hi + s/2]` for the step `s`.
    ///
    /// # Errors
    /// [`ScaleError::BandOutside`] unless `min ≤ lo`, `hi ≤ max` and `lo − hi < s`, that is unless
    /// the span covers part of the scale and nothing outside it (reported with the ends rounded
    /// outwards).
    ///
    /// ```
    /// use cx_scales::{Fraction, Scale, Span};
    /// assert!(Span::new(Scale::ONE_TO_FIVE, Fraction::new(9, 2).unwrap(), 5.into()).is_ok());
    /// assert!(Span::new(Scale::ONE_TO_FIVE, 5.into(), 6.into()).is_err());
    /// // Narrower than a point: [4.6, 4.9], within point 5.
    /// let f = |n| Fraction::new(n, 10).unwrap();
    /// assert!(Span::new(Scale::ONE_TO_FIVE, f(51), f(44)).is_ok());
    /// ```
    pub fn new(scale: Scale, lo: Fraction, hi: Fraction) -> Result<Span, ScaleError> {
        let min = Fraction::from(i64::from(scale.min()));
        let max = Fraction::from(i64::from(scale.max()));
        // In 128 bits the difference of two 64-bit fractions cannot overflow.
        let step = Ratio::from_integer(i128::from(scale.step()));
        let covers_something = lo
            .wide()
            .checked_sub(&hi.wide())
            .is_some_and(|gap| gap < step);
        if !covers_something || lo < min || hi > max {
            return Err(ScaleError::BandOutside {
                lo: lo.floor(),
                hi: hi.ceil(),
                scale,
            });
        }
        Ok(Span { scale, lo, hi })
    }

    /// The scale.
    ///
    /// ```
    /// use cx_scales::{Band, Scale};
    /// assert_eq!(Band::at_least(Scale::ONE_TO_FIVE, 4)?.span().scale(), Scale::ONE_TO_FIVE);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// The lower end.
    ///
    /// ```
    /// use cx_scales::{Band, Scale};
    /// assert_eq!(Band::at_least(Scale::ONE_TO_FIVE, 4)?.span().lo(), 4.into());
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn lo(&self) -> Fraction {
        self.lo
    }

    /// The upper end.
    ///
    /// ```
    /// use cx_scales::{Band, Scale};
    /// assert_eq!(Band::at_least(Scale::ONE_TO_FIVE, 4)?.span().hi(), 5.into());
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn hi(&self) -> Fraction {
        self.hi
    }

    /// The band of the same points, when both ends are points of the scale.
    ///
    /// ```
    /// use cx_scales::{Band, Scale};
    /// let b = Band::top_box(Scale::ZERO_TO_TEN, 2)?;
    /// assert_eq!(b.span().to_band(), Some(b));
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn to_band(&self) -> Option<Band> {
        if !self.lo.is_integer() || !self.hi.is_integer() {
            return None;
        }
        Band::new(self.scale, self.lo.floor(), self.hi.floor()).ok()
    }

    /// The weight of each point of the scale inside the span, lowest point first: 1 for points
    /// wholly inside, 0 for points outside, and the covered part of their interval for the points
    /// at the ends. Exact, in 128-bit integers.
    ///
    /// # Errors
    /// [`ScaleError::TooFine`] when a weight does not fit 128-bit integers, which takes both ends
    /// of a span narrower than one point with denominators near 2^63.
    pub(crate) fn point_weights(&self) -> Result<Vec<Ratio<i128>>, ScaleError> {
        let s = i128::from(self.scale.step());
        let two = Ratio::from_integer(2);
        // In units of half a step, to stay in integers where possible: the span covers
        // [2·lo − s, 2·hi + s], point x covers [2x − s, 2x + s].
        let edge = |end: Fraction, offset: i128| {
            end.wide()
                .checked_mul(&two)?
                .checked_add(&Ratio::from_integer(offset))
        };
        let too_fine = |value| ScaleError::TooFine { value };
        let lo_edge = edge(self.lo, -s).ok_or(too_fine(self.lo))?;
        let hi_edge = edge(self.hi, s).ok_or(too_fine(self.hi))?;
        let width = Ratio::from_integer(2 * s);
        self.scale
            .points()
            .map(|x| {
                let x2 = 2 * i128::from(x);
                let a = lo_edge.max(Ratio::from_integer(x2 - s));
                let b = hi_edge.min(Ratio::from_integer(x2 + s));
                if b <= a {
                    return Ok(Ratio::from_integer(0));
                }
                b.checked_sub(&a)
                    .and_then(|len| len.checked_div(&width))
                    .ok_or(too_fine(self.lo))
            })
            .collect()
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..={} of {}", self.lo, self.hi, self.scale)
    }
}

/// Bands that cover every point of a scale exactly once, such as the NPS groups.
///
/// ```
/// use cx_scales::{Band, Partition, Scale};
///
/// let nps = Partition::nps();
/// assert_eq!(nps.band_of(6).map(|b| b.name()), Some(Some("detractors")));
/// assert_eq!(nps.band("promoters").map(|b| b.lo()), Some(9));
///
/// // A gap (point 7 in no band) is an error.
/// let s = Scale::ZERO_TO_TEN;
/// let gap = Partition::new(s, vec![Band::at_most(s, 6)?, Band::at_least(s, 8)?]);
/// assert!(gap.is_err());
/// # Ok::<(), cx_scales::ScaleError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Partition {
    scale: Scale,
    bands: Vec<Band>,
}

impl Partition {
    /// The partition of `scale` into `bands`, kept in the order of their points.
    ///
    /// # Errors
    /// [`ScaleError::ScaleMismatch`] for a band of another scale, [`ScaleError::PartitionOverlap`]
    /// when a point is in two bands, [`ScaleError::PartitionGap`] when a point is in none.
    ///
    /// ```
    /// use cx_scales::{Band, Partition, Scale};
    /// let s = Scale::ONE_TO_FIVE;
    /// let p = Partition::new(s, vec![Band::at_least(s, 4)?, Band::at_most(s, 3)?])?;
    /// assert_eq!(p.bands()[0].lo(), 1);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn new(scale: Scale, mut bands: Vec<Band>) -> Result<Partition, ScaleError> {
        for b in &bands {
            scale.check_same(&b.scale)?;
        }
        bands.sort_by_key(|b| b.lo);
        let mut next = 0usize;
        for b in &bands {
            let r = b.indices();
            if r.start < next {
                return Err(ScaleError::PartitionOverlap {
                    point: scale.point_at(r.start).map_or(0, i64::from),
                    scale,
                });
            }
            if r.start > next {
                return Err(gap(scale, next));
            }
            next = r.end;
        }
        if next < scale.point_count() {
            return Err(gap(scale, next));
        }
        Ok(Partition { scale, bands })
    }

    /// The NPS groups of the 0–10 scale: detractors 0–6, passives 7–8, promoters 9–10.
    ///
    /// ```
    /// let nps = cx_scales::Partition::nps();
    /// let names: Vec<_> = nps.bands().iter().filter_map(|b| b.name()).collect();
    /// assert_eq!(names, ["detractors", "passives", "promoters"]);
    /// ```
    pub fn nps() -> Partition {
        let s = Scale::ZERO_TO_TEN;
        let band = |lo, hi, name| Band {
            scale: s,
            lo,
            hi,
            name: Some(Cow::Borrowed(name)),
        };
        Partition {
            scale: s,
            bands: vec![
                band(0, 6, "detractors"),
                band(7, 8, "passives"),
                band(9, 10, "promoters"),
            ],
        }
    }

    /// The scale.
    ///
    /// ```
    /// assert_eq!(cx_scales::Partition::nps().scale(), cx_scales::Scale::ZERO_TO_TEN);
    /// ```
    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// The bands, lowest first.
    ///
    /// ```
    /// assert_eq!(cx_scales::Partition::nps().bands().len(), 3);
    /// ```
    pub fn bands(&self) -> &[Band] {
        &self.bands
    }

    /// The band named `name`.
    ///
    /// ```
    /// assert!(cx_scales::Partition::nps().band("passives").is_some());
    /// ```
    pub fn band(&self, name: &str) -> Option<&Band> {
        self.bands.iter().find(|b| b.name() == Some(name))
    }

    /// The band holding `value`, or `None` when `value` is not a point of the scale.
    ///
    /// ```
    /// assert_eq!(cx_scales::Partition::nps().band_of(11), None);
    /// ```
    pub fn band_of(&self, value: i64) -> Option<&Band> {
        self.bands.iter().find(|b| b.contains(value))
    }
}

fn gap(scale: Scale, index: usize) -> ScaleError {
    ScaleError::PartitionGap {
        point: scale.point_at(index).map_or(0, i64::from),
        scale,
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::{Band, Partition, Span};
    use crate::{Fraction, Scale};
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    #[derive(Serialize, Deserialize)]
    struct BandRepr {
        scale: Scale,
        lo: i64,
        hi: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    }

    impl Serialize for Band {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            BandRepr {
                scale: self.scale,
                lo: self.lo.into(),
                hi: self.hi.into(),
                name: self.name.as_ref().map(|n| n.to_string()),
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for Band {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let r = BandRepr::deserialize(d)?;
            let band = Band::new(r.scale, r.lo, r.hi).map_err(D::Error::custom)?;
            Ok(match r.name {
                Some(n) => band.named(n),
                None => band,
            })
        }
    }

    #[derive(Deserialize)]
    struct SpanRepr {
        scale: Scale,
        lo: Fraction,
        hi: Fraction,
    }

    impl<'de> Deserialize<'de> for Span {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let r = SpanRepr::deserialize(d)?;
            Span::new(r.scale, r.lo, r.hi).map_err(D::Error::custom)
        }
    }

    #[derive(Serialize, Deserialize)]
    struct PartitionRepr {
        scale: Scale,
        bands: Vec<Band>,
    }

    impl Serialize for Partition {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            PartitionRepr {
                scale: self.scale,
                bands: self.bands.clone(),
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for Partition {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let r = PartitionRepr::deserialize(d)?;
            Partition::new(r.scale, r.bands).map_err(D::Error::custom)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_at_the_limits() {
        let s = Scale::ONE_TO_FIVE;
        assert_eq!(Band::top_box(s, 5).unwrap(), Band::new(s, 1, 5).unwrap());
        assert!(Band::top_box(s, 6).is_err());
        assert!(Band::bottom_box(s, 0).is_err());
        assert!(Band::bottom_box(s, usize::MAX).is_err());
        assert_eq!(Band::top_box(Scale::SMILEYS, 1).unwrap().lo(), 5);
        assert!(Band::new(Scale::SMILEYS, 2, 5).is_err());
    }

    #[test]
    fn partition_detects_overlap_and_gaps() {
        let s = Scale::ZERO_TO_TEN;
        let overlap = Partition::new(
            s,
            vec![Band::at_most(s, 7).unwrap(), Band::at_least(s, 7).unwrap()],
        );
        assert_eq!(
            overlap,
            Err(ScaleError::PartitionOverlap { point: 7, scale: s })
        );
        // The first point covered twice is reported, not the last.
        let wide = Partition::new(
            s,
            vec![Band::at_most(s, 8).unwrap(), Band::at_least(s, 5).unwrap()],
        );
        assert_eq!(
            wide,
            Err(ScaleError::PartitionOverlap { point: 5, scale: s })
        );
        let short = Partition::new(s, vec![Band::at_most(s, 9).unwrap()]);
        assert_eq!(
            short,
            Err(ScaleError::PartitionGap {
                point: 10,
                scale: s
            })
        );
        let late = Partition::new(s, vec![Band::at_least(s, 1).unwrap()]);
        assert_eq!(late, Err(ScaleError::PartitionGap { point: 0, scale: s }));
        let other = Partition::new(s, vec![Band::at_least(Scale::ONE_TO_FIVE, 1).unwrap()]);
        assert!(matches!(other, Err(ScaleError::ScaleMismatch { .. })));
        assert!(Partition::new(s, vec![]).is_err());
    }

    #[test]
    fn span_weights_are_exact() {
        let s = Scale::ONE_TO_SEVEN;
        let span = Span::new(s, Fraction::new(11, 2).unwrap(), 7.into()).unwrap();
        let weights = |span: Span| -> Vec<String> {
            let w = span.point_weights().unwrap();
            w.iter().map(|f| f.to_string()).collect()
        };
        assert_eq!(weights(span), ["0", "0", "0", "0", "1/2", "1", "1"]);
        let span = Span::new(s, Fraction::new(26, 5).unwrap(), 7.into()).unwrap();
        assert_eq!(weights(span), ["0", "0", "0", "0", "4/5", "1", "1"]);
        let whole = Band::new(Scale::SMILEYS, 3, 5).unwrap().span();
        assert_eq!(weights(whole), ["0", "1", "1"]);
        // Narrower than a point: [81/22, 101/22] on 1–5 (NPS passives by share of points).
        let f = |n, d| Fraction::new(n, d).unwrap();
        let narrow = Span::new(Scale::ONE_TO_FIVE, f(46, 11), f(45, 11)).unwrap();
        assert_eq!(weights(narrow), ["0", "0", "0", "9/11", "1/11"]);
        // Inside one point of a step-2 scale: [2.5, 3.5] of point 3's [2, 4].
        let inside = Span::new(Scale::SMILEYS, f(7, 2), f(5, 2)).unwrap();
        assert_eq!(weights(inside), ["0", "1/2", "0"]);
    }

    #[test]
    fn spans_must_cover_part_of_the_scale() {
        let s = Scale::ONE_TO_FIVE;
        let f = |n, d| Fraction::new(n, d).unwrap();
        // Zero width ([4.5, 4.5]) and negative width are refused; any positive width is kept.
        assert!(Span::new(s, 5.into(), 4.into()).is_err());
        assert!(Span::new(s, 5.into(), f(7, 2)).is_err());
        assert!(Span::new(s, 5.into(), f(41, 10)).is_ok());
        // The covered interval must stay within [min − s/2, max + s/2].
        assert!(Span::new(s, f(1, 2), 1.into()).is_err());
        assert!(Span::new(s, f(11, 2), 5.into()).is_ok()); // [5, 5.5]: the top half of 5
        assert!(Span::new(s, f(11, 2), f(11, 2)).is_err());
        // Extreme fractions: no overflow in the check.
        let fine = f(i64::MAX - 2, i64::MAX / 2);
        assert!(Span::new(s, fine, fine).is_ok());
    }

    #[test]
    fn weights_of_absurdly_fine_narrow_spans_are_typed_errors() {
        // Both ends cut the same point (0, covering [-1000, 1000]) with unrelated denominators
        // near 2^63: the piece, (2000·p·q − p − q) / (2000·p·q), does not fit 128 bits.
        let lo = Fraction::new(1, i64::MAX).unwrap();
        let hi = Fraction::new(-1, i64::MAX - 1).unwrap();
        let wide = Scale::with_step(-1_000_000, 1_000_000, 2000).unwrap();
        let span = Span::new(wide, lo, hi).unwrap();
        assert!(matches!(
            span.point_weights(),
            Err(ScaleError::TooFine { .. })
        ));
    }
}
