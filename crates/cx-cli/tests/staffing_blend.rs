//! End-to-end tests of `cx staffing blend`: the binary run, tables, JSON and CSV checked
//! against the library and against `cx staffing erlang-c`.

#![allow(clippy::unwrap_used)]

mod common;

use common::{close, cx, json, table};
use predicates::prelude::*;

const BASE: [&str; 10] = [
    "staffing",
    "blend",
    "--volume",
    "100",
    "--interval",
    "30m",
    "--aht",
    "4m",
    "--outbound-aht",
    "6m",
];

fn with(extra: &[&'static str]) -> Vec<&'static str> {
    BASE.iter().copied().chain(extra.iter().copied()).collect()
}

/// 100 inbound calls of 4 minutes per half hour (13.3 Erlangs) and 40 outbound calls of 6
/// minutes (8 Erlangs): 23 agents keeping 3 in reserve; the same figures as the library.
#[test]
fn forty_outbound_calls_next_to_eighty_twenty() {
    let args = with(&["--sl", "80%/20s", "--outbound", "40"]);
    let j = json(&args);
    assert_eq!(j["model"], "blend");
    assert_eq!(j["required_agents"], 23);
    assert_eq!(j["reserve"], 3);
    let row = &j["staffing"][0];
    assert!(row["service_level"].as_f64().unwrap() >= 0.8);
    assert!(row["outbound_per_interval"].as_f64().unwrap() >= 40.0);
    close(
        &row["outbound_per_hour"],
        2.0 * row["outbound_per_interval"].as_f64().unwrap(),
        1e-12,
    );
    let b = wfm_forecast::Blend::new(
        wfm_forecast::Volume::new(100.0).unwrap(),
        wfm_forecast::TimeSpan::from_minutes(4.0).unwrap(),
        wfm_forecast::IntervalLength::MINUTES_30,
        wfm_forecast::TimeSpan::from_minutes(6.0).unwrap(),
    )
    .unwrap();
    let m = b
        .metrics(23, 3, wfm_forecast::TimeSpan::from_seconds(20.0).unwrap())
        .unwrap();
    close(
        &row["service_level"],
        m.service_levels.answered_within_over_offered,
        1e-15,
    );
    close(
        &row["outbound_per_interval"],
        m.outbound_per_interval,
        1e-15,
    );
    // With one agent fewer no reserve meets 80/20 and 40 calls.
    for k in 0..=22 {
        let m = b
            .metrics(22, k, wfm_forecast::TimeSpan::from_seconds(20.0).unwrap())
            .unwrap();
        assert!(
            m.service_levels.answered_within_over_offered < 0.8 || m.outbound_per_interval < 40.0
        );
    }
    let t = table(&args);
    assert!(
        t.contains("required agents:                        23"),
        "{t}"
    );
    assert!(t.contains("outbound / interval"), "{t}");
    assert!(
        predicate::str::is_match(
            r"23\s+3\s+84\.0 %\s+29\.4 %\s+0\.00 %\s+9\.5\s+58\.0 %\s+35\.2 %\s+40\.5"
        )
        .unwrap()
        .eval(&t),
        "{t}"
    );
}

/// Every agent in reserve is Erlang C: the same service level and ASA as `erlang-c`.
#[test]
fn full_reserve_rows_match_erlang_c() {
    let j = json(&with(&[
        "--agents",
        "16,17",
        "--reserve",
        "15,16",
        "--within",
        "20s",
    ]));
    let rows = j["staffing"].as_array().unwrap();
    // Every pair of `--agents` and `--reserve` is a row.
    assert_eq!(rows.len(), 4, "{j}");
    let c = json(&[
        "staffing",
        "erlang-c",
        "--volume",
        "100",
        "--interval",
        "30m",
        "--aht",
        "4m",
        "--agents",
        "16",
        "--within",
        "20s",
    ]);
    let erlang = &c["agents"][0];
    let full = rows
        .iter()
        .find(|r| r["agents"] == 16 && r["reserve"] == 16)
        .unwrap();
    close(
        &full["service_level"],
        erlang["service_level"].as_f64().unwrap(),
        1e-12,
    );
    close(
        &full["asa_answered_seconds"],
        erlang["asa_seconds"].as_f64().unwrap(),
        1e-11,
    );
    assert_eq!(full["outbound_per_interval"], 0.0);
}

#[test]
fn csv_carries_the_outbound_throughput() {
    let out = cx()
        .args(with(&[
            "--agents",
            "18",
            "--reserve",
            "0,2",
            "--format",
            "csv",
        ]))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("outbound_per_interval"), "{text}");
    assert!(text.contains("outbound_per_hour"), "{text}");
    // No reserve: every agent not on inbound is on outbound, (18 − 13.33)·30/6 = 23.3.
    assert!(text.contains("23.33333333333"), "{text}");
}

#[test]
fn bad_requests_are_refused_with_their_reason() {
    // Outbound volume without inbound targets: a usage error.
    cx().args(with(&["--outbound", "40"]))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "--outbound: expected inbound targets",
        ));
    // A reserve above the agents.
    cx().args(with(&["--agents", "16", "--reserve", "17"]))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "reserve of 17 is outside its allowed range",
        ));
    // Unreachable: named targets and outbound volume.
    cx().args(with(&["--sl", "80%/20s", "--outbound", "100000"]))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no staffing up to 1000 agents meets the target service level >= 0.8 within 20 s",
        ))
        .stderr(predicate::str::contains(
            "at least 100000 outbound calls per 1800 s interval",
        ));
    // An abandonment ceiling needs a patience.
    cx().args(with(&["--sl", "80%/20s", "--max-abandon", "5%"]))
        .assert()
        .code(2);
    // Unstable without patience.
    cx().args(with(&["--agents", "13", "--reserve", "0"]))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unstable"));
}

#[test]
fn patience_adds_abandonment() {
    let j = json(&with(&[
        "--patience",
        "2m",
        "--sl",
        "80%/20s",
        "--max-abandon",
        "5%",
        "--outbound",
        "20",
    ]));
    let row = &j["staffing"][0];
    assert!(row["p_abandon"].as_f64().unwrap() <= 0.05);
    assert!(row["p_abandon"].as_f64().unwrap() > 0.0);
    assert_eq!(j["patience_seconds"], 120.0);
    assert!(row["outbound_per_interval"].as_f64().unwrap() >= 20.0);
}
