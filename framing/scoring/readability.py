"""Readability formulas computed from counts taken in one pass over an article's sentences.

Each formula is a small pure function of counts, so the counts can be summed across articles or
checked by hand. Syllables are textstat's counts (CMU Pronouncing Dictionary, with Pyphen
hyphenation as fallback; see :mod:`framing.scoring.syllables`), looked up once per distinct
word; the list of familiar words for Dale-Chall is the one textstat ships. The headline is
excluded: it is not a sentence.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property
from itertools import chain, islice, repeat
from operator import itemgetter, lshift
from typing import NamedTuple, cast

from framing.model import Readability
from framing.settings import ScoringSettings
from framing.text.segment import SentenceSpan, Token

_INFLECTIONS = ("'s", "ing", "ed", "es", "s")
_TOKEN_TEXT = itemgetter(0)
_TOKEN_JOINED = itemgetter(3)
# A bound on each memo of word contributions, so a long run over a varied corpus cannot grow it
# for ever.
_MEMO_LIMIT = 200_000

# The formula fields of :class:`~framing.model.Readability`, in the order tables show them.
READABILITY_FORMULAS = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "dale_chall_score",
)


def flesch_reading_ease(words: int, sentences: int, syllables: int) -> float:
    """Flesch Reading Ease (Flesch 1948): higher is easier; 60-70 is plain English, about
    0-100 for ordinary prose. 206.835 - 1.015 (words/sentences) - 84.6 (syllables/words)."""
    return 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)


def flesch_kincaid_grade(words: int, sentences: int, syllables: int) -> float:
    """Flesch-Kincaid grade level (Kincaid et al. 1975): the US school grade (years of
    schooling) needed. 0.39 (words/sentences) + 11.8 (syllables/words) - 15.59."""
    return 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59


def gunning_fog(words: int, sentences: int, complex_words: int) -> float:
    """Gunning fog index (Gunning 1952): years of schooling to understand on first reading.
    0.4 ((words/sentences) + 100 (complex words/words)); complex words have three or more
    syllables, not counting proper names, hyphenated compounds or -es/-ed/-ing endings."""
    return 0.4 * (words / sentences + 100 * complex_words / words)


def smog_index(sentences: int, polysyllabic_words: int) -> float:
    """SMOG grade (McLaughlin 1969), normalized to a 30-sentence sample:
    1.0430 sqrt(polysyllables x 30 / sentences) + 3.1291, in US school grades."""
    return 1.0430 * math.sqrt(polysyllabic_words * 30 / sentences) + 3.1291


def coleman_liau_index(words: int, sentences: int, letters: int) -> float:
    """Coleman-Liau index (Coleman & Liau 1975), a US grade level from letters rather than
    syllables: 0.0588 L - 0.296 S - 15.8, with L letters and S sentences per 100 words."""
    return 0.0588 * (100 * letters / words) - 0.296 * (100 * sentences / words) - 15.8


def dale_chall_score(words: int, sentences: int, difficult_words: int) -> float:
    """Dale-Chall readability score (Dale & Chall 1948): 0.1579 (% difficult words) + 0.0496
    (words/sentences), plus 3.6365 when more than 5% of words are difficult. 4.9 or lower is
    easily read by a 4th-grader; 9.0-9.9 by a college student."""
    percent_difficult = 100 * difficult_words / words
    score = 0.1579 * percent_difficult + 0.0496 * (words / sentences)
    return score + 3.6365 if percent_difficult > 5 else score


class Word(NamedTuple):
    """A written word: one or more joined token parts ("UN-backed", "U.S.")."""

    parts: tuple[str, ...]
    sentence_initial: bool

    @property
    def text(self) -> str:
        return "-".join(self.parts)

    @property
    def is_name(self) -> bool:
        # A capitalized word inside a sentence is taken for a proper name, which Dale & Chall
        # count as familiar and Gunning excludes from complex words.
        return not self.sentence_initial and self.parts[0][:1].isupper()


def words_of(tokens: Iterable[Token]) -> Iterator[Word]:
    """Group a sentence's token parts into written words."""
    tokens = tokens if isinstance(tokens, Sequence) else tuple(tokens)
    if True in map(_TOKEN_JOINED, islice(tokens, 1, None)):
        return _joined_words(tokens)
    # Every part is a word of its own (most sentences): the words are built in C.
    one_part_words = zip(zip(map(_TOKEN_TEXT, tokens)), chain((True,), repeat(False)), strict=False)
    return cast(Iterator[Word], map(tuple.__new__, repeat(Word), one_part_words))


def _joined_words(tokens: Iterable[Token]) -> Iterator[Word]:
    parts: list[str] = []
    first = True
    for token in tokens:
        if parts and not token.joined:
            yield Word(tuple(parts), sentence_initial=first)
            parts, first = [], False
        parts.append(token.text)
    if parts:
        yield Word(tuple(parts), sentence_initial=first)


class SyllableCounter:
    """Syllables per word as textstat counts them, each distinct word looked up once.

    The CMU dictionary and the hyphenation patterns (~0.7 s to load) are read on first use so
    that the command line starts fast.
    """

    def __init__(self) -> None:
        self._cache: dict[str, int] = {}
        self._facts: dict[tuple[tuple[str, ...], bool], WordFacts] = {}
        self.first_words = WordContributions(self, sentence_initial=True)
        self.other_words = WordContributions(self, sentence_initial=False)

    @cached_property
    def _count(self) -> Callable[[str], int]:
        from framing.scoring.syllables import SyllableCount

        return SyllableCount.load()

    @cached_property
    def familiar_words(self) -> frozenset[str]:
        """The Dale-Chall list of familiar words shipped with textstat, lower-case."""
        from textstat.backend.utils import get_lang_easy_words

        return frozenset(get_lang_easy_words("en"))

    def word_facts(self, word: Word) -> WordFacts:
        """:func:`word_facts`, computed once per distinct word (and name-ness)."""
        key = (word.parts, word.is_name)
        facts = self._facts.get(key)
        if facts is None:
            facts = word_facts(word, self)
            self._facts[key] = facts
        return facts

    def __call__(self, part: str) -> int:
        key = part.lower()
        count = self._cache.get(key)
        if count is None:
            count = max(1, self._count(key)) if any(map(str.isalpha, key)) else 1
            self._cache[key] = count
        return count


def _is_familiar(word: Word, familiar: frozenset[str]) -> bool:
    text = word.text.lower().replace("\u2019", "'")
    if word.is_name or not any(map(str.isalpha, text)) or text in familiar:
        return True
    if not text.endswith(_INFLECTIONS):  # most words: no ending to take off
        return False
    return any(
        text.endswith(ending) and text[: -len(ending)] in familiar for ending in _INFLECTIONS
    )


def _is_complex(word: Word, syllables: int, count: SyllableCounter) -> bool:
    if syllables < 3 or word.is_name or len(word.parts) > 1:
        return False
    return _is_complex_word(word.parts[0], count)


def _is_complex_word(part: str, count: SyllableCounter) -> bool:
    """Whether a one-part word of three or more syllables, not a name, is complex: not when
    it has three only with an -es, -ed or -ing ending."""
    text = part.lower()
    for ending in ("es", "ed", "ing"):
        if text.endswith(ending) and len(text) > len(ending) + 2:
            return count(text[: -len(ending)]) >= 3
    return True


class WordFacts(NamedTuple):
    """What the formulas need to know about one written word."""

    syllables: int
    letters: int
    familiar: bool  # on the Dale-Chall list (or a regular inflection of a word on it)
    complex: bool  # three or more syllables, not counting -es/-ed/-ing or compounds


def word_facts(word: Word, count: SyllableCounter) -> WordFacts:
    """Syllables, letters, familiarity and complexity of ``word`` (names are familiar and
    never complex, as Dale & Chall and Gunning prescribe)."""
    syllables = sum(map(count, word.parts))
    return WordFacts(
        syllables=syllables,
        letters=sum(map(str.isalpha, "".join(word.parts))),
        familiar=_is_familiar(word, count.familiar_words),
        complex=_is_complex(word, syllables, count),
    )


# A word's contributions are packed into one integer, a field of this many bits each, so that
# an article's are summed by one C-level sum; a field's sum over any text stays far below 2**64.
_FIELD_BITS = 64
_FIELD = (1 << _FIELD_BITS) - 1
_CONTRIBUTIONS = 5
_SHIFTS = tuple(_FIELD_BITS * place for place in range(_CONTRIBUTIONS))


def pack_contribution(*counts: int) -> int:
    """Counts (each 0 or more) packed into one integer: the sum of packed integers is the
    packing of the sums, until a field's sum reaches 2**64."""
    return sum(map(lshift, counts, _SHIFTS))


def unpack_contribution(packed: int) -> list[int]:
    """The five counts of a (sum of) :func:`pack_contribution`."""
    return [(packed >> shift) & _FIELD for shift in _SHIFTS]


class WordContributions(dict[str, int]):
    """What a written word adds to the counts, looked up by its key (its parts joined by "-",
    which no part contains) and computed once: syllables, letters, and 1 or 0 for polysyllabic,
    complex and difficult, packed by :func:`pack_contribution`. Sentence-initial words and the
    others have one table each, since a capital means a name only inside a sentence."""

    def __init__(self, count: SyllableCounter, sentence_initial: bool) -> None:
        super().__init__()
        self._count = count
        self._sentence_initial = sentence_initial

    def __missing__(self, key: str) -> int:
        if len(self) >= _MEMO_LIMIT:
            self.clear()
        # word_facts of Word(tuple(key.split("-")), sentence_initial), with _is_familiar and
        # _is_complex written out and no record built: this runs for every new word of a corpus
        # (news brings tens of them per article), and the calls cost more than the tests.
        count = self._count
        parts = key.split("-")
        syllables = sum(map(count, parts))
        is_name = not self._sentence_initial and key[:1].isupper()
        if is_name:
            difficult = complex_word = False  # names are familiar and never complex
        else:
            text = key.lower().replace("\u2019", "'")
            familiar = count.familiar_words
            difficult = (
                text not in familiar
                and any(map(str.isalpha, text))
                and not (
                    text.endswith(_INFLECTIONS)
                    and any(
                        text.endswith(ending) and text[: -len(ending)] in familiar
                        for ending in _INFLECTIONS
                    )
                )
            )
            complex_word = syllables >= 3 and len(parts) == 1 and _is_complex_word(parts[0], count)
        contribution = (
            syllables
            | sum(map(str.isalpha, key)) << _SHIFTS[1]  # the "-" between parts is no letter
            | (syllables >= 3) << _SHIFTS[2]
            | complex_word << _SHIFTS[3]
            | difficult << _SHIFTS[4]
        )
        self[key] = contribution
        return contribution


def written_words(tokens: Sequence[Token]) -> list[str]:
    """The written words of a sentence as written, their parts joined by "-" (the keys of
    :class:`WordContributions`)."""
    if True not in map(_TOKEN_JOINED, tokens):
        return list(map(_TOKEN_TEXT, tokens))
    keys: list[str] = []
    for token in tokens:
        if token.joined and keys:
            keys[-1] += "-" + token.text
        else:
            keys.append(token.text)
    return keys


# Words of a long article whose contributions are summed at a time: an 8 MB article's words
# at once take about 150 MB.
READABILITY_BLOCK_WORDS = 1 << 16


def _add_counts(
    totals: list[int], first_words: list[str], other_words: list[str], count: SyllableCounter
) -> None:
    """Add the words' counts and contributions to ``totals`` (see :func:`readability`)."""
    # Every word's contribution is looked up and summed in C, all five counts in one sum of
    # packed integers; a Python loop over the words took most of the time of readability.
    packed = sum(map(count.first_words.__getitem__, first_words))
    packed += sum(map(count.other_words.__getitem__, other_words))
    totals[0] += len(first_words) + len(other_words)
    totals[1] += len(first_words)
    for i, total in enumerate(unpack_contribution(packed), start=2):
        totals[i] += total


def readability(
    sentences: Iterable[SentenceSpan], count: SyllableCounter, settings: ScoringSettings
) -> Readability:
    """Counts and the six formulas for the body sentences of one article."""
    first_words: list[str] = []
    other_words: list[str] = []
    # (words, sentences, syllables, letters, polysyllabic, complex, difficult): all integers,
    # so summing a huge article block by block gives the same counts as summing it at once
    totals = [0] * 7
    for sentence in sentences:
        if sentence.field != "text" or not sentence.tokens:
            continue
        keys = written_words(sentence.tokens)
        first_words.append(keys[0])
        other_words += keys[1:]
        if len(other_words) >= READABILITY_BLOCK_WORDS:
            _add_counts(totals, first_words, other_words, count)
            first_words, other_words = [], []
    _add_counts(totals, first_words, other_words, count)
    words, sentence_count, syllables, letters, polysyllabic, complex_words, difficult = totals
    reason = ""
    if words < settings.min_readability_words:
        reason = (
            f"only {words} words; readability formulas need at least "
            f"{settings.min_readability_words}"
        )
    elif sentence_count < settings.min_readability_sentences:
        reason = (
            f"only {sentence_count} sentences; readability formulas need at least "
            f"{settings.min_readability_sentences}"
        )
    scoreable = not reason
    return Readability(
        words=words,
        sentences=sentence_count,
        syllables=syllables,
        letters=letters,
        polysyllabic_words=polysyllabic,
        difficult_words=difficult,
        flesch_reading_ease=(
            flesch_reading_ease(words, sentence_count, syllables) if scoreable else None
        ),
        flesch_kincaid_grade=(
            flesch_kincaid_grade(words, sentence_count, syllables) if scoreable else None
        ),
        gunning_fog=gunning_fog(words, sentence_count, complex_words) if scoreable else None,
        smog_index=smog_index(sentence_count, polysyllabic) if scoreable else None,
        coleman_liau_index=(
            coleman_liau_index(words, sentence_count, letters) if scoreable else None
        ),
        dale_chall_score=dale_chall_score(words, sentence_count, difficult) if scoreable else None,
        reason=reason,
    )
