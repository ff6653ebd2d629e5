#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod error;
mod problem;
mod requirements;
mod schedule;
mod solve;
mod template;
mod verify;

pub use error::{Error, Result};
pub use problem::{MAX_VARIABLES, MAX_WEIGHT, Objective, Problem};
pub use requirements::{MAX_AGENTS, MAX_INTERVALS, Requirements, Weekday};
pub use schedule::{BreakSlot, IntervalCoverage, Schedule, ScheduledShift, ServiceLoad, Status};
pub use solve::{MAX_TIME_LIMIT_SECONDS, SolveOptions};
pub use template::{
    BreakRule, MAX_BREAKS_PER_SHIFT, MAX_COST, MAX_SHIFT_MINUTES, MAX_TEMPLATES, ShiftTemplate,
};
pub use verify::Violation;
