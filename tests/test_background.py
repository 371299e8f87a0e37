from __future__ import annotations

import os
import signal
import subprocess
import sys
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


# A parent as the command line makes it: SIGTERM raises. The child's value is larger than a
# pipe's buffer, and the parent closes the part without reading it (the run was interrupted).
_CLOSED_UNREAD = """
import signal, sys, time
from framing.compare.background import Later

def raise_on_term(number, frame):
    raise SystemExit(143)

def large(size):
    return b"x" * size

signal.signal(signal.SIGTERM, raise_on_term)
later = Later(large, 4_000_000, background=True)
time.sleep(1.0)  # the child has made its value and waits for the parent to read it
later.close()
print("closed", later._process is None)
"""


@needs_fork
def test_closing_a_part_whose_large_value_was_never_read_ends_its_child() -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", _CLOSED_UNREAD],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=60)
    finally:  # whatever happened, nothing of it outlives the test
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == 0, err
    assert out.strip() == "closed True"
