"""The score store's rows: a scored article packed into its two rows (the analysis, which no
lexicon changes, and the matches), and the rows read back as untrusted input.

Rows are packed arrays (see :mod:`framing.store_layout`), not JSON: a re-run after a lexicon
edit reads back the analysis of every article it matches again, and checking thousands of term
counts as one array costs far less than parsing and checking them one by one.

A store file may come from someone else, or be damaged: every row is bounded, parsed, and
checked against the article it claims to describe and the lexicon of this run before its values
are used. A row that fails any check raises :class:`BadRow`; the store then scores that article
afresh. A well-formed row with wrong but plausible numbers cannot be told from a real one: share
the store only with people you trust.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter, itemgetter
from typing import Any

import numpy as np

from framing.lexicon.model import Lexicon
from framing.model import (
    ActorMention,
    Article,
    ArticleScore,
    Readability,
    Sentence,
    TermCounts,
    TermHit,
)
from framing.scoring.sentiment import summarize
from framing.settings import ScoringSettings
from framing.store_layout import BadRow as BadRow
from framing.store_layout import RowReader, RowWriter, Whole
from framing.store_terms import read_terms, write_terms

FIELDS = ("title", "text")
READABILITY_FIELDS = tuple(name for name in Readability.__dataclass_fields__ if name != "reason")
_COUNTS = READABILITY_FIELDS[:6]  # words ... difficult_words: whole numbers
_FORMULAS = READABILITY_FIELDS[6:]  # None (stored as NaN) when the text is too short
ANALYSIS_TAG = b"FSa5"  # the kind of row and its layout's version
MATCHES_TAG = b"FSm4"
# A sentence's VADER scores: compound in [-1, 1], the positive, negative and neutral shares in
# [0, 1] (Hutto & Gilbert 2014).
_SCORE_LOW = np.array([-1.0, 0.0, 0.0, 0.0])
_SCORE_HIGH = np.array([1.0, 1.0, 1.0, 1.0])
_HIT_NAMES = 5  # concept, variant, connotation, target, scope


def inflate(blob: object, limit: int) -> object:
    """The JSON value of a value :func:`pack_value` wrote, inflated to at most ``limit`` bytes
    (a small value that inflates without end is refused, not followed)."""
    if not isinstance(blob, bytes):
        raise BadRow(f"a stored value of type {type(blob).__name__}, not bytes")
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(blob, limit)
    except zlib.error as error:
        raise BadRow(f"not compressed data ({error})") from None
    if inflater.unconsumed_tail or not inflater.eof:
        raise BadRow(f"inflates to more than {limit:,} bytes, or is cut off")
    try:
        return json.loads(data.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise BadRow(f"not JSON ({error})") from None


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number")


def row_limit(article: Article) -> int:
    """The most bytes an honest row about ``article`` takes, and the most its text inflates
    to: a few hundred per character of its text, plus room for an empty one."""
    return (1 << 20) + 256 * (len(article.title) + len(article.text))


def _refuse_unless(condition: object, problem: str) -> None:
    if not condition:
        raise BadRow(problem)


def _spans(article: Article, fields: Whole, places: Whole) -> None:
    """Refuses spans (``places`` rows of start, end, ...) that do not lie inside the field they
    name (0 the headline, 1 the text)."""
    _refuse_unless((fields <= 1).all(), "a span in a field that is neither headline nor text")
    starts, ends = places[:, 0], places[:, 1]
    lengths = np.array([len(article.title), len(article.text)], np.uint64)[fields]
    _refuse_unless(((starts <= ends) & (ends <= lengths)).all(), "a span outside its field")


def _sentence_indexes(article: Article, indexes: Whole) -> None:
    # Sentences are numbered over the headline and the text, and none is empty.
    bound = len(article.title) + len(article.text)
    _refuse_unless((indexes <= bound).all(), "a sentence number past the article's end")


def _rows(reader: RowReader, width: int, what: str) -> Whole:
    table = reader.whole()
    _refuse_unless(len(table) % width == 0, f"{what} that are not in {width}s")
    return table.reshape(-1, width)


NameContext = tuple[str, str, str, int]


def sentences_and_readability(
    reader: RowReader, article: Article
) -> tuple[tuple[Sentence, ...], Readability, TermCounts | None, tuple[NameContext, ...]]:
    """The stored analysis of ``article``: its sentences, readability, term counts with the
    sentences of their first uses, and the words around the names it prints."""
    places = _rows(reader, 3, "sentence places")  # start, end, number
    fields = reader.whole(len(places))
    scores = reader.real(len(places) * 4).reshape(-1, 4)
    indexes = places[:, 2]
    _refuse_unless((indexes[1:] > indexes[:-1]).all(), "sentence numbers out of order")
    _sentence_indexes(article, indexes)
    _spans(article, fields, places)
    _refuse_unless(((scores >= _SCORE_LOW) & (scores <= _SCORE_HIGH)).all(),
                   "a sentence score outside its range")  # fmt: skip
    counts = reader.whole(len(_COUNTS)).tolist()
    formulas = reader.real(len(_FORMULAS))
    _refuse_unless(not np.isinf(formulas).any(), "a readability formula that is infinite")
    times = reader.whole()
    _refuse_unless((times >= 1).all(), "a name context counted less than once")
    strings = reader.text(1 + 3 * len(times))
    counted = read_terms(reader, indexes)
    reader.end()

    sources = (article.title, article.text)
    sentences = tuple(
        Sentence(index, FIELDS[field], start, end, sources[field][start:end], *values)
        for (start, end, index), field, values in zip(
            places.tolist(), fields.tolist(), scores.tolist(), strict=True
        )
    )
    figures = [None if value != value else value for value in formulas.tolist()]  # NaN: none
    readability = Readability(**dict(zip(READABILITY_FIELDS, [*counts, *figures], strict=True)),
                              reason=strings[0])  # fmt: skip
    named = strings[1:]
    names = tuple(zip(named[0::3], named[1::3], named[2::3], times.tolist(), strict=True))
    return sentences, readability, counted, names


@dataclass(frozen=True)
class KnownNames:
    """What a stored match may name under this run's lexicon."""

    variants: frozenset[tuple[str, str, str]]  # (concept, variant, connotation)
    frames: frozenset[tuple[str, str, str]]
    actors: frozenset[str]

    @classmethod
    def of(cls, lexicon: Lexicon) -> KnownNames:
        def triples(concepts: Sequence[object]) -> frozenset[tuple[str, str, str]]:
            return frozenset(
                (c.id, v.term, v.connotation)  # type: ignore[attr-defined]
                for c in concepts
                for v in c.variants  # type: ignore[attr-defined]
            )

        actors = frozenset(a.id for a in lexicon.actors)
        return cls(triples(lexicon.concepts), triples(lexicon.frames), actors)


def matches(
    reader: RowReader, article: Article, known: KnownNames
) -> tuple[tuple[TermHit, ...], tuple[TermHit, ...], tuple[ActorMention, ...], tuple[TermHit, ...]]:
    """The stored term hits, frame cues, actor mentions and out-of-scope hits of ``article``,
    each checked to name something this run's lexicon has and to point inside the article."""
    parts = []
    for width in (_HIT_NAMES, _HIT_NAMES, _HIT_NAMES, 1):  # terms, frames, out of scope, actors
        named = _rows(reader, width, "match names")
        places = _rows(reader, 3, "match places")  # start, end, sentence number
        fields = reader.whole(len(places))
        _refuse_unless(len(named) == len(places), "match names and places that differ in number")
        parts.append((named, places, fields))
    valences = reader.real(len(parts[3][1]))
    names = reader.text()
    reader.end()
    for named, places, fields in parts:
        _refuse_unless((named < len(names)).all(), "a match naming no stored name")
        _spans(article, fields, places)
        _sentence_indexes(article, places[:, 2])
    _refuse_unless(np.isfinite(valences).all(), "a tone toward an actor that is not finite")
    sources = (article.title, article.text)

    def hits(
        named: Whole, places: Whole, fields: Whole, allowed: frozenset[tuple[str, str, str]]
    ) -> tuple[TermHit, ...]:
        rows = [[names[n] for n in row] for row in named.tolist()]
        for concept, variant, connotation, target, _scope in rows:
            if (concept, variant, connotation) not in allowed:
                raise BadRow(f"a match of {concept!r:.40}/{variant!r:.40}, not in the lexicon")
            if target and target not in known.actors:
                raise BadRow(f"a match aimed at {target!r:.40}, not an actor of the lexicon")
        return tuple(
            TermHit(concept, variant, connotation, sources[field][start:end], FIELDS[field],
                    start, end, index, target=target, scope=scope)
            for (concept, variant, connotation, target, scope), (start, end, index), field
            in zip(rows, places.tolist(), fields.tolist(), strict=True)
        )  # fmt: skip

    named, places, fields = parts[3]
    actors = [names[n] for n in named[:, 0].tolist()]
    for actor in set(actors) - known.actors:
        raise BadRow(f"a mention of the actor {actor!r:.40}, not in the lexicon")
    mentions = tuple(
        ActorMention(actor, sources[field][start:end], FIELDS[field], start, end, index,
                     tone_valence=valence)
        for actor, (start, end, index), field, valence
        in zip(actors, places.tolist(), fields.tolist(), valences.tolist(), strict=True)
    )  # fmt: skip
    return (
        hits(*parts[0], known.variants),
        hits(*parts[1], known.frames),
        mentions,
        hits(*parts[2], known.variants),
    )


def checked(reader: Callable[[], object]) -> object:
    """``reader()``, with any shape error of a stored row as :class:`BadRow`."""
    try:
        return reader()
    except BadRow:
        raise
    except (TypeError, ValueError, KeyError, IndexError, OverflowError) as error:
        raise BadRow(f"a row of the wrong shape ({error})") from None


@dataclass(frozen=True)
class Analysis:
    """The lexicon-independent part of an article's scores."""

    sentences: tuple[Sentence, ...]
    readability: Readability
    term_counts: TermCounts | None = None
    name_contexts: tuple[tuple[str, str, str, int], ...] = ()


@dataclass(frozen=True)
class Matches:
    """The lexicon-dependent part of an article's scores."""

    terms: tuple[TermHit, ...]
    frames: tuple[TermHit, ...]
    actors: tuple[ActorMention, ...]
    out_of_scope: tuple[TermHit, ...] = ()


def pack_value(value: object) -> bytes:
    """``value`` as compact JSON, compressed: how the store keeps a lexicon's entries."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return zlib.compress(text.encode("utf-8"), 1)


def unpack_value(blob: bytes, limit: int = 1 << 26) -> object:
    """A value :func:`pack_value` wrote, inflated to at most ``limit`` bytes (raises
    :class:`BadRow`)."""
    return inflate(blob, limit)


_SENTENCE_PLACE = attrgetter("start", "end", "index")
_SENTENCE_SCORES = attrgetter("compound", "positive", "negative", "neutral")
_MATCH_PLACE = attrgetter("start", "end", "sentence_index")
_HIT_NAME = attrgetter("concept", "variant", "connotation", "target", "scope")
_FIELD = attrgetter("field")
_FIELD_NUMBER = {name: number for number, name in enumerate(FIELDS)}


def _write_places(row: RowWriter, items: Sequence[object], getter: attrgetter[Any]) -> None:
    # Offsets, then fields (0 or 1): each array as narrow as its largest number allows.
    row.whole(chain.from_iterable(map(getter, items)), 3 * len(items))
    row.whole(map(_FIELD_NUMBER.__getitem__, map(_FIELD, items)), len(items))


def pack_analysis(score: ArticleScore) -> bytes:
    """The lexicon-independent row of ``score``: sentences, readability and word counts.

    Its sections, in order: the sentences' start, end and number (three per sentence), their
    fields (0 headline, 1 text), their VADER scores (compound, positive, negative, neutral);
    the six readability counts, the six formulas (NaN for none); the name contexts' counts;
    the text: the readability note, and the name, position and word of each name context; then
    the term sections (:mod:`framing.store_terms`)."""
    sentences = score.sentiment.sentences
    row = RowWriter(ANALYSIS_TAG)
    _write_places(row, sentences, _SENTENCE_PLACE)
    row.real(chain.from_iterable(map(_SENTENCE_SCORES, sentences)), 4 * len(sentences))
    r = score.readability
    row.whole(map(r.__getattribute__, _COUNTS), len(_COUNTS))
    formulas = map(r.__getattribute__, _FORMULAS)
    row.real((np.nan if value is None else value for value in formulas), len(_FORMULAS))
    names = score.name_contexts
    row.whole(map(itemgetter(3), names), len(names))
    row.text([r.reason, *chain.from_iterable(map(itemgetter(0, 1, 2), names))])
    write_terms(row, score.term_counts)
    return row.row()


def unpack_analysis(blob: bytes, article: Article) -> Analysis:
    """A stored analysis of ``article``, checked (raises :class:`BadRow`)."""
    reader = RowReader(blob, ANALYSIS_TAG, row_limit(article))
    return Analysis(*checked(lambda: sentences_and_readability(reader, article)))  # type: ignore[misc]


def pack_matches(score: ArticleScore) -> bytes:
    """The lexicon-dependent row of ``score``: term hits, frame cues, out-of-scope hits and
    actor mentions, with each name (concept, variant, actor...) written once and referred to by
    its place.

    Its sections, in order: for the term hits, then the frame cues, the out-of-scope hits and
    the actor mentions, their names (concept, variant, connotation, target, scope per hit; the
    actor per mention), their start, end and sentence number, their fields; then the actor
    mentions' tone valences, and the text: the names."""
    groups = (score.terms, score.frame_cues, score.out_of_scope)
    named = [list(chain.from_iterable(map(_HIT_NAME, hits))) for hits in groups]
    named.append(list(map(attrgetter("actor"), score.actor_mentions)))
    table = list(dict.fromkeys(chain.from_iterable(named)))  # each name once, in order
    place = dict(zip(table, range(len(table)), strict=True))
    row = RowWriter(MATCHES_TAG)
    for items, strings in zip((*groups, score.actor_mentions), named, strict=True):
        row.whole(map(place.__getitem__, strings), len(strings))
        _write_places(row, items, _MATCH_PLACE)
    valences = map(attrgetter("tone_valence"), score.actor_mentions)
    row.real(valences, len(score.actor_mentions))
    row.text(table)
    return row.row()


# An article's rows of the store, packed: its analysis (None when it was known, and only its
# matches were made again) and its matches.
StoreRows = tuple[bytes | None, bytes]


def store_rows(score: ArticleScore, with_analysis: bool = True) -> StoreRows:
    """The rows :meth:`~framing.store.ScoreStore.save` writes for ``score``, packed (by a
    worker process, so that the main process only writes them)."""
    return (pack_analysis(score) if with_analysis else None, pack_matches(score))


def unpack_matches(blob: bytes, article: Article, known: KnownNames) -> Matches:
    """Stored matches of ``article``, checked against this run's lexicon (raises
    :class:`BadRow`)."""
    reader = RowReader(blob, MATCHES_TAG, row_limit(article))
    return Matches(*checked(lambda: matches(reader, article, known)))  # type: ignore[misc]


def assemble(
    article: Article, analysis: Analysis, matches: Matches, settings: ScoringSettings
) -> ArticleScore:
    """An article's scores from its two stored parts (what scoring it afresh would give)."""
    return ArticleScore(
        article=article,
        terms=matches.terms,
        actor_mentions=matches.actors,
        sentiment=summarize(analysis.sentences, matches.actors, settings.sentiment_threshold),
        readability=analysis.readability,
        frame_cues=matches.frames,
        term_counts=analysis.term_counts,
        name_contexts=analysis.name_contexts,
        out_of_scope=matches.out_of_scope,
    )
