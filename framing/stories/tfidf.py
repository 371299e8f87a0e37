"""TF-IDF document vectors (Salton & Buckley 1988) for story matching and sentence alignment,
bit for bit those of scikit-learn's ``TfidfVectorizer`` with the settings the stories use
(sublinear term frequency, smoothed idf, rows of unit length), without importing scikit-learn.

Importing scikit-learn took about a second of the main process's CPU in every cold
``framing report``, for these vectors alone: the comparison's clustering no longer needs it
(:mod:`framing.compare.cluster_measures`). The same numbers mean the same stories and the same
aligned sentences; ``tests/test_tfidf.py`` checks every array against scikit-learn.

The weights are computed as scikit-learn computes them, step by step and in the same floating
type: term counts ``c`` become ``1 + ln c``; a word in ``d`` of ``n`` documents weighs
``1 + ln((n + 1) / (d + 1))``; each row is divided by its Euclidean length, whose squares are
summed in double precision in the row's stored order. Within a row, words are stored in the
order the corpus first used them, as scikit-learn stores them, since sparse products sum in
that order.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

# scikit-learn's default word pattern for story matching: two or more letters.
STORY_WORDS = re.compile(r"(?u)\b[^\W\d_]{2,}\b")


@cache
def english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop-word list (``stop_words="english"``), read from the
    installed scikit-learn's source as data: its package is not imported (see the module
    docstring). If that file cannot be read as a plain list, the package is imported."""
    spec = importlib.util.find_spec("sklearn")  # finds the package without importing it
    if spec is not None and spec.origin is not None:
        source = Path(spec.origin).parent / "feature_extraction" / "_stop_words.py"
        try:
            tree = ast.parse(source.read_text(encoding="utf-8"))
            for node in tree.body:
                if (
                    isinstance(node, ast.Assign)
                    and [getattr(t, "id", "") for t in node.targets] == ["ENGLISH_STOP_WORDS"]
                    and isinstance(node.value, ast.Call)
                    and len(node.value.args) == 1
                ):
                    words = ast.literal_eval(node.value.args[0])
                    if isinstance(words, list) and all(isinstance(w, str) for w in words):
                        return frozenset(words)
        except (OSError, SyntaxError, ValueError):
            pass
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def story_words(text: str, stop_words: frozenset[str]) -> list[str]:
    """The words of ``text`` as story matching counts them: lower case, two or more letters,
    stop words left out."""
    return [word for word in STORY_WORDS.findall(text.lower()) if word not in stop_words]


def tfidf_matrix(documents: Iterable[Sequence[str]], dtype: type = np.float64) -> csr_matrix:
    """The TF-IDF rows (``dtype``, each of unit length or all zero) of ``documents``, each
    given as its words; columns are the words in alphabetical order. Raises ``ValueError``
    when no document has a word, as scikit-learn does."""
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}  # word -> place of first use in the corpus
    row_words: list[int] = []
    row_counts: list[int] = []
    ends = [0]
    for words in documents:
        counted = Counter(words)
        places = [vocabulary.setdefault(word, len(vocabulary)) for word in counted]
        order = sorted(range(len(places)), key=places.__getitem__)
        counts = list(counted.values())
        row_words.extend(places[i] for i in order)
        row_counts.extend(counts[i] for i in order)
        ends.append(len(row_words))
    if not vocabulary:
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    alphabetical = np.empty(len(vocabulary), dtype=np.int32)
    for column, word in enumerate(sorted(vocabulary)):
        alphabetical[vocabulary[word]] = column
    indices = alphabetical[np.asarray(row_words, dtype=np.int64)]
    data: np.ndarray = np.asarray(row_counts, dtype=dtype)
    np.log(data, out=data)
    data += 1.0
    # The smoothed idf, in ``dtype`` as scikit-learn keeps it.
    frequency: np.ndarray = np.bincount(indices, minlength=len(vocabulary)).astype(dtype)
    frequency += 1.0
    idf: np.ndarray = np.full_like(frequency, fill_value=len(ends), dtype=dtype)  # documents + 1
    idf /= frequency
    np.log(idf, out=idf)
    idf += 1.0
    data *= idf[indices]
    _unit_rows(data, ends)
    return csr_matrix(
        (data, indices, np.asarray(ends, dtype=np.int32)), shape=(len(ends) - 1, len(vocabulary))
    )


def _unit_rows(data: np.ndarray, ends: list[int]) -> None:
    """Divide each row of ``data`` (rows ending at ``ends[1:]``) by its Euclidean length, in
    place: squares taken in ``data``'s type, summed in double precision one stored value after
    another, the quotient rounded back to ``data``'s type; an all-zero row is left as it is."""
    bounds = np.asarray(ends, dtype=np.int64)
    lengths = np.diff(bounds)
    if not data.size:
        return
    squares = (data * data).astype(np.float64)
    # The k-th stored values of all rows longer than k are added at once, rows in order of
    # length so that those are a prefix: each row's sum is still taken in its stored order,
    # one value after another, as a sequential loop takes it.
    longest_first = np.argsort(-lengths, kind="stable")
    descending = lengths[longest_first]
    starts = bounds[:-1][longest_first]
    sums = np.zeros(len(lengths), dtype=np.float64)
    for place in range(int(descending[0])):
        longer = int(np.searchsorted(-descending, -place, side="left"))
        sums[longest_first[:longer]] += squares[starts[:longer] + place]
    norms = np.sqrt(sums)
    norms[sums == 0.0] = 1.0
    row_of = np.repeat(np.arange(len(lengths)), lengths)
    data[:] = (data.astype(np.float64) / norms[row_of]).astype(data.dtype)
