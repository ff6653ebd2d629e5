//! The stationary distribution of a banded continuous-time Markov chain by state reduction
//! (Grassmann, Taksar & Heyman, "Regenerative analysis and steady state distributions for
//! Markov chains", Operations Research 33(5), 1985).
//!
//! Eliminating the states one by one from the last, and folding each one's rates into the
//! states below it, uses additions, multiplications and divisions of positive numbers only:
//! no subtraction, so no cancellation, and the result is accurate to a small multiple of the
//! rounding unit relative to each probability. With states numbered so that every transition
//! moves at most `b` places, the elimination fills nothing outside the band: the work is
//! `states × b²` and the storage `states × (2b + 1)`.

/// Rates of a chain whose transitions move at most `band` places, stored row by row.
#[derive(Debug, Clone)]
pub(super) struct BandedChain {
    states: usize,
    band: usize,
    /// `rates[i·(2b+1) + (j + b − i)]` is the rate from `i` to `j`; the diagonal is unused.
    rates: Vec<f64>,
}

impl BandedChain {
    /// An empty chain; the caller checked that `states × (2·band + 1)` is within its bound.
    pub(super) fn new(states: usize, band: usize) -> Self {
        let width = 2 * band + 1;
        Self {
            states,
            band,
            rates: vec![0.0; states * width],
        }
    }

    /// Adds `rate` to the transition from `from` to `to` (`from ≠ to`, at most `band` apart).
    pub(super) fn add(&mut self, from: usize, to: usize, rate: f64) {
        debug_assert!(from != to && from.abs_diff(to) <= self.band);
        if rate > 0.0 {
            let width = 2 * self.band + 1;
            self.rates[from * width + to + self.band - from] += rate;
        }
    }

    /// The stationary distribution, summing to 1. `None` when a state cannot leave towards
    /// the lower-numbered states (the chain is not irreducible), which the callers' chains
    /// rule out.
    pub(super) fn stationary(mut self) -> Option<Vec<f64>> {
        let (n, b) = (self.states, self.band);
        let width = 2 * b + 1;
        let q = &mut self.rates;
        let mut out_rate = vec![0.0; n];
        let mut row = vec![0.0; b];
        for i in (1..n).rev() {
            let lo = i.saturating_sub(b);
            let start = i * width + lo + b - i;
            let len = i - lo;
            row[..len].copy_from_slice(&q[start..start + len]);
            let s: f64 = row[..len].iter().sum();
            if s <= 0.0 || !s.is_finite() {
                return None;
            }
            out_rate[i] = s;
            for j in lo..i {
                let qji = q[j * width + i + b - j];
                if qji == 0.0 {
                    continue;
                }
                let f = qji / s;
                let dst = j * width + lo + b - j;
                for (d, r) in q[dst..dst + len].iter_mut().zip(&row[..len]) {
                    *d += f * r;
                }
            }
        }
        let mut p = vec![0.0; n];
        p[0] = 1.0;
        for i in 1..n {
            let lo = i.saturating_sub(b);
            let mut v = 0.0;
            for j in lo..i {
                v += p[j] * q[j * width + i + b - j];
            }
            v /= out_rate[i];
            p[i] = v;
            if v > 1e250 {
                for x in &mut p[..=i] {
                    *x *= 1e-250;
                }
            }
        }
        let total: f64 = p.iter().sum();
        if !(total.is_finite() && total > 0.0) {
            return None;
        }
        for x in &mut p {
            *x /= total;
        }
        Some(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birth_death_chain_matches_its_product_form() {
        // M/M/3/6 with λ = 2, μ = 1: π_k ∝ λ^k / (min(k,3)! 3^{(k−3)+}).
        let mut c = BandedChain::new(7, 1);
        for k in 0..6 {
            c.add(k, k + 1, 2.0);
            #[allow(clippy::cast_precision_loss)]
            c.add(k + 1, k, (k + 1).min(3) as f64);
        }
        let p = c.stationary().expect("irreducible");
        let mut w = [1.0f64; 7];
        for k in 1..7 {
            #[allow(clippy::cast_precision_loss)]
            let d = k.min(3) as f64;
            w[k] = w[k - 1] * 2.0 / d;
        }
        let t: f64 = w.iter().sum();
        for k in 0..7 {
            assert!((p[k] - w[k] / t).abs() < 1e-15, "{k}");
        }
    }
}
