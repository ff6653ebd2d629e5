//! Reading CSV input from a file or standard input, one record at a time, with positions for
//! error messages and a progress bar on a terminal.
//!
//! Inputs are read with the `csv` crate: a header row is required and names each column once,
//! cells are trimmed, lines starting with `#` are comments, and every record must have as many
//! fields as the header.
//! Records are handed out one at a time into a reused buffer, so that an input of any size
//! streams into the library's accumulators in one pass.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::time::Duration;

use csv::StringRecord;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::error::CliError;

/// How often (in records) the progress bar is moved.
const PROGRESS_EVERY: u64 = 16_384;

/// The standard streams of one run: standard input, handed to the first input named `-`, and
/// standard error, for warnings.
pub(crate) struct Streams<'a> {
    stdin: RefCell<Option<&'a mut dyn Read>>,
    stderr: RefCell<&'a mut dyn Write>,
}

impl<'a> Streams<'a> {
    /// The streams of a run.
    pub(crate) fn new(stdin: &'a mut dyn Read, stderr: &'a mut dyn Write) -> Streams<'a> {
        Streams {
            stdin: RefCell::new(Some(stdin)),
            stderr: RefCell::new(stderr),
        }
    }

    /// Writes `cx: warning: {message}` as one line on standard error. A warning that cannot be
    /// written is dropped: it must not turn a result into a failure.
    pub(crate) fn warn(&self, message: impl fmt::Display) {
        let mut err = self.stderr.borrow_mut();
        let _ = writeln!(err, "cx: warning: {message}");
    }

    /// Writes `cx: error: {message}` as one line on standard error (best effort, as above).
    pub(crate) fn error(&self, message: impl fmt::Display) {
        let mut err = self.stderr.borrow_mut();
        let _ = writeln!(err, "cx: error: {message}");
    }
}

impl fmt::Debug for Streams<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Streams").finish_non_exhaustive()
    }
}

/// How inputs are read: the options every command shares, and the run's streams.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Reading<'a> {
    /// Whether a progress bar may be drawn on standard error (it is a terminal and `--quiet`
    /// is off).
    pub(crate) progress: bool,
    /// The field delimiter (`,` unless `--delimiter` says otherwise).
    pub(crate) delimiter: u8,
    /// Standard input and standard error.
    pub(crate) streams: &'a Streams<'a>,
}

impl Reading<'_> {
    /// Writes a warning on standard error.
    pub(crate) fn warn(&self, message: impl fmt::Display) {
        self.streams.warn(message);
    }
}

/// An open CSV input with its header.
pub(crate) struct CsvInput<'a> {
    name: String,
    reader: csv::Reader<Box<dyn Read + 'a>>,
    headers: StringRecord,
    progress: Option<ProgressBar>,
    records: u64,
}

impl std::fmt::Debug for CsvInput<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvInput")
            .field("name", &self.name)
            .field("headers", &self.headers)
            .field("records", &self.records)
            .finish_non_exhaustive()
    }
}

impl<'a> CsvInput<'a> {
    /// Opens `path` (`-` for standard input, which only one input of a run can read) and reads
    /// its header row. A progress bar is shown on standard error only when `reading.progress`.
    pub(crate) fn open(path: &str, reading: Reading<'a>) -> Result<CsvInput<'a>, CliError> {
        let (name, raw, len): (String, Box<dyn Read + 'a>, Option<u64>) = if path == "-" {
            let stdin = reading.streams.stdin.borrow_mut().take().ok_or_else(|| {
                CliError::usage(
                    "standard input ('-') can be read by one input only: give the other inputs as files",
                )
            })?;
            ("<stdin>".to_owned(), Box::new(stdin), None)
        } else {
            let file = File::open(path).map_err(|e| CliError::io(path, &e))?;
            let len = file.metadata().ok().map(|m| m.len());
            (path.to_owned(), Box::new(BufReader::new(file)), len)
        };
        let reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .comment(Some(b'#'))
            .flexible(false)
            .delimiter(reading.delimiter)
            .from_reader(raw);
        let mut input = CsvInput {
            name,
            reader,
            headers: StringRecord::new(),
            progress: None,
            records: 0,
        };
        let headers = input.reader.headers().cloned();
        input.headers = headers.map_err(|e| input.csv_error(&e))?;
        if input.headers.is_empty() || input.headers.iter().all(str::is_empty) {
            return Err(CliError::in_input(
                &input.name,
                "expected a header row naming the columns, found an empty input",
            ));
        }
        input.refuse_duplicate_columns()?;
        if reading.progress {
            input.progress = Some(progress_bar(len));
        }
        Ok(input)
    }

    /// Refuses a header row that names a column twice: a column picked by name must be one.
    fn refuse_duplicate_columns(&self) -> Result<(), CliError> {
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(self.headers.len());
        for (i, h) in self.headers.iter().enumerate() {
            if let Some(first) = seen.insert(h, i) {
                return Err(CliError::in_input(
                    &self.name,
                    format!(
                        "column '{h}' appears twice in the header row, as columns {} and {} (expected each name once: rename one)",
                        first + 1,
                        i + 1
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The input's name in messages: the path, or `<stdin>`.
    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// Whether the header has a column `name`.
    pub(crate) fn has_column(&self, name: &str) -> bool {
        self.optional_column(name).is_some()
    }

    /// The index of the column `name`, if present.
    pub(crate) fn optional_column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// The index of the column `name`, or an error listing the columns there are.
    pub(crate) fn column(&self, name: &str) -> Result<usize, CliError> {
        self.optional_column(name).ok_or_else(|| {
            let found: Vec<String> = self.headers.iter().map(|h| format!("'{h}'")).collect();
            CliError::in_input(
                &self.name,
                format!(
                    "missing column '{name}' (expected it in the header row, found {})",
                    found.join(", ")
                ),
            )
        })
    }

    /// Reads the next record into `record`; `false` at the end of the input.
    pub(crate) fn next(&mut self, record: &mut StringRecord) -> Result<bool, CliError> {
        let more = self
            .reader
            .read_record(record)
            .map_err(|e| self.csv_error(&e))?;
        if more {
            self.records += 1;
            if self.records.is_multiple_of(PROGRESS_EVERY)
                && let Some(p) = &self.progress
            {
                p.set_position(self.reader.position().byte());
            }
        }
        Ok(more)
    }

    /// The 1-based line of the last record read.
    pub(crate) fn line(&self, record: &StringRecord) -> u64 {
        record.position().map_or(0, csv::Position::line)
    }

    /// Parses the cell of `column` in `record` with `parse`, naming the place on failure.
    pub(crate) fn parse<T, E: std::fmt::Display>(
        &self,
        record: &StringRecord,
        column: usize,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<T, CliError> {
        let cell = record.get(column).unwrap_or("");
        parse(cell).map_err(|e| self.cell_error(record, column, e))
    }

    /// An error about the cell of `column` in `record`.
    pub(crate) fn cell_error(
        &self,
        record: &StringRecord,
        column: usize,
        message: impl std::fmt::Display,
    ) -> CliError {
        let heading = self.headers.get(column).unwrap_or("?");
        CliError::at(&self.name, self.line(record), heading, message)
    }

    /// The number of records read so far.
    pub(crate) fn records(&self) -> u64 {
        self.records
    }

    /// Removes the progress bar (the input has been read).
    pub(crate) fn finish(&mut self) {
        if let Some(p) = self.progress.take() {
            p.finish_and_clear();
        }
    }

    fn csv_error(&self, e: &csv::Error) -> CliError {
        let line = e.position().map_or(0, csv::Position::line);
        match e.kind() {
            csv::ErrorKind::Io(io) => CliError::io(&self.name, io),
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => CliError::at_line(
                &self.name,
                line,
                format!("expected {expected_len} fields as in the header row, found {len}"),
            ),
            csv::ErrorKind::Utf8 { err, .. } => CliError::at_line(
                &self.name,
                line,
                format!(
                    "expected UTF-8 text, found invalid bytes in field {}",
                    err.field() + 1
                ),
            ),
            _ => CliError::at_line(&self.name, line, e),
        }
    }
}

impl Drop for CsvInput<'_> {
    fn drop(&mut self) {
        self.finish();
    }
}

/// A bar over the file's bytes when its length is known, a spinner otherwise.
fn progress_bar(len: Option<u64>) -> ProgressBar {
    let bar = match len {
        Some(len) => ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr())
            .with_style(
                ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} ({eta} left)")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            ),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
            ProgressStyle::with_template("{spinner} {bytes} read")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}
