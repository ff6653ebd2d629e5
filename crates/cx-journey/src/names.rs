//! Validated names: steps, channels, touchpoints, personas, and free-text notes kept as data.

use std::fmt;

use crate::JourneyError;

/// The longest name, in bytes of UTF-8 (steps, channels, touchpoints, personas, case ids).
///
/// ```
/// use cx_journey::{MAX_NAME_BYTES, StepName};
/// assert!(StepName::new("x".repeat(MAX_NAME_BYTES)).is_ok());
/// assert!(StepName::new("x".repeat(MAX_NAME_BYTES + 1)).is_err());
/// ```
pub const MAX_NAME_BYTES: usize = 256;

/// The longest note, in bytes of UTF-8.
///
/// ```
/// use cx_journey::{MAX_NOTE_BYTES, Note};
/// assert!(Note::new("y".repeat(MAX_NOTE_BYTES + 1)).is_err());
/// ```
pub const MAX_NOTE_BYTES: usize = 10_000;

fn cut(text: &str) -> String {
    text.chars().take(80).collect()
}

/// Checks a name: 1..=[`MAX_NAME_BYTES`] bytes, no control characters, not only spaces.
pub(crate) fn check_name(what: &'static str, text: &str) -> Result<(), JourneyError> {
    let rule = if text.trim().is_empty() {
        "it is empty"
    } else if text.len() > MAX_NAME_BYTES {
        "it is longer than 256 bytes"
    } else if text.chars().any(char::is_control) {
        "it contains a control character"
    } else {
        return Ok(());
    };
    Err(JourneyError::InvalidName {
        what,
        value: cut(text),
        rule,
    })
}

macro_rules! name_type {
    ($(#[$doc:meta])* $name:ident, $what:literal, $example:literal) => {
        $(#[$doc])*
        ///
        /// A name has 1 to [`MAX_NAME_BYTES`] bytes, is not blank and holds no control character.
        ///
        /// ```
        #[doc = concat!("use cx_journey::", stringify!($name), ";")]
        #[doc = concat!("let n = ", stringify!($name), "::new(\"", $example, "\")?;")]
        #[doc = concat!("assert_eq!(n.as_str(), \"", $example, "\");")]
        #[doc = concat!("assert!(", stringify!($name), "::new(\"  \").is_err());")]
        /// # Ok::<(), cx_journey::JourneyError>(())
        /// ```
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
        pub struct $name(String);

        impl $name {
            /// The validated name.
            ///
            /// # Errors
            /// [`JourneyError::InvalidName`] when the text is blank, too long or holds a control
            /// character.
            pub fn new(text: impl Into<String>) -> Result<$name, JourneyError> {
                let text = text.into();
                check_name($what, &text)?;
                Ok($name(text))
            }

            /// The name as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = JourneyError;
            fn try_from(text: String) -> Result<$name, JourneyError> {
                $name::new(text)
            }
        }

        impl From<$name> for String {
            fn from(n: $name) -> String {
                n.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

name_type!(
    /// The name of a step (a stage of the journey: "Search", "Checkout").
    StepName, "step", "Checkout"
);
name_type!(
    /// The channel a step happens in ("web", "phone", "store").
    Channel, "channel", "phone"
);
name_type!(
    /// The touchpoint of a step: what the customer touches ("IVR menu", "order form").
    Touchpoint, "touchpoint", "IVR menu"
);
name_type!(
    /// A persona or segment ("first-time buyer").
    Persona, "persona", "first-time buyer"
);

/// A free-text note (a quote, an observation, a recommendation), kept as data.
///
/// Up to [`MAX_NOTE_BYTES`] bytes; line breaks and tabs are allowed, other control characters are
/// not.
///
/// ```
/// use cx_journey::Note;
/// let n = Note::new("Could not find the delivery date.\nCalled instead.")?;
/// assert!(n.as_str().contains('\n'));
/// assert!(Note::new("bell \u{7}").is_err());
/// # Ok::<(), cx_journey::JourneyError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct Note(String);

impl Note {
    /// The validated note.
    ///
    /// # Errors
    /// [`JourneyError::InvalidName`] when the note is longer than [`MAX_NOTE_BYTES`] or holds a
    /// control character other than a line break or a tab.
    pub fn new(text: impl Into<String>) -> Result<Note, JourneyError> {
        let text = text.into();
        let rule = if text.len() > MAX_NOTE_BYTES {
            "it is longer than 10000 bytes"
        } else if text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        {
            "it contains a control character other than a line break or a tab"
        } else {
            return Ok(Note(text));
        };
        Err(JourneyError::InvalidName {
            what: "note",
            value: cut(&text),
            rule,
        })
    }

    /// The note as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Note {
    type Error = JourneyError;
    fn try_from(text: String) -> Result<Note, JourneyError> {
        Note::new(text)
    }
}

impl From<Note> for String {
    fn from(n: Note) -> String {
        n.0
    }
}
