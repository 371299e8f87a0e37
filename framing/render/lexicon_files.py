"""Lexicon files written for a person to edit: the starter of ``lexicon new`` and the draft of
``lexicon suggest``. Both pass ``framing lexicon validate`` as written."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence, Set
from importlib import resources
from string import Template

from framing.compare.model import Epithet
from framing.compare.suggest import Suggestions
from framing.render.text import in_context


def slug(text: str) -> str:
    """A lexicon identifier from free text: lower-case letters, digits and underscores."""
    cleaned = re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_")
    if not cleaned:
        return "topic"
    return cleaned if cleaned[0].isalpha() else f"t_{cleaned}"


def _quoted(text: str) -> str:
    # A JSON string is a valid double-quoted YAML scalar, so any text is safe here.
    return json.dumps(text, ensure_ascii=False)


def starter_lexicon(topic: str) -> str:
    """A commented pack for ``topic`` with one example concept, actor and the schema's keys."""
    template = (resources.files("framing.lexicon") / "starter.yaml.template").read_text("utf-8")
    return Template(template).substitute(
        name=slug(topic), topic=topic.strip(), topic_quoted=_quoted(topic.strip())
    )


def draft_lexicon(suggestions: Suggestions, inputs: list[str]) -> str:
    """The suggested context terms as one concept of ``unreviewed`` variants, each with a note
    saying which outlets used it, how distinctive it was and an example."""
    actor = suggestions.actor.label
    name = slug(actor)
    by_term: dict[str, list[str]] = {}
    example: dict[str, str] = {}
    for found in suggestions.terms:
        by_term.setdefault(found.term, []).append(
            f"{found.group} (z = {found.z:.2f}, {found.count}x)"
        )
        for related in found.related:  # "field marshal" grouped under "field"
            by_term.setdefault(related, []).append(f"{found.group} (with {found.term!r})")
        if found.examples and found.term not in example:
            e = found.examples[0]
            example[found.term] = in_context(e)
    lines = [
        f"# Draft lexicon: words used near {actor} that set outlets apart.",
        "# Written by `framing lexicon suggest` from: " + ", ".join(inputs),
        "# Review every entry before use: delete words that do not describe the actor, choose a",
        "# connotation (declare it under about.connotations), rewrite each note for students,",
        "# then check the file with `framing lexicon validate FILE`.",
        "about:",
        f"  name: {name}_draft",
        f"  title: {_quoted(f'How {actor} is described (draft)')}",
        f"  description: {_quoted(f'Words found within a few words of {actor}; unreviewed.')}",
        "  language: en",
        '  version: "0.1"',
        "  licence: CC BY 4.0",
        "  sources:",
        f"    - {_quoted('framing lexicon suggest on ' + ', '.join(inputs))}",
        "  connotations:",
        "    unreviewed: not yet judged by a person",
        "concepts:",
        f"  - id: {name}_descriptors",
        f"    label: {_quoted(f'How {actor} is described')}",
        f"    note: {_quoted(f'Draft: words used near {actor}; review before use.')}",
        "    variants:",
    ]
    if not by_term:
        lines[-1] = "    variants: []  # nothing was found; add variants by hand"
    for term, outlets in by_term.items():
        note = f"Used near {actor} by {'; '.join(outlets)}."
        if term in example:
            note += f" Example: {example[term]}"
        lines += [
            f"      - term: {_quoted(term)}",
            "        connotation: unreviewed",
            f"        note: {_quoted(note)}",
            "        plural: false",
        ]
    return "\n".join(lines) + "\n"


MAX_VARIANTS_PER_NAME = 10


def epithet_lexicon(epithets: Sequence[Epithet], inputs: list[str], known: Set[str]) -> str:
    """The strongest epithets as a draft pack: one concept per name, one ``unreviewed`` variant
    per label (significant labels first, then by z; a label already in ``known`` forms, or
    already drafted for another name, is left out so the draft validates)."""
    order = sorted(epithets, key=lambda e: (not e.significant, -e.z, e.name, e.epithet))
    chosen: dict[str, dict[str, list[Epithet]]] = {}
    taken = set(known)
    for e in order:
        variants = chosen.setdefault(e.name, {})
        if e.epithet in variants:
            variants[e.epithet].append(e)
        elif e.epithet not in taken and len(variants) < MAX_VARIANTS_PER_NAME:
            variants[e.epithet] = [e]
            taken.add(e.epithet)
    lines = [
        "# Draft lexicon: labels outlets give the people, groups and places they name.",
        "# Written by `framing lexicon suggest --all` from: " + ", ".join(inputs),
        "# Review every entry before use: delete labels that are job titles or chance words,",
        "# choose a connotation (declare it under about.connotations), rewrite each note for",
        "# students, then check the file with `framing lexicon validate FILE`.",
        "about:",
        "  name: epithets_draft",
        f"  title: {_quoted('Labels for the people, groups and places named (draft)')}",
        f"  description: {_quoted('Words printed next to names, found without a lexicon.')}",
        "  language: en",
        '  version: "0.1"',
        "  licence: CC BY 4.0",
        "  sources:",
        f"    - {_quoted('framing lexicon suggest --all on ' + ', '.join(inputs))}",
        "  connotations:",
        "    unreviewed: not yet judged by a person",
        "concepts:" if any(chosen.values()) else "concepts: []  # nothing was found",
    ]
    used_ids: set[str] = set()
    for name, variants in sorted(chosen.items()):
        if not variants:
            continue
        concept_id = f"{slug(name)}_labels"
        while concept_id in used_ids:
            concept_id += "_"
        used_ids.add(concept_id)
        lines += [
            f"  - id: {concept_id}",
            f"    label: {_quoted(f'How {name} is labelled')}",
            f"    note: {_quoted(f'Draft: labels printed next to {name}; review before use.')}",
            "    variants:",
        ]
        for label, found in variants.items():
            uses = "; ".join(
                f"{e.group} ({e.position}, z = {e.z:.2f}, {e.count}x"
                f"{', significant' if e.significant else ''})"
                for e in found
            )
            note = f"Printed next to {name} by {uses}."
            example = next((e.example for e in found if e.example), None)
            if example is not None:
                note += f" Example: {in_context(example)}"
            lines += [
                f"      - term: {_quoted(label)}",
                "        connotation: unreviewed",
                f"        note: {_quoted(note)}",
                "        plural: false",
            ]
    return "\n".join(lines) + "\n"
