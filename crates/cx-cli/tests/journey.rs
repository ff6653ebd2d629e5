//! End-to-end tests of `cx journey`: the delivery example counted by hand (steps, variants,
//! directly-follows counts, funnel), survey answers joined by case id, the graph texts, and
//! malformed inputs.

#![allow(clippy::unwrap_used)]

mod common;

use common::{close, cx, fixture, json, table};
use predicates::prelude::*;

fn log() -> String {
    fixture("journey_log.csv")
}

#[test]
fn steps_and_variants_match_the_hand_count() {
    let j = json(&[
        "journey",
        &log(),
        "--case",
        "case_id",
        "--time",
        "ts",
        "--step",
        "step",
    ]);
    assert_eq!(j["cases"], 4);
    assert_eq!(j["events"], 11);
    assert_eq!(j["distinct_variants"], 3);
    assert_eq!(j["distinct_steps"], 3);
    // Durations 20, 10, 12, 20 minutes: median 16 minutes.
    close(&j["median_case_seconds"], 960.0, 1e-9);
    let steps = j["steps"].as_array().unwrap();
    let track = steps.iter().find(|s| s["step"] == "Track").unwrap();
    assert_eq!(track["reach"], 4);
    assert_eq!(track["entries"], 6);
    assert_eq!(track["repeats"], 2);
    assert_eq!(track["exits"], 2);
    assert_eq!(track["succeeded"], 4);
    assert_eq!(track["failed"], 2);
    // Time in Track: 5, 10, 2, 5 minutes → median 5 minutes.
    close(&track["median_seconds"], 300.0, 1e-9);
    let v = j["variants"].as_array().unwrap();
    assert_eq!(v[0]["path"], "Track > Chat > Track");
    assert_eq!(v[0]["cases"], 2);
    close(&v[0]["share"], 0.5, 1e-12);
    let f = j["directly_follows"].as_array().unwrap();
    assert_eq!(f[0]["from"], "Track");
    assert_eq!(f[0]["to"], "Chat");
    assert_eq!(f[0]["count"], 3);
}

#[test]
fn funnel_gives_conversion_with_wilson_intervals() {
    let j = json(&[
        "journey",
        &log(),
        "--time",
        "ts",
        "--funnel",
        "Track,Chat,Call",
    ]);
    let f = j["funnel"].as_array().unwrap();
    let reached: Vec<u64> = f.iter().map(|s| s["reached"].as_u64().unwrap()).collect();
    assert_eq!(reached, [4, 3, 1]);
    // Wilson 1/3 at 95 %: (0.06149194472039621, 0.7923403991979522), closed form with scipy.
    close(&f[2]["conversion"], 1.0 / 3.0, 1e-12);
    close(&f[2]["lower"], 0.06149194472039621, 1e-12);
    close(&f[2]["upper"], 0.7923403991979522, 1e-12);
    close(&f[2]["overall"], 0.25, 1e-12);
}

#[test]
fn survey_answers_join_by_case_and_step() {
    let j = json(&[
        "journey",
        &log(),
        "--time",
        "ts",
        "--survey",
        &fixture("journey_answers.csv"),
        "--metric",
        "nps",
    ]);
    assert_eq!(j["survey_answers"], 6);
    assert_eq!(j["survey_unmatched"], 1);
    let p = j["scores_by_persona"].as_array().unwrap();
    // regular: 9 and 10, two promoters → NPS 100; new: 2 and 6 → NPS −100.
    assert_eq!(p[0]["persona"], "new");
    close(&p[0]["score"], -100.0, 1e-9);
    close(&p[1]["score"], 100.0, 1e-9);
    let s = j["scores_by_step"].as_array().unwrap();
    assert_eq!(s[0]["step"], "Call");
    assert_eq!(s[0]["n"], 1);
    let e = j["step_effects"].as_array().unwrap();
    let call = e.iter().find(|x| x["step"] == "Call").unwrap();
    // With Call: b (2), c (6) → −100; without: a (9), d (10) → 100; difference −200.
    close(&call["difference"], -200.0, 1e-9);
    assert_eq!(call["n_with"], 2);
}

#[test]
fn graphs_are_mermaid_and_dot_text() {
    let m = table(&["journey", &log(), "--time", "ts", "--graph", "mermaid"]);
    assert!(m.starts_with("flowchart LR\n"), "{m}");
    assert!(m.contains("s2 -->|3| s1"), "{m}");
    let d = table(&["journey", &log(), "--time", "ts", "--graph", "dot"]);
    assert!(d.starts_with("digraph journeys {"), "{d}");
    assert!(d.contains("s2 -> s1 [label=\"3\"];"), "{d}");
}

#[test]
fn table_and_csv_outputs_render() {
    let t = table(&["journey", &log(), "--time", "ts"]);
    assert!(t.contains("Variants (most frequent first)"), "{t}");
    assert!(t.contains("Track > Chat > Track"), "{t}");
    let out = cx()
        .args(["--format", "csv", "journey", &log(), "--time", "ts"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("step,reach,entries,repeats,exits"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 4);
}

#[test]
fn bad_inputs_are_refused_with_their_place() {
    cx().args(["journey", &fixture("journey_bad_time.csv"), "--time", "ts"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("line 3, column 'ts'"));
    cx().args(["journey", &log(), "--time", "missing"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("missing column 'missing'"));
    cx().args(["journey", &log(), "--time", "ts", "--funnel", "Track,Pay"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("\"Pay\" does not occur"));
    cx().args([
        "journey",
        &log(),
        "--time",
        "ts",
        "--survey",
        &fixture("journey_answers.csv"),
        "--metric",
        "csat",
    ])
    .assert()
    .code(1)
    .stderr(predicate::str::contains("score"));
}
