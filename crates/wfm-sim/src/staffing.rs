//! Staffing an agent mix: the fewest agents per group and interval so that every call type
//! meets its service-level target in every interval.
//!
//! # Method
//! The search runs from two analytic starts and keeps the better result:
//!
//! 1. **Analytic starts.** Erlang C (from the wfm-forecast crate) per interval. *Separate*:
//!    each call type's own requirement, at its mean handle time, in its preferred group
//!    (lowest skill priority, then fewest skills, then first); this ignores pooling. *Pooled*:
//!    the types the most flexible group answers are staffed there together, as one queue with
//!    their summed load (the strictest of their answer times and targets), the others as in
//!    the separate start.
//! 2. **Repair.** While some (type, interval) misses its target, one agent is added in that
//!    interval to whichever group with the skill most reduces the total shortfall
//!    `Σ offered × max(0, target − service level)`.
//! 3. **Trim.** Intervals are visited from the last to the first and, within one, groups from
//!    the largest to the smallest; one agent is removed whenever every target is still met.
//!    Passes repeat until one removes nobody.
//! 4. **Exchange.** Two agents of one interval (of one group or two) are replaced by one agent
//!    of another group (pooling: a generalist for two specialists) when every target still
//!    holds; after each exchange the trim runs again.
//!
//! Every candidate is judged by simulating the same replications (same seed, so the same
//! calls: common random numbers), and "meets the target" means that the service level
//! (answered within T ÷ offered, pooled over those replications) reaches the target. The
//! result is therefore a local optimum of that sample (no single agent can be removed), not a
//! proof for the true expectation: more replications shrink the sampling error.
//!
//! # Stopping rule and gap
//! The search stops when neither a single removal nor an exchange keeps every target (a local
//! optimum for those moves), or after [`MAX_EVALUATIONS`] candidate simulations (then it
//! reports `converged: false`). An exchange pass costs up to `groups³ × intervals`
//! simulations, so the search is meant for a handful of groups. On the small "N" and "W"
//! cases of the tests, where every mix can be enumerated on the same replications, it finds
//! the brute-force optimum (gap 0; the separate start alone stopped one agent above it on the
//! "W" design); the guarantee it gives is local, not global.

use wfm_forecast::{ErlangC, ServiceTarget, Targets, TimeSpan};

use crate::config::Model;
use crate::engine::replicate;
use crate::error::{Result, out_of_range};
use crate::routing::SkillRouter;

/// Most candidate simulations in one staffing search.
///
/// ```
/// assert_eq!(wfm_sim::MAX_EVALUATIONS, 10_000);
/// ```
pub const MAX_EVALUATIONS: u32 = 10_000;

/// The outcome of [`staff`].
///
/// ```
/// let model = wfm_sim::single_queue(5.0, 120.0, None, 1, 2, 1800)?;
/// let s = wfm_sim::staff(&model, &[0.8], 10, 1)?;
/// assert!(s.converged && s.total_agent_intervals > 0);
/// # Ok::<(), wfm_sim::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Staffing {
    /// Agents per group (outer) and interval (inner).
    pub headcount: Vec<Vec<u32>>,
    /// The analytic starting point, same shape.
    pub start: Vec<Vec<u32>>,
    /// Sum of `headcount` (agent-intervals).
    pub total_agent_intervals: u64,
    /// Service level (answered within T ÷ offered, pooled over the replications) per call type
    /// and interval at the result; `None` where no call was offered.
    pub service_levels: Vec<Vec<Option<f64>>>,
    /// Candidates simulated.
    pub evaluations: u32,
    /// Whether the search stopped by its rule rather than by [`MAX_EVALUATIONS`].
    pub converged: bool,
}

struct Search<'a> {
    model: &'a Model,
    targets: &'a [f64],
    replications: u64,
    seed: u64,
    evaluations: u32,
}

/// Per (type, interval): (answered within T, offered), pooled over the replications.
type Cells = Vec<(u64, u64)>;

/// A search's result: total, headcount, start, cells, converged.
type Candidate = (u64, Vec<Vec<u32>>, Vec<Vec<u32>>, Cells, bool);

impl Search<'_> {
    fn evaluate(&mut self, h: &[Vec<u32>]) -> Result<Option<Cells>> {
        if self.evaluations >= MAX_EVALUATIONS {
            return Ok(None);
        }
        self.evaluations += 1;
        let mut m = self.model.clone();
        for (g, row) in h.iter().enumerate() {
            m = m.with_headcount(g, row)?;
        }
        let router = SkillRouter::new(&m);
        let (nt, ni) = (m.call_types(), m.intervals());
        let mut cells = vec![(0, 0); nt * ni];
        for r in 0..self.replications {
            let t = replicate(&m, &router, self.seed, r)?;
            for (j, c) in cells.iter_mut().enumerate() {
                let cell = t.cell(j / ni, j % ni);
                c.0 += cell.answered_within;
                c.1 += cell.offered;
            }
        }
        Ok(Some(cells))
    }

    /// `Σ offered × max(0, target − SL)` over the cells.
    fn shortfall(&self, cells: &Cells) -> f64 {
        let ni = self.model.intervals();
        cells
            .iter()
            .enumerate()
            .filter(|(_, c)| c.1 > 0)
            .map(|(j, c)| (self.targets[j / ni] * c.1 as f64 - c.0 as f64).max(0.0))
            .sum()
    }
}

/// Searches the fewest agents per group and interval so that every call type's service level
/// (answered within its T ÷ offered) reaches `targets[type]` in every interval with calls,
/// judged on `replications` replications seeded `seed` (see the module docs for the method).
///
/// ```
/// use wfm_sim::{CallType, Config, Group, HandleTime, Model, Patience, Skill, staff};
/// let ht = HandleTime::Exponential { mean_seconds: 180.0 };
/// let ty = |n: &str, v: f64| CallType { name: n.into(), volumes: vec![v], handle_time: ht.clone(),
///     patience: Patience::None, answer_within_seconds: 20.0 };
/// let g = |n: &str, s: Vec<Skill>| Group { name: n.into(), headcount: vec![0], skills: s, reserve: None };
/// let model = Model::new(&Config { interval_seconds: 1800, warmup_intervals: 0,
///     call_types: vec![ty("a", 40.0), ty("b", 30.0)],
///     groups: vec![g("a", vec![Skill::new("a")]), g("both", vec![Skill::new("a"), Skill::new("b")])] })?;
/// let s = staff(&model, &[0.8, 0.8], 20, 7)?;
/// assert!(s.service_levels.iter().flatten().flatten().all(|&sl| sl >= 0.8));
/// assert!(s.total_agent_intervals <= s.start.iter().flatten().map(|&n| u64::from(n)).sum::<u64>() + 2);
/// # Ok::<(), wfm_sim::Error>(())
/// ```
pub fn staff(model: &Model, targets: &[f64], replications: u32, seed: u64) -> Result<Staffing> {
    let (nt, _, ni) = (model.call_types(), model.groups(), model.intervals());
    if targets.len() != nt {
        return Err(crate::Error::LengthMismatch {
            parameter: "targets".into(),
            len: targets.len(),
            expected: nt,
        });
    }
    for &t in targets {
        if !(t.is_finite() && t > 0.0 && t < 1.0) {
            return Err(out_of_range("targets", t, "(0, 1)"));
        }
    }
    if replications == 0 || replications > crate::MAX_REPLICATIONS {
        return Err(out_of_range("replications", replications, "1..=100000"));
    }
    let mut search = Search {
        model,
        targets,
        replications: u64::from(replications),
        seed,
        evaluations: 0,
    };
    let mut best: Option<Candidate> = None;
    for pooled in [false, true] {
        let start = analytic_start(model, targets, pooled);
        let (h, cells, converged) = improve(&mut search, start.clone())?;
        let total = h.iter().flatten().map(|&n| u64::from(n)).sum::<u64>();
        // A search cut short by the budget only wins if nothing else is known.
        if best
            .as_ref()
            .is_none_or(|b| (converged && !b.4) || (converged == b.4 && total < b.0))
        {
            best = Some((total, h, start, cells, converged));
        }
    }
    let Some((total, h, start, cells, converged)) = best else {
        return Err(out_of_range("evaluations", 0, "at least one candidate"));
    };
    let service_levels = (0..nt)
        .map(|k| {
            (0..ni)
                .map(|i| {
                    let c = cells[k * ni + i];
                    (c.1 > 0).then(|| c.0 as f64 / c.1 as f64)
                })
                .collect()
        })
        .collect();
    Ok(Staffing {
        total_agent_intervals: total,
        headcount: h,
        start,
        service_levels,
        evaluations: search.evaluations,
        converged,
    })
}

/// The analytic start: Erlang C agents per type and interval, in the type's preferred group
/// (`pooled = false`: lowest priority, then fewest skills) or in the group with the most
/// skills for all the types it answers together (`pooled = true`).
fn analytic_start(model: &Model, targets: &[f64], pooled: bool) -> Vec<Vec<u32>> {
    let (nt, ng, ni) = (model.call_types(), model.groups(), model.intervals());
    let mut h = vec![vec![0u32; ni]; ng];
    let flexible = (0..ng)
        .max_by_key(|&g| (skills_of(model, g), std::cmp::Reverse(g)))
        .unwrap_or(0);
    let preferred = |k: usize| {
        (0..ng)
            .filter_map(|g| {
                model.skills[k * ng + g]
                    .as_ref()
                    .map(|s| (s.priority, skills_of(model, g), g))
            })
            .min()
            .map_or(0, |(_, _, g)| g)
    };
    #[allow(clippy::needless_range_loop)] // `i` indexes rates, headcounts and intervals alike
    for i in 0..ni {
        // (erlangs, erlangs × handle time, answer time, target) of the load placed in the
        // flexible group.
        let mut pool = (0.0, 0.0, f64::INFINITY, 0.0f64);
        for k in 0..nt {
            let pooled_here = pooled && model.skills[k * ng + flexible].is_some();
            let g = if pooled_here { flexible } else { preferred(k) };
            let aht = model.skills[k * ng + g]
                .as_ref()
                .map_or(1.0, |s| s.handle.mean());
            let erlangs = model.rates[k][i] * aht;
            if erlangs <= 0.0 {
                continue;
            }
            if pooled_here {
                pool.0 += erlangs;
                pool.1 += erlangs * aht;
                pool.2 = pool.2.min(model.within[k]);
                pool.3 = pool.3.max(targets[k]);
                pool.3 = pool.3.min(0.999_999);
            } else {
                let n = erlang_c_agents(erlangs, aht, model.within[k], targets[k]);
                h[g][i] = h[g][i].saturating_add(n).min(crate::MAX_AGENTS);
            }
        }
        if pool.0 > 0.0 {
            let n = erlang_c_agents(pool.0, pool.1 / pool.0, pool.2, pool.3);
            h[flexible][i] = h[flexible][i].saturating_add(n).min(crate::MAX_AGENTS);
        }
    }
    h
}

/// Repair, trim and exchange from `h`: the result, its cells and whether the stopping rule
/// (rather than the budget) ended it.
fn improve(s: &mut Search<'_>, mut h: Vec<Vec<u32>>) -> Result<(Vec<Vec<u32>>, Cells, bool)> {
    let (nt, ng, ni) = (s.model.call_types(), s.model.groups(), s.model.intervals());
    let model = s.model;
    let targets = s.targets;
    let Some(mut cells) = s.evaluate(&h)? else {
        return Ok((h, Vec::new(), false));
    };
    let mut converged = true;
    // 2. Repair.
    'repair: while s.shortfall(&cells) > 0.0 {
        let worst = (0..nt * ni)
            .filter(|&j| cells[j].1 > 0)
            .max_by(|&a, &b| {
                let f = |j: usize| targets[j / ni] * cells[j].1 as f64 - cells[j].0 as f64;
                f(a).total_cmp(&f(b))
            })
            .unwrap_or(0);
        let (k, i) = (worst / ni, worst % ni);
        let mut best: Option<(f64, usize, Cells)> = None;
        let candidates: Vec<usize> = (0..ng)
            .filter(|&g| model.skills[k * ng + g].is_some() && h[g][i] < crate::MAX_AGENTS)
            .collect();
        for g in candidates {
            h[g][i] += 1;
            let Some(c) = s.evaluate(&h)? else {
                converged = false;
                h[g][i] -= 1;
                break 'repair;
            };
            h[g][i] -= 1;
            let f = s.shortfall(&c);
            if best.as_ref().is_none_or(|b| f < b.0) {
                best = Some((f, g, c));
            }
        }
        let Some((_, g, c)) = best else { break };
        h[g][i] += 1;
        cells = c;
    }
    // 3. Trim, then 4. exchange, until neither changes anything.
    while converged {
        match trim(s, &mut h, &mut cells)? {
            Some(_) => {}
            None => {
                converged = false;
                break;
            }
        }
        match exchange(s, &mut h, &mut cells)? {
            Some(true) => {}
            Some(false) => break,
            None => converged = false,
        }
    }
    Ok((h, cells, converged))
}

/// Removes single agents while every target holds (see the module docs). `None` when the
/// evaluation budget ran out.
fn trim(s: &mut Search<'_>, h: &mut [Vec<u32>], cells: &mut Cells) -> Result<Option<()>> {
    let (ng, ni) = (s.model.groups(), s.model.intervals());
    loop {
        let mut removed = false;
        for i in (0..ni).rev() {
            let mut order: Vec<usize> = (0..ng).collect();
            order.sort_by_key(|&g| (std::cmp::Reverse(h[g][i]), g));
            for g in order {
                if h[g][i] == 0 {
                    continue;
                }
                h[g][i] -= 1;
                match s.evaluate(h)? {
                    None => {
                        h[g][i] += 1;
                        return Ok(None);
                    }
                    Some(c) if s.shortfall(&c) <= 0.0 => {
                        *cells = c;
                        removed = true;
                    }
                    Some(_) => h[g][i] += 1,
                }
            }
        }
        if !removed {
            return Ok(Some(()));
        }
    }
}

/// Tries to replace two agents (of one group or two) by one agent of a third group in one
/// interval while every target holds; applies the first such exchange found. `Some(false)`
/// when none exists, `None` when the evaluation budget ran out.
fn exchange(s: &mut Search<'_>, h: &mut [Vec<u32>], cells: &mut Cells) -> Result<Option<bool>> {
    let (ng, ni) = (s.model.groups(), s.model.intervals());
    for i in (0..ni).rev() {
        for add in 0..ng {
            for a in 0..ng {
                for b in a..ng {
                    if a == add || b == add || h[a][i] == 0 || h[b][i] < 1 + u32::from(a == b) {
                        continue;
                    }
                    h[a][i] -= 1;
                    h[b][i] -= 1;
                    h[add][i] += 1;
                    let outcome = s.evaluate(h)?;
                    match outcome {
                        Some(c) if s.shortfall(&c) <= 0.0 => {
                            *cells = c;
                            return Ok(Some(true));
                        }
                        _ => {
                            h[a][i] += 1;
                            h[b][i] += 1;
                            h[add][i] -= 1;
                            if outcome.is_none() {
                                return Ok(None);
                            }
                        }
                    }
                }
            }
        }
    }
    Ok(Some(false))
}

fn skills_of(model: &Model, g: usize) -> usize {
    let ng = model.groups();
    (0..model.call_types())
        .filter(|k| model.skills[k * ng + g].is_some())
        .count()
}

/// Erlang C agents for one type alone; `⌈A⌉ + 1` where Erlang C cannot say (T = 0).
fn erlang_c_agents(erlangs: f64, aht: f64, within: f64, target: f64) -> u32 {
    let fallback = (erlangs.ceil().min(f64::from(crate::MAX_AGENTS)) as u32).saturating_add(1);
    let Ok(aht) = TimeSpan::from_seconds(aht) else {
        return fallback;
    };
    let Ok(t) = TimeSpan::from_seconds(within) else {
        return fallback;
    };
    let Ok(st) = ServiceTarget::new(target, t) else {
        return fallback;
    };
    ErlangC::from_erlangs(erlangs, aht)
        .and_then(|q| q.required_agents(&Targets::service_level(st)))
        .map_or(fallback, |s| s.agents)
}
