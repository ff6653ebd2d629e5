#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod accumulate;
pub mod agreement;
pub mod benchmarks;
pub mod compare;
pub mod confidence;
mod error;
mod incomplete_beta;
pub mod iqs;
pub mod mean;
pub mod metrics;
pub mod names;
pub mod nps;
mod nps_dirichlet;
pub mod nps_interval;
pub mod proportion;
pub mod sample_size;
mod special;
pub mod weighted;

pub use accumulate::{Accumulator, Grouped, NpsTally};
pub use agreement::{Agreement, agreement};
pub use benchmarks::{
    MeanBands, NpsBands, Quartile, QuartilePlacement, RangeBand, ShareQuartiles, SourcedBenchmark,
    best_practice_csat, copc_cdsat, copc_csat,
};
pub use compare::{
    MeanDifference, NpsDifference, NpsTest, ShareDifference, compare_means, compare_nps,
    compare_shares, fisher_exact_p,
};
pub use confidence::{Confidence, MIN_T_DEGREES_OF_FREEDOM};
pub use error::SurveyError;
pub use iqs::{Criterion, CriticalPolicy, Evaluation, QualityTally, Scorecard, Verdict};
pub use mean::{MeanInterval, MeanScore};
pub use metrics::{
    BandShare, Csi, cdsat_bottom_box, ces_mean, ces_share, csat_mean, csat_share, csat_top_box,
};
pub use nps::{Nps, NpsScore};
pub use nps_interval::{NpsInterval, NpsMethod};
pub use proportion::{Proportion, ShareInterval, ShareMethod};
pub use sample_size::{
    AuditRule, SMALL_AUDIT_POPULATION, SampleSize, audit_rule_of_thumb, nps_margin,
    nps_sample_size, share_margin, share_sample_size,
};
pub use weighted::{
    WEIGHT_RANGE, WeightedDifference, WeightedNps, WeightedProportion, check_weight,
};
