//! Exact, mergeable counts of one or many replications.
//!
//! A [`Tally`] holds integers only — counts, waits and agent times in whole nanoseconds, wait
//! histograms — so merging tallies is exact, associative and commutative: replications run in
//! any order on any number of threads give the same pooled tally bit for bit.

use crate::error::{Result, out_of_range};

/// Sub-buckets per doubling of the wait histogram: quantiles are exact to within 1/16 of the
/// value (6.25 %), and waits under 16 µs are exact to the microsecond.
const SUB: u64 = 16;
const SUB_BITS: u32 = 4;

/// A histogram of waits, in microseconds, with 16 buckets per doubling; only buckets that
/// hold calls take memory (at most 16 bytes each, at most 770 buckets).
///
/// ```
/// let mut h = wfm_sim::WaitHistogram::default();
/// for s in [0.0, 1.0, 2.0, 3.0, 100.0] { h.record(s); }
/// assert_eq!(h.count(), 5);
/// let median = h.quantile(0.5).unwrap_or(f64::NAN);
/// assert!((median - 2.0).abs() <= 2.0 / 16.0);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct WaitHistogram {
    /// `(bucket, count)`, sorted by bucket.
    buckets: Vec<(u16, u64)>,
    count: u64,
}

fn bucket_of(us: u64) -> u16 {
    if us < SUB {
        return us as u16;
    }
    let e = 63 - us.leading_zeros(); // ≥ SUB_BITS
    let sub = (us >> (e - SUB_BITS)) & (SUB - 1);
    (SUB + u64::from(e - SUB_BITS) * SUB + sub) as u16
}

/// The middle of a bucket, in microseconds.
fn bucket_mid(b: u16) -> f64 {
    let b = u64::from(b);
    if b < SUB {
        return b as f64;
    }
    let e = (b - SUB) / SUB + u64::from(SUB_BITS);
    let sub = (b - SUB) % SUB;
    let low = (SUB + sub) << (e - u64::from(SUB_BITS));
    let width = 1u64 << (e - u64::from(SUB_BITS));
    low as f64 + 0.5 * (width as f64 - 1.0)
}

impl WaitHistogram {
    /// Records one wait of `seconds` (negative or non-finite waits count as zero; the
    /// simulator never produces them).
    ///
    /// ```
    /// let mut h = wfm_sim::WaitHistogram::default();
    /// h.record(1.5);
    /// assert_eq!(h.count(), 1);
    /// ```
    pub fn record(&mut self, seconds: f64) {
        let us = if seconds.is_finite() && seconds > 0.0 {
            (seconds * 1e6).round().min(9.0e18) as u64
        } else {
            0
        };
        self.count += 1;
        let b = bucket_of(us);
        if let Some(first) = self.buckets.first_mut()
            && first.0 == b
        {
            first.1 += 1;
            return;
        }
        match self.buckets.binary_search_by_key(&b, |&(k, _)| k) {
            Ok(i) => self.buckets[i].1 += 1,
            Err(i) => self.buckets.insert(i, (b, 1)),
        }
    }

    /// Number of recorded waits.
    ///
    /// ```
    /// assert_eq!(wfm_sim::WaitHistogram::default().count(), 0);
    /// ```
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Adds another histogram's counts (exact).
    ///
    /// ```
    /// let mut a = wfm_sim::WaitHistogram::default();
    /// let mut b = a.clone();
    /// a.record(1.0);
    /// b.record(2.0);
    /// a.merge(&b);
    /// assert_eq!(a.count(), 2);
    /// ```
    pub fn merge(&mut self, other: &Self) {
        if other.count == 0 {
            return;
        }
        let mut out = Vec::with_capacity(self.buckets.len() + other.buckets.len());
        let (mut i, mut j) = (0, 0);
        while i < self.buckets.len() || j < other.buckets.len() {
            let a = self.buckets.get(i);
            let b = other.buckets.get(j);
            match (a, b) {
                (Some(&(ka, ca)), Some(&(kb, cb))) if ka == kb => {
                    out.push((ka, ca + cb));
                    i += 1;
                    j += 1;
                }
                (Some(&(ka, ca)), Some(&(kb, _))) if ka < kb => {
                    out.push((ka, ca));
                    i += 1;
                }
                (Some(&x), None) => {
                    out.push(x);
                    i += 1;
                }
                (_, Some(&y)) => {
                    out.push(y);
                    j += 1;
                }
                (None, None) => break,
            }
        }
        self.buckets = out;
        self.count += other.count;
    }

    /// The `q`-quantile of the recorded waits in seconds (the middle of the bucket holding it,
    /// within 1/16 of the exact value), or `None` when empty or `q` is outside `[0, 1]`.
    ///
    /// ```
    /// let mut h = wfm_sim::WaitHistogram::default();
    /// h.record(0.0);
    /// assert_eq!(h.quantile(0.9), Some(0.0));
    /// assert_eq!(h.quantile(1.5), None);
    /// ```
    pub fn quantile(&self, q: f64) -> Option<f64> {
        if self.count == 0 || !(0.0..=1.0).contains(&q) {
            return None;
        }
        // The smallest bucket whose cumulative count reaches ⌈q·n⌉ (at least 1).
        let rank = ((q * self.count as f64).ceil() as u64).max(1);
        let mut cum = 0;
        for &(b, c) in &self.buckets {
            cum += c;
            if cum >= rank {
                return Some(bucket_mid(b) / 1e6);
            }
        }
        None
    }
}

/// Counts of one call type in one interval (calls belong to the interval they arrived in),
/// summed over the replications of a [`Tally`].
///
/// ```
/// let c = wfm_sim::CellTally::default();
/// assert_eq!(c.offered, 0);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CellTally {
    /// Calls that arrived.
    pub offered: u64,
    /// Calls answered (an agent took them), in the day or before it ended.
    pub answered: u64,
    /// Calls whose caller hung up before being answered.
    pub abandoned: u64,
    /// Calls still waiting when the day ended.
    pub waiting_at_end: u64,
    /// Calls answered after waiting at most the type's answer time T.
    pub answered_within: u64,
    /// Calls abandoned after waiting at most T.
    pub abandoned_within: u64,
    /// Sum of the waits of answered calls, in nanoseconds (each wait rounded to the nanosecond).
    pub wait_answered_ns: u128,
    /// Sum of the waits of abandoned calls until they hung up, in nanoseconds.
    pub wait_abandoned_ns: u128,
    /// Waits of answered calls.
    pub waits: WaitHistogram,
}

impl CellTally {
    /// Adds another cell's counts (exact).
    ///
    /// ```
    /// let mut a = wfm_sim::CellTally { offered: 2, ..Default::default() };
    /// a.merge(&wfm_sim::CellTally { offered: 3, ..Default::default() });
    /// assert_eq!(a.offered, 5);
    /// ```
    pub fn merge(&mut self, o: &Self) {
        self.offered += o.offered;
        self.answered += o.answered;
        self.abandoned += o.abandoned;
        self.waiting_at_end += o.waiting_at_end;
        self.answered_within += o.answered_within;
        self.abandoned_within += o.abandoned_within;
        self.wait_answered_ns += o.wait_answered_ns;
        self.wait_abandoned_ns += o.wait_abandoned_ns;
        self.waits.merge(&o.waits);
    }
}

/// Agent time of one group in one interval, summed over replications, in whole nanoseconds.
///
/// ```
/// let g = wfm_sim::GroupTally::default();
/// assert_eq!(g.occupancy(), None);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GroupTally {
    /// Agent time spent handling calls.
    pub busy_ns: u128,
    /// Agent time present (idle or busy, including agents finishing a call after their
    /// headcount dropped).
    pub present_ns: u128,
}

impl GroupTally {
    /// Busy time over present time, `None` when nobody was present.
    ///
    /// ```
    /// let g = wfm_sim::GroupTally { busy_ns: 3, present_ns: 4 };
    /// assert_eq!(g.occupancy(), Some(0.75));
    /// ```
    pub fn occupancy(&self) -> Option<f64> {
        (self.present_ns > 0).then(|| self.busy_ns as f64 / self.present_ns as f64)
    }
}

/// Exact counts of one or more replications of one model: per call type and interval, per
/// group and interval.
///
/// ```
/// let model = wfm_sim::single_queue(5.0, 180.0, None, 7, 4, 900)?;
/// let router = wfm_sim::SkillRouter::new(&model);
/// let mut a = wfm_sim::replicate(&model, &router, 7, 0)?;
/// let b = wfm_sim::replicate(&model, &router, 7, 1)?;
/// let offered = a.call_type_total(0).offered + b.call_type_total(0).offered;
/// a.merge(&b)?;
/// assert_eq!(a.call_type_total(0).offered, offered);
/// assert_eq!(a.replications(), 2);
/// # Ok::<(), wfm_sim::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Tally {
    pub(crate) call_types: usize,
    pub(crate) groups: usize,
    pub(crate) intervals: usize,
    pub(crate) warmup: usize,
    pub(crate) replications: u64,
    pub(crate) cells: Vec<CellTally>,
    pub(crate) group_cells: Vec<GroupTally>,
}

impl Tally {
    pub(crate) fn empty(call_types: usize, groups: usize, intervals: usize, warmup: usize) -> Self {
        Tally {
            call_types,
            groups,
            intervals,
            warmup,
            replications: 0,
            cells: vec![CellTally::default(); call_types * intervals],
            group_cells: vec![GroupTally::default(); groups * intervals],
        }
    }

    /// Replications counted.
    ///
    /// ```
    /// let model = wfm_sim::single_queue(5.0, 180.0, None, 7, 4, 900)?;
    /// let t = wfm_sim::replicate(&model, &wfm_sim::SkillRouter::new(&model), 1, 0)?;
    /// assert_eq!(t.replications(), 1);
    /// # Ok::<(), wfm_sim::Error>(())
    /// ```
    pub fn replications(&self) -> u64 {
        self.replications
    }

    /// Adds another tally of a model of the same shape (exact, in any order).
    ///
    /// ```
    /// let m = wfm_sim::single_queue(5.0, 180.0, None, 7, 4, 900)?;
    /// let other = wfm_sim::single_queue(5.0, 180.0, None, 7, 5, 900)?;
    /// let r = wfm_sim::SkillRouter::new(&m);
    /// let mut a = wfm_sim::replicate(&m, &r, 1, 0)?;
    /// let b = wfm_sim::replicate(&other, &wfm_sim::SkillRouter::new(&other), 1, 0)?;
    /// assert!(a.merge(&b).is_err());
    /// # Ok::<(), wfm_sim::Error>(())
    /// ```
    pub fn merge(&mut self, other: &Self) -> Result<()> {
        if (self.call_types, self.groups, self.intervals, self.warmup)
            != (
                other.call_types,
                other.groups,
                other.intervals,
                other.warmup,
            )
        {
            return Err(out_of_range(
                "tally shape (call types, groups, intervals, warm-up)",
                format!(
                    "{:?}",
                    (
                        other.call_types,
                        other.groups,
                        other.intervals,
                        other.warmup
                    )
                ),
                "the same shape as the tally merged into",
            ));
        }
        self.merge_same_shape(other);
        Ok(())
    }

    pub(crate) fn merge_same_shape(&mut self, other: &Self) {
        self.replications += other.replications;
        for (a, b) in self.cells.iter_mut().zip(&other.cells) {
            a.merge(b);
        }
        for (a, b) in self.group_cells.iter_mut().zip(&other.group_cells) {
            a.busy_ns += b.busy_ns;
            a.present_ns += b.present_ns;
        }
    }

    /// Counts of call type `call_type` in interval `interval` (an empty cell when out of
    /// range).
    ///
    /// ```
    /// let model = wfm_sim::single_queue(5.0, 180.0, None, 7, 4, 900)?;
    /// let t = wfm_sim::replicate(&model, &wfm_sim::SkillRouter::new(&model), 1, 0)?;
    /// let c = t.cell(0, 0);
    /// assert_eq!(c.offered, c.answered + c.abandoned + c.waiting_at_end);
    /// # Ok::<(), wfm_sim::Error>(())
    /// ```
    pub fn cell(&self, call_type: usize, interval: usize) -> CellTally {
        if call_type < self.call_types && interval < self.intervals {
            self.cells[call_type * self.intervals + interval].clone()
        } else {
            CellTally::default()
        }
    }

    /// Agent time of group `group` in interval `interval` (empty when out of range).
    ///
    /// ```
    /// let model = wfm_sim::single_queue(5.0, 180.0, None, 7, 4, 900)?;
    /// let t = wfm_sim::replicate(&model, &wfm_sim::SkillRouter::new(&model), 1, 0)?;
    /// assert_eq!(t.group_cell(0, 0).present_ns, 7 * 900 * 1_000_000_000);
    /// # Ok::<(), wfm_sim::Error>(())
    /// ```
    pub fn group_cell(&self, group: usize, interval: usize) -> GroupTally {
        if group < self.groups && interval < self.intervals {
            self.group_cells[group * self.intervals + interval]
        } else {
            GroupTally::default()
        }
    }

    /// Counts of call type `call_type` over the day's intervals after the warm-up.
    ///
    /// ```
    /// let model = wfm_sim::single_queue(5.0, 180.0, None, 7, 4, 900)?;
    /// let t = wfm_sim::replicate(&model, &wfm_sim::SkillRouter::new(&model), 1, 0)?;
    /// let day = t.call_type_total(0);
    /// assert_eq!(day.offered, day.answered + day.abandoned + day.waiting_at_end);
    /// # Ok::<(), wfm_sim::Error>(())
    /// ```
    pub fn call_type_total(&self, call_type: usize) -> CellTally {
        let mut out = CellTally::default();
        if call_type < self.call_types {
            for c in &self.cells
                [call_type * self.intervals + self.warmup..(call_type + 1) * self.intervals]
            {
                out.merge(c);
            }
        }
        out
    }

    /// Agent time of group `group` over the day's intervals after the warm-up.
    ///
    /// ```
    /// let model = wfm_sim::single_queue(5.0, 180.0, None, 7, 4, 900)?;
    /// let t = wfm_sim::replicate(&model, &wfm_sim::SkillRouter::new(&model), 1, 0)?;
    /// assert!(t.group_total(0).occupancy().unwrap_or(0.0) > 0.3);
    /// # Ok::<(), wfm_sim::Error>(())
    /// ```
    pub fn group_total(&self, group: usize) -> GroupTally {
        let mut out = GroupTally::default();
        if group < self.groups {
            for c in &self.group_cells
                [group * self.intervals + self.warmup..(group + 1) * self.intervals]
            {
                out.busy_ns += c.busy_ns;
                out.present_ns += c.present_ns;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_monotone_and_mids_inside() {
        let mut last = 0;
        for us in (0..100_000u64).chain([1 << 40, (1 << 50) + 12345, u64::MAX / 2]) {
            let b = bucket_of(us);
            assert!(b >= last || us >= 1 << 40);
            last = b;
            let mid = bucket_mid(b);
            assert!(
                (mid - us as f64).abs() <= us as f64 / 16.0 + 0.5,
                "{us} {mid}"
            );
        }
    }

    #[test]
    fn histogram_merge_at_every_split_equals_one_pass() {
        let xs: Vec<f64> = (0..200)
            .map(|i| (i as f64 * 0.37).powi(2) % 500.0)
            .collect();
        let mut whole = WaitHistogram::default();
        xs.iter().for_each(|&x| whole.record(x));
        for mid in 0..=xs.len() {
            let (mut a, mut b) = (WaitHistogram::default(), WaitHistogram::default());
            xs[..mid].iter().for_each(|&x| a.record(x));
            xs[mid..].iter().for_each(|&x| b.record(x));
            let mut ba = b.clone();
            a.merge(&b);
            ba.merge(&{
                let mut a2 = WaitHistogram::default();
                xs[..mid].iter().for_each(|&x| a2.record(x));
                a2
            });
            assert_eq!(a, whole);
            assert_eq!(ba, whole);
        }
    }
}
