"""The one way output files are written: a whole report at once, or not at all.

A report folder is built beside its destination, in a hidden sibling folder, while the run
goes; the output folder is locked for the run, so a second run into it stops with a clear
error instead of mixing its files in. When every file is written and synced to disk, the new
folder and the old one are exchanged in one step (Linux ``renameat2`` with
``RENAME_EXCHANGE``), so a reader sees the old complete report or the new complete one, never
a mix. Files in the old folder that framing did not write (the score store, a note of the
user's) are linked into the new one first. An interruption (Ctrl-C, a full disk, a kill)
before the exchange leaves the previous report untouched; whatever a killed run left behind
is removed by the next run into the same folder.

Where the exchange is not available (another system, a file system without it) the old
folder is renamed aside and the new one put in its place, two renames in a row; where the
parent folder cannot be written, the files are renamed into the folder one by one.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from framing.corpus.values import real_path
from framing.errors import OutputError
from framing.render.formula_guard import FormulaGuard
from framing.signals import stops_deferred

try:
    import fcntl
except ImportError:  # Windows: no advisory locks on folders; runs are not serialized there
    fcntl = None  # type: ignore[assignment]
from framing.render.data_dictionary import FILES

# Every file a framing run writes into an output folder: a file of this name in an old
# report is the old run's, replaced or dropped, never carried into the new report.
REPORT_FILES = frozenset({*FILES, "report.md", "report.html", "README.txt", "manifest.json"})
STAGING_MARK = ".framing-"  # in the names of hidden staging folders
_STALE_TEMPORARY = re.compile(r"\..+\.tmp")  # what earlier versions staged inside the folder


def _file_mode() -> int:
    # mkstemp creates files readable by the owner only; give the result the permissions an
    # ordinary new file would get (0666 less the umask), as shared class folders expect.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step; ``False`` where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):  # not Linux, or a C library without it
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]  # fmt: skip
    at_current_folder, rename_exchange = -100, 2
    done = renameat2(at_current_folder, os.fsencode(first), at_current_folder,
                     os.fsencode(second), rename_exchange)  # fmt: skip
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(first))


def _sync_folder(folder: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):
        return  # Windows cannot open a folder to sync it
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems cannot sync a folder; the files themselves are synced
    finally:
        os.close(descriptor)


def _lock(folder: Path, shown: Path) -> int | None:
    """An exclusive lock on ``folder`` (held until its descriptor is closed); ``None`` where
    the system has no such locks."""
    if fcntl is None or not hasattr(os, "O_DIRECTORY"):
        return None
    while True:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            raise OutputError(
                f"--out {shown}: another framing run is writing this folder; wait for it to "
                "finish or choose another folder"
            ) from None
        # A run that finished meanwhile may have swapped a new folder in: lock that one.
        if os.stat(folder).st_ino == os.fstat(descriptor).st_ino:
            return descriptor
        os.close(descriptor)


def _carry(source: Path, target: Path) -> None:
    """Put ``source`` at ``target`` without removing it: a hard link, else a copy."""
    if source.is_symlink():
        os.symlink(os.readlink(source), target)
    elif source.is_dir():
        shutil.copytree(source, target, symlinks=True, copy_function=_link_or_copy)
    else:
        _link_or_copy(str(source), str(target))


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


class StagedFiles:
    """A report folder built as a run goes and put in place whole by :meth:`commit`; leaving
    the ``with`` block without committing removes what was staged and keeps the old folder."""

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
        self.shown = folder
        self.folder = folder
        self.encodings = dict(encodings or {})
        self.csv_encoding = csv_encoding
        self.guard = guard
        self._staging = folder
        self._swap = True
        self._written: list[str] = []
        self._streams: list[TextIO] = []
        self._locks: list[int | None] = []
        self._created = False
        self._committed = False

    def __enter__(self) -> StagedFiles:
        try:
            self._enter()
        except OSError as error:
            self._release()
            raise OutputError(
                f"--out {self.shown}: cannot write there: {error.strerror or error}"
            ) from None
        except BaseException:
            self._release()
            raise
        return self

    def _enter(self) -> None:
        self._created = not self.folder.exists()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.folder = real_path(self.folder)  # a link to a folder: build beside its target
        self._locks.append(_lock(self.folder, self.shown))
        self._remove_leftovers()
        prefix = f".{self.folder.name}{STAGING_MARK}"
        try:
            staging = tempfile.mkdtemp(prefix=prefix, dir=self.folder.parent)
        except PermissionError:  # the parent is not ours: stage inside, rename file by file
            staging = tempfile.mkdtemp(prefix=STAGING_MARK, dir=self.folder)
            self._swap = False
        self._staging = Path(staging)
        self._locks.append(_lock(self._staging, self.shown))

    def _remove_leftovers(self) -> None:
        """What a killed run left: staging folders (ours, as this run holds the lock) and the
        temporary files of earlier versions."""
        prefix = f".{self.folder.name}{STAGING_MARK}"
        if os.access(self.folder.parent, os.W_OK):
            for entry in self.folder.parent.iterdir():
                if entry.name.startswith(prefix) and entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
        for entry in self.folder.iterdir():
            if entry.name.startswith(STAGING_MARK) and entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            elif _STALE_TEMPORARY.fullmatch(entry.name) and entry.is_file():
                entry.unlink(missing_ok=True)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, *_rest: object
    ) -> None:
        for stream in self._streams:
            with contextlib.suppress(OSError):
                stream.close()
        if not self._committed:
            shutil.rmtree(self._staging, ignore_errors=True)
            if self._created:
                with contextlib.suppress(OSError):
                    self.folder.rmdir()  # a failed first run leaves no empty folder behind
        self._release()
        if isinstance(error, OSError) and not isinstance(error, OutputError):
            raise OutputError(
                f"--out {self.shown}: cannot write the report: {error.strerror or error}; "
                "the folder is as it was before this run"
            ) from None

    def _release(self) -> None:
        for descriptor in self._locks:
            if descriptor is not None:
                os.close(descriptor)
        self._locks.clear()

    def open(self, name: str) -> TextIO:
        """A stream for the file ``name``, in its encoding (default UTF-8)."""
        path = self._staging / name
        default = self.csv_encoding if name.endswith(".csv") else "utf-8"
        # Lone surrogates (from file names that are not UTF-8) cannot be encoded: "?" instead.
        stream = path.open("x", encoding=self.encodings.get(name, default), errors="replace",
                           newline="")  # fmt: skip
        self._written.append(name)
        self._streams.append(stream)
        return stream

    def write(self, name: str, content: str) -> None:
        """The whole of file ``name``."""
        if self.guard is not None and name.endswith(".csv"):
            content = self.guard.csv_text(name, content)
        self.open(name).write(content)

    def commit(self) -> None:
        """Sync every file to disk and put the whole report in place at once."""
        mode = _file_mode()
        for stream in self._streams:
            stream.flush()
            os.fsync(stream.fileno())
            stream.close()
        for name in self._written:
            os.chmod(self._staging / name, mode)
        with stops_deferred():
            if self._swap:
                self._commit_folder()
            else:
                self._commit_files()
            self._committed = True

    def _kept(self) -> list[Path]:
        """Entries of the old folder that framing did not write: they stay."""
        return [
            entry
            for entry in self.folder.iterdir()
            if entry.name not in REPORT_FILES
            and entry.name not in self._written
            and not entry.name.startswith(STAGING_MARK)
            and not _STALE_TEMPORARY.fullmatch(entry.name)
        ]

    def _commit_folder(self) -> None:
        for entry in self._kept():
            _carry(entry, self._staging / entry.name)
        os.chmod(self._staging, self.folder.stat().st_mode & 0o7777)
        _sync_folder(self._staging)
        if not _exchange(self._staging, self.folder):
            aside = Path(tempfile.mkdtemp(prefix=f".{self.folder.name}{STAGING_MARK}old-",
                                          dir=self.folder.parent))  # fmt: skip
            os.replace(self.folder, aside / "old")
            os.replace(self._staging, self.folder)
            self._staging = aside
        _sync_folder(self.folder.parent)
        shutil.rmtree(self._staging, ignore_errors=True)  # now the old report

    def _commit_files(self) -> None:
        for name in sorted(self._written):
            os.replace(self._staging / name, self.folder / name)
        for name in REPORT_FILES.difference(self._written):
            (self.folder / name).unlink(missing_ok=True)  # an old run's file, not this one's
        self._staging.rmdir()
        _sync_folder(self.folder)


def write_files(
    folder: Path, files: Mapping[str, str], encodings: Mapping[str, str] | None = None
) -> None:
    """Write every ``name -> content`` of ``files`` into ``folder`` as one report (see above).

    ``encodings`` maps a file name to its encoding (default UTF-8).
    """
    with StagedFiles(folder, encodings) as staged:
        for name, content in files.items():
            staged.write(name, content)
        staged.commit()


def write_atomic(path: Path, content: str, encoding: str = "utf-8") -> None:
    """Write one file atomically: a synced temporary file beside it, then a rename."""
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; name a file to write")
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                             dir=path.parent)  # fmt: skip
        with os.fdopen(handle, "w", encoding=encoding, errors="replace", newline="") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _file_mode())
        os.replace(temporary, path)
    except OSError as error:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot be written: {error.strerror or error}") from None
