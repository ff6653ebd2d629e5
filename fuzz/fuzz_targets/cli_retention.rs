//! Fuzzes cx retention: subscriptions, events, tenures and survivors read from standard input: the first byte picks a
//! command line, the rest is standard input.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "cli_common.rs"]
mod cli_common;

const COMMANDS: &[&[&str]] = &[
    &[
        "retention",
        "periods",
        "-",
        "--from",
        "2024-01-01",
        "--to",
        "2025-01-01",
    ],
    &[
        "--format",
        "json",
        "retention",
        "periods",
        "-",
        "--kind",
        "activity",
        "--from",
        "2024-01-01",
        "--to",
        "2024-07-01",
    ],
    &[
        "--format",
        "json",
        "retention",
        "cohorts",
        "-",
        "--from",
        "2024-01-01",
        "--to",
        "2024-07-01",
        "--metric",
        "nrr",
        "--kind",
        "activity",
    ],
    &[
        "retention",
        "cohorts",
        "-",
        "--from",
        "2024-01-01",
        "--to",
        "2025-01-01",
        "--period",
        "fiscal-quarter",
        "--fiscal-start",
        "apr",
    ],
    &["--format", "json", "retention", "km", "-"],
    &["retention", "km", "-", "--as-of", "2024-06-01"],
    &["--format", "json", "retention", "sbg", "--file", "-"],
    &[
        "retention",
        "sbg",
        "--file",
        "-",
        "--column",
        "survivors",
        "--horizon",
        "12",
    ],
];

fuzz_target!(|data: &[u8]| cli_common::run_family(COMMANDS, data));
