//! Solves a pyworkforce-shaped instance read as JSON from standard input and prints the
//! result as one JSON line (used by the side-by-side script in the workspace's benches).
//!
//! Input: `{"periods": 24, "num_days": 2, "required": [[...], [...]], "shifts": [{"name": "a",
//! "mask": [0, 1, ...], "cost": 1.0}], "max_period_concurrency": 25,
//! "max_shift_concurrency": 20, "objective": "min_cost" | "min_abs_difference",
//! "time_limit": 10.0}`. A shift's mask covers one day; the periods from its first to its last
//! covered period are the shift, uncovered periods inside it become fixed breaks.

use std::io::Read;
use std::time::Duration;

use serde_json::{Value, json};
use wfm_forecast::IntervalLength;
use wfm_schedule::{BreakRule, Objective, Problem, Requirements, ShiftTemplate, SolveOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let v: Value = serde_json::from_str(&text)?;
    let periods = v["periods"].as_u64().ok_or("periods")? as u32;
    let minutes = 1440 / periods;
    let interval = IntervalLength::from_minutes(minutes)?;
    let counts: Vec<u32> = v["required"]
        .as_array()
        .ok_or("required")?
        .iter()
        .flat_map(|day| day.as_array().into_iter().flatten())
        .map(|x| x.as_u64().unwrap_or(0) as u32)
        .collect();
    let max_shift = v["max_shift_concurrency"].as_u64().map(|x| x as u32);
    let max_period = v["max_period_concurrency"].as_u64().map(|x| x as u32);
    let mut templates = Vec::new();
    for s in v["shifts"].as_array().ok_or("shifts")? {
        let mask: Vec<u64> = s["mask"]
            .as_array()
            .ok_or("mask")?
            .iter()
            .map(|x| x.as_u64().unwrap_or(0))
            .collect();
        let first = mask.iter().position(|&m| m == 1).ok_or("empty mask")? as u32;
        let last = mask.iter().rposition(|&m| m == 1).ok_or("empty mask")? as u32;
        let len = (last - first + 1) * minutes;
        let mut t = ShiftTemplate::new(
            s["name"].as_str().unwrap_or("shift"),
            first * minutes,
            first * minutes,
            len,
        );
        t.start_step_minutes = minutes;
        let mut k = first;
        while k <= last {
            if mask[k as usize] == 0 {
                let gap_start = k;
                while mask[k as usize] == 0 {
                    k += 1;
                }
                let off = (gap_start - first) * minutes;
                t.breaks
                    .push(BreakRule::new(off, off, (k - gap_start) * minutes));
            }
            k += 1;
        }
        let cost = s["cost"].as_f64().unwrap_or(1.0);
        t.cost_per_paid_hour = cost * 60.0 / f64::from(t.paid_minutes());
        t.max_per_shift = max_shift;
        templates.push(t);
    }
    let objective = match v["objective"].as_str() {
        Some("min_abs_difference") => Objective::MinDeviation {
            under_weight: 1.0,
            over_weight: 1.0,
            max_on_duty: max_period,
            max_shifts: None,
        },
        _ => Objective::MinCost,
    };
    let req = Requirements::new(interval, counts)?;
    let p = Problem::new(req, templates, objective)?;
    let limit = v["time_limit"].as_f64().unwrap_or(10.0);
    let options = SolveOptions {
        time_limit: Duration::from_secs_f64(limit),
        relative_gap: 0.0,
    };
    let out = match p.solve(&options) {
        Ok(s) => {
            let max_on = s.coverage.iter().map(|c| c.available()).max().unwrap_or(0);
            json!({
                "status": s.status.name(),
                "objective": s.objective,
                "bound": s.best_bound,
                "gap": s.gap,
                "seconds": s.solve_time.as_secs_f64(),
                "valid": p.verify(&s).is_empty(),
                "max_on_duty": max_on,
            })
        }
        Err(e) => json!({ "error": e.to_string() }),
    };
    println!("{out}");
    Ok(())
}
