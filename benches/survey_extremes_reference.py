#!/usr/bin/env python3
"""Reference values for cx-survey at the extremes, with mpmath at 50 digits.

Run by hand (not by CI):  python3 benches/survey_extremes_reference.py [shares|t|all]
Needs only mpmath (written and run with mpmath 1.3.0, Python 3.11). It writes

- crates/cx-survey/tests/data/share_extremes_mpmath.csv: Clopper-Pearson and Jeffreys bounds
  for n up to 1e12 (k = 0, 1, 7, n/3, n/2, n - 7, n - 1, n) at several levels;
- crates/cx-survey/tests/data/t_quantiles_mpmath.csv: Student-t upper alpha/2 points for df from
  1 to 1e9 and levels from 1e-6 to 1 - 1e-15.

Independence from the Rust code (a continued fraction): tails come from mpmath's betainc (its
hypergeometric series) when one shape is below 2000, and, when both shapes are large, from
mp.quad (tanh-sinh) of the density over a range cut where the integrand has fallen below e^-80 of
its value at the end point (the log-densities are concave, so the cut is safe), split in pieces;
densities use mp.loggamma at 50 digits, which leaves more than 35 correct digits even for shapes
of 1e12. Quantiles are Newton roots of ln(tail) against ln(x), iterated until the step is below
1e-35; closed forms where they exist (Clopper-Pearson at k = 0 and k = n, t at df = 1, where the
betainc route is also checked against cot(pi*alpha/2)).
"""

import csv
import os
import sys

import mpmath
from mpmath import mp, mpf

mp.dps = 50
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "crates", "cx-survey", "tests", "data")
PIECES = 16


def beta_tail(a, b, x, upper):
    """P(X <= x) (upper=False) or P(X >= x) for X ~ Beta(a, b), with the density at x: by
    mpmath's betainc (hypergeometric series) when a shape is below 2000, by quadrature of the
    density when both are large (where the series converges too slowly)."""
    a, b, x = mpf(a), mpf(b), mpf(x)
    ln_norm = mp.loggamma(a + b) - mp.loggamma(a) - mp.loggamma(b)

    def pdf(t):
        if t <= 0 or t >= 1:
            return mpf(0)
        return mp.exp((a - 1) * mp.log(t) + (b - 1) * mp.log1p(-t) + ln_norm)

    if min(a, b) <= 2000:
        if upper:
            return mp.betainc(a, b, x, 1, regularized=True), pdf(x)
        return mp.betainc(a, b, 0, x, regularized=True), pdf(x)

    s = a + b
    sd = mp.sqrt(a * b / (s * s * (s + 1)))
    kappa = (a - 1) / x - (b - 1) / (1 - x)  # d ln pdf / dt at x
    if not upper:
        width = 80 * sd
        if kappa > 0:
            width = min(width, 80 / kappa)
        lo, hi = max(mpf(0), x - width), x
    else:
        width = 80 * sd
        if kappa < 0:
            width = min(width, 80 / -kappa)
        lo, hi = x, min(mpf(1), x + width)
    points = [lo + (hi - lo) * i / PIECES for i in range(PIECES + 1)]
    return mp.quad(pdf, points), pdf(x)


def beta_quantile(a, b, p, upper, start):
    """x with P(X <= x) = p (upper=False) or P(X >= x) = p, by Newton on ln(tail) vs ln(x)."""
    p = mpf(p)
    u = mp.log(mpf(start))
    lo, hi = mpf(-800), mpf(0)
    for _ in range(200):
        x = mp.exp(u)
        tail, dens = beta_tail(a, b, x, upper)
        g = mp.log(tail) - mp.log(p)
        slope = x * dens / tail * (-1 if upper else 1)
        if (g < 0) == (not upper):
            lo = u
        else:
            hi = u
        step = abs(g / slope)
        if step < mpf(10) ** -35:
            break
        nxt = u - g / slope
        if not (lo < nxt < hi):
            nxt = (lo + hi) / 2
        u = nxt
    return mp.exp(u)


def f64_alpha(level):
    """The error rate 1 - level exactly as the Rust code forms it: the level is first rounded to
    the nearest f64 and the subtraction is rounded once in f64 (exact for levels of 1/2 or more).
    At 0.99999999 this differs from 1e-8 by a relative 5e-9, more than the tolerance tested."""
    return mpf(1.0 - float(level))


def wilson(k, n, z, side):
    k, n = mpf(k), mpf(n)
    ph = k / n
    c = (ph + z * z / (2 * n)) / (1 + z * z / n)
    h = z * mp.sqrt(ph * (1 - ph) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    v = c + side * h
    return min(max(v, mpf(10) ** -300), 1 - mpf(10) ** -30)


def share_bounds(k, n, level):
    alpha = f64_alpha(level)
    half = alpha / 2
    z = mp.sqrt(2) * mp.erfinv(1 - alpha)
    n_, k_ = mpf(n), mpf(k)
    out = {}
    # Clopper-Pearson.
    if k == 0:
        cp_lo = mpf(0)
    elif k == n:
        cp_lo = half ** (1 / n_)
    else:
        cp_lo = beta_quantile(k_, n_ - k_ + 1, half, False, wilson(k, n, z, -1))
    if k == n:
        cp_hi = mpf(1)
    elif k == 0:
        cp_hi = 1 - half ** (1 / n_)
    else:
        cp_hi = beta_quantile(k_ + 1, n_ - k_, half, True, wilson(k, n, z, 1))
    out["clopper_pearson"] = (cp_lo, cp_hi)
    # Jeffreys, with the Brown-Cai-DasGupta rule: lower 0 at k = 0, upper 1 at k = n.
    jl = mpf(0) if k == 0 else beta_quantile(k_ + mpf(1) / 2, n_ - k_ + mpf(1) / 2, half, False, wilson(k, n, z, -1))
    jh = mpf(1) if k == n else beta_quantile(k_ + mpf(1) / 2, n_ - k_ + mpf(1) / 2, half, True, wilson(k, n, z, 1))
    out["jeffreys"] = (jl, jh)
    return out


def shares():
    rows = []
    ns = [10, 1000, 123456789, 10**9, 10**12]
    levels = ["0.8", "0.99999999"]
    for n in ns:
        ks = sorted({0, 1, 7, n // 3, n // 2, n - 7, n - 1, n})
        for k in ks:
            for level in levels:
                b = share_bounds(k, n, level)
                for method, (lo, hi) in b.items():
                    rows.append([n, k, level, method, mp.nstr(lo, 25), mp.nstr(hi, 25)])
                print(n, k, level, file=sys.stderr)
    # Levels near 0 (the median) at a mid-range share, where the fractions converge slowest.
    for n in [10**9, 10**12]:
        k = n // 2
        b = share_bounds(k, n, "0.01")
        for method, (lo, hi) in b.items():
            rows.append([n, k, "0.01", method, mp.nstr(lo, 25), mp.nstr(hi, 25)])
    path = os.path.join(DATA, "share_extremes_mpmath.csv")
    with open(path, "w", newline="") as f:
        f.write(
            f"# source: mpmath {mpmath.__version__} at 50 digits: Clopper-Pearson and Jeffreys bounds as Newton roots of\n"
            "# beta tails (mp.betainc when a shape is below 2000, else mp.quad of the density); closed forms at\n"
            "# k = 0 and k = n; level is rounded to f64 and 1 - level formed in f64, as the Rust code does\n"
            "# regenerate: python3 benches/survey_extremes_reference.py shares\n"
        )
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["n", "k", "level", "method", "lower", "upper"])
        w.writerows(rows)


def t_tail(t, df):
    """P(T > t) = I_{df/(df+t^2)}(df/2, 1/2) / 2 by mpmath's betainc, with the density at t."""
    t, df = mpf(t), mpf(df)
    ln_norm = mp.loggamma((df + 1) / 2) - mp.loggamma(df / 2) - mp.log(mp.pi * df) / 2
    dens = mp.exp(ln_norm - (df + 1) / 2 * mp.log1p(t * t / df))
    tail = mp.betainc(df / 2, mpf(1) / 2, 0, df / (df + t * t), regularized=True) / 2
    return tail, dens


def t_quantile(level, df):
    alpha = f64_alpha(level)
    if mpf(df) == 1:
        return mp.cot(mp.pi * alpha / 2)  # closed form; the quadrature agrees (checked below)
    z = mp.sqrt(2) * mp.erfinv(1 - alpha)
    cauchy = mp.cot(mp.pi * alpha / 2)
    lo, hi = mp.log(z), mp.log(cauchy)
    u = (lo + hi) / 2 if mpf(df) < 30 else mp.log(z)
    target = mp.log(alpha / 2)
    for _ in range(300):
        t = mp.exp(u)
        tail, dens = t_tail(t, df)
        g = mp.log(tail) - target
        if g > 0:
            lo = u
        else:
            hi = u
        slope = -t * dens / tail
        step = abs(g / slope)
        if step < mpf(10) ** -35:
            break
        nxt = u - g / slope
        if not (lo < nxt < hi):
            nxt = (lo + hi) / 2
        u = nxt
    return mp.exp(u)


def t_values():
    dfs = ["1", "1.5", "2", "3", "5", "10", "30", "100", "1000", "100000", "10000000", "1000000000"]
    levels = ["0.000001", "0.5", "0.95", "0.99", "0.99999999", "0.999999999999999"]
    # The quadrature against the closed form at df = 1, as a check of the method.
    for level in ["0.95", "0.99999999"]:
        t = mp.cot(mp.pi * f64_alpha(level) / 2)
        tail, _ = t_tail(t, 1)
        assert abs(tail / (f64_alpha(level) / 2) - 1) < mpf(10) ** -30, level
    rows = []
    for df in dfs:
        for level in levels:
            t = t_quantile(level, df)
            rows.append([df, level, mp.nstr(t, 25)])
            print(df, level, file=sys.stderr)
    path = os.path.join(DATA, "t_quantiles_mpmath.csv")
    with open(path, "w", newline="") as f:
        f.write(
            f"# source: mpmath {mpmath.__version__} at 50 digits: upper (1 - level)/2 points of Student's t as Newton\n"
            "# roots of the tail I_(df/(df+t^2))(df/2, 1/2)/2 by mp.betainc; df = 1 is the closed form cot(pi*alpha/2);\n"
            "# level is rounded to f64 and 1 - level formed in f64, as the Rust code does\n"
            "# regenerate: python3 benches/survey_extremes_reference.py t\n"
        )
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["df", "level", "t"])
        w.writerows(rows)


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    os.makedirs(DATA, exist_ok=True)
    if what in ("t", "all"):
        t_values()
    if what in ("shares", "all"):
        shares()
