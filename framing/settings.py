"""Settings passed explicitly into scoring (no module-level switches)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScoringSettings:
    """Thresholds that shape the scores.

    ``sentiment_threshold``: a sentence counts as positive when its VADER compound is at least
    this, negative when at most its negative (0.05 is the cut-off Hutto & Gilbert 2014 recommend).
    ``min_readability_words`` / ``min_readability_sentences``: below these the readability
    formulas are reported as not applicable; Flesch (1948) calibrated on 100-word samples.
    """

    sentiment_threshold: float = 0.05
    min_readability_words: int = 100
    min_readability_sentences: int = 3
