"""The inputs read once: a run that reads them several times (packs, scoring, examples, story
texts) parses them once, and a later run over unchanged files does not parse them at all.

Unchanged means every file the reader would read (and every manifest) has the size, time or
content hash recorded by the run that cached the articles (:mod:`framing.corpus.fingerprint`),
read with the same limits by the same version of framing. Corpora larger than
:data:`MAX_CACHED_CHARACTERS` are not kept, so memory stays bounded: their first read is
spooled to disk for the run (:mod:`framing.corpus.spool`), and the next run reads them afresh.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing.corpus.fingerprint import FileMark, mark_files, marks_key
from framing.corpus.spool import SpooledRead, SpoolingRecorder
from framing.model import Article, Removal, Skipped
from framing.rerun.cache import RunCache, key_of

if TYPE_CHECKING:
    from framing.corpus.readers import CorpusReader

MAX_CACHED_CHARACTERS = 64_000_000  # about 12,000 news articles
KIND = "corpus"
MARKS = "marks"
# How a read corpus is stored (plain JSON rows, see corpus_data): another form is not read.
FORMAT = "corpus rows 1"


@dataclass(frozen=True)
class ReadCorpus:
    """Everything one complete read of the inputs gave, in order."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]
    warnings: tuple[str, ...]
    files: tuple[str, ...]
    metadata_columns: tuple[str, ...]


class ReplayReader:
    """A :class:`~framing.corpus.readers.CorpusReader` look-alike over a complete read, kept in
    memory or spooled to disk: the same articles, skipped inputs, warnings, files and columns,
    without parsing anything."""

    def __init__(self, corpus: ReadCorpus | SpooledRead) -> None:
        self.corpus = corpus
        self.files = [Path(name) for name in corpus.files]
        self.skipped = list(corpus.skipped)
        self.warnings = list(corpus.warnings)
        self.metadata_columns = set(corpus.metadata_columns)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.corpus.articles)


class CorpusReplay:
    """Hands out readers of the inputs: the first complete read is kept (in memory and in the
    cache), later reads replay it."""

    def __init__(self, cache: RunCache, settings: object) -> None:
        self.cache = cache
        self.settings = settings
        self.corpus: ReadCorpus | None = None
        # A first read too large to keep in memory or in the cache: on disk for this run only.
        self.spooled: SpooledRead | None = None
        self.key = ""
        self.reused = False  # the articles came from an earlier run

    def reader(self, fresh: CorpusReader) -> CorpusReader | ReplayReader | SpoolingRecorder:
        """A reader over the same inputs as ``fresh`` (a reader not yet iterated)."""
        if self.corpus is not None:
            return ReplayReader(self.corpus)
        if self.spooled is not None:
            return ReplayReader(self.spooled)
        if not self.key:
            self.key = self._key(fresh)
            data = self.cache.get(KIND, self.key, raw=True)
            cached = None if data is None else read_corpus(data)
            if data is not None and cached is None:
                self.cache.rebuilt.append(f"{KIND} (malformed)")
            if cached is not None:
                self.corpus = cached
                self.reused = True
                return ReplayReader(cached)
        return SpoolingRecorder(fresh, self._keep)

    def _keep(self, corpus: ReadCorpus | SpooledRead) -> None:
        if isinstance(corpus, SpooledRead):
            self.spooled = self.spooled or corpus
        elif self.corpus is None:
            self.corpus = corpus
            self.cache.put(KIND, self.key, corpus_data(corpus), raw=True)

    def _key(self, reader: CorpusReader) -> str:
        files = [*reader.files, *getattr(reader, "manifests", [])]
        known = self.cache.get(MARKS, "marks")
        recorded = {m.path: m for m in file_marks(known)}
        marks = mark_files(files, recorded)
        if any(recorded.get(m.path) != m for m in marks):
            self.cache.put(MARKS, "marks", tuple(m for m in marks if m.size >= 0))
        return key_of(KIND, FORMAT, marks_key(marks), repr(self.settings))


def file_marks(marks: Any) -> tuple[FileMark, ...]:
    """``marks`` if it is a tuple of file marks, else none."""
    if isinstance(marks, tuple) and all(isinstance(m, FileMark) for m in marks):
        return marks
    return ()


def corpus_data(corpus: ReadCorpus) -> dict[str, Any]:
    """``corpus`` as plain JSON data: each article a row of its fields, in field order (a
    corpus of ten thousand articles is read back in a fraction of the time the tagged form of
    :mod:`framing.rerun.codec` takes)."""
    return {
        "articles": [
            [a.id, a.outlet, a.title, a.text, a.date, a.url, a.source_path, a.source_line,
             a.outlet_source, a.encoding, [[r.line, r.rule, r.text] for r in a.removed],
             [list(pair) for pair in a.metadata]]
            for a in corpus.articles
        ],
        "skipped": [[s.source_path, s.reason, s.source_line, s.id] for s in corpus.skipped],
        "warnings": list(corpus.warnings),
        "files": list(corpus.files),
        "metadata_columns": list(corpus.metadata_columns),
    }  # fmt: skip


def _text(value: object) -> str:
    if type(value) is not str:
        raise TypeError("not text")
    return value


def _line(value: object) -> int | None:
    if value is not None and type(value) is not int:
        raise TypeError("not a line number")
    return value


def _count(value: object) -> int:
    if type(value) is not int:
        raise TypeError("not a number")
    return value


def _article(row: list[Any]) -> Article:
    identifier, outlet, title, text, date, url, path, line, source, encoding, removed, meta = row
    return Article(
        _text(identifier), _text(outlet), _text(title), _text(text), _text(date), _text(url),
        _text(path), _line(line), _text(source), _text(encoding),
        tuple(Removal(_count(n), _text(rule), _text(t)) for n, rule, t in removed),
        tuple((_text(key), _text(value)) for key, value in meta),
    )  # fmt: skip


def _skipped(row: list[Any]) -> Skipped:
    path, reason, line, identifier = row
    return Skipped(_text(path), _text(reason), _line(line), _text(identifier))


def read_corpus(data: Any) -> ReadCorpus | None:
    """The corpus :func:`corpus_data` gave ``data`` for, or ``None`` if ``data`` is not such
    data (the cache is untrusted: every field is checked)."""
    if not isinstance(data, dict):
        return None
    try:
        return ReadCorpus(
            tuple(_article(row) for row in data["articles"]),
            tuple(_skipped(row) for row in data["skipped"]),
            tuple(_text(w) for w in data["warnings"]),
            tuple(_text(f) for f in data["files"]),
            tuple(_text(c) for c in data["metadata_columns"]),
        )
    except (TypeError, ValueError, KeyError):
        return None
