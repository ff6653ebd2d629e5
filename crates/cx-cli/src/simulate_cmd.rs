//! `cx simulate`: a contact centre with several call types and agent groups, simulated by
//! `wfm_sim` from a TOML configuration, with confidence intervals over replications.
//!
//! The TOML file is `wfm_sim::Config` as written (every key documented in the README); it is
//! read whole (at most [`MAX_CONFIG_BYTES`]), deserialised (an unknown or mistyped key is an
//! error naming its line and key), validated by `Model::new` (every size bounded before
//! anything is allocated), then simulated. The report is the same for any `--threads`.

use std::io::Read;

use clap::Args;
use wfm_sim::{Config, Estimate, Model, Report as SimReport, RunSettings, TypeMeasures};

use crate::error::CliError;
use crate::input::Reading;
use crate::output::{Kind, Report, Table, Value};
use crate::parse;

/// The largest configuration file read, in bytes (16 MiB: a day of 20 000 intervals for 64
/// call types and 64 groups fits well within it).
pub(crate) const MAX_CONFIG_BYTES: u64 = 16 * 1024 * 1024;

/// Options of `cx simulate`.
#[derive(Args, Debug)]
#[command(
    after_help = "The configuration is TOML: interval_seconds, warmup_intervals, [[call_types]] (name, volumes, handle_time, patience, answer_within_seconds) and [[groups]] (name, headcount, skills, reserve); see the README.\n\nExamples:\n  cx simulate examples/data/simulate_n_design.toml --replications 20 --seed 7\n  cx --format json simulate centre.toml --replications 200 --level 99% --per-interval\n  cx simulate centre.toml --staff --target sales=80%,service=70% --replications 20"
)]
pub(crate) struct SimulateArgs {
    /// The configuration file (TOML).
    #[arg(value_name = "FILE")]
    config: String,
    /// Independent replications of the day, 1 to 100000.
    #[arg(long, default_value_t = 20, value_name = "N")]
    replications: u32,
    /// The seed: the same seed and configuration give the same report.
    #[arg(long, default_value_t = 1, value_name = "S")]
    seed: u64,
    /// Threads, 1 to 256 (default: every core); the report does not depend on it.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Confidence level of the intervals, `95%` or `0.95`, between 50 % and 99.99 %.
    #[arg(long, default_value = "95%", value_parser = level, value_name = "LEVEL")]
    level: f64,
    /// Also report every interval (per call type, and the groups' occupancy); the per-interval
    /// table becomes the CSV output.
    #[arg(long)]
    per_interval: bool,
    /// Volumes from a CSV file instead of the configuration: one column per call type, named
    /// as the type, one row per interval (other columns, such as `start`, are ignored).
    #[arg(long, value_name = "FILE")]
    volumes: Option<String>,
    /// Instead of simulating the configured headcounts, search the fewest agents per group and
    /// interval so that every call type meets its `--target` in every interval.
    #[arg(long, requires = "target", conflicts_with = "per_interval")]
    staff: bool,
    /// Service-level targets for `--staff`: one percentage for every call type (`80%`), or
    /// `TYPE=PCT` per call type (`sales=80%,service=70%`).
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "TYPE=PCT",
        requires = "staff"
    )]
    target: Vec<String>,
}

/// Reads a confidence level in `[0.5, 0.9999]`: a fraction or a percentage.
fn level(text: &str) -> Result<f64, String> {
    let t = text.trim();
    let v = if t.ends_with('%') {
        parse::percent(t)?
    } else {
        parse::real(t)?
    };
    if (0.5..=0.9999).contains(&v) {
        Ok(v)
    } else {
        Err(format!(
            "expected a level between 50% and 99.99% such as 95% or 0.95, found {text:?}"
        ))
    }
}

/// Runs `cx simulate`.
pub(crate) fn run(a: &SimulateArgs, reading: Reading) -> Result<Report, CliError> {
    let mut settings = RunSettings::new(a.replications, a.seed);
    settings.confidence = a.level;
    if a.replications == 0 || a.replications > wfm_sim::MAX_REPLICATIONS {
        return Err(CliError::usage(format!(
            "--replications is {}, outside the valid range 1..={}",
            a.replications,
            wfm_sim::MAX_REPLICATIONS
        )));
    }
    if let Some(t) = a.threads.filter(|&t| t == 0 || t > wfm_sim::MAX_THREADS) {
        return Err(CliError::usage(format!(
            "--threads is {t}, outside the valid range 1..={} (leave it out to use every core)",
            wfm_sim::MAX_THREADS
        )));
    }
    settings.threads = a.threads.unwrap_or(0);
    settings.validate().map_err(CliError::usage)?;
    let name = a.config.as_str();
    let text = read_config(name)?;
    let config: Config = match &a.volumes {
        None => toml::from_str(&text).map_err(|e| toml_error(name, &text, &e))?,
        Some(file) => with_volumes(name, &text, file, reading)?,
    };
    let model = Model::new(&config).map_err(|e| CliError::in_input(name, e))?;
    if a.staff {
        let targets = targets(&config, &a.target)?;
        let staffing =
            wfm_sim::staff(&model, &targets, a.replications, a.seed).map_err(CliError::data)?;
        return Ok(render_staffing(&config, &staffing, &targets, a));
    }
    let sim = wfm_sim::simulate(&model, &settings).map_err(CliError::data)?;
    Ok(render(&config, &sim, a))
}

/// The configuration with every call type's `volumes` read from the CSV `file`.
fn with_volumes(name: &str, text: &str, file: &str, reading: Reading) -> Result<Config, CliError> {
    let mut doc: toml::Table = toml::from_str(text).map_err(|e| toml_error(name, text, &e))?;
    let mut types = Vec::new();
    if let Some(toml::Value::Array(list)) = doc.get("call_types") {
        for t in list {
            let Some(t) = t.as_table() else { continue };
            let type_name = t.get("name").and_then(toml::Value::as_str).unwrap_or("");
            if t.contains_key("volumes") {
                return Err(CliError::usage(format!(
                    "call type '{type_name}' has volumes in {name} and --volumes gives them too: keep one"
                )));
            }
            types.push(type_name.to_owned());
        }
    }
    let mut input = crate::input::CsvInput::open(file, reading)?;
    let columns = types
        .iter()
        .map(|t| input.column(t))
        .collect::<Result<Vec<_>, _>>()?;
    let mut volumes: Vec<Vec<f64>> = vec![Vec::new(); types.len()];
    let mut record = csv::StringRecord::new();
    while input.next(&mut record)? {
        if volumes
            .first()
            .is_some_and(|v| v.len() >= wfm_sim::MAX_INTERVALS)
        {
            return Err(CliError::at_line(
                input.name(),
                input.line(&record),
                format!("more than {} intervals, the limit", wfm_sim::MAX_INTERVALS),
            ));
        }
        for (v, &c) in volumes.iter_mut().zip(&columns) {
            v.push(input.parse(&record, c, parse::real)?);
        }
    }
    input.finish();
    if let Some(toml::Value::Array(list)) = doc.get_mut("call_types") {
        for (t, v) in list
            .iter_mut()
            .filter_map(toml::Value::as_table_mut)
            .zip(volumes)
        {
            let v = v.into_iter().map(toml::Value::Float).collect();
            t.insert("volumes".to_owned(), toml::Value::Array(v));
        }
    }
    doc.try_into().map_err(|e: toml::de::Error| {
        CliError::in_input(name, e.message().trim().replace('\n', " "))
    })
}

/// The service-level target of every call type, from `--target`.
fn targets(config: &Config, given: &[String]) -> Result<Vec<f64>, CliError> {
    let pct = |t: &str| -> Result<f64, CliError> {
        let v = parse::percent(t).map_err(|e| CliError::usage(format!("--target: {e}")))?;
        if v > 0.0 && v < 1.0 {
            Ok(v)
        } else {
            Err(CliError::usage(format!(
                "--target is {t}, outside the valid range (0%, 100%)"
            )))
        }
    };
    if let [one] = given
        && !one.contains('=')
    {
        let v = pct(one)?;
        return Ok(vec![v; config.call_types.len()]);
    }
    let mut out: Vec<Option<f64>> = vec![None; config.call_types.len()];
    for g in given {
        let (name, t) = g.split_once('=').ok_or_else(|| {
            CliError::usage(format!(
                "--target {g:?}: expected one percentage for every call type, or TYPE=PCT for each"
            ))
        })?;
        let k = config
            .call_types
            .iter()
            .position(|c| c.name == name.trim())
            .ok_or_else(|| {
                CliError::usage(format!("--target names '{name}', which is not a call type"))
            })?;
        if out[k].replace(pct(t)?).is_some() {
            return Err(CliError::usage(format!("--target names '{name}' twice")));
        }
    }
    out.iter()
        .zip(&config.call_types)
        .map(|(t, c)| {
            t.ok_or_else(|| {
                CliError::usage(format!(
                    "--target gives no target for call type '{}'",
                    c.name
                ))
            })
        })
        .collect()
}

/// The staffing search's result: agents per group and interval, and what they achieve.
fn render_staffing(
    config: &Config,
    s: &wfm_sim::Staffing,
    targets: &[f64],
    a: &SimulateArgs,
) -> Report {
    let mut r = Report::new();
    r.fact(
        "replications",
        "replications",
        Value::UInt(u64::from(a.replications)),
        Kind::Plain,
    );
    r.fact("seed", "seed", Value::UInt(a.seed), Kind::Plain);
    r.fact(
        "total_agent_intervals",
        "agent-intervals",
        Value::UInt(s.total_agent_intervals),
        Kind::Plain,
    );
    r.fact(
        "evaluations",
        "candidates simulated",
        Value::UInt(u64::from(s.evaluations)),
        Kind::Plain,
    );
    r.fact(
        "converged",
        "search converged",
        Value::Bool(s.converged),
        Kind::Plain,
    );
    let mut agents = Table::new("staffing")
        .titled("Agents per group and interval")
        .column("group", Kind::Plain)
        .column("interval", Kind::Plain)
        .column("start", Kind::Plain)
        .column("agents", Kind::Plain)
        .column_as("analytic_start", "Erlang C start", Kind::Plain);
    for (g, (rows, starts)) in config.groups.iter().zip(s.headcount.iter().zip(&s.start)) {
        for (i, (n, n0)) in rows.iter().zip(starts).enumerate() {
            agents.push(vec![
                Value::text(&g.name),
                Value::UInt(i as u64),
                start(config, i),
                Value::UInt(u64::from(*n)),
                Value::UInt(u64::from(*n0)),
            ]);
        }
    }
    let mut levels = Table::new("service_levels")
        .titled(
            "Service level reached (answered within T over offered, pooled over the replications)",
        )
        .column_as("call_type", "call type", Kind::Plain)
        .column("interval", Kind::Plain)
        .column("start", Kind::Plain)
        .column_as("service_level", "service level", Kind::Share(1))
        .column("target", Kind::Share(1));
    for ((c, row), t) in config.call_types.iter().zip(&s.service_levels).zip(targets) {
        for (i, sl) in row.iter().enumerate() {
            levels.push(vec![
                Value::text(&c.name),
                Value::UInt(i as u64),
                start(config, i),
                opt(*sl),
                Value::float(*t),
            ]);
        }
    }
    r.table(agents);
    r.table(levels);
    r.note("The headcounts of the configuration are not used: the search starts from Erlang C and simulates every candidate on the same replications (common random numbers). The result is a local optimum: no single agent can be removed, and no two agents replaced by one more flexible agent, with every target still met.");
    r
}

/// Reads the whole configuration (at most [`MAX_CONFIG_BYTES`]) as UTF-8.
fn read_config(path: &str) -> Result<String, CliError> {
    let mut bytes = Vec::new();
    let file = std::fs::File::open(path).map_err(|e| CliError::io(path, &e))?;
    file.take(MAX_CONFIG_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| CliError::io(path, &e))?;
    if u64::try_from(bytes.len()).map_or(true, |n| n > MAX_CONFIG_BYTES) {
        return Err(CliError::in_input(
            path,
            format!("the configuration is larger than {MAX_CONFIG_BYTES} bytes, the limit"),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        CliError::in_input(
            path,
            format!(
                "expected UTF-8 text, found an invalid byte at offset {}",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// A TOML or deserialisation error on one line: the file, the line, the key and its table.
fn toml_error(name: &str, text: &str, e: &toml::de::Error) -> CliError {
    let message = e.message().trim().replace('\n', " ");
    let Some(span) = e.span() else {
        return CliError::in_input(name, message);
    };
    let start = span.start.min(text.len());
    let before = text.get(..start).unwrap_or("");
    let line_no = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let line = &text[line_start..line_end];
    let column = start - line_start;
    let spanned = text.get(span.start..span.end.min(text.len())).unwrap_or("");
    let after = text.get(span.end.min(text.len())..).unwrap_or("");
    // An unknown key is the span itself; a bad value follows the nearest `key =` before it.
    let key = if after.trim_start().starts_with('=') && !spanned.contains('\n') {
        Some(spanned.trim().trim_matches('"').to_owned())
    } else {
        line.get(..column)
            .and_then(|p| p.rfind('='))
            .map(|eq| {
                let p = line[..eq].trim_end();
                let from = p
                    .char_indices()
                    .rfind(|&(_, c)| !(c.is_alphanumeric() || "_-\"'.".contains(c)))
                    .map_or(0, |(i, c)| i + c.len_utf8());
                p[from..].trim_matches(['"', '\'']).to_owned()
            })
            .filter(|k| !k.is_empty())
    };
    // The table the line belongs to, with its position among tables of that name.
    let mut table: Option<(String, usize)> = None;
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for l in text[..line_end].lines() {
        let l = l.trim();
        if let Some(h) = l.strip_prefix("[[").and_then(|h| h.strip_suffix("]]")) {
            let h = format!("[[{}]]", h.trim());
            let n = seen.entry(h.clone()).or_insert(0);
            *n += 1;
            table = Some((h, *n));
        } else if let Some(h) = l
            .strip_prefix('[')
            .filter(|h| !h.starts_with('['))
            .and_then(|h| h.strip_suffix(']'))
        {
            table = Some((format!("[{}]", h.trim()), 0));
        }
    }
    let mut place = format!("line {line_no}");
    if let Some(k) = key {
        place.push_str(&format!(", key '{k}'"));
    }
    match table {
        Some((t, 0)) => place.push_str(&format!(" in {t}")),
        Some((t, n)) => place.push_str(&format!(" in {t} number {n}")),
        None => {}
    }
    CliError::in_input(name, format!("{place}: {message}"))
}

/// `value ± half-width` for people.
fn pm(e: Option<&Estimate>, share: bool) -> Value {
    let Some(e) = e else { return Value::Null };
    let (scale, d, unit) = if share {
        (100.0, 1, " %")
    } else {
        (1.0, 1, "")
    };
    let hw = e
        .half_width
        .map_or(String::new(), |h| format!(" ± {:.d$}", scale * h));
    Value::text(format!("{:.d$}{unit}{hw}", scale * e.mean))
}

fn mean(e: Option<&Estimate>) -> Value {
    e.map_or(Value::Null, |e| Value::float(e.mean))
}

fn half(e: Option<&Estimate>) -> Value {
    e.and_then(|e| e.half_width)
        .map_or(Value::Null, Value::float)
}

fn opt(x: Option<f64>) -> Value {
    x.map_or(Value::Null, Value::float)
}

/// The machine columns of a call type's measures (after the leading key columns).
fn measure_columns(mut t: Table) -> Table {
    for c in ["offered", "answered", "abandoned", "waiting_at_end"] {
        t = t.column(c, Kind::Plain);
    }
    t = t.column("offered_per_replication", Kind::Decimals(1));
    for c in [
        "service_level",
        "service_level_over_answered",
        "service_level_less_short_abandons",
        "wait_ended_within_share",
        "asa_seconds",
        "mean_wait_seconds",
        "abandoned_share",
    ] {
        t = t
            .column(c, Kind::Decimals(4))
            .column(&format!("{c}_half_width"), Kind::Decimals(4));
    }
    for c in [
        "wait_p50_seconds",
        "wait_p80_seconds",
        "wait_p90_seconds",
        "wait_p95_seconds",
    ] {
        t = t.column(c, Kind::Decimals(1));
    }
    t
}

fn measure_cells(m: &TypeMeasures, replications: u32) -> Vec<Value> {
    let mut row = vec![
        Value::UInt(m.offered),
        Value::UInt(m.answered),
        Value::UInt(m.abandoned),
        Value::UInt(m.waiting_at_end),
        Value::float(m.offered as f64 / f64::from(replications)),
    ];
    for e in [
        &m.answered_within_over_offered,
        &m.answered_within_over_answered,
        &m.answered_within_over_offered_less_short_abandons,
        &m.wait_ended_within_over_offered,
        &m.asa_seconds,
        &m.mean_wait_all_seconds,
        &m.abandoned_share,
    ] {
        row.push(mean(e.as_ref()));
        row.push(half(e.as_ref()));
    }
    for q in [
        m.wait_p50_seconds,
        m.wait_p80_seconds,
        m.wait_p90_seconds,
        m.wait_p95_seconds,
    ] {
        row.push(opt(q));
    }
    row
}

/// The people's columns of a call type's measures.
fn human_columns(t: Table) -> Table {
    t.column("offered", Kind::Plain)
        .column("answered", Kind::Plain)
        .column("abandoned", Kind::Plain)
        .column_as("sl", "service level", Kind::Plain)
        .column_as("asa", "ASA (s)", Kind::Plain)
        .column_as("wait", "mean wait (s)", Kind::Plain)
        .column_as("aband", "abandoned share", Kind::Plain)
        .column_as("p50", "wait p50 (s)", Kind::Decimals(1))
        .column_as("p90", "p90 (s)", Kind::Decimals(1))
        .column_as("p95", "p95 (s)", Kind::Decimals(1))
}

fn human_cells(m: &TypeMeasures) -> Vec<Value> {
    vec![
        Value::UInt(m.offered),
        Value::UInt(m.answered),
        Value::UInt(m.abandoned),
        pm(m.answered_within_over_offered.as_ref(), true),
        pm(m.asa_seconds.as_ref(), false),
        pm(m.mean_wait_all_seconds.as_ref(), false),
        pm(m.abandoned_share.as_ref(), true),
        opt(m.wait_p50_seconds),
        opt(m.wait_p90_seconds),
        opt(m.wait_p95_seconds),
    ]
}

/// `HH:MM` of an interval's start from the start of the day.
fn start(config: &Config, i: usize) -> Value {
    let s = u64::from(config.interval_seconds).saturating_mul(i as u64);
    Value::text(format!("{:02}:{:02}", s / 3600, (s % 3600) / 60))
}

fn render(config: &Config, sim: &SimReport, a: &SimulateArgs) -> Report {
    let mut r = Report::new();
    let reps = sim.settings.replications;
    r.fact(
        "replications",
        "replications",
        Value::UInt(u64::from(reps)),
        Kind::Plain,
    );
    r.fact("seed", "seed", Value::UInt(sim.settings.seed), Kind::Plain);
    r.fact(
        "level",
        "confidence level",
        Value::float(sim.settings.confidence),
        Kind::Share(1),
    );
    r.fact(
        "interval_seconds",
        "interval (s)",
        Value::UInt(u64::from(config.interval_seconds)),
        Kind::Plain,
    );
    let intervals = config.call_types.first().map_or(0, |t| t.volumes.len());
    r.fact(
        "intervals",
        "intervals",
        Value::UInt(intervals as u64),
        Kind::Plain,
    );
    r.fact(
        "warmup_intervals",
        "warm-up intervals",
        Value::UInt(u64::from(config.warmup_intervals)),
        Kind::Plain,
    );

    let mut per_interval = measure_columns(
        Table::new("call_type_intervals")
            .column("call_type", Kind::Plain)
            .column("interval", Kind::Plain)
            .column("start", Kind::Plain),
    )
    .machine_only();
    let mut per_interval_human = human_columns(
        Table::new("intervals_human")
            .titled("Per interval (counts over all replications)")
            .column_as("call_type", "call type", Kind::Plain)
            .column("start", Kind::Plain),
    )
    .human_only();
    let mut day =
        measure_columns(Table::new("call_types").column("call_type", Kind::Plain)).machine_only();
    let mut day_human = human_columns(
        Table::new("call_types_human")
            .titled(format!(
                "Call types, day after warm-up (counts over all replications; ± is the {} interval)",
                percent_label(sim.settings.confidence)
            ))
            .column_as("call_type", "call type", Kind::Plain),
    )
    .human_only();
    for t in &sim.call_types {
        let mut row = vec![Value::text(&t.name)];
        row.extend(measure_cells(&t.day, reps));
        day.push(row);
        let mut row = vec![Value::text(&t.name)];
        row.extend(human_cells(&t.day));
        day_human.push(row);
        for (i, m) in t.intervals.iter().enumerate() {
            let mut row = vec![
                Value::text(&t.name),
                Value::UInt(i as u64),
                start(config, i),
            ];
            row.extend(measure_cells(m, reps));
            per_interval.push(row);
            let mut row = vec![Value::text(&t.name), start(config, i)];
            row.extend(human_cells(m));
            per_interval_human.push(row);
        }
    }
    let mut groups = Table::new("groups")
        .machine_only()
        .column("group", Kind::Plain)
        .column("occupancy", Kind::Decimals(4))
        .column("occupancy_half_width", Kind::Decimals(4));
    let mut groups_human = Table::new("groups_human")
        .human_only()
        .titled("Agent groups, day after warm-up")
        .column("group", Kind::Plain)
        .column("occupancy", Kind::Plain);
    let mut group_intervals = Table::new("group_intervals")
        .machine_only()
        .column("group", Kind::Plain)
        .column("interval", Kind::Plain)
        .column("start", Kind::Plain)
        .column("occupancy", Kind::Decimals(4))
        .column("occupancy_half_width", Kind::Decimals(4));
    let mut group_intervals_human = Table::new("group_intervals_human")
        .human_only()
        .titled("Agent groups per interval")
        .column("group", Kind::Plain)
        .column("start", Kind::Plain)
        .column("occupancy", Kind::Plain);
    for g in &sim.groups {
        groups.push(vec![
            Value::text(&g.name),
            mean(g.day.as_ref()),
            half(g.day.as_ref()),
        ]);
        groups_human.push(vec![Value::text(&g.name), pm(g.day.as_ref(), true)]);
        for (i, e) in g.intervals.iter().enumerate() {
            group_intervals.push(vec![
                Value::text(&g.name),
                Value::UInt(i as u64),
                start(config, i),
                mean(e.as_ref()),
                half(e.as_ref()),
            ]);
            group_intervals_human.push(vec![
                Value::text(&g.name),
                start(config, i),
                pm(e.as_ref(), true),
            ]);
        }
    }
    if a.per_interval {
        r.table(per_interval);
    }
    r.table(day);
    r.table(day_human);
    r.table(groups);
    r.table(groups_human);
    if a.per_interval {
        r.table(group_intervals);
        r.table(per_interval_human);
        r.table(group_intervals_human);
    }
    r.note(
        "Service level: answered within the call type's answer time over offered (calls still waiting at the end count as missed); ASA over answered calls; mean wait over answered and abandoned calls; percentiles of the waits of answered calls.",
    );
    r
}

/// `95 %`, `99.5 %`.
fn percent_label(level: f64) -> String {
    let p = 100.0 * level;
    if (p - p.round()).abs() < 1e-9 {
        format!("{p:.0} %")
    } else {
        format!("{p} %")
    }
}
