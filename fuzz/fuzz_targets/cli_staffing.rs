//! Fuzzes cx staffing plan: an interval forecast read from standard input: the first byte picks a
//! command line, the rest is standard input.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "cli_common.rs"]
mod cli_common;

const COMMANDS: &[&[&str]] = &[
    &[
        "staffing",
        "plan",
        "-",
        "--interval",
        "30m",
        "--sl",
        "80%/20s",
    ],
    &[
        "--format",
        "json",
        "staffing",
        "plan",
        "-",
        "--interval",
        "30m",
        "--sl",
        "80%/20s",
        "--aht-column",
        "aht_seconds",
        "--aht-unit",
        "s",
        "--shrinkage",
        "30%",
    ],
    &[
        "--format",
        "json",
        "staffing",
        "plan",
        "-",
        "--interval",
        "1h",
        "--asa",
        "30s",
        "--aht",
        "4m",
        "--max-occupancy",
        "85%",
    ],
    &[
        "staffing",
        "plan",
        "-",
        "--interval",
        "30m",
        "--sl",
        "80%/20s",
        "--patience",
        "2m",
        "--max-abandon",
        "5%",
        "--aht-column",
        "aht_seconds",
        "--aht-unit",
        "s",
    ],
];

fuzz_target!(|data: &[u8]| cli_common::run_family(COMMANDS, data));
