"""The command line: parse arguments, call the library, render, map errors to exit codes.

Heavy libraries (scikit-learn, SciPy, textstat's dictionary, VADER) are imported inside commands so
that ``framing --help`` and ``framing --version`` answer at once.
"""

from __future__ import annotations

from typing import Annotated

import typer

from framing import __version__
from framing.cli_fetch import fetch
from framing.cli_lexicon import lexicon_app
from framing.cli_options import (
    DEFAULT_JOBS,
    DEFAULT_MAX_CHARS,
    DEFAULT_MAX_FILE_MB,
    ByOption,
    ClustersOption,
    DirectionOption,
    EngineOption,
    ExcelOption,
    FeaturesOption,
    FormulaGuardOption,
    InlineSentencesOption,
    JobsOption,
    LexiconOption,
    ManifestOption,
    MaxCharsOption,
    MaxFileOption,
    NoPackOption,
    NoStoreOption,
    OutletFilter,
    OutOption,
    PackOption,
    PathsArgument,
    ReadableCommand,
    SchedulerOption,
    ScoreStoreOption,
    SeedOption,
    StoreOption,
    comparison_choices,
    echo,
    errors_reported,
)
from framing.cli_paths import check_output_folder
from framing.cli_report import report
from framing.cli_run import (
    check_outlets,
    chosen_packs,
    csv_encoding,
    default_store,
    fewer_collections,
    run_inputs,
    say_packs,
    scoring_run,
)
from framing.cli_stories import stories
from framing.settings import CompareSettings

app = typer.Typer(
    name="framing",
    help="Show how news outlets frame the same subject: terminology, sentiment, readability.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(lexicon_app, name="lexicon")
app.command(cls=ReadableCommand)(fetch)
app.command(cls=ReadableCommand)(stories)


def _version(value: bool) -> None:
    if value:
        echo(f"framing {__version__}")
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


@app.command(cls=ReadableCommand)
def score(
    paths: PathsArgument,
    manifest: ManifestOption = None,
    lexicon: LexiconOption = None,
    pack: PackOption = None,
    no_pack: NoPackOption = None,
    jobs: JobsOption = DEFAULT_JOBS,
    out: OutOption = None,
    excel: ExcelOption = False,
    formula_guard: FormulaGuardOption = True,
    inline_sentences: InlineSentencesOption = False,
    max_file_mb: MaxFileOption = DEFAULT_MAX_FILE_MB,
    max_article_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    store: StoreOption = None,
    no_store: NoStoreOption = False,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
) -> None:
    """Score every article on terminology, sentiment and readability."""
    with errors_reported(), fewer_collections():
        from framing.model import ScoredCorpus
        from framing.render.article_rows import ArticleRows
        from framing.render.csv_tables import ScoreTables
        from framing.render.files import StagedFiles
        from framing.render.formula_guard import FormulaGuard
        from framing.render.terminal import articles_table

        check_output_folder(out, paths, manifest, lexicon or (), store)
        inputs = run_inputs(paths, manifest, max_file_mb, max_article_chars, jobs, None, store,
                         engine, scheduler)  # fmt: skip
        choice = chosen_packs(inputs, lexicon, pack, no_pack)
        loaded = choice.lexicon
        if out is None:
            with scoring_run(inputs, inputs.reader(), loaded, None) as run:
                scores = tuple(run.scores)
            result = ScoredCorpus(scores, tuple(run.reader.skipped))
            key_concepts = frozenset(c.id for c in loaded.concepts if c.pack != "general")
            echo(articles_table(result, key_concepts))
            say_packs(choice)
            return
        reader = inputs.reader()
        guard = FormulaGuard(formula_guard)
        with StagedFiles(out, csv_encoding=csv_encoding(excel), guard=guard) as staged:
            tables = ScoreTables(loaded, staged.open, guard, inline_sentences=inline_sentences)
            # The rows are formatted where each article is scored (in the worker processes).
            with scoring_run(inputs, reader, loaded, default_store(out, no_store),
                             prepare=tables.formatter) as run:  # fmt: skip
                for done in run.results:
                    rows = done.prepared
                    tables.add(done.score, rows if isinstance(rows, ArticleRows) else None)
            headers = tables.finish(run.reader.skipped)
            staged.commit()
        say_packs(choice)
        echo(
            f"Scored {run.scored} articles, skipped {len(run.reader.skipped)}; "
            f"wrote {len(headers)} tables to {out} (articles.csv, term_hits.csv, ...).",
            err=True,
        )


app.command(cls=ReadableCommand)(report)


@app.command(cls=ReadableCommand)
def compare(
    paths: PathsArgument,
    manifest: ManifestOption = None,
    lexicon: LexiconOption = None,
    pack: PackOption = None,
    no_pack: NoPackOption = None,
    jobs: JobsOption = DEFAULT_JOBS,
    outlet: OutletFilter = None,
    by: ByOption = "outlet",
    clusters: ClustersOption = None,
    features: FeaturesOption = None,
    direction: DirectionOption = None,
    seed: SeedOption = CompareSettings.seed,
    max_file_mb: MaxFileOption = DEFAULT_MAX_FILE_MB,
    max_article_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    store: ScoreStoreOption = None,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    width: Annotated[
        int | None,
        typer.Option(
            "--width",
            min=40,
            metavar="COLUMNS",
            help="Table width in characters (default: the terminal's width).",
        ),
    ] = None,
) -> None:
    """Print the side-by-side comparison of outlets in the terminal."""
    with errors_reported():
        import shutil

        from framing.compare.accumulate import ArticleCounts
        from framing.compare.engine import ComparisonBuilder
        from framing.lexicon.loader import read_stopwords
        from framing.render.terminal import comparison_text

        check_output_folder(None, paths, manifest, lexicon or (), store)
        settings = CompareSettings(
            by=by, clusters=clusters, seed=seed, **comparison_choices(features, direction)
        )
        inputs = run_inputs(paths, manifest, max_file_mb, max_article_chars, jobs, outlet, store,
                         engine, scheduler)  # fmt: skip
        choice = chosen_packs(inputs, lexicon, pack, no_pack)
        loaded = choice.lexicon
        builder = ComparisonBuilder(loaded, read_stopwords(), settings)
        builder.background = inputs.jobs > 1  # Wordfish beside the rest of the finish
        counter = builder.accumulator.counter  # run in the worker processes
        with scoring_run(inputs, inputs.reader(), loaded, None, builder.stopwords, counter) as run:
            for done in run.results:
                counts = done.prepared
                builder.add(done.score, counts if isinstance(counts, ArticleCounts) else None)
        check_outlets(outlet, inputs.outlets_read)
        comparison = builder.finish(len(run.reader.skipped))
        columns = width or shutil.get_terminal_size((100, 24)).columns
        echo(comparison_text(comparison, loaded, columns), nl=False)
        say_packs(choice)


def main() -> None:
    """Console-script entry point."""
    app()
