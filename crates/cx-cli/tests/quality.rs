//! End-to-end tests of `cx quality`: the binary run on the fixtures, tables and JSON checked.

#![allow(clippy::unwrap_used)]

mod common;

use common::{close, cx, fixture, json, table};
use predicates::prelude::*;

#[test]
fn scorecards_per_team_and_agent_with_renormalised_weights_and_critical_failures() {
    let (e, s) = (fixture("evaluations.csv"), fixture("scorecard.csv"));
    let args = [
        "quality",
        "score",
        &e,
        "--scorecard",
        &s,
        "--by",
        "team",
        "--by",
        "agent",
    ];
    let j = json(&args);
    assert_eq!(j["criteria"], 4);
    assert_eq!(j["critical_policy"], "zero-score");
    let g = j["groups"].as_array().unwrap();
    let names: Vec<&str> = g.iter().map(|r| r["group"].as_str().unwrap()).collect();
    assert_eq!(names, ["all", "north / ann", "north / bob", "south / cid"]);
    // ann: 1, (1 + 2 + 1.5 + 4)/10 and (0 + 2 + 3)/6 (resolution not applicable).
    close(&g[1]["mean_score"], (1.0 + 0.85 + 5.0 / 6.0) / 3.0, 1e-12);
    // bob: identity not verified (critical) scores 0; the other call (1 + 2 + 0 + 2)/10.
    close(&g[2]["mean_score"], 0.25, 1e-12);
    close(&g[2]["pass_rate"], 0.5, 1e-12);
    assert_eq!(g[0]["critical_failures"], 1);
    assert_eq!(g[0]["evaluations"], 7);
    let ev = j["evaluations"].as_array().unwrap();
    assert_eq!(ev.len(), 7);
    assert_eq!(ev[3]["line"], 5);
    assert_eq!(ev[3]["passed"], false);
    assert_eq!(ev[3]["failed_critical"], "identity verified");
    close(&ev[3]["weighted_score"], 0.8, 1e-12);
    let t = table(&args);
    assert!(
        predicate::str::is_match(r"north / bob\s+2\s+25\.0 %")
            .unwrap()
            .eval(&t),
        "{t}"
    );
    // Flag-only keeps the score and still counts the failure.
    let j = json(&[
        "quality",
        "score",
        &e,
        "--scorecard",
        &s,
        "--critical-policy",
        "flag-only",
    ]);
    assert_eq!(j["groups"][0]["critical_failures"], 1);
    close(&j["evaluations"][3]["score"], 0.8, 1e-12);
}

#[test]
fn partial_credit_is_selectable() {
    let (e, s) = (fixture("evaluations.csv"), fixture("scorecard.csv"));
    let j = json(&[
        "quality",
        "score",
        &e,
        "--scorecard",
        &s,
        "--partial-credit",
        "0%",
    ]);
    close(&j["evaluations"][1]["score"], 0.7, 1e-12);
}

#[test]
fn a_bad_verdict_names_file_line_and_column() {
    cx().args(["quality", "score", &fixture("evaluations_bad.csv")])
        .args(["--scorecard", &fixture("scorecard.csv")])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "evaluations_bad.csv, line 3, column 'identity verified': expected a verdict yes, no, partial or na, found \"maybe\"",
        ));
    cx().args(["quality", "score", &fixture("evaluations.csv")])
        .args(["--scorecard", &fixture("evaluations.csv")])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("missing column 'criterion'"));
}

/// Cohen's kappa, the textbook example: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → κ = 0.4.
#[test]
fn agreement_of_two_evaluators_is_kappa_0_4_on_the_textbook_example() {
    let f = fixture("calibration.csv");
    let args = [
        "quality",
        "agreement",
        &f,
        "--first",
        "anna",
        "--second",
        "boris",
    ];
    let j = json(&args);
    let a = &j["agreement"][0];
    assert_eq!(a["items"], 50);
    close(&a["kappa"], 0.4, 1e-12);
    close(&a["observed"], 0.7, 1e-12);
    close(&a["expected"], 0.5, 1e-12);
    let pairs = j["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 4);
    assert_eq!(pairs[3]["count"], 20);
    let t = table(&args);
    assert!(
        predicate::str::is_match(r"50\s+70\.0 %\s+50\.0 %\s+0\.400")
            .unwrap()
            .eval(&t),
        "{t}"
    );
    cx().args(["quality", "agreement", "-", "--first", "a", "--second", "b"])
        .write_stdin("a,b\nyes,yes\nno,\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("<stdin>, line 3, column 'b'"));
}

/// Survey research §4: 1,200 calls, ±5 points at 95 %: audit 292 (FPC), where the rule of
/// thumb's 5–10 % (60–120) gives ±12.3 to ±8.5 points.
#[test]
fn audit_sample_sizes_with_the_finite_population_correction() {
    let args = ["quality", "sample-size", "--population", "100,1200"];
    let j = json(&args);
    let rows = j["samples"].as_array().unwrap();
    assert_eq!(rows[1]["population"], 1200);
    assert_eq!(rows[1]["required"], 292);
    close(&rows[1]["infinite_population"], 384.1, 0.05);
    assert_eq!(rows[1]["rule_low"], 60);
    assert_eq!(rows[1]["rule_high"], 120);
    assert_eq!(
        (rows[0]["rule_low"].clone(), rows[0]["rule_high"].clone()),
        (30.into(), 50.into())
    );
    close(&rows[0]["margin_at_low"], 0.150, 5e-4);
    let t = table(&args);
    assert!(
        predicate::str::is_match(r"1200\s+292\s+384\.1\s+60\s+12\.3 %\s+120\s+8\.5 %")
            .unwrap()
            .eval(&t),
        "{t}"
    );
    cx().args(["quality", "sample-size", "--population", "0"])
        .assert()
        .code(2);
    cx().args([
        "quality",
        "sample-size",
        "--population",
        "100",
        "--margin",
        "0.05",
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains("percentage with its sign"));
}

#[test]
fn every_quality_subcommand_has_an_example_in_its_help() {
    for sub in ["score", "agreement", "sample-size"] {
        cx().args(["quality", sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("cx quality"));
    }
}
