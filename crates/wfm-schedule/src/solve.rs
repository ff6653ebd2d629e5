//! The integer program and its solution through `good_lp` and the pure-Rust `microlp` solver.
//!
//! Variables: `x_s` agents on candidate shift `s`; `y_{s,r,k}` agents of shift `s` taking
//! break `r` at its `k`-th allowed offset, with `Σ_k y_{s,r,k} = x_s` (breaks are placed with
//! the shifts, not after them). Available agents in interval `t`:
//! `a_t = Σ_{s ∋ t} x_s − Σ_{(s,r,k): break covers t} y_{s,r,k}`.
//! Minimum cost: `min Σ c_s x_s` subject to `a_t ≥ r_t`. Minimum deviation:
//! `min Σ (w_u u_t + w_o o_t)` subject to `a_t − o_t + u_t = r_t`, with the caps.

use std::time::{Duration, Instant};

use good_lp::solvers::{Solution, SolutionStatus, WithInitialSolution, WithMipGap, WithTimeLimit};
use good_lp::{
    Expression, ProblemVariables, ResolutionError, SolverModel, Variable, constraint, variable,
};

use crate::error::{Error, Result};
use crate::problem::{Objective, Problem};
use crate::requirements::Weekday;
use crate::schedule::{BreakSlot, IntervalCoverage, Schedule, ScheduledShift, Status};
use crate::verify::{coverage_of, objective_of};

/// The longest time limit accepted, in seconds (one day).
///
/// ```
/// assert_eq!(wfm_schedule::MAX_TIME_LIMIT_SECONDS, 86_400.0);
/// ```
pub const MAX_TIME_LIMIT_SECONDS: f64 = 86_400.0;

/// How long to search and when to stop.
///
/// ```
/// use std::time::Duration;
/// let o = wfm_schedule::SolveOptions { time_limit: Duration::from_secs(5), relative_gap: 0.01 };
/// assert_eq!(o.relative_gap, 0.01);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SolveOptions {
    /// Wall-clock budget of the solver (default 10 s, at most
    /// [`MAX_TIME_LIMIT_SECONDS`]). When it passes, the best schedule found is returned with
    /// [`Status::TimeLimit`] and its gap.
    pub time_limit: Duration,
    /// Stop once the schedule is proven within this relative gap of the optimum (default 0:
    /// prove optimality). Within 0..=1.
    pub relative_gap: f64,
}

impl Default for SolveOptions {
    fn default() -> Self {
        Self {
            time_limit: Duration::from_secs(10),
            relative_gap: 0.0,
        }
    }
}

/// One solve of the model.
struct Run {
    values: Vec<f64>,
    status: Status,
    bound: Option<f64>,
}

struct Model {
    vars: ProblemVariables,
    x: Vec<Variable>,
    /// Per candidate, per break rule, per offset.
    y: Vec<Vec<Vec<Variable>>>,
}

impl Problem {
    /// Solves the problem: agents per shift and break slot, coverage, status, bound and gap.
    ///
    /// Errors: [`Error::Infeasible`] when no schedule meets the constraints (naming the first
    /// interval no shift can cover, when that is the reason), [`Error::NoSolutionInTime`]
    /// when the time limit passes before any schedule is found.
    ///
    /// Speed: the model has [`Problem::variables`] variables and one row per interval. A day of
    /// 15-minute intervals with a few dozen candidate shifts solves in milliseconds; see the
    /// crate documentation for measured week-long instances.
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// use wfm_schedule::{BreakRule, Objective, Problem, Requirements, ShiftTemplate, SolveOptions};
    /// let req = Requirements::new(IntervalLength::MINUTES_30, vec![2; 16])?;
    /// let mut t = ShiftTemplate::new("day", 0, 0, 8 * 60);
    /// t.breaks.push(BreakRule::new(3 * 60, 4 * 60, 30));
    /// let s = Problem::new(req, vec![t], Objective::MinCost)?.solve(&SolveOptions::default())?;
    /// // Two agents on break at different times need a third agent to cover.
    /// assert_eq!(s.total_shifts(), 3);
    /// assert!(s.coverage.iter().all(|c| c.available() >= 2));
    /// # Ok::<(), wfm_schedule::Error>(())
    /// ```
    pub fn solve(&self, options: &SolveOptions) -> Result<Schedule> {
        let limit = options.time_limit.as_secs_f64();
        if !(limit > 0.0 && limit <= MAX_TIME_LIMIT_SECONDS) {
            return Err(Error::InvalidNumber {
                parameter: "time_limit seconds",
                value: limit,
                min: f64::MIN_POSITIVE,
                max: MAX_TIME_LIMIT_SECONDS,
            });
        }
        if !(options.relative_gap.is_finite() && (0.0..=1.0).contains(&options.relative_gap)) {
            return Err(Error::InvalidNumber {
                parameter: "relative_gap",
                value: options.relative_gap,
                min: 0.0,
                max: 1.0,
            });
        }
        self.precheck()?;
        let started = Instant::now();
        // 1. The linear-programming relaxation: a lower bound, and (under minimum cost) a
        //    rounded-up schedule to start the search from.
        let mut lp_bound = None;
        let mut start_from = None;
        match self.run(true, limit, 0.0, None) {
            Ok(run) => {
                lp_bound = run.bound;
                if self.objective == Objective::MinCost {
                    start_from = Some(self.heuristic(&run.values));
                }
            }
            Err(Error::Infeasible { reason }) => return Err(Error::Infeasible { reason }),
            // The relaxation ran out of time: a greedy schedule is all there is time for.
            Err(_) if self.objective == Objective::MinCost => {
                let mut v = vec![0.0; self.variable_count()];
                if self.repair(&mut v) {
                    self.trim(&mut v);
                    start_from = Some(v);
                }
            }
            Err(_) => {}
        }
        // 2. The integer program, from the rounded schedule, within the time left (skipped
        //    when the relaxation used it all: the solver would overrun the limit).
        let left = limit - started.elapsed().as_secs_f64();
        let exact = if lp_bound.is_some() && left > 0.02 * limit {
            self.run(false, left, options.relative_gap, start_from.as_deref())
        } else {
            Err(Error::NoSolutionInTime { seconds: limit })
        };
        let solve_time = started.elapsed();
        let (values, status, solver_bound) = match exact {
            Ok(run) => (run.values, run.status, run.bound),
            Err(Error::NoSolutionInTime { .. }) => match start_from {
                Some(v) if self.fits_limits(&v) => (v, Status::TimeLimit, None),
                _ => return Err(Error::NoSolutionInTime { seconds: limit }),
            },
            Err(e) => return Err(e),
        };
        let shifts = self.shifts_from(&values)?;
        let coverage: Vec<IntervalCoverage> = coverage_of(self, &shifts);
        let objective = objective_of(self, &shifts, &coverage);
        // The best proven bound: the solver's, else the relaxation's; never above the
        // objective of a schedule we hold.
        let best_bound = match (solver_bound, lp_bound) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
        .filter(|b| b.is_finite())
        .map(|b| b.min(objective));
        let gap = best_bound.map(|b| ((objective - b) / objective.abs().max(1.0)).max(0.0));
        Ok(Schedule {
            status,
            objective,
            best_bound,
            gap,
            solve_time,
            shifts,
            coverage,
        })
    }

    /// Builds and solves the model (continuous when `relaxed`), returning the values of the
    /// shift and break variables in candidate order.
    fn run(&self, relaxed: bool, limit: f64, gap: f64, warm: Option<&[f64]>) -> Result<Run> {
        let Model { mut vars, x, y } = self.variables_of(relaxed);
        let horizon = self.requirements.len();
        let mut available: Vec<Expression> = vec![Expression::from(0.0); horizon];
        for (s, c) in self.candidates.iter().enumerate() {
            for k in 0..c.len {
                let t = self.at(c.start, k);
                available[t] += x[s];
            }
            for (r, &(first, _, blen)) in c.breaks.iter().enumerate() {
                for (k, &v) in y[s][r].iter().enumerate() {
                    for j in 0..blen {
                        let t = self.at(c.start, first + k + j);
                        available[t] -= v;
                    }
                }
            }
        }
        let mut constraints = Vec::new();
        for (s, ys_of) in y.iter().enumerate() {
            for ys in ys_of {
                let sum: Expression = ys.iter().copied().sum();
                constraints.push(constraint::eq(sum, x[s]));
            }
        }
        for (ti, t) in self.templates.iter().enumerate() {
            let total: Expression = self
                .candidates
                .iter()
                .zip(&x)
                .filter(|(c, _)| c.template == ti)
                .map(|(_, &v)| v)
                .sum();
            if t.min_total > 0 {
                constraints.push(constraint::geq(total.clone(), f64::from(t.min_total)));
            }
            if let Some(m) = t.max_total {
                constraints.push(constraint::leq(total, f64::from(m)));
            }
        }
        let counts = self.requirements.counts();
        let objective: Expression = match self.objective {
            Objective::MinCost => {
                for (a, &r) in available.into_iter().zip(counts) {
                    if r > 0 {
                        constraints.push(constraint::geq(a, f64::from(r)));
                    }
                }
                self.candidates
                    .iter()
                    .zip(&x)
                    .map(|(c, &v)| c.cost * v)
                    .sum()
            }
            Objective::MinDeviation {
                under_weight,
                over_weight,
                max_on_duty,
                max_shifts,
            } => {
                let mut obj = Expression::from(0.0);
                for (a, &r) in available.into_iter().zip(counts) {
                    let under = vars.add(variable().min(0.0));
                    let over = vars.add(variable().min(0.0));
                    if let Some(cap) = max_on_duty {
                        constraints.push(constraint::leq(a.clone(), f64::from(cap)));
                    }
                    constraints.push(constraint::eq(a - over + under, f64::from(r)));
                    obj += under_weight * under + over_weight * over;
                }
                if let Some(cap) = max_shifts {
                    let total: Expression = x.iter().copied().sum();
                    constraints.push(constraint::leq(total, f64::from(cap)));
                }
                obj
            }
        };
        let order: Vec<Variable> = x
            .iter()
            .zip(&y)
            .flat_map(|(&xs, ys)| std::iter::once(xs).chain(ys.iter().flatten().copied()))
            .collect();
        let mut model = vars
            .minimise(objective)
            .using(good_lp::microlp)
            .with_time_limit(limit);
        // The gap is checked to be within 0..=1, so it is a finite f32.
        #[allow(clippy::cast_possible_truncation)]
        let gap32 = gap as f32;
        model = model
            .with_mip_gap(gap32)
            .map_err(|e| Error::Solver(e.to_string()))?;
        if let Some(w) = warm {
            model = model.with_initial_solution(order.iter().copied().zip(w.iter().copied()));
        }
        for c in constraints {
            model.add_constraint(c);
        }
        let solution = model.solve().map_err(|e| match e {
            ResolutionError::Infeasible => Error::Infeasible {
                reason: "the limits on shifts, the caps and the requirements cannot all be met"
                    .into(),
            },
            ResolutionError::Other(m) if m.contains("Time limit") => {
                Error::NoSolutionInTime { seconds: limit }
            }
            other => Error::Solver(other.to_string()),
        })?;
        let status = match solution.status() {
            SolutionStatus::Optimal => Status::Optimal,
            SolutionStatus::GapLimit => Status::GapLimit,
            _ => Status::TimeLimit,
        };
        let values: Vec<f64> = order.iter().map(|&v| solution.value(v)).collect();
        let stats = solution.into_inner().stats();
        Ok(Run {
            values,
            status,
            bound: stats.best_bound,
        })
    }

    /// Rounds a relaxed solution up to an integer schedule that covers at least as much in
    /// every interval: each break slot is rounded up, each shift gets as many agents as its
    /// most-rounded break needs, and the extra agents take that break's first slot (an agent
    /// with a break never lowers any interval's availability).
    fn round_up(&self, values: &[f64]) -> Vec<f64> {
        let up = |v: f64| (v - 1e-6).ceil().max(0.0);
        let mut out = Vec::with_capacity(values.len());
        let mut i = 0;
        for c in &self.candidates {
            let x = values.get(i).copied().unwrap_or(0.0);
            i += 1;
            let mut rules: Vec<Vec<f64>> = Vec::with_capacity(c.breaks.len());
            for &(_, n, _) in &c.breaks {
                rules.push(
                    (0..n)
                        .map(|k| up(values.get(i + k).copied().unwrap_or(0.0)))
                        .collect(),
                );
                i += n;
            }
            let mut agents = up(x);
            for ys in &rules {
                agents = agents.max(ys.iter().sum());
            }
            out.push(agents);
            for mut ys in rules {
                let extra = agents - ys.iter().sum::<f64>();
                if let Some(first) = ys.first_mut() {
                    *first += extra;
                }
                out.extend(ys);
            }
        }
        out
    }

    /// A covering schedule near the relaxation (minimum cost): the cheaper of (a) rounding up
    /// and (b) rounding down then adding the shift that covers most missing agent-intervals
    /// per unit of cost, each followed by greedy descent.
    fn heuristic(&self, relaxed: &[f64]) -> Vec<f64> {
        let mut up = self.round_up(relaxed);
        self.trim(&mut up);
        let mut down = self.round_down(relaxed);
        if self.repair(&mut down) {
            self.trim(&mut down);
            if self.cost_of(&down) < self.cost_of(&up) {
                return down;
            }
        }
        up
    }

    fn cost_of(&self, values: &[f64]) -> f64 {
        let mut i = 0;
        let mut total = 0.0;
        for c in &self.candidates {
            total += c.cost * values.get(i).copied().unwrap_or(0.0);
            i += 1 + c.breaks.iter().map(|b| b.1).sum::<usize>();
        }
        total
    }

    /// Rounds shifts down; each break's slots are rounded down and the agents left over take
    /// the slots with the largest fractional parts.
    fn round_down(&self, values: &[f64]) -> Vec<f64> {
        let mut out = Vec::with_capacity(values.len());
        let mut i = 0;
        for c in &self.candidates {
            let x = (values.get(i).copied().unwrap_or(0.0) + 1e-6)
                .floor()
                .max(0.0);
            out.push(x);
            i += 1;
            for &(_, n, _) in &c.breaks {
                let ys: Vec<f64> = (0..n)
                    .map(|k| values.get(i + k).copied().unwrap_or(0.0).max(0.0))
                    .collect();
                let mut fl: Vec<f64> = ys.iter().map(|y| (y + 1e-6).floor()).collect();
                let mut left = x - fl.iter().sum::<f64>();
                let mut by_fraction: Vec<usize> = (0..n).collect();
                by_fraction.sort_by(|&a, &b| (ys[b] - fl[b]).total_cmp(&(ys[a] - fl[a])));
                let mut j = 0;
                while left >= 1.0 && n > 0 {
                    fl[by_fraction[j % n]] += 1.0;
                    left -= 1.0;
                    j += 1;
                }
                out.extend(fl);
                i += n;
            }
        }
        out
    }

    /// Adds agents until every interval is covered, each time the shift (with its best break
    /// slots) covering most missing agent-intervals per unit of cost. `false` when no shift
    /// helps (the limits block it).
    fn repair(&self, values: &mut [f64]) -> bool {
        let mut deficit = self.slack(values);
        for d in &mut deficit {
            *d = -*d;
        }
        let offsets = self.offsets();
        let mut totals = vec![0.0; self.templates.len()];
        for (c, &at) in self.candidates.iter().zip(&offsets) {
            totals[c.template] += values.get(at).copied().unwrap_or(0.0);
        }
        while deficit.iter().any(|&d| d > 0.5) {
            let mut best: Option<(f64, usize, Vec<usize>)> = None;
            for (s, c) in self.candidates.iter().enumerate() {
                let t = &self.templates[c.template];
                let x = values.get(offsets[s]).copied().unwrap_or(0.0);
                if t.max_per_shift.is_some_and(|m| x + 1.0 > f64::from(m))
                    || t.max_total
                        .is_some_and(|m| totals[c.template] + 1.0 > f64::from(m))
                {
                    continue;
                }
                let mut gain: f64 = (0..c.len)
                    .filter(|&k| deficit[self.at(c.start, k)] > 0.5)
                    .count() as f64;
                let mut slots = Vec::with_capacity(c.breaks.len());
                for &(first, n, blen) in &c.breaks {
                    let lost = |k: usize| {
                        (0..blen)
                            .filter(|&b| deficit[self.at(c.start, first + k + b)] > 0.5)
                            .count()
                    };
                    let k = (0..n).min_by_key(|&k| lost(k)).unwrap_or(0);
                    gain -= lost(k) as f64;
                    slots.push(k);
                }
                if gain <= 0.0 {
                    continue;
                }
                let score = gain / c.cost.max(1e-9);
                if best.as_ref().is_none_or(|b| score > b.0) {
                    best = Some((score, s, slots));
                }
            }
            let Some((_, s, slots)) = best else {
                return false;
            };
            let c = &self.candidates[s];
            let at = offsets[s];
            values[at] += 1.0;
            totals[c.template] += 1.0;
            let mut on_break = vec![false; c.len];
            let mut j = at + 1;
            for (&(first, n, blen), &k) in c.breaks.iter().zip(&slots) {
                values[j + k] += 1.0;
                for b in 0..blen {
                    if let Some(v) = on_break.get_mut(first + k + b) {
                        *v = true;
                    }
                }
                j += n;
            }
            for (k, &off) in on_break.iter().enumerate() {
                if !off {
                    deficit[self.at(c.start, k)] -= 1.0;
                }
            }
        }
        true
    }

    /// Shift and break variables (the deviations excluded).
    fn variable_count(&self) -> usize {
        self.candidates
            .iter()
            .map(|c| 1 + c.breaks.iter().map(|b| b.1).sum::<usize>())
            .sum()
    }

    /// Index of each candidate's shift variable in variable order.
    fn offsets(&self) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.candidates.len());
        let mut i = 0;
        for c in &self.candidates {
            out.push(i);
            i += 1 + c.breaks.iter().map(|b| b.1).sum::<usize>();
        }
        out
    }

    /// Available agents less required agents per interval, for values in variable order.
    fn slack(&self, values: &[f64]) -> Vec<f64> {
        let mut slack: Vec<f64> = self
            .requirements
            .counts()
            .iter()
            .map(|&r| -f64::from(r))
            .collect();
        let mut i = 0;
        for c in &self.candidates {
            let x = values.get(i).copied().unwrap_or(0.0);
            for k in 0..c.len {
                slack[self.at(c.start, k)] += x;
            }
            i += 1;
            for &(first, n, blen) in &c.breaks {
                for k in 0..n {
                    let y = values.get(i + k).copied().unwrap_or(0.0);
                    for j in 0..blen {
                        slack[self.at(c.start, first + k + j)] -= y;
                    }
                }
                i += n;
            }
        }
        slack
    }

    /// Greedy descent on a covering schedule (minimum cost): removes one agent at a time,
    /// most expensive shifts first, whenever every interval stays covered, choosing for each
    /// break the slot whose removal keeps coverage.
    fn trim(&self, values: &mut [f64]) {
        let horizon = self.requirements.len();
        let mut slack = self.slack(values);
        let offsets = self.offsets();
        let mut order: Vec<usize> = (0..self.candidates.len()).collect();
        order.sort_by(|&a, &b| self.candidates[b].cost.total_cmp(&self.candidates[a].cost));
        let mut on_break = vec![false; horizon];
        for s in order {
            let c = &self.candidates[s];
            let at = offsets[s];
            'agents: while values.get(at).is_some_and(|&x| x >= 1.0) {
                // Choose one break slot per rule with an agent on it, covering the intervals
                // without slack if possible.
                let mut chosen = Vec::with_capacity(c.breaks.len());
                let mut j = at + 1;
                for &(first, n, blen) in &c.breaks {
                    let best = (0..n)
                        .filter(|&k| values.get(j + k).is_some_and(|&y| y >= 1.0))
                        .max_by_key(|&k| {
                            (0..blen)
                                .filter(|&b| slack[self.at(c.start, first + k + b)] < 1.0)
                                .count()
                        });
                    let Some(k) = best else { break 'agents };
                    chosen.push((j + k, first + k, blen));
                    j += n;
                }
                for &(_, off, blen) in &chosen {
                    for b in 0..blen {
                        on_break[off + b] = true;
                    }
                }
                let ok = (0..c.len).all(|k| {
                    on_break.get(k).copied().unwrap_or(false) || slack[self.at(c.start, k)] >= 1.0
                });
                if ok {
                    for k in 0..c.len {
                        if !on_break.get(k).copied().unwrap_or(false) {
                            slack[self.at(c.start, k)] -= 1.0;
                        }
                    }
                    values[at] -= 1.0;
                    for &(var, _, _) in &chosen {
                        values[var] -= 1.0;
                    }
                }
                for &(_, off, blen) in &chosen {
                    for b in 0..blen {
                        on_break[off + b] = false;
                    }
                }
                if !ok {
                    break;
                }
            }
        }
    }

    /// Whether a schedule (in variable order) meets the per-shift and total limits.
    fn fits_limits(&self, values: &[f64]) -> bool {
        let mut totals = vec![0.0; self.templates.len()];
        let mut i = 0;
        for c in &self.candidates {
            let x = values.get(i).copied().unwrap_or(0.0);
            let t = &self.templates[c.template];
            if t.max_per_shift.is_some_and(|m| x > f64::from(m)) {
                return false;
            }
            totals[c.template] += x;
            i += 1 + c.breaks.iter().map(|b| b.1).sum::<usize>();
        }
        self.templates.iter().zip(totals).all(|(t, n)| {
            n >= f64::from(t.min_total) && t.max_total.is_none_or(|m| n <= f64::from(m))
        })
    }

    /// The shifts with at least one agent, from values in variable order.
    fn shifts_from(&self, values: &[f64]) -> Result<Vec<ScheduledShift>> {
        let agents = |i: usize| -> Result<u32> {
            let value = values.get(i).copied().unwrap_or(0.0).round();
            if value.is_finite() && (0.0..=f64::from(u32::MAX)).contains(&value) {
                // Checked finite, non-negative and within u32 just above.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                Ok(value as u32)
            } else {
                Err(Error::Solver(format!("a variable came back as {value}")))
            }
        };
        let iv = self.requirements.interval_minutes();
        let mut shifts = Vec::new();
        let mut i = 0;
        for c in &self.candidates {
            let n = agents(i)?;
            i += 1;
            let mut breaks = Vec::new();
            for (r, &(first, count, _)) in c.breaks.iter().enumerate() {
                for k in 0..count {
                    let b = agents(i + k)?;
                    if b > 0 {
                        let offset = u32::try_from(first + k).unwrap_or(u32::MAX);
                        breaks.push(BreakSlot {
                            rule: r,
                            start_offset_minutes: offset.saturating_mul(iv),
                            agents: b,
                        });
                    }
                }
                i += count;
            }
            if n == 0 {
                continue;
            }
            shifts.push(ScheduledShift {
                template: c.template,
                name: self.templates[c.template].name.clone(),
                day: c.day,
                weekday: Weekday::ALL[(self.requirements.first_day().index() + c.day) % 7],
                start_minutes: c.start_minutes,
                start_interval: c.start,
                agents: n,
                breaks,
            });
        }
        Ok(shifts)
    }

    fn variables_of(&self, relaxed: bool) -> Model {
        let mut vars = ProblemVariables::new();
        let mut x = Vec::with_capacity(self.candidates.len());
        let mut y = Vec::with_capacity(self.candidates.len());
        let kind = |d: good_lp::VariableDefinition| if relaxed { d } else { d.integer() };
        for c in &self.candidates {
            let t = &self.templates[c.template];
            let mut def = kind(variable().min(0.0));
            if let Some(m) = t.max_per_shift {
                def = def.max(f64::from(m));
            }
            x.push(vars.add(def));
            y.push(
                c.breaks
                    .iter()
                    .map(|&(_, n, _)| {
                        (0..n)
                            .map(|_| vars.add(kind(variable().min(0.0))))
                            .collect()
                    })
                    .collect(),
            );
        }
        Model { vars, x, y }
    }

    /// Under minimum cost, an interval with a requirement that no candidate shift covers
    /// makes the problem infeasible: name it.
    fn precheck(&self) -> Result<()> {
        if self.objective != Objective::MinCost {
            return Ok(());
        }
        let mut covered = vec![false; self.requirements.len()];
        for c in &self.candidates {
            for k in 0..c.len {
                covered[self.at(c.start, k)] = true;
            }
        }
        let per_day = self.requirements.interval().per_day() as usize;
        let iv = self.requirements.interval_minutes() as usize;
        if let Some(t) = covered
            .iter()
            .zip(self.requirements.counts())
            .position(|(&c, &r)| !c && r > 0)
        {
            let day = t / per_day;
            let minute = (t % per_day) * iv;
            let weekday = Weekday::ALL[(self.requirements.first_day().index() + day) % 7];
            return Err(Error::Infeasible {
                reason: format!(
                    "interval {t} (day {day}, {} {:02}:{:02}) requires {} agents but no shift template covers it",
                    weekday.short_name(),
                    minute / 60,
                    minute % 60,
                    self.requirements.counts()[t]
                ),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BreakRule, Requirements, ShiftTemplate};
    use proptest::prelude::*;
    use wfm_forecast::IntervalLength;

    fn problem(counts: Vec<u32>, starts: u32, breaks: bool) -> Problem {
        let req = Requirements::new(IntervalLength::MINUTES_30, counts).expect("valid counts");
        let mut long = ShiftTemplate::new("long", 0, starts * 30, 8 * 60);
        long.start_step_minutes = 30;
        let mut short = ShiftTemplate::new("short", 0, starts * 30, 4 * 60);
        short.start_step_minutes = 30;
        short.cost_per_paid_hour = 1.2;
        if breaks {
            long.breaks.push(BreakRule::new(60, 150, 30));
            long.breaks.push(BreakRule::new(180, 300, 60).unpaid());
            short.breaks.push(BreakRule::new(60, 150, 30));
        }
        Problem::new(req, vec![long, short], Objective::MinCost).expect("valid problem")
    }

    fn variables(p: &Problem) -> usize {
        p.offsets().last().map_or(0, |&o| o + 1)
            + p.candidates
                .last()
                .map_or(0, |c| c.breaks.iter().map(|b| b.1).sum::<usize>())
    }

    fn schedule_of(p: &Problem, v: &[f64]) -> Schedule {
        let shifts = p.shifts_from(v).expect("integral values");
        let coverage = coverage_of(p, &shifts);
        let objective = objective_of(p, &shifts, &coverage);
        Schedule {
            status: Status::TimeLimit,
            objective,
            best_bound: None,
            gap: None,
            solve_time: Duration::ZERO,
            shifts,
            coverage,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

        /// The greedy schedule (used when the relaxation runs out of time) and the rounded
        /// relaxation (the branch and bound's start) both cover every interval, and greedy
        /// descent keeps them covering while never raising the cost.
        #[test]
        fn heuristics_cover_every_interval(
            counts in proptest::collection::vec(0u32..6, 16..=24),
            starts in 0u32..=16,
            breaks in any::<bool>(),
        ) {
            let p = problem(counts, starts, breaks);
            // Only problems where every required interval lies in some shift.
            prop_assume!(p.precheck().is_ok());
            let mut greedy = vec![0.0; variables(&p)];
            prop_assert!(p.repair(&mut greedy));
            let before = p.cost_of(&greedy);
            p.trim(&mut greedy);
            prop_assert!(p.cost_of(&greedy) <= before + 1e-9);
            let s = schedule_of(&p, &greedy);
            prop_assert!(p.verify(&s).is_empty(), "{:?}", p.verify(&s));

            let lp = p.run(true, 10.0, 0.0, None).expect("the relaxation solves");
            let mut up = p.round_up(&lp.values);
            let s = schedule_of(&p, &up);
            prop_assert!(p.verify(&s).is_empty(), "{:?}", p.verify(&s));
            p.trim(&mut up);
            let s = schedule_of(&p, &up);
            prop_assert!(p.verify(&s).is_empty(), "{:?}", p.verify(&s));
            let h = p.heuristic(&lp.values);
            let s = schedule_of(&p, &h);
            prop_assert!(p.verify(&s).is_empty(), "{:?}", p.verify(&s));
            // No integer schedule costs less than the relaxation.
            prop_assert!(s.objective >= lp.bound.unwrap_or(0.0) - 1e-6);
        }
    }
}
