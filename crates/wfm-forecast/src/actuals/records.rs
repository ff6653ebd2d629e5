//! A contact record and the counts of an interval, a day or a period, with the measures read
//! from them (AHT, ASA, abandonment rate, service level by definition). See
//! [`crate::ActualsAccumulator`] for the conventions.

use crate::actuals::deadlines::ratio;
use crate::staffing::targets::ServiceLevelDefinition;
use crate::units::TimeSpan;

/// How a contact ended in the queue.
///
/// ```
/// use wfm_forecast::{Outcome, TimeSpan};
/// let answered = Outcome::Answered { wait: TimeSpan::from_seconds(12.0)?, handle: TimeSpan::from_minutes(4.0)? };
/// let abandoned = Outcome::Abandoned { wait: TimeSpan::from_seconds(95.0)? };
/// assert_ne!(answered, abandoned);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Outcome {
    /// Answered after `wait`, then handled for `handle` (talk + hold + wrap-up).
    Answered {
        /// Time in queue.
        wait: TimeSpan,
        /// Handle time.
        handle: TimeSpan,
    },
    /// The customer gave up after `wait`.
    Abandoned {
        /// Time in queue.
        wait: TimeSpan,
    },
}

/// One contact: when it arrived, how it ended, and optionally its request type and, for
/// written channels, its first-reaction and resolution times.
///
/// ```
/// use wfm_forecast::{ContactRecord, Outcome, TimeSpan};
/// let r = ContactRecord::new(9 * 3600, Outcome::Abandoned { wait: TimeSpan::from_seconds(40.0)? })
///     .with_request_type("billing")
///     .with_first_reaction(TimeSpan::from_minutes(3.0)?);
/// assert_eq!(r.request_type, Some("billing"));
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ContactRecord<'a> {
    /// Arrival, in local-clock seconds since a midnight-aligned epoch (see the module docs).
    pub arrival_seconds: i64,
    /// How it ended.
    pub outcome: Outcome,
    /// The request type, for deadline compliance.
    pub request_type: Option<&'a str>,
    /// Time from arrival to the first reaction (written channels).
    pub first_reaction: Option<TimeSpan>,
    /// Time from arrival to resolution.
    pub resolution: Option<TimeSpan>,
}

impl<'a> ContactRecord<'a> {
    /// A record with no optional field.
    ///
    /// ```
    /// use wfm_forecast::{ContactRecord, Outcome, TimeSpan};
    /// let r = ContactRecord::new(0, Outcome::Abandoned { wait: TimeSpan::from_seconds(1.0)? });
    /// assert!(r.request_type.is_none());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn new(arrival_seconds: i64, outcome: Outcome) -> Self {
        Self {
            arrival_seconds,
            outcome,
            request_type: None,
            first_reaction: None,
            resolution: None,
        }
    }

    /// With a request type.
    ///
    /// ```
    /// use wfm_forecast::{ContactRecord, Outcome, TimeSpan};
    /// let r = ContactRecord::new(0, Outcome::Abandoned { wait: TimeSpan::from_seconds(1.0)? }).with_request_type("b2b");
    /// assert_eq!(r.request_type, Some("b2b"));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn with_request_type(mut self, request_type: &'a str) -> Self {
        self.request_type = Some(request_type);
        self
    }

    /// With a first-reaction time.
    ///
    /// ```
    /// use wfm_forecast::{ContactRecord, Outcome, TimeSpan};
    /// let r = ContactRecord::new(0, Outcome::Abandoned { wait: TimeSpan::from_seconds(1.0)? })
    ///     .with_first_reaction(TimeSpan::from_seconds(30.0)?);
    /// assert!(r.first_reaction.is_some());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn with_first_reaction(mut self, first_reaction: TimeSpan) -> Self {
        self.first_reaction = Some(first_reaction);
        self
    }

    /// With a resolution time.
    ///
    /// ```
    /// use wfm_forecast::{ContactRecord, Outcome, TimeSpan};
    /// let r = ContactRecord::new(0, Outcome::Abandoned { wait: TimeSpan::from_seconds(1.0)? })
    ///     .with_resolution(TimeSpan::from_minutes(90.0)?);
    /// assert!(r.resolution.is_some());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn with_resolution(mut self, resolution: TimeSpan) -> Self {
        self.resolution = Some(resolution);
        self
    }
}

/// Counts and time sums of one interval, day or whole period, with the measures read from
/// them.
///
/// ```
/// use wfm_forecast::{ActualsAccumulator, ContactRecord, IntervalLength, Outcome, ServiceLevelDefinition, TimeSpan};
/// let s = |x| TimeSpan::from_seconds(x);
/// let mut acc = ActualsAccumulator::new(IntervalLength::MINUTES_30, s(20.0)?);
/// acc.record(&ContactRecord::new(60, Outcome::Answered { wait: s(10.0)?, handle: s(200.0)? }));
/// acc.record(&ContactRecord::new(70, Outcome::Answered { wait: s(50.0)?, handle: s(100.0)? }));
/// acc.record(&ContactRecord::new(80, Outcome::Abandoned { wait: s(5.0)? }));
/// let t = acc.total();
/// assert_eq!((t.offered, t.answered, t.abandoned), (3, 2, 1));
/// assert_eq!(t.aht().map(|a| a.seconds()), Some(150.0));
/// assert_eq!(t.asa().map(|a| a.seconds()), Some(30.0));
/// assert_eq!(t.service_level(ServiceLevelDefinition::AnsweredWithinOverOffered), Some(1.0 / 3.0));
/// assert_eq!(t.service_level(ServiceLevelDefinition::AnsweredWithinOverAnswered), Some(0.5));
/// assert_eq!(t.service_level(ServiceLevelDefinition::AnsweredWithinOverOfferedLessShortAbandons), Some(0.5));
/// assert_eq!(t.service_level(ServiceLevelDefinition::WaitEndedWithinOverOffered), Some(2.0 / 3.0));
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ActualCounts {
    /// Contacts offered (answered + abandoned).
    pub offered: u64,
    /// Contacts answered.
    pub answered: u64,
    /// Contacts abandoned.
    pub abandoned: u64,
    /// Answered with a wait ≤ the target T.
    pub answered_within: u64,
    /// Abandoned with a wait ≤ the target T ("short abandons").
    pub abandoned_within: u64,
    /// Σ handle time of answered contacts, seconds.
    pub handle_seconds: f64,
    /// Σ wait of answered contacts, seconds.
    pub answered_wait_seconds: f64,
    /// Σ wait of abandoned contacts, seconds.
    pub abandoned_wait_seconds: f64,
}

impl ActualCounts {
    /// Average handle time of answered contacts; `None` if none was answered.
    ///
    /// ```
    /// use wfm_forecast::ActualCounts;
    /// assert!(ActualCounts::default().aht().is_none());
    /// ```
    pub fn aht(&self) -> Option<TimeSpan> {
        ratio(1, self.answered).and_then(|r| TimeSpan::from_seconds(self.handle_seconds * r).ok())
    }

    /// Average speed of answer: mean wait of answered contacts; `None` if none was answered.
    ///
    /// ```
    /// use wfm_forecast::ActualCounts;
    /// let c = ActualCounts { offered: 2, answered: 2, answered_wait_seconds: 30.0, ..Default::default() };
    /// assert_eq!(c.asa().map(|t| t.seconds()), Some(15.0));
    /// ```
    pub fn asa(&self) -> Option<TimeSpan> {
        ratio(1, self.answered)
            .and_then(|r| TimeSpan::from_seconds(self.answered_wait_seconds * r).ok())
    }

    /// Whether the counts agree with each other, as counts from records always do: offered =
    /// answered + abandoned, and the counts within the target no larger than their totals.
    /// Counts built by hand may not; the rates below are `None` for them rather than a share
    /// above 1 or an overflow.
    ///
    /// ```
    /// use wfm_forecast::ActualCounts;
    /// let c = ActualCounts { offered: 4, answered: 3, abandoned: 1, answered_within: 2, ..Default::default() };
    /// assert!(c.is_consistent());
    /// assert!(!ActualCounts { answered_within: 5, ..c }.is_consistent());
    /// ```
    pub fn is_consistent(&self) -> bool {
        self.answered.checked_add(self.abandoned) == Some(self.offered)
            && self.answered_within <= self.answered
            && self.abandoned_within <= self.abandoned
    }

    /// Abandoned ÷ offered; `None` if nothing was offered or the counts are not
    /// [consistent](ActualCounts::is_consistent).
    ///
    /// ```
    /// use wfm_forecast::ActualCounts;
    /// let c = ActualCounts { offered: 4, answered: 3, abandoned: 1, ..Default::default() };
    /// assert_eq!(c.abandonment_rate(), Some(0.25));
    /// assert_eq!(ActualCounts { abandoned: 9, ..c }.abandonment_rate(), None);
    /// ```
    pub fn abandonment_rate(&self) -> Option<f64> {
        if !self.is_consistent() {
            return None;
        }
        ratio(self.abandoned, self.offered)
    }

    /// Service level under `definition` (see the module docs); `None` when its denominator is
    /// 0 or the counts are not [consistent](ActualCounts::is_consistent).
    ///
    /// ```
    /// use wfm_forecast::{ActualCounts, ServiceLevelDefinition};
    /// assert!(ActualCounts::default().service_level(ServiceLevelDefinition::default()).is_none());
    /// // More short abandons than contacts: no service level, not an overflow.
    /// let bad = ActualCounts { offered: 1, abandoned: 1, abandoned_within: 3, ..Default::default() };
    /// assert!(bad.service_level(ServiceLevelDefinition::AnsweredWithinOverOfferedLessShortAbandons).is_none());
    /// ```
    pub fn service_level(&self, definition: ServiceLevelDefinition) -> Option<f64> {
        if !self.is_consistent() {
            return None;
        }
        match definition {
            ServiceLevelDefinition::AnsweredWithinOverOffered => {
                ratio(self.answered_within, self.offered)
            }
            ServiceLevelDefinition::AnsweredWithinOverAnswered => {
                ratio(self.answered_within, self.answered)
            }
            ServiceLevelDefinition::AnsweredWithinOverOfferedLessShortAbandons => {
                ratio(self.answered_within, self.offered - self.abandoned_within)
            }
            ServiceLevelDefinition::WaitEndedWithinOverOffered => {
                ratio(self.answered_within + self.abandoned_within, self.offered)
            }
        }
    }

    pub(crate) fn add(&mut self, o: &Self) {
        self.offered += o.offered;
        self.answered += o.answered;
        self.abandoned += o.abandoned;
        self.answered_within += o.answered_within;
        self.abandoned_within += o.abandoned_within;
        self.handle_seconds += o.handle_seconds;
        self.answered_wait_seconds += o.answered_wait_seconds;
        self.abandoned_wait_seconds += o.abandoned_wait_seconds;
    }
}
