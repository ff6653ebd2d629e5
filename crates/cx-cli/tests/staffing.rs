//! End-to-end tests of `cx staffing`: the binary run on the fixtures, tables and JSON checked.

#![allow(clippy::unwrap_used)]

mod common;

use common::{close, cx, fixture, json, table};
use predicates::prelude::*;

/// The textbook worked example: 100 calls per 30 minutes, AHT 3 minutes, 80/20 under
/// Erlang C needs 14 agents (13 give 79.6 %).
#[test]
fn one_hundred_calls_per_half_hour_need_14_agents_under_erlang_c() {
    let args = [
        "staffing",
        "erlang-c",
        "--volume",
        "100",
        "--interval",
        "30m",
        "--aht",
        "3m",
        "--sl",
        "80%/20s",
        "--agents",
        "13",
    ];
    let j = json(&args);
    close(&j["erlangs"], 10.0, 1e-12);
    assert_eq!(j["required_agents"], 14);
    // Before rounding up: 13.0372064664 fractional agents (continuous Erlang C, mpmath; see
    // crates/wfm-forecast/tests/data/erlang_fractional_mpmath.csv).
    close(&j["fractional_agents"], 13.037_206_466_407_79, 1e-11);
    assert_eq!(j["sl_target"], 0.8);
    assert_eq!(j["sl_within_seconds"], 20.0);
    let rows = j["agents"].as_array().unwrap();
    assert_eq!(rows[0]["agents"], 14);
    close(&rows[0]["service_level"], 0.888_350_019_179, 1e-12);
    assert!(rows[1]["service_level"].as_f64().unwrap() < 0.8);
    close(&rows[0]["occupancy"], 10.0 / 14.0, 1e-12);
    let t = table(&args);
    assert!(t.contains("required agents:        14"), "{t}");
    assert!(
        predicate::str::is_match(r"14\s+17\.4 %\s+88\.8 %\s+7\.8\s+71\.4 %")
            .unwrap()
            .eval(&t),
        "{t}"
    );
}

#[test]
fn the_same_load_in_seconds_or_erlangs_gives_the_same_answer() {
    let a = json(&[
        "staffing",
        "erlang-c",
        "--volume",
        "100",
        "--interval",
        "1800s",
        "--aht",
        "180s",
        "--sl",
        "80%/20s",
        "--asa",
        "15s",
        "--max-occupancy",
        "85%",
    ]);
    let b = json(&[
        "staffing",
        "erlang-c",
        "--erlangs",
        "10",
        "--aht",
        "3min",
        "--sl",
        "80%/20s",
        "--asa",
        "15s",
        "--max-occupancy",
        "85%",
    ]);
    assert_eq!(a["required_agents"], 14);
    assert_eq!(a["agents"], b["agents"]);
}

#[test]
fn erlang_a_with_patience_needs_13() {
    let j = json(&[
        "staffing",
        "erlang-a",
        "--volume",
        "100",
        "--interval",
        "30m",
        "--aht",
        "3m",
        "--patience",
        "5m",
        "--sl",
        "80%/20s",
        "--max-occupancy",
        "85%",
        "--max-abandon",
        "5%",
    ]);
    assert_eq!(j["required_agents"], 13);
    let r = &j["agents"][0];
    assert!(r["p_abandon"].as_f64().unwrap() <= 0.05);
    assert!(r["service_level"].as_f64().unwrap() >= 0.8);
    assert!(r["mean_wait_all_seconds"].as_f64().is_some());
    // Given agents, the library's documented value: 14 agents, 10 Erlangs, 91.68 %.
    let j = json(&[
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
    close(&j["agents"][0]["service_level"], 0.916_792_091_9, 1e-9);
    assert!(j.get("required_agents").is_none());
}

#[test]
fn erlang_b_lines_for_a_blocking_target() {
    let j = json(&[
        "staffing",
        "erlang-b",
        "--erlangs",
        "10",
        "--max-blocking",
        "1%",
        "--lines",
        "17",
    ]);
    assert_eq!(j["required_lines"], 18);
    let rows = j["lines"].as_array().unwrap();
    assert!(rows[0]["blocking"].as_f64().unwrap() <= 0.01);
    assert!(rows[1]["blocking"].as_f64().unwrap() > 0.01);
}

#[test]
fn units_must_be_explicit() {
    cx().args([
        "staffing",
        "erlang-c",
        "--volume",
        "100",
        "--interval",
        "30m",
    ])
    .args(["--aht", "180", "--sl", "80%/20s"])
    .assert()
    .code(2)
    .stderr(predicate::str::contains("bare number"));
    cx().args(["staffing", "erlang-c", "--erlangs", "10", "--aht", "3m"])
        .args(["--sl", "80/20"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("80%/20s"));
    cx().args(["staffing", "erlang-c", "--erlangs", "10", "--aht", "3m"])
        .args(["--max-occupancy", "0.85"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("percentage with its sign"));
    cx().args(["staffing", "erlang-c", "--erlangs", "10", "--aht", "3m"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected targets"));
}

#[test]
fn a_plan_staffs_every_interval_and_totals_agent_hours_per_day() {
    let f = fixture("intraday_forecast.csv");
    let args = [
        "staffing",
        "plan",
        &f,
        "--interval",
        "30m",
        "--sl",
        "80%/20s",
        "--shrinkage",
        "30%",
    ];
    let j = json(&args);
    assert_eq!(j["model"], "erlang-c");
    assert_eq!(j["interval_count"], 48);
    close(&j["shrinkage"], 0.3, 1e-12);
    let rows = j["intervals"].as_array().unwrap();
    assert_eq!(rows.len(), 48);
    assert_eq!(rows[0]["label"], "00:00");
    assert_eq!(rows[0]["required_agents"], 0);
    assert!(rows[0]["service_level"].is_null());
    let r = &rows[16];
    assert_eq!(r["label"], "08:00");
    assert_eq!(r["volume"], 60.0);
    assert_eq!(r["aht_seconds"], 300.0);
    close(&r["erlangs"], 10.0, 1e-12);
    assert_eq!(r["required_agents"], 14);
    assert_eq!(r["scheduled_agents"], 20);
    let required: u64 = rows
        .iter()
        .map(|r| r["required_agents"].as_u64().unwrap())
        .sum();
    let scheduled: u64 = rows
        .iter()
        .map(|r| r["scheduled_agents"].as_u64().unwrap())
        .sum();
    let day = &j["daily"][0];
    close(&day["required_agent_hours"], required as f64 / 2.0, 1e-9);
    close(&day["scheduled_agent_hours"], scheduled as f64 / 2.0, 1e-9);
    close(&j["required_agent_hours"], required as f64 / 2.0, 1e-9);
    close(&j["scheduled_agent_hours"], scheduled as f64 / 2.0, 1e-9);
    let week = &j["weekly"][0];
    assert_eq!(j["weekly"].as_array().unwrap().len(), 1);
    close(&week["required_agent_hours"], required as f64 / 2.0, 1e-9);
    close(&week["scheduled_agent_hours"], scheduled as f64 / 2.0, 1e-9);
    let t = table(&args);
    assert!(t.contains("daily totals"), "{t}");
    assert!(t.contains("weekly totals"), "{t}");
    assert!(
        predicate::str::is_match(r"16\s+0\s+08:00\s+60\.0\s+300\s+10\.00\s+14\s+20")
            .unwrap()
            .eval(&t),
        "{t}"
    );
}

#[test]
fn a_plan_under_erlang_a_and_a_fixed_aht() {
    let f = fixture("intraday_forecast.csv");
    let c = json(&[
        "staffing",
        "plan",
        &f,
        "--interval",
        "30m",
        "--sl",
        "80%/20s",
        "--aht",
        "5m",
    ]);
    let a = json(&[
        "staffing",
        "plan",
        &f,
        "--interval",
        "30m",
        "--sl",
        "80%/20s",
        "--aht",
        "5m",
        "--patience",
        "2m",
    ]);
    assert_eq!(a["model"], "erlang-a");
    let hours = |j: &serde_json::Value| j["required_agent_hours"].as_f64().unwrap();
    assert!(hours(&a) <= hours(&c));
    assert_eq!(c["intervals"][16]["aht_seconds"], 300.0);
}

/// Eight days of hourly intervals: weekly totals are the library's (`StaffingPlan::weekly`),
/// week 0 holding days 0–6 and week 1 the last day; the facts total the whole plan.
#[test]
fn a_plan_totals_agent_hours_per_week_and_over_the_whole_plan() {
    let mut csv = String::from("calls\n");
    for i in 0..24 * 8 {
        csv.push_str(&format!("{}\n", [0, 40, 120, 200][i % 4] + (i / 24) * 10));
    }
    let args = [
        "staffing",
        "plan",
        "-",
        "--interval",
        "1h",
        "--aht",
        "4m",
        "--sl",
        "80%/20s",
        "--shrinkage",
        "25%",
    ];
    let out = cx()
        .arg("--format")
        .arg("json")
        .args(args)
        .write_stdin(csv.clone())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let daily = j["daily"].as_array().unwrap();
    let weekly = j["weekly"].as_array().unwrap();
    assert_eq!(daily.len(), 8);
    assert_eq!(weekly.len(), 2);
    assert_eq!(
        (weekly[0]["week"].as_u64(), weekly[1]["week"].as_u64()),
        (Some(0), Some(1))
    );
    let hours = |rows: &[serde_json::Value], key: &str| -> f64 {
        rows.iter().map(|r| r[key].as_f64().unwrap()).sum()
    };
    for key in ["required_agent_hours", "scheduled_agent_hours"] {
        close(&weekly[0][key], hours(&daily[..7], key), 1e-9);
        close(&weekly[1][key], daily[7][key].as_f64().unwrap(), 1e-9);
        close(&j[key], hours(weekly, key), 1e-9);
        close(&j[key], hours(daily, key), 1e-9);
    }
    // Hourly intervals: agent-hours are the agents summed over the intervals.
    let required: u64 = j["intervals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["required_agents"].as_u64().unwrap())
        .sum();
    close(&j["required_agent_hours"], required as f64, 1e-9);
    let t = cx().args(args).write_stdin(csv).output().unwrap();
    let t = String::from_utf8(t.stdout).unwrap();
    assert!(t.contains("weekly totals"), "{t}");
    assert!(
        predicate::str::is_match(r"(?m)^week\s+required_agent_hours\s+scheduled_agent_hours$")
            .unwrap()
            .eval(&t),
        "{t}"
    );
}

#[test]
fn plan_errors_name_file_line_and_column() {
    cx().args([
        "staffing",
        "plan",
        &fixture("plan_bad_volume.csv"),
        "--interval",
        "30m",
    ])
    .args(["--sl", "80%/20s"])
    .assert()
    .code(1)
    .stdout("")
    .stderr(predicate::str::contains(
        "plan_bad_volume.csv, line 3, column 'calls': expected a number",
    ));
    cx().args([
        "staffing",
        "plan",
        &fixture("plan_zero_aht.csv"),
        "--interval",
        "30m",
    ])
    .args(["--sl", "80%/20s"])
    .assert()
    .code(1)
    .stderr(predicate::str::contains("plan_zero_aht.csv, line 3"))
    .stderr(predicate::str::contains("handle time"));
    cx().args([
        "staffing",
        "plan",
        &fixture("plan_unitless.csv"),
        "--interval",
        "30m",
    ])
    .args(["--sl", "80%/20s", "--aht-column", "aht"])
    .assert()
    .code(2)
    .stderr(predicate::str::contains("--aht-unit"));
    cx().args(["--format", "csv", "staffing", "plan", &fixture("plan_unitless.csv")])
        .args(["--interval", "30m", "--sl", "80%/20s", "--aht-column", "aht", "--aht-unit", "s"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "interval,day,label,volume,aht_seconds,erlangs,required_agents,scheduled_agents,service_level,asa_seconds,occupancy,p_abandon\n0,0,08:00,100,180,10,14,14,",
        ));
}

#[test]
fn every_staffing_subcommand_has_an_example_in_its_help() {
    for sub in ["erlang-c", "erlang-a", "erlang-b", "plan"] {
        cx().args(["staffing", sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("cx staffing"));
    }
}
