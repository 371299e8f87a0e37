"""The command line: parse arguments, call the library, render, map errors to exit codes.

Heavy libraries (scikit-learn, textstat's dictionary, VADER) are imported inside commands so
that ``framing --help`` and ``framing --version`` answer at once.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version as package_version
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from framing.errors import FramingError

if TYPE_CHECKING:
    from framing.lexicon.model import Lexicon
    from framing.model import Corpus, ScoredCorpus

app = typer.Typer(
    name="framing",
    help="Show how news outlets frame the same subject: terminology, sentiment, readability.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

PROGRESS_THRESHOLD = 20  # articles; fewer finish before a bar would be worth drawing


def _version(value: bool) -> None:
    if value:
        typer.echo(f"framing {package_version('framing')}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Show how news outlets frame the same subject: terminology, sentiment, readability."""


PathsArgument = Annotated[
    list[Path],
    typer.Argument(
        help="Folders of .txt/.html articles, or CSV/JSONL files of articles.",
        show_default=False,
        metavar="PATH",
    ),
]
ManifestOption = Annotated[
    Path | None,
    typer.Option(
        "--manifest",
        metavar="FILE",
        help="CSV naming each file's outlet (columns file,outlet,date,url). A manifest.csv "
        "inside an input folder is used automatically.",
    ),
]
LexiconOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--lexicon",
        metavar="FILE",
        help="An extra lexicon file (YAML, see lexicons/README.md); repeat for several.",
    ),
]
OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        metavar="DIR",
        help="Write articles.csv, term_hits.csv, sentences.csv, actor_sentiment.csv, "
        "removed_lines.csv and skipped.csv to this folder instead of printing a table.",
    ),
]


@app.command()
def score(
    paths: PathsArgument,
    manifest: ManifestOption = None,
    lexicon: LexiconOption = None,
    out: OutOption = None,
) -> None:
    """Score every article on terminology, sentiment and readability."""
    with _errors_reported():
        from framing.corpus.readers import read_corpus
        from framing.lexicon.loader import read_lexicon
        from framing.render.csv_tables import score_tables
        from framing.render.files import write_atomic
        from framing.render.terminal import articles_table, skipped_lines

        _check_output_folder(out, paths)
        loaded = read_lexicon(lexicon or ())
        corpus = read_corpus(paths, manifest=manifest)
        _warn(corpus.warnings)
        result = _score_with_progress(corpus, loaded)
        for line in skipped_lines(result):
            typer.echo(line, err=True)
        if out is None:
            key_concepts = frozenset(c.id for c in loaded.concepts if c.pack != "general")
            typer.echo(articles_table(result, key_concepts))
        else:
            for name, content in score_tables(result, loaded.connotation_labels()).items():
                write_atomic(out / name, content)
            typer.echo(
                f"Scored {len(result.scores)} articles, skipped {len(result.skipped)}; "
                f"wrote {out}/articles.csv, term_hits.csv and skipped.csv (and more).",
                err=True,
            )


def _score_with_progress(corpus: Corpus, lexicon: Lexicon) -> ScoredCorpus:
    from framing.scoring.scorer import score_corpus

    if len(corpus.articles) < PROGRESS_THRESHOLD or not sys.stderr.isatty():
        return score_corpus(corpus, lexicon)
    with typer.progressbar(length=len(corpus.articles), label="Scoring", file=sys.stderr) as bar:
        return score_corpus(corpus, lexicon, progress=bar.update)


def _check_output_folder(out: Path | None, inputs: list[Path]) -> None:
    from framing.errors import UsageError

    if out is None:
        return
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: exists and is not a folder")
    resolved = out.resolve()
    for path in inputs:
        source = path.resolve()
        if source == resolved:
            raise UsageError(
                f"--out {out}: is an input folder; choose a separate folder for results"
            )
        if source.is_dir() and source in resolved.parents:
            # Inputs are read recursively: results inside an input would be read next time.
            raise UsageError(
                f"--out {out}: is inside the input folder {path}; choose a folder outside it"
            )


def _warn(warnings: tuple[str, ...], limit: int = 10) -> None:
    for message in warnings[:limit]:
        typer.echo(f"Warning: {message}", err=True)
    if len(warnings) > limit:
        typer.echo(f"Warning: ... and {len(warnings) - limit} more warnings", err=True)


@contextmanager
def _errors_reported() -> Iterator[None]:
    """Turn a FramingError into ``Error: ...`` on stderr and exit status 1; Ctrl-C into 130.

    Any other exception is a bug and keeps its traceback.
    """
    try:
        yield
    except FramingError as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        typer.echo("Interrupted; every file written is complete, none is partial.", err=True)
        raise typer.Exit(130) from None


def main() -> None:
    """Console-script entry point."""
    app()
