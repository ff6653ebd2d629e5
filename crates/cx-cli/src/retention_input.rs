//! Subscription records and activity events read from CSV, streamed customer by customer into
//! `cx_retention`'s one-pass accumulators.
//!
//! Customer ids are text (`C-0042`, `42`, an e-mail): each customer's records must come
//! together (sorted by customer, in any order of customers); the tool numbers customers in
//! the order they first appear, which is the ascending order the accumulators require, and
//! refuses a customer that reappears after another. Subscriptions of one customer must come
//! in ascending start order (the library's rule).

use std::collections::HashSet;

use clap::{Args, ValueEnum};
use csv::StringRecord;
use cx_retention::jiff::civil::Date;
use cx_retention::{
    ActivityAccumulator, ActivityEvent, DateRange, FiscalStart, LapseRule, Money, PeriodUnit,
    PeriodWindow, RetentionError, Subscription, SubscriptionAccumulator,
};

use crate::error::CliError;
use crate::input::{CsvInput, Reading};
use crate::parse;

/// The calendar unit of the periods.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum PeriodArg {
    /// Calendar days.
    Day,
    /// ISO weeks (Monday to Sunday).
    Week,
    /// Calendar months.
    #[default]
    Month,
    /// Calendar quarters.
    Quarter,
    /// Calendar years.
    Year,
    /// Fiscal quarters (three months from `--fiscal-start`).
    FiscalQuarter,
    /// Fiscal years (twelve months from `--fiscal-start`).
    FiscalYear,
}

impl PeriodArg {
    /// The library's unit; fiscal periods need the start month (`--fiscal-start`).
    pub(crate) fn unit(self, fiscal_start: Option<FiscalStart>) -> Result<PeriodUnit, CliError> {
        let fiscal = || {
            fiscal_start.ok_or_else(|| {
                CliError::usage("fiscal periods need --fiscal-start MONTH (e.g. 4 or apr)")
            })
        };
        let fiscal_period = matches!(self, PeriodArg::FiscalQuarter | PeriodArg::FiscalYear);
        if fiscal_start.is_some() && !fiscal_period {
            return Err(CliError::usage(
                "--fiscal-start applies only to --period fiscal-year or fiscal-quarter",
            ));
        }
        Ok(match self {
            PeriodArg::Day => PeriodUnit::Day,
            PeriodArg::Week => PeriodUnit::IsoWeek,
            PeriodArg::Month => PeriodUnit::Month,
            PeriodArg::Quarter => PeriodUnit::Quarter,
            PeriodArg::Year => PeriodUnit::Year,
            PeriodArg::FiscalQuarter => PeriodUnit::FiscalQuarter(fiscal()?),
            PeriodArg::FiscalYear => PeriodUnit::FiscalYear(fiscal()?),
        })
    }
}

/// What the records are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum RecordKind {
    /// One row per subscription: customer, start, end (blank while active).
    Subscriptions,
    /// One row per event: customer, date, revenue (optional).
    Activity,
}

/// The input and window of `cx retention periods` and `cx retention cohorts`.
#[derive(Args, Debug, Clone)]
pub(crate) struct RecordArgs {
    /// CSV of subscriptions (customer,start,end) or activity events (customer,date,revenue);
    /// `-` for standard input.
    #[arg(value_name = "FILE")]
    pub(crate) input: String,
    /// First day of the window (YYYY-MM-DD, local; no offset or zone).
    #[arg(long, value_parser = parse::date, value_name = "DATE")]
    pub(crate) from: Date,
    /// First day after the window (YYYY-MM-DD, exclusive).
    #[arg(long, value_parser = parse::date, value_name = "DATE")]
    pub(crate) to: Date,
    /// The period of the counts.
    #[arg(long, value_enum, default_value_t)]
    pub(crate) period: PeriodArg,
    /// First month of the fiscal year for `--period fiscal-year` or `fiscal-quarter`
    /// (`4` or `apr` for years from April).
    #[arg(long, value_parser = parse::fiscal_start, value_name = "MONTH")]
    pub(crate) fiscal_start: Option<FiscalStart>,
    /// What the records are; by default subscriptions if the header has the start column,
    /// activity events if it has the date column.
    #[arg(long, value_enum)]
    pub(crate) kind: Option<RecordKind>,
    /// Activity: a customer is lost after this many consecutive inactive periods.
    #[arg(long, default_value_t = 1, value_name = "PERIODS")]
    pub(crate) lapse: u32,
    /// Activity: digits of the minor currency unit in the revenue column (2 for cents).
    #[arg(long, default_value_t = 2)]
    pub(crate) decimals: u8,
    /// Name of the customer column.
    #[arg(long, default_value = "customer", value_name = "NAME")]
    pub(crate) customer_column: String,
    /// Name of the subscription start column.
    #[arg(long, default_value = "start", value_name = "NAME")]
    pub(crate) start_column: String,
    /// Name of the subscription end column (optional in the file; blank = still active).
    #[arg(long, default_value = "end", value_name = "NAME")]
    pub(crate) end_column: String,
    /// Name of the event date column.
    #[arg(long, default_value = "date", value_name = "NAME")]
    pub(crate) date_column: String,
    /// Name of the event revenue column (optional in the file).
    #[arg(long, default_value = "revenue", value_name = "NAME")]
    pub(crate) revenue_column: String,
}

/// The filled accumulator.
#[derive(Debug)]
pub(crate) enum Accumulated {
    /// From subscription records.
    Subscriptions(SubscriptionAccumulator),
    /// From activity events.
    Activity {
        /// The accumulator.
        acc: ActivityAccumulator,
        /// Whether the file had a revenue column.
        revenue: bool,
    },
}

/// What was read, besides the accumulator.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ReadStats {
    /// Data rows read.
    pub(crate) records: u64,
    /// Distinct customers.
    pub(crate) customers: u64,
    /// `subscriptions` or `activity`.
    pub(crate) kind: RecordKind,
}

/// Tracks which customer the records are on and refuses one that comes back.
#[derive(Debug, Default)]
struct Customers {
    current: Option<String>,
    seen: HashSet<String>,
}

impl Customers {
    /// `true` when `name` starts a new customer; an error if it was seen before.
    fn switch(&mut self, name: &str) -> Result<bool, String> {
        if name.is_empty() {
            return Err("expected a customer id, found an empty cell".to_owned());
        }
        if self.current.as_deref() == Some(name) {
            return Ok(false);
        }
        if !self.seen.insert(name.to_owned()) {
            return Err(format!(
                "customer '{name}' appears again after other customers (expected each customer's records together, e.g. sorted by customer)"
            ));
        }
        self.current = Some(name.to_owned());
        Ok(true)
    }

    fn count(&self) -> u64 {
        self.seen.len() as u64
    }
}

/// Reads the records of `args` into the matching accumulator.
pub(crate) fn accumulate(
    args: &RecordArgs,
    reading: Reading,
) -> Result<(Accumulated, ReadStats), CliError> {
    let window = window(args)?;
    let mut input = CsvInput::open(&args.input, reading)?;
    let kind = match args.kind {
        Some(k) => k,
        None if input.has_column(&args.start_column) => RecordKind::Subscriptions,
        None if input.has_column(&args.date_column) => RecordKind::Activity,
        None => {
            return Err(CliError::in_input(
                input.name(),
                format!(
                    "missing column '{}' (subscriptions) or '{}' (activity events): expected customer,start[,end] or customer,date[,revenue]",
                    args.start_column, args.date_column
                ),
            ));
        }
    };
    let acc = match kind {
        RecordKind::Subscriptions => subscriptions(&mut input, args, window)?,
        RecordKind::Activity => activity(&mut input, args, window)?,
    };
    input.finish();
    if input.records() == 0 {
        return Err(CliError::in_input(
            input.name(),
            "no records (expected at least one data row)",
        ));
    }
    Ok((
        acc.0,
        ReadStats {
            records: input.records(),
            customers: acc.1,
            kind,
        },
    ))
}

/// The window of `--period` periods overlapping `--from`..`--to`.
fn window(args: &RecordArgs) -> Result<PeriodWindow, CliError> {
    let range = DateRange::new(args.from, args.to)
        .map_err(|e| CliError::usage(format!("--from/--to: {e}")))?;
    range
        .periods(args.period.unit(args.fiscal_start)?)
        .map_err(|e| CliError::usage(format!("--from/--to/--period: {e}")))
}

fn subscriptions(
    input: &mut CsvInput,
    args: &RecordArgs,
    window: PeriodWindow,
) -> Result<(Accumulated, u64), CliError> {
    let customer = input.column(&args.customer_column)?;
    let start = input.column(&args.start_column)?;
    let end = input.optional_column(&args.end_column);
    let mut acc = SubscriptionAccumulator::new(window);
    let mut customers = Customers::default();
    let mut batch: Vec<(Subscription, u64)> = Vec::new();
    let mut id = 0u64;
    let mut rec = StringRecord::new();
    while input.next(&mut rec)? {
        if input.parse(&rec, customer, |c| customers.switch(c))? {
            flush_subscriptions(&mut acc, &mut batch, input.name())?;
            id += 1;
        }
        let s = input.parse(&rec, start, parse::date)?;
        let e = match end {
            Some(col) if !rec.get(col).unwrap_or("").is_empty() => {
                Some(input.parse(&rec, col, parse::date)?)
            }
            _ => None,
        };
        let sub = Subscription {
            customer: id,
            start: s,
            end: e,
        };
        batch.push((sub, input.line(&rec)));
    }
    flush_subscriptions(&mut acc, &mut batch, input.name())?;
    Ok((Accumulated::Subscriptions(acc), customers.count()))
}

/// Counts one customer's subscriptions (each with its line); errors name the offending line.
fn flush_subscriptions(
    acc: &mut SubscriptionAccumulator,
    batch: &mut Vec<(Subscription, u64)>,
    source: &str,
) -> Result<(), CliError> {
    if batch.is_empty() {
        return Ok(());
    }
    let result = acc.record_subscriptions(batch.iter().map(|&(s, _)| s));
    // The library names the offending record by its position in the batch.
    let line = |record: usize| batch.get(record).map_or(0, |&(_, l)| l);
    let out = result.map_err(|e| match e {
        RetentionError::UnorderedSubscriptions {
            record,
            start,
            previous_start,
            ..
        } => CliError::at_line(
            source,
            line(record),
            format!(
                "subscription starting {start} comes after one starting {previous_start} (expected ascending start dates within a customer)"
            ),
        ),
        RetentionError::OverlappingSubscriptions {
            record,
            start,
            previous_end,
            ..
        } => CliError::at_line(
            source,
            line(record),
            format!(
                "subscription starting {start} overlaps the customer's previous one, which ends {previous_end} (expected subscriptions that do not overlap; a repeated record overlaps itself)"
            ),
        ),
        RetentionError::SubscriptionEndNotAfterStart {
            record, start, end, ..
        } => CliError::at_line(
            source,
            line(record),
            format!("end {end} is not after start {start} (rule: start < end, end exclusive)"),
        ),
        other => CliError::data(other),
    });
    batch.clear();
    out
}

fn activity(
    input: &mut CsvInput,
    args: &RecordArgs,
    window: PeriodWindow,
) -> Result<(Accumulated, u64), CliError> {
    let customer = input.column(&args.customer_column)?;
    let date = input.column(&args.date_column)?;
    let revenue = input.optional_column(&args.revenue_column);
    let lapse =
        LapseRule::after(args.lapse).map_err(|e| CliError::usage(format!("--lapse: {e}")))?;
    if args.decimals > 9 {
        return Err(CliError::usage(format!(
            "--decimals {} is too many (expected 0..=9)",
            args.decimals
        )));
    }
    let mut acc = ActivityAccumulator::new(window, lapse);
    let mut customers = Customers::default();
    let mut batch: Vec<ActivityEvent> = Vec::new();
    let mut id = 0u64;
    let mut rec = StringRecord::new();
    while input.next(&mut rec)? {
        if input.parse(&rec, customer, |c| customers.switch(c))? {
            acc.record_events(batch.drain(..))?;
            id += 1;
        }
        let d = input.parse(&rec, date, parse::date)?;
        let money = match revenue {
            Some(col) if !rec.get(col).unwrap_or("").is_empty() => {
                input.parse(&rec, col, |cell| {
                    let v = parse::real(cell)?;
                    Money::try_from_major(v, args.decimals)
                        .map_err(|e| format!("expected a revenue amount of 0 or more: {e}"))
                })?
            }
            _ => Money::ZERO,
        };
        batch.push(ActivityEvent {
            customer: id,
            date: d,
            revenue: money,
        });
    }
    acc.record_events(batch.drain(..))?;
    let acc = Accumulated::Activity {
        acc,
        revenue: revenue.is_some(),
    };
    Ok((acc, customers.count()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_customer_may_not_come_back_after_another() {
        let mut c = Customers::default();
        assert!(c.switch("a").unwrap());
        assert!(!c.switch("a").unwrap());
        assert!(c.switch("b").unwrap());
        assert!(c.switch("a").unwrap_err().contains("appears again"));
        assert!(c.switch("").is_err());
        assert_eq!(c.count(), 2);
    }
}
