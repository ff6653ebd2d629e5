//! Staffing: how many agents a queue needs. Erlang B (blocked calls cleared), Erlang C
//! (callers wait) and Erlang A (callers wait and may hang up), with the targets they are
//! staffed to (service level, ASA, occupancy, abandonment), fractional staffing, shrinkage,
//! chat concurrency, call blending (inbound and outbound work shared by one team) and staffing
//! plans over a day or week of intervals.

pub(crate) mod blend;
pub(crate) mod concurrency;
pub(crate) mod erlang_a;
pub(crate) mod erlang_b;
pub(crate) mod erlang_c;
pub(crate) mod erlang_x;
pub(crate) mod fractional;
pub(crate) mod log_concave;
pub(crate) mod plan;
pub(crate) mod shrinkage;
pub(crate) mod targets;
