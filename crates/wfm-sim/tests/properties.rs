//! Invariants on random models: conservation of calls, reproducibility, bounds of every
//! measure, and monotonicity in the number of agents with common random numbers.

use proptest::prelude::*;
use wfm_sim::{
    CallType, Config, Group, HandleTime, Model, Patience, Reserve, RunSettings, Skill, SkillRouter,
    replicate, simulate,
};

fn handle() -> impl Strategy<Value = HandleTime> {
    prop_oneof![
        (5.0..300.0f64).prop_map(|m| HandleTime::Exponential { mean_seconds: m }),
        (5.0..300.0f64, 1.0..200.0f64).prop_map(|(m, s)| HandleTime::Lognormal {
            mean_seconds: m,
            sd_seconds: s
        }),
        prop::collection::vec(1.0..400.0f64, 1..6)
            .prop_map(|v| HandleTime::Empirical { seconds: v }),
    ]
}

fn patience() -> impl Strategy<Value = Patience> {
    prop_oneof![
        Just(Patience::None),
        (1.0..300.0f64).prop_map(|m| Patience::Exponential { mean_seconds: m }),
        (1.0..300.0f64, 1.0..300.0f64).prop_map(|(m, s)| Patience::Lognormal {
            mean_seconds: m,
            sd_seconds: s
        }),
    ]
}

/// Up to 3 call types and 3 groups over 1–5 intervals of 10 minutes, with headcounts that
/// rise and fall (to zero too), priorities, overflow delays and reserves.
fn config() -> impl Strategy<Value = Config> {
    (1usize..=3, 1usize..=3, 1usize..=5).prop_flat_map(|(nt, ng, ni)| {
        let types = prop::collection::vec(
            (
                prop::collection::vec(0.0..60.0f64, ni),
                handle(),
                patience(),
                0.0..60.0f64,
            ),
            nt,
        );
        let groups = prop::collection::vec(
            (
                prop::collection::vec(0u32..6, ni),
                prop::collection::vec(
                    (
                        any::<bool>(),
                        1u8..4,
                        prop_oneof![Just(0.0), 0.0..40.0f64],
                        prop::option::of(handle()),
                    ),
                    nt,
                ),
                prop::option::of((0u32..3, 0..nt)),
            ),
            ng,
        );
        (types, groups).prop_map(move |(types, groups)| {
            let names: Vec<String> = (0..nt).map(|k| format!("t{k}")).collect();
            let call_types = types
                .into_iter()
                .enumerate()
                .map(|(k, (volumes, handle_time, patience, within))| CallType {
                    name: names[k].clone(),
                    volumes,
                    handle_time,
                    patience,
                    answer_within_seconds: within,
                })
                .collect();
            let mut groups: Vec<Group> = groups
                .into_iter()
                .enumerate()
                .map(|(g, (headcount, skills, reserve))| {
                    let skills: Vec<Skill> = skills
                        .into_iter()
                        .enumerate()
                        .filter(|(_, s)| s.0)
                        .map(|(k, (_, p, d, h))| Skill {
                            call_type: names[k].clone(),
                            priority: p,
                            overflow_after_seconds: d,
                            handle_time: h,
                        })
                        .collect();
                    let reserve = reserve.and_then(|(a, k)| {
                        skills
                            .iter()
                            .any(|s| s.call_type == names[k])
                            .then(|| Reserve {
                                agents: a,
                                for_call_type: names[k].clone(),
                            })
                    });
                    Group {
                        name: format!("g{g}"),
                        headcount,
                        skills,
                        reserve,
                    }
                })
                .collect();
            // Every type is a skill of the last group, so the model is valid.
            if let Some(last) = groups.last_mut() {
                for n in &names {
                    if !last.skills.iter().any(|s| &s.call_type == n) {
                        last.skills.push(Skill::new(n.clone()));
                    }
                }
            }
            Config {
                interval_seconds: 600,
                warmup_intervals: 0,
                call_types,
                groups,
            }
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn calls_are_conserved_and_measures_bounded(c in config(), seed in any::<u64>()) {
        let model = Model::new(&c).expect("valid by construction");
        let router = SkillRouter::new(&model);
        let t = replicate(&model, &router, seed, 0).expect("runs");
        prop_assert_eq!(&t, &replicate(&model, &router, seed, 0).expect("runs"));
        for k in 0..model.call_types() {
            for i in 0..model.intervals() {
                let cell = t.cell(k, i);
                prop_assert_eq!(cell.offered, cell.answered + cell.abandoned + cell.waiting_at_end);
                prop_assert!(cell.answered_within <= cell.answered);
                prop_assert!(cell.abandoned_within <= cell.abandoned);
                prop_assert_eq!(cell.waits.count(), cell.answered);
            }
        }
        for g in 0..model.groups() {
            for i in 0..model.intervals() {
                let cell = t.group_cell(g, i);
                prop_assert!(cell.busy_ns <= cell.present_ns);
                // At least the headcount was present (more while leaving agents finish).
                let planned = u128::from(c.groups[g].headcount[i]) * 600 * 1_000_000_000;
                prop_assert!(cell.present_ns + 1000 >= planned);
            }
        }
        let report = simulate(&model, &RunSettings::new(3, seed)).expect("runs");
        for ty in &report.call_types {
            for m in ty.intervals.iter().chain([&ty.day]) {
                for e in [m.answered_within_over_offered, m.answered_within_over_answered,
                          m.answered_within_over_offered_less_short_abandons, m.wait_ended_within_over_offered,
                          m.abandoned_share].into_iter().flatten() {
                    prop_assert!((0.0..=1.0).contains(&e.mean));
                    prop_assert!(e.half_width.is_none_or(|h| h.is_finite() && h >= 0.0));
                }
            }
        }
    }

    /// First come, first served with each call's handle time fixed at its arrival and nobody
    /// hanging up: one more agent never makes any call wait longer, so with the same seed neither
    /// the calls answered within T nor the calls answered go down, in any replication.
    #[test]
    fn one_more_agent_never_lowers_the_service_level_with_the_same_seed(
        erlangs in 0.5..12.0f64, extra in 0u32..3, within in 0.0..60.0f64, seed in any::<u64>(),
    ) {
        let agents = (erlangs.ceil() as u32) + extra;
        let base = wfm_sim::single_queue(erlangs, 120.0, None, agents, 3, 1800).expect("valid");
        let mut c = base.config().clone();
        c.call_types[0].answer_within_seconds = within;
        c.call_types[0].handle_time = HandleTime::Lognormal { mean_seconds: 120.0, sd_seconds: 90.0 };
        let n = Model::new(&c).expect("valid");
        let n1 = n.with_headcount(0, &[agents + 1; 3]).expect("valid");
        let a = replicate(&n, &SkillRouter::new(&n), seed, 0).expect("runs").call_type_total(0);
        let b = replicate(&n1, &SkillRouter::new(&n1), seed, 0).expect("runs").call_type_total(0);
        prop_assert_eq!(a.offered, b.offered);
        prop_assert!(b.answered_within >= a.answered_within);
        prop_assert!(b.answered >= a.answered);
        prop_assert!(b.waiting_at_end <= a.waiting_at_end);
    }
}

/// With abandonment and skills shared between groups, a path may get worse with one more
/// agent, so the paired comparison is statistical: over 40 paired replications of a "W" design,
/// the mean change of each type's service level when a generalist is added is above minus
/// three standard errors.
#[test]
fn adding_an_agent_does_not_lower_service_levels_beyond_noise_in_paired_replications() {
    let ht = HandleTime::Exponential {
        mean_seconds: 240.0,
    };
    let ty = |name: &str, erlangs: f64| CallType {
        name: name.into(),
        volumes: vec![erlangs / 240.0 * 1800.0; 4],
        handle_time: ht.clone(),
        patience: Patience::Exponential {
            mean_seconds: 200.0,
        },
        answer_within_seconds: 20.0,
    };
    let group = |name: &str, n: u32, skills: Vec<Skill>| Group {
        name: name.into(),
        headcount: vec![n; 4],
        skills,
        reserve: None,
    };
    let config = Config {
        interval_seconds: 1800,
        warmup_intervals: 1,
        call_types: vec![ty("a", 6.0), ty("b", 5.0)],
        groups: vec![
            group("a", 4, vec![Skill::new("a")]),
            group(
                "both",
                3,
                vec![
                    Skill::new("a").with_priority(2),
                    Skill::new("b").with_priority(2),
                ],
            ),
            group("b", 3, vec![Skill::new("b")]),
        ],
    };
    let base = Model::new(&config).expect("valid");
    let more = base.with_headcount(1, &[4; 4]).expect("valid");
    for k in 0..2 {
        let diffs: Vec<f64> = (0..40)
            .map(|r| {
                let sl = |m: &Model| {
                    let c = replicate(m, &SkillRouter::new(m), 99, r)
                        .expect("runs")
                        .call_type_total(k);
                    c.answered_within as f64 / c.offered.max(1) as f64
                };
                sl(&more) - sl(&base)
            })
            .collect();
        let n = diffs.len() as f64;
        let mean = diffs.iter().sum::<f64>() / n;
        let sd = (diffs.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
        assert!(
            mean > -3.0 * sd / n.sqrt(),
            "type {k}: mean change {mean}, sd {sd}"
        );
        assert!(
            mean > 0.0,
            "type {k}: a generalist more should help on average here ({mean})"
        );
    }
}
