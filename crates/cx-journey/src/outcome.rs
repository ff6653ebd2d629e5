//! The outcome of a step: succeeded, succeeded with errors, or failed.

use std::fmt;
use std::str::FromStr;

use crate::JourneyError;

/// The success class of one step, as journey maps record it.
///
/// Parsed from text case-insensitively: `succeeded` (also `success`, `ok`), `with_errors` (also
/// `with errors`, `with-errors`, `errors`, `partial`), `failed` (also `failure`, `fail`).
///
/// ```
/// use cx_journey::Outcome;
/// assert_eq!("With errors".parse::<Outcome>()?, Outcome::WithErrors);
/// assert_eq!(Outcome::Failed.to_string(), "failed");
/// assert!("maybe".parse::<Outcome>().is_err());
/// # Ok::<(), cx_journey::JourneyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Outcome {
    /// The customer did what they came to do.
    Succeeded,
    /// The customer got there, with errors or workarounds on the way.
    WithErrors,
    /// The customer did not get there.
    Failed,
}

impl Outcome {
    /// All outcomes, best first.
    ///
    /// ```
    /// assert_eq!(cx_journey::Outcome::ALL.len(), 3);
    /// ```
    pub const ALL: [Outcome; 3] = [Outcome::Succeeded, Outcome::WithErrors, Outcome::Failed];

    /// The position in [`Outcome::ALL`] (0, 1, 2).
    ///
    /// ```
    /// assert_eq!(cx_journey::Outcome::Failed.index(), 2);
    /// ```
    pub fn index(self) -> usize {
        match self {
            Outcome::Succeeded => 0,
            Outcome::WithErrors => 1,
            Outcome::Failed => 2,
        }
    }

    /// The snake-case label (`succeeded`, `with_errors`, `failed`).
    ///
    /// ```
    /// assert_eq!(cx_journey::Outcome::WithErrors.label(), "with_errors");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Succeeded => "succeeded",
            Outcome::WithErrors => "with_errors",
            Outcome::Failed => "failed",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for Outcome {
    type Err = JourneyError;
    fn from_str(text: &str) -> Result<Outcome, JourneyError> {
        let t = text.trim().to_ascii_lowercase();
        match t.as_str() {
            "succeeded" | "success" | "ok" => Ok(Outcome::Succeeded),
            "with_errors" | "with errors" | "with-errors" | "errors" | "partial" => {
                Ok(Outcome::WithErrors)
            }
            "failed" | "failure" | "fail" => Ok(Outcome::Failed),
            _ => Err(JourneyError::OutOfRange {
                name: "outcome",
                value: format!("{:?}", text.chars().take(80).collect::<String>()),
                range: "succeeded, with_errors or failed",
            }),
        }
    }
}
