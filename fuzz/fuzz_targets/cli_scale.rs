//! Fuzzes cx scale: answers or a distribution read from standard input: the first byte picks a
//! command line, the rest is standard input.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "cli_common.rs"]
mod cli_common;

const COMMANDS: &[&[&str]] = &[
    &["scale", "distribution", "-", "--scale", "1..=5", "--column", "satisfaction", "--to", "0..=10"],
    &["--format", "json", "scale", "distribution", "-", "--scale", "1..=5", "--column", "satisfaction", "--to", "1..=10", "--tolerance", "0.1"],
    &["--format", "json", "scale", "distribution", "-", "--scale", "1..=7", "--column", "effort", "--labels", "ces", "--to", "1..=5"],
    &["scale", "distribution", "-", "--scale", "1..=10", "--to", "1..=7", "--method", "point-shares"],
    &["--format", "json", "scale", "benchmark", "-", "--scale", "1..=10", "--benchmark-scale", "1..=7", "--band", "5..=7", "--at-least", "75", "--policy", "all"],
    &["--format", "csv", "scale", "benchmark", "-", "--scale", "1..=10", "--column", "satisfaction", "--benchmark-scale", "1-7", "--band", "top3", "--at-least", "75"],
    &["--delimiter", ";", "scale", "distribution", "-", "--scale", "1..=10", "--to", "1..=7"],
];

fuzz_target!(|data: &[u8]| cli_common::run_family(COMMANDS, data));
