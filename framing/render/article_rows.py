"""One scored article's rows of every per-article CSV file (articles.csv, term_hits.csv,
sentences.csv, actor_sentiment.csv, removed_lines.csv, frame_cues.csv), as CSV text.

:class:`RowFormatter` makes them in whichever process scored the article;
:class:`~framing.render.csv_tables.ScoreTables` writes them. Cells are written as
:func:`~framing.render.csv_cells.cell_text` writes them, formula-like text defused unless the
guard is off.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import attrgetter, methodcaller

from framing.compare.stance import column_name, target_cell, target_connotations
from framing.corpus.values import without_surrogates
from framing.lexicon.model import Lexicon
from framing.model import ArticleScore, TermHit
from framing.render.csv_cells import Cell, cell_text, csv_writer
from framing.render.formula_guard import FORMULA_STARTS, formula_like
from framing.scoring.readability import READABILITY_FORMULAS


def metadata_columns(scores: Sequence[ArticleScore]) -> list[str]:
    """Every extra manifest/CSV column present on any article, sorted."""
    return sorted({key for score in scores for key, _value in score.article.metadata})


def metadata_header(column: str, taken: Sequence[str]) -> str:
    """The header of a manifest column in articles.csv: its name, or ``meta_<name>`` when a
    score column already has that name (a manifest column called ``words``, say)."""
    return f"meta_{column}" if column in taken else column


def frame_column(frame: str) -> str:
    """The articles.csv column of a frame dimension's share (frame ids start with frame_)."""
    return frame if frame.startswith("frame_") else f"frame_{frame}"


ARTICLE_COLUMNS = (
    "id", "outlet", "title", "date", "url", "source_path", "source_line", "outlet_source",
    "encoding", "words", "sentences", "syllables", "letters", "polysyllabic_words",
    "difficult_words", *READABILITY_FORMULAS, "readability_note",
    "sentiment_compound_mean", "sentiment_positive_share", "sentiment_negative_share",
    "sentiment_sentences", "most_positive_sentence", "most_negative_sentence",
    "sentiment_note", "term_hits", "term_hits_out_of_scope",
)  # fmt: skip
CUE_COLUMNS = (
    "article_id", "outlet", "concept", "variant", "connotation", "matched_text", "field",
    "start", "end", "sentence_index", "sentence",
)  # fmt: skip
# term_hits.csv also lists the mentions left out of their target's scope, with the reason.
HIT_COLUMNS = (*CUE_COLUMNS, "target", "counted", "scope_reason")
SENTENCE_COLUMNS = (
    "article_id", "outlet", "sentence_index", "field", "start", "end", "compound",
    "positive", "negative", "neutral", "text",
)  # fmt: skip
ACTOR_COLUMNS = (
    "article_id", "outlet", "actor", "sentences", "tone_toward_actor", "sentence_tone",
)  # fmt: skip
REMOVED_COLUMNS = ("article_id", "source_path", "line", "rule", "text")


def article_row(
    score: ArticleScore, connotations: Sequence[tuple[str, str]], frames: Sequence[str]
) -> list[Cell]:
    """An article's row of articles.csv, without its manifest columns; ``connotations`` are
    the (target, label) pairs counted per target (see :mod:`framing.compare.stance`)."""
    article, readability, sentiment = score.article, score.readability, score.sentiment
    by_index: dict[int | None, str] = {s.index: s.text for s in sentiment.sentences}
    tally = Counter((hit.target, hit.connotation) for hit in score.terms)
    cues = score.frame_cues
    # Each frame's share of the article's cues (none without cues), all counted at once.
    per_frame = Counter(cue.concept for cue in cues)
    shares = [per_frame.get(frame, 0) / len(cues) if cues else None for frame in frames]
    return [
        article.id, article.outlet, article.title, article.date, article.url,
        article.source_path, article.source_line, article.outlet_source, article.encoding,
        readability.words, readability.sentences, readability.syllables,
        readability.letters, readability.polysyllabic_words, readability.difficult_words,
        *(getattr(readability, column) for column in READABILITY_FORMULAS),
        readability.reason,
        sentiment.compound_mean, sentiment.positive_share, sentiment.negative_share,
        len(sentiment.sentences),
        by_index.get(sentiment.most_positive), by_index.get(sentiment.most_negative),
        sentiment.reason, len(score.terms), len(score.out_of_scope),
        *map(tally.get, connotations, repeat(0)),
        len(article.removed), len(cues), *shares,
    ]  # fmt: skip


def hit_rows(score: ArticleScore, cues: bool = False) -> Iterator[list[Cell]]:
    """Rows of term_hits.csv (or, with ``cues``, frame_cues.csv) for one article: each
    mention with its span and the sentence it stands in; term_hits.csv adds the target, whether
    the mention is counted, and why (mentions out of their target's scope are listed, in text
    order, but counted nowhere)."""
    sentences = {s.index: s.text for s in score.sentiment.sentences}
    if cues:
        mentions: list[tuple[TermHit, bool]] = [(cue, True) for cue in score.frame_cues]
    else:
        mentions = [(hit, True) for hit in score.terms]
        if score.out_of_scope:
            mentions += [(hit, False) for hit in score.out_of_scope]
            mentions.sort(key=lambda pair: (pair[0].sentence_index, pair[0].start))
    for hit, counted in mentions:
        row: list[Cell] = [
            score.article.id, score.article.outlet, hit.concept, hit.variant, hit.connotation,
            hit.matched_text, hit.field, hit.start, hit.end, hit.sentence_index,
            sentences.get(hit.sentence_index, ""),
        ]  # fmt: skip
        if not cues:
            row += [target_cell(hit.target), counted, hit.scope]
        yield row


def sentence_rows(score: ArticleScore) -> Iterator[list[Cell]]:
    """Rows of sentences.csv: every scored sentence with its VADER scores."""
    article = score.article
    for s in score.sentiment.sentences:
        yield [article.id, article.outlet, s.index, s.field, s.start, s.end, s.compound,
               s.positive, s.negative, s.neutral, s.text]  # fmt: skip


def actor_rows(score: ArticleScore) -> Iterator[list[Cell]]:
    """Rows of actor_sentiment.csv: per actor, its sentences and their mean compound."""
    for a in score.sentiment.actors:
        yield [
            score.article.id, score.article.outlet, a.actor, a.sentences, a.tone, a.sentence_tone
        ]  # fmt: skip


def removed_rows(score: ArticleScore) -> Iterator[list[Cell]]:
    """Rows of removed_lines.csv: the page furniture removed before scoring."""
    for r in score.article.removed:
        yield [score.article.id, score.article.source_path, r.line, r.rule, r.text]


def _constant(value: Cell, count: int) -> list[Cell]:
    return [value] * count


def hit_columns(score: ArticleScore, cues: bool = False) -> list[list[Cell]]:
    """The columns of :func:`hit_rows` (the same cells, column by column): each is made by a
    C-level map over the mentions rather than a row of Python per mention."""
    if cues:
        mentions: list[TermHit] = list(score.frame_cues)
        counted: list[Cell] = []
    else:
        mentions = list(score.terms)
        counted = _constant(True, len(mentions))
        if score.out_of_scope:
            # In text order, the counted ones first on a tie (a stable sort, as hit_rows).
            order = sorted(
                range(len(mentions) + len(score.out_of_scope)),
                key=[*map(_HIT_ORDER, mentions), *map(_HIT_ORDER, score.out_of_scope)].__getitem__,
            )
            mentions += score.out_of_scope
            counted += _constant(False, len(score.out_of_scope))
            mentions = list(map(mentions.__getitem__, order))
            counted = list(map(counted.__getitem__, order))
    count = len(mentions)
    sentences = {s.index: s.text for s in score.sentiment.sentences}
    indexes = list(map(_SENTENCE_INDEX, mentions))
    columns: list[list[Cell]] = [
        _constant(score.article.id, count), _constant(score.article.outlet, count),
        *(list(map(getter, mentions)) for getter in _HIT_FIELDS), indexes,
        list(map(sentences.get, indexes, repeat(""))),
    ]  # fmt: skip
    if not cues:
        columns += [list(map(target_cell, map(_TARGET, mentions))), counted,
                    list(map(_SCOPE, mentions))]  # fmt: skip
    return columns


_HIT_ORDER = attrgetter("sentence_index", "start")
_SENTENCE_INDEX = attrgetter("sentence_index")
_TARGET, _SCOPE = attrgetter("target"), attrgetter("scope")
_HIT_FIELDS = tuple(
    map(attrgetter, ("concept", "variant", "connotation", "matched_text", "field", "start", "end"))
)
_SENTENCE_FIELDS = tuple(
    map(attrgetter, ("index", "field", "start", "end", "compound", "positive", "negative",
                     "neutral", "text"))
)  # fmt: skip
_ACTOR_FIELDS = tuple(map(attrgetter, ("actor", "sentences", "tone", "sentence_tone")))
_REMOVED_FIELDS = tuple(map(attrgetter, ("line", "rule", "text")))


def sentence_columns(score: ArticleScore) -> list[list[Cell]]:
    """The columns of :func:`sentence_rows`."""
    sentences = score.sentiment.sentences
    article, count = score.article, len(sentences)
    return [_constant(article.id, count), _constant(article.outlet, count),
            *(list(map(getter, sentences)) for getter in _SENTENCE_FIELDS)]  # fmt: skip


def actor_columns(score: ArticleScore) -> list[list[Cell]]:
    """The columns of :func:`actor_rows`."""
    actors = score.sentiment.actors
    article, count = score.article, len(actors)
    return [_constant(article.id, count), _constant(article.outlet, count),
            *(list(map(getter, actors)) for getter in _ACTOR_FIELDS)]  # fmt: skip


def removed_columns(score: ArticleScore) -> list[list[Cell]]:
    """The columns of :func:`removed_rows`."""
    removed = score.article.removed
    article, count = score.article, len(removed)
    return [_constant(article.id, count), _constant(article.source_path, count),
            *(list(map(getter, removed)) for getter in _REMOVED_FIELDS)]  # fmt: skip


@dataclass(frozen=True)
class ArticleRows:
    """One article's rows of every per-article CSV file, as written: plain text, so that they
    can be made in a worker process and only written by the main one."""

    # A JSON line: [the articles.csv cells as CSV text, without the manifest columns (only
    # known once every article is read) and the line end; the manifest values by column]
    pending: str
    tables: tuple[tuple[str, str], ...]  # (file name, its rows as CSV text), in file order
    formula_cells: tuple[tuple[str, str], ...]  # (file, column) of cells that looked like one


class RowFormatter:
    """Formats one scored article's rows of every per-article CSV file (:class:`ArticleRows`).

    It holds only what the lexicon and the options give, no state of the run, so the same rows
    come out in whichever process it runs (it is sent to worker processes with the scorer)."""

    def __init__(
        self, lexicon: Lexicon, guard: bool = True, inline_sentences: bool = False
    ) -> None:
        self.guard = guard
        self.connotations = target_connotations(lexicon)
        self.frames = tuple(frame.id for frame in lexicon.frames)
        self.article_header = (
            *ARTICLE_COLUMNS,
            *(column_name(target, label) for target, label in self.connotations),
            "furniture_lines_removed", "frame_cues",
            *(frame_column(frame) for frame in self.frames),
        )  # fmt: skip
        # Without inline sentences a mention is found in sentences.csv by article_id and
        # sentence_index: repeating the sentence on every mention made these tables several
        # times the size of the input.
        self._hit_cells = [
            i for i, c in enumerate(HIT_COLUMNS) if inline_sentences or c != "sentence"
        ]
        self._cue_cells = [
            i for i, c in enumerate(CUE_COLUMNS) if inline_sentences or c != "sentence"
        ]
        self.tables: dict[str, tuple[str, ...]] = {
            "term_hits.csv": tuple(HIT_COLUMNS[i] for i in self._hit_cells),
            "sentences.csv": SENTENCE_COLUMNS,
            "actor_sentiment.csv": ACTOR_COLUMNS,
            "removed_lines.csv": REMOVED_COLUMNS,
        }
        if self.frames:
            self.tables["frame_cues.csv"] = tuple(CUE_COLUMNS[i] for i in self._cue_cells)

    def __call__(self, score: ArticleScore) -> ArticleRows:
        """The rows of ``score``'s article."""
        buffer = io.StringIO()
        writer = csv_writer(buffer)
        touched: set[tuple[str, str]] = set()
        row = article_row(score, self.connotations, self.frames)
        writer.writerow(self._cells("articles.csv", self.article_header, row, touched))
        metadata = dict(score.article.metadata)
        pending = json.dumps([buffer.getvalue()[:-2], metadata], ensure_ascii=False) + "\n"
        columns = {
            "term_hits.csv": _picked(hit_columns(score), self._hit_cells),
            "sentences.csv": sentence_columns(score),
            "actor_sentiment.csv": actor_columns(score),
            "removed_lines.csv": removed_columns(score),
        }
        if self.frames:
            columns["frame_cues.csv"] = _picked(hit_columns(score, cues=True), self._cue_cells)
        tables = []
        for name, table in columns.items():
            if table[0]:
                cells = self._column_cells(name, self.tables[name], table, touched)
                tables.append((name, csv_lines(cells)))
        return ArticleRows(pending, tuple(tables), tuple(sorted(touched)))

    def _cells(
        self,
        file: str,
        header: Sequence[str],
        row: Sequence[Cell],
        touched: set[tuple[str, str]],
    ) -> list[str]:
        # cell_text and clean_text inlined for the common types: this runs for every cell of every
        # row (tens of thousands per second), so each call saved counts.
        cells = []
        for column, value in zip(header, row, strict=True):
            if type(value) is int:  # the most common cell of articles.csv: counts
                cells.append(str(value))
            elif isinstance(value, float):
                cells.append(repr(float(round(value, 6))))
            elif isinstance(value, str):
                if not value.isascii():
                    value = without_surrogates(value)
                if "\x00" in value:
                    value = value.replace("\x00", "\ufffd")
                if value.startswith(FORMULA_STARTS) and formula_like(value):
                    touched.add((file, column))
                    if self.guard:
                        value = "'" + value
                cells.append(value)
            else:  # None, true or false, or a subclass of int
                cells.append(cell_text(value))
        return cells

    def _column_cells(
        self,
        file: str,
        header: Sequence[str],
        columns: Sequence[Sequence[Cell]],
        touched: set[tuple[str, str]],
    ) -> list[list[str]]:
        """The cells of one table's columns, as :meth:`_cells` makes them: a column of one
        type (most are) is converted by C-level maps rather than a Python call per cell, and a
        column of one value (the article's id, say) once."""
        if len(columns) != len(header):
            raise ValueError(f"{file}: rows of {len(columns)} cells for {len(header)} columns")
        converted = []
        for column, values in zip(header, columns, strict=True):
            first = values[0]
            # Only a string equals a string (1 == True == 1.0, and 0.0 == -0.0, are written
            # apart), so a column of one string is written as that string's cell.
            if type(first) is str and values.count(first) == len(values):
                converted.append(self._convert(file, column, values[:1], touched) * len(values))
            else:
                converted.append(self._convert(file, column, values, touched))
        return converted

    def _convert(
        self, file: str, column: str, values: Sequence[Cell], touched: set[tuple[str, str]]
    ) -> list[str]:
        kinds = set(map(type, values))
        if kinds == {str}:
            return self._text_column(file, column, values, touched)  # type: ignore[arg-type]
        if kinds == {int}:
            return list(map(str, values))
        if kinds == {float}:
            return list(map(repr, map(round, values, repeat(6))))  # type: ignore[arg-type]
        if kinds == {bool}:
            return list(map(_BOOL_TEXT.__getitem__, values))  # type: ignore[arg-type]
        return [self._cells(file, (column,), (value,), touched)[0] for value in values]

    def _text_column(
        self, file: str, column: str, values: Sequence[str], touched: set[tuple[str, str]]
    ) -> list[str]:
        texts = list(values)
        if not all(map(str.isascii, texts)):
            texts = list(map(without_surrogates, texts))
        if "\x00" in "".join(texts):
            texts = [text.replace("\x00", "\ufffd") for text in texts]
        for row in compress(range(len(texts)), map(_STARTS_LIKE_FORMULA, texts)):
            if formula_like(texts[row]):
                touched.add((file, column))
                if self.guard:
                    texts[row] = "'" + texts[row]
        return texts


_STARTS_LIKE_FORMULA = methodcaller("startswith", FORMULA_STARTS)
_BOOL_TEXT = {True: "true", False: "false"}


def _picked(columns: list[list[Cell]], cells: Sequence[int]) -> list[list[Cell]]:
    return [columns[i] for i in cells]


# The characters for which the csv module (RFC 4180 quoting, "\r\n" line ends) quotes a cell.
_QUOTED_FOR = re.compile('[,"\r\n]')


def csv_lines(columns: Sequence[list[str]]) -> str:
    """The CSV text (RFC 4180: "\r\n" line ends, a cell with a comma, quote or line break
    quoted, its quotes doubled) of rows whose cells, already text, are given column by column
    (two or more columns): the lines :func:`csv.writer` writes, joined in C."""
    quoted = []
    for cells in columns:
        if _QUOTED_FOR.search("".join(cells)) is not None:
            cells = [_quote(cell) if _QUOTED_FOR.search(cell) else cell for cell in cells]
        quoted.append(cells)
    return "\r\n".join(map(",".join, zip(*quoted, strict=True))) + "\r\n"


def _quote(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"'
