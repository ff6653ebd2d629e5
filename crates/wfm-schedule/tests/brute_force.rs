//! Small instances solved by exhaustive enumeration, compared with the integer program; and
//! every schedule the solver returns re-checked by the independent validator.

use proptest::prelude::*;
use wfm_forecast::IntervalLength;
use wfm_schedule::{
    BreakRule, BreakSlot, IntervalCoverage, Objective, Problem, Requirements, Schedule,
    ScheduledShift, ShiftTemplate, SolveOptions, Status, Weekday,
};

/// One candidate shift as the brute force sees it: template, start hour, length, break window.
#[derive(Debug, Clone)]
struct Cand {
    template: usize,
    start: usize,
    len: usize,
    /// (earliest offset, latest offset, length) of the one optional break, in hours.
    brk: Option<(usize, usize, usize)>,
    cost: f64,
}

fn candidates(templates: &[ShiftTemplate], horizon: usize) -> Vec<Cand> {
    let mut out = Vec::new();
    for (ti, t) in templates.iter().enumerate() {
        let mut m = t.earliest_start_minutes;
        while m <= t.latest_start_minutes {
            let start = (m / 60) as usize;
            let len = (t.length_minutes / 60) as usize;
            if start + len <= horizon {
                out.push(Cand {
                    template: ti,
                    start,
                    len,
                    brk: t.breaks.first().map(|b| {
                        (
                            (b.earliest_start_minutes / 60) as usize,
                            (b.latest_start_minutes / 60) as usize,
                            (b.length_minutes / 60) as usize,
                        )
                    }),
                    cost: t.shift_cost(),
                });
            }
            m += t.start_step_minutes;
        }
    }
    out
}

/// Every way to staff each candidate with 0..=max agents and to split them over break slots.
fn options(c: &Cand, max: u32) -> Vec<(u32, Vec<u32>)> {
    let mut out = Vec::new();
    for a in 0..=max {
        match c.brk {
            None => out.push((a, vec![])),
            Some((lo, hi, _)) => splits(a, hi - lo + 1, &mut vec![], &mut |s| {
                out.push((a, s.to_vec()))
            }),
        }
    }
    out
}

fn splits(total: u32, slots: usize, acc: &mut Vec<u32>, f: &mut dyn FnMut(&[u32])) {
    if slots == 1 {
        acc.push(total);
        f(acc);
        acc.pop();
        return;
    }
    for k in 0..=total {
        acc.push(k);
        splits(total - k, slots - 1, acc, f);
        acc.pop();
    }
}

/// The best objective over all schedules with at most `max` agents per shift, or `None`.
fn brute_force(p: &Problem, max: u32) -> Option<f64> {
    let req = p.requirements().counts();
    let cands = candidates(p.templates(), req.len());
    let opts: Vec<_> = cands.iter().map(|c| options(c, max)).collect();
    let mut idx = vec![0usize; cands.len()];
    let mut best: Option<f64> = None;
    loop {
        let mut avail = vec![0i64; req.len()];
        let mut cost = 0.0;
        let mut per_template = vec![0u32; p.templates().len()];
        let mut ok = true;
        for (ci, c) in cands.iter().enumerate() {
            let (a, split) = &opts[ci][idx[ci]];
            per_template[c.template] += a;
            let t = &p.templates()[c.template];
            if t.max_per_shift.is_some_and(|m| *a > m) {
                ok = false;
            }
            cost += c.cost * f64::from(*a);
            for k in 0..c.len {
                avail[c.start + k] += i64::from(*a);
            }
            if let Some((lo, _, blen)) = c.brk {
                for (j, &n) in split.iter().enumerate() {
                    for h in 0..blen {
                        avail[c.start + lo + j + h] -= i64::from(n);
                    }
                }
            }
        }
        for (ti, t) in p.templates().iter().enumerate() {
            if per_template[ti] < t.min_total || t.max_total.is_some_and(|m| per_template[ti] > m) {
                ok = false;
            }
        }
        let value = match p.objective() {
            Objective::MinCost => {
                ok &= avail.iter().zip(req).all(|(&a, &r)| a >= i64::from(r));
                cost
            }
            Objective::MinDeviation {
                under_weight,
                over_weight,
                max_on_duty,
                max_shifts,
            } => {
                if let Some(cap) = max_on_duty {
                    ok &= avail.iter().all(|&o| o <= i64::from(cap));
                }
                if let Some(cap) = max_shifts {
                    ok &= per_template.iter().sum::<u32>() <= cap;
                }
                avail
                    .iter()
                    .zip(req)
                    .map(|(&a, &r)| {
                        let d = a - i64::from(r);
                        if d < 0 {
                            -d as f64 * under_weight
                        } else {
                            d as f64 * over_weight
                        }
                    })
                    .sum()
            }
            _ => unreachable!(),
        };
        if ok && best.is_none_or(|b| value < b) {
            best = Some(value);
        }
        // Next combination.
        let mut i = 0;
        loop {
            if i == idx.len() {
                return best;
            }
            idx[i] += 1;
            if idx[i] < opts[i].len() {
                break;
            }
            idx[i] = 0;
            i += 1;
        }
    }
}

fn template(
    name: &str,
    earliest: u32,
    latest: u32,
    len: u32,
    brk: Option<(u32, u32)>,
    rate: f64,
) -> ShiftTemplate {
    let mut t = ShiftTemplate::new(name, earliest * 60, latest * 60, len * 60);
    if let Some((lo, hi)) = brk {
        t.breaks.push(BreakRule::new(lo * 60, hi * 60, 60).unpaid());
    }
    t.cost_per_paid_hour = rate;
    t
}

fn exact() -> SolveOptions {
    SolveOptions::default()
}

#[test]
fn three_overlapping_two_hour_shifts_cost_six_paid_hours() {
    let req = Requirements::new(IntervalLength::HOUR, vec![1, 2, 2, 1]).unwrap();
    let p = Problem::new(
        req,
        vec![template("two", 0, 2, 2, None, 1.0)],
        Objective::MinCost,
    )
    .unwrap();
    let s = p.solve(&exact()).unwrap();
    assert_eq!(s.objective, 6.0);
    assert_eq!(brute_force(&p, 3), Some(6.0));
    assert!(p.verify(&s).is_empty());
}

#[test]
fn breaks_are_staggered_by_the_optimiser() {
    // Two agents needed every hour of an 8-hour day; one-hour unpaid breaks between hours 3
    // and 5: three agents with breaks at three different hours (each hour two remain).
    let req = Requirements::new(IntervalLength::HOUR, vec![2; 8]).unwrap();
    let p = Problem::new(
        req,
        vec![template("day", 0, 0, 8, Some((3, 5)), 1.0)],
        Objective::MinCost,
    )
    .unwrap();
    let s = p.solve(&exact()).unwrap();
    assert_eq!(s.total_shifts(), 3);
    assert_eq!(s.objective, 21.0);
    assert!(s.shifts[0].breaks.iter().all(|b| b.agents == 1));
    assert_eq!(brute_force(&p, 3), Some(21.0));
    assert!(p.verify(&s).is_empty());
}

#[test]
fn an_uncoverable_interval_is_named() {
    let req = Requirements::new(IntervalLength::HOUR, vec![1, 1, 1, 1, 0, 3]).unwrap();
    let p = Problem::new(
        req,
        vec![template("early", 0, 0, 4, None, 1.0)],
        Objective::MinCost,
    )
    .unwrap();
    let e = p.solve(&exact()).unwrap_err().to_string();
    assert!(e.contains("interval 5") && e.contains("Mon 05:00"), "{e}");
}

#[test]
fn limits_that_cannot_be_met_are_infeasible() {
    let req = Requirements::new(IntervalLength::HOUR, vec![3; 4]).unwrap();
    let mut t = template("all", 0, 0, 4, None, 1.0);
    t.max_per_shift = Some(2);
    let p = Problem::new(req, vec![t], Objective::MinCost).unwrap();
    assert!(matches!(
        p.solve(&exact()),
        Err(wfm_schedule::Error::Infeasible { .. })
    ));
}

#[test]
fn deviation_under_a_cap_leaves_the_peak_short() {
    let req = Requirements::new(IntervalLength::HOUR, vec![1, 3, 3, 1]).unwrap();
    let objective = Objective::MinDeviation {
        under_weight: 2.0,
        over_weight: 1.0,
        max_on_duty: Some(2),
        max_shifts: None,
    };
    let p = Problem::new(req, vec![template("two", 0, 2, 2, None, 1.0)], objective).unwrap();
    let s = p.solve(&exact()).unwrap();
    assert_eq!(Some(s.objective), brute_force(&p, 3));
    assert!(s.coverage.iter().all(|c| c.available() <= 2));
    assert!(p.verify(&s).is_empty());
}

#[test]
fn a_wrapped_night_shift_covers_monday_morning() {
    let mut counts = vec![0u32; 168];
    counts[0] = 1; // Monday 00:00
    let req = Requirements::new(IntervalLength::HOUR, counts).expect("valid counts");
    let mut night = template("night", 22, 22, 4, None, 1.0);
    night.days = vec![Weekday::Sunday];
    let p = Problem::wrapping(req.clone(), vec![night.clone()], Objective::MinCost).unwrap();
    let s = p.solve(&exact()).unwrap();
    assert_eq!(s.shifts.len(), 1);
    assert_eq!(s.shifts[0].weekday, Weekday::Sunday);
    assert!(p.verify(&s).is_empty());
    // Without wrapping the same shift does not fit, so Monday 00:00 cannot be covered.
    let p = Problem::new(req, vec![night], Objective::MinCost).unwrap();
    assert!(p.solve(&exact()).is_err());
}

#[test]
fn the_validator_catches_a_misplaced_break() {
    let req = Requirements::new(IntervalLength::HOUR, vec![1; 8]).unwrap();
    let p = Problem::new(
        req,
        vec![template("day", 0, 0, 8, Some((3, 5)), 1.0)],
        Objective::MinCost,
    )
    .unwrap();
    let mut s: Schedule = p.solve(&exact()).unwrap();
    assert!(p.verify(&s).is_empty());
    s.shifts[0].breaks = vec![BreakSlot {
        rule: 0,
        start_offset_minutes: 60,
        agents: s.shifts[0].agents,
    }];
    assert!(!p.verify(&s).is_empty());
    // A forged schedule with a wrong coverage is caught too.
    let forged = Schedule {
        coverage: vec![
            IntervalCoverage {
                required: 1,
                on_shift: 9,
                on_break: 0
            };
            8
        ],
        shifts: vec![ScheduledShift {
            breaks: vec![],
            ..s.shifts[0].clone()
        }],
        ..s
    };
    assert!(!p.verify(&forged).is_empty());
}

fn small_problem() -> impl Strategy<Value = (Problem, u32)> {
    let horizon = 5usize..=8;
    (horizon, 1usize..=2, any::<bool>(), any::<u64>()).prop_map(
        |(h, n_templates, deviation, seed)| {
            let mut rng = seed;
            let mut next = |m: u64| {
                rng = rng
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (rng >> 33) % m
            };
            let counts: Vec<u32> = (0..h).map(|_| next(3) as u32).collect();
            let mut templates = Vec::new();
            for i in 0..n_templates {
                let len = 2 + next(3) as u32; // 2..=4 hours
                let earliest = next(2) as u32;
                let latest = earliest + next(3) as u32;
                let brk = (len >= 3 && next(2) == 0)
                    .then(|| (1, 1 + next(u64::from(len) - 2).min(1) as u32));
                let mut t = template(
                    &format!("t{i}"),
                    earliest,
                    latest,
                    len,
                    brk,
                    1.0 + next(3) as f64 / 2.0,
                );
                if next(3) == 0 {
                    t.max_per_shift = Some(1 + next(2) as u32);
                }
                templates.push(t);
            }
            let objective = if deviation {
                Objective::MinDeviation {
                    under_weight: 1.0 + next(3) as f64,
                    over_weight: 1.0,
                    max_on_duty: (next(2) == 0).then(|| 1 + next(3) as u32),
                    max_shifts: None,
                }
            } else {
                Objective::MinCost
            };
            let req = Requirements::new(IntervalLength::HOUR, counts).expect("valid counts");
            (
                Problem::new(req, templates, objective).expect("valid problem"),
                3,
            )
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// The integer program and the exhaustive search agree on the optimum, and every
    /// returned schedule passes the validator.
    #[test]
    fn solver_matches_brute_force((p, max) in small_problem()) {
        let brute = if p.candidate_shifts() <= 5 { brute_force(&p, max) } else { None };
        match p.solve(&exact()) {
            Ok(s) => {
                prop_assert_eq!(s.status, Status::Optimal);
                prop_assert!(p.verify(&s).is_empty(), "{:?}", p.verify(&s));
                if let Some(b) = brute {
                    // The brute force caps agents per shift; the solver may only do better.
                    prop_assert!(s.objective <= b + 1e-9, "solver {} brute {}", s.objective, b);
                    if s.shifts.iter().all(|x| x.agents <= max) {
                        prop_assert!((s.objective - b).abs() < 1e-9, "solver {} brute {}", s.objective, b);
                    }
                }
                prop_assert!(s.gap.is_some_and(|g| g <= 1e-6));
            }
            Err(wfm_schedule::Error::Infeasible { .. }) => {
                if p.candidate_shifts() <= 4 {
                    prop_assert_eq!(brute_force(&p, 4), None);
                }
            }
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }
}

#[test]
fn the_validator_refuses_forged_extremes_without_panicking() {
    let req = Requirements::new(IntervalLength::HOUR, vec![1; 8]).expect("valid");
    let p = Problem::new(
        req,
        vec![template("day", 0, 0, 8, Some((3, 5)), 1.0)],
        Objective::MinCost,
    )
    .expect("valid");
    let s = p.solve(&exact()).expect("solves");
    let mut forged = s.clone();
    forged.shifts[0].day = usize::MAX;
    forged.shifts[0].start_interval = usize::MAX;
    forged.shifts[0].agents = u32::MAX;
    forged.shifts[0].breaks = vec![BreakSlot {
        rule: 7,
        start_offset_minutes: u32::MAX,
        agents: u32::MAX,
    }];
    assert!(!p.verify(&forged).is_empty());
    let mut unknown = s;
    unknown.shifts[0].template = 99;
    assert!(!p.verify(&unknown).is_empty());
}
