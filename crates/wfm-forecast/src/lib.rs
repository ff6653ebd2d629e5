#![doc = include_str!("../README.md")]

mod actuals;
mod error;
mod forecasting;
mod staffing;
mod units;

pub use actuals::accumulator::ActualsAccumulator;
pub use actuals::accuracy::{AccuracyAccumulator, AccuracyReport, MAX_VALUE};
pub use actuals::deadlines::{Compliance, DeadlineCompliance, Deadlines};
pub use actuals::records::{ActualCounts, ContactRecord, Outcome};
pub use actuals::scale::TrainingScale;
pub use actuals::seed::{PercentErrorBase, SeedMeasures};
pub use error::{Error, Result};
pub use forecasting::backtest::{Backtest, Fold, RollingOrigin};
pub use forecasting::forecast::{
    Calendar, Forecast, Level, MAX_HORIZON, MAX_SEASON, PredictionInterval, VolumeModel,
};
pub use forecasting::holt_winters::{
    HoltWinters, HoltWintersFit, HoltWintersParameters, Seasonality,
};
pub use forecasting::interval::{CoverageTest, IntervalAccumulator, IntervalReport};
pub use forecasting::intraday::{DayProfile, MAX_SLOTS_PER_DAY};
pub use forecasting::seasonal_naive::SeasonalNaive;
pub use staffing::blend::{Blend, BlendMetrics, BlendStaffing};
pub use staffing::concurrency::{ChatConcurrency, ChatStaffing};
pub use staffing::erlang_a::{ErlangA, ErlangAMetrics, ErlangAStaffing, ServiceLevels};
pub use staffing::erlang_b::{ErlangB, SEARCH_LIMIT};
pub use staffing::erlang_c::{ErlangC, ErlangCMetrics, ErlangCStaffing};
pub use staffing::erlang_x::{
    CallerOutcomes, ErlangX, ErlangXMetrics, ErlangXServiceLevels, ErlangXSolution,
    ErlangXStaffing, Lines, Method as ErlangXMethod, Outcomes, Redials,
};
pub use staffing::fractional::FractionalStaffing;
pub use staffing::plan::{Achieved, IntervalStaffing, Model, PlanSettings, StaffingPlan, Totals};
pub use staffing::shrinkage::Shrinkage;
pub use staffing::targets::{
    AsaTarget, MaxOccupancy, MaxProbability, ServiceLevelDefinition, ServiceTarget, Targets,
};
pub use units::{IntervalLength, TimeSpan, Volume};
