//! Checks shared by the library fuzz targets (`scales_types`, `survey_types`, `retention_types`,
//! `forecast_types`).
//!
//! Every target reads its input the same way: the first byte picks the type (or the parser) and
//! the rest is the text to read, a JSON document for `Deserialize` and plain text for `FromStr`
//! and `parse`. A value that is accepted must then keep its promises: written again it reads back
//! as itself, its getters satisfy its documented invariants, and its main methods return finite
//! numbers or typed errors with a message.

#![allow(dead_code)]

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt::{Debug, Display};

/// Splits the input into the selector byte and the rest, as UTF-8.
pub fn split(data: &[u8]) -> Option<(u8, &str)> {
    let (&first, rest) = data.split_first()?;
    Some((first, std::str::from_utf8(rest).ok()?))
}

/// The value read from `text`, or `None` when it is refused. A refusal must carry a message.
pub fn json<T: DeserializeOwned>(text: &str) -> Option<T> {
    match serde_json::from_str::<T>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            assert!(!e.to_string().is_empty(), "an error without a message");
            None
        }
    }
}

/// Writes `v` as JSON and reads it back: the copy must equal the original, and writing the copy
/// must give the same document (compared as JSON values: hash maps write in any order).
pub fn reread<T: Serialize + DeserializeOwned + PartialEq + Debug>(v: &T) -> T {
    let text = serde_json::to_string(v).unwrap_or_else(|e| panic!("cannot write {v:?}: {e}"));
    let back: T = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("cannot read back {v:?} from {text}: {e}"));
    assert_eq!(&back, v, "read back differently from {text}");
    let first: serde_json::Value = serde_json::from_str(&text).expect("our own JSON");
    // Through text, not `to_value`: a `Value` holds no integer above u64::MAX (money sums are
    // u128 minor units), while JSON text does.
    let again_text =
        serde_json::to_string(&back).unwrap_or_else(|e| panic!("cannot write {back:?}: {e}"));
    let again: serde_json::Value = serde_json::from_str(&again_text).expect("our own JSON");
    assert_eq!(again, first, "written differently the second time");
    back
}

/// An `Ok` number must be finite; an error must have a message.
pub fn finite<E: Display + Debug>(what: &str, r: Result<f64, E>) -> Option<f64> {
    match r {
        Ok(x) => {
            assert!(x.is_finite(), "{what} = {x}");
            Some(x)
        }
        Err(e) => {
            message(&e);
            None
        }
    }
}

/// An `Ok` number must lie in `lo..=hi` (and so be finite).
pub fn within<E: Display + Debug>(what: &str, r: Result<f64, E>, lo: f64, hi: f64) -> Option<f64> {
    let x = finite(what, r)?;
    assert!(lo <= x && x <= hi, "{what} = {x} outside {lo}..={hi}");
    Some(x)
}

/// A typed error must say something.
pub fn message<E: Display>(e: &E) {
    assert!(
        !e.to_string().trim().is_empty(),
        "an error without a message"
    );
}

/// `Ok(v)` or the error's message checked.
pub fn ok<T, E: Display>(r: Result<T, E>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(e) => {
            message(&e);
            None
        }
    }
}

/// Reads `[a, b, …]` of accumulators; each is checked by `check` and then merged into the
/// first with `merge`. A failed merge must leave the target unchanged.
pub fn merge_all<T, E>(text: &str, check: impl Fn(&T), merge: impl Fn(&mut T, &T) -> Result<(), E>)
where
    T: Serialize + DeserializeOwned + PartialEq + Debug + Clone,
    E: Display,
{
    let Some(values) = json::<Vec<T>>(text) else {
        return;
    };
    for v in &values {
        reread(v);
        check(v);
    }
    let mut iter = values.iter();
    let Some(first) = iter.next() else {
        return;
    };
    let mut acc = first.clone();
    for v in iter {
        let before = acc.clone();
        match merge(&mut acc, v) {
            Ok(()) => {
                reread(&acc);
                check(&acc);
            }
            Err(e) => {
                message(&e);
                assert_eq!(acc, before, "a failed merge changed the target");
            }
        }
    }
}
