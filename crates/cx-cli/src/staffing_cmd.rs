//! `cx staffing`: Erlang B, C and A calculators for one interval, and staffing plans over a
//! forecast (`staffing_plan.rs`) — all through `wfm_forecast`.
//!
//! Units are always written out: durations as `180s`, `3m`, `1.5min` or `1h`, shares as
//! percentages with a `%` sign (`80%`), the service-level target as `80%/20s`. A bare number
//! whose unit would have to be guessed is refused.

use clap::{Args, Subcommand};
use wfm_forecast::{
    AsaTarget, ErlangA, ErlangB, ErlangC, IntervalLength, MaxOccupancy, MaxProbability,
    ServiceLevelDefinition, ServiceTarget, Targets, TimeSpan, Volume,
};

use crate::error::CliError;
use crate::input::Reading;
use crate::output::{Kind, Report, Table, Value};
use crate::parse::{self, percent};
use crate::staffing_plan::{self, PlanArgs};

/// The subcommands of `cx staffing`.
#[derive(Subcommand, Debug)]
pub(crate) enum StaffingCommand {
    /// Erlang C (callers queue, nobody abandons): agents for targets, or metrics of agents.
    #[command(
        after_help = "Examples:\n  cx staffing erlang-c --volume 100 --interval 30m --aht 3m --sl 80%/20s\n  cx staffing erlang-c --erlangs 10 --aht 180s --agents 12,13,14 --within 20s"
    )]
    ErlangC(QueueArgs),
    /// Erlang A (M/M/n+M: callers abandon after an exponential patience).
    #[command(
        after_help = "Example:\n  cx staffing erlang-a --volume 100 --interval 30m --aht 3m --patience 5m --sl 80%/20s --max-abandon 5%"
    )]
    ErlangA(ErlangAArgs),
    /// Erlang B (loss system): lines for a blocking target, or blocking of lines.
    #[command(
        after_help = "Examples:\n  cx staffing erlang-b --erlangs 10 --max-blocking 1%\n  cx staffing erlang-b --volume 100 --interval 30m --aht 3m --lines 15,18"
    )]
    ErlangB(ErlangBArgs),
    /// Erlang X: Erlang A with a finite number of lines and callers who redial.
    #[command(
        after_help = "Example:\n  cx staffing erlang-x --volume 100 --interval 30m --aht 3m --patience 2m --lines 30 --redial 50% --redial-delay 5m --sl 80%/20s"
    )]
    ErlangX(crate::staffing_erlang_x::ErlangXArgs),
    /// A staffing plan from a CSV of per-interval volumes and handle times, with daily
    /// agent-hours.
    #[command(
        after_help = "Example:\n  cx staffing plan intraday_forecast.csv --interval 30m --sl 80%/20s --shrinkage 30%"
    )]
    Plan(PlanArgs),
    /// Call blending: one team for inbound calls and an outbound backlog, with a reserve of
    /// idle agents for inbound calls; the fewest agents and the best reserve, or metrics.
    #[command(
        after_help = "Example:\n  cx staffing blend --volume 100 --interval 30m --aht 4m --outbound-aht 6m --sl 80%/20s --outbound 40"
    )]
    Blend(crate::staffing_blend::BlendArgs),
}

/// The offered load of one interval.
#[derive(Args, Debug, Clone)]
pub(crate) struct LoadArgs {
    /// Contacts offered in the interval (needs `--interval` and `--aht`).
    #[arg(long, value_name = "N", requires_all = ["interval", "aht"], conflicts_with = "erlangs")]
    pub(crate) volume: Option<f64>,
    /// The interval length, e.g. `30m`, `15m`, `1h` (must divide a day).
    #[arg(long, value_parser = interval, value_name = "DURATION")]
    interval: Option<IntervalLength>,
    /// Average handle time, e.g. `180s` or `3m`.
    #[arg(long, value_parser = duration, value_name = "DURATION")]
    aht: Option<TimeSpan>,
    /// The offered load in Erlangs, instead of volume, interval and AHT.
    #[arg(long, value_name = "E")]
    pub(crate) erlangs: Option<f64>,
}

/// Targets shared by the queueing models.
#[derive(Args, Debug, Clone)]
pub(crate) struct TargetArgs {
    /// Service-level target: PERCENT/DURATION answered within, e.g. `80%/20s`.
    #[arg(long, value_parser = service_target, value_name = "PCT/DURATION")]
    pub(crate) sl: Option<ServiceTarget>,
    /// Target average speed of answer (answered calls), e.g. `15s`.
    #[arg(long, value_parser = duration, value_name = "DURATION")]
    pub(crate) asa: Option<TimeSpan>,
    /// Occupancy ceiling, e.g. `85%`.
    #[arg(long, value_parser = percent, value_name = "PCT")]
    pub(crate) max_occupancy: Option<f64>,
}

impl TargetArgs {
    /// The library's targets, with an abandonment ceiling; `None` without any target.
    pub(crate) fn targets(&self, max_abandon: Option<f64>) -> Result<Option<Targets>, CliError> {
        let mut t: Option<Targets> = None;
        let add = |t: Option<Targets>, f: &dyn Fn(Option<Targets>) -> Targets| Some(f(t));
        if let Some(s) = self.sl {
            t = add(t, &|t| {
                t.map_or(Targets::service_level(s), |t| t.and_service_level(s))
            });
        }
        if let Some(a) = self.asa {
            let a = AsaTarget::new(a)?;
            t = add(t, &|t| t.map_or(Targets::asa(a), |t| t.and_asa(a)));
        }
        if let Some(o) = self.max_occupancy {
            let o = MaxOccupancy::new(o)?;
            t = add(t, &|t| {
                t.map_or(Targets::max_occupancy_only(o), |t| t.and_max_occupancy(o))
            });
        }
        if let Some(p) = max_abandon {
            let p = MaxProbability::new(p)?;
            t = add(t, &|t| {
                t.map_or(Targets::max_abandonment_only(p), |t| {
                    t.and_max_abandonment(p)
                })
            });
        }
        Ok(t)
    }

    /// The targets as facts.
    pub(crate) fn facts(&self, r: &mut Report) {
        if let Some(s) = self.sl {
            r.fact(
                "sl_target",
                "service-level target",
                Value::float(s.share()),
                Kind::Share(1),
            );
            r.fact(
                "sl_within_seconds",
                "answered within (s)",
                Value::float(s.within().seconds()),
                Kind::Decimals(0),
            );
        }
        if let Some(a) = self.asa {
            r.fact(
                "asa_target_seconds",
                "ASA target (s)",
                Value::float(a.seconds()),
                Kind::Decimals(1),
            );
        }
        if let Some(o) = self.max_occupancy {
            r.fact(
                "max_occupancy",
                "maximum occupancy",
                Value::float(o),
                Kind::Share(1),
            );
        }
    }
}

/// `cx staffing erlang-c`.
#[derive(Args, Debug)]
pub(crate) struct QueueArgs {
    #[command(flatten)]
    pub(crate) load: LoadArgs,
    #[command(flatten)]
    pub(crate) targets: TargetArgs,
    /// Metrics of these agent counts, e.g. `12,13,14`.
    #[arg(long, value_delimiter = ',', value_name = "N,…")]
    pub(crate) agents: Vec<u32>,
    /// The answer time of the service level reported with `--agents` (default: the `--sl`'s).
    #[arg(long, value_parser = duration, value_name = "DURATION")]
    pub(crate) within: Option<TimeSpan>,
}

/// `cx staffing erlang-a`.
#[derive(Args, Debug)]
pub(crate) struct ErlangAArgs {
    #[command(flatten)]
    queue: QueueArgs,
    /// Mean patience before a caller hangs up, e.g. `5m`.
    #[arg(long, value_parser = duration, value_name = "DURATION")]
    patience: TimeSpan,
    /// Abandonment ceiling, e.g. `5%`.
    #[arg(long, value_parser = percent, value_name = "PCT")]
    max_abandon: Option<f64>,
}

/// `cx staffing erlang-b`.
#[derive(Args, Debug)]
#[command(group = clap::ArgGroup::new("ask").required(true).args(["max_blocking", "lines"]).multiple(true))]
pub(crate) struct ErlangBArgs {
    #[command(flatten)]
    load: LoadArgs,
    /// Blocking target: the fewest lines blocking at most this share of calls, e.g. `1%`.
    #[arg(long, value_parser = percent, value_name = "PCT")]
    max_blocking: Option<f64>,
    /// Blocking and occupancy of these line counts, e.g. `15,18`.
    #[arg(long, value_delimiter = ',', value_name = "N,…")]
    lines: Vec<u32>,
}

/// Reads a duration with its unit: `180s`, `3m`, `3min`, `1.5m`, `1h`.
pub(crate) fn duration(text: &str) -> Result<TimeSpan, String> {
    let t = text.trim();
    // The unit is the trailing run of letters, so that an exponent (`1e-3s`) stays in the number.
    let split = t.trim_end_matches(|c: char| c.is_ascii_alphabetic()).len();
    if split == t.len() {
        return Err(format!(
            "expected a duration with its unit such as 180s, 3m or 1h, found {text:?} (a bare number's unit would be a guess)"
        ));
    }
    let (num, unit) = t.split_at(split);
    let v = crate::parse::real(num)
        .map_err(|_| format!("expected a duration such as 180s, 3m or 1h, found {text:?}"))?;
    let seconds = match unit.trim() {
        "s" | "sec" | "secs" | "second" | "seconds" => v,
        "m" | "min" | "mins" | "minute" | "minutes" => 60.0 * v,
        "h" | "hour" | "hours" => 3600.0 * v,
        u => {
            return Err(format!(
                "unknown unit {u:?} in {text:?} (expected s, m or h)"
            ));
        }
    };
    TimeSpan::from_seconds(seconds).map_err(|e| crate::output::readable_numbers(&e.to_string()))
}

/// Reads an interval length: a duration of whole seconds dividing a day, e.g. `30m`.
pub(crate) fn interval(text: &str) -> Result<IntervalLength, String> {
    let s = duration(text)?.seconds();
    if s.fract() != 0.0 || s > f64::from(u32::MAX) {
        return Err(format!(
            "expected whole seconds dividing a day, found {text:?}"
        ));
    }
    IntervalLength::from_seconds(s as u32).map_err(|e| e.to_string())
}

/// Reads a service-level target `80%/20s`.
fn service_target(text: &str) -> Result<ServiceTarget, String> {
    let (share, within) = text
        .split_once('/')
        .ok_or_else(|| format!("expected PERCENT/DURATION such as 80%/20s, found {text:?}"))?;
    let bad = |e: String| format!("expected PERCENT/DURATION such as 80%/20s: {e}");
    ServiceTarget::new(percent(share).map_err(bad)?, duration(within).map_err(bad)?)
        .map_err(|e| bad(e.to_string()))
}

/// Runs a `cx staffing` subcommand.
pub(crate) fn run(cmd: &StaffingCommand, reading: Reading) -> Result<Report, CliError> {
    match cmd {
        StaffingCommand::ErlangC(a) => erlang_c(a),
        StaffingCommand::ErlangA(a) => erlang_a(a),
        StaffingCommand::ErlangB(a) => erlang_b(a),
        StaffingCommand::ErlangX(a) => crate::staffing_erlang_x::erlang_x(a),
        StaffingCommand::Plan(a) => staffing_plan::plan(a, reading),
        StaffingCommand::Blend(a) => crate::staffing_blend::blend(a),
    }
}

/// The load facts; returns (volume, AHT, interval) when given that way.
pub(crate) fn load_facts(load: &LoadArgs, r: &mut Report, erlangs: f64) {
    if let Some(v) = load.volume {
        r.fact("volume", "volume", Value::float(v), Kind::Decimals(1));
    }
    if let Some(i) = load.interval {
        r.fact(
            "interval_seconds",
            "interval (s)",
            Value::UInt(u64::from(i.seconds())),
            Kind::Plain,
        );
    }
    if let Some(a) = load.aht {
        r.fact(
            "aht_seconds",
            "AHT (s)",
            Value::float(a.seconds()),
            Kind::Decimals(1),
        );
    }
    r.fact(
        "erlangs",
        "offered load (Erlangs)",
        Value::float(erlangs),
        Kind::Decimals(3),
    );
}

pub(crate) fn need_aht(load: &LoadArgs) -> Result<TimeSpan, CliError> {
    load.aht
        .ok_or_else(|| CliError::usage("--aht: expected the average handle time, e.g. --aht 180s"))
}

pub(crate) fn volume(load: &LoadArgs) -> Result<Option<(Volume, IntervalLength)>, CliError> {
    match (load.volume, load.interval, load.erlangs) {
        (Some(v), Some(i), _) => Ok(Some((Volume::new(v)?, i))),
        (None, _, Some(_)) => Ok(None),
        _ => Err(CliError::usage(
            "expected the load: --volume N --interval DURATION --aht DURATION, or --erlangs E",
        )),
    }
}

fn erlang_c(a: &QueueArgs) -> Result<Report, CliError> {
    parse::distinct("--agents", &a.agents, u32::to_string)?;
    let aht = need_aht(&a.load)?;
    let q = match volume(&a.load)? {
        Some((v, i)) => ErlangC::new(v, aht, i)?,
        None => ErlangC::from_erlangs(a.load.erlangs.unwrap_or_default(), aht)?,
    };
    let targets = a.targets.targets(None)?;
    if targets.is_none() && a.agents.is_empty() {
        return Err(CliError::usage(
            "expected targets (--sl, --asa, --max-occupancy) or --agents N,…",
        ));
    }
    let mut r = Report::new();
    r.fact("model", "model", Value::text("erlang-c"), Kind::Plain);
    load_facts(&a.load, &mut r, q.erlangs());
    a.targets.facts(&mut r);
    let within = a.within.or(a.targets.sl.map(|s| s.within()));
    let mut t = Table::new("agents")
        .column("agents", Kind::Plain)
        .column("p_wait", Kind::Share(1))
        .column("service_level", Kind::Share(1))
        .column_as("asa_seconds", "ASA (s)", Kind::Decimals(1))
        .column("occupancy", Kind::Share(1));
    let mut counts = Vec::new();
    if let Some(targets) = &targets {
        let s = q.required_agents(targets)?;
        r.fact(
            "required_agents",
            "required agents",
            Value::UInt(u64::from(s.agents)),
            Kind::Plain,
        );
        counts.push(s.agents);
        // The continuous answer (Jagerman's fractional Erlang C): what the targets need before
        // rounding up, for summing across queues or intervals.
        // With only an occupancy ceiling of 100 % no target binds above the load, so the
        // continuous answer has no minimum: the figure is undefined, the integer answer stands.
        let x = match q.fractional_required_agents(targets) {
            Ok(x) => Value::float(x.agents),
            Err(wfm_forecast::Error::NoFractionalMinimum { erlangs }) => {
                r.note(format!(
                    "fractional agents: undefined, as no target binds above the load: any number of agents above {erlangs} Erlangs meets them; required agents is the fewest whole number above the load"
                ));
                Value::Null
            }
            Err(e) => return Err(e.into()),
        };
        r.fact(
            "fractional_agents",
            "fractional agents",
            x,
            Kind::Decimals(3),
        );
    }
    counts.extend(&a.agents);
    for n in counts {
        let sl = match within {
            Some(w) => Value::float(q.service_level(n, w)?),
            None => Value::Null,
        };
        t.push(vec![
            Value::UInt(u64::from(n)),
            Value::float(q.p_wait(n)?),
            sl,
            Value::float(q.asa(n)?.seconds()),
            Value::float(q.occupancy(n)?),
        ]);
    }
    r.table(t);
    Ok(r)
}

fn erlang_a(a: &ErlangAArgs) -> Result<Report, CliError> {
    let qa = &a.queue;
    parse::distinct("--agents", &qa.agents, u32::to_string)?;
    let aht = need_aht(&qa.load)?;
    let q = match volume(&qa.load)? {
        Some((v, i)) => ErlangA::new(v, aht, i, a.patience)?,
        None => ErlangA::from_erlangs(qa.load.erlangs.unwrap_or_default(), aht, a.patience)?,
    };
    let targets = qa.targets.targets(a.max_abandon)?;
    if targets.is_none() && qa.agents.is_empty() {
        return Err(CliError::usage(
            "expected targets (--sl, --asa, --max-occupancy, --max-abandon) or --agents N,…",
        ));
    }
    let mut r = Report::new();
    r.fact("model", "model", Value::text("erlang-a"), Kind::Plain);
    load_facts(&qa.load, &mut r, q.erlangs());
    r.fact(
        "patience_seconds",
        "patience (s)",
        Value::float(a.patience.seconds()),
        Kind::Decimals(1),
    );
    qa.targets.facts(&mut r);
    if let Some(p) = a.max_abandon {
        r.fact(
            "max_abandon",
            "maximum abandonment",
            Value::float(p),
            Kind::Share(1),
        );
    }
    let within = qa.within.or(qa.targets.sl.map(|s| s.within()));
    let mut t = Table::new("agents")
        .column("agents", Kind::Plain)
        .column("p_wait", Kind::Share(1))
        .column("p_abandon", Kind::Share(2))
        .column("service_level", Kind::Share(1))
        .column_as("asa_answered_seconds", "ASA (s)", Kind::Decimals(1))
        .column_as(
            "mean_wait_all_seconds",
            "mean wait all (s)",
            Kind::Decimals(1),
        )
        .column("occupancy", Kind::Share(1))
        .machine_column("mean_queue_length", Kind::Plain);
    let mut counts = Vec::new();
    if let Some(targets) = &targets {
        let s = q.required_agents(targets)?;
        r.fact(
            "required_agents",
            "required agents",
            Value::UInt(u64::from(s.metrics.agents)),
            Kind::Plain,
        );
        counts.push(s.metrics.agents);
    }
    counts.extend(&qa.agents);
    for n in counts {
        let m = q.metrics(n)?;
        let sl = match within {
            Some(w) => {
                let def = qa
                    .targets
                    .sl
                    .map_or(ServiceLevelDefinition::default(), |s| s.definition());
                Value::float(q.service_level(n, w, def)?)
            }
            None => Value::Null,
        };
        t.push(vec![
            Value::UInt(u64::from(n)),
            Value::float(m.p_wait),
            Value::float(m.p_abandon),
            sl,
            Value::float(m.asa_answered.seconds()),
            Value::float(m.mean_wait_all.seconds()),
            Value::float(m.occupancy),
            Value::float(m.mean_queue_length),
        ]);
    }
    r.table(t);
    r.note(
        "service level: answered within the time over all calls offered (abandons count as missed)",
    );
    Ok(r)
}

fn erlang_b(a: &ErlangBArgs) -> Result<Report, CliError> {
    parse::distinct("--lines", &a.lines, u32::to_string)?;
    let b = match volume(&a.load)? {
        Some((v, i)) => ErlangB::from_volume(v, need_aht(&a.load)?, i)?,
        None => ErlangB::new(a.load.erlangs.unwrap_or_default())?,
    };
    let mut r = Report::new();
    r.fact("model", "model", Value::text("erlang-b"), Kind::Plain);
    load_facts(&a.load, &mut r, b.erlangs());
    let mut lines = Vec::new();
    if let Some(p) = a.max_blocking {
        r.fact(
            "max_blocking",
            "maximum blocking",
            Value::float(p),
            Kind::Share(2),
        );
        let n = b.lines_needed(MaxProbability::new(p)?)?;
        r.fact(
            "required_lines",
            "required lines",
            Value::UInt(u64::from(n)),
            Kind::Plain,
        );
        lines.push(n);
    }
    lines.extend(&a.lines);
    let mut t = Table::new("lines")
        .column("lines", Kind::Plain)
        .column("blocking", Kind::Share(3))
        .column("occupancy", Kind::Share(1));
    for n in lines {
        t.push(vec![
            Value::UInt(u64::from(n)),
            Value::float(b.blocking(n)),
            Value::float(b.occupancy(n)?),
        ]);
    }
    r.table(t);
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_need_their_unit() {
        assert_eq!(duration("180s").unwrap().seconds(), 180.0);
        assert_eq!(duration("3m").unwrap().seconds(), 180.0);
        assert_eq!(duration("1.5 min").unwrap().seconds(), 90.0);
        assert_eq!(duration("1h").unwrap().seconds(), 3600.0);
        assert!(duration("180").unwrap_err().contains("bare number"));
        assert!(duration("3d").is_err());
        // An exponent belongs to the number, not to the unit.
        assert_eq!(duration("1.5e2s").unwrap().seconds(), 150.0);
        assert_eq!(duration("2E-1 min").unwrap().seconds(), 12.0);
        assert_eq!(duration("1e-300s").unwrap().seconds(), 1e-300);
        assert!(duration("1e5").unwrap_err().contains("bare number"));
        assert_eq!(interval("30m").unwrap(), IntervalLength::MINUTES_30);
        assert!(interval("7m").is_err());
    }

    #[test]
    fn service_targets_need_both_units() {
        let t = service_target("80%/20s").unwrap();
        assert_eq!((t.share(), t.within().seconds()), (0.8, 20.0));
        assert!(service_target("80/20").is_err());
    }
}
