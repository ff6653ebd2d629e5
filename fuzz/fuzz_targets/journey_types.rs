//! cx-journey: the names (`FromStr` of outcomes, criteria, metrics), every `Deserialize` of a
//! validated type, the serialised event-log accumulator and a CSV-like text log.
//!
//! The first byte picks the type; the rest is the text. Names check parse → write → parse;
//! serialised values check re-read equality and their invariants; logs check that their
//! reports conserve cases and events, that a second round trip is stable, and that merging a
//! log split in two gives the same journeys as the whole.

#![no_main]

mod lib_check;

use cx_journey::{
    Channel, ExpectationGap, JourneyAnswer, JourneyLog, JourneyMap, Journeys, MapScales, Note,
    Outcome, Persona, RankingCriterion, Step, StepName, StepObservation, SurveyMetric, Touchpoint,
};
use cx_survey::{Confidence, ShareMethod};
use lib_check::{json, ok, reread, split};
use libfuzzer_sys::fuzz_target;

fn name<T, F>(text: &str, label: F)
where
    T: std::str::FromStr + PartialEq + std::fmt::Debug + Copy,
    T::Err: std::fmt::Display,
    F: Fn(T) -> String,
{
    if let Some(v) = ok(text.parse::<T>()) {
        let l = label(v);
        assert_eq!(l.parse::<T>().ok(), Some(v), "{l}");
    }
}

fn checked_name<T>(text: &str, as_str: fn(&T) -> &str)
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    if let Some(v) = json::<T>(text) {
        reread(&v);
        let s = as_str(&v);
        assert!(!s.trim().is_empty() && s.len() <= cx_journey::MAX_NAME_BYTES);
        assert!(!s.chars().any(char::is_control));
    }
}

/// Every report of the journeys, with the invariants that tie them together.
fn check_journeys(j: &Journeys) -> String {
    let cases = j.case_count();
    let events = j.event_count();
    let variants = j.variants();
    assert_eq!(variants.iter().map(|v| v.cases).sum::<u64>(), cases);
    assert_eq!(
        variants
            .iter()
            .map(|v| v.cases * v.path.len() as u64)
            .sum::<u64>(),
        events
    );
    let steps = j.steps();
    assert_eq!(steps.iter().map(|s| s.entries).sum::<u64>(), events);
    assert_eq!(steps.iter().map(|s| s.exits).sum::<u64>(), cases);
    for s in &steps {
        assert_eq!(s.entries, s.reach + s.repeats);
        assert!(s.reach <= cases);
        for t in [s.time_in_step, s.time_to_next].into_iter().flatten() {
            assert!(t.min_ms >= 0 && t.min_ms as f64 <= t.median_ms);
            assert!(t.median_ms <= t.p90_ms && t.p90_ms <= t.max_ms as f64);
            if let Some((lo, hi)) = t.median_interval_ms {
                assert!(lo as f64 <= t.median_ms && t.median_ms <= hi as f64);
            }
        }
    }
    let follows = j.directly_follows();
    assert_eq!(follows.iter().map(|f| f.count).sum::<u64>(), events - cases);
    let mut d = j.case_durations_ms();
    assert!(d.iter().all(|&x| x >= 0));
    d.sort_unstable();
    if let Some(v) = variants.first() {
        let path: Vec<&str> = v.path.iter().map(String::as_str).collect();
        let f = j
            .funnel(&path[..path.len().min(100)], ShareMethod::Wilson, Confidence::NINETY_FIVE)
            .expect("the steps occur");
        for w in f.stages.windows(2) {
            assert!(w[1].reached <= w[0].reached);
        }
    }
    for c in [
        RankingCriterion::LongestMedianTime,
        RankingCriterion::MostRepeats,
        RankingCriterion::MostExits,
        RankingCriterion::LowestSuccess,
    ] {
        for r in j.rank(c, Confidence::NINETY_FIVE).expect("a log criterion") {
            assert!(r.lower <= r.estimate && r.estimate <= r.upper, "{r:?}");
        }
    }
    format!("{steps:?}{variants:?}{follows:?}{d:?}")
}

fn check_log(log: JourneyLog) {
    let text = serde_json::to_string(&log).expect("a log writes");
    let again: JourneyLog = serde_json::from_str(&text).expect("our own JSON reads back");
    assert_eq!(serde_json::to_string(&again).expect("writes"), text);
    // Split the events in two logs and merge: the same journeys as the whole.
    let v: serde_json::Value = serde_json::from_str(&text).expect("our own JSON");
    let events = v["events"].as_array().map_or(0, Vec::len);
    let half = |range: std::ops::Range<usize>| {
        let mut part = v.clone();
        part["events"] = serde_json::Value::Array(v["events"].as_array().expect("events")[range].to_vec());
        serde_json::from_value::<JourneyLog>(part).expect("a part of a valid log")
    };
    let mid = events / 2;
    let mut a = half(0..mid);
    a.merge(&half(mid..events)).expect("within the bounds of the whole");
    let whole = check_journeys(&log.finish().expect("finish"));
    assert_eq!(check_journeys(&a.finish().expect("finish")), whole);
}

/// A text log, one event a line: `case,time_ms,step,channel,outcome`.
fn text_log(text: &str) {
    let mut log = JourneyLog::new();
    for line in text.lines().take(2000) {
        let f: Vec<&str> = line.split(',').collect();
        if f.len() < 4 {
            continue;
        }
        let Some(t) = ok(f[1].trim().parse::<i64>()) else {
            continue;
        };
        let outcome = f.get(4).and_then(|o| ok(o.parse::<Outcome>()));
        let before = log.event_count();
        if ok(log.record(f[0], t, f[2], f[3], outcome)).is_none() {
            assert_eq!(log.event_count(), before, "a refused record left a trace");
        }
    }
    check_log(log);
}

fuzz_target!(|data: &[u8]| {
    let Some((selector, text)) = split(data) else {
        return;
    };
    match selector % 16 {
        0 => name::<Outcome, _>(text, |v| v.label().to_string()),
        1 => name::<RankingCriterion, _>(text, |v| v.label().to_string()),
        2 => name::<SurveyMetric, _>(text, |v| format!("{v:?}").to_lowercase()),
        3 => checked_name::<StepName>(text, StepName::as_str),
        4 => checked_name::<Channel>(text, Channel::as_str),
        5 => checked_name::<Touchpoint>(text, Touchpoint::as_str),
        6 => checked_name::<Persona>(text, Persona::as_str),
        7 => {
            if let Some(n) = json::<Note>(text) {
                reread(&n);
                assert!(n.as_str().len() <= cx_journey::MAX_NOTE_BYTES);
            }
        }
        8 => {
            if let Some(g) = json::<ExpectationGap>(text) {
                assert_eq!(g.expected().scale(), g.experienced().scale());
                assert_eq!(
                    g.gap(),
                    i64::from(g.experienced().value()) - i64::from(g.expected().value())
                );
                let back: ExpectationGap =
                    serde_json::from_str(&serde_json::to_string(&g).expect("writes")).expect("reads");
                assert_eq!(back, g);
            }
        }
        9 => {
            if let Some(s) = json::<MapScales>(text) {
                reread(&s);
            }
        }
        10 => {
            if let Some(s) = json::<Step>(text) {
                reread(&s);
            }
        }
        11 => {
            // A journey map: steps, then observations added one by one.
            if let Some((steps, obs)) = json::<(Vec<Step>, Vec<StepObservation>)>(text)
                && let Some(mut map) = ok(JourneyMap::new(MapScales::default(), steps))
            {
                let mut added = 0u64;
                for o in obs {
                    if ok(map.add(o)).is_some() {
                        added += 1;
                    }
                }
                let summary = map.summary(None);
                assert_eq!(summary.iter().map(|s| s.observations).sum::<u64>(), added);
                for c in [RankingCriterion::LowestEmotion, RankingCriterion::HighestEffort] {
                    for r in map.rank(c, None, Confidence::NINETY_FIVE).expect("a map criterion") {
                        assert!(r.lower <= r.estimate && r.estimate <= r.upper, "{r:?}");
                    }
                }
            }
        }
        12 => {
            if let Some(log) = json::<JourneyLog>(text) {
                check_log(log);
            }
        }
        13 => {
            // Answers joined to a small fixed log.
            if let Some(answers) = json::<Vec<JourneyAnswer>>(text) {
                let mut log = JourneyLog::new();
                for (c, t, s) in [("a", 0, "x"), ("a", 5, "y"), ("b", 0, "x"), ("c", 1, "y")] {
                    log.record(c, t, s, "web", None).expect("valid");
                }
                let j = log.finish().expect("finish");
                for m in [SurveyMetric::Nps, SurveyMetric::Mean] {
                    if let Some(r) = ok(j.scores(&answers, m, Confidence::NINETY_FIVE)) {
                        assert!(r.unmatched <= r.answers);
                        for e in &r.effects {
                            assert!(e.difference.is_finite());
                            if let (Some(lo), Some(hi)) = (e.lower, e.upper) {
                                assert!(lo <= hi, "{e:?}");
                            }
                        }
                    }
                }
            }
        }
        _ => text_log(text),
    }
});
