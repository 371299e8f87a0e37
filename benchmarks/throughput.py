"""Scoring throughput: framing's pipeline against a naive baseline, in the same run.

Makes a deterministic synthetic corpus one article at a time (benchmarks/synthetic.py: ~500-word
articles from the seeds' sentences, 20 outlets), scores it as a stream with every core, adds
each score to the comparison's running sums as `framing report` does, and prints articles/s,
words/s and peak memory (the largest of this process and its workers), which should not grow
with --articles. The naive baseline scores a sample of the same articles the obvious way, in one
process: each textstat formula on the whole text, VADER on the whole text, and one regular
expression search per lexicon form. The last line is one JSON object.

Usage: python benchmarks/throughput.py [--articles N] [--jobs J] [--baseline-articles M]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import iter_synthetic_articles, synthetic_articles

import framing
from framing.compare.engine import ComparisonBuilder
from framing.scoring.scorer import Scorer, score_articles


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def naive_baseline(articles: list[framing.Article], lexicon: framing.Lexicon) -> float:
    """Articles per second scored the obvious way (see the module docstring)."""
    import textstat
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    patterns = [
        re.compile(r"\b" + re.escape(form) + r"\b", 0 if variant.case_sensitive else re.IGNORECASE)
        for concept in lexicon.concepts
        for variant in concept.variants
        for form in variant.forms
    ]
    textstat.flesch_reading_ease("Warm up the dictionary.")
    started = time.perf_counter()
    for article in articles:
        text = article.text
        for formula in (textstat.flesch_reading_ease, textstat.flesch_kincaid_grade,
                        textstat.gunning_fog, textstat.smog_index, textstat.coleman_liau_index,
                        textstat.dale_chall_readability_score):  # fmt: skip
            formula(text)
        analyzer.polarity_scores(text)
        for pattern in patterns:
            for _match in pattern.finditer(text):
                pass
    return len(articles) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--baseline-articles", type=int, default=300)
    parser.add_argument(
        "--no-accumulate", dest="accumulate", action="store_false",
        help="only score; do not add the scores to the comparison's running sums",
    )  # fmt: skip
    options = parser.parse_args()
    lexicon = framing.read_lexicon()
    # Scores go where `framing report` sends them: into the running sums of the comparison,
    # with each article's words and phrases counted by the workers.
    builder = ComparisonBuilder(lexicon, framing.read_stopwords())
    scorer = Scorer(lexicon, stopwords=builder.stopwords if options.accumulate else None)
    scorer.warm()
    started = time.perf_counter()
    words = 0
    count = 0
    for score in score_articles(iter_synthetic_articles(options.articles), scorer, options.jobs):
        words += score.readability.words
        count += 1
        if options.accumulate:
            builder.add(score)
    elapsed = time.perf_counter() - started
    rss = peak_rss_mb()
    articles_per_s = count / elapsed
    baseline = naive_baseline(synthetic_articles(options.baseline_articles), lexicon)
    figures = {
        "articles": count,
        "accumulated": options.accumulate,
        "jobs": options.jobs,
        "mean_words_per_article": round(words / count, 1),
        "seconds": round(elapsed, 2),
        "articles_per_s": round(articles_per_s, 1),
        "words_per_s": round(words / elapsed),
        "peak_rss_mb": round(rss, 1),
        "baseline_articles": options.baseline_articles,
        "baseline_articles_per_s": round(baseline, 1),
        "speedup": round(articles_per_s / baseline, 1),
    }
    for key, value in figures.items():
        print(f"{key:<24} {value}")
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
