//! End-to-end tests of `cx accuracy`: measures on a hand-checkable example (tables and JSON),
//! the identities of the contact-centre post, actuals from contact records, malformed inputs.

#![allow(clippy::unwrap_used)]

mod common;

use common::{close, cx, fixture, json, table};
use predicates::prelude::*;

/// The fixture `accuracy_daily.csv`, typed again here so that the expected numbers are
/// computed independently of the tool.
const ACTUAL: [f64; 5] = [100.0, 200.0, 100.0, 150.0, 50.0];
const FORECAST: [f64; 5] = [110.0, 180.0, 100.0, 165.0, 45.0];

fn mean(v: impl Iterator<Item = f64>) -> f64 {
    let v: Vec<f64> = v.collect();
    v.iter().sum::<f64>() / v.len() as f64
}

#[test]
fn the_hand_checkable_example_gives_every_measure() {
    let j = json(&["accuracy", "measures", &fixture("accuracy_daily.csv")]);
    let e: Vec<f64> = FORECAST.iter().zip(&ACTUAL).map(|(f, a)| f - a).collect();
    let total_a: f64 = ACTUAL.iter().sum();
    assert_eq!(j["count"], 5);
    close(&j["total_actual"], 600.0, 1e-12);
    close(&j["total_forecast"], 600.0, 1e-12);
    close(&j["mae"], mean(e.iter().map(|e| e.abs())), 1e-12); // 10
    close(&j["mse"], mean(e.iter().map(|e| e * e)), 1e-12); // 150
    close(&j["rmse"], 150f64.sqrt(), 1e-12);
    close(&j["bias"], 0.0, 1e-12);
    // MAPE: 10/100, 20/200, 0, 15/150, 5/50 → 0.08.
    close(&j["mape"], 0.08, 1e-12);
    let smape = mean(
        e.iter()
            .zip(ACTUAL.iter().zip(&FORECAST))
            .map(|(e, (a, f))| e.abs() / (a + f)),
    );
    close(&j["smape"], smape, 1e-12);
    close(&j["wape"], 50.0 / total_a, 1e-12);
    close(&j["over"], 25.0 / total_a, 1e-12);
    close(&j["under"], -25.0 / total_a, 1e-12);
    assert!(j["mase"].is_null() && j["rmsse"].is_null());
    assert_eq!(j["relative_to"], "actual");
    // Identities relative to actual: (5) = (1), (6) = WAPE, over + |under| = WAPE.
    let f = |k: &str| j[k].as_f64().unwrap();
    assert!((f("weighted_percent_error") - f("error_of_totals")).abs() < 1e-15);
    assert!((f("weighted_absolute_percent_error") - f("wape")).abs() < 1e-15);
    assert!((f("over") + f("under").abs() - f("wape")).abs() < 1e-15);
    close(&j["mean_absolute_percent_error"], 0.08, 1e-12);

    let t = table(&["accuracy", "measures", &fixture("accuracy_daily.csv")]);
    assert!(
        t.contains("MAE:                                        10.000"),
        "{t}"
    );
    assert!(
        t.contains("WAPE:                                       8.33 %"),
        "{t}"
    );
    assert!(
        t.contains("(6) under-forecast part:                    -4.17 %"),
        "{t}"
    );
    assert!(
        t.contains("percent errors relative to actual, (F − A)/A: (5) equals (1)"),
        "{t}"
    );
}

#[test]
fn periods_get_their_own_measures() {
    let args = [
        "accuracy",
        "measures",
        &fixture("accuracy_daily.csv"),
        "--period-column",
        "week",
    ];
    let j = json(&args);
    let rows = j["measures"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["period"], "all");
    assert_eq!(rows[1]["period"], "w1");
    // w1: errors +10, −20, 0 over 400 actual.
    close(&rows[1]["wape"], 30.0 / 400.0, 1e-12);
    close(&rows[1]["bias"], -10.0 / 3.0, 1e-12);
    close(&rows[1]["error_of_totals"], -10.0 / 400.0, 1e-12);
    // w2: +15, −5 over 200.
    close(&rows[2]["over"], 15.0 / 200.0, 1e-12);
    close(&rows[2]["under"], -5.0 / 200.0, 1e-12);
    let t = table(&args);
    assert!(
        predicate::str::is_match(r"w2\s+2\s+200\.0\s+210\.0\s+10\.000")
            .unwrap()
            .eval(&t),
        "{t}"
    );
}

#[test]
fn relative_to_forecast_breaks_the_first_identity_only() {
    let j = json(&[
        "accuracy",
        "measures",
        &fixture("accuracy_daily.csv"),
        "--relative-to",
        "forecast",
    ]);
    assert_eq!(j["relative_to"], "forecast");
    let total_a: f64 = ACTUAL.iter().sum();
    // (5) relative to forecast: Σ (A_t/ΣA)·(F_t − A_t)/F_t.
    let five: f64 = ACTUAL
        .iter()
        .zip(&FORECAST)
        .map(|(a, f)| a / total_a * (f - a) / f)
        .sum();
    close(&j["weighted_percent_error"], five, 1e-12);
    close(&j["error_of_totals"], 0.0, 1e-12);
    assert!(five.abs() > 1e-3);
    let f = |k: &str| j[k].as_f64().unwrap();
    assert!((f("over") + f("under").abs() - f("weighted_absolute_percent_error")).abs() < 1e-15);
    // MAPE stays relative to actual.
    close(&j["mape"], 0.08, 1e-12);
}

#[test]
fn mase_and_rmsse_scale_by_the_training_series() {
    let j = json(&[
        "accuracy",
        "measures",
        &fixture("accuracy_daily.csv"),
        "--training",
        &fixture("accuracy_training.csv"),
        "--season",
        "2",
    ]);
    // Training 10, 20, 12, 24, 15 at lag 2: errors 2, 4, 3 → MAE 3, MSE 29/3.
    close(&j["mase"], 10.0 / 3.0, 1e-12);
    close(&j["rmsse"], (150.0_f64 / (29.0 / 3.0)).sqrt(), 1e-12);
    assert_eq!(j["season"], 2);
}

#[test]
fn actuals_from_another_file_pair_row_by_row() {
    let out = cx()
        .args([
            "accuracy",
            "measures",
            &fixture("accuracy_forecast_only.csv"),
            "--actuals",
            &fixture("accuracy_daily.csv"),
        ])
        .arg("--format")
        .arg("json")
        .output()
        .unwrap();
    assert!(out.status.success());
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    close(&j["wape"], 50.0 / 600.0, 1e-12);
}

#[test]
fn csv_output_is_the_measures_table() {
    let out = cx()
        .args(["--format", "csv", "accuracy", "measures"])
        .arg(fixture("accuracy_daily.csv"))
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.starts_with("period,count,total_actual,total_forecast,mae,mse,rmse,bias,mape,smape,wape,mase,rmsse,error_of_totals,"),
        "{s}"
    );
    assert!(
        s.lines()
            .nth(1)
            .unwrap()
            .starts_with("all,5,600,600,10,150,"),
        "{s}"
    );
}

#[test]
fn a_zero_actual_stops_mape_unless_dropped() {
    cx().args(["accuracy", "measures", &fixture("accuracy_zero.csv")])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "accuracy_zero.csv, line 3, column 'actual': the actual is 0, so MAPE is undefined",
        ));
    let j = json(&[
        "accuracy",
        "measures",
        &fixture("accuracy_zero.csv"),
        "--zero-actuals",
        "drop",
    ]);
    // Non-zero actuals: 10/100 and 10/100.
    close(&j["mape"], 0.1, 1e-12);
    close(&j["wape"], 25.0 / 200.0, 1e-12);
    assert!(j["weighted_absolute_percent_error"].is_null());
    assert_eq!(j["zero_actuals"], "drop");
}

#[test]
fn malformed_inputs_name_file_line_and_column() {
    cx().args(["accuracy", "measures", &fixture("accuracy_bad_cell.csv")])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "accuracy_bad_cell.csv, line 3, column 'forecast': expected a number, found \"lots\"",
        ));
    cx().args(["accuracy", "measures", &fixture("accuracy_daily.csv")])
        .args(["--forecast-column", "prediction"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("missing column 'prediction'"));
    cx().args([
        "accuracy",
        "measures",
        &fixture("accuracy_forecast_only.csv"),
    ])
    .args(["--actuals", &fixture("accuracy_actuals_short.csv")])
    .assert()
    .code(1)
    .stdout("")
    .stderr(
        predicate::str::contains("mismatched lengths")
            .and(predicate::str::contains("has 5 rows but")),
    );
}

#[test]
fn actuals_count_contacts_per_interval_and_day() {
    let args = [
        "accuracy",
        "actuals",
        &fixture("contacts.csv"),
        "--interval",
        "1h",
        "--deadlines",
        &fixture("deadlines.csv"),
    ];
    let j = json(&args);
    assert_eq!(j["records"], 7);
    assert_eq!(j["offered"], 7);
    assert_eq!(j["answered"], 5);
    assert_eq!(j["abandoned"], 2);
    close(&j["aht_seconds"], 1500.0 / 5.0, 1e-12);
    close(&j["asa_seconds"], 105.0 / 5.0, 1e-12);
    close(&j["abandonment_rate"], 2.0 / 7.0, 1e-12);
    // Within 20 s: answered waits 10, 5, 20 (≤ T); abandoned within: 15.
    close(&j["sl_over_offered"], 3.0 / 7.0, 1e-12);
    close(&j["sl_over_answered"], 3.0 / 5.0, 1e-12);
    close(&j["sl_over_offered_less_short_abandons"], 3.0 / 6.0, 1e-12);
    close(&j["sl_wait_ended_over_offered"], 4.0 / 7.0, 1e-12);
    // Two whole days of hourly intervals, zeros included.
    let intervals = j["intervals"].as_array().unwrap();
    assert_eq!(intervals.len(), 48);
    assert_eq!(intervals[8]["start"], "2026-11-02T08:00:00");
    assert_eq!(intervals[8]["offered"], 4);
    assert_eq!(intervals[0]["offered"], 0);
    assert!(intervals[0]["aht_seconds"].is_null());
    let days = j["days"].as_array().unwrap();
    assert_eq!(days[1]["date"], "2026-11-03");
    assert_eq!(days[1]["offered"], 2);
    // b2c first reactions 30, 90, 45 s: median 45; 60 s deadline met by 2 of 3.
    let p = j["percentiles"].as_array().unwrap();
    let b2c = p
        .iter()
        .find(|r| r["request_type"] == "b2c" && r["p"] == 0.5)
        .unwrap();
    close(&b2c["first_reaction_seconds"], 45.0, 1e-12);
    let d = j["deadlines"].as_array().unwrap();
    assert_eq!(d[0]["request_type"], "b2c");
    assert_eq!(d[0]["first_reaction_met"], 2);
    assert_eq!(d[0]["first_reaction_total"], 3);
    assert!(d[0]["resolution_limit_seconds"].is_null());
    assert_eq!(d[1]["resolution_met"], 1);
    close(&d[1]["resolution_share"], 0.5, 1e-12);

    let t = table(&args);
    assert!(t.contains("SL answered within T / offered:"), "{t}");
    assert!(
        predicate::str::is_match(r"2026-11-02T08:00:00\s+4\s+2\s+2\s+300\.0\s+20\.0")
            .unwrap()
            .eval(&t),
        "{t}"
    );
    assert!(
        predicate::str::is_match(r"b2c\s+60\s+2\s+3\s+66\.7 %")
            .unwrap()
            .eval(&t),
        "{t}"
    );
}

#[test]
fn bad_records_name_file_line_and_column() {
    cx().args(["accuracy", "actuals", &fixture("contacts_bad_time.csv")])
        .args(["--interval", "1h"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "contacts_bad_time.csv, line 3, column 'arrival': expected a local date and time",
        ));
    cx().args(["accuracy", "actuals", "-", "--interval", "1h"])
        .write_stdin("arrival,outcome,wait_seconds,handle_seconds\n2026-11-02T08:00,hung up,3,\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "<stdin>, line 2, column 'outcome': expected answered or abandoned",
        ));
    cx().args([
        "accuracy",
        "actuals",
        "-",
        "--interval",
        "1h",
        "--wait-column",
        "wait",
    ])
    .write_stdin("arrival,outcome,wait,handle_seconds\n2026-11-02T08:00,answered,3,100\n")
    .assert()
    .code(2)
    .stderr(predicate::str::contains("--time-unit"));
}

#[test]
fn help_shows_examples() {
    for sub in ["measures", "actuals"] {
        cx().args(["accuracy", sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Examples:\n  cx accuracy"));
    }
    cx().args(["accuracy", "actuals", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("YYYY-MM-DDTHH:MM[:SS]"));
}

#[test]
fn prediction_intervals_are_scored_overall_and_per_period() {
    let args = [
        "accuracy",
        "measures",
        &fixture("accuracy_intervals.csv"),
        "--period-column",
        "week",
        "--lower-column",
        "lower",
        "--upper-column",
        "upper",
        "--level",
        "80%",
    ];
    let j = json(&args);
    // By hand: widths 30, 40, 40, 30, 30, 36; 150 is 10 above [100, 140] and 60 is 15 below
    // [75, 105], each miss costing 2/0.2 = 10 times its distance: (206 + 100 + 150) / 6 = 76.
    close(&j["interval_level"], 0.8, 1e-15);
    close(&j["interval_coverage"], 4.0 / 6.0, 1e-15);
    close(&j["interval_below"], 1.0 / 6.0, 1e-15);
    close(&j["interval_above"], 1.0 / 6.0, 1e-15);
    close(&j["interval_mean_width"], 206.0 / 6.0, 1e-12);
    close(&j["interval_score"], 76.0, 1e-12);
    // scipy.stats.binomtest(2, 6, 0.2).pvalue = 0.34464; Kupiec's LR 0.5848 → chi2.sf 0.44446.
    close(&j["interval_exact_p"], 0.34464, 1e-9);
    close(&j["interval_kupiec_p"], 0.444_464_245_512_326_8, 1e-9);
    assert!(j["interval_msis"].is_null());
    let rows = j["intervals"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1]["period"], "w1");
    close(
        &rows[1]["interval_score"],
        (30.0 + 40.0 + 140.0) / 3.0,
        1e-12,
    );
    close(
        &rows[2]["interval_score"],
        (30.0 + 180.0 + 36.0) / 3.0,
        1e-12,
    );
    let t = table(&args);
    assert!(t.contains("prediction intervals per period"), "{t}");
    assert!(t.contains("Winkler score"), "{t}");
}

#[test]
fn interval_flags_come_together_and_crossed_bounds_name_the_line() {
    cx().args(["accuracy", "measures", &fixture("accuracy_intervals.csv")])
        .args(["--lower-column", "lower", "--level", "80%"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--upper-column"));
    cx().args([
        "accuracy",
        "measures",
        &fixture("accuracy_intervals_crossed.csv"),
    ])
    .args(["--lower-column", "lower", "--upper-column", "upper"])
    .args(["--level", "0.8"])
    .assert()
    .code(1)
    .stdout("")
    .stderr(predicate::str::contains(
        "accuracy_intervals_crossed.csv, line 3, column 'lower': the lower bound 215 is above the upper bound 180",
    ));
}
