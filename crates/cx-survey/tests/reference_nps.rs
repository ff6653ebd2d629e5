//! NPS point estimates and intervals against the reference values of the survey research report
//! (`/work/shared/research/survey.md` §2.3, file `reference.json` → `nps_intervals`), which are the
//! R package `NPS` 2.0.999's own output (brendan-r/NPS at `cd9473e`) for Wald and adjusted Wald,
//! the exact root of Tango's score equation for the score interval, and a 1-D quadrature
//! cross-checked by 2×10⁶ Monte Carlo draws for the Jeffreys–Dirichlet interval. Values are given
//! to 6 decimals, so the tolerance is 6e-7 on the fraction scale.
#![allow(clippy::unwrap_used)]

use cx_survey::{Confidence, Nps, NpsMethod};

const TOL: f64 = 6e-7;

/// (promoters, passives, detractors, Wald, adjusted Wald, score, Jeffreys–Dirichlet), fractions.
type Row = (u64, u64, u64, [f64; 2], [f64; 2], [f64; 2], [f64; 2]);

const ROWS: [Row; 4] = [
    (
        70,
        10,
        20,
        [0.341983, 0.658017],
        [0.329415, 0.641459],
        [0.326261, 0.639434],
        [0.328057, 0.640296],
    ),
    (
        5,
        3,
        2,
        [-0.184075, 0.784075],
        [-0.190506, 0.652045],
        [-0.216592, 0.675278],
        [-0.204493, 0.665899],
    ),
    (
        300,
        500,
        200,
        [0.056614, 0.143386],
        [0.056378, 0.143024],
        [0.056424, 0.143198],
        [0.056414, 0.143102],
    ),
    // Adjusted Wald's upper end is 1.063426 unclamped in R; this crate clamps to 1.
    (
        10,
        0,
        0,
        [1.0, 1.0],
        [0.475036, 1.0],
        [0.444934, 1.0],
        [0.529656, 0.996592],
    ),
];

fn check(method: NpsMethod, pick: fn(&Row) -> [f64; 2]) {
    for row in &ROWS {
        let nps = Nps::from_counts(row.0, row.1, row.2).unwrap();
        let ci = nps.interval(method, Confidence::NINETY_FIVE);
        let [lo, hi] = pick(row);
        assert!(
            (ci.lower.fraction() - lo).abs() < TOL && (ci.upper.fraction() - hi).abs() < TOL,
            "{method} {}/{}/{}: got [{}, {}], want [{lo}, {hi}]",
            row.0,
            row.1,
            row.2,
            ci.lower.fraction(),
            ci.upper.fraction()
        );
    }
}

#[test]
fn wald_matches_r_nps_package() {
    check(NpsMethod::Wald, |r| r.3);
}

#[test]
fn adjusted_wald_matches_r_nps_package_clamped() {
    check(NpsMethod::AdjustedWald, |r| r.4);
}

#[test]
fn score_interval_matches_exact_root_of_tango_equation() {
    check(NpsMethod::Score, |r| r.5);
}

#[test]
fn jeffreys_dirichlet_matches_quadrature_reference() {
    check(NpsMethod::JeffreysDirichlet, |r| r.6);
}

#[test]
fn standard_errors_match_r_nps_se() {
    // survey research §2.3, R `nps_se_`: 70/10/20 → 0.0806226, 5/3/2 → 0.246982,
    // 300/500/200 → 0.0221359, 10/0/0 → 0. R test suite: nps_se_(c(1,2,3)) = 0.304 ± 0.001.
    for (p, a, d, se) in [
        (70, 10, 20, 0.0806226),
        (5, 3, 2, 0.246982),
        (300, 500, 200, 0.0221359),
        (10, 0, 0, 0.0),
        (3, 2, 1, 0.304),
    ] {
        let got = Nps::from_counts(p, a, d).unwrap().standard_error();
        let tol = if p == 3 { 1e-3 } else { 6e-7 };
        assert!((got - se).abs() < tol, "{p}/{a}/{d}: {got} vs {se}");
    }
}

#[test]
fn variances_match_r_nps_package_tests() {
    // R package NPS, tests/testthat/test_01_basics.R (vectors in R order det, pas, pro):
    // nps_var_(c(1,2,3)) = 5/9, c(1,0,1) = 1, c(0,1,1) = 0.25, c(1,1,1) = 2/3.
    for ((d, a, p), v) in [
        ((1, 2, 3), 5.0 / 9.0),
        ((1, 0, 1), 1.0),
        ((0, 1, 1), 0.25),
        ((1, 1, 1), 2.0 / 3.0),
    ] {
        let got = Nps::from_counts(p, a, d).unwrap().variance();
        assert!((got - v).abs() < 1e-15, "{d}/{a}/{p}: {got}");
    }
}

#[test]
fn nps_of_osipov_worked_example_is_50() {
    // Ilya Osipov's worked example: 100 answers, 20 detractors, 10 passives, 70 promoters → NPS 50.
    assert_eq!(Nps::from_counts(70, 10, 20).unwrap().score().value(), 50.0);
}

#[test]
fn rounding_sensitive_triples_keep_full_precision() {
    // survey research §2.3 `nps_point`: 2/1/0 → 66.67; 1/2/0 → 33.33; 18/11/2 → 51.61.
    assert_eq!(
        Nps::from_counts(2, 1, 0).unwrap().score().value(),
        200.0 / 3.0
    );
    assert_eq!(
        Nps::from_counts(1, 2, 0).unwrap().score().value(),
        100.0 / 3.0
    );
    assert_eq!(
        Nps::from_counts(18, 11, 2).unwrap().score().value(),
        1600.0 / 31.0
    );
    // Extremes.
    assert_eq!(Nps::from_counts(5, 0, 0).unwrap().score().value(), 100.0);
    assert_eq!(Nps::from_counts(0, 0, 5).unwrap().score().value(), -100.0);
    assert_eq!(Nps::from_counts(0, 5, 0).unwrap().score().value(), 0.0);
}

#[test]
fn score_interval_root_is_solved_far_below_r_bisection_tolerance() {
    // At each end the score statistic equals ∓z to machine precision: no 1e-7 bisection residue.
    let nps = Nps::from_counts(70, 10, 20).unwrap();
    let ci = nps.interval(NpsMethod::Score, Confidence::NINETY_FIVE);
    let wide = nps.interval(NpsMethod::Score, Confidence::new(0.95 + 1e-9).unwrap());
    // Raising the level by 1e-9 must widen the interval, by a tiny amount.
    assert!(wide.lower.fraction() < ci.lower.fraction());
    assert!(ci.lower.fraction() - wide.lower.fraction() < 1e-6);
}

#[test]
fn dirichlet_interval_at_large_n_approaches_the_normal_limit() {
    // Bernstein–von Mises: at n = 10⁶ the Jeffreys–Dirichlet interval and the Wald interval agree
    // to O(1/n) (here both ends within 2e-6 of each other), and the quadrature stays accurate at
    // Beta shapes near 10⁶.
    let nps = Nps::from_counts(300_000, 500_000, 200_000).unwrap();
    let d = nps.interval(NpsMethod::JeffreysDirichlet, Confidence::NINETY_FIVE);
    let w = nps.interval(NpsMethod::Wald, Confidence::NINETY_FIVE);
    assert!(
        (d.lower.fraction() - w.lower.fraction()).abs() < 2e-6,
        "{d:.6} vs {w:.6}"
    );
    assert!(
        (d.upper.fraction() - w.upper.fraction()).abs() < 2e-6,
        "{d:.6} vs {w:.6}"
    );
    assert!(d.lower < d.upper);
}
