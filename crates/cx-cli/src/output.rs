//! The output layer: every subcommand builds a [`Report`] (named facts and tables of typed
//! cells) and this module renders it as a human-readable table, JSON or CSV.
//!
//! Field names are an interface (documented in the README): a report's facts and columns use
//! `snake_case` names whose suffix says the unit — `*_rate` and `share` are fractions in
//! `0..=1`, `percent` is in `0..=100`, `*_minor` is money in minor units (cents). Undefined
//! figures (a rate over zero customers) are `null` in JSON, empty in CSV and `–` in tables.
//!
//! JSON: one object with the facts as fields and each machine table as an array of row
//! objects under its name. CSV: the report's main table only (its first machine table), with
//! a header row. Human: facts as `label: value` lines, then every table aligned in columns.

use std::io::{self, Write};

use clap::ValueEnum;
use serde_json::{Map, Number, Value as Json};

/// The one rendering of a real number in CSV cells and messages: the shortest text that reads
/// back to the same `f64` (`0.1`, not `0.1000000000000000055…`), with an exponent for very
/// small or very large magnitudes (`1e-300`, not three hundred digits).
pub(crate) fn number(x: f64) -> String {
    let a = x.abs();
    if a != 0.0 && a.is_finite() && !(1e-5..1e16).contains(&a) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// A message with every long fixed-point number (more than 20 characters, as Rust's `{}`
/// writes `1e-300`) rewritten by [`number`]: library messages print their values with `{}`.
pub(crate) fn readable_numbers(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let (before, from) = rest.split_at(start);
        out.push_str(before);
        let len = from
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(from.len());
        // A sentence's full stop is not part of the number.
        let token = from[..len].strip_suffix('.').unwrap_or(&from[..len]);
        let after = &from[token.len()..];
        // A number in quotes is the user's text, quoted as written.
        let quoted = out.ends_with('"');
        match token.parse::<f64>() {
            Ok(v) if token.len() > 20 && token.contains('.') && !quoted => {
                out.push_str(&number(v));
            }
            _ => out.push_str(token),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// A fixed-decimals rendering for people, or [`number`] where that would be unreadable.
fn decimals(x: f64, d: usize) -> String {
    if x.abs() >= 1e16 {
        number(x)
    } else {
        format!("{x:.d$}")
    }
}

/// The output format chosen with `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum Format {
    /// Aligned tables for people.
    #[default]
    Table,
    /// One JSON object (facts and tables), for programs.
    Json,
    /// The main table as CSV with a header row, for spreadsheets and pipelines.
    Csv,
}

/// How a column's numbers are shown to people (machines get the raw value).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Text or integers, as they are.
    Plain,
    /// A real number with this many decimals.
    Decimals(usize),
    /// A fraction in `0..=1` shown as a percentage with this many decimals.
    Share(usize),
    /// A percentage (already in `0..=100`) with this many decimals.
    Percent(usize),
}

/// One cell or fact.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    /// Undefined or not applicable.
    Null,
    /// A count or other whole number.
    Int(i64),
    /// A non-negative whole number (counts, money in minor units).
    UInt(u64),
    /// A real number; never NaN or infinite (those become `Null` on construction).
    Float(f64),
    /// Text (labels, dates, exact fractions such as `23/5`).
    Text(String),
    /// Yes or no.
    Bool(bool),
}

impl Value {
    /// A real number, or `Null` when it is not finite.
    pub(crate) fn float(v: f64) -> Value {
        if v.is_finite() {
            Value::Float(v)
        } else {
            Value::Null
        }
    }

    /// A real number if defined.
    pub(crate) fn opt_float<E>(v: Result<f64, E>) -> Value {
        v.map_or(Value::Null, Value::float)
    }

    /// A money amount in minor units (exact when it fits in `u64`).
    pub(crate) fn money(minor: u128) -> Value {
        u64::try_from(minor).map_or(Value::Float(minor as f64), Value::UInt)
    }

    /// Text.
    pub(crate) fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    fn to_json(&self) -> Json {
        match self {
            Value::Null => Json::Null,
            Value::Int(i) => Json::from(*i),
            Value::UInt(u) => Json::from(*u),
            Value::Float(f) => Number::from_f64(*f).map_or(Json::Null, Json::Number),
            Value::Text(s) => Json::from(s.as_str()),
            Value::Bool(b) => Json::from(*b),
        }
    }

    fn to_csv(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Int(i) => i.to_string(),
            Value::UInt(u) => u.to_string(),
            Value::Float(f) => number(*f),
            Value::Text(s) => s.clone(),
            Value::Bool(b) => b.to_string(),
        }
    }

    fn to_human(&self, kind: Kind) -> String {
        match (self, kind) {
            (Value::Null, _) => "–".to_owned(),
            (Value::Float(f), Kind::Decimals(d)) => decimals(*f, d),
            (Value::Float(f), Kind::Share(d)) => format!("{} %", decimals(100.0 * f, d)),
            (Value::Float(f), Kind::Percent(d)) => format!("{} %", decimals(*f, d)),
            (Value::Bool(b), _) => if *b { "yes" } else { "no" }.to_owned(),
            (v, _) => v.to_csv(),
        }
    }

    /// Whether the cell lines up with numbers (blank text, in a triangle's corner, does too).
    fn is_numeric(&self) -> bool {
        match self {
            Value::Int(_) | Value::UInt(_) | Value::Float(_) | Value::Null => true,
            Value::Text(s) => s.is_empty(),
            Value::Bool(_) => false,
        }
    }
}

/// A column: its stable machine name, the heading people see, and how its numbers look.
#[derive(Clone, Debug)]
pub(crate) struct Column {
    name: String,
    heading: String,
    kind: Kind,
    human: bool,
}

/// Where a table appears.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Audience {
    /// In every format.
    Both,
    /// Only in the human-readable output (a pivot of a machine table, say).
    HumanOnly,
    /// Only in JSON and CSV (a long table whose pivot people get instead).
    MachineOnly,
}

/// A table of rows under named columns.
#[derive(Clone, Debug)]
pub(crate) struct Table {
    name: String,
    title: Option<String>,
    columns: Vec<Column>,
    rows: Vec<Vec<Value>>,
    audience: Audience,
}

impl Table {
    /// An empty table with the machine name `name` (the JSON key).
    pub(crate) fn new(name: &str) -> Table {
        Table {
            name: name.to_owned(),
            title: None,
            columns: Vec::new(),
            rows: Vec::new(),
            audience: Audience::Both,
        }
    }

    /// A title printed above the table for people.
    pub(crate) fn titled(mut self, title: impl Into<String>) -> Table {
        self.title = Some(title.into());
        self
    }

    /// Shown to people only.
    pub(crate) fn human_only(mut self) -> Table {
        self.audience = Audience::HumanOnly;
        self
    }

    /// Given to machines only.
    pub(crate) fn machine_only(mut self) -> Table {
        self.audience = Audience::MachineOnly;
        self
    }

    /// Whether machines get this table.
    fn for_machines(&self) -> bool {
        self.audience != Audience::HumanOnly
    }

    /// Adds a column whose heading is its name.
    pub(crate) fn column(self, name: &str, kind: Kind) -> Table {
        self.column_as(name, name, kind)
    }

    /// Adds a column with a heading of its own.
    pub(crate) fn column_as(mut self, name: &str, heading: impl Into<String>, kind: Kind) -> Table {
        self.columns.push(Column {
            name: name.to_owned(),
            heading: heading.into(),
            kind,
            human: true,
        });
        self
    }

    /// Adds a column that only machines get (JSON and CSV): detail too wide for a table.
    pub(crate) fn machine_column(mut self, name: &str, kind: Kind) -> Table {
        self.columns.push(Column {
            name: name.to_owned(),
            heading: name.to_owned(),
            kind,
            human: false,
        });
        self
    }

    /// Adds a row; it must have one value per column.
    pub(crate) fn push(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.columns.len(), "row width of {}", self.name);
        self.rows.push(row);
    }
}

/// A named fact of a report (a fitted parameter, a total, a verdict).
#[derive(Clone, Debug)]
struct Fact {
    key: &'static str,
    label: String,
    value: Value,
    kind: Kind,
    /// Shown to people too (machines always get it).
    human: bool,
}

/// Everything a subcommand has to say.
#[derive(Clone, Debug, Default)]
pub(crate) struct Report {
    /// Text written as it is, in place of everything else, whatever the format (a graph).
    raw: Option<String>,
    facts: Vec<Fact>,
    tables: Vec<Table>,
    notes: Vec<String>,
}

impl Report {
    /// An empty report.
    pub(crate) fn new() -> Report {
        Report::default()
    }

    /// Adds a fact under the machine name `key`, shown to people as `label`.
    pub(crate) fn fact(
        &mut self,
        key: &'static str,
        label: impl Into<String>,
        value: Value,
        kind: Kind,
    ) {
        self.facts.push(Fact {
            key,
            label: label.into(),
            value,
            kind,
            human: true,
        });
    }

    /// Adds a fact that only machines get (JSON), for a stable set of fields where people need
    /// not see a zero.
    pub(crate) fn machine_fact(&mut self, key: &'static str, value: Value) {
        self.facts.push(Fact {
            key,
            label: key.to_owned(),
            value,
            kind: Kind::Plain,
            human: false,
        });
    }

    /// Adds a table; the first table shown to machines is the main table (the CSV output).
    pub(crate) fn table(&mut self, table: Table) {
        self.tables.push(table);
    }

    /// A sentence for people (conventions, caveats); machines do not get it.
    pub(crate) fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    /// The report as a JSON value.
    pub(crate) fn to_json(&self) -> Json {
        let mut obj = Map::new();
        for f in &self.facts {
            obj.insert(f.key.to_owned(), f.value.to_json());
        }
        for t in self.tables.iter().filter(|t| t.for_machines()) {
            let rows = t
                .rows
                .iter()
                .map(|row| {
                    let mut o = Map::new();
                    for (c, v) in t.columns.iter().zip(row) {
                        o.insert(c.name.clone(), v.to_json());
                    }
                    Json::Object(o)
                })
                .collect();
            obj.insert(t.name.clone(), Json::Array(rows));
        }
        Json::Object(obj)
    }

    /// Makes the report this text alone, written as it is in every format (a graph).
    pub(crate) fn raw(&mut self, text: String) {
        self.raw = Some(text);
    }

    /// Writes the report in `format`.
    pub(crate) fn write(&self, format: Format, out: &mut dyn Write) -> io::Result<()> {
        if let Some(text) = &self.raw {
            return out.write_all(text.as_bytes());
        }
        match format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut *out, &self.to_json())?;
                writeln!(out)
            }
            Format::Csv => self.write_csv(out),
            Format::Table => self.write_human(out),
        }
    }

    fn write_csv(&self, out: &mut dyn Write) -> io::Result<()> {
        let Some(t) = self.tables.iter().find(|t| t.for_machines()) else {
            return Ok(());
        };
        let mut w = csv::Writer::from_writer(out);
        w.write_record(t.columns.iter().map(|c| c.name.as_str()))?;
        for row in &t.rows {
            w.write_record(row.iter().map(Value::to_csv))?;
        }
        w.flush()
    }

    fn write_human(&self, out: &mut dyn Write) -> io::Result<()> {
        let facts: Vec<&Fact> = self.facts.iter().filter(|f| f.human).collect();
        let width = facts.iter().map(|f| f.label.chars().count()).max();
        for f in &facts {
            let pad = width.unwrap_or(0) - f.label.chars().count();
            writeln!(
                out,
                "{}:{} {}",
                f.label,
                " ".repeat(pad),
                f.value.to_human(f.kind)
            )?;
        }
        let mut first = facts.is_empty();
        for t in self
            .tables
            .iter()
            .filter(|t| t.audience != Audience::MachineOnly)
        {
            if !first {
                writeln!(out)?;
            }
            first = false;
            if let Some(title) = &t.title {
                writeln!(out, "{title}")?;
            }
            write_aligned(t, out)?;
        }
        if !self.notes.is_empty() {
            writeln!(out)?;
        }
        for n in &self.notes {
            writeln!(out, "{n}")?;
        }
        Ok(())
    }
}

/// One table in aligned columns: numbers to the right, text to the left.
fn write_aligned(t: &Table, out: &mut dyn Write) -> io::Result<()> {
    let shown: Vec<usize> = (0..t.columns.len())
        .filter(|&i| t.columns[i].human)
        .collect();
    let columns: Vec<&Column> = shown.iter().map(|&i| &t.columns[i]).collect();
    let cells: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| {
            shown
                .iter()
                .map(|&i| r[i].to_human(t.columns[i].kind))
                .collect()
        })
        .collect();
    let numeric: Vec<bool> = shown
        .iter()
        .map(|&i| !t.rows.is_empty() && t.rows.iter().all(|r| r[i].is_numeric()))
        .collect();
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .chain([c.heading.chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |texts: &mut dyn Iterator<Item = &str>| -> String {
        let parts: Vec<String> = texts
            .zip(&widths)
            .zip(&numeric)
            .map(|((s, &w), &num)| {
                let pad = " ".repeat(w - s.chars().count());
                if num {
                    format!("{pad}{s}")
                } else {
                    format!("{s}{pad}")
                }
            })
            .collect();
        parts.join("  ").trim_end().to_owned()
    };
    writeln!(
        out,
        "{}",
        line(&mut columns.iter().map(|c| c.heading.as_str()))
    )?;
    for r in &cells {
        writeln!(out, "{}", line(&mut r.iter().map(String::as_str)))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Report {
        let mut r = Report::new();
        r.fact("n", "answers", Value::UInt(3), Kind::Plain);
        let mut t = Table::new("rows")
            .column("point", Kind::Plain)
            .column("share", Kind::Share(1));
        t.push(vec![Value::Int(1), Value::float(0.25)]);
        t.push(vec![Value::Int(2), Value::Null]);
        r.table(t);
        r
    }

    #[test]
    fn json_has_facts_and_rows_by_column_name() {
        let j = sample().to_json();
        assert_eq!(j["n"], 3);
        assert_eq!(j["rows"][0]["share"], 0.25);
        assert!(j["rows"][1]["share"].is_null());
    }

    #[test]
    fn csv_writes_the_main_table_with_empty_cells_for_null() {
        let mut out = Vec::new();
        sample().write(Format::Csv, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "point,share\n1,0.25\n2,\n");
    }

    #[test]
    fn human_output_aligns_numbers_right_and_shows_shares_as_percent() {
        let mut out = Vec::new();
        sample().write(Format::Table, &mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains("answers: 3"), "{s}");
        assert!(s.contains("    1  25.0 %"), "{s}");
        assert!(s.contains("    2       –"), "{s}");
    }

    #[test]
    fn numbers_are_shortest_round_trip_with_an_exponent_at_the_extremes() {
        assert_eq!(number(0.1), "0.1");
        assert_eq!(number(0.3333333), "0.3333333");
        assert_eq!(number(1e-300), "1e-300");
        assert_eq!(number(-2.5e20), "-2.5e20");
        assert_eq!(number(123456.5), "123456.5");
        assert_eq!(number(0.0), "0");
        assert_eq!(Value::Float(1e-300).to_csv(), "1e-300");
        assert_eq!(Value::Float(1e300).to_human(Kind::Decimals(2)), "1e300");
    }

    #[test]
    fn long_numbers_in_messages_are_rewritten_and_others_kept() {
        let tiny = format!("the target occupancy <= {}.", 1e-300);
        assert_eq!(readable_numbers(&tiny), "the target occupancy <= 1e-300.");
        let kept = "up to 10000000 agents; 18446744073709551615 rows; 0.85; v1.2; \"0.1000000000000000000001\"";
        assert_eq!(readable_numbers(kept), kept);
    }

    #[test]
    fn non_finite_floats_become_null() {
        assert_eq!(Value::float(f64::NAN), Value::Null);
    }
}
