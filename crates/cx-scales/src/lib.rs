#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod band;
mod benchmark;
mod convert;
mod count;
mod distribution;
mod error;
mod fraction;
mod frequencies;
mod labels;
mod scale;
mod score;
mod share;
mod table;

pub use band::{Band, Partition, Span};
pub use benchmark::{BandBenchmark, BenchmarkResult, Goal};
pub use convert::{Conversion, MappedBand, Method, ThresholdPolicy};
pub use count::Answer;
pub use distribution::Distribution;
pub use error::ScaleError;
pub use fraction::Fraction;
pub use frequencies::Frequencies;
pub use labels::LabeledScale;
pub use scale::{FixedScale, OneToFive, OneToSeven, OneToTen, Scale, Smileys, ZeroToTen};
pub use score::{Score, TypedScore};
pub use share::Share;
pub use table::PercentTable;
