//! Distributions: how many answers each point of a scale received.

use std::fmt;
use std::ops::Add;

use crate::count::Answer;
use crate::{Band, Frequencies, Scale, ScaleError, Score, Share};

/// The number of answers at each point of one scale: the mergeable aggregate behind every survey
/// metric.
///
/// Build it from raw answers ([`Distribution::count`], the fast path: well above a billion
/// one-byte answers per second on one core), from counts per point, or one score at a time. Two
/// distributions of the same scale merge exactly, in any order and grouping, so partial
/// distributions can be filled in parallel, on other machines, or inside a query engine, and
/// combined at the end; with the `serde` feature they serialise as `{scale, counts}` and are
/// validated when read back.
///
/// The total number of answers always fits in a `u64`: a merge or record that would overflow is an
/// error and leaves the distribution unchanged.
///
/// ```
/// use cx_scales::{Band, Distribution, Frequencies, Scale};
///
/// let mut monday = Distribution::count(Scale::ZERO_TO_TEN, &[10u8, 9, 9, 6])?;
/// let tuesday = Distribution::count(Scale::ZERO_TO_TEN, &[8u8, 3])?;
/// monday.merge(&tuesday)?;
/// assert_eq!(monday.n(), 6);
/// assert_eq!(monday, Distribution::count(Scale::ZERO_TO_TEN, &[10u8, 9, 9, 6, 8, 3])?);
///
/// let promoters = Band::at_least(Scale::ZERO_TO_TEN, 9)?;
/// assert_eq!(monday.count_in(&promoters)?, 3);
/// assert_eq!(monday.share(&promoters)?.value(), 0.5);
///
/// // Answers off the scale are reported with their position.
/// let err = Distribution::count(Scale::ZERO_TO_TEN, &[10u8, 11]).unwrap_err();
/// assert_eq!(err.to_string(), "answer 11 at position 1 is not a point of the scale 0..=10");
/// # Ok::<(), cx_scales::ScaleError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Distribution {
    scale: Scale,
    counts: Vec<u64>,
}

impl Distribution {
    /// An empty distribution on `scale`.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// assert!(Distribution::new(Scale::ONE_TO_FIVE).is_empty());
    /// ```
    pub fn new(scale: Scale) -> Distribution {
        Distribution {
            scale,
            counts: vec![0; scale.point_count()],
        }
    }

    /// Counts raw answers. Any primitive integer slice up to 64 bits is accepted; `&[u8]` and
    /// `&[i8]` take the fastest path, and `&[i32]` is narrowed to bytes block by block.
    ///
    /// # Errors
    /// [`ScaleError::OffScaleAt`] naming the first answer that is not a point, and its position.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// let d = Distribution::count(Scale::new(-2, 2)?, &[-2i32, 0, 0, 2])?;
    /// assert_eq!(d.counts(), [1, 0, 2, 0, 1]);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn count<T: Answer>(scale: Scale, answers: &[T]) -> Result<Distribution, ScaleError> {
        let mut d = Distribution::new(scale);
        T::tally_into(scale, answers, &mut d.counts)?;
        Ok(d)
    }

    /// The distribution with `counts[i]` answers at the `i`-th point (lowest first). Signed counts
    /// are accepted so that data from outside can be checked rather than cast.
    ///
    /// # Errors
    /// [`ScaleError::CountsLength`] unless there is one count per point,
    /// [`ScaleError::NegativeCount`], and [`ScaleError::CountOverflow`] when the total exceeds
    /// `u64::MAX`.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// let d = Distribution::from_counts(Scale::SMILEYS, &[10i64, 20, 70])?;
    /// assert_eq!(d.n(), 100);
    /// assert!(Distribution::from_counts(Scale::SMILEYS, &[10i64, -1, 70]).is_err());
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn from_counts<C: Copy + Into<i128>>(
        scale: Scale,
        counts: &[C],
    ) -> Result<Distribution, ScaleError> {
        if counts.len() != scale.point_count() {
            return Err(ScaleError::CountsLength {
                scale,
                expected: scale.point_count(),
                found: counts.len(),
            });
        }
        Distribution::from_point_counts(scale, scale.points().map(i64::from).zip(counts.to_vec()))
    }

    /// The distribution with the given `(point, count)` pairs; points not listed have no answers.
    ///
    /// # Errors
    /// [`ScaleError::OffScaleAt`] for a point not on the scale, [`ScaleError::DuplicatePoint`],
    /// [`ScaleError::NegativeCount`] (each naming the zero-based position of the offending pair,
    /// so that a caller reading a file can name the row), [`ScaleError::CountOverflow`].
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// // A textbook NPS example: 70 promoters, 10 passives, 20 detractors.
    /// let d = Distribution::from_point_counts(Scale::ZERO_TO_TEN, [(10, 70u32), (8, 10), (0, 20)])?;
    /// assert_eq!(d.n(), 100);
    ///
    /// // Errors name the offending pair, counted from 0.
    /// let err = Distribution::from_point_counts(Scale::ONE_TO_FIVE, [(5, 1u32), (9, 2)]).unwrap_err();
    /// assert_eq!(err, cx_scales::ScaleError::OffScaleAt { value: 9, position: 1, scale: Scale::ONE_TO_FIVE });
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn from_point_counts<I, C>(scale: Scale, pairs: I) -> Result<Distribution, ScaleError>
    where
        I: IntoIterator<Item = (i64, C)>,
        C: Into<i128>,
    {
        let mut d = Distribution::new(scale);
        let mut seen = vec![None; scale.point_count()];
        let mut total: u64 = 0;
        for (position, (point, count)) in pairs.into_iter().enumerate() {
            let i = scale.claim(&mut seen, point, position)?;
            let count: i128 = count.into();
            let c = u64::try_from(count).map_err(|_| {
                if count < 0 {
                    ScaleError::NegativeCount {
                        point,
                        count,
                        position,
                    }
                } else {
                    ScaleError::CountOverflow
                }
            })?;
            total = total.checked_add(c).ok_or(ScaleError::CountOverflow)?;
            d.counts[i] = c;
        }
        Ok(d)
    }

    /// The distribution of `scores`, all of which must be on `scale`.
    ///
    /// # Errors
    /// [`ScaleError::ScaleMismatch`] for a score of another scale.
    ///
    /// ```
    /// use cx_scales::{Distribution, LabeledScale};
    /// let ces = LabeledScale::ces_agreement();
    /// let answers = ["Agree", "strongly agree", "Disagree"].map(|a| ces.score_of(a));
    /// let d = Distribution::from_scores(ces.scale(), answers.into_iter().collect::<Result<Vec<_>, _>>()?)?;
    /// assert_eq!(d.n(), 3);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn from_scores<I>(scale: Scale, scores: I) -> Result<Distribution, ScaleError>
    where
        I: IntoIterator<Item = Score>,
    {
        let mut d = Distribution::new(scale);
        for s in scores {
            d.record(s)?;
        }
        Ok(d)
    }

    /// Adds one answer.
    ///
    /// # Errors
    /// [`ScaleError::ScaleMismatch`] for a score of another scale, [`ScaleError::CountOverflow`].
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale, Score};
    /// let mut d = Distribution::new(Scale::ONE_TO_FIVE);
    /// d.record(Score::new(Scale::ONE_TO_FIVE, 4)?)?;
    /// assert!(d.record(Score::new(Scale::ONE_TO_SEVEN, 4)?).is_err());
    /// assert_eq!(d.n(), 1);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn record(&mut self, score: Score) -> Result<(), ScaleError> {
        self.scale.check_same(&score.scale())?;
        self.n().checked_add(1).ok_or(ScaleError::CountOverflow)?;
        self.counts[score.index()] += 1;
        Ok(())
    }

    /// Adds one answer given as an integer.
    ///
    /// # Errors
    /// [`ScaleError::OffScale`], [`ScaleError::CountOverflow`].
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// let mut d = Distribution::new(Scale::ONE_TO_FIVE);
    /// d.record_value(5)?;
    /// assert!(d.record_value(0).is_err());
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn record_value(&mut self, value: i64) -> Result<(), ScaleError> {
        self.record(Score::new(self.scale, value)?)
    }

    /// Adds a slice of raw answers, with the speed of [`Distribution::count`]. Nothing is added
    /// when an answer is off the scale.
    ///
    /// # Errors
    /// [`ScaleError::OffScaleAt`], [`ScaleError::CountOverflow`].
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// let mut d = Distribution::new(Scale::ZERO_TO_TEN);
    /// for chunk in [&[10u8, 9][..], &[0, 7]] {
    ///     d.record_answers(chunk)?;
    /// }
    /// assert!(d.record_answers(&[1u8, 12]).is_err());
    /// assert_eq!(d.n(), 4);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn record_answers<T: Answer>(&mut self, answers: &[T]) -> Result<(), ScaleError> {
        let batch = Distribution::count(self.scale, answers)?;
        self.merge(&batch)
    }

    /// Adds every answer of `other`, which must be on the same scale. The result does not depend
    /// on the order or grouping of merges, and equals counting all the raw answers at once.
    ///
    /// # Errors
    /// [`ScaleError::ScaleMismatch`], or [`ScaleError::CountOverflow`]; on error `self` is
    /// unchanged.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// let mut a = Distribution::count(Scale::ONE_TO_FIVE, &[1u8, 5])?;
    /// a.merge(&Distribution::count(Scale::ONE_TO_FIVE, &[5u8])?)?;
    /// assert_eq!(a.counts(), [1, 0, 0, 0, 2]);
    /// assert!(a.merge(&Distribution::new(Scale::ONE_TO_SEVEN)).is_err());
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn merge(&mut self, other: &Distribution) -> Result<(), ScaleError> {
        self.scale.check_same(&other.scale)?;
        // Every slot is bounded by the total, so a total that fits means no slot overflows.
        self.n()
            .checked_add(other.n())
            .ok_or(ScaleError::CountOverflow)?;
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        Ok(())
    }

    /// The scale.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// assert_eq!(Distribution::new(Scale::SMILEYS).scale(), Scale::SMILEYS);
    /// ```
    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// The counts, one per point, lowest point first.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// assert_eq!(Distribution::count(Scale::SMILEYS, &[5u8, 5, 1])?.counts(), [1, 0, 2]);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// The `(point, count)` pairs, lowest point first.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// let d = Distribution::count(Scale::SMILEYS, &[5u8])?;
    /// assert_eq!(d.iter().collect::<Vec<_>>(), [(1, 0), (3, 0), (5, 1)]);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (i32, u64)> + '_ {
        self.scale.points().zip(self.counts.iter().copied())
    }

    /// The number of answers at `point`.
    ///
    /// # Errors
    /// [`ScaleError::OffScale`] when `point` is not a point of the scale.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// let d = Distribution::count(Scale::ONE_TO_FIVE, &[4u8, 4])?;
    /// assert_eq!(d.count_of(4)?, 2);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn count_of(&self, point: i64) -> Result<u64, ScaleError> {
        self.scale
            .index_of(point)
            .map(|i| self.counts[i])
            .ok_or(ScaleError::OffScale {
                value: point,
                scale: self.scale,
            })
    }

    /// The number of answers in `band`.
    ///
    /// # Errors
    /// [`ScaleError::ScaleMismatch`] for a band of another scale.
    ///
    /// ```
    /// use cx_scales::{Band, Distribution, Scale};
    /// let d = Distribution::count(Scale::ONE_TO_FIVE, &[1u8, 4, 5])?;
    /// assert_eq!(d.count_in(&Band::top_box(Scale::ONE_TO_FIVE, 2)?)?, 2);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn count_in(&self, band: &Band) -> Result<u64, ScaleError> {
        self.scale.check_same(&band.scale())?;
        Ok(self.counts[band.indices()].iter().sum())
    }

    /// The number of answers.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// assert_eq!(Distribution::count(Scale::ONE_TO_FIVE, &[1u8, 4, 5])?.n(), 3);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn n(&self) -> u64 {
        // Cannot overflow: every constructor and merge keeps the total within u64.
        self.counts.iter().sum()
    }

    /// Whether there are no answers.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// assert!(Distribution::new(Scale::ONE_TO_FIVE).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.counts.iter().all(|&c| c == 0)
    }

    /// The sample variance of the answers (denominator `n − 1`).
    ///
    /// # Errors
    /// [`ScaleError::TooFewAnswers`] with fewer than two answers, for which it is undefined.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// let d = Distribution::count(Scale::ONE_TO_FIVE, &[1u8, 3, 5])?;
    /// assert_eq!(d.variance()?, 4.0);
    /// assert!(Distribution::count(Scale::ONE_TO_FIVE, &[3u8])?.variance().is_err());
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn variance(&self) -> Result<f64, ScaleError> {
        let n = self.n();
        if n < 2 {
            return Err(ScaleError::TooFewAnswers {
                statistic: "a sample variance",
                needed: 2,
                found: n,
            });
        }
        let mean = self.mean()?;
        let ss: f64 = self
            .iter()
            .map(|(x, c)| c as f64 * (f64::from(x) - mean).powi(2))
            .sum();
        Ok(ss / (n - 1) as f64)
    }

    /// The sample standard deviation, the square root of [`Distribution::variance`].
    ///
    /// # Errors
    /// As [`Distribution::variance`].
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// assert_eq!(Distribution::count(Scale::ONE_TO_FIVE, &[1u8, 3, 5])?.std_dev()?, 2.0);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn std_dev(&self) -> Result<f64, ScaleError> {
        self.variance().map(f64::sqrt)
    }
}

impl Frequencies for Distribution {
    fn scale(&self) -> Scale {
        self.scale
    }

    fn weights(&self) -> impl Iterator<Item = f64> + '_ {
        self.counts.iter().map(|&c| c as f64)
    }

    /// Exact: the count in the band over the total, rounded once.
    fn share(&self, band: &Band) -> Result<Share, ScaleError> {
        let part = self.count_in(band)?;
        let n = self.n();
        if n == 0 {
            return Err(ScaleError::Empty { scale: self.scale });
        }
        Share::from_counts(part, n)
    }

    /// Within one ulp: the sum of the answers is exact in 128-bit integers, and its quotient by
    /// `n` is split into a whole part and a remainder before the single rounding.
    fn mean(&self) -> Result<f64, ScaleError> {
        let n = self.n();
        if n == 0 {
            return Err(ScaleError::Empty { scale: self.scale });
        }
        let sum: i128 = self
            .iter()
            .map(|(x, c)| i128::from(x) * i128::from(c))
            .sum();
        let n = i128::from(n);
        let (whole, rest) = (sum.div_euclid(n), sum.rem_euclid(n));
        Ok(whole as f64 + rest as f64 / n as f64)
    }
}

impl Add for Distribution {
    /// Adding can fail (different scales, overflow), so the sum is a `Result`.
    type Output = Result<Distribution, ScaleError>;

    fn add(mut self, other: Distribution) -> Self::Output {
        self.merge(&other)?;
        Ok(self)
    }
}

impl Add<&Distribution> for &Distribution {
    /// Adding can fail (different scales, overflow), so the sum is a `Result`.
    type Output = Result<Distribution, ScaleError>;

    fn add(self, other: &Distribution) -> Self::Output {
        let mut sum = self.clone();
        sum.merge(other)?;
        Ok(sum)
    }
}

impl fmt::Display for Distribution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "n = {} on {}:", self.n(), self.scale)?;
        for (x, c) in self.iter() {
            write!(f, " {x}×{c}")?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::Distribution;
    use crate::Scale;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    #[derive(Serialize, Deserialize)]
    struct Repr {
        scale: Scale,
        counts: Vec<u64>,
    }

    impl Serialize for Distribution {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            Repr {
                scale: self.scale,
                counts: self.counts.clone(),
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for Distribution {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let r = Repr::deserialize(d)?;
            Distribution::from_counts(r.scale, &r.counts).map_err(D::Error::custom)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nps_example_of_the_source_documents() {
        // The textbook example: 100 answers, 20 detractors, 10 passives, 70 promoters.
        let d = Distribution::from_point_counts(Scale::ZERO_TO_TEN, [(0, 20u8), (7, 10), (10, 70)])
            .unwrap();
        let shares = d.shares(&crate::Partition::nps()).unwrap();
        assert_eq!(
            shares.iter().map(|s| s.percent()).collect::<Vec<_>>(),
            [20.0, 10.0, 70.0]
        );
    }

    #[test]
    fn overflow_is_an_error_and_leaves_the_distribution_unchanged() {
        let s = Scale::ONE_TO_FIVE;
        let mut big = Distribution::from_counts(s, &[u64::MAX, 0, 0, 0, 0]).unwrap();
        let before = big.clone();
        let one = Distribution::count(s, &[3u8]).unwrap();
        assert_eq!(big.merge(&one), Err(ScaleError::CountOverflow));
        assert_eq!(big, before);
        assert_eq!(big.record_value(2), Err(ScaleError::CountOverflow));
        assert_eq!(big, before);
        assert_eq!(
            Distribution::from_counts(s, &[u64::MAX, 1, 0, 0, 0]),
            Err(ScaleError::CountOverflow)
        );
        assert_eq!(
            Distribution::from_counts(s, &[i128::from(u64::MAX) + 1, 0, 0, 0, 0]),
            Err(ScaleError::CountOverflow)
        );
    }

    #[test]
    fn statistics_of_nothing_are_errors() {
        let d = Distribution::new(Scale::ONE_TO_FIVE);
        let e = Err(ScaleError::Empty {
            scale: Scale::ONE_TO_FIVE,
        });
        assert_eq!(d.mean(), e);
        assert_eq!(d.median(), e);
        assert_eq!(d.pomp(), e);
        assert_eq!(
            d.share(&Band::top_box(Scale::ONE_TO_FIVE, 1).unwrap())
                .map(|s| s.value()),
            e
        );
    }

    #[test]
    fn mean_is_exact_at_huge_counts_and_offsets() {
        // One answer of 1 and u64::MAX − 1 answers of 1_000_000: the exact mean is
        // 1e6 − 999_999 / (2^64 − 1).
        let s = Scale::with_step(1, 1_000_000, 999_999).unwrap();
        let d = Distribution::from_counts(s, &[1u64, u64::MAX - 1]).unwrap();
        let exact = 1e6 - 999_999.0 / 18_446_744_073_709_551_615.0;
        assert_eq!(d.mean().unwrap(), exact);
        let d = Distribution::from_counts(s, &[u64::MAX - 1, 1]).unwrap();
        assert_eq!(
            d.mean().unwrap(),
            1.0 + 999_999.0 / 18_446_744_073_709_551_615.0
        );
    }

    #[test]
    fn median_of_even_and_odd_counts() {
        let s = Scale::ONE_TO_FIVE;
        let med = |v: &[u8]| Distribution::count(s, v).unwrap().median().unwrap();
        assert_eq!(med(&[1]), 1.0);
        assert_eq!(med(&[1, 5]), 3.0);
        assert_eq!(med(&[1, 2, 2, 5]), 2.0);
        assert_eq!(med(&[1, 1, 4, 5, 5, 5]), 4.5);
        assert_eq!(med(&[5, 5, 5, 1, 1]), 5.0);
    }
}
