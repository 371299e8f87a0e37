"""Lexicon files written for a person to edit: the starter of ``lexicon new`` and the draft of
``lexicon suggest``. Both pass ``framing lexicon validate`` as written."""

from __future__ import annotations

import json
import re
from importlib import resources
from string import Template

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
