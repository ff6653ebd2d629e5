//! Invariants, checked on random scales, answers and splits.
#![allow(clippy::unwrap_used)] // tests state their expectations with unwrap

use cx_scales::*;
use proptest::prelude::*;

/// Any valid scale: bounds anywhere in the supported range, any step, up to 60 points (plus the
/// extremes of the supported range now and then).
fn scale() -> impl Strategy<Value = Scale> {
    prop_oneof![
        8 => (-1000i64..1000, 1i64..60, 1i64..5)
            .prop_map(|(min, gaps, step)| Scale::with_step(min, min + gaps * step, step).unwrap()),
        1 => Just(Scale::with_step(-1_000_000, 1_000_000, 2000).unwrap()),
        1 => Just(Scale::new(-500, 500).unwrap()),
    ]
}

/// A scale with answers on it.
fn answers(max_len: usize) -> impl Strategy<Value = (Scale, Vec<i64>)> {
    scale().prop_flat_map(move |s| {
        let pts: Vec<i64> = s.points().map(i64::from).collect();
        (
            Just(s),
            prop::collection::vec(prop::sample::select(pts), 0..max_len),
        )
    })
}

fn count(s: Scale, v: &[i64]) -> Distribution {
    Distribution::count(s, v).unwrap()
}

fn method() -> impl Strategy<Value = Method> {
    prop_oneof![Just(Method::Endpoints), Just(Method::PointShares)]
}

const POLICIES: [ThresholdPolicy; 5] = [
    ThresholdPolicy::ExactOnly,
    ThresholdPolicy::Conservative,
    ThresholdPolicy::Liberal,
    ThresholdPolicy::Nearest,
    ThresholdPolicy::Interpolated,
];

/// The band of the points at positions `i..=j` of `s`.
fn band_at(s: Scale, i: usize, j: usize) -> Band {
    Band::new(
        s,
        s.point_at(i).unwrap().into(),
        s.point_at(j).unwrap().into(),
    )
    .unwrap()
}

/// The interval `[lo − s/2, hi + s/2]` a span covers, in f64.
fn covered(span: &Span) -> (f64, f64) {
    let h = f64::from(span.scale().step()) / 2.0;
    (span.lo().to_f64() - h, span.hi().to_f64() + h)
}

/// `m` as a valid result of mapping under `policy`: a span that `Span::new` accepts, whole points
/// unless interpolated, the exact image itself when interpolated.
fn check_mapped(m: &MappedBand, policy: ThresholdPolicy) -> Result<(), TestCaseError> {
    let chosen = m.chosen();
    prop_assert_eq!(
        Span::new(chosen.scale(), chosen.lo(), chosen.hi()),
        Ok(chosen)
    );
    let exact = m.exact();
    prop_assert_eq!(Span::new(exact.scale(), exact.lo(), exact.hi()), Ok(exact));
    if policy == ThresholdPolicy::Interpolated {
        prop_assert_eq!(chosen, exact);
    } else {
        prop_assert!(m.band().is_some(), "{m}");
    }
    if policy == ThresholdPolicy::ExactOnly {
        prop_assert!(m.is_exact());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn conversion_maps_endpoints_to_endpoints(from in scale(), to in scale()) {
        let c = Conversion::new(from, to);
        prop_assert_eq!(c.map_value(from.min().into()).unwrap(), Fraction::from(i64::from(to.min())));
        prop_assert_eq!(c.map_value(from.max().into()).unwrap(), Fraction::from(i64::from(to.max())));
    }

    #[test]
    fn conversion_is_strictly_monotone_and_round_trips(
        from in scale(), to in scale(), method in prop_oneof![Just(Method::Endpoints), Just(Method::PointShares)]
    ) {
        let c = Conversion::with_method(from, to, method);
        let images: Vec<Fraction> = from.points().map(|x| c.map_value(x.into()).unwrap()).collect();
        for w in images.windows(2) {
            prop_assert!(w[0] < w[1]);
        }
        for (x, y) in from.points().zip(&images) {
            if let Ok(back) = c.inverse().map_exact(*y) {
                prop_assert_eq!(back, Fraction::from(i64::from(x)));
            } else {
                // Only share of points may send a point outside the other scale's range.
                prop_assert_eq!(method, Method::PointShares);
            }
        }
        // The f64 map agrees with the exact one.
        for (x, y) in from.points().zip(&images) {
            let f = c.map_f64(f64::from(x)).unwrap();
            prop_assert!((f - y.to_f64()).abs() <= 1e-9 * (1.0 + f.abs()));
        }
    }

    #[test]
    fn policies_nest_conservative_inside_exact_inside_liberal(
        from in scale(), to in scale(), a in 0usize..60, b in 0usize..60, method in method()
    ) {
        let n = from.point_count();
        let (i, j) = ((a % n).min(b % n), (a % n).max(b % n));
        let band = band_at(from, i, j);
        let c = Conversion::with_method(from, to, method);
        let exact = c.map_span(&band).unwrap();
        let liberal = c.map_band(&band, ThresholdPolicy::Liberal).unwrap().chosen();
        prop_assert!(liberal.lo() <= exact.lo() && exact.hi() <= liberal.hi());
        prop_assert!(liberal.to_band().is_some());
        for p in [ThresholdPolicy::Conservative, ThresholdPolicy::Nearest] {
            match c.map_band(&band, p) {
                Ok(m) => {
                    let chosen = m.chosen();
                    prop_assert!(chosen.to_band().is_some());
                    prop_assert!(liberal.lo() <= chosen.lo() && chosen.hi() <= liberal.hi());
                    if p == ThresholdPolicy::Conservative {
                        prop_assert!(exact.lo() <= chosen.lo() && chosen.hi() <= exact.hi());
                    }
                }
                Err(e) => prop_assert!(matches!(e, ScaleError::EmptyMappedBand { .. }), "{e}"),
            }
        }
        match c.map_band(&band, ThresholdPolicy::ExactOnly) {
            Ok(m) => prop_assert!(m.is_exact()),
            Err(e) => prop_assert!(matches!(e, ScaleError::NotExact { .. }), "{e}"),
        }
    }

    #[test]
    fn interpolated_share_lies_between_conservative_and_liberal(
        (s, v) in answers(200), from in scale(), a in 0usize..60, b in 0usize..60, method in method()
    ) {
        prop_assume!(!v.is_empty());
        let d = count(s, &v);
        let n = from.point_count();
        let t = from.point_at(a % n).unwrap();
        let c = Conversion::with_method(from, s, method);
        let one_sided = Band::at_least(from, t.into()).unwrap();
        let share = |band: &Band, p| c.map_band(band, p).ok().map(|m| d.share_in_span(&m.chosen()).unwrap().value());
        let lib = share(&one_sided, ThresholdPolicy::Liberal).unwrap();
        let mid = share(&one_sided, ThresholdPolicy::Interpolated).unwrap();
        // Under endpoint mapping a one-sided band never empties: its top point always survives
        // rounding inwards. By share of points a band smaller than a point of the target holds no
        // whole point, and its conservative share is that of no point.
        let con = share(&one_sided, ThresholdPolicy::Conservative);
        prop_assert!(con.is_some() || method == Method::PointShares);
        let con = con.unwrap_or(0.0);
        prop_assert!(con <= mid + 1e-12 && mid <= lib + 1e-12, "{con} {mid} {lib}");
        // The same for any band, bounded on both sides.
        let (i, j) = ((a % n).min(b % n), (a % n).max(b % n));
        let band = band_at(from, i, j);
        let lib = share(&band, ThresholdPolicy::Liberal).unwrap();
        let mid = share(&band, ThresholdPolicy::Interpolated).unwrap();
        let con = share(&band, ThresholdPolicy::Conservative).unwrap_or(0.0);
        prop_assert!(con <= mid + 1e-12 && mid <= lib + 1e-12, "{con} {mid} {lib}");
    }

    /// Audit: by share of points every band maps under every policy to a valid span or, where the
    /// policy says so, to its typed error; never `BandOutside`. The image keeps the band's share
    /// of the scale, also when that is less than one point of the target.
    #[test]
    fn point_shares_maps_every_band_under_every_policy(
        from in scale(), to in scale(), a in 0usize..60, b in 0usize..60
    ) {
        let n = from.point_count();
        let (i, j) = ((a % n).min(b % n), (a % n).max(b % n));
        let band = band_at(from, i, j);
        let c = Conversion::with_method(from, to, Method::PointShares);
        let exact = c.map_span(&band).unwrap();
        let (lo, hi) = covered(&exact);
        let (min, max) = covered(&Band::new(to, to.min().into(), to.max().into()).unwrap().span());
        prop_assert!(min <= lo && lo < hi && hi <= max, "{exact}");
        let share = (j - i + 1) as f64 / n as f64;
        prop_assert!(((hi - lo) / (max - min) - share).abs() < 1e-9, "{exact}: {share}");
        for p in POLICIES {
            match c.map_band(&band, p) {
                Ok(m) => {
                    check_mapped(&m, p)?;
                    prop_assert_eq!(m.exact(), exact);
                }
                Err(e) => match p {
                    ThresholdPolicy::ExactOnly => prop_assert!(matches!(e, ScaleError::NotExact { .. }), "{e}"),
                    ThresholdPolicy::Conservative | ThresholdPolicy::Nearest => {
                        prop_assert!(matches!(e, ScaleError::EmptyMappedBand { .. }), "{e}");
                        // Only a band less than two points of the target can lose every point.
                        prop_assert!(hi - lo < 2.0 * f64::from(to.step()), "{exact}");
                    }
                    _ => prop_assert!(false, "{p:?} must always map {band}: {e}"),
                },
            }
        }
    }

    /// Mapping is monotone in the band's edges, for both methods and every policy: a band that
    /// starts (ends) no lower starts (ends) no lower on the target.
    #[test]
    fn mapping_is_monotone_in_the_band_edges(
        from in scale(), to in scale(), idx in prop::array::uniform4(0usize..60), method in method()
    ) {
        let n = from.point_count();
        let mut k = idx.map(|x| x % n);
        k.sort_unstable();
        // Two bands with i ≤ i2 and j ≤ j2: k0..=k2 and k1..=k3.
        let (low, high) = (band_at(from, k[0], k[2]), band_at(from, k[1], k[3]));
        let c = Conversion::with_method(from, to, method);
        let (e1, e2) = (c.map_span(&low).unwrap(), c.map_span(&high).unwrap());
        prop_assert!(e1.lo() <= e2.lo() && e1.hi() <= e2.hi());
        if k[0] < k[1] {
            prop_assert!(e1.lo() < e2.lo());
        }
        for p in POLICIES {
            if let (Ok(m1), Ok(m2)) = (c.map_band(&low, p), c.map_band(&high, p)) {
                let (c1, c2) = (m1.chosen(), m2.chosen());
                prop_assert!(c1.lo() <= c2.lo() && c1.hi() <= c2.hi(), "{p:?}: {c1} {c2}");
            }
        }
    }

    /// By share of points the images of a partition's bands tile the target scale: interpolated
    /// shares add up to 1; rounding outwards can only count answers twice, rounding inwards or to
    /// the nearest point only leave them out.
    #[test]
    fn point_shares_partition_shares_sum_to_one(
        (s, v) in answers(200), from in scale(), cuts in prop::collection::btree_set(1usize..60, 0..5)
    ) {
        prop_assume!(!v.is_empty());
        let d = count(s, &v);
        let n = from.point_count();
        let mut edges: Vec<usize> = cuts.into_iter().filter(|&c| c < n).collect();
        edges.insert(0, 0);
        edges.push(n);
        let bands: Vec<Band> = edges.windows(2).map(|w| band_at(from, w[0], w[1] - 1)).collect();
        let c = Conversion::with_method(from, s, Method::PointShares);
        let sum = |p| -> Option<f64> {
            bands.iter().map(|b| {
                let m = c.map_band(b, p).ok()?;
                Some(d.share_in_span(&m.chosen()).unwrap().value())
            }).sum()
        };
        let mid = sum(ThresholdPolicy::Interpolated).unwrap();
        prop_assert!((mid - 1.0).abs() <= 1e-12, "{mid}");
        let lib = sum(ThresholdPolicy::Liberal).unwrap();
        prop_assert!(lib >= 1.0 - 1e-12, "{lib}");
        for p in [ThresholdPolicy::Conservative, ThresholdPolicy::Nearest] {
            // A band that empties counts for nothing.
            let total: f64 = bands.iter().map(|b| {
                c.map_band(b, p).map_or(0.0, |m| d.share_in_span(&m.chosen()).unwrap().value())
            }).sum();
            prop_assert!(total <= 1.0 + 1e-12, "{p:?}: {total}");
        }
        // The spans meet exactly: each image's upper edge is the next one's lower edge.
        let spans: Vec<Span> = bands.iter().map(|b| c.map_span(b).unwrap()).collect();
        for w in spans.windows(2) {
            let (a, b) = (covered(&w[0]).1, covered(&w[1]).0);
            prop_assert!((a - b).abs() <= 1e-9 * (1.0 + a.abs()), "{} {}", w[0], w[1]);
        }
    }

    #[test]
    fn shares_of_a_partition_sum_to_one((s, v) in answers(300), cuts in prop::collection::btree_set(1usize..60, 0..5)) {
        prop_assume!(!v.is_empty());
        let d = count(s, &v);
        let n = s.point_count();
        let mut edges: Vec<usize> = cuts.into_iter().filter(|&c| c < n).collect();
        edges.insert(0, 0);
        edges.push(n);
        let bands: Vec<Band> = edges.windows(2).map(|w| {
            Band::new(s, s.point_at(w[0]).unwrap().into(), s.point_at(w[1] - 1).unwrap().into()).unwrap()
        }).collect();
        let p = Partition::new(s, bands).unwrap();
        let shares = d.shares(&p).unwrap();
        let total: f64 = shares.iter().map(|x| x.value()).sum();
        prop_assert!((total - 1.0).abs() <= 8.0 * f64::EPSILON, "{total}");
        let counted: u64 = p.bands().iter().map(|b| d.count_in(b).unwrap()).sum();
        prop_assert_eq!(counted, d.n());
    }

    #[test]
    fn statistics_stay_on_the_scale((s, v) in answers(300)) {
        prop_assume!(!v.is_empty());
        let d = count(s, &v);
        let (min, max) = (f64::from(s.min()), f64::from(s.max()));
        let mean = d.mean().unwrap();
        let median = d.median().unwrap();
        prop_assert!((min..=max).contains(&mean));
        prop_assert!((min..=max).contains(&median));
        prop_assert!((0.0..=100.0).contains(&d.pomp().unwrap()));
        let exact_mean = v.iter().map(|&x| x as f64).sum::<f64>() / v.len() as f64;
        prop_assert!((mean - exact_mean).abs() <= 1e-9 * (1.0 + exact_mean.abs()));
        let table = PercentTable::from(&d);
        prop_assert!((table.mean().unwrap() - mean).abs() <= 1e-9 * (1.0 + mean.abs()));
        prop_assert_eq!(table.median().unwrap(), median);
    }

    #[test]
    fn merging_equals_counting_everything((s, v) in answers(400), splits in prop::collection::vec(any::<prop::sample::Index>(), 0..6), order in any::<u64>()) {
        let whole = count(s, &v);
        // Split at random places, count each part, merge in a shuffled order.
        let mut cuts: Vec<usize> = splits.iter().map(|i| i.index(v.len() + 1)).collect();
        cuts.push(0);
        cuts.push(v.len());
        cuts.sort_unstable();
        let mut parts: Vec<Distribution> = cuts.windows(2).map(|w| count(s, &v[w[0]..w[1]])).collect();
        let k = parts.len();
        parts.rotate_left((order as usize) % k);
        if order % 2 == 1 {
            parts.reverse();
        }
        let mut merged = Distribution::new(s);
        for p in &parts {
            merged.merge(p).unwrap();
        }
        prop_assert_eq!(&merged, &whole);
        // Tree-shaped merge with `+`.
        let mut level = parts;
        while level.len() > 1 {
            level = level.chunks(2).map(|pair| match pair {
                [a, b] => (a + b).unwrap(),
                [a] => a.clone(),
                _ => unreachable!(),
            }).collect();
        }
        prop_assert_eq!(level.pop().unwrap_or_else(|| Distribution::new(s)), whole);
    }

    #[test]
    fn every_integer_type_counts_alike((s, v) in answers(600), junk in prop::option::of((any::<prop::sample::Index>(), any::<i64>()))) {
        let mut v = v;
        if let Some((at, value)) = junk
            && !v.is_empty()
        {
            let i = at.index(v.len());
            v[i] = value;
        }
        let reference: Result<Distribution, ScaleError> = (|| {
            let mut d = Distribution::new(s);
            for (position, &value) in v.iter().enumerate() {
                if !s.contains(value) {
                    return Err(ScaleError::OffScaleAt { value, position, scale: s });
                }
                d.record_value(value)?;
            }
            Ok(d)
        })();
        prop_assert_eq!(&Distribution::count(s, &v), &reference);
        if v.iter().all(|&x| i32::try_from(x).is_ok()) {
            let w: Vec<i32> = v.iter().map(|&x| x as i32).collect();
            prop_assert_eq!(&Distribution::count(s, &w), &reference);
        }
        if v.iter().all(|&x| u8::try_from(x).is_ok()) {
            let w: Vec<u8> = v.iter().map(|&x| x as u8).collect();
            prop_assert_eq!(&Distribution::count(s, &w), &reference);
        }
        if v.iter().all(|&x| i8::try_from(x).is_ok()) {
            let w: Vec<i8> = v.iter().map(|&x| x as i8).collect();
            prop_assert_eq!(&Distribution::count(s, &w), &reference);
        }
    }

    #[test]
    fn converted_distributions_keep_mass_and_the_endpoint_mean((s, v) in answers(200), to in scale()) {
        prop_assume!(!v.is_empty());
        let d = count(s, &v);
        let c = Conversion::new(s, to);
        let t = c.map_frequencies(&d).unwrap();
        prop_assert!(t.percents().iter().all(|&p| (0.0..=100.0 + 1e-9).contains(&p)));
        prop_assert!((t.percent_total() - 100.0).abs() < 1e-9);
        let want = c.map_f64(d.mean().unwrap()).unwrap();
        let scale = 1.0 + want.abs() + f64::from(to.max() - to.min());
        prop_assert!((t.mean().unwrap() - want).abs() <= 1e-12 * scale, "{} {}", t.mean().unwrap(), want);
    }

    #[test]
    fn share_of_points_keeps_the_share_of_aligned_bands((s, v) in answers(200), k in 1i64..5) {
        prop_assume!(!v.is_empty());
        // A target with k times as many points: every source point covers exactly k of them.
        let n = s.point_count() as i64;
        prop_assume!(n * k <= Scale::MAX_POINTS as i64);
        let to = Scale::new(1, n * k).unwrap();
        let d = count(s, &v);
        let t = Conversion::with_method(s, to, Method::PointShares).map_frequencies(&d).unwrap();
        for (i, x) in s.points().enumerate() {
            let src = d.share(&Band::at_least(s, x.into()).unwrap()).unwrap().value();
            let dst = t.share(&Band::at_least(to, 1 + i as i64 * k).unwrap()).unwrap().value();
            prop_assert!((src - dst).abs() < 1e-12, "{x}: {src} {dst}");
        }
    }

    #[test]
    fn scores_parse_back_from_their_text(s in scale(), i in 0usize..60) {
        let x = s.point_at(i % s.point_count()).unwrap();
        let score = Score::new(s, x.into()).unwrap();
        prop_assert_eq!(Score::parse(s, &x.to_string()).unwrap(), score);
        prop_assert_eq!(Score::parse(s, &format!(" {x}.0 ")).unwrap(), score);
        prop_assert_eq!(Score::from_f64(s, f64::from(x)).unwrap(), score);
        prop_assert!(Score::from_f64(s, f64::from(x) + 0.5).is_err());
    }
}

/// Merging at every split point, and with an empty side, equals one pass (the `average` crate's
/// discipline).
#[test]
fn merge_at_every_split_point() {
    let s = Scale::ZERO_TO_TEN;
    let v: Vec<u8> = (0..97u32).map(|i| ((i * 7 + i / 3) % 11) as u8).collect();
    let whole = Distribution::count(s, &v).unwrap();
    for mid in 0..=v.len() {
        let mut left = Distribution::count(s, &v[..mid]).unwrap();
        left.merge(&Distribution::count(s, &v[mid..]).unwrap())
            .unwrap();
        assert_eq!(left, whole, "split at {mid}");
    }
    let mut empty = Distribution::new(s);
    empty.merge(&whole).unwrap();
    assert_eq!(empty, whole);
}

/// Millions of rows: ten million answers count to the exact expected tallies.
#[test]
fn ten_million_answers() {
    let n = 10_000_000usize;
    let v: Vec<u8> = (0..n).map(|i| (i % 11) as u8).collect();
    let d = Distribution::count(Scale::ZERO_TO_TEN, &v).unwrap();
    for (x, c) in d.iter() {
        let expected = (n / 11 + usize::from((x as usize) < n % 11)) as u64;
        assert_eq!(c, expected, "point {x}");
    }
    assert_eq!(
        d.mean().unwrap(),
        v.iter().map(|&x| f64::from(x)).sum::<f64>() / n as f64
    );
}
