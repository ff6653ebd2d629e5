//! A worked example: the journeys of 400 customers who asked "where is my order?", generated
//! with a fixed seed, analysed end to end: variants, steps, a funnel, the hardest steps, and
//! an NPS survey joined by case id.
//!
//! Run: `cargo run --example journey` (add `--write` to regenerate the CSV files in
//! `examples/data/` that the `cx journey` commands of the README read).

use cx_journey::{JourneyAnswer, JourneyLog, Outcome, RankingCriterion, SurveyMetric};
use cx_scales::{Scale, Score};
use cx_survey::{Confidence, ShareMethod};

/// A small xorshift generator: the example needs no random-number crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// A whole number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// One journey: (minute, step, channel, outcome), and its NPS answer if the customer replied.
type Journey = (Vec<(i64, &'static str, &'static str, Outcome)>, Option<i64>);

fn journey(rng: &mut Rng) -> Journey {
    let mut t = 0;
    let mut steps = vec![(t, "Track order", "web", Outcome::Succeeded)];
    let mut nps = 9;
    // 55 % find the answer on the tracking page; the others look for help.
    if rng.below(100) >= 55 {
        steps[0].3 = Outcome::WithErrors;
        t += 2 + rng.below(6) as i64;
        steps.push((t, "Help page", "web", Outcome::WithErrors));
        nps -= 2;
        if rng.below(100) < 60 {
            t += 3 + rng.below(20) as i64;
            let ok = rng.below(100) < 70;
            let o = if ok {
                Outcome::Succeeded
            } else {
                Outcome::Failed
            };
            steps.push((t, "Chat", "chat", o));
            if !ok {
                nps -= 3;
                t += 5 + rng.below(60) as i64;
                steps.push((t, "Call", "phone", Outcome::Succeeded));
                nps -= 1;
            }
        } else {
            t += 10 + rng.below(120) as i64;
            steps.push((t, "Call", "phone", Outcome::Succeeded));
            nps -= 2;
        }
        if rng.below(100) < 30 {
            t += 30 + rng.below(600) as i64;
            steps.push((t, "Track order", "app", Outcome::Succeeded));
        }
    }
    let answer = (rng.below(100) < 40).then(|| (nps + rng.below(3) as i64 - 1).clamp(0, 10));
    (steps, answer)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let write = std::env::args().any(|a| a == "--write");
    let mut rng = Rng(20_261_202);
    let mut log = JourneyLog::new();
    let mut answers = Vec::new();
    let mut csv_log = String::from("case_id,timestamp,step,channel,outcome\n");
    let mut csv_answers = String::from("case_id,score,persona\n");
    for c in 0..400 {
        let case = format!("c{c:03}");
        let persona = if c % 3 == 0 { "new" } else { "returning" };
        // Ten journeys a day from 2026-03-01, starting between 08:00 and 18:00.
        let start = (c / 40) * 1440 + 8 * 60 + rng.below(600) as i64;
        let (steps, answer) = journey(&mut rng);
        for (minute, step, channel, outcome) in steps {
            // Minutes since 2026-03-01T00:00 (the journeys end within March).
            let m = start + minute;
            log.record(&case, m * 60_000, step, channel, Some(outcome))?;
            csv_log.push_str(&format!(
                "{case},2026-03-{:02}T{:02}:{:02}:00,{step},{channel},{outcome}\n",
                1 + m / 1440,
                (m % 1440) / 60,
                m % 60
            ));
        }
        if let Some(score) = answer {
            answers.push(JourneyAnswer {
                case: case.clone(),
                step: None,
                persona: Some(persona.to_string()),
                score: Score::new(Scale::ZERO_TO_TEN, score)?,
            });
            csv_answers.push_str(&format!("{case},{score},{persona}\n"));
        }
    }
    if write {
        std::fs::write("examples/data/journey_log.csv", &csv_log)?;
        std::fs::write("examples/data/journey_answers.csv", &csv_answers)?;
    }
    let j = log.finish()?;
    println!("{} journeys, {} events", j.case_count(), j.event_count());
    println!("\nVariants:");
    for v in j.variants().iter().take(5) {
        println!(
            "  {:>3} cases, median {:>5.0} min: {}",
            v.cases,
            v.duration.median_ms / 60_000.0,
            v.path.join(" > ")
        );
    }
    println!("\nSteps (reach, repeats, exits, failed):");
    for s in j.steps() {
        println!(
            "  {:<12} {:>3} {:>3} {:>3} {:>3}",
            s.step, s.reach, s.repeats, s.exits, s.outcomes[2]
        );
    }
    let f = j.funnel(
        &["Track order", "Help page", "Chat"],
        ShareMethod::Wilson,
        Confidence::NINETY_FIVE,
    )?;
    println!("\nFunnel Track order > Help page > Chat:");
    for s in &f.stages {
        if let Some(c) = s.conversion {
            println!("  {:<12} {:>3} reached, {c:.1}", s.step, s.reached);
        }
    }
    let longest = j.rank(RankingCriterion::LongestMedianTime, Confidence::NINETY_FIVE)?;
    if let Some(x) = longest.first() {
        println!(
            "\nLongest step: {} (median {:.0} min, 95 % interval {:.0}–{:.0})",
            x.step,
            x.estimate / 60_000.0,
            x.lower / 60_000.0,
            x.upper / 60_000.0
        );
    }
    let r = j.scores(&answers, SurveyMetric::Nps, Confidence::NINETY_FIVE)?;
    println!("\nNPS with and without each step ({} answers):", r.answers);
    for e in &r.effects {
        println!(
            "  {:<12} with {:>6.1} (n={:>3}), without {:>6.1} (n={:>3}), difference {:>6.1} [{:.1}, {:.1}]",
            e.step,
            e.with.estimate,
            e.with.n,
            e.without.estimate,
            e.without.n,
            e.difference,
            e.lower.unwrap_or(f64::NAN),
            e.upper.unwrap_or(f64::NAN)
        );
    }
    Ok(())
}
