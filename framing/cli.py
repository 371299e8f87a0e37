"""The command line: parse arguments, call the library, render, map errors to exit codes.

Heavy libraries (scikit-learn, textstat's dictionary, VADER) are imported inside commands so
that ``framing --help`` and ``framing --version`` answer at once.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from importlib.metadata import version as package_version
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from framing.errors import InputError, UsageError
from framing.lexicon.loader import DEFAULT_PACKS
from framing.settings import CompareSettings, ReadSettings, ScoringSettings

if TYPE_CHECKING:
    from framing.compare.model import Comparison
    from framing.lexicon.model import Lexicon
    from framing.model import Corpus, ScoredCorpus

from framing.cli_lexicon import lexicon_app
from framing.cli_options import (
    DEFAULT_JOBS,
    DEFAULT_MAX_CHARS,
    DEFAULT_MAX_FILE_MB,
    ByOption,
    ClustersOption,
    ExcelOption,
    JobsOption,
    LexiconOption,
    ManifestOption,
    MaxCharsOption,
    MaxFileOption,
    OutletFilter,
    OutOption,
    PackOption,
    PathsArgument,
    SeedOption,
    errors_reported,
    warn,
)

app = typer.Typer(
    name="framing",
    help="Show how news outlets frame the same subject: terminology, sentiment, readability.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(lexicon_app, name="lexicon")

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


def _load_and_score(
    paths: list[Path],
    manifest: Path | None,
    lexicon: list[Path] | None,
    packs: list[str] | None,
    max_file_mb: float,
    max_article_chars: int,
    jobs: int,
) -> tuple[Lexicon, Corpus, ScoredCorpus]:
    from framing.corpus.readers import read_corpus
    from framing.lexicon.loader import read_lexicon
    from framing.render.terminal import skipped_lines

    loaded = read_lexicon(lexicon or (), packs or DEFAULT_PACKS)
    limits = ReadSettings(int(max_file_mb * 2**20), max_article_chars)
    corpus = read_corpus(paths, manifest=manifest, limits=limits)
    warn(corpus.warnings)
    result = _score_with_progress(corpus, loaded, jobs)
    warn(result.warnings[len(corpus.warnings) :])
    for line in skipped_lines(result):
        typer.echo(line, err=True)
    if not result.scores and not result.skipped:
        raise InputError("no articles found in the inputs")
    return loaded, corpus, result


def _csv_encodings(files: dict[str, str], excel: bool) -> dict[str, str]:
    return {name: "utf-8-sig" for name in files if excel and name.endswith(".csv")}


@app.command()
def score(
    paths: PathsArgument,
    manifest: ManifestOption = None,
    lexicon: LexiconOption = None,
    pack: PackOption = None,
    jobs: JobsOption = DEFAULT_JOBS,
    out: OutOption = None,
    excel: ExcelOption = False,
    max_file_mb: MaxFileOption = DEFAULT_MAX_FILE_MB,
    max_article_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
) -> None:
    """Score every article on terminology, sentiment and readability."""
    with errors_reported():
        from framing.render.csv_tables import score_tables
        from framing.render.files import write_files
        from framing.render.terminal import articles_table

        _check_output_folder(out, paths)
        loaded, _corpus, result = _load_and_score(
            paths, manifest, lexicon, pack, max_file_mb, max_article_chars, jobs
        )
        if out is None:
            key_concepts = frozenset(c.id for c in loaded.concepts if c.pack != "general")
            typer.echo(articles_table(result, key_concepts))
        else:
            tables = score_tables(result, loaded)
            write_files(out, tables, _csv_encodings(tables, excel))
            typer.echo(
                f"Scored {len(result.scores)} articles, skipped {len(result.skipped)}; "
                f"wrote {len(tables)} tables to {out} (articles.csv, term_hits.csv, ...).",
                err=True,
            )


def _comparison(
    result: ScoredCorpus,
    loaded: Lexicon,
    outlets: list[str] | None,
    settings: CompareSettings,
) -> tuple[ScoredCorpus, Comparison]:
    from framing.compare.engine import compare
    from framing.lexicon.loader import read_stopwords

    if outlets:
        available = sorted({score.article.outlet for score in result.scores})
        unknown = [name for name in outlets if name not in available]
        if unknown:
            raise UsageError(
                f"--outlet {unknown[0]!r}: no such outlet; outlets: {', '.join(available)}"
            )
        result = replace(
            result, scores=tuple(s for s in result.scores if s.article.outlet in outlets)
        )
    return result, compare(result, loaded, read_stopwords(), settings)


@app.command()
def report(
    paths: PathsArgument,
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            metavar="DIR",
            help="Folder for report.html, report.md, the CSV tables, README.txt and manifest.json.",
        ),
    ],
    manifest: ManifestOption = None,
    lexicon: LexiconOption = None,
    pack: PackOption = None,
    jobs: JobsOption = DEFAULT_JOBS,
    outlet: OutletFilter = None,
    by: ByOption = "outlet",
    clusters: ClustersOption = None,
    seed: SeedOption = CompareSettings.seed,
    worksheet: Annotated[
        bool,
        typer.Option(
            "--worksheet",
            help="Add a printable page of discussion questions to report.html.",
        ),
    ] = False,
    excel: ExcelOption = False,
    max_file_mb: MaxFileOption = DEFAULT_MAX_FILE_MB,
    max_article_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
) -> None:
    """Write the framing report: report.html, report.md, CSV tables and a run manifest."""
    with errors_reported():
        from framing.provenance import run_manifest
        from framing.render.comparison_csv import comparison_tables
        from framing.render.csv_tables import metadata_columns, score_tables
        from framing.render.data_dictionary import data_dictionary
        from framing.render.files import write_files
        from framing.render.html import render_html
        from framing.render.markdown import ReportContext, render_markdown

        _check_output_folder(out, paths)
        settings = CompareSettings(by=by, clusters=clusters, seed=seed)
        loaded, corpus, result = _load_and_score(
            paths, manifest, lexicon, pack, max_file_mb, max_article_chars, jobs
        )
        result, comparison = _comparison(result, loaded, outlet, settings)
        tables = score_tables(result, loaded)
        tables.update(comparison_tables(comparison))
        context = ReportContext(
            articles=len(result.scores),
            skipped=len(result.skipped),
            inputs=tuple(str(p) for p in paths),
            settings=settings,
        )
        files = dict(tables)
        files["report.md"] = render_markdown(comparison, loaded, context)
        files["report.html"] = render_html(comparison, loaded, result, context, worksheet)
        files["README.txt"] = data_dictionary(tables, frozenset(metadata_columns(result.scores)))
        inputs = [Path(a.source_path) for a in corpus.articles]
        inputs += [Path(s.source_path) for s in corpus.skipped]
        inputs += [p / "manifest.csv" for p in paths if (p / "manifest.csv").is_file()]
        inputs += [manifest] if manifest is not None else []
        files["manifest.json"] = run_manifest(
            command="report",
            arguments={
                "paths": [str(p) for p in paths],
                "manifest": str(manifest) if manifest else None,
                "lexicon": [str(p) for p in lexicon or ()],
                "pack": list(pack or DEFAULT_PACKS),
                "outlet": list(outlet or ()),
                "worksheet": worksheet,
                "excel": excel,
                "max_file_mb": max_file_mb,
                "max_article_chars": max_article_chars,
            },
            lexicon=loaded,
            input_files=inputs,
            scoring=ScoringSettings(),
            comparing=settings,
            counts={
                "articles": len(result.scores),
                "skipped": len(result.skipped),
                "groups": len(comparison.groups),
            },
        )
        write_files(out, dict(sorted(files.items())), _csv_encodings(files, excel))
        typer.echo(
            f"Compared {len(comparison.groups)} {by} groups over {len(result.scores)} articles "
            f"(skipped {len(result.skipped)}); wrote {out / 'report.md'} and "
            f"{len(files) - 1} more files.",
            err=True,
        )


@app.command()
def compare(
    paths: PathsArgument,
    manifest: ManifestOption = None,
    lexicon: LexiconOption = None,
    pack: PackOption = None,
    jobs: JobsOption = DEFAULT_JOBS,
    outlet: OutletFilter = None,
    by: ByOption = "outlet",
    clusters: ClustersOption = None,
    seed: SeedOption = CompareSettings.seed,
    max_file_mb: MaxFileOption = DEFAULT_MAX_FILE_MB,
    max_article_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    width: Annotated[
        int | None,
        typer.Option(
            "--width",
            min=40,
            help="Table width in characters (default: the terminal's width).",
        ),
    ] = None,
) -> None:
    """Print the side-by-side comparison of outlets in the terminal."""
    with errors_reported():
        import shutil

        from framing.render.terminal import comparison_text

        settings = CompareSettings(by=by, clusters=clusters, seed=seed)
        loaded, _corpus, result = _load_and_score(
            paths, manifest, lexicon, pack, max_file_mb, max_article_chars, jobs
        )
        _result, comparison = _comparison(result, loaded, outlet, settings)
        columns = width or shutil.get_terminal_size((100, 24)).columns
        typer.echo(comparison_text(comparison, loaded, columns), nl=False)


def _score_with_progress(corpus: Corpus, lexicon: Lexicon, jobs: int = 1) -> ScoredCorpus:
    from framing.scoring.scorer import score_corpus

    if len(corpus.articles) < PROGRESS_THRESHOLD or not sys.stderr.isatty():
        return score_corpus(corpus, lexicon, jobs=jobs)
    with typer.progressbar(length=len(corpus.articles), label="Scoring", file=sys.stderr) as bar:
        return score_corpus(corpus, lexicon, progress=bar.update, jobs=jobs)


def _check_output_folder(out: Path | None, inputs: list[Path]) -> None:
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
        if source.is_file() and source.parent == resolved:
            raise UsageError(
                f"--out {out}: holds the input file {path}; choose a separate folder for results"
            )
        if source.is_dir() and source in resolved.parents:
            # Inputs are read recursively: results inside an input would be read next time.
            raise UsageError(
                f"--out {out}: is inside the input folder {path}; choose a folder outside it"
            )


def main() -> None:
    """Console-script entry point."""
    app()
