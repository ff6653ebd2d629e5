//! `cx schedule`: shifts from interval requirements — how many agents work each shift and
//! where they take their breaks, at the lowest cost or the smallest weighted gap to the
//! requirement — through `wfm_schedule::Problem::solve`.
//!
//! The requirements are a CSV with one row per interval, in order, from a midnight: a column
//! of agents to schedule (`scheduled_agents` by default, the column `cx staffing plan`
//! writes) and optionally a timestamp column (`start`) that fixes the first weekday and is
//! checked for consecutive intervals. The shift templates are a TOML file of `[[shift]]`
//! tables, read into `wfm_schedule::ShiftTemplate` by its own `Deserialize`.

use std::fs::File;
use std::io::Read;
use std::time::Duration;

use clap::{Args, ValueEnum};
use csv::StringRecord;
use serde::Deserialize;
use wfm_forecast::{IntervalLength, Shrinkage, TimeSpan, Volume};
use wfm_schedule::{
    MAX_AGENTS, MAX_INTERVALS, MAX_TIME_LIMIT_SECONDS, MAX_WEIGHT, Objective, Problem,
    Requirements, Schedule, ServiceLoad, ShiftTemplate, SolveOptions, Weekday,
};

use crate::clock;
use crate::error::CliError;
use crate::input::{CsvInput, Reading};
use crate::output::{Kind, Report, Table, Value};
use crate::parse::{self, percent};
use crate::staffing_cmd::{duration, interval};

/// The largest shift-templates file read, in bytes (1 MiB: thousands of templates).
pub(crate) const MAX_SHIFTS_FILE_BYTES: u64 = 1 << 20;

/// What the schedule minimises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ObjectiveKind {
    /// The cheapest schedule that covers every interval.
    Cost,
    /// The smallest weighted sum of missing and surplus agent-intervals, under caps.
    Deviation,
}

/// `cx schedule`.
#[derive(Args, Debug)]
#[command(
    after_help = "Shift templates (TOML): one [[shift]] table per template, times in minutes:\n  [[shift]]\n  name = \"day\"\n  earliest_start_minutes = 480   # 08:00\n  latest_start_minutes = 600     # 10:00\n  start_step_minutes = 60\n  length_minutes = 480\n  days = [\"mon\", \"tue\"]          # default: every day\n  cost_per_paid_hour = 1.0\n  breaks = [{ earliest_start_minutes = 180, latest_start_minutes = 300, length_minutes = 30, paid = false }]\n\nExamples:\n  cx schedule requirements.csv --shifts shifts.toml --interval 30m\n  cx schedule requirements.csv --shifts shifts.toml --interval 30m --objective deviation --max-shifts 10\n  cx --format csv staffing plan forecast.csv --interval 30m --aht 4m --sl 80%/20s | cx schedule - --shifts shifts.toml --interval 30m --time-column label"
)]
pub(crate) struct ScheduleArgs {
    /// CSV of agents to schedule per interval, one row per interval in order from a
    /// midnight, or `-` for standard input.
    #[arg(value_name = "FILE")]
    input: String,
    /// The shift templates: a TOML file of `[[shift]]` tables.
    #[arg(long, value_name = "FILE")]
    shifts: String,
    /// The interval length of the rows, e.g. `30m` or `15m` (whole minutes).
    #[arg(long, value_parser = interval, value_name = "DURATION")]
    interval: IntervalLength,
    /// The column of agents to schedule per interval (whole counts).
    #[arg(long, default_value = "scheduled_agents", value_name = "NAME")]
    requirement_column: String,
    /// A timestamp column (local `YYYY-MM-DDTHH:MM[:SS]`): the first row must start at a
    /// midnight, which gives the first weekday, and rows must be consecutive. Default: `start`
    /// when present; without one the rows start on a Monday at 00:00.
    #[arg(long, value_name = "NAME")]
    time_column: Option<String>,
    /// The horizon repeats (whole weeks only): a shift running past its end covers its start.
    #[arg(long)]
    cyclic: bool,
    /// What to minimise: `cost` (cover every interval) or `deviation` (weighted missing and
    /// surplus agent-intervals, under the caps).
    #[arg(long, value_enum, default_value = "cost")]
    objective: ObjectiveKind,
    /// Weight of one missing agent-interval (`deviation`).
    #[arg(long, value_parser = parse::real, value_name = "WEIGHT")]
    under_weight: Option<f64>,
    /// Weight of one surplus agent-interval (`deviation`).
    #[arg(long, value_parser = parse::real, value_name = "WEIGHT")]
    over_weight: Option<f64>,
    /// Most agents on duty (on shift and not on a break) in any interval (`deviation`).
    #[arg(long, value_parser = parse::count, value_name = "N")]
    max_on_duty: Option<u64>,
    /// Most shifts (agent-shifts) in all (`deviation`).
    #[arg(long, value_parser = parse::count, value_name = "N")]
    max_shifts: Option<u64>,
    /// The solver's time limit, e.g. `10s` or `2m`; when it passes, the best schedule found
    /// is shown with its gap.
    #[arg(long, value_parser = duration, default_value = "10s", value_name = "DURATION")]
    time_limit: TimeSpan,
    /// Stop once the schedule is proven within this relative gap of the optimum, e.g. `1%`
    /// (default `0%`: prove optimality).
    #[arg(long, value_parser = percent, default_value = "0%", value_name = "PCT")]
    gap: f64,
    /// Handle time of every interval, e.g. `4m`: with `--volume-column`, the Erlang C service
    /// level each interval reaches with the scheduled agents.
    #[arg(long, value_parser = duration, value_name = "DURATION", requires = "volume_column")]
    aht: Option<TimeSpan>,
    /// The column of contacts offered per interval (with `--aht`).
    #[arg(long, value_name = "NAME", requires = "aht")]
    volume_column: Option<String>,
    /// The service-level threshold: answered within this time (with `--aht`).
    #[arg(long, value_parser = duration, default_value = "20s", value_name = "DURATION")]
    answer_within: TimeSpan,
    /// Share of scheduled time off the phones, taken from the available agents before the
    /// service level is computed (with `--aht`), e.g. `30%`.
    #[arg(long, value_parser = percent, default_value = "0%", value_name = "PCT")]
    shrinkage: f64,
}

/// The shift-templates file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShiftsFile {
    /// One table per template.
    shift: Vec<ShiftTemplate>,
}

/// Reads the shift templates, refusing a file above [`MAX_SHIFTS_FILE_BYTES`].
fn read_shifts(path: &str) -> Result<Vec<ShiftTemplate>, CliError> {
    let file = File::open(path).map_err(|e| CliError::io(path, &e))?;
    let mut text = String::new();
    file.take(MAX_SHIFTS_FILE_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| CliError::io(path, &e))?;
    if text.len() as u64 > MAX_SHIFTS_FILE_BYTES {
        return Err(CliError::in_input(
            path,
            format!("the shift templates file is larger than {MAX_SHIFTS_FILE_BYTES} bytes"),
        ));
    }
    let parsed: ShiftsFile = toml::from_str(&text).map_err(|e| {
        let message = e.message().trim_end().replace('\n', "; ");
        match e.span() {
            Some(span) => {
                let line = text
                    .get(..span.start)
                    .map_or(0, |t| t.matches('\n').count())
                    + 1;
                CliError::at_line(path, line as u64, format!("bad shift templates: {message}"))
            }
            None => CliError::in_input(path, format!("bad shift templates: {message}")),
        }
    })?;
    if parsed.shift.is_empty() {
        return Err(CliError::in_input(
            path,
            "no shift templates (expected at least one [[shift]] table)",
        ));
    }
    Ok(parsed.shift)
}

/// The requirements read from the CSV, with each row's label and the weekday of its start.
struct Rows {
    counts: Vec<u32>,
    labels: Vec<String>,
    volumes: Vec<f64>,
    first_day: Weekday,
}

/// Reads the requirements (and volumes, with `--volume-column`).
fn read_requirements(a: &ScheduleArgs, reading: Reading) -> Result<Rows, CliError> {
    let mut input = CsvInput::open(&a.input, reading)?;
    let req = input.column(&a.requirement_column)?;
    let time = match &a.time_column {
        Some(n) => Some(input.column(n)?),
        None => input.optional_column("start"),
    };
    let vol = match &a.volume_column {
        Some(n) => Some(input.column(n)?),
        None => None,
    };
    let step = i64::from(a.interval.seconds());
    let mut rows = Rows {
        counts: Vec::new(),
        labels: Vec::new(),
        volumes: Vec::new(),
        first_day: Weekday::Monday,
    };
    let mut previous: Option<i64> = None;
    let mut rec = StringRecord::new();
    while input.next(&mut rec)? {
        if rows.counts.len() >= MAX_INTERVALS {
            return Err(CliError::at_line(
                input.name(),
                input.line(&rec),
                format!(
                    "more than {MAX_INTERVALS} intervals (six weeks of 15-minute intervals), the most a schedule may cover"
                ),
            ));
        }
        let count = input.parse(&rec, req, |c| {
            parse::count(c).and_then(|n| {
                u32::try_from(n)
                    .ok()
                    .filter(|&n| n <= MAX_AGENTS)
                    .ok_or_else(|| {
                        format!(
                            "expected at most {MAX_AGENTS} agents (0..={MAX_AGENTS}), found {n}"
                        )
                    })
            })
        })?;
        rows.counts.push(count);
        let label = match time {
            Some(col) => {
                let s = input.parse(&rec, col, clock::seconds)?;
                match previous {
                    None => {
                        if s.rem_euclid(86_400) != 0 {
                            return Err(input.cell_error(
                                &rec,
                                col,
                                "expected the first interval to start at a midnight (00:00): schedules cover whole days from 00:00",
                            ));
                        }
                        rows.first_day = Weekday::ALL[clock::weekday(s)];
                    }
                    Some(p) if p.checked_add(step) != Some(s) => {
                        return Err(input.cell_error(
                            &rec,
                            col,
                            format!(
                                "expected the next interval, {} (rows must be consecutive intervals of {} s)",
                                clock::format(p.saturating_add(step)),
                                step
                            ),
                        ));
                    }
                    Some(_) => {}
                }
                previous = Some(s);
                rec.get(col).unwrap_or("").to_owned()
            }
            None => clock_time(rows.labels.len(), a.interval),
        };
        rows.labels.push(label);
        if let Some(col) = vol {
            rows.volumes.push(input.parse(&rec, col, |c| {
                parse::real(c)
                    .and_then(|v| Volume::new(v).map(Volume::get).map_err(|e| e.to_string()))
            })?);
        }
    }
    input.finish();
    if rows.counts.is_empty() {
        return Err(CliError::in_input(
            input.name(),
            "no intervals (expected at least one row)",
        ));
    }
    Ok(rows)
}

/// `HH:MM` of the start of interval `index` (its day left out).
fn clock_time(index: usize, interval: IntervalLength) -> String {
    let per_day = interval.per_day() as usize;
    let minutes = (index % per_day) as u64 * u64::from(interval.seconds()) / 60;
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// `HH:MM` of minutes after a day's midnight, with `+N` for a later day.
fn hhmm(minutes: u64) -> String {
    let (day, m) = (minutes / 1440, minutes % 1440);
    let t = format!("{:02}:{:02}", m / 60, m % 60);
    if day == 0 { t } else { format!("{t}+{day}") }
}

/// The objective from the options, refusing caps and weights that do not apply.
fn objective(a: &ScheduleArgs) -> Result<Objective, CliError> {
    let caps = [
        ("--under-weight", a.under_weight.is_some()),
        ("--over-weight", a.over_weight.is_some()),
        ("--max-on-duty", a.max_on_duty.is_some()),
        ("--max-shifts", a.max_shifts.is_some()),
    ];
    match a.objective {
        ObjectiveKind::Cost => {
            if let Some((name, _)) = caps.iter().find(|c| c.1) {
                return Err(CliError::usage(format!(
                    "{name} applies to --objective deviation only (minimum cost covers every interval)"
                )));
            }
            Ok(Objective::MinCost)
        }
        ObjectiveKind::Deviation => {
            let weight = |name: &str, w: Option<f64>| match w {
                None => Ok(1.0),
                Some(w) if (0.0..=MAX_WEIGHT).contains(&w) => Ok(w),
                Some(w) => Err(CliError::usage(format!(
                    "{name}: expected a weight in 0..={MAX_WEIGHT}, found {w}"
                ))),
            };
            let cap = |name: &str, c: Option<u64>| {
                c.map(|c| {
                    u32::try_from(c)
                        .ok()
                        .filter(|&c| c <= MAX_AGENTS)
                        .ok_or_else(|| {
                            CliError::usage(format!(
                                "{name}: expected at most {MAX_AGENTS} (0..={MAX_AGENTS}), found {c}"
                            ))
                        })
                })
                .transpose()
            };
            Ok(Objective::MinDeviation {
                under_weight: weight("--under-weight", a.under_weight)?,
                over_weight: weight("--over-weight", a.over_weight)?,
                max_on_duty: cap("--max-on-duty", a.max_on_duty)?,
                max_shifts: cap("--max-shifts", a.max_shifts)?,
            })
        }
    }
}

/// The solver's options from `--time-limit` and `--gap`, checked as usage errors.
fn solve_options(a: &ScheduleArgs) -> Result<SolveOptions, CliError> {
    let limit = a.time_limit.seconds();
    if !(limit > 0.0 && limit <= MAX_TIME_LIMIT_SECONDS) {
        return Err(CliError::usage(format!(
            "--time-limit: expected more than 0 s and at most {MAX_TIME_LIMIT_SECONDS} s (one day), found {limit} s"
        )));
    }
    if !(0.0..=1.0).contains(&a.gap) {
        return Err(CliError::usage(format!(
            "--gap: expected a percentage in 0%..=100%, found {}%",
            a.gap * 100.0
        )));
    }
    Ok(SolveOptions {
        time_limit: Duration::from_secs_f64(limit),
        relative_gap: a.gap,
    })
}

/// Runs `cx schedule`.
pub(crate) fn run(a: &ScheduleArgs, reading: Reading) -> Result<Report, CliError> {
    let objective = objective(a)?;
    let options = solve_options(a)?;
    let shrinkage = Shrinkage::from_fraction(a.shrinkage)
        .map_err(|e| CliError::usage(format!("--shrinkage: {e}")))?;
    if !a.interval.seconds().is_multiple_of(60) {
        return Err(CliError::usage(format!(
            "--interval: schedules need whole minutes, found {} s",
            a.interval.seconds()
        )));
    }
    let rows = read_requirements(a, reading)?;
    let templates = read_shifts(&a.shifts)?;
    let requirements = Requirements::new(a.interval, rows.counts.clone())
        .map_err(CliError::data)?
        .starting_on(rows.first_day);
    let built = if a.cyclic {
        Problem::wrapping(requirements, templates, objective)
    } else {
        Problem::new(requirements, templates, objective)
    };
    let problem = built.map_err(|e| match e {
        wfm_schedule::Error::LengthMismatch {
            found, expected, ..
        } => CliError::usage(format!(
            "--cyclic needs whole weeks of intervals ({expected} per week), found {found}"
        )),
        e => CliError::in_input(&a.shifts, e),
    })?;
    let schedule = problem.solve(&options).map_err(|e| match e {
        wfm_schedule::Error::NoSolutionInTime { .. } => {
            CliError::data(format!("{e}: give a longer --time-limit"))
        }
        e => CliError::data(e),
    })?;
    let service = match (a.aht, rows.volumes.is_empty()) {
        (Some(aht), false) => {
            let per_interval = f64::from(a.interval.seconds());
            let load = ServiceLoad {
                erlangs: rows
                    .volumes
                    .iter()
                    .map(|v| v * aht.seconds() / per_interval)
                    .collect(),
                aht,
                within: a.answer_within,
                shrinkage,
            };
            Some(schedule.service_levels(&load).map_err(CliError::data)?)
        }
        _ => None,
    };
    Ok(report(a, &problem, &schedule, &rows, service.as_deref()))
}

/// The report: facts, shifts, breaks and coverage.
fn report(
    a: &ScheduleArgs,
    problem: &Problem,
    s: &Schedule,
    rows: &Rows,
    service: Option<&[Option<f64>]>,
) -> Report {
    let templates = problem.templates();
    let mut r = Report::new();
    r.fact(
        "objective",
        "objective",
        Value::text(match a.objective {
            ObjectiveKind::Cost => "cost",
            ObjectiveKind::Deviation => "deviation",
        }),
        Kind::Plain,
    );
    r.fact(
        "status",
        "solver status",
        Value::text(s.status.name()),
        Kind::Plain,
    );
    r.fact(
        "objective_value",
        "objective value",
        Value::float(s.objective),
        Kind::Decimals(2),
    );
    r.fact(
        "best_bound",
        "best bound",
        s.best_bound.map_or(Value::Null, Value::float),
        Kind::Decimals(2),
    );
    r.fact(
        "gap",
        "gap",
        s.gap.map_or(Value::Null, Value::float),
        Kind::Share(2),
    );
    r.fact(
        "requested_gap",
        "requested gap",
        Value::float(a.gap),
        Kind::Share(2),
    );
    r.fact(
        "time_limit_seconds",
        "time limit (s)",
        Value::float(a.time_limit.seconds()),
        Kind::Decimals(1),
    );
    r.machine_fact("solve_seconds", Value::float(s.solve_time.as_secs_f64()));
    r.fact(
        "interval_seconds",
        "interval (s)",
        Value::UInt(u64::from(a.interval.seconds())),
        Kind::Plain,
    );
    r.fact(
        "interval_count",
        "intervals",
        Value::UInt(s.coverage.len() as u64),
        Kind::Plain,
    );
    r.fact(
        "first_day",
        "first day",
        Value::text(rows.first_day.short_name()),
        Kind::Plain,
    );
    r.fact(
        "templates",
        "shift templates",
        Value::UInt(templates.len() as u64),
        Kind::Plain,
    );
    r.fact(
        "agents",
        "agents (shifts worked)",
        Value::UInt(s.total_shifts()),
        Kind::Plain,
    );
    let mut cost = 0.0;
    let mut paid_minutes: u64 = 0;
    for x in &s.shifts {
        if let Some(t) = templates.get(x.template) {
            cost += f64::from(x.agents) * t.shift_cost();
            paid_minutes += u64::from(x.agents) * u64::from(t.paid_minutes());
        }
    }
    r.fact("cost", "cost", Value::float(cost), Kind::Decimals(2));
    r.fact(
        "paid_agent_hours",
        "paid agent-hours",
        Value::float(paid_minutes as f64 / 60.0),
        Kind::Decimals(1),
    );
    let short: u64 = s.coverage.iter().map(|c| u64::from(c.shortfall())).sum();
    let surplus: u64 = s.coverage.iter().map(|c| u64::from(c.surplus())).sum();
    r.fact(
        "shortfall_agent_intervals",
        "missing agent-intervals",
        Value::UInt(short),
        Kind::Plain,
    );
    r.fact(
        "surplus_agent_intervals",
        "surplus agent-intervals",
        Value::UInt(surplus),
        Kind::Plain,
    );

    let mut shifts = Table::new("shifts")
        .titled("shifts")
        .column("shift", Kind::Plain)
        .column("day", Kind::Plain)
        .column("weekday", Kind::Plain)
        .column("start", Kind::Plain)
        .column("end", Kind::Plain)
        .column("agents", Kind::Plain)
        .column("paid_hours", Kind::Decimals(2))
        .column("cost", Kind::Decimals(2));
    let mut breaks = Table::new("breaks")
        .titled("breaks")
        .column("shift", Kind::Plain)
        .column("day", Kind::Plain)
        .column("start", Kind::Plain)
        .column("break", Kind::Plain)
        .column("break_start", Kind::Plain)
        .column_as("length_minutes", "minutes", Kind::Plain)
        .column("paid", Kind::Plain)
        .column("agents", Kind::Plain);
    for x in &s.shifts {
        let Some(t) = templates.get(x.template) else {
            continue;
        };
        let start = u64::from(x.start_minutes);
        shifts.push(vec![
            Value::text(x.name.clone()),
            Value::UInt(x.day as u64),
            Value::text(x.weekday.short_name()),
            Value::text(hhmm(start)),
            Value::text(hhmm(start + u64::from(t.length_minutes))),
            Value::UInt(u64::from(x.agents)),
            Value::float(f64::from(t.paid_minutes()) / 60.0),
            Value::float(f64::from(x.agents) * t.shift_cost()),
        ]);
        for b in &x.breaks {
            let Some(rule) = t.breaks.get(b.rule) else {
                continue;
            };
            breaks.push(vec![
                Value::text(x.name.clone()),
                Value::UInt(x.day as u64),
                Value::text(hhmm(start)),
                Value::UInt(b.rule as u64 + 1),
                Value::text(hhmm(start + u64::from(b.start_offset_minutes))),
                Value::UInt(u64::from(rule.length_minutes)),
                Value::Bool(rule.paid),
                Value::UInt(u64::from(b.agents)),
            ]);
        }
    }
    r.table(shifts);
    r.table(breaks);

    let per_day = a.interval.per_day() as usize;
    let mut cov = Table::new("coverage")
        .titled("coverage per interval")
        .column("interval", Kind::Plain)
        .column("day", Kind::Plain)
        .column("start", Kind::Plain)
        .column("required", Kind::Plain)
        .column("on_shift", Kind::Plain)
        .column("on_break", Kind::Plain)
        .column("available", Kind::Plain)
        .column("shortfall", Kind::Plain)
        .column("surplus", Kind::Plain);
    if service.is_some() {
        cov = cov.column_as("service_level", "SL", Kind::Share(1));
    }
    for (i, c) in s.coverage.iter().enumerate() {
        let mut row = vec![
            Value::UInt(i as u64),
            Value::UInt((i / per_day) as u64),
            Value::text(rows.labels.get(i).cloned().unwrap_or_default()),
            Value::UInt(u64::from(c.required)),
            Value::UInt(u64::from(c.on_shift)),
            Value::UInt(u64::from(c.on_break)),
            Value::UInt(u64::from(c.available())),
            Value::UInt(u64::from(c.shortfall())),
            Value::UInt(u64::from(c.surplus())),
        ];
        if let Some(sl) = service {
            row.push(
                sl.get(i)
                    .copied()
                    .flatten()
                    .map_or(Value::Null, Value::float),
            );
        }
        cov.push(row);
    }
    r.table(cov);
    r.note(
        "gap = (objective − bound) / max(|objective|, 1); available = on shift − on break; end and break times past midnight carry +1",
    );
    if service.is_some() {
        r.note("SL: Erlang C service level of the available agents (after shrinkage); – without volume");
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_wrap_into_later_days() {
        assert_eq!(hhmm(0), "00:00");
        assert_eq!(hhmm(8 * 60 + 30), "08:30");
        assert_eq!(hhmm(1440 + 90), "01:30+1");
        assert_eq!(clock_time(3, IntervalLength::MINUTES_30), "01:30");
        assert_eq!(clock_time(49, IntervalLength::MINUTES_30), "00:30");
    }
}
