//! The crate's one error type.

/// Everything that can go wrong while building or solving a schedule.
///
/// Each variant names the offending value, the parameter and the valid range.
///
/// ```
/// use wfm_schedule::{Error, Requirements};
/// use wfm_forecast::IntervalLength;
/// let e = Requirements::new(IntervalLength::HOUR, vec![]).unwrap_err();
/// assert!(matches!(e, Error::OutOfRange { parameter: "intervals", .. }));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A count or size outside its documented range.
    #[error("parameter '{parameter}' is {value}, outside the valid range {min}..={max}")]
    OutOfRange {
        /// The parameter's name.
        parameter: &'static str,
        /// The value given.
        value: u64,
        /// Smallest valid value.
        min: u64,
        /// Largest valid value.
        max: u64,
    },
    /// A real number that is not finite or outside its range.
    #[error("parameter '{parameter}' is {value}, it must be finite and within {min}..={max}")]
    InvalidNumber {
        /// The parameter's name.
        parameter: &'static str,
        /// The value given.
        value: f64,
        /// Smallest valid value.
        min: f64,
        /// Largest valid value.
        max: f64,
    },
    /// An interval length that is not a whole number of minutes.
    #[error(
        "the interval length is {seconds} s; schedules need a whole number of minutes that divides a day"
    )]
    IntervalNotWholeMinutes {
        /// The interval length in seconds.
        seconds: u32,
    },
    /// A time in minutes that is not a whole number of intervals.
    #[error(
        "parameter '{parameter}' of shift template '{template}' is {minutes} minutes, not a multiple of the {interval_minutes}-minute interval"
    )]
    NotOnIntervalGrid {
        /// The shift template's name.
        template: String,
        /// The parameter's name.
        parameter: &'static str,
        /// The value given, in minutes.
        minutes: u32,
        /// The interval length in minutes.
        interval_minutes: u32,
    },
    /// A shift template whose parts do not fit together.
    #[error("shift template '{template}': {reason}")]
    InvalidTemplate {
        /// The shift template's name.
        template: String,
        /// What is wrong, in words.
        reason: String,
    },
    /// Two inputs whose lengths must agree.
    #[error("parameter '{parameter}' has {found} values, expected {expected}")]
    LengthMismatch {
        /// The parameter's name.
        parameter: &'static str,
        /// Values found.
        found: usize,
        /// Values expected.
        expected: usize,
    },
    /// The model is larger than [`MAX_VARIABLES`](crate::MAX_VARIABLES).
    #[error(
        "the model would have {variables} variables, more than the limit of {max}; use fewer start times, break slots or templates"
    )]
    TooLarge {
        /// Variables the model would need.
        variables: usize,
        /// The limit.
        max: usize,
    },
    /// No schedule meets every constraint.
    #[error("no schedule satisfies the constraints: {reason}")]
    Infeasible {
        /// What cannot be met, when it is known (for example the first interval no shift covers).
        reason: String,
    },
    /// The time limit passed before the solver found any schedule.
    #[error("the time limit of {seconds} s passed before any schedule was found")]
    NoSolutionInTime {
        /// The time limit in seconds.
        seconds: f64,
    },
    /// The solver failed for another reason.
    #[error("the solver failed: {0}")]
    Solver(String),
    /// An error from the Erlang models of `wfm-forecast`.
    #[error(transparent)]
    Forecast(#[from] wfm_forecast::Error),
}

/// `Result` with this crate's [`Error`].
///
/// ```
/// fn f() -> wfm_schedule::Result<u32> { Ok(1) }
/// assert_eq!(f(), Ok(1));
/// ```
pub type Result<T> = std::result::Result<T, Error>;
