"""What one ``framing report`` run takes from, and gives to, the re-run cache.

- the inputs as read (:mod:`framing.rerun.corpus`), keyed by the inputs' fingerprint;
- the topic detection counts (:mod:`framing.rerun.packs`);
- the comparison's lexicon-free results (:mod:`framing.compare.lexicon_free`), keyed by the
  inputs' fingerprint, the scorer, the comparison settings and the outlets chosen.

The cache lives beside the score store, so ``--no-store`` turns it off too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from framing.rerun.cache import RunCache, cache_path, key_of
from framing.rerun.corpus import CorpusReplay

if TYPE_CHECKING:
    from framing.cli_run import Inputs
    from framing.compare.engine import ComparisonBuilder
    from framing.settings import ScoringSettings

FREE = "lexicon_free"


class RerunSession:
    """The re-run cache of one run (see the module docstring)."""

    def __init__(self, inputs: Inputs, store: Path) -> None:
        self.inputs = inputs
        self.cache = RunCache(cache_path(store))
        inputs.replay = CorpusReplay(self.cache, [repr(inputs.limits), str(inputs.manifest)])
        self.replay = inputs.replay
        self.free_reused = False

    def _free_key(self, builder: ComparisonBuilder, scoring: ScoringSettings) -> str:
        from framing.store import scorer_key

        return key_of(
            FREE,
            self.replay.key,
            scorer_key(scoring, builder.stopwords),
            repr(builder.settings),
            sorted(self.inputs.outlets or ()),
        )

    def prepare(self, builder: ComparisonBuilder, scoring: ScoringSettings) -> None:
        """Give ``builder`` the lexicon-free results of an earlier run, if they are cached."""
        from framing.compare.lexicon_free import LexiconFree

        if not self.replay.key:
            return
        known = self.cache.get(FREE, self._free_key(builder, scoring))
        if isinstance(known, LexiconFree):
            builder.known_free = known
            self.free_reused = True

    def keep(self, builder: ComparisonBuilder, scoring: ScoringSettings) -> None:
        """Cache what ``builder`` computed afresh."""
        if builder.computed_free is not None and self.replay.key:
            self.cache.put(FREE, self._free_key(builder, scoring), builder.computed_free)

    def summary(self) -> str:
        """One line for the user: what the cache saved, and any entry rebuilt."""
        reused = [
            name
            for name, done in (
                ("inputs as read", self.replay.reused),
                ("vocabulary, scaling and epithets", self.free_reused),
            )
            if done
        ]
        line = f"Re-run cache: reused {', '.join(reused) if reused else 'nothing'}."
        if self.cache.rebuilt:
            line += f" Rebuilt damaged entries: {'; '.join(self.cache.rebuilt)}."
        if self.cache.problem:
            line += f" Warning: {self.cache.problem}."
        return line

    def close(self) -> None:
        self.cache.close()


def rerun_session(inputs: Inputs, default_store: Path | None) -> RerunSession | None:
    """The session of a run whose score store is ``--store`` or ``default_store``; ``None``
    without a store."""
    store = inputs.store or default_store
    return None if store is None else RerunSession(inputs, store)
