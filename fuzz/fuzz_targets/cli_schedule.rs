//! Fuzzes cx schedule: interval requirements read from standard input against the example
//! shift templates: the first byte picks a command line, the rest is standard input.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "cli_common.rs"]
mod cli_common;

const SHIFTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/shifts.toml");

const COMMANDS: &[&[&str]] = &[
    &[
        "schedule",
        "-",
        "--shifts",
        SHIFTS,
        "--interval",
        "30m",
        "--time-limit",
        "1s",
    ],
    &[
        "--format",
        "json",
        "schedule",
        "-",
        "--shifts",
        SHIFTS,
        "--interval",
        "30m",
        "--time-limit",
        "1s",
        "--gap",
        "1%",
        "--aht",
        "4m",
        "--volume-column",
        "calls",
    ],
    &[
        "--format",
        "json",
        "schedule",
        "-",
        "--shifts",
        SHIFTS,
        "--interval",
        "30m",
        "--time-limit",
        "1s",
        "--objective",
        "deviation",
        "--max-shifts",
        "5",
        "--over-weight",
        "0.5",
    ],
    &[
        "--format",
        "csv",
        "schedule",
        "-",
        "--shifts",
        SHIFTS,
        "--interval",
        "30m",
        "--time-limit",
        "1s",
        "--cyclic",
    ],
];

fuzz_target!(|data: &[u8]| cli_common::run_family(COMMANDS, data));
