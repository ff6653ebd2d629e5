//! Fuzzes cx accuracy: forecasts with actuals, and contact records, read from standard input: the first byte picks a
//! command line, the rest is standard input.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "cli_common.rs"]
mod cli_common;

const COMMANDS: &[&[&str]] = &[
    &["accuracy", "measures", "-"],
    &[
        "--format",
        "json",
        "accuracy",
        "measures",
        "-",
        "--period-column",
        "week",
        "--zero-actuals",
        "drop",
    ],
    &[
        "--format",
        "json",
        "accuracy",
        "measures",
        "-",
        "--lower-column",
        "lower",
        "--upper-column",
        "upper",
        "--level",
        "80%",
    ],
    &["accuracy", "measures", "-", "--relative-to", "forecast"],
    &["accuracy", "actuals", "-", "--interval", "30m"],
    &[
        "--format",
        "json",
        "accuracy",
        "actuals",
        "-",
        "--interval",
        "1h",
        "--percentiles",
        "50%,90%,99%",
    ],
    &[
        "--format",
        "json",
        "accuracy",
        "actuals",
        "-",
        "--interval",
        "24h",
        "--first-reaction-deadline",
        "b2c=1m",
        "--resolution-deadline",
        "b2b=4h",
    ],
];

fuzz_target!(|data: &[u8]| cli_common::run_family(COMMANDS, data));
