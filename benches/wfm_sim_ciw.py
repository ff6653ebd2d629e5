#!/usr/bin/env python3
"""wfm-sim against ciw (an independent discrete-event simulation library for Python) on two
call types and agent groups with overlapping skills, the "N" and "W" designs.

Both simulate the same model: Poisson arrivals (10 and 8 Erlangs of 240-second exponential
calls), exponential patience (180 s and 300 s), first come first served within a type, a call
goes to the longest-idle agent of the best-priority group with the skill, a free agent takes
the oldest call of its best-priority skill. 30-minute intervals: an hour of warm-up, four
measured hours (calls arriving then), an hour of cool-down. ciw has no skill-based routing, so
this script adds it by subclassing ciw's Node (servers belong to groups; a server only takes
the classes its group answers).

For each design and call type it prints the service level (answered within 20 s over offered),
ASA and abandoned share of both simulators with their standard errors, whether the difference
lies within the pooled 99 % interval (|d| <= 2.576 * sqrt(se1^2 + se2^2)), and the speed ratio
(calls simulated per second, one core each).

Usage: python3 benches/wfm_sim_ciw.py [replications]   (installs ciw from PyPI if missing)
"""
import json
import math
import subprocess
import sys
import time

try:
    import ciw
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "ciw"])
    import ciw

AHT, WITHIN = 240.0, 20.0
WARMUP, MEASURED, COOLDOWN, LEN = 2, 8, 2, 1800.0
TYPES = [("one", 10.0, 180.0), ("two", 8.0, 300.0)]
# group name, agents, {type index: priority}
DESIGNS = {
    "n": [("one", 9, {0: 1}), ("two", 10, {1: 1, 0: 2})],
    "w": [("one", 7, {0: 1}), ("both", 6, {0: 2, 1: 2}), ("two", 5, {1: 1})],
}


def skill_node(groups):
    """A ciw Node whose servers belong to groups with skills and priorities."""
    owner = []  # server index (0-based) -> group index
    for g, (_, agents, _) in enumerate(groups):
        owner += [g] * agents

    class SkillNode(ciw.Node):
        def group_of(self, srv):
            return owner[srv.id_number - 1]

        def find_free_server(self, ind):
            k = int(ind.customer_class)
            best = None
            for srv in self.servers:
                if srv.busy:
                    continue
                skills = groups[self.group_of(srv)][2]
                if k not in skills:
                    continue
                key = (skills[k], getattr(srv, "idle_since", 0.0), srv.id_number)
                if best is None or key < best[0]:
                    best = (key, srv)
            return None if best is None else best[1]

        def detatch_server(self, server, individual):
            super().detatch_server(server, individual)
            server.idle_since = self.now

        def begin_service_if_possible_accept(self, next_individual):
            # Only the arriving call can newly find a free agent.
            next_individual.arrival_date = self.now
            if self.reneging is True:
                next_individual.reneging_date = self.get_reneging_date(next_individual)
            srv = self.find_free_server(next_individual)
            if srv is not None:
                self.start(srv, next_individual)

        def begin_service_if_possible_release(self, next_individual, newly_free_server):
            srv = newly_free_server
            if srv is None or srv not in self.servers:
                return
            skills = groups[self.group_of(srv)][2]
            best = None
            for queue in self.individuals:
                for ind in queue:
                    if ind.server:
                        continue
                    k = int(ind.customer_class)
                    if k not in skills:
                        continue
                    key = (skills[k], ind.arrival_date)
                    if best is None or key < best[0]:
                        best = (key, ind)
            if best is not None:
                self.start(srv, best[1])

        def start(self, srv, ind):
            self.attach_server(srv, ind)
            ind.service_start_date = self.now
            ind.service_time = self.get_service_time(ind)
            ind.service_end_date = self.now + ind.service_time
            self.number_in_service += 1
            srv.next_end_service_date = ind.service_end_date

    return SkillNode


def ciw_run(design, reps):
    groups = DESIGNS[design]
    agents = sum(a for _, a, _ in groups)
    end = (WARMUP + MEASURED + COOLDOWN) * LEN
    net = ciw.create_network(
        arrival_distributions={str(k): [ciw.dists.Exponential(e / AHT)] for k, (_, e, _) in enumerate(TYPES)},
        service_distributions={str(k): [ciw.dists.Exponential(1 / AHT)] for k in range(len(TYPES))},
        reneging_time_distributions={str(k): [ciw.dists.Exponential(1 / p)] for k, (_, _, p) in enumerate(TYPES)},
        number_of_servers=[agents],
    )
    node = skill_node(groups)
    per_rep = [[] for _ in TYPES]
    calls = 0
    start = time.perf_counter()
    for r in range(reps):
        ciw.seed(r)
        q = ciw.Simulation(net, node_class=node)
        q.simulate_until_max_time(end)
        recs = q.get_all_records()
        calls += sum(1 for rec in recs if rec.record_type in ("service", "renege"))
        for k in range(len(TYPES)):
            mine = [
                rec for rec in recs
                if int(rec.customer_class) == k and WARMUP * LEN <= rec.arrival_date < (WARMUP + MEASURED) * LEN
                and rec.record_type in ("service", "renege")
            ]
            ans = [rec for rec in mine if rec.record_type == "service"]
            off = max(len(mine), 1)
            sl = sum(1 for rec in ans if rec.waiting_time <= WITHIN) / off
            asa = sum(rec.waiting_time for rec in ans) / max(len(ans), 1)
            per_rep[k].append((sl, asa, (len(mine) - len(ans)) / off))
    secs = time.perf_counter() - start
    out = []
    for reps_k in per_rep:
        cols = list(zip(*reps_k))
        out.append({name: stat(col) for name, col in zip(("sl", "asa", "abandoned"), cols)})
    return {"calls": calls, "seconds": secs, "types": out}


def stat(xs):
    n = len(xs)
    m = sum(xs) / n
    v = sum((x - m) ** 2 for x in xs) / (n - 1)
    return {"mean": m, "se": math.sqrt(v / n)}


def ours(design, reps):
    out = subprocess.run(
        ["cargo", "run", "-q", "--release", "-p", "wfm-sim", "--example", "two_types", "--", design, str(reps)],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out)


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    print(f"ciw {ciw.__version__}, {reps} replications each")
    for design in ("n", "w"):
        c = ciw_run(design, reps)
        w = ours(design, reps)
        # Speed from a run long enough to time: 20x the replications.
        w_speed = ours(design, reps * 20)
        print(f"\n{design.upper()} design")
        print(f"{'type':<5} {'measure':<10} {'wfm-sim':>20} {'ciw':>20}  within pooled 99 %")
        for k, (name, _, _) in enumerate(TYPES):
            for meas in ("sl", "asa", "abandoned"):
                a, b = w["types"][k][meas], c["types"][k][meas]
                ok = abs(a["mean"] - b["mean"]) <= 2.576 * math.hypot(a["se"], b["se"])
                print(f"{name:<5} {meas:<10} {a['mean']:>11.4f} ± {a['se']:.4f} {b['mean']:>11.4f} ± {b['se']:.4f}  {'yes' if ok else 'NO'}")
        ours_rate = w_speed["calls"] / w_speed["seconds"]
        ciw_rate = c["calls"] / c["seconds"]
        print(f"speed: wfm-sim {ours_rate:,.0f} calls/s, ciw {ciw_rate:,.0f} calls/s, ratio {ours_rate / ciw_rate:,.0f}x")


if __name__ == "__main__":
    main()
