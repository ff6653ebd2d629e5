#![doc = include_str!("../README.md")]

mod concurrency;
mod erlang_a;
mod erlang_b;
mod erlang_c;
mod error;
mod plan;
mod shrinkage;
mod targets;
mod units;

pub use concurrency::{ChatConcurrency, ChatStaffing};
pub use erlang_a::{ErlangA, ErlangAMetrics, ErlangAStaffing, ServiceLevels};
pub use erlang_b::{ErlangB, SEARCH_LIMIT};
pub use erlang_c::{ErlangC, ErlangCMetrics, ErlangCStaffing};
pub use error::{Error, Result};
pub use plan::{Achieved, IntervalStaffing, Model, PlanSettings, StaffingPlan, Totals};
pub use shrinkage::Shrinkage;
pub use targets::{
    AsaTarget, MaxOccupancy, MaxProbability, ServiceLevelDefinition, ServiceTarget, Targets,
};
pub use units::{IntervalLength, TimeSpan, Volume};
