//! Survey answers (NPS, CSAT, CES) joined to journeys and steps by case id.
//!
//! Each answer names its case and, when the question was about one step, that step. Journey-level
//! answers (no step) are grouped by variant, by persona and by the steps their journey passed
//! through; step-level answers are grouped by their step.
//!
//! **With and without a step.** For each step, the journey-level answers split into those whose
//! journey passed through the step and those whose journey did not; the report gives both scores
//! and their difference (with − without) with its interval: the adjusted-Wald interval of the
//! difference of two NPS values, or Welch's interval of the difference of two means, both from
//! `cx-survey`. The steps are listed by the size of the difference. This is a comparison of two
//! groups of journeys, not a causal effect: journeys that pass through "Call support" differ from
//! the others in more than that call.

use cx_scales::{Distribution, Scale, Score};
use cx_survey::{
    Confidence, MeanScore, Nps, NpsMethod, NpsTest, SurveyError, compare_means, compare_nps,
};

use crate::intern::FxMap;
use crate::{JourneyError, Journeys};

/// The most answers one join may take.
///
/// ```
/// assert_eq!(cx_journey::MAX_ANSWERS, 100_000_000);
/// ```
pub const MAX_ANSWERS: u64 = 100_000_000;

/// Which score the answers give.
///
/// ```
/// use cx_journey::SurveyMetric;
/// assert_eq!("nps".parse::<SurveyMetric>()?, SurveyMetric::Nps);
/// assert_eq!("ces".parse::<SurveyMetric>()?, SurveyMetric::Mean);
/// # Ok::<(), cx_journey::JourneyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum SurveyMetric {
    /// Net Promoter Score of 0–10 answers, in points (−100..=100), adjusted-Wald intervals.
    Nps,
    /// The mean answer on the answers' scale (CSAT, CES), Student-t intervals.
    Mean,
}

impl std::str::FromStr for SurveyMetric {
    type Err = JourneyError;
    fn from_str(text: &str) -> Result<SurveyMetric, JourneyError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "nps" => Ok(SurveyMetric::Nps),
            "mean" | "csat" | "ces" => Ok(SurveyMetric::Mean),
            _ => Err(JourneyError::OutOfRange {
                name: "metric",
                value: format!("{:?}", text.chars().take(80).collect::<String>()),
                range: "nps, csat, ces or mean",
            }),
        }
    }
}

/// One survey answer attached to a journey (and optionally one of its steps).
///
/// ```
/// use cx_journey::JourneyAnswer;
/// use cx_scales::{Scale, Score};
/// let a = JourneyAnswer { case: "c1".into(), step: None, persona: Some("new".into()),
///     score: Score::new(Scale::ZERO_TO_TEN, 9)? };
/// assert_eq!(a.score.value(), 9);
/// # Ok::<(), cx_scales::ScaleError>(())
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct JourneyAnswer {
    /// The case id the answer belongs to.
    pub case: String,
    /// The step the question was about (None: the whole journey).
    pub step: Option<String>,
    /// The respondent's persona or segment, if known.
    pub persona: Option<String>,
    /// The answer.
    pub score: Score,
}

/// The score of one group of answers, with its interval.
///
/// ```
/// # use cx_journey::GroupScore;
/// fn label(g: &GroupScore) -> String { format!("{} = {:.1} (n = {})", g.group, g.estimate, g.n) }
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct GroupScore {
    /// The group: a step, a variant's path joined by " > ", a persona, or "all".
    pub group: String,
    /// Answers in the group.
    pub n: u64,
    /// The score (NPS points or the mean answer).
    pub estimate: f64,
    /// The lower end of the interval (None when undefined: a mean of one answer).
    pub lower: Option<f64>,
    /// The upper end of the interval.
    pub upper: Option<f64>,
}

/// The score of journeys with a step against journeys without it.
///
/// ```
/// # use cx_journey::StepEffect;
/// fn clear(e: &StepEffect) -> bool { e.lower.is_some_and(|l| l > 0.0) || e.upper.is_some_and(|u| u < 0.0) }
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct StepEffect {
    /// The step.
    pub step: String,
    /// Journeys through the step.
    pub with: GroupScore,
    /// Journeys not through the step.
    pub without: GroupScore,
    /// `with − without`.
    pub difference: f64,
    /// The lower end of the difference's interval (None when undefined: fewer than 2 answers on
    /// a side, or no spread on either side of a mean).
    pub lower: Option<f64>,
    /// The upper end.
    pub upper: Option<f64>,
}

/// Scores per step, per variant and per persona, and the with/without differences.
///
/// ```
/// # use cx_journey::ScoreReport;
/// fn matched(r: &ScoreReport) -> u64 { r.answers - r.unmatched }
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ScoreReport {
    /// The metric.
    pub metric: SurveyMetric,
    /// The answers' scale.
    pub scale: Scale,
    /// Answers given.
    pub answers: u64,
    /// Answers whose case (or step) does not occur in the log; they are left out.
    pub unmatched: u64,
    /// All journey-level answers.
    pub overall: Option<GroupScore>,
    /// Step-level answers, by step (sorted by name).
    pub by_step: Vec<GroupScore>,
    /// Journey-level answers, by variant (most answers first).
    pub by_variant: Vec<GroupScore>,
    /// Journey-level answers, by persona (sorted by name; answers without persona are left out).
    pub by_persona: Vec<GroupScore>,
    /// With and without each step, largest absolute difference first.
    pub effects: Vec<StepEffect>,
}

fn group_score(
    group: String,
    dist: &Distribution,
    metric: SurveyMetric,
    confidence: Confidence,
) -> Result<Option<GroupScore>, JourneyError> {
    if dist.n() == 0 {
        return Ok(None);
    }
    Ok(Some(match metric {
        SurveyMetric::Nps => {
            let nps = Nps::from_distribution(dist)?;
            let ci = nps.interval(NpsMethod::default(), confidence);
            GroupScore {
                group,
                n: dist.n(),
                estimate: ci.estimate.value(),
                lower: Some(ci.lower.value()),
                upper: Some(ci.upper.value()),
            }
        }
        SurveyMetric::Mean => {
            let m = MeanScore::from_distribution(dist)?;
            let ci = (m.n() >= 2).then(|| m.interval(confidence)).transpose()?;
            GroupScore {
                group,
                n: m.n(),
                estimate: m.mean(),
                lower: ci.map(|c| c.lower),
                upper: ci.map(|c| c.upper),
            }
        }
    }))
}

impl Journeys {
    /// Joins survey answers to the journeys; see the module docs.
    ///
    /// # Errors
    /// [`JourneyError::WrongScale`] when the answers are not all on one scale (or not on 0–10 for
    /// NPS), [`JourneyError::TooMany`] beyond [`MAX_ANSWERS`], [`JourneyError::Undefined`] for no
    /// answers.
    ///
    /// ```
    /// use cx_journey::{JourneyAnswer, JourneyLog, SurveyMetric};
    /// use cx_scales::{Scale, Score};
    /// use cx_survey::Confidence;
    /// let mut log = JourneyLog::new();
    /// let mut answers = Vec::new();
    /// for c in 0..20 {
    ///     let case = format!("c{c}");
    ///     log.record(&case, 0, "Order", "web", None)?;
    ///     let helped = c % 2 == 0;
    ///     if helped { log.record(&case, 1, "Call support", "phone", None)?; }
    ///     let score = if helped { 3 + c % 3 } else { 4 + c % 2 };
    ///     answers.push(JourneyAnswer { case, step: None, persona: None,
    ///         score: Score::new(Scale::ONE_TO_FIVE, score)? });
    /// }
    /// let r = log.finish()?.scores(&answers, SurveyMetric::Mean, Confidence::NINETY_FIVE)?;
    /// let call = r.effects.iter().find(|e| e.step == "Call support").expect("present");
    /// assert_eq!((call.with.n, call.without.n), (10, 10));
    /// assert!(call.difference < 0.0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn scores(
        &self,
        answers: &[JourneyAnswer],
        metric: SurveyMetric,
        confidence: Confidence,
    ) -> Result<ScoreReport, JourneyError> {
        if answers.len() as u64 > MAX_ANSWERS {
            return Err(JourneyError::TooMany {
                what: "survey answers",
                requested: answers.len() as u64,
                limit: MAX_ANSWERS,
            });
        }
        let Some(first) = answers.first() else {
            return Err(JourneyError::Undefined {
                what: "survey scores",
                why: "there are no answers",
            });
        };
        let scale = first.score.scale();
        if metric == SurveyMetric::Nps && scale != Scale::ZERO_TO_TEN {
            return Err(SurveyError::WrongScale {
                metric: "NPS",
                expected: Scale::ZERO_TO_TEN,
                found: scale,
            }
            .into());
        }
        if let Some(a) = answers.iter().find(|a| a.score.scale() != scale) {
            return Err(JourneyError::WrongScale {
                what: "every answer",
                expected: scale,
                found: a.score.scale(),
            });
        }
        let mut case_ids: FxMap<&str, usize> = FxMap::default();
        for (i, c) in self.cases.iter().enumerate() {
            case_ids.insert(c.as_str(), i);
        }
        let (of_case, variants) = self.variants_indexed();
        let n_steps = self.steps.len();
        // Steps each case passes through, as a bit per (case, step) only for answered cases.
        let empty = Distribution::new(scale);
        let mut overall = empty.clone();
        let mut by_step = vec![empty.clone(); n_steps];
        let mut by_variant = vec![empty.clone(); variants.len()];
        let mut by_persona: std::collections::BTreeMap<&str, Distribution> = Default::default();
        let mut through = vec![empty.clone(); n_steps];
        let mut unmatched = 0u64;
        let mut present = vec![false; n_steps];
        for a in answers {
            let Some(&c) = case_ids.get(a.case.as_str()) else {
                unmatched += 1;
                continue;
            };
            if let Some(step) = &a.step {
                match self.step_id(step) {
                    Some(s) if self.case_events(c).iter().any(|e| usize::from(e.step) == s) => {
                        by_step[s].record(a.score)?;
                    }
                    _ => unmatched += 1,
                }
                continue;
            }
            overall.record(a.score)?;
            by_variant[of_case[c]].record(a.score)?;
            if let Some(p) = &a.persona {
                by_persona
                    .entry(p.as_str())
                    .or_insert_with(|| empty.clone())
                    .record(a.score)?;
            }
            present.fill(false);
            for e in self.case_events(c) {
                present[usize::from(e.step)] = true;
            }
            for (s, &p) in present.iter().enumerate() {
                if p {
                    through[s].record(a.score)?;
                }
            }
        }
        let mut report = ScoreReport {
            metric,
            scale,
            answers: answers.len() as u64,
            unmatched,
            overall: group_score("all".into(), &overall, metric, confidence)?,
            by_step: Vec::new(),
            by_variant: Vec::new(),
            by_persona: Vec::new(),
            effects: Vec::new(),
        };
        for (s, d) in by_step.iter().enumerate() {
            report
                .by_step
                .extend(group_score(self.steps[s].clone(), d, metric, confidence)?);
        }
        report.by_step.sort_by(|a, b| a.group.cmp(&b.group));
        for (v, d) in by_variant.iter().enumerate() {
            report.by_variant.extend(group_score(
                variants[v].path.join(" > "),
                d,
                metric,
                confidence,
            )?);
        }
        report
            .by_variant
            .sort_by(|a, b| b.n.cmp(&a.n).then_with(|| a.group.cmp(&b.group)));
        for (p, d) in &by_persona {
            report
                .by_persona
                .extend(group_score((*p).to_string(), d, metric, confidence)?);
        }
        for (s, with_d) in through.iter().enumerate() {
            let mut without_d = overall.clone();
            // Without = all journey-level answers minus those through the step.
            let counts: Vec<u64> = without_d
                .counts()
                .iter()
                .zip(with_d.counts())
                .map(|(a, b)| a - b)
                .collect();
            without_d = Distribution::from_counts(scale, &counts)?;
            let name = self.steps[s].clone();
            let (Some(with), Some(without)) = (
                group_score(name.clone(), with_d, metric, confidence)?,
                group_score(name.clone(), &without_d, metric, confidence)?,
            ) else {
                continue;
            };
            let (difference, lower, upper) = match metric {
                SurveyMetric::Nps => {
                    let d = compare_nps(
                        &Nps::from_distribution(with_d)?,
                        &Nps::from_distribution(&without_d)?,
                        NpsTest::AdjustedWald,
                        confidence,
                    );
                    (d.difference, Some(d.lower), Some(d.upper))
                }
                SurveyMetric::Mean => {
                    let (a, b) = (
                        MeanScore::from_distribution(with_d)?,
                        MeanScore::from_distribution(&without_d)?,
                    );
                    match compare_means(&a, &b, confidence) {
                        Ok(d) => (d.difference, Some(d.lower), Some(d.upper)),
                        Err(
                            SurveyError::TooFewResponses { .. } | SurveyError::OutOfRange { .. },
                        ) => (a.mean() - b.mean(), None, None),
                        Err(e) => return Err(e.into()),
                    }
                }
            };
            report.effects.push(StepEffect {
                step: name,
                with,
                without,
                difference,
                lower,
                upper,
            });
        }
        report.effects.sort_by(|a, b| {
            b.difference
                .abs()
                .partial_cmp(&a.difference.abs())
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| a.step.cmp(&b.step))
        });
        Ok(report)
    }
}
