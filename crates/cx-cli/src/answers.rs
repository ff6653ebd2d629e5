//! A distribution of answers read from CSV: a column of raw answers, a `point,count` table or
//! a published `point,percent` table.
//!
//! Raw answers stream into a [`Distribution`] one cell at a time (blank cells are skipped and
//! counted: no answer is not an answer); a count table becomes a [`Distribution`], a percent
//! table a [`PercentTable`], which must add up to 100 within `--tolerance` points.

use clap::{Args, ValueEnum};
use csv::StringRecord;
use cx_scales::{
    Band, BandBenchmark, BenchmarkResult, Conversion, Distribution, Frequencies, LabeledScale,
    Method, PercentTable, Scale, ScaleError, Score, Share, ThresholdPolicy,
};

use crate::error::CliError;
use crate::input::{CsvInput, Reading};
use crate::parse;

/// Named answer labels accepted in raw answers (besides the numbers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Labels {
    /// CEB's 7-point agreement scale: "Strongly disagree" (1) … "Strongly agree" (7).
    Ces,
    /// Three smileys on 1..=5/2: "negative" (1), "neutral" (3), "positive" (5).
    Smileys,
}

/// Where the answers come from and on which scale.
#[derive(Args, Debug, Clone)]
pub(crate) struct AnswerArgs {
    /// CSV file of answers, or `-` for standard input.
    #[arg(value_name = "FILE")]
    pub(crate) input: String,
    /// The scale of the answers, e.g. `1..=10` or `0-10` (`1..=5/2` for smileys as 1/3/5).
    #[arg(long, value_parser = parse::scale, value_name = "SCALE")]
    pub(crate) scale: Scale,
    /// Read raw answers from this column (one answer per row). Without it the file is a table
    /// with a `point` column and a `count` or `percent` column.
    #[arg(long, value_name = "NAME")]
    pub(crate) column: Option<String>,
    /// Also accept these labels as answers in the raw column.
    #[arg(long, value_enum)]
    pub(crate) labels: Option<Labels>,
    /// How far (in percentage points) a percent table may add up from 100.
    #[arg(long, default_value_t = 0.5, value_name = "POINTS")]
    pub(crate) tolerance: f64,
}

/// Answers known by counts or by published percentages.
#[derive(Debug, Clone)]
pub(crate) enum Answers {
    /// Counted answers.
    Counts(Distribution),
    /// A published percentage table.
    Percents(PercentTable),
}

/// What was read.
#[derive(Debug, Clone)]
pub(crate) struct Loaded {
    /// The answers.
    pub(crate) answers: Answers,
    /// `answers`, `counts` or `percent`: the form of the input.
    pub(crate) form: &'static str,
    /// Blank cells skipped in a raw column.
    pub(crate) blank: u64,
}

impl Answers {
    /// The number of answers, when known (not for a percent table).
    pub(crate) fn n(&self) -> Option<u64> {
        match self {
            Answers::Counts(d) => Some(d.n()),
            Answers::Percents(t) => t.respondents(),
        }
    }

    /// The percentage of each point, lowest point first.
    pub(crate) fn percents(&self) -> Vec<f64> {
        match self {
            Answers::Counts(d) => PercentTable::from(d).percents().to_vec(),
            Answers::Percents(t) => t.percents().to_vec(),
        }
    }

    /// The counts per point, when known.
    pub(crate) fn counts(&self) -> Option<&[u64]> {
        match self {
            Answers::Counts(d) => Some(d.counts()),
            Answers::Percents(_) => None,
        }
    }

    /// The mean answer.
    pub(crate) fn mean(&self) -> Result<f64, ScaleError> {
        match self {
            Answers::Counts(d) => d.mean(),
            Answers::Percents(t) => t.mean(),
        }
    }

    /// The share in `band`.
    pub(crate) fn share(&self, band: &Band) -> Result<Share, ScaleError> {
        match self {
            Answers::Counts(d) => d.share(band),
            Answers::Percents(t) => t.share(band),
        }
    }

    /// The answers carried to another scale.
    pub(crate) fn convert(&self, c: &Conversion) -> Result<PercentTable, ScaleError> {
        match self {
            Answers::Counts(d) => c.map_frequencies(d),
            Answers::Percents(t) => c.map_frequencies(t),
        }
    }

    /// The answers measured against a benchmark.
    pub(crate) fn evaluate(
        &self,
        b: &BandBenchmark,
        method: Method,
        policy: ThresholdPolicy,
    ) -> Result<BenchmarkResult, ScaleError> {
        match self {
            Answers::Counts(d) => b.evaluate(d, method, policy),
            Answers::Percents(t) => b.evaluate(t, method, policy),
        }
    }
}

/// Reads the answers described by `args`.
pub(crate) fn load(args: &AnswerArgs, reading: Reading) -> Result<Loaded, CliError> {
    let mut input = CsvInput::open(&args.input, reading)?;
    let loaded = match &args.column {
        Some(col) => raw(&mut input, args, col)?,
        None => table(&mut input, args)?,
    };
    input.finish();
    Ok(loaded)
}

fn raw(input: &mut CsvInput, args: &AnswerArgs, column: &str) -> Result<Loaded, CliError> {
    let col = input.column(column)?;
    let labels = match args.labels {
        Some(Labels::Ces) => Some(LabeledScale::ces_agreement()),
        Some(Labels::Smileys) => Some(LabeledScale::smileys()),
        None => None,
    };
    if let Some(l) = &labels
        && l.scale() != args.scale
    {
        return Err(CliError::usage(format!(
            "--labels {} belong to the scale {}, not to --scale {}",
            if args.labels == Some(Labels::Ces) {
                "ces"
            } else {
                "smileys"
            },
            l.scale(),
            args.scale
        )));
    }
    let mut dist = Distribution::new(args.scale);
    let mut blank = 0;
    let mut rec = StringRecord::new();
    while input.next(&mut rec)? {
        if rec.get(col).is_none_or(str::is_empty) {
            blank += 1;
            continue;
        }
        let score = input.parse(&rec, col, |cell| {
            let s = match &labels {
                Some(l) => l.parse(cell),
                None => Score::parse(args.scale, cell),
            };
            s.map_err(|e| format!("expected an answer on the scale {}: {e}", args.scale))
        })?;
        dist.record(score)?;
    }
    if dist.is_empty() {
        return Err(CliError::in_input(
            input.name(),
            format!("no answers in column '{column}' (expected at least one)"),
        ));
    }
    Ok(Loaded {
        answers: Answers::Counts(dist),
        form: "answers",
        blank,
    })
}

fn table(input: &mut CsvInput, args: &AnswerArgs) -> Result<Loaded, CliError> {
    let point = input.column("point")?;
    let (value, is_count) = match (
        input.optional_column("count"),
        input.optional_column("percent"),
    ) {
        (Some(c), _) => (c, true),
        (None, Some(p)) => (p, false),
        (None, None) => {
            return Err(CliError::in_input(
                input.name(),
                "missing column 'count' or 'percent' (expected a point,count or point,percent table, or --column NAME for raw answers)",
            ));
        }
    };
    let scale = args.scale;
    let mut counts = Vec::new();
    let mut percents = Vec::new();
    // The line of each entry: the library names a bad entry by its position.
    let mut lines = Vec::new();
    let mut rec = StringRecord::new();
    while input.next(&mut rec)? {
        let p = input.parse(&rec, point, |cell| {
            cell.parse::<i64>()
                .map_err(|_| format!("expected a point of the scale {scale}, found {cell:?}"))
        })?;
        if is_count {
            counts.push((p, input.parse(&rec, value, parse::count)?));
        } else {
            percents.push((p, input.parse(&rec, value, parse::real)?));
        }
        lines.push(input.line(&rec));
    }
    let name = input.name().to_owned();
    let value_column = if is_count { "count" } else { "percent" };
    let wrap = |e: ScaleError| entry_error(&name, &lines, value_column, e);
    let (answers, form) = if is_count {
        let d = Distribution::from_point_counts(scale, counts).map_err(wrap)?;
        if d.is_empty() {
            return Err(CliError::in_input(
                &name,
                "no answers counted (expected at least one count above 0)",
            ));
        }
        (Answers::Counts(d), "counts")
    } else {
        let t = PercentTable::new(scale, percents, args.tolerance).map_err(wrap)?;
        (Answers::Percents(t), "percent")
    };
    Ok(Loaded {
        answers,
        form,
        blank: 0,
    })
}

/// A table error of the library, placed at the line of the entry it names.
fn entry_error(source: &str, lines: &[u64], value_column: &str, e: ScaleError) -> CliError {
    let line = |position: usize| lines.get(position).copied().unwrap_or(0);
    match e {
        ScaleError::OffScaleAt {
            value,
            position,
            scale,
        } => CliError::at(
            source,
            line(position),
            "point",
            format!("answer {value} is not a point of the scale {scale}"),
        ),
        ScaleError::DuplicatePoint {
            point,
            first,
            position,
        } => CliError::at(
            source,
            line(position),
            "point",
            format!(
                "point {point} appears more than once (first on line {}; expected one row per point)",
                line(first)
            ),
        ),
        ScaleError::PercentOutOfRange {
            percent, position, ..
        } => CliError::at(
            source,
            line(position),
            value_column,
            format!(
                "expected a percentage in 0..=100, found {}",
                crate::output::number(percent)
            ),
        ),
        other => CliError::in_input(source, other),
    }
}
