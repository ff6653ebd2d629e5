//! Weighted NPS and shares: answers carrying survey weights (design weights, or
//! post-stratification weights that make the respondents match the customer base by segment,
//! channel or region).
//!
//! **Estimates.** The weighted NPS is `(W_promoters − W_detractors) / W`, with `W_group` the sum
//! of the weights of a group and `W` their total; a weighted share is `W_successes / W`.
//!
//! **Standard errors** are the Taylor-linearised ones of survey statistics for a weighted mean
//! of `y ∈ {−1, 0, 1}` (NPS) or `y ∈ {0, 1}` (a share), each respondent its own sampling unit,
//! with replacement: `SE² = n/(n − 1) · Σ wᵢ²·(yᵢ − ȳ_w)² / W²` — what R's `survey::svymean`
//! and Python's samplics give for a design with weights only. They need `n ≥ 2`.
//!
//! **Intervals** use the Kish (1965) effective sample size `n_eff = W² / Σ wᵢ²`: the methods of
//! [`NpsMethod`] and [`ShareMethod`] are applied to the effective counts `n_eff × weighted
//! share` (Korn & Graubard 1998 for Clopper–Pearson; Kott & Carr 1997 for Wilson). With equal
//! weights `n_eff = n` and every interval equals the unweighted one. The design effect
//! `n / n_eff ≥ 1` measures how much precision unequal weights cost.
//!
//! Both accumulators are filled one answer at a time, merge exactly (sums of weights and of
//! squared weights) and serialise behind the `serde` feature.

use cx_scales::{Answer, Scale, Score, Share};

use crate::confidence::Confidence;
use crate::error::SurveyError;
use crate::nps::NpsScore;
use crate::nps_interval::{NpsInterval, NpsMethod, interval_of_counts};
use crate::proportion::{ShareInterval, ShareMethod, bounds_of_counts};

/// The smallest and largest survey weight accepted: 1e-100 and 1e100. Only the ratios of
/// weights matter, and within this range the sums of squared weights of any number of answers
/// can neither underflow nor overflow, so no figure silently degrades to the unweighted one.
///
/// ```
/// use cx_survey::{WEIGHT_RANGE, WeightedNps};
/// let mut nps = WeightedNps::new();
/// assert!(nps.push(9u8, WEIGHT_RANGE.1).is_ok());
/// assert!(nps.push(9u8, 1e-170).is_err()); // its square would underflow
/// ```
pub const WEIGHT_RANGE: (f64, f64) = (1e-100, 1e100);

/// Checks a survey weight: within [`WEIGHT_RANGE`] (so also finite and above zero). The
/// accumulators check every weight with it; callers that read weights from files can use it to
/// reject a cell before recording anything.
///
/// # Errors
/// [`SurveyError::OutOfRange`] (`name` = `"weight"`) outside the range, NaN included.
///
/// ```
/// use cx_survey::check_weight;
/// assert_eq!(check_weight(2.5)?, 2.5);
/// assert!(check_weight(0.0).is_err() && check_weight(f64::NAN).is_err());
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
pub fn check_weight(weight: f64) -> Result<f64, SurveyError> {
    if (WEIGHT_RANGE.0..=WEIGHT_RANGE.1).contains(&weight) {
        Ok(weight)
    } else {
        Err(SurveyError::OutOfRange {
            name: "weight",
            value: weight,
            range: "[1e-100, 1e100]",
        })
    }
}

/// Group index of an NPS answer: 0 detractor (0–6), 1 passive (7–8), 2 promoter (9–10).
fn nps_group<T: Answer>(answer: T) -> Result<usize, SurveyError> {
    let score = Score::new(Scale::ZERO_TO_TEN, answer.to_i64())?;
    Ok(match score.value() {
        9.. => 2,
        7 | 8 => 1,
        _ => 0,
    })
}

/// Per-group sums of weights and of squared weights, and answer counts: what both weighted
/// accumulators hold (`K` groups: detractors, passives, promoters; or failures, successes).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(into = "RawSums", try_from = "RawSums"))]
struct Sums<const K: usize> {
    /// Σw per group.
    weight: [f64; K],
    /// Σw² per group.
    weight_sq: [f64; K],
    /// Answers per group.
    count: [u64; K],
}

impl<const K: usize> Default for Sums<K> {
    fn default() -> Self {
        Sums {
            weight: [0.0; K],
            weight_sq: [0.0; K],
            count: [0; K],
        }
    }
}

impl<const K: usize> Sums<K> {
    /// Adds an answer of group `g` with a checked weight; unchanged on overflow.
    fn push(&mut self, g: usize, weight: f64) -> Result<(), SurveyError> {
        let w = check_weight(weight)?;
        let mut count = self.count;
        count[g] = count[g].checked_add(1).ok_or(SurveyError::CountOverflow)?;
        total_of(&count)?;
        self.count = count;
        self.weight[g] += w;
        self.weight_sq[g] += w * w;
        Ok(())
    }

    /// Adds `other`'s sums; unchanged on overflow.
    fn merge(&mut self, other: &Self) -> Result<(), SurveyError> {
        let mut count = self.count;
        for (c, o) in count.iter_mut().zip(other.count) {
            *c = c.checked_add(o).ok_or(SurveyError::CountOverflow)?;
        }
        total_of(&count)?;
        self.count = count;
        for g in 0..K {
            self.weight[g] += other.weight[g];
            self.weight_sq[g] += other.weight_sq[g];
        }
        Ok(())
    }

    fn n(&self) -> u64 {
        self.count.iter().sum()
    }

    fn total_weight(&self) -> f64 {
        self.weight.iter().sum()
    }

    fn nonempty(&self, what: &'static str) -> Result<(), SurveyError> {
        if self.n() == 0 {
            Err(SurveyError::NoResponses { what })
        } else {
            Ok(())
        }
    }

    /// Kish's `W² / Σw²`, at most `n`.
    fn effective_n(&self) -> Result<f64, SurveyError> {
        self.nonempty("the effective sample size")?;
        let w = self.total_weight();
        let w2: f64 = self.weight_sq.iter().sum();
        Ok((w * w / w2).min(self.n() as f64))
    }

    /// The weighted mean of `y` (one value per group).
    fn mean(&self, y: [f64; K], what: &'static str) -> Result<f64, SurveyError> {
        self.nonempty(what)?;
        let w = self.total_weight();
        Ok(y.iter().zip(self.weight).map(|(y, w)| y * w).sum::<f64>() / w)
    }

    /// The Taylor-linearised standard error of the weighted mean of `y`:
    /// `√(n/(n − 1) · Σ wᵢ²(yᵢ − ȳ)²) / W`.
    fn standard_error(&self, y: [f64; K]) -> Result<f64, SurveyError> {
        let n = self.n();
        if n < 2 {
            return Err(SurveyError::TooFewResponses {
                what: "the linearised standard error",
                n,
                needed: 2,
            });
        }
        let m = self.mean(y, "the linearised standard error")?;
        let ss: f64 = y
            .iter()
            .zip(self.weight_sq)
            .map(|(y, w2)| (y - m) * (y - m) * w2)
            .sum();
        let nf = n as f64;
        Ok((nf / (nf - 1.0) * ss).sqrt() / self.total_weight())
    }

    /// The effective counts `n_eff × weighted share` per group.
    fn effective_counts(&self) -> Result<[f64; K], SurveyError> {
        let n_eff = self.effective_n()?;
        let w = self.total_weight();
        Ok(self.weight.map(|x| n_eff * x / w))
    }
}

/// The total of per-group counts, or `CountOverflow`.
fn total_of(count: &[u64]) -> Result<u64, SurveyError> {
    count
        .iter()
        .try_fold(0u64, |a, &c| a.checked_add(c))
        .ok_or(SurveyError::CountOverflow)
}

/// The serialised form of both accumulators (arrays of one entry per group), checked on the
/// way in.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct RawSums {
    weight: Vec<f64>,
    weight_sq: Vec<f64>,
    count: Vec<u64>,
}

#[cfg(feature = "serde")]
impl<const K: usize> From<Sums<K>> for RawSums {
    fn from(s: Sums<K>) -> RawSums {
        RawSums {
            weight: s.weight.to_vec(),
            weight_sq: s.weight_sq.to_vec(),
            count: s.count.to_vec(),
        }
    }
}

/// A slice of exactly `K` entries as an array.
#[cfg(feature = "serde")]
fn groups<T: Copy, const K: usize>(v: &[T]) -> Result<[T; K], SurveyError> {
    v.try_into().map_err(|_| SurveyError::OutOfRange {
        name: "stored groups",
        value: v.len() as f64,
        range: "one entry per group",
    })
}

#[cfg(feature = "serde")]
impl<const K: usize> TryFrom<RawSums> for Sums<K> {
    type Error = SurveyError;
    fn try_from(r: RawSums) -> Result<Self, SurveyError> {
        let weight: [f64; K] = groups(&r.weight)?;
        let weight_sq: [f64; K] = groups(&r.weight_sq)?;
        let count: [u64; K] = groups(&r.count)?;
        for g in 0..K {
            check_sums(weight[g], weight_sq[g], count[g])?;
        }
        total_of(&count)?;
        Ok(Sums {
            weight,
            weight_sq,
            count,
        })
    }
}

/// Weighted NPS: sums of weights and of squared weights per group (detractors, passives,
/// promoters), and the number of answers.
///
/// ```
/// use cx_survey::{Confidence, NpsMethod, WeightedNps};
/// let mut nps = WeightedNps::new();
/// nps.push(10u8, 2.0)?; // a promoter who stands for two customers
/// nps.push(9u8, 1.0)?;
/// nps.push(3u8, 1.0)?;
/// // (3 − 1) / 4 = +50, where the unweighted NPS would be +33.3.
/// assert!((nps.score()?.value() - 50.0).abs() < 1e-12);
/// assert!((nps.effective_n()? - 16.0 / 6.0).abs() < 1e-12); // Kish: 4² / (4 + 1 + 1)
/// let ci = nps.interval(NpsMethod::AdjustedWald, Confidence::NINETY_FIVE)?;
/// assert!(ci.lower.value() < 50.0 && 50.0 < ci.upper.value());
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct WeightedNps {
    /// Groups: detractors, passives, promoters.
    sums: Sums<3>,
}

/// The values of the NPS groups: detractors −1, passives 0, promoters +1.
const NPS_VALUES: [f64; 3] = [-1.0, 0.0, 1.0];

/// Sums of `count` weights within [`WEIGHT_RANGE`]: zero exactly when nothing was counted,
/// within `count` times the range (squared for `Σw²`) otherwise, and `Σw² ≤ (Σw)²`
/// (Cauchy–Schwarz: the sums come from one set of weights).
#[cfg(feature = "serde")]
fn check_sums(w: f64, w2: f64, count: u64) -> Result<(), SurveyError> {
    let (lo, hi) = WEIGHT_RANGE;
    let c = count as f64;
    let consistent = if count == 0 {
        w == 0.0 && w2 == 0.0
    } else {
        // Sums of `count` weights within WEIGHT_RANGE, with Σw² ≤ (Σw)².
        (c * lo..=c * hi).contains(&w)
            && (c * lo * lo..=c * hi * hi).contains(&w2)
            && w2 <= w * w * (1.0 + 1e-12)
    };
    if consistent {
        Ok(())
    } else {
        Err(SurveyError::OutOfRange {
            name: "stored sum of weights",
            value: w,
            range: "the sums of the counted answers' weights, each in [1e-100, 1e100], with Σw² ≤ (Σw)²",
        })
    }
}

impl WeightedNps {
    /// An empty accumulator.
    ///
    /// ```
    /// assert_eq!(cx_survey::WeightedNps::new().n(), 0);
    /// ```
    pub fn new() -> WeightedNps {
        WeightedNps::default()
    }

    /// Adds one answer on the 0–10 scale with its weight.
    ///
    /// # Errors
    /// An off-scale answer ([`SurveyError::Scale`]) or a weight outside [`WEIGHT_RANGE`]
    /// ([`SurveyError::OutOfRange`]); nothing is added then.
    ///
    /// ```
    /// let mut nps = cx_survey::WeightedNps::new();
    /// assert!(nps.push(11u8, 1.0).is_err());
    /// assert!(nps.push(9u8, 0.0).is_err());
    /// assert!(nps.push(9u8, f64::NAN).is_err());
    /// assert_eq!(nps.n(), 0);
    /// ```
    pub fn push<T: Answer>(&mut self, answer: T, weight: f64) -> Result<(), SurveyError> {
        let g = nps_group(answer)?;
        self.sums.push(g, weight)
    }

    /// An accumulator filled from answers and their weights, pairwise.
    ///
    /// # Errors
    /// [`SurveyError::OutOfRange`] when the two slices differ in length (`name` =
    /// `"weights"`), and the errors of [`WeightedNps::push`].
    ///
    /// ```
    /// let nps = cx_survey::WeightedNps::from_answers(&[10u8, 9, 3], &[2.0, 1.0, 1.0])?;
    /// assert!((nps.score()?.value() - 50.0).abs() < 1e-12);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn from_answers<T: Answer>(answers: &[T], weights: &[f64]) -> Result<Self, SurveyError> {
        check_paired(answers.len(), weights.len())?;
        let mut acc = WeightedNps::new();
        for (&a, &w) in answers.iter().zip(weights) {
            acc.push(a, w)?;
        }
        Ok(acc)
    }

    /// Adds the sums of `other` (exact up to floating-point addition).
    ///
    /// # Errors
    /// [`SurveyError::CountOverflow`] when the counts would overflow; `self` is then unchanged.
    ///
    /// ```
    /// use cx_survey::WeightedNps;
    /// let mut a = WeightedNps::from_answers(&[10u8], &[2.0])?;
    /// a.merge(&WeightedNps::from_answers(&[3u8], &[1.0])?)?;
    /// assert_eq!(a, WeightedNps::from_answers(&[10u8, 3], &[2.0, 1.0])?);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn merge(&mut self, other: &WeightedNps) -> Result<(), SurveyError> {
        self.sums.merge(&other.sums)
    }

    /// Number of answers.
    ///
    /// ```
    /// assert_eq!(cx_survey::WeightedNps::from_answers(&[1u8, 2], &[1.0, 1.0])?.n(), 2);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn n(&self) -> u64 {
        self.sums.n()
    }

    /// The sum of the weights, `W`.
    ///
    /// ```
    /// assert_eq!(cx_survey::WeightedNps::from_answers(&[1u8, 9], &[0.5, 2.0])?.total_weight(), 2.5);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn total_weight(&self) -> f64 {
        self.sums.total_weight()
    }

    /// Kish's effective sample size `W² / Σw²`, between 1 and `n` (`n` exactly for equal
    /// weights).
    ///
    /// # Errors
    /// [`SurveyError::NoResponses`] when empty.
    ///
    /// ```
    /// let nps = cx_survey::WeightedNps::from_answers(&[1u8, 9, 10], &[1.0, 1.0, 1.0])?;
    /// assert_eq!(nps.effective_n()?, 3.0);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn effective_n(&self) -> Result<f64, SurveyError> {
        self.sums.effective_n()
    }

    /// The weighted shares of detractors, passives and promoters, in that order.
    ///
    /// # Errors
    /// [`SurveyError::NoResponses`] when empty.
    ///
    /// ```
    /// let nps = cx_survey::WeightedNps::from_answers(&[10u8, 3], &[3.0, 1.0])?;
    /// let [det, pas, pro] = nps.shares()?;
    /// assert_eq!((det.value(), pas.value(), pro.value()), (0.25, 0.0, 0.75));
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn shares(&self) -> Result<[Share; 3], SurveyError> {
        self.sums.nonempty("the weighted shares")?;
        let w = self.sums.total_weight();
        let share = |x: f64| Share::new((x / w).clamp(0.0, 1.0)).unwrap_or(Share::ZERO);
        Ok(self.sums.weight.map(share))
    }

    /// The weighted NPS, in −100..=100.
    ///
    /// # Errors
    /// [`SurveyError::NoResponses`] when empty.
    ///
    /// ```
    /// assert!(cx_survey::WeightedNps::new().score().is_err());
    /// ```
    pub fn score(&self) -> Result<NpsScore, SurveyError> {
        Ok(NpsScore::clamped(100.0 * self.fraction()?))
    }

    fn fraction(&self) -> Result<f64, SurveyError> {
        self.sums.mean(NPS_VALUES, "the weighted NPS")
    }

    /// The Taylor-linearised standard error of the weighted NPS, as a fraction of −1..=1 (see
    /// the module docs); with equal weights, `√(n/(n − 1))` times [`crate::Nps::standard_error`].
    ///
    /// # Errors
    /// [`SurveyError::TooFewResponses`] below two answers.
    ///
    /// ```
    /// // y = (1, 1, −1), w = (2, 1, 1): m = 0.5; samplics 0.6.1 TaylorEstimator(mean): SE 0.57282196186948.
    /// let nps = cx_survey::WeightedNps::from_answers(&[10u8, 9, 3], &[2.0, 1.0, 1.0])?;
    /// assert!((nps.standard_error()? - 0.572_821_961_869_48).abs() < 1e-14);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn standard_error(&self) -> Result<f64, SurveyError> {
        self.sums.standard_error(NPS_VALUES)
    }

    /// The interval by `method` at `confidence`, from the effective counts (see the module
    /// docs); equal to [`crate::Nps::interval`] when all weights are equal.
    ///
    /// # Errors
    /// [`SurveyError::NoResponses`] when empty.
    ///
    /// ```
    /// use cx_survey::{Confidence, Nps, NpsMethod, WeightedNps};
    /// let answers = [10u8, 10, 9, 8, 7, 5, 3, 10, 9, 0];
    /// let equal = WeightedNps::from_answers(&answers, &[2.5; 10])?;
    /// let plain = Nps::from_answers(&answers)?;
    /// let (a, b) = (
    ///     equal.interval(NpsMethod::Score, Confidence::NINETY_FIVE)?,
    ///     plain.interval(NpsMethod::Score, Confidence::NINETY_FIVE),
    /// );
    /// assert!((a.lower.value() - b.lower.value()).abs() < 1e-9);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn interval(
        &self,
        method: NpsMethod,
        confidence: Confidence,
    ) -> Result<NpsInterval, SurveyError> {
        let estimate = self.score()?;
        let [d, a, p] = self.sums.effective_counts()?;
        let (lo, hi) = interval_of_counts(p, a, d, method, confidence);
        Ok(NpsInterval {
            estimate,
            lower: NpsScore::clamped(100.0 * lo),
            upper: NpsScore::clamped(100.0 * hi),
            confidence,
            method,
        })
    }
}

/// A weighted share (CSAT top box, CDSAT bottom box, CES agreement): sums of weights and of
/// squared weights of successes and failures.
///
/// ```
/// use cx_survey::{Confidence, ShareMethod, WeightedProportion};
/// let mut csat = WeightedProportion::new();
/// csat.push(true, 1.5)?;
/// csat.push(true, 0.5)?;
/// csat.push(false, 2.0)?;
/// assert_eq!(csat.share()?.value(), 0.5);
/// let ci = csat.interval(ShareMethod::Wilson, Confidence::NINETY_FIVE)?;
/// assert!(ci.lower.value() < 0.5 && ci.upper.value() > 0.5);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct WeightedProportion {
    /// Groups: failures, successes.
    sums: Sums<2>,
}

/// The values of a share's groups: failures 0, successes 1.
const SHARE_VALUES: [f64; 2] = [0.0, 1.0];

/// Checks that answers and weights pair up one to one.
fn check_paired(answers: usize, weights: usize) -> Result<(), SurveyError> {
    if answers == weights {
        Ok(())
    } else {
        Err(SurveyError::OutOfRange {
            name: "weights",
            value: weights as f64,
            range: "one weight per answer",
        })
    }
}

impl WeightedProportion {
    /// An empty accumulator.
    ///
    /// ```
    /// assert_eq!(cx_survey::WeightedProportion::new().n(), 0);
    /// ```
    pub fn new() -> WeightedProportion {
        WeightedProportion::default()
    }

    /// Adds one answer: `success` (in the band) with its weight.
    ///
    /// # Errors
    /// A weight outside [`WEIGHT_RANGE`] ([`SurveyError::OutOfRange`]).
    ///
    /// ```
    /// let mut p = cx_survey::WeightedProportion::new();
    /// assert!(p.push(true, -1.0).is_err());
    /// ```
    pub fn push(&mut self, success: bool, weight: f64) -> Result<(), SurveyError> {
        self.sums.push(usize::from(success), weight)
    }

    /// The share of answers in `band` (a top box for CSAT, a bottom box for CDSAT), weighted.
    ///
    /// # Errors
    /// An answer off the band's scale, a weight outside [`WEIGHT_RANGE`], or slices of
    /// different lengths ([`SurveyError::OutOfRange`] with `name` = `"weights"`).
    ///
    /// ```
    /// use cx_scales::{Band, Scale};
    /// let top2 = Band::top_box(Scale::ONE_TO_FIVE, 2)?;
    /// let csat = cx_survey::WeightedProportion::in_band(&[5u8, 4, 2, 1], &[1.0, 1.0, 3.0, 1.0], &top2)?;
    /// assert!((csat.share()?.value() - 2.0 / 6.0).abs() < 1e-15);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn in_band<T: Answer>(
        answers: &[T],
        weights: &[f64],
        band: &cx_scales::Band,
    ) -> Result<Self, SurveyError> {
        check_paired(answers.len(), weights.len())?;
        let mut acc = WeightedProportion::new();
        for (&a, &w) in answers.iter().zip(weights) {
            let score = Score::new(band.scale(), a.to_i64())?;
            acc.push(band.contains(i64::from(score.value())), w)?;
        }
        Ok(acc)
    }

    /// Adds the sums of `other`.
    ///
    /// # Errors
    /// [`SurveyError::CountOverflow`] when the counts would overflow; `self` is then unchanged.
    ///
    /// ```
    /// use cx_survey::WeightedProportion;
    /// let mut a = WeightedProportion::new();
    /// a.push(true, 2.0)?;
    /// let mut b = WeightedProportion::new();
    /// b.push(false, 2.0)?;
    /// a.merge(&b)?;
    /// assert_eq!(a.share()?.value(), 0.5);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn merge(&mut self, other: &WeightedProportion) -> Result<(), SurveyError> {
        self.sums.merge(&other.sums)
    }

    /// Number of answers.
    ///
    /// ```
    /// let mut p = cx_survey::WeightedProportion::new();
    /// p.push(false, 1.0)?;
    /// assert_eq!(p.n(), 1);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn n(&self) -> u64 {
        self.sums.n()
    }

    /// The sum of the weights.
    ///
    /// ```
    /// let mut p = cx_survey::WeightedProportion::new();
    /// p.push(false, 1.5)?;
    /// assert_eq!(p.total_weight(), 1.5);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn total_weight(&self) -> f64 {
        self.sums.total_weight()
    }

    /// The weighted share of successes.
    ///
    /// # Errors
    /// [`SurveyError::NoResponses`] when empty.
    ///
    /// ```
    /// assert!(cx_survey::WeightedProportion::new().share().is_err());
    /// ```
    pub fn share(&self) -> Result<Share, SurveyError> {
        let s = self.sums.mean(SHARE_VALUES, "the weighted share")?;
        Ok(Share::new(s.clamp(0.0, 1.0)).unwrap_or(Share::ZERO))
    }

    /// Kish's effective sample size `W² / Σw²`.
    ///
    /// # Errors
    /// [`SurveyError::NoResponses`] when empty.
    ///
    /// ```
    /// let mut p = cx_survey::WeightedProportion::new();
    /// p.push(true, 1.0)?;
    /// p.push(false, 3.0)?;
    /// assert_eq!(p.effective_n()?, 1.6); // 16 / 10
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn effective_n(&self) -> Result<f64, SurveyError> {
        self.sums.effective_n()
    }

    /// The Taylor-linearised standard error of the weighted share (see the module docs).
    ///
    /// # Errors
    /// [`SurveyError::TooFewResponses`] below two answers.
    ///
    /// ```
    /// // numpy: y = (1, 1, 0), w = (1.5, 0.5, 2): p = 0.5, SE = √(3/2 · (0.25·2.25 + 0.25·0.25 + 0.25·4)) / 4.
    /// let mut p = cx_survey::WeightedProportion::new();
    /// for (y, w) in [(true, 1.5), (true, 0.5), (false, 2.0)] { p.push(y, w)?; }
    /// assert!((p.standard_error()? - (1.5f64 * 0.25 * 6.5).sqrt() / 4.0).abs() < 1e-15);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn standard_error(&self) -> Result<f64, SurveyError> {
        self.sums.standard_error(SHARE_VALUES)
    }

    /// The interval by `method` at `confidence`, from the effective counts; equal to
    /// [`crate::Proportion::interval`] when all weights are equal.
    ///
    /// # Errors
    /// [`SurveyError::NoResponses`] when empty.
    ///
    /// ```
    /// use cx_survey::{Confidence, Proportion, ShareMethod, WeightedProportion};
    /// let mut p = WeightedProportion::new();
    /// for i in 0..20 { p.push(i < 8, 0.7)?; }
    /// let a = p.interval(ShareMethod::Wilson, Confidence::NINETY_FIVE)?;
    /// let b = Proportion::new(8, 20)?.interval(ShareMethod::Wilson, Confidence::NINETY_FIVE);
    /// assert!((a.lower.value() - b.lower.value()).abs() < 1e-12);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn interval(
        &self,
        method: ShareMethod,
        confidence: Confidence,
    ) -> Result<ShareInterval, SurveyError> {
        let estimate = self.share()?;
        let [fail, x] = self.sums.effective_counts()?;
        let n_eff = fail + x;
        let (lo, hi) = bounds_of_counts(x, n_eff, method, confidence.alpha(), confidence.z());
        let clip = |v: f64| Share::new(v.clamp(0.0, 1.0)).unwrap_or(Share::ZERO);
        Ok(ShareInterval {
            estimate,
            lower: clip(lo),
            upper: clip(hi),
            confidence,
            method,
        })
    }
}

/// The difference of two weighted figures from independent samples, `first − second`: the
/// Wald z test and interval on the Taylor-linearised standard errors,
/// `SE = √(SE₁² + SE₂²)`. NPS differences are in NPS points (interval clamped to −200..=200),
/// share differences are fractions (clamped to −1..=1); the sign is kept.
///
/// ```
/// use cx_survey::{Confidence, WeightedNps};
/// let q1 = WeightedNps::from_answers(&[10u8, 9, 9, 8, 3], &[1.0, 2.0, 1.0, 1.0, 1.0])?;
/// let q2 = WeightedNps::from_answers(&[2u8, 5, 9, 7, 10, 0], &[1.0, 1.5, 1.0, 1.0, 0.5, 2.0])?;
/// let d = q1.compare(&q2, Confidence::NINETY_FIVE)?;
/// assert!(d.difference > 0.0 && d.lower < d.difference && d.difference < d.upper);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct WeightedDifference {
    /// `first − second`.
    pub difference: f64,
    /// The lower end of the Wald interval.
    pub lower: f64,
    /// The upper end of the Wald interval.
    pub upper: f64,
    /// The standard error of the difference, in the same unit.
    pub standard_error: f64,
    /// The z statistic `difference / standard_error` (0 when both are 0).
    pub z: f64,
    /// The two-sided p-value of "no difference".
    pub p_value: f64,
    /// The confidence level of the interval.
    pub confidence: Confidence,
}

/// The Wald comparison of two estimates with independent standard errors, scaled by `unit`
/// (100 for NPS points) and clamped to `±bound`.
fn wald_difference(
    (e1, se1): (f64, f64),
    (e2, se2): (f64, f64),
    unit: f64,
    bound: f64,
    confidence: Confidence,
) -> WeightedDifference {
    let diff = e1 - e2;
    let se = se1.hypot(se2);
    let z = if se > 0.0 {
        diff / se
    } else if diff == 0.0 {
        0.0
    } else {
        diff.signum() * f64::INFINITY
    };
    let h = confidence.z() * se;
    WeightedDifference {
        difference: unit * diff,
        lower: (unit * (diff - h)).clamp(-bound, bound),
        upper: (unit * (diff + h)).clamp(-bound, bound),
        standard_error: unit * se,
        z,
        p_value: crate::special::normal_two_sided_p(z),
        confidence,
    }
}

impl WeightedNps {
    /// Compares this weighted NPS with `other` (independent samples, e.g. two periods or two
    /// segments); see [`WeightedDifference`].
    ///
    /// # Errors
    /// [`SurveyError::TooFewResponses`] unless each side has at least two answers.
    ///
    /// ```
    /// use cx_survey::{Confidence, WeightedNps};
    /// let a = WeightedNps::from_answers(&[10u8, 10, 9], &[1.0, 1.0, 1.0])?;
    /// assert!(a.compare(&WeightedNps::from_answers(&[10u8], &[1.0])?, Confidence::NINETY_FIVE).is_err());
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn compare(
        &self,
        other: &WeightedNps,
        confidence: Confidence,
    ) -> Result<WeightedDifference, SurveyError> {
        Ok(wald_difference(
            (self.fraction()?, self.standard_error()?),
            (other.fraction()?, other.standard_error()?),
            100.0,
            200.0,
            confidence,
        ))
    }
}

impl WeightedProportion {
    /// Compares this weighted share with `other` (independent samples); see
    /// [`WeightedDifference`].
    ///
    /// # Errors
    /// [`SurveyError::TooFewResponses`] unless each side has at least two answers.
    ///
    /// ```
    /// use cx_survey::{Confidence, WeightedProportion};
    /// let mut a = WeightedProportion::new();
    /// let mut b = WeightedProportion::new();
    /// for (i, w) in [1.0, 2.0, 1.5, 0.5].into_iter().enumerate() {
    ///     a.push(i < 3, w)?;
    ///     b.push(i < 1, w)?;
    /// }
    /// let d = a.compare(&b, Confidence::NINETY_FIVE)?;
    /// assert!((d.difference - (4.5 / 5.0 - 1.0 / 5.0)).abs() < 1e-15);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn compare(
        &self,
        other: &WeightedProportion,
        confidence: Confidence,
    ) -> Result<WeightedDifference, SurveyError> {
        let share = |p: &WeightedProportion| p.share().map(|s| s.value());
        Ok(wald_difference(
            (share(self)?, self.standard_error()?),
            (share(other)?, other.standard_error()?),
            1.0,
            1.0,
            confidence,
        ))
    }
}
