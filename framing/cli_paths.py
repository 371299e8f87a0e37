"""Checks on the paths a run reads and writes, made before any work: no output may land on an
input, and no output folder may be one whose files are not framing's to replace."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from framing.corpus.folders import ARTICLE_SUFFIXES, MANIFEST_NAME, TABLE_SUFFIXES
from framing.corpus.values import real_path
from framing.errors import UsageError
from framing.render.files import REPORT_FILES
from framing.settings import STORE_NAME

READ_SUFFIXES = ARTICLE_SUFFIXES | TABLE_SUFFIXES | {Path(MANIFEST_NAME).suffix}
# The store and the files SQLite keeps beside it while it is open.
STORE_FILES = frozenset(STORE_NAME + suffix for suffix in ("", "-wal", "-shm", "-journal"))


def _status(path: Path, option: str) -> os.stat_result | None:
    """``path``'s status, ``None`` if it does not exist, a clear error if it cannot be used."""
    try:
        return path.stat()
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        parent = next(p for p in path.parents if p.exists())
        raise UsageError(f"{option} {path}: {parent} is a file, not a folder") from None
    except OSError as error:
        raise UsageError(f"{option} {path}: cannot be used: {error.strerror or error}") from None


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK | os.X_OK)


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _home() -> Path | None:
    try:
        return real_path(Path.home())
    except (RuntimeError, KeyError, OSError):
        return None


def holds_framing_output(folder: Path) -> bool:
    """True when ``folder`` holds a previous framing report (judged by its ``manifest.json``)
    or only files framing writes (the tables of ``framing score``, the score store)."""
    try:
        document = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if document["tool"]["name"] == "framing":
            return True
    except (OSError, ValueError, TypeError, KeyError):
        pass
    own = REPORT_FILES | STORE_FILES
    return all(entry.name in own or entry.name.startswith(".") for entry in folder.iterdir())


def check_output_folder(
    out: Path | None,
    paths: Sequence[Path],
    manifest: Path | None = None,
    lexicons: Sequence[Path] = (),
    store: Path | None = None,
) -> None:
    """Refuse an ``--out`` folder that would overwrite or hide an input, that is the file
    system's root or the home folder, or that holds files framing did not write; and a
    ``--store`` that is an input file or inside ``--out`` (other than the default there)."""
    inputs = [("input", p) for p in paths] + [("manifest", p) for p in [manifest] if p]
    inputs += [("lexicon", p) for p in lexicons]
    if store is not None and _status(store, "--store") is not None:
        stored = real_path(store)
        for _label, path in inputs:
            source = real_path(path)
            inside = source in stored.parents and store.suffix.lower() in READ_SUFFIXES
            if source == stored or inside:
                raise UsageError(
                    f"--store {store}: is an input file; name a new file for the store"
                )
    if out is None:
        return
    status = _status(out, "--out")
    if status is None:
        existing = next((p for p in out.parents if p.exists()), Path("/"))
        if not existing.is_dir():
            raise UsageError(f"--out {out}: {existing} is a file, not a folder")
        if not _writable(existing):
            raise UsageError(f"--out {out}: cannot be created: {existing} is not writable")
    elif not out.is_dir():
        raise UsageError(f"--out {out}: exists and is not a folder")
    resolved = real_path(out)
    home = _home()
    if resolved == Path(resolved.anchor):
        raise UsageError(f"--out {out}: is the root of the file system; choose a new folder")
    if home is not None and (resolved == home or resolved in home.parents):
        what = "your home folder" if resolved == home else f"a folder above your home {home}"
        raise UsageError(f"--out {out}: is {what}; choose a new folder for the results")
    _check_inputs(out, resolved, inputs)
    inside = store is not None and resolved in real_path(store).parents
    if store is not None and inside and real_path(store) != resolved / STORE_NAME:
        raise UsageError(
            f"--store {store}: is inside the output folder {out}; keep the store outside "
            f"it, or leave out --store to keep {STORE_NAME} there"
        )
    if status is None:
        return
    if not _writable(out):
        raise UsageError(f"--out {out}: the folder is not writable")
    if not holds_framing_output(out):
        raise UsageError(
            f"--out {out}: the folder is not empty and holds no framing report (no "
            "manifest.json written by framing); choose a new or empty folder"
        )


def check_output_file(
    target: Path, paths: Sequence[Path], manifest: Path | None, lexicons: Sequence[Path]
) -> None:
    """Refuse to write a single output file (``--out FILE``) over an input, ``--force`` or
    not: a draft written over the articles it was drawn from would lose them."""
    written = real_path(target)
    inputs = [("input", p) for p in paths] + [("lexicon", p) for p in lexicons]
    inputs += [("manifest", manifest)] if manifest is not None else []
    for label, path in inputs:
        source = real_path(path)
        if source == written:
            raise UsageError(f"--out {target}: is the {label} {path}; choose another file")
        if source in written.parents and target.suffix.lower() in READ_SUFFIXES:
            raise UsageError(
                f"--out {target}: would be read as an input of {path}; choose another file"
            )


def _check_inputs(out: Path, resolved: Path, inputs: Sequence[tuple[str, Path]]) -> None:
    for label, path in inputs:
        source = real_path(path)
        if source == resolved:
            raise UsageError(
                f"--out {out}: is an {label} folder; choose a separate folder for results"
            )
        if resolved in source.parents:
            held = "the input file" if label == "input" else f"the {label}"
            raise UsageError(
                f"--out {out}: holds {held} {path}; choose a separate folder for results"
            )
        if source in resolved.parents and _is_folder(source):
            # Inputs are read recursively: results inside an input would be read next time.
            raise UsageError(
                f"--out {out}: is inside the input folder {path}; choose a folder outside it"
            )
