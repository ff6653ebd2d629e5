#!/usr/bin/env python3
"""Discrete-event simulation of Erlang X, to check the exact chain by an independent route.

First attempts arrive as a Poisson stream; handle times, patience and redial delays are
exponential; n agents answer first come first served; at most `lines` calls hold a line
(agents plus waiting places; None for no limit). A call finding every line busy is blocked
and its caller redials with probability rb; a caller who hangs up redials with probability
ra; a redial is an attempt like any other.

Each replication runs `warmup` hours (discarded) then `hours` hours; the script prints, per
case, the mean over replications and the half-width of its 99 % confidence interval
(Student t) for: blocked, abandoned and answered shares of all attempts, the service level
(answered within T over all attempts), the same over first attempts, and redials per first
attempt. Plain Python and numpy, seeded: python3 benches/erlang_x_sim.py
"""
import heapq
import math
import sys

import numpy as np
from scipy import stats

CASES = [
    # name, erlangs, aht, patience (None = never), agents, lines (None = unlimited), rb, ra, delay, T
    ("low_load", 1.0, 180.0, 60.0, 2, 3, 0.8, 0.3, 120.0, 20.0),
    ("cli_example", 10.0, 180.0, 120.0, 10, 30, 0.5, 0.5, 300.0, 20.0),
    ("overload_low_sl", 20.0, 180.0, 90.0, 15, 20, 0.7, 0.6, 600.0, 30.0),
    ("unlimited_low_sl", 8.0, 180.0, 180.0, 8, None, 0.0, 0.5, 300.0, 20.0),
]


def replicate(rng, A, aht, patience, n, lines, rb, ra, delay, T, warmup, hours):
    lam = A / aht
    t_end = (warmup + hours) * 3600.0
    t0 = warmup * 3600.0
    ev = []  # (time, seq, kind, data)
    seq = 0

    def push(t, kind, data=None):
        nonlocal seq
        seq += 1
        heapq.heappush(ev, (t, seq, kind, data))

    push(rng.exponential(1 / lam), "first")
    busy = 0
    queue = []  # list of (call_id) in FCFS order; abandoned ones marked in `gone`
    waiting = {}  # call_id -> (arrival time, is_first)
    in_system = 0  # calls holding a line
    cid = 0
    c = dict(att=0, first=0, blocked=0, ab=0, ans=0, ans_t=0, f_ans_t=0, redials=0)
    qhead = 0

    def attempt(t, is_first):
        nonlocal busy, in_system, cid
        rec = t >= t0
        if rec:
            c["att"] += 1
            if is_first:
                c["first"] += 1
            else:
                c["redials"] += 1
        if lines is not None and in_system >= lines:
            if rec:
                c["blocked"] += 1
            if rng.random() < rb:
                push(t + rng.exponential(delay), "redial")
            return
        in_system += 1
        if busy < n:
            busy += 1
            if rec:
                c["ans"] += 1
                c["ans_t"] += 1
                if is_first:
                    c["f_ans_t"] += 1
            push(t + rng.exponential(aht), "done")
            return
        cid += 1
        waiting[cid] = (t, is_first, rec)
        queue.append(cid)
        if patience is not None:
            push(t + rng.exponential(patience), "abandon", cid)

    while ev:
        t, _, kind, data = heapq.heappop(ev)
        if t > t_end:
            break
        if kind == "first":
            attempt(t, True)
            push(t + rng.exponential(1 / lam), "first")
        elif kind == "redial":
            attempt(t, False)
        elif kind == "abandon":
            if data in waiting:
                _, _, rec = waiting.pop(data)
                in_system -= 1
                if rec:
                    c["ab"] += 1
                if rng.random() < ra:
                    push(t + rng.exponential(delay), "redial")
        elif kind == "done":
            busy -= 1
            in_system -= 1
            while qhead < len(queue) and queue[qhead] not in waiting:
                qhead += 1
            if qhead < len(queue):
                call = queue[qhead]
                qhead += 1
                ta, is_first, rec = waiting.pop(call)
                busy += 1
                if rec:
                    c["ans"] += 1
                    if t - ta <= T:
                        c["ans_t"] += 1
                        if is_first:
                            c["f_ans_t"] += 1
                push(t + rng.exponential(aht), "done")
            if qhead > 100000:
                del queue[:qhead]
                qhead = 0
    att = c["att"]
    return dict(
        blocked=c["blocked"] / att,
        abandon=c["ab"] / att,
        answered=c["ans"] / att,
        sl=c["ans_t"] / att,
        sl_first=c["f_ans_t"] / c["first"],
        redials=c["redials"] / c["first"],
    )


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    hours = float(sys.argv[2]) if len(sys.argv) > 2 else 400.0
    print(f"# numpy {np.__version__}; {reps} replications of {hours:g} hours after 10 hours of warm-up; "
          "seed 20261202 + case index; 99 % Student-t intervals")
    for i, (name, A, aht, pat, n, lines, rb, ra, delay, T) in enumerate(CASES):
        rng = np.random.default_rng(20261202 + i)
        rows = [replicate(rng, A, aht, pat, n, lines, rb, ra, delay, T, 10.0, hours) for _ in range(reps)]
        tq = stats.t.ppf(0.995, reps - 1)
        parts = []
        for key in rows[0]:
            xs = np.array([r[key] for r in rows])
            parts.append(f"{key}={xs.mean():.6f}±{tq * xs.std(ddof=1) / math.sqrt(reps):.6f}")
        print(f"{name}: " + ", ".join(parts))


if __name__ == "__main__":
    main()
