"""Holding back Ctrl-C and SIGTERM over a short step that must not be cut in the middle."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


@contextmanager
def stops_deferred() -> Iterator[None]:
    """Hold back Ctrl-C (SIGINT) and SIGTERM until the block ends, then deliver the first one
    received. Only the main thread can handle signals; elsewhere the block runs as it is."""
    with stops_noted():
        yield


@contextmanager
def stops_noted() -> Iterator[list[signal.Signals]]:
    """:func:`stops_deferred`, giving the block the list of the stops received so far, so that
    a long block can look at it between steps and leave early (by raising); the first stop is
    delivered when the block ends. Outside the main thread the list stays empty."""
    received: list[signal.Signals] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return

    def remember(number: int, _frame: FrameType | None) -> None:
        if previous[signal.Signals(number)] is not signal.SIG_IGN:  # ignored stays ignored
            received.append(signal.Signals(number))

    previous = {stop: signal.signal(stop, remember) for stop in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield received
    finally:
        for stop, handler in previous.items():
            signal.signal(stop, handler)
        if received:
            signal.raise_signal(received[0])
