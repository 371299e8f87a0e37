"""Percentiles of resamples that skip missing values: the same numbers as numpy, all at once."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from framing.compare.percentiles import nan_percentiles


def numpy_reference(samples: np.ndarray, percentiles: list[float]) -> np.ndarray:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # numpy warns on an all-NaN column
        return np.asarray(np.nanpercentile(samples, percentiles, axis=0))


def assert_same(got: np.ndarray, expected: np.ndarray) -> None:
    assert got.shape == expected.shape
    assert np.array_equal(np.isnan(got), np.isnan(expected))
    assert np.array_equal(got[~np.isnan(got)], expected[~np.isnan(expected)])


@pytest.mark.parametrize("seed", range(12))
def test_random_arrays_with_missing_values_give_numpys_numbers_bit_for_bit(seed: int) -> None:
    rng = np.random.default_rng(seed)
    resamples, figures = int(rng.integers(1, 80)), int(rng.integers(1, 40))
    samples = rng.normal(size=(resamples, figures)) * 10.0 ** rng.integers(-3, 4)
    if seed % 3 == 0:
        samples = np.round(samples, 1)  # many ties
    samples[rng.random(samples.shape) < rng.random()] = np.nan
    samples[:, rng.random(figures) < 0.2] = np.nan  # some figures never defined
    percentiles = [2.5, 97.5] if seed % 2 else [0.0, 13.7, 50.0, 88.1, 100.0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an all-NaN column must not warn
        got = nan_percentiles(samples, percentiles)
    assert_same(got, numpy_reference(samples, percentiles))


def test_all_missing_columns_give_nan_without_a_warning() -> None:
    samples = np.array([[np.nan, 1.0], [np.nan, 3.0], [np.nan, np.nan]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = nan_percentiles(samples, [25.0, 75.0])
    assert np.isnan(got[:, 0]).all()
    assert got[:, 1].tolist() == [1.5, 2.5]  # of the two valid values 1 and 3
    everything_missing = np.full((4, 3), np.nan)
    assert np.isnan(nan_percentiles(everything_missing, [50.0])).all()


def test_any_number_of_trailing_dimensions_and_a_single_figure() -> None:
    rng = np.random.default_rng(7)
    cube = rng.normal(size=(30, 4, 3))
    cube[rng.random(cube.shape) < 0.3] = np.nan
    assert_same(nan_percentiles(cube, [5.0, 95.0]), numpy_reference(cube, [5.0, 95.0]))
    column = rng.normal(size=25)
    assert_same(nan_percentiles(column, [2.5, 97.5]), numpy_reference(column, [2.5, 97.5]))
    one = np.array([[4.0, np.nan], [np.nan, np.nan]])
    assert nan_percentiles(one, [2.5, 97.5])[:, 0].tolist() == [4.0, 4.0]


def test_infinite_values_are_interpolated_as_numpy_does() -> None:
    samples = np.array([[1.0, -np.inf], [np.inf, 2.0], [3.0, np.nan], [np.inf, np.inf]])
    percentiles = [0.0, 10.0, 50.0, 90.0, 100.0]
    assert_same(nan_percentiles(samples, percentiles), numpy_reference(samples, percentiles))


def test_resamples_far_longer_than_the_figures_are_numpys_numbers() -> None:
    """A thousand resamples of a few figures (the bootstrap's shape), sorted figure by
    figure: numpy's numbers, ties and missing values included."""
    rng = np.random.default_rng(3)
    samples = np.round(rng.gamma(2.0, size=(1000, 7)), 2)
    samples[rng.random(samples.shape) < 0.3] = np.nan
    samples[:, 2] = 0.25  # one value throughout
    assert_same(nan_percentiles(samples, [2.5, 97.5]), numpy_reference(samples, [2.5, 97.5]))
