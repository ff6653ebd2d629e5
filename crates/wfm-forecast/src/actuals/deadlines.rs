//! Per-request-type deadlines ("allowed time per type of request") and compliance with them.

#[cfg(feature = "serde")]
use crate::error::{Error, Result};
use crate::units::TimeSpan;

/// `num ÷ den`, `None` when `den` is 0.
pub(crate) fn ratio(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// Deadlines per request type ("allowed time per type of request"): a first-reaction limit, a
/// resolution limit, or both.
///
/// ```
/// use wfm_forecast::{Deadlines, TimeSpan};
/// let d = Deadlines::new()
///     .first_reaction("b2c", TimeSpan::from_minutes(1.0)?)
///     .resolution("b2b", TimeSpan::from_minutes(240.0)?);
/// assert_eq!(d.len(), 2);
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawDeadlines"))]
pub struct Deadlines {
    /// One entry per request type (no repeats, in the order first set), each with at least one
    /// limit.
    pub(crate) limits: Vec<(String, Option<TimeSpan>, Option<TimeSpan>)>,
}

/// Serialised form of [`Deadlines`], checked as its builder methods build it on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawDeadlines {
    limits: Vec<(String, Option<TimeSpan>, Option<TimeSpan>)>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawDeadlines> for Deadlines {
    type Error = Error;
    fn try_from(r: RawDeadlines) -> Result<Self> {
        let mut seen = std::collections::HashSet::new();
        for (request_type, first_reaction, resolution) in &r.limits {
            if !seen.insert(request_type.as_str()) {
                return Err(Error::InconsistentState {
                    what: "deadlines",
                    rule: "a request type is listed more than once",
                });
            }
            if first_reaction.is_none() && resolution.is_none() {
                return Err(Error::InconsistentState {
                    what: "deadlines",
                    rule: "a request type has neither a first-reaction nor a resolution deadline",
                });
            }
        }
        Ok(Self { limits: r.limits })
    }
}

impl Deadlines {
    /// No deadline.
    ///
    /// ```
    /// use wfm_forecast::Deadlines;
    /// assert!(Deadlines::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    fn entry(&mut self, request_type: &str) -> &mut (String, Option<TimeSpan>, Option<TimeSpan>) {
        let at = match self.limits.iter().position(|(t, _, _)| t == request_type) {
            Some(at) => at,
            None => {
                self.limits.push((request_type.to_owned(), None, None));
                self.limits.len() - 1
            }
        };
        &mut self.limits[at]
    }

    /// Sets the first-reaction deadline of `request_type`.
    ///
    /// ```
    /// use wfm_forecast::{Deadlines, TimeSpan};
    /// assert_eq!(Deadlines::new().first_reaction("chat", TimeSpan::from_seconds(60.0)?).len(), 1);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn first_reaction(mut self, request_type: &str, limit: TimeSpan) -> Self {
        self.entry(request_type).1 = Some(limit);
        self
    }

    /// Sets the resolution deadline of `request_type`.
    ///
    /// ```
    /// use wfm_forecast::{Deadlines, TimeSpan};
    /// assert_eq!(Deadlines::new().resolution("mail", TimeSpan::from_minutes(480.0)?).len(), 1);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn resolution(mut self, request_type: &str, limit: TimeSpan) -> Self {
        self.entry(request_type).2 = Some(limit);
        self
    }

    /// Number of request types with a deadline.
    ///
    /// ```
    /// use wfm_forecast::Deadlines;
    /// assert_eq!(Deadlines::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.limits.len()
    }

    /// Whether no deadline is set.
    ///
    /// ```
    /// use wfm_forecast::Deadlines;
    /// assert!(Deadlines::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.limits.is_empty()
    }

    /// Every request type with a deadline and its limits (first reaction, resolution), in the
    /// order the types were first set.
    ///
    /// ```
    /// use wfm_forecast::{Deadlines, TimeSpan};
    /// let m = |x| TimeSpan::from_minutes(x);
    /// let d = Deadlines::new()
    ///     .first_reaction("b2c", m(1.0)?)
    ///     .resolution("b2b", m(240.0)?)
    ///     .resolution("b2c", m(60.0)?);
    /// let all: Vec<_> = d.iter().collect();
    /// assert_eq!(all, [("b2c", Some(m(1.0)?), Some(m(60.0)?)), ("b2b", None, Some(m(240.0)?))]);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn iter(
        &self,
    ) -> impl ExactSizeIterator<Item = (&str, Option<TimeSpan>, Option<TimeSpan>)> {
        self.limits.iter().map(|(t, f, r)| (t.as_str(), *f, *r))
    }

    /// The request types with a deadline, in the order they were first set.
    ///
    /// ```
    /// use wfm_forecast::{Deadlines, TimeSpan};
    /// let d = Deadlines::new()
    ///     .resolution("mail", TimeSpan::from_minutes(480.0)?)
    ///     .first_reaction("chat", TimeSpan::from_seconds(60.0)?);
    /// assert_eq!(d.request_types().collect::<Vec<_>>(), ["mail", "chat"]);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn request_types(&self) -> impl ExactSizeIterator<Item = &str> {
        self.limits.iter().map(|(t, _, _)| t.as_str())
    }

    /// The first-reaction deadline of `request_type`, if it has one.
    ///
    /// ```
    /// use wfm_forecast::{Deadlines, TimeSpan};
    /// let d = Deadlines::new().first_reaction("chat", TimeSpan::from_seconds(60.0)?);
    /// assert_eq!(d.first_reaction_limit("chat"), Some(TimeSpan::from_seconds(60.0)?));
    /// assert_eq!(d.first_reaction_limit("mail"), None);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn first_reaction_limit(&self, request_type: &str) -> Option<TimeSpan> {
        self.find(request_type).and_then(|(_, f, _)| *f)
    }

    /// The resolution deadline of `request_type`, if it has one.
    ///
    /// ```
    /// use wfm_forecast::{Deadlines, TimeSpan};
    /// let d = Deadlines::new().first_reaction("chat", TimeSpan::from_seconds(60.0)?);
    /// assert_eq!(d.resolution_limit("chat"), None);
    /// let d = d.resolution("chat", TimeSpan::from_minutes(30.0)?);
    /// assert_eq!(d.resolution_limit("chat"), Some(TimeSpan::from_minutes(30.0)?));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn resolution_limit(&self, request_type: &str) -> Option<TimeSpan> {
        self.find(request_type).and_then(|(_, _, r)| *r)
    }

    fn find(&self, request_type: &str) -> Option<&(String, Option<TimeSpan>, Option<TimeSpan>)> {
        self.limits.iter().find(|(t, _, _)| t == request_type)
    }
}

/// Deadline compliance of one request type: records with the time present, and how many met
/// the limit (`≤`). Records without the time (not reacted to, not resolved yet) are not
/// counted.
///
/// ```
/// use wfm_forecast::Compliance;
/// let c = Compliance { met: 9, total: 10 };
/// assert_eq!(c.share(), Some(0.9));
/// assert_eq!(Compliance::default().share(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Compliance {
    /// Records that met the deadline.
    pub met: u64,
    /// Records measured.
    pub total: u64,
}

impl Compliance {
    /// `met ÷ total`; `None` if nothing was measured.
    ///
    /// ```
    /// use wfm_forecast::Compliance;
    /// assert_eq!(Compliance { met: 1, total: 4 }.share(), Some(0.25));
    /// ```
    pub fn share(&self) -> Option<f64> {
        ratio(self.met, self.total)
    }
}

/// Per-request-type compliance with its first-reaction and resolution deadlines.
///
/// ```
/// use wfm_forecast::{Compliance, DeadlineCompliance};
/// let d = DeadlineCompliance { request_type: "b2c".into(), first_reaction: Some(Compliance { met: 3, total: 4 }), resolution: None };
/// assert_eq!(d.first_reaction.and_then(|c| c.share()), Some(0.75));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DeadlineCompliance {
    /// The request type.
    pub request_type: String,
    /// Compliance with its first-reaction deadline, if it has one.
    pub first_reaction: Option<Compliance>,
    /// Compliance with its resolution deadline, if it has one.
    pub resolution: Option<Compliance>,
}
