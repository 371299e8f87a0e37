"""Load term packs from YAML and merge them into one :class:`Lexicon`.

The schema is documented in ``lexicons/README.md``. Parsing works on text, so tests and other
callers can validate a pack without touching the file system; :func:`read_lexicon` does the file
reading. Built-in packs ship inside the package and are found with ``importlib.resources``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Literal, overload

from framing.errors import LexiconError
from framing.lexicon.matcher import surface_forms
from framing.lexicon.model import Actor, Concept, Lexicon, Pack, Variant
from framing.lexicon.precedence import ActorOverride, Override, resolve_actors, resolve_forms
from framing.lexicon.schema import Node, Reader, compose, line_of
from framing.settings import DEFAULT_PACKS as DEFAULT_PACKS

# The general packs, in the order their sections appear in reports.
_GENERAL_ORDER = ("general", "loaded_language")
PACK_KINDS = ("terms", "frames")
PACK_SCOPES = ("general", "topic")
TARGET_RULES = ("names", "nearby")
_ABOUT_REQUIRED = ("name", "title", "description", "language", "version", "licence", "sources")
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


ParsedPack = tuple[Pack, tuple[Concept, ...], tuple[Actor, ...]]


def parse_pack(text: str, path: str) -> ParsedPack:
    """Parse and validate one term pack; the first error raises, naming ``path`` and the line."""
    return _parse_pack(Reader(path), text)


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
        parsed = _parse_pack(reader, text)
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


def _parse_pack(reader: Reader, text: str) -> ParsedPack:
    path = reader.path
    root = compose(text, path)
    top = reader.mapping(root, "the file", required=("about",), optional=("concepts", "actors"))
    about = reader.mapping(
        top["about"],
        "about",
        _ABOUT_REQUIRED,
        optional=("connotations", "kind", "scope", "detect"),
    )
    if "connotations" not in about:
        raise reader.fail(top["about"], "about is missing 'connotations'")
    connotations = _connotations(reader, about["connotations"])
    name = reader.identifier(about["name"], "about.name")
    kind = reader.text(about["kind"], "about.kind") if "kind" in about else "terms"
    if kind not in PACK_KINDS:
        raise reader.fail(about["kind"], f"about.kind must be one of {', '.join(PACK_KINDS)}")
    scope, detect = _scope(reader, about, kind)
    pack = Pack(
        name=name,
        title=reader.text(about["title"], "about.title"),
        description=reader.text(about["description"], "about.description"),
        language=reader.text(about["language"], "about.language"),
        version=reader.text(about["version"], "about.version"),
        licence=reader.text(about["licence"], "about.licence"),
        sources=reader.text_list(about["sources"], "about.sources"),
        connotations=connotations,
        path=path,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        kind=kind,
        scope=scope,
        detect=detect,
    )
    labels = {label for label, _meaning in connotations}
    concept_nodes = reader.sequence(top["concepts"], "concepts") if "concepts" in top else []
    actor_nodes = reader.sequence(top["actors"], "actors") if "actors" in top else []
    concepts = tuple(
        c for c in (reader.attempt(_concept, reader, n, name, labels) for n in concept_nodes) if c
    )
    actors = tuple(a for a in (reader.attempt(_actor, reader, n, name) for n in actor_nodes) if a)
    if not concept_nodes and not actor_nodes:
        raise reader.fail(root, "the pack defines no concepts and no actors")
    if kind == "frames" and actor_nodes:
        raise reader.fail(top["actors"], "a frames pack has no actors; put them in a terms pack")
    return pack, concepts, actors


def _scope(reader: Reader, about: dict[str, Node], kind: str) -> tuple[str, tuple[str, ...]]:
    """``about.scope`` (general by default) and the ``about.detect`` terms a topic pack needs."""
    scope = reader.text(about["scope"], "about.scope") if "scope" in about else "general"
    if scope not in PACK_SCOPES:
        raise reader.fail(
            about["scope"], f"about.scope {scope!r} must be one of {', '.join(PACK_SCOPES)}"
        )
    detect = reader.text_list(about["detect"], "about.detect") if "detect" in about else ()
    if scope == "topic" and not detect:
        raise reader.fail(
            about.get("scope", about["name"]),
            "a topic pack needs about.detect: the terms that show an article is on its topic",
        )
    if scope == "general" and detect:
        raise reader.fail(
            about["detect"],
            "about.detect is only for packs with scope: topic (general packs are always used)",
        )
    if kind == "frames" and scope != "general":
        raise reader.fail(about["scope"], "a frames pack is general: remove about.scope")
    detect_nodes = reader.sequence(about["detect"], "about.detect") if detect else []
    for term, node in zip(detect, detect_nodes, strict=True):
        if not surface_forms(term, with_plural=False):
            raise reader.fail(node, f"detect term {term!r} contains no letters or digits")
    return scope, detect


def _connotations(reader: Reader, node: Node) -> tuple[tuple[str, str], ...]:
    entries = reader.mapping(node, "about.connotations", required=(), any_key=True)
    if not entries:
        raise reader.fail(node, "about.connotations must define at least one label")
    return tuple(
        (label, reader.text(value, f"the meaning of connotation {label!r}"))
        for label, value in entries.items()
    )


def _concept(reader: Reader, node: Node, pack: str, labels: set[str]) -> Concept:
    keys = reader.mapping(
        node,
        "a concept",
        required=("id", "label", "note", "variants"),
        optional=("target", "target_rule"),
    )
    concept_id = reader.identifier(keys["id"], "concept id")
    target = (
        reader.identifier(keys["target"], f"the target of {concept_id!r}")
        if ("target" in keys)
        else ""
    )
    target_rule = ""
    if "target_rule" in keys:
        if not target:
            raise reader.fail(
                keys["target_rule"], f"target_rule of {concept_id!r} needs a target (an actor id)"
            )
        target_rule = reader.text(keys["target_rule"], f"the target_rule of {concept_id!r}")
        if target_rule not in TARGET_RULES:
            raise reader.fail(
                keys["target_rule"],
                f"target_rule {target_rule!r} of {concept_id!r} must be one of "
                f"{', '.join(TARGET_RULES)}",
            )
    elif target:
        target_rule = "nearby"
    variant_nodes = reader.sequence(keys["variants"], f"the variants of {concept_id!r}")
    if not variant_nodes:
        raise reader.fail(keys["variants"], f"concept {concept_id!r} has no variants")
    label = reader.text(keys["label"], f"the label of {concept_id!r}")
    note = reader.text(keys["note"], f"the note of {concept_id!r}")
    variants = [reader.attempt(_variant, reader, v, concept_id, labels) for v in variant_nodes]
    terms: dict[str, int] = {}
    for variant in variants:
        if variant is None:
            continue
        if variant.term in terms:
            reader.attempt(_duplicate_term, reader.path, variant, terms[variant.term])
        terms.setdefault(variant.term, variant.line)
    return Concept(
        id=concept_id,
        label=label,
        note=note,
        variants=tuple(v for v in variants if v is not None),
        pack=pack,
        line=line_of(node),
        target=target,
        target_rule=target_rule,
    )


def _variant(reader: Reader, node: Node, concept_id: str, labels: set[str]) -> Variant:
    keys = reader.mapping(
        node,
        f"a variant of {concept_id!r}",
        required=("term", "connotation", "note"),
        optional=("forms", "case_sensitive", "plural", "neutral_alternative"),
    )
    term = reader.text(keys["term"], f"a term of {concept_id!r}")
    connotation = reader.text(keys["connotation"], f"the connotation of {term!r}")
    if connotation not in labels:
        valid = ", ".join(sorted(labels))
        raise reader.fail(
            keys["connotation"],
            f"connotation {connotation!r} of {term!r} is not declared in about.connotations "
            f"(declared: {valid})",
        )
    forms = (
        reader.text_list(keys["forms"], f"the forms of {term!r}") if "forms" in keys else (term,)
    )
    for form, form_node in zip(forms, _form_nodes(keys, term), strict=True):
        if not surface_forms(form, with_plural=False):
            raise reader.fail(form_node, f"form {form!r} of {term!r} contains no letters or digits")
    case_sensitive = (
        reader.boolean(keys["case_sensitive"], f"case_sensitive of {term!r}")
        if "case_sensitive" in keys
        else False
    )
    with_plural = (
        reader.boolean(keys["plural"], f"plural of {term!r}")
        if "plural" in keys
        else not case_sensitive
    )
    return Variant(
        concept=concept_id,
        term=term,
        connotation=connotation,
        note=reader.text(keys["note"], f"the note of {term!r}"),
        forms=forms,
        case_sensitive=case_sensitive,
        plural=with_plural,
        line=line_of(node),
        neutral_alternative=(
            reader.text(keys["neutral_alternative"], f"the neutral_alternative of {term!r}")
            if "neutral_alternative" in keys
            else ""
        ),
    )


def _duplicate_term(path: str, variant: Variant, first_line: int) -> None:
    raise LexiconError(
        path,
        variant.line,
        f"variant {variant.term!r} of {variant.concept!r} is listed twice (first at line "
        f"{first_line}); list extra spellings under one variant's forms",
    )


def _form_nodes(keys: dict[str, Node], term: str) -> list[Node]:
    if "forms" in keys:
        return list(keys["forms"].value)
    return [keys["term"]]


def _actor(reader: Reader, node: Node, pack: str) -> Actor:
    keys = reader.mapping(
        node, "an actor", required=("id", "label"), optional=("aliases", "case_sensitive_aliases")
    )
    actor_id = reader.identifier(keys["id"], "actor id")
    aliases = (
        reader.text_list(keys["aliases"], f"the aliases of {actor_id!r}", allow_empty=True)
        if "aliases" in keys
        else ()
    )
    exact = (
        reader.text_list(keys["case_sensitive_aliases"], f"case_sensitive_aliases of {actor_id!r}")
        if "case_sensitive_aliases" in keys
        else ()
    )
    if not aliases and not exact:
        raise reader.fail(node, f"actor {actor_id!r} has no aliases")
    return Actor(
        id=actor_id,
        label=reader.text(keys["label"], f"the label of {actor_id!r}"),
        aliases=aliases,
        case_sensitive_aliases=exact,
        pack=pack,
        line=line_of(node),
    )


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


def builtin_pack(name: str) -> ParsedPack:
    """One built-in pack, parsed and marked as built-in; an unknown name lists the valid ones."""
    available = builtin_pack_names()
    if name not in available:
        raise LexiconError(
            f"lexicons/{name}.yaml",
            None,
            f"there is no built-in pack {name!r}; available: {', '.join(available)}",
        )
    pack, concepts, actors = parse_pack(builtin_text(f"{name}.yaml"), f"lexicons/{name}.yaml")
    return replace(pack, builtin=True), concepts, actors


def builtin_packs() -> list[ParsedPack]:
    """Every built-in pack, in report order: topic packs by name, then the general packs
    (attribution and hedging, loaded language, other general packs, frames)."""
    parsed = [builtin_pack(name) for name in builtin_pack_names()]

    def order(part: ParsedPack) -> tuple[int, int, str]:
        pack = part[0]
        if pack.scope == "topic":
            return (0, 0, pack.name)
        position = _GENERAL_ORDER.index(pack.name) if pack.name in _GENERAL_ORDER else 2
        return (1, 3 if pack.kind == "frames" else position, pack.name)

    return sorted(parsed, key=order)


def read_lexicon(paths: Sequence[str | Path] = (), packs: Sequence[str] | None = None) -> Lexicon:
    """Every built-in pack (or only those named in ``packs``) plus the user's pack files at
    ``paths``, merged. Topic packs are all in it: :func:`framing.lexicon.topics.choose_packs`
    keeps those the corpus is about."""
    parsed = builtin_packs() if packs is None else [builtin_pack(name) for name in packs]
    for path in paths:
        parsed.append(parse_pack(read_data_file(path), str(path)))
    return merge(parsed)


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
