#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod error;
pub mod funnel;
mod intern;
mod journeys;
mod log;
pub mod map;
mod names;
mod outcome;
pub mod rank;
mod stats;
pub mod survey;

pub use error::JourneyError;
pub use funnel::{Funnel, FunnelStage, MAX_FUNNEL_STAGES};
pub use journeys::{Follows, JourneySummary, Journeys, StepStats, Variant};
pub use log::{
    JourneyLog, MAX_ABS_TIME_MS, MAX_CASES, MAX_CHANNELS, MAX_EVENTS, MAX_PATH_LENGTH, MAX_STEPS,
};
pub use map::{
    ExpectationGap, JourneyMap, MAX_MAP_OBSERVATIONS, MAX_MAP_STEPS, MapScales, MapStepSummary,
    Step, StepObservation,
};
pub use names::{Channel, MAX_NAME_BYTES, MAX_NOTE_BYTES, Note, Persona, StepName, Touchpoint};
pub use outcome::Outcome;
pub use rank::{Ranked, RankingCriterion};
pub use stats::TimeStats;
pub use survey::{GroupScore, JourneyAnswer, MAX_ANSWERS, ScoreReport, StepEffect, SurveyMetric};
