"""``framing report``: score the inputs, compare the groups, find the stories and write the
whole report folder (report.html, report.md, the CSV tables, README.txt and manifest.json).

Heavy libraries are imported inside the command, as in :mod:`framing.cli`.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from framing.cli_fetch import DelayOption, FetchOptions, fetch_for_run
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
    PackOption,
    PathsArgument,
    SchedulerOption,
    SeedOption,
    StoreOption,
    comparison_choices,
    echo,
    errors_reported,
)
from framing.cli_paths import check_output_folder
from framing.cli_run import (
    check_outlets,
    chosen_packs,
    column_names,
    csv_encoding,
    default_store,
    fewer_collections,
    run_inputs,
    say_packs,
    scoring_run,
)
from framing.cli_stories import ThresholdOption, WindowOption, texts_from
from framing.settings import CompareSettings, ScoringSettings
from framing.stories.defaults import DEFAULT_THRESHOLD, DEFAULT_WINDOW_DAYS

if TYPE_CHECKING:
    from framing.render.article_view import ArticleView
    from framing.scoring.scorer import Scored
    from framing.stories.model import StoryInput


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
    no_pack: NoPackOption = None,
    jobs: JobsOption = DEFAULT_JOBS,
    outlet: OutletFilter = None,
    by: ByOption = "outlet",
    clusters: ClustersOption = None,
    features: FeaturesOption = None,
    direction: DirectionOption = None,
    seed: SeedOption = CompareSettings.seed,
    worksheet: Annotated[
        bool,
        typer.Option(
            "--worksheet",
            help="Add a printable page of discussion questions to report.html.",
        ),
    ] = False,
    mark_neutral: Annotated[
        bool,
        typer.Option(
            "--mark-neutral",
            help="Mark neutral words too in report.html's articles (by default only loaded "
            "ones are marked; every word is in term_hits.csv either way).",
        ),
    ] = False,
    excel: ExcelOption = False,
    formula_guard: FormulaGuardOption = True,
    inline_sentences: InlineSentencesOption = False,
    max_file_mb: MaxFileOption = DEFAULT_MAX_FILE_MB,
    max_article_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    store: StoreOption = None,
    no_store: NoStoreOption = False,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    delay: DelayOption = FetchOptions.delay,
    window: WindowOption = DEFAULT_WINDOW_DAYS,
    threshold: ThresholdOption = DEFAULT_THRESHOLD,
) -> None:
    """Write the framing report: report.html, report.md, CSV tables and a run manifest."""
    with errors_reported(), fewer_collections():
        from framing.compare.background import Later
        from framing.compare.engine import ComparisonBuilder
        from framing.lexicon.loader import read_stopwords
        from framing.provenance import run_manifest
        from framing.render.article_view import article_view
        from framing.render.comparison_csv import comparison_tables
        from framing.render.csv_tables import ScoreTables
        from framing.render.data_dictionary import data_dictionary
        from framing.render.files import StagedFiles
        from framing.render.formula_guard import FormulaGuard
        from framing.render.html import render_html
        from framing.render.markdown import ReportContext, render_markdown
        from framing.render.marked_articles import ARTICLES_PER_OUTLET
        from framing.render.stories_csv import story_tables
        from framing.report_rows import ReportPreparation, report_rows
        from framing.rerun.session import rerun_session
        from framing.scoring.idle import REPORT_FINISH_IMPORTS, imports
        from framing.stories.build import compare_stories

        check_output_folder(out, paths, manifest, lexicon or (), store)
        paths = fetch_for_run(
            paths, out, FetchOptions(delay=delay, csv_encoding=csv_encoding(excel))
        )
        settings = CompareSettings(
            by=by, clusters=clusters, seed=seed, **comparison_choices(features, direction)
        )
        inputs = run_inputs(paths, manifest, max_file_mb, max_article_chars, jobs, outlet, store,
                         engine, scheduler)  # fmt: skip
        session = rerun_session(inputs, default_store(out, no_store))
        choice = chosen_packs(inputs, lexicon, pack, no_pack)
        loaded = choice.lexicon
        reader = inputs.reader()
        builder = ComparisonBuilder(loaded, read_stopwords(), settings)
        builder.background = inputs.jobs > 1  # Wordfish beside the rest of the finish
        if session is not None:
            session.prepare(builder, ScoringSettings())
        guard = FormulaGuard(formula_guard)
        with StagedFiles(out, csv_encoding=csv_encoding(excel), guard=guard) as staged:
            # With a store, each article's part is kept for a re-run (framing.rerun.articles).
            records = (
                None
                if session is None
                else session.article_records(
                    staged.open, loaded, ARTICLES_PER_OUTLET + 1, staged.folder
                )
            )
            open_table = staged.open if records is None else records.open_table
            tables = ScoreTables(loaded, open_table, guard, inline_sentences=inline_sentences)
            shown: list[ArticleView] = []  # the report's article view: the first of each outlet
            story_inputs: list[StoryInput] = []  # a few hundred bytes per article
            per_outlet: Counter[str] = Counter()
            stopwords = builder.stopwords
            plan = None
            if session is not None and records is not None:
                session.attach(records, tables, builder, ScoringSettings())
                plan = session.plan(records, builder)
            # Rows, sums and story inputs are made where each article is scored (in the worker
            # processes): this process only writes and adds them up, in input order.
            preparation = ReportPreparation(tables.formatter, builder.accumulator.counter)

            def take(result: Scored) -> None:
                article_score = result.score
                prepared = report_rows(result.prepared, article_score, preparation)
                tables.add(article_score, prepared.rows)
                row = builder.add(article_score, prepared.counts)
                story_inputs.append(prepared.story)
                if records is not None:
                    records.keep(article_score, prepared.rows, row, prepared.story)

            # What the finish imports is imported while this process waits for the workers.
            with scoring_run(
                inputs, reader if plan is None else plan[3], loaded,
                default_store(out, no_store), stopwords, preparation,
                imports(REPORT_FINISH_IMPORTS),
            ) as run:  # fmt: skip
                if plan is not None and records is not None:
                    articles, fresh, view, _reader = plan
                    records.replay(articles, fresh, view, run.results, take, shown.append,
                                   builder, story_inputs, tables)  # fmt: skip
                    run.scored = len(articles)
                for result in run.results:
                    take(result)
                    article_score = result.score
                    per_outlet[article_score.article.outlet] += 1
                    if per_outlet[article_score.article.outlet] <= ARTICLES_PER_OUTLET + 1:
                        shown.append(article_view(article_score))
            if records is not None:
                records.end()
            check_outlets(outlet, inputs.outlets_read)
            skipped = tuple(run.reader.skipped)
            headers = tables.finish(skipped)
            comparison = builder.finish(len(skipped))
            # The comparison's CSV files are made in a second process while this one keeps
            # what a re-run reuses and finds the stories (with more than one job; same bytes).
            csv_files = Later(comparison_tables, comparison, background=inputs.jobs > 1)
            if session is not None:
                session.keep(builder, ScoringSettings())
            find_stories = compare_stories if session is None else session.stories
            stories = find_stories(
                story_inputs, texts_from(inputs), builder.stopwords, window, threshold
            )
            context = ReportContext(
                articles=run.scored,
                skipped=len(skipped),
                inputs=tuple(str(p) for p in paths),
                settings=settings,
                packs=choice,
                stories=stories,
            )
            # And report.html in another while this one writes the tables and report.md.
            page = Later(render_html, comparison, loaded, shown, context, worksheet,
                         mark_neutral, background=inputs.jobs > 1)  # fmt: skip
            comparison_files = {**csv_files.result(), **story_tables(stories)}
            for name, content in comparison_files.items():
                staged.write(name, content)
            headers.update(
                {name: column_names(content) for name, content in comparison_files.items()}
            )
            staged.write("report.md", render_markdown(comparison, loaded, context))
            staged.write("report.html", page.result())
            staged.write(
                "README.txt", data_dictionary(headers, frozenset(tables.columns), guard.note())
            )
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
                    "pack": list(pack or ()),
                    "no_pack": list(no_pack or ()),
                    "outlet": list(outlet or ()),
                    "worksheet": worksheet,
                    "mark_neutral": mark_neutral,
                    "excel": excel,
                    "formula_guard": formula_guard,
                    "inline_sentences": inline_sentences,
                    "max_file_mb": max_file_mb,
                    "max_article_chars": max_article_chars,
                },
                lexicon=loaded,
                packs=choice.decisions,
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
        say_packs(choice)
        if session is not None:
            echo(session.summary(), err=True)
            session.close()
        echo(
            f"Compared {len(comparison.groups)} {by} groups over {run.scored} articles "
            f"(skipped {len(skipped)}). Open {out / 'report.html'} in a browser; report.md, "
            f"README.txt and {len(headers) + 1} more files are beside it.",
            err=True,
        )
