//! The workspace's main job: an end-to-end tour on the bundled data.
//!
//! Reads `examples/data/survey_responses.csv` (2,400 synthetic survey answers over three
//! channels, with a few malformed cells on purpose), builds one distribution per channel and
//! question in a single pass, merges them, and reports the answer profile of each channel, the
//! satisfaction benchmarked across scales, and every rejected cell with its reason.
//! Then it turns to retention (Ilya Osipov's worked example and an sBG projection), to
//! forecasting a held-out week of daily calls and scoring it, and to staffing a day of half-hour
//! forecasts under Erlang C and Erlang A. It grows as the workspace's crates land.
//!
//! Run with `cargo run --release --example tour`.

use std::collections::BTreeMap;

use cx_scales::*;

const SURVEY: &str = include_str!("data/survey_responses.csv");

/// One channel's answers to the three questions.
#[derive(Debug)]
struct Channel {
    recommend: Distribution,
    satisfaction: Distribution,
    effort: Distribution,
}

impl Channel {
    fn new() -> Channel {
        Channel {
            recommend: Distribution::new(Scale::ZERO_TO_TEN),
            satisfaction: Distribution::new(Scale::ONE_TO_FIVE),
            effort: Distribution::new(Scale::ONE_TO_SEVEN),
        }
    }

    fn merge(&mut self, other: &Channel) -> Result<(), ScaleError> {
        self.recommend.merge(&other.recommend)?;
        self.satisfaction.merge(&other.satisfaction)?;
        self.effort.merge(&other.effort)
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let effort_scale = LabeledScale::ces_agreement();
    let mut channels: BTreeMap<&str, Channel> = BTreeMap::new();
    let mut rejected = Vec::new();

    let mut lines = SURVEY.lines().enumerate();
    let header = lines.next().map(|(_, h)| h).unwrap_or_default();
    let columns: Vec<&str> = header.split(',').collect();
    let col = |name: &str| {
        columns
            .iter()
            .position(|c| *c == name)
            .ok_or(format!("column {name} missing"))
    };
    let (c_channel, c_nps, c_csat, c_ces) = (
        col("channel")?,
        col("likelihood_to_recommend")?,
        col("satisfaction")?,
        col("effort")?,
    );

    let mut responses = 0;
    for (i, line) in lines {
        responses += 1;
        let cells: Vec<&str> = line.split(',').collect();
        let cell = |c: usize| cells.get(c).copied().unwrap_or("");
        let agg = channels.entry(cell(c_channel)).or_insert_with(Channel::new);
        // Each answer is validated on its own scale; a bad cell rejects that answer only.
        let answers = [
            (
                "likelihood_to_recommend",
                Score::parse(Scale::ZERO_TO_TEN, cell(c_nps)),
                &mut agg.recommend,
            ),
            (
                "satisfaction",
                Score::parse(Scale::ONE_TO_FIVE, cell(c_csat)),
                &mut agg.satisfaction,
            ),
            ("effort", effort_scale.parse(cell(c_ces)), &mut agg.effort),
        ];
        for (column, score, dist) in answers {
            match score {
                Ok(s) => dist.record(s)?,
                Err(e) => rejected.push(format!("line {}, column {column}: {e}", i + 1)),
            }
        }
    }

    let mut all = Channel::new();
    for c in channels.values() {
        all.merge(c)?;
    }

    println!(
        "cx-metrics tour: {responses} survey responses in {} channels (n = valid answers to the 0–10 question)\n",
        channels.len()
    );
    survey(&channels, &all)?;

    println!(
        "\nMean satisfaction {:.3} on 1–5 is {:.3} on 0–10 (POMP {:.1}).",
        all.satisfaction.mean()?,
        Conversion::new(Scale::ONE_TO_FIVE, Scale::ZERO_TO_TEN)
            .map_f64(all.satisfaction.mean()?)?,
        all.satisfaction.pomp()?
    );

    println!("\nRejected answers ({}):", rejected.len());
    for r in &rejected {
        println!("  {r}");
    }

    retention()?;
    forecasting()?;
    staffing()?;
    Ok(())
}

const DAILY: &str = include_str!("data/daily_calls.csv");

/// Forecasting (`wfm-forecast`): sixteen weeks of daily calls (`examples/data/daily_calls.csv`,
/// closed on Sundays and on one Monday holiday); the last week is held out, forecast from the
/// fifteen before it by a seasonal naive and two Holt–Winters models, and scored by the
/// accuracy measures with their conventions named.
fn forecasting() -> Result<(), Box<dyn std::error::Error>> {
    use wfm_forecast::{
        AccuracyReport, Calendar, HoltWinters, Level, PercentErrorBase, RollingOrigin,
        SeasonalNaive, SeedMeasures, VolumeModel,
    };

    let mut dates = Vec::new();
    let mut calls = Vec::new();
    for (i, line) in DAILY.lines().enumerate().skip(1) {
        let (date, n) = line.split_once(',').ok_or(format!(
            "daily_calls.csv line {}: expected date,calls",
            i + 1
        ))?;
        dates.push(date);
        calls.push(
            n.parse::<f64>()
                .map_err(|e| format!("daily_calls.csv line {}: {e}", i + 1))?,
        );
    }
    // Slot 0 is a Monday; Sundays are closed, and so is the Monday holiday of 12 October.
    let holiday = dates
        .iter()
        .position(|d| *d == "2026-10-12")
        .ok_or("the holiday is not in the data")?;
    let calendar =
        Calendar::pattern(vec![true, true, true, true, true, true, false])?.close(holiday);
    let split = calls.len() - 7;
    let (history, held_out) = calls.split_at(split);
    let level = Some(Level::new(0.8)?);
    let models: [(&str, Box<dyn VolumeModel>); 3] = [
        ("seasonal naive", Box::new(SeasonalNaive::new(7)?)),
        (
            "Holt-Winters additive, damped",
            Box::new(HoltWinters::additive(7)?.damped()),
        ),
        (
            "Holt-Winters multiplicative",
            Box::new(HoltWinters::multiplicative(7)?),
        ),
    ];
    println!(
        "\nForecasting: {} days of calls, the last week held out (open days scored):",
        calls.len()
    );
    println!(
        "{:<31} {:>7} {:>7} {:>7} {:>8} {:>9} {:>9} {:>9} {:>8}",
        "model", "WAPE", "MAE", "bias", "sMAPE", "(1) vs A", "(5) vs F", "PI cover", "Winkler"
    );
    // Prediction intervals are judged on more than six days: a weekly rolling-origin backtest
    // over the history before the held-out week, from week 8 on.
    let backtest = RollingOrigin::new(56, 7, 7)?;
    let open: Vec<usize> = (0..7).filter(|&h| calendar.is_open(split + h)).collect();
    let actual: Vec<f64> = open.iter().map(|&h| held_out[h]).collect();
    let mut best = None;
    for (name, model) in &models {
        let f = model.forecast(history, &calendar, 7, level)?;
        let forecast: Vec<f64> = open.iter().map(|&h| f.point[h]).collect();
        let report = AccuracyReport::of(&actual, &forecast)?;
        let vs_actual = SeedMeasures::of(&actual, &forecast, PercentErrorBase::Actual)?;
        let vs_forecast = SeedMeasures::of(&actual, &forecast, PercentErrorBase::Forecast)?;
        let bt =
            backtest.run_with_intervals(model.as_ref(), history, &calendar, Level::new(0.8)?)?;
        let pi = bt.interval.ok_or("the backtest scored no interval")?;
        println!(
            "{:<31} {:>6.2}% {:>7.1} {:>+7.1} {:>7.2}% {:>+8.2}% {:>+8.2}% {:>8.1}% {:>8.1}",
            name,
            100.0 * report.wape()?,
            report.mae(),
            report.bias(),
            100.0 * report.smape(),
            100.0 * vs_actual.error_of_totals,
            100.0 * vs_forecast.weighted_percent_error,
            100.0 * pi.coverage(),
            pi.interval_score(),
        );
        let wape = report.wape()?;
        if best.as_ref().is_none_or(|(w, _, _)| wape < *w) {
            best = Some((wape, *name, f));
        }
    }
    println!(
        "(error = forecast − actual; (1) is the error of the week's total relative to actual,\n \
         (5) the volume-weighted percent error relative to forecast: the two conventions of\n \
         Zeldin's forecast-accuracy posts, equal only when errors are taken relative to actual;\n \
         PI cover and Winkler: the 80 % intervals over a weekly backtest of the history,\n \
         coverage and mean interval score)"
    );
    if let Some((_, name, f)) = best {
        println!("Held-out week by the best model ({name}), with its 80 % interval:");
        let pi = f.interval.as_ref().ok_or("no interval")?;
        for h in 0..7 {
            println!(
                "  {} actual {:>5} forecast {:>7.1} [{:>7.1}, {:>7.1}]",
                dates[split + h],
                held_out[h],
                f.point[h],
                pi.lower[h],
                pi.upper[h]
            );
        }
    }
    Ok(())
}

/// Survey metrics per channel with their uncertainty (`cx-survey`): NPS with the adjusted-Wald
/// interval, CSAT as the top-2 share of 1–5 with the Wilson interval, CES as the share of 5–7;
/// a signed test of the NPS gap between the best and the worst channel; the COPC and
/// best-practice benchmarks, each carried to the scale measured.
fn survey(
    channels: &BTreeMap<&str, Channel>,
    all: &Channel,
) -> Result<(), Box<dyn std::error::Error>> {
    use cx_survey::{
        Confidence, Nps, NpsMethod, NpsTest, ShareMethod, best_practice_csat, ces_share,
        compare_nps, copc_cdsat, copc_csat, csat_mean, csat_top_box,
    };

    let level = Confidence::NINETY_FIVE;
    println!(
        "{:<7} {:>5} {:>29} {:>32} {:>6} {:>8}",
        "channel", "n", "NPS [95% adjusted Wald]", "CSAT 4–5 of 5 [95% Wilson]", "mean", "CES 5–7"
    );
    let mut scores = Vec::new();
    for (name, c) in channels.iter().map(|(n, c)| (*n, c)).chain([("all", all)]) {
        let nps = Nps::from_distribution(&c.recommend)?;
        let ci = nps.interval(NpsMethod::AdjustedWald, level);
        let csat = csat_top_box(&c.satisfaction, 2)?.interval(ShareMethod::Wilson, level);
        println!(
            "{:<7} {:>5} {:>29} {:>32} {:>6.2} {:>7.1}%",
            name,
            nps.n(),
            format!(
                "{:.1} [{:.1}, {:.1}]",
                ci.estimate.value(),
                ci.lower.value(),
                ci.upper.value()
            ),
            format!(
                "{:.1}% [{:.1}%, {:.1}%]",
                csat.estimate.percent(),
                csat.lower.percent(),
                csat.upper.percent()
            ),
            csat_mean(&c.satisfaction)?.mean(),
            ces_share(&c.effort)?.share().percent(),
        );
        if name != "all" {
            scores.push((name, nps));
        }
    }
    scores.sort_by(|a, b| b.1.fraction().total_cmp(&a.1.fraction()));
    if let (Some((best, hi)), Some((worst, lo))) = (scores.first(), scores.last()) {
        let d = compare_nps(hi, lo, NpsTest::AdjustedWald, level);
        println!(
            "\nNPS {best} − {worst}: {:+.1} points, 95% interval [{:+.1}, {:+.1}], p = {:.2e}",
            d.difference, d.lower, d.upper, d.p_value
        );
    }
    println!("\nBenchmarks (each carried to the scale measured, conservatively):");
    for b in [copc_csat(), copc_cdsat(), best_practice_csat()] {
        let r = b.evaluate(
            &all.satisfaction,
            Method::Endpoints,
            ThresholdPolicy::Conservative,
        )?;
        println!(
            "  {:<18} {:.1} in {} against {:.0}: {}  ({})",
            b.benchmark.name(),
            r.share,
            r.mapped.chosen(),
            r.target,
            if r.meets { "meets" } else { "misses" },
            b.origin
        );
    }
    Ok(())
}

const FORECAST: &str = include_str!("data/intraday_forecast.csv");

/// Staffing: a day of half-hour forecasts (`examples/data/intraday_forecast.csv`) staffed for
/// 80 % of calls answered within 20 s at most 85 % occupancy, under Erlang C (nobody hangs up)
/// and Erlang A (callers wait 2 minutes on average before abandoning), with 30 % shrinkage.
fn staffing() -> Result<(), Box<dyn std::error::Error>> {
    use wfm_forecast::{
        IntervalLength, MaxOccupancy, Model, PlanSettings, ServiceTarget, Shrinkage, Targets,
        TimeSpan, Volume,
    };

    let mut starts = Vec::new();
    let mut volumes = Vec::new();
    let mut handle = Vec::new();
    for (i, line) in FORECAST
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#'))
        .skip(1)
    {
        let bad = |what: &str| format!("intraday_forecast.csv line {}: {what}", i + 1);
        let mut cells = line.split(',');
        let (Some(start), Some(calls), Some(aht)) = (cells.next(), cells.next(), cells.next())
        else {
            return Err(bad("expected start,calls,aht_seconds").into());
        };
        starts.push(start);
        volumes.push(Volume::new(calls.parse().map_err(|_| bad("calls"))?)?);
        handle.push(TimeSpan::from_seconds(
            aht.parse().map_err(|_| bad("aht_seconds"))?,
        )?);
    }
    let targets = Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?)
        .and_max_occupancy(MaxOccupancy::new(0.85)?);
    let plan = |model| {
        PlanSettings {
            interval: IntervalLength::MINUTES_30,
            model,
            targets,
            shrinkage: Shrinkage::from_percent(30.0)?,
        }
        .staff(&volumes, &handle)
    };
    let erlang_c = plan(Model::ErlangC)?;
    let erlang_a = plan(Model::ErlangA {
        patience: TimeSpan::from_minutes(2.0)?,
    })?;

    println!("\nStaffing for 80 % in 20 s, occupancy at most 85 %, shrinkage 30 %:");
    println!(
        "{:<6} {:>6} {:>8} {:>9} {:>7} {:>9} {:>9} {:>9}",
        "start", "calls", "Erlangs", "agents C", "SL C", "agents A", "abandon A", "scheduled"
    );
    let rows = starts
        .iter()
        .zip(&volumes)
        .zip(erlang_c.intervals().iter().zip(erlang_a.intervals()));
    for ((start, calls), (c, a)) in rows {
        let (Some(ac), Some(aa)) = (&c.achieved, &a.achieved) else {
            continue; // closed: no calls, no agents
        };
        let sl = ac
            .service_level
            .map_or("–".to_owned(), |sl| format!("{:.1}%", 100.0 * sl));
        println!(
            "{:<6} {:>6} {:>8.2} {:>9} {:>7} {:>9} {:>8.1}% {:>9}",
            start,
            calls.get(),
            c.erlangs,
            c.required_agents,
            sl,
            a.required_agents,
            100.0 * aa.p_abandon,
            c.scheduled_agents,
        );
    }
    for (name, p) in [("Erlang C", &erlang_c), ("Erlang A", &erlang_a)] {
        let day = &p.daily()[0];
        println!(
            "{name}: {:.1} productive agent-hours, {:.1} scheduled with shrinkage",
            day.required_agent_hours(),
            day.scheduled_agent_hours()
        );
    }
    Ok(())
}

/// Retention: Ilya Osipov's year (200 customers, 150 new, 140 lost) and the sBG model on
/// Fader & Hardie's (2007) "regular" segment, fitted on years 0–7 and projected to year 12.
fn retention() -> Result<(), Box<dyn std::error::Error>> {
    use cx_retention::{PeriodCounts, SbgModel};

    let year = PeriodCounts::new(200, 150, 140)?;
    println!(
        "\nRetention: {} at start, {} new, {} lost → {} at end; retention {:.1} %, churn {:.1} %",
        year.at_start(),
        year.new_customers(),
        year.lost(),
        year.at_end(),
        100.0 * year.retention_rate()?,
        100.0 * year.churn_rate()?,
    );
    let observed = [1000, 631, 468, 382, 326, 289, 262, 241];
    let holdout = [223, 207, 194, 183, 173];
    let fit = SbgModel::fit(&observed)?;
    println!(
        "sBG fit on years 0–7: alpha {:.4}, beta {:.4}; projected survivors per 1,000 (actual):",
        fit.model.alpha(),
        fit.model.beta()
    );
    for (t, actual) in (8u32..).zip(holdout) {
        println!(
            "  year {t:>2}: {:7.2} ({actual})",
            1000.0 * fit.model.survival(t)?
        );
    }
    Ok(())
}
