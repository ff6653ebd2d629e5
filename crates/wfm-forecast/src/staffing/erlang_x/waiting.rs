//! What a caller who joins the queue behind `j` others can expect, first come first served,
//! with `n` busy agents finishing at rate `nμ` and every waiting caller hanging up at rate `θ`.
//!
//! The caller's offered wait `V` (the wait until an agent would take it, had it the patience)
//! is a sum of exponential stages of rates `nμ + iθ`, `i = j, j−1, …, 0`. With `x = nμ/θ`,
//! `U = e^{−θV}` has the Beta(x, j + 1) distribution, and the caller is answered when its own
//! patience `τ ~ Exp(θ)` exceeds `V`, with probability `E[U]`. So, with `c = e^{−θT}`:
//!
//! - answered: `x/(x + j + 1)`;
//! - answered within `T`: `E[U; U ≥ c] = x/(x + j + 1) · I_{1−c}(j + 1, x + 1)`;
//! - abandoned within `T`: `1 − E[e^{−θ·min(V, T)}] = 1 − E[U; U ≥ c] − c·I_c(x, j + 1)`;
//! - wait of an answered call, `E[V; answered] = x/(x + j + 1) · Σ_{i=1..j+1} 1/(x + i) / θ`;
//! - time spent waiting, answered or not, `E[min(V, τ)] = (j + 1)/(nμ + (j + 1)θ)`;
//!
//! where `I` is the regularised incomplete beta function. Without abandonment (`θ = 0`) the
//! wait is Gamma(j + 1, nμ): answered within `T` with probability `P(j + 1, nμT)`, the
//! regularised lower incomplete gamma function, and `E[V] = (j + 1)/(nμ)`.

use crate::error::{Error, Result};

/// The measures of one queue position that do not depend on an answer time.
#[derive(Debug, Clone, Copy)]
pub(super) struct Position {
    /// Probability of being answered.
    pub(super) answered: f64,
    /// `E[V; answered]`, seconds.
    pub(super) wait_answered: f64,
    /// `E[min(V, τ)]`, seconds.
    pub(super) wait: f64,
}

/// Positions `j = 0..count` behind `n` agents at service rate `n_mu`, patience rate `theta`.
pub(super) fn positions(n_mu: f64, theta: f64, count: usize) -> Vec<Position> {
    let mut out = Vec::with_capacity(count);
    let mut harmonic = 0.0;
    for j in 0..count {
        // `j` is below the documented bound on lines, far below 2⁵³.
        #[allow(clippy::cast_precision_loss)]
        let j1 = (j + 1) as f64;
        if theta > 0.0 {
            let x = n_mu / theta;
            let answered = x / (x + j1);
            harmonic += 1.0 / (x + j1);
            out.push(Position {
                answered,
                wait_answered: answered * harmonic / theta,
                wait: j1 / (n_mu + j1 * theta),
            });
        } else {
            out.push(Position {
                answered: 1.0,
                wait_answered: j1 / n_mu,
                wait: j1 / n_mu,
            });
        }
    }
    out
}

/// For positions `j = 0..count`: (answered within `t`, abandoned within `t`).
///
/// For whole `j` both incomplete beta functions are negative binomial distribution functions:
/// `I_{1−c}(j + 1, x + 1) = 1 − Σ_{a=0..j} NB(a; x + 1, c)` and `I_c(x, j + 1) = Σ_{a=0..j}
/// NB(a; x, c)`, with `NB(a; s, c) = Γ(a + s)/(Γ(s)·a!)·c^s·(1 − c)^a`, whose terms follow
/// from one another by a multiplication. So every position costs a few operations; the sums
/// are exact to a few rounding units of 1 (absolute). Where the first term underflows (the
/// answer time is hundreds of mean waits long) the incomplete functions are evaluated one by
/// one instead. Without abandonment the same holds for the Poisson form of the gamma function.
pub(super) fn within(n_mu: f64, theta: f64, count: usize, t: f64) -> Result<Vec<(f64, f64)>> {
    let mut out = Vec::with_capacity(count);
    if t == 0.0 || count == 0 {
        out.resize(count, (0.0, 0.0));
        return Ok(out);
    }
    const TINY: f64 = 1e-280;
    if theta > 0.0 {
        let x = n_mu / theta;
        let c = (-theta * t).exp();
        let z = -(-theta * t).exp_m1();
        let (mut s1, mut s0) = ((x + 1.0) * -theta * t, x * -theta * t);
        s1 = s1.exp();
        s0 = s0.exp();
        if s1 > TINY && s0 > TINY {
            // Running terms and sums of NB(·; x + 1, c) and NB(·; x, c).
            let (mut t1, mut t0) = (s1, s0);
            for j in 0..count {
                #[allow(clippy::cast_precision_loss)]
                let jf = j as f64;
                if j > 0 {
                    t1 *= z * (jf + x) / jf;
                    t0 *= z * (jf - 1.0 + x) / jf;
                    s1 += t1;
                    s0 += t0;
                }
                let answered = x / (x + jf + 1.0);
                let aw = answered * (1.0 - s1).max(0.0);
                let bw = (1.0 - aw - c * s0.min(1.0)).max(0.0);
                out.push((aw, bw));
            }
            return Ok(out);
        }
    } else {
        let l = n_mu * t;
        let mut term = (-l).exp();
        if term > TINY {
            let mut sum = term;
            for j in 0..count {
                #[allow(clippy::cast_precision_loss)]
                let jf = j as f64;
                if j > 0 {
                    term *= l / jf;
                    sum += term;
                }
                out.push(((1.0 - sum).max(0.0), 0.0));
            }
            return Ok(out);
        }
    }
    within_by_functions(n_mu, theta, count, t)
}

/// [`within`] by the incomplete beta and gamma functions of `statrs`, one position at a time.
pub(super) fn within_by_functions(
    n_mu: f64,
    theta: f64,
    count: usize,
    t: f64,
) -> Result<Vec<(f64, f64)>> {
    let mut out = Vec::with_capacity(count);
    let fail = || Error::FitFailed {
        model: "Erlang X",
        reason: "an incomplete beta or gamma function could not be evaluated",
    };
    for j in 0..count {
        #[allow(clippy::cast_precision_loss)]
        let j1 = (j + 1) as f64;
        if theta > 0.0 {
            let x = n_mu / theta;
            let c = (-theta * t).exp();
            let one_minus_c = -(-theta * t).exp_m1();
            let answered = x / (x + j1);
            let aw = answered
                * statrs::function::beta::checked_beta_reg(j1, x + 1.0, one_minus_c)
                    .map_err(|_| fail())?;
            let below = if c > 0.0 {
                statrs::function::beta::checked_beta_reg(x, j1, c).map_err(|_| fail())?
            } else {
                0.0
            };
            // Rounding may leave a negative of order 1e-16 where nobody abandons in time.
            let bw = (1.0 - aw - c * below).max(0.0);
            out.push((aw, bw));
        } else {
            let aw = statrs::function::gamma::checked_gamma_lr(j1, n_mu * t).map_err(|_| fail())?;
            out.push((aw, 0.0));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::unwrap_used)]
    fn recurrences_match_the_incomplete_functions() {
        let mut worst = 0.0f64;
        for (n_mu, theta) in [
            (0.05, 1.0 / 120.0),
            (1.0, 1.0 / 30.0),
            (0.001, 0.01),
            (0.2, 0.0),
            (3.0, 0.0),
        ] {
            for t in [0.5, 20.0, 120.0, 600.0] {
                let a = within(n_mu, theta, 200, t).unwrap();
                let b = within_by_functions(n_mu, theta, 200, t).unwrap();
                for (p, q) in a.iter().zip(&b) {
                    worst = worst.max((p.0 - q.0).abs()).max((p.1 - q.1).abs());
                }
            }
        }
        assert!(worst < 1e-12, "{worst}");
    }
}
