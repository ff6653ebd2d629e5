//! An independent check of a schedule against every rule of its problem.
//!
//! It works from the shift templates as the user wrote them (minutes, days, windows), not
//! from the expanded model the solver saw, so that a mistake in building the model shows up
//! as a violation.

use crate::problem::{Objective, Problem};
use crate::requirements::Weekday;
use crate::schedule::{IntervalCoverage, Schedule, ScheduledShift};

/// A rule a schedule breaks ([`Problem::verify`]).
///
/// ```
/// let v = wfm_schedule::Violation::Undercovered { interval: 3, required: 2, available: 1 };
/// assert!(v.to_string().contains("interval 3"));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Violation {
    /// A shift names a template that does not exist or is named differently.
    #[error(
        "shift {shift} names template {template}, which the problem does not have under that name"
    )]
    UnknownTemplate {
        /// Index of the shift in the schedule.
        shift: usize,
        /// Template index it names.
        template: usize,
    },
    /// A shift starts on a day, at a time or at an interval its template does not allow.
    #[error("shift {shift} starts where its template does not allow: {reason}")]
    BadStart {
        /// Index of the shift in the schedule.
        shift: usize,
        /// What is wrong.
        reason: String,
    },
    /// The agents taking a break do not add up to the agents on the shift, or a break starts
    /// outside its window.
    #[error("shift {shift}, break {rule}: {reason}")]
    BadBreak {
        /// Index of the shift in the schedule.
        shift: usize,
        /// Index of the break in its template.
        rule: usize,
        /// What is wrong.
        reason: String,
    },
    /// A limit of a template is broken.
    #[error("template {template}: {reason}")]
    Limit {
        /// Template index.
        template: usize,
        /// What is wrong.
        reason: String,
    },
    /// Fewer agents available than required under minimum cost.
    #[error("interval {interval} requires {required} agents but has {available}")]
    Undercovered {
        /// Interval index.
        interval: usize,
        /// Agents required.
        required: u32,
        /// Agents available.
        available: u32,
    },
    /// A cap of the minimum-deviation objective is broken.
    #[error("cap broken: {reason}")]
    Cap {
        /// What is wrong.
        reason: String,
    },
    /// The reported coverage or objective differs from the one recomputed from the shifts.
    #[error("the reported {what} differs from the schedule's shifts")]
    Mismatch {
        /// `coverage`, `objective` or `bound`.
        what: &'static str,
    },
}

impl Problem {
    /// Re-checks a schedule against every rule of the problem: templates and their days,
    /// start windows and steps, break windows and counts, per-shift and total limits,
    /// coverage (minimum cost) or caps (minimum deviation), and the reported coverage and
    /// objective. An empty list means the schedule is valid.
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// use wfm_schedule::{Objective, Problem, Requirements, ShiftTemplate, SolveOptions};
    /// let req = Requirements::new(IntervalLength::HOUR, vec![1, 2, 2, 1])?;
    /// let p = Problem::new(req, vec![ShiftTemplate::new("two hours", 0, 120, 120)], Objective::MinCost)?;
    /// let mut s = p.solve(&SolveOptions::default())?;
    /// assert!(p.verify(&s).is_empty());
    /// s.shifts[0].agents -= 1; // now an interval is short
    /// assert!(!p.verify(&s).is_empty());
    /// # Ok::<(), wfm_schedule::Error>(())
    /// ```
    pub fn verify(&self, schedule: &Schedule) -> Vec<Violation> {
        let mut out = Vec::new();
        let iv = self.requirements.interval_minutes();
        let per_day = (1440 / iv) as usize;
        let horizon = self.requirements.len();
        let mut totals = vec![0u64; self.templates.len()];
        for (i, s) in schedule.shifts.iter().enumerate() {
            let Some(t) = self.templates.get(s.template).filter(|t| t.name == s.name) else {
                out.push(Violation::UnknownTemplate {
                    shift: i,
                    template: s.template,
                });
                continue;
            };
            totals[s.template] += u64::from(s.agents);
            let weekday = Weekday::ALL[(self.requirements.first_day().index() + s.day) % 7];
            let mut bad = |reason: String| out.push(Violation::BadStart { shift: i, reason });
            if weekday != s.weekday || !t.days.contains(&weekday) {
                bad(format!("{} is not one of its days", weekday.short_name()));
            }
            let m = s.start_minutes;
            if m < t.earliest_start_minutes
                || m > t.latest_start_minutes
                || (m - t.earliest_start_minutes.min(m)) % t.start_step_minutes.max(1) != 0
            {
                bad(format!(
                    "{m} minutes after midnight is outside the window or off the step"
                ));
            }
            if Some(s.start_interval)
                != s.day
                    .checked_mul(per_day)
                    .and_then(|d| d.checked_add((m / iv) as usize))
                || m % iv != 0
            {
                bad(format!(
                    "start interval {} does not match day {} at minute {m}",
                    s.start_interval, s.day
                ));
            }
            let end = s
                .start_interval
                .saturating_add((t.length_minutes / iv) as usize);
            if !self.wrap && end > horizon {
                bad(format!(
                    "it ends at interval {end}, after the horizon of {horizon}"
                ));
            }
            if let Some(max) = t.max_per_shift.filter(|&max| s.agents > max) {
                out.push(Violation::Limit {
                    template: s.template,
                    reason: format!(
                        "shift {i} has {} agents, above max_per_shift {max}",
                        s.agents
                    ),
                });
            }
            for (r, b) in t.breaks.iter().enumerate() {
                let mut n = 0u64;
                for slot in s.breaks.iter().filter(|x| x.rule == r) {
                    n += u64::from(slot.agents);
                    let o = slot.start_offset_minutes;
                    if o < b.earliest_start_minutes || o > b.latest_start_minutes || o % iv != 0 {
                        out.push(Violation::BadBreak {
                            shift: i,
                            rule: r,
                            reason: format!(
                                "it starts {o} minutes into the shift, outside its window"
                            ),
                        });
                    }
                }
                if n != u64::from(s.agents) {
                    out.push(Violation::BadBreak {
                        shift: i,
                        rule: r,
                        reason: format!("{n} agents take it but {} work the shift", s.agents),
                    });
                }
            }
            if s.breaks.iter().any(|x| x.rule >= t.breaks.len()) {
                out.push(Violation::BadBreak {
                    shift: i,
                    rule: t.breaks.len(),
                    reason: "the template has no such break".into(),
                });
            }
        }
        for (ti, t) in self.templates.iter().enumerate() {
            if totals[ti] < u64::from(t.min_total)
                || t.max_total.is_some_and(|m| totals[ti] > u64::from(m))
            {
                out.push(Violation::Limit {
                    template: ti,
                    reason: format!(
                        "{} agents over the horizon, outside {}..={:?}",
                        totals[ti], t.min_total, t.max_total
                    ),
                });
            }
        }
        let coverage = coverage_of(self, &schedule.shifts);
        if coverage != schedule.coverage {
            out.push(Violation::Mismatch { what: "coverage" });
        }
        match self.objective {
            Objective::MinCost => {
                for (i, c) in coverage.iter().enumerate() {
                    if c.available() < c.required {
                        out.push(Violation::Undercovered {
                            interval: i,
                            required: c.required,
                            available: c.available(),
                        });
                    }
                }
            }
            Objective::MinDeviation {
                max_on_duty,
                max_shifts,
                ..
            } => {
                let over = max_on_duty.and_then(|cap| {
                    Some((cap, coverage.iter().position(|c| c.available() > cap)?))
                });
                if let Some((cap, i)) = over {
                    out.push(Violation::Cap {
                        reason: format!(
                            "interval {i} has {} agents on duty, above max_on_duty {cap}",
                            coverage[i].available()
                        ),
                    });
                }
                if let Some(cap) = max_shifts {
                    let n: u64 = totals.iter().sum();
                    if n > u64::from(cap) {
                        out.push(Violation::Cap {
                            reason: format!("{n} shifts, above max_shifts {cap}"),
                        });
                    }
                }
            }
        }
        let objective = objective_of(self, &schedule.shifts, &coverage);
        if (objective - schedule.objective).abs() > 1e-9 * objective.abs().max(1.0) {
            out.push(Violation::Mismatch { what: "objective" });
        }
        if schedule
            .best_bound
            .is_some_and(|b| b > schedule.objective + 1e-9 * objective.abs().max(1.0))
        {
            out.push(Violation::Mismatch { what: "bound" });
        }
        out
    }
}

/// Coverage per interval, recomputed from the shifts and the templates (minutes).
pub(crate) fn coverage_of(p: &Problem, shifts: &[ScheduledShift]) -> Vec<IntervalCoverage> {
    let iv = p.requirements.interval_minutes();
    let horizon = p.requirements.len();
    let mut on_shift = vec![0u64; horizon];
    let mut on_break = vec![0u64; horizon];
    let place = |v: &mut Vec<u64>, from_minute: u64, minutes: u64, agents: u32| {
        let first = from_minute / u64::from(iv);
        for k in 0..minutes / u64::from(iv) {
            let i = first.saturating_add(k);
            let i = if p.wrap { i % horizon as u64 } else { i };
            if let Some(slot) = usize::try_from(i).ok().and_then(|i| v.get_mut(i)) {
                *slot += u64::from(agents);
            }
        }
    };
    for s in shifts {
        let Some(t) = p.templates.get(s.template) else {
            continue;
        };
        let start = (s.day as u64)
            .saturating_mul(1440)
            .saturating_add(u64::from(s.start_minutes));
        place(&mut on_shift, start, u64::from(t.length_minutes), s.agents);
        for b in &s.breaks {
            if let Some(rule) = t.breaks.get(b.rule) {
                place(
                    &mut on_break,
                    start.saturating_add(u64::from(b.start_offset_minutes)),
                    u64::from(rule.length_minutes),
                    b.agents,
                );
            }
        }
    }
    let clamp = |x: u64| u32::try_from(x).unwrap_or(u32::MAX);
    p.requirements
        .counts()
        .iter()
        .enumerate()
        .map(|(i, &required)| IntervalCoverage {
            required,
            on_shift: clamp(on_shift[i]),
            on_break: clamp(on_break[i]),
        })
        .collect()
}

/// The objective of a schedule, recomputed from its shifts and coverage.
pub(crate) fn objective_of(
    p: &Problem,
    shifts: &[ScheduledShift],
    coverage: &[IntervalCoverage],
) -> f64 {
    match p.objective {
        Objective::MinCost => shifts
            .iter()
            .filter_map(|s| {
                p.templates
                    .get(s.template)
                    .map(|t| t.shift_cost() * f64::from(s.agents))
            })
            .sum(),
        Objective::MinDeviation {
            under_weight,
            over_weight,
            ..
        } => coverage
            .iter()
            .map(|c| {
                let have = i64::from(c.on_shift) - i64::from(c.on_break);
                let d = have - i64::from(c.required);
                // Agent counts are at most u32, exact in f64.
                #[allow(clippy::cast_precision_loss)]
                let d = d as f64;
                if d < 0.0 {
                    -d * under_weight
                } else {
                    d * over_weight
                }
            })
            .sum(),
    }
}
