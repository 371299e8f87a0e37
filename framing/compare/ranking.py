"""Rank the terms one group uses more than the rest: log-odds with an informative Dirichlet prior.

Method: Monroe, Colaresi & Quinn (2008), "Fightin' Words", Political Analysis 16(4). For term
w, group i and the rest j:

    delta_w = log((y_wi + a_w) / (n_i + a_0 - y_wi - a_w))
              - log((y_wj + a_w) / (n_j + a_0 - y_wj - a_w))
    var(delta_w) ~= 1 / (y_wi + a_w) + 1 / (y_wj + a_w),    z_w = delta_w / sqrt(var)

with the prior a_w equal to the term's count in the whole corpus (a_0 their sum), which shrinks
rare terms strongly. Words and phrases of each length are tested as separate vocabularies. A
term is tested only when it occurs at least ``min_term_count`` times in at least
``min_term_articles`` of the group's articles (counts of words are bursty: one article that
repeats a word is not evidence about an outlet), and p-values are adjusted for the number of
terms tested with the Benjamini-Hochberg procedure (1995).

Every group's terms are scored at once with numpy over a sparse groups x terms matrix, so the
cost grows with the number of non-zero counts, not with groups x vocabulary.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from framing.compare.model import DistinguishingTerm, KeywordInContext
from framing.settings import CompareSettings

# Below the chosen terms, this many times as many candidates are read for terms to group with
# them ("strongman" under "military strongman").
RELATED_SCAN = 5
MAX_RELATED = 5


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Benjamini-Hochberg (1995) adjusted p-values (q-values), in the input order."""
    return [float(q) for q in _bh(np.asarray(p_values, dtype=np.float64))]


def _bh(p: NDArray[np.float64]) -> NDArray[np.float64]:
    count = len(p)
    if not count:
        return p
    order = np.argsort(p, kind="stable")
    scaled = p[order] * count / np.arange(1, count + 1)
    running = np.minimum.accumulate(scaled[::-1])[::-1]
    adjusted = np.empty(count)
    adjusted[order] = np.minimum(running, 1.0)
    return adjusted


def log_odds_z(y_group: float, n_group: float, y_rest: float, n_rest: float, prior: float,
               prior_total: float) -> tuple[float, float]:  # fmt: skip
    """``(delta, z)``: the log-odds ratio with an informative Dirichlet prior and its z-score
    (Monroe, Colaresi & Quinn 2008, eqs. 16 and 20)."""
    group_odds = (y_group + prior) / (n_group + prior_total - y_group - prior)
    rest_odds = (y_rest + prior) / (n_rest + prior_total - y_rest - prior)
    delta = math.log(group_odds) - math.log(rest_odds)
    variance = 1 / (y_group + prior) + 1 / (y_rest + prior)
    return delta, delta / math.sqrt(variance)


class Candidate(NamedTuple):
    """One group's figures for one term."""

    term: str
    size: int
    occurrences: int
    count_rest: int
    n_group: int
    n_rest: int
    delta: float
    z: float
    tested: bool
    articles: int
    related: tuple[str, ...] = ()


Ranked = dict[str, list[tuple[Candidate, float | None]]]


def rank_matrix(
    groups: Sequence[str],
    terms: Sequence[str],
    sizes: NDArray[np.int64],
    counts: Any,
    presence: Any,
    articles: Sequence[int],
    settings: CompareSettings,
    min_occurrences: int,
) -> Ranked:
    """Per group, the top terms by z (over-used only), each with its BH-adjusted q-value.

    ``counts`` and ``presence`` are groups x terms CSR matrices of occurrences and of articles
    containing the term; ``sizes`` the words per term; ``articles`` the group sizes. Terms seen
    fewer than ``min_occurrences`` times in a group are not listed for it. A term that contains
    a listed term, or is contained in one ("strongman", "military strongman"), is listed under
    it as ``related`` instead of on its own.
    """
    from scipy.special import erfc

    total = np.asarray(counts.sum(axis=0)).ravel().astype(np.float64)
    longest = int(sizes.max()) if len(sizes) else 0
    corpus_size = np.bincount(sizes, weights=total, minlength=longest + 1)
    ranked: Ranked = {}
    for row, group in enumerate(groups):
        start, end = counts.indptr[row], counts.indptr[row + 1]
        index = counts.indices[start:end]
        y = counts.data[start:end].astype(np.float64)
        in_articles = _row_values(presence, row, index)
        size = sizes[index]
        n_group = np.bincount(size, weights=y, minlength=longest + 1)[size]
        n_all = corpus_size[size]
        prior = total[index]
        y_rest, n_rest = prior - y, n_all - n_group
        valid = (n_rest != 0) & (n_all > prior)  # another group, and another term of this length
        index, y, in_articles, size = index[valid], y[valid], in_articles[valid], size[valid]
        n_group, n_all, prior = n_group[valid], n_all[valid], prior[valid]
        y_rest, n_rest = y_rest[valid], n_rest[valid]
        with np.errstate(divide="ignore", invalid="ignore"):
            delta = np.log((y + prior) / (n_group + n_all - y - prior)) - np.log(
                (y_rest + prior) / (n_rest + n_all - y_rest - prior)
            )
            z = delta / np.sqrt(1 / (y + prior) + 1 / (y_rest + prior))
        testable = len(groups) > 1 and articles[row] >= settings.min_term_articles
        tested = (
            testable & (y >= settings.min_term_count) & (in_articles >= settings.min_term_articles)
        )
        q_all = np.full(len(index), np.nan)
        q_all[tested] = _bh(erfc(np.abs(z[tested]) / math.sqrt(2)))
        shown = np.flatnonzero((z > 0) & (y >= min_occurrences))
        # Terms are sorted, so the column number breaks ties in z by term.
        order = shown[np.lexsort((index[shown], -z[shown]))]
        chosen: list[int] = []
        related: dict[int, list[str]] = {}
        for scanned, position in enumerate(order):
            if len(chosen) == settings.top_terms and scanned >= RELATED_SCAN * settings.top_terms:
                break
            term = terms[index[position]]
            padded = f" {term} "
            host = next(
                (c for c in chosen if padded in f" {terms[index[c]]} " or
                 f" {terms[index[c]]} " in padded),
                None,
            )  # fmt: skip
            if host is not None:
                if len(related[host]) < MAX_RELATED:
                    related[host].append(term)
            elif len(chosen) < settings.top_terms:
                chosen.append(int(position))
                related[int(position)] = []
        ranked[group] = [
            (
                Candidate(
                    term=terms[index[p]],
                    size=int(size[p]),
                    occurrences=int(y[p]),
                    count_rest=int(y_rest[p]),
                    n_group=int(n_group[p]),
                    n_rest=int(n_rest[p]),
                    delta=float(delta[p]),
                    z=float(z[p]),
                    tested=bool(tested[p]),
                    articles=int(in_articles[p]),
                    related=tuple(related[p]),
                ),
                None if math.isnan(q_all[p]) else float(q_all[p]),
            )
            for p in chosen
        ]
    return ranked


def _row_values(matrix: Any, row: int, columns: NDArray[Any]) -> NDArray[np.float64]:
    """``matrix[row, columns]`` for a CSR matrix whose row has exactly these columns' entries
    among others (both sorted)."""
    start, end = matrix.indptr[row], matrix.indptr[row + 1]
    have = matrix.indices[start:end]
    if not len(have):
        return np.zeros(len(columns))
    values = matrix.data[start:end].astype(np.float64)
    found = np.minimum(np.searchsorted(have, columns), len(have) - 1)
    return np.where(have[found] == columns, values[found], 0.0)


def rank_terms(
    counts: dict[str, Counter[str]],
    presence: dict[str, Counter[str]],
    articles: Counter[str],
    settings: CompareSettings,
    min_occurrences: int,
    one_vocabulary: bool = False,
) -> Ranked:
    """:func:`rank_matrix` for counts given as Counters per group (term -> number); with
    ``one_vocabulary`` every term is tested in one vocabulary, whatever its number of words."""
    from scipy.sparse import csr_matrix

    groups = list(counts)
    terms = sorted({term for group_counts in counts.values() for term in group_counts})
    column = {term: i for i, term in enumerate(terms)}

    def matrix(by_group: dict[str, Counter[str]]) -> Any:
        rows, columns, values = [], [], []
        for row, group in enumerate(groups):
            for term, value in by_group.get(group, Counter()).items():
                if term in column and value:
                    rows.append(row)
                    columns.append(column[term])
                    values.append(value)
        built = csr_matrix((values, (rows, columns)), shape=(len(groups), len(terms)))
        built.sort_indices()
        return built

    sizes = np.array([1 if one_vocabulary else t.count(" ") + 1 for t in terms], dtype=np.int64)
    return rank_matrix(
        groups, terms, sizes, matrix(counts), matrix(presence),
        [articles[g] for g in groups], settings, min_occurrences,
    )  # fmt: skip


def as_result(
    group: str,
    candidate: Candidate,
    q: float | None,
    examples: tuple[KeywordInContext, ...],
    settings: CompareSettings,
) -> DistinguishingTerm:
    """A ranked candidate as the result dataclass the renderers read."""
    c = candidate
    return DistinguishingTerm(
        group=group,
        term=c.term,
        words=c.size,
        count=c.occurrences,
        count_rest=c.count_rest,
        articles_with_term=c.articles,
        per_1000=1000 * c.occurrences / c.n_group,
        per_1000_rest=1000 * c.count_rest / c.n_rest,
        log_odds=c.delta,
        z=c.z,
        p=p_value(c.z),
        q=q,
        tested=c.tested,
        significant=c.tested and q is not None and q < settings.alpha,
        examples=examples,
        related=c.related,
    )


def p_value(z: float) -> float:
    """The two-sided p-value of a standard normal ``z``."""
    return math.erfc(abs(z) / math.sqrt(2))
