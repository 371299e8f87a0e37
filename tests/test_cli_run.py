"""The report's main process collects garbage less often, and only while its command runs."""

from __future__ import annotations

import gc

import pytest

from framing.cli_run import MAIN_GC_THRESHOLD, fewer_collections


def test_fewer_collections_raises_the_threshold_and_restores_it() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        inside = gc.get_threshold()
    assert inside == (MAIN_GC_THRESHOLD, *before[1:])
    assert gc.get_threshold() == before


def test_fewer_collections_restores_the_threshold_after_an_error() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("the command failed")
    assert gc.get_threshold() == before
