"""The term sections of a score store's analysis row: an article's
:class:`~framing.model.TermCounts`, written after the rest of the row (see
:mod:`framing.store_rows`) and read back as untrusted input.

Sections, in order: the terms' counts; the number of first uses kept per term (0 when the
article's terms were not counted); for each term, the numbers plus 1 of the sentences of those
uses (0 past its count); the terms, as one text joined by line breaks (as ``TermCounts`` holds
them). Every check runs on whole arrays; a row that fails one raises
:class:`~framing.store_layout.BadRow`.
"""

from __future__ import annotations

import numpy as np

from framing.model import TermCounts
from framing.store_layout import BadRow, RowReader, RowWriter, Whole

_NOT_COUNTED = TermCounts("", b"", b"", 0)  # what an article scored without stop words stores
MOST_RANKS = 1 << 16  # first uses kept per term (CompareSettings.examples_per_term)


def write_terms(row: RowWriter, counted: TermCounts | None) -> None:
    """Add the term sections of ``counted`` (None: not counted) to ``row``."""
    kept = counted or _NOT_COUNTED
    row.whole(np.frombuffer(kept.counts, "<i4"), len(kept))
    row.whole([0 if counted is None else kept.ranks], 1)
    row.whole(np.frombuffer(kept.uses, "<i4").astype(np.int64) + 1, len(kept.uses) // 4)
    row.text([kept.text])


def _refuse_unless(condition: object, problem: str) -> None:
    if not condition:
        raise BadRow(problem)


def read_terms(reader: RowReader, sentence_numbers: Whole) -> TermCounts | None:
    """The term sections next in ``reader``, checked: uses in the stored sentences
    ``sentence_numbers`` (in increasing order), as many per term as its count allows, in order;
    terms as many as their counts, distinct and none empty."""
    counts = reader.whole()
    _refuse_unless((counts >= 1).all(), "a term count below 1")
    (ranks,) = reader.whole(1).tolist()
    _refuse_unless(ranks or not len(counts), "term counts without their uses")
    _refuse_unless(ranks <= MOST_RANKS, f"{ranks:,} first uses kept per term")
    table = reader.whole(len(counts) * ranks).reshape(len(counts), ranks)
    (text,) = reader.text(1)
    present = table > 0
    # use r + 1 is there exactly when the term is used more than r times
    expected = counts[:, None] > np.arange(ranks, dtype=counts.dtype)[None, :]
    _refuse_unless((present == expected).all(), "term uses that do not match their counts")
    _refuse_unless((~present[:, 1:] | (table[:, 1:] >= table[:, :-1])).all(),
                   "term uses out of order")  # fmt: skip
    if present.any():  # each use is in a stored sentence: look its number up in a table
        last = int(sentence_numbers[-1]) if len(sentence_numbers) else -1  # below the length
        _refuse_unless(int(table.max()) - 1 <= last, "a term use past the last stored sentence")
        stored = np.zeros(last + 2, bool)
        stored[sentence_numbers + 1] = True
        _refuse_unless(stored[table[present]].all(), "a term use in no stored sentence")
    if not ranks:
        _refuse_unless(not text, "terms without counts")
        return None
    firsts = (table.astype(np.int64) - 1).astype("<i4").tobytes()
    counted = TermCounts(text, counts.astype("<i4").tobytes(), firsts, ranks)
    terms = counted.terms()
    _refuse_unless(len(terms) == len(counts) == len(set(terms)) and "" not in terms,
                   "terms that are not as many as their counts, or not distinct")  # fmt: skip
    return counted
