"""The one way output files are written: temporary files first, then renamed into place.

Writing a report happens in two phases. First every file is written to a temporary file beside
its destination; an interruption here (Ctrl-C, a full disk) removes the temporary files and
leaves the previous report untouched. Then all the temporary files are renamed over their
destinations, with Ctrl-C held back until the renames are done, so a report is never half old
and half new.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import FrameType
from typing import TextIO

from framing.render.formula_guard import FormulaGuard


def _file_mode() -> int:
    # mkstemp creates files readable by the owner only; give the result the permissions an
    # ordinary new file would get (0666 less the umask), as shared class folders expect.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold back Ctrl-C (SIGINT) until the block ends, then deliver it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def remember(signum: int, _frame: FrameType | None) -> None:
        received.append(signum)

    previous = signal.signal(signal.SIGINT, remember)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if received:
            raise KeyboardInterrupt


class StagedFiles:
    """Output files written to temporary files as a run goes, renamed into place together by
    :meth:`commit`; leaving the ``with`` block without committing removes them."""

    def __init__(
        self,
        folder: Path,
        encodings: Mapping[str, str] | None = None,
        *,
        csv_encoding: str = "utf-8",
        guard: FormulaGuard | None = None,
    ) -> None:
        """``encodings`` maps a file name to its encoding; every other ``.csv`` file is written
        in ``csv_encoding`` (``utf-8-sig`` for Excel), anything else in UTF-8. With ``guard``,
        every CSV text given to :meth:`write` passes through it (streams from :meth:`open` are
        written as given: their writer applies the guard cell by cell)."""
        self.folder = folder
        self.encodings = dict(encodings or {})
        self.csv_encoding = csv_encoding
        self.guard = guard
        self._temporaries: dict[str, Path] = {}
        self._streams: list[TextIO] = []
        self._created = False
        self._committed = False

    def __enter__(self) -> StagedFiles:
        self._created = not self.folder.exists()
        self.folder.mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, *_exc: object) -> None:
        for stream in self._streams:
            stream.close()
        for temporary in self._temporaries.values():
            temporary.unlink(missing_ok=True)
        if self._created and not self._committed and not any(self.folder.iterdir()):
            self.folder.rmdir()  # a failed first run leaves no empty folder behind

    def open(self, name: str) -> TextIO:
        """A stream for the file ``name``, in its encoding (default UTF-8)."""
        path = self.folder / name
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
        self._temporaries[name] = Path(temporary)
        default = self.csv_encoding if name.endswith(".csv") else "utf-8"
        stream = os.fdopen(handle, "w", encoding=self.encodings.get(name, default), newline="")
        self._streams.append(stream)
        return stream

    def write(self, name: str, content: str) -> None:
        """The whole of file ``name``."""
        if self.guard is not None and name.endswith(".csv"):
            content = self.guard.csv_text(name, content)
        self.open(name).write(content)

    def commit(self) -> None:
        """Put every file in place (Ctrl-C is held back until all are renamed)."""
        for stream in self._streams:
            stream.close()
        for temporary in self._temporaries.values():
            os.chmod(temporary, _file_mode())
        with _interrupts_deferred():
            for name in sorted(self._temporaries):
                os.replace(self._temporaries.pop(name), self.folder / name)
        self._committed = True


def write_files(
    folder: Path, files: Mapping[str, str], encodings: Mapping[str, str] | None = None
) -> None:
    """Write every ``name -> content`` of ``files`` into ``folder`` as one unit (see above).

    ``encodings`` maps a file name to its encoding (default UTF-8).
    """
    with StagedFiles(folder, encodings) as staged:
        for name, content in files.items():
            staged.write(name, content)
        staged.commit()


def write_atomic(path: Path, content: str, encoding: str = "utf-8") -> None:
    """Write one file atomically (same-folder temporary file + rename)."""
    write_files(path.parent, {path.name: content}, {path.name: encoding})
