//! `cx quality`: QA scorecards over a CSV of evaluations, aggregated per agent or team;
//! evaluator agreement (`quality_agreement.rs`); and audit sample sizes with the finite
//! population correction set against a common practitioners' rule of thumb — all through
//! `cx_survey` (`Scorecard`, `QualityTally`, `Grouped`, `agreement`, `share_sample_size`,
//! `audit_rule_of_thumb`).
//!
//! A scorecard definition is a CSV file `criterion,weight[,critical]`; the evaluations file has
//! one row per audited contact and one column per criterion (named as in the scorecard) with
//! a verdict: `yes`, `no`, `partial` or `na` (see [`verdict`]). Other columns (agent, team,
//! evaluator, date) can group the results.

use clap::{Args, Subcommand};
use csv::StringRecord;
use cx_scales::Share;
use cx_survey::{
    Confidence, Criterion, CriticalPolicy, Grouped, QualityTally, Scorecard, Verdict,
    audit_rule_of_thumb, share_sample_size,
};

use crate::error::CliError;
use crate::input::{CsvInput, Reading};
use crate::output::{Kind, Report, Table, Value};
use crate::parse;
use crate::quality_agreement::{self, AgreementArgs};
use crate::survey_input::KEY_SEPARATOR;

/// The subcommands of `cx quality`.
#[derive(Subcommand, Debug)]
pub(crate) enum QualityCommand {
    /// Score evaluations against a scorecard; mean score, interval and pass rate per group.
    #[command(
        after_help = "Example:\n  cx quality score evaluations.csv --scorecard scorecard.csv --by agent\n\nscorecard.csv:\n  criterion,weight,critical\n  greeting,1,no\n  identity verified,2,yes\n  resolution,3,no"
    )]
    Score(ScoreArgs),
    /// Agreement of two evaluators who rated the same items: percent agreement, Cohen's kappa.
    #[command(
        after_help = "Example:\n  cx quality agreement calibration.csv --first anna --second boris"
    )]
    Agreement(AgreementArgs),
    /// Audit sample sizes with the finite population correction, against the rule of thumb.
    #[command(
        after_help = "Example:\n  cx quality sample-size --population 100,1200,10000 --margin 5% --level 95%"
    )]
    SampleSize(SampleSizeArgs),
}

/// `cx quality score`.
#[derive(Args, Debug)]
pub(crate) struct ScoreArgs {
    /// CSV of evaluations (one row per audited contact), or `-` for standard input.
    #[arg(value_name = "FILE")]
    input: String,
    /// The scorecard: a CSV file `criterion,weight[,critical]`.
    #[arg(long, value_name = "FILE")]
    scorecard: String,
    /// Group by this column too (repeat for several: `--by team --by agent`).
    #[arg(long, value_name = "COLUMN")]
    by: Vec<String>,
    /// Credit of a `partial` verdict, e.g. `50%` (the library's default).
    #[arg(long, value_parser = parse::percent, value_name = "PCT")]
    partial_credit: Option<f64>,
    /// What a failed critical criterion does: zero-score (the evaluation scores 0; default) or
    /// flag-only (the score stands; the failure is counted).
    #[arg(long, value_parser = parse::named::<CriticalPolicy>(CriticalPolicy::NAMES),
          default_value = "zero-score", value_name = "POLICY")]
    critical_policy: CriticalPolicy,
    /// Confidence level of the mean score's interval: `0.95` or `95%`.
    #[arg(long, value_parser = parse::level, value_name = "LEVEL")]
    level: Option<Confidence>,
}

/// `cx quality sample-size`.
#[derive(Args, Debug)]
pub(crate) struct SampleSizeArgs {
    /// Contacts in the period (one or several), e.g. `1200` or `100,1200,10000`.
    #[arg(long, value_delimiter = ',', required = true, value_name = "N,…", value_parser = parse::count)]
    population: Vec<u64>,
    /// The margin of error wanted, in percentage points, e.g. `5%`.
    #[arg(long, value_parser = parse::percent, default_value = "5%", value_name = "PCT")]
    margin: f64,
    /// The share anticipated (50 % is the worst case).
    #[arg(long, value_parser = parse::percent, default_value = "50%", value_name = "PCT")]
    anticipated: f64,
    /// Confidence level: `0.95` or `95%`.
    #[arg(long, value_parser = parse::level, value_name = "LEVEL")]
    level: Option<Confidence>,
}

/// Reads a verdict: `yes`/`y`/`1`/`pass`, `no`/`n`/`0`/`fail`, `partial`/`p`,
/// `na`/`n/a`/`not applicable`/`-` (any case).
pub(crate) fn verdict(text: &str) -> Result<Verdict, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "1" | "pass" | "true" => Ok(Verdict::Yes),
        "no" | "n" | "0" | "fail" | "false" => Ok(Verdict::No),
        "partial" | "p" => Ok(Verdict::Partial),
        "na" | "n/a" | "not applicable" | "-" => Ok(Verdict::NotApplicable),
        _ => Err(format!(
            "expected a verdict yes, no, partial or na, found {text:?}"
        )),
    }
}

/// Runs a `cx quality` subcommand.
pub(crate) fn run(cmd: &QualityCommand, reading: Reading) -> Result<Report, CliError> {
    match cmd {
        QualityCommand::Score(a) => score(a, reading),
        QualityCommand::Agreement(a) => quality_agreement::agreement(a, reading),
        QualityCommand::SampleSize(a) => sample_size(a),
    }
}

/// Reads a scorecard definition `criterion,weight[,critical]`.
fn scorecard(a: &ScoreArgs, reading: Reading) -> Result<Scorecard, CliError> {
    let mut input = CsvInput::open(&a.scorecard, reading)?;
    let name = input.column("criterion")?;
    let weight = input.column("weight")?;
    let critical = input.optional_column("critical");
    let mut criteria = Vec::new();
    let mut rec = StringRecord::new();
    while input.next(&mut rec)? {
        let n = input.parse(&rec, name, |c| {
            if c.is_empty() {
                Err("expected a criterion name, found an empty cell".to_owned())
            } else {
                Ok(c.to_owned())
            }
        })?;
        let w = input.parse(&rec, weight, parse::real)?;
        let crit = match critical {
            Some(c) if !rec.get(c).is_none_or(str::is_empty) => {
                input.parse(&rec, c, parse::flag)?
            }
            _ => false,
        };
        let c = if crit {
            Criterion::critical(n, w)
        } else {
            Criterion::new(n, w)
        };
        criteria.push(c.map_err(|e| input.cell_error(&rec, weight, e))?);
    }
    input.finish();
    let card = Scorecard::new(criteria).map_err(|e| CliError::in_input(input.name(), e))?;
    let card = match a.partial_credit {
        Some(p) => card
            .with_partial_credit(p)
            .map_err(|e| CliError::usage(format!("--partial-credit: {e}")))?,
        None => card,
    };
    Ok(card.with_critical_policy(a.critical_policy))
}

fn score(a: &ScoreArgs, reading: Reading) -> Result<Report, CliError> {
    parse::distinct("--by", &a.by, Clone::clone)?;
    let card = scorecard(a, reading)?;
    let confidence = a.level.unwrap_or_default();
    let mut input = CsvInput::open(&a.input, reading)?;
    let cols = card
        .criteria()
        .iter()
        .map(|c| input.column(c.name()))
        .collect::<Result<Vec<_>, _>>()?;
    let by =
        a.by.iter()
            .map(|c| input.column(c))
            .collect::<Result<Vec<_>, _>>()?;
    let mut overall = QualityTally::new();
    let mut groups: Grouped<String, QualityTally> = Grouped::new(QualityTally::new());
    let mut evals = Table::new("evaluations")
        .column("line", Kind::Plain)
        .column("group", Kind::Plain)
        .column("score", Kind::Share(1))
        .column("weighted_score", Kind::Share(1))
        .column("passed", Kind::Plain)
        .column("failed_critical", Kind::Plain)
        .machine_only();
    let mut rec = StringRecord::new();
    let mut verdicts = Vec::with_capacity(cols.len());
    while input.next(&mut rec)? {
        verdicts.clear();
        for &c in &cols {
            verdicts.push(input.parse(&rec, c, verdict)?);
        }
        let line = input.line(&rec);
        let e = card
            .evaluate(&verdicts)
            .map_err(|e| CliError::at_line(input.name(), line, e))?;
        let key: Vec<&str> = by.iter().map(|&c| rec.get(c).unwrap_or("")).collect();
        let key = key.join(KEY_SEPARATOR);
        let failed: Vec<&str> = e
            .failed_critical()
            .iter()
            .map(|&i| card.criteria()[i].name())
            .collect();
        evals.push(vec![
            Value::UInt(line),
            Value::text(key.clone()),
            Value::float(e.score().value()),
            Value::float(e.weighted_score().value()),
            Value::Bool(e.passed()),
            Value::text(failed.join("; ")),
        ]);
        overall.record(&e)?;
        if !by.is_empty() {
            groups.record(key, e)?;
        }
    }
    input.finish();
    if overall.evaluations() == 0 {
        return Err(CliError::in_input(
            input.name(),
            "no evaluations (expected at least one row)",
        ));
    }
    let mut r = Report::new();
    r.fact(
        "criteria",
        "criteria",
        Value::UInt(card.criteria().len() as u64),
        Kind::Plain,
    );
    r.fact(
        "critical_policy",
        "critical policy",
        Value::text(a.critical_policy.name()),
        Kind::Plain,
    );
    r.fact(
        "confidence",
        "confidence",
        Value::float(confidence.level()),
        Kind::Share(1),
    );
    let mut t = Table::new("groups")
        .column("group", Kind::Plain)
        .column("evaluations", Kind::Plain)
        .column("mean_score", Kind::Share(1))
        .column("lower", Kind::Share(1))
        .column("upper", Kind::Share(1))
        .column("pass_rate", Kind::Share(1))
        .column("critical_failures", Kind::Plain);
    let mut row = |name: &str, q: &QualityTally| -> Result<(), CliError> {
        let ci = q.interval(confidence).ok();
        t.push(vec![
            Value::text(name),
            Value::UInt(q.evaluations()),
            Value::float(q.mean_score()?.value()),
            ci.map_or(Value::Null, |c| Value::float(c.lower)),
            ci.map_or(Value::Null, |c| Value::float(c.upper)),
            Value::float(q.pass_rate()?.value()),
            Value::UInt(q.critical_failures()),
        ]);
        Ok(())
    };
    row("all", &overall)?;
    for (k, q) in groups.iter() {
        row(k, q)?;
    }
    r.table(t);
    r.table(evals);
    r.note("scores are shares of the applicable weight; a failed critical criterion fails the evaluation");
    Ok(r)
}

fn sample_size(a: &SampleSizeArgs) -> Result<Report, CliError> {
    parse::distinct("--population", &a.population, u64::to_string)?;
    let confidence = a.level.unwrap_or_default();
    let anticipated =
        Share::new(a.anticipated).map_err(|e| CliError::usage(format!("--anticipated: {e}")))?;
    let mut r = Report::new();
    r.fact(
        "margin",
        "margin wanted",
        Value::float(a.margin),
        Kind::Share(1),
    );
    r.fact(
        "anticipated",
        "share anticipated",
        Value::float(a.anticipated),
        Kind::Share(0),
    );
    r.fact(
        "confidence",
        "confidence",
        Value::float(confidence.level()),
        Kind::Share(1),
    );
    let mut t = Table::new("samples")
        .column("population", Kind::Plain)
        .column_as("required", "required (FPC)", Kind::Plain)
        .column_as("infinite_population", "without FPC", Kind::Decimals(1))
        .column_as("rule_low", "rule low", Kind::Plain)
        .column_as("margin_at_low", "margin at low", Kind::Share(1))
        .column_as("rule_high", "rule high", Kind::Plain)
        .column_as("margin_at_high", "margin at high", Kind::Share(1))
        .machine_column("corrected", Kind::Plain);
    for &n in &a.population {
        let s = share_sample_size(a.margin, confidence, anticipated, Some(n))
            .map_err(|e| CliError::usage(format!("--population {n}, --margin: {e}")))?;
        let rule = audit_rule_of_thumb(n, anticipated, confidence)
            .map_err(|e| CliError::usage(format!("--population {n}: {e}")))?;
        t.push(vec![
            Value::UInt(n),
            Value::UInt(s.required),
            Value::float(s.infinite_population),
            Value::UInt(rule.low),
            Value::float(rule.margin_at_low),
            Value::UInt(rule.high),
            Value::float(rule.margin_at_high),
            Value::float(s.corrected),
        ]);
    }
    r.table(t);
    r.note("a common practitioners' rule of thumb: 30–50 contacts up to about 200, otherwise 5–10 %; the margins show what it buys");
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_have_several_spellings() {
        assert_eq!(verdict("Yes").unwrap(), Verdict::Yes);
        assert_eq!(verdict("0").unwrap(), Verdict::No);
        assert_eq!(verdict("partial").unwrap(), Verdict::Partial);
        assert_eq!(verdict("N/A").unwrap(), Verdict::NotApplicable);
        assert!(verdict("").is_err());
        assert!(verdict("maybe").is_err());
    }
}
