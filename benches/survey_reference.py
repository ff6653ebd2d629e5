#!/usr/bin/env python3
"""Print the reference values of crates/cx-survey/tests/reference_statsmodels.rs.

Run by hand (not by CI):  python3 benches/survey_reference.py
It creates benches/.venv-survey (gitignored) with the pinned peers below, re-executes itself
inside it, and prints, with the versions it ran:

- share intervals: statsmodels 0.15.0 proportion_confint(x, n, alpha, method=wilson /
  agresti_coull / beta / jeffreys) at 95 %, 99 % and 80 %;
- two shares: statsmodels proportions_ztest (pooled z) and confint_proportions_2indep
  (method="newcomb"); scipy 1.17.1 fisher_exact (two-sided);
- Welch's t test: scipy ttest_ind_from_stats(equal_var=False), with the Welch-Satterthwaite df;
- Student-t quantiles at 2.5 % and 0.5 % for df from 1 to 10^6: mpmath 1.4.1, 30 digits;
- the t interval of a mean: scipy t.interval; the sample size: statsmodels
  samplesize_confint_proportion.

It does not print, and the tests take from elsewhere:

- the bpci doc-test values of Wilson at z = 1.960 and the sample-size and audit-margin tables
  (finite population correction), from the survey research report (/work/shared/research/
  survey.md, sections 3.2 and 4);
- tests/reference_nps.rs: the NPS intervals of the research report's reference.json. Wald and
  adjusted Wald are the output of the R package NPS 2.0.999 (brendan-r/NPS at cd9473e) by
  Brendan Rocks, the author of Rocks (2016), "Interval Estimation for the 'Net Promoter
  Score'", The American Statistician 70(4); the score interval is the team's own exact root of
  Tango's score equation (R's bisection agrees to 1e-9), and the Jeffreys-Dirichlet interval the
  team's own 1-D quadrature, cross-checked by 2e6 Monte Carlo draws;
- tests/weighted.rs (benches/survey_weighted_reference.py) and the exact coverage tables of
  tests/coverage.rs (the research report's coverage.py, section 3.3).

The tests compare with relative tolerances: Wilson, Agresti-Coull, the pooled z, Fisher's p,
Welch's df and the sample size to 1e-12 or better, t quantiles and the t interval to 1e-13,
Welch's t to 1e-11; beta-based intervals (Clopper-Pearson, Jeffreys) only to 1e-9 (scipy's own
beta quantiles agree with mpmath to about 1e-10 at n = 10^6); normal and t p-values and the
Newcombe ends to 1e-10.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(HERE, ".venv-survey")
PY = os.path.join(VENV, "bin", "python")
PINS = ["statsmodels==0.15.0", "scipy==1.17.1", "numpy==2.4.6", "mpmath==1.4.1"]

if os.path.realpath(sys.prefix) != os.path.realpath(VENV):
    if not os.path.exists(PY):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
        subprocess.check_call([PY, "-m", "pip", "install", "-q", *PINS])
    os.execv(PY, [PY, os.path.abspath(__file__), *sys.argv[1:]])

import mpmath as mp  # noqa: E402
import numpy as np  # noqa: E402
import scipy  # noqa: E402
import statsmodels  # noqa: E402
from scipy import stats  # noqa: E402
from statsmodels.stats.proportion import (  # noqa: E402
    proportion_confint, proportions_ztest, confint_proportions_2indep, samplesize_confint_proportion,
)

print("statsmodels", statsmodels.__version__, "scipy", scipy.__version__, "numpy", np.__version__,
      "mpmath", mp.__version__)
print("\n# proportion_confint(x, n, alpha=0.05, method)")
for x, n in [(0, 10), (10, 10), (8, 20), (25, 100), (1, 3), (85, 100), (5, 1000), (999_990, 1_000_000), (3, 1_000_000), (450_000, 1_000_000)]:
    row = {}
    for m in ["wilson", "agresti_coull", "beta", "jeffreys"]:
        row[m] = proportion_confint(x, n, alpha=0.05, method=m)
    print((x, n), {k: (repr(float(v[0])), repr(float(v[1]))) for k, v in row.items()})
print("\n# 99% and 80%")
for alpha in [0.01, 0.2]:
    for x, n in [(8, 20), (85, 100)]:
        print(alpha, (x, n), {m: tuple(repr(float(v)) for v in proportion_confint(x, n, alpha=alpha, method=m)) for m in ["wilson", "agresti_coull", "beta", "jeffreys"]})

print("\n# two proportions: proportions_ztest (pooled) and newcombe score interval")
for (x1, n1, x2, n2) in [(85, 100, 70, 100), (40, 50, 30, 60), (5, 200, 12, 180)]:
    z, p = proportions_ztest([x1, x2], [n1, n2])
    lo, hi = confint_proportions_2indep(x1, n1, x2, n2, method="newcomb", compare="diff")
    print((x1, n1, x2, n2), "z", repr(float(z)), "p", repr(float(p)), "newcombe", repr(float(lo)), repr(float(hi)))

print("\n# Fisher exact test, two-sided: scipy.stats.fisher_exact([[x1, n1 - x1], [x2, n2 - x2]])")
for (x1, n1, x2, n2) in [(85, 100, 70, 100), (40, 50, 30, 60), (5, 200, 12, 180), (3, 10, 9, 10), (0, 5, 5, 5), (1, 2, 1, 2)]:
    r = stats.fisher_exact([[x1, n1 - x1], [x2, n2 - x2]])
    print((x1, n1, x2, n2), "p", repr(float(r.pvalue)))

print("\n# Welch t test: scipy.stats.ttest_ind_from_stats(equal_var=False)")
for (m1, s1, n1, m2, s2, n2) in [(4.2, 0.9, 50, 3.9, 1.1, 60), (4.23, 0.8, 1000, 4.2, 0.85, 1200)]:
    r = stats.ttest_ind_from_stats(m1, s1, n1, m2, s2, n2, equal_var=False)
    v1, v2 = s1 * s1 / n1, s2 * s2 / n2
    df = (v1 + v2) ** 2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))
    print((m1, s1, n1, m2, s2, n2), "t", repr(float(r.statistic)), "p", repr(float(r.pvalue)), "df", repr(df))

print("\n# Student t quantiles qt(0.975, df) by mpmath (30 digits)")
mp.mp.dps = 30
def qt(p, df):
    df = mp.mpf(df)
    f = lambda t: mp.betainc(df / 2, mp.mpf(1) / 2, 0, df / (df + t * t), regularized=True) / 2 - (1 - p)
    return mp.findroot(f, mp.mpf(2))
for df in [1, 2, 9, 29, 299, 300, 1000, 10_000, 100_000, 1_000_000]:
    print(df, mp.nstr(qt(mp.mpf("0.975"), df), 20), mp.nstr(qt(mp.mpf("0.995"), df), 20))

print("\n# t confidence interval for a mean (scipy.stats.t.interval)")
for xs in [[5, 4, 4, 3, 5, 5, 2, 4], [1, 5]]:
    a = np.array(xs, dtype=float)
    lo, hi = stats.t.interval(0.95, len(a) - 1, loc=a.mean(), scale=stats.sem(a))
    print(xs, repr(float(a.mean())), repr(float(a.std(ddof=1))), repr(float(lo)), repr(float(hi)))

print("\n# sample size: statsmodels samplesize_confint_proportion(0.5, 0.05)")
print(repr(samplesize_confint_proportion(0.5, 0.05)))
