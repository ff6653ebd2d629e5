//! Ranking the "hardest" and "longest" steps by named criteria, each with its uncertainty.
//!
//! | criterion | estimate | interval | source |
//! |---|---|---|---|
//! | [`RankingCriterion::LowestEmotion`] | mean emotion | Student t | journey map |
//! | [`RankingCriterion::HighestEffort`] | mean effort | Student t | journey map |
//! | [`RankingCriterion::LongestMedianTime`] | median time in step, ms | order statistics (distribution-free) | event log |
//! | [`RankingCriterion::MostRepeats`] | share of reaching cases that enter the step again | Wilson | event log |
//! | [`RankingCriterion::MostExits`] | share of reaching cases whose journey ends at the step | Wilson | event log |
//! | [`RankingCriterion::LowestSuccess`] | share of entries that succeeded | Wilson | event log |
//!
//! The success share counts entries, and the entries of one journey are not independent; when
//! steps repeat, its interval is narrower than it should be. The other shares count cases.

use std::cmp::Ordering;

/// A named criterion for ranking steps, worst first.
///
/// ```
/// use cx_journey::RankingCriterion;
/// assert_eq!("longest_median_time".parse::<RankingCriterion>()?, RankingCriterion::LongestMedianTime);
/// assert!(RankingCriterion::LowestEmotion.lower_is_worse());
/// # Ok::<(), cx_journey::JourneyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum RankingCriterion {
    /// Lowest mean emotion (journey map).
    LowestEmotion,
    /// Highest mean effort (journey map).
    HighestEffort,
    /// Longest median time in the step (event log).
    LongestMedianTime,
    /// Highest share of reaching cases that enter the step more than once (event log).
    MostRepeats,
    /// Highest share of reaching cases whose journey ends at the step (event log).
    MostExits,
    /// Lowest share of entries that succeeded (event log).
    LowestSuccess,
}

impl RankingCriterion {
    /// Every criterion.
    ///
    /// ```
    /// assert_eq!(cx_journey::RankingCriterion::ALL.len(), 6);
    /// ```
    pub const ALL: [RankingCriterion; 6] = [
        RankingCriterion::LowestEmotion,
        RankingCriterion::HighestEffort,
        RankingCriterion::LongestMedianTime,
        RankingCriterion::MostRepeats,
        RankingCriterion::MostExits,
        RankingCriterion::LowestSuccess,
    ];

    /// The snake-case label.
    ///
    /// ```
    /// assert_eq!(cx_journey::RankingCriterion::MostExits.label(), "most_exits");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            RankingCriterion::LowestEmotion => "lowest_emotion",
            RankingCriterion::HighestEffort => "highest_effort",
            RankingCriterion::LongestMedianTime => "longest_median_time",
            RankingCriterion::MostRepeats => "most_repeats",
            RankingCriterion::MostExits => "most_exits",
            RankingCriterion::LowestSuccess => "lowest_success",
        }
    }

    /// Whether a low estimate is bad (emotion, success) rather than a high one.
    ///
    /// ```
    /// assert!(!cx_journey::RankingCriterion::MostRepeats.lower_is_worse());
    /// ```
    pub fn lower_is_worse(self) -> bool {
        matches!(
            self,
            RankingCriterion::LowestEmotion | RankingCriterion::LowestSuccess
        )
    }
}

impl std::str::FromStr for RankingCriterion {
    type Err = crate::JourneyError;
    fn from_str(text: &str) -> Result<RankingCriterion, crate::JourneyError> {
        RankingCriterion::ALL
            .into_iter()
            .find(|c| c.label() == text.trim())
            .ok_or_else(|| crate::JourneyError::OutOfRange {
                name: "criterion",
                value: format!("{:?}", text.chars().take(80).collect::<String>()),
                range: "lowest_emotion, highest_effort, longest_median_time, most_repeats, most_exits or lowest_success",
            })
    }
}

/// One step in a ranking: its estimate under the criterion and the interval around it.
///
/// ```
/// use cx_journey::{Ranked, RankingCriterion};
/// let r = Ranked { step: "Pay".into(), criterion: RankingCriterion::MostExits,
///     estimate: 0.4, lower: 0.3, upper: 0.5, n: 100 };
/// assert!(r.lower <= r.estimate && r.estimate <= r.upper);
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Ranked {
    /// The step.
    pub step: String,
    /// The criterion.
    pub criterion: RankingCriterion,
    /// The estimate (a mean score, a share in 0..=1, or milliseconds).
    pub estimate: f64,
    /// The lower end of the interval.
    pub lower: f64,
    /// The upper end of the interval.
    pub upper: f64,
    /// The number of observations behind the estimate (answers, cases, entries or times).
    pub n: u64,
}

pub(crate) fn sort_worst_first(items: &mut [Ranked]) {
    items.sort_by(|a, b| {
        let by = a
            .estimate
            .partial_cmp(&b.estimate)
            .unwrap_or(Ordering::Equal);
        let by = if a.criterion.lower_is_worse() {
            by
        } else {
            by.reverse()
        };
        by.then_with(|| a.step.cmp(&b.step))
    });
}
