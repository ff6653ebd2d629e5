//! Fuzzes cx quality: evaluations read from standard input: the first byte picks a
//! command line, the rest is standard input.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "cli_common.rs"]
mod cli_common;

/// A fixed scorecard (standard input holds the evaluations).
const SCORECARD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../crates/cx-cli/tests/fixtures/scorecard.csv"
);

const COMMANDS: &[&[&str]] = &[
    &[
        "quality",
        "agreement",
        "-",
        "--first",
        "anna",
        "--second",
        "boris",
    ],
    &[
        "--format",
        "json",
        "quality",
        "agreement",
        "-",
        "--first",
        "anna",
        "--second",
        "boris",
    ],
    &["quality", "score", "-", "--scorecard", SCORECARD],
];

fuzz_target!(|data: &[u8]| cli_common::run_family(COMMANDS, data));
