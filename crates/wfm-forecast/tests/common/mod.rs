//! Reading the reference tables of `tests/data/` (CSV with `#` comment lines naming the source).

#![allow(dead_code, clippy::unwrap_used)]

use std::collections::HashMap;

/// One table: rows of named text fields.
pub(crate) struct Table {
    pub(crate) name: &'static str,
    pub(crate) rows: Vec<HashMap<String, String>>,
}

pub(crate) fn load(name: &'static str) -> Table {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut lines = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty());
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(str::to_owned)
        .collect();
    let rows = lines
        .map(|l| {
            let fields: Vec<&str> = l.split(',').collect();
            assert_eq!(fields.len(), header.len(), "{name}: {l}");
            header
                .iter()
                .cloned()
                .zip(fields.iter().map(|f| (*f).to_owned()))
                .collect()
        })
        .collect();
    Table { name, rows }
}

pub(crate) fn f(row: &HashMap<String, String>, key: &str) -> f64 {
    row[key]
        .parse()
        .unwrap_or_else(|e| panic!("{key}={:?}: {e}", row[key]))
}

pub(crate) fn opt(row: &HashMap<String, String>, key: &str) -> Option<f64> {
    let v = &row[key];
    if v.is_empty() {
        None
    } else {
        Some(f(row, key))
    }
}

pub(crate) fn u(row: &HashMap<String, String>, key: &str) -> u32 {
    row[key]
        .parse()
        .unwrap_or_else(|e| panic!("{key}={:?}: {e}", row[key]))
}

/// Relative difference, with `reference` as the scale.
pub(crate) fn rel(ours: f64, reference: f64) -> f64 {
    if reference == 0.0 {
        ours.abs()
    } else {
        ((ours - reference) / reference).abs()
    }
}

/// Tracks the worst relative difference of a column, to assert and to print.
#[derive(Default)]
pub(crate) struct Worst {
    pub(crate) rel: f64,
    pub(crate) at: String,
}

impl Worst {
    pub(crate) fn see(&mut self, ours: f64, reference: f64, at: impl FnOnce() -> String) {
        let r = rel(ours, reference);
        assert!(r.is_finite(), "non-finite difference at {}", at());
        if r > self.rel {
            self.rel = r;
            self.at = at();
        }
    }

    pub(crate) fn check(&self, what: &str, tolerance: f64) {
        println!(
            "{what}: worst relative difference {:.3e} at {}",
            self.rel, self.at
        );
        assert!(
            self.rel <= tolerance,
            "{what}: {:.3e} > {tolerance:e} at {}",
            self.rel,
            self.at
        );
    }
}

/// The `value` column of the rows of `table` whose `kind` is `kind`, in order.
pub(crate) fn series(table: &'static str, kind: &str) -> Vec<f64> {
    load(table)
        .rows
        .iter()
        .filter(|r| r["kind"] == kind)
        .map(|r| f(r, "value"))
        .collect()
}
