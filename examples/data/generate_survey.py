"""Writes survey_responses.csv: synthetic survey answers for the workspace's examples.

The data is made up (fixed seed, standard library only) so that it can ship with the project;
rerun with `python3 examples/data/generate_survey.py` to regenerate it byte for byte.
It has three channels with different answer profiles, and a few malformed cells on purpose
(a 6.5 on the 0-10 question, a blank, an off-scale 6 on 1-5, an unknown label) so that the
examples can show how bad input is reported.
"""
import csv
import datetime
import random
from pathlib import Path

CES_LABELS = [
    "Strongly disagree",
    "Disagree",
    "Somewhat disagree",
    "Neither agree nor disagree",
    "Somewhat agree",
    "Agree",
    "Strongly agree",
]

# Weights per point: 0..10 for recommendation, 1..5 for satisfaction, 1..7 for effort.
PROFILES = {
    "phone": ([3, 1, 1, 2, 2, 5, 6, 10, 18, 22, 30], [4, 5, 12, 38, 41], [3, 4, 6, 10, 17, 30, 30]),
    "chat": ([2, 1, 1, 1, 2, 4, 5, 9, 17, 25, 33], [3, 4, 10, 36, 47], [2, 3, 4, 8, 15, 32, 36]),
    "email": ([6, 3, 3, 4, 5, 8, 9, 12, 16, 16, 18], [9, 9, 17, 35, 30], [7, 8, 10, 13, 18, 24, 20]),
}


def main() -> None:
    rng = random.Random(20261125)
    start = datetime.date(2026, 10, 1)
    rows = []
    for i in range(1, 2401):
        channel = rng.choices(list(PROFILES), weights=[5, 4, 2])[0]
        nps_w, csat_w, ces_w = PROFILES[channel]
        day = start + datetime.timedelta(days=rng.randrange(61))
        rows.append(
            {
                "response_id": i,
                "date": day.isoformat(),
                "channel": channel,
                "likelihood_to_recommend": rng.choices(range(11), weights=nps_w)[0],
                "satisfaction": rng.choices(range(1, 6), weights=csat_w)[0],
                "effort": CES_LABELS[rng.choices(range(7), weights=ces_w)[0]],
            }
        )
    rows[16]["likelihood_to_recommend"] = "6.5"
    rows[401]["likelihood_to_recommend"] = ""
    rows[977]["satisfaction"] = 6
    rows[1500]["effort"] = "Very easy"
    out = Path(__file__).with_name("survey_responses.csv")
    with out.open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
