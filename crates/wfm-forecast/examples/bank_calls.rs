//! Hold-out evaluation on the fpp3 `bank_calls` series, exported by
//! `benches/forecast_bank_calls.py` (the data is GPL-3 and never committed).
//!
//! `cargo run --release -p wfm-forecast --example bank_calls -- bank_calls_5min.csv [runs]`
//!
//! Besides WAPE and time it scores each model's 80 % and 95 % prediction intervals on the
//! open hold-out slots: coverage, and the interval (Winkler) score at 80 %.

use std::time::Instant;

use wfm_forecast::{
    AccuracyReport, Calendar, DayProfile, HoltWinters, IntervalAccumulator, Level, SeasonalNaive,
    VolumeModel,
};

const SLOTS: usize = 169;
const WEEK: usize = 5 * SLOTS;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: bank_calls <csv> [runs]")?;
    let runs: usize = args.next().map_or(Ok(5), |r| r.parse())?;
    let text = std::fs::read_to_string(&path)?;
    let mut values = Vec::new();
    let mut calendar = Calendar::always_open();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        if line.is_empty() {
            calendar = calendar.close(values.len());
            values.push(0.0);
        } else {
            values.push(line.parse::<f64>()?);
        }
    }
    let split = values.len() - WEEK;
    let (train, test) = values.split_at(split);
    println!(
        "{} slots ({} days), hold-out {} slots; median of {runs} runs",
        values.len(),
        values.len() / SLOTS,
        test.len()
    );
    let models: Vec<(&str, Box<dyn VolumeModel>)> = vec![
        ("seasonal naive (845)", Box::new(SeasonalNaive::new(WEEK)?)),
        (
            "day totals HW(A,Ad,A) x profile (4 weeks)",
            Box::new(DayProfile::new(
                SLOTS,
                HoltWinters::additive(5)?.damped(),
                4,
            )?),
        ),
        (
            "day totals HW(A,Ad,A) x profile (8 weeks)",
            Box::new(DayProfile::new(
                SLOTS,
                HoltWinters::additive(5)?.damped(),
                8,
            )?),
        ),
        (
            "day totals HW(A,Ad,M) x profile (8 weeks)",
            Box::new(DayProfile::new(
                SLOTS,
                HoltWinters::multiplicative(5)?.damped(),
                8,
            )?),
        ),
        (
            "day totals HW(A,A,A) x profile (8 weeks)",
            Box::new(DayProfile::new(SLOTS, HoltWinters::additive(5)?, 8)?),
        ),
        (
            "day totals seasonal naive x profile (8 weeks)",
            Box::new(DayProfile::with_day_model(
                SLOTS,
                5,
                SeasonalNaive::new(5)?,
                8,
            )?),
        ),
    ];
    for (name, model) in &models {
        let mut times = Vec::with_capacity(runs);
        let mut wape = 0.0;
        for _ in 0..runs.max(1) {
            let start = Instant::now();
            let f = model.forecast(train, &calendar, WEEK, None)?;
            times.push(start.elapsed().as_secs_f64());
            wape = AccuracyReport::of(test, &f.point)?.wape()?;
        }
        times.sort_by(f64::total_cmp);
        let mut coverage = Vec::new();
        let mut winkler = 0.0;
        for level in [0.8, 0.95] {
            let level = Level::new(level)?;
            let f = model.forecast(train, &calendar, WEEK, Some(level))?;
            let pi = f.interval.ok_or("the model gave no interval")?;
            let mut acc = IntervalAccumulator::new(level);
            for (i, &a) in test.iter().enumerate() {
                if calendar.is_open(split + i) {
                    acc.record(a, pi.lower[i], pi.upper[i])?;
                }
            }
            let r = acc.report()?;
            coverage.push(r.coverage());
            if level.get() == 0.8 {
                winkler = r.interval_score();
            }
        }
        println!(
            "{name:<48} WAPE {wape:.4}  median time {:.3} ms  coverage 80 % {:.3}, 95 % {:.3}  Winkler(80) {winkler:.1}",
            times[times.len() / 2] * 1e3,
            coverage[0],
            coverage[1],
        );
    }
    Ok(())
}
