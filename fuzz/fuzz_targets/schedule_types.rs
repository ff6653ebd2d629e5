//! wfm-schedule: every `Deserialize` of an input type (shift templates, breaks, objectives,
//! weekdays), the validation of a whole problem, and a tiny solve re-checked by the
//! independent validator.
//!
//! The first byte picks the type (see `match` below); the rest is JSON. A problem that
//! validates and is small enough is solved with a short time limit: the schedule must pass
//! `Problem::verify`, its gap must be within 0..=1 and its bound at most its objective.

#![no_main]

mod lib_check;

use std::time::Duration;

use lib_check::{json, ok, reread, split};
use libfuzzer_sys::fuzz_target;
use serde::Deserialize;
use wfm_forecast::IntervalLength;
use wfm_schedule::{
    BreakRule, Error, Objective, Problem, Requirements, ShiftTemplate, SolveOptions, Weekday,
};

/// A whole problem as JSON.
#[derive(Debug, Deserialize)]
struct Config {
    interval_minutes: u32,
    counts: Vec<u32>,
    templates: Vec<ShiftTemplate>,
    objective: Objective,
    #[serde(default)]
    wrap: bool,
}

fn problem(c: Config) {
    let Some(interval) = ok(IntervalLength::from_minutes(c.interval_minutes)) else {
        return;
    };
    let Some(req) = ok(Requirements::new(interval, c.counts)) else {
        return;
    };
    let built = if c.wrap {
        Problem::wrapping(req, c.templates, c.objective)
    } else {
        Problem::new(req, c.templates, c.objective)
    };
    let Some(p) = ok(built) else { return };
    assert!(p.variables() <= wfm_schedule::MAX_VARIABLES);
    // Solve only tiny models, so that an execution stays well under a second.
    if p.variables() > 40 || p.requirements().len() > 48 {
        return;
    }
    let options = SolveOptions {
        time_limit: Duration::from_millis(500),
        relative_gap: 0.0,
    };
    match p.solve(&options) {
        Ok(s) => {
            let violations = p.verify(&s);
            assert!(violations.is_empty(), "{violations:?}");
            assert!(s.objective.is_finite() && s.objective >= 0.0);
            if let Some(g) = s.gap {
                assert!(
                    (0.0..=1.0).contains(&g) || s.objective.abs() < 1.0,
                    "gap {g}"
                );
            }
            if let Some(b) = s.best_bound {
                assert!(b <= s.objective + 1e-9 * s.objective.abs().max(1.0));
            }
            assert_eq!(s.coverage.len(), p.requirements().len());
        }
        Err(Error::Infeasible { reason }) => assert!(!reason.is_empty()),
        Err(Error::NoSolutionInTime { .. }) => {}
        Err(e) => panic!("unexpected error: {e}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((kind, text)) = split(data) else {
        return;
    };
    match kind % 5 {
        0 => {
            if let Some(c) = json::<Config>(text) {
                problem(c);
            }
        }
        1 => {
            if let Some(t) = json::<ShiftTemplate>(text) {
                let back = reread(&t);
                assert!(back.paid_minutes() <= back.length_minutes);
                if back.cost_per_paid_hour >= 0.0 {
                    assert!(back.shift_cost() >= 0.0);
                }
            }
        }
        2 => {
            if let Some(b) = json::<BreakRule>(text) {
                reread(&b);
            }
        }
        3 => {
            if let Some(o) = json::<Objective>(text) {
                // Weights are checked when a problem is built; any value must round-trip or be
                // refused there.
                if let Objective::MinDeviation {
                    under_weight,
                    over_weight,
                    ..
                } = o
                {
                    if under_weight.is_finite() && over_weight.is_finite() {
                        reread(&o);
                    }
                } else {
                    reread(&o);
                }
            }
        }
        _ => {
            if let Some(d) = json::<Weekday>(text) {
                assert_eq!(reread(&d), d);
                assert_eq!(Weekday::ALL[d.index()], d);
            }
        }
    }
});
