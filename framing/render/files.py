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


def _file_mode() -> int:
    # mkstemp creates files readable by the owner only; give the result the permissions an
    # ordinary new file would get (0666 less the umask), as shared class folders expect.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_temporary(path: Path, content: str, encoding: str) -> Path:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline="") as stream:
            stream.write(content)
        os.chmod(temporary, _file_mode())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


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


def write_files(
    folder: Path, files: Mapping[str, str], encodings: Mapping[str, str] | None = None
) -> None:
    """Write every ``name -> content`` of ``files`` into ``folder`` as one unit (see above).

    ``encodings`` maps a file name to its encoding (default UTF-8).
    """
    folder.mkdir(parents=True, exist_ok=True)
    temporaries: dict[str, Path] = {}
    try:
        for name, content in files.items():
            encoding = (encodings or {}).get(name, "utf-8")
            temporaries[name] = _write_temporary(folder / name, content, encoding)
        with _interrupts_deferred():
            for name in list(temporaries):
                os.replace(temporaries.pop(name), folder / name)
    finally:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)


def write_atomic(path: Path, content: str, encoding: str = "utf-8") -> None:
    """Write one file atomically (same-folder temporary file + rename)."""
    write_files(path.parent, {path.name: content}, {path.name: encoding})
