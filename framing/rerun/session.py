"""What one ``framing report`` run takes from, and gives to, the re-run cache.

- the inputs as read (:mod:`framing.rerun.corpus`), keyed by the inputs' fingerprint;
- the topic detection counts (:mod:`framing.rerun.packs`);
- the comparison's lexicon-free results (:mod:`framing.compare.lexicon_free`), keyed by the
  inputs' fingerprint, the scorer, the comparison settings and the outlets chosen;
- the groups' interval bounds, by figure print (:mod:`framing.compare.known_bounds`): only the
  figures whose columns an edit changed are resampled;
- the clustering, by its print (:mod:`framing.compare.known_clustering`): an edit that
  changes none of the features it reads reuses it;
- the stories found and their aligned sentences and speakers
  (:class:`~framing.stories.build.StoryParts`), keyed by the inputs' fingerprint, the outlets
  chosen, the story settings, the stop words and everything of the story inputs but the word
  choices.

The cache lives beside the score store, so ``--no-store`` turns it off too.
"""

from __future__ import annotations

import hashlib
import json
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, cast

import numpy as np

from framing.rerun.cache import RunCache, cache_path, key_of
from framing.rerun.corpus import CorpusReplay, ReadCorpus, ReplayReader

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import TextIO

    from framing.cli_run import Inputs
    from framing.compare.engine import ComparisonBuilder
    from framing.compare.known_bounds import KnownBounds
    from framing.corpus.readers import CorpusReader
    from framing.lexicon.model import Lexicon
    from framing.model import Article
    from framing.render.csv_tables import ScoreTables
    from framing.rerun.articles import ArticleRecords
    from framing.settings import ScoringSettings
    from framing.stories.build import TextSource
    from framing.stories.model import StoryComparison, StoryInput

FREE = "lexicon_free"
BOUNDS = "bounds"
CLUSTERING = "clustering"
STORIES = "stories"
# How the kept parts are written (framing.rerun.article_parts; the pending rows of
# articles.csv are JSON lines, see framing.render.csv_tables.ArticleRows): a cache of another
# form is not read.
ROWS_FORMAT = "rows 7"


class RerunSession:
    """The re-run cache of one run (see the module docstring)."""

    def __init__(self, inputs: Inputs, store: Path) -> None:
        self.inputs = inputs
        self.cache = RunCache(cache_path(store))
        inputs.replay = CorpusReplay(self.cache, [repr(inputs.limits), str(inputs.manifest)])
        self.replay = inputs.replay
        self.free_reused = False
        self.stories_reused = False
        self.clustering_reused = False
        self.bounds_read = False  # the interval bounds of an earlier run were read
        self.records: ArticleRecords | None = None
        self.bounds: KnownBounds | None = None  # this run's interval bounds, once computed

    def _free_key(self, builder: ComparisonBuilder, scoring: ScoringSettings) -> str:
        from framing.store import scorer_key

        return key_of(
            FREE,
            self.replay.key,
            scorer_key(scoring, builder.stopwords),
            repr(builder.settings),
            sorted(self.inputs.outlets or ()),
        )

    def prepare(self, builder: ComparisonBuilder, scoring: ScoringSettings) -> None:
        """Give ``builder`` what an earlier run cached: the lexicon-free results, the interval
        bounds and the clustering."""
        from framing.compare.known_bounds import KnownBounds
        from framing.compare.known_clustering import KnownClustering
        from framing.compare.lexicon_free import LexiconFree
        from framing.compare.model import Clustering

        known = self.cache.get(BOUNDS, key_of(BOUNDS))
        builder.known_bounds = KnownBounds()
        if known is not None:
            try:
                builder.known_bounds = KnownBounds.from_cache(known)
                self.bounds_read = True
            except ValueError as error:  # damaged in a way the checksum cannot see
                self.cache.rebuilt.append(f"{BOUNDS} ({error})")
        builder.clustering_prints = True
        clustering = self.cache.get(CLUSTERING, key_of(CLUSTERING))
        if isinstance(clustering, KnownClustering) and isinstance(
            clustering.clustering, Clustering
        ):
            builder.known_clustering = clustering
        elif clustering is not None:  # damaged in a way the checksum cannot see
            self.cache.rebuilt.append(f"{CLUSTERING} (not a clustering)")
        if not self.replay.key:
            return
        known = self.cache.get(FREE, self._free_key(builder, scoring))
        if isinstance(known, LexiconFree):
            builder.known_free = known
            self.free_reused = True

    def keep(self, builder: ComparisonBuilder, scoring: ScoringSettings) -> None:
        """Cache what ``builder`` computed afresh."""
        if builder.computed_free is not None and self.replay.key:
            self.cache.put(FREE, self._free_key(builder, scoring), builder.computed_free)
        if builder.computed_clustering is not None:
            self.cache.put(CLUSTERING, key_of(CLUSTERING), builder.computed_clustering)
        self.clustering_reused = builder.clustering_reused
        if builder.known_bounds is not None:
            self.bounds = builder.known_bounds
            # Every interval taken from the cache: the entry there holds them all already.
            if self.bounds.computed or not self.bounds_read:
                self.cache.put(BOUNDS, key_of(BOUNDS), self.bounds.kept())

    def stories(
        self,
        inputs: Sequence[StoryInput],
        texts: TextSource,
        stopwords: frozenset[str],
        window_days: int,
        threshold: float,
    ) -> StoryComparison:
        """:func:`~framing.stories.build.compare_stories`, its lexicon-free parts taken from
        an earlier run when they are cached."""
        from framing.stories.build import StoryParts, assemble_stories, story_parts

        if not self.replay.key:
            return assemble_stories(
                inputs, story_parts(inputs, texts, stopwords, window_days, threshold), window_days
            )
        fields = [  # every field but the lexicon's word choices and the shingles, in one text
            [item.article_id, item.outlet, item.date, item.title, item.about, item.tone,
             item.grade]
            for item in inputs
        ]  # fmt: skip
        text = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass"))
        # The shingles (64 numbers an article) as bytes: as JSON they cost more than the rest.
        counts = [len(item.body_shingles) for item in inputs]
        digest.update(np.array(counts, dtype="<i8").tobytes())
        shingles = chain.from_iterable(item.body_shingles for item in inputs)
        digest.update(np.fromiter(shingles, dtype="<u8", count=sum(counts)).tobytes())
        key = key_of(
            STORIES,
            self.replay.key,
            sorted(self.inputs.outlets or ()),
            sorted(stopwords),
            window_days,
            repr(threshold),
            digest.hexdigest(),
        )
        parts = self.cache.get(STORIES, key)
        if isinstance(parts, StoryParts):
            self.stories_reused = True
        else:
            parts = story_parts(inputs, texts, stopwords, window_days, threshold)
            self.cache.put(STORIES, key, parts)
        return assemble_stories(inputs, parts, window_days)

    def article_records(
        self, open_table: Callable[[str], TextIO], lexicon: Lexicon, shown: int, folder: Path
    ) -> ArticleRecords:
        """The keeper of each article's part of the report (:mod:`framing.rerun.articles`);
        the article view shows each outlet's first ``shown`` articles; the report is written
        into ``folder``, where the report it replaces is until the run ends."""
        from framing.rerun.articles import ArticleRecords
        from framing.store import lexicon_entries

        anchors = lexicon_entries(lexicon).anchors
        self.records = ArticleRecords(self.cache, open_table, anchors, shown, folder)
        return self.records

    def attach(
        self,
        records: ArticleRecords,
        tables: ScoreTables,
        builder: ComparisonBuilder,
        scoring: ScoringSettings,
    ) -> None:
        """Let ``records`` note what ``tables`` writes, keyed by what the parts depend on."""
        from framing.store import scorer_key

        formatter = tables.formatter
        key = key_of(
            "articles",
            ROWS_FORMAT,
            self.replay.key,
            scorer_key(scoring, builder.stopwords),
            [list(pair) for pair in formatter.connotations],
            list(formatter.frames),
            formatter._hit_cells,
            formatter.guard,
            sorted(self.inputs.outlets or ()),
        )
        records.attach(tables, builder, key)

    def plan(
        self, records: ArticleRecords, builder: ComparisonBuilder
    ) -> tuple[list[Article], set[int], set[int], CorpusReader] | None:
        """When the articles' parts can be copied: every article of the run, those to write
        afresh, those the article view shows, and a reader of the articles to score (those
        written afresh)."""
        corpus = self.replay.corpus
        if records.earlier is None or builder.known_free is None or corpus is None:
            records.close()
            return None
        articles = list(self.inputs.chosen(cast("CorpusReader", ReplayReader(corpus))))
        fresh, view = records.plan(articles)
        if not records.usable(articles, view):
            records.close()
            return None
        needed = tuple(articles[i] for i in sorted(fresh))
        subset = ReadCorpus(needed, corpus.skipped, corpus.warnings, corpus.files,
                            corpus.metadata_columns)  # fmt: skip
        return articles, fresh, view, cast("CorpusReader", ReplayReader(subset))

    def summary(self) -> str:
        """One line for the user: what the cache saved, and any entry rebuilt."""
        reused = [
            name
            for name, done in (
                ("inputs as read", self.replay.reused),
                ("vocabulary, scaling and epithets", self.free_reused),
                ("stories", self.stories_reused),
                ("clustering", self.clustering_reused),
            )
            if done
        ]
        if self.bounds is not None and self.bounds.reused:
            bounds = self.bounds
            reused.append(f"the intervals of {bounds.reused} of "
                          f"{bounds.reused + bounds.computed} figures")  # fmt: skip
        records = self.records
        if records is not None and records.replayed:
            reused.append(
                f"the rows of {records.replayed} articles ({records.recomputed} written afresh)"
            )
        line = f"Re-run cache: reused {', '.join(reused) if reused else 'nothing'}."
        if self.cache.rebuilt:
            line += f" Rebuilt damaged entries: {'; '.join(self.cache.rebuilt)}."
        if self.cache.not_kept:
            line += f" Not kept: {'; '.join(self.cache.not_kept)}."
        if records is not None and records.problem:
            line += f" Rows written afresh: {records.problem}."
        if self.cache.problem:
            line += f" Warning: {self.cache.problem}."
        return line

    def close(self) -> None:
        """Keep the articles' parts (a run that succeeded calls this) and close the cache."""
        corpus = self.replay.corpus
        if self.records is not None:
            self.records.close()
            if corpus is not None:
                chosen = self.inputs.chosen(cast("CorpusReader", ReplayReader(corpus)))
                self.records.save(sum(1 for _ in chosen))
        self.cache.flush()
        self.cache.close()


def rerun_session(inputs: Inputs, default_store: Path | None) -> RerunSession | None:
    """The session of a run whose score store is ``--store`` or ``default_store``; ``None``
    without a store."""
    store = inputs.store or default_store
    return None if store is None else RerunSession(inputs, store)
