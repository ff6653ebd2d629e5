//! `cx accuracy actuals`: what happened, from contact records, through
//! `wfm_forecast::ActualsAccumulator` in one pass: per-interval and per-day offered,
//! answered, abandoned, AHT, ASA, abandonment rate and service level under each named
//! definition; first-reaction and resolution-time percentiles (overall and per request type);
//! compliance with per-request-type deadlines.
//!
//! Arrivals are local timestamps (see `clock.rs`); times in cells carry their unit in the
//! column's name (`wait_seconds`, `handle_minutes`) or through `--time-unit`.

use clap::Args;
use csv::StringRecord;
use wfm_forecast::{
    ActualCounts, ActualsAccumulator, Compliance, ContactRecord, Deadlines, IntervalLength,
    Outcome, ServiceLevelDefinition, TimeSpan,
};

use crate::clock;
use crate::error::CliError;
use crate::input::{CsvInput, Reading};
use crate::output::{Kind, Report, Table, Value};
use crate::parse;
use crate::staffing_cmd::{duration, interval};

/// The most intervals the zero-filled per-interval table may hold (a year of 1-minute
/// intervals, fourteen years of 15-minute ones): the table is built in memory, about 0.5 KB a
/// row, so a span of records is refused above this before anything is allocated.
const MAX_INTERVALS: i64 = 500_000;

/// `cx accuracy actuals`.
#[derive(Args, Debug)]
pub(crate) struct ActualsArgs {
    /// CSV of contact records, one per row, in any order, or `-` for standard input.
    #[arg(value_name = "FILE")]
    input: String,
    /// The interval length to count in, e.g. `30m` or `15m`.
    #[arg(long, value_parser = interval, value_name = "DURATION")]
    interval: IntervalLength,
    /// The service-level threshold T ("answered within T"), e.g. `20s`.
    #[arg(long, value_parser = duration, value_name = "DURATION", default_value = "20s")]
    answer_within: TimeSpan,
    /// The arrival column: local timestamps `YYYY-MM-DDTHH:MM[:SS]` (an offset or zone such as
    /// `Z` or `+01:00` is refused).
    #[arg(long, default_value = "arrival", value_name = "NAME")]
    arrival_column: String,
    /// The outcome column: `answered` or `abandoned`.
    #[arg(long, default_value = "outcome", value_name = "NAME")]
    outcome_column: String,
    /// The queue-wait column.
    #[arg(long, default_value = "wait_seconds", value_name = "NAME")]
    wait_column: String,
    /// The handle-time column (read for answered contacts only).
    #[arg(long, default_value = "handle_seconds", value_name = "NAME")]
    handle_column: String,
    /// The request-type column, used when present.
    #[arg(long, default_value = "request_type", value_name = "NAME")]
    type_column: String,
    /// The first-reaction time column, used when present (blank cells: none).
    #[arg(long, default_value = "first_reaction_seconds", value_name = "NAME")]
    first_reaction_column: String,
    /// The resolution time column, used when present (blank cells: none).
    #[arg(long, default_value = "resolution_seconds", value_name = "NAME")]
    resolution_column: String,
    /// The unit of time columns whose name does not end in `_seconds` or `_minutes`.
    #[arg(long, value_name = "UNIT", value_parser = ["s", "m"])]
    time_unit: Option<String>,
    /// Percentiles of first-reaction and resolution times, e.g. `50%,90%`.
    #[arg(long, value_delimiter = ',', value_parser = parse::percent, default_value = "50%,90%", value_name = "PCT,…")]
    percentiles: Vec<f64>,
    /// Deadlines per request type from a CSV with columns `request_type`, `first_reaction`,
    /// `resolution` (durations with units such as `60s`, `4h`; blank for none).
    #[arg(long, value_name = "FILE")]
    deadlines: Option<String>,
    /// A first-reaction deadline `TYPE=DURATION`, e.g. `b2c=1m` (repeatable).
    #[arg(long, value_name = "TYPE=DURATION", value_parser = deadline)]
    first_reaction_deadline: Vec<(String, TimeSpan)>,
    /// A resolution deadline `TYPE=DURATION`, e.g. `b2b=4h` (repeatable).
    #[arg(long, value_name = "TYPE=DURATION", value_parser = deadline)]
    resolution_deadline: Vec<(String, TimeSpan)>,
}

/// Reads `TYPE=DURATION`.
fn deadline(text: &str) -> Result<(String, TimeSpan), String> {
    let (t, d) = text
        .split_once('=')
        .ok_or_else(|| format!("expected TYPE=DURATION such as b2c=1m, found {text:?}"))?;
    Ok((t.trim().to_owned(), duration(d)?))
}

/// The deadlines of `--deadlines` and the options (a later setting of a type's limit replaces
/// an earlier one; a row with neither limit sets none).
fn deadlines(a: &ActualsArgs, reading: Reading) -> Result<Deadlines, CliError> {
    let mut deadlines = Deadlines::new();
    if let Some(path) = &a.deadlines {
        let mut input = CsvInput::open(path, reading)?;
        let tcol = input.column("request_type")?;
        let fcol = input.optional_column("first_reaction");
        let rcol = input.optional_column("resolution");
        if fcol.is_none() && rcol.is_none() {
            return Err(CliError::in_input(
                input.name(),
                "missing column 'first_reaction' or 'resolution' (expected at least one)",
            ));
        }
        let mut rec = StringRecord::new();
        let optional = |input: &CsvInput, rec: &StringRecord, col: Option<usize>| match col {
            Some(c) if !rec.get(c).unwrap_or("").is_empty() => {
                input.parse(rec, c, duration).map(Some)
            }
            _ => Ok(None),
        };
        while input.next(&mut rec)? {
            let kind = rec.get(tcol).unwrap_or("");
            if kind.is_empty() {
                return Err(input.cell_error(
                    &rec,
                    tcol,
                    "expected a request type, found a blank cell",
                ));
            }
            if let Some(d) = optional(&input, &rec, fcol)? {
                deadlines = deadlines.first_reaction(kind, d);
            }
            if let Some(d) = optional(&input, &rec, rcol)? {
                deadlines = deadlines.resolution(kind, d);
            }
        }
    }
    for (kind, d) in &a.first_reaction_deadline {
        deadlines = deadlines.first_reaction(kind, *d);
    }
    for (kind, d) in &a.resolution_deadline {
        deadlines = deadlines.resolution(kind, *d);
    }
    Ok(deadlines)
}

/// Seconds per unit of a time column.
fn unit_of(name: &str, a: &ActualsArgs) -> Result<f64, CliError> {
    match a.time_unit.as_deref() {
        Some("m") => Ok(60.0),
        Some(_) => Ok(1.0),
        None if name.ends_with("_seconds") => Ok(1.0),
        None if name.ends_with("_minutes") => Ok(60.0),
        None => Err(CliError::usage(format!(
            "--time-unit: the unit of column '{name}' is not in its name; say --time-unit s or m"
        ))),
    }
}

/// A time cell in seconds.
fn time(unit: f64) -> impl Fn(&str) -> Result<TimeSpan, String> {
    move |c: &str| {
        parse::real(c).and_then(|v| {
            TimeSpan::from_seconds(v * unit)
                .map_err(|e| format!("expected a time of 0 or more: {e}"))
        })
    }
}

/// The four service-level definitions, with their field names and headings.
const DEFINITIONS: [(ServiceLevelDefinition, &str, &str); 4] = [
    (
        ServiceLevelDefinition::AnsweredWithinOverOffered,
        "sl_over_offered",
        "SL/offered",
    ),
    (
        ServiceLevelDefinition::AnsweredWithinOverAnswered,
        "sl_over_answered",
        "SL/answered",
    ),
    (
        ServiceLevelDefinition::AnsweredWithinOverOfferedLessShortAbandons,
        "sl_over_offered_less_short_abandons",
        "SL/(offered−short ab.)",
    ),
    (
        ServiceLevelDefinition::WaitEndedWithinOverOffered,
        "sl_wait_ended_over_offered",
        "SL wait ended",
    ),
];

/// A counts table with a first key column.
fn counts_table(name: &str, key: &str) -> Table {
    let mut t = Table::new(name)
        .column(key, Kind::Plain)
        .column("offered", Kind::Plain)
        .column("answered", Kind::Plain)
        .column("abandoned", Kind::Plain)
        .column_as("aht_seconds", "AHT (s)", Kind::Decimals(1))
        .column_as("asa_seconds", "ASA (s)", Kind::Decimals(1))
        .column_as("abandonment_rate", "aband. rate", Kind::Share(1));
    for (_, field, heading) in DEFINITIONS {
        t = t.column_as(field, heading, Kind::Share(1));
    }
    t
}

/// The cells of one counts row after its key.
fn counts_row(key: Value, c: &ActualCounts) -> Vec<Value> {
    let mut row = vec![
        key,
        Value::UInt(c.offered),
        Value::UInt(c.answered),
        Value::UInt(c.abandoned),
        c.aht().map_or(Value::Null, |t| Value::float(t.seconds())),
        c.asa().map_or(Value::Null, |t| Value::float(t.seconds())),
        c.abandonment_rate().map_or(Value::Null, Value::float),
    ];
    for (def, _, _) in DEFINITIONS {
        row.push(c.service_level(def).map_or(Value::Null, Value::float));
    }
    row
}

/// Runs `cx accuracy actuals`.
pub(crate) fn run(a: &ActualsArgs, reading: Reading) -> Result<Report, CliError> {
    parse::distinct("--percentiles", &a.percentiles, |p| {
        format!("{}%", crate::output::number(100.0 * p))
    })?;
    parse::distinct(
        "--first-reaction-deadline",
        &a.first_reaction_deadline,
        |d| d.0.clone(),
    )?;
    parse::distinct("--resolution-deadline", &a.resolution_deadline, |d| {
        d.0.clone()
    })?;
    for p in &a.percentiles {
        if !(0.0..=1.0).contains(p) {
            return Err(CliError::usage(format!(
                "--percentiles: expected percentages from 0% to 100%, found {}%",
                crate::output::number(100.0 * p)
            )));
        }
    }
    let deadlines = deadlines(a, reading)?;
    let mut acc = ActualsAccumulator::with_deadlines(a.interval, a.answer_within, deadlines);
    let mut input = CsvInput::open(&a.input, reading)?;
    let arrival = input.column(&a.arrival_column)?;
    let outcome = input.column(&a.outcome_column)?;
    let wait = (input.column(&a.wait_column)?, unit_of(&a.wait_column, a)?);
    let handle = (
        input.column(&a.handle_column)?,
        unit_of(&a.handle_column, a)?,
    );
    let kind = input.optional_column(&a.type_column);
    let frt = match input.optional_column(&a.first_reaction_column) {
        Some(c) => Some((c, unit_of(&a.first_reaction_column, a)?)),
        None => None,
    };
    let res = match input.optional_column(&a.resolution_column) {
        Some(c) => Some((c, unit_of(&a.resolution_column, a)?)),
        None => None,
    };
    let mut rec = StringRecord::new();
    while input.next(&mut rec)? {
        let at = input.parse(&rec, arrival, clock::seconds)?;
        let waited = input.parse(&rec, wait.0, time(wait.1))?;
        let out = match rec.get(outcome).unwrap_or("").to_ascii_lowercase().as_str() {
            "answered" => Outcome::Answered {
                wait: waited,
                handle: input.parse(&rec, handle.0, time(handle.1))?,
            },
            "abandoned" => Outcome::Abandoned { wait: waited },
            other => {
                return Err(input.cell_error(
                    &rec,
                    outcome,
                    format!("expected answered or abandoned, found {other:?}"),
                ));
            }
        };
        let mut r = ContactRecord::new(at, out);
        if let Some(c) = kind {
            let t = rec.get(c).unwrap_or("");
            if !t.is_empty() {
                r = r.with_request_type(t);
            }
        }
        if let Some((c, unit)) = frt
            && !rec.get(c).unwrap_or("").is_empty()
        {
            r = r.with_first_reaction(input.parse(&rec, c, time(unit))?);
        }
        if let Some((c, unit)) = res
            && !rec.get(c).unwrap_or("").is_empty()
        {
            r = r.with_resolution(input.parse(&rec, c, time(unit))?);
        }
        acc.record(&r);
    }
    input.finish();
    if input.records() == 0 {
        return Err(CliError::in_input(
            input.name(),
            "no contact records (expected at least one row)",
        ));
    }
    report(a, &acc, input.records())
}

/// The report of the accumulated actuals.
fn report(a: &ActualsArgs, acc: &ActualsAccumulator, records: u64) -> Result<Report, CliError> {
    let len = i64::from(a.interval.seconds());
    let days = acc.per_day();
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return Err(CliError::data("no contact records"));
    };
    let (start, end) = (first.0 * 86_400, (last.0 + 1) * 86_400);
    if (end - start) / len > MAX_INTERVALS {
        return Err(CliError::data(format!(
            "the records span {} days: {} intervals of {} s, more than the {MAX_INTERVALS} one table holds (split the input or use a longer --interval)",
            last.0 - first.0 + 1,
            (end - start) / len,
            len
        )));
    }
    let total = acc.total();
    let mut r = Report::new();
    r.fact(
        "interval_seconds",
        "interval (s)",
        Value::UInt(u64::from(a.interval.seconds())),
        Kind::Plain,
    );
    r.fact(
        "answer_within_seconds",
        "answered within (s)",
        Value::float(a.answer_within.seconds()),
        Kind::Decimals(0),
    );
    r.fact(
        "records",
        "contact records",
        Value::UInt(records),
        Kind::Plain,
    );
    r.fact(
        "first_day",
        "first day",
        Value::text(clock::day(first.0)),
        Kind::Plain,
    );
    r.fact(
        "last_day",
        "last day",
        Value::text(clock::day(last.0)),
        Kind::Plain,
    );
    let totals = counts_row(Value::Null, &total);
    let t = counts_table("intervals", "start");
    let keys: [&'static str; 10] = [
        "offered",
        "answered",
        "abandoned",
        "aht_seconds",
        "asa_seconds",
        "abandonment_rate",
        DEFINITIONS[0].1,
        DEFINITIONS[1].1,
        DEFINITIONS[2].1,
        DEFINITIONS[3].1,
    ];
    let kinds = [
        Kind::Plain,
        Kind::Plain,
        Kind::Plain,
        Kind::Decimals(1),
        Kind::Decimals(1),
        Kind::Share(1),
        Kind::Share(1),
        Kind::Share(1),
        Kind::Share(1),
        Kind::Share(1),
    ];
    let labels = [
        "offered",
        "answered",
        "abandoned",
        "AHT (s)",
        "ASA (s)",
        "abandonment rate",
        "SL answered within T / offered",
        "SL answered within T / answered",
        "SL answered within T / (offered − abandoned within T)",
        "SL wait ended within T / offered",
    ];
    for i in 0..10 {
        r.fact(keys[i], labels[i], totals[i + 1].clone(), kinds[i]);
    }

    let mut it = t;
    for (s, c) in acc.per_interval_range(start, end)? {
        it.push(counts_row(Value::text(clock::format(s)), &c));
    }
    r.table(it.titled("per interval (every interval of each day, zeros included)"));
    let mut dt = counts_table("days", "date").titled("per day");
    for (d, c) in &days {
        dt.push(counts_row(Value::text(clock::day(*d)), c));
    }
    r.table(dt);

    let mut pt = Table::new("percentiles")
        .titled("first-reaction and resolution times")
        .column("request_type", Kind::Plain)
        .column_as("p", "percentile", Kind::Share(0))
        .column_as(
            "first_reaction_seconds",
            "first reaction (s)",
            Kind::Decimals(1),
        )
        .column_as("resolution_seconds", "resolution (s)", Kind::Decimals(1));
    let ps = &a.percentiles;
    let mut rows = vec![(
        "all".to_owned(),
        acc.first_reaction_percentiles(ps)?,
        acc.resolution_percentiles(ps)?,
    )];
    for t in acc.request_types() {
        rows.push((
            t.to_owned(),
            acc.first_reaction_percentiles_of(t, ps)?,
            acc.resolution_percentiles_of(t, ps)?,
        ));
    }
    let cell = |v: &Option<Vec<TimeSpan>>, i: usize| {
        v.as_ref()
            .and_then(|v| v.get(i))
            .map_or(Value::Null, |t| Value::float(t.seconds()))
    };
    for (name, f, res) in &rows {
        if f.is_none() && res.is_none() {
            continue;
        }
        for (i, p) in ps.iter().enumerate() {
            pt.push(vec![
                Value::text(name.clone()),
                Value::float(*p),
                cell(f, i),
                cell(res, i),
            ]);
        }
    }
    r.table(pt);

    if !acc.deadlines().is_empty() {
        let mut dl = Table::new("deadlines")
            .titled("deadline compliance per request type")
            .column("request_type", Kind::Plain)
            .column_as(
                "first_reaction_limit_seconds",
                "FRT limit (s)",
                Kind::Decimals(0),
            )
            .column_as("first_reaction_met", "met", Kind::Plain)
            .column_as("first_reaction_total", "of", Kind::Plain)
            .column_as("first_reaction_share", "FRT share", Kind::Share(1))
            .column_as(
                "resolution_limit_seconds",
                "resolution limit (s)",
                Kind::Decimals(0),
            )
            .column_as("resolution_met", "met", Kind::Plain)
            .column_as("resolution_total", "of", Kind::Plain)
            .column_as("resolution_share", "resolution share", Kind::Share(1));
        let compliance = acc.deadline_compliance();
        for (kind, frt, res) in acc.deadlines().iter() {
            let c = compliance.iter().find(|c| c.request_type == kind);
            let part = |limit: Option<TimeSpan>, got: Option<Compliance>| match (limit, got) {
                (Some(l), Some(g)) => vec![
                    Value::float(l.seconds()),
                    Value::UInt(g.met),
                    Value::UInt(g.total),
                    g.share().map_or(Value::Null, Value::float),
                ],
                _ => vec![Value::Null; 4],
            };
            let mut row = vec![Value::text(kind)];
            row.extend(part(frt, c.and_then(|c| c.first_reaction)));
            row.extend(part(res, c.and_then(|c| c.resolution)));
            dl.push(row);
        }
        r.table(dl);
    }
    r.note(format!(
        "times on the local clock of the arrival column; \"within T\" means a wait of at most {} s; AHT and ASA are means over answered contacts; ratios over no contact are undefined (–)",
        a.answer_within.seconds()
    ));
    Ok(r)
}
