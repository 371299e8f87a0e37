"""Time how fast `framing --help` and `framing --version` answer (target: under 0.25 s).

Runs each command several times in a fresh interpreter and prints the best and median wall
time, and the median CPU time of the command (user + system, which other work on a shared
machine does not inflate as much). Usage: python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def time_command(args: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each run of ``framing ARGS``."""
    times, cpu = [], []
    for _ in range(runs):
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "framing", *args],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        _pid, status, usage = os.wait4(child.pid, 0)
        times.append(time.perf_counter() - start)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"framing {' '.join(args)} failed")
        cpu.append(usage.ru_utime + usage.ru_stime)
    return times, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    figures = {}
    for args in (["--help"], ["--version"], ["score", "--help"]):
        times, cpu = time_command(args, runs)
        name = " ".join(args)
        figures[name] = {
            "best_s": round(min(times), 3),
            "median_s": round(statistics.median(times), 3),
            "median_cpu_s": round(statistics.median(cpu), 3),
        }
        print(
            f"framing {name:<14} best {min(times):.3f} s  median {statistics.median(times):.3f} s"
            f"  median CPU {statistics.median(cpu):.3f} s"
        )
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
