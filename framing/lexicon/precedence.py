"""Which entry counts when two packs list the same form.

Term packs share one matcher, so a form (or its generated plural) may belong to one variant only.
When two packs both list it, the more specific one wins for the run:

1. a user's file (given with ``--lexicon``) wins over a built-in pack: the user knows their
   corpus, and a built-in pack cannot foresee every use of "regime" or "rebel";
2. a built-in topic pack wins over a built-in general pack: "regime" aimed at a named government
   says more than the same word counted as loaded language in general.

The losing variant keeps its other forms; a variant left with none is dropped, and so is a
concept left with no variant. Each take-over is one :class:`Override`, shown to the user. Two
packs of the same rank (two user files, two topic packs, two general packs, or one file with
itself) may not share a form: that stays an error, naming both places.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from framing.errors import LexiconError
from framing.lexicon.matcher import surface_forms
from framing.lexicon.model import Actor, Concept, Pack, Variant

USER, TOPIC, GENERAL = 0, 1, 2  # ranks: the lower wins
_WHY = {
    USER: "your lexicon wins over a built-in pack",
    TOPIC: "a topic pack wins over a general pack",
}


def rank(pack: Pack) -> int:
    """0 for a user's file, 1 for a built-in topic pack, 2 for a built-in general pack."""
    if not pack.builtin:
        return USER
    return TOPIC if pack.scope == "topic" else GENERAL


@dataclass(frozen=True)
class Override:
    """A form of ``loser`` (in ``loser_pack``) that ``winner`` (in ``winner_pack``) takes over."""

    winner: Variant
    winner_pack: Pack
    loser: Variant
    loser_pack: Pack
    forms: tuple[str, ...]  # the loser's forms that no longer count for it

    def notice(self) -> str:
        """One line for the run: which entry counts, which one it replaces, and why."""
        winner = _entry(self.winner, self.winner_pack)
        loser = _entry(self.loser, self.loser_pack)
        why = _WHY[rank(self.winner_pack)]
        return f"{winner} replaces {loser} for {_quoted(self.forms)} in this run ({why})"

    def warning(self) -> str:
        """The ``framing lexicon validate`` warning: both entries and how to avoid the clash."""
        return (
            f"{self.winner_pack.path}:{self.winner.line}: {_quoted(self.forms)} of "
            f"{self.winner.term!r} ({self.winner.concept}) is also in the built-in pack "
            f"{self.loser_pack.name!r} as {self.loser.term!r} ({self.loser.concept}, "
            f"{self.loser_pack.path}:{self.loser.line}); your entry replaces it whenever that "
            "pack is used, which is right if you meant it; to count the word with the built-in "
            "entry instead, remove the form from your file"
        )


def _entry(variant: Variant, pack: Pack) -> str:
    return f"{variant.term!r} ({variant.concept}, {pack.path}:{variant.line})"


def _quoted(forms: Sequence[str]) -> str:
    return ("form " if len(forms) == 1 else "forms ") + ", ".join(repr(f) for f in forms)


def resolve_forms(
    concepts: Sequence[Concept],
    packs: Mapping[str, Pack],
    report: Callable[[LexiconError], None],
) -> tuple[tuple[Concept, ...], tuple[Override, ...]]:
    """``concepts`` (in their order) with every form another pack takes over removed, and the
    take-overs; a clash between packs of the same rank goes to ``report``."""
    # Visit the winners first (a stable sort keeps file order within a rank), so every clash is
    # met at its loser.
    ordered = sorted(concepts, key=lambda concept: rank(packs[concept.pack]))
    seen: dict[tuple[str, ...], list[tuple[Variant, tuple[str, ...], Pack]]] = {}
    taken: dict[tuple[int, int], Override] = {}  # (id of winner, id of loser) -> take-over
    dropped: dict[int, set[str]] = {}  # id of a losing variant -> its forms taken over
    for concept in ordered:
        pack = packs[concept.pack]
        for variant in concept.variants:
            for form in variant.forms:
                other = _clash(form, variant, pack, seen, report)
                if other is None:
                    continue
                winner, winner_pack = other
                dropped.setdefault(id(variant), set()).add(form)
                key = (id(winner), id(variant))
                found = taken.get(key)
                forms = (*found.forms, form) if found else (form,)
                taken[key] = Override(winner, winner_pack, variant, pack, forms)
    kept = tuple(
        kept_concept
        for concept in concepts
        if (kept_concept := _without(concept, dropped)) is not None
    )
    return kept, tuple(taken.values())


def _clash(
    form: str,
    variant: Variant,
    pack: Pack,
    seen: dict[tuple[str, ...], list[tuple[Variant, tuple[str, ...], Pack]]],
    report: Callable[[LexiconError], None],
) -> tuple[Variant, Pack] | None:
    """The entry of a higher-ranked pack that takes ``form`` over, if any; a clash with one of
    the same rank is reported. Forms that stay are recorded in ``seen``."""
    written, *plurals = surface_forms(form, variant.plural)
    surfaces = [written, *plurals]
    for tokens in surfaces:
        folded = tuple(token.lower() for token in tokens)
        for other, other_tokens, other_pack in seen.get(folded, []):
            # Two case-sensitive forms may differ only in case ("ISIS" and "Isis"); any other
            # pair that folds to the same words would make a mention ambiguous.
            both_exact = variant.case_sensitive and other.case_sensitive
            if other is variant or (both_exact and tokens != other_tokens):
                continue
            if rank(other_pack) < rank(pack):
                return other, other_pack
            described = repr(form) if tokens == written else f"the plural of {form!r}"
            report(
                LexiconError(
                    pack.path,
                    variant.line,
                    f"form {described} of {variant.term!r} ({variant.concept}) is already a "
                    f"form of {other.term!r} ({other.concept}) at {other_pack.path}:"
                    f"{other.line}; a form may belong to one variant only",
                )
            )
            return None
    for tokens in surfaces:
        folded = tuple(token.lower() for token in tokens)
        seen.setdefault(folded, []).append((variant, tokens, pack))
    return None


def _without(concept: Concept, dropped: dict[int, set[str]]) -> Concept | None:
    if not any(id(variant) in dropped for variant in concept.variants):
        return concept
    variants = []
    for variant in concept.variants:
        lost = dropped.get(id(variant), set())
        forms = tuple(form for form in variant.forms if form not in lost)
        if forms:
            variants.append(replace(variant, forms=forms) if lost else variant)
    return replace(concept, variants=tuple(variants)) if variants else None


@dataclass(frozen=True)
class ActorOverride:
    """An actor of ``loser_pack`` replaced by one of the same id in ``winner_pack`` (when
    ``aliases`` is empty), or the ``aliases`` of it that ``winner`` takes over."""

    winner: Actor
    winner_pack: Pack
    loser: Actor
    loser_pack: Pack
    aliases: tuple[str, ...] = ()

    def notice(self) -> str:
        """One line for the run."""
        winner = f"actor {self.winner.id!r} ({self.winner_pack.path}:{self.winner.line})"
        loser = f"actor {self.loser.id!r} ({self.loser_pack.path}:{self.loser.line})"
        why = _WHY[rank(self.winner_pack)]
        if not self.aliases:
            return f"{winner} replaces {loser}, which has the same id, in this run ({why})"
        listed = ", ".join(repr(alias) for alias in self.aliases)
        noun = "alias" if len(self.aliases) == 1 else "aliases"
        return f"{winner} takes the {noun} {listed} from {loser} in this run ({why})"

    def warning(self) -> str:
        """The ``framing lexicon validate`` warning and how to avoid the clash."""
        where = f"{self.winner_pack.path}:{self.winner.line}"
        pack = (
            f"the built-in pack {self.loser_pack.name!r} ({self.loser_pack.path}:{self.loser.line})"
        )
        if not self.aliases:
            return (
                f"{where}: actor {self.winner.id!r} has the id of an actor of {pack}; yours "
                "replaces it whenever that pack is used, and the pack's concepts aimed at it "
                "are aimed at yours. To keep both, give yours another id"
            )
        listed = ", ".join(repr(alias) for alias in self.aliases)
        return (
            f"{where}: {listed} of actor {self.winner.id!r} is also an alias of "
            f"{self.loser.id!r} in {pack}; yours takes it whenever that pack is used. To leave "
            "it to the built-in actor, remove it from your file, or aim your concepts at "
            f"{self.loser.id!r} instead of defining your own actor"
        )


def _alias_keys(alias: str, exact: bool) -> list[tuple[str, ...]]:
    forms = surface_forms(alias, with_plural=False)
    return forms if exact else [tuple(token.lower() for token in form) for form in forms]


def resolve_actors(
    actors: Sequence[Actor],
    packs: Mapping[str, Pack],
    report: Callable[[LexiconError], None],
) -> tuple[tuple[Actor, ...], tuple[ActorOverride, ...]]:
    """``actors`` after the higher-ranked packs took over ids and aliases, and the take-overs;
    an alias shared by packs of the same rank goes to ``report`` (an id they share is left
    for the id check)."""
    ordered = sorted(actors, key=lambda actor: rank(packs[actor.pack]))
    overrides: list[ActorOverride] = []
    first_by_id: dict[str, Actor] = {}
    replaced: set[int] = set()
    for actor in ordered:
        first = first_by_id.setdefault(actor.id, actor)
        if first is not actor and rank(packs[first.pack]) < rank(packs[actor.pack]):
            replaced.add(id(actor))
            overrides.append(ActorOverride(first, packs[first.pack], actor, packs[actor.pack]))
    seen: dict[tuple[str, ...], Actor] = {}
    taken: dict[tuple[int, int], list[str]] = {}
    for actor in (a for a in ordered if id(a) not in replaced):
        named = [(alias, False) for alias in actor.aliases]
        named += [(alias, True) for alias in actor.case_sensitive_aliases]
        for alias, exact in named:
            keys = _alias_keys(alias, exact)
            other = next((seen[k] for k in keys if k in seen and seen[k] is not actor), None)
            if other is None:
                seen.update((key, actor) for key in keys)
            elif rank(packs[other.pack]) < rank(packs[actor.pack]):
                taken.setdefault((id(other), id(actor)), []).append(alias)
            else:
                report(
                    LexiconError(
                        packs[actor.pack].path,
                        actor.line,
                        f"alias {' '.join(keys[0])!r} of actor {actor.id!r} is already an alias "
                        f"of {other.id!r} at {packs[other.pack].path}:{other.line}",
                    )
                )
    by_identity = {id(actor): actor for actor in actors}
    lost: dict[int, set[str]] = {}
    for (winner_id, loser_id), aliases in taken.items():
        winner, loser = by_identity[winner_id], by_identity[loser_id]
        lost.setdefault(loser_id, set()).update(aliases)
        overrides.append(
            ActorOverride(winner, packs[winner.pack], loser, packs[loser.pack], tuple(aliases))
        )
    kept = tuple(
        _without_aliases(actor, lost.get(id(actor), set()))
        for actor in actors
        if id(actor) not in replaced
    )
    return kept, tuple(overrides)


def _without_aliases(actor: Actor, lost: set[str]) -> Actor:
    if not lost:
        return actor
    return replace(
        actor,
        aliases=tuple(a for a in actor.aliases if a not in lost),
        case_sensitive_aliases=tuple(a for a in actor.case_sensitive_aliases if a not in lost),
    )
