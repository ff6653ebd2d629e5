//! The fast method: redials as extra Poisson arrivals into the one-dimensional M/M/n/N+M
//! queue, at the fixed point of their rate.

use super::waiting::{Position, positions};
use super::{Distribution, ErlangX, Lines};
use crate::error::{Error, Result};

impl ErlangX {
    /// The M/M/n/N+M queue offered `rate`: probabilities of `k = 0..=K` calls.
    pub(super) fn one_dimensional(&self, agents: u32, lines: Lines, rate: f64) -> Result<Vec<f64>> {
        let (_, mu, theta, _) = self.rates(agents);
        let n = agents as usize;
        let top = lines.get().map(|l| l as usize);
        let mut w = vec![1.0];
        let mut sum = 1.0;
        let mut k = 0usize;
        loop {
            if top == Some(k) {
                break;
            }
            let k1 = k + 1;
            #[allow(clippy::cast_precision_loss)]
            let death = (k1.min(n) as f64) * mu + (k1.saturating_sub(n) as f64) * theta;
            let ratio = rate / death;
            let next = w[k] * ratio;
            w.push(next);
            sum += next;
            if next > 1e250 {
                for v in &mut w {
                    *v *= 1e-250;
                }
                sum *= 1e-250;
            }
            k = k1;
            if top.is_none() && k > n && ratio < 1.0 {
                // Later ratios are smaller: the rest is below next·ratio/(1 − ratio).
                if next * ratio / (1.0 - ratio) <= 1e-18 * sum {
                    break;
                }
            }
            if top.is_none() && k >= Self::MAX_LINES as usize {
                return Err(Error::CountTooLarge {
                    parameter: "calls in an unlimited queue",
                    value: k as u64,
                    max: u64::from(Self::MAX_LINES),
                    advice: "the queue is too close to its capacity: add agents or limit the lines",
                });
            }
        }
        for v in &mut w {
            *v /= sum;
        }
        Ok(w)
    }

    /// Per attempt, in the one-dimensional queue: (blocked, abandoned).
    fn lost_shares(p: &[f64], agents: usize, blocked_at_top: bool, pos: &[Position]) -> (f64, f64) {
        let top = p.len() - 1;
        let blocked = if blocked_at_top { p[top] } else { 0.0 };
        let end = if blocked_at_top { top } else { top + 1 };
        let mut abandoned = 0.0;
        for k in agents..end {
            abandoned += p[k] * (1.0 - pos[k - agents].answered);
        }
        (blocked, abandoned)
    }

    pub(super) fn fast(&self, agents: u32, lines: Lines) -> Result<Distribution> {
        let (lambda, _, theta, n_mu) = self.rates(agents);
        let n = agents as usize;
        let limited = matches!(lines, Lines::Limited(_));
        let (rb, ra) = (self.redials.blocked, self.redials.abandoned);
        let eval = |rate: f64| -> Result<(Vec<f64>, f64)> {
            let p = self.one_dimensional(agents, lines, rate)?;
            let pos = positions(n_mu, theta, p.len().saturating_sub(n));
            let (b, a) = Self::lost_shares(&p, n, limited, &pos);
            let into_orbit = if limited { rb * b } else { 0.0 } + ra * a;
            Ok((p, lambda + rate * into_orbit - rate))
        };
        if !self.orbit_possible(lines) {
            let (p, _) = eval(lambda)?;
            return Ok(Distribution {
                orbit_weighted: vec![0.0; p.len()],
                p,
                attempt_rate: lambda,
                orbit_levels: 0,
            });
        }
        // h(Λ) = λ + Λ·f(Λ) − Λ falls from h(λ) ≥ 0 to h(λ/(1 − r)) ≤ 0, r the larger
        // redial probability: regula falsi with the Illinois step.
        let r = rb.max(ra);
        let (mut lo, mut hi) = (lambda, lambda / (1.0 - r));
        let (p_lo, mut h_lo) = eval(lo)?;
        let mut best = (p_lo, lo);
        if h_lo > 0.0 {
            let (p_hi, mut h_hi) = eval(hi)?;
            best = (p_hi, hi);
            let mut side = 0i8;
            for _ in 0..200 {
                if hi - lo <= 1e-14 * hi || h_hi == 0.0 {
                    break;
                }
                let mid = if h_lo - h_hi > 0.0 {
                    (lo + h_lo * (hi - lo) / (h_lo - h_hi)).clamp(lo, hi)
                } else {
                    0.5 * (lo + hi)
                };
                let (p_mid, h_mid) = eval(mid)?;
                best = (p_mid, mid);
                if h_mid == 0.0 {
                    break;
                }
                if h_mid > 0.0 {
                    lo = mid;
                    h_lo = h_mid;
                    if side == 1 {
                        h_hi *= 0.5;
                    }
                    side = 1;
                } else {
                    hi = mid;
                    h_hi = h_mid;
                    if side == -1 {
                        h_lo *= 0.5;
                    }
                    side = -1;
                }
            }
        }
        let (p, rate) = best;
        Ok(Distribution {
            orbit_weighted: vec![0.0; p.len()],
            p,
            attempt_rate: rate,
            orbit_levels: 0,
        })
    }
}
