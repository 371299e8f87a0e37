"""Packs parsed by an earlier run, kept in the re-run cache (:mod:`framing.rerun.cache`) and
taken again when a pack file's text is the same, byte for byte.

Parsing the built-in packs' YAML costs every run about 0.15 CPU s; taking them from the cache
about a third of that. A pack is looked up by its path and the SHA-256 of its text: a changed
file (the lexicon edit of a re-run) is parsed afresh, and the other files are still taken from
the cache. The entry's key holds :func:`~framing.rerun.cache.code_version`, so a changed
parser never reuses an old result, and an entry that is damaged, or does not hold parsed packs
of the texts it names, is not used (every pack is parsed afresh and the entry replaced).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from framing.lexicon.model import Actor, Concept, Pack
from framing.lexicon.pack_parser import ParsedPack

if TYPE_CHECKING:
    from framing.rerun.cache import RunCache

KIND = "parsed_packs"


class ParsedCache:
    """The packs of the re-run cache ``cache``, by path and text; :meth:`save` puts the packs
    this run used (and only those) back for the next run."""

    def __init__(self, cache: RunCache) -> None:
        from framing.rerun.cache import key_of

        self._cache = cache
        self._key = key_of(KIND)
        self._known: dict[tuple[str, str], ParsedPack] = {}
        self._used: dict[tuple[str, str], ParsedPack] = {}
        self.reused = 0  # packs taken from the cache
        stored = cache.get(KIND, self._key)
        if stored is not None:
            known = _valid(stored)
            if known is None:
                cache.rebuilt.append(f"{KIND} (not parsed packs)")
            else:
                self._known = known

    def get(self, path: str, text: str, builtin: bool) -> ParsedPack | None:
        """The pack parsed before from ``text`` at ``path``, or ``None``."""
        where = (path, _digest(text))
        found = self._known.get(where)
        if found is None or found[0].builtin != builtin:
            return None
        self._used[where] = found
        self.reused += 1
        return found

    def add(self, text: str, parsed: ParsedPack) -> None:
        """Note ``parsed``, just parsed from ``text``, for :meth:`save`."""
        self._used[(parsed[0].path, _digest(text))] = parsed

    def save(self) -> None:
        """Put the packs used by this run in the cache (written when the run succeeds), unless
        they are exactly those it held."""
        if set(self._used) != set(self._known):
            self._cache.put(KIND, self._key, tuple(self._used.values()))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _valid(stored: Any) -> dict[tuple[str, str], ParsedPack] | None:
    """``stored`` as packs by (path, SHA-256 of the text), or ``None`` if it is not a tuple of
    parsed packs (the cache is untrusted)."""
    if not isinstance(stored, tuple):
        return None
    known: dict[tuple[str, str], ParsedPack] = {}
    for item in stored:
        if not (isinstance(item, tuple) and len(item) == 3):
            return None
        pack, concepts, actors = item
        if not (
            isinstance(pack, Pack)
            and isinstance(concepts, tuple)
            and all(isinstance(c, Concept) and c.pack == pack.name for c in concepts)
            and isinstance(actors, tuple)
            and all(isinstance(a, Actor) and a.pack == pack.name for a in actors)
            and isinstance(pack.path, str)
            and isinstance(pack.sha256, str)
        ):
            return None
        known[(pack.path, pack.sha256)] = (pack, concepts, actors)
    return known
