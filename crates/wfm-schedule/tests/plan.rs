//! From a staffing plan to shifts, and back to the service level the shifts reach.

use wfm_forecast::{
    IntervalLength, Model, PlanSettings, ServiceTarget, Shrinkage, Targets, TimeSpan, Volume,
};
use wfm_schedule::{
    BreakRule, Objective, Problem, Requirements, ServiceLoad, ShiftTemplate, SolveOptions, Status,
};

#[test]
fn a_day_plan_turned_into_shifts_meets_its_service_target_everywhere() {
    // A day of 30-minute intervals, volume rising to a late-morning peak.
    let volumes: Vec<Volume> = (0..48)
        .map(|i| {
            let h = f64::from(i) / 2.0;
            let v = if (7.0..21.0).contains(&h) {
                40.0 + 160.0 * (-((h - 11.0) / 3.0).powi(2)).exp()
            } else {
                0.0
            };
            Volume::new(v.round()).expect("valid volume")
        })
        .collect();
    let aht = TimeSpan::from_minutes(4.0).expect("valid");
    let within = TimeSpan::from_seconds(20.0).expect("valid");
    let shrinkage = Shrinkage::from_fraction(0.25).expect("valid");
    let settings = PlanSettings {
        interval: IntervalLength::MINUTES_30,
        model: Model::ErlangC,
        targets: Targets::service_level(ServiceTarget::new(0.8, within).expect("valid")),
        shrinkage,
    };
    let plan = settings.staff(&volumes, &[aht]).expect("plan");
    let req = Requirements::from_plan(&plan).expect("requirements");
    let mut full = ShiftTemplate::new("full", 7 * 60, 13 * 60, 8 * 60);
    full.start_step_minutes = 30;
    full.breaks.push(BreakRule::new(120, 180, 30));
    full.breaks.push(BreakRule::new(210, 300, 30).unpaid());
    let mut part = ShiftTemplate::new("part", 7 * 60, 17 * 60, 4 * 60);
    part.start_step_minutes = 30;
    part.cost_per_paid_hour = 1.1;
    part.max_total = Some(6);
    let p = Problem::new(req, vec![full, part], Objective::MinCost).expect("problem");
    let options = SolveOptions {
        relative_gap: 0.01,
        time_limit: std::time::Duration::from_secs(3),
    };
    let s = p.solve(&options).expect("schedule");
    assert!(p.verify(&s).is_empty(), "{:?}", p.verify(&s));
    // The gap is known (the relaxation's bound at least), and within the request unless the
    // time limit stopped the search.
    let gap = s.gap.expect("a bound");
    assert!(
        s.status == Status::TimeLimit || gap <= 0.01 + 1e-12,
        "{:?} gap {gap}",
        s.status
    );
    let load = ServiceLoad::from_plan(&plan, aht, within, shrinkage);
    let levels = s.service_levels(&load).expect("service levels");
    for (i, (sl, interval)) in levels.iter().zip(plan.intervals()).enumerate() {
        match sl {
            None => assert_eq!(interval.erlangs, 0.0),
            // At least the plan's agents are available, so at least the plan's level.
            Some(sl) => {
                let planned = interval
                    .achieved
                    .and_then(|a| a.service_level)
                    .expect("target level");
                assert!(*sl >= planned - 1e-12, "interval {i}: {sl} < {planned}");
                assert!(*sl >= 0.8, "interval {i}: {sl}");
            }
        }
    }
}

#[test]
fn too_few_agents_give_a_zero_service_level_not_an_error() {
    let req = Requirements::new(IntervalLength::HOUR, vec![1; 8]).expect("valid");
    let p = Problem::new(
        req,
        vec![ShiftTemplate::new("day", 0, 0, 480)],
        Objective::MinCost,
    )
    .expect("valid");
    let s = p.solve(&SolveOptions::default()).expect("solves");
    let load = ServiceLoad {
        erlangs: vec![5.0; 8],
        aht: TimeSpan::from_seconds(180.0).expect("valid"),
        within: TimeSpan::from_seconds(20.0).expect("valid"),
        shrinkage: Shrinkage::NONE,
    };
    assert_eq!(s.service_levels(&load).expect("levels"), vec![Some(0.0); 8]);
    let short = ServiceLoad {
        erlangs: vec![5.0; 3],
        ..load
    };
    assert!(s.service_levels(&short).is_err());
}
