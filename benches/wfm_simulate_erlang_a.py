#!/usr/bin/env python3
"""Erlang A (M/M/n+M) checked against a discrete-event simulation (ciw 3.2.7).

Run by hand:  python3 benches/wfm_simulate_erlang_a.py
Creates benches/.venv if missing (see wfm_reference.py), simulates each case with independent
replications, and writes crates/wfm-forecast/tests/data/erlang_a_ciw.csv with the mean and the
99 % Student-t confidence half-width of each metric. The integration test
tests/simulation.rs asserts that the crate's exact values fall inside those intervals.

Per replication: Poisson arrivals over a horizon, the first 5 % of the horizon discarded as
warm-up and arrivals in the last 5 % dropped (so every counted caller has finished).
"""
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import wfm_reference_env  # noqa: E402  (creates/enters the venv)

wfm_reference_env.ensure()

import ciw  # noqa: E402

OUT = os.path.join(HERE, "..", "crates", "wfm-forecast", "tests", "data", "erlang_a_ciw.csv")
REPS = 10
T99 = 3.2498355440153697  # Student t, 0.995 quantile, 9 degrees of freedom

# (case, erlangs, aht_s, patience_s, agents, t_s, horizon_s)
CASES = [
    ("EA1", 10.0, 180.0, 300.0, 14, 20.0, 1_000_000.0),
    ("EA_overloaded", 100.0, 180.0, 300.0, 95, 20.0, 120_000.0),
    ("EA_impatient", 20.0, 120.0, 30.0, 18, 10.0, 400_000.0),
]
METRICS = ["p_wait", "p_abandon", "sl_offered", "asa_answered_s", "mean_wait_all_s"]


def replicate(erlangs, aht, patience, n, t, horizon, seed):
    lam = erlangs / aht
    net = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=lam)],
        service_distributions=[ciw.dists.Exponential(rate=1.0 / aht)],
        number_of_servers=[n],
        reneging_time_distributions=[ciw.dists.Exponential(rate=1.0 / patience)],
    )
    ciw.seed(seed)
    q = ciw.Simulation(net)
    q.simulate_until_max_time(horizon * 1.2)
    lo, hi = 0.05 * horizon, 0.95 * horizon
    recs = [r for r in q.get_all_records() if lo <= r.arrival_date < hi]
    served = [r for r in recs if r.record_type == "service"]
    reneged = [r for r in recs if r.record_type == "renege"]
    total = len(served) + len(reneged)
    waited = sum(1 for r in served if r.waiting_time > 0) + len(reneged)
    within = sum(1 for r in served if r.waiting_time <= t)
    return {
        "p_wait": waited / total,
        "p_abandon": len(reneged) / total,
        "sl_offered": within / total,
        "asa_answered_s": sum(r.waiting_time for r in served) / len(served),
        "mean_wait_all_s": (sum(r.waiting_time for r in served)
                            + sum(r.exit_date - r.arrival_date for r in reneged)) / total,
        "arrivals": total,
    }


def main():
    rows = []
    for case, erlangs, aht, patience, n, t, horizon in CASES:
        reps = [replicate(erlangs, aht, patience, n, t, horizon, 1000 + i) for i in range(REPS)]
        arrivals = sum(r["arrivals"] for r in reps)
        for m in METRICS:
            xs = [r[m] for r in reps]
            mean = sum(xs) / REPS
            sd = math.sqrt(sum((x - mean) ** 2 for x in xs) / (REPS - 1))
            half = T99 * sd / math.sqrt(REPS)
            rows.append((case, erlangs, aht, patience, n, t, m, mean, half, arrivals))
            print(f"{case:14} {m:16} {mean:.6g} ± {half:.2g}  ({arrivals} arrivals)")
    with open(OUT, "w") as f:
        f.write("# source: ciw 3.2.7 discrete-event simulation, "
                f"{REPS} replications per case (seeds 1000-{999 + REPS}),\n")
        f.write("# mean and 99 % Student-t half-width; 5 % warm-up, last 5 % of arrivals dropped\n")
        f.write("# regenerate: python3 benches/wfm_simulate_erlang_a.py\n")
        f.write("case,erlangs,aht_s,patience_s,agents,t_s,metric,mean,ci99_halfwidth,arrivals\n")
        for r in rows:
            f.write(",".join(repr(v) if isinstance(v, float) else str(v) for v in r) + "\n")
    print(f"wrote {os.path.relpath(OUT)}")


main()
