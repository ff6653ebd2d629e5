//! Shift templates: when a shift may start, how long it lasts, its breaks, limits and cost.

use crate::requirements::Weekday;

/// The most shift templates one problem may hold.
///
/// ```
/// assert_eq!(wfm_schedule::MAX_TEMPLATES, 2000);
/// ```
pub const MAX_TEMPLATES: usize = 2000;

/// The most breaks (breaks and lunch together) one shift template may hold.
///
/// ```
/// assert_eq!(wfm_schedule::MAX_BREAKS_PER_SHIFT, 4);
/// ```
pub const MAX_BREAKS_PER_SHIFT: usize = 4;

/// The longest shift, in minutes (one day).
///
/// ```
/// assert_eq!(wfm_schedule::MAX_SHIFT_MINUTES, 1440);
/// ```
pub const MAX_SHIFT_MINUTES: u32 = 1440;

/// The largest cost per paid hour.
///
/// ```
/// assert_eq!(wfm_schedule::MAX_COST, 1e9);
/// ```
pub const MAX_COST: f64 = 1e9;

/// A break or lunch inside a shift. Its start lies between `earliest_start_minutes` and
/// `latest_start_minutes` after the shift starts, on the interval grid; the optimiser chooses
/// where each agent takes it. An agent on a break does not count towards coverage; an unpaid
/// break is not paid either.
///
/// Breaks of one template must come in order without overlapping windows: each break's
/// earliest start is at or after the previous break's latest end, so no choice can make an
/// agent take two at once.
///
/// ```
/// use wfm_schedule::BreakRule;
/// let lunch = BreakRule::new(180, 300, 30).unpaid();
/// assert!(!lunch.paid);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct BreakRule {
    /// Earliest start, in minutes after the shift's start.
    pub earliest_start_minutes: u32,
    /// Latest start, in minutes after the shift's start.
    pub latest_start_minutes: u32,
    /// Length in minutes.
    pub length_minutes: u32,
    /// Whether the break is paid (default `true`).
    #[cfg_attr(feature = "serde", serde(default = "yes"))]
    pub paid: bool,
}

#[cfg(feature = "serde")]
fn yes() -> bool {
    true
}

impl BreakRule {
    /// A paid break starting between `earliest` and `latest` minutes into the shift, lasting
    /// `length` minutes.
    ///
    /// ```
    /// let b = wfm_schedule::BreakRule::new(60, 120, 15);
    /// assert!(b.paid);
    /// ```
    pub fn new(earliest: u32, latest: u32, length: u32) -> Self {
        Self {
            earliest_start_minutes: earliest,
            latest_start_minutes: latest,
            length_minutes: length,
            paid: true,
        }
    }

    /// The same break, unpaid.
    ///
    /// ```
    /// assert!(!wfm_schedule::BreakRule::new(60, 120, 30).unpaid().paid);
    /// ```
    #[must_use]
    pub fn unpaid(mut self) -> Self {
        self.paid = false;
        self
    }
}

/// A family of shifts: the days it runs, a window of start times on a step, a length, its
/// breaks, a cost per paid hour and limits on how many agents work it.
///
/// All times are minutes and must lie on the requirements' interval grid; they are checked
/// when the [`Problem`](crate::Problem) is built. A shift may run past midnight into the
/// next day.
///
/// ```
/// use wfm_schedule::{BreakRule, ShiftTemplate, Weekday};
/// let mut t = ShiftTemplate::new("early", 6 * 60, 8 * 60, 8 * 60);
/// t.breaks.push(BreakRule::new(3 * 60, 5 * 60, 30).unpaid());
/// t.days = vec![Weekday::Monday, Weekday::Tuesday];
/// assert_eq!(t.paid_minutes(), 450);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ShiftTemplate {
    /// A name shown in the output.
    pub name: String,
    /// Days on which the shift may start (default: every day).
    #[cfg_attr(feature = "serde", serde(default = "all_days"))]
    pub days: Vec<Weekday>,
    /// Earliest start, in minutes after midnight.
    pub earliest_start_minutes: u32,
    /// Latest start, in minutes after midnight (at most 1,439).
    pub latest_start_minutes: u32,
    /// Step between start times, in minutes (default: 60).
    #[cfg_attr(feature = "serde", serde(default = "hour"))]
    pub start_step_minutes: u32,
    /// Length of the shift including breaks, in minutes.
    pub length_minutes: u32,
    /// Breaks and lunch, in order (at most [`MAX_BREAKS_PER_SHIFT`]).
    #[cfg_attr(feature = "serde", serde(default))]
    pub breaks: Vec<BreakRule>,
    /// Cost of one agent for one paid hour (default 1); a shift costs this times its paid
    /// hours.
    #[cfg_attr(feature = "serde", serde(default = "one"))]
    pub cost_per_paid_hour: f64,
    /// Most agents on any single shift (one start time on one day).
    #[cfg_attr(feature = "serde", serde(default))]
    pub max_per_shift: Option<u32>,
    /// Fewest agents on this template's shifts over the whole horizon.
    #[cfg_attr(feature = "serde", serde(default))]
    pub min_total: u32,
    /// Most agents on this template's shifts over the whole horizon (full- and part-time
    /// mixes are limits on templates of different lengths).
    #[cfg_attr(feature = "serde", serde(default))]
    pub max_total: Option<u32>,
}

#[cfg(feature = "serde")]
fn all_days() -> Vec<Weekday> {
    Weekday::ALL.to_vec()
}
#[cfg(feature = "serde")]
fn hour() -> u32 {
    60
}
#[cfg(feature = "serde")]
fn one() -> f64 {
    1.0
}

impl ShiftTemplate {
    /// A template running every day, starting between `earliest_start` and `latest_start`
    /// minutes after midnight on an hourly step, lasting `length` minutes, without breaks, at
    /// cost 1 per paid hour and without limits.
    ///
    /// ```
    /// let t = wfm_schedule::ShiftTemplate::new("day", 480, 600, 480);
    /// assert_eq!(t.days.len(), 7);
    /// assert_eq!(t.start_step_minutes, 60);
    /// ```
    pub fn new(
        name: impl Into<String>,
        earliest_start: u32,
        latest_start: u32,
        length: u32,
    ) -> Self {
        Self {
            name: name.into(),
            days: Weekday::ALL.to_vec(),
            earliest_start_minutes: earliest_start,
            latest_start_minutes: latest_start,
            start_step_minutes: 60,
            length_minutes: length,
            breaks: Vec::new(),
            cost_per_paid_hour: 1.0,
            max_per_shift: None,
            min_total: 0,
            max_total: None,
        }
    }

    /// Paid minutes of one shift: its length less its unpaid breaks (saturating at zero).
    ///
    /// ```
    /// use wfm_schedule::{BreakRule, ShiftTemplate};
    /// let mut t = ShiftTemplate::new("day", 480, 480, 480);
    /// t.breaks.push(BreakRule::new(240, 240, 60).unpaid());
    /// assert_eq!(t.paid_minutes(), 420);
    /// ```
    pub fn paid_minutes(&self) -> u32 {
        let unpaid: u32 = self
            .breaks
            .iter()
            .filter(|b| !b.paid)
            .fold(0u32, |acc, b| acc.saturating_add(b.length_minutes));
        self.length_minutes.saturating_sub(unpaid)
    }

    /// Cost of one agent on one shift of this template: cost per paid hour × paid hours.
    ///
    /// ```
    /// let t = wfm_schedule::ShiftTemplate::new("day", 480, 480, 480);
    /// assert_eq!(t.shift_cost(), 8.0);
    /// ```
    pub fn shift_cost(&self) -> f64 {
        self.cost_per_paid_hour * f64::from(self.paid_minutes()) / 60.0
    }
}
