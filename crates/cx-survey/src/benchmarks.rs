//! Benchmarks as data: every figure states its scale and where it comes from, and comparing a
//! result measured on another scale goes through `cx_scales` conversion. Nothing here is a verdict
//! in code: the tables below are constructors of ordinary values that you can inspect, edit,
//! serialise or replace with your own.
//!
//! | benchmark | constructor | scale | origin |
//! |---|---|---|---|
//! | NPS bands: > 50 good, 30–40 not bad, < 30 be alert, < 0 bad | [`NpsBands::osipov`] | NPS points | Osipov (1) |
//! | CSAT mean: ≤ 3 problems, ≥ 4 fine, ≥ 4.8 excellent | [`MeanBands::csat_osipov`] | mean on 1–5 | Osipov (1) |
//! | COPC CSAT ≥ 85 % (top 2 of 1–5) | [`copc_csat`] | 1–5 | COPC CX standard, as quoted by Zeldin (2) |
//! | COPC CDSAT ≤ 5 % (bottom 1 of 1–5) | [`copc_cdsat`] | 1–5 | COPC CX standard, as quoted by Zeldin (2) |
//! | best practice ≥ 75 % in 5–7 of 1–7 | [`best_practice_csat`] | 1–7 | Zeldin's cross-scale example (2) |
//! | CES quartiles 80.5 / 68.6 / 54.2 % in 5–7 of 1–7 | [`ShareQuartiles::ceb_ces`] | 1–7 | CEB (2014), as quoted by Zeldin (2) |
//!
//! 1. Ilya Osipov, «Завоевывай или умирай: как оставаться на плаву в мире клиентского внимания.
//!    Все про клиентский сервис от А до Я» ("Win or die: staying afloat in the world of customer
//!    attention. Customer service from A to Z"), a practitioner's guide from ten years of
//!    telecom customer service.
//! 2. Oleg Zeldin, posts in the Telegram channel «Клиентский сервис — искусство служить людям»
//!    ("Customer service — the art of serving people") of the consultancy Apex Berg: "Correct
//!    comparison of CSAT measured on different scales", and the posts on CES and on CSAT and
//!    CDSAT under the COPC CX standard.
//!
//! The COPC and CEB figures could not be found in the published COPC or CEB material: they are
//! the figures as the posts quote them, kept as editable data.

use std::borrow::Cow;
use std::fmt;
use std::ops::Bound;

use cx_scales::{
    Band, BandBenchmark, BenchmarkResult, Conversion, Frequencies, Goal, MappedBand, Method, Scale,
    Share, ThresholdPolicy,
};

use crate::{MeanScore, NpsScore, SurveyError};

const OSIPOV: &str = "Ilya Osipov, \"Win or die: staying afloat in the world of customer attention\" (practitioner's guide, in Russian)";
const ZELDIN: &str = "Oleg Zeldin, posts in the Telegram channel \"Customer service - the art of serving people\" (Apex Berg, in Russian)";

/// A band benchmark (from `cx_scales`) with the origin of its figure.
///
/// ```
/// use cx_scales::*;
/// use cx_survey::best_practice_csat;
/// // Oleg Zeldin's example: 58 % in 8–10 on 1–10 looks below a 75 % benchmark stated as 5–7 of 1–7, but 5 on
/// // 1–7 is exactly 7 on 1–10, and the comparable share of 7–10 is 77.3 %: above the benchmark.
/// let ours = PercentTable::new(Scale::ONE_TO_TEN,
///     [(10, 10.6), (9, 17.2), (8, 30.2), (7, 19.3), (6, 8.1), (5, 5.1), (4, 4.0), (3, 2.4),
///      (2, 0.9), (1, 2.2)], 0.1)?;
/// let r = best_practice_csat().evaluate(&ours, Method::Endpoints, ThresholdPolicy::ExactOnly)?;
/// assert_eq!(format!("{:.1}", r.share), "77.3%");
/// assert!(r.meets);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SourcedBenchmark {
    /// The benchmark: band, goal and target on the benchmark's own scale.
    pub benchmark: BandBenchmark,
    /// Where the figure comes from.
    pub origin: Cow<'static, str>,
}

impl SourcedBenchmark {
    /// Measures `ours` (on any scale) against the benchmark: see `cx_scales::BandBenchmark::evaluate`.
    ///
    /// # Errors
    /// [`SurveyError::Scale`] when the band cannot be carried to the scale of `ours` under `policy`,
    /// or `ours` is empty.
    ///
    /// ```
    /// use cx_scales::*;
    /// let ours = Distribution::from_counts(Scale::ONE_TO_FIVE, &[4u64, 6, 10, 40, 40])?;
    /// let r = cx_survey::copc_cdsat().evaluate(&ours, Method::Endpoints, ThresholdPolicy::ExactOnly)?;
    /// assert!(r.meets); // 4 % ≤ 5 %
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn evaluate<F: Frequencies + ?Sized>(
        &self,
        ours: &F,
        method: Method,
        policy: ThresholdPolicy,
    ) -> Result<BenchmarkResult, SurveyError> {
        Ok(self.benchmark.evaluate(ours, method, policy)?)
    }
}

impl fmt::Display for SourcedBenchmark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (source: {})", self.benchmark, self.origin)
    }
}

fn sourced(
    name: &'static str,
    band: Band,
    goal: Goal,
    percent: f64,
    origin: &'static str,
) -> SourcedBenchmark {
    SourcedBenchmark {
        benchmark: BandBenchmark::new(
            name,
            band,
            goal,
            Share::from_percent(percent).expect("a percentage within 0..=100"),
        ),
        origin: Cow::Borrowed(origin),
    }
}

/// COPC: CSAT, the top two points of 1–5, at least 85 % ("on any odd scale after re-mapping the
/// top and bottom points", as Oleg Zeldin quotes the standard).
///
/// ```
/// let b = cx_survey::copc_csat();
/// assert_eq!(b.benchmark.target().percent(), 85.0);
/// assert_eq!(b.benchmark.band().lo(), 4);
/// ```
pub fn copc_csat() -> SourcedBenchmark {
    let band = Band::top_box(Scale::ONE_TO_FIVE, 2).map(|b| b.named("top 2 of 1-5"));
    sourced(
        "COPC CSAT",
        band.expect("a valid band of a built-in scale"),
        Goal::AtLeast,
        85.0,
        concat_origin(),
    )
}

/// COPC: CDSAT, the bottom point of 1–5, at most 5 %.
///
/// ```
/// let b = cx_survey::copc_cdsat();
/// assert_eq!(b.benchmark.target().percent(), 5.0);
/// assert_eq!(b.benchmark.band().hi(), 1);
/// ```
pub fn copc_cdsat() -> SourcedBenchmark {
    let band = Band::bottom_box(Scale::ONE_TO_FIVE, 1).map(|b| b.named("bottom 1 of 1-5"));
    sourced(
        "COPC CDSAT",
        band.expect("a valid band of a built-in scale"),
        Goal::AtMost,
        5.0,
        concat_origin(),
    )
}

/// The best-practice benchmark of Oleg Zeldin's cross-scale example ("Correct comparison of
/// CSAT measured on different scales"): at least 75 % in 5–7 of 1–7.
///
/// ```
/// assert_eq!(cx_survey::best_practice_csat().benchmark.band().lo(), 5);
/// ```
pub fn best_practice_csat() -> SourcedBenchmark {
    let band = Band::at_least(Scale::ONE_TO_SEVEN, 5).map(|b| b.named("5-7 of 1-7"));
    sourced(
        "best-practice CSAT",
        band.expect("a valid band of a built-in scale"),
        Goal::AtLeast,
        75.0,
        ZELDIN,
    )
}

fn concat_origin() -> &'static str {
    "COPC CX standard as quoted by Oleg Zeldin, Telegram channel \"Customer service - the art of serving people\" (not found in COPC's published documents)"
}

/// A named range of values, with open or closed ends.
///
/// ```
/// use std::ops::Bound;
/// use cx_survey::RangeBand;
/// let good = RangeBand::new("good", Bound::Excluded(50.0), Bound::Included(100.0))?;
/// assert!(good.contains(50.5) && !good.contains(50.0));
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawRangeBand"))]
pub struct RangeBand {
    label: Cow<'static, str>,
    lower: Bound<f64>,
    upper: Bound<f64>,
}

/// Serialised form of [`RangeBand`], passed through [`RangeBand::new`] on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawRangeBand {
    label: Cow<'static, str>,
    lower: Bound<f64>,
    upper: Bound<f64>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawRangeBand> for RangeBand {
    type Error = SurveyError;
    fn try_from(r: RawRangeBand) -> Result<RangeBand, SurveyError> {
        RangeBand::new(r.label, r.lower, r.upper)
    }
}

impl RangeBand {
    /// The band `label` from `lower` to `upper`.
    ///
    /// # Errors
    /// [`SurveyError::OutOfRange`] for a NaN bound or a lower bound above the upper one.
    ///
    /// ```
    /// use std::ops::Bound;
    /// use cx_survey::RangeBand;
    /// assert!(RangeBand::new("bad", Bound::Included(10.0), Bound::Included(0.0)).is_err());
    /// ```
    pub fn new(
        label: impl Into<Cow<'static, str>>,
        lower: Bound<f64>,
        upper: Bound<f64>,
    ) -> Result<RangeBand, SurveyError> {
        let value = |b: &Bound<f64>| match b {
            Bound::Included(v) | Bound::Excluded(v) => Some(*v),
            Bound::Unbounded => None,
        };
        for v in [value(&lower), value(&upper)].into_iter().flatten() {
            if v.is_nan() {
                return Err(SurveyError::OutOfRange {
                    name: "band bound",
                    value: v,
                    range: "a number",
                });
            }
        }
        if let (Some(lo), Some(hi)) = (value(&lower), value(&upper))
            && lo > hi
        {
            return Err(SurveyError::OutOfRange {
                name: "band lower bound",
                value: lo,
                range: "at most the upper bound",
            });
        }
        Ok(RangeBand {
            label: label.into(),
            lower,
            upper,
        })
    }

    /// The label.
    ///
    /// ```
    /// use std::ops::Bound;
    /// let b = cx_survey::RangeBand::new("x", Bound::Unbounded, Bound::Unbounded)?;
    /// assert_eq!(b.label(), "x");
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Whether `value` lies in the band.
    ///
    /// ```
    /// use std::ops::Bound;
    /// let b = cx_survey::RangeBand::new("below 0", Bound::Unbounded, Bound::Excluded(0.0))?;
    /// assert!(b.contains(-0.1) && !b.contains(0.0));
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn contains(&self, value: f64) -> bool {
        let above = match self.lower {
            Bound::Included(lo) => value >= lo,
            Bound::Excluded(lo) => value > lo,
            Bound::Unbounded => true,
        };
        let below = match self.upper {
            Bound::Included(hi) => value <= hi,
            Bound::Excluded(hi) => value < hi,
            Bound::Unbounded => true,
        };
        above && below
    }
}

fn band(label: &'static str, lower: Bound<f64>, upper: Bound<f64>) -> RangeBand {
    RangeBand {
        label: Cow::Borrowed(label),
        lower,
        upper,
    }
}

/// Interpretation bands for NPS values. Bands may leave gaps (Osipov's reading names nothing
/// between 40 and 50): a value in a gap has no label, rather than a made-up one.
///
/// ```
/// use cx_survey::{Nps, NpsBands};
/// let bands = NpsBands::osipov();
/// assert_eq!(bands.classify(Nps::from_counts(30, 50, 20)?.score()), Some("be alert")); // NPS 10
/// assert_eq!(bands.classify(Nps::from_counts(70, 10, 20)?.score()), None); // 50: not "above 50"
/// assert_eq!(bands.classify(cx_survey::NpsScore::new(45.0)?), None);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NpsBands {
    /// The bands, checked in order: the first that contains a value labels it.
    pub bands: Vec<RangeBand>,
    /// Where the bands come from.
    pub origin: Cow<'static, str>,
}

impl NpsBands {
    /// Ilya Osipov's reading ("Win or die: staying afloat in the world of customer attention"):
    /// above 50 good; 30–40 not bad; below 30 be alert; below 0 bad.
    ///
    /// ```
    /// let b = cx_survey::NpsBands::osipov();
    /// assert_eq!(b.classify(cx_survey::NpsScore::new(-5.0)?), Some("bad"));
    /// assert_eq!(b.classify(cx_survey::NpsScore::new(50.0)?), None); // "above 50" excludes 50
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn osipov() -> NpsBands {
        use Bound::{Excluded, Included};
        NpsBands {
            bands: vec![
                band("good", Excluded(50.0), Included(100.0)),
                band("not bad", Included(30.0), Included(40.0)),
                band("bad", Included(-100.0), Excluded(0.0)),
                band("be alert", Included(0.0), Excluded(30.0)),
            ],
            origin: Cow::Borrowed(OSIPOV),
        }
    }

    /// The label of the first band containing `score`, if any.
    ///
    /// ```
    /// let b = cx_survey::NpsBands::osipov();
    /// assert_eq!(b.classify(cx_survey::NpsScore::MAX), Some("good"));
    /// ```
    pub fn classify(&self, score: NpsScore) -> Option<&str> {
        self.bands
            .iter()
            .find(|b| b.contains(score.value()))
            .map(RangeBand::label)
    }
}

/// Interpretation bands for a mean score, stated on one scale. A mean measured on another scale is
/// carried to it by linear endpoint mapping (`cx_scales::Conversion`) before it is classified.
///
/// ```
/// use cx_scales::{Distribution, Scale};
/// use cx_survey::{MeanBands, MeanScore};
/// let bands = MeanBands::csat_osipov();
/// // A mean of 9.1 on 1–10 is 4.6 on 1–5: "fine", not "excellent".
/// let d = Distribution::from_counts(Scale::ONE_TO_TEN, &[0u64, 0, 0, 0, 0, 0, 0, 1, 7, 2])?;
/// let m = MeanScore::from_distribution(&d)?;
/// assert_eq!(bands.classify(&m)?, Some("fine"));
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MeanBands {
    /// The scale the bands are stated on.
    pub scale: Scale,
    /// The bands, checked in order.
    pub bands: Vec<RangeBand>,
    /// Where the bands come from.
    pub origin: Cow<'static, str>,
}

impl MeanBands {
    /// Ilya Osipov's CSAT reading on 1–5 ("Win or die: staying afloat in the world of customer
    /// attention"): at most 3 problems, from 4 fine, from 4.8 excellent (nothing between 3 and 4).
    ///
    /// ```
    /// let b = cx_survey::MeanBands::csat_osipov();
    /// assert_eq!(b.classify_value(4.8), Some("excellent"));
    /// assert_eq!(b.classify_value(3.5), None);
    /// ```
    pub fn csat_osipov() -> MeanBands {
        use Bound::{Excluded, Included};
        MeanBands {
            scale: Scale::ONE_TO_FIVE,
            bands: vec![
                band("excellent", Included(4.8), Included(5.0)),
                band("fine", Included(4.0), Excluded(4.8)),
                band("problems", Included(1.0), Included(3.0)),
            ],
            origin: Cow::Borrowed(OSIPOV),
        }
    }

    /// The label of a mean already on the bands' scale.
    ///
    /// ```
    /// assert_eq!(cx_survey::MeanBands::csat_osipov().classify_value(2.0), Some("problems"));
    /// ```
    pub fn classify_value(&self, mean: f64) -> Option<&str> {
        self.bands
            .iter()
            .find(|b| b.contains(mean))
            .map(RangeBand::label)
    }

    /// The label of `mean`, carried to the bands' scale first when it was measured on another.
    ///
    /// # Errors
    /// [`SurveyError::OutOfRange`] when `mean` has no scale (built from summary statistics).
    ///
    /// ```
    /// use cx_survey::{MeanBands, MeanScore};
    /// assert!(MeanBands::csat_osipov().classify(&MeanScore::from_summary(9, 4.0, 1.0)?).is_err());
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn classify(&self, mean: &MeanScore) -> Result<Option<&str>, SurveyError> {
        let from = mean.scale().ok_or(SurveyError::OutOfRange {
            name: "scale",
            value: f64::NAN,
            range: "a mean computed from a distribution on a scale",
        })?;
        let value = Conversion::new(from, self.scale).map_f64(mean.mean())?;
        Ok(self.classify_value(value))
    }
}

/// Where a share falls among published quartile cut points.
///
/// ```
/// use cx_scales::Share;
/// use cx_survey::{Quartile, ShareQuartiles};
/// let q = ShareQuartiles::ceb_ces();
/// assert_eq!(q.place(Share::from_percent(70.0)?), Quartile::Second);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Quartile {
    /// Above the top-quartile cut.
    Top,
    /// Above the median, at most the top-quartile cut.
    Second,
    /// At least the bottom-quartile cut, at most the median.
    Third,
    /// Below the bottom-quartile cut.
    Bottom,
}

/// Quartile cut points for a share in a band: the CEB CES quartiles, or your own.
///
/// ```
/// use cx_scales::*;
/// use cx_survey::{Quartile, ShareQuartiles};
/// let ces = Distribution::from_counts(Scale::ONE_TO_SEVEN, &[2u64, 3, 5, 8, 22, 30, 30])?;
/// let q = ShareQuartiles::ceb_ces().evaluate(&ces, Method::Endpoints, ThresholdPolicy::ExactOnly)?;
/// assert_eq!(q.share.percent(), 82.0);
/// assert_eq!(q.quartile, Quartile::Top);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawShareQuartiles"))]
pub struct ShareQuartiles {
    name: Cow<'static, str>,
    band: Band,
    cuts: [Share; 3],
    origin: Cow<'static, str>,
}

/// Serialised form of [`ShareQuartiles`], passed through [`ShareQuartiles::new`] on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawShareQuartiles {
    name: Cow<'static, str>,
    band: Band,
    cuts: [Share; 3],
    origin: Cow<'static, str>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawShareQuartiles> for ShareQuartiles {
    type Error = SurveyError;
    fn try_from(r: RawShareQuartiles) -> Result<ShareQuartiles, SurveyError> {
        ShareQuartiles::new(r.name, r.band, r.cuts, r.origin)
    }
}

impl ShareQuartiles {
    /// Cut points `top > median > bottom` for the share in `band`.
    ///
    /// # Errors
    /// [`SurveyError::UnorderedCuts`] unless `top > median > bottom`.
    ///
    /// ```
    /// use cx_scales::{Band, Scale, Share};
    /// use cx_survey::ShareQuartiles;
    /// let band = Band::top_box(Scale::ONE_TO_FIVE, 2)?;
    /// let s = |p| Share::from_percent(p);
    /// assert!(ShareQuartiles::new("mine", band.clone(), [s(90.0)?, s(80.0)?, s(70.0)?], "our 2025 survey").is_ok());
    /// assert!(ShareQuartiles::new("mine", band, [s(70.0)?, s(80.0)?, s(90.0)?], "typo").is_err());
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn new(
        name: impl Into<Cow<'static, str>>,
        band: Band,
        cuts: [Share; 3],
        origin: impl Into<Cow<'static, str>>,
    ) -> Result<ShareQuartiles, SurveyError> {
        if !(cuts[0] > cuts[1] && cuts[1] > cuts[2]) {
            return Err(SurveyError::UnorderedCuts {
                cuts: cuts.iter().map(|c| c.value()).collect(),
            });
        }
        Ok(ShareQuartiles {
            name: name.into(),
            band,
            cuts,
            origin: origin.into(),
        })
    }

    /// CEB (2014) CES quartiles for the share of 5–7 on the 7-point agreement scale: top quartile
    /// above 80.5 %, median above 68.6 %, bottom quartile below 54.2 %.
    ///
    /// ```
    /// let q = cx_survey::ShareQuartiles::ceb_ces();
    /// assert_eq!(q.cuts().map(|c| c.percent()), [80.5, 68.6, 54.2]);
    /// ```
    pub fn ceb_ces() -> ShareQuartiles {
        let s = |p: f64| Share::from_percent(p).expect("a percentage within 0..=100");
        ShareQuartiles {
            name: Cow::Borrowed("CEB CES quartiles"),
            band: Band::at_least(Scale::ONE_TO_SEVEN, 5)
                .map(|b| b.named("5-7 of 1-7"))
                .expect("a valid band of a built-in scale"),
            cuts: [s(80.5), s(68.6), s(54.2)],
            origin: Cow::Borrowed(
                "CEB (2014) as quoted by Oleg Zeldin, Telegram channel \"Customer service - the art of serving people\" (cut points not found in CEB/Gartner material)",
            ),
        }
    }

    /// The name.
    ///
    /// ```
    /// assert_eq!(cx_survey::ShareQuartiles::ceb_ces().name(), "CEB CES quartiles");
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The band, on the benchmark's scale.
    ///
    /// ```
    /// assert_eq!(cx_survey::ShareQuartiles::ceb_ces().band().lo(), 5);
    /// ```
    pub fn band(&self) -> &Band {
        &self.band
    }

    /// The cut points, top quartile first.
    ///
    /// ```
    /// assert_eq!(cx_survey::ShareQuartiles::ceb_ces().cuts()[1].percent(), 68.6);
    /// ```
    pub fn cuts(&self) -> [Share; 3] {
        self.cuts
    }

    /// Where the origin of the cut points is stated.
    ///
    /// ```
    /// assert!(cx_survey::ShareQuartiles::ceb_ces().origin().starts_with("CEB"));
    /// ```
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The quartile of a share measured on the benchmark's own band.
    ///
    /// ```
    /// use cx_scales::Share;
    /// use cx_survey::{Quartile, ShareQuartiles};
    /// let q = ShareQuartiles::ceb_ces();
    /// assert_eq!(q.place(Share::from_percent(80.5)?), Quartile::Second); // "above 80.5" is strict
    /// assert_eq!(q.place(Share::from_percent(54.2)?), Quartile::Third);
    /// assert_eq!(q.place(Share::from_percent(50.0)?), Quartile::Bottom);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn place(&self, share: Share) -> Quartile {
        if share > self.cuts[0] {
            Quartile::Top
        } else if share > self.cuts[1] {
            Quartile::Second
        } else if share >= self.cuts[2] {
            Quartile::Third
        } else {
            Quartile::Bottom
        }
    }

    /// Carries the band to the scale of `ours` (as `cx_scales::BandBenchmark::evaluate` does),
    /// measures the share there and places it.
    ///
    /// # Errors
    /// [`SurveyError::Scale`] when the band cannot be carried under `policy` or `ours` is empty.
    ///
    /// ```
    /// use cx_scales::*;
    /// use cx_survey::ShareQuartiles;
    /// // CES asked on 1–5: 5 of 1–7 lands on 11/3, between points; say what to do.
    /// let ours = Distribution::from_counts(Scale::ONE_TO_FIVE, &[5u64, 5, 10, 40, 40])?;
    /// let q = ShareQuartiles::ceb_ces();
    /// assert!(q.evaluate(&ours, Method::Endpoints, ThresholdPolicy::ExactOnly).is_err());
    /// let r = q.evaluate(&ours, Method::Endpoints, ThresholdPolicy::Conservative)?;
    /// assert_eq!(r.share.percent(), 80.0);
    /// # Ok::<(), cx_survey::SurveyError>(())
    /// ```
    pub fn evaluate<F: Frequencies + ?Sized>(
        &self,
        ours: &F,
        method: Method,
        policy: ThresholdPolicy,
    ) -> Result<QuartilePlacement, SurveyError> {
        let conversion = Conversion::with_method(self.band.scale(), ours.scale(), method);
        let mapped = conversion.map_band(&self.band, policy)?;
        let share = match mapped.band() {
            Some(b) => ours.share(&b)?,
            None => ours.share_in_span(&mapped.chosen())?,
        };
        Ok(QuartilePlacement {
            share,
            quartile: self.place(share),
            mapped,
        })
    }
}

/// The result of [`ShareQuartiles::evaluate`].
///
/// ```
/// use cx_scales::*;
/// let d = Distribution::from_counts(Scale::ONE_TO_SEVEN, &[10u64, 10, 10, 10, 20, 20, 20])?;
/// let r = cx_survey::ShareQuartiles::ceb_ces().evaluate(&d, Method::Endpoints, ThresholdPolicy::ExactOnly)?;
/// assert!(r.mapped.is_exact());
/// assert_eq!(r.quartile, cx_survey::Quartile::Third);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct QuartilePlacement {
    /// The share of `ours` in the mapped band.
    pub share: Share,
    /// Its quartile.
    pub quartile: Quartile,
    /// How the band was carried to the scale of `ours`.
    pub mapped: MappedBand,
}
