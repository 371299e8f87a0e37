"""Time how fast `framing --help` and `framing --version` answer (target: well under 0.5 s).

Runs each command several times in a fresh interpreter and prints the best and median wall
time. Usage: python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time


def time_command(args: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "framing", *args], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    figures = {}
    for args in (["--help"], ["--version"], ["score", "--help"]):
        times = time_command(args, runs)
        name = " ".join(args)
        figures[name] = {
            "best_s": round(min(times), 3),
            "median_s": round(statistics.median(times), 3),
        }
        print(
            f"framing {name:<14} best {min(times):.3f} s  median {statistics.median(times):.3f} s"
        )
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
