//! Agreement between two evaluators who scored the same contacts, so that QA teams can calibrate:
//! percent agreement and Cohen's kappa (Cohen 1960),
//! `κ = (p_o − p_e) / (1 − p_e)`, where `p_o` is the observed share of agreement and
//! `p_e = Σ_k p_{1k} p_{2k}` the agreement expected by chance from each evaluator's own category
//! shares. κ = 1 is perfect agreement, 0 chance level; it is undefined when both evaluators used
//! one and the same category throughout (`p_e = 1`).

use std::collections::BTreeMap;
use std::fmt;

use cx_scales::Share;

use crate::SurveyError;

/// Percent agreement and Cohen's kappa of two evaluators.
///
/// ```
/// use cx_survey::{Verdict::*, agreement};
/// let ann = [Yes, Yes, No, Partial, Yes, No];
/// let bob = [Yes, No, No, Partial, Yes, No];
/// let a = agreement(&ann, &bob)?;
/// assert_eq!(a.items, 6);
/// assert!((a.observed.value() - 5.0 / 6.0).abs() < 1e-15);
/// assert!(a.kappa > 0.7);
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Agreement {
    /// The number of items both rated.
    pub items: u64,
    /// The share of items rated alike (percent agreement).
    pub observed: Share,
    /// The agreement expected by chance, `p_e`.
    pub expected: Share,
    /// Cohen's kappa, within −1..=1.
    pub kappa: f64,
}

/// Percent agreement and Cohen's kappa of two evaluators' ratings of the same items, in the same
/// order. Categories can be anything ordered: [`Verdict`](crate::Verdict)s, scores, labels.
///
/// # Errors
/// [`SurveyError::UnpairedRatings`] when the lengths differ, [`SurveyError::NoResponses`] when
/// empty, [`SurveyError::KappaUndefined`] when both used a single, identical category.
///
/// ```
/// use cx_survey::agreement;
/// // Cohen's kappa, Wikipedia worked example: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → κ = 0.4.
/// let mut a = Vec::new();
/// let mut b = Vec::new();
/// for (x, y, k) in [("yes", "yes", 20), ("yes", "no", 5), ("no", "yes", 10), ("no", "no", 15)] {
///     a.extend(std::iter::repeat_n(x, k));
///     b.extend(std::iter::repeat_n(y, k));
/// }
/// let r = agreement(&a, &b)?;
/// assert!((r.kappa - 0.4).abs() < 1e-15);
/// assert_eq!(r.observed.value(), 0.7);
/// assert!(agreement(&["yes"], &["yes"]).is_err());
/// # Ok::<(), cx_survey::SurveyError>(())
/// ```
pub fn agreement<T: Ord + fmt::Debug>(first: &[T], second: &[T]) -> Result<Agreement, SurveyError> {
    if first.len() != second.len() {
        return Err(SurveyError::UnpairedRatings {
            first: first.len(),
            second: second.len(),
        });
    }
    let n = first.len() as u64;
    if n == 0 {
        return Err(SurveyError::NoResponses { what: "agreement" });
    }
    let mut margins: BTreeMap<&T, (u64, u64)> = BTreeMap::new();
    let mut same = 0u64;
    for (a, b) in first.iter().zip(second) {
        margins.entry(a).or_default().0 += 1;
        margins.entry(b).or_default().1 += 1;
        same += u64::from(a == b);
    }
    // p_e · n² exactly in integers, then one division each.
    let chance: u128 = margins
        .values()
        .map(|&(x, y)| u128::from(x) * u128::from(y))
        .sum();
    let n2 = u128::from(n) * u128::from(n);
    if chance == n2 {
        let category = margins
            .keys()
            .next()
            .map(|k| format!("{k:?}"))
            .unwrap_or_default();
        return Err(SurveyError::KappaUndefined { category });
    }
    // κ = (n·same − chance) / (n² − chance), all exact integers before the division.
    let num = i128::from(n) * i128::from(same) - chance as i128;
    let den = (n2 - chance) as f64;
    Ok(Agreement {
        items: n,
        observed: Share::from_counts(same, n)?,
        expected: Share::new((chance as f64 / n2 as f64).clamp(0.0, 1.0))?,
        kappa: (num as f64 / den).clamp(-1.0, 1.0),
    })
}

impl fmt::Display for Agreement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:.1}% agreement, kappa {:.3} (n = {})",
            self.observed.percent(),
            self.kappa,
            self.items
        )
    }
}
