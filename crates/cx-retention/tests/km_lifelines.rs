//! Kaplan–Meier against lifelines 0.30.3 on the Waltons data set that lifelines ships.
//!
//! `tests/data/waltons.csv` and `tests/data/lifelines_waltons_km.json` were written by
//! `benches/retention_lifelines.py` (run by hand from the workspace root), which installs
//! lifelines==0.30.3 in a venv and fits `KaplanMeierFitter(alpha=0.05)` on all subjects and on
//! each group; the 95 % band is lifelines' default exponential Greenwood interval.

use cx_retention::{KaplanMeier, RetentionError, TenureObservation};

fn waltons() -> Vec<(f64, bool, String)> {
    include_str!("data/waltons.csv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("T,"))
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let t: f64 = f[0].parse().unwrap_or(f64::NAN);
            (t, f[1] == "1", f[2].to_string())
        })
        .collect()
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs() || (a - b).abs() <= 1e-14
}

#[test]
fn kaplan_meier_matches_lifelines_on_waltons_every_row_and_median() -> Result<(), RetentionError> {
    let data = waltons();
    assert_eq!(data.len(), 163);
    let reference: serde_json::Value =
        serde_json::from_str(include_str!("data/lifelines_waltons_km.json")).map_err(|_| {
            RetentionError::Empty {
                what: "reference JSON",
                item: "valid document",
            }
        })?;
    let fits = reference["fits"]
        .as_array()
        .map_or(&[][..], |v| v.as_slice());
    assert_eq!(fits.len(), 3);
    for fit in fits {
        let group = fit["group"].as_str().unwrap_or("");
        let obs: Vec<TenureObservation> = data
            .iter()
            .filter(|(_, _, g)| group == "all" || g == group)
            .map(|&(duration, churned, _)| TenureObservation { duration, churned })
            .collect();
        let km = KaplanMeier::fit(&obs, 0.95)?;
        let rows = fit["rows"].as_array().map_or(&[][..], |v| v.as_slice());
        assert_eq!(km.rows().len(), rows.len(), "{group}: row count");
        for (ours, theirs) in km.rows().iter().zip(rows) {
            let f = |k: &str| theirs[k].as_f64().unwrap_or(f64::NAN);
            assert_eq!(ours.time, f("time"), "{group}");
            assert_eq!(ours.at_risk as f64, f("at_risk"), "{group} t={}", ours.time);
            assert_eq!(ours.churned as f64, f("events"), "{group} t={}", ours.time);
            assert_eq!(
                ours.censored as f64,
                f("censored"),
                "{group} t={}",
                ours.time
            );
            // Same factors in the same order: measured agreement ≤ 3e-15 absolute (S and band).
            assert!(
                close(ours.survival, f("survival"), 1e-13),
                "{group} t={}: S {} vs {}",
                ours.time,
                ours.survival,
                f("survival")
            );
            assert!(
                close(ours.lower, f("ci_lower"), 1e-12),
                "{group} t={}: lower {} vs {}",
                ours.time,
                ours.lower,
                f("ci_lower")
            );
            assert!(
                close(ours.upper, f("ci_upper"), 1e-12),
                "{group} t={}: upper {} vs {}",
                ours.time,
                ours.upper,
                f("ci_upper")
            );
        }
        let m = km.median();
        assert_eq!(
            m.estimate,
            Some(fit["median"].as_f64().unwrap_or(f64::NAN)),
            "{group}"
        );
        assert_eq!(
            m.lower,
            Some(fit["median_ci_lower"].as_f64().unwrap_or(f64::NAN)),
            "{group}"
        );
        assert_eq!(
            m.upper,
            Some(fit["median_ci_upper"].as_f64().unwrap_or(f64::NAN)),
            "{group}"
        );
    }
    Ok(())
}

#[test]
fn waltons_headline_values_from_the_research_note() -> Result<(), RetentionError> {
    // lifelines 0.30.3: median 56 (95 % CI 53–58); S(10) = 0.969210,
    // S(30) = 0.827224, S(50) = 0.616817, S(60) = 0.311524.
    let obs: Vec<_> = waltons()
        .into_iter()
        .map(|(duration, churned, _)| TenureObservation { duration, churned })
        .collect();
    let km = KaplanMeier::fit(&obs, 0.95)?;
    let m = km.median();
    assert_eq!(
        (m.estimate, m.lower, m.upper),
        (Some(56.0), Some(53.0), Some(58.0))
    );
    for (t, s) in [
        (10.0, 0.969210),
        (30.0, 0.827224),
        (50.0, 0.616817),
        (60.0, 0.311524),
    ] {
        assert!(
            (km.survival_at(t) - s).abs() <= 5e-7,
            "S({t}) = {}",
            km.survival_at(t)
        );
    }
    Ok(())
}

#[test]
fn censoring_only_gives_survival_one_and_no_median() -> Result<(), RetentionError> {
    let obs = [3.0, 5.0, 9.0].map(|duration| TenureObservation {
        duration,
        churned: false,
    });
    let km = KaplanMeier::fit(&obs, 0.95)?;
    assert!(
        km.rows()
            .iter()
            .all(|r| r.survival == 1.0 && r.lower == 1.0 && r.upper == 1.0)
    );
    assert_eq!(km.median().estimate, None);
    Ok(())
}

#[test]
fn bad_kaplan_meier_input_is_a_typed_error() {
    let neg = [TenureObservation {
        duration: -1.0,
        churned: true,
    }];
    assert!(matches!(
        KaplanMeier::fit(&neg, 0.95),
        Err(RetentionError::InvalidDuration { index: 0, .. })
    ));
    let inf = [
        TenureObservation {
            duration: 1.0,
            churned: true,
        },
        TenureObservation {
            duration: f64::INFINITY,
            churned: false,
        },
    ];
    assert!(matches!(
        KaplanMeier::fit(&inf, 0.95),
        Err(RetentionError::InvalidDuration { index: 1, .. })
    ));
    let ok = [TenureObservation {
        duration: 1.0,
        churned: true,
    }];
    for c in [0.0, 1.0, f64::NAN, -0.5] {
        assert!(matches!(
            KaplanMeier::fit(&ok, c),
            Err(RetentionError::InvalidParameter {
                name: "confidence",
                ..
            })
        ));
    }
}

#[test]
fn a_tenure_starting_after_the_as_of_date_names_the_as_of_date() {
    use jiff::civil::date;
    let err = TenureObservation::from_dates(date(2024, 3, 1), None, date(2024, 2, 15));
    assert_eq!(
        err,
        Err(RetentionError::StartAfterAsOf {
            start: date(2024, 3, 1),
            as_of: date(2024, 2, 15),
        })
    );
    let msg = err.map(|_| ()).unwrap_err().to_string();
    assert!(
        msg.starts_with("start 2024-03-01 is after the as-of date 2024-02-15"),
        "{msg}"
    );
    // An end before the start is still about the end, whatever the as-of date.
    assert!(matches!(
        TenureObservation::from_dates(date(2024, 3, 1), Some(date(2024, 2, 1)), date(2024, 6, 1)),
        Err(RetentionError::EndNotAfterStart { .. })
    ));
    // Joining on the as-of date itself is a tenure of 0 days, censored.
    assert_eq!(
        TenureObservation::from_dates(date(2024, 2, 15), None, date(2024, 2, 15)),
        Ok(TenureObservation {
            duration: 0.0,
            churned: false
        })
    );
}
