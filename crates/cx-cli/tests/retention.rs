//! End-to-end tests of `cx retention`: the binary run on the fixtures, tables and JSON checked
//! against published worked examples and those of the cx-retention docs.

#![allow(clippy::unwrap_used)]

mod common;

use std::fmt::Write as _;

use common::{close, cx, fixture, json, table};
use predicates::prelude::*;

/// The source article's year: 200 at the start, 150 new, 140 lost → 210, retention 30 %,
/// churn 70 % (the article's own churn formula gives −70 %).
#[test]
fn the_documents_year_has_retention_30_and_churn_70_percent() {
    let args = [
        "retention",
        "counts",
        "--start",
        "200",
        "--new",
        "150",
        "--lost",
        "140",
    ];
    let j = json(&args);
    let p = &j["periods"][0];
    assert_eq!(p["at_end"], 210);
    assert_eq!(p["retention_rate"], 0.3);
    assert_eq!(p["churn_rate"], 0.7);
    assert_eq!(p["negated_churn_rate"], -0.7);
    let t = table(&args);
    assert!(
        predicate::str::is_match(r"200\s+150\s+140\s+210\s+30\.0 %\s+70\.0 %\s+-70\.0 %")
            .unwrap()
            .eval(&t),
        "{t}"
    );
}

#[test]
fn losing_more_than_there_were_is_refused() {
    cx().args([
        "retention",
        "counts",
        "--start",
        "10",
        "--new",
        "5",
        "--lost",
        "16",
    ])
    .assert()
    .code(1)
    .stdout("")
    .stderr(predicate::str::contains(
        "16 customers lost but only 15 available",
    ));
}

/// The SubscriptionAccumulator example of cx-retention: January starts with 2, gains 1 and
/// loses 2 (one of them joined and left within January).
#[test]
fn subscriptions_give_per_period_counts_with_the_loss_split() {
    let f = fixture("subscriptions.csv");
    let j = json(&[
        "retention",
        "periods",
        &f,
        "--from",
        "2024-01-01",
        "--to",
        "2024-03-01",
    ]);
    assert_eq!(j["kind"], "subscriptions");
    assert_eq!(j["customers"], 3);
    let jan = &j["periods"][0];
    assert_eq!(jan["period"], "2024-01");
    assert_eq!(jan["start"], "2024-01-01");
    assert_eq!(jan["end"], "2024-02-01");
    assert_eq!(
        [&jan["at_start"], &jan["new"], &jan["lost"], &jan["at_end"]].map(|v| v.as_u64().unwrap()),
        [2, 1, 2, 1]
    );
    assert_eq!(
        (
            jan["lost_from_start"].as_u64(),
            jan["lost_from_new"].as_u64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(jan["start_base_retention_rate"], 0.5);
    assert_eq!(j["periods"].as_array().unwrap().len(), 2);
}

/// The README workflow of cx-retention: March starts with 3, loses 1, ends with 2; February's
/// revenue retention is NRR 90 %, GRR 80 %.
#[test]
fn activity_events_give_counts_and_revenue_retention() {
    let f = fixture("events.csv");
    let args = [
        "retention",
        "periods",
        &f,
        "--from",
        "2024-01-01",
        "--to",
        "2024-04-01",
    ];
    let j = json(&args);
    assert_eq!(j["kind"], "activity");
    assert_eq!(j["lapse"], 1);
    let p = j["periods"].as_array().unwrap();
    assert!(
        p[0]["retention_rate"].is_null(),
        "January starts with nobody"
    );
    assert_eq!(p[1]["net_revenue_retention"], 0.9);
    assert_eq!(p[1]["gross_revenue_retention"], 0.8);
    assert_eq!(p[1]["revenue_start_minor"], 10_000);
    assert_eq!(p[1]["expansion_minor"], 1_000);
    assert_eq!(p[1]["contraction_minor"], 2_000);
    assert_eq!(
        (
            p[2]["at_start"].as_u64(),
            p[2]["lost"].as_u64(),
            p[2]["at_end"].as_u64()
        ),
        (Some(3), Some(1), Some(2))
    );
    close(&p[2]["retention_rate"], 2.0 / 3.0, 1e-15);
    let t = table(&args);
    assert!(
        predicate::str::is_match(
            r"2024-02\s+2\s+1\s+0\s+3\s+100\.0 %\s+0\.0 %\s+90\.0 %\s+80\.0 %"
        )
        .unwrap()
        .eval(&t),
        "{t}"
    );
    assert!(
        predicate::str::is_match(r"2024-01\s+0\s+2\s+0\s+2\s+–")
            .unwrap()
            .eval(&t),
        "{t}"
    );
}

#[test]
fn csv_output_of_periods_has_stable_field_names() {
    let f = fixture("events.csv");
    cx().args(["--format", "csv", "retention", "periods", &f, "--from", "2024-01-01", "--to", "2024-04-01"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "period,start,end,at_start,new,lost,at_end,retention_rate,churn_rate,net_growth_rate,\
lost_from_start,lost_from_new,start_base_retention_rate,start_base_churn_rate,\
revenue_start_minor,expansion_minor,contraction_minor,churned_revenue_minor,new_revenue_minor,\
revenue_end_minor,net_revenue_retention,gross_revenue_retention\n2024-01,2024-01-01,2024-02-01,0,2,0,2,,",
        ));
}

/// The cohort example of cx-retention's README: January's two customers, one left by March;
/// cohort NRR at age 2 is 60 %.
#[test]
fn cohort_tables_come_long_for_machines_and_as_a_triangle_for_people() {
    let f = fixture("events.csv");
    let base = [
        "retention",
        "cohorts",
        &f,
        "--from",
        "2024-01-01",
        "--to",
        "2024-04-01",
    ];
    let j = json(&base);
    let cells = j["cohorts"].as_array().unwrap();
    assert_eq!(cells.len(), 6, "a triangle of 3 + 2 + 1 cells");
    let jan: Vec<_> = cells.iter().filter(|c| c["cohort"] == "2024-01").collect();
    assert_eq!(jan[1]["survivors"], 2);
    assert_eq!(jan[2]["survivors"], 1);
    assert_eq!(jan[2]["survival_rate"], 0.5);
    assert_eq!(jan[2]["net_revenue_retention"], 0.6);
    assert_eq!(jan[2]["period"], "2024-03");
    assert_eq!(j["cohort_summary"][0]["size"], 2);
    close(
        &j["cohort_summary"][0]["historical_ltv_minor"],
        12_500.0,
        1e-9,
    );
    assert!(j.get("triangle").is_none());

    let mut args = base.to_vec();
    args.extend(["--metric", "nrr"]);
    let t = table(&args);
    assert!(
        t.contains("Net revenue retention by periods since acquisition:"),
        "{t}"
    );
    assert!(
        predicate::str::is_match(r"2024-01\s+2\s+100\.0 %\s+90\.0 %\s+60\.0 %")
            .unwrap()
            .eval(&t),
        "{t}"
    );
}

#[test]
fn revenue_metrics_need_revenue() {
    let f = fixture("subscriptions.csv");
    cx().args([
        "retention",
        "cohorts",
        &f,
        "--from",
        "2024-01-01",
        "--to",
        "2024-03-01",
        "--metric",
        "grr",
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains("revenue column"));
}

/// Fader & Hardie (2007), regular segment, years 0–7: α ≈ 0.704, β ≈ 1.182, and 170.04 of
/// 1000 projected for year 12 (actual 173).
#[test]
fn sbg_fits_the_regular_segment_and_projects_year_12() {
    let args = [
        "retention",
        "sbg",
        "--survivors",
        "1000,631,468,382,326,289,262,241",
        "--horizon",
        "12",
    ];
    let j = json(&args);
    close(&j["alpha"], 0.704, 5e-4);
    close(&j["beta"], 1.182, 5e-4);
    let curve = j["curve"].as_array().unwrap();
    assert_eq!(curve.len(), 13);
    close(&curve[12]["expected_survivors"], 170.04, 0.01);
    assert!(curve[12]["observed"].is_null());
    assert_eq!(curve[7]["observed"], 241);
    let t = table(&args);
    assert!(
        predicate::str::is_match(r"(?m)^\s+12\s+–\s+170\.04")
            .unwrap()
            .eval(&t),
        "{t}"
    );
    assert!(t.contains("alpha:"), "{t}");
}

#[test]
fn sbg_reads_survivors_from_a_file_and_values_a_customer_with_derl() {
    let j = json(&[
        "retention",
        "sbg",
        "--file",
        &fixture("survivors.csv"),
        "--derl-discount",
        "0.1",
    ]);
    assert_eq!(j["cohort_size"], 1000);
    assert_eq!(
        j["curve"].as_array().unwrap().len(),
        13,
        "default horizon: five periods past the data"
    );
    assert_eq!(j["derl_renewal"], 8);
    close(&j["derl"], 6.842315, 5e-6);
}

#[test]
fn sbg_refuses_counts_that_cannot_be_fitted() {
    cx().args(["retention", "sbg", "--survivors", "100,120,90"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot fit the sBG model"));
}

/// The Kaplan–Meier example of cx-retention's README: Ŝ(60) = 0.375, median 60.
#[test]
fn kaplan_meier_of_four_tenures() {
    let f = fixture("tenures.csv");
    let j = json(&["retention", "km", &f]);
    assert_eq!(j["subjects"], 4);
    assert_eq!(j["median"], 60.0);
    let rows = j["curve"].as_array().unwrap();
    assert_eq!(rows[2]["time"], 60.0);
    assert_eq!(rows[2]["survival"], 0.375);
    assert_eq!(rows[1]["censored"], 1);
    let t = table(&["retention", "km", &f]);
    assert!(t.contains("median lifetime:     60.0"), "{t}");
    assert!(
        predicate::str::is_match(r"60\.0\s+2\s+1\s+0\s+37\.5 %")
            .unwrap()
            .eval(&t),
        "{t}"
    );
}

#[test]
fn kaplan_meier_from_dates_censors_at_the_observation_day() {
    let f = fixture("tenure_dates.csv");
    let j = json(&["retention", "km", &f, "--as-of", "2024-05-01"]);
    let rows = j["curve"].as_array().unwrap();
    // a: 30 days, churned; c: 60 days, churned; b and d still active on 2024-05-01.
    assert_eq!(
        (rows[0]["time"].as_f64(), rows[0]["churned"].as_u64()),
        (Some(30.0), Some(1))
    );
    assert_eq!(
        (rows[1]["time"].as_f64(), rows[1]["churned"].as_u64()),
        (Some(60.0), Some(1))
    );
    assert_eq!(rows[3]["time"], 121.0);
    assert_eq!(rows[3]["censored"], 1);
    cx().args(["retention", "km", &f])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--as-of"));
}

#[test]
fn a_bad_date_is_named_by_file_line_and_column() {
    cx().args([
        "retention",
        "periods",
        &fixture("bad_date.csv"),
        "--from",
        "2024-01-01",
        "--to",
        "2024-03-01",
    ])
    .assert()
    .code(1)
    .stdout("")
    .stderr(predicate::str::contains(
        "bad_date.csv, line 3, column 'start': expected a date as YYYY-MM-DD, found \"2024-13-01\"",
    ));
}

#[test]
fn a_bad_flag_in_a_tenure_file_is_named() {
    let csv = "duration,churned\n10,1\n20,maybe\n";
    cx().args(["retention", "km", "-"])
        .write_stdin(csv)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "<stdin>, line 3, column 'churned': expected 1/0",
        ));
}

#[test]
fn a_short_record_is_named_by_line() {
    cx().args([
        "retention",
        "periods",
        &fixture("ragged.csv"),
        "--from",
        "2024-01-01",
        "--to",
        "2024-03-01",
    ])
    .assert()
    .code(1)
    .stderr(predicate::str::contains(
        "ragged.csv, line 3: expected 3 fields as in the header row, found 2",
    ));
}

#[test]
fn overlapping_subscriptions_are_named_by_line() {
    cx().args([
        "retention",
        "periods",
        &fixture("overlapping.csv"),
        "--from",
        "2024-01-01",
        "--to",
        "2024-03-01",
    ])
    .assert()
    .code(1)
    .stderr(predicate::str::contains(
        "overlapping.csv, line 3: subscription starting 2024-02-01 overlaps",
    ));
    // The line comes from the record's position, also when records repeat a start date.
    let csv = "customer,start,end\na,2024-01-01,2024-01-09\nb,2024-01-05,2024-01-20\nb,2024-02-01,2024-02-03\nb,2024-02-01,2024-02-03\n";
    cx().args([
        "retention",
        "periods",
        "-",
        "--from",
        "2024-01-01",
        "--to",
        "2024-03-01",
    ])
    .write_stdin(csv)
    .assert()
    .code(1)
    .stderr(predicate::str::contains(
        "<stdin>, line 5: subscription starting 2024-02-01 overlaps",
    ));
    // A later record with the same start does not take the blame.
    let csv = "customer,start,end\na,2024-01-01,2024-01-09\na,2024-02-09,2024-02-01\na,2024-02-09,2024-02-20\n";
    cx().args([
        "retention",
        "periods",
        "-",
        "--from",
        "2024-01-01",
        "--to",
        "2024-03-01",
    ])
    .write_stdin(csv)
    .assert()
    .code(1)
    .stderr(predicate::str::contains(
        "<stdin>, line 3: end 2024-02-01 is not after start 2024-02-09",
    ));
}

/// A tenure that starts after `--as-of` is blamed on its start, not on an "end" that is
/// really the as-of date.
#[test]
fn a_tenure_starting_after_the_as_of_date_names_the_start_and_the_as_of_date() {
    let csv = "customer,start,end\na,2024-01-01,2024-01-31\nb,2024-03-01,\n";
    let out = cx()
        .args(["retention", "km", "-", "--as-of", "2024-02-15"])
        .write_stdin(csv)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "<stdin>, line 3, column 'start': start 2024-03-01 is after --as-of 2024-02-15",
        ))
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("not after start"), "{err}");
    // The same from a file: its name, line and column.
    let dir = std::env::temp_dir().join(format!("cx-km-as-of-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("tenures.csv");
    std::fs::write(&path, csv).unwrap();
    let file = path.to_str().unwrap();
    cx().args(["retention", "km", file, "--as-of", "2024-02-15"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "{file}, line 3, column 'start': start 2024-03-01 is after --as-of 2024-02-15"
        )));
    std::fs::remove_dir_all(&dir).unwrap();
    // An end before its start is still about the end.
    cx().args(["retention", "km", "-", "--as-of", "2024-06-01"])
        .write_stdin("customer,start,end\na,2024-03-01,2024-02-01\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "<stdin>, line 2, column 'end': end 2024-02-01 is not after start 2024-03-01",
        ));
    // Joining on the as-of date itself is a tenure of 0 days, censored.
    let j = json(&[
        "retention",
        "km",
        &fixture("tenure_dates.csv"),
        "--as-of",
        "2024-03-01",
    ]);
    assert_eq!(j["subjects"], 4);
}

/// Survivor counts from a file or standard input: errors name the source, and the line of
/// the offending count, or the counts as a whole.
#[test]
fn sbg_errors_on_a_file_name_the_source_and_line() {
    let sbg = |csv: &str| {
        cx().args(["retention", "sbg", "--file", "-"])
            .write_stdin(csv.to_owned())
            .assert()
            .code(1)
            .stdout("")
    };
    sbg("survivors\n0\n0\n0\n").stderr(predicate::str::contains(
        "<stdin>, line 2, column 'survivors': cannot fit the sBG model to this survivor count: the cohort starts with 0 customers",
    ));
    sbg("# a cohort\nsurvivors\n100\n90\n95\n").stderr(predicate::str::contains(
        "<stdin>, line 5, column 'survivors': cannot fit the sBG model to this survivor count: survivor counts must not increase",
    ));
    sbg("survivors\n100\n0\n0\n").stderr(predicate::str::contains(
        "<stdin>, line 3, column 'survivors': cannot fit the sBG model to this survivor count: everybody churned in the first period",
    ));
    sbg("survivors\n100\n90\n").stderr(predicate::str::contains(
        "<stdin>: cannot fit the sBG model to column 'survivors' (2 rows): need the starting count and at least two later counts",
    ));
    sbg("survivors\n100\n100\n100\n").stderr(predicate::str::contains(
        "<stdin>: cannot fit the sBG model to column 'survivors' (3 rows): nobody churned",
    ));
    sbg("survivors\n").stderr(predicate::str::contains(
        "<stdin>: no rows (expected one survivor count per period in column 'survivors'",
    ));
    // A file is named by its path.
    let f = fixture("encoding/survivors_header_only.csv");
    cx().args(["retention", "sbg", "--file", &f])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(format!("{f}: no rows")));
    // Counts on the command line are named by their position.
    cx().args(["retention", "sbg", "--survivors", "100,120,90"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "--survivors count 2 (120): survivor counts must not increase",
        ));
}

#[test]
fn a_customer_split_across_the_file_is_refused() {
    cx().args([
        "retention",
        "periods",
        &fixture("split_customer.csv"),
        "--from",
        "2024-01-01",
        "--to",
        "2024-03-01",
    ])
    .assert()
    .code(1)
    .stderr(predicate::str::contains(
        "line 4, column 'customer': customer 'a' appears again",
    ));
}

#[test]
fn a_file_with_neither_layout_is_refused_with_what_was_expected() {
    cx().args([
        "retention",
        "periods",
        &fixture("tenures.csv"),
        "--from",
        "2024-01-01",
        "--to",
        "2024-03-01",
    ])
    .assert()
    .code(1)
    .stderr(predicate::str::contains(
        "missing column 'start' (subscriptions) or 'date' (activity events)",
    ));
}

#[test]
fn an_unreadable_file_is_an_io_error() {
    cx().args(["retention", "km", &fixture("missing.csv")])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("missing.csv"));
}

#[test]
fn a_window_that_ends_before_it_starts_is_a_usage_error() {
    cx().args([
        "retention",
        "periods",
        &fixture("events.csv"),
        "--from",
        "2024-03-01",
        "--to",
        "2024-01-01",
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains("--from/--to"));
}

/// 200,000 events of 20,000 customers stream through standard input in one pass; the counts
/// agree with what the generator put in (every customer active January to their last month).
#[test]
fn a_large_event_stream_is_counted_in_one_pass() {
    let mut csv = String::from("customer,date,revenue\n");
    let customers = 20_000u32;
    for c in 0..customers {
        let last = c % 10 + 1; // active in months 1..=last, then gone
        for m in 1..=last {
            writeln!(csv, "C{c:05},2024-{m:02}-15,10.00").unwrap();
        }
    }
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
            "2025-01-01",
        ])
        .write_stdin(csv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["customers"], u64::from(customers));
    let p = j["periods"].as_array().unwrap();
    assert_eq!(p[0]["new"], u64::from(customers));
    // A tenth of the customers stop after each month: lost in the following one.
    assert_eq!(p[1]["lost"], 2_000);
    assert_eq!(p[10]["at_start"], 2_000);
    assert_eq!(p[10]["at_end"], 0);
    assert!(p[11]["retention_rate"].is_null());
}

#[test]
fn every_subcommand_has_help_with_an_example() {
    for sub in ["counts", "periods", "cohorts", "sbg", "km"] {
        cx().args(["retention", sub, "--help"])
            .assert()
            .success()
            .stdout(
                predicate::str::contains("Example").and(predicate::str::contains("cx retention")),
            );
    }
    cx().arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
}

#[test]
fn no_progress_bar_or_other_noise_reaches_a_pipe() {
    // Without --quiet, stderr is a pipe here: nothing may be drawn on it.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cx"))
        .args(["retention", "km", &fixture("tenures.csv")])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Fiscal years from April: a March loss belongs to the fiscal year that started the previous
/// April; labels name fiscal years by the calendar year they start in.
#[test]
fn fiscal_years_and_quarters_from_april() {
    let f = fixture("subscriptions_fiscal.csv");
    let base = [
        "retention",
        "periods",
        f.as_str(),
        "--from",
        "2023-04-01",
        "--to",
        "2025-04-01",
    ];
    let mut args = base.to_vec();
    args.extend(["--period", "fiscal-year", "--fiscal-start", "apr"]);
    let j = json(&args);
    assert_eq!(j["period"], "fiscal year (from April)");
    let rows = j["periods"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (&rows[0]["period"], &rows[0]["start"]),
        (&"FY2023".into(), &"2023-04-01".into())
    );
    assert_eq!(
        [
            &rows[0]["at_start"],
            &rows[0]["new"],
            &rows[0]["lost"],
            &rows[0]["at_end"]
        ]
        .map(|v| v.as_u64().unwrap()),
        [2, 1, 1, 2]
    );
    assert_eq!(rows[1]["lost_from_new"], 1);
    let mut args = base.to_vec();
    args.extend(["--period", "fiscal-quarter", "--fiscal-start", "4"]);
    let j = json(&args);
    let rows = j["periods"].as_array().unwrap();
    assert_eq!(rows.len(), 8);
    assert_eq!(rows[3]["period"], "FY2023-Q4");
    assert_eq!(rows[3]["start"], "2024-01-01");
    // Fiscal periods without their start month, or with a bad one, are usage errors.
    let mut args = base.to_vec();
    args.extend(["--period", "fiscal-year"]);
    cx().args(&args)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--fiscal-start"));
    let mut args = base.to_vec();
    args.extend(["--period", "fiscal-year", "--fiscal-start", "13"]);
    cx().args(&args).assert().code(2).stdout("");
}

#[test]
fn a_fiscal_start_without_a_fiscal_period_is_a_usage_error() {
    let f = fixture("subscriptions_fiscal.csv");
    cx().args([
        "retention",
        "periods",
        &f,
        "--from",
        "2024-01-01",
        "--to",
        "2024-03-01",
    ])
    .args(["--period", "month", "--fiscal-start", "apr"])
    .assert()
    .code(2)
    .stdout("")
    .stderr(predicate::str::contains("--fiscal-start applies only"));
}
