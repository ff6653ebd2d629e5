//! End-to-end tests of `cx schedule`: small instances whose optimum is proved by hand, every
//! class of bad input, and the three output formats.

#![allow(clippy::unwrap_used)]

mod common;

use common::{close, cx, fixture, json, table};
use predicates::prelude::*;

/// Requirements 1, 2, 2, 1 per hour, two-hour shifts starting at 0:00, 1:00 or 2:00.
/// By hand: the demand is 6 agent-hours and a shift gives 2, so at least 3 shifts (cost 6).
/// Hour 0 is covered only by the 0:00 shift and hour 3 only by the 2:00 shift; with three
/// shifts and no surplus, hours 1 and 2 then need exactly one 1:00 shift: the optimum is one
/// agent at each start, unique, covering the requirement exactly.
#[test]
fn the_hand_solved_instance_is_optimal_and_exact() {
    let j = json(&[
        "schedule",
        &fixture("schedule_small.csv"),
        "--shifts",
        &fixture("schedule_two_hours.toml"),
        "--interval",
        "1h",
        "--requirement-column",
        "need",
    ]);
    assert_eq!(j["objective"], "cost");
    assert_eq!(j["status"], "optimal");
    close(&j["objective_value"], 6.0, 1e-9);
    close(&j["best_bound"], 6.0, 1e-6);
    close(&j["gap"], 0.0, 1e-6);
    close(&j["cost"], 6.0, 1e-9);
    close(&j["paid_agent_hours"], 6.0, 1e-12);
    assert_eq!(j["agents"], 3);
    assert_eq!(j["interval_count"], 4);
    assert_eq!(j["first_day"], "Mon");
    assert_eq!(j["shortfall_agent_intervals"], 0);
    assert_eq!(j["surplus_agent_intervals"], 0);
    assert!(j["solve_seconds"].as_f64().unwrap() >= 0.0);
    let shifts = j["shifts"].as_array().unwrap();
    let starts: Vec<(&str, u64)> = shifts
        .iter()
        .map(|s| (s["start"].as_str().unwrap(), s["agents"].as_u64().unwrap()))
        .collect();
    assert_eq!(starts, [("00:00", 1), ("01:00", 1), ("02:00", 1)]);
    assert_eq!(shifts[0]["end"], "02:00");
    assert_eq!(shifts[0]["shift"], "two hours");
    assert!(j["breaks"].as_array().unwrap().is_empty());
    let cov = j["coverage"].as_array().unwrap();
    let avail: Vec<u64> = cov
        .iter()
        .map(|c| c["available"].as_u64().unwrap())
        .collect();
    assert_eq!(avail, [1, 2, 2, 1]);
    assert_eq!(cov[3]["start"], "03:00");
    assert!(cov[0].get("service_level").is_none());

    let t = table(&[
        "schedule",
        &fixture("schedule_small.csv"),
        "--shifts",
        &fixture("schedule_two_hours.toml"),
        "--interval",
        "1h",
        "--requirement-column",
        "need",
    ]);
    assert!(t.contains("solver status:           optimal"), "{t}");
    assert!(t.contains("gap:                     0.00 %"), "{t}");
    assert!(
        predicate::str::is_match(r"two hours\s+0\s+Mon\s+01:00\s+03:00\s+1\s+2\.00\s+2\.00")
            .unwrap()
            .eval(&t),
        "{t}"
    );
}

/// Sixteen half-hours needing 2 agents, one 8-hour shift at 0:00 whose
/// agents each take a 30-minute unpaid lunch starting 3:00, 3:30 or 4:00. By hand: two agents
/// leave one available during a lunch, so at least 3 are needed; three with lunches in three
/// different slots always leave 2 available. Cost 3 × 7.5 paid hours.
#[test]
fn breaks_are_placed_with_the_shifts() {
    let j = json(&[
        "schedule",
        &fixture("schedule_day_breaks.csv"),
        "--shifts",
        &fixture("schedule_lunch.toml"),
        "--interval",
        "30m",
    ]);
    assert_eq!(j["status"], "optimal");
    assert_eq!(j["agents"], 3);
    close(&j["objective_value"], 22.5, 1e-9);
    assert_eq!(j["first_day"], "Tue");
    let breaks = j["breaks"].as_array().unwrap();
    let total: u64 = breaks.iter().map(|b| b["agents"].as_u64().unwrap()).sum();
    assert_eq!(total, 3);
    for b in breaks {
        assert_eq!(b["agents"], 1, "{b}");
        assert_eq!(b["paid"], false);
        assert_eq!(b["length_minutes"], 30);
        assert!(["03:00", "03:30", "04:00"].contains(&b["break_start"].as_str().unwrap()));
    }
    for c in j["coverage"].as_array().unwrap() {
        assert!(c["available"].as_u64().unwrap() >= 2, "{c}");
        assert_eq!(
            c["on_shift"].as_u64().unwrap() - c["on_break"].as_u64().unwrap(),
            c["available"].as_u64().unwrap()
        );
    }
}

/// Under a cap of 2 shifts the instance above cannot be covered: 4 agent-hours against 6
/// required leave at least 2 missing, and two shifts at 0:00 and 2:00 miss exactly 2 with no
/// surplus, so the smallest deviation (weights 1) is 2.
#[test]
fn deviation_under_a_headcount_cap() {
    let j = json(&[
        "schedule",
        &fixture("schedule_small.csv"),
        "--shifts",
        &fixture("schedule_two_hours.toml"),
        "--interval",
        "1h",
        "--requirement-column",
        "need",
        "--objective",
        "deviation",
        "--max-shifts",
        "2",
    ]);
    assert_eq!(j["objective"], "deviation");
    assert_eq!(j["status"], "optimal");
    close(&j["objective_value"], 2.0, 1e-9);
    assert_eq!(j["agents"], 2);
    assert_eq!(j["shortfall_agent_intervals"], 2);
    assert_eq!(j["surplus_agent_intervals"], 0);
    // Surplus weighted 10 times missing changes nothing here (none is needed).
    let j = json(&[
        "schedule",
        &fixture("schedule_small.csv"),
        "--shifts",
        &fixture("schedule_two_hours.toml"),
        "--interval",
        "1h",
        "--requirement-column",
        "need",
        "--objective",
        "deviation",
        "--max-shifts",
        "2",
        "--over-weight",
        "10",
        "--under-weight",
        "0.5",
    ]);
    close(&j["objective_value"], 1.0, 1e-9);
}

/// 100 calls per hour of 3 minutes each are 5 Erlangs; the 8 scheduled agents reach
/// 1 − P(wait)·e^{−(8−5)·20/180} = 0.880148310766552 within 20 s (mpmath 1.3.0 at 50 digits,
/// P(wait) = 0.167266506661757).
#[test]
fn service_level_of_the_scheduled_agents() {
    let j = json(&[
        "schedule",
        &fixture("schedule_volume.csv"),
        "--shifts",
        &fixture("schedule_two_hours.toml"),
        "--interval",
        "1h",
        "--aht",
        "3m",
        "--volume-column",
        "calls",
    ]);
    let cov = j["coverage"].as_array().unwrap();
    assert_eq!(cov[0]["available"], 8);
    close(&cov[0]["service_level"], 0.880_148_310_766_552, 1e-12);
    close(&cov[1]["service_level"], 0.880_148_310_766_552, 1e-12);
    assert!(cov[2]["service_level"].is_null());
    // --aht without a volume column is a usage error.
    cx().args([
        "schedule",
        &fixture("schedule_volume.csv"),
        "--shifts",
        &fixture("schedule_two_hours.toml"),
        "--interval",
        "1h",
        "--aht",
        "3m",
    ])
    .assert()
    .code(2);
}

#[test]
fn csv_output_is_the_shifts_table() {
    let out = cx()
        .args([
            "--format",
            "csv",
            "schedule",
            &fixture("schedule_small.csv"),
            "--shifts",
            &fixture("schedule_two_hours.toml"),
            "--interval",
            "1h",
            "--requirement-column",
            "need",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text,
        "shift,day,weekday,start,end,agents,paid_hours,cost\n\
         two hours,0,Mon,00:00,02:00,1,2,2\n\
         two hours,0,Mon,01:00,03:00,1,2,2\n\
         two hours,0,Mon,02:00,04:00,1,2,2\n"
    );
}

/// Runs `cx schedule ARGS…`, expects the exit status and an error line containing `needle`,
/// with nothing on standard output.
fn fails(args: &[&str], code: i32, needle: &str) {
    let out = cx().arg("schedule").args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "{args:?} wrote output");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("cx: error: "), "{err}");
    assert!(
        err.contains(needle),
        "{args:?}: expected {needle:?} in {err}"
    );
}

#[test]
fn missing_files_exit_3() {
    fails(
        &[
            &fixture("no_such_requirements.csv"),
            "--shifts",
            &fixture("schedule_two_hours.toml"),
            "--interval",
            "1h",
        ],
        3,
        "no_such_requirements.csv",
    );
    fails(
        &[
            &fixture("schedule_small.csv"),
            "--shifts",
            &fixture("no_such_shifts.toml"),
            "--interval",
            "1h",
            "--requirement-column",
            "need",
        ],
        3,
        "no_such_shifts.toml",
    );
}

#[test]
fn bad_toml_names_the_file_and_line() {
    let small = fixture("schedule_small.csv");
    let base = ["--interval", "1h", "--requirement-column", "need"];
    let run = |toml: &str, code: i32, needle: &str| {
        let toml = fixture(toml);
        let mut args = vec![small.as_str(), "--shifts", toml.as_str()];
        args.extend(base);
        fails(&args, code, needle);
    };
    run(
        "schedule_bad_syntax.toml",
        1,
        "schedule_bad_syntax.toml, line 4",
    );
    run("schedule_unknown_field.toml", 1, "lenght_minutes");
    run("schedule_unknown_field.toml", 1, "line 5");
    run(
        "schedule_off_grid.toml",
        1,
        "shift template 'off grid' is 45 minutes, not a multiple of the 60-minute interval",
    );
    // A file with no [[shift]] table.
    run("schedule_small.csv", 1, "schedule_small.csv");
}

#[test]
fn bad_requirements_name_line_and_column() {
    let two = fixture("schedule_two_hours.toml");
    fails(
        &[
            &fixture("schedule_small.csv"),
            "--shifts",
            &two,
            "--interval",
            "1h",
            "--requirement-column",
            "agents",
        ],
        1,
        "missing column 'agents' (expected it in the header row, found 'hour', 'need')",
    );
    fails(
        &[
            &fixture("schedule_negative.csv"),
            "--shifts",
            &two,
            "--interval",
            "1h",
            "--requirement-column",
            "need",
        ],
        1,
        "line 3, column 'need': expected a whole count (0 or more), found \"-2\"",
    );
    fails(
        &[
            &fixture("schedule_gap.csv"),
            "--shifts",
            &two,
            "--interval",
            "1h",
        ],
        1,
        "line 3, column 'start': expected the next interval",
    );
    fails(
        &[
            &fixture("schedule_gap.csv"),
            "--shifts",
            &two,
            "--interval",
            "1h",
        ],
        1,
        "2026-12-07T01:00",
    );
    fails(
        &[
            &fixture("schedule_not_midnight.csv"),
            "--shifts",
            &two,
            "--interval",
            "1h",
        ],
        1,
        "line 2, column 'start': expected the first interval to start at a midnight",
    );
}

#[test]
fn too_many_intervals_are_refused_before_solving() {
    let mut csv = String::from("scheduled_agents\n");
    for _ in 0..=wfm_schedule_max_intervals() {
        csv.push_str("1\n");
    }
    cx().args([
        "schedule",
        "-",
        "--shifts",
        &fixture("schedule_two_hours.toml"),
        "--interval",
        "15m",
    ])
    .write_stdin(csv)
    .assert()
    .code(1)
    .stderr(predicate::str::contains(
        "<stdin>, line 4034: more than 4032 intervals",
    ));
}

/// The library's bound, restated: six weeks of 15-minute intervals.
fn wfm_schedule_max_intervals() -> usize {
    6 * 7 * 96
}

#[test]
fn impossible_coverage_is_a_clear_error() {
    fails(
        &[
            &fixture("schedule_small.csv"),
            "--shifts",
            &fixture("schedule_one_hour.toml"),
            "--interval",
            "1h",
            "--requirement-column",
            "need",
        ],
        1,
        "no schedule satisfies the constraints: interval 1 (day 0, Mon 01:00) requires 2 agents but no shift template covers it",
    );
}

#[test]
fn bad_options_exit_2() {
    let small = fixture("schedule_small.csv");
    let two = fixture("schedule_two_hours.toml");
    let base = [
        small.as_str(),
        "--shifts",
        two.as_str(),
        "--interval",
        "1h",
        "--requirement-column",
        "need",
    ];
    let run = |extra: &[&str], needle: &str| {
        let mut args = base.to_vec();
        args.extend(extra);
        fails(&args, 2, needle);
    };
    run(
        &["--max-shifts", "3"],
        "--max-shifts applies to --objective deviation only",
    );
    run(&["--time-limit", "0s"], "--time-limit");
    run(&["--time-limit", "25h"], "--time-limit");
    run(
        &["--gap", "150%"],
        "--gap: expected a percentage in 0%..=100%",
    );
    run(
        &["--objective", "deviation", "--under-weight", "-1"],
        "--under-weight: expected a weight",
    );
    run(&["--cyclic"], "--cyclic needs whole weeks of intervals");
    fails(
        &[
            &small,
            "--shifts",
            &two,
            "--interval",
            "90s",
            "--requirement-column",
            "need",
        ],
        2,
        "--interval: schedules need whole minutes, found 90 s",
    );
}
