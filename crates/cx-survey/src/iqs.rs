//! Internal quality scores (IQS): weighted checklist scorecards for audited calls, chats and
//! visits (as MAG & Partners' "Customer service 2.0" and Ilya Osipov's "Win or die" describe
//! quality-assurance departments).
//!
//! A [`Scorecard`] lists criteria with positive weights; an evaluation answers each with
//! [`Verdict::Yes`], [`Verdict::No`], [`Verdict::Partial`] or [`Verdict::NotApplicable`]. The
//! score is `Σ credit · weight / Σ weight` over the **applicable** criteria only (weights are
//! renormalised, so a criterion that could not apply neither helps nor hurts), with credit 1 for
//! yes, 0 for no and the scorecard's partial credit (½ by default) for partial. A critical
//! criterion (a compliance disclosure, identity check) answered no or partial fails the
//! evaluation: under [`CriticalPolicy::ZeroScore`] (the default) its score becomes 0, under
//! [`CriticalPolicy::FlagOnly`] the score stands and the failure is reported. A critical
//! criterion cannot be marked not applicable.
//!
//! [`QualityTally`] aggregates evaluations per agent, team or period (with
//! [`Grouped`](crate::Grouped)); its sums are fixed-point integers (2⁻⁶⁰ resolution, 4·10⁻¹⁹
//! below any score's own rounding), so merging is exact in any order.

use std::fmt;

use cx_scales::Share;

use crate::{Accumulator, Confidence, MeanInterval, MeanScore, SurveyError};

/// The answer to one criterion of a scorecard.
///
/// ```
/// use cx_survey::Verdict;
/// assert_ne!(Verdict::Partial, Verdict::NotApplicable);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Verdict {
    /// Done: full credit.
    Yes,
    /// Not done: no credit.
    No,
    /// Partly done: the scorecard's partial credit.
    Partial,
    /// Did not apply to this contact: the criterion is left out of the score.
    NotApplicable,
}

/// One criterion of a scorecard.
///
/// ```
/// use cx_survey::Criterion;
/// let c = Criterion::critical("identity verified", 1.0)?;
/// assert!(c.is_critical());
/// assert!(Criterion::new("greeting", 0.0).is_err());
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawCriterion"))]
pub struct Criterion {
    name: String,
    weight: f64,
    critical: bool,
}

/// Serialised form of [`Criterion`], checked on the way in by [`Criterion::new`].
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawCriterion {
    name: String,
    weight: f64,
    critical: bool,
}

#[cfg(feature = "serde")]
impl TryFrom<RawCriterion> for Criterion {
    type Error = SurveyError;
    fn try_from(r: RawCriterion) -> Result<Criterion, SurveyError> {
        if r.critical {
            Criterion::critical(r.name, r.weight)
        } else {
            Criterion::new(r.name, r.weight)
        }
    }
}

impl Criterion {
    /// An ordinary criterion of weight `weight`.
    ///
    /// # Errors
    /// [`SurveyError::InvalidWeight`] for a weight that is zero, negative or not finite.
    ///
    /// ```
    /// assert_eq!(cx_survey::Criterion::new("greeting", 2.0)?.weight(), 2.0);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn new(name: impl Into<String>, weight: f64) -> Result<Criterion, SurveyError> {
        let name = name.into();
        if !(weight > 0.0 && weight.is_finite()) {
            return Err(SurveyError::InvalidWeight {
                criterion: name,
                weight,
            });
        }
        Ok(Criterion {
            name,
            weight,
            critical: false,
        })
    }

    /// A critical criterion: answered no or partial, it fails the evaluation.
    ///
    /// # Errors
    /// As [`Criterion::new`].
    ///
    /// ```
    /// assert!(cx_survey::Criterion::critical("disclosure read", 1.0)?.is_critical());
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn critical(name: impl Into<String>, weight: f64) -> Result<Criterion, SurveyError> {
        let mut c = Criterion::new(name, weight)?;
        c.critical = true;
        Ok(c)
    }

    /// The name.
    ///
    /// ```
    /// assert_eq!(cx_survey::Criterion::new("greeting", 1.0)?.name(), "greeting");
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The weight.
    ///
    /// ```
    /// assert_eq!(cx_survey::Criterion::new("greeting", 1.5)?.weight(), 1.5);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn weight(&self) -> f64 {
        self.weight
    }

    /// Whether the criterion is critical.
    ///
    /// ```
    /// assert!(!cx_survey::Criterion::new("greeting", 1.0)?.is_critical());
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn is_critical(&self) -> bool {
        self.critical
    }
}

/// What a failed critical criterion does to the score.
///
/// ```
/// assert_eq!(cx_survey::CriticalPolicy::default(), cx_survey::CriticalPolicy::ZeroScore);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum CriticalPolicy {
    /// The evaluation scores 0.
    #[default]
    ZeroScore,
    /// The weighted score stands; the evaluation is marked failed.
    FlagOnly,
}

/// A weighted checklist.
///
/// ```
/// use cx_survey::{Criterion, Scorecard, Verdict::*};
///
/// let card = Scorecard::new(vec![
///     Criterion::new("greeting", 1.0)?,
///     Criterion::new("needs identified", 3.0)?,
///     Criterion::new("upsell offered", 2.0)?,
///     Criterion::critical("identity verified", 2.0)?,
/// ])?;
/// // Upsell did not apply: the other weights (1 + 3 + 2) are renormalised.
/// let e = card.evaluate(&[Yes, Partial, NotApplicable, Yes])?;
/// assert_eq!(e.score().value(), (1.0 + 1.5 + 2.0) / 6.0);
/// assert!(e.passed());
/// // Identity not verified: the evaluation fails and scores 0.
/// let e = card.evaluate(&[Yes, Yes, Yes, No])?;
/// assert!(!e.passed());
/// assert_eq!(e.score().value(), 0.0);
/// assert_eq!(e.weighted_score().value(), 6.0 / 8.0);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawScorecard"))]
pub struct Scorecard {
    criteria: Vec<Criterion>,
    partial_credit: f64,
    critical_policy: CriticalPolicy,
}

/// Serialised form of [`Scorecard`], checked on the way in by [`Scorecard::new`] and
/// [`Scorecard::with_partial_credit`] (each criterion by [`Criterion::new`]).
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawScorecard {
    criteria: Vec<Criterion>,
    partial_credit: f64,
    critical_policy: CriticalPolicy,
}

#[cfg(feature = "serde")]
impl TryFrom<RawScorecard> for Scorecard {
    type Error = SurveyError;
    fn try_from(r: RawScorecard) -> Result<Scorecard, SurveyError> {
        Ok(Scorecard::new(r.criteria)?
            .with_partial_credit(r.partial_credit)?
            .with_critical_policy(r.critical_policy))
    }
}

impl Scorecard {
    /// A scorecard of `criteria` with partial credit ½ and [`CriticalPolicy::ZeroScore`].
    ///
    /// # Errors
    /// [`SurveyError::EmptyScorecard`], [`SurveyError::DuplicateCriterion`].
    ///
    /// ```
    /// use cx_survey::{Criterion, Scorecard};
    /// assert!(Scorecard::new(vec![]).is_err());
    /// let twice = vec![Criterion::new("a", 1.0)?, Criterion::new("a", 2.0)?];
    /// assert!(Scorecard::new(twice).is_err());
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn new(criteria: Vec<Criterion>) -> Result<Scorecard, SurveyError> {
        if criteria.is_empty() {
            return Err(SurveyError::EmptyScorecard);
        }
        for (i, c) in criteria.iter().enumerate() {
            if criteria[..i].iter().any(|d| d.name == c.name) {
                return Err(SurveyError::DuplicateCriterion {
                    criterion: c.name.clone(),
                });
            }
        }
        Ok(Scorecard {
            criteria,
            partial_credit: 0.5,
            critical_policy: CriticalPolicy::default(),
        })
    }

    /// The same scorecard with credit `credit` (within 0..=1) for a partial answer.
    ///
    /// # Errors
    /// [`SurveyError::OutOfRange`] outside 0..=1.
    ///
    /// ```
    /// use cx_survey::{Criterion, Scorecard, Verdict};
    /// let card = Scorecard::new(vec![Criterion::new("a", 1.0)?])?.with_partial_credit(0.25)?;
    /// assert_eq!(card.evaluate(&[Verdict::Partial])?.score().value(), 0.25);
    /// assert!(card.with_partial_credit(1.5).is_err());
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn with_partial_credit(&self, credit: f64) -> Result<Scorecard, SurveyError> {
        if !(0.0..=1.0).contains(&credit) {
            return Err(SurveyError::OutOfRange {
                name: "partial credit",
                value: credit,
                range: "0..=1",
            });
        }
        Ok(Scorecard {
            partial_credit: credit,
            ..self.clone()
        })
    }

    /// The same scorecard with `policy` for failed critical criteria.
    ///
    /// ```
    /// use cx_survey::{CriticalPolicy, Criterion, Scorecard, Verdict::*};
    /// let card = Scorecard::new(vec![Criterion::new("a", 3.0)?, Criterion::critical("b", 1.0)?])?
    ///     .with_critical_policy(CriticalPolicy::FlagOnly);
    /// let e = card.evaluate(&[Yes, No])?;
    /// assert_eq!((e.score().value(), e.passed()), (0.75, false));
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn with_critical_policy(&self, policy: CriticalPolicy) -> Scorecard {
        Scorecard {
            critical_policy: policy,
            ..self.clone()
        }
    }

    /// The criteria, in order.
    ///
    /// ```
    /// use cx_survey::{Criterion, Scorecard};
    /// let card = Scorecard::new(vec![Criterion::new("a", 1.0)?])?;
    /// assert_eq!(card.criteria().len(), 1);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn criteria(&self) -> &[Criterion] {
        &self.criteria
    }

    /// Scores one evaluation: `verdicts[i]` answers `criteria()[i]`.
    ///
    /// # Errors
    /// [`SurveyError::AnswerCount`] when the lengths differ,
    /// [`SurveyError::CriticalNotApplicable`], and [`SurveyError::NothingApplicable`] when every
    /// criterion was marked not applicable.
    ///
    /// ```
    /// use cx_survey::{Criterion, Scorecard, Verdict::*};
    /// let card = Scorecard::new(vec![Criterion::new("a", 1.0)?, Criterion::critical("b", 1.0)?])?;
    /// assert!(card.evaluate(&[Yes]).is_err());
    /// assert!(card.evaluate(&[Yes, NotApplicable]).is_err());
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn evaluate(&self, verdicts: &[Verdict]) -> Result<Evaluation, SurveyError> {
        if verdicts.len() != self.criteria.len() {
            return Err(SurveyError::AnswerCount {
                expected: self.criteria.len(),
                found: verdicts.len(),
            });
        }
        // First pass: the rules, and the largest applicable weight. Weights are summed scaled
        // by the power of two that brings the largest near 1, so any finite positive weights add
        // up without overflow (weights of `f64::MAX` included), and the scaling is exact: the
        // score is bit for bit that of the unscaled sums whenever those do not overflow.
        let mut largest = 0.0_f64;
        for (c, v) in self.criteria.iter().zip(verdicts) {
            match v {
                Verdict::NotApplicable if c.critical => {
                    return Err(SurveyError::CriticalNotApplicable {
                        criterion: c.name.clone(),
                    });
                }
                Verdict::NotApplicable => {}
                _ => largest = largest.max(c.weight),
            }
        }
        if largest == 0.0 {
            return Err(SurveyError::NothingApplicable);
        }
        // 2^−e in two exact factors (2^±1074 is out of range in one).
        let e = largest.log2().floor() as i32;
        let (fa, fb) = (2f64.powi(-e / 2), 2f64.powi(-e - (-e / 2)));
        let mut earned = 0.0;
        let mut possible = 0.0;
        let mut failed_critical = Vec::new();
        for (i, (c, v)) in self.criteria.iter().zip(verdicts).enumerate() {
            let credit = match v {
                Verdict::NotApplicable => continue,
                Verdict::Yes => 1.0,
                Verdict::No => 0.0,
                Verdict::Partial => self.partial_credit,
            };
            if c.critical && *v != Verdict::Yes {
                failed_critical.push(i);
            }
            let w = c.weight * fa * fb;
            earned += credit * w;
            possible += w;
        }
        // `possible ≥ ½` and `earned ≤ possible` term by term; the clamp only absorbs rounding.
        let weighted = Share::new((earned / possible).clamp(0.0, 1.0))?;
        let score = match (self.critical_policy, failed_critical.is_empty()) {
            (CriticalPolicy::ZeroScore, false) => Share::ZERO,
            _ => weighted,
        };
        Ok(Evaluation {
            weighted,
            score,
            failed_critical,
        })
    }
}

/// The scored result of one evaluation.
///
/// ```
/// use cx_survey::{Criterion, Scorecard, Verdict::*};
/// let card = Scorecard::new(vec![Criterion::new("a", 1.0)?, Criterion::critical("b", 1.0)?])?;
/// let e = card.evaluate(&[Yes, Partial])?;
/// assert_eq!(e.failed_critical(), [1]);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Evaluation {
    weighted: Share,
    score: Share,
    failed_critical: Vec<usize>,
}

impl Evaluation {
    /// The score after the critical policy (0 for a failed evaluation under
    /// [`CriticalPolicy::ZeroScore`]).
    ///
    /// ```
    /// use cx_survey::{Criterion, Scorecard, Verdict::*};
    /// let card = Scorecard::new(vec![Criterion::new("a", 1.0)?, Criterion::new("b", 3.0)?])?;
    /// assert_eq!(card.evaluate(&[No, Yes])?.score().value(), 0.75);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn score(&self) -> Share {
        self.score
    }

    /// The weighted score before the critical policy.
    ///
    /// ```
    /// use cx_survey::{Criterion, Scorecard, Verdict::*};
    /// let card = Scorecard::new(vec![Criterion::new("a", 1.0)?, Criterion::critical("b", 1.0)?])?;
    /// assert_eq!(card.evaluate(&[Yes, No])?.weighted_score().value(), 0.5);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn weighted_score(&self) -> Share {
        self.weighted
    }

    /// The positions of the critical criteria that failed.
    ///
    /// ```
    /// use cx_survey::{Criterion, Scorecard, Verdict::*};
    /// let card = Scorecard::new(vec![Criterion::critical("a", 1.0)?])?;
    /// assert!(card.evaluate(&[Yes])?.failed_critical().is_empty());
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn failed_critical(&self) -> &[usize] {
        &self.failed_critical
    }

    /// Whether no critical criterion failed.
    ///
    /// ```
    /// use cx_survey::{Criterion, Scorecard, Verdict::*};
    /// let card = Scorecard::new(vec![Criterion::critical("a", 1.0)?])?;
    /// assert!(!card.evaluate(&[No])?.passed());
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn passed(&self) -> bool {
        self.failed_critical.is_empty()
    }
}

impl fmt::Display for Evaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(1);
        write!(f, "{:.p$}%", self.score.percent())?;
        if !self.passed() {
            write!(f, " (failed {} critical)", self.failed_critical.len())?;
        }
        Ok(())
    }
}

/// Fixed-point unit of [`QualityTally`]'s sums: 2⁻⁶⁰.
const UNIT: f64 = (1u64 << 60) as f64;

/// The running aggregate of evaluations (per agent, team or period): how many, how many failed a
/// critical criterion, and the mean score. Merging is exact (integer fixed-point sums).
///
/// ```
/// use cx_survey::{Criterion, Grouped, QualityTally, Scorecard, Verdict::*};
/// let card = Scorecard::new(vec![Criterion::new("a", 1.0)?, Criterion::critical("b", 1.0)?])?;
/// let mut by_agent = Grouped::new(QualityTally::new());
/// by_agent.record("ann", card.evaluate(&[Yes, Yes])?)?;
/// by_agent.record("ann", card.evaluate(&[No, Yes])?)?;
/// by_agent.record("bob", card.evaluate(&[Yes, No])?)?;
/// let ann = by_agent.get(&"ann").map(QualityTally::mean_score).transpose()?;
/// assert_eq!(ann.map(|s| s.value()), Some(0.75));
/// let bob = by_agent.get(&"bob").map(QualityTally::pass_rate).transpose()?;
/// assert_eq!(bob.map(|s| s.value()), Some(0.0));
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawQualityTally"))]
pub struct QualityTally {
    evaluations: u64,
    /// At most `evaluations`.
    failed: u64,
    /// Σ score in units of 2⁻⁶⁰: each score is in 0..=1, so `0 ≤ score_sq_sum ≤ score_sum ≤
    /// evaluations · 2⁶⁰`.
    score_sum: i128,
    score_sq_sum: i128,
}

/// Serialised form of [`QualityTally`], checked on the way in against what recording scores in
/// 0..=1 keeps true.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawQualityTally {
    evaluations: u64,
    failed: u64,
    score_sum: i128,
    score_sq_sum: i128,
}

#[cfg(feature = "serde")]
impl TryFrom<RawQualityTally> for QualityTally {
    type Error = SurveyError;
    fn try_from(r: RawQualityTally) -> Result<QualityTally, SurveyError> {
        if r.failed > r.evaluations {
            return Err(SurveyError::PartExceedsWhole {
                part: r.failed,
                whole: r.evaluations,
            });
        }
        // Each score is in 0..=1 and its square is at most itself.
        let most = i128::from(r.evaluations) << 60;
        if !(0..=most).contains(&r.score_sum) {
            return Err(SurveyError::OutOfRange {
                name: "score_sum",
                value: r.score_sum as f64,
                range: "0..=evaluations · 2^60 (scores are within 0..=1)",
            });
        }
        if !(0..=r.score_sum).contains(&r.score_sq_sum) {
            return Err(SurveyError::OutOfRange {
                name: "score_sq_sum",
                value: r.score_sq_sum as f64,
                range: "0..=score_sum (a score in 0..=1 is at least its square)",
            });
        }
        Ok(QualityTally {
            evaluations: r.evaluations,
            failed: r.failed,
            score_sum: r.score_sum,
            score_sq_sum: r.score_sq_sum,
        })
    }
}

impl QualityTally {
    /// An empty tally.
    ///
    /// ```
    /// assert_eq!(cx_survey::QualityTally::new().evaluations(), 0);
    /// ```
    pub fn new() -> QualityTally {
        QualityTally::default()
    }

    /// Records one evaluation.
    ///
    /// # Errors
    /// [`SurveyError::CountOverflow`] past `u64::MAX` evaluations.
    ///
    /// ```
    /// use cx_survey::{Criterion, QualityTally, Scorecard, Verdict};
    /// let card = Scorecard::new(vec![Criterion::new("a", 1.0)?])?;
    /// let mut t = QualityTally::new();
    /// t.record(&card.evaluate(&[Verdict::Yes])?)?;
    /// assert_eq!(t.evaluations(), 1);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn record(&mut self, evaluation: &Evaluation) -> Result<(), SurveyError> {
        let s = evaluation.score.value();
        let fixed = (s * UNIT).round() as i128;
        let sq = ((s * s) * UNIT).round() as i128;
        let one = QualityTally {
            evaluations: 1,
            failed: u64::from(!evaluation.passed()),
            score_sum: fixed,
            score_sq_sum: sq,
        };
        self.merge(&one)
    }

    /// Adds everything `other` recorded.
    ///
    /// # Errors
    /// [`SurveyError::CountOverflow`]; `self` is then unchanged.
    ///
    /// ```
    /// let mut a = cx_survey::QualityTally::new();
    /// a.merge(&cx_survey::QualityTally::new())?;
    /// assert_eq!(a.evaluations(), 0);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn merge(&mut self, other: &QualityTally) -> Result<(), SurveyError> {
        let merged = QualityTally {
            evaluations: self
                .evaluations
                .checked_add(other.evaluations)
                .ok_or(SurveyError::CountOverflow)?,
            failed: self
                .failed
                .checked_add(other.failed)
                .ok_or(SurveyError::CountOverflow)?,
            score_sum: self
                .score_sum
                .checked_add(other.score_sum)
                .ok_or(SurveyError::CountOverflow)?,
            score_sq_sum: self
                .score_sq_sum
                .checked_add(other.score_sq_sum)
                .ok_or(SurveyError::CountOverflow)?,
        };
        *self = merged;
        Ok(())
    }

    /// The number of evaluations.
    ///
    /// ```
    /// assert_eq!(cx_survey::QualityTally::new().evaluations(), 0);
    /// ```
    pub fn evaluations(&self) -> u64 {
        self.evaluations
    }

    /// The number of evaluations that failed a critical criterion.
    ///
    /// ```
    /// assert_eq!(cx_survey::QualityTally::new().critical_failures(), 0);
    /// ```
    pub fn critical_failures(&self) -> u64 {
        self.failed
    }

    /// The share of evaluations with no failed critical criterion.
    ///
    /// # Errors
    /// [`SurveyError::NoResponses`] when empty.
    ///
    /// ```
    /// assert!(cx_survey::QualityTally::new().pass_rate().is_err());
    /// ```
    pub fn pass_rate(&self) -> Result<Share, SurveyError> {
        if self.evaluations == 0 {
            return Err(SurveyError::NoResponses {
                what: "a pass rate",
            });
        }
        Ok(Share::from_counts(
            self.evaluations.saturating_sub(self.failed),
            self.evaluations,
        )?)
    }

    /// The mean score of the evaluations.
    ///
    /// # Errors
    /// [`SurveyError::NoResponses`] when empty.
    ///
    /// ```
    /// assert!(cx_survey::QualityTally::new().mean_score().is_err());
    /// ```
    pub fn mean_score(&self) -> Result<Share, SurveyError> {
        if self.evaluations == 0 {
            return Err(SurveyError::NoResponses {
                what: "a mean quality score",
            });
        }
        let mean = self.score_sum as f64 / UNIT / self.evaluations as f64;
        Ok(Share::new(mean.clamp(0.0, 1.0))?)
    }

    /// The mean score with its standard deviation, for a t interval or a comparison of agents
    /// with [`compare_means`](crate::compare_means).
    ///
    /// # Errors
    /// [`SurveyError::NoResponses`] when empty.
    ///
    /// ```
    /// use cx_survey::{Criterion, QualityTally, Scorecard, Verdict::*};
    /// let card = Scorecard::new(vec![Criterion::new("a", 1.0)?])?;
    /// let mut t = QualityTally::new();
    /// for v in [Yes, No, Yes, Yes] {
    ///     t.record(&card.evaluate(&[v])?)?;
    /// }
    /// let m = t.summary()?;
    /// assert_eq!((m.mean(), m.std_dev()), (0.75, 0.5));
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn summary(&self) -> Result<MeanScore, SurveyError> {
        let mean = self.mean_score()?.value();
        let n = self.evaluations as f64;
        let sd = if self.evaluations < 2 {
            0.0
        } else {
            let ss = self.score_sq_sum as f64 / UNIT - n * mean * mean;
            (ss.max(0.0) / (n - 1.0)).sqrt()
        };
        MeanScore::from_summary(self.evaluations, mean, sd)
    }

    /// The t interval of the mean score.
    ///
    /// # Errors
    /// [`SurveyError::TooFewResponses`] below 2 evaluations.
    ///
    /// ```
    /// assert!(cx_survey::QualityTally::new().interval(cx_survey::Confidence::NINETY_FIVE).is_err());
    /// ```
    pub fn interval(&self, confidence: Confidence) -> Result<MeanInterval, SurveyError> {
        let ci = self.summary()?.interval(confidence)?;
        Ok(MeanInterval {
            lower: ci.lower.max(0.0),
            upper: ci.upper.min(1.0),
            ..ci
        })
    }
}

impl Accumulator for QualityTally {
    type Answer = Evaluation;

    fn empty_like(&self) -> Self {
        QualityTally::new()
    }

    fn record(&mut self, answer: Evaluation) -> Result<(), SurveyError> {
        QualityTally::record(self, &answer)
    }

    fn merge(&mut self, other: &Self) -> Result<(), SurveyError> {
        QualityTally::merge(self, other)
    }
}
