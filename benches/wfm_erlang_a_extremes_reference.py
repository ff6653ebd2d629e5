#!/usr/bin/env python3
"""Erlang A at the extremes: deep overload, zero and short answer times, very long patience.

Writes crates/wfm-forecast/tests/data/erlang_a_extremes_mpmath.csv with mpmath (the version
installed, recorded in the file) at 250 digits. Run by hand:

    python3 benches/wfm_erlang_a_extremes_reference.py

The formulas are the incomplete-gamma closed forms of Mandelbaum & Zeltyn ("The M/M/n+G
queue: summary of performance measures"; Garnett, Mandelbaum & Reiman, "Designing a call
center with impatient customers", 2002), the same as benches/wfm_reference.py, plus the
probability of abandoning within T, here computed as (wait ended within T) - (answered within
T), and the service level as P(no wait) + (answered within T after a wait), the latter a
difference of two incomplete gammas that loses as many digits as the result is small
relative to P(answered) (up to about 110 on this grid); at 250 digits every printed value
keeps its 25 significant digits. P(no wait) = pi_n (1/E - 1), without cancellation. At T = 0
nobody has abandoned: the value is exactly 0. An
independent derivation from the Rust code, which integrates the offered-wait density instead.
"""
import os

import mpmath as mp

mp.mp.dps = 250
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "crates", "wfm-forecast", "tests", "data")


def s(v):
    if v == 0:
        return "0"
    return mp.nstr(v, 25, min_fixed=-5, max_fixed=5)


def erlang_b(n, a):
    """B(n, A) = A^n e^-A / Gamma(n+1, A) (upper incomplete gamma)."""
    n, a = mp.mpf(n), mp.mpf(a)
    return mp.exp(n * mp.log(a) - a - mp.log(mp.gammainc(n + 1, a)))


def erlang_a(a, aht, pat, n, t):
    a, aht, pat, t = mp.mpf(a), mp.mpf(aht), mp.mpf(pat), mp.mpf(t)
    lam = a / aht
    mu, th = 1 / aht, 1 / pat
    x, y = n * mu / th, lam / th
    rho = a / n
    e = erlang_b(n, a)

    def lowgam(p, z):
        return mp.gammainc(p, 0, z)

    # e^y y^-x computed in log space: y is large in deep overload.
    scale = mp.exp(y - x * mp.log(y))
    j = x * scale * lowgam(x, y)
    pin = e / (1 + (j - 1) * e)
    p_wait = pin * j
    p_ab = pin * j * (1 - 1 / rho + 1 / (rho * j))
    z = y * mp.exp(-th * t)
    p_v_gt = pin * x * scale * lowgam(x, z)
    ans_within = pin * x * scale / y * (lowgam(x + 1, y) - lowgam(x + 1, z))
    sl_off = pin * (1 / e - 1) + ans_within
    wait_ended = 1 - p_v_gt * mp.exp(-th * t)
    ab_within = wait_ended - sl_off if t > 0 else mp.mpf(0)
    occ = a * (1 - p_ab) / n
    return dict(p_wait=p_wait, p_abandon=p_ab, sl_offered=sl_off,
                wait_ended_within=wait_ended, p_abandon_within=ab_within, occupancy=occ)


KEYS = ["p_wait", "p_abandon", "sl_offered", "wait_ended_within", "p_abandon_within",
        "occupancy"]
cases = []  # (erlangs, aht, patience, agents, t)
# Deep overload at 1,000 Erlangs, patience = AHT = 180 s, T = 20 s (the service level there
# is 1e-14 and below), and the way out of it.
for n in [400, 500, 600, 650, 676, 677, 678, 679, 700, 750, 800, 850, 900, 950, 1000, 1030]:
    cases.append(("1000", 180, 180, n, 20))
for n in [677, 1000]:
    cases.append(("1000", 180, 180, n, 0))
    cases.append(("1000", 180, 180, n, 1))
    cases.append(("1000", 180, 180, n, 300))
for a, aht, pat, n, t in [
        ("100", 180, 60, 50, 20), ("100", 180, 60, 80, 5), ("100", 180, 600, 90, 20),
        ("10", 180, 300, 14, 20), ("10", 180, 300, 14, 0), ("10", 180, 300, 3, 20),
        ("10", 180, 30, 12, 60), ("0.5", 60, 10, 1, 5), ("2.5", 240, 30, 2, 10),
        ("10000", 180, 180, 7000, 20), ("10000", 180, 180, 9900, 10),
        ("10000", 180, 900, 9000, 60), ("50", 300, 120, 40, 600),
        ("10", 180, "1e7", 14, 20), ("10", 180, "1e9", 12, 20)]:
    cases.append((a, aht, pat, n, t))

rows = []
for a, aht, pat, n, t in cases:
    r = erlang_a(a, aht, pat, n, t)
    rows.append([a, str(aht), str(pat), str(n), str(t)] + [s(r[k]) for k in KEYS])

path = os.path.join(OUT, "erlang_a_extremes_mpmath.csv")
with open(path, "w") as f:
    f.write(f"# source: mpmath {mp.__version__} at 250 digits; Mandelbaum-Zeltyn incomplete-gamma "
            "closed forms; p_abandon_within = wait_ended_within - sl_offered (0 at T = 0)\n")
    f.write("# regenerate: python3 benches/wfm_erlang_a_extremes_reference.py\n")
    f.write(",".join(["erlangs", "aht_s", "patience_s", "agents", "t_s"] + KEYS) + "\n")
    for row in rows:
        f.write(",".join(row) + "\n")
print(f"wrote {len(rows)} rows to {path}")
