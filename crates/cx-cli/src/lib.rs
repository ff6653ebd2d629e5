//! `cx`: the command-line tool of the cx-metrics workspace.
//!
//! This library target only exists so that tests and fuzzers can run the tool in-process
//! ([`run`]); it is not a stable API. Use the `cx` binary.
//!
//! Every figure comes from the library crates' public API (`cx-scales`, `cx-survey`,
//! `wfm-forecast`, `cx-retention`, `cx-journey`, `wfm-sim`, `wfm-schedule`); this
//! binary reads CSV (and TOML configuration) input and command-line values into their types, and renders their results
//! as tables, JSON or CSV. See the crate README for the commands and the output fields.
//!
//! Layout: `lib.rs` holds the command tree and the exit-status policy; `output.rs` the
//! report model and its three renderings; `input.rs` streaming CSV input with positions and a
//! progress bar; `parse.rs` the value syntaxes; `error.rs` the error type; then one module per
//! command family (`scale_cmd.rs` with `answers.rs`, `retention_cmd.rs` with
//! `retention_input.rs` and `retention_models.rs`, `survey_cmd.rs` with `survey_input.rs` and
//! `survey_compare.rs`, `staffing_cmd.rs` with `staffing_plan.rs`, `staffing_erlang_x.rs` and
//! `staffing_blend.rs`, `quality_cmd.rs` with `quality_agreement.rs`, `forecast_cmd.rs`,
//! `accuracy_cmd.rs` with `accuracy_actuals.rs`, `journey_cmd.rs`, `simulate_cmd.rs`,
//! `schedule_cmd.rs`;
//! `clock.rs` reads and writes local timestamps). A new family is one more module returning
//! a `output::Report` and one more variant of `Command`.

mod accuracy_actuals;
mod accuracy_cmd;
mod answers;
mod clock;
mod error;
mod forecast_cmd;
mod input;
mod journey_cmd;
mod output;
mod parse;
mod quality_agreement;
mod quality_cmd;
mod retention_cmd;
mod retention_input;
mod retention_models;
mod scale_cmd;
mod schedule_cmd;
mod simulate_cmd;
mod staffing_blend;
mod staffing_cmd;
mod staffing_erlang_x;
mod staffing_plan;
mod survey_cmd;
mod survey_compare;
mod survey_input;

use std::ffi::OsString;
use std::io::{self, IsTerminal, Read, Write};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::error::CliError;
use crate::input::{Reading, Streams};
use crate::output::{Format, Report};

/// Customer-experience and contact-centre metrics from CSV files and the command line.
///
/// Reads files or standard input (`-`), writes a table for people or JSON/CSV for programs.
///
/// Dates and times are read on the local clock as written: dates `YYYY-MM-DD` (or the date of a
/// local timestamp), timestamps `YYYY-MM-DDTHH:MM[:SS]` (a space may replace the T). An offset
/// or zone (`Z`, `+01:00`, `[Europe/Paris]`) is refused alike: convert the export to local time
/// first, so that no day is cut at another zone's midnight. Negative values may follow their
/// option after a space or `=` (`--value -5`, `--value=-5`).
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
    /// Journeys: steps, variants, directly-follows counts, funnels and survey scores per step
    /// from an event log (cx-journey).
    #[command(
        after_help = "Examples:\n  cx journey log.csv --case case_id --time ts --step step --funnel Search,Basket,Pay\n  cx journey log.csv --survey answers.csv --metric nps\n  cx journey log.csv --graph mermaid"
    )]
    Journey(journey_cmd::JourneyArgs),
    /// Schedule: agents per shift and break slot from interval requirements, by integer
    /// programming, with coverage per interval (wfm-schedule).
    Schedule(schedule_cmd::ScheduleArgs),
    /// Simulate: call types routed to agent groups with overlapping skills, from a TOML
    /// configuration, with confidence intervals over replications (wfm-sim).
    Simulate(simulate_cmd::SimulateArgs),
}

/// The exit statuses `cx` uses: 0 success (also `--help` and `--version`), 1 bad input data or
/// a figure that cannot be computed from it, 2 a bad command line, 3 a file that cannot be read
/// or output that cannot be written.
#[doc(hidden)]
pub const EXIT_STATUSES: [i32; 4] = [0, 1, 2, 3];

/// The value names of options whose values are words (columns, files, names): every other
/// option value is a number, a duration, a scale or a band, which may start with `-`.
const WORD_VALUES: &[&str] = &[
    "NAME",
    "FILE",
    "COLUMN",
    "FIRST",
    "SECOND",
    "CHAR",
    "METHOD",
    "POLICY",
    "UNIT",
    "DAY,…",
    "DATE",
    "DATE,…",
    "MONTH",
    "HH:MM-HH:MM",
    "TYPE=DURATION",
];

/// The command tree, with negative values accepted after a space (`--value -5`, `--scale
/// -3..=3`) as well as after `=`: numbers anywhere, and any value starting with `-` for the
/// numeric options (a value that is not one is then refused by its parser, naming it).
fn command() -> clap::Command {
    fn numeric_values(cmd: clap::Command) -> clap::Command {
        cmd.allow_negative_numbers(true)
            .mut_args(|a| {
                let words = a
                    .get_value_names()
                    .is_some_and(|v| v.iter().any(|n| WORD_VALUES.contains(&n.as_str())));
                let numeric =
                    a.get_action().takes_values() && a.get_possible_values().is_empty() && !words;
                if numeric {
                    a.allow_hyphen_values(true)
                } else {
                    a
                }
            })
            .mut_subcommands(numeric_values)
    }
    numeric_values(Cli::command())
}

fn dispatch(cli: &Cli, reading: Reading<'_>) -> Result<Report, CliError> {
    match &cli.command {
        Command::Scale(c) => scale_cmd::run(c, reading),
        Command::Retention(c) => retention_cmd::run(c, reading),
        Command::Survey(c) => survey_cmd::run(c, reading),
        Command::Staffing(c) => staffing_cmd::run(c, reading),
        Command::Quality(c) => quality_cmd::run(c, reading),
        Command::Forecast(c) => forecast_cmd::run(c, reading),
        Command::Accuracy(c) => accuracy_cmd::run(c, reading),
        Command::Journey(c) => journey_cmd::run(c, reading),
        Command::Schedule(c) => schedule_cmd::run(c, reading),
        Command::Simulate(c) => simulate_cmd::run(c, reading),
    }
}

/// Runs `cx` in-process: `args` as on the command line (the first is the program's name),
/// with these standard streams; returns the exit status (one of [`EXIT_STATUSES`]). No
/// progress bar is drawn.
///
/// This is the entry point of the `cx` binary, exposed for tests and fuzzing; it is **not** a
/// stable API and may change in any release.
///
/// ```
/// let mut out = Vec::new();
/// let mut err = Vec::new();
/// let status = cx_cli::run(
///     ["cx", "survey", "nps", "--ppd", "70,10,20"],
///     &mut std::io::empty(),
///     &mut out,
///     &mut err,
/// );
/// assert_eq!(status, 0);
/// assert!(String::from_utf8(out).unwrap().contains("50"));
/// ```
#[doc(hidden)]
pub fn run<I, T>(
    args: I,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    run_with(args, stdin, stdout, stderr, false)
}

/// The `cx` binary: [`run`] on the process's own streams, with a progress bar when standard
/// error is a terminal. Not a stable API.
#[doc(hidden)]
pub fn main() -> ExitCode {
    let stdin = io::stdin();
    let mut stdin = stdin.lock();
    let stdout = io::stdout();
    let mut stdout = io::BufWriter::new(stdout.lock());
    let stderr = io::stderr();
    let terminal = stderr.is_terminal();
    let mut stderr = stderr.lock();
    let status = run_with(
        std::env::args_os(),
        &mut stdin,
        &mut stdout,
        &mut stderr,
        terminal,
    );
    ExitCode::from(u8::try_from(status).unwrap_or(1))
}

fn run_with<I, T>(
    args: I,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    terminal: bool,
) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    // The command tree is built (and, in debug builds, checked by clap) once per thread, then
    // reused by every run of that thread.
    thread_local! {
        static COMMAND: std::cell::RefCell<clap::Command> = std::cell::RefCell::new({
            let mut c = command();
            c.build();
            c
        });
    }
    let parsed = COMMAND
        .with_borrow_mut(|c| c.try_get_matches_from_mut(args))
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to standard output with status 0; usage errors to standard
            // error with status 2.
            let text = e.render().to_string();
            let written = if e.use_stderr() {
                stderr.write_all(text.as_bytes())
            } else {
                stdout
                    .write_all(text.as_bytes())
                    .and_then(|()| stdout.flush())
            };
            return match written {
                Err(w) if w.kind() != io::ErrorKind::BrokenPipe && !e.use_stderr() => 3,
                _ => e.exit_code(),
            };
        }
    };
    let streams = Streams::new(stdin, stderr);
    let reading = Reading {
        progress: terminal && !cli.quiet,
        delimiter: cli.delimiter,
        streams: &streams,
    };
    // The whole report is computed before anything is written: an error leaves no output that
    // could pass for a complete result.
    let report = match dispatch(&cli, reading) {
        Ok(r) => r,
        Err(e) => {
            streams.error(&e);
            return i32::from(e.exit_code());
        }
    };
    match report
        .write(cli.format, &mut *stdout)
        .and_then(|()| stdout.flush())
    {
        Ok(()) => 0,
        // A closed pipe (`cx … | head`) is the reader's choice, not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            let e = CliError::io("<stdout>", &e);
            streams.error(&e);
            i32::from(e.exit_code())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_tree_is_well_formed() {
        command().debug_assert();
    }
}
