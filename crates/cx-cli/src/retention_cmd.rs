//! `cx retention`: per-period counts with retention and churn, cohort tables and revenue
//! retention from subscription or activity CSVs, the documents' worked example from counts,
//! and (in `retention_models`) the sBG model and Kaplan–Meier — all through `cx_retention`.

use clap::{Args, Subcommand, ValueEnum};
use cx_retention::jiff::civil::Date;
use cx_retention::{
    CohortTable, Period, PeriodCounts, PeriodUnit, RetentionError, RevenueMovements,
};

use crate::error::CliError;
use crate::input::Reading;
use crate::output::{Kind, Report, Table, Value};
use crate::retention_input::{self, Accumulated, RecordArgs, RecordKind};
use crate::retention_models::{self, KmArgs, SbgArgs};

/// The subcommands of `cx retention`.
#[derive(Subcommand, Debug)]
pub(crate) enum RetentionCommand {
    /// Retention and churn of one period from its counts (start, new, lost).
    #[command(
        after_help = "Example (a year that starts with 200 customers, wins 150 and loses 140: retention 30 %, churn 70 %):\n  cx retention counts --start 200 --new 150 --lost 140"
    )]
    Counts(CountsArgs),
    /// Per-period counts, retention, churn and (with revenue) NRR/GRR from a subscriptions or
    /// activity-events CSV.
    #[command(
        after_help = "Examples:\n  cx retention periods subscriptions.csv --from 2024-01-01 --to 2025-01-01\n  cx retention periods events.csv --from 2024-01-01 --to 2024-07-01 --period month --lapse 2"
    )]
    Periods(RecordArgs),
    /// Acquisition-cohort table (survivors, active, revenue, NRR/GRR by age) from the same CSVs.
    #[command(
        after_help = "Example:\n  cx retention cohorts events.csv --from 2024-01-01 --to 2024-07-01 --metric nrr"
    )]
    Cohorts(CohortArgs),
    /// Fit the shifted-beta-geometric model to survivor counts and project it.
    #[command(
        after_help = "Example (Fader & Hardie 2007, regular segment):\n  cx retention sbg --survivors 1000,631,468,382,326,289,262,241 --horizon 12"
    )]
    Sbg(SbgArgs),
    /// Kaplan–Meier tenure curve, median lifetime and confidence band from a tenure CSV.
    #[command(
        after_help = "Examples:\n  cx retention km tenures.csv                 # columns duration,churned\n  cx retention km subscriptions.csv --as-of 2025-01-01   # columns start,end"
    )]
    Km(KmArgs),
}

/// `cx retention counts`.
#[derive(Args, Debug)]
pub(crate) struct CountsArgs {
    /// Customers at the start of the period.
    #[arg(long)]
    start: u64,
    /// New customers during the period.
    #[arg(long)]
    new: u64,
    /// Customers lost during the period.
    #[arg(long)]
    lost: u64,
}

/// What the human cohort table shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum Metric {
    /// Share of the cohort still in its first spell.
    #[default]
    Survival,
    /// Customers still in their first spell.
    Survivors,
    /// Customers of the cohort active at the end of the period (returns included).
    Active,
    /// Cohort net revenue retention (activity with revenue).
    Nrr,
    /// Cohort gross revenue retention (activity with revenue).
    Grr,
}

/// `cx retention cohorts`.
#[derive(Args, Debug)]
pub(crate) struct CohortArgs {
    #[command(flatten)]
    records: RecordArgs,
    /// The figure of the human-readable triangle (JSON and CSV always carry every figure).
    #[arg(long, value_enum, default_value_t)]
    metric: Metric,
}

/// Runs a `cx retention` subcommand.
pub(crate) fn run(cmd: &RetentionCommand, reading: Reading) -> Result<Report, CliError> {
    match cmd {
        RetentionCommand::Counts(a) => counts(a),
        RetentionCommand::Periods(a) => periods(a, reading),
        RetentionCommand::Cohorts(a) => cohorts(a, reading),
        RetentionCommand::Sbg(a) => retention_models::sbg(a, reading),
        RetentionCommand::Km(a) => retention_models::km(a, reading),
    }
}

/// A period's label: `2024-03`, `2024-W09`, `2024-Q1`, `2024`, `FY2024`, `FY2024-Q4` (fiscal
/// years named by the calendar year they start in) or the day.
pub(crate) fn label(p: Period) -> String {
    let s = p.start();
    match p.unit() {
        PeriodUnit::Month => format!("{:04}-{:02}", s.year(), s.month()),
        PeriodUnit::IsoWeek => {
            let w = s.iso_week_date();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        PeriodUnit::Quarter => format!("{:04}-Q{}", s.year(), (s.month() - 1) / 3 + 1),
        PeriodUnit::Year => format!("{:04}", s.year()),
        PeriodUnit::FiscalYear(_) => format!("FY{:04}", p.index()),
        PeriodUnit::FiscalQuarter(f) => {
            let months =
                (i32::from(s.year()) * 12 + i32::from(s.month()) - 1) - (i32::from(f.month()) - 1);
            format!(
                "FY{:04}-Q{}",
                months.div_euclid(12),
                months.rem_euclid(12) / 3 + 1
            )
        }
        _ => s.to_string(),
    }
}

fn date(d: Date) -> Value {
    Value::text(d.to_string())
}

/// The columns of per-period counts, shared by `counts` and `periods`; with `split` (counts
/// from subscriptions, which know who joined and left within a period) people see the
/// start-base rates too.
fn count_columns(t: Table, split: bool) -> Table {
    let t = t
        .column("at_start", Kind::Plain)
        .column("new", Kind::Plain)
        .column("lost", Kind::Plain)
        .column("at_end", Kind::Plain)
        .column_as("retention_rate", "retention", Kind::Share(1))
        .column_as("churn_rate", "churn", Kind::Share(1))
        .machine_column("net_growth_rate", Kind::Share(1));
    if split {
        t.column_as("lost_from_start", "lost (base)", Kind::Plain)
            .column_as("lost_from_new", "lost (new)", Kind::Plain)
            .column_as(
                "start_base_retention_rate",
                "base retention",
                Kind::Share(1),
            )
            .column_as("start_base_churn_rate", "base churn", Kind::Share(1))
    } else {
        t.machine_column("lost_from_start", Kind::Plain)
            .machine_column("lost_from_new", Kind::Plain)
            .machine_column("start_base_retention_rate", Kind::Share(1))
            .machine_column("start_base_churn_rate", Kind::Share(1))
    }
}

fn count_cells(c: &PeriodCounts) -> Vec<Value> {
    let split = c.lost_split();
    vec![
        Value::UInt(c.at_start()),
        Value::UInt(c.new_customers()),
        Value::UInt(c.lost()),
        Value::UInt(c.at_end()),
        Value::opt_float(c.retention_rate()),
        Value::opt_float(c.churn_rate()),
        Value::opt_float(c.net_growth_rate()),
        split.map_or(Value::Null, |(s, _)| Value::UInt(s)),
        split.map_or(Value::Null, |(_, n)| Value::UInt(n)),
        Value::opt_float(c.start_base_retention_rate()),
        Value::opt_float(c.start_base_churn_rate()),
    ]
}

fn counts(a: &CountsArgs) -> Result<Report, CliError> {
    let c = PeriodCounts::new(a.start, a.new, a.lost)?;
    let mut r = Report::new();
    let mut t = count_columns(Table::new("periods"), false).column_as(
        "negated_churn_rate",
        "article churn",
        Kind::Share(1),
    );
    let mut row = count_cells(&c);
    row.push(Value::opt_float(c.negated_churn_rate()));
    t.push(row);
    r.table(t);
    r.note("retention = (at_end − new) / at_start; churn = lost / at_start.");
    r.note("'article churn' is the source article's (at_end − at_start − new) / at_start: minus the lost share, shown for comparison only.");
    Ok(r)
}

fn read_facts(
    r: &mut Report,
    a: &RecordArgs,
    stats: &retention_input::ReadStats,
) -> Result<(), CliError> {
    let kind = match stats.kind {
        RecordKind::Subscriptions => "subscriptions",
        RecordKind::Activity => "activity",
    };
    r.fact("kind", "records are", Value::text(kind), Kind::Plain);
    r.fact(
        "records",
        "records",
        Value::UInt(stats.records),
        Kind::Plain,
    );
    r.fact(
        "customers",
        "customers",
        Value::UInt(stats.customers),
        Kind::Plain,
    );
    r.fact("from", "window from", date(a.from), Kind::Plain);
    r.fact("to", "window to (exclusive)", date(a.to), Kind::Plain);
    r.fact(
        "period",
        "period",
        Value::text(a.period.unit(a.fiscal_start)?.to_string()),
        Kind::Plain,
    );
    if stats.kind == RecordKind::Activity {
        r.fact(
            "lapse",
            "lost after inactive periods",
            Value::UInt(u64::from(a.lapse)),
            Kind::Plain,
        );
    }
    Ok(())
}

fn revenue_columns(t: Table) -> Table {
    t.machine_column("revenue_start_minor", Kind::Plain)
        .machine_column("expansion_minor", Kind::Plain)
        .machine_column("contraction_minor", Kind::Plain)
        .machine_column("churned_revenue_minor", Kind::Plain)
        .machine_column("new_revenue_minor", Kind::Plain)
        .machine_column("revenue_end_minor", Kind::Plain)
        .column_as("net_revenue_retention", "NRR", Kind::Share(1))
        .column_as("gross_revenue_retention", "GRR", Kind::Share(1))
}

fn revenue_cells(m: &RevenueMovements) -> Vec<Value> {
    vec![
        Value::money(m.start()),
        Value::money(m.expansion()),
        Value::money(m.contraction()),
        Value::money(m.churned()),
        Value::money(m.new_revenue()),
        Value::money(m.end()),
        Value::opt_float(m.net_revenue_retention()),
        Value::opt_float(m.gross_revenue_retention()),
    ]
}

fn periods(a: &RecordArgs, reading: Reading) -> Result<Report, CliError> {
    let (acc, stats) = retention_input::accumulate(a, reading)?;
    let mut r = Report::new();
    read_facts(&mut r, a, &stats)?;
    let mut t = Table::new("periods")
        .column("period", Kind::Plain)
        .machine_column("start", Kind::Plain)
        .machine_column("end", Kind::Plain);
    t = count_columns(t, stats.kind == RecordKind::Subscriptions);
    let (window, counts, revenue) = match &acc {
        Accumulated::Subscriptions(s) => (s.window(), s.period_counts()?, None),
        Accumulated::Activity { acc, revenue } => (
            acc.window(),
            acc.period_counts()?,
            revenue.then(|| acc.revenue_movements()),
        ),
    };
    if revenue.is_some() {
        t = revenue_columns(t);
    }
    for (i, (p, c)) in window.iter().zip(&counts).enumerate() {
        let mut row = vec![Value::text(label(p)), date(p.start()), date(p.end())];
        row.extend(count_cells(c));
        if let Some(m) = revenue.and_then(|m| m.get(i)) {
            row.extend(revenue_cells(m));
        }
        t.push(row);
    }
    r.table(t);
    r.note("retention = (at_end − new) / at_start; churn = lost / at_start; – where the period starts with no customers.");
    if stats.kind == RecordKind::Subscriptions {
        r.note("base retention and base churn leave out customers who joined and left within the period ('lost (new)').");
    }
    if stats.kind == RecordKind::Activity {
        r.note("Activity: a customer is active in a period with an event, and lost after --lapse inactive periods.");
    }
    Ok(r)
}

/// A cohort-table cell that may be undefined (no revenue, zero base): `Null` then.
fn cell<T>(v: Result<T, RetentionError>, f: impl FnOnce(T) -> Value) -> Value {
    v.map_or(Value::Null, f)
}

fn cohorts(a: &CohortArgs, reading: Reading) -> Result<Report, CliError> {
    let (acc, stats) = retention_input::accumulate(&a.records, reading)?;
    let (table, revenue): (CohortTable, bool) = match &acc {
        Accumulated::Subscriptions(s) => (s.cohort_table(), false),
        Accumulated::Activity { acc, revenue } => (acc.cohort_table(), *revenue),
    };
    if matches!(a.metric, Metric::Nrr | Metric::Grr) && !revenue {
        return Err(CliError::usage(
            "--metric nrr/grr needs activity events with a revenue column",
        ));
    }
    let mut r = Report::new();
    read_facts(&mut r, &a.records, &stats)?;
    let window = table.window();
    let n = window.len();
    let mut long = Table::new("cohorts")
        .column("cohort", Kind::Plain)
        .column("cohort_start", Kind::Plain)
        .column("size", Kind::Plain)
        .column("age", Kind::Plain)
        .column("period", Kind::Plain)
        .column("survivors", Kind::Plain)
        .column("survival_rate", Kind::Share(1))
        .column("active", Kind::Plain)
        .column("revenue_minor", Kind::Plain)
        .column("net_revenue_retention", Kind::Share(1))
        .column("gross_revenue_retention", Kind::Share(1));
    let mut summary = Table::new("cohort_summary")
        .titled("Cohorts:")
        .column("cohort", Kind::Plain)
        .column("cohort_start", Kind::Plain)
        .column("size", Kind::Plain)
        .column("historical_ltv_minor", Kind::Decimals(1));
    let mut pivot = Table::new("triangle")
        .human_only()
        .titled(format!(
            "{} by periods since acquisition:",
            metric_title(a.metric)
        ))
        .column("cohort", Kind::Plain)
        .column("size", Kind::Plain);
    for age in 0..n {
        pivot = pivot.column(&age.to_string(), metric_kind(a.metric));
    }
    for c in 0..n {
        let p = table.cohort(c)?;
        let size = table.cohort_size(c)?;
        summary.push(vec![
            Value::text(label(p)),
            date(p.start()),
            Value::UInt(size),
            if revenue {
                cell(table.historical_ltv(c), Value::float)
            } else {
                Value::Null
            },
        ]);
        let mut prow = vec![Value::text(label(p)), Value::UInt(size)];
        for age in 0..n {
            if age >= n - c {
                prow.push(Value::text(""));
                continue;
            }
            let at = window
                .get(c + age)
                .map_or(Value::Null, |q| Value::text(label(q)));
            let survivors = table.survivors(c, age)?;
            let rate = if size > 0 {
                cell(table.survival_rate(c, age), Value::float)
            } else {
                Value::Null
            };
            let active = table.active(c, age)?;
            let (rev, nrr, grr) = if revenue {
                (
                    cell(table.revenue(c, age), Value::money),
                    cell(table.net_revenue_retention(c, age), Value::float),
                    cell(table.gross_revenue_retention(c, age), Value::float),
                )
            } else {
                (Value::Null, Value::Null, Value::Null)
            };
            prow.push(match a.metric {
                Metric::Survival => rate.clone(),
                Metric::Survivors => Value::UInt(survivors),
                Metric::Active => Value::UInt(active),
                Metric::Nrr => nrr.clone(),
                Metric::Grr => grr.clone(),
            });
            long.push(vec![
                Value::text(label(p)),
                date(p.start()),
                Value::UInt(size),
                Value::UInt(age as u64),
                at,
                Value::UInt(survivors),
                rate,
                Value::UInt(active),
                rev,
                nrr,
                grr,
            ]);
        }
        pivot.push(prow);
    }
    r.table(long.machine_only());
    r.table(pivot);
    r.table(summary);
    r.note("Cohort = the window period of a customer's first spell; customers acquired before the window are not in the table.");
    Ok(r)
}

fn metric_title(m: Metric) -> &'static str {
    match m {
        Metric::Survival => "Survival rate",
        Metric::Survivors => "Survivors",
        Metric::Active => "Active customers",
        Metric::Nrr => "Net revenue retention",
        Metric::Grr => "Gross revenue retention",
    }
}

fn metric_kind(m: Metric) -> Kind {
    match m {
        Metric::Survival | Metric::Nrr | Metric::Grr => Kind::Share(1),
        Metric::Survivors | Metric::Active => Kind::Plain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cx_retention::jiff::civil::date;

    #[test]
    fn period_labels_name_the_calendar_unit() {
        let at = |u, d| label(Period::containing(u, d).unwrap());
        assert_eq!(at(PeriodUnit::Month, date(2024, 3, 9)), "2024-03");
        assert_eq!(at(PeriodUnit::IsoWeek, date(2024, 12, 30)), "2025-W01");
        assert_eq!(at(PeriodUnit::Quarter, date(2024, 8, 1)), "2024-Q3");
        assert_eq!(at(PeriodUnit::Year, date(2024, 8, 1)), "2024");
        assert_eq!(at(PeriodUnit::Day, date(2024, 8, 1)), "2024-08-01");
    }
}
