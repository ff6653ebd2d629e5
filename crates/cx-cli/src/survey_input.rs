//! Survey answers read from CSV for `cx survey`: one column of answers (numbers or labels),
//! counted overall and per group (other columns, and optionally the period of a date column)
//! in one streaming pass into `cx_scales::Distribution`s and a `cx_survey::Grouped`.
//!
//! Rejected cells (an answer off the scale or unreadable, a bad date) stop the tool with the
//! file, line and column by default. With `--skip-invalid` each one is skipped and counted
//! (`skipped`), so that no answer is ever dropped silently; the first [`SKIPPED_LISTED`] (or
//! `--list-skipped N`, at most [`MAX_SKIPPED_LISTED`]) are written to standard error as warnings
//! at once and listed in the report with their line and column, the rest only counted
//! (`skipped_unlisted`), so that memory and output stay bounded whatever the input's size. Blank answer cells are not answers: they are counted
//! (`blank`) and left out, as in `cx scale`.
//!
//! With `--weight-column` each accepted answer also goes, with its row's weight, into a
//! `cx_survey::WeightedNps` or `WeightedProportion` (overall and per group) in the same pass. A
//! weight cell that is blank, not a number or outside `cx_survey::WEIGHT_RANGE` is a rejected
//! cell like any other: the row stops the tool, or is skipped whole under `--skip-invalid`.

use csv::StringRecord;
use cx_retention::{Period, PeriodUnit};
use cx_scales::{Band, Distribution, LabeledScale, Scale, Score};
use cx_survey::{
    Accumulator, Grouped, SurveyError, WEIGHT_RANGE, WeightedNps, WeightedProportion, check_weight,
};

use crate::error::CliError;
use crate::input::{CsvInput, Reading};
use crate::parse;
use crate::retention_cmd;

/// How many skipped cells are listed (on standard error and in the report) unless
/// `--list-skipped` says otherwise; the others are only counted.
pub(crate) const SKIPPED_LISTED: usize = 100;

/// The most skipped cells `--list-skipped` can ask to list: the list is held in memory, and
/// each listed value or reason is cut to [`LISTED_TEXT_CHARS`] characters, so the list takes
/// at most a few megabytes.
pub(crate) const MAX_SKIPPED_LISTED: usize = 10_000;

/// The most characters of a skipped cell's value (and of its reason) kept in the list; a
/// longer one ends with `…`.
pub(crate) const LISTED_TEXT_CHARS: usize = 200;

/// One cell left out under `--skip-invalid`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Skipped {
    /// The input's name.
    pub(crate) source: String,
    /// The 1-based line.
    pub(crate) line: u64,
    /// The column's name.
    pub(crate) column: String,
    /// The cell as read.
    pub(crate) value: String,
    /// Why it was rejected.
    pub(crate) reason: String,
}

/// The cells skipped under `--skip-invalid`: the first `limit` with their positions, and a count
/// of all of them. Its memory is bounded by `limit`, whatever the number of cells skipped.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Skips {
    /// The first `limit` skipped cells, in input order.
    pub(crate) listed: Vec<Skipped>,
    /// All skipped cells, listed or not.
    pub(crate) total: u64,
    /// How many are listed.
    limit: usize,
}

impl Skips {
    /// No cells skipped yet; at most `limit` (bounded by [`MAX_SKIPPED_LISTED`]) will be listed.
    pub(crate) fn new(limit: usize) -> Skips {
        Skips {
            listed: Vec::new(),
            total: 0,
            limit: limit.min(MAX_SKIPPED_LISTED),
        }
    }

    /// Skipped cells that are counted but not listed.
    pub(crate) fn unlisted(&self) -> u64 {
        self.total - self.listed.len() as u64
    }

    /// Counts one skipped cell, and lists it (`cell` is only called then) while the list has
    /// room.
    fn push(&mut self, cell: impl FnOnce() -> Skipped) {
        self.total = self.total.saturating_add(1);
        if self.listed.len() < self.limit {
            self.listed.push(cell());
        }
    }
}

/// `text` cut to [`LISTED_TEXT_CHARS`] characters (with `…` when cut).
pub(crate) fn shortened(text: &str) -> String {
    match text.char_indices().nth(LISTED_TEXT_CHARS) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

/// Reads a `--list-skipped` count: a whole number from 0 to [`MAX_SKIPPED_LISTED`].
pub(crate) fn listed_count(text: &str) -> Result<usize, String> {
    text.trim()
        .parse::<usize>()
        .ok()
        .filter(|&n| n <= MAX_SKIPPED_LISTED)
        .ok_or_else(|| {
            format!(
                "expected a whole number of cells from 0 to {MAX_SKIPPED_LISTED}, found {text:?}"
            )
        })
}

/// What to read from a file.
#[derive(Debug, Clone)]
pub(crate) struct Spec<'a> {
    /// The answer column.
    pub(crate) column: &'a str,
    /// The answers' scale.
    pub(crate) scale: Scale,
    /// Labels accepted besides the numbers.
    pub(crate) labels: Option<&'a LabeledScale>,
    /// Grouping columns (their cells, in this order, make the group's key).
    pub(crate) by: &'a [String],
    /// Group also by the period of this date column.
    pub(crate) period: Option<(PeriodUnit, &'a str)>,
    /// Skip and report rejected cells instead of stopping.
    pub(crate) skip_invalid: bool,
    /// The weight column and the empty weighted accumulator each answer also goes into.
    pub(crate) weights: Option<(&'a str, Weighted)>,
}

/// A weighted accumulator of `cx_survey`: the NPS, or the share of a band.
#[derive(Debug, Clone)]
pub(crate) enum Weighted {
    /// Weighted NPS.
    Nps(WeightedNps),
    /// Weighted share of the answers in the band.
    Share(WeightedProportion, Band),
}

impl Accumulator for Weighted {
    /// An answer's point and its weight.
    type Answer = (i64, f64);

    fn empty_like(&self) -> Self {
        match self {
            Weighted::Nps(_) => Weighted::Nps(WeightedNps::new()),
            Weighted::Share(_, b) => Weighted::Share(WeightedProportion::new(), b.clone()),
        }
    }

    fn record(&mut self, (answer, weight): (i64, f64)) -> Result<(), SurveyError> {
        match self {
            Weighted::Nps(n) => n.push(answer, weight),
            Weighted::Share(p, b) => p.push(b.contains(answer), weight),
        }
    }

    fn merge(&mut self, other: &Self) -> Result<(), SurveyError> {
        match (self, other) {
            (Weighted::Nps(a), Weighted::Nps(b)) => a.merge(b),
            (Weighted::Share(a, _), Weighted::Share(b, _)) => a.merge(b),
            _ => Err(SurveyError::OutOfRange {
                name: "weighted accumulator",
                value: f64::NAN,
                range: "one of the same metric",
            }),
        }
    }
}

/// The weighted accumulators filled alongside the counts.
#[derive(Debug, Clone)]
pub(crate) struct WeightedTallies {
    /// Every accepted answer, weighted.
    pub(crate) overall: Weighted,
    /// Per group (empty without grouping), with the same keys as [`Tallies::groups`].
    pub(crate) groups: Grouped<String, Weighted>,
}

/// Answers counted overall and per group.
#[derive(Debug, Clone)]
pub(crate) struct Tallies {
    /// Every accepted answer.
    pub(crate) overall: Distribution,
    /// Per group (empty without grouping).
    pub(crate) groups: Grouped<String, Distribution>,
    /// Data rows read.
    pub(crate) rows: u64,
    /// Blank answer cells (no answer).
    pub(crate) blank: u64,
    /// The weighted accumulators, with `--weight-column`.
    pub(crate) weighted: Option<WeightedTallies>,
}

impl Tallies {
    /// Whether the answers are grouped.
    pub(crate) fn grouped(spec: &Spec<'_>) -> bool {
        !spec.by.is_empty() || spec.period.is_some()
    }
}

/// The separator between the parts of a group's key (`phone / 2026-10`).
pub(crate) const KEY_SEPARATOR: &str = " / ";

/// Reads `path` (`-` for standard input) in one pass; cells skipped under `--skip-invalid` go
/// into `skips`.
pub(crate) fn read(
    path: &str,
    spec: &Spec<'_>,
    reading: Reading<'_>,
    skips: &mut Skips,
) -> Result<Tallies, CliError> {
    let skipped_before = skips.total;
    let mut input = CsvInput::open(path, reading)?;
    let answer = input.column(spec.column)?;
    let by = spec
        .by
        .iter()
        .map(|c| input.column(c))
        .collect::<Result<Vec<_>, _>>()?;
    let date = match spec.period {
        Some((_, c)) => Some(input.column(c)?),
        None => None,
    };
    let weight = match &spec.weights {
        Some((c, _)) => Some(input.column(c)?),
        None => None,
    };
    let mut t = Tallies {
        overall: Distribution::new(spec.scale),
        groups: Grouped::new(Distribution::new(spec.scale)),
        rows: 0,
        blank: 0,
        weighted: spec.weights.as_ref().map(|(_, w)| WeightedTallies {
            overall: w.empty_like(),
            groups: Grouped::new(w.empty_like()),
        }),
    };
    let mut rec = StringRecord::new();
    let mut key = String::new();
    while input.next(&mut rec)? {
        t.rows += 1;
        let cell = rec.get(answer).unwrap_or("");
        if cell.is_empty() {
            t.blank += 1;
            continue;
        }
        let score = match spec.labels {
            Some(l) => l.parse(cell),
            None => Score::parse(spec.scale, cell),
        };
        let score = match score {
            Ok(s) => s,
            Err(e) => {
                // The message is only written for a cell that is reported.
                let error = || {
                    let why = format!("expected an answer on the scale {}: {e}", spec.scale);
                    input.cell_error(&rec, answer, why)
                };
                reject(skips, reading, &input, &rec, spec.column, cell, error, spec)?;
                continue;
            }
        };
        let mut w = 1.0;
        if let (Some(c), Some((name, _))) = (weight, &spec.weights) {
            match input.parse(&rec, c, weight_cell) {
                Ok(v) => w = v,
                Err(e) => {
                    let cell = rec.get(c).unwrap_or("");
                    reject(skips, reading, &input, &rec, name, cell, || e, spec)?;
                    continue;
                }
            }
        }
        key.clear();
        for &c in &by {
            if !key.is_empty() {
                key.push_str(KEY_SEPARATOR);
            }
            key.push_str(rec.get(c).unwrap_or(""));
        }
        if let (Some(c), Some((unit, name))) = (date, spec.period) {
            let cell = rec.get(c).unwrap_or("");
            let period = input.parse(&rec, c, |d| {
                parse::date(d).and_then(|d| Period::containing(unit, d).map_err(|e| e.to_string()))
            });
            match period {
                Ok(p) => {
                    if !key.is_empty() {
                        key.push_str(KEY_SEPARATOR);
                    }
                    key.push_str(&retention_cmd::label(p));
                }
                Err(e) => {
                    reject(skips, reading, &input, &rec, name, cell, || e, spec)?;
                    continue;
                }
            }
        }
        t.overall.record(score)?;
        if Tallies::grouped(spec) {
            t.groups.record(key.clone(), i64::from(score.value()))?;
        }
        if let Some(wt) = &mut t.weighted {
            let answer = (i64::from(score.value()), w);
            wt.overall.record(answer)?;
            if Tallies::grouped(spec) {
                wt.groups.record(key.clone(), answer)?;
            }
        }
    }
    input.finish();
    if t.overall.is_empty() {
        return Err(CliError::in_input(
            input.name(),
            format!(
                "no answers in column '{}' (expected at least one; {} blank, {} skipped)",
                spec.column,
                t.blank,
                skips.total - skipped_before
            ),
        ));
    }
    Ok(t)
}

/// A survey weight: a number within `cx_survey::WEIGHT_RANGE`.
fn weight_cell(cell: &str) -> Result<f64, String> {
    let (lo, hi) = WEIGHT_RANGE;
    if cell.is_empty() {
        return Err(format!(
            "expected a survey weight in [{lo:e}, {hi:e}], found a blank cell"
        ));
    }
    let w = parse::real(cell).map_err(|_| {
        format!("expected a survey weight (a number in [{lo:e}, {hi:e}]), found {cell:?}")
    })?;
    check_weight(w).map_err(|_| {
        format!(
            "expected a survey weight in [{lo:e}, {hi:e}], found {}",
            crate::output::number(w)
        )
    })
}

/// Stops on a rejected cell, or (with `--skip-invalid`) counts it, and while the list has room
/// lists it and warns on standard error at once.
#[allow(clippy::too_many_arguments)]
fn reject(
    skips: &mut Skips,
    reading: Reading<'_>,
    input: &CsvInput<'_>,
    rec: &StringRecord,
    column: &str,
    cell: &str,
    error: impl FnOnce() -> CliError,
    spec: &Spec<'_>,
) -> Result<(), CliError> {
    if !spec.skip_invalid {
        return Err(error());
    }
    let mut warning = None;
    skips.push(|| {
        let error = error();
        let message = error.to_string();
        // The message is "file, line N, column 'c': reason"; keep the reason alone.
        let reason = message
            .split_once("': ")
            .map_or(message.as_str(), |(_, r)| r);
        let cell = Skipped {
            source: input.name().to_owned(),
            line: input.line(rec),
            column: column.to_owned(),
            value: shortened(cell),
            reason: shortened(reason),
        };
        warning = Some(format!("skipped {}", shortened(&message)));
        cell
    });
    if let Some(w) = warning {
        reading.warn(w);
    }
    Ok(())
}

/// Counts per point given on the command line (`--counts 3,4,8,40,45`, lowest point first).
pub(crate) fn from_counts(scale: Scale, counts: &[u64]) -> Result<Distribution, CliError> {
    let d = Distribution::from_counts(scale, counts)
        .map_err(|e| CliError::usage(format!("--counts: {e}")))?;
    if d.is_empty() {
        return Err(CliError::usage(
            "--counts: expected at least one answer (all counts are 0)",
        ));
    }
    Ok(d)
}
