//! Error messages print every number readably: 15 significant digits at most, an exponent for
//! the very small and the very large (before: a 1e-300 target was printed with 300 digits and
//! a shrinkage of 33.33333 % as 0.33333329999999994).

#![allow(clippy::unwrap_used)]

use wfm_forecast::{
    ErlangB, ErlangC, Error, MaxProbability, ServiceTarget, Shrinkage, Targets, TimeSpan,
};

#[test]
fn a_tiny_target_is_printed_with_an_exponent() {
    // Beyond the search limit, so that the message names the target.
    let b = ErlangB::new(2e7).unwrap();
    let err = b
        .lines_needed(MaxProbability::new(1e-300).unwrap())
        .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("blocking <= 1e-300"), "{text}");
    assert!(text.len() < 120, "{text}");
    let err = TimeSpan::from_seconds(-1e-300).unwrap_err();
    assert_eq!(
        err.to_string(),
        "time span of -1e-300 seconds is invalid: it must be finite and not negative"
    );
    let err = ErlangC::from_erlangs(-1e300, TimeSpan::from_seconds(1.0).unwrap()).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("offered load of -1e300 Erlangs"),
        "{err}"
    );
}

#[test]
fn a_computed_fraction_is_printed_without_binary_noise() {
    let err = Shrinkage::from_percent(33.33333_f64 + 0.00000001).unwrap_err();
    assert!(matches!(err, Error::ShrinkageNotRepresentable { .. }));
    assert!(
        err.to_string().starts_with("shrinkage of 0.3333333001 is"),
        "{err}"
    );
    let err = Shrinkage::from_percent(33.333333).unwrap_err();
    assert_eq!(
        err.to_string(),
        "shrinkage of 0.33333333 is not a whole number of parts per million (e.g. 0.3 or 0.1234 are fine)"
    );
    // 0.1 + 0.2 is 0.30000000000000004 in binary; a message shows 0.3.
    let err = wfm_forecast::Volume::new(-(0.1 + 0.2)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "volume of -0.3 contacts is invalid: it must be finite and not negative"
    );
}

#[test]
fn targets_in_messages_are_short() {
    let q = wfm_forecast::ErlangA::from_erlangs(
        2e7,
        TimeSpan::from_seconds(180.0).unwrap(),
        TimeSpan::from_seconds(180.0).unwrap(),
    )
    .unwrap();
    let t = Targets::service_level(
        ServiceTarget::new(0.8, TimeSpan::from_seconds(1e-300).unwrap()).unwrap(),
    )
    .and_max_abandonment(MaxProbability::new(0.1 + 0.2).unwrap());
    let e = q.required_agents(&t).unwrap_err();
    assert_eq!(
        e.to_string(),
        "no staffing up to 10000000 agents meets the target service level >= 0.8 within 1e-300 s \
         (AnsweredWithinOverOffered) and abandonment <= 0.3"
    );
}

/// Rounding to 15 digits must not turn a value just past a whole-number bound into the bound:
/// "probability 1 is invalid" would name a valid value as the offence.
#[test]
fn a_value_just_past_a_whole_bound_keeps_its_digits() {
    let err = MaxProbability::new(1.0000000000000002).unwrap_err();
    assert!(err.to_string().contains("1.0000000000000002"), "{err}");
    let err = MaxProbability::new(0.1 + 0.2 + 0.8).unwrap_err();
    assert!(err.to_string().contains("1.1"), "{err}");
}
