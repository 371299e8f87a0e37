"""Time `framing report` end to end on news-like corpora (default: 10,000 and 100,000 articles).

Each corpus (benchmarks/newslike.py by default; ``--corpus seed-sentences`` for the old best
case) is written as a CSV export by a separate step, then `framing report` runs on it in a fresh
process, as a user would run it, with its score store and every table written. Peak RSS is the
command's own (its process or its largest worker, from ``wait4``), not this harness's. Stock
VADER then scores the same sentences on one core in this process (every ``--vader-every``-th
sentence, scaled to all), and the ratio of its time to the report's is printed: the issue's
target is at least 0.8. Last, one JSON line.

Usage: python benchmarks/report.py [--articles 10000,100000] [--jobs J] [--corpus news]
       [--vader-every K]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

from measure import (
    CORPORA,
    CORPUS_HELP,
    article_count,
    output_mb,
    run_framing,
    sentences,
    vader_ceiling,
    write_corpus,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", default="10000,100000")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--corpus", choices=CORPORA, default="news", help=CORPUS_HELP)
    parser.add_argument("--vader-every", type=int, default=10)
    options = parser.parse_args()
    results = []
    cores = min(options.jobs, os.cpu_count() or 1)
    for count in (int(n) for n in options.articles.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            export = Path(folder) / "articles.csv"
            write_corpus(options.corpus, count, export)
            out = Path(folder) / "report"
            run = run_framing(
                ["report", str(export), "--out", str(out), "--jobs", str(options.jobs)]
            )
            ceiling = vader_ceiling(sentences(out), options.vader_every)
            scored = article_count(out)
            result = {
                "articles": scored,
                "input_mb": round(export.stat().st_size / 2**20, 1),
                "output_mb": round(output_mb(out), 1),
                "seconds": round(run.seconds, 1),
                "cpu_seconds": round(run.cpu_seconds, 1),
                "articles_per_s": round(scored / run.seconds, 1),
                "words_per_s": round(ceiling.words / run.seconds),
                "peak_rss_mb": round(run.peak_rss_mb),
                "vader_1core_seconds": round(ceiling.seconds, 1),
                "vs_vader": round(ceiling.seconds / run.seconds, 3),
                "vs_vader_cpu": round(ceiling.cpu_seconds * cores / run.cpu_seconds, 3),
            }
        results.append(result)
        print(
            f"{count:>8} articles  {run.seconds:8.1f} s ({run.cpu_seconds:.0f} CPU-s)  "
            f"{result['words_per_s']:,} words/s  peak RSS {run.peak_rss_mb:,.0f} MB  "
            f"VADER 1 core {ceiling.seconds:.1f} s  ratio {result['vs_vader']} "
            f"(CPU-time ratio {result['vs_vader_cpu']})",
            flush=True,
        )
    print(json.dumps({"corpus": options.corpus, "jobs": options.jobs, "runs": results},
                     sort_keys=True))  # fmt: skip


if __name__ == "__main__":
    main()
