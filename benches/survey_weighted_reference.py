#!/usr/bin/env python3
"""Reference values for cx-survey's weighted NPS and shares (crates/cx-survey/tests/weighted.rs).

Run by hand (not by CI):  python3 benches/survey_weighted_reference.py
It creates benches/.venv-survey-weighted (gitignored) with the pinned peers, re-executes
itself inside it, and prints the values the test embeds:

- weighted NPS (y = +1 promoter, 0 passive, -1 detractor) and its Taylor-linearised standard
  error: samplics 0.6.1 TaylorEstimator(PopParam.mean) with sample weights only (each
  respondent its own PSU, with replacement), cross-checked against numpy's
  sqrt(n/(n-1) * sum(w^2 (y - m)^2)) / W;
- the weighted top-2-box share of the same answers on 0-10 rescaled to 1-5 bands (answers
  9-10), its linearised standard error (samplics, PopParam.mean of a 0/1 variable);
- Kish's effective sample size W^2 / sum(w^2);
- intervals on the effective counts: statsmodels 0.15.0 proportion_confint(n_eff * p, n_eff,
  method=wilson / agresti_coull / beta / jeffreys) for the share, and the Wald interval of the
  NPS from the effective trinomial counts (numpy).
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(HERE, ".venv-survey-weighted")
PY = os.path.join(VENV, "bin", "python")
PINS = ["samplics==0.6.1", "statsmodels==0.15.0", "scipy==1.17.1", "numpy==2.4.6"]

if os.path.realpath(sys.prefix) != os.path.realpath(VENV):
    if not os.path.exists(PY):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
        subprocess.check_call([PY, "-m", "pip", "install", "-q", *PINS])
    os.execv(PY, [PY, os.path.abspath(__file__), *sys.argv[1:]])

import warnings  # noqa: E402

warnings.filterwarnings("ignore")

import numpy as np  # noqa: E402
import samplics  # noqa: E402
from samplics.estimation import TaylorEstimator  # noqa: E402
from samplics.utils.types import PopParam  # noqa: E402
from statsmodels.stats.proportion import proportion_confint  # noqa: E402

# Forty answers on 0-10 with post-stratification-like weights (the test types them again).
ANSWERS = [10, 9, 8, 10, 3, 7, 9, 10, 6, 0, 9, 8, 10, 5, 9, 10, 7, 2, 10, 9,
           8, 10, 9, 4, 10, 6, 9, 10, 8, 1, 10, 9, 7, 10, 9, 3, 10, 8, 9, 10]
WEIGHTS = [0.8, 1.2, 1.0, 0.6, 2.5, 1.1, 0.9, 0.7, 1.8, 3.0, 1.0, 0.9, 0.5, 2.2, 1.3, 0.8,
           1.0, 2.7, 0.6, 1.1, 1.4, 0.7, 0.9, 2.0, 0.5, 1.6, 1.2, 0.8, 1.0, 3.2, 0.6, 1.0,
           1.3, 0.7, 1.1, 2.4, 0.9, 1.0, 1.2, 0.6]

y = np.array([1.0 if a >= 9 else (0.0 if a >= 7 else -1.0) for a in ANSWERS])
top = np.array([1.0 if a >= 9 else 0.0 for a in ANSWERS])
w = np.array(WEIGHTS)
n, W, W2 = len(y), w.sum(), (w * w).sum()


def taylor(v):
    e = TaylorEstimator(PopParam.mean)
    e.estimate(y=v, samp_weight=w)
    m = (w * v).sum() / W
    se = np.sqrt(n / (n - 1) * (w * w * (v - m) ** 2).sum()) / W
    assert abs(float(e.point_est) - m) < 1e-15 and abs(float(e.stderror) - se) < 1e-15
    return float(e.point_est), float(e.stderror)


nps, nps_se = taylor(y)
share, share_se = taylor(top)
n_eff = W * W / W2
print(f"samplics {samplics.__version__}")
print(f"n_eff = {n_eff!r}")
print(f"nps = {nps!r}, se = {nps_se!r}")
print(f"share = {share!r}, se = {share_se!r}")
x = n_eff * share
for method in ["wilson", "agresti_coull", "beta", "jeffreys"]:
    lo, hi = proportion_confint(x, n_eff, alpha=0.05, method=method)
    print(f"share {method}: ({lo!r}, {hi!r})")
sp = sum(wi for wi, yi in zip(w, y) if yi > 0) / W
sd = sum(wi for wi, yi in zip(w, y) if yi < 0) / W
var = sp + sd - (sp - sd) ** 2
h = 1.959963984540054 * np.sqrt(var / n_eff)
print(f"nps wald: ({(sp - sd - h)!r}, {(sp - sd + h)!r})")
