"""Resample sums of a group: kept as rows or as a matrix, the same sums to the bit."""

from __future__ import annotations

import numpy as np
import pytest

from framing.compare.accumulate import BLOCK_ARTICLES, GroupSums, group_seed
from framing.compare.articles import poisson_weights

SEED = 11


def article_rows(articles: int, width: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Sparse rows like an article's: a few columns, counts and fractional figures."""
    rng = np.random.default_rng(5)
    rows = []
    for _ in range(articles):
        columns = np.sort(rng.choice(width, size=int(rng.integers(0, 9)), replace=False))
        values = np.where(
            columns % 2 == 0, rng.integers(1, 4, len(columns)), rng.random(len(columns))
        )
        rows.append((columns.astype(np.intp), values.astype(np.float64)))
    return rows


def reference(rows: list[tuple[np.ndarray, np.ndarray]], resamples: int, width: int) -> np.ndarray:
    """Every block of rows added to a matrix as it closes (how the sums were always made)."""
    sums = np.zeros((resamples, width))
    for number, first in enumerate(range(0, len(rows), BLOCK_ARTICLES)):
        block = rows[first : first + BLOCK_ARTICLES]
        columns = np.unique(np.concatenate([c for c, _v in block]))
        values = np.zeros((len(block), len(columns)))
        for i, (row_columns, row_values) in enumerate(block):
            values[i, np.searchsorted(columns, row_columns)] = row_values
        rng = np.random.default_rng([SEED, group_seed("g"), number])
        sums[:, columns] += poisson_weights(resamples, len(block), rng) @ values
    return sums


@pytest.mark.parametrize(("resamples", "kept_as_rows"), [(300, True), (2, False)])
def test_rows_kept_or_summed_give_the_same_sums(resamples: int, kept_as_rows: bool) -> None:
    width = 400
    rows = article_rows(3 * BLOCK_ARTICLES + 17, width)
    sums = GroupSums("g", resamples, point=np.zeros(width))
    for columns, values in rows:
        sums.add(columns, values, SEED)
    sums.flush(SEED)
    assert (sums._replicates is None) == kept_as_rows
    made = sums.resample_sums(SEED)
    assert made.tobytes() == reference(rows, resamples, width).tobytes()
    assert made.tobytes() == sums.resample_sums(SEED).tobytes()  # asking again changes nothing
    assert sums.articles == len(rows)
