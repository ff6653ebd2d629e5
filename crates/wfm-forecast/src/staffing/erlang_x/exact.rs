//! The exact method: the two-dimensional chain (calls on the lines × callers waiting to
//! redial), cut where the probability left out is below the documented bound, solved by state
//! reduction.

use super::chain::BandedChain;
use super::{Distribution, ErlangX, Lines};
use crate::error::{Error, Result};

impl ErlangX {
    pub(super) fn exact(&self, agents: u32, lines: Lines) -> Result<Distribution> {
        self.exact_stretched(agents, lines, 1)
    }

    /// [`ErlangX::exact`] with the first cut of the orbit (and of an unlimited trunk's queue)
    /// `stretch` times as far out: for the test of the truncation bound.
    pub(super) fn exact_stretched(
        &self,
        agents: u32,
        lines: Lines,
        stretch: usize,
    ) -> Result<Distribution> {
        let (lambda, mu, theta, _) = self.rates(agents);
        let gamma = 1.0 / self.redials.delay_s;
        let (rb, ra) = (self.redials.blocked, self.redials.abandoned);
        let n = agents as usize;
        let estimate = self.fast(agents, lines)?;
        let orbit_mean = (estimate.attempt_rate - lambda).max(0.0) / gamma;
        let mut m_top = if self.orbit_possible(lines) {
            // Far past where a Poisson orbit of this mean ends; the orbit is burstier than
            // that (redials come in waves after congestion), and the cut is extended below
            // until its tail is negligible.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let m = (2.0 * orbit_mean + 20.0 * orbit_mean.sqrt() + 30.0).ceil() as usize;
            m
        } else {
            0
        };
        let limited = lines.get().map(|l| l as usize);
        let mut k_top = match limited {
            Some(l) => l,
            None => {
                // The calls' tail under a quarter more traffic than the estimate.
                // (Without abandonment nobody can redial with unlimited lines: the rate is λ.)
                let margin = if theta > 0.0 { 1.25 } else { 1.0 };
                let p = self.one_dimensional(agents, lines, estimate.attempt_rate * margin)?;
                p.len() - 1
            }
        };
        m_top = m_top.saturating_mul(stretch);
        if limited.is_none() {
            k_top = n + (k_top - n).saturating_mul(stretch);
        }
        loop {
            let (kk, mm) = (k_top + 1, m_top + 1);
            let states = kk.checked_mul(mm);
            let band = kk.min(mm) + 1;
            let cells = states.and_then(|s| s.checked_mul(2 * band + 1));
            let Some(cells) = cells.filter(|&c| c <= Self::MAX_CHAIN_CELLS) else {
                return Err(Error::CountTooLarge {
                    parameter: "Erlang X chain (stored rates)",
                    value: cells.map_or(u64::MAX, |c| c as u64),
                    max: Self::MAX_CHAIN_CELLS as u64,
                    advice: "the orbit of redialling callers or the queue is too long for the exact chain: use the fast method",
                });
            };
            let _ = cells;
            let calls_outer = mm <= kk;
            let idx = |k: usize, m: usize| if calls_outer { k * mm + m } else { m * kk + k };
            let mut c = BandedChain::new(kk * mm, band);
            for k in 0..kk {
                #[allow(clippy::cast_precision_loss)]
                let (served, waiting) =
                    ((k.min(n) as f64) * mu, (k.saturating_sub(n) as f64) * theta);
                for m in 0..mm {
                    let from = idx(k, m);
                    #[allow(clippy::cast_precision_loss)]
                    let redial = (m as f64) * gamma;
                    if k < k_top {
                        c.add(from, idx(k + 1, m), lambda);
                        if m > 0 {
                            c.add(from, idx(k + 1, m - 1), redial);
                        }
                    } else {
                        let stay = if limited.is_some() { rb } else { 0.0 };
                        if m < m_top {
                            c.add(from, idx(k, m + 1), lambda * stay);
                        }
                        if m > 0 {
                            c.add(from, idx(k, m - 1), redial * (1.0 - stay));
                        }
                    }
                    if k > 0 {
                        if m < m_top {
                            c.add(from, idx(k - 1, m), served + waiting * (1.0 - ra));
                            c.add(from, idx(k - 1, m + 1), waiting * ra);
                        } else {
                            c.add(from, idx(k - 1, m), served + waiting);
                        }
                    }
                }
            }
            let Some(pi) = c.stationary() else {
                return Err(Error::FitFailed {
                    model: "Erlang X",
                    reason: "the chain could not be solved (a state cannot be left)",
                });
            };
            let mut p = vec![0.0; kk];
            let mut q = vec![0.0; kk];
            let mut level = vec![0.0; mm];
            for k in 0..kk {
                for m in 0..mm {
                    let v = pi[idx(k, m)];
                    p[k] += v;
                    #[allow(clippy::cast_precision_loss)]
                    let mf = m as f64;
                    q[k] += mf * v;
                    level[m] += v;
                }
            }
            let orbit_more = if m_top == 0 {
                None
            } else {
                more_levels(&level)
            };
            let calls_more = if limited.is_some() {
                None
            } else {
                more_levels(&p[n..])
            };
            if orbit_more.is_none() && calls_more.is_none() {
                let rate = lambda + gamma * q.iter().sum::<f64>();
                return Ok(Distribution {
                    p,
                    orbit_weighted: q,
                    attempt_rate: rate,
                    orbit_levels: mm,
                });
            }
            if let Some(extra) = orbit_more {
                m_top = m_top.saturating_add(extra);
            }
            if let Some(extra) = calls_more {
                k_top = k_top.saturating_add(extra);
            }
        }
    }
}

/// Where the cut leaves at most 1e-14 of the probability beyond the last level (`None`), or
/// else about how many levels to add. The levels' tail is bounded by a geometric series of
/// ratio `r`, the larger of the last two ratios of neighbouring levels (the cut reflects
/// probability back, so that they overstate the ratio further out): the mass beyond the last
/// level is below `last·r/(1 − r)`. Levels to add: as many as the decay a few levels inside
/// the cut needs to bring the last one to 1e-16, at least 8 and at most as many as there are.
fn more_levels(levels: &[f64]) -> Option<usize> {
    let top = levels.len() - 1;
    let last = levels[top];
    if last == 0.0 {
        return None;
    }
    if top >= 2 {
        let r = (last / levels[top - 1]).max(levels[top - 1] / levels[top - 2]);
        if r < 1.0 && last * r / (1.0 - r) <= 1e-14 && last <= 1e-14 {
            return None;
        }
    }
    let most = top.max(8);
    if top >= 9 && levels[top - 8] > 0.0 {
        let r = (levels[top - 4] / levels[top - 8]).powf(0.25);
        if r < 1.0 && r > 0.0 {
            let need = (1e-16 / last).ln() / r.ln();
            if need.is_finite() && need > 0.0 {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let extra = (1.2 * need).ceil().min(1e9) as usize + 4;
                return Some(extra.clamp(8, most));
            }
        }
    }
    Some(most)
}
