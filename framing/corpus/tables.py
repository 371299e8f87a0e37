"""CSV and JSONL files of articles, read as a stream, row by row: each row becomes an article
or a skipped entry with its line and reason.

A file's encoding is judged from its first megabyte; a later line that does not fit is that
row's problem alone. JSON values are checked for their type: a number where the text belongs
is a broken export, and a ``null`` is an absent field.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from framing.corpus.decoding import SNIFF_BYTES, Decoded, Undecodable, sniff
from framing.corpus.html import html_to_text, looks_like_html
from framing.corpus.lines import DecodedLines
from framing.corpus.values import clean_name, json_kind, json_text
from framing.errors import InputError

if TYPE_CHECKING:
    from framing.corpus.readers import Collector

# JSON fields that must hold text: a number or true/false there is a broken export, not an
# article. Ids may be numbers (news exports often number their stories).
_TEXT_FIELDS = ("text", "title", "outlet")

# Accepted column names, first match wins; the extra names are those of common news exports:
# Media Cloud (media_name, publish_date, stories_id, story_text), GDELT's document search
# (domain, seendate), news-please (maintext, date_publish, source_domain), schema.org's
# NewsArticle (articleBody, datePublished) and spreadsheets made by hand (body_text, ...).
COLUMN_ALIASES: Mapping[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "full_text", "article_text", "story_text", "body_text",
             "maintext", "articlebody", "article_body", "fulltext"),
    "outlet": ("outlet", "media_name", "media", "publication", "publisher", "source",
               "source_name", "source_domain", "domain"),
    "title": ("title", "headline", "article_title"),
    "date": ("date", "publish_date", "published", "publication_date", "pub_date", "seendate",
             "date_publish", "datepublished"),
    "url": ("url", "link", "sourceurl"),
    "id": ("id", "article_id", "stories_id", "guid"),
}  # fmt: skip


def decoded_or_skipped(
    data: bytes, decoder: Callable[[bytes], Decoded], source: str, collector: Collector
) -> Decoded | None:
    """``data`` decoded, or ``None`` with the file skipped because it is empty or not text."""
    if not data:
        collector.skip(source, "empty file (0 bytes)")
        return None
    try:
        return decoder(data)
    except Undecodable as problem:
        collector.skip(source, str(problem))
        return None


def read_table(path: Path, collector: Collector, named: bool) -> Iterator[None]:
    """A CSV or JSONL file, decoded and parsed as a stream: its encoding is judged from the
    first megabyte, and a row holding a later byte that does not fit is skipped alone."""
    source = str(path)
    try:
        stream = path.open("rb")
    except OSError as error:
        collector.skip(source, f"cannot be read: {error.strerror or error}")
        return
    with stream:
        decoded = decoded_or_skipped(stream.read(SNIFF_BYTES), sniff, source, collector)
        if decoded is None:
            return
        stream.seek(0)
        lines = DecodedLines(stream, decoded.encoding)
        rows = _read_csv if path.suffix.lower() == ".csv" else _read_jsonl
        progress = _Progress()
        try:
            yield from rows(lines, decoded, source, collector, named, progress)
        except UnicodeDecodeError as error:  # UTF-16/32 only: see DecodedLines
            collector.skip(
                source,
                f"not valid {decoded.encoding} at line {lines.count} ({error.reason}); lines "
                f"{progress.line + 1} to the end were not read",
                progress.line + 1,
            )
        except OSError as error:
            collector.skip(
                source,
                f"reading stopped at line {lines.count}: {error.strerror or error}; lines "
                f"{progress.line + 1} to the end were not read",
                progress.line + 1,
            )
        if lines.bad and decoded.encoding.startswith("utf-8"):
            collector.warnings.append(
                f"{source}: {len(lines.bad)} lines are not valid UTF-8 and their rows were "
                "skipped; if the file is in another encoding (Windows-1252, say), convert it "
                "to UTF-8 and run again"
            )


@dataclass
class _Progress:
    line: int = 0  # the last line read completely


def canonical_fields(
    values: Mapping[str, str],
) -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """Split a row into the canonical fields (by alias) and the remaining metadata columns."""
    fields: dict[str, str] = {}
    used: set[str] = set()
    for canonical, aliases in COLUMN_ALIASES.items():
        # The first alias with a value wins; an empty one (a null in JSON) does not hide a
        # later one that is filled (an export with an empty text column and a full body).
        present = [alias for alias in aliases if alias in values]
        filled = [alias for alias in present if values[alias].strip()]
        if present:
            chosen = (filled or present)[0]
            fields[canonical] = values[chosen]
            used.update(alias for alias in present if alias == chosen or alias not in filled)
    metadata = tuple(sorted((k, v) for k, v in values.items() if k not in used and k))
    return fields, metadata


@contextlib.contextmanager
def _long_fields() -> Iterator[None]:
    # Article texts can be far longer than the csv module's default field limit (128 KiB).
    # The limit is process-wide, so it is restored afterwards for the caller's own csv use.
    previous = csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def csv_rows(text: str) -> tuple[list[str] | None, list[tuple[int, list[str]]]]:
    """The header of a small CSV text (a manifest) and its non-empty rows with their first
    line numbers."""
    with _long_fields():
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, None)
        rows = list(_numbered_rows(reader, _Progress()))
    return header, rows


def _numbered_rows(
    reader: Iterator[list[str]], progress: _Progress
) -> Iterator[tuple[int, list[str]]]:
    """``(first line, row)`` for the non-empty rows of a ``csv.reader`` past its header."""
    line_num = getattr(reader, "line_num", 0)
    progress.line = line_num
    for row in reader:
        start = progress.line + 1
        progress.line = getattr(reader, "line_num", 0)
        if row:
            yield start, row


def _read_csv(
    text: DecodedLines,
    decoded: Decoded,
    source: str,
    collector: Collector,
    named: bool,
    progress: _Progress,
) -> Iterator[None]:
    with _long_fields():
        yield from _read_csv_rows(text, decoded, source, collector, named, progress)


def _records(
    reader: Iterator[list[str]],
    lines: DecodedLines,
    progress: _Progress,
    collector: Collector,
    source: str,
) -> Iterator[tuple[int, list[str]]]:
    """``(first line, row)`` for the non-empty rows past the header. A row the strict reader
    refuses (``"quoted" text`` after a closing quote) is read again as the csv module reads
    by default; a quote never closed is a skipped entry naming the lines it took."""
    progress.line = getattr(reader, "line_num", 0)
    while True:
        start = progress.line + 1
        lines.record = []
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            progress.line = getattr(reader, "line_num", 0)
            if "unexpected end of data" in str(error):
                collector.skip(
                    source,
                    f"a quote opened in line {start} is never closed, so lines {start} to "
                    f"{progress.line} (the end of the file) are not read; close the quote",
                    start,
                )
                return
            retried = list(csv.reader(lines.record or ()))
            if len(retried) != 1 or "field larger than field limit" in str(error):
                collector.skip(source, f"not a readable CSV row: {error}", start)
                continue
            row = retried[0]
        progress.line = getattr(reader, "line_num", 0)
        if row:
            yield start, row


def _read_csv_rows(
    text: DecodedLines,
    decoded: Decoded,
    source: str,
    collector: Collector,
    named: bool,
    progress: _Progress,
) -> Iterator[None]:
    try:
        # Strict, so that a quote left open is found (else it would swallow every later row
        # into one field); a row that breaks the rules is re-read tolerantly (see _records).
        reader = csv.reader(text, strict=True)
        header = next(reader, None)
        if header is None:
            collector.skip(source, "empty CSV file (no header row)")
            return
        rows = _records(reader, text, progress, collector, source)
        columns = [clean_name(name).lower() for name in header]
        twice = sorted({name for name in columns if columns.count(name) > 1 and name})
        if twice:
            problem = (
                f"the columns {', '.join(map(repr, twice))} appear more than once (names differ "
                "only by case or spaces); rename them so each is used"
            )
            if named:
                raise InputError(f"{source}: {problem}")
            collector.skip(source, problem)
            return
        if not any(alias in columns for alias in COLUMN_ALIASES["text"]):
            problem = (
                f"no text column; name one of {', '.join(COLUMN_ALIASES['text'])} "
                f"(its columns: {', '.join(header)})"
            )
            if named:
                raise InputError(f"{source}: {problem}")
            collector.skip(source, problem)
            return
        for line, row in rows:
            undecodable = text.problem(line, progress.line)
            if undecodable is not None:
                collector.skip(source, f"{undecodable}; the row is not read", line)
                continue
            if len(row) != len(columns):
                collector.skip(
                    source,
                    f"row has {len(row)} fields but the header has {len(columns)}",
                    line,
                )
                continue
            _add_record(dict(zip(columns, row, strict=True)), source, line, decoded, collector)
            yield
    except csv.Error as error:
        collector.skip(source, f"not a readable CSV file: {error}", progress.line + 1)


def _read_jsonl(
    text: DecodedLines,
    decoded: Decoded,
    source: str,
    collector: Collector,
    _named: bool,
    progress: _Progress,
) -> Iterator[None]:
    for line, raw_line in enumerate(text, start=1):
        progress.line = line
        if not raw_line.strip():
            continue
        problem = text.problem(line, line)
        if problem is not None:
            collector.skip(source, f"{problem}; the line is not read", line)
            continue
        try:
            record = json.loads(raw_line)
        except json.JSONDecodeError as error:
            collector.skip(source, f"not valid JSON: {error.msg} (column {error.colno})", line)
            continue
        except RecursionError:
            collector.skip(source, "not valid JSON: nested too deeply", line)
            continue
        if not isinstance(record, dict):
            collector.skip(source, "a JSON line must be an object with a 'text' field", line)
            continue
        values, wrong = _json_values(record)
        if wrong:
            collector.skip(source, wrong, line)
            continue
        if not any(alias in values for alias in COLUMN_ALIASES["text"]):
            collector.skip(
                source, f"no text field (name one of {', '.join(COLUMN_ALIASES['text'])})", line
            )
            continue
        _add_record(values, source, line, decoded, collector)
        yield


_STRING_ONLY = frozenset(alias for name in _TEXT_FIELDS for alias in COLUMN_ALIASES[name])


def _json_values(record: Mapping[object, object]) -> tuple[dict[str, str], str]:
    """A JSON object's fields as text, lower-cased names first; and what is wrong with it
    (``""`` when nothing). A null is an absent field; a number or true/false where text
    belongs (the text, title or outlet) is an error, not text."""
    values: dict[str, str] = {}
    names: dict[str, str] = {}
    for key, value in record.items():
        name = clean_name(str(key)).lower()
        if name in names:
            return {}, f"the fields {names[name]!r} and {key!r} have the same name; rename one"
        names[name] = str(key)
        if not name or value is None:
            continue
        if name in _STRING_ONLY and not isinstance(value, str):
            if name in COLUMN_ALIASES["outlet"] and isinstance(value, dict | list):
                continue  # e.g. {"source": {"id": ...}}: not an outlet name, left aside
            return {}, f"the {name!r} field is {json_kind(value)}; it must be text (a string)"
        converted = json_text(value)
        if converted is not None:
            values[name] = converted
    return values, ""


def _add_record(
    values: Mapping[str, str], source: str, line: int, decoded: Decoded, collector: Collector
) -> None:
    fields, metadata = canonical_fields(values)
    text = fields.get("text", "")
    title = fields.get("title", "")
    if looks_like_html(text):
        headline, text = html_to_text(text)
        title = title or headline
    collector.add(
        article_id=fields.get("id", "").strip() or f"{Path(source).stem}:{line}",
        raw=text,
        title=title,
        fields=fields,
        metadata=metadata,
        source=source,
        line=line,
        decoded=decoded,
        outlet_origin="column",
    )
