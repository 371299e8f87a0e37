"""`framing stories`: match coverage of one event across outlets and show each outlet's choices."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated

import typer

from framing.cli_options import (
    DEFAULT_JOBS,
    DEFAULT_MAX_CHARS,
    DEFAULT_MAX_FILE_MB,
    ExcelOption,
    FormulaGuardOption,
    JobsOption,
    LexiconOption,
    ManifestOption,
    MaxCharsOption,
    MaxFileOption,
    NoPackOption,
    PackOption,
    PathsArgument,
    echo,
    errors_reported,
)
from framing.cli_run import Inputs
from framing.errors import UsageError
from framing.settings import ReadSettings
from framing.stories.defaults import DEFAULT_THRESHOLD, DEFAULT_WINDOW_DAYS

WindowOption = Annotated[
    int,
    typer.Option(
        "--window",
        metavar="DAYS",
        min=0,
        help="Articles more than this many days apart are never the same story (undated "
        "articles are matched on text alone).",
    ),
]
ThresholdOption = Annotated[
    float,
    typer.Option(
        "--threshold",
        min=0.05,
        max=1.0,
        help="Cosine similarity of headline, lead and names above which two articles report "
        "the same event.",
    ),
]


def texts_from(inputs: Inputs) -> Callable[[frozenset[str]], Mapping[str, tuple[str, str]]]:
    """A text source that reads the inputs again and keeps the articles asked for."""

    def texts(wanted: frozenset[str]) -> Mapping[str, tuple[str, str]]:
        found = {}
        for article in inputs.chosen(inputs.reader()):
            if article.id in wanted:
                found[article.id] = (article.title, article.text)
        return found

    return texts


def stories(
    paths: PathsArgument,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="DIR",
            help="Write stories.csv, story_summary.csv, story_sentences.csv, story_sources.csv, "
            "stories.md and README.txt to this folder.",
        ),
    ] = None,
    window: WindowOption = DEFAULT_WINDOW_DAYS,
    threshold: ThresholdOption = DEFAULT_THRESHOLD,
    manifest: ManifestOption = None,
    lexicon: LexiconOption = None,
    pack: PackOption = None,
    no_pack: NoPackOption = None,
    jobs: JobsOption = DEFAULT_JOBS,
    excel: ExcelOption = False,
    formula_guard: FormulaGuardOption = True,
    max_file_mb: MaxFileOption = DEFAULT_MAX_FILE_MB,
    max_article_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
) -> None:
    """Find the same event in several outlets and compare their words, facts and sources."""
    with errors_reported():
        from framing.cli_paths import check_output_folder
        from framing.cli_run import (
            chosen_packs,
            column_names,
            csv_encoding,
            say_packs,
            scoring_run,
        )
        from framing.lexicon.loader import read_stopwords
        from framing.render.data_dictionary import data_dictionary
        from framing.render.files import StagedFiles
        from framing.render.formula_guard import FormulaGuard
        from framing.render.stories_csv import story_tables
        from framing.render.stories_view import stories_markdown, stories_text
        from framing.stories.build import compare_stories, story_input
        from framing.stories.model import StoryInput

        check_output_folder(out, paths, manifest, lexicon or ())
        limits = ReadSettings(int(max_file_mb * 2**20), max_article_chars)
        inputs = Inputs(paths, manifest, limits, jobs)
        choice = chosen_packs(inputs, lexicon, pack, no_pack)
        loaded = choice.lexicon
        # Each article's story input is made where it is scored (in the worker processes).
        with scoring_run(inputs, inputs.reader(), loaded, None, prepare=story_input) as run:
            collected = [
                r.prepared if isinstance(r.prepared, StoryInput) else story_input(r.score)
                for r in run.results
            ]
        if not collected:
            raise UsageError("nothing to match: no article was scored")
        result = compare_stories(collected, texts_from(inputs), read_stopwords(), window, threshold)
        columns = shutil.get_terminal_size((100, 24)).columns
        echo(stories_text(result, columns), nl=False)
        if out is None:
            say_packs(choice)
            return
        tables = story_tables(result)
        guard = FormulaGuard(formula_guard)
        with StagedFiles(out, csv_encoding=csv_encoding(excel), guard=guard) as staged:
            for name, content in tables.items():
                staged.write(name, content)
            labels = {c.id: c.label for c in (*loaded.concepts, *loaded.frames)}
            markdown = stories_markdown(result, labels, len(result.stories))
            staged.write("stories.md", "\n".join(markdown))
            headers = {name: column_names(content) for name, content in tables.items()}
            staged.write("README.txt", data_dictionary(headers, guard_note=guard.note()))
            staged.commit()
        say_packs(choice)
        echo(f"Wrote {len(tables) + 2} files to {out}.", err=True)
