"""The matchers' view of a lexicon, for the score store (:mod:`framing.store`): each distinct
token sequence a matcher knows, with what it stands for, fingerprinted; the words an article
must contain for each entry to match it; and the lexicon's key, which changes when any entry
does.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from framing.lexicon.literal import literal_of
from framing.lexicon.matcher import form_tokens, surface_forms
from framing.lexicon.model import Concept, Lexicon
from framing.model import Article

# Raise when matching changes what it finds, so that matches stored by older versions are
# ignored (see the history beside SCORER_VERSION in framing.store).
MATCHER_VERSION = "4"
_WORD_RUN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class LexiconEntries:
    """The matchers' view of a lexicon: entry fingerprint -> the words that must all occur in a
    text for the entry to match there (its runs of letters and digits, lower-cased)."""

    key: bytes
    anchors: dict[str, list[str]]


def _entry_groups(lexicon: Lexicon) -> dict[tuple[str, tuple[str, ...]], list[object]]:
    # Entries with the same lower-cased tokens share a trie node, where order decides which
    # one wins; such a group is one entry here.
    groups: dict[tuple[str, tuple[str, ...]], list[object]] = {}

    def add(kind: str, tokens: Sequence[str], payload: object) -> None:
        groups.setdefault((kind, tuple(t.lower() for t in tokens)), []).append(payload)

    def add_concepts(kind: str, concepts: Iterable[Concept]) -> None:
        for concept in concepts:
            for variant in concept.variants:
                payload = [concept.id, variant.term, variant.connotation, variant.case_sensitive]
                if concept.target:  # where a mention counts depends on its target and rule
                    payload += [concept.target, concept.target_rule or "nearby"]
                for form in variant.forms:
                    # Punctuation that is part of a form ("C++") decides where it matches.
                    literal = literal_of(form)
                    punctuation = [] if literal is None else [[literal.before, *literal.gaps,
                                                               literal.after]]  # fmt: skip
                    for tokens in surface_forms(form, variant.plural):
                        exact = list(tokens) if variant.case_sensitive else None
                        add(kind, tokens, [*payload, exact, *punctuation])

    add_concepts("terms", lexicon.concepts)
    add_concepts("frames", lexicon.frames)
    for actor in lexicon.actors:
        for alias in actor.aliases:
            add("actors", form_tokens(alias), [actor.id, None])
        for alias in actor.case_sensitive_aliases:
            add("actors", form_tokens(alias), [actor.id, list(form_tokens(alias))])
    for pack in lexicon.packs:  # topic words are places to the scope rule
        for term in pack.detect:
            add("places", form_tokens(term), [pack.name])
    return groups


# The last lexicon's entries: a run asks for them twice (the store and the re-run cache) with
# the same frozen lexicon, and computing them costs a pass over every form.
_LAST_ENTRIES: list[tuple[Lexicon, LexiconEntries]] = []


def lexicon_entries(lexicon: Lexicon) -> LexiconEntries:
    """The fingerprint of every matcher entry of ``lexicon`` and the lexicon's key."""
    if _LAST_ENTRIES and _LAST_ENTRIES[0][0] is lexicon:
        return _LAST_ENTRIES[0][1]
    entries = _entries(lexicon)
    _LAST_ENTRIES[:] = [(lexicon, entries)]
    return entries


def _entries(lexicon: Lexicon) -> LexiconEntries:
    anchors: dict[str, list[str]] = {}
    for (kind, tokens), payloads in _entry_groups(lexicon).items():
        text = json.dumps([MATCHER_VERSION, kind, tokens, payloads], ensure_ascii=False)
        fingerprint = hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]
        runs = {run for token in tokens for run in _WORD_RUN.findall(token)}
        anchors[fingerprint] = sorted(runs)
    digest = hashlib.sha256(MATCHER_VERSION.encode())
    for fingerprint in sorted(anchors):
        digest.update(fingerprint.encode())
    return LexiconEntries(digest.digest(), anchors)


# Python lower-cases a capital sigma by its place in a word ("ς" at the end): an article's
# token and its whole text can differ there ("ΛΟΓΟΣ'S"), so both sides fold it to "σ".
_FINAL_SIGMA = str.maketrans("ς", "σ")


def folded_text(article: Article) -> str:
    """``article``'s title and text, lower-cased, as :func:`has_words` reads them."""
    folded = f"{article.title}\n{article.text}".lower()
    return folded.translate(_FINAL_SIGMA) if "ς" in folded else folded


@lru_cache(maxsize=1 << 12)
def _whole_run(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])")


def has_words(folded: str, words: Sequence[str]) -> bool:
    """Whether each of ``words`` (an entry's anchors) is a whole run of letters and digits of
    ``folded`` (:func:`folded_text`): an entry matches a text only where each of its tokens
    is one of the text's tokens, whose runs of letters and digits are whole runs of the
    text, so a text without them cannot match the entry. A plain search for each word
    comes first: most texts lack one, and it costs far less."""
    words = [word.translate(_FINAL_SIGMA) for word in words]
    if not all(word in folded for word in words):
        return False
    return all(_whole_run(word).search(folded) for word in words)
