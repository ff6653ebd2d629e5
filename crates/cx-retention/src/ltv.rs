//! Formula lifetime value: a constant margin per period, a constant retention rate and a
//! discount rate.
//!
//! With margin `m` per period, retention `r` per period (churn `c = 1 − r`) and discount rate
//! `d` per period, summing the geometric series of expected discounted margins:
//!
//! - paid at the **start** of each period (the first payment now, undiscounted):
//!   LTV = Σ_{t≥0} m·rᵗ/(1+d)ᵗ = m(1 + d)/(1 + d − r) = m(1 + d)/(d + c);
//! - paid at the **end** of each period survived: LTV = Σ_{t≥1} m·rᵗ/(1+d)ᵗ = m·r/(1 + d − r).
//!
//! With `d = 0` the first is the textbook m/c. Example: ARPU 50 with 80 %
//! margin (m = 40), churn 5 %, d = 1 %: m/c = 800, start-of-period 673.33, end-of-period 633.33.
//!
//! A constant `r` ignores that retention rises with tenure in a heterogeneous base; the sBG
//! model's [`derl`](crate::SbgModel::derl) does not (Fader & Hardie 2010 show constant-`r`
//! valuations underestimate). For the money a customer actually brought so far, see
//! [`CohortTable::historical_ltv`](crate::CohortTable::historical_ltv).

use crate::RetentionError;

/// Validated inputs of the formula LTV.
///
/// ```
/// use cx_retention::FormulaLtv;
/// let ltv = FormulaLtv::new(40.0, 0.95, 0.01)?;
/// assert!((ltv.paid_at_period_start() - 673.333_333_333_333_3).abs() < 1e-9);
/// assert!((ltv.paid_at_period_end() - 633.333_333_333_333_3).abs() < 1e-9);
/// assert!((FormulaLtv::new(40.0, 0.95, 0.0)?.paid_at_period_start() - 800.0).abs() < 1e-9);
/// # Ok::<(), cx_retention::RetentionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawLtv"))]
pub struct FormulaLtv {
    margin: f64,
    retention: f64,
    discount: f64,
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawLtv {
    margin: f64,
    retention: f64,
    discount: f64,
}

#[cfg(feature = "serde")]
impl TryFrom<RawLtv> for FormulaLtv {
    type Error = RetentionError;
    fn try_from(r: RawLtv) -> Result<Self, RetentionError> {
        FormulaLtv::new(r.margin, r.retention, r.discount)
    }
}

impl FormulaLtv {
    /// Margin per period (revenue × margin share), retention rate per period, discount rate
    /// per period.
    ///
    /// # Errors
    /// [`RetentionError::InvalidParameter`] unless `margin` is finite and ≥ 0, `retention` is in
    /// `0..=1`, `discount` is finite and ≥ 0, and not both `retention = 1` and `discount = 0`
    /// (an infinite value).
    ///
    /// ```
    /// use cx_retention::FormulaLtv;
    /// assert!(FormulaLtv::new(40.0, 1.0, 0.0).is_err());
    /// assert!(FormulaLtv::new(40.0, 1.0, 0.01).is_ok());
    /// assert!(FormulaLtv::new(f64::NAN, 0.9, 0.01).is_err());
    /// ```
    pub fn new(margin: f64, retention: f64, discount: f64) -> Result<FormulaLtv, RetentionError> {
        if !(margin.is_finite() && margin >= 0.0) {
            return Err(RetentionError::InvalidParameter {
                name: "margin",
                value: margin,
                rule: "finite and ≥ 0",
            });
        }
        if !(0.0..=1.0).contains(&retention) {
            return Err(RetentionError::InvalidParameter {
                name: "retention",
                value: retention,
                rule: "within 0..=1",
            });
        }
        if !(discount.is_finite() && discount >= 0.0) {
            return Err(RetentionError::InvalidParameter {
                name: "discount",
                value: discount,
                rule: "finite and ≥ 0",
            });
        }
        if retention == 1.0 && discount == 0.0 {
            return Err(RetentionError::InvalidParameter {
                name: "retention",
                value: retention,
                rule: "below 1 when the discount rate is 0 (else the value is infinite)",
            });
        }
        let ltv = FormulaLtv {
            margin,
            retention,
            discount,
        };
        // The value at the start of each period is the larger of the two; past f64's range (a
        // retention of 1 with a discount rate near 0) it would be infinite.
        if !ltv.paid_at_period_start().is_finite() {
            return Err(RetentionError::InvalidParameter {
                name: "discount",
                value: discount,
                rule: "large enough (with 1 − retention) that margin × (1 + d)/(1 − r + d) is finite",
            });
        }
        Ok(ltv)
    }

    /// Value with the margin paid at the start of each period: m(1 + d)/(1 + d − r).
    ///
    /// ```
    /// let ltv = cx_retention::FormulaLtv::new(10.0, 0.5, 0.0)?;
    /// assert_eq!(ltv.paid_at_period_start(), 20.0);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn paid_at_period_start(&self) -> f64 {
        self.margin * (1.0 + self.discount) / ((1.0 - self.retention) + self.discount)
    }

    /// Value with the margin paid at the end of each period survived: m·r/(1 + d − r).
    ///
    /// ```
    /// let ltv = cx_retention::FormulaLtv::new(10.0, 0.5, 0.0)?;
    /// assert_eq!(ltv.paid_at_period_end(), 10.0);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    #[must_use]
    pub fn paid_at_period_end(&self) -> f64 {
        self.margin * self.retention / ((1.0 - self.retention) + self.discount)
    }

    /// Expected number of periods paid for (start convention, undiscounted): 1/(1 − r).
    ///
    /// # Errors
    /// [`RetentionError::InvalidParameter`] if `r = 1` (infinite).
    ///
    /// ```
    /// let ltv = cx_retention::FormulaLtv::new(40.0, 0.95, 0.01)?;
    /// assert!((ltv.expected_lifetime_periods()? - 20.0).abs() < 1e-12);
    /// # Ok::<(), cx_retention::RetentionError>(())
    /// ```
    pub fn expected_lifetime_periods(&self) -> Result<f64, RetentionError> {
        if self.retention == 1.0 {
            return Err(RetentionError::InvalidParameter {
                name: "retention",
                value: 1.0,
                rule: "below 1 for a finite expected lifetime",
            });
        }
        Ok(1.0 / (1.0 - self.retention))
    }
}
