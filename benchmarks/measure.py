"""What the benchmarks share: the corpora, timing a `framing` command, and the VADER ceiling.

Wall times suffer when other work shares the machine, so CPU times are given beside them.
Every figure comes from `framing` run as a user runs it, in a fresh process, so model loading,
the CSV tables and the score store are inside the timing. Peak memory is that of the command
itself (the largest of its process and its workers, from ``wait4``), not of the harness.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import framing
from framing.model import Article

sys.path.insert(0, str(Path(__file__).resolve().parent))

CORPORA = ("news", "seed-sentences")
CORPUS_HELP = (
    "news: the news-like generator of benchmarks/newslike.py (growing vocabulary, the default); "
    "seed-sentences: the seeds' sentences recycled, a best case where every cache hits"
)


def corpus(kind: str, count: int) -> Iterator[Article]:
    """``count`` articles of the named benchmark corpus, made one at a time."""
    if kind == "news":
        from newslike import iter_news_articles

        return iter_news_articles(count, framing.read_lexicon())
    if kind == "seed-sentences":
        from synthetic import iter_synthetic_articles

        return iter_synthetic_articles(count, outlets=40, words=900)
    raise SystemExit(f"unknown corpus {kind!r}; choose one of {', '.join(CORPORA)}")


def write_corpus(kind: str, count: int, path: Path) -> float:
    """Write the corpus as a CSV export; the seconds it took (not part of any timing)."""
    from newslike import write_csv

    started = time.perf_counter()
    write_csv(corpus(kind, count), path)
    return time.perf_counter() - started


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float  # user + system time of the command and its workers
    peak_rss_mb: float  # the command's own peak: its process or its largest worker
    stderr: str


def run_framing(args: list[str]) -> Run:
    """Run ``python -m framing ARGS`` in a fresh process; its wall time and its own peak RSS."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "framing", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stderr is not None
    stderr = child.stderr.read()
    # wait4 reports this child's resources (with its reaped workers), not the harness's.
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"framing {' '.join(args)} failed ({child.returncode}):\n{stderr}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024, stderr)


def article_count(out: Path) -> int:
    """Rows of articles.csv in an output folder."""
    with (out / "articles.csv").open(encoding="utf-8", newline="") as stream:
        return sum(1 for _row in csv.reader(stream)) - 1


def sentences(out: Path) -> list[str]:
    """The text of every sentence framing scored (sentences.csv of an output folder)."""
    with (out / "sentences.csv").open(encoding="utf-8", newline="") as stream:
        return [row["text"] for row in csv.DictReader(stream)]


def output_mb(out: Path) -> float:
    """Megabytes written to an output folder (every file, the store included)."""
    return sum(f.stat().st_size for f in out.rglob("*") if f.is_file()) / 2**20


@dataclass(frozen=True)
class Ceiling:
    words: int  # whitespace-separated words in all the sentences
    seconds: float  # stock VADER, one core, every sentence (extrapolated from the sample)
    cpu_seconds: float  # the same in CPU time (robust when other work shares the machine)
    sampled: int  # sentences actually scored

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds


def vader_ceiling(texts: list[str], every: int = 1) -> Ceiling:
    """Stock VADER's single-core time on ``texts``, loading its lexicon inside the timing.

    ``every`` > 1 scores every ``every``-th sentence and scales the time to all of them.
    """
    started, started_cpu = time.perf_counter(), time.process_time()
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    loaded, loaded_cpu = time.perf_counter(), time.process_time()
    sample = texts[::every]
    for text in sample:
        analyzer.polarity_scores(text)
    scoring, scoring_cpu = time.perf_counter() - loaded, time.process_time() - loaded_cpu
    words = sum(len(text.split()) for text in texts)
    sample_words = sum(len(text.split()) for text in sample)
    scale = words / max(sample_words, 1)
    seconds = loaded - started + scoring * scale
    cpu_seconds = loaded_cpu - started_cpu + scoring_cpu * scale
    return Ceiling(words, seconds, cpu_seconds, len(sample))
