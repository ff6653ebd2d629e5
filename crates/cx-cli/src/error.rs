//! The tool's one error type: a message that names what was wrong and where, and an exit
//! status.
//!
//! Every message shows its numbers readable ([`readable_numbers`]). The libraries already
//! write their floats with at most 15 significant digits; this also covers the tool's own
//! messages that quote a library value, and any library message that still prints a long
//! float.
//!
//! Exit statuses: 0 success, 1 bad input data or a figure that cannot be computed from it,
//! 2 a bad command line (clap's own status for usage errors), 3 a file that cannot be read or
//! output that cannot be written.

use std::fmt;

use crate::output::readable_numbers;

/// What kind of failure, which decides the exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Bad input data, or a figure undefined for it.
    Data,
    /// A bad option value.
    Usage,
    /// A file that cannot be opened or read, or output that cannot be written.
    Io,
}

/// An error with its full message.
#[derive(Debug)]
pub(crate) struct CliError {
    kind: Kind,
    message: String,
}

impl CliError {
    /// Bad data at a place in an input: `source` is the file name (or `<stdin>`), `line` the
    /// 1-based line, `column` the column's name.
    pub(crate) fn at(
        source: &str,
        line: u64,
        column: &str,
        message: impl fmt::Display,
    ) -> CliError {
        CliError {
            kind: Kind::Data,
            message: readable_numbers(&format!(
                "{source}, line {line}, column '{column}': {message}"
            )),
        }
    }

    /// Bad data in a record (no single column to blame).
    pub(crate) fn at_line(source: &str, line: u64, message: impl fmt::Display) -> CliError {
        CliError {
            kind: Kind::Data,
            message: readable_numbers(&format!("{source}, line {line}: {message}")),
        }
    }

    /// Bad data in an input as a whole (a missing column, no rows).
    pub(crate) fn in_input(source: &str, message: impl fmt::Display) -> CliError {
        CliError {
            kind: Kind::Data,
            message: readable_numbers(&format!("{source}: {message}")),
        }
    }

    /// A figure that cannot be computed, with what was being computed.
    pub(crate) fn data(message: impl fmt::Display) -> CliError {
        CliError {
            kind: Kind::Data,
            message: readable_numbers(&message.to_string()),
        }
    }

    /// A bad option value.
    pub(crate) fn usage(message: impl fmt::Display) -> CliError {
        CliError {
            kind: Kind::Usage,
            message: readable_numbers(&message.to_string()),
        }
    }

    /// An I/O failure on `source`.
    pub(crate) fn io(source: &str, error: &std::io::Error) -> CliError {
        CliError {
            kind: Kind::Io,
            message: format!("{source}: {error}"),
        }
    }

    /// The exit status for this error.
    pub(crate) fn exit_code(&self) -> u8 {
        match self.kind {
            Kind::Data => 1,
            Kind::Usage => 2,
            Kind::Io => 3,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CliError {}

/// Errors of the library crates become data errors: their messages already name the value and
/// the rule it broke.
impl From<cx_scales::ScaleError> for CliError {
    fn from(e: cx_scales::ScaleError) -> CliError {
        CliError::data(e)
    }
}

impl From<cx_retention::RetentionError> for CliError {
    fn from(e: cx_retention::RetentionError) -> CliError {
        CliError::data(e)
    }
}

impl From<cx_survey::SurveyError> for CliError {
    fn from(e: cx_survey::SurveyError) -> CliError {
        CliError::data(e)
    }
}

impl From<wfm_forecast::Error> for CliError {
    fn from(e: wfm_forecast::Error) -> CliError {
        CliError::data(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_error_names_file_line_and_column() {
        let e = CliError::at("answers.csv", 4, "score", "expected a number, found \"x\"");
        assert_eq!(
            e.to_string(),
            "answers.csv, line 4, column 'score': expected a number, found \"x\""
        );
        assert_eq!(e.exit_code(), 1);
    }

    #[test]
    fn usage_and_io_errors_have_their_own_statuses() {
        assert_eq!(CliError::usage("bad").exit_code(), 2);
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        assert_eq!(CliError::io("f.csv", &io).exit_code(), 3);
    }
}
