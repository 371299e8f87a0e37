"""The streaming pipeline behind ``framing score`` and ``framing report``: read, score (through
the store and an engine), and hand each score to whatever renders it, one article at a time."""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable, Generator, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

import typer

from framing.cli_options import echo, say
from framing.errors import InputError, UsageError
from framing.settings import STORE_NAME, ReadSettings, ScoringSettings

if TYPE_CHECKING:  # imported where used, so that `framing --help` answers at once
    from framing.corpus.readers import CorpusReader
    from framing.corpus.spool import SpooledRead
    from framing.lexicon.model import Lexicon
    from framing.lexicon.topics import PackChoice
    from framing.model import Article, ArticleScore
    from framing.rerun.corpus import CorpusReplay, ReadCorpus
    from framing.scoring.idle import IdleWork
    from framing.scoring.scorer import Engine, Scored

WARNINGS_SHOWN = 10
PROGRESS_SECONDS = 2.0
# Net new container objects that start a collection in the main process of `score` and `report`
# (default 700). That process takes in the workers' results a chunk at a time, some 100,000 live
# objects each, all dropped once merged, and with one job it scores too: the collector walked
# them for nothing, again and again (2,000 news-like articles: about 2 of the main process's
# 16 CPU s with two jobs, 6 of 45 with one). Reference cycles, if any, are still collected, once
# a million more objects are alive than at the last collection.
MAIN_GC_THRESHOLD = 1_000_000


@dataclass
class Inputs:
    """What to read and how to score it, as the options gave it."""

    paths: list[Path]
    manifest: Path | None
    limits: ReadSettings
    jobs: int
    outlets: list[str] | None = None
    store: Path | None = None
    engine: str = "local"
    scheduler: str | None = None
    outlets_read: set[str] = field(default_factory=set)
    replay: CorpusReplay | None = None  # reads the inputs once (framing.rerun.corpus)
    # Without a replay (no store): the first complete read, kept in memory when the corpus is
    # no larger than a replay keeps, else on disk (framing.corpus.spool), so that the packs'
    # pass is the only parse of the inputs.
    read: ReadCorpus | SpooledRead | None = None

    def reader(self) -> CorpusReader:
        """A fresh reader over the inputs (each one reads them from the start, or replays the
        first complete read: the same articles, skipped inputs and warnings)."""
        from framing.corpus.readers import CorpusReader

        if self.replay is None and self.read is not None:
            from framing.rerun.corpus import ReplayReader

            return cast("CorpusReader", ReplayReader(self.read))
        fresh = CorpusReader(self.paths, manifest=self.manifest, limits=self.limits)
        return fresh if self.replay is None else cast("CorpusReader", self.replay.reader(fresh))

    def kept_reader(self) -> CorpusReader:
        """:meth:`reader`; without a replay, its first complete read is kept in :attr:`read`
        (in memory, or on disk when the corpus is larger than
        :data:`~framing.rerun.corpus.MAX_CACHED_CHARACTERS`)."""
        reader = self.reader()
        if self.replay is not None or self.read is not None:
            return reader
        from framing.corpus.spool import SpoolingRecorder

        return cast("CorpusReader", SpoolingRecorder(reader, self._keep))

    def _keep(self, corpus: ReadCorpus | SpooledRead) -> None:
        self.read = corpus

    def chosen(self, articles: CorpusReader) -> Iterator[Article]:
        """The articles of the outlets asked for (all when none was named; names match in any
        letter case); every outlet read is noted in :attr:`outlets_read`."""
        from framing.corpus.values import clean_name

        wanted = {clean_name(name).casefold() for name in self.outlets or ()}
        for article in articles:
            self.outlets_read.add(article.outlet)
            if not wanted or article.outlet.casefold() in wanted:
                yield article


@dataclass
class Warnings:
    """Shows the first warnings as they come and counts the rest."""

    shown: int = 0
    hidden: int = 0

    def __call__(self, message: str) -> None:
        if self.shown < WARNINGS_SHOWN:
            say(f"Warning: {message}")
            self.shown += 1
        else:
            self.hidden += 1

    def close(self) -> None:
        if self.hidden:
            echo(f"Warning: ... and {self.hidden} more warnings", err=True)


def _engine(inputs: Inputs) -> Engine | None:
    if inputs.engine == "local":
        if inputs.scheduler is not None:
            raise UsageError("--scheduler: only with --engine dask")
        return None
    if inputs.engine == "dask":
        from framing.scoring.distributed import dask_engine

        return dask_engine(inputs.scheduler, inputs.jobs)
    raise UsageError(f"--engine {inputs.engine!r}: choose local or dask")


@dataclass
class Run:
    """One pass over the inputs: iterate :attr:`scores` (or :attr:`results`, the scores with
    what ``prepare`` made of them); then ``reader`` knows what was skipped, and ``scored`` how
    many articles were scored."""

    reader: CorpusReader
    results: Iterator[Scored]
    scored: int = 0

    @property
    def scores(self) -> Iterator[ArticleScore]:
        """The scores of :attr:`results`, in input order."""
        return (result.score for result in self.results)


@contextmanager
def scoring_run(
    inputs: Inputs,
    reader: CorpusReader,
    lexicon: Lexicon,
    default_store: Path | None,
    stopwords: frozenset[str] | None = None,
    prepare: Callable[[ArticleScore], object] | None = None,
    idle: IdleWork | None = None,
) -> Iterator[Run]:
    """Read and score the inputs as a stream; the store is ``--store``, else ``default_store``
    (a file in the output folder), else none. With ``stopwords`` each article's words and
    phrases are counted for a comparison; ``prepare`` is run on each score where it is made
    (in the worker processes: see :attr:`Run.results`); ``idle``'s tasks are run while this
    process waits for the workers (:mod:`framing.scoring.idle`)."""
    from framing.scoring.scorer import Scorer, scored_stream
    from framing.store import ScoreStore

    warnings = Warnings()
    engine = _engine(inputs)
    with ExitStack() as stack:
        store_path = inputs.store or default_store
        store = None
        if store_path is not None:
            store = stack.enter_context(
                ScoreStore(store_path, lexicon, ScoringSettings(), stopwords)
            )
        scorer = Scorer(lexicon, stopwords=stopwords, prepare=prepare)
        run = Run(reader, iter(()))
        watched = _watched(run, scored_stream(inputs.chosen(reader), scorer, inputs.jobs,
                                              store, engine, idle), warnings)  # fmt: skip
        run.results = watched
        try:
            yield run
        finally:
            # Stopped early (an error, Ctrl-C, SIGTERM): the engine stops its worker processes
            # or its cluster now, not whenever the abandoned scores are garbage-collected.
            watched.close()
            warnings.close()
        if store is not None and run.scored:
            echo(store.summary(), err=True)
    if not inputs.outlets_read and not reader.skipped:
        raise InputError("no articles found in the inputs")


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Garbage collection at :data:`MAIN_GC_THRESHOLD` while the block runs (the previous
    thresholds are restored after it, for a caller that runs the command in its own process)."""
    previous = gc.get_threshold()
    gc.set_threshold(MAIN_GC_THRESHOLD, *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def _watched(
    run: Run, results: Iterator[Scored], warnings: Warnings
) -> Generator[Scored, None, None]:
    from framing.scoring.scorer import non_english_warning

    reader = run.reader
    reported = 0
    last = time.monotonic()
    progress = sys.stderr.isatty()
    for result in results:
        while reported < len(reader.warnings):
            warnings(reader.warnings[reported])
            reported += 1
        warning = non_english_warning(result.score)
        if warning:
            warnings(warning)
        run.scored += 1
        if progress and time.monotonic() - last > PROGRESS_SECONDS:
            typer.echo(f"\rScored {run.scored:,} articles", err=True, nl=False)
            last = time.monotonic()
        yield result
    if progress and run.scored:
        typer.echo(f"\rScored {run.scored:,} articles", err=True)
    for message in reader.warnings[reported:]:
        warnings(message)
    from framing.render.terminal import skipped_lines  # tabulate: only once scoring is done

    for line in skipped_lines(reader):
        echo(line, err=True)


def chosen_packs(
    inputs: Inputs,
    lexicon_files: list[Path] | None,
    forced_on: list[str] | None,
    kept_off: list[str] | None,
) -> PackChoice:
    """Load every built-in pack and the user's files, decide which to use from a first pass
    over the inputs (titles and texts only, nothing scored)."""
    from framing.lexicon.loader import read_lexicon
    from framing.lexicon.topics import check_pack_names, choose_packs

    parsed = None
    if inputs.replay is not None:  # a re-run cache: packs parsed by an earlier run are reused
        from framing.lexicon.parsed_packs import ParsedCache

        parsed = ParsedCache(inputs.replay.cache)
    loaded = read_lexicon(lexicon_files or (), parsed=parsed)
    if parsed is not None:
        parsed.save()
    check_pack_names(loaded, forced_on or (), kept_off or ())
    # A reader of its own: its warnings and skipped inputs are reported by the scoring pass
    # (which replays this read when it was kept).
    articles = inputs.chosen(inputs.kept_reader())
    if inputs.replay is not None:
        from framing.rerun.packs import replayed_choice

        return replayed_choice(inputs.replay, articles, loaded, forced_on or (), kept_off or (),
                               inputs.outlets or ())  # fmt: skip
    return choose_packs(articles, loaded, forced_on or (), kept_off or ())


def say_packs(choice: PackChoice) -> None:
    """Print :func:`pack_lines` on stderr (once the run has succeeded, so that an error stays
    the only line of a failed run)."""
    for line in pack_lines(choice):
        say(line)


def pack_lines(choice: PackChoice) -> list[str]:
    """What the run uses: the packs used, each topic pack's decision with its evidence, and
    every form one pack takes over from another."""
    used = [d.pack for d in choice.decisions if d.used]
    lines = [f"Packs used: {', '.join(used) if used else 'none'}."]
    quiet = [d.pack for d in choice.decisions if d.reason == "not detected" and not d.on_topic]
    for decision in choice.decisions:
        shown = decision.scope == "topic" and decision.pack not in quiet
        if shown or decision.reason == "kept off":
            lines.append(f"  {decision.summary()}")
    if quiet:
        lines.append(f"  off, no article on their topic: {', '.join(quiet)}")
    lines += [f"Note: {notice}" for notice in choice.lexicon.notices]
    return lines


def default_store(out: Path | None, no_store: bool) -> Path | None:
    """The store file used when ``--store`` is not given."""
    if no_store or out is None:
        return None
    return out / STORE_NAME


def run_inputs(
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
    """The inputs of a run, from the command's options (``max_file_mb`` in MiB)."""
    limits = ReadSettings(int(max_file_mb * 2**20), max_article_chars)
    return Inputs(paths, manifest, limits, jobs, outlets, store, engine, scheduler)


def csv_encoding(excel: bool) -> str:
    """The encoding of every CSV file a run writes: with a byte-order mark for Excel."""
    return "utf-8-sig" if excel else "utf-8"


def check_outlets(wanted: list[str] | None, seen: set[str]) -> None:
    """Refuse an ``--outlet`` that names none of the outlets read (``seen``)."""
    from framing.corpus.values import clean_name

    known = {name.casefold() for name in seen}
    unknown = [name for name in wanted or () if clean_name(name).casefold() not in known]
    if unknown:
        raise UsageError(
            f"--outlet {unknown[0]!r}: no such outlet; outlets: {', '.join(sorted(seen))}"
        )


def column_names(content: str) -> tuple[str, ...]:
    """The header row of a CSV table given as text."""
    import csv
    import io

    return tuple(next(csv.reader(io.StringIO(content))))
