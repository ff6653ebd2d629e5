//! Actuals from contact records: per-interval and per-day offered, answered, abandoned, AHT,
//! ASA, abandonment rate and service level (each definition by its own name), first-reaction
//! and resolution-time percentiles, and compliance with per-request-type deadlines.
//!
//! One pass, records in any order, mergeable: record into one [`ActualsAccumulator`] per
//! thread or per file, [`merge`](ActualsAccumulator::merge) them, read the series. Counts and
//! time sums merge exactly (integers; sums of seconds up to floating-point rounding); the
//! percentiles keep every time, so they are exact too.
//!
//! **Time.** A record's arrival is given in seconds on the centre's **local** clock since any
//! epoch that falls on a local midnight (for example Unix seconds plus the UTC offset of the
//! centre at that moment): intervals and days are cut on that clock, so a day is a local day.
//!
//! **Conventions.** "Within T" means a wait `≤ T`. AHT is the mean handle time of answered
//! contacts; ASA the mean wait of answered contacts; abandonment rate = abandoned ÷ offered.
//! Service level under each [`ServiceLevelDefinition`](crate::ServiceLevelDefinition): answered within T ÷ offered (default),
//! ÷ answered, ÷ (offered − abandoned within T), and (answered + abandoned within T) ÷
//! offered. A ratio over nothing (an interval with no contact) is `None`, never NaN.

use std::collections::HashMap;

use crate::actuals::deadlines::{Compliance, DeadlineCompliance, Deadlines};
use crate::actuals::records::{ActualCounts, ContactRecord, Outcome};
use crate::error::{Error, Result};
use crate::units::{IntervalLength, TimeSpan};

/// The one-pass, mergeable accumulator of actuals; see the module docs.
///
/// ```
/// use wfm_forecast::{ActualsAccumulator, ContactRecord, IntervalLength, Outcome, TimeSpan};
/// let s = |x| TimeSpan::from_seconds(x);
/// let answered = Outcome::Answered { wait: s(5.0)?, handle: s(180.0)? };
/// let mut a = ActualsAccumulator::new(IntervalLength::MINUTES_30, s(20.0)?);
/// let mut b = a.clone();
/// a.record(&ContactRecord::new(8 * 3600, answered));          // 08:00, day 0
/// b.record(&ContactRecord::new(86_400 + 8 * 3600, answered)); // 08:00, day 1
/// a.merge(&b)?;
/// assert_eq!(a.per_day().len(), 2);
/// assert_eq!(a.offered_series(0, 2 * 86_400)?.len(), 96);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawActualsAccumulator"))]
pub struct ActualsAccumulator {
    interval: IntervalLength,
    answer_target: TimeSpan,
    deadlines: Deadlines,
    /// Counts per interval number (arrival seconds divided by the interval length); only
    /// intervals that received a contact.
    intervals: HashMap<i64, ActualCounts>,
    /// First-reaction and resolution times (seconds) of records without a request type.
    untyped: Times,
    /// The same per request type.
    typed: HashMap<String, Times>,
    /// Per deadline entry: (first reaction, resolution) compliance.
    compliance: Vec<(Compliance, Compliance)>,
}

/// Serialised form of [`ActualsAccumulator`], checked on the way in against everything that
/// recording keeps true (and that later calls rely on).
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawActualsAccumulator {
    interval: IntervalLength,
    answer_target: TimeSpan,
    deadlines: Deadlines,
    intervals: HashMap<i64, ActualCounts>,
    untyped: Times,
    typed: HashMap<String, Times>,
    compliance: Vec<(Compliance, Compliance)>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawActualsAccumulator> for ActualsAccumulator {
    type Error = Error;
    fn try_from(r: RawActualsAccumulator) -> Result<Self> {
        let inconsistent = |rule| Error::InconsistentState {
            what: "actuals accumulator",
            rule,
        };
        if r.compliance.len() != r.deadlines.len() {
            return Err(inconsistent(
                "it must hold one compliance pair per request type with a deadline",
            ));
        }
        for ((_, frt_limit, res_limit), (frt, res)) in r.deadlines.limits.iter().zip(&r.compliance)
        {
            for (limit, c) in [(frt_limit, frt), (res_limit, res)] {
                if c.met > c.total {
                    return Err(inconsistent(
                        "a deadline compliance has more records that met it than were measured",
                    ));
                }
                if limit.is_none() && c.total > 0 {
                    return Err(inconsistent(
                        "a compliance counts records against a deadline that is not set",
                    ));
                }
            }
        }
        let len = i64::from(r.interval.seconds());
        // Answered, abandoned and the "within" counts are parts of the offered ones, so their
        // totals fit when the offered total does.
        let mut offered: u64 = 0;
        for (&key, c) in &r.intervals {
            if key.checked_mul(len).is_none() {
                return Err(inconsistent(
                    "an interval number is too large for its start to be a time in seconds",
                ));
            }
            check_counts(c).map_err(inconsistent)?;
            offered = offered
                .checked_add(c.offered)
                .ok_or(inconsistent("the offered contacts add up past 2^64"))?;
        }
        for times in std::iter::once(&r.untyped).chain(r.typed.values()) {
            for (series, values) in [
                ("first-reaction times", &times.first_reaction),
                ("resolution times", &times.resolution),
            ] {
                if let Some((index, &value)) = values
                    .iter()
                    .enumerate()
                    .find(|(_, v)| !(v.is_finite() && **v >= 0.0))
                {
                    return Err(Error::InvalidValue {
                        series,
                        index,
                        value,
                    });
                }
            }
        }
        Ok(Self {
            interval: r.interval,
            answer_target: r.answer_target,
            deadlines: r.deadlines,
            intervals: r.intervals,
            untyped: r.untyped,
            typed: r.typed,
            compliance: r.compliance,
        })
    }
}

/// What recording keeps true of an interval's counts: at least one contact, each answered or
/// abandoned, the "within" counts parts of theirs, time sums finite and not negative.
#[cfg(feature = "serde")]
fn check_counts(c: &ActualCounts) -> core::result::Result<(), &'static str> {
    if c.offered == 0 {
        return Err("an interval is stored without any contact");
    }
    if c.answered.checked_add(c.abandoned) != Some(c.offered) {
        return Err("an interval's offered contacts are not its answered plus abandoned ones");
    }
    if c.answered_within > c.answered || c.abandoned_within > c.abandoned {
        return Err("an interval has more contacts within the target than answered or abandoned");
    }
    let sums = [
        c.handle_seconds,
        c.answered_wait_seconds,
        c.abandoned_wait_seconds,
    ];
    if !sums.iter().all(|s| s.is_finite() && *s >= 0.0) {
        return Err("an interval's time sums must be finite and not negative");
    }
    Ok(())
}

impl ActualsAccumulator {
    /// An empty accumulator cutting time into `interval`s, with service-level target T =
    /// `answer_target`.
    ///
    /// ```
    /// use wfm_forecast::{ActualsAccumulator, IntervalLength, TimeSpan};
    /// let acc = ActualsAccumulator::new(IntervalLength::MINUTES_15, TimeSpan::from_seconds(20.0)?);
    /// assert_eq!(acc.total().offered, 0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn new(interval: IntervalLength, answer_target: TimeSpan) -> Self {
        Self::with_deadlines(interval, answer_target, Deadlines::new())
    }

    /// As [`ActualsAccumulator::new`], with per-request-type deadlines.
    ///
    /// ```
    /// use wfm_forecast::{ActualsAccumulator, ContactRecord, Deadlines, IntervalLength, Outcome, TimeSpan};
    /// let s = |x| TimeSpan::from_seconds(x);
    /// let deadlines = Deadlines::new().first_reaction("b2c", s(60.0)?);
    /// let mut acc = ActualsAccumulator::with_deadlines(IntervalLength::HOUR, s(20.0)?, deadlines);
    /// let out = Outcome::Answered { wait: s(0.0)?, handle: s(300.0)? };
    /// acc.record(&ContactRecord::new(0, out).with_request_type("b2c").with_first_reaction(s(45.0)?));
    /// acc.record(&ContactRecord::new(9, out).with_request_type("b2c").with_first_reaction(s(75.0)?));
    /// let c = &acc.deadline_compliance()[0];
    /// assert_eq!(c.first_reaction.and_then(|c| c.share()), Some(0.5));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn with_deadlines(
        interval: IntervalLength,
        answer_target: TimeSpan,
        deadlines: Deadlines,
    ) -> Self {
        let compliance = vec![(Compliance::default(), Compliance::default()); deadlines.len()];
        Self {
            interval,
            answer_target,
            deadlines,
            intervals: HashMap::new(),
            untyped: Times::default(),
            typed: HashMap::new(),
            compliance,
        }
    }

    /// Records one contact. Every field is valid by construction (times are [`TimeSpan`]s),
    /// so this cannot fail.
    ///
    /// ```
    /// use wfm_forecast::{ActualsAccumulator, ContactRecord, IntervalLength, Outcome, TimeSpan};
    /// let mut acc = ActualsAccumulator::new(IntervalLength::HOUR, TimeSpan::from_seconds(20.0)?);
    /// acc.record(&ContactRecord::new(-30, Outcome::Abandoned { wait: TimeSpan::from_seconds(3.0)? }));
    /// assert_eq!(acc.per_interval()[0].0, -3600); // before the epoch: the interval before it
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn record(&mut self, r: &ContactRecord<'_>) {
        let len = i64::from(self.interval.seconds());
        let key = r.arrival_seconds.div_euclid(len);
        let target = self.answer_target.seconds();
        let c = self.intervals.entry(key).or_default();
        c.offered += 1;
        match r.outcome {
            Outcome::Answered { wait, handle } => {
                c.answered += 1;
                c.answered_within += u64::from(wait.seconds() <= target);
                c.handle_seconds += handle.seconds();
                c.answered_wait_seconds += wait.seconds();
            }
            Outcome::Abandoned { wait } => {
                c.abandoned += 1;
                c.abandoned_within += u64::from(wait.seconds() <= target);
                c.abandoned_wait_seconds += wait.seconds();
            }
        }
        // Every request type is kept (with or without times), so that it can be listed.
        let typed = match r.request_type {
            Some(kind) => {
                if !self.typed.contains_key(kind) {
                    self.typed.insert(kind.to_owned(), Times::default());
                }
                self.typed.get_mut(kind)
            }
            None => None,
        };
        if r.first_reaction.is_some() || r.resolution.is_some() {
            let times = typed.unwrap_or(&mut self.untyped);
            if let Some(t) = r.first_reaction {
                times.first_reaction.push(t.seconds());
            }
            if let Some(t) = r.resolution {
                times.resolution.push(t.seconds());
            }
        }
        if let Some(kind) = r.request_type
            && let Some(i) = self.deadlines.limits.iter().position(|(t, _, _)| t == kind)
        {
            let (_, frt_limit, res_limit) = &self.deadlines.limits[i];
            let (frt_c, res_c) = &mut self.compliance[i];
            if let (Some(limit), Some(t)) = (frt_limit, r.first_reaction) {
                frt_c.total += 1;
                frt_c.met += u64::from(t.seconds() <= limit.seconds());
            }
            if let (Some(limit), Some(t)) = (res_limit, r.resolution) {
                res_c.total += 1;
                res_c.met += u64::from(t.seconds() <= limit.seconds());
            }
        }
    }

    /// Adds `other`'s records. Errors if the interval length, the answer target or the
    /// deadlines differ.
    ///
    /// ```
    /// use wfm_forecast::{ActualsAccumulator, IntervalLength, TimeSpan};
    /// let mut a = ActualsAccumulator::new(IntervalLength::HOUR, TimeSpan::from_seconds(20.0)?);
    /// let b = ActualsAccumulator::new(IntervalLength::MINUTES_30, TimeSpan::from_seconds(20.0)?);
    /// assert!(a.merge(&b).is_err());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn merge(&mut self, other: &Self) -> Result<()> {
        if self.interval != other.interval {
            return Err(Error::MergeMismatch {
                what: "interval lengths",
            });
        }
        if self.answer_target != other.answer_target {
            return Err(Error::MergeMismatch {
                what: "answer-time targets",
            });
        }
        if self.deadlines != other.deadlines {
            return Err(Error::MergeMismatch { what: "deadlines" });
        }
        for (k, c) in &other.intervals {
            self.intervals.entry(*k).or_default().add(c);
        }
        self.untyped.extend(&other.untyped);
        for (kind, times) in &other.typed {
            self.typed.entry(kind.clone()).or_default().extend(times);
        }
        for ((a, b), (c, d)) in self.compliance.iter_mut().zip(&other.compliance) {
            a.met += c.met;
            a.total += c.total;
            b.met += d.met;
            b.total += d.total;
        }
        Ok(())
    }

    /// Every interval that received a contact, in time order: (start in local-clock seconds,
    /// counts).
    ///
    /// ```
    /// use wfm_forecast::{ActualsAccumulator, ContactRecord, IntervalLength, Outcome, TimeSpan};
    /// let mut acc = ActualsAccumulator::new(IntervalLength::MINUTES_15, TimeSpan::from_seconds(20.0)?);
    /// acc.record(&ContactRecord::new(1000, Outcome::Abandoned { wait: TimeSpan::from_seconds(3.0)? }));
    /// assert_eq!(acc.per_interval()[0].0, 900);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn per_interval(&self) -> Vec<(i64, ActualCounts)> {
        let len = i64::from(self.interval.seconds());
        let mut v: Vec<(i64, ActualCounts)> =
            self.intervals.iter().map(|(k, c)| (k * len, *c)).collect();
        v.sort_unstable_by_key(|(k, _)| *k);
        v
    }

    /// Every day that received a contact, in order: (day number since the epoch, counts).
    ///
    /// ```
    /// use wfm_forecast::{ActualsAccumulator, ContactRecord, IntervalLength, Outcome, TimeSpan};
    /// let mut acc = ActualsAccumulator::new(IntervalLength::HOUR, TimeSpan::from_seconds(20.0)?);
    /// acc.record(&ContactRecord::new(3 * 86_400 + 5, Outcome::Abandoned { wait: TimeSpan::from_seconds(3.0)? }));
    /// assert_eq!(acc.per_day()[0].0, 3);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn per_day(&self) -> Vec<(i64, ActualCounts)> {
        let per_day = i64::from(self.interval.per_day());
        let mut days: HashMap<i64, ActualCounts> = HashMap::new();
        for (k, c) in &self.intervals {
            days.entry(k.div_euclid(per_day)).or_default().add(c);
        }
        let mut v: Vec<(i64, ActualCounts)> = days.into_iter().collect();
        v.sort_unstable_by_key(|(k, _)| *k);
        v
    }

    /// Offered, answered, abandoned contacts, handle and wait times of every interval in
    /// `[start, end)` (local-clock seconds, both on interval boundaries), in time order:
    /// (start, counts), an interval with no contact as zero counts (whose ratios are `None`).
    ///
    /// # Errors
    /// [`Error::InvalidRecord`] when `start` or `end` is not on an interval boundary, or `end <
    /// start`.
    ///
    /// ```
    /// use wfm_forecast::{ActualsAccumulator, ContactRecord, IntervalLength, Outcome, TimeSpan};
    /// let mut acc = ActualsAccumulator::new(IntervalLength::HOUR, TimeSpan::from_seconds(20.0)?);
    /// acc.record(&ContactRecord::new(3700, Outcome::Abandoned { wait: TimeSpan::from_seconds(3.0)? }));
    /// let range = acc.per_interval_range(0, 3 * 3600)?;
    /// let offered: Vec<_> = range.iter().map(|(start, c)| (*start, c.offered)).collect();
    /// assert_eq!(offered, [(0, 0), (3600, 1), (7200, 0)]);
    /// assert!(range[0].1.abandonment_rate().is_none()); // nothing offered
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn per_interval_range(&self, start: i64, end: i64) -> Result<Vec<(i64, ActualCounts)>> {
        let len = i64::from(self.interval.seconds());
        check_range(len, start, end)?;
        Ok((start / len..end / len)
            .map(|k| (k * len, self.intervals.get(&k).copied().unwrap_or_default()))
            .collect())
    }

    /// Every request type recorded (with or without first-reaction and resolution times), in
    /// ascending order.
    ///
    /// ```
    /// use wfm_forecast::{ActualsAccumulator, ContactRecord, IntervalLength, Outcome, TimeSpan};
    /// let s = |x| TimeSpan::from_seconds(x);
    /// let mut acc = ActualsAccumulator::new(IntervalLength::HOUR, s(20.0)?);
    /// let out = Outcome::Abandoned { wait: s(1.0)? };
    /// acc.record(&ContactRecord::new(0, out).with_request_type("b2c"));
    /// acc.record(&ContactRecord::new(0, out).with_request_type("b2b").with_first_reaction(s(30.0)?));
    /// acc.record(&ContactRecord::new(0, out));
    /// assert_eq!(acc.request_types(), ["b2b", "b2c"]);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn request_types(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.typed.keys().map(String::as_str).collect();
        v.sort_unstable();
        v
    }

    /// The deadlines the accumulator measures compliance with.
    ///
    /// ```
    /// use wfm_forecast::{ActualsAccumulator, Deadlines, IntervalLength, TimeSpan};
    /// let d = Deadlines::new().resolution("b2b", TimeSpan::from_minutes(240.0)?);
    /// let acc = ActualsAccumulator::with_deadlines(IntervalLength::HOUR, TimeSpan::from_seconds(20.0)?, d.clone());
    /// assert_eq!(acc.deadlines(), &d);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn deadlines(&self) -> &Deadlines {
        &self.deadlines
    }

    /// All records together.
    ///
    /// ```
    /// use wfm_forecast::{ActualsAccumulator, IntervalLength, TimeSpan};
    /// let acc = ActualsAccumulator::new(IntervalLength::HOUR, TimeSpan::from_seconds(20.0)?);
    /// assert!(acc.total().aht().is_none());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn total(&self) -> ActualCounts {
        let mut t = ActualCounts::default();
        for c in self.intervals.values() {
            t.add(c);
        }
        t
    }

    /// Offered contacts of every interval in `[start, end)` (local-clock seconds, both on
    /// interval boundaries), zeros included: the series a volume model forecasts.
    ///
    /// ```
    /// use wfm_forecast::{ActualsAccumulator, ContactRecord, IntervalLength, Outcome, TimeSpan};
    /// let mut acc = ActualsAccumulator::new(IntervalLength::HOUR, TimeSpan::from_seconds(20.0)?);
    /// acc.record(&ContactRecord::new(3700, Outcome::Abandoned { wait: TimeSpan::from_seconds(3.0)? }));
    /// assert_eq!(acc.offered_series(0, 3 * 3600)?, vec![0.0, 1.0, 0.0]);
    /// assert!(acc.offered_series(0, 100).is_err()); // not on a boundary
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn offered_series(&self, start: i64, end: i64) -> Result<Vec<f64>> {
        let len = i64::from(self.interval.seconds());
        check_range(len, start, end)?;
        Ok((start / len..end / len)
            .map(|k| self.intervals.get(&k).map_or(0.0, |c| c.offered as f64))
            .collect())
    }

    /// First-reaction time percentiles (`p` in [0, 1], linear interpolation between order
    /// statistics, numpy's default); `None` if no record had one.
    ///
    /// ```
    /// use wfm_forecast::{ActualsAccumulator, ContactRecord, IntervalLength, Outcome, TimeSpan};
    /// let s = |x| TimeSpan::from_seconds(x);
    /// let mut acc = ActualsAccumulator::new(IntervalLength::HOUR, s(20.0)?);
    /// for frt in [10.0, 20.0, 30.0, 40.0, 50.0] {
    ///     acc.record(&ContactRecord::new(0, Outcome::Abandoned { wait: s(1.0)? }).with_first_reaction(s(frt)?));
    /// }
    /// let p = acc.first_reaction_percentiles(&[0.5, 0.9])?.ok_or(wfm_forecast::Error::EmptySeries { series: "frt" })?;
    /// assert_eq!(p[0].seconds(), 30.0);
    /// assert_eq!(p[1].seconds(), 46.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn first_reaction_percentiles(&self, ps: &[f64]) -> Result<Option<Vec<TimeSpan>>> {
        percentiles(&self.all(|t| &t.first_reaction), ps)
    }

    /// First-reaction time percentiles of one request type (as
    /// [`ActualsAccumulator::first_reaction_percentiles`]); `None` if no record of that type
    /// had one.
    ///
    /// ```
    /// use wfm_forecast::{ActualsAccumulator, ContactRecord, IntervalLength, Outcome, TimeSpan};
    /// let s = |x| TimeSpan::from_seconds(x);
    /// let mut acc = ActualsAccumulator::new(IntervalLength::HOUR, s(20.0)?);
    /// let out = Outcome::Abandoned { wait: s(1.0)? };
    /// acc.record(&ContactRecord::new(0, out).with_request_type("b2c").with_first_reaction(s(30.0)?));
    /// acc.record(&ContactRecord::new(0, out).with_request_type("b2b").with_first_reaction(s(3600.0)?));
    /// let b2c = acc.first_reaction_percentiles_of("b2c", &[0.5])?;
    /// assert_eq!(b2c.map(|p| p[0].seconds()), Some(30.0));
    /// assert_eq!(acc.first_reaction_percentiles_of("vip", &[0.5])?, None);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn first_reaction_percentiles_of(
        &self,
        request_type: &str,
        ps: &[f64],
    ) -> Result<Option<Vec<TimeSpan>>> {
        let empty = Vec::new();
        let values = self
            .typed
            .get(request_type)
            .map_or(&empty, |t| &t.first_reaction);
        percentiles(values, ps)
    }

    /// Resolution-time percentiles of one request type (as
    /// [`ActualsAccumulator::first_reaction_percentiles_of`]).
    ///
    /// ```
    /// use wfm_forecast::{ActualsAccumulator, ContactRecord, IntervalLength, Outcome, TimeSpan};
    /// let s = |x| TimeSpan::from_seconds(x);
    /// let mut acc = ActualsAccumulator::new(IntervalLength::HOUR, s(20.0)?);
    /// let out = Outcome::Abandoned { wait: s(1.0)? };
    /// acc.record(&ContactRecord::new(0, out).with_request_type("b2b").with_resolution(s(7200.0)?));
    /// assert_eq!(acc.resolution_percentiles_of("b2b", &[1.0])?.map(|p| p[0].minutes()), Some(120.0));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn resolution_percentiles_of(
        &self,
        request_type: &str,
        ps: &[f64],
    ) -> Result<Option<Vec<TimeSpan>>> {
        let empty = Vec::new();
        let values = self
            .typed
            .get(request_type)
            .map_or(&empty, |t| &t.resolution);
        percentiles(values, ps)
    }

    /// All values of one kind of time, typed and untyped records together.
    fn all(&self, pick: impl Fn(&Times) -> &Vec<f64>) -> Vec<f64> {
        let mut v = pick(&self.untyped).clone();
        for t in self.typed.values() {
            v.extend_from_slice(pick(t));
        }
        v
    }

    /// Resolution-time percentiles, as [`ActualsAccumulator::first_reaction_percentiles`].
    ///
    /// ```
    /// use wfm_forecast::{ActualsAccumulator, IntervalLength, TimeSpan};
    /// let acc = ActualsAccumulator::new(IntervalLength::HOUR, TimeSpan::from_seconds(20.0)?);
    /// assert_eq!(acc.resolution_percentiles(&[0.5])?, None);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn resolution_percentiles(&self, ps: &[f64]) -> Result<Option<Vec<TimeSpan>>> {
        percentiles(&self.all(|t| &t.resolution), ps)
    }

    /// Compliance with each request type's deadlines, in the order they were set.
    ///
    /// ```
    /// use wfm_forecast::{ActualsAccumulator, Deadlines, IntervalLength, TimeSpan};
    /// let d = Deadlines::new().resolution("b2b", TimeSpan::from_minutes(240.0)?);
    /// let acc = ActualsAccumulator::with_deadlines(IntervalLength::HOUR, TimeSpan::from_seconds(20.0)?, d);
    /// let c = &acc.deadline_compliance()[0];
    /// assert_eq!(c.request_type, "b2b");
    /// assert!(c.first_reaction.is_none());
    /// assert_eq!(c.resolution.and_then(|c| c.share()), None); // nothing measured yet
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn deadline_compliance(&self) -> Vec<DeadlineCompliance> {
        self.deadlines
            .limits
            .iter()
            .zip(&self.compliance)
            .map(|((kind, frt, res), (frt_c, res_c))| DeadlineCompliance {
                request_type: kind.clone(),
                first_reaction: frt.map(|_| *frt_c),
                resolution: res.map(|_| *res_c),
            })
            .collect()
    }
}

/// An error unless `start` and `end` are on boundaries of intervals of `len` seconds and
/// `start ≤ end`.
fn check_range(len: i64, start: i64, end: i64) -> Result<()> {
    for (parameter, v) in [("series start", start), ("series end", end)] {
        if v.rem_euclid(len) != 0 {
            return Err(Error::InvalidRecord {
                field: parameter,
                value: v as f64,
                rule: "a series must start and end on interval boundaries",
            });
        }
    }
    if end < start {
        return Err(Error::InvalidRecord {
            field: "series end",
            value: end as f64,
            rule: "the end must not be before the start",
        });
    }
    Ok(())
}

/// First-reaction and resolution times, seconds, kept whole so that percentiles are exact and
/// merging is concatenation.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
struct Times {
    first_reaction: Vec<f64>,
    resolution: Vec<f64>,
}

impl Times {
    fn extend(&mut self, other: &Self) {
        self.first_reaction.extend_from_slice(&other.first_reaction);
        self.resolution.extend_from_slice(&other.resolution);
    }
}

fn percentiles(values: &[f64], ps: &[f64]) -> Result<Option<Vec<TimeSpan>>> {
    for &p in ps {
        if !(0.0..=1.0).contains(&p) {
            return Err(Error::ShareOutOfRange {
                parameter: "percentile",
                value: p,
                range: "[0, 1]",
            });
        }
    }
    if values.is_empty() {
        return Ok(None);
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable_by(f64::total_cmp);
    let last = (sorted.len() - 1) as f64;
    ps.iter()
        .map(|&p| {
            let pos = p * last;
            let lo = pos.floor() as usize;
            let hi = pos.ceil() as usize;
            let v = sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64);
            TimeSpan::from_seconds(v)
        })
        .collect::<Result<Vec<_>>>()
        .map(Some)
}
