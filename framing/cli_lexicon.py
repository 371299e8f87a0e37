"""``framing lexicon ...``: list, show, validate, start and suggest lexicons."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from framing.cli_options import (
    LexiconOption,
    ReadableCommand,
    echo,
    errors_reported,
)
from framing.cli_suggest import suggest
from framing.errors import UsageError

if TYPE_CHECKING:  # types only: the lexicon models load when a command runs
    from framing.lexicon.model import Concept, Lexicon

lexicon_app = typer.Typer(
    help="List, show, check, start and suggest lexicons (term lists as YAML).",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@lexicon_app.command("list", cls=ReadableCommand)
def list_packs(lexicon: LexiconOption = None) -> None:
    """List the packs (general, or about a topic with its detection terms), their concepts and
    how many variants each has."""
    with errors_reported():
        from tabulate import tabulate

        from framing.lexicon.loader import read_lexicon
        from framing.lexicon.topics import TopicRule

        loaded = read_lexicon(lexicon or ())
        rows = [
            [p.name, _scope(p.scope, p.builtin), p.kind, p.version, p.title, p.path]
            for p in loaded.packs
        ]
        echo(tabulate(rows, headers=["pack", "used", "kind", "version", "title", "file"]))
        topic = [p for p in loaded.packs if p.scope == "topic" and p.builtin]
        rule = TopicRule().describe() + " --pack NAME forces it on, --no-pack NAME keeps it off."
        echo("\n" + textwrap.fill("General packs are always used. " + rule, 88))
        for pack in topic:
            echo(
                textwrap.fill(
                    f"{pack.name} detects: {', '.join(pack.detect)}", 88, subsequent_indent="  "
                )
            )
        for notice in loaded.notices:
            echo(textwrap.fill(f"Note: {notice}", 88, subsequent_indent="  "))
        echo("")
        concept_rows = [
            [c.pack, c.id, c.label, len(c.variants)] for c in (*loaded.concepts, *loaded.frames)
        ]
        echo(tabulate(concept_rows, headers=["pack", "concept", "label", "variants"]))
        echo(
            f"\n{len(loaded.concepts)} concepts, {len(loaded.frames)} frame dimensions, "
            f"{sum(len(c.variants) for c in (*loaded.concepts, *loaded.frames))} variants, "
            f"{len(loaded.actors)} actors."
        )


def _find_concept(loaded: Lexicon, wanted: str) -> Concept:
    """The concept (or frame) whose id or label is ``wanted``, in any letter case; failing
    that, an error that suggests the closest ids and labels."""
    import difflib

    concepts = (*loaded.concepts, *loaded.frames)
    key = " ".join(wanted.split()).casefold()
    for concept in concepts:
        if key in (concept.id.casefold(), " ".join(concept.label.split()).casefold()):
            return concept
    names = {c.id.casefold(): c.id for c in concepts}
    names.update({c.label.casefold(): c.label for c in concepts})
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.5)
    close += [name for name in sorted(names) if key in name and name not in close]
    suggestions = [names[name] for name in close[:3]]
    hint = (
        "did you mean " + " or ".join(repr(s) for s in suggestions) + "?"
        if suggestions
        else "for example: " + ", ".join(sorted(c.id for c in concepts)[:5])
    )
    raise UsageError(f"no concept {wanted!r}; {hint} (see `framing lexicon list`)")


def _scope(scope: str, builtin: bool) -> str:
    if not builtin:
        return "always (your file)"
    return "always (general)" if scope == "general" else "when on topic"


@lexicon_app.command("show", cls=ReadableCommand)
def show(
    concept: Annotated[
        str,
        typer.Argument(
            metavar="CONCEPT",
            help="A concept id or label, as in `framing lexicon list` (e.g. "
            'criticism_verbs, or "Verbs that dramatize criticism").',
        ),
    ],
    lexicon: LexiconOption = None,
) -> None:
    """Show one concept: every variant with its connotation, forms and note."""
    with errors_reported():
        from tabulate import tabulate

        from framing.lexicon.loader import read_lexicon

        loaded = read_lexicon(lexicon or ())
        found = _find_concept(loaded, concept)
        echo(f"{found.label} ({found.id}, pack {found.pack})")
        if found.target:
            rule = found.target_rule or "nearby"
            meaning = (
                "every match counts"
                if rule == "names"
                else "counts only where the target is in scope"
            )
            echo(f"Aimed at: {found.target} ({rule}: {meaning})")
        echo(textwrap.fill(found.note, 88) + "\n")
        rows = [
            [
                v.term,
                v.connotation,
                ", ".join(v.forms) if v.forms != (v.term,) else "",
                v.neutral_alternative,
                textwrap.fill(v.note, 48),
            ]
            for v in found.variants
        ]
        echo(tabulate(rows, headers=["variant", "connotation", "forms", "neutral", "note"]))


@lexicon_app.command("validate", cls=ReadableCommand)
def validate(
    file: Annotated[Path, typer.Argument(help="The lexicon file (YAML) to check.")],
    alone: Annotated[
        bool,
        typer.Option(
            "--alone",
            help="Check the file by itself, not against the built-in packs.",
        ),
    ] = False,
) -> None:
    """Check a lexicon file and report every problem with its line; exit 1 if there is any.

    A form the file shares with a built-in pack is a warning, not a problem: your entry
    replaces the pack's when both are used."""
    with errors_reported():
        from framing.lexicon.loader import builtin_packs, check_pack, read_data_file
        from framing.lexicon.pack_parser import parse_pack

        text = read_data_file(file)
        builtin = [] if alone else builtin_packs()
        problems, overrides = check_pack(text, str(file), builtin)
        name = _pack_name(text)
        for pack, _concepts, _actors in builtin:
            if pack.name == name:
                echo(
                    f"Warning: {file}: about.name {name!r} is the name of the built-in pack "
                    f"{pack.path}; your file replaces that pack whenever you use it. To use "
                    "both, give your file another about.name",
                    err=True,
                )
        for override in overrides:
            echo(f"Warning: {override.warning()}", err=True)
        if problems:
            for problem in problems:
                echo(str(problem), err=True)
            echo(f"{len(problems)} problem(s) in {file}.", err=True)
            raise typer.Exit(1)
        parsed = parse_pack(text, str(file))
        variants = sum(len(c.variants) for c in parsed[1])
        from framing.lexicon.literal import literal_of

        for variant in (v for c in parsed[1] for v in c.variants):
            for form in variant.forms:
                literal = literal_of(form)
                if literal is not None:  # "C++" would read as "C" without its punctuation
                    echo(f"Warning: {file}:{variant.line}: {literal.describe(form)}", err=True)
        clashes = f"; {len(overrides)} warning(s)" if overrides else ""
        echo(
            f"{file}: valid ({len(parsed[1])} concepts, {variants} variants, "
            f"{len(parsed[2])} actors{clashes})."
        )


def _pack_name(text: str) -> str:
    from framing.errors import LexiconError
    from framing.lexicon.pack_parser import parse_pack

    try:
        return parse_pack(text, "")[0].name
    except LexiconError:
        return ""


@lexicon_app.command("new", cls=ReadableCommand)
def new(
    topic: Annotated[str, typer.Argument(help="What the lexicon is about, e.g. 'elections'.")],
    out: Annotated[
        Path | None,
        typer.Option("--out", metavar="FILE", help="Where to write it (default: TOPIC.yaml)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter lexicon for a new topic, ready to fill in."""
    with errors_reported():
        from framing.render.files import write_atomic
        from framing.render.lexicon_files import slug, starter_lexicon

        target = out or Path(f"{slug(topic)}.yaml")
        if target.exists() and not force:
            raise UsageError(f"{target} exists; choose another --out or add --force")
        write_atomic(target, starter_lexicon(topic))
        echo(f"Wrote {target}. Edit it, then run: framing lexicon validate {target}", err=True)


# registered last, so that --help lists the commands in this order
lexicon_app.command("suggest", cls=ReadableCommand)(suggest)
