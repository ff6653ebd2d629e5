//! Erlang X reduces to Erlang A, B and C where its extra features are switched off.

#![allow(clippy::unwrap_used)]

use wfm_forecast::{
    ErlangA, ErlangB, ErlangC, ErlangX, ErlangXMethod, Lines, Redials, ServiceLevelDefinition,
    TimeSpan,
};

fn secs(s: f64) -> TimeSpan {
    TimeSpan::from_seconds(s).unwrap()
}

fn close(a: f64, b: f64, tol: f64, what: &str) {
    assert!(
        (a - b).abs() <= tol,
        "{what}: {a} vs {b} (diff {})",
        (a - b).abs()
    );
}

const DEFS: [ServiceLevelDefinition; 4] = [
    ServiceLevelDefinition::AnsweredWithinOverOffered,
    ServiceLevelDefinition::AnsweredWithinOverAnswered,
    ServiceLevelDefinition::AnsweredWithinOverOfferedLessShortAbandons,
    ServiceLevelDefinition::WaitEndedWithinOverOffered,
];

#[test]
fn no_redials_and_unlimited_lines_is_erlang_a() {
    for (a, ratio) in [
        (0.5, 1.0),
        (4.0, 0.3),
        (10.0, 2.0 / 3.0),
        (37.0, 3.0),
        (120.0, 1.0),
    ] {
        let aht = secs(180.0);
        let pat = secs(180.0 * ratio);
        let x = ErlangX::from_erlangs(a, aht, Some(pat), Redials::NONE).unwrap();
        let ea = ErlangA::from_erlangs(a, aht, pat).unwrap();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let top = (a * 1.3).ceil() as u32 + 3;
        for n in [1, (top / 2).max(1), top] {
            for method in [ErlangXMethod::Exact, ErlangXMethod::Fast] {
                let s = x.solve(n, Lines::Unlimited, method).unwrap();
                let m = s.metrics();
                let e = ea.metrics(n).unwrap();
                let w = format!("A={a} ratio={ratio} n={n} {method:?}");
                close(m.every_attempt.p_wait, e.p_wait, 1e-12, &w);
                close(m.every_attempt.p_abandon, e.p_abandon, 1e-12, &w);
                close(m.every_attempt.p_blocked, 0.0, 0.0, &w);
                close(m.occupancy, e.occupancy, 1e-12, &w);
                close(
                    m.mean_queue_length,
                    e.mean_queue_length,
                    1e-10 * e.mean_queue_length.max(1.0),
                    &w,
                );
                close(
                    m.asa_answered.seconds(),
                    e.asa_answered.seconds(),
                    1e-9 * e.asa_answered.seconds().max(1.0),
                    &w,
                );
                close(
                    m.mean_wait_all.seconds(),
                    e.mean_wait_all.seconds(),
                    1e-9 * e.mean_wait_all.seconds().max(1.0),
                    &w,
                );
                assert_eq!(m.first_attempt, m.every_attempt);
                for t in [0.0, 20.0, 300.0] {
                    let sx = s.service_levels(secs(t)).unwrap().every_attempt;
                    let sa = ea.service_levels(n, secs(t)).unwrap();
                    for d in DEFS {
                        close(sx.get(d), sa.get(d), 1e-12, &format!("{w} T={t} {d:?}"));
                    }
                }
            }
        }
    }
}

#[test]
fn infinite_patience_and_as_many_lines_as_agents_is_erlang_b() {
    for a in [0.3, 5.0, 10.0, 42.0, 180.0] {
        let x = ErlangX::from_erlangs(a, secs(180.0), None, Redials::NONE).unwrap();
        let b = ErlangB::new(a).unwrap();
        for n in [1u32, 5, 12, 40, 200] {
            for method in [ErlangXMethod::Exact, ErlangXMethod::Fast] {
                let m = *x.solve(n, Lines::Limited(n), method).unwrap().metrics();
                let w = format!("A={a} n={n} {method:?}");
                close(m.every_attempt.p_blocked, b.blocking(n), 1e-13, &w);
                close(m.occupancy, b.occupancy(n).unwrap(), 1e-12, &w);
                close(m.every_attempt.p_wait, 0.0, 0.0, &w);
            }
        }
    }
}

#[test]
fn infinite_patience_and_unlimited_lines_is_erlang_c() {
    for a in [0.3, 5.0, 10.0, 42.0, 150.0] {
        let aht = secs(180.0);
        let x = ErlangX::from_erlangs(a, aht, None, Redials::new(0.5, 0.5, secs(300.0)).unwrap())
            .unwrap();
        let c = ErlangC::from_erlangs(a, aht).unwrap();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let first = a.floor() as u32 + 1;
        for n in [first, first + 1, first + 5, first * 2] {
            for method in [ErlangXMethod::Exact, ErlangXMethod::Fast] {
                let s = x.solve(n, Lines::Unlimited, method).unwrap();
                let m = s.metrics();
                let w = format!("A={a} n={n} {method:?}");
                close(m.every_attempt.p_wait, c.p_wait(n).unwrap(), 1e-12, &w);
                close(m.every_attempt.p_abandon, 0.0, 0.0, &w);
                close(m.redials_per_first_attempt, 0.0, 0.0, &w);
                let asa = c.asa(n).unwrap().seconds();
                close(m.asa_answered.seconds(), asa, 1e-9 * asa.max(1.0), &w);
                for t in [0.0, 20.0, 120.0] {
                    let sl = s.service_levels(secs(t)).unwrap().every_attempt;
                    close(
                        sl.answered_within_over_offered,
                        c.service_level(n, secs(t)).unwrap(),
                        1e-12,
                        &format!("{w} T={t}"),
                    );
                }
            }
        }
        assert!(
            x.solve(first - 1, Lines::Unlimited, ErlangXMethod::Exact)
                .is_err()
        );
    }
}
