//! Solve times of mid-size scheduling problems.
//!
//! `cargo bench -p wfm-schedule --bench schedule`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use wfm_forecast::IntervalLength;
use wfm_schedule::{BreakRule, Objective, Problem, Requirements, ShiftTemplate, SolveOptions};

/// A two-peak weekday curve (lower at weekends) of 15-minute requirements over `days` days.
fn requirements(days: usize) -> Requirements {
    let mut counts = Vec::new();
    for d in 0..days {
        for i in 0..96 {
            let h = f64::from(i) / 4.0;
            let base = if d % 7 >= 5 { 0.6 } else { 1.0 };
            let v = base
                * (30.0 * (-((h - 11.0) / 4.0).powi(2)).exp()
                    + 15.0 * (-((h - 17.0) / 3.0).powi(2)).exp()
                    + 2.0);
            counts.push(v.round() as u32);
        }
    }
    Requirements::new(IntervalLength::MINUTES_15, counts).expect("valid requirements")
}

/// `n` single-start templates spread over the day, of 4, 6, 8 and 9 hours.
fn templates(n: usize, breaks: bool) -> Vec<ShiftTemplate> {
    let lengths = [4 * 60, 6 * 60, 8 * 60, 9 * 60];
    (0..n)
        .map(|i| {
            let start = ((i * 37) % 96) as u32 * 15;
            let len = lengths[i % 4];
            let mut t = ShiftTemplate::new(format!("t{i}"), start, start, len);
            t.cost_per_paid_hour = if len >= 8 * 60 { 1.0 } else { 1.1 };
            if breaks && len >= 6 * 60 {
                t.breaks.push(BreakRule::new(120, 180, 15));
                if len >= 8 * 60 {
                    t.breaks.push(BreakRule::new(240, 300, 30).unpaid());
                }
            }
            t
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let options = SolveOptions {
        time_limit: Duration::from_secs(10),
        relative_gap: 0.01,
    };
    let week = Problem::wrapping(requirements(7), templates(100, false), Objective::MinCost)
        .expect("valid problem");
    c.bench_function("week_672_intervals_100_templates_no_breaks", |b| {
        b.iter(|| black_box(week.solve(&options).expect("solves")))
    });
    // One day open 6:00 to 22:00: 8-hour shifts starting 6:00 to 14:00 and 4-hour shifts
    // starting 14:00 to 18:00, every 15 minutes, with their breaks.
    let open: Vec<u32> = requirements(1)
        .counts()
        .iter()
        .enumerate()
        .map(|(i, &c)| if (24..88).contains(&i) { c } else { 0 })
        .collect();
    let day_req = Requirements::new(IntervalLength::MINUTES_15, open).expect("valid");
    let mut day_templates = Vec::new();
    for (i, start) in (6 * 60..=14 * 60).step_by(15).enumerate() {
        let mut t = ShiftTemplate::new(format!("full{i}"), start, start, 8 * 60);
        t.breaks.push(BreakRule::new(120, 180, 15));
        t.breaks.push(BreakRule::new(240, 300, 30).unpaid());
        day_templates.push(t);
    }
    for (i, start) in (14 * 60..=18 * 60).step_by(15).enumerate() {
        let mut t = ShiftTemplate::new(format!("part{i}"), start, start, 4 * 60);
        t.cost_per_paid_hour = 1.1;
        t.breaks.push(BreakRule::new(90, 150, 15));
        day_templates.push(t);
    }
    let day = Problem::new(day_req, day_templates, Objective::MinCost).expect("valid problem");
    let once = day.solve(&options).expect("solves");
    eprintln!(
        "day with breaks: {:?}, gap {:?}, {:?}",
        once.status, once.gap, once.solve_time
    );
    c.bench_function("day_96_intervals_50_templates_with_breaks", |b| {
        b.iter(|| black_box(day.solve(&options).expect("solves")))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
