"""CPU milliseconds per article of the work `framing report` does in its scoring workers.

Reads a CSV corpus (make one with `measure.write_corpus`), builds the scorer as `framing report`
does (stop words, formatted rows, the comparison's counts, story input, store rows) and times,
with the process CPU clock (the machine may be shared), each part of `Scorer.score` and
`Scorer.deliver` for every article, in one process. Caches are warm only for words seen in
earlier articles, as in a run. Run from the repository root::

    PYTHONPATH=$PWD python benchmarks/worker_scoring.py /tmp/news2000.csv
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

Result = TypeVar("Result")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a CSV file of articles")
    arguments = parser.parse_args()

    from framing.compare.engine import ComparisonBuilder
    from framing.corpus.readers import read_corpus
    from framing.lexicon.loader import read_lexicon, read_stopwords
    from framing.lexicon.topics import choose_packs
    from framing.render.article_rows import RowFormatter
    from framing.report_rows import ReportPreparation
    from framing.scoring.readability import readability
    from framing.scoring.scorer import CHUNK_ARTICLES, Scorer, collect_between_chunks
    from framing.scoring.sentiment import summarize
    from framing.scoring.terms import find_mentions
    from framing.settings import CompareSettings
    from framing.store_rows import store_rows
    from framing.stories.build import story_input
    from framing.text.segment import segment

    articles = list(read_corpus([arguments.corpus]).articles)
    lexicon = choose_packs(articles, read_lexicon()).lexicon
    builder = ComparisonBuilder(lexicon, read_stopwords(), CompareSettings())
    preparation = ReportPreparation(RowFormatter(lexicon), builder.accumulator.counter)
    scorer = Scorer(lexicon, stopwords=builder.stopwords, prepare=preparation)
    scorer.warm()
    gc.freeze()  # as the local engine's workers do
    gc.disable()  # a worker collects garbage between chunks: timed below as a part of its own

    spent: dict[str, float] = {}

    def timed(part: str, work: Callable[..., Result], *arguments: Any) -> Result:
        started = time.process_time()
        result = work(*arguments)
        spent[part] = spent.get(part, 0.0) + time.process_time() - started
        return result

    settings = scorer.settings
    for number, article in enumerate(articles):
        if number % CHUNK_ARTICLES == 0:
            timed("garbage collection", collect_between_chunks)
        sentences = timed("segmentation", segment, article.title, article.text)
        mentions = timed(
            "term matching", find_mentions, sentences, scorer.compiled, article.title, article.text
        )
        scored = timed("VADER", scorer._sentiment.score, sentences)
        actors = timed("target tone", scorer._toned, sentences, mentions.actors)
        timed("sentiment summary", summarize, scored, actors, settings.sentiment_threshold)
        timed("count_terms", scorer._term_counts, sentences)
        timed("readability", readability, sentences, scorer._syllables, settings)
        timed("name contexts", scorer._name_contexts, sentences)
        score = scorer.score(article)  # the same score, to time what is made of it
        timed("row formatting", preparation.formatter, score)
        timed("comparison counts", preparation.counter, score)
        timed("story input", story_input, score)
        timed("store rows", store_rows, score, True)
    count = len(articles)
    for part, seconds in spent.items():
        print(f"{part:18s} {1000 * seconds / count:6.2f} ms per article")
    total = sum(spent.values())
    print(f"{'total':18s} {1000 * total / count:6.2f} ms per article ({count:,} articles)")


if __name__ == "__main__":
    main()
