//! Published percentage tables: distributions known only as rounded percentages.

use std::fmt;

use crate::{Distribution, Frequencies, Scale, ScaleError};

/// A distribution published as a table of percentages per point, such as the one in the source
/// documents' cross-scale example, with the number of respondents when it is known.
///
/// Published percentages are rounded, so they rarely add up to exactly 100: the table is accepted
/// when the sum is within a stated tolerance (in percentage points), and shares are taken relative
/// to the actual sum. Points missing from the table have 0 %.
///
/// ```
/// use cx_scales::{Band, Frequencies, PercentTable, Scale};
///
/// let t = PercentTable::new(Scale::ONE_TO_FIVE, [(5, 40.0), (4, 33.3), (3, 13.3), (2, 6.7), (1, 6.7)], 0.1)?;
/// assert!((t.percent_total() - 100.0).abs() < 1e-9);
/// assert_eq!(format!("{:.1}", t.share(&Band::top_box(Scale::ONE_TO_FIVE, 2)?)?), "73.3%");
///
/// // 99 % in all is outside a tolerance of 0.5 points.
/// assert!(PercentTable::new(Scale::ONE_TO_FIVE, [(5, 60.0), (1, 39.0)], 0.5).is_err());
/// # Ok::<(), cx_scales::ScaleError>(())
/// ```
#[derive(Clone, PartialEq, Debug)]
pub struct PercentTable {
    scale: Scale,
    percents: Vec<f64>,
    respondents: Option<u64>,
}

impl PercentTable {
    /// The largest number of respondents [`PercentTable::to_distribution`] recovers counts for:
    /// 2^53, beyond which a count is no longer exact as a float.
    ///
    /// ```
    /// assert_eq!(cx_scales::PercentTable::MAX_RESPONDENTS_FOR_COUNTS, 1 << 53);
    /// ```
    pub const MAX_RESPONDENTS_FOR_COUNTS: u64 = 1 << 53;

    /// The table of `(point, percent)` entries on `scale`, whose percentages must add up to 100
    /// within `tolerance` percentage points (0.1 suits a table rounded to one decimal with a
    /// handful of points; use a larger one for many points or coarser rounding).
    ///
    /// # Errors
    /// [`ScaleError::InvalidTolerance`] unless `0 ≤ tolerance ≤ 10`; for a bad entry
    /// [`ScaleError::OffScaleAt`], [`ScaleError::DuplicatePoint`] and
    /// [`ScaleError::PercentOutOfRange`], which name its zero-based position among `entries`
    /// (so that a caller reading a file can name the row), and [`ScaleError::NonFinite`];
    /// [`ScaleError::PercentSum`] when the sum is not 100 within the tolerance.
    ///
    /// ```
    /// use cx_scales::{PercentTable, Scale, ScaleError};
    /// assert!(PercentTable::new(Scale::SMILEYS, [(5, 70.0), (3, 20.0), (1, 10.0)], 0.0).is_ok());
    /// assert!(PercentTable::new(Scale::SMILEYS, [(5, 70.0), (4, 30.0)], 0.0).is_err());
    ///
    /// // Errors name the entry (counted from 0): point 5 repeated by the third entry.
    /// let err = PercentTable::new(Scale::SMILEYS, [(5, 50.0), (1, 0.0), (5, 50.0)], 0.0).unwrap_err();
    /// assert_eq!(err, ScaleError::DuplicatePoint { point: 5, first: 0, position: 2 });
    /// ```
    pub fn new<I>(scale: Scale, entries: I, tolerance: f64) -> Result<PercentTable, ScaleError>
    where
        I: IntoIterator<Item = (i64, f64)>,
    {
        if !(0.0..=10.0).contains(&tolerance) {
            return Err(ScaleError::InvalidTolerance { tolerance });
        }
        let mut percents = vec![0.0; scale.point_count()];
        let mut seen = vec![None; scale.point_count()];
        for (position, (point, percent)) in entries.into_iter().enumerate() {
            let i = scale.claim(&mut seen, point, position)?;
            if !percent.is_finite() {
                return Err(ScaleError::NonFinite {
                    what: "a percentage",
                    value: percent,
                });
            }
            if !(0.0..=100.0).contains(&percent) {
                return Err(ScaleError::PercentOutOfRange {
                    point,
                    percent,
                    position,
                });
            }
            percents[i] = percent + 0.0;
        }
        let sum = compensated_sum(&percents);
        if (sum - 100.0).abs() > tolerance + 1e-9 {
            return Err(ScaleError::PercentSum { sum, tolerance });
        }
        Ok(PercentTable {
            scale,
            percents,
            respondents: None,
        })
    }

    /// The same table with the number of respondents it was computed from, which statistics that
    /// need a sample size (intervals, tests) require.
    ///
    /// # Errors
    /// [`ScaleError::Empty`] for zero respondents.
    ///
    /// ```
    /// use cx_scales::{PercentTable, Scale};
    /// let t = PercentTable::new(Scale::SMILEYS, [(5, 70.0), (3, 20.0), (1, 10.0)], 0.0)?
    ///     .with_respondents(250)?;
    /// assert_eq!(t.respondents(), Some(250));
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn with_respondents(mut self, respondents: u64) -> Result<PercentTable, ScaleError> {
        if respondents == 0 {
            return Err(ScaleError::Empty { scale: self.scale });
        }
        self.respondents = Some(respondents);
        Ok(self)
    }

    /// The percentage of each point as published, lowest point first.
    ///
    /// ```
    /// use cx_scales::{PercentTable, Scale};
    /// let t = PercentTable::new(Scale::SMILEYS, [(5, 70.0), (1, 30.0)], 0.0)?;
    /// assert_eq!(t.percents(), [30.0, 0.0, 70.0]);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn percents(&self) -> &[f64] {
        &self.percents
    }

    /// The sum of the published percentages (compensated summation).
    ///
    /// ```
    /// use cx_scales::{PercentTable, Scale};
    /// let t = PercentTable::new(Scale::SMILEYS, [(5, 70.1), (1, 30.0)], 0.2)?;
    /// assert!((t.percent_total() - 100.1).abs() < 1e-12);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn percent_total(&self) -> f64 {
        compensated_sum(&self.percents)
    }

    /// The number of respondents, when known.
    ///
    /// ```
    /// use cx_scales::{PercentTable, Scale};
    /// let t = PercentTable::new(Scale::SMILEYS, [(5, 100.0)], 0.0)?;
    /// assert_eq!(t.respondents(), None);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn respondents(&self) -> Option<u64> {
        self.respondents
    }

    /// The counts behind the table, when the number of respondents is known: the whole counts
    /// adding up to the respondents that are nearest to the published percentages (largest
    /// remainders), each of which must reproduce its published percentage within half a unit of
    /// `precision` (0.1 for percentages published with one decimal).
    ///
    /// # Errors
    /// [`ScaleError::InvalidPrecision`] unless `precision` is a finite number within 0..=100
    /// (a NaN, infinite or huge precision would accept any counts); [`ScaleError::Empty`] when
    /// the number of respondents is unknown; [`ScaleError::TooManyRespondents`] beyond
    /// [`PercentTable::MAX_RESPONDENTS_FOR_COUNTS`]; [`ScaleError::InconsistentRespondents`]
    /// when no counts of that total give the published percentages. The counts returned always
    /// add up to the respondents.
    ///
    /// ```
    /// use cx_scales::{PercentTable, Scale};
    /// let t = PercentTable::new(Scale::SMILEYS, [(5, 66.7), (3, 0.0), (1, 33.3)], 0.0)?
    ///     .with_respondents(3)?;
    /// assert_eq!(t.to_distribution(0.1)?.counts(), [1, 0, 2]);
    /// // 66.7 % of 4 respondents is not a whole number of answers within rounding.
    /// let t = t.with_respondents(4)?;
    /// assert!(t.to_distribution(0.1).is_err());
    /// assert!(t.to_distribution(f64::NAN).is_err()); // not a way to skip the check
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn to_distribution(&self, precision: f64) -> Result<Distribution, ScaleError> {
        if !(0.0..=100.0).contains(&precision) {
            return Err(ScaleError::InvalidPrecision { precision });
        }
        let n = self
            .respondents
            .ok_or(ScaleError::Empty { scale: self.scale })?;
        if n > PercentTable::MAX_RESPONDENTS_FOR_COUNTS {
            return Err(ScaleError::TooManyRespondents {
                respondents: n,
                limit: PercentTable::MAX_RESPONDENTS_FOR_COUNTS,
            });
        }
        let total = self.percent_total();
        let exact: Vec<f64> = self.percents.iter().map(|p| p / total * n as f64).collect();
        let mut counts: Vec<u64> = exact.iter().map(|x| (x.floor() as u64).min(n)).collect();
        // Below 2^53 each floor is within a few units of its exact share, so the whole counts
        // reach `n` by giving a unit to the largest remainders (or taking one from the smallest)
        // round after round; the totals are kept in 128 bits.
        let mut assigned: u128 = counts.iter().map(|&c| u128::from(c)).sum();
        let mut order: Vec<usize> = (0..counts.len()).collect();
        order.sort_by(|&a, &b| {
            let (ra, rb) = (exact[a] - exact[a].floor(), exact[b] - exact[b].floor());
            rb.total_cmp(&ra).then(a.cmp(&b))
        });
        while assigned < u128::from(n) {
            for &i in order
                .iter()
                .take((u128::from(n) - assigned).min(order.len() as u128) as usize)
            {
                counts[i] += 1;
                assigned += 1;
            }
        }
        while assigned > u128::from(n) {
            for &i in order.iter().rev() {
                if assigned > u128::from(n) && counts[i] > 0 {
                    counts[i] -= 1;
                    assigned -= 1;
                }
            }
        }
        let half_unit = precision / 2.0 + 1e-9;
        for ((&c, &p), x) in counts.iter().zip(&self.percents).zip(self.scale.points()) {
            let implied = 100.0 * c as f64 / n as f64;
            if (implied - p).abs() > half_unit {
                return Err(ScaleError::InconsistentRespondents {
                    point: x.into(),
                    percent: p,
                    respondents: n,
                    count: p * n as f64 / 100.0,
                });
            }
        }
        Distribution::from_counts(self.scale, &counts)
    }
}

impl PercentTable {
    /// The table of non-negative `weights` (one per point, not all zero) as percentages of
    /// their sum.
    pub(crate) fn from_weights(scale: Scale, weights: &[f64]) -> PercentTable {
        let total = compensated_sum(weights);
        PercentTable {
            scale,
            percents: weights.iter().map(|w| 100.0 * w / total).collect(),
            respondents: None,
        }
    }
}

impl From<&Distribution> for PercentTable {
    /// The exact percentages of a distribution, with its number of answers as respondents (none
    /// when it is empty).
    fn from(d: &Distribution) -> PercentTable {
        let n = d.n();
        let percents = d
            .counts()
            .iter()
            .map(|&c| {
                if n == 0 {
                    0.0
                } else {
                    100.0 * c as f64 / n as f64
                }
            })
            .collect();
        PercentTable {
            scale: d.scale(),
            percents,
            respondents: (n > 0).then_some(n),
        }
    }
}

impl Frequencies for PercentTable {
    fn scale(&self) -> Scale {
        self.scale
    }

    fn weights(&self) -> impl Iterator<Item = f64> + '_ {
        self.percents.iter().copied()
    }

    fn total_weight(&self) -> f64 {
        self.percent_total()
    }
}

impl fmt::Display for PercentTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:", self.scale)?;
        for (x, p) in self.scale.points().zip(&self.percents) {
            write!(f, " {x}: {p}%")?;
        }
        if let Some(n) = self.respondents {
            write!(f, " (n = {n})")?;
        }
        Ok(())
    }
}

/// Neumaier's compensated sum: exact to the last bit for the handful of two-decimal percentages
/// of a table, where a plain sum may be off by a few ulps.
pub(crate) fn compensated_sum(xs: &[f64]) -> f64 {
    let (mut sum, mut c) = (0.0f64, 0.0f64);
    for &x in xs {
        let t = sum + x;
        c += if sum.abs() >= x.abs() {
            (sum - t) + x
        } else {
            (x - t) + sum
        };
        sum = t;
    }
    sum + c
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::PercentTable;
    use crate::Scale;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    #[derive(Serialize, Deserialize)]
    struct Repr {
        scale: Scale,
        percents: Vec<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        respondents: Option<u64>,
    }

    impl Serialize for PercentTable {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            Repr {
                scale: self.scale,
                percents: self.percents.clone(),
                respondents: self.respondents,
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for PercentTable {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let r = Repr::deserialize(d)?;
            if r.percents.len() != r.scale.point_count() {
                return Err(D::Error::custom(crate::ScaleError::CountsLength {
                    scale: r.scale,
                    expected: r.scale.point_count(),
                    found: r.percents.len(),
                }));
            }
            // A serialised table was accepted once; it is checked again with a tolerance that
            // allows for the rounding of its own sum.
            let entries = r.scale.points().map(i64::from).zip(r.percents);
            let t = PercentTable::new(r.scale, entries, 10.0).map_err(D::Error::custom)?;
            match r.respondents {
                Some(n) => t.with_respondents(n).map_err(D::Error::custom),
                None => Ok(t),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_entries_are_typed_errors() {
        let s = Scale::ONE_TO_FIVE;
        assert!(matches!(
            PercentTable::new(s, [(6, 100.0)], 0.1),
            Err(ScaleError::OffScaleAt {
                value: 6,
                position: 0,
                ..
            })
        ));
        assert!(matches!(
            PercentTable::new(s, [(5, 50.0), (5, 50.0)], 0.1),
            Err(ScaleError::DuplicatePoint {
                point: 5,
                first: 0,
                position: 1
            })
        ));
        assert!(matches!(
            PercentTable::new(s, [(5, f64::NAN)], 0.1),
            Err(ScaleError::NonFinite { .. })
        ));
        assert!(matches!(
            PercentTable::new(s, [(4, 0.0), (5, 120.0), (1, -20.0)], 0.1),
            Err(ScaleError::PercentOutOfRange {
                point: 5,
                position: 1,
                ..
            })
        ));
        assert!(matches!(
            PercentTable::new(s, [(5, 100.0)], f64::NAN),
            Err(ScaleError::InvalidTolerance { .. })
        ));
        assert!(matches!(
            PercentTable::new(s, [] as [(i64, f64); 0], 0.1),
            Err(ScaleError::PercentSum { .. })
        ));
    }

    #[test]
    fn a_distribution_round_trips_through_its_table() {
        let d =
            Distribution::from_counts(Scale::ZERO_TO_TEN, &[3u64, 0, 1, 4, 1, 5, 9, 2, 6, 5, 3])
                .unwrap();
        let t = PercentTable::from(&d);
        assert_eq!(t.to_distribution(1e-9).unwrap(), d);
        assert_eq!(t.mean().unwrap(), d.mean().unwrap());
    }

    #[test]
    fn compensated_sum_recovers_what_a_plain_sum_loses() {
        let xs = [1e16, 1.0, -1e16, 1.0];
        assert_eq!(compensated_sum(&xs), 2.0);
    }
}
