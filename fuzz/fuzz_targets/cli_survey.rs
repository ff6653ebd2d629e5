//! Fuzzes cx survey: answers read from standard input, with and without --skip-invalid: the first byte picks a
//! command line, the rest is standard input.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "cli_common.rs"]
mod cli_common;

const COMMANDS: &[&[&str]] = &[
    &["survey", "nps", "-", "--column", "ltr"],
    &["--format", "json", "survey", "nps", "-", "--column", "ltr", "--by", "channel", "--skip-invalid"],
    &["--format", "json", "survey", "nps", "-", "--column", "ltr", "--period", "month", "--skip-invalid", "--list-skipped", "3"],
    &["survey", "csat", "-", "--column", "satisfaction", "--scale", "1..=5", "--top-box", "2", "--by", "channel"],
    &["--format", "json", "survey", "csat", "-", "--column", "satisfaction", "--scale", "1..=5", "--top-box", "2", "--method", "clopper-pearson", "--skip-invalid"],
    &["survey", "ces", "-", "--column", "effort", "--labels", "ces", "--skip-invalid"],
    &["--format", "json", "survey", "csi", "-", "--column", "satisfaction", "--scale", "1..=5", "--skip-invalid"],
    &["--format", "json", "survey", "nps", "-", "--column", "ltr", "--weight-column", "weight", "--skip-invalid"],
    &["survey", "nps", "-", "--column", "ltr", "--by", "channel", "--compare", "phone", "chat", "--skip-invalid"],
    &["--format", "csv", "survey", "cdsat", "-", "--column", "satisfaction", "--scale", "1..=5", "--skip-invalid"],
];

fuzz_target!(|data: &[u8]| cli_common::run_family(COMMANDS, data));
