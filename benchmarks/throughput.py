"""Throughput of `framing score` and `framing report` against stock VADER, in the same run.

Writes a corpus as a CSV export (by default the news-like corpus of benchmarks/newslike.py,
whose vocabulary grows as real news does; ``--corpus seed-sentences`` gives the old best case),
then runs, each in a fresh process on the same cores, as a user runs them:

1. ``framing score CSV --out DIR --jobs J`` (CSV tables and the score store written);
2. ``framing report CSV --out DIR --jobs J`` (everything: tables, store, HTML, Markdown).

Model loading, reading and writing are inside every timing. Then, in this process on one core,
stock VADER scores the very sentences framing scored (sentences.csv), lexicon loading included:
the ceiling. Words are the whitespace-separated words of those sentences, the same count for
every figure, so the ratios compare like with like: ``*_vs_vader`` is VADER's one-core time
over framing's wall time (the issue's target: at least 0.8), ``*_vs_vader_cpu`` the same from
CPU times (VADER's times the cores, over framing's), which is what the wall-time ratio would be
on an idle machine with every core busy. Peak RSS is each command's own. The last
line is one JSON object.

Usage: python benchmarks/throughput.py [--articles N] [--jobs J] [--corpus news|seed-sentences]
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
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--corpus", choices=CORPORA, default="news", help=CORPUS_HELP)
    parser.add_argument(
        "--vader-every", type=int, default=1,
        help="score every K-th sentence with stock VADER and scale to all (default: all)",
    )  # fmt: skip
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        export = base / "articles.csv"
        made = write_corpus(options.corpus, options.articles, export)
        figures: dict[str, object] = {
            "corpus": options.corpus,
            "articles": options.articles,
            "jobs": options.jobs,
            "input_mb": round(export.stat().st_size / 2**20, 1),
            "corpus_written_s": round(made, 1),
        }
        runs = {}
        for command in ("score", "report"):
            out = base / command
            runs[command] = run_framing(
                [command, str(export), "--out", str(out), "--jobs", str(options.jobs)]
            )
            figures[f"{command}_output_mb"] = round(output_mb(out), 1)
            done = runs[command]
            print(f"framing {command}: {done.seconds:.1f} s ({done.cpu_seconds:.1f} CPU-s), "
                  f"peak RSS {done.peak_rss_mb:.0f} MB", flush=True)  # fmt: skip
        texts = sentences(base / "score")
        scored = article_count(base / "score")
        ceiling = vader_ceiling(texts, options.vader_every)
        figures["scored_articles"] = scored
        figures["sentences"] = len(texts)
        figures["words"] = ceiling.words
        for command, run in runs.items():
            figures[f"{command}_seconds"] = round(run.seconds, 2)
            figures[f"{command}_articles_per_s"] = round(scored / run.seconds, 1)
            figures[f"{command}_words_per_s"] = round(ceiling.words / run.seconds)
            figures[f"{command}_peak_rss_mb"] = round(run.peak_rss_mb)
            figures[f"{command}_vs_vader"] = round(ceiling.seconds / run.seconds, 3)
            figures[f"{command}_cpu_seconds"] = round(run.cpu_seconds, 2)
            # What the wall-time ratio would be on an idle machine, all cores busy.
            cores = min(options.jobs, os.cpu_count() or 1)
            figures[f"{command}_vs_vader_cpu"] = round(
                ceiling.cpu_seconds * cores / run.cpu_seconds, 3
            )
        figures["vader_1core_seconds"] = round(ceiling.seconds, 2)
        figures["vader_1core_cpu_seconds"] = round(ceiling.cpu_seconds, 2)
        figures["vader_1core_words_per_s"] = round(ceiling.words_per_s)
        figures["vader_sentences_scored"] = ceiling.sampled
    for key, value in figures.items():
        print(f"{key:<26} {value}")
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
