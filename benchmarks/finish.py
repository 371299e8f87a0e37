"""CPU seconds of the comparison step (`ComparisonBuilder.finish`) and of its parts.

Scores a benchmark corpus once in this process, then runs `finish` under cProfile with a CPU
clock (the machine may be shared, so wall times would mislead) and prints the cumulative CPU
seconds of the parts: Wordfish and its bootstrap, the profiles' intervals, clustering, the
distinguishing terms and the epithets. With ``--background`` Wordfish and the clustering run
in forked processes beside the rest (as ``framing report --jobs 2`` runs them): the profile
then covers this process only, and the children's CPU seconds are printed apart. Run from the
repository root::

    PYTHONPATH=$PWD python benchmarks/finish.py --articles 2000 [--background]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

PARTS = (
    "finish",
    "scale_groups",
    "fit_wordfish",
    "parametric_bootstrap",
    "build_profiles",
    "nan_percentiles",
    "cluster_groups",
    "vocabulary_word_matrix",
    "distinguishing_terms",
    "find_epithets",
    "correspondence_map",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--corpus", default="news", help="news or seed-sentences")
    parser.add_argument("--background", action="store_true", help="Wordfish and clustering "
                        "in forked processes")  # fmt: skip
    arguments = parser.parse_args()

    from measure import corpus

    import framing
    from framing.compare.engine import ComparisonBuilder
    from framing.model import Corpus

    articles = tuple(corpus(arguments.corpus, arguments.articles))
    choice = framing.choose_packs(articles, framing.read_lexicon())
    result = framing.score_corpus(Corpus(articles), choice.lexicon)
    builder = ComparisonBuilder(choice.lexicon, framing.read_stopwords())
    builder.background = arguments.background
    for score in result.scores:
        builder.add(score)
    scored = [score.article for score in result.scores]

    profile = cProfile.Profile(time.process_time)
    started, wall = time.process_time(), time.perf_counter()
    profile.enable()
    builder.finish(len(result.skipped))
    profile.disable()
    total, wall = time.process_time() - started, time.perf_counter() - wall
    children = resource.getrusage(resource.RUSAGE_CHILDREN)

    print(f"{len(scored)} articles, {arguments.corpus} corpus: finish took {total:.2f} CPU s "
          f"here, {children.ru_utime + children.ru_stime:.2f} CPU s in forked processes, "
          f"{wall:.2f} s wall (profiled)")  # fmt: skip
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    seconds: dict[str, float] = {}
    for (filename, _line, name), (_calls, _primitive, _own, cumulative, _callers) in stats.items():
        if name in PARTS and "framing" in filename:
            seconds[name] = max(seconds.get(name, 0.0), cumulative)
    for name in PARTS:
        if name in seconds:
            print(f"  {seconds[name]:7.2f} s  {name}")


if __name__ == "__main__":
    main()
