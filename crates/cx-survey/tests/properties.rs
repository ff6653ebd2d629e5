//! Property tests: ranges, containment, monotonicity in n, merge equals one pass, signs.
#![allow(clippy::unwrap_used)]

use cx_scales::{Distribution, Scale};
use cx_survey::*;
use proptest::prelude::*;

const NPS_METHODS: [NpsMethod; 5] = [
    NpsMethod::AdjustedWald,
    NpsMethod::Score,
    NpsMethod::JeffreysDirichlet,
    NpsMethod::UniformDirichlet,
    NpsMethod::Wald,
];
const SHARE_METHODS: [ShareMethod; 5] = [
    ShareMethod::Wilson,
    ShareMethod::AgrestiCoull,
    ShareMethod::ClopperPearson,
    ShareMethod::Jeffreys,
    ShareMethod::Wald,
];

/// The posterior median of a Dirichlet method: its equal-tailed interval at a vanishing level.
fn posterior_median(nps: &Nps, m: NpsMethod) -> f64 {
    let tiny = nps.interval(m, Confidence::new(1e-9).unwrap());
    assert!(tiny.width() < 1e-6, "{m}: {tiny}");
    0.5 * (tiny.lower.value() + tiny.upper.value())
}

#[test]
fn dirichlet_intervals_hold_the_posterior_mean_and_median_at_small_counts() {
    // Every table of up to 6 answers: the most skewed posteriors (proptest draws up to 400 a group).
    for n in 1u64..=6 {
        for p in 0..=n {
            for d in 0..=n - p {
                let nps = Nps::from_counts(p, n - p - d, d).unwrap();
                for m in [NpsMethod::JeffreysDirichlet, NpsMethod::UniformDirichlet] {
                    let prior = if m == NpsMethod::JeffreysDirichlet {
                        0.5
                    } else {
                        1.0
                    };
                    let (ap, ad) = (p as f64 + prior, d as f64 + prior);
                    let mean = 100.0 * (ap - ad) / (n as f64 + 3.0 * prior);
                    let median = posterior_median(&nps, m);
                    let ci = nps.interval(m, Confidence::new(0.5).unwrap());
                    assert!(
                        ci.lower.value() <= mean && mean <= ci.upper.value(),
                        "{m} {p}/{d}: mean {mean}, {ci}"
                    );
                    assert!(
                        ci.lower.value() < median && median < ci.upper.value(),
                        "{m} {p}/{d}: median {median}, {ci}"
                    );
                }
            }
        }
    }
}

fn counts() -> impl Strategy<Value = (u64, u64, u64)> {
    (0u64..400, 0u64..400, 0u64..400).prop_filter("at least one answer", |(p, a, d)| p + a + d > 0)
}

proptest! {
    /// The NPS of a percentage table equals the NPS of the counts reconstructed from it, and of
    /// the counts it was made from.
    #[test]
    fn nps_of_a_percent_table_equals_nps_of_its_counts(counts in proptest::collection::vec(0u64..60, 11)) {
        prop_assume!(counts.iter().sum::<u64>() > 0);
        let d = Distribution::from_counts(Scale::ZERO_TO_TEN, &counts).unwrap();
        let table = cx_scales::PercentTable::from(&d);
        let from_table = NpsScore::from_percent_table(&table).unwrap().value();
        let from_counts = Nps::from_distribution(&d).unwrap();
        prop_assert!((from_table - from_counts.score().value()).abs() < 1e-9);
        let rebuilt = Nps::from_percent_table(&table, 1e-6).unwrap();
        prop_assert_eq!(rebuilt, from_counts);
        prop_assert!((rebuilt.score().value() - from_table).abs() < 1e-9);
        // Published with one decimal (which identifies the counts up to 500 respondents): the
        // counts come back, and the table's NPS is theirs within rounding.
        prop_assume!(d.n() <= 500);
        let rounded: Vec<(i64, f64)> = (0..=10).zip(table.percents()).map(|(p, x)| (p, (x * 10.0).round() / 10.0)).collect();
        let published = cx_scales::PercentTable::new(Scale::ZERO_TO_TEN, rounded, 1.0).unwrap().with_respondents(d.n()).unwrap();
        let rebuilt = Nps::from_percent_table(&published, 0.1).unwrap();
        prop_assert_eq!(rebuilt, from_counts);
        prop_assert!((NpsScore::from_percent_table(&published).unwrap().value() - rebuilt.score().value()).abs() < 0.6);
    }
}

proptest! {
    // The Dirichlet intervals take a few milliseconds each in debug builds: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn nps_intervals_stay_in_range_and_hold_their_estimate((p, a, d) in counts(), level in 0.5f64..0.999) {
        let nps = Nps::from_counts(p, a, d).unwrap();
        let s = nps.score().value();
        prop_assert!((-100.0..=100.0).contains(&s));
        let c = Confidence::new(level).unwrap();
        for m in NPS_METHODS {
            let ci = nps.interval(m, c);
            prop_assert!(-100.0 <= ci.lower.value() && ci.lower <= ci.upper && ci.upper.value() <= 100.0, "{m}: {ci}");
            match m {
                // Always contain the raw estimate.
                NpsMethod::Wald | NpsMethod::Score => prop_assert!(ci.contains(nps.score()), "{m}: {ci}"),
                // Centred on the adjusted estimate: contains the raw one at 95 % and above
                // (module docs), and always contains the adjusted centre.
                NpsMethod::AdjustedWald if level >= 0.95 => prop_assert!(ci.contains(nps.score()), "{m}: {ci}"),
                // Credible intervals of the true NPS: equal-tailed, so they contain the
                // posterior median (the crate's own interval at a vanishing level), and at 50 %
                // and above the posterior mean 100·(αP − αD)/(αP + αA + αD).
                NpsMethod::JeffreysDirichlet | NpsMethod::UniformDirichlet => {
                    let prior = if m == NpsMethod::JeffreysDirichlet { 0.5 } else { 1.0 };
                    let (ap, aa, ad) = (p as f64 + prior, a as f64 + prior, d as f64 + prior);
                    let mean = 100.0 * (ap - ad) / (ap + aa + ad);
                    prop_assert!(ci.lower.value() <= mean && mean <= ci.upper.value(), "{m}: mean {mean}, {ci}");
                    let median = posterior_median(&nps, m);
                    prop_assert!(ci.lower.value() <= median && median <= ci.upper.value(), "{m}: median {median}, {ci}");
                }
                NpsMethod::AdjustedWald => {}
                _ => prop_assert!(false, "{m} has no property here"),
            }
        }
    }

    #[test]
    fn nps_intervals_narrow_as_n_grows((p, a, d) in counts(), k in 2u64..6) {
        // The same shares with k times the answers give a narrower interval.
        let small = Nps::from_counts(p, a, d).unwrap();
        let big = Nps::from_counts(p * k, a * k, d * k).unwrap();
        for m in NPS_METHODS {
            let (ws, wb) = (small.interval(m, Confidence::NINETY_FIVE).width(), big.interval(m, Confidence::NINETY_FIVE).width());
            prop_assert!(wb <= ws + 1e-9, "{m}: {wb} > {ws}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn share_intervals_stay_in_range_and_hold_their_estimate(n in 1u64..2000, frac in 0.0f64..=1.0, level in 0.5f64..0.9999) {
        let x = ((n as f64) * frac).round() as u64;
        let p = Proportion::new(x, n).unwrap();
        let c = Confidence::new(level).unwrap();
        for m in SHARE_METHODS {
            let ci = p.interval(m, c);
            prop_assert!(0.0 <= ci.lower.value() && ci.lower <= ci.upper && ci.upper.value() <= 1.0, "{m}: {ci}");
            prop_assert!(ci.contains(p.share()), "{m} {x}/{n} at {level}: {ci}");
        }
    }

    #[test]
    fn share_intervals_narrow_as_n_grows(n in 1u64..500, frac in 0.0f64..=1.0, k in 2u64..6) {
        let x = ((n as f64) * frac).round() as u64;
        let small = Proportion::new(x, n).unwrap();
        let big = Proportion::new(x * k, n * k).unwrap();
        for m in SHARE_METHODS {
            if m == ShareMethod::Wald { continue; } // zero width at 0/n in both
            let (ws, wb) = (small.interval(m, Confidence::NINETY_FIVE).width(), big.interval(m, Confidence::NINETY_FIVE).width());
            prop_assert!(wb < ws, "{m}: {wb} >= {ws}");
        }
    }

    #[test]
    fn nps_merge_at_every_split_equals_one_pass(answers in prop::collection::vec(0u8..=10, 0..200)) {
        let mut one = NpsTally::new();
        one.record_answers(&answers).unwrap();
        for mid in 0..=answers.len() {
            let (l, r) = answers.split_at(mid);
            let mut left = NpsTally::new();
            left.record_answers(l).unwrap();
            let mut right = NpsTally::new();
            for &x in r { right.record(i64::from(x)).unwrap(); }
            let mut merged = left;
            merged.merge(&right).unwrap();
            prop_assert_eq!(merged, one);
            // And the other order.
            right.merge(&left).unwrap();
            prop_assert_eq!(right, one);
        }
    }

    #[test]
    fn grouped_merge_at_every_split_equals_one_pass(rows in prop::collection::vec((0u8..4, 1i64..=5), 0..120)) {
        let mut one = Grouped::new(Distribution::new(Scale::ONE_TO_FIVE));
        for &(k, v) in &rows { one.record(k, v).unwrap(); }
        for mid in 0..=rows.len() {
            let (l, r) = rows.split_at(mid);
            let mut a = Grouped::new(Distribution::new(Scale::ONE_TO_FIVE));
            for &(k, v) in l { a.record(k, v).unwrap(); }
            let mut b = Grouped::new(Distribution::new(Scale::ONE_TO_FIVE));
            for &(k, v) in r { b.record(k, v).unwrap(); }
            a.merge(&b).unwrap();
            prop_assert_eq!(&a, &one);
        }
    }

    #[test]
    fn quality_merge_at_every_split_equals_one_pass(verdicts in prop::collection::vec(prop::collection::vec(0u8..4, 3), 0..60)) {
        let card = Scorecard::new(vec![
            Criterion::new("greeting", 1.0).unwrap(),
            Criterion::new("resolution", 3.7).unwrap(),
            Criterion::new("tone", 0.3).unwrap(),
        ]).unwrap();
        let to = |v: u8| [Verdict::Yes, Verdict::No, Verdict::Partial, Verdict::NotApplicable][usize::from(v)];
        let evals: Vec<Evaluation> = verdicts
            .iter()
            .filter_map(|vs| card.evaluate(&vs.iter().map(|&v| to(v)).collect::<Vec<_>>()).ok())
            .collect();
        let mut one = QualityTally::new();
        for e in &evals { one.record(e).unwrap(); }
        for mid in 0..=evals.len() {
            let mut a = QualityTally::new();
            for e in &evals[..mid] { a.record(e).unwrap(); }
            let mut b = QualityTally::new();
            for e in &evals[mid..] { b.record(e).unwrap(); }
            b.merge(&a).unwrap();
            prop_assert_eq!(b, one);
        }
        if !evals.is_empty() {
            let s = one.mean_score().unwrap().value();
            prop_assert!((0.0..=1.0).contains(&s));
        }
    }

    #[test]
    fn nps_difference_interval_follows_the_sign((p1, a1, d1) in counts(), (p2, a2, d2) in counts()) {
        let x = Nps::from_counts(p1, a1, d1).unwrap();
        let y = Nps::from_counts(p2, a2, d2).unwrap();
        for test in [NpsTest::Wald, NpsTest::AdjustedWald] {
            let xy = compare_nps(&x, &y, test, Confidence::NINETY_FIVE);
            let yx = compare_nps(&y, &x, test, Confidence::NINETY_FIVE);
            prop_assert!(xy.lower <= xy.centre && xy.centre <= xy.upper);
            prop_assert!(-200.0 <= xy.lower && xy.upper <= 200.0);
            prop_assert_eq!(xy.difference, -yx.difference);
            prop_assert!((xy.lower + yx.upper).abs() < 1e-9 && (xy.upper + yx.lower).abs() < 1e-9);
            prop_assert!((xy.p_value - yx.p_value).abs() < 1e-12);
            // A significant result at 5 % has an interval that excludes 0 on the side of the centre.
            if xy.p_value < 0.05 {
                prop_assert!(xy.centre.signum() == xy.lower.signum() && xy.centre.signum() == xy.upper.signum());
            }
        }
    }

    #[test]
    fn share_difference_interval_follows_the_sign(n1 in 1u64..300, f1 in 0.0f64..=1.0, n2 in 1u64..300, f2 in 0.0f64..=1.0) {
        let a = Proportion::new(((n1 as f64) * f1).round() as u64, n1).unwrap();
        let b = Proportion::new(((n2 as f64) * f2).round() as u64, n2).unwrap();
        let d = compare_shares(a, b, Confidence::NINETY_FIVE);
        prop_assert!(-1.0 <= d.lower && d.lower <= d.difference && d.difference <= d.upper && d.upper <= 1.0);
        let e = compare_shares(b, a, Confidence::NINETY_FIVE);
        prop_assert!((d.lower + e.upper).abs() < 1e-12 && (d.z + e.z).abs() < 1e-12);
    }

    #[test]
    fn sample_size_delivers_its_margin(margin in 0.01f64..0.3, p in 0.05f64..0.95, big_n in 10u64..100_000) {
        let share = cx_scales::Share::new(p).unwrap();
        let s = share_sample_size(margin, Confidence::NINETY_FIVE, share, Some(big_n)).unwrap();
        prop_assert!(s.required >= 1 && s.required <= big_n);
        let achieved = share_margin(s.required, Some(big_n), share, Confidence::NINETY_FIVE).unwrap();
        prop_assert!(achieved <= margin * (1.0 + 1e-12));
        if s.required > 1 {
            let short = share_margin(s.required - 1, Some(big_n), share, Confidence::NINETY_FIVE).unwrap();
            prop_assert!(short > margin * (1.0 - 1e-9), "n − 1 already enough: {short} ≤ {margin}");
        }
    }

    #[test]
    fn kappa_is_one_for_identical_raters_and_symmetric(a in prop::collection::vec(0u8..4, 2..80), b in prop::collection::vec(0u8..4, 2..80)) {
        let n = a.len().min(b.len());
        let (a, b) = (&a[..n], &b[..n]);
        if let Ok(r) = agreement(a, a) { prop_assert!((r.kappa - 1.0).abs() < 1e-15); }
        match (agreement(a, b), agreement(b, a)) {
            (Ok(x), Ok(y)) => {
                prop_assert!((x.kappa - y.kappa).abs() < 1e-15);
                prop_assert!((-1.0..=1.0).contains(&x.kappa));
            }
            (Err(_), Err(_)) => {}
            _ => prop_assert!(false, "asymmetric failure"),
        }
    }
}
