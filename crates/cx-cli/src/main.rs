//! `cx`: the command-line tool of the cx-metrics workspace.
//!
//! Every figure comes from the library crates' public API (`cx-scales`, `cx-survey`,
//! `wfm-forecast`, `cx-retention`); this
//! binary reads CSV input and command-line values into their types, and renders their results
//! as tables, JSON or CSV. See the crate README for the commands and the output fields.
//!
//! Layout: `main.rs` holds the command tree and the exit-status policy; `output.rs` the
//! report model and its three renderings; `input.rs` streaming CSV input with positions and a
//! progress bar; `parse.rs` the value syntaxes; `error.rs` the error type; then one module per
//! command family (`scale_cmd.rs` with `answers.rs`, `retention_cmd.rs` with
//! `retention_input.rs` and `retention_models.rs`, `survey_cmd.rs` with `survey_input.rs` and
//! `survey_compare.rs`, `staffing_cmd.rs` with `staffing_plan.rs`, `quality_cmd.rs` with
//! `quality_agreement.rs`, `forecast_cmd.rs`, `accuracy_cmd.rs` with `accuracy_actuals.rs`;
//! `clock.rs` reads and writes local timestamps). A new family is one more module returning
//! a [`output::Report`] and one more variant of [`Command`].

mod accuracy_actuals;
mod accuracy_cmd;
mod answers;
mod clock;
mod error;
mod forecast_cmd;
mod input;
mod output;
mod parse;
mod quality_agreement;
mod quality_cmd;
mod retention_cmd;
mod retention_input;
mod retention_models;
mod scale_cmd;
mod staffing_cmd;
mod staffing_plan;
mod survey_cmd;
mod survey_compare;
mod survey_input;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::error::CliError;
use crate::input::Reading;
use crate::output::{Format, Report};

/// Customer-experience and contact-centre metrics from CSV files and the command line.
///
/// Reads files or standard input (`-`), writes a table for people or JSON/CSV for programs.
#[derive(Parser, Debug)]
#[command(name = "cx", version, propagate_version = true)]
#[command(
    after_help = "Examples:\n  cx scale benchmark csat.csv --scale 1..=10 --benchmark-scale 1..=7 --band 5..=7 --at-least 75\n  cx survey nps --ppd 70,10,20\n  cx staffing erlang-c --volume 100 --interval 30m --aht 3m --sl 80%/20s\n  cx retention counts --start 200 --new 150 --lost 140\n  cx forecast history.csv --interval 30m --model day-profile --horizon 7d --level 80%\n  cx accuracy measures daily.csv --actual-column actual --forecast-column forecast\n  cx --format json retention periods subscriptions.csv --from 2024-01-01 --to 2025-01-01"
)]
struct Cli {
    /// Output format: an aligned table, one JSON object, or the main table as CSV.
    #[arg(long, value_enum, default_value_t, global = true)]
    format: Format,
    /// No progress bar (it is never shown when standard error is not a terminal).
    #[arg(long, short, global = true)]
    quiet: bool,
    /// Field delimiter of the input CSV: one character such as ';' (spreadsheets in many
    /// locales), or `tab`.
    #[arg(long, global = true, default_value = ",", value_parser = parse::delimiter, value_name = "CHAR")]
    delimiter: u8,
    #[command(subcommand)]
    command: Command,
}

/// The command families; each arrives with its library crate.
#[derive(Subcommand, Debug)]
enum Command {
    /// Scales: convert values, bands and distributions; benchmark across scales (cx-scales).
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  cx scale convert --from 1..=10 --to 1..=7\n  cx scale band --from 0..=10 --to 1..=5 '>=9'"
    )]
    Scale(scale_cmd::ScaleCommand),
    /// Retention: per-period counts, cohorts, NRR/GRR, sBG, Kaplan–Meier (cx-retention).
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  cx retention counts --start 200 --new 150 --lost 140\n  cx retention km tenures.csv"
    )]
    Retention(retention_cmd::RetentionCommand),
    /// Surveys: NPS, CSAT, CDSAT, CES, CSI with intervals, groups and comparisons (cx-survey).
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  cx survey nps --ppd 70,10,20\n  cx survey csat responses.csv --column satisfaction --scale 1..=5 --top-box 2 --by channel"
    )]
    Survey(survey_cmd::SurveyCommand),
    /// Staffing: Erlang B, C and A calculators and staffing plans (wfm-forecast).
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  cx staffing erlang-c --volume 100 --interval 30m --aht 3m --sl 80%/20s\n  cx staffing plan intraday_forecast.csv --interval 30m --sl 80%/20s --shrinkage 30%"
    )]
    Staffing(staffing_cmd::StaffingCommand),
    /// Quality: QA scorecards per agent or team, evaluator agreement, audit sample sizes
    /// (cx-survey).
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  cx quality score evaluations.csv --scorecard scorecard.csv --by agent\n  cx quality sample-size --population 1200"
    )]
    Quality(quality_cmd::QualityCommand),
    /// Forecast: fit seasonal naive, Holt–Winters or day-profile models on a CSV history and
    /// forecast with prediction intervals, a calendar and a backtest (wfm-forecast).
    Forecast(forecast_cmd::ForecastArgs),
    /// Accuracy: forecast accuracy measures, and actuals from contact records (wfm-forecast).
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  cx accuracy measures daily.csv --actual-column actual --forecast-column forecast\n  cx accuracy actuals contacts.csv --interval 30m --answer-within 20s"
    )]
    Accuracy(accuracy_cmd::AccuracyCommand),
}

fn run(cli: &Cli) -> Result<Report, CliError> {
    let reading = Reading {
        quiet: cli.quiet,
        delimiter: cli.delimiter,
    };
    match &cli.command {
        Command::Scale(c) => scale_cmd::run(c, reading),
        Command::Retention(c) => retention_cmd::run(c, reading),
        Command::Survey(c) => survey_cmd::run(c, reading),
        Command::Staffing(c) => staffing_cmd::run(c, reading),
        Command::Quality(c) => quality_cmd::run(c, reading),
        Command::Forecast(c) => forecast_cmd::run(c, reading),
        Command::Accuracy(c) => accuracy_cmd::run(c, reading),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The whole report is computed before anything is written: an error leaves no output that
    // could pass for a complete result.
    let report = match run(&cli) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cx: error: {e}");
            return ExitCode::from(e.exit_code());
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match report
        .write(cli.format, &mut out)
        .and_then(|()| out.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`cx … | head`) is the reader's choice, not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cx: error: {}", CliError::io("<stdout>", &e));
            ExitCode::from(CliError::io("<stdout>", &e).exit_code())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_tree_is_well_formed() {
        Cli::command().debug_assert();
    }
}
