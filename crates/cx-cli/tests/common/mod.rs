//! Helpers shared by the end-to-end tests: the `cx` binary and the fixtures folder.

#![allow(dead_code, clippy::unwrap_used)]

use assert_cmd::Command;

/// The `cx` binary built by Cargo for the tests, with no progress bar.
pub(crate) fn cx() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cx"));
    c.arg("--quiet");
    c
}

/// The path of a fixture file.
pub(crate) fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Runs `cx --format json ARGS…`, expects success and parses the output.
pub(crate) fn json(args: &[&str]) -> serde_json::Value {
    let out = cx()
        .arg("--format")
        .arg("json")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "cx {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "unexpected stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Runs `cx ARGS…` (human table), expects success and returns standard output.
pub(crate) fn table(args: &[&str]) -> String {
    let out = cx().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "cx {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Asserts `|a − b| ≤ tol`.
pub(crate) fn close(a: &serde_json::Value, b: f64, tol: f64) {
    let a = a.as_f64().unwrap_or_else(|| panic!("not a number: {a}"));
    assert!((a - b).abs() <= tol, "{a} is not within {tol} of {b}");
}
