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
    """Every block of rows added to a matrix as it closes, each column on its own, article by
    article (in any order for columns of whole numbers, whose sums are exact)."""
    sums = np.zeros((resamples, width))
    for number, first in enumerate(range(0, len(rows), BLOCK_ARTICLES)):
        block = rows[first : first + BLOCK_ARTICLES]
        rng = np.random.default_rng([SEED, group_seed("g"), number])
        weights = poisson_weights(resamples, len(block), rng)
        part = np.zeros((resamples, width))
        for i, (row_columns, row_values) in enumerate(block):
            values = np.zeros(width)
            values[row_columns] = row_values
            part += weights[:, i : i + 1] * values
        sums += part
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


def test_a_column_or_resample_summed_alone_is_the_same_to_the_bit() -> None:
    width = 300
    rows = article_rows(2 * BLOCK_ARTICLES + 40, width)
    sums = GroupSums("g", 200, point=np.zeros(width))
    for columns, values in rows:
        sums.add(columns, values, SEED)
    sums.flush(SEED)
    whole = sums.resample_sums(SEED)
    for wanted in ([3], [4], [0, 1, 2, 7, 150], list(range(0, width, 3))):
        alone = sums.resample_sums(SEED, np.array(wanted, dtype=np.intp))
        assert alone[:, wanted].tobytes() == whole[:, wanted].tobytes()
        others = np.setdiff1d(np.arange(width), wanted)
        assert not alone[:, others].any()  # the columns not asked for are left 0
    assert sums.resample_sums(SEED, rows=25).tobytes() == whole[:25].tobytes()


def test_fractional_columns_summed_over_their_nonzero_articles_are_the_dense_sums() -> None:
    """Signed figures, zeros stored in a row (-0.0 too) and columns only a few articles
    touch: summing each fractional column over its non-zero articles alone gives the
    article-by-article sums over every article, to the bit."""
    rng = np.random.default_rng(21)
    width = 60
    rows = []
    for n in range(BLOCK_ARTICLES + 30):
        columns = np.sort(rng.choice(width, size=int(rng.integers(1, 12)), replace=False))
        values = rng.normal(size=len(columns)) * 10.0 ** rng.integers(-4, 3, len(columns))
        values[rng.random(len(columns)) < 0.2] = 0.0
        values[rng.random(len(columns)) < 0.1] = -0.0
        if n % 7 == 0:  # a column only every seventh article touches
            columns = np.append(columns[columns < width - 1], width - 1)
            values = np.append(values[: len(columns) - 1], -0.37)
        rows.append((columns.astype(np.intp), values.astype(np.float64)))
    sums = GroupSums("g", 150, point=np.zeros(width))
    for columns, values in rows:
        sums.add(columns, values, SEED)
    sums.flush(SEED)
    made = sums.resample_sums(SEED)
    assert made.tobytes() == reference(rows, 150, width).tobytes()
    assert not np.signbit(made[made == 0]).any()  # no sum is -0.0, as in the dense sums
