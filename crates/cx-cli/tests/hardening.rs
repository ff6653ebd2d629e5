//! Hardening: bounded work and output at the extremes, one rule per message (issue "Hardening").

#![allow(clippy::unwrap_used)]

mod common;

use common::{cx, json};

/// `ltr` answers: one good answer, then `bad` unreadable cells.
fn bad_answers(bad: usize) -> Vec<u8> {
    let mut s = String::with_capacity(8 + 2 * bad);
    s.push_str("ltr\n10\n");
    for _ in 0..bad {
        s.push_str("x\n");
    }
    s.into_bytes()
}

#[test]
fn a_million_skipped_cells_list_the_first_hundred_and_count_the_rest() {
    let out = cx()
        .args(["--format", "json", "survey", "nps", "-", "--column", "ltr"])
        .arg("--skip-invalid")
        .write_stdin(bad_answers(1_000_000))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // 100 warnings and one summary line, not a million.
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.matches("cx: warning: skipped").count(), 100, "{err}");
    assert!(
        err.contains("999900 more cells skipped and not listed (1000000 in all"),
        "{err}"
    );
    assert!(err.len() < 20_000, "{} bytes of warnings", err.len());
    assert!(
        out.stdout.len() < 50_000,
        "{} bytes of output",
        out.stdout.len()
    );
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["skipped"], 1_000_000);
    assert_eq!(j["skipped_unlisted"], 999_900);
    let cells = j["skipped_cells"].as_array().unwrap();
    assert_eq!(cells.len(), 100);
    // Positions: the header is line 1, the good answer line 2, the first bad cell line 3.
    assert_eq!(cells[0]["line"], 3);
    assert_eq!(cells[0]["column"], "ltr");
    assert_eq!(cells[99]["line"], 102);
}

#[test]
fn list_skipped_changes_how_many_are_listed_within_its_bound() {
    let out = cx()
        .args(["--format", "json", "survey", "nps", "-", "--column", "ltr"])
        .args(["--skip-invalid", "--list-skipped", "3"])
        .write_stdin(bad_answers(10))
        .output()
        .unwrap();
    assert!(out.status.success());
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["skipped"], 10);
    assert_eq!(j["skipped_unlisted"], 7);
    assert_eq!(j["skipped_cells"].as_array().unwrap().len(), 3);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.matches("cx: warning: skipped").count(), 3, "{err}");

    let out = cx()
        .args(["survey", "nps", "-", "--column", "ltr", "--skip-invalid"])
        .args(["--list-skipped", "10001"])
        .write_stdin(bad_answers(1))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("from 0 to 10000, found \"10001\""), "{err}");
}

#[test]
fn a_huge_skipped_cell_is_listed_shortened() {
    let mut input = b"ltr\n10\n".to_vec();
    input.extend(std::iter::repeat_n(b'y', 1_000_000));
    input.push(b'\n');
    let out = cx()
        .args(["--format", "json", "survey", "nps", "-", "--column", "ltr"])
        .arg("--skip-invalid")
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.len() < 5_000, "{} bytes", out.stdout.len());
    assert!(out.stderr.len() < 5_000, "{} bytes", out.stderr.len());
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let value = j["skipped_cells"][0]["value"].as_str().unwrap();
    assert_eq!(value.chars().count(), 201);
    assert!(value.ends_with('…'));
}

#[test]
fn erlang_c_with_only_a_full_occupancy_ceiling_answers_the_whole_agents() {
    let j = json(&[
        "staffing",
        "erlang-c",
        "--erlangs",
        "10",
        "--aht",
        "180s",
        "--max-occupancy",
        "100%",
    ]);
    // The fewest whole number of agents above a load of 10 Erlangs (the library's answer).
    assert_eq!(j["required_agents"], 11);
    assert!(j["fractional_agents"].is_null());
}
