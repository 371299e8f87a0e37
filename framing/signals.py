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
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[signal.Signals] = []

    def remember(number: int, _frame: FrameType | None) -> None:
        received.append(signal.Signals(number))

    previous = {stop: signal.signal(stop, remember) for stop in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for stop, handler in previous.items():
            signal.signal(stop, handler)
        if received:
            signal.raise_signal(received[0])
