//! End-to-end tests of `cx forecast`: models, intervals, calendar, backtest, the pipe into
//! `cx staffing plan`, and malformed histories.

#![allow(clippy::unwrap_used)]

mod common;

use common::{close, cx, fixture, json, table};
use predicates::prelude::*;

/// The daily fixture's values, read back with plain CSV handling.
fn daily_values() -> Vec<f64> {
    std::fs::read_to_string(fixture("daily_history.csv"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("start"))
        .map(|l| l.split(',').nth(1).unwrap().parse().unwrap())
        .collect()
}

#[test]
fn seasonal_naive_repeats_last_week_with_widening_intervals() {
    let j = json(&[
        "forecast",
        &fixture("daily_history.csv"),
        "--interval",
        "24h",
        "--model",
        "seasonal-naive",
        "--season",
        "7d",
        "--horizon",
        "14d",
        "--level",
        "80%",
        "--closed-weekdays",
        "sun",
    ]);
    let y = daily_values();
    let last_week = &y[y.len() - 7..];
    let rows = j["forecast"].as_array().unwrap();
    assert_eq!(rows.len(), 14);
    assert_eq!(j["forecast_start"], "2026-11-30");
    assert_eq!(rows[0]["start"], "2026-11-30");
    for (h, row) in rows.iter().enumerate() {
        close(&row["calls"], last_week[h % 7], 1e-9);
        let (lo, hi) = (
            row["lower"].as_f64().unwrap(),
            row["upper"].as_f64().unwrap(),
        );
        assert!(lo <= row["calls"].as_f64().unwrap() && hi >= row["calls"].as_f64().unwrap());
    }
    // Sundays are closed: exactly 0 with a zero-width interval.
    assert_eq!(rows[6]["open"], false);
    close(&rows[6]["calls"], 0.0, 0.0);
    close(&rows[6]["upper"], 0.0, 0.0);
    // The second week is two seasons ahead: wider by √2.
    let width = |r: &serde_json::Value| r["upper"].as_f64().unwrap() - r["lower"].as_f64().unwrap();
    assert!((width(&rows[7]) / width(&rows[0]) - 2f64.sqrt()).abs() < 1e-9);
    assert_eq!(j["level"], 0.8);
    assert_eq!(j["model"], "seasonal-naive");
}

#[test]
fn holt_winters_reports_its_parameters_and_a_backtest() {
    let args = [
        "forecast",
        &fixture("daily_history.csv"),
        "--interval",
        "24h",
        "--season",
        "7d",
        "--damped",
        "--horizon",
        "7d",
        "--closed-weekdays",
        "sun",
        "--backtest",
        "5w",
    ];
    let j = json(&args);
    assert_eq!(j["model"], "holt-winters");
    assert_eq!(j["damped"], true);
    let phi = j["phi"].as_f64().unwrap();
    assert!((0.8..=0.98).contains(&phi), "{phi}");
    assert_eq!(j["backtest_folds"], 3); // origins after 35, 42 and 49 days
    assert_eq!(j["backtest_count"], 18); // six open days each
    assert!(j["backtest_wape"].as_f64().unwrap() < 0.1);
    let folds = j["backtest"].as_array().unwrap();
    assert_eq!(folds[0]["origin"], "2026-11-09");
    let rows = j["forecast"].as_array().unwrap();
    assert!(rows[0]["lower"].is_null());
    let total: f64 = rows.iter().map(|r| r["calls"].as_f64().unwrap()).sum();
    close(&j["total_forecast"], total, 1e-9);
    let t = table(&args);
    assert!(t.contains("model:               holt-winters"), "{t}");
    assert!(t.contains("rolling-origin backtest"), "{t}");
    assert!(
        predicate::str::is_match(r"2026-12-06\s+0\.0\s+–\s+–\s+no")
            .unwrap()
            .eval(&t),
        "{t}"
    );
}

#[test]
fn the_day_profile_model_follows_business_hours() {
    let j = json(&[
        "forecast",
        &fixture("hourly_history.csv"),
        "--interval",
        "1h",
        "--model",
        "day-profile",
        "--horizon",
        "2d",
        "--level",
        "0.8",
        "--open",
        "08:00-20:00",
        "--closed-weekdays",
        "sun",
        "--closed-dates",
        "2026-12-01",
    ]);
    let rows = j["forecast"].as_array().unwrap();
    assert_eq!(rows.len(), 48);
    assert_eq!(rows[0]["start"], "2026-11-30T00:00:00");
    for (h, r) in rows.iter().enumerate() {
        let open = h < 24 && (8..20).contains(&(h % 24));
        assert_eq!(r["open"], open, "hour {h}");
        if !open {
            close(&r["calls"], 0.0, 0.0);
        }
    }
    // A Monday of about 240 × 1.03 calls.
    let monday: f64 = rows[..24]
        .iter()
        .map(|r| r["calls"].as_f64().unwrap())
        .sum();
    assert!((monday - 247.0).abs() < 15.0, "{monday}");
    assert_eq!(j["season_slots"], 168);
}

#[test]
fn a_forecast_csv_pipes_into_the_staffing_plan() {
    let out = cx()
        .args(["--format", "csv", "forecast"])
        .arg(fixture("hourly_history.csv"))
        .args([
            "--interval",
            "1h",
            "--model",
            "seasonal-naive",
            "--horizon",
            "1d",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("start,calls,lower,upper,open\n"), "{csv}");
    let plan = cx()
        .args(["--format", "json", "staffing", "plan", "-"])
        .args(["--interval", "1h", "--aht", "4m", "--sl", "80%/20s"])
        .write_stdin(csv.clone())
        .output()
        .unwrap();
    assert!(
        plan.status.success(),
        "{}",
        String::from_utf8_lossy(&plan.stderr)
    );
    let j: serde_json::Value = serde_json::from_slice(&plan.stdout).unwrap();
    let intervals = j["intervals"].as_array().unwrap();
    assert_eq!(intervals.len(), 24);
    assert_eq!(intervals[8]["label"], "2026-11-30T08:00:00");
    // Seasonal naive over a week: Monday 2026-11-30 08:00 repeats Monday 2026-11-23 08:00.
    let history = std::fs::read_to_string(fixture("hourly_history.csv")).unwrap();
    let week_ago: f64 = history
        .lines()
        .find(|l| l.starts_with("2026-11-23T08:00"))
        .unwrap()
        .split(',')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    close(&intervals[8]["volume"], week_ago, 1e-9);
    assert_eq!(intervals[0]["required_agents"], 0);
    assert!(intervals[12]["required_agents"].as_u64().unwrap() >= 2);
}

#[test]
fn malformed_histories_are_refused_with_their_place() {
    cx().args(["forecast", &fixture("history_gap.csv")])
        .args([
            "--interval",
            "24h",
            "--model",
            "seasonal-naive",
            "--season",
            "1d",
            "--horizon",
            "1d",
        ])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "history_gap.csv, line 4, column 'start': expected 2026-11-04T00:00:00",
        ));
    cx().args(["forecast", "-", "--interval", "24h", "--horizon", "1d"])
        .args(["--model", "seasonal-naive", "--season", "1d"])
        .write_stdin("start,calls\n2026-11-02,100\n2026-11-03,many\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "<stdin>, line 3, column 'calls': expected a number, found \"many\"",
        ));
    cx().args(["forecast", "-", "--interval", "1h", "--horizon", "1d"])
        .write_stdin("start,calls\n2026-11-02 25:00,100\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "line 2, column 'start': expected a local date",
        ));
    cx().args(["forecast", &fixture("daily_history.csv")])
        .args(["--interval", "24h", "--horizon", "36h"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--horizon: expected a whole number",
        ));
    cx().args(["forecast", &fixture("daily_history.csv")])
        .args(["--interval", "24h", "--horizon", "7"])
        .assert()
        .code(2);
    cx().args(["forecast", &fixture("daily_history.csv")])
        .args([
            "--interval",
            "24h",
            "--horizon",
            "7d",
            "--value-column",
            "volume",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("missing column 'volume'"));
    // Holt–Winters needs two seasons.
    cx().args(["forecast", &fixture("history_gap.csv")])
        .args(["--interval", "24h", "--horizon", "7d"])
        .assert()
        .code(1);
}

#[test]
fn help_shows_examples_and_the_timestamp_format() {
    cx().args(["forecast", "--help"]).assert().success().stdout(
        predicate::str::contains("YYYY-MM-DDTHH:MM")
            .and(predicate::str::contains("Examples:\n  cx forecast")),
    );
}

#[test]
fn actuals_from_contact_records_read_back_as_a_history() {
    let out = cx()
        .args(["--format", "csv", "accuracy", "actuals"])
        .arg(fixture("contacts.csv"))
        .args(["--interval", "1h"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let j = {
        let f = cx()
            .args([
                "--format",
                "json",
                "forecast",
                "-",
                "--value-column",
                "offered",
            ])
            .args([
                "--interval",
                "1h",
                "--model",
                "seasonal-naive",
                "--season",
                "1d",
            ])
            .args(["--horizon", "1d"])
            .write_stdin(out.stdout)
            .output()
            .unwrap();
        assert!(f.status.success(), "{}", String::from_utf8_lossy(&f.stderr));
        serde_json::from_slice::<serde_json::Value>(&f.stdout).unwrap()
    };
    // The second day (2026-11-03) had 2 contacts at 08:00 and none at 09:00.
    let rows = j["forecast"].as_array().unwrap();
    assert_eq!(rows[8]["start"], "2026-11-04T08:00:00");
    close(&rows[8]["calls"], 2.0, 0.0);
    close(&rows[9]["calls"], 0.0, 0.0);
    assert_eq!(j["history_slots"], 48);
}

#[test]
fn a_backtest_at_a_level_scores_its_prediction_intervals() {
    let base = [
        "forecast",
        &fixture("daily_history.csv"),
        "--interval",
        "24h",
        "--model",
        "seasonal-naive",
        "--season",
        "7d",
        "--horizon",
        "7d",
        "--closed-weekdays",
        "sun",
        "--backtest",
        "5w",
    ];
    let mut args = base.to_vec();
    args.extend(["--level", "80%"]);
    let j = json(&args);
    assert_eq!(j["backtest_count"], 18);
    let folds = j["backtest"].as_array().unwrap();
    assert_eq!(folds.len(), 3);
    // The overall coverage is the points-weighted mean of the folds' (six points each), and
    // the shares below, inside and above add up to 1.
    let mean_cov: f64 = folds
        .iter()
        .map(|f| f["coverage"].as_f64().unwrap())
        .sum::<f64>()
        / 3.0;
    close(&j["backtest_interval_coverage"], mean_cov, 1e-12);
    let (c, b, a) = (
        j["backtest_interval_coverage"].as_f64().unwrap(),
        j["backtest_interval_below"].as_f64().unwrap(),
        j["backtest_interval_above"].as_f64().unwrap(),
    );
    close(&serde_json::json!(c + b + a), 1.0, 1e-12);
    assert!(
        j["backtest_interval_score"].as_f64().unwrap()
            >= j["backtest_interval_mean_width"].as_f64().unwrap()
    );
    let p = j["backtest_interval_exact_p"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&p));
    // Without a level, the backtest has no interval columns.
    let plain = json(&base);
    assert!(plain.get("backtest_interval_coverage").is_none());
    assert!(plain["backtest"][0].get("coverage").is_none());
}
