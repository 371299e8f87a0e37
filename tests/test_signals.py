from __future__ import annotations

import os
import signal

import pytest

from framing.signals import stops_deferred, stops_noted


class Stopped(Exception):
    pass


def _raise_stopped(_number: int, _frame: object) -> None:
    raise Stopped


@pytest.fixture()
def sigterm_raises() -> object:
    previous = signal.signal(signal.SIGTERM, _raise_stopped)
    yield
    signal.signal(signal.SIGTERM, previous)


@pytest.mark.usefixtures("sigterm_raises")
def test_a_stop_is_noted_in_the_block_and_delivered_when_it_ends() -> None:
    steps: list[str] = []
    with pytest.raises(Stopped), stops_noted() as stops:
        os.kill(os.getpid(), signal.SIGTERM)
        steps.append("after the signal")
        assert stops == [signal.SIGTERM]
    assert steps == ["after the signal"]
    assert signal.getsignal(signal.SIGTERM) is _raise_stopped  # the handler is back


@pytest.mark.usefixtures("sigterm_raises")
def test_deferred_stops_wait_for_the_end_of_the_block() -> None:
    steps: list[str] = []
    with pytest.raises(Stopped), stops_deferred():
        os.kill(os.getpid(), signal.SIGTERM)
        steps.append("finished the step")
    assert steps == ["finished the step"]


def test_a_stop_ignored_before_the_block_stays_ignored() -> None:
    previous = signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        with stops_noted() as stops:
            os.kill(os.getpid(), signal.SIGTERM)
            assert stops == []
    finally:
        signal.signal(signal.SIGTERM, previous)
