//! The Net Promoter Score: exact from counts, a value that cannot leave −100..=100.
//!
//! On the 0–10 "how likely are you to recommend us" question, promoters answer 9–10, passives
//! 7–8, detractors 0–6; `NPS = 100 · (promoters − detractors) / n`. Ilya Osipov's worked example
//! ("Win or die: staying afloat in the world of customer attention"): 70 promoters, 10 passives,
//! 20 detractors give NPS 50.

use std::fmt;

use cx_scales::{Answer, Distribution, Frequencies, PercentTable, Scale, Score, Share};

use crate::SurveyError;

/// An NPS value on the usual −100..=100 scale. It cannot hold anything else: constructing one
/// outside the range (or from NaN) is an error.
///
/// ```
/// use cx_survey::NpsScore;
/// let s = NpsScore::new(50.0)?;
/// assert_eq!(s.value(), 50.0);
/// assert_eq!(s.fraction(), 0.5);
/// assert!(NpsScore::new(100.5).is_err());
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, PartialOrd, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct NpsScore(f64);

impl NpsScore {
    /// The lowest possible NPS, −100.
    ///
    /// ```
    /// use cx_survey::{Nps, NpsScore};
    /// assert_eq!(NpsScore::MIN.value(), -100.0);
    /// assert_eq!(Nps::from_counts(0, 0, 12)?.score(), NpsScore::MIN); // only detractors
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub const MIN: NpsScore = NpsScore(-100.0);
    /// The highest possible NPS, 100.
    ///
    /// ```
    /// use cx_survey::{Nps, NpsScore};
    /// assert_eq!(NpsScore::MAX.value(), 100.0);
    /// assert_eq!(Nps::from_counts(12, 0, 0)?.score(), NpsScore::MAX); // only promoters
    /// assert!(NpsScore::new(100.5).is_err());
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub const MAX: NpsScore = NpsScore(100.0);

    /// The score `value`, within −100..=100.
    ///
    /// # Errors
    /// [`SurveyError::NpsOutOfRange`] outside the range or for NaN.
    ///
    /// ```
    /// assert!(cx_survey::NpsScore::new(-100.0).is_ok());
    /// assert!(cx_survey::NpsScore::new(f64::NAN).is_err());
    /// ```
    pub fn new(value: f64) -> Result<NpsScore, SurveyError> {
        if (-100.0..=100.0).contains(&value) {
            Ok(NpsScore(value + 0.0))
        } else {
            Err(SurveyError::NpsOutOfRange { value })
        }
    }

    /// The score from a fraction in −1..=1 (the R package `NPS` and Rocks (2016) report this).
    ///
    /// # Errors
    /// [`SurveyError::NpsOutOfRange`] when the fraction is outside −1..=1 or NaN.
    ///
    /// ```
    /// assert_eq!(cx_survey::NpsScore::from_fraction(0.5)?.value(), 50.0);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn from_fraction(fraction: f64) -> Result<NpsScore, SurveyError> {
        NpsScore::new(fraction * 100.0)
    }

    /// A score computed inside this crate, clamped into −100..=100: the clamp only absorbs
    /// rounding.
    pub(crate) fn clamped(value: f64) -> NpsScore {
        NpsScore(
            if value.is_nan() {
                0.0
            } else {
                value.clamp(-100.0, 100.0)
            } + 0.0,
        )
    }

    /// The NPS of a published percentage table on the 0–10 scale: `100 · (promoter % −
    /// detractor %) / sum of %`, the shares taken relative to the table's actual sum as
    /// [`PercentTable`] does (published percentages are rounded). The number of respondents is
    /// not needed; for intervals and tests, which need counts, use [`Nps::from_percent_table`].
    ///
    /// # Errors
    /// [`SurveyError::WrongScale`] unless the table is on 0–10.
    ///
    /// ```
    /// use cx_scales::{PercentTable, Scale};
    /// use cx_survey::NpsScore;
    /// // Ilya Osipov's worked example as percentages: 70 % / 10 % / 20 % → 50.
    /// let t = PercentTable::new(Scale::ZERO_TO_TEN, [(10, 45.0), (9, 25.0), (8, 10.0), (3, 20.0)], 0.0)?;
    /// assert_eq!(NpsScore::from_percent_table(&t)?.value(), 50.0);
    /// let five = PercentTable::new(Scale::ONE_TO_FIVE, [(5, 100.0)], 0.0)?;
    /// assert!(NpsScore::from_percent_table(&five).is_err());
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn from_percent_table(table: &PercentTable) -> Result<NpsScore, SurveyError> {
        check_nps_scale(table.scale())?;
        let pct = table.percents();
        let promoters: f64 = pct[9..].iter().sum();
        let detractors: f64 = pct[..7].iter().sum();
        Ok(NpsScore::clamped(
            100.0 * (promoters - detractors) / table.percent_total(),
        ))
    }

    /// The score on −100..=100.
    ///
    /// ```
    /// assert_eq!(cx_survey::NpsScore::MAX.value(), 100.0);
    /// ```
    pub fn value(self) -> f64 {
        self.0
    }

    /// The score as a fraction in −1..=1.
    ///
    /// ```
    /// assert_eq!(cx_survey::NpsScore::MIN.fraction(), -1.0);
    /// ```
    pub fn fraction(self) -> f64 {
        self.0 / 100.0
    }
}

impl TryFrom<f64> for NpsScore {
    type Error = SurveyError;

    fn try_from(value: f64) -> Result<NpsScore, SurveyError> {
        NpsScore::new(value)
    }
}

impl From<NpsScore> for f64 {
    fn from(s: NpsScore) -> f64 {
        s.0
    }
}

impl fmt::Display for NpsScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match f.precision() {
            Some(p) => write!(f, "{:.p$}", self.0),
            None => write!(f, "{}", self.0),
        }
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for NpsScore {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<NpsScore, D::Error> {
        let v = <f64 as serde::Deserialize>::deserialize(d)?;
        NpsScore::new(v).map_err(serde::de::Error::custom)
    }
}

/// The NPS of at least one respondent, kept as its three counts so that nothing is rounded
/// until you ask for a number.
///
/// ```
/// use cx_survey::Nps;
///
/// // Ilya Osipov's worked example: 70 / 10 / 20 → 50.
/// let nps = Nps::from_counts(70, 10, 20)?;
/// assert_eq!(nps.score().value(), 50.0);
/// assert_eq!(nps.n(), 100);
/// assert_eq!(nps.promoter_share().value(), 0.7);
///
/// // From raw 0–10 answers (counted by cx-scales' vectorised counter).
/// let nps = Nps::from_answers(&[10u8, 9, 9, 8, 7, 6, 0])?;
/// assert_eq!(nps.promoters(), 3);
/// assert!(Nps::from_answers(&[11u8]).is_err());
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Nps {
    promoters: u64,
    passives: u64,
    detractors: u64,
}

impl Nps {
    /// The NPS of `promoters` (9–10), `passives` (7–8) and `detractors` (0–6).
    ///
    /// # Errors
    /// [`SurveyError::NoResponses`] when all three are 0, [`SurveyError::CountOverflow`] when
    /// their total exceeds `u64::MAX`.
    ///
    /// ```
    /// use cx_survey::Nps;
    /// assert_eq!(Nps::from_counts(2, 1, 0)?.score().value(), 200.0 / 3.0);
    /// assert!(Nps::from_counts(0, 0, 0).is_err());
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn from_counts(promoters: u64, passives: u64, detractors: u64) -> Result<Nps, SurveyError> {
        let n = promoters
            .checked_add(passives)
            .and_then(|s| s.checked_add(detractors))
            .ok_or(SurveyError::CountOverflow)?;
        if n == 0 {
            return Err(SurveyError::NoResponses { what: "NPS" });
        }
        Ok(Nps {
            promoters,
            passives,
            detractors,
        })
    }

    /// The NPS of a distribution on the 0–10 scale.
    ///
    /// # Errors
    /// [`SurveyError::WrongScale`] unless the scale is 0–10 (map other scales with
    /// `cx_scales::Conversion` first, deciding what to do with thresholds between points), and
    /// [`SurveyError::NoResponses`] when it is empty.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// use cx_survey::Nps;
    /// let d = Distribution::from_point_counts(Scale::ZERO_TO_TEN, [(10, 70u32), (8, 10), (0, 20)])?;
    /// assert_eq!(Nps::from_distribution(&d)?.score().value(), 50.0);
    /// let five = Distribution::count(Scale::ONE_TO_FIVE, &[5u8, 4])?;
    /// assert!(Nps::from_distribution(&five).is_err());
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn from_distribution(dist: &Distribution) -> Result<Nps, SurveyError> {
        let (p, a, d) = nps_counts(dist)?;
        Nps::from_counts(p, a, d)
    }

    /// The NPS of a published percentage table on 0–10 that states its number of respondents:
    /// the counts behind it are reconstructed by largest remainders
    /// ([`PercentTable::to_distribution`]), each reproducing its published percentage within
    /// half a unit of `precision` (0.1 for percentages published with one decimal, 1 for whole
    /// percentages), so that intervals and tests can be computed. Without the respondents, only
    /// the score is known: [`NpsScore::from_percent_table`].
    ///
    /// # Errors
    /// [`SurveyError::WrongScale`] unless the table is on 0–10;
    /// [`SurveyError::UnknownRespondents`] when the table does not state its respondents;
    /// [`SurveyError::Scale`] with `ScaleError::InconsistentRespondents` when no counts of that
    /// total give the published percentages.
    ///
    /// ```
    /// use cx_scales::{PercentTable, Scale};
    /// use cx_survey::Nps;
    /// // 70 % promoters, 10 % passives, 20 % detractors of 250 respondents.
    /// let t = PercentTable::new(Scale::ZERO_TO_TEN, [(10, 70.0), (7, 10.0), (0, 20.0)], 0.0)?
    ///     .with_respondents(250)?;
    /// let nps = Nps::from_percent_table(&t, 0.1)?;
    /// assert_eq!((nps.promoters(), nps.passives(), nps.detractors()), (175, 25, 50));
    /// assert_eq!(nps.score().value(), 50.0);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn from_percent_table(table: &PercentTable, precision: f64) -> Result<Nps, SurveyError> {
        check_nps_scale(table.scale())?;
        if table.respondents().is_none() {
            return Err(SurveyError::UnknownRespondents {
                what: "NPS counts from a percentage table",
            });
        }
        Nps::from_distribution(&table.to_distribution(precision)?)
    }

    /// The NPS of raw 0–10 answers, counted by `cx_scales::Distribution::count` (bytes take the
    /// fastest path).
    ///
    /// # Errors
    /// [`SurveyError::Scale`] naming the first answer off the 0–10 scale and its position,
    /// [`SurveyError::NoResponses`] for an empty slice.
    ///
    /// ```
    /// let nps = cx_survey::Nps::from_answers(&[9i32, 10, 3])?;
    /// assert!((nps.score().value() - 100.0 / 3.0).abs() < 1e-12);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn from_answers<T: Answer>(answers: &[T]) -> Result<Nps, SurveyError> {
        Nps::from_distribution(&Distribution::count(Scale::ZERO_TO_TEN, answers)?)
    }

    /// The number of promoters (9–10).
    ///
    /// ```
    /// assert_eq!(cx_survey::Nps::from_counts(70, 10, 20)?.promoters(), 70);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn promoters(&self) -> u64 {
        self.promoters
    }

    /// The number of passives (7–8).
    ///
    /// ```
    /// assert_eq!(cx_survey::Nps::from_counts(70, 10, 20)?.passives(), 10);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn passives(&self) -> u64 {
        self.passives
    }

    /// The number of detractors (0–6).
    ///
    /// ```
    /// assert_eq!(cx_survey::Nps::from_counts(70, 10, 20)?.detractors(), 20);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn detractors(&self) -> u64 {
        self.detractors
    }

    /// The number of respondents, at least 1.
    ///
    /// ```
    /// assert_eq!(cx_survey::Nps::from_counts(70, 10, 20)?.n(), 100);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn n(&self) -> u64 {
        self.promoters + self.passives + self.detractors
    }

    /// `promoters − detractors`, exactly.
    ///
    /// ```
    /// assert_eq!(cx_survey::Nps::from_counts(1, 0, 3)?.net(), -2);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn net(&self) -> i128 {
        i128::from(self.promoters) - i128::from(self.detractors)
    }

    /// The score on −100..=100: `100 · net / n`, from exact integers (the whole part of the
    /// quotient is exact; the result is within one ulp of the true value).
    ///
    /// ```
    /// use cx_survey::Nps;
    /// assert_eq!(Nps::from_counts(10, 0, 0)?.score().value(), 100.0);
    /// assert_eq!(Nps::from_counts(0, 5, 0)?.score().value(), 0.0);
    /// assert_eq!(format!("{:.2}", Nps::from_counts(18, 11, 2)?.score()), "51.61");
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn score(&self) -> NpsScore {
        NpsScore::clamped(ratio(self.net() * 100, self.n()))
    }

    /// The score as a fraction in −1..=1 (`net / n`).
    ///
    /// ```
    /// assert_eq!(cx_survey::Nps::from_counts(70, 10, 20)?.fraction(), 0.5);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn fraction(&self) -> f64 {
        ratio(self.net(), self.n()).clamp(-1.0, 1.0)
    }

    /// The share of promoters.
    ///
    /// ```
    /// assert_eq!(cx_survey::Nps::from_counts(70, 10, 20)?.promoter_share().value(), 0.7);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn promoter_share(&self) -> Share {
        Share::from_counts(self.promoters, self.n()).unwrap_or(Share::ZERO)
    }

    /// The share of passives.
    ///
    /// ```
    /// assert_eq!(cx_survey::Nps::from_counts(70, 10, 20)?.passive_share().value(), 0.1);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn passive_share(&self) -> Share {
        Share::from_counts(self.passives, self.n()).unwrap_or(Share::ZERO)
    }

    /// The share of detractors.
    ///
    /// ```
    /// assert_eq!(cx_survey::Nps::from_counts(70, 10, 20)?.detractor_share().value(), 0.2);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn detractor_share(&self) -> Share {
        Share::from_counts(self.detractors, self.n()).unwrap_or(Share::ZERO)
    }

    /// The variance of one respondent's −1/0/+1 score, `(p + d) − (p − d)²` (R `NPS::nps_var`).
    ///
    /// ```
    /// // R package NPS, tests/testthat: nps_var_(c(1, 2, 3)) = 5/9 (order det, pas, pro).
    /// let v = cx_survey::Nps::from_counts(3, 2, 1)?.variance();
    /// assert!((v - 5.0 / 9.0).abs() < 1e-15);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn variance(&self) -> f64 {
        let n = self.n() as f64;
        let (p, d) = (self.promoters as f64 / n, self.detractors as f64 / n);
        ((p + d) - (p - d) * (p - d)).max(0.0)
    }

    /// The standard error of the NPS as a fraction, `√(variance / n)` (R `NPS::nps_se`).
    ///
    /// ```
    /// // R package NPS 2.0.999 (Brendan Rocks), nps_se: 70/10/20 has SE 0.0806226.
    /// let se = cx_survey::Nps::from_counts(70, 10, 20)?.standard_error();
    /// assert!((se - 0.0806226).abs() < 5e-8);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn standard_error(&self) -> f64 {
        (self.variance() / self.n() as f64).sqrt()
    }
}

impl fmt::Display for Nps {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(1);
        write!(
            f,
            "NPS {:.p$} (n = {}: {} promoters, {} passives, {} detractors)",
            self.score(),
            self.n(),
            self.promoters,
            self.passives,
            self.detractors
        )
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Nps {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Nps, D::Error> {
        #[derive(serde::Deserialize)]
        struct Repr {
            promoters: u64,
            passives: u64,
            detractors: u64,
        }
        let r = Repr::deserialize(d)?;
        Nps::from_counts(r.promoters, r.passives, r.detractors).map_err(serde::de::Error::custom)
    }
}

/// `num / den` within one ulp: the quotient is split into its exact whole part and the remainder.
pub(crate) fn ratio(num: i128, den: u64) -> f64 {
    let den = i128::from(den);
    let (q, r) = (num.div_euclid(den), num.rem_euclid(den));
    q as f64 + r as f64 / den as f64
}

/// An error unless `scale` is 0–10.
fn check_nps_scale(scale: Scale) -> Result<(), SurveyError> {
    if scale != Scale::ZERO_TO_TEN {
        return Err(SurveyError::WrongScale {
            metric: "NPS",
            expected: Scale::ZERO_TO_TEN,
            found: scale,
        });
    }
    Ok(())
}

/// Promoters, passives and detractors of a 0–10 distribution.
pub(crate) fn nps_counts(dist: &Distribution) -> Result<(u64, u64, u64), SurveyError> {
    check_nps_scale(dist.scale())?;
    let c = dist.counts();
    let d = c[..7].iter().sum();
    let a = c[7] + c[8];
    let p = c[9] + c[10];
    Ok((p, a, d))
}

/// Check that a score is on the 0–10 scale.
pub(crate) fn check_nps_score(score: Score) -> Result<(), SurveyError> {
    if score.scale() != Scale::ZERO_TO_TEN {
        return Err(SurveyError::WrongScale {
            metric: "NPS",
            expected: Scale::ZERO_TO_TEN,
            found: score.scale(),
        });
    }
    Ok(())
}
