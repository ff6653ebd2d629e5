//! End-to-end tests of `cx scale`: the binary run on the fixtures, tables and JSON checked.

#![allow(clippy::unwrap_used)]

mod common;

use common::{close, cx, fixture, json, table};
use predicates::prelude::*;

/// The published cross-scale example: 58 % in 8–10 of 1–10, but 77.3 % in 7–10, the
/// exact image of the benchmark's 5–7 of 1–7, against a best practice of 75 %.
#[test]
fn csat_of_58_percent_is_77_3_percent_against_a_1_to_7_benchmark() {
    let f = fixture("csat_1_to_10_published.csv");
    let args = [
        "scale",
        "benchmark",
        &f,
        "--scale",
        "1..=10",
        "--benchmark-scale",
        "1..=7",
        "--band",
        "5..=7",
        "--at-least",
        "75",
        "--measured-band",
        "8..=10",
    ];
    let j = json(&args);
    close(&j["measured_share"], 0.58, 1e-12);
    let r = &j["results"][0];
    assert_eq!(r["mapped_band"], "7..=10");
    assert_eq!(r["exact_image"], "7..=10");
    assert_eq!(r["is_exact"], true);
    assert_eq!(r["policy"], "exact-only");
    close(&r["share"], 0.773, 1e-12);
    assert_eq!(r["meets"], true);
    close(&r["gap_points"], 2.3, 1e-9);
    assert_eq!(j["target"], 0.75);

    let t = table(&args);
    assert!(t.contains("share as measured: 58.0 %"), "{t}");
    assert!(
        predicate::str::is_match(r"exact-only\s+7\.\.=10\s+7\.\.=10\s+yes\s+77\.3 %\s+yes\s+2\.3")
            .unwrap()
            .eval(&t),
        "{t}"
    );
}

#[test]
fn csv_output_of_the_benchmark_is_one_header_and_one_row() {
    let f = fixture("csat_1_to_10_published.csv");
    cx().args(["--format", "csv", "scale", "benchmark", &f, "--scale", "1-10"])
        .args(["--benchmark-scale", "1-7", "--band", "top3", "--at-least", "75"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "method,policy,mapped_band,exact_image,is_exact,share,meets,gap_points,error\nendpoints,exact-only,7..=10,7..=10,true,0.773",
        ));
}

#[test]
fn point_shares_disagree_and_say_so_under_every_policy() {
    let f = fixture("csat_1_to_10_published.csv");
    let j = json(&[
        "scale",
        "benchmark",
        &f,
        "--scale",
        "1..=10",
        "--benchmark-scale",
        "1..=7",
        "--band",
        "5..=7",
        "--at-least",
        "75",
        "--method",
        "point-shares",
        "--policy",
        "all",
    ]);
    let rows = j["results"].as_array().unwrap();
    assert_eq!(rows.len(), 5);
    assert!(
        rows[0]["share"].is_null(),
        "exact-only cannot map 5 of 1–7 by point shares"
    );
    assert!(rows[0]["error"].as_str().unwrap().contains("47/7"));
    assert!(rows[1]["error"].is_null());
    assert_eq!(rows[1]["policy"], "conservative");
    assert_eq!(rows[1]["exact_image"], "47/7..=10");
    close(&rows[1]["share"], 0.773, 1e-12);
    assert_eq!(rows[2]["mapped_band"], "6..=10");
    close(&rows[2]["share"], 0.854, 1e-12);
}

#[test]
fn exact_only_refuses_a_band_edge_between_points_and_names_the_way_out() {
    let f = fixture("csat_1_to_10_published.csv");
    cx().args([
        "scale",
        "benchmark",
        &f,
        "--scale",
        "1..=10",
        "--benchmark-scale",
        "1..=5",
    ])
    .args(["--band", "top2", "--at-least", "85"])
    .assert()
    .code(1)
    .stdout("")
    .stderr(predicate::str::contains("not a point").and(predicate::str::contains("conservative")));
}

#[test]
fn conversion_of_1_to_10_onto_1_to_7_matches_the_documents_table() {
    let j = json(&["scale", "convert", "--from", "1..=10", "--to", "1..=7"]);
    assert_eq!(j["slope"], "2/3");
    assert_eq!(j["intercept"], "1/3");
    let v = j["values"].as_array().unwrap();
    let decimals: Vec<String> = v
        .iter()
        .map(|r| format!("{:.2}", r["decimal"].as_f64().unwrap()))
        .collect();
    assert_eq!(
        decimals,
        [
            "1.00", "1.67", "2.33", "3.00", "3.67", "4.33", "5.00", "5.67", "6.33", "7.00"
        ]
    );
    assert_eq!(v[6]["exact"], "5");
    assert_eq!(v[6]["on_point"], true);
    assert_eq!(v[1]["exact"], "5/3");
    let t = table(&["scale", "convert", "--from", "1..=10", "--to", "1..=7", "7"]);
    assert!(t.contains("7      5       5.0000  yes"), "{t}");
}

#[test]
fn decimals_and_fractions_convert_exactly() {
    let j = json(&[
        "scale", "convert", "--from", "0-10", "--to", "1-5", "9", "4.5", "23/5",
    ]);
    let v = j["values"].as_array().unwrap();
    assert_eq!(v[0]["exact"], "23/5");
    assert_eq!(v[1]["exact"], "14/5");
    assert_eq!(v[2]["exact"], "71/25"); // 1 + 2/5 · 23/5
    // And back: 23/5 on 1–5 is exactly 9 on 0–10.
    let back = json(&[
        "scale", "convert", "--from", "1..=5", "--to", "0..=10", "23/5",
    ]);
    assert_eq!(back["values"][0]["exact"], "9");
}

#[test]
fn a_value_outside_the_source_scale_is_refused() {
    cx().args([
        "scale", "convert", "--from", "0..=10", "--to", "1..=5", "11",
    ])
    .assert()
    .code(1)
    .stdout("")
    .stderr(predicate::str::contains("11").and(predicate::str::contains("0..=10")));
}

#[test]
fn the_promoter_threshold_maps_to_23_fifths_and_each_policy_rounds_its_own_way() {
    let j = json(&["scale", "band", "--from", "0..=10", "--to", "1..=5", ">=9"]);
    assert_eq!(j["exact_image"], "23/5..=5");
    let rows = j["bands"].as_array().unwrap();
    let by = |p: &str| rows.iter().find(|r| r["policy"] == p).unwrap().clone();
    assert!(by("exact-only")["error"].as_str().unwrap().contains("23/5"));
    assert_eq!(by("conservative")["mapped_band"], "5..=5");
    assert_eq!(by("liberal")["mapped_band"], "4..=5");
    assert_eq!(by("nearest")["mapped_band"], "5..=5");
    assert_eq!(by("interpolated")["lo"], "23/5");
    assert!(by("interpolated")["mapped_band"].is_null());
}

#[test]
fn one_policy_that_fails_is_an_error() {
    cx().args([
        "scale",
        "band",
        "--from",
        "0..=10",
        "--to",
        "1..=5",
        "top2",
        "--policy",
        "exact-only",
    ])
    .assert()
    .code(1)
    .stderr(predicate::str::contains("23/5"));
}

#[test]
fn a_1_to_5_distribution_carried_to_1_to_10_keeps_its_mean() {
    // 3 lands on 5.5 (half to 5, half to 6), 4 on 7.75, 5 on 10: the library's doc example.
    let f = fixture("answers.csv");
    let j = json(&[
        "scale",
        "distribution",
        &f,
        "--scale",
        "1..=5",
        "--column",
        "satisfaction",
        "--to",
        "1..=10",
    ]);
    assert_eq!(j["n"], 7);
    assert_eq!(j["blank"], 1);
    assert_eq!(j["input_form"], "answers");
    let mean = j["mean"].as_f64().unwrap();
    close(&j["converted_mean"], 9.0 / 4.0 * mean - 5.0 / 4.0, 1e-12);
    let d = j["distribution"].as_array().unwrap();
    assert_eq!(d.len(), 10);
    let total: f64 = d.iter().map(|r| r["percent"].as_f64().unwrap()).sum();
    assert!((total - 100.0).abs() < 1e-9);
    assert!(
        j.get("input").is_none(),
        "the input table is for people only"
    );
}

#[test]
fn labelled_answers_are_read_with_their_scale() {
    let f = fixture("answers.csv");
    let j = json(&[
        "scale",
        "distribution",
        &f,
        "--scale",
        "1..=7",
        "--column",
        "effort",
        "--labels",
        "ces",
        "--to",
        "1..=5",
    ]);
    assert_eq!(j["n"], 8);
    close(&j["mean"], 4.75, 1e-12);
}

#[test]
fn a_count_table_is_a_distribution() {
    let j = json(&[
        "scale",
        "distribution",
        &fixture("nps_counts.csv"),
        "--scale",
        "0..=10",
        "--to",
        "1..=5",
    ]);
    assert_eq!(j["input_form"], "counts");
    assert_eq!(j["n"], 100);
    close(&j["mean"], 7.8, 1e-12);
    // 10 → 5 and 0 → 1 exactly; 8 → 21/5, split 80/20 between 4 and 5.
    let p: Vec<f64> = j["distribution"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["percent"].as_f64().unwrap())
        .collect();
    assert!(
        (p[0] - 20.0).abs() < 1e-9 && (p[3] - 8.0).abs() < 1e-9 && (p[4] - 72.0).abs() < 1e-9,
        "{p:?}"
    );
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let csv = std::fs::read_to_string(fixture("csat_1_to_10_published.csv")).unwrap();
    let out = cx()
        .args([
            "--format",
            "json",
            "scale",
            "benchmark",
            "-",
            "--scale",
            "1..=10",
        ])
        .args([
            "--benchmark-scale",
            "1..=7",
            "--band",
            ">=5",
            "--at-least",
            "75",
        ])
        .write_stdin(csv)
        .output()
        .unwrap();
    assert!(out.status.success());
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    close(&j["results"][0]["share"], 0.773, 1e-12);
}

#[test]
fn a_bad_cell_is_named_by_file_line_and_column() {
    let f = fixture("bad_cell.csv");
    cx().args([
        "scale",
        "distribution",
        &f,
        "--scale",
        "1..=5",
        "--column",
        "satisfaction",
        "--to",
        "0..=10",
    ])
    .assert()
    .code(1)
    .stdout("")
    .stderr(predicate::str::contains(
        "bad_cell.csv, line 3, column 'satisfaction'",
    ))
    .stderr(predicate::str::contains("\"four\""));
}

#[test]
fn an_off_scale_answer_is_refused_with_its_place_and_the_scale() {
    let f = fixture("off_scale.csv");
    cx().args([
        "--format",
        "json",
        "scale",
        "distribution",
        &f,
        "--scale",
        "1..=5",
    ])
    .args(["--column", "satisfaction", "--to", "0..=10"])
    .assert()
    .code(1)
    .stdout("")
    .stderr(predicate::str::contains(
        "off_scale.csv, line 4, column 'satisfaction'",
    ))
    .stderr(predicate::str::contains(
        "answer 6 is not a point of the scale 1..=5",
    ));
}

#[test]
fn a_repeated_or_off_scale_point_of_a_table_is_named_by_line() {
    let run = |csv: &str| {
        cx().args([
            "scale",
            "distribution",
            "-",
            "--scale",
            "1..=5",
            "--to",
            "0..=10",
        ])
        .write_stdin(csv.to_owned())
        .assert()
        .code(1)
        .stdout("")
    };
    run("point,count\n1,3\n5,4\n2,1\n5,2\n").stderr(predicate::str::contains(
        "<stdin>, line 5, column 'point': point 5 appears more than once (first on line 3;",
    ));
    run("point,percent\n1,50\n5,50\n5,0\n").stderr(predicate::str::contains(
        "<stdin>, line 4, column 'point': point 5 appears more than once (first on line 3;",
    ));
    run("point,percent\n1,50\n9,50\n").stderr(predicate::str::contains(
        "<stdin>, line 3, column 'point': answer 9 is not a point of the scale 1..=5",
    ));
    run("point,percent\n1,-5\n5,105\n").stderr(predicate::str::contains(
        "<stdin>, line 2, column 'percent': expected a percentage in 0..=100, found -5",
    ));
}

#[test]
fn a_bad_cell_after_comment_lines_is_counted_on_the_right_line() {
    let csv = std::fs::read_to_string(fixture("csat_1_to_10_published.csv")).unwrap();
    let broken = csv.replace("6,8.1", "6,8.x");
    cx().args([
        "scale",
        "distribution",
        "-",
        "--scale",
        "1..=10",
        "--to",
        "1..=7",
    ])
    .write_stdin(broken)
    .assert()
    .code(1)
    .stderr(predicate::str::contains(
        "<stdin>, line 8, column 'percent'",
    ));
}

#[test]
fn a_missing_column_lists_the_columns_there_are() {
    let f = fixture("answers.csv");
    cx().args([
        "scale",
        "distribution",
        &f,
        "--scale",
        "1..=5",
        "--column",
        "csat",
        "--to",
        "1..=7",
    ])
    .assert()
    .code(1)
    .stderr(predicate::str::contains("missing column 'csat'"))
    .stderr(predicate::str::contains("'satisfaction'"));
}

#[test]
fn a_percent_table_that_does_not_add_up_is_refused() {
    cx().args([
        "scale",
        "distribution",
        &fixture("bad_percent_sum.csv"),
        "--scale",
        "1..=5",
        "--to",
        "1..=7",
    ])
    .assert()
    .code(1)
    .stderr(predicate::str::contains("add up to 90"));
}

#[test]
fn an_unreadable_file_is_an_io_error() {
    cx().args([
        "scale",
        "distribution",
        &fixture("no_such_file.csv"),
        "--scale",
        "1..=5",
        "--to",
        "1..=7",
    ])
    .assert()
    .code(3)
    .stdout("")
    .stderr(predicate::str::contains("no_such_file.csv"));
}

#[test]
fn a_bad_scale_on_the_command_line_is_a_usage_error() {
    cx().args(["scale", "convert", "--from", "ten", "--to", "1..=7"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "expected a scale such as 1..=10 or 0-10",
        ));
}

#[test]
fn every_subcommand_has_help_with_an_example() {
    for sub in ["convert", "band", "distribution", "benchmark"] {
        cx().args(["scale", sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Example").and(predicate::str::contains("cx scale")));
    }
    cx().args(["scale", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:\n  cx scale convert"));
}

#[test]
fn a_semicolon_file_with_decimal_commas_gives_the_same_77_3_percent() {
    let j = json(&[
        "--delimiter",
        ";",
        "scale",
        "benchmark",
        &fixture("csat_semicolon.csv"),
        "--scale",
        "1..=10",
        "--benchmark-scale",
        "1..=7",
        "--band",
        "5..=7",
        "--at-least",
        "75",
    ]);
    close(&j["results"][0]["share"], 0.773, 1e-12);
}

#[test]
fn invalid_utf8_is_named_by_line_and_field() {
    cx().args([
        "scale",
        "distribution",
        "-",
        "--scale",
        "1..=5",
        "--column",
        "score",
        "--to",
        "1..=7",
    ])
    .write_stdin(b"id,score\n1,5\n2,\xff\n".to_vec())
    .assert()
    .code(1)
    .stdout("")
    .stderr(predicate::str::contains(
        "<stdin>, line 3: expected UTF-8 text",
    ));
}
