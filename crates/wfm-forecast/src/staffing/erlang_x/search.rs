//! The fewest agents meeting targets, and the fewest lines meeting a blocking ceiling.

use super::{ErlangX, ErlangXStaffing, Lines, Method};
use crate::error::{Error, Num, Result};
use crate::staffing::targets::{MaxProbability, Targets};

impl ErlangX {
    /// The fewest agents, with `lines` lines, meeting every target together, over all
    /// attempts: service level (under the target's definition), ASA, occupancy ceiling,
    /// abandonment ceiling. With limited lines the agents cannot exceed them
    /// ([`Error::TargetUnreachable`] when even that many miss a target); with unlimited lines
    /// the search stops at [`ErlangX::MAX_LINES`] agents.
    ///
    /// Every measure improves with each added agent (a property test checks the service
    /// level), so the search doubles up from the load until a staffing meets the targets and
    /// bisects down to the first one that does.
    ///
    /// ```
    /// use wfm_forecast::{ErlangX, ErlangXMethod, Lines, MaxProbability, Redials, ServiceTarget, Targets, TimeSpan};
    /// let q = ErlangX::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, Some(TimeSpan::from_minutes(2.0)?),
    ///     Redials::new(0.5, 0.5, TimeSpan::from_minutes(5.0)?)?)?;
    /// let t = Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?)
    ///     .and_max_abandonment(MaxProbability::new(0.05)?);
    /// let exact = q.required_agents(Lines::Limited(30), &t, ErlangXMethod::Exact)?;
    /// let fast = q.required_agents(Lines::Limited(30), &t, ErlangXMethod::Fast)?;
    /// assert!(exact.metrics.agents.abs_diff(fast.metrics.agents) <= 1);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn required_agents(
        &self,
        lines: Lines,
        targets: &Targets,
        method: Method,
    ) -> Result<ErlangXStaffing> {
        let cap = lines.get().unwrap_or(Self::MAX_LINES).min(Self::MAX_LINES);
        let unreachable = || Error::TargetUnreachable {
            target: targets.describe(),
            limit: cap,
        };
        if cap == 0 {
            return Err(unreachable());
        }
        // Below the load with unlimited lines and no abandonment, the queue is unstable.
        let floor = if self.patience_s.is_infinite() && lines == Lines::Unlimited {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let f = (self.erlangs.floor() as u32).saturating_add(1);
            f
        } else {
            1
        };
        if floor > cap {
            return Err(unreachable());
        }
        let check = |n: u32| self.check(n, lines, targets, method);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let guess = (self.erlangs.ceil().min(f64::from(cap)) as u32).clamp(floor, cap);
        let (mut lo, mut hi, mut best);
        if let Some(s) = check(guess)? {
            // Walk down in doubling steps to a staffing that misses.
            best = s;
            hi = guess;
            let mut step = 1u32;
            loop {
                if hi == floor {
                    return Ok(best);
                }
                let cand = hi.saturating_sub(step).max(floor);
                match check(cand)? {
                    Some(s) => {
                        best = s;
                        hi = cand;
                        step = step.saturating_mul(2);
                    }
                    None => {
                        lo = cand;
                        break;
                    }
                }
            }
        } else {
            lo = guess;
            let mut step = 1u32;
            loop {
                if lo == cap {
                    return Err(unreachable());
                }
                let cand = lo.saturating_add(step).min(cap);
                if let Some(s) = check(cand)? {
                    best = s;
                    hi = cand;
                    break;
                }
                lo = cand;
                step = step.saturating_mul(2);
            }
        }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if let Some(s) = check(mid)? {
                best = s;
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Ok(best)
    }

    fn check(
        &self,
        agents: u32,
        lines: Lines,
        targets: &Targets,
        method: Method,
    ) -> Result<Option<ErlangXStaffing>> {
        let s = self.solve(agents, lines, method)?;
        let m = s.metrics;
        let others = targets
            .asa_target()
            .is_none_or(|t| m.asa_answered.seconds() <= t.max().seconds())
            && targets
                .max_occupancy()
                .is_none_or(|o| m.occupancy <= o.get())
            && targets
                .max_abandonment()
                .is_none_or(|p| m.every_attempt.p_abandon <= p.get());
        if !others {
            return Ok(None);
        }
        let Some(t) = targets.service() else {
            return Ok(Some(ErlangXStaffing {
                metrics: m,
                service_level: None,
            }));
        };
        let sl = s
            .service_levels(t.within())?
            .every_attempt
            .get(t.definition());
        Ok((sl >= t.share()).then_some(ErlangXStaffing {
            metrics: m,
            service_level: Some(sl),
        }))
    }

    /// The fewest lines (at least `agents`, at most [`ErlangX::MAX_LINES`]) with which at
    /// most `max_blocking` of all attempts are blocked.
    ///
    /// ```
    /// use wfm_forecast::{ErlangX, ErlangXMethod, Lines, MaxProbability, Redials, TimeSpan};
    /// // Erlang B: 18 agents on 18 lines block 0.71 % of 10 Erlangs, within 1 %.
    /// let b = ErlangX::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, None, Redials::NONE)?;
    /// assert_eq!(b.required_lines(18, MaxProbability::new(0.01)?, ErlangXMethod::Exact)?, 18);
    /// // 11 agents, 2-minute patience, half the callers redialling: waiting places needed.
    /// let q = ErlangX::from_erlangs(10.0, TimeSpan::from_minutes(3.0)?, Some(TimeSpan::from_minutes(2.0)?),
    ///     Redials::new(0.5, 0.5, TimeSpan::from_minutes(5.0)?)?)?;
    /// let lines = q.required_lines(11, MaxProbability::new(0.01)?, ErlangXMethod::Exact)?;
    /// let blocked = |l| q.metrics(11, Lines::Limited(l)).map(|m| m.every_attempt.p_blocked);
    /// assert!(blocked(lines)? <= 0.01 && blocked(lines - 1)? > 0.01);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn required_lines(
        &self,
        agents: u32,
        max_blocking: MaxProbability,
        method: Method,
    ) -> Result<u32> {
        let blocked = |l: u32| -> Result<bool> {
            Ok(self
                .solve(agents, Lines::Limited(l), method)?
                .metrics
                .every_attempt
                .p_blocked
                > max_blocking.get())
        };
        self.check_sizes(agents, Lines::Limited(agents))?;
        if !blocked(agents)? {
            return Ok(agents);
        }
        let (mut lo, mut step) = (agents, 1u32);
        let mut hi;
        loop {
            if lo >= Self::MAX_LINES {
                return Err(Error::TargetUnreachable {
                    target: format!("blocking <= {}", Num(max_blocking.get())),
                    limit: Self::MAX_LINES,
                });
            }
            let cand = lo.saturating_add(step).min(Self::MAX_LINES);
            if !blocked(cand)? {
                hi = cand;
                break;
            }
            lo = cand;
            step = step.saturating_mul(2);
        }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if blocked(mid)? {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Ok(hi)
    }
}
