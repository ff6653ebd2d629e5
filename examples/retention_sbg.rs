//! Fader & Hardie (2007), "How to Project Customer Retention": fit the shifted-beta-geometric
//! model to years 0–7 of both data sets, project years 8–12, and value the customers with the
//! DERL of their 2010 follow-up.
//!
//! Run: `cargo run --example retention_sbg`.

use cx_retention::{RetentionError, SbgModel};

fn main() -> Result<(), RetentionError> {
    let sets: [(&str, [u64; 13], (f64, f64)); 2] = [
        (
            "regular",
            [
                1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173,
            ],
            (0.704, 1.182),
        ),
        (
            "high end",
            [
                1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394,
            ],
            (0.668, 3.806),
        ),
    ];
    for (name, survivors, published) in sets {
        let fit = SbgModel::fit(&survivors[..8])?;
        let m = fit.model;
        println!(
            "{name}: alpha = {:.7}, beta = {:.7} (published {}, {}), LL = {:.4}, {} evaluations",
            m.alpha(),
            m.beta(),
            published.0,
            published.1,
            fit.log_likelihood,
            fit.evaluations
        );
        if let Some(se) = fit.standard_errors {
            println!(
                "  standard errors: alpha {:.4}, beta {:.4} (correlation {:.3})",
                se.alpha, se.beta, se.correlation
            );
        }
        println!("  year  actual  projected  retention actual / projected");
        let s = m.survival_curve(12)?;
        let mut abs_pct = 0.0;
        for t in 1..=12usize {
            let proj = 1000.0 * s[t];
            let r_act = survivors[t] as f64 / survivors[t - 1] as f64;
            let holdout = if t > 7 { "  (holdout)" } else { "" };
            println!(
                "  {t:>4}  {:>6}  {proj:>9.2}  {r_act:.4} / {:.4}{holdout}",
                survivors[t],
                m.retention_rate(t as u32)?
            );
            if t > 7 {
                abs_pct += (proj - survivors[t] as f64).abs() / survivors[t] as f64;
            }
        }
        println!(
            "  holdout MAPE (years 8–12): {:.2} %",
            100.0 * abs_pct / 5.0
        );
        println!(
            "  DERL at d = 10 %: just before the first renewal (n = 1) {:.6}, after 7 renewals (n = 8) {:.6}",
            m.derl(0.10, 1)?,
            m.derl(0.10, 8)?
        );
    }
    Ok(())
}
