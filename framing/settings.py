"""Settings passed explicitly into scoring (no module-level switches)."""

from __future__ import annotations

from dataclasses import dataclass

# The score store's file name in an output folder (framing/store.py).
STORE_NAME = "scores.sqlite"
# The built-in lexicon packs used when no --pack is given (framing/lexicon/loader.py).
DEFAULT_PACKS = ("libya", "general", "loaded_language", "frames")


@dataclass(frozen=True)
class ReadSettings:
    """Limits on input, so one odd file cannot stall a run.

    ``max_file_bytes`` applies to a single-article file (.txt/.html); CSV and JSONL corpora may be
    any size. ``max_article_chars`` applies to every article's text, wherever it comes from.
    """

    max_file_bytes: int = 20 * 1024 * 1024
    max_article_chars: int = 1_000_000


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


@dataclass(frozen=True)
class CompareSettings:
    """Choices that shape a comparison; every one is recorded in ``manifest.json``.

    ``by``: the article field or manifest column that defines groups (default: outlet).
    ``clusters``: a fixed number of clusters, or ``None`` to choose by silhouette.
    ``bootstrap_replicates`` / ``stability_replicates``: resamples of articles for intervals and
    for cluster stability; ``seed`` fixes them so output is reproducible.
    ``min_articles`` / ``min_mentions``: below these a figure is shown with a warning.
    ``min_term_count`` / ``min_term_articles``: a distinguishing term must occur this often, in
    this many of the group's articles, to be tested; ``alpha`` is the false-discovery rate.
    ``features``: weights of feature blocks in the clustering that differ from 1, as
    ``(block, weight)`` pairs (see :data:`framing.compare.blocks.BLOCKS`); weight 0 leaves a
    block out. ``grouping_simulations``: Gaussian samples in the test for any grouping at all.
    ``direction``: two groups ``(left, right)`` that fix the sign of the Wordfish dimension.
    ``scaling_replicates``: parametric bootstrap refits for the Wordfish intervals.
    """

    by: str = "outlet"
    clusters: int | None = None
    bootstrap_replicates: int = 1000
    stability_replicates: int = 200
    seed: int = 2008
    confidence: float = 0.95
    min_articles: int = 5
    min_mentions: int = 5
    min_term_count: int = 5
    min_term_articles: int = 2
    alpha: float = 0.05
    top_terms: int = 10
    examples_per_term: int = 2
    features: tuple[tuple[str, float], ...] = ()
    grouping_simulations: int = 200
    direction: tuple[str, str] | None = None
    scaling_replicates: int = 100
