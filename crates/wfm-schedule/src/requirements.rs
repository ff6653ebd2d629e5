//! Required agents per interval: the demand a schedule covers.

use crate::error::{Error, Result};
use wfm_forecast::{IntervalLength, StaffingPlan};

/// The most intervals a requirement may hold: six weeks of 15-minute intervals.
///
/// ```
/// assert_eq!(wfm_schedule::MAX_INTERVALS, 6 * 7 * 96);
/// ```
pub const MAX_INTERVALS: usize = 4032;

/// The largest number of agents one interval may require (the solver works in `i32`).
///
/// ```
/// assert_eq!(wfm_schedule::MAX_AGENTS, 100_000);
/// ```
pub const MAX_AGENTS: u32 = 100_000;

/// A day of the week. Requirements start on a [`Weekday`] at 00:00.
///
/// ```
/// use wfm_schedule::Weekday;
/// assert_eq!(Weekday::Monday.next(), Weekday::Tuesday);
/// assert_eq!(Weekday::Sunday.next(), Weekday::Monday);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Weekday {
    /// Monday.
    #[cfg_attr(feature = "serde", serde(alias = "mon"))]
    Monday,
    /// Tuesday.
    #[cfg_attr(feature = "serde", serde(alias = "tue"))]
    Tuesday,
    /// Wednesday.
    #[cfg_attr(feature = "serde", serde(alias = "wed"))]
    Wednesday,
    /// Thursday.
    #[cfg_attr(feature = "serde", serde(alias = "thu"))]
    Thursday,
    /// Friday.
    #[cfg_attr(feature = "serde", serde(alias = "fri"))]
    Friday,
    /// Saturday.
    #[cfg_attr(feature = "serde", serde(alias = "sat"))]
    Saturday,
    /// Sunday.
    #[cfg_attr(feature = "serde", serde(alias = "sun"))]
    Sunday,
}

impl Weekday {
    /// All seven days, Monday first.
    ///
    /// ```
    /// assert_eq!(wfm_schedule::Weekday::ALL.len(), 7);
    /// ```
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// Monday = 0 … Sunday = 6.
    ///
    /// ```
    /// assert_eq!(wfm_schedule::Weekday::Sunday.index(), 6);
    /// ```
    pub fn index(self) -> usize {
        self as usize
    }

    /// The day after.
    ///
    /// ```
    /// assert_eq!(wfm_schedule::Weekday::Friday.next(), wfm_schedule::Weekday::Saturday);
    /// ```
    pub fn next(self) -> Weekday {
        Weekday::ALL[(self.index() + 1) % 7]
    }

    /// Three-letter English name (`Mon` … `Sun`).
    ///
    /// ```
    /// assert_eq!(wfm_schedule::Weekday::Wednesday.short_name(), "Wed");
    /// ```
    pub fn short_name(self) -> &'static str {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][self.index()]
    }
}

/// Required agents per interval, from 00:00 of `first_day` on.
///
/// The horizon is `counts.len()` intervals (at most [`MAX_INTERVALS`]); each count is at most
/// [`MAX_AGENTS`]. Counts are agents to schedule (after shrinkage), as in a staffing plan's
/// `scheduled_agents`.
///
/// ```
/// use wfm_forecast::IntervalLength;
/// use wfm_schedule::{Requirements, Weekday};
/// let r = Requirements::new(IntervalLength::HOUR, vec![2, 3, 3, 1])?.starting_on(Weekday::Tuesday);
/// assert_eq!(r.len(), 4);
/// assert_eq!(r.first_day(), Weekday::Tuesday);
/// # Ok::<(), wfm_schedule::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Requirements {
    interval: IntervalLength,
    first_day: Weekday,
    counts: Vec<u32>,
}

impl Requirements {
    /// Requirements starting Monday 00:00. Errors on an empty or too long `counts`, or a
    /// count above [`MAX_AGENTS`].
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// use wfm_schedule::Requirements;
    /// assert!(Requirements::new(IntervalLength::HOUR, vec![200_000]).is_err());
    /// ```
    pub fn new(interval: IntervalLength, counts: Vec<u32>) -> Result<Self> {
        if !interval.seconds().is_multiple_of(60) {
            return Err(Error::IntervalNotWholeMinutes {
                seconds: interval.seconds(),
            });
        }
        check_len(counts.len())?;
        if let Some(&c) = counts.iter().find(|&&c| c > MAX_AGENTS) {
            return Err(Error::OutOfRange {
                parameter: "required agents",
                value: u64::from(c),
                min: 0,
                max: u64::from(MAX_AGENTS),
            });
        }
        Ok(Self {
            interval,
            first_day: Weekday::Monday,
            counts,
        })
    }

    /// The agents to schedule in each interval of a staffing plan (`scheduled_agents`, which
    /// include shrinkage), starting Monday 00:00.
    ///
    /// ```
    /// use wfm_forecast::{IntervalLength, Model, PlanSettings, ServiceTarget, Shrinkage, Targets, TimeSpan, Volume};
    /// use wfm_schedule::Requirements;
    /// let settings = PlanSettings {
    ///     interval: IntervalLength::HOUR,
    ///     model: Model::ErlangC,
    ///     targets: Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?),
    ///     shrinkage: Shrinkage::from_fraction(0.25)?,
    /// };
    /// let plan = settings.staff(&[Volume::new(200.0)?, Volume::new(0.0)?], &[TimeSpan::from_minutes(3.0)?])?;
    /// let r = Requirements::from_plan(&plan)?;
    /// assert_eq!(r.counts(), &[19, 0]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_plan(plan: &StaffingPlan) -> Result<Self> {
        check_len(plan.intervals().len())?;
        let counts = plan
            .intervals()
            .iter()
            .map(|i| {
                u32::try_from(i.scheduled_agents)
                    .ok()
                    .filter(|&c| c <= MAX_AGENTS)
                    .ok_or(Error::OutOfRange {
                        parameter: "required agents",
                        value: i.scheduled_agents,
                        min: 0,
                        max: u64::from(MAX_AGENTS),
                    })
            })
            .collect::<Result<Vec<_>>>()?;
        Self::new(plan.interval(), counts)
    }

    /// The same requirements starting on `day` at 00:00.
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// use wfm_schedule::{Requirements, Weekday};
    /// let r = Requirements::new(IntervalLength::HOUR, vec![1])?.starting_on(Weekday::Sunday);
    /// assert_eq!(r.first_day(), Weekday::Sunday);
    /// # Ok::<(), wfm_schedule::Error>(())
    /// ```
    #[must_use]
    pub fn starting_on(mut self, day: Weekday) -> Self {
        self.first_day = day;
        self
    }

    /// The interval length.
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// use wfm_schedule::Requirements;
    /// let r = Requirements::new(IntervalLength::MINUTES_15, vec![1])?;
    /// assert_eq!(r.interval(), IntervalLength::MINUTES_15);
    /// # Ok::<(), wfm_schedule::Error>(())
    /// ```
    pub fn interval(&self) -> IntervalLength {
        self.interval
    }

    /// The day of the first interval.
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// use wfm_schedule::{Requirements, Weekday};
    /// assert_eq!(Requirements::new(IntervalLength::HOUR, vec![1])?.first_day(), Weekday::Monday);
    /// # Ok::<(), wfm_schedule::Error>(())
    /// ```
    pub fn first_day(&self) -> Weekday {
        self.first_day
    }

    /// Required agents per interval.
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// use wfm_schedule::Requirements;
    /// assert_eq!(Requirements::new(IntervalLength::HOUR, vec![1, 2])?.counts(), &[1, 2]);
    /// # Ok::<(), wfm_schedule::Error>(())
    /// ```
    pub fn counts(&self) -> &[u32] {
        &self.counts
    }

    /// Number of intervals.
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// use wfm_schedule::Requirements;
    /// assert_eq!(Requirements::new(IntervalLength::HOUR, vec![1, 2])?.len(), 2);
    /// # Ok::<(), wfm_schedule::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// Always `false`: requirements hold at least one interval.
    ///
    /// ```
    /// use wfm_forecast::IntervalLength;
    /// use wfm_schedule::Requirements;
    /// assert!(!Requirements::new(IntervalLength::HOUR, vec![1])?.is_empty());
    /// # Ok::<(), wfm_schedule::Error>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Minutes per interval.
    pub(crate) fn interval_minutes(&self) -> u32 {
        self.interval.seconds() / 60
    }
}

fn check_len(n: usize) -> Result<()> {
    if n == 0 || n > MAX_INTERVALS {
        return Err(Error::OutOfRange {
            parameter: "intervals",
            value: u64::try_from(n).unwrap_or(u64::MAX),
            min: 1,
            max: MAX_INTERVALS as u64,
        });
    }
    Ok(())
}
