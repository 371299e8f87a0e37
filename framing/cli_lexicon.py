"""``framing lexicon ...``: list, show, validate, start and suggest lexicons."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from framing.cli_options import (
    DEFAULT_MAX_CHARS,
    DEFAULT_MAX_FILE_MB,
    LexiconOption,
    ManifestOption,
    PackOption,
    PathsArgument,
    errors_reported,
    warn,
)
from framing.errors import UsageError
from framing.lexicon.model import Lexicon
from framing.settings import DEFAULT_PACKS

lexicon_app = typer.Typer(
    help="List, show, check, start and suggest lexicons (term lists as YAML).",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@lexicon_app.command("list")
def list_packs(lexicon: LexiconOption = None, pack: PackOption = None) -> None:
    """List the packs, their concepts and how many variants each has."""
    with errors_reported():
        from tabulate import tabulate

        from framing.lexicon.loader import builtin_pack_names, read_lexicon

        loaded = read_lexicon(lexicon or (), pack or DEFAULT_PACKS)
        rows = [[p.name, p.kind, p.version, p.title, p.path] for p in loaded.packs]
        typer.echo(tabulate(rows, headers=["pack", "kind", "version", "title", "file"]))
        typer.echo(
            f"\nBuilt-in packs: {', '.join(builtin_pack_names())}; default: "
            f"{', '.join(DEFAULT_PACKS)}.\n"
        )
        concept_rows = [
            [c.pack, c.id, c.label, len(c.variants)] for c in (*loaded.concepts, *loaded.frames)
        ]
        typer.echo(tabulate(concept_rows, headers=["pack", "concept", "label", "variants"]))
        typer.echo(
            f"\n{len(loaded.concepts)} concepts, {len(loaded.frames)} frame dimensions, "
            f"{sum(len(c.variants) for c in (*loaded.concepts, *loaded.frames))} variants, "
            f"{len(loaded.actors)} actors."
        )


@lexicon_app.command("show")
def show(
    concept: Annotated[str, typer.Argument(help="A concept id, as in `framing lexicon list`.")],
    lexicon: LexiconOption = None,
    pack: PackOption = None,
) -> None:
    """Show one concept: every variant with its connotation, forms and note."""
    with errors_reported():
        from tabulate import tabulate

        from framing.lexicon.loader import read_lexicon

        loaded = read_lexicon(lexicon or (), pack or DEFAULT_PACKS)
        try:
            found = loaded.concept(concept)
        except KeyError:
            known = sorted(c.id for c in (*loaded.concepts, *loaded.frames))
            close = [k for k in known if concept.lower() in k][:5] or known[:5]
            raise UsageError(
                f"no concept {concept!r}; for example: {', '.join(close)} "
                "(see `framing lexicon list`)"
            ) from None
        typer.echo(f"{found.label} ({found.id}, pack {found.pack})")
        typer.echo(textwrap.fill(found.note, 88) + "\n")
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
        typer.echo(tabulate(rows, headers=["variant", "connotation", "forms", "neutral", "note"]))


@lexicon_app.command("validate")
def validate(
    file: Annotated[Path, typer.Argument(help="The lexicon file (YAML) to check.")],
    alone: Annotated[
        bool,
        typer.Option(
            "--alone",
            help="Check the file by itself, not against the packs it will be used with.",
        ),
    ] = False,
    pack: PackOption = None,
) -> None:
    """Check a lexicon file and report every problem with its line; exit 1 if there is any."""
    with errors_reported():
        from framing.lexicon.loader import (
            builtin_text,
            parse_pack,
            read_data_file,
            validate_pack,
        )

        text = read_data_file(file)
        others = (
            []
            if alone
            else [
                parse_pack(builtin_text(f"{n}.yaml"), f"lexicons/{n}.yaml")
                for n in (pack or DEFAULT_PACKS)
            ]
        )
        problems = validate_pack(text, str(file), others)
        if problems:
            for problem in problems:
                typer.echo(str(problem), err=True)
            typer.echo(f"{len(problems)} problem(s) in {file}.", err=True)
            raise typer.Exit(1)
        parsed = parse_pack(text, str(file))
        variants = sum(len(c.variants) for c in parsed[1])
        typer.echo(
            f"{file}: valid ({len(parsed[1])} concepts, {variants} variants, "
            f"{len(parsed[2])} actors)."
        )


@lexicon_app.command("new")
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
        typer.echo(
            f"Wrote {target}. Edit it, then run: framing lexicon validate {target}", err=True
        )


def known_forms(lexicon: Lexicon) -> dict[str, str]:
    """Lower-case forms (and plurals) of every loaded variant -> "pack: concept"."""
    from framing.lexicon.matcher import surface_forms

    known: dict[str, str] = {}
    for concept in (*lexicon.concepts, *lexicon.frames):
        for variant in concept.variants:
            for form in variant.forms:
                for tokens in surface_forms(form, variant.plural):
                    known.setdefault(" ".join(tokens).lower(), f"{concept.pack}: {concept.id}")
    return known


@lexicon_app.command("suggest")
def suggest(
    paths: PathsArgument,
    actor: Annotated[
        str,
        typer.Option(
            "--actor",
            metavar="NAME",
            help="The actor to study: a lexicon actor's id, label or alias, or any name.",
        ),
    ],
    manifest: ManifestOption = None,
    lexicon: LexiconOption = None,
    pack: PackOption = None,
    window: Annotated[
        int,
        typer.Option("--window", min=1, max=10, help="Words either side of a mention to read."),
    ] = 3,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", metavar="FILE", help="Where to write the draft (default: ACTOR-draft.yaml)."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing draft.")] = False,
) -> None:
    """Find the words near an actor's mentions that set outlets apart; write a draft lexicon."""
    with errors_reported():
        from tabulate import tabulate

        from framing.compare.suggest import actor_aliases, suggest_descriptors
        from framing.corpus.readers import read_corpus
        from framing.lexicon.loader import read_lexicon, read_stopwords
        from framing.render.files import write_atomic
        from framing.render.lexicon_files import draft_lexicon, slug
        from framing.render.terminal import skipped_lines
        from framing.render.text import in_context
        from framing.settings import CompareSettings, ReadSettings

        loaded = read_lexicon(lexicon or (), pack or DEFAULT_PACKS)
        aliases = actor_aliases(loaded, actor)
        target = out or Path(f"{slug(aliases.label)}-draft.yaml")
        if target.exists() and not force:
            raise UsageError(f"{target} exists; choose another --out or add --force")
        limits = ReadSettings(int(DEFAULT_MAX_FILE_MB * 2**20), DEFAULT_MAX_CHARS)
        corpus = read_corpus(paths, manifest=manifest, limits=limits)
        warn(corpus.warnings)
        for line in skipped_lines(corpus):
            typer.echo(line, err=True)
        settings = CompareSettings(top_terms=15)
        found = suggest_descriptors(
            corpus.articles,
            [a.outlet for a in corpus.articles],
            aliases,
            read_stopwords(),
            settings,
            window,
        )
        if not found.mentions:
            raise UsageError(
                f"--actor {actor!r}: no mention found (looked for "
                f"{', '.join((*aliases.aliases, *aliases.case_sensitive_aliases))})"
            )
        known = known_forms(loaded)
        typer.echo(
            f"{aliases.label}: {found.mentions} mentions in {found.articles_with_mentions} "
            f"articles; words within {window} of each mention, by outlet (z > 0: used more "
            "than by the other outlets; 'in lexicon' marks words a loaded pack already has).\n"
        )
        for group in dict.fromkeys(t.group for t in found.terms):  # already in report order
            rows = [
                [
                    t.term,
                    t.count,
                    f"{t.z:.2f}",
                    ("yes" if t.significant else "no") if t.tested else "not tested",
                    known.get(t.term, ""),
                    in_context(t.examples[0], 4) if t.examples else "",
                ]
                for t in found.terms
                if t.group == group
            ]
            typer.echo(group)
            headers = ["term", "count", "z", "significant", "in lexicon", "in context"]
            typer.echo(tabulate(rows, headers=headers))
            typer.echo("")
        new_terms = replace(found, terms=tuple(t for t in found.terms if t.term not in known))
        if not new_terms.terms:
            raise UsageError(
                f"no new word to draft for {aliases.label}: every word found is already in a "
                "loaded pack, or only one outlet mentions the actor (nothing to compare)"
            )
        write_atomic(target, draft_lexicon(new_terms, [str(p) for p in paths]))
        typer.echo(
            f"Wrote the draft {target} ({len({t.term for t in new_terms.terms})} words not yet "
            f"in a loaded pack); review it, then: framing lexicon validate {target}",
            err=True,
        )
