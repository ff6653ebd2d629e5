//! Fuzzes cx forecast: a history read from standard input: the first byte picks a
//! command line, the rest is standard input.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "cli_common.rs"]
mod cli_common;

const COMMANDS: &[&[&str]] = &[
    &[
        "forecast",
        "-",
        "--interval",
        "24h",
        "--horizon",
        "7d",
        "--model",
        "seasonal-naive",
        "--season",
        "1w",
    ],
    &[
        "--format",
        "json",
        "forecast",
        "-",
        "--interval",
        "24h",
        "--horizon",
        "14d",
    ],
    &[
        "--format",
        "json",
        "forecast",
        "-",
        "--interval",
        "1h",
        "--horizon",
        "1d",
        "--model",
        "day-profile",
        "--level",
        "80%",
    ],
    &[
        "forecast",
        "-",
        "--interval",
        "1h",
        "--horizon",
        "1d",
        "--model",
        "seasonal-naive",
        "--season",
        "1d",
        "--open",
        "08:00-20:00",
        "--closed-weekdays",
        "sun",
    ],
    &[
        "--format",
        "json",
        "forecast",
        "-",
        "--interval",
        "24h",
        "--horizon",
        "7d",
        "--backtest",
        "2w",
        "--model",
        "seasonal-naive",
    ],
];

fuzz_target!(|data: &[u8]| cli_common::run_family(COMMANDS, data));
