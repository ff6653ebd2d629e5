//! The configuration reads from JSON (as written by hand) and round-trips; unknown fields and
//! bad values are refused with messages that name them.
#![cfg(feature = "serde")]

use wfm_sim::{Config, Model, RunSettings};

const TWO_TYPES: &str = r#"{
  "interval_seconds": 1800,
  "call_types": [
    { "name": "sales", "volumes": [100, 120], "answer_within_seconds": 20,
      "handle_time": { "kind": "lognormal", "mean_seconds": 240, "sd_seconds": 120 },
      "patience": { "kind": "exponential", "mean_seconds": 180 } },
    { "name": "service", "volumes": [80, 60], "answer_within_seconds": 30,
      "handle_time": { "kind": "empirical", "seconds": [120, 200, 400] } }
  ],
  "groups": [
    { "name": "sales team", "headcount": [14, 16], "skills": [{ "call_type": "sales" }] },
    { "name": "generalists", "headcount": [10, 9],
      "skills": [{ "call_type": "service" },
                 { "call_type": "sales", "priority": 2, "overflow_after_seconds": 20 }],
      "reserve": { "agents": 1, "for_call_type": "service" } }
  ]
}"#;

#[test]
fn a_hand_written_configuration_reads_validates_and_round_trips() {
    let c: Config = serde_json::from_str(TWO_TYPES).expect("reads");
    let m = Model::new(&c).expect("valid");
    assert_eq!((m.call_types(), m.groups(), m.intervals()), (2, 2, 2));
    let text = serde_json::to_string(&c).expect("writes");
    assert_eq!(
        serde_json::from_str::<Config>(&text).expect("reads back"),
        c
    );
    let report = wfm_sim::simulate(&m, &RunSettings::new(4, 1)).expect("runs");
    let json = serde_json::to_string(&report).expect("a report writes");
    assert!(json.contains("answered_within_over_offered"));
}

#[test]
fn unknown_fields_and_bad_values_are_refused_by_name() {
    let typo = TWO_TYPES.replace("\"interval_seconds\"", "\"interval_secs\"");
    assert!(serde_json::from_str::<Config>(&typo).is_err());
    let bad = TWO_TYPES.replace("\"mean_seconds\": 240", "\"mean_seconds\": -240");
    let c: Config = serde_json::from_str(&bad).expect("reads");
    let e = Model::new(&c).expect_err("negative mean").to_string();
    assert!(
        e.contains("sales") && e.contains("mean_seconds") && e.contains("-240"),
        "{e}"
    );
    let s: RunSettings =
        serde_json::from_str(r#"{"replications":0,"seed":1,"threads":0,"confidence":0.99}"#)
            .expect("reads");
    assert!(
        s.validate()
            .expect_err("zero")
            .to_string()
            .contains("replications")
    );
}
