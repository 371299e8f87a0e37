"""A folder of fetched pages, so that a second run, or a run resumed after an interruption,
only asks the web for what it does not have yet.

Each page is two files named by the SHA-256 of its address: ``KEY.json`` (address, final
address, content type, when it was fetched) and ``KEY.body`` (the bytes as served). Both are
written to a temporary name and renamed, body first, so a killed run never leaves an entry
that looks complete but is not. Only successful pages are kept: a failure is tried again on the
next run.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from framing.fetch.client import Response


@dataclass(frozen=True)
class CachedPage:
    """A page from the cache, with the time it was first fetched (ISO 8601, UTC)."""

    response: Response
    fetched_at: str


class PageCache:
    """Pages stored under ``folder`` (created on first write)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]
        return self.folder / f"{key}.json", self.folder / f"{key}.body"

    def get(self, url: str) -> CachedPage | None:
        """The stored page for ``url``, or ``None`` when it is missing or unreadable."""
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if meta.get("url") != url or meta.get("bytes") != len(body):
            return None
        response = Response(url, meta["final_url"], 200, meta["content_type"], body)
        return CachedPage(response, meta["fetched_at"])

    def put(self, response: Response, fetched_at: str) -> CachedPage:
        """Store ``response`` (fetched at ``fetched_at``) and return it as a cached page."""
        self.folder.mkdir(parents=True, exist_ok=True)
        meta_path, body_path = self._paths(response.url)
        meta = {
            "url": response.url,
            "final_url": response.final_url,
            "content_type": response.content_type,
            "fetched_at": fetched_at,
            "bytes": len(response.body),
        }
        _atomic_write(body_path, response.body)
        _atomic_write(meta_path, json.dumps(meta, sort_keys=True).encode("utf-8"))
        return CachedPage(response, fetched_at)


def _atomic_write(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
