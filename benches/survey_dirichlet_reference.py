#!/usr/bin/env python3
"""Reference Dirichlet NPS intervals (Jeffreys and uniform priors) at 1e1 to 1e13 answers and at
the corners, with mpmath at 24 digits.

Run by hand (not by CI):
    python3 benches/survey_dirichlet_reference.py [gil-pelaez|conditional|corners]
Needs only mpmath (written and run with mpmath 1.3.0, Python 3.11). It writes
crates/cx-survey/tests/data/nps_dirichlet_gil_pelaez_mpmath.csv (cases where every pseudo-count
is at least 50), nps_dirichlet_conditional_mpmath.csv (few answers and small corners) and
nps_dirichlet_corners_mpmath.csv (all passives at 1e6; all promoters at 1e12 and all detractors
at 1e13, by a third method, cdf_one_huge), or the first two in nps_dirichlet_mpmath.csv
without an argument.

The posterior of (thetaP, thetaA, thetaD) is Dir(P + c, A + c, D + c) with c = 1/2 (Jeffreys) or 1
(uniform); the interval is the equal-tailed interval of L = thetaP - thetaD. Two computations of
P(L <= t), both independent of the Rust code (which conditions on thetaP and uses a continued
fraction and Cornish-Fisher expansion):

- when every pseudo-count is at least 50: Gil-Pelaez inversion of the characteristic function of
  N = (1 - t) G_P - t G_A - (1 + t) G_D with independent G_i ~ Gamma(alpha_i) (L <= t iff N <= 0),
  P(N <= 0) = 1/2 - (1/pi) int_0^inf Im(phi(s))/s ds, by mp.quad;
- otherwise (a corner, or few answers): conditioning on thetaA ~ Beta(aA, aP + aD), under which
  thetaP / (1 - thetaA) ~ Beta(aP, aD) and L <= t iff that ratio <= (1 + t - a) / (2 (1 - a));
  the inner tail by mp.betainc, the outer integral by mp.quad.

The ends are roots of P(L <= t) = alpha/2 and P(L >= t) = alpha/2 (the second as the first of the
mirrored posterior), found by the Illinois method inside a bracket, to 1e-18 of the posterior sd.
"""

import csv
import os
import sys

import mpmath
from mpmath import mp, mpf

mp.dps = 24
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "crates", "cx-survey", "tests", "data")


def moments(ap, aa, ad):
    a0 = ap + aa + ad
    mean = (ap - ad) / a0
    var = ((ap + ad) / a0 - mean * mean) / (a0 + 1)
    return mean, mp.sqrt(var)


def cdf_gil_pelaez(ap, aa, ad, t):
    c = [1 - t, -t, -(1 + t)]
    al = [ap, aa, ad]
    sd = mp.sqrt(sum(cj * cj * aj for cj, aj in zip(c, al)))

    def integrand(u):
        s = u / sd
        ln_phi = -sum(aj * mp.log(1 - 1j * s * cj) for cj, aj in zip(c, al))
        return mp.im(mp.exp(ln_phi)) / u

    pts = [mpf(v) for v in [0, 0.25, 0.5, 1, 1.5, 2, 3, 4, 5, 6, 8, 10, 13, 17, 22, 30, 40]]
    return mpf(1) / 2 - mp.quad(integrand, pts) / mp.pi


def cdf_conditional(ap, aa, ad, t):
    ln_norm = mp.loggamma(aa + ap + ad) - mp.loggamma(aa) - mp.loggamma(ap + ad)

    def f_a(a):
        return mp.exp((aa - 1) * mp.log(a) + (ap + ad - 1) * mp.log1p(-a) + ln_norm)

    top = 1 + t  # above thetaA = 1 + t the bound on the ratio is negative

    def integrand(a):
        if a >= 1:
            return mpf(0)
        r = (1 + t - a) / (2 * (1 - a))
        if r <= 0:
            return mpf(0)
        if r >= 1:
            return f_a(a)
        return f_a(a) * mp.betainc(ap, ad, 0, r, regularized=True)

    # thetaA's bulk: split at its mean +- several sd, and where the ratio bound reaches 0
    # (a = 1 + t) and 1 (a = 1 - t), the kinks of the integrand.
    m = aa / (aa + ap + ad)
    s = mp.sqrt(m * (1 - m) / (aa + ap + ad + 1))
    cuts = {mpf(0), mpf(1)}
    for k in [-40, -20, -10, -5, -2, 0, 2, 5, 10, 20, 40, 80, 160]:
        v = m + k * s
        if 0 < v < 1:
            cuts.add(v)
    for kink in [top, 1 - t]:
        if 0 < kink < 1:
            cuts.add(kink)
    pts = sorted(cuts)
    return mp.quad(integrand, pts)


HUGE = 10**9  # cdf_one_huge is used from here on (lowered only to check it against the others)


def cdf_one_huge(ap, aa, ad, t):
    """P(L <= t) when one of the promoter and detractor pseudo-counts is huge and the other two
    are 1/2: the corners where both methods above are too slow. Exact, in three steps:

    - with independent G_i ~ Gamma(alpha_i), L <= t iff (1 - t) G_P <= t G_A + (1 + t) G_D;
    - the two Gamma(1/2) variables are Z1^2/2 and Z2^2/2 for independent standard normals, so
      a X + b Y = E w(phi) with E ~ Exp(1) and phi uniform on [0, pi/2] independent of it,
      w(phi) = a cos^2 phi + b sin^2 phi;
    - given phi, P(E w >= s G) over G ~ Gamma(k) is the gamma's Laplace transform
      E[exp(-s G / w)] = (1 + s / w)^(-k).

    What is left is one smooth integral over phi of an elementary function."""
    h = mpf(1) / 2
    assert aa == h and min(ap, ad) == h and max(ap, ad) >= HUGE
    big = max(ap, ad)

    def tail(a, b, s):
        # P(E w(phi) >= s G) averaged over phi.
        def f(phi):
            w = a * mp.cos(phi) ** 2 + b * mp.sin(phi) ** 2
            # With w <= 0 (a negative weight, far from the ends), E w >= s G never holds.
            return mp.exp(-big * mp.log1p(s / w)) if w > 0 else mpf(0)

        return 2 / mp.pi * mp.quad(f, mp.linspace(0, mp.pi / 2, 9))

    if t <= -1:
        return mpf(0)
    if t >= 1:
        return mpf(1)
    if ap == big:
        # L <= t iff t G_A + (1 + t) G_D >= (1 - t) G_P (the ends lie at t > 0).
        return tail(t, 1 + t, 1 - t)
    # L <= t iff (1 - t) G_P + (-t) G_A <= (1 + t) G_D (the ends lie at t < 0).
    return 1 - tail(1 - t, -t, 1 + t)


def cdf(ap, aa, ad, t):
    if max(ap, ad) >= HUGE and aa == mpf(1) / 2 and min(ap, ad) == mpf(1) / 2:
        return cdf_one_huge(ap, aa, ad, t)
    if min(ap, aa, ad) >= 50:
        return cdf_gil_pelaez(ap, aa, ad, t)
    return cdf_conditional(ap, aa, ad, t)


def lower_end(ap, aa, ad, p):
    """t with P(L <= t) = p, by the Illinois method in a bracket found from the moments."""
    mean, sd = moments(ap, aa, ad)
    z = mp.sqrt(2) * mp.erfinv(2 * p - 1)
    guess = mean + z * sd
    width = sd * (mpf(1) / 2 + abs(z) / 4)
    lo, hi = max(mpf(-1), guess - width), min(mpf(1), guess + width)
    flo, fhi = cdf(ap, aa, ad, lo) - p, cdf(ap, aa, ad, hi) - p
    while flo > 0:
        lo, width = max(mpf(-1), lo - 2 * width), 2 * width
        flo = cdf(ap, aa, ad, lo) - p
    while fhi < 0:
        hi, width = min(mpf(1), hi + 2 * width), 2 * width
        fhi = cdf(ap, aa, ad, hi) - p
    side = 0
    for _ in range(300):
        x = (lo * fhi - hi * flo) / (fhi - flo)
        fx = cdf(ap, aa, ad, x) - p
        if fx < 0:
            lo, flo = x, fx
            if side == -1:
                fhi /= 2
            side = -1
        else:
            hi, fhi = x, fx
            if side == 1:
                flo /= 2
            side = 1
        if hi - lo < mpf(10) ** -18 * max(sd, mpf(10) ** -20) or fx == 0:
            break
    return (lo + hi) / 2


def f64_alpha(level):
    return mpf(1.0 - float(level))


def main():
    cases = [
        # (promoters, passives, detractors): 1e1, 1e4, 1e6, 1e8, 1e12 answers, then corners.
        (5, 3, 2),
        (5000, 2000, 3000),
        (500000, 200000, 300000),
        (50_000_000, 20_000_000, 30_000_000),
        (500_000_000_000, 200_000_000_000, 300_000_000_000),
        (0, 0, 10),
        (0, 0, 10_000),
        (100_000_000, 0, 0),
        (0, 0, 10_000_000_000_000),
        (1_000_000_000_000, 0, 0),
        (0, 1_000_000, 0),
        (1, 0, 99_999_999),
    ]
    rows = []
    for prior, c in [("jeffreys", mpf(1) / 2), ("uniform", mpf(1))]:
        for (p, a, d) in cases:
            if prior == "uniform" and (p, a, d) not in ((5000, 2000, 3000), (0, 0, 10_000)):
                continue
            ap, aa, ad = mpf(p) + c, mpf(a) + c, mpf(d) + c
            # Gil-Pelaez gives a tail as 1/2 minus an integral, so its absolute error (about
            # 1e-20 here) is relative to the tail: it is used at 95 % and 99 % only.
            gil_pelaez = min(ap, aa, ad) >= 50
            corner = max(p, d) >= 10**9 and a == 0 and min(p, d) == 0
            if MODE == "corners":
                if not corner and (p, a, d) != (0, 1_000_000, 0):
                    continue
            elif corner or (p, a, d) == (0, 1_000_000, 0) or (MODE != "all" and (MODE == "gil-pelaez") != gil_pelaez):
                continue
            for level in ["0.95", "0.99"] if gil_pelaez else ["0.95", "0.99999999"]:
                half = f64_alpha(level) / 2
                lo = lower_end(ap, aa, ad, half)
                hi = -lower_end(ad, aa, ap, half)
                rows.append([prior, p, a, d, level, mp.nstr(100 * lo, 22), mp.nstr(100 * hi, 22)])
                print(prior, p, a, d, level, mp.nstr(100 * lo, 20), mp.nstr(100 * hi, 20), file=sys.stderr)
    os.makedirs(DATA, exist_ok=True)
    name = {
        "all": "",
        "gil-pelaez": "_gil_pelaez",
        "conditional": "_conditional",
        "corners": "_corners",
    }[MODE]
    path = os.path.join(DATA, f"nps_dirichlet{name}_mpmath.csv")
    with open(path, "w", newline="") as f:
        f.write(
            f"# source: mpmath {mpmath.__version__} at {mp.dps} digits: equal-tailed Dirichlet posterior intervals of the NPS\n"
            "# (points), by Gil-Pelaez inversion (all pseudo-counts >= 50), conditioning on thetaA with mp.betainc,\n"
            "# or (one count of 1e9 and more, the others 0) through the huge gamma's Laplace transform;\n"
            "# level is rounded to f64 and 1 - level formed in f64, as the Rust code does\n"
            f"# regenerate: python3 benches/survey_dirichlet_reference.py {MODE if MODE != 'all' else ''}\n"
        )
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["prior", "promoters", "passives", "detractors", "level", "lower", "upper"])
        w.writerows(rows)


if __name__ == "__main__":
    MODE = sys.argv[1] if len(sys.argv) > 1 else "all"
    if MODE == "corners":
        # Ends within 1e-11 of -1 or 1 are found to 1e-18 of a posterior sd near 1e-13: the
        # roots need more than 24 digits to be told apart from the bound.
        mp.dps = 40
    main()
