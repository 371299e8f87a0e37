"""Time `framing report` end to end on synthetic corpora (default: 10,000 and 100,000 articles).

Each corpus (benchmarks/synthetic.py) is written as a CSV export, then `framing report` runs on
it in a fresh process, as a user would run it. Prints the wall time and peak memory of each run
and, last, one JSON line.
Usage: python benchmarks/report.py [--articles 10000,100000] [--jobs J]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_articles, write_csv


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", default="10000,100000")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    options = parser.parse_args()
    results = []
    for count in (int(n) for n in options.articles.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            export = Path(folder) / "articles.csv"
            write_csv(synthetic_articles(count), export)
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "framing", "report", str(export), "--out",
                 str(Path(folder) / "report"), "--jobs", str(options.jobs)],
                check=True,
                capture_output=True,
            )  # fmt: skip
            seconds = time.perf_counter() - started
            peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
        results.append(
            {"articles": count, "seconds": round(seconds, 1), "peak_rss_mb": round(peak)}
        )
        print(f"{count:>8} articles  {seconds:8.1f} s  peak RSS {peak:,.0f} MB", flush=True)
    print(json.dumps({"jobs": options.jobs, "runs": results}, sort_keys=True))


if __name__ == "__main__":
    main()
