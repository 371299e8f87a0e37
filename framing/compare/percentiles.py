"""Percentiles of bootstrap resamples that skip missing values, for many figures at once.

A bootstrap interval is the percentiles of a figure over its resamples, leaving out resamples
where the figure is undefined (NaN, such as a share of no mentions). ``numpy.nanpercentile``
computes exactly that, but with an ``axis`` it runs one Python call per figure
(``apply_along_axis``), which dominated the profiles of large lexicons with many outlets.
:func:`nan_percentiles` sorts every figure's resamples at once and interpolates the same way,
so its results are the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


def nan_percentiles(samples: Array, percentiles: Sequence[float]) -> Array:
    """The ``percentiles`` (0-100) of ``samples`` along its first axis (resamples), ignoring
    NaN, with the default ``linear`` method of numpy (definition 7 of Hyndman & Fan 1996,
    "Sample quantiles in statistical packages"): the value at position ``q (n - 1)`` of the
    ``n`` sorted valid values, interpolated between its neighbours. Shape
    ``(len(percentiles), *samples.shape[1:])``; a figure with no valid value gives NaN, without
    a warning. The same arithmetic as ``numpy.nanpercentile(samples, percentiles, axis=0)``,
    step for step, so the results are the same floating-point numbers."""
    samples = np.asarray(samples, dtype=np.float64)
    rest = samples.shape[1:]
    flat = samples.reshape(len(samples), -1)
    quantiles = np.true_divide(np.asarray(percentiles, dtype=np.float64), 100)
    result = np.full((len(quantiles), flat.shape[1]), np.nan)
    valid = (~np.isnan(flat)).sum(axis=0)
    present = valid > 0
    if not present.any():
        return result.reshape(len(quantiles), *rest)
    # NaN sorts last: the n valid values come first. Each figure's resamples are sorted as one
    # run of memory (figures x resamples), which is faster than sorting down the columns.
    ordered = np.sort(np.ascontiguousarray(flat[:, present].T), axis=1)
    count = valid[present]
    last = count - 1
    virtual = last[None, :] * quantiles[:, None]  # the fractional position of each percentile
    previous = np.floor(virtual)
    following = previous + 1
    # As numpy does: past the last valid value both neighbours are the last (numpy indexes it
    # as -1, which also enters the interpolation weight); before the first, both are the first.
    above = virtual >= last[None, :]
    previous[above] = -1
    following[above] = -1
    below = virtual < 0
    previous[below] = 0
    following[below] = 0
    weight = virtual - previous
    lower_index = np.where(previous < 0, last[None, :], previous).astype(np.intp)
    upper_index = np.where(following < 0, last[None, :], following).astype(np.intp)
    lower = np.take_along_axis(ordered, lower_index.T, axis=1).T
    upper = np.take_along_axis(ordered, upper_index.T, axis=1).T
    # numpy's interpolation: from the lower value below the midpoint, from the upper above it,
    # which keeps the result monotone and exact at both ends.
    with np.errstate(invalid="ignore"):  # between two infinities: NaN, as numpy gives
        difference = upper - lower
        interpolated = lower + difference * weight
        high = weight >= 0.5
        interpolated[high] = (upper - difference * (1 - weight))[high]
    result[:, present] = interpolated
    return result.reshape(len(quantiles), *rest)
