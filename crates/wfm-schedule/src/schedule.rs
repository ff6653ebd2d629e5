//! A solved schedule: agents per shift and break slot, coverage per interval, the solver's
//! status, objective, bound and gap, and the service level each interval reaches.

use std::time::Duration;

use crate::error::{Error, Result};
use crate::requirements::Weekday;
use wfm_forecast::{ErlangC, Shrinkage, StaffingPlan, TimeSpan};

/// How the solver stopped.
///
/// ```
/// assert_ne!(wfm_schedule::Status::Optimal, wfm_schedule::Status::TimeLimit);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Status {
    /// Proven optimal (within the solver's tolerances).
    Optimal,
    /// Stopped with a schedule proven within the requested relative gap.
    GapLimit,
    /// The time limit passed; the schedule is the best found, its gap says how far it may be
    /// from the optimum.
    TimeLimit,
}

impl Status {
    /// Lower-case name (`optimal`, `gap_limit`, `time_limit`).
    ///
    /// ```
    /// assert_eq!(wfm_schedule::Status::GapLimit.name(), "gap_limit");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::GapLimit => "gap_limit",
            Status::TimeLimit => "time_limit",
        }
    }
}

/// Agents taking one break of a shift at one offset.
///
/// ```
/// let b = wfm_schedule::BreakSlot { rule: 0, start_offset_minutes: 120, agents: 3 };
/// assert_eq!(b.agents, 3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BreakSlot {
    /// Index of the break in its template's `breaks`.
    pub rule: usize,
    /// Start of the break, minutes after the shift's start.
    pub start_offset_minutes: u32,
    /// Agents taking the break there.
    pub agents: u32,
}

/// A shift worked by at least one agent.
///
/// ```
/// use wfm_forecast::IntervalLength;
/// use wfm_schedule::{Objective, Problem, Requirements, ShiftTemplate, SolveOptions};
/// let req = Requirements::new(IntervalLength::HOUR, vec![2; 8])?;
/// let p = Problem::new(req, vec![ShiftTemplate::new("day", 0, 0, 480)], Objective::MinCost)?;
/// let s = p.solve(&SolveOptions::default())?;
/// assert_eq!(s.shifts[0].agents, 2);
/// assert_eq!(s.shifts[0].start_minutes, 0);
/// # Ok::<(), wfm_schedule::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ScheduledShift {
    /// Index of the template in the problem.
    pub template: usize,
    /// The template's name.
    pub name: String,
    /// Day of the horizon (0 = the requirements' first day).
    pub day: usize,
    /// Day of the week.
    pub weekday: Weekday,
    /// Start, minutes after that day's midnight.
    pub start_minutes: u32,
    /// First interval of the horizon worked.
    pub start_interval: usize,
    /// Agents on the shift.
    pub agents: u32,
    /// Where the agents take each break (slots with zero agents omitted).
    pub breaks: Vec<BreakSlot>,
}

/// Coverage of one interval.
///
/// ```
/// let c = wfm_schedule::IntervalCoverage { required: 3, on_shift: 4, on_break: 1 };
/// assert_eq!(c.available(), 3);
/// assert_eq!(c.shortfall(), 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct IntervalCoverage {
    /// Agents required.
    pub required: u32,
    /// Agents on shift, breaks included.
    pub on_shift: u32,
    /// Agents on shift but on a break.
    pub on_break: u32,
}

impl IntervalCoverage {
    /// Agents available: on shift and not on a break.
    ///
    /// ```
    /// let c = wfm_schedule::IntervalCoverage { required: 3, on_shift: 4, on_break: 1 };
    /// assert_eq!(c.available(), 3);
    /// ```
    pub fn available(&self) -> u32 {
        self.on_shift.saturating_sub(self.on_break)
    }

    /// Agents missing: required less available, or zero.
    ///
    /// ```
    /// let c = wfm_schedule::IntervalCoverage { required: 5, on_shift: 4, on_break: 1 };
    /// assert_eq!(c.shortfall(), 2);
    /// ```
    pub fn shortfall(&self) -> u32 {
        self.required.saturating_sub(self.available())
    }

    /// Agents too many: available less required, or zero.
    ///
    /// ```
    /// let c = wfm_schedule::IntervalCoverage { required: 1, on_shift: 4, on_break: 1 };
    /// assert_eq!(c.surplus(), 2);
    /// ```
    pub fn surplus(&self) -> u32 {
        self.available().saturating_sub(self.required)
    }
}

/// A solved schedule ([`Problem::solve`](crate::Problem::solve)).
///
/// `objective` is recomputed from the integer schedule (not read from the solver). The
/// bound is the solver's best proven lower bound (the branch-and-bound's open nodes, at least
/// the linear-programming relaxation); `gap` is `(objective − bound) / max(|objective|, 1)`.
///
/// ```
/// use wfm_forecast::IntervalLength;
/// use wfm_schedule::{Objective, Problem, Requirements, ShiftTemplate, SolveOptions, Status};
/// let req = Requirements::new(IntervalLength::HOUR, vec![1, 2, 2, 1])?;
/// let p = Problem::new(req, vec![ShiftTemplate::new("two hours", 0, 120, 120)], Objective::MinCost)?;
/// let s = p.solve(&SolveOptions::default())?;
/// assert_eq!(s.status, Status::Optimal);
/// assert_eq!(s.objective, 6.0); // one agent at 0:00, 1:00 and 2:00, two paid hours each
/// assert_eq!(s.gap, Some(0.0));
/// # Ok::<(), wfm_schedule::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Schedule {
    /// How the solver stopped.
    pub status: Status,
    /// Objective of the schedule: its cost ([`Objective::MinCost`](crate::Objective::MinCost))
    /// or weighted deviation ([`Objective::MinDeviation`](crate::Objective::MinDeviation)).
    pub objective: f64,
    /// Best proven lower bound on the objective, when the solver reports one.
    pub best_bound: Option<f64>,
    /// Relative gap between objective and bound, when a bound is known.
    pub gap: Option<f64>,
    /// Wall-clock time spent in the solver.
    #[cfg_attr(feature = "serde", serde(serialize_with = "seconds"))]
    pub solve_time: Duration,
    /// Shifts with at least one agent, in template, day and start order.
    pub shifts: Vec<ScheduledShift>,
    /// Coverage per interval of the horizon.
    pub coverage: Vec<IntervalCoverage>,
}

#[cfg(feature = "serde")]
fn seconds<S: serde::Serializer>(d: &Duration, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

impl Schedule {
    /// Total agent-shifts.
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// use wfm_schedule::{Objective, Problem, Requirements, ShiftTemplate, SolveOptions};
    /// let req = Requirements::new(IntervalLength::HOUR, vec![2; 8])?;
    /// let p = Problem::new(req, vec![ShiftTemplate::new("day", 0, 0, 480)], Objective::MinCost)?;
    /// assert_eq!(p.solve(&SolveOptions::default())?.total_shifts(), 2);
    /// # Ok::<(), wfm_schedule::Error>(())
    /// ```
    pub fn total_shifts(&self) -> u64 {
        self.shifts.iter().map(|s| u64::from(s.agents)).sum()
    }

    /// The service level each interval reaches with the scheduled agents, under Erlang C:
    /// the available agents less shrinkage serve the interval's offered load. `None` for an
    /// interval without load; `Some(0.0)` when the agents cannot keep up with the load (an
    /// unstable queue, where waits grow without limit).
    ///
    /// ```
    /// use wfm_forecast::{IntervalLength, Shrinkage, TimeSpan};
    /// use wfm_schedule::{Objective, Problem, Requirements, ServiceLoad, ShiftTemplate, SolveOptions};
    /// let req = Requirements::new(IntervalLength::HOUR, vec![14; 8])?;
    /// let p = Problem::new(req, vec![ShiftTemplate::new("day", 0, 0, 480)], Objective::MinCost)?;
    /// let s = p.solve(&SolveOptions::default())?;
    /// let load = ServiceLoad {
    ///     erlangs: vec![10.0; 8],
    ///     aht: TimeSpan::from_seconds(180.0)?,
    ///     within: TimeSpan::from_seconds(20.0)?,
    ///     shrinkage: Shrinkage::NONE,
    /// };
    /// let sl = s.service_levels(&load)?;
    /// assert!(sl[0].is_some_and(|x| x > 0.88));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn service_levels(&self, load: &ServiceLoad) -> Result<Vec<Option<f64>>> {
        if load.erlangs.len() != self.coverage.len() {
            return Err(Error::LengthMismatch {
                parameter: "erlangs",
                found: load.erlangs.len(),
                expected: self.coverage.len(),
            });
        }
        self.coverage
            .iter()
            .zip(&load.erlangs)
            .map(|(c, &a)| {
                if a == 0.0 {
                    return Ok(None);
                }
                let q = ErlangC::from_erlangs(a, load.aht)?;
                let productive = load.shrinkage.productive(u64::from(c.available()));
                // `productive` is at most `available`, a u32.
                let n = u32::try_from(productive).unwrap_or(u32::MAX);
                if f64::from(n) <= a {
                    return Ok(Some(0.0));
                }
                Ok(Some(q.service_level(n, load.within)?))
            })
            .collect()
    }
}

/// The load each interval offers, to compute the service level a schedule reaches
/// ([`Schedule::service_levels`]).
///
/// ```
/// use wfm_forecast::{Shrinkage, TimeSpan};
/// let load = wfm_schedule::ServiceLoad {
///     erlangs: vec![10.0, 12.5],
///     aht: TimeSpan::from_seconds(180.0)?,
///     within: TimeSpan::from_seconds(20.0)?,
///     shrinkage: Shrinkage::from_fraction(0.3)?,
/// };
/// assert_eq!(load.erlangs.len(), 2);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceLoad {
    /// Offered load per interval, in Erlangs.
    pub erlangs: Vec<f64>,
    /// Mean handle time.
    pub aht: TimeSpan,
    /// Service-level threshold (answered within this time).
    pub within: TimeSpan,
    /// Shrinkage between scheduled and productive agents.
    pub shrinkage: Shrinkage,
}

impl ServiceLoad {
    /// The offered load of each interval of a staffing plan.
    ///
    /// ```
    /// use wfm_forecast::{IntervalLength, Model, PlanSettings, ServiceTarget, Shrinkage, Targets, TimeSpan, Volume};
    /// use wfm_schedule::ServiceLoad;
    /// let shrinkage = Shrinkage::from_fraction(0.25)?;
    /// let settings = PlanSettings {
    ///     interval: IntervalLength::HOUR,
    ///     model: Model::ErlangC,
    ///     targets: Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?),
    ///     shrinkage,
    /// };
    /// let aht = TimeSpan::from_minutes(3.0)?;
    /// let plan = settings.staff(&[Volume::new(200.0)?], &[aht])?;
    /// let load = ServiceLoad::from_plan(&plan, aht, TimeSpan::from_seconds(20.0)?, shrinkage);
    /// assert_eq!(load.erlangs, vec![10.0]);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn from_plan(
        plan: &StaffingPlan,
        aht: TimeSpan,
        within: TimeSpan,
        shrinkage: Shrinkage,
    ) -> Self {
        Self {
            erlangs: plan.intervals().iter().map(|i| i.erlangs).collect(),
            aht,
            within,
            shrinkage,
        }
    }
}
