//! The crate's one error type.

use cx_scales::{Scale, ScaleError};

/// Everything that can go wrong when computing survey metrics, intervals, tests, sample sizes,
/// benchmarks and quality scores.
///
/// Every variant names the offending value and the rule it broke, so that the message alone tells
/// the user what to fix. Statistics of nothing are errors ([`SurveyError::NoResponses`]), never NaN.
///
/// ```
/// use cx_survey::{Confidence, SurveyError};
///
/// let err = Confidence::new(95.0).unwrap_err();
/// assert_eq!(err.to_string(), "confidence level 95 must be strictly between 0 and 1 (write 0.95 for 95 %)");
/// assert!(matches!(err, SurveyError::ConfidenceOutOfRange { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SurveyError {
    /// An error from the scales layer (off-scale answer, mismatched scales, bad band, ...).
    #[error(transparent)]
    Scale(#[from] ScaleError),
    /// A statistic was asked of no responses.
    #[error("{what} is undefined: there are no responses")]
    NoResponses {
        /// The statistic that was asked for.
        what: &'static str,
    },
    /// A statistic needs more responses than were given.
    #[error("{what} needs at least {needed} responses, got {n}")]
    TooFewResponses {
        /// The statistic that was asked for.
        what: &'static str,
        /// The number of responses given.
        n: u64,
        /// The smallest number that works.
        needed: u64,
    },
    /// A metric was asked of answers on a scale it is not defined on (NPS on a 1–5 scale).
    #[error("{metric} is defined on the scale {expected}, but the answers are on {found}")]
    WrongScale {
        /// The metric.
        metric: &'static str,
        /// The scale the metric needs.
        expected: Scale,
        /// The scale of the answers.
        found: Scale,
    },
    /// A confidence level is not strictly between 0 and 1.
    #[error("confidence level {level} must be strictly between 0 and 1 (write 0.95 for 95 %)", level = num(.level))]
    ConfidenceOutOfRange {
        /// The offending level.
        level: f64,
    },
    /// An NPS value is outside −100..=100 (or not finite).
    #[error("NPS {value} is outside -100..=100", value = num(.value))]
    NpsOutOfRange {
        /// The offending value.
        value: f64,
    },
    /// Counts overflow a 64-bit total.
    #[error("counts overflow a 64-bit total")]
    CountOverflow,
    /// A part is larger than its whole (more successes than trials).
    #[error("{part} successes out of {whole} trials: a part cannot exceed its whole")]
    PartExceedsWhole {
        /// The number of successes.
        part: u64,
        /// The number of trials.
        whole: u64,
    },
    /// A parameter is outside its valid range.
    #[error("parameter '{name}' = {value} is outside its valid range {range}", value = num(.value))]
    OutOfRange {
        /// The parameter's name.
        name: &'static str,
        /// The offending value.
        value: f64,
        /// The valid range, as text.
        range: &'static str,
    },
    /// A sample is larger than the population it is drawn from.
    #[error("a sample of {sample} cannot be drawn from a population of {population}")]
    SampleExceedsPopulation {
        /// The sample size.
        sample: u64,
        /// The population size.
        population: u64,
    },
    /// A scorecard criterion has a weight that is zero, negative or not finite.
    #[error("criterion {criterion:?} has weight {weight}; weights must be finite and > 0", weight = num(.weight))]
    InvalidWeight {
        /// The criterion's name.
        criterion: String,
        /// The offending weight.
        weight: f64,
    },
    /// Two criteria of a scorecard share a name.
    #[error("criterion {criterion:?} appears more than once in the scorecard")]
    DuplicateCriterion {
        /// The repeated name.
        criterion: String,
    },
    /// A scorecard has no criteria.
    #[error("a scorecard needs at least one criterion")]
    EmptyScorecard,
    /// An evaluation gives a different number of answers than the scorecard has criteria.
    #[error("the scorecard has {expected} criteria but the evaluation gives {found} answers")]
    AnswerCount {
        /// The number of criteria.
        expected: usize,
        /// The number of answers given.
        found: usize,
    },
    /// A critical criterion was marked not applicable, which the scorecard forbids.
    #[error(
        "critical criterion {criterion:?} was marked not applicable; critical criteria must be answered"
    )]
    CriticalNotApplicable {
        /// The criterion's name.
        criterion: String,
    },
    /// Every criterion of an evaluation was marked not applicable: there is nothing to score.
    #[error("every criterion was marked not applicable: the evaluation has no score")]
    NothingApplicable,
    /// Two evaluators' ratings are not paired one to one.
    #[error("the evaluators rated {first} and {second} items; agreement needs the same items")]
    UnpairedRatings {
        /// The number of ratings of the first evaluator.
        first: usize,
        /// The number of ratings of the second evaluator.
        second: usize,
    },
    /// Cohen's kappa is undefined when chance agreement is 1 (both evaluators always gave the
    /// same single category).
    #[error(
        "Cohen's kappa is undefined: both evaluators used only the category {category:?}, so chance agreement is 1"
    )]
    KappaUndefined {
        /// The only category used.
        category: String,
    },
    /// Counts were asked of a percentage table that does not state its number of respondents.
    #[error(
        "{what} needs the number of respondents, which the percentage table does not state (rule: give it with PercentTable::with_respondents)"
    )]
    UnknownRespondents {
        /// What was asked for.
        what: &'static str,
    },
    /// A name (of an interval method, a test, a policy) that is not one of the valid names.
    #[error("unknown {what} {found:?} (expected one of: {})", expected.join(", "))]
    UnknownName {
        /// What was being named ("NPS interval method").
        what: &'static str,
        /// The text given.
        found: String,
        /// The valid canonical names.
        expected: &'static [&'static str],
    },
    /// Benchmark thresholds are not in the required order.
    #[error("benchmark cut points {cuts:?} must be strictly decreasing and within 0..=1")]
    UnorderedCuts {
        /// The offending cut points, as shares.
        cuts: Vec<f64>,
    },
}

/// A number as a message shows it: rounded to 15 significant digits, which drops the binary
/// noise of a value computed from what the user typed (`33.33333 / 100` is
/// 0.33333329999999994, shown as 0.3333333) and keeps every digit a user types, then written
/// in the shortest form that reads back as that rounded value, with an exponent below 1e-5 or
/// from 1e16 on (1e-300 rather than three hundred digits). Every `f64` in an error message goes
/// through it; the field itself keeps the exact value.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Num(f64);

/// The message form of a float field (see [`Num`]).
pub(crate) fn num(x: &f64) -> Num {
    Num(*x)
}

impl core::fmt::Display for Num {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let x = self.0;
        if !x.is_finite() || x == 0.0 {
            // `0`, `-0`, `NaN`, `inf`, `-inf` as Rust writes them.
            return write!(f, "{x}");
        }
        let mut rounded = format!("{x:.14e}").parse::<f64>().unwrap_or(x);
        if rounded.fract() == 0.0 && rounded != x {
            // A value just past a whole-number bound (1.0000000000000002 against "at most 1")
            // keeps every digit, or the message would show the bound itself as the offence.
            rounded = x;
        }
        if (1e-5..1e16).contains(&rounded.abs()) {
            write!(f, "{rounded}")
        } else {
            write!(f, "{rounded:e}")
        }
    }
}

#[cfg(test)]
mod num_tests {
    use super::num;

    #[test]
    fn floats_in_messages_are_readable() {
        for (x, shown) in [
            (0.33333329999999994, "0.3333333"),
            (1e-300, "1e-300"),
            (2.5e16, "2.5e16"),
            (1.0000000000000002, "1.0000000000000002"),
            (99.99999999999999, "99.99999999999999"),
            (-0.0, "-0"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-inf"),
            (0.95, "0.95"),
        ] {
            assert_eq!(num(&x).to_string(), shown, "{x:?}");
        }
    }
}
