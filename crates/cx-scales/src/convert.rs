//! Exact linear conversion between scales, and mapping of bands across scales.

use std::fmt;

use num_rational::Ratio;

use crate::{Band, Fraction, Frequencies, PercentTable, Scale, ScaleError, Score, Span};

/// How one scale is laid over another.
///
/// ```
/// use cx_scales::{Conversion, Method, Scale};
/// let by = |m| Conversion::with_method(Scale::ONE_TO_FIVE, Scale::ONE_TO_TEN, m).map_value(5);
/// assert_eq!(by(Method::Endpoints)?.to_string(), "10");
/// assert_eq!(by(Method::PointShares)?.to_string(), "19/2");
/// # Ok::<(), cx_scales::ScaleError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Method {
    /// Linear endpoint mapping, the usual practitioners' method: the lowest point goes to the
    /// lowest, the highest to the highest, and everything in between on the straight line
    /// `y = A·x + B` with `A = (maxT − minT) / (maxS − minS)` and `B = minT − A·minS`.
    /// 7 on 1–10 lands exactly on 5 on 1–7.
    #[default]
    Endpoints,
    /// Share of points ("scale equivalence"): each point covers an equal share of its scale
    /// (on 1–5 each point is 20 %), and bands keep their share of the scale, so a top-2 box of
    /// five points (40 %) becomes the top four points of ten. Values map to the centres of the
    /// corresponding intervals, so endpoints do not map to endpoints.
    ///
    /// A band keeps its share even when that is less than one point of the target: the NPS
    /// passives (7–8, 2/11 of 0–10) become 10/11 of a point of 1–5, the span `46/11..=45/11`
    /// (see [`Span`] for spans narrower than a point). The bands of a partition map to spans that
    /// tile the target scale, so that under [`ThresholdPolicy::Interpolated`] their shares still
    /// add up to 1.
    ///
    /// ```
    /// use cx_scales::{Conversion, Method, Partition, Scale, ThresholdPolicy};
    /// let c = Conversion::with_method(Scale::ZERO_TO_TEN, Scale::ONE_TO_FIVE, Method::PointShares);
    /// let nps = Partition::nps();
    /// let passives = c.map_band(nps.band("passives").unwrap(), ThresholdPolicy::Interpolated)?;
    /// assert_eq!(passives.chosen().to_string(), "46/11..=45/11 of 1..=5");
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    PointShares,
}

/// What to do when a band's edge, mapped to another scale, falls between two of its points.
///
/// An edge here is an end of the band's exact image, a [`Span`]: a position of a point, standing
/// for the half step around it. A band narrower than one point of the target (possible with
/// [`Method::PointShares`]) is handled by the same rules, edge by edge: rounding inwards may then
/// leave no point ([`ScaleError::EmptyMappedBand`]), rounding outwards keeps the one or two points
/// it touches, and [`ThresholdPolicy::Interpolated`] keeps the fractional span.
///
/// ```
/// use cx_scales::{Band, Conversion, Scale, ThresholdPolicy};
/// // CES "5–7 of 1–7" on a 1–5 scale starts at 11/3.
/// let c = Conversion::new(Scale::ONE_TO_SEVEN, Scale::ONE_TO_FIVE);
/// let easy = Band::at_least(Scale::ONE_TO_SEVEN, 5)?;
/// let lo = |p| c.map_band(&easy, p).map(|m| m.chosen().lo().to_string());
/// assert_eq!(lo(ThresholdPolicy::Conservative)?, "4");
/// assert_eq!(lo(ThresholdPolicy::Liberal)?, "3");
/// assert_eq!(lo(ThresholdPolicy::Nearest)?, "4");
/// assert_eq!(lo(ThresholdPolicy::Interpolated)?, "11/3");
/// assert!(lo(ThresholdPolicy::ExactOnly).is_err());
/// # Ok::<(), cx_scales::ScaleError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ThresholdPolicy {
    /// Refuse: the mapping must land on points ([`ScaleError::NotExact`] otherwise).
    ExactOnly,
    /// Round each edge inwards, so that the band can only shrink: the share measured is never
    /// overstated. Only whole points inside the exact image are kept;
    /// [`ScaleError::EmptyMappedBand`] when there are none.
    Conservative,
    /// Round each edge outwards, so that the band can only grow: every point the exact image
    /// touches is kept. Never empty.
    Liberal,
    /// Round each edge to the nearest point; an edge exactly halfway rounds inwards.
    /// [`ScaleError::EmptyMappedBand`] when both edges round to the same boundary between points.
    Nearest,
    /// Keep the exact edges and count the points they cut in proportion to the part of the
    /// point's interval inside the band, assuming answers spread evenly within a point. Never
    /// empty; the span may be narrower than one point.
    Interpolated,
}

/// The linear map from one scale to another, computed exactly in rationals.
///
/// ```
/// use cx_scales::{Conversion, Scale};
///
/// let c = Conversion::new(Scale::ONE_TO_TEN, Scale::ONE_TO_SEVEN);
/// assert_eq!((c.slope().to_string(), c.intercept().to_string()), ("2/3".into(), "1/3".into()));
/// assert_eq!(c.map_value(7)?.to_string(), "5"); // exact, no drift
/// assert_eq!(format!("{:.2}", c.map_value(2)?), "1.67");
/// assert_eq!(c.inverse().map_value(5)?.to_string(), "7");
/// # Ok::<(), cx_scales::ScaleError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Conversion {
    from: Scale,
    to: Scale,
    method: Method,
}

impl Conversion {
    /// The linear endpoint mapping ([`Method::Endpoints`]) from `from` to `to`.
    ///
    /// ```
    /// use cx_scales::{Conversion, Scale};
    /// let c = Conversion::new(Scale::ONE_TO_FIVE, Scale::ZERO_TO_TEN);
    /// assert_eq!(c.map_value(5)?.to_string(), "10");
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn new(from: Scale, to: Scale) -> Conversion {
        Conversion::with_method(from, to, Method::Endpoints)
    }

    /// The mapping from `from` to `to` by `method`.
    ///
    /// ```
    /// use cx_scales::{Conversion, Method, Scale};
    /// let c = Conversion::with_method(Scale::ONE_TO_FIVE, Scale::ONE_TO_TEN, Method::PointShares);
    /// assert_eq!(c.map_value(5)?.to_string(), "19/2"); // the centre of 9–10
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn with_method(from: Scale, to: Scale, method: Method) -> Conversion {
        Conversion { from, to, method }
    }

    /// The source scale.
    ///
    /// ```
    /// use cx_scales::{Conversion, Scale};
    /// assert_eq!(Conversion::new(Scale::ONE_TO_FIVE, Scale::ONE_TO_TEN).from(), Scale::ONE_TO_FIVE);
    /// ```
    pub fn from(&self) -> Scale {
        self.from
    }

    /// The target scale.
    ///
    /// ```
    /// use cx_scales::{Conversion, Scale};
    /// assert_eq!(Conversion::new(Scale::ONE_TO_FIVE, Scale::ONE_TO_TEN).to(), Scale::ONE_TO_TEN);
    /// ```
    pub fn to(&self) -> Scale {
        self.to
    }

    /// The method.
    ///
    /// ```
    /// use cx_scales::{Conversion, Method, Scale};
    /// assert_eq!(Conversion::new(Scale::ONE_TO_FIVE, Scale::ONE_TO_TEN).method(), Method::Endpoints);
    /// ```
    pub fn method(&self) -> Method {
        self.method
    }

    /// The map in the other direction, by the same method.
    ///
    /// ```
    /// use cx_scales::{Conversion, Scale};
    /// let c = Conversion::new(Scale::ONE_TO_FIVE, Scale::ONE_TO_TEN);
    /// assert_eq!(c.inverse().inverse(), c);
    /// ```
    pub fn inverse(&self) -> Conversion {
        Conversion::with_method(self.to, self.from, self.method)
    }

    /// `A`, the slope of `y = A·x + B`: `(maxT − minT) / (maxS − minS)` for endpoint mapping,
    /// the ratio of the scales' widths counted in points for share of points.
    ///
    /// ```
    /// use cx_scales::{Conversion, Scale};
    /// assert_eq!(Conversion::new(Scale::ONE_TO_FIVE, Scale::ONE_TO_TEN).slope().to_string(), "9/4");
    /// ```
    pub fn slope(&self) -> Fraction {
        Fraction::from_ratio(self.slope_ratio())
    }

    /// `B`, the intercept of `y = A·x + B`.
    ///
    /// ```
    /// use cx_scales::{Conversion, Scale};
    /// assert_eq!(Conversion::new(Scale::ONE_TO_FIVE, Scale::ONE_TO_TEN).intercept().to_string(), "-5/4");
    /// ```
    pub fn intercept(&self) -> Fraction {
        Fraction::from_ratio(self.affine_bounded(Ratio::from_integer(0)))
    }

    /// Where a score lands on the target scale; usually between points.
    ///
    /// # Errors
    /// [`ScaleError::ScaleMismatch`] for a score of another scale than the source.
    ///
    /// ```
    /// use cx_scales::{Conversion, Scale, Score};
    /// let c = Conversion::new(Scale::ZERO_TO_TEN, Scale::ONE_TO_FIVE);
    /// assert_eq!(c.map(Score::new(Scale::ZERO_TO_TEN, 9)?)?.to_string(), "23/5");
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn map(&self, score: Score) -> Result<Fraction, ScaleError> {
        self.from.check_same(&score.scale())?;
        Ok(Fraction::from_ratio(
            self.affine_bounded(Ratio::from_integer(score.value().into())),
        ))
    }

    /// Where the point `value` lands on the target scale.
    ///
    /// # Errors
    /// [`ScaleError::OffScale`] when `value` is not a point of the source scale.
    ///
    /// ```
    /// use cx_scales::{Conversion, Scale};
    /// let c = Conversion::new(Scale::ONE_TO_TEN, Scale::ONE_TO_SEVEN);
    /// assert_eq!(c.map_value(10)?.to_string(), "7");
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn map_value(&self, value: i64) -> Result<Fraction, ScaleError> {
        self.map(Score::new(self.from, value)?)
    }

    /// Where an exact position within the source scale's range lands, exactly: for carrying a
    /// mapped threshold further, or back with [`Conversion::inverse`].
    ///
    /// # Errors
    /// [`ScaleError::OutsideRange`] for a position outside `min..=max` of the source scale,
    /// [`ScaleError::TooFine`] when the image does not fit a [`Fraction`].
    ///
    /// ```
    /// use cx_scales::{Conversion, Scale};
    /// let c = Conversion::new(Scale::ZERO_TO_TEN, Scale::ONE_TO_FIVE);
    /// let there = c.map_value(9)?;
    /// assert_eq!(c.inverse().map_exact(there)?, 9.into());
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn map_exact(&self, value: Fraction) -> Result<Fraction, ScaleError> {
        let (min, max) = (
            Fraction::from(i64::from(self.from.min())),
            Fraction::from(i64::from(self.from.max())),
        );
        if value < min || value > max {
            return Err(ScaleError::OutsideRange {
                value: value.to_f64(),
                scale: self.from,
            });
        }
        self.affine(value.ratio())
            .map(Fraction::from_ratio)
            .ok_or(ScaleError::TooFine { value })
    }

    /// Where a real value within the source scale's range (a mean, say) lands, in `f64`.
    ///
    /// # Errors
    /// [`ScaleError::NonFinite`] for NaN and infinities, [`ScaleError::OutsideRange`] for a
    /// value outside `min..=max` of the source scale.
    ///
    /// ```
    /// use cx_scales::{Conversion, Scale};
    /// let c = Conversion::new(Scale::ONE_TO_FIVE, Scale::ZERO_TO_TEN);
    /// assert_eq!(c.map_f64(4.5)?, 8.75);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn map_f64(&self, value: f64) -> Result<f64, ScaleError> {
        if !value.is_finite() {
            return Err(ScaleError::NonFinite {
                what: "a value to convert",
                value,
            });
        }
        if value < f64::from(self.from.min()) || value > f64::from(self.from.max()) {
            return Err(ScaleError::OutsideRange {
                value,
                scale: self.from,
            });
        }
        // Measured from the anchor rather than from zero, so that the result is not the small
        // difference of two large terms (slope · value and the intercept).
        let (a, b) = self.anchors();
        let f = |r: Ratio<i64>| Fraction::from_ratio(r).to_f64();
        Ok(f(self.slope_ratio()).mul_add(value - f(a), f(b)))
    }

    /// A whole distribution carried to the target scale, as percentages per target point.
    ///
    /// - [`Method::Endpoints`]: each point's answers go to the image of the point and are split
    ///   between the two target points around it in proportion to its distance from each (all to
    ///   one point when the image is a point). The mean is preserved: the mean of the result is
    ///   the converted mean.
    /// - [`Method::PointShares`]: each point's answers are spread evenly over the image of the
    ///   point's interval and given to the target points in proportion to the overlap with their
    ///   intervals. The share of every range of whole points keeps its share of the scale: on a
    ///   1–5 → 1–10 map each point's answers go half and half to two points.
    ///
    /// Converted figures are model-based: they are as good as the assumption behind the method.
    /// The result has no number of respondents, even when the input has one.
    ///
    /// # Errors
    /// [`ScaleError::ScaleMismatch`] for answers on another scale than the source,
    /// [`ScaleError::Empty`] when there are none.
    ///
    /// ```
    /// use cx_scales::{Conversion, Distribution, Frequencies, Method, Scale};
    /// let five = Distribution::from_counts(Scale::ONE_TO_FIVE, &[0u64, 0, 2, 1, 1])?;
    /// let ten = Conversion::new(Scale::ONE_TO_FIVE, Scale::ONE_TO_TEN).map_frequencies(&five)?;
    /// // 3 lands on 5.5 (half to 5, half to 6), 4 on 7.75, 5 on 10.
    /// assert_eq!(ten.percents()[4], 25.0);
    /// assert_eq!(ten.percents()[5], 25.0);
    /// assert!((ten.mean()? - 7.1875).abs() < 1e-12); // = 9/4 · 3.75 − 5/4
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn map_frequencies<F: Frequencies + ?Sized>(
        &self,
        answers: &F,
    ) -> Result<PercentTable, ScaleError> {
        self.from.check_same(&answers.scale())?;
        if answers.total_weight() <= 0.0 {
            return Err(ScaleError::Empty { scale: self.from });
        }
        let to = self.to;
        let mut out = vec![0.0; to.point_count()];
        // Positions on the target in units of its step, from its minimum.
        let min_t = Ratio::from_integer(i64::from(to.min()));
        let step_t = Ratio::from_integer(i64::from(to.step()));
        let unit = |r: Ratio<i64>| (r - min_t) / step_t;
        let f = |r: Ratio<i64>| Fraction::from_ratio(r).to_f64();
        for (x, w) in self.from.points().zip(answers.weights()) {
            if w == 0.0 {
                continue;
            }
            let x = Ratio::from_integer(i64::from(x));
            match self.method {
                Method::Endpoints => {
                    let u = unit(self.affine_bounded(x));
                    let k = u.floor();
                    let frac = f(u - k);
                    let k = k.to_integer() as usize;
                    out[k] += w * (1.0 - frac);
                    if frac > 0.0 {
                        out[k + 1] += w * frac;
                    }
                }
                Method::PointShares => {
                    // The image of the point's interval, in target units where target point j
                    // covers [j − 1/2, j + 1/2].
                    let hs = half(self.from.step());
                    let (a, b) = (
                        unit(self.affine_bounded(x - hs)),
                        unit(self.affine_bounded(x + hs)),
                    );
                    let len = f(b - a);
                    let half_unit = Ratio::new(1, 2);
                    let first = (a + half_unit).floor().to_integer().max(0) as usize;
                    for (j, o) in out.iter_mut().enumerate().skip(first) {
                        let j = Ratio::from_integer(j as i64);
                        let (lo, hi) = ((j - half_unit).max(a), (j + half_unit).min(b));
                        if hi <= lo {
                            break;
                        }
                        *o += w * f(hi - lo) / len;
                    }
                }
            }
        }
        Ok(PercentTable::from_weights(to, &out))
    }

    /// The exact image of `band` on the target scale, with edges that may fall between points.
    ///
    /// Under [`Method::Endpoints`] the ends are the images of the band's lowest and highest
    /// points. Under [`Method::PointShares`] the edges of the band's interval map to the edges of
    /// the span, so that the span takes up the band's share of the target scale; it is narrower
    /// than one point when that share is less than one point (see [`Span`]).
    ///
    /// # Errors
    /// [`ScaleError::ScaleMismatch`] for a band of another scale than the source.
    ///
    /// ```
    /// use cx_scales::{Band, Conversion, Scale};
    /// // The NPS promoter cut on 1–5: at least 23/5.
    /// let c = Conversion::new(Scale::ZERO_TO_TEN, Scale::ONE_TO_FIVE);
    /// let span = c.map_span(&Band::at_least(Scale::ZERO_TO_TEN, 9)?)?;
    /// assert_eq!(span.lo().to_string(), "23/5");
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn map_span(&self, band: &Band) -> Result<Span, ScaleError> {
        self.from.check_same(&band.scale())?;
        let lo = Ratio::from_integer(i64::from(band.lo()));
        let hi = Ratio::from_integer(i64::from(band.hi()));
        let (lo, hi) = match self.method {
            Method::Endpoints => (self.affine_bounded(lo), self.affine_bounded(hi)),
            // Edges map to edges: the lower edge of `lo` is half a step below it, and a mapped
            // edge is half a target step from the point it bounds.
            Method::PointShares => {
                let (hs, ht) = (half(self.from.step()), half(self.to.step()));
                (
                    self.affine_bounded(lo - hs) + ht,
                    self.affine_bounded(hi + hs) - ht,
                )
            }
        };
        Span::new(self.to, Fraction::from_ratio(lo), Fraction::from_ratio(hi))
    }

    /// `band` on the target scale: the points it corresponds to, with `policy` deciding what
    /// happens to an edge that falls between points.
    ///
    /// # Errors
    /// [`ScaleError::ScaleMismatch`] for a band of another scale than the source;
    /// [`ScaleError::NotExact`] under [`ThresholdPolicy::ExactOnly`] when an edge falls between
    /// points; [`ScaleError::EmptyMappedBand`] when rounding inwards (or to the nearest point)
    /// leaves no point, which can happen to a band narrower than a point of the target.
    ///
    /// ```
    /// use cx_scales::{Band, Conversion, Method, Scale, ThresholdPolicy};
    /// let c = Conversion::new(Scale::ONE_TO_FIVE, Scale::ONE_TO_TEN);
    /// let top2 = Band::top_box(Scale::ONE_TO_FIVE, 2)?; // 4–5 maps to 31/4..=10
    /// let band = |p| c.map_band(&top2, p).map(|m| m.band().map(|b| b.lo()));
    /// assert_eq!(band(ThresholdPolicy::Conservative)?, Some(8));
    /// assert_eq!(band(ThresholdPolicy::Liberal)?, Some(7));
    /// assert_eq!(band(ThresholdPolicy::Nearest)?, Some(8));
    /// assert_eq!(band(ThresholdPolicy::Interpolated)?, None); // kept as a span
    /// assert!(band(ThresholdPolicy::ExactOnly).is_err());
    ///
    /// // NPS promoters (9–10, 2/11 of 0–10) by share of points on 1–5: 10/11 of point 5.
    /// let c = Conversion::with_method(Scale::ZERO_TO_TEN, Scale::ONE_TO_FIVE, Method::PointShares);
    /// let promoters = Band::at_least(Scale::ZERO_TO_TEN, 9)?;
    /// let band = |p| c.map_band(&promoters, p).map(|m| m.band().map(|b| (b.lo(), b.hi())));
    /// assert_eq!(band(ThresholdPolicy::Liberal)?, Some((5, 5)));
    /// assert_eq!(band(ThresholdPolicy::Interpolated)?, None); // 56/11..=5, covering [101/22, 11/2]
    /// assert!(band(ThresholdPolicy::Conservative).is_err()); // no whole point inside
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn map_band(&self, band: &Band, policy: ThresholdPolicy) -> Result<MappedBand, ScaleError> {
        let exact = self.map_span(band)?;
        let to = self.to;
        // Positions in units of the target's step, counted from its minimum.
        let min = Ratio::from_integer(i64::from(to.min()));
        let step = Ratio::from_integer(i64::from(to.step()));
        let unit = |f: Fraction| (f.ratio() - min) / step;
        let point = |u: Ratio<i64>| Fraction::from_ratio(min + u * step);
        let (lo_u, hi_u) = (unit(exact.lo()), unit(exact.hi()));
        let (lo_r, hi_r) = match policy {
            // The exact image, valid as it stands (possibly narrower than one point).
            ThresholdPolicy::Interpolated => {
                return Ok(MappedBand {
                    source: band.clone(),
                    exact,
                    chosen: exact,
                    policy,
                });
            }
            ThresholdPolicy::ExactOnly => {
                for (edge, u) in [(band.lo(), lo_u), (band.hi(), hi_u)] {
                    if !u.is_integer() {
                        return Err(ScaleError::NotExact {
                            threshold: edge.into(),
                            mapped: point(u),
                            scale: to,
                        });
                    }
                }
                (lo_u, hi_u)
            }
            ThresholdPolicy::Conservative => (lo_u.ceil(), hi_u.floor()),
            ThresholdPolicy::Liberal => (lo_u.floor(), hi_u.ceil()),
            ThresholdPolicy::Nearest => {
                let h = Ratio::new(1, 2);
                ((lo_u + h).floor(), (hi_u - h).ceil())
            }
        };
        // Whole points from here on (an exact image landing on points is never narrower than
        // one), so `lo_r > hi_r` means that no point is left.
        if lo_r > hi_r {
            return Err(ScaleError::EmptyMappedBand {
                lo: band.lo().into(),
                hi: band.hi().into(),
                mapped_lo: exact.lo(),
                mapped_hi: exact.hi(),
                scale: to,
            });
        }
        let chosen = Span::new(to, point(lo_r), point(hi_r))?;
        Ok(MappedBand {
            source: band.clone(),
            exact,
            chosen,
            policy,
        })
    }

    fn slope_ratio(&self) -> Ratio<i64> {
        match self.method {
            Method::Endpoints => Ratio::new(self.to.span(), self.from.span()),
            Method::PointShares => Ratio::new(width(self.to), width(self.from)),
        }
    }

    /// `y = A·(x − a) + b`, the line through the anchors `a` (source) and `b` (target): the
    /// minimums for endpoint mapping; for share of points the lower edges of the scales (half a
    /// step below their minimums), since edges map to edges and, the map being affine, centres
    /// of points to centres. Computed in 128 bits so that no `Fraction` can overflow it; `None`
    /// when the result does not fit a `Fraction`, which cannot happen for positions within
    /// valid scales (numerators and denominators stay below 2^45).
    fn affine(&self, x: Ratio<i64>) -> Option<Ratio<i64>> {
        let wide = |r: Ratio<i64>| Ratio::new(i128::from(*r.numer()), i128::from(*r.denom()));
        let (a, b) = self.anchors();
        let y = wide(self.slope_ratio()) * (wide(x) - wide(a)) + wide(b);
        Fraction::from_wide(y).map(Fraction::ratio)
    }

    /// The anchors `(a, b)` of [`Conversion::affine`].
    fn anchors(&self) -> (Ratio<i64>, Ratio<i64>) {
        let (a, b) = (
            Ratio::from_integer(i64::from(self.from.min())),
            Ratio::from_integer(i64::from(self.to.min())),
        );
        match self.method {
            Method::Endpoints => (a, b),
            Method::PointShares => (a - half(self.from.step()), b - half(self.to.step())),
        }
    }

    /// [`Conversion::affine`] at a position derived from the scales themselves.
    fn affine_bounded(&self, x: Ratio<i64>) -> Ratio<i64> {
        self.affine(x)
            .unwrap_or_else(|| unreachable!("positions within valid scales cannot overflow"))
    }
}

/// The width of a scale counted in its own units: points × step.
fn width(s: Scale) -> i64 {
    s.point_count() as i64 * i64::from(s.step())
}

fn half(step: i32) -> Ratio<i64> {
    Ratio::new(i64::from(step), 2)
}

impl fmt::Display for Conversion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let how = match self.method {
            Method::Endpoints => "endpoints",
            Method::PointShares => "point shares",
        };
        write!(
            f,
            "{} → {} by {how}: y = {}·x + {}",
            self.from,
            self.to,
            self.slope(),
            self.intercept()
        )
    }
}

/// A band carried to another scale by [`Conversion::map_band`]: its exact image, and the range
/// chosen by the policy, over which shares are measured. With the `serde` feature it serialises
/// (as a result; it is not read back, since only [`Conversion::map_band`] makes one).
///
/// ```
/// use cx_scales::{Band, Conversion, Scale, ThresholdPolicy};
///
/// // The benchmark's "5–7 of 1–7" on a 1–10 scale is exactly 7–10.
/// let c = Conversion::new(Scale::ONE_TO_SEVEN, Scale::ONE_TO_TEN);
/// let m = c.map_band(&Band::at_least(Scale::ONE_TO_SEVEN, 5)?, ThresholdPolicy::ExactOnly)?;
/// assert!(m.is_exact());
/// assert_eq!(m.band().map(|b| (b.lo(), b.hi())), Some((7, 10)));
/// # Ok::<(), cx_scales::ScaleError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MappedBand {
    source: Band,
    exact: Span,
    chosen: Span,
    policy: ThresholdPolicy,
}

impl MappedBand {
    /// The band on the source scale.
    ///
    /// ```
    /// use cx_scales::{Band, Conversion, Scale, ThresholdPolicy};
    /// let promoters = Band::at_least(Scale::ZERO_TO_TEN, 9)?.named("promoters");
    /// let m = Conversion::new(Scale::ZERO_TO_TEN, Scale::ONE_TO_FIVE)
    ///     .map_band(&promoters, ThresholdPolicy::Conservative)?;
    /// assert_eq!(m.source(), &promoters);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn source(&self) -> &Band {
        &self.source
    }

    /// The exact image of the band, edges possibly between points.
    ///
    /// ```
    /// use cx_scales::{Band, Conversion, Scale, ThresholdPolicy};
    /// let promoters = Band::at_least(Scale::ZERO_TO_TEN, 9)?.named("promoters");
    /// let m = Conversion::new(Scale::ZERO_TO_TEN, Scale::ONE_TO_FIVE)
    ///     .map_band(&promoters, ThresholdPolicy::Conservative)?;
    /// assert_eq!(m.exact().lo().to_string(), "23/5");
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn exact(&self) -> Span {
        self.exact
    }

    /// The range chosen by the policy: whole points, except under
    /// [`ThresholdPolicy::Interpolated`] when an edge falls between points.
    ///
    /// ```
    /// use cx_scales::{Band, Conversion, Scale, ThresholdPolicy};
    /// let promoters = Band::at_least(Scale::ZERO_TO_TEN, 9)?.named("promoters");
    /// let m = Conversion::new(Scale::ZERO_TO_TEN, Scale::ONE_TO_FIVE)
    ///     .map_band(&promoters, ThresholdPolicy::Conservative)?;
    /// assert_eq!(m.chosen().lo(), 5.into());
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn chosen(&self) -> Span {
        self.chosen
    }

    /// The chosen range as a band of whole points (named as the source band), or `None` when it
    /// is interpolated between points.
    ///
    /// ```
    /// use cx_scales::{Band, Conversion, Scale, ThresholdPolicy};
    /// let promoters = Band::at_least(Scale::ZERO_TO_TEN, 9)?.named("promoters");
    /// let m = Conversion::new(Scale::ZERO_TO_TEN, Scale::ONE_TO_FIVE)
    ///     .map_band(&promoters, ThresholdPolicy::Conservative)?;
    /// assert_eq!(m.band().and_then(|b| b.name().map(String::from)), Some("promoters".into()));
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn band(&self) -> Option<Band> {
        let b = self.chosen.to_band()?;
        Some(match self.source.name() {
            Some(n) => b.named(n.to_owned()),
            None => b,
        })
    }

    /// Whether the band maps exactly onto points, so that no policy was needed.
    ///
    /// ```
    /// use cx_scales::{Band, Conversion, Scale, ThresholdPolicy};
    /// let promoters = Band::at_least(Scale::ZERO_TO_TEN, 9)?.named("promoters");
    /// let m = Conversion::new(Scale::ZERO_TO_TEN, Scale::ONE_TO_FIVE)
    ///     .map_band(&promoters, ThresholdPolicy::Conservative)?;
    /// assert!(!m.is_exact());
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn is_exact(&self) -> bool {
        self.exact.to_band().is_some()
    }

    /// The policy applied.
    ///
    /// ```
    /// use cx_scales::{Band, Conversion, Scale, ThresholdPolicy};
    /// let promoters = Band::at_least(Scale::ZERO_TO_TEN, 9)?.named("promoters");
    /// let m = Conversion::new(Scale::ZERO_TO_TEN, Scale::ONE_TO_FIVE)
    ///     .map_band(&promoters, ThresholdPolicy::Conservative)?;
    /// assert_eq!(m.policy(), ThresholdPolicy::Conservative);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn policy(&self) -> ThresholdPolicy {
        self.policy
    }
}

impl fmt::Display for MappedBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} → {}", self.source, self.chosen)?;
        if !self.is_exact() {
            write!(f, " (exact image {}, {:?})", self.exact, self.policy)?;
        }
        Ok(())
    }
}
