"""framing: show how news outlets frame the same subject.

Three calls give a researcher what the command line renders::

    import framing
    corpus = framing.read_corpus(["seeds/"])
    choice = framing.choose_packs(corpus.articles, framing.read_lexicon())
    lexicon = choice.lexicon          # the general packs, and the topic packs the corpus is about
    result = framing.score_corpus(corpus, lexicon)
    comparison = framing.compare(result, lexicon, framing.read_stopwords())
"""

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
]
