//! A scheduling problem: requirements, shift templates and an objective, checked and expanded
//! into the individual shifts (one template, one day, one start time) the optimiser chooses
//! from.

use crate::error::{Error, Result};
use crate::requirements::{MAX_AGENTS, Requirements, Weekday};
use crate::template::{
    MAX_BREAKS_PER_SHIFT, MAX_COST, MAX_SHIFT_MINUTES, MAX_TEMPLATES, ShiftTemplate,
};

/// The most decision variables a model may have (agents per shift, per break slot, and two
/// deviations per interval under [`Objective::MinDeviation`]). Checked before the model is
/// built.
///
/// ```
/// assert_eq!(wfm_schedule::MAX_VARIABLES, 200_000);
/// ```
pub const MAX_VARIABLES: usize = 200_000;

/// The largest weight of an under- or over-covered agent-interval.
///
/// ```
/// assert_eq!(wfm_schedule::MAX_WEIGHT, 1e6);
/// ```
pub const MAX_WEIGHT: f64 = 1e6;

/// What the optimiser minimises.
///
/// ```
/// use wfm_schedule::Objective;
/// let o = Objective::MinDeviation { under_weight: 2.0, over_weight: 1.0, max_on_duty: Some(30), max_shifts: None };
/// assert_ne!(o, Objective::MinCost);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
#[non_exhaustive]
pub enum Objective {
    /// The cheapest schedule whose available agents (on shift and not on a break) meet every
    /// interval's requirement.
    MinCost,
    /// The smallest weighted sum of agent-intervals under and over the requirement, with at
    /// most `max_on_duty` agents on duty (on shift and not on a break: the seats) in any
    /// interval and at most `max_shifts` shifts over
    /// the horizon (a headcount cap: for a one-day horizon, the agents working that day).
    MinDeviation {
        /// Weight of one agent missing for one interval.
        under_weight: f64,
        /// Weight of one agent too many for one interval.
        over_weight: f64,
        /// Most agents on duty (on shift, not on a break) in any interval.
        max_on_duty: Option<u32>,
        /// Most shifts over the horizon.
        max_shifts: Option<u32>,
    },
}

/// One candidate shift: a template started on one day at one time.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Candidate {
    pub(crate) template: usize,
    pub(crate) day: usize,
    pub(crate) start_minutes: u32,
    /// Absolute first interval in the horizon.
    pub(crate) start: usize,
    /// Intervals worked (breaks included).
    pub(crate) len: usize,
    /// Per break rule: first allowed offset (intervals from the shift start), number of
    /// allowed offsets, break length in intervals.
    pub(crate) breaks: Vec<(usize, usize, usize)>,
    pub(crate) cost: f64,
}

/// A checked scheduling problem.
///
/// The horizon is the requirements' intervals. Without wrapping, a shift must end within the
/// horizon; with [`Problem::wrapping`], a week's requirements are cyclic (Sunday's late shift
/// covers Monday's first hours), which needs a horizon of whole weeks.
///
/// ```
/// use wfm_forecast::IntervalLength;
/// use wfm_schedule::{Objective, Problem, Requirements, ShiftTemplate};
/// let req = Requirements::new(IntervalLength::HOUR, vec![1, 2, 2, 1])?;
/// let mut t = ShiftTemplate::new("short", 0, 120, 120);
/// t.start_step_minutes = 60;
/// let p = Problem::new(req, vec![t], Objective::MinCost)?;
/// assert_eq!(p.candidate_shifts(), 3);
/// # Ok::<(), wfm_schedule::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub(crate) requirements: Requirements,
    pub(crate) templates: Vec<ShiftTemplate>,
    pub(crate) objective: Objective,
    pub(crate) wrap: bool,
    pub(crate) candidates: Vec<Candidate>,
}

fn out_of_range(parameter: &'static str, value: u64, min: u64, max: u64) -> Error {
    Error::OutOfRange {
        parameter,
        value,
        min,
        max,
    }
}

fn check_number(parameter: &'static str, value: f64, min: f64, max: f64) -> Result<()> {
    if value.is_finite() && (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(Error::InvalidNumber {
            parameter,
            value,
            min,
            max,
        })
    }
}

impl Problem {
    /// Checks the templates against the requirements' interval grid and the bounds
    /// ([`MAX_TEMPLATES`], [`MAX_BREAKS_PER_SHIFT`], [`MAX_SHIFT_MINUTES`], [`MAX_COST`],
    /// [`MAX_WEIGHT`], [`MAX_VARIABLES`]) and lists the candidate shifts.
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// use wfm_schedule::{Error, Objective, Problem, Requirements, ShiftTemplate};
    /// let req = Requirements::new(IntervalLength::HOUR, vec![1; 24])?;
    /// let t = ShiftTemplate::new("odd", 0, 0, 90); // 90 minutes is not on the hourly grid
    /// let e = Problem::new(req, vec![t], Objective::MinCost).unwrap_err();
    /// assert!(matches!(e, Error::NotOnIntervalGrid { parameter: "length_minutes", .. }));
    /// # Ok::<(), wfm_schedule::Error>(())
    /// ```
    pub fn new(
        requirements: Requirements,
        templates: Vec<ShiftTemplate>,
        objective: Objective,
    ) -> Result<Self> {
        Self::build(requirements, templates, objective, false)
    }

    /// As [`Problem::new`], with a cyclic horizon: shifts running past its end cover its
    /// first intervals. The horizon must be a whole number of weeks.
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// use wfm_schedule::{Objective, Problem, Requirements, ShiftTemplate};
    /// let req = Requirements::new(IntervalLength::HOUR, vec![1; 168])?;
    /// let night = ShiftTemplate::new("night", 22 * 60, 22 * 60, 8 * 60);
    /// let p = Problem::wrapping(req, vec![night], Objective::MinCost)?;
    /// assert_eq!(p.candidate_shifts(), 7); // Sunday's night shift ends on Monday morning
    /// # Ok::<(), wfm_schedule::Error>(())
    /// ```
    pub fn wrapping(
        requirements: Requirements,
        templates: Vec<ShiftTemplate>,
        objective: Objective,
    ) -> Result<Self> {
        let week = requirements.interval().per_day() as usize * 7;
        if !requirements.len().is_multiple_of(week) {
            return Err(Error::LengthMismatch {
                parameter: "intervals of a cyclic horizon (a whole number of weeks)",
                found: requirements.len(),
                expected: week,
            });
        }
        Self::build(requirements, templates, objective, true)
    }

    fn build(
        requirements: Requirements,
        templates: Vec<ShiftTemplate>,
        objective: Objective,
        wrap: bool,
    ) -> Result<Self> {
        if templates.is_empty() || templates.len() > MAX_TEMPLATES {
            return Err(out_of_range(
                "shift templates",
                templates.len() as u64,
                1,
                MAX_TEMPLATES as u64,
            ));
        }
        if let Objective::MinDeviation {
            under_weight,
            over_weight,
            max_on_duty,
            max_shifts,
        } = objective
        {
            check_number("under_weight", under_weight, 0.0, MAX_WEIGHT)?;
            check_number("over_weight", over_weight, 0.0, MAX_WEIGHT)?;
            for (name, cap) in [("max_on_duty", max_on_duty), ("max_shifts", max_shifts)] {
                if let Some(c) = cap.filter(|&c| c > MAX_AGENTS) {
                    return Err(out_of_range(name, u64::from(c), 0, u64::from(MAX_AGENTS)));
                }
            }
        }
        for t in &templates {
            check_template(t, requirements.interval_minutes())?;
        }
        let candidates = expand(&requirements, &templates, wrap)?;
        let p = Self {
            requirements,
            templates,
            objective,
            wrap,
            candidates,
        };
        let vars = p.variables();
        if vars > MAX_VARIABLES {
            return Err(Error::TooLarge {
                variables: vars,
                max: MAX_VARIABLES,
            });
        }
        Ok(p)
    }

    /// Number of candidate shifts (template × day × start time fitting the horizon).
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// use wfm_schedule::{Objective, Problem, Requirements, ShiftTemplate};
    /// let req = Requirements::new(IntervalLength::HOUR, vec![1; 48])?;
    /// let p = Problem::new(req, vec![ShiftTemplate::new("d", 480, 600, 480)], Objective::MinCost)?;
    /// assert_eq!(p.candidate_shifts(), 6); // three starts on each of two days
    /// # Ok::<(), wfm_schedule::Error>(())
    /// ```
    pub fn candidate_shifts(&self) -> usize {
        self.candidates.len()
    }

    /// Number of decision variables of the model.
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// use wfm_schedule::{BreakRule, Objective, Problem, Requirements, ShiftTemplate};
    /// let req = Requirements::new(IntervalLength::HOUR, vec![1; 24])?;
    /// let mut t = ShiftTemplate::new("d", 480, 480, 480);
    /// t.breaks.push(BreakRule::new(180, 300, 60));
    /// let p = Problem::new(req, vec![t], Objective::MinCost)?;
    /// assert_eq!(p.variables(), 1 + 3); // one shift, three break slots
    /// # Ok::<(), wfm_schedule::Error>(())
    /// ```
    pub fn variables(&self) -> usize {
        let shifts: usize = self
            .candidates
            .iter()
            .map(|c| 1 + c.breaks.iter().map(|b| b.1).sum::<usize>())
            .sum();
        match self.objective {
            Objective::MinCost => shifts,
            Objective::MinDeviation { .. } => shifts + 2 * self.requirements.len(),
        }
    }

    /// The requirements.
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// use wfm_schedule::{Objective, Problem, Requirements, ShiftTemplate};
    /// let req = Requirements::new(IntervalLength::HOUR, vec![1; 24])?;
    /// let p = Problem::new(req, vec![ShiftTemplate::new("d", 480, 480, 480)], Objective::MinCost)?;
    /// assert_eq!(p.requirements().len(), 24);
    /// # Ok::<(), wfm_schedule::Error>(())
    /// ```
    pub fn requirements(&self) -> &Requirements {
        &self.requirements
    }

    /// The shift templates.
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// use wfm_schedule::{Objective, Problem, Requirements, ShiftTemplate};
    /// let req = Requirements::new(IntervalLength::HOUR, vec![1; 24])?;
    /// let p = Problem::new(req, vec![ShiftTemplate::new("d", 480, 480, 480)], Objective::MinCost)?;
    /// assert_eq!(p.templates()[0].name, "d");
    /// # Ok::<(), wfm_schedule::Error>(())
    /// ```
    pub fn templates(&self) -> &[ShiftTemplate] {
        &self.templates
    }

    /// The objective.
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// use wfm_schedule::{Objective, Problem, Requirements, ShiftTemplate};
    /// let req = Requirements::new(IntervalLength::HOUR, vec![1; 24])?;
    /// let p = Problem::new(req, vec![ShiftTemplate::new("d", 480, 480, 480)], Objective::MinCost)?;
    /// assert_eq!(p.objective(), Objective::MinCost);
    /// # Ok::<(), wfm_schedule::Error>(())
    /// ```
    pub fn objective(&self) -> Objective {
        self.objective
    }

    /// Whether the horizon is cyclic ([`Problem::wrapping`]).
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// use wfm_schedule::{Objective, Problem, Requirements, ShiftTemplate};
    /// let req = Requirements::new(IntervalLength::HOUR, vec![1; 24])?;
    /// let p = Problem::new(req, vec![ShiftTemplate::new("d", 480, 480, 480)], Objective::MinCost)?;
    /// assert!(!p.is_wrapping());
    /// # Ok::<(), wfm_schedule::Error>(())
    /// ```
    pub fn is_wrapping(&self) -> bool {
        self.wrap
    }

    /// The horizon's interval index of the `k`-th interval after `start` (wrapping or not).
    pub(crate) fn at(&self, start: usize, k: usize) -> usize {
        let i = start + k;
        if self.wrap {
            i % self.requirements.len()
        } else {
            i
        }
    }
}

fn grid(t: &ShiftTemplate, parameter: &'static str, minutes: u32, iv: u32) -> Result<usize> {
    if minutes.is_multiple_of(iv) {
        Ok((minutes / iv) as usize)
    } else {
        Err(Error::NotOnIntervalGrid {
            template: t.name.clone(),
            parameter,
            minutes,
            interval_minutes: iv,
        })
    }
}

fn invalid(t: &ShiftTemplate, reason: String) -> Error {
    Error::InvalidTemplate {
        template: t.name.clone(),
        reason,
    }
}

fn check_template(t: &ShiftTemplate, iv: u32) -> Result<()> {
    if t.name.chars().count() > 100 {
        return Err(invalid(t, "the name is longer than 100 characters".into()));
    }
    if t.days.is_empty() || t.days.len() > 7 {
        return Err(invalid(
            t,
            format!(
                "it runs on {} days; give 1 to 7 distinct days",
                t.days.len()
            ),
        ));
    }
    for (i, d) in t.days.iter().enumerate() {
        if t.days[..i].contains(d) {
            return Err(invalid(
                t,
                format!("{} is listed twice in 'days'", d.short_name()),
            ));
        }
    }
    if t.latest_start_minutes >= 1440 {
        return Err(out_of_range(
            "latest_start_minutes",
            u64::from(t.latest_start_minutes),
            0,
            1439,
        ));
    }
    if t.earliest_start_minutes > t.latest_start_minutes {
        return Err(invalid(
            t,
            format!(
                "earliest_start_minutes {} is after latest_start_minutes {}",
                t.earliest_start_minutes, t.latest_start_minutes
            ),
        ));
    }
    if t.length_minutes == 0 || t.length_minutes > MAX_SHIFT_MINUTES {
        return Err(out_of_range(
            "length_minutes",
            u64::from(t.length_minutes),
            u64::from(iv),
            u64::from(MAX_SHIFT_MINUTES),
        ));
    }
    if t.start_step_minutes == 0 {
        return Err(out_of_range("start_step_minutes", 0, u64::from(iv), 1440));
    }
    grid(t, "earliest_start_minutes", t.earliest_start_minutes, iv)?;
    grid(t, "latest_start_minutes", t.latest_start_minutes, iv)?;
    grid(t, "start_step_minutes", t.start_step_minutes, iv)?;
    grid(t, "length_minutes", t.length_minutes, iv)?;
    check_number("cost_per_paid_hour", t.cost_per_paid_hour, 0.0, MAX_COST)?;
    for (name, cap) in [
        ("max_per_shift", t.max_per_shift),
        ("max_total", t.max_total),
    ] {
        if let Some(c) = cap.filter(|&c| c > MAX_AGENTS) {
            return Err(out_of_range(name, u64::from(c), 0, u64::from(MAX_AGENTS)));
        }
    }
    if t.min_total > MAX_AGENTS {
        return Err(out_of_range(
            "min_total",
            u64::from(t.min_total),
            0,
            u64::from(MAX_AGENTS),
        ));
    }
    if let Some(max) = t.max_total.filter(|&m| m < t.min_total) {
        return Err(invalid(
            t,
            format!("min_total {} is above max_total {max}", t.min_total),
        ));
    }
    if t.breaks.len() > MAX_BREAKS_PER_SHIFT {
        return Err(out_of_range(
            "breaks",
            t.breaks.len() as u64,
            0,
            MAX_BREAKS_PER_SHIFT as u64,
        ));
    }
    let mut previous_end: u32 = 0;
    for (i, b) in t.breaks.iter().enumerate() {
        grid(
            t,
            "earliest_start_minutes of a break",
            b.earliest_start_minutes,
            iv,
        )?;
        grid(
            t,
            "latest_start_minutes of a break",
            b.latest_start_minutes,
            iv,
        )?;
        grid(t, "length_minutes of a break", b.length_minutes, iv)?;
        let n = i + 1;
        if b.length_minutes == 0 {
            return Err(invalid(t, format!("break {n} has zero length")));
        }
        if b.earliest_start_minutes > b.latest_start_minutes {
            return Err(invalid(
                t,
                format!(
                    "break {n}: its earliest start {} is after its latest start {}",
                    b.earliest_start_minutes, b.latest_start_minutes
                ),
            ));
        }
        let end = b
            .latest_start_minutes
            .checked_add(b.length_minutes)
            .filter(|&e| e <= t.length_minutes);
        let Some(end) = end else {
            return Err(invalid(
                t,
                format!(
                    "break {n} can end after the shift's {} minutes",
                    t.length_minutes
                ),
            ));
        };
        if b.earliest_start_minutes < previous_end {
            return Err(invalid(
                t,
                format!(
                    "break {n} may start at minute {}, before the previous break's window ends at minute {previous_end}",
                    b.earliest_start_minutes
                ),
            ));
        }
        previous_end = end;
    }
    Ok(())
}

fn expand(req: &Requirements, templates: &[ShiftTemplate], wrap: bool) -> Result<Vec<Candidate>> {
    let iv = req.interval_minutes();
    let per_day = req.interval().per_day() as usize;
    let horizon = req.len();
    let days = horizon.div_ceil(per_day);
    let mut out = Vec::new();
    let mut vars = 0usize;
    for (ti, t) in templates.iter().enumerate() {
        let len = (t.length_minutes / iv) as usize;
        if wrap && len > horizon {
            continue;
        }
        let breaks: Vec<(usize, usize, usize)> = t
            .breaks
            .iter()
            .map(|b| {
                let first = (b.earliest_start_minutes / iv) as usize;
                let last = (b.latest_start_minutes / iv) as usize;
                (first, last - first + 1, (b.length_minutes / iv) as usize)
            })
            .collect();
        let per_shift = 1 + breaks.iter().map(|b| b.1).sum::<usize>();
        let cost = t.shift_cost();
        for day in 0..days {
            let weekday = Weekday::ALL[(req.first_day().index() + day) % 7];
            if !t.days.contains(&weekday) {
                continue;
            }
            let mut m = t.earliest_start_minutes;
            while m <= t.latest_start_minutes {
                let start = day * per_day + (m / iv) as usize;
                if start < horizon && (wrap || start + len <= horizon) {
                    // Bound the work before allocating: every candidate adds `per_shift`
                    // variables.
                    vars += per_shift;
                    if vars > MAX_VARIABLES {
                        return Err(Error::TooLarge {
                            variables: vars,
                            max: MAX_VARIABLES,
                        });
                    }
                    out.push(Candidate {
                        template: ti,
                        day,
                        start_minutes: m,
                        start,
                        len,
                        breaks: breaks.clone(),
                        cost,
                    });
                }
                m = match m.checked_add(t.start_step_minutes) {
                    Some(v) => v,
                    None => break,
                };
            }
        }
    }
    Ok(out)
}
