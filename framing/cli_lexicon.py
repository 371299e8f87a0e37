"""``framing lexicon ...``: list, show, validate, start and suggest lexicons."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from framing.cli_options import (
    DEFAULT_MAX_CHARS,
    DEFAULT_MAX_FILE_MB,
    LexiconOption,
    ManifestOption,
    PathsArgument,
    ReadableCommand,
    echo,
    errors_reported,
    warn,
)
from framing.cli_paths import check_output_file
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


@lexicon_app.command("suggest", cls=ReadableCommand)
def suggest(
    paths: PathsArgument,
    actor: Annotated[
        str | None,
        typer.Option(
            "--actor",
            metavar="NAME",
            help="The actor to study: a lexicon actor's id, label or alias, or any name.",
        ),
    ] = None,
    all_names: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Study every name printed often by two or more outlets (found without a "
            "lexicon) and draft their strongest labels (default file: epithets-draft.yaml).",
        ),
    ] = False,
    manifest: ManifestOption = None,
    lexicon: LexiconOption = None,
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
    """Find the words near an actor's mentions (or, with --all, next to every often-named
    person, group or place) that set outlets apart; write a draft lexicon."""
    with errors_reported():
        if all_names == (actor is not None):
            raise UsageError("give either --actor NAME or --all")
        if actor is None:
            _suggest_all(paths, manifest, lexicon, out, force)
            return
        from tabulate import tabulate

        from framing.compare.suggest import actor_aliases, suggest_descriptors
        from framing.corpus.readers import read_corpus
        from framing.lexicon.loader import read_lexicon, read_stopwords
        from framing.render.files import write_atomic
        from framing.render.lexicon_files import draft_lexicon, slug
        from framing.render.terminal import skipped_lines
        from framing.render.text import in_context
        from framing.settings import CompareSettings, ReadSettings

        loaded = read_lexicon(lexicon or ())
        aliases = actor_aliases(loaded, actor)
        target = out or Path(f"{slug(aliases.label)}-draft.yaml")
        check_output_file(target, paths, manifest, lexicon or ())
        if target.exists() and not force:
            raise UsageError(f"{target} exists; choose another --out or add --force")
        limits = ReadSettings(int(DEFAULT_MAX_FILE_MB * 2**20), DEFAULT_MAX_CHARS)
        corpus = read_corpus(paths, manifest=manifest, limits=limits)
        warn(corpus.warnings)
        for line in skipped_lines(corpus):
            echo(line, err=True)
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
        echo(
            f"{aliases.label}: {found.mentions} mentions in {found.articles_with_mentions} "
            f"articles; words within {window} of each mention, by outlet (z > 0: used more "
            "than by the other outlets; 'in lexicon' marks words a loaded pack already has).\n"
        )
        for group in dict.fromkeys(t.group for t in found.terms):  # already in report order
            rows = [
                [
                    t.term + (f" (also: {', '.join(t.related)})" if t.related else ""),
                    t.count,
                    f"{t.z:.2f}",
                    ("yes" if t.significant else "no") if t.tested else "not tested",
                    known.get(t.term, ""),
                    in_context(t.examples[0], 4) if t.examples else "",
                ]
                for t in found.terms
                if t.group == group
            ]
            echo(group)
            headers = ["term", "count", "z", "significant", "in lexicon", "in context"]
            echo(tabulate(rows, headers=headers))
            echo("")
        new_terms = replace(found, terms=tuple(
            replace(t, related=tuple(r for r in t.related if r not in known))
            for t in found.terms if t.term not in known
        ))  # fmt: skip
        if not new_terms.terms:
            raise UsageError(
                f"no new word to draft for {aliases.label}: every word found is already in a "
                "loaded pack, or only one outlet mentions the actor (nothing to compare)"
            )
        write_atomic(target, draft_lexicon(new_terms, [str(p) for p in paths]))
        echo(
            f"Wrote the draft {target} ({len({t.term for t in new_terms.terms})} words not yet "
            f"in a loaded pack); review it, then: framing lexicon validate {target}",
            err=True,
        )


def _suggest_all(
    paths: list[Path],
    manifest: Path | None,
    lexicon: list[Path] | None,
    out: Path | None,
    force: bool,
) -> None:
    from tabulate import tabulate

    from framing.compare.epithets import article_epithets
    from framing.corpus.readers import read_corpus
    from framing.lexicon.loader import read_lexicon, read_stopwords
    from framing.render.epithets_section import label_text
    from framing.render.files import write_atomic
    from framing.render.lexicon_files import epithet_lexicon
    from framing.render.terminal import skipped_lines
    from framing.settings import CompareSettings, ReadSettings

    loaded = read_lexicon(lexicon or ())
    target = out or Path("epithets-draft.yaml")
    if target.exists() and not force:
        raise UsageError(f"{target} exists; choose another --out or add --force")
    limits = ReadSettings(int(DEFAULT_MAX_FILE_MB * 2**20), DEFAULT_MAX_CHARS)
    corpus = read_corpus(paths, manifest=manifest, limits=limits)
    warn(corpus.warnings)
    for line in skipped_lines(corpus):
        echo(line, err=True)
    articles = corpus.articles
    found = article_epithets(
        articles, [a.outlet for a in articles], read_stopwords(), CompareSettings()
    )
    if not found:
        raise UsageError(
            "no name is printed with labels by two or more outlets; --all needs articles from "
            "at least two outlets that name the same people"
        )
    rows = [
        [e.name, e.group, label_text(e, e.name), e.count, f"{e.z:.2f}",
         ("yes" if e.significant else "no") if e.tested else "not tested"]
        for e in found
    ]  # fmt: skip
    echo(tabulate(rows, headers=["name", "outlet", "label", "count", "z", "significant"]))
    write_atomic(target, epithet_lexicon(found, [str(p) for p in paths], set(known_forms(loaded))))
    echo(f"Wrote the draft {target}; review it, then: framing lexicon validate {target}", err=True)
