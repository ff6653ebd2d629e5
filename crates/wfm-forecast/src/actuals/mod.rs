//! Actuals: what happened. Contact records and the counts built from them per interval and
//! day, deadline compliance for deferred work, and the accuracy of a forecast against the
//! actuals (MAE to RMSSE, the scale of MASE and RMSSE, and Oleg Zeldin's six measures).

pub(crate) mod accumulator;
pub(crate) mod accuracy;
pub(crate) mod deadlines;
pub(crate) mod records;
pub(crate) mod scale;
pub(crate) mod seed;
