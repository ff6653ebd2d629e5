//! Per-period customer counts and the rates derived from them.
//!
//! For one period, with `S` customers at the start, `N` new customers during it, `L` customers
//! lost during it and `E` at the end, the identity **E = S + N − L** always holds (it is checked
//! on construction). From these counts (fractions, `0.3` = 30 %):
//!
//! | rate | formula | on 200 / +150 / −140 → 210 |
//! |---|---|---|
//! | [`retention_rate`](PeriodCounts::retention_rate) (CRR) | (E − N) / S | 0.30 |
//! | [`churn_rate`](PeriodCounts::churn_rate) (conventional) | L / S | 0.70 |
//! | [`net_growth_rate`](PeriodCounts::net_growth_rate) | (E − S) / S | 0.05 |
//! | [`negated_churn_rate`](PeriodCounts::negated_churn_rate) (the source article's "churn") | (E − S − N) / S = −L / S | −0.70 |
//!
//! The worked example comes from a practitioner's guide to customer-experience metrics (an
//! unpublished telecom CX handbook), retention section. Its churn formula gives −70 %: that is the **negative of the lost share**,
//! offered here only under the explicit name `negated_churn_rate`. Use `churn_rate`.
//!
//! CRR + churn = 1 always, since E − N = S − L. When some of the period's *new* customers also
//! leave within it, `L` includes them and (E − N)/S charges them to the starting base, so these
//! rates are **not** confined to `0..=1`:
//!
//! - CRR is at most 1 and **negative** when `L > S` (possible only when new customers left too),
//!   down to −N/S;
//! - churn is at least 0 and **above 1** in the same case, up to (S + N)/S;
//! - net growth is at least −1 (E ≥ 0) and has no upper bound.
//!
//! For example 10 at the start, 20 new and 15 lost (all 10, and 5 of the new) give E = 15,
//! CRR −0.5 and churn 1.5. If the loss split is known ([`PeriodCounts::with_split`], which the
//! accumulators of this crate always fill in), [`start_base_retention_rate`](PeriodCounts::start_base_retention_rate)
//! and [`start_base_churn_rate`](PeriodCounts::start_base_churn_rate) measure the starting
//! base only and always lie in `0..=1` (0.0 and 1.0 in the example).
//!
//! A rate over a period that starts with zero customers is undefined and returns
//! [`RetentionError::ZeroStartingCustomers`], never NaN.

use crate::RetentionError;

/// Validated customer counts of one period.
///
/// ```
/// use cx_retention::PeriodCounts;
///
/// // The worked example: 200 customers at the start of the year, 150 new, 140 lost.
/// let year = PeriodCounts::new(200, 150, 140)?;
/// assert_eq!(year.at_end(), 210);
/// assert_eq!(year.retention_rate()?, 0.3);
/// assert_eq!(year.churn_rate()?, 0.7);
/// assert_eq!(year.net_growth_rate()?, 0.05);
/// assert_eq!(year.negated_churn_rate()?, -0.7); // the article's formula
/// # Ok::<(), cx_retention::RetentionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawCounts", into = "RawCounts"))]
pub struct PeriodCounts {
    start: u64,
    new: u64,
    lost: u64,
    lost_from_new: Option<u64>,
}

/// Serialised form, re-validated on input.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct RawCounts {
    start: u64,
    new: u64,
    lost: u64,
    #[serde(default)]
    lost_from_new: Option<u64>,
}

#[cfg(feature = "serde")]
impl From<PeriodCounts> for RawCounts {
    fn from(c: PeriodCounts) -> RawCounts {
        RawCounts {
            start: c.start,
            new: c.new,
            lost: c.lost,
            lost_from_new: c.lost_from_new,
        }
    }
}

#[cfg(feature = "serde")]
impl TryFrom<RawCounts> for PeriodCounts {
    type Error = RetentionError;
    fn try_from(r: RawCounts) -> Result<Self, RetentionError> {
        match r.lost_from_new {
            None => PeriodCounts::new(r.start, r.new, r.lost),
            Some(from_new) => {
                let from_start =
                    r.lost
                        .checked_sub(from_new)
                        .ok_or(RetentionError::LostExceedsAvailable {
                            lost: from_new,
                            available: r.lost,
                            what: "lost_from_new within lost",
                        })?;
                PeriodCounts::with_split(r.start, r.new, from_start, from_new)
            }
        }
    }
}

impl PeriodCounts {
    /// Counts from customers at the start, new customers and lost customers (of either kind).
    ///
    /// # Errors
    /// [`RetentionError::LostExceedsAvailable`] if `lost > start + new`;
    /// [`RetentionError::CountOverflow`] if `start + new` overflows.
    ///
    /// ```
    /// use cx_retention::PeriodCounts;
    /// assert!(PeriodCounts::new(10, 5, 16).is_err());
    /// ```
    pub fn new(start: u64, new: u64, lost: u64) -> Result<PeriodCounts, RetentionError> {
        let available = start
            .checked_add(new)
            .ok_or(RetentionError::CountOverflow {
                what: "start + new",
            })?;
        if lost > available {
            return Err(RetentionError::LostExceedsAvailable {
                lost,
                available,
                what: "start + new",
            });
        }
        Ok(PeriodCounts {
            start,
            new,
            lost,
            lost_from_new: None,
        })
    }

    /// Counts with the losses split into customers lost from the starting base and new
    /// customers of the period who also left within it.
    ///
    /// # Errors
    /// [`RetentionError::LostExceedsAvailable`] if `lost_from_start > start` or
    /// `lost_from_new > new`; [`RetentionError::CountOverflow`] on overflow.
    ///
    /// ```
    /// use cx_retention::PeriodCounts;
    /// // 20 of the 150 new customers leave in the same year: E = 190.
    /// let c = PeriodCounts::with_split(200, 150, 140, 20)?;
    /// assert_eq!(c.at_end(), 190);
    /// assert_eq!(c.retention_rate()?, 0.2); // charges the 20 to the starting base
    /// assert_eq!(c.start_base_retention_rate()?, 0.3);
    /// assert_eq!(c.churn_rate()?, 0.8);
    /// assert_eq!(c.start_base_churn_rate()?, 0.7);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn with_split(
        start: u64,
        new: u64,
        lost_from_start: u64,
        lost_from_new: u64,
    ) -> Result<PeriodCounts, RetentionError> {
        if lost_from_start > start {
            return Err(RetentionError::LostExceedsAvailable {
                lost: lost_from_start,
                available: start,
                what: "customers at start",
            });
        }
        if lost_from_new > new {
            return Err(RetentionError::LostExceedsAvailable {
                lost: lost_from_new,
                available: new,
                what: "new customers",
            });
        }
        let lost = lost_from_start
            .checked_add(lost_from_new)
            .ok_or(RetentionError::CountOverflow { what: "lost" })?;
        let mut c = PeriodCounts::new(start, new, lost)?;
        c.lost_from_new = Some(lost_from_new);
        Ok(c)
    }

    /// Customers at the start of the period (`S`).
    ///
    /// ```
    /// # use cx_retention::PeriodCounts;
    /// assert_eq!(PeriodCounts::new(200, 150, 140)?.at_start(), 200);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn at_start(&self) -> u64 {
        self.start
    }

    /// New customers during the period (`N`), including returning ones.
    ///
    /// ```
    /// # use cx_retention::PeriodCounts;
    /// assert_eq!(PeriodCounts::new(200, 150, 140)?.new_customers(), 150);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn new_customers(&self) -> u64 {
        self.new
    }

    /// Customers lost during the period (`L`), from the starting base and from the new ones.
    ///
    /// ```
    /// # use cx_retention::PeriodCounts;
    /// assert_eq!(PeriodCounts::new(200, 150, 140)?.lost(), 140);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn lost(&self) -> u64 {
        self.lost
    }

    /// `(lost from the starting base, lost among the period's new customers)`, if known.
    ///
    /// ```
    /// # use cx_retention::PeriodCounts;
    /// assert_eq!(PeriodCounts::new(200, 150, 140)?.lost_split(), None);
    /// assert_eq!(PeriodCounts::with_split(200, 150, 140, 20)?.lost_split(), Some((140, 20)));
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn lost_split(&self) -> Option<(u64, u64)> {
        self.lost_from_new.map(|n| (self.lost - n, n))
    }

    /// Customers at the end of the period: `E = S + N − L`.
    ///
    /// ```
    /// # use cx_retention::PeriodCounts;
    /// assert_eq!(PeriodCounts::new(200, 150, 140)?.at_end(), 210);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn at_end(&self) -> u64 {
        // Cannot underflow or overflow: checked in the constructors.
        self.start + self.new - self.lost
    }

    fn over_start(&self, numerator: f64, rate: &'static str) -> Result<f64, RetentionError> {
        if self.start == 0 {
            return Err(RetentionError::ZeroStartingCustomers { rate });
        }
        Ok(numerator / self.start as f64)
    }

    /// Customer retention rate CRR = (E − N) / S = 1 − L / S. At most 1; negative when more
    /// customers were lost than the period started with (`L > S`, which needs some of the new
    /// customers to have left within the period), down to −N / S.
    ///
    /// # Errors
    /// [`RetentionError::ZeroStartingCustomers`] if `S = 0`.
    ///
    /// ```
    /// # use cx_retention::PeriodCounts;
    /// assert_eq!(PeriodCounts::new(200, 150, 140)?.retention_rate()?, 0.3);
    /// // 10 at the start, 20 new, 15 lost (5 of them new): retention is negative.
    /// assert_eq!(PeriodCounts::new(10, 20, 15)?.retention_rate()?, -0.5);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn retention_rate(&self) -> Result<f64, RetentionError> {
        self.over_start(self.start as f64 - self.lost as f64, "retention rate")
    }

    /// Conventional churn rate L / S: at least 0, and above 1 when more customers were lost
    /// than the period started with (only when new customers also left), up to (S + N) / S.
    ///
    /// # Errors
    /// [`RetentionError::ZeroStartingCustomers`] if `S = 0`.
    ///
    /// ```
    /// # use cx_retention::PeriodCounts;
    /// assert_eq!(PeriodCounts::new(200, 150, 140)?.churn_rate()?, 0.7);
    /// assert_eq!(PeriodCounts::new(10, 20, 15)?.churn_rate()?, 1.5);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn churn_rate(&self) -> Result<f64, RetentionError> {
        self.over_start(self.lost as f64, "churn rate")
    }

    /// Net growth rate (E − S) / S: at least −1, with no upper bound.
    ///
    /// # Errors
    /// [`RetentionError::ZeroStartingCustomers`] if `S = 0`.
    ///
    /// ```
    /// # use cx_retention::PeriodCounts;
    /// assert_eq!(PeriodCounts::new(200, 150, 140)?.net_growth_rate()?, 0.05);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn net_growth_rate(&self) -> Result<f64, RetentionError> {
        self.over_start(self.at_end() as f64 - self.start as f64, "net growth rate")
    }

    /// The source article's churn formula (E − S − N) / S, which equals **−L / S**: the
    /// negative of [`churn_rate`](Self::churn_rate). Kept for reproducing that article only.
    ///
    /// # Errors
    /// [`RetentionError::ZeroStartingCustomers`] if `S = 0`.
    ///
    /// ```
    /// # use cx_retention::PeriodCounts;
    /// let c = PeriodCounts::new(200, 150, 140)?;
    /// assert_eq!(c.negated_churn_rate()?, -c.churn_rate()?);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn negated_churn_rate(&self) -> Result<f64, RetentionError> {
        self.over_start(-(self.lost as f64), "negated churn rate")
    }

    /// Retention of the starting base only, (S − lost from start) / S, in `0..=1`.
    ///
    /// # Errors
    /// [`RetentionError::ZeroStartingCustomers`] if `S = 0`; [`RetentionError::LossSplitUnknown`]
    /// if the counts were built without the loss split.
    ///
    /// ```
    /// # use cx_retention::PeriodCounts;
    /// assert_eq!(PeriodCounts::with_split(200, 150, 140, 20)?.start_base_retention_rate()?, 0.3);
    /// assert!(PeriodCounts::new(200, 150, 160)?.start_base_retention_rate().is_err());
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn start_base_retention_rate(&self) -> Result<f64, RetentionError> {
        let (from_start, _) = self.lost_split().ok_or(RetentionError::LossSplitUnknown {
            rate: "start-base retention rate",
        })?;
        self.over_start(
            (self.start - from_start) as f64,
            "start-base retention rate",
        )
    }

    /// Churn of the starting base only, lost from start / S, in `0..=1`.
    ///
    /// # Errors
    /// As [`start_base_retention_rate`](Self::start_base_retention_rate).
    ///
    /// ```
    /// # use cx_retention::PeriodCounts;
    /// assert_eq!(PeriodCounts::with_split(200, 150, 140, 20)?.start_base_churn_rate()?, 0.7);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn start_base_churn_rate(&self) -> Result<f64, RetentionError> {
        let (from_start, _) = self.lost_split().ok_or(RetentionError::LossSplitUnknown {
            rate: "start-base churn rate",
        })?;
        self.over_start(from_start as f64, "start-base churn rate")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn practitioner_worked_example_gives_crr_30_churn_70_growth_5() -> Result<(), RetentionError> {
        let c = PeriodCounts::new(200, 150, 140)?;
        assert_eq!(c.at_end(), 210);
        assert_eq!(c.retention_rate()?, 0.3);
        assert_eq!(c.churn_rate()?, 0.7);
        assert_eq!(c.net_growth_rate()?, 0.05);
        assert_eq!(c.negated_churn_rate()?, -0.7);
        Ok(())
    }

    #[test]
    fn rates_over_zero_starting_customers_are_typed_errors() {
        let Ok(c) = PeriodCounts::with_split(0, 3, 0, 1) else {
            panic!("valid counts")
        };
        for r in [
            c.retention_rate(),
            c.churn_rate(),
            c.net_growth_rate(),
            c.negated_churn_rate(),
            c.start_base_retention_rate(),
            c.start_base_churn_rate(),
        ] {
            assert!(matches!(
                r,
                Err(RetentionError::ZeroStartingCustomers { .. })
            ));
        }
    }

    #[test]
    fn impossible_losses_are_rejected_with_the_numbers() {
        assert_eq!(
            PeriodCounts::with_split(5, 5, 6, 0),
            Err(RetentionError::LostExceedsAvailable {
                lost: 6,
                available: 5,
                what: "customers at start"
            })
        );
        assert!(PeriodCounts::with_split(5, 5, 0, 6).is_err());
        assert!(PeriodCounts::new(u64::MAX, 1, 0).is_err());
    }
}
