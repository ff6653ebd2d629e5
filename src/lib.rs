//! The root package of the cx-metrics workspace: it holds the runnable examples (`examples/`) and
//! the cross-crate benches (`benches/`), and is never published. Its documentation is the
//! workspace README, so that the README's examples are compiled and run as tests.
#![doc = include_str!("../README.md")]
