//! The crate's one error type.

use cx_scales::{Scale, ScaleError};
use cx_survey::SurveyError;

/// Everything that can go wrong when building journeys, reading event logs and joining surveys.
///
/// Every variant names the offending value, the parameter and the valid range, so that the message
/// alone tells the user what to fix.
///
/// ```
/// use cx_journey::{JourneyError, JourneyLog, Outcome};
///
/// let mut log = JourneyLog::new();
/// let err = log.record("c1", i64::MAX, "Search", "web", Some(Outcome::Succeeded)).unwrap_err();
/// assert!(matches!(err, JourneyError::OutOfRange { name: "time_ms", .. }));
/// assert_eq!(
///     err.to_string(),
///     "time_ms = 9223372036854775807 is outside the valid range -1000000000000000..=1000000000000000"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum JourneyError {
    /// An error from the scales layer (an off-scale emotion or effort score, mismatched scales).
    #[error(transparent)]
    Scale(#[from] ScaleError),
    /// An error from the survey layer (no answers, a confidence level out of range, ...).
    #[error(transparent)]
    Survey(#[from] SurveyError),
    /// A number is outside its documented range.
    #[error("{name} = {value} is outside the valid range {range}")]
    OutOfRange {
        /// The parameter.
        name: &'static str,
        /// The offending value, as text (it may be an integer or a float).
        value: String,
        /// The valid range.
        range: &'static str,
    },
    /// A documented size bound was exceeded (distinct steps, events, events in one journey, ...).
    #[error("too many {what}: {requested} exceeds the limit of {limit}")]
    TooMany {
        /// What was counted.
        what: &'static str,
        /// The count that was asked for.
        requested: u64,
        /// The documented bound.
        limit: u64,
    },
    /// A name (step, channel, touchpoint, persona, case id) is empty, too long or not printable.
    #[error("{what} {value:?} is not a valid name: {rule}")]
    InvalidName {
        /// Which kind of name.
        what: &'static str,
        /// The offending text (cut to 80 characters).
        value: String,
        /// The rule it broke.
        rule: &'static str,
    },
    /// A step, channel or path that the request names does not occur in the data.
    #[error("{what} {name:?} does not occur in the data")]
    Unknown {
        /// Which kind of name.
        what: &'static str,
        /// The name.
        name: String,
    },
    /// Two values that must share a scale do not.
    #[error("{what} must be on the scale {expected}, got {found}")]
    WrongScale {
        /// What was checked.
        what: &'static str,
        /// The scale that was declared.
        expected: Scale,
        /// The scale that was given.
        found: Scale,
    },
    /// A statistic was asked of no data (an empty log, a funnel over no cases).
    #[error("{what} is undefined: {why}")]
    Undefined {
        /// The statistic.
        what: &'static str,
        /// Why it is undefined.
        why: &'static str,
    },
}
