"""Suggest lexicon entries: words used near an actor's mentions that set outlets apart.

For every mention of the actor, the words within ``window`` tokens either side (in the same
sentence) are collected as single words and 2-3-word phrases; each outlet's context words are
then compared with the other outlets' by the log-odds ratio with an informative Dirichlet prior
(Monroe, Colaresi & Quinn 2008), exactly as for distinguishing terms. The result is a draft for a
person to review, never a finished lexicon.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from framing.compare.engine import ordered_groups
from framing.compare.model import DistinguishingTerm, KeywordInContext
from framing.compare.ranking import as_result, rank_terms
from framing.compare.terms import in_context
from framing.errors import UsageError
from framing.lexicon.matcher import PhraseMatcher, form_tokens, normal_token
from framing.lexicon.model import Lexicon
from framing.model import Article
from framing.settings import CompareSettings
from framing.text.segment import SentenceSpan, segment

MAX_DESCRIPTOR_WORDS = 2
DEFAULT_WINDOW = 3


@dataclass(frozen=True)
class ActorAliases:
    """How an actor is written: its label and the phrases that name it."""

    label: str
    aliases: tuple[str, ...]
    case_sensitive_aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suggestions:
    """Context terms per outlet for one actor, ranked by z, with examples."""

    actor: ActorAliases
    mentions: int
    articles_with_mentions: int
    terms: tuple[DistinguishingTerm, ...]


def actor_aliases(lexicon: Lexicon, name: str) -> ActorAliases:
    """The lexicon actor whose id, label or alias is ``name`` (case-insensitive), or else
    ``name`` itself as the only alias."""
    wanted = name.strip().casefold()
    if not wanted:
        raise UsageError("--actor: give the name of an actor, e.g. --actor Haftar")
    for actor in lexicon.actors:
        names = {actor.id, actor.label, *actor.aliases, *actor.case_sensitive_aliases}
        if wanted in {n.casefold() for n in names}:
            return ActorAliases(actor.label, actor.aliases, actor.case_sensitive_aliases)
    return ActorAliases(name.strip(), (name.strip(),))


def _matcher(actor: ActorAliases) -> PhraseMatcher[str]:
    matcher: PhraseMatcher[str] = PhraseMatcher()
    for alias in actor.aliases:
        matcher.add(form_tokens(alias), alias, case_sensitive=False)
    for alias in actor.case_sensitive_aliases:
        matcher.add(form_tokens(alias), alias, case_sensitive=True)
    return matcher


def _side_terms(words: list[str], stopwords: frozenset[str]) -> list[str]:
    # Descriptors are short ("strongman", "field marshal"); longer phrases near a name are
    # mostly chance word sequences, so only single words and pairs are collected.
    terms = []
    for first in range(len(words)):
        for size in range(1, MAX_DESCRIPTOR_WORDS + 1):
            chunk = words[first : first + size]
            if len(chunk) < size or not all(w.isalpha() for w in chunk):
                break
            if chunk[0] in stopwords or chunk[-1] in stopwords:
                continue
            terms.append(" ".join(chunk))
    return terms


def _contexts(
    sentence: SentenceSpan, matcher: PhraseMatcher[str], window: int, alias_words: set[str]
) -> list[tuple[list[str], tuple[int, int]]]:
    """(context words, (start, end) of the mention in the sentence) for each mention."""
    tokens = sentence.tokens
    found = []
    for match in matcher.find(tokens):
        left = tokens[max(0, match.first - window) : match.first]
        right = tokens[match.last + 1 : match.last + 1 + window]
        sides = []
        for side in (left, right):
            words = [normal_token(t.text).lower() for t in side]
            # A context word that is itself part of the actor's name says nothing new.
            sides.append([w if w not in alias_words else "0" for w in words])
        span = (tokens[match.first].start - sentence.start, tokens[match.last].end - sentence.start)
        found.append((sides[0] + ["0"] + sides[1], span))
    return found


def suggest_descriptors(
    articles: Sequence[Article],
    membership: Sequence[str],
    actor: ActorAliases,
    stopwords: frozenset[str],
    settings: CompareSettings,
    window: int = DEFAULT_WINDOW,
) -> Suggestions:
    """Context terms that distinguish each group's way of writing about ``actor``."""
    matcher = _matcher(actor)
    alias_words = {
        token.lower() for alias in (*actor.aliases, *actor.case_sensitive_aliases)
        for token in form_tokens(alias)
    }  # fmt: skip
    groups = ordered_groups(membership)
    counts: dict[str, Counter[str]] = {group: Counter() for group in groups}
    presence: dict[str, Counter[str]] = {group: Counter() for group in groups}
    examples: dict[tuple[str, str], list[KeywordInContext]] = {}
    mentions = with_mentions = 0
    for article, group in zip(articles, membership, strict=True):
        seen: Counter[str] = Counter()
        mentioned = False
        for sentence in segment(article.title, article.text):
            for words, (start, end) in _contexts(sentence, matcher, window, alias_words):
                mentions += 1
                mentioned = True
                for term in _side_terms(words, stopwords):
                    seen[term] += 1
                    found = examples.setdefault((group, term), [])
                    if len(found) < settings.examples_per_term:
                        found.append(in_context(article.id, sentence.text, start, end))
        with_mentions += mentioned
        counts[group].update(seen)
        presence[group].update(seen.keys())
    ranked = rank_terms(counts, presence, Counter(membership), settings, 1)
    terms = tuple(
        as_result(group, c, q, tuple(examples.get((group, c.term), ())), settings)
        for group in groups
        for c, q in ranked[group]
    )
    return Suggestions(actor, mentions, with_mentions, terms)
