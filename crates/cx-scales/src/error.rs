//! The crate's one error type.

use crate::{Fraction, Scale};

/// Everything that can go wrong when building scales, scores, bands, distributions and
/// conversions.
///
/// Every variant names the offending value and the rule it broke, so that the message alone
/// tells the user what to fix.
///
/// ```
/// use cx_scales::{Scale, Score};
///
/// let err = Score::new(Scale::ONE_TO_FIVE, 6).unwrap_err();
/// assert_eq!(err.to_string(), "answer 6 is not a point of the scale 1..=5");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ScaleError {
    /// A scale's bounds are not in increasing order.
    #[error("a scale needs min < max, got min {min} and max {max}")]
    EmptyRange {
        /// The lowest point asked for.
        min: i64,
        /// The highest point asked for.
        max: i64,
    },
    /// A scale's step is not a positive divisor of its range.
    #[error("step {step} must be at least 1 and divide the range {min}..={max}")]
    InvalidStep {
        /// The lowest point asked for.
        min: i64,
        /// The highest point asked for.
        max: i64,
        /// The step asked for.
        step: i64,
    },
    /// A scale's bound lies outside the supported range of point values.
    #[error("scale bound {value} is outside the supported range -{limit}..={limit}")]
    BoundOutOfRange {
        /// The offending bound.
        value: i64,
        /// The largest supported absolute value of a point.
        limit: i64,
    },
    /// A scale has more points than the crate supports.
    #[error("a scale of {points} points is larger than the supported {limit} points")]
    TooManyPoints {
        /// The number of points asked for.
        points: i64,
        /// The largest supported number of points.
        limit: usize,
    },
    /// An integer answer is not a point of the scale.
    #[error("answer {value} is not a point of the scale {scale}")]
    OffScale {
        /// The offending answer.
        value: i64,
        /// The scale it was checked against.
        scale: Scale,
    },
    /// An answer in a slice of raw answers is not a point of the scale.
    #[error("answer {value} at position {position} is not a point of the scale {scale}")]
    OffScaleAt {
        /// The offending answer.
        value: i64,
        /// Its zero-based position in the input.
        position: usize,
        /// The scale it was checked against.
        scale: Scale,
    },
    /// A floating-point answer is finite but not a point of the scale (for example 6.5).
    #[error("answer {value} is not a point of the scale {scale}", value = num(.value))]
    NotAPoint {
        /// The offending answer.
        value: f64,
        /// The scale it was checked against.
        scale: Scale,
    },
    /// A value to convert lies outside the range of its scale (a mean or a mapped threshold
    /// can fall between points, but never below the minimum or above the maximum).
    #[error("value {value} lies outside the range {scale} of the scale it is converted from", value = num(.value))]
    OutsideRange {
        /// The offending value.
        value: f64,
        /// The scale whose range it leaves.
        scale: Scale,
    },
    /// An exact computation with a [`Fraction`] (its image under a conversion, or the part of a
    /// point that a span's end cuts off) needs a fraction that does not fit 64-bit integers (a
    /// denominator beyond about 9.2e18); only inputs with absurdly fine fractions get here.
    #[error("the exact result for {value} is too fine to hold as a fraction of 64-bit integers")]
    TooFine {
        /// The value converted, or the end of the span measured.
        value: Fraction,
    },
    /// A floating-point input is NaN or infinite.
    #[error("{what} must be a finite number, got {value}", value = num(.value))]
    NonFinite {
        /// What the number was meant to be.
        what: &'static str,
        /// The offending value.
        value: f64,
    },
    /// A text answer (for example a CSV cell) is neither a number nor a label of the scale.
    #[error("cannot read {text:?} as an answer on the scale {scale}")]
    Unparsable {
        /// The offending text.
        text: String,
        /// The scale it was read against.
        scale: Scale,
    },
    /// A label is not one of the scale's labels.
    #[error("{label:?} is not a label of the scale {scale}")]
    UnknownLabel {
        /// The offending label.
        label: String,
        /// The labelled scale.
        scale: Scale,
    },
    /// A labelled scale got the wrong number of labels.
    #[error("the scale {scale} has {expected} points but {found} labels were given")]
    LabelCount {
        /// The scale being labelled.
        scale: Scale,
        /// Its number of points.
        expected: usize,
        /// The number of labels given.
        found: usize,
    },
    /// A label longer than [`LabeledScale::MAX_LABEL_BYTES`](crate::LabeledScale::MAX_LABEL_BYTES).
    #[error("a label of {bytes} bytes is too long (rule: at most {max} bytes)")]
    LabelTooLong {
        /// The label's length in bytes.
        bytes: usize,
        /// The longest label accepted, in bytes.
        max: usize,
    },
    /// A label is empty, or repeats another label (compared without case and surrounding
    /// whitespace).
    #[error("label {label:?} is empty or not unique")]
    BadLabel {
        /// The offending label.
        label: String,
    },
    /// A label reads as the number of another point of the scale, so that a text answer equal
    /// to it would be ambiguous (a label equal to its own point's number is allowed).
    #[error("label {label:?} of point {point} reads as the number of point {reads_as}")]
    NumericLabel {
        /// The offending label.
        label: String,
        /// The point it labels.
        point: i64,
        /// The other point whose number it reads as.
        reads_as: i64,
    },
    /// Two values on different scales were combined.
    #[error("cannot combine values on the scale {left} with values on the scale {right}")]
    ScaleMismatch {
        /// The scale of the left operand.
        left: Scale,
        /// The scale of the right operand.
        right: Scale,
    },
    /// A statistic was asked of a distribution with no answers.
    #[error("the distribution on the scale {scale} holds no answers")]
    Empty {
        /// The scale of the empty distribution.
        scale: Scale,
    },
    /// A statistic needs more answers than the distribution holds (a sample variance needs two).
    #[error("{statistic} needs at least {needed} answers, the distribution holds {found}")]
    TooFewAnswers {
        /// The statistic asked for.
        statistic: &'static str,
        /// The answers it needs.
        needed: u64,
        /// The answers there are.
        found: u64,
    },
    /// A count given for a point is negative.
    #[error("count {count} for point {point} at position {position} is negative")]
    NegativeCount {
        /// The point.
        point: i64,
        /// The offending count.
        count: i128,
        /// Zero-based position of the entry among the counts given.
        position: usize,
    },
    /// Counts add up to more than `u64::MAX`.
    #[error("counts overflow a 64-bit total")]
    CountOverflow,
    /// A slice of counts does not have one entry per point.
    #[error("the scale {scale} has {expected} points but {found} counts were given")]
    CountsLength {
        /// The scale.
        scale: Scale,
        /// Its number of points.
        expected: usize,
        /// The number of counts given.
        found: usize,
    },
    /// A point appears twice in a table.
    #[error(
        "point {point} appears more than once (entries {first} and {position}, counted from 0)"
    )]
    DuplicatePoint {
        /// The repeated point.
        point: i64,
        /// Zero-based position of the entry that first gave the point.
        first: usize,
        /// Zero-based position of the entry that repeats it.
        position: usize,
    },
    /// A percentage is negative or above 100.
    #[error("percentage {percent} for point {point} at position {position} is outside 0..=100", percent = num(.percent))]
    PercentOutOfRange {
        /// The point.
        point: i64,
        /// The offending percentage.
        percent: f64,
        /// Zero-based position of the entry in the table.
        position: usize,
    },
    /// Percentages do not add up to 100 within the stated tolerance.
    #[error("percentages add up to {sum}, not 100 within ±{tolerance} percentage points", sum = num(.sum), tolerance = num(.tolerance))]
    PercentSum {
        /// Their sum.
        sum: f64,
        /// The tolerance allowed, in percentage points.
        tolerance: f64,
    },
    /// The rounding precision of published percentages is negative, NaN, infinite or above 100
    /// percentage points (any of which would switch the consistency check off).
    #[error("precision {precision} must be a finite number of percentage points within 0..=100", precision = num(.precision))]
    InvalidPrecision {
        /// The offending precision.
        precision: f64,
    },
    /// A tolerance is negative, NaN or too large to mean anything.
    #[error("tolerance {tolerance} must be within 0..=10 percentage points", tolerance = num(.tolerance))]
    InvalidTolerance {
        /// The offending tolerance.
        tolerance: f64,
    },
    /// Percentages and a number of respondents do not give whole counts.
    #[error(
        "{percent}% of {respondents} respondents for point {point} is {count}, not a whole number of answers",
        percent = num(.percent), count = num(.count)
    )]
    InconsistentRespondents {
        /// The point.
        point: i64,
        /// Its published percentage.
        percent: f64,
        /// The number of respondents stated.
        respondents: u64,
        /// The implied count, `percent × respondents / 100`.
        count: f64,
    },
    /// Counts were asked of a percentage table with more respondents than a float holds exactly.
    #[error(
        "cannot recover counts of {respondents} respondents from percentages: at most {limit} are supported"
    )]
    TooManyRespondents {
        /// The number of respondents of the table.
        respondents: u64,
        /// The largest supported, [`PercentTable::MAX_RESPONDENTS_FOR_COUNTS`](crate::PercentTable::MAX_RESPONDENTS_FOR_COUNTS).
        limit: u64,
    },
    /// A share of zero answers was asked for; it is undefined.
    #[error("a share of {part} out of 0 answers is undefined")]
    ZeroWhole {
        /// The part asked for.
        part: u64,
    },
    /// A share is outside 0..=1.
    #[error("share {value} is outside 0..=1", value = num(.value))]
    ShareOutOfRange {
        /// The offending value.
        value: f64,
    },
    /// A band's bounds are not points of its scale, or are in the wrong order.
    #[error("band {lo}..={hi} is not a range of points of the scale {scale}")]
    BandOutside {
        /// The lowest point of the band.
        lo: i64,
        /// The highest point of the band.
        hi: i64,
        /// The scale.
        scale: Scale,
    },
    /// A box of `k` points asked for `k = 0` or more points than the scale has.
    #[error("a box of {k} points does not fit the scale {scale}")]
    BoxSize {
        /// The number of points asked for.
        k: usize,
        /// The scale.
        scale: Scale,
    },
    /// A partition leaves a point of the scale uncovered.
    #[error("the partition leaves point {point} of the scale {scale} in no band")]
    PartitionGap {
        /// The first uncovered point.
        point: i64,
        /// The scale.
        scale: Scale,
    },
    /// A partition puts a point in two bands.
    #[error("the partition puts point {point} of the scale {scale} in two bands")]
    PartitionOverlap {
        /// The first point covered twice.
        point: i64,
        /// The scale.
        scale: Scale,
    },
    /// A partition has no band with the name asked for.
    #[error("the partition has no band named {name:?}")]
    UnknownBand {
        /// The name asked for.
        name: String,
    },
    /// A threshold mapped to another scale falls between its points and the policy asks for an
    /// exact match.
    #[error("threshold {threshold} maps to {mapped} on the scale {scale}, which is not a point")]
    NotExact {
        /// The threshold on the source scale.
        threshold: i64,
        /// Where it lands on the target scale.
        mapped: Fraction,
        /// The target scale.
        scale: Scale,
    },
    /// A band mapped to another scale holds no point of it under the chosen policy.
    #[error("band {lo}..={hi} maps to {mapped_lo}..={mapped_hi} on {scale}, which holds no point")]
    EmptyMappedBand {
        /// The lowest point of the source band.
        lo: i64,
        /// The highest point of the source band.
        hi: i64,
        /// Where the lower edge lands.
        mapped_lo: Fraction,
        /// Where the upper edge lands.
        mapped_hi: Fraction,
        /// The target scale.
        scale: Scale,
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
