"""The part of a comparison that does not depend on the lexicon: the groups' vocabulary, the
distinguishing terms, Wordfish scaling, the correspondence map and the epithets.

These are computed from the articles' words alone, so a re-run after a lexicon edit can reuse
them (see :mod:`framing.rerun`); the lexicon-dependent figures (variant shares, stances,
clusters) are always computed afresh.
"""

from __future__ import annotations

from dataclasses import dataclass

from framing.compare.accumulate import GroupAccumulator
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
    vocabulary = accumulator.vocabulary.profile(groups, stopwords)
    words = vocabulary_word_matrix(vocabulary, groups)
    scaling = scale_groups(words, settings)
    return LexiconFree(
        vocabulary=vocabulary,
        vocabulary_block=vocabulary_block(words),
        scaling=scaling,
        distinguishing=distinguishing_terms(
            vocabulary,
            lambda wanted: examples.term_examples(wanted, stopwords, settings.examples_per_term),
            settings,
        ),
        epithets=find_epithets(accumulator.epithets, groups, examples.epithet_sources, settings),
        correspondence=correspondence_map(words, like=scaling),
    )
