#!/usr/bin/env python3
"""Side-by-side: NPS and top-2 CSAT from raw one-byte answers with cx-survey and with numpy.

Usage: python3 benches/survey_vs_numpy.py [answers] [runs]   (defaults: 100,000,000 answers, 11 runs)

Creates benches/.venv-numpy with numpy from PyPI (pinned below) if needed, runs the Rust side
(`cargo run --release --example survey_throughput`), times numpy on the same number of answers,
and prints medians and ratios. numpy's NPS is the idiomatic
`((a >= 9).sum() - (a <= 6).sum()) / a.size`, and CSAT `(a >= 4).mean()`; neither checks that
answers are on the scale, while cx-survey rejects (and locates) any off-scale answer.
"""
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

NUMPY = "numpy==2.4.6"
ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "benches" / ".venv-numpy"


def ensure_numpy() -> None:
    python = VENV / "bin" / "python"
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", NUMPY], check=True)
    os.execv(str(python), [str(python), __file__, *sys.argv[1:]])


def median_time(runs, f):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ensure_numpy()
    import numpy as np

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 11
    env = dict(os.environ)
    env.setdefault("CARGO_TARGET_DIR", str(ROOT / "target-survey"))
    out = subprocess.run(
        ["cargo", "run", "-q", "--release", "--example", "survey_throughput", "--", str(n), str(runs)],
        cwd=ROOT, check=True, capture_output=True, text=True, env=env,
    ).stdout
    rust = {row["metric"]: row for row in map(json.loads, out.splitlines())}

    rng = np.random.default_rng(20261125)
    nps_a = rng.integers(0, 11, n, dtype=np.uint8)
    csat_a = rng.integers(1, 6, n, dtype=np.uint8)
    nps_t = median_time(runs, lambda: ((nps_a >= 9).sum() - (nps_a <= 6).sum()) / nps_a.size)
    csat_t = median_time(runs, lambda: (csat_a >= 4).mean())
    for metric, t in (("nps", nps_t), ("csat_top2", csat_t)):
        r = rust[metric]
        print(
            f"{metric:>9}: cx-survey {r['median_s'] * 1e3:8.2f} ms ({r['answers_per_s'] / 1e9:5.2f} G/s)"
            f" | numpy {t * 1e3:8.2f} ms ({n / t / 1e9:5.2f} G/s) | ratio {t / r['median_s']:5.1f}x"
        )


if __name__ == "__main__":
    main()
