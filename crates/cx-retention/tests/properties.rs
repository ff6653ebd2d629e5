//! Property tests of the models and periods, and serde round trips.

use cx_retention::{
    FormulaLtv, KaplanMeier, Period, PeriodCounts, PeriodUnit, SbgModel, TenureObservation,
};
use jiff::civil::Date;
use proptest::prelude::*;

fn unit() -> impl Strategy<Value = PeriodUnit> {
    prop::sample::select(vec![
        PeriodUnit::Day,
        PeriodUnit::IsoWeek,
        PeriodUnit::Month,
        PeriodUnit::Quarter,
        PeriodUnit::Year,
    ])
}

fn civil_date() -> impl Strategy<Value = Date> {
    (1900i16..2100, 1i8..=12, 1i8..=31).prop_map(|(y, m, d)| {
        Date::new(y, m, d).unwrap_or_else(|_| Date::new(y, m, 28).unwrap_or(Date::MIN))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn sbg_survival_never_increases_and_retention_rises_with_tenure(a in 0.01f64..50.0, b in 0.01f64..50.0) {
        let m = SbgModel::new(a, b).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let s = m.survival_curve(60).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(s.windows(2).all(|w| w[1] <= w[0] && w[1] >= 0.0));
        let r: Vec<f64> = (1..=60).map(|t| m.retention_rate(t).unwrap_or(f64::NAN)).collect();
        prop_assert!(r.windows(2).all(|w| w[1] >= w[0]));
        prop_assert!(r.iter().all(|&x| (0.0..1.0).contains(&x)));
        // Churn probabilities and the survivor share add up to one.
        let total: f64 = (1..=60).map(|t| m.churn_probability(t).unwrap_or(f64::NAN)).sum::<f64>() + s[60];
        prop_assert!((total - 1.0).abs() < 1e-12);
    }

    #[test]
    fn sbg_fit_recovers_the_model_from_its_own_expected_counts(a in 0.3f64..5.0, b in 0.3f64..10.0) {
        // Expected survivors of a huge cohort are the MLE's fixed point (up to rounding).
        let m = SbgModel::new(a, b).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let n: Vec<u64> = m.survival_curve(10).map_err(|e| TestCaseError::fail(e.to_string()))?.iter().map(|s| (s * 1e9).round() as u64).collect();
        let fit = SbgModel::fit(&n).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!((fit.model.alpha() / a - 1.0).abs() < 1e-4, "alpha {} vs {a}", fit.model.alpha());
        prop_assert!((fit.model.beta() / b - 1.0).abs() < 1e-4, "beta {} vs {b}", fit.model.beta());
    }

    #[test]
    fn period_containing_a_date_contains_it_and_steps_tile(u in unit(), d in civil_date()) {
        let p = Period::containing(u, d).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(p.start() <= d && d < p.end() && p.contains(d));
        let n = p.next().map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(n.start(), p.end());
        prop_assert_eq!(n.previous().ok(), Some(p));
        prop_assert_eq!(Period::containing(u, p.start()).ok(), Some(p));
        let last = p.end().yesterday().map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(Period::containing(u, last).ok(), Some(p));
    }

    #[test]
    fn period_count_rates_obey_their_identities(start in 0u64..1000, new in 0u64..1000, lf in 0u64..1000, ln in 0u64..1000) {
        let (lf, ln) = (lf.min(start), ln.min(new));
        let c = PeriodCounts::with_split(start, new, lf, ln).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(c.at_end() + c.lost(), start + new);
        match (c.retention_rate(), c.churn_rate(), c.start_base_retention_rate()) {
            (Ok(r), Ok(ch), Ok(sb)) => {
                prop_assert!(r <= 1.0 && ch >= 0.0 && (0.0..=1.0).contains(&sb));
                prop_assert!((r + ch - 1.0).abs() < 1e-12);
                prop_assert_eq!(c.negated_churn_rate().ok(), Some(-ch));
            }
            _ => prop_assert_eq!(start, 0),
        }
    }

    #[test]
    fn kaplan_meier_is_non_increasing_with_band_around_it(obs in prop::collection::vec((0u32..50, any::<bool>()), 1..80)) {
        let obs: Vec<_> = obs.into_iter().map(|(d, c)| TenureObservation { duration: f64::from(d), churned: c }).collect();
        let km = KaplanMeier::fit(&obs, 0.9).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(km.rows().windows(2).all(|w| w[1].survival <= w[0].survival && w[1].at_risk < w[0].at_risk));
        for r in km.rows() {
            prop_assert!(0.0 <= r.lower && r.lower <= r.survival && r.survival <= r.upper && r.upper <= 1.0);
        }
        prop_assert_eq!(km.rows().iter().map(|r| r.churned + r.censored).sum::<u64>(), obs.len() as u64);
    }

    #[test]
    fn formula_ltv_equals_its_series(m in 0.0f64..100.0, r in 0.0f64..0.99, d in 0.0f64..0.2) {
        let ltv = FormulaLtv::new(m, r, d).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let q = r / (1.0 + d);
        let series: f64 = (0..20_000).map(|t| m * q.powi(t)).sum();
        prop_assert!((ltv.paid_at_period_start() - series).abs() <= 1e-9 * series.max(1.0));
        prop_assert!((ltv.paid_at_period_end() - (series - m)).abs() <= 1e-9 * series.max(1.0));
    }
}

#[cfg(feature = "serde")]
mod serde_round_trips {
    use cx_retention::{
        ActivityAccumulator, ActivityEvent, DateRange, LapseRule, Money, Period, PeriodCounts,
        PeriodUnit, RetentionError, SbgModel, Subscription, SubscriptionAccumulator,
    };
    use jiff::civil::date;

    fn json<T: serde::Serialize>(v: &T) -> String {
        serde_json::to_string(v).unwrap_or_default()
    }

    #[test]
    fn accumulators_periods_and_models_round_trip_and_bad_input_is_refused()
    -> Result<(), RetentionError> {
        let w = DateRange::new(date(2024, 1, 1), date(2024, 5, 1))?.periods(PeriodUnit::Month)?;
        let mut acc = ActivityAccumulator::new(w, LapseRule::after(2)?);
        acc.record_events([
            ActivityEvent {
                customer: 1,
                date: date(2024, 1, 5),
                revenue: Money::from_minor_units(500),
            },
            ActivityEvent {
                customer: 2,
                date: date(2024, 3, 5),
                revenue: Money::from_minor_units(700),
            },
        ])?;
        let back: ActivityAccumulator =
            serde_json::from_str(&json(&acc)).map_err(|_| RetentionError::Empty {
                what: "json",
                item: "x",
            })?;
        assert_eq!(back, acc);
        let mut merged = back.clone();
        merged.merge(&ActivityAccumulator::new(w, LapseRule::after(2)?))?;
        assert_eq!(merged.period_counts()?, acc.period_counts()?);

        let p = Period::containing(PeriodUnit::IsoWeek, date(2024, 5, 15))?;
        assert_eq!(json(&p), r#"{"unit":"iso_week","start":"2024-05-13"}"#);
        assert!(
            serde_json::from_str::<Period>(r#"{"unit":"iso_week","start":"2024-05-14"}"#).is_err()
        );
        assert!(serde_json::from_str::<PeriodCounts>(r#"{"start":1,"new":0,"lost":2}"#).is_err());
        assert!(serde_json::from_str::<SbgModel>(r#"{"alpha":-1.0,"beta":1.0}"#).is_err());
        assert!(serde_json::from_str::<LapseRule>("0").is_err());
        assert!(
            serde_json::from_str::<DateRange>(r#"{"start":"2024-02-01","end":"2024-01-01"}"#)
                .is_err()
        );
        let bad = r#"{"start":1,"expansion":0,"contraction":2,"churned":0,"new":0}"#;
        assert!(serde_json::from_str::<cx_retention::RevenueMovements>(bad).is_err());
        // Subscription accumulators (cohort tables without revenue) round-trip too.
        let mut subs = SubscriptionAccumulator::new(w);
        subs.record_subscriptions([
            Subscription {
                customer: 1,
                start: date(2024, 1, 5),
                end: Some(date(2024, 3, 2)),
            },
            Subscription {
                customer: 1,
                start: date(2024, 4, 1),
                end: None,
            },
            Subscription {
                customer: 4,
                start: date(2023, 12, 5),
                end: None,
            },
        ])?;
        let back: SubscriptionAccumulator =
            serde_json::from_str(&json(&subs)).map_err(|_| RetentionError::Empty {
                what: "json",
                item: "x",
            })?;
        assert_eq!(back, subs);
        // A tampered accumulator whose arrays disagree with its window is refused.
        let tampered = json(&acc).replacen("\"len\":4", "\"len\":3", 1);
        assert!(serde_json::from_str::<ActivityAccumulator>(&tampered).is_err());
        Ok(())
    }

    #[test]
    fn stored_customer_id_ranges_must_not_run_backwards() -> Result<(), RetentionError> {
        let w = DateRange::new(date(2024, 1, 1), date(2024, 5, 1))?.periods(PeriodUnit::Month)?;
        let mut subs = SubscriptionAccumulator::new(w);
        subs.record_subscriptions([
            Subscription {
                customer: 2,
                start: date(2024, 1, 5),
                end: None,
            },
            Subscription {
                customer: 9,
                start: date(2024, 2, 5),
                end: None,
            },
        ])?;
        let stored = json(&subs);
        assert!(stored.contains(r#""customers":[2,9]"#), "{stored}");
        let back: SubscriptionAccumulator =
            serde_json::from_str(&stored).map_err(|_| RetentionError::Empty {
                what: "json",
                item: "x",
            })?;
        assert_eq!(back, subs);
        let backwards = stored.replacen(r#""customers":[2,9]"#, r#""customers":[9,2]"#, 1);
        let err = serde_json::from_str::<SubscriptionAccumulator>(&backwards)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("customer 2 comes after customer 9"), "{err}");

        let mut acc = ActivityAccumulator::new(w, LapseRule::after(2)?);
        acc.record_events([ActivityEvent {
            customer: 3,
            date: date(2024, 1, 5),
            revenue: Money::from_minor_units(500),
        }])?;
        let backwards = json(&acc).replacen(r#""customers":[3,3]"#, r#""customers":[4,3]"#, 1);
        let err = serde_json::from_str::<ActivityAccumulator>(&backwards)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("customer 3 comes after customer 4"), "{err}");
        Ok(())
    }
}
