#![doc = include_str!("../README.md")]

mod accuracy;
mod actuals;
mod backtest;
mod concurrency;
mod deadlines;
mod erlang_a;
mod erlang_b;
mod erlang_c;
mod error;
mod forecast;
mod fractional;
mod holt_winters;
mod interval;
mod intraday;
mod log_concave;
mod plan;
mod records;
mod scale;
mod seasonal_naive;
mod seed;
mod shrinkage;
mod targets;
mod units;

pub use accuracy::{AccuracyAccumulator, AccuracyReport, MAX_VALUE};
pub use actuals::ActualsAccumulator;
pub use backtest::{Backtest, Fold, RollingOrigin};
pub use concurrency::{ChatConcurrency, ChatStaffing};
pub use deadlines::{Compliance, DeadlineCompliance, Deadlines};
pub use erlang_a::{ErlangA, ErlangAMetrics, ErlangAStaffing, ServiceLevels};
pub use erlang_b::{ErlangB, SEARCH_LIMIT};
pub use erlang_c::{ErlangC, ErlangCMetrics, ErlangCStaffing};
pub use error::{Error, Result};
pub use forecast::{
    Calendar, Forecast, Level, MAX_HORIZON, MAX_SEASON, PredictionInterval, VolumeModel,
};
pub use fractional::FractionalStaffing;
pub use holt_winters::{HoltWinters, HoltWintersFit, HoltWintersParameters, Seasonality};
pub use interval::{CoverageTest, IntervalAccumulator, IntervalReport};
pub use intraday::{DayProfile, MAX_SLOTS_PER_DAY};
pub use plan::{Achieved, IntervalStaffing, Model, PlanSettings, StaffingPlan, Totals};
pub use records::{ActualCounts, ContactRecord, Outcome};
pub use scale::TrainingScale;
pub use seasonal_naive::SeasonalNaive;
pub use seed::{PercentErrorBase, SeedMeasures};
pub use shrinkage::Shrinkage;
pub use targets::{
    AsaTarget, MaxOccupancy, MaxProbability, ServiceLevelDefinition, ServiceTarget, Targets,
};
pub use units::{IntervalLength, TimeSpan, Volume};
