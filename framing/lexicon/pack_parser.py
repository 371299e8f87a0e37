"""Parse and validate one term pack's YAML text into a :class:`Pack` with its concepts and
actors.

The schema is documented in ``lexicons/README.md``. Parsing works on text, so tests and other
callers can validate a pack without touching the file system; :mod:`framing.lexicon.loader`
reads the files and merges the packs into one lexicon.
"""

from __future__ import annotations

import hashlib

from framing.errors import LexiconError
from framing.lexicon.matcher import surface_forms
from framing.lexicon.model import Actor, Concept, Pack, Variant
from framing.lexicon.schema import Node, Reader, compose, line_of

PACK_KINDS = ("terms", "frames")
PACK_SCOPES = ("general", "topic")
TARGET_RULES = ("names", "nearby")
_ABOUT_REQUIRED = ("name", "title", "description", "language", "version", "licence", "sources")

ParsedPack = tuple[Pack, tuple[Concept, ...], tuple[Actor, ...]]


def parse_pack(text: str, path: str) -> ParsedPack:
    """Parse and validate one term pack; the first error raises, naming ``path`` and the line."""
    return parse_pack_with(Reader(path), text)


def parse_pack_with(reader: Reader, text: str) -> ParsedPack:
    """Parse one pack with ``reader``: one that raises at the first error, or one that
    collects every problem it can (see :class:`~framing.lexicon.schema.Reader`)."""
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
