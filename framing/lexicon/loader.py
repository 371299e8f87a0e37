"""Load term packs and merge them into one :class:`Lexicon`.

Each pack is parsed from text by :mod:`framing.lexicon.pack_parser`; :func:`read_lexicon` does
the file reading. Built-in packs ship inside the package and are found with
``importlib.resources``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

from framing.errors import LexiconError
from framing.lexicon.model import Actor, Concept, Lexicon, Pack
from framing.lexicon.pack_parser import ParsedPack, parse_pack, parse_pack_with
from framing.lexicon.precedence import ActorOverride, Override, resolve_actors, resolve_forms
from framing.lexicon.schema import Reader
from framing.settings import DEFAULT_PACKS as DEFAULT_PACKS

if TYPE_CHECKING:
    from framing.lexicon.parsed_packs import ParsedCache

# The general packs, in the order their sections appear in reports.
_GENERAL_ORDER = ("general", "loaded_language")
_NOT_PACKS = ("outlets.yaml", "furniture.yaml")


def builtin_text(filename: str) -> str:
    """The text of a file shipped in ``lexicons/`` (inside the installed package)."""
    resource = resources.files("framing") / "lexicons" / filename
    try:
        return resource.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(
            f"lexicons/{filename}", None, "this built-in file is missing from the installation"
        ) from None


def builtin_pack_names() -> tuple[str, ...]:
    """Names of the term packs shipped with framing (files in ``lexicons/`` with concepts)."""
    folder = resources.files("framing") / "lexicons"
    if not folder.is_dir():
        raise LexiconError(
            "lexicons",
            None,
            "the built-in lexicons are missing from this installation; if it was installed "
            "from a Git checkout on Windows, clone with `git clone -c core.symlinks=true` "
            "and install again",
        )
    names = sorted(
        entry.name[: -len(".yaml")]
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml") and entry.name not in _NOT_PACKS
    )
    return tuple(names)


def validate_pack(text: str, path: str, others: Sequence[ParsedPack] = ()) -> list[LexiconError]:
    """Every problem in one pack (not just the first), including forms that clash with a pack
    of ``others`` of the same rank; an empty list means the pack is valid."""
    return check_pack(text, path, others)[0]


def check_pack(
    text: str, path: str, others: Sequence[ParsedPack] = ()
) -> tuple[list[LexiconError], list[Override | ActorOverride]]:
    """The problems of one user pack (as :func:`validate_pack`) and the forms it takes over
    from the built-in packs among ``others`` (each a warning, not a problem)."""
    reader = Reader(path, collect=True)
    try:
        parsed = parse_pack_with(reader, text)
    except LexiconError as problem:
        return [*reader.problems, problem], []
    problems = list(reader.problems)
    overrides: list[Override | ActorOverride] = []
    if not problems:
        merged = merge([*others, parsed], collect=True)
        problems += merged.problems
        every: list[Override | ActorOverride] = [*merged.overrides, *merged.actor_overrides]
        overrides = sorted(
            (o for o in every if o.winner_pack.name == parsed[0].name),
            key=lambda o: (o.winner.line, o.warning()),
        )
    return sorted(problems, key=lambda p: (p.line or 0, str(p))), overrides


@dataclass
class _Problems:
    """Errors gathered by :func:`merge` when asked to collect rather than raise."""

    collect: bool
    problems: list[LexiconError] = field(default_factory=list)

    def report(self, problem: LexiconError) -> None:
        if not self.collect:
            raise problem
        self.problems.append(problem)


@dataclass(frozen=True)
class _Merged:
    lexicon: Lexicon
    problems: list[LexiconError]
    overrides: tuple[Override, ...] = ()
    actor_overrides: tuple[ActorOverride, ...] = ()


@overload
def merge(parsed: Iterable[ParsedPack]) -> Lexicon: ...
@overload
def merge(parsed: Iterable[ParsedPack], collect: Literal[True]) -> _Merged: ...


def merge(parsed: Iterable[ParsedPack], collect: bool = False) -> Lexicon | _Merged:
    """Combine packs, refusing duplicate pack names, ids and aliases (naming both places).

    Term packs share one matcher, so a form may belong to one variant across all of them;
    frames packs are matched separately and checked among themselves. Where two packs list the
    same form, a user's file wins over a built-in pack and a topic pack over a general one (see
    :mod:`framing.lexicon.precedence`; each take-over is a line of ``Lexicon.notices``); packs
    of the same rank may not share a form. With ``collect`` every problem is gathered instead
    of the first one raised.
    """
    problems = _Problems(collect)
    by_name: dict[str, Pack] = {}
    chosen: dict[str, ParsedPack] = {}
    for part in parsed:
        pack = part[0]
        first = by_name.get(pack.name)
        if first is not None and not (first.builtin and not pack.builtin):
            problems.report(
                LexiconError(
                    pack.path, None, f"pack name {pack.name!r} is already used by {first.path}"
                )
            )
            continue
        if first is not None:  # a user's file named like a built-in pack replaces it
            del chosen[pack.name]
            part = (replace(pack, replaces=first.path), *part[1:])
        by_name[pack.name] = part[0]
        chosen[pack.name] = part
    parts = list(chosen.values())
    by_name = {part[0].name: part[0] for part in parts}
    concepts: list[Concept] = []
    frames: list[Concept] = []
    actors: list[Actor] = []
    for pack, pack_concepts, pack_actors in parts:
        (frames if pack.kind == "frames" else concepts).extend(pack_concepts)
        actors.extend(pack_actors)
    pack_paths = {name: pack.path for name, pack in by_name.items()}
    kept_actors, actor_overrides = resolve_actors(actors, by_name, problems.report)
    _check_unique_ids([*concepts, *frames], kept_actors, pack_paths, problems)
    kept_concepts, term_overrides = resolve_forms(concepts, by_name, problems.report)
    kept_frames, frame_overrides = resolve_forms(frames, by_name, problems.report)
    overrides = (*term_overrides, *frame_overrides)
    _check_targets([*kept_concepts, *kept_frames], kept_actors, pack_paths, problems)
    lexicon = Lexicon(
        packs=tuple(by_name.values()),
        concepts=kept_concepts,
        actors=kept_actors,
        frames=kept_frames,
        notices=(
            *(
                f"{pack.path} replaces the built-in pack {pack.name!r} ({pack.replaces}) in this "
                "run, because it has the same name"
                for pack in by_name.values()
                if pack.replaces
            ),
            *(override.notice() for override in overrides),
            *(override.notice() for override in actor_overrides),
        ),
        parts=tuple(parts),
    )
    return _Merged(lexicon, problems.problems, overrides, actor_overrides) if collect else lexicon


def restrict(lexicon: Lexicon, names: Iterable[str]) -> Lexicon:
    """``lexicon`` with only the packs named, merged again from the packs as parsed (so a form
    a dropped pack had taken over returns to its own pack)."""
    wanted = set(names)
    return merge(part for part in lexicon.parts if part[0].name in wanted)


def _check_unique_ids(
    concepts: Sequence[Concept],
    actors: Sequence[Actor],
    paths: dict[str, str],
    problems: _Problems,
) -> None:
    for kind, items in (("concept", concepts), ("actor", actors)):
        seen: dict[str, tuple[str, int]] = {}
        for item in items:
            where = (paths[item.pack], item.line)
            if item.id in seen:
                first = seen[item.id]
                problems.report(
                    LexiconError(
                        where[0],
                        where[1],
                        f"{kind} id {item.id!r} is already used at {first[0]}:{first[1]}",
                    )
                )
                continue
            seen[item.id] = where


def _check_targets(
    concepts: Sequence[Concept],
    actors: Sequence[Actor],
    paths: dict[str, str],
    problems: _Problems,
) -> None:
    known = {actor.id for actor in actors}
    for concept in concepts:
        if concept.target and concept.target not in known:
            valid = ", ".join(sorted(known)) or "none are loaded"
            problems.report(
                LexiconError(
                    paths[concept.pack],
                    concept.line,
                    f"target {concept.target!r} of concept {concept.id!r} is not the id of an "
                    f"actor in the packs used with it; define it under actors (known: {valid})",
                )
            )


def builtin_pack(name: str, parsed: ParsedCache | None = None) -> ParsedPack:
    """One built-in pack, parsed and marked as built-in; an unknown name lists the valid ones.
    With ``parsed``, a pack parsed before from the same text is taken from it."""
    available = builtin_pack_names()
    if name not in available:
        raise LexiconError(
            f"lexicons/{name}.yaml",
            None,
            f"there is no built-in pack {name!r}; available: {', '.join(available)}",
        )
    path = f"lexicons/{name}.yaml"
    text = builtin_text(f"{name}.yaml")
    known = parsed.get(path, text, builtin=True) if parsed is not None else None
    if known is not None:
        return known
    pack, concepts, actors = parse_pack(text, path)
    result = (replace(pack, builtin=True), concepts, actors)
    if parsed is not None:
        parsed.add(text, result)
    return result


def builtin_packs(parsed: ParsedCache | None = None) -> list[ParsedPack]:
    """Every built-in pack, in report order: topic packs by name, then the general packs
    (attribution and hedging, loaded language, other general packs, frames)."""
    packs = [builtin_pack(name, parsed) for name in builtin_pack_names()]

    def order(part: ParsedPack) -> tuple[int, int, str]:
        pack = part[0]
        if pack.scope == "topic":
            return (0, 0, pack.name)
        position = _GENERAL_ORDER.index(pack.name) if pack.name in _GENERAL_ORDER else 2
        return (1, 3 if pack.kind == "frames" else position, pack.name)

    return sorted(packs, key=order)


def read_lexicon(
    paths: Sequence[str | Path] = (),
    packs: Sequence[str] | None = None,
    parsed: ParsedCache | None = None,
) -> Lexicon:
    """Every built-in pack (or only those named in ``packs``) plus the user's pack files at
    ``paths``, merged. Topic packs are all in it: :func:`framing.lexicon.topics.choose_packs`
    keeps those the corpus is about. With ``parsed`` (:mod:`framing.lexicon.parsed_packs`),
    a file whose text was parsed before is not parsed again."""
    found = (
        builtin_packs(parsed) if packs is None else [builtin_pack(name, parsed) for name in packs]
    )
    for path in paths:
        text, where = read_data_file(path), str(path)
        known = parsed.get(where, text, builtin=False) if parsed is not None else None
        if known is None:
            known = parse_pack(text, where)
            if parsed is not None:
                parsed.add(text, known)
        found.append(known)
    return merge(found)


def read_data_file(path: str | Path) -> str:
    """The UTF-8 text of a user's lexicon file, or a :class:`LexiconError` saying why not."""
    file = Path(path)
    if not file.is_file():
        raise LexiconError(str(path), None, "no such file")
    try:
        return file.read_text(encoding="utf-8")
    except OSError as error:
        raise LexiconError(str(path), None, f"cannot be read: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise LexiconError(
            str(path), None, f"not UTF-8 text (byte {error.start}); save it as UTF-8"
        ) from None


def read_stopwords() -> frozenset[str]:
    """The function words left out of distinguishing terms (``lexicons/stopwords.txt``)."""
    text = builtin_text("stopwords.txt")
    return frozenset(
        line.strip().lower()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )
