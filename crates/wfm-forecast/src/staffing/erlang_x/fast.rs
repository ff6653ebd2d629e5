//! The fast method: redials as extra Poisson arrivals into the one-dimensional M/M/n/N+M
//! queue, at the fixed point of their rate.

use super::{Distribution, ErlangX, Lines};
use crate::error::{Error, Result};

impl ErlangX {
    /// The M/M/n/N+M queue offered `rate`: probabilities of `k = 0..=K` calls.
    pub(super) fn one_dimensional(&self, agents: u32, lines: Lines, rate: f64) -> Result<Vec<f64>> {
        let mut w = Vec::new();
        self.fill(agents, lines, rate, &mut w)?;
        Ok(w)
    }

    /// [`ErlangX::one_dimensional`] into `w`, whose allocation is reused.
    fn fill(&self, agents: u32, lines: Lines, rate: f64, w: &mut Vec<f64>) -> Result<()> {
        let (_, mu, theta, _) = self.rates(agents);
        let n = agents as usize;
        let top = lines.get().map(|l| l as usize);
        w.clear();
        w.push(1.0);
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
                for v in w.iter_mut() {
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
        for v in w.iter_mut() {
            *v /= sum;
        }
        Ok(())
    }

    /// Per attempt, in the one-dimensional queue `p`: (blocked, abandoned). A caller behind
    /// `j` others is answered with probability `x/(x + j + 1)`, `x = nμ/θ`.
    fn lost_shares(p: &[f64], agents: usize, blocked_at_top: bool, x: Option<f64>) -> (f64, f64) {
        let top = p.len() - 1;
        let blocked = if blocked_at_top { p[top] } else { 0.0 };
        let end = if blocked_at_top { top } else { top + 1 };
        let mut abandoned = 0.0;
        if let Some(x) = x {
            for (j, pk) in p[agents.min(end)..end].iter().enumerate() {
                #[allow(clippy::cast_precision_loss)]
                let j1 = (j + 1) as f64;
                abandoned += pk * j1 / (x + j1);
            }
        }
        (blocked, abandoned)
    }

    pub(super) fn fast(&self, agents: u32, lines: Lines) -> Result<Distribution> {
        let (lambda, _, theta, n_mu) = self.rates(agents);
        let n = agents as usize;
        let limited = matches!(lines, Lines::Limited(_));
        let (rb, ra) = (self.redials.blocked, self.redials.abandoned);
        let rate = if self.orbit_possible(lines) {
            let x = (theta > 0.0).then(|| n_mu / theta);
            let mut buf = Vec::new();
            let mut h = |rate: f64| -> Result<f64> {
                self.fill(agents, lines, rate, &mut buf)?;
                let (b, a) = Self::lost_shares(&buf, n, limited, x);
                let into_orbit = if limited { rb * b } else { 0.0 } + ra * a;
                Ok(lambda + rate * into_orbit - rate)
            };
            // h(Λ) = λ + Λ·f(Λ) − Λ falls from h(λ) ≥ 0 to h(λ/(1 − r)) ≤ 0, r the larger
            // redial probability: regula falsi with the Illinois step, to 1e-15 of λ in h.
            let r = rb.max(ra);
            let (mut lo, mut hi) = (lambda, lambda / (1.0 - r));
            let (mut h_lo, mut h_hi) = (h(lo)?, h(hi)?);
            let mut side = 0i8;
            let mut best = lo;
            if h_lo > 0.0 && h_hi < 0.0 {
                for _ in 0..200 {
                    let mid = (lo + h_lo * (hi - lo) / (h_lo - h_hi)).clamp(lo, hi);
                    let h_mid = h(mid)?;
                    best = mid;
                    if h_mid.abs() <= 1e-15 * lambda || hi - lo <= 1e-15 * hi {
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
            } else if h_hi >= 0.0 {
                best = hi;
            }
            best
        } else {
            lambda
        };
        let p = self.one_dimensional(agents, lines, rate)?;
        Ok(Distribution {
            orbit_weighted: vec![0.0; p.len()],
            p,
            attempt_rate: rate,
            orbit_levels: 0,
        })
    }
}
