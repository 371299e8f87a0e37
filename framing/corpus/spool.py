"""The first complete read of a corpus too large to keep in memory, kept on disk instead.

``framing report`` reads its inputs more than once: a first pass decides which packs to use
(:func:`framing.cli_run.chosen_packs`), then the articles are scored, and the stories read some
texts again. A corpus of up to :data:`~framing.rerun.corpus.MAX_CACHED_CHARACTERS` is kept in
memory by the first read; a larger one used to be parsed afresh each time, in the main process,
which at 100,000 news articles is about a minute of CSV parsing and page-furniture removal per
read. Here the articles of the first read are pickled into an unnamed temporary file instead
(some 5 KB per article, gone when the run ends) and read back from it: pickling and unpickling
cost a few percent of parsing.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from framing.model import Article, Skipped

if TYPE_CHECKING:
    from framing.corpus.readers import CorpusReader
    from framing.rerun.corpus import ReadCorpus

BATCH_ARTICLES = 64  # articles pickled together: fewer, larger writes and reads


class ArticleSpool:
    """Articles appended to an unnamed temporary file, read back in order any number of times
    (several readings may run at once: each reads at its own offsets)."""

    def __init__(self) -> None:
        # Open as long as the spool lives (the run's inputs hold it); unnamed, so its disk
        # space is freed when it is closed, at the latest when the process ends.
        self._file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        self._batches: list[tuple[int, int]] = []  # (offset, length) of each pickled batch
        self._pending: list[Article] = []
        self._end = 0
        self.count = 0

    def add(self, article: Article) -> None:
        """Append one article."""
        self._pending.append(article)
        self.count += 1
        if len(self._pending) >= BATCH_ARTICLES:
            self._write()

    def _write(self) -> None:
        if not self._pending:
            return
        data = pickle.dumps(self._pending, protocol=pickle.HIGHEST_PROTOCOL)
        self._file.write(data)
        self._batches.append((self._end, len(data)))
        self._end += len(data)
        self._pending = []

    def finish(self) -> None:
        """Write what is buffered: the spool is complete and can be read."""
        self._write()
        self._file.flush()

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Article]:
        descriptor = self._file.fileno()
        for offset, length in self._batches:
            batch: list[Article] = pickle.loads(os.pread(descriptor, length, offset))
            yield from batch


@dataclass(frozen=True)
class SpooledRead:
    """One complete read of the inputs whose articles are in a spool (the fields of
    :class:`~framing.rerun.corpus.ReadCorpus`)."""

    articles: ArticleSpool
    skipped: tuple[Skipped, ...]
    warnings: tuple[str, ...]
    files: tuple[str, ...]
    metadata_columns: tuple[str, ...]


class SpoolingRecorder:
    """Reads through a real reader and hands its complete read to ``done``: kept in memory
    (a :class:`~framing.rerun.corpus.ReadCorpus`) while the articles' text stays within
    ``limit`` characters, else spooled to disk (a :class:`SpooledRead`). A read stopped
    before its end is handed to no one."""

    def __init__(
        self,
        reader: CorpusReader,
        done: Callable[[ReadCorpus | SpooledRead], None],
        limit: int | None = None,
    ) -> None:
        from framing.rerun.corpus import MAX_CACHED_CHARACTERS

        self._reader = reader
        self._done = done
        self._limit = MAX_CACHED_CHARACTERS if limit is None else limit

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)

    def __iter__(self) -> Iterator[Article]:
        from framing.rerun.corpus import ReadCorpus

        kept: list[Article] = []
        spool: ArticleSpool | None = None
        size = 0
        for article in self._reader:
            if spool is None:
                size += len(article.text) + len(article.title)
                if size > self._limit:  # from here on, on disk (the kept ones first)
                    spool = ArticleSpool()
                    for earlier in kept:
                        spool.add(earlier)
                    kept = []
            if spool is None:
                kept.append(article)
            else:
                spool.add(article)
            yield article
        reader = self._reader
        parts = (
            tuple(reader.skipped),
            tuple(reader.warnings),
            tuple(str(f) for f in reader.files),
            tuple(sorted(reader.metadata_columns)),
        )
        if spool is None:
            self._done(ReadCorpus(tuple(kept), *parts))
        else:
            spool.finish()
            self._done(SpooledRead(spool, *parts))
