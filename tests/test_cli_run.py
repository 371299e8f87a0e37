"""The report's main process collects garbage less often, and only while its command runs;
it parses the inputs once when it can keep them."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from framing.cli_run import MAIN_GC_THRESHOLD, Inputs, fewer_collections
from framing.corpus.readers import CorpusReader
from framing.corpus.spool import SpooledRead
from framing.rerun import corpus
from framing.settings import ReadSettings


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


def _inputs(folder: Path) -> Inputs:
    table = folder / "wire.csv"
    table.write_text(
        "id,outlet,title,text\n"
        "a1,Harbour Post,Ferry fares rise,The ferry operator raised fares by ten percent.\n"
        "a2,,Bridge closed,Engineers closed the old bridge after finding cracks.\n"
        "a1,Harbour Post,Repeat,This row repeats an id and is skipped.\n"
        "a3,Valley Times,Snow,Heavy snow closed three mountain passes overnight.\n",
        encoding="utf-8",
    )
    return Inputs([table], None, ReadSettings(), jobs=1)


def test_the_first_complete_read_is_replayed_without_reading_the_inputs_again(
    tmp_path: Path,
) -> None:
    inputs = _inputs(tmp_path)
    first = inputs.kept_reader()
    articles = list(first)
    assert inputs.read is not None
    fresh = CorpusReader(inputs.paths)
    expected = list(fresh)
    (tmp_path / "wire.csv").unlink()  # a second read of the file would now fail
    again = inputs.reader()
    assert list(again) == articles == expected
    assert again.skipped == fresh.skipped and len(again.skipped) == 1
    assert again.warnings == fresh.warnings and again.warnings  # the outlet-less row
    assert [str(f) for f in again.files] == [str(f) for f in fresh.files]
    assert again.metadata_columns == fresh.metadata_columns


def test_a_read_stopped_early_is_not_kept(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path)
    next(iter(inputs.kept_reader()))
    assert inputs.read is None
    assert isinstance(inputs.reader(), CorpusReader)  # read afresh


def test_a_read_too_large_to_keep_in_memory_is_replayed_from_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = _inputs(tmp_path)
    monkeypatch.setattr(corpus, "MAX_CACHED_CHARACTERS", 60)  # past it at the second article
    articles = list(inputs.kept_reader())
    assert len(articles) == 3
    assert isinstance(inputs.read, SpooledRead)
    fresh = CorpusReader(inputs.paths)
    expected = list(fresh)
    (tmp_path / "wire.csv").unlink()  # a second read of the file would now fail
    again = inputs.reader()
    assert isinstance(again, corpus.ReplayReader) and isinstance(again.corpus, SpooledRead)
    assert list(again) == articles == expected
    assert list(inputs.reader()) == expected  # as often as asked
    assert again.skipped == fresh.skipped and len(again.skipped) == 1
    assert again.warnings == fresh.warnings and again.warnings
    assert [str(f) for f in again.files] == [str(f) for f in fresh.files]
    assert again.metadata_columns == fresh.metadata_columns
