#!/usr/bin/env python3
"""Side-by-side: counting survey answers with cx-scales and with numpy's bincount.

Usage: python3 benches/count_vs_numpy.py [answers] [runs]   (defaults: 2**27 answers, 11 runs)

Creates a virtual environment in benches/.venv-numpy with numpy from PyPI (pinned below), builds
and runs the Rust side (`cargo bench --bench count_throughput`), times numpy on the same number
of answers drawn uniformly from 0-10, and prints medians and the ratio. The two sides do not do
the same work: cx-scales also checks that every answer is a point of the 0-10 scale and reports
the first that is not, while bincount only counts (it would silently grow its output for an 11).
"""
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

NUMPY = "numpy==2.4.6"
ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "benches" / ".venv-numpy"


def ensure_numpy() -> None:
    """Re-runs this script inside the virtual environment, creating it first if needed."""
    python = VENV / "bin" / "python"
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", NUMPY], check=True)
    os.execv(str(python), [str(python), __file__, *sys.argv[1:]])


def rust(answers: int, runs: int) -> dict:
    out = subprocess.run(
        ["cargo", "bench", "-q", "--bench", "count_throughput", "--", str(answers), str(runs)],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    return {row["dtype"]: row for row in map(json.loads, out.splitlines())}


def numpy_side(answers: int, runs: int) -> dict:
    import numpy as np

    rng = np.random.default_rng(20261125)
    base = rng.integers(0, 11, answers, dtype=np.uint8)
    result = {}
    for dtype in ("u8", "i8", "i32"):
        data = base.astype({"u8": np.uint8, "i8": np.int8, "i32": np.int32}[dtype])
        expected = np.bincount(base, minlength=11)
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            counts = np.bincount(data, minlength=11)
            times.append(time.perf_counter() - t)
            assert (counts == expected).all()
        median = statistics.median(times)
        result[dtype] = {"median_s": median, "answers_per_s": answers / median}
    return result


def main() -> None:
    ensure_numpy()
    import numpy as np

    answers = int(sys.argv[1]) if len(sys.argv) > 1 else 2**27
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 11
    ours = rust(answers, runs)
    theirs = numpy_side(answers, runs)
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"machine: {cpu}, {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}, numpy {np.__version__}")
    print(f"{answers:,} answers uniform on 0-10, median of {runs} runs, one core\n")
    print(f"{'input':<6} {'cx-scales':>14} {'numpy bincount':>16} {'ratio':>7}")
    for dtype in ("u8", "i8", "i32"):
        a, b = ours[dtype]["answers_per_s"], theirs[dtype]["answers_per_s"]
        print(f"{dtype:<6} {a / 1e9:>10.2f} G/s {b / 1e9:>12.2f} G/s {a / b:>6.1f}x")


if __name__ == "__main__":
    main()
