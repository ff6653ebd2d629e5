//! `cx forecast`: fit a volume model on a CSV history of consecutive intervals and forecast
//! the next ones, with prediction intervals, a calendar of business hours and closed days,
//! and an optional rolling-origin backtest — through `wfm_forecast`'s `SeasonalNaive`,
//! `HoltWinters`, `DayProfile`, `Calendar` and `RollingOrigin`.
//!
//! The output's main table has the columns `start` and `calls` that `cx staffing plan`
//! reads, so `cx --format csv forecast … | cx staffing plan - …` staffs the forecast.

use clap::{Args, ValueEnum};
use csv::StringRecord;
use wfm_forecast::{
    AccuracyReport, Calendar, DayProfile, Forecast, HoltWinters, IntervalLength, IntervalReport,
    Level, RollingOrigin, SeasonalNaive, VolumeModel,
};

use crate::clock;
use crate::error::CliError;
use crate::input::{CsvInput, Reading};
use crate::output::{Kind, Report, Table, Value};
use crate::parse;
use crate::staffing_cmd::interval;

/// The model to fit (`--model`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ModelKind {
    /// Each slot repeats the same slot one season earlier.
    SeasonalNaive,
    /// Holt–Winters (ETS) with a season of `--season`, fitted by Nelder–Mead.
    HoltWinters,
    /// Day totals from a Holt–Winters model with a weekly season × each weekday's intraday
    /// profile (intraday data).
    DayProfile,
}

/// How the season combines with the level (`--seasonality`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum SeasonKind {
    /// The season is added: the swing stays the same size.
    Additive,
    /// The season multiplies: the swing grows with the volume (needs positive open slots).
    Multiplicative,
}

/// `cx forecast`.
#[derive(Args, Debug)]
#[command(
    after_help = "Timestamps: local date and time YYYY-MM-DDTHH:MM[:SS] (or with a space), or a date YYYY-MM-DD for daily data; rows must be consecutive intervals.\n\nExamples:\n  cx forecast history.csv --interval 30m --model day-profile --horizon 7d --level 80% --open 08:00-20:00 --closed-weekdays sun\n  cx forecast daily.csv --interval 24h --model holt-winters --damped --season 7d --horizon 14d --backtest 8w\n  cx --format csv forecast history.csv --interval 30m --model seasonal-naive --horizon 1d | cx staffing plan - --interval 30m --aht 4m --sl 80%/20s"
)]
pub(crate) struct ForecastArgs {
    /// CSV history: a timestamp column and a volume column, one row per interval, in order,
    /// or `-` for standard input.
    #[arg(value_name = "FILE")]
    input: String,
    /// The interval length of the rows, e.g. `30m`, `15m`, or `24h` for daily data.
    #[arg(long, value_parser = interval, value_name = "DURATION")]
    interval: IntervalLength,
    /// The timestamp column (each row's interval start, local `YYYY-MM-DDTHH:MM[:SS]` or
    /// `YYYY-MM-DD`; an offset or zone such as `Z` or `+01:00` is refused).
    #[arg(long, default_value = "start", value_name = "NAME")]
    time_column: String,
    /// The volume column.
    #[arg(long, default_value = "calls", value_name = "NAME")]
    value_column: String,
    /// The model.
    #[arg(long, value_enum, default_value = "holt-winters")]
    model: ModelKind,
    /// The season of `seasonal-naive` and `holt-winters`, a multiple of the interval, e.g.
    /// `1d` or `1w` (the day model of `day-profile` always has a weekly season); at most
    /// 10000000 intervals, as for the backtest's spans.
    #[arg(long, value_parser = parse::span, default_value = "1w", value_name = "SPAN")]
    season: u64,
    /// Additive or multiplicative season (Holt–Winters and the day model of `day-profile`).
    #[arg(long, value_enum, default_value = "additive")]
    seasonality: SeasonKind,
    /// Damp the trend (φ fitted in [0.8, 0.98]).
    #[arg(long)]
    damped: bool,
    /// Weeks of history averaged into each weekday's intraday profile (`day-profile`).
    #[arg(long, default_value_t = 4, value_name = "N")]
    profile_weeks: usize,
    /// How far to forecast, a multiple of the interval, e.g. `1d`, `7d`, `2w`; at most
    /// 1000000 intervals.
    #[arg(long, value_parser = parse::span, value_name = "SPAN")]
    horizon: u64,
    /// Prediction intervals at this level, e.g. `80%` or `0.95`.
    #[arg(long, value_parser = parse::forecast_level, value_name = "LEVEL")]
    level: Option<Level>,
    /// Business hours `HH:MM-HH:MM` (intervals starting inside are open; others are closed,
    /// ignored when fitting and forecast as 0).
    #[arg(long, value_name = "HH:MM-HH:MM")]
    open: Option<String>,
    /// Weekdays the centre is closed, e.g. `sun` or `sat,sun`.
    #[arg(long, value_delimiter = ',', value_name = "DAY,…")]
    closed_weekdays: Vec<String>,
    /// Dates the centre is closed (holidays, in the history or the horizon), `YYYY-MM-DD,…`.
    #[arg(long, value_delimiter = ',', value_parser = clock::day_number, value_name = "DATE,…")]
    closed_dates: Vec<i64>,
    /// Run a rolling-origin backtest first fitted on this much history, e.g. `8w`.
    #[arg(long, value_parser = parse::span, value_name = "SPAN")]
    backtest: Option<u64>,
    /// How far the backtest's origin moves each fold (default: the horizon).
    #[arg(long, value_parser = parse::span, value_name = "SPAN", requires = "backtest")]
    backtest_step: Option<u64>,
}

/// The longest `--horizon`, in intervals: the forecast is one table row per interval, so this
/// bounds the output (a year of 1-minute intervals is 525 600) and the models' work.
pub(crate) const MAX_HORIZON_SLOTS: usize = 1_000_000;

/// The longest `--season`, `--backtest` and `--backtest-step`, in intervals (a year of
/// 5-second intervals): longer spans are refused before anything is computed with them.
pub(crate) const MAX_SPAN_SLOTS: usize = 10_000_000;

/// A span in whole intervals, at most `max`.
fn slots(span: u64, len: u64, option: &str, max: usize) -> Result<usize, CliError> {
    if !span.is_multiple_of(len) {
        return Err(CliError::usage(format!(
            "{option}: expected a whole number of {len} s intervals, found {span} s"
        )));
    }
    usize::try_from(span / len)
        .ok()
        .filter(|&n| n <= max)
        .ok_or_else(|| {
            CliError::usage(format!(
                "{option}: expected at most {max} intervals of {len} s, found {} ({span} s)",
                span / len
            ))
        })
}

/// Reads a weekday name into Monday = 0 … Sunday = 6.
fn weekday(text: &str) -> Result<usize, CliError> {
    let t = text.trim().to_ascii_lowercase();
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .position(|d| t.starts_with(d))
        .ok_or_else(|| {
            CliError::usage(format!(
                "--closed-weekdays: expected mon, tue, wed, thu, fri, sat or sun, found {text:?}"
            ))
        })
}

/// Reads business hours `HH:MM-HH:MM` into seconds of the day `[open, close)`.
fn hours(text: &str) -> Result<(i64, i64), CliError> {
    let bad = || {
        CliError::usage(format!(
            "--open: expected business hours HH:MM-HH:MM such as 08:00-20:00, found {text:?}"
        ))
    };
    let (a, b) = text.split_once('-').ok_or_else(bad)?;
    let tod = |s: &str| -> Result<i64, CliError> {
        let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
        let (h, m): (i64, i64) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        if !(0..=24).contains(&h) || !(0..60).contains(&m) || h * 3600 + m * 60 > 86_400 {
            return Err(bad());
        }
        Ok(h * 3600 + m * 60)
    };
    let (open, close) = (tod(a)?, tod(b)?);
    if open >= close {
        return Err(bad());
    }
    Ok((open, close))
}

/// The calendar of slots from `start` (local seconds of slot 0).
fn calendar(a: &ForecastArgs, start: i64, len: i64, total: usize) -> Result<Calendar, CliError> {
    let hours = a.open.as_deref().map(hours).transpose()?;
    let closed: Vec<usize> = a
        .closed_weekdays
        .iter()
        .map(|d| weekday(d))
        .collect::<Result<_, _>>()?;
    let mut cal = if hours.is_none() && closed.is_empty() {
        Calendar::always_open()
    } else {
        let week = (7 * 86_400 / len) as usize;
        let pattern = (0..week)
            .map(|t| {
                let s = start + t as i64 * len;
                let tod = s.rem_euclid(86_400);
                !closed.contains(&clock::weekday(s))
                    && hours.is_none_or(|(o, c)| tod >= o && tod < c)
            })
            .collect();
        Calendar::pattern(pattern).map_err(|e| CliError::usage(format!("calendar: {e}")))?
    };
    for &d in &a.closed_dates {
        let from = d * 86_400 - start;
        for k in 0..86_400 / len {
            let s = from + k * len;
            if s >= 0 && ((s / len) as usize) < total {
                cal = cal.close((s / len) as usize);
            }
        }
    }
    Ok(cal)
}

/// The history: its start (local seconds) and values, one pass.
fn history(
    a: &ForecastArgs,
    reading: Reading,
    len: i64,
) -> Result<(i64, Vec<f64>, String), CliError> {
    let mut input = CsvInput::open(&a.input, reading)?;
    let tcol = input.column(&a.time_column)?;
    let vcol = input.column(&a.value_column)?;
    let mut rec = StringRecord::new();
    let mut start = None;
    let mut values = Vec::new();
    while input.next(&mut rec)? {
        let at = input.parse(&rec, tcol, clock::seconds)?;
        let first = *start.get_or_insert(at);
        let expected = first + values.len() as i64 * len;
        if at != expected {
            return Err(input.cell_error(
                &rec,
                tcol,
                format!(
                    "expected {} (rows must be consecutive {len} s intervals), found {:?}",
                    clock::format(expected),
                    rec.get(tcol).unwrap_or("")
                ),
            ));
        }
        values.push(input.parse(&rec, vcol, |c| {
            parse::real(c).and_then(|v| {
                if v < 0.0 {
                    Err(format!("expected a volume of 0 or more, found {c:?}"))
                } else {
                    Ok(v)
                }
            })
        })?);
    }
    input.finish();
    let Some(start) = start else {
        return Err(CliError::in_input(
            input.name(),
            "no rows (expected a history)",
        ));
    };
    Ok((start, values, input.name().to_owned()))
}

/// A slot's start as text: the date alone for daily data, else the local date and time.
fn stamp(seconds: i64, len: i64) -> String {
    if len == 86_400 && seconds.rem_euclid(86_400) == 0 {
        clock::day(seconds.div_euclid(86_400))
    } else {
        clock::format(seconds)
    }
}

/// Runs `cx forecast`.
pub(crate) fn run(a: &ForecastArgs, reading: Reading) -> Result<Report, CliError> {
    parse::distinct("--closed-weekdays", &a.closed_weekdays, |d| {
        d.trim().to_owned()
    })?;
    parse::distinct("--closed-dates", &a.closed_dates, |&d| clock::day(d))?;
    let len = u64::from(a.interval.seconds());
    let horizon = slots(a.horizon, len, "--horizon", MAX_HORIZON_SLOTS)?;
    let season = slots(a.season, len, "--season", MAX_SPAN_SLOTS)?;
    let (start, series, name) = history(a, reading, len as i64)?;
    let ilen = len as i64;
    if a.model == ModelKind::DayProfile && start.rem_euclid(86_400) != 0 {
        return Err(CliError::in_input(
            &name,
            format!(
                "the day-profile model needs whole days: the history starts at {}, not at midnight",
                clock::format(start)
            ),
        ));
    }
    let cal = calendar(a, start, ilen, series.len() + horizon)?;
    let hw = |s: usize| -> Result<HoltWinters, CliError> {
        let m = match a.seasonality {
            SeasonKind::Additive => HoltWinters::additive(s)?,
            SeasonKind::Multiplicative => HoltWinters::multiplicative(s)?,
        };
        Ok(if a.damped { m.damped() } else { m })
    };
    let (model, season_slots): (Box<dyn VolumeModel>, usize) = match a.model {
        ModelKind::SeasonalNaive => (Box::new(SeasonalNaive::new(season)?), season),
        ModelKind::HoltWinters => (Box::new(hw(season)?), season),
        ModelKind::DayProfile => {
            let m = DayProfile::new(a.interval.per_day() as usize, hw(7)?, a.profile_weeks)?;
            let slots = m.slots_per_week();
            (Box::new(m), slots)
        }
    };
    let fit_error = |e: wfm_forecast::Error| CliError::in_input(&name, format!("cannot fit: {e}"));
    let mut params = Vec::new();
    let forecast: Forecast = if a.model == ModelKind::HoltWinters {
        let fit = hw(season)?.fit(&series, &cal).map_err(fit_error)?;
        let p = fit.parameters();
        params = vec![
            ("alpha", "α (level)", p.alpha),
            ("beta", "β (trend)", p.beta),
            ("gamma", "γ (season)", p.gamma),
            ("phi", "φ (damping)", p.phi),
        ];
        fit.forecast(horizon, a.level)?
    } else {
        model
            .forecast(&series, &cal, horizon, a.level)
            .map_err(fit_error)?
    };
    let model_name = match a.model {
        ModelKind::SeasonalNaive => "seasonal-naive",
        ModelKind::HoltWinters => "holt-winters",
        ModelKind::DayProfile => "day-profile",
    };
    let mut r = Report::new();
    r.fact("model", "model", Value::text(model_name), Kind::Plain);
    r.fact(
        "seasonality",
        "seasonality",
        match a.model {
            ModelKind::SeasonalNaive => Value::Null,
            _ => Value::text(match a.seasonality {
                SeasonKind::Additive => "additive",
                SeasonKind::Multiplicative => "multiplicative",
            }),
        },
        Kind::Plain,
    );
    r.fact(
        "damped",
        "damped trend",
        Value::Bool(a.damped && a.model != ModelKind::SeasonalNaive),
        Kind::Plain,
    );
    r.fact(
        "interval_seconds",
        "interval (s)",
        Value::UInt(len),
        Kind::Plain,
    );
    r.fact(
        "season_slots",
        "season (intervals)",
        Value::UInt(season_slots as u64),
        Kind::Plain,
    );
    r.fact(
        "history_start",
        "history start",
        Value::text(stamp(start, ilen)),
        Kind::Plain,
    );
    r.fact(
        "history_slots",
        "history (intervals)",
        Value::UInt(series.len() as u64),
        Kind::Plain,
    );
    let fstart = start + series.len() as i64 * ilen;
    r.fact(
        "forecast_start",
        "forecast start",
        Value::text(stamp(fstart, ilen)),
        Kind::Plain,
    );
    r.fact(
        "horizon_slots",
        "horizon (intervals)",
        Value::UInt(horizon as u64),
        Kind::Plain,
    );
    r.fact(
        "level",
        "interval level",
        a.level.map_or(Value::Null, |l| Value::float(l.get())),
        Kind::Share(0),
    );
    r.fact(
        "total_forecast",
        "total forecast",
        Value::float(forecast.total()),
        Kind::Decimals(1),
    );
    for (key, label, v) in params {
        r.fact(key, label, Value::float(v), Kind::Decimals(4));
    }

    let mut t = Table::new("forecast")
        .column("start", Kind::Plain)
        .column_as("calls", "forecast", Kind::Decimals(1))
        .column("lower", Kind::Decimals(1))
        .column("upper", Kind::Decimals(1))
        .column("open", Kind::Plain);
    for (h, p) in forecast.point.iter().enumerate() {
        let (lo, hi) = forecast
            .interval
            .as_ref()
            .map_or((Value::Null, Value::Null), |pi| {
                (Value::float(pi.lower[h]), Value::float(pi.upper[h]))
            });
        t.push(vec![
            Value::text(stamp(fstart + h as i64 * ilen, ilen)),
            Value::float(*p),
            lo,
            hi,
            Value::Bool(cal.is_open(series.len() + h)),
        ]);
    }
    r.table(t);

    if let Some(initial) = a.backtest {
        let initial = slots(initial, len, "--backtest", MAX_SPAN_SLOTS)?;
        let step = slots(
            a.backtest_step.unwrap_or(a.horizon),
            len,
            "--backtest-step",
            MAX_SPAN_SLOTS,
        )?;
        let origin = RollingOrigin::new(initial, horizon, step)?;
        let bt = match a.level {
            Some(level) => origin.run_with_intervals(model.as_ref(), &series, &cal, level),
            None => origin.run(model.as_ref(), &series, &cal),
        }
        .map_err(|e| CliError::in_input(&name, format!("backtest: {e}")))?;
        backtest_facts(&mut r, &bt.overall, bt.folds.len());
        if let Some(iv) = &bt.interval {
            backtest_interval_facts(&mut r, iv);
        }
        let mut bt_table = Table::new("backtest")
            .titled("rolling-origin backtest (open intervals only)")
            .column_as("origin", "origin", Kind::Plain)
            .column_as("count", "points", Kind::Plain)
            .column_as("mae", "MAE", Kind::Decimals(2))
            .column_as("rmse", "RMSE", Kind::Decimals(2))
            .column_as("bias", "bias", Kind::Decimals(2))
            .column_as("mape", "MAPE", Kind::Share(2))
            .column_as("smape", "sMAPE", Kind::Share(2))
            .column_as("wape", "WAPE", Kind::Share(2));
        if bt.interval.is_some() {
            bt_table = bt_table
                .column_as("coverage", "PI coverage", Kind::Share(1))
                .column_as("interval_score", "Winkler", Kind::Decimals(2));
        }
        for f in &bt.folds {
            let mut row = vec![
                Value::text(stamp(start + f.origin as i64 * ilen, ilen)),
                Value::UInt(f.report.count()),
                Value::float(f.report.mae()),
                Value::float(f.report.rmse()),
                Value::float(f.report.bias()),
                Value::opt_float(f.report.mape()),
                Value::float(f.report.smape()),
                Value::opt_float(f.report.wape()),
            ];
            if let Some(iv) = &f.interval {
                row.push(Value::float(iv.coverage()));
                row.push(Value::float(iv.interval_score()));
            }
            bt_table.push(row);
        }
        r.table(bt_table);
        r.note("backtest MAPE is undefined (–) when an open interval had no contacts; WAPE stays defined");
    }
    if a.level.is_some() && a.model == ModelKind::DayProfile {
        r.note("day-profile intervals combine the day total's interval with the split of each day over its slots (dispersion estimated from the profile weeks)");
    }
    if fstart.rem_euclid(86_400) != 0 {
        r.note(format!(
            "the forecast starts at {}, not at midnight: `cx staffing plan` counts days from its first row",
            clock::format(fstart)
        ));
    }
    r.note("forecasts are never negative; closed intervals are forecast as exactly 0");
    Ok(r)
}

/// The backtest's prediction-interval measures as facts.
fn backtest_interval_facts(r: &mut Report, iv: &IntervalReport) {
    let t = iv.coverage_test();
    for (key, label, value, kind) in [
        (
            "backtest_interval_coverage",
            "backtest PI coverage",
            iv.coverage(),
            Kind::Share(1),
        ),
        (
            "backtest_interval_below",
            "backtest PI below",
            iv.below_share(),
            Kind::Share(1),
        ),
        (
            "backtest_interval_above",
            "backtest PI above",
            iv.above_share(),
            Kind::Share(1),
        ),
        (
            "backtest_interval_mean_width",
            "backtest PI mean width",
            iv.mean_width(),
            Kind::Decimals(2),
        ),
        (
            "backtest_interval_score",
            "backtest PI Winkler score",
            iv.interval_score(),
            Kind::Decimals(2),
        ),
        (
            "backtest_interval_exact_p",
            "backtest PI coverage p (binomial)",
            t.exact_p_value,
            Kind::Decimals(4),
        ),
    ] {
        r.fact(key, label, Value::float(value), kind);
    }
}

/// The backtest's overall measures as facts.
fn backtest_facts(r: &mut Report, o: &AccuracyReport, folds: usize) {
    r.fact(
        "backtest_folds",
        "backtest folds",
        Value::UInt(folds as u64),
        Kind::Plain,
    );
    r.fact(
        "backtest_count",
        "backtest points",
        Value::UInt(o.count()),
        Kind::Plain,
    );
    r.fact(
        "backtest_mae",
        "backtest MAE",
        Value::float(o.mae()),
        Kind::Decimals(3),
    );
    r.fact(
        "backtest_rmse",
        "backtest RMSE",
        Value::float(o.rmse()),
        Kind::Decimals(3),
    );
    r.fact(
        "backtest_bias",
        "backtest bias",
        Value::float(o.bias()),
        Kind::Decimals(3),
    );
    r.fact(
        "backtest_mape",
        "backtest MAPE",
        Value::opt_float(o.mape()),
        Kind::Share(2),
    );
    r.fact(
        "backtest_smape",
        "backtest sMAPE",
        Value::float(o.smape()),
        Kind::Share(2),
    );
    r.fact(
        "backtest_wape",
        "backtest WAPE",
        Value::opt_float(o.wape()),
        Kind::Share(2),
    );
}
