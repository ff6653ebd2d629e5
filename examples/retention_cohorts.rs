//! Monthly retention, revenue retention and an acquisition-cohort table from activity events,
//! counted in one pass by two threads and merged.
//!
//! The events are synthetic (a fixed pseudo-random generator, so every run prints the same
//! table): 20,000 customers, each with a monthly purchase probability of their own, over 2024.
//!
//! Run: `cargo run --release --example retention_cohorts`.

use cx_retention::jiff::civil::date;
use cx_retention::{
    ActivityAccumulator, ActivityEvent, DateRange, LapseRule, Money, PeriodUnit, RetentionError,
};

/// SplitMix64, enough for a reproducible example.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn main() -> Result<(), RetentionError> {
    let months = DateRange::new(date(2024, 1, 1), date(2025, 1, 1))?.periods(PeriodUnit::Month)?;
    let mut rng = 2024;
    let mut events = Vec::new();
    for customer in 0..20_000u64 {
        let first_month = (next(&mut rng) % 12) as i8 + 1;
        let loyalty = 0.5 + 0.5 * (next(&mut rng) % 1000) as f64 / 1000.0;
        for month in first_month..=12 {
            if month > first_month && (next(&mut rng) % 1000) as f64 / 1000.0 > loyalty {
                break; // lapsed for good
            }
            let day = (next(&mut rng) % 28) as i8 + 1;
            let cents = 1_000 + next(&mut rng) % 4_000;
            events.push(ActivityEvent {
                customer,
                date: date(2024, month, day),
                revenue: Money::from_minor_units(cents),
            });
        }
    }
    // Two threads, each counting whole customers, then an exact merge.
    let rule = LapseRule::after(1)?;
    let mid = events.partition_point(|e| e.customer < 10_000);
    let (left, right) = events.split_at(mid);
    let (a, b) = std::thread::scope(|s| {
        let h = s.spawn(|| {
            let mut acc = ActivityAccumulator::new(months, rule);
            acc.record_events(right.iter().copied()).map(|()| acc)
        });
        let mut acc = ActivityAccumulator::new(months, rule);
        let left = acc.record_events(left.iter().copied()).map(|()| acc);
        (left, h.join())
    });
    let mut acc = a?;
    acc.merge(&b.map_err(|_| RetentionError::Empty {
        what: "worker",
        item: "result",
    })??)?;

    println!("month     start    new   lost    end  retention  churn     NRR     GRR");
    let counts = acc.period_counts()?;
    for ((p, c), m) in months.iter().zip(&counts).zip(acc.revenue_movements()) {
        let pct = |r: Result<f64, RetentionError>| {
            r.map_or("     – ".to_string(), |v| format!("{:5.1}%", 100.0 * v))
        };
        println!(
            "{}  {:>6} {:>6} {:>6} {:>6}  {}     {}  {}  {}",
            &p.start().to_string()[..7],
            c.at_start(),
            c.new_customers(),
            c.lost(),
            c.at_end(),
            pct(c.retention_rate()),
            pct(c.churn_rate()),
            pct(m.net_revenue_retention()),
            pct(m.gross_revenue_retention()),
        );
    }
    println!("\nshare of each cohort still in its first spell, by months since acquisition (%)");
    let table = acc.cohort_table();
    for c in 0..months.len() {
        let row: Vec<String> = (0..months.len() - c)
            .map(|age| {
                table
                    .survival_rate(c, age)
                    .map_or("  –".into(), |r| format!("{:3.0}", 100.0 * r))
            })
            .collect();
        println!(
            "{} (n = {:>4}): {}",
            &table.cohort(c)?.start().to_string()[..7],
            table.cohort_size(c)?,
            row.join(" ")
        );
    }
    println!(
        "\nhistorical LTV of the January cohort: {:.2} per customer",
        table.historical_ltv(0)? / 100.0
    );
    Ok(())
}
