//! What every set of answers on one scale can tell: shares, mean, median, POMP.

use crate::{Band, Partition, Scale, ScaleError, Share, Span};

/// Answers on one scale, known by the weight of each point: counts for a [`Distribution`], published
/// percentages for a [`PercentTable`]. The statistics are provided on top of two methods.
///
/// Every statistic of no answers is an error ([`ScaleError::Empty`]), never NaN.
///
/// [`Distribution`]: crate::Distribution
/// [`PercentTable`]: crate::PercentTable
///
/// ```
/// use cx_scales::{Band, Distribution, Frequencies, Scale};
///
/// let d = Distribution::from_counts(Scale::ONE_TO_FIVE, &[1u64, 0, 1, 4, 4])?;
/// assert_eq!(d.share(&Band::top_box(d.scale(), 2)?)?.value(), 0.8);
/// assert_eq!(d.mean()?, 4.0);
/// assert_eq!(d.median()?, 4.0);
/// assert_eq!(d.pomp()?, 75.0);
/// # Ok::<(), cx_scales::ScaleError>(())
/// ```
pub trait Frequencies {
    /// The scale of the answers.
    ///
    /// ```
    /// use cx_scales::{Distribution, Frequencies, Scale};
    /// assert_eq!(Frequencies::scale(&Distribution::new(Scale::SMILEYS)), Scale::SMILEYS);
    /// ```
    fn scale(&self) -> Scale;

    /// The weights of the points, lowest point first, one per point; none negative.
    ///
    /// ```
    /// use cx_scales::{Distribution, Frequencies, Scale};
    /// let d = Distribution::count(Scale::SMILEYS, &[5u8, 5, 3])?;
    /// assert_eq!(d.weights().collect::<Vec<_>>(), [0.0, 1.0, 2.0]);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    fn weights(&self) -> impl Iterator<Item = f64> + '_;

    /// The sum of the weights, computed once per call to the statistics below.
    ///
    /// ```
    /// use cx_scales::{Frequencies, PercentTable, Scale};
    /// let t = PercentTable::new(Scale::SMILEYS, [(5, 70.0), (3, 20.1), (1, 10.0)], 0.2)?;
    /// assert!((t.total_weight() - 100.1).abs() < 1e-12);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    fn total_weight(&self) -> f64 {
        self.weights().sum()
    }

    /// The share of the answers in `band`.
    ///
    /// # Errors
    /// [`ScaleError::ScaleMismatch`] for a band of another scale, [`ScaleError::Empty`] when
    /// there are no answers.
    ///
    /// ```
    /// use cx_scales::{Band, Distribution, Frequencies, Scale};
    /// let d = Distribution::count(Scale::ZERO_TO_TEN, &[10u8, 9, 0, 7])?;
    /// assert_eq!(d.share(&Band::at_least(d.scale(), 9)?)?.value(), 0.5);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    fn share(&self, band: &Band) -> Result<Share, ScaleError> {
        self.scale().check_same(&band.scale())?;
        let total = nonempty_total(self)?;
        let r = band.indices();
        let part: f64 = self.weights().skip(r.start).take(r.len()).sum();
        Ok(Share::clamped(part / total))
    }

    /// The share of the answers in a span whose ends may fall between points.
    ///
    /// The convention is that of [`Span`]: the ends are positions of points, and each end reaches
    /// half a step beyond itself, as a point does, so that on a scale of step `s` the span
    /// `lo..=hi` covers `[lo − s/2, hi + s/2]`. A point counts in proportion to the part of its
    /// interval `[x − s/2, x + s/2]` inside that range (answers assumed to spread evenly within a
    /// point): the lower end `lo` takes `lo − s/2` as its edge, not `lo`. For a span whose ends
    /// are points this is [`Frequencies::share`] of that band.
    ///
    /// # Errors
    /// As [`Frequencies::share`]; [`ScaleError::TooFine`] when the part of a point cut off by the
    /// span does not fit 128-bit integers (only for a span narrower than a point whose ends have
    /// denominators near 2^63).
    ///
    /// ```
    /// use cx_scales::{Distribution, Fraction, Frequencies, Scale, Span};
    /// let d = Distribution::from_counts(Scale::ONE_TO_SEVEN, &[0u64, 0, 0, 0, 4, 3, 3])?;
    /// // 26/5..=7 covers [4.7, 7.5]: all of 6 and 7, and 4/5 of point 5 (whose interval is
    /// // [4.5, 5.5]), so (4 · 4/5 + 3 + 3) / 10.
    /// let span = Span::new(d.scale(), Fraction::new(26, 5).unwrap(), 7.into())?;
    /// assert!((d.share_in_span(&span)?.value() - 0.92).abs() < 1e-15);
    /// // 11/2..=7 starts at 5: the upper half of point 5.
    /// let span = Span::new(d.scale(), Fraction::new(11, 2).unwrap(), 7.into())?;
    /// assert_eq!(d.share_in_span(&span)?.value(), 0.8);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    fn share_in_span(&self, span: &Span) -> Result<Share, ScaleError> {
        self.scale().check_same(&span.scale())?;
        let total = nonempty_total(self)?;
        let weights = span.point_weights()?;
        let part: f64 = self
            .weights()
            .zip(&weights)
            .map(|(w, f)| w * (*f.numer() as f64 / *f.denom() as f64))
            .sum();
        Ok(Share::clamped(part / total))
    }

    /// The share of each band of `partition`, in the partition's order; they sum to 1.
    ///
    /// # Errors
    /// As [`Frequencies::share`].
    ///
    /// ```
    /// use cx_scales::{Distribution, Frequencies, Partition, Scale};
    /// let d = Distribution::count(Scale::ZERO_TO_TEN, &[10u8, 9, 0, 7])?;
    /// let shares = d.shares(&Partition::nps())?;
    /// assert_eq!(shares.iter().map(|s| s.value()).collect::<Vec<_>>(), [0.25, 0.25, 0.5]);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    fn shares(&self, partition: &Partition) -> Result<Vec<Share>, ScaleError> {
        partition.bands().iter().map(|b| self.share(b)).collect()
    }

    /// The mean answer.
    ///
    /// # Errors
    /// [`ScaleError::Empty`] when there are no answers.
    ///
    /// ```
    /// use cx_scales::{Distribution, Frequencies, Scale};
    /// let d = Distribution::count(Scale::ONE_TO_FIVE, &[5u8, 4, 3])?;
    /// assert_eq!(d.mean()?, 4.0);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    fn mean(&self) -> Result<f64, ScaleError> {
        let total = nonempty_total(self)?;
        let sum: f64 = self
            .weights()
            .zip(self.scale().points())
            .map(|(w, x)| w * f64::from(x))
            .sum();
        Ok(sum / total)
    }

    /// The median answer: the point below and above which at most half the weight lies, or the
    /// midpoint of two neighbouring points when exactly half the weight lies at or below the
    /// lower one (the usual sample median for counts).
    ///
    /// # Errors
    /// [`ScaleError::Empty`] when there are no answers.
    ///
    /// ```
    /// use cx_scales::{Distribution, Frequencies, Scale};
    /// let d = Distribution::count(Scale::ONE_TO_FIVE, &[1u8, 2, 4, 5])?;
    /// assert_eq!(d.median()?, 3.0);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    fn median(&self) -> Result<f64, ScaleError> {
        let total = nonempty_total(self)?;
        let half = total / 2.0;
        let points: Vec<(f64, i32)> = self
            .weights()
            .zip(self.scale().points())
            .filter(|&(w, _)| w > 0.0)
            .collect();
        let mut below = 0.0;
        for (i, &(w, x)) in points.iter().enumerate() {
            below += w;
            // Relative tolerance for weights that are not whole numbers (published percentages).
            if (below - half).abs() <= half * 1e-12 {
                if let Some(&(_, next)) = points.get(i + 1) {
                    return Ok((f64::from(x) + f64::from(next)) / 2.0);
                }
                return Ok(f64::from(x));
            }
            if below > half {
                return Ok(f64::from(x));
            }
        }
        Err(ScaleError::Empty {
            scale: self.scale(),
        })
    }

    /// The percent of maximum possible of the mean, `100 · (mean − min) / (max − min)`: 0 when
    /// every answer is the lowest point, 100 when every answer is the highest, on any scale.
    /// (Not the same as mean / max, which cannot go below 20 % on 1–5.)
    ///
    /// # Errors
    /// [`ScaleError::Empty`] when there are no answers.
    ///
    /// ```
    /// use cx_scales::{Distribution, Frequencies, Scale};
    /// let d = Distribution::count(Scale::ONE_TO_FIVE, &[5u8, 3])?;
    /// assert_eq!(d.pomp()?, 75.0);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    fn pomp(&self) -> Result<f64, ScaleError> {
        self.scale().pomp(self.mean()?)
    }
}

/// The total weight, or [`ScaleError::Empty`] when it is zero.
fn nonempty_total<F: Frequencies + ?Sized>(f: &F) -> Result<f64, ScaleError> {
    let total = f.total_weight();
    if total > 0.0 {
        Ok(total)
    } else {
        Err(ScaleError::Empty { scale: f.scale() })
    }
}
