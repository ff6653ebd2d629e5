//! Property tests: merging at every split point equals one pass; steps and variants conserve
//! cases; record order does not matter.

use cx_journey::{JourneyLog, Journeys, Outcome};
use proptest::prelude::*;

type Row = (u8, i64, u8, u8, Option<u8>);

fn rows() -> impl Strategy<Value = Vec<Row>> {
    prop::collection::vec(
        (0u8..6, 0i64..20, 0u8..4, 0u8..2, prop::option::of(0u8..3)),
        0..40,
    )
}

fn fill(log: &mut JourneyLog, rows: &[Row]) {
    for &(c, t, s, ch, o) in rows {
        log.record(
            &format!("case{c}"),
            t * 1000,
            &format!("step{s}"),
            ["web", "phone"][usize::from(ch)],
            o.map(|o| Outcome::ALL[usize::from(o)]),
        )
        .expect("valid row");
    }
}

/// Everything the journeys report, in a form that does not depend on case order.
fn fingerprint(j: &Journeys) -> String {
    let mut d = j.case_durations_ms();
    d.sort_unstable();
    let mut paths: Vec<(String, Vec<String>)> = j
        .paths()
        .map(|(c, p)| (c.to_string(), p.iter().map(|s| s.to_string()).collect()))
        .collect();
    paths.sort();
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        j.steps(),
        j.variants(),
        j.directly_follows(),
        j.summary(),
        j.start_end_counts(),
        d,
        paths
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn merge_at_every_split_point_equals_one_pass(rows in rows()) {
        let mut whole = JourneyLog::new();
        fill(&mut whole, &rows);
        let want = fingerprint(&whole.finish().expect("finish"));
        for mid in 0..=rows.len() {
            let (mut a, mut b) = (JourneyLog::new(), JourneyLog::new());
            fill(&mut a, &rows[..mid]);
            fill(&mut b, &rows[mid..]);
            // Merging in either direction gives the same journeys.
            let mut ab = a.clone();
            ab.merge(&b).expect("within bounds");
            prop_assert_eq!(&fingerprint(&ab.finish().expect("finish")), &want);
            b.merge(&a).expect("within bounds");
            prop_assert_eq!(&fingerprint(&b.finish().expect("finish")), &want);
        }
        let mut empty = JourneyLog::new();
        let mut full = JourneyLog::new();
        fill(&mut full, &rows);
        empty.merge(&full).expect("within bounds");
        prop_assert_eq!(fingerprint(&empty.finish().expect("finish")), want);
    }

    #[test]
    fn record_order_does_not_matter(rows in rows(), seed in any::<u64>()) {
        let mut shuffled = rows.clone();
        // A deterministic shuffle by a linear congruential generator.
        let mut x = seed;
        for i in (1..shuffled.len()).rev() {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (x >> 33) as usize % (i + 1));
        }
        let (mut a, mut b) = (JourneyLog::new(), JourneyLog::new());
        fill(&mut a, &rows);
        fill(&mut b, &shuffled);
        prop_assert_eq!(fingerprint(&a.finish().expect("finish")), fingerprint(&b.finish().expect("finish")));
    }

    #[test]
    fn steps_and_variants_conserve_cases_and_events(rows in rows()) {
        let mut log = JourneyLog::new();
        fill(&mut log, &rows);
        let j = log.finish().expect("finish");
        let cases = j.case_count();
        let events = j.event_count();
        prop_assert_eq!(events, rows.len() as u64);
        let v = j.variants();
        prop_assert_eq!(v.iter().map(|v| v.cases).sum::<u64>(), cases);
        prop_assert_eq!(v.iter().map(|v| v.cases * v.path.len() as u64).sum::<u64>(), events);
        let steps = j.steps();
        prop_assert_eq!(steps.iter().map(|s| s.starts).sum::<u64>(), cases);
        prop_assert_eq!(steps.iter().map(|s| s.exits).sum::<u64>(), cases);
        prop_assert_eq!(steps.iter().map(|s| s.entries).sum::<u64>(), events);
        for s in &steps {
            prop_assert!(s.reach <= cases);
            prop_assert_eq!(s.entries, s.reach + s.repeats);
            prop_assert_eq!(s.outcomes.iter().sum::<u64>() + s.no_outcome, s.entries);
            prop_assert_eq!(s.channels.iter().map(|c| c.1).sum::<u64>(), s.entries);
            prop_assert!(s.cases_with_repeats <= s.repeats);
        }
        let follows: u64 = j.directly_follows().iter().map(|f| f.count).sum();
        prop_assert_eq!(follows, events - cases);
        if let (Some(first), true) = (v.first(), cases > 0) {
            let path: Vec<&str> = first.path.iter().map(String::as_str).collect();
            let f = j.funnel(&path, Default::default(), Default::default()).expect("steps occur");
            // Funnel stages never grow, and the full path is reached by at least its variant.
            for w in f.stages.windows(2) {
                prop_assert!(w[1].reached <= w[0].reached);
            }
            prop_assert!(f.stages.last().map_or(0, |s| s.reached) >= first.cases);
        }
    }
}
