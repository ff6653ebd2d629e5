//! The retention worked example of Ilya Osipov's guide «Завоевывай или умирай: … Все про
//! клиентский сервис от А до Я»: 200 customers at the start of the year, 150 new, 140 lost, 210 at
//! the end; retention 30 %, churn 70 %.
//!
//! Run: `cargo run --example retention_worked_example`.

use cx_retention::{PeriodCounts, RetentionError};

fn main() -> Result<(), RetentionError> {
    let year = PeriodCounts::new(200, 150, 140)?;
    println!("customers at start  S = {}", year.at_start());
    println!("new customers       N = {}", year.new_customers());
    println!("lost customers      L = {}", year.lost());
    println!("customers at end    E = S + N − L = {}", year.at_end());
    println!(
        "retention (E − N)/S     = {:.1} %",
        100.0 * year.retention_rate()?
    );
    println!(
        "churn L/S               = {:.1} %",
        100.0 * year.churn_rate()?
    );
    println!(
        "net growth (E − S)/S    = {:.1} %",
        100.0 * year.net_growth_rate()?
    );
    println!(
        "the guide's (E − S − N)/S = {:.1} %  (the negative of churn: a sign error in the guide)",
        100.0 * year.negated_churn_rate()?
    );
    // If 20 of the 150 new customers had also left within the year:
    let split = PeriodCounts::with_split(200, 150, 140, 20)?;
    println!(
        "with 20 new customers also lost: E = {}, (E − N)/S = {:.1} %, start-base retention = {:.1} %",
        split.at_end(),
        100.0 * split.retention_rate()?,
        100.0 * split.start_base_retention_rate()?
    );
    Ok(())
}
