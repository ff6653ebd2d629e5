#!/usr/bin/env python3
"""Discrete-event simulation of call blending under the threshold policy, compared with the
exact chain of benches/blend_reference.py (and so with the Rust crate, whose tests cite the
same values).

n agents; inbound calls arrive as a Poisson stream, wait first come first served and hang up
after an exponential patience (if given); an agent starts an outbound call only when more
than k agents are idle; a freed agent takes a waiting inbound caller first; outbound calls
are never interrupted. Independent replications with a warm-up; 95 % confidence intervals
from the t distribution over replications. Seeded, so every run prints the same figures:

    python3 benches/blend_sim.py            # 30 replications of 300,000 s each
"""
import heapq
import math
import random
import sys
from collections import deque

from scipy import stats

import blend_reference as ref


def simulate(n, k, lam, mu_in, mu_out, theta, t_sl, horizon, warm, seed):
    rng = random.Random(seed)
    now = 0.0
    events = []  # (time, kind) kind: 0 arrival, 1 inbound done, 2 outbound done
    heapq.heappush(events, (rng.expovariate(lam), 0))
    idle = n
    queue = deque()  # (arrival time, abandonment deadline)
    offered = answered_within = abandoned = answered = 0
    wait_answered = 0.0
    outbound_done = 0

    def counting(t):
        return t >= warm

    def dispatch():
        nonlocal idle, answered, answered_within, wait_answered, abandoned
        while idle > 0 and queue:
            arr, deadline = queue.popleft()
            if deadline <= now:
                if counting(arr):
                    abandoned += 1
                continue
            idle -= 1
            w = now - arr
            if counting(arr):
                answered += 1
                wait_answered += w
                if w <= t_sl:
                    answered_within += 1
            heapq.heappush(events, (now + rng.expovariate(mu_in), 1))
        while idle > k:
            idle -= 1
            heapq.heappush(events, (now + rng.expovariate(mu_out), 2))

    dispatch()
    while True:
        now, kind = heapq.heappop(events)
        if now > horizon:
            break
        if kind == 0:
            heapq.heappush(events, (now + rng.expovariate(lam), 0))
            deadline = now + rng.expovariate(theta) if theta > 0 else math.inf
            if counting(now):
                offered += 1
            queue.append((now, deadline))
        elif kind == 1:
            idle += 1
        else:
            idle += 1
            if counting(now):
                outbound_done += 1
        dispatch()
    # Callers still queued at the horizon: those already past their deadline abandoned.
    for arr, deadline in queue:
        if counting(arr) and deadline <= horizon:
            abandoned += 1
    span = horizon - warm
    return {
        "sl": answered_within / offered,
        "p_abandon": abandoned / offered,
        "asa_answered": wait_answered / answered,
        "outbound_per_hour": outbound_done / span * 3600.0,
    }


GRID = [
    # name, n, k, erlangs, aht_s, out_aht_s, patience_s, t_s
    ("a", 16, 0, 13.0, 240.0, 360.0, None, 20.0),
    ("b", 16, 2, 13.0, 240.0, 360.0, None, 20.0),
    ("d", 14, 1, 13.0, 240.0, 360.0, 120.0, 20.0),
    ("e", 5, 1, 3.0, 180.0, 600.0, 300.0, 30.0),
    ("g", 8, 0, 6.0, 200.0, 100.0, 60.0, 15.0),
]

if __name__ == "__main__":
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    horizon = float(sys.argv[2]) if len(sys.argv) > 2 else 300_000.0
    warm = 20_000.0
    q = stats.t.ppf(0.975, reps - 1)
    print(f"# {reps} replications of {horizon:.0f} s (warm-up {warm:.0f} s), seeds 1000+r, 95 % t intervals")
    misses = 0
    for name, n, k, a, aht, out, pat, t in GRID:
        mu_in = 1.0 / aht
        lam = a * mu_in
        theta = 0.0 if pat is None else 1.0 / pat
        exact = ref.measures(n, k, lam, mu_in, 1.0 / out, theta, t, qmax=120)
        runs = [
            simulate(n, k, lam, mu_in, 1.0 / out, theta, t, horizon, warm, 1000 + r)
            for r in range(reps)
        ]
        print(f"{name}: n={n} k={k} A={a} aht={aht} out_aht={out} patience={pat} t={t}")
        for key in ["sl", "p_abandon", "asa_answered", "outbound_per_hour"]:
            xs = [r[key] for r in runs]
            mean = sum(xs) / reps
            sd = math.sqrt(sum((x - mean) ** 2 for x in xs) / (reps - 1))
            half = q * sd / math.sqrt(reps)
            ok = abs(exact[key] - mean) <= half or (half == 0 and exact[key] == mean)
            misses += not ok
            print(
                f"    {key:18} exact {exact[key]:12.6f}  sim {mean:12.6f} ± {half:9.6f}  {'inside' if ok else 'OUTSIDE'}"
            )
    print(f"# {misses} of {4 * len(GRID)} exact values outside their 95 % interval")
