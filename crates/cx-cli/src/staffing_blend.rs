//! `cx staffing blend`: one team shared between an inbound queue and an outbound backlog under
//! the threshold policy (outbound calls start only when more than the reserve are idle), through
//! `wfm_forecast::Blend`.

use clap::Args;
use wfm_forecast::{Blend, BlendMetrics, IntervalLength, TimeSpan, Volume};

use crate::error::CliError;
use crate::output::{Kind, Report, Table, Value};
use crate::parse::{self, percent};
use crate::staffing_cmd::{TargetArgs, duration, interval};

/// `cx staffing blend`.
#[derive(Args, Debug)]
pub(crate) struct BlendArgs {
    /// Inbound calls offered in the interval.
    #[arg(long, value_name = "N")]
    volume: f64,
    /// The interval length, e.g. `30m` (outbound volumes are counted per interval).
    #[arg(long, value_parser = interval, value_name = "DURATION")]
    interval: IntervalLength,
    /// Average handle time of inbound calls, e.g. `4m`.
    #[arg(long, value_parser = duration, value_name = "DURATION")]
    aht: TimeSpan,
    /// Average handle time of outbound calls, e.g. `6m`.
    #[arg(long, value_parser = duration, value_name = "DURATION")]
    outbound_aht: TimeSpan,
    /// Outbound calls to complete per interval (needs inbound targets), e.g. `40`.
    #[arg(long, value_name = "N")]
    outbound: Option<f64>,
    /// Mean patience before an inbound caller hangs up, e.g. `2m` (default: never).
    #[arg(long, value_parser = duration, value_name = "DURATION")]
    patience: Option<TimeSpan>,
    #[command(flatten)]
    targets: TargetArgs,
    /// Abandonment ceiling, e.g. `5%` (needs `--patience`).
    #[arg(long, value_parser = percent, value_name = "PCT", requires = "patience")]
    max_abandon: Option<f64>,
    /// Metrics of these agent counts, e.g. `16,18` (with `--reserve`).
    #[arg(long, value_delimiter = ',', value_name = "N,…", requires = "reserve")]
    agents: Vec<u32>,
    /// Idle agents kept for inbound calls in the `--agents` rows, e.g. `0,2`.
    #[arg(long, value_delimiter = ',', value_name = "K,…", requires = "agents")]
    reserve: Vec<u32>,
    /// The answer time of the service level in the `--agents` rows (default: the `--sl`'s).
    #[arg(long, value_parser = duration, value_name = "DURATION")]
    within: Option<TimeSpan>,
}

/// Runs `cx staffing blend`.
pub(crate) fn blend(a: &BlendArgs) -> Result<Report, CliError> {
    parse::distinct("--agents", &a.agents, u32::to_string)?;
    parse::distinct("--reserve", &a.reserve, u32::to_string)?;
    let mut b = Blend::new(Volume::new(a.volume)?, a.aht, a.interval, a.outbound_aht)?;
    if let Some(p) = a.patience {
        b = b.with_patience(p)?;
    }
    let targets = a.targets.targets(a.max_abandon)?;
    if a.outbound.is_some() && targets.is_none() {
        return Err(CliError::usage(
            "--outbound: expected inbound targets too (--sl, --asa, --max-occupancy, --max-abandon)",
        ));
    }
    if targets.is_none() && a.agents.is_empty() {
        return Err(CliError::usage(
            "expected targets (--sl, --asa, --max-occupancy, --max-abandon) with --outbound N, or --agents N,… --reserve K,…",
        ));
    }
    let mut r = Report::new();
    r.fact("model", "model", Value::text("blend"), Kind::Plain);
    r.fact(
        "volume",
        "inbound volume",
        Value::float(a.volume),
        Kind::Decimals(1),
    );
    r.fact(
        "interval_seconds",
        "interval (s)",
        Value::UInt(u64::from(a.interval.seconds())),
        Kind::Plain,
    );
    r.fact(
        "aht_seconds",
        "inbound AHT (s)",
        Value::float(a.aht.seconds()),
        Kind::Decimals(1),
    );
    r.fact(
        "outbound_aht_seconds",
        "outbound AHT (s)",
        Value::float(a.outbound_aht.seconds()),
        Kind::Decimals(1),
    );
    r.fact(
        "erlangs",
        "inbound load (Erlangs)",
        Value::float(b.erlangs()),
        Kind::Decimals(3),
    );
    if let Some(p) = a.patience {
        r.fact(
            "patience_seconds",
            "patience (s)",
            Value::float(p.seconds()),
            Kind::Decimals(1),
        );
    }
    a.targets.facts(&mut r);
    if let Some(p) = a.max_abandon {
        r.fact(
            "max_abandon",
            "maximum abandonment",
            Value::float(p),
            Kind::Share(1),
        );
    }
    let mut rows: Vec<BlendMetrics> = Vec::new();
    if let Some(targets) = &targets {
        let want = a.outbound.unwrap_or(0.0);
        r.fact(
            "outbound_target",
            "outbound calls per interval",
            Value::float(want),
            Kind::Decimals(1),
        );
        let s = b.required_staffing(targets, Volume::new(want)?)?;
        r.fact(
            "required_agents",
            "required agents",
            Value::UInt(u64::from(s.agents)),
            Kind::Plain,
        );
        r.fact(
            "reserve",
            "reserve (idle agents kept for inbound)",
            Value::UInt(u64::from(s.reserve)),
            Kind::Plain,
        );
        rows.push(s.metrics);
    }
    let within = a
        .within
        .or(a.targets.sl.map(|s| s.within()))
        .unwrap_or(TimeSpan::from_seconds(20.0)?);
    for &n in &a.agents {
        for &k in &a.reserve {
            rows.push(b.metrics(n, k, within)?);
        }
    }
    let definition = a.targets.sl.map(|s| s.definition()).unwrap_or_default();
    let mut t = Table::new("staffing")
        .column("agents", Kind::Plain)
        .column("reserve", Kind::Plain)
        .column("service_level", Kind::Share(1))
        .machine_column("within_seconds", Kind::Plain)
        .column("p_wait", Kind::Share(1))
        .column("p_abandon", Kind::Share(2))
        .column_as("asa_answered_seconds", "ASA (s)", Kind::Decimals(1))
        .column_as("inbound_occupancy", "inbound occ.", Kind::Share(1))
        .column_as("outbound_occupancy", "outbound occ.", Kind::Share(1))
        .column_as(
            "outbound_per_interval",
            "outbound / interval",
            Kind::Decimals(1),
        )
        .machine_column("outbound_per_hour", Kind::Plain)
        .machine_column("mean_wait_all_seconds", Kind::Plain)
        .machine_column("idle", Kind::Plain);
    for m in rows {
        t.push(vec![
            Value::UInt(u64::from(m.agents)),
            Value::UInt(u64::from(m.reserve)),
            Value::float(m.service_level(definition)),
            Value::float(m.within.seconds()),
            Value::float(m.p_wait),
            Value::float(m.p_abandon),
            Value::float(m.asa_answered.seconds()),
            Value::float(m.inbound_occupancy),
            Value::float(m.outbound_occupancy),
            Value::float(m.outbound_per_interval),
            Value::float(m.outbound_per_hour),
            Value::float(m.mean_wait_all.seconds()),
            Value::float(m.idle),
        ]);
    }
    r.table(t);
    r.note(
        "threshold policy: an agent starts an outbound call only when more than the reserve are idle; outbound calls are never interrupted",
    );
    Ok(r)
}
