//! Staffing plans: from a forecast (volume and handle time per interval) to the agents each
//! interval needs, what they achieve, and daily and weekly agent-hours.
//!
//! The forecast's first interval starts a day (00:00 of day 0); day `d` holds intervals
//! `d·per_day .. (d+1)·per_day`, and week `w` holds days `7w .. 7w+7`. A last, partial day
//! or week is totalled over the intervals it has. An interval with zero volume needs no
//! agents and has no service metrics (`achieved` is `None`).

use crate::error::{Error, Result};
use crate::staffing::erlang_a::ErlangA;
use crate::staffing::erlang_c::ErlangC;
use crate::staffing::shrinkage::Shrinkage;
use crate::staffing::targets::Targets;
use crate::units::{IntervalLength, TimeSpan, Volume};

/// The queueing model a plan staffs with.
///
/// ```
/// use wfm_forecast::{Model, TimeSpan};
/// let m = Model::ErlangA { patience: TimeSpan::from_minutes(2.0)? };
/// assert_ne!(m, Model::ErlangC);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum Model {
    /// Erlang C: nobody abandons.
    ErlangC,
    /// Erlang A with this mean patience.
    ErlangA {
        /// Mean time a caller waits before hanging up.
        patience: TimeSpan,
    },
}

/// What the required staffing of one interval achieves.
///
/// ```
/// use wfm_forecast::{IntervalLength, Model, PlanSettings, ServiceTarget, Shrinkage, Targets, TimeSpan, Volume};
/// let settings = PlanSettings {
///     interval: IntervalLength::HOUR,
///     model: Model::ErlangC,
///     targets: Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?),
///     shrinkage: Shrinkage::from_fraction(0.25)?,
/// };
/// let plan = settings.staff(&[Volume::new(200.0)?, Volume::new(0.0)?], &[TimeSpan::from_minutes(3.0)?])?;
/// let a = plan.intervals()[0].achieved.expect("volume > 0");
/// assert!(a.service_level.unwrap_or(0.0) >= 0.8 && a.p_abandon == 0.0);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Achieved {
    /// Service level under the target's definition, when a service-level target was given.
    pub service_level: Option<f64>,
    /// ASA of answered calls, zero waits included.
    pub asa: TimeSpan,
    /// Occupancy of the productive agents.
    pub occupancy: f64,
    /// Probability of abandoning (0 under Erlang C).
    pub p_abandon: f64,
}

/// One interval of a plan.
///
/// ```
/// use wfm_forecast::{IntervalLength, Model, PlanSettings, ServiceTarget, Shrinkage, Targets, TimeSpan, Volume};
/// let settings = PlanSettings {
///     interval: IntervalLength::HOUR,
///     model: Model::ErlangC,
///     targets: Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?),
///     shrinkage: Shrinkage::from_fraction(0.25)?,
/// };
/// let plan = settings.staff(&[Volume::new(200.0)?, Volume::new(0.0)?], &[TimeSpan::from_minutes(3.0)?])?;
/// let i = plan.intervals()[0];
/// assert_eq!(i.erlangs, 10.0);
/// assert!(i.scheduled_agents >= u64::from(i.required_agents));
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct IntervalStaffing {
    /// Offered load in Erlangs.
    pub erlangs: f64,
    /// The fewest productive agents meeting the targets.
    pub required_agents: u32,
    /// Agents to schedule so that `required_agents` remain after shrinkage.
    pub scheduled_agents: u64,
    /// What `required_agents` achieve; `None` for an interval with zero volume.
    pub achieved: Option<Achieved>,
}

/// Agent-hours over one day or one week ([`StaffingPlan::daily`], [`StaffingPlan::weekly`]).
///
/// ```
/// use wfm_forecast::{IntervalLength, Model, PlanSettings, ServiceTarget, Shrinkage, Targets, TimeSpan, Volume};
/// let settings = PlanSettings {
///     interval: IntervalLength::HOUR,
///     model: Model::ErlangC,
///     targets: Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?),
///     shrinkage: Shrinkage::from_fraction(0.25)?,
/// };
/// let plan = settings.staff(&[Volume::new(200.0)?, Volume::new(0.0)?], &[TimeSpan::from_minutes(3.0)?])?;
/// let day = plan.daily()[0];
/// assert_eq!(day.required_agent_seconds, 14 * 3600);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Totals {
    /// Index of the day or week (0-based).
    pub index: usize,
    /// Productive agent-seconds, exact.
    pub required_agent_seconds: u64,
    /// Scheduled agent-seconds, exact.
    pub scheduled_agent_seconds: u64,
}

impl Totals {
    /// Productive agent-hours.
    ///
    /// ```
    /// use wfm_forecast::{IntervalLength, Model, PlanSettings, ServiceTarget, Shrinkage, Targets, TimeSpan, Volume};
    /// let settings = PlanSettings {
    ///     interval: IntervalLength::HOUR,
    ///     model: Model::ErlangC,
    ///     targets: Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?),
    ///     shrinkage: Shrinkage::from_fraction(0.25)?,
    /// };
    /// let plan = settings.staff(&[Volume::new(200.0)?, Volume::new(0.0)?], &[TimeSpan::from_minutes(3.0)?])?;
    /// assert_eq!(plan.daily()[0].required_agent_hours(), 14.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn required_agent_hours(&self) -> f64 {
        hours(self.required_agent_seconds)
    }

    /// Scheduled agent-hours.
    ///
    /// ```
    /// use wfm_forecast::{IntervalLength, Model, PlanSettings, ServiceTarget, Shrinkage, Targets, TimeSpan, Volume};
    /// let settings = PlanSettings {
    ///     interval: IntervalLength::HOUR,
    ///     model: Model::ErlangC,
    ///     targets: Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?),
    ///     shrinkage: Shrinkage::from_fraction(0.25)?,
    /// };
    /// let plan = settings.staff(&[Volume::new(200.0)?, Volume::new(0.0)?], &[TimeSpan::from_minutes(3.0)?])?;
    /// // 14 productive agents at 25 % shrinkage: 19 scheduled.
    /// assert_eq!(plan.daily()[0].scheduled_agent_hours(), 19.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn scheduled_agent_hours(&self) -> f64 {
        hours(self.scheduled_agent_seconds)
    }
}

#[allow(clippy::cast_precision_loss)]
fn hours(seconds: u64) -> f64 {
    seconds as f64 / 3600.0
}

/// How to staff a forecast: interval length, model, targets and shrinkage.
///
/// ```
/// use wfm_forecast::{IntervalLength, Model, PlanSettings, ServiceTarget, Shrinkage, Targets, TimeSpan, Volume};
///
/// let settings = PlanSettings {
///     interval: IntervalLength::MINUTES_30,
///     model: Model::ErlangC,
///     targets: Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?),
///     shrinkage: Shrinkage::from_fraction(0.3)?,
/// };
/// let volumes = [Volume::new(100.0)?, Volume::new(0.0)?, Volume::new(1000.0)?];
/// let plan = settings.staff(&volumes, &[TimeSpan::from_minutes(3.0)?])?;
/// assert_eq!(plan.intervals()[0].required_agents, 14);
/// assert_eq!(plan.intervals()[0].scheduled_agents, 20);
/// assert_eq!(plan.intervals()[1].required_agents, 0);
/// assert_eq!(plan.intervals()[2].required_agents, 107);
/// // (14 + 0 + 107) agents × half an hour.
/// assert_eq!(plan.daily()[0].required_agent_hours(), 60.5);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PlanSettings {
    /// Length of each forecast interval.
    pub interval: IntervalLength,
    /// Queueing model.
    pub model: Model,
    /// Targets every interval must meet.
    pub targets: Targets,
    /// Shrinkage between productive and scheduled agents.
    pub shrinkage: Shrinkage,
}

/// A staffed forecast ([`PlanSettings::staff`]).
///
/// ```
/// use wfm_forecast::{IntervalLength, Model, PlanSettings, ServiceTarget, Shrinkage, Targets, TimeSpan, Volume};
/// let settings = PlanSettings {
///     interval: IntervalLength::HOUR,
///     model: Model::ErlangC,
///     targets: Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?),
///     shrinkage: Shrinkage::from_fraction(0.25)?,
/// };
/// let plan = settings.staff(&[Volume::new(200.0)?, Volume::new(0.0)?], &[TimeSpan::from_minutes(3.0)?])?;
/// assert_eq!(plan.intervals().len(), 2);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct StaffingPlan {
    interval: IntervalLength,
    intervals: Vec<IntervalStaffing>,
}

impl PlanSettings {
    /// Staffs every interval of a forecast. `handle_times` holds one handle time per interval,
    /// or a single one for all. An error names the interval that failed.
    ///
    /// ```
    /// use wfm_forecast::{IntervalLength, Model, PlanSettings, ServiceTarget, Shrinkage, Targets, TimeSpan, Volume};
    /// let settings = PlanSettings {
    ///     interval: IntervalLength::HOUR,
    ///     model: Model::ErlangC,
    ///     targets: Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?),
    ///     shrinkage: Shrinkage::from_fraction(0.25)?,
    /// };
    /// let plan = settings.staff(&[Volume::new(200.0)?, Volume::new(0.0)?], &[TimeSpan::from_minutes(3.0)?])?;
    /// assert_eq!(plan.intervals()[1].required_agents, 0);
    /// assert!(plan.intervals()[1].achieved.is_none());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn staff(&self, volumes: &[Volume], handle_times: &[TimeSpan]) -> Result<StaffingPlan> {
        if handle_times.len() != volumes.len() && handle_times.len() != 1 {
            return Err(Error::LengthMismatch {
                volumes: volumes.len(),
                handle_times: handle_times.len(),
            });
        }
        let intervals = volumes
            .iter()
            .enumerate()
            .map(|(i, &v)| {
                let aht = handle_times[if handle_times.len() == 1 { 0 } else { i }];
                self.staff_one(v, aht).map_err(|e| Error::Interval {
                    index: i,
                    source: Box::new(e),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(StaffingPlan {
            interval: self.interval,
            intervals,
        })
    }

    fn staff_one(&self, volume: Volume, aht: TimeSpan) -> Result<IntervalStaffing> {
        if volume.get() == 0.0 {
            aht.positive("handle time")?;
            return Ok(IntervalStaffing {
                erlangs: 0.0,
                required_agents: 0,
                scheduled_agents: 0,
                achieved: None,
            });
        }
        let (erlangs, agents, achieved) = match self.model {
            Model::ErlangC => {
                let q = ErlangC::new(volume, aht, self.interval)?;
                let s = q.required_agents(&self.targets)?;
                let achieved = Achieved {
                    service_level: s.service_level,
                    asa: s.asa,
                    occupancy: s.occupancy,
                    p_abandon: 0.0,
                };
                (q.erlangs(), s.agents, achieved)
            }
            Model::ErlangA { patience } => {
                let q = ErlangA::new(volume, aht, self.interval, patience)?;
                let s = q.required_agents(&self.targets)?;
                let achieved = Achieved {
                    service_level: s.service_level,
                    asa: s.metrics.asa_answered,
                    occupancy: s.metrics.occupancy,
                    p_abandon: s.metrics.p_abandon,
                };
                (q.erlangs(), s.metrics.agents, achieved)
            }
        };
        Ok(IntervalStaffing {
            erlangs,
            required_agents: agents,
            scheduled_agents: self.shrinkage.scheduled(agents),
            achieved: Some(achieved),
        })
    }
}

impl StaffingPlan {
    /// The staffed intervals, in forecast order.
    ///
    /// ```
    /// use wfm_forecast::{IntervalLength, Model, PlanSettings, ServiceTarget, Shrinkage, Targets, TimeSpan, Volume};
    /// let settings = PlanSettings {
    ///     interval: IntervalLength::HOUR,
    ///     model: Model::ErlangC,
    ///     targets: Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?),
    ///     shrinkage: Shrinkage::from_fraction(0.25)?,
    /// };
    /// let plan = settings.staff(&[Volume::new(200.0)?, Volume::new(0.0)?], &[TimeSpan::from_minutes(3.0)?])?;
    /// assert_eq!(plan.intervals()[0].required_agents, 14);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn intervals(&self) -> &[IntervalStaffing] {
        &self.intervals
    }

    /// The interval length.
    ///
    /// ```
    /// use wfm_forecast::{IntervalLength, Model, PlanSettings, ServiceTarget, Shrinkage, Targets, TimeSpan, Volume};
    /// let settings = PlanSettings {
    ///     interval: IntervalLength::HOUR,
    ///     model: Model::ErlangC,
    ///     targets: Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?),
    ///     shrinkage: Shrinkage::from_fraction(0.25)?,
    /// };
    /// let plan = settings.staff(&[Volume::new(200.0)?, Volume::new(0.0)?], &[TimeSpan::from_minutes(3.0)?])?;
    /// assert_eq!(plan.interval(), IntervalLength::HOUR);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn interval(&self) -> IntervalLength {
        self.interval
    }

    fn totals(&self, intervals_per_group: usize) -> Vec<Totals> {
        let secs = u64::from(self.interval.seconds());
        self.intervals
            .chunks(intervals_per_group)
            .enumerate()
            .map(|(index, chunk)| Totals {
                index,
                required_agent_seconds: chunk
                    .iter()
                    .map(|s| u64::from(s.required_agents) * secs)
                    .sum(),
                scheduled_agent_seconds: chunk.iter().map(|s| s.scheduled_agents * secs).sum(),
            })
            .collect()
    }

    /// Agent-hours per day.
    ///
    /// ```
    /// use wfm_forecast::{IntervalLength, Model, PlanSettings, ServiceTarget, Shrinkage, Targets, TimeSpan, Volume};
    /// let settings = PlanSettings {
    ///     interval: IntervalLength::HOUR,
    ///     model: Model::ErlangC,
    ///     targets: Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?),
    ///     shrinkage: Shrinkage::from_fraction(0.25)?,
    /// };
    /// let plan = settings.staff(&[Volume::new(200.0)?, Volume::new(0.0)?], &[TimeSpan::from_minutes(3.0)?])?;
    /// assert_eq!(plan.daily().len(), 1); // two hours of day 0
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn daily(&self) -> Vec<Totals> {
        self.totals(self.interval.per_day() as usize)
    }

    /// Agent-hours per week (7 days from the first interval).
    ///
    /// ```
    /// use wfm_forecast::{IntervalLength, Model, PlanSettings, ServiceTarget, Shrinkage, Targets, TimeSpan, Volume};
    /// let settings = PlanSettings {
    ///     interval: IntervalLength::HOUR,
    ///     model: Model::ErlangC,
    ///     targets: Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?),
    ///     shrinkage: Shrinkage::NONE,
    /// };
    /// let volumes = vec![Volume::new(200.0)?; 24 * 8]; // eight days
    /// let plan = settings.staff(&volumes, &[TimeSpan::from_minutes(3.0)?])?;
    /// assert_eq!(plan.daily().len(), 8);
    /// assert_eq!(plan.weekly().len(), 2);
    /// assert_eq!(plan.weekly()[0].required_agent_hours(), 7.0 * plan.daily()[0].required_agent_hours());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn weekly(&self) -> Vec<Totals> {
        self.totals(self.interval.per_day() as usize * 7)
    }

    /// Agent-hours over the whole plan (`index` 0), exact in agent-seconds: the sum of every
    /// day of [`daily`](Self::daily) and of every week of [`weekly`](Self::weekly). An empty
    /// plan totals zero.
    ///
    /// ```
    /// use wfm_forecast::{IntervalLength, Model, PlanSettings, ServiceTarget, Shrinkage, Targets, TimeSpan, Volume};
    /// let settings = PlanSettings {
    ///     interval: IntervalLength::HOUR,
    ///     model: Model::ErlangC,
    ///     targets: Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?),
    ///     shrinkage: Shrinkage::from_fraction(0.25)?,
    /// };
    /// let volumes = vec![Volume::new(200.0)?; 24 + 2]; // a day and two hours
    /// let plan = settings.staff(&volumes, &[TimeSpan::from_minutes(3.0)?])?;
    /// let total = plan.total();
    /// assert_eq!(total.index, 0);
    /// // 14 productive agents (19 scheduled) in each of 26 hours.
    /// assert_eq!(total.required_agent_hours(), 14.0 * 26.0);
    /// assert_eq!(total.scheduled_agent_hours(), 19.0 * 26.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn total(&self) -> Totals {
        self.totals(self.intervals.len().max(1))
            .into_iter()
            .next()
            .unwrap_or(Totals {
                index: 0,
                required_agent_seconds: 0,
                scheduled_agent_seconds: 0,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staffing::targets::ServiceTarget;

    fn settings(interval: IntervalLength) -> Result<PlanSettings> {
        Ok(PlanSettings {
            interval,
            model: Model::ErlangC,
            targets: Targets::service_level(ServiceTarget::new(
                0.8,
                TimeSpan::from_seconds(20.0)?,
            )?),
            shrinkage: Shrinkage::from_fraction(0.3)?,
        })
    }

    #[test]
    fn the_total_is_the_sum_of_the_days_and_of_the_weeks() -> Result<()> {
        // Nine and a half days of half-hours with a volume that changes through the day.
        let volumes = (0..48 * 9 + 24)
            .map(|i| Volume::new(f64::from(i % 48) * 7.0))
            .collect::<Result<Vec<_>>>()?;
        let plan = settings(IntervalLength::MINUTES_30)?
            .staff(&volumes, &[TimeSpan::from_minutes(4.0)?])?;
        let total = plan.total();
        let sum = |t: &[Totals]| {
            (
                t.iter().map(|x| x.required_agent_seconds).sum::<u64>(),
                t.iter().map(|x| x.scheduled_agent_seconds).sum::<u64>(),
            )
        };
        let per_interval = (
            plan.intervals()
                .iter()
                .map(|s| u64::from(s.required_agents) * 1800)
                .sum::<u64>(),
            plan.intervals()
                .iter()
                .map(|s| s.scheduled_agents * 1800)
                .sum::<u64>(),
        );
        let whole = (total.required_agent_seconds, total.scheduled_agent_seconds);
        assert_eq!(total.index, 0);
        assert_eq!(whole, per_interval);
        assert_eq!(whole, sum(&plan.daily()));
        assert_eq!(whole, sum(&plan.weekly()));
        assert!(total.scheduled_agent_seconds > total.required_agent_seconds);
        Ok(())
    }

    #[test]
    fn an_empty_plan_totals_zero() -> Result<()> {
        let plan = settings(IntervalLength::HOUR)?.staff(&[], &[TimeSpan::from_minutes(3.0)?])?;
        assert!(plan.daily().is_empty() && plan.weekly().is_empty());
        assert_eq!(
            plan.total(),
            Totals {
                index: 0,
                required_agent_seconds: 0,
                scheduled_agent_seconds: 0,
            }
        );
        assert_eq!(plan.total().required_agent_hours(), 0.0);
        Ok(())
    }
}
