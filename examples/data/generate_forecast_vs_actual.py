"""Writes forecast_vs_actual.csv: a month of daily call forecasts next to the calls that came.

The data is made up (fixed seed, standard library only), so it can ship with the project; rerun
with `python3 examples/data/generate_forecast_vs_actual.py` to regenerate it byte for byte.

November 2026, Monday 2 to Saturday 28 (the centre is closed on Sundays), one row per open day
with its ISO week, the calls offered (`actual`) and the calls forecast a month ahead
(`forecast`). The forecast knows the weekday pattern but not the day-to-day noise, and it
misjudges the weeks a little (one busy week under-forecast, a quiet one over-forecast), so the
month's total is close while single days are off by several percent in both directions: the
situation where the error of the month's total hides the daily errors.
"""
import datetime
import random
from pathlib import Path

START = datetime.date(2026, 11, 2)  # a Monday
WEEKDAY = [1.18, 1.08, 1.02, 1.00, 0.95, 0.55, 0.0]  # Monday first; Sunday closed
WEEK_ACTUAL = [1.00, 1.06, 0.95, 1.00]  # how busy each week turned out
WEEK_FORECAST = [1.00, 1.00, 1.00, 1.01]  # what the forecast assumed


def main() -> None:
    rng = random.Random(20261130)
    rows = ["week,date,actual,forecast"]
    for day in range(28):
        date = START + datetime.timedelta(days=day)
        level = WEEKDAY[date.weekday()]
        if level == 0.0:
            continue
        iso = date.isocalendar()
        week = day // 7
        base = 1000.0 * level
        actual = round(rng.gauss(base * WEEK_ACTUAL[week], 0.06 * base))
        forecast = round(base * WEEK_FORECAST[week])
        rows.append(f"{iso.year}-W{iso.week:02},{date.isoformat()},{actual},{forecast}")
    Path(__file__).with_name("forecast_vs_actual.csv").write_text("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
