//! cx-scales: every text parser and every `Deserialize` of a validated type.
//!
//! The first byte picks the type (see `match` below); the rest is the text. Parsers check
//! parse → write → parse; serialised values check re-read equality, their invariants and their
//! main methods; distributions are read as arrays and merged.

#![no_main]

mod lib_check;

use cx_scales::{
    Band, BandBenchmark, Conversion, Distribution, Fraction, Frequencies, LabeledScale, Method,
    Partition, PercentTable, Scale, Score, Share, ThresholdPolicy,
};
use lib_check::{finite, json, merge_all, ok, reread, split, within};
use libfuzzer_sys::fuzz_target;

/// Scales the text parsers are tried on: the presets, a stepped one and the widest allowed.
fn scale_of(byte: u8) -> Scale {
    const WIDE: i64 = Scale::MAX_ABS_POINT as i64;
    match byte % 8 {
        0 => Scale::ZERO_TO_TEN,
        1 => Scale::ONE_TO_FIVE,
        2 => Scale::ONE_TO_SEVEN,
        3 => Scale::ONE_TO_TEN,
        4 => Scale::SMILEYS,
        5 => Scale::ZERO_TO_HUNDRED,
        6 => Scale::with_step(-WIDE, WIDE, 2000).expect("1001 points"),
        _ => Scale::with_step(-3, 3, 3).expect("3 points"),
    }
}

fn check_scale(s: &Scale) {
    assert!(s.min() < s.max() && s.step() >= 1);
    assert!(s.point_count() >= 2 && s.point_count() <= Scale::MAX_POINTS);
    assert_eq!(s.points().count(), s.point_count());
    for (i, p) in s.points().enumerate() {
        assert!(s.contains(p.into()));
        assert_eq!(s.index_of(p.into()), Some(i));
        assert_eq!(s.point_at(i), Some(p));
    }
    assert_eq!(s.point_at(s.point_count()), None);
    within("pomp(min)", s.pomp(s.min().into()), 0.0, 0.0);
    within("pomp(max)", s.pomp(s.max().into()), 100.0, 100.0);
}

fn check_score(x: &Score) {
    let s = x.scale();
    assert!(s.contains(x.value().into()));
    assert_eq!(s.point_at(x.index()), Some(x.value()));
    assert!((0.0..=100.0).contains(&x.pomp()));
    assert_eq!(Score::parse(s, &x.value().to_string()).as_ref(), Ok(x));
    assert_eq!(Score::new(s, x.value().into()).as_ref(), Ok(x));
}

fn check_band(b: &Band) {
    let s = b.scale();
    assert!(b.lo() <= b.hi());
    assert!(s.contains(b.lo().into()) && s.contains(b.hi().into()));
    assert!(b.contains(b.lo().into()) && b.contains(b.hi().into()));
    let r = b.indices();
    assert!(r.start < r.end && r.end <= s.point_count());
    assert_eq!(r.len(), b.point_count());
    let span = b.span();
    assert_eq!(
        span.to_band().map(|x| (x.lo(), x.hi())),
        Some((b.lo(), b.hi()))
    );
    assert!(!b.to_string().is_empty());
}

fn check_partition(p: &Partition) {
    let s = p.scale();
    for v in s.points() {
        let covering = p.bands().iter().filter(|b| b.contains(v.into())).count();
        assert_eq!(covering, 1, "point {v} in {covering} bands");
        assert!(p.band_of(v.into()).is_some());
    }
    for b in p.bands() {
        assert_eq!(b.scale(), s);
        check_band(b);
        if let Some(name) = b.name() {
            assert!(p.band(name).is_some());
        }
    }
}

fn check_frequencies<F: Frequencies + ?Sized>(f: &F) {
    let s = f.scale();
    let (lo, hi) = (f64::from(s.min()), f64::from(s.max()));
    assert!(f.total_weight().is_finite() && f.total_weight() >= 0.0);
    within("mean", f.mean(), lo, hi);
    within("median", f.median(), lo, hi);
    within("pomp", f.pomp(), 0.0, 100.0);
    if let Ok(b) = Band::top_box(s, 1) {
        if let Some(sh) = ok(f.share(&b)) {
            assert!((0.0..=1.0).contains(&sh.value()));
        }
    }
    if let Some(shares) = ok(f.shares(&Partition::nps())) {
        let total: f64 = shares.iter().map(|x| x.value()).sum();
        assert!((total - 1.0).abs() < 1e-9, "NPS shares sum to {total}");
    }
}

fn check_distribution(d: &Distribution) {
    assert_eq!(d.counts().len(), d.scale().point_count());
    let sum: u128 = d.counts().iter().map(|&c| u128::from(c)).sum();
    assert_eq!(u128::from(d.n()), sum);
    assert_eq!(d.is_empty(), d.n() == 0);
    check_frequencies(d);
    if let Some(v) = finite("variance", d.variance()) {
        assert!(v >= 0.0);
        finite("std_dev", d.std_dev());
    }
    if !d.is_empty() {
        let t = PercentTable::from(d);
        assert!((t.percent_total() - 100.0).abs() < 1e-6);
        check_table(&t);
    }
}

fn check_table(t: &PercentTable) {
    assert_eq!(t.percents().len(), t.scale().point_count());
    assert!(t.percents().iter().all(|p| p.is_finite() && *p >= 0.0));
    assert!(t.percent_total().is_finite());
    check_frequencies(t);
    if let Some(d) = ok(t.to_distribution(0.1)) {
        assert_eq!(Some(d.n()), t.respondents());
    }
}

fn check_labels(l: &LabeledScale) {
    let s = l.scale();
    assert_eq!(l.labels().len(), s.point_count());
    for p in s.points() {
        let score = Score::new(s, p.into()).expect("a point of the scale");
        let label = l.label_of(score).expect("every point has a label");
        assert_eq!(l.score_of(label), Ok(score));
        assert_eq!(l.parse(label), Ok(score));
        assert_eq!(l.parse(&p.to_string()), Ok(score));
    }
}

fn check_conversion(c: &Conversion) {
    let (from, to) = (c.from(), c.to());
    assert_eq!(c.inverse().from(), to);
    assert_eq!(c.inverse().to(), from);
    // Point shares map to the centres of shares of the target, which covers half a step beyond
    // its ends.
    let half = f64::from(to.step()) / 2.0;
    let (lo, hi) = (
        f64::from(to.min()) - half - 1e-6,
        f64::from(to.max()) + half + 1e-6,
    );
    for v in [
        from.min(),
        from.max(),
        from.point_at(1).unwrap_or(from.max()),
    ] {
        if let Some(f) = ok(c.map_value(v.into())) {
            let x = f.to_f64();
            assert!(x.is_finite());
            assert!(lo <= x && x <= hi, "{v} → {x}");
            within("map_f64", c.map_f64(v.into()), lo, hi);
        }
    }
    if c.method() == Method::Endpoints {
        assert_eq!(
            c.map_value(from.min().into()),
            Ok(Fraction::from(i64::from(to.min())))
        );
        assert_eq!(
            c.map_value(from.max().into()),
            Ok(Fraction::from(i64::from(to.max())))
        );
    }
    ok(c.map_exact(Fraction::new(2 * i64::from(from.min()) + 1, 2).expect("non-zero")));
    if let Ok(b) = Band::top_box(from, 1) {
        ok(c.map_span(&b));
        for policy in [
            ThresholdPolicy::ExactOnly,
            ThresholdPolicy::Conservative,
            ThresholdPolicy::Liberal,
            ThresholdPolicy::Nearest,
            ThresholdPolicy::Interpolated,
        ] {
            ok(c.map_band(&b, policy));
        }
    }
    let uniform =
        Distribution::from_counts(from, &vec![1u64; from.point_count()]).expect("counts fit");
    if let Some(t) = ok(c.map_frequencies(&uniform)) {
        assert!(
            (t.percent_total() - 100.0).abs() < 1e-6,
            "{}",
            t.percent_total()
        );
    }
}

fn check_benchmark(b: &BandBenchmark) {
    check_band(b.band());
    assert!((0.0..=1.0).contains(&b.target().value()));
    let ours = Distribution::from_counts(Scale::ZERO_TO_TEN, &[1u64, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6])
        .expect("fits");
    for method in [Method::Endpoints, Method::PointShares] {
        if let Some(r) = ok(b.evaluate(&ours, method, ThresholdPolicy::Nearest)) {
            assert!((0.0..=1.0).contains(&r.share.value()));
            assert!(r.gap_points().is_finite());
            assert_eq!(r.meets, b.passes(r.share));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((selector, text)) = split(data) else {
        return;
    };
    match selector % 16 {
        // Text parsers.
        0 | 1 => {
            let mut bytes = text.bytes();
            let scale = scale_of(bytes.next().unwrap_or(0));
            let rest = text.get(1..).unwrap_or("");
            if let Some(x) = ok(Score::parse(scale, rest)) {
                assert_eq!(x.scale(), scale);
                check_score(&x);
                if let Ok(i) = rest.trim().parse::<i64>() {
                    assert_eq!(i64::from(x.value()), i);
                }
            }
        }
        2 => {
            let labels = if text.len() % 2 == 0 {
                LabeledScale::ces_agreement()
            } else {
                LabeledScale::smileys()
            };
            if let Some(x) = ok(labels.parse(text)) {
                let label = labels.label_of(x).expect("a label for every point");
                assert_eq!(labels.parse(label), Ok(x));
                assert_eq!(labels.parse(&label.to_uppercase()), Ok(x));
            }
        }
        // Serialised values.
        3 => {
            if let Some(v) = json::<Scale>(text) {
                reread(&v);
                check_scale(&v);
            }
        }
        4 => {
            if let Some(v) = json::<Score>(text) {
                reread(&v);
                check_score(&v);
            }
        }
        5 => {
            if let Some(v) = json::<Band>(text) {
                reread(&v);
                check_band(&v);
            }
        }
        6 => {
            if let Some(v) = json::<cx_scales::Span>(text) {
                reread(&v);
                let s = v.scale();
                // A span may be narrower than a point (lo above hi by less than a step).
                assert!(v.lo().to_f64() - v.hi().to_f64() < f64::from(s.step()) + 1e-9);
                assert!(v.lo() >= Fraction::from(i64::from(s.min())));
                assert!(v.hi() <= Fraction::from(i64::from(s.max())));
                if let Some(b) = v.to_band() {
                    check_band(&b);
                }
            }
        }
        7 => {
            if let Some(v) = json::<Partition>(text) {
                reread(&v);
                check_partition(&v);
            }
        }
        8 => {
            if let Some(v) = json::<Share>(text) {
                reread(&v);
                assert!((0.0..=1.0).contains(&v.value()));
                assert!((0.0..=100.0).contains(&v.percent()));
                assert!((0.0..=1.0).contains(&v.complement().value()));
                assert!(!v.to_string().is_empty());
            }
        }
        9 => {
            if let Some(v) = json::<Fraction>(text) {
                reread(&v);
                assert!(v.denom() > 0);
                assert!(v.floor() <= v.ceil());
                assert_eq!(v.is_integer(), v.floor() == v.ceil());
                assert!(v.to_f64().is_finite());
                assert!(!v.to_string().is_empty());
            }
        }
        10 => merge_all::<Distribution, _>(text, check_distribution, |a, b| a.merge(b)),
        11 => {
            if let Some(v) = json::<PercentTable>(text) {
                reread(&v);
                check_table(&v);
            }
        }
        12 => {
            if let Some(v) = json::<LabeledScale>(text) {
                reread(&v);
                check_labels(&v);
            }
        }
        13 => {
            if let Some(v) = json::<BandBenchmark>(text) {
                reread(&v);
                check_benchmark(&v);
            }
        }
        14 => {
            if let Some(v) = json::<Conversion>(text) {
                reread(&v);
                check_conversion(&v);
            }
        }
        _ => {
            if let Some(s) = json::<Scale>(text) {
                check_scale(&s);
                if let Ok(d) = Distribution::from_counts(s, &vec![3u64; s.point_count()]) {
                    check_distribution(&d);
                }
            }
        }
    }
});
