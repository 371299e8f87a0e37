"""Each article's part of a report, kept so that a re-run copies it instead of redoing it.

For every article a run keeps (:mod:`framing.rerun.article_parts`) where its rows are in each
per-article table it wrote (the rows themselves stay in those tables: a re-run copies them
from the report it replaces, :mod:`framing.rerun.old_tables`), its pending row of
articles.csv, the formula guard's columns its rows touched, its row of figures for the
comparison (its non-zero columns and their values, the columns by name, so that a lexicon with
more or fewer variants can place them), what story matching keeps of it and, for the articles
the report's article view shows, what that view needs
(:class:`~framing.render.article_view.ArticleView`: the hits and the flagged sentences; the
article itself is read with the inputs). A later run over the same inputs, with the same scorer
and the same table columns, recomputes only the articles a lexicon edit can change: those that
contain all the words of an entry that was added, removed or changed (the rule of the score
store, :mod:`framing.store`); every other article is copied, its view included, so that the
scores of the articles the report shows are not loaded again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import numpy as np
from numpy.typing import NDArray

from framing.model import Article, ArticleScore, TermHit
from framing.render.article_view import ArticleView, FlaggedSentence, article_view
from framing.rerun.article_parts import ArticleParts, dump_parts, parse_parts
from framing.rerun.cache import RunCache
from framing.rerun.old_tables import (
    OldTable,
    byte_length,
    file_mark,
    open_old_table,
    written_bytes,
)
from framing.store_entries import folded_text, has_words
from framing.stories.model import StoryInput

if TYPE_CHECKING:
    from framing.compare.articles import Layout
    from framing.compare.engine import ComparisonBuilder
    from framing.render.csv_tables import ArticleRows, ScoreTables
    from framing.render.formula_guard import FormulaGuard
    from framing.scoring.scorer import Scored

KIND = "articles"
PENDING = "articles.csv (pending)"
# What is kept per article besides its place in the tables: its pending row, its story's
# text, its row of figures (about 3,000 characters for a news article); past this many a run
# keeps nothing, so memory stays bounded. Larger corpora are not kept as read either
# (framing.rerun.corpus), and a re-run copies articles only from a corpus kept as read.
MAX_KEPT_CHARACTERS = 60_000_000


def column_names(layout: Layout) -> list[str]:
    """A name for every column of ``layout``'s rows, the same in any lexicon that has it."""
    labels: dict[str, Sequence[object]] = {
        "variant_counts": layout.variants,
        "concept_counts": layout.concepts,
        "connotation_counts": layout.connotations,
        "actor_sum": layout.actors,
        "actor_sentences": layout.actors,
        "frame_counts": layout.frames,
    }
    names = [""] * layout.width
    for field, (first, width, vector) in layout.offsets.items():
        if not vector:
            names[first] = field
            continue
        parts = labels.get(field, [str(i) for i in range(width)])
        for i, part in enumerate(parts):
            names[first + i] = f"{field}\x1f{part!r}"
    return names


def changed_words(
    before: dict[str, list[str]], after: dict[str, list[str]]
) -> list[tuple[str, ...]]:
    """The words of every lexicon entry in one of ``before`` and ``after`` but not both."""
    changed = {tuple(before[f]) for f in before.keys() - after.keys()}
    changed |= {tuple(after[f]) for f in after.keys() - before.keys()}
    return sorted(changed)


def touched(article: Article, changed: Sequence[tuple[str, ...]]) -> bool:
    """Whether ``article`` contains all the words of one of the ``changed`` entries, each as
    a whole word (see :func:`~framing.store_entries.has_words`)."""
    if not changed:
        return False
    folded = folded_text(article)
    return any(has_words(folded, words) for words in changed)


def _view_record(view: ArticleView) -> list[Any]:
    terms = [[h.concept, h.variant, h.connotation, h.matched_text, h.field, h.start, h.end,
              h.sentence_index, h.target, h.scope] for h in view.terms]  # fmt: skip
    return [terms, [[s.field, s.start, s.end, s.mark] for s in view.flagged]]


def _view(article: Article, record: list[Any]) -> ArticleView:
    terms, flagged = record
    return ArticleView(article, tuple(TermHit(*hit) for hit in terms),
                       tuple(FlaggedSentence(*s) for s in flagged))  # fmt: skip


def _story(parts: ArticleParts, place: int) -> StoryInput:
    identifier, outlet, date, title, about, tone, grade = parts.stories[place]
    return StoryInput(identifier, outlet, date, title, about,
                      tuple(parts.shingles[place].tolist()), tone, grade,
                      tuple((c, v) for c, v in parts.choices[place]))  # fmt: skip


class ArticleRecords:
    """Keeps each article's part while a run writes it, and replays it in a later run."""

    def __init__(
        self,
        cache: RunCache,
        open_table: Callable[[str], TextIO],
        anchors: dict[str, list[str]],
        shown: int,
        folder: Path,
    ) -> None:
        self.cache = cache
        self.shown = shown  # the article view shows each outlet's first ``shown`` articles
        self.folder = folder  # the output folder, where the earlier report's tables are
        self._per_outlet: dict[str, int] = {}
        self.key = ""
        self._open = open_table
        self.anchors = anchors
        self.streams: dict[str, TextIO] = {}
        self.tables: list[str] = []  # the per-article tables
        self.names: list[str] = []  # this run's columns
        self._place: NDArray[np.int64] = np.zeros(0, dtype=np.int64)
        self.parts = ArticleParts(anchors, [])  # what this run keeps
        self._offsets: dict[str, list[int]] = {}  # where each article's rows end, per table
        self._position: dict[str, int] = {}  # bytes written to each table so far
        self.recording = True
        self.earlier: ArticleParts | None = None
        self._old: dict[str, OldTable] = {}
        self.problem = ""  # why an earlier run's parts could not be used
        self.replayed = 0
        self.recomputed = 0
        self._guard: FormulaGuard | None = None
        self._size = 0  # characters kept so far

    def open_table(self, name: str) -> TextIO:
        """``open_table`` for :class:`~framing.render.csv_tables.ScoreTables`."""
        stream = self._open(name)
        self.streams[name] = stream
        return stream

    def attach(self, tables: ScoreTables, builder: ComparisonBuilder, key: str) -> None:
        """Note where ``tables`` writes (its files and the pending rows of articles.csv); the
        parts kept by an earlier run are looked up under ``key``."""
        self.key = key
        self.streams[PENDING] = tables._pending
        self.names = column_names(builder.accumulator.layout)
        self._guard = tables.guard
        self.tables = list(tables.formatter.tables)
        heads = {}
        for name in self.tables:
            written = written_bytes(self.streams[name])
            if written is None:  # a table this module cannot append bytes to: keep nothing
                self.recording = False
                return
            heads[name] = written
            self._position[name] = written[0]
            self._offsets[name] = [written[0]]
        text = self.cache.get_text(KIND, key)
        earlier = None if text is None else parse_parts(text, set(self.tables))
        if text is not None and earlier is None:
            self.cache.rebuilt.append(f"{KIND} (malformed)")
        if earlier is not None:
            earlier = self._open_old(earlier, heads)
        self.earlier = earlier
        # The rows copied from the earlier run point into its columns: new columns are added
        # after those, so that both kinds of row can be kept in one entry.
        saved = list(earlier.names) if earlier is not None else []
        known = set(saved)
        saved += [name for name in self.names if name not in known]
        where = {name: i for i, name in enumerate(saved)}
        self.parts = ArticleParts(self.anchors, saved)
        self._place = np.array([where[name] for name in self.names], dtype=np.int64)

    def _open_old(
        self, earlier: ArticleParts, heads: dict[str, tuple[int, bytes]]
    ) -> ArticleParts | None:
        """``earlier`` if the tables it points into are the earlier report's, as written."""
        for name, (size, header) in heads.items():
            offsets = earlier.offsets.get(name)
            old = None
            if offsets is not None and int(offsets[0]) == size:
                old = open_old_table(self.folder / name, earlier.marks[name], header)
            if old is None:
                self.close()
                self.problem = f"{name} of the earlier report was changed or is missing"
                return None
            self._old[name] = old
        return earlier

    def close(self) -> None:
        """Close the earlier report's tables."""
        for old in self._old.values():
            old.close()
        self._old.clear()

    # -- the first run: keep ------------------------------------------------------------

    def _in_view(self, article: Article) -> bool:
        """Whether ``article``, the next of the run, is one the article view shows."""
        seen = self._per_outlet.get(article.outlet, 0) + 1
        self._per_outlet[article.outlet] = seen
        return seen <= self.shown

    def _grow(self, characters: int) -> bool:
        """Count ``characters`` more kept; ``False`` (and nothing kept) past the limit."""
        self._size += characters
        if self._size > MAX_KEPT_CHARACTERS:  # too large to keep: memory stays bounded
            self.recording = False
            self.parts = ArticleParts(self.anchors, [])
        return self.recording

    def keep(
        self,
        score: ArticleScore,
        rows: ArticleRows,
        row: tuple[NDArray[np.intp], NDArray[np.float64]],
        story: StoryInput,
    ) -> None:
        """After ``score``'s article was written (its ``rows``, its ``row`` of figures): keep
        its part."""
        article = score.article
        view = _view_record(article_view(score)) if self._in_view(article) else None
        if not self.recording:
            return
        written = dict(rows.tables)
        for name in self.tables:
            text = written.get(name)
            if text:
                self._position[name] += byte_length(text)
            self._offsets[name].append(self._position[name])
        if not self._grow(len(rows.pending) + len(story.about) + 16 * len(row[0]) + 600):
            return
        parts = self.parts
        if view is not None:
            parts.views[len(parts.ids)] = view
        parts.ids.append(article.id)
        parts.pending.append(rows.pending)
        parts.formula.append([list(pair) for pair in rows.formula_cells])
        parts.row_columns.append(self._place[row[0]])
        parts.row_values.append(np.asarray(row[1], dtype=np.float64))
        parts.stories.append([story.article_id, story.outlet, story.date, story.title,
                              story.about, story.tone, story.grade])  # fmt: skip
        parts.shingles.append(np.array(story.body_shingles, dtype=np.uint64))
        parts.choices.append([list(pair) for pair in story.choices])

    def end(self) -> None:
        """After the last article: keep no more."""
        self.recording = False

    def save(self, articles: int) -> None:
        """Store the parts kept for the next run, if they are those of all ``articles`` and
        the tables, now in place, are as long as what was written to them."""
        parts = self.parts
        if len(parts) != articles or not self.names or not self.tables:
            return
        for name in self.tables:
            try:
                mark = file_mark(self.folder / name)
            except OSError:
                return
            if mark[0] != self._position[name]:
                return  # not the bytes counted: a re-run could not copy from it
            parts.marks[name] = mark
            parts.offsets[name] = np.array(self._offsets[name], dtype=np.int64)
        if self._unchanged():
            return  # the entry the cache holds is this one: writing it again would cost more
        self.cache.put_text(KIND, self.key, dump_parts(parts))

    def _unchanged(self) -> bool:
        """Whether the parts to save are the very parts the earlier run kept, under the same
        key: every article copied, into the same columns and the same table bytes."""
        earlier, parts = self.earlier, self.parts
        return (
            earlier is not None
            and not self.recomputed
            and self.replayed == len(parts) == len(earlier)
            and parts.names == earlier.names
            and parts.anchors == earlier.anchors
            and parts.marks == earlier.marks
            and parts.offsets.keys() == earlier.offsets.keys()
            and all(np.array_equal(parts.offsets[n], earlier.offsets[n]) for n in parts.offsets)
            and parts.views.keys() == earlier.views.keys()
        )

    # -- a later run: replay -------------------------------------------------------------

    def plan(self, articles: Sequence[Article]) -> tuple[set[int], set[int]]:
        """Which of ``articles`` (all the run's articles, in order) must be written afresh
        (their matches may change) and which the report's article view shows (the first
        :attr:`shown` of each outlet)."""
        assert self.earlier is not None
        changed = changed_words(self.earlier.anchors, self.anchors)
        fresh = {i for i, article in enumerate(articles) if touched(article, changed)}
        seen: dict[str, int] = {}
        view = set()
        for i, article in enumerate(articles):
            seen[article.outlet] = seen.get(article.outlet, 0) + 1
            if seen[article.outlet] <= self.shown:
                view.add(i)
        return fresh, view

    def usable(self, articles: Sequence[Article], view: set[int]) -> bool:
        """Whether the kept parts are those of ``articles``, with the views of those in
        ``view``."""
        earlier = self.earlier
        return (
            earlier is not None
            and earlier.ids == [a.id for a in articles]
            and all(i in earlier.views for i in view)
        )

    def replay(
        self,
        articles: Sequence[Article],
        fresh: set[int],
        view: set[int],
        results: Iterator[Scored],
        take: Callable[[Scored], None],
        show: Callable[[ArticleView], None],
        builder: ComparisonBuilder,
        stories: list[StoryInput],
        tables: ScoreTables,
    ) -> None:
        """Write every article: afresh (``take``) those in ``fresh``, copied the others;
        ``results`` gives the scores of the articles in ``fresh``, in order; ``show`` is given
        the view of those in ``view``."""
        earlier = self.earlier
        assert earlier is not None
        where = {name: i for i, name in enumerate(self.names)}
        remap = np.array([where.get(name, -1) for name in earlier.names], dtype=np.int64)
        first, count = 0, len(articles)
        try:
            while first < count:
                if first in fresh:
                    result = next(results)
                    take(result)
                    if first in view:
                        show(article_view(result.score))
                    self.recomputed += 1
                    first += 1
                    continue
                last = first
                while last < count and last not in fresh:
                    last += 1
                self._copy(first, last)
                for place in range(first, last):
                    article = articles[place]
                    self._in_view(article)
                    if place in view:
                        show(_view(article, earlier.views[place]))
                    if self._guard is not None:
                        for file, column in earlier.formula[place]:
                            self._guard.touched.setdefault(file, set()).add(column)
                    tables.columns.update(key for key, _value in article.metadata)
                    columns = remap[earlier.row_columns[place]]
                    present = columns >= 0
                    builder.add_row(article, columns[present], earlier.row_values[place][present])
                    stories.append(_story(earlier, place))
                self.replayed += last - first
                first = last
        finally:
            self.close()

    def _copy(self, first: int, last: int) -> None:
        """Write the rows of the earlier run's articles ``first`` to ``last`` (not included),
        and keep their parts."""
        earlier = self.earlier
        assert earlier is not None
        for name in self.tables:
            offsets = earlier.offsets[name]
            start, end = int(offsets[first]), int(offsets[last])
            self._old[name].copy(start, end, self.streams[name])
            shift = self._position[name] - start
            self._offsets[name] += (offsets[first + 1 : last + 1] + shift).tolist()
            self._position[name] += end - start
        pending = earlier.pending[first:last]
        self.streams[PENDING].write("".join(pending))
        if not self.recording:
            return
        size = sum(map(len, pending)) + sum(len(s[4]) for s in earlier.stories[first:last])
        if not self._grow(size + 600 * (last - first)):
            return
        parts = self.parts
        for place in range(first, last):
            if place in earlier.views:
                parts.views[place] = earlier.views[place]
        parts.ids += earlier.ids[first:last]
        parts.pending += pending
        parts.formula += earlier.formula[first:last]
        parts.row_columns += earlier.row_columns[first:last]
        parts.row_values += earlier.row_values[first:last]
        parts.stories += earlier.stories[first:last]
        parts.shingles += earlier.shingles[first:last]
        parts.choices += earlier.choices[first:last]
