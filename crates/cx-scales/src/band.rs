//! Bands (top box, bottom box, NPS groups), partitions of a scale, and fractional spans.

use std::borrow::Cow;
use std::fmt;

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
/// A point `x` of a scale with step `s` stands for the interval `[x − s/2, x + s/2]`; the span
/// `lo..=hi` covers `[lo − s/2, hi + s/2]`. When both ends are points this is exactly the band
/// `lo..=hi`; otherwise a share over the span counts the points at its ends in proportion to the
/// part of their interval it covers, which assumes answers spread evenly within a point (see
/// [`Frequencies::share_in_span`](crate::Frequencies::share_in_span)).
///
/// ```
/// use cx_scales::{Fraction, Scale, Span};
///
/// let span = Span::new(Scale::ONE_TO_SEVEN, Fraction::new(11, 2).unwrap(), 7.into())?;
/// assert_eq!(span.to_band(), None); // 5.5 is not a point
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
    /// The span `lo..=hi` of `scale`.
    ///
    /// # Errors
    /// [`ScaleError::BandOutside`] unless `min ≤ lo ≤ hi ≤ max` (reported with the ends rounded
    /// outwards).
    ///
    /// ```
    /// use cx_scales::{Fraction, Scale, Span};
    /// assert!(Span::new(Scale::ONE_TO_FIVE, Fraction::new(9, 2).unwrap(), 5.into()).is_ok());
    /// assert!(Span::new(Scale::ONE_TO_FIVE, 5.into(), 6.into()).is_err());
    /// ```
    pub fn new(scale: Scale, lo: Fraction, hi: Fraction) -> Result<Span, ScaleError> {
        let min = Fraction::from(i64::from(scale.min()));
        let max = Fraction::from(i64::from(scale.max()));
        if lo > hi || lo < min || hi > max {
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
    /// at the ends. Exact.
    pub(crate) fn point_weights(&self) -> impl Iterator<Item = Fraction> + '_ {
        let s = i64::from(self.scale.step());
        // The span covers [lo − s/2, hi + s/2]; point x covers [x − s/2, x + s/2]. Work in
        // units of half a step to stay in integers where possible.
        let lo_edge = self.lo.ratio() * 2 - s;
        let hi_edge = self.hi.ratio() * 2 + s;
        self.scale.points().map(move |x| {
            let x2 = i64::from(x) * 2;
            let a = lo_edge.max((x2 - s).into());
            let b = hi_edge.min((x2 + s).into());
            if b <= a {
                Fraction::from(0)
            } else {
                Fraction::from_ratio((b - a) / (2 * s))
            }
        })
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
        let w: Vec<String> = span.point_weights().map(|f| f.to_string()).collect();
        assert_eq!(w, ["0", "0", "0", "0", "1/2", "1", "1"]);
        let span = Span::new(s, Fraction::new(26, 5).unwrap(), 7.into()).unwrap();
        let w: Vec<String> = span.point_weights().map(|f| f.to_string()).collect();
        assert_eq!(w, ["0", "0", "0", "0", "4/5", "1", "1"]);
        let whole = Band::new(Scale::SMILEYS, 3, 5).unwrap().span();
        let w: Vec<String> = whole.point_weights().map(|f| f.to_string()).collect();
        assert_eq!(w, ["0", "1", "1"]);
    }
}
