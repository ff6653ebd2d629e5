//! A funnel over a chosen path, and the ranking of steps from event logs.
//!
//! A case *reaches* stage `i` of the funnel `[s1, …, sk]` when its path contains `s1, …, si` in
//! this order, not necessarily next to each other (other steps may come between). Conversion at
//! stage `i` is `reached(i) / reached(i − 1)`, and its interval is a binomial one over cases
//! (Wilson by default), since each case converts or not independently of the others.

use cx_survey::{Confidence, Proportion, ShareInterval, ShareMethod};

use crate::journeys::DEFAULT_LEVEL;
use crate::rank::{Ranked, RankingCriterion, sort_worst_first};
use crate::stats::TimeStats;
use crate::{JourneyError, Journeys};

/// The most stages a funnel may have.
///
/// ```
/// assert_eq!(cx_journey::MAX_FUNNEL_STAGES, 100);
/// ```
pub const MAX_FUNNEL_STAGES: usize = 100;

/// One stage of a funnel.
///
/// ```
/// # use cx_journey::FunnelStage;
/// fn lost(s: &FunnelStage, before: u64) -> u64 { before - s.reached }
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct FunnelStage {
    /// The step of this stage.
    pub step: String,
    /// Cases that reached this stage.
    pub reached: u64,
    /// Conversion from the previous stage (from all cases for the first stage), with its
    /// interval; None when the previous stage was reached by no case.
    pub conversion: Option<ShareInterval>,
    /// Conversion from all cases, with its interval; None for an empty log.
    pub overall: Option<ShareInterval>,
}

/// A funnel over a chosen path.
///
/// ```
/// use cx_journey::JourneyLog;
/// use cx_survey::{Confidence, ShareMethod};
/// let mut log = JourneyLog::new();
/// for (case, t, step) in [("a", 0, "Search"), ("a", 1, "Basket"), ("a", 2, "Pay"),
///                         ("b", 0, "Search"), ("b", 1, "Help"), ("b", 2, "Basket"),
///                         ("c", 0, "Search")] {
///     log.record(case, t, step, "web", None)?;
/// }
/// let f = log.finish()?.funnel(&["Search", "Basket", "Pay"], ShareMethod::Wilson, Confidence::NINETY_FIVE)?;
/// let reached: Vec<u64> = f.stages.iter().map(|s| s.reached).collect();
/// assert_eq!(reached, [3, 2, 1]);
/// assert_eq!(f.stages[2].conversion.map(|c| c.estimate.value()), Some(0.5));
/// # Ok::<(), cx_journey::JourneyError>(())
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Funnel {
    /// All cases in the log.
    pub cases: u64,
    /// The stages, in path order.
    pub stages: Vec<FunnelStage>,
}

impl Journeys {
    /// The funnel over `path` (see the module docs for "reached").
    ///
    /// # Errors
    /// [`JourneyError::Unknown`] for a step that does not occur in the log,
    /// [`JourneyError::TooMany`] beyond [`MAX_FUNNEL_STAGES`], [`JourneyError::Undefined`] for an
    /// empty path.
    pub fn funnel(
        &self,
        path: &[&str],
        method: ShareMethod,
        confidence: Confidence,
    ) -> Result<Funnel, JourneyError> {
        if path.is_empty() {
            return Err(JourneyError::Undefined {
                what: "a funnel",
                why: "the path has no steps",
            });
        }
        if path.len() > MAX_FUNNEL_STAGES {
            return Err(JourneyError::TooMany {
                what: "funnel stages",
                requested: path.len() as u64,
                limit: MAX_FUNNEL_STAGES as u64,
            });
        }
        let ids = path
            .iter()
            .map(|s| {
                self.step_id(s).ok_or_else(|| JourneyError::Unknown {
                    what: "step",
                    name: (*s).to_string(),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut reached = vec![0u64; ids.len()];
        for c in 0..self.cases.len() {
            let mut k = 0;
            for e in self.case_events(c) {
                if k < ids.len() && usize::from(e.step) == ids[k] {
                    reached[k] += 1;
                    k += 1;
                }
            }
        }
        let cases = self.case_count();
        let interval = |x: u64, n: u64| {
            Proportion::new(x, n)
                .ok()
                .map(|p| p.interval(method, confidence))
        };
        let stages = path
            .iter()
            .enumerate()
            .map(|(i, s)| FunnelStage {
                step: (*s).to_string(),
                reached: reached[i],
                conversion: interval(reached[i], if i == 0 { cases } else { reached[i - 1] }),
                overall: interval(reached[i], cases),
            })
            .collect();
        Ok(Funnel { cases, stages })
    }

    /// The steps ranked by an event-log criterion, worst first, each with its interval (see
    /// the table in the crate docs). Steps whose interval is undefined (too few cases or times)
    /// are left out.
    ///
    /// # Errors
    /// [`JourneyError::OutOfRange`] for a criterion that needs a journey map
    /// ([`RankingCriterion::LowestEmotion`], [`RankingCriterion::HighestEffort`]).
    ///
    /// ```
    /// use cx_journey::{JourneyLog, RankingCriterion};
    /// use cx_survey::Confidence;
    /// let mut log = JourneyLog::new();
    /// for c in 0..10 {
    ///     let case = format!("c{c}");
    ///     log.record(&case, 0, "Search", "web", None)?;
    ///     if c < 3 { log.record(&case, 1, "Search", "web", None)?; }
    ///     log.record(&case, 2, "Pay", "web", None)?;
    /// }
    /// let r = log.finish()?.rank(RankingCriterion::MostRepeats, Confidence::NINETY_FIVE)?;
    /// assert_eq!((r[0].step.as_str(), r[0].estimate), ("Search", 0.3));
    /// # Ok::<(), cx_journey::JourneyError>(())
    /// ```
    pub fn rank(
        &self,
        criterion: RankingCriterion,
        confidence: Confidence,
    ) -> Result<Vec<Ranked>, JourneyError> {
        let mut out = Vec::new();
        let share = |step: &str, x: u64, n: u64| {
            Proportion::new(x, n).ok().map(|p| {
                let ci = p.interval(ShareMethod::Wilson, confidence);
                Ranked {
                    step: step.to_string(),
                    criterion,
                    estimate: ci.estimate.value(),
                    lower: ci.lower.value(),
                    upper: ci.upper.value(),
                    n,
                }
            })
        };
        for s in self.steps() {
            let r = match criterion {
                RankingCriterion::MostRepeats => share(&s.step, s.cases_with_repeats, s.reach),
                RankingCriterion::MostExits => share(&s.step, s.exits, s.reach),
                RankingCriterion::LowestSuccess => {
                    share(&s.step, s.outcomes[0], s.outcomes.iter().sum())
                }
                RankingCriterion::LongestMedianTime => {
                    let level = confidence.level();
                    let times = if (level - DEFAULT_LEVEL).abs() < f64::EPSILON {
                        s.time_in_step
                    } else {
                        self.step_times(&s.step, level)
                    };
                    times.and_then(|t| {
                        t.median_interval_ms.map(|(lo, hi)| Ranked {
                            step: s.step.clone(),
                            criterion,
                            estimate: t.median_ms,
                            lower: lo as f64,
                            upper: hi as f64,
                            n: t.n,
                        })
                    })
                }
                _ => {
                    return Err(JourneyError::OutOfRange {
                        name: "criterion",
                        value: criterion.label().to_string(),
                        range: "longest_median_time, most_repeats, most_exits or lowest_success for an event log",
                    });
                }
            };
            out.extend(r);
        }
        sort_worst_first(&mut out);
        Ok(out)
    }

    /// Time in one step with the median interval at `level`.
    fn step_times(&self, step: &str, level: f64) -> Option<TimeStats> {
        let id = self.step_id(step)?;
        let mut times = Vec::new();
        for c in 0..self.cases.len() {
            let evs = self.case_events(c);
            for (i, e) in evs.iter().enumerate() {
                if usize::from(e.step) != id {
                    continue;
                }
                if e.end != crate::log::NO_END {
                    times.push(e.end - e.time);
                } else if let Some(n) = evs.get(i + 1) {
                    times.push(n.time - e.time);
                }
            }
        }
        TimeStats::from_ms(&mut times, level)
    }
}
