"""Options and error handling shared by the command-line modules."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperOption

from framing.errors import FramingError, UsageError
from framing.render.text import terminal_line, terminal_text
from framing.settings import ReadSettings


class _ReadableArgument(TyperArgument):
    """An argument shown by its metavar alone: ``PATH...`` rather than ``{PATH}...`` in the
    usage line and ``PATH <list[Path]>`` in the list of arguments."""

    def _name(self) -> str:
        name = self.metavar or (self.name or "").upper()
        return name + ("..." if self.nargs != 1 else "")

    def _rich_display_name(self) -> str:
        return self._name()

    def _usage_display_name(self) -> str:
        return self._name() if self.required else f"[{self._name()}]"

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


# Placeholders for options given without a metavar, by their type (the annotation in recent
# typer releases, click's type name in older ones).
_PLACEHOLDERS: dict[object, str] = {int: "N", float: "NUMBER", "integer": "N", "float": "NUMBER",
                                    "integer range": "N", "float range": "NUMBER"}  # fmt: skip


def _placeholder(option: TyperOption) -> str | None:
    descriptor = getattr(option, "type_descriptor", None)
    if descriptor is not None:
        return _PLACEHOLDERS.get(descriptor.annotation)
    return _PLACEHOLDERS.get(getattr(getattr(option, "type", None), "name", None))


class ReadableCommand(TyperCommand):
    """A command whose help reads plainly: arguments as ``PATH...``, numeric options as
    ``N`` or ``NUMBER`` when they name no placeholder of their own (never ``<int range>``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperArgument):
                param.__class__ = _ReadableArgument
            elif isinstance(param, TyperOption) and not param.is_flag and not param.metavar:
                param.metavar = _placeholder(param)


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
        help="Use this built-in topic pack even if too few articles are about its topic; "
        "repeat for several. General packs are always used (see `framing lexicon list`).",
    ),
]
NoPackOption = Annotated[
    list[str] | None,
    typer.Option(
        "--no-pack",
        metavar="NAME",
        help="Do not use this built-in pack, general or topic; repeat for several.",
    ),
]
JobsOption = Annotated[
    int,
    typer.Option(
        "--jobs",
        min=1,
        metavar="N",
        help="Worker processes for scoring; the default is the number of cores of this machine. "
        "Results do not depend on it.",
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
FormulaGuardOption = Annotated[
    bool,
    typer.Option(
        "--formula-guard/--no-formula-guard",
        help="Prefix CSV text cells that start with = + - @ with ' so a spreadsheet shows them "
        "instead of running them (on by default). --no-formula-guard keeps text exactly as "
        "read, for pandas or R; README.txt names the columns concerned either way.",
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
        metavar="MB",
        help="Skip single-article files larger than this many megabytes.",
    ),
]
MaxCharsOption = Annotated[
    int,
    typer.Option(
        "--max-article-chars",
        min=1,
        metavar="CHARS",
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
ScoreStoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        metavar="FILE",
        help="SQLite file that keeps every article's scores between runs, so a re-run only "
        "scores what changed (default: none; scores are not kept).",
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
        help="Compare only this outlet (letter case does not matter); repeat for several.",
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
FeaturesOption = Annotated[
    str | None,
    typer.Option(
        "--features",
        metavar="BLOCK=WEIGHT,...",
        help="Weights of the feature blocks that outlets are clustered on (default 1 each; 0 "
        "leaves a block out), e.g. vocabulary=2,readability=0. Blocks: terminology, "
        "connotation, frames, tone, actors, readability, vocabulary.",
    ),
]
DirectionOption = Annotated[
    str | None,
    typer.Option(
        "--direction",
        metavar="A,B",
        help="Two outlets (or --by groups) that fix the direction of the Wordfish scaling: A is "
        "placed left of B.",
    ),
]
SeedOption = Annotated[
    int,
    typer.Option(
        "--seed",
        metavar="N",
        min=0,
        max=2**32 - 1,
        help="Random seed for bootstrap resampling (results are reproducible).",
    ),
]


def comparison_choices(features: str | None, direction: str | None) -> dict[str, Any]:
    """``--features`` and ``--direction`` checked and turned into CompareSettings fields."""
    from framing.compare.blocks import parse_feature_weights

    choices: dict[str, Any] = {}
    if features is not None:
        choices["features"] = parse_feature_weights(features)
    if direction is not None:
        parts = [part.strip() for part in direction.split(",")]
        if len(parts) != 2 or not all(parts):
            raise UsageError(
                f"--direction {direction!r}: give two groups separated by a comma, e.g. "
                "--direction 'Outlet A,Outlet B'"
            )
        choices["direction"] = (parts[0], parts[1])
    return choices


def say(message: str) -> None:
    """Print a one-line message (a warning, an error, a skipped input) to stderr: as
    :func:`echo`, with any line break inside shown as ``\\n``."""
    typer.echo(terminal_line(message), err=True)


def echo(message: str, err: bool = False, nl: bool = True) -> None:
    """Print ``message`` with any control character or bidirectional override made visible,
    so that a file or outlet name cannot move the cursor, retitle the terminal or reverse
    the text after it."""
    typer.echo(terminal_text(message), err=err, nl=nl)


def warn(warnings: tuple[str, ...], limit: int = 10) -> None:
    for message in warnings[:limit]:
        say(f"Warning: {message}")
    if len(warnings) > limit:
        echo(f"Warning: ... and {len(warnings) - limit} more warnings", err=True)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is so that it stops as cleanly as on Ctrl-C."""


def _terminate(_signal: int, _frame: FrameType | None) -> None:
    raise Terminated


@contextmanager
def errors_reported() -> Iterator[None]:
    """Turn a FramingError into ``Error: ...`` on stderr and exit status 1; Ctrl-C into 130,
    SIGTERM into 143 (128 + the signal's number, as shells report them), each one line.

    Any other exception is a bug and keeps its traceback.
    """
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if main else None
    try:
        yield
    except FramingError as error:
        say(f"Error: {error}")
        raise typer.Exit(1) from None
    except Terminated:
        echo("Terminated; every file written is complete, none is partial.", err=True)
        raise typer.Exit(128 + signal.SIGTERM) from None
    except KeyboardInterrupt:
        echo("Interrupted; every file written is complete, none is partial.", err=True)
        raise typer.Exit(130) from None
    finally:
        if main:
            signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)
