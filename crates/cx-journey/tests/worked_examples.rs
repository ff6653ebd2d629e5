//! Worked examples computed by hand, and serde round trips.

use cx_journey::{JourneyError, JourneyLog, MAX_PATH_LENGTH, MAX_STEPS, Outcome, RankingCriterion};
use cx_survey::{Confidence, ShareMethod};

const MIN: i64 = 60_000;

/// Four journeys of a delivery question, times in minutes:
///
/// | case | path (minute) |
/// |---|---|
/// | a | Track 0 → Chat 5 → Track 20 |
/// | b | Track 0 → Call 10 (failed) |
/// | c | Track 0 → Chat 2 → Call 12 |
/// | d | Track 0 → Chat 5 → Track 20 |
fn delivery_log() -> Result<JourneyLog, JourneyError> {
    let mut log = JourneyLog::new();
    let rows = [
        ("a", 0, "Track", "web", Outcome::Succeeded),
        ("a", 5, "Chat", "chat", Outcome::WithErrors),
        ("a", 20, "Track", "web", Outcome::Succeeded),
        ("b", 0, "Track", "web", Outcome::Failed),
        ("b", 10, "Call", "phone", Outcome::Failed),
        ("c", 0, "Track", "web", Outcome::Failed),
        ("c", 2, "Chat", "chat", Outcome::Failed),
        ("c", 12, "Call", "phone", Outcome::Succeeded),
        ("d", 0, "Track", "app", Outcome::Succeeded),
        ("d", 5, "Chat", "chat", Outcome::Succeeded),
        ("d", 20, "Track", "app", Outcome::Succeeded),
    ];
    // Recorded in reverse, to show that order does not matter.
    for (case, minute, step, channel, outcome) in rows.into_iter().rev() {
        log.record(case, minute * MIN, step, channel, Some(outcome))?;
    }
    Ok(log)
}

#[test]
fn delivery_example_steps_match_the_hand_count() -> Result<(), JourneyError> {
    let j = delivery_log()?.finish()?;
    let steps = j.steps();
    let names: Vec<&str> = steps.iter().map(|s| s.step.as_str()).collect();
    assert_eq!(names, ["Call", "Chat", "Track"]);
    let (call, chat, track) = (&steps[0], &steps[1], &steps[2]);
    // Track: reached by all 4, entered 6 times, repeated in a and d, last step of a and d.
    assert_eq!(
        (
            track.reach,
            track.entries,
            track.repeats,
            track.cases_with_repeats
        ),
        (4, 6, 2, 2)
    );
    assert_eq!((track.starts, track.exits), (4, 2));
    assert_eq!(track.outcomes, [4, 0, 2]);
    assert_eq!(
        track.channels,
        [("app".to_string(), 2), ("web".to_string(), 4)]
    );
    // Time in Track: a 5, b 10, c 2, d 5 (the final Track of a and d has no next step).
    let t = track.time_in_step.expect("four times");
    assert_eq!((t.n, t.min_ms, t.max_ms), (4, 2 * MIN, 10 * MIN));
    assert_eq!(t.median_ms, 5.0 * MIN as f64);
    assert_eq!(t.mean_ms, 5.5 * MIN as f64);
    // Chat: a 15, c 10, d 15 minutes until the next step.
    let t = chat.time_in_step.expect("three times");
    assert_eq!(t.median_ms, 15.0 * MIN as f64);
    assert_eq!((chat.reach, chat.exits, chat.outcomes), (3, 0, [1, 1, 1]));
    // Call ends b and c and has no time in step.
    assert_eq!((call.reach, call.exits, call.time_in_step), (2, 2, None));
    Ok(())
}

#[test]
fn delivery_example_variants_follows_and_durations_match_the_hand_count() -> Result<(), JourneyError>
{
    let j = delivery_log()?.finish()?;
    let v = j.variants();
    assert_eq!(v.len(), 3);
    assert_eq!(
        (v[0].path.join(">"), v[0].cases),
        ("Track>Chat>Track".into(), 2)
    );
    assert_eq!(v[0].duration.median_ms, 20.0 * MIN as f64);
    // Ties of count are ordered by path.
    assert_eq!(v[1].path.join(">"), "Track>Call");
    assert_eq!(v[2].path.join(">"), "Track>Chat>Call");
    let f: Vec<(String, String, u64)> = j
        .directly_follows()
        .into_iter()
        .map(|f| (f.from, f.to, f.count))
        .collect();
    let want = [
        ("Chat", "Track", 2),
        ("Track", "Chat", 3),
        ("Chat", "Call", 1),
        ("Track", "Call", 1),
    ];
    let mut want: Vec<(String, String, u64)> = want
        .iter()
        .map(|(a, b, k)| (a.to_string(), b.to_string(), *k))
        .collect();
    want.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    assert_eq!(f, want);
    let mut d = j.case_durations_ms();
    d.sort_unstable();
    assert_eq!(d, [10 * MIN, 12 * MIN, 20 * MIN, 20 * MIN]);
    let s = j.summary();
    assert_eq!((s.cases, s.events, s.steps, s.variants), (4, 11, 3, 3));
    assert_eq!(s.steps_per_case, Some((2, 2.75, 3)));
    Ok(())
}

#[test]
fn delivery_funnel_and_rankings_match_the_hand_count() -> Result<(), JourneyError> {
    let j = delivery_log()?.finish()?;
    let f = j.funnel(
        &["Track", "Chat", "Call"],
        ShareMethod::Wilson,
        Confidence::NINETY_FIVE,
    )?;
    let reached: Vec<u64> = f.stages.iter().map(|s| s.reached).collect();
    assert_eq!(reached, [4, 3, 1]);
    let c = f.stages[2].conversion.expect("3 reached Chat");
    assert_eq!((c.estimate.value() * 3.0).round(), 1.0);
    // Wilson 1/3 at 95 %, by its closed form in Python with scipy.stats.norm.ppf(0.975):
    // (0.06149194472039621, 0.7923403991979522).
    assert!((c.lower.value() - 0.06149194472039621).abs() < 1e-12);
    assert!((c.upper.value() - 0.7923403991979522).abs() < 1e-12);
    // Exits per reaching case: Call 2/2, Track 2/4, Chat 0/3.
    let r = j.rank(RankingCriterion::MostExits, Confidence::NINETY_FIVE)?;
    let order: Vec<(&str, f64)> = r.iter().map(|x| (x.step.as_str(), x.estimate)).collect();
    assert_eq!(order, [("Call", 1.0), ("Track", 0.5), ("Chat", 0.0)]);
    // Success share of entries: Track 4/6, Chat 1/3, Call 1/2; lowest first.
    let r = j.rank(RankingCriterion::LowestSuccess, Confidence::NINETY_FIVE)?;
    assert_eq!(r[0].step, "Chat");
    assert!(
        j.rank(RankingCriterion::LowestEmotion, Confidence::NINETY_FIVE)
            .is_err()
    );
    assert!(matches!(
        j.funnel(
            &["Track", "Pay"],
            ShareMethod::Wilson,
            Confidence::NINETY_FIVE
        ),
        Err(JourneyError::Unknown { .. })
    ));
    Ok(())
}

#[test]
fn bounds_are_checked_with_typed_errors() -> Result<(), JourneyError> {
    let mut log = JourneyLog::new();
    for s in 0..MAX_STEPS {
        log.record("a", 0, &format!("s{s}"), "web", None)?;
    }
    let err = log.record("b", 0, "one too many", "web", None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "too many distinct steps: 1001 exceeds the limit of 1000"
    );
    // A refused record leaves no trace.
    assert_eq!(log.case_count(), 1);
    let mut log = JourneyLog::new();
    for _ in 0..MAX_PATH_LENGTH {
        log.record("a", 0, "s", "web", None)?;
    }
    assert!(matches!(
        log.record("a", 0, "s", "web", None),
        Err(JourneyError::TooMany {
            what: "events in one case",
            ..
        })
    ));
    assert!(matches!(
        JourneyLog::new().record("", 0, "s", "web", None),
        Err(JourneyError::InvalidName {
            what: "case id",
            ..
        })
    ));
    assert!(matches!(
        JourneyLog::new().record("a", 0, "s\u{0}", "web", None),
        Err(JourneyError::InvalidName { what: "step", .. })
    ));
    assert!(
        JourneyLog::new()
            .record("a", i64::MIN, "s", "web", None)
            .is_err()
    );
    Ok(())
}

#[test]
fn timestamps_far_apart_keep_exact_durations() -> Result<(), JourneyError> {
    // Offset 1e15 ms, as average's hostile-offset test: durations stay exact integers.
    let mut log = JourneyLog::new();
    let base = cx_journey::MAX_ABS_TIME_MS - 10;
    log.record("a", base, "x", "web", None)?;
    log.record("a", base + 7, "y", "web", None)?;
    log.record("b", -cx_journey::MAX_ABS_TIME_MS, "x", "web", None)?;
    log.record("b", cx_journey::MAX_ABS_TIME_MS, "y", "web", None)?;
    let j = log.finish()?;
    assert_eq!(j.case_durations_ms(), [7, 2 * cx_journey::MAX_ABS_TIME_MS]);
    let f = &j.directly_follows()[0];
    assert_eq!(
        f.mean_ms,
        (2 * cx_journey::MAX_ABS_TIME_MS + 7) as f64 / 2.0
    );
    Ok(())
}

#[cfg(feature = "serde")]
#[test]
fn log_round_trips_through_json_and_rejects_bad_ids() -> Result<(), Box<dyn std::error::Error>> {
    let log = delivery_log()?;
    let text = serde_json::to_string(&log)?;
    let back: JourneyLog = serde_json::from_str(&text)?;
    assert_eq!(
        back.finish()?.variants(),
        delivery_log()?.finish()?.variants()
    );
    let bad = r#"{"cases":["a"],"steps":["s"],"channels":["web"],"events":[[0,1,0,null,0,null]]}"#;
    assert!(serde_json::from_str::<JourneyLog>(bad).is_err());
    let bad = r#"{"cases":["a"],"steps":["s"],"channels":["web"],"events":[[0,0,0,null,5,1]]}"#;
    assert!(serde_json::from_str::<JourneyLog>(bad).is_err());
    assert!(serde_json::from_str::<cx_journey::StepName>("\"\"").is_err());
    Ok(())
}
