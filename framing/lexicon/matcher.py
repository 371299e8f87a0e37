"""One compiled phrase matcher for a whole lexicon: a trie over word tokens.

The lexicon is compiled once; matching an article walks each sentence's tokens once, trying the
trie from every start and keeping the longest form that matches, so each stretch of text counts
as one mention. Tokens are compared after folding case (unless a form is case-sensitive), curly
apostrophes and possessive "'s"; hyphens and dotted abbreviations are already split into parts by
:func:`framing.text.segment.tokenize`, so "UN-backed" and "UN backed" are the same key.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, chain, compress
from operator import itemgetter
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

from framing.text.segment import Token, tokenize

if TYPE_CHECKING:
    from framing.lexicon.literal import Literal

Payload = TypeVar("Payload")

_IRREGULAR_KEEP_S = frozenset({"human", "german", "roman", "shaman", "talisman"})
_TOKEN_TEXT = itemgetter(0)
# A possessive "'s" ending a token with something before it, in tokens joined by line breaks.
_POSSESSIVE_END = re.compile(r"(?<=[^\n])'[sS]$", re.MULTILINE)


def normal_token(text: str) -> str:
    """A token with curly apostrophes straightened and a possessive "'s" removed."""
    text = text.replace("\u2019", "'")
    if len(text) > 2 and text[-2:] in ("'s", "'S"):
        return text[:-2]
    return text


@lru_cache(maxsize=1 << 16)
def form_tokens(form: str) -> tuple[str, ...]:
    """The normalized tokens of a lexicon form, as the matcher will compare them (remembered:
    loading the lexicons asks for each form several times)."""
    return tuple(normal_token(token.text) for token in tokenize(form))


def plural(word: str) -> str:
    """The regular English plural of ``word`` (strongman -> strongmen, militia -> militias,
    Ottoman -> Ottomans)."""
    lower = word.lower()
    # Capitalized words ending in -man are mostly names (Oman, Ottoman, Norman): plain -s.
    if lower.endswith("man") and lower not in _IRREGULAR_KEEP_S and not word.istitle():
        return word[:-3] + ("MEN" if word.isupper() else "men")
    if len(lower) > 1 and lower.endswith("y") and lower[-2] not in "aeiou":
        return word[:-1] + "ies"
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def surface_forms(form: str, with_plural: bool) -> list[tuple[str, ...]]:
    """The token sequences a form matches: itself and, if asked, the plural of its last word."""
    tokens = form_tokens(form)
    if not tokens:
        return []
    result = [tokens]
    if with_plural and tokens[-1].isalpha():
        result.append((*tokens[:-1], plural(tokens[-1])))
    return result


class PreparedTokens(NamedTuple):
    """A sentence's tokens normalized once for every matcher that reads it."""

    normal: list[str]
    lowered: list[str]
    shouting: bool


def prepare_tokens(tokens: Sequence[Token]) -> PreparedTokens:
    """Normalized and lower-cased token texts, and whether the sentence is in capitals."""
    normal = _normal_tokens(list(map(_TOKEN_TEXT, tokens)))
    return PreparedTokens(normal, list(map(str.lower, normal)), _is_shouting(normal))


class PreparedArticle(NamedTuple):
    """The tokens of an article's sentences, one after the other, normalized once for every
    matcher that reads them (one pass over the article rather than one per sentence)."""

    normal: list[str]
    lowered: list[str]
    starts: list[int]  # where each sentence's tokens begin in the lists, then their length


def prepare_article(sentences: Sequence[Sequence[Token]]) -> PreparedArticle:
    """:func:`prepare_tokens` of several sentences at once (whether each is in capitals is
    found out only when a match needs it)."""
    normal = _normal_tokens(list(map(_TOKEN_TEXT, chain.from_iterable(sentences))))
    starts = list(accumulate(map(len, sentences), initial=0))
    return PreparedArticle(normal, list(map(str.lower, normal)), starts)


def _normal_tokens(texts: list[str]) -> list[str]:
    """:func:`normal_token` of every text, in one pass over the joined sentence (most tokens
    have no apostrophe, so a call per token would mostly copy)."""
    joined = "\n".join(texts)
    if "'" not in joined and "\u2019" not in joined:
        return texts
    if joined.count("\n") != len(texts) - 1:  # a text with a line break of its own
        return [normal_token(text) for text in texts]
    return _POSSESSIVE_END.sub("", joined.replace("\u2019", "'")).split("\n")


@dataclass(frozen=True)
class PhraseMatch(Generic[Payload]):
    """A match: the payload of the matched form and the token range [first, last]."""

    payload: Payload
    first: int
    last: int


@dataclass
class _Node(Generic[Payload]):
    children: dict[str, _Node[Payload]] = field(default_factory=dict)
    # (payload, exact tokens for a case-sensitive form or None, form is written in capitals)
    entries: list[tuple[Payload, tuple[str, ...] | None, bool]] = field(default_factory=list)


class PhraseMatcher(Generic[Payload]):
    """A trie of token sequences; build with :meth:`add`, then call :meth:`find`."""

    def __init__(self) -> None:
        self._root: _Node[Payload] = _Node()
        self.size = 0
        # Payloads whose forms carry punctuation ("C++"), with their forms (see literal.py);
        # the caller checks a match of one of them against the text.
        self.punctuated: dict[Payload, list[tuple[tuple[str, ...], Literal | None]]] = {}

    def add(self, tokens: Sequence[str], payload: Payload, case_sensitive: bool) -> None:
        """Register one surface form (already normalized with :func:`form_tokens`)."""
        node = self._root
        for token in tokens:
            node = node.children.setdefault(token.lower(), _Node())
        exact = tuple(tokens) if case_sensitive else None
        capitals = case_sensitive and all(token.isupper() for token in tokens)
        node.entries.append((payload, exact, capitals))
        self.size += 1

    def find(self, tokens: Sequence[Token] | PreparedTokens) -> list[PhraseMatch[Payload]]:
        """Longest, non-overlapping matches in one sentence's tokens, left to right.

        Several matchers reading the same sentence should share one :func:`prepare_tokens`.
        """
        prepared = tokens if isinstance(tokens, PreparedTokens) else prepare_tokens(tokens)
        return [PhraseMatch(payload, first, last) for payload, first, last in self.spans(prepared)]

    def spans(self, prepared: PreparedTokens) -> list[tuple[Payload, int, int]]:
        """The matches of :meth:`find` as (payload, first, last) tuples."""
        normal, lowered, shouting = prepared
        return self._walk(normal, lowered, [0, len(lowered)], {0: shouting})

    def article_spans(self, prepared: PreparedArticle) -> list[tuple[Payload, int, int]]:
        """The matches of :meth:`spans` in each sentence of ``prepared``, in order, with token
        positions counted from the first sentence's first token (no match spans two
        sentences)."""
        return self._walk(prepared.normal, prepared.lowered, prepared.starts, {})

    def _walk(
        self, normal: list[str], lowered: list[str], starts: list[int], shouting: dict[int, bool]
    ) -> list[tuple[Payload, int, int]]:
        """Matches in the sentences whose tokens begin at ``starts`` (then their end);
        ``shouting`` holds, by sentence, whether it is in capitals, and is filled in when a
        match needs to know."""
        found: list[tuple[Payload, int, int]] = []
        first_tokens = self._root.children
        following = 0  # the first position after the last match
        # Only positions whose token starts some form can start a match; finding them is one
        # pass in C rather than a trie lookup per token in Python.
        last_position = len(lowered) - 1
        for position in compress(range(len(lowered)), map(first_tokens.__contains__, lowered)):
            if position < following:
                continue
            node = first_tokens[lowered[position]]
            # Most candidates are common words ("the", "a", "said") that only start longer
            # forms, and the next token continues none of them: passed over at once.
            if not node.entries and (
                position == last_position or lowered[position + 1] not in node.children
            ):
                continue
            sentence = bisect_right(starts, position) - 1
            end = starts[sentence + 1]  # a match ends in its sentence
            best: tuple[Payload, int, int] | None = None
            cursor = position
            while True:
                entries = node.entries
                if entries:
                    if entries[0][1] is None:  # a case-insensitive form is accepted at once
                        best = (entries[0][0], position, cursor)
                    else:
                        capitals = shouting.get(sentence)
                        if capitals is None:
                            capitals = _is_shouting(normal[starts[sentence] : end])
                            shouting[sentence] = capitals
                        accepted = _accept(node, normal, position, cursor, capitals)
                        if accepted is not None:
                            best = (accepted[0], position, cursor)
                cursor += 1
                if cursor == end:
                    break
                following_node = node.children.get(lowered[cursor])
                if following_node is None:
                    break
                node = following_node
            if best is not None:
                found.append(best)
                following = best[2] + 1
        return found


def _accept(
    node: _Node[Payload], normal: list[str], first: int, last: int, shouting: bool
) -> tuple[Payload] | None:
    for payload, exact, capitals in node.entries:
        if exact is None:
            return (payload,)
        if capitals and shouting:
            continue  # in an all-capitals line, "IS" may be the verb
        if tuple(normal[first : last + 1]) == exact:
            return (payload,)
    return None


def _is_shouting(normal: list[str]) -> bool:
    if sum(map(str.isupper, normal)) < 3:
        return False  # a shouting sentence has at least three words in capitals
    words = [token for token in normal if len(token) > 1 and token.isalpha()]
    if len(words) < 3:
        return False
    upper = sum(1 for token in words if token.isupper())
    return upper >= 0.8 * len(words)
