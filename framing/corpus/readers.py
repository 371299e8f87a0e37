"""Read inputs into a :class:`~framing.model.Corpus`: every input becomes an article or a
skipped entry with a reason.

Inputs are folders (of .txt and .html files, CSV and JSONL files; a ``manifest.csv`` inside is
used automatically), single files, or several of these at once. Outlets come from the manifest
or an outlet column first, then from signature phrases in the text, then ``unknown`` with a
warning.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from framing.corpus.decoding import Decoded, decode
from framing.corpus.folders import (
    ARTICLE_SUFFIXES,
    MANIFEST_NAME,
    TABLE_SUFFIXES,
    UNSUPPORTED_DOCUMENTS,
    folder_contents,
)
from framing.corpus.html import looks_like_html, saved_page
from framing.corpus.manifest import ManifestEntry, read_manifest
from framing.corpus.tables import (
    decoded_or_skipped,
    read_table,
)
from framing.corpus.values import (
    clean_name,
    clean_text,
    clean_value,
    real_path,
)
from framing.errors import InputError
from framing.lexicon.loader import builtin_text
from framing.model import Article, Corpus, Skipped
from framing.settings import ReadSettings
from framing.text.furniture import FurnitureRules, clean_article, parse_furniture
from framing.text.outlets import OutletSignatures, parse_outlets

__all__ = [
    "ARTICLE_SUFFIXES",
    "MANIFEST_NAME",
    "TABLE_SUFFIXES",
    "UNSUPPORTED_DOCUMENTS",
    "CorpusReader",
    "read_corpus",
    "read_manifest",
]
UNKNOWN_OUTLET = "unknown"


@dataclass(frozen=True)
class ReaderResources:
    """The data files reading needs: furniture rules and outlet signatures."""

    furniture: FurnitureRules
    signatures: OutletSignatures


def builtin_resources() -> ReaderResources:
    """Furniture rules and outlet signatures shipped in ``lexicons/``."""
    return ReaderResources(
        furniture=parse_furniture(builtin_text("furniture.yaml"), "lexicons/furniture.yaml"),
        signatures=parse_outlets(builtin_text("outlets.yaml"), "lexicons/outlets.yaml"),
    )


@dataclass
class Collector:
    """Collects articles (handed on as soon as they are read), skipped inputs and warnings;
    enforces unique ids.

    Ids are remembered by a 64-bit hash with where they were first used, so a corpus of
    millions of articles costs tens of megabytes here rather than its ids' text.
    """

    resources: ReaderResources
    limits: ReadSettings = field(default_factory=ReadSettings)
    articles: deque[Article] = field(default_factory=deque)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ids: dict[int, int] = field(default_factory=dict)  # id hash -> place (see _place)
    places: list[str] = field(default_factory=list)  # sources in reading order
    metadata_columns: set[str] = field(default_factory=set)
    outlet_spellings: dict[str, str] = field(default_factory=dict)  # case-folded -> first seen
    encodings_noted: set[str] = field(default_factory=set)  # files said to be not UTF-8

    def _place(self, source: str, line: int | None) -> int:
        if not self.places or self.places[-1] != source:
            self.places.append(source)
        return (len(self.places) - 1) << 32 | (line or 0)

    def _where(self, place: int) -> str:
        source, line = self.places[place >> 32], place & 0xFFFFFFFF
        return f"{source}:{line}" if line else source

    def skip(self, source: str, reason: str, line: int | None = None, article_id: str = "") -> None:
        self.skipped.append(Skipped(source, reason, line, article_id))

    def add(
        self,
        *,
        article_id: str,
        raw: str,
        title: str | None,
        fields: Mapping[str, str],
        metadata: tuple[tuple[str, str], ...],
        source: str,
        line: int | None,
        decoded: Decoded | None,
        outlet_origin: str,
    ) -> None:
        where = f"{source}:{line}" if line is not None else source
        raw, removed_controls = clean_text(raw)
        title, removed_in_title = clean_text(title) if title is not None else (None, 0)
        fields = {key: clean_value(value) for key, value in fields.items()}
        metadata = tuple((key, clean_value(value)) for key, value in metadata)
        article_id = clean_text(article_id)[0]
        if not raw.strip() and not (title or "").strip():
            self.skip(source, "no text (empty or only whitespace)", line, article_id)
            return
        if len(raw) > self.limits.max_article_chars:
            self.skip(
                source,
                f"the article text has {len(raw):,} characters, over the limit of "
                f"{self.limits.max_article_chars:,} (raise it with --max-article-chars)",
                line,
                article_id,
            )
            return
        id_hash = int.from_bytes(hashlib.blake2b(article_id.encode(), digest_size=8).digest())
        if id_hash in self.ids:
            self.skip(
                source,
                f"duplicate id {article_id!r}; first used by {self._where(self.ids[id_hash])}",
                line,
                article_id,
            )
            return
        cleaned = clean_article(raw, self.resources.furniture, title)
        if not cleaned.body.strip():
            reason = (
                "only a headline, no article text"
                if cleaned.title
                else "no text left after removing page furniture"
            )
            self.skip(source, reason, line, article_id)
            return
        outlet = clean_name(fields.get("outlet", ""))
        outlet_source = outlet_origin
        if not outlet:
            found = self.resources.signatures.attribute(raw)
            if found is not None:
                outlet, phrase = found
                outlet_source = f"signature: {phrase}"
            else:
                outlet, outlet_source = UNKNOWN_OUTLET, "unknown"
                self.warnings.append(
                    f"{where}: no outlet in a manifest, an outlet column or a known signature; "
                    f"counted as '{UNKNOWN_OUTLET}'"
                )
        self._check_spelling(outlet, where)
        if removed_controls + removed_in_title:
            self.warnings.append(
                f"{where}: {removed_controls + removed_in_title} control characters (such as "
                "NUL or escape) removed from the text"
            )
        if decoded is not None and decoded.detected and source not in self.encodings_noted:
            self.encodings_noted.add(source)  # once per file, not once per row
            self.warnings.append(f"{where}: not UTF-8; read as {decoded.encoding} (detected)")
        if decoded is not None and decoded.note and line is None:
            self.warnings.append(f"{where}: {decoded.note}")
        self.ids[id_hash] = self._place(source, line)
        self.metadata_columns.update(key for key, _value in metadata)
        self.articles.append(
            Article(
                id=article_id,
                outlet=outlet,
                title=cleaned.title,
                text=cleaned.body,
                date=fields.get("date", "").strip(),
                url=fields.get("url", "").strip(),
                source_path=source,
                source_line=line,
                outlet_source=outlet_source,
                encoding=decoded.encoding if decoded is not None else "utf-8",
                removed=cleaned.removed,
                metadata=metadata,
            )
        )

    def _check_spelling(self, outlet: str, where: str) -> None:
        folded = outlet.casefold()
        first = self.outlet_spellings.setdefault(folded, outlet)
        if first != outlet:
            self.outlet_spellings[folded] = outlet  # warn once per new spelling
            self.warnings.append(
                f"{where}: outlet {outlet!r} differs from {first!r} only by case; they are "
                "counted as two outlets (spell them the same way to count them as one)"
            )


class CorpusReader:
    """The articles of ``paths`` (folders, .txt/.html/.csv/.jsonl files), read as they are
    iterated: a CSV or JSONL file of any size is read row by row.

    A missing path, a folder with nothing to read or a broken manifest raises
    :class:`InputError` at construction, before any work; a file or row that cannot be used
    becomes a :class:`~framing.model.Skipped` entry. ``skipped``, ``warnings``, ``files`` (every
    file read) and ``metadata_columns`` are complete once the iteration has finished;
    ``warnings`` grows as it goes.
    """

    def __init__(
        self,
        paths: Sequence[str | Path],
        manifest: str | Path | None = None,
        resources: ReaderResources | None = None,
        limits: ReadSettings | None = None,
    ) -> None:
        if not paths:
            raise InputError("no input given; name a folder of articles or a CSV/JSONL file")
        for path in paths:
            _check_exists(Path(path))
        self._collector = Collector(resources or builtin_resources(), limits or ReadSettings())
        self._listed: dict[Path, ManifestEntry] = (
            dict(read_manifest(Path(manifest))) if manifest is not None else {}
        )
        self._plan: list[tuple[Path, str, bool]] = []  # (file, default id, named)
        self._folders: list[Path] = []
        # Every manifest read (for the fingerprint of the inputs, framing.rerun.corpus).
        self.manifests: list[Path] = [Path(manifest)] if manifest is not None else []
        for path in map(Path, paths):
            if not path.is_dir():
                self._plan.append((path, path.stem, True))
                continue
            contents = folder_contents(path)
            for skipped_path, reason in contents.skipped:
                if skipped_path == path:
                    raise InputError(f"{path}: {reason}")
                self._collector.skip(str(skipped_path), reason)
            if not contents.files:
                raise InputError(
                    f"{path}: no articles here (looked for .txt, .html, .csv and .jsonl files)"
                )
            self.manifests += contents.manifests
            for local_manifest in contents.manifests:
                for key, entry in read_manifest(local_manifest).items():
                    self._listed.setdefault(key, entry)
            self._folders.append(real_path(path))
            self._plan += [(file, _relative_id(file, path), False) for file in contents.files]
        self.files: list[Path] = [file for file, _id, _named in self._plan]

    @property
    def skipped(self) -> list[Skipped]:
        return self._collector.skipped

    @property
    def warnings(self) -> list[str]:
        return self._collector.warnings

    @property
    def metadata_columns(self) -> set[str]:
        return self._collector.metadata_columns

    def __iter__(self) -> Iterator[Article]:
        collector = self._collector
        seen_files: set[Path] = set()
        for file, default_id, named in self._plan:
            for _ in _read_file(file, default_id, self._listed, collector, named):
                while collector.articles:
                    yield collector.articles.popleft()
            seen_files.add(real_path(file))
        listed_skipped = {real_path(Path(s.source_path)) for s in collector.skipped}
        for resolved, entry in sorted(
            self._listed.items(), key=lambda item: (str(item[1].path), item[1].line)
        ):
            if resolved in seen_files or resolved in listed_skipped:
                continue
            if not resolved.exists():
                collector.skip(
                    str(entry.path), "listed in the manifest but no such file", entry.line
                )
                continue
            inside = any(folder in resolved.parents for folder in self._folders)
            collector.warnings.append(
                f"{entry.manifest}:{entry.line}: {entry.name!r} is not read: "
                + (
                    "it is not an article file (.txt, .html, .csv, .jsonl) or it is hidden"
                    if inside
                    else "it is outside the input folders (name it as an input to read it)"
                )
            )


def read_corpus(
    paths: Sequence[str | Path],
    manifest: str | Path | None = None,
    resources: ReaderResources | None = None,
    limits: ReadSettings | None = None,
) -> Corpus:
    """Every input in ``paths`` read into memory at once (see :class:`CorpusReader`)."""
    reader = CorpusReader(paths, manifest, resources, limits)
    articles = tuple(reader)
    return Corpus(articles, tuple(reader.skipped), tuple(reader.warnings))


def _check_exists(path: Path) -> None:
    try:
        path.stat()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or folder") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read: {error.strerror or error}") from None


def _relative_id(file: Path, folder: Path) -> str:
    return file.relative_to(folder).with_suffix("").as_posix()


def _read_file(
    path: Path,
    default_id: str,
    listed: Mapping[Path, ManifestEntry],
    collector: Collector,
    named: bool,
) -> Iterator[None]:
    """Read one file into ``collector``, yielding after each article or row; ``named`` says the
    user gave this file explicitly (a CSV that cannot be read at all is then an error rather
    than a skipped file)."""
    suffix = path.suffix.lower()
    source = str(path)
    if suffix in TABLE_SUFFIXES:
        yield from read_table(path, collector, named)
        return
    limit = collector.limits.max_file_bytes
    try:
        size = path.stat().st_size
        if size > limit:
            collector.skip(
                source,
                f"the file has {size / 2**20:.1f} MB, over the {limit / 2**20:g} MB limit for "
                "one article (raise it with --max-file-mb)",
            )
            return
        data = path.read_bytes()
    except OSError as error:
        collector.skip(source, f"cannot be read: {error.strerror or error}")
        return
    decoded = decoded_or_skipped(data, decode, source, collector)
    if decoded is None:
        return
    entry = listed.get(real_path(path))
    fields = dict(entry.fields) if entry is not None else {}
    text, title = decoded.text, None
    if suffix in (".html", ".htm") or looks_like_html(text):
        page = saved_page(text)
        text = page.text
        title = fields.get("title") or page.title or None
        if page.date and not fields.get("date"):
            fields["date"] = page.date  # the page's own date, as `framing fetch` reads it
    elif fields.get("title"):
        title = fields["title"]
    collector.add(
        article_id=fields.get("id") or default_id,
        raw=text,
        title=title,
        fields=fields,
        metadata=entry.metadata if entry is not None else (),
        source=source,
        line=None,
        decoded=decoded,
        outlet_origin="manifest",
    )
    yield
