//! `cx staffing plan`: every interval of a forecast CSV staffed for its targets under Erlang C
//! (or Erlang A with `--patience`), scheduled through shrinkage, and totalled per day, per
//! week and over the whole plan in agent-hours — through `wfm_forecast::PlanSettings::staff`.
//!
//! The input has one row per interval, in order, the first row starting a day: a volume
//! column (`calls` by default) and either a handle-time column whose name states its unit
//! (`aht_seconds`, `aht_minutes`) or one `--aht` for every interval.

use clap::Args;
use csv::StringRecord;
use wfm_forecast::{
    Error, IntervalLength, Model, PlanSettings, Shrinkage, TimeSpan, Totals, Volume,
};

use crate::error::CliError;
use crate::input::{CsvInput, Reading};
use crate::output::{Kind, Report, Table, Value};
use crate::parse;
use crate::parse::percent;
use crate::staffing_cmd::{TargetArgs, duration, interval};

/// `cx staffing plan`.
#[derive(Args, Debug)]
pub(crate) struct PlanArgs {
    /// CSV of per-interval volumes (and handle times), or `-` for standard input.
    #[arg(value_name = "FILE")]
    input: String,
    /// The interval length of the rows, e.g. `30m` or `15m`.
    #[arg(long, value_parser = interval, value_name = "DURATION")]
    interval: IntervalLength,
    #[command(flatten)]
    targets: TargetArgs,
    /// Abandonment ceiling under Erlang A, e.g. `5%` (needs `--patience`).
    #[arg(long, value_parser = percent, value_name = "PCT", requires = "patience")]
    max_abandon: Option<f64>,
    /// Staff under Erlang A with this mean patience (default: Erlang C), e.g. `5m`.
    #[arg(long, value_parser = duration, value_name = "DURATION")]
    patience: Option<TimeSpan>,
    /// Share of paid time off the phones (breaks, training, absence), e.g. `30%`.
    #[arg(long, value_parser = percent, value_name = "PCT", default_value = "0%")]
    shrinkage: f64,
    /// The column of contacts offered per interval.
    #[arg(long, default_value = "calls", value_name = "NAME")]
    volume_column: String,
    /// The handle-time column; its name must end in `_seconds` or `_minutes` unless
    /// `--aht-unit` says. Default: `aht_seconds` or `aht_minutes`, whichever is present.
    #[arg(long, value_name = "NAME", conflicts_with = "aht")]
    aht_column: Option<String>,
    /// The unit of the handle-time column's numbers: `s` or `m`.
    #[arg(long, value_name = "UNIT", value_parser = ["s", "m"])]
    aht_unit: Option<String>,
    /// One handle time for every interval, e.g. `3m` (instead of a column).
    #[arg(long, value_parser = duration, value_name = "DURATION")]
    aht: Option<TimeSpan>,
    /// A column of labels shown per interval (default: `start`, when present).
    #[arg(long, value_name = "NAME")]
    label_column: Option<String>,
}

/// The handle-time column and its seconds per unit.
fn aht_column(input: &CsvInput, a: &PlanArgs) -> Result<Option<(usize, f64)>, CliError> {
    if a.aht.is_some() {
        return Ok(None);
    }
    let name = match &a.aht_column {
        Some(n) => n.clone(),
        None => ["aht_seconds", "aht_minutes"]
            .into_iter()
            .find(|n| input.has_column(n))
            .ok_or_else(|| {
                CliError::in_input(
                    input.name(),
                    "missing column 'aht_seconds' or 'aht_minutes' (or give --aht DURATION, or --aht-column NAME)",
                )
            })?
            .to_owned(),
    };
    let col = input.column(&name)?;
    let unit = match a.aht_unit.as_deref() {
        Some("m") => 60.0,
        Some(_) => 1.0,
        None if name.ends_with("_seconds") => 1.0,
        None if name.ends_with("_minutes") => 60.0,
        None => {
            return Err(CliError::usage(format!(
                "--aht-unit: the unit of column '{name}' is not in its name; say --aht-unit s or m"
            )));
        }
    };
    Ok(Some((col, unit)))
}

/// A table of agent-hours per day or per week, as the library totals them.
fn totals_table(name: &str, title: &str, index: &str, totals: &[Totals]) -> Table {
    let mut t = Table::new(name)
        .titled(title)
        .column(index, Kind::Plain)
        .column("required_agent_hours", Kind::Decimals(1))
        .column("scheduled_agent_hours", Kind::Decimals(1));
    for x in totals {
        t.push(vec![
            Value::UInt(x.index as u64),
            Value::float(x.required_agent_hours()),
            Value::float(x.scheduled_agent_hours()),
        ]);
    }
    t
}

/// Runs `cx staffing plan`.
pub(crate) fn plan(a: &PlanArgs, reading: Reading) -> Result<Report, CliError> {
    let Some(targets) = a.targets.targets(a.max_abandon)? else {
        return Err(CliError::usage(
            "expected at least one target: --sl, --asa, --max-occupancy or --max-abandon",
        ));
    };
    let settings = PlanSettings {
        interval: a.interval,
        model: match a.patience {
            Some(patience) => Model::ErlangA { patience },
            None => Model::ErlangC,
        },
        targets,
        shrinkage: Shrinkage::from_fraction(a.shrinkage)?,
    };
    let mut input = CsvInput::open(&a.input, reading)?;
    let vol = input.column(&a.volume_column)?;
    let aht = aht_column(&input, a)?;
    let label = match &a.label_column {
        Some(n) => Some(input.column(n)?),
        None => input.optional_column("start"),
    };
    let (mut volumes, mut ahts, mut labels, mut lines) = (vec![], vec![], vec![], vec![]);
    let mut rec = StringRecord::new();
    while input.next(&mut rec)? {
        volumes.push(input.parse(&rec, vol, |c| {
            parse::real(c).and_then(|v| Volume::new(v).map_err(|e| e.to_string()))
        })?);
        if let Some((col, unit)) = aht {
            ahts.push(input.parse(&rec, col, |c| {
                parse::real(c)
                    .and_then(|v| TimeSpan::from_seconds(v * unit).map_err(|e| e.to_string()))
            })?);
        }
        labels.push(label.and_then(|c| rec.get(c)).unwrap_or("").to_owned());
        lines.push(input.line(&rec));
    }
    input.finish();
    if volumes.is_empty() {
        return Err(CliError::in_input(
            input.name(),
            "no intervals (expected at least one row)",
        ));
    }
    if let Some(t) = a.aht {
        ahts = vec![t];
    }
    let plan = settings.staff(&volumes, &ahts).map_err(|e| match e {
        Error::Interval { index, source } => CliError::at_line(
            input.name(),
            lines.get(index).copied().unwrap_or(0),
            format!("cannot staff this interval: {source}"),
        ),
        e => CliError::from(e),
    })?;

    let mut r = Report::new();
    r.fact(
        "model",
        "model",
        Value::text(if a.patience.is_some() {
            "erlang-a"
        } else {
            "erlang-c"
        }),
        Kind::Plain,
    );
    r.fact(
        "interval_seconds",
        "interval (s)",
        Value::UInt(u64::from(a.interval.seconds())),
        Kind::Plain,
    );
    a.targets.facts(&mut r);
    if let Some(p) = a.patience {
        r.fact(
            "patience_seconds",
            "patience (s)",
            Value::float(p.seconds()),
            Kind::Decimals(1),
        );
    }
    if let Some(p) = a.max_abandon {
        r.fact(
            "max_abandon",
            "maximum abandonment",
            Value::float(p),
            Kind::Share(1),
        );
    }
    r.fact(
        "shrinkage",
        "shrinkage",
        Value::float(settings.shrinkage.fraction()),
        Kind::Share(1),
    );
    r.fact(
        "interval_count",
        "intervals",
        Value::UInt(volumes.len() as u64),
        Kind::Plain,
    );
    let total = plan.total();
    r.fact(
        "required_agent_hours",
        "required agent-hours",
        Value::float(total.required_agent_hours()),
        Kind::Decimals(1),
    );
    r.fact(
        "scheduled_agent_hours",
        "scheduled agent-hours",
        Value::float(total.scheduled_agent_hours()),
        Kind::Decimals(1),
    );

    let per_day = a.interval.per_day() as usize;
    let mut t = Table::new("intervals")
        .column("interval", Kind::Plain)
        .column("day", Kind::Plain)
        .column("label", Kind::Plain)
        .column("volume", Kind::Decimals(1))
        .column_as("aht_seconds", "AHT (s)", Kind::Decimals(0))
        .column("erlangs", Kind::Decimals(2))
        .column_as("required_agents", "required", Kind::Plain)
        .column_as("scheduled_agents", "scheduled", Kind::Plain)
        .column_as("service_level", "SL", Kind::Share(1))
        .column_as("asa_seconds", "ASA (s)", Kind::Decimals(1))
        .column("occupancy", Kind::Share(1))
        .column("p_abandon", Kind::Share(2));
    for (i, s) in plan.intervals().iter().enumerate() {
        let aht = ahts[if ahts.len() == 1 { 0 } else { i }];
        let (sl, asa, occ, ab) = match s.achieved {
            Some(x) => (
                x.service_level.map_or(Value::Null, Value::float),
                Value::float(x.asa.seconds()),
                Value::float(x.occupancy),
                Value::float(x.p_abandon),
            ),
            None => (Value::Null, Value::Null, Value::Null, Value::Null),
        };
        t.push(vec![
            Value::UInt(i as u64),
            Value::UInt((i / per_day) as u64),
            Value::text(labels[i].clone()),
            Value::float(volumes[i].get()),
            Value::float(aht.seconds()),
            Value::float(s.erlangs),
            Value::UInt(u64::from(s.required_agents)),
            Value::UInt(s.scheduled_agents),
            sl,
            asa,
            occ,
            ab,
        ]);
    }
    r.table(t);
    r.table(totals_table("daily", "daily totals", "day", &plan.daily()));
    r.table(totals_table(
        "weekly",
        "weekly totals (week w = days 7w..7w+6)",
        "week",
        &plan.weekly(),
    ));
    r.note(
        "intervals with no volume need no agents: their SL, ASA and occupancy are undefined (–)",
    );
    Ok(r)
}
