"""Run one independent part of a comparison's finish in a second process, while this one does
the rest.

The finish runs after scoring, when the worker processes are gone and only this process works;
on a machine with more than one core a part that needs nothing else of the finish (Wordfish's
fit and bootstrap, say) can run beside it. The part runs in a child forked from this process,
so it sees the same data without copying it, and computes exactly what it would compute here:
the result is the same bytes, only sooner. Where no child can be forked (no ``fork`` start
method, one core) or the child fails to deliver for any reason, the part runs here instead,
when its result is asked for.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar, cast

T = TypeVar("T")
STOP_SECONDS = 5.0  # how long a child told to stop may take before it is killed


def can_fork() -> bool:
    """Whether a part can run beside this process: ``fork`` is available and there are at
    least two cores."""
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


def _child(
    receiver: Connection, sender: Connection, function: Callable[..., Any], args: tuple[Any, ...]
) -> None:
    # The parent's end of the pipe, inherited: held open here, it would keep a send of more
    # than the pipe's buffer waiting for ever once the parent stopped reading.
    receiver.close()
    # Ctrl-C reaches the whole process group: the parent stops this child. The parent's own
    # SIGTERM handler (which raises) is inherited too: the default ends the child when the
    # parent terminates it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # A collection would walk (and so copy, page by page) every object inherited from the
    # parent; the child lives for seconds and makes few objects of its own.
    gc.disable()
    try:
        sender.send((True, function(*args)))
    except BaseException:  # the parent computes it again and raises there, with its traceback
        sender.send((False, None))
    finally:
        sender.close()


class Later(Generic[T]):
    """``function(*args)``, started in a forked child (``background``) or computed here when
    :meth:`result` is first called."""

    def __init__(self, function: Callable[..., T], *args: Any, background: bool = True) -> None:
        self._call: tuple[Callable[..., T], tuple[Any, ...]] | None = (function, args)
        self._done = False
        self._value: T | None = None
        self._process: Any = None
        self._receiver: Connection | None = None
        if background and can_fork():
            # Text still buffered here would be written a second time by the child's exit.
            sys.stdout.flush()
            sys.stderr.flush()
            context = multiprocessing.get_context("fork")
            self._receiver, sender = context.Pipe(duplex=False)
            self._process = context.Process(
                target=_child, args=(self._receiver, sender, function, args), daemon=True
            )
            self._process.start()
            sender.close()

    def result(self) -> T:
        """The value, waiting for the child if it runs one."""
        if not self._done:
            received = self._received()
            if received is None:
                assert self._call is not None
                function, args = self._call
                received = (function(*args),)
            self._value = received[0]
            self._done = True
            self._call = None  # the arguments may be large
        return cast("T", self._value)

    def _received(self) -> tuple[T] | None:
        """The child's value (in a 1-tuple), or None when it has none to give."""
        receiver, process = self._receiver, self._process
        if receiver is None or process is None:
            return None
        try:
            ok, value = receiver.recv()
        except (EOFError, OSError):  # the child died without sending
            ok, value = False, None
        receiver.close()
        process.join()
        self._receiver = self._process = None
        return (value,) if ok else None

    def close(self) -> None:
        """Stop the child if it still runs (when its result is no longer wanted)."""
        if self._receiver is not None:
            self._receiver.close()
            self._receiver = None
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join(STOP_SECONDS)
            if self._process.is_alive():  # it must not outlive the run, whatever it was doing
                self._process.kill()
                self._process.join()
            self._process = None
