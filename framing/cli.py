"""The command line: parse arguments, call the library, render, map errors to exit codes.

Heavy libraries (scikit-learn, textstat's dictionary, VADER) are imported inside commands so
that ``framing --help`` and ``framing --version`` answer at once.
"""

from __future__ import annotations

from collections import Counter
from importlib.metadata import version as package_version
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from framing.errors import UsageError
from framing.settings import DEFAULT_PACKS, CompareSettings, ReadSettings, ScoringSettings

if TYPE_CHECKING:
    from framing.lexicon.model import Lexicon
    from framing.model import ArticleScore

from framing.cli_fetch import DelayOption, FetchOptions, fetch, fetch_for_run
from framing.cli_lexicon import lexicon_app
from framing.cli_options import (
    DEFAULT_JOBS,
    DEFAULT_MAX_CHARS,
    DEFAULT_MAX_FILE_MB,
    ByOption,
    ClustersOption,
    EngineOption,
    ExcelOption,
    InlineSentencesOption,
    JobsOption,
    LexiconOption,
    ManifestOption,
    MaxCharsOption,
    MaxFileOption,
    NoStoreOption,
    OutletFilter,
    OutOption,
    PackOption,
    PathsArgument,
    SchedulerOption,
    SeedOption,
    StoreOption,
    errors_reported,
)
from framing.cli_run import Inputs, default_store, scoring_run
from framing.cli_stories import stories

app = typer.Typer(
    name="framing",
    help="Show how news outlets frame the same subject: terminology, sentiment, readability.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(lexicon_app, name="lexicon")
app.command()(fetch)
app.command()(stories)


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


def _inputs(
    paths: list[Path],
    manifest: Path | None,
    max_file_mb: float,
    max_article_chars: int,
    jobs: int,
    outlets: list[str] | None = None,
    store: Path | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> Inputs:
    limits = ReadSettings(int(max_file_mb * 2**20), max_article_chars)
    return Inputs(paths, manifest, limits, jobs, outlets, store, engine, scheduler)


def _lexicon(lexicon: list[Path] | None, packs: list[str] | None) -> Lexicon:
    from framing.lexicon.loader import read_lexicon

    return read_lexicon(lexicon or (), packs or DEFAULT_PACKS)


def _csv_encodings(names: list[str], excel: bool) -> dict[str, str]:
    return {name: "utf-8-sig" for name in names if excel and name.endswith(".csv")}


def _check_outlets(wanted: list[str] | None, seen: set[str]) -> None:
    unknown = [name for name in wanted or () if name not in seen]
    if unknown:
        raise UsageError(
            f"--outlet {unknown[0]!r}: no such outlet; outlets: {', '.join(sorted(seen))}"
        )


@app.command()
def score(
    paths: PathsArgument,
    manifest: ManifestOption = None,
    lexicon: LexiconOption = None,
    pack: PackOption = None,
    jobs: JobsOption = DEFAULT_JOBS,
    out: OutOption = None,
    excel: ExcelOption = False,
    inline_sentences: InlineSentencesOption = False,
    max_file_mb: MaxFileOption = DEFAULT_MAX_FILE_MB,
    max_article_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    store: StoreOption = None,
    no_store: NoStoreOption = False,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
) -> None:
    """Score every article on terminology, sentiment and readability."""
    with errors_reported():
        from framing.model import ScoredCorpus
        from framing.render.csv_tables import ScoreTables
        from framing.render.files import StagedFiles
        from framing.render.terminal import articles_table

        _check_output_folder(out, paths)
        inputs = _inputs(paths, manifest, max_file_mb, max_article_chars, jobs, None, store,
                         engine, scheduler)  # fmt: skip
        loaded = _lexicon(lexicon, pack)
        if out is None:
            with scoring_run(inputs, inputs.reader(), loaded, None) as run:
                scores = tuple(run.scores)
            result = ScoredCorpus(scores, tuple(run.reader.skipped))
            key_concepts = frozenset(c.id for c in loaded.concepts if c.pack != "general")
            typer.echo(articles_table(result, key_concepts))
            return
        names = ["articles.csv", "skipped.csv", "frame_cues.csv"]
        reader = inputs.reader()
        with StagedFiles(out, _csv_encodings(names, excel)) as staged:
            tables = ScoreTables(loaded, staged.open, inline_sentences=inline_sentences)
            with scoring_run(inputs, reader, loaded, default_store(out, no_store)) as run:
                for article_score in run.scores:
                    tables.add(article_score)
            headers = tables.finish(run.reader.skipped)
            staged.commit()
        typer.echo(
            f"Scored {run.scored} articles, skipped {len(run.reader.skipped)}; "
            f"wrote {len(headers)} tables to {out} (articles.csv, term_hits.csv, ...).",
            err=True,
        )


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
    inline_sentences: InlineSentencesOption = False,
    max_file_mb: MaxFileOption = DEFAULT_MAX_FILE_MB,
    max_article_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    store: StoreOption = None,
    no_store: NoStoreOption = False,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    delay: DelayOption = FetchOptions.delay,
) -> None:
    """Write the framing report: report.html, report.md, CSV tables and a run manifest."""
    with errors_reported():
        from framing.compare.engine import ComparisonBuilder, example_sentences
        from framing.lexicon.loader import read_stopwords
        from framing.provenance import run_manifest
        from framing.render.comparison_csv import comparison_tables
        from framing.render.csv_tables import ScoreTables
        from framing.render.data_dictionary import data_dictionary
        from framing.render.files import StagedFiles
        from framing.render.html import ARTICLES_PER_OUTLET, render_html
        from framing.render.markdown import ReportContext, render_markdown

        _check_output_folder(out, paths)
        paths = fetch_for_run(paths, out, FetchOptions(delay=delay))
        settings = CompareSettings(by=by, clusters=clusters, seed=seed)
        inputs = _inputs(paths, manifest, max_file_mb, max_article_chars, jobs, outlet, store,
                         engine, scheduler)  # fmt: skip
        loaded = _lexicon(lexicon, pack)
        names = ["articles.csv", "skipped.csv", "frame_cues.csv"]
        reader = inputs.reader()
        builder = ComparisonBuilder(loaded, read_stopwords(), settings)
        with StagedFiles(out, _csv_encodings(names, excel)) as staged:
            tables = ScoreTables(loaded, staged.open, inline_sentences=inline_sentences)
            shown: list[ArticleScore] = []  # the report's article view: the first of each outlet
            per_outlet: Counter[str] = Counter()
            stopwords = builder.stopwords
            with scoring_run(
                inputs, reader, loaded, default_store(out, no_store), stopwords
            ) as run:
                for article_score in run.scores:
                    tables.add(article_score)
                    builder.add(article_score)
                    per_outlet[article_score.article.outlet] += 1
                    if per_outlet[article_score.article.outlet] <= ARTICLES_PER_OUTLET + 1:
                        shown.append(article_score)
            _check_outlets(outlet, inputs.outlets_read)
            skipped = tuple(run.reader.skipped)
            headers = tables.finish(skipped)
            comparison = builder.finish(
                lambda: example_sentences(inputs.chosen(inputs.reader()), by), len(skipped)
            )
            comparison_files = comparison_tables(comparison)
            for name, content in comparison_files.items():
                staged.write(name, content)
            headers.update({name: _header(content) for name, content in comparison_files.items()})
            context = ReportContext(
                articles=run.scored,
                skipped=len(skipped),
                inputs=tuple(str(p) for p in paths),
                settings=settings,
            )
            staged.write("report.md", render_markdown(comparison, loaded, context))
            staged.write("report.html", render_html(comparison, loaded, shown, context, worksheet))
            staged.write("README.txt", data_dictionary(headers, frozenset(tables.columns)))
            input_files = list(run.reader.files)
            input_files += [Path(s.source_path) for s in skipped]
            input_files += [p / "manifest.csv" for p in paths if (p / "manifest.csv").is_file()]
            input_files += [manifest] if manifest is not None else []
            staged.write("manifest.json", run_manifest(
                command="report",
                arguments={
                    "paths": [str(p) for p in paths],
                    "manifest": str(manifest) if manifest else None,
                    "lexicon": [str(p) for p in lexicon or ()],
                    "pack": list(pack or DEFAULT_PACKS),
                    "outlet": list(outlet or ()),
                    "worksheet": worksheet,
                    "excel": excel,
                    "inline_sentences": inline_sentences,
                    "max_file_mb": max_file_mb,
                    "max_article_chars": max_article_chars,
                },
                lexicon=loaded,
                input_files=input_files,
                scoring=ScoringSettings(),
                comparing=settings,
                counts={
                    "articles": run.scored,
                    "skipped": len(skipped),
                    "groups": len(comparison.groups),
                },
            ))  # fmt: skip
            staged.commit()
        typer.echo(
            f"Compared {len(comparison.groups)} {by} groups over {run.scored} articles "
            f"(skipped {len(skipped)}); wrote {out / 'report.md'} and "
            f"{len(headers) + 3} more files.",
            err=True,
        )


def _header(content: str) -> tuple[str, ...]:
    import csv
    import io

    return tuple(next(csv.reader(io.StringIO(content))))


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
    store: StoreOption = None,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
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

        from framing.compare.engine import ComparisonBuilder, example_sentences
        from framing.lexicon.loader import read_stopwords
        from framing.render.terminal import comparison_text

        settings = CompareSettings(by=by, clusters=clusters, seed=seed)
        inputs = _inputs(paths, manifest, max_file_mb, max_article_chars, jobs, outlet, store,
                         engine, scheduler)  # fmt: skip
        loaded = _lexicon(lexicon, pack)
        builder = ComparisonBuilder(loaded, read_stopwords(), settings)
        with scoring_run(inputs, inputs.reader(), loaded, None, builder.stopwords) as run:
            for article_score in run.scores:
                builder.add(article_score)
        _check_outlets(outlet, inputs.outlets_read)
        comparison = builder.finish(
            lambda: example_sentences(inputs.chosen(inputs.reader()), by), len(run.reader.skipped)
        )
        columns = width or shutil.get_terminal_size((100, 24)).columns
        typer.echo(comparison_text(comparison, loaded, columns), nl=False)


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
