//! String names of the method and policy enums: `FromStr`, `Display` and the list of names,
//! so that a command line, a configuration file or a report can name a method.
//!
//! Every enum here has a canonical kebab-case name (`adjusted-wald`, `clopper-pearson`) that
//! `Display` writes and `FromStr` reads back, and a label for people (`adjusted Wald`,
//! `Clopper-Pearson`) that the alternate form `{:#}` writes. Parsing ignores case and
//! surrounding blanks and treats `_`, spaces and dashes alike, so the serde names
//! (`adjusted_wald`) and the labels parse too. An unknown name is a
//! [`SurveyError::UnknownName`] that lists the valid ones.
//!
//! ```
//! use cx_survey::{NpsMethod, ShareMethod};
//! let m: NpsMethod = "jeffreys-dirichlet".parse()?;
//! assert_eq!(m, NpsMethod::JeffreysDirichlet);
//! assert_eq!(m.to_string(), "jeffreys-dirichlet");
//! assert_eq!(format!("{m:#}"), "Jeffreys-Dirichlet");
//! assert_eq!("Clopper_Pearson".parse::<ShareMethod>()?, ShareMethod::ClopperPearson);
//! let err = "wilson".parse::<NpsMethod>().unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "unknown NPS interval method \"wilson\" (expected one of: adjusted-wald, score, jeffreys-dirichlet, uniform-dirichlet, wald)"
//! );
//! # Ok::<(), cx_survey::SurveyError>(())
//! ```

use crate::SurveyError;
use crate::{CriticalPolicy, NpsMethod, NpsTest, ShareMethod};

/// `text` in canonical form: trimmed, lower case, `_`, spaces and dashes as `-`.
fn normalise(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '_' | ' ' | '\u{2010}'..='\u{2015}' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The variant of `all` whose name is `text` (see the module docs), or the typed error.
pub(crate) fn parse<T: Copy>(
    text: &str,
    all: &[T],
    names: &'static [&'static str],
    what: &'static str,
) -> Result<T, SurveyError> {
    let wanted = normalise(text);
    all.iter()
        .zip(names)
        .find(|(_, name)| **name == wanted)
        .map(|(v, _)| *v)
        .ok_or_else(|| SurveyError::UnknownName {
            what,
            found: text.to_owned(),
            expected: names,
        })
}

/// Implements `ALL`, `NAMES`, `name`, `label`, `FromStr` and `Display` for a fieldless enum.
macro_rules! named_enum {
    (
        $ty:ident, $what:literal, example: $ex:ident,
        [$($variant:ident => $name:literal, $label:literal;)+]
    ) => {
        impl $ty {
            /// Every variant, in declaration order (the default first).
            ///
            /// ```
            #[doc = concat!("use cx_survey::", stringify!($ty), ";")]
            #[doc = concat!("assert!(", stringify!($ty), "::ALL.contains(&", stringify!($ty), "::", stringify!($ex), "));")]
            #[doc = concat!("assert_eq!(", stringify!($ty), "::ALL.len(), ", stringify!($ty), "::NAMES.len());")]
            /// ```
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The canonical name of every variant, in the order of `ALL`.
            ///
            /// ```
            #[doc = concat!("use cx_survey::", stringify!($ty), ";")]
            #[doc = concat!("assert!(", stringify!($ty), "::NAMES.contains(&", stringify!($ty), "::", stringify!($ex), ".name()));")]
            /// ```
            pub const NAMES: &'static [&'static str] = &[$($name),+];

            /// The canonical kebab-case name, which `Display` writes and `FromStr` reads.
            ///
            /// ```
            #[doc = concat!("use cx_survey::", stringify!($ty), ";")]
            #[doc = concat!("let m = ", stringify!($ty), "::", stringify!($ex), ";")]
            #[doc = concat!("assert_eq!(m.name().parse::<", stringify!($ty), ">()?, m);")]
            /// assert_eq!(m.to_string(), m.name());
            /// # Ok::<(), cx_survey::SurveyError>(())
            /// ```
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self {
                    $($ty::$variant => $name),+
                }
            }

            /// The name for people (`{:#}` writes it); `FromStr` accepts it too.
            ///
            /// ```
            #[doc = concat!("use cx_survey::", stringify!($ty), ";")]
            #[doc = concat!("let m = ", stringify!($ty), "::", stringify!($ex), ";")]
            /// assert_eq!(format!("{m:#}"), m.label());
            #[doc = concat!("assert_eq!(m.label().parse::<", stringify!($ty), ">()?, m);")]
            /// # Ok::<(), cx_survey::SurveyError>(())
            /// ```
            #[must_use]
            pub const fn label(self) -> &'static str {
                match self {
                    $($ty::$variant => $label),+
                }
            }
        }

        /// Reads a canonical name, ignoring case, blanks around it, and the difference between
        /// `-`, `_` and spaces.
        ///
        /// ```
        #[doc = concat!("use cx_survey::", stringify!($ty), ";")]
        #[doc = concat!("let m = ", stringify!($ty), "::", stringify!($ex), ";")]
        /// assert_eq!(m.name().to_uppercase().replace('-', "_").parse(), Ok(m));
        #[doc = concat!("assert!(\"no such name\".parse::<", stringify!($ty), ">().is_err());")]
        /// ```
        impl std::str::FromStr for $ty {
            type Err = $crate::SurveyError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                $crate::names::parse(text, Self::ALL, Self::NAMES, $what)
            }
        }

        /// The canonical name; with `{:#}`, the label for people.
        ///
        /// ```
        #[doc = concat!("use cx_survey::", stringify!($ty), ";")]
        #[doc = concat!("let m = ", stringify!($ty), "::", stringify!($ex), ";")]
        /// assert_eq!(format!("{m}"), m.name());
        /// assert_eq!(format!("{m:#}"), m.label());
        /// ```
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(if f.alternate() { self.label() } else { self.name() })
            }
        }
    };
}

named_enum!(NpsMethod, "NPS interval method", example: JeffreysDirichlet, [
    AdjustedWald => "adjusted-wald", "adjusted Wald";
    Score => "score", "score";
    JeffreysDirichlet => "jeffreys-dirichlet", "Jeffreys-Dirichlet";
    UniformDirichlet => "uniform-dirichlet", "uniform-Dirichlet";
    Wald => "wald", "Wald";
]);

named_enum!(ShareMethod, "share interval method", example: ClopperPearson, [
    Wilson => "wilson", "Wilson";
    AgrestiCoull => "agresti-coull", "Agresti-Coull";
    ClopperPearson => "clopper-pearson", "Clopper-Pearson";
    Jeffreys => "jeffreys", "Jeffreys";
    Wald => "wald", "Wald";
]);

named_enum!(NpsTest, "NPS test", example: Wald, [
    AdjustedWald => "adjusted-wald", "adjusted Wald";
    Wald => "wald", "Wald";
]);

named_enum!(CriticalPolicy, "critical-criterion policy", example: FlagOnly, [
    ZeroScore => "zero-score", "zero score";
    FlagOnly => "flag-only", "flag only";
]);

#[cfg(test)]
mod tests {
    use super::*;

    /// Display → FromStr and label → FromStr round trips over every variant, and the lists.
    fn round_trips<T>(all: &[T], names: &[&str])
    where
        T: Copy + PartialEq + std::fmt::Debug + std::fmt::Display + std::str::FromStr,
        <T as std::str::FromStr>::Err: std::fmt::Debug,
    {
        assert_eq!(all.len(), names.len());
        for (v, name) in all.iter().zip(names) {
            assert_eq!(v.to_string(), *name);
            assert_eq!(v.to_string().parse::<T>().unwrap(), *v);
            assert_eq!(format!("{v:#}").parse::<T>().unwrap(), *v);
            assert_eq!(name.replace('-', "_").parse::<T>().unwrap(), *v);
            assert_eq!(
                format!("  {}  ", name.to_uppercase()).parse::<T>().unwrap(),
                *v
            );
        }
        let mut sorted = names.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len(), "names must be distinct");
    }

    #[test]
    fn every_variant_round_trips() {
        round_trips(NpsMethod::ALL, NpsMethod::NAMES);
        round_trips(ShareMethod::ALL, ShareMethod::NAMES);
        round_trips(NpsTest::ALL, NpsTest::NAMES);
        round_trips(CriticalPolicy::ALL, CriticalPolicy::NAMES);
        assert_eq!(NpsMethod::ALL.len(), 5);
        assert_eq!(ShareMethod::ALL.len(), 5);
        assert_eq!(NpsMethod::ALL[0], NpsMethod::default());
        assert_eq!(ShareMethod::ALL[0], ShareMethod::default());
        assert_eq!(NpsTest::ALL[0], NpsTest::default());
        assert_eq!(CriticalPolicy::ALL[0], CriticalPolicy::default());
    }

    #[test]
    fn labels_and_dashes_are_accepted() {
        assert_eq!("Agresti–Coull".parse(), Ok(ShareMethod::AgrestiCoull));
        assert_eq!("adjusted Wald".parse(), Ok(NpsMethod::AdjustedWald));
        assert_eq!("adjusted_wald".parse(), Ok(NpsTest::AdjustedWald));
        assert_eq!("Flag only".parse(), Ok(CriticalPolicy::FlagOnly));
        assert_eq!(format!("{:>8}|", NpsTest::Wald), "    wald|");
    }

    #[test]
    fn unknown_names_are_typed_errors_listing_the_valid_ones() {
        let err = "wilson".parse::<NpsMethod>().unwrap_err();
        assert_eq!(
            err,
            SurveyError::UnknownName {
                what: "NPS interval method",
                found: "wilson".to_owned(),
                expected: NpsMethod::NAMES,
            }
        );
        let msg = "".parse::<ShareMethod>().unwrap_err().to_string();
        assert_eq!(
            msg,
            "unknown share interval method \"\" (expected one of: wilson, agresti-coull, clopper-pearson, jeffreys, wald)"
        );
        assert!("adjusted-wald-x".parse::<NpsTest>().is_err());
        assert!("zero".parse::<CriticalPolicy>().is_err());
    }
}
