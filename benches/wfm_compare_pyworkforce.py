#!/usr/bin/env python3
"""wfm-forecast beside pyworkforce, in one run: agreement and speed.

Run by hand:  python3 benches/wfm_compare_pyworkforce.py
(creates benches/.venv if missing, see wfm_reference_env.py; needs cargo on PATH).

Workload (issue 5): 10,000 half-hour intervals, 10-2,000 calls each from a 64-bit LCG with
seed 42 (the same generator as examples/staffing_year.rs and the criterion bench), AHT 180 s,
80 % answered within 20 s. Prints, for Erlang C, how many intervals get identical required
agents and the per-interval time of each side with their ratio; for Erlang A (mean patience
180 s), the same on the first intervals (pyworkforce 0.5.4 takes ~0.2 s per interval); where
the answers differ, pyworkforce's own service level at our answer and one below is printed.
At our required agents of every interval it also compares what the staffing achieves: Erlang C
service level, occupancy and probability of waiting (all 10,000 intervals), Erlang A service
level (answered within T over offered), probability of abandoning and pyworkforce's "ASA"
(the mean wait of all arrivals, our `mean_wait_all`), and prints the largest differences.
"""
import math
import os
import platform
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import wfm_reference_env  # noqa: E402

wfm_reference_env.ensure()

import warnings  # noqa: E402

warnings.filterwarnings("ignore")
ROOT = os.path.join(HERE, "..")
N_EA = int(os.environ.get("WFM_COMPARE_ERLANG_A_INTERVALS", "20"))


def volumes(count, lo, hi):
    x, out = 42, []
    for _ in range(count):
        x = (x * 6364136223846793005 + 1442695040888963407) % 2**64
        out.append(lo + (x >> 33) % (hi - lo + 1))
    return out


def run_rust():
    env = dict(os.environ)
    env.setdefault("CARGO_TARGET_DIR", os.path.join(ROOT, "target-wfm"))
    out = subprocess.run(["cargo", "run", "--release", "--quiet", "--example", "staffing_year",
                          "--", "--agents"], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    fields = {}
    for line in out.splitlines():
        key, _, value = line.partition(" ")
        fields[key] = value
    return fields


def main():
    work = volumes(10_000, 10, 2000)
    rust = run_rust()
    rust_c = [int(a) for a in rust["erlang_c_agents"].split(",")]
    rust_a = [int(a) for a in rust["erlang_a_agents_first_200"].split(",")]

    from pyworkforce.queuing import ErlangC
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        py_c = [ErlangC(transactions=v, aht=180, asa=20, interval=1800)
                .required_positions(service_level=0.8)["raw_positions"] for v in work]
        best = min(best, time.perf_counter() - start)
    py_us = best / len(work) * 1e6
    rust_us = float(rust["erlang_c_us_per_interval_median"])
    same = sum(1 for a, b in zip(py_c, rust_c) if a == b)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    print(f"Erlang C, {len(work)} intervals: identical required agents in {same}/{len(work)}; "
          f"totals pyworkforce {sum(py_c)}, wfm-forecast {sum(rust_c)}")
    for i, (a, b) in enumerate(zip(py_c, rust_c)):
        if a != b:
            print(f"  interval {i}: volume {work[i]}, pyworkforce {a}, wfm-forecast {b}")
    floats = lambda key: [float(x) for x in rust[key].split(",")]  # noqa: E731
    worst = {"service level": 0.0, "occupancy": 0.0, "P(wait)": 0.0}
    for v, n, sl, occ, pw in zip(work, rust_c, floats("erlang_c_service_level"),
                                 floats("erlang_c_occupancy"), floats("erlang_c_p_wait")):
        e = ErlangC(transactions=v, aht=180, asa=20, interval=1800)
        for name, ours, theirs in [("service level", sl, e.service_level(n)),
                                   ("occupancy", occ, e.achieved_occupancy(n)),
                                   ("P(wait)", pw, e.waiting_probability(n))]:
            worst[name] = max(worst[name], abs(ours - theirs))
    print("  at our required agents, largest |ours - pyworkforce| over all intervals: "
          + ", ".join(f"{k} {v:.1e}" for k, v in worst.items()))
    print(f"  pyworkforce 0.5.1: {py_us:.2f} us/interval (best of 3); "
          f"wfm-forecast: {rust_us:.3f} us/interval (median of 21); ratio {py_us / rust_us:.0f}x")

    sys.path.insert(0, wfm_reference_env.PW054)
    for m in [k for k in sys.modules if k.startswith("pyworkforce")]:
        del sys.modules[m]
    from pyworkforce.queuing import ErlangA
    start = time.perf_counter()
    py_a = [ErlangA(transactions=v, aht=180, asa=20, interval=1800, patience=180)
            .required_positions(service_level=0.8)["raw_positions"] for v in work[:N_EA]]
    py_a_us = (time.perf_counter() - start) / N_EA * 1e6
    rust_a_us = float(rust["erlang_a_us_per_interval_median"])
    same_a = sum(1 for a, b in zip(py_a, rust_a) if a == b)
    print(f"Erlang A (patience 180 s), first {N_EA} intervals: identical required agents in "
          f"{same_a}/{N_EA}")
    for i, (a, b) in enumerate(zip(py_a, rust_a)):
        if a != b:
            # Judge the disagreement by pyworkforce's own service level.
            e = ErlangA(transactions=work[i], aht=180, asa=20, interval=1800, patience=180)
            print(f"  interval {i}: volume {work[i]} (A = {work[i] / 10:g}), pyworkforce {a} "
                  f"(its search starts at ceil(A) = {math.ceil(work[i] / 10)}), wfm-forecast {b}; "
                  f"pyworkforce's own SL at {b}: {e.service_level(b):.6f}, "
                  f"at {b - 1}: {e.service_level(b - 1):.6f}")
    worst = {"service level": 0.0, "P(abandon)": 0.0, "mean wait of all arrivals": 0.0}
    for v, n, sl, ab, wait in zip(work[:N_EA], rust_a, floats("erlang_a_service_level_first_200"),
                                  floats("erlang_a_p_abandon_first_200"),
                                  floats("erlang_a_mean_wait_all_first_200")):
        e = ErlangA(transactions=v, aht=180, asa=20, interval=1800, patience=180)
        for name, ours, theirs in [("service level", sl, e.service_level(n)),
                                   ("P(abandon)", ab, e.abandonment_probability(n)),
                                   ("mean wait of all arrivals", wait,
                                    e.average_speed_of_answer(n))]:
            worst[name] = max(worst[name], abs(ours - theirs) / max(1.0, abs(theirs)))
    print("  at our required agents, largest |ours - pyworkforce| (relative above 1): "
          + ", ".join(f"{k} {v:.1e}" for k, v in worst.items()))
    print(f"  pyworkforce 0.5.4: {py_a_us / 1000:.1f} ms/interval; wfm-forecast: "
          f"{rust_a_us:.2f} us/interval (median of 5 runs over 200); "
          f"ratio {py_a_us / rust_a_us:.0f}x")
    print(f"Year of 15-minute intervals ({rust['plan_year_intervals']}), Erlang C plan with "
          f"metrics and shrinkage: {rust['plan_year_ms_median']} ms (median of 11)")


main()
