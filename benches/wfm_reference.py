#!/usr/bin/env python3
"""Regenerate the reference data of crates/wfm-forecast/tests/data/.

Run by hand (not by CI):  python3 benches/wfm_reference.py
It creates benches/.venv (gitignored) if missing, pip-installs the pinned peers (see
wfm_reference_env.py), re-executes itself inside the venv and writes:

  erlang_b_mpmath.csv           Erlang B, mpmath at 50 digits, incomplete-gamma form
  erlang_b_lines_mpmath.csv     fewest lines for a blocking target
  erlang_c_mpmath.csv           Erlang C P(wait), SL, ASA, occupancy, mpmath 50 digits
  erlang_c_required_mpmath.csv  fewest agents for SL/ASA/occupancy targets, mpmath scan
  erlang_a_mpmath.csv           Erlang A, mpmath 50 digits, incomplete-gamma + quadrature form
                                (an independent derivation from the Rust series)
  erlang_a_required_mpmath.csv  fewest agents under Erlang A, mpmath scan
  pyworkforce.csv               pyworkforce 0.5.1 ErlangC and 0.5.4 ErlangB/ErlangA outputs

It takes about five minutes (the mpmath scans at 99,000 Erlangs dominate). The ciw
simulation is a separate script, wfm_simulate_erlang_a.py.

Every file starts with '# source: ...' comment lines naming where its numbers come from.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import wfm_reference_env  # noqa: E402  (creates/enters benches/.venv with the pins)

wfm_reference_env.ensure()
PW054 = wfm_reference_env.PW054

import mpmath as mp  # noqa: E402

mp.mp.dps = 50
OUT = os.path.join(HERE, "..", "crates", "wfm-forecast", "tests", "data")
os.makedirs(OUT, exist_ok=True)


def s(v):
    return mp.nstr(v, 25, min_fixed=-5, max_fixed=5) if not isinstance(v, (int, str)) else str(v)


def erlang_b(n, a):
    """B(n, A) = A^n e^-A / Gamma(n+1, A) (upper incomplete gamma)."""
    n = mp.mpf(n)
    a = mp.mpf(a)
    return mp.exp(n * mp.log(a) - a - mp.log(mp.gammainc(n + 1, a)))


def erlang_b_sum(n, a):
    """1/B = sum_j n!/(n-j)!/A^j, exact rational-style check for small n."""
    a = mp.mpf(a)
    total = mp.mpf(1)
    term = mp.mpf(1)
    for j in range(1, n + 1):
        term = term * (n - j + 1) / a
        total += term
    return 1 / total


def erlang_c(n, a, aht, t):
    b = erlang_b(n, a)
    n = mp.mpf(n)
    a = mp.mpf(a)
    c = n * b / (n - a * (1 - b))
    sl = 1 - c * mp.exp(-(n - a) * mp.mpf(t) / aht)
    asa = c * aht / (n - a)
    return c, sl, asa, a / n


def write(name, header, source_lines, rows):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        for line in source_lines:
            f.write("# " + line + "\n")
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(s(v) for v in r) + "\n")
    print(f"wrote {len(rows)} rows to {os.path.relpath(path)}")


# ---------------------------------------------------------------- Erlang B
LOADS = ["0.01", "0.1", "0.5", "1", "2.5", "10", "10.6", "50", "100", "123", "700", "710",
         "1000", "5000", "10000", "50000", "99500", "100000"]
rows = []
for a_s in LOADS:
    a = mp.mpf(a_s)
    af = float(a_s)
    ns = {1, 2, max(1, int(af)), int(af) + 1, int(af + af ** 0.5) + 1, int(af + 3 * af ** 0.5) + 2,
          int(af / 2) + 1, int(af * 1.05) + 1, int(af * 1.2) + 5, 100000}
    for n in sorted(x for x in ns if 1 <= x <= 100000):
        b = erlang_b(n, a)
        if b < mp.mpf("1e-300"):
            continue  # below f64's normal range: covered by the underflow test
        if n <= 2000:
            check = erlang_b_sum(n, a)
            assert abs(check / b - 1) < mp.mpf("1e-40"), (n, a_s)
        rows.append((a_s, n, b))
# published headline values (research/wfm.md section 4) are in this grid too
for n, a_s in [(15, "10"), (132, "123"), (1000, "1000"), (1050, "1000"), (1100, "1000"),
               (10200, "10000")]:
    rows.append((a_s, n, erlang_b(n, mp.mpf(a_s))))
write("erlang_b_mpmath.csv", ["erlangs", "lines", "blocking"],
      ["source: mpmath 1.4.1 at 50 digits, B(n,A) = A^n e^-A / Gamma(n+1, A);",
       "rows with n <= 2000 also checked against the finite sum to 1e-40",
       "regenerate: python3 benches/wfm_reference.py"], rows)

# lines needed (Erlang B)
rows = []
for a_s in ["0.01", "1", "10", "100", "1000", "10000"]:
    a = mp.mpf(a_s)
    for target in ["0.1", "0.02", "0.01", "0.001"]:
        n = 0
        b = mp.mpf(1)
        while b > mp.mpf(target):
            n += 1
            b = a * b / (n + a * b)
        rows.append((a_s, target, n))
write("erlang_b_lines_mpmath.csv", ["erlangs", "max_blocking", "lines"],
      ["source: mpmath 1.4.1 at 50 digits, forward recursion B_k = A B_{k-1} / (k + A B_{k-1})",
       "regenerate: python3 benches/wfm_reference.py"], rows)

# ---------------------------------------------------------------- Erlang C
rows = []
AHT = mp.mpf(180)
for a_s in LOADS:
    af = float(a_s)
    ns = {int(af) + 1, int(af) + 2, int(af + af ** 0.5) + 1, int(af + 2 * af ** 0.5) + 1,
          int(af * 1.5) + 1, int(af + 6 * af ** 0.5) + 3}
    for n in sorted(x for x in ns if x <= 100000):
        for t in [0, 20, 60]:
            c, sl, asa, occ = erlang_c(n, mp.mpf(a_s), AHT, t)
            if c < mp.mpf("1e-290"):
                continue
            rows.append((a_s, n, 180, t, c, sl, asa, occ))
write("erlang_c_mpmath.csv",
      ["erlangs", "agents", "aht_s", "t_s", "p_wait", "service_level", "asa_s", "occupancy"],
      ["source: mpmath 1.4.1 at 50 digits; C = nB/(n - A(1-B)), SL = 1 - C exp(-(n-A)t/aht),",
       "ASA = C aht/(n-A), with B from the incomplete gamma form",
       "regenerate: python3 benches/wfm_reference.py"], rows)

# required agents, Erlang C
rows = []
for a_s in ["0.01", "0.5", "1", "2.5", "10", "10.6", "25.5", "100", "101.5", "1000", "2000",
            "10000", "99000"]:
    a = mp.mpf(a_s)
    for target, t, asa_max, occ_max in [("0.8", 20, "", ""), ("0.9", 15, "", ""),
                                        ("0.1", 20, "", ""), ("0.05", 20, "", ""),
                                        ("0.95", 60, "", ""), ("0.8", 20, "15", "0.85"),
                                        ("0.8", 20, "", "0.85"), ("0.5", 30, "5", "")]:
        n = int(a) + 1
        while True:
            c, sl, asa, occ = erlang_c(n, a, AHT, t)
            ok = sl >= mp.mpf(target)
            if asa_max:
                ok = ok and asa <= mp.mpf(asa_max)
            if occ_max:
                ok = ok and occ <= mp.mpf(occ_max)
            if ok:
                break
            n += 1
        rows.append((a_s, 180, target, t, asa_max, occ_max, n, sl))
write("erlang_c_required_mpmath.csv",
      ["erlangs", "aht_s", "sl_target", "t_s", "asa_max_s", "occupancy_max", "agents",
       "service_level_at_agents"],
      ["source: mpmath 1.4.1 at 50 digits, linear scan from floor(A)+1 (empty = no such target)",
       "regenerate: python3 benches/wfm_reference.py"], rows)


# ---------------------------------------------------------------- Erlang A
def erlang_a(lam, aht, pat, n, t):
    """M/M/n+M by the incomplete-gamma closed forms and quadrature (Mandelbaum-Zeltyn);
    an independent derivation from the Rust positive-series code."""
    lam, aht, pat, t = mp.mpf(lam), mp.mpf(aht), mp.mpf(pat), mp.mpf(t)
    mu, th = 1 / aht, 1 / pat
    a = lam / mu
    x, y = n * mu / th, lam / th
    rho = a / n
    e = erlang_b(n, a)

    def lowgam(p, z):
        return mp.gammainc(p, 0, z)

    j = x * mp.exp(y) * y ** (-x) * lowgam(x, y)
    pin = e / (1 + (j - 1) * e)
    p_wait = pin * j
    p_ab = pin * j * (1 - 1 / rho + 1 / (rho * j))

    def f(v):  # density of the offered wait on (0, inf)
        return pin * n * mu * mp.exp(y * (1 - mp.exp(-th * v)) - n * mu * v)

    def p_v_gt(tt):
        return pin * x * mp.exp(y) * y ** (-x) * lowgam(x, y * mp.exp(-th * tt))

    def ans_within(tt):  # P(answered, 0 < V <= t)
        return pin * x * mp.exp(y) * y ** (-x - 1) * (lowgam(x + 1, y) - lowgam(x + 1, y * mp.exp(-th * tt)))

    p_answered = 1 - p_ab
    scale = 1 / (n * mu + th)
    ev_ans = mp.quad(lambda v: v * mp.exp(-th * v) * f(v),
                     [0, scale, 10 * scale, 100 * scale, 1000 * scale, mp.inf])
    asa_ans = ev_ans / p_answered
    sl_off = (1 - p_wait) + ans_within(t)
    sl_ans = sl_off / p_answered
    wait_ended = 1 - p_v_gt(t) * mp.exp(-th * t)
    ab_within = wait_ended - sl_off
    sl_less = sl_off / (1 - ab_within)
    occ = a * p_answered / n
    return dict(p_wait=p_wait, p_abandon=p_ab, sl_offered=sl_off, sl_answered=sl_ans,
                sl_less_short_abandons=sl_less, wait_ended_within=wait_ended,
                asa_answered_s=asa_ans, mean_wait_all_s=p_ab * pat, occupancy=occ)


EA_KEYS = ["p_wait", "p_abandon", "sl_offered", "sl_answered", "sl_less_short_abandons",
           "wait_ended_within", "asa_answered_s", "mean_wait_all_s", "occupancy"]
rows = []
cases = [  # (erlangs, aht, patience, agents, t)
    ("10", 180, 300, 14, 20), ("10", 180, 300, 10, 20), ("10", 180, 300, 5, 20),
    ("10", 180, 300, 20, 0), ("100", 180, 300, 95, 20), ("100", 180, 300, 100, 20),
    ("100", 180, 300, 110, 30), ("500", 180, 300, 510, 20), ("1000", 180, 60, 990, 20),
    ("0.01", 180, 300, 1, 20), ("0.5", 60, 10, 1, 5), ("2.5", 240, 30, 2, 10),
    ("10", 180, 1e7, 14, 20), ("10", 180, 1e-3, 10, 20), ("50", 300, 120, 40, 60),
    ("5000", 180, 300, 5050, 20), ("10000", 180, 300, 9900, 20), ("10000", 180, 600, 10100, 20),
    ("100", 30, 3600, 101, 20), ("1", 180, 300, 3, 20),
    ("100000", 180, 300, 99000, 20), ("100000", 180, 300, 100500, 20),
    ("50000", 120, 60, 50100, 10),
]
for a_s, aht, pat, n, t in cases:
    lam = mp.mpf(a_s) / aht
    r = erlang_a(lam, aht, pat, n, t)
    rows.append((a_s, aht, pat, n, t, *[r[k] for k in EA_KEYS]))
write("erlang_a_mpmath.csv", ["erlangs", "aht_s", "patience_s", "agents", "t_s", *EA_KEYS],
      ["source: mpmath 1.4.1 at 50 digits; Mandelbaum-Zeltyn incomplete-gamma closed forms,",
       "ASA of answered calls by mp.quad of v e^(-theta v) f(v); independent of the Rust series",
       "regenerate: python3 benches/wfm_reference.py"], rows)

# Erlang A required agents (mpmath scan from 1)
rows = []
for a_s, aht, pat, target, t, occ_max, ab_max in [
        ("10", 180, 300, "0.8", 20, "0.85", "0.05"), ("10", 180, 300, "0.8", 20, "", ""),
        ("100", 180, 300, "0.8", 20, "", ""), ("100", 180, 60, "0.9", 15, "", "0.02"),
        ("2.5", 180, 300, "0.05", 20, "", ""), ("10.6", 180, 300, "0.1", 20, "", ""),
        ("1000", 180, 300, "0.8", 20, "", "")]:
    a = mp.mpf(a_s)
    n = max(1, int(float(a_s) * float(target)) - 1)
    while True:
        r = erlang_a(a / aht, aht, pat, n, t)
        ok = r["sl_offered"] >= mp.mpf(target)
        if occ_max:
            ok = ok and r["occupancy"] <= mp.mpf(occ_max)
        if ab_max:
            ok = ok and r["p_abandon"] <= mp.mpf(ab_max)
        if ok:
            break
        n += 1
    rows.append((a_s, aht, pat, target, t, occ_max, ab_max, n))
write("erlang_a_required_mpmath.csv",
      ["erlangs", "aht_s", "patience_s", "sl_offered_target", "t_s", "occupancy_max",
       "abandon_max", "agents"],
      ["source: mpmath 1.4.1 at 50 digits, scan upward from floor(target*A)-1 (a proven lower",
       "bound: answered within T cannot exceed n/A); empty = no such target",
       "regenerate: python3 benches/wfm_reference.py"], rows)

# ---------------------------------------------------------------- pyworkforce
import warnings  # noqa: E402

warnings.filterwarnings("ignore")
from pyworkforce.queuing import ErlangC as PwC051  # noqa: E402

sys.path.insert(0, PW054)
for m in [k for k in sys.modules if k.startswith("pyworkforce")]:
    del sys.modules[m]
from pyworkforce.queuing import ErlangA as PwA054, ErlangB as PwB054  # noqa: E402

rows = []
# Erlang C, 0.5.1: required positions and metrics at that staffing. Units: seconds throughout
# (pyworkforce uses only ratios).
for vol in [10, 25, 55, 100, 106, 190.8, 333, 1000, 1827, 2000, 20000]:
    for target, t, occ in [(0.8, 20, 1.0), (0.9, 15, 1.0), (0.8, 20, 0.85), (0.1, 20, 1.0),
                           (0.05, 20, 1.0), (0.95, 60, 1.0)]:
        e = PwC051(transactions=vol, aht=180, asa=t, interval=1800, shrinkage=0.0)
        res = e.required_positions(service_level=target, max_occupancy=occ)
        n = res["raw_positions"]
        rows.append(("erlang_c", "0.5.1", vol, 180, 1800, t, "", target, occ, n,
                     repr(e.waiting_probability(n)), repr(e.service_level(n)),
                     repr(e.achieved_occupancy(n)), ""))
# Erlang B, 0.5.4: blocking and lines
for vol, lines in [(100, 15), (1230, 132), (20000, 1050), (200000, 10200)]:
    e = PwB054(transactions=vol, aht=180, interval=1800)
    rows.append(("erlang_b", "0.5.4", vol, 180, 1800, "", "", "", "", lines,
                 repr(e.blocking_probability(lines)), "", "", ""))
    for maxb in [0.01, 0.001]:
        rows.append(("erlang_b_lines", "0.5.4", vol, 180, 1800, "", "", maxb, "",
                     e.required_positions(max_blocking=maxb)["raw_positions"], "", "", "", ""))
# Erlang A, 0.5.4: metrics (its ASA is the mean wait of all arrivals)
for vol, pat, n in [(100, 300, 14), (100, 300, 10), (1000, 300, 95), (1000, 300, 110),
                    (500, 60, 52), (18, 300, 3), (1354, 180, 132), (1354, 180, 131)]:
    e = PwA054(transactions=vol, aht=180, asa=20, interval=1800, patience=pat)
    rows.append(("erlang_a", "0.5.4", vol, 180, 1800, 20, pat, "", "", n,
                 repr(e.waiting_probability(n)), repr(e.service_level(n)),
                 repr(e.achieved_occupancy(n)),
                 f"{e.abandonment_probability(n)!r};{e.average_speed_of_answer(n)!r}"))
# (1354, 180): pyworkforce 0.5.4 starts its ErlangA search at ceil(A) = 136; its own service
# level is already >= 0.8 at 132 (rows above).
for vol, pat, target, occ, ab in [(100, 300, 0.8, 0.85, 0.05), (100, 300, 0.8, 1.0, 1.0),
                                  (1000, 300, 0.8, 1.0, 1.0), (1354, 180, 0.8, 1.0, 1.0)]:
    e = PwA054(transactions=vol, aht=180, asa=20, interval=1800, patience=pat)
    res = e.required_positions(service_level=target, max_occupancy=occ, max_abandonment=ab)
    rows.append(("erlang_a_required", "0.5.4", vol, 180, 1800, 20, pat, target, occ,
                 res["raw_positions"], "", "", "", f"max_abandonment={ab}"))
write("pyworkforce.csv",
      ["model", "version", "transactions", "aht_s", "interval_s", "t_s", "patience_s",
       "target", "max_occupancy", "agents", "p_wait_or_blocking", "service_level", "occupancy",
       "extra"],
      ["source: pyworkforce 0.5.1 (ErlangC) and 0.5.4 (ErlangB, ErlangA) from PyPI, run in",
       "benches/.venv; erlang_a extra = p_abandon;mean wait of all arrivals (pyworkforce's 'ASA');",
       "regenerate: python3 benches/wfm_reference.py"], rows)
