"""What keeping example candidates costs the main process: memory and time, with and without.

`framing report` keeps, while it counts, the sentences its examples of distinguishing terms and
epithets may come from (framing/compare/examples.py), instead of reading the inputs again. This
script feeds a ComparisonBuilder the counts of N news-like articles (the scorer's counting
only: no VADER, readability or lexicon matching, which do not touch the candidates) and prints
the builder's peak RSS, CPU time and how much it holds. Run it twice, ``--mode with`` and
``--mode without`` (candidates switched off), to see what they add.

Usage: python benchmarks/example_candidates.py CORPUS.csv [--articles N] [--mode with|without]
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from itertools import islice
from pathlib import Path

from framing.compare.engine import ComparisonBuilder
from framing.compare.terms import count_terms_with_uses
from framing.corpus.readers import CorpusReader
from framing.lexicon.loader import read_lexicon, read_stopwords
from framing.model import ArticleScore, Readability, Sentence, Sentiment
from framing.text.names import name_contexts
from framing.text.segment import segment


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--mode", choices=("with", "without"), default="with")
    options = parser.parse_args()
    stopwords = read_stopwords()
    builder = ComparisonBuilder(read_lexicon(), stopwords)
    if options.mode == "without":
        builder.examples.add = lambda *_args: None  # type: ignore[method-assign]
    unscored = Readability(0, 0, 0, 0, 0, 0, None, None, None, None, None, None, "not scored")
    start = time.process_time()
    for article in islice(CorpusReader([options.corpus]), options.articles):
        spans = segment(article.title, article.text)
        rows = [(s.text, s.start, s.tokens) for s in spans]
        counted = count_terms_with_uses(rows, stopwords, builder.examples.limit)
        body = [row for row, s in zip(rows, spans, strict=True) if s.field == "text"]
        sentences = tuple(
            Sentence(s.index, s.field, s.start, s.end, s.text, 0.0, 0.0, 0.0, 1.0) for s in spans
        )
        sentiment = Sentiment(sentences, 0.0, 0.0, 0.0, 0, 0)
        builder.add(
            ArticleScore(article, (), (), sentiment, unscored, term_counts=counted,
                         name_contexts=name_contexts(body, stopwords))
        )  # fmt: skip
    figures = {
        "mode": options.mode,
        "articles": builder.articles,
        "pairs_with_candidates": sum(1 for _ in builder.examples.held()),
        "sentences_kept": len(builder.examples.texts),
        "vocabulary_floor": builder.accumulator.vocabulary.floor,
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "cpu_seconds": round(time.process_time() - start, 1),
    }
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
