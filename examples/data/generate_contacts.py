"""Writes contacts.csv: four weeks of synthetic contact records of a small voice queue.

The data is made up (fixed seed, standard library only), so it can ship with the project; rerun
with `python3 examples/data/generate_contacts.py` to regenerate it byte for byte.

The queue is open 08:00-20:00 Monday to Saturday (closed on Sundays), from Monday 2026-10-05 to
Sunday 2026-11-01. Calls arrive as a Poisson process whose rate follows an intraday profile (a
late-morning peak and a smaller afternoon one) and a weekday level. Each call has a log-normal
handle time (mean about 4 minutes) and an exponential patience (mean 3 minutes); it is served
first come, first served by the agents on shift (three from 08:00 to 16:00, two from 12:00 to
20:00), and abandons when its wait would exceed its patience. The records are what an ACD
export holds: arrival on the centre's local clock, outcome, wait and handle time in seconds.
"""
import datetime
import math
import random
from pathlib import Path

START = datetime.date(2026, 10, 5)  # a Monday
DAYS = 28
OPEN, CLOSE = 8 * 3600, 20 * 3600
WEEKDAY = [1.20, 1.08, 1.02, 1.00, 0.94, 0.62, 0.0]  # Monday first; Sunday closed
CALLS_PER_DAY = 190.0  # an ordinary Thursday
SHIFTS = [(8 * 3600, 16 * 3600)] * 3 + [(12 * 3600, 20 * 3600)] * 2
MEAN_PATIENCE = 180.0


def intraday(t: float) -> float:
    """Relative arrival rate at `t` seconds after midnight (open hours only)."""
    h = t / 3600.0
    return 0.4 + math.exp(-((h - 10.5) / 1.6) ** 2) + 0.7 * math.exp(-((h - 15.0) / 1.8) ** 2)


def arrivals(rng: random.Random, calls: float) -> list[float]:
    """Arrival times in seconds after midnight: a thinned Poisson process over the open hours."""
    grid = [intraday(OPEN + s) for s in range(0, CLOSE - OPEN, 60)]
    peak = max(grid)
    rate_peak = calls / (sum(grid) * 60.0) * peak  # calls per second at the peak
    out, t = [], float(OPEN)
    while True:
        t += rng.expovariate(rate_peak)
        if t >= CLOSE:
            return out
        if rng.random() < intraday(t) / peak:
            out.append(t)


def main() -> None:
    rng = random.Random(20261202)
    rows = ["arrival,outcome,wait_seconds,handle_seconds"]
    for day in range(DAYS):
        date = START + datetime.timedelta(days=day)
        level = WEEKDAY[date.weekday()]
        if level == 0.0:
            continue
        free = [start for start, _ in SHIFTS]
        for arrival in arrivals(rng, CALLS_PER_DAY * level):
            handle = rng.lognormvariate(math.log(220.0), 0.45)
            patience = rng.expovariate(1.0 / MEAN_PATIENCE)
            # First come, first served: the earliest moment an agent on shift can take the call.
            best, agent = math.inf, None
            for i, (_, end) in enumerate(SHIFTS):
                begin = max(arrival, free[i])
                if begin < end and begin < best:
                    best, agent = begin, i
            wait = best - arrival
            clock = datetime.datetime.combine(date, datetime.time()) + datetime.timedelta(
                seconds=int(arrival)
            )
            stamp = clock.strftime("%Y-%m-%dT%H:%M:%S")
            if agent is None or wait > patience:
                rows.append(f"{stamp},abandoned,{round(patience)},")
            else:
                free[agent] = best + handle
                rows.append(f"{stamp},answered,{round(wait)},{round(handle)}")
    Path(__file__).with_name("contacts.csv").write_text("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
