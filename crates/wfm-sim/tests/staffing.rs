//! The staffing search against brute force: every mix of agents enumerated and judged on the
//! same replications (common random numbers), on the "N" and "W" designs with one interval.

use wfm_sim::{
    CallType, Config, Group, HandleTime, Model, Patience, Skill, SkillRouter, replicate, staff,
};

const REPS: u32 = 30;
const SEED: u64 = 11;
const TARGETS: [f64; 2] = [0.8, 0.8];

fn model(groups: Vec<(&str, Vec<Skill>)>) -> Model {
    let ht = HandleTime::Exponential {
        mean_seconds: 180.0,
    };
    let ty = |n: &str, erlangs: f64| CallType {
        name: n.into(),
        volumes: vec![erlangs / 180.0 * 1800.0],
        handle_time: ht.clone(),
        patience: Patience::Exponential {
            mean_seconds: 240.0,
        },
        answer_within_seconds: 20.0,
    };
    Model::new(&Config {
        interval_seconds: 1800,
        warmup_intervals: 0,
        call_types: vec![ty("a", 2.5), ty("b", 1.5)],
        groups: groups
            .into_iter()
            .map(|(n, skills)| Group {
                name: n.into(),
                headcount: vec![0],
                skills,
                reserve: None,
            })
            .collect(),
    })
    .expect("valid")
}

/// Whether `headcount` (one per group) meets both targets on the same replications `staff` uses.
fn feasible(m: &Model, headcount: &[u32]) -> bool {
    let mut m = m.clone();
    for (g, &n) in headcount.iter().enumerate() {
        m = m.with_headcount(g, &[n]).expect("valid");
    }
    let router = SkillRouter::new(&m);
    let mut cells = [(0u64, 0u64); 2];
    for r in 0..u64::from(REPS) {
        let t = replicate(&m, &router, SEED, r).expect("runs");
        for (k, c) in cells.iter_mut().enumerate() {
            let cell = t.cell(k, 0);
            c.0 += cell.answered_within;
            c.1 += cell.offered;
        }
    }
    cells
        .iter()
        .zip(TARGETS)
        .all(|(c, t)| c.1 == 0 || c.0 as f64 >= t * c.1 as f64)
}

fn brute_force(m: &Model, max: u32) -> u32 {
    let ng = m.groups();
    let mut best = u32::MAX;
    let mut h = vec![0u32; ng];
    loop {
        let total: u32 = h.iter().sum();
        if total < best && feasible(m, &h) {
            best = total;
        }
        // Next mix.
        let mut g = 0;
        while g < ng {
            h[g] += 1;
            if h[g] <= max {
                break;
            }
            h[g] = 0;
            g += 1;
        }
        if g == ng {
            return best;
        }
    }
}

fn check(m: &Model, max: u32) {
    let s = staff(m, &TARGETS, REPS, SEED).expect("runs");
    assert!(s.converged);
    let found: Vec<u32> = s.headcount.iter().map(|row| row[0]).collect();
    assert!(
        feasible(m, &found),
        "the search returned an infeasible mix {found:?}"
    );
    let total: u32 = found.iter().sum();
    let optimum = brute_force(m, max);
    // Seen when written: the optimum on both designs (N: [2, 4]; W: [0, 6, 0]), in 25
    // candidate simulations each.
    assert_eq!(
        total, optimum,
        "search {found:?} = {total}, brute force {optimum}"
    );
}

#[test]
fn n_design_search_finds_the_brute_force_optimum() {
    let m = model(vec![
        ("a only", vec![Skill::new("a")]),
        (
            "b first, then a",
            vec![Skill::new("b"), Skill::new("a").with_priority(2)],
        ),
    ]);
    check(&m, 8);
}

#[test]
fn w_design_search_finds_the_brute_force_optimum() {
    let m = model(vec![
        ("a", vec![Skill::new("a")]),
        (
            "both",
            vec![
                Skill::new("a").with_priority(2),
                Skill::new("b").with_priority(2),
            ],
        ),
        ("b", vec![Skill::new("b")]),
    ]);
    check(&m, 6);
}
