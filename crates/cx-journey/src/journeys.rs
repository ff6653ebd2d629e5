//! Finished journeys: each case's events in time order, and the statistics computed from them.

use std::cmp::Ordering;

use crate::intern::FxMap;
use crate::log::{Event, JourneyLog, NO_END, NO_OUTCOME};
use crate::stats::TimeStats;

/// The confidence level of the median intervals in [`Journeys::steps`] and [`Journeys::variants`].
pub(crate) const DEFAULT_LEVEL: f64 = 0.95;

/// The journeys of a finished [`JourneyLog`]: every case's events in time order.
///
/// Definitions (the same as pm4py's where pm4py has the notion):
/// - a *case* is one customer's journey; its *path* is its steps in time order;
/// - a *variant* is a distinct path; its cases and durations are listed by
///   [`Journeys::variants`];
/// - *directly follows* counts the pairs of consecutive events of one case;
/// - the *duration* of a case is its latest time (start, or end when recorded) minus its earliest
///   start;
/// - the *time in a step* is `end − start` when the end is recorded, otherwise the time until the
///   next event of the case starts (the last event of a case without an end has none);
/// - the *time to the next step* is the next event's start minus this one's;
/// - the *reach* of a step is the number of cases that enter it at least once; a *repeat* is an
///   entry after the first in the same case; an *exit* is a case whose last event is the step.
///
/// ```
/// use cx_journey::JourneyLog;
/// let mut log = JourneyLog::new();
/// for (case, t, step) in [("a", 0, "Search"), ("a", 10, "Pay"), ("b", 0, "Search"), ("b", 30, "Search")] {
///     log.record(case, t * 1000, step, "web", None)?;
/// }
/// let j = log.finish()?;
/// let search = j.steps().into_iter().find(|s| s.step == "Search").expect("present");
/// assert_eq!((search.reach, search.entries, search.repeats, search.exits), (2, 3, 1, 1));
/// assert_eq!(j.case_durations_ms(), [10_000, 30_000]);
/// # Ok::<(), cx_journey::JourneyError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Journeys {
    pub(crate) steps: Vec<String>,
    pub(crate) channels: Vec<String>,
    pub(crate) cases: Vec<String>,
    pub(crate) events: Vec<Event>,
    /// `offsets[c]..offsets[c + 1]` are case `c`'s events.
    pub(crate) offsets: Vec<usize>,
}

/// The statistics of one step over all journeys.
///
/// ```
/// # use cx_journey::StepStats;
/// fn drop_off(s: &StepStats) -> f64 { s.exits as f64 / s.reach as f64 }
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct StepStats {
    /// The step.
    pub step: String,
    /// Cases that enter the step at least once.
    pub reach: u64,
    /// Entries (events) of the step.
    pub entries: u64,
    /// Entries after the first in the same case (`entries − reach`).
    pub repeats: u64,
    /// Cases that enter the step more than once.
    pub cases_with_repeats: u64,
    /// Cases whose first event is this step.
    pub starts: u64,
    /// Cases whose last event is this step (drop-off after the step, or the journey's end).
    pub exits: u64,
    /// Entries that succeeded, succeeded with errors, failed (order of [`crate::Outcome::ALL`]).
    pub outcomes: [u64; 3],
    /// Entries without a recorded outcome.
    pub no_outcome: u64,
    /// Entries per channel, by channel name.
    pub channels: Vec<(String, u64)>,
    /// Time in the step.
    pub time_in_step: Option<TimeStats>,
    /// Time from the start of this step to the start of the next one in the same case.
    pub time_to_next: Option<TimeStats>,
}

/// A variant: a distinct path, how many cases took it and how long they took.
///
/// ```
/// # use cx_journey::Variant;
/// fn label(v: &Variant) -> String { v.path.join(" → ") }
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Variant {
    /// The steps in order.
    pub path: Vec<String>,
    /// Cases that took exactly this path.
    pub cases: u64,
    /// Their durations.
    pub duration: TimeStats,
}

/// How often one step directly follows another within a case.
///
/// ```
/// # use cx_journey::Follows;
/// fn edge(f: &Follows) -> String { format!("{} -> {} ({})", f.from, f.to, f.count) }
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Follows {
    /// The earlier step.
    pub from: String,
    /// The step right after it.
    pub to: String,
    /// How many times.
    pub count: u64,
    /// The mean time from the start of `from` to the start of `to`, in ms.
    pub mean_ms: f64,
}

/// Journey-level figures: cases, events, durations and path lengths.
///
/// ```
/// # use cx_journey::JourneySummary;
/// fn per_case(s: &JourneySummary) -> f64 { s.events as f64 / s.cases as f64 }
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct JourneySummary {
    /// Cases (journeys).
    pub cases: u64,
    /// Events.
    pub events: u64,
    /// Distinct steps.
    pub steps: u64,
    /// Distinct paths.
    pub variants: u64,
    /// Case durations (None for an empty log).
    pub duration: Option<TimeStats>,
    /// Events per case: shortest, mean, longest (None for an empty log).
    pub steps_per_case: Option<(u64, f64, u64)>,
}

impl Journeys {
    pub(crate) fn from_log(log: JourneyLog) -> Journeys {
        let steps: Vec<String> = log.steps.names().iter().map(|s| s.to_string()).collect();
        let channels: Vec<String> = log.channels.names().iter().map(|s| s.to_string()).collect();
        let cases: Vec<String> = log.cases.names().iter().map(|s| s.to_string()).collect();
        let step_rank = ranks(&steps);
        let channel_rank = ranks(&channels);
        let key = |e: &Event| {
            (
                e.case,
                e.time,
                step_rank[usize::from(e.step)],
                channel_rank[usize::from(e.channel())],
                e.outcome(),
                e.end,
            )
        };
        // Counting sort by case (ids are dense), then each case's few events by the full key;
        // a case already in order is left as it is.
        let mut offsets = Vec::with_capacity(cases.len() + 1);
        offsets.push(0);
        let mut at = 0usize;
        for &len in &log.case_len {
            at += len as usize;
            offsets.push(at);
        }
        let by_case_sorted = log.events.is_sorted_by_key(|e| e.case);
        let mut events = if by_case_sorted {
            log.events
        } else {
            let mut next = offsets.clone();
            let mut out = log.events.clone();
            for e in &log.events {
                let slot = &mut next[e.case as usize];
                out[*slot] = *e;
                *slot += 1;
            }
            out
        };
        for c in 0..cases.len() {
            let slice = &mut events[offsets[c]..offsets[c + 1]];
            if !slice.is_sorted_by(|a, b| key(a) <= key(b)) {
                slice.sort_unstable_by_key(key);
            }
        }
        Journeys {
            steps,
            channels,
            cases,
            events,
            offsets,
        }
    }

    /// The number of cases.
    ///
    /// ```
    /// assert_eq!(cx_journey::JourneyLog::new().finish()?.case_count(), 0);
    /// # Ok::<(), cx_journey::JourneyError>(())
    /// ```
    pub fn case_count(&self) -> u64 {
        self.cases.len() as u64
    }

    /// The number of events.
    ///
    /// ```
    /// assert_eq!(cx_journey::JourneyLog::new().finish()?.event_count(), 0);
    /// # Ok::<(), cx_journey::JourneyError>(())
    /// ```
    pub fn event_count(&self) -> u64 {
        self.events.len() as u64
    }

    pub(crate) fn case_events(&self, c: usize) -> &[Event] {
        &self.events[self.offsets[c]..self.offsets[c + 1]]
    }

    pub(crate) fn step_id(&self, name: &str) -> Option<usize> {
        self.steps.iter().position(|s| s == name)
    }

    /// Each case's id with its path, in the order cases were first seen.
    ///
    /// ```
    /// let mut log = cx_journey::JourneyLog::new();
    /// log.record("a", 5, "Pay", "web", None)?;
    /// log.record("a", 1, "Search", "web", None)?;
    /// let j = log.finish()?;
    /// assert_eq!(j.paths().next(), Some(("a", vec!["Search", "Pay"])));
    /// # Ok::<(), cx_journey::JourneyError>(())
    /// ```
    pub fn paths(&self) -> impl Iterator<Item = (&str, Vec<&str>)> + '_ {
        (0..self.cases.len()).map(move |c| {
            (
                self.cases[c].as_str(),
                self.case_events(c)
                    .iter()
                    .map(|e| self.steps[usize::from(e.step)].as_str())
                    .collect(),
            )
        })
    }

    /// Each case's duration in ms, in the order cases were first seen.
    ///
    /// ```
    /// let mut log = cx_journey::JourneyLog::new();
    /// log.record_with_end("a", 0, 500, "Call", "phone", None)?;
    /// assert_eq!(log.finish()?.case_durations_ms(), [500]);
    /// # Ok::<(), cx_journey::JourneyError>(())
    /// ```
    pub fn case_durations_ms(&self) -> Vec<i64> {
        (0..self.cases.len())
            .map(|c| case_duration(self.case_events(c)))
            .collect()
    }

    /// Journey-level figures.
    ///
    /// ```
    /// let mut log = cx_journey::JourneyLog::new();
    /// log.record("a", 0, "Search", "web", None)?;
    /// log.record("a", 10, "Pay", "web", None)?;
    /// let s = log.finish()?.summary();
    /// assert_eq!((s.cases, s.events, s.variants), (1, 2, 1));
    /// assert_eq!(s.steps_per_case, Some((2, 2.0, 2)));
    /// # Ok::<(), cx_journey::JourneyError>(())
    /// ```
    pub fn summary(&self) -> JourneySummary {
        let lens: Vec<u64> = (0..self.cases.len())
            .map(|c| (self.offsets[c + 1] - self.offsets[c]) as u64)
            .collect();
        let steps_per_case = (!lens.is_empty()).then(|| {
            let min = lens.iter().copied().min().unwrap_or(0);
            let max = lens.iter().copied().max().unwrap_or(0);
            (min, self.events.len() as f64 / lens.len() as f64, max)
        });
        JourneySummary {
            cases: self.case_count(),
            events: self.event_count(),
            steps: self.steps.len() as u64,
            variants: self.variant_ids().1.len() as u64,
            duration: TimeStats::from_ms(&mut self.case_durations_ms(), DEFAULT_LEVEL),
            steps_per_case,
        }
    }

    /// Statistics of every step, sorted by step name.
    ///
    /// ```
    /// let mut log = cx_journey::JourneyLog::new();
    /// log.record("a", 0, "Search", "web", None)?;
    /// log.record("a", 10, "Pay", "web", None)?;
    /// let steps = log.finish()?.steps();
    /// assert_eq!(steps[1].step, "Search");
    /// assert_eq!(steps[1].time_in_step.map(|t| t.median_ms), Some(10.0));
    /// # Ok::<(), cx_journey::JourneyError>(())
    /// ```
    pub fn steps(&self) -> Vec<StepStats> {
        let n = self.steps.len();
        let mut stats: Vec<StepStats> = self
            .steps
            .iter()
            .map(|s| StepStats {
                step: s.clone(),
                reach: 0,
                entries: 0,
                repeats: 0,
                cases_with_repeats: 0,
                starts: 0,
                exits: 0,
                outcomes: [0; 3],
                no_outcome: 0,
                channels: Vec::new(),
                time_in_step: None,
                time_to_next: None,
            })
            .collect();
        let mut seen = vec![u32::MAX; n];
        let mut repeated = vec![u32::MAX; n];
        let mut in_step: Vec<Vec<i64>> = vec![Vec::new(); n];
        let mut to_next: Vec<Vec<i64>> = vec![Vec::new(); n];
        let mut channels = vec![0u64; n * self.channels.len()];
        for c in 0..self.cases.len() {
            let evs = self.case_events(c);
            let c32 = c as u32;
            if let (Some(first), Some(last)) = (evs.first(), evs.last()) {
                stats[usize::from(first.step)].starts += 1;
                stats[usize::from(last.step)].exits += 1;
            }
            for (i, e) in evs.iter().enumerate() {
                let s = usize::from(e.step);
                let st = &mut stats[s];
                st.entries += 1;
                if seen[s] == c32 {
                    st.repeats += 1;
                    if repeated[s] != c32 {
                        repeated[s] = c32;
                        st.cases_with_repeats += 1;
                    }
                } else {
                    seen[s] = c32;
                    st.reach += 1;
                }
                match e.outcome() {
                    NO_OUTCOME => st.no_outcome += 1,
                    o => st.outcomes[usize::from(o)] += 1,
                }
                channels[s * self.channels.len() + usize::from(e.channel())] += 1;
                let next = evs.get(i + 1).map(|x| x.time - e.time);
                if let Some(d) = next {
                    to_next[s].push(d);
                }
                if e.end != NO_END {
                    in_step[s].push(e.end - e.time);
                } else if let Some(d) = next {
                    in_step[s].push(d);
                }
            }
        }
        for (s, st) in stats.iter_mut().enumerate() {
            st.time_in_step = TimeStats::from_ms(&mut in_step[s], DEFAULT_LEVEL);
            st.time_to_next = TimeStats::from_ms(&mut to_next[s], DEFAULT_LEVEL);
            st.channels = self
                .channels
                .iter()
                .enumerate()
                .filter_map(|(ch, name)| {
                    let k = channels[s * self.channels.len() + ch];
                    (k > 0).then(|| (name.clone(), k))
                })
                .collect();
            st.channels.sort();
        }
        stats.sort_by(|a, b| a.step.cmp(&b.step));
        stats
    }

    /// Variant index per case, and the variants' first cases.
    fn variant_ids(&self) -> (Vec<usize>, Vec<usize>) {
        let seq: Vec<u16> = self.events.iter().map(|e| e.step).collect();
        let mut ids: FxMap<&[u16], usize> = FxMap::default();
        let mut first_case = Vec::new();
        let mut of_case = Vec::with_capacity(self.cases.len());
        for c in 0..self.cases.len() {
            let path = &seq[self.offsets[c]..self.offsets[c + 1]];
            let next = ids.len();
            let id = *ids.entry(path).or_insert(next);
            if id == next {
                first_case.push(c);
            }
            of_case.push(id);
        }
        (of_case, first_case)
    }

    /// Every variant with its cases and durations, most frequent first (ties by path).
    ///
    /// ```
    /// let mut log = cx_journey::JourneyLog::new();
    /// for (case, t, step) in [("a", 0, "S"), ("a", 4, "P"), ("b", 0, "S"), ("b", 6, "P"), ("c", 0, "S")] {
    ///     log.record(case, t, step, "web", None)?;
    /// }
    /// let v = log.finish()?.variants();
    /// assert_eq!((v[0].path.clone(), v[0].cases, v[0].duration.median_ms), (vec!["S".to_string(), "P".to_string()], 2, 5.0));
    /// assert_eq!(v[1].path, ["S"]);
    /// # Ok::<(), cx_journey::JourneyError>(())
    /// ```
    pub fn variants(&self) -> Vec<Variant> {
        self.variants_indexed().1
    }

    /// The variants, and for each case the index of its variant in that list.
    pub(crate) fn variants_indexed(&self) -> (Vec<usize>, Vec<Variant>) {
        let (of_case, first_case) = self.variant_ids();
        let mut durations: Vec<Vec<i64>> = vec![Vec::new(); first_case.len()];
        for (c, &v) in of_case.iter().enumerate() {
            durations[v].push(case_duration(self.case_events(c)));
        }
        // Order by count, then by path. The variants' paths, as step ranks (which order paths
        // as their names do), are copied into one buffer so that comparing two of them reads
        // nearby memory rather than strings or the events of two far-apart cases.
        let rank = ranks(&self.steps);
        let mut buffer: Vec<u32> = Vec::new();
        let mut spans: Vec<(usize, usize)> = Vec::with_capacity(first_case.len());
        for &c in &first_case {
            let from = buffer.len();
            buffer.extend(
                self.case_events(c)
                    .iter()
                    .map(|e| rank[usize::from(e.step)]),
            );
            spans.push((from, buffer.len()));
        }
        let counts: Vec<usize> = durations.iter().map(Vec::len).collect();
        let mut order: Vec<usize> = (0..first_case.len()).collect();
        order.sort_unstable_by(|&a, &b| {
            counts[b]
                .cmp(&counts[a])
                .then_with(|| buffer[spans[a].0..spans[a].1].cmp(&buffer[spans[b].0..spans[b].1]))
        });
        let mut position = vec![0usize; first_case.len()];
        for (p, &v) in order.iter().enumerate() {
            position[v] = p;
        }
        let variants = order
            .iter()
            .filter_map(|&v| {
                Some(Variant {
                    path: self
                        .case_events(first_case[v])
                        .iter()
                        .map(|e| self.steps[usize::from(e.step)].clone())
                        .collect(),
                    cases: durations[v].len() as u64,
                    duration: TimeStats::from_ms(&mut durations[v], DEFAULT_LEVEL)?,
                })
            })
            .collect();
        (of_case.iter().map(|&v| position[v]).collect(), variants)
    }

    /// The directly-follows counts, most frequent first (ties by names).
    ///
    /// ```
    /// let mut log = cx_journey::JourneyLog::new();
    /// for (case, t, step) in [("a", 0, "S"), ("a", 4, "P"), ("b", 0, "S"), ("b", 6, "P")] {
    ///     log.record(case, t, step, "web", None)?;
    /// }
    /// let f = &log.finish()?.directly_follows()[0];
    /// assert_eq!((f.from.as_str(), f.to.as_str(), f.count, f.mean_ms), ("S", "P", 2, 5.0));
    /// # Ok::<(), cx_journey::JourneyError>(())
    /// ```
    pub fn directly_follows(&self) -> Vec<Follows> {
        let n = self.steps.len();
        let mut counts = vec![0u64; n * n];
        let mut times = vec![0i128; n * n];
        for c in 0..self.cases.len() {
            for w in self.case_events(c).windows(2) {
                let k = usize::from(w[0].step) * n + usize::from(w[1].step);
                counts[k] += 1;
                times[k] += i128::from(w[1].time - w[0].time);
            }
        }
        let mut out: Vec<Follows> = counts
            .iter()
            .enumerate()
            .filter(|(_, k)| **k > 0)
            .map(|(i, &k)| Follows {
                from: self.steps[i / n].clone(),
                to: self.steps[i % n].clone(),
                count: k,
                mean_ms: times[i] as f64 / k as f64,
            })
            .collect();
        out.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.from.cmp(&b.from))
                .then_with(|| a.to.cmp(&b.to))
        });
        out
    }

    /// How many cases start and end at each step: `(step, starts, ends)`, by step name.
    ///
    /// ```
    /// let mut log = cx_journey::JourneyLog::new();
    /// log.record("a", 0, "S", "web", None)?;
    /// log.record("a", 1, "P", "web", None)?;
    /// assert_eq!(log.finish()?.start_end_counts(), [("P".to_string(), 0, 1), ("S".to_string(), 1, 0)]);
    /// # Ok::<(), cx_journey::JourneyError>(())
    /// ```
    pub fn start_end_counts(&self) -> Vec<(String, u64, u64)> {
        let mut starts = vec![0u64; self.steps.len()];
        let mut ends = vec![0u64; self.steps.len()];
        for c in 0..self.cases.len() {
            let evs = self.case_events(c);
            if let (Some(f), Some(l)) = (evs.first(), evs.last()) {
                starts[usize::from(f.step)] += 1;
                ends[usize::from(l.step)] += 1;
            }
        }
        let mut out: Vec<(String, u64, u64)> = self
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| (s.clone(), starts[i], ends[i]))
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }
}

/// Ranks of names in sorted order.
fn ranks(names: &[String]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by(|&a, &b| names[a].cmp(&names[b]).then(Ordering::Equal));
    let mut rank = vec![0u32; names.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r as u32;
    }
    rank
}

/// The latest time (start or end) minus the earliest start; events are sorted by start.
pub(crate) fn case_duration(evs: &[Event]) -> i64 {
    let Some(first) = evs.first() else { return 0 };
    let latest = evs
        .iter()
        .map(|e| {
            if e.end != NO_END {
                e.end.max(e.time)
            } else {
                e.time
            }
        })
        .max()
        .unwrap_or(first.time);
    latest - first.time
}
