//! `cx accuracy`: how wrong a forecast was (`measures`), and what actually happened, from
//! contact records (`actuals`, in `accuracy_actuals.rs`).
//!
//! `cx accuracy measures` pairs an actual and a forecast column row by row (from one CSV, or
//! the forecast from FILE and the actuals from `--actuals`, read in lockstep), streams every
//! pair into `wfm_forecast::AccuracyAccumulator`s (one overall, one per period) and reports
//! `AccuracyReport`'s measures, MASE/RMSSE on a training series (`TrainingScale`) and the six
//! measures of the contact-centre post with the over/under split (`SeedMeasures`) under the
//! percent-error base the user names. With `--lower-column`, `--upper-column` and `--level` it
//! also scores prediction intervals through `IntervalAccumulator`: coverage, width, the
//! interval (Winkler) score, MSIS and the coverage tests.

use std::collections::HashMap;

use clap::{Args, Subcommand, ValueEnum};
use csv::StringRecord;
use wfm_forecast::{
    AccuracyAccumulator, AccuracyReport, Error, IntervalAccumulator, Level, PercentErrorBase,
    SeedMeasures, TrainingScale,
};

use crate::accuracy_actuals::{self, ActualsArgs};
use crate::error::CliError;
use crate::input::{CsvInput, Reading};
use crate::output::{Kind, Report, Table, Value};
use crate::parse;

/// `cx accuracy` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum AccuracyCommand {
    /// Accuracy of a forecast against actuals: MAE, RMSE, bias, MAPE, sMAPE, WAPE, MASE/RMSSE
    /// and the six measures of the contact-centre post with the over/under split.
    #[command(
        after_help = "Examples:\n  cx accuracy measures daily.csv --actual-column actual --forecast-column forecast --period-column week\n  cx accuracy measures forecast.csv --forecast-column calls --actuals actuals.csv --actual-column offered --relative-to forecast\n  cx accuracy measures daily.csv --training history.csv --training-column calls --season 7\n  cx accuracy measures backtest.csv --lower-column lower --upper-column upper --level 80%"
    )]
    Measures(MeasuresArgs),
    /// Actuals from contact records: per-interval and per-day offered, answered, abandoned,
    /// AHT, ASA, abandonment, service level under each definition, FRT and resolution
    /// percentiles, deadline compliance.
    #[command(
        after_help = "Arrival timestamps: local date and time YYYY-MM-DDTHH:MM[:SS] (or with a space for the T), no offset or zone; intervals and days are cut on that clock.\n\nExamples:\n  cx accuracy actuals contacts.csv --interval 30m --answer-within 20s\n  cx accuracy actuals tickets.csv --interval 1h --deadlines deadlines.csv --percentiles 50%,90%\n  cx --format csv accuracy actuals contacts.csv --interval 30m > actuals.csv"
    )]
    Actuals(ActualsArgs),
}

/// What a percent error is relative to (`--relative-to`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum RelativeTo {
    /// `(F − A) / A`: measure (5) equals (1) and (6) equals WAPE.
    Actual,
    /// `(F − A) / F`.
    Forecast,
}

/// What to do with a zero actual under MAPE (`--zero-actuals`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ZeroActuals {
    /// Stop with the library's error naming the first zero (MAPE is undefined there).
    Error,
    /// MAPE over the non-zero actuals only (utilsforecast's policy); percent errors that
    /// divide by zero are reported as undefined.
    Drop,
}

/// `cx accuracy measures`.
#[derive(Args, Debug)]
pub(crate) struct MeasuresArgs {
    /// CSV with the forecast column (and the actual column unless `--actuals`), or `-`.
    #[arg(value_name = "FILE")]
    input: String,
    /// The column of actual volumes.
    #[arg(long, default_value = "actual", value_name = "NAME")]
    actual_column: String,
    /// The column of forecast volumes.
    #[arg(long, default_value = "forecast", value_name = "NAME")]
    forecast_column: String,
    /// Read the actual column from this CSV instead, paired row by row with FILE (both must
    /// have the same number of rows).
    #[arg(long, value_name = "FILE")]
    actuals: Option<String>,
    /// A column (of FILE) whose values name periods (a date, a week): measures per period
    /// too, in order of first appearance.
    #[arg(long, value_name = "NAME")]
    period_column: Option<String>,
    /// The base of percent errors: `actual` (F − A)/A or `forecast` (F − A)/F.
    #[arg(long, value_enum, default_value = "actual")]
    relative_to: RelativeTo,
    /// A zero actual under MAPE: `error` (the default) or `drop` (MAPE over non-zero actuals).
    #[arg(long, value_enum, default_value = "error")]
    zero_actuals: ZeroActuals,
    /// A training series (CSV) for MASE and RMSSE, scaled by its seasonal-naive error.
    #[arg(long, value_name = "FILE", requires = "season")]
    training: Option<String>,
    /// The training series' column (default: the actual column's name).
    #[arg(long, value_name = "NAME", requires = "training")]
    training_column: Option<String>,
    /// The season of the training scale, in rows of the training series (7 for daily data
    /// with a weekly cycle; 1 for the plain naive scale).
    #[arg(long, value_name = "ROWS", requires = "training")]
    season: Option<usize>,
    /// A column (of FILE) of prediction-interval lower bounds: scores the intervals too
    /// (coverage, Winkler score, coverage tests). Needs `--upper-column` and `--level`.
    #[arg(long, value_name = "NAME", requires_all = ["upper_column", "level"])]
    lower_column: Option<String>,
    /// The column (of FILE) of the intervals' upper bounds.
    #[arg(long, value_name = "NAME", requires_all = ["lower_column", "level"])]
    upper_column: Option<String>,
    /// The level of those intervals, e.g. `80%` or `0.95`.
    #[arg(long, value_parser = parse::forecast_level, value_name = "LEVEL", requires = "lower_column")]
    level: Option<Level>,
}

/// Runs a `cx accuracy` subcommand.
pub(crate) fn run(cmd: &AccuracyCommand, reading: Reading) -> Result<Report, CliError> {
    match cmd {
        AccuracyCommand::Measures(a) => measures(a, reading),
        AccuracyCommand::Actuals(a) => accuracy_actuals::run(a, reading),
    }
}

/// One scope of the measures (the whole input, or a period), with the lines of its first
/// zeros for error messages.
#[derive(Debug, Default)]
struct Scope {
    name: String,
    acc: AccuracyAccumulator,
    first_zero_actual: Option<u64>,
    first_zero_forecast: Option<u64>,
    /// Prediction intervals, when their columns were named.
    interval: Option<IntervalAccumulator>,
}

impl Scope {
    fn named(name: &str, level: Option<Level>) -> Scope {
        Scope {
            name: name.to_owned(),
            interval: level.map(IntervalAccumulator::new),
            ..Scope::default()
        }
    }

    fn record(&mut self, a: f64, f: f64, line: u64) -> Result<(), Error> {
        if a == 0.0 && self.first_zero_actual.is_none() {
            self.first_zero_actual = Some(line);
        }
        if f == 0.0 && self.first_zero_forecast.is_none() {
            self.first_zero_forecast = Some(line);
        }
        self.acc.record(a, f)
    }

    /// Records an interval (its columns were checked when the pair was read).
    fn record_interval(&mut self, a: f64, bounds: Option<(f64, f64)>) -> Result<(), Error> {
        match (self.interval.as_mut(), bounds) {
            (Some(acc), Some((l, u))) => acc.record(a, l, u),
            _ => Ok(()),
        }
    }
}

/// Where the actual values come from: a column of FILE or of another CSV.
#[derive(Debug)]
struct Sources<'a> {
    forecast: CsvInput<'a>,
    actual: Option<CsvInput<'a>>,
}

/// A non-negative volume cell.
fn volume(text: &str) -> Result<f64, String> {
    let v = parse::real(text)?;
    if v < 0.0 {
        return Err(format!("expected a volume of 0 or more, found {text:?}"));
    }
    Ok(v)
}

/// Reads the paired series into the scopes, one pass.
fn read_pairs(a: &MeasuresArgs, s: &mut Sources<'_>) -> Result<(Scope, Vec<Scope>), CliError> {
    let fcol = s.forecast.column(&a.forecast_column)?;
    let pcol = match &a.period_column {
        Some(n) => Some(s.forecast.column(n)?),
        None => None,
    };
    let acol = match &s.actual {
        Some(other) => other.column(&a.actual_column)?,
        None => s.forecast.column(&a.actual_column)?,
    };
    let bcols = match (&a.lower_column, &a.upper_column) {
        (Some(l), Some(u)) => Some((s.forecast.column(l)?, s.forecast.column(u)?)),
        _ => None,
    };
    let mut all = Scope::named("all", a.level);
    let mut periods: Vec<Scope> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let (mut frec, mut arec) = (StringRecord::new(), StringRecord::new());
    loop {
        let more_f = s.forecast.next(&mut frec)?;
        let (actual, line) = match &mut s.actual {
            Some(other) => {
                let more_a = other.next(&mut arec)?;
                if more_a != more_f {
                    let (fr, ar) = if more_f {
                        (
                            s.forecast.records() + count_rest(&mut s.forecast)?,
                            other.records(),
                        )
                    } else {
                        (s.forecast.records(), other.records() + count_rest(other)?)
                    };
                    return Err(CliError::data(format!(
                        "mismatched lengths: {} has {fr} rows but {} has {ar} (the forecast and the actuals pair up row by row)",
                        s.forecast.name(),
                        other.name()
                    )));
                }
                if !more_f {
                    break;
                }
                (other.parse(&arec, acol, volume)?, other.line(&arec))
            }
            None => {
                if !more_f {
                    break;
                }
                (
                    s.forecast.parse(&frec, acol, volume)?,
                    s.forecast.line(&frec),
                )
            }
        };
        let forecast = s.forecast.parse(&frec, fcol, volume)?;
        let fline = s.forecast.line(&frec);
        all.record(actual, forecast, line.max(fline))?;
        let bounds = match bcols {
            Some((lc, uc)) => {
                let (l, u) = (
                    s.forecast.parse(&frec, lc, parse::real)?,
                    s.forecast.parse(&frec, uc, parse::real)?,
                );
                if l > u {
                    return Err(CliError::at(
                        s.forecast.name(),
                        fline,
                        a.lower_column.as_deref().unwrap_or_default(),
                        format!(
                            "the lower bound {} is above the upper bound {}",
                            crate::output::number(l),
                            crate::output::number(u)
                        ),
                    ));
                }
                Some((l, u))
            }
            None => None,
        };
        all.record_interval(actual, bounds)?;
        if let Some(p) = pcol {
            let key = frec.get(p).unwrap_or("");
            let at = match index.get(key) {
                Some(&at) => at,
                None => {
                    index.insert(key.to_owned(), periods.len());
                    periods.push(Scope::named(key, a.level));
                    periods.len() - 1
                }
            };
            periods[at].record(actual, forecast, line.max(fline))?;
            periods[at].record_interval(actual, bounds)?;
        }
    }
    s.forecast.finish();
    if let Some(other) = &mut s.actual {
        other.finish();
    }
    if all.acc.count() == 0 {
        return Err(CliError::in_input(
            s.forecast.name(),
            "no rows (expected at least one pair of actual and forecast)",
        ));
    }
    Ok((all, periods))
}

/// The number of records left in `input` (to report both lengths of a mismatch).
fn count_rest(input: &mut CsvInput) -> Result<u64, CliError> {
    let mut rec = StringRecord::new();
    let mut n = 0;
    while input.next(&mut rec)? {
        n += 1;
    }
    Ok(n)
}

/// The training scale for MASE and RMSSE.
fn training_scale(a: &MeasuresArgs, reading: Reading) -> Result<Option<TrainingScale>, CliError> {
    let (Some(path), Some(season)) = (&a.training, a.season) else {
        return Ok(None);
    };
    let mut input = CsvInput::open(path, reading)?;
    let col = input.column(a.training_column.as_deref().unwrap_or(&a.actual_column))?;
    let mut rec = StringRecord::new();
    let mut series = Vec::new();
    while input.next(&mut rec)? {
        series.push(input.parse(&rec, col, volume)?);
    }
    input.finish();
    // The scale compares each value with the one a season earlier: it needs more values than
    // the season has rows (checked here, so that no season, however large, is computed with).
    if series.len() <= season {
        return Err(CliError::in_input(
            input.name(),
            format!(
                "training scale: --season {season} needs more than {season} training values, found {}",
                series.len()
            ),
        ));
    }
    TrainingScale::seasonal_naive(&series, season)
        .map(Some)
        .map_err(|e| CliError::in_input(input.name(), format!("training scale: {e}")))
}

/// The measures of one scope, as cells in the order of [`MEASURE_COLUMNS`].
fn measure_row(
    scope: &Scope,
    a: &MeasuresArgs,
    scale: Option<&TrainingScale>,
    source: &str,
) -> Result<(Vec<Value>, bool), CliError> {
    let r: AccuracyReport = scope.acc.report()?;
    let zero_error = |e: Error| -> CliError {
        match e {
            Error::ZeroDenominator {
                measure, series, ..
            } => {
                let (line, column) = if series == "forecast" {
                    (scope.first_zero_forecast, &a.forecast_column)
                } else {
                    (scope.first_zero_actual, &a.actual_column)
                };
                let hint = if series == "forecast" {
                    "use --relative-to actual, or --zero-actuals drop to report it as undefined"
                } else {
                    "use --zero-actuals drop for MAPE over the non-zero actuals; WAPE stays defined"
                };
                CliError::at(
                    source,
                    line.unwrap_or(0),
                    column,
                    format!("the {series} is 0, so {measure} is undefined ({hint})"),
                )
            }
            e => CliError::from(e),
        }
    };
    let base = match a.relative_to {
        RelativeTo::Actual => PercentErrorBase::Actual,
        RelativeTo::Forecast => PercentErrorBase::Forecast,
    };
    let (mape, seed): (Value, Option<SeedMeasures>) = match a.zero_actuals {
        ZeroActuals::Error => (
            Value::float(r.mape().map_err(zero_error)?),
            Some(r.seed_measures(base).map_err(zero_error)?),
        ),
        ZeroActuals::Drop => (
            Value::opt_float(r.mape_over_nonzero_actuals()),
            r.seed_measures(base).ok(),
        ),
    };
    let undefined_seed = seed.is_none();
    let sm =
        |f: fn(&SeedMeasures) -> f64| seed.as_ref().map_or(Value::Null, |m| Value::float(f(m)));
    let scaled = |f: fn(&AccuracyReport, &TrainingScale) -> f64| {
        scale.map_or(Value::Null, |s| Value::float(f(&r, s)))
    };
    Ok((
        vec![
            Value::text(scope.name.clone()),
            Value::UInt(r.count()),
            Value::float(r.total_actual()),
            Value::float(r.total_forecast()),
            Value::float(r.mae()),
            Value::float(r.mse()),
            Value::float(r.rmse()),
            Value::float(r.bias()),
            mape,
            Value::float(r.smape()),
            Value::opt_float(r.wape()),
            scaled(AccuracyReport::mase),
            scaled(AccuracyReport::rmsse),
            sm(|m| m.error_of_totals),
            sm(|m| m.absolute_error_of_totals),
            sm(|m| m.mean_percent_error),
            sm(|m| m.mean_absolute_percent_error),
            sm(|m| m.weighted_percent_error),
            sm(|m| m.weighted_absolute_percent_error),
            sm(|m| m.over),
            sm(|m| m.under),
        ],
        undefined_seed,
    ))
}

/// The columns of the `measures` table: (name, label, kind, shown to people).
const MEASURE_COLUMNS: [(&str, &str, Kind, bool); 21] = [
    ("period", "period", Kind::Plain, true),
    ("count", "points", Kind::Plain, true),
    ("total_actual", "total actual", Kind::Decimals(1), true),
    ("total_forecast", "total forecast", Kind::Decimals(1), true),
    ("mae", "MAE", Kind::Decimals(3), true),
    ("mse", "MSE", Kind::Decimals(3), false),
    ("rmse", "RMSE", Kind::Decimals(3), true),
    ("bias", "bias (mean F − A)", Kind::Decimals(3), true),
    ("mape", "MAPE", Kind::Share(2), true),
    ("smape", "sMAPE [0, 1]", Kind::Share(2), false),
    ("wape", "WAPE", Kind::Share(2), true),
    ("mase", "MASE", Kind::Decimals(3), false),
    ("rmsse", "RMSSE", Kind::Decimals(3), false),
    (
        "error_of_totals",
        "(1) error of totals",
        Kind::Share(2),
        false,
    ),
    (
        "absolute_error_of_totals",
        "(2) absolute error of totals",
        Kind::Share(2),
        false,
    ),
    (
        "mean_percent_error",
        "(3) mean percent error",
        Kind::Share(2),
        false,
    ),
    (
        "mean_absolute_percent_error",
        "(4) mean absolute percent error",
        Kind::Share(2),
        false,
    ),
    (
        "weighted_percent_error",
        "(5) volume-weighted percent error",
        Kind::Share(2),
        false,
    ),
    (
        "weighted_absolute_percent_error",
        "(6) volume-weighted absolute percent error",
        Kind::Share(2),
        false,
    ),
    ("over", "(6) over-forecast part", Kind::Share(2), true),
    ("under", "(6) under-forecast part", Kind::Share(2), true),
];

/// Runs `cx accuracy measures`.
fn measures(a: &MeasuresArgs, reading: Reading) -> Result<Report, CliError> {
    if a.input == "-" && a.actuals.as_deref() == Some("-") {
        return Err(CliError::usage(
            "FILE and --actuals cannot both be standard input ('-')",
        ));
    }
    let scale = training_scale(a, reading)?;
    let mut sources = Sources {
        forecast: CsvInput::open(&a.input, reading)?,
        actual: match &a.actuals {
            Some(p) => Some(CsvInput::open(p, reading)?),
            None => None,
        },
    };
    let (all, periods) = read_pairs(a, &mut sources)?;
    let source = sources
        .actual
        .as_ref()
        .map_or(sources.forecast.name(), CsvInput::name)
        .to_owned();

    let mut r = Report::new();
    r.fact(
        "actual_column",
        "actual column",
        Value::text(a.actual_column.clone()),
        Kind::Plain,
    );
    r.fact(
        "forecast_column",
        "forecast column",
        Value::text(a.forecast_column.clone()),
        Kind::Plain,
    );
    r.fact(
        "relative_to",
        "percent errors relative to",
        Value::text(match a.relative_to {
            RelativeTo::Actual => "actual",
            RelativeTo::Forecast => "forecast",
        }),
        Kind::Plain,
    );
    r.fact(
        "zero_actuals",
        "zero actuals under MAPE",
        Value::text(match a.zero_actuals {
            ZeroActuals::Error => "error",
            ZeroActuals::Drop => "drop",
        }),
        Kind::Plain,
    );
    r.fact(
        "season",
        "training season (rows)",
        a.season.map_or(Value::Null, |s| Value::UInt(s as u64)),
        Kind::Plain,
    );
    let (row, undefined) = measure_row(&all, a, scale.as_ref(), &source)?;
    let keys: [&'static str; 21] = MEASURE_COLUMNS.map(|c| c.0);
    for (i, ((_, label, kind, _), v)) in MEASURE_COLUMNS.iter().zip(&row).enumerate().skip(1) {
        r.fact(keys[i], *label, v.clone(), *kind);
    }
    let mut t = Table::new("measures").titled("per period");
    for (name, label, kind, human) in MEASURE_COLUMNS {
        t = if human {
            t.column_as(name, label, kind)
        } else {
            t.machine_column(name, kind)
        };
    }
    t.push(row);
    let mut any_undefined = undefined;
    for p in &periods {
        let (row, undefined) = measure_row(p, a, scale.as_ref(), &source)?;
        any_undefined |= undefined;
        t.push(row);
    }
    if periods.is_empty() {
        t = t.machine_only();
    }
    r.table(t);
    if let Some(level) = a.level {
        interval_report(&mut r, level, &all, &periods, scale.as_ref())?;
    }
    r.note(
        "error = forecast − actual: positive bias and over-forecast parts mean the forecast was too high; every measure is a fraction shown as a percentage",
    );
    r.note(match a.relative_to {
        RelativeTo::Actual => "percent errors relative to actual, (F − A)/A: (5) equals (1), (6) equals WAPE, over + |under| = (6)",
        RelativeTo::Forecast => "percent errors relative to forecast, (F − A)/F: (5) differs from (1) in general; over + |under| = (6) still holds",
    });
    if any_undefined {
        r.note("(1)–(6) are undefined (–) where a value of the percent-error base is 0");
    }
    if a.zero_actuals == ZeroActuals::Drop {
        r.note("MAPE is over the non-zero actuals only (--zero-actuals drop)");
    }
    Ok(r)
}

/// The columns of the `intervals` table: (name, label, kind).
const INTERVAL_COLUMNS: [(&str, &str, Kind); 10] = [
    ("period", "period", Kind::Plain),
    ("count", "points", Kind::Plain),
    ("coverage", "coverage", Kind::Share(1)),
    ("below", "below", Kind::Share(1)),
    ("above", "above", Kind::Share(1)),
    ("mean_width", "mean width", Kind::Decimals(1)),
    ("interval_score", "Winkler score", Kind::Decimals(2)),
    ("msis", "MSIS", Kind::Decimals(3)),
    ("exact_p", "p (binomial)", Kind::Decimals(4)),
    ("kupiec_p", "p (Kupiec LR)", Kind::Decimals(4)),
];

/// The interval measures of one scope, in the order of [`INTERVAL_COLUMNS`].
fn interval_row(scope: &Scope, scale: Option<&TrainingScale>) -> Result<Vec<Value>, CliError> {
    let Some(acc) = &scope.interval else {
        return Ok(Vec::new());
    };
    let r = acc.report()?;
    let t = r.coverage_test();
    Ok(vec![
        Value::text(scope.name.clone()),
        Value::UInt(r.count()),
        Value::float(r.coverage()),
        Value::float(r.below_share()),
        Value::float(r.above_share()),
        Value::float(r.mean_width()),
        Value::float(r.interval_score()),
        scale.map_or(Value::Null, |s| Value::float(r.scaled_interval_score(s))),
        Value::float(t.exact_p_value),
        Value::float(t.likelihood_ratio_p_value),
    ])
}

/// Facts and a per-period table for the prediction intervals.
fn interval_report(
    r: &mut Report,
    level: Level,
    all: &Scope,
    periods: &[Scope],
    scale: Option<&TrainingScale>,
) -> Result<(), CliError> {
    r.fact(
        "interval_level",
        "interval level",
        Value::float(level.get()),
        Kind::Share(1),
    );
    let row = interval_row(all, scale)?;
    for (i, ((_, label, kind), v)) in INTERVAL_COLUMNS.iter().zip(&row).enumerate().skip(2) {
        r.fact(
            INTERVAL_FACT_KEYS[i],
            format!("interval {label}"),
            v.clone(),
            *kind,
        );
    }
    let mut t = Table::new("intervals").titled("prediction intervals per period");
    for (name, label, kind) in INTERVAL_COLUMNS {
        t = t.column_as(name, label, kind);
    }
    t.push(row);
    for p in periods {
        t.push(interval_row(p, scale)?);
    }
    if periods.is_empty() {
        t = t.machine_only();
    }
    r.table(t);
    r.note(format!(
        "intervals: coverage should be near {:.0} %; the Winkler score is the width plus 2/α times each miss's distance beyond its bound (lower is better); the p-values test the miss count against α = {:.3} (small p: miscalibrated; neighbouring intervals are correlated, so read them as a screen)",
        100.0 * level.get(),
        1.0 - level.get()
    ));
    Ok(())
}

/// Fact keys of the interval measures, by column of [`INTERVAL_COLUMNS`].
const INTERVAL_FACT_KEYS: [&str; 10] = [
    "",
    "",
    "interval_coverage",
    "interval_below",
    "interval_above",
    "interval_mean_width",
    "interval_score",
    "interval_msis",
    "interval_exact_p",
    "interval_kupiec_p",
];
