#!/usr/bin/env python3
"""cx-journey against pm4py on the same synthetic event log.

Generates a log of customer journeys (a Markov chain over 12 steps, whole-second timestamps,
distinct within each case), computes the directly-follows graph, the variants and the case
durations with pm4py and with cx-journey (the `journey_pm4py` example, release build), checks that
they are identical, and prints the timings and their ratio.

    pip install pm4py
    python3 benches/cx_journey_pm4py.py --events 1000000

Timings: pm4py's three calls on an already formatted DataFrame (discover_dfg, get_variants,
get_all_case_durations) against cx-journey's record + finish + directly_follows + variants +
case_durations on records already parsed in memory. Reading the CSV is timed apart on both sides.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd
import pm4py

STEPS = ["Search", "Browse", "Product page", "Basket", "Login", "Pay", "Confirm",
         "Help page", "Chat", "Call", "Track order", "Return"]
CHANNELS = ["web", "app", "phone", "chat"]


def generate(n_events, seed):
    rng = np.random.default_rng(seed)
    k = len(STEPS)
    # Transition matrix with an absorbing "end" column.
    trans = rng.dirichlet(np.full(k + 1, 0.6), size=k)
    trans[:, k] += 0.12
    trans /= trans.sum(axis=1, keepdims=True)
    cum = np.cumsum(trans, axis=1)
    n_cases = max(1, n_events // 6)
    cases, times, steps = [], [], []
    state = rng.integers(0, 3, size=n_cases)
    alive = np.arange(n_cases)
    t = rng.integers(1_700_000_000, 1_700_000_000 + 86_400 * 30, size=n_cases)
    total = 0
    while alive.size and total < n_events:
        cases.append(alive.copy())
        times.append(t[alive].copy())
        steps.append(state[alive].copy())
        total += alive.size
        u = rng.random(alive.size)
        nxt = (u[:, None] > cum[state[alive]]).sum(axis=1)
        t[alive] += rng.integers(1, 3600, size=alive.size)
        keep = nxt < k
        state[alive[keep]] = nxt[keep]
        alive = alive[keep]
    case = np.concatenate(cases)
    ts = np.concatenate(times)
    st = np.concatenate(steps)
    df = pd.DataFrame({
        "case_id": np.char.add("c", case.astype(str)),
        "ts": ts,
        "step": np.array(STEPS)[st],
        "channel": np.array(CHANNELS)[rng.integers(0, len(CHANNELS), size=case.size)],
    })
    return df


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=20261202)
    ap.add_argument("--sorted", action="store_true", help="write the log sorted by case and time")
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    df = generate(args.events, args.seed)
    if args.sorted:
        df = df.sort_values(["case_id", "ts"], kind="stable")
    path = os.path.join(tempfile.gettempdir(), f"cx_journey_{args.events}_{args.seed}.csv")
    df.to_csv(path, index=False)
    print(f"log: {len(df)} events, {df.case_id.nunique()} cases, {path}")

    t0 = time.perf_counter()
    pdf = pd.read_csv(path)
    pdf["ts"] = pd.to_datetime(pdf["ts"], unit="s")
    pdf = pm4py.format_dataframe(pdf, case_id="case_id", activity_key="step", timestamp_key="ts")
    t_read = time.perf_counter() - t0
    c0 = time.process_time()
    t0 = time.perf_counter()
    dfg, _start, _end = pm4py.discover_dfg(pdf)
    t_dfg = time.perf_counter() - t0
    t0 = time.perf_counter()
    variants = pm4py.get_variants(pdf)
    t_var = time.perf_counter() - t0
    t0 = time.perf_counter()
    durations = pm4py.get_all_case_durations(pdf)
    t_dur = time.perf_counter() - t0
    pm_total = t_dfg + t_var + t_dur
    pm_cpu = time.process_time() - c0

    subprocess.run(["cargo", "build", "--release", "--quiet", "--example", "journey_pm4py"],
                   cwd=root, check=True)
    exe = os.path.join(root, "target", "release", "examples", "journey_pm4py")
    out = subprocess.run([exe, path], capture_output=True, text=True, check=True).stdout
    r_dfg, r_var, r_dur, timing = {}, {}, [], {}
    for line in out.splitlines():
        f = line.split("\t")
        if f[0] == "DF":
            r_dfg[(f[1], f[2])] = int(f[3])
        elif f[0] == "V":
            r_var[tuple(f[2].split(","))] = int(f[1])
        elif f[0] == "D":
            r_dur.append(int(f[1]) / 1000.0)
        elif f[0] == "T":
            timing = {k: float(v) for k, v in (x.split("=") for x in f[1:])}

    pm_var = {tuple(k): (v if isinstance(v, int) else len(v)) for k, v in variants.items()}
    same_dfg = {k: int(v) for k, v in dfg.items()} == r_dfg
    same_var = pm_var == r_var
    same_dur = sorted(float(x) for x in durations) == sorted(r_dur)
    print(f"directly-follows pairs: pm4py {len(dfg)}, cx-journey {len(r_dfg)}, identical: {same_dfg}")
    print(f"variants: pm4py {len(pm_var)}, cx-journey {len(r_var)}, identical: {same_var}")
    print(f"case durations: pm4py {len(durations)}, cx-journey {len(r_dur)}, identical: {same_dur}")
    print(f"pm4py {pm4py.__version__}: read+format {t_read:.3f} s; dfg {t_dfg:.3f} s, "
          f"variants {t_var:.3f} s, durations {t_dur:.3f} s; compute {pm_total:.3f} s")
    print(f"cx-journey: read+parse {timing['read_parse']:.3f} s; record {timing['record']:.3f} s, "
          f"finish {timing['finish']:.3f} s, dfg {timing['dfg']:.3f} s, "
          f"variants {timing['variants']:.3f} s, durations {timing['durations']:.3f} s; "
          f"compute {timing['compute_total']:.3f} s")
    print(f"CPU time of the compute part: pm4py {pm_cpu:.3f} s, cx-journey {timing['compute_cpu']:.3f} s")
    print(f"ratio (pm4py compute / cx-journey compute), wall clock: {pm_total / timing['compute_total']:.1f}x")
    print(f"ratio (pm4py compute / cx-journey compute), CPU time: {pm_cpu / timing['compute_cpu']:.1f}x")
    print(f"ratio end to end (with reading the CSV): "
          f"{(t_read + pm_total) / (timing['read_parse'] + timing['compute_total']):.1f}x")
    if not (same_dfg and same_var and same_dur):
        sys.exit(1)


if __name__ == "__main__":
    main()
