//! End-to-end tests of `cx survey`: the binary run on the fixtures, tables and JSON checked.

#![allow(clippy::unwrap_used)]

mod common;

use common::{close, cx, fixture, json, table};
use predicates::prelude::*;

/// The textbook worked example: 70 promoters, 10 passives, 20 detractors give an NPS
/// of 50 with the adjusted-Wald 95 % interval [32.9, 64.1].
#[test]
fn nps_of_50_has_the_adjusted_wald_interval_32_9_to_64_1() {
    let args = ["survey", "nps", "--ppd", "70,10,20"];
    let j = json(&args);
    assert_eq!(j["metric"], "nps");
    assert_eq!(j["method"], "adjusted-wald");
    assert_eq!(j["confidence"], 0.95);
    let r = &j["scores"][0];
    assert_eq!(r["n"], 100);
    assert_eq!(r["promoters"], 70);
    close(&r["nps"], 50.0, 1e-12);
    close(&r["lower"], 32.9, 0.05);
    close(&r["upper"], 64.1, 0.05);
    assert_eq!(j["comparison"].as_array().unwrap().len(), 0);
    assert_eq!(j["skipped"], 0);
    assert_eq!(j["skipped_cells"].as_array().unwrap().len(), 0);
    let t = table(&args);
    assert!(
        predicate::str::is_match(r"all\s+100\s+70\s+10\s+20\s+50\.0\s+32\.9\s+64\.1")
            .unwrap()
            .eval(&t),
        "{t}"
    );
    assert!(t.contains("interval method: adjusted-wald"), "{t}");
}

#[test]
fn nps_counts_per_point_and_a_signed_comparison() {
    // 70/10/20 against R's NPS package example partner 300/500/200: +40 points, p ≈ 3.03e-6.
    let j = json(&[
        "survey",
        "nps",
        "--ppd",
        "70,10,20",
        "--against-ppd",
        "300,500,200",
    ]);
    let c = &j["comparison"][0];
    close(&c["difference"], 40.0, 1e-9);
    close(&c["centre"], 38.5736, 5e-4);
    close(&c["p_value"], 3.02680e-06, 5e-10);
    assert!(c["lower"].as_f64().unwrap() > 0.0);
    assert_eq!(c["test"], "nps-adjusted-wald");
    // Reversed, the sign flips.
    let j = json(&[
        "survey",
        "nps",
        "--ppd",
        "300,500,200",
        "--against-ppd",
        "70,10,20",
    ]);
    close(&j["comparison"][0]["difference"], -40.0, 1e-9);
}

#[test]
fn level_and_method_are_selectable() {
    let j = json(&[
        "survey", "nps", "--ppd", "70,10,20", "--method", "wald", "--level", "90%",
    ]);
    assert_eq!(j["method"], "wald");
    close(&j["confidence"], 0.9, 1e-12);
    let r = &j["scores"][0];
    assert!(r["upper"].as_f64().unwrap() - r["lower"].as_f64().unwrap() < 64.1 - 32.9);
    cx().args(["survey", "nps", "--ppd", "70,10,20", "--method", "wilson"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not an interval method for NPS"))
        .stderr(predicate::str::contains(
            "expected one of: adjusted-wald, score, jeffreys-dirichlet, uniform-dirichlet, wald",
        ));
    // Every method the library names is accepted, and reported under its own name.
    for m in [
        "score",
        "jeffreys-dirichlet",
        "uniform-dirichlet",
        "adjusted-wald",
    ] {
        let j = json(&["survey", "nps", "--ppd", "70,10,20", "--method", m]);
        assert_eq!(j["method"], m);
        assert!(j["comparison"].as_array().unwrap().is_empty());
    }
    let j = json(&[
        "survey",
        "nps",
        "--ppd",
        "70,10,20",
        "--against-ppd",
        "50,20,30",
        "--method",
        "wald",
    ]);
    assert_eq!(j["comparison"][0]["test"], "nps-wald");
    let j = json(&[
        "survey",
        "csat",
        "--counts",
        "3,4,8,40,45",
        "--scale",
        "1..=5",
        "--top-box",
        "2",
        "--method",
        "clopper-pearson",
    ]);
    assert_eq!(j["method"], "clopper-pearson");
    cx().args(["survey", "nps", "--ppd", "70,10,20", "--method", "exact"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("possible values"));
}

#[test]
fn a_malformed_cell_stops_with_file_line_and_column_and_no_output() {
    let f = fixture("survey_responses.csv");
    cx().args(["survey", "nps", &f, "--column", "likelihood_to_recommend"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "survey_responses.csv, line 18, column 'likelihood_to_recommend': expected an answer on the scale 0..=10",
        ));
}

#[test]
fn skip_invalid_reports_every_skipped_cell_on_stderr_and_in_json() {
    let f = fixture("survey_responses.csv");
    let out = cx()
        .args(["--format", "json", "survey", "nps", &f])
        .args([
            "--column",
            "likelihood_to_recommend",
            "--skip-invalid",
            "--by",
            "channel",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("cx: warning: skipped"), "{err}");
    assert!(
        err.contains("line 18, column 'likelihood_to_recommend'"),
        "{err}"
    );
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["rows"], 2400);
    assert_eq!(j["blank"], 1);
    assert_eq!(j["skipped"], 1);
    let s = &j["skipped_cells"][0];
    assert_eq!(s["line"], 18);
    assert_eq!(s["value"], "6.5");
    assert_eq!(s["column"], "likelihood_to_recommend");
    let rows = j["scores"].as_array().unwrap();
    assert_eq!(rows[0]["group"], "all");
    assert_eq!(rows[0]["n"], 2398);
    let groups: Vec<&str> = rows[1..]
        .iter()
        .map(|r| r["group"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["chat", "email", "phone"]);
    let per_group: u64 = rows[1..].iter().map(|r| r["n"].as_u64().unwrap()).sum();
    assert_eq!(per_group, 2398);
}

#[test]
fn ces_labels_and_an_unknown_label() {
    let f = fixture("survey_responses.csv");
    cx().args(["survey", "ces", &f, "--column", "effort", "--labels", "ces"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("line 1502, column 'effort'"))
        .stderr(predicate::str::contains("Very easy"));
    let out = cx()
        .args([
            "--format", "json", "survey", "ces", &f, "--column", "effort",
        ])
        .args(["--labels", "ces", "--skip-invalid"])
        .output()
        .unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["metric"], "ces_share");
    assert_eq!(j["band"], "5..=7 of 1..=7");
    let r = &j["scores"][0];
    assert_eq!(r["n"], 2399);
    // Somewhat agree 402 + Agree 708 + Strongly agree 742.
    assert_eq!(r["successes"], 1852);
    assert_eq!(j["skipped_cells"][0]["line"], 1502);
}

#[test]
fn csat_must_say_share_or_mean() {
    let f = fixture("survey_small.csv");
    cx().args([
        "survey",
        "csat",
        &f,
        "--column",
        "satisfaction",
        "--scale",
        "1..=5",
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains("--top-box"));
}

#[test]
fn csat_top_box_by_channel_and_period_in_one_pass_with_a_comparison() {
    let f = fixture("survey_responses.csv");
    let args = [
        "survey",
        "csat",
        &f,
        "--column",
        "satisfaction",
        "--scale",
        "1..=5",
        "--top-box",
        "2",
        "--by",
        "channel",
        "--period",
        "month",
        "--skip-invalid",
        "--compare",
        "chat / 2026-11",
        "email / 2026-11",
    ];
    let out = cx()
        .arg("--format")
        .arg("json")
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success());
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = j["scores"].as_array().unwrap();
    assert_eq!(rows.len(), 7);
    assert_eq!(rows[1]["group"], "chat / 2026-10");
    let share = |g: &str| {
        rows.iter().find(|r| r["group"] == g).unwrap()["share"]
            .as_f64()
            .unwrap()
    };
    let c = &j["comparison"][0];
    assert_eq!(c["test"], "pooled-z-newcombe");
    close(
        &c["difference"],
        share("chat / 2026-11") - share("email / 2026-11"),
        1e-12,
    );
    assert!(c["lower"].as_f64().unwrap() <= c["difference"].as_f64().unwrap());
    assert!(c["p_value"].as_f64().unwrap() < 0.05);
    assert!(c["fisher_p_value"].as_f64().unwrap() < 0.05);

    let out = cx().args(args).output().unwrap();
    let t = String::from_utf8(out.stdout).unwrap();
    assert!(t.contains("comparison (first − second)"), "{t}");
    assert!(t.contains("chat / 2026-11  email / 2026-11"), "{t}");
}

#[test]
fn csat_mean_compares_two_files_with_welch() {
    let a = fixture("survey_small.csv");
    let b = fixture("survey_later.csv");
    let j = json(&[
        "survey",
        "csat",
        &a,
        "--column",
        "satisfaction",
        "--scale",
        "1-5",
        "--mean",
        "--against",
        &b,
    ]);
    assert_eq!(j["method"], "student-t");
    let rows = j["scores"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let c = &j["comparison"][0];
    assert_eq!(c["test"], "welch-t");
    close(
        &c["difference"],
        rows[0]["mean"].as_f64().unwrap() - rows[1]["mean"].as_f64().unwrap(),
        1e-12,
    );
    assert!(c["degrees_of_freedom"].as_f64().unwrap() > 1.0);
}

#[test]
fn cdsat_and_csi_from_counts_and_csv_output() {
    // 3,4,8,40,45 on 1..=5: CDSAT (bottom 1) 3 %, CSAT mean 4.2.
    let j = json(&[
        "survey",
        "cdsat",
        "--counts",
        "3,4,8,40,45",
        "--scale",
        "1..=5",
    ]);
    close(&j["scores"][0]["share"], 0.03, 1e-12);
    let j = json(&[
        "survey",
        "csi",
        "--counts",
        "3,4,8,40,45",
        "--scale",
        "1..=5",
    ]);
    let r = &j["scores"][0];
    close(&r["mean"], 4.2, 1e-12);
    close(&r["percent_of_max"], 84.0, 1e-9);
    close(&r["pomp"], 80.0, 1e-9);
    cx().args([
        "--format",
        "csv",
        "survey",
        "csat",
        "--counts",
        "3,4,8,40,45",
    ])
    .args(["--scale", "1..=5", "--top-box", "2"])
    .assert()
    .success()
    .stdout(predicate::str::starts_with(
        "group,n,successes,share,lower,upper\nall,100,85,0.85,",
    ));
}

#[test]
fn bad_command_lines_are_usage_errors() {
    cx().args(["survey", "nps", "--ppd", "70,10"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected three counts"));
    cx().args(["survey", "nps", "--ppd", "70,10,20", "--scale", "1..=5"])
        .assert()
        .code(2);
    cx().args(["survey", "cdsat", "--counts", "1,2,3", "--scale", "1..=5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--counts"));
    let f = fixture("survey_small.csv");
    cx().args([
        "survey",
        "nps",
        &f,
        "--column",
        "likelihood_to_recommend",
        "--by",
        "channel",
    ])
    .args(["--compare", "sms", "chat"])
    .assert()
    .code(2)
    .stderr(predicate::str::contains("no group 'sms'"));
    cx().args(["survey", "nps", &f, "--column", "nope"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("missing column 'nope'"));
}

#[test]
fn answers_can_come_from_standard_input() {
    cx().args(["--format", "csv", "survey", "nps", "-", "--column", "ltr"])
        .write_stdin("ltr\n10\n9\n3\n\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("all,3,2,0,1,33.3"));
}

#[test]
fn every_survey_subcommand_has_an_example_in_its_help() {
    for sub in ["nps", "csat", "cdsat", "ces", "csi"] {
        cx().args(["survey", sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("cx survey"));
    }
}

#[test]
fn a_bad_date_stops_grouping_by_period_or_is_skipped_and_listed() {
    let f = fixture("survey_bad_date.csv");
    cx().args(["survey", "nps", &f, "--column", "ltr", "--period", "month"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "survey_bad_date.csv, line 4, column 'date': expected a date as YYYY-MM-DD",
        ));
    let out = cx()
        .args(["--format", "json", "survey", "nps", &f, "--column", "ltr"])
        .args(["--period", "month", "--skip-invalid"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.matches("cx: warning: skipped").count(), 2, "{err}");
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["skipped"], 2);
    let cells = j["skipped_cells"].as_array().unwrap();
    assert_eq!(
        (cells[0]["line"].clone(), cells[0]["column"].clone()),
        (4.into(), "date".into())
    );
    assert_eq!(
        (cells[1]["line"].clone(), cells[1]["value"].clone()),
        (6.into(), "x".into())
    );
    let rows = j["scores"].as_array().unwrap();
    assert_eq!(rows[0]["n"], 3);
    assert_eq!(rows[1]["group"], "2026-10");
    assert_eq!(rows[1]["n"], 2);
    assert_eq!(rows[2]["group"], "2026-11");
    close(&rows[2]["nps"], -100.0, 1e-12);
}

/// The rows of `survey_weighted.csv`: (channel, likelihood to recommend, satisfaction, weight).
const WEIGHTED: [(&str, i64, i64, f64); 8] = [
    ("phone", 10, 5, 2.0),
    ("phone", 9, 4, 1.0),
    ("phone", 3, 2, 1.0),
    ("email", 8, 5, 0.5),
    ("email", 6, 1, 1.5),
    ("email", 10, 4, 3.0),
    ("chat", 9, 3, 1.0),
    ("chat", 0, 5, 2.0),
];

/// The 97.5 % quantile of the standard normal.
const Z95: f64 = 1.959_963_984_540_054;

/// By hand: (W, Σw², weighted promoters, weighted detractors, n) of the rows in `channel`
/// (all rows for `None`).
fn weighted_nps_sums(channel: Option<&str>) -> (f64, f64, f64, f64, u64) {
    let mut s = (0.0, 0.0, 0.0, 0.0, 0);
    for &(_, ltr, _, w) in WEIGHTED.iter().filter(|r| channel.is_none_or(|c| r.0 == c)) {
        s.0 += w;
        s.1 += w * w;
        if ltr >= 9 {
            s.2 += w;
        } else if ltr <= 6 {
            s.3 += w;
        }
        s.4 += 1;
    }
    s
}

/// The adjusted-Wald NPS interval (in points) on fractional counts, by hand.
fn adjusted_wald(pro: f64, pas: f64, det: f64) -> (f64, f64) {
    let (p, a, d) = (pro + 0.75, pas + 1.5, det + 0.75);
    let n = p + a + d;
    let centre = (p - d) / n;
    let var = (p + d) / n - centre * centre;
    let h = Z95 * (var / n).sqrt();
    (100.0 * (centre - h), 100.0 * (centre + h))
}

#[test]
fn weighted_nps_matches_hand_computed_estimate_effective_n_and_interval() {
    let f = fixture("survey_weighted.csv");
    let args = [
        "survey",
        "nps",
        &f,
        "--column",
        "ltr",
        "--weight-column",
        "weight",
    ];
    let j = json(&args);
    assert_eq!(j["weight_column"], "weight");
    let r = &j["scores"][0];
    let (w, w2, pro, det, n) = weighted_nps_sums(None);
    assert_eq!((w, w2, pro, det), (12.0, 22.5, 7.0, 4.5));
    assert_eq!(r["n"], n);
    assert_eq!(
        (
            r["promoters"].clone(),
            r["passives"].clone(),
            r["detractors"].clone()
        ),
        (4.into(), 1.into(), 3.into())
    );
    let nps = 100.0 * (pro - det) / w; // +20.83, where the unweighted NPS is +12.5
    close(&r["nps"], nps, 1e-9);
    let n_eff = w * w / w2; // 6.4
    close(&r["effective_n"], n_eff, 1e-12);
    close(&r["total_weight"], w, 1e-12);
    // Effective counts n_eff × weighted share, then the adjusted-Wald interval.
    let (lo, hi) = adjusted_wald(
        n_eff * pro / w,
        n_eff * (w - pro - det) / w,
        n_eff * det / w,
    );
    close(&r["lower"], lo, 1e-9);
    close(&r["upper"], hi, 1e-9);
    // Linearised SE: √(n/(n−1) Σ wᵢ²(yᵢ − ȳ)²) / W, in NPS points.
    let m = (pro - det) / w;
    let ss: f64 = WEIGHTED
        .iter()
        .map(|&(_, ltr, _, wi)| {
            let y = if ltr >= 9 {
                1.0
            } else if ltr <= 6 {
                -1.0
            } else {
                0.0
            };
            wi * wi * (y - m) * (y - m)
        })
        .sum();
    let se = 100.0 * (8.0 / 7.0 * ss).sqrt() / w;
    close(&r["standard_error"], se, 1e-9);

    let t = table(&args);
    assert!(t.contains("weight column:   weight"), "{t}");
    let row = format!(
        r"all\s+8\s+4\s+1\s+3\s+{nps:.1}\s+{lo:.1}\s+{hi:.1}\s+{n_eff:.1}\s+{w:.2}\s+{se:.2}"
    );
    assert!(
        predicate::str::is_match(row.replace('.', r"\."))
            .unwrap()
            .eval(&t),
        "{row}\n{t}"
    );
    assert!(t.contains("Kish's effective counts"), "{t}");
    assert!(t.contains("Taylor-linearised"), "{t}");
}

#[test]
fn weighted_csat_share_matches_hand_computed_share_and_wilson_interval() {
    let f = fixture("survey_weighted.csv");
    let args = [
        "survey",
        "csat",
        &f,
        "--column",
        "satisfaction",
        "--scale",
        "1..=5",
        "--top-box",
        "2",
        "--weight-column",
        "weight",
    ];
    let j = json(&args);
    assert_eq!(j["weight_column"], "weight");
    assert_eq!(j["method"], "wilson");
    let r = &j["scores"][0];
    let w: f64 = WEIGHTED.iter().map(|r| r.3).sum();
    let w2: f64 = WEIGHTED.iter().map(|r| r.3 * r.3).sum();
    let top: f64 = WEIGHTED.iter().filter(|r| r.2 >= 4).map(|r| r.3).sum();
    let p = top / w; // 8.5 / 12
    let n_eff = w * w / w2;
    assert_eq!(r["n"], 8);
    assert_eq!(r["successes"], 5);
    close(&r["share"], p, 1e-12);
    close(&r["effective_n"], n_eff, 1e-12);
    close(&r["total_weight"], 12.0, 1e-12);
    // Wilson on the effective count n_eff·p of n_eff.
    let z2 = Z95 * Z95;
    let centre = (p + z2 / (2.0 * n_eff)) / (1.0 + z2 / n_eff);
    let h = Z95 / (1.0 + z2 / n_eff) * (p * (1.0 - p) / n_eff + z2 / (4.0 * n_eff * n_eff)).sqrt();
    close(&r["lower"], centre - h, 1e-9);
    close(&r["upper"], centre + h, 1e-9);
    let ss: f64 = WEIGHTED
        .iter()
        .map(|&(_, _, s, wi)| {
            let y = if s >= 4 { 1.0 } else { 0.0 };
            wi * wi * (y - p) * (y - p)
        })
        .sum();
    close(&r["standard_error"], (8.0 / 7.0 * ss).sqrt() / w, 1e-12);

    let t = table(&args);
    let row = format!(
        r"all\s+8\s+5\s+{:.1} %\s+{:.1} %\s+{:.1} %\s+{n_eff:.1}\s+12.00\s+",
        100.0 * p,
        100.0 * (centre - h),
        100.0 * (centre + h)
    );
    assert!(
        predicate::str::is_match(row.replace('.', r"\."))
            .unwrap()
            .eval(&t),
        "{row}\n{t}"
    );
    assert!(t.contains("weight column:"), "{t}");
}

#[test]
fn equal_weights_give_the_unweighted_estimate_and_interval() {
    let f = fixture("survey_weighted.csv");
    let metrics: [&[&str]; 4] = [
        &["nps", "--column", "ltr"],
        &["nps", "--column", "ltr", "--method", "score"],
        &[
            "csat",
            "--column",
            "satisfaction",
            "--scale",
            "1..=5",
            "--top-box",
            "2",
        ],
        &[
            "cdsat",
            "--column",
            "satisfaction",
            "--scale",
            "1..=5",
            "--method",
            "clopper-pearson",
        ],
    ];
    for m in metrics {
        let plain: Vec<&str> = ["survey", m[0], &f]
            .into_iter()
            .chain(m[1..].iter().copied())
            .collect();
        let mut weighted = plain.clone();
        weighted.extend(["--weight-column", "equal", "--by", "channel"]);
        let mut plain = plain;
        plain.extend(["--by", "channel"]);
        let (a, b) = (json(&plain), json(&weighted));
        let (ra, rb) = (
            a["scores"].as_array().unwrap(),
            b["scores"].as_array().unwrap(),
        );
        assert_eq!(ra.len(), rb.len());
        for (x, y) in ra.iter().zip(rb) {
            assert_eq!(x["group"], y["group"]);
            assert_eq!(x["n"], y["n"]);
            for k in ["nps", "share", "lower", "upper"] {
                if let Some(v) = x.get(k) {
                    close(&y[k], v.as_f64().unwrap(), 1e-9);
                }
            }
            close(&y["effective_n"], x["n"].as_f64().unwrap(), 1e-9);
            close(&y["total_weight"], 0.5 * x["n"].as_f64().unwrap(), 1e-12);
        }
        // The unweighted output has none of the weighted fields.
        assert!(a.get("weight_column").is_none());
        assert!(ra[0].get("effective_n").is_none());
    }
}

#[test]
fn weighted_nps_by_channel() {
    let f = fixture("survey_weighted.csv");
    let j = json(&[
        "survey",
        "nps",
        &f,
        "--column",
        "ltr",
        "--weight-column",
        "weight",
        "--by",
        "channel",
    ]);
    let rows = j["scores"].as_array().unwrap();
    let groups: Vec<&str> = rows.iter().map(|r| r["group"].as_str().unwrap()).collect();
    assert_eq!(groups, ["all", "chat", "email", "phone"]);
    for r in rows {
        let g = r["group"].as_str().unwrap();
        let (w, w2, pro, det, n) = weighted_nps_sums((g != "all").then_some(g));
        assert_eq!(r["n"], n, "{g}");
        close(&r["nps"], 100.0 * (pro - det) / w, 1e-9);
        close(&r["effective_n"], w * w / w2, 1e-12);
        close(&r["total_weight"], w, 1e-12);
        let (lo, hi) = adjusted_wald(w * pro / w2, w * (w - pro - det) / w2, w * det / w2);
        close(&r["lower"], lo.max(-100.0), 1e-9);
        close(&r["upper"], hi.min(100.0), 1e-9);
    }
    // phone: (3 − 1) / 4 = +50.
    close(&rows[3]["nps"], 50.0, 1e-12);
}

#[test]
fn a_bad_weight_cell_stops_with_file_line_and_column_or_is_skipped() {
    let f = fixture("survey_weight_bad.csv");
    let args = [
        "survey",
        "nps",
        &f,
        "--column",
        "ltr",
        "--weight-column",
        "weight",
    ];
    cx().args(args)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "survey_weight_bad.csv, line 3, column 'weight': expected a survey weight",
        ))
        .stderr(predicate::str::contains("\"heavy\""));
    let out = cx()
        .args(["--format", "json"])
        .args(args)
        .arg("--skip-invalid")
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.matches("cx: warning: skipped").count(), 3, "{err}");
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["skipped"], 3);
    let cells = j["skipped_cells"].as_array().unwrap();
    let lines: Vec<u64> = cells.iter().map(|c| c["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [3, 5, 6]); // "heavy", blank, 0 (below the weight range)
    assert!(cells.iter().all(|c| c["column"] == "weight"));
    assert_eq!(cells[2]["value"], "0");
    // The rows left: 10 (w 2), 3 (w 1), 10 (w 1.5); the blank answer is not an answer.
    assert_eq!(j["blank"], 1);
    let r = &j["scores"][0];
    assert_eq!(r["n"], 3);
    close(&r["nps"], 100.0 * 2.5 / 4.5, 1e-9);
    close(&r["total_weight"], 4.5, 1e-12);
}

#[test]
fn the_weight_column_is_documented_with_an_example() {
    for sub in ["nps", "csat", "cdsat", "ces"] {
        let help = table(&["survey", sub, "--help"]);
        // Help text is wrapped to the terminal: compare with single spaces.
        let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(help.contains("--weight-column <NAME>"), "{help}");
        assert!(help.contains("--weight-column weight"), "{help}");
    }
}

#[test]
fn weights_with_a_mean_or_counts_are_usage_errors() {
    let f = fixture("survey_weighted.csv");
    let refused = "weights apply to NPS and share metrics from a file";
    let cases: [&[&str]; 4] = [
        &[
            "csat",
            &f,
            "--column",
            "satisfaction",
            "--scale",
            "1..=5",
            "--mean",
        ],
        &["ces", &f, "--column", "satisfaction", "--mean"],
        &["csi", &f, "--column", "satisfaction", "--scale", "1..=5"],
        &["nps", "--ppd", "70,10,20"],
    ];
    for c in cases {
        cx().arg("survey")
            .args(c)
            .args(["--weight-column", "weight"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(refused));
    }
    cx().args([
        "survey",
        "csat",
        "--counts",
        "1,2,3,4,5",
        "--scale",
        "1..=5",
        "--top-box",
        "2",
    ])
    .args(["--weight-column", "weight"])
    .assert()
    .code(2)
    .stderr(predicate::str::contains(refused));
}

/// Weighted groups and weighted files compare by the Wald z test on the linearised standard
/// errors (`WeightedNps::compare`), keeping the sign.
#[test]
fn weighted_groups_and_files_compare_on_linearised_errors() {
    use cx_survey::{Confidence, WeightedNps};
    let f = fixture("survey_weighted.csv");
    let j = json(&[
        "survey",
        "nps",
        &f,
        "--column",
        "ltr",
        "--by",
        "channel",
        "--weight-column",
        "weight",
        "--compare",
        "phone",
        "email",
    ]);
    // The fixture's phone and email rows, typed again.
    let phone = WeightedNps::from_answers(&[10u8, 9, 3], &[2.0, 1.0, 1.0]).unwrap();
    let email = WeightedNps::from_answers(&[8u8, 6, 10], &[0.5, 1.5, 3.0]).unwrap();
    let d = phone.compare(&email, Confidence::NINETY_FIVE).unwrap();
    let c = &j["comparison"][0];
    assert_eq!(c["test"], "weighted-wald");
    close(&c["difference"], d.difference, 1e-12);
    close(&c["lower"], d.lower, 1e-12);
    close(&c["standard_error"], d.standard_error, 1e-12);
    close(&c["p_value"], d.p_value, 1e-12);
    // A file against itself: no difference.
    let j = json(&[
        "survey",
        "nps",
        &f,
        "--column",
        "ltr",
        "--weight-column",
        "weight",
        "--against",
        &f,
    ]);
    close(&j["comparison"][0]["difference"], 0.0, 1e-12);
    close(&j["comparison"][0]["p_value"], 1.0, 1e-12);
}
