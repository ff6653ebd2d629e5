//! Times a week of 15-minute requirements against many shift templates.
use std::time::Duration;
use wfm_forecast::IntervalLength;
use wfm_schedule::{BreakRule, Objective, Problem, Requirements, ShiftTemplate, SolveOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let n_templates: usize = args.get(1).map_or(Ok(200), |s| s.parse())?;
    let with_breaks: bool = args.get(2).is_some_and(|s| s == "breaks");
    let limit: u64 = args.get(3).map_or(Ok(10), |s| s.parse())?;
    let per_day = 96;
    let mut counts = Vec::new();
    for d in 0..7 {
        for i in 0..per_day {
            let h = i as f64 / 4.0;
            let base = if d >= 5 { 0.6 } else { 1.0 };
            let v = base
                * (30.0 * (-((h - 11.0) / 4.0).powi(2)).exp()
                    + 15.0 * (-((h - 17.0) / 3.0).powi(2)).exp()
                    + 2.0);
            counts.push(v.round() as u32);
        }
    }
    let req = Requirements::new(IntervalLength::MINUTES_15, counts)?;
    let mut templates = Vec::new();
    // Templates: every start time 15-minute grid over the day × lengths.
    let lengths = [4 * 60, 6 * 60, 8 * 60, 9 * 60];
    for i in 0..n_templates {
        let start = ((i * 37) % 96) as u32 * 15;
        let len = lengths[i % 4];
        let mut t = ShiftTemplate::new(format!("t{i}"), start, start, len);
        t.cost_per_paid_hour = if len >= 8 * 60 { 1.0 } else { 1.1 };
        if with_breaks && len >= 6 * 60 {
            t.breaks.push(BreakRule::new(120, 180, 15));
            if len >= 8 * 60 {
                t.breaks.push(BreakRule::new(240, 300, 30).unpaid());
            }
        }
        templates.push(t);
    }
    let p = Problem::wrapping(req, templates, Objective::MinCost)?;
    println!(
        "candidates {} variables {}",
        p.candidate_shifts(),
        p.variables()
    );
    let s = p.solve(&SolveOptions {
        time_limit: Duration::from_secs(limit),
        relative_gap: 0.01,
    })?;
    println!(
        "status {:?} objective {} bound {:?} gap {:?} time {:?} shifts {}",
        s.status,
        s.objective,
        s.best_bound,
        s.gap,
        s.solve_time,
        s.total_shifts()
    );
    println!("violations {}", p.verify(&s).len());
    Ok(())
}
