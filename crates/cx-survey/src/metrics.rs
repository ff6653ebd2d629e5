//! The survey metrics of everyday CX practice, each named for what it measures.
//!
//! Practitioners use "CSAT" for two different numbers: the share of satisfied answers (top box:
//! 4–5 of 1–5, 8–10 of 1–10, 5–7 of 1–7, as in Oleg Zeldin's posts in the Telegram channel
//! "Customer service — the art of serving people") and the mean score on 1–5 (as in MAG &
//! Partners' "Customer service 2.0, or why CJM, QA, NPS and CSAT are no longer mere hype" and
//! Ilya Osipov's "Win or die: staying afloat in the world of customer attention"). They
//! are not interchangeable, so this crate has no plain `csat` function: [`csat_top_box`] (or
//! [`csat_share`] for any band) returns a [`BandShare`], [`csat_mean`] a [`MeanScore`].
//!
//! - **CDSAT** (COPC): the share of dissatisfied answers, a bottom box ([`cdsat_bottom_box`]).
//! - **CES** (CEB 2014): "I found it easy to resolve my issue" on the 7-point agreement scale;
//!   the share of 5–7 ([`ces_share`]) or, as Osipov does, the mean ([`ces_mean`]).
//! - **CSI**: one index as the mean and as percent of maximum, `100 · mean / max`
//!   ([`Csi::percent_of_max`]), which is not POMP (`100 · (mean − min)/(max − min)`): a mean of
//!   4.23 on 1–5 is 84.6 % of maximum and 80.75 POMP. Oleg Zeldin's CSAT/CDSAT post shows why a single index
//!   misleads — the mean can rise while the bottom box grows sevenfold — so report CSAT and
//!   CDSAT beside it.

use std::fmt;

use cx_scales::{Band, Distribution, Scale, Share};

use crate::{Confidence, MeanScore, Proportion, ShareInterval, ShareMethod, SurveyError};

/// The share of answers in a band, with the band it was measured on.
///
/// ```
/// use cx_scales::{Distribution, Scale};
/// use cx_survey::{Confidence, ShareMethod, csat_top_box};
/// let d = Distribution::from_counts(Scale::ONE_TO_FIVE, &[2u64, 3, 10, 40, 45])?;
/// let csat = csat_top_box(&d, 2)?;
/// assert_eq!(csat.share().value(), 0.85);
/// assert_eq!(csat.band().lo(), 4);
/// let ci = csat.interval(ShareMethod::Wilson, Confidence::NINETY_FIVE);
/// assert!(ci.lower.value() > 0.76);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BandShare {
    band: Band,
    proportion: Proportion,
}

impl BandShare {
    /// The share of `dist` in `band`.
    ///
    /// # Errors
    /// [`SurveyError::Scale`] for a band on another scale, [`SurveyError::NoResponses`] for an
    /// empty distribution.
    ///
    /// ```
    /// use cx_scales::{Band, Distribution, Scale};
    /// use cx_survey::BandShare;
    /// let d = Distribution::count(Scale::ONE_TO_TEN, &[10u8, 9, 8, 7, 2])?;
    /// let s = BandShare::new(&d, Band::at_least(Scale::ONE_TO_TEN, 7)?)?;
    /// assert_eq!(s.share().value(), 0.8);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn new(dist: &Distribution, band: Band) -> Result<BandShare, SurveyError> {
        let proportion = Proportion::in_band(dist, &band)?;
        Ok(BandShare { band, proportion })
    }

    /// The band.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// let d = Distribution::count(Scale::ONE_TO_FIVE, &[1u8, 5])?;
    /// assert_eq!(cx_survey::cdsat_bottom_box(&d, 1)?.band().hi(), 1);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn band(&self) -> &Band {
        &self.band
    }

    /// The counts behind the share.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// let d = Distribution::count(Scale::ONE_TO_FIVE, &[1u8, 5, 5])?;
    /// assert_eq!(cx_survey::csat_top_box(&d, 1)?.proportion().successes(), 2);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn proportion(&self) -> Proportion {
        self.proportion
    }

    /// The share.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// let d = Distribution::count(Scale::ONE_TO_FIVE, &[1u8, 5, 5, 4])?;
    /// assert_eq!(cx_survey::csat_top_box(&d, 2)?.share().value(), 0.75);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn share(&self) -> Share {
        self.proportion.share()
    }

    /// The interval by `method` at `confidence`.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// use cx_survey::{Confidence, ShareMethod};
    /// let d = Distribution::from_counts(Scale::ONE_TO_FIVE, &[0u64, 0, 0, 0, 10])?;
    /// let ci = cx_survey::csat_top_box(&d, 2)?.interval(ShareMethod::Wilson, Confidence::NINETY_FIVE);
    /// assert_eq!(ci.upper.value(), 1.0);
    /// assert!((ci.lower.value() - 0.7224672001371106).abs() < 1e-12); // statsmodels
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn interval(&self, method: ShareMethod, confidence: Confidence) -> ShareInterval {
        self.proportion.interval(method, confidence)
    }
}

impl fmt::Display for BandShare {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(1);
        write!(
            f,
            "{:.p$}% in {} (n = {})",
            self.share().percent(),
            self.band,
            self.proportion.n()
        )
    }
}

/// CSAT as the top-box share: the share of the top `k` points of the scale (`k = 2` on 1–5 gives
/// 4–5; `k = 3` on 1–10 gives 8–10).
///
/// # Errors
/// [`SurveyError::Scale`] when `k` is 0 or larger than the scale, [`SurveyError::NoResponses`]
/// when `dist` is empty.
///
/// ```
/// use cx_scales::{Distribution, Scale};
/// let d = Distribution::count(Scale::ONE_TO_FIVE, &[5u8, 4, 4, 3, 1])?;
/// assert_eq!(cx_survey::csat_top_box(&d, 2)?.share().value(), 0.6);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
pub fn csat_top_box(dist: &Distribution, k: usize) -> Result<BandShare, SurveyError> {
    BandShare::new(dist, Band::top_box(dist.scale(), k)?.named("CSAT top box"))
}

/// CSAT as the share in any band of the scale (for example 7–10 of 1–10).
///
/// # Errors
/// As [`BandShare::new`].
///
/// ```
/// use cx_scales::{Band, Distribution, Scale};
/// let d = Distribution::count(Scale::ONE_TO_TEN, &[10u8, 7, 6, 9])?;
/// let band = Band::at_least(Scale::ONE_TO_TEN, 7)?;
/// assert_eq!(cx_survey::csat_share(&d, band)?.share().value(), 0.75);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
pub fn csat_share(dist: &Distribution, band: Band) -> Result<BandShare, SurveyError> {
    BandShare::new(dist, band)
}

/// CSAT as the mean score (the 1–5 scale of MAG & Partners and of Ilya Osipov; smileys as
/// 1/3/5).
///
/// # Errors
/// [`SurveyError::NoResponses`] when `dist` is empty.
///
/// ```
/// use cx_scales::{Distribution, Scale};
/// let d = Distribution::count(Scale::SMILEYS, &[5u8, 5, 3, 1])?;
/// assert_eq!(cx_survey::csat_mean(&d)?.mean(), 3.5);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
pub fn csat_mean(dist: &Distribution) -> Result<MeanScore, SurveyError> {
    MeanScore::from_distribution(dist)
}

/// CDSAT: the bottom-box share of the `k` lowest points (COPC: the share of 1 on 1–5).
///
/// # Errors
/// As [`csat_top_box`].
///
/// ```
/// use cx_scales::{Distribution, Scale};
/// let d = Distribution::from_counts(Scale::ONE_TO_FIVE, &[4u64, 6, 10, 40, 40])?;
/// assert_eq!(cx_survey::cdsat_bottom_box(&d, 1)?.share().value(), 0.04);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
pub fn cdsat_bottom_box(dist: &Distribution, k: usize) -> Result<BandShare, SurveyError> {
    BandShare::new(
        dist,
        Band::bottom_box(dist.scale(), k)?.named("CDSAT bottom box"),
    )
}

fn check_ces_scale(dist: &Distribution) -> Result<(), SurveyError> {
    if dist.scale() != Scale::ONE_TO_SEVEN {
        return Err(SurveyError::WrongScale {
            metric: "CES",
            expected: Scale::ONE_TO_SEVEN,
            found: dist.scale(),
        });
    }
    Ok(())
}

/// CES as the share of 5, 6 and 7 on the 7-point agreement scale (CEB 2014).
///
/// # Errors
/// [`SurveyError::WrongScale`] unless the scale is 1–7, [`SurveyError::NoResponses`] when empty.
///
/// ```
/// use cx_scales::{Distribution, Scale};
/// let d = Distribution::count(Scale::ONE_TO_SEVEN, &[7u8, 6, 5, 4, 2])?;
/// assert_eq!(cx_survey::ces_share(&d)?.share().value(), 0.6);
/// let five = Distribution::count(Scale::ONE_TO_FIVE, &[5u8])?;
/// assert!(cx_survey::ces_share(&five).is_err());
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
pub fn ces_share(dist: &Distribution) -> Result<BandShare, SurveyError> {
    check_ces_scale(dist)?;
    BandShare::new(
        dist,
        Band::at_least(Scale::ONE_TO_SEVEN, 5)?.named("CES 5-7"),
    )
}

/// CES as the mean agreement on 1–7 (Ilya Osipov computes it "like CSAT").
///
/// # Errors
/// As [`ces_share`].
///
/// ```
/// use cx_scales::{Distribution, Scale};
/// let d = Distribution::count(Scale::ONE_TO_SEVEN, &[7u8, 5])?;
/// assert_eq!(cx_survey::ces_mean(&d)?.mean(), 6.0);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
pub fn ces_mean(dist: &Distribution) -> Result<MeanScore, SurveyError> {
    check_ces_scale(dist)?;
    MeanScore::from_distribution(dist)
}

/// The customer satisfaction index: the mean score, read also as percent of maximum.
///
/// ```
/// use cx_scales::{Distribution, Scale};
/// use cx_survey::Csi;
/// // 100 answers on 1–5 with mean 4.3: CSI 86 % of maximum, but POMP only 82.5.
/// let d = Distribution::from_counts(Scale::ONE_TO_FIVE, &[2u64, 3, 7, 39, 49])?;
/// let csi = Csi::new(&d)?;
/// assert!((csi.mean().mean() - 4.3).abs() < 1e-12);
/// assert!((csi.percent_of_max() - 86.0).abs() < 1e-12);
/// assert!((csi.pomp() - 82.5).abs() < 1e-12);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Csi {
    mean: MeanScore,
    scale: Scale,
}

impl Csi {
    /// The CSI of `dist`.
    ///
    /// # Errors
    /// [`SurveyError::NoResponses`] when empty; [`SurveyError::OutOfRange`] for a scale whose
    /// lowest point is negative, where "percent of maximum" means nothing.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// assert!(cx_survey::Csi::new(&Distribution::count(Scale::new(-2, 2)?, &[1i8])?).is_err());
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn new(dist: &Distribution) -> Result<Csi, SurveyError> {
        let scale = dist.scale();
        if scale.min() < 0 {
            return Err(SurveyError::OutOfRange {
                name: "scale minimum",
                value: f64::from(scale.min()),
                range: "0.. (percent of maximum needs a non-negative scale)",
            });
        }
        Ok(Csi {
            mean: MeanScore::from_distribution(dist)?,
            scale,
        })
    }

    /// The mean score, with its n and standard deviation.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// let d = Distribution::count(Scale::ONE_TO_FIVE, &[5u8, 3])?;
    /// assert_eq!(cx_survey::Csi::new(&d)?.mean().mean(), 4.0);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn mean(&self) -> MeanScore {
        self.mean
    }

    /// `100 · mean / max`: on 1–5 it cannot go below 20.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// let d = Distribution::count(Scale::ONE_TO_FIVE, &[1u8])?;
    /// assert_eq!(cx_survey::Csi::new(&d)?.percent_of_max(), 20.0);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn percent_of_max(&self) -> f64 {
        100.0 * self.mean.mean() / f64::from(self.scale.max())
    }

    /// The percent of maximum possible, `100 · (mean − min)/(max − min)`: 0 to 100 on any scale.
    ///
    /// ```
    /// use cx_scales::{Distribution, Scale};
    /// let d = Distribution::count(Scale::ONE_TO_FIVE, &[1u8])?;
    /// assert_eq!(cx_survey::Csi::new(&d)?.pomp(), 0.0);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn pomp(&self) -> f64 {
        // The mean of a non-empty distribution is finite, the one thing `Scale::pomp` checks, so
        // the formula is applied directly and the CSI stays infallible.
        let min = f64::from(self.scale.min());
        100.0 * (self.mean.mean() - min) / self.scale.span() as f64
    }
}
