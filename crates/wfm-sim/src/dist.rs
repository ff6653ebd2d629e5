//! Handle-time and patience distributions, drawn by inversion.
//!
//! Every random quantity of a call is drawn **at its arrival** from one uniform number per
//! quantity and turned into a time by the inverse of its distribution function. The same seed
//! therefore gives the same calls, with the same "size" of handle time and patience, whichever
//! staffing or routing is simulated: comparisons between candidates use common random numbers,
//! and a call's handle time only depends on which group answers it through that group's
//! distribution.
//!
//! * exponential with mean `m`: `−m·ln u`;
//! * lognormal with mean `m` and standard deviation `s`: `σ² = ln(1 + s²/m²)`, `μ = ln m − σ²/2`,
//!   `exp(μ + σ·Φ⁻¹(u))`, with `Φ⁻¹` by P. J. Acklam's rational approximation refined by one
//!   Halley step (within 1e-10 of SciPy's `norm.ppf` at the checked points; the refinement is
//!   limited by the accuracy of the complementary error function used);
//! * empirical: one of the recorded values, each with the same probability (resampling the
//!   records).

use crate::error::{Result, out_of_range};

/// Largest mean or standard deviation of a handle time or a patience, in seconds (about 11.6
/// days).
///
/// ```
/// assert_eq!(wfm_sim::MAX_DURATION_SECONDS, 1e6);
/// ```
pub const MAX_DURATION_SECONDS: f64 = 1e6;

/// Most values in one empirical handle-time distribution.
///
/// ```
/// assert_eq!(wfm_sim::MAX_EMPIRICAL_VALUES, 1_000_000);
/// ```
pub const MAX_EMPIRICAL_VALUES: usize = 1_000_000;

/// A handle-time distribution (talk plus wrap-up), in seconds.
///
/// ```
/// use wfm_sim::HandleTime;
/// let h = HandleTime::Lognormal { mean_seconds: 240.0, sd_seconds: 120.0 };
/// assert!(matches!(h, HandleTime::Lognormal { .. }));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)
)]
#[non_exhaustive]
pub enum HandleTime {
    /// Exponential with the given mean (Erlang C's and Erlang A's assumption).
    Exponential {
        /// Mean handle time, in `(0, MAX_DURATION_SECONDS]`.
        mean_seconds: f64,
    },
    /// Lognormal with the given mean and standard deviation.
    Lognormal {
        /// Mean, in `(0, MAX_DURATION_SECONDS]`.
        mean_seconds: f64,
        /// Standard deviation, in `(0, MAX_DURATION_SECONDS]`.
        sd_seconds: f64,
    },
    /// Recorded handle times, each drawn with the same probability.
    Empirical {
        /// At least one and at most `MAX_EMPIRICAL_VALUES` values, each in
        /// `(0, MAX_DURATION_SECONDS]`.
        seconds: Vec<f64>,
    },
}

/// How long a caller is willing to wait before hanging up, in seconds.
///
/// ```
/// use wfm_sim::Patience;
/// assert_eq!(Patience::default(), Patience::None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)
)]
#[non_exhaustive]
pub enum Patience {
    /// Nobody hangs up (Erlang C).
    #[default]
    None,
    /// Exponential patience with the given mean (Erlang A).
    Exponential {
        /// Mean patience, in `(0, MAX_DURATION_SECONDS]`.
        mean_seconds: f64,
    },
    /// Lognormal patience with the given mean and standard deviation.
    Lognormal {
        /// Mean, in `(0, MAX_DURATION_SECONDS]`.
        mean_seconds: f64,
        /// Standard deviation, in `(0, MAX_DURATION_SECONDS]`.
        sd_seconds: f64,
    },
}

/// A validated distribution, ready to draw from a uniform number in `(0, 1)`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Sampler {
    Never,
    Exponential { mean: f64 },
    Lognormal { mu: f64, sigma: f64 },
    Empirical { values: Box<[f64]> },
}

fn check_duration(parameter: &str, v: f64) -> Result<f64> {
    if v.is_finite() && v > 0.0 && v <= MAX_DURATION_SECONDS {
        Ok(v)
    } else {
        Err(out_of_range(parameter, v, "(0, 1e6] seconds"))
    }
}

fn lognormal(parameter: &str, mean: f64, sd: f64) -> Result<Sampler> {
    let mean = check_duration(&format!("{parameter}.mean_seconds"), mean)?;
    let sd = check_duration(&format!("{parameter}.sd_seconds"), sd)?;
    let cv = sd / mean;
    let sigma2 = (cv * cv).ln_1p();
    Ok(Sampler::Lognormal {
        mu: mean.ln() - 0.5 * sigma2,
        sigma: sigma2.sqrt(),
    })
}

impl Sampler {
    pub(crate) fn handle(parameter: &str, h: &HandleTime) -> Result<Self> {
        match h {
            HandleTime::Exponential { mean_seconds } => Ok(Sampler::Exponential {
                mean: check_duration(&format!("{parameter}.mean_seconds"), *mean_seconds)?,
            }),
            HandleTime::Lognormal {
                mean_seconds,
                sd_seconds,
            } => lognormal(parameter, *mean_seconds, *sd_seconds),
            HandleTime::Empirical { seconds } => {
                if seconds.is_empty() || seconds.len() > MAX_EMPIRICAL_VALUES {
                    return Err(out_of_range(
                        format!("{parameter}.seconds (number of values)"),
                        seconds.len(),
                        "1..=1000000",
                    ));
                }
                for v in seconds {
                    check_duration(&format!("{parameter}.seconds"), *v)?;
                }
                let mut values = seconds.clone();
                values.sort_by(f64::total_cmp);
                Ok(Sampler::Empirical {
                    values: values.into_boxed_slice(),
                })
            }
        }
    }

    pub(crate) fn patience(parameter: &str, p: &Patience) -> Result<Self> {
        match p {
            Patience::None => Ok(Sampler::Never),
            Patience::Exponential { mean_seconds } => Ok(Sampler::Exponential {
                mean: check_duration(&format!("{parameter}.mean_seconds"), *mean_seconds)?,
            }),
            Patience::Lognormal {
                mean_seconds,
                sd_seconds,
            } => lognormal(parameter, *mean_seconds, *sd_seconds),
        }
    }

    /// The mean of the distribution (infinite for `Never`).
    pub(crate) fn mean(&self) -> f64 {
        match self {
            Sampler::Never => f64::INFINITY,
            Sampler::Exponential { mean } => *mean,
            Sampler::Lognormal { mu, sigma } => (mu + 0.5 * sigma * sigma).exp(),
            Sampler::Empirical { values } => values.iter().sum::<f64>() / values.len() as f64,
        }
    }

    /// The value at uniform `u ∈ (0, 1)`; `Never` gives infinity.
    #[inline(always)]
    pub(crate) fn draw(&self, u: f64) -> f64 {
        match self {
            Sampler::Never => f64::INFINITY,
            Sampler::Exponential { mean } => -mean * u.ln(),
            Sampler::Lognormal { mu, sigma } => (mu + sigma * normal_quantile(u)).exp(),
            Sampler::Empirical { values } => {
                // `u < 1`, so the index is below `len`; `min` guards the rounding at the top.
                let i = ((u * values.len() as f64) as usize).min(values.len() - 1);
                values[i]
            }
        }
    }
}

/// `Φ⁻¹(p)` for `p ∈ (0, 1)`: Acklam's approximation (relative error 1.15e-9) and one Halley
/// step on `Φ(x) − p` with `Φ` from the complementary error function.
pub(crate) fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    const P_LOW: f64 = 0.024_25;
    let x = if p < P_LOW {
        let q = (-2.0 * p.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - P_LOW {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        let q = (-2.0 * (1.0 - p).ln()).sqrt();
        -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    // One Halley step.
    let e = 0.5 * statrs::function::erf::erfc(-x / core::f64::consts::SQRT_2) - p;
    let u = e * (2.0 * core::f64::consts::PI).sqrt() * (0.5 * x * x).exp();
    x - u / (1.0 + 0.5 * x * u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_quantile_matches_scipy() {
        // scipy.stats.norm.ppf (SciPy 1.x), 16 digits.
        let cases = [
            (0.5, 0.0),
            (0.975, 1.959_963_984_540_054),
            (0.001, -3.090_232_306_167_813_5),
            (1e-10, -6.361_340_902_404_056),
            (0.8, 0.841_621_233_572_914_3),
        ];
        for (p, x) in cases {
            let got = normal_quantile(p);
            assert!(
                (got - x).abs() <= 1e-10 * x.abs().max(1.0),
                "{p}: {got} vs {x}"
            );
        }
    }

    #[test]
    fn lognormal_mean_is_the_given_mean() {
        let s = lognormal("h", 240.0, 120.0).expect("valid");
        assert!((s.mean() - 240.0).abs() < 1e-9);
    }

    #[test]
    fn bad_durations_are_refused_with_their_name() {
        let e = Sampler::handle(
            "type 'sales'.handle_time",
            &HandleTime::Exponential { mean_seconds: -1.0 },
        )
        .expect_err("negative");
        assert!(e.to_string().contains("sales"));
        assert!(Sampler::handle("h", &HandleTime::Empirical { seconds: vec![] }).is_err());
        assert!(
            Sampler::patience(
                "p",
                &Patience::Exponential {
                    mean_seconds: f64::NAN
                }
            )
            .is_err()
        );
    }
}
