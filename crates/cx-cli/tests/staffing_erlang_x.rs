//! End-to-end tests of `cx staffing erlang-x`.

#![allow(clippy::unwrap_used)]

mod common;

use common::{close, cx, json, table};

const EXAMPLE: [&str; 18] = [
    "staffing",
    "erlang-x",
    "--volume",
    "100",
    "--interval",
    "30m",
    "--aht",
    "3m",
    "--patience",
    "2m",
    "--lines",
    "30",
    "--redial",
    "50%",
    "--redial-delay",
    "5m",
    "--sl",
    "80%/20s",
];

/// 100 calls per half hour, 3-minute handle time, 2-minute patience, 30 lines, half of the
/// blocked and abandoned callers redialling after 5 minutes: 13 agents for 80/20 over all
/// attempts. The row for 10 agents is the independent numpy/scipy chain's
/// (`benches/erlang_x_reference.py`, case `cli_example`).
#[test]
fn the_documented_example_needs_13_agents_and_matches_the_reference_chain() {
    let mut args = EXAMPLE.to_vec();
    args.extend(["--agents", "10"]);
    let j = json(&args);
    assert_eq!(j["model"], "erlang-x");
    assert_eq!(j["method"], "exact");
    assert_eq!(j["required_agents"], 13);
    assert_eq!(j["lines"], 30);
    let rows = j["agents"].as_array().unwrap();
    assert_eq!(rows[0]["agents"], 13);
    assert!(rows[0]["service_level"].as_f64().unwrap() >= 0.8);
    assert_eq!(rows[1]["agents"], 10);
    close(&rows[1]["service_level"], 0.525_543_005_688_122, 1e-10);
    close(
        &rows[1]["service_level_first"],
        0.540_137_696_996_816,
        1e-10,
    );
    close(&rows[1]["p_abandon"], 0.189_769_083_555_221, 1e-10);
    close(&rows[1]["p_blocked"], 1.908_111_039_594_1e-7, 1e-12);
    close(&rows[1]["occupancy"], 0.895_168_460_197_307, 1e-10);
    // Redials per interval: 100 first attempts × 0.104831539802693 redials each.
    close(&rows[1]["redials"], 10.483_153_980_269_3, 1e-8);
    let t = table(&EXAMPLE);
    assert!(t.contains("required agents:         13"), "{t}");
    assert!(t.contains("redials per interval"), "{t}");
}

#[test]
fn the_fast_method_stays_close_to_the_exact_one() {
    let mut args = EXAMPLE.to_vec();
    args.extend(["--method", "fast", "--agents", "10"]);
    let j = json(&args);
    assert_eq!(j["method"], "fast");
    let n = j["required_agents"].as_u64().unwrap();
    assert!((12..=14).contains(&n), "{n}");
    let sl = j["agents"][1]["service_level"].as_f64().unwrap();
    assert!((sl - 0.525_543).abs() < 0.04, "{sl}");
}

#[test]
fn csv_has_one_row_per_staffing() {
    let mut args = vec!["--format", "csv"];
    args.extend(EXAMPLE);
    args.extend(["--agents", "11,12"]);
    let out = cx().args(&args).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("agents,p_blocked,p_abandon,service_level"),
        "{text}"
    );
    assert_eq!(lines.len(), 4, "{text}");
}

#[test]
fn without_redials_or_line_limit_it_is_erlang_a() {
    let x = json(&[
        "staffing",
        "erlang-x",
        "--erlangs",
        "10",
        "--aht",
        "3m",
        "--patience",
        "5m",
        "--agents",
        "14",
        "--within",
        "20s",
    ]);
    let a = json(&[
        "staffing",
        "erlang-a",
        "--erlangs",
        "10",
        "--aht",
        "3m",
        "--patience",
        "5m",
        "--agents",
        "14",
        "--within",
        "20s",
    ]);
    let (rx, ra) = (&x["agents"][0], &a["agents"][0]);
    close(
        &rx["service_level"],
        ra["service_level"].as_f64().unwrap(),
        1e-12,
    );
    close(&rx["p_abandon"], ra["p_abandon"].as_f64().unwrap(), 1e-12);
    assert_eq!(x["lines"], "unlimited");
}

fn fails(args: &[&str], status: i32, message: &str) {
    let out = cx().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(status), "{args:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    // Our own errors start with `cx: error:`; clap's argument errors with `error:`.
    assert!(
        err.starts_with("cx: error:") || err.starts_with("error:"),
        "{err}"
    );
    assert!(err.contains(message), "{err}");
}

#[test]
fn bad_input_is_refused_with_a_clear_message() {
    let base = ["staffing", "erlang-x", "--erlangs", "10", "--aht", "3m"];
    let with = |extra: &[&'static str]| {
        let mut v = base.to_vec();
        v.extend_from_slice(extra);
        v
    };
    fails(
        &with(&["--redial", "50%", "--agents", "12"]),
        2,
        "--redial-delay",
    );
    fails(
        &with(&["--lines", "11", "--agents", "12"]),
        1,
        "lines of 11",
    );
    fails(
        &with(&["--redial", "100%", "--redial-delay", "5m", "--agents", "12"]),
        1,
        "redial probability",
    );
    fails(
        &with(&["--lines", "many", "--agents", "12"]),
        2,
        "unlimited",
    );
    fails(&with(&["--agents", "9"]), 1, "unstable");
    fails(&with(&["--patience", "2m"]), 2, "expected targets");
}
