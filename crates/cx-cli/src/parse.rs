//! Parsers for the values written on the command line and in cells: scales (`1..=10`,
//! `0-10`, `1..=5/2`), bands (`5..=7`, `>=9`, `top2`), exact numbers (`7`, `4.5`, `23/5`),
//! dates (`2024-01-31`) and yes/no flags.
//!
//! Each parser only reads text into the library's types; the validation of what the text
//! means (a scale's range, a band within its scale) is the library's.

use std::str::FromStr;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use cx_retention::jiff::civil::Date;
use cx_scales::{Band, Fraction, Scale};

/// Reads a scale: `MIN..=MAX`, `MIN-MAX` or `MIN..MAX` (both ends included), with an optional
/// step after a slash (`1..=5/2` for three smileys recorded as 1, 3, 5).
pub(crate) fn scale(text: &str) -> Result<Scale, String> {
    let t = text.trim();
    let (range, step) = match t.split_once('/') {
        Some((r, s)) => (r, Some(s)),
        None => (t, None),
    };
    let (lo, hi) = split_range(range).ok_or_else(|| {
        format!("expected a scale such as 1..=10 or 0-10 (optionally /STEP), found {text:?}")
    })?;
    let step = match step {
        Some(s) => s
            .trim()
            .parse::<i64>()
            .map_err(|_| format!("expected a whole step after '/', found {s:?}"))?,
        None => 1,
    };
    Scale::with_step(lo, hi, step).map_err(|e| e.to_string())
}

/// Splits `A..=B`, `A..B` or `A-B` (each end may be negative) into its ends.
fn split_range(text: &str) -> Option<(i64, i64)> {
    let t = text.trim();
    let (a, b) = if let Some((a, b)) = t.split_once("..=") {
        (a, b)
    } else if let Some((a, b)) = t.split_once("..") {
        (a, b)
    } else {
        // The separating '-' is the first one after the first character (which may be a sign).
        let i = t.char_indices().skip(1).find(|&(_, c)| c == '-')?.0;
        (&t[..i], &t[i + 1..])
    };
    Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
}

/// Reads a band of `scale`: `LO..=HI` or `LO-HI`, `>=N` (at least N), `<=N` (at most N),
/// `topK` or `bottomK` (the K highest or lowest points), or a single point `N`.
pub(crate) fn band(scale: Scale, text: &str) -> Result<Band, String> {
    let t = text.trim();
    let bad =
        || format!("expected a band such as 5..=7, >=9, <=6, top2 or bottom1, found {text:?}");
    let int = |s: &str| s.trim().parse::<i64>().map_err(|_| bad());
    let count = |s: &str| s.trim().parse::<usize>().map_err(|_| bad());
    let band = if let Some(n) = t.strip_prefix(">=") {
        Band::at_least(scale, int(n)?)
    } else if let Some(n) = t.strip_prefix("<=") {
        Band::at_most(scale, int(n)?)
    } else if let Some(k) = t.strip_prefix("top") {
        Band::top_box(scale, count(k)?)
    } else if let Some(k) = t.strip_prefix("bottom") {
        Band::bottom_box(scale, count(k)?)
    } else if let Some((lo, hi)) = split_range(t) {
        Band::new(scale, lo, hi)
    } else {
        let n = int(t)?;
        Band::new(scale, n, n)
    };
    band.map_err(|e| e.to_string())
}

/// Reads an exact number: an integer (`7`), a decimal (`4.5`, `-0.25`, also with a decimal
/// comma `4,5`) or a fraction (`23/5`), without rounding.
pub(crate) fn exact(text: &str) -> Result<Fraction, String> {
    let t = text.trim();
    let bad = || format!("expected a number such as 7, 4.5 or 23/5, found {text:?}");
    if let Some((n, d)) = t.split_once('/') {
        let n: i64 = n.trim().parse().map_err(|_| bad())?;
        let d: i64 = d.trim().parse().map_err(|_| bad())?;
        return Fraction::new(n, d)
            .ok_or_else(|| format!("a fraction needs a non-zero denominator, found {text:?}"));
    }
    let t = t.replace(',', ".");
    let (int_part, frac_part) = t.split_once('.').unwrap_or((&t, ""));
    let (negative, digits) = match int_part.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, int_part.strip_prefix('+').unwrap_or(int_part)),
    };
    let ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !ok(digits)
        || !ok(frac_part)
        || (digits.is_empty() && frac_part.is_empty())
        || frac_part.len() > 15
    {
        return Err(bad());
    }
    let whole = format!("{digits}{frac_part}");
    let numer: i64 = whole.parse().map_err(|_| bad())?;
    let denom = 10i64.pow(frac_part.len() as u32);
    Fraction::new(if negative { -numer } else { numer }, denom).ok_or_else(bad)
}

/// Reads an ISO date `YYYY-MM-DD` (or the date of a local timestamp; an offset or zone is
/// refused: see `clock::RULE`).
pub(crate) fn date(text: &str) -> Result<Date, String> {
    crate::clock::date(text)
}

/// Reads the first month of a fiscal year: `1`–`12`, or a month name or its first three
/// letters (`apr`, `April`; any case).
pub(crate) fn fiscal_start(text: &str) -> Result<cx_retention::FiscalStart, String> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let t = text.trim().to_ascii_lowercase();
    let month = match t.parse::<u8>() {
        Ok(m) => m,
        Err(_) => NAMES
            .iter()
            .position(|n| t.len() >= 3 && n.starts_with(t.as_str()))
            .and_then(|i| u8::try_from(i + 1).ok())
            .ok_or_else(|| {
                format!("expected a month (1-12 or a name such as apr), found {text:?}")
            })?,
    };
    cx_retention::FiscalStart::new(month).map_err(|e| e.to_string())
}

/// Reads a yes/no flag: `1`/`0`, `true`/`false`, `yes`/`no`, `y`/`n` (any case).
pub(crate) fn flag(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "y" => Ok(true),
        "0" | "false" | "no" | "n" => Ok(false),
        _ => Err(format!(
            "expected 1/0, true/false or yes/no, found {text:?}"
        )),
    }
}

/// Reads a field delimiter: one ASCII character such as `;`, or `tab`.
pub(crate) fn delimiter(text: &str) -> Result<u8, String> {
    match text {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        t if t.len() == 1 && t.is_ascii() && t != "\"" && t != "#" => Ok(t.as_bytes()[0]),
        _ => Err(format!(
            "expected one ASCII character such as ';' or the word tab (not '\"' or '#'), found {text:?}"
        )),
    }
}

/// Reads a non-negative whole count.
pub(crate) fn count(text: &str) -> Result<u64, String> {
    text.trim()
        .parse::<u64>()
        .map_err(|_| format!("expected a whole count (0 or more), found {text:?}"))
}

/// Reads a finite real number; one decimal comma (`10,6`, as spreadsheets write it in many
/// locales) reads as a decimal point.
pub(crate) fn real(text: &str) -> Result<f64, String> {
    let t = text.trim();
    let t = if t.matches(',').count() == 1 && !t.contains('.') {
        t.replace(',', ".")
    } else {
        t.to_owned()
    };
    let v: f64 = t
        .parse()
        .map_err(|_| format!("expected a number, found {text:?}"))?;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(format!("expected a finite number, found {text:?}"))
    }
}

/// Reads a percentage with its sign, `85%`, as a fraction (`0.85`). The decimal point is
/// moved two places before the number is rounded to an `f64` (once): `33.33333%` reads as the
/// `f64` nearest to 0.3333333, where dividing by 100 would give 0.33333329999999994.
pub(crate) fn percent(text: &str) -> Result<f64, String> {
    let p = text.trim().strip_suffix('%').ok_or_else(|| {
        format!("expected a percentage with its sign such as 85%, found {text:?}")
    })?;
    // Validate as a number first (decimal comma, finiteness), then shift the exponent.
    real(p)?;
    let t = p.trim();
    let t = if t.matches(',').count() == 1 && !t.contains('.') {
        t.replace(',', ".")
    } else {
        t.to_owned()
    };
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], t[i + 1..].parse::<i32>().ok()),
        None => (t.as_str(), Some(0)),
    };
    let shifted = exponent
        .and_then(|e| e.checked_sub(2))
        .and_then(|e| format!("{mantissa}e{e}").parse::<f64>().ok())
        .filter(|v| v.is_finite());
    shifted.ok_or_else(|| format!("expected a percentage such as 85%, found {text:?}"))
}

/// Reads a confidence level: a fraction (`0.95`) or a percentage (`95%`).
pub(crate) fn level(text: &str) -> Result<cx_survey::Confidence, String> {
    let t = text.trim();
    let v = if t.ends_with('%') {
        percent(t)?
    } else {
        real(t)?
    };
    cx_survey::Confidence::new(v).map_err(|e| {
        crate::output::readable_numbers(&format!("expected a level such as 0.95 or 95%: {e}"))
    })
}

/// Reads a span of whole seconds with its unit, for horizons, seasons and backtest windows:
/// `90m`, `12h`, `1d`, `7d`, `2w`.
pub(crate) fn span(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let bad =
        || format!("expected a span with its unit such as 30m, 12h, 7d or 2w, found {text:?}");
    let split = t.find(|c: char| c.is_ascii_alphabetic()).ok_or_else(bad)?;
    let (num, unit) = t.split_at(split);
    let n: u64 = num.trim().parse().map_err(|_| bad())?;
    let unit_seconds: u64 = match unit {
        "s" => 1,
        "m" | "min" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        _ => return Err(bad()),
    };
    n.checked_mul(unit_seconds)
        .filter(|&s| s > 0)
        .ok_or_else(bad)
}

/// Reads a prediction-interval level: a fraction (`0.8`) or a percentage (`80%`).
pub(crate) fn forecast_level(text: &str) -> Result<wfm_forecast::Level, String> {
    let t = text.trim();
    let v = if t.ends_with('%') {
        percent(t)?
    } else {
        real(t)?
    };
    wfm_forecast::Level::new(v).map_err(|e| {
        crate::output::readable_numbers(&format!("expected a level such as 80% or 0.95: {e}"))
    })
}

/// Refuses a list option that names the same item twice (`--compare chat chat`, `--by channel
/// --by channel`, `--agents 15,15`): a repeat is a slip, not a request. Items are compared as
/// written by `key` (case-insensitively for words).
pub(crate) fn distinct<T>(
    option: &str,
    values: &[T],
    key: impl Fn(&T) -> String,
) -> Result<(), crate::error::CliError> {
    let mut seen = std::collections::HashSet::with_capacity(values.len());
    for v in values {
        let k = key(v);
        if !seen.insert(k.to_lowercase()) {
            return Err(crate::error::CliError::usage(format!(
                "{option}: '{k}' is given twice (expected each item once)"
            )));
        }
    }
    Ok(())
}

/// The names of several lists (a library enum's `NAMES` each), once each in order of first
/// appearance, as the possible values of an option (shown in `--help`, suggested on a typo).
pub(crate) fn names(lists: &[&'static [&'static str]]) -> PossibleValuesParser {
    let mut all: Vec<&'static str> = Vec::new();
    for name in lists.iter().flat_map(|l| l.iter()) {
        if !all.contains(name) {
            all.push(name);
        }
    }
    PossibleValuesParser::new(all.into_iter().map(PossibleValue::new))
}

/// A library enum read by its own `FromStr` from one of its `names`.
pub(crate) fn named<T>(names: &'static [&'static str]) -> impl TypedValueParser<Value = T>
where
    T: FromStr + Clone + Send + Sync + 'static,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    PossibleValuesParser::new(names.iter().copied().map(PossibleValue::new))
        .try_map(|s| s.parse::<T>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_are_written_with_dots_or_a_dash() {
        assert_eq!(scale("1..=10").unwrap(), Scale::ONE_TO_TEN);
        assert_eq!(scale("0-10").unwrap(), Scale::ZERO_TO_TEN);
        assert_eq!(scale("1..=5/2").unwrap(), Scale::SMILEYS);
        assert_eq!(scale("-3..=3").unwrap(), Scale::new(-3, 3).unwrap());
        assert_eq!(scale("-3-3").unwrap(), Scale::new(-3, 3).unwrap());
        assert!(scale("ten").is_err());
        assert!(scale("5..=1").unwrap_err().contains("min < max"));
    }

    #[test]
    fn bands_have_several_spellings() {
        let s = Scale::ONE_TO_SEVEN;
        assert_eq!(band(s, "5..=7").unwrap(), Band::new(s, 5, 7).unwrap());
        assert_eq!(band(s, ">=5").unwrap(), Band::new(s, 5, 7).unwrap());
        assert_eq!(band(s, "top3").unwrap(), Band::new(s, 5, 7).unwrap());
        assert_eq!(band(s, "<=2").unwrap(), Band::new(s, 1, 2).unwrap());
        assert_eq!(band(s, "4").unwrap(), Band::new(s, 4, 4).unwrap());
        assert!(band(s, "8..=9").is_err());
    }

    #[test]
    fn decimals_and_fractions_are_read_exactly() {
        assert_eq!(exact("4.5").unwrap(), Fraction::new(9, 2).unwrap());
        assert_eq!(exact("23/5").unwrap(), Fraction::new(23, 5).unwrap());
        assert_eq!(exact("-0,25").unwrap(), Fraction::new(-1, 4).unwrap());
        assert_eq!(exact("7").unwrap(), Fraction::from_integer(7));
        assert!(exact("1e3").is_err());
        assert!(exact("1/0").is_err());
        assert!(exact(".").is_err());
    }

    #[test]
    fn delimiters_are_one_character_or_tab() {
        assert_eq!(delimiter(";").unwrap(), b';');
        assert_eq!(delimiter("tab").unwrap(), b'\t');
        assert!(delimiter(";;").is_err());
        assert!(delimiter("#").is_err());
    }

    #[test]
    fn reals_take_a_decimal_comma() {
        assert_eq!(real("10,6").unwrap(), 10.6);
        assert_eq!(real(" 2.5 ").unwrap(), 2.5);
        assert!(real("1,000.5").is_err());
        assert!(real("inf").is_err());
    }

    #[test]
    fn percentages_and_levels() {
        assert_eq!(percent("85%").unwrap(), 0.85);
        // Rounded once: the f64 nearest to 0.3333333, not 33.33333 / 100.
        assert_eq!(percent("33.33333%").unwrap(), 0.3333333);
        assert_eq!(percent("33,5%").unwrap(), 0.335);
        assert_eq!(percent("1e-300%").unwrap(), 1e-302);
        assert_eq!(percent("-5%").unwrap(), -0.05);
        assert!(percent("1e2147483647%").is_err());
        assert!(percent("0.85").is_err());
        assert_eq!(level("90%").unwrap().level(), 0.9);
        assert_eq!(level("0.99").unwrap().level(), 0.99);
        assert!(level("1.5").is_err());
    }

    #[test]
    fn flags_and_dates() {
        assert!(flag("Yes").unwrap());
        assert!(!flag("0").unwrap());
        assert!(flag("maybe").is_err());
        assert_eq!(date("2024-02-29").unwrap().day(), 29);
        assert!(date("2023-02-29").is_err());
    }
    #[test]
    fn spans_carry_their_unit() {
        assert_eq!(span("7d").unwrap(), 7 * 86_400);
        assert_eq!(span("2w").unwrap(), 14 * 86_400);
        assert_eq!(span("30m").unwrap(), 1800);
        assert!(span("7").is_err());
        assert!(span("0d").is_err());
        assert_eq!(forecast_level("80%").unwrap().get(), 0.8);
        assert!(forecast_level("100%").is_err());
    }
}
