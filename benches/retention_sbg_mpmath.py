#!/usr/bin/env python3
"""Reference values of the shifted-beta-geometric (sBG) model at extreme parameters.

Run from the workspace root (needs mpmath 1.3.0, e.g. `pip install mpmath==1.3.0`):

    python3 benches/retention_sbg_mpmath.py

It rewrites crates/cx-retention/tests/data/sbg_mpmath.csv, read by
crates/cx-retention/tests/sbg_extremes.rs.

Model: P. S. Fader and B. G. S. Hardie, "How to Project Customer Retention", Journal of
Interactive Marketing 21(1), 2007; DERL: Fader and Hardie, "Customer-Base Valuation in a
Contractual Setting: The Perils of Ignoring Heterogeneity", Marketing Science 29(1), 2010, eq. (6).

Every value is computed from the closed forms, independently of the recurrences that the crate
uses, with mpmath keeping 50 correct digits: survival and churn probabilities take differences
of ln-gamma values as large as 7e310, so they are evaluated at 60 + (digits of the largest
argument) significant digits (up to 370); everything is printed to 20 significant digits:

    retention_rate(t)    r(t)   = (b + t - 1) / (a + b + t - 1)
    survival(t)          S(t)   = B(a, b + t) / B(a, b)       (via ln-gamma differences)
    churn_probability(t) P(T=t) = B(a + 1, b + t - 1) / B(a, b)
    derl(d, n)           DERL   = sum_{k>=1} S(n - 1 + k)/S(n - 1) (1 + d)^-(k - 1)
                                = (b + n - 1)/(a + b + n - 1) * 2F1(1, b + n; a + b + n; 1/(1 + d))

Each closed form is cross-checked here against the recurrence S(t) = S(t-1) r(t) evaluated at
60 digits for t <= 1000. DERL is its defining series at 60 digits, cross-checked against the
2F1 form at d = 0.1 for a + b <= 1e7 wherever mpmath's hyp2f1 evaluates it.
"""
import csv
import os
import sys

import mpmath as mp

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "crates", "cx-retention", "tests", "data", "sbg_mpmath.csv")

mp.mp.dps = 60
SOURCE = "mpmath %s at >= 50 digits (closed form)" % mp.__version__

# Shape parameters as the f64 values the tests pass; mpf(float) is exact.
PARAMS = [1e-300, 1e-100, 1e-17, 1e-8, 0.704, 3.806, 1e8, 1e100, 1e300, sys.float_info.max]
PERIODS = [1, 2, 10, 1000, 100000]
DERL_CASES = [(0.1, 1), (0.1, 8), (0.02, 1), (0.02, 1000)]


def ln_beta(a, b):
    return mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b)


def digits(a, b, t):
    """Working digits that keep 50 correct after ln-gamma values of a + b + t cancel."""
    return 60 + max(0, int(mp.log10(a + b + t + 1)))


def survival(a, b, t):
    with mp.workdps(digits(a, b, t)):
        return +mp.exp(ln_beta(a, b + t) - ln_beta(a, b))


def churn(a, b, t):
    with mp.workdps(digits(a, b, t)):
        return +mp.exp(ln_beta(a + 1, b + (t - 1)) - ln_beta(a, b))


def derl_series(a, b, d, n):
    """The defining series of DERL, summed until the tail (at most term/d) is below 1e-55."""
    term, total, k = (b + (n - 1)) / (a + b + (n - 1)), mp.mpf(0), 1
    tail, ratio = d * mp.mpf(10) ** -55, 1 / (1 + d)
    while term > total * tail:
        total += term
        term *= (b + (n - 1 + k)) / (a + b + (n - 1 + k)) * ratio
        k += 1
    return total + term


def derl_2f1(a, b, d, n):
    bn = b + (n - 1)
    return bn / (a + bn) * mp.hyp2f1(1, b + n, a + b + n, 1 / (1 + d))


def check(a, b):
    s = mp.mpf(1)
    for t in range(1, 1001):  # at 60 digits: the factors' digits beyond 60 do not matter
        k = t - 1  # added last: a + b + t - 1 left to right would lose a tiny a + b
        p = s * a / (a + b + k)
        s = s * (b + k) / (a + b + k)
        if t in PERIODS:
            for got, want in ((s, survival(a, b, t)), (p, churn(a, b, t))):
                if want != 0 and abs(got / want - 1) > mp.mpf(10) ** -50:
                    raise SystemExit("closed form and recurrence disagree at %r %r %d" % (a, b, t))


def derl(a, b, d, n):
    """DERL by its defining series at 60 digits, cross-checked against the 2F1 form at d = 0.1
    for a + b <= 1e7 wherever mpmath's hyp2f1 evaluates it (its transformations meet a gamma pole when
    c - a - b is an integer at working precision, and its series gives up when b + n is huge
    and a tiny; near z = 1 it is slow)."""
    value = derl_series(a, b, d, n)
    if d < mp.mpf("0.05") or a + b > 1e7:  # hyp2f1 can take minutes with large parameters
        return value
    try:
        other = derl_2f1(a, b, d, n)
    except (ValueError, ZeroDivisionError, mp.libmp.NoConvergence):
        return value
    if abs(other / value - 1) > mp.mpf(10) ** -45:
        raise SystemExit("DERL series and 2F1 disagree at %r %r %r %r" % (a, b, d, n))
    return value


def main():
    rows = []
    for fa in PARAMS:
        for fb in PARAMS:
            a, b = mp.mpf(fa), mp.mpf(fb)
            check(a, b)
            print(fa, fb, flush=True)
            for t in PERIODS:
                r = (b + (t - 1)) / (a + b + (t - 1))
                rows.append(("retention_rate", fa, fb, t, "", r))
                rows.append(("survival", fa, fb, t, "", survival(a, b, t)))
                rows.append(("churn_probability", fa, fb, t, "", churn(a, b, t)))
            for d, n in DERL_CASES:
                rows.append(("derl", fa, fb, n, d, derl(a, b, mp.mpf(d), n)))
    with open(OUT, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["quantity", "alpha", "beta", "t", "d", "value", "source"])
        for q, fa, fb, t, d, v in rows:
            source = SOURCE.replace("closed form", "defining series") if q == "derl" else SOURCE
            w.writerow([q, repr(fa), repr(fb), t, repr(d) if d != "" else "", mp.nstr(v, 20), source])
    print("wrote %d rows to %s" % (len(rows), OUT))


if __name__ == "__main__":
    main()
