//! The fast method against the exact chain over a grid: within the documented gap.

#![allow(clippy::unwrap_used)]

use wfm_forecast::{ErlangX, ErlangXMethod, Lines, Redials, TimeSpan};

fn secs(s: f64) -> TimeSpan {
    TimeSpan::from_seconds(s).unwrap()
}

#[test]
fn fast_method_is_within_the_documented_gap_of_the_exact_chain() {
    let mut worst = (0.0f64, String::new());
    for a in [2.0, 10.0, 30.0] {
        for occ in [0.8, 1.25] {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let n = ((a / occ) as u32).max(1);
            for patience in [90.0, 360.0] {
                for places in [0, 10] {
                    for (rb, ra) in [(0.3, 0.3), (0.8, 0.5)] {
                        let q = ErlangX::from_erlangs(
                            a,
                            secs(180.0),
                            Some(secs(patience)),
                            Redials::new(rb, ra, secs(300.0)).unwrap(),
                        )
                        .unwrap();
                        let lines = Lines::Limited(n + places);
                        let e = q.solve(n, lines, ErlangXMethod::Exact).unwrap();
                        let f = q.solve(n, lines, ErlangXMethod::Fast).unwrap();
                        let (me, mf) = (e.metrics().every_attempt, f.metrics().every_attempt);
                        let (se, sf) = (
                            e.service_levels(secs(20.0)).unwrap().every_attempt,
                            f.service_levels(secs(20.0)).unwrap().every_attempt,
                        );
                        for (x, y) in [
                            (me.p_blocked, mf.p_blocked),
                            (me.p_abandon, mf.p_abandon),
                            (me.p_answered, mf.p_answered),
                            (
                                se.answered_within_over_offered,
                                sf.answered_within_over_offered,
                            ),
                        ] {
                            let gap = (x - y).abs();
                            if gap > worst.0 {
                                worst = (
                                    gap,
                                    format!(
                                        "A={a} n={n} pat={patience} places={places} r=({rb},{ra})"
                                    ),
                                );
                            }
                        }
                    }
                }
            }
        }
    }
    println!("largest gap {} at {}", worst.0, worst.1);
    assert!(worst.0 <= ErlangX::FAST_GAP, "{} at {}", worst.0, worst.1);
}
