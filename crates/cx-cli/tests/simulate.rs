//! End-to-end tests of `cx simulate`: a TOML configuration simulated, checked against Erlang C,
//! for reproducibility, and for every class of bad input.

#![allow(clippy::unwrap_used)]

mod common;

use common::{cx, fixture, json, table};
use predicates::prelude::*;

fn example() -> String {
    format!(
        "{}/../../examples/data/simulate_n_design.toml",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// One type, one group, nobody abandons: M/M/14 at 10 Erlangs. Erlang C gives a service level
/// of 0.888350019179 (80/20) and an ASA of 7.8359 s (the same figures as
/// `cx staffing erlang-c --volume 100 --interval 30m --aht 3m --agents 14 --within 20s`,
/// checked in tests/staffing.rs against the textbook example). Both must lie within the
/// simulation's 99 % intervals.
#[test]
fn a_single_queue_agrees_with_erlang_c_within_its_interval() {
    let cfg = fixture("simulate_erlang_c.toml");
    let j = json(&[
        "simulate",
        &cfg,
        "--replications",
        "40",
        "--seed",
        "2026",
        "--level",
        "99%",
    ]);
    let erlang_c = json(&[
        "staffing",
        "erlang-c",
        "--volume",
        "100",
        "--interval",
        "30m",
        "--aht",
        "3m",
        "--agents",
        "14",
        "--within",
        "20s",
    ]);
    let ec = &erlang_c["agents"][0];
    let row = &j["call_types"][0];
    assert_eq!(row["call_type"], "calls");
    for (sim, exact) in [
        ("service_level", "service_level"),
        ("asa_seconds", "asa_seconds"),
    ] {
        let m = row[sim].as_f64().unwrap();
        let h = row[format!("{sim}_half_width")].as_f64().unwrap();
        let e = ec[exact].as_f64().unwrap();
        assert!(h > 0.0 && h < 0.2 * m, "{sim}: half-width {h}");
        assert!((m - e).abs() <= h, "{sim}: {m} ± {h} misses Erlang C's {e}");
    }
    // Occupancy: 10 Erlangs over 14 agents.
    let occ = &j["groups"][0];
    let (m, h) = (
        occ["occupancy"].as_f64().unwrap(),
        occ["occupancy_half_width"].as_f64().unwrap(),
    );
    assert!((m - 10.0 / 14.0).abs() <= h, "occupancy {m} ± {h}");
    assert_eq!(row["abandoned"], 0);
    let (o, a, w) = (
        row["offered"].as_u64().unwrap(),
        row["answered"].as_u64().unwrap(),
        row["waiting_at_end"].as_u64().unwrap(),
    );
    assert_eq!(o, a + w);
    // 18 intervals after the warm-up × 100 calls × 40 replications, within a few percent.
    assert!((o as f64 - 72_000.0).abs() < 2_000.0, "offered {o}");
    assert_eq!(j["replications"], 40);
    assert_eq!(j["seed"], 2026);
    assert_eq!(j["level"], 0.99);
}

#[test]
fn a_seed_gives_the_same_report_in_every_format_and_for_any_number_of_threads() {
    let cfg = example();
    for format in ["table", "json", "csv"] {
        let run = |seed: &str, threads: &str| {
            let out = cx()
                .args(["--format", format, "simulate", &cfg, "--per-interval"])
                .args(["--seed", seed, "--threads", threads])
                .output()
                .unwrap();
            assert!(out.status.success());
            out.stdout
        };
        let a = run("7", "1");
        assert_eq!(a, run("7", "1"), "{format}");
        assert_eq!(a, run("7", "3"), "{format} with 3 threads");
        assert_ne!(a, run("8", "1"), "{format} with another seed");
    }
}

#[test]
fn json_output_parses_and_holds_every_table() {
    let j = json(&["simulate", &example(), "--per-interval", "--seed", "3"]);
    let types = j["call_types"].as_array().unwrap();
    assert_eq!(types.len(), 2);
    assert_eq!(types[1]["call_type"], "service");
    for t in types {
        let o = t["offered"].as_u64().unwrap();
        let sum = t["answered"].as_u64().unwrap()
            + t["abandoned"].as_u64().unwrap()
            + t["waiting_at_end"].as_u64().unwrap();
        assert_eq!(o, sum);
        let sl = t["service_level"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&sl));
    }
    assert_eq!(j["groups"].as_array().unwrap().len(), 2);
    // 2 types × 4 intervals, 2 groups × 4 intervals.
    assert_eq!(j["call_type_intervals"].as_array().unwrap().len(), 8);
    assert_eq!(j["call_type_intervals"][1]["start"], "00:30");
    assert_eq!(j["group_intervals"].as_array().unwrap().len(), 8);
    // Per interval, the offered calls add up to the day's (no warm-up here).
    let per: u64 = j["call_type_intervals"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["call_type"] == "sales")
        .map(|r| r["offered"].as_u64().unwrap())
        .sum();
    assert_eq!(per, types[0]["offered"].as_u64().unwrap());
    // Without --per-interval there are no per-interval tables.
    let j = json(&["simulate", &example()]);
    assert!(j.get("call_type_intervals").is_none() && j["intervals"] == 4);
}

#[test]
fn the_table_shows_intervals_with_their_half_widths_and_the_csv_the_main_table() {
    let t = table(&["simulate", &example(), "--replications", "5"]);
    assert!(t.contains("service level"), "{t}");
    assert!(
        predicate::str::is_match(r"sales\s+\d+\s+\d+\s+\d+\s+\d+\.\d % ± \d+\.\d")
            .unwrap()
            .eval(&t),
        "{t}"
    );
    assert!(t.contains("service team"), "{t}");
    let out = cx()
        .args([
            "--format",
            "csv",
            "simulate",
            &example(),
            "--replications",
            "5",
        ])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("call_type,offered,answered,abandoned,waiting_at_end,"));
    assert_eq!(csv.lines().count(), 3);
}

fn fails(args: &[&str], status: i32, message: &str) {
    cx().args(args)
        .assert()
        .code(status)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::starts_with("cx: error: ").and(predicate::str::contains(message)));
}

#[test]
fn a_missing_file_is_an_io_error() {
    fails(
        &["simulate", "no_such_config.toml"],
        3,
        "no_such_config.toml",
    );
}

#[test]
fn bad_toml_names_its_line() {
    fails(
        &["simulate", &fixture("simulate_bad_syntax.toml")],
        1,
        "simulate_bad_syntax.toml: line 2",
    );
}

#[test]
fn an_unknown_key_is_named_with_its_table() {
    fails(
        &["simulate", &fixture("simulate_unknown_key.toml")],
        1,
        "line 13, key 'answer_within_secs' in [[call_types]] number 2: unknown field `answer_within_secs`",
    );
}

#[test]
fn a_mistyped_or_missing_key_is_named() {
    fails(
        &["simulate", &fixture("simulate_bad_type.toml")],
        1,
        "line 1, key 'interval_seconds': invalid type: string \"30 minutes\"",
    );
    fails(
        &["simulate", &fixture("simulate_bad_handle_kind.toml")],
        1,
        "key 'kind' in [[call_types]] number 1: unknown variant `gamma`",
    );
    fails(
        &["simulate", &fixture("simulate_missing_key.toml")],
        1,
        "missing field `handle_time`",
    );
}

#[test]
fn sizes_out_of_bounds_are_refused_before_simulating() {
    fails(
        &["simulate", &fixture("simulate_too_many_agents.toml")],
        1,
        "is 100001, outside the valid range 0..=100000",
    );
    fails(
        &["simulate", &fixture("simulate_length_mismatch.toml")],
        1,
        "has 1 entries; the day has 2 intervals",
    );
    let cfg = example();
    fails(
        &["simulate", &cfg, "--replications", "0"],
        2,
        "--replications is 0, outside the valid range 1..=100000",
    );
    fails(
        &["simulate", &cfg, "--replications", "100001"],
        2,
        "--replications is 100001",
    );
    fails(
        &["simulate", &cfg, "--threads", "0"],
        2,
        "--threads is 0, outside the valid range 1..=256",
    );
    fails(
        &["simulate", &cfg, "--threads", "257"],
        2,
        "--threads is 257",
    );
}

#[test]
fn bad_option_values_are_usage_errors() {
    let cfg = example();
    for (option, value) in [
        ("--level", "40%"),
        ("--level", "100%"),
        ("--level", "ninety"),
        ("--replications", "-3"),
        ("--seed", "x"),
    ] {
        cx().args(["simulate", &cfg, option, value])
            .assert()
            .code(2)
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains(option));
    }
}

#[test]
fn staffing_meets_every_target_and_is_reproducible() {
    let cfg = example();
    let args = [
        "simulate",
        cfg.as_str(),
        "--staff",
        "--target",
        "sales=80%,service=70%",
        "--replications",
        "5",
        "--seed",
        "11",
    ];
    let j = json(&args);
    assert_eq!(j["converged"], true);
    let rows = j["staffing"].as_array().unwrap();
    assert_eq!(rows.len(), 8);
    let total: u64 = rows.iter().map(|r| r["agents"].as_u64().unwrap()).sum();
    assert_eq!(j["total_agent_intervals"], total);
    for r in j["service_levels"].as_array().unwrap() {
        let (sl, t) = (
            r["service_level"].as_f64().unwrap(),
            r["target"].as_f64().unwrap(),
        );
        assert!(sl >= t, "{r}");
        let want = if r["call_type"] == "sales" { 0.8 } else { 0.7 };
        assert_eq!(t, want);
    }
    assert_eq!(j, json(&args), "the same seed gives the same staffing");
}

#[test]
fn staffing_targets_are_checked() {
    let cfg = example();
    for (target, message) in [
        ("sales=80%", "no target for call type 'service'"),
        (
            "sales=80%,billing=80%",
            "'billing', which is not a call type",
        ),
        ("100%", "--target is 100%, outside the valid range"),
        ("80", "expected a percentage"),
        ("sales=80%,sales=70%", "'sales' twice"),
    ] {
        fails(
            &["simulate", &cfg, "--staff", "--target", target],
            2,
            message,
        );
    }
    // --staff needs targets, and targets need --staff.
    cx().args(["simulate", &cfg, "--staff"]).assert().code(2);
    cx().args(["simulate", &cfg, "--target", "80%"])
        .assert()
        .code(2);
}

/// Every damaged configuration (cut short, a multibyte character or a quote inserted at each
/// position) ends in a report or a one-line `cx: error:` with a documented status: never a
/// panic. Run in-process on a small day with one replication.
#[test]
fn damaged_configurations_give_errors_never_panics() {
    let text = std::fs::read_to_string(example()).unwrap();
    let dir = std::env::temp_dir().join(format!("cx-simulate-damaged-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("damaged.toml");
    let path_str = path.to_str().unwrap().to_owned();
    let mut variants = Vec::new();
    for (i, _) in text.char_indices().step_by(5) {
        variants.push(text[..i].to_owned());
        for insert in ["é", "→", "\""] {
            variants.push(format!("{}{insert}{}", &text[..i], &text[i..]));
        }
    }
    for v in &variants {
        std::fs::write(&path, v).unwrap();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let status = cx_cli::run(
            [
                "cx",
                "--quiet",
                "simulate",
                &path_str,
                "--replications",
                "1",
            ],
            &mut std::io::empty(),
            &mut out,
            &mut err,
        );
        let err = String::from_utf8(err).unwrap();
        match status {
            0 => assert!(err.is_empty() && !out.is_empty()),
            1 => {
                assert!(out.is_empty());
                assert!(
                    err.starts_with("cx: error: ") && err.lines().count() == 1,
                    "{err}"
                );
            }
            s => panic!("status {s} for {v:?}: {err}"),
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn volumes_from_a_csv_give_the_same_report_as_inline_volumes() {
    let inline = json(&["simulate", &example(), "--seed", "5", "--per-interval"]);
    let from_csv = json(&[
        "simulate",
        &fixture("simulate_no_volumes.toml"),
        "--volumes",
        &fixture("simulate_volumes.csv"),
        "--seed",
        "5",
        "--per-interval",
    ]);
    assert_eq!(inline, from_csv);
}

#[test]
fn a_volumes_file_is_checked_like_every_csv_input() {
    let cfg = fixture("simulate_no_volumes.toml");
    fails(
        &[
            "simulate",
            &cfg,
            "--volumes",
            &fixture("simulate_volumes_missing_column.csv"),
        ],
        1,
        "missing column 'service'",
    );
    fails(
        &[
            "simulate",
            &cfg,
            "--volumes",
            &fixture("simulate_volumes_bad_cell.csv"),
        ],
        1,
        "simulate_volumes_bad_cell.csv, line 3, column 'service': expected a number, found \"x\"",
    );
    fails(
        &[
            "simulate",
            &example(),
            "--volumes",
            &fixture("simulate_volumes.csv"),
        ],
        2,
        "call type 'sales' has volumes in",
    );
    fails(
        &["simulate", &cfg, "--volumes", "no_such_volumes.csv"],
        3,
        "no_such_volumes.csv",
    );
}
