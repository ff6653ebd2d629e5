//! Revenue retention of a period: net (NRR) and gross (GRR).
//!
//! Over one period, the revenue of the customers who paid in the previous period (`start`)
//! moves by **expansion** (customers paying more), **contraction** (paying less but not
//! nothing) and **churn** (paying nothing). Revenue from customers who did not pay in the
//! previous period (new or returning) is kept apart as `new` and excluded from both rates:
//!
//! - NRR = (start + expansion − contraction − churned) / start, at least 0, above 1 when
//!   expansion outweighs contraction and churn;
//! - GRR = (start − contraction − churned) / start, in `0..=1`.
//!
//! These are the definitions of SaaS revenue calculators (e.g. ChurnZero's example: start
//! 27,000, expansion 8,000, churn 5,000 → NRR 111.11 %, GRR 81.48 %). Some vendors
//! (Baremetrics) fold contraction into churn; that changes neither rate. Amounts are integer
//! minor units (see [`Money`](crate::Money)), so sums are exact.

use crate::RetentionError;

/// Revenue movements of one period, in minor units.
///
/// ```
/// use cx_retention::RevenueMovements;
/// // ChurnZero's NRR example: start 27,000, expansion 8,000, churned 5,000.
/// let m = RevenueMovements::new(27_000, 8_000, 0, 5_000, 0)?;
/// assert_eq!(m.end(), 30_000);
/// assert!((m.net_revenue_retention()? - 30_000.0 / 27_000.0).abs() < 1e-15); // 111.11 %
/// assert!((m.gross_revenue_retention()? - 22_000.0 / 27_000.0).abs() < 1e-15); // 81.48 %
/// # Ok::<(), cx_retention::RetentionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawMovements"))]
pub struct RevenueMovements {
    start: u128,
    expansion: u128,
    contraction: u128,
    churned: u128,
    new: u128,
}

/// Serialised form, re-validated on input.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawMovements {
    start: u128,
    expansion: u128,
    contraction: u128,
    churned: u128,
    new: u128,
}

#[cfg(feature = "serde")]
impl TryFrom<RawMovements> for RevenueMovements {
    type Error = RetentionError;
    fn try_from(r: RawMovements) -> Result<Self, RetentionError> {
        RevenueMovements::new(r.start, r.expansion, r.contraction, r.churned, r.new)
    }
}

impl RevenueMovements {
    /// Movements from their parts.
    ///
    /// # Errors
    /// [`RetentionError::LostExceedsAvailable`] if `contraction + churned > start`.
    ///
    /// ```
    /// use cx_retention::RevenueMovements;
    /// assert!(RevenueMovements::new(100, 0, 60, 50, 0).is_err());
    /// ```
    pub fn new(
        start: u128,
        expansion: u128,
        contraction: u128,
        churned: u128,
        new: u128,
    ) -> Result<Self, RetentionError> {
        let lost = contraction.saturating_add(churned);
        if lost > start {
            return Err(RetentionError::LostExceedsAvailable {
                lost: u64::try_from(lost).unwrap_or(u64::MAX),
                available: u64::try_from(start).unwrap_or(u64::MAX),
                what: "starting revenue (contraction + churned)",
            });
        }
        Ok(RevenueMovements {
            start,
            expansion,
            contraction,
            churned,
            new,
        })
    }

    pub(crate) fn add_pair(&mut self, previous: u128, current: u128) {
        if previous == 0 {
            self.new += current;
            return;
        }
        self.start += previous;
        if current >= previous {
            self.expansion += current - previous;
        } else if current > 0 {
            self.contraction += previous - current;
        } else {
            self.churned += previous;
        }
    }

    /// Adds `o`; on overflow (possible only for movements read back from storage) nothing
    /// changes.
    pub(crate) fn merge(&mut self, o: &RevenueMovements) -> Result<(), RetentionError> {
        let add = |a: u128, b: u128| {
            a.checked_add(b).ok_or(RetentionError::CountOverflow {
                what: "merged revenue movements",
            })
        };
        *self = RevenueMovements {
            start: add(self.start, o.start)?,
            expansion: add(self.expansion, o.expansion)?,
            contraction: add(self.contraction, o.contraction)?,
            churned: add(self.churned, o.churned)?,
            new: add(self.new, o.new)?,
        };
        Ok(())
    }

    /// Revenue in the previous period of the customers who paid then.
    ///
    /// ```
    /// # use cx_retention::RevenueMovements;
    /// assert_eq!(RevenueMovements::new(27_000, 8_000, 0, 5_000, 0)?.start(), 27_000);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn start(&self) -> u128 {
        self.start
    }

    /// Increase from customers who pay more than in the previous period.
    ///
    /// ```
    /// # use cx_retention::RevenueMovements;
    /// assert_eq!(RevenueMovements::new(27_000, 8_000, 0, 5_000, 0)?.expansion(), 8_000);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn expansion(&self) -> u128 {
        self.expansion
    }

    /// Decrease from customers who pay less, but more than nothing.
    ///
    /// ```
    /// # use cx_retention::RevenueMovements;
    /// assert_eq!(RevenueMovements::new(100, 0, 10, 0, 0)?.contraction(), 10);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn contraction(&self) -> u128 {
        self.contraction
    }

    /// Previous-period revenue of customers who pay nothing in this period.
    ///
    /// ```
    /// # use cx_retention::RevenueMovements;
    /// assert_eq!(RevenueMovements::new(27_000, 8_000, 0, 5_000, 0)?.churned(), 5_000);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn churned(&self) -> u128 {
        self.churned
    }

    /// Revenue from customers who paid nothing in the previous period (new or returning).
    ///
    /// ```
    /// # use cx_retention::RevenueMovements;
    /// assert_eq!(RevenueMovements::new(100, 0, 0, 0, 40)?.new_revenue(), 40);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn new_revenue(&self) -> u128 {
        self.new
    }

    /// Revenue of this period: start + expansion − contraction − churned + new.
    ///
    /// ```
    /// # use cx_retention::RevenueMovements;
    /// assert_eq!(RevenueMovements::new(100, 5, 10, 20, 40)?.end(), 115);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn end(&self) -> u128 {
        (self.start - self.contraction - self.churned)
            .saturating_add(self.expansion)
            .saturating_add(self.new)
    }

    /// Net revenue retention (start + expansion − contraction − churned) / start: at least 0,
    /// above 1 when expansion outweighs contraction and churned revenue.
    ///
    /// # Errors
    /// [`RetentionError::ZeroStartingRevenue`] if `start = 0`.
    ///
    /// ```
    /// # use cx_retention::RevenueMovements;
    /// assert_eq!(RevenueMovements::new(100, 5, 10, 20, 40)?.net_revenue_retention()?, 0.75);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn net_revenue_retention(&self) -> Result<f64, RetentionError> {
        self.over_start(
            (self.start - self.contraction - self.churned).saturating_add(self.expansion),
            "net revenue retention",
        )
    }

    /// Gross revenue retention (start − contraction − churned) / start, in `0..=1`.
    ///
    /// # Errors
    /// [`RetentionError::ZeroStartingRevenue`] if `start = 0`.
    ///
    /// ```
    /// # use cx_retention::RevenueMovements;
    /// assert_eq!(RevenueMovements::new(100, 5, 10, 20, 40)?.gross_revenue_retention()?, 0.7);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn gross_revenue_retention(&self) -> Result<f64, RetentionError> {
        self.over_start(
            self.start - self.contraction - self.churned,
            "gross revenue retention",
        )
    }

    fn over_start(&self, numerator: u128, rate: &'static str) -> Result<f64, RetentionError> {
        if self.start == 0 {
            return Err(RetentionError::ZeroStartingRevenue { rate });
        }
        Ok(numerator as f64 / self.start as f64)
    }
}
