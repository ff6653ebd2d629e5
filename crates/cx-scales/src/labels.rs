//! Scales with a label for each point (agreement wording, smiley faces).

use std::fmt;

use crate::{Scale, ScaleError, Score};

/// A scale with one label per point, such as the 7-point agreement scale of the CES question or
/// the three smileys recorded as 1, 3 and 5.
///
/// Labels are matched without regard to case or surrounding whitespace, and must be unique in that
/// sense. A label may be a number only if it is its own point's number, so that a text answer
/// reads the same as a label and as a number.
///
/// ```
/// use cx_scales::{LabeledScale, Scale};
///
/// let ces = LabeledScale::ces_agreement();
/// assert_eq!(ces.scale(), Scale::ONE_TO_SEVEN);
/// assert_eq!(ces.score_of("strongly agree")?.value(), 7);
/// assert_eq!(ces.parse("5")?.value(), 5); // numbers are read too
///
/// let faces = LabeledScale::smileys();
/// assert_eq!(faces.score_of("Neutral")?.value(), 3);
/// assert_eq!(faces.label_of(faces.score_of("positive")?)?, "Positive");
/// # Ok::<(), cx_scales::ScaleError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct LabeledScale {
    scale: Scale,
    labels: Vec<String>,
}

impl LabeledScale {
    /// The longest label accepted, in bytes of UTF-8 (a sentence of answer wording fits
    /// easily); with at most [`Scale::MAX_POINTS`] labels this bounds a labelled scale at
    /// about 1 MB and its construction to a few milliseconds.
    ///
    /// ```
    /// use cx_scales::{LabeledScale, Scale, ScaleError};
    /// let long = "x".repeat(LabeledScale::MAX_LABEL_BYTES + 1);
    /// let err = LabeledScale::new(Scale::new(0, 1)?, ["No", long.as_str()]).unwrap_err();
    /// assert!(matches!(err, ScaleError::LabelTooLong { .. }));
    /// # Ok::<(), ScaleError>(())
    /// ```
    pub const MAX_LABEL_BYTES: usize = 1024;

    /// `scale` with `labels`, one per point, lowest point first. Reads at most one label more
    /// than the scale has points (so `found` in the count error is capped there).
    ///
    /// # Errors
    /// [`ScaleError::LabelCount`] when the number of labels differs from the number of points;
    /// [`ScaleError::LabelTooLong`] for a label above [`LabeledScale::MAX_LABEL_BYTES`];
    /// [`ScaleError::BadLabel`] for an empty or repeated label; [`ScaleError::NumericLabel`] for
    /// a label that reads (as [`Score::parse`] reads numbers) as another point of the scale.
    ///
    /// ```
    /// use cx_scales::{LabeledScale, Scale, ScaleError};
    /// let yes_no = LabeledScale::new(Scale::new(0, 1)?, ["No", "Yes"])?;
    /// assert_eq!(yes_no.score_of("yes")?.value(), 1);
    /// assert!(LabeledScale::new(Scale::new(0, 1)?, ["No", "no"]).is_err());
    ///
    /// // "3" on point 1 would make the answer "3" mean 1; its own number is fine.
    /// let err = LabeledScale::new(Scale::new(1, 3)?, ["3", "2", "1"]).unwrap_err();
    /// assert_eq!(err, ScaleError::NumericLabel { label: "3".into(), point: 1, reads_as: 3 });
    /// assert!(LabeledScale::new(Scale::new(1, 3)?, ["1 (low)", "2", "3"]).is_ok());
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn new<I, L>(scale: Scale, labels: I) -> Result<LabeledScale, ScaleError>
    where
        I: IntoIterator<Item = L>,
        L: Into<String>,
    {
        // At most one label more than the scale has points is read: an endless iterator is a
        // count error, not a hang.
        let labels: Vec<String> = labels
            .into_iter()
            .take(scale.point_count() + 1)
            .map(Into::into)
            .collect();
        if labels.len() != scale.point_count() {
            return Err(ScaleError::LabelCount {
                scale,
                expected: scale.point_count(),
                found: labels.len(),
            });
        }
        if let Some(long) = labels
            .iter()
            .find(|l| l.len() > LabeledScale::MAX_LABEL_BYTES)
        {
            return Err(ScaleError::LabelTooLong {
                bytes: long.len(),
                max: LabeledScale::MAX_LABEL_BYTES,
            });
        }
        let mut seen = std::collections::HashSet::with_capacity(labels.len());
        for (label, point) in labels.iter().zip(scale.points()) {
            let key = normalise(label);
            if key.is_empty() || !seen.insert(key) {
                return Err(ScaleError::BadLabel {
                    label: label.clone(),
                });
            }
            if let Ok(number) = Score::parse(scale, label)
                && number.value() != point
            {
                return Err(ScaleError::NumericLabel {
                    label: label.clone(),
                    point: point.into(),
                    reads_as: number.value().into(),
                });
            }
        }
        Ok(LabeledScale { scale, labels })
    }

    /// The 7-point agreement scale of the CES 2.0 question ("I found it easy to resolve my
    /// issue"): 1 *Strongly disagree* … 4 *Neither agree nor disagree* … 7 *Strongly agree*.
    ///
    /// ```
    /// let ces = cx_scales::LabeledScale::ces_agreement();
    /// assert_eq!(ces.labels()[3], "Neither agree nor disagree");
    /// ```
    pub fn ces_agreement() -> LabeledScale {
        LabeledScale {
            scale: Scale::ONE_TO_SEVEN,
            labels: [
                "Strongly disagree",
                "Disagree",
                "Somewhat disagree",
                "Neither agree nor disagree",
                "Somewhat agree",
                "Agree",
                "Strongly agree",
            ]
            .map(String::from)
            .to_vec(),
        }
    }

    /// Three smileys recorded on a 1–5 scale, as is common in CSAT surveys: *Negative* 1,
    /// *Neutral* 3, *Positive* 5 (the scale [`Scale::SMILEYS`]).
    ///
    /// ```
    /// let faces = cx_scales::LabeledScale::smileys();
    /// assert_eq!(faces.labels(), ["Negative", "Neutral", "Positive"]);
    /// ```
    pub fn smileys() -> LabeledScale {
        LabeledScale {
            scale: Scale::SMILEYS,
            labels: ["Negative", "Neutral", "Positive"]
                .map(String::from)
                .to_vec(),
        }
    }

    /// The scale.
    ///
    /// ```
    /// assert_eq!(cx_scales::LabeledScale::smileys().scale(), cx_scales::Scale::SMILEYS);
    /// ```
    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// The labels, lowest point first.
    ///
    /// ```
    /// assert_eq!(cx_scales::LabeledScale::ces_agreement().labels().len(), 7);
    /// ```
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The label of `score`.
    ///
    /// # Errors
    /// [`ScaleError::ScaleMismatch`].
    ///
    /// ```
    /// use cx_scales::{LabeledScale, Scale, Score};
    /// let faces = LabeledScale::smileys();
    /// assert!(faces.label_of(Score::new(Scale::ONE_TO_FIVE, 5)?).is_err());
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn label_of(&self, score: Score) -> Result<&str, ScaleError> {
        self.scale.check_same(&score.scale())?;
        Ok(&self.labels[score.index()])
    }

    /// The score whose label is `label` (case and surrounding whitespace ignored).
    ///
    /// # Errors
    /// [`ScaleError::UnknownLabel`].
    ///
    /// ```
    /// let ces = cx_scales::LabeledScale::ces_agreement();
    /// assert_eq!(ces.score_of(" AGREE ")?.value(), 6);
    /// assert!(ces.score_of("maybe").is_err());
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn score_of(&self, label: &str) -> Result<Score, ScaleError> {
        let key = normalise(label);
        let index = self
            .labels
            .iter()
            .position(|l| normalise(l) == key)
            .ok_or_else(|| ScaleError::UnknownLabel {
                label: label.to_owned(),
                scale: self.scale,
            })?;
        let point = self.scale.point_at(index).map(i64::from);
        Score::new(self.scale, point.unwrap_or(i64::MIN))
    }

    /// Reads a CSV cell holding either a label or a number.
    ///
    /// # Errors
    /// [`ScaleError::UnknownLabel`] when the text is neither a label nor a number; the errors of
    /// [`Score::parse`] for a number that is not a point.
    ///
    /// ```
    /// let faces = cx_scales::LabeledScale::smileys();
    /// assert_eq!(faces.parse("positive")?.value(), 5);
    /// assert_eq!(faces.parse("3")?.value(), 3);
    /// assert!(faces.parse("2").is_err());
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn parse(&self, text: &str) -> Result<Score, ScaleError> {
        match self.score_of(text) {
            Ok(s) => Ok(s),
            Err(unknown) => match Score::parse(self.scale, text) {
                Ok(s) => Ok(s),
                Err(ScaleError::Unparsable { .. }) => Err(unknown),
                Err(e) => Err(e),
            },
        }
    }
}

fn normalise(label: &str) -> String {
    label.trim().to_lowercase()
}

impl fmt::Display for LabeledScale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (", self.scale)?;
        for (i, (point, label)) in self.scale.points().zip(&self.labels).enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{point} {label}")?;
        }
        f.write_str(")")
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::LabeledScale;
    use crate::Scale;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    #[derive(Serialize, Deserialize)]
    struct Repr {
        scale: Scale,
        labels: Vec<String>,
    }

    impl Serialize for LabeledScale {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            Repr {
                scale: self.scale,
                labels: self.labels.clone(),
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for LabeledScale {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let r = Repr::deserialize(d)?;
            LabeledScale::new(r.scale, r.labels).map_err(D::Error::custom)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_label_counts_and_duplicates_are_rejected() {
        assert!(matches!(
            LabeledScale::new(Scale::ONE_TO_FIVE, ["a", "b"]),
            Err(ScaleError::LabelCount {
                expected: 5,
                found: 2,
                ..
            })
        ));
        assert!(matches!(
            LabeledScale::new(Scale::SMILEYS, ["sad", " ", "happy"]),
            Err(ScaleError::BadLabel { .. })
        ));
        assert!(matches!(
            LabeledScale::new(Scale::SMILEYS, ["sad", "ok", " SAD"]),
            Err(ScaleError::BadLabel { .. })
        ));
    }

    #[test]
    fn numeric_labels_may_not_name_another_point() {
        let s = Scale::new(1, 3).unwrap();
        // The audit's case: "3" on point 1 made parse("3") give 1.
        let err = LabeledScale::new(s, ["3", "2", "1"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "label \"3\" of point 1 reads as the number of point 3"
        );
        // Every spelling that Score::parse reads as a number counts.
        for spelling in [" 3 ", "+3", "3.0", "3,0"] {
            assert!(
                matches!(
                    LabeledScale::new(s, [spelling, "b", "c"]),
                    Err(ScaleError::NumericLabel {
                        point: 1,
                        reads_as: 3,
                        ..
                    })
                ),
                "{spelling:?}"
            );
        }
        // A label equal to its own point's number, or to a number off the scale, is harmless.
        let own = LabeledScale::new(s, ["1", "2", "3"]).unwrap();
        assert_eq!(own.parse("3").unwrap().value(), 3);
        let off = LabeledScale::new(s, ["10", "20", "30"]).unwrap();
        assert_eq!(off.parse("10").unwrap().value(), 1);
        // On a step-2 scale, "3" is point 3 only: "2" is no point, so it may label point 1.
        assert!(LabeledScale::new(Scale::SMILEYS, ["2", "4", "x"]).is_ok());
        assert!(matches!(
            LabeledScale::new(Scale::SMILEYS, ["5", "3", "1"]),
            Err(ScaleError::NumericLabel {
                point: 1,
                reads_as: 5,
                ..
            })
        ));
    }

    #[test]
    fn every_label_round_trips() {
        for ls in [LabeledScale::ces_agreement(), LabeledScale::smileys()] {
            for label in ls.labels() {
                let s = ls.score_of(label).unwrap();
                assert_eq!(ls.label_of(s).unwrap(), label);
            }
        }
        assert_eq!(
            LabeledScale::smileys().to_string(),
            "1..=5 step 2 (1 Negative, 3 Neutral, 5 Positive)"
        );
    }
}
