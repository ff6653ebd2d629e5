//! Writes seed inputs for the `survey_types`, `retention_types` and `forecast_types` fuzz
//! targets into `<dir>/<target>/`: a selector byte, then a valid value of the selected type as
//! JSON (built through the public API, so the shapes follow the code). The `scales_types` seeds
//! are written by `seeds/scales_types.py`.

use cx_retention::jiff::civil::date;
use cx_retention::{
    ActivityAccumulator, ActivityEvent, DateRange, FiscalStart, FormulaLtv, LapseRule, Money,
    Period, PeriodCounts, PeriodUnit, RevenueMovements, SbgModel, Subscription,
    SubscriptionAccumulator,
};
use cx_scales::{Distribution, Scale};
use cx_survey::{
    Confidence, Criterion, Grouped, MeanBands, Nps, NpsBands, NpsScore, NpsTally, QualityTally,
    RangeBand, Scorecard, ShareQuartiles, Verdict, WeightedNps, WeightedProportion,
};
use serde::Serialize;
use std::error::Error;
use std::fs;
use std::ops::Bound;
use std::path::Path;
use wfm_forecast::{
    AccuracyAccumulator, ActualCounts, ActualsAccumulator, Calendar, Compliance, ContactRecord,
    DayProfile, DeadlineCompliance, Deadlines, HoltWinters, HoltWintersParameters,
    IntervalAccumulator, IntervalLength, Level, Outcome, PercentErrorBase, RollingOrigin,
    SeasonalNaive, Seasonality, ServiceLevelDefinition, TimeSpan, Volume,
};

type R<T> = Result<T, Box<dyn Error>>;

struct Seeds {
    dir: std::path::PathBuf,
    n: usize,
}

impl Seeds {
    fn new(root: &Path, target: &str) -> R<Seeds> {
        let dir = root.join(target);
        fs::create_dir_all(&dir)?;
        Ok(Seeds { dir, n: 0 })
    }
    fn text(&mut self, selector: u8, text: &str) -> R<()> {
        let mut bytes = vec![selector];
        bytes.extend_from_slice(text.as_bytes());
        fs::write(self.dir.join(format!("seed-{:02}", self.n)), bytes)?;
        self.n += 1;
        Ok(())
    }
    fn json<T: Serialize>(&mut self, selector: u8, v: &T) -> R<()> {
        self.text(selector, &serde_json::to_string(v)?)
    }
}

fn survey(root: &Path) -> R<()> {
    let mut s = Seeds::new(root, "survey_types")?;
    for (sel, name) in [
        (0, "adjusted-wald"),
        (0, "Jeffreys-Dirichlet"),
        (1, "clopper_pearson"),
        (1, "Agresti-Coull"),
        (2, "WALD"),
        (3, " flag only "),
    ] {
        s.text(sel, name)?;
    }
    s.json(4, &Confidence::NINETY_FIVE)?;
    s.json(4, &0.99999999)?;
    s.json(5, &NpsScore::new(33.3)?)?;
    s.json(6, &Nps::from_counts(70, 10, 20)?)?;
    s.json(6, &Nps::from_counts(u64::MAX / 3, u64::MAX / 3, 1)?)?;
    let mut t = NpsTally::new();
    t.record_answers(&[10u8, 9, 3, 7, 0])?;
    s.json(
        7,
        &[
            t,
            NpsTally::from_distribution(&Distribution::from_counts(
                Scale::ZERO_TO_TEN,
                &[u64::MAX / 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
            )?)?,
        ],
    )?;
    let mut w = WeightedNps::new();
    w.push(10u8, 2.0)?;
    w.push(9u8, 1.0)?;
    w.push(3u8, 0.5)?;
    let mut w2 = WeightedNps::new();
    w2.push(0u8, 1e100)?;
    s.json(8, &[w, w2])?;
    let mut p = WeightedProportion::new();
    p.push(true, 1.5)?;
    p.push(false, 1e-100)?;
    s.json(9, &[p, WeightedProportion::new()])?;
    let card = Scorecard::new(vec![
        Criterion::new("greeting", 1.0)?,
        Criterion::critical("identity check", 3.0)?,
        Criterion::new("close", 1e300)?,
    ])?;
    let mut q = QualityTally::new();
    q.record(&card.evaluate(&[Verdict::Yes, Verdict::Partial, Verdict::NotApplicable])?)?;
    q.record(&card.evaluate(&[Verdict::No, Verdict::Yes, Verdict::Yes])?)?;
    s.json(10, &[q, QualityTally::new()])?;
    s.json(11, &Criterion::critical("identity check", 3.0)?)?;
    s.json(12, &card.with_partial_credit(0.25)?)?;
    s.json(
        13,
        &RangeBand::new("good", Bound::Included(30.0), Bound::Excluded(70.0))?,
    )?;
    s.json(14, &NpsBands::seed_001())?;
    s.json(15, &MeanBands::csat_seed_001())?;
    s.json(16, &ShareQuartiles::ceb_ces())?;
    s.json(17, &cx_survey::copc_csat())?;
    let mut g: Grouped<String, NpsTally> = Grouped::new(NpsTally::new());
    g.record("chat".into(), 10)?;
    g.record("phone".into(), 2)?;
    s.json(18, &[g.clone(), g])?;
    let mut h: Grouped<u8, Distribution> = Grouped::new(Distribution::new(Scale::ONE_TO_FIVE));
    h.record(1, 5)?;
    h.record(2, 1)?;
    s.json(19, &[h])?;
    Ok(())
}

fn retention(root: &Path) -> R<()> {
    let mut s = Seeds::new(root, "retention_types")?;
    let fiscal = FiscalStart::new(4)?;
    s.json(
        0,
        &Period::containing(PeriodUnit::Month, date(2024, 2, 29))?,
    )?;
    s.json(
        0,
        &Period::containing(PeriodUnit::FiscalQuarter(fiscal), date(2024, 2, 29))?,
    )?;
    s.json(
        0,
        &Period::containing(PeriodUnit::IsoWeek, date(9999, 12, 20))?,
    )?;
    let range = DateRange::new(date(2024, 1, 1), date(2024, 7, 1))?;
    s.json(1, &range)?;
    let w = range.periods(PeriodUnit::Month)?;
    s.json(2, &w)?;
    s.json(3, &PeriodCounts::with_split(100, 20, 5, 3)?)?;
    s.json(3, &PeriodCounts::new(0, 0, 0)?)?;
    s.json(4, &RevenueMovements::new(1000, 50, 20, 100, 30)?)?;
    let subs = [
        Subscription {
            customer: 1,
            start: date(2024, 1, 5),
            end: Some(date(2024, 3, 9)),
        },
        Subscription {
            customer: 2,
            start: date(2024, 2, 5),
            end: None,
        },
        Subscription {
            customer: 3,
            start: date(2024, 2, 1),
            end: Some(date(2024, 2, 2)),
        },
    ];
    let mut a = SubscriptionAccumulator::new(w);
    a.record_subscriptions(subs)?;
    s.json(5, &a.cohort_table())?;
    s.json(6, &[a.clone(), SubscriptionAccumulator::new(w)])?;
    let ev = |c, m, r| ActivityEvent {
        customer: c,
        date: date(2024, m, 3),
        revenue: Money::from_minor_units(r),
    };
    let mut act = ActivityAccumulator::new(w, LapseRule::after(1)?);
    act.record_events([ev(1, 1, 100), ev(1, 2, 150), ev(2, 2, 0), ev(2, 5, 70)])?;
    s.json(5, &act.cohort_table())?;
    s.json(7, &[act.clone(), act.clone()])?;
    s.json(8, &SbgModel::new(0.668, 3.806)?)?;
    s.json(8, &SbgModel::new(1e-3, 1e6)?)?;
    s.json(9, &FormulaLtv::new(100.0, 0.8, 0.1)?)?;
    s.json(
        10,
        &(
            fiscal,
            LapseRule::after(2)?,
            Money::try_from_major(19.99, 2)?,
            PeriodUnit::FiscalYear(fiscal),
        ),
    )?;
    s.json(11, &(SubscriptionAccumulator::new(w), subs))?;
    s.json(
        12,
        &(
            ActivityAccumulator::new(w, LapseRule::after(1)?),
            [ev(4, 1, 5), ev(5, 6, 9)],
        ),
    )?;
    s.json(
        13,
        &(
            w.first(),
            Period::containing(PeriodUnit::Month, date(2025, 1, 1))?,
        ),
    )?;
    Ok(())
}

fn forecast(root: &Path) -> R<()> {
    let mut s = Seeds::new(root, "forecast_types")?;
    let t20 = TimeSpan::from_seconds(20.0)?;
    let len = IntervalLength::from_minutes(15)?;
    s.json(0, &(t20, len, Volume::new(120.5)?))?;
    s.json(1, &[20.0, 0.8, 1e-300, 1.0, 0.0, 1440.0, 86400.0, 1e308])?;
    let mut acc =
        AccuracyAccumulator::from_series(&[10.0, 0.0, 12.0, 8.0], &[11.0, 1.0, 0.0, 8.5])?;
    s.json(2, &[acc.clone(), AccuracyAccumulator::new()])?;
    acc.record(1e100, 0.0)?;
    s.json(2, &[acc])?;
    let lvl = Level::new(0.8)?;
    let ia = IntervalAccumulator::from_bounds(
        &[10.0, 20.0, 30.0],
        &[8.0, 21.0, 25.0],
        &[12.0, 25.0, 29.0],
        lvl,
    )?;
    s.json(3, &[ia.clone(), ia])?;
    let deadlines = Deadlines::new()
        .first_reaction("email", TimeSpan::from_seconds(3600.0)?)
        .resolution("email", TimeSpan::from_seconds(86400.0)?);
    let mut actuals = ActualsAccumulator::with_deadlines(len, t20, deadlines.clone());
    let answered = Outcome::Answered {
        wait: TimeSpan::from_seconds(12.0)?,
        handle: TimeSpan::from_seconds(300.0)?,
    };
    let abandoned = Outcome::Abandoned {
        wait: TimeSpan::from_seconds(45.0)?,
    };
    let mut r = ContactRecord::new(0, answered);
    r.request_type = Some("email");
    r.first_reaction = Some(TimeSpan::from_seconds(100.0)?);
    r.resolution = Some(TimeSpan::from_seconds(90000.0)?);
    actuals.record(&r);
    actuals.record(&ContactRecord::new(900, abandoned));
    actuals.record(&ContactRecord::new(-86_400, answered));
    s.json(4, &[actuals.clone(), actuals.clone()])?;
    let records = vec![
        (
            1800i64,
            answered,
            Some("email".to_string()),
            Some(t20),
            None::<TimeSpan>,
        ),
        (-5, abandoned, None, None, Some(t20)),
    ];
    s.json(5, &(actuals, records))?;
    s.json(6, &RollingOrigin::new(21, 7, 7)?)?;
    let history: Vec<f64> = (0..28)
        .map(|t| [90.0, 100.0, 95.0, 97.0, 80.0, 40.0, 20.0][t % 7])
        .collect();
    let cal = Calendar::pattern(vec![true, true, true, true, true, true, false])?
        .close(30)
        .set_volume(31, 50.0)?;
    s.json(7, &(SeasonalNaive::new(7)?, &history, &cal, 7))?;
    s.json(
        8,
        &(
            HoltWinters::additive(7)?.damped(),
            &history,
            Calendar::always_open(),
            7,
        ),
    )?;
    s.json(8, &(HoltWinters::multiplicative(7)?, &history, &cal, 3))?;
    let params = HoltWintersParameters {
        alpha: 0.5,
        beta: 0.1,
        gamma: 0.1,
        phi: 0.98,
        level: 80.0,
        trend: 0.0,
        seasonal: vec![10.0, 20.0, 15.0, 17.0, 0.0, -40.0, -60.0],
    };
    s.json(
        9,
        &(
            HoltWinters::additive(7)?.damped(),
            params,
            &history,
            Calendar::always_open(),
            5,
        ),
    )?;
    let intraday: Vec<f64> = (0..56).map(|t| (t % 4) as f64 + 1.0).collect();
    s.json(
        10,
        &(
            DayProfile::with_day_model(4, 7, SeasonalNaive::new(7)?, 1)?,
            &intraday,
            8,
        ),
    )?;
    s.json(
        11,
        &(
            DayProfile::new(2, HoltWinters::additive(7)?, 1)?,
            &intraday,
            4,
        ),
    )?;
    s.json(12, &cal)?;
    s.json(13, &deadlines)?;
    let counts = ActualCounts {
        offered: 3,
        answered: 2,
        abandoned: 1,
        answered_within: 1,
        abandoned_within: 0,
        handle_seconds: 600.0,
        answered_wait_seconds: 30.0,
        abandoned_wait_seconds: 45.0,
    };
    s.json(
        14,
        &(
            answered,
            counts,
            ServiceLevelDefinition::AnsweredWithinOverAnswered,
            Seasonality::Multiplicative,
            PercentErrorBase::Forecast,
        ),
    )?;
    let c = Compliance { met: 3, total: 4 };
    s.json(
        15,
        &(
            c,
            DeadlineCompliance {
                request_type: "email".into(),
                first_reaction: Some(c),
                resolution: None,
            },
        ),
    )?;
    Ok(())
}

fn main() -> R<()> {
    let root = std::env::args().nth(1).ok_or("usage: seeds <corpus dir>")?;
    let root = Path::new(&root);
    survey(root)?;
    retention(root)?;
    forecast(root)?;
    Ok(())
}
