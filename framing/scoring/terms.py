"""Terminology: find every mention of a lexicon concept and of a named actor, with spans.

Mentions of a concept tied to a target by the ``nearby`` rule are kept apart when the target is
not in scope (see :mod:`framing.scoring.scope`): they are returned, with the reason, but not
counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

from framing.lexicon.literal import punctuation_fits, variant_forms
from framing.lexicon.matcher import (
    PhraseMatcher,
    form_tokens,
    prepare_article,
    prepare_tokens,
    surface_forms,
)
from framing.lexicon.model import Concept, Lexicon, Variant
from framing.model import ActorMention, TermHit
from framing.scoring.scope import ArticleActors, ArticleWords, decide, sentence_names
from framing.text.records import actor_mention, term_hit
from framing.text.segment import SentenceSpan, Token

NAMES_REASON = "the variant names the target"
_UNTARGETED = ("", "")


@dataclass(frozen=True)
class CompiledLexicon:
    """A lexicon compiled once into three matchers: concept variants, frame cues (counted
    independently of terminology) and actor aliases."""

    lexicon: Lexicon
    variants: PhraseMatcher[Variant]
    frames: PhraseMatcher[Variant]
    actors: PhraseMatcher[str]
    # concept id -> (target actor id, target rule), for targeted concepts only
    targets: dict[str, tuple[str, str]] = field(default_factory=dict)
    nearby: frozenset[str] = frozenset()  # ids of the concepts with the nearby rule
    # concept id -> (target, reason) for the concepts with the names rule
    named: dict[str, tuple[str, str]] = field(default_factory=dict)
    # lower-cased topic words the packs declare (about.detect): places, never people
    places: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Mentions:
    """Everything the matchers found in one article, in text order."""

    terms: tuple[TermHit, ...]
    frames: tuple[TermHit, ...]
    actors: tuple[ActorMention, ...]
    out_of_scope: tuple[TermHit, ...] = ()


def _variant_matcher(concepts: Iterable[Concept]) -> PhraseMatcher[Variant]:
    matcher: PhraseMatcher[Variant] = PhraseMatcher()
    for concept in concepts:
        for variant in concept.variants:
            surface = [surface_forms(form, variant.plural) for form in variant.forms]
            for sequences in surface:
                for tokens in sequences:
                    matcher.add(tokens, variant, variant.case_sensitive)
            forms = variant_forms(variant.forms, surface)
            if any(literal is not None for _words, literal in forms):
                matcher.punctuated[variant] = list(forms)
    return matcher


def compile_lexicon(lexicon: Lexicon) -> CompiledLexicon:
    """Build the tries for ``lexicon``; every form and generated plural is one entry."""
    variants = _variant_matcher(lexicon.concepts)
    actors: PhraseMatcher[str] = PhraseMatcher()
    for actor in lexicon.actors:
        for alias in actor.aliases:
            actors.add(form_tokens(alias), actor.id, case_sensitive=False)
        for alias in actor.case_sensitive_aliases:
            actors.add(form_tokens(alias), actor.id, case_sensitive=True)
    targets = {c.id: (c.target, c.target_rule or "nearby") for c in lexicon.concepts if c.target}
    places = frozenset(
        token.lower()
        for pack in lexicon.packs
        for term in pack.detect
        for token in form_tokens(term)
    )
    nearby = frozenset(concept for concept, (_t, rule) in targets.items() if rule == "nearby")
    named = {
        concept: (target, NAMES_REASON)
        for concept, (target, rule) in targets.items()
        if rule == "names"
    }
    return CompiledLexicon(
        lexicon, variants, _variant_matcher(lexicon.frames), actors, targets, nearby, named,
        places,
    )  # fmt: skip


Spans = list[tuple[Variant, int, int]]


def _fitting(
    matcher: PhraseMatcher[Variant], spans: Spans, source: str, tokens: Sequence[Token]
) -> Spans:
    """The matcher's spans in one sentence, without those whose punctuation the text lacks
    ("C++" counts only where the text has "++" after the "C")."""
    forms = matcher.punctuated
    if forms and spans:
        spans = [s for s in spans if punctuation_fits(forms.get(s[0]), source, tokens, s[1], s[2])]
    return spans


# Per matcher, per sentence: (payload, first token, last token) of each match.
SentenceSpans = list[list[list[tuple[Any, int, int]]]]


def _sentence_spans(
    matchers: Sequence[PhraseMatcher[Any]], sentences: Sequence[SentenceSpan]
) -> SentenceSpans:
    """Each matcher's spans in each sentence, token positions counted in the sentence.

    The sentences' tokens are normalized and matched in one pass over the article when every
    sentence holds its tokens; the sentences of a huge field (whose tokens are made on demand,
    see :class:`~framing.text.segment.SentenceSpan`) are matched one at a time."""
    if not all(sentence.held_tokens is not None for sentence in sentences):
        per_sentence: SentenceSpans = [[] for _ in matchers]
        for sentence in sentences:
            prepared = prepare_tokens(sentence.tokens)
            for spans, matcher in zip(per_sentence, matchers, strict=True):
                spans.append(matcher.spans(prepared))
        return per_sentence
    article = prepare_article([sentence.tokens for sentence in sentences])
    starts = article.starts
    result: SentenceSpans = []
    for matcher in matchers:
        found: list[list[tuple[Any, int, int]]] = [[] for _ in sentences]
        index = 0
        for payload, first, last in matcher.article_spans(article):
            while starts[index + 1] <= first:
                index += 1
            base = starts[index]
            found[index].append((payload, first - base, last - base))
        result.append(found)
    return result


def _hit(
    variant: Variant, first: int, last: int, sentence: SentenceSpan, source: str,
    target: str = "", scope: str = "",
) -> TermHit:  # fmt: skip
    """The hit of ``variant`` on tokens ``first`` to ``last`` of ``sentence``."""
    start, end = sentence.tokens[first].start, sentence.tokens[last].end
    return term_hit(variant.concept, variant.term, variant.connotation, source[start:end],
                    sentence.field, start, end, sentence.index, target, scope)  # fmt: skip


@dataclass
class _Pending:
    """A sentence with mentions of ``nearby`` concepts, decided once the article is read."""

    sentence: SentenceSpan
    source: str
    spans: list[tuple[Variant, int, int]]
    actors: list[tuple[str, int, int]]


def find_mentions(
    sentences: Iterable[SentenceSpan], compiled: CompiledLexicon, title: str, text: str
) -> Mentions:
    """Concept mentions (longest variant wins), frame cues and actor mentions.

    Mentions of targeted concepts carry their target; those of ``nearby`` concepts whose target
    is out of scope come back in ``out_of_scope``, in text order like the others.
    """
    hits: list[TermHit] = []
    frames: list[TermHit] = []
    mentions: list[ActorMention] = []
    nearby = compiled.nearby
    pending: list[tuple[int, _Pending]] = []  # (position in hits, sentence to decide)
    sentences = tuple(sentences)
    matchers: list[PhraseMatcher[Any]] = [compiled.variants, compiled.actors]
    if compiled.frames.size:
        matchers.append(compiled.frames)
    found = _sentence_spans(matchers, sentences)
    cues: Iterable[list[tuple[Variant, int, int]]] = found[2] if len(found) > 2 else repeat([])
    for sentence, matched, actor_spans, cue_spans in zip(
        sentences, found[0], found[1], cues, strict=False
    ):
        if not (matched or actor_spans or cue_spans):
            continue  # most sentences
        source = title if sentence.field == "title" else text
        tokens = sentence.tokens
        spans = _fitting(compiled.variants, matched, source, tokens)
        if spans and nearby and any(variant.concept in nearby for variant, _f, _l in spans):
            pending.append((len(hits), _Pending(sentence, source, spans, actor_spans)))
        elif spans:
            hits += _targeted_hits(spans, sentence, source, compiled.named)
        if cue_spans:
            frames += [
                _hit(variant, first, last, sentence, source)
                for variant, first, last in _fitting(compiled.frames, cue_spans, source, tokens)
            ]
        for actor, first, last in actor_spans:
            start, end = tokens[first].start, tokens[last].end
            mentions.append(
                actor_mention(actor, source[start:end], sentence.field, start, end, sentence.index)
            )
    if not pending:
        return Mentions(tuple(hits), tuple(frames), tuple(mentions))
    article = _article_actors(mentions)
    words = ArticleWords(f"{title}\n{text}")
    out: list[TermHit] = []
    for position, waiting in reversed(pending):
        counted, dropped = _decide_sentence(waiting, compiled, article, words)
        hits[position:position] = counted
        out[:0] = dropped
    return Mentions(tuple(hits), tuple(frames), tuple(mentions), tuple(out))


def _targeted_hits(
    spans: list[tuple[Variant, int, int]],
    sentence: SentenceSpan,
    source: str,
    named: dict[str, tuple[str, str]],
) -> list[TermHit]:
    """Hits of concepts that count wherever they match: untargeted ones and ``names`` ones
    (``named`` maps those to their target and reason)."""
    return [
        _hit(variant, first, last, sentence, source, *named.get(variant.concept, _UNTARGETED))
        for variant, first, last in spans
    ]


def _article_actors(mentions: list[ActorMention]) -> ArticleActors:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    labels: dict[str, str] = {}
    for mention in mentions:
        counts[mention.actor] += 1
        if mention.actor not in first:
            first[mention.actor] = mention.sentence_index
            labels[mention.actor] = mention.matched_text
    return ArticleActors(counts, first, labels)


def _decide_sentence(
    waiting: _Pending, compiled: CompiledLexicon, article: ArticleActors, words: ArticleWords
) -> tuple[list[TermHit], list[TermHit]]:
    """The sentence's mentions split into counted and out of scope."""
    sentence, source, targets = waiting.sentence, waiting.source, compiled.targets
    tokens = sentence.tokens
    titles = {
        position
        for variant, first, last in waiting.spans
        if targets.get(variant.concept, ("", ""))[1] == "nearby"
        for position in range(first, last + 1)
    }
    names = sentence_names(tokens, waiting.actors, titles, source, words, compiled.places)
    counted: list[TermHit] = []
    dropped: list[TermHit] = []
    for variant, first, last in waiting.spans:
        target, rule = targets.get(variant.concept, ("", ""))
        keep, reason = True, NAMES_REASON if target else ""
        if rule == "nearby":
            keep, reason = decide(
                target, first, last, sentence.index, sentence.field == "title",
                names, tokens, source, article,
            )  # fmt: skip
        hit = _hit(variant, first, last, sentence, source, target, reason)
        (counted if keep else dropped).append(hit)
    return counted, dropped
