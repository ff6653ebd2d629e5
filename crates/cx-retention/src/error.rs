//! The crate's one error type.

use jiff::civil::Date;

use crate::period::PeriodUnit;

/// Everything that can go wrong in `cx-retention`.
///
/// Each variant names the offending value and the rule it broke, so that the message alone
/// tells the caller what to fix.
///
/// ```
/// use cx_retention::{PeriodCounts, RetentionError};
///
/// let empty = PeriodCounts::new(0, 5, 0)?;
/// let err = empty.retention_rate().unwrap_err();
/// assert!(matches!(err, RetentionError::ZeroStartingCustomers { .. }));
/// assert_eq!(
///     err.to_string(),
///     "retention rate is undefined: the period starts with 0 customers (rule: the denominator must be at least 1)"
/// );
/// # Ok::<(), RetentionError>(())
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RetentionError {
    /// A rate whose denominator is the number of customers at the start of a period was asked
    /// for a period that starts with no customers.
    #[error(
        "{rate} is undefined: the period starts with 0 customers (rule: the denominator must be at least 1)"
    )]
    ZeroStartingCustomers {
        /// Which rate was asked for.
        rate: &'static str,
    },
    /// A revenue rate was asked for a base with zero starting revenue.
    #[error("{rate} is undefined: starting revenue is 0 (rule: the denominator must be positive)")]
    ZeroStartingRevenue {
        /// Which rate was asked for.
        rate: &'static str,
    },
    /// A start-base rate asked of counts built without the split of losses.
    #[error(
        "{rate} needs the loss split (lost from start vs lost among new customers), which these counts lack (rule: build them with PeriodCounts::with_split)"
    )]
    LossSplitUnknown {
        /// Which rate was asked for.
        rate: &'static str,
    },
    /// Per-period counts that lose more customers than they had.
    #[error(
        "{lost} customers lost but only {available} available ({what}) (rule: lost ≤ customers present)"
    )]
    LostExceedsAvailable {
        /// The number lost.
        lost: u64,
        /// The number that could have been lost.
        available: u64,
        /// Which base was exceeded.
        what: &'static str,
    },
    /// A cohort or age outside a cohort table.
    #[error(
        "cohort {cohort}, age {age} is outside the table (rule: cohort < {cohorts} and age < cohorts − cohort)"
    )]
    CellOutOfRange {
        /// The cohort slot asked for.
        cohort: usize,
        /// The age (periods since acquisition) asked for.
        age: usize,
        /// Number of cohorts in the table.
        cohorts: usize,
    },
    /// A revenue figure asked of a table built without revenue (from subscription records).
    #[error(
        "{what} needs revenue, which this table was not built with (rule: use activity events with revenue)"
    )]
    NoRevenue {
        /// What was asked for.
        what: &'static str,
    },
    /// A count does not fit in `u64`.
    #[error("count overflow: {what} exceeds u64::MAX")]
    CountOverflow {
        /// Which count overflowed.
        what: &'static str,
    },
    /// A date range or subscription whose end is not after its start.
    #[error("end {end} is not after start {start} (rule: start < end, end exclusive)")]
    EndNotAfterStart {
        /// The start (inclusive).
        start: Date,
        /// The end (exclusive).
        end: Date,
    },
    /// A tenure whose start is after the date the data were taken (`as_of`): the customer had
    /// not joined yet ([`TenureObservation::from_dates`](crate::TenureObservation::from_dates)).
    #[error(
        "start {start} is after the as-of date {as_of} (rule: start ≤ as-of, the day the data were taken)"
    )]
    StartAfterAsOf {
        /// The start of the tenure.
        start: Date,
        /// The observation date.
        as_of: Date,
    },
    /// A period computation left the range of dates jiff supports (-9999-01-01..=9999-12-31).
    #[error("the {unit} period for {date} is outside the supported dates -9999-01-01..=9999-12-31")]
    DateOutOfRange {
        /// The period unit.
        unit: PeriodUnit,
        /// The date (or period start) that was being stepped from.
        date: Date,
    },
    /// Two periods or windows of different units were combined.
    #[error("period units differ: {left} and {right} (rule: combine periods of one unit)")]
    UnitMismatch {
        /// The unit of the left operand.
        left: PeriodUnit,
        /// The unit of the right operand.
        right: PeriodUnit,
    },
    /// A window of periods with no periods in it.
    #[error("the window has {len} periods (rule: at least 1 and at most {max})")]
    WindowLength {
        /// The requested number of periods.
        len: i64,
        /// The largest supported number of periods.
        max: i64,
    },
    /// Two accumulators that cover different windows or rules were merged.
    #[error("cannot merge accumulators: {what} differ (rule: merge only like with like)")]
    IncompatibleMerge {
        /// What differs.
        what: &'static str,
    },
    /// Records of customers not sorted by customer id, or a customer's records split apart.
    #[error(
        "customer {customer} comes after customer {previous} (rule: records grouped by customer in ascending id order)"
    )]
    UnorderedCustomers {
        /// The customer just read.
        customer: u64,
        /// The customer read before it.
        previous: u64,
    },
    /// A customer's subscriptions not in ascending order of start date.
    #[error(
        "record {record}, customer {customer}: subscription starting {start} comes after one starting {previous_start} (rule: ascending start dates within a customer)"
    )]
    UnorderedSubscriptions {
        /// The customer.
        customer: u64,
        /// Zero-based position of the offending record in the batch given.
        record: usize,
        /// The start just read.
        start: Date,
        /// The previous start.
        previous_start: Date,
    },
    /// The same subscription appears twice, or two subscriptions of one customer overlap.
    #[error(
        "record {record}, customer {customer}: subscription starting {start} overlaps the previous one, which ends {previous_end} (rule: a customer's subscriptions must not overlap; duplicates overlap)"
    )]
    OverlappingSubscriptions {
        /// The customer.
        customer: u64,
        /// Zero-based position of the offending record in the batch given.
        record: usize,
        /// The start of the offending subscription.
        start: Date,
        /// The end of the previous subscription (`None` = still open).
        previous_end: DisplayEnd,
    },
    /// A subscription record whose end is not after its start.
    #[error(
        "record {record}, customer {customer}: end {end} is not after start {start} (rule: start < end, end exclusive)"
    )]
    SubscriptionEndNotAfterStart {
        /// The customer.
        customer: u64,
        /// Zero-based position of the offending record in the batch given.
        record: usize,
        /// The start (inclusive).
        start: Date,
        /// The end (exclusive).
        end: Date,
    },
    /// Revenue that is NaN, infinite, negative or too large for minor units.
    #[error("revenue {value} is not allowed (rule: finite, ≥ 0 and < 2^63 minor units)", value = num(.value))]
    InvalidRevenue {
        /// The offending amount as given.
        value: f64,
    },
    /// A lapse rule with zero periods.
    #[error("lapse after {periods} inactive periods is not allowed (rule: at least 1)")]
    InvalidLapse {
        /// The offending number of periods.
        periods: u32,
    },
    /// A model or formula parameter outside its domain.
    #[error("parameter '{name}' = {value} is invalid (rule: {rule})", value = num(.value))]
    InvalidParameter {
        /// The parameter's name.
        name: &'static str,
        /// The offending value.
        value: f64,
        /// The rule it broke.
        rule: &'static str,
    },
    /// Survivor counts that cannot be fitted.
    #[error("survivor counts are invalid at index {index}: {rule}")]
    InvalidSurvivors {
        /// Index of the offending count.
        index: usize,
        /// The rule it broke.
        rule: &'static str,
    },
    /// A maximum-likelihood estimate at the edge of the range the fit searches, 2e-9 < α, β
    /// < 5e8: tiny values mean the data pile all churn into the first periods; huge ones mean
    /// the heterogeneity is too slight to estimate (when there is none at all, the fit
    /// reports [`ConstantChurn`](RetentionError::ConstantChurn) instead).
    #[error(
        "{model} likelihood is maximised at the edge of the parameter space (alpha = {alpha:e}, beta = {beta:e}); huge values mean too little heterogeneity to estimate (a constant churn rate fits almost as well), tiny ones mean churn only at the start (rule: an interior maximum, 2e-9 < alpha, beta < 5e8)"
    )]
    BoundaryEstimate {
        /// The model being fitted.
        model: &'static str,
        /// Where the optimiser stopped.
        alpha: f64,
        /// Where the optimiser stopped.
        beta: f64,
    },
    /// A size the caller chose (a horizon, a number of observations) above the documented
    /// limit that keeps the work bounded; nothing was allocated.
    #[error("{what} = {value} is too large (rule: at most {max}, {limit})")]
    TooLarge {
        /// What was asked for, e.g. "horizon".
        what: &'static str,
        /// The requested size.
        value: u64,
        /// The largest supported size.
        max: u64,
        /// The public constant that holds the limit, e.g. `SbgModel::MAX_HORIZON`.
        limit: &'static str,
    },
    /// The sBG likelihood has no interior maximum because the data show no heterogeneity:
    /// it rises towards α, β → ∞ with α/(α + β) fixed, the limit in which every customer has
    /// the same churn probability. The constant-churn (geometric) model
    /// S(t) = (1 − `churn_rate`)ᵗ is the better fit; use it, e.g. through
    /// [`FormulaLtv`](crate::FormulaLtv) with retention `1 − churn_rate`.
    #[error(
        "the sBG likelihood has no interior maximum: it is highest in the constant-churn limit (alpha, beta → ∞ with alpha/(alpha + beta) = {churn_rate}), so the data show no heterogeneity to estimate; use the geometric model with a constant churn rate of {churn_rate} per period, S(t) = (1 − {churn_rate})^t (log-likelihood {log_likelihood})",
        churn_rate = num(.churn_rate), log_likelihood = num(.log_likelihood)
    )]
    ConstantChurn {
        /// The maximum-likelihood constant churn rate per period: customers lost divided by
        /// customer-periods at risk.
        churn_rate: f64,
        /// The log-likelihood of the geometric model at that rate (counts, not per customer),
        /// the supremum of the sBG log-likelihood.
        log_likelihood: f64,
    },
    /// A fit that did not converge.
    #[error("{model} fit did not converge in {iterations} iterations")]
    NoConvergence {
        /// The model being fitted.
        model: &'static str,
        /// Iterations spent.
        iterations: usize,
    },
    /// A Kaplan–Meier input with a negative or non-finite duration.
    #[error("duration {value} at index {index} is invalid (rule: finite and ≥ 0)", value = num(.value))]
    InvalidDuration {
        /// Index of the subject.
        index: usize,
        /// The offending duration.
        value: f64,
    },
    /// An empty input where at least one item is needed.
    #[error("{what} is empty (rule: at least one {item})")]
    Empty {
        /// What is empty.
        what: &'static str,
        /// What it needs at least one of.
        item: &'static str,
    },
}

/// The end of a subscription as shown in error messages: a date or "open".
///
/// ```
/// use cx_retention::DisplayEnd;
/// assert_eq!(DisplayEnd(None).to_string(), "open (no end)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DisplayEnd(pub Option<Date>);

impl core::fmt::Display for DisplayEnd {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.0 {
            Some(d) => write!(f, "{d}"),
            None => f.write_str("open (no end)"),
        }
    }
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
