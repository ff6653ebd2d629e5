//! The whole chain on synthetic data: contact records → actuals → forecast → accuracy →
//! staffing plan.
//!
//! `cargo run --release -p wfm-forecast --example forecast_chain`
//!
//! Ten weeks of calls to a centre open 08:00–20:00 Monday to Saturday (closed Sundays and on a
//! holiday) are generated from a seeded random source, turned into half-hourly actuals, the
//! last week is held out and forecast from the nine before it, the forecast is scored, and
//! the next week is forecast and staffed.

use wfm_forecast::{
    AccuracyReport, ActualsAccumulator, Calendar, ContactRecord, DayProfile, HoltWinters,
    IntervalLength, Model, Outcome, PercentErrorBase, PlanSettings, RollingOrigin, SeasonalNaive,
    ServiceLevelDefinition, ServiceTarget, Shrinkage, Targets, TimeSpan, Volume, VolumeModel,
};

const DAY: i64 = 86_400;
const SLOTS: usize = 48;
const WEEKS: usize = 10;
const HOLIDAY: usize = 7 * 6 + 2; // the Wednesday of week 7

/// A 64-bit LCG (Knuth's MMIX constants): uniform in [0, 1).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn open_hours() -> Vec<bool> {
    // Week pattern of half-hours: Monday..Saturday 08:00–20:00.
    (0..7 * SLOTS)
        .map(|t| {
            let (day, slot) = (t / SLOTS, t % SLOTS);
            day < 6 && (16..40).contains(&slot)
        })
        .collect()
}

fn main() -> Result<(), wfm_forecast::Error> {
    // 1. Contact records: arrivals by a Poisson-like process (thinned uniform draws), with a
    //    weekday level and a midday peak; waits and handle times drawn at random.
    let mut rng = Lcg(7);
    let day_level = [1500.0, 1400.0, 1350.0, 1330.0, 1280.0, 650.0, 0.0];
    let mut records = Vec::new();
    for day in 0..WEEKS * 7 {
        if day == HOLIDAY {
            continue;
        }
        let calls = day_level[day % 7] * (1.0 + 0.004 * day as f64);
        for _ in 0..calls as usize {
            // 08:00–20:00 with a midday hump: sum of two uniforms.
            let at = 8.0 * 3600.0 + 6.0 * 3600.0 * (rng.next() + rng.next());
            let wait = TimeSpan::from_seconds((rng.next() * 80.0).floor())?;
            let outcome = if rng.next() < 0.06 {
                Outcome::Abandoned { wait }
            } else {
                Outcome::Answered {
                    wait,
                    handle: TimeSpan::from_seconds(120.0 + (rng.next() * 240.0).floor())?,
                }
            };
            records.push(ContactRecord::new(day as i64 * DAY + at as i64, outcome));
        }
    }

    // 2. Actuals, one pass (records in any order).
    let mut actuals =
        ActualsAccumulator::new(IntervalLength::MINUTES_30, TimeSpan::from_seconds(20.0)?);
    for r in records.iter().rev() {
        actuals.record(r);
    }
    let series = actuals.offered_series(0, (WEEKS * 7) as i64 * DAY)?;
    let total = actuals.total();
    println!(
        "{} calls: AHT {:.0} s, ASA {:.1} s, abandonment {:.1} %",
        total.offered,
        total.aht().map_or(0.0, TimeSpan::seconds),
        total.asa().map_or(0.0, TimeSpan::seconds),
        100.0 * total.abandonment_rate().unwrap_or(0.0)
    );
    for def in [
        ServiceLevelDefinition::AnsweredWithinOverOffered,
        ServiceLevelDefinition::AnsweredWithinOverAnswered,
        ServiceLevelDefinition::AnsweredWithinOverOfferedLessShortAbandons,
        ServiceLevelDefinition::WaitEndedWithinOverOffered,
    ] {
        println!(
            "  service level 20 s, {def:?}: {:.1} %",
            100.0 * total.service_level(def).unwrap_or(0.0)
        );
    }

    // 3. Forecast the last week from the nine before it, open hours and the holiday closed.
    let mut calendar = Calendar::pattern(open_hours())?;
    for slot in HOLIDAY * SLOTS..(HOLIDAY + 1) * SLOTS {
        calendar = calendar.close(slot);
    }
    let week = 7 * SLOTS;
    let split = series.len() - week;
    let intraday = DayProfile::new(SLOTS, HoltWinters::additive(7)?.damped(), 4)?;
    let naive = SeasonalNaive::new(week)?;
    for (name, model) in [
        ("day totals x profiles", &intraday as &dyn VolumeModel),
        ("seasonal naive", &naive),
    ] {
        let f = model.forecast(&series[..split], &calendar, week, None)?;
        // 4. Accuracy over the open slots, and per day.
        let (actual, forecast): (Vec<f64>, Vec<f64>) = series[split..]
            .iter()
            .zip(&f.point)
            .enumerate()
            .filter(|(h, _)| calendar.is_open(split + h))
            .map(|(_, (a, p))| (*a, *p))
            .unzip();
        let r = AccuracyReport::of(&actual, &forecast)?;
        println!(
            "{name}: WAPE {:.3}, sMAPE {:.3}, bias {:+.2} calls per half hour",
            r.wape()?,
            r.smape(),
            r.bias()
        );
        let daily_a: Vec<f64> = series[split..]
            .chunks(SLOTS)
            .map(|d| d.iter().sum())
            .take(6)
            .collect();
        let daily_f: Vec<f64> = f
            .point
            .chunks(SLOTS)
            .map(|d| d.iter().sum())
            .take(6)
            .collect();
        let m = AccuracyReport::of(&daily_a, &daily_f)?.seed_measures(PercentErrorBase::Actual)?;
        println!(
            "  daily: error of totals {:+.2} %, WAPE {:.2} % (over {:+.2} %, under {:+.2} %)",
            100.0 * m.error_of_totals,
            100.0 * m.weighted_absolute_percent_error,
            100.0 * m.over,
            100.0 * m.under
        );
    }
    let bt = RollingOrigin::new(6 * week, week, week)?.run(&intraday, &series, &calendar)?;
    println!(
        "backtest over {} weeks: WAPE {:.3}",
        bt.folds.len(),
        bt.overall.wape()?
    );

    // 5. Forecast next week and staff it.
    let next = intraday.forecast(&series, &calendar, week, None)?;
    let aht = total.aht().ok_or(wfm_forecast::Error::EmptySeries {
        series: "answered calls",
    })?;
    let settings = PlanSettings {
        interval: IntervalLength::MINUTES_30,
        model: Model::ErlangC,
        targets: Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?),
        shrinkage: Shrinkage::from_fraction(0.3)?,
    };
    let volumes = next
        .point
        .iter()
        .map(|v| Volume::new(*v))
        .collect::<Result<Vec<_>, _>>()?;
    let plan = settings.staff(&volumes, &[aht])?;
    for d in plan.daily() {
        println!(
            "day {}: {:.1} scheduled agent-hours",
            d.index,
            d.scheduled_agent_seconds as f64 / 3600.0
        );
    }
    Ok(())
}
