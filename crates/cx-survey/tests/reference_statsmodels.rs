//! Share intervals, two-sample tests, t quantiles and sample sizes against independent
//! implementations. Every value below was printed by `benches/survey_reference.py` with
//! statsmodels 0.15.0, scipy 1.17.1 and mpmath 1.4.1 (Python 3), unless another source is named.
#![allow(clippy::unwrap_used)]
// Reference values are kept with all the digits their oracle printed.
#![allow(clippy::excessive_precision)]

use cx_scales::Share;
use cx_survey::*;

/// (x, n, [wilson, agresti_coull, beta (Clopper–Pearson), jeffreys]) from statsmodels
/// `proportion_confint(x, n, alpha=0.05, method=...)`.
type Case = (u64, u64, [[f64; 2]; 4]);

const CASES_95: [Case; 10] = [
    (
        0,
        10,
        [
            [0.0, 0.27753279986288926],
            [0.0, 0.3208873057505458],
            [0.0, 0.30849710781876083],
            [4.7890433157581876e-05, 0.2171962675092106],
        ],
    ),
    (
        10,
        10,
        [
            [0.7224672001371106, 1.0],
            [0.6791126942494543, 1.0],
            [0.6915028921812392, 1.0],
            [0.7828037324907894, 0.9999521095668424],
        ],
    ),
    (
        8,
        20,
        [
            [0.21880653237281705, 0.6134184992377469],
            [0.21825541067258364, 0.6139696209379804],
            [0.1911900607253072, 0.6394574126925103],
            [0.2106294139280543, 0.6160796836554037],
        ],
    ),
    (
        25,
        100,
        [
            [0.17545211362287677, 0.3430446354806161],
            [0.17496206704190032, 0.34353468206159254],
            [0.16877973809934185, 0.34655249575880837],
            [0.17307978991348877, 0.3411513111128474],
        ],
    ),
    (
        1,
        3,
        [
            [0.06149194472039626, 0.7923403991979523],
            [0.056274614375314724, 0.7975577295430338],
            [0.008403758659612636, 0.9057006759497539],
            [0.038747617785165174, 0.8232639028687427],
        ],
    ),
    (
        85,
        100,
        [
            [0.7671644040916763, 0.9069401471634337],
            [0.7660187875232367, 0.9080857637318733],
            [0.7646924998510451, 0.9135456143583514],
            [0.7704693407690483, 0.9096304836473574],
        ],
    ),
    (
        5,
        1000,
        [
            [0.0021375355273244604, 0.011650955373375117],
            [0.0017755811642341602, 0.012012909736465415],
            [0.00162541951756276, 0.01162947055981215],
            [0.0019103525008339467, 0.010924664071814251],
        ],
    ),
    (
        999_990,
        1_000_000,
        [
            [0.9999815906276048, 0.9999945680051603],
            [0.9999813123308319, 0.999994846301933],
            [0.9999816097211087, 0.9999952046012225],
            [0.9999822606351286, 0.9999948585399041],
        ],
    ),
    (
        3,
        1_000_000,
        [
            [1.0202712409681232e-06, 8.821149774312438e-06],
            [5.730052329493103e-07, 9.26841578233125e-06],
            [6.186725501906401e-07, 8.76724778806768e-06],
            [8.449352895506829e-07, 8.00636009424322e-06],
        ],
    ),
    (
        450_000,
        1_000_000,
        [
            [0.44902512415522616, 0.45097525998918037],
            [0.44902512413630863, 0.4509752600080978],
            [0.44902457621789577, 0.4509757134092072],
            [0.44902507611795656, 0.4509752133121632],
        ],
    ),
];

const METHODS: [ShareMethod; 4] = [
    ShareMethod::Wilson,
    ShareMethod::AgrestiCoull,
    ShareMethod::ClopperPearson,
    ShareMethod::Jeffreys,
];

fn close(got: f64, want: f64, rel: f64) -> bool {
    (got - want).abs() <= rel * want.abs().max(1e-300) + 1e-15
}

fn check(cases: &[Case], confidence: Confidence) {
    for &(x, n, want) in cases {
        let p = Proportion::new(x, n).unwrap();
        for (m, [lo, hi]) in METHODS.iter().zip(want) {
            let ci = p.interval(*m, confidence);
            // statsmodels' Jeffreys does not pin the ends at 0/n and n/n; ours does
            // (Brown, Cai & DasGupta 2001), so compare only the other end there.
            let pinned_lo = *m == ShareMethod::Jeffreys && x == 0;
            let pinned_hi = *m == ShareMethod::Jeffreys && x == n;
            // Relative 1e-9: statsmodels' own beta quantiles (scipy) agree with mpmath to ~1e-10
            // at n = 10⁶; closed forms (Wilson, Agresti–Coull) agree to 1e-13.
            let tol = if matches!(m, ShareMethod::Wilson | ShareMethod::AgrestiCoull) {
                1e-12
            } else {
                1e-9
            };
            assert!(
                pinned_lo || close(ci.lower.value(), lo, tol),
                "{m} {x}/{n} lower {} vs {lo}",
                ci.lower.value()
            );
            assert!(
                pinned_hi || close(ci.upper.value(), hi, tol),
                "{m} {x}/{n} upper {} vs {hi}",
                ci.upper.value()
            );
            if pinned_lo {
                assert_eq!(ci.lower.value(), 0.0);
            }
            if pinned_hi {
                assert_eq!(ci.upper.value(), 1.0);
            }
        }
    }
}

#[test]
fn share_intervals_match_statsmodels_at_95_percent() {
    check(&CASES_95, Confidence::NINETY_FIVE);
}

#[test]
fn share_intervals_match_statsmodels_at_99_and_80_percent() {
    check(
        &[
            (
                8,
                20,
                [
                    [0.17913456229213473, 0.670686517927616],
                    [0.17818845423463864, 0.671632625985112],
                    [0.1459843772491097, 0.7009052752423728],
                    [0.16300633545068371, 0.679053116557572],
                ],
            ),
            (
                85,
                100,
                [
                    [0.736530960885991, 0.919914557712933],
                    [0.7341370214913637, 0.9223084971075602],
                    [0.736765060367287, 0.9284516754047929],
                    [0.7427234882236634, 0.9248999046805081],
                ],
            ),
        ],
        Confidence::NINETY_NINE,
    );
    check(
        &[
            (
                8,
                20,
                [
                    [0.2724204201142168, 0.5427569757079362],
                    [0.27222370445374033, 0.5429536913684125],
                    [0.24906482137980862, 0.5673291770162722],
                    [0.2708204719506182, 0.5428565373586717],
                ],
            ),
            (
                85,
                100,
                [
                    [0.7986042713444832, 0.890084874327093],
                    [0.7982615799842736, 0.8904275656873026],
                    [0.7938706195923732, 0.8949873693105843],
                    [0.7994078986971973, 0.8906831944646476],
                ],
            ),
        ],
        Confidence::new(0.8).unwrap(),
    );
}

#[test]
fn wilson_matches_bpci_doc_tests_at_z_1_960() {
    // bpci 0.1.0 doc-tests (z = 1.960), reproduced by statsmodels (survey research §3.2).
    let (lo, hi) = Proportion::new(8, 20)
        .unwrap()
        .bounds_with_z(ShareMethod::Wilson, 1.960)
        .unwrap();
    assert!((lo - 0.2188039674141927).abs() < 1e-15 && (hi - 0.613422057684794).abs() < 1e-15);
    let (lo, hi) = Proportion::new(25, 100)
        .unwrap()
        .bounds_with_z(ShareMethod::Wilson, 1.960)
        .unwrap();
    assert!((lo - 0.1754509400372426).abs() < 1e-15 && (hi - 0.3430464637007583).abs() < 1e-15);
}

#[test]
fn two_share_tests_match_statsmodels() {
    // proportions_ztest([x1, x2], [n1, n2]) and
    // confint_proportions_2indep(x1, n1, x2, n2, method="newcomb", compare="diff").
    for (x1, n1, x2, n2, z, p, lo, hi) in [
        (
            85,
            100,
            70,
            100,
            2.5400025400038104,
            0.011085166380602684,
            0.03410770350141125,
            0.2614859820481132,
        ),
        (
            40,
            50,
            30,
            60,
            3.2568608900508567,
            0.0011265162646179876,
            0.12100397729466394,
            0.45069888657234525,
        ),
        (
            5,
            200,
            12,
            180,
            -1.961796854104736,
            0.0497861401012294,
            -0.09005244561062951,
            0.0010688660548546433,
        ),
    ] {
        let d = compare_shares(
            Proportion::new(x1, n1).unwrap(),
            Proportion::new(x2, n2).unwrap(),
            Confidence::NINETY_FIVE,
        );
        assert!(close(d.z, z, 1e-12), "{z} vs {}", d.z);
        assert!(close(d.p_value, p, 1e-10), "{p} vs {}", d.p_value);
        assert!(
            close(d.lower, lo, 1e-10) && close(d.upper, hi, 1e-10),
            "{lo} {hi} vs {d:?}"
        );
    }
}

#[test]
fn fisher_exact_matches_scipy() {
    // scipy.stats.fisher_exact([[x1, n1 - x1], [x2, n2 - x2]]).pvalue (two-sided, as R fisher.test).
    for (x1, n1, x2, n2, p) in [
        (85, 100, 70, 100, 0.01714902276840841),
        (40, 50, 30, 60, 0.001401099439897341),
        (5, 200, 12, 180, 0.07923189568533182),
        (3, 10, 9, 10, 0.019766611097880443),
        (0, 5, 5, 5, 0.007936507936507938),
        (1, 2, 1, 2, 1.0),
    ] {
        let got = fisher_exact_p(
            Proportion::new(x1, n1).unwrap(),
            Proportion::new(x2, n2).unwrap(),
        )
        .unwrap();
        assert!(close(got, p, 1e-12), "{x1}/{n1} vs {x2}/{n2}: {got} vs {p}");
    }
}

#[test]
fn welch_tests_match_scipy() {
    // scipy.stats.ttest_ind_from_stats(..., equal_var=False); df by Welch–Satterthwaite.
    for (m1, s1, n1, m2, s2, n2, t, p, df) in [
        (
            4.2,
            0.9,
            50,
            3.9,
            1.1,
            60,
            1.5731477257988429,
            0.11861046793302928,
            107.9704167662746,
        ),
        (
            4.23,
            0.8,
            1000,
            4.2,
            0.85,
            1200,
            0.8512279742069517,
            0.3947368317686064,
            2165.7519043693683,
        ),
    ] {
        let a = MeanScore::from_summary(n1, m1, s1).unwrap();
        let b = MeanScore::from_summary(n2, m2, s2).unwrap();
        let d = compare_means(&a, &b, Confidence::NINETY_FIVE).unwrap();
        assert!(close(d.t, t, 1e-11), "{t} vs {}", d.t);
        assert!(close(d.p_value, p, 1e-10), "{p} vs {}", d.p_value);
        assert!(close(d.degrees_of_freedom, df, 1e-12));
    }
}

#[test]
fn t_quantiles_match_mpmath_including_large_df() {
    // mpmath, 30 digits: root of I_{df/(df+t²)}(df/2, 1/2)/2 = 1 − p.
    for (df, q975, q995) in [
        (1.0, 12.706204736174704646, 63.656741162871580995),
        (2.0, 4.3026527297494638523, 9.9248432009182931147),
        (9.0, 2.2621571627982055426, 3.2498355415921262756),
        (29.0, 2.0452296421327042982, 2.7563859036706054886),
        (299.0, 1.967929669065669937, 2.5923718841194776855),
        (300.0, 1.9679030112610870301, 2.5923164108477924982),
        (1000.0, 1.962339080826408485, 2.5807546980659510793),
        (10_000.0, 1.9602012398906262578, 2.5763210466685288926),
        (100_000.0, 1.9599877075346096386, 2.5758784699083753035),
        (1_000_000.0, 1.9599663568141070353, 2.5758342201053341543),
    ] {
        let a = Confidence::NINETY_FIVE.t(df).unwrap();
        let b = Confidence::NINETY_NINE.t(df).unwrap();
        assert!(close(a, q975, 1e-13), "df {df}: {a} vs {q975}");
        assert!(close(b, q995, 1e-13), "df {df}: {b} vs {q995}");
    }
}

#[test]
fn t_interval_matches_scipy() {
    // scipy.stats.t.interval(0.95, 7, loc=mean, scale=sem) for [5, 4, 4, 3, 5, 5, 2, 4]:
    // mean 4.0, sd 1.0690449676496976, interval (3.1062560408818953, 4.893743959118105).
    let d =
        cx_scales::Distribution::count(cx_scales::Scale::ONE_TO_FIVE, &[5u8, 4, 4, 3, 5, 5, 2, 4])
            .unwrap();
    let m = MeanScore::from_distribution(&d).unwrap();
    assert!(close(m.std_dev(), 1.0690449676496976, 1e-15));
    let ci = m.interval(Confidence::NINETY_FIVE).unwrap();
    assert!(
        close(ci.lower, 3.1062560408818953, 1e-13) && close(ci.upper, 4.893743959118105, 1e-13)
    );
    // [1, 5]: scipy gives (−22.41, 28.41); a mean on 1–5 cannot leave it, so the interval is clipped.
    let d = cx_scales::Distribution::count(cx_scales::Scale::ONE_TO_FIVE, &[1u8, 5]).unwrap();
    let ci = MeanScore::from_distribution(&d)
        .unwrap()
        .interval(Confidence::NINETY_FIVE)
        .unwrap();
    assert_eq!((ci.lower, ci.upper), (1.0, 5.0));
}

#[test]
fn sample_size_matches_statsmodels_and_survey_table() {
    // statsmodels samplesize_confint_proportion(0.5, 0.05) = 384.14588206941266.
    let half = Share::new(0.5).unwrap();
    let inf = share_sample_size(0.05, Confidence::NINETY_FIVE, half, None).unwrap();
    assert!(close(inf.infinite_population, 384.14588206941266, 1e-14));
    assert_eq!(inf.required, 385);
    // survey research §4: Cochran with FPC, N = 100 / 1,000 / 10,000 → 80 (79.51), 278 (277.73),
    // 370 (369.97).
    for (big_n, unrounded, required) in
        [(100, 79.51, 80), (1000, 277.73, 278), (10_000, 369.97, 370)]
    {
        let s = share_sample_size(0.05, Confidence::NINETY_FIVE, half, Some(big_n)).unwrap();
        assert!(
            (s.corrected - unrounded).abs() < 0.005,
            "{big_n}: {}",
            s.corrected
        );
        assert_eq!(s.required, required);
    }
}

#[test]
fn audit_rule_margins_match_survey_table() {
    // survey research §4, p = 0.5 with FPC: (N, n, margin in points to 1 decimal).
    let half = Share::new(0.5).unwrap();
    for (big_n, n, pp) in [
        (100, 30, "15.0"),
        (100, 50, "9.8"),
        (1000, 50, "13.5"),
        (1000, 100, "9.3"),
        (5000, 250, "6.0"),
        (5000, 500, "4.2"),
        (10_000, 500, "4.3"),
        (10_000, 1000, "2.9"),
    ] {
        let m = share_margin(n, Some(big_n), half, Confidence::NINETY_FIVE).unwrap();
        assert_eq!(format!("{:.1}", 100.0 * m), pp, "N {big_n}, n {n}");
    }
    // At p = 0.85, N = 1,000, n = 100: ±6.6 points.
    let m = share_margin(
        100,
        Some(1000),
        Share::new(0.85).unwrap(),
        Confidence::NINETY_FIVE,
    )
    .unwrap();
    assert_eq!(format!("{:.1}", 100.0 * m), "6.6");
}

#[test]
fn rule_of_thumb_reaches_5_points_only_from_3455_contacts_at_10_percent() {
    // survey research §4: smallest N with margin ≤ 0.05 at n = round(share · N), p = 0.5, FPC:
    // 3,455 at 10 %, 7,290 at 5 %.
    let half = Share::new(0.5).unwrap();
    let first = |pct: f64| {
        (100..20_000u64)
            .find(|&big_n| {
                let n = (pct * big_n as f64).round() as u64;
                share_margin(n, Some(big_n), half, Confidence::NINETY_FIVE).unwrap() <= 0.05
            })
            .unwrap()
    };
    assert_eq!(first(0.10), 3455);
    assert_eq!(first(0.05), 7290);
}
