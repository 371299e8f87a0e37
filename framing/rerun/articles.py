"""Each article's part of a report, kept so that a re-run copies it instead of redoing it.

For every article a run keeps what it wrote into each per-article table (its rows, as text,
as :class:`~framing.render.article_rows.RowFormatter` made them), the formula guard's columns
those rows touched, its row of figures for the comparison (its non-zero columns and their
values, the columns by name, so that a lexicon with more or fewer variants can place them),
what story matching keeps of it and, for the articles the report's article view shows, what
that view needs (:class:`~framing.render.article_view.ArticleView`: the hits and the flagged
sentences; the article itself is read with the inputs). A later run over the same inputs, with
the same scorer and the same table columns, recomputes only the articles a lexicon edit can
change: those that contain all the words of an entry that was added, removed or changed (the
rule of the score store, :mod:`framing.store`); every other article is copied, its view
included, so that the scores of the articles the report shows are not loaded again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

import numpy as np
from numpy.typing import NDArray

from framing.model import Article, ArticleScore, TermHit
from framing.render.article_view import (
    MOST_NEGATIVE,
    MOST_POSITIVE,
    ArticleView,
    FlaggedSentence,
    article_view,
)
from framing.rerun.cache import RunCache
from framing.stories.model import StoryInput

if TYPE_CHECKING:
    from framing.compare.articles import Layout
    from framing.compare.engine import ComparisonBuilder
    from framing.render.csv_tables import ArticleRows, ScoreTables
    from framing.render.formula_guard import FormulaGuard
    from framing.scoring.scorer import Scored

KIND = "articles"
PENDING = "articles.csv (pending)"
MAX_KEPT_CHARACTERS = 200_000_000  # the rows of about 12,000 news articles


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
    """Whether ``article`` contains all the words of one of the ``changed`` entries."""
    if not changed:
        return False
    folded = f"{article.title}\n{article.text}".lower()
    return any(all(word in folded for word in words) for words in changed)


def _story_record(story: StoryInput) -> list[Any]:
    return [story.article_id, story.outlet, story.date, story.title, story.about,
            list(story.body_shingles), story.tone, story.grade,
            [list(pair) for pair in story.choices]]  # fmt: skip


def _view_record(view: ArticleView) -> list[Any]:
    terms = [[h.concept, h.variant, h.connotation, h.matched_text, h.field, h.start, h.end,
              h.sentence_index, h.target, h.scope] for h in view.terms]  # fmt: skip
    return [terms, [[s.field, s.start, s.end, s.mark] for s in view.flagged]]


def _view(article: Article, record: list[Any]) -> ArticleView:
    terms, flagged = record
    return ArticleView(article, tuple(TermHit(*hit) for hit in terms),
                       tuple(FlaggedSentence(*s) for s in flagged))  # fmt: skip


def _story(record: list[Any]) -> StoryInput:
    identifier, outlet, date, title, about, shingles, tone, grade, choices = record
    return StoryInput(identifier, outlet, date, title, about, tuple(shingles), tone, grade,
                      tuple((c, v) for c, v in choices))  # fmt: skip


class ArticleRecords:
    """Keeps each article's part while a run writes it, and replays it in a later run."""

    def __init__(
        self,
        cache: RunCache,
        open_table: Callable[[str], TextIO],
        anchors: dict[str, list[str]],
        shown: int,
    ) -> None:
        self.cache = cache
        self.shown = shown  # the article view shows each outlet's first ``shown`` articles
        self._per_outlet: dict[str, int] = {}
        self.key = ""
        self._open = open_table
        self.anchors = anchors
        self.streams: dict[str, TextIO] = {}
        self.kept: list[str] = []  # each article's part as one line of JSON
        self.names: list[str] = []  # this run's columns
        self.saved_names: list[str] = []  # the columns the kept rows point into
        self._place: list[int] = []  # this run's column -> its place in saved_names
        self.recording = True
        self.earlier: dict[str, Any] | None = None
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
        self.earlier = _read(self.cache.get_text(KIND, self.key), set(self.streams))
        # The rows copied from the earlier run point into its columns: new columns are added
        # after those, so that both kinds of row can be kept in one entry.
        saved = list(self.earlier["names"]) if self.earlier is not None else []
        known = set(saved)
        saved += [name for name in self.names if name not in known]
        where = {name: i for i, name in enumerate(saved)}
        self.saved_names = saved
        self._place = [where[name] for name in self.names]

    # -- the first run: keep ------------------------------------------------------------

    def _in_view(self, article: Article) -> bool:
        """Whether ``article``, the next of the run, is one the article view shows."""
        seen = self._per_outlet.get(article.outlet, 0) + 1
        self._per_outlet[article.outlet] = seen
        return seen <= self.shown

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
        fragments = {PENDING: rows.pending, **dict(rows.tables)}
        self._size += sum(map(len, fragments.values()))
        if self._size > MAX_KEPT_CHARACTERS:  # too large to keep: memory stays bounded
            self.recording = False
            self.kept.clear()
            return
        columns = [list(pair) for pair in rows.formula_cells]
        place = self._place
        pairs = [[place[c], v] for c, v in zip(row[0].tolist(), row[1].tolist(), strict=True)]
        record = [article.id, fragments, columns, pairs, _story_record(story), view]
        self.kept.append(_line(record))

    def end(self) -> None:
        """After the last article: keep no more."""
        self.recording = False

    def save(self, articles: int) -> None:
        """Store the parts kept for the next run, if they are those of all ``articles``."""
        if len(self.kept) == articles and self.names:
            header = _line({"anchors": self.anchors, "names": self.saved_names})
            self.cache.put_text(KIND, self.key, "\n".join([header, *self.kept]))

    # -- a later run: replay -------------------------------------------------------------

    def plan(self, articles: Sequence[Article]) -> tuple[set[int], set[int]]:
        """Which of ``articles`` (all the run's articles, in order) must be written afresh
        (their matches may change) and which the report's article view shows (the first
        :attr:`shown` of each outlet)."""
        assert self.earlier is not None
        changed = changed_words(self.earlier["anchors"], self.anchors)
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
            and len(earlier["articles"]) == len(articles)
            and all(r[0] == a.id for r, a in zip(earlier["articles"], articles, strict=True))
            and all(earlier["articles"][i][5] is not None for i in view)
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
        assert self.earlier is not None
        old_names = self.earlier["names"]
        where = {name: i for i, name in enumerate(self.names)}
        remap = [where.get(name) for name in old_names]
        for i, article in enumerate(articles):
            if i in fresh:
                result = next(results)
                take(result)
                if i in view:
                    show(article_view(result.score))
                self.recomputed += 1
                continue
            self._in_view(article)
            _id, fragments, columns, pairs, story, seen = self.earlier["articles"][i]
            if i in view:
                show(_view(article, seen))
            for name, text in fragments.items():
                self.streams[name].write(text)
            if self._guard is not None:
                for file, column in columns:
                    self._guard.touched.setdefault(file, set()).add(column)
            tables.columns.update(key for key, _value in article.metadata)
            placed = [(remap[column], value) for column, value in pairs]
            kept = [(column, value) for column, value in placed if column is not None]
            builder.add_row(
                article,
                np.fromiter((column for column, _v in kept), dtype=np.intp, count=len(kept)),
                np.fromiter((value for _c, value in kept), dtype=np.float64, count=len(kept)),
            )
            stories.append(_story(story))
            self.kept.append(self.earlier["lines"][i])
            self.replayed += 1


def _line(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _read(text: str | None, streams: set[str]) -> dict[str, Any] | None:
    """The parts kept by an earlier run (``anchors``, ``names``, ``articles`` and each
    article's ``lines``) from the text of the cache entry, or ``None`` if they are not
    usable. The entry is a line of JSON for the header, then one per article: a re-run keeps
    the lines of the articles it copies as they are."""
    if text is None:
        return None
    header, *lines = text.split("\n")
    try:
        earlier = json.loads(header)
        if not isinstance(earlier, dict):
            return None
        earlier["articles"] = [json.loads(line) for line in lines]
    except ValueError:
        return None
    earlier["lines"] = lines
    return earlier if _valid(earlier, streams) else None


def _valid(earlier: dict[str, Any], streams: set[str]) -> bool:
    anchors, names, articles = (earlier.get(k) for k in ("anchors", "names", "articles"))
    return (
        isinstance(anchors, dict)
        and all(
            isinstance(w, list) and all(isinstance(x, str) for x in w) for w in anchors.values()
        )
        and isinstance(names, list)
        and all(isinstance(n, str) for n in names)
        and isinstance(articles, list)
        and all(_valid_article(a, len(names), streams) for a in articles)
    )


def _valid_article(record: object, width: int, streams: set[str]) -> bool:
    if not (isinstance(record, list) and len(record) == 6):
        return False
    identifier, fragments, columns, pairs, story, view = record
    return (
        isinstance(identifier, str)
        and isinstance(fragments, dict)
        and all(isinstance(v, str) and k in streams for k, v in fragments.items())
        and isinstance(columns, list)
        and all(isinstance(c, list) and len(c) == 2 for c in columns)
        and isinstance(pairs, list)
        and all(
            isinstance(p, list)
            and len(p) == 2
            and isinstance(p[0], int)
            and 0 <= p[0] < width
            and isinstance(p[1], (int, float))
            for p in pairs
        )
        and isinstance(story, list)
        and len(story) == 9
        and all(isinstance(story[i], str) for i in range(5))
        and isinstance(story[5], list)
        and all(isinstance(n, int) for n in story[5])
        and all(v is None or isinstance(v, (int, float)) for v in story[6:8])
        and isinstance(story[8], list)
        and all(isinstance(c, list) and len(c) == 2 for c in story[8])
        and (view is None or _valid_view(view))
    )


def _valid_view(view: object) -> bool:
    if not (isinstance(view, list) and len(view) == 2):
        return False
    terms, flagged = view
    return (
        isinstance(terms, list)
        and all(
            isinstance(t, list)
            and len(t) == 10
            and all(isinstance(t[i], str) for i in (0, 1, 2, 3, 4, 8, 9))
            and all(isinstance(t[i], int) for i in (5, 6, 7))
            for t in terms
        )
        and isinstance(flagged, list)
        and all(
            isinstance(f, list)
            and len(f) == 4
            and isinstance(f[0], str)
            and isinstance(f[1], int)
            and isinstance(f[2], int)
            and f[3] in (MOST_POSITIVE, MOST_NEGATIVE)
            for f in flagged
        )
    )
