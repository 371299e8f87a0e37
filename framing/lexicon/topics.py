"""Which packs a run uses: general packs always, a topic pack when the corpus is about its topic.

The rule (documented in ``lexicons/README.md``, "Topic packs"):

- an article is *on* a pack's topic when the pack's detection terms (``about.detect``) occur at
  least twice in its headline and text together: whole words or phrases, any case, matched by
  the same phrase matcher as the lexicon's variants (a possessive "'s" is ignored, no plural is
  added);
- a topic pack is used when at least 3 articles, or at least a fifth of the articles, are on its
  topic;
- ``--pack NAME`` forces a pack on and ``--no-pack NAME`` keeps it off, whatever the counts;
  a user's own file (``--lexicon``) is always used.

Two mentions rather than one keep out an article that names a place in passing ("as in Libya"
or a dateline); three articles or a fifth let a small classroom corpus of four articles switch a
pack on, and a large corpus switch one on for a handful of articles on the topic. Counting needs
only one pass over the words of each article and a few integers per pack, so memory stays flat.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from framing.errors import UsageError
from framing.lexicon.loader import restrict
from framing.lexicon.matcher import PhraseMatcher, PreparedTokens, surface_forms
from framing.lexicon.model import Lexicon, Pack
from framing.model import Article

TERMS_SHOWN = 3
# The word parts of framing.text.segment.tokenize (letters or digits, with inner apostrophes;
# hyphens and the full stops of abbreviations split words), found in one pass: detection needs
# the words, not their offsets, and every detection term is matched in any case.
_WORD_PART = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


# A possessive "'s" ending a word, dropped as normal_token drops it.
_POSSESSIVE = re.compile(r"(?<=[^\W_])'s(?![^\W_])")
# In ASCII text the word parts are runs of letters and digits with inner apostrophes: every
# other character only separates words, so it becomes a space, and str.split finds the words
# (about half the regular expression's time over a news article)...
_ASCII_SEPARATORS = str.maketrans(
    {chr(code): " " for code in range(128) if not chr(code).isalnum() and chr(code) != "'"}
)
# ... once an apostrophe that is not between two letters or digits is a space too.
_LONE_APOSTROPHE = re.compile(r"'(?![a-z0-9])|(?<![a-z0-9])'")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def _words(text: str) -> PreparedTokens:
    """The lower-case words of ``text`` as the phrase matcher reads them: the word parts of
    :data:`_WORD_PART`, found faster when the text's only characters outside ASCII are
    punctuation (curly quotes, dashes), which separate words as a space does."""
    lowered = text.lower()
    if "\u2019" in lowered:
        lowered = lowered.replace("\u2019", "'")
    if "'" in lowered:
        lowered = _POSSESSIVE.sub("", lowered)
    if not lowered.isascii():
        for char in set(_NOT_ASCII.findall(lowered)):
            if not char.isalnum():  # the regular expression's [^\W_]: letters and digits
                lowered = lowered.replace(char, " ")
        if not lowered.isascii():  # letters outside ASCII (such as accented names)
            words = _WORD_PART.findall(lowered)
            return PreparedTokens(words, words, False)
    spaced = lowered.translate(_ASCII_SEPARATORS)
    if "'" in spaced:
        spaced = _LONE_APOSTROPHE.sub(" ", spaced)
    words = spaced.split()
    return PreparedTokens(words, words, False)


@dataclass(frozen=True)
class TopicRule:
    """The thresholds of topic detection."""

    mentions_per_article: int = 2  # detection-term matches that put an article on the topic
    min_articles: int = 3  # on-topic articles that switch a pack on, however large the corpus
    min_share: Fraction = Fraction(1, 5)  # ... or this share of the articles

    def needed(self, articles: int) -> int:
        """How many on-topic articles of ``articles`` switch a pack on (at least 1)."""
        return max(1, min(self.min_articles, math.ceil(self.min_share * articles)))

    def switches_on(self, on_topic: int, articles: int) -> bool:
        """Whether ``on_topic`` of ``articles`` articles switch a topic pack on."""
        return on_topic >= self.needed(articles)

    def describe(self) -> str:
        """The rule in one sentence, for reports."""
        share = self.min_share
        fraction = (
            "a fifth" if share == Fraction(1, 5) else f"{share.numerator}/{share.denominator}"
        )
        return (
            f"A topic pack is used when at least {self.min_articles} articles, or at least "
            f"{fraction} of the articles, are on its topic: its detection terms occur at least "
            f"{_times(self.mentions_per_article)} in the headline and text."
        )


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


@dataclass(frozen=True)
class PackDecision:
    """Whether one pack is used in a run, and why."""

    pack: str
    scope: str  # "general" or "topic"
    used: bool
    # "general" (always used), "lexicon" (a user's file), "detected" or "not detected" (by the
    # rule), "forced on" (--pack) or "kept off" (--no-pack)
    reason: str
    articles: int = 0  # articles read for detection (0 for general packs and user files)
    on_topic: int = 0  # of which on the pack's topic
    needed: int = 0  # on-topic articles the rule needs to switch the pack on
    # Detection terms found in the on-topic articles, most articles first (ties in file order),
    # with the number of on-topic articles that have each.
    terms: tuple[tuple[str, int], ...] = ()

    def summary(self) -> str:
        """One line: ``libya: on, 5 of 5 articles mention Libya, Tripoli or Haftar``."""
        state = "on" if self.used else "off"
        if self.reason == "general":
            return f"{self.pack}: on, a general pack (always used)"
        if self.reason == "lexicon":
            return f"{self.pack}: on, your lexicon file (always used)"
        if self.reason == "forced on":
            state = "on (--pack)"
        elif self.reason == "kept off":
            state = "off (--no-pack)"
        if self.reason in ("forced on", "kept off") and not self.articles:
            return f"{self.pack}: {state}"
        return f"{self.pack}: {state}, {self.evidence()} (needs {self.needed})"

    def evidence(self) -> str:
        """How many articles are on the topic and which terms put them there."""
        verb = "mentions" if self.on_topic == 1 else "mention"
        if not self.on_topic:
            return f"0 of {self.articles} articles mention its terms"
        names = [term for term, _count in self.terms[:TERMS_SHOWN]]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
        return f"{self.on_topic} of {self.articles} articles {verb} {listed}"


@dataclass(frozen=True)
class PackChoice:
    """The decision for every pack loaded, and the lexicon of the packs used."""

    decisions: tuple[PackDecision, ...]
    lexicon: Lexicon
    rule: TopicRule = TopicRule()

    def explanation(self) -> str:
        """Which packs are always used, and the rule for the others, in two sentences."""
        general = [d.pack for d in self.decisions if d.reason == "general"]
        first = (
            f"General packs are always used ({', '.join(general)}). "
            if general
            else "No general pack was used. "
        )
        return first + self.rule.describe()

    def report_lines(self) -> tuple[str, ...]:
        """One line per topic pack (used or not, with the evidence), per user file, and per
        general pack kept off."""
        topic = [d for d in self.decisions if d.scope == "topic" and d.reason != "lexicon"]
        lines = [d.summary() for d in topic] or ["No topic pack was loaded."]
        lines += [d.summary() for d in self.decisions if d.reason == "lexicon"]
        lines += [d.summary() for d in self.decisions if d.reason == "kept off" and d not in topic]
        return tuple(lines)


class TopicDetector:
    """Counts, one article at a time, which topic packs' detection terms each article has."""

    def __init__(self, packs: Sequence[Pack], rule: TopicRule | None = None) -> None:
        self.rule = rule or TopicRule()
        self.packs = tuple(p for p in packs if p.scope == "topic" and p.builtin)
        # One matcher for every pack's terms; a folded form two packs share is one entry.
        self._matcher: PhraseMatcher[int] = PhraseMatcher()
        self._owners: list[list[tuple[int, int]]] = []  # entry -> (pack index, term index)
        entries: dict[tuple[str, ...], int] = {}
        for pack_index, pack in enumerate(self.packs):
            for term_index, term in enumerate(pack.detect):
                for tokens in surface_forms(term, with_plural=False):
                    folded = tuple(token.lower() for token in tokens)
                    if folded not in entries:
                        entries[folded] = len(self._owners)
                        self._owners.append([])
                        self._matcher.add(tokens, entries[folded], case_sensitive=False)
                    owners = self._owners[entries[folded]]
                    if (pack_index, term_index) not in owners:
                        owners.append((pack_index, term_index))
        self.articles = 0
        self.on_topic = [0] * len(self.packs)
        self.term_articles = [[0] * len(pack.detect) for pack in self.packs]

    def add(self, title: str, text: str) -> None:
        """Count one article's headline and text."""
        self.articles += 1
        if not self.packs:
            return
        mentions = [0] * len(self.packs)
        terms: list[set[int]] = [set() for _ in self.packs]
        for field in (title, text):
            for entry, _first, _last in self._matcher.spans(_words(field)):
                for pack_index, term_index in self._owners[entry]:
                    mentions[pack_index] += 1
                    terms[pack_index].add(term_index)
        for pack_index, count in enumerate(mentions):
            if count >= self.rule.mentions_per_article:
                self.on_topic[pack_index] += 1
                for term_index in terms[pack_index]:
                    self.term_articles[pack_index][term_index] += 1

    def decision(self, pack: Pack, forced_on: bool, kept_off: bool) -> PackDecision:
        """The decision for one loaded pack, given the counts so far."""
        if not pack.builtin:
            return PackDecision(pack.name, pack.scope, True, "lexicon")
        if pack.scope != "topic":
            if kept_off:
                return PackDecision(pack.name, pack.scope, False, "kept off")
            return PackDecision(pack.name, pack.scope, True, "general")
        index = self.packs.index(pack)
        on_topic = self.on_topic[index]
        counted = sorted(
            (
                (-count, position, term)
                for position, (term, count) in enumerate(
                    zip(pack.detect, self.term_articles[index], strict=True)
                )
                if count
            ),
        )
        terms = tuple((term, -negative) for negative, _position, term in counted)
        detected = self.rule.switches_on(on_topic, self.articles)
        if forced_on:
            used, reason = True, "forced on"
        elif kept_off:
            used, reason = False, "kept off"
        else:
            used, reason = detected, "detected" if detected else "not detected"
        needed = self.rule.needed(self.articles)
        return PackDecision(
            pack.name, "topic", used, reason, self.articles, on_topic, needed, terms
        )


def check_pack_names(lexicon: Lexicon, forced_on: Sequence[str], kept_off: Sequence[str]) -> None:
    """Refuse a --pack or --no-pack name that is not a built-in pack, or one given to both."""
    builtin = [p.name for p in lexicon.packs if p.builtin]
    for option, names in (("--pack", forced_on), ("--no-pack", kept_off)):
        for name in names:
            if name not in builtin:
                mine = any(p.name == name and not p.builtin for p in lexicon.packs)
                hint = " (a --lexicon file is always used)" if mine else ""
                raise UsageError(
                    f"{option} {name!r}: no such built-in pack{hint}; built-in packs: "
                    f"{', '.join(sorted(builtin))}"
                )
    both = sorted(set(forced_on) & set(kept_off))
    if both:
        raise UsageError(f"--pack {both[0]!r} and --no-pack {both[0]!r}: choose one")


def decide(
    detector: TopicDetector,
    lexicon: Lexicon,
    forced_on: Sequence[str] = (),
    kept_off: Sequence[str] = (),
) -> PackChoice:
    """The decisions for every pack of ``lexicon`` from ``detector``'s counts, and ``lexicon``
    restricted to the packs used."""
    check_pack_names(lexicon, forced_on, kept_off)
    decisions = tuple(
        detector.decision(pack, pack.name in forced_on, pack.name in kept_off)
        for pack in lexicon.packs
    )
    used = [decision.pack for decision in decisions if decision.used]
    _check_targets_are_used(lexicon, decisions)
    return PackChoice(decisions, restrict(lexicon, used), detector.rule)


def _check_targets_are_used(lexicon: Lexicon, decisions: Sequence[PackDecision]) -> None:
    """Refuse a used concept aimed at an actor that only a pack left off defines."""
    off = {d.pack: d for d in decisions if not d.used}
    owner = {actor.id: actor.pack for actor in lexicon.actors}
    for concept in (*lexicon.concepts, *lexicon.frames):
        actor_pack = owner.get(concept.target, "")
        if concept.pack not in off and actor_pack in off:
            raise UsageError(
                f"concept {concept.id!r} ({concept.pack}) is aimed at the actor "
                f"{concept.target!r} of the pack {actor_pack!r}, which is off "
                f"({off[actor_pack].summary()}); add --pack {actor_pack}, or define the actor "
                "in your own file"
            )


def choose_packs(
    articles: Iterable[Article],
    lexicon: Lexicon,
    forced_on: Sequence[str] = (),
    kept_off: Sequence[str] = (),
    rule: TopicRule | None = None,
) -> PackChoice:
    """Decide which packs of ``lexicon`` (from :func:`framing.read_lexicon`) to use for
    ``articles``: general packs and the user's files always, a topic pack when the articles
    are about its topic (see the module docstring for the rule), ``forced_on`` and ``kept_off``
    whatever the counts. ``articles`` is read once and may be a stream."""
    check_pack_names(lexicon, forced_on, kept_off)
    detector = TopicDetector(lexicon.packs, rule)
    undecided = {p.name for p in detector.packs} - set(forced_on) - set(kept_off)
    if undecided:
        for article in articles:
            detector.add(article.title, article.text)
    return decide(detector, lexicon, forced_on, kept_off)
