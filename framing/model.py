"""The frozen dataclasses that flow from the corpus reader to the renderers.

Every stage returns these and nothing else, so a researcher in a notebook holds exactly what the
command line renders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


@dataclass(frozen=True)
class Removal:
    """One line of page furniture removed from an article before scoring."""

    line: int  # 1-based line number in the source text
    rule: str  # the furniture rule id, or "repeated_headline"
    text: str


@dataclass(frozen=True)
class Article:
    """One article, cleaned and ready to score.

    ``title`` and ``text`` are the cleaned headline and body; term spans point into one of them
    (see :class:`TermHit.field`). ``metadata`` holds any further manifest or CSV columns (for
    example ``country``), sorted by name.
    """

    id: str
    outlet: str
    title: str
    text: str
    date: str = ""
    url: str = ""
    source_path: str = ""
    source_line: int | None = None  # the row's line in a CSV/JSONL file
    outlet_source: str = "manifest"  # manifest | column | signature: "<phrase>" | unknown
    encoding: str = "utf-8"
    removed: tuple[Removal, ...] = ()
    metadata: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Skipped:
    """An input that was not scored, with the reason a user can act on."""

    source_path: str
    reason: str
    source_line: int | None = None
    id: str = ""


@dataclass(frozen=True)
class Corpus:
    """The articles read from the inputs, in input order, plus everything that was skipped."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class TermHit:
    """One mention of a lexicon concept, counted once by its longest matching variant.

    ``start``/``end`` are character offsets into the article's ``title`` or ``text`` (``field``).
    ``target`` is the actor the concept describes (``""`` for an untargeted concept) and
    ``scope`` says why the mention counts toward it or not (see :mod:`framing.scoring.scope`).
    """

    concept: str
    variant: str
    connotation: str
    matched_text: str
    field: str  # "title" or "text"
    start: int
    end: int
    sentence_index: int
    target: str = ""
    scope: str = ""


@dataclass(frozen=True)
class ActorMention:
    """One mention of a named actor (an alias match) with its position.

    ``tone_valence`` is the summed VADER valence of the words tied to this mention (its clause,
    appositions, predicates, judgements aimed at it; see ``framing.scoring.target_tone``), about
    -4 to +4 per word; 0.0 when no sentiment-bearing word is tied to it.
    """

    actor: str
    matched_text: str
    field: str
    start: int
    end: int
    sentence_index: int
    tone_valence: float = 0.0


@dataclass(frozen=True)
class Sentence:
    """One sentence with its VADER scores (Hutto & Gilbert 2014); compound is in [-1, 1]."""

    index: int
    field: str
    start: int
    end: int
    text: str
    compound: float
    positive: float
    negative: float
    neutral: float


@dataclass(frozen=True)
class ActorSentiment:
    """How one article treats a named actor, over the sentences that mention it.

    ``tone`` is the tone toward the actor: per sentence, the VADER-normalized sum of the
    valences of the words tied to the actor's mentions (0 when none is), averaged over the
    sentences, in [-1, 1]. ``sentence_tone`` is the mean VADER compound of those whole
    sentences, in [-1, 1]: what happens around the actor, whoever it concerns.
    """

    actor: str
    sentences: int
    tone: float
    sentence_tone: float


@dataclass(frozen=True)
class Sentiment:
    """Sentence-level sentiment aggregated over one article.

    VADER's compound score saturates towards +/-1 on long texts, so an article is never scored
    as one string: each sentence is scored and the scores are averaged (Hutto & Gilbert 2014).
    ``None`` values come with ``reason`` when the article has no scoreable sentence.
    """

    sentences: tuple[Sentence, ...]
    compound_mean: float | None
    positive_share: float | None  # share of sentences with compound >= threshold, in [0, 1]
    negative_share: float | None  # share of sentences with compound <= -threshold, in [0, 1]
    most_positive: int | None  # sentence index
    most_negative: int | None
    actors: tuple[ActorSentiment, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class Readability:
    """Readability formulas computed from one set of counts (see ``framing.scoring.readability``).

    Formula values are ``None`` with ``reason`` when the text is too short to score.
    """

    words: int
    sentences: int
    syllables: int
    letters: int
    polysyllabic_words: int  # words of three or more syllables
    difficult_words: int  # words not on the Dale-Chall list of familiar words
    flesch_reading_ease: float | None
    flesch_kincaid_grade: float | None
    gunning_fog: float | None
    smog_index: float | None
    coleman_liau_index: float | None
    dale_chall_score: float | None
    reason: str = ""


# Between the terms of TermCounts.text: no term holds it (a term is lower-cased word characters,
# apostrophes and hyphens, its words joined by spaces; see framing.compare.terms).
TERM_SEPARATOR = "\n"


@dataclass(frozen=True)
class TermCounts:
    """An article's words and 2-3-word phrases (:func:`framing.compare.terms.count_terms`), how
    often each occurs and the sentences of its first uses, in a compact form: a few large
    values instead of one Python object per term, so that a worker process sends it and the
    main process reads it cheaply.

    ``text`` holds the distinct terms, joined by :data:`TERM_SEPARATOR`, in the order the
    scorer finds them (single words, then two-word and three-word phrases, each by the order
    in which their words first occur in the article: sorting them would cost the scorer more
    than anything the order is used for);
    ``counts`` how often each occurs (at least 1), as little-endian 32-bit integers in the same
    order; ``uses``, for each term in that order, the numbers (from 0) of the sentences of its
    first ``ranks`` uses, -1 past its count, as a row of ``ranks`` little-endian 32-bit
    integers (two uses in one sentence give that sentence twice). Read them with
    :meth:`arrays`, or for inspection :meth:`pairs` and :meth:`first_uses`.
    """

    text: str
    counts: bytes
    uses: bytes
    ranks: int

    def __len__(self) -> int:
        """The number of distinct terms."""
        return len(self.counts) // 4

    def terms(self) -> list[str]:
        """The distinct terms, in the order of :attr:`text`: split once and kept (the
        vocabulary and the example candidates both read them), so the list must not be
        changed."""
        split = self.__dict__.get("_terms")
        if split is None:
            split = self.__dict__["_terms"] = self.text.split(TERM_SEPARATOR) if self.counts else []
        return split

    def __getstate__(self) -> dict[str, object]:
        # The fields only: a worker sends the joined text, never the split list.
        return {name: self.__dict__[name] for name in ("text", "counts", "uses", "ranks")}

    def arrays(self) -> tuple[list[str], NDArray[np.int32], NDArray[np.int32]]:
        """``(terms, counts, uses)``: :meth:`terms`, the counts as an array and the uses as
        an array of one row per term, one column per use (-1 past the term's count)."""
        import numpy as np

        counts = np.frombuffer(self.counts, "<i4")
        uses = np.frombuffer(self.uses, "<i4").reshape(len(counts), self.ranks)
        return self.terms(), counts, uses

    def pairs(self) -> tuple[tuple[str, int], ...]:
        """``(term, count)`` for each distinct term, sorted by term (as
        :func:`framing.compare.terms.count_terms` gives them)."""
        terms, counts, _uses = self.arrays()
        return tuple(sorted(zip(terms, counts.tolist(), strict=True)))

    def first_uses(self) -> tuple[dict[str, int], ...]:
        """Per use ``u`` (from 0, while some term has one), each term used more than ``u``
        times and the number of the sentence of its use ``u + 1``."""
        terms, _counts, uses = self.arrays()
        ranks = tuple(dict(zip(terms, column, strict=True)) for column in uses.T.tolist())
        return tuple({t: at for t, at in rank.items() if at >= 0} for rank in ranks
                     if max(rank.values(), default=-1) >= 0)  # fmt: skip


@dataclass(frozen=True)
class ArticleScore:
    """Everything measured about one article."""

    article: Article
    terms: tuple[TermHit, ...]
    actor_mentions: tuple[ActorMention, ...]
    sentiment: Sentiment
    readability: Readability
    frame_cues: tuple[TermHit, ...] = ()  # cues of frame dimensions (concept = frame id)
    # Mentions of targeted concepts whose target was not in scope: kept with the reason, never
    # counted in any figure (``terms`` holds the counted mentions).
    out_of_scope: tuple[TermHit, ...] = ()
    # How often each word and 2-3-word phrase occurs (the input of the distinguishing-terms
    # test) and the sentences of its first uses (kept for the examples), when the scorer was
    # given stop words; None otherwise.
    term_counts: TermCounts | None = None
    # Names in the body and the words around them: (name, position, phrase, count) rows (see
    # framing.text.names), when the scorer was given stop words; empty otherwise.
    name_contexts: tuple[tuple[str, str, str, int], ...] = ()


@dataclass(frozen=True)
class ScoredCorpus:
    """The result of scoring a corpus: one score per article, in input order, plus the skipped."""

    scores: tuple[ArticleScore, ...]
    skipped: tuple[Skipped, ...] = ()
    warnings: tuple[str, ...] = ()
    lexicon_names: tuple[str, ...] = field(default=())
