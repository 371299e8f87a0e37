"""The distinguishing-terms step on a large vocabulary: ranking and finding examples.

Builds a deterministic Zipf-like vocabulary (``--terms`` words and phrases shared by ``--groups``
outlets, each outlet with its own skew) as a VocabularyProfile, then times
:func:`framing.compare.ranking.rank_matrix` over every group and
:func:`framing.compare.terms.find_examples` over ``--sentences`` synthetic sentences per group,
and prints the measured seconds. The last line is one JSON object.

Usage: python benchmarks/distinguishing_terms.py [--groups G] [--terms T] [--sentences S]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter

import numpy as np

from framing.compare.ranking import rank_matrix
from framing.compare.terms import find_examples
from framing.compare.vocabulary import VocabularyCounts
from framing.lexicon.loader import read_stopwords
from framing.settings import CompareSettings


def _word(index: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    text = ""
    index += 26 * 26
    while index:
        index, rest = divmod(index, 26)
        text += letters[rest]
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--groups", type=int, default=30)
    parser.add_argument("--terms", type=int, default=200_000)
    parser.add_argument("--sentences", type=int, default=2000)
    options = parser.parse_args()
    rng = np.random.default_rng(2008)
    vocabulary = VocabularyCounts()
    words = [_word(i) for i in range(options.terms)]
    weights = 1 / np.arange(1, options.terms + 1) ** 1.07
    for g in range(options.groups):
        skew = rng.permutation(options.terms)[: options.terms // 50]
        group_weights = weights.copy()
        group_weights[skew] *= 3
        drawn = rng.choice(options.terms, size=200_000, p=group_weights / group_weights.sum())
        counted = Counter(words[i] for i in drawn)
        for article in range(20):  # twenty articles' worth of counts per group
            share = {t: n // 20 + (1 if article < n % 20 else 0) for t, n in counted.items()}
            vocabulary.add(f"outlet {g:02d}", tuple((t, n) for t, n in share.items() if n))
    groups = tuple(sorted(vocabulary.counts))
    profile = vocabulary.profile(groups, frozenset())
    settings = CompareSettings()
    start = time.perf_counter()
    ranked = rank_matrix(profile.groups, profile.terms, profile.words, profile.counts,
                         profile.articles, profile.group_articles, settings, 2)  # fmt: skip
    rank_seconds = time.perf_counter() - start
    wanted = {g: {c.term for c, _q in terms} for g, terms in ranked.items()}
    sentences = [
        " ".join(words[int(i)] for i in rng.choice(options.terms, 25, p=weights / weights.sum()))
        for _ in range(options.sentences)
    ]
    source = [(g, f"{g}-{n}", sentences[n::50]) for g in groups for n in range(50)]
    start = time.perf_counter()
    find_examples(source, wanted, read_stopwords(), settings.examples_per_term)
    example_seconds = time.perf_counter() - start
    figures = {
        "groups": len(groups),
        "terms": len(profile.terms),
        "nonzero_counts": int(profile.counts.nnz),
        "rank_seconds": round(rank_seconds, 3),
        "sentences_read": len(groups) * options.sentences,
        "find_examples_seconds": round(example_seconds, 3),
    }
    print(f"rank_matrix over {figures['nonzero_counts']:,} counts: {rank_seconds:.2f} s")
    print(f"find_examples over {figures['sentences_read']:,} sentences: {example_seconds:.2f} s")
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
