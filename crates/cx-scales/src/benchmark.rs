//! Comparing answers on one scale with a benchmark stated on another.

use std::borrow::Cow;
use std::fmt;

use crate::{
    Band, Conversion, Frequencies, MappedBand, Method, ScaleError, Share, ThresholdPolicy,
};

/// Which side of the target a result must be on.
///
/// ```
/// use cx_scales::{Band, BandBenchmark, Goal, Scale, Share};
/// let bottom = Band::bottom_box(Scale::ONE_TO_FIVE, 1)?;
/// let cdsat = BandBenchmark::new("CDSAT", bottom, Goal::AtMost, Share::from_percent(5.0)?);
/// assert!(cdsat.passes(Share::from_percent(4.0)?));
/// # Ok::<(), cx_scales::ScaleError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Goal {
    /// The share must be at least the target (CSAT ≥ 85 %).
    AtLeast,
    /// The share must be at most the target (CDSAT ≤ 5 %).
    AtMost,
}

/// A benchmark on a band of some scale: "the share of 5–7 on 1–7 should be at least 75 %".
///
/// Benchmarks are data, never verdicts in code: build them from whatever source you trust and
/// keep its name with them. [`BandBenchmark::evaluate`] carries the band to the scale of your
/// answers before measuring, so that a result on 1–10 is compared with a 1–7 benchmark on equal
/// terms.
///
/// ```
/// use cx_scales::*;
///
/// // A practitioner's cross-scale example: a 1–10 distribution (percent per point)
/// // against a best-practice benchmark of at least 75 % in 5–7 on a 1–7 scale.
/// let ours = PercentTable::new(
///     Scale::ONE_TO_TEN,
///     [(10, 10.6), (9, 17.2), (8, 30.2), (7, 19.3), (6, 8.1),
///      (5, 5.1), (4, 4.0), (3, 2.4), (2, 0.9), (1, 2.2)],
///     0.1,
/// )?;
/// let best_practice = BandBenchmark::new(
///     "best practice",
///     Band::at_least(Scale::ONE_TO_SEVEN, 5)?,
///     Goal::AtLeast,
///     Share::from_percent(75.0)?,
/// );
/// let r = best_practice.evaluate(&ours, Method::Endpoints, ThresholdPolicy::ExactOnly)?;
/// assert_eq!(r.mapped.band().map(|b| b.lo()), Some(7)); // 5 on 1–7 is exactly 7 on 1–10
/// assert_eq!(format!("{:.1}", r.share), "77.3%");
/// assert!(r.meets);
/// # Ok::<(), cx_scales::ScaleError>(())
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BandBenchmark {
    name: Cow<'static, str>,
    band: Band,
    goal: Goal,
    target: Share,
}

impl BandBenchmark {
    /// The benchmark `name`: the share in `band` should be on the `goal` side of `target`
    /// (inclusive).
    ///
    /// ```
    /// use cx_scales::{Band, BandBenchmark, Goal, Scale, Share};
    /// // COPC: CDSAT, the bottom box, at most 5 %.
    /// let cdsat = BandBenchmark::new("COPC CDSAT", Band::bottom_box(Scale::ONE_TO_FIVE, 1)?,
    ///     Goal::AtMost, Share::from_percent(5.0)?);
    /// assert_eq!(cdsat.name(), "COPC CDSAT");
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn new(name: impl Into<Cow<'static, str>>, band: Band, goal: Goal, target: Share) -> Self {
        BandBenchmark {
            name: name.into(),
            band,
            goal,
            target,
        }
    }

    /// The name.
    ///
    /// ```
    /// use cx_scales::{Band, BandBenchmark, Goal, Scale, Share};
    /// let b = BandBenchmark::new("COPC CSAT", Band::top_box(Scale::ONE_TO_FIVE, 2)?,
    ///     Goal::AtLeast, Share::from_percent(85.0)?);
    /// assert_eq!(b.name(), "COPC CSAT");
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The band, on the benchmark's own scale.
    ///
    /// ```
    /// use cx_scales::{Band, BandBenchmark, Goal, Scale, Share};
    /// let b = BandBenchmark::new("COPC CSAT", Band::top_box(Scale::ONE_TO_FIVE, 2)?,
    ///     Goal::AtLeast, Share::from_percent(85.0)?);
    /// assert_eq!(b.band().lo(), 4);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn band(&self) -> &Band {
        &self.band
    }

    /// Which side of the target passes.
    ///
    /// ```
    /// use cx_scales::{Band, BandBenchmark, Goal, Scale, Share};
    /// let b = BandBenchmark::new("COPC CSAT", Band::top_box(Scale::ONE_TO_FIVE, 2)?,
    ///     Goal::AtLeast, Share::from_percent(85.0)?);
    /// assert_eq!(b.goal(), Goal::AtLeast);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn goal(&self) -> Goal {
        self.goal
    }

    /// The target share.
    ///
    /// ```
    /// use cx_scales::{Band, BandBenchmark, Goal, Scale, Share};
    /// let b = BandBenchmark::new("COPC CSAT", Band::top_box(Scale::ONE_TO_FIVE, 2)?,
    ///     Goal::AtLeast, Share::from_percent(85.0)?);
    /// assert_eq!(b.target().percent(), 85.0);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn target(&self) -> Share {
        self.target
    }

    /// Whether `share` passes.
    ///
    /// ```
    /// use cx_scales::{Band, BandBenchmark, Goal, Scale, Share};
    /// let b = BandBenchmark::new("CSAT", Band::top_box(Scale::ONE_TO_FIVE, 2)?, Goal::AtLeast,
    ///     Share::from_percent(85.0)?);
    /// assert!(b.passes(Share::from_percent(85.0)?));
    /// assert!(!b.passes(Share::from_percent(84.9)?));
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn passes(&self, share: Share) -> bool {
        match self.goal {
            Goal::AtLeast => share >= self.target,
            Goal::AtMost => share <= self.target,
        }
    }

    /// Measures `ours` against the benchmark: the band is carried to the scale of `ours` by
    /// `method`, with `policy` for edges that fall between points, and the share in it compared
    /// with the target.
    ///
    /// # Errors
    /// The errors of [`Conversion::map_band`], and [`ScaleError::Empty`] when `ours` holds no
    /// answers.
    ///
    /// ```
    /// use cx_scales::*;
    /// let ours = Distribution::from_counts(Scale::ONE_TO_FIVE, &[2u64, 3, 10, 40, 45])?;
    /// let top3of7 = BandBenchmark::new("top 3 of 7", Band::top_box(Scale::ONE_TO_SEVEN, 3)?,
    ///     Goal::AtLeast, Share::from_percent(80.0)?);
    /// // 5 of 1–7 lands on 11/3 of 1–5: conservatively the top box is 4–5 (85 %).
    /// let r = top3of7.evaluate(&ours, Method::Endpoints, ThresholdPolicy::Conservative)?;
    /// assert_eq!(r.share.value(), 0.85);
    /// assert!(r.meets);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn evaluate<F: Frequencies + ?Sized>(
        &self,
        ours: &F,
        method: Method,
        policy: ThresholdPolicy,
    ) -> Result<BenchmarkResult, ScaleError> {
        let conversion = Conversion::with_method(self.band.scale(), ours.scale(), method);
        let mapped = conversion.map_band(&self.band, policy)?;
        let share = match mapped.band() {
            Some(band) => ours.share(&band)?,
            None => ours.share_in_span(&mapped.chosen())?,
        };
        Ok(BenchmarkResult {
            share,
            target: self.target,
            meets: self.passes(share),
            mapped,
        })
    }
}

impl fmt::Display for BandBenchmark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let op = match self.goal {
            Goal::AtLeast => "≥",
            Goal::AtMost => "≤",
        };
        write!(
            f,
            "{}: share of {} {op} {}",
            self.name, self.band, self.target
        )
    }
}

/// The outcome of [`BandBenchmark::evaluate`]; with the `serde` feature it serialises.
///
/// ```
/// use cx_scales::*;
/// // Our 1–5 answers against "top 2 of 1–5 at least 80 %".
/// let ours = Distribution::from_counts(Scale::ONE_TO_FIVE, &[1u64, 1, 2, 6, 10])?;
/// let b = BandBenchmark::new("CSAT", Band::top_box(Scale::ONE_TO_FIVE, 2)?, Goal::AtLeast,
///     Share::from_percent(80.0)?);
/// let r: BenchmarkResult = b.evaluate(&ours, Method::Endpoints, ThresholdPolicy::ExactOnly)?;
/// assert_eq!(r.mapped.band().map(|b| (b.lo(), b.hi())), Some((4, 5)));
/// assert_eq!((r.share.value(), r.target.value()), (0.8, 0.8));
/// assert!(r.meets);
/// assert_eq!(format!("{r:.0}"), "4..=5 of 1..=5 → 4..=5 of 1..=5: 80% against 80% (meets)");
/// # Ok::<(), cx_scales::ScaleError>(())
/// ```
#[derive(Clone, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct BenchmarkResult {
    /// The benchmark's band on the scale of the answers measured.
    pub mapped: MappedBand,
    /// The share of the answers in it.
    pub share: Share,
    /// The benchmark's target.
    pub target: Share,
    /// Whether the share is on the passing side of the target.
    pub meets: bool,
}

impl BenchmarkResult {
    /// The share minus the target, in percentage points.
    ///
    /// ```
    /// use cx_scales::*;
    /// let ours = Distribution::from_counts(Scale::ONE_TO_FIVE, &[0u64, 0, 1, 1, 2])?;
    /// let b = BandBenchmark::new("top 2", Band::top_box(Scale::ONE_TO_FIVE, 2)?,
    ///     Goal::AtLeast, Share::from_percent(70.0)?);
    /// let r = b.evaluate(&ours, Method::Endpoints, ThresholdPolicy::ExactOnly)?;
    /// assert!((r.gap_points() - 5.0).abs() < 1e-12);
    /// # Ok::<(), cx_scales::ScaleError>(())
    /// ```
    pub fn gap_points(&self) -> f64 {
        self.share.percent() - self.target.percent()
    }
}

impl fmt::Display for BenchmarkResult {
    /// A precision (`{:.1}`) applies to the shares.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pct = |s: Share| match f.precision() {
            Some(p) => format!("{s:.p$}"),
            None => s.to_string(),
        };
        write!(
            f,
            "{}: {} against {} ({})",
            self.mapped,
            pct(self.share),
            pct(self.target),
            if self.meets { "meets" } else { "misses" }
        )
    }
}
