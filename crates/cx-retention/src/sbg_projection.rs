//! One pass over the periods of an sBG projection (see [`crate::sbg`] for the model).

use core::iter::FusedIterator;

use crate::SbgModel;
use crate::sbg_math::{CompensatedSum, ln_share, share};

/// One period of an sBG projection, from [`SbgModel::projection`].
///
/// ```
/// let m = cx_retention::SbgModel::new(1.0, 3.0)?;
/// let p = m.projection(1)?.last().ok_or(cx_retention::RetentionError::Empty {
///     what: "projection",
///     item: "period",
/// })?;
/// assert_eq!((p.period, p.survival), (1, 0.75));
/// assert_eq!((p.retention_rate, p.churn_probability), (Some(0.75), Some(0.25)));
/// # Ok::<(), cx_retention::RetentionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SbgPeriod {
    /// The period `t` (0 = acquisition).
    pub period: u32,
    /// S(t), the share of the cohort still active after `t` periods (1 at `t = 0`).
    pub survival: f64,
    /// r(t) = S(t)/S(t − 1), the retention rate of period `t`; `None` at `t = 0`.
    pub retention_rate: Option<f64>,
    /// P(T = t) = S(t − 1) − S(t), the share of the cohort churning at period `t`, computed
    /// without that subtraction; `None` at `t = 0`.
    pub churn_probability: Option<f64>,
}

/// The periods 0, 1, …, horizon of an sBG projection, computed one by one as the iterator
/// advances (O(1) work and no allocation per period). Made by [`SbgModel::projection`].
///
/// ```
/// let m = cx_retention::SbgModel::new(0.704, 1.182)?;
/// let p = m.projection(12)?;
/// assert_eq!(p.len(), 13);
/// let survival: Vec<f64> = p.map(|row| row.survival).collect();
/// assert!(survival.windows(2).all(|w| w[1] <= w[0]));
/// # Ok::<(), cx_retention::RetentionError>(())
/// ```
#[derive(Debug, Clone)]
pub struct SbgProjection {
    model: SbgModel,
    /// The next period to yield; above `horizon` when done.
    next: u64,
    horizon: u64,
    /// ln S(next − 1).
    ln_survival: CompensatedSum,
    /// S(next − 1), to keep the curve non-increasing to the last bit.
    survival: f64,
}

impl SbgProjection {
    pub(crate) fn new(model: SbgModel, horizon: u32) -> SbgProjection {
        SbgProjection {
            model,
            next: 0,
            horizon: u64::from(horizon),
            ln_survival: CompensatedSum::default(),
            survival: 1.0,
        }
    }
}

impl Iterator for SbgProjection {
    type Item = SbgPeriod;

    fn next(&mut self) -> Option<SbgPeriod> {
        let t = self.next;
        if t > self.horizon {
            return None;
        }
        self.next += 1;
        let period = u32::try_from(t).ok()?;
        if t == 0 {
            return Some(SbgPeriod {
                period,
                survival: 1.0,
                retention_rate: None,
                churn_probability: None,
            });
        }
        let (alpha, b) = (self.model.alpha(), self.model.beta_at(t));
        // P(T = t) = S(t − 1)·c(t): within 1.5 ulp of S(t − 1)'s own precision.
        let churn = self.survival * share(alpha, b);
        self.ln_survival.add(ln_share(b, alpha));
        // exp of a non-increasing sum; `min` only absorbs a last-bit wobble of the rounding.
        self.survival = self.ln_survival.value().exp().min(self.survival);
        Some(SbgPeriod {
            period,
            survival: self.survival,
            retention_rate: Some(share(b, alpha)),
            churn_probability: Some(churn),
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = usize::try_from((self.horizon + 1).saturating_sub(self.next)).ok();
        (left.unwrap_or(usize::MAX), left)
    }
}

impl ExactSizeIterator for SbgProjection {}

impl FusedIterator for SbgProjection {}
