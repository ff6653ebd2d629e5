//! The survey examples of the articles the project started from (Ilya Osipov's customer-service
//! guide and Oleg Zeldin's posts; see the README's references), end to end through `cx-survey`:
//! NPS 50 from 70/10/20 with its interval, the COPC CSAT/CDSAT reading, the CSI-versus-CDSAT
//! argument with numbers, the cross-scale 77.3 % verdict, and the audit-sampling question.
//!
//! Run with `cargo run --example survey_worked_examples`.

use cx_scales::{Distribution, Method, PercentTable, Scale, Share, ThresholdPolicy};
use cx_survey::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let c95 = Confidence::NINETY_FIVE;

    // 1. NPS (Osipov's example): 70 promoters, 10 passives, 20 detractors.
    let nps = Nps::from_counts(70, 10, 20)?;
    println!("1. {nps}");
    for m in [
        NpsMethod::AdjustedWald,
        NpsMethod::Score,
        NpsMethod::JeffreysDirichlet,
        NpsMethod::Wald,
    ] {
        println!("   {}", nps.interval(m, c95));
    }
    println!(
        "   Osipov's bands call it: {}",
        NpsBands::osipov()
            .classify(nps.score())
            .unwrap_or("(unnamed: 50 is not \"above 50\")")
    );

    // 2. COPC (as quoted by Zeldin): CSAT = share of 4–5 ≥ 85 %, CDSAT = share of 1 ≤ 5 %, on 1–5.
    let month = Distribution::from_counts(Scale::ONE_TO_FIVE, &[6u64, 2, 4, 38, 50])?;
    let exact = (Method::Endpoints, ThresholdPolicy::ExactOnly);
    println!("\n2. {month}");
    for b in [copc_csat(), copc_cdsat()] {
        let r = b.evaluate(&month, exact.0, exact.1)?;
        println!(
            "   {b}: {:.1} → {}",
            r.share,
            if r.meets { "meets" } else { "misses" }
        );
    }
    let csat = csat_top_box(&month, 2)?;
    println!("   CSAT {}", csat.interval(ShareMethod::Wilson, c95));
    println!(
        "   CDSAT {}",
        cdsat_bottom_box(&month, 1)?.interval(ShareMethod::Wilson, c95)
    );

    // 3. Why one index misleads (Zeldin's CSAT and CDSAT posts; counts ours, the post's figures are
    // an image).
    let before =
        Distribution::from_counts(Scale::ZERO_TO_TEN, &[0u64, 0, 1, 0, 0, 59, 0, 0, 0, 20, 20])?;
    let after =
        Distribution::from_counts(Scale::ZERO_TO_TEN, &[8u64, 0, 0, 0, 0, 0, 0, 0, 52, 20, 20])?;
    println!("\n3. CSI vs CSAT/CDSAT on 0–10 (satisfied 9–10, dissatisfied 0–2)");
    for (name, d) in [("before", &before), ("after ", &after)] {
        let csi = Csi::new(d)?;
        println!(
            "   {name}: CSI mean {:.2} ({:.1} % of max), CSAT {:.1}, CDSAT {:.1}",
            csi.mean().mean(),
            csi.percent_of_max(),
            csat_top_box(d, 2)?.share(),
            cdsat_bottom_box(d, 3)?.share()
        );
    }
    let grew = compare_shares(
        cdsat_bottom_box(&after, 3)?.proportion(),
        cdsat_bottom_box(&before, 3)?.proportion(),
        c95,
    );
    println!(
        "   CDSAT change {:+.1} points, 95 % interval [{:+.1}, {:+.1}], p = {:.4}",
        100.0 * grew.difference,
        100.0 * grew.lower,
        100.0 * grew.upper,
        grew.p_value
    );

    // 4. Cross-scale benchmark (Zeldin's example): 58 % in 8–10 of 1–10 vs ≥ 75 % in 5–7 of 1–7.
    let ours = PercentTable::new(
        Scale::ONE_TO_TEN,
        [
            (10, 10.6),
            (9, 17.2),
            (8, 30.2),
            (7, 19.3),
            (6, 8.1),
            (5, 5.1),
            (4, 4.0),
            (3, 2.4),
            (2, 0.9),
            (1, 2.2),
        ],
        0.1,
    )?;
    let r = best_practice_csat().evaluate(&ours, exact.0, exact.1)?;
    println!(
        "\n4. {}: comparable share {:.1} in {} → {}",
        best_practice_csat(),
        r.share,
        r.mapped,
        if r.meets { "meets" } else { "misses" }
    );

    // 5. Audit sampling (Osipov's rule of thumb against the formula).
    println!("\n5. How many calls must QA audit? (±5 points at 95 %, p = 0.5)");
    let half = Share::new(0.5)?;
    for population in [100u64, 1_200, 10_000] {
        let rule = audit_rule_of_thumb(population, half, c95)?;
        let need = share_sample_size(0.05, c95, half, Some(population))?;
        println!(
            "   N = {population:>6}: rule {}–{} (±{:.1} / ±{:.1} points); formula {}",
            rule.low,
            rule.high,
            100.0 * rule.margin_at_low,
            100.0 * rule.margin_at_high,
            need.required
        );
    }
    Ok(())
}
