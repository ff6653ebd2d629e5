//! wfm-forecast: every `Deserialize` of a validated type, and the constructors of the validated
//! numbers (durations, interval lengths, volumes, levels, service targets) from raw values.
//!
//! The first byte picks the type (see `match` below); the rest is a JSON document. Serialised
//! values check re-read equality, their invariants and their main methods; accumulators are read
//! as arrays and merged; models are read with a short history and forecast a few slots.

#![no_main]

mod lib_check;

use lib_check::{finite, json, merge_all, ok, reread, split, within};
use libfuzzer_sys::fuzz_target;
use wfm_forecast::{
    AccuracyAccumulator, ActualsAccumulator, AsaTarget, Calendar, ContactRecord, DayProfile,
    Deadlines, HoltWinters, HoltWintersParameters, IntervalAccumulator, IntervalLength, Level,
    MaxOccupancy, MaxProbability, Outcome, PercentErrorBase, RollingOrigin, SeasonalNaive,
    ServiceTarget, TimeSpan, TrainingScale, Volume, VolumeModel,
};

/// Longest forecast asked of a model read from the input (the horizon limits are another
/// target's business; here the point is the model's state).
const HORIZON: usize = 48;

fn check_span(t: TimeSpan) {
    assert!(t.seconds().is_finite() && t.seconds() >= 0.0, "{t:?}");
    assert!(t.minutes().is_finite());
    assert_eq!(TimeSpan::from_seconds(t.seconds()).ok(), Some(t));
}

fn check_length(l: IntervalLength) {
    assert!(l.seconds() >= 1);
    assert!(l.per_day() >= 1);
    assert_eq!(u64::from(l.per_day()) * u64::from(l.seconds()), 86_400);
    check_span(l.span());
    assert_eq!(IntervalLength::from_seconds(l.seconds()).ok(), Some(l));
}

fn check_accuracy(a: &AccuracyAccumulator) {
    match a.report() {
        Ok(r) => {
            assert_eq!(r.count(), a.count());
            for (name, x) in [
                ("mae", r.mae()),
                ("mse", r.mse()),
                ("rmse", r.rmse()),
                ("bias", r.bias()),
                ("smape", r.smape()),
            ] {
                assert!(x.is_finite(), "{name} = {x}");
            }
            assert!(r.total_actual().is_finite() && r.total_forecast().is_finite());
            finite("mape", r.mape());
            finite("mape_over_nonzero_actuals", r.mape_over_nonzero_actuals());
            finite("wape", r.wape());
            for base in [PercentErrorBase::Actual, PercentErrorBase::Forecast] {
                if let Some(m) = ok(r.seed_measures(base)) {
                    let _ = format!("{m:?}");
                }
            }
            if let Ok(scale) = TrainingScale::seasonal_naive(&[3.0, 5.0, 4.0, 6.0], 1) {
                let (mase, rmsse) = (r.mase(&scale), r.rmsse(&scale));
                assert!(mase.is_finite() && rmsse.is_finite(), "{mase} {rmsse}");
            }
        }
        Err(e) => {
            lib_check::message(&e);
            assert_eq!(a.count(), 0);
        }
    }
}

fn check_intervals(a: &IntervalAccumulator) {
    let level = a.level().get();
    assert!(level > 0.0 && level < 1.0);
    match a.report() {
        Ok(r) => {
            assert_eq!(r.count(), a.count());
            within("coverage", Ok::<f64, String>(r.coverage()), 0.0, 1.0);
            within("below_share", Ok::<f64, String>(r.below_share()), 0.0, 1.0);
            within("above_share", Ok::<f64, String>(r.above_share()), 0.0, 1.0);
            for (name, x) in [
                ("mean_width", r.mean_width()),
                ("interval_score", r.interval_score()),
            ] {
                assert!(x.is_finite() && x >= 0.0, "{name} = {x}");
            }
            let t = r.coverage_test();
            let _ = format!("{t:?}");
        }
        Err(e) => {
            lib_check::message(&e);
            assert_eq!(a.count(), 0);
        }
    }
}

fn check_actuals(a: &ActualsAccumulator) {
    let total = a.total();
    assert_eq!(total.answered + total.abandoned, total.offered);
    assert!(total.answered_within <= total.answered && total.abandoned_within <= total.abandoned);
    let per = a.per_interval();
    let sum: u128 = per.iter().map(|(_, c)| u128::from(c.offered)).sum();
    assert_eq!(sum, u128::from(total.offered));
    for (_, c) in &per {
        assert!(c.offered >= 1);
        assert!(
            c.handle_seconds.is_finite()
                && c.answered_wait_seconds.is_finite()
                && c.abandoned_wait_seconds.is_finite()
        );
    }
    let days = a.per_day();
    let sum_days: u128 = days.iter().map(|(_, c)| u128::from(c.offered)).sum();
    assert_eq!(sum_days, sum);
    if let (Some((first, _)), Some((last, _))) = (per.first(), per.last()) {
        if last - first < 10_000 {
            if let Some(series) = ok(a.offered_series(*first, last + 1)) {
                assert!(series.iter().all(|x| x.is_finite() && *x >= 0.0));
            }
        }
    }
    for ps in [&[0.5][..], &[0.0, 0.9, 1.0][..]] {
        if let Some(Some(v)) = ok(a.first_reaction_percentiles(ps)) {
            v.into_iter().for_each(check_span);
        }
        if let Some(Some(v)) = ok(a.resolution_percentiles(ps)) {
            v.into_iter().for_each(check_span);
        }
    }
    for d in a.deadline_compliance() {
        for c in [d.first_reaction, d.resolution].into_iter().flatten() {
            assert!(c.met <= c.total);
            if let Some(s) = c.share() {
                assert!((0.0..=1.0).contains(&s));
            }
        }
    }
    let _ = a.request_types();
}

fn check_forecast(f: &wfm_forecast::Forecast, horizon: usize) {
    assert_eq!(f.point.len(), horizon);
    assert!(f.point.iter().all(|x| x.is_finite()), "{:?}", f.point);
    if let Some(i) = &f.interval {
        assert_eq!(i.lower.len(), horizon);
        assert_eq!(i.upper.len(), horizon);
        for ((lo, hi), p) in i.lower.iter().zip(&i.upper).zip(&f.point) {
            assert!(lo.is_finite() && hi.is_finite() && lo <= hi, "[{lo}, {hi}]");
            assert!(
                *lo <= *p + 1e-9 * p.abs().max(1.0) && *p <= *hi + 1e-9 * p.abs().max(1.0),
                "{p} outside [{lo}, {hi}]"
            );
        }
    }
    assert!(f.total().is_finite());
}

/// A model read from the input, with a history, a calendar and a horizon.
fn run_model<M: VolumeModel>(model: &M, history: &[f64], calendar: &Calendar, horizon: usize) {
    let horizon = horizon % (HORIZON + 1);
    for level in [None, Some(Level::new(0.8).expect("in range"))] {
        if let Some(f) = ok(model.forecast(history, calendar, horizon, level)) {
            check_forecast(&f, horizon);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((selector, text)) = split(data) else {
        return;
    };
    // Call blending: selectors 240..=242 (see `blend_case` at the end of the file).
    if (240..243).contains(&selector) {
        blend_case(selector - 240, text);
        return;
    }
    // Erlang X (added after the first sixteen): selectors 16 and 17 exactly.
    if selector == 16 || selector == 17 {
        erlang_x(selector, text);
        return;
    }
    match selector % 16 {
        0 => {
            // Durations, interval lengths and volumes as stored.
            if let Some((t, l, v)) = json::<(TimeSpan, IntervalLength, Volume)>(text) {
                reread(&(t, l, v));
                check_span(t);
                check_length(l);
                assert!(v.get().is_finite() && v.get() >= 0.0);
            }
        }
        1 => {
            // The constructors of the validated numbers, from any float.
            let Some(xs) = json::<Vec<f64>>(text) else {
                return;
            };
            for &x in xs.iter().take(8) {
                if let Some(t) = ok(TimeSpan::from_seconds(x)) {
                    check_span(t);
                }
                if let Some(t) = ok(TimeSpan::from_minutes(x)) {
                    check_span(t);
                }
                if let Some(v) = ok(Volume::new(x)) {
                    assert!(v.get().is_finite() && v.get() >= 0.0);
                }
                if let Some(l) = ok(Level::new(x)) {
                    assert!(l.get() > 0.0 && l.get() < 1.0);
                }
                if let Some(m) = ok(MaxOccupancy::new(x)) {
                    assert!(m.get() > 0.0 && m.get() <= 1.0);
                }
                if let Some(p) = ok(MaxProbability::new(x)) {
                    assert!(p.get() > 0.0 && p.get() <= 1.0);
                }
                if x >= 0.0 && x <= f64::from(u32::MAX) {
                    if let Some(l) = ok(IntervalLength::from_minutes(x as u32)) {
                        check_length(l);
                    }
                    if let Some(l) = ok(IntervalLength::from_seconds(x as u32)) {
                        check_length(l);
                    }
                }
                if let Ok(within) = TimeSpan::from_seconds(x.abs()) {
                    if let Some(a) = ok(AsaTarget::new(within)) {
                        check_span(a.max());
                    }
                    for share in [0.8, x, 1.0] {
                        if let Some(s) = ok(ServiceTarget::new(share, within)) {
                            assert!(s.share() > 0.0 && s.share() <= 1.0);
                            check_span(s.within());
                        }
                    }
                }
            }
        }
        2 => merge_all::<AccuracyAccumulator, _>(text, check_accuracy, |a, b| {
            a.merge(b);
            Ok::<(), String>(())
        }),
        3 => merge_all::<IntervalAccumulator, _>(text, check_intervals, |a, b| a.merge(b)),
        4 => merge_all::<ActualsAccumulator, _>(text, check_actuals, |a, b| a.merge(b)),
        5 => {
            // A read accumulator keeps accepting records.
            let Some((mut a, records)) = json::<(
                ActualsAccumulator,
                Vec<(
                    i64,
                    Outcome,
                    Option<String>,
                    Option<TimeSpan>,
                    Option<TimeSpan>,
                )>,
            )>(text) else {
                return;
            };
            for (arrival, outcome, kind, frt, res) in records.iter().take(16) {
                let mut r = ContactRecord::new(*arrival, *outcome);
                r.request_type = kind.as_deref();
                r.first_reaction = *frt;
                r.resolution = *res;
                a.record(&r);
            }
            reread(&a);
            check_actuals(&a);
        }
        6 => {
            if let Some(v) = json::<RollingOrigin>(text) {
                reread(&v);
                let history: Vec<f64> = (0..40).map(|t| 10.0 + (t % 7) as f64).collect();
                if let Some(model) = ok(SeasonalNaive::new(7)) {
                    if let Some(b) = ok(v.run(&model, &history, &Calendar::always_open())) {
                        let _ = format!("{b:?}");
                    }
                }
            }
        }
        7 => {
            if let Some((v, history, calendar, horizon)) =
                json::<(SeasonalNaive, Vec<f64>, Calendar, usize)>(text)
            {
                reread(&v);
                reread(&calendar);
                assert!(v.season() >= 1);
                run_model(&v, &history, &calendar, horizon);
            }
        }
        8 => {
            if let Some((v, history, calendar, horizon)) =
                json::<(HoltWinters, Vec<f64>, Calendar, usize)>(text)
            {
                reread(&v);
                assert!(v.season() >= 1);
                if history.len() <= 64 {
                    run_model(&v, &history, &calendar, horizon);
                }
            }
        }
        9 => {
            if let Some((v, p, history, calendar, horizon)) = json::<(
                HoltWinters,
                HoltWintersParameters,
                Vec<f64>,
                Calendar,
                usize,
            )>(text)
            {
                if let Some(fit) = ok(v.with_parameters(p, &history, &calendar)) {
                    assert!(fit.final_level().is_finite() && fit.final_trend().is_finite());
                    assert!(fit.sse().is_finite() && fit.sigma2().is_finite());
                    let horizon = horizon % (HORIZON + 1);
                    for level in [None, Some(Level::new(0.95).expect("in range"))] {
                        if let Some(f) = ok(fit.forecast(horizon, level)) {
                            check_forecast(&f, horizon);
                        }
                    }
                }
            }
        }
        10 => {
            if let Some((v, history, horizon)) =
                json::<(DayProfile<SeasonalNaive>, Vec<f64>, usize)>(text)
            {
                reread(&v);
                assert!(v.slots_per_day() >= 1 && v.days_per_week() >= 1);
                assert_eq!(v.slots_per_week(), v.slots_per_day() * v.days_per_week());
                run_model(&v, &history, &Calendar::always_open(), horizon);
            }
        }
        11 => {
            if let Some((v, history, horizon)) =
                json::<(DayProfile<HoltWinters>, Vec<f64>, usize)>(text)
            {
                reread(&v);
                assert_eq!(v.slots_per_week(), v.slots_per_day() * v.days_per_week());
                if history.len() <= 256 {
                    run_model(&v, &history, &Calendar::always_open(), horizon);
                }
            }
        }
        12 => {
            if let Some(v) = json::<Calendar>(text) {
                reread(&v);
                for slot in [0, 1, 7, 1000, usize::MAX] {
                    v.is_open(slot);
                    if let Some(x) = v.volume_set(slot) {
                        assert!(x.is_finite() && x >= 0.0);
                    }
                }
            }
        }
        13 => {
            if let Some(v) = json::<Deadlines>(text) {
                reread(&v);
                assert_eq!(v.request_types().len(), v.len());
                for t in v.request_types() {
                    let (f, r) = (v.first_reaction_limit(t), v.resolution_limit(t));
                    assert!(f.is_some() || r.is_some());
                    f.into_iter().chain(r).for_each(check_span);
                }
                if let Ok(len) = IntervalLength::from_minutes(15) {
                    let a = ActualsAccumulator::with_deadlines(
                        len,
                        TimeSpan::from_seconds(20.0).expect("valid"),
                        v,
                    );
                    check_actuals(&a);
                }
            }
        }
        14 => {
            // Plain records and settings: read back unchanged.
            if let Some(v) = json::<(
                Outcome,
                wfm_forecast::ActualCounts,
                wfm_forecast::ServiceLevelDefinition,
                wfm_forecast::Seasonality,
                PercentErrorBase,
            )>(text)
            {
                reread(&v);
            }
        }
        _ => {
            if let Some((v, d)) =
                json::<(wfm_forecast::Compliance, wfm_forecast::DeadlineCompliance)>(text)
            {
                reread(&(v, d));
                v.share();
            }
        }
    }
});

/// Call blending from raw numbers: `[erlangs, aht_s, outbound_aht_s, patience_s or null,
/// agents, reserve, within_s, outbound per interval, service-level share]`. Case 0 checks
/// the metrics of one staffing, case 1 the best reserve, case 2 the search (small loads only,
/// so that one input stays fast).
#[allow(clippy::type_complexity)]
fn blend_case(case: u8, text: &str) {
    use wfm_forecast::{Blend, BlendMetrics, Targets};
    let Some((erlangs, aht, out_aht, patience, agents, reserve, t, outbound, share)) =
        json::<(f64, f64, f64, Option<f64>, u32, u32, f64, f64, f64)>(text)
    else {
        return;
    };
    let (Some(aht), Some(out_aht), Some(t)) = (
        ok(TimeSpan::from_seconds(aht)),
        ok(TimeSpan::from_seconds(out_aht)),
        ok(TimeSpan::from_seconds(t)),
    ) else {
        return;
    };
    let Some(mut b) = ok(Blend::from_erlangs(erlangs, aht, out_aht)) else {
        return;
    };
    if let Some(p) = patience {
        let Some(p) = ok(TimeSpan::from_seconds(p)) else {
            return;
        };
        let Some(with) = ok(b.with_patience(p)) else {
            return;
        };
        b = with;
    }
    let check = |m: &BlendMetrics| {
        let s = &m.service_levels;
        for (what, x) in [
            ("p_wait", m.p_wait),
            ("p_abandon", m.p_abandon),
            ("inbound_occupancy", m.inbound_occupancy),
            ("outbound_occupancy", m.outbound_occupancy),
            ("idle", m.idle),
            ("sl offered", s.answered_within_over_offered),
            ("sl answered", s.answered_within_over_answered),
            ("sl less short", s.answered_within_over_offered_less_short_abandons),
            ("wait ended", s.wait_ended_within_over_offered),
            ("abandon within", s.p_abandon_within),
        ] {
            assert!((0.0..=1.0).contains(&x), "{what} = {x} in {m:?}");
        }
        assert!((m.occupancy() + m.idle - 1.0).abs() < 1e-9, "{m:?}");
        assert!(s.answered_within_over_offered <= 1.0 - m.p_abandon + 1e-9, "{m:?}");
        assert!(s.p_abandon_within <= m.p_abandon + 1e-12, "{m:?}");
        assert!(m.outbound_per_hour.is_finite() && m.outbound_per_hour >= 0.0);
        assert!(m.mean_queue_length.is_finite() && m.mean_queue_length >= 0.0);
        check_span(m.asa_answered);
        check_span(m.mean_wait_all);
        if m.reserve == m.agents {
            assert_eq!(m.outbound_per_hour, 0.0);
        }
    };
    // At most 40 agents per input, so that one execution stays well under a second.
    let agents = agents % 41;
    match case {
        0 => {
            if let Some(m) = ok(b.metrics(agents, reserve % 42, t)) {
                assert_eq!((m.agents, m.reserve), (agents, reserve % 42));
                check(&m);
            }
        }
        1 => {
            let Some(target) = ok(ServiceTarget::new(share, t)) else {
                return;
            };
            if let Some(Some(m)) = ok(b.best_reserve(agents, &Targets::service_level(target))) {
                check(&m);
                assert!(m.service_levels.answered_within_over_offered >= share);
            }
        }
        _ => {
            let Some(target) = ok(ServiceTarget::new(share, t)) else {
                return;
            };
            let Some(volume) = ok(Volume::new(outbound)) else {
                return;
            };
            // Loads the search finishes quickly: few Erlangs, a modest outbound volume and
            // handle times of similar size.
            let ratio = out_aht.seconds() / aht.seconds();
            if erlangs > 20.0 || outbound > 50.0 || !(0.1..=10.0).contains(&ratio) {
                return;
            }
            if let Some(s) = ok(b.required_staffing(&Targets::service_level(target), volume)) {
                check(&s.metrics);
                assert!(s.metrics.service_levels.answered_within_over_offered >= share);
                assert!(s.metrics.outbound_per_interval >= outbound * (1.0 - 1e-9));
                assert_eq!((s.agents, s.reserve), (s.metrics.agents, s.metrics.reserve));
            }
        }
    }
}

/// Erlang X: 16, the constructors from raw values and both methods' measures; 17, the stored
/// settings (`Lines`, `ErlangXMethod`).
fn erlang_x(selector: u8, text: &str) {
    use wfm_forecast::{ErlangX, ErlangXMethod, Lines, Redials};
    if selector == 17 {
        if let Some((l, m)) = json::<(Lines, ErlangXMethod)>(text) {
            reread(&(l, m));
            if let Some(n) = l.get() {
                assert_eq!(l, Lines::Limited(n));
            }
        }
        return;
    }
    type Raw = (f64, f64, Option<f64>, f64, f64, f64, u32, Option<u32>, f64);
    let Some((erlangs, aht, patience, rb, ra, delay, agents, lines, t)) = json::<Raw>(text) else {
        return;
    };
    let Some(aht) = ok(TimeSpan::from_seconds(aht)) else {
        return;
    };
    let patience = match patience.map(TimeSpan::from_seconds) {
        None => None,
        Some(Ok(p)) => Some(p),
        Some(Err(e)) => {
            lib_check::message(&e);
            return;
        }
    };
    let Some(delay) = ok(TimeSpan::from_seconds(delay)) else {
        return;
    };
    let Some(redials) = ok(Redials::new(rb, ra, delay)) else {
        return;
    };
    assert!((0.0..=0.99).contains(&redials.after_blocked()));
    let Some(q) = ok(ErlangX::from_erlangs(erlangs, aht, patience, redials)) else {
        return;
    };
    let lines = lines.map_or(Lines::Unlimited, Lines::Limited);
    // The exact chain only where it stays small (its size bound is checked, but at the bound
    // a solve takes seconds).
    let small = agents <= 20
        && lines.get().is_some_and(|l| l <= 30)
        && erlangs <= 30.0
        && rb <= 0.9
        && ra <= 0.9;
    let methods: &[ErlangXMethod] = if small {
        &[ErlangXMethod::Fast, ErlangXMethod::Exact]
    } else {
        &[ErlangXMethod::Fast]
    };
    if agents > 2_000 || lines.get().is_some_and(|l| l > 2_000) {
        return;
    }
    for &method in methods {
        let Some(s) = ok(q.solve(agents, lines, method)) else {
            continue;
        };
        let m = *s.metrics();
        for o in [m.first_attempt, m.every_attempt] {
            for x in [o.p_blocked, o.p_wait, o.p_abandon, o.p_answered] {
                assert!((0.0..=1.0).contains(&x), "{x} {m:?}");
            }
            assert!((o.p_blocked + o.p_abandon + o.p_answered - 1.0).abs() < 1e-6, "{m:?}");
        }
        assert!((0.0..=1.0).contains(&m.occupancy), "{m:?}");
        assert!(m.redials_per_first_attempt.is_finite() && m.redials_per_first_attempt >= 0.0);
        check_span(m.asa_answered);
        check_span(m.mean_wait_all);
        if let Ok(within) = TimeSpan::from_seconds(t.abs()) {
            if let Some(l) = ok(s.service_levels(within)) {
                for v in [l.first_attempt, l.every_attempt] {
                    for x in [
                        v.answered_within_over_offered,
                        v.answered_within_over_answered,
                        v.answered_within_over_offered_less_short_abandons,
                        v.wait_ended_within_over_offered,
                        v.p_abandon_within,
                    ] {
                        assert!((0.0..=1.0).contains(&x), "{x}");
                    }
                }
            }
        }
    }
}
