"""Terminology: find every mention of a lexicon concept and of a named actor, with spans."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from framing.lexicon.matcher import PhraseMatcher, form_tokens, surface_forms
from framing.lexicon.model import Lexicon, Variant
from framing.model import ActorMention, TermHit
from framing.text.segment import SentenceSpan


@dataclass(frozen=True)
class CompiledLexicon:
    """A lexicon compiled once into two matchers: concept variants and actor aliases."""

    lexicon: Lexicon
    variants: PhraseMatcher[Variant]
    actors: PhraseMatcher[str]


def compile_lexicon(lexicon: Lexicon) -> CompiledLexicon:
    """Build the tries for ``lexicon``; every form and generated plural is one entry."""
    variants: PhraseMatcher[Variant] = PhraseMatcher()
    for concept in lexicon.concepts:
        for variant in concept.variants:
            for form in variant.forms:
                for tokens in surface_forms(form, variant.plural):
                    variants.add(tokens, variant, variant.case_sensitive)
    actors: PhraseMatcher[str] = PhraseMatcher()
    for actor in lexicon.actors:
        for alias in actor.aliases:
            actors.add(form_tokens(alias), actor.id, case_sensitive=False)
        for alias in actor.case_sensitive_aliases:
            actors.add(form_tokens(alias), actor.id, case_sensitive=True)
    return CompiledLexicon(lexicon, variants, actors)


def find_mentions(
    sentences: Iterable[SentenceSpan], compiled: CompiledLexicon, title: str, text: str
) -> tuple[tuple[TermHit, ...], tuple[ActorMention, ...]]:
    """Concept mentions (longest variant wins) and actor mentions, in text order."""
    hits: list[TermHit] = []
    mentions: list[ActorMention] = []
    for sentence in sentences:
        source = title if sentence.field == "title" else text
        tokens = sentence.tokens
        for match in compiled.variants.find(tokens):
            start, end = tokens[match.first].start, tokens[match.last].end
            variant = match.payload
            hits.append(
                TermHit(
                    concept=variant.concept,
                    variant=variant.term,
                    connotation=variant.connotation,
                    matched_text=source[start:end],
                    field=sentence.field,
                    start=start,
                    end=end,
                    sentence_index=sentence.index,
                )
            )
        for actor_match in compiled.actors.find(tokens):
            start, end = tokens[actor_match.first].start, tokens[actor_match.last].end
            mentions.append(
                ActorMention(
                    actor=actor_match.payload,
                    matched_text=source[start:end],
                    field=sentence.field,
                    start=start,
                    end=end,
                    sentence_index=sentence.index,
                )
            )
    return tuple(hits), tuple(mentions)
