"""Options and error handling shared by the command-line modules."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from framing.errors import FramingError
from framing.settings import DEFAULT_PACKS, ReadSettings

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
        help="CSV naming each file's outlet: a 'file' column plus any of outlet, date, url, "
        "title, id and columns of your own. A manifest.csv inside an input folder is used "
        "automatically.",
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


PackOption = Annotated[
    list[str] | None,
    typer.Option(
        "--pack",
        metavar="NAME",
        help="A built-in lexicon pack to use; repeat for several. Default: "
        + ", ".join(DEFAULT_PACKS)
        + " (see `framing lexicon list`).",
    ),
]
JobsOption = Annotated[
    int,
    typer.Option(
        "--jobs",
        min=1,
        help="Worker processes for scoring (default: every core). Results do not depend on it.",
    ),
]
DEFAULT_JOBS = os.cpu_count() or 1
ExcelOption = Annotated[
    bool,
    typer.Option(
        "--excel",
        help="Write the CSV files with a UTF-8 byte-order mark so Excel shows accents correctly.",
    ),
]
InlineSentencesOption = Annotated[
    bool,
    typer.Option(
        "--inline-sentences",
        help="Repeat each mention's sentence in term_hits.csv and frame_cues.csv. By default a "
        "mention gives article_id and sentence_index, which find its sentence in sentences.csv.",
    ),
]
MaxFileOption = Annotated[
    float,
    typer.Option(
        "--max-file-mb",
        min=0.001,
        help="Skip single-article files larger than this many megabytes.",
    ),
]
MaxCharsOption = Annotated[
    int,
    typer.Option(
        "--max-article-chars",
        min=1,
        help="Skip articles whose text is longer than this many characters.",
    ),
]
StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        metavar="FILE",
        help="SQLite file that keeps every article's scores between runs, so a re-run only "
        "scores what changed (default: scores.sqlite in the --out folder).",
    ),
]
NoStoreOption = Annotated[
    bool,
    typer.Option("--no-store", help="Do not keep scores between runs."),
]
EngineOption = Annotated[
    str,
    typer.Option(
        "--engine",
        metavar="NAME",
        help="Where scoring runs: local (worker processes on this machine) or dask (a "
        'dask.distributed cluster; needs pip install "framing[dask]").',
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="With --engine dask: the scheduler of an existing cluster, e.g. "
        "tcp://10.0.0.5:8786 (default: start a local cluster of --jobs workers).",
    ),
]
DEFAULT_MAX_FILE_MB = ReadSettings.max_file_bytes / 2**20
DEFAULT_MAX_CHARS = ReadSettings.max_article_chars


OutletFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--outlet",
        metavar="NAME",
        help="Compare only this outlet; repeat for several.",
    ),
]
ByOption = Annotated[
    str,
    typer.Option(
        "--by",
        metavar="COLUMN",
        help="Group articles by outlet (default) or by a manifest/CSV column such as country.",
    ),
]
ClustersOption = Annotated[
    int | None,
    typer.Option(
        "--clusters",
        metavar="K",
        min=1,
        help="Number of clusters; by default it is chosen by silhouette.",
    ),
]
SeedOption = Annotated[
    int,
    typer.Option("--seed", help="Random seed for bootstrap resampling (results are reproducible)."),
]


def warn(warnings: tuple[str, ...], limit: int = 10) -> None:
    for message in warnings[:limit]:
        typer.echo(f"Warning: {message}", err=True)
    if len(warnings) > limit:
        typer.echo(f"Warning: ... and {len(warnings) - limit} more warnings", err=True)


@contextmanager
def errors_reported() -> Iterator[None]:
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
