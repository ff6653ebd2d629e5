//! The configuration of a simulated day and its validation into a [`Model`].
//!
//! A [`Config`] is plain data (it deserialises from JSON or TOML with the `serde` feature);
//! [`Model::new`] checks every bound below before anything is allocated for the simulation and
//! turns names into indices.

use crate::dist::{HandleTime, Patience, Sampler};
use crate::error::{Error, Result, out_of_range};

/// Most call types in one model.
///
/// ```
/// assert_eq!(wfm_sim::MAX_CALL_TYPES, 64);
/// ```
pub const MAX_CALL_TYPES: usize = 64;
/// Most agent groups in one model.
///
/// ```
/// assert_eq!(wfm_sim::MAX_GROUPS, 64);
/// ```
pub const MAX_GROUPS: usize = 64;
/// Most intervals in one simulated day (a long day of many intervals is how a steady state is
/// simulated).
///
/// ```
/// assert_eq!(wfm_sim::MAX_INTERVALS, 20_000);
/// ```
pub const MAX_INTERVALS: usize = 20_000;
/// Longest interval, in seconds (one day); the shortest is one second.
///
/// ```
/// assert_eq!(wfm_sim::MAX_INTERVAL_SECONDS, 86_400);
/// ```
pub const MAX_INTERVAL_SECONDS: u32 = 86_400;
/// Most agents of one group in one interval.
///
/// ```
/// assert_eq!(wfm_sim::MAX_AGENTS, 100_000);
/// ```
pub const MAX_AGENTS: u32 = 100_000;
/// Largest expected number of calls in one replication (the sum of all volumes). A replication
/// costs time in proportion to its calls (about 0.1–0.3 µs per call on one core, see the
/// crate docs), so this bound is about half a minute of work.
///
/// ```
/// assert_eq!(wfm_sim::MAX_EXPECTED_CALLS, 1e8);
/// ```
pub const MAX_EXPECTED_CALLS: f64 = 1e8;
/// Largest expected volume of one call type in one interval.
///
/// ```
/// assert_eq!(wfm_sim::MAX_VOLUME, 1e7);
/// ```
pub const MAX_VOLUME: f64 = 1e7;
/// Longest name of a call type or a group, in bytes.
///
/// ```
/// assert_eq!(wfm_sim::MAX_NAME_BYTES, 64);
/// ```
pub const MAX_NAME_BYTES: usize = 64;

/// A simulated day: intervals of equal length, call types and agent groups.
///
/// ```
/// use wfm_sim::{CallType, Config, Group, HandleTime, Model, Patience, Skill};
/// let config = Config {
///     interval_seconds: 1800,
///     warmup_intervals: 0,
///     call_types: vec![CallType {
///         name: "sales".into(),
///         volumes: vec![100.0, 120.0],
///         handle_time: HandleTime::Exponential { mean_seconds: 180.0 },
///         patience: Patience::Exponential { mean_seconds: 300.0 },
///         answer_within_seconds: 20.0,
///     }],
///     groups: vec![Group {
///         name: "team".into(),
///         headcount: vec![14, 16],
///         skills: vec![Skill::new("sales")],
///         reserve: None,
///     }],
/// };
/// let model = Model::new(&config)?;
/// assert_eq!(model.intervals(), 2);
/// # Ok::<(), wfm_sim::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Config {
    /// Length of every interval, `1..=MAX_INTERVAL_SECONDS` seconds (900 or 1800 usually).
    pub interval_seconds: u32,
    /// Intervals at the start of the day left out of the day's totals (not out of the
    /// per-interval results), for steady-state studies; below the number of intervals.
    #[cfg_attr(feature = "serde", serde(default))]
    pub warmup_intervals: u32,
    /// The call types, `1..=MAX_CALL_TYPES`.
    pub call_types: Vec<CallType>,
    /// The agent groups, `1..=MAX_GROUPS`.
    pub groups: Vec<Group>,
}

/// One call type (a queue).
///
/// ```
/// use wfm_sim::{CallType, HandleTime, Patience};
/// let t = CallType {
///     name: "billing".into(),
///     volumes: vec![40.0; 4],
///     handle_time: HandleTime::Exponential { mean_seconds: 300.0 },
///     patience: Patience::None,
///     answer_within_seconds: 30.0,
/// };
/// assert_eq!(t.volumes.len(), 4);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CallType {
    /// A unique name, 1..=`MAX_NAME_BYTES` bytes.
    pub name: String,
    /// Expected calls in each interval (one entry per interval, each in `[0, MAX_VOLUME]`);
    /// arrivals are Poisson at a constant rate within an interval.
    pub volumes: Vec<f64>,
    /// Handle time when a group's skill does not give its own.
    pub handle_time: HandleTime,
    /// Callers' patience.
    #[cfg_attr(feature = "serde", serde(default))]
    pub patience: Patience,
    /// The service-level answer time T, in `[0, MAX_DURATION_SECONDS]` seconds.
    pub answer_within_seconds: f64,
}

/// One agent group: identical agents with the same skills.
///
/// ```
/// use wfm_sim::{Group, Reserve, Skill};
/// let g = Group {
///     name: "generalists".into(),
///     headcount: vec![10, 12],
///     skills: vec![Skill::new("sales").with_priority(2), Skill::new("billing")],
///     reserve: Some(Reserve { agents: 1, for_call_type: "billing".into() }),
/// };
/// assert_eq!(g.skills[0].priority, 2);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Group {
    /// A unique name, 1..=`MAX_NAME_BYTES` bytes.
    pub name: String,
    /// Agents present in each interval, `0..=MAX_AGENTS` (after shrinkage). When the
    /// headcount drops, idle agents leave at once (the longest idle first) and busy agents
    /// leave as they finish their call; when it rises, agents who were due to leave stay, then
    /// new agents arrive idle.
    pub headcount: Vec<u32>,
    /// The call types the group answers, each at most once.
    pub skills: Vec<Skill>,
    /// Agents kept back for one call type, if any.
    #[cfg_attr(feature = "serde", serde(default))]
    pub reserve: Option<Reserve>,
}

/// A call type a group answers, with the built-in router's settings.
///
/// ```
/// use wfm_sim::Skill;
/// let s = Skill::new("sales").with_priority(2).with_overflow_after(30.0);
/// assert_eq!((s.priority, s.overflow_after_seconds), (2, 30.0));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Skill {
    /// The call type's name.
    pub call_type: String,
    /// Lower is preferred, both by calls choosing a group and by agents choosing a queue
    /// (default 1).
    #[cfg_attr(feature = "serde", serde(default = "default_priority"))]
    pub priority: u8,
    /// A call may go to this group only after waiting this long, `[0, MAX_DURATION_SECONDS]`
    /// seconds (default 0: at once).
    #[cfg_attr(feature = "serde", serde(default))]
    pub overflow_after_seconds: f64,
    /// The group's handle time for this type, if it differs from the type's.
    #[cfg_attr(feature = "serde", serde(default))]
    pub handle_time: Option<HandleTime>,
}

#[cfg(feature = "serde")]
fn default_priority() -> u8 {
    1
}

impl Skill {
    /// A skill at priority 1, without overflow delay, with the type's handle time.
    ///
    /// ```
    /// let s = wfm_sim::Skill::new("sales");
    /// assert_eq!(s.priority, 1);
    /// ```
    pub fn new(call_type: impl Into<String>) -> Self {
        Skill {
            call_type: call_type.into(),
            priority: 1,
            overflow_after_seconds: 0.0,
            handle_time: None,
        }
    }

    /// The same skill at another priority (lower is preferred).
    ///
    /// ```
    /// assert_eq!(wfm_sim::Skill::new("a").with_priority(3).priority, 3);
    /// ```
    pub fn with_priority(mut self, priority: u8) -> Self {
        self.priority = priority;
        self
    }

    /// The same skill, reached only after a call waited `seconds`.
    ///
    /// ```
    /// assert_eq!(wfm_sim::Skill::new("a").with_overflow_after(20.0).overflow_after_seconds, 20.0);
    /// ```
    pub fn with_overflow_after(mut self, seconds: f64) -> Self {
        self.overflow_after_seconds = seconds;
        self
    }

    /// The same skill with the group's own handle time for this type.
    ///
    /// ```
    /// use wfm_sim::{HandleTime, Skill};
    /// let s = Skill::new("a").with_handle_time(HandleTime::Exponential { mean_seconds: 200.0 });
    /// assert!(s.handle_time.is_some());
    /// ```
    pub fn with_handle_time(mut self, handle_time: HandleTime) -> Self {
        self.handle_time = Some(handle_time);
        self
    }
}

/// Agents of a group kept for one call type: a call of another type takes an agent of the
/// group only while more than `agents` of them are idle.
///
/// ```
/// let r = wfm_sim::Reserve { agents: 2, for_call_type: "vip".into() };
/// assert_eq!(r.agents, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Reserve {
    /// Idle agents kept, `0..=MAX_AGENTS`.
    pub agents: u32,
    /// The call type they are kept for; one of the group's skills.
    pub for_call_type: String,
}

/// A validated skill: the built-in router's view of one (type, group) pair.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SkillSpec {
    pub(crate) priority: u8,
    pub(crate) overflow_after: f64,
    pub(crate) handle: Sampler,
}

/// A validated configuration, ready to simulate.
///
/// ```
/// use wfm_sim::{Model, single_queue};
/// let model = single_queue(10.0, 180.0, None, 12, 48, 1800)?;
/// assert_eq!((model.call_types(), model.groups(), model.intervals()), (1, 1, 48));
/// # Ok::<(), wfm_sim::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub(crate) config: Config,
    pub(crate) interval_s: f64,
    pub(crate) n_intervals: usize,
    pub(crate) warmup: usize,
    /// Arrival rate per second, `[type][interval]`.
    pub(crate) rates: Vec<Vec<f64>>,
    pub(crate) patience: Vec<Sampler>,
    pub(crate) within: Vec<f64>,
    /// `[type * groups + group]`, `Some` when the group has the skill.
    pub(crate) skills: Vec<Option<SkillSpec>>,
    pub(crate) headcount: Vec<Vec<u32>>,
    /// `(agents, call type)` per group.
    pub(crate) reserve: Vec<Option<(u32, usize)>>,
}

fn check_name(parameter: &str, name: &str, seen: &[&str]) -> Result<()> {
    if name.is_empty() || name.len() > MAX_NAME_BYTES {
        return Err(Error::BadName {
            parameter: parameter.into(),
            name: name.chars().take(MAX_NAME_BYTES).collect(),
            problem: "a name has 1 to 64 bytes",
        });
    }
    if seen.contains(&name) {
        return Err(Error::BadName {
            parameter: parameter.into(),
            name: name.into(),
            problem: "used twice",
        });
    }
    Ok(())
}

fn check_seconds(parameter: String, v: f64) -> Result<f64> {
    if v.is_finite() && (0.0..=crate::MAX_DURATION_SECONDS).contains(&v) {
        Ok(v)
    } else {
        Err(out_of_range(parameter, v, "[0, 1e6] seconds"))
    }
}

impl Model {
    /// Checks `config` against every documented bound and builds the model.
    ///
    /// ```
    /// use wfm_sim::{Config, Model};
    /// let empty = Config { interval_seconds: 900, warmup_intervals: 0, call_types: vec![], groups: vec![] };
    /// assert!(Model::new(&empty).is_err());
    /// ```
    pub fn new(config: &Config) -> Result<Self> {
        let c = config;
        if c.interval_seconds == 0 || c.interval_seconds > MAX_INTERVAL_SECONDS {
            return Err(out_of_range(
                "interval_seconds",
                c.interval_seconds,
                "1..=86400",
            ));
        }
        let nt = c.call_types.len();
        if nt == 0 || nt > MAX_CALL_TYPES {
            return Err(out_of_range("call_types (number of)", nt, "1..=64"));
        }
        let ng = c.groups.len();
        if ng == 0 || ng > MAX_GROUPS {
            return Err(out_of_range("groups (number of)", ng, "1..=64"));
        }
        let ni = c.call_types[0].volumes.len();
        if ni == 0 || ni > MAX_INTERVALS {
            return Err(out_of_range(
                format!(
                    "call type '{}'.volumes (number of intervals)",
                    c.call_types[0].name
                ),
                ni,
                "1..=20000",
            ));
        }
        let warmup = c.warmup_intervals as usize;
        if warmup >= ni {
            return Err(out_of_range(
                "warmup_intervals",
                c.warmup_intervals,
                "below the number of intervals",
            ));
        }
        let interval_s = f64::from(c.interval_seconds);
        let mut names: Vec<&str> = Vec::with_capacity(nt);
        let mut rates = Vec::with_capacity(nt);
        let mut patience = Vec::with_capacity(nt);
        let mut within = Vec::with_capacity(nt);
        let mut expected = 0.0;
        for t in &c.call_types {
            check_name("call_types.name", &t.name, &names)?;
            names.push(&t.name);
            let p = format!("call type '{}'", t.name);
            if t.volumes.len() != ni {
                return Err(Error::LengthMismatch {
                    parameter: format!("{p}.volumes"),
                    len: t.volumes.len(),
                    expected: ni,
                });
            }
            for &v in &t.volumes {
                if !(v.is_finite() && (0.0..=MAX_VOLUME).contains(&v)) {
                    return Err(out_of_range(
                        format!("{p}.volumes"),
                        v,
                        "[0, 1e7] calls per interval",
                    ));
                }
                expected += v;
            }
            Sampler::handle(&format!("{p}.handle_time"), &t.handle_time)?;
            patience.push(Sampler::patience(&format!("{p}.patience"), &t.patience)?);
            within.push(check_seconds(
                format!("{p}.answer_within_seconds"),
                t.answer_within_seconds,
            )?);
            rates.push(t.volumes.iter().map(|v| v / interval_s).collect());
        }
        if expected > MAX_EXPECTED_CALLS {
            return Err(Error::TooManyCalls {
                expected,
                limit: MAX_EXPECTED_CALLS,
            });
        }
        let mut skills: Vec<Option<SkillSpec>> = vec![None; nt * ng];
        let mut group_names: Vec<&str> = Vec::with_capacity(ng);
        let mut headcount = Vec::with_capacity(ng);
        let mut reserve = Vec::with_capacity(ng);
        for (gi, g) in c.groups.iter().enumerate() {
            check_name("groups.name", &g.name, &group_names)?;
            group_names.push(&g.name);
            let p = format!("group '{}'", g.name);
            if g.headcount.len() != ni {
                return Err(Error::LengthMismatch {
                    parameter: format!("{p}.headcount"),
                    len: g.headcount.len(),
                    expected: ni,
                });
            }
            if let Some(&h) = g.headcount.iter().find(|&&h| h > MAX_AGENTS) {
                return Err(out_of_range(format!("{p}.headcount"), h, "0..=100000"));
            }
            headcount.push(g.headcount.clone());
            if g.skills.len() > nt {
                return Err(out_of_range(
                    format!("{p}.skills (number of)"),
                    g.skills.len(),
                    "at most the number of call types",
                ));
            }
            for s in &g.skills {
                let Some(ti) = names.iter().position(|n| *n == s.call_type) else {
                    return Err(Error::BadName {
                        parameter: format!("{p}.skills"),
                        name: s.call_type.chars().take(MAX_NAME_BYTES).collect(),
                        problem: "no call type has this name",
                    });
                };
                let slot = &mut skills[ti * ng + gi];
                if slot.is_some() {
                    return Err(Error::BadName {
                        parameter: format!("{p}.skills"),
                        name: s.call_type.clone(),
                        problem: "used twice",
                    });
                }
                let sp = format!("{p}.skill '{}'", s.call_type);
                let handle = match &s.handle_time {
                    Some(h) => Sampler::handle(&format!("{sp}.handle_time"), h)?,
                    None => Sampler::handle(
                        &format!("{sp}.handle_time"),
                        &c.call_types[ti].handle_time,
                    )?,
                };
                *slot = Some(SkillSpec {
                    priority: s.priority,
                    overflow_after: check_seconds(
                        format!("{sp}.overflow_after_seconds"),
                        s.overflow_after_seconds,
                    )?,
                    handle,
                });
            }
            reserve.push(match &g.reserve {
                None => None,
                Some(r) => {
                    if r.agents > MAX_AGENTS {
                        return Err(out_of_range(
                            format!("{p}.reserve.agents"),
                            r.agents,
                            "0..=100000",
                        ));
                    }
                    let ti = names.iter().position(|n| *n == r.for_call_type);
                    match ti {
                        Some(ti) if skills[ti * ng + gi].is_some() => Some((r.agents, ti)),
                        _ => {
                            return Err(Error::BadName {
                                parameter: format!("{p}.reserve.for_call_type"),
                                name: r.for_call_type.chars().take(MAX_NAME_BYTES).collect(),
                                problem: "not one of the group's skills",
                            });
                        }
                    }
                }
            });
        }
        for (ti, name) in names.iter().enumerate() {
            if (0..ng).all(|gi| skills[ti * ng + gi].is_none()) {
                return Err(Error::Unhandled {
                    name: (*name).into(),
                });
            }
        }
        Ok(Model {
            config: c.clone(),
            interval_s,
            n_intervals: ni,
            warmup,
            rates,
            patience,
            within,
            skills,
            headcount,
            reserve,
        })
    }

    /// The configuration the model was built from.
    ///
    /// ```
    /// let m = wfm_sim::single_queue(10.0, 180.0, None, 12, 4, 900)?;
    /// assert_eq!(m.config().interval_seconds, 900);
    /// # Ok::<(), wfm_sim::Error>(())
    /// ```
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Number of call types.
    ///
    /// ```
    /// assert_eq!(wfm_sim::single_queue(10.0, 180.0, None, 12, 4, 900)?.call_types(), 1);
    /// # Ok::<(), wfm_sim::Error>(())
    /// ```
    pub fn call_types(&self) -> usize {
        self.rates.len()
    }

    /// Number of agent groups.
    ///
    /// ```
    /// assert_eq!(wfm_sim::single_queue(10.0, 180.0, None, 12, 4, 900)?.groups(), 1);
    /// # Ok::<(), wfm_sim::Error>(())
    /// ```
    pub fn groups(&self) -> usize {
        self.headcount.len()
    }

    /// Number of intervals in the day.
    ///
    /// ```
    /// assert_eq!(wfm_sim::single_queue(10.0, 180.0, None, 12, 4, 900)?.intervals(), 4);
    /// # Ok::<(), wfm_sim::Error>(())
    /// ```
    pub fn intervals(&self) -> usize {
        self.n_intervals
    }

    /// Expected calls in one replication (the sum of all volumes).
    ///
    /// ```
    /// let m = wfm_sim::single_queue(10.0, 180.0, None, 12, 4, 900)?;
    /// assert!((m.expected_calls() - 200.0).abs() < 1e-9); // 10 Erlangs of 180 s calls over an hour
    /// # Ok::<(), wfm_sim::Error>(())
    /// ```
    pub fn expected_calls(&self) -> f64 {
        self.rates.iter().flatten().sum::<f64>() * self.interval_s
    }

    /// The same model with another headcount for one group (one entry per interval).
    ///
    /// ```
    /// let m = wfm_sim::single_queue(10.0, 180.0, None, 12, 4, 900)?;
    /// let more = m.with_headcount(0, &[13; 4])?;
    /// assert_eq!(more.config().groups[0].headcount, vec![13; 4]);
    /// assert!(m.with_headcount(1, &[13; 4]).is_err());
    /// # Ok::<(), wfm_sim::Error>(())
    /// ```
    pub fn with_headcount(&self, group: usize, headcount: &[u32]) -> Result<Self> {
        if group >= self.groups() {
            return Err(out_of_range(
                "group (index)",
                group,
                "below the number of groups",
            ));
        }
        if headcount.len() != self.n_intervals {
            return Err(Error::LengthMismatch {
                parameter: format!("group '{}'.headcount", self.config.groups[group].name),
                len: headcount.len(),
                expected: self.n_intervals,
            });
        }
        if let Some(&h) = headcount.iter().find(|&&h| h > MAX_AGENTS) {
            return Err(out_of_range(
                format!("group '{}'.headcount", self.config.groups[group].name),
                h,
                "0..=100000",
            ));
        }
        let mut m = self.clone();
        m.headcount[group] = headcount.to_vec();
        m.config.groups[group].headcount = headcount.to_vec();
        Ok(m)
    }
}

/// One call type answered by one group, at a constant load all day: the model of Erlang C
/// (`patience_seconds = None`) and Erlang A, for checks and quick studies.
///
/// `erlangs` is the offered load, `aht_seconds` the mean of an exponential handle time,
/// `patience_seconds` the mean of an exponential patience, `answer_within_seconds` is 20.
///
/// ```
/// let m = wfm_sim::single_queue(10.0, 180.0, Some(300.0), 12, 48, 1800)?;
/// assert_eq!(m.config().call_types[0].answer_within_seconds, 20.0);
/// # Ok::<(), wfm_sim::Error>(())
/// ```
pub fn single_queue(
    erlangs: f64,
    aht_seconds: f64,
    patience_seconds: Option<f64>,
    agents: u32,
    intervals: usize,
    interval_seconds: u32,
) -> Result<Model> {
    if intervals == 0 || intervals > MAX_INTERVALS {
        return Err(out_of_range("intervals", intervals, "1..=20000"));
    }
    let volume = erlangs / aht_seconds * f64::from(interval_seconds);
    Model::new(&Config {
        interval_seconds,
        warmup_intervals: 0,
        call_types: vec![CallType {
            name: "calls".into(),
            volumes: vec![volume; intervals],
            handle_time: HandleTime::Exponential {
                mean_seconds: aht_seconds,
            },
            patience: match patience_seconds {
                None => Patience::None,
                Some(p) => Patience::Exponential { mean_seconds: p },
            },
            answer_within_seconds: 20.0,
        }],
        groups: vec![crate::Group {
            name: "agents".into(),
            headcount: vec![agents; intervals],
            skills: vec![Skill::new("calls")],
            reserve: None,
        }],
    })
}
