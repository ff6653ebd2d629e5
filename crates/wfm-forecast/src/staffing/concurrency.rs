//! Chat concurrency: agents who serve several sessions at once.
//!
//! **Model.** An agent has `k` session slots. Sessions arrive as a Poisson stream, each
//! occupies one slot for an exponential time whose mean is the handle time *observed at that
//! concurrency* (a chat handled alongside two others lasts longer than one handled alone), and
//! a session waits only when every slot of every agent is busy. The queue is then Erlang C
//! with `n·k` servers; the fewest agents are `⌈s*/k⌉`, where `s*` is the fewest slots meeting
//! the targets, and the metrics reported are those of the `n·k` slots actually staffed.
//!
//! **Limits.** The model assumes every slot is as fast as any other (in practice the
//! per-session time grows with the number of open sessions, so use the handle time measured
//! at the concurrency you staff for), that sessions are independent, that any free slot of any
//! agent can take the next session (no stickiness to one agent), and that no one abandons.
//! Occupancy is that of slots, not of agents' attention. It suits planning for a steady
//! concurrency; it is not a model of agents who change concurrency with load.

use crate::error::{Error, Result};
use crate::staffing::erlang_c::{ErlangC, ErlangCStaffing};
use crate::staffing::targets::Targets;
use crate::units::TimeSpan;

/// The number of sessions one agent serves at once.
///
/// ```
/// use wfm_forecast::{ChatConcurrency, ErlangC, ServiceTarget, Targets, TimeSpan};
///
/// // 30 Erlangs of chat sessions (handle time measured at concurrency 3), 80 % within 60 s.
/// let sessions = ErlangC::from_erlangs(30.0, TimeSpan::from_minutes(9.0)?)?;
/// let targets = Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(60.0)?)?);
/// let staff = ChatConcurrency::new(3)?.required_agents(&sessions, &targets)?;
/// assert_eq!(staff.agents, 12);
/// assert_eq!(staff.slots.agents, 36); // 35 slots are needed; 11 agents would give only 33
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ChatConcurrency {
    sessions_per_agent: u32,
}

/// Agents needed for a chat queue, and what their slots achieve
/// ([`ChatConcurrency::required_agents`]).
///
/// ```
/// use wfm_forecast::{ChatConcurrency, ErlangC, ServiceTarget, Targets, TimeSpan};
/// let sessions = ErlangC::from_erlangs(6.0, TimeSpan::from_minutes(8.0)?)?;
/// let t = Targets::service_level(ServiceTarget::new(0.9, TimeSpan::from_seconds(30.0)?)?);
/// let s = ChatConcurrency::new(2)?.required_agents(&sessions, &t)?;
/// assert_eq!(s.slots.agents, 2 * s.agents);
/// assert!(s.slots.service_level.unwrap_or(0.0) >= 0.9);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ChatStaffing {
    /// The fewest agents meeting the targets; one fewer has too few slots.
    pub agents: u32,
    /// The Erlang C figures of the `agents × sessions per agent` slots (`slots.agents` is the
    /// slot count).
    pub slots: ErlangCStaffing,
}

impl ChatConcurrency {
    /// `sessions_per_agent` sessions at once; errors on zero.
    ///
    /// ```
    /// use wfm_forecast::ChatConcurrency;
    /// assert!(ChatConcurrency::new(0).is_err());
    /// assert_eq!(ChatConcurrency::new(3)?.sessions_per_agent(), 3);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn new(sessions_per_agent: u32) -> Result<Self> {
        if sessions_per_agent == 0 {
            return Err(Error::ZeroAgents {
                parameter: "sessions per agent",
            });
        }
        Ok(Self { sessions_per_agent })
    }

    /// Sessions per agent.
    ///
    /// ```
    /// use wfm_forecast::ChatConcurrency;
    /// assert_eq!(ChatConcurrency::new(2)?.sessions_per_agent(), 2);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn sessions_per_agent(self) -> u32 {
        self.sessions_per_agent
    }

    /// The fewest agents whose slots meet the targets, for the session queue `sessions`
    /// (built from session volume and the per-session handle time at this concurrency).
    ///
    /// ```
    /// use wfm_forecast::{ChatConcurrency, ErlangC, ServiceTarget, Targets, TimeSpan};
    /// let sessions = ErlangC::from_erlangs(30.0, TimeSpan::from_minutes(9.0)?)?;
    /// let t = Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(60.0)?)?);
    /// let one_at_a_time = ChatConcurrency::new(1)?.required_agents(&sessions, &t)?.agents;
    /// let three_at_a_time = ChatConcurrency::new(3)?.required_agents(&sessions, &t)?.agents;
    /// assert_eq!((one_at_a_time, three_at_a_time), (35, 12));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn required_agents(self, sessions: &ErlangC, targets: &Targets) -> Result<ChatStaffing> {
        let k = self.sessions_per_agent;
        let needed = sessions.required_agents(targets)?.agents;
        let agents = needed.div_ceil(k);
        let slots = agents
            .checked_mul(k)
            .ok_or_else(|| Error::TargetUnreachable {
                target: targets.describe(),
                limit: u32::MAX,
            })?;
        let within = targets
            .service()
            .map_or(TimeSpan::from_positive_seconds(1.0), |s| s.within());
        let m = sessions.metrics(slots, within)?;
        Ok(ChatStaffing {
            agents,
            slots: ErlangCStaffing {
                agents: slots,
                p_wait: m.p_wait,
                service_level: targets.service().map(|_| m.service_level),
                asa: m.asa,
                occupancy: m.occupancy,
            },
        })
    }
}
