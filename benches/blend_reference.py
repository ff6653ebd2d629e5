#!/usr/bin/env python3
"""Reference values for call blending (threshold policy), from an independent implementation.

The model: n agents, Poisson inbound arrivals (rate lam), exponential inbound handle times
(rate mu_in), optional exponential patience (rate theta), an endless outbound backlog with
exponential handle times (rate mu_out); an agent starts an outbound call only when more than k
agents are idle; outbound calls are never interrupted; a freed agent serves a waiting inbound
caller first (Bhulai & Koole, "A queueing model for call blending in call centers", 2003).

This script builds the chain on (inbound calls in the system, outbound calls in progress) by
applying the policy rules after each event, solves it densely with numpy, and computes the
waiting-time distribution of a tagged first-come-first-served caller with scipy's sparse matrix
exponential (expm_multiply) and sparse solves. It shares no code or state layout with the Rust crate. Run:

    python3 benches/blend_reference.py

and compare with crates/wfm-forecast/tests/blend_reference.rs.
"""
import sys

import numpy as np
import scipy
from scipy.sparse import csc_matrix
from scipy.sparse.linalg import expm_multiply, spsolve


def settle(x, j, n, k):
    """After an event: while more than k agents are idle, one starts an outbound call."""
    while True:
        busy_in = min(x, n - j)
        idle = n - j - busy_in
        if idle > k:
            j += 1
        else:
            return x, j


def solve(n, k, lam, mu_in, mu_out, theta, qmax):
    start = settle(0, 0, n, k)
    index = {start: 0}
    todo = [start]
    edges = []  # (from, to, rate, kind)
    while todo:
        s = todo.pop()
        x, j = s
        busy_in = min(x, n - j)
        queue = max(0, x - (n - j))
        moves = []
        if queue < qmax:
            moves.append((settle(x + 1, j, n, k), lam))
        if busy_in > 0:
            moves.append((settle(x - 1, j, n, k), mu_in * busy_in))
        if j > 0:
            moves.append((settle(x, j - 1, n, k), mu_out * j))
        if queue > 0 and theta > 0:
            moves.append((settle(x - 1, j, n, k), theta * queue))
        for t, rate in moves:
            if t == s:
                continue
            if t not in index:
                index[t] = len(index)
                todo.append(t)
            edges.append((s, t, rate))
    size = len(index)
    gen = np.zeros((size, size))
    for s, t, rate in edges:
        gen[index[s], index[t]] += rate
        gen[index[s], index[s]] -= rate
    # pi Q = 0, sum pi = 1
    a = gen.T.copy()
    a[-1, :] = 1.0
    b = np.zeros(size)
    b[-1] = 1.0
    pi = spsolve(csc_matrix(a), b)
    states = sorted(index, key=index.get)
    return states, pi


def measures(n, k, lam, mu_in, mu_out, theta, t, qmax=None):
    if qmax is None:
        qmax = 220
    states, pi = solve(n, k, lam, mu_in, mu_out, theta, qmax)
    e_out = sum(p * j for (x, j), p in zip(states, pi))
    e_in = sum(p * min(x, n - j) for (x, j), p in zip(states, pi))
    e_q = sum(p * max(0, x - (n - j)) for (x, j), p in zip(states, pi))
    # Arrivals (PASTA; arrivals blocked at the truncation are left out, negligible).
    arrive = {}
    p_now = 0.0
    for (x, j), p in zip(states, pi):
        queue = max(0, x - (n - j))
        if queue >= qmax:
            continue
        if x < n - j:
            p_now += p
        else:
            m = queue + 1
            arrive[(m, j)] = arrive.get((m, j), 0.0) + p
    # Tagged caller chain: position m (1 = head) and outbound calls j; absorbing
    # "served" and "abandoned".
    wstates = sorted(arrive)
    # Close the state set under the moves (m-1, j) and (m-1, j-1).
    seen = set(wstates)
    todo = list(wstates)
    while todo:
        m, j = todo.pop()
        for t2 in [(m - 1, j), (m - 1, j - 1)]:
            if t2[0] >= 1 and t2[1] >= 0 and t2 not in seen:
                seen.add(t2)
                todo.append(t2)
    wstates = sorted(seen)
    widx = {s: i for i, s in enumerate(wstates)}
    size = len(wstates) + 2
    served, aband = size - 2, size - 1
    g = np.zeros((size, size))
    for (m, j), i in widx.items():
        a = mu_in * (n - j) + theta * (m - 1)
        b = mu_out * j
        for target, rate in [((m - 1, j), a), ((m - 1, j - 1), b)]:
            if rate == 0:
                continue
            ti = served if target[0] == 0 else widx[target]
            g[i, ti] += rate
            g[i, i] -= rate
        if theta > 0:
            g[i, aband] += theta
            g[i, i] -= theta
    init = np.zeros(size)
    for s, p in arrive.items():
        init[widx[s]] += p
    at_t = expm_multiply(csc_matrix(g.T * t), init)
    sub = -g[: size - 2, : size - 2]
    to_served = g[: size - 2, served]
    to_aband = g[: size - 2, aband]
    sub = csc_matrix(sub)
    p_served = spsolve(sub, to_served)
    p_aband = spsolve(sub, to_aband)
    # E[W 1{served}] = sum over transient time weighted by eventual service.
    w_served = spsolve(sub, p_served)
    ini = init[: size - 2]
    answered = p_now + ini @ p_served
    return {
        "p_wait": 1.0 - p_now,
        "sl": p_now + at_t[served],
        "aband_within": at_t[aband],
        "p_abandon": ini @ p_aband,
        "p_abandon_little": theta * e_q / lam,
        "asa_answered": (ini @ w_served) / answered,
        "mean_queue": e_q,
        "outbound_per_hour": mu_out * e_out * 3600.0,
        "inbound_occupancy": e_in / n,
        "outbound_occupancy": e_out / n,
    }


CASES = [
    # name, n, k, erlangs, aht_s, out_aht_s, patience_s (None = never), t_s
    ("a", 16, 0, 13.0, 240.0, 360.0, None, 20.0),
    ("b", 16, 2, 13.0, 240.0, 360.0, None, 20.0),
    ("c", 16, 5, 13.0, 240.0, 360.0, None, 20.0),
    ("d", 14, 1, 13.0, 240.0, 360.0, 120.0, 20.0),
    ("e", 5, 1, 3.0, 180.0, 600.0, 300.0, 30.0),
    ("f", 30, 3, 25.0, 300.0, 120.0, None, 30.0),
    ("g", 8, 0, 6.0, 200.0, 100.0, 60.0, 15.0),
]

if __name__ == "__main__":
    print(f"# numpy {np.__version__}, scipy {scipy.__version__}, python {sys.version.split()[0]}")
    for name, n, k, a, aht, out, pat, t in CASES:
        mu_in = 1.0 / aht
        lam = a * mu_in
        theta = 0.0 if pat is None else 1.0 / pat
        r = measures(n, k, lam, mu_in, 1.0 / out, theta, t)
        print(f"{name}: n={n} k={k} A={a} aht={aht} out_aht={out} patience={pat} t={t}")
        for key, v in r.items():
            print(f"    {key} = {v:.15g}")
