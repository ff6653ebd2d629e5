//! Journey maps as data: steps with channel and touchpoint, personas, and per-step observations
//! (outcome, emotion, effort, expectation against reality, notes).
//!
//! A journey map is what analysts otherwise keep in a spreadsheet: one row per step, one column
//! per persona, cells with a smiley, an effort level, a success class and a quote. Here each cell
//! is a [`StepObservation`] whose scores are validated against the map's declared [`MapScales`],
//! so an emotion of 6 on a 5-point scale is an error when it is entered, not a wrong mean later.

use cx_scales::{Distribution, Scale, Score};
use cx_survey::{Confidence, MeanScore};

use crate::rank::{Ranked, RankingCriterion};
use crate::{Channel, JourneyError, Note, Outcome, Persona, StepName, Touchpoint};

/// The most steps one journey map may declare.
///
/// ```
/// assert_eq!(cx_journey::MAX_MAP_STEPS, 1000);
/// ```
pub const MAX_MAP_STEPS: usize = 1000;

/// The most observations one journey map may hold.
///
/// ```
/// assert_eq!(cx_journey::MAX_MAP_OBSERVATIONS, 10_000_000);
/// ```
pub const MAX_MAP_OBSERVATIONS: usize = 10_000_000;

/// A step of a journey: a named stage, the channel it happens in and the touchpoint the customer
/// meets there.
///
/// ```
/// use cx_journey::{Channel, Step, StepName, Touchpoint};
/// let s = Step {
///     name: StepName::new("Track order")?,
///     channel: Channel::new("web")?,
///     touchpoint: Touchpoint::new("order page")?,
/// };
/// assert_eq!(s.name.as_str(), "Track order");
/// # Ok::<(), cx_journey::JourneyError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Step {
    /// The stage.
    pub name: StepName,
    /// The channel.
    pub channel: Channel,
    /// The touchpoint.
    pub touchpoint: Touchpoint,
}

/// Expectation against reality, both on one stated scale ("how easy did you expect it to be",
/// "how easy was it").
///
/// ```
/// use cx_journey::ExpectationGap;
/// use cx_scales::{Scale, Score};
/// let g = ExpectationGap::new(Score::new(Scale::ONE_TO_FIVE, 4)?, Score::new(Scale::ONE_TO_FIVE, 2)?)?;
/// assert_eq!(g.gap(), -2); // reality fell two points short
/// assert!(ExpectationGap::new(Score::new(Scale::ONE_TO_FIVE, 4)?, Score::new(Scale::ONE_TO_SEVEN, 2)?).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ExpectationGap {
    expected: Score,
    experienced: Score,
}

impl ExpectationGap {
    /// Expected and experienced, on the same scale.
    ///
    /// # Errors
    /// [`JourneyError::WrongScale`] when the two scores are on different scales.
    pub fn new(expected: Score, experienced: Score) -> Result<ExpectationGap, JourneyError> {
        if expected.scale() != experienced.scale() {
            return Err(JourneyError::WrongScale {
                what: "the experienced score",
                expected: expected.scale(),
                found: experienced.scale(),
            });
        }
        Ok(ExpectationGap {
            expected,
            experienced,
        })
    }

    /// The expected score.
    ///
    /// ```
    /// # use cx_journey::ExpectationGap; use cx_scales::{Scale, Score};
    /// let g = ExpectationGap::new(Score::new(Scale::ONE_TO_FIVE, 4)?, Score::new(Scale::ONE_TO_FIVE, 5)?)?;
    /// assert_eq!(g.expected().value(), 4);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn expected(&self) -> Score {
        self.expected
    }

    /// The experienced score.
    ///
    /// ```
    /// # use cx_journey::ExpectationGap; use cx_scales::{Scale, Score};
    /// let g = ExpectationGap::new(Score::new(Scale::ONE_TO_FIVE, 4)?, Score::new(Scale::ONE_TO_FIVE, 5)?)?;
    /// assert_eq!(g.experienced().value(), 5);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn experienced(&self) -> Score {
        self.experienced
    }

    /// Experienced minus expected, in points of the scale (positive: better than expected).
    ///
    /// ```
    /// # use cx_journey::ExpectationGap; use cx_scales::{Scale, Score};
    /// let g = ExpectationGap::new(Score::new(Scale::ONE_TO_FIVE, 2)?, Score::new(Scale::ONE_TO_FIVE, 5)?)?;
    /// assert_eq!(g.gap(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn gap(&self) -> i64 {
        i64::from(self.experienced.value()) - i64::from(self.expected.value())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for ExpectationGap {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        struct Repr {
            expected: Score,
            experienced: Score,
        }
        let r = Repr::deserialize(d)?;
        ExpectationGap::new(r.expected, r.experienced).map_err(serde::de::Error::custom)
    }
}

/// The scales a journey map states for its emotion, effort and expectation questions.
///
/// The default is the one journey maps use most: emotion on a 5-point scale (1 very negative,
/// 5 very positive), effort on the 1–7 Customer Effort Score scale (7 most effort) and expectation
/// against reality on 1–5.
///
/// ```
/// use cx_journey::MapScales;
/// use cx_scales::Scale;
/// let s = MapScales::default();
/// assert_eq!((s.emotion, s.effort, s.expectation), (Scale::ONE_TO_FIVE, Scale::ONE_TO_SEVEN, Scale::ONE_TO_FIVE));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MapScales {
    /// The emotion scale (higher is more positive).
    pub emotion: Scale,
    /// The effort scale (higher is more effort).
    pub effort: Scale,
    /// The scale of expectation and of reality.
    pub expectation: Scale,
}

impl Default for MapScales {
    fn default() -> MapScales {
        MapScales {
            emotion: Scale::ONE_TO_FIVE,
            effort: Scale::ONE_TO_SEVEN,
            expectation: Scale::ONE_TO_FIVE,
        }
    }
}

/// One cell of a journey map: what one respondent of one persona reported about one step.
///
/// ```
/// use cx_journey::{Note, Outcome, Persona, StepName, StepObservation};
/// use cx_scales::{Scale, Score};
/// let o = StepObservation {
///     persona: Persona::new("first-time buyer")?,
///     step: StepName::new("Checkout")?,
///     outcome: Some(Outcome::WithErrors),
///     emotion: Some(Score::new(Scale::ONE_TO_FIVE, 2)?),
///     effort: Some(Score::new(Scale::ONE_TO_SEVEN, 6)?),
///     expectation: None,
///     time_seconds: Some(240.0),
///     notes: vec![Note::new("Card was declined twice")?],
/// };
/// assert_eq!(o.notes.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StepObservation {
    /// The persona or segment of the respondent.
    pub persona: Persona,
    /// The step observed.
    pub step: StepName,
    /// The success class, when recorded.
    pub outcome: Option<Outcome>,
    /// The emotion, on the map's emotion scale.
    pub emotion: Option<Score>,
    /// The effort, on the map's effort scale.
    pub effort: Option<Score>,
    /// Expectation against reality, on the map's expectation scale.
    pub expectation: Option<ExpectationGap>,
    /// The time the step took, in seconds (finite, 0 or more).
    pub time_seconds: Option<f64>,
    /// Notes: quotes, observations, recommendations.
    pub notes: Vec<Note>,
}

/// The summary of one step of a journey map, over the observations of one persona or all.
///
/// ```
/// # use cx_journey::MapStepSummary;
/// fn show(s: &MapStepSummary) -> String { format!("{}: {} observations", s.step, s.observations) }
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MapStepSummary {
    /// The step.
    pub step: StepName,
    /// The number of observations.
    pub observations: u64,
    /// Counts of succeeded, with errors, failed (in the order of [`Outcome::ALL`]).
    pub outcomes: [u64; 3],
    /// The distribution of emotions.
    pub emotion: Distribution,
    /// The distribution of effort.
    pub effort: Distribution,
    /// The mean of experienced minus expected, in points, with how many answered (None if none).
    pub expectation_gap: Option<(f64, u64)>,
}

/// A journey map: its steps, its scales and its observations.
///
/// ```
/// use cx_journey::{Channel, JourneyMap, MapScales, Persona, RankingCriterion, Step, StepName,
///     StepObservation, Touchpoint};
/// use cx_scales::{Scale, Score};
/// use cx_survey::Confidence;
///
/// let step = |n: &str| -> Result<Step, cx_journey::JourneyError> {
///     Ok(Step { name: StepName::new(n)?, channel: Channel::new("web")?, touchpoint: Touchpoint::new("site")? })
/// };
/// let mut map = JourneyMap::new(MapScales::default(), vec![step("Search")?, step("Pay")?])?;
/// for (s, e) in [("Search", 4), ("Search", 5), ("Pay", 2), ("Pay", 1)] {
///     map.add(StepObservation {
///         persona: Persona::new("new")?, step: StepName::new(s)?, outcome: None,
///         emotion: Some(Score::new(Scale::ONE_TO_FIVE, e)?), effort: None,
///         expectation: None, time_seconds: None, notes: vec![],
///     })?;
/// }
/// let worst = map.rank(RankingCriterion::LowestEmotion, None, Confidence::NINETY_FIVE)?;
/// assert_eq!(worst[0].step, "Pay");
/// assert_eq!(worst[0].estimate, 1.5);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct JourneyMap {
    scales: MapScales,
    steps: Vec<Step>,
    observations: Vec<StepObservation>,
}

impl JourneyMap {
    /// A map with its scales and its steps (distinct names, at most [`MAX_MAP_STEPS`]).
    ///
    /// # Errors
    /// [`JourneyError::TooMany`] above [`MAX_MAP_STEPS`] steps, [`JourneyError::InvalidName`]
    /// when two steps share a name.
    pub fn new(scales: MapScales, steps: Vec<Step>) -> Result<JourneyMap, JourneyError> {
        if steps.len() > MAX_MAP_STEPS {
            return Err(JourneyError::TooMany {
                what: "journey-map steps",
                requested: steps.len() as u64,
                limit: MAX_MAP_STEPS as u64,
            });
        }
        let mut names: Vec<&StepName> = steps.iter().map(|s| &s.name).collect();
        names.sort();
        if let Some(w) = names.windows(2).find(|w| w[0] == w[1]) {
            return Err(JourneyError::InvalidName {
                what: "step",
                value: w[0].to_string(),
                rule: "it is declared twice in the journey map",
            });
        }
        Ok(JourneyMap {
            scales,
            steps,
            observations: Vec::new(),
        })
    }

    /// Adds one observation after checking it: the step is one of the map's, every score is on
    /// the map's scale, the time is finite and not negative.
    ///
    /// # Errors
    /// [`JourneyError::Unknown`] for a step the map does not declare, [`JourneyError::WrongScale`]
    /// for a score on another scale, [`JourneyError::OutOfRange`] for a bad time,
    /// [`JourneyError::TooMany`] beyond [`MAX_MAP_OBSERVATIONS`].
    pub fn add(&mut self, observation: StepObservation) -> Result<(), JourneyError> {
        if self.observations.len() >= MAX_MAP_OBSERVATIONS {
            return Err(JourneyError::TooMany {
                what: "journey-map observations",
                requested: self.observations.len() as u64 + 1,
                limit: MAX_MAP_OBSERVATIONS as u64,
            });
        }
        if !self.steps.iter().any(|s| s.name == observation.step) {
            return Err(JourneyError::Unknown {
                what: "step",
                name: observation.step.to_string(),
            });
        }
        let checks = [
            ("the emotion", observation.emotion, self.scales.emotion),
            ("the effort", observation.effort, self.scales.effort),
            (
                "the expectation",
                observation.expectation.map(|g| g.expected()),
                self.scales.expectation,
            ),
        ];
        for (what, score, scale) in checks {
            if let Some(s) = score
                && s.scale() != scale
            {
                return Err(JourneyError::WrongScale {
                    what,
                    expected: scale,
                    found: s.scale(),
                });
            }
        }
        if let Some(t) = observation.time_seconds
            && !(t.is_finite() && t >= 0.0)
        {
            return Err(JourneyError::OutOfRange {
                name: "time_seconds",
                value: t.to_string(),
                range: "finite and at least 0",
            });
        }
        self.observations.push(observation);
        Ok(())
    }

    /// The map's scales.
    ///
    /// ```
    /// # use cx_journey::{JourneyMap, MapScales};
    /// let m = JourneyMap::new(MapScales::default(), vec![])?;
    /// assert_eq!(m.scales(), MapScales::default());
    /// # Ok::<(), cx_journey::JourneyError>(())
    /// ```
    pub fn scales(&self) -> MapScales {
        self.scales
    }

    /// The declared steps, in map order.
    ///
    /// ```
    /// # use cx_journey::{JourneyMap, MapScales};
    /// assert!(JourneyMap::new(MapScales::default(), vec![])?.steps().is_empty());
    /// # Ok::<(), cx_journey::JourneyError>(())
    /// ```
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The observations, in the order they were added.
    ///
    /// ```
    /// # use cx_journey::{JourneyMap, MapScales};
    /// assert!(JourneyMap::new(MapScales::default(), vec![])?.observations().is_empty());
    /// # Ok::<(), cx_journey::JourneyError>(())
    /// ```
    pub fn observations(&self) -> &[StepObservation] {
        &self.observations
    }

    /// One summary per declared step (map order), over the observations of `persona` (or all).
    ///
    /// ```
    /// # use cx_journey::{JourneyMap, MapScales};
    /// assert!(JourneyMap::new(MapScales::default(), vec![])?.summary(None).is_empty());
    /// # Ok::<(), cx_journey::JourneyError>(())
    /// ```
    pub fn summary(&self, persona: Option<&Persona>) -> Vec<MapStepSummary> {
        self.steps
            .iter()
            .map(|step| {
                let mut s = MapStepSummary {
                    step: step.name.clone(),
                    observations: 0,
                    outcomes: [0; 3],
                    emotion: Distribution::new(self.scales.emotion),
                    effort: Distribution::new(self.scales.effort),
                    expectation_gap: None,
                };
                let (mut gap_sum, mut gap_n) = (0i64, 0u64);
                for o in self
                    .observations
                    .iter()
                    .filter(|o| o.step == step.name && persona.is_none_or(|p| *p == o.persona))
                {
                    s.observations += 1;
                    if let Some(out) = o.outcome {
                        s.outcomes[out.index()] += 1;
                    }
                    // Scores were checked against these scales in `add`, so recording succeeds.
                    if let Some(e) = o.emotion {
                        let _ = s.emotion.record(e);
                    }
                    if let Some(e) = o.effort {
                        let _ = s.effort.record(e);
                    }
                    if let Some(g) = o.expectation {
                        gap_sum += g.gap();
                        gap_n += 1;
                    }
                }
                if gap_n > 0 {
                    s.expectation_gap = Some((gap_sum as f64 / gap_n as f64, gap_n));
                }
                s
            })
            .collect()
    }

    /// The steps ranked by a map criterion ([`RankingCriterion::LowestEmotion`] or
    /// [`RankingCriterion::HighestEffort`]), worst first, each with its mean and Student-t
    /// interval; steps with fewer than two answers are left out (their interval is undefined).
    ///
    /// # Errors
    /// [`JourneyError::OutOfRange`] for a criterion computed from event logs rather than from a
    /// map (see [`Journeys::rank`](crate::Journeys::rank)).
    pub fn rank(
        &self,
        criterion: RankingCriterion,
        persona: Option<&Persona>,
        confidence: Confidence,
    ) -> Result<Vec<Ranked>, JourneyError> {
        let mut out = Vec::new();
        for s in self.summary(persona) {
            let dist = match criterion {
                RankingCriterion::LowestEmotion => &s.emotion,
                RankingCriterion::HighestEffort => &s.effort,
                _ => {
                    return Err(JourneyError::OutOfRange {
                        name: "criterion",
                        value: criterion.label().to_string(),
                        range: "lowest_emotion or highest_effort for a journey map",
                    });
                }
            };
            if dist.n() < 2 {
                continue;
            }
            let mean = MeanScore::from_distribution(dist)?;
            let ci = mean.interval(confidence)?;
            out.push(Ranked {
                step: s.step.to_string(),
                criterion,
                estimate: ci.estimate,
                lower: ci.lower,
                upper: ci.upper,
                n: mean.n(),
            });
        }
        crate::rank::sort_worst_first(&mut out);
        Ok(out)
    }
}
