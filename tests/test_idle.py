"""The main process's work while it waits for the workers (framing.scoring.idle)."""

from __future__ import annotations

import importlib.util
import sys
import threading
from concurrent.futures import Future
from pathlib import Path

import pytest

from framing.scoring.idle import REPORT_FINISH_IMPORTS, IdleWork, imports
from framing.scoring.scorer import Scored, _collected


def test_tasks_run_one_at_a_time_in_order() -> None:
    done: list[str] = []
    idle = IdleWork([lambda: done.append("first"), lambda: done.append("second")])
    assert idle.pending == 2
    assert idle.run_next() and done == ["first"]
    assert idle.run_next() and done == ["first", "second"]
    assert not idle.run_next() and idle.pending == 0


def test_imports_import_the_modules_and_leave_a_missing_one_to_its_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "framing_idle_probe.py").write_text("LOADED = True\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "framing_idle_probe", raising=False)
    idle = imports(["framing_no_such_module", "framing_idle_probe"])
    assert idle.run_next()  # no error: the module's real use would report it
    assert "framing_idle_probe" not in sys.modules
    assert idle.run_next()
    assert sys.modules["framing_idle_probe"].LOADED


@pytest.mark.parametrize("name", REPORT_FINISH_IMPORTS)
def test_the_reports_finish_imports_exist(name: str) -> None:
    # A misspelt name would be skipped without a word (see imports): the finish would then
    # import it after scoring again.
    assert importlib.util.find_spec(name) is not None


def test_a_wait_for_a_chunk_runs_the_idle_tasks() -> None:
    future: Future[list[Scored]] = Future()
    done: list[str] = []
    idle = IdleWork([lambda: done.append("import"), lambda: future.set_result([])])
    # Should the tasks not run, the chunk comes some seconds later with a marker instead.
    late = threading.Timer(20, lambda: future.done() or future.set_result(["late"]))  # type: ignore[list-item]
    late.start()
    try:
        assert _collected(future, [], idle) == []
    finally:
        late.cancel()
    assert done == ["import"] and idle.pending == 0


def test_a_ready_chunk_is_taken_before_any_idle_task() -> None:
    future: Future[list[Scored]] = Future()
    future.set_result([])
    done: list[str] = []
    idle = IdleWork([lambda: done.append("import")])
    assert _collected(future, [], idle) == []
    assert done == [] and idle.pending == 1
