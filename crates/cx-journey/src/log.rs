//! The event-log accumulator: one pass over records, in any order, mergeable and serialisable.

use crate::intern::Interner;
use crate::names::check_name;
use crate::{JourneyError, Journeys, Outcome};

/// The most distinct steps one log may hold.
///
/// The directly-follows counts are a dense `steps × steps` table, so this bound keeps it within
/// 8 MB.
///
/// ```
/// assert_eq!(cx_journey::MAX_STEPS, 1000);
/// ```
pub const MAX_STEPS: usize = 1000;

/// The most distinct channels one log may hold.
///
/// ```
/// assert_eq!(cx_journey::MAX_CHANNELS, 1000);
/// ```
pub const MAX_CHANNELS: usize = 1000;

/// The most events one log may hold (about 24 bytes each in memory).
///
/// ```
/// assert_eq!(cx_journey::MAX_EVENTS, 500_000_000);
/// ```
pub const MAX_EVENTS: u64 = 500_000_000;

/// The most cases (journeys) one log may hold.
///
/// ```
/// assert_eq!(cx_journey::MAX_CASES, 100_000_000);
/// ```
pub const MAX_CASES: u64 = 100_000_000;

/// The most events one case may hold (the longest path).
///
/// ```
/// assert_eq!(cx_journey::MAX_PATH_LENGTH, 100_000);
/// ```
pub const MAX_PATH_LENGTH: u32 = 100_000;

/// The largest absolute timestamp, in milliseconds (about 31 700 years either side of the epoch),
/// so that every difference of two timestamps is exact in `i64` and in `f64`.
///
/// ```
/// assert_eq!(cx_journey::MAX_ABS_TIME_MS, 1_000_000_000_000_000);
/// ```
pub const MAX_ABS_TIME_MS: i64 = 1_000_000_000_000_000;

/// No end time recorded.
pub(crate) const NO_END: i64 = i64::MIN;
/// No outcome recorded.
pub(crate) const NO_OUTCOME: u8 = 3;

/// One stored event: 24 bytes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Event {
    pub(crate) time: i64,
    pub(crate) end: i64,
    pub(crate) case: u32,
    pub(crate) step: u16,
    /// Channel id in the low 13 bits, outcome (0..=3) in the high 3.
    pub(crate) chan_out: u16,
}

impl Event {
    pub(crate) fn channel(&self) -> u16 {
        self.chan_out & 0x1fff
    }
    pub(crate) fn outcome(&self) -> u8 {
        (self.chan_out >> 13) as u8
    }
}

fn outcome_code(o: Option<Outcome>) -> u8 {
    o.map_or(NO_OUTCOME, |o| o.index() as u8)
}

/// Accumulates an event log: records of `case id, timestamp, step, channel, outcome`.
///
/// Records may come in any order; the log orders each case's events by time when it is finished
/// ([`JourneyLog::finish`]). Input already sorted by case and time skips that sort. Step,
/// channel and case names are interned to small ids when first seen, so each record costs at most
/// one hash of its step and channel names (none for the case id when the previous record had the
/// same case).
///
/// Logs merge exactly ([`JourneyLog::merge`]): filling two logs from two halves of the records
/// and merging them gives the same journeys as one pass. Ties of time within a case are broken by
/// step name, then channel name, then outcome, so the result never depends on the record order.
///
/// Bounds, checked before anything grows: [`MAX_STEPS`], [`MAX_CHANNELS`], [`MAX_EVENTS`],
/// [`MAX_CASES`], [`MAX_PATH_LENGTH`] events per case, timestamps within ±[`MAX_ABS_TIME_MS`].
///
/// ```
/// use cx_journey::{JourneyLog, Outcome};
///
/// let mut log = JourneyLog::new();
/// log.record("c1", 0, "Search", "web", Some(Outcome::Succeeded))?;
/// log.record("c1", 60_000, "Pay", "web", Some(Outcome::Failed))?;
/// log.record("c2", 5_000, "Search", "app", None)?;
/// let journeys = log.finish()?;
/// assert_eq!(journeys.case_count(), 2);
/// assert_eq!(journeys.event_count(), 3);
/// # Ok::<(), cx_journey::JourneyError>(())
/// ```
#[derive(Clone, Default, Debug)]
pub struct JourneyLog {
    pub(crate) steps: Interner,
    pub(crate) channels: Interner,
    pub(crate) cases: Interner,
    pub(crate) case_len: Vec<u32>,
    pub(crate) events: Vec<Event>,
    /// The previous record's case name and id (the name buffer is reused, never reallocated
    /// for a name that fits).
    last_case: (String, Option<u32>),
}

impl JourneyLog {
    /// An empty log.
    ///
    /// ```
    /// assert_eq!(cx_journey::JourneyLog::new().event_count(), 0);
    /// ```
    pub fn new() -> JourneyLog {
        JourneyLog::default()
    }

    /// The number of events recorded.
    ///
    /// ```
    /// let mut log = cx_journey::JourneyLog::new();
    /// log.record("a", 1, "Start", "web", None)?;
    /// assert_eq!(log.event_count(), 1);
    /// # Ok::<(), cx_journey::JourneyError>(())
    /// ```
    pub fn event_count(&self) -> u64 {
        self.events.len() as u64
    }

    /// The number of distinct cases recorded.
    ///
    /// ```
    /// let mut log = cx_journey::JourneyLog::new();
    /// log.record("a", 1, "Start", "web", None)?;
    /// log.record("a", 2, "End", "web", None)?;
    /// assert_eq!(log.case_count(), 1);
    /// # Ok::<(), cx_journey::JourneyError>(())
    /// ```
    pub fn case_count(&self) -> u64 {
        self.cases.len() as u64
    }

    /// Records one event: the case it belongs to, when the step started (ms), the step, the
    /// channel and the outcome if known.
    ///
    /// # Errors
    /// [`JourneyError::OutOfRange`] for a timestamp beyond ±[`MAX_ABS_TIME_MS`],
    /// [`JourneyError::InvalidName`] for a blank, overlong or non-printable name,
    /// [`JourneyError::TooMany`] when a bound is reached. A refused record leaves the log as it
    /// was.
    pub fn record(
        &mut self,
        case: &str,
        time_ms: i64,
        step: &str,
        channel: &str,
        outcome: Option<Outcome>,
    ) -> Result<(), JourneyError> {
        self.push(case, time_ms, NO_END, step, channel, outcome_code(outcome))
    }

    /// Records one event with its end time too: the time in the step is then `end − start`
    /// rather than the time until the next step.
    ///
    /// # Errors
    /// As [`JourneyLog::record`], and [`JourneyError::OutOfRange`] when `end_ms < start_ms` or
    /// the end is beyond ±[`MAX_ABS_TIME_MS`].
    ///
    /// ```
    /// let mut log = cx_journey::JourneyLog::new();
    /// assert!(log.record_with_end("a", 10, 5, "Call", "phone", None).is_err());
    /// log.record_with_end("a", 10, 70, "Call", "phone", None)?;
    /// # Ok::<(), cx_journey::JourneyError>(())
    /// ```
    pub fn record_with_end(
        &mut self,
        case: &str,
        start_ms: i64,
        end_ms: i64,
        step: &str,
        channel: &str,
        outcome: Option<Outcome>,
    ) -> Result<(), JourneyError> {
        check_time("end_ms", end_ms)?;
        if end_ms < start_ms {
            return Err(JourneyError::OutOfRange {
                name: "end_ms",
                value: end_ms.to_string(),
                range: "at least the start time of the same event",
            });
        }
        self.push(case, start_ms, end_ms, step, channel, outcome_code(outcome))
    }

    fn push(
        &mut self,
        case: &str,
        time: i64,
        end: i64,
        step: &str,
        channel: &str,
        outcome: u8,
    ) -> Result<(), JourneyError> {
        check_time("time_ms", time)?;
        if self.events.len() as u64 >= MAX_EVENTS {
            return Err(JourneyError::TooMany {
                what: "events",
                requested: MAX_EVENTS + 1,
                limit: MAX_EVENTS,
            });
        }
        // Look everything up before changing anything, so that a refused record leaves no trace.
        let step_id = lookup(&self.steps, step, "step", "distinct steps", MAX_STEPS)?;
        let channel_id = lookup(
            &self.channels,
            channel,
            "channel",
            "distinct channels",
            MAX_CHANNELS,
        )?;
        let case_id = match self.last_case.1 {
            Some(id) if self.last_case.0 == case => Some(id),
            _ => self.cases.get(case),
        };
        match case_id {
            Some(c) if self.case_len[c as usize] >= MAX_PATH_LENGTH => {
                return Err(JourneyError::TooMany {
                    what: "events in one case",
                    requested: u64::from(MAX_PATH_LENGTH) + 1,
                    limit: u64::from(MAX_PATH_LENGTH),
                });
            }
            Some(_) => {}
            None => {
                check_name("case id", case)?;
                if self.cases.len() as u64 >= MAX_CASES {
                    return Err(JourneyError::TooMany {
                        what: "cases",
                        requested: MAX_CASES + 1,
                        limit: MAX_CASES,
                    });
                }
            }
        }
        let step_id = step_id.unwrap_or_else(|| self.steps.push(step));
        let channel_id = channel_id.unwrap_or_else(|| self.channels.push(channel));
        let case_id = match case_id {
            Some(c) => c,
            None => {
                self.case_len.push(0);
                self.cases.push(case)
            }
        };
        if self.last_case.1 != Some(case_id) {
            self.last_case.0.clear();
            self.last_case.0.push_str(case);
            self.last_case.1 = Some(case_id);
        }
        self.case_len[case_id as usize] += 1;
        self.events.push(Event {
            time,
            end,
            case: case_id,
            step: step_id as u16,
            chan_out: (channel_id as u16) | (u16::from(outcome) << 13),
        });
        Ok(())
    }

    /// Adds every event of `other` to this log (exact: the journeys are those of one pass over
    /// both logs' records).
    ///
    /// # Errors
    /// [`JourneyError::TooMany`] when the merged log would break a bound; the log is then left
    /// as it was.
    ///
    /// ```
    /// use cx_journey::JourneyLog;
    /// let (mut a, mut b) = (JourneyLog::new(), JourneyLog::new());
    /// a.record("c1", 0, "Search", "web", None)?;
    /// b.record("c1", 9, "Pay", "web", None)?;
    /// a.merge(&b)?;
    /// assert_eq!(a.finish()?.variants()[0].path, ["Search", "Pay"]);
    /// # Ok::<(), cx_journey::JourneyError>(())
    /// ```
    pub fn merge(&mut self, other: &JourneyLog) -> Result<(), JourneyError> {
        let check = |what, requested: u64, limit: u64| {
            if requested > limit {
                Err(JourneyError::TooMany {
                    what,
                    requested,
                    limit,
                })
            } else {
                Ok(())
            }
        };
        let new_names = |mine: &Interner, theirs: &Interner| {
            theirs
                .names()
                .iter()
                .filter(|n| mine.get(n).is_none())
                .count() as u64
        };
        check(
            "events",
            self.event_count() + other.event_count(),
            MAX_EVENTS,
        )?;
        check(
            "distinct steps",
            self.steps.len() as u64 + new_names(&self.steps, &other.steps),
            MAX_STEPS as u64,
        )?;
        check(
            "distinct channels",
            self.channels.len() as u64 + new_names(&self.channels, &other.channels),
            MAX_CHANNELS as u64,
        )?;
        check(
            "cases",
            self.case_count() + new_names(&self.cases, &other.cases),
            MAX_CASES,
        )?;
        for (i, name) in other.cases.names().iter().enumerate() {
            if let Some(c) = self.cases.get(name) {
                let total = u64::from(self.case_len[c as usize]) + u64::from(other.case_len[i]);
                check("events in one case", total, u64::from(MAX_PATH_LENGTH))?;
            }
        }
        let remap = |mine: &mut Interner, theirs: &Interner| -> Vec<u32> {
            theirs
                .names()
                .iter()
                .map(|n| mine.get(n).unwrap_or_else(|| mine.push(n)))
                .collect()
        };
        let steps = remap(&mut self.steps, &other.steps);
        let channels = remap(&mut self.channels, &other.channels);
        let cases = remap(&mut self.cases, &other.cases);
        self.case_len.resize(self.cases.len(), 0);
        for (i, &c) in cases.iter().enumerate() {
            self.case_len[c as usize] += other.case_len[i];
        }
        self.events.reserve(other.events.len());
        for e in &other.events {
            self.events.push(Event {
                time: e.time,
                end: e.end,
                case: cases[e.case as usize],
                step: steps[usize::from(e.step)] as u16,
                chan_out: (channels[usize::from(e.channel())] as u16)
                    | (u16::from(e.outcome()) << 13),
            });
        }
        self.last_case = (String::new(), None);
        Ok(())
    }

    /// Orders each case's events by time and returns the journeys, ready for analysis.
    ///
    /// # Errors
    /// None today for a log built through this API; the `Result` leaves room for checks of
    /// deserialised logs.
    pub fn finish(self) -> Result<Journeys, JourneyError> {
        Ok(Journeys::from_log(self))
    }
}

fn check_time(name: &'static str, t: i64) -> Result<(), JourneyError> {
    if t.checked_abs().is_none_or(|a| a > MAX_ABS_TIME_MS) {
        return Err(JourneyError::OutOfRange {
            name,
            value: t.to_string(),
            range: "-1000000000000000..=1000000000000000",
        });
    }
    Ok(())
}

/// The id of `name`, `None` when it is new and may be added, an error when it may not.
fn lookup(
    table: &Interner,
    name: &str,
    what: &'static str,
    plural: &'static str,
    limit: usize,
) -> Result<Option<u32>, JourneyError> {
    if let Some(id) = table.get(name) {
        return Ok(Some(id));
    }
    check_name(what, name)?;
    if table.len() >= limit {
        return Err(JourneyError::TooMany {
            what: plural,
            requested: limit as u64 + 1,
            limit: limit as u64,
        });
    }
    Ok(None)
}

impl Extend<JourneyLog> for JourneyLog {
    /// Merges every log; a log that would break a bound is skipped (use
    /// [`JourneyLog::merge`] to see the error).
    fn extend<I: IntoIterator<Item = JourneyLog>>(&mut self, iter: I) {
        for log in iter {
            let _ = self.merge(&log);
        }
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::{Event, JourneyLog, NO_END, NO_OUTCOME};
    use crate::Outcome;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    /// One event as `[case, step, channel, outcome or null, start_ms, end_ms or null]`, ids into
    /// the name lists.
    type EventRepr = (u32, u32, u32, Option<Outcome>, i64, Option<i64>);

    #[derive(Serialize, Deserialize)]
    struct Repr {
        cases: Vec<String>,
        steps: Vec<String>,
        channels: Vec<String>,
        events: Vec<EventRepr>,
    }

    impl Serialize for JourneyLog {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let names = |i: &crate::intern::Interner| {
                i.names().iter().map(|n| n.to_string()).collect::<Vec<_>>()
            };
            let events = self
                .events
                .iter()
                .map(|e: &Event| {
                    let o = e.outcome();
                    (
                        e.case,
                        u32::from(e.step),
                        u32::from(e.channel()),
                        (o != NO_OUTCOME).then(|| Outcome::ALL[usize::from(o)]),
                        e.time,
                        (e.end != NO_END).then_some(e.end),
                    )
                })
                .collect();
            Repr {
                cases: names(&self.cases),
                steps: names(&self.steps),
                channels: names(&self.channels),
                events,
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for JourneyLog {
        /// Replays every event through [`JourneyLog::record`], so every bound and name is checked.
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let r = Repr::deserialize(d)?;
            let mut log = JourneyLog::new();
            let name = |list: &[String], i: u32, what: &str| {
                list.get(i as usize).cloned().ok_or_else(|| {
                    D::Error::custom(format!("{what} id {i} is not below {}", list.len()))
                })
            };
            for (case, step, channel, outcome, start, end) in r.events {
                let (c, s, ch) = (
                    name(&r.cases, case, "case")?,
                    name(&r.steps, step, "step")?,
                    name(&r.channels, channel, "channel")?,
                );
                match end {
                    Some(e) => log.record_with_end(&c, start, e, &s, &ch, outcome),
                    None => log.record(&c, start, &s, &ch, outcome),
                }
                .map_err(D::Error::custom)?;
            }
            Ok(log)
        }
    }
}
