//! Staffing at scale: 10,000 half-hour intervals of 10–2,000 calls each (a fixed pseudo-random draw,
//! AHT 180 s, 80 % within 20 s) under Erlang C, 200 of its intervals under Erlang A (mean
//! patience 180 s), and a year of 15-minute intervals through a staffing plan.
//!
//! `cargo run --release --example staffing_year` prints timings and totals;
//! `benches/wfm_compare_pyworkforce.py` runs it beside pyworkforce and compares.
//! With `--agents`, it also prints the required agents of every interval.

use std::time::Instant;
use wfm_forecast::{
    ErlangA, ErlangC, IntervalLength, Model, PlanSettings, ServiceLevelDefinition, ServiceTarget,
    Shrinkage, Targets, TimeSpan, Volume,
};

/// 64-bit LCG (Knuth's MMIX constants), seed 42: `count` volumes in `lo..=hi`.
fn volumes(count: usize, lo: u64, hi: u64) -> Result<Vec<Volume>, wfm_forecast::Error> {
    let mut x: u64 = 42;
    (0..count)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            #[allow(clippy::cast_precision_loss)]
            Volume::new((lo + (x >> 33) % (hi - lo + 1)) as f64)
        })
        .collect()
}

/// Median of a few timings, in seconds.
fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() -> Result<(), wfm_forecast::Error> {
    let print_agents = std::env::args().any(|a| a == "--agents");
    let aht = TimeSpan::from_seconds(180.0)?;
    let targets = Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?);
    let work = volumes(10_000, 10, 2000)?;

    let mut agents = Vec::with_capacity(work.len());
    let mut runs = Vec::new();
    for _ in 0..21 {
        agents.clear();
        let start = Instant::now();
        for &v in &work {
            let q = ErlangC::new(v, aht, IntervalLength::MINUTES_30)?;
            agents.push(q.required_agents(&targets)?.agents);
        }
        runs.push(start.elapsed().as_secs_f64());
    }
    let total: u64 = agents.iter().map(|&a| u64::from(a)).sum();
    println!("erlang_c_intervals {}", work.len());
    println!("erlang_c_total_agents {total}");
    println!(
        "erlang_c_us_per_interval_median {:.4}",
        median(runs) * 1e6 / 1e4
    );

    let patience = TimeSpan::from_seconds(180.0)?;
    let mut runs = Vec::new();
    let mut agents_a = Vec::with_capacity(200);
    for _ in 0..5 {
        agents_a.clear();
        let start = Instant::now();
        for &v in &work[..200] {
            let q = ErlangA::new(v, aht, IntervalLength::MINUTES_30, patience)?;
            agents_a.push(q.required_agents(&targets)?.metrics.agents);
        }
        runs.push(start.elapsed().as_secs_f64());
    }
    let total_a: u64 = agents_a.iter().map(|&a| u64::from(a)).sum();
    println!("erlang_a_total_agents_first_200 {total_a}");
    println!(
        "erlang_a_us_per_interval_median {:.3}",
        median(runs) * 1e6 / 200.0
    );

    let year = volumes(365 * 96, 5, 1000)?;
    let settings = PlanSettings {
        interval: IntervalLength::MINUTES_15,
        model: Model::ErlangC,
        targets,
        shrinkage: Shrinkage::from_fraction(0.3)?,
    };
    let mut runs = Vec::new();
    let mut plan = settings.staff(&year, &[aht])?;
    for _ in 0..11 {
        let start = Instant::now();
        plan = settings.staff(&year, &[aht])?;
        runs.push(start.elapsed().as_secs_f64());
    }
    let weekly = plan.weekly();
    println!("plan_year_intervals {}", plan.intervals().len());
    println!("plan_year_ms_median {:.3}", median(runs) * 1e3);
    println!("plan_year_weeks {}", weekly.len());
    println!(
        "plan_week0_required_agent_hours {} scheduled {}",
        weekly[0].required_agent_hours(),
        weekly[0].scheduled_agent_hours()
    );
    if print_agents {
        let list: Vec<String> = agents.iter().map(u32::to_string).collect();
        println!("erlang_c_agents {}", list.join(","));
        let list: Vec<String> = agents_a.iter().map(u32::to_string).collect();
        println!("erlang_a_agents_first_200 {}", list.join(","));
        // What the required agents achieve, to compare with the peer at the same staffing:
        // Erlang C service level, occupancy and probability of waiting; Erlang A service level
        // (answered within T over offered), probability of abandoning and mean wait of all
        // arrivals (what pyworkforce 0.5.4 calls ASA).
        let within = TimeSpan::from_seconds(20.0)?;
        let (mut sl, mut occ, mut pw) = (Vec::new(), Vec::new(), Vec::new());
        for (&v, &n) in work.iter().zip(&agents) {
            let m = ErlangC::new(v, aht, IntervalLength::MINUTES_30)?.metrics(n, within)?;
            sl.push(format!("{:e}", m.service_level));
            occ.push(format!("{:e}", m.occupancy));
            pw.push(format!("{:e}", m.p_wait));
        }
        println!("erlang_c_service_level {}", sl.join(","));
        println!("erlang_c_occupancy {}", occ.join(","));
        println!("erlang_c_p_wait {}", pw.join(","));
        let (mut sl, mut ab, mut wait) = (Vec::new(), Vec::new(), Vec::new());
        for (&v, &n) in work.iter().zip(&agents_a) {
            let q = ErlangA::new(v, aht, IntervalLength::MINUTES_30, patience)?;
            sl.push(format!(
                "{:e}",
                q.service_level(n, within, ServiceLevelDefinition::AnsweredWithinOverOffered)?
            ));
            let m = q.metrics(n)?;
            ab.push(format!("{:e}", m.p_abandon));
            wait.push(format!("{:e}", m.mean_wait_all.seconds()));
        }
        println!("erlang_a_service_level_first_200 {}", sl.join(","));
        println!("erlang_a_p_abandon_first_200 {}", ab.join(","));
        println!("erlang_a_mean_wait_all_first_200 {}", wait.join(","));
    }
    Ok(())
}
