"""Writes daily_calls.csv: sixteen weeks of synthetic daily call counts for the tour.

The data is made up (fixed seed, standard library only), so it can ship with the project; rerun
with `python3 examples/data/generate_daily_calls.py` to regenerate it byte for byte. The centre
is open Monday to Saturday (Sundays are 0 calls, closed), volume grows slowly, each weekday has
its own level, and one Monday (a public holiday) is closed.
"""
import datetime
import random
from pathlib import Path

WEEKDAY = [1.18, 1.08, 1.02, 1.00, 0.95, 0.55, 0.0]  # Monday first; Sunday closed
HOLIDAY = datetime.date(2026, 10, 12)


def main() -> None:
    rng = random.Random(20261125)
    start = datetime.date(2026, 8, 3)  # a Monday
    rows = ["date,calls"]
    for day in range(16 * 7):
        date = start + datetime.timedelta(days=day)
        base = 1000.0 * (1 + 0.002 * day) * WEEKDAY[date.weekday()]
        calls = 0 if base == 0 or date == HOLIDAY else max(0, round(rng.gauss(base, 0.04 * base)))
        rows.append(f"{date.isoformat()},{calls}")
    Path(__file__).with_name("daily_calls.csv").write_text("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
