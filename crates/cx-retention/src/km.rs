//! Kaplan–Meier survival of customer tenure, with right censoring.
//!
//! Customers still active when the data ends are **right-censored**: their tenure is at
//! least what was seen. Dropping them, or counting them as churned, biases tenure down; the
//! Kaplan–Meier estimator uses them while they are at risk. At each distinct time `tᵢ` with
//! `nᵢ` customers at risk (tenure ≥ `tᵢ`) and `dᵢ` churns,
//! Ŝ(t) = Π_{tᵢ ≤ t} (1 − dᵢ/nᵢ).
//!
//! **Confidence band**: the exponential Greenwood interval (Kalbfleisch & Prentice), the
//! default of lifelines: with V = Σ dᵢ/(nᵢ(nᵢ − dᵢ)) and σ = √V / |ln Ŝ|, the band is
//! exp(−exp(ln(−ln Ŝ) ± z·σ)); it always stays within `0..=1`. Where Ŝ = 1 the band is
//! [1, 1]; where Ŝ = 0 it is [0, 0].
//!
//! **Median lifetime**: the smallest time with Ŝ(t) ≤ ½ (`None` if the curve never gets
//! there — common when most customers are still active). Its interval is read off the band the
//! same way (lower bound from the lower curve, upper bound from the upper curve), as lifelines'
//! `median_survival_times(confidence_interval_)` does.
//!
//! Checked against lifelines 0.30.3 on its Waltons data set (`tests/km_lifelines.rs`).

use statrs::distribution::{ContinuousCDF, Normal};

use crate::RetentionError;

/// One customer's observed tenure: a duration in any unit, and whether the churn was seen
/// (`false` = still active when observation ended, right-censored).
///
/// ```
/// use cx_retention::TenureObservation;
/// use jiff::civil::date;
/// let t = TenureObservation::from_dates(date(2024, 1, 1), None, date(2024, 3, 1))?;
/// assert_eq!((t.duration, t.churned), (60.0, false));
/// # Ok::<(), cx_retention::RetentionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TenureObservation {
    /// Tenure (finite, ≥ 0), e.g. in days.
    pub duration: f64,
    /// Whether the customer churned at `duration` (else still active: censored).
    pub churned: bool,
}

impl TenureObservation {
    /// Tenure in days of a customer who joined on `start` and left on `end` (exclusive, as in
    /// [`Subscription`](crate::Subscription)), observed up to `as_of`: censored at `as_of` if
    /// `end` is `None` or later than `as_of`.
    ///
    /// # Errors
    /// [`RetentionError::StartAfterAsOf`] if `as_of < start`;
    /// [`RetentionError::EndNotAfterStart`] if `end ≤ start`.
    ///
    /// ```
    /// use cx_retention::{RetentionError, TenureObservation};
    /// use jiff::civil::date;
    /// let t = TenureObservation::from_dates(date(2024, 1, 1), Some(date(2024, 1, 31)), date(2024, 6, 1))?;
    /// assert_eq!((t.duration, t.churned), (30.0, true));
    /// // A customer who joins after the data were taken has no tenure yet.
    /// let early = TenureObservation::from_dates(date(2024, 3, 1), None, date(2024, 2, 15));
    /// assert!(matches!(early, Err(RetentionError::StartAfterAsOf { .. })));
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn from_dates(
        start: jiff::civil::Date,
        end: Option<jiff::civil::Date>,
        as_of: jiff::civil::Date,
    ) -> Result<TenureObservation, RetentionError> {
        let days =
            |a, b| (crate::period::days_from_date(b) - crate::period::days_from_date(a)) as f64;
        if as_of < start {
            return Err(RetentionError::StartAfterAsOf { start, as_of });
        }
        match end {
            Some(e) if e <= start => Err(RetentionError::EndNotAfterStart { start, end: e }),
            Some(e) if e <= as_of => Ok(TenureObservation {
                duration: days(start, e),
                churned: true,
            }),
            _ => Ok(TenureObservation {
                duration: days(start, as_of),
                churned: false,
            }),
        }
    }
}

/// One row of the Kaplan–Meier table: a distinct time with churns or censorings.
///
/// ```
/// use cx_retention::{KaplanMeier, TenureObservation};
/// let obs = [TenureObservation { duration: 3.0, churned: true }];
/// let row = KaplanMeier::fit(&obs, 0.95)?.rows()[0];
/// assert_eq!((row.at_risk, row.churned, row.survival), (1, 1, 0.0));
/// # Ok::<(), cx_retention::RetentionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct KmRow {
    /// The time.
    pub time: f64,
    /// Customers at risk just before `time` (tenure ≥ `time`).
    pub at_risk: u64,
    /// Churns at `time`.
    pub churned: u64,
    /// Censorings at `time`.
    pub censored: u64,
    /// Ŝ(`time`), the estimate after this row's churns.
    pub survival: f64,
    /// Lower end of the confidence band at `time`.
    pub lower: f64,
    /// Upper end of the confidence band at `time`.
    pub upper: f64,
}

/// The median lifetime and its confidence interval (`None` where the curve never reaches ½).
///
/// ```
/// use cx_retention::{KaplanMeier, TenureObservation};
/// let obs: Vec<_> = (1..=9).map(|d| TenureObservation { duration: f64::from(d), churned: true }).collect();
/// let m = KaplanMeier::fit(&obs, 0.95)?.median();
/// assert_eq!(m.estimate, Some(5.0));
/// # Ok::<(), cx_retention::RetentionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MedianLifetime {
    /// Smallest time with Ŝ ≤ ½.
    pub estimate: Option<f64>,
    /// Smallest time with the band's lower curve ≤ ½.
    pub lower: Option<f64>,
    /// Smallest time with the band's upper curve ≤ ½ (`None`: not reached, unbounded).
    pub upper: Option<f64>,
}

/// A fitted Kaplan–Meier curve. With the `serde` feature it serialises (for reports); it does
/// not deserialise, since a stored table cannot be re-validated — store the observations.
///
/// ```
/// use cx_retention::{KaplanMeier, TenureObservation};
/// let obs = [(5.0, true), (8.0, false), (8.0, true), (12.0, true)]
///     .map(|(duration, churned)| TenureObservation { duration, churned });
/// let km = KaplanMeier::fit(&obs, 0.95)?;
/// assert_eq!(km.survival_at(4.9), 1.0);
/// assert_eq!(km.survival_at(5.0), 0.75);
/// assert_eq!(km.survival_at(8.0), 0.75 * (1.0 - 1.0 / 3.0));
/// assert_eq!(km.median().estimate, Some(8.0));
/// # Ok::<(), cx_retention::RetentionError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct KaplanMeier {
    rows: Vec<KmRow>,
    subjects: u64,
    confidence: f64,
}

impl KaplanMeier {
    /// The most observations [`fit`](Self::fit) accepts: 10⁸. Fitting sorts the
    /// observations (16 bytes each, plus at most 56 bytes per distinct time for the table), so
    /// this bounds the work at a few GB and about ten seconds; 10⁶ observations take about
    /// 0.1 s.
    ///
    /// ```
    /// assert_eq!(cx_retention::KaplanMeier::MAX_OBSERVATIONS, 100_000_000);
    /// ```
    pub const MAX_OBSERVATIONS: usize = 100_000_000;

    /// Fits the curve with a `confidence` band (e.g. 0.95). O(n log n) in the number of
    /// observations.
    ///
    /// # Errors
    /// [`RetentionError::TooLarge`] above [`KaplanMeier::MAX_OBSERVATIONS`] observations
    /// (checked before allocating); [`RetentionError::Empty`] with no observations; [`RetentionError::InvalidDuration`]
    /// for a negative or non-finite duration; [`RetentionError::InvalidParameter`] unless
    /// `0 < confidence < 1`.
    ///
    /// ```
    /// use cx_retention::{KaplanMeier, TenureObservation};
    /// assert!(KaplanMeier::fit(&[], 0.95).is_err());
    /// let bad = [TenureObservation { duration: f64::NAN, churned: true }];
    /// assert!(KaplanMeier::fit(&bad, 0.95).is_err());
    /// ```
    pub fn fit(
        observations: &[TenureObservation],
        confidence: f64,
    ) -> Result<KaplanMeier, RetentionError> {
        if !(confidence > 0.0 && confidence < 1.0) {
            return Err(RetentionError::InvalidParameter {
                name: "confidence",
                value: confidence,
                rule: "strictly between 0 and 1",
            });
        }
        if observations.len() > KaplanMeier::MAX_OBSERVATIONS {
            return Err(RetentionError::TooLarge {
                what: "number of tenure observations",
                value: observations.len() as u64,
                max: KaplanMeier::MAX_OBSERVATIONS as u64,
                limit: "KaplanMeier::MAX_OBSERVATIONS",
            });
        }
        if observations.is_empty() {
            return Err(RetentionError::Empty {
                what: "tenure observations",
                item: "observation",
            });
        }
        // Non-negative finite f64s order like their bit patterns: sort integers, event flag last bit.
        let mut keys = Vec::with_capacity(observations.len());
        for (index, o) in observations.iter().enumerate() {
            if !(o.duration.is_finite() && o.duration >= 0.0) {
                return Err(RetentionError::InvalidDuration {
                    index,
                    value: o.duration,
                });
            }
            let bits = (o.duration + 0.0).to_bits(); // −0.0 → +0.0
            keys.push((bits, o.churned));
        }
        keys.sort_unstable();
        // From the tail: `0.5 + confidence / 2` rounds to 1 (z = ∞) within 1e-16 of 1.
        let z = -Normal::standard().inverse_cdf((1.0 - confidence) / 2.0);
        let mut rows = Vec::new();
        let mut at_risk = observations.len() as u64;
        let (mut s, mut greenwood) = (1.0f64, 0.0f64);
        let mut i = 0;
        while i < keys.len() {
            let bits = keys[i].0;
            let mut j = i;
            while j < keys.len() && keys[j].0 == bits {
                j += 1;
            }
            let churned = keys[i..j].iter().filter(|k| k.1).count() as u64;
            let total = (j - i) as u64;
            if churned > 0 {
                let (n, d) = (at_risk as f64, churned as f64);
                s *= 1.0 - d / n;
                greenwood += if churned < at_risk {
                    d / (n * (n - d))
                } else {
                    f64::INFINITY
                };
            }
            let (lower, upper) = band(s, greenwood, z);
            rows.push(KmRow {
                time: f64::from_bits(bits),
                at_risk,
                churned,
                censored: total - churned,
                survival: s,
                lower,
                upper,
            });
            at_risk -= total;
            i = j;
        }
        Ok(KaplanMeier {
            rows,
            subjects: observations.len() as u64,
            confidence,
        })
    }

    /// The table: one row per distinct time, in time order.
    ///
    /// ```
    /// # use cx_retention::{KaplanMeier, TenureObservation};
    /// let obs = [(2.0, true), (2.0, false)].map(|(duration, churned)| TenureObservation { duration, churned });
    /// let km = KaplanMeier::fit(&obs, 0.95)?;
    /// assert_eq!(km.rows().len(), 1);
    /// assert_eq!((km.rows()[0].churned, km.rows()[0].censored), (1, 1));
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn rows(&self) -> &[KmRow] {
        &self.rows
    }

    /// Number of customers observed.
    ///
    /// ```
    /// # use cx_retention::{KaplanMeier, TenureObservation};
    /// let obs = [TenureObservation { duration: 1.0, churned: false }];
    /// assert_eq!(KaplanMeier::fit(&obs, 0.9)?.subjects(), 1);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn subjects(&self) -> u64 {
        self.subjects
    }

    /// The confidence level of the band.
    ///
    /// ```
    /// # use cx_retention::{KaplanMeier, TenureObservation};
    /// let obs = [TenureObservation { duration: 1.0, churned: false }];
    /// assert_eq!(KaplanMeier::fit(&obs, 0.9)?.confidence(), 0.9);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn confidence(&self) -> f64 {
        self.confidence
    }

    /// Ŝ(t): the step function, right-continuous (churns at `t` included); 1 before the first
    /// churn. For a negative or NaN `t` this is 1.
    ///
    /// ```
    /// # use cx_retention::{KaplanMeier, TenureObservation};
    /// let obs = [TenureObservation { duration: 2.0, churned: true }, TenureObservation { duration: 4.0, churned: false }];
    /// let km = KaplanMeier::fit(&obs, 0.95)?;
    /// assert_eq!((km.survival_at(1.0), km.survival_at(2.0), km.survival_at(100.0)), (1.0, 0.5, 0.5));
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn survival_at(&self, t: f64) -> f64 {
        let k = self.rows.partition_point(|r| r.time <= t);
        if k == 0 {
            1.0
        } else {
            self.rows[k - 1].survival
        }
    }

    /// The first time at which `curve(row) ≤ q`, if any.
    fn first_at_or_below(&self, q: f64, curve: impl Fn(&KmRow) -> f64) -> Option<f64> {
        self.rows.iter().find(|r| curve(r) <= q).map(|r| r.time)
    }

    /// The median lifetime with its interval (see the module docs).
    ///
    /// ```
    /// # use cx_retention::{KaplanMeier, TenureObservation};
    /// let obs = [TenureObservation { duration: 2.0, churned: true }, TenureObservation { duration: 4.0, churned: false },
    ///            TenureObservation { duration: 5.0, churned: false }];
    /// assert_eq!(KaplanMeier::fit(&obs, 0.95)?.median().estimate, None); // Ŝ stays at 2/3
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn median(&self) -> MedianLifetime {
        MedianLifetime {
            estimate: self.first_at_or_below(0.5, |r| r.survival),
            lower: self.first_at_or_below(0.5, |r| r.lower),
            upper: self.first_at_or_below(0.5, |r| r.upper),
        }
    }
}

/// Exponential Greenwood band at Ŝ = `s` with Greenwood sum `v`.
fn band(s: f64, v: f64, z: f64) -> (f64, f64) {
    if s >= 1.0 {
        return (1.0, 1.0);
    }
    if s <= 0.0 || !v.is_finite() {
        return (0.0, 0.0);
    }
    let log_s = s.ln();
    let sigma = v.sqrt() / log_s.abs();
    let c = (-log_s).ln();
    (
        (-(c + z * sigma).exp()).exp(),
        (-(c - z * sigma).exp()).exp(),
    )
}
