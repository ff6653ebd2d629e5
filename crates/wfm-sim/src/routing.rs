//! Routing: which group answers a call, and which waiting call a free agent takes.
//!
//! A [`Router`] answers two questions, each from a read-only [`View`] of the system:
//! a call is waiting (on arrival, or when a review time it asked for comes): which group, if
//! any, should answer it now? An agent became free (or joined): which call type's oldest
//! waiting call, if any, should it take? The simulator always gives the call to the group's
//! **longest-idle** agent and always takes the **oldest** waiting call of the chosen type
//! (first come, first served within a type). A router that asks for a call to be reviewed at a
//! later time (an overflow timer) says so with [`Router::next_review`].
//!
//! [`SkillRouter`], the built-in router, combines the usual rules from the configuration:
//! skill priority (lower first, on both sides), longest-idle agent among the best-priority
//! groups, overflow after a delay (a group is open to a call only once it has waited the
//! skill's `overflow_after_seconds`), and agents reserved for one call type.

use crate::config::Model;

/// A read-only view of the system at a decision.
///
/// ```
/// // Views are built by the simulator; routers read them.
/// fn busiest(view: &wfm_sim::View<'_>, groups: usize) -> usize {
///     (0..groups).min_by_key(|&g| view.idle_agents(g)).unwrap_or(0)
/// }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub(crate) now: f64,
    pub(crate) idle: &'a [std::collections::VecDeque<f64>],
    pub(crate) oldest: &'a [f64],
    pub(crate) waiting: &'a [u32],
}

impl View<'_> {
    /// The simulation clock, in seconds since the start of the day.
    ///
    /// ```
    /// fn clock(view: &wfm_sim::View<'_>) -> f64 { view.now() }
    /// ```
    pub fn now(&self) -> f64 {
        self.now
    }

    /// Idle agents of group `group` (0 for an unknown group).
    ///
    /// ```
    /// fn any_idle(view: &wfm_sim::View<'_>) -> bool { view.idle_agents(0) > 0 }
    /// ```
    pub fn idle_agents(&self, group: usize) -> usize {
        self.idle.get(group).map_or(0, |q| q.len())
    }

    /// Since when the longest-idle agent of `group` has been idle, if any is.
    ///
    /// ```
    /// fn since(view: &wfm_sim::View<'_>) -> Option<f64> { view.longest_idle_since(0) }
    /// ```
    pub fn longest_idle_since(&self, group: usize) -> Option<f64> {
        self.idle.get(group).and_then(|q| q.front().copied())
    }

    /// Calls of type `call_type` waiting (0 for an unknown type).
    ///
    /// ```
    /// fn queue(view: &wfm_sim::View<'_>) -> u32 { view.waiting_calls(0) }
    /// ```
    pub fn waiting_calls(&self, call_type: usize) -> u32 {
        self.waiting.get(call_type).copied().unwrap_or(0)
    }

    /// Arrival time of the oldest waiting call of `call_type`, if any waits.
    ///
    /// ```
    /// fn head(view: &wfm_sim::View<'_>) -> Option<f64> { view.oldest_arrival(0) }
    /// ```
    pub fn oldest_arrival(&self, call_type: usize) -> Option<f64> {
        match (self.waiting.get(call_type), self.oldest.get(call_type)) {
            (Some(&n), Some(&t)) if n > 0 => Some(t),
            _ => None,
        }
    }
}

/// A routing rule. The simulator checks every answer: a group without the skill or without an
/// idle agent, or a call type with nobody waiting, stops the replication with
/// [`crate::Error::InvalidRoute`].
///
/// ```
/// use wfm_sim::{Router, View};
/// /// Every call goes to group 0 when an agent is idle there; agents take type 0 first.
/// #[derive(Debug)]
/// struct OnlyGroupZero;
/// impl Router for OnlyGroupZero {
///     fn route_call(&self, _call_type: usize, _arrival: f64, view: &View<'_>) -> Option<usize> {
///         (view.idle_agents(0) > 0).then_some(0)
///     }
///     fn route_agent(&self, group: usize, view: &View<'_>) -> Option<usize> {
///         (group == 0 && view.waiting_calls(0) > 0).then_some(0)
///     }
/// }
/// let model = wfm_sim::single_queue(5.0, 180.0, None, 7, 4, 900)?;
/// let tally = wfm_sim::replicate(&model, &OnlyGroupZero, 1, 0)?;
/// assert!(tally.call_type_total(0).offered > 0);
/// # Ok::<(), wfm_sim::Error>(())
/// ```
pub trait Router: Sync + core::fmt::Debug {
    /// A call of `call_type` that arrived at `arrival` waits (on arrival, or at a review time):
    /// the group whose longest-idle agent answers it now, or `None` to keep it waiting.
    fn route_call(&self, call_type: usize, arrival: f64, view: &View<'_>) -> Option<usize>;
    /// An agent of `group` is free: the call type whose oldest waiting call it takes, or
    /// `None` to stay idle.
    fn route_agent(&self, group: usize, view: &View<'_>) -> Option<usize>;
    /// When a call of `call_type` that arrived at `arrival` and still waits at `now` should be
    /// offered to [`Router::route_call`] again (an absolute time after `now`), if ever. The
    /// default never reviews.
    fn next_review(&self, call_type: usize, arrival: f64, now: f64) -> Option<f64> {
        let _ = (call_type, arrival, now);
        None
    }
}

#[derive(Debug, Clone, Copy)]
struct Edge {
    other: usize,
    priority: u8,
    delay: f64,
}

/// The built-in router: skill priority, longest-idle agent, overflow after a delay and
/// reserved agents, as set in the configuration's skills (see the module docs).
///
/// ```
/// let model = wfm_sim::single_queue(5.0, 180.0, None, 7, 4, 900)?;
/// let router = wfm_sim::SkillRouter::new(&model);
/// let tally = wfm_sim::replicate(&model, &router, 1, 0)?;
/// assert!(tally.call_type_total(0).answered > 0);
/// # Ok::<(), wfm_sim::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct SkillRouter {
    /// Per call type: the groups with the skill, by priority then index.
    groups_of: Vec<Vec<Edge>>,
    /// Per group: the call types it answers, by priority then index.
    types_of: Vec<Vec<Edge>>,
    reserve: Vec<Option<(u32, usize)>>,
}

impl SkillRouter {
    /// The router the configuration's skills describe.
    ///
    /// ```
    /// let model = wfm_sim::single_queue(5.0, 180.0, None, 7, 4, 900)?;
    /// let _router = wfm_sim::SkillRouter::new(&model);
    /// # Ok::<(), wfm_sim::Error>(())
    /// ```
    pub fn new(model: &Model) -> Self {
        let (nt, ng) = (model.call_types(), model.groups());
        let mut groups_of = vec![Vec::new(); nt];
        let mut types_of = vec![Vec::new(); ng];
        for (t, row) in model.skills.chunks(ng).enumerate().take(nt) {
            for (g, skill) in row.iter().enumerate() {
                if let Some(s) = skill {
                    groups_of[t].push(Edge {
                        other: g,
                        priority: s.priority,
                        delay: s.overflow_after,
                    });
                    types_of[g].push(Edge {
                        other: t,
                        priority: s.priority,
                        delay: s.overflow_after,
                    });
                }
            }
        }
        for v in groups_of.iter_mut().chain(types_of.iter_mut()) {
            v.sort_by_key(|e| (e.priority, e.other));
        }
        SkillRouter {
            groups_of,
            types_of,
            reserve: model.reserve.clone(),
        }
    }

    #[inline]
    fn reserved_against(&self, group: usize, call_type: usize, idle: usize) -> bool {
        match self.reserve[group] {
            Some((r, t)) => t != call_type && idle <= r as usize,
            None => false,
        }
    }
}

impl Router for SkillRouter {
    #[inline]
    fn route_call(&self, call_type: usize, arrival: f64, view: &View<'_>) -> Option<usize> {
        let mut best: Option<(u8, f64, usize)> = None;
        for e in &self.groups_of[call_type] {
            if best.is_some_and(|(p, _, _)| e.priority > p) {
                break;
            }
            let idle = view.idle_agents(e.other);
            if idle == 0
                || arrival + e.delay > view.now
                || self.reserved_against(e.other, call_type, idle)
            {
                continue;
            }
            let since = view.longest_idle_since(e.other).unwrap_or(f64::INFINITY);
            if best.is_none_or(|(_, s, _)| since < s) {
                best = Some((e.priority, since, e.other));
            }
        }
        best.map(|(_, _, g)| g)
    }

    #[inline]
    fn route_agent(&self, group: usize, view: &View<'_>) -> Option<usize> {
        let mut best: Option<(u8, f64, usize)> = None;
        let idle = view.idle_agents(group);
        for e in &self.types_of[group] {
            if best.is_some_and(|(p, _, _)| e.priority > p) {
                break;
            }
            let Some(oldest) = view.oldest_arrival(e.other) else {
                continue;
            };
            if oldest + e.delay > view.now || self.reserved_against(group, e.other, idle) {
                continue;
            }
            if best.is_none_or(|(_, o, _)| oldest < o) {
                best = Some((e.priority, oldest, e.other));
            }
        }
        best.map(|(_, _, t)| t)
    }

    fn next_review(&self, call_type: usize, arrival: f64, now: f64) -> Option<f64> {
        self.groups_of[call_type]
            .iter()
            .map(|e| arrival + e.delay)
            .filter(|&t| t > now)
            .min_by(f64::total_cmp)
    }
}
