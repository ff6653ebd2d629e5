//! How many answers (or audited contacts) are needed for a margin of error, and what margin a
//! given sample achieves, with the finite population correction.
//!
//! For a share with anticipated value `p`, margin `e` and `z = Φ⁻¹(1 − α/2)` (Cochran 1977):
//! `n₀ = z² p(1 − p) / e²`, and from a population of `N`, `n = n₀ / (1 + (n₀ − 1)/N)`, rounded up.
//! For an NPS the per-respondent variance `V = (p + d) − (p − d)²` replaces `p(1 − p)`; it is at
//! most 1 (half promoters, half detractors), the worst case used when no pilot is given. The
//! margin achieved by `n` answers is `e = z √(V/n · (N − n)/(N − 1))`.
//!
//! Ilya Osipov's audit rule of thumb ("Win or die: staying afloat in the world of customer
//! attention") — audit 5–10 % of hundreds or thousands of contacts,
//! 30–50 of about 100 — is set against the formula by [`audit_rule_of_thumb`]: at p = ½ it gives
//! ±13.5 points for 50 of 1,000 calls and reaches ±5 points only from about 3,455 contacts at 10 %
//! (Cochran's formula with the finite population correction). Report the achieved margin rather
//! than a fixed percentage.

use cx_scales::Share;

use crate::{Confidence, Nps, SurveyError};

/// A required sample size, with the unrounded figures behind it.
///
/// ```
/// use cx_scales::Share;
/// use cx_survey::{Confidence, share_sample_size};
/// // statsmodels samplesize_confint_proportion(0.5, 0.05) = 384.14588206941266.
/// let s = share_sample_size(0.05, Confidence::NINETY_FIVE, Share::new(0.5)?, None)?;
/// assert!((s.infinite_population - 384.14588206941266).abs() < 1e-9);
/// assert_eq!(s.required, 385);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SampleSize {
    /// `n₀`, the size for an infinite population, unrounded.
    pub infinite_population: f64,
    /// `n₀ / (1 + (n₀ − 1)/N)`, unrounded (equal to `n₀` without a population).
    pub corrected: f64,
    /// The size to draw: `corrected` rounded up (values within 1e-12 relative of a whole number
    /// are taken as that number, so floating-point noise never adds an answer).
    pub required: u64,
    /// The population size, if finite.
    pub population: Option<u64>,
}

fn check_margin(
    margin: f64,
    max: f64,
    name: &'static str,
    range: &'static str,
) -> Result<(), SurveyError> {
    if margin > 0.0 && margin < max {
        Ok(())
    } else {
        Err(SurveyError::OutOfRange {
            name,
            value: margin,
            range,
        })
    }
}

/// The Bernoulli variance `p(1 − p)` of an anticipated share, which must be strictly between 0
/// and 1: a share of 0 or 1 has no variance to plan for (as a pilot NPS with every answer in one
/// group).
fn share_variance(anticipated: Share) -> Result<f64, SurveyError> {
    let p = anticipated.value();
    let v = p * (1.0 - p);
    if v > 0.0 {
        Ok(v)
    } else {
        Err(SurveyError::OutOfRange {
            name: "anticipated share",
            value: p,
            range: "strictly between 0 and 1 (a share of 0 or 1 has no variance to plan for)",
        })
    }
}

fn size(
    variance: f64,
    margin: f64,
    confidence: Confidence,
    population: Option<u64>,
) -> Result<SampleSize, SurveyError> {
    if population == Some(0) {
        return Err(SurveyError::OutOfRange {
            name: "population",
            value: 0.0,
            range: "1.. (or None for an unlimited population)",
        });
    }
    let z = confidence.z();
    let n0 = z * z * variance / (margin * margin);
    if !n0.is_finite() {
        return Err(SurveyError::OutOfRange {
            name: "margin",
            value: margin,
            range: "large enough that z²·variance / margin² is finite",
        });
    }
    let corrected = match population {
        // n₀ / (1 + (n₀ − 1)/1) = 1 for every n₀ > 0; written out, it is 0/0 when n₀ underflows.
        Some(1) => 1.0,
        // N ≥ 2: the denominator is at least 1 − 1/N > 0.
        Some(big_n) => n0 / (1.0 + (n0 - 1.0) / big_n as f64),
        None => n0,
    };
    let rounded = (corrected - corrected * 1e-12).ceil().max(1.0);
    // Without a population the size is unbounded; it must still be a count.
    if rounded >= u64::MAX as f64 {
        return Err(SurveyError::CountOverflow);
    }
    let mut required = rounded as u64;
    if let Some(big_n) = population {
        required = required.min(big_n);
    }
    Ok(SampleSize {
        infinite_population: n0,
        corrected,
        required,
        population,
    })
}

/// The sample size for estimating a share within `±margin` (a fraction: 0.05 for ±5 points), at
/// `confidence`, when the share is expected near `anticipated` (0.5, the worst case, when
/// unknown), from a population of `population` (None for unlimited).
///
/// # Errors
/// [`SurveyError::OutOfRange`] for a margin outside (0, 1) (or so small that the size is not
/// finite), a population of 0, or an anticipated share of 0 or 1 (no variance to plan for, as a
/// pilot NPS with every answer in one group); [`SurveyError::CountOverflow`] when an unlimited
/// population needs more than `u64::MAX` answers.
///
/// ```
/// use cx_scales::Share;
/// use cx_survey::{Confidence, share_sample_size};
/// // Cochran with the finite population correction: 1,200 calls this month, ±5 points at 95 %:
/// // audit 292 of them.
/// let s = share_sample_size(0.05, Confidence::NINETY_FIVE, Share::new(0.5)?, Some(1200))?;
/// assert_eq!(s.required, 292);
/// assert!(share_sample_size(0.05, Confidence::NINETY_FIVE, Share::ZERO, Some(1)).is_err());
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
pub fn share_sample_size(
    margin: f64,
    confidence: Confidence,
    anticipated: Share,
    population: Option<u64>,
) -> Result<SampleSize, SurveyError> {
    check_margin(margin, 1.0, "margin", "(0, 1), a fraction such as 0.05")?;
    size(share_variance(anticipated)?, margin, confidence, population)
}

/// The sample size for estimating an NPS within `±margin_points` NPS points. The variance comes
/// from `pilot` (earlier answers) or, without one, its worst case 1.
///
/// # Errors
/// [`SurveyError::OutOfRange`] for a margin outside (0, 200) points (or so small that the size is
/// not finite), a population of 0, or a pilot whose variance is 0 (all answers in one group: it
/// cannot anticipate anything); [`SurveyError::CountOverflow`] when an unlimited population needs
/// more than `u64::MAX` answers.
///
/// ```
/// use cx_survey::{Confidence, Nps, nps_sample_size};
/// // Worst case, ±10 points at 95 %: z² / 0.1² = 384.1 → 385.
/// assert_eq!(nps_sample_size(10.0, Confidence::NINETY_FIVE, None, None)?.required, 385);
/// let pilot = Nps::from_counts(70, 10, 20)?; // variance 0.65
/// assert_eq!(nps_sample_size(10.0, Confidence::NINETY_FIVE, Some(&pilot), None)?.required, 250);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
pub fn nps_sample_size(
    margin_points: f64,
    confidence: Confidence,
    pilot: Option<&Nps>,
    population: Option<u64>,
) -> Result<SampleSize, SurveyError> {
    check_margin(margin_points, 200.0, "margin_points", "(0, 200) NPS points")?;
    let v = nps_variance(pilot)?;
    size(v, margin_points / 100.0, confidence, population)
}

fn nps_variance(pilot: Option<&Nps>) -> Result<f64, SurveyError> {
    match pilot {
        None => Ok(1.0),
        Some(n) if n.variance() > 0.0 => Ok(n.variance()),
        Some(_) => Err(SurveyError::OutOfRange {
            name: "pilot variance",
            value: 0.0,
            range: "> 0 (a pilot with answers in at least two groups)",
        }),
    }
}

fn margin(
    variance: f64,
    n: u64,
    population: Option<u64>,
    confidence: Confidence,
) -> Result<f64, SurveyError> {
    if n == 0 {
        return Err(SurveyError::NoResponses {
            what: "a margin of error",
        });
    }
    let fpc = match population {
        Some(big_n) if n > big_n => {
            return Err(SurveyError::SampleExceedsPopulation {
                sample: n,
                population: big_n,
            });
        }
        Some(big_n) if big_n == n => 0.0,
        Some(big_n) => (big_n - n) as f64 / (big_n - 1) as f64,
        None => 1.0,
    };
    Ok(confidence.z() * (variance / n as f64 * fpc).sqrt())
}

/// The margin of error (a fraction) of a share estimated from `n` answers drawn from
/// `population`, when the share is near `anticipated`.
///
/// # Errors
/// [`SurveyError::NoResponses`] for `n = 0`, [`SurveyError::SampleExceedsPopulation`], and
/// [`SurveyError::OutOfRange`] for an anticipated share of 0 or 1 (as [`share_sample_size`]).
///
/// ```
/// use cx_scales::Share;
/// use cx_survey::{Confidence, share_margin};
/// // With the finite population correction: 30 of 100 audited → ±15.0 points; 100 of 1,000 →
/// // ±9.3 points.
/// let half = Share::new(0.5)?;
/// assert_eq!(format!("{:.3}", share_margin(30, Some(100), half, Confidence::NINETY_FIVE)?), "0.150");
/// assert_eq!(format!("{:.3}", share_margin(100, Some(1000), half, Confidence::NINETY_FIVE)?), "0.093");
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
pub fn share_margin(
    n: u64,
    population: Option<u64>,
    anticipated: Share,
    confidence: Confidence,
) -> Result<f64, SurveyError> {
    margin(share_variance(anticipated)?, n, population, confidence)
}

/// The margin of error, in NPS points, of an NPS from `n` answers drawn from `population`, with
/// the variance of `pilot` or the worst case 1.
///
/// # Errors
/// As [`share_margin`], and as [`nps_sample_size`] for a pilot without variance.
///
/// ```
/// use cx_survey::{Confidence, nps_margin};
/// let m = nps_margin(400, None, None, Confidence::NINETY_FIVE)?;
/// assert!((m - 9.79981992270027).abs() < 1e-12); // 100 · z / 20
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
pub fn nps_margin(
    n: u64,
    population: Option<u64>,
    pilot: Option<&Nps>,
    confidence: Confidence,
) -> Result<f64, SurveyError> {
    Ok(100.0 * margin(nps_variance(pilot)?, n, population, confidence)?)
}

/// Ilya Osipov's audit rule of thumb for one population, with the margins it delivers.
///
/// ```
/// use cx_scales::Share;
/// use cx_survey::{Confidence, audit_rule_of_thumb};
/// let r = audit_rule_of_thumb(1000, Share::new(0.5)?, Confidence::NINETY_FIVE)?;
/// assert_eq!((r.low, r.high), (50, 100));
/// assert_eq!(format!("{:.1}", 100.0 * r.margin_at_low), "13.5"); // far from ±5 points
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AuditRule {
    /// The number of contacts in the period.
    pub population: u64,
    /// The smaller sample the rule suggests.
    pub low: u64,
    /// The larger sample the rule suggests.
    pub high: u64,
    /// The margin of error (a fraction) of a share measured on `low` contacts.
    pub margin_at_low: f64,
    /// The margin of error (a fraction) of a share measured on `high` contacts.
    pub margin_at_high: f64,
}

/// Populations up to this size read as "about 100" in the rule of thumb (our reading; the rule
/// itself names no boundary).
///
/// ```
/// use cx_scales::Share;
/// use cx_survey::{Confidence, SMALL_AUDIT_POPULATION, audit_rule_of_thumb};
/// let half = Share::new(0.5)?;
/// let small = audit_rule_of_thumb(SMALL_AUDIT_POPULATION, half, Confidence::NINETY_FIVE)?;
/// assert_eq!((small.low, small.high), (30, 50));
/// let large = audit_rule_of_thumb(SMALL_AUDIT_POPULATION + 1, half, Confidence::NINETY_FIVE)?;
/// assert_eq!((large.low, large.high), (10, 20)); // 5–10 % from here on
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
pub const SMALL_AUDIT_POPULATION: u64 = 200;

/// Ilya Osipov's rule of thumb for `population` contacts: 30–50 (at most the population) up to
/// [`SMALL_AUDIT_POPULATION`] contacts, otherwise 5–10 % rounded to the nearest contact (at least
/// 1); with the margins those samples achieve for a share near `anticipated`.
///
/// # Errors
/// [`SurveyError::OutOfRange`] for a population of 0 or an anticipated share of 0 or 1.
///
/// ```
/// use cx_scales::Share;
/// use cx_survey::{Confidence, audit_rule_of_thumb};
/// let r = audit_rule_of_thumb(100, Share::new(0.5)?, Confidence::NINETY_FIVE)?;
/// assert_eq!((r.low, r.high), (30, 50));
/// assert_eq!(format!("{:.1}", 100.0 * r.margin_at_high), "9.8");
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
pub fn audit_rule_of_thumb(
    population: u64,
    anticipated: Share,
    confidence: Confidence,
) -> Result<AuditRule, SurveyError> {
    if population == 0 {
        return Err(SurveyError::OutOfRange {
            name: "population",
            value: 0.0,
            range: "1..",
        });
    }
    let (low, high) = if population <= SMALL_AUDIT_POPULATION {
        (30.min(population), 50.min(population))
    } else {
        let pct = |k: u128| (((u128::from(population) * k + 50) / 100) as u64).max(1);
        (pct(5), pct(10))
    };
    Ok(AuditRule {
        population,
        low,
        high,
        margin_at_low: share_margin(low, Some(population), anticipated, confidence)?,
        margin_at_high: share_margin(high, Some(population), anticipated, confidence)?,
    })
}
