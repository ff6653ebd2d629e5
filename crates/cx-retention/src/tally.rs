//! The mergeable core shared by the subscription and activity accumulators: per-period
//! tallies of customer *spells* (continuous stretches as a customer), addressed by period slot.
//!
//! A spell is `(first, loss)`: the slot of the period in which the customer (re)joins, and the
//! slot of the period in which they are lost (`None` = not lost yet), with `first ≤ loss`.
//! In period `P` the spell is counted
//! - at the start if `first < P ≤ loss`,
//! - as new if `P = first`,
//! - as lost if `P = loss` (lost among the period's new customers if also `P = first`),
//! - at the end if `first ≤ P < loss`.
//!
//! Every tally is an integer sum over spells, so accumulators merge exactly by addition.

use crate::{PeriodCounts, PeriodWindow, RetentionError};

/// Per-period tallies of spells over a window (difference arrays for the starting base).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Tally {
    /// Spells entering the starting base at slot i (difference array).
    enter: Vec<u64>,
    /// Spells leaving the starting base at slot i (difference array).
    leave: Vec<u64>,
    new: Vec<u64>,
    lost_from_start: Vec<u64>,
    lost_from_new: Vec<u64>,
}

impl Tally {
    pub(crate) fn new(len: usize) -> Tally {
        Tally {
            enter: vec![0; len],
            leave: vec![0; len],
            new: vec![0; len],
            lost_from_start: vec![0; len],
            lost_from_new: vec![0; len],
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.new.len()
    }

    /// Whether all arrays have the window's length (checked on deserialisation).
    #[cfg(feature = "serde")]
    pub(crate) fn has_len(&self, len: usize) -> bool {
        [
            &self.enter,
            &self.leave,
            &self.new,
            &self.lost_from_start,
            &self.lost_from_new,
        ]
        .iter()
        .all(|v| v.len() == len)
    }

    /// Records one spell, slots relative to the window (may lie outside it).
    #[inline]
    pub(crate) fn record(&mut self, first: i64, loss: Option<i64>) {
        let n = self.len() as i64;
        let last_at_start = loss.map_or(n - 1, |l| l.min(n - 1));
        let lo = (first + 1).max(0);
        if lo <= last_at_start {
            self.enter[lo as usize] += 1;
            if last_at_start + 1 < n {
                self.leave[(last_at_start + 1) as usize] += 1;
            }
        }
        if (0..n).contains(&first) {
            self.new[first as usize] += 1;
        }
        if let Some(l) = loss
            && (0..n).contains(&l)
        {
            if l == first {
                self.lost_from_new[l as usize] += 1;
            } else {
                self.lost_from_start[l as usize] += 1;
            }
        }
    }

    /// Adds `other`; on overflow (possible only for tallies read back from storage) nothing
    /// changes.
    pub(crate) fn merge(&mut self, other: &Tally) -> Result<(), RetentionError> {
        let mut merged = self.clone();
        for (a, b) in [
            (&mut merged.enter, &other.enter),
            (&mut merged.leave, &other.leave),
            (&mut merged.new, &other.new),
            (&mut merged.lost_from_start, &other.lost_from_start),
            (&mut merged.lost_from_new, &other.lost_from_new),
        ] {
            crate::cohort::add_counts(a, b, "merged tally")?;
        }
        *self = merged;
        Ok(())
    }

    /// The validated counts of every period of the window.
    pub(crate) fn counts(&self, window: PeriodWindow) -> Result<Vec<PeriodCounts>, RetentionError> {
        debug_assert_eq!(window.len(), self.len());
        let mut at_start: u64 = 0;
        (0..self.len())
            .map(|i| {
                at_start = at_start
                    .checked_add(self.enter[i])
                    .and_then(|n| n.checked_sub(self.leave[i]))
                    .ok_or(RetentionError::CountOverflow {
                        what: "customers at start (corrupt tally)",
                    })?;
                PeriodCounts::with_split(
                    at_start,
                    self.new[i],
                    self.lost_from_start[i],
                    self.lost_from_new[i],
                )
            })
            .collect()
    }
}
