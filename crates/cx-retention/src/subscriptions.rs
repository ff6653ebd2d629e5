//! One-pass per-period counts and cohort table from subscription records.
//!
//! A [`Subscription`] covers the days `[start, end)`: `end` is the first day without the
//! subscription (`None` = still active). Conventions:
//!
//! - A customer is **new** in the period containing `start`, and **lost** in the period
//!   containing their last subscribed day (`end − 1 day`). Joining and leaving within one
//!   period counts as new and lost in it (as "lost among new customers" in the loss split).
//! - A customer counts **at the end** of a period if still subscribed on its last day and the
//!   next one — equivalently, lost in a later period.
//! - A customer may have several subscriptions. They must not overlap (a duplicate record
//!   overlaps itself). A subscription starting on the day the previous one ends continues the
//!   same spell. A later one is a **return**: lost in one period, new again in another.
//! - Records must come grouped by customer in ascending customer id, and by ascending start
//!   within a customer; anything else is a typed error, never a silent miscount.
//!
//! The accumulator merges exactly: split the records at any customer boundary, count the
//! parts in parallel and [`merge`](SubscriptionAccumulator::merge) — the result equals one pass.

use jiff::civil::Date;

use crate::cohort::CohortTable;
use crate::tally::Tally;
use crate::{DisplayEnd, PeriodCounts, PeriodWindow, RetentionError};

/// One subscription of one customer: the days `[start, end)`.
///
/// ```
/// use cx_retention::Subscription;
/// use jiff::civil::date;
/// let s = Subscription { customer: 42, start: date(2024, 1, 15), end: None };
/// assert_eq!(s.customer, 42);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Subscription {
    /// The customer's id.
    pub customer: u64,
    /// First subscribed day (inclusive).
    pub start: Date,
    /// First day no longer subscribed (exclusive); `None` while still subscribed.
    pub end: Option<Date>,
}

/// Per-period counts and a cohort table over a window, filled from subscription records.
///
/// ```
/// use cx_retention::{DateRange, PeriodUnit, Subscription, SubscriptionAccumulator};
/// use jiff::civil::date;
///
/// let months = DateRange::new(date(2024, 1, 1), date(2024, 3, 1))?.periods(PeriodUnit::Month)?;
/// let mut acc = SubscriptionAccumulator::new(months);
/// acc.record_subscriptions([
///     Subscription { customer: 1, start: date(2023, 11, 1), end: None },
///     Subscription { customer: 2, start: date(2023, 12, 1), end: Some(date(2024, 2, 1)) },
///     Subscription { customer: 3, start: date(2024, 1, 10), end: Some(date(2024, 1, 20)) },
/// ])?;
/// let jan = acc.period_counts()?[0];
/// assert_eq!((jan.at_start(), jan.new_customers(), jan.lost(), jan.at_end()), (2, 1, 2, 1));
/// assert_eq!(jan.lost_split(), Some((1, 1))); // customer 2 from the base, 3 joined and left
/// assert_eq!(jan.start_base_retention_rate()?, 0.5);
/// # Ok::<(), cx_retention::RetentionError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawSubscriptionAccumulator"))]
pub struct SubscriptionAccumulator {
    window: PeriodWindow,
    tally: Tally,
    cohorts: CohortTable,
    /// Smallest and largest customer id recorded.
    customers: Option<(u64, u64)>,
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawSubscriptionAccumulator {
    window: PeriodWindow,
    tally: Tally,
    cohorts: CohortTable,
    customers: Option<(u64, u64)>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawSubscriptionAccumulator> for SubscriptionAccumulator {
    type Error = RetentionError;
    fn try_from(r: RawSubscriptionAccumulator) -> Result<Self, RetentionError> {
        if !r.tally.has_len(r.window.len()) || r.cohorts.window() != r.window {
            return Err(RetentionError::IncompatibleMerge {
                what: "array lengths and window",
            });
        }
        check_customer_range(r.customers)?;
        let acc = SubscriptionAccumulator {
            window: r.window,
            tally: r.tally,
            cohorts: r.cohorts,
            customers: r.customers,
        };
        acc.tally.counts(acc.window)?;
        Ok(acc)
    }
}

/// Checks a new customer id against the last one and updates the id range.
/// A stored customer id range (first, last) must not run backwards.
#[cfg(feature = "serde")]
pub(crate) fn check_customer_range(customers: Option<(u64, u64)>) -> Result<(), RetentionError> {
    match customers {
        Some((first, last)) if last < first => Err(RetentionError::UnorderedCustomers {
            customer: last,
            previous: first,
        }),
        _ => Ok(()),
    }
}

pub(crate) fn check_customer_order(
    customers: &mut Option<(u64, u64)>,
    customer: u64,
) -> Result<(), RetentionError> {
    match customers {
        Some((_, last)) if customer <= *last => Err(RetentionError::UnorderedCustomers {
            customer,
            previous: *last,
        }),
        Some((_, last)) => {
            *last = customer;
            Ok(())
        }
        None => {
            *customers = Some((customer, customer));
            Ok(())
        }
    }
}

/// Merges two customer id ranges, which must not overlap.
pub(crate) fn merge_customer_ranges(
    a: Option<(u64, u64)>,
    b: Option<(u64, u64)>,
) -> Result<Option<(u64, u64)>, RetentionError> {
    match (a, b) {
        (None, x) | (x, None) => Ok(x),
        (Some((a0, a1)), Some((b0, b1))) => {
            if a1 < b0 || b1 < a0 {
                Ok(Some((a0.min(b0), a1.max(b1))))
            } else {
                Err(RetentionError::IncompatibleMerge {
                    what: "customer id ranges (they overlap: split the input at customer boundaries)",
                })
            }
        }
    }
}

impl SubscriptionAccumulator {
    /// An empty accumulator over `window`.
    ///
    /// ```
    /// use cx_retention::{DateRange, PeriodUnit, SubscriptionAccumulator};
    /// use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2025, 1, 1))?.periods(PeriodUnit::Month)?;
    /// let acc = SubscriptionAccumulator::new(w);
    /// assert!(acc.period_counts()?.iter().all(|c| c.at_end() == 0));
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn new(window: PeriodWindow) -> SubscriptionAccumulator {
        SubscriptionAccumulator {
            window,
            tally: Tally::new(window.len()),
            cohorts: CohortTable::new(window, false),
            customers: None,
        }
    }

    /// The window counted.
    ///
    /// ```
    /// # use cx_retention::{DateRange, PeriodUnit, SubscriptionAccumulator};
    /// # use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2025, 1, 1))?.periods(PeriodUnit::Month)?;
    /// assert_eq!(SubscriptionAccumulator::new(w).window(), w);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn window(&self) -> PeriodWindow {
        self.window
    }

    /// Counts a batch of records (grouped by customer, ascending ids and start dates; see the
    /// module docs). A customer's records must all be in one batch, and batches must come in
    /// ascending customer order.
    ///
    /// On error the accumulator keeps every customer completed before the offending record.
    ///
    /// # Errors
    /// [`RetentionError::UnorderedCustomers`], [`RetentionError::UnorderedSubscriptions`],
    /// [`RetentionError::OverlappingSubscriptions`],
    /// [`RetentionError::SubscriptionEndNotAfterStart`]; the last three name the offending
    /// record by its zero-based position in `records`, so that a caller reading a file can name
    /// its line.
    ///
    /// ```
    /// use cx_retention::{DateRange, PeriodUnit, RetentionError, Subscription, SubscriptionAccumulator};
    /// use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2025, 1, 1))?.periods(PeriodUnit::Month)?;
    /// let s = Subscription { customer: 1, start: date(2024, 1, 15), end: None };
    /// let err = SubscriptionAccumulator::new(w).record_subscriptions([s, s]).unwrap_err();
    /// // The second record (position 1) repeats the first.
    /// assert!(matches!(err, RetentionError::OverlappingSubscriptions { customer: 1, record: 1, .. }));
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn record_subscriptions<I>(&mut self, records: I) -> Result<(), RetentionError>
    where
        I: IntoIterator<Item = Subscription>,
    {
        let mut spells: Vec<(i64, Option<i64>)> = Vec::new();
        // The open spell of the current customer: (customer, last start, spell start, end).
        let mut current: Option<(u64, Date, Date, Option<Date>)> = None;
        for (record, r) in records.into_iter().enumerate() {
            if let Some(end) = r.end
                && end <= r.start
            {
                return Err(RetentionError::SubscriptionEndNotAfterStart {
                    customer: r.customer,
                    record,
                    start: r.start,
                    end,
                });
            }
            match current {
                Some((c, last_start, spell_start, spell_end)) if c == r.customer => {
                    if r.start < last_start {
                        return Err(RetentionError::UnorderedSubscriptions {
                            customer: c,
                            record,
                            start: r.start,
                            previous_start: last_start,
                        });
                    }
                    match spell_end {
                        Some(e) if r.start == e => current = Some((c, r.start, spell_start, r.end)),
                        Some(e) if r.start > e => {
                            spells.push(self.spell(spell_start, e)?);
                            current = Some((c, r.start, r.start, r.end));
                        }
                        _ => {
                            return Err(RetentionError::OverlappingSubscriptions {
                                customer: c,
                                record,
                                start: r.start,
                                previous_end: DisplayEnd(spell_end),
                            });
                        }
                    }
                }
                _ => {
                    if let Some((_, _, s, e)) = current {
                        self.finish_customer(&mut spells, s, e)?;
                    }
                    check_customer_order(&mut self.customers, r.customer)?;
                    current = Some((r.customer, r.start, r.start, r.end));
                }
            }
        }
        if let Some((_, _, s, e)) = current {
            self.finish_customer(&mut spells, s, e)?;
        }
        Ok(())
    }

    /// The spell `[start, end)` as window slots `(first, loss)`.
    fn spell(&self, start: Date, end: Date) -> Result<(i64, Option<i64>), RetentionError> {
        let unit = self.window.unit();
        let last_day = end
            .yesterday()
            .map_err(|_| RetentionError::DateOutOfRange { unit, date: end })?;
        Ok((
            self.window.relative_index(unit.index_of(start)),
            Some(self.window.relative_index(unit.index_of(last_day))),
        ))
    }

    fn finish_customer(
        &mut self,
        spells: &mut Vec<(i64, Option<i64>)>,
        start: Date,
        end: Option<Date>,
    ) -> Result<(), RetentionError> {
        let last = match end {
            Some(e) => self.spell(start, e)?,
            None => (
                self.window
                    .relative_index(self.window.unit().index_of(start)),
                None,
            ),
        };
        spells.push(last);
        for &(first, loss) in spells.iter() {
            self.tally.record(first, loss);
        }
        self.cohorts.record(spells, &[]);
        spells.clear();
        Ok(())
    }

    /// Adds another accumulator's customers (same window, disjoint customer id ranges).
    ///
    /// # Errors
    /// [`RetentionError::IncompatibleMerge`] if the windows differ or the customer id ranges
    /// overlap (which would count a customer twice or break the ordering checks).
    ///
    /// ```
    /// use cx_retention::{DateRange, PeriodUnit, Subscription, SubscriptionAccumulator};
    /// use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2024, 4, 1))?.periods(PeriodUnit::Month)?;
    /// let subs = [
    ///     Subscription { customer: 1, start: date(2024, 1, 5), end: Some(date(2024, 3, 9)) },
    ///     Subscription { customer: 2, start: date(2024, 2, 5), end: None },
    /// ];
    /// let mut whole = SubscriptionAccumulator::new(w);
    /// whole.record_subscriptions(subs)?;
    /// let (mut a, mut b) = (SubscriptionAccumulator::new(w), SubscriptionAccumulator::new(w));
    /// a.record_subscriptions(subs[..1].iter().copied())?;
    /// b.record_subscriptions(subs[1..].iter().copied())?;
    /// a.merge(&b)?;
    /// assert_eq!(a, whole);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn merge(&mut self, other: &SubscriptionAccumulator) -> Result<(), RetentionError> {
        if self.window != other.window {
            return Err(RetentionError::IncompatibleMerge { what: "windows" });
        }
        // Everything is checked before anything changes.
        let customers = merge_customer_ranges(self.customers, other.customers)?;
        let mut tally = self.tally.clone();
        tally.merge(&other.tally)?;
        let mut cohorts = self.cohorts.clone();
        cohorts.merge(&other.cohorts)?;
        (self.customers, self.tally, self.cohorts) = (customers, tally, cohorts);
        Ok(())
    }

    /// The validated counts of every period of the window, in order.
    ///
    /// # Errors
    /// Only on a corrupted accumulator (impossible through this API).
    ///
    /// ```
    /// # use cx_retention::{DateRange, PeriodUnit, SubscriptionAccumulator};
    /// # use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2025, 1, 1))?.periods(PeriodUnit::Month)?;
    /// assert_eq!(SubscriptionAccumulator::new(w).period_counts()?.len(), 12);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn period_counts(&self) -> Result<Vec<PeriodCounts>, RetentionError> {
        self.tally.counts(self.window)
    }

    /// The acquisition-cohort table (customer counts only: subscriptions carry no revenue).
    ///
    /// ```
    /// # use cx_retention::{DateRange, PeriodUnit, SubscriptionAccumulator};
    /// # use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2025, 1, 1))?.periods(PeriodUnit::Month)?;
    /// assert!(SubscriptionAccumulator::new(w).cohort_table().revenue(0, 0).is_err());
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn cohort_table(&self) -> CohortTable {
        self.cohorts.clone()
    }
}
