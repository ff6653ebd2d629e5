//! The crate's one error type.

/// Why a configuration, a run setting or a routing decision was refused.
///
/// Every variant names the offending value and the rule it broke.
///
/// ```
/// use wfm_sim::Error;
/// let e = Error::OutOfRange { parameter: "replications".into(), value: "0".into(), range: "1..=100000" };
/// assert_eq!(e.to_string(), "parameter 'replications' is 0, outside the valid range 1..=100000");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A number outside its documented range (or not finite).
    #[error("parameter '{parameter}' is {value}, outside the valid range {range}")]
    OutOfRange {
        /// The parameter, with the call type or group it belongs to.
        parameter: String,
        /// The offending value as written.
        value: String,
        /// The valid range.
        range: &'static str,
    },
    /// A per-interval list whose length differs from the day's number of intervals.
    #[error("parameter '{parameter}' has {len} entries; the day has {expected} intervals")]
    LengthMismatch {
        /// The parameter.
        parameter: String,
        /// Its length.
        len: usize,
        /// The day's number of intervals.
        expected: usize,
    },
    /// A name used twice, or a skill naming a call type that does not exist.
    #[error("parameter '{parameter}' names '{name}': {problem}")]
    BadName {
        /// The parameter.
        parameter: String,
        /// The offending name.
        name: String,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// A call type that no agent group can answer.
    #[error("call type '{name}' is not a skill of any agent group")]
    Unhandled {
        /// The call type.
        name: String,
    },
    /// The expected number of calls of one replication exceeds the bound.
    #[error("one replication expects {expected} calls, above the limit of {limit}")]
    TooManyCalls {
        /// Expected calls in one replication (the sum of the volumes).
        expected: f64,
        /// The limit, [`crate::MAX_EXPECTED_CALLS`].
        limit: f64,
    },
    /// A router chose a group with no idle agent, a group without the skill, or a call type
    /// with nobody waiting.
    #[error("the router chose {choice}, which is not possible here: {problem}")]
    InvalidRoute {
        /// The choice, e.g. "group 2 for call type 0".
        choice: String,
        /// Why it is impossible.
        problem: &'static str,
    },
    /// A simulation thread stopped before finishing (it panicked); nothing is reported.
    #[error("a simulation thread stopped before finishing its replications")]
    ThreadFailed,
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = core::result::Result<T, E>;

pub(crate) fn out_of_range(
    parameter: impl Into<String>,
    value: impl ToString,
    range: &'static str,
) -> Error {
    Error::OutOfRange {
        parameter: parameter.into(),
        value: value.to_string(),
        range,
    }
}
