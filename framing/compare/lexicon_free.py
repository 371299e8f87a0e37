"""The part of a comparison that does not depend on the lexicon: the groups' vocabulary, the
distinguishing terms, Wordfish scaling, the correspondence map and the epithets.

These are computed from the articles' words alone, so a re-run after a lexicon edit can reuse
them (see :mod:`framing.rerun`); the lexicon-dependent figures (variant shares, stances,
clusters) are always computed afresh.
"""

from __future__ import annotations

from dataclasses import dataclass

from framing.compare.accumulate import GroupAccumulator
from framing.compare.background import Later
from framing.compare.blocks import FeatureBlock, vocabulary_block
from framing.compare.epithets import find_epithets
from framing.compare.examples import ExampleCandidates
from framing.compare.model import CorrespondenceMap, DistinguishingTerm, Epithet, Scaling
from framing.compare.scaling import correspondence_map, scale_groups
from framing.compare.terms import distinguishing_terms
from framing.compare.vocabulary import VocabularyProfile
from framing.compare.wordmatrix import vocabulary_word_matrix
from framing.settings import CompareSettings


@dataclass(frozen=True)
class LexiconFree:
    """The lexicon-independent results of one comparison (see the module docstring)."""

    vocabulary: VocabularyProfile
    vocabulary_block: FeatureBlock  # the vocabulary's features for the clustering
    scaling: Scaling
    distinguishing: tuple[DistinguishingTerm, ...]
    epithets: tuple[Epithet, ...]
    correspondence: CorrespondenceMap


def lexicon_free(
    accumulator: GroupAccumulator,
    groups: tuple[str, ...],
    stopwords: frozenset[str],
    examples: ExampleCandidates,
    settings: CompareSettings,
) -> LexiconFree:
    """The lexicon-independent results for ``groups`` from the word and name counts of
    ``accumulator`` (Monroe, Colaresi & Quinn 2008 for the distinguishing terms and epithets;
    Slapin & Proksch 2008 for Wordfish)."""
    return LexiconFreeLater(accumulator, groups, stopwords, examples, settings).result()


class LexiconFreeLater:
    """:func:`lexicon_free`, begun: the vocabulary is profiled at once and, with
    ``background``, Wordfish (the longest part, and independent of the rest) starts in a
    second process (:mod:`framing.compare.background`); :meth:`result` does the rest here. The
    results are the same either way."""

    def __init__(
        self,
        accumulator: GroupAccumulator,
        groups: tuple[str, ...],
        stopwords: frozenset[str],
        examples: ExampleCandidates,
        settings: CompareSettings,
        background: bool = False,
    ) -> None:
        self.accumulator, self.groups, self.stopwords = accumulator, groups, stopwords
        self.examples, self.settings = examples, settings
        self.vocabulary = accumulator.vocabulary.profile(groups, stopwords)
        self.words = vocabulary_word_matrix(self.vocabulary, groups)
        self.vocabulary_block = vocabulary_block(self.words)  # the clustering's, at once
        self.scaling = Later(scale_groups, self.words, settings, background=background)

    def result(self) -> LexiconFree:
        """The results (waiting for Wordfish if it runs elsewhere)."""
        settings, stopwords, examples = self.settings, self.stopwords, self.examples
        try:
            distinguishing = distinguishing_terms(
                self.vocabulary,
                lambda wanted: examples.term_examples(
                    wanted, stopwords, settings.examples_per_term
                ),
                settings,
            )
            epithets = find_epithets(
                self.accumulator.epithets, self.groups, examples.epithet_sources, settings
            )
            scaling = self.scaling.result()
        finally:
            self.scaling.close()
        return LexiconFree(
            vocabulary=self.vocabulary,
            vocabulary_block=self.vocabulary_block,
            scaling=scaling,
            distinguishing=distinguishing,
            epithets=epithets,
            correspondence=correspondence_map(self.words, like=scaling),
        )

    def close(self) -> None:
        """Stop Wordfish's process, when the results are not wanted after all."""
        self.scaling.close()
