"""Bootstrap interval bounds kept from one run to the next, by what they were computed from.

A figure's interval (:mod:`framing.compare.profiles`) is two percentiles of its values over a
group's resamples, and those values depend only on the figure's own columns of the group's
article rows, the resampling weights (the seed, the group, its blocks' sizes, the number of
resamples) and the percentile: each column's resample sums are made on their own
(:func:`~framing.compare.accumulate._add_block`) and each figure's percentiles too. So each
figure gets a *print*, 128 bits made from those inputs, and a later run reuses the bounds of
a print it has seen; after a one-concept lexicon edit only the figures whose columns changed
are resampled.

A print is a sum of per-article 64-bit mixes (SplitMix64's finaliser, Steele, Lea & Flood
2014) in two independent lanes: it tells apart inputs that differ by accident or damage, as
the input fingerprints do, not inputs forged to collide.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

Prints = NDArray[np.uint64]
Matrix = NDArray[np.float64]

# Each lane's own constants, so the two 64-bit halves of a print are independent.
_LANES = ((0x9E3779B97F4A7C15, 0xD6E8FEB86659FD93), (0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9))
_MULTIPLIER = np.uint64(0xFF51AFD7ED558CCD)


def _mix(x: Prints) -> Prints:
    """SplitMix64's finaliser on every element (uint64, wrapping)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def _digest(value: object) -> NDArray[np.uint64]:
    """Two 64-bit numbers from the SHA-256 of ``value`` as JSON."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"))
    return np.frombuffer(hashlib.sha256(text.encode("utf-8")).digest()[:16], "<u8").copy()


def column_prints(
    blocks: Sequence[tuple[int, NDArray[np.int32], Matrix, NDArray[np.int32]]],
    width: int,
    identity: Sequence[object],
) -> Prints:
    """The print of each of ``width`` columns, (width, 2): of the group's ``blocks`` (each
    its number, and its rows' columns, values and lengths end to end, as kept), with
    ``identity`` (the seed, group, resamples and percentile) and the blocks' sizes."""
    head = _digest([list(identity), [[int(n), len(lengths)] for n, _c, _v, lengths in blocks]])
    prints = np.zeros((width, 2), dtype=np.uint64)
    with np.errstate(over="ignore"):
        if blocks and sum(len(columns) for _n, columns, _v, _l in blocks):
            columns = np.concatenate([c for _n, c, _v, _l in blocks]).astype(np.intp)
            bits = np.ascontiguousarray(np.concatenate([v for _n, _c, v, _l in blocks]))
            places = np.concatenate([
                np.uint64(n) << np.uint64(20)
                | np.repeat(np.arange(len(lengths), dtype=np.uint64), lengths)
                for n, _c, _v, lengths in blocks
            ])  # fmt: skip
            order = np.argsort(columns, kind="stable")
            ordered = columns[order]
            starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
            value_bits = bits.view(np.uint64)[order]
            places = places[order]
            for lane, (first, second) in enumerate(_LANES):
                mixed = _mix(_mix(places + np.uint64(first)) ^ value_bits) + np.uint64(second)
                prints[ordered[starts], lane] = np.add.reduceat(_mix(mixed), starts)
        for lane in range(2):
            prints[:, lane] = _mix(prints[:, lane] ^ head[lane])
    return prints


def figure_prints(field: str, inputs: Sequence[Prints]) -> Prints:
    """The prints of a field's figures, (figures, 2), from the prints of their ``inputs``
    (each (figures, 2), in a fixed order: a figure's numerator, denominator...)."""
    tag = _digest(["figure", field])
    prints = np.zeros((len(inputs[0]), 2), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for lane in range(2):
            value = np.full(len(prints), tag[lane], dtype=np.uint64)
            for part in inputs:
                value = _mix(value * _MULTIPLIER + part[:, lane])
            prints[:, lane] = value
    return prints


class KnownBounds:
    """Bounds by figure print: those of an earlier run, to reuse, and this run's (reused or
    computed), to keep for the next (:meth:`kept`)."""

    def __init__(self, prints: Prints | None = None, low: Matrix | None = None,
                 high: Matrix | None = None) -> None:  # fmt: skip
        prints = np.zeros((0, 2), np.uint64) if prints is None else prints
        low = np.zeros(0) if low is None else low
        high = np.zeros(0) if high is None else high
        order = np.argsort(prints[:, 0], kind="stable")
        self._first = prints[order, 0]
        self._second = prints[order, 1]
        self._low, self._high = low[order], high[order]
        self._kept: list[tuple[Prints, Matrix, Matrix]] = []
        self.reused = 0
        self.computed = 0

    @classmethod
    def from_cache(cls, value: Any) -> KnownBounds:
        """The bounds of a cached :meth:`kept` value; ``ValueError`` if it is not one."""
        if not isinstance(value, dict) or set(value) != {"prints", "low", "high"}:
            raise ValueError("not a table of bounds")
        prints, low, high = value["prints"], value["low"], value["high"]
        if not (
            isinstance(prints, np.ndarray) and isinstance(low, np.ndarray)
            and isinstance(high, np.ndarray) and prints.dtype == np.uint64
            and prints.ndim == 2 and prints.shape[1] == 2 and low.dtype == np.float64
            and high.dtype == np.float64 and low.shape == high.shape == (len(prints),)
        ):  # fmt: skip
            raise ValueError("a table of bounds of the wrong shape")
        with np.errstate(invalid="ignore"):
            if np.any(low > high) or np.any(np.isnan(low) != np.isnan(high)):
                raise ValueError("a lower bound above its upper bound")
        return cls(prints, low, high)

    def lookup(self, prints: Prints) -> tuple[NDArray[np.bool_], Matrix, Matrix]:
        """Which of ``prints`` (figures, 2) are known, and their bounds (NaN where not);
        the known ones are kept for the next run."""
        place = np.searchsorted(self._first, prints[:, 0])
        inside = place < len(self._first)
        found = np.zeros(len(prints), dtype=bool)
        found[inside] = (self._first[place[inside]] == prints[inside, 0]) & (
            self._second[place[inside]] == prints[inside, 1]
        )
        low, high = np.full(len(prints), np.nan), np.full(len(prints), np.nan)
        low[found], high[found] = self._low[place[found]], self._high[place[found]]
        self.remember(prints[found], low[found], high[found])
        self.reused += int(found.sum())
        self.computed -= int(found.sum())  # remember() counted them
        return found, low, high

    def remember(self, prints: Prints, low: Matrix, high: Matrix) -> None:
        """Keep the bounds of ``prints`` for the next run."""
        if len(prints):
            self._kept.append((prints, low, high))
            self.computed += len(prints)

    def kept(self) -> dict[str, Any]:
        """This run's bounds, for the cache (one row per distinct print)."""
        if not self._kept:
            return {"prints": np.zeros((0, 2), np.uint64), "low": np.zeros(0),
                    "high": np.zeros(0)}  # fmt: skip
        prints = np.concatenate([p for p, _l, _h in self._kept])
        low = np.concatenate([lo for _p, lo, _h in self._kept])
        high = np.concatenate([h for _p, _l, h in self._kept])
        _unique, first = np.unique(prints, axis=0, return_index=True)
        first.sort()
        return {"prints": prints[first], "low": low[first], "high": high[first]}
