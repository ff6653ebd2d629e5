//! Forecasting: contact volumes for the slots after a history. The calendar of open and
//! closed slots, the volume models (seasonal naive, Holt–Winters, the intraday day-profile
//! model), their prediction intervals and how those are scored, and rolling-origin
//! backtests.

pub(crate) mod backtest;
pub(crate) mod forecast;
pub(crate) mod holt_winters;
pub(crate) mod interval;
pub(crate) mod intraday;
pub(crate) mod seasonal_naive;
