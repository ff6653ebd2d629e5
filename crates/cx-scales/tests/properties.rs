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
        from in scale(), to in scale(), a in 0usize..60, b in 0usize..60
    ) {
        let n = from.point_count();
        let (i, j) = ((a % n).min(b % n), (a % n).max(b % n));
        let band = Band::new(from, from.point_at(i).unwrap().into(), from.point_at(j).unwrap().into()).unwrap();
        let c = Conversion::new(from, to);
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
        (s, v) in answers(200), from in scale(), a in 0usize..60
    ) {
        prop_assume!(!v.is_empty());
        let d = count(s, &v);
        let t = from.point_at(a % from.point_count()).unwrap();
        let band = Band::at_least(from, t.into()).unwrap();
        let c = Conversion::new(from, s);
        let share = |p| c.map_band(&band, p).ok().map(|m| d.share_in_span(&m.chosen()).unwrap().value());
        let lib = share(ThresholdPolicy::Liberal).unwrap();
        let mid = share(ThresholdPolicy::Interpolated).unwrap();
        // A one-sided band never empties: its top point always survives rounding inwards.
        let con = share(ThresholdPolicy::Conservative).unwrap();
        prop_assert!(con <= mid + 1e-12 && mid <= lib + 1e-12, "{con} {mid} {lib}");
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
