"""What a loaded lexicon is: concepts with their variants, and named actors with their aliases."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Variant:
    """One way of naming a concept, e.g. "strongman" for Haftar's title."""

    concept: str
    term: str
    connotation: str
    note: str
    forms: tuple[str, ...]
    case_sensitive: bool
    plural: bool
    line: int  # where the variant starts in its pack file
    neutral_alternative: str = ""  # a plainer word a careful writer could use instead


@dataclass(frozen=True)
class Concept:
    """The thing being named (e.g. ``haftar_title``) and the variants an outlet may choose."""

    id: str
    label: str
    note: str
    variants: tuple[Variant, ...]
    pack: str
    line: int
    # The actor (person, group, place, government, policy) the concept's variants describe, by
    # actor id; "" for an untargeted concept such as a loaded word or an attribution verb.
    target: str = ""
    # How a variant is tied to the target: "names" when the variant itself names the target
    # ("Daesh" names the Islamic State group), "nearby" when it describes a target named
    # close to it ("strongman" counts toward Haftar only where Haftar is in scope).
    target_rule: str = ""


@dataclass(frozen=True)
class Actor:
    """A named actor whose portrayal is measured through the sentences that mention it."""

    id: str
    label: str
    aliases: tuple[str, ...]
    case_sensitive_aliases: tuple[str, ...]
    pack: str
    line: int


@dataclass(frozen=True)
class Pack:
    """One lexicon file's description and its content hash."""

    name: str
    title: str
    description: str
    language: str
    version: str
    licence: str
    sources: tuple[str, ...]
    connotations: tuple[tuple[str, str], ...]  # (label, meaning), in file order
    path: str  # as given, or "lexicons/<file>" for built-in packs
    sha256: str
    kind: str = "terms"  # "terms", or "frames" for frame-dimension cue packs
    # "general" packs (attribution, hedging, loaded language, frames) are always used; "topic"
    # packs are used when enough of the corpus mentions their ``detect`` terms.
    scope: str = "general"
    detect: tuple[str, ...] = ()  # the terms whose presence shows an article is on the topic
    builtin: bool = False  # shipped with framing (True) or a user's file given with --lexicon
    replaces: str = ""  # the built-in pack a user's file of the same name replaces (its path)


@dataclass(frozen=True)
class Lexicon:
    """The merged packs a run scores with."""

    packs: tuple[Pack, ...]
    concepts: tuple[Concept, ...]
    actors: tuple[Actor, ...]
    frames: tuple[Concept, ...] = ()  # frame dimensions with their cue words
    # One line per form that one pack's entry took over from another's (a user's file over a
    # built-in pack, a topic pack over a general one), for the packs merged here.
    notices: tuple[str, ...] = ()
    # Each pack as parsed, before any form was taken over, so that a subset of the packs can be
    # merged again (see :func:`framing.lexicon.loader.restrict`).
    parts: tuple[tuple[Pack, tuple[Concept, ...], tuple[Actor, ...]], ...] = field(
        default=(), compare=False, repr=False
    )

    @property
    def version(self) -> str:
        """A short hash that changes whenever any pack's content changes."""
        digest = hashlib.sha256("\n".join(p.sha256 for p in self.packs).encode("ascii"))
        return digest.hexdigest()[:16]

    def concept(self, concept_id: str) -> Concept:
        """The concept or frame dimension with this id (KeyError if absent)."""
        for concept in (*self.concepts, *self.frames):
            if concept.id == concept_id:
                return concept
        raise KeyError(concept_id)

    def connotation_labels(self) -> tuple[str, ...]:
        """Every connotation label declared by the packs, in pack and file order, once each."""
        seen: dict[str, None] = {}
        for pack in self.packs:
            for label, _meaning in pack.connotations:
                seen.setdefault(label, None)
        return tuple(seen)
