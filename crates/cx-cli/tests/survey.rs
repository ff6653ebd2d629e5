//! End-to-end tests of `cx survey`: the binary run on the fixtures, tables and JSON checked.

#![allow(clippy::unwrap_used)]

mod common;

use common::{close, cx, fixture, json, table};
use predicates::prelude::*;

/// The source documents' worked example: 70 promoters, 10 passives, 20 detractors give an NPS
/// of 50 with the adjusted-Wald 95 % interval [32.9, 64.1].
#[test]
fn nps_of_50_has_the_adjusted_wald_interval_32_9_to_64_1() {
    let args = ["survey", "nps", "--ppd", "70,10,20"];
    let j = json(&args);
    assert_eq!(j["metric"], "nps");
    assert_eq!(j["method"], "adjusted-wald");
    assert_eq!(j["confidence"], 0.95);
    let r = &j["scores"][0];
    assert_eq!(r["n"], 100);
    assert_eq!(r["promoters"], 70);
    close(&r["nps"], 50.0, 1e-12);
    close(&r["lower"], 32.9, 0.05);
    close(&r["upper"], 64.1, 0.05);
    assert_eq!(j["comparison"].as_array().unwrap().len(), 0);
    assert_eq!(j["skipped"], 0);
    assert_eq!(j["skipped_cells"].as_array().unwrap().len(), 0);
    let t = table(&args);
    assert!(
        predicate::str::is_match(r"all\s+100\s+70\s+10\s+20\s+50\.0\s+32\.9\s+64\.1")
            .unwrap()
            .eval(&t),
        "{t}"
    );
    assert!(t.contains("interval method: adjusted-wald"), "{t}");
}

#[test]
fn nps_counts_per_point_and_a_signed_comparison() {
    // 70/10/20 against R's NPS package example partner 300/500/200: +40 points, p ≈ 3.03e-6.
    let j = json(&[
        "survey",
        "nps",
        "--ppd",
        "70,10,20",
        "--against-ppd",
        "300,500,200",
    ]);
    let c = &j["comparison"][0];
    close(&c["difference"], 40.0, 1e-9);
    close(&c["centre"], 38.5736, 5e-4);
    close(&c["p_value"], 3.02680e-06, 5e-10);
    assert!(c["lower"].as_f64().unwrap() > 0.0);
    assert_eq!(c["test"], "nps-adjusted-wald");
    // Reversed, the sign flips.
    let j = json(&[
        "survey",
        "nps",
        "--ppd",
        "300,500,200",
        "--against-ppd",
        "70,10,20",
    ]);
    close(&j["comparison"][0]["difference"], -40.0, 1e-9);
}

#[test]
fn level_and_method_are_selectable() {
    let j = json(&[
        "survey", "nps", "--ppd", "70,10,20", "--method", "wald", "--level", "90%",
    ]);
    assert_eq!(j["method"], "wald");
    close(&j["confidence"], 0.9, 1e-12);
    let r = &j["scores"][0];
    assert!(r["upper"].as_f64().unwrap() - r["lower"].as_f64().unwrap() < 64.1 - 32.9);
    cx().args(["survey", "nps", "--ppd", "70,10,20", "--method", "wilson"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not an interval method for NPS"))
        .stderr(predicate::str::contains(
            "expected one of: adjusted-wald, score, jeffreys-dirichlet, uniform-dirichlet, wald",
        ));
    // Every method the library names is accepted, and reported under its own name.
    for m in [
        "score",
        "jeffreys-dirichlet",
        "uniform-dirichlet",
        "adjusted-wald",
    ] {
        let j = json(&["survey", "nps", "--ppd", "70,10,20", "--method", m]);
        assert_eq!(j["method"], m);
        assert!(j["comparison"].as_array().unwrap().is_empty());
    }
    let j = json(&[
        "survey",
        "nps",
        "--ppd",
        "70,10,20",
        "--against-ppd",
        "50,20,30",
        "--method",
        "wald",
    ]);
    assert_eq!(j["comparison"][0]["test"], "nps-wald");
    let j = json(&[
        "survey",
        "csat",
        "--counts",
        "3,4,8,40,45",
        "--scale",
        "1..=5",
        "--top-box",
        "2",
        "--method",
        "clopper-pearson",
    ]);
    assert_eq!(j["method"], "clopper-pearson");
    cx().args(["survey", "nps", "--ppd", "70,10,20", "--method", "exact"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("possible values"));
}

#[test]
fn a_malformed_cell_stops_with_file_line_and_column_and_no_output() {
    let f = fixture("survey_responses.csv");
    cx().args(["survey", "nps", &f, "--column", "likelihood_to_recommend"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "survey_responses.csv, line 18, column 'likelihood_to_recommend': expected an answer on the scale 0..=10",
        ));
}

#[test]
fn skip_invalid_reports_every_skipped_cell_on_stderr_and_in_json() {
    let f = fixture("survey_responses.csv");
    let out = cx()
        .args(["--format", "json", "survey", "nps", &f])
        .args([
            "--column",
            "likelihood_to_recommend",
            "--skip-invalid",
            "--by",
            "channel",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("cx: warning: skipped"), "{err}");
    assert!(
        err.contains("line 18, column 'likelihood_to_recommend'"),
        "{err}"
    );
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["rows"], 2400);
    assert_eq!(j["blank"], 1);
    assert_eq!(j["skipped"], 1);
    let s = &j["skipped_cells"][0];
    assert_eq!(s["line"], 18);
    assert_eq!(s["value"], "6.5");
    assert_eq!(s["column"], "likelihood_to_recommend");
    let rows = j["scores"].as_array().unwrap();
    assert_eq!(rows[0]["group"], "all");
    assert_eq!(rows[0]["n"], 2398);
    let groups: Vec<&str> = rows[1..]
        .iter()
        .map(|r| r["group"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["chat", "email", "phone"]);
    let per_group: u64 = rows[1..].iter().map(|r| r["n"].as_u64().unwrap()).sum();
    assert_eq!(per_group, 2398);
}

#[test]
fn ces_labels_and_an_unknown_label() {
    let f = fixture("survey_responses.csv");
    cx().args(["survey", "ces", &f, "--column", "effort", "--labels", "ces"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("line 1502, column 'effort'"))
        .stderr(predicate::str::contains("Very easy"));
    let out = cx()
        .args([
            "--format", "json", "survey", "ces", &f, "--column", "effort",
        ])
        .args(["--labels", "ces", "--skip-invalid"])
        .output()
        .unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["metric"], "ces_share");
    assert_eq!(j["band"], "5..=7 of 1..=7");
    let r = &j["scores"][0];
    assert_eq!(r["n"], 2399);
    // Somewhat agree 402 + Agree 708 + Strongly agree 742.
    assert_eq!(r["successes"], 1852);
    assert_eq!(j["skipped_cells"][0]["line"], 1502);
}

#[test]
fn csat_must_say_share_or_mean() {
    let f = fixture("survey_small.csv");
    cx().args([
        "survey",
        "csat",
        &f,
        "--column",
        "satisfaction",
        "--scale",
        "1..=5",
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains("--top-box"));
}

#[test]
fn csat_top_box_by_channel_and_period_in_one_pass_with_a_comparison() {
    let f = fixture("survey_responses.csv");
    let args = [
        "survey",
        "csat",
        &f,
        "--column",
        "satisfaction",
        "--scale",
        "1..=5",
        "--top-box",
        "2",
        "--by",
        "channel",
        "--period",
        "month",
        "--skip-invalid",
        "--compare",
        "chat / 2026-11",
        "email / 2026-11",
    ];
    let out = cx()
        .arg("--format")
        .arg("json")
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success());
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = j["scores"].as_array().unwrap();
    assert_eq!(rows.len(), 7);
    assert_eq!(rows[1]["group"], "chat / 2026-10");
    let share = |g: &str| {
        rows.iter().find(|r| r["group"] == g).unwrap()["share"]
            .as_f64()
            .unwrap()
    };
    let c = &j["comparison"][0];
    assert_eq!(c["test"], "pooled-z-newcombe");
    close(
        &c["difference"],
        share("chat / 2026-11") - share("email / 2026-11"),
        1e-12,
    );
    assert!(c["lower"].as_f64().unwrap() <= c["difference"].as_f64().unwrap());
    assert!(c["p_value"].as_f64().unwrap() < 0.05);
    assert!(c["fisher_p_value"].as_f64().unwrap() < 0.05);

    let out = cx().args(args).output().unwrap();
    let t = String::from_utf8(out.stdout).unwrap();
    assert!(t.contains("comparison (first − second)"), "{t}");
    assert!(t.contains("chat / 2026-11  email / 2026-11"), "{t}");
}

#[test]
fn csat_mean_compares_two_files_with_welch() {
    let a = fixture("survey_small.csv");
    let b = fixture("survey_later.csv");
    let j = json(&[
        "survey",
        "csat",
        &a,
        "--column",
        "satisfaction",
        "--scale",
        "1-5",
        "--mean",
        "--against",
        &b,
    ]);
    assert_eq!(j["method"], "student-t");
    let rows = j["scores"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let c = &j["comparison"][0];
    assert_eq!(c["test"], "welch-t");
    close(
        &c["difference"],
        rows[0]["mean"].as_f64().unwrap() - rows[1]["mean"].as_f64().unwrap(),
        1e-12,
    );
    assert!(c["degrees_of_freedom"].as_f64().unwrap() > 1.0);
}

#[test]
fn cdsat_and_csi_from_counts_and_csv_output() {
    // 3,4,8,40,45 on 1..=5: CDSAT (bottom 1) 3 %, CSAT mean 4.2.
    let j = json(&[
        "survey",
        "cdsat",
        "--counts",
        "3,4,8,40,45",
        "--scale",
        "1..=5",
    ]);
    close(&j["scores"][0]["share"], 0.03, 1e-12);
    let j = json(&[
        "survey",
        "csi",
        "--counts",
        "3,4,8,40,45",
        "--scale",
        "1..=5",
    ]);
    let r = &j["scores"][0];
    close(&r["mean"], 4.2, 1e-12);
    close(&r["percent_of_max"], 84.0, 1e-9);
    close(&r["pomp"], 80.0, 1e-9);
    cx().args([
        "--format",
        "csv",
        "survey",
        "csat",
        "--counts",
        "3,4,8,40,45",
    ])
    .args(["--scale", "1..=5", "--top-box", "2"])
    .assert()
    .success()
    .stdout(predicate::str::starts_with(
        "group,n,successes,share,lower,upper\nall,100,85,0.85,",
    ));
}

#[test]
fn bad_command_lines_are_usage_errors() {
    cx().args(["survey", "nps", "--ppd", "70,10"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected three counts"));
    cx().args(["survey", "nps", "--ppd", "70,10,20", "--scale", "1..=5"])
        .assert()
        .code(2);
    cx().args(["survey", "cdsat", "--counts", "1,2,3", "--scale", "1..=5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--counts"));
    let f = fixture("survey_small.csv");
    cx().args([
        "survey",
        "nps",
        &f,
        "--column",
        "likelihood_to_recommend",
        "--by",
        "channel",
    ])
    .args(["--compare", "sms", "chat"])
    .assert()
    .code(2)
    .stderr(predicate::str::contains("no group 'sms'"));
    cx().args(["survey", "nps", &f, "--column", "nope"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("missing column 'nope'"));
}

#[test]
fn answers_can_come_from_standard_input() {
    cx().args(["--format", "csv", "survey", "nps", "-", "--column", "ltr"])
        .write_stdin("ltr\n10\n9\n3\n\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("all,3,2,0,1,33.3"));
}

#[test]
fn every_survey_subcommand_has_an_example_in_its_help() {
    for sub in ["nps", "csat", "cdsat", "ces", "csi"] {
        cx().args(["survey", sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("cx survey"));
    }
}

#[test]
fn a_bad_date_stops_grouping_by_period_or_is_skipped_and_listed() {
    let f = fixture("survey_bad_date.csv");
    cx().args(["survey", "nps", &f, "--column", "ltr", "--period", "month"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "survey_bad_date.csv, line 4, column 'date': expected a date as YYYY-MM-DD",
        ));
    let out = cx()
        .args(["--format", "json", "survey", "nps", &f, "--column", "ltr"])
        .args(["--period", "month", "--skip-invalid"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.matches("cx: warning: skipped").count(), 2, "{err}");
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["skipped"], 2);
    let cells = j["skipped_cells"].as_array().unwrap();
    assert_eq!(
        (cells[0]["line"].clone(), cells[0]["column"].clone()),
        (4.into(), "date".into())
    );
    assert_eq!(
        (cells[1]["line"].clone(), cells[1]["value"].clone()),
        (6.into(), "x".into())
    );
    let rows = j["scores"].as_array().unwrap();
    assert_eq!(rows[0]["n"], 3);
    assert_eq!(rows[1]["group"], "2026-10");
    assert_eq!(rows[1]["n"], 2);
    assert_eq!(rows[2]["group"], "2026-11");
    close(&rows[2]["nps"], -100.0, 1e-12);
}
