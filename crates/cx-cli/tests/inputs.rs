//! End-to-end tests of awkward but common CSV files, for every kind of input: a UTF-8
//! byte-order mark and CRLF line ends must read exactly like the clean file (same JSON), and an
//! empty or header-only file must fail with a message naming it and print nothing.
//!
//! The fixtures are in `tests/fixtures/encoding/` (copies of the clean fixtures; see its
//! README).

#![allow(clippy::unwrap_used)]

mod common;

use common::{cx, fixture, json};
use predicates::prelude::*;

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xef\xbb\xbf";

/// One kind of input: the clean fixture's name and the arguments around the file name.
struct Input {
    /// The clean fixture (without `.csv`), also the stem of its `_bom` and `_crlf` copies.
    fixture: &'static str,
    /// The arguments before the file name.
    before: &'static [&'static str],
    /// The arguments after the file name.
    after: &'static [&'static str],
}

const SURVEY: Input = Input {
    fixture: "survey_small",
    before: &["survey", "nps"],
    after: &["--column", "likelihood_to_recommend", "--by", "channel"],
};

const ACCURACY: Input = Input {
    fixture: "accuracy_daily",
    before: &["accuracy", "measures"],
    after: &["--period-column", "week"],
};

const PLAN: Input = Input {
    fixture: "intraday_forecast",
    before: &["staffing", "plan"],
    after: &["--interval", "30m", "--sl", "80%/20s", "--shrinkage", "30%"],
};

const SUBSCRIPTIONS: Input = Input {
    fixture: "subscriptions",
    before: &["retention", "periods"],
    after: &["--from", "2023-11-01", "--to", "2024-03-01"],
};

const COHORTS: Input = Input {
    fixture: "subscriptions",
    before: &["retention", "cohorts"],
    after: &["--from", "2023-11-01", "--to", "2024-03-01"],
};

const TENURES: Input = Input {
    fixture: "tenures",
    before: &["retention", "km"],
    after: &[],
};

const TENURE_DATES: Input = Input {
    fixture: "tenure_dates",
    before: &["retention", "km"],
    after: &["--as-of", "2024-05-01"],
};

const SURVIVORS: Input = Input {
    fixture: "survivors",
    before: &["retention", "sbg", "--file"],
    after: &["--derl-discount", "0.1"],
};

const ALL: [&Input; 8] = [
    &SURVEY,
    &ACCURACY,
    &PLAN,
    &SUBSCRIPTIONS,
    &COHORTS,
    &TENURES,
    &TENURE_DATES,
    &SURVIVORS,
];

impl Input {
    fn args<'a>(&self, file: &'a str) -> Vec<&'a str> {
        let mut v: Vec<&str> = self.before.to_vec();
        v.push(file);
        v.extend_from_slice(self.after);
        v
    }

    /// Runs the command on `file` and expects a clean failure: status 1, nothing on standard
    /// output, a message naming the file and saying `expected`.
    fn fails(&self, file: &str, expected: &str) {
        cx().args(self.args(file))
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::starts_with(format!("cx: error: {file}: ")))
            .stderr(predicate::str::contains(expected));
    }
}

fn encoded(name: &str) -> String {
    fixture(&format!("encoding/{name}.csv"))
}

#[test]
fn the_encoding_fixtures_have_the_bytes_they_claim() {
    for input in ALL {
        let clean = std::fs::read(fixture(&format!("{}.csv", input.fixture))).unwrap();
        let bom = std::fs::read(encoded(&format!("{}_bom", input.fixture))).unwrap();
        let crlf = std::fs::read(encoded(&format!("{}_crlf", input.fixture))).unwrap();
        assert!(
            !clean.starts_with(BOM) && !clean.contains(&b'\r'),
            "{}",
            input.fixture
        );
        assert_eq!(bom[..BOM.len()], *BOM, "{}", input.fixture);
        assert_eq!(bom[BOM.len()..], clean[..], "{}", input.fixture);
        let lf = String::from_utf8(crlf.clone())
            .unwrap()
            .replace("\r\n", "\n");
        assert_eq!(lf.as_bytes(), &clean[..], "{}", input.fixture);
        assert_eq!(
            crlf.iter().filter(|&&b| b == b'\r').count(),
            clean.iter().filter(|&&b| b == b'\n').count(),
            "every line of {} ends in CRLF",
            input.fixture
        );
    }
    assert!(std::fs::read(encoded("empty")).unwrap().is_empty());
}

#[test]
fn a_byte_order_mark_reads_exactly_like_the_clean_file() {
    for input in ALL {
        let clean = json(&input.args(&fixture(&format!("{}.csv", input.fixture))));
        let bom = json(&input.args(&encoded(&format!("{}_bom", input.fixture))));
        assert_eq!(bom, clean, "{} with a byte-order mark", input.fixture);
    }
}

#[test]
fn crlf_line_ends_read_exactly_like_the_clean_file() {
    for input in ALL {
        let clean = json(&input.args(&fixture(&format!("{}.csv", input.fixture))));
        let crlf = json(&input.args(&encoded(&format!("{}_crlf", input.fixture))));
        assert_eq!(crlf, clean, "{} with CRLF line ends", input.fixture);
    }
}

#[test]
fn a_byte_order_mark_and_crlf_on_standard_input_read_like_the_clean_file() {
    let clean = json(&SURVEY.args(&fixture("survey_small.csv")));
    for name in ["survey_small_bom", "survey_small_crlf"] {
        let bytes = std::fs::read(encoded(name)).unwrap();
        let out = cx()
            .arg("--format")
            .arg("json")
            .args(SURVEY.args("-"))
            .write_stdin(bytes)
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}");
        let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(j, clean, "{name} on standard input");
    }
}

#[test]
fn an_empty_file_fails_asking_for_a_header_row() {
    let empty = encoded("empty");
    for input in ALL {
        input.fails(&empty, "expected a header row naming the columns");
    }
}

#[test]
fn an_empty_standard_input_fails_naming_stdin() {
    for input in [&SURVEY, &ACCURACY, &PLAN, &SUBSCRIPTIONS, &TENURES] {
        cx().args(input.args("-"))
            .write_stdin("")
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains(
                "<stdin>: expected a header row naming the columns",
            ));
    }
}

#[test]
fn a_header_only_file_fails_asking_for_data_rows() {
    let cases: [(&Input, &str, &str); 7] = [
        (
            &SURVEY,
            "survey_header_only",
            "no answers in column 'likelihood_to_recommend' (expected at least one",
        ),
        (
            &ACCURACY,
            "accuracy_header_only",
            "no rows (expected at least one pair of actual and forecast)",
        ),
        (
            &PLAN,
            "plan_header_only",
            "no intervals (expected at least one row)",
        ),
        (
            &SUBSCRIPTIONS,
            "subscriptions_header_only",
            "no records (expected at least one data row)",
        ),
        (
            &COHORTS,
            "subscriptions_header_only",
            "no records (expected at least one data row)",
        ),
        (
            &TENURES,
            "tenures_header_only",
            "no tenures (expected at least one data row)",
        ),
        (
            &SURVIVORS,
            "survivors_header_only",
            "no rows (expected one survivor count per period in column 'survivors'",
        ),
    ];
    for (input, name, expected) in cases {
        input.fails(&encoded(name), expected);
    }
}

#[test]
fn a_header_only_file_with_a_byte_order_mark_and_crlf_fails_the_same_way() {
    let dir = std::env::temp_dir().join(format!("cx-inputs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("plan_header_only_bom_crlf.csv");
    std::fs::write(&path, b"\xef\xbb\xbfstart,calls,aht_seconds\r\n").unwrap();
    let file = path.to_str().unwrap().to_owned();
    PLAN.fails(&file, "no intervals (expected at least one row)");
    std::fs::remove_dir_all(&dir).unwrap();
}
