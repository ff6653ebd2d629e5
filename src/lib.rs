//! Examples and benches of the cx-metrics workspace live in `examples/` and `benches/`.
