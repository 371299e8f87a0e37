"""Walk an input folder: every entry is a file to read, a manifest, or a skipped entry with a
reason (a broken or looping link, a named pipe, a folder that cannot be opened, ...).

Hidden entries (names starting with a dot) are left alone, as are files whose type framing
does not read (images, style sheets, ...); everything else is accounted for.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

ARTICLE_SUFFIXES = frozenset({".txt", ".html", ".htm"})
TABLE_SUFFIXES = frozenset({".csv", ".jsonl", ".ndjson"})
UNSUPPORTED_DOCUMENTS = frozenset({".pdf", ".doc", ".docx", ".rtf", ".odt", ".epub", ".pages"})
MANIFEST_NAME = "manifest.csv"

_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


@dataclass
class FolderContents:
    """What a folder holds: article and table ``files``, ``manifests`` and ``skipped``
    entries as ``(path, reason)``, each sorted by path."""

    files: list[Path] = field(default_factory=list)
    manifests: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def folder_contents(folder: Path) -> FolderContents:
    """Everything under ``folder`` that framing reads or must account for.

    The folder's own files and subfolders are read first; symbolic links are followed after
    them, once: a link to a file or folder read already (under its own name, or through
    another link, or a link that leads back up the tree) is a skipped entry, so nothing is
    read twice, a file keeps its own name as its id, and a loop of links ends.
    """
    contents = FolderContents()
    try:
        top = folder.stat()
    except OSError as error:
        contents.skipped.append((folder, f"folder cannot be read: {_why(error)}"))
        return contents
    walk = _Walk(contents, {(top.st_dev, top.st_ino): folder})
    walk.folders.append(folder)
    while walk.folders or walk.links:
        # Folders are walked with a stack rather than recursion: a tree thousands of folders
        # deep is still read.
        while walk.folders:
            walk.visit(walk.folders.pop())
        if walk.links:
            walk.follow(walk.links.pop(0))
    contents.files.sort()
    contents.manifests.sort()
    contents.skipped.sort()
    return contents


@dataclass
class _Walk:
    contents: FolderContents
    seen: dict[tuple[int, int], Path]  # (device, inode) -> the path it was read under
    links: list[Path] = field(default_factory=list)  # found, not yet followed
    folders: list[Path] = field(default_factory=list)  # found, not yet visited (a stack)

    def skip(self, path: Path, reason: str) -> None:
        self.contents.skipped.append((path, reason))

    def visit(self, folder: Path) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            self.skip(folder, f"folder cannot be read: {_why(error)}")
            return
        pushed = len(self.folders)
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if entry.is_symlink():
                self.links.append(path)
                continue
            try:
                status = path.stat()
            except OSError as error:
                self.skip(path, _unreachable(path, error))
                continue
            self.take(path, status)
        self.folders[pushed:] = reversed(self.folders[pushed:])  # the first name on top

    def follow(self, path: Path) -> None:
        try:
            status = path.stat()
        except OSError as error:
            self.skip(path, _unreachable(path, error))
            return
        self.take(path, status)

    def take(self, path: Path, status: os.stat_result) -> None:
        identity = (status.st_dev, status.st_ino)
        if stat.S_ISDIR(status.st_mode):
            if identity in self.seen:
                self.skip(
                    path, f"a link to the folder {self.seen[identity]}, which is read already"
                )
                return
            self.seen[identity] = path
            self.folders.append(path)
            return
        kind = next((name for test, name in _SPECIAL_FILES if test(status.st_mode)), None)
        if kind is not None:
            self.skip(path, f"not a regular file but {kind}; only files are read")
            return
        suffix = path.suffix.lower()
        if not (suffix in ARTICLE_SUFFIXES or suffix in TABLE_SUFFIXES):
            if suffix in UNSUPPORTED_DOCUMENTS:
                self.skip(
                    path, f"{suffix} documents are not read; save the article as .txt or .html"
                )
            return
        if identity in self.seen:
            self.skip(path, f"the same file as {self.seen[identity]}, which is read already")
            return
        self.seen[identity] = path
        if path.name == MANIFEST_NAME:
            self.contents.manifests.append(path)
        else:
            self.contents.files.append(path)


def _unreachable(path: Path, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "a symbolic link that loops back on itself; it leads to no file"
    if path.is_symlink() and error.errno in (errno.ENOENT, errno.ENOTDIR):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return f"a broken symbolic link: its target {target} does not exist"
    return f"cannot be read: {_why(error)}"


def _why(error: OSError) -> str:
    return error.strerror or str(error)
