//! Accumulators: record answers one by one or in slices, merge partial results exactly, serialise
//! them, and group by any key in one pass.
//!
//! Every accumulator here holds integer counts (or, for quality scores, exact rational sums
//! documented in [`QualityTally`](crate::QualityTally)), so merging in any order and grouping
//! gives exactly the result of one pass over all the data. `cx_scales::Distribution` is the
//! accumulator for every metric on a scale (CSAT, CDSAT, CES, CSI, means); [`NpsTally`] keeps only
//! the three NPS counts.

use std::collections::BTreeMap;
use std::fmt;

use cx_scales::{Answer, Distribution, Scale, Score, TypedScore, ZeroToTen};

use crate::nps::{check_nps_score, nps_counts};
use crate::{Nps, SurveyError};

/// What every accumulator can do: start empty, record one answer, merge another of its kind.
///
/// ```
/// use cx_scales::{Distribution, Scale};
/// use cx_survey::{Accumulator, NpsTally};
///
/// let mut a = NpsTally::new();
/// a.record(10)?;
/// let mut d = Distribution::new(Scale::ONE_TO_FIVE);
/// Accumulator::record(&mut d, 5)?;
/// assert_eq!((a.n(), d.n()), (1, 1));
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
pub trait Accumulator: Clone {
    /// One answer.
    type Answer;

    /// An empty accumulator of the same shape (same scale, same scorecard).
    fn empty_like(&self) -> Self;

    /// Records one answer.
    ///
    /// # Errors
    /// When the answer does not fit the accumulator (off the scale); the accumulator is then
    /// unchanged.
    fn record(&mut self, answer: Self::Answer) -> Result<(), SurveyError>;

    /// Adds everything `other` recorded.
    ///
    /// # Errors
    /// When the shapes differ (other scale) or a count would overflow; `self` is then unchanged.
    fn merge(&mut self, other: &Self) -> Result<(), SurveyError>;
}

impl Accumulator for Distribution {
    type Answer = i64;

    fn empty_like(&self) -> Self {
        Distribution::new(self.scale())
    }

    fn record(&mut self, answer: i64) -> Result<(), SurveyError> {
        Ok(self.record_value(answer)?)
    }

    fn merge(&mut self, other: &Self) -> Result<(), SurveyError> {
        Ok(Distribution::merge(self, other)?)
    }
}

/// The running counts of an NPS survey: promoters, passives, detractors. Empty is allowed here;
/// asking for the [`Nps`] of nothing is an error.
///
/// ```
/// use cx_survey::NpsTally;
///
/// let mut week1 = NpsTally::new();
/// week1.record_answers(&[10u8, 9, 8, 3])?;
/// let mut week2 = NpsTally::new();
/// week2.record(10)?;
/// week1.merge(&week2)?;
/// assert_eq!(week1.nps()?.score().value(), 40.0);
/// assert!(NpsTally::new().nps().is_err());
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawNpsTally"))]
pub struct NpsTally {
    promoters: u64,
    passives: u64,
    detractors: u64,
}

/// Serialised form of [`NpsTally`]; on the way in, the total must fit in a `u64` as
/// [`NpsTally::merge`] keeps it.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawNpsTally {
    promoters: u64,
    passives: u64,
    detractors: u64,
}

#[cfg(feature = "serde")]
impl TryFrom<RawNpsTally> for NpsTally {
    type Error = SurveyError;
    fn try_from(r: RawNpsTally) -> Result<NpsTally, SurveyError> {
        let tally = NpsTally {
            promoters: r.promoters,
            passives: r.passives,
            detractors: r.detractors,
        };
        tally.n_checked().ok_or(SurveyError::CountOverflow)?;
        Ok(tally)
    }
}

impl NpsTally {
    /// An empty tally.
    ///
    /// ```
    /// assert_eq!(cx_survey::NpsTally::new().n(), 0);
    /// ```
    pub fn new() -> NpsTally {
        NpsTally::default()
    }

    /// Records one answer on the 0–10 scale.
    ///
    /// # Errors
    /// [`SurveyError::Scale`] for an answer off 0–10, [`SurveyError::CountOverflow`].
    ///
    /// ```
    /// let mut t = cx_survey::NpsTally::new();
    /// t.record(9)?;
    /// assert!(t.record(11).is_err());
    /// assert_eq!(t.n(), 1);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn record(&mut self, answer: i64) -> Result<(), SurveyError> {
        let score = Score::new(Scale::ZERO_TO_TEN, answer)?;
        self.record_score(score)
    }

    /// Records one validated score, which must be on the 0–10 scale.
    ///
    /// # Errors
    /// [`SurveyError::WrongScale`] for a score on another scale, [`SurveyError::CountOverflow`].
    ///
    /// ```
    /// use cx_scales::{Scale, Score};
    /// let mut t = cx_survey::NpsTally::new();
    /// t.record_score(Score::new(Scale::ZERO_TO_TEN, 3)?)?;
    /// assert!(t.record_score(Score::new(Scale::ONE_TO_FIVE, 5)?).is_err());
    /// assert_eq!(t.detractors(), 1);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn record_score(&mut self, score: Score) -> Result<(), SurveyError> {
        check_nps_score(score)?;
        let mut next = *self;
        let slot = match score.value() {
            9..=10 => &mut next.promoters,
            7..=8 => &mut next.passives,
            _ => &mut next.detractors,
        };
        *slot = slot.checked_add(1).ok_or(SurveyError::CountOverflow)?;
        // The total, not only the group, must fit.
        next.n_checked().ok_or(SurveyError::CountOverflow)?;
        *self = next;
        Ok(())
    }

    /// Records a slice of raw answers through `cx_scales`' vectorised counter (bytes are fastest).
    ///
    /// # Errors
    /// [`SurveyError::Scale`] naming the first answer off 0–10 and its position; nothing is
    /// recorded then.
    ///
    /// ```
    /// let mut t = cx_survey::NpsTally::new();
    /// t.record_answers(&[10u8, 10, 0])?;
    /// assert!(t.record_answers(&[1u8, 12]).is_err());
    /// assert_eq!(t.n(), 3);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn record_answers<T: Answer>(&mut self, answers: &[T]) -> Result<(), SurveyError> {
        let d = Distribution::count(Scale::ZERO_TO_TEN, answers)?;
        self.merge(&NpsTally::from_distribution(&d)?)
    }

    /// The tally of a 0–10 distribution.
    ///
    /// # Errors
    /// [`SurveyError::WrongScale`] unless the scale is 0–10.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// let d = Distribution::count(Scale::ZERO_TO_TEN, &[9u8, 7])?;
    /// assert_eq!(cx_survey::NpsTally::from_distribution(&d)?.passives(), 1);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn from_distribution(dist: &Distribution) -> Result<NpsTally, SurveyError> {
        let (promoters, passives, detractors) = nps_counts(dist)?;
        Ok(NpsTally {
            promoters,
            passives,
            detractors,
        })
    }

    /// Adds everything `other` recorded.
    ///
    /// # Errors
    /// [`SurveyError::CountOverflow`] when the total would exceed `u64::MAX`; `self` is then
    /// unchanged.
    ///
    /// ```
    /// let mut a = cx_survey::NpsTally::new();
    /// a.record(10)?;
    /// let b = a;
    /// a.merge(&b)?;
    /// assert_eq!(a.promoters(), 2);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn merge(&mut self, other: &NpsTally) -> Result<(), SurveyError> {
        let add = |a: u64, b: u64| a.checked_add(b).ok_or(SurveyError::CountOverflow);
        let merged = NpsTally {
            promoters: add(self.promoters, other.promoters)?,
            passives: add(self.passives, other.passives)?,
            detractors: add(self.detractors, other.detractors)?,
        };
        merged.n_checked().ok_or(SurveyError::CountOverflow)?;
        *self = merged;
        Ok(())
    }

    /// Records typed 0–10 scores (which cannot be off the scale), all or none: the fallible
    /// replacement of `Extend` and `FromIterator`, which cannot report an overflow.
    ///
    /// # Errors
    /// [`SurveyError::CountOverflow`] when the total would exceed `u64::MAX` answers; `self` is
    /// then unchanged.
    ///
    /// ```
    /// use cx_scales::{TypedScore, ZeroToTen};
    /// use cx_survey::NpsTally;
    /// let scores = [10, 9, 6].map(TypedScore::<ZeroToTen>::new);
    /// let mut tally = NpsTally::new();
    /// tally.try_extend(scores.into_iter().collect::<Result<Vec<_>, _>>()?)?;
    /// assert_eq!(tally.nps()?.net(), 1);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn try_extend<I: IntoIterator<Item = TypedScore<ZeroToTen>>>(
        &mut self,
        scores: I,
    ) -> Result<(), SurveyError> {
        let mut more = NpsTally::new();
        for s in scores {
            let slot = match s.value() {
                9..=10 => &mut more.promoters,
                7..=8 => &mut more.passives,
                _ => &mut more.detractors,
            };
            *slot = slot.checked_add(1).ok_or(SurveyError::CountOverflow)?;
            // Stop as soon as the total cannot fit: `self` is untouched so far.
            more.n_checked()
                .and_then(|n| n.checked_add(self.n()))
                .ok_or(SurveyError::CountOverflow)?;
        }
        self.merge(&more)
    }

    fn n_checked(&self) -> Option<u64> {
        self.promoters
            .checked_add(self.passives)?
            .checked_add(self.detractors)
    }

    /// The number of promoters so far.
    ///
    /// ```
    /// assert_eq!(cx_survey::NpsTally::new().promoters(), 0);
    /// ```
    pub fn promoters(&self) -> u64 {
        self.promoters
    }

    /// The number of passives so far.
    ///
    /// ```
    /// assert_eq!(cx_survey::NpsTally::new().passives(), 0);
    /// ```
    pub fn passives(&self) -> u64 {
        self.passives
    }

    /// The number of detractors so far.
    ///
    /// ```
    /// assert_eq!(cx_survey::NpsTally::new().detractors(), 0);
    /// ```
    pub fn detractors(&self) -> u64 {
        self.detractors
    }

    /// The number of answers so far.
    ///
    /// ```
    /// assert_eq!(cx_survey::NpsTally::new().n(), 0);
    /// ```
    pub fn n(&self) -> u64 {
        // Every way in (`record_score`, `merge`, `try_extend`, deserialisation) keeps the total
        // within u64.
        self.n_checked().unwrap_or(u64::MAX)
    }

    /// The NPS of everything recorded.
    ///
    /// # Errors
    /// [`SurveyError::NoResponses`] when nothing was recorded.
    ///
    /// ```
    /// let mut t = cx_survey::NpsTally::new();
    /// t.record_answers(&[10u8, 0])?;
    /// assert_eq!(t.nps()?.score().value(), 0.0);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn nps(&self) -> Result<Nps, SurveyError> {
        Nps::from_counts(self.promoters, self.passives, self.detractors)
    }
}

impl Accumulator for NpsTally {
    type Answer = i64;

    fn empty_like(&self) -> Self {
        NpsTally::new()
    }

    fn record(&mut self, answer: i64) -> Result<(), SurveyError> {
        NpsTally::record(self, answer)
    }

    fn merge(&mut self, other: &Self) -> Result<(), SurveyError> {
        NpsTally::merge(self, other)
    }
}

impl fmt::Display for NpsTally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} promoters, {} passives, {} detractors",
            self.promoters, self.passives, self.detractors
        )
    }
}

/// One accumulator per key (segment, channel, agent, period, or a tuple of them), filled in one
/// pass; keys are kept in order. Two groupings merge key by key.
///
/// ```
/// use cx_survey::{Grouped, NpsTally};
///
/// let rows = [("chat", 10), ("phone", 3), ("chat", 9), ("phone", 9), ("chat", 6)];
/// let mut by_channel = Grouped::new(NpsTally::new());
/// for (channel, answer) in rows {
///     by_channel.record(channel, answer)?;
/// }
/// let chat = by_channel.get(&"chat").map(|t| t.nps()).transpose()?;
/// assert_eq!(chat.map(|n| n.net()), Some(1));
/// assert_eq!(by_channel.keys().collect::<Vec<_>>(), [&"chat", &"phone"]);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "RawGrouped<K, A>",
        bound(
            serialize = "K: serde::Serialize + Ord, A: serde::Serialize",
            deserialize = "K: serde::Deserialize<'de> + Ord, A: serde::Deserialize<'de> + Accumulator"
        )
    )
)]
pub struct Grouped<K, A> {
    /// The shape new groups start from, with nothing recorded.
    empty: A,
    /// Groups of that shape.
    groups: BTreeMap<K, A>,
}

/// Serialised form of [`Grouped`], built on the way in as [`Grouped::new`] and
/// [`Grouped::merge`] build it: the template emptied, every group merged into an empty one of
/// its shape (which fails for a group of another scale).
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(bound(deserialize = "K: serde::Deserialize<'de> + Ord, A: serde::Deserialize<'de>"))]
struct RawGrouped<K, A> {
    empty: A,
    groups: BTreeMap<K, A>,
}

#[cfg(feature = "serde")]
impl<K: Ord, A: Accumulator> TryFrom<RawGrouped<K, A>> for Grouped<K, A> {
    type Error = SurveyError;
    fn try_from(r: RawGrouped<K, A>) -> Result<Grouped<K, A>, SurveyError> {
        let empty = r.empty.empty_like();
        let mut groups = BTreeMap::new();
        for (key, acc) in r.groups {
            let mut fresh = empty.empty_like();
            fresh.merge(&acc)?;
            groups.insert(key, fresh);
        }
        Ok(Grouped { empty, groups })
    }
}

impl<K: Ord + Clone, A: Accumulator> Grouped<K, A> {
    /// An empty grouping whose groups start as copies of `empty` (for example
    /// `Distribution::new(Scale::ONE_TO_FIVE)`); anything `empty` already holds is dropped.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// let g: cx_survey::Grouped<u32, Distribution> = cx_survey::Grouped::new(Distribution::new(Scale::ONE_TO_FIVE));
    /// assert!(g.is_empty());
    /// ```
    pub fn new(empty: A) -> Grouped<K, A> {
        Grouped {
            empty: empty.empty_like(),
            groups: BTreeMap::new(),
        }
    }

    /// Records `answer` under `key`.
    ///
    /// # Errors
    /// The accumulator's error for a bad answer; the grouping is then unchanged.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// let mut g = cx_survey::Grouped::new(Distribution::new(Scale::ONE_TO_FIVE));
    /// g.record("agent-7", 5)?;
    /// assert!(g.record("agent-8", 9).is_err());
    /// assert_eq!(g.len(), 1);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn record(&mut self, key: K, answer: A::Answer) -> Result<(), SurveyError> {
        if let Some(acc) = self.groups.get_mut(&key) {
            return acc.record(answer);
        }
        let mut acc = self.empty.empty_like();
        acc.record(answer)?;
        self.groups.insert(key, acc);
        Ok(())
    }

    /// Merges another grouping key by key.
    ///
    /// # Errors
    /// The accumulator's merge error (other scale, overflow). Groups merged before the failing
    /// key keep their merged value.
    ///
    /// ```
    /// use cx_survey::{Grouped, NpsTally};
    /// let mut a = Grouped::new(NpsTally::new());
    /// a.record(1, 10)?;
    /// let mut b = Grouped::new(NpsTally::new());
    /// b.record(1, 0)?;
    /// b.record(2, 9)?;
    /// a.merge(&b)?;
    /// assert_eq!(a.get(&1).map(|t| t.n()), Some(2));
    /// assert_eq!(a.len(), 2);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn merge(&mut self, other: &Grouped<K, A>) -> Result<(), SurveyError> {
        for (k, acc) in &other.groups {
            match self.groups.get_mut(k) {
                Some(mine) => mine.merge(acc)?,
                None => {
                    let mut fresh = self.empty.empty_like();
                    fresh.merge(acc)?;
                    self.groups.insert(k.clone(), fresh);
                }
            }
        }
        Ok(())
    }

    /// The accumulator of `key`, if anything was recorded under it.
    ///
    /// ```
    /// let g: cx_survey::Grouped<&str, cx_survey::NpsTally> = cx_survey::Grouped::new(Default::default());
    /// assert!(g.get(&"none").is_none());
    /// ```
    pub fn get(&self, key: &K) -> Option<&A> {
        self.groups.get(key)
    }

    /// The keys, in order.
    ///
    /// ```
    /// let mut g = cx_survey::Grouped::new(cx_survey::NpsTally::new());
    /// g.record("b", 9)?;
    /// g.record("a", 9)?;
    /// assert_eq!(g.keys().collect::<Vec<_>>(), [&"a", &"b"]);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.groups.keys()
    }

    /// The groups, in key order.
    ///
    /// ```
    /// let mut g = cx_survey::Grouped::new(cx_survey::NpsTally::new());
    /// g.record(2026, 9)?;
    /// let totals: Vec<u64> = g.iter().map(|(_, t)| t.n()).collect();
    /// assert_eq!(totals, [1]);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&K, &A)> {
        self.groups.iter()
    }

    /// The number of groups.
    ///
    /// ```
    /// assert_eq!(cx_survey::Grouped::<u8, cx_survey::NpsTally>::new(Default::default()).len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// Whether no group has been recorded.
    ///
    /// ```
    /// assert!(cx_survey::Grouped::<u8, cx_survey::NpsTally>::new(Default::default()).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}
