"""Punctuation that is part of a lexicon form: "C++", "C#", ".NET", "AT&T", "U.S.", "a.k.a.".

The matcher compares word tokens, and the tokenizer keeps only letters and digits, so on its
own it would read "C++" as the word "C" and count every "C" in a text. A form's punctuation
before its first word, between its words and after its last is therefore kept here, and a
match of the form counts only where the text has the same punctuation in the same places.
Hyphens and white space between words stay interchangeable ("UN-backed", "UN backed").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from framing.lexicon.matcher import normal_token
from framing.text.segment import Token, tokenize

_LOOSE = frozenset(" \t\n\r\u00a0-\u2010\u2011\u2012\u2013")  # gaps where any of these is as good


@dataclass(frozen=True)
class Literal:
    """The punctuation of a form that its word tokens leave out."""

    before: str
    gaps: tuple[str, ...]  # between consecutive words, white space and hyphens removed
    after: str

    def describe(self, form: str) -> str:
        """How the matcher reads ``form``, for ``framing lexicon validate``."""
        words = " ".join(token.text for token in tokenize(form))
        return (
            f"form {form!r} reads as the word(s) {words!r} to the matcher; it counts only where "
            f"the text has its punctuation too, written exactly as {form!r}"
        )


def _gap(text: str) -> str:
    return "".join(c for c in text if c not in _LOOSE)


def literal_of(form: str) -> Literal | None:
    """The punctuation ``form`` carries beyond its words, or ``None`` when it has none that
    matters (white space, hyphens and apostrophes inside words only)."""
    tokens = tokenize(form)
    if not tokens:
        return None
    before = form[: tokens[0].start].strip()
    after = form[tokens[-1].end :].strip()
    gaps = tuple(_gap(form[a.end : b.start]) for a, b in pairwise(tokens))
    if not before and not after and not any(gaps):
        return None
    return Literal(before, gaps, after)


Forms = Sequence[tuple[tuple[str, ...], Literal | None]]  # (lower-cased tokens, punctuation)


def variant_forms(forms: Sequence[str], surface: Sequence[Sequence[tuple[str, ...]]]) -> Forms:
    """Every surface form of a variant (``surface[i]`` are the token sequences of
    ``forms[i]``) with the punctuation of the form it comes from."""
    return [
        (tuple(token.lower() for token in tokens), literal_of(form))
        for form, sequences in zip(forms, surface, strict=True)
        for tokens in sequences
    ]


def punctuation_fits(
    forms: Forms | None, source: str, tokens: Sequence[Token], first: int, last: int
) -> bool:
    """True when a match of tokens ``first`` to ``last`` stands for one of ``forms``: a form
    with the same words has no punctuation of its own, or the text has it."""
    if not forms:
        return True
    folded = tuple(normal_token(token.text).lower() for token in tokens[first : last + 1])
    candidates = [literal for words, literal in forms if words == folded]
    return not candidates or any(
        literal is None or literal_matches(literal, source, tokens, first, last)
        for literal in candidates
    )


def literal_matches(
    literal: Literal, source: str, tokens: Sequence[Token], first: int, last: int
) -> bool:
    """True when the text around tokens ``first`` to ``last`` of ``source`` has ``literal``'s
    punctuation: the same characters right before and after, and between the words."""
    start, end = tokens[first].start, tokens[last].end
    if source[max(start - len(literal.before), 0) : start] != literal.before:
        return False
    if source[end : end + len(literal.after)] != literal.after:
        return False
    between = [_gap(source[tokens[i].end : tokens[i + 1].start]) for i in range(first, last)]
    return tuple(between) == literal.gaps if len(between) == len(literal.gaps) else False
