//! One-pass per-period counts, revenue retention and cohort table from activity events.
//!
//! **Activity rule.** A customer is *active* in a period with at least one event in it. With
//! [`LapseRule::after(k)`](LapseRule::after), a customer is a customer from their first active
//! period until `k` consecutive periods pass without activity: they are **lost** in the `k`-th
//! inactive period and, if active again later, **new** again then (a return). With `k = 1` the
//! base at the end of a period is exactly the customers active in it, and
//! retention(P) = |active in P−1 and in P| / |active in P−1|.
//!
//! Conventions, each tested:
//! - losses are dated when the lapse completes, so a customer cannot join and leave within
//!   one period here (the "lost among new" part of the split is always 0);
//! - events may come in any date order within a customer; events of one customer must be
//!   contiguous and customers in ascending id order ([`RetentionError::UnorderedCustomers`]);
//! - duplicate events do not change activity, but **their revenue is summed** (an event
//!   stream cannot tell a duplicate from a second purchase on the same day: deduplicate first
//!   if your source can repeat records);
//! - events outside the window still count for the lapse rule (activity just before the
//!   window puts a customer in the starting base). The window's last period must be complete
//!   in your data, or customers will look lapsed who are not.
//!
//! Revenue movements (see [`RevenueMovements`]) compare each customer's revenue in a period
//! with their revenue in the previous one. The accumulator merges exactly at any customer
//! boundary.

use jiff::civil::Date;

use crate::cohort::CohortTable;
use crate::subscriptions::{check_customer_order, merge_customer_ranges};
use crate::tally::Tally;
use crate::{Money, PeriodCounts, PeriodWindow, RetentionError, RevenueMovements};

/// One activity event: a customer did something (bought, logged in, called) on a date.
///
/// ```
/// use cx_retention::{ActivityEvent, Money};
/// let e = ActivityEvent { customer: 7, date: jiff::civil::date(2024, 3, 1), revenue: Money::ZERO };
/// assert_eq!(e.revenue, Money::ZERO);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ActivityEvent {
    /// The customer's id.
    pub customer: u64,
    /// The day of the event.
    pub date: Date,
    /// Revenue of the event ([`Money::ZERO`] if none).
    pub revenue: Money,
}

/// After how many consecutive inactive periods a customer is lost (at least 1).
///
/// ```
/// use cx_retention::LapseRule;
/// assert_eq!(LapseRule::after(3)?.periods(), 3);
/// assert!(LapseRule::after(0).is_err());
/// # Ok::<(), cx_retention::RetentionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "u32", into = "u32"))]
pub struct LapseRule(u32);

impl LapseRule {
    /// Lost after `periods` consecutive inactive periods.
    ///
    /// # Errors
    /// [`RetentionError::InvalidLapse`] if `periods = 0`.
    ///
    /// ```
    /// assert!(cx_retention::LapseRule::after(1).is_ok());
    /// ```
    pub fn after(periods: u32) -> Result<LapseRule, RetentionError> {
        if periods == 0 {
            return Err(RetentionError::InvalidLapse { periods });
        }
        Ok(LapseRule(periods))
    }

    /// The number of inactive periods.
    ///
    /// ```
    /// assert_eq!(cx_retention::LapseRule::after(2)?.periods(), 2);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn periods(self) -> u32 {
        self.0
    }
}

impl TryFrom<u32> for LapseRule {
    type Error = RetentionError;
    fn try_from(v: u32) -> Result<Self, RetentionError> {
        LapseRule::after(v)
    }
}

impl From<LapseRule> for u32 {
    fn from(r: LapseRule) -> u32 {
        r.0
    }
}

/// Per-period counts, revenue movements and cohort table over a window, from activity events.
///
/// ```
/// use cx_retention::{ActivityAccumulator, ActivityEvent, DateRange, LapseRule, Money, PeriodUnit};
/// use jiff::civil::date;
///
/// let months = DateRange::new(date(2024, 1, 1), date(2024, 4, 1))?.periods(PeriodUnit::Month)?;
/// let mut acc = ActivityAccumulator::new(months, LapseRule::after(1)?);
/// let ev = |c, d| ActivityEvent { customer: c, date: d, revenue: Money::ZERO };
/// acc.record_events([
///     ev(1, date(2024, 1, 3)), ev(1, date(2024, 2, 3)), ev(1, date(2024, 3, 3)),
///     ev(2, date(2024, 1, 9)), ev(2, date(2024, 3, 9)), // inactive in February: lost, then back
/// ])?;
/// let c = acc.period_counts()?;
/// assert_eq!((c[1].at_start(), c[1].lost(), c[1].at_end()), (2, 1, 1));
/// assert_eq!((c[2].new_customers(), c[2].at_end()), (1, 2));
/// assert_eq!(c[1].retention_rate()?, 0.5);
/// # Ok::<(), cx_retention::RetentionError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawActivityAccumulator"))]
pub struct ActivityAccumulator {
    window: PeriodWindow,
    lapse: LapseRule,
    tally: Tally,
    cohorts: CohortTable,
    revenue: Vec<RevenueMovements>,
    customers: Option<(u64, u64)>,
    #[cfg_attr(feature = "serde", serde(skip))]
    buffer: Vec<(i64, u64)>,
    #[cfg_attr(feature = "serde", serde(skip))]
    periods: Vec<(i64, u128)>,
    #[cfg_attr(feature = "serde", serde(skip))]
    spells: Vec<(i64, Option<i64>)>,
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawActivityAccumulator {
    window: PeriodWindow,
    lapse: LapseRule,
    tally: Tally,
    cohorts: CohortTable,
    revenue: Vec<RevenueMovements>,
    customers: Option<(u64, u64)>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawActivityAccumulator> for ActivityAccumulator {
    type Error = RetentionError;
    fn try_from(r: RawActivityAccumulator) -> Result<Self, RetentionError> {
        let n = r.window.len();
        if !r.tally.has_len(n) || r.cohorts.window() != r.window || r.revenue.len() != n {
            return Err(RetentionError::IncompatibleMerge {
                what: "array lengths and window",
            });
        }
        r.tally.counts(r.window)?;
        crate::subscriptions::check_customer_range(r.customers)?;
        for m in &r.revenue {
            RevenueMovements::new(
                m.start(),
                m.expansion(),
                m.contraction(),
                m.churned(),
                m.new_revenue(),
            )?;
        }
        Ok(ActivityAccumulator {
            window: r.window,
            lapse: r.lapse,
            tally: r.tally,
            cohorts: r.cohorts,
            revenue: r.revenue,
            customers: r.customers,
            buffer: Vec::new(),
            periods: Vec::new(),
            spells: Vec::new(),
        })
    }
}

impl ActivityAccumulator {
    /// An empty accumulator over `window` with the given lapse rule.
    ///
    /// ```
    /// # use cx_retention::{ActivityAccumulator, DateRange, LapseRule, PeriodUnit};
    /// # use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2024, 4, 1))?.periods(PeriodUnit::IsoWeek)?;
    /// let acc = ActivityAccumulator::new(w, LapseRule::after(4)?);
    /// assert_eq!(acc.period_counts()?.len(), w.len());
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn new(window: PeriodWindow, lapse: LapseRule) -> ActivityAccumulator {
        ActivityAccumulator {
            window,
            lapse,
            tally: Tally::new(window.len()),
            cohorts: CohortTable::new(window, true),
            revenue: vec![RevenueMovements::default(); window.len()],
            customers: None,
            buffer: Vec::new(),
            periods: Vec::new(),
            spells: Vec::new(),
        }
    }

    /// The window counted.
    ///
    /// ```
    /// # use cx_retention::{ActivityAccumulator, DateRange, LapseRule, PeriodUnit};
    /// # use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2024, 4, 1))?.periods(PeriodUnit::Month)?;
    /// assert_eq!(ActivityAccumulator::new(w, LapseRule::after(1)?).window(), w);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn window(&self) -> PeriodWindow {
        self.window
    }

    /// Counts a batch of events: grouped by customer in ascending id order, any date order
    /// within a customer. A customer's events must all be in one batch, and batches must come
    /// in ascending customer order.
    ///
    /// On error the accumulator keeps every customer completed before the offending event.
    ///
    /// # Errors
    /// [`RetentionError::UnorderedCustomers`] if a customer id is lower than the previous one
    /// or a customer reappears after another.
    ///
    /// ```
    /// use cx_retention::{ActivityAccumulator, ActivityEvent, DateRange, LapseRule, Money, PeriodUnit, RetentionError};
    /// use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2024, 4, 1))?.periods(PeriodUnit::Month)?;
    /// let ev = |c| ActivityEvent { customer: c, date: date(2024, 1, 1), revenue: Money::ZERO };
    /// let err = ActivityAccumulator::new(w, LapseRule::after(1)?).record_events([ev(2), ev(1)]).unwrap_err();
    /// assert_eq!(err, RetentionError::UnorderedCustomers { customer: 1, previous: 2 });
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn record_events<I>(&mut self, events: I) -> Result<(), RetentionError>
    where
        I: IntoIterator<Item = ActivityEvent>,
    {
        let unit = self.window.unit();
        let mut current: Option<u64> = None;
        self.buffer.clear();
        for e in events {
            if current != Some(e.customer) {
                if current.is_some() {
                    self.finish_customer();
                }
                check_customer_order(&mut self.customers, e.customer)?;
                current = Some(e.customer);
            }
            let slot = self.window.relative_index(unit.index_of(e.date));
            self.buffer.push((slot, e.revenue.minor_units()));
        }
        if current.is_some() {
            self.finish_customer();
        }
        Ok(())
    }

    /// Turns the buffered events of one customer into spells, revenue pairs and cohort cells.
    fn finish_customer(&mut self) {
        let events = &mut self.buffer;
        if !events.windows(2).all(|w| w[0].0 <= w[1].0) {
            events.sort_unstable_by_key(|&(slot, _)| slot);
        }
        // Collapse to one entry per active period with summed revenue (u128: cannot overflow).
        let buf = &mut self.periods;
        buf.clear();
        for &(slot, rev) in events.iter() {
            match buf.last_mut() {
                Some(last) if last.0 == slot => last.1 += u128::from(rev),
                _ => buf.push((slot, u128::from(rev))),
            }
        }
        events.clear();
        let k = i64::from(self.lapse.0);
        let n = self.window.len() as i64;
        self.spells.clear();
        let mut spell_start = buf[0].0;
        for i in 0..buf.len() {
            let (slot, rev) = buf[i];
            let next = buf.get(i + 1).map(|&(s, _)| s);
            if next.is_none_or(|s| s - slot > k) {
                self.spells.push((spell_start, Some(slot + k)));
                if let Some(s) = next {
                    spell_start = s;
                }
            }
            // Revenue movement into this period and, if the next period has no activity, out of it.
            let prev = if i > 0 && buf[i - 1].0 == slot - 1 {
                buf[i - 1].1
            } else {
                0
            };
            if (0..n).contains(&slot) {
                self.revenue[slot as usize].add_pair(prev, rev);
            }
            if next != Some(slot + 1) && (0..n).contains(&(slot + 1)) {
                self.revenue[(slot + 1) as usize].add_pair(rev, 0);
            }
        }
        for &(first, loss) in &self.spells {
            self.tally.record(first, loss);
        }
        self.cohorts.record(&self.spells, buf);
        buf.clear();
        self.spells.clear();
    }

    /// Adds another accumulator's customers (same window and rule, disjoint customer ids).
    ///
    /// # Errors
    /// [`RetentionError::IncompatibleMerge`] if the windows or lapse rules differ or the
    /// customer id ranges overlap.
    ///
    /// ```
    /// # use cx_retention::{ActivityAccumulator, ActivityEvent, DateRange, LapseRule, Money, PeriodUnit};
    /// # use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2024, 4, 1))?.periods(PeriodUnit::Month)?;
    /// let ev = |c, d| ActivityEvent { customer: c, date: d, revenue: Money::from_minor_units(100) };
    /// let events = [ev(1, date(2024, 1, 3)), ev(1, date(2024, 2, 3)), ev(2, date(2024, 2, 9))];
    /// let mut whole = ActivityAccumulator::new(w, LapseRule::after(1)?);
    /// whole.record_events(events)?;
    /// let mut a = ActivityAccumulator::new(w, LapseRule::after(1)?);
    /// let mut b = a.clone();
    /// a.record_events(events[..2].iter().copied())?;
    /// b.record_events(events[2..].iter().copied())?;
    /// a.merge(&b)?;
    /// assert_eq!(a, whole);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn merge(&mut self, other: &ActivityAccumulator) -> Result<(), RetentionError> {
        if self.window != other.window {
            return Err(RetentionError::IncompatibleMerge { what: "windows" });
        }
        if self.lapse != other.lapse {
            return Err(RetentionError::IncompatibleMerge {
                what: "lapse rules",
            });
        }
        // Everything is checked before anything changes.
        let customers = merge_customer_ranges(self.customers, other.customers)?;
        let mut tally = self.tally.clone();
        tally.merge(&other.tally)?;
        let mut cohorts = self.cohorts.clone();
        cohorts.merge(&other.cohorts)?;
        let mut revenue = self.revenue.clone();
        for (a, b) in revenue.iter_mut().zip(&other.revenue) {
            a.merge(b)?;
        }
        (self.customers, self.tally, self.cohorts, self.revenue) =
            (customers, tally, cohorts, revenue);
        Ok(())
    }

    /// The validated counts of every period of the window, in order.
    ///
    /// # Errors
    /// Only on a corrupted accumulator (impossible through this API).
    ///
    /// ```
    /// # use cx_retention::{ActivityAccumulator, DateRange, LapseRule, PeriodUnit};
    /// # use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2024, 4, 1))?.periods(PeriodUnit::Month)?;
    /// assert_eq!(ActivityAccumulator::new(w, LapseRule::after(1)?).period_counts()?.len(), 3);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn period_counts(&self) -> Result<Vec<PeriodCounts>, RetentionError> {
        self.tally.counts(self.window)
    }

    /// Revenue movements of every period of the window, in order (see [`RevenueMovements`]).
    ///
    /// ```
    /// # use cx_retention::{ActivityAccumulator, ActivityEvent, DateRange, LapseRule, Money, PeriodUnit};
    /// # use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2024, 3, 1))?.periods(PeriodUnit::Month)?;
    /// let mut acc = ActivityAccumulator::new(w, LapseRule::after(1)?);
    /// let ev = |d, m| ActivityEvent { customer: 1, date: d, revenue: Money::from_minor_units(m) };
    /// acc.record_events([ev(date(2024, 1, 3), 1000), ev(date(2024, 2, 3), 800)])?;
    /// let feb = acc.revenue_movements()[1];
    /// assert_eq!((feb.start(), feb.contraction()), (1000, 200));
    /// assert_eq!(feb.gross_revenue_retention()?, 0.8);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn revenue_movements(&self) -> &[RevenueMovements] {
        &self.revenue
    }

    /// The acquisition-cohort table, with revenue.
    ///
    /// ```
    /// # use cx_retention::{ActivityAccumulator, DateRange, LapseRule, PeriodUnit};
    /// # use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2024, 4, 1))?.periods(PeriodUnit::Month)?;
    /// assert_eq!(ActivityAccumulator::new(w, LapseRule::after(1)?).cohort_table().revenue(0, 2)?, 0);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn cohort_table(&self) -> CohortTable {
        self.cohorts.clone()
    }
}
