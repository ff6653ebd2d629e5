//! wfm-sim: every `Deserialize` (the configuration and the run settings), validation into a
//! model, and a tiny bounded simulation of each accepted model.
//!
//! The first byte picks the type (even: a configuration, odd: run settings); the rest is JSON.
//! An accepted configuration reads back as itself and, when small, is simulated: every cell
//! conserves calls, measures lie in their ranges, and the same seed gives the same counts.

#![no_main]

mod lib_check;

use lib_check::{json, ok, reread, split};
use libfuzzer_sys::fuzz_target;
use wfm_sim::{Config, Model, RunSettings, SkillRouter, replicate, simulate};

fn check_model(config: &Config) {
    let Some(model) = ok(Model::new(config)) else { return };
    reread(config);
    let agents: u64 = config.groups.iter().flat_map(|g| &g.headcount).map(|&n| u64::from(n)).sum();
    // Small enough to simulate many times per second.
    if model.expected_calls() > 2_000.0 || agents > 2_000 || model.intervals() * model.call_types() > 500 {
        return;
    }
    let router = SkillRouter::new(&model);
    let t = replicate(&model, &router, 7, 0).expect("a valid model simulates");
    assert_eq!(t, replicate(&model, &router, 7, 0).expect("again"));
    for k in 0..model.call_types() {
        for i in 0..model.intervals() {
            let c = t.cell(k, i);
            assert_eq!(c.offered, c.answered + c.abandoned + c.waiting_at_end);
            assert!(c.answered_within <= c.answered && c.abandoned_within <= c.abandoned);
        }
    }
    for g in 0..model.groups() {
        for i in 0..model.intervals() {
            let c = t.group_cell(g, i);
            assert!(c.busy_ns <= c.present_ns);
        }
    }
    let mut settings = RunSettings::new(2, 1);
    settings.threads = 1;
    let report = simulate(&model, &settings).expect("a valid model simulates");
    for ty in &report.call_types {
        for m in ty.intervals.iter().chain([&ty.day]) {
            for e in [
                m.answered_within_over_offered,
                m.answered_within_over_answered,
                m.answered_within_over_offered_less_short_abandons,
                m.wait_ended_within_over_offered,
                m.abandoned_share,
            ]
            .into_iter()
            .flatten()
            {
                assert!((0.0..=1.0).contains(&e.mean), "{e:?}");
                assert!(e.half_width.is_none_or(|h| h.is_finite() && h >= 0.0), "{e:?}");
            }
            for e in [m.asa_seconds, m.mean_wait_all_seconds].into_iter().flatten() {
                assert!(e.mean.is_finite() && e.mean >= 0.0, "{e:?}");
            }
            for q in [m.wait_p50_seconds, m.wait_p80_seconds, m.wait_p90_seconds, m.wait_p95_seconds]
                .into_iter()
                .flatten()
            {
                assert!(q.is_finite() && q >= 0.0);
            }
        }
    }
    for g in &report.groups {
        for e in g.intervals.iter().chain([&g.day]).flatten() {
            assert!((0.0..=1.0).contains(&e.mean), "{e:?}");
        }
    }
}

fn check_settings(settings: &RunSettings) {
    reread(settings);
    if ok(settings.validate()).is_none() {
        return;
    }
    // A valid setting runs (a tiny model, at most 3 replications on at most 2 threads).
    let model = wfm_sim::single_queue(2.0, 60.0, Some(60.0), 3, 1, 60).expect("valid");
    let s = RunSettings {
        replications: settings.replications.min(3),
        threads: settings.threads.min(2),
        ..*settings
    };
    let report = simulate(&model, &s).expect("valid settings run");
    assert_eq!(report.tally.replications(), u64::from(s.replications));
}

fuzz_target!(|data: &[u8]| {
    let Some((selector, text)) = split(data) else { return };
    if selector % 2 == 0 {
        if let Some(config) = json::<Config>(text) {
            check_model(&config);
        }
    } else if let Some(settings) = json::<RunSettings>(text) {
        check_settings(&settings);
    }
});
