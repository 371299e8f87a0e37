from __future__ import annotations

import os
import time

import pytest

from framing.compare.background import Later, can_fork

needs_fork = pytest.mark.skipif(not can_fork(), reason="no second core or no fork here")


def _pid_and_square(value: int) -> tuple[int, int]:
    return os.getpid(), value * value


def _fails(message: str) -> None:
    raise ValueError(message)


def _sleeps(seconds: float) -> int:
    time.sleep(seconds)
    return 1


@needs_fork
def test_a_background_part_runs_in_another_process_and_gives_its_value() -> None:
    later = Later(_pid_and_square, 12, background=True)
    pid, square = later.result()
    assert square == 144
    assert pid != os.getpid()
    assert later.result() == (pid, 144)  # asked again: the same value, no second run


def test_without_background_the_part_runs_here_when_asked() -> None:
    calls: list[int] = []

    def counted(value: int) -> int:
        calls.append(value)
        return value + 1

    later = Later(counted, 4, background=False)
    assert calls == []
    assert later.result() == 5
    assert later.result() == 5
    assert calls == [4]


@needs_fork
def test_a_failing_background_part_fails_again_here_with_its_own_error() -> None:
    later = Later(_fails, "vocabulary matrix is empty", background=True)
    with pytest.raises(ValueError, match="vocabulary matrix is empty"):
        later.result()


@needs_fork
def test_closing_stops_a_part_still_running() -> None:
    later = Later(_sleeps, 60.0, background=True)
    process = later._process
    assert process is not None and process.is_alive()
    later.close()
    assert not process.is_alive()


@needs_fork
def test_a_value_the_child_cannot_send_is_computed_here() -> None:
    later = Later(_lock_of, 3, background=True)  # a lock cannot be pickled
    lock, value = later.result()
    assert value == 3 and lock.acquire(blocking=False)


def _lock_of(value: int) -> tuple[object, int]:
    import threading

    return threading.Lock(), value
