#!/usr/bin/env python3
"""Regenerate crates/wfm-forecast/tests/data/erlang_fractional_mpmath.csv: the continuous
(fractional-agent) extension of Erlang B and C, at 40 significant digits with mpmath.

Run by hand (not by CI):  python3 benches/wfm_fractional_reference.py
It uses benches/.venv (see wfm_reference_env.py) and takes a few seconds.

The extension is Jagerman's (1974): B(x, A) = A^x e^{-A} / Gamma(x + 1, A) with the upper
incomplete gamma function, equal to Erlang B at whole x. Erlang C follows from B as for whole
agents: C = x B / (x - A + A B), SL(T) = 1 - C exp(-(x - A) T / h), ASA = C h / (x - A).
The fewest fractional agents x* for a target solve SL(x*) = target (or ASA(x*) = target) by
bisection to 1e-40 agents.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wfm_reference_env  # noqa: E402

wfm_reference_env.ensure()

import mpmath as mp  # noqa: E402

mp.mp.dps = 40
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crates", "wfm-forecast",
                   "tests", "data", "erlang_fractional_mpmath.csv")


def blocking(x, a):
    x, a = mp.mpf(x), mp.mpf(a)
    return mp.power(a, x) * mp.exp(-a) / mp.gammainc(x + 1, a)


def erlang_c(x, a, h, t):
    x, a = mp.mpf(x), mp.mpf(a)
    b = blocking(x, a)
    c = x * b / (x - a + a * b)
    sl = 1 - c * mp.exp(-(x - a) * t / h)
    asa = c * h / (x - a)
    return b, c, sl, asa


def bisect(f, lo, hi, rising):
    """The root of a monotone f on (lo, hi] by 140 halvings (width below 1e-40 agents)."""
    for _ in range(140):
        mid = (lo + hi) / 2
        if (f(mid) >= 0) == rising:
            hi = mid
        else:
            lo = mid
    return hi


def r(v):
    return mp.nstr(v, 20, min_fixed=-400, max_fixed=400) if isinstance(v, mp.mpf) else repr(v)


rows = []
H, T = 180.0, 20.0
for a in ["0.01", "0.5", "2.3", "10", "47.5", "100", "999.9", "10000", "100000"]:
    af = float(a)
    for dx in ["0.001", "0.25", "0.5", "0.999", "1.5", "3.7", "12.25"]:
        # Inputs are the doubles the tests will read (repr round-trips), so that the
        # reference is exact for them even where the curves are steep (x close to A).
        x = af + float(dx) * max(1.0, af ** 0.5)
        b, c, sl, asa = erlang_c(x, af, H, T)
        rows.append(("metrics", a, repr(x), H, T, "", r(b), r(c), r(sl), r(asa)))
    # Below the load: Erlang B only (the queue is unstable).
    for frac in ["0.3", "0.9"]:
        x = af * float(frac)
        rows.append(("blocking", a, repr(x), "", "", "", r(blocking(x, af)), "", "", ""))

# The fewest fractional agents for a service-level target (T = 20 s, h = 180 s) and for an
# ASA target, as roots of the continuous curves.
for a in ["0.5", "10", "100", "1000", "20000"]:
    af = mp.mpf(float(a))
    for target in ["0.5", "0.8", "0.95"]:
        f = lambda x: erlang_c(x, af, H, T)[2] - mp.mpf(target)  # noqa: E731
        hi = af + 1
        while f(hi) < 0:
            hi += max(1, mp.sqrt(af))
        xs = bisect(f, af, hi, True)
        rows.append(("required_sl", a, r(xs), H, T, target, "", "", r(erlang_c(xs, af, H, T)[2]), ""))
    for asa_target in ["5", "30"]:
        g = lambda x: erlang_c(x, af, H, T)[3] - mp.mpf(asa_target)  # noqa: E731
        hi = af + 1
        while g(hi) > 0:
            hi += max(1, mp.sqrt(af))
        xs = bisect(g, af, hi, False)
        rows.append(("required_asa", a, r(xs), H, T, asa_target, "", "", "", r(erlang_c(xs, af, H, T)[3])))

with open(OUT, "w") as out:
    out.write(f"# source: mpmath {mp.__version__} at {mp.mp.dps} digits; continuous Erlang B\n")
    out.write("# B(x, A) = A^x e^-A / Gamma(x+1, A) (Jagerman 1974) and Erlang C from it;\n")
    out.write("# h = handle time (s), t = answer-time target (s); required_* rows: the root x of\n")
    out.write("# SL(x) = target or ASA(x) = target (seconds), by bisection to 1e-40 agents\n")
    out.write("# regenerate: python3 benches/wfm_fractional_reference.py\n")
    out.write("kind,erlangs,agents,h,t,target,blocking,p_wait,service_level,asa\n")
    for row in rows:
        out.write(",".join(str(v) for v in row) + "\n")
print("wrote", os.path.normpath(OUT), len(rows), "rows")
