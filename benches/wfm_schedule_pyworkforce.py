#!/usr/bin/env python3
"""wfm-schedule beside pyworkforce's shift scheduling, in one run: objectives and solve times.

Run by hand:  pip install pyworkforce  &&  python3 benches/wfm_schedule_pyworkforce.py
(needs cargo on PATH; builds the `pyworkforce_instance` example of wfm-schedule in release).

pyworkforce (0.5.1 on Python 3.11) solves `MinAbsDifference` (minimise the total absolute
difference between scheduled and required agents per period, under a cap on agents per period
and per shift) and `MinRequiredResources` (minimise the total shift cost with every period
covered) with OR-tools CP-SAT. We solve the same instances with good_lp and microlp, one
thread, and print both objectives, whether ours is at least as good, and both solve times.

Instances: pyworkforce's own test examples (2 days of 24 periods, 4 shifts), then a grid of
random instances (64-bit LCG, seed 7): 1, 2 or 7 days; 4, 8 or 16 contiguous shifts of 4 to 9
hours; requirements 0 to 25 per hour; integer shift costs 1 to 5 for MinRequiredResources.
A shift mask with gaps (pyworkforce's "Night" covers 0-4 and 21-23) becomes a shift with a
fixed break. Caps: 25 agents per period and 20 per shift for MinAbsDifference; 100 and 40 for
MinRequiredResources (so that full coverage exists); random requirements are zero in periods
no shift covers. Note: pyworkforce bounds the absolute
difference of a period by the period cap, so an instance needing more than the cap is
"INFEASIBLE" for it while we return the schedule with the smallest deviation.
"""
import json
import os
import platform
import subprocess
import sys
import time

from pyworkforce.scheduling import MinAbsDifference, MinRequiredResources

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
LIMIT = float(os.environ.get("WFM_SCHEDULE_TIME_LIMIT", "10"))


def lcg(seed):
    x = seed
    while True:
        x = (x * 6364136223846793005 + 1442695040888963407) % 2**64
        yield x >> 33


def build():
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "wfm-schedule",
                    "--example", "pyworkforce_instance"], cwd=ROOT, check=True)
    return os.path.join(ROOT, "target", "release", "examples", "pyworkforce_instance")


def ours(binary, inst, objective):
    payload = {
        "periods": inst["periods"], "num_days": inst["num_days"],
        "required": inst["required"],
        "shifts": [{"name": n, "mask": m, "cost": inst["costs"][n]}
                   for n, m in inst["shifts"].items()],
        "max_period_concurrency": inst["max_period"], "max_shift_concurrency": inst["max_shift"],
        "objective": objective, "time_limit": LIMIT,
    }
    out = subprocess.run([binary], input=json.dumps(payload), capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout)


def theirs(inst, objective):
    kw = dict(num_days=inst["num_days"], periods=inst["periods"],
              shifts_coverage=inst["shifts"], required_resources=inst["required"],
              max_period_concurrency=inst["max_period"],
              max_shift_concurrency=inst["max_shift"], max_search_time=LIMIT)
    if objective == "min_cost":
        s = MinRequiredResources(cost_dict=inst["costs"], **kw)
    else:
        s = MinAbsDifference(**kw)
    t = time.perf_counter()
    sol = s.solve()
    return sol, time.perf_counter() - t


def examples():
    required = [
        [9, 11, 17, 9, 7, 12, 5, 11, 8, 9, 18, 17, 8, 12, 16, 8, 7, 12, 11, 10, 13, 19, 16, 7],
        [13, 13, 12, 15, 18, 20, 13, 16, 17, 8, 13, 11, 6, 19, 11, 20, 19, 17, 10, 13, 14, 23, 16, 8],
    ]
    shifts = {
        "Morning": [0] * 5 + [1] * 8 + [0] * 11,
        "Afternoon": [0] * 13 + [1] * 8 + [0] * 3,
        "Night": [1] * 5 + [0] * 16 + [1] * 3,
        "Mixed": [0] * 9 + [1] * 8 + [0] * 7,
    }
    base = dict(periods=24, num_days=2, required=required, shifts=shifts, max_shift=20)
    yield "pyworkforce example, cap 25", dict(base, max_period=25, costs=dict.fromkeys(shifts, 1))
    yield "pyworkforce example, cap 10", dict(base, max_period=10, costs=dict.fromkeys(shifts, 1))
    yield "pyworkforce example, costs 8/8/10/6", dict(
        base, max_period=25, costs={"Morning": 8, "Afternoon": 8, "Night": 10, "Mixed": 6})


def grid():
    rnd = lcg(7)
    for days in (1, 2, 7):
        for n_shifts in (4, 8, 16):
            shifts, costs = {}, {}
            for i in range(n_shifts):
                length = 4 + next(rnd) % 6
                start = next(rnd) % (24 - length + 1)
                shifts[f"s{i}"] = [1 if start <= p < start + length else 0 for p in range(24)]
                costs[f"s{i}"] = 1 + next(rnd) % 5
            covered = [any(m[p] for m in shifts.values()) for p in range(24)]
            required = [[next(rnd) % 26 if covered[p] else 0 for p in range(24)]
                        for _ in range(days)]
            yield f"random {days} d × {n_shifts} shifts", dict(
                periods=24, num_days=days, required=required, shifts=shifts, costs=costs,
                max_period=25, max_shift=20)


def main():
    binary = build()
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo")
                if l.startswith("model name")), platform.processor())
    print(f"# {time.strftime('%Y-%m-%d')}, {cpu}, time limit {LIMIT} s each")
    print(f"# ours: wfm-schedule (good_lp + microlp, 1 thread); "
          f"theirs: pyworkforce (OR-tools CP-SAT, 2 workers)")
    print("| instance | objective | ours | status | s | pyworkforce | status | s | ours ≤ theirs |")
    print("|---|---|---|---|---|---|---|---|---|")
    worse = 0
    for name, inst in list(examples()) + list(grid()):
        for objective in ("min_abs_difference", "min_cost"):
            if objective == "min_cost":
                # Room for full coverage: 20 agents per shift cannot cover a period needing 23.
                inst = dict(inst, max_shift=40, max_period=100)
            a = ours(binary, inst, objective)
            sol, secs = theirs(inst, objective)
            their_obj = sol["cost"] if sol["status"] in ("OPTIMAL", "FEASIBLE") else None
            if "error" in a:
                mine, status, t = "—", a["error"][:40], 0.0
            else:
                mine, status, t = a["objective"], a["status"], a["seconds"]
                assert a["valid"], f"invalid schedule on {name}"
            if objective == "min_cost" and "error" not in a and a["max_on_duty"] > inst["max_period"]:
                status += f" (uses {a['max_on_duty']} > cap)"
            ok = ("n/a" if their_obj is None or mine == "—"
                  else ("yes" if mine <= their_obj + 1e-6 else "NO"))
            worse += ok == "NO"
            print(f"| {name} | {objective} | {mine if mine == '—' else round(mine, 3)} | {status} "
                  f"| {t:.3f} | {their_obj} | {sol['status']} | {secs:.3f} | {ok} |")
    print(f"# instances where ours is worse: {worse}")


if __name__ == "__main__":
    sys.exit(main())
