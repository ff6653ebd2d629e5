//! `cx retention sbg` and `cx retention km`: the shifted-beta-geometric model fitted to
//! survivor counts and projected (`cx_retention::SbgModel`), and the Kaplan–Meier tenure
//! curve (`cx_retention::KaplanMeier`).

use clap::Args;
use csv::StringRecord;
use cx_retention::jiff::civil::Date;
use cx_retention::{KaplanMeier, RetentionError, SbgModel, TenureObservation};

use crate::error::CliError;
use crate::input::{CsvInput, Reading};
use crate::output::{Kind, Report, Table, Value};
use crate::parse;

/// The furthest period `cx retention sbg` projects to (`--horizon`): the library's bound
/// (`SbgModel::MAX_HORIZON`, one million periods). The projection is one O(horizon) pass and one
/// table row per period.
pub(crate) const MAX_SBG_HORIZON: u32 = SbgModel::MAX_HORIZON;

/// `cx retention sbg`.
#[derive(Args, Debug)]
pub(crate) struct SbgArgs {
    /// Survivor counts of one cohort, from acquisition: n0,n1,n2,… (at least three).
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "COUNTS",
        required_unless_present = "file",
        conflicts_with = "file"
    )]
    survivors: Vec<u64>,
    /// Read the survivor counts from this CSV (one row per period, in order; `-` for
    /// standard input) instead.
    #[arg(long, value_name = "FILE")]
    file: Option<String>,
    /// The column of survivor counts in --file.
    #[arg(long, default_value = "survivors", value_name = "NAME")]
    column: String,
    /// Project up to this period (default: five periods past the data); at most 1000000.
    #[arg(long, value_name = "PERIOD")]
    horizon: Option<u32>,
    /// Also value a customer still active at the end of the data: discounted expected
    /// residual lifetime (DERL) at this discount rate per period, e.g. 0.10.
    #[arg(long, value_name = "RATE")]
    derl_discount: Option<f64>,
}

/// `cx retention km`.
#[derive(Args, Debug)]
pub(crate) struct KmArgs {
    /// CSV of tenures: columns `duration,churned` (churned: 1/0, true/false, yes/no), or
    /// `start,end` dates (blank end = still active) with --as-of; `-` for standard input.
    #[arg(value_name = "FILE")]
    input: String,
    /// Observation date for `start,end` input: tenures in days, censored at this date.
    #[arg(long, value_parser = parse::date, value_name = "DATE")]
    as_of: Option<Date>,
    /// Confidence level of the band and of the median's interval.
    #[arg(long, default_value_t = 0.95)]
    confidence: f64,
}

/// Survivor counts read from a file, with where each came from for error messages.
struct SurvivorFile {
    /// The input's name (the path, or `<stdin>`).
    name: String,
    /// The column's name.
    column: String,
    /// The line of each count.
    lines: Vec<u64>,
}

fn survivors_from_file(
    path: &str,
    column: &str,
    reading: Reading,
) -> Result<(Vec<u64>, SurvivorFile), CliError> {
    let mut input = CsvInput::open(path, reading)?;
    let col = input.column(column)?;
    let (mut out, mut lines) = (Vec::new(), Vec::new());
    let mut rec = StringRecord::new();
    while input.next(&mut rec)? {
        out.push(input.parse(&rec, col, parse::count)?);
        lines.push(input.line(&rec));
    }
    input.finish();
    if out.is_empty() {
        return Err(CliError::in_input(
            input.name(),
            format!(
                "no rows (expected one survivor count per period in column '{column}', from acquisition)"
            ),
        ));
    }
    let source = SurvivorFile {
        name: input.name().to_owned(),
        column: column.to_owned(),
        lines,
    };
    Ok((out, source))
}

/// An sBG fitting error, placed in the file the counts came from: the library's index of the
/// offending count becomes its line; an index past the last count means the counts as a whole.
fn sbg_error(e: RetentionError, survivors: &[u64], source: Option<&SurvivorFile>) -> CliError {
    let Some(f) = source else {
        return match e {
            RetentionError::InvalidSurvivors { index, rule } => match survivors.get(index) {
                Some(n) => CliError::data(format!(
                    "cannot fit the sBG model: --survivors count {} ({n}): {rule}",
                    index + 1
                )),
                None => CliError::data(format!("cannot fit the sBG model: --survivors: {rule}")),
            },
            other => CliError::data(format!("cannot fit the sBG model: {other}")),
        };
    };
    match e {
        RetentionError::InvalidSurvivors { index, rule } => match f.lines.get(index) {
            Some(&line) => CliError::at(
                &f.name,
                line,
                &f.column,
                format!("cannot fit the sBG model to this survivor count: {rule}"),
            ),
            None => CliError::in_input(
                &f.name,
                format!(
                    "cannot fit the sBG model to column '{}' ({} row{}): {rule}",
                    f.column,
                    f.lines.len(),
                    if f.lines.len() == 1 { "" } else { "s" }
                ),
            ),
        },
        other => CliError::in_input(&f.name, format!("cannot fit the sBG model: {other}")),
    }
}

/// Fits, projects and reports.
pub(crate) fn sbg(a: &SbgArgs, reading: Reading) -> Result<Report, CliError> {
    let (survivors, source) = match &a.file {
        Some(f) => {
            let (counts, source) = survivors_from_file(f, &a.column, reading)?;
            (counts, Some(source))
        }
        None => (a.survivors.clone(), None),
    };
    let fit = SbgModel::fit(&survivors).map_err(|e| sbg_error(e, &survivors, source.as_ref()))?;
    let m = fit.model;
    let observed_last = u32::try_from(survivors.len().saturating_sub(1)).unwrap_or(u32::MAX);
    let horizon = a.horizon.unwrap_or(observed_last.saturating_add(5));
    if horizon > MAX_SBG_HORIZON {
        return Err(CliError::usage(format!(
            "--horizon: expected a period from 0 to {MAX_SBG_HORIZON}, found {horizon}{}",
            if a.horizon.is_none() {
                " (five periods past the data; give a --horizon)"
            } else {
                ""
            }
        )));
    }
    let mut r = Report::new();
    r.fact("alpha", "alpha", Value::float(m.alpha()), Kind::Decimals(4));
    r.fact("beta", "beta", Value::float(m.beta()), Kind::Decimals(4));
    if let Some(se) = fit.standard_errors {
        r.fact(
            "alpha_se",
            "alpha std. error",
            Value::float(se.alpha),
            Kind::Decimals(4),
        );
        r.fact(
            "beta_se",
            "beta std. error",
            Value::float(se.beta),
            Kind::Decimals(4),
        );
        r.fact(
            "correlation",
            "correlation of estimates",
            Value::float(se.correlation),
            Kind::Decimals(3),
        );
    }
    r.fact(
        "log_likelihood",
        "log-likelihood",
        Value::float(fit.log_likelihood),
        Kind::Decimals(3),
    );
    r.fact(
        "mean_churn_probability",
        "mean churn probability",
        Value::float(m.mean_churn_probability()),
        Kind::Share(1),
    );
    r.fact(
        "cohort_size",
        "cohort size",
        survivors.first().map_or(Value::Null, |&n| Value::UInt(n)),
        Kind::Plain,
    );
    if let Some(d) = a.derl_discount {
        let n = observed_last.saturating_add(1);
        let derl = m
            .derl(d, n)
            .map_err(|e| CliError::usage(format!("--derl-discount: {e}")))?;
        r.fact(
            "derl_renewal",
            "DERL at renewal",
            Value::UInt(u64::from(n)),
            Kind::Plain,
        );
        r.fact(
            "derl",
            "DERL (discounted renewals)",
            Value::float(derl),
            Kind::Decimals(4),
        );
    }
    // One O(horizon) pass; a horizon above SbgModel::MAX_HORIZON is refused before any work.
    let projection = m
        .projection(horizon)
        .map_err(|e| CliError::usage(format!("--horizon: {e}")))?;
    let cohort_size = survivors.first().copied().unwrap_or(0) as f64;
    let mut t = Table::new("curve")
        .column("period", Kind::Plain)
        .column("observed", Kind::Plain)
        .column_as("expected_survivors", "expected", Kind::Decimals(2))
        .column("survival", Kind::Share(2))
        .column("retention_rate", Kind::Share(2))
        .column("churn_probability", Kind::Share(2));
    for row in projection {
        t.push(vec![
            Value::UInt(u64::from(row.period)),
            survivors
                .get(row.period as usize)
                .map_or(Value::Null, |&o| Value::UInt(o)),
            Value::float(cohort_size * row.survival),
            Value::float(row.survival),
            row.retention_rate.map_or(Value::Null, Value::float),
            row.churn_probability.map_or(Value::Null, Value::float),
        ]);
    }
    r.table(t);
    r.note("expected = cohort size × S(t); periods past the data are projections.");
    Ok(r)
}

/// Reads tenures, fits the curve and reports.
pub(crate) fn km(a: &KmArgs, reading: Reading) -> Result<Report, CliError> {
    let mut input = CsvInput::open(&a.input, reading)?;
    let mut obs = Vec::new();
    let mut rec = StringRecord::new();
    if let Some(as_of) = a.as_of {
        let start = input.column("start")?;
        let end = input.optional_column("end");
        while input.next(&mut rec)? {
            let s = input.parse(&rec, start, parse::date)?;
            let e = match end {
                Some(c) if !rec.get(c).unwrap_or("").is_empty() => {
                    Some(input.parse(&rec, c, parse::date)?)
                }
                _ => None,
            };
            let o = TenureObservation::from_dates(s, e, as_of).map_err(|err| match err {
                RetentionError::StartAfterAsOf { start: s, as_of } => input.cell_error(
                    &rec,
                    start,
                    format!(
                        "start {s} is after --as-of {as_of} (expected tenures that began on or before the day the data were taken)"
                    ),
                ),
                RetentionError::EndNotAfterStart { start: s, end: e } => input.cell_error(
                    &rec,
                    end.unwrap_or(start),
                    format!("end {e} is not after start {s} (rule: start < end, end exclusive)"),
                ),
                other => CliError::at_line(input.name(), input.line(&rec), other),
            })?;
            obs.push(o);
        }
    } else {
        if input.has_column("start") && !input.has_column("duration") {
            return Err(CliError::usage(
                "start,end input needs --as-of DATE (the day the data were taken)",
            ));
        }
        let duration = input.column("duration")?;
        let churned = input.column("churned")?;
        while input.next(&mut rec)? {
            let d = input.parse(&rec, duration, |c| {
                parse::real(c).and_then(|v| {
                    if v >= 0.0 {
                        Ok(v)
                    } else {
                        Err(format!("expected a duration of 0 or more, found {c:?}"))
                    }
                })
            })?;
            let c = input.parse(&rec, churned, parse::flag)?;
            obs.push(TenureObservation {
                duration: d,
                churned: c,
            });
        }
    }
    input.finish();
    if obs.is_empty() {
        return Err(CliError::in_input(
            input.name(),
            "no tenures (expected at least one data row)",
        ));
    }
    let km = KaplanMeier::fit(&obs, a.confidence)
        .map_err(|e| CliError::usage(format!("cannot fit Kaplan–Meier: {e}")))?;
    let med = km.median();
    let opt = |v: Option<f64>| v.map_or(Value::Null, Value::float);
    let mut r = Report::new();
    r.fact(
        "subjects",
        "customers",
        Value::UInt(km.subjects()),
        Kind::Plain,
    );
    r.fact(
        "confidence",
        "confidence",
        Value::float(km.confidence()),
        Kind::Share(0),
    );
    r.fact(
        "median",
        "median lifetime",
        opt(med.estimate),
        Kind::Decimals(1),
    );
    r.fact(
        "median_lower",
        "median, lower bound",
        opt(med.lower),
        Kind::Decimals(1),
    );
    r.fact(
        "median_upper",
        "median, upper bound",
        opt(med.upper),
        Kind::Decimals(1),
    );
    let mut t = Table::new("curve")
        .column("time", Kind::Decimals(1))
        .column("at_risk", Kind::Plain)
        .column("churned", Kind::Plain)
        .column("censored", Kind::Plain)
        .column("survival", Kind::Share(1))
        .column("lower", Kind::Share(1))
        .column("upper", Kind::Share(1));
    for row in km.rows() {
        t.push(vec![
            Value::float(row.time),
            Value::UInt(row.at_risk),
            Value::UInt(row.churned),
            Value::UInt(row.censored),
            Value::float(row.survival),
            Value::float(row.lower),
            Value::float(row.upper),
        ]);
    }
    r.table(t);
    r.note("Band: exponential Greenwood. – for a median bound the curve never reaches.");
    Ok(r)
}
