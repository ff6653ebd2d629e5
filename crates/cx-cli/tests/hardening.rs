//! Hardening: bounded work and output at the extremes, one rule per message (issue "Hardening").

#![allow(clippy::unwrap_used)]

mod common;

use common::{cx, json};

/// `ltr` answers: one good answer, then `bad` unreadable cells.
fn bad_answers(bad: usize) -> Vec<u8> {
    let mut s = String::with_capacity(8 + 2 * bad);
    s.push_str("ltr\n10\n");
    for _ in 0..bad {
        s.push_str("x\n");
    }
    s.into_bytes()
}

#[test]
fn a_million_skipped_cells_list_the_first_hundred_and_count_the_rest() {
    let out = cx()
        .args(["--format", "json", "survey", "nps", "-", "--column", "ltr"])
        .arg("--skip-invalid")
        .write_stdin(bad_answers(1_000_000))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // 100 warnings and one summary line, not a million.
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.matches("cx: warning: skipped").count(), 100, "{err}");
    assert!(
        err.contains("999900 more cells skipped and not listed (1000000 in all"),
        "{err}"
    );
    assert!(err.len() < 20_000, "{} bytes of warnings", err.len());
    assert!(
        out.stdout.len() < 50_000,
        "{} bytes of output",
        out.stdout.len()
    );
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["skipped"], 1_000_000);
    assert_eq!(j["skipped_unlisted"], 999_900);
    let cells = j["skipped_cells"].as_array().unwrap();
    assert_eq!(cells.len(), 100);
    // Positions: the header is line 1, the good answer line 2, the first bad cell line 3.
    assert_eq!(cells[0]["line"], 3);
    assert_eq!(cells[0]["column"], "ltr");
    assert_eq!(cells[99]["line"], 102);
}

#[test]
fn list_skipped_changes_how_many_are_listed_within_its_bound() {
    let out = cx()
        .args(["--format", "json", "survey", "nps", "-", "--column", "ltr"])
        .args(["--skip-invalid", "--list-skipped", "3"])
        .write_stdin(bad_answers(10))
        .output()
        .unwrap();
    assert!(out.status.success());
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["skipped"], 10);
    assert_eq!(j["skipped_unlisted"], 7);
    assert_eq!(j["skipped_cells"].as_array().unwrap().len(), 3);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.matches("cx: warning: skipped").count(), 3, "{err}");

    let out = cx()
        .args(["survey", "nps", "-", "--column", "ltr", "--skip-invalid"])
        .args(["--list-skipped", "10001"])
        .write_stdin(bad_answers(1))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("from 0 to 10000, found \"10001\""), "{err}");
}

#[test]
fn a_huge_skipped_cell_is_listed_shortened() {
    let mut input = b"ltr\n10\n".to_vec();
    input.extend(std::iter::repeat_n(b'y', 1_000_000));
    input.push(b'\n');
    let out = cx()
        .args(["--format", "json", "survey", "nps", "-", "--column", "ltr"])
        .arg("--skip-invalid")
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.len() < 5_000, "{} bytes", out.stdout.len());
    assert!(out.stderr.len() < 5_000, "{} bytes", out.stderr.len());
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let value = j["skipped_cells"][0]["value"].as_str().unwrap();
    assert_eq!(value.chars().count(), 201);
    assert!(value.ends_with('…'));
}

#[test]
fn erlang_c_with_only_a_full_occupancy_ceiling_answers_the_whole_agents() {
    let j = json(&[
        "staffing",
        "erlang-c",
        "--erlangs",
        "10",
        "--aht",
        "180s",
        "--max-occupancy",
        "100%",
    ]);
    // The fewest whole number of agents above a load of 10 Erlangs (the library's answer).
    assert_eq!(j["required_agents"], 11);
    assert!(j["fractional_agents"].is_null());
}

/// Runs `cx ARGS…` with `stdin`; returns the status code and standard error.
fn fails(args: &[&str], stdin: &str) -> (i32, String) {
    let out = cx().args(args).write_stdin(stdin).output().unwrap();
    assert!(!out.status.success(), "cx {args:?} succeeded");
    assert!(out.stdout.is_empty(), "cx {args:?} wrote output");
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn numbers_in_messages_are_short_and_round_trip() {
    // 1e-300 % was written with three hundred digits by the library's `{}`.
    let (code, err) = fails(
        &[
            "staffing",
            "erlang-c",
            "--erlangs",
            "10",
            "--aht",
            "3m",
            "--max-occupancy",
            "1e-300%",
        ],
        "",
    );
    assert_eq!(code, 1);
    assert!(err.contains("occupancy <= 1e-302"), "{err}");
    assert!(err.len() < 200, "{err}");
    // 33.33333 % was 33.33333 / 100 = 0.33333329999999994.
    let (_, err) = fails(
        &[
            "staffing",
            "plan",
            "-",
            "--interval",
            "30m",
            "--sl",
            "80%/20s",
            "--aht",
            "3m",
            "--shrinkage",
            "33.33333%",
        ],
        "start,calls\n08:00,100\n",
    );
    assert!(err.contains("shrinkage of 0.3333333 is"), "{err}");
    assert!(!err.contains("0.33333329999999994"), "{err}");
}

#[test]
fn negative_values_follow_their_option_after_a_space() {
    // Refused by the option's own rule, not as an unknown argument '-5'.
    let (code, err) = fails(&["survey", "nps", "--ppd", "70,10,20", "--level", "-5"], "");
    assert_eq!(code, 2);
    assert!(
        err.contains("confidence level -5 must be strictly between 0 and 1"),
        "{err}"
    );
    let (code, err) = fails(
        &[
            "staffing",
            "erlang-c",
            "--erlangs",
            "-5",
            "--aht",
            "3m",
            "--sl",
            "80%/20s",
        ],
        "",
    );
    assert_eq!(code, 1);
    assert!(err.contains("offered load of -5 Erlangs"), "{err}");
    let (_, err) = fails(
        &[
            "staffing",
            "erlang-c",
            "--erlangs",
            "10",
            "--aht",
            "-3m",
            "--sl",
            "80%/20s",
        ],
        "",
    );
    assert!(!err.contains("unexpected argument"), "{err}");
    // Scales and values below zero, after a space.
    let j = json(&[
        "scale", "convert", "--from", "-3..=3", "--to", "1..=7", "-3/2", "-2",
    ]);
    assert_eq!(j["values"][0]["exact"], "5/2");
    assert_eq!(j["values"][1]["exact"], "2");
}

#[test]
fn a_column_named_twice_is_refused_by_every_csv_family() {
    let dup = "a,b,a\n1,2,3\n";
    let lines: &[&[&str]] = &[
        &["survey", "nps", "-", "--column", "b"],
        &[
            "scale",
            "distribution",
            "-",
            "--scale",
            "1..=5",
            "--column",
            "b",
            "--to",
            "1..=7",
        ],
        &[
            "retention",
            "periods",
            "-",
            "--from",
            "2024-01-01",
            "--to",
            "2024-02-01",
        ],
        &["retention", "km", "-"],
        &["retention", "sbg", "--file", "-"],
        &["quality", "agreement", "-", "--first", "a", "--second", "b"],
        &["accuracy", "measures", "-"],
        &["accuracy", "actuals", "-", "--interval", "1h"],
        &["forecast", "-", "--interval", "1h", "--horizon", "1d"],
        &[
            "staffing",
            "plan",
            "-",
            "--interval",
            "30m",
            "--sl",
            "80%/20s",
            "--aht",
            "3m",
        ],
    ];
    for args in lines {
        let (code, err) = fails(args, dup);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(
            err.contains("<stdin>: column 'a' appears twice in the header row, as columns 1 and 3"),
            "{args:?}: {err}"
        );
    }
    let scorecard = common::fixture("scorecard.csv");
    let (_, err) = fails(
        &["quality", "score", "-", "--scorecard", &scorecard],
        "greeting,x,greeting\n",
    );
    assert!(err.contains("column 'greeting' appears twice"), "{err}");
}

#[test]
fn repeated_list_items_are_refused() {
    let input = "channel,ltr\nchat,10\nphone,0\n";
    let (code, err) = fails(
        &[
            "survey",
            "nps",
            "-",
            "--column",
            "ltr",
            "--by",
            "channel",
            "--compare",
            "chat",
            "chat",
        ],
        input,
    );
    assert_eq!(code, 2);
    assert!(err.contains("--compare: both groups are 'chat'"), "{err}");
    let (_, err) = fails(
        &[
            "survey", "nps", "-", "--column", "ltr", "--by", "channel", "--by", "channel",
        ],
        input,
    );
    assert!(err.contains("--by: 'channel' is given twice"), "{err}");
    let (_, err) = fails(
        &[
            "staffing",
            "erlang-c",
            "--erlangs",
            "10",
            "--aht",
            "3m",
            "--agents",
            "12,13,12",
        ],
        "",
    );
    assert!(err.contains("--agents: '12' is given twice"), "{err}");
    let (_, err) = fails(
        &[
            "staffing",
            "erlang-b",
            "--erlangs",
            "10",
            "--lines",
            "15,15",
        ],
        "",
    );
    assert!(err.contains("--lines: '15' is given twice"), "{err}");
    let (_, err) = fails(
        &[
            "accuracy",
            "actuals",
            "-",
            "--interval",
            "1h",
            "--percentiles",
            "50%,90%,50%",
        ],
        "arrival,outcome,wait_seconds,handle_seconds\n",
    );
    assert!(err.contains("--percentiles: '50%' is given twice"), "{err}");
    let (_, err) = fails(
        &[
            "forecast",
            "-",
            "--interval",
            "24h",
            "--horizon",
            "7d",
            "--closed-weekdays",
            "sun,Sun",
        ],
        "start,calls\n2026-11-02,1\n",
    );
    assert!(
        err.contains("--closed-weekdays: 'Sun' is given twice"),
        "{err}"
    );
}

#[test]
fn an_offset_is_refused_alike_whether_z_or_numeric_in_every_date_and_time() {
    for stamp in [
        "2024-01-01T00:00Z",
        "2024-01-01T00:00+01:00",
        "2024-01-01T00:00:00-05:00[America/New_York]",
    ] {
        let (code, err) = fails(
            &[
                "retention",
                "periods",
                "-",
                "--from",
                "2024-01-01",
                "--to",
                "2024-03-01",
            ],
            &format!("customer,start,end\n1,{stamp},\n"),
        );
        assert_eq!(code, 1);
        assert!(err.contains("without offset or zone"), "{stamp}: {err}");
        let (_, err) = fails(
            &["survey", "nps", "-", "--column", "ltr", "--period", "month"],
            &format!("date,ltr\n{stamp},10\n"),
        );
        assert!(err.contains("without offset or zone"), "{stamp}: {err}");
        let (_, err) = fails(
            &["forecast", "-", "--interval", "1h", "--horizon", "1d"],
            &format!("start,calls\n{stamp},10\n"),
        );
        assert!(err.contains("without offset or zone"), "{stamp}: {err}");
        let (code, err) = fails(
            &[
                "retention",
                "periods",
                "-",
                "--from",
                stamp,
                "--to",
                "2024-03-01",
            ],
            "customer,start,end\n",
        );
        assert_eq!(code, 2);
        assert!(err.contains("without offset or zone"), "{stamp}: {err}");
    }
    // A local date and time without offset counts on its own date.
    let out = cx()
        .args([
            "--format",
            "json",
            "retention",
            "periods",
            "-",
            "--from",
            "2024-01-01",
            "--to",
            "2024-03-01",
        ])
        .write_stdin("customer,start,end\n1,2024-01-01T23:30,\n")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The rule is in --help.
    let help = cx().arg("--help").output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(
        help.contains("An offset\nor zone (`Z`, `+01:00`, `[Europe/Paris]`) is refused alike")
            || help.contains("is refused alike"),
        "{help}"
    );
}

#[test]
fn the_extreme_sizes_of_the_hardening_review_get_clear_errors() {
    let daily = common::fixture("daily_history.csv");
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &[
                "forecast",
                &daily,
                "--interval",
                "1s",
                "--model",
                "seasonal-naive",
                "--season",
                "2s",
                "--horizon",
                "9223372036854775807s",
            ],
            2,
            "--horizon: expected at most 1000000 intervals of 1 s, found 9223372036854775807",
        ),
        (
            &[
                "forecast",
                &daily,
                "--interval",
                "24h",
                "--horizon",
                "100000000000d",
            ],
            2,
            "--horizon: expected at most 1000000 intervals",
        ),
        (
            &[
                "forecast",
                &daily,
                "--interval",
                "24h",
                "--horizon",
                "1000000000d",
            ],
            2,
            "--horizon: expected at most 1000000 intervals",
        ),
        (
            &[
                "forecast",
                &daily,
                "--interval",
                "24h",
                "--horizon",
                "7d",
                "--season",
                "213503982334601w",
            ],
            2,
            "expected a span with its unit",
        ),
        (
            &[
                "forecast",
                &daily,
                "--interval",
                "24h",
                "--horizon",
                "7d",
                "--backtest",
                "100000000w",
            ],
            2,
            "--backtest: expected at most 10000000 intervals",
        ),
        (
            &[
                "retention",
                "sbg",
                "--survivors",
                "1000,631,468,382",
                "--horizon",
                "4294967295",
            ],
            2,
            "--horizon: expected a period from 0 to 1000000, found 4294967295",
        ),
        (
            &[
                "retention",
                "sbg",
                "--survivors",
                "1000,631,468,382",
                "--horizon",
                "4294967296",
            ],
            2,
            "4294967296",
        ),
        (
            &[
                "accuracy",
                "measures",
                &common::fixture("accuracy_daily.csv"),
                "--training",
                &common::fixture("accuracy_training.csv"),
                "--season",
                "18446744073709551615",
            ],
            1,
            "--season 18446744073709551615 needs more than 18446744073709551615 training values",
        ),
        (
            &[
                "staffing",
                "erlang-c",
                "--erlangs",
                "10",
                "--aht",
                "1e400s",
                "--sl",
                "80%/20s",
            ],
            2,
            "--aht",
        ),
        (
            &[
                "survey",
                "csat",
                "--counts",
                "1,2",
                "--scale",
                "1..=9223372036854775808",
            ],
            2,
            "--scale",
        ),
        (
            &[
                "survey",
                "nps",
                "--ppd",
                "18446744073709551615,18446744073709551615,1",
            ],
            2,
            "--ppd: counts overflow a 64-bit total",
        ),
    ];
    for (args, code, message) in cases {
        let out = cx().args(*args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(*code),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(message), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn contact_records_spanning_decades_are_refused_before_the_table_is_built() {
    // Two records 57 years apart are a million 30-minute intervals: the zero-filled table
    // took seconds and half a gigabyte (found by fuzzing); now a bounded error at once.
    let (code, err) = fails(
        &["accuracy", "actuals", "-", "--interval", "30m"],
        "arrival,outcome,wait_seconds,handle_seconds\n1970-01-01T00:00,answered,10,200\n2026-12-31T00:00,answered,10,200\n",
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("intervals of 1800 s, more than the 500000 one table holds"),
        "{err}"
    );
}

#[test]
fn help_texts_speak_the_users_language() {
    let commands: &[&[&str]] = &[
        &[],
        &["scale"],
        &["scale", "benchmark"],
        &["retention"],
        &["retention", "counts"],
        &["survey"],
        &["staffing"],
        &["quality"],
        &["quality", "sample-size"],
        &["forecast"],
        &["accuracy"],
    ];
    for c in commands {
        let out = cx().args(*c).arg("--help").output().unwrap();
        let help = String::from_utf8(out.stdout).unwrap().to_lowercase();
        for word in [
            "seed 0",
            "source document",
            "the issue",
            "workload",
            "shared/",
            "domain.md",
            "/work/",
        ] {
            assert!(!help.contains(word), "cx {c:?} --help says {word:?}");
        }
    }
}

#[test]
fn the_library_entry_point_runs_in_process_on_given_streams() {
    let mut input: &[u8] = b"ltr\n10\n9\n0\nx\n";
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = cx_cli::run(
        [
            "cx",
            "--format",
            "json",
            "survey",
            "nps",
            "-",
            "--column",
            "ltr",
            "--skip-invalid",
        ],
        &mut input,
        &mut out,
        &mut err,
    );
    assert_eq!(status, 0);
    let j: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(j["scores"][0]["n"], 3);
    assert_eq!(j["skipped"], 1);
    let err = String::from_utf8(err).unwrap();
    assert!(
        err.starts_with("cx: warning: skipped <stdin>, line 5, column 'ltr'"),
        "{err}"
    );
    // Usage errors and help take clap's statuses and streams.
    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(
        cx_cli::run(["cx", "--nope"], &mut std::io::empty(), &mut out, &mut err),
        2
    );
    assert!(out.is_empty() && !err.is_empty());
    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(
        cx_cli::run(["cx", "--help"], &mut std::io::empty(), &mut out, &mut err),
        0
    );
    assert!(!out.is_empty() && err.is_empty());
    // Standard input is read by one input only.
    let mut input: &[u8] = b"ltr\n10\n";
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = cx_cli::run(
        [
            "cx",
            "survey",
            "nps",
            "-",
            "--column",
            "ltr",
            "--against",
            "-",
        ],
        &mut input,
        &mut out,
        &mut err,
    );
    assert_eq!(status, 2);
    assert!(
        String::from_utf8(err)
            .unwrap()
            .contains("standard input ('-') can be read by one input only")
    );
}
