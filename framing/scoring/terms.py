"""Terminology: find every mention of a lexicon concept and of a named actor, with spans."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from framing.lexicon.literal import punctuation_fits, variant_forms
from framing.lexicon.matcher import (
    PhraseMatcher,
    PreparedTokens,
    form_tokens,
    prepare_tokens,
    surface_forms,
)
from framing.lexicon.model import Concept, Lexicon, Variant
from framing.model import ActorMention, TermHit
from framing.text.segment import SentenceSpan


@dataclass(frozen=True)
class CompiledLexicon:
    """A lexicon compiled once into three matchers: concept variants, frame cues (counted
    independently of terminology) and actor aliases."""

    lexicon: Lexicon
    variants: PhraseMatcher[Variant]
    frames: PhraseMatcher[Variant]
    actors: PhraseMatcher[str]


@dataclass(frozen=True)
class Mentions:
    """Everything the matchers found in one article, in text order."""

    terms: tuple[TermHit, ...]
    frames: tuple[TermHit, ...]
    actors: tuple[ActorMention, ...]


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
    return CompiledLexicon(lexicon, variants, _variant_matcher(lexicon.frames), actors)


def _hits(
    matcher: PhraseMatcher[Variant],
    sentence: SentenceSpan,
    prepared: PreparedTokens,
    source: str,
) -> list[TermHit]:
    tokens = sentence.tokens
    spans = matcher.spans(prepared)
    if matcher.punctuated:  # "C++" counts only where the text has "++" after the "C"
        forms = matcher.punctuated
        spans = [s for s in spans if punctuation_fits(forms.get(s[0]), source, tokens, s[1], s[2])]
    return [
        TermHit(
            concept=variant.concept,
            variant=variant.term,
            connotation=variant.connotation,
            matched_text=source[tokens[first].start : tokens[last].end],
            field=sentence.field,
            start=tokens[first].start,
            end=tokens[last].end,
            sentence_index=sentence.index,
        )
        for variant, first, last in spans
    ]


def find_mentions(
    sentences: Iterable[SentenceSpan], compiled: CompiledLexicon, title: str, text: str
) -> Mentions:
    """Concept mentions (longest variant wins), frame cues and actor mentions."""
    hits: list[TermHit] = []
    frames: list[TermHit] = []
    mentions: list[ActorMention] = []
    for sentence in sentences:
        source = title if sentence.field == "title" else text
        tokens = sentence.tokens
        prepared = prepare_tokens(tokens)
        hits += _hits(compiled.variants, sentence, prepared, source)
        if compiled.frames.size:
            frames += _hits(compiled.frames, sentence, prepared, source)
        for actor, first, last in compiled.actors.spans(prepared):
            start, end = tokens[first].start, tokens[last].end
            mentions.append(
                ActorMention(
                    actor=actor,
                    matched_text=source[start:end],
                    field=sentence.field,
                    start=start,
                    end=end,
                    sentence_index=sentence.index,
                )
            )
    return Mentions(tuple(hits), tuple(frames), tuple(mentions))
