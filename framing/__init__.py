"""framing: show how news outlets frame the same subject.

Three calls give a researcher what the command line renders::

    import framing
    corpus = framing.read_corpus(["seeds/"])
    choice = framing.choose_packs(corpus.articles, framing.read_lexicon())
    lexicon = choice.lexicon          # the general packs, and the topic packs the corpus is about
    result = framing.score_corpus(corpus, lexicon)
    comparison = framing.compare(result, lexicon, framing.read_stopwords())

The names are imported on first use (PEP 562), so that ``import framing`` and therefore
``framing --help`` do not load NumPy, scikit-learn and the comparison engine.
"""

from __future__ import annotations

__version__ = "0.1.0"  # the one place the version is written (pyproject.toml reads it)

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from framing.compare.engine import ComparisonBuilder, compare
    from framing.compare.model import (
        ActorPortrayal,
        Clustering,
        Comparison,
        DistinguishingTerm,
        Epithet,
        Estimate,
        GroupProfile,
        TargetStance,
        VariantShare,
    )
    from framing.compare.vocabulary import VocabularyProfile
    from framing.corpus.readers import CorpusReader, read_corpus
    from framing.errors import FramingError, InputError, LexiconError, UsageError
    from framing.lexicon.loader import read_lexicon, read_stopwords
    from framing.lexicon.model import Actor, Concept, Lexicon, Pack, Variant
    from framing.lexicon.topics import PackChoice, PackDecision, TopicRule, choose_packs
    from framing.model import (
        ActorMention,
        ActorSentiment,
        Article,
        ArticleScore,
        Corpus,
        Readability,
        Removal,
        ScoredCorpus,
        Sentence,
        Sentiment,
        Skipped,
        TermHit,
    )
    from framing.scoring.scorer import Scorer, score_articles, score_corpus
    from framing.settings import CompareSettings, ScoringSettings
    from framing.store import ScoreStore
    from framing.stories.build import stories_of
    from framing.stories.model import Story, StoryComparison

_LOCATIONS = {
    "Actor": "framing.lexicon.model",
    "ActorMention": "framing.model",
    "ActorPortrayal": "framing.compare.model",
    "ActorSentiment": "framing.model",
    "Article": "framing.model",
    "ArticleScore": "framing.model",
    "Clustering": "framing.compare.model",
    "CompareSettings": "framing.settings",
    "Comparison": "framing.compare.model",
    "ComparisonBuilder": "framing.compare.engine",
    "Concept": "framing.lexicon.model",
    "Corpus": "framing.model",
    "CorpusReader": "framing.corpus.readers",
    "DistinguishingTerm": "framing.compare.model",
    "Epithet": "framing.compare.model",
    "Estimate": "framing.compare.model",
    "FramingError": "framing.errors",
    "GroupProfile": "framing.compare.model",
    "InputError": "framing.errors",
    "Lexicon": "framing.lexicon.model",
    "LexiconError": "framing.errors",
    "Pack": "framing.lexicon.model",
    "PackChoice": "framing.lexicon.topics",
    "PackDecision": "framing.lexicon.topics",
    "Readability": "framing.model",
    "Removal": "framing.model",
    "ScoreStore": "framing.store",
    "ScoredCorpus": "framing.model",
    "Scorer": "framing.scoring.scorer",
    "ScoringSettings": "framing.settings",
    "Sentence": "framing.model",
    "Sentiment": "framing.model",
    "Skipped": "framing.model",
    "Story": "framing.stories.model",
    "StoryComparison": "framing.stories.model",
    "TargetStance": "framing.compare.model",
    "TermHit": "framing.model",
    "TopicRule": "framing.lexicon.topics",
    "UsageError": "framing.errors",
    "Variant": "framing.lexicon.model",
    "VariantShare": "framing.compare.model",
    "VocabularyProfile": "framing.compare.vocabulary",
    "choose_packs": "framing.lexicon.topics",
    "compare": "framing.compare.engine",
    "read_corpus": "framing.corpus.readers",
    "read_lexicon": "framing.lexicon.loader",
    "read_stopwords": "framing.lexicon.loader",
    "score_articles": "framing.scoring.scorer",
    "score_corpus": "framing.scoring.scorer",
    "stories_of": "framing.stories.build",
}

__all__ = [
    "Actor",
    "ActorMention",
    "ActorPortrayal",
    "ActorSentiment",
    "Article",
    "ArticleScore",
    "Clustering",
    "CompareSettings",
    "Comparison",
    "ComparisonBuilder",
    "Concept",
    "Corpus",
    "CorpusReader",
    "DistinguishingTerm",
    "Epithet",
    "Estimate",
    "FramingError",
    "GroupProfile",
    "InputError",
    "Lexicon",
    "LexiconError",
    "Pack",
    "PackChoice",
    "PackDecision",
    "Readability",
    "Removal",
    "ScoreStore",
    "ScoredCorpus",
    "Scorer",
    "ScoringSettings",
    "Sentence",
    "Sentiment",
    "Skipped",
    "Story",
    "StoryComparison",
    "TargetStance",
    "TermHit",
    "TopicRule",
    "UsageError",
    "Variant",
    "VariantShare",
    "VocabularyProfile",
    "choose_packs",
    "compare",
    "read_corpus",
    "read_lexicon",
    "read_stopwords",
    "score_articles",
    "score_corpus",
    "stories_of",
]


def __getattr__(name: str) -> Any:
    """Import a public name from the module that defines it, on first use."""
    module = _LOCATIONS.get(name)
    if module is None:
        raise AttributeError(f"module 'framing' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])


class _Framing(types.ModuleType):
    """The package module, whose ``compare`` is always the function.

    Importing the subpackage ``framing.compare`` sets the package attribute ``compare`` to that
    subpackage; eagerly importing the function afterwards used to hide this, and a lazy import
    cannot, so the attribute is a property that ignores the assignment.
    """

    @property
    def compare(self) -> Any:
        return importlib.import_module("framing.compare.engine").compare

    @compare.setter
    def compare(self, value: object) -> None:
        """Ignore the import system binding the subpackage; the function keeps the name."""


sys.modules[__name__].__class__ = _Framing
