//! `cx quality agreement`: how far two evaluators agree on the same items (calibration), as
//! percent agreement and Cohen's kappa through `cx_survey::agreement`, with the table of
//! rating pairs behind them.
//!
//! The input has one row per item and one column per evaluator; the cells are categories
//! compared as text after trimming and lower-casing (`Yes` and `yes` agree). An empty cell is
//! an error: an item one evaluator did not rate cannot count for or against agreement, so it
//! must be removed from the file on purpose, not dropped by the tool.

use std::collections::BTreeMap;

use clap::Args;
use csv::StringRecord;

use crate::error::CliError;
use crate::input::{CsvInput, Reading};
use crate::output::{Kind, Report, Table, Value};

/// `cx quality agreement`.
#[derive(Args, Debug)]
pub(crate) struct AgreementArgs {
    /// CSV with one row per item rated by both evaluators, or `-` for standard input.
    #[arg(value_name = "FILE")]
    input: String,
    /// The first evaluator's column.
    #[arg(long, value_name = "COLUMN")]
    first: String,
    /// The second evaluator's column.
    #[arg(long, value_name = "COLUMN")]
    second: String,
}

/// Runs `cx quality agreement`.
pub(crate) fn agreement(a: &AgreementArgs, reading: Reading) -> Result<Report, CliError> {
    let mut input = CsvInput::open(&a.input, reading)?;
    let first = input.column(&a.first)?;
    let second = input.column(&a.second)?;
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    let mut rec = StringRecord::new();
    let rating = |c: &str| {
        if c.is_empty() {
            Err("expected a rating, found an empty cell (remove items not rated by both)")
        } else {
            Ok(c.to_lowercase())
        }
    };
    while input.next(&mut rec)? {
        xs.push(input.parse(&rec, first, rating)?);
        ys.push(input.parse(&rec, second, rating)?);
    }
    input.finish();
    let k = cx_survey::agreement(&xs, &ys).map_err(|e| CliError::in_input(input.name(), e))?;
    let mut pairs: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    for (x, y) in xs.iter().zip(&ys) {
        *pairs.entry((x.as_str(), y.as_str())).or_default() += 1;
    }
    let mut r = Report::new();
    r.fact(
        "first",
        "first evaluator",
        Value::text(&a.first),
        Kind::Plain,
    );
    r.fact(
        "second",
        "second evaluator",
        Value::text(&a.second),
        Kind::Plain,
    );
    let mut t = Table::new("agreement")
        .column("items", Kind::Plain)
        .column_as("observed", "agreement", Kind::Share(1))
        .column_as("expected", "by chance", Kind::Share(1))
        .column("kappa", Kind::Decimals(3));
    t.push(vec![
        Value::UInt(k.items),
        Value::float(k.observed.value()),
        Value::float(k.expected.value()),
        Value::float(k.kappa),
    ]);
    r.table(t);
    let mut p = Table::new("pairs")
        .titled("rating pairs")
        .column("first", Kind::Plain)
        .column("second", Kind::Plain)
        .column("count", Kind::Plain);
    for ((x, y), n) in pairs {
        p.push(vec![Value::text(x), Value::text(y), Value::UInt(n)]);
    }
    r.table(p);
    Ok(r)
}
