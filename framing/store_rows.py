"""The score store's rows: a scored article packed into its two rows (the analysis, which no
lexicon changes, and the matches), and the rows read back as untrusted input.

A store file may come from someone else, or be damaged: every row is inflated with a bound,
parsed, and checked against the article it claims to describe and the lexicon of this run
before its values are used. A row that fails any check raises :class:`BadRow`; the store then
scores that article afresh. A well-formed row with wrong but plausible numbers cannot be told
from a real one: share the store only with people you trust.
"""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, cast

from framing.lexicon.model import Lexicon
from framing.model import ActorMention, Article, ArticleScore, Readability, Sentence, TermHit
from framing.scoring.sentiment import summarize
from framing.settings import ScoringSettings

FIELDS = ("title", "text")
READABILITY_FIELDS = tuple(name for name in Readability.__dataclass_fields__ if name != "reason")
_COUNTS = READABILITY_FIELDS[:6]  # words ... difficult_words: whole numbers


class BadRow(Exception):
    """A stored row that is not what this version of framing writes; the message says why."""


def inflate(blob: object, limit: int) -> object:
    """The JSON value of a stored row, inflated to at most ``limit`` bytes (a small row that
    inflates without end is refused, not followed)."""
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
    """The most bytes an honest row about ``article`` inflates to: a few hundred per
    character of its text, plus room for an empty one."""
    return (1 << 20) + 256 * (len(article.title) + len(article.text))


def _integer(value: object, low: int = 0, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadRow(f"{value!r} is not a whole number")
    if value < low or (high is not None and value > high):
        raise BadRow(f"{value} is out of range")
    return value


def _real(value: object, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadRow(f"{value!r} is not a number")
    if not low <= value <= high or math.isnan(value):
        raise BadRow(f"{value} is outside {low} to {high}")
    return float(value)


def _finite_or_none(value: object) -> float | None:
    return None if value is None else _real(value, -math.inf, math.inf)


def _list(value: object, width: int | None = None) -> list[object]:
    if not isinstance(value, list) or (width is not None and len(value) != width):
        raise BadRow(f"expected a list{f' of {width}' if width else ''}, found {value!r:.40}")
    return value


def _span(article: Article, field: object, start: object, end: object) -> tuple[str, int, int]:
    index = _integer(field, 0, 1)
    source = (article.title, article.text)[index]
    first = _integer(start, 0, len(source))
    last = _integer(end, first, len(source))
    return FIELDS[index], first, last


NameContext = tuple[str, str, str, int]


def sentences_and_readability(
    value: object, article: Article
) -> tuple[
    tuple[Sentence, ...],
    Readability,
    tuple[tuple[str, int], ...],
    tuple[NameContext, ...],
    tuple[tuple[tuple[str, int], ...], ...],
]:
    """The stored analysis of ``article``: its sentences, readability, term counts, the
    words around the names it prints and where its terms are first used."""
    if not isinstance(value, dict) or set(value) - {"u"} != {"s", "r", "why", "v", "n"}:
        raise BadRow("not an analysis row")
    sentences: list[Sentence] = []
    for row in _list(value["s"]):
        index, field, start, end, *scores = _list(row, 8)
        after = sentences[-1].index + 1 if sentences else 0
        name, first, last = _span(article, field, start, end)
        compound = _real(scores[0], -1.0, 1.0)
        shares = [_real(share, 0.0, 1.0) for share in scores[1:]]
        source = article.title if name == "title" else article.text
        sentences.append(Sentence(_integer(index, after), name, first, last,
                                  source[first:last], compound, *shares))  # fmt: skip
    figures = _list(value["r"], len(READABILITY_FIELDS))
    checked: list[object] = [_integer(v) for v in figures[: len(_COUNTS)]]
    checked += [_finite_or_none(v) for v in figures[len(_COUNTS) :]]
    if not isinstance(value["why"], str):
        raise BadRow("a readability note that is not text")
    readability = Readability(**dict(zip(READABILITY_FIELDS, checked, strict=True)),  # type: ignore[arg-type]
                              reason=value["why"])  # fmt: skip
    # Thousands of pairs per article: checked in whole-list passes (``type(n) is int`` also
    # refuses booleans), which a re-run after a lexicon edit does for every article re-matched.
    pairs = cast("list[list[Any]]", _list(value["v"]))
    if not all(type(pair) is list and len(pair) == 2 for pair in pairs):
        raise BadRow("a term count that is not a pair")
    if not all(type(term) is str for term, _count in pairs):
        raise BadRow("a term that is not text")
    if not all(type(count) is int and count >= 1 for _term, count in pairs):
        raise BadRow("a term count that is not a whole number of at least 1")
    counts: list[tuple[str, int]] = [(term, count) for term, count in pairs]
    names: list[NameContext] = []
    for row in _list(value["n"]):
        person, position, word, times = _list(row, 4)
        if not (isinstance(person, str) and isinstance(position, str) and isinstance(word, str)):
            raise BadRow("a name context that is not text")
        names.append((person, position, word, _integer(times, 1)))
    uses = []  # absent in rows stored before uses were: the comparison counts them again
    indexes = {sentence.index for sentence in sentences}
    for rank in _list(value.get("u", [])):
        flat = cast("list[int]", _list(rank))
        if not all(type(n) is int and n >= 0 for n in flat):
            raise BadRow("a term use that is not a whole number")
        if len(flat) % 2 or any(place >= len(counts) for place in flat[::2]):
            raise BadRow("a term use that names no counted term")
        if not indexes.issuperset(flat[1::2]):
            raise BadRow("a term use in no stored sentence")
        uses.append(tuple((counts[p][0], at) for p, at in zip(flat[::2], flat[1::2], strict=True)))
    return tuple(sentences), readability, tuple(counts), tuple(names), tuple(uses)


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
    value: object, article: Article, known: KnownNames
) -> tuple[tuple[TermHit, ...], tuple[TermHit, ...], tuple[ActorMention, ...], tuple[TermHit, ...]]:
    """The stored term hits, frame cues, actor mentions and out-of-scope hits of ``article``,
    each checked to name something this run's lexicon has and to point inside the article."""
    if not isinstance(value, dict) or set(value) != {"t", "f", "a", "o"}:
        raise BadRow("not a matches row")

    def hits(rows: object, allowed: frozenset[tuple[str, str, str]]) -> tuple[TermHit, ...]:
        found = []
        for row in _list(rows):
            items = _list(row)
            if len(items) not in (7, 9):
                raise BadRow(f"a match row of {len(items)} values, not 7 or 9")
            concept, variant, connotation, field, start, end, index = items[:7]
            target, scope = items[7:9] if len(items) == 9 else ("", "")
            if (concept, variant, connotation) not in allowed:
                raise BadRow(f"a match of {concept!r:.40}/{variant!r:.40}, not in the lexicon")
            if not isinstance(target, str) or not isinstance(scope, str):
                raise BadRow("a target or scope that is not text")
            if target and target not in known.actors:
                raise BadRow(f"a match aimed at {target!r:.40}, not an actor of the lexicon")
            name, first, last = _span(article, field, start, end)
            source = article.title if name == "title" else article.text
            found.append(TermHit(str(concept), str(variant), str(connotation), source[first:last],
                                 name, first, last, _sentence(index, article), target=target,
                                 scope=scope))  # fmt: skip
        return tuple(found)

    actors = []
    for row in _list(value["a"]):
        actor, field, start, end, index, valence = _list(row, 6)
        if actor not in known.actors:
            raise BadRow(f"a mention of the actor {actor!r:.40}, not in the lexicon")
        name, first, last = _span(article, field, start, end)
        source = article.title if name == "title" else article.text
        actors.append(ActorMention(str(actor), source[first:last], name, first, last,
                                   _sentence(index, article),
                                   tone_valence=_real(valence, -math.inf, math.inf)))  # fmt: skip
    return (
        hits(value["t"], known.variants),
        hits(value["f"], known.frames),
        tuple(actors),
        hits(value["o"], known.variants),
    )


def _sentence(index: object, article: Article) -> int:
    # Sentences are numbered over the headline and the text, and none is empty.
    return _integer(index, 0, len(article.title) + len(article.text))


def checked(reader: Callable[[], object]) -> object:
    """``reader()``, with any shape error of a stored row as :class:`BadRow`."""
    try:
        return reader()
    except BadRow:
        raise
    except (TypeError, ValueError, KeyError, IndexError) as error:
        raise BadRow(f"a row of the wrong shape ({error})") from None


@dataclass(frozen=True)
class Analysis:
    """The lexicon-independent part of an article's scores."""

    sentences: tuple[Sentence, ...]
    readability: Readability
    term_counts: tuple[tuple[str, int], ...] = ()
    name_contexts: tuple[tuple[str, str, str, int], ...] = ()
    term_uses: tuple[tuple[tuple[str, int], ...], ...] = ()


@dataclass(frozen=True)
class Matches:
    """The lexicon-dependent part of an article's scores."""

    terms: tuple[TermHit, ...]
    frames: tuple[TermHit, ...]
    actors: tuple[ActorMention, ...]
    out_of_scope: tuple[TermHit, ...] = ()


def pack_value(value: object) -> bytes:
    """``value`` as compact JSON, compressed: how every stored value is written."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return zlib.compress(text.encode("utf-8"), 1)


def unpack_value(blob: bytes, limit: int = 1 << 26) -> object:
    """A value :func:`pack_value` wrote, inflated to at most ``limit`` bytes (raises
    :class:`BadRow`)."""
    return inflate(blob, limit)


def pack_analysis(score: ArticleScore) -> bytes:
    """The lexicon-independent row of ``score``: sentences, readability and word counts."""
    sentences = [
        [s.index, FIELDS.index(s.field), s.start, s.end, s.compound, s.positive, s.negative,
         s.neutral]
        for s in score.sentiment.sentences
    ]  # fmt: skip
    r = score.readability
    return pack_value({"s": sentences, "r": [getattr(r, name) for name in READABILITY_FIELDS],
                  "why": r.reason, "v": score.term_counts, "n": score.name_contexts,
                  "u": pack_uses(score.term_counts, score.term_uses)})  # fmt: skip


def pack_uses(
    counts: tuple[tuple[str, int], ...], uses: tuple[tuple[tuple[str, int], ...], ...]
) -> list[list[int]]:
    """Each rank of ``uses`` as ``[term's place in counts, sentence index, ...]``, flat."""
    place = dict(zip(map(itemgetter(0), counts), range(len(counts)), strict=True))  # in C
    return [[n for term, at in rank for n in (place[term], at)] for rank in uses]


def unpack_analysis(blob: bytes, article: Article) -> Analysis:
    """A stored analysis of ``article``, checked (raises :class:`BadRow`)."""
    value = unpack_value(blob, row_limit(article))
    return Analysis(*checked(lambda: sentences_and_readability(value, article)))  # type: ignore[misc]


def _pack_hits(hits: Iterable[TermHit]) -> list[list[object]]:
    rows: list[list[object]] = []
    for h in hits:
        row: list[object] = [h.concept, h.variant, h.connotation, FIELDS.index(h.field), h.start,
                             h.end, h.sentence_index]  # fmt: skip
        if h.target or h.scope:  # untargeted mentions (most of them) stay short
            row += [h.target, h.scope]
        rows.append(row)
    return rows


def pack_matches(score: ArticleScore) -> bytes:
    """The lexicon-dependent row of ``score``: term hits, frame cues and actor mentions."""
    actors = [
        [m.actor, FIELDS.index(m.field), m.start, m.end, m.sentence_index, m.tone_valence]
        for m in score.actor_mentions
    ]
    return pack_value({"t": _pack_hits(score.terms), "f": _pack_hits(score.frame_cues), "a": actors,
                  "o": _pack_hits(score.out_of_scope)})  # fmt: skip


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
    value = unpack_value(blob, row_limit(article))
    return Matches(*checked(lambda: matches(value, article, known)))  # type: ignore[misc]


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
        term_uses=analysis.term_uses,
        out_of_scope=matches.out_of_scope,
    )
