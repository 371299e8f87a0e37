"""The cost of topic detection: the first pass `framing score/compare/report` make over the
inputs to decide which topic packs to use.

Writes a deterministic synthetic CSV export (benchmarks/synthetic.py: ~500-word articles from
the seeds' sentences, so every article is about Libya), then times, in this process: reading the
export alone (a CorpusReader pass, as the detection pass reads it) and reading it with the
detection counts (``choose_packs`` over a CorpusReader). It prints both, the difference per
article, and peak memory, which should not grow with --articles. The last line is one JSON
object.

Usage: python benchmarks/topic_detection.py [--articles N]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import iter_synthetic_articles, write_csv

import framing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=5000)
    count = parser.parse_args().articles
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "export.csv"
        write_csv(iter_synthetic_articles(count), export)
        lexicon = framing.read_lexicon()
        started = time.perf_counter()
        read = sum(1 for _article in framing.CorpusReader([export]))
        reading_s = time.perf_counter() - started
        started = time.perf_counter()
        choice = framing.choose_packs(framing.CorpusReader([export]), lexicon)
        detection_s = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    extra_ms = (detection_s - reading_s) / read * 1000
    for decision in choice.decisions:
        print(decision.summary())
    print(
        f"{read} articles: reading {reading_s:.1f} s, reading and detecting {detection_s:.1f} s "
        f"({extra_ms:.2f} ms per article for detection), peak memory {peak_mb:.0f} MB"
    )
    print(
        json.dumps(
            {
                "articles": read,
                "reading_s": round(reading_s, 2),
                "detection_s": round(detection_s, 2),
                "detection_ms_per_article": round(extra_ms, 3),
                "peak_mb": round(peak_mb),
            },
            sort_keys=True,
        )
    )


if __name__ == "__main__":
    main()
