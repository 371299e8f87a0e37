"""How well the clusters and the Wordfish scaling recover planted groups, and how long they take.

Planted corpora (tests/planted.py) of growing size are scored and compared; for each it prints
the adjusted Rand index of the clusters against the planted groups, whether the test for any
grouping found groups, whether every outlet of one group sits left of every outlet of the other,
how many planted words are among the ten strongest weights at their end, and the seconds spent
scoring and comparing. A null corpus (one group) shows the same figures where nothing is planted.

Usage: python benchmarks/planted_recovery.py [--outlets 8,16] [--articles 10] [--words 400]
       [--jobs J]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from planted import planted_corpus
from sklearn.metrics import adjusted_rand_score

import framing
from framing.model import Corpus


def measure(outlets: int, groups: int, articles: int, words: int, jobs: int) -> str:
    corpus = planted_corpus(outlets, groups, articles, words)
    lexicon = framing.read_lexicon()
    start = time.perf_counter()
    result = framing.score_corpus(Corpus(corpus.articles), lexicon, jobs=jobs)
    scored = time.perf_counter() - start
    comparison = framing.compare(result, lexicon, framing.read_stopwords())
    compared = time.perf_counter() - start - scored
    clustering = comparison.clustering
    truth = corpus.groups_of(clustering.groups)
    labels = clustering.labels or tuple(1 for _ in clustering.groups)
    rand = adjusted_rand_score(truth, labels)
    test = clustering.grouping_test
    found = "groups" if test is not None and test.clear else "no clear groups"
    placed = {p.group: p.position for p in comparison.scaling.positions}
    separated = "n/a"
    top = "n/a"
    if placed and groups == 2:
        member = dict(corpus.outlet_groups)
        sides = [[placed[o] for o in placed if member[o] == g] for g in (0, 1)]
        separated = str(max(sides[0]) < min(sides[1]) or max(sides[1]) < min(sides[0]))
        ends = [{t.term for t in comparison.scaling.terms[:10]},
                {t.term for t in comparison.scaling.terms[-10:]}]  # fmt: skip
        preferred = dict(corpus.preferred)
        hits = max(
            len(set(preferred[0]) & ends[0]) + len(set(preferred[1]) & ends[1]),
            len(set(preferred[0]) & ends[1]) + len(set(preferred[1]) & ends[0]),
        )
        top = f"{hits}/{len(preferred[0]) * 2}"
    return (
        f"{outlets:>7} {groups:>6} {outlets * articles * words:>9,} {rand:>5.2f} {found:>16} "
        f"{separated:>9} {top:>8} {scored:>8.1f} {compared:>8.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outlets", default="8,16")
    parser.add_argument("--articles", type=int, default=10)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--jobs", type=int, default=2)
    options = parser.parse_args()
    print("outlets groups     words   ARI          grouping separated  planted  score s  compare s")
    for outlets in (int(n) for n in options.outlets.split(",")):
        for groups in (2, 1):
            print(measure(outlets, groups, options.articles, options.words, options.jobs))


if __name__ == "__main__":
    main()
