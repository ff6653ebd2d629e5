//! The crate's one error type.

/// Everything that can go wrong in this crate: each variant names the offending value and the
/// rule it broke, so that the message alone tells the caller what to fix.
///
/// ```
/// use wfm_forecast::{Error, TimeSpan};
///
/// let err = TimeSpan::from_seconds(-5.0).unwrap_err();
/// assert!(matches!(err, Error::InvalidTimeSpan { .. }));
/// assert_eq!(
///     err.to_string(),
///     "time span of -5 seconds is invalid: it must be finite and not negative"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A time span was negative, NaN or infinite.
    #[error(
        "time span of {seconds} seconds is invalid: it must be finite and not negative", seconds = Num(*.seconds)
    )]
    InvalidTimeSpan {
        /// The value given, in seconds.
        seconds: f64,
    },
    /// A time span that must be strictly positive (handle time, patience) was zero.
    #[error(
        "{parameter} is {seconds} seconds: it must be greater than zero", seconds = Num(*.seconds)
    )]
    NonPositiveTimeSpan {
        /// Which parameter (`"handle time"`, `"patience"`, `"answer-time target"`).
        parameter: &'static str,
        /// The value given, in seconds.
        seconds: f64,
    },
    /// An interval length that is zero or does not divide a day (86,400 s) exactly.
    #[error(
        "interval of {seconds} seconds is invalid: it must be positive and divide a day (86400 s) exactly"
    )]
    InvalidInterval {
        /// The value given, in seconds.
        seconds: u64,
    },
    /// A volume (contacts per interval) that is negative, NaN or infinite.
    #[error(
        "volume of {value} contacts is invalid: it must be finite and not negative", value = Num(*.value)
    )]
    InvalidVolume {
        /// The value given.
        value: f64,
    },
    /// A queueing model was given no traffic: zero volume (or zero offered load).
    #[error(
        "offered load of {erlangs} Erlangs is invalid: a queue needs a finite load greater than zero", erlangs = Num(*.erlangs)
    )]
    NonPositiveLoad {
        /// The offered load in Erlangs (volume × handle time ÷ interval).
        erlangs: f64,
    },
    /// A share or probability outside its allowed range.
    #[error(
        "{parameter} of {value} is outside its allowed range {range}", value = Num(*.value)
    )]
    ShareOutOfRange {
        /// Which parameter (`"service-level target"`, `"maximum occupancy"`, …).
        parameter: &'static str,
        /// The value given.
        value: f64,
        /// The allowed range, in interval notation.
        range: &'static str,
    },
    /// A shrinkage that is not a whole number of parts per million.
    #[error(
        "shrinkage of {value} is not a whole number of parts per million (e.g. 0.3 or 0.1234 are fine)", value = Num(*.value)
    )]
    ShrinkageNotRepresentable {
        /// The value given, as a fraction.
        value: f64,
    },
    /// Zero agents (or lines, or chat sessions) where at least one is needed.
    #[error("{parameter} is 0: at least one is needed")]
    ZeroAgents {
        /// Which count (`"agents"`, `"sessions per agent"`).
        parameter: &'static str,
    },
    /// An Erlang C queue with no more agents than offered load has no steady state: the queue
    /// grows without bound (Erlang A, which models abandonment, has no such limit).
    #[error(
        "{agents} agents cannot serve {erlangs} Erlangs in Erlang C: the queue is unstable unless agents exceed the load", erlangs = Num(*.erlangs)
    )]
    UnstableQueue {
        /// Agents given.
        agents: u32,
        /// Offered load in Erlangs.
        erlangs: f64,
    },
    /// A fractional number of agents or lines that is NaN, infinite, negative, zero where
    /// agents must be present, or above [`crate::SEARCH_LIMIT`].
    #[error(
        "{value} agents is invalid: a fractional number of agents must be finite, above zero (lines: not negative) and at most 10000000 (the search limit)", value = Num(*.value)
    )]
    InvalidAgents {
        /// The value given.
        value: f64,
    },
    /// A queue whose offered load alone needs more agents than any search in this crate tries
    /// ([`crate::SEARCH_LIMIT`]): a stable Erlang C queue needs more agents than Erlangs.
    #[error(
        "an offered load of {erlangs} Erlangs needs more than the {limit} agents this crate searches: split the load across queues or intervals", erlangs = Num(*.erlangs)
    )]
    LoadBeyondSearchLimit {
        /// Offered load in Erlangs.
        erlangs: f64,
        /// The search limit.
        limit: u32,
    },
    /// A value of a series above [`crate::MAX_VALUE`] (1e100): far beyond any contact volume,
    /// and refused so that every sum of squares stays finite.
    #[error(
        "value {value} at index {index} of the {series} series is too large: values above {max} are refused so that every sum stays finite", value = Num(*.value), max = Num(*.max)
    )]
    ValueTooLarge {
        /// Which series.
        series: &'static str,
        /// Index of the value (0-based).
        index: usize,
        /// The value given.
        value: f64,
        /// The largest value accepted.
        max: f64,
    },
    /// Counts that would overflow a 64-bit total when accumulators are merged.
    #[error("merging would overflow the 64-bit count of {what}")]
    CountOverflow {
        /// What is counted.
        what: &'static str,
    },
    /// Fractional staffing with no target that binds above the load: every number of agents
    /// above the load meets the targets, so there is no fewest.
    #[error(
        "no fewest fractional staffing: with no service-level, ASA or occupancy target below 1, any number of agents above the load of {erlangs} Erlangs meets the targets", erlangs = Num(*.erlangs)
    )]
    NoFractionalMinimum {
        /// Offered load in Erlangs.
        erlangs: f64,
    },
    /// No staffing up to the search limit meets the target.
    #[error("no staffing up to {limit} agents meets the target {target}")]
    TargetUnreachable {
        /// The target, described.
        target: String,
        /// The largest number of agents tried.
        limit: u32,
    },
    /// A series (Erlang A) did not converge within its term budget. Not expected for any
    /// accepted input: series longer than 50,000 terms are evaluated as integrals instead, and
    /// patience is bounded (see [`crate::ErlangA::MAX_PATIENCE_RATIO`]); kept so that a case
    /// nobody foresaw is reported rather than looped on.
    #[error(
        "the Erlang A series for x = {x}, y = {y} did not converge within {terms} terms", x = Num(*.x), y = Num(*.y)
    )]
    SeriesDidNotConverge {
        /// n·μ/θ, agents times patience over handle time.
        x: f64,
        /// λ/θ, arrival rate times mean patience.
        y: f64,
        /// The term budget.
        terms: u64,
    },
    /// A staffing plan whose forecast series and handle-time series differ in length.
    #[error(
        "forecast has {volumes} volumes but {handle_times} handle times: give one handle time per interval, or one for all"
    )]
    LengthMismatch {
        /// Number of volumes.
        volumes: usize,
        /// Number of handle times.
        handle_times: usize,
    },
    /// An interval of a staffing plan failed; the inner error says why.
    #[error("interval {index} of the plan: {source}")]
    Interval {
        /// Index of the interval in the forecast (0-based).
        index: usize,
        /// What went wrong in that interval.
        source: Box<Error>,
    },
    /// A series (actuals, forecast, training history) that holds no value where at least one
    /// is needed.
    #[error("the {series} series is empty: at least one value is needed")]
    EmptySeries {
        /// Which series (`"actual"`, `"forecast"`, `"training"`, `"history"`).
        series: &'static str,
    },
    /// Two series that must pair up point by point differ in length.
    #[error(
        "the {left} series has {left_len} values but the {right} series has {right_len}: they must pair up one to one"
    )]
    SeriesLengthMismatch {
        /// The first series' name.
        left: &'static str,
        /// Its length.
        left_len: usize,
        /// The second series' name.
        right: &'static str,
        /// Its length.
        right_len: usize,
    },
    /// A value of a series that is NaN, infinite or negative (contact counts and forecasts of
    /// them are finite and not negative).
    #[error(
        "value {value} at index {index} of the {series} series is invalid: it must be finite and not negative", value = Num(*.value)
    )]
    InvalidValue {
        /// Which series.
        series: &'static str,
        /// Index of the value (0-based).
        index: usize,
        /// The value given.
        value: f64,
    },
    /// A prediction interval whose lower bound is above its upper bound.
    #[error(
        "the interval at index {index} is crossed: lower bound {lower} is above upper bound {upper}", lower = Num(*.lower), upper = Num(*.upper)
    )]
    CrossedInterval {
        /// Index of the point (0-based).
        index: usize,
        /// The lower bound given.
        lower: f64,
        /// The upper bound given.
        upper: f64,
    },
    /// A percent error whose denominator is zero: an actual of 0 (percent error relative to
    /// actual) or a forecast of 0 (relative to forecast) makes it infinite, so it is refused
    /// rather than returned as `inf` or NaN, or silently dropped.
    #[error(
        "{series} is 0 at index {index}: the {measure} divides by it, so it is undefined here (WAPE is defined whenever the total is positive)"
    )]
    ZeroDenominator {
        /// Which measure (`"MAPE"`, `"mean percent error"`, …).
        measure: &'static str,
        /// Which series holds the zero (`"actual"` or `"forecast"`).
        series: &'static str,
        /// Index of the first zero (0-based).
        index: usize,
    },
    /// A measure divided by a total that is zero (WAPE or the error of the period's sums when
    /// no contact arrived, or a scale of MASE/RMSSE from a training series with no change).
    #[error("the {measure} divides by {what}, which is 0: it is undefined for this input")]
    ZeroTotal {
        /// Which measure.
        measure: &'static str,
        /// What is zero (`"the sum of the actuals"`, `"the training series' seasonal-naive MAE"`).
        what: &'static str,
    },
    /// A series too short for what was asked of it (a season, a fitting method, a backtest).
    #[error("the {series} series has {len} values but {needed} are needed: {rule}")]
    TooShort {
        /// Which series.
        series: &'static str,
        /// Its length.
        len: usize,
        /// The fewest values needed.
        needed: usize,
        /// Why.
        rule: &'static str,
    },
    /// A count parameter (season length, horizon, step) outside its allowed range.
    #[error("{parameter} of {value} is outside its allowed range {range}")]
    CountOutOfRange {
        /// Which parameter (`"season length"`, `"horizon"`, …).
        parameter: &'static str,
        /// The value given.
        value: usize,
        /// The allowed range, in interval notation.
        range: &'static str,
    },
    /// A size the caller chose (a horizon, a season, slots per day) above the documented bound
    /// this crate checks before it allocates anything ([`crate::MAX_HORIZON`],
    /// [`crate::MAX_SEASON`], [`crate::MAX_SLOTS_PER_DAY`]).
    #[error("{parameter} of {value} is above the largest this crate accepts, {max}: {advice}")]
    CountTooLarge {
        /// Which parameter (`"horizon"`, `"season length"`, …).
        parameter: &'static str,
        /// The value given.
        value: u64,
        /// The largest value accepted.
        max: u64,
        /// What to do instead.
        advice: &'static str,
    },
    /// An Erlang A mean patience outside its range (see [`crate::ErlangA::MIN_PATIENCE_RATIO`]
    /// and [`crate::ErlangA::MAX_PATIENCE_RATIO`]).
    #[error(
        "mean patience of {seconds} seconds is invalid with a handle time of {aht_seconds} seconds: {rule}",
        seconds = Num(*.seconds),
        aht_seconds = Num(*.aht_seconds)
    )]
    PatienceOutOfRange {
        /// The patience given, in seconds.
        seconds: f64,
        /// The handle time, in seconds.
        aht_seconds: f64,
        /// The rule it broke.
        rule: &'static str,
    },
    /// A contact record that breaks a rule (a negative wait, a resolution before the arrival).
    #[error(
        "contact record with {field} = {value} is invalid: {rule}", value = Num(*.value)
    )]
    InvalidRecord {
        /// Which field.
        field: &'static str,
        /// The value given (seconds for times).
        value: f64,
        /// The rule it broke.
        rule: &'static str,
    },
    /// Two accumulators of different shapes (interval length, answer-time target, deadlines)
    /// cannot be merged.
    #[error("cannot merge accumulators: their {what} differ")]
    MergeMismatch {
        /// What differs.
        what: &'static str,
    },
    /// A stored value read back (with the `serde` feature) whose parts contradict each other:
    /// no sequence of calls could have built it.
    #[error("the stored {what} is inconsistent: {rule}")]
    InconsistentState {
        /// What was read (`"calendar"`, `"accuracy accumulator"`, …).
        what: &'static str,
        /// The rule it broke.
        rule: &'static str,
    },
    /// A model fit that found no valid parameters (for example a multiplicative season on a
    /// series with zeros).
    #[error("{model} cannot be fitted: {reason}")]
    FitFailed {
        /// The model.
        model: &'static str,
        /// Why.
        reason: &'static str,
    },
    /// A time span outside the range a model accepts relative to the handle time (Erlang X:
    /// patience and redial delay from 1e-6 to 1e9 times the handle time).
    #[error(
        "{parameter} of {seconds} seconds is invalid with a handle time of {aht_seconds} seconds: {rule}",
        seconds = Num(*.seconds),
        aht_seconds = Num(*.aht_seconds)
    )]
    TimeSpanOutOfRange {
        /// Which parameter (`"patience"`, `"redial delay"`).
        parameter: &'static str,
        /// The value given, in seconds.
        seconds: f64,
        /// The handle time, in seconds.
        aht_seconds: f64,
        /// The rule it broke.
        rule: &'static str,
    },
}

/// The crate's result type.
///
/// ```
/// fn agents() -> wfm_forecast::Result<u32> {
///     Ok(wfm_forecast::ErlangB::new(10.0)?.lines_needed(wfm_forecast::MaxProbability::new(0.01)?)?)
/// }
/// assert_eq!(agents()?, 18);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
pub type Result<T> = core::result::Result<T, Error>;

/// A number as a message shows it: rounded to 15 significant digits, which drops the binary
/// noise of a value computed from what the user typed (`33.33333 / 100` is
/// 0.33333329999999994, shown as 0.3333333) and keeps every digit a user types, then written
/// in the shortest form that reads back as that rounded value, with an exponent below 1e-5 or
/// from 1e16 on (1e-300 rather than three hundred digits). Every `f64` in an [`Error`]
/// message goes through it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Num(pub(crate) f64);

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
