//! `cx journey`: customer journeys from an event log, through `cx_journey::JourneyLog` in one
//! pass: steps (reach, repeats, exits, success classes, time in step), variants, the
//! directly-follows counts, a funnel over a chosen path, and survey scores joined by case id.
//!
//! Times in the time column are local timestamps (see `clock.rs`) or whole numbers in the unit
//! of `--time-unit` (seconds by default, or milliseconds).

use clap::Args;
use csv::StringRecord;
use cx_journey::{
    JourneyAnswer, JourneyLog, Journeys, Outcome, RankingCriterion, ScoreReport, SurveyMetric,
};
use cx_scales::{Scale, Score};
use cx_survey::{Confidence, ShareMethod};

use crate::clock;
use crate::error::CliError;
use crate::input::{CsvInput, Reading};
use crate::output::{Kind, Report, Table, Value};
use crate::parse;

/// `cx journey`.
#[derive(Args, Debug)]
pub(crate) struct JourneyArgs {
    /// CSV event log, one event per row, in any order, or `-` for standard input.
    #[arg(value_name = "FILE")]
    input: String,
    /// The case (customer journey) id column.
    #[arg(long, default_value = "case_id", value_name = "COLUMN")]
    case: String,
    /// The time column: local timestamps `YYYY-MM-DDTHH:MM[:SS]`, or whole numbers in the unit
    /// of `--time-unit`.
    #[arg(long, default_value = "timestamp", value_name = "COLUMN")]
    time: String,
    /// The step column.
    #[arg(long, default_value = "step", value_name = "COLUMN")]
    step: String,
    /// The channel column, used when present.
    #[arg(long, default_value = "channel", value_name = "COLUMN")]
    channel: String,
    /// The outcome column (`succeeded`, `with_errors`, `failed`; blank for unknown), used when
    /// present.
    #[arg(long, default_value = "outcome", value_name = "COLUMN")]
    outcome: String,
    /// The unit of numeric times: seconds or milliseconds.
    #[arg(long, value_name = "UNIT", value_parser = ["s", "ms"], default_value = "s")]
    time_unit: String,
    /// A funnel over this path of steps, e.g. `Search,Basket,Pay`.
    #[arg(long, value_delimiter = ',', value_name = "NAME,…")]
    funnel: Vec<String>,
    /// How many variants to list, most frequent first.
    #[arg(long, default_value_t = 10, value_parser = parse::count, value_name = "N")]
    top: u64,
    /// The confidence level of intervals.
    #[arg(long, value_parser = parse::level, default_value = "95%", value_name = "LEVEL")]
    level: Confidence,
    /// Print the directly-follows graph as Mermaid or Graphviz text instead of the tables.
    #[arg(long, value_name = "NAME", value_parser = ["mermaid", "dot"])]
    graph: Option<String>,
    /// CSV of survey answers to join by case id (columns: the case column, `score`, and
    /// optionally `step` and `persona`).
    #[arg(long, value_name = "FILE")]
    survey: Option<String>,
    /// The survey metric: `nps` (0–10 answers), `csat` or `ces` (the mean on `--scale`).
    #[arg(long, value_name = "NAME", value_parser = ["nps", "csat", "ces"], default_value = "nps")]
    metric: String,
    /// The scale of the survey answers (default 0..=10 for NPS, 1..=5 for CSAT, 1..=7 for CES).
    #[arg(long, value_parser = parse::scale)]
    scale: Option<Scale>,
    /// The score column of the survey file.
    #[arg(long, default_value = "score", value_name = "COLUMN")]
    score_column: String,
}

/// Runs `cx journey`.
pub(crate) fn run(a: &JourneyArgs, reading: Reading) -> Result<Report, CliError> {
    let journeys = read_log(a, reading)?;
    if let Some(kind) = &a.graph {
        let mut r = Report::new();
        r.raw(graph(&journeys, kind == "dot"));
        return Ok(r);
    }
    let mut r = Report::new();
    let s = journeys.summary();
    r.fact("cases", "cases", Value::UInt(s.cases), Kind::Plain);
    r.fact("events", "events", Value::UInt(s.events), Kind::Plain);
    r.fact(
        "distinct_steps",
        "distinct steps",
        Value::UInt(s.steps),
        Kind::Plain,
    );
    r.fact(
        "distinct_variants",
        "variants",
        Value::UInt(s.variants),
        Kind::Plain,
    );
    let secs = |ms: f64| Value::float(ms / 1000.0);
    if let Some(d) = s.duration {
        r.fact(
            "median_case_seconds",
            "median case duration (s)",
            secs(d.median_ms),
            Kind::Decimals(1),
        );
        r.fact(
            "mean_case_seconds",
            "mean case duration (s)",
            secs(d.mean_ms),
            Kind::Decimals(1),
        );
    }
    steps_table(&mut r, &journeys);
    let total = journeys.case_count();
    let mut t = Table::new("variants")
        .titled("Variants (most frequent first)")
        .column("rank", Kind::Plain)
        .column("cases", Kind::Plain)
        .column("share", Kind::Share(1))
        .column_as("median_seconds", "median (s)", Kind::Decimals(1))
        .column("path", Kind::Plain);
    let top = usize::try_from(a.top).unwrap_or(usize::MAX);
    for (i, v) in journeys.variants().iter().take(top).enumerate() {
        t.push(vec![
            Value::UInt(i as u64 + 1),
            Value::UInt(v.cases),
            Value::float(v.cases as f64 / total as f64),
            secs(v.duration.median_ms),
            Value::text(v.path.join(" > ")),
        ]);
    }
    r.table(t);
    if !a.funnel.is_empty() {
        funnel_table(&mut r, &journeys, &a.funnel, a.level)?;
    }
    let mut t = Table::new("directly_follows")
        .titled("Directly follows")
        .column("from", Kind::Plain)
        .column("to", Kind::Plain)
        .column("count", Kind::Plain)
        .column_as("mean_seconds", "mean (s)", Kind::Decimals(1));
    for f in journeys.directly_follows() {
        t.push(vec![
            Value::text(f.from),
            Value::text(f.to),
            Value::UInt(f.count),
            secs(f.mean_ms),
        ]);
    }
    r.table(t);
    let mut t = Table::new("hardest_steps")
        .titled("Steps most often left, and longest (with intervals)")
        .column("criterion", Kind::Plain)
        .column("step", Kind::Plain)
        .column("estimate", Kind::Decimals(3))
        .column("lower", Kind::Decimals(3))
        .column("upper", Kind::Decimals(3))
        .column("n", Kind::Plain);
    for c in [
        RankingCriterion::MostExits,
        RankingCriterion::LongestMedianTime,
    ] {
        let ranked = journeys.rank(c, a.level).map_err(CliError::data)?;
        if let Some(x) = ranked.first() {
            let unit = if c == RankingCriterion::LongestMedianTime {
                1000.0
            } else {
                1.0
            };
            t.push(vec![
                Value::text(c.label()),
                Value::text(x.step.clone()),
                Value::float(x.estimate / unit),
                Value::float(x.lower / unit),
                Value::float(x.upper / unit),
                Value::UInt(x.n),
            ]);
        }
    }
    r.table(t);
    if let Some(path) = &a.survey {
        let report = join_survey(a, path, reading, &journeys)?;
        survey_tables(&mut r, &report);
    }
    r.note("Times in seconds. Exits count journeys whose last step is the step; the longest step is ranked by its median time in the step, with a distribution-free interval.");
    Ok(r)
}

fn read_log(a: &JourneyArgs, reading: Reading) -> Result<Journeys, CliError> {
    let mut input = CsvInput::open(&a.input, reading)?;
    let ccol = input.column(&a.case)?;
    let tcol = input.column(&a.time)?;
    let scol = input.column(&a.step)?;
    let chcol = input.optional_column(&a.channel);
    let ocol = input.optional_column(&a.outcome);
    let per_unit: i64 = if a.time_unit == "ms" { 1 } else { 1000 };
    let mut log = JourneyLog::new();
    let mut rec = StringRecord::new();
    while input.next(&mut rec)? {
        let ms = input.parse(&rec, tcol, |t| time_ms(t, per_unit))?;
        let outcome = match ocol {
            Some(c) if !rec.get(c).unwrap_or("").is_empty() => {
                Some(input.parse(&rec, c, str::parse::<Outcome>)?)
            }
            _ => None,
        };
        let channel = chcol.map_or("", |c| rec.get(c).unwrap_or(""));
        let channel = if channel.is_empty() { "-" } else { channel };
        log.record(
            rec.get(ccol).unwrap_or(""),
            ms,
            rec.get(scol).unwrap_or(""),
            channel,
            outcome,
        )
        .map_err(|e| CliError::at_line(input.name(), input.line(&rec), e))?;
    }
    input.finish();
    if log.event_count() == 0 {
        return Err(CliError::in_input(
            input.name(),
            "expected at least one event, found none",
        ));
    }
    log.finish().map_err(CliError::data)
}

/// A time cell in ms: a whole number in the chosen unit, or a local timestamp.
fn time_ms(text: &str, per_unit: i64) -> Result<i64, String> {
    let t = text.trim();
    if let Ok(n) = t.parse::<i64>() {
        return n
            .checked_mul(per_unit)
            .ok_or_else(|| format!("time {t} is too large"));
    }
    let s = clock::seconds(t).map_err(|e| format!("{e}, or a whole number"))?;
    s.checked_mul(1000)
        .ok_or_else(|| format!("time {t} is too large"))
}

fn steps_table(r: &mut Report, j: &Journeys) {
    let mut t = Table::new("steps")
        .titled("Steps")
        .column("step", Kind::Plain)
        .column("reach", Kind::Plain)
        .column("entries", Kind::Plain)
        .column("repeats", Kind::Plain)
        .column("exits", Kind::Plain)
        .column("succeeded", Kind::Plain)
        .column("with_errors", Kind::Plain)
        .column("failed", Kind::Plain)
        .column_as("median_seconds", "median (s)", Kind::Decimals(1))
        .column_as("p90_seconds", "p90 (s)", Kind::Decimals(1))
        .machine_column("median_to_next_seconds", Kind::Decimals(1));
    let secs = |x: Option<f64>| x.map_or(Value::Null, |ms| Value::float(ms / 1000.0));
    for s in j.steps() {
        t.push(vec![
            Value::text(s.step.clone()),
            Value::UInt(s.reach),
            Value::UInt(s.entries),
            Value::UInt(s.repeats),
            Value::UInt(s.exits),
            Value::UInt(s.outcomes[0]),
            Value::UInt(s.outcomes[1]),
            Value::UInt(s.outcomes[2]),
            secs(s.time_in_step.map(|t| t.median_ms)),
            secs(s.time_in_step.map(|t| t.p90_ms)),
            secs(s.time_to_next.map(|t| t.median_ms)),
        ]);
    }
    r.table(t);
}

fn funnel_table(
    r: &mut Report,
    j: &Journeys,
    path: &[String],
    level: Confidence,
) -> Result<(), CliError> {
    let steps: Vec<&str> = path.iter().map(|s| s.trim()).collect();
    let f = j
        .funnel(&steps, ShareMethod::Wilson, level)
        .map_err(|e| CliError::usage(format!("--funnel: {e}")))?;
    let mut t = Table::new("funnel")
        .titled(format!(
            "Funnel (conversion from the previous stage, {level} Wilson interval)"
        ))
        .column("stage", Kind::Plain)
        .column("step", Kind::Plain)
        .column("reached", Kind::Plain)
        .column("conversion", Kind::Share(1))
        .column("lower", Kind::Share(1))
        .column("upper", Kind::Share(1))
        .column_as("overall", "of all cases", Kind::Share(1));
    for (i, s) in f.stages.iter().enumerate() {
        let c = s.conversion;
        t.push(vec![
            Value::UInt(i as u64 + 1),
            Value::text(s.step.clone()),
            Value::UInt(s.reached),
            c.map_or(Value::Null, |c| Value::float(c.estimate.value())),
            c.map_or(Value::Null, |c| Value::float(c.lower.value())),
            c.map_or(Value::Null, |c| Value::float(c.upper.value())),
            s.overall
                .map_or(Value::Null, |c| Value::float(c.estimate.value())),
        ]);
    }
    r.table(t);
    Ok(())
}

fn join_survey(
    a: &JourneyArgs,
    path: &str,
    reading: Reading,
    j: &Journeys,
) -> Result<ScoreReport, CliError> {
    let metric = if a.metric == "nps" {
        SurveyMetric::Nps
    } else {
        SurveyMetric::Mean
    };
    let scale = a.scale.unwrap_or(match a.metric.as_str() {
        "nps" => Scale::ZERO_TO_TEN,
        "csat" => Scale::ONE_TO_FIVE,
        _ => Scale::ONE_TO_SEVEN,
    });
    let mut input = CsvInput::open(path, reading)?;
    let ccol = input.column(&a.case)?;
    let scol = input.column(&a.score_column)?;
    let stcol = input.optional_column("step");
    let pcol = input.optional_column("persona");
    let mut answers = Vec::new();
    let mut rec = StringRecord::new();
    let cell = |rec: &StringRecord, c: Option<usize>| {
        c.and_then(|c| rec.get(c))
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    while input.next(&mut rec)? {
        if answers.len() as u64 >= cx_journey::MAX_ANSWERS {
            return Err(CliError::in_input(
                input.name(),
                format!("more than {} answers", cx_journey::MAX_ANSWERS),
            ));
        }
        let score = input.parse(&rec, scol, |t| Score::parse(scale, t))?;
        answers.push(JourneyAnswer {
            case: rec.get(ccol).unwrap_or("").to_owned(),
            step: cell(&rec, stcol),
            persona: cell(&rec, pcol),
            score,
        });
    }
    input.finish();
    j.scores(&answers, metric, a.level)
        .map_err(|e| CliError::in_input(input.name(), e))
}

fn survey_tables(r: &mut Report, s: &ScoreReport) {
    r.fact(
        "survey_answers",
        "survey answers",
        Value::UInt(s.answers),
        Kind::Plain,
    );
    r.fact(
        "survey_unmatched",
        "answers not matched to a journey",
        Value::UInt(s.unmatched),
        Kind::Plain,
    );
    let score_table = |name: &str, title: &str, first: &str| {
        Table::new(name)
            .titled(title.to_owned())
            .column(first, Kind::Plain)
            .column("n", Kind::Plain)
            .column("score", Kind::Decimals(2))
            .column("lower", Kind::Decimals(2))
            .column("upper", Kind::Decimals(2))
    };
    let opt = |x: Option<f64>| x.map_or(Value::Null, Value::float);
    for (name, title, first, groups) in [
        (
            "scores_by_step",
            "Scores of answers about a step",
            "step",
            &s.by_step,
        ),
        (
            "scores_by_variant",
            "Scores by variant",
            "path",
            &s.by_variant,
        ),
        (
            "scores_by_persona",
            "Scores by persona",
            "persona",
            &s.by_persona,
        ),
    ] {
        if groups.is_empty() {
            continue;
        }
        let mut t = score_table(name, title, first);
        for g in groups {
            t.push(vec![
                Value::text(g.group.clone()),
                Value::UInt(g.n),
                Value::float(g.estimate),
                opt(g.lower),
                opt(g.upper),
            ]);
        }
        r.table(t);
    }
    let mut t = Table::new("step_effects")
        .titled("Journeys with and without each step (difference with − without)")
        .column("step", Kind::Plain)
        .column("n_with", Kind::Plain)
        .column("score_with", Kind::Decimals(2))
        .column("n_without", Kind::Plain)
        .column("score_without", Kind::Decimals(2))
        .column("difference", Kind::Decimals(2))
        .column("lower", Kind::Decimals(2))
        .column("upper", Kind::Decimals(2));
    for e in &s.effects {
        t.push(vec![
            Value::text(e.step.clone()),
            Value::UInt(e.with.n),
            Value::float(e.with.estimate),
            Value::UInt(e.without.n),
            Value::float(e.without.estimate),
            Value::float(e.difference),
            opt(e.lower),
            opt(e.upper),
        ]);
    }
    r.table(t);
}

/// The directly-follows graph as Mermaid (`flowchart LR`) or Graphviz (`digraph`) text; step
/// names are quoted, and nodes get stable ids by step order.
fn graph(j: &Journeys, dot: bool) -> String {
    let steps = j.steps();
    let id = |name: &str| steps.iter().position(|s| s.step == name).unwrap_or(0);
    let quote = |s: &str| s.replace('"', "'");
    let mut out = String::new();
    if dot {
        out.push_str("digraph journeys {\n  rankdir=LR;\n");
        for (i, s) in steps.iter().enumerate() {
            out.push_str(&format!(
                "  s{i} [label=\"{} ({})\"];\n",
                quote(&s.step),
                s.entries
            ));
        }
        for f in j.directly_follows() {
            out.push_str(&format!(
                "  s{} -> s{} [label=\"{}\"];\n",
                id(&f.from),
                id(&f.to),
                f.count
            ));
        }
        out.push_str("}\n");
    } else {
        out.push_str("flowchart LR\n");
        for (i, s) in steps.iter().enumerate() {
            out.push_str(&format!("  s{i}[\"{} ({})\"]\n", quote(&s.step), s.entries));
        }
        for f in j.directly_follows() {
            out.push_str(&format!(
                "  s{} -->|{}| s{}\n",
                id(&f.from),
                f.count,
                id(&f.to)
            ));
        }
    }
    out
}
