"""Running sums per group, fed one article at a time, from which the comparison is built.

Memory grows with the number of groups, the lexicon and the vocabulary, not with the number of
articles: each group keeps its summed row (see :class:`~framing.compare.articles.Layout`) and,
for its bootstrap resamples, either its articles' rows or, once those would cost more, the
same sums for every resample (see :class:`GroupSums`); word and phrase counts are kept,
bounded, in a :class:`~framing.compare.vocabulary.VocabularyCounts`. Resampling weights are
drawn per block of a group's articles from a generator seeded by the group's name and the
block's number, so the figures depend only on the group's articles in input order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from framing.compare.articles import ArticleTable, Layout, poisson_weights
from framing.compare.epithets import EpithetCounts
from framing.compare.terms import count_terms_with_uses
from framing.compare.vocabulary import VocabularyCounts
from framing.model import ArticleScore, TermCounts
from framing.text.names import name_contexts
from framing.text.segment import tokenize

Matrix = NDArray[np.float64]
# Articles of one group whose rows are buffered before their resampling weights are drawn.
BLOCK_ARTICLES = 256


def group_seed(group: str) -> int:
    """A number derived from the group's name alone, so its resamples (and intervals) do not
    change when other groups are added or left out."""
    return int.from_bytes(hashlib.sha256(group.encode("utf-8")).digest()[:8], "big")


class _KeptBlock(NamedTuple):
    """One block of a group's article rows, kept until the group's resample sums are made:
    every row's columns and values, end to end, and each row's length."""

    number: int  # the block's number within its group (it seeds the block's weights)
    columns: NDArray[np.int32]
    values: Matrix
    lengths: NDArray[np.int32]

    @property
    def nbytes(self) -> int:
        return self.columns.nbytes + self.values.nbytes + self.lengths.nbytes

    def rows(self) -> list[tuple[NDArray[np.intp], Matrix]]:
        """The block's rows, as they were added."""
        ends = np.cumsum(self.lengths)[:-1]
        columns = np.split(self.columns.astype(np.intp), ends)
        return list(zip(columns, np.split(self.values, ends), strict=True))


@dataclass
class GroupSums:
    """Everything kept about one group's articles.

    The resample sums of a group are ``resamples`` x ``width`` numbers however few articles it
    has (16 MB for 1,000 resamples of 2,000 columns). Until that matrix would cost more than
    the rows themselves, the rows are kept instead (in blocks, as they are drawn) and the
    matrix is made only when asked for, by :meth:`resample_sums`, from the same weights in the
    same order, so the sums are the same to the bit. Many small groups (``--by`` a column of
    hundreds of values) then cost their rows, not a matrix each.
    """

    group: str
    resamples: int
    point: Matrix  # (columns,)
    articles: int = 0
    first_date: str = ""
    last_date: str = ""
    unknown_outlets: int = 0
    _block: list[tuple[NDArray[np.intp], Matrix]] = field(default_factory=list)
    _blocks_done: int = 0
    _kept: list[_KeptBlock] = field(default_factory=list)
    _kept_bytes: int = 0
    _replicates: Matrix | None = None  # (resamples, columns), once made

    def add(self, columns: NDArray[np.intp], values: Matrix, seed: int) -> None:
        """Add one article's row, its non-zero ``columns`` (distinct) and their ``values``, to
        the sums."""
        if len(columns):
            self.point[columns] += values
        self._block.append((columns, values))
        if len(self._block) >= BLOCK_ARTICLES:
            self.flush(seed)
        self.articles += 1

    def flush(self, seed: int) -> None:
        """Close the block of buffered articles: keep its rows, or add it to the resample sums
        once they are made."""
        if not self._block:
            return
        number = self._blocks_done
        self._blocks_done += 1
        if self._replicates is not None:
            _add_block(self._replicates, self._block, seed, self.group, number)
            self._block = []
            return
        kept = _KeptBlock(
            number,
            np.concatenate([c for c, _v in self._block]).astype(np.int32),
            np.concatenate([v for _c, v in self._block]).astype(np.float64),
            np.array([len(c) for c, _v in self._block], dtype=np.int32),
        )
        self._kept.append(kept)
        self._kept_bytes += kept.nbytes
        self._block = []
        if self._kept_bytes > self.point.nbytes * self.resamples:
            self._replicates = self.resample_sums(seed)
            self._kept, self._kept_bytes = [], 0

    def resample_sums(
        self, seed: int, columns: NDArray[np.intp] | None = None, rows: int | None = None
    ) -> Matrix:
        """The group's sums over every resample: (resamples, columns), after :meth:`flush`.
        A new matrix when the rows were kept (the caller may drop it), else the one kept.
        With ``columns``, only those columns are summed (the others are left 0); with
        ``rows``, only the first ``rows`` resamples. Each column and each resample is summed
        on its own (see :func:`_add_block`): they are the same numbers as in the whole."""
        if self._replicates is not None:
            return self._replicates if rows is None else self._replicates[:rows]
        # Column-major: each block adds to a few hundred of the columns, which are then whole
        # runs of memory rather than one number in every row (the sums are the same).
        count = self.resamples if rows is None else min(rows, self.resamples)
        sums = np.zeros((count, len(self.point)), order="F")
        for kept in self._kept:
            _add_block(sums, kept.rows(), seed, self.group, kept.number, columns)
        return sums

    def column_prints(self, seed: int, tail: float) -> NDArray[np.uint64] | None:
        """A fingerprint of each column's resample sums and their percentile ``tail``,
        (columns, 2) (see :func:`~framing.compare.known_bounds.column_prints`); ``None`` when
        the rows are not kept (the sums were made as the articles came)."""
        if self._replicates is not None or self._block:
            return None
        from framing.compare.known_bounds import column_prints

        blocks = [(kept.number, kept.columns, kept.values, kept.lengths) for kept in self._kept]
        return column_prints(blocks, len(self.point), [seed, self.group, self.resamples, tail])


def _add_block(
    sums: Matrix,
    block: list[tuple[NDArray[np.intp], Matrix]],
    seed: int,
    group: str,
    number: int,
    wanted: NDArray[np.intp] | None = None,
) -> None:
    """Add block ``number`` of ``group``'s article rows to its resample ``sums`` (its
    ``wanted`` columns, or all), each article weighted by how often each resample drew it.

    Each column's sums depend on that column's values alone, so a column summed with others
    or alone, in one run or the next, gives the same numbers to the bit: columns of whole
    numbers are summed by one matrix product (exact in any order: every product and sum is
    a whole number far below 2**53), the others article by article, in order (a matrix
    product's rounding depends on the shape of the whole matrix). The first rows of the
    weights are the same however many are drawn, so each resample is on its own too."""
    columns = np.unique(np.concatenate([c for c, _v in block]).astype(np.intp))
    if wanted is not None:
        columns = columns[np.isin(columns, wanted)]
        if not len(columns):
            return
    values = np.zeros((len(block), len(columns)))
    for i, (row_columns, row_values) in enumerate(block):
        inside = np.searchsorted(columns, row_columns)
        if wanted is not None:  # only the row's wanted columns
            found = inside < len(columns)
            found[found] = columns[inside[found]] == row_columns[found]
            inside, row_values = inside[found], row_values[found]
        values[i, inside] = row_values
    rng = np.random.default_rng([seed, group_seed(group), number])
    weights = poisson_weights(len(sums), len(block), rng)
    whole = np.all((values == np.rint(values)) & (np.abs(values) < 2.0**31), axis=0)
    # Added through the transpose, column by column: the sums are column-major, so each of
    # their columns is then one run of memory (the same numbers, added the same way).
    by_column = sums.T
    if whole.all():
        by_column[columns] += values.T @ weights.T
        return
    if whole.any():
        by_column[columns[whole]] += values[:, whole].T @ weights.T
    # Each column article by article, in order, over only the articles with a value in it: a
    # zero adds +0.0 or -0.0 to a sum that is never -0.0, which leaves it unchanged, so these
    # are the numbers of a sum over every article (rows are sparse: most products are 0).
    fractional = values[:, ~whole]
    part = np.zeros((fractional.shape[1], len(weights)))
    weights_of = np.ascontiguousarray(weights.T)  # each article's weights in one run
    for column, articles in enumerate(_nonzero_rows(fractional)):
        total = part[column]
        for i in articles:
            total += weights_of[i] * fractional[i, column]
    by_column[columns[~whole]] += part


def _nonzero_rows(values: Matrix) -> list[list[int]]:
    """For each column of ``values``, the rows where it is not 0, in order."""
    rows, columns = np.nonzero(values.T)
    ends = np.cumsum(np.bincount(rows, minlength=values.shape[1]))[:-1]
    return [part.tolist() for part in np.split(columns, ends)]


class ArticleCounts(NamedTuple):
    """What :meth:`GroupAccumulator.add` takes of one article besides its group: made by an
    :class:`ArticleCounter`, in the worker process that scored the article."""

    columns: NDArray[np.intp]  # the article's non-zero columns of the layout
    values: Matrix  # their values
    term_counts: TermCounts  # see ArticleScore.term_counts
    name_contexts: tuple[tuple[str, str, str, int], ...]  # see ArticleScore.name_contexts


@dataclass(frozen=True)
class ArticleCounter:
    """Makes an article's :class:`ArticleCounts`. It depends on the lexicon's layout and the
    settings only, so it gives the same counts in any process (and is sent to the workers)."""

    layout: Layout
    threshold: float
    stopwords: frozenset[str]

    def row(self, score: ArticleScore) -> tuple[NDArray[np.intp], Matrix]:
        """``score``'s row of the layout: its non-zero columns and their values."""
        row = self.layout.row(score, self.threshold)
        columns = np.fromiter(row, dtype=np.intp, count=len(row))
        values = np.fromiter(row.values(), dtype=np.float64, count=len(row))
        return columns, values

    def __call__(self, score: ArticleScore) -> ArticleCounts:
        """The counts of ``score``'s article."""
        columns, values = self.row(score)
        counted, contexts = score.term_counts, score.name_contexts
        if not counted:  # scored without stop words: count here
            sentences = score.sentiment.sentences
            counted = count_terms_with_uses(((s.text, 0, tokenize(s.text)) for s in sentences),
                                            self.stopwords, 1)  # fmt: skip
            if not contexts:
                body = ((s.text, 0, tokenize(s.text)) for s in sentences if s.field == "text")
                contexts = name_contexts(body, self.stopwords)
        return ArticleCounts(columns, values, counted, contexts)


class GroupAccumulator:
    """Feeds articles into per-group sums; :meth:`finish` hands the sums to the comparison."""

    def __init__(
        self,
        layout: Layout,
        threshold: float,
        stopwords: frozenset[str],
        replicates: int,
        seed: int,
    ) -> None:
        self.layout = layout
        self.threshold = threshold
        self.stopwords = stopwords
        self.replicates = replicates
        self.seed = seed
        self.counter = ArticleCounter(layout, threshold, stopwords)
        self.groups: dict[str, GroupSums] = {}
        self.vocabulary = VocabularyCounts()
        self.epithets = EpithetCounts()

    def add(
        self,
        group: str,
        score: ArticleScore,
        counts: ArticleCounts | None = None,
        words: bool = True,
    ) -> tuple[NDArray[np.intp], Matrix]:
        """Count one article of ``group`` (without ``words``, not its words and names);
        ``counts`` when :attr:`counter` made them elsewhere. Its row of figures, the non-zero
        columns of the layout and their values, is returned."""
        if counts is None:
            if not words:  # only the row is needed
                columns, values = self.counter.row(score)
                self.add_row(group, columns, values, score.article.date,
                             score.article.outlet_source == "unknown")  # fmt: skip
                return columns, values
            counts = self.counter(score)
        self.add_row(group, counts.columns, counts.values, score.article.date,
                     score.article.outlet_source == "unknown")  # fmt: skip
        if words:
            self.epithets.add(group, counts.name_contexts)
            known = score.article.outlet_source != "unknown"
            self.vocabulary.add(group, counts.term_counts, score.article.outlet if known else "",
                                score.article.url)  # fmt: skip
        return counts.columns, counts.values

    def add_row(
        self, group: str, columns: NDArray[np.intp], values: Matrix, date: str, unknown: bool
    ) -> None:
        """Count one article of ``group`` from its row of figures alone: its non-zero
        ``columns`` of the layout (distinct) and their ``values``."""
        sums = self.groups.get(group)
        if sums is None:
            sums = GroupSums(group, self.replicates, point=np.zeros(self.layout.width))
            self.groups[group] = sums
        sums.add(columns, values, self.seed)
        if date:
            sums.first_date = min(sums.first_date or date, date)
            sums.last_date = max(sums.last_date, date)
        if unknown:
            sums.unknown_outlets += 1

    def finish(self, groups: tuple[str, ...], keep: int = 0) -> tuple[ArticleTable, ResampleTables]:
        """The summed table (one row per group, in ``groups`` order) and each group's table of
        resample sums (one row per resample), made when asked for; the first ``keep``
        resamples of each group are kept as it is looked up."""
        for sums in self.groups.values():
            sums.flush(self.seed)
        point = self.layout.table(np.array([self.groups[g].point for g in groups]))
        return point, ResampleTables(self, groups, point, keep)


class ResampleTables(Mapping[str, ArticleTable]):
    """Each group's table of resample sums, made when a group is looked up and not kept, so
    only one group's full matrix need be held at a time. The first :attr:`keep` resamples of
    every group looked up are kept in :attr:`heads` (for the clusters' stability); with
    ``heads_only``, a lookup makes only those."""

    def __init__(
        self,
        accumulator: GroupAccumulator,
        groups: tuple[str, ...],
        point_table: ArticleTable,
        keep: int = 0,
        heads_only: bool = False,
    ):
        self.accumulator = accumulator
        self.groups = groups
        self.point_table = point_table  # the groups' summed rows, one per group
        self.keep = keep
        self.heads_only = heads_only
        self.heads: dict[str, ArticleTable] = {}
        # Column prints by (group, percentile): the clustering's print and the profiles'
        # intervals both ask for them (framing.compare.known_clustering).
        self._prints: dict[tuple[str, float], NDArray[np.uint64] | None] = {}

    def only_heads(self) -> ResampleTables:
        """Tables of the same groups whose lookups make and keep only the first :attr:`keep`
        resamples (the same numbers as the whole tables' first rows)."""
        return ResampleTables(self.accumulator, self.groups, self.point_table, self.keep, True)

    def __getitem__(self, group: str) -> ArticleTable:
        if group not in self.groups:
            raise KeyError(group)
        accumulator = self.accumulator
        rows = self.keep if self.heads_only else None
        sums = accumulator.groups[group].resample_sums(accumulator.seed, rows=rows)
        if self.keep:
            # Copied in the sums' own (column-major) order: a row-major copy transposes 200
            # rows of every column; the clustering stacks these rows anew, whatever their order.
            self.heads[group] = accumulator.layout.table(sums[: self.keep].copy(order="K"))
        return accumulator.layout.table(sums)

    def columns(self, group: str, wanted: NDArray[np.intp]) -> ArticleTable:
        """The group's table with only the ``wanted`` columns of the layout summed (the others
        0), or every column when the first resamples are to be kept."""
        if group not in self.groups:
            raise KeyError(group)
        if self.keep:
            return self[group]
        accumulator = self.accumulator
        sums = accumulator.groups[group].resample_sums(accumulator.seed, wanted)
        return accumulator.layout.table(sums)

    def prints(self, group: str, tail: float) -> NDArray[np.uint64] | None:
        """The print of each column of the group's sums, with the intervals' percentile
        ``tail`` (see :meth:`GroupSums.column_prints`), made once per group and ``tail``."""
        if (group, tail) not in self._prints:
            sums = self.accumulator.groups[group]
            self._prints[group, tail] = sums.column_prints(self.accumulator.seed, tail)
        return self._prints[group, tail]

    def __contains__(self, group: object) -> bool:
        return group in self.groups  # without making the group's sums

    def __iter__(self) -> Iterator[str]:
        return iter(self.groups)

    def __len__(self) -> int:
        return len(self.groups)
