//! Acquisition-cohort tables: cohort × periods since acquisition ("age").
//!
//! A customer's **cohort** is the window period of their first-ever spell as a customer;
//! customers acquired before the window are left out of the table (they are still in the
//! per-period counts). For cohort `c` and age `j` (the period `c + j`) the table holds:
//!
//! - **survivors**: customers still in their first spell at the end of period `c + j`. This
//!   classic retention curve never increases with age; its share of the cohort size is the
//!   [`survival_rate`](CohortTable::survival_rate).
//! - **active**: customers of the cohort who are customers at the end of period `c + j`,
//!   counting returns after a lapse (so it can rise again).
//! - **revenue** (activity events only): the cohort's revenue in period `c + j`, and the same
//!   summed with each customer capped at their age-0 revenue. Cohort **NRR** at age `j` is
//!   revenue(j) / revenue(0); cohort **GRR** is capped(j) / revenue(0), never above 1.
//!
//! The table is triangular: cohort `c` of an `n`-period window has `n − c` ages. It merges
//! exactly (integer sums) and serialises with the `serde` feature.

use crate::{Period, PeriodWindow, RetentionError};

/// A cohort table over a window of periods (see the module docs).
///
/// Built by [`SubscriptionAccumulator`](crate::SubscriptionAccumulator) and
/// [`ActivityAccumulator`](crate::ActivityAccumulator).
///
/// ```
/// use cx_retention::{ActivityAccumulator, ActivityEvent, LapseRule, Money, PeriodUnit, DateRange};
/// use jiff::civil::date;
///
/// let window = DateRange::new(date(2024, 1, 1), date(2024, 4, 1))?.periods(PeriodUnit::Month)?;
/// let mut acc = ActivityAccumulator::new(window, LapseRule::after(1)?);
/// let ev = |c, d, cents| ActivityEvent { customer: c, date: d, revenue: Money::from_minor_units(cents) };
/// acc.record_events([
///     ev(1, date(2024, 1, 5), 1000), ev(1, date(2024, 2, 5), 1500), ev(1, date(2024, 3, 5), 1500),
///     ev(2, date(2024, 1, 9), 1000), ev(2, date(2024, 2, 9), 500),
/// ])?;
/// let t = acc.cohort_table();
/// assert_eq!(t.cohort_size(0)?, 2);
/// assert_eq!(t.survivors(0, 2)?, 1);                 // customer 2 lapsed in March
/// assert_eq!(t.survival_rate(0, 2)?, 0.5);
/// assert_eq!(t.net_revenue_retention(0, 1)?, 1.0);   // 2000 of 2000
/// assert_eq!(t.gross_revenue_retention(0, 1)?, 0.75); // min(1500,1000) + 500 of 2000
/// # Ok::<(), cx_retention::RetentionError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawCohortTable"))]
pub struct CohortTable {
    window: PeriodWindow,
    has_revenue: bool,
    size: Vec<u64>,
    /// First spells ending at age j (triangular).
    departures: Vec<u64>,
    /// Spells entering / leaving the active set at age j (triangular difference arrays).
    active_enter: Vec<u64>,
    active_leave: Vec<u64>,
    revenue: Vec<u128>,
    capped_revenue: Vec<u128>,
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawCohortTable {
    window: PeriodWindow,
    has_revenue: bool,
    size: Vec<u64>,
    departures: Vec<u64>,
    active_enter: Vec<u64>,
    active_leave: Vec<u64>,
    revenue: Vec<u128>,
    capped_revenue: Vec<u128>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawCohortTable> for CohortTable {
    type Error = RetentionError;
    fn try_from(r: RawCohortTable) -> Result<Self, RetentionError> {
        let n = r.window.len();
        let tri = triangle(n);
        let ok = r.size.len() == n
            && [&r.departures, &r.active_enter, &r.active_leave]
                .iter()
                .all(|v| v.len() == tri)
            && r.revenue.len() == if r.has_revenue { tri } else { 0 }
            && r.capped_revenue.len() == r.revenue.len()
            && r.capped_revenue.iter().zip(&r.revenue).all(|(c, v)| c <= v);
        if !ok {
            return Err(RetentionError::IncompatibleMerge {
                what: "cohort table array lengths and window",
            });
        }
        let t = CohortTable {
            window: r.window,
            has_revenue: r.has_revenue,
            size: r.size,
            departures: r.departures,
            active_enter: r.active_enter,
            active_leave: r.active_leave,
            revenue: r.revenue,
            capped_revenue: r.capped_revenue,
        };
        for c in 0..n {
            for age in 0..n - c {
                t.survivors(c, age)?;
                t.active(c, age)?;
            }
        }
        Ok(t)
    }
}

/// Adds `b` to `a` entry by entry, or the overflow error naming `what`.
pub(crate) fn add_counts(
    a: &mut [u64],
    b: &[u64],
    what: &'static str,
) -> Result<(), RetentionError> {
    for (x, y) in a.iter_mut().zip(b) {
        *x = x
            .checked_add(*y)
            .ok_or(RetentionError::CountOverflow { what })?;
    }
    Ok(())
}

/// The sum of `v`, or the overflow error naming `what`.
fn sum_counts(v: &[u64], what: &'static str) -> Result<u64, RetentionError> {
    v.iter()
        .try_fold(0u64, |a, &x| a.checked_add(x))
        .ok_or(RetentionError::CountOverflow { what })
}

fn triangle(n: usize) -> usize {
    n * (n + 1) / 2
}

impl CohortTable {
    pub(crate) fn new(window: PeriodWindow, has_revenue: bool) -> CohortTable {
        let n = window.len();
        let tri = triangle(n);
        CohortTable {
            window,
            has_revenue,
            size: vec![0; n],
            departures: vec![0; tri],
            active_enter: vec![0; tri],
            active_leave: vec![0; tri],
            revenue: if has_revenue {
                vec![0; tri]
            } else {
                Vec::new()
            },
            capped_revenue: if has_revenue {
                vec![0; tri]
            } else {
                Vec::new()
            },
        }
    }

    fn offset(&self, cohort: usize) -> usize {
        let n = self.window.len();
        cohort * n - cohort * cohort.saturating_sub(1) / 2
    }

    /// Records one customer: `spells` as `(first, loss)` window slots in time order (the
    /// first spell's `first` is the cohort), and per-period revenue `(slot, amount)` sorted by
    /// slot. Customers acquired outside the window are skipped.
    pub(crate) fn record(&mut self, spells: &[(i64, Option<i64>)], revenue: &[(i64, u128)]) {
        let Some(&(cohort, first_loss)) = spells.first() else {
            return;
        };
        let n = self.window.len() as i64;
        if !(0..n).contains(&cohort) {
            return;
        }
        let c = cohort as usize;
        let ages = n - cohort;
        let base = self.offset(c);
        self.size[c] += 1;
        if let Some(l) = first_loss
            && l - cohort < ages
        {
            self.departures[base + (l - cohort) as usize] += 1;
        }
        for &(first, loss) in spells {
            let a = first - cohort;
            if a >= ages {
                break;
            }
            self.active_enter[base + a as usize] += 1;
            if let Some(l) = loss
                && l - cohort < ages
            {
                self.active_leave[base + (l - cohort) as usize] += 1;
            }
        }
        if self.has_revenue {
            let r0 = revenue
                .iter()
                .find(|&&(p, _)| p == cohort)
                .map_or(0, |&(_, r)| r);
            for &(p, r) in revenue {
                let a = p - cohort;
                if (0..ages).contains(&a) {
                    self.revenue[base + a as usize] += r;
                    self.capped_revenue[base + a as usize] += r.min(r0);
                }
            }
        }
    }

    /// Adds `other`; on overflow (possible only for tables read back from storage) nothing
    /// changes.
    pub(crate) fn merge(&mut self, other: &CohortTable) -> Result<(), RetentionError> {
        let mut merged = self.clone();
        for (a, b) in [
            (&mut merged.size, &other.size),
            (&mut merged.departures, &other.departures),
            (&mut merged.active_enter, &other.active_enter),
            (&mut merged.active_leave, &other.active_leave),
        ] {
            add_counts(a, b, "merged cohort table")?;
        }
        for (a, b) in [
            (&mut merged.revenue, &other.revenue),
            (&mut merged.capped_revenue, &other.capped_revenue),
        ] {
            for (x, y) in a.iter_mut().zip(b) {
                *x = x.checked_add(*y).ok_or(RetentionError::CountOverflow {
                    what: "merged cohort revenue",
                })?;
            }
        }
        *self = merged;
        Ok(())
    }

    fn cell(&self, cohort: usize, age: usize) -> Result<usize, RetentionError> {
        let n = self.window.len();
        if cohort >= n || age >= n - cohort {
            return Err(RetentionError::CellOutOfRange {
                cohort,
                age,
                cohorts: n,
            });
        }
        Ok(self.offset(cohort) + age)
    }

    /// The window whose periods are the cohorts (and the calendar of the ages).
    ///
    /// ```
    /// # use cx_retention::{SubscriptionAccumulator, PeriodUnit, DateRange};
    /// # use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2025, 1, 1))?.periods(PeriodUnit::Quarter)?;
    /// let t = SubscriptionAccumulator::new(w).cohort_table();
    /// assert_eq!(t.window().len(), 4);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn window(&self) -> PeriodWindow {
        self.window
    }

    /// The acquisition period of cohort slot `cohort`.
    ///
    /// # Errors
    /// [`RetentionError::CellOutOfRange`] if `cohort ≥` the window length.
    ///
    /// ```
    /// # use cx_retention::{SubscriptionAccumulator, PeriodUnit, DateRange};
    /// # use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2025, 1, 1))?.periods(PeriodUnit::Quarter)?;
    /// let t = SubscriptionAccumulator::new(w).cohort_table();
    /// assert_eq!(t.cohort(1)?.start(), date(2024, 4, 1));
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn cohort(&self, cohort: usize) -> Result<Period, RetentionError> {
        self.cell(cohort, 0)?;
        self.window
            .get(cohort)
            .ok_or(RetentionError::CellOutOfRange {
                cohort,
                age: 0,
                cohorts: self.window.len(),
            })
    }

    /// Customers acquired in cohort slot `cohort`.
    ///
    /// # Errors
    /// [`RetentionError::CellOutOfRange`] outside the table.
    ///
    /// ```
    /// # use cx_retention::{SubscriptionAccumulator, PeriodUnit, DateRange};
    /// # use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2025, 1, 1))?.periods(PeriodUnit::Quarter)?;
    /// assert_eq!(SubscriptionAccumulator::new(w).cohort_table().cohort_size(0)?, 0);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn cohort_size(&self, cohort: usize) -> Result<u64, RetentionError> {
        self.cell(cohort, 0)?;
        Ok(self.size[cohort])
    }

    /// Customers of the cohort still in their first spell at the end of age `age`.
    ///
    /// # Errors
    /// [`RetentionError::CellOutOfRange`] outside the table.
    ///
    /// ```
    /// # use cx_retention::{SubscriptionAccumulator, Subscription, PeriodUnit, DateRange};
    /// # use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2024, 4, 1))?.periods(PeriodUnit::Month)?;
    /// let mut acc = SubscriptionAccumulator::new(w);
    /// acc.record_subscriptions([
    ///     Subscription { customer: 1, start: date(2024, 1, 3), end: Some(date(2024, 2, 10)) },
    ///     Subscription { customer: 2, start: date(2024, 1, 8), end: None },
    /// ])?;
    /// let t = acc.cohort_table();
    /// assert_eq!((t.survivors(0, 0)?, t.survivors(0, 1)?, t.survivors(0, 2)?), (2, 1, 1));
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn survivors(&self, cohort: usize, age: usize) -> Result<u64, RetentionError> {
        let base = self.cell(cohort, 0)?;
        let end = self.cell(cohort, age)?;
        let gone = sum_counts(&self.departures[base..=end], "cohort departures")?;
        self.size[cohort]
            .checked_sub(gone)
            .ok_or(RetentionError::LostExceedsAvailable {
                lost: gone,
                available: self.size[cohort],
                what: "cohort size",
            })
    }

    /// Survivors as a share of the cohort size, in `0..=1`.
    ///
    /// # Errors
    /// [`RetentionError::CellOutOfRange`] outside the table;
    /// [`RetentionError::ZeroStartingCustomers`] for an empty cohort.
    ///
    /// ```
    /// # use cx_retention::{SubscriptionAccumulator, PeriodUnit, DateRange};
    /// # use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2025, 1, 1))?.periods(PeriodUnit::Quarter)?;
    /// assert!(SubscriptionAccumulator::new(w).cohort_table().survival_rate(0, 0).is_err());
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn survival_rate(&self, cohort: usize, age: usize) -> Result<f64, RetentionError> {
        let s = self.survivors(cohort, age)?;
        match self.size[cohort] {
            0 => Err(RetentionError::ZeroStartingCustomers {
                rate: "cohort survival rate",
            }),
            size => Ok(s as f64 / size as f64),
        }
    }

    /// Customers of the cohort who are customers at the end of age `age`, returns included.
    ///
    /// # Errors
    /// [`RetentionError::CellOutOfRange`] outside the table.
    ///
    /// ```
    /// # use cx_retention::{SubscriptionAccumulator, Subscription, PeriodUnit, DateRange};
    /// # use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2024, 4, 1))?.periods(PeriodUnit::Month)?;
    /// let mut acc = SubscriptionAccumulator::new(w);
    /// acc.record_subscriptions([
    ///     Subscription { customer: 1, start: date(2024, 1, 3), end: Some(date(2024, 2, 10)) },
    ///     Subscription { customer: 1, start: date(2024, 3, 1), end: None }, // returns in March
    /// ])?;
    /// let t = acc.cohort_table();
    /// assert_eq!((t.active(0, 1)?, t.active(0, 2)?), (0, 1));
    /// assert_eq!(t.survivors(0, 2)?, 0);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn active(&self, cohort: usize, age: usize) -> Result<u64, RetentionError> {
        let base = self.cell(cohort, 0)?;
        let end = self.cell(cohort, age)?;
        let entered = sum_counts(&self.active_enter[base..=end], "cohort active spells")?;
        let left = sum_counts(&self.active_leave[base..=end], "cohort active spells")?;
        let active = entered
            .checked_sub(left)
            .ok_or(RetentionError::LostExceedsAvailable {
                lost: left,
                available: entered,
                what: "active spells",
            })?;
        // Active customers of a cohort are some of its members (a check for stored tables).
        if active > self.size[cohort] {
            return Err(RetentionError::LostExceedsAvailable {
                lost: active,
                available: self.size[cohort],
                what: "active customers within the cohort size",
            });
        }
        Ok(active)
    }

    fn revenue_cell(
        &self,
        cohort: usize,
        age: usize,
        what: &'static str,
    ) -> Result<usize, RetentionError> {
        let i = self.cell(cohort, age)?;
        if !self.has_revenue {
            return Err(RetentionError::NoRevenue { what });
        }
        Ok(i)
    }

    /// The cohort's revenue in period `cohort + age`, in minor units.
    ///
    /// # Errors
    /// [`RetentionError::CellOutOfRange`] outside the table; [`RetentionError::NoRevenue`] for
    /// a table built from subscription records.
    ///
    /// ```
    /// # use cx_retention::{ActivityAccumulator, ActivityEvent, LapseRule, Money, PeriodUnit, DateRange};
    /// # use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2024, 3, 1))?.periods(PeriodUnit::Month)?;
    /// let mut acc = ActivityAccumulator::new(w, LapseRule::after(1)?);
    /// acc.record_events([ActivityEvent { customer: 7, date: date(2024, 2, 2), revenue: Money::from_minor_units(990) }])?;
    /// assert_eq!(acc.cohort_table().revenue(1, 0)?, 990);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn revenue(&self, cohort: usize, age: usize) -> Result<u128, RetentionError> {
        Ok(self.revenue[self.revenue_cell(cohort, age, "cohort revenue")?])
    }

    fn over_age0(
        &self,
        cohort: usize,
        numerator: u128,
        rate: &'static str,
    ) -> Result<f64, RetentionError> {
        let r0 = self.revenue[self.revenue_cell(cohort, 0, rate)?];
        if r0 == 0 {
            return Err(RetentionError::ZeroStartingRevenue { rate });
        }
        Ok(numerator as f64 / r0 as f64)
    }

    /// Cohort net revenue retention at age `age`: revenue(age) / revenue(0), at least 0 and
    /// above 1 when the cohort pays more than at age 0.
    ///
    /// # Errors
    /// As [`revenue`](Self::revenue), and [`RetentionError::ZeroStartingRevenue`] when the
    /// cohort had no revenue at age 0.
    ///
    /// ```
    /// # use cx_retention::{ActivityAccumulator, ActivityEvent, LapseRule, Money, PeriodUnit, DateRange};
    /// # use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2024, 3, 1))?.periods(PeriodUnit::Month)?;
    /// let mut acc = ActivityAccumulator::new(w, LapseRule::after(1)?);
    /// let ev = |d, c| ActivityEvent { customer: 1, date: d, revenue: Money::from_minor_units(c) };
    /// acc.record_events([ev(date(2024, 1, 2), 1000), ev(date(2024, 2, 2), 1200)])?;
    /// assert_eq!(acc.cohort_table().net_revenue_retention(0, 1)?, 1.2);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn net_revenue_retention(&self, cohort: usize, age: usize) -> Result<f64, RetentionError> {
        let r = self.revenue(cohort, age)?;
        self.over_age0(cohort, r, "cohort net revenue retention")
    }

    /// Cohort gross revenue retention at age `age`: revenue with every customer capped at their
    /// age-0 revenue, over revenue(0); in `0..=1`.
    ///
    /// # Errors
    /// As [`net_revenue_retention`](Self::net_revenue_retention).
    ///
    /// ```
    /// # use cx_retention::{ActivityAccumulator, ActivityEvent, LapseRule, Money, PeriodUnit, DateRange};
    /// # use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2024, 3, 1))?.periods(PeriodUnit::Month)?;
    /// let mut acc = ActivityAccumulator::new(w, LapseRule::after(1)?);
    /// let ev = |d, c| ActivityEvent { customer: 1, date: d, revenue: Money::from_minor_units(c) };
    /// acc.record_events([ev(date(2024, 1, 2), 1000), ev(date(2024, 2, 2), 1200)])?;
    /// assert_eq!(acc.cohort_table().gross_revenue_retention(0, 1)?, 1.0);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn gross_revenue_retention(
        &self,
        cohort: usize,
        age: usize,
    ) -> Result<f64, RetentionError> {
        let i = self.revenue_cell(cohort, age, "cohort gross revenue retention")?;
        self.over_age0(
            cohort,
            self.capped_revenue[i],
            "cohort gross revenue retention",
        )
    }

    /// Historical lifetime value of the cohort so far: all its revenue over the window divided
    /// by the cohort size (minor units per acquired customer).
    ///
    /// # Errors
    /// [`RetentionError::CellOutOfRange`], [`RetentionError::NoRevenue`], or
    /// [`RetentionError::ZeroStartingCustomers`] for an empty cohort.
    ///
    /// ```
    /// # use cx_retention::{ActivityAccumulator, ActivityEvent, LapseRule, Money, PeriodUnit, DateRange};
    /// # use jiff::civil::date;
    /// let w = DateRange::new(date(2024, 1, 1), date(2024, 3, 1))?.periods(PeriodUnit::Month)?;
    /// let mut acc = ActivityAccumulator::new(w, LapseRule::after(1)?);
    /// let ev = |c, d, m| ActivityEvent { customer: c, date: d, revenue: Money::from_minor_units(m) };
    /// acc.record_events([ev(1, date(2024, 1, 2), 1000), ev(1, date(2024, 2, 2), 1200), ev(2, date(2024, 1, 9), 300)])?;
    /// assert_eq!(acc.cohort_table().historical_ltv(0)?, 1250.0);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn historical_ltv(&self, cohort: usize) -> Result<f64, RetentionError> {
        let base = self.revenue_cell(cohort, 0, "historical LTV")?;
        let ages = self.window.len() - cohort;
        let total: u128 = self.revenue[base..base + ages].iter().sum();
        match self.size[cohort] {
            0 => Err(RetentionError::ZeroStartingCustomers {
                rate: "historical LTV",
            }),
            size => Ok(total as f64 / size as f64),
        }
    }
}
