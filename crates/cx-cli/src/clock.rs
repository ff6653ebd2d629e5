//! Local-clock timestamps: the one format the forecasting commands read and write.
//!
//! A timestamp is a date and a wall-clock time on the contact centre's **local** clock, with
//! no offset or zone: `2026-11-02T08:30`, `2026-11-02 08:30:15` or, for daily data, the date
//! alone `2026-11-02` (its midnight). It becomes seconds since 1970-01-01T00:00 on the same
//! clock (a midnight, as `wfm_forecast::ActualsAccumulator` requires), so intervals and days
//! are cut on local time. An offset (`Z`, `+01:00`) or a zone name is refused: convert the
//! export to local time first, so that nobody's day is silently cut at UTC midnight. Dates
//! (`--from`, date columns) follow the same rule: `YYYY-MM-DD`, or the date of a local
//! timestamp; a `Z` and a `+01:00` are refused alike.

use jiff::SignedDuration;
use jiff::civil::{Date, DateTime, Time};

/// The epoch of local-clock seconds.
const EPOCH: DateTime = DateTime::constant(1970, 1, 1, 0, 0, 0, 0);

/// The accepted formats, for messages.
pub(crate) const FORMATS: &str =
    "a local date and time YYYY-MM-DDTHH:MM[:SS] (or with a space for the T), or a date YYYY-MM-DD";

/// The one rule for dates and times, for `--help` and messages.
pub(crate) const RULE: &str = "dates and times are read on the local clock as written; an offset or zone (Z, +01:00, [Europe/Paris]) is refused: convert the export to local time first";

/// Reads a local date and time, or a date alone (its midnight).
fn datetime(text: &str) -> Result<DateTime, String> {
    let t = text.trim();
    let bad = || format!("expected {FORMATS}, found {text:?}");
    if t.len() == 10 {
        return Ok(t
            .parse::<Date>()
            .map_err(|_| bad())?
            .to_datetime(Time::midnight()));
    }
    let (d, tm) = t.split_once(['T', 't', ' ']).ok_or_else(bad)?;
    let tm = tm.trim();
    if tm.contains(['Z', 'z', '+', '-', '[']) {
        return Err(format!(
            "expected a local time without offset or zone ({FORMATS}), found {text:?}: {RULE}"
        ));
    }
    let is_time = |s: &str| {
        let mut parts = 0;
        for p in s.split(':') {
            parts += 1;
            if p.len() != 2 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return false;
            }
        }
        parts == 2 || parts == 3
    };
    if !is_time(tm) {
        return Err(bad());
    }
    let date: Date = d.trim().parse().map_err(|_| bad())?;
    let time: Time = tm.parse().map_err(|_| bad())?;
    Ok(date.to_datetime(time))
}

/// Reads a local timestamp into seconds since 1970-01-01T00:00 local.
pub(crate) fn seconds(text: &str) -> Result<i64, String> {
    Ok(datetime(text)?.duration_since(EPOCH).as_secs())
}

/// Reads a date `YYYY-MM-DD`, or the date of a local timestamp `YYYY-MM-DDTHH:MM[:SS]`; an
/// offset or zone is refused (see [`RULE`]).
pub(crate) fn date(text: &str) -> Result<Date, String> {
    datetime(text).map(|dt| dt.date()).map_err(|e| {
        if e.contains("offset") {
            e
        } else {
            format!("expected a date as YYYY-MM-DD, found {text:?}")
        }
    })
}

/// Writes local-clock seconds as `YYYY-MM-DDTHH:MM:SS`.
pub(crate) fn format(seconds: i64) -> String {
    EPOCH
        .checked_add(SignedDuration::from_secs(seconds))
        .map_or_else(|_| format!("{seconds}s"), |dt| dt.to_string())
}

/// Writes a day number (days since 1970-01-01) as `YYYY-MM-DD`.
pub(crate) fn day(day: i64) -> String {
    EPOCH
        .checked_add(SignedDuration::from_secs(day.saturating_mul(86_400)))
        .map_or_else(|_| format!("day {day}"), |dt| dt.date().to_string())
}

/// The weekday of local-clock seconds, Monday = 0 … Sunday = 6.
pub(crate) fn weekday(seconds: i64) -> usize {
    // 1970-01-01 was a Thursday (3).
    (seconds.div_euclid(86_400) + 3).rem_euclid(7) as usize
}

/// Reads a date (as [`date`]) into its day number since 1970-01-01.
pub(crate) fn day_number(text: &str) -> Result<i64, String> {
    Ok(date(text)?
        .to_datetime(Time::midnight())
        .duration_since(EPOCH)
        .as_secs()
        .div_euclid(86_400))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_round_trip_on_the_local_clock() {
        let s = seconds("2026-11-02T08:30").unwrap();
        assert_eq!(s.rem_euclid(86_400), 8 * 3600 + 1800);
        assert_eq!(format(s), "2026-11-02T08:30:00");
        assert_eq!(seconds("2026-11-02 08:30:00").unwrap(), s);
        assert_eq!(seconds("2026-11-02").unwrap().rem_euclid(86_400), 0);
        assert_eq!(day(s.div_euclid(86_400)), "2026-11-02");
        assert_eq!(day_number("2026-11-02").unwrap(), s.div_euclid(86_400));
        // 2026-11-02 is a Monday.
        assert_eq!(weekday(s), 0);
        assert_eq!(seconds("1970-01-01T00:00").unwrap(), 0);
    }

    #[test]
    fn dates_follow_the_same_rule_for_every_offset() {
        assert_eq!(date("2024-01-31").unwrap().day(), 31);
        assert_eq!(date("2024-01-31T23:30").unwrap().day(), 31);
        assert_eq!(date("2024-01-31 23:30:15").unwrap().day(), 31);
        for t in [
            "2024-01-31T23:30Z",
            "2024-01-31T23:30+01:00",
            "2024-01-31T23:30:00-05:00",
            "2024-01-31T23:30:00+01:00[Europe/Paris]",
        ] {
            let e = date(t).unwrap_err();
            assert!(e.contains("offset or zone"), "{t}: {e}");
            assert!(seconds(t).unwrap_err().contains("offset or zone"), "{t}");
        }
        assert!(date("2024-13-01").unwrap_err().contains("YYYY-MM-DD"));
    }

    #[test]
    fn offsets_and_junk_are_refused() {
        assert!(seconds("2026-11-02T08:30Z").is_err());
        assert!(seconds("2026-11-02T08:30+01:00").is_err());
        assert!(seconds("02/11/2026 08:30").is_err());
        assert!(seconds("2026-11-02T8:30").is_err());
        assert!(seconds("2026-02-30T08:30").is_err());
    }
}
