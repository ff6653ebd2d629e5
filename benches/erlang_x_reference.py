#!/usr/bin/env python3
"""Reference values for Erlang X, computed independently of the Rust code.

The chain (calls on the lines k, callers waiting to redial m) is built as a sparse generator
with the orbit cut far beyond where any probability remains, and solved with a sparse LU
(scipy.sparse.linalg.spsolve) of pi Q = 0 with one equation replaced by the normalisation.
Waiting-time measures do not use the closed forms of the Rust code: for a caller joining
behind j others, the tagged caller's own chain (positions j..0, then answered or abandoned)
is solved with a matrix exponential (scipy.linalg.expm) for "answered within T" and
"abandoned within T", and with its fundamental matrix for the answered calls' mean wait.

Run: python3 benches/erlang_x_reference.py   (numpy, scipy). It prints one block per case,
as pasted into crates/wfm-forecast/tests/erlang_x_reference.rs.
"""
import numpy as np
import scipy
import scipy.sparse as sp
import scipy.sparse.linalg as spla
from scipy.linalg import expm


def solve_chain(lam, mu, theta, n, N, rb, ra, gamma, M):
    """N is the last call level (lines, or the cut of an unlimited trunk); blocked_top says
    whether level N blocks (limited lines)."""
    K = N
    idx = lambda k, m: k * (M + 1) + m
    S = (K + 1) * (M + 1)
    rows, cols, vals = [], [], []

    def add(a, b, r):
        if r > 0:
            rows.append(a); cols.append(b); vals.append(r)

    for k in range(K + 1):
        for m in range(M + 1):
            s = idx(k, m)
            if k < K:
                add(s, idx(k + 1, m), lam)
                if m > 0:
                    add(s, idx(k + 1, m - 1), m * gamma)
            else:
                if m < M:
                    add(s, idx(k, m + 1), lam * rb)
                if m > 0:
                    add(s, idx(k, m - 1), m * gamma * (1 - rb))
            if k > 0:
                served = min(k, n) * mu
                wait = max(k - n, 0) * theta
                if m < M:
                    add(s, idx(k - 1, m), served + wait * (1 - ra))
                    add(s, idx(k - 1, m + 1), wait * ra)
                else:
                    add(s, idx(k - 1, m), served + wait)
    Q = sp.csr_matrix((vals, (rows, cols)), shape=(S, S))
    Q = Q - sp.diags(np.asarray(Q.sum(axis=1)).ravel())
    A = Q.T.tolil()
    A[0, :] = np.ones(S)
    b = np.zeros(S); b[0] = 1.0
    pi = spla.spsolve(A.tocsc(), b)
    pi = pi.reshape(K + 1, M + 1)
    return pi


def tagged(n, mu, theta, j, T):
    """Caller behind j others: (answered, answered within T, abandoned within T, E[V; answered])."""
    # states 0..j: number ahead; j+1: answered; j+2: abandoned
    size = j + 3
    G = np.zeros((size, size))
    for i in range(j + 1):
        nxt = i - 1 if i > 0 else j + 1
        G[i, nxt] += n * mu + i * theta
        G[i, j + 2] += theta
        G[i, i] = -(n * mu + i * theta + theta)
    P = expm(G * T)
    aw, bw = P[j, j + 1], P[j, j + 2]
    Qt = G[: j + 1, : j + 1]
    Nf = np.linalg.inv(-Qt)
    h = Nf @ (-G[: j + 1, :][:, [j + 1]]).ravel() if False else None
    # probability of being answered from each transient state
    R = G[: j + 1, j + 1]
    h = Nf @ R
    ev = Nf[j] @ h
    return h[j], aw, bw, ev


def measures(lam, mu, theta, n, N, limited, rb, ra, gamma, M, T):
    pi = solve_chain(lam, mu, theta, n, N, rb if limited else 0.0, ra, gamma, M)
    p = pi.sum(axis=1)
    ms = np.arange(pi.shape[1])
    q = pi @ ms
    R = gamma * q.sum()
    rate = lam + R
    every = (lam * p + gamma * q) / rate
    first = p
    top = len(p) - 1
    end = top if limited else top + 1
    tag = [tagged(n, mu, theta, k - n, T) for k in range(n, end)]

    def out(v):
        blocked = v[top] if limited else 0.0
        at_once = v[: min(n, end)].sum()
        wait = sum(v[k] for k in range(n, end))
        ans = at_once + sum(v[k] * tag[k - n][0] for k in range(n, end))
        ab = sum(v[k] * (1 - tag[k - n][0]) for k in range(n, end))
        aw = at_once + sum(v[k] * tag[k - n][1] for k in range(n, end))
        bw = sum(v[k] * tag[k - n][2] for k in range(n, end))
        asa = sum(v[k] * tag[k - n][3] for k in range(n, end)) / ans
        return dict(blocked=blocked, wait=wait, abandon=ab, answered=ans, sl=aw, sl_answered=aw / ans,
                    abandon_within=bw, asa=asa)

    busy = sum(p[k] * min(k, n) for k in range(len(p)))
    return dict(first=out(first), every=out(every), occupancy=busy / n, redials=R / lam,
                top_orbit=pi[:, -1].sum())


CASES = [
    # name, erlangs, aht, patience (None = never), agents, lines (None = unlimited), rb, ra, delay, T, M, cut
    ("cli_example", 10.0, 180.0, 120.0, 10, 30, 0.5, 0.5, 300.0, 20.0, 60, None),
    ("small_trunk", 10.0, 180.0, 120.0, 11, 14, 0.5, 0.5, 300.0, 20.0, 60, None),
    ("low_load", 1.0, 180.0, 60.0, 2, 3, 0.8, 0.3, 120.0, 20.0, 40, None),
    ("overload", 20.0, 180.0, 90.0, 15, 20, 0.7, 0.6, 600.0, 30.0, 160, None),
    ("unlimited", 8.0, 180.0, 180.0, 8, None, 0.0, 0.5, 300.0, 20.0, 60, 80),
    ("patient", 10.0, 180.0, None, 10, 15, 0.6, 0.0, 200.0, 20.0, 80, None),
]

if __name__ == "__main__":
    print(f"# numpy {np.__version__}, scipy {scipy.__version__}")
    for name, A, aht, pat, n, lines, rb, ra, delay, T, M, cut in CASES:
        mu = 1 / aht
        lam = A * mu
        theta = 0.0 if pat is None else 1 / pat
        gamma = 1 / delay
        limited = lines is not None
        N = lines if limited else cut
        r = measures(lam, mu, theta, n, N, limited, rb, ra, gamma, M, T)
        r2 = measures(lam, mu, theta, n, N if limited else 2 * cut, limited, rb, ra, gamma, 2 * M, T)
        drift = max(abs(r[s][key] - r2[s][key]) for s in ("first", "every") for key in r[s])
        print(f"## {name}: A={A} aht={aht} patience={pat} n={n} lines={lines} rb={rb} ra={ra} "
              f"delay={delay} T={T}  (orbit cut {M}; doubling it moves values by {drift:.1e}; top orbit mass {r['top_orbit']:.1e})")
        for s in ("first", "every"):
            print("  " + s + ": " + ", ".join(f"{k}={v:.15g}" for k, v in r[s].items()))
        print(f"  occupancy={r['occupancy']:.15g}, redials={r['redials']:.15g}")
