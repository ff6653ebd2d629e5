//! Erlang X against an independent implementation of the same chain: numpy 2.4.6 and scipy
//! 1.17.1, `benches/erlang_x_reference.py` (sparse LU of the generator with the orbit cut at
//! 40–160 levels, where doubling the cut moves no value by more than 2e-14; waiting measures
//! from each tagged caller's own chain by matrix exponential, not from the closed forms used
//! here). The values below are that script's output, pasted as printed.

#![allow(clippy::unwrap_used)]

use wfm_forecast::{ErlangX, ErlangXMethod, Lines, Redials, ServiceLevelDefinition, TimeSpan};

struct Side {
    blocked: f64,
    wait: f64,
    abandon: f64,
    answered: f64,
    sl: f64,
    sl_answered: f64,
    abandon_within: f64,
    asa: f64,
}

struct Case {
    name: &'static str,
    erlangs: f64,
    patience: Option<f64>,
    agents: u32,
    lines: Lines,
    redial: (f64, f64, f64),
    within: f64,
    first: Side,
    every: Side,
    occupancy: f64,
    redials: f64,
}

/// Output of `python3 benches/erlang_x_reference.py` (handle time 180 s throughout).
const CASES: &[Case] = &[
    Case {
        name: "cli_example",
        erlangs: 10.0,
        patience: Some(120.0),
        agents: 10,
        lines: Lines::Limited(30),
        redial: (0.5, 0.5, 300.0),
        within: 20.0,
        first: Side {
            blocked: 1.5729282264282e-07,
            wait: 0.597121368328166,
            abandon: 0.183077351625254,
            answered: 0.816922491081924,
            sl: 0.540137696996816,
            sl_answered: 0.661185978955559,
            abandon_within: 0.0805819229537824,
            asa: 19.9192528074846,
        },
        every: Side {
            blocked: 1.9081110395941e-07,
            wait: 0.611664135814074,
            abandon: 0.189769083555221,
            answered: 0.810230725633676,
            sl: 0.525543005688122,
            sl_answered: 0.648633764508373,
            abandon_within: 0.0828473205690931,
            asa: 20.7555377269656,
        },
        occupancy: 0.895168460197307,
        redials: 0.104831539802693,
    },
    Case {
        name: "small_trunk",
        erlangs: 10.0,
        patience: Some(120.0),
        agents: 11,
        lines: Lines::Limited(14),
        redial: (0.5, 0.5, 300.0),
        within: 20.0,
        first: Side {
            blocked: 0.0674523260882639,
            wait: 0.346042547717374,
            abandon: 0.0684532127209531,
            answered: 0.864094461190784,
            sl: 0.729258889982203,
            sl_answered: 0.843957371254565,
            abandon_within: 0.0411792824685346,
            asa: 7.86995283921969,
        },
        every: Side {
            blocked: 0.0718685621235911,
            wait: 0.354635411277761,
            abandon: 0.0704897799848943,
            answered: 0.857641657891515,
            sl: 0.718766799028497,
            sl_answered: 0.838073561859813,
            abandon_within: 0.0423146735154856,
            asa: 8.1605493315775,
        },
        occupancy: 0.839423718923044,
        redials: 0.0766339091846524,
    },
    Case {
        name: "low_load",
        erlangs: 1.0,
        patience: Some(60.0),
        agents: 2,
        lines: Lines::Limited(3),
        redial: (0.8, 0.3, 120.0),
        within: 20.0,
        first: Side {
            blocked: 0.049226878336608,
            wait: 0.202267919932932,
            abandon: 0.121360751959759,
            answered: 0.829412369703633,
            sl: 0.782991605316847,
            sl_answered: 0.944031743337306,
            abandon_within: 0.0517296053795803,
            asa: 3.5117128143085,
        },
        every: Side {
            blocked: 0.0666171606007117,
            wait: 0.223131319745764,
            abandon: 0.133878791847458,
            answered: 0.79950404755183,
            sl: 0.748295104360714,
            sl_answered: 0.935949113268503,
            abandon_within: 0.0570653770607844,
            asa: 4.01885520677205,
        },
        occupancy: 0.440963291519352,
        redials: 0.103092080320621,
    },
    Case {
        name: "overload",
        erlangs: 20.0,
        patience: Some(90.0),
        agents: 15,
        lines: Lines::Limited(20),
        redial: (0.7, 0.6, 600.0),
        within: 30.0,
        first: Side {
            blocked: 0.278317925286001,
            wait: 0.671931933307407,
            abandon: 0.214966395058914,
            answered: 0.506715679655086,
            sl: 0.285140937506224,
            sl_answered: 0.562723730397123,
            abandon_within: 0.159175071173265,
            asa: 29.0745447651441,
        },
        every: Side {
            blocked: 0.284010502245183,
            wait: 0.668990271934553,
            abandon: 0.214811224849204,
            answered: 0.501178272905614,
            sl: 0.279447204389246,
            sl_answered: 0.557580444916602,
            abandon_within: 0.158876790594263,
            asa: 29.3566481084032,
        },
        occupancy: 0.993948861329998,
        redials: 0.487418123047586,
    },
    Case {
        name: "unlimited",
        erlangs: 8.0,
        patience: Some(180.0),
        agents: 8,
        lines: Lines::Unlimited,
        redial: (0.0, 0.5, 300.0),
        within: 20.0,
        first: Side {
            blocked: 0.0,
            wait: 0.642596158541732,
            abandon: 0.184629463208138,
            answered: 0.815370536791863,
            sl: 0.467026384677987,
            sl_answered: 0.572778097324361,
            abandon_within: 0.0616298836384906,
            asa: 30.9405551040676,
        },
        every: Side {
            blocked: 0.0,
            wait: 0.657722742665814,
            abandon: 0.191820411046744,
            answered: 0.808179588953257,
            sl: 0.450861374020916,
            sl_answered: 0.557872755243505,
            abandon_within: 0.063290617572344,
            asa: 32.3198982920351,
        },
        occupancy: 0.893915177331592,
        redials: 0.10608482266841,
    },
    Case {
        name: "patient",
        erlangs: 10.0,
        patience: None,
        agents: 10,
        lines: Lines::Limited(15),
        redial: (0.6, 0.0, 200.0),
        within: 20.0,
        first: Side {
            blocked: 0.159399381738022,
            wait: 0.538872435697881,
            abandon: 0.0,
            answered: 0.840600618261979,
            sl: 0.406237316865656,
            sl_answered: 0.483270304637165,
            abandon_within: 0.0,
            asa: 36.8355492844752,
        },
        every: Side {
            blocked: 0.179645700384555,
            wait: 0.542155964275854,
            abandon: 0.0,
            answered: 0.820354299615446,
            sl: 0.37845182175141,
            sl_answered: 0.461327284965551,
            abandon_within: 0.0,
            asa: 38.7294753439593,
        },
        occupancy: 0.919460583964862,
        redials: 0.120809124052709,
    },
];

fn secs(s: f64) -> TimeSpan {
    TimeSpan::from_seconds(s).unwrap()
}

fn close(got: f64, want: f64, tol: f64, what: &str) {
    assert!((got - want).abs() <= tol, "{what}: {got} vs {want}");
}

#[test]
fn exact_chain_matches_the_independent_python_chain() {
    for c in CASES {
        let (rb, ra, delay) = c.redial;
        let q = ErlangX::from_erlangs(
            c.erlangs,
            secs(180.0),
            c.patience.map(secs),
            Redials::new(rb, ra, secs(delay)).unwrap(),
        )
        .unwrap();
        let s = q.solve(c.agents, c.lines, ErlangXMethod::Exact).unwrap();
        let m = *s.metrics();
        let sl = s.service_levels(secs(c.within)).unwrap();
        close(m.occupancy, c.occupancy, 1e-10, c.name);
        close(m.redials_per_first_attempt, c.redials, 1e-10, c.name);
        for (o, l, want) in [
            (m.first_attempt, sl.first_attempt, &c.first),
            (m.every_attempt, sl.every_attempt, &c.every),
        ] {
            close(o.p_blocked, want.blocked, 1e-10, c.name);
            close(o.p_wait, want.wait, 1e-10, c.name);
            close(o.p_abandon, want.abandon, 1e-10, c.name);
            close(o.p_answered, want.answered, 1e-10, c.name);
            close(l.answered_within_over_offered, want.sl, 1e-10, c.name);
            close(
                l.get(ServiceLevelDefinition::AnsweredWithinOverAnswered),
                want.sl_answered,
                1e-10,
                c.name,
            );
            close(l.p_abandon_within, want.abandon_within, 1e-10, c.name);
        }
        close(m.asa_answered.seconds(), c.every.asa, 1e-9, c.name);
        // The first attempts' ASA is not in the metrics; the all-attempt one is.
        let _ = c.first.asa;
    }
}
