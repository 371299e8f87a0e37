"""Read a manifest: the CSV file that says which outlet (and date, url, title, id) each input
file belongs to."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from framing.corpus.decoding import Undecodable, decode
from framing.corpus.tables import canonical_fields, csv_rows
from framing.corpus.values import clean_name, real_path
from framing.errors import InputError


@dataclass(frozen=True)
class ManifestEntry:
    """A manifest row: which outlet (and date, url, ...) a file belongs to."""

    path: Path
    line: int
    fields: Mapping[str, str]  # canonical column name -> value
    metadata: tuple[tuple[str, str], ...]
    manifest: Path = Path()  # the manifest file it comes from
    name: str = ""  # the 'file' value as written


def read_manifest(path: Path) -> dict[Path, ManifestEntry]:
    """Manifest rows keyed by the resolved path of the file each names.

    A manifest is a CSV with a ``file`` column (relative to the manifest's folder) and any of
    ``outlet, date, url, title, id``; further columns (e.g. ``country``) are kept as metadata.
    """
    try:
        if path.is_dir():
            raise InputError(f"{path}: manifest is a folder; name a CSV file")
        decoded = decode(path.read_bytes())
    except FileNotFoundError:
        raise InputError(f"{path}: manifest not found") from None
    except OSError as error:
        raise InputError(f"{path}: manifest cannot be read: {error.strerror}") from None
    except Undecodable as problem:
        raise InputError(f"{path}: manifest cannot be read: {problem}") from None
    try:
        header, rows = csv_rows(decoded.text)
    except csv.Error as error:
        raise InputError(f"{path}: manifest is not a readable CSV file: {error}") from None
    if header is None:
        raise InputError(f"{path}: manifest is empty; it needs a header with a 'file' column")
    columns = [clean_name(name).lower() for name in header]
    twice = sorted({name for name in columns if columns.count(name) > 1 and name})
    if twice:
        raise InputError(
            f"{path}: manifest has the columns {', '.join(map(repr, twice))} more than once "
            "(names differ only by case or spaces); rename them"
        )
    if "file" not in columns:
        raise InputError(
            f"{path}: manifest has no 'file' column (its columns: {', '.join(header)})"
        )
    entries: dict[Path, ManifestEntry] = {}
    for line, row in rows:
        if len(row) != len(columns):
            raise InputError(
                f"{path}:{line}: manifest row has {len(row)} fields but the header has "
                f"{len(columns)}"
            )
        values = dict(zip(columns, (value.strip() for value in row), strict=True))
        name = values.pop("file")
        if not name:
            raise InputError(f"{path}:{line}: manifest row has an empty 'file' value")
        if "\x00" in name:
            raise InputError(f"{path}:{line}: the 'file' value {name!r} holds a NUL character")
        fields, metadata = canonical_fields(values)
        resolved = real_path(path.parent / name)
        if resolved in entries:
            raise InputError(
                f"{path}:{line}: {name!r} is listed twice (first at line {entries[resolved].line})"
            )
        entries[resolved] = ManifestEntry(path.parent / name, line, fields, metadata, path, name)
    return entries
