#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod activity;
pub mod cohort;
pub mod counts;
pub mod error;
pub mod km;
pub mod ltv;
pub mod money;
pub mod period;
pub mod revenue;
pub mod sbg;
mod sbg_fit;
mod sbg_math;
mod sbg_projection;
pub mod subscriptions;
mod tally;
pub mod window;

/// The date crate of this crate's public API, re-exported so that callers use the same version.
pub use jiff;

pub use activity::{ActivityAccumulator, ActivityEvent, LapseRule};
pub use cohort::CohortTable;
pub use counts::PeriodCounts;
pub use error::{DisplayEnd, RetentionError};
pub use km::{KaplanMeier, KmRow, MedianLifetime, TenureObservation};
pub use ltv::FormulaLtv;
pub use money::Money;
pub use period::{FiscalStart, Period, PeriodUnit};
pub use revenue::RevenueMovements;
pub use sbg::{SbgFit, SbgModel, SbgPeriod, SbgProjection, SbgStandardErrors};
pub use subscriptions::{Subscription, SubscriptionAccumulator};
pub use window::{DateRange, MAX_WINDOW_PERIODS, PeriodWindow};
