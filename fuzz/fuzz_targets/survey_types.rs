//! cx-survey: the method names (`FromStr`) and every `Deserialize` of a validated type.
//!
//! The first byte picks the type (see `match` below); the rest is the text. Names check
//! parse → write → parse (both the name and the label); serialised values check re-read
//! equality, their invariants and their main methods; accumulators are read as arrays and merged.

#![no_main]

mod lib_check;

use cx_scales::{Distribution, Frequencies, Method, Scale, Share, ThresholdPolicy};
use cx_survey::{
    Confidence, Criterion, CriticalPolicy, Grouped, MeanBands, Nps, NpsBands, NpsMethod, NpsScore,
    NpsTally, NpsTest, QualityTally, RangeBand, Scorecard, ShareMethod, ShareQuartiles,
    SourcedBenchmark, Verdict, WeightedNps, WeightedProportion,
};
use lib_check::{finite, json, merge_all, ok, reread, split, within};
use libfuzzer_sys::fuzz_target;
use std::fmt::Display;
use std::str::FromStr;

/// A name that parses must write itself back in canonical form, and both forms must parse
/// to the same variant.
fn names<T>(text: &str)
where
    T: FromStr + Display + PartialEq + std::fmt::Debug + Copy,
    T::Err: Display,
{
    if let Some(v) = ok(text.parse::<T>()) {
        let name = v.to_string();
        assert_eq!(name.parse::<T>().ok(), Some(v), "{name}");
        let label = format!("{v:#}");
        assert_eq!(label.parse::<T>().ok(), Some(v), "{label}");
        assert_eq!(name.to_uppercase().parse::<T>().ok(), Some(v));
    }
}

const LEVELS: [Confidence; 3] = [
    Confidence::NINETY,
    Confidence::NINETY_FIVE,
    Confidence::NINETY_NINE,
];

fn check_confidence(c: Confidence) {
    assert!(c.level() > 0.0 && c.level() < 1.0);
    // Below half an ulp of 1 the level rounds away: α = 1 and z = 0.
    assert!(c.alpha() > 0.0 && c.alpha() <= 1.0);
    let z = c.z();
    assert!(z.is_finite(), "z at {} = {z}", c.level());
    assert!(z >= 0.0, "z at {} = {z}", c.level());
    assert!(!c.to_string().is_empty());
    // The t critical value: at least z, falling with the degrees of freedom, z in the limit;
    // below one degree of freedom and at NaN a typed error.
    let mut previous = f64::INFINITY;
    for df in [1.0, 1.5, 2.0, 3.0, 30.0, 1e4, 1e9, f64::INFINITY] {
        let t = c.t(df).expect("df >= 1 is accepted");
        assert!(t.is_finite() && t >= z * (1.0 - 1e-12), "t({df}) = {t} at {}", c.level());
        assert!(t <= previous * (1.0 + 1e-12), "t not falling in df at {df}");
        previous = t;
    }
    assert!((c.t(f64::INFINITY).expect("the normal limit") - z).abs() <= 1e-12 * z.max(1.0));
    for df in [0.999, 0.0, -1.0, f64::NAN, f64::NEG_INFINITY] {
        assert!(c.t(df).is_err(), "t({df}) accepted");
    }
}

fn check_nps(n: &Nps) {
    assert!(n.n() >= 1);
    assert_eq!(
        u128::from(n.n()),
        u128::from(n.promoters()) + u128::from(n.passives()) + u128::from(n.detractors())
    );
    let s = n.score().value();
    assert!((-100.0..=100.0).contains(&s), "{s}");
    assert!((-1.0..=1.0).contains(&n.fraction()));
    let total =
        n.promoter_share().value() + n.passive_share().value() + n.detractor_share().value();
    assert!((total - 1.0).abs() < 1e-9, "shares sum to {total}");
    assert!(n.variance().is_finite() && n.variance() >= 0.0);
    assert!(n.standard_error().is_finite() && n.standard_error() >= 0.0);
    // Every method at every size: the Dirichlet intervals are exact and bounded in time at any n.
    for method in NpsMethod::ALL {
        let i = n.interval(*method, Confidence::NINETY_FIVE);
        let (lo, est, hi) = (i.lower.value(), i.estimate.value(), i.upper.value());
        assert!(lo.is_finite() && hi.is_finite());
        assert!(lo <= hi, "{method}: {lo} > {hi}");
        assert!((-100.0..=100.0).contains(&lo) && (-100.0..=100.0).contains(&hi));
        assert_eq!(est, s);
        assert!(i.width() >= 0.0);
    }
}

fn check_tally(t: &NpsTally) {
    assert_eq!(
        u128::from(t.n()),
        u128::from(t.promoters()) + u128::from(t.passives()) + u128::from(t.detractors())
    );
    match t.nps() {
        Ok(n) => {
            assert_eq!(
                (n.promoters(), n.passives(), n.detractors()),
                (t.promoters(), t.passives(), t.detractors())
            );
            check_nps(&n);
        }
        Err(e) => {
            lib_check::message(&e);
            assert_eq!(t.n(), 0);
        }
    }
}

fn check_weighted_nps(w: &WeightedNps) {
    assert!(w.total_weight().is_finite() && w.total_weight() >= 0.0);
    if let Some(e) = finite("effective_n", w.effective_n()) {
        assert!(
            e > 0.0 && e <= w.n() as f64 * (1.0 + 1e-9),
            "effective n {e} of {}",
            w.n()
        );
    }
    if let Some(shares) = ok(w.shares()) {
        let total: f64 = shares.iter().map(|s| s.value()).sum();
        assert!((total - 1.0).abs() < 1e-9, "shares sum to {total}");
    }
    if let Some(s) = ok(w.score()) {
        assert!((-100.0..=100.0).contains(&s.value()));
    }
    finite("standard_error", w.standard_error());
    for method in [NpsMethod::AdjustedWald, NpsMethod::Wald, NpsMethod::Score] {
        if let Some(i) = ok(w.interval(method, Confidence::NINETY_FIVE)) {
            assert!(i.lower.value() <= i.upper.value(), "{method}: {i:?}");
        }
    }
    ok(w.compare(w, Confidence::NINETY_FIVE));
}

fn check_weighted_share(w: &WeightedProportion) {
    assert!(w.total_weight().is_finite() && w.total_weight() >= 0.0);
    if let Some(e) = finite("effective_n", w.effective_n()) {
        assert!(
            e > 0.0 && e <= w.n() as f64 * (1.0 + 1e-9),
            "effective n {e} of {}",
            w.n()
        );
    }
    ok(w.share());
    finite("standard_error", w.standard_error());
    for method in ShareMethod::ALL {
        if let Some(i) = ok(w.interval(*method, Confidence::NINETY_FIVE)) {
            assert!(i.lower <= i.upper, "{method}: {i:?}");
        }
    }
    ok(w.compare(w, Confidence::NINETY_FIVE));
}

fn check_quality(q: &QualityTally) {
    assert!(q.critical_failures() <= q.evaluations());
    if let Some(p) = ok(q.pass_rate()) {
        assert!((0.0..=1.0).contains(&p.value()));
    }
    if let Some(m) = ok(q.mean_score()) {
        assert!((0.0..=1.0).contains(&m.value()));
    }
    if let Some(s) = ok(q.summary()) {
        assert!(s.mean().is_finite() && s.std_dev().is_finite() && s.std_dev() >= 0.0);
    }
    for c in LEVELS {
        if let Some(i) = ok(q.interval(c)) {
            assert!(
                i.lower.is_finite() && i.upper.is_finite() && i.lower <= i.upper,
                "{i:?}"
            );
        }
    }
}

fn check_scorecard(s: &Scorecard) {
    let n = s.criteria().len();
    assert!(n >= 1);
    for c in s.criteria() {
        assert!(c.weight() > 0.0 && c.weight().is_finite());
    }
    for verdict in [
        Verdict::Yes,
        Verdict::No,
        Verdict::Partial,
        Verdict::NotApplicable,
    ] {
        if n > 64 {
            break;
        }
        let verdicts = vec![verdict; n];
        if let Some(e) = ok(s.evaluate(&verdicts)) {
            assert!((0.0..=1.0).contains(&e.score().value()));
            assert!((0.0..=1.0).contains(&e.weighted_score().value()));
            assert!(e.failed_critical().iter().all(|&i| i < n));
            let mut tally = QualityTally::new();
            ok(tally.record(&e));
            check_quality(&tally);
        }
    }
}

fn check_range_band(b: &RangeBand) {
    for x in [-1e308, -100.0, -1.0, 0.0, 0.5, 1.0, 100.0, 1e308] {
        b.contains(x);
    }
    assert!(!b.contains(f64::NAN));
}

fn ours() -> Distribution {
    Distribution::from_counts(Scale::ONE_TO_FIVE, &[4u64, 6, 10, 40, 40]).expect("fits")
}

fuzz_target!(|data: &[u8]| {
    let Some((selector, text)) = split(data) else {
        return;
    };
    match selector % 20 {
        // Names.
        0 => names::<NpsMethod>(text),
        1 => names::<ShareMethod>(text),
        2 => names::<NpsTest>(text),
        3 => names::<CriticalPolicy>(text),
        // Serialised values.
        4 => {
            if let Some(v) = json::<Confidence>(text) {
                reread(&v);
                check_confidence(v);
            }
        }
        5 => {
            if let Some(v) = json::<NpsScore>(text) {
                reread(&v);
                assert!((-100.0..=100.0).contains(&v.value()));
                assert!((-1.0..=1.0).contains(&v.fraction()));
                assert!(!v.to_string().is_empty());
            }
        }
        6 => {
            if let Some(v) = json::<Nps>(text) {
                reread(&v);
                check_nps(&v);
            }
        }
        7 => merge_all::<NpsTally, _>(text, check_tally, |a, b| a.merge(b)),
        8 => merge_all::<WeightedNps, _>(text, check_weighted_nps, |a, b| a.merge(b)),
        9 => merge_all::<WeightedProportion, _>(text, check_weighted_share, |a, b| a.merge(b)),
        10 => merge_all::<QualityTally, _>(text, check_quality, |a, b| a.merge(b)),
        11 => {
            if let Some(v) = json::<Criterion>(text) {
                reread(&v);
                assert!(v.weight() > 0.0 && v.weight().is_finite());
            }
        }
        12 => {
            if let Some(v) = json::<Scorecard>(text) {
                reread(&v);
                check_scorecard(&v);
            }
        }
        13 => {
            if let Some(v) = json::<RangeBand>(text) {
                reread(&v);
                check_range_band(&v);
            }
        }
        14 => {
            if let Some(v) = json::<NpsBands>(text) {
                reread(&v);
                v.bands.iter().for_each(check_range_band);
                for s in [-100.0, -0.0, 33.3, 100.0] {
                    v.classify(NpsScore::new(s).expect("in range"));
                }
            }
        }
        15 => {
            if let Some(v) = json::<MeanBands>(text) {
                reread(&v);
                v.bands.iter().for_each(check_range_band);
                v.classify_value(f64::from(v.scale.min()));
                if let Some(m) = ok(cx_survey::MeanScore::from_distribution(&ours())) {
                    ok(v.classify(&m));
                }
            }
        }
        16 => {
            if let Some(v) = json::<ShareQuartiles>(text) {
                reread(&v);
                let c = v.cuts();
                assert!(c[0] > c[1] && c[1] > c[2]);
                for s in [0.0, 0.25, 0.5, 1.0] {
                    v.place(Share::new(s).expect("in range"));
                }
                for method in [Method::Endpoints, Method::PointShares] {
                    ok(v.evaluate(&ours(), method, ThresholdPolicy::Nearest));
                }
            }
        }
        17 => {
            if let Some(v) = json::<SourcedBenchmark>(text) {
                reread(&v);
                if let Some(r) =
                    ok(v.evaluate(&ours(), Method::Endpoints, ThresholdPolicy::Liberal))
                {
                    assert!((0.0..=1.0).contains(&r.share.value()));
                }
            }
        }
        18 => merge_all::<Grouped<String, NpsTally>, _>(
            text,
            |g| {
                for (_, t) in g.iter() {
                    check_tally(t);
                }
            },
            |a, b| a.merge(b),
        ),
        _ => merge_all::<Grouped<u8, Distribution>, _>(
            text,
            |g| {
                for (_, d) in g.iter() {
                    if let Some(m) = ok(d.mean()) {
                        within(
                            "mean",
                            Ok::<f64, String>(m),
                            f64::from(d.scale().min()),
                            f64::from(d.scale().max()),
                        );
                    }
                }
            },
            |a, b| a.merge(b),
        ),
    }
});
