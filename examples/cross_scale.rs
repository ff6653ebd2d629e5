//! The cross-scale CSAT example of Oleg Zeldin's post «Корректное сравнение результатов измерений
//! CSAT по разным шкалам» (comparing CSAT measured on different scales), end to end through
//! `cx-scales`.
//!
//! A contact centre measures CSAT on a 1–10 scale as the share of 8–10 and gets 58 %. The
//! industry benchmark (best practice at least 75 %) is the share of 5–7 on a 1–7 scale. Mapping
//! the benchmark's band onto 1–10 by linear endpoint mapping gives exactly 7–10, and the
//! comparable figure is 77.3 %: above the benchmark, not below it.
//!
//! Run with `cargo run --example cross_scale`.

use cx_scales::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let ours = read_table(include_str!("data/csat_1_to_10_published.csv"))?;
    println!("Published distribution: {ours}\n");

    let conversion = Conversion::new(Scale::ONE_TO_TEN, Scale::ONE_TO_SEVEN);
    println!("{conversion}");
    for x in Scale::ONE_TO_TEN.points() {
        let y = conversion.map_value(x.into())?;
        println!("  {x:>2} → {y:.2}   (exactly {y})");
    }

    let own = ours.share(&Band::top_box(Scale::ONE_TO_TEN, 3)?)?;
    println!("\nCSAT as measured (share of 8–10 on 1–10): {own:.1}");

    let benchmark = BandBenchmark::new(
        "best practice",
        Band::at_least(Scale::ONE_TO_SEVEN, 5)?,
        Goal::AtLeast,
        Share::from_percent(75.0)?,
    );
    println!("Benchmark: {benchmark}");
    let r = benchmark.evaluate(&ours, Method::Endpoints, ThresholdPolicy::ExactOnly)?;
    println!("Linear endpoint mapping, exact: {r:.1}");
    println!(
        "  → comparable CSAT {:.1} against {:.0}: {} by {:+.1} points\n",
        r.share,
        r.target,
        if r.meets { "above" } else { "below" },
        r.gap_points()
    );

    println!("The same benchmark by share of points (a different convention, for contrast):");
    for policy in [
        ThresholdPolicy::Conservative,
        ThresholdPolicy::Nearest,
        ThresholdPolicy::Liberal,
        ThresholdPolicy::Interpolated,
    ] {
        let r = benchmark.evaluate(&ours, Method::PointShares, policy)?;
        println!("  {policy:?}: {r:.1}");
    }
    Ok(())
}

/// Reads the bundled `point,percent` table (lines starting with `#` are comments).
fn read_table(text: &str) -> Result<PercentTable, Box<dyn std::error::Error>> {
    let mut entries = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let (point, percent) = line.split_once(',').ok_or("expected point,percent")?;
        entries.push((point.trim().parse()?, percent.trim().parse()?));
    }
    Ok(PercentTable::new(Scale::ONE_TO_TEN, entries, 0.05)?)
}
