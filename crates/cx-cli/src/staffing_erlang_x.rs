//! `cx staffing erlang-x`: Erlang X (finite lines, patience, redials) for one interval.

use clap::{Args, ValueEnum};
use wfm_forecast::{
    ErlangX, ErlangXMethod, Lines, Redials, ServiceLevelDefinition, TimeSpan, Volume,
};

use crate::error::CliError;
use crate::output::{Kind, Report, Table, Value};
use crate::parse::{self, percent};
use crate::staffing_cmd::{QueueArgs, duration, load_facts, need_aht, volume};

/// Which calculation to use.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MethodArg {
    /// The two-dimensional Markov chain (calls on the lines × callers waiting to redial).
    Exact,
    /// Redials as extra Poisson arrivals at the fixed point of their rate: microseconds, a
    /// few points of a percent from the chain.
    Fast,
}

/// `cx staffing erlang-x`.
#[derive(Args, Debug)]
pub(crate) struct ErlangXArgs {
    #[command(flatten)]
    queue: QueueArgs,
    /// Mean patience before a caller hangs up, e.g. `2m` (default: callers never hang up).
    #[arg(long, value_parser = duration, value_name = "DURATION")]
    patience: Option<TimeSpan>,
    /// Lines (agents plus waiting places), or `unlimited` (default).
    #[arg(long, value_parser = lines, value_name = "N|unlimited", default_value = "unlimited")]
    lines: Lines,
    /// Share of blocked and of abandoned callers who redial, e.g. `50%` (default 0%).
    #[arg(long, value_parser = percent, value_name = "PCT")]
    redial: Option<f64>,
    /// Share of blocked callers who redial, overriding `--redial` for them.
    #[arg(long, value_parser = percent, value_name = "PCT")]
    redial_blocked: Option<f64>,
    /// Share of callers who hung up and redial, overriding `--redial` for them.
    #[arg(long, value_parser = percent, value_name = "PCT")]
    redial_abandoned: Option<f64>,
    /// Mean delay before a redial, e.g. `5m` (needed when anyone redials).
    #[arg(long, value_parser = duration, value_name = "DURATION")]
    redial_delay: Option<TimeSpan>,
    /// Abandonment ceiling over all attempts, e.g. `5%`.
    #[arg(long, value_parser = percent, value_name = "PCT")]
    max_abandon: Option<f64>,
    /// The calculation: `exact` (default) or `fast`.
    #[arg(long, value_enum, default_value = "exact")]
    method: MethodArg,
}

/// Reads a number of lines, or `unlimited`.
fn lines(text: &str) -> Result<Lines, String> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("unlimited") {
        return Ok(Lines::Unlimited);
    }
    t.parse::<u32>()
        .map(Lines::Limited)
        .map_err(|_| format!("expected a whole number of lines or `unlimited`, found {text:?}"))
}

/// Runs `cx staffing erlang-x`.
pub(crate) fn erlang_x(a: &ErlangXArgs) -> Result<Report, CliError> {
    let qa = &a.queue;
    parse::distinct("--agents", &qa.agents, u32::to_string)?;
    let aht = need_aht(&qa.load)?;
    let rb = a.redial_blocked.or(a.redial).unwrap_or(0.0);
    let ra = a.redial_abandoned.or(a.redial).unwrap_or(0.0);
    let redials = if rb == 0.0 && ra == 0.0 {
        Redials::NONE
    } else {
        let delay = a.redial_delay.ok_or_else(|| {
            CliError::usage(
                "--redial-delay: expected the mean delay before a redial, e.g. --redial-delay 5m",
            )
        })?;
        Redials::new(rb, ra, delay)?
    };
    let vol = volume(&qa.load)?;
    let q = match vol {
        Some((v, i)) => ErlangX::new(v, aht, i, a.patience, redials)?,
        None => ErlangX::from_erlangs(
            qa.load.erlangs.unwrap_or_default(),
            aht,
            a.patience,
            redials,
        )?,
    };
    let targets = qa.targets.targets(a.max_abandon)?;
    if targets.is_none() && qa.agents.is_empty() {
        return Err(CliError::usage(
            "expected targets (--sl, --asa, --max-occupancy, --max-abandon) or --agents N,…",
        ));
    }
    let method = match a.method {
        MethodArg::Exact => ErlangXMethod::Exact,
        MethodArg::Fast => ErlangXMethod::Fast,
    };
    let mut r = Report::new();
    r.fact("model", "model", Value::text("erlang-x"), Kind::Plain);
    r.fact(
        "method",
        "method",
        Value::text(match a.method {
            MethodArg::Exact => "exact",
            MethodArg::Fast => "fast",
        }),
        Kind::Plain,
    );
    load_facts(&qa.load, &mut r, q.erlangs());
    r.fact(
        "patience_seconds",
        "patience (s)",
        a.patience
            .map_or(Value::Null, |p| Value::float(p.seconds())),
        Kind::Decimals(1),
    );
    r.fact(
        "lines",
        "lines",
        a.lines
            .get()
            .map_or(Value::text("unlimited"), |l| Value::UInt(u64::from(l))),
        Kind::Plain,
    );
    r.fact(
        "redial_blocked",
        "redial after a block",
        Value::float(rb),
        Kind::Share(1),
    );
    r.fact(
        "redial_abandoned",
        "redial after hanging up",
        Value::float(ra),
        Kind::Share(1),
    );
    if redials != Redials::NONE {
        r.fact(
            "redial_delay_seconds",
            "redial delay (s)",
            Value::float(redials.mean_delay().seconds()),
            Kind::Decimals(1),
        );
    }
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
    let def = qa
        .targets
        .sl
        .map_or(ServiceLevelDefinition::default(), |s| s.definition());
    let redial_heading = if vol.is_some() {
        "redials per interval"
    } else {
        "redials per call"
    };
    let mut t = Table::new("agents")
        .column("agents", Kind::Plain)
        .column("p_blocked", Kind::Share(2))
        .column("p_abandon", Kind::Share(2))
        .column("service_level", Kind::Share(1))
        .column_as("service_level_first", "SL first attempts", Kind::Share(1))
        .column_as("asa_answered_seconds", "ASA (s)", Kind::Decimals(1))
        .column("occupancy", Kind::Share(1))
        .column_as("redials", redial_heading, Kind::Decimals(1))
        .machine_column("mean_wait_all_seconds", Kind::Plain)
        .machine_column("p_blocked_first", Kind::Plain)
        .machine_column("p_abandon_first", Kind::Plain)
        .machine_column("callers_answered", Kind::Plain)
        .machine_column("mean_orbit", Kind::Plain)
        .machine_column("mean_queue_length", Kind::Plain);
    let mut counts = Vec::new();
    if let Some(targets) = &targets {
        let s = q.required_agents(a.lines, targets, method)?;
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
        let s = q.solve(n, a.lines, method)?;
        let m = *s.metrics();
        let (sl, sl_first) = match within {
            Some(w) => {
                let l = s.service_levels(w)?;
                (
                    Value::float(l.every_attempt.get(def)),
                    Value::float(l.first_attempt.get(def)),
                )
            }
            None => (Value::Null, Value::Null),
        };
        let redials = match vol {
            Some((v, _)) => Volume::get(v) * m.redials_per_first_attempt,
            None => m.redials_per_first_attempt,
        };
        t.push(vec![
            Value::UInt(u64::from(n)),
            Value::float(m.every_attempt.p_blocked),
            Value::float(m.every_attempt.p_abandon),
            sl,
            sl_first,
            Value::float(m.asa_answered.seconds()),
            Value::float(m.occupancy),
            Value::float(redials),
            Value::float(m.mean_wait_all.seconds()),
            Value::float(m.first_attempt.p_blocked),
            Value::float(m.first_attempt.p_abandon),
            Value::float(m.callers.answered),
            Value::float(m.mean_orbit),
            Value::float(m.mean_queue_length),
        ]);
    }
    r.table(t);
    r.note(
        "shares are of all attempts, redials included, as a switch counts them (service level: answered within the time over attempts offered; blocked and abandoned attempts count as missed); \"SL first attempts\" counts first attempts only",
    );
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_a_count_or_unlimited() {
        assert_eq!(lines("30").unwrap(), Lines::Limited(30));
        assert_eq!(lines("Unlimited").unwrap(), Lines::Unlimited);
        assert!(lines("30.5").is_err());
        assert!(lines("-1").is_err());
    }
}
