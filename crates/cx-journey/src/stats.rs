//! Time statistics: exact percentiles and a distribution-free interval for the median.

/// Time statistics of a set of durations, in milliseconds.
///
/// Percentiles interpolate linearly between the closest ranks (Hyndman and Fan's definition 7,
/// the default of R and NumPy). The median's interval is the distribution-free one from order
/// statistics: the ranks `l` and `n + 1 − l` where `l − 1` is the largest count `k` with
/// `P(Binomial(n, ½) ≤ k) ≤ α/2`, so its coverage is at least the confidence level.
///
/// ```
/// use cx_journey::TimeStats;
/// let t = TimeStats::from_ms(&mut vec![4, 1, 3, 2], 0.95).expect("four values");
/// assert_eq!((t.n, t.min_ms, t.max_ms), (4, 1, 4));
/// assert_eq!(t.median_ms, 2.5);
/// assert_eq!(t.mean_ms, 2.5);
/// assert_eq!(t.median_interval_ms, None); // four values cannot give a 95 % interval
/// ```
#[derive(Clone, Copy, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TimeStats {
    /// The number of durations.
    pub n: u64,
    /// The mean, in ms.
    pub mean_ms: f64,
    /// The shortest, in ms.
    pub min_ms: i64,
    /// The median, in ms.
    pub median_ms: f64,
    /// The 90th percentile, in ms.
    pub p90_ms: f64,
    /// The longest, in ms.
    pub max_ms: i64,
    /// The distribution-free interval of the median (None when there are too few durations for
    /// the confidence level: fewer than 6 at 95 %).
    pub median_interval_ms: Option<(i64, i64)>,
}

impl TimeStats {
    /// The statistics of `values` (sorted in place), with the median's interval at `level`
    /// (strictly between 0 and 1; other levels give no interval). None for no values.
    pub fn from_ms(values: &mut [i64], level: f64) -> Option<TimeStats> {
        if values.is_empty() {
            return None;
        }
        values.sort_unstable();
        let n = values.len();
        let sum: i128 = values.iter().map(|&v| i128::from(v)).sum();
        Some(TimeStats {
            n: n as u64,
            mean_ms: sum as f64 / n as f64,
            min_ms: values[0],
            median_ms: percentile(values, 0.5),
            p90_ms: percentile(values, 0.9),
            max_ms: values[n - 1],
            median_interval_ms: median_ranks(n as u64, level)
                .map(|(l, u)| (values[(l - 1) as usize], values[(u - 1) as usize])),
        })
    }
}

/// The `q` percentile of sorted, non-empty `values` by linear interpolation (type 7).
pub(crate) fn percentile(values: &[i64], q: f64) -> f64 {
    let h = (values.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    let (a, b) = (values[lo] as f64, values[hi] as f64);
    a + (h - lo as f64) * (b - a)
}

/// The 1-based ranks `(l, n + 1 − l)` of the order-statistic interval of the median.
pub(crate) fn median_ranks(n: u64, level: f64) -> Option<(u64, u64)> {
    if !(level > 0.0 && level < 1.0) || n == 0 {
        return None;
    }
    let half_alpha = (1.0 - level) / 2.0;
    let nf = n as f64;
    // log pmf of Binomial(n, 1/2) by the recurrence p(k+1) = p(k)·(n−k)/(k+1), in log space.
    let mut log_p = -nf * std::f64::consts::LN_2;
    let mut cdf = 0.0f64;
    let mut k_max: Option<u64> = None;
    let mut k = 0u64;
    while k <= n / 2 {
        cdf += log_p.exp();
        if cdf > half_alpha {
            break;
        }
        k_max = Some(k);
        log_p += ((nf - k as f64) / (k as f64 + 1.0)).ln();
        k += 1;
    }
    let l = k_max? + 1;
    Some((l, n + 1 - l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_ranks_match_the_binomial_tables() {
        // scipy.stats.binom(n, 0.5).cdf: n = 6 → P(X ≤ 0) = 0.015625 ≤ 0.025, P(X ≤ 1) = 0.109.
        assert_eq!(median_ranks(6, 0.95), Some((1, 6)));
        assert_eq!(median_ranks(5, 0.95), None);
        // n = 20: P(X ≤ 5) = 0.0207 ≤ 0.025 < P(X ≤ 6) = 0.0577, so l = 6, u = 15.
        assert_eq!(median_ranks(20, 0.95), Some((6, 15)));
        // n = 100: P(X ≤ 39) = 0.0176 ≤ 0.025 < P(X ≤ 40) = 0.0284, so l = 40, u = 61.
        assert_eq!(median_ranks(100, 0.95), Some((40, 61)));
    }

    #[test]
    fn percentiles_interpolate_like_numpy() {
        // numpy.percentile([1, 2, 3, 4, 10], 90) = 7.6
        assert!((percentile(&[1, 2, 3, 4, 10], 0.9) - 7.6).abs() < 1e-12);
    }
}
