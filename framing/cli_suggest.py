"""``framing lexicon suggest``: draft a lexicon from the words outlets print near a name."""

from __future__ import annotations

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
    echo,
    errors_reported,
    warn,
)
from framing.cli_paths import check_output_file
from framing.errors import UsageError

if TYPE_CHECKING:  # types only: the models load when the command runs
    from framing.lexicon.model import Lexicon
    from framing.model import Corpus


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
        from framing.lexicon.loader import read_lexicon, read_stopwords
        from framing.render.files import write_atomic
        from framing.render.lexicon_files import draft_lexicon, slug
        from framing.render.text import in_context
        from framing.settings import CompareSettings

        loaded = read_lexicon(lexicon or ())
        aliases = actor_aliases(loaded, actor)
        target = out or Path(f"{slug(aliases.label)}-draft.yaml")
        check_output_file(target, paths, manifest, lexicon or ())
        if target.exists() and not force:
            raise UsageError(f"{target} exists; choose another --out or add --force")
        corpus = _read(paths, manifest)
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
    from framing.lexicon.loader import read_lexicon, read_stopwords
    from framing.render.epithets_section import label_text
    from framing.render.files import write_atomic
    from framing.render.lexicon_files import epithet_lexicon
    from framing.settings import CompareSettings

    loaded = read_lexicon(lexicon or ())
    target = out or Path("epithets-draft.yaml")
    check_output_file(target, paths, manifest, lexicon or ())
    if target.exists() and not force:
        raise UsageError(f"{target} exists; choose another --out or add --force")
    corpus = _read(paths, manifest)
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


def _read(paths: list[Path], manifest: Path | None) -> Corpus:
    """The articles to study, read with the default limits; warnings and skipped inputs are
    printed to stderr."""
    from framing.corpus.readers import read_corpus
    from framing.render.terminal import skipped_lines
    from framing.settings import ReadSettings

    limits = ReadSettings(int(DEFAULT_MAX_FILE_MB * 2**20), DEFAULT_MAX_CHARS)
    corpus = read_corpus(paths, manifest=manifest, limits=limits)
    warn(corpus.warnings)
    for line in skipped_lines(corpus):
        echo(line, err=True)
    return corpus
