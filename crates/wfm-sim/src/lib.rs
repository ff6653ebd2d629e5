#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod config;
mod dist;
mod engine;
mod error;
mod heap;
mod report;
mod routing;
mod staffing;
mod tally;

pub use config::{
    CallType, Config, Group, MAX_AGENTS, MAX_CALL_TYPES, MAX_EXPECTED_CALLS, MAX_GROUPS,
    MAX_INTERVAL_SECONDS, MAX_INTERVALS, MAX_NAME_BYTES, MAX_VOLUME, Model, Reserve, Skill,
    single_queue,
};
pub use dist::{HandleTime, MAX_DURATION_SECONDS, MAX_EMPIRICAL_VALUES, Patience};
pub use engine::replicate;
pub use error::{Error, Result};
pub use report::{
    BLOCK, Estimate, GroupReport, MAX_REPLICATIONS, MAX_THREADS, Report, RunSettings, TypeMeasures,
    TypeReport, simulate, simulate_with,
};
pub use routing::{Router, SkillRouter, View};
pub use staffing::{MAX_EVALUATIONS, Staffing, staff};
pub use tally::{CellTally, GroupTally, Tally, WaitHistogram};
